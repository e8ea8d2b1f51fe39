import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/lib/detection/api';
import { createGatheringDetector } from '../../src/lib/detection/detector';
import {
	aboutCalledPlace,
	adoptPlace,
	containersOf,
	mergeCluster,
	pickCluster,
	resolveCallPlace,
	type CallPlace,
	type MergeableCluster
} from '../../src/lib/detection/mobilisation-places';
import { callCues, maybeCall } from '../../src/lib/detection/mobilisation';
import { validateFacts, summaryText } from '../../src/lib/detection/summary';
import { LearnedPlaces } from '../../src/lib/geo/learned-places';
import { distanceM } from '../../src/lib/geo/measure';
import type { LocatedPost } from '../../src/lib/posts/post';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';
import { HOUR, MIN, prng } from './helpers';

const AMS: [number, number] = [4.88969, 52.37403];
/** A square in Amsterdam-Zuidoost, 7.8 km from the town's centre; no gazetteer has it. */
const SQ: [number, number] = [4.9551, 52.3158];

function learnedSquare(): LearnedPlaces {
	const lp = new LearnedPlaces(BUILTIN_PLACES);
	const r = prng(5);
	for (let i = 0; i < 8; i++)
		lp.observePost({
			author: `w${i}`,
			t: i,
			text: 'markt op het Zonneplein',
			method: 'gps',
			pos: [SQ[0] + (r() - 0.5) * 0.001, SQ[1] + (r() - 0.5) * 0.0008]
		});
	return lp;
}

function cluster(at: CallPlace, callers: string[], t: number): MergeableCluster {
	const c: MergeableCluster = {
		lon: at.lon,
		lat: at.lat,
		lastT: t,
		firstT: t,
		callers: new Map(callers.map((a) => [a, t])),
		names: new Map(),
		newByHour: new Float64Array(48),
		hourAt: new Int32Array(48).fill(-1),
		reposts: 0,
		sceptic: 0,
		calls: callers.length,
		days: new Map([[1, callers.length]]),
		clocks: new Map(),
		evidence: callers.map((a, i) => ({ id: `e-${a}`, w: i })),
		callsByHour: new Float64Array(24),
		callsAt: new Int32Array(24).fill(-1)
	};
	adoptPlace(c, at);
	return c;
}

const town: CallPlace = {
	name: 'Amsterdam',
	lon: AMS[0],
	lat: AMS[1],
	radius_m: 3300,
	level: 2,
	gm: 'GM0363'
};

