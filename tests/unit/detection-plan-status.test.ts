/**
 * A planned event registered or withdrawn while the detector runs (setPlanned), and what it says
 * about each plan (planStatus: the signals the plan silenced since when, the crowd it saw).
 */
import { describe, expect, it } from 'vitest';
import type { Alert, PlannedEvent } from '../../src/lib/detection/api';
import { createGatheringDetector } from '../../src/lib/detection/detector';
import type { LocatedPost } from '../../src/lib/posts/post';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';
import { HOUR, prng } from './helpers';

const DAY0 = Date.parse('2024-11-09T00:00:00+01:00');
const CITIES: [number, number][] = [
	[4.9, 52.37],
	[5.12, 52.09],
	[4.48, 51.92],
	[6.57, 53.22],
	[5.47, 51.44]
];
const KUIP: [number, number] = [4.5231, 51.8939];

let seq = 0;
function gps(author: string, t: number, pos: [number, number], text = 'hoi'): LocatedPost {
	seq++;
	return {
		id: `x:${seq}`,
		source: 'x',
		author,
		created_at: new Date(t).toISOString(),
		text,
		t,
		method: 'gps',
		pos,
		precision_m: 25
	};
}

function background(from: number, to: number, perHour: number, seed: number): LocatedPost[] {
	const r = prng(seed);
	const n = Math.round(((to - from) / HOUR) * perHour);
	return Array.from({ length: n }, (_, i) => {
		const c = CITIES[Math.floor(r() * CITIES.length)];
		return gps(`bg${Math.floor(r() * 5000)}`, from + Math.floor(((i + r()) * (to - from)) / n), [
			c[0] + (r() - 0.5) * 0.08,
			c[1] + (r() - 0.5) * 0.05
		]);
	});
}

function crowd(t0: number, n: number, authors: number, span: number): LocatedPost[] {
	const r = prng(t0 % 1009);
	return Array.from({ length: n }, (_, i) =>
		gps(
			`in${i % authors}`,
			t0 + Math.floor((i * span) / n),
			[KUIP[0] + (r() - 0.5) * 0.003, KUIP[1] + (r() - 0.5) * 0.002],
			'wat een sfeer'
		)
	);
}

const HISTORY = background(DAY0 - 2 * 24 * HOUR, DAY0, 200, 1);
const KUIP_PLAN: PlannedEvent = {
	id: 'kuip',
	name: 'De Kuip',
	polygon: [
		[4.5206, 51.8925],
		[4.5252, 51.8922],
		[4.5262, 51.8945],
		[4.5236, 51.8958],
		[4.5208, 51.8951],
		[4.5206, 51.8925]
	],
	crowd: 47_000,
	from: new Date(DAY0 + 18.5 * HOUR).toISOString(),
	to: new Date(DAY0 + 22 * HOUR).toISOString()
};

/** The match: background from noon, 600 posts of 300 people in the stadium from 19:00. */
const POSTS = [
	...background(DAY0 + 12 * HOUR, DAY0 + 24 * HOUR, 200, 2),
	...crowd(DAY0 + 19 * HOUR, 600, 300, 3 * HOUR)
].sort((a, b) => a.t - b.t);

/** Feeds the posts in batches of 50; `at(i)` runs before batch i (a plan registered then). */
function run(
	planned: PlannedEvent[],
	at?: (t: number, d: ReturnType<typeof createGatheringDetector>) => void
) {
	const d = createGatheringDetector({ places: BUILTIN_PLACES, planned });
	d.learn!([HISTORY]);
	const alerts: Alert[] = [];
	for (let i = 0; i < POSTS.length; i += 50) {
		at?.(POSTS[i].t, d);
		alerts.push(...d.push(POSTS.slice(i, i + 50)).filter((a) => a.kind !== 'mobilisation'));
	}
	return { d, alerts };
}

describe('plan status', () => {
	it('says how many signals the plan silenced since when, and the crowd it saw', () => {
		const { d, alerts } = run([KUIP_PLAN]);
		expect(alerts).toEqual([]);
		const [s] = d.planStatus!();
		expect(s.id).toBe('kuip');
		expect(s.suppressed).toBeGreaterThan(0);
		const since = Date.parse(s.suppressed_since!);
		expect(since).toBeGreaterThanOrEqual(DAY0 + 19 * HOUR);
		expect(since).toBeLessThan(DAY0 + 20 * HOUR);
		expect(Date.parse(s.last_suppressed_at!)).toBeGreaterThanOrEqual(since);
		expect(s.observed_authors).toBeGreaterThan(0);
		expect(s.observed_crowd).toBeGreaterThan(0);
		expect(s.observed_crowd).toBeLessThanOrEqual(47_000);
	});

	it('a plan without a crowd in it silenced nothing', () => {
		const quiet = {
			...KUIP_PLAN,
			id: 'elsewhere',
			polygon: KUIP_PLAN.polygon.map(([x, y]) => [x + 1, y] as [number, number])
		};
		const { d } = run([quiet]);
		expect(d.planStatus!()[0]).toMatchObject({
			id: 'elsewhere',
			suppressed: 0,
			suppressed_since: null
		});
	});
});

describe('plans registered and withdrawn while the detector runs', () => {
	it('a plan registered before the match silences the crowd it explains', () => {
		// Without a plan the crowd raises alerts.
		expect(run([]).alerts.length).toBeGreaterThan(0);
		const { d, alerts } = run([], (t, det) => {
			if (t >= DAY0 + 18 * HOUR && !det.planStatus!().length) det.setPlanned!([KUIP_PLAN]);
		});
		expect(alerts).toEqual([]);
		expect(d.planStatus!()[0].suppressed).toBeGreaterThan(0);
	});

	it('a withdrawn plan explains nothing from then on', () => {
		let withdrawn = false;
		const { d, alerts } = run([KUIP_PLAN], (t, det) => {
			if (t >= DAY0 + 20 * HOUR && !withdrawn) {
				withdrawn = true;
				det.setPlanned!([]);
			}
		});
		expect(alerts.length).toBeGreaterThan(0);
		expect(Date.parse(alerts[0].detected_at)).toBeGreaterThanOrEqual(DAY0 + 20 * HOUR);
		expect(d.planStatus!()).toEqual([]);
	});

	it('a plan read again unchanged keeps what it has counted; a changed one starts anew', () => {
		let n = 0;
		const { d } = run([KUIP_PLAN], (_t, det) => {
			n++;
			det.setPlanned!([{ ...KUIP_PLAN }]);
		});
		expect(n).toBeGreaterThan(10);
		const kept = d.planStatus!()[0].suppressed;
		expect(kept).toBeGreaterThan(0);
		d.setPlanned!([{ ...KUIP_PLAN, crowd: 50_000 }]);
		expect(d.planStatus!()[0].suppressed).toBe(0);
	});
});
