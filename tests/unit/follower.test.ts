import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FeedFollower, type FeedSink } from '../../src/lib/feed/follower';
import type { FeedBatch, FeedProblem, PostFeed } from '../../src/lib/feed/feed';
import type { LocatedPost } from '../../src/lib/posts/post';
import { prng, MIN, HOUR } from './helpers';

const T0 = Date.UTC(2025, 3, 27, 12, 0, 0);

/** Posts every 7 minutes on the clock (multiples of 7 min since the epoch) in [from, to). */
function postsIn(from: number, to: number): LocatedPost[] {
	const step = 7 * MIN;
	const out: LocatedPost[] = [];
	for (let t = Math.ceil(from / step) * step; t < to; t += step) {
		out.push({
			id: String(t),
			source: 'x',
			author: 'a',
			created_at: new Date(t).toISOString(),
			text: '',
			t,
			method: 'gps',
			pos: [5, 52],
			precision_m: 10
		});
	}
	return out;
}

interface Call {
	from: number;
	to: number;
	signal: AbortSignal | undefined;
	settled: boolean;
	resolve(batch?: Partial<FeedBatch>): void;
	reject(err: unknown): void;
}

/** A feed whose requests stay pending until the test resolves or rejects them. */
class FakeFeed implements PostFeed {
	readonly label = 'fake';
	calls: Call[] = [];
	/** Requests started while an earlier one was neither settled nor aborted. */
	overlaps = 0;
	range(from: number, to: number, signal?: AbortSignal): Promise<FeedBatch> {
		if (this.calls.some((c) => !c.settled && !c.signal?.aborted)) this.overlaps++;
		return new Promise((res, rej) => {
			const call: Call = {
				from,
				to,
				signal,
				settled: false,
				resolve: (batch = {}) => {
					call.settled = true;
					res({ posts: batch.posts ?? postsIn(from, to), problems: batch.problems ?? [] });
				},
				reject: (err) => {
					call.settled = true;
					rej(err);
				}
			};
			this.calls.push(call);
		});
	}
	get last(): Call {
		return this.calls[this.calls.length - 1];
	}
	pending(): Call[] {
		return this.calls.filter((c) => !c.settled);
	}
}

class FakeSink implements FeedSink {
	events: string[] = [];
	delivered: LocatedPost[] = [];
	problemList: FeedProblem[] = [];
	errors: unknown[] = [];
	reset(): void {
		this.events.push('reset');
		this.delivered = [];
	}
	posts(batch: LocatedPost[]): void {
		this.events.push(`posts ${batch.length}`);
		this.delivered.push(...batch);
	}
	problems(problems: FeedProblem[]): void {
		this.events.push(`problems ${problems.length}`);
		this.problemList.push(...problems);
	}
	error(err: unknown): void {
		this.events.push('error');
		this.errors.push(err);
	}
}

/** Let the follower's promise continuations run. */
async function settle(): Promise<void> {
	for (let i = 0; i < 10; i++) await Promise.resolve();
}

function ranges(feed: FakeFeed): [number, number][] {
	return feed.calls.map((c) => [c.from, c.to]);
}