describe('mobilisation places: a call points at the place it means', () => {
	it('a learned square wins over its town, and a call naming only it waits until it is learned', () => {
		const lp = learnedSquare();
		const names = lp.namesIn('iedereen naar het Zonneplein in Amsterdam');
		const r = resolveCallPlace({ name: 'Amsterdam', pos: AMS, precision_m: 3300 }, names, lp);
		expect(r && 'place' in r && r.place.name).toBe('Zonneplein');
		if (!r || !('place' in r)) throw new Error('no place');
		expect(r.place.learned?.usable).toBe(true);
		expect(r.place.gm).toBeUndefined(); // no co-mention: the geotags alone
		expect(distanceM(r.place.lon, r.place.lat, SQ[0], SQ[1])).toBeLessThan(100);
		// A name nobody placed yet: pending under its key.
		const fresh = new LearnedPlaces(BUILTIN_PLACES);
		expect(resolveCallPlace(null, fresh.namesIn('naar het Zonneplein!'), fresh)).toEqual({
			pending: 'zonneplein'
		});
		// A learned square of another city does not take a call that names Utrecht.
		const utr = resolveCallPlace(
			{ name: 'Utrecht', pos: [5.12222, 52.09083], precision_m: 3000 },
			names,
			lp
		);
		expect(utr && 'place' in utr && utr.place.name).toBe('Utrecht');
	});

	it('a town call counts into the busy specific place inside it, without its name', () => {
		const t = 10 * HOUR;
		const sq: CallPlace = {
			name: 'Zonneplein',
			lon: SQ[0],
			lat: SQ[1],
			radius_m: 100,
			level: 0,
			gm: 'GM0363'
		};
		const inner = cluster(sq, ['a', 'b', 'c', 'd'], t);
		const other = cluster({ ...sq, gm: 'GM0344', lon: 5.12, lat: 52.09 }, ['x', 'y', 'z', 'w'], t);
		const tonight = { day: 1, minutes: -1 };
		const pick = pickCluster([other, inner], town, t + MIN, tonight);
		expect(pick).toEqual({ join: inner, asContainer: true });
		// Not once the square has been quiet for more than 6 h, nor for a square with 2 callers.
		expect(pickCluster([inner], town, t + 7 * HOUR, tonight).join).toBeNull();
		// Nor a town call for another day, or one that names no day (a party, everyday talk).
		expect(pickCluster([inner], town, t, { day: 2, minutes: -1 }).join).toBeNull();
		expect(pickCluster([inner], town, t, { day: NaN, minutes: 1200 }).join).toBeNull();
		expect(pickCluster([cluster(sq, ['a', 'b'], t)], town, t, tonight).join).toBeNull();
	});

	it('a square takes in the recent calls of its town, which then stops', () => {
		const t = 10 * HOUR;
		const old = cluster(town, ['o1'], t - 8 * HOUR);
		const tc = cluster(town, ['a', 'b', 'c'], t);
		tc.callers.set('o1', t - 8 * HOUR);
		const sq = cluster(
			{ name: 'Zonneplein', lon: SQ[0], lat: SQ[1], radius_m: 100, level: 0, gm: 'GM0363' },
			['s'],
			t
		);
		const party = cluster(town, ['p1', 'p2', 'p3'], t);
		party.days = new Map([[2, 3]]);
		const cs = containersOf([old, tc, party, sq], sq, t);
		expect(cs).toEqual([tc]);
		mergeCluster(sq, tc, t - 6 * HOUR);
		expect([...sq.callers.keys()].sort()).toEqual(['a', 'b', 'c', 's']);
		expect(tc.into).toBe(sq);
		expect(sq.days.get(1)).toBe(1 + 3);
		expect(sq.evidence.length).toBe(4);
		// An absorbed group is no longer joined.
		expect(pickCluster([tc], town, t, { day: 1, minutes: -1 }).join).toBeNull();
	});

	it('a post located to the town of an active called place is about that place', () => {
		const t = 10 * HOUR;
		const sq = cluster(
			{ name: 'Zonneplein', lon: SQ[0], lat: SQ[1], radius_m: 100, level: 0, gm: 'GM0363' },
			['s'],
			t
		);
		const at = { lon: AMS[0], lat: AMS[1], radius_m: 3300 };
		expect(
			aboutCalledPlace(
				[sq],
				at,
				() => 'GM0363',
				() => true
			)
		).toBe(true);
		expect(
			aboutCalledPlace(
				[sq],
				at,
				() => 'GM0363',
				() => false
			)
		).toBe(false);
		expect(
			aboutCalledPlace(
				[sq],
				at,
				() => 'GM0344',
				() => true
			)
		).toBe(false);
		// A post located to a site is never re-attributed.
		expect(
			aboutCalledPlace(
				[sq],
				{ ...at, radius_m: 200 },
				() => 'GM0363',
				() => true
			)
		).toBe(false);
	});
});

// Saturday 19 October 2024.
const DAY = Date.parse('2024-10-19T00:00:00+02:00');
let seq = 0;
function p(author: string, t: number, text: string, loc: Partial<LocatedPost> = {}): LocatedPost {
	return {
		id: `x:${++seq}`,
		source: 'x',
		author,
		created_at: new Date(t).toISOString(),
		text,
		t,
		method: 'none',
		...loc
	};
}
const inAms: Partial<LocatedPost> = {
	method: 'text',
	pos: AMS,
	precision_m: 3300,
	located_as: 'Amsterdam'
};

