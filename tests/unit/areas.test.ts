import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import { AreaStats, TREND_MIN_POSTS, trendOf, type AreaDef } from '../../src/lib/areas/areas';
import { pointInPolygon } from '../../src/lib/geo/measure';
import type { LocatedPost } from '../../src/lib/posts/post';
import { DIAMOND_RING, prng, MIN, HOUR, U_RING } from './helpers';

const T0 = Date.UTC(2025, 3, 27, 12, 0, 0);

let seq = 0;
function post(t: number, pos?: [number, number]): LocatedPost {
	seq++;
	return {
		id: String(seq),
		source: 'x',
		author: `u${seq % 97}`,
		created_at: new Date(t).toISOString(),
		text: '',
		t,
		method: pos ? 'gps' : 'none',
		pos
	};
}

// Unit shapes placed near Museumplein, Amsterdam: u = 0.001°.
const X0 = 4.88;
const Y0 = 52.355;
const U = 0.001;
const at = (x: number, y: number): [number, number] => [X0 + x * U, Y0 + y * U];
const ring = (pts: [number, number][]): [number, number][] => {
	const r = pts.map(([x, y]) => at(x, y));
	return [...r, r[0]];
};

/** A U shape (concave): a base 0..3 × 0..1 with arms up to y = 3 and a notch 1..2 × 1..3. */
const U_SHAPE: AreaDef = {
	id: 'u',
	name: 'U',
	polygon: ring(U_RING)
};
/** A diamond: rays at y = 1 pass exactly through two vertices. */
const DIAMOND: AreaDef = {
	id: 'd',
	name: 'Diamond',
	polygon: ring(DIAMOND_RING)
};

describe('point in polygon', () => {
	const cases: { area: AreaDef; p: [number, number]; inside: boolean; why: string }[] = [
		{ area: U_SHAPE, p: [0.5, 2], inside: true, why: 'left arm' },
		{ area: U_SHAPE, p: [2.5, 2], inside: true, why: 'right arm' },
		{ area: U_SHAPE, p: [1.5, 0.5], inside: true, why: 'base' },
		{ area: U_SHAPE, p: [1.5, 2], inside: false, why: 'in the notch (inside the bbox)' },
		{ area: U_SHAPE, p: [1.5, 1.0001], inside: false, why: 'just above the notch floor' },
		{ area: U_SHAPE, p: [1.5, 0.9999], inside: true, why: 'just below the notch floor' },
		{ area: U_SHAPE, p: [0.5, 1], inside: true, why: 'ray along the notch floor edge' },
		{ area: U_SHAPE, p: [2.5, 1], inside: true, why: 'ray through the notch corner' },
		{
			area: U_SHAPE,
			p: [3.5, 1],
			inside: false,
			why: 'right of the shape, ray level with a vertex'
		},
		{ area: U_SHAPE, p: [-0.5, 1], inside: false, why: 'left of the shape' },
		{ area: U_SHAPE, p: [2.9999, 2], inside: true, why: 'just inside the right edge' },
		{ area: U_SHAPE, p: [3.0001, 2], inside: false, why: 'just outside the right edge' },
		{ area: U_SHAPE, p: [1.5, -0.0001], inside: false, why: 'just below the base' },
		{ area: U_SHAPE, p: [10, 10], inside: false, why: 'far away' },
		{ area: DIAMOND, p: [0.5, 1], inside: true, why: 'ray through the right vertex' },
		{ area: DIAMOND, p: [1, 1], inside: true, why: 'centre' },
		{ area: DIAMOND, p: [-0.5, 1], inside: false, why: 'ray through both side vertices' },
		{ area: DIAMOND, p: [2.5, 1], inside: false, why: 'right of the right vertex' },
		{ area: DIAMOND, p: [0.2, 0.2], inside: false, why: 'bbox corner, outside the diamond' },
		{ area: DIAMOND, p: [1, 1.9999], inside: true, why: 'just below the top vertex' },
		{ area: DIAMOND, p: [1, 2.0001], inside: false, why: 'just above the top vertex' }
	];
	for (const c of cases) {
		it(`${c.area.name} ${c.why} → ${c.inside ? 'inside' : 'outside'}`, () => {
			const stats = new AreaStats([c.area]);
			expect(stats.areasAt(...at(...c.p))).toEqual(c.inside ? [c.area.id] : []);
		});
	}

	it('agrees with turf on random points and random concave (star) polygons', () => {
		const rnd = prng(99);
		let inside = 0;
		for (let k = 0; k < 20; k++) {
			const n = 5 + Math.floor(rnd() * 12);
			const pts: [number, number][] = [];
			for (let i = 0; i < n; i++) {
				const a = (i / n) * 2 * Math.PI;
				const r = 0.3 + rnd();
				pts.push([X0 + Math.cos(a) * r * U, Y0 + Math.sin(a) * r * U]);
			}
			const closed = [...pts, pts[0]];
			const poly = polygon([closed]);
			for (let i = 0; i < 500; i++) {
				const x = X0 + (rnd() * 2.8 - 1.4) * U;
				const y = Y0 + (rnd() * 2.8 - 1.4) * U;
				const want = booleanPointInPolygon(point([x, y]), poly);
				expect(pointInPolygon(x, y, pts)).toBe(want);
				if (want) inside++;
			}
		}
		expect(inside).toBeGreaterThan(1000);
	});

	it('open and closed rings are the same; fewer than 3 vertices hold nothing', () => {
		const open: AreaDef = { ...U_SHAPE, id: 'open', polygon: U_SHAPE.polygon.slice(0, -1) };
		const line: AreaDef = { id: 'line', name: 'Line', polygon: [at(0, 0), at(3, 3)] };
		const empty: AreaDef = { id: 'empty', name: 'Empty', polygon: [] };
		const stats = new AreaStats([U_SHAPE, open, line, empty]);
		expect(stats.areasAt(...at(0.5, 2))).toEqual(['u', 'open']);
		expect(stats.areasAt(...at(1.5, 2))).toEqual([]);
		expect(stats.areasAt(...at(1.5, 1.5))).toEqual([]);
	});
});

