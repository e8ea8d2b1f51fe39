import { describe, expect, it } from 'vitest';
import { cellToParent, getResolution, latLngToCell } from 'h3-js';
import { HexBins, batchCells, type HexCount } from '../../src/lib/binning/hexbins';
import type { LocatedPost } from '../../src/lib/posts/post';
import { prng, MIN, HOUR } from './helpers';

const T0 = Date.UTC(2025, 3, 27, 8, 0, 0);

let seq = 0;
function post(t: number, pos?: [number, number], author = 'a'): LocatedPost {
	seq++;
	return {
		id: String(seq),
		source: 'x',
		author,
		created_at: Number.isFinite(t) ? new Date(t).toISOString() : '',
		text: '',
		t,
		method: pos ? 'gps' : 'none',
		pos
	};
}

/** Posts in a small box around Utrecht so cells repeat, spread over `spanMs`, shuffled. */
function randomPosts(rnd: () => number, n: number, spanMs: number): LocatedPost[] {
	const out: LocatedPost[] = [];
	for (let i = 0; i < n; i++) {
		const t = T0 + Math.floor(rnd() * spanMs);
		const pos: [number, number] | undefined =
			rnd() < 0.1 ? undefined : [5.08 + rnd() * 0.08, 52.06 + rnd() * 0.05];
		out.push(post(t, pos));
	}
	return out;
}

function cellOf(p: LocatedPost, res: number, finest: number): string {
	const c = latLngToCell(p.pos![1], p.pos![0], finest);
	return res === finest ? c : cellToParent(c, res);
}

function brute(
	posts: LocatedPost[],
	res: number,
	finest: number,
	t0: number,
	t1: number,
	trendMs: number
): HexCount[] {
	const m = new Map<string, { count: number; recent: number; previous: number }>();
	for (const p of posts) {
		if (!p.pos) continue;
		const c = cellOf(p, res, finest);
		let a = m.get(c);
		if (!a) m.set(c, (a = { count: 0, recent: 0, previous: 0 }));
		if (p.t >= t0 && p.t < t1) a.count++;
		if (p.t >= t1 - trendMs && p.t < t1) a.recent++;
		if (p.t >= t1 - 2 * trendMs && p.t < t1 - trendMs) a.previous++;
	}
	return [...m]
		.filter(([, a]) => a.count > 0)
		.map(([cell, a]) => ({
			cell,
			...a,
			trend: (a.recent - a.previous) / Math.max(a.previous, 1)
		}))
		.sort((x, y) => (x.cell < y.cell ? -1 : 1));
}

const byCell = (xs: HexCount[]) => [...xs].sort((x, y) => (x.cell < y.cell ? -1 : 1));

