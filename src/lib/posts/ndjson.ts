/**
 * Reading and writing the posts NDJSON format of docs/formats.md: one JSON object per line,
 * UTF-8. Pure module (no Node built-ins): runs in the browser, a worker and the CLI.
 *
 * Line rules, shared by the whole-text and the streaming reader:
 * - lines end with "\n"; a "\r" before it is accepted (CRLF files); a last line without a
 *   newline is read; a file that ends with "\n" has no extra empty last line;
 * - line numbers are 1-based physical lines, blank lines included;
 * - blank lines (only spaces, tabs, "\r") are skipped, not errors;
 * - a UTF-8 byte order mark at the start of line 1 is ignored (anywhere else it is an error);
 * - every valid line is kept; each invalid line gives one error with its line number.
 * Rules for one post: see validate.ts.
 */

import { postKey, type Post } from './post';
import { validatePost } from './validate';

export { validatePost, checkTimestamp, isLanguageTag } from './validate';
export type { ValidationResult } from './validate';

export interface LineError {
	line: number;
	reason: string;
}

export type LineResult = { ok: true; post: Post } | { ok: false; error: LineError };

/** A post, or a line's error with the line as received (decoded, at most RAW_MAX_CHARS; absent
 * for a line that was too long to keep). */
export type StreamItem = { post: Post; line: number } | { error: LineError; raw?: string };

/** How much of a rejected line a StreamItem keeps. */
export const RAW_MAX_CHARS = 4096;

export interface ReadResult {
	/** Valid posts in file order, each (source, id) once: the first occurrence wins. */
	posts: Post[];
	errors: LineError[];
	/** Valid lines dropped because an earlier line had the same (source, id). */
	duplicates: number;
	/** Physical lines in the input (blank ones included). */
	lines: number;
}

export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

const BOM = '\uFEFF';
const BLANK_RE = /^[ \t\r]*$/;

/** Parse and validate one line (without its "\n"). */
export function parsePostLine(line: string, lineNo: number): LineResult {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch (e) {
		return {
			ok: false,
			error: { line: lineNo, reason: `invalid JSON: ${(e as Error).message}` }
		};
	}
	const r = validatePost(value);
	return r.ok ? r : { ok: false, error: { line: lineNo, reason: r.reason } };
}

/** Remembers (source, id) pairs; `seen` says whether the post's pair was seen before. */
export class Deduper {
	private keys = new Set<string>();
	/** True when a post with the same (source, id) was seen before; records it otherwise. */
	seen(post: Pick<Post, 'source' | 'id'>): boolean {
		const k = postKey(post);
		if (this.keys.has(k)) return true;
		this.keys.add(k);
		return false;
	}
	get size(): number {
		return this.keys.size;
	}
}

/** Read a whole NDJSON text. */
export function readPostsNdjson(text: string): ReadResult {
	const posts: Post[] = [];
	const errors: LineError[] = [];
	const dedupe = new Deduper();
	let duplicates = 0;
	let lineNo = 0;
	let pos = text.startsWith(BOM) ? 1 : 0;
	const n = text.length;
	while (pos < n) {
		let nl = text.indexOf('\n', pos);
		if (nl === -1) nl = n;
		lineNo++;
		const line = text.slice(pos, nl);
		pos = nl + 1;
		if (BLANK_RE.test(line)) continue;
		const r = parsePostLine(line, lineNo);
		if (!r.ok) errors.push(r.error);
		else if (dedupe.seen(r.post)) duplicates++;
		else posts.push(r.post);
	}
	return { posts, errors, duplicates, lines: lineNo };
}

