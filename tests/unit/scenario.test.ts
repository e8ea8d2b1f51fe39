/**
 * Scenario engine: determinism, window independence, format validity, realism checks.
 * Runs with the built-in places; the checks that depend on the place list run again with the
 * geodata gazetteer when /work/shared/geodata (or $UITKIJK_GEODATA) is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGazetteer, type Place } from '../../src/lib/geo/gazetteer';
import { SOURCES, type Post } from '../../src/lib/posts/post';
import {
	BUILTIN_PLACES,
	SCENARIO_NAMES,
	createScenario,
	scenarioInfo
} from '../../src/lib/scenario/index';
import { distanceM } from '../../src/lib/geo/measure';
import { formatIso, parseTime } from '../../src/lib/time/amsterdam';
import { POST_FIELDS } from './helpers';

// ---------------------------------------------------------------------------------------------
// helpers

const FIELDS = POST_FIELDS;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Everything formats.md requires of a post line, and the field order of its table. */
function problems(p: Post): string[] {
	const o = p as unknown as Record<string, unknown>;
	const out: string[] = [];
	const keys = Object.keys(o);
	let last = -1;
	for (const k of keys) {
		const i = FIELDS.indexOf(k);
		if (i < 0) out.push(`unknown field ${k}`);
		else if (i < last) out.push(`field ${k} out of order`);
		last = Math.max(last, i);
	}
	const str = (k: string, min: number, max: number) => {
		const v = o[k];
		if (typeof v !== 'string' || v.length < min || v.length > max) out.push(`bad ${k}`);
	};
	str('id', 1, 200);
	str('author', 1, 200);
	str('text', 0, 10_000);
	if (!(SOURCES as readonly string[]).includes(p.source)) out.push(`bad source ${p.source}`);
	if (
		typeof p.created_at !== 'string' ||
		!ISO.test(p.created_at) ||
		Number.isNaN(Date.parse(p.created_at))
	)
		out.push(`bad created_at ${p.created_at}`);
	if ((p.lon === undefined) !== (p.lat === undefined)) out.push('lon without lat');
	if (p.lon !== undefined) {
		if (!Number.isFinite(p.lon) || p.lon < -180 || p.lon > 180) out.push('bad lon');
		if (!Number.isFinite(p.lat) || p.lat! < -90 || p.lat! > 90) out.push('bad lat');
	}
	for (const k of ['place', 'lang', 'reply_to', 'repost_of', 'url'])
		if (o[k] !== undefined && (typeof o[k] !== 'string' || (o[k] as string).length === 0))
			out.push(`bad ${k}`);
	if (p.lang !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(p.lang)) out.push('bad lang');
	if (p.url !== undefined && !/^https:\/\/\S+$/.test(p.url)) out.push('bad url');
	if (p.engagement !== undefined) {
		const e = p.engagement as Record<string, unknown>;
		for (const [k, v] of Object.entries(e))
			if (!['likes', 'reposts', 'replies'].includes(k) || !Number.isInteger(v) || (v as number) < 0)
				out.push(`bad engagement ${k}`);
	}
	return out;
}

const t = (s: string) => parseTime(s);
const ms = (p: Post) => Date.parse(p.created_at);
const distM = (a: [number, number], b: [number, number]) => distanceM(a[0], a[1], b[0], b[1]);
const HAREN: [number, number] = [6.6062, 53.1727];
const DAM: [number, number] = [4.89236, 52.373057];
const near = (p: Post, c: [number, number], m: number) =>
	p.lon !== undefined && p.lat !== undefined && distM([p.lon, p.lat], c) <= m;

function lazy<T>(f: () => T): () => T {
	let v: T | undefined;
	let done = false;
	return () => {
		if (!done) {
			v = f();
			done = true;
		}
		return v as T;
	};
}

