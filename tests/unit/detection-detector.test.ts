import { describe, expect, it } from 'vitest';
import type { Alert, PlannedEvent } from '../../src/lib/detection/api';
import { createGatheringDetector } from '../../src/lib/detection/detector';
import { calledNamesRe } from '../../src/lib/detection/signals/mobilisation';
import type { LocatedPost } from '../../src/lib/posts/post';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';
import { HOUR, MIN, prng } from './helpers';

// Thursday 20 September 2012, 00:00 local.
const DAY0 = Date.parse('2012-09-20T00:00:00+02:00');
const CITIES: [number, number][] = [
	[4.9, 52.37],
	[5.12, 52.09],
	[4.48, 51.92],
	[6.57, 53.22],
	[5.47, 51.44]
];
const HAREN: [number, number] = [6.6062, 53.1727];

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

/** Background: gps posts spread over five cities, `perHour` an hour, for [from, to). */
function background(from: number, to: number, perHour: number, seed: number): LocatedPost[] {
	const r = prng(seed);
	const out: LocatedPost[] = [];
	const n = Math.round(((to - from) / HOUR) * perHour);
	for (let i = 0; i < n; i++) {
		const t = from + Math.floor(((i + r()) * (to - from)) / n);
		const c = CITIES[Math.floor(r() * CITIES.length)];
		const p: [number, number] = [c[0] + (r() - 0.5) * 0.08, c[1] + (r() - 0.5) * 0.05];
		out.push(gps(`bg${Math.floor(r() * 5000)}`, t, p));
	}
	return out;
}

function burst(t0: number, n: number, authors: number, at: [number, number], spanMs: number) {
	const r = prng(7);
	return Array.from({ length: n }, (_, i) =>
		gps(
			`crowd${i % authors}`,
			t0 + Math.floor((i * spanMs) / n),
			[at[0] + (r() - 0.5) * 0.003, at[1] + (r() - 0.5) * 0.002],
			'wat een drukte hier'
		)
	);
}

function run(
	posts: LocatedPost[],
	history: LocatedPost[] = [],
	extra: { planned?: PlannedEvent[] } = {}
): Alert[] {
	const d = createGatheringDetector({ places: BUILTIN_PLACES, ...extra });
	if (history.length) d.learn!([history]);
	const out: Alert[] = [];
	for (let i = 0; i < posts.length; i += 50) out.push(...d.push(posts.slice(i, i + 50)));
	return out;
}

const sortT = (a: LocatedPost[]) => a.sort((x, y) => x.t - y.t);
const HISTORY = background(DAY0 - 2 * 24 * HOUR, DAY0, 200, 1);

