import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	METHOD_COLORS,
	POINT_PRECISION_M,
	POINT_RADIUS_PX,
	PostStore,
	displayPosition
} from '../../src/lib/map/post-store';
import { distanceM } from '../../src/lib/geo/measure';
import { mercatorY } from '../../src/lib/heat/raster';
import type { LocateMethod, LocatedPost } from '../../src/lib/posts/post';
import { prng, MIN, HOUR } from './helpers';

const T0 = Date.UTC(2025, 3, 27, 8, 0, 0);
/** The method codes the store writes (its METHOD_CODE table is private). */
const CODE: Record<LocateMethod, number> = { gps: 0, place: 1, text: 2, none: 3, manual: 4 };

let seq = 0;
function post(
	t: number,
	opts: {
		id?: string;
		method?: LocateMethod;
		pos?: [number, number] | null;
		precision_m?: number;
	} = {}
): LocatedPost {
	const method = opts.method ?? 'gps';
	const p: LocatedPost = {
		id: opts.id ?? `p${++seq}`,
		source: 'x',
		author: 'a',
		created_at: new Date(t).toISOString(),
		text: '',
		t,
		method
	};
	if (opts.pos !== null) p.pos = opts.pos ?? [5.1 + (seq % 100) / 1000, 52.09];
	if (opts.precision_m !== undefined) p.precision_m = opts.precision_m;
	else if (method === 'gps') p.precision_m = 10;
	return p;
}

/** A post with a random method, precision and position in the Netherlands. */
function randomPost(rnd: () => number, t: number): LocatedPost {
	const r = rnd();
	const method: LocateMethod = r < 0.4 ? 'gps' : r < 0.75 ? 'place' : 'text';
	const precision_m =
		method === 'gps' ? 10 : method === 'place' ? (rnd() < 0.3 ? 100 : 2000) : 5000;
	return post(t, {
		method,
		precision_m,
		pos: [3.5 + rnd() * 3.5, 50.8 + rnd() * 2.6]
	});
}

/** A deterministic weight of a post time, distinct for distinct minutes. */
const weightA = (t: number) => 1 + (t - T0) / HOUR;
const weightB = (t: number) => 0.5 + ((t - T0) / MIN) * 0.01;

/** Brute-force model: the held posts in time order, equal times in insertion order. */
class Model {
	rows: LocatedPost[] = [];
	keys = new Set<string>();
	duplicates = 0;
	unlocated = 0;
	add(batch: LocatedPost[]): LocatedPost[] {
		const fresh: LocatedPost[] = [];
		for (const p of batch) {
			if (!p.pos) {
				this.unlocated++;
				continue;
			}
			const k = `${p.source}/${p.id}`;
			if (this.keys.has(k)) {
				this.duplicates++;
				continue;
			}
			this.keys.add(k);
			fresh.push(p);
		}
		const sorted = [...fresh].sort((a, b) => a.t - b.t);
		// Stable sort: held rows keep their order and come before new rows of the same time.
		this.rows = [...this.rows, ...sorted].sort((a, b) => a.t - b.t);
		return sorted;
	}
	evictBefore(t: number): void {
		for (const p of this.rows) if (p.t < t) this.keys.delete(`${p.source}/${p.id}`);
		this.rows = this.rows.filter((p) => p.t >= t);
	}
}

/** Every per-row array of the store compared with the model; returns the differences. */
function mismatches(store: PostStore, model: Model, weight: (t: number) => number): string[] {
	const out: string[] = [];
	const [i0, i1] = store.range(-Infinity, Infinity);
	if (store.size !== model.rows.length) out.push(`size ${store.size} != ${model.rows.length}`);
	if (i1 - i0 !== model.rows.length) out.push(`rows ${i1 - i0} != ${model.rows.length}`);
	const held = store.held();
	if (held.length !== model.rows.length) out.push(`held ${held.length}`);
	for (let j = 0; j < model.rows.length && out.length < 10; j++) {
		const p = model.rows[j];
		const r = i0 + j;
		const [lon, lat] = displayPosition(p);
		const radius =
			p.method === 'gps' || (p.precision_m ?? Infinity) <= POINT_PRECISION_M ? POINT_RADIUS_PX : 0;
		const want: [string, unknown, unknown][] = [
			['held', held[j], p],
			['posts', store.posts[r], p],
			['times', store.times[r], p.t],
			['lon', store.positions[2 * r], Math.fround(lon)],
			['lat', store.positions[2 * r + 1], Math.fround(lat)],
			['weights', store.weights[r], Math.fround(weight(p.t))],
			['methods', store.methods[r], CODE[p.method]],
			[
				'colors',
				[...store.colors.subarray(4 * r, 4 * r + 4)].join(),
				METHOD_COLORS[p.method].join()
			],
			['radii', store.radii[r], radius],
			['mercY', store.mercY[r], Math.fround(mercatorY(lat))]
		];
		for (const [name, got, exp] of want) {
			if (got !== exp) out.push(`row ${j} (${p.id}) ${name}: ${String(got)} != ${String(exp)}`);
		}
	}
	if (store.duplicates !== model.duplicates) out.push(`duplicates ${store.duplicates}`);
	if (store.unlocated !== model.unlocated) out.push(`unlocated ${store.unlocated}`);
	const last = model.rows.length ? model.rows[model.rows.length - 1].t : -Infinity;
	if (store.lastTime !== last) out.push(`lastTime ${store.lastTime} != ${last}`);
	return out;
}