const harenEvening = lazy(() =>
	createScenario('haren-2012').generate(
		t('2012-09-21T16:00:00+02:00'),
		t('2012-09-21T23:00:00+02:00')
	)
);
const quietDay = lazy(() => {
	const s = createScenario('quiet-day');
	return s.generate(t(s.info.start), t(s.info.end));
});

const GEODATA = process.env.UITKIJK_GEODATA ?? '/work/shared/geodata';
const GAZ = path.join(GEODATA, 'gazetteer', 'nl_gazetteer.json');
const gazetteer = lazy(
	() => parseGazetteer(JSON.parse(readFileSync(GAZ, 'utf8'))).places as Place[]
);

// ---------------------------------------------------------------------------------------------

describe('scenario registry and info', () => {
	it('lists the scenarios and rejects unknown names with the valid ones', () => {
		expect([...SCENARIO_NAMES]).toEqual([
			'haren-2012',
			'planned-event',
			'quiet-day',
			'hoax-call',
			'sparse-geotags',
			'planned-overflow',
			'two-cities',
			'quiet-night',
			'busy-city',
			'match-day',
			'match-day-quiet'
		]);
		expect(() => scenarioInfo('nope')).toThrow(/haren-2012, planned-event, quiet-day/);
		expect(() => createScenario('nope')).toThrow(/unknown scenario/);
	});

	it.each(SCENARIO_NAMES.map((n) => [n]))('%s: info is complete and consistent', (name) => {
		const info = scenarioInfo(name);
		expect(info.name).toBe(name);
		for (const s of [info.start, info.end, info.clock]) expect(s).toMatch(ISO);
		expect(t(info.start)).toBeLessThan(t(info.end));
		expect(t(info.clock)).toBeGreaterThanOrEqual(t(info.start));
		expect(t(info.clock)).toBeLessThan(t(info.end));
		expect(info.title.length).toBeGreaterThan(3);
		expect(info.description).toMatch(/\.$/);
		for (const a of info.areas) {
			expect(a.polygon.length).toBeGreaterThanOrEqual(4);
			expect(a.polygon[0]).toEqual(a.polygon[a.polygon.length - 1]);
		}
		for (const l of info.labels) {
			expect(l.onset).toMatch(ISO);
			expect(l.radius_m).toBeGreaterThan(0);
		}
		// a copy: callers cannot change the scenario
		info.labels.push({ ...info.labels[0] });
		expect(scenarioInfo(name).labels.length).toBe(info.labels.length - 1);
	});

	it('haren-2012 labels: the mobilisation and the unplanned riot at 20:00', () => {
		const info = scenarioInfo('haren-2012');
		expect(info.clock).toBe('2012-09-21T18:30:00+02:00');
		expect(info.start).toBe('2012-09-19T00:00:00+02:00');
		expect(info.end).toBe('2012-09-22T06:00:00+02:00');
		const riot = info.labels.find((l) => l.kind === 'riot')!;
		expect(riot.planned).toBe(false);
		expect(riot.onset).toBe('2012-09-21T20:00:00+02:00');
		expect(riot.expected_crowd).toBeGreaterThanOrEqual(1600);
		expect(riot.expected_crowd).toBeLessThanOrEqual(5000);
		expect(distM([riot.lon, riot.lat], HAREN)).toBeLessThan(500);
		const mob = info.labels.find((l) => l.kind === 'mobilisation')!;
		expect(mob.planned).toBe(false);
		expect(mob.onset.startsWith('2012-09-07')).toBe(true);
		expect(info.areas.map((a) => a.name)).toEqual(['Centrum Haren', 'Station Haren']);
	});

	it('planned-event is planned and has a registered area; quiet-day has no labels', () => {
		const info = scenarioInfo('planned-event');
		expect(info.labels.length).toBeGreaterThan(0);
		for (const l of info.labels) expect(l.planned).toBe(true);
		expect(info.areas.some((a) => a.planned && a.planned.crowd > 1000)).toBe(true);
		expect(scenarioInfo('quiet-day').labels).toEqual([]);
	});
});

