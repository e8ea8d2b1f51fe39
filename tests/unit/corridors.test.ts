import { describe, expect, it } from 'vitest';
import { cellToLatLng, latLngToCell } from 'h3-js';
import {
	Corridors,
	HISTORY,
	arrowHead,
	flowPath,
	type Flow
} from '../../src/lib/corridors/corridors';
import { distanceM } from '../../src/lib/geo/measure';
import type { LocatedPost } from '../../src/lib/posts/post';
import { prng, MIN, HOUR } from './helpers';

const T0 = Date.UTC(2025, 3, 27, 10, 0, 0);

// Amsterdam: Centraal, Dam, Leidseplein (about 1 to 1.5 km apart), and Utrecht.
const A: [number, number] = [4.9003, 52.3791];
const B: [number, number] = [4.8926, 52.3731];
const C: [number, number] = [4.8828, 52.3641];
const UTRECHT: [number, number] = [5.1104, 52.0894];
const cell = (p: [number, number]) => latLngToCell(p[1], p[0], 8);

let seq = 0;
function post(
	author: string,
	t: number,
	pos: [number, number],
	extra: Partial<LocatedPost> = {}
): LocatedPost {
	seq++;
	return {
		id: `p${String(seq).padStart(6, '0')}`,
		source: 'x',
		author,
		created_at: new Date(t).toISOString(),
		text: '',
		t,
		method: 'gps',
		pos,
		precision_m: 10,
		...extra
	};
}

function flowsOf(posts: LocatedPost[], t0 = T0 - 10 * HOUR, t1 = T0 + 48 * HOUR, minAuthors = 1) {
	const c = new Corridors();
	c.add(posts);
	return c.flows(t0, t1, { minAuthors });
}

const key = (f: Flow) => `${f.from}>${f.to}:${f.count}/${f.authors}@${f.lastT}`;

