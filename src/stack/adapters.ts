/**
 * The runner of the open-network adapters: connects to a live stream (Bluesky's Jetstream over
 * WebSocket; a Mastodon instance's streaming API as server-sent events over fetch, or its
 * WebSocket form), maps every message with the pure parsers of src/lib/adapters/, and hands the
 * posts in batches to `submit` (the ingest pipeline; the runner only calls it).
 *
 * - Reconnects after a close, an error, an HTTP error or `idleTimeoutMs` without any data (not
 *   even a heartbeat), with exponential backoff and jitter (reconnectMinMs doubling up to
 *   reconnectMaxMs); the backoff starts over once a connection delivers a message.
 * - Jetstream: after a reconnect it resumes with `cursor=<the highest time_us seen>` in the URL,
 *   so nothing said while it was away is lost. Jetstream may replay the event at the cursor and
 *   recent ones again; posts already seen (the last 20,000 ids) are counted as duplicates, not
 *   submitted twice. Mastodon's streaming API has no resume: a gap while disconnected is lost
 *   (the REST timelines could fill it; not done here).
 * - Batches: every batchMs the posts gathered so far (at most maxBatch per call) go to `submit`,
 *   one call at a time, in order. A failed submit keeps its posts for the next round (at most
 *   maxPending held; beyond that the oldest are dropped and counted).
 * - Counts posts, skips (deletes, edits, other collections, account events), errors, duplicates,
 *   heartbeats; logs the first maxErrorLogs errors with their reasons.
 * `stop()` closes the connection, stops reconnecting and submits what is still held.
 */
import WebSocket from 'ws';
import type { Post } from '../lib/posts/post.ts';
import { jetstreamCursor, parseJetstreamEvent } from '../lib/adapters/bluesky.ts';
import {
	parseMastodonEvent,
	parseMastodonWs,
	type MastodonOptions
} from '../lib/adapters/mastodon.ts';
import { createSseParser } from '../lib/adapters/sse.ts';
import { clip, fail, type AdapterResult } from '../lib/adapters/types.ts';

export type Network = 'bluesky' | 'mastodon';

export interface AdapterOptions {
	network: Network;
	/**
	 * Bluesky: a Jetstream URL (ws: or wss:), e.g. JETSTREAM_URL. Mastodon: an http(s) URL of the
	 * streaming API (`https://<instance>/api/v1/streaming/public`, server-sent events) or a ws(s)
	 * URL of its WebSocket form (`wss://<instance>/api/v1/streaming?stream=public`).
	 */
	url: string;
	/** Mastodon access token, sent as `Authorization: Bearer <token>` (needed since Mastodon 4.2). */
	token?: string;
	/** Mastodon: host of the instance whose ids the stream uses (default: the host of url). */
	instance?: string;
	/** Hands a batch of posts to the ingest pipeline; a rejection keeps the batch for a retry. */
	submit: (posts: Post[]) => Promise<void>;
	/** Milliseconds between batches (default 1000). */
	batchMs?: number;
	/** Most posts per submit call (default 5000). */
	maxBatch?: number;
	/** Most posts held while submit fails (default 100,000). */
	maxPending?: number;
	/** First reconnect delay (default 1000 ms); doubles per failed attempt. */
	reconnectMinMs?: number;
	/** Longest reconnect delay (default 60,000 ms). */
	reconnectMaxMs?: number;
	/** Reconnect when nothing arrived for this long (default 90,000 ms; Mastodon beats every ~15 s). */
	idleTimeoutMs?: number;
	/** Errors logged with their reason before the rest are only counted (default 10). */
	maxErrorLogs?: number;
	log?: (m: string) => void;
	/** The WebSocket class (default: the `ws` package's). */
	WebSocketImpl?: typeof WebSocket;
	/** fetch for the server-sent events (default: the global fetch). */
	fetchImpl?: typeof fetch;
}

export interface AdapterStats {
	/** Connections opened (the first and every reconnect that succeeded). */
	connects: number;
	/** Connection attempts after the first. */
	reconnects: number;
	/** Messages (WebSocket frames, server-sent events) received. */
	messages: number;
	posts: number;
	skips: number;
	errors: number;
	/** Posts seen before (a Jetstream replay after a reconnect), not submitted again. */
	duplicates: number;
	/** Heartbeat comments of a server-sent events stream. */
	heartbeats: number;
	/** Posts that submit accepted, and submit calls that failed. */
	submitted: number;
	submitFailures: number;
	/** Posts held for the next batch, and posts dropped because too many were held. */
	pending: number;
	dropped: number;
	/** Jetstream: the highest time_us seen (the cursor a reconnect resumes from). */
	cursor?: number;
}

export interface AdapterHandle {
	stop(): Promise<void>;
	/** Live counters (the object is updated in place). */
	readonly stats: AdapterStats;
}

const RECENT_IDS = 20_000;
const REPLY_IDS = 20_000;

