/**
 * The embedded database under abuse (issue 10, findings 1 and 5), through the real HTTP server of
 * the local stack: thousands of failing statements, sent as the anon key alone and as a signed-in
 * user, leave sign-in and RPC working; a statement that runs past the statement timeout is
 * cancelled (57014) by ending the database thread, which opens again from its files, while the
 * server's own thread keeps answering.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ingestRows } from '../../src/lib/ingest/rows';
import type { LocatedPost } from '../../src/lib/posts/post';
import { hmacPseudonymiser } from '../../src/lib/server/pseudonym';
import { insertPosts } from '../../src/stack/feeder';
import { serviceClient } from '../../src/lib/server/service-client';
import { REALTIME_LIMITS } from '../../src/stack/realtime';
import { startStack, type Stack } from '../../src/stack/server';

let stack: Stack;
let dataDir: string;
const log: string[] = [];

beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-robust-'));
	stack = await startStack({
		dataDir,
		geodataDir: null,
		port: 0,
		demo: true,
		statementTimeoutMs: 5000,
		realtimeLimits: { queuedFrames: 20 },
		log: (m) => log.push(m)
	});
}, 120_000);

afterAll(async () => {
	await stack?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

async function rpc(fn: string, body: unknown, token = stack.keys.anon_key) {
	const r = await fetch(`${stack.url}/rest/v1/rpc/${fn}`, {
		method: 'POST',
		headers: {
			apikey: stack.keys.anon_key,
			authorization: `Bearer ${token}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify(body)
	});
	return { status: r.status, body: (await r.json().catch(() => null)) as Record<string, unknown> };
}

async function signIn(email: string, password = 'uitkijk-demo') {
	const r = await fetch(`${stack.url}/auth/v1/token?grant_type=password`, {
		method: 'POST',
		headers: { apikey: stack.keys.anon_key, 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	expect(r.status).toBe(200);
	return ((await r.json()) as { access_token: string }).access_token;
}

/** Runs `n` calls of `call`, `width` at a time; returns the statuses seen and how often. */
async function flood(n: number, width: number, call: (i: number) => Promise<{ status: number }>) {
	const seen = new Map<number, number>();
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < n) {
				const { status } = await call(next++);
				seen.set(status, (seen.get(status) ?? 0) + 1);
			}
		})
	);
	return seen;
}