describe('Amsterdam time', () => {
	it.each([
		// spring forward: 2024-03-31 01:00 UTC
		['2024-03-31T00:59:59Z', '2024-03-31T01:59:59+01:00'],
		['2024-03-31T01:00:00Z', '2024-03-31T03:00:00+02:00'],
		// fall back: 2024-10-27 01:00 UTC
		['2024-10-27T00:59:59Z', '2024-10-27T02:59:59+02:00'],
		['2024-10-27T01:00:00Z', '2024-10-27T02:00:00+01:00'],
		// 2012: 25 March and 28 October
		['2012-03-25T00:30:00Z', '2012-03-25T01:30:00+01:00'],
		['2012-03-25T01:30:00Z', '2012-03-25T03:30:00+02:00'],
		['2012-10-28T00:30:00Z', '2012-10-28T02:30:00+02:00'],
		['2012-10-28T01:30:00Z', '2012-10-28T02:30:00+01:00'],
		['2012-09-21T18:03:11Z', '2012-09-21T20:03:11+02:00'],
		['2024-01-15T12:00:00Z', '2024-01-15T13:00:00+01:00']
	])('%s is %s', (utc, local) => {
		expect(formatIso(Date.parse(utc))).toBe(local);
		expect(parseTime(local)).toBe(Date.parse(utc));
	});

	it('parses local times without an offset as Amsterdam time', () => {
		expect(parseTime('2012-09-21T20:00')).toBe(Date.parse('2012-09-21T18:00:00Z'));
		expect(parseTime('2024-01-15')).toBe(Date.parse('2024-01-14T23:00:00Z'));
		expect(Number.isNaN(parseTime('21 sept'))).toBe(true);
		expect(Number.isNaN(parseTime('2024-02-30'))).toBe(true);
	});

	it.each([
		['2024-10-27T00:00:00+02:00', '2024-10-27T04:00:00+01:00', '2024-10-27T01:00:00Z'],
		['2024-03-31T00:00:00+01:00', '2024-03-31T05:00:00+02:00', '2024-03-31T01:00:00Z']
	])('generated posts carry the right offset across a change (%s)', (from, to, change) => {
		const posts = createScenario('quiet-day').generate(t(from), t(to));
		const c = Date.parse(change);
		const summer = from.startsWith('2024-10') ? true : false;
		let before = 0;
		let after = 0;
		const wrong: string[] = [];
		for (const p of posts) {
			const m = ms(p);
			const inSummer = summer ? m < c : m >= c;
			if (!p.created_at.endsWith(inSummer ? '+02:00' : '+01:00') || formatIso(m) !== p.created_at)
				wrong.push(p.created_at);
			if (m < c) before++;
			else after++;
		}
		expect(wrong).toEqual([]);
		expect(before).toBeGreaterThan(20);
		expect(after).toBeGreaterThan(20);
	});
});

