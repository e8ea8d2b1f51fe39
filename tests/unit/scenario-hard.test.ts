/**
 * The hard scenarios (src/lib/scenario/hard.ts): registry and labels, format validity, window
 * independence, and the property each one is labelled with. Built-in places, seed 1.
 */
import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/lib/posts/post';
import { validatePost } from '../../src/lib/posts/validate';
import { SCENARIO_NAMES, createScenario, scenarioInfo } from '../../src/lib/scenario/index';
import { distanceM, pointInPolygon } from '../../src/lib/geo/measure';
import { parseTime } from '../../src/lib/time/amsterdam';
import { GENERAL, MORE, ERA_2024 } from '../../src/lib/scenario/lexicon';
import { HARD_LEX } from '../../src/lib/scenario/lexicon-hard';
import { Rand, hash32 } from '../../src/lib/scenario/rng';
import { expand, tidy } from '../../src/lib/scenario/text';

const HARD = [
	'hoax-call',
	'sparse-geotags',
	'planned-overflow',
	'two-cities',
	'quiet-night',
	'busy-city'
] as const;

const t = (s: string) => parseTime(s);
const distM = (a: [number, number], b: [number, number]) => distanceM(a[0], a[1], b[0], b[1]);
const near = (p: Post, c: [number, number], m: number) =>
	p.lon !== undefined && p.lat !== undefined && distM([p.lon, p.lat], c) <= m;
/** Component code of a post (engine.ts idDigits: 4 salt digits, then 2 component digits). */
const comp = (p: Post) => p.id.split(':')[1].slice(4, 6);
/** The national background (components 1 and 2). */
const isBackground = (p: Post) => comp(p) === '01' || comp(p) === '02';

const inside = (poly: [number, number][], x: number, y: number) => pointInPolygon(x, y, poly);

describe('hard scenarios: registry and labels', () => {
	it('registers all six after the original three', () => {
		expect(SCENARIO_NAMES.slice(0, 3)).toEqual(['haren-2012', 'planned-event', 'quiet-day']);
		for (const n of HARD) expect(SCENARIO_NAMES).toContain(n);
	});

	it.each(HARD.map((n) => [n]))('%s: starts at least a day before what matters', (name) => {
		const info = scenarioInfo(name);
		expect(info.description).toMatch(/\.$/);
		expect(info.title_en.length).toBeGreaterThan(3);
		const key = Math.min(
			t(info.clock),
			...info.labels.map((l) => t(l.onset)).filter((x) => x > t(info.start))
		);
		expect(key - t(info.start)).toBeGreaterThanOrEqual(24 * 3_600_000);
		expect(t(info.clock)).toBeLessThan(t(info.end));
	});

	it('hoax-call: one label, no physical gathering, kind hoax', () => {
		const [l, ...rest] = scenarioInfo('hoax-call').labels;
		expect(rest).toEqual([]);
		expect(l.kind).toBe('hoax');
		expect(l.physical).toBe(false);
		expect(l.planned).toBe(false);
		expect(l.expected_crowd).toBe(0);
	});

	it('two-cities: two unplanned labels in different cities within the same hour', () => {
		const ls = scenarioInfo('two-cities').labels;
		expect(ls.length).toBe(2);
		expect(distM([ls[0].lon, ls[0].lat], [ls[1].lon, ls[1].lat])).toBeGreaterThan(30_000);
		expect(Math.abs(t(ls[0].onset) - t(ls[1].onset))).toBeLessThanOrEqual(3_600_000);
		for (const l of ls) expect(l.planned).toBe(false);
	});

	it('planned-overflow: a planned area and crowd, and an unplanned overflow outside it', () => {
		const info = scenarioInfo('planned-overflow');
		const area = info.areas[0];
		expect(area.planned!.crowd).toBe(25000);
		const fest = info.labels.find((l) => l.kind === 'festival')!;
		const ovf = info.labels.find((l) => l.kind === 'overflow')!;
		expect(fest.planned).toBe(true);
		expect(ovf.planned).toBe(false);
		expect(inside(area.polygon, fest.lon, fest.lat)).toBe(true);
		expect(inside(area.polygon, ovf.lon, ovf.lat)).toBe(false);
		expect(t(ovf.onset)).toBeGreaterThan(t(area.planned!.from));
		expect(t(ovf.onset)).toBeLessThan(t(area.planned!.to));
	});

	it('quiet-night and busy-city have no labels', () => {
		expect(scenarioInfo('quiet-night').labels).toEqual([]);
		expect(scenarioInfo('busy-city').labels).toEqual([]);
	});

	it('every template of the hard lexicon expands', () => {
		const lex = { ...GENERAL, ...MORE, ...ERA_2024, ...HARD_LEX };
		const vars = { city: 'Zwolle', spot: 'de Neude', from: 'Assen', what: 'de demo' };
		const errors: string[] = [];
		for (const [key, list] of Object.entries(HARD_LEX))
			for (const tpl of list)
				for (let seed = 0; seed < 6; seed++) {
					const v = { ...vars, place: 'Gouda', dag: 'zaterdag', count: '12k' };
					const s = tidy(expand(tpl, new Rand(hash32(key, tpl, seed)), lex, v));
					if (/[[\]{}|]/.test(s)) errors.push(`${key}: ${s}`);
				}
		expect(errors).toEqual([]);
	});
});

