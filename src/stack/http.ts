/** Small HTTP helpers shared by the REST, auth and realtime endpoints of the local stack. */
import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import { cspHeader, SECURITY_HEADERS } from '../lib/security-headers.js';

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

// ---------------------------------------------------------------------------------------------
// Hardening of the HTTP servers (issue 10, items 7 and 8): the embedded server (src/stack/server.ts)
// and the external-Supabase server of scripts/server.ts use these.

export interface HttpTimeouts {
	/** All request headers must arrive within this (Node's headersTimeout). */
	headersMs: number;
	/** A request body must arrive within this from the first byte of the request. */
	bodyMs: number;
	/** The same for POST /api/ingest (up to 32 MiB). */
	ingestBodyMs: number;
	/** A request body that sends no byte for this long is cut (408). */
	bodyIdleMs: number;
}

const envMs = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? v : fallback;
};

/**
 * The defaults: 15 s for the headers, 60 s for a body (120 s for /api/ingest's, at least
 * 2.2 Mbit/s for 32 MiB), 15 s without a byte mid-body. UITKIJK_HTTP_BODY_IDLE_MS and
 * UITKIJK_HTTP_HEADERS_MS change the two short ones (the tests shorten them).
 */
export function httpTimeouts(over: Partial<HttpTimeouts> = {}): HttpTimeouts {
	return {
		headersMs: envMs('UITKIJK_HTTP_HEADERS_MS', 15_000),
		bodyMs: 60_000,
		ingestBodyMs: 120_000,
		bodyIdleMs: envMs('UITKIJK_HTTP_BODY_IDLE_MS', 15_000),
		...over
	};
}

/**
 * Options for `http.createServer`: Node's own limits, as a backstop to watchBody. Node checks
 * them every connectionsCheckingInterval (30 s by default: too coarse for 15 s).
 */
export function serverOptions(t: HttpTimeouts): ServerOptions {
	return {
		headersTimeout: t.headersMs,
		requestTimeout: Math.max(t.bodyMs, t.ingestBodyMs) + t.headersMs,
		connectionsCheckingInterval: Math.max(250, Math.min(2_000, Math.floor(t.headersMs / 4)))
	};
}

interface Watched {
	req: IncomingMessage;
	res: ServerResponse;
	started: number;
	lastBytes: number;
	lastAt: number;
	totalMs: number;
	idleMs: number;
}
const watched = new Set<Watched>();
let watchTimer: ReturnType<typeof setInterval> | null = null;

function sweep() {
	const now = Date.now();
	for (const w of watched) {
		// Watched until the body is in, also after an early answer (a 401 before the body):
		// Node then reads the rest of it to reuse the connection.
		if (w.req.complete || w.req.socket.destroyed) {
			watched.delete(w);
			continue;
		}
		const bytes = w.req.socket.bytesRead;
		if (bytes !== w.lastBytes) {
			w.lastBytes = bytes;
			w.lastAt = now;
		}
		const idle = now - w.lastAt >= w.idleMs;
		if (!idle && now - w.started < w.totalMs) continue;
		watched.delete(w);
		const why = idle
			? `no data for ${Math.round(w.idleMs / 1000)} s`
			: `not received within ${Math.round(w.totalMs / 1000)} s`;
		const socket = w.req.socket;
		if (!w.res.headersSent) {
			const body = JSON.stringify({ message: `Request body timed out: ${why}` });
			w.res.writeHead(408, {
				'content-type': 'application/json; charset=utf-8',
				'content-length': String(Buffer.byteLength(body)),
				connection: 'close'
			});
			w.res.end(body);
		}
		if (w.res.writableFinished) socket.destroy();
		else {
			socket.end();
			setTimeout(() => socket.destroy(), 1_000).unref();
		}
	}
	if (watched.size === 0 && watchTimer) {
		clearInterval(watchTimer);
		watchTimer = null;
	}
}

/**
 * Cuts a request whose body trickles in (slow loris): 408 and the connection closed when no
 * byte arrived for bodyIdleMs, or the body is not complete after bodyMs (ingestBodyMs for
 * POST /api/ingest); when the answer went out before the body was in, the connection is closed. Reads nothing itself (the handler still gets the whole body): it watches
 * the socket's byte count.
 */
export function watchBody(req: IncomingMessage, res: ServerResponse, t: HttpTimeouts): void {
	const hasBody =
		req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
	if (!hasBody || req.complete) return;
	const ingest = req.method === 'POST' && (req.url ?? '').split('?')[0] === '/api/ingest';
	const now = Date.now();
	watched.add({
		req,
		res,
		started: now,
		lastBytes: req.socket.bytesRead,
		lastAt: now,
		totalMs: ingest ? t.ingestBodyMs : t.bodyMs,
		idleMs: t.bodyIdleMs
	});
	if (!watchTimer) {
		const every = Math.max(100, Math.min(1_000, Math.floor(t.bodyIdleMs / 4)));
		watchTimer = setInterval(sweep, every);
		watchTimer.unref();
	}
}

