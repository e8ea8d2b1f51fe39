/**
 * POST /api/locate: a posts NDJSON file that a signed-in user opened on the map, validated and
 * located (nothing is stored). Issue 10, item 5: it was open to anyone, for bodies up to 20 MiB.
 *
 * - `Authorization: Bearer <access token>` of a signed-in user (the Supabase session's
 *   access_token). Checked with the configured Supabase's auth (`GET /auth/v1/user`: the
 *   embedded stack's or the project's): missing or not a user's valid token → 401; the auth
 *   service unreachable or none configured → 503.
 * - Body at most `maxBytes` (8 MiB; about 40,000 posts): 413, before it is read when
 *   Content-Length says so, else as soon as it passes the cap.
 * - At most LOCATE_CONCURRENT requests at once (from sign-in check to answer); more: 429.
 * - Answer: `{posts, errors, duplicates, lines}` (the located valid posts; per rejected line its
 *   number and reason).
 */
import { BodyError, readBody } from './ingest-api';

export const LOCATE_MAX_BYTES = 8 * 1024 * 1024;
/** Files located at once (the rest get 429 with Retry-After). */
export const LOCATE_CONCURRENT = 2;

export type UserCheck = 'user' | 'invalid' | 'unavailable';

export interface LocateDeps {
	/** Whether a token is a signed-in user's valid access token. */
	verifyUser(token: string): Promise<UserCheck>;
	/** The answer for a file's text. */
	locate(text: string): Promise<unknown>;
	maxBytes?: number;
	/** Requests handled at once; more get 429 (default LOCATE_CONCURRENT). */
	concurrent?: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
	});
}

export function bearerToken(request: Request): string | null {
	const m = /^Bearer\s+(\S{1,8192})\s*$/i.exec(request.headers.get('authorization') ?? '');
	return m ? m[1] : null;
}

export function createLocateHandler(deps: LocateDeps): (request: Request) => Promise<Response> {
	const max = deps.maxBytes ?? LOCATE_MAX_BYTES;
	const mib = `${Math.round((max / 1024 / 1024) * 10) / 10} MiB`;
	const limit = deps.concurrent ?? LOCATE_CONCURRENT;
	let running = 0;
	return async (request) => {
		// Locating takes the server's own thread (in chunks): a few files at a time, not a flood.
		if (running >= limit)
			return json(
				429,
				{ error: `the server is locating ${limit} files already; try again in a few seconds` },
				{ 'retry-after': '5' }
			);
		running++;
		try {
			return await handle(request);
		} finally {
			running--;
		}
	};

	async function handle(request: Request): Promise<Response> {
		const token = bearerToken(request);
		if (!token)
			return json(
				401,
				{ error: 'sign in first: send the access token (Authorization: Bearer <token>)' },
				{ 'www-authenticate': 'Bearer' }
			);
		const who = await deps.verifyUser(token).catch((): UserCheck => 'unavailable');
		if (who === 'invalid')
			return json(
				401,
				{ error: 'the access token is not valid (expired or signed out): sign in again' },
				{ 'www-authenticate': 'Bearer error="invalid_token"' }
			);
		if (who === 'unavailable')
			return json(503, { error: 'sign-in cannot be checked now; try again' });
		// SvelteKit's Node adapter drops the body of a request without a type.
		if (!request.headers.get('content-type'))
			return json(415, { error: 'send the file as Content-Type: application/x-ndjson' });
		let body: Uint8Array;
		try {
			body = await readBody(request, max);
		} catch (e) {
			const err = e as BodyError;
			if (err.status === 413) return json(413, { error: `file larger than ${mib}` });
			return json(err.status ?? 400, { error: err.message });
		}
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(body);
		} catch {
			return json(400, { error: 'the file is not UTF-8 text' });
		}
		return json(200, await deps.locate(text));
	}
}

/**
 * A user check against a Supabase auth service (`GET {url}/auth/v1/user` with the anon key):
 * 200 is a user; 401/403 (and 400/404: no such user or session) is not; anything else, or no
 * answer within 5 s, is "unavailable".
 */
export function supabaseUserCheck(
	url: string,
	anonKey: string,
	fetcher: typeof fetch = fetch
): (token: string) => Promise<UserCheck> {
	const base = url.replace(/\/+$/, '');
	return async (token) => {
		const res = await fetcher(`${base}/auth/v1/user`, {
			headers: { authorization: `Bearer ${token}`, apikey: anonKey },
			signal: AbortSignal.timeout(5_000)
		});
		await res.body?.cancel().catch(() => {});
		if (res.status === 200) return 'user';
		if ([400, 401, 403, 404].includes(res.status)) return 'invalid';
		return 'unavailable';
	};
}
