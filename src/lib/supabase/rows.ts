/**
 * Validation of "client post rows" (docs/backend.md): what `posts_in_window`, `posts_since` and
 * the Realtime `posts` payload carry. Realtime payloads are hostile input: every item is checked,
 * the valid ones are kept and each invalid one is reported with where and why.
 * Pure module: no supabase-js.
 */
import type { FeedProblem } from '../feed/feed';
import { validatePost } from '../posts/ndjson';
import { checkTimestamp } from '../posts/validate';
import type { LocateMethod, LocatedPost } from '../posts/post';

const METHODS: readonly string[] = [
	'gps',
	'place',
	'text',
	'none',
	'manual'
] satisfies LocateMethod[];

/** A valid row: the post as the map uses it, and when the database took it in (epoch ms). */
export interface ClientRow {
	post: LocatedPost;
	ingestedAt: number;
}

export type RowResult = ({ ok: true } & ClientRow) | { ok: false; reason: string };

export interface RowBatch {
	rows: ClientRow[];
	problems: FeedProblem[];
}

/**
 * PostgreSQL's text form of a timestamptz (`2012-09-21 18:00:00.123456+00`) as ISO 8601
 * (`2012-09-21T18:00:00.123456+00:00`); anything else is returned unchanged for the checks.
 */
export function isoTimestamp(s: string): string {
	const m =
		/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)$/.exec(s);
	if (!m) return s;
	let zone = m[3];
	if (/^[+-]\d{2}$/.test(zone)) zone += ':00';
	else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
	return `${m[1]}T${m[2]}${zone}`;
}

function timestamp(v: unknown, key: string): { value: string; ms: number } | { reason: string } {
	if (typeof v !== 'string') return { reason: `${key}: expected an ISO timestamp string` };
	const iso = isoTimestamp(v);
	const problem = checkTimestamp(iso);
	if (problem) return { reason: `${key}: ${problem}` };
	return { value: iso, ms: Date.parse(iso) };
}

/** Validate one client post row. */
export function validateClientRow(value: unknown): RowResult {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return { ok: false, reason: 'expected a JSON object' };
	const v = value as Record<string, unknown>;

	const created = timestamp(v.created_at, 'created_at');
	if ('reason' in created) return { ok: false, reason: created.reason };
	const ingested = timestamp(v.ingested_at, 'ingested_at');
	if ('reason' in ingested) return { ok: false, reason: ingested.reason };

	const method = v.method;
	if (typeof method !== 'string' || !METHODS.includes(method))
		return { ok: false, reason: `method: expected one of ${METHODS.join(', ')}` };

	let pos: [number, number] | undefined;
	if (method !== 'none') {
		const { x, y } = v;
		if (
			typeof x !== 'number' ||
			typeof y !== 'number' ||
			!Number.isFinite(x) ||
			!Number.isFinite(y) ||
			Math.abs(x) > 180 ||
			Math.abs(y) > 90
		)
			return { ok: false, reason: 'x/y: expected longitude and latitude within WGS 84 range' };
		pos = [x, y];
	}

	let precision: number | undefined;
	if (v.precision_m !== undefined && v.precision_m !== null) {
		const p = v.precision_m;
		if (typeof p !== 'number' || !Number.isFinite(p) || p < 0)
			return { ok: false, reason: 'precision_m: expected a non-negative number' };
		precision = p;
	}

	// The post format's own checks (id, source, author, text, optional fields). Coordinates are
	// the post's own geotag only when the method says so.
	const base = validatePost({
		id: v.id,
		source: v.source,
		author: v.author,
		created_at: created.value,
		text: v.text,
		place: v.place,
		lang: v.lang,
		reply_to: v.reply_to,
		repost_of: v.repost_of,
		url: v.url,
		engagement: v.engagement,
		...(method === 'gps' && pos ? { lon: pos[0], lat: pos[1] } : {})
	});
	if (!base.ok) return base;

	const post: LocatedPost = { ...base.post, t: created.ms, method: method as LocateMethod };
	if (pos) {
		post.pos = pos;
		if (precision !== undefined) post.precision_m = precision;
		if (typeof v.located_as === 'string' && v.located_as.length <= 200)
			post.located_as = v.located_as;
	}
	return { ok: true, post, ingestedAt: ingested.ms };
}

/** Validate an array of rows; `where` names the response or message in the problems. */
export function validateClientRows(items: unknown, where: string): RowBatch {
	if (!Array.isArray(items))
		return { rows: [], problems: [{ where, reason: 'expected a JSON array of post rows' }] };
	const rows: ClientRow[] = [];
	const problems: FeedProblem[] = [];
	items.forEach((item, i) => {
		const r = validateClientRow(item);
		if (r.ok) rows.push({ post: r.post, ingestedAt: r.ingestedAt });
		else problems.push({ where: `${where} item ${i}`, reason: r.reason });
	});
	return { rows, problems };
}

/** Validate a Realtime `posts` payload: `{"posts": [client post row, ...]}`. */
export function validatePostsPayload(payload: unknown, where: string): RowBatch {
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
		return { rows: [], problems: [{ where, reason: 'expected an object with "posts"' }] };
	const posts = (payload as Record<string, unknown>).posts;
	return validateClientRows(posts, where);
}
