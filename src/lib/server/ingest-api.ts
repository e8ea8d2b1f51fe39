/**
 * POST /api/ingest (issue 5): posts from other systems, through the ingest pipeline.
 *
 * Request
 * - `Authorization: Bearer <key>` (or `X-Api-Key: <key>`): a key made with
 *   `npx uitkijk api-key create NAME [--source S]`. Only its SHA-256 is stored; a key can be bound
 *   to one source and revoked. Missing or unknown: 401; revoked: 403.
 * - Body: NDJSON (`application/x-ndjson`, `application/jsonl`, `application/json-seq` or
 *   `text/plain`), one post per line, or a JSON array of posts (`application/json`; a single
 *   object is one post). No Content-Type or another type: 415 naming the types to send
 *   (SvelteKit's Node adapter drops the body of a request without a type, so it would
 *   otherwise be read as empty: 200 with nothing stored). At most `maxBodyBytes` (default 32 MiB; 413 before anything is stored)
 *   and 1 MiB per NDJSON line (a longer line is rejected on its own).
 * - Rate: each key has requests and posts per minute (token buckets, refilled continuously);
 *   over either: 429 with Retry-After, nothing stored.
 *
 * Answer (200): `{received, stored, duplicates, rejected, results: [{line, status, source?, id?,
 * reason?}]}` with one result per line or array element, in order: `stored`, `duplicate` (this
 * (source, id) was stored before, or earlier in the request) or `rejected` with the reason.
 * Rejected lines also go to the dead-letter store. A body that is not a JSON array where one was
 * announced: 400. The whole body is read before anything is stored: a client that disconnects
 * mid-body stores nothing, and its retry stores every valid post once.
 * If the database fails mid-request: 503; what was stored stays stored, and a retry reports it
 * as duplicates.
 */
import type { IngestItem, Pipeline } from '../ingest/pipeline';
import { readPostsStream } from '../posts/ndjson';

export interface ApiKey {
	name: string;
	source: string | null;
	requests_per_min: number;
	posts_per_min: number;
	revoked: boolean;
}

export interface IngestApiDeps {
	/** The key with this SHA-256 (hex), or null. */
	lookupKey(hash: string): Promise<ApiKey | null>;
	/** A fresh pipeline for one request. */
	pipeline(key: ApiKey): Promise<Pipeline>;
	/** SHA-256 hex of a string. */
	sha256(s: string): Promise<string>;
	maxBodyBytes?: number;
	/** How long a key lookup is cached, ms (default 10 s: a revocation takes effect within it). */
	keyCacheMs?: number;
	now?: () => number;
	log?: (m: string) => void;
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
	});
}

export class BodyError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

/** The body as bytes, at most max; 413 beyond, 400 when the client goes away mid-body. */
export async function readBody(request: Request, max: number): Promise<Uint8Array> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > max)
		throw new BodyError(413, `body of ${declared} bytes is over the limit of ${max} bytes`);
	if (!request.body) return new Uint8Array(0);
	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let n = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			n += value.length;
			if (n > max) {
				await reader.cancel().catch(() => {});
				throw new BodyError(413, `body over the limit of ${max} bytes`);
			}
			parts.push(value);
		}
	} catch (e) {
		if (e instanceof BodyError) throw e;
		throw new BodyError(400, `the body was not received completely (${(e as Error).message})`);
	}
	const out = new Uint8Array(n);
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

interface Bucket {
	tokens: number;
	at: number;
}

/** Refill a bucket for the time passed (continuously, perMin a minute, at most perMin). */
function refill(b: Bucket, perMin: number, now: number): void {
	b.tokens = Math.min(perMin, b.tokens + ((now - b.at) / 60_000) * perMin);
	b.at = now;
}