describe('Corridors segments', () => {
	it('a walker A→B→C gives two flows in the right direction', () => {
		const posts = ['w1', 'w2'].flatMap((a, i) => [
			post(a, T0 + i * MIN, A),
			post(a, T0 + i * MIN + 15 * MIN, B),
			post(a, T0 + i * MIN + 30 * MIN, C)
		]);
		const flows = flowsOf(posts, T0, T0 + HOUR, 2);
		expect(flows).toHaveLength(2);
		const ab = flows.find((f) => f.from === cell(A))!;
		const bc = flows.find((f) => f.from === cell(B))!;
		expect(ab.to).toBe(cell(B));
		expect(bc.to).toBe(cell(C));
		expect(ab).toMatchObject({ count: 2, authors: 2, lastT: T0 + 16 * MIN });
		expect(bc).toMatchObject({ count: 2, authors: 2, lastT: T0 + 31 * MIN });
		const [lat, lon] = cellToLatLng(cell(B));
		expect(ab.toPos).toEqual([lon, lat]);
		// Timestamped at arrival: a window that ends before B's arrival has no A→B.
		const c = new Corridors();
		c.add(posts);
		expect(c.flows(T0, T0 + 15 * MIN)).toEqual([]);
		// [t0, t1): the arrival at exactly t1 (w2 at T0 + 16 min) is out, the one at t0 in.
		const edge = c.flows(T0 + 15 * MIN, T0 + 16 * MIN, { minAuthors: 1 });
		expect(edge.map((f) => [f.from, f.count, f.authors])).toEqual([[cell(A), 1, 1]]);
		expect(c.flows(T0 + 15 * MIN, T0 + 16 * MIN + 1)).toHaveLength(1);
	});

	const none: { name: string; posts: LocatedPost[] }[] = [
		{
			name: 'a teleport (about 1000 km/h)',
			posts: [post('t', T0, A), post('t', T0 + 2.2 * MIN, UTRECHT)]
		},
		{
			name: 'over maxSpeed (~170 km/h)',
			posts: [post('t', T0, A), post('t', T0 + 13 * MIN, UTRECHT)]
		},
		{ name: 'a gap over 3 h', posts: [post('g', T0, A), post('g', T0 + 3 * HOUR + 1, C)] },
		{
			name: 'the same cell',
			posts: [post('s', T0, A), post('s', T0 + 10 * MIN, [A[0] + 1e-4, A[1]])]
		},
		{ name: 'below 1 km/h', posts: [post('s', T0, A), post('s', T0 + 2 * HOUR, B)] },
		{ name: 'the same time', posts: [post('s', T0, A), post('s', T0, B)] },
		{
			name: 'imprecise posts (precision > 1 km)',
			posts: [post('i', T0, A), post('i', T0 + 15 * MIN, B, { precision_m: 1500 })]
		},
		{
			name: 'posts placed by name without a precision',
			posts: [
				post('i', T0, A, { method: 'place', precision_m: undefined }),
				post('i', T0 + 15 * MIN, B, { method: 'place', precision_m: undefined })
			]
		},
		{
			name: 'different authors',
			posts: [post('x', T0, A), post('y', T0 + 15 * MIN, B)]
		},
		{
			name: 'posts without pos',
			posts: [post('n', T0, A), { ...post('n', T0 + 15 * MIN, B), pos: undefined, method: 'none' }]
		}
	];
	for (const c of none) {
		it(`${c.name} gives no flow`, () => {
			expect(flowsOf(c.posts)).toEqual([]);
		});
	}

	const some: { name: string; posts: LocatedPost[] }[] = [
		{
			name: 'just under 3 h and above 1 km/h',
			posts: [post('g', T0, A), post('g', T0 + 3 * HOUR, UTRECHT)]
		},
		{
			name: 'gps without a precision',
			posts: [
				post('g', T0, A, { precision_m: undefined }),
				post('g', T0 + 15 * MIN, B, { precision_m: undefined })
			]
		},
		{
			name: 'precision exactly 1 km',
			posts: [
				post('g', T0, A, { precision_m: 1000 }),
				post('g', T0 + 15 * MIN, B, { precision_m: 1000 })
			]
		}
	];
	for (const c of some) {
		it(`${c.name} gives one flow`, () => {
			expect(flowsOf(c.posts)).toHaveLength(1);
		});
	}

	it('an imprecise post between two precise ones is skipped, not a break', () => {
		const f = flowsOf([
			post('i', T0, A),
			post('i', T0 + 5 * MIN, UTRECHT, { precision_m: 5000 }),
			post('i', T0 + 15 * MIN, B)
		]);
		expect(f.map((x) => [x.from, x.to])).toEqual([[cell(A), cell(B)]]);
	});

	it('counts segments and distinct authors separately, and sorts by count', () => {
		const posts = [
			// x goes A→B twice (and B→A once); y goes A→B once; z goes B→C once.
			post('x', T0, A),
			post('x', T0 + 15 * MIN, B),
			post('x', T0 + 30 * MIN, A),
			post('x', T0 + 45 * MIN, B),
			post('y', T0, A),
			post('y', T0 + 20 * MIN, B),
			post('z', T0, B),
			post('z', T0 + 20 * MIN, C)
		];
		const all = flowsOf(posts);
		expect(all.map((f) => [f.from, f.to, f.count, f.authors])).toEqual([
			[cell(A), cell(B), 3, 2],
			// Ties on count and authors: the later lastT first.
			[cell(B), cell(A), 1, 1],
			[cell(B), cell(C), 1, 1]
		]);
		expect(flowsOf(posts, undefined, undefined, 2)).toHaveLength(1);
		expect(flowsOf(posts, undefined, undefined, 3)).toHaveLength(0);
	});
});