describe('determinism and window independence', () => {
	it.each([
		['quiet-day', '2024-10-15T09:00:00+02:00', '2024-10-15T09:40:00+02:00'],
		['haren-2012', '2012-09-21T20:00:00+02:00', '2012-09-21T20:20:00+02:00'],
		['planned-event', '2024-04-27T14:00:00+02:00', '2024-04-27T14:20:00+02:00']
	])('%s: same seed gives the same posts, another seed other posts', (name, from, to) => {
		const a = createScenario(name, { seed: 7 }).generate(t(from), t(to));
		const b = createScenario(name, { seed: 7 }).generate(t(from), t(to));
		expect(a.length).toBeGreaterThan(100);
		expect(JSON.stringify(b)).toBe(JSON.stringify(a));
		const c = createScenario(name, { seed: 8 }).generate(t(from), t(to));
		const ids = new Set(a.map((p) => p.id));
		expect(c.filter((p) => ids.has(p.id)).length).toBe(0);
		const texts = new Set(a.map((p) => p.text));
		expect(c.filter((p) => texts.has(p.text)).length / c.length).toBeLessThan(0.3);
	});

	it.each([
		[
			'quiet-day',
			'2024-10-15T10:00:00+02:00',
			[
				'2024-10-15T10:00:30+02:00',
				'2024-10-15T10:17:01+02:00',
				'2024-10-15T11:00:00+02:00',
				'2024-10-15T11:59:59+02:00'
			],
			'2024-10-15T12:00:00+02:00'
		],
		[
			'haren-2012',
			'2012-09-21T20:00:00+02:00',
			['2012-09-21T20:00:00.001+02:00', '2012-09-21T20:37:13+02:00', '2012-09-21T20:45:00+02:00'],
			'2012-09-21T21:00:00+02:00'
		],
		[
			'haren-2012',
			'2012-09-21T22:10:00+02:00',
			['2012-09-21T22:29:59+02:00', '2012-09-21T22:30:00+02:00', '2012-09-21T22:30:01+02:00'],
			'2012-09-21T22:40:00+02:00'
		],
		[
			'planned-event',
			'2024-04-27T12:55:00+02:00',
			['2024-04-27T13:00:00+02:00', '2024-04-27T13:33:33+02:00'],
			'2024-04-27T13:45:00+02:00'
		]
	])('%s: split windows equal the whole (%s)', (name, from, cuts, to) => {
		const s = createScenario(name, { seed: 3 });
		const whole = s.generate(t(from), t(to));
		const fresh = createScenario(name, { seed: 3 });
		const bounds = [t(from), ...cuts.map(t), t(to)];
		const parts: Post[] = [];
		for (let i = 0; i + 1 < bounds.length; i++)
			parts.push(...fresh.generate(bounds[i], bounds[i + 1]));
		expect(whole.length).toBeGreaterThan(50);
		expect(JSON.stringify(parts)).toBe(JSON.stringify(whole));
		// fractional boundaries too
		const half = t(from) + 1_234_567.5;
		expect(JSON.stringify([...s.generate(t(from), half), ...s.generate(half, t(to))])).toBe(
			JSON.stringify(whole)
		);
	});

	it('uses seed 1 by default', () => {
		const from = t('2024-10-15T12:00:00+02:00');
		const a = createScenario('quiet-day').generate(from, from + 300_000);
		expect(a.length).toBeGreaterThan(50);
		expect(JSON.stringify(a)).toBe(
			JSON.stringify(createScenario('quiet-day', { seed: 1 }).generate(from, from + 300_000))
		);
	});

	it('returns nothing for an empty or inverted window and rejects non-numbers', () => {
		const s = createScenario('quiet-day');
		expect(s.generate(t('2024-10-15T10:00'), t('2024-10-15T10:00'))).toEqual([]);
		expect(s.generate(t('2024-10-15T11:00'), t('2024-10-15T10:00'))).toEqual([]);
		expect(() => s.generate(NaN, 0)).toThrow();
	});
});

