/**
 * A fresh start (issue 11): the feeder inserted its whole prefill (48 h) before it wrote the
 * stream clock, so for a minute or more `stream_clock()` answered null, which a map reads as live
 * on wall time (a green LIVE with today's date over an empty map). Now the clock says
 * 'prefilling' (with its progress) from the first statement on, the most recent hour is in the
 * database when the clock starts playing, and the older history follows behind the running
 * stream (history_progress), newest first; `Feeder.history` resolves when it is in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient } from '../../src/lib/server/service-client';
import { startFeeder, type Feeder } from '../../src/stack/feeder';
import { startStack, type Stack } from '../../src/stack/server';
import { parseTime } from '../../src/lib/time/amsterdam';

const HOUR = 3_600_000;
const FROM = parseTime('2012-09-21T20:00:00+02:00'); // haren-2012, a busy evening
const PREFILL = 4 * HOUR;

const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-prefill-'));
let stack: Stack;
const feeders: Feeder[] = [];

async function clock(): Promise<Record<string, unknown> | null> {
	const { data, error } = await serviceClient(stack.url, stack.keys.service_key).rpc(
		'stream_clock'
	);
	if (error) throw new Error(error.message);
	return data as Record<string, unknown> | null;
}

async function count(from: number, to: number): Promise<number> {
	const r = await stack.db.query<{ n: number }>(
		`select count(*)::int as n from public.posts where created_at >= $1 and created_at < $2`,
		[new Date(from).toISOString(), new Date(to).toISOString()]
	);
	return r.rows[0].n;
}

beforeAll(async () => {
	stack = await startStack({ dataDir, geodataDir: null, port: 0, log: () => {} });
});

afterAll(async () => {
	for (const f of feeders) await f.stop().catch(() => {});
	await stack?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('feeder on a fresh database', () => {
	it('says prefilling until the recent hour is in, then plays while the history fills behind it', async () => {
		expect(await clock()).toBeNull();
		const starting = startFeeder({
			supabaseUrl: stack.url,
			serviceKey: stack.keys.service_key,
			pseudonymKey: stack.keys.pseudonym_key,
			scenario: 'haren-2012',
			speed: 60,
			from: FROM,
			prefillMs: PREFILL,
			stepMs: 250,
			log: () => {}
		});
		// What a map sees while the feeder starts: every clock it reads, until the start is done.
		const seen: Record<string, unknown>[] = [];
		let started = false;
		const watching = (async () => {
			while (!started) {
				const c = await clock();
				if (c) seen.push(c);
				await new Promise((r) => setTimeout(r, 20));
			}
		})();
		const f = await starting;
		feeders.push(f);
		started = true;
		await watching;

		// The recent hour is in as the clock starts, the older history is not yet all in.
		const recentAtStart = await count(FROM - HOUR, FROM);
		const olderAtStart = await count(FROM - PREFILL, FROM - HOUR);
		const atStart = await clock();
		expect(atStart?.state).toBe('playing');
		expect(typeof atStart?.history_progress).toBe('number');

		// Before it played, the clock said 'prefilling', standing still at where it will play
		// from, with a progress that only goes up; never 'playing' with an empty window.
		expect(seen.length).toBeGreaterThan(0);
		expect(seen[0].state).toBe('prefilling');
		const prefilling = seen.filter((c) => c.state === 'prefilling');
		for (const c of prefilling) {
			expect(c.speed).toBe(0);
			expect(Date.parse(c.stream_time as string)).toBe(FROM);
			expect(c.progress).toBeGreaterThanOrEqual(0);
			expect(c.progress).toBeLessThan(1);
		}
		const progress = prefilling.map((c) => c.progress as number);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
		const after = seen.findIndex((c) => c.state !== 'prefilling');
		if (after >= 0) expect(seen.slice(after).map((c) => c.state)).not.toContain('prefilling');

		// The history comes in behind the running stream, and then the clock says it is complete.
		await f.history;
		const done = await clock();
		expect(done?.history_progress).toBeUndefined();
		expect(done?.progress).toBeUndefined();
		expect(['playing', 'ended']).toContain(done?.state);
		expect(await count(FROM - HOUR, FROM)).toBe(recentAtStart);
		const older = await count(FROM - PREFILL, FROM - HOUR);
		expect(recentAtStart).toBeGreaterThan(0);
		expect(older).toBeGreaterThan(olderAtStart);
		expect(f.stats.history).toBe(older);
		expect(f.stats.errors).toBe(0);
	}, 120_000);

	it('a feeder that stopped while prefilling prefills again instead of resuming an empty stream', async () => {
		for (const f of feeders.splice(0)) await f.stop();
		const service = serviceClient(stack.url, stack.keys.service_key);
		// As left by a process that stopped during the prefill.
		const { error } = await service.rpc('prefill_stream_clock', {
			scenario: 'haren-2012',
			stream_time: new Date(FROM + HOUR).toISOString(),
			stream_end: new Date(parseTime('2012-09-22T06:00:00+02:00')).toISOString(),
			progress: 0.5
		});
		expect(error).toBeNull();
		expect((await clock())?.state).toBe('prefilling');
		const f = await startFeeder({
			supabaseUrl: stack.url,
			serviceKey: stack.keys.service_key,
			pseudonymKey: stack.keys.pseudonym_key,
			scenario: 'haren-2012',
			speed: 60,
			from: FROM + HOUR,
			prefillMs: HOUR,
			stepMs: 250,
			log: () => {}
		});
		feeders.push(f);
		expect((await clock())?.state).toBe('playing');
		// The hour before it was generated and inserted (the prefill ran), not skipped.
		expect(await count(FROM, FROM + HOUR)).toBeGreaterThan(0);
		expect(f.stats.errors).toBe(0);
	}, 120_000);
});
