/**
 * The local stack in one Node process: an HTTP server that serves, on one origin, the subset of
 * Supabase the client uses (/rest/v1, /auth/v1, /realtime/v1) backed by PGlite, and hands every
 * other request to the SvelteKit handler (or answers 404 when there is none, as in tests).
 */
import type { Db } from './pg-thread';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuth } from './auth';
import { openDatabase } from './db';
import {
	CORS_HEADERS,
	createHostCheck,
	guardRequest,
	httpTimeouts,
	MISDIRECTED_RAW,
	send,
	sendJson,
	serverOptions,
	type HttpTimeouts
} from './http';
import { loadKeys, type StackKeys } from './jwt';
import { createRealtime, type RealtimeOptions } from './realtime';
import { createRest } from './rest';
import { startFeeder, type Feeder } from './feeder';

export type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export interface StackOptions {
	/** UITKIJK_DATA: keys.json and pgdata/ live here. */
	dataDir: string;
	/** The supabase/ folder; default: the repository's. */
	supabaseDir?: string;
	/** Geodata directory (boundaries/), or null. */
	geodataDir?: string | null;
	port?: number;
	host?: string;
	/** Everything that is not /rest/v1, /auth/v1 or /realtime/v1 (the SvelteKit app). */
	app?: Handler;
	/** Enables POST /__test/realtime/cut?ms=... */
	testHooks?: boolean;
	/** Demo mode (UITKIJK_DEMO=1): the seeded demo users may sign in. */
	demo?: boolean;
	/** Idle time after which a realtime socket without heartbeats is closed. */
	realtimeIdleMs?: number;
	/** A statement running longer ends the database thread (pg-thread.ts); default 30 s. */
	statementTimeoutMs?: number;
	/** Overrides of the realtime limits (REALTIME_LIMITS in realtime.ts): tests. */
	realtimeLimits?: RealtimeOptions['limits'];
	/**
	 * The public origin (default: ORIGIN): its host, the listening address and the loopback
	 * names on the port are the Host headers answered; any other gets 421.
	 */
	origin?: string;
	/** Header and body timeouts (defaults: httpTimeouts()). */
	timeouts?: Partial<HttpTimeouts>;
	log?: (msg: string) => void;
}

export interface Stack {
	url: string;
	port: number;
	keys: StackKeys;
	db: Db;
	server: Server;
	dbMs: number;
	realtime: ReturnType<typeof createRealtime>;
	close(): Promise<void>;
}

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export async function startStack(opts: StackOptions): Promise<Stack> {
	const log = opts.log ?? ((m: string) => console.error(m));
	mkdirSync(opts.dataDir, { recursive: true });
	const keys = loadKeys(opts.dataDir);
	const t0 = performance.now();
	const db = await openDatabase({
		dataDir: opts.dataDir,
		supabaseDir: opts.supabaseDir ?? join(REPO_ROOT, 'supabase'),
		geodataDir: opts.geodataDir ?? null,
		statementTimeoutMs: opts.statementTimeoutMs,
		log
	});
	const dbMs = performance.now() - t0;

	const timeouts = httpTimeouts(opts.timeouts);
	const server = createServer(serverOptions(timeouts));
	const host = opts.host ?? '127.0.0.1';
	await new Promise<void>((res, rej) => {
		server.once('error', rej);
		server.listen(opts.port ?? 0, host, () => {
			server.off('error', rej);
			res();
		});
	});
	const port = (server.address() as AddressInfo).port;
	// The address this process reaches itself on (the feeder, the issuer claim).
	const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	const url = `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
	const hosts = createHostCheck({ origin: opts.origin ?? process.env.ORIGIN, port, host, log });

	const rest = createRest({ db, jwtSecret: keys.jwt_secret });
	const auth = createAuth({
		db,
		jwtSecret: keys.jwt_secret,
		accessTokenTtl: Number(process.env.UITKIJK_JWT_EXPIRY ?? 3600) || 3600,
		issuer: `${url}/auth/v1`,
		demo: opts.demo === true,
		log
	});
	await auth.init();
	const realtime = createRealtime({
		db,
		jwtSecret: keys.jwt_secret,
		idleTimeoutMs: opts.realtimeIdleMs,
		limits: opts.realtimeLimits,
		log
	});
	await realtime.start();

	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		// Host check (421), security headers, slow-body watch.
		if (!guardRequest(req, res, hosts, timeouts)) return;
		let u: URL;
		try {
			u = new URL(req.url ?? '/', 'http://localhost');
		} catch {
			sendJson(res, 400, { message: 'Bad request URL' });
			return;
		}
		const p = u.pathname;
		const stack =
			p.startsWith('/rest/v1/') || p.startsWith('/auth/v1/') || p.startsWith('/realtime/v1/');
		if (stack && req.method === 'OPTIONS') {
			res.writeHead(204, CORS_HEADERS);
			res.end();
			return;
		}
		const fail = (e: unknown) => {
			log(`stack: ${req.method} ${p} failed: ${(e as Error).message}`);
			send(res, 500, JSON.stringify({ message: 'Internal error' }));
		};
		if (p.startsWith('/rest/v1/')) rest.handle(req, res, u).catch(fail);
		else if (p.startsWith('/auth/v1/')) auth.handle(req, res, u).catch(fail);
		else if (p.startsWith('/realtime/v1/')) {
			sendJson(res, 404, { message: 'The local stack serves only the realtime WebSocket' });
		} else if (opts.testHooks && p === '/__test/realtime/cut' && req.method === 'POST') {
			const ms = Number(u.searchParams.get('ms') ?? 10_000);
			if (!Number.isFinite(ms) || ms < 0 || ms > 600_000) {
				sendJson(res, 400, { message: 'ms must be between 0 and 600000' });
				return;
			}
			const sockets = realtime.clientCount();
			realtime.cut(ms);
			sendJson(res, 200, { closed: sockets, refusing_ms: ms });
		} else if (opts.app) {
			opts.app(req, res, () => send(res, 404, JSON.stringify({ message: 'Not found' })));
		} else {
			sendJson(res, 404, { message: 'Not found' });
		}
	});
	server.on('upgrade', (req, socket, head) => {
		socket.on('error', () => socket.destroy());
		if (!hosts.allowed(req.headers.host)) {
			socket.end(MISDIRECTED_RAW);
			return;
		}
		let u: URL;
		try {
			u = new URL(req.url ?? '/', 'http://localhost');
		} catch {
			socket.destroy();
			return;
		}
		if (u.pathname.startsWith('/realtime/v1/')) realtime.upgrade(req, socket, head, u);
		else socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
	});
	server.on('clientError', (_e, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
	});

	let closing: Promise<void> | null = null;
	return {
		url,
		port,
		keys,
		db,
		server,
		dbMs,
		realtime,
		close() {
			closing ??= (async () => {
				await realtime.close();
				await new Promise<void>((res) => {
					server.close(() => res());
					server.closeAllConnections();
				});
				await db.close();
			})();
			return closing;
		}
	};
}

/** Starts the scenario feeder on the stack, with the stack's own keys. */
export function startStackFeeder(
	stack: Stack,
	opts: { scenario?: string; speed?: number }
): Promise<Feeder> {
	return startFeeder({
		supabaseUrl: stack.url,
		serviceKey: stack.keys.service_key,
		pseudonymKey: stack.keys.pseudonym_key,
		scenario: opts.scenario,
		speed: opts.speed
	});
}