const haversineM = (a: [number, number], b: [number, number]) => distanceM(a[0], a[1], b[0], b[1]);

afterEach(() => {
	vi.restoreAllMocks();
});

describe('PostStore.add', () => {
	it('appends newer batches in time order and returns the taken posts sorted', () => {
		const store = new PostStore(4);
		const model = new Model();
		const rnd = prng(1);
		for (let b = 0; b < 10; b++) {
			// Each batch is newer than the last one but shuffled inside.
			const batch = Array.from({ length: 7 }, (_, i) =>
				randomPost(rnd, T0 + (b * 10 + ((i * 3) % 7)) * MIN)
			);
			const taken = store.add(batch, weightA);
			expect(taken).toEqual(model.add(batch));
			expect(taken.map((p) => p.t)).toEqual([...batch.map((p) => p.t)].sort((x, y) => x - y));
		}
		expect(store.size).toBe(70);
		expect(mismatches(store, model, weightA)).toEqual([]);
	});

	it('drops duplicates by (source, id), within a batch and across batches, and counts them', () => {
		const store = new PostStore();
		const a = post(T0, { id: 'same' });
		const b = post(T0 + MIN, { id: 'same' }); // same id, same source
		const c = { ...post(T0 + 2 * MIN, { id: 'same' }), source: 'bluesky' as const };
		expect(store.add([a, b, c], weightA)).toEqual([a, c]);
		expect(store.duplicates).toBe(1);
		expect(store.add([a, post(T0 + 3 * MIN, { id: 'other' })], weightA)).toHaveLength(1);
		expect(store.duplicates).toBe(2);
		expect(store.held().map((p) => `${p.source}:${p.id}`)).toEqual([
			'x:same',
			'bluesky:same',
			'x:other'
		]);
	});

	it('counts posts without a position as unlocated and does not store them', () => {
		const store = new PostStore();
		const version = store.version;
		const none = [post(T0, { method: 'none', pos: null }), post(T0 + 1, { pos: null })];
		expect(store.add(none, weightA)).toEqual([]);
		expect(store.unlocated).toBe(2);
		expect(store.size).toBe(0);
		expect(store.version).toBe(version); // nothing changed
		const located = post(T0 + 2);
		expect(store.add([located, post(T0 + 3, { pos: null })], weightA)).toEqual([located]);
		expect(store.unlocated).toBe(3);
		expect(store.held()).toEqual([located]);
		expect(store.version).toBeGreaterThan(version);
	});

	// Late posts: 32 or fewer take the insert-in-place path, more take the block merge.
	const lateCases: {
		name: string;
		held: number;
		late: number;
		newer: number;
		capacity: number;
		merge: boolean;
		ties: boolean;
	}[] = [
		{ name: '1 late post', held: 50, late: 1, newer: 0, capacity: 64, merge: false, ties: false },
		{ name: '5 late posts', held: 50, late: 5, newer: 3, capacity: 4, merge: false, ties: true },
		{ name: '32 late posts', held: 80, late: 32, newer: 0, capacity: 16, merge: false, ties: true },
		{ name: '33 late posts', held: 80, late: 33, newer: 0, capacity: 16, merge: true, ties: true },
		{
			name: '200 late + 40 newer',
			held: 300,
			late: 200,
			newer: 40,
			capacity: 4,
			merge: true,
			ties: true
		},
		{
			name: '100 late, no ties',
			held: 100,
			late: 100,
			newer: 0,
			capacity: 1024,
			merge: true,
			ties: false
		}
	];
	for (const c of lateCases) {
		it(`late posts end in time order with consistent rows: ${c.name}`, () => {
			// The two private paths, watched to prove which one a case takes.
			const proto = PostStore.prototype as unknown as Record<
				'insertRow' | 'mergeBlock',
				(...args: unknown[]) => void
			>;
			const insert = vi.spyOn(proto, 'insertRow');
			const merge = vi.spyOn(proto, 'mergeBlock');
			const rnd = prng(c.held * 1000 + c.late);
			const store = new PostStore(c.capacity);
			const model = new Model();
			// Held rows every 2 minutes; late ones at odd minutes (or even ones to tie).
			const held = Array.from({ length: c.held }, (_, i) => randomPost(rnd, T0 + 2 * i * MIN));
			store.add(held, weightA);
			model.add(held);
			insert.mockClear();
			merge.mockClear();
			const span = 2 * c.held;
			const late = Array.from({ length: c.late }, () => {
				const m = Math.floor(rnd() * (span - 2));
				return randomPost(rnd, T0 + (c.ties ? m : m | 1) * MIN);
			});
			const newer = Array.from({ length: c.newer }, (_, i) =>
				randomPost(rnd, T0 + (span + i) * MIN)
			);
			const batch = [...newer, ...late].sort(() => rnd() - 0.5);
			const taken = store.add(batch, weightA);
			expect(taken).toEqual(model.add(batch));
			expect(merge).toHaveBeenCalledTimes(c.merge ? 1 : 0);
			expect(insert).toHaveBeenCalledTimes(c.merge ? 0 : c.late);
			expect(mismatches(store, model, weightA)).toEqual([]);
		});
	}

	it('matches a brute-force model over random adds, evictions and reweights (seeded)', () => {
		for (const seed of [7, 42, 2025]) {
			const rnd = prng(seed);
			const store = new PostStore(4);
			const model = new Model();
			let weight = weightA;
			let now = T0;
			const all: LocatedPost[] = [];
			for (let step = 0; step < 150; step++) {
				const op = rnd();
				if (op < 0.7) {
					const n = 1 + Math.floor(rnd() * (rnd() < 0.3 ? 120 : 20));
					const batch: LocatedPost[] = [];
					for (let i = 0; i < n; i++) {
						const r = rnd();
						if (r < 0.05 && all.length) batch.push(all[Math.floor(rnd() * all.length)]);
						else if (r < 0.08) batch.push(post(now, { pos: null, method: 'none' }));
						else {
							// Mostly near the front, some reaching hours back.
							const back = rnd() < 0.5 ? rnd() * 10 * MIN : rnd() * 6 * HOUR;
							const p = randomPost(rnd, Math.round((now - back) / 1000) * 1000);
							batch.push(p);
							all.push(p);
						}
					}
					now += Math.floor(rnd() * 5 * MIN);
					expect(store.add(batch, weight)).toEqual(model.add(batch));
				} else if (op < 0.9) {
					const t = now - 3 * HOUR - Math.floor(rnd() * HOUR);
					store.evictBefore(t);
					model.evictBefore(t);
				} else {
					weight = weight === weightA ? weightB : weightA;
					store.reweight(weight);
				}
				const diff = mismatches(store, model, weight);
				if (diff.length) {
					expect({ seed, step, diff }).toEqual({ seed, step, diff: [] });
				}
			}
			expect(store.size).toBeGreaterThan(100);
		}
	});
});