/** Everyday posts naming the square over the days before, some geotagged there. */
function history(): LocatedPost[] {
	const r = prng(11);
	const out: LocatedPost[] = [];
	for (let i = 0; i < 40; i++) {
		const t = DAY - 6 * 24 * HOUR + i * 3 * HOUR;
		if (i % 4 === 0)
			out.push(
				p(`local${i}`, t, 'markt op het Zonneplein', {
					method: 'gps',
					pos: [SQ[0] + (r() - 0.5) * 0.0015, SQ[1] + (r() - 0.5) * 0.001],
					precision_m: 25
				})
			);
		else if (i % 4 === 1)
			out.push(p(`local${i}`, t, 'Zonneplein in Amsterdam is opgeknapt', inAms));
		else out.push(p(`local${i}`, t, 'even boodschappen op het Zonneplein'));
	}
	return out;
}

/** The call: 12 callers name only the square, 5 name it with the town, 3 only the town. */
function theCall(t0: number): LocatedPost[] {
	const out: LocatedPost[] = [];
	for (let i = 0; i < 20; i++) {
		const t = t0 + i * MIN;
		if (i % 4 === 1)
			out.push(p(`c${i}`, t, 'Vanavond 20:00 Zonneplein in Amsterdam, kom allemaal', inAms));
		else if (i === 6 || i === 14 || i === 18)
			out.push(p(`c${i}`, t, 'Vanavond 20:00 in Amsterdam, iedereen komen, zeg het voort', inAms));
		else out.push(p(`c${i}`, t, 'Iedereen vanavond naar het Zonneplein, 20:00!! zeg het voort'));
	}
	return out;
}

function run(hist: LocatedPost[], stream: LocatedPost[]): Alert[] {
	const det = createGatheringDetector({ places: BUILTIN_PLACES });
	det.learn!([hist]);
	const out: Alert[] = [];
	for (let i = 0; i < stream.length; i += 5) out.push(...det.push(stream.slice(i, i + 5)));
	return out.filter((a) => a.kind === 'mobilisation');
}

describe('gathering detector: mobilisation by the place callers mean', () => {
	it('counts calls naming a learned square, and its town, as one call at the square', () => {
		const t0 = DAY + 19 * HOUR;
		const alerts = run(history(), theCall(t0));
		expect(new Set(alerts.map((a) => a.id)).size).toBe(1);
		const a = alerts.at(-1)!;
		expect(a.place).toBe('Zonneplein');
		expect(distanceM(a.lon, a.lat, SQ[0], SQ[1])).toBeLessThan(150);
		expect(a.radius_m).toBeLessThan(300);
		expect(a.facts?.what === 'mobilisation' && a.facts.callers).toBe(20);
		expect(a.expected_at).toBe('2024-10-19T20:00:00+02:00');
		// Raised at the 15th caller, 45 minutes before the announced time.
		expect(Date.parse(alerts[0].detected_at)).toBeLessThanOrEqual(t0 + 15 * MIN);
		// The summary says the place was learned, in both languages, and the facts survive
		// validation (they come back from the database).
		const f = validateFacts(JSON.parse(JSON.stringify(a.facts)));
		expect(f?.what === 'mobilisation' && f.learned?.geotags).toBeGreaterThanOrEqual(2);
		expect(a.summary).toMatch(
			/Zonneplein staat niet in het register: plek geleerd uit \d+ berichten/
		);
		expect(summaryText(f!, 'en')).toMatch(
			/Zonneplein is not in the gazetteer: place learned from \d+ posts .*% sure/
		);
		// Hostile facts: a confidence above 1 is refused.
		expect(
			validateFacts({
				...a.facts,
				learned: { ...(f as { learned: object }).learned, confidence: 2 }
			})
		).toBeUndefined();
	});

	it('counts calls that came before the square was learned once it is (pending calls)', () => {
		const t0 = DAY + 19 * HOUR;
		// No history: the first 10 calls name only the square, nobody has placed it yet.
		const early = Array.from({ length: 10 }, (_, i) =>
			p(`e${i}`, t0 + i * MIN, 'Iedereen vanavond naar het Zonneplein, 20:00!! zeg het voort')
		);
		// Then 6 callers already there post it with their geotag.
		const r = prng(2);
		const there = Array.from({ length: 6 }, (_, i) =>
			p(`g${i}`, t0 + (11 + i) * MIN, 'Kom allemaal naar het Zonneplein vanavond 20:00', {
				method: 'gps',
				pos: [SQ[0] + (r() - 0.5) * 0.001, SQ[1] + (r() - 0.5) * 0.0008],
				precision_m: 25
			})
		);
		const alerts = run([], [...early, ...there]);
		expect(alerts.length).toBeGreaterThan(0);
		const a = alerts.at(-1)!;
		expect(a.place).toBe('Zonneplein');
		// The 10 early callers count: raised at the 5th caller on the square (the 15th in all).
		expect(a.facts?.what === 'mobilisation' && a.facts.callers).toBe(15);
		expect(a.detected_at).toBe(new Date(t0 + 15 * MIN).toISOString());
		expect(distanceM(a.lon, a.lat, SQ[0], SQ[1])).toBeLessThan(200);
	});

	it('does not move a town call of another town, nor count an unplaced name', () => {
		const t0 = DAY + 19 * HOUR;
		const stream = Array.from({ length: 20 }, (_, i) =>
			p(`u${i}`, t0 + i * MIN, 'Iedereen vanavond naar het Maanplein, 20:00!! zeg het voort')
		);
		expect(run(history(), stream)).toEqual([]);
	});
});