export function createIngestHandler(deps: IngestApiDeps): (request: Request) => Promise<Response> {
	const max = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
	const cacheMs = deps.keyCacheMs ?? 10_000;
	const now = deps.now ?? Date.now;
	const cache = new Map<string, { key: ApiKey | null; at: number }>();
	const requests = new Map<string, Bucket>();
	const posts = new Map<string, Bucket>();

	async function keyOf(secret: string): Promise<ApiKey | null> {
		const hash = await deps.sha256(secret);
		const hit = cache.get(hash);
		if (hit && now() - hit.at < cacheMs) return hit.key;
		const key = await deps.lookupKey(hash);
		if (cache.size > 10_000) cache.clear();
		cache.set(hash, { key, at: now() });
		return key;
	}

	return async (request: Request): Promise<Response> => {
		const auth = request.headers.get('authorization');
		const secret =
			(auth && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, '').trim() : null) ??
			request.headers.get('x-api-key')?.trim() ??
			null;
		if (!secret)
			return json(
				401,
				{ error: 'an API key is required (Authorization: Bearer <key>)' },
				{ 'www-authenticate': 'Bearer' }
			);
		if (secret.length > 200) return json(401, { error: 'unknown API key' });
		let key: ApiKey | null;
		try {
			key = await keyOf(secret);
		} catch (e) {
			deps.log?.(`api key lookup failed: ${(e as Error).message}`);
			return json(503, { error: 'the key store is unavailable, try again' });
		}
		if (!key) return json(401, { error: 'unknown API key' }, { 'www-authenticate': 'Bearer' });
		if (key.revoked) return json(403, { error: `API key ${key.name} is revoked` });

		const t = now();
		const rb = requests.get(key.name) ?? { tokens: key.requests_per_min, at: t };
		const pb = posts.get(key.name) ?? { tokens: key.posts_per_min, at: t };
		requests.set(key.name, rb);
		posts.set(key.name, pb);
		refill(rb, key.requests_per_min, t);
		refill(pb, key.posts_per_min, t);
		// A request needs a request token and posts left this minute. A request's posts are taken
		// once it is read and may leave the bucket below zero: the next requests then wait.
		if (rb.tokens < 1 || pb.tokens < 1) {
			// Seconds until both buckets hold a token again.
			const need = (b: Bucket, perMin: number) => (Math.max(0, 1 - b.tokens) / perMin) * 60;
			const wait = Math.max(
				1,
				Math.ceil(Math.max(need(rb, key.requests_per_min), need(pb, key.posts_per_min)))
			);
			return json(
				429,
				{
					error: `rate limit of key ${key.name}: ${key.requests_per_min} requests and ${key.posts_per_min} posts per minute`
				},
				{ 'retry-after': String(wait) }
			);
		}

		rb.tokens -= 1;

		const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
		const isArray = type === 'application/json';
		if (type === '')
			return json(415, {
				error:
					'no Content-Type: send NDJSON (Content-Type: application/x-ndjson, one post per line) or a JSON array of posts (Content-Type: application/json)'
			});
		if (
			!isArray &&
			type !== 'application/x-ndjson' &&
			type !== 'application/jsonl' &&
			type !== 'application/json-seq' &&
			type !== 'text/plain'
		)
			return json(415, {
				error: `content type ${type} is not accepted: send NDJSON (application/x-ndjson) or a JSON array (application/json)`
			});

		let body: Uint8Array;
		try {
			body = await readBody(request, max);
		} catch (e) {
			const err = e as BodyError;
			return json(err.status ?? 400, { error: err.message });
		}

		const items: IngestItem[] = [];
		if (isArray) {
			let value: unknown;
			try {
				value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
			} catch (e) {
				return json(400, {
					error: `the body is not valid JSON (${(e as Error).message}); send a JSON array of posts, or NDJSON`
				});
			}
			const list = Array.isArray(value) ? value : [value];
			list.forEach((v, i) => items.push({ line: i + 1, value: v }));
		} else {
			for await (const r of readPostsStream([body]))
				items.push(
					'post' in r
						? { line: r.line, post: r.post }
						: { line: r.error.line, error: r.error.reason, ...(r.raw ? { raw: r.raw } : {}) }
				);
		}

		let pipeline: Pipeline;
		try {
			pipeline = await deps.pipeline(key);
			await pipeline.add(items);
			await pipeline.flush();
		} catch (e) {
			deps.log?.(`ingest for key ${key.name} failed: ${(e as Error).message}`);
			return json(503, {
				error:
					'the database failed during the request; retry it (what was stored is reported as duplicates)'
			});
		}
		const s = pipeline.summary();
		pb.tokens -= s.received;
		return json(200, {
			received: s.received,
			stored: s.stored,
			duplicates: s.duplicates,
			rejected: s.rejected,
			results: pipeline.outcomes
		});
	};
}