function concat(parts: Uint8Array[], len: number): Uint8Array {
	if (parts.length === 1) return parts[0];
	const out = new Uint8Array(len);
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

/**
 * Read posts NDJSON from a stream of chunks (bytes, or strings which are encoded as UTF-8),
 * yielding each valid post with its line number and each invalid line as an error, in order.
 * Memory stays bounded by `maxLineBytes` (default 1 MiB, counted without the line end): a
 * longer line is skipped without being buffered and reported as an error. Each line is
 * decoded on its own, so invalid UTF-8 rejects only that line. Duplicates are not removed
 * here: use a `Deduper`.
 */
export async function* readPostsStream(
	chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
	opts: { maxLineBytes?: number } = {}
): AsyncGenerator<StreamItem, void, undefined> {
	const max = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
	const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
	const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
	const encoder = new TextEncoder();
	let parts: Uint8Array[] = [];
	let partLen = 0;
	let tooLong = false;
	let open = false; // bytes of the current line have been seen
	let lineNo = 0;
	let pendingHigh = ''; // a high surrogate that ended a string chunk

	const finishLine = (): StreamItem | null => {
		lineNo++;
		const wasTooLong = tooLong;
		const bytes = wasTooLong ? null : concat(parts, partLen);
		parts = [];
		partLen = 0;
		tooLong = false;
		open = false;
		if (!bytes) return { error: { line: lineNo, reason: `line longer than ${max} bytes` } };
		const contentLen =
			bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
		if (contentLen > max)
			return { error: { line: lineNo, reason: `line longer than ${max} bytes` } };
		let line: string;
		try {
			line = decoder.decode(bytes);
		} catch {
			const raw = lenient.decode(bytes.subarray(0, RAW_MAX_CHARS * 4)).slice(0, RAW_MAX_CHARS);
			return { error: { line: lineNo, reason: 'invalid UTF-8' }, raw };
		}
		if (lineNo === 1 && line.startsWith(BOM)) line = line.slice(1);
		if (BLANK_RE.test(line)) return null;
		const r = parsePostLine(line, lineNo);
		return r.ok
			? { post: r.post, line: lineNo }
			: { error: r.error, raw: line.slice(0, RAW_MAX_CHARS) };
	};

	for await (const chunk of chunks) {
		let b: Uint8Array;
		if (typeof chunk === 'string') {
			let s = pendingHigh + chunk;
			pendingHigh = '';
			const last = s.charCodeAt(s.length - 1);
			if (last >= 0xd800 && last <= 0xdbff) {
				pendingHigh = s.slice(-1);
				s = s.slice(0, -1);
			}
			b = encoder.encode(s);
		} else b = chunk;
		let pos = 0;
		while (pos < b.length) {
			const nl = b.indexOf(10, pos);
			const end = nl === -1 ? b.length : nl;
			if (end > pos) {
				open = true;
				if (!tooLong) {
					if (partLen + (end - pos) > max + 1) {
						// Longer than allowed even with a "\r": stop buffering this line.
						tooLong = true;
						parts = [];
						partLen = 0;
					} else {
						// Copy what outlives this chunk: the caller may reuse its buffer.
						// (Uint8Array's slice copies; a Node Buffer's own slice would not.)
						parts.push(
							nl === -1 ? Uint8Array.prototype.slice.call(b, pos, end) : b.subarray(pos, end)
						);
						partLen += end - pos;
					}
				}
			}
			if (nl === -1) break;
			const item = finishLine();
			if (item) yield item;
			pos = nl + 1;
		}
	}
	if (pendingHigh) {
		const b = encoder.encode(pendingHigh);
		if (!tooLong) {
			parts.push(b);
			partLen += b.length;
		}
		open = true;
	}
	if (open) {
		const item = finishLine();
		if (item) yield item;
	}
}

/**
 * One post as one NDJSON line (without "\n"): keys in the order of the format's table,
 * absent optional fields omitted, fields outside the format (e.g. of a LocatedPost) left out.
 * Throws an Error naming the field when the post breaks the format.
 */
export function serializePost(post: Post): string {
	const r = validatePost(post);
	if (!r.ok) throw new Error(`post ${JSON.stringify(String(post?.id))}: ${r.reason}`);
	return JSON.stringify(r.post);
}

/** Posts as NDJSON text; every line, the last included, ends with "\n". */
export function writePostsNdjson(posts: Iterable<Post>): string {
	const out: string[] = [];
	for (const p of posts) out.push(serializePost(p));
	return out.length ? out.join('\n') + '\n' : '';
}

/** Errors as lines `line 12: reason`, at most `max`, then `… and N more`. */
export function formatErrors(errors: readonly LineError[], max = 20): string {
	const shown = errors.slice(0, Math.max(0, max)).map((e) => `line ${e.line}: ${e.reason}`);
	if (errors.length > shown.length) shown.push(`… and ${errors.length - shown.length} more`);
	return shown.join('\n');
}
