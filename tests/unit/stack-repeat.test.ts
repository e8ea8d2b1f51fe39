/**
 * The workers' loops and starts (src/stack/repeat.ts, issue 10): a failing step backs off
 * (exponential, capped) instead of sending the same refused statement every tick for ever, and
 * is reported once per kind; a worker whose start fails with a transient error is started again
 * with back-off (it was never retried), a bad setting is not retried, and stop ends it all.
 * Fake timers: no waiting on the wall clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	backoffMs,
	ConfigError,
	failureKind,
	keepStarting,
	orStopped,
	repeat,
	type RepeatFailure
} from '../../src/stack/repeat';

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('repeat', () => {
	it('backs off a step that keeps failing: a few tries in ten minutes, not 2,400', async () => {
		let tries = 0;
		const failures: RepeatFailure[] = [];
		const loop = repeat(
			async () => {
				tries++;
				throw new Error(`set_stream_clock: new row violates check constraint (try ${tries})`);
			},
			250,
			(_err, f) => failures.push(f),
			{ maxBackoffMs: 60_000 }
		);
		await vi.advanceTimersByTimeAsync(10 * 60_000);
		// 250 ms × 2^n up to a minute: 0.5, 1, 2, 4, 8, 16, 32, 60, 60, ... s.
		expect(tries).toBeGreaterThanOrEqual(10);
		expect(tries).toBeLessThanOrEqual(16);
		expect(failures.map((f) => f.retryInMs).slice(0, 9)).toEqual([
			500, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000
		]);
		// The same kind of failure (numbers aside) is reported as repeated after the first.
		expect(failures[0].repeated).toBe(false);
		expect(failures.slice(1).every((f) => f.repeated)).toBe(true);
		await loop.stop();
		const n = tries;
		await vi.advanceTimersByTimeAsync(10 * 60_000);
		expect(tries).toBe(n);
	});

	it('returns to its pace after a success, and reports the recovery and a new kind', async () => {
		const script = ['a', 'a', 'ok', 'b', 'ok', 'ok', 'ok'];
		const seen: string[] = [];
		const times: number[] = [];
		const recovered: number[] = [];
		const loop = repeat(
			async () => {
				times.push(Date.now());
				const s = script.shift() ?? 'stop';
				if (s === 'stop') return false;
				if (s !== 'ok') throw new Error(`failure ${s}`);
			},
			100,
			(err, f) => seen.push(`${(err as Error).message}${f.repeated ? ' (again)' : ''}`),
			{ onRecover: (n) => recovered.push(n) }
		);
		await vi.advanceTimersByTimeAsync(5000);
		expect(seen).toEqual(['failure a', 'failure a (again)', 'failure b']);
		expect(recovered).toEqual([2, 1]);
		const gaps = times.slice(1).map((t, i) => t - times[i]);
		// 200 and 400 after the two failures, back to 100 after the success, 200 after b.
		expect(gaps).toEqual([200, 400, 100, 200, 100, 100, 100]);
		await loop.stop();
	});

	it('a step returning false ends the loop', async () => {
		let n = 0;
		repeat(
			async () => ++n < 3,
			10,
			() => {}
		);
		await vi.advanceTimersByTimeAsync(1000);
		expect(n).toBe(3);
	});

	it('backoffMs and failureKind', () => {
		expect(backoffMs(250, 0, 60_000)).toBe(250);
		expect(backoffMs(250, 3, 60_000)).toBe(2000);
		expect(backoffMs(250, 100, 60_000)).toBe(60_000);
		expect(failureKind(new Error('timeout after 1234 ms at 12:00'))).toBe(
			failureKind(new Error('timeout after 99 ms at 13:30'))
		);
	});
});

describe('keepStarting', () => {
	function worker() {
		return {
			stopped: 0,
			stop: async function (this: { stopped: number }) {
				this.stopped++;
			}
		};
	}

	it('starts again after a transient failure, with back-off, and logs the kind once', async () => {
		const lines: string[] = [];
		let tries = 0;
		const w = worker();
		const s = keepStarting(
			'feeder',
			async () => {
				tries++;
				if (tries <= 3) throw new Error(`stream_clock: fetch failed (${tries})`);
				return w;
			},
			{ log: (m) => lines.push(m), firstDelayMs: 1000 }
		);
		await vi.advanceTimersByTimeAsync(0);
		expect(tries).toBe(1);
		expect(s.current).toBeNull();
		await vi.advanceTimersByTimeAsync(999);
		expect(tries).toBe(1);
		await vi.advanceTimersByTimeAsync(1); // 1 s after the first failure
		expect(tries).toBe(2);
		await vi.advanceTimersByTimeAsync(2000); // then 2 s
		expect(tries).toBe(3);
		await vi.advanceTimersByTimeAsync(4000); // then 4 s
		expect(tries).toBe(4);
		await expect(s.ready).resolves.toBe(w);
		expect(s.current).toBe(w);
		expect(lines.filter((l) => l.includes('failed to start'))).toHaveLength(1);
		expect(lines.at(-1)).toBe('feeder started (try 4)');
		await s.stop();
		expect(w.stopped).toBe(1);
	});

	it('does not retry a bad setting', async () => {
		const lines: string[] = [];
		let tries = 0;
		const s = keepStarting(
			'feeder',
			async () => {
				tries++;
				throw new ConfigError('feeder speed 0: expected 0 < speed <= 3600');
			},
			{ log: (m) => lines.push(m) }
		);
		await expect(s.ready).resolves.toBeNull();
		await vi.advanceTimersByTimeAsync(600_000);
		expect(tries).toBe(1);
		expect(lines).toEqual([
			'feeder failed to start, not retried: feeder speed 0: expected 0 < speed <= 3600'
		]);
	});

	it('stop during the back-off ends the retries; stop during a start stops what started', async () => {
		let tries = 0;
		const s = keepStarting(
			'detector worker',
			async () => {
				tries++;
				throw new Error('areas(): fetch failed');
			},
			{ log: () => {} }
		);
		await vi.advanceTimersByTimeAsync(0);
		await s.stop();
		await vi.advanceTimersByTimeAsync(600_000);
		expect(tries).toBe(1);
		await expect(s.ready).resolves.toBeNull();

		const w = worker();
		let release: () => void = () => {};
		const s2 = keepStarting(
			'feeder',
			() => new Promise<typeof w>((res) => (release = () => res(w))),
			{ log: () => {} }
		);
		const stopping = s2.stop();
		release();
		await stopping;
		expect(w.stopped).toBe(1);
		await expect(s2.ready).resolves.toBeNull();
	});

	it('a start that waits on another (the detector on the feeder) stops with it', async () => {
		const never = new Promise<void>(() => {});
		const s = keepStarting(
			'detector worker',
			async (signal) => {
				await orStopped(never, signal);
				return worker();
			},
			{ log: () => {} }
		);
		await vi.advanceTimersByTimeAsync(0);
		await s.stop(); // does not hang
		await expect(s.ready).resolves.toBeNull();
	});
});
