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
		statementTimeoutMs: 2000,
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
		const kinds = [
			() => rpc('posts_since', { since: 'not a time' }, token), // 22007 wrong type
			() => rpc('acknowledge_alert', { alert_id: 'no-such-alert' }, token),
			() => rpc('set_stream_clock', { scenario: 'x', stream_time: null }, token), // 42501
			() => rpc('heat_cells', { xmin: 'a' }, token)
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
		expect(log.some((l) => l.includes('statement ran longer than 2000 ms'))).toBe(true);
	}, 120_000);
});
