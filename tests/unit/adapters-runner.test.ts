/**
 * The adapter runner against local servers on 127.0.0.1 (random ports) that replay the fixtures:
 * a `ws` WebSocketServer for Jetstream and Mastodon's WebSocket form, a node:http server for
 * Mastodon's server-sent events. Nothing here touches the internet.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseJetstream } from '../../src/lib/adapters/bluesky';
import { parseMastodonEvent } from '../../src/lib/adapters/mastodon';
import { createSseParser } from '../../src/lib/adapters/sse';
import type { Post } from '../../src/lib/posts/post';
import { validatePost } from '../../src/lib/posts/validate';
import { startAdapter, type AdapterHandle } from '../../src/stack/adapters';
import { streamCommand } from '../../src/cli/stream';
import { sink } from './helpers';

const read = (name: string) =>
	readFileSync(new URL(`../fixtures/adapters/${name}`, import.meta.url), 'utf8');
const JET = read('jetstream.jsonl').split('\n').slice(0, -1);
const SSE = read('mastodon-public.sse');
const MWS = read('mastodon-ws.jsonl').split('\n').slice(0, -1);
const timeUs = (line: string): number | undefined => {
	try {
		return JSON.parse(line).time_us;
	} catch {
		return undefined;
	}
};
const JET_POSTS = JET.flatMap((l) => {
	const r = parseJetstream(l);
	return r.kind === 'post' ? [r.post] : [];
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

async function waitFor(cond: () => boolean, what: string, ms = 5000): Promise<void> {
	const t0 = Date.now();
	while (!cond()) {
		if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

async function wsServer(
	onConnection: (ws: WebSocket, req: IncomingMessage, n: number) => void
): Promise<{ url: string; connections: IncomingMessage[] }> {
	const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	await new Promise<void>((r) => wss.once('listening', () => r()));
	const connections: IncomingMessage[] = [];
	wss.on('connection', (ws, req) => {
		connections.push(req);
		onConnection(ws, req, connections.length);
	});
	cleanups.push(
		() =>
			new Promise<void>((r) => {
				for (const c of wss.clients) c.terminate();
				wss.close(() => r());
			})
	);
	const { port } = wss.address() as AddressInfo;
	return {
		url: `ws://127.0.0.1:${port}/subscribe?wantedCollections=app.bsky.feed.post`,
		connections
	};
}

async function httpServer(
	handler: (req: IncomingMessage, res: ServerResponse, n: number) => void
): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
	const requests: IncomingMessage[] = [];
	const server = createServer((req, res) => {
		requests.push(req);
		handler(req, res, requests.length);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	cleanups.push(
		() =>
			new Promise<void>((r) => {
				server.closeAllConnections();
				server.close(() => r());
			})
	);
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/api/v1/streaming/public`, requests, server };
}

function sendAll(ws: WebSocket, lines: string[]): Promise<void> {
	return Promise.all(
		lines.map((l) => new Promise<void>((r, j) => ws.send(l, (e) => (e ? j(e) : r()))))
	).then(() => {});
}

function run(opts: Parameters<typeof startAdapter>[0]): AdapterHandle {
	const h = startAdapter(opts);
	cleanups.push(() => h.stop());
	return h;
}

describe('startAdapter: Bluesky over a local Jetstream', () => {
	it('replays the fixture, reconnects after a drop with the cursor, submits each post once', async () => {
		const CUT = 15; // lines sent before the connection is dropped
		const cursors: (string | null)[] = [];
		const srv = await wsServer((ws, req, n) => {
			const cursor = new URL(req.url!, 'http://x').searchParams.get('cursor');
			cursors.push(cursor);
			if (n === 1) {
				void sendAll(ws, JET.slice(0, CUT)).then(() => ws.terminate());
			} else {
				// Jetstream replays from the cursor on (the event at the cursor included).
				const from = JET.findIndex((l) => (timeUs(l) ?? 0) >= Number(cursor));
				void sendAll(ws, JET.slice(from));
			}
		});
		const submitted: Post[][] = [];
		const logs: string[] = [];
		const h = run({
			network: 'bluesky',
			url: srv.url,
			submit: async (posts) => {
				submitted.push(posts);
			},
			batchMs: 20,
			reconnectMinMs: 10,
			reconnectMaxMs: 50,
			log: (m) => logs.push(m)
		});
		await waitFor(() => h.stats.messages === JET.length + 1, 'all messages (one replayed)');
		await h.stop();

		expect(srv.connections.length).toBe(2);
		expect(cursors[0]).toBeNull();
		expect(cursors[1]).toBe(String(timeUs(JET[CUT - 1])));
		expect(srv.connections[1].url).toContain('wantedCollections=app.bsky.feed.post');
		const got = submitted.flat();
		expect(got).toEqual(JET_POSTS);
		expect(new Set(got.map((p) => p.id)).size).toBe(got.length);
		for (const p of got) expect(validatePost(p).ok).toBe(true);
		expect(h.stats).toMatchObject({
			connects: 2,
			reconnects: 1,
			messages: JET.length + 1, // line 15 came twice
			posts: 16,
			duplicates: 1,
			skips: 8,
			errors: 6,
			submitted: 16,
			submitFailures: 0,
			pending: 0,
			dropped: 0,
			cursor: timeUs(JET[JET.length - 1])
		});
		// the first errors are logged with their reasons
		expect(logs.filter((l) => l.startsWith('bluesky: error: ')).length).toBe(6);
		expect(logs).toContain('bluesky: error: text: longer than 10,000 characters');
		expect(logs.some((l) => /reconnecting in \d+ ms/.test(l))).toBe(true);
	});

	it('keeps a batch whose submit failed and submits it again, once', async () => {
		const lines = JET.slice(0, 4);
		const srv = await wsServer((ws) => void sendAll(ws, lines));
		const accepted: Post[] = [];
		let calls = 0;
		const h = run({
			network: 'bluesky',
			url: srv.url,
			submit: async (posts) => {
				calls++;
				if (calls === 1) throw new Error('database away');
				accepted.push(...posts);
			},
			batchMs: 15,
			log: () => {}
		});
		await waitFor(() => h.stats.submitted === 4, 'the retried batch');
		expect(accepted).toEqual(JET_POSTS.slice(0, 4));
		expect(h.stats.submitFailures).toBe(1);
		expect(calls).toBeGreaterThanOrEqual(2);
	});

	it('submits what it still holds on stop', async () => {
		const srv = await wsServer((ws) => void sendAll(ws, JET.slice(0, 3)));
		const accepted: Post[] = [];
		const h = run({
			network: 'bluesky',
			url: srv.url,
			submit: async (posts) => {
				accepted.push(...posts);
			},
			batchMs: 60_000
		});
		await waitFor(() => h.stats.posts === 3, 'three posts');
		expect(accepted).toEqual([]);
		await h.stop();
		expect(accepted).toEqual(JET_POSTS.slice(0, 3));
		expect(srv.connections.length).toBe(1);
	});

	it('reconnects when nothing arrives, and counts binary frames as errors', async () => {
		const srv = await wsServer((ws, _req, n) => {
			if (n === 1) ws.send(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), { binary: true });
		});
		const h = run({
			network: 'bluesky',
			url: srv.url,
			submit: async () => {},
			idleTimeoutMs: 80,
			reconnectMinMs: 10,
			reconnectMaxMs: 20,
			log: () => {}
		});
		await waitFor(() => srv.connections.length >= 2, 'a second connection');
		expect(h.stats.errors).toBe(1);
		expect(h.stats.cursor).toBeUndefined();
		expect(srv.connections[1].url).not.toContain('cursor=');
	});

	it('logs an HTTP error answer to the WebSocket upgrade and tries again', async () => {
		const srv = await httpServer((_req, res) => {
			res.writeHead(503);
			res.end('busy');
		});
		const logs: string[] = [];
		const h = run({
			network: 'bluesky',
			url: srv.url.replace('http:', 'ws:'),
			submit: async () => {},
			reconnectMinMs: 5,
			reconnectMaxMs: 10,
			log: (m) => logs.push(m)
		});
		await waitFor(() => srv.requests.length >= 2, 'a second attempt');
		await h.stop();
		expect(srv.requests[0].headers.upgrade).toBe('websocket');
		expect(logs[0]).toMatch(/^bluesky: HTTP 503; reconnecting in \d+ ms$/);
		expect(h.stats.connects).toBe(0);
	});

	it('refuses a URL that is not ws: or wss:', () => {
		expect(() =>
			startAdapter({ network: 'bluesky', url: 'https://example.invalid/', submit: async () => {} })
		).toThrow(/ws: or wss:/);
	});
});

describe('startAdapter: Mastodon over local servers', () => {
	const fixturePosts = (() => {
		const seen = new Map<string, string>();
		const p = createSseParser();
		return p.feed(SSE).flatMap((e) => {
			const r = parseMastodonEvent(e.event, e.data, {
				instance: 'mastodon.example',
				resolveStatusId: (id) => seen.get(id),
				onStatus: (l, id) => seen.set(l, id)
			});
			return r.kind === 'post' ? [r.post] : [];
		});
	})();

	it('reads the SSE fixture sent in small chunks, with the token, and reconnects when it ends', async () => {
		const bytes = Buffer.from(SSE, 'utf8');
		let secondClosed = false;
		const srv = await httpServer((req, res, n) => {
			res.writeHead(200, { 'Content-Type': 'text/event-stream' });
			if (n === 1) {
				let i = 0;
				const step = () => {
					if (i >= bytes.length) return res.end();
					// 7 bytes at a time: lines, JSON and multi-byte characters are split
					res.write(bytes.subarray(i, i + 7), () => {
						i += 7;
						if (i % 700 === 0) setTimeout(step, 1);
						else step();
					});
				};
				step();
			} else {
				res.write(':)\n');
				res.on('close', () => (secondClosed = true));
			}
		});
		const submitted: Post[] = [];
		const h = run({
			network: 'mastodon',
			url: srv.url,
			token: 'test-token',
			instance: 'mastodon.example',
			submit: async (posts) => {
				submitted.push(...posts);
			},
			batchMs: 20,
			reconnectMinMs: 10,
			reconnectMaxMs: 20,
			log: () => {}
		});
		await waitFor(
			() => h.stats.submitted === fixturePosts.length && srv.requests.length === 2,
			'all posts and a second request'
		);
		await waitFor(() => h.stats.heartbeats === 5, 'the second stream opened');
		await h.stop();
		await waitFor(() => secondClosed, 'the open stream closed by stop()');

		for (const req of srv.requests) {
			expect(req.headers.authorization).toBe('Bearer test-token');
			expect(req.headers.accept).toBe('text/event-stream');
		}
		expect(submitted).toEqual(fixturePosts);
		expect(submitted.length).toBe(10);
		// the reply to a status seen earlier in the stream points at its uri
		expect(submitted[2].reply_to).toBe(submitted[0].id);
		expect(h.stats).toMatchObject({
			connects: 2,
			messages: 17,
			posts: 10,
			skips: 5,
			errors: 2,
			heartbeats: 5
		});
	});

	it('logs an HTTP 401 with a hint and keeps trying', async () => {
		const srv = await httpServer((_req, res) => {
			res.writeHead(401, { 'Content-Type': 'application/json' });
			res.end('{"error":"Missing access token"}');
		});
		const logs: string[] = [];
		const h = run({
			network: 'mastodon',
			url: srv.url,
			submit: async () => {},
			reconnectMinMs: 5,
			reconnectMaxMs: 10,
			log: (m) => logs.push(m)
		});
		await waitFor(() => srv.requests.length >= 3, 'three attempts');
		await h.stop();
		expect(srv.requests[0].headers.authorization).toBeUndefined();
		expect(logs[0]).toMatch(
			/^mastodon: HTTP 401 \(.*access token.*\): \{"error":"Missing access token"\}; reconnecting in \d+ ms$/
		);
		expect(h.stats.connects).toBe(0);
		expect(h.stats.reconnects).toBeGreaterThanOrEqual(2);
	});

	it('reads the WebSocket form with the token in the Authorization header', async () => {
		const srv = await wsServer((ws) => void sendAll(ws, MWS));
		const submitted: Post[] = [];
		const h = run({
			network: 'mastodon',
			url: srv.url.replace(
				'/subscribe?wantedCollections=app.bsky.feed.post',
				'/api/v1/streaming?stream=public'
			),
			token: 't0k',
			instance: 'mastodon.example',
			submit: async (posts) => {
				submitted.push(...posts);
			},
			batchMs: 10,
			log: () => {}
		});
		await waitFor(() => h.stats.messages === MWS.length && h.stats.pending === 0, 'all messages');
		await waitFor(() => h.stats.submitted === 4, 'four posts');
		expect(srv.connections[0].headers.authorization).toBe('Bearer t0k');
		expect(submitted.map((p) => p.id)).toEqual([
			fixturePosts[0].id,
			fixturePosts[1].id,
			fixturePosts[2].id,
			fixturePosts[3].id
		]);
		expect(submitted[2].reply_to).toBe(fixturePosts[0].id);
		expect(h.stats).toMatchObject({ posts: 4, skips: 4, errors: 2 });
	});
});

describe('uitkijk stream', () => {
	const cli = async (
		args: string[],
		opts: {
			env?: Record<string, string>;
			submit?: (p: Post[]) => Promise<void>;
			signal?: AbortSignal;
		} = {}
	) => {
		const out = sink();
		const err = sink();
		const code = await streamCommand(
			args,
			{ stdout: out.stream, stderr: err.stream, env: opts.env ?? {}, signal: opts.signal },
			opts.submit
		);
		return { code, out: out.text(), err: err.text() };
	};

	it('documents how to point it at the live services', async () => {
		const r = await cli(['--help']);
		expect(r.code).toBe(0);
		expect(r.out).toContain(
			'wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post'
		);
		expect(r.out).toContain('https://<instance>/api/v1/streaming/public');
		expect(r.out).toContain('UITKIJK_MASTODON_TOKEN');
		expect(r.out).toMatch(/access\s+token/);
		expect(r.err).toBe('');
	});

	it('answers usage errors with 2 and the usage on stderr', async () => {
		for (const args of [
			[],
			['twitter'],
			['mastodon', '--dry-run'],
			['bluesky'],
			['bluesky', '--dry-run', '--limit', '0'],
			['bluesky', '--dry-run', '--batch-ms', 'x'],
			['bluesky', '--dry-run', '--token', 't'],
			['bluesky', '--dry-run', '--nope'],
			['bluesky', 'extra', '--dry-run'],
			['bluesky', '--dry-run', '--url', 'https://not-a-websocket.invalid/']
		]) {
			const r = await cli(args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.out, args.join(' ')).toBe('');
			expect(r.err, args.join(' ')).toMatch(/^uitkijk stream: .+\n\nusage: uitkijk stream/);
		}
	});

	it('--dry-run prints the posts as NDJSON on stdout and stops at --limit', async () => {
		const srv = await wsServer((ws) => void sendAll(ws, JET));
		const r = await cli([
			'bluesky',
			'--dry-run',
			'--url',
			srv.url,
			'--limit',
			'5',
			'--batch-ms',
			'10'
		]);
		expect(r.code).toBe(0);
		const lines = r.out.split('\n');
		expect(lines.pop()).toBe('');
		expect(lines.map((l) => JSON.parse(l))).toEqual(JET_POSTS.slice(0, 5));
		expect(r.err).toMatch(/stream: bluesky: connected to ws:\/\/127\.0\.0\.1:\d+\/subscribe/);
		expect(r.err).toMatch(/stream: stopped; \d+ posts/);
	});

	it('hands Mastodon posts to submit, with the token from the environment, until aborted', async () => {
		const srv = await httpServer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'text/event-stream' });
			res.write(SSE);
		});
		const got: Post[] = [];
		const ac = new AbortController();
		const r = await cli(['mastodon', '--url', srv.url, '--batch-ms', '10'], {
			env: { UITKIJK_MASTODON_TOKEN: 'env-token' },
			signal: ac.signal,
			submit: async (posts) => {
				got.push(...posts);
				if (got.length >= 10) ac.abort();
			}
		});
		expect(r.code).toBe(0);
		expect(r.out).toBe('');
		expect(srv.requests[0].headers.authorization).toBe('Bearer env-token');
		expect(got.length).toBe(10);
		expect(got.every((p) => p.source === 'mastodon')).toBe(true);
		expect(r.err).toMatch(
			/stream: stopped; 10 posts, 5 skipped, 2 errors, 0 duplicates, 1 connections, 10 submitted, 0 not submitted/
		);
	});
});
