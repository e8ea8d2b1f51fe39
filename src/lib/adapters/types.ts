/**
 * What an adapter for an open network makes of one message of its stream.
 * Pure module: no UI, map, database or Node imports.
 */
import type { Post } from '../posts/post';
import { validatePost } from '../posts/validate';

/**
 * - `post`: a post in the posts format of docs/formats.md; it has passed `validatePost`.
 * - `skip`: a well-formed message that carries no new post (a delete, an edit, a like, an account
 *   or identity change, a heartbeat); `reason` says which.
 * - `error`: a message that should have carried a post but is malformed, or whose post breaks the
 *   posts format (`reason` is then the validation reason).
 */
export type AdapterResult =
	| { kind: 'post'; post: Post }
	| { kind: 'skip'; reason: string }
	| { kind: 'error'; reason: string };

export const skip = (reason: string): AdapterResult => ({ kind: 'skip', reason });
export const fail = (reason: string): AdapterResult => ({ kind: 'error', reason });

/** Validate a candidate post: a 'post' result with the normalised post, or the reason as 'error'. */
export function checked(candidate: Post): AdapterResult {
	const r = validatePost(candidate);
	return r.ok ? { kind: 'post', post: r.post } : { kind: 'error', reason: r.reason };
}

/** Whether `v` is a plain (non-array, non-null) object. */
export function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string cut to `max` characters for a reason text (reasons stay short and single-line). */
export function clip(s: string, max = 60): string {
	// eslint-disable-next-line no-control-regex
	const one = s.replace(/[\u0000-\u001f\u007f]/g, ' ');
	return one.length > max ? one.slice(0, max) + '…' : one;
}