describe('HexBins matches a brute-force recount', () => {
	const configs = [
		{ name: 'defaults [6, 8], 1-min buckets', resolutions: [6, 8], bucketMs: 60_000 },
		{ name: '[7, 9, 5], 7-s buckets', resolutions: [7, 9, 5], bucketMs: 7_000 },
		{ name: '[8] only, 5-min buckets', resolutions: [8], bucketMs: 300_000 }
	];
	for (const cfg of configs) {
		it(cfg.name, () => {
			const rnd = prng(42 + cfg.bucketMs);
			const posts = randomPosts(rnd, 6000, 5 * HOUR);
			const bins = new HexBins({ resolutions: cfg.resolutions, bucketMs: cfg.bucketMs });
			// Shuffled batches of varying size: out-of-order arrival.
			for (let i = 0; i < posts.length;) {
				const n = 1 + Math.floor(rnd() * 700);
				bins.add(posts.slice(i, i + n));
				i += n;
			}
			expect(bins.size).toBe(posts.filter((p) => p.pos).length);
			const finest = Math.max(...cfg.resolutions);
			const windows: [number, number, number][] = [
				[T0, T0 + 5 * HOUR, 600_000], // everything
				[T0 + HOUR, T0 + HOUR + 15 * MIN, 600_000], // aligned 15 min
				[T0 + 2 * HOUR + 12_345, T0 + 3 * HOUR + 33_333, 600_000], // unaligned 1 h
				[T0 + 17_000, T0 + 4 * HOUR + 59 * MIN + 1, 10 * MIN], // long, unaligned
				[T0 + 3 * HOUR + 1, T0 + 3 * HOUR + 5 * MIN, 7 * MIN + 1], // trend windows beyond t0
				[T0 + 90 * MIN + 500, T0 + 90 * MIN + 40_000, 0], // sub-bucket window, no trend
				[T0 - HOUR, T0 + 30 * MIN, 600_000], // starts before the data
				[T0 + 4 * HOUR, T0 + 9 * HOUR, 2 * HOUR] // ends after the data
			];
			for (const res of cfg.resolutions) {
				for (const [t0, t1, trendMs] of windows) {
					const got = byCell(bins.query(res, t0, t1, { trendMs }));
					const want = brute(posts, res, finest, t0, t1, trendMs);
					expect(got, `res ${res} [${t0 - T0}, ${t1 - T0}) trend ${trendMs}`).toEqual(want);
					// cellSummary agrees with query for a few cells.
					for (const h of want.slice(0, 5)) {
						expect(bins.cellSummary(h.cell, t0, t1, trendMs)).toEqual(h);
					}
				}
			}
		});
	}

	it('empty or reversed windows give nothing; unknown resolutions are refused', () => {
		const bins = new HexBins();
		bins.add([post(T0, [5.1, 52.09])]);
		expect(bins.query(8, T0 + MIN, T0)).toEqual([]);
		expect(bins.query(8, T0, T0)).toEqual([]);
		expect(bins.query(8, T0, T0 + 1)).toHaveLength(1);
		expect(() => bins.query(7, T0, T0 + 1)).toThrow(RangeError);
		const c7 = latLngToCell(52.09, 5.1, 7);
		expect(getResolution(c7)).toBe(7);
		expect(bins.cellSummary(c7, T0, T0 + 1)).toBeUndefined();
		expect(bins.cellSummary('not a cell', T0, T0 + 1)).toBeUndefined();
		const c8 = latLngToCell(52.09, 5.1, 8);
		expect(bins.cellSummary(c8, T0 + 1, T0 + 2)).toBeUndefined();
		expect(bins.query(8, -Infinity, Infinity)).toHaveLength(1);
	});

	it('skips posts without pos or with a bad position', () => {
		const bins = new HexBins();
		bins.add([post(T0), post(T0, [NaN, 52]), post(T0, [5, 95]), post(NaN, [5, 52])]);
		expect(bins.size).toBe(0);
	});
});

describe('HexBins trend', () => {
	const pos: [number, number] = [4.9, 52.37];
	const cell = latLngToCell(52.37, 4.9, 8);
	const t1 = T0 + HOUR;
	const cases = [
		{ previous: 3, recent: 6, trend: 1 },
		{ previous: 0, recent: 4, trend: 4 },
		{ previous: 5, recent: 0, trend: -1 },
		{ previous: 4, recent: 3, trend: -0.25 },
		{ previous: 2, recent: 2, trend: 0 }
	];
	for (const c of cases) {
		it(`previous ${c.previous}, recent ${c.recent} → ${c.trend}`, () => {
			const bins = new HexBins();
			const ps: LocatedPost[] = [];
			// Spread within each 10-min trend window, including its exact edges.
			for (let i = 0; i < c.previous; i++) ps.push(post(t1 - 20 * MIN + i * 1000 * 113, pos));
			for (let i = 0; i < c.recent; i++) ps.push(post(t1 - 1 - i * 1000 * 97, pos));
			ps.push(post(t1, pos)); // at t1: outside [t0, t1)
			ps.push(post(t1 - 20 * MIN - 1, pos)); // just before the previous window
			bins.add(ps);
			const [h] = bins.query(8, t1 - HOUR, t1);
			expect(h.cell).toBe(cell);
			expect(h.count).toBe(c.previous + c.recent + 1);
			expect(h.recent).toBe(c.recent);
			expect(h.previous).toBe(c.previous);
			expect(h.trend).toBeCloseTo(c.trend, 12);
		});
	}
});