describe('gathering detector: surge', () => {
	it('raises a surge for a crowd and keeps its id as evidence grows', () => {
		const stream = sortT([
			...background(DAY0, DAY0 + 20 * HOUR, 200, 2),
			...burst(DAY0 + 19 * HOUR, 120, 60, HAREN, 40 * MIN)
		]);
		const alerts = run(stream, HISTORY).filter((a) => a.kind === 'surge');
		expect(alerts.length).toBeGreaterThan(0);
		const ids = new Set(alerts.map((a) => a.id));
		expect(ids.size).toBe(1);
		const first = alerts[0];
		expect(Date.parse(first.detected_at)).toBeGreaterThanOrEqual(DAY0 + 19 * HOUR);
		expect(Date.parse(first.detected_at)).toBeLessThan(DAY0 + 19 * HOUR + 10 * MIN);
		expect(first.place).toMatch(/Haren|Raadhuisplein/);
		expect(first.summary).toMatch(/meer berichten dan normaal binnen .* m van .* in \d+ min/);
		expect(first.summary).toMatch(/unieke auteurs/);
		expect(first.evidence.length).toBeGreaterThan(0);
		expect(first.evidence.length).toBeLessThanOrEqual(50);
		const rank = { info: 0, warning: 1, critical: 2 };
		for (let i = 1; i < alerts.length; i++)
			expect(rank[alerts[i].severity]).toBeGreaterThanOrEqual(rank[alerts[i - 1].severity]);
		expect(alerts.at(-1)!.severity).toBe('critical');
	});

	it('raises nothing on background alone, nor for one author posting many times', () => {
		const stream = sortT([
			...background(DAY0, DAY0 + 24 * HOUR, 200, 3),
			...burst(DAY0 + 12 * HOUR, 40, 1, HAREN, 20 * MIN)
		]);
		expect(run(stream, HISTORY)).toEqual([]);
	});

	it('ignores duplicates and posts without a location, and survives midnight', () => {
		const t0 = DAY0 + 23 * HOUR + 50 * MIN; // the crowd crosses midnight
		const crowd = burst(t0, 60, 30, HAREN, 20 * MIN);
		const noLoc: LocatedPost[] = crowd.map((p, i) => ({
			...p,
			id: `n:${i}`,
			method: 'none',
			pos: undefined
		}));
		const stream = sortT([...background(DAY0, DAY0 + 26 * HOUR, 200, 4), ...crowd, ...noLoc]);
		const once = run(stream, HISTORY).filter((a) => a.kind === 'surge');
		// The same posts twice (duplicates) give the same alerts.
		const twice = run(
			stream.flatMap((p) => [p, { ...p }]),
			HISTORY
		).filter((a) => a.kind === 'surge');
		expect(once.length).toBeGreaterThan(0);
		const final = (l: Alert[]) => [...new Map(l.map((a) => [a.id, a.severity])).entries()];
		expect(final(twice)).toEqual(final(once));
		// Only the located posts count: 60 posts at most in the figures.
		const m = /\((\d+) tegen/.exec(once.at(-1)!.summary);
		expect(Number(m![1])).toBeLessThanOrEqual(60);
	});

	it('tolerates posts out of order within a batch', () => {
		const crowd = burst(DAY0 + 15 * HOUR, 80, 40, HAREN, 20 * MIN);
		const bg = sortT(background(DAY0, DAY0 + 16 * HOUR, 200, 5));
		const shuffled = [...crowd].reverse();
		const alerts = run(sortT([...bg]).concat(shuffled), HISTORY);
		expect(alerts.some((a) => a.kind === 'surge')).toBe(true);
	});

	it('uses the hour-of-day baseline across the daylight-saving change', () => {
		// Sunday 27 October 2024: 02:00-03:00 local happens twice.
		const d0 = Date.parse('2024-10-26T00:00:00+02:00');
		const hist = background(d0 - 2 * 24 * HOUR, d0, 200, 6);
		const stream = sortT([
			...background(d0, d0 + 30 * HOUR, 200, 7),
			...burst(Date.parse('2024-10-27T02:30:00+01:00'), 80, 40, HAREN, 20 * MIN)
		]);
		const alerts = run(stream, hist).filter((a) => a.kind === 'surge');
		expect(alerts.length).toBeGreaterThan(0);
		expect(alerts[0].detected_at.slice(0, 10)).toBe('2024-10-27');
		expect(alerts[0].id.endsWith(':2024-10-27')).toBe(true);
	});
});

describe('gathering detector: planned events', () => {
	const dam: [number, number] = [4.8929, 52.3731];
	const planned: PlannedEvent[] = [
		{
			id: 'dam',
			name: 'Dam',
			polygon: [
				[4.8906, 52.3733],
				[4.892, 52.374],
				[4.8945, 52.3739],
				[4.8952, 52.373],
				[4.8942, 52.3723],
				[4.8915, 52.3723],
				[4.8906, 52.3733]
			],
			crowd: 5000,
			from: new Date(DAY0 + 10 * HOUR).toISOString(),
			to: new Date(DAY0 + 18 * HOUR).toISOString()
		}
	];
	it('raises nothing for a crowd within the plan, but does when it exceeds the plan', () => {
		const bg = background(DAY0, DAY0 + 20 * HOUR, 200, 8);
		const small = sortT([...bg, ...burst(DAY0 + 12 * HOUR, 100, 60, dam, 30 * MIN)]);
		expect(run(small, HISTORY, { planned }).filter((a) => a.kind !== 'mobilisation')).toEqual([]);
		// Without the plan the same crowd is a surge.
		expect(run(small, HISTORY).some((a) => a.kind === 'surge')).toBe(true);
		// 900 authors x 10 = 9,000 people > 1.5 x 5,000.
		const big = sortT([...bg, ...burst(DAY0 + 12 * HOUR, 2000, 900, dam, 60 * MIN)]);
		const alerts = run(big, HISTORY, { planned }).filter((a) => a.kind === 'surge');
		expect(alerts.length).toBeGreaterThan(0);
		expect(alerts.at(-1)!.summary).toMatch(/Meer dan gepland bij Dam/);
	});
});

describe('gathering detector: planned event overflow and travel', () => {
	// A field of about 550 x 350 m; the spill zone reaches 1 km outside it.
	const field: [number, number][] = [
		[4.3175, 52.0845],
		[4.324, 52.083],
		[4.3262, 52.0858],
		[4.32, 52.088],
		[4.3175, 52.0845]
	];
	const inside: [number, number] = [4.3215, 52.0856];
	const outside: [number, number] = [4.3285, 52.0868];
	const planned: PlannedEvent[] = [
		{
			id: 'field',
			name: 'Rembrandtplein',
			polygon: field,
			crowd: 25000,
			from: new Date(DAY0 + 10 * HOUR).toISOString(),
			to: new Date(DAY0 + 22 * HOUR).toISOString()
		}
	];
	/** `perHour` gps posts by `authors` authors around `at` (within ~100 m) over [from, to). */
	function steady(
		from: number,
		to: number,
		perHour: number,
		authors: number,
		at: [number, number],
		tag: string
	) {
		const r = prng(from % 97);
		const n = Math.round(((to - from) / HOUR) * perHour);
		return Array.from({ length: n }, (_, i) =>
			gps(
				`${tag}${Math.floor(r() * authors)}`,
				from + Math.floor((i * (to - from)) / n),
				[at[0] + (r() - 0.5) * 0.002, at[1] + (r() - 0.5) * 0.001],
				'wat een sfeer'
			)
		);
	}
	const bg = background(DAY0, DAY0 + 23 * HOUR, 200, 9);
	// The planned crowd: 400 posts an hour inside, a steady 40 an hour just outside.
	const event = [
		...steady(DAY0 + 10 * HOUR, DAY0 + 22 * HOUR, 400, 3000, inside, 'in'),
		...steady(DAY0 + 10 * HOUR, DAY0 + 22 * HOUR, 40, 2000, outside, 'out')
	];

	it('raises nothing for the planned crowd and its usual spill', () => {
		const alerts = run(sortT([...bg, ...event]), HISTORY, { planned });
		expect(alerts.filter((a) => a.kind !== 'mobilisation')).toEqual([]);
	});

	it('raises an overflow when the crowd just outside the area grows beyond its usual spill', () => {
		const overflow = steady(DAY0 + 18 * HOUR, DAY0 + 20 * HOUR, 200, 600, outside, 'over');
		const alerts = run(sortT([...bg, ...event, ...overflow]), HISTORY, { planned });
		const surges = alerts.filter((a) => a.kind === 'surge');
		expect(surges.length).toBeGreaterThan(0);
		expect(surges[0].summary).toMatch(/Overloop buiten Rembrandtplein/);
		const t = Date.parse(surges[0].detected_at);
		expect(t).toBeGreaterThanOrEqual(DAY0 + 18 * HOUR);
		expect(t).toBeLessThan(DAY0 + 19 * HOUR);
		// Centred outside the area.
		expect(surges[0].lon).toBeGreaterThan(4.3245);
	});

	it('does not count posts elsewhere that talk about the planned event (travel to it)', () => {
		const utrecht: [number, number] = [5.12, 52.09];
		const travel = burst(DAY0 + 14 * HOUR, 60, 40, utrecht, 30 * MIN).map((p) => ({
			...p,
			text: 'trein zit vol met mensen die naar het concert op het Rembrandtplein gaan'
		}));
		const withTalk = run(sortT([...bg, ...travel]), HISTORY, { planned });
		expect(withTalk.filter((a) => a.kind === 'surge')).toEqual([]);
		// The same burst that does not name the event is a surge.
		const plain = burst(DAY0 + 14 * HOUR, 60, 40, utrecht, 30 * MIN);
		expect(
			run(sortT([...bg, ...plain]), HISTORY, { planned }).some((a) => a.kind === 'surge')
		).toBe(true);
	});
});

describe('gathering detector: place layer (posts located to a named place)', () => {
	const TOWNS: [string, [number, number]][] = [
		['Zwolle', [6.0944, 52.5125]],
		['Deventer', [6.1639, 52.255]],
		['Apeldoorn', [5.9699, 52.2112]],
		['Amersfoort', [5.3878, 52.1561]],
		['Enschede', [6.8937, 52.2215]]
	];
	function placed(author: string, t: number, town: number, text?: string): LocatedPost {
		const [name, pos] = TOWNS[town];
		return {
			...gps(author, t, pos, text ?? `gezellig in ${name}`),
			method: 'text',
			precision_m: 2640,
			located_as: name
		};
	}
	function placedBackground(from: number, to: number, perHour: number, seed: number) {
		const r = prng(seed);
		const n = Math.round(((to - from) / HOUR) * perHour);
		return Array.from({ length: n }, (_, i) =>
			placed(
				`pb${Math.floor(r() * 5000)}`,
				from + Math.floor(((i + r()) * (to - from)) / n),
				Math.floor(r() * 5)
			)
		);
	}
	const history = sortT([...HISTORY, ...placedBackground(DAY0 - 2 * 24 * HOUR, DAY0, 40, 3)]);
	const live = () =>
		sortT([
			...background(DAY0, DAY0 + 23 * HOUR, 200, 4),
			...placedBackground(DAY0, DAY0 + 23 * HOUR, 40, 5)
		]);
	const crowd = (text?: (i: number) => string) =>
		Array.from({ length: 120 }, (_, i) =>
			placed(
				`zw${i % 80}`,
				DAY0 + 20 * HOUR + i * 15_000,
				0,
				text?.(i) ?? 'iedereen op de Grote Markt in Zwolle'
			)
		);

	it('raises a surge on a town named by many more posts than usual, with no gps posts', () => {
		const alerts = run(sortT([...live(), ...crowd()]), history);
		const surges = alerts.filter((a) => a.kind === 'surge');
		// One gathering (its versions keep the id), on the town.
		expect(new Set(surges.map((a) => a.id)).size).toBe(1);
		expect(surges[0].id).toMatch(/^surge:Zwolle@/);
		expect(surges[0].place).toBeTruthy();
		expect(surges[0].radius_m).toBe(2640);
	});

	it('stays quiet on the usual volume, on travel posts and on texts that do not name the place', () => {
		expect(run(live(), history).filter((a) => a.kind !== 'mobilisation')).toEqual([]);
		const travel = crowd(() => 'net ingestapt, op naar Zwolle');
		expect(run(sortT([...live(), ...travel]), history).filter((a) => a.kind === 'surge')).toEqual(
			[]
		);
		const indirect = crowd(() => 'iedereen op de Grote Markt');
		expect(run(sortT([...live(), ...indirect]), history).filter((a) => a.kind === 'surge')).toEqual(
			[]
		);
	});
});

describe('gathering detector: convergence', () => {
	it('raises a convergence when many authors arrive from elsewhere', () => {
		const bg = background(DAY0, DAY0 + 20 * HOUR, 200, 9);
		const r = prng(11);
		const moves: LocatedPost[] = [];
		for (let i = 0; i < 30; i++) {
			const a = `traveller${i}`;
			const from: [number, number] = [HAREN[0] + (r() - 0.5) * 0.3, HAREN[1] + 0.05 + r() * 0.1];
			moves.push(gps(a, DAY0 + 18 * HOUR + i * MIN, from));
			moves.push(gps(a, DAY0 + 19 * HOUR + i * MIN, [HAREN[0] + (r() - 0.5) * 0.004, HAREN[1]]));
		}
		const alerts = run(sortT([...bg, ...moves]), HISTORY).filter((a) => a.kind === 'convergence');
		expect(alerts.length).toBeGreaterThan(0);
		expect(alerts[0].summary).toMatch(/unieke auteurs kwamen in \d+ min naar/);
		expect(alerts[0].summary).toMatch(/km verderop/);
	});
});

describe('gathering detector: people leaving a crowd', () => {
	// A village 5 km south of Haren, away from the background's cities.
	const STATION: [number, number] = [6.61, 53.127];
	function leaving(fromCrowd: boolean): LocatedPost[] {
		const r = prng(31);
		const out: LocatedPost[] = [];
		// A crowd at Haren from 18:00 (a surge), its members walking to the station 5 km away.
		out.push(...burst(DAY0 + 18 * HOUR, 120, 60, HAREN, 40 * MIN));
		for (let i = 0; i < 40; i++) {
			const a = fromCrowd ? `crowd${i}` : `walker${i}`;
			const from: [number, number] = fromCrowd
				? [HAREN[0] + (r() - 0.5) * 0.003, HAREN[1] + (r() - 0.5) * 0.002]
				: [STATION[0] - 0.08 + (r() - 0.5) * 0.02, STATION[1] - 0.03 + (r() - 0.5) * 0.02];
			out.push(gps(a, DAY0 + 19 * HOUR + i * 20_000, from));
			out.push(
				gps(a, DAY0 + 20 * HOUR + i * 30_000, [
					STATION[0] + (r() - 0.5) * 0.004,
					STATION[1] + (r() - 0.5) * 0.003
				])
			);
		}
		return out;
	}
	const atStation = (a: Alert) =>
		a.kind === 'convergence' && Math.hypot(a.lon - STATION[0], a.lat - STATION[1]) < 0.02;
	it('does not count people dispersing from an active crowd as converging where they go', () => {
		const bg = background(DAY0 + 12 * HOUR, DAY0 + 22 * HOUR, 200, 14);
		// The same walk from elsewhere converges on the station...
		expect(run(sortT([...bg, ...leaving(false)]), HISTORY).some(atStation)).toBe(true);
		// ...from inside the crowd at Haren it is the crowd leaving.
		const alerts = run(sortT([...bg, ...leaving(true)]), HISTORY);
		expect(alerts.some((a) => a.kind === 'surge')).toBe(true);
		expect(alerts.filter(atStation)).toEqual([]);
	});
});

describe('gathering detector: a crowd going home after a planned event', () => {
	const dam: [number, number] = [4.8929, 52.3731];
	const cs: [number, number] = [4.9003, 52.3789];
	const planned: PlannedEvent[] = [
		{
			id: 'kd',
			name: 'Koningsdag',
			polygon: [
				[4.8906, 52.3733],
				[4.892, 52.374],
				[4.8945, 52.3739],
				[4.8952, 52.373],
				[4.8942, 52.3723],
				[4.8915, 52.3723],
				[4.8906, 52.3733]
			],
			crowd: 15_000,
			from: new Date(DAY0 + 9 * HOUR).toISOString(),
			to: new Date(DAY0 + 20 * HOUR).toISOString()
		}
	];
	it("leaves the night's home-going posts at the main station to the plan", () => {
		const bg = background(DAY0 + 12 * HOUR, DAY0 + 27 * HOUR, 200, 15);
		const night = (text: string) =>
			burst(DAY0 + 23.5 * HOUR, 90, 45, cs, 40 * MIN).map((p) => ({ ...p, text }));
		const surgeAtCs = (a: Alert) =>
			a.kind === 'surge' && Math.hypot(a.lon - cs[0], a.lat - cs[1]) < 0.01;
		expect(dam[0]).toBeLessThan(cs[0]);
		// A crowd at the station that says nothing of going home is raised...
		const other = run(sortT([...bg, ...night('wat een drukte hier')]), HISTORY, { planned });
		expect(other.some(surgeAtCs)).toBe(true);
		// ...people saying they walk or take the train home are the event's outflow.
		const home = run(
			sortT([...bg, ...night('Lopend naar huis, voeten doen pijn #koningsdag')]),
			HISTORY,
			{ planned }
		);
		expect(home.filter(surgeAtCs)).toEqual([]);
		const train = run(sortT([...bg, ...night('Trein terug stampvol, moe maar voldaan')]), HISTORY, {
			planned
		});
		expect(train.filter(surgeAtCs)).toEqual([]);
	});
});

describe('gathering detector: convergence against the current arrival rate', () => {
	it('stays quiet when everyone moves about more than in the history, everywhere alike', () => {
		// The stream: 1,000 authors, 200 in each city, each posting every ~10 min from a random
		// spot of their city (mostly more than 1 km from the last), at the history's shares of the
		// cities. Nearly every post is an arrival, against few in the history.
		const r = prng(21);
		const moves: LocatedPost[] = [];
		for (let a = 0; a < 1000; a++) {
			const c = CITIES[a % CITIES.length];
			for (let t = DAY0 + r() * 10 * MIN; t < DAY0 + 6 * HOUR; t += (5 + 10 * r()) * MIN)
				moves.push(
					gps(`mover${a}`, Math.floor(t), [c[0] + (r() - 0.5) * 0.08, c[1] + (r() - 0.5) * 0.05])
				);
		}
		const alerts = run(sortT(moves), HISTORY);
		expect(moves.length).toBeGreaterThan(25_000);
		expect(alerts.filter((a) => a.kind === 'convergence')).toEqual([]);
	});
});

describe('gathering detector: mobilisation', () => {
	function calls(n: number, text: (i: number) => string, t0: number): LocatedPost[] {
		return Array.from({ length: n }, (_, i) => ({
			id: `fb:${++seq}`,
			source: 'facebook' as const,
			author: `caller${i}`,
			created_at: new Date(t0 + i * 10 * MIN).toISOString(),
			text: text(i),
			t: t0 + i * 10 * MIN,
			method: 'none' as const,
			engagement: { reposts: i % 3 }
		}));
	}
	it('resolves calls to Haren (Groningen) with the announced time, before anyone is there', () => {
		const t0 = Date.parse('2012-09-19T10:00:00+02:00');
		const alerts = run(
			calls(30, (i) => `Project X Haren vrijdag om 21:00!! iedereen komen #${i}`, t0)
		).filter((a) => a.kind === 'mobilisation');
		expect(alerts.length).toBeGreaterThan(0);
		const last = alerts.at(-1)!;
		expect(new Set(alerts.map((a) => a.id)).size).toBe(1);
		expect(last.place).toBe('Haren');
		expect(last.lat).toBeGreaterThan(53); // the Groningen Haren, not Noord-Brabant's
		expect(last.expected_at).toBe('2012-09-21T21:00:00+02:00');
		expect(last.severity).toBe('warning');
		expect(last.summary).toMatch(/30 unieke auteurs in 24 uur/);
		expect(last.summary).toMatch(/vrijdag 21 september 21:00/);
		// Raised at the 15th caller (every 10 min), long before Friday.
		expect(Date.parse(alerts[0].detected_at)).toBe(t0 + 140 * MIN);
	});
	it('keeps a hoax call nobody follows at info, and a handful of callers at nothing', () => {
		const t0 = Date.parse('2012-09-19T10:00:00+02:00');
		const text = () => 'feest bij mij in Utrecht, iedereen komen';
		const few = run(calls(16, text, t0));
		expect(few.length).toBeGreaterThan(0);
		expect(few.every((a) => a.kind === 'mobilisation' && a.severity === 'info')).toBe(true);
		expect(few.at(-1)!.summary).toMatch(/loze oproep/);
		expect(run(calls(10, text, t0))).toEqual([]);
	});
	it('needs more callers where history holds a steady background of party invitations', () => {
		const t0 = Date.parse('2012-09-19T10:00:00+02:00');
		const text = () => 'feest bij mij in Utrecht, iedereen komen';
		// A week of history: 12 different people a day invite to a party in Utrecht.
		const hist: LocatedPost[] = [...background(t0 - 7 * 24 * HOUR, t0 - HOUR, 20, 3)];
		for (let d = 7; d >= 1; d--)
			hist.push(
				...calls(12, text, t0 - d * 24 * HOUR).map((p) => ({ ...p, author: `${p.author}d${d}` }))
			);
		sortT(hist);
		// 16 callers in a day: an alert without history, the usual background with it.
		expect(run(calls(16, text, t0)).length).toBeGreaterThan(0);
		expect(run(calls(16, text, t0), hist)).toEqual([]);
		// A call that spreads far beyond the background still raises.
		const viral = run(calls(60, text, t0), hist).filter((a) => a.kind === 'mobilisation');
		expect(viral.length).toBeGreaterThan(0);
		expect(viral[0].place).toBe('Utrecht');
		const first = Date.parse(viral[0].detected_at);
		expect(first).toBeGreaterThan(t0 + 15 * 10 * MIN);
		expect(first).toBeLessThan(t0 + 60 * 10 * MIN);
		// Another place without such a background keeps the plain threshold.
		const haren = run(
			calls(16, (i) => `Project X Haren vrijdag om 21:00!! iedereen komen #${i}`, t0),
			hist
		).filter((a) => a.kind === 'mobilisation');
		expect(Date.parse(haren[0].detected_at)).toBe(t0 + 140 * MIN);
	});
	it('scales the background with the nationwide call rate (a day of calls everywhere)', () => {
		const t0 = Date.parse('2012-09-19T10:00:00+02:00');
		const towns = ['Utrecht', 'Amsterdam', 'Rotterdam'];
		const invite = (town: string, n: number, t: number, tag: string) =>
			calls(n, () => `feest bij mij in ${town}, iedereen komen`, t).map((p) => ({
				...p,
				author: `${p.author}${town}${tag}`
			}));
		// History: 5 callers a day in each of three towns.
		const hist: LocatedPost[] = [...background(t0 - 7 * 24 * HOUR, t0 - HOUR, 20, 4)];
		for (let d = 7; d >= 1; d--)
			for (const town of towns) hist.push(...invite(town, 5, t0 - d * 24 * HOUR, `d${d}`));
		sortT(hist);
		const utrecht = invite('Utrecht', 16, t0 + HOUR, 'live');
		const atUtrecht = (a: Alert[]) => a.filter((x) => x.place === 'Utrecht');
		// 16 callers where 5 a day are usual: an alert on an ordinary day...
		expect(atUtrecht(run(utrecht, hist)).length).toBeGreaterThan(0);
		// ...but not while Amsterdam and Rotterdam call at many times their usual rate.
		const busy = sortT([
			...utrecht,
			...invite('Amsterdam', 40, t0, 'live'),
			...invite('Rotterdam', 40, t0, 'live')
		]);
		expect(atUtrecht(run(busy, hist))).toEqual([]);
	});
	it('raises nothing for calls to a planned event that name its day among other days', () => {
		const t0 = Date.parse('2012-09-19T10:00:00+02:00');
		const polygon: [number, number][] = [
			[HAREN[0] - 0.004, HAREN[1] - 0.003],
			[HAREN[0] + 0.004, HAREN[1] - 0.003],
			[HAREN[0] + 0.004, HAREN[1] + 0.003],
			[HAREN[0] - 0.004, HAREN[1] + 0.003],
			[HAREN[0] - 0.004, HAREN[1] - 0.003]
		];
		const planned: PlannedEvent[] = [
			{
				id: 'concert',
				name: 'Concert',
				polygon,
				crowd: 20_000,
				from: '2012-09-21T14:00:00+02:00',
				to: '2012-09-21T23:00:00+02:00'
			}
		];
		// Thursday's "morgen" outvotes Friday: the top day alone misses the event.
		const text = (i: number) =>
			i % 3 === 2
				? 'concert in Haren vrijdag, kom allemaal'
				: 'concert in Haren morgen, kom allemaal';
		const stream = calls(30, text, t0);
		expect(run(stream).filter((a) => a.kind === 'mobilisation').length).toBeGreaterThan(0);
		expect(run(stream, [], { planned })).toEqual([]);
	});
	it('turns critical when people actually show up', () => {
		const t0 = Date.parse('2012-09-20T10:00:00+02:00');
		const mob = calls(30, () => 'Project X Haren vanavond 20:00 neem je vrienden mee', t0);
		const stream = sortT([
			...mob,
			...background(t0 - 10 * HOUR, t0 + 12 * HOUR, 200, 12),
			...burst(t0 + 9 * HOUR, 100, 60, HAREN, 30 * MIN)
		]);
		const alerts = run(stream, HISTORY);
		const m = alerts.filter((a) => a.kind === 'mobilisation').at(-1)!;
		expect(m.severity).toBe('critical');
		expect(m.summary).toMatch(/ter plaatse/);
		const s = alerts.filter((a) => a.kind === 'surge').at(-1)!;
		expect(s.severity).toBe('critical');
		expect(s.summary).toMatch(/riepen 30 auteurs op/);
	});
	it('travel to the called place (a station filling with people headed there) is no gathering of its own', () => {
		const t0 = Date.parse('2012-09-20T09:00:00+02:00');
		const mob = calls(30, () => 'Project X Haren vanavond 20:00 neem je vrienden mee', t0);
		const STATION_GRN: [number, number] = [6.5639, 53.2108];
		const crowd = (text: string) =>
			burst(t0 + 8 * HOUR, 120, 70, STATION_GRN, 40 * MIN).map((p) => ({ ...p, text }));
		const near = (a: Alert) =>
			a.kind !== 'mobilisation' &&
			Math.hypot(a.lon - STATION_GRN[0], (a.lat - STATION_GRN[1]) * 1.6) < 0.03;
		const bg = background(t0 - 10 * HOUR, t0 + 12 * HOUR, 200, 13);
		// The same crowd that names nothing raises a surge at the station...
		const other = run(sortT([...mob, ...bg, ...crowd('wat een drukte hier')]), HISTORY);
		expect(other.filter(near).length).toBeGreaterThan(0);
		// ...headed to Haren it is the mobilisation's travel, shown on its alert.
		const alerts = run(
			sortT([...mob, ...bg, ...crowd('Trein naar Haren zit propvol #projectxharen')]),
			HISTORY
		);
		expect(alerts.filter(near)).toEqual([]);
		const m = alerts.filter((a) => a.kind === 'mobilisation').at(-1)!;
		expect(m.place).toBe('Haren');
		const facts = m.facts as { travel?: { place: string; posts: number }[] };
		const posts = (facts.travel ?? []).reduce((n, h) => n + h.posts, 0);
		expect(posts).toBeGreaterThanOrEqual(80);
		expect(posts).toBeLessThanOrEqual(120);
		expect(facts.travel?.[0].place).toMatch(/Groningen/);
		expect(m.summary).toMatch(/Reizigers onderweg erheen: \d+ berichten bij .*Groningen/);
	});
	it('latecomers travelling after the announced time are still its travel', () => {
		const t0 = Date.parse('2012-09-20T09:00:00+02:00');
		const mob = calls(30, () => 'Project X Haren vanavond 20:00 neem je vrienden mee', t0);
		const STATION_GRN: [number, number] = [6.5639, 53.2108];
		// 21:30, 90 min after the time the calls name.
		const late = burst(t0 + 12.5 * HOUR, 120, 70, STATION_GRN, 40 * MIN).map((p) => ({
			...p,
			text: 'Trein naar Haren zit propvol, we zijn laat #projectxharen'
		}));
		const near = (a: Alert) =>
			a.kind !== 'mobilisation' &&
			Math.hypot(a.lon - STATION_GRN[0], (a.lat - STATION_GRN[1]) * 1.6) < 0.03;
		const bg = background(t0 - 10 * HOUR, t0 + 15 * HOUR, 200, 17);
		expect(run(sortT([...mob, ...bg, ...late]), HISTORY).filter(near)).toEqual([]);
	});
	it('its crowd going home after it is no gathering where they go', () => {
		const t0 = Date.parse('2012-09-20T09:00:00+02:00');
		const mob = calls(30, () => 'Project X Haren vanavond 20:00 neem je vrienden mee', t0);
		const HOME: [number, number] = [6.541, 53.2035];
		// At Haren from 20:00 to 21:00, then at home in Groningen's west at 23:00 (naming nothing).
		const crowd = burst(t0 + 11 * HOUR, 120, 70, HAREN, 60 * MIN);
		const home = burst(t0 + 14 * HOUR, 120, 70, HOME, 40 * MIN).map((p) => ({
			...p,
			text: 'eindelijk thuis, wat een avond'
		}));
		const near = (a: Alert) =>
			a.kind !== 'mobilisation' && Math.hypot(a.lon - HOME[0], (a.lat - HOME[1]) * 1.6) < 0.02;
		const bg = background(t0 - 10 * HOUR, t0 + 16 * HOUR, 200, 18);
		// The same people at home without having been at Haren: a surge there...
		const others = home.map((p) => ({ ...p, author: `other-${p.author}` }));
		expect(run(sortT([...mob, ...bg, ...crowd, ...others]), HISTORY).some(near)).toBe(true);
		// ...after being at Haren: its crowd going home.
		const alerts = run(sortT([...mob, ...bg, ...crowd, ...home]), HISTORY);
		expect(
			alerts.some(
				(a) => a.kind === 'surge' && Math.hypot(a.lon - HAREN[0], a.lat - HAREN[1]) < 0.02
			)
		).toBe(true);
		expect(alerts.filter(near)).toEqual([]);
	});
	it('a call to meet at a station on the way to the called place is that call', () => {
		const t0 = Date.parse('2012-09-19T10:00:00+02:00');
		const stream = sortT([
			...calls(30, (i) => `Project X Haren vrijdag om 21:00!! iedereen komen #${i}`, t0),
			...calls(
				25,
				() => 'Verzamelen op station Groningen om 18:00 voor Haren, kom allemaal!!',
				t0 + 8 * HOUR
			).map((p) => ({ ...p, author: `${p.author}grn` }))
		]);
		const mob = run(stream).filter((a) => a.kind === 'mobilisation');
		expect(new Set(mob.map((a) => a.id)).size).toBe(1);
		const last = mob.at(-1)!;
		expect(last.place).toBe('Haren');
		const meeting = (last.facts as { meeting?: { place: string; callers: number }[] }).meeting;
		expect(meeting?.map((m) => m.place)).toEqual(['Station Groningen']);
		expect(meeting![0].callers).toBeGreaterThanOrEqual(10);
		expect(last.summary).toMatch(/Verzamelpunt onderweg: Station Groningen \(\d+ oproepen\)/);
	});
});

describe('gathering detector: calls from inside a crowd elsewhere', () => {
	it("are that crowd's talk, not a mobilisation of their own", () => {
		const t0 = DAY0 + 18 * HOUR;
		const r = prng(41);
		const crowd = burst(t0, 150, 70, HAREN, 60 * MIN);
		// Half the calls carry gps, half only text (as most posts do).
		const talk = (pos: () => [number, number]) =>
			Array.from({ length: 24 }, (_, i) => {
				const p = gps(
					`talker${i}`,
					t0 + 30 * MIN + i * 2 * MIN,
					pos(),
					'Iedereen naar het Rembrandtplein, kom allemaal!! neem je vrienden mee'
				);
				if (i % 2) return p;
				const { pos: _pos, precision_m: _prec, ...rest } = p;
				return { ...rest, method: 'none' as const };
			});
		const bg = background(t0 - 6 * HOUR, t0 + 3 * HOUR, 200, 16);
		const rembrandtplein = (a: Alert[]) =>
			a.filter((x) => x.kind === 'mobilisation' && x.place === 'Rembrandtplein');
		// Posted from all over the country, the calls are a mobilisation...
		const spread = talk(() => CITIES[Math.floor(r() * 3)]);
		expect(
			rembrandtplein(run(sortT([...bg, ...crowd, ...spread]), HISTORY)).length
		).toBeGreaterThan(0);
		// ...posted from inside the crowd at Haren, they are its talk.
		const inside = talk(() => [HAREN[0] + (r() - 0.5) * 0.003, HAREN[1] + (r() - 0.5) * 0.002]);
		const alerts = run(sortT([...bg, ...crowd, ...inside]), HISTORY);
		expect(alerts.some((a) => a.kind === 'surge')).toBe(true);
		expect(rembrandtplein(alerts)).toEqual([]);
	});
});

describe("gathering detector: a crowd's dispersal and aftermath", () => {
	// Essen, 2.6 km north-west of the crowd at Haren: on the way home to Groningen.
	const ESSEN: [number, number] = [6.5775, 53.1905];
	/** 40 authors posting twice each within 30 min around a point. */
	function group(names: (i: number) => string, t0: number, at: [number, number], seed: number) {
		const r = prng(seed);
		return Array.from({ length: 80 }, (_, i) =>
			gps(
				names(i % 40),
				t0 + Math.floor((i * 30 * MIN) / 80),
				[at[0] + (r() - 0.5) * 0.003, at[1] + (r() - 0.5) * 0.002],
				'lopend terug, wat een avond'
			)
		);
	}
	const near = (a: Alert, p: [number, number], m: number) =>
		Math.hypot((a.lon - p[0]) * 67_000, (a.lat - p[1]) * 111_000) < m;
	const crowd = () => burst(DAY0 + 18 * HOUR, 120, 60, HAREN, 40 * MIN);
	const bg = () => background(DAY0 + 12 * HOUR, DAY0 + 24 * HOUR, 200, 51);

	it('lists the crowd walking away on its own alert instead of raising a new one', () => {
		const t1 = DAY0 + 19 * HOUR;
		// Strangers at Essen are a gathering of their own...
		const strangers = run(
			sortT([...bg(), ...crowd(), ...group((i) => `walker${i}`, t1, ESSEN, 52)]),
			HISTORY
		);
		expect(strangers.some((a) => a.kind === 'surge' && near(a, ESSEN, 1_500))).toBe(true);
		// ...the crowd from Haren on its way home is that crowd's dispersal.
		const alerts = run(
			sortT([...bg(), ...crowd(), ...group((i) => `crowd${i}`, t1, ESSEN, 52)]),
			HISTORY
		);
		const ids = new Set(alerts.filter((a) => a.kind !== 'mobilisation').map((a) => a.id));
		const atHaren = alerts.filter((a) => a.kind === 'surge' && near(a, HAREN, 1_500));
		expect(atHaren.length).toBeGreaterThan(0);
		expect(ids.size).toBe(new Set(atHaren.map((a) => a.id)).size);
		const last = atHaren.at(-1)!;
		expect(last.facts?.what).toBe('surge');
		const after = last.facts?.what === 'surge' ? last.facts.after : undefined;
		expect(after?.length).toBe(1);
		expect(after![0].away).toBe(true);
		expect(after![0].crowd).toBeGreaterThanOrEqual(after![0].authors / 2);
		expect(last.summary).toMatch(
			/Verspreiding richting .+ \(19:\d\d\): \d+ auteurs, van wie \d+ eerder in deze menigte\./
		);
	});

	it('lists the scene the morning after on its alert, once the crowd is gone', () => {
		// A crowd at 20:00; after midnight, four hours after it, a few of its people (the press,
		// the clean-up) post there.
		const evening = burst(DAY0 + 20 * HOUR, 120, 60, HAREN, 40 * MIN);
		const night = background(DAY0 + 14 * HOUR, DAY0 + 27 * HOUR, 200, 53);
		const t1 = DAY0 + 25 * HOUR;
		const few = (name: (i: number) => string) =>
			Array.from({ length: 24 }, (_, i) =>
				gps(
					name(i % 8),
					t1 + i * MIN,
					[HAREN[0] + (i % 5) * 0.0004, HAREN[1]],
					'opruimen na gisteravond'
				)
			);
		const surges = (l: Alert[], late: boolean) =>
			l.filter((a) => a.kind === 'surge' && Date.parse(a.detected_at) >= t1 === late);
		// Others there after midnight raise a new alert...
		const others = run(sortT([...night, ...evening, ...few((i) => `cleaner${i}`)]), HISTORY);
		const before = new Set(surges(others, false).map((a) => a.id));
		expect(before.size).toBeGreaterThan(0);
		expect(surges(others, true).some((a) => !before.has(a.id))).toBe(true);
		// ...the crowd's own people are its aftermath, on the crowd's alert.
		const alerts = run(sortT([...night, ...evening, ...few((i) => `crowd${i + 30}`)]), HISTORY);
		const first = new Set(surges(alerts, false).map((a) => a.id));
		const late = surges(alerts, true);
		expect(late.length).toBeGreaterThan(0);
		for (const a of late) expect(first.has(a.id)).toBe(true);
		const f = late.at(-1)!.facts;
		expect(f?.what === 'surge' ? f.after?.map((x) => x.away) : undefined).toEqual([false]);
		expect(late.at(-1)!.summary).toMatch(/Nasleep bij .+ \(01:\d\d\): \d+ auteurs/);
	});
});

describe("gathering detector: a festivity's celebration", () => {
	// Friday 26 April 2024, King's Night; the Leidseplein, Amsterdam.
	const NIGHT = Date.parse('2024-04-26T22:00:00+02:00');
	const WEEK = 7 * 24 * HOUR;
	const LEIDSEPLEIN: [number, number] = [4.8826, 52.3641];
	const hist = background(NIGHT - 3 * 24 * HOUR - WEEK, NIGHT - 22 * HOUR - WEEK, 200, 61).concat(
		background(NIGHT - 3 * 24 * HOUR, NIGHT - 22 * HOUR, 200, 62)
	);
	function party(t0: number, text: string): LocatedPost[] {
		return burst(t0, 80, 40, LEIDSEPLEIN, 50 * MIN).map((p) => ({ ...p, text }));
	}
	const surgeThere = (l: Alert[]) =>
		l.filter(
			(a) =>
				a.kind === 'surge' &&
				Math.hypot((a.lon - LEIDSEPLEIN[0]) * 67_000, (a.lat - LEIDSEPLEIN[1]) * 111_000) < 1_500
		);
	const stream = (t0: number, text: string) =>
		sortT([...background(t0 - 10 * HOUR, t0 + 2 * HOUR, 200, 63), ...party(t0, text)]);

	it("leaves King's Night's party to the festivity, and raises trouble on it", () => {
		const text = 'Koningsnacht op het plein, proost! #koningsdag';
		// A week before, the same party is a surge...
		expect(surgeThere(run(stream(NIGHT - WEEK, text), hist)).length).toBeGreaterThan(0);
		// ...on King's Night it is the night everyone celebrates.
		expect(surgeThere(run(stream(NIGHT, text), hist))).toEqual([]);
		// Trouble on King's Night is raised as on any night.
		const trouble = 'ME chargeert op het plein #koningsnacht';
		expect(surgeThere(run(stream(NIGHT, trouble), hist)).length).toBeGreaterThan(0);
	});
});

describe('calledNamesRe', () => {
	it('matches the called place as a word or inside a hashtag, not a town farther away', () => {
		const names = new Map<string, [number, number, number]>([
			['Haren', [20, 6.6093, 53.1721]],
			['Groningen', [3, 6.5665, 53.2192]]
		]);
		const re = calledNamesRe(names, 6.6062, 53.1727)!;
		expect(re.test('Trein naar Haren zit vol')).toBe(true);
		expect(re.test('op naar #ProjectXHaren')).toBe(true);
		expect(re.test('gezellig in Groningen')).toBe(false);
		expect(re.test('Harenermolen')).toBe(false);
		expect(calledNamesRe(new Map([['Groningen', [3, 6.5665, 53.2192]]]), 6.6062, 53.1727)).toBe(
			null
		);
	});
});
