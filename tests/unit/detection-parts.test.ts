import { describe, expect, it } from 'vitest';
import {
	AlertCollector,
	alertLine,
	readAlertsNdjson,
	validateAlert
} from '../../src/lib/detection/alerts-ndjson';
import type { Alert } from '../../src/lib/detection/api';
import { Layer } from '../../src/lib/detection/cells';
import { KeySet } from '../../src/lib/detection/keys';
import { announced, callCues, maybeCall } from '../../src/lib/detection/mobilisation';
import { lnGamma, poissonLlr, poissonTailLog10 } from '../../src/lib/detection/stats';
import {
	amsterdamOffsetMin,
	formatIso,
	fromLocal,
	localDay,
	localHour
} from '../../src/lib/time/amsterdam';

describe('detection key set', () => {
	it('says whether a (source, id) is new, keeps the separator, and forgets only old keys', () => {
		const k = new KeySet(1000);
		expect(k.add('x', '1')).toBe(true);
		expect(k.add('x', '1')).toBe(false);
		expect(k.add('y', '1')).toBe(true);
		expect(k.add('ab', 'c')).toBe(true);
		expect(k.add('a', 'bc')).toBe(true);
		// 1,500 more keys: x/1 is in the old generation now and still known.
		for (let i = 0; i < 1500; i++) expect(k.add('z', String(i))).toBe(true);
		expect(k.add('x', '1')).toBe(false);
		// Another 1,000: x/1's generation is dropped; the last 1,000 are still known.
		for (let i = 1500; i < 2500; i++) k.add('z', String(i));
		expect(k.add('z', '2499')).toBe(false);
		expect(k.add('z', '1600')).toBe(false);
		expect(k.add('x', '1')).toBe(true);
	});
	it('has no false repeats among 200,000 distinct keys', () => {
		const k = new KeySet(100_000);
		let repeats = 0;
		for (let i = 0; i < 200_000; i++)
			if (!k.add('bluesky', `at://did:plc:${i}/post/${i * 7}`)) repeats++;
		expect(repeats).toBe(0);
	});
});

describe('detection time', () => {
	it('follows the EU summer time rule, also across the change', () => {
		expect(amsterdamOffsetMin(Date.parse('2024-03-31T00:59:59Z'))).toBe(60);
		expect(amsterdamOffsetMin(Date.parse('2024-03-31T01:00:00Z'))).toBe(120);
		expect(amsterdamOffsetMin(Date.parse('2024-10-27T00:59:59Z'))).toBe(120);
		expect(amsterdamOffsetMin(Date.parse('2024-10-27T01:00:00Z'))).toBe(60);
		// 01:30 UTC on the spring change is 03:30 local: hour 2 does not exist.
		expect(localHour(Date.parse('2024-03-31T01:30:00Z'))).toBe(3);
		expect(localHour(Date.parse('2024-03-31T00:30:00Z'))).toBe(1);
	});
	it('puts midnight in the right local day and formats with the offset', () => {
		const t = Date.parse('2012-09-21T22:00:00Z'); // 00:00 local on the 22nd
		expect(localDay(t)).toBe('2012-09-22');
		expect(localDay(t - 1)).toBe('2012-09-21');
		expect(localHour(t)).toBe(0);
		expect(formatIso(t)).toBe('2012-09-22T00:00:00+02:00');
		expect(fromLocal(2012, 9, 21, 20, 0)).toBe(Date.parse('2012-09-21T20:00:00+02:00'));
		expect(fromLocal(2024, 1, 15, 9, 30)).toBe(Date.parse('2024-01-15T09:30:00+01:00'));
	});
});

describe('detection stats', () => {
	it('computes ln gamma and the Poisson tail conservatively', () => {
		expect(lnGamma(5)).toBeCloseTo(Math.log(24), 10);
		// P(X >= 3 | 0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125) = 0.014388
		const exact = Math.log10(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125));
		const lp = poissonTailLog10(3, 0.5);
		expect(lp).toBeGreaterThanOrEqual(exact - 1e-9);
		expect(lp).toBeLessThan(exact + 0.05);
		expect(poissonTailLog10(2, 5)).toBe(0);
		expect(poissonLlr(20, 2)).toBeCloseTo(20 * Math.log(10) - 18, 10);
		expect(poissonLlr(1, 2)).toBe(0);
	});
});

