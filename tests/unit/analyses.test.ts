import { describe, expect, it } from 'vitest';
import {
	AuthorIds,
	LocalAnalyses,
	packBatch,
	transferables,
	unpackBatch
} from '../../src/lib/map/analyses';
import { LiveData } from '../../src/lib/map/live-data';
import type { LocatedPost } from '../../src/lib/posts/post';
import { scenarioInfo } from '../../src/lib/scenario';
import { scenarioPosts } from '../../src/lib/server/scenarios';
import { HOUR, MIN } from './helpers';

const T0 = Date.parse('2012-09-21T20:00:00+02:00');

/** Seeded posts around Haren: one-off authors and movers walking toward the centre. */
function posts(n: number, seed = 7): LocatedPost[] {
	let s = seed;
	const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
	const out: LocatedPost[] = [];
	for (let i = 0; i < n; i++) {
		const mover = i % 4 === 0;
		const author = mover ? `m${i % 40}` : `a${i}`;
		const step = Math.floor(i / 40);
		const lon = mover ? 6.56 + step * 0.004 + rnd() * 0.001 : 6.55 + rnd() * 0.1;
		const lat = mover ? 53.21 - step * 0.003 : 53.15 + rnd() * 0.07;
		const method = i % 3 === 0 ? 'place' : 'gps';
		out.push({
			id: `p${i}`,
			source: 'x',
			author,
			created_at: new Date(T0 + i * 2000).toISOString(),
			text: 't',
			t: T0 + i * 2000,
			method,
			pos: [lon, lat],
			precision_m: method === 'gps' ? 25 : 800
		});
	}
	return out;
}

describe('packBatch/unpackBatch', () => {
	it('keeps what the analyses read: time, position, precision, method, author identity', () => {
		const input = posts(200);
		const authors = new AuthorIds();
		const out = unpackBatch(packBatch(input, authors));
		expect(out).toHaveLength(200);
		for (let i = 0; i < input.length; i++) {
			expect(out[i].t).toBe(input[i].t);
			expect(out[i].pos).toEqual(input[i].pos);
			expect(out[i].method).toBe(input[i].method);
			expect(out[i].precision_m).toBeCloseTo(input[i].precision_m!, 3);
		}
		// Same author, same number; different authors, different numbers.
		const byAuthor = new Map<string, string>();
		for (let i = 0; i < input.length; i++) {
			const prev = byAuthor.get(input[i].author);
			if (prev !== undefined) expect(out[i].author).toBe(prev);
			byAuthor.set(input[i].author, out[i].author);
		}
		expect(new Set(byAuthor.values()).size).toBe(byAuthor.size);
		expect(new Set(out.map((p) => p.id)).size).toBe(200);
	});

	it('lists one transferable buffer per array', () => {
		const b = packBatch(posts(10), new AuthorIds());
		const bufs = transferables(b);
		expect(bufs).toHaveLength(6);
		expect(bufs.every((x) => x instanceof ArrayBuffer)).toBe(true);
	});
});

describe('LocalAnalyses', () => {
	it('gives the same views from packed batches as from the posts themselves', async () => {
		const input = posts(2000);
		const direct = new LocalAnalyses([]);
		const viaWire = new LocalAnalyses([]);
		const authors = new AuthorIds();
		for (let i = 0; i < input.length; i += 250) {
			const batch = input.slice(i, i + 250);
			direct.add(batch);
			viaWire.add(unpackBatch(packBatch(batch, authors)));
		}
		const now = T0 + 2000 * 2000;
		const a = await direct.views(now, 3_600_000, 13);
		const b = await viaWire.views(now, 3_600_000, 13);
		const hexKey = (h: { cell: string; count: number }) => `${h.cell}:${h.count}`;
		expect(a.hexes.map(hexKey).sort()).toEqual(b.hexes.map(hexKey).sort());
		expect(a.hexes.length).toBeGreaterThan(5);
		const flowKey = (f: { from: string; to: string; count: number; authors: number }) =>
			`${f.from}>${f.to}:${f.count}:${f.authors}`;
		expect(a.flows.map(flowKey).sort()).toEqual(b.flows.map(flowKey).sort());
		expect(a.flows.length).toBeGreaterThan(0);
		expect(b.addMs).toHaveLength(8);
	});

	it('rebuild replays history in time order: the same flows as adding in order', async () => {
		const input = posts(1200);
		const inOrder = new LocalAnalyses([]);
		inOrder.add(input);
		const newestFirst = new LocalAnalyses([]);
		for (let i = input.length; i > 0; i -= 300)
			newestFirst.add(input.slice(Math.max(0, i - 300), i));
		newestFirst.rebuild(input);
		const now = T0 + 1200 * 2000;
		const a = await inOrder.views(now, 3_600_000, 13);
		const b = await newestFirst.views(now, 3_600_000, 13);
		expect(b.flows).toEqual(a.flows);
		expect(a.flows.length).toBeGreaterThan(0);
	});
});

describe('area rates in a replay whose data lags the clock', () => {
	// A replay at 600x asks the server for the next slice while the clock runs on: in the browser
	// the posts held lagged the clock by 45 minutes, and the side panel read 0.0/min for the Dam
	// with 10,000 posts in the window (the rates counted the last 10 minutes of the clock, for
	// which nothing had arrived yet). The page's path: the scenario's areas, its located posts
	// through LiveData and LocalAnalyses (which the Web Worker runs too).
	it('measures the rates over the newest data, not over minutes not yet received', async () => {
		const info = scenarioInfo('haren-2012');
		const areas = info.areas.map((a) => ({ id: a.id, name: a.name, polygon: a.polygon }));
		const clock = Date.parse('2012-09-21T21:00:00+02:00');
		const lag = 30 * MIN;
		const received = await scenarioPosts('haren-2012', clock - HOUR, clock - lag);
		const live = new LiveData(new LocalAnalyses(areas), HOUR, clock);
		for (let i = 0; i < received.length; i += 500) live.add(received.slice(i, i + 500));
		const [i0, i1] = live.store.range(clock - HOUR, clock);
		expect(i1 - i0).toBeGreaterThan(1000); // thousands of posts in the window

		const views = await live.derive(clock, HOUR, 13);
		const centre = views.areas.find((a) => a.id === 'haren-centrum')!;
		expect(centre.perMinute).toBeGreaterThan(1);
		// The rates are those of the last 10 minutes received, and say when that was.
		const newest = Math.max(...received.filter((p) => p.pos).map((p) => p.t));
		expect(views.areasAt).toBe(newest);
		const atData = await live.derive(newest, HOUR, 13);
		expect(views.areas).toEqual(atData.areas);
		// Once the data has caught up, the rates are measured at the clock again.
		live.add(await scenarioPosts('haren-2012', clock - lag, clock));
		const caughtUp = await live.derive(clock, HOUR, 13);
		expect(caughtUp.areasAt).toBeGreaterThan(clock - MIN);
		expect(caughtUp.areasAt).toBeLessThanOrEqual(clock);
	});
});
