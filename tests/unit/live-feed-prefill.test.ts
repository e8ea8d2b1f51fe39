/**
 * The client side of a fresh start (issue 11): `stream_clock()` says 'prefilling' (with a
 * progress) until the recent hour is in, then plays while the older history loads. The live feed
 * exposes that (clock.state, clock.progress, clock.historyProgress), reads the clock every second
 * while it loads (not every 10 s), and its history requests wait for the prefill: a map that
 * loaded its window while the database was still empty would never ask for it again.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveFeed } from '../../src/lib/supabase/live-feed';
import type { LiveBackend } from '../../src/lib/supabase/live-sync';
import { parseStreamClock, StreamClock } from '../../src/lib/supabase/stream-clock';
import type { Me } from '../../src/lib/supabase/topics';

const FROM = Date.parse('2012-09-21T16:30:00Z');

function clockRow(over: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		scenario: 'haren-2012',
		stream_time: new Date(FROM).toISOString(),
		wall_time: '2026-12-07T10:00:00Z',
		speed: 60,
		server_time: '2026-12-07T10:00:00Z',
		state: 'playing',
		ended_at: null,
		stream_end: '2012-09-22T04:00:00Z',
		run: 0,
		...over
	};
}

describe('parseStreamClock: loading', () => {
	it('reads prefilling with its progress, and the history progress beside a playing clock', () => {
		const p = parseStreamClock(clockRow({ speed: 0, state: 'prefilling', progress: 0.4 }));
		expect(p).toMatchObject({ state: 'prefilling', progress: 0.4, historyProgress: null });
		const h = parseStreamClock(clockRow({ history_progress: 0.25 }));
		expect(h).toMatchObject({ state: 'playing', progress: null, historyProgress: 0.25 });
		const c = new StreamClock(
			() => 0,
			() => 0
		);
		expect([c.state, c.progress, c.historyProgress]).toEqual([null, null, null]);
		c.update(p);
		expect([c.state, c.progress, c.historyProgress]).toEqual(['prefilling', 0.4, null]);
		// It stands still where the stream will start.
		expect(c.now()).toBe(FROM);
	});

	it('states of a clock without a state field, and bad progress values', () => {
		expect(parseStreamClock(clockRow({ state: undefined }))?.state).toBe('playing');
		expect(parseStreamClock(clockRow({ state: undefined, speed: 0 }))?.state).toBe('paused');
		expect(
			parseStreamClock(clockRow({ state: 'ended', speed: 0, ended_at: '2026-12-07T09:00:00Z' }))
				?.state
		).toBe('ended');
		expect(() => parseStreamClock(clockRow({ state: 'prefilling', progress: 'x' }))).toThrow(
			/progress/
		);
		expect(parseStreamClock(clockRow({ state: 'prefilling', speed: 0 }))?.progress).toBe(0);
	});
});

describe('LiveFeed while the database is prefilled', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('waits with history requests until the clock plays, reading the clock every second', async () => {
		vi.useFakeTimers();
		let answer: Record<string, unknown> = clockRow({
			speed: 0,
			state: 'prefilling',
			progress: 0.1
		});
		let clockReads = 0;
		const client = {
			rpc: async (fn: string) => {
				expect(fn).toBe('stream_clock');
				clockReads++;
				return { data: answer, error: null };
			}
		} as unknown as SupabaseClient;
		const windows: string[] = [];
		const backend: LiveBackend = {
			subscribe: () => () => {},
			postsSince: async () => [],
			postsInWindow: async (args) => {
				windows.push(args.from);
				return [];
			}
		};
		const me: Me = {
			user_id: 'u',
			email: 'analist.nn@uitkijk.demo',
			role: 'analyst',
			unit_id: 'NN',
			municipality_code: null,
			display_name: null
		};
		const feed = new LiveFeed(
			client,
			me,
			{ posts: () => {}, problems: () => {}, error: () => {} },
			{ backend, clockEveryMs: 10_000 }
		);
		await feed.start(null);
		expect(feed.clock.state).toBe('prefilling');
		expect(feed.clock.progress).toBe(0.1);
		expect(feed.loading).toBe(true);

		let answered = false;
		const range = feed.range(FROM - 3_600_000, FROM).then((b) => {
			answered = true;
			return b;
		});
		await vi.advanceTimersByTimeAsync(3000);
		// Read every second while prefilling; no request for the window yet.
		expect(clockReads).toBeGreaterThanOrEqual(4);
		expect(windows).toEqual([]);
		expect(answered).toBe(false);

		// The recent hour is in: the clock plays, the history follows behind it.
		answer = clockRow({ history_progress: 0.1 });
		await vi.advanceTimersByTimeAsync(1000);
		await range;
		expect(answered).toBe(true);
		expect(windows).toEqual([new Date(FROM - 3_600_000).toISOString()]);
		expect(feed.clock.state).toBe('playing');
		expect(feed.clock.historyProgress).toBe(0.1);
		expect(feed.loading).toBe(true);

		// History complete: back to a read every 10 s.
		answer = clockRow();
		await vi.advanceTimersByTimeAsync(1000);
		expect(feed.loading).toBe(false);
		const reads = clockReads;
		await vi.advanceTimersByTimeAsync(9000);
		expect(clockReads).toBe(reads);
		await vi.advanceTimersByTimeAsync(1100);
		expect(clockReads).toBe(reads + 1);
		feed.stop();
	});
});