/** One busy stretch per scenario: valid posts, split windows equal to the whole. */
const WINDOWS: [string, string, string][] = [
	['hoax-call', '2024-06-08T20:30:00+02:00', '2024-06-08T21:30:00+02:00'],
	['sparse-geotags', '2024-09-13T21:30:00+02:00', '2024-09-13T22:30:00+02:00'],
	['planned-overflow', '2024-08-24T19:00:00+02:00', '2024-08-24T20:00:00+02:00'],
	['two-cities', '2024-11-22T20:00:00+01:00', '2024-11-22T21:00:00+01:00'],
	['quiet-night', '2024-10-17T23:00:00+02:00', '2024-10-18T01:00:00+02:00'],
	['busy-city', '2024-10-15T12:00:00+02:00', '2024-10-15T13:00:00+02:00']
];

describe('hard scenarios: format and window independence', () => {
	it.each(WINDOWS)('%s: valid posts, split windows equal the whole', (name, from, to) => {
		const s = createScenario(name, { seed: 2 });
		const whole = s.generate(t(from), t(to));
		expect(whole.length).toBeGreaterThan(500);
		const bad = whole.map((p) => validatePost(JSON.parse(JSON.stringify(p)))).filter((r) => !r.ok);
		expect(bad).toEqual([]);
		expect(new Set(whole.map((p) => p.id)).size).toBe(whole.length);
		const fresh = createScenario(name, { seed: 2 });
		const cuts = [t(from), t(from) + 1_234_567.5, t(from) + 1_800_000, t(to)];
		const parts: Post[] = [];
		for (let i = 0; i + 1 < cuts.length; i++) parts.push(...fresh.generate(cuts[i], cuts[i + 1]));
		expect(JSON.stringify(parts)).toBe(JSON.stringify(whole));
	});
});

