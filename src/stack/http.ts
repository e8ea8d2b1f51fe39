/** Small HTTP helpers shared by the REST, auth and realtime endpoints of the local stack. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const BODY_LIMIT = 16 * 1024 * 1024;

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: Record<string, unknown>
	) {
		super(String(body.message ?? body.msg ?? status));
	}
}

/** CORS headers as a Supabase project sends them, so the stack also works cross-origin. */
export const CORS_HEADERS: Record<string, string> = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD',
	'access-control-allow-headers':
		'authorization, x-client-info, apikey, content-type, content-profile, accept-profile, prefer, range, x-supabase-api-version, x-retry-count',
	'access-control-expose-headers': 'content-range, x-supabase-api-version',
	'access-control-max-age': '86400'
};

/** Reads the request body up to `limit` bytes; 413 beyond it. */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const declared = Number(req.headers['content-length']);
		if (Number.isFinite(declared) && declared > limit) {
			reject(tooLarge(limit));
			req.resume();
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		let failed = false;
		req.on('data', (c: Buffer) => {
			if (failed) return;
			size += c.length;
			if (size > limit) {
				failed = true;
				reject(tooLarge(limit));
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => failed || resolve(Buffer.concat(chunks)));
		req.on('error', (e) => failed || reject(e));
	});
}

function tooLarge(limit: number) {
	return new HttpError(413, {
		code: 'PGRST413',
		details: null,
		hint: null,
		message: `Request body larger than ${Math.round(limit / 1024 / 1024)} MB`
	});
}

/** Parses a JSON body; empty means `empty`. */
export function parseJson(buf: Buffer, empty: unknown, onError: (msg: string) => HttpError) {
	if (buf.length === 0) return empty;
	try {
		return JSON.parse(buf.toString('utf8'));
	} catch (e) {
		throw onError((e as Error).message);
	}
}

export function send(
	res: ServerResponse,
	status: number,
	body: string | null,
	headers: Record<string, string> = {}
) {
	if (res.headersSent) return;
	const h: Record<string, string> = { ...CORS_HEADERS, ...headers };
	if (body !== null) {
		h['content-type'] ??= 'application/json; charset=utf-8';
		h['content-length'] = String(Buffer.byteLength(body));
	}
	res.writeHead(status, h);
	res.end(body ?? undefined);
}

export function sendJson(
	res: ServerResponse,
	status: number,
	value: unknown,
	headers?: Record<string, string>
) {
	send(res, status, JSON.stringify(value), headers);
}

/** The token of a request: `Authorization: Bearer`, else the `apikey` header. */
export function requestToken(req: IncomingMessage): string | null {
	const auth = req.headers.authorization;
	if (typeof auth === 'string') {
		const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
		if (m) return m[1];
	}
	const key = req.headers.apikey;
	return typeof key === 'string' && key ? key : null;
}

/** Request headers as one JSON object (for `request.headers`), lower-case names, no secrets. */
export function headersJson(req: IncomingMessage): string {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers)) {
		if (k === 'authorization' || k === 'apikey' || k === 'cookie' || v === undefined) continue;
		out[k] = Array.isArray(v) ? v.join(', ') : v;
	}
	return JSON.stringify(out);
}