describe('trend thresholds', () => {
	const cases: [number, number, 'up' | 'down' | 'flat'][] = [
		[0, 0, 'flat'],
		[3, 1, 'flat'], // fewer than TREND_MIN_POSTS together
		[TREND_MIN_POSTS, 0, 'up'],
		[0, TREND_MIN_POSTS, 'down'],
		[10, 8, 'up'], // +25%
		[9, 8, 'flat'], // +12.5%
		[6, 8, 'down'], // −25%
		[7, 8, 'flat'],
		[100, 100, 'flat']
	];
	for (const [recent, previous, want] of cases) {
		it(`recent ${recent}, previous ${previous} → ${want}`, () => {
			expect(trendOf(recent, previous)).toBe(want);
		});
	}
});

describe('AreaStats rates', () => {
	const SQUARE: AreaDef = {
		id: 'sq',
		name: 'Square',
		polygon: ring([
			[10, 10],
			[11, 10],
			[11, 11],
			[10, 11]
		])
	};
	const inSq = at(10.5, 10.5); // the square is away from the U
	const t1 = T0 + HOUR + 12_345; // not on a bucket boundary
	const cases: { recent: number; previous: number; trend: 'up' | 'down' | 'flat' }[] = [
		{ recent: 20, previous: 10, trend: 'up' },
		{ recent: 10, previous: 20, trend: 'down' },
		{ recent: 12, previous: 11, trend: 'flat' },
		{ recent: 2, previous: 0, trend: 'flat' }
	];
	for (const c of cases) {
		it(`${c.recent} then ${c.previous} posts in 10 min → ${c.recent / 10}/min, ${c.trend}`, () => {
			const stats = new AreaStats([SQUARE, U_SHAPE]);
			const ps: LocatedPost[] = [];
			// Exact window edges: t1 − 10 min is recent, t1 − 20 min is previous, t1 is out.
			for (let i = 0; i < c.recent; i++)
				ps.push(post(t1 - 10 * MIN + (i * 10 * MIN) / c.recent, inSq));
			for (let i = 0; i < c.previous; i++)
				ps.push(post(t1 - 20 * MIN + (i * 10 * MIN) / c.previous, inSq));
			ps.push(post(t1, inSq), post(t1 - 30 * MIN, inSq), post(t1 - MIN, at(5, 5)), post(t1 - MIN));
			stats.add(ps);
			const [sq, u] = stats.stats(t1);
			expect(sq).toEqual({
				id: 'sq',
				name: 'Square',
				perMinute: c.recent / 10,
				previousPerMinute: c.previous / 10,
				trend: c.trend,
				total: c.recent + c.previous + 1
			});
			expect(u).toMatchObject({ id: 'u', perMinute: 0, total: 0, trend: 'flat' });
		});
	}

	it('matches a brute-force recount on random data, overlapping areas, several windows', () => {
		const rnd = prng(5);
		const big: AreaDef = {
			id: 'big',
			name: 'Big',
			polygon: ring([
				[-1, -1],
				[4, -1],
				[4, 4],
				[-1, 4]
			])
		};
		const areas = [U_SHAPE, DIAMOND, big];
		const horizonMs = 3 * HOUR;
		const stats = new AreaStats(areas, { horizonMs });
		const posts: LocatedPost[] = [];
		for (let i = 0; i < 20_000; i++) {
			const t = T0 + Math.floor(rnd() * 4 * HOUR);
			posts.push(post(t, at(rnd() * 6 - 1.5, rnd() * 6 - 1.5)));
		}
		for (let i = 0; i < posts.length; i += 500) stats.add(posts.slice(i, i + 500));
		const newest = Math.max(...posts.map((p) => p.t));
		const firstKeep = Math.floor((newest - horizonMs) / MIN);
		const kept = posts.filter((p) => Math.floor(p.t / MIN) >= firstKeep);
		const inside = areas.map(
			(a) => (p: LocatedPost) => pointInPolygon(p.pos![0], p.pos![1], a.polygon)
		);
		const count = (k: number, a: number, b: number) =>
			kept.filter((p) => p.t >= a && p.t < b && inside[k](p)).length;
		for (const t1 of [T0 + 4 * HOUR, T0 + 3 * HOUR + 7_777, T0 + 2 * HOUR - 1, T0 + 5 * HOUR]) {
			for (const rw of [5 * MIN, 10 * MIN, 17 * MIN + 3_000]) {
				const got = stats.stats(t1, { rateWindowMs: rw });
				areas.forEach((a, k) => {
					const r = count(k, t1 - rw, t1);
					const p = count(k, t1 - 2 * rw, t1 - rw);
					expect(got[k]).toEqual({
						id: a.id,
						name: a.name,
						perMinute: r / (rw / MIN),
						previousPerMinute: p / (rw / MIN),
						trend: trendOf(r, p),
						total: count(k, t1 - horizonMs, t1)
					});
				});
			}
		}
		expect(stats.stats(T0 + 2 * HOUR)[2].total).toBeGreaterThan(100);
	});

	it('memory stays bounded as time runs past the horizon', () => {
		const stats = new AreaStats([U_SHAPE], { horizonMs: HOUR });
		const sizes: number[] = [];
		for (let m = 0; m < 5 * 60; m++) {
			stats.add([post(T0 + m * MIN, at(0.5, 0.5)), post(T0 + m * MIN + 30_000, at(2.5, 2))]);
			sizes.push(stats.size);
		}
		const late = sizes.slice(2 * 60);
		expect(Math.max(...late)).toBeLessThanOrEqual(2 * 62);
		expect(Math.max(...late) - Math.min(...late)).toBeLessThanOrEqual(2);
		expect(stats.stats(T0 + 5 * HOUR)[0].total).toBeLessThanOrEqual(2 * 61);
		stats.add([post(T0, at(0.5, 0.5))]); // older than the horizon: dropped
		expect(stats.size).toBe(sizes[sizes.length - 1]);
		stats.clear();
		expect(stats.size).toBe(0);
		expect(stats.stats(T0 + 5 * HOUR)[0].total).toBe(0);
	});
});