describe('hard scenarios: labelled properties', () => {
	it('hoax-call: the call is everywhere online, but nothing happens at the Markt', () => {
		const s = createScenario('hoax-call');
		const l = s.info.labels[0];
		const markt: [number, number] = [l.lon, l.lat];
		const evening = (d: string) => s.generate(t(`${d}T19:00:00+02:00`), t(`${d}T23:59:00+02:00`));
		const ev = evening('2024-06-08');
		const before = evening('2024-06-07');
		const online = ev.filter((p) => /project ?x/i.test(p.text)).length;
		expect(online).toBeGreaterThan(300);
		// located at the Markt: no more than the evening before, nothing beyond the background
		const atMarkt = (ps: Post[]) => ps.filter((p) => near(p, markt, 1000));
		expect(atMarkt(ev).length).toBeLessThanOrEqual(atMarkt(before).length + 3);
		expect(atMarkt(ev).filter((p) => !isBackground(p)).length).toBeLessThanOrEqual(2);
	});

	it('sparse-geotags: the gathering posts with 1.5-3% geotags, and names the place', () => {
		const s = createScenario('sparse-geotags');
		const ps = s
			.generate(t('2024-09-13T19:00:00+02:00'), t('2024-09-14T02:00:00+02:00'))
			.filter((p) => !isBackground(p));
		expect(ps.length).toBeGreaterThan(1500);
		const geo = ps.filter((p) => p.lon !== undefined).length / ps.length;
		expect(geo).toBeGreaterThanOrEqual(0.015);
		expect(geo).toBeLessThanOrEqual(0.03);
		const named = ps.filter((p) => /grote markt|zwolle/i.test(`${p.text} ${p.place ?? ''}`));
		expect(named.length / ps.length).toBeGreaterThan(0.4);
		// the posts that are located concentrate on the square
		const l = s.info.labels[0];
		const located = ps.filter((p) => p.lon !== undefined);
		expect(located.filter((p) => near(p, [l.lon, l.lat], 500)).length).toBeGreaterThan(
			located.length / 3
		);
	});

	it('planned-overflow: posts outside the area rise after the overflow onset', () => {
		const s = createScenario('planned-overflow');
		const area = s.info.areas[0].polygon;
		const fest = s.info.labels.find((l) => l.kind === 'festival')!;
		const outside = (from: string, to: string) =>
			s
				.generate(t(from), t(to))
				.filter((p) => near(p, [fest.lon, fest.lat], 800) && !inside(area, p.lon!, p.lat!)).length;
		const before = outside('2024-08-24T17:30:00+02:00', '2024-08-24T19:30:00+02:00');
		const after = outside('2024-08-24T20:00:00+02:00', '2024-08-24T22:00:00+02:00');
		expect(after).toBeGreaterThan(3 * before);
		expect(before).toBeGreaterThan(20);
	});

	it('two-cities: posts concentrate at both places at the labelled times', () => {
		const s = createScenario('two-cities');
		const count = (from: string, to: string) => {
			const ps = s.generate(t(from), t(to));
			return s.info.labels.map((l) => ps.filter((p) => near(p, [l.lon, l.lat], l.radius_m)).length);
		};
		const normal = count('2024-11-21T20:00:00+01:00', '2024-11-21T23:00:00+01:00');
		const event = count('2024-11-22T20:00:00+01:00', '2024-11-22T23:00:00+01:00');
		const early = count('2024-11-22T16:00:00+01:00', '2024-11-22T19:00:00+01:00');
		for (let i = 0; i < 2; i++) {
			expect(event[i]).toBeGreaterThan(300);
			expect(event[i]).toBeGreaterThan(20 * (normal[i] + 1));
			expect(early[i]).toBeLessThan(event[i] / 20);
		}
	});

	it('quiet-night: only the background, with the night dip', () => {
		const s = createScenario('quiet-night');
		const night = s.generate(t('2024-10-18T02:00:00+02:00'), t('2024-10-18T04:00:00+02:00'));
		const evening = s.generate(t('2024-10-17T19:00:00+02:00'), t('2024-10-17T21:00:00+02:00'));
		expect(night.every(isBackground)).toBe(true);
		expect(evening.every(isBackground)).toBe(true);
		expect(night.length).toBeLessThan(evening.length / 4);
	});

	it('busy-city: at least 8x the Amsterdam volume of quiet-day, spread over the city', () => {
		const ams: [number, number] = [4.88969, 52.37403];
		const from = t('2024-10-15T09:00:00+02:00');
		const to = t('2024-10-15T13:00:00+02:00');
		const inAms = (p: Post) => near(p, ams, 8000) || /^Amsterdam/.test(p.place ?? '');
		const busy = createScenario('busy-city').generate(from, to);
		const quiet = createScenario('quiet-day').generate(from, to);
		const b = busy.filter(inAms);
		const q = quiet.filter(inAms);
		expect(b.length).toBeGreaterThanOrEqual(8 * q.length);
		expect(q.length).toBeGreaterThan(100);
		// no hot spot: no 500 m cell holds more than 5% of the located posts
		const cells = new Map<string, number>();
		const located = b.filter((p) => p.lon !== undefined && near(p, ams, 8000));
		for (const p of located) {
			const k = `${Math.floor(p.lon! / 0.0073)},${Math.floor(p.lat! / 0.0045)}`;
			cells.set(k, (cells.get(k) ?? 0) + 1);
		}
		expect(located.length).toBeGreaterThan(200);
		expect(Math.max(...cells.values())).toBeLessThan(0.05 * located.length);
		// and the rest of the country (posts located elsewhere) as usual
		const rest = (ps: Post[]) =>
			ps.filter((p) => (p.lon !== undefined || p.place !== undefined) && !inAms(p)).length;
		expect(rest(busy) / rest(quiet)).toBeLessThan(1.3);
	});
});