describe('PostStore.unlocatedBetween', () => {
	it('counts unlocated posts per window at minute resolution, like a brute-force count', () => {
		const rnd = prng(17);
		const store = new PostStore();
		const unlocated = Array.from({ length: 300 }, () =>
			post(T0 + Math.floor(rnd() * 120 * MIN), { method: 'none', pos: null })
		);
		store.add([...unlocated, post(T0 + 5 * MIN)], weightA);
		expect(store.unlocated).toBe(300);
		const minutes = Array.from({ length: 40 }, () => T0 + Math.floor(rnd() * 130 - 5) * MIN);
		for (const t0 of minutes) {
			for (const t1 of minutes.slice(0, 10)) {
				const want = unlocated.filter((p) => p.t >= t0 && p.t < t1).length;
				expect(store.unlocatedBetween(t0, t1)).toBe(want);
			}
		}
		// Bounds inside a minute round down to the minute.
		const inMinute = unlocated.filter((p) => p.t >= T0 + 10 * MIN && p.t < T0 + 20 * MIN).length;
		expect(store.unlocatedBetween(T0 + 10 * MIN + 59_999, T0 + 20 * MIN + 1)).toBe(inMinute);
		// Eviction forgets whole minutes before the eviction time.
		store.evictBefore(T0 + 60 * MIN);
		expect(store.unlocatedBetween(T0 - HOUR, T0 + 60 * MIN)).toBe(0);
		expect(store.unlocatedBetween(T0 + 60 * MIN, T0 + 3 * HOUR)).toBe(
			unlocated.filter((p) => p.t >= T0 + 60 * MIN).length
		);
		// The total stays a running count.
		expect(store.unlocated).toBe(300);
		store.clear();
		expect(store.unlocatedBetween(T0 - HOUR, T0 + 3 * HOUR)).toBe(0);
	});
});