describe('mobilisation cues', () => {
	it('recognises calls in Dutch and English, slang and misspellings', () => {
		for (const s of [
			'Project X Haren vrijdag 21:00, iedereen komen!!',
			'projectx stationsweg. neem je vrienden mee',
			'feest bij Merthe op de stationsweg, wie komt er',
			'everyone come to the party at the dam tonight',
			'PROJEKT X haren sws'
		]) {
			expect(maybeCall(s)).toBe(true);
			expect(callCues(s).weight).toBeGreaterThanOrEqual(1.5);
		}
		expect(maybeCall('Waarom is iedereen nog wakker')).toBe(true);
		expect(callCues('Waarom is iedereen nog wakker').weight).toBe(0);
		expect(maybeCall('lekker weer vandaag')).toBe(false);
		expect(callCues('project x haren is nep, niemand gaat').sceptic).toBe(true);
		expect(callCues('project x haren vrijdag').sceptic).toBe(false);
	});
	it('finds the announced day and time relative to the post', () => {
		const t = Date.parse('2012-09-19T12:00:00+02:00'); // Wednesday
		const fri = fromLocal(2012, 9, 21);
		expect(announced('project x haren vrijdag om 21:00', t)).toEqual({ day: fri, minutes: 1260 });
		expect(announced('21/9 = project x haren', t)).toEqual({ day: fri, minutes: -1 });
		expect(announced('vrijdag 21 september feest', t).day).toBe(fri);
		expect(announced('vanavond 20u stationsplein', t)).toEqual({
			day: fromLocal(2012, 9, 19),
			minutes: 1200
		});
		// "21.000 mensen" is a number, not a time.
		expect(announced('al 21.000 aanmeldingen', t).minutes).toBe(-1);
		// A date in the past is talked about, not announced.
		expect(announced('feest op 2 september', t).day).toBeNaN();
	});
});

const ALERT: Alert = {
	id: 'surge:abc:2012-09-21',
	kind: 'surge',
	detected_at: '2012-09-21T19:58:00+02:00',
	lon: 6.6,
	lat: 53.17,
	radius_m: 500,
	place: 'Station Haren',
	severity: 'warning',
	score: 12.5,
	summary: '8x meer berichten dan normaal',
	evidence: ['x:1', 'x:2']
};

describe('alerts NDJSON', () => {
	it('writes fields in the order of formats.md and reads them back', () => {
		const line = alertLine(ALERT);
		expect(Object.keys(JSON.parse(line))).toEqual([
			'id',
			'kind',
			'detected_at',
			'lon',
			'lat',
			'radius_m',
			'place',
			'severity',
			'score',
			'summary',
			'evidence'
		]);
		const r = readAlertsNdjson(line + '\n\n' + '{"id":1}\n' + 'nope\n');
		expect(r.alerts).toEqual([ALERT]);
		expect(r.errors.map((e) => e.line)).toEqual([3, 4]);
	});
	it('rejects bad fields', () => {
		expect(validateAlert({ ...ALERT, severity: 'high' }).ok).toBe(false);
		expect(validateAlert({ ...ALERT, detected_at: '2012-09-21 19:58' }).ok).toBe(false);
		expect(validateAlert({ ...ALERT, evidence: new Array(51).fill('x') }).ok).toBe(false);
		expect(validateAlert({ ...ALERT, lat: 91 }).ok).toBe(false);
	});
	it('lists each id once with its first detected_at and latest figures', () => {
		const c = new AlertCollector();
		c.add([ALERT]);
		c.add([
			{ ...ALERT, detected_at: '2012-09-21T20:05:00+02:00', severity: 'critical', score: 40 }
		]);
		const list = c.list();
		expect(list).toHaveLength(1);
		expect(list[0].detected_at).toBe(ALERT.detected_at);
		expect(list[0].severity).toBe('critical');
		expect(c.toNdjson().split('\n').filter(Boolean)).toHaveLength(1);
	});
});

describe('detection scan layer', () => {
	it('counts posts per absolute hour and learns the hour of day when the hour closes', () => {
		const L = new Layer();
		const t0 = Date.parse('2024-09-13T20:10:00+02:00');
		L.count(t0);
		L.count(t0 + 60_000);
		// The open hour is not learned yet.
		expect(L.tc).toBe(0);
		const h = Math.floor(t0 / 3_600_000);
		expect(L.countAt(h)).toBe(2);
		L.count(t0 + 3_600_000);
		expect(L.tc).toBe(2);
		expect(L.hc[20]).toBe(2);
		expect(L.countAt(h + 1)).toBe(1);
		// A late post of a closed hour is learned at once.
		L.count(t0 + 120_000);
		expect(L.tc).toBe(3);
		L.close();
		expect(L.tc).toBe(4);
		expect(L.hc[21]).toBe(1);
		// Hours more than 48 back are forgotten.
		expect(L.countAt(h - 48)).toBe(0);
	});
});