describe('HexBins eviction', () => {
	it('size stops growing once time runs past the horizon, and old posts are dropped', () => {
		const horizonMs = 2 * HOUR;
		const bins = new HexBins({ horizonMs });
		const rnd = prng(7);
		const sizes: number[] = [];
		// 100 posts per simulated minute, 8 hours.
		for (let m = 0; m < 8 * 60; m++) {
			const batch: LocatedPost[] = [];
			for (let i = 0; i < 100; i++) {
				batch.push(post(T0 + m * MIN + rnd() * MIN, [4 + rnd() * 2, 51.5 + rnd()]));
			}
			bins.add(batch);
			sizes.push(bins.size);
		}
		const cap = 100 * (horizonMs / MIN + 2);
		expect(Math.max(...sizes)).toBeLessThanOrEqual(cap);
		// After the horizon the size is flat (within one minute's batch).
		const late = sizes.slice(3 * 60);
		expect(Math.max(...late) - Math.min(...late)).toBeLessThanOrEqual(200);
		expect(sizes[sizes.length - 1]).toBeGreaterThan(100 * (horizonMs / MIN - 1));
		// Nothing is left from the first hours.
		expect(bins.query(6, T0, T0 + 5 * HOUR)).toEqual(
			bins.query(6, T0 + 8 * HOUR - horizonMs - MIN, T0 + 5 * HOUR)
		);
		expect(bins.query(6, T0, T0 + 5 * HOUR + 59 * MIN)).toEqual([]);
		// A post older than the horizon is dropped.
		const before = bins.size;
		bins.add([post(T0 + HOUR, [5, 52])]);
		expect(bins.size).toBe(before);
		bins.clear();
		expect(bins.size).toBe(0);
		expect(bins.query(6, -Infinity, Infinity)).toEqual([]);
	});

	it('after eviction, counts equal a recount of the posts still within the horizon', () => {
		const horizonMs = 150 * MIN + 20_000; // not a whole number of hours or buckets
		const bins = new HexBins({ horizonMs });
		const rnd = prng(11);
		const all: LocatedPost[] = [];
		for (let m = 0; m < 7 * 60 + 17; m++) {
			const batch: LocatedPost[] = [];
			for (let i = 0; i < 30; i++) {
				// Up to 5 minutes late.
				batch.push(
					post(T0 + m * MIN - rnd() * 5 * MIN, [5.08 + rnd() * 0.08, 52.06 + rnd() * 0.05])
				);
			}
			bins.add(batch);
			all.push(...batch);
		}
		const newest = Math.max(...all.map((p) => p.t));
		const firstKeep = Math.floor((newest - horizonMs) / MIN);
		const kept = all.filter((p) => Math.floor(p.t / MIN) >= firstKeep);
		expect(kept.length).toBeLessThan(all.length / 2);
		expect(bins.size).toBe(kept.length);
		for (const res of [6, 8]) {
			for (const [t0, t1] of [
				[T0, T0 + 8 * HOUR],
				[T0 + 4 * HOUR, T0 + 6 * HOUR + 30_000],
				[T0 + 5 * HOUR, T0 + 6 * HOUR]
			]) {
				expect(byCell(bins.query(res, t0, t1))).toEqual(brute(kept, res, 8, t0, t1, 600_000));
			}
		}
	});

	it('a big jump ahead in time evicts everything behind the horizon', () => {
		const bins = new HexBins({ horizonMs: HOUR });
		bins.add([post(T0, [5, 52]), post(T0 + 10 * MIN, [5, 52])]);
		expect(bins.size).toBe(2);
		bins.add([post(T0 + 1000 * 24 * HOUR, [5, 52])]);
		expect(bins.size).toBe(1);
		expect(bins.query(8, -Infinity, Infinity)).toHaveLength(1);
	});
});

describe('batchCells (cells shared between HexBins and Corridors)', () => {
	it('reuses the last batch only when it holds the same posts with the same pos', () => {
		const a = post(T0, [4.9, 52.37]);
		const b = post(T0, [5.12, 52.09]);
		const c = post(T0); // no pos
		const batch = [a, b, c];
		const want = (p: LocatedPost) => (p.pos ? latLngToCell(p.pos[1], p.pos[0], 8) : undefined);
		// Partial first (only what is needed), then the rest.
		expect(batchCells(batch, 8, [false, true, true])).toEqual([null, want(b), undefined]);
		const first = batchCells(batch, 8);
		expect(first).toEqual([want(a), want(b), undefined]);
		// Same array mutated in place: new post objects are noticed.
		batch[0] = post(T0, [6.57, 53.22]);
		expect(batchCells(batch, 8)[0]).toBe(want(batch[0]));
		// A replaced pos array on the same post object is noticed too.
		b.pos = [4.48, 51.92];
		expect(batchCells(batch, 8)[1]).toBe(want(batch[1]));
		// Another resolution is another computation.
		expect(batchCells(batch, 6)[1]).toBe(latLngToCell(51.92, 4.48, 6));
	});
});