describe('embedded database under abuse', () => {
	it('answers correctly after 4,000 failing calls with the anon key and 2,000 signed in', async () => {
		// The probe's reproduction: `POST /rest/v1/rpc/me` with `{}` as anon, 3,200 times, broke it.
		const anon = await flood(4000, 8, () => rpc('me', {}));
		expect([...anon.keys()]).toEqual([401]);

		const token = await signIn('analist.nn@uitkijk.demo');
		// Each fails inside the database, not in the REST layer before it.
		const kinds = [
			() => rpc('posts_since', { since: 'not a time', min_created: null }, token), // 22007
			() => rpc('acknowledge_alert', { alert_id: 'no-such-alert' }, token), // PT404
			() => rpc('set_stream_clock', { scenario: 'x', stream_time: null }, token), // 42501
			() => rpc('posts_in_window', { t_from: '2012-09-21', t_to: 'x' }, token) // 22007
		];

		const signed = await flood(2000, 8, (i) => kinds[i % kinds.length]());
		expect([...signed.keys()].every((s) => s >= 400 && s < 600)).toBe(true);
		expect(signed.get(200) ?? 0).toBe(0);

		// Everything still works: sign-in, an RPC as a user, a write as the service role.
		const again = await signIn('commandant.nn@uitkijk.demo');
		const me = await rpc('me', {}, again);
		expect(me.status).toBe(200);
		expect(me.body).toMatchObject({ role: 'commander' });
		const clock = await rpc('stream_clock', {}, again);
		expect(clock.status).toBe(200);
		const r = await stack.db.query<{ n: number }>('select 1 + 1 as n');
		expect(r.rows[0].n).toBe(2);
	}, 180_000);

	it('cancels a statement past the timeout, keeps the server answering, and recovers', async () => {
		const restarts = stack.db.restarts;
		const t0 = performance.now();
		const slow = stack.db.query('select pg_sleep(30)').then(
			() => ({ code: 'none' }),
			(e: { code?: string }) => ({ code: e.code })
		);
		// While the database thread is busy, the server's thread answers a request that needs no
		// database at once (a 404 of the REST endpoint).
		await new Promise((r) => setTimeout(r, 300));
		const t1 = performance.now();
		const nf = await fetch(`${stack.url}/rest/v1/nope`, {
			headers: { apikey: stack.keys.anon_key }
		});
		const answerMs = performance.now() - t1;
		expect(nf.status).toBe(404);
		expect(answerMs).toBeLessThan(250);

		expect(await slow).toEqual({ code: '57014' });
		expect(performance.now() - t0).toBeLessThan(10_000);
		expect(stack.db.restarts).toBe(restarts + 1);
		// The database is open again, with its data, and the API works.
		const token = await signIn('analist.nn@uitkijk.demo');
		expect((await rpc('me', {}, token)).status).toBe(200);
		expect(log.some((l) => l.includes('statement ran longer than 5000 ms'))).toBe(true);
	}, 120_000);

	it('returns at most 1,000 rows per call to a user, whatever lim asks (db-max-rows)', async () => {
		const now = Date.now();
		const posts: LocatedPost[] = Array.from({ length: 1500 }, (_, i) => ({
			id: `maxrows-${i}`,
			source: 'bluesky',
			author: `a${i % 50}`,
			created_at: new Date(now - i * 1000).toISOString(),
			text: 'Grote Markt',
			t: now - i * 1000,
			method: 'gps',
			pos: [6.5665 + i * 1e-5, 53.2194],
			precision_m: 10
		}));
		const service = serviceClient(stack.url, stack.keys.service_key);
		const rows = ingestRows(posts, hmacPseudonymiser(stack.keys.pseudonym_key));
		for (let i = 0; i < rows.length; i += 250) await insertPosts(service, rows.slice(i, i + 250));
		const args = { since: new Date(now - 3_600_000).toISOString(), min_created: null, lim: 2e9 };
		const token = await signIn('analist.nn@uitkijk.demo');
		const user = await rpc('posts_since', args, token);
		expect(user.status).toBe(200);
		expect((user.body as unknown as unknown[]).length).toBe(1000);
		const all = await rpc('posts_since', args, stack.keys.service_key);
		expect((all.body as unknown as unknown[]).length).toBeGreaterThanOrEqual(1500);
	}, 60_000);

	it('caps channels and joins per socket, and closes a socket that floods frames', async () => {
		const token = await signIn('analist.nn@uitkijk.demo');
		const open = () =>
			new Promise<{ ws: WebSocket; replies: Record<string, unknown>[] }>((res, rej) => {
				const ws = new WebSocket(
					`${stack.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${stack.keys.anon_key}&vsn=1.0.0`
				);
				const replies: Record<string, unknown>[] = [];
				ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
				ws.on('open', () => res({ ws, replies }));
				ws.on('error', rej);
			});
		const joinFrame = (topic: string, ref: number) =>
			JSON.stringify({
				topic: `realtime:${topic}`,
				event: 'phx_join',
				payload: { config: { broadcast: {}, private: false }, access_token: token },
				ref: String(ref),
				join_ref: String(ref)
			});
		const reasons = (replies: Record<string, unknown>[]) =>
			replies.map(
				(m) =>
					((m.payload as { response?: { reason?: string } })?.response?.reason ?? 'ok') as string
			);

		// Joins beyond the rate are refused without touching the database.
		const a = await open();
		const burst = REALTIME_LIMITS.joinsPerSecond + 10;
		for (let i = 0; i < burst; i++) a.ws.send(joinFrame(`rate-${i}`, i + 1));
		await expect.poll(() => a.replies.length, { timeout: 10_000 }).toBe(burst);
		const ra = reasons(a.replies);
		expect(ra.filter((r) => r === 'ok').length).toBeGreaterThanOrEqual(
			REALTIME_LIMITS.joinsPerSecond
		);
		expect(ra.filter((r) => r.startsWith('Too many joins')).length).toBeGreaterThan(0);
		a.ws.close();

		// No more than channelsPerSocket channels on one socket, however slowly they are joined.
		const b = await open();
		const n = REALTIME_LIMITS.channelsPerSocket + 5;
		for (let i = 0; i < n; i++) {
			b.ws.send(joinFrame(`cap-${i}`, i + 1));
			if (i % 10 === 9) {
				await expect.poll(() => b.replies.length, { timeout: 10_000 }).toBe(i + 1);
				await new Promise((r) => setTimeout(r, 1000));
			}
		}
		await expect.poll(() => b.replies.length, { timeout: 10_000 }).toBe(n);
		const rb = reasons(b.replies);
		expect(rb.filter((r) => r === 'ok').length).toBe(REALTIME_LIMITS.channelsPerSocket);
		expect(rb.filter((r) => r.startsWith('Too many channels')).length).toBe(5);
		b.ws.close();

		// A socket that sends more frames than it lets the server answer is closed (1008).
		const c = await open();
		const closed = new Promise<number>((res) => c.ws.on('close', (code) => res(code)));
		// Private joins, which each wait for the database, so that frames pile up.
		const sent = 60;
		for (let i = 0; i < sent; i++)
			c.ws.send(joinFrame(`flood-${i}`, i).replace('"private":false', '"private":true'));
		// 1008 when the close frame gets through, 1006 when the server had to drop the connection.
		expect([1006, 1008]).toContain(await closed);
		expect(c.replies.length).toBeLessThan(sent);
	}, 180_000);
});