describe('format validity', () => {
	it.each([
		['quiet-day', '2024-10-15T17:00:00+02:00', '2024-10-15T18:00:00+02:00'],
		['haren-2012', '2012-09-21T20:30:00+02:00', '2012-09-21T21:30:00+02:00'],
		['haren-2012', '2012-09-08T10:00:00+02:00', '2012-09-08T12:00:00+02:00'],
		['planned-event', '2024-04-27T12:00:00+02:00', '2024-04-27T13:00:00+02:00'],
		['planned-event', '2024-04-26T21:00:00+02:00', '2024-04-26T23:00:00+02:00']
	])('%s %s: every post is valid, sorted, in range and unique', (name, from, to) => {
		const posts = createScenario(name).generate(t(from), t(to));
		expect(posts.length).toBeGreaterThan(500);
		const bad = posts.flatMap((p) => problems(p).map((e) => `${p.id}: ${e}`));
		expect(bad.slice(0, 5)).toEqual([]);
		const keys = new Set<string>();
		let prev = -Infinity;
		const order: string[] = [];
		for (const p of posts) {
			const m = ms(p);
			if (m < t(from) || m >= t(to) || m < prev) order.push(p.created_at);
			prev = m;
			keys.add(`${p.source}\u0000${p.id}`);
		}
		expect(order).toEqual([]);
		expect(keys.size).toBe(posts.length);
		// references point at ids of the same source
		const refs = posts.flatMap((p) =>
			[p.reply_to, p.repost_of].filter(
				(r) => r !== undefined && r.split(':')[0] !== p.id.split(':')[0]
			)
		);
		expect(refs).toEqual([]);
	});

	it('uses many sources, mostly Dutch, with replies, reposts, links and engagement', () => {
		const posts = quietDay();
		const sources = new Set(posts.map((p) => p.source));
		expect(sources.size).toBeGreaterThanOrEqual(8);
		const nl = posts.filter((p) => p.lang === 'nl').length / posts.length;
		const en = posts.filter((p) => p.lang === 'en').length / posts.length;
		expect(nl).toBeGreaterThan(0.75);
		expect(en).toBeGreaterThan(0.02);
		expect(posts.some((p) => p.reply_to)).toBe(true);
		expect(posts.some((p) => p.repost_of)).toBe(true);
		expect(posts.filter((p) => p.url).length / posts.length).toBeGreaterThan(0.1);
		expect(posts.filter((p) => p.engagement).length / posts.length).toBeGreaterThan(0.2);
	});
});

describe('background realism (quiet-day)', () => {
	it('30-50k posts a day, a few percent geotagged, a quarter with a place tag', () => {
		const posts = quietDay();
		expect(posts.length).toBeGreaterThan(30_000);
		expect(posts.length).toBeLessThan(50_000);
		const geo = posts.filter((p) => p.lon !== undefined).length / posts.length;
		expect(geo).toBeGreaterThan(0.01);
		expect(geo).toBeLessThan(0.1);
		const place = posts.filter((p) => p.place !== undefined).length / posts.length;
		expect(place).toBeGreaterThan(0.18);
		expect(place).toBeLessThan(0.35);
		// geotags lie in the Netherlands
		const outside = posts.filter(
			(p) => p.lon !== undefined && (p.lon < 3.2 || p.lon > 7.3 || p.lat! < 50.7 || p.lat! > 53.6)
		);
		expect(outside).toEqual([]);
	});

	it('has a daily rhythm and no spike anywhere', () => {
		const posts = quietDay();
		const hours = new Array(24).fill(0);
		for (const p of posts) hours[+p.created_at.slice(11, 13)]++;
		expect(hours[4]).toBeLessThan(hours[20] / 5);
		expect(hours[20]).toBeGreaterThan(hours[10]);
		const day = hours.slice(8, 24);
		const mean = day.reduce((a, b) => a + b, 0) / day.length;
		expect(Math.max(...hours)).toBeLessThan(mean * 1.6);
		// geotagged posts per 10 minutes in cells of about 2 km: never a cluster
		const cells = new Map<string, number>();
		for (const p of posts)
			if (p.lon !== undefined) {
				const k = `${p.created_at.slice(0, 15)}|${Math.floor(p.lon / 0.03)},${Math.floor(p.lat! / 0.018)}`;
				cells.set(k, (cells.get(k) ?? 0) + 1);
			}
		expect(Math.max(...cells.values())).toBeLessThanOrEqual(12);
		expect(scenarioInfo('quiet-day').labels).toEqual([]);
	});

	it('texts vary: distinct texts are more than 80% of the posts', () => {
		const posts = quietDay().slice(10_000, 14_000);
		expect(new Set(posts.map((p) => p.text)).size / posts.length).toBeGreaterThan(0.8);
	});

	it('has a stable population of authors who post several times', () => {
		const posts = quietDay();
		const n = new Map<string, number>();
		for (const p of posts) n.set(p.author, (n.get(p.author) ?? 0) + 1);
		const repeat = [...n.values()].filter((c) => c >= 3).length;
		expect(repeat).toBeGreaterThan(1000);
		expect(n.size).toBeGreaterThan(5000);
	});
});