describe('Corridors out-of-order arrival', () => {
	it('a late post between two others replaces the segment it splits', () => {
		const c = new Corridors();
		c.add([post('l', T0, A), post('l', T0 + 30 * MIN, C)]);
		expect(c.flows(T0, T0 + HOUR, { minAuthors: 1 }).map((f) => [f.from, f.to])).toEqual([
			[cell(A), cell(C)]
		]);
		c.add([post('l', T0 + 15 * MIN, B)]);
		const f = c.flows(T0, T0 + HOUR, { minAuthors: 1 });
		expect(f.map((x) => [x.from, x.to]).sort()).toEqual(
			[
				[cell(A), cell(B)],
				[cell(B), cell(C)]
			].sort()
		);
		expect(c.size).toBe(2);
	});

	it('posts at the same time are ordered by id whatever the arrival order', () => {
		const p1 = post('s', T0, A);
		const p2 = post('s', T0, B);
		const p3 = post('s', T0 + 15 * MIN, C);
		const want = flowsOf([p1, p2, p3]);
		// A→B has dt 0 (no segment); B→C is the one segment.
		expect(want.map((f) => [f.from, f.to])).toEqual([[cell(B), cell(C)]]);
		for (const order of [
			[p2, p1, p3],
			[p3, p2, p1],
			[p3, p1, p2]
		]) {
			const c = new Corridors();
			for (const p of order) c.add([p]);
			expect(c.flows(T0 - HOUR, T0 + HOUR, { minAuthors: 1 })).toEqual(want);
		}
	});

	it('a late post older than the whole kept history is ignored', () => {
		const c = new Corridors();
		const later: LocatedPost[] = [];
		for (let i = 0; i < HISTORY; i++) later.push(post('h', T0 + (i + 1) * 15 * MIN, i % 2 ? A : B));
		c.add(later);
		const before = c.flows(T0 - HOUR, T0 + 10 * HOUR, { minAuthors: 1 }).map(key);
		c.add([post('h', T0, C)]);
		expect(c.flows(T0 - HOUR, T0 + 10 * HOUR, { minAuthors: 1 }).map(key)).toEqual(before);
	});

	it('random movers: shuffled arrival gives the same flows as in-order, and as a brute-force recount', () => {
		const rnd = prng(2024);
		const posts: LocatedPost[] = [];
		const spots: [number, number][] = [A, B, C, [4.91, 52.36], [4.87, 52.38], [4.95, 52.35]];
		for (let a = 0; a < 60; a++) {
			let t = T0 + rnd() * HOUR;
			for (let k = 0; k < 10; k++) {
				const s = spots[Math.floor(rnd() * spots.length)];
				const r = rnd();
				const extra: Partial<LocatedPost> = r < 0.1 ? { precision_m: 3000 } : {};
				posts.push(post(`m${a}`, Math.floor(t), [s[0] + rnd() * 1e-3, s[1] + rnd() * 1e-3], extra));
				// Mostly 5 to 40 minutes; sometimes a long gap, sometimes the same minute.
				t += r < 0.1 ? 4 * HOUR : r < 0.15 ? 1000 : (5 + rnd() * 35) * MIN;
			}
		}
		posts.sort((x, y) => x.t - y.t);
		// Shuffle with bounded lateness: swap each post with one up to 3 places later.
		const late = [...posts];
		for (let i = 0; i < late.length - 3; i++) {
			const j = i + Math.floor(rnd() * 4);
			[late[i], late[j]] = [late[j], late[i]];
		}
		// Brute force: per author, all precise posts in (t, id) order, consecutive pairs.
		const brute = new Map<string, { n: number; authors: Set<string>; lastT: number }>();
		const byAuthor = new Map<string, LocatedPost[]>();
		for (const p of posts) {
			if (p.precision_m! > 1000) continue;
			if (!byAuthor.has(p.author)) byAuthor.set(p.author, []);
			byAuthor.get(p.author)!.push(p);
		}
		for (const [author, ps] of byAuthor) {
			ps.sort((x, y) => x.t - y.t || (x.id < y.id ? -1 : 1));
			for (let i = 1; i < ps.length; i++) {
				const a = ps[i - 1];
				const b = ps[i];
				const dt = b.t - a.t;
				const kmh = distanceM(a.pos![0], a.pos![1], b.pos![0], b.pos![1]) / 1000 / (dt / HOUR);
				if (cell(a.pos!) === cell(b.pos!) || dt <= 0 || dt > 3 * HOUR) continue;
				if (kmh < 1 || kmh > 160) continue;
				const k = `${cell(a.pos!)}>${cell(b.pos!)}`;
				if (!brute.has(k)) brute.set(k, { n: 0, authors: new Set(), lastT: -Infinity });
				const e = brute.get(k)!;
				e.n++;
				e.authors.add(author);
				e.lastT = Math.max(e.lastT, b.t);
			}
		}
		const want = [...brute].map(([k, e]) => `${k}:${e.n}/${e.authors.size}@${e.lastT}`).sort();
		expect(want.length).toBeGreaterThan(20);
		const inOrder = new Corridors();
		const shuffled = new Corridors();
		for (let i = 0; i < posts.length; i += 37) {
			inOrder.add(posts.slice(i, i + 37));
			shuffled.add(late.slice(i, i + 37));
		}
		const all: [number, number] = [T0 - HOUR, T0 + 48 * HOUR];
		expect(
			inOrder
				.flows(...all, { minAuthors: 1 })
				.map(key)
				.sort()
		).toEqual(want);
		for (const [t0, t1] of [all, [T0 + HOUR, T0 + 2 * HOUR], [T0 + 1234567, T0 + 7654321]]) {
			for (const minAuthors of [1, 2]) {
				expect(shuffled.flows(t0, t1, { minAuthors })).toEqual(
					inOrder.flows(t0, t1, { minAuthors })
				);
			}
		}
		const f = inOrder.flows(...all, { minAuthors: 1 });
		for (let i = 1; i < f.length; i++) expect(f[i - 1].count).toBeGreaterThanOrEqual(f[i].count);
	});
});