describe('HexBins running windows (incremental query)', () => {
	it('equal a brute-force recount after forward moves, backward jumps, window changes and adds', () => {
		const rnd = prng(314);
		const all = randomPosts(rnd, 12_000, 6 * HOUR);
		const bins = new HexBins({ resolutions: [7, 8] });
		const added: LocatedPost[] = [];
		let next = 0;
		const feed = (n: number) => {
			const batch = all.slice(next, next + n);
			next += batch.length;
			bins.add(batch);
			added.push(...batch);
		};
		feed(4000);
		const lens = [15 * MIN, HOUR, 6 * HOUR, 24 * HOUR, 7 * MIN + 13];
		let len = HOUR;
		let t1 = T0 + 2 * HOUR + 1234;
		let checks = 0;
		for (let step = 0; step < 300; step++) {
			const r = rnd();
			if (r < 0.6)
				t1 += Math.floor(rnd() * 2000); // the clock, a little further (or not)
			else if (r < 0.7)
				t1 += Math.floor(rnd() * 40 * MIN); // a bigger step
			else if (r < 0.8)
				t1 -= Math.floor(rnd() * HOUR); // backward
			else if (r < 0.9) len = lens[Math.floor(rnd() * lens.length)];
			else if (next < all.length) feed(1 + Math.floor(rnd() * 500)); // posts, out of order
			const res = rnd() < 0.5 ? 8 : 7;
			const trendMs = rnd() < 0.8 ? 600_000 : 0;
			const got = byCell(bins.query(res, t1 - len, t1, { trendMs }));
			expect(got, `step ${step}`).toEqual(brute(added, res, 8, t1 - len, t1, trendMs));
			checks++;
		}
		expect(checks).toBe(300);
		expect(next).toBeGreaterThan(8000);
	}, 60_000); // a brute-force check: slow on a busy 2-core machine, not a timing test

	it('stay right when eviction passes them and when the cell numbering is compacted', () => {
		const rnd = prng(99);
		const bins = new HexBins({ horizonMs: 2 * HOUR });
		(bins as unknown as { cellCap: number }).cellCap = 40;
		const all: LocatedPost[] = [];
		const distinct = new Set<string>();
		for (let m = 0; m < 12 * 60; m += 2) {
			const batch: LocatedPost[] = [];
			// A moving crowd: new cells keep appearing, old ones leave the horizon.
			for (let i = 0; i < 10; i++) {
				const p = post(T0 + m * MIN + rnd() * 2 * MIN, [
					4.8 + m * 0.008 + rnd() * 0.03,
					52.3 + rnd() * 0.03
				]);
				batch.push(p);
				distinct.add(latLngToCell(p.pos![1], p.pos![0], 8));
			}
			bins.add(batch);
			all.push(...batch);
			if (m % 10 !== 0) continue;
			const newest = Math.max(...all.map((p) => p.t));
			const keep = Math.floor((newest - 2 * HOUR) / MIN);
			const kept = all.filter((p) => Math.floor(p.t / MIN) >= keep);
			for (const len of [15 * MIN, 3 * HOUR]) {
				const t1 = T0 + m * MIN + 30_000;
				for (const res of [6, 8]) {
					expect(byCell(bins.query(res, t1 - len, t1))).toEqual(
						brute(kept, res, 8, t1 - len, t1, 600_000)
					);
				}
			}
		}
		// Renumbered along the way: far fewer numbers than distinct cells ever seen.
		const internals = bins as unknown as { cellStr: string[] };
		expect(distinct.size).toBeGreaterThan(1500);
		expect(internals.cellStr.length).toBeLessThan(distinct.size / 2);
	});
});