/** Host names of the loopback interface, as URL.hostname writes them. */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

interface HostEntry {
	name: string;
	port: number;
	/** The port is its scheme's default: a Host header without a port matches too. */
	defaultPort: boolean;
}

function hostEntry(name: string, port: number, scheme: 'http' | 'https'): HostEntry {
	return { name, port, defaultPort: port === (scheme === 'https' ? 443 : 80) };
}

/**
 * Which Host headers a server answers (DNS rebinding, issue 10 item 7): the host:port of
 * ORIGIN, the address it listens on, and the loopback names on its port. A Host that names
 * anything else is a page of another site that resolved its own name to this machine.
 */
export function createHostCheck(opts: {
	/** The public origin (ORIGIN), or undefined. */
	origin?: string;
	/** The listening port. */
	port: number;
	/** The listening address, when not a wildcard. */
	host?: string;
	log?: (msg: string) => void;
}): { allowed(host: string | undefined): boolean; allowedList(): string[] } {
	const entries: HostEntry[] = LOOPBACK.map((n) => hostEntry(n, opts.port, 'http'));
	if (opts.host && opts.host !== '0.0.0.0' && opts.host !== '::') {
		const name = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
		entries.push(hostEntry(name.toLowerCase(), opts.port, 'http'));
	}
	if (opts.origin) {
		try {
			const u = new URL(opts.origin);
			const scheme = u.protocol === 'https:' ? 'https' : 'http';
			const port = u.port ? Number(u.port) : scheme === 'https' ? 443 : 80;
			entries.push(hostEntry(u.hostname.toLowerCase(), port, scheme));
		} catch {
			opts.log?.(`ORIGIN ${JSON.stringify(opts.origin)} is not a URL: only loopback hosts served`);
		}
	}
	const logged = new Map<string, number>();
	function allowed(host: string | undefined): boolean {
		const ok = host !== undefined && matches(host);
		if (!ok && opts.log) {
			const key = (host ?? '').slice(0, 200);
			const now = Date.now();
			if ((logged.get(key) ?? 0) <= now - 60_000) {
				if (logged.size >= 1_000) logged.clear();
				logged.set(key, now);
				opts.log(
					`refused a request for host ${host === undefined ? '(none)' : JSON.stringify(key)} with 421 (allowed: ${allowedList().join(', ')}; set ORIGIN to the address browsers use)`
				);
			}
		}
		return ok;
	}
	function matches(host: string): boolean {
		if (host.length > 300 || /[\s/\\@?#]/.test(host)) return false;
		let u: URL;
		try {
			u = new URL(`http://${host}`);
		} catch {
			return false;
		}
		const name = u.hostname.toLowerCase().replace(/\.$/, '');
		const port = u.port ? Number(u.port) : null;
		return entries.some(
			(e) => e.name === name && (port === null ? e.defaultPort : port === e.port)
		);
	}
	function allowedList() {
		return [...new Set(entries.map((e) => (e.defaultPort ? e.name : `${e.name}:${e.port}`)))];
	}
	return { allowed, allowedList };
}

export const MISDIRECTED_BODY = JSON.stringify({
	message: 'Misdirected request: this server does not answer for that host name'
});

/** The raw answer to a WebSocket upgrade (or any socket) for a host this server does not serve. */
export const MISDIRECTED_RAW =
	'HTTP/1.1 421 Misdirected Request\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n' +
	`content-length: ${Buffer.byteLength(MISDIRECTED_BODY)}\r\n\r\n${MISDIRECTED_BODY}`;

/**
 * The start of every request: refuses other hosts (421), sets the security headers on the
 * response (a page's own CSP, with SvelteKit's nonce, replaces the default one), and watches
 * the body. False when the request was answered.
 */
export function guardRequest(
	req: IncomingMessage,
	res: ServerResponse,
	hosts: { allowed(host: string | undefined): boolean },
	t: HttpTimeouts
): boolean {
	for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
	res.setHeader('content-security-policy', DEFAULT_CSP);
	if (!hosts.allowed(req.headers.host)) {
		res.writeHead(421, {
			'content-type': 'application/json; charset=utf-8',
			'content-length': String(Buffer.byteLength(MISDIRECTED_BODY)),
			connection: 'close'
		});
		res.end(MISDIRECTED_BODY);
		return false;
	}
	watchBody(req, res, t);
	return true;
}

const DEFAULT_CSP = cspHeader();