describe('Corridors eviction', () => {
	it('segments and authors stay bounded as time runs past the horizon', () => {
		const c = new Corridors({ horizonMs: 2 * HOUR });
		const sizes: number[] = [];
		for (let m = 0; m < 10 * 60; m += 5) {
			const batch: LocatedPost[] = [];
			for (let a = 0; a < 20; a++) {
				// Each author alternates A and B every 5 minutes; new authors every hour.
				const who = `a${a}-${Math.floor(m / 60)}`;
				batch.push(post(who, T0 + m * MIN + a * 1000, (m / 5) % 2 ? A : B));
			}
			c.add(batch);
			sizes.push(c.size);
		}
		const late = sizes.slice(sizes.length / 2);
		expect(Math.max(...late)).toBeLessThanOrEqual(20 * (2 * 12 + 1));
		expect(Math.max(...late) - Math.min(...late)).toBeLessThanOrEqual(40);
		expect(c.flows(T0, T0 + 7 * HOUR)).toEqual([]);
		expect(c.flows(T0 + 8 * HOUR, T0 + 10 * HOUR).length).toBe(2);
		c.clear();
		expect(c.size).toBe(0);
		expect(c.flows(-Infinity, Infinity)).toEqual([]);
	});
});

/** Local east/north metres of p relative to o. */
function enu(o: [number, number], p: [number, number]): [number, number] {
	const k = (Math.PI / 180) * 6_371_008.8;
	return [(p[0] - o[0]) * k * Math.cos((o[1] * Math.PI) / 180), (p[1] - o[1]) * k];
}