/** Sort and check that ranges tile [from, to) exactly: no gap, no overlap, none empty. */
function tiling(rs: [number, number][]): { from: number; to: number; problems: string[] } {
	const sorted = [...rs].sort((a, b) => a[0] - b[0]);
	const problems: string[] = [];
	for (let i = 0; i < sorted.length; i++) {
		if (!(sorted[i][1] > sorted[i][0])) problems.push(`empty ${sorted[i]}`);
		if (i > 0 && sorted[i][0] !== sorted[i - 1][1])
			problems.push(`${sorted[i][0] < sorted[i - 1][1] ? 'overlap' : 'gap'} at ${sorted[i][0]}`);
	}
	return { from: sorted[0]?.[0], to: sorted[sorted.length - 1]?.[1], problems };
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('FeedFollower', () => {
	it('first tick resets the sink and asks for the newest slice first', () => {
		const feed = new FakeFeed();
		const sink = new FakeSink();
		const f = new FeedFollower(feed, sink, 6 * HOUR, HOUR);
		f.tick(T0);
		expect(sink.events).toEqual(['reset']);
		expect(ranges(feed)).toEqual([[T0 - HOUR, T0]]);
		expect(feed.last.signal).toBeInstanceOf(AbortSignal);
		expect(f.backfilling).toBe(true);
		// Ticks while a request is out start no other one.
		f.tick(T0 + 1000);
		f.tick(T0 + 2000);
		expect(feed.calls).toHaveLength(1);
	});

	const shapes: { name: string; history: number; slice: number; back: [number, number][] }[] = [
		{
			name: 'history a multiple of the slice',
			history: 3 * HOUR,
			slice: HOUR,
			back: [
				[T0 - HOUR, T0],
				[T0 - 2 * HOUR, T0 - HOUR],
				[T0 - 3 * HOUR, T0 - 2 * HOUR]
			]
		},
		{
			name: 'history not a multiple of the slice',
			history: 150 * MIN,
			slice: HOUR,
			back: [
				[T0 - HOUR, T0],
				[T0 - 2 * HOUR, T0 - HOUR],
				[T0 - 150 * MIN, T0 - 2 * HOUR]
			]
		},
		{
			name: 'history shorter than a slice',
			history: 20 * MIN,
			slice: HOUR,
			back: [[T0 - 20 * MIN, T0]]
		}
	];
	for (const s of shapes) {
		it(`backfills history downward to now − historyMs (${s.name})`, async () => {
			const feed = new FakeFeed();
			const sink = new FakeSink();
			const f = new FeedFollower(feed, sink, s.history, s.slice);
			f.tick(T0);
			for (let i = 0; i < s.back.length; i++) {
				expect(f.backfilling).toBe(true);
				expect(feed.pending()).toHaveLength(1);
				feed.last.resolve();
				await settle();
			}
			expect(ranges(feed)).toEqual(s.back);
			expect(f.backfilling).toBe(false);
			expect(feed.pending()).toHaveLength(0);
			expect(sink.delivered.map((p) => p.t).sort((a, b) => a - b)).toEqual(
				postsIn(T0 - s.history, T0).map((p) => p.t)
			);
			// Nothing more to do until the clock moves.
			f.tick(T0);
			await settle();
			expect(feed.calls).toHaveLength(s.back.length);
		});
	}

	it('keeps up with the clock before loading older history', async () => {
		const feed = new FakeFeed();
		const sink = new FakeSink();
		const f = new FeedFollower(feed, sink, 6 * HOUR, HOUR);
		f.tick(T0);
		f.tick(T0 + 30 * MIN); // the clock runs on while the first slice loads
		feed.last.resolve();
		await settle();
		expect(ranges(feed)).toEqual([
			[T0 - HOUR, T0],
			[T0, T0 + 30 * MIN]
		]);
		expect(f.cursor).toBe(T0);
		feed.last.resolve();
		await settle();
		expect(f.cursor).toBe(T0 + 30 * MIN);
		expect(feed.last.from).toBe(T0 - 2 * HOUR);
		expect(f.backfilling).toBe(true);
	});

	it('alternates keeping up with the clock and older history while backfilling', async () => {
		const feed = new FakeFeed();
		const sink = new FakeSink();
		const f = new FeedFollower(feed, sink, 4 * HOUR, HOUR);
		f.tick(T0);
		let now = T0;
		for (let i = 0; i < 6; i++) {
			now += MIN;
			f.tick(now); // the clock is always a little ahead (live ranges reach the clock)
			feed.last.resolve();
			await settle();
		}
		expect(ranges(feed)).toEqual([
			[T0 - HOUR, T0],
			[T0, T0 + MIN],
			[T0 - 2 * HOUR, T0 - HOUR],
			[T0 + MIN, T0 + 3 * MIN],
			[T0 - 3 * HOUR, T0 - 2 * HOUR],
			[T0 + 3 * MIN, T0 + 5 * MIN],
			[T0 - 4 * HOUR, T0 - 3 * HOUR]
		]);
		// History done: only the clock is followed now.
		feed.last.resolve();
		await settle();
		expect(f.backfilling).toBe(false);
		expect(ranges(feed).slice(7)).toEqual([[T0 + 5 * MIN, now]]);
	});

	it('loads history back to back while the clock stands still', async () => {
		const feed = new FakeFeed();
		const sink = new FakeSink();
		const f = new FeedFollower(feed, sink, 3 * HOUR, HOUR);
		f.tick(T0);
		for (let i = 0; i < 3; i++) {
			f.tick(T0);
			feed.last.resolve();
			await settle();
		}
		expect(ranges(feed).map(([from]) => (from - T0) / HOUR)).toEqual([-1, -2, -3]);
	});

	it('catches up in slices when the clock is ahead by more than a slice', async () => {
		const feed = new FakeFeed();
		const sink = new FakeSink();
		const f = new FeedFollower(feed, sink, HOUR, 20 * MIN);
		f.tick(T0);
		for (let i = 0; i < 3; i++) {
			feed.last.resolve();
			await settle();
		}
		expect(f.backfilling).toBe(false);
		f.tick(T0 + 50 * MIN); // within history: no jump, fetched in slices
		for (let i = 0; i < 3; i++) {
			feed.last.resolve();
			await settle();
		}
		expect(sink.events.filter((e) => e === 'reset')).toHaveLength(1);
		expect(ranges(feed).slice(3)).toEqual([
			[T0, T0 + 20 * MIN],
			[T0 + 20 * MIN, T0 + 40 * MIN],
			[T0 + 40 * MIN, T0 + 50 * MIN]
		]);
		expect(f.cursor).toBe(T0 + 50 * MIN);
		expect(feed.pending()).toHaveLength(0);
	});

	for (const seed of [1, 2, 3, 4, 5]) {
		it(`requests tile [now − history, clock) exactly, one at a time (seed ${seed})`, async () => {
			const rnd = prng(seed);
			const feed = new FakeFeed();
			const sink = new FakeSink();
			const history = 5 * HOUR + 17 * MIN;
			const f = new FeedFollower(feed, sink, history, HOUR);
			let now = T0;
			f.tick(now);
			for (let step = 0; step < 200; step++) {
				// The clock runs at an irregular pace; the feed answers some of the time.
				now += Math.floor(rnd() * 25 * MIN);
				f.tick(now);
				if (rnd() < 0.6 && feed.pending().length) feed.last.resolve();
				await settle();
			}
			// Drain.
			for (let i = 0; i < 100 && feed.pending().length; i++) {
				feed.last.resolve();
				await settle();
			}
			expect(feed.overlaps).toBe(0);
			expect(feed.pending()).toHaveLength(0);
			expect(f.backfilling).toBe(false);
			expect(f.cursor).toBe(now);
			expect(sink.events.filter((e) => e === 'reset')).toHaveLength(1);
			expect(tiling(ranges(feed))).toEqual({ from: T0 - history, to: now, problems: [] });
			// Every post of the history and the run, each once.
			const ts = sink.delivered.map((p) => p.t).sort((x, y) => x - y);
			expect(ts).toEqual(postsIn(T0 - history, now).map((p) => p.t));
		});
	}

	const jumps: { name: string; to: number; reset: boolean }[] = [
		{ name: 'seek back by 2 hours', to: T0 - 2 * HOUR, reset: true },
		{ name: 'seek back by 2 seconds', to: T0 - 2000, reset: true },
		{ name: 'jump ahead by more than the history', to: T0 + 6 * HOUR + 1, reset: true },
		{ name: 'back by under a second (jitter)', to: T0 - 999, reset: false },
		{ name: 'ahead within the history', to: T0 + 6 * HOUR, reset: false }
	];
	for (const j of jumps) {
		it(`${j.reset ? 'resets on' : 'does not reset on'} a ${j.name}`, async () => {
			const feed = new FakeFeed();
			const sink = new FakeSink();
			const f = new FeedFollower(feed, sink, 6 * HOUR, HOUR);
			f.tick(T0);
			const first = feed.last;
			f.tick(j.to);
			expect(first.signal!.aborted).toBe(j.reset);
			expect(sink.events).toEqual(j.reset ? ['reset', 'reset'] : ['reset']);
			if (j.reset) {
				expect(feed.calls).toHaveLength(2);
				expect([feed.last.from, feed.last.to]).toEqual([j.to - HOUR, j.to]);
				expect(f.cursor).toBe(j.to);
			} else expect(feed.calls).toHaveLength(1);
			// The first request's answer is used only when no reset happened.
			first.resolve();
			await settle();
			expect(sink.delivered).toEqual(j.reset ? [] : postsIn(T0 - HOUR, T0));
			if (j.reset) {
				expect(sink.events).toEqual(['reset', 'reset']);
				expect(feed.calls).toHaveLength(2);
			}
		});
	}

	it('ignores the rejection of a request aborted by a seek (no error reported)', async () => {
		const feed = new FakeFeed();
		const sink = new FakeSink();
		const f = new FeedFollower(feed, sink, 6 * HOUR, HOUR);
		f.tick(T0);
		const first = feed.last;
		f.tick(T0 - 3 * HOUR);
		first.reject(new DOMException('aborted', 'AbortError'));
		await settle();
		await vi.advanceTimersByTimeAsync(5000);
		expect(sink.errors).toEqual([]);
		expect(feed.calls).toHaveLength(2);
		// The new request proceeds normally.
		feed.last.resolve();
		await settle();
		expect(feed.calls).toHaveLength(3);
		expect([feed.last.from, feed.last.to]).toEqual([T0 - 5 * HOUR, T0 - 4 * HOUR]);
	});

	for (const which of ['a backfill slice', 'a forward slice'] as const) {
		it(`on an error calls sink.error and retries the same range later (${which})`, async () => {
			const feed = new FakeFeed();
			const sink = new FakeSink();
			const f = new FeedFollower(feed, sink, HOUR, HOUR);
			f.tick(T0);
			if (which === 'a forward slice') {
				feed.last.resolve();
				await settle();
				f.tick(T0 + 10 * MIN);
			}
			const failed = feed.last;
			const err = new Error('HTTP 503');
			failed.reject(err);
			await settle();
			expect(sink.errors).toEqual([err]);
			// Backing off: nothing asked yet, and ticks do not start another request.
			f.tick(T0 + 10 * MIN);
			await vi.advanceTimersByTimeAsync(900);
			expect(feed.last).toBe(failed);
			await vi.advanceTimersByTimeAsync(200);
			expect(feed.last).not.toBe(failed);
			expect([feed.last.from, feed.last.to]).toEqual([failed.from, failed.to]);
			feed.last.resolve();
			await settle();
			if (which === 'a backfill slice') {
				// Then the clock's lag.
				expect([feed.last.from, feed.last.to]).toEqual([T0, T0 + 10 * MIN]);
				feed.last.resolve();
				await settle();
			}
			expect(feed.pending()).toHaveLength(0);
			expect(f.backfilling).toBe(false);
			expect(f.cursor).toBe(T0 + 10 * MIN);
			expect(feed.overlaps).toBe(0);
		});
	}

	it('passes problems to the sink before the posts of the same batch', async () => {
		const feed = new FakeFeed();
		const sink = new FakeSink();
		const f = new FeedFollower(feed, sink, HOUR, HOUR);
		f.tick(T0);
		const problems = [{ where: 'item 3', reason: 'pos: bad' }];
		feed.last.resolve({ problems });
		await settle();
		expect(sink.events).toEqual(['reset', 'problems 1', `posts ${postsIn(T0 - HOUR, T0).length}`]);
		expect(sink.problemList).toEqual(problems);
	});

	it('stop() aborts the request in flight and its answer is ignored', async () => {
		const feed = new FakeFeed();
		const sink = new FakeSink();
		const f = new FeedFollower(feed, sink, 3 * HOUR, HOUR);
		f.tick(T0);
		f.stop();
		expect(feed.last.signal!.aborted).toBe(true);
		feed.last.resolve();
		await settle();
		await vi.advanceTimersByTimeAsync(5000);
		expect(sink.events).toEqual(['reset']);
		expect(feed.calls).toHaveLength(1);
	});

	it('stop() during the back-off after an error starts no new request', async () => {
		const feed = new FakeFeed();
		const sink = new FakeSink();
		const f = new FeedFollower(feed, sink, 3 * HOUR, HOUR);
		f.tick(T0);
		feed.last.reject(new Error('offline'));
		await settle();
		expect(sink.errors).toHaveLength(1);
		f.stop();
		await vi.advanceTimersByTimeAsync(2000);
		expect(feed.calls).toHaveLength(1);
	});
});
