/**
 * The scenario feeder at the end of its data, against the local stack (issue 10): it played on to
 * the end, wrote `speed => 0`, which the database refused, and tried again four times a second
 * for ever (then PGlite crashed), while every map's clock ran on past the data. Here a window of
 * Haren's last hours plays at 3600x to its end; every request the feeder makes to the stack is
 * recorded with its HTTP status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeeder, type Feeder, type FeederOptions } from '../../src/stack/feeder';
import { serviceClient } from '../../src/lib/server/service-client';
import { startStack, type Stack } from '../../src/stack/server';
import { parseTime } from '../../src/lib/time/amsterdam';

const HOUR = 3_600_000;
const END = parseTime('2012-09-22T06:00:00+02:00'); // haren-2012's end
const FROM = END - 2 * HOUR;
const STEP_MS = 50;

const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-feeder-'));
let stack: Stack;
/** RPC requests answered by the stack: function name and status, in order. */
const calls: { fn: string; status: number }[] = [];
const feeders: Feeder[] = [];

function rpcCalls(fn?: string) {
	return calls.filter((c) => !fn || c.fn === fn);
}

async function clock(): Promise<Record<string, unknown>> {
	const { data, error } = await serviceClient(stack.url, stack.keys.service_key).rpc(
		'stream_clock'
	);
	if (error) throw new Error(error.message);
	return data as Record<string, unknown>;
}

async function postCount(): Promise<number> {
	const r = await stack.db.query<{ n: number }>(`select count(*)::int as n from public.posts`);
	return r.rows[0].n;
}

async function feeder(opts: Partial<FeederOptions>): Promise<Feeder> {
	const f = await startFeeder({
		supabaseUrl: stack.url,
		serviceKey: stack.keys.service_key,
		pseudonymKey: stack.keys.pseudonym_key,
		scenario: 'haren-2012',
		speed: 3600,
		from: FROM,
		prefillMs: HOUR,
		stepMs: STEP_MS,
		checkpointMs: 200,
		log: () => {},
		...opts
	});
	feeders.push(f);
	return f;
}

beforeAll(async () => {
	stack = await startStack({ dataDir, geodataDir: null, port: 0, log: () => {} });
	stack.server.on('request', (req, res) => {
		const m = /^\/rest\/v1\/rpc\/([^/?]+)/.exec(req.url ?? '');
		if (m) res.on('finish', () => calls.push({ fn: m[1], status: res.statusCode }));
	});
});

afterAll(async () => {
	for (const f of feeders) await f.stop().catch(() => {});
	await stack?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('feeder at the end of the data', () => {
	it('stop: the clock stops at the last post and says it ended; nothing is refused, nothing repeats', async () => {
		const f = await feeder({ end: 'stop' });
		await expect.poll(() => clock().then((c) => c.state), { timeout: 30_000 }).toBe('ended');
		const c = await clock();
		expect(Date.parse(c.stream_time as string)).toBe(END);
		expect(Date.parse(c.stream_end as string)).toBe(END);
		expect(c.speed).toBe(0);
		expect(Date.parse(c.ended_at as string)).toBeGreaterThan(Date.now() - 60_000);
		expect(c.run).toBe(0);
		expect(c.scenario).toBe('haren-2012');
		expect(f.state).toBe('ended');
		expect(f.stats.inserted).toBeGreaterThan(0);
		// No write of the feeder was refused.
		expect(calls.filter((x) => x.status >= 400)).toEqual([]);
		expect(f.stats.errors).toBe(0);
		expect(rpcCalls('end_stream_clock').length).toBe(1);

		// After the end: not one statement more over forty step intervals (the old loop sent one
		// refused write per step, for ever). An absence can only be observed over a stretch of time.
		const after = calls.length;
		await new Promise((r) => setTimeout(r, 40 * STEP_MS));
		expect(calls.slice(after)).toEqual([]);
	}, 60_000);

	it('a feeder started on an ended stream (stop mode) plays nothing and writes nothing', async () => {
		const before = calls.length;
		const f = await feeder({ end: 'stop' });
		expect(f.state).toBe('ended');
		expect(f.streamTime).toBe(END);
		await f.stop();
		// One read of the clock at start; no write (stop keeps the ended clock as it is).
		expect(calls.slice(before).map((x) => x.fn)).toEqual(['stream_clock']);
		expect((await clock()).state).toBe('ended');
	});

	it('loop: plays again from its start, run by run, without inserting a post twice', async () => {
		const posts = await postCount();
		const inserts = rpcCalls('ingest_posts').length;
		const f = await feeder({ end: 'loop', endHoldMs: 300 });
		// Seen while it plays the second time: the clock went back to the start of the window.
		await expect
			.poll(() => clock().then((c) => [c.run, c.state]), { timeout: 30_000, interval: 20 })
			.toEqual([1, 'playing']);
		const restarted = await clock();
		expect(Date.parse(restarted.stream_time as string)).toBeLessThan(END);
		expect(Date.parse(restarted.stream_time as string)).toBeGreaterThanOrEqual(FROM);
		expect(restarted.ended_at).toBeNull();
		// And again, after the end and the hold.
		await expect.poll(() => clock().then((c) => c.run), { timeout: 30_000 }).toBe(2);
		expect(f.stats.restarts).toBeGreaterThanOrEqual(2);
		expect(f.run).toBeGreaterThanOrEqual(2);
		// Every post was in the database after the first run: no insert, no new post.
		expect(rpcCalls('ingest_posts').length).toBe(inserts);
		expect(await postCount()).toBe(posts);
		expect(calls.filter((x) => x.status >= 400)).toEqual([]);
		expect(f.stats.errors).toBe(0);
		await f.stop();
		// A stopped feeder pauses a playing clock, or leaves an ended one as it is.
		expect(['paused', 'ended']).toContain((await clock()).state);
	}, 60_000);
});