describe('haren-2012', () => {
	it('the evening near Haren is many times a normal evening', () => {
		const s = createScenario('haren-2012');
		const count = (day: string) =>
			s
				.generate(t(`${day}T21:00:00+02:00`), t(`${day}T21:10:00+02:00`))
				.filter((p) => near(p, HAREN, 2000)).length;
		const friday = count('2012-09-21');
		const wednesday = count('2012-09-19');
		expect(friday).toBeGreaterThan(80);
		expect(friday).toBeGreaterThan(10 * Math.max(1, wednesday));
	});

	it('peaks at hundreds of posts per 10 minutes in and around Haren, thousands in the evening', () => {
		const posts = harenEvening();
		const bins = new Map<string, number>();
		let total = 0;
		for (const p of posts)
			if (near(p, HAREN, 2500) || /haren/i.test(p.place ?? '')) {
				total++;
				const k = p.created_at.slice(0, 15);
				bins.set(k, (bins.get(k) ?? 0) + 1);
			}
		const peak = Math.max(...bins.values());
		expect(peak).toBeGreaterThan(100);
		expect(peak).toBeLessThan(1000);
		expect(total).toBeGreaterThan(2000);
		// the peak is after the riot started
		const peakAt = [...bins.entries()].find(([, v]) => v === peak)![0];
		expect(peakAt >= '2012-09-21T20:0').toBe(true);
	});

	it('mobilisation texts name Haren days ahead, with few geotags', () => {
		const s = createScenario('haren-2012');
		const week = s.generate(t('2012-09-14T16:00:00+02:00'), t('2012-09-14T20:00:00+02:00'));
		const mentions = week.filter((p) => /haren|stationsweg|merthe/i.test(p.text));
		expect(mentions.length).toBeGreaterThan(20);
		const wed = s.generate(t('2012-09-19T12:00:00+02:00'), t('2012-09-19T14:00:00+02:00'));
		const mob = wed.filter((p) => /project ?x|#pxh|stationsweg|merthe/i.test(p.text));
		expect(mob.length).toBeGreaterThan(100);
		expect(mob.filter((p) => p.lon !== undefined).length / mob.length).toBeLessThan(0.05);
		expect(mob.some((p) => /vrijdag|21[- /]?9|21 sept/i.test(p.text))).toBe(true);
		// the first invitation exists on 7 September
		const first = s.generate(t('2012-09-07T21:00:00+02:00'), t('2012-09-07T21:30:00+02:00'));
		expect(first.some((p) => /PROJECT X HAREN/.test(p.text))).toBe(true);
	});

	it('movers: many authors travel at plausible speeds and end near the centre', () => {
		const posts = harenEvening();
		const byAuthor = new Map<string, Post[]>();
		for (const p of posts)
			if (p.lon !== undefined) {
				const l = byAuthor.get(p.author) ?? [];
				l.push(p);
				byAuthor.set(p.author, l);
			}
		let movers = 0;
		let endNear = 0;
		let converging = 0;
		for (const l of byAuthor.values()) {
			if (l.length < 3) continue;
			let ok = true;
			for (let i = 1; i < l.length; i++) {
				const h = Math.max(60_000, ms(l[i]) - ms(l[i - 1])) / 3_600_000;
				const km = distM([l[i - 1].lon!, l[i - 1].lat!], [l[i].lon!, l[i].lat!]) / 1000;
				if (km / h > 160) ok = false;
			}
			if (!ok) continue;
			movers++;
			const last = l[l.length - 1];
			if (near(last, HAREN, 1500)) {
				endNear++;
				if (!near(l[0], HAREN, 5000)) converging++;
			}
		}
		expect(movers).toBeGreaterThan(150);
		expect(endNear / movers).toBeGreaterThan(0.3);
		expect(converging).toBeGreaterThan(40);
	});

	it('has reports to the police and official messages during the riot', () => {
		const posts = harenEvening().filter((p) => ms(p) >= t('2012-09-21T20:00:00+02:00'));
		const reports = posts.filter((p) => p.source === 'report');
		expect(reports.length).toBeGreaterThan(50);
		expect(reports.every((p) => p.text.startsWith('Melding'))).toBe(true);
		expect(posts.some((p) => /ME|charge/i.test(p.text))).toBe(true);
		expect(posts.some((p) => /supermarkt/i.test(p.text))).toBe(true);
	});

	it('one hour of the evening holds thousands of posts (speed: scripts/bench-data.ts)', () => {
		const s = createScenario('haren-2012');
		const posts = s.generate(t('2012-09-21T20:00:00+02:00'), t('2012-09-21T21:00:00+02:00'));
		expect(posts.length).toBeGreaterThan(3000);
	});
});

describe('planned-event', () => {
	it('a festive crowd on and around the Dam on King’s Day, not the day before', () => {
		const s = createScenario('planned-event');
		const day = s.generate(t('2024-04-27T14:00:00+02:00'), t('2024-04-27T15:00:00+02:00'));
		const before = s.generate(t('2024-04-26T14:00:00+02:00'), t('2024-04-26T15:00:00+02:00'));
		const atDam = day.filter((p) => near(p, DAM, 500));
		expect(atDam.length).toBeGreaterThan(200);
		expect(before.filter((p) => near(p, DAM, 500)).length).toBeLessThan(atDam.length / 20);
		expect(day.some((p) => /koningsdag|kingsday|king's day/i.test(p.text))).toBe(true);
		expect(atDam.filter((p) => /\bME\b|rellen|plunder/.test(p.text)).length).toBe(0);
		// arrivals through Amsterdam Centraal
		const cs = day.filter((p) => near(p, [4.90016, 52.37895], 300));
		expect(cs.length).toBeGreaterThan(5);
	});
});

describe.runIf(existsSync(GAZ))('with the geodata gazetteer', () => {
	it('is deterministic, valid and spreads background over many real places', () => {
		const places = gazetteer();
		expect(places.length).toBeGreaterThan(30_000);
		const from = t('2024-10-15T18:00:00+02:00');
		const to = t('2024-10-15T19:00:00+02:00');
		const a = createScenario('quiet-day', { places }).generate(from, to);
		const b = createScenario('quiet-day', { places }).generate(from, to);
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(a.flatMap(problems)).toEqual([]);
		const geo = a.filter((p) => p.lon !== undefined).length / a.length;
		expect(geo).toBeGreaterThan(0.01);
		expect(geo).toBeLessThan(0.1);
		const tags = new Set(a.filter((p) => p.place).map((p) => p.place!.split(',')[0]));
		expect(tags.size).toBeGreaterThan(300);
		// differs from the built-in list
		const builtin = createScenario('quiet-day', { places: BUILTIN_PLACES }).generate(from, to);
		expect(JSON.stringify(builtin)).not.toBe(JSON.stringify(a));
	});

	it('haren-2012 still shows the evening and the mobilisation', () => {
		const s = createScenario('haren-2012', { places: gazetteer() });
		const fri = s.generate(t('2012-09-21T21:00:00+02:00'), t('2012-09-21T21:10:00+02:00'));
		const wed = s.generate(t('2012-09-19T21:00:00+02:00'), t('2012-09-19T21:10:00+02:00'));
		const n = (ps: Post[]) => ps.filter((p) => near(p, HAREN, 2000)).length;
		expect(n(fri)).toBeGreaterThan(10 * Math.max(1, n(wed)));
		expect(wed.filter((p) => /haren/i.test(p.text)).length).toBeGreaterThan(5);
	});
});