describe('PostStore.range', () => {
	it('gives the rows with t0 <= t < t1, like a brute-force filter', () => {
		const rnd = prng(5);
		const store = new PostStore(8);
		const posts = Array.from({ length: 400 }, () =>
			randomPost(rnd, T0 + Math.floor(rnd() * 200) * MIN)
		);
		store.add(posts, weightA);
		const sorted = store.held();
		const bounds = [
			-Infinity,
			Infinity,
			T0 - 1,
			T0,
			T0 + 200 * MIN,
			...Array.from({ length: 60 }, () => T0 + Math.floor(rnd() * 210) * MIN),
			...Array.from({ length: 20 }, () => T0 + rnd() * 210 * MIN)
		];
		for (const t0 of bounds) {
			for (const t1 of bounds.slice(0, 25)) {
				const [i0, i1] = store.range(t0, t1);
				const want = sorted.filter((p) => p.t >= t0 && p.t < t1);
				expect(store.posts.slice(i0, Math.max(i0, i1))).toEqual(want);
			}
		}
	});

	it('is empty on an empty store', () => {
		const store = new PostStore();
		expect(store.range(-Infinity, Infinity)).toEqual([0, 0]);
		expect(store.lastTime).toBe(-Infinity);
	});
});

describe('PostStore.evictBefore', () => {
	it('drops older rows and frees their keys: an evicted post is accepted again', () => {
		const store = new PostStore(64);
		const posts = Array.from({ length: 20 }, (_, i) => post(T0 + i * MIN, { id: `e${i}` }));
		store.add(posts, weightA);
		const v = store.version;
		store.evictBefore(T0 + 5 * MIN);
		expect(store.version).toBeGreaterThan(v);
		expect(store.held()).toEqual(posts.slice(5));
		expect(store.range(-Infinity, T0 + 5 * MIN)).toEqual(store.range(-Infinity, -Infinity));
		// Evicting again at the same time changes nothing.
		const v2 = store.version;
		store.evictBefore(T0 + 5 * MIN);
		expect(store.version).toBe(v2);
		// A held post is still a duplicate, an evicted one is taken again (as a late post).
		expect(store.add([posts[7]], weightA)).toEqual([]);
		expect(store.duplicates).toBe(1);
		expect(store.add([posts[2]], weightA)).toEqual([posts[2]]);
		expect(store.duplicates).toBe(1);
		const model = new Model();
		model.add(posts.slice(5));
		model.add([posts[2]]);
		model.duplicates = 1;
		expect(mismatches(store, model, weightA)).toEqual([]);
	});

	it('keeps data intact through compaction and growth from capacity 4 to thousands', () => {
		const rnd = prng(99);
		const store = new PostStore(4);
		const model = new Model();
		for (let b = 0; b < 60; b++) {
			const batch = Array.from({ length: 100 }, (_, i) =>
				randomPost(rnd, T0 + (b * 100 + i) * 1000)
			);
			store.add(batch, weightA);
			model.add(batch);
			if (b % 7 === 6) {
				// Sliding window: drop everything older than 2000 s back, which compacts.
				const t = T0 + (b * 100 - 2000) * 1000;
				store.evictBefore(t);
				model.evictBefore(t);
			}
		}
		expect(store.size).toBeGreaterThan(2000);
		expect(store.positions.length).toBeGreaterThanOrEqual(2 * store.size);
		expect(mismatches(store, model, weightA)).toEqual([]);
		// After evicting everything the store is empty and accepts the old posts again.
		store.evictBefore(Infinity);
		expect(store.size).toBe(0);
		expect(store.held()).toEqual([]);
		const again = model.rows.slice(0, 50);
		expect(store.add(again, weightA)).toEqual(again);
	});
});