describe('mobilisation cues: the imperative "zeg het voort" and "iedereen vanavond naar"', () => {
	it('reads both as calls', () => {
		expect(callCues('Iedereen vanavond naar het plein').weight).toBeGreaterThanOrEqual(1.5);
		expect(callCues('vanavond 20:00, zeg het voort').weight).toBeGreaterThanOrEqual(1);
		expect(maybeCall('zeg het voort')).toBe(true);
		// Still not a call: "iedereen" followed by something else.
		expect(callCues('iedereen vanavond moe').weight).toBe(0);
	});
});

describe('gathering detector: calls that start once people are there', () => {
	const CITIES: [number, number][] = [
		[4.9, 52.37],
		[5.12, 52.09],
		[4.48, 51.92],
		[6.57, 53.22],
		[5.47, 51.44]
	];
	function bg(from: number, to: number, perHour: number, seed: number): LocatedPost[] {
		const r = prng(seed);
		const n = Math.round(((to - from) / HOUR) * perHour);
		return Array.from({ length: n }, (_, i) => {
			const c = CITIES[Math.floor(r() * CITIES.length)];
			return p(
				`bg${Math.floor(r() * 5000)}`,
				from + Math.floor(((i + r()) * (to - from)) / n),
				'hoi',
				{
					method: 'gps',
					pos: [c[0] + (r() - 0.5) * 0.08, c[1] + (r() - 0.5) * 0.05],
					precision_m: 25
				}
			);
		});
	}
	it('raises a surge for the crowd but no mobilisation for "kom ook" calls after it', () => {
		const r = prng(9);
		const crowd = Array.from({ length: 120 }, (_, i) =>
			p(`crowd${i % 60}`, DAY + 19 * HOUR + i * 20_000, 'wat een drukte hier', {
				method: 'gps',
				pos: [SQ[0] + (r() - 0.5) * 0.003, SQ[1] + (r() - 0.5) * 0.002],
				precision_m: 25
			})
		);
		const calls = Array.from({ length: 20 }, (_, i) =>
			p(
				`k${i}`,
				DAY + 19 * HOUR + 50 * MIN + i * MIN,
				'Demo op het Zonneplein is begonnen, kom ook!! vanavond'
			)
		);
		const stream = [...bg(DAY + 12 * HOUR, DAY + 21 * HOUR, 200, 4), ...crowd, ...calls].sort(
			(a, b) => a.t - b.t
		);
		const det = createGatheringDetector({ places: BUILTIN_PLACES });
		det.learn!([[...bg(DAY - 2 * 24 * HOUR, DAY, 200, 3), ...history()].sort((a, b) => a.t - b.t)]);
		const out: Alert[] = [];
		for (let i = 0; i < stream.length; i += 50) out.push(...det.push(stream.slice(i, i + 50)));
		expect(out.some((a) => a.kind === 'surge')).toBe(true);
		expect(out.filter((a) => a.kind === 'mobilisation')).toEqual([]);
	});
});