describe('arrowHead', () => {
	const to: [number, number] = [4.9, 52.37];
	const dirs: { name: string; from: [number, number]; bearing: number }[] = [
		{ name: 'north', from: [4.9, 52.36], bearing: 0 },
		{ name: 'east', from: [4.88, 52.37], bearing: 90 },
		{
			name: 'south-west',
			from: [4.9 + 0.01 / Math.cos((52.37 * Math.PI) / 180), 52.38],
			bearing: 225
		},
		{ name: 'west', from: [4.95, 52.37], bearing: 270 }
	];
	for (const d of dirs) {
		it(`points ${d.name}: tip at to, base behind it, sizeM long and wide`, () => {
			const ring = arrowHead(d.from, to, 200);
			expect(ring).toHaveLength(4);
			expect(ring[0]).toEqual(to);
			expect(ring[3]).toEqual(ring[0]);
			const l = enu(to, ring[1]);
			const r = enu(to, ring[2]);
			const mid: [number, number] = [(l[0] + r[0]) / 2, (l[1] + r[1]) / 2];
			// From base centre to tip is the flow direction.
			const bearing = ((Math.atan2(-mid[0], -mid[1]) * 180) / Math.PI + 360) % 360;
			expect(Math.abs(bearing - d.bearing)).toBeLessThan(0.5);
			expect(Math.hypot(...mid)).toBeCloseTo(200, 3);
			expect(Math.hypot(l[0] - r[0], l[1] - r[1])).toBeCloseTo(200, 3);
			// Base is behind the tip: closer to from.
			expect(distanceM(...d.from, ...ring[1])).toBeLessThan(distanceM(...d.from, ...to));
			expect(distanceM(...d.from, ...ring[2])).toBeLessThan(distanceM(...d.from, ...to));
			// Counter-clockwise (positive shoelace area in east/north).
			const pts = ring.map((p) => enu(to, p));
			let area = 0;
			for (let i = 0; i < 3; i++) area += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
			expect(area).toBeGreaterThan(0);
		});
	}
	it('has no direction when from equals to', () => {
		expect(arrowHead(to, to, 100)).toEqual([]);
	});
});

describe('flowPath', () => {
	const flow = (fromPos: [number, number], toPos: [number, number]): Flow => ({
		from: 'a',
		to: 'b',
		fromPos,
		toPos,
		count: 1,
		authors: 1,
		lastT: 0
	});
	it('trims trimM metres at both ends, along the line', () => {
		const f = flow(A, C);
		const len = distanceM(...A, ...C);
		const [p, q] = flowPath(f, 150);
		expect(distanceM(...A, ...p)).toBeCloseTo(150, 0);
		expect(distanceM(...q, ...C)).toBeCloseTo(150, 0);
		expect(distanceM(...p, ...q)).toBeCloseTo(len - 300, 0);
		// Direction unchanged.
		expect(Math.sign(q[0] - p[0])).toBe(Math.sign(C[0] - A[0]));
		expect(Math.sign(q[1] - p[1])).toBe(Math.sign(C[1] - A[1]));
	});
	it('cuts only a quarter at each end of a short line', () => {
		const to: [number, number] = [A[0], A[1] + 0.002]; // ~222 m
		const len = distanceM(...A, ...to);
		const [p, q] = flowPath(flow(A, to), 150);
		expect(distanceM(...p, ...q)).toBeCloseTo(len / 2, 3);
	});
});