describe('PostStore.reweight, held, clear', () => {
	it('reweight recomputes every live weight and bumps the version', () => {
		const rnd = prng(3);
		const store = new PostStore(4);
		const model = new Model();
		const posts = Array.from({ length: 50 }, (_, i) => randomPost(rnd, T0 + i * MIN));
		store.add(posts, weightA);
		model.add(posts);
		store.evictBefore(T0 + 10 * MIN);
		model.evictBefore(T0 + 10 * MIN);
		const v = store.version;
		store.reweight(weightB);
		expect(store.version).toBe(v + 1);
		expect(mismatches(store, model, weightB)).toEqual([]);
	});

	it('held() is a copy in time order', () => {
		const store = new PostStore();
		const posts = [post(T0 + 2), post(T0), post(T0 + 1)];
		store.add(posts, weightA);
		const h = store.held();
		expect(h).toEqual([posts[1], posts[2], posts[0]]);
		h.pop();
		expect(store.held()).toHaveLength(3);
	});

	it('clear() empties the store and forgets keys and counters', () => {
		const store = new PostStore();
		const p = post(T0);
		store.add([p, p, post(T0, { pos: null })], weightA);
		store.clear();
		expect([store.size, store.duplicates, store.unlocated, store.held().length]).toEqual([
			0, 0, 0, 0
		]);
		expect(store.add([p], weightA)).toEqual([p]);
	});
});

describe('displayPosition and per-method attributes', () => {
	const pos: [number, number] = [5.12, 52.09];

	const unchanged: { name: string; method: LocateMethod; precision_m?: number }[] = [
		{ name: 'gps', method: 'gps', precision_m: 10 },
		{ name: 'gps with a large precision', method: 'gps', precision_m: 5000 },
		{ name: 'place at the point precision', method: 'place', precision_m: POINT_PRECISION_M },
		{ name: 'text at 50 m', method: 'text', precision_m: 50 }
	];
	for (const c of unchanged) {
		it(`leaves a post unchanged: ${c.name}`, () => {
			expect(
				displayPosition(post(T0, { method: c.method, precision_m: c.precision_m, pos }))
			).toEqual(pos);
		});
	}

	it('spreads an imprecise place post within 0.7 × precision, stably by id', () => {
		const r = 2000;
		const ds: number[] = [];
		const quadrants = new Set<string>();
		const seen = new Set<string>();
		for (let i = 0; i < 1000; i++) {
			const p = post(T0, { id: `spread-${i}`, method: 'place', precision_m: r, pos });
			const q = displayPosition(p);
			// Stable: the same id (another object) lands on the same spot.
			expect(displayPosition({ ...p, text: 'other', t: T0 + 5 })).toEqual(q);
			const d = haversineM(pos, q);
			expect(d).toBeLessThanOrEqual(0.7 * r);
			ds.push(d);
			quadrants.add(`${q[0] > pos[0]}/${q[1] > pos[1]}`);
			seen.add(q.join());
		}
		expect(seen.size).toBe(1000);
		expect(quadrants.size).toBe(4);
		// Uniform over the disc of radius 0.7 r: a quarter within half that radius.
		const inner = ds.filter((d) => d < 0.35 * r).length / ds.length;
		expect(inner).toBeGreaterThan(0.18);
		expect(inner).toBeLessThan(0.32);
		expect(Math.max(...ds)).toBeGreaterThan(0.6 * r);
	});

	const attrs: { name: string; method: LocateMethod; precision_m: number; radius: number }[] = [
		{ name: 'gps', method: 'gps', precision_m: 10, radius: POINT_RADIUS_PX },
		{ name: 'gps, coarse', method: 'gps', precision_m: 5000, radius: POINT_RADIUS_PX },
		{ name: 'place 100 m', method: 'place', precision_m: 100, radius: POINT_RADIUS_PX },
		{ name: 'place 150 m', method: 'place', precision_m: 150, radius: POINT_RADIUS_PX },
		{ name: 'place 151 m', method: 'place', precision_m: 151, radius: 0 },
		{ name: 'place 2 km', method: 'place', precision_m: 2000, radius: 0 },
		{ name: 'text 5 km', method: 'text', precision_m: 5000, radius: 0 }
	];
	for (const c of attrs) {
		it(`writes radius ${c.radius}, method code and colour for ${c.name}`, () => {
			const store = new PostStore();
			store.add([post(T0, { method: c.method, precision_m: c.precision_m, pos })], weightA);
			expect(store.radii[0]).toBe(c.radius);
			expect(store.methods[0]).toBe(CODE[c.method]);
			expect([...store.colors.subarray(0, 4)]).toEqual(METHOD_COLORS[c.method]);
		});
	}
});
