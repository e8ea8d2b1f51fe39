/**
 * Validation of located posts as they arrive over the wire (the scenario endpoint now, Realtime
 * payloads later): the post itself must satisfy the posts format, and the location fields the
 * server added must be well-formed. Pure module.
 */
import { validatePost } from '../posts/ndjson';
import type { LocateMethod, LocatedPost } from '../posts/post';
import type { FeedBatch } from './feed';

const METHODS: readonly LocateMethod[] = ['gps', 'place', 'text', 'none'];

export function validateLocated(
	value: unknown
): { ok: true; post: LocatedPost } | { ok: false; reason: string } {
	const base = validatePost(value);
	if (!base.ok) return base;
	const v = value as Record<string, unknown>;
	const method = v.method;
	if (typeof method !== 'string' || !METHODS.includes(method as LocateMethod)) {
		return { ok: false, reason: `method: expected one of ${METHODS.join(', ')}` };
	}
	const t = Date.parse(base.post.created_at);
	const post: LocatedPost = { ...base.post, t, method: method as LocateMethod };
	if (method !== 'none') {
		const pos = v.pos;
		if (
			!Array.isArray(pos) ||
			pos.length !== 2 ||
			!Number.isFinite(pos[0]) ||
			!Number.isFinite(pos[1]) ||
			Math.abs(pos[0]) > 180 ||
			Math.abs(pos[1]) > 90
		) {
			return { ok: false, reason: 'pos: expected [lon, lat] within WGS 84 range' };
		}
		const precision = v.precision_m;
		if (typeof precision !== 'number' || !(precision >= 0) || !Number.isFinite(precision)) {
			return { ok: false, reason: 'precision_m: expected a non-negative number' };
		}
		post.pos = [pos[0], pos[1]];
		post.precision_m = precision;
		if (typeof v.located_as === 'string') post.located_as = v.located_as;
	}
	return { ok: true, post };
}

/** Validate an array of located posts, keeping the valid ones and saying where the others failed. */
export function validateLocatedBatch(items: unknown): FeedBatch {
	if (!Array.isArray(items)) {
		return {
			posts: [],
			problems: [{ where: 'response', reason: 'expected a JSON array of posts' }]
		};
	}
	const posts: LocatedPost[] = [];
	const problems: FeedBatch['problems'] = [];
	items.forEach((item, i) => {
		const r = validateLocated(item);
		if (r.ok) posts.push(r.post);
		else problems.push({ where: `item ${i}`, reason: r.reason });
	});
	return { posts, problems };
}