describe('Corridors running windows (incremental flows)', () => {
	for (const horizonMs of [26 * HOUR, 2 * HOUR]) {
		it(`equal a fresh recount after forward moves, backward jumps, window changes and late posts (horizon ${horizonMs / HOUR} h)`, () => {
			const rnd = prng(77 + horizonMs);
			const spots: [number, number][] = [A, B, C, [4.91, 52.36], [4.87, 52.38], [4.95, 52.35]];
			const posts: LocatedPost[] = [];
			for (let a = 0; a < 150; a++) {
				let t = T0 + rnd() * 4 * HOUR;
				for (let k = 0; k < 12; k++) {
					const s = spots[Math.floor(rnd() * spots.length)];
					posts.push(post(`r${a}`, Math.floor(t), [s[0] + rnd() * 1e-3, s[1] + rnd() * 1e-3]));
					t += (3 + rnd() * 30) * MIN;
				}
			}
			posts.sort((x, y) => x.t - y.t);
			// Up to 8 places late: late posts split segments, some of them the latest of a flow.
			for (let i = 0; i < posts.length - 8; i++) {
				if (rnd() < 0.3) {
					const j = i + 1 + Math.floor(rnd() * 8);
					[posts[i], posts[j]] = [posts[j], posts[i]];
				}
			}
			const batches: LocatedPost[][] = [];
			for (let i = 0; i < posts.length;) {
				const n = 1 + Math.floor(rnd() * 60);
				batches.push(posts.slice(i, i + n));
				i += n;
			}
			const live = new Corridors({ horizonMs });
			let fed = 0;
			const lens = [15 * MIN, HOUR, 6 * HOUR, 24 * HOUR, 23 * MIN + 7];
			let len = HOUR;
			let t1 = T0 + HOUR;
			for (let step = 0; step < 250; step++) {
				const r = rnd();
				if (r < 0.5) t1 += Math.floor(rnd() * 60_000);
				else if (r < 0.6) t1 += Math.floor(rnd() * HOUR);
				else if (r < 0.7) t1 -= Math.floor(rnd() * 2 * HOUR);
				else if (r < 0.8) len = lens[Math.floor(rnd() * lens.length)];
				if (fed < batches.length && rnd() < 0.6) {
					live.add(batches[fed++]);
					// Mostly keep the clock with the newest post, where late posts withdraw segments.
					const newest = Math.max(...batches[fed - 1].map((p) => p.t));
					if (rnd() < 0.3 && newest > t1) t1 = newest + 1;
				}
				const minAuthors = rnd() < 0.5 ? 1 : 2;
				const got = live.flows(t1 - len, t1, { minAuthors });
				// The same adds into a fresh instance, asked once (a full count).
				const fresh = new Corridors({ horizonMs });
				for (let i = 0; i < fed; i++) fresh.add(batches[i]);
				expect(got, `step ${step}`).toEqual(fresh.flows(t1 - len, t1, { minAuthors }));
				expect(live.size).toBe(fresh.size);
			}
			expect(fed).toBeGreaterThan(batches.length / 2);
		});
	}

	it('a full count equals a brute-force recount of the segments', () => {
		const rnd = prng(5);
		const posts: LocatedPost[] = [];
		for (let a = 0; a < 40; a++) {
			let t = T0 + rnd() * HOUR;
			for (let k = 0; k < 6; k++) {
				const s: [number, number] = [4.86 + rnd() * 0.08, 52.35 + rnd() * 0.04];
				posts.push(post(`b${a}`, Math.floor(t), s));
				t += (5 + rnd() * 20) * MIN;
			}
		}
		const c = new Corridors();
		c.add(posts);
		const t0 = T0 + 30 * MIN;
		const t1 = T0 + 2 * HOUR;
		const brute = new Map<string, { n: number; authors: Set<string>; lastT: number }>();
		const by = new Map<string, LocatedPost[]>();
		for (const p of posts) by.set(p.author, [...(by.get(p.author) ?? []), p]);
		for (const [author, ps] of by) {
			ps.sort((x, y) => x.t - y.t);
			for (let i = 1; i < ps.length; i++) {
				const [a, b] = [ps[i - 1], ps[i]];
				const dt = b.t - a.t;
				const kmh = distanceM(...a.pos!, ...b.pos!) / 1000 / (dt / HOUR);
				if (cell(a.pos!) === cell(b.pos!) || kmh < 1 || kmh > 160 || dt > 3 * HOUR) continue;
				if (b.t < t0 || b.t >= t1) continue;
				const k = `${cell(a.pos!)}>${cell(b.pos!)}`;
				const e = brute.get(k) ?? { n: 0, authors: new Set(), lastT: -Infinity };
				e.n++;
				e.authors.add(author);
				e.lastT = Math.max(e.lastT, b.t);
				brute.set(k, e);
			}
		}
		const want = [...brute].map(([k, e]) => `${k}:${e.n}/${e.authors.size}@${e.lastT}`).sort();
		expect(want.length).toBeGreaterThan(20);
		// Slide into the window from an earlier position, so the incremental path is what answers.
		for (let x = t0 - 20 * MIN; x < t0; x += 7 * MIN) c.flows(x, x + (t1 - t0), { minAuthors: 1 });
		expect(c.flows(t0, t1, { minAuthors: 1 }).map(key).sort()).toEqual(want);
	});
});