export function startAdapter(opts: AdapterOptions): AdapterHandle {
	const network = opts.network;
	const log = opts.log ?? (() => {});
	const batchMs = opts.batchMs ?? 1000;
	const maxBatch = opts.maxBatch ?? 5000;
	const maxPending = opts.maxPending ?? 100_000;
	const minDelay = opts.reconnectMinMs ?? 1000;
	const maxDelay = opts.reconnectMaxMs ?? 60_000;
	const idleMs = opts.idleTimeoutMs ?? 90_000;
	const maxErrorLogs = opts.maxErrorLogs ?? 10;
	const WS = opts.WebSocketImpl ?? WebSocket;
	const fetchImpl = opts.fetchImpl ?? globalThis.fetch;
	const base = new URL(opts.url);
	const overWs = base.protocol === 'ws:' || base.protocol === 'wss:';
	if (network === 'bluesky' && !overWs)
		throw new Error(`bluesky: Jetstream needs a ws: or wss: URL, got ${base.protocol}`);
	if (!overWs && base.protocol !== 'http:' && base.protocol !== 'https:')
		throw new Error(`${network}: unsupported URL scheme ${base.protocol}`);
	const instance = opts.instance ?? base.host;

	const stats: AdapterStats = {
		connects: 0,
		reconnects: 0,
		messages: 0,
		posts: 0,
		skips: 0,
		errors: 0,
		duplicates: 0,
		heartbeats: 0,
		submitted: 0,
		submitFailures: 0,
		pending: 0,
		dropped: 0
	};

	let stopped = false;
	let attempts = 0;
	let errorsLogged = 0;
	let pending: Post[] = [];
	const recent = new Set<string>();
	const localIds = new Map<string, string>();
	let closeCurrent: (() => void) | undefined;
	let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
	let flushing: Promise<void> | undefined;

	const mastodonOpts: MastodonOptions = {
		instance,
		resolveStatusId: (id) => localIds.get(id),
		onStatus: (localId, postId) => {
			localIds.set(localId, postId);
			if (localIds.size > REPLY_IDS) localIds.delete(localIds.keys().next().value as string);
		}
	};

	function logError(reason: string): void {
		if (errorsLogged < maxErrorLogs) {
			errorsLogged++;
			log(`${network}: error: ${reason}`);
			if (errorsLogged === maxErrorLogs) log(`${network}: further errors are counted, not logged`);
		}
	}

	function handle(r: AdapterResult): void {
		if (r.kind === 'skip') {
			stats.skips++;
			return;
		}
		if (r.kind === 'error') {
			stats.errors++;
			logError(r.reason);
			return;
		}
		const key = r.post.id;
		if (recent.has(key)) {
			stats.duplicates++;
			return;
		}
		recent.add(key);
		if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value as string);
		stats.posts++;
		pending.push(r.post);
		if (pending.length > maxPending) {
			const over = pending.length - maxPending;
			pending.splice(0, over);
			stats.dropped += over;
		}
		stats.pending = pending.length;
	}

	function onJetstreamMessage(text: string): void {
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (e) {
			handle(fail(`invalid JSON: ${clip((e as Error).message, 80)}`));
			return;
		}
		const t = jetstreamCursor(value);
		if (t !== undefined && (stats.cursor === undefined || t > stats.cursor)) stats.cursor = t;
		handle(parseJetstreamEvent(value));
	}

	function connectionUrl(): string {
		if (network !== 'bluesky' || stats.cursor === undefined) return opts.url;
		const u = new URL(opts.url);
		u.searchParams.set('cursor', String(stats.cursor));
		return u.toString();
	}

	function scheduleReconnect(why: string): void {
		closeCurrent = undefined;
		if (stopped || reconnectTimer) return;
		const ceiling = Math.min(maxDelay, minDelay * 2 ** Math.min(attempts, 30));
		attempts++;
		const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
		log(`${network}: ${why}; reconnecting in ${delay} ms`);
		reconnectTimer = setTimeout(() => {
			reconnectTimer = undefined;
			stats.reconnects++;
			connect();
		}, delay);
	}

	/**
	 * The life of one connection: `alive` (re)arms its idle timer, `end` runs once and reconnects
	 * unless stopped. The idle timer runs from the start, so a connection that never opens ends too.
	 */
	function connection(cleanup: () => void): { end: (why: string) => void; alive: () => void } {
		let ended = false;
		let idleTimer: ReturnType<typeof setTimeout> | undefined;
		const end = (why: string) => {
			if (ended) return;
			ended = true;
			if (idleTimer) clearTimeout(idleTimer);
			idleTimer = undefined;
			try {
				cleanup();
			} catch {
				// already closed
			}
			if (!stopped) scheduleReconnect(why);
		};
		const alive = () => {
			if (ended) return;
			if (idleTimer) clearTimeout(idleTimer);
			idleTimer = setTimeout(() => end(`nothing received for ${idleMs} ms`), idleMs);
		};
		alive();
		closeCurrent = () => {
			ended = true;
			if (idleTimer) clearTimeout(idleTimer);
			idleTimer = undefined;
			try {
				cleanup();
			} catch {
				// already closed
			}
		};
		return { end, alive };
	}

	function connectWs(url: string): void {
		const headers: Record<string, string> = {};
		if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
		const ws = new WS(url, { headers });
		const c = connection(() => ws.terminate());
		ws.on('open', () => {
			stats.connects++;
			log(`${network}: connected to ${redact(url)}`);
			c.alive();
		});
		ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
			c.alive();
			stats.messages++;
			attempts = 0;
			if (isBinary) {
				handle(fail('binary frame (compressed Jetstream, compress=true, is not supported)'));
				return;
			}
			const text = Array.isArray(data)
				? Buffer.concat(data).toString('utf8')
				: Buffer.isBuffer(data)
					? data.toString('utf8')
					: Buffer.from(data).toString('utf8');
			if (network === 'bluesky') onJetstreamMessage(text);
			else handle(parseMastodonWs(text, mastodonOpts));
		});
		ws.on('unexpected-response', (_req, res) => {
			const code = res.statusCode ?? 0;
			c.end(`HTTP ${code}${authHint(code)}`);
		});
		ws.on('error', (err: Error) => c.end(`connection error: ${err.message}`));
		ws.on('close', (code: number, reason: Buffer) => {
			const r = reason?.toString('utf8');
			c.end(`connection closed (${code}${r ? `: ${clip(r, 80)}` : ''})`);
		});
	}

	function connectSse(url: string): void {
		const ac = new AbortController();
		let why = '';
		const c = connection(() => ac.abort());
		const end = (w: string) => {
			why ||= w;
			c.end(why);
		};
		const headers: Record<string, string> = { Accept: 'text/event-stream' };
		if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
		void (async () => {
			try {
				const res = await fetchImpl(url, { headers, signal: ac.signal });
				if (!res.ok) {
					const body = await res.text().catch(() => '');
					end(`HTTP ${res.status}${authHint(res.status)}${body ? `: ${clip(body, 120)}` : ''}`);
					return;
				}
				if (!res.body) {
					end('response without a body');
					return;
				}
				stats.connects++;
				log(`${network}: connected to ${redact(url)}`);
				c.alive();
				const parser = createSseParser({ onComment: () => stats.heartbeats++ });
				const decoder = new TextDecoder();
				const reader = res.body.getReader();
				for (;;) {
					const { done, value } = await reader.read();
					if (done) break;
					c.alive();
					for (const ev of parser.feed(decoder.decode(value, { stream: true }))) {
						stats.messages++;
						attempts = 0;
						handle(parseMastodonEvent(ev.event, ev.data, mastodonOpts));
					}
				}
				parser.feed(decoder.decode());
				end('stream ended');
			} catch (e) {
				end(ac.signal.aborted ? 'aborted' : `connection error: ${(e as Error).message}`);
			}
		})();
	}

	function connect(): void {
		if (stopped) return;
		const url = connectionUrl();
		try {
			if (overWs) connectWs(url);
			else connectSse(url);
		} catch (e) {
			scheduleReconnect(`cannot connect: ${(e as Error).message}`);
		}
	}

	function flush(): Promise<void> {
		if (flushing) return flushing;
		if (pending.length === 0) return Promise.resolve();
		const batch = pending.splice(0, maxBatch);
		stats.pending = pending.length;
		flushing = (async () => {
			try {
				await opts.submit(batch);
				stats.submitted += batch.length;
			} catch (e) {
				stats.submitFailures++;
				if (stats.submitFailures <= maxErrorLogs)
					log(`${network}: submit failed (${batch.length} posts kept): ${(e as Error).message}`);
				pending = batch.concat(pending);
				if (pending.length > maxPending) {
					const over = pending.length - maxPending;
					pending.splice(0, over);
					stats.dropped += over;
				}
				stats.pending = pending.length;
			} finally {
				flushing = undefined;
			}
		})();
		return flushing;
	}

	const flushTimer = setInterval(() => void flush(), batchMs);
	connect();

	return {
		stats,
		async stop() {
			if (stopped) return;
			stopped = true;
			clearInterval(flushTimer);
			if (reconnectTimer) clearTimeout(reconnectTimer);
			reconnectTimer = undefined;
			closeCurrent?.();
			closeCurrent = undefined;
			if (flushing) await flushing;
			while (pending.length > 0) {
				const failures = stats.submitFailures;
				await flush();
				if (stats.submitFailures > failures) {
					log(`${network}: stopped with ${pending.length} posts not submitted`);
					break;
				}
			}
		}
	};
}

/** The URL without query values that could hold a token (access_token). */
function redact(url: string): string {
	const u = new URL(url);
	if (u.searchParams.has('access_token')) u.searchParams.set('access_token', '…');
	return u.toString();
}

function authHint(status: number): string {
	return status === 401 || status === 403
		? ' (Mastodon 4.2 and later need an access token: --token or UITKIJK_MASTODON_TOKEN)'
		: '';
}
