/** The one Amsterdam time rule (src/lib/time/amsterdam.ts), checked against Intl's tz data. */
import { describe, expect, it } from 'vitest';
import {
	amsterdamOffsetMin,
	formatClock,
	formatIso,
	fromLocal,
	localDate,
	localDay,
	localHour,
	localParts,
	parseTime
} from '../../src/lib/time/amsterdam';

const utc = (s: string) => Date.parse(s);

const INTL = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Amsterdam',
	timeZoneName: 'longOffset'
});

/** Offset in minutes from Intl's time-zone data, the reference. */
function intlOffsetMin(t: number): number {
	const f = INTL.format(t);
	const m = /GMT([+-])(\d{2}):(\d{2})/.exec(f)!;
	return (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]);
}

describe('the daylight-saving switch instants', () => {
	it.each([
		// [year, spring forward (UTC), fall back (UTC)]: the last Sundays of March and October.
		[2012, '2012-03-25T01:00:00Z', '2012-10-28T01:00:00Z'],
		[2024, '2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z'],
		[2025, '2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z'],
		[2026, '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']
	])('%i: summer time from %s to %s', (_year, spring, fall) => {
		const s = utc(spring);
		const f = utc(fall);
		expect(amsterdamOffsetMin(s - 1)).toBe(60);
		expect(amsterdamOffsetMin(s)).toBe(120);
		expect(amsterdamOffsetMin(f - 1)).toBe(120);
		expect(amsterdamOffsetMin(f)).toBe(60);
		// Local wall clock around the switches: 01:59:59 → 03:00:00 and 02:59:59 → 02:00:00.
		expect(formatIso(s - 1000).slice(11)).toBe('01:59:59+01:00');
		expect(formatIso(s).slice(11)).toBe('03:00:00+02:00');
		expect(formatIso(f - 1000).slice(11)).toBe('02:59:59+02:00');
		expect(formatIso(f).slice(11)).toBe('02:00:00+01:00');
		expect(localHour(s - 1)).toBe(1);
		expect(localHour(s)).toBe(3);
		expect(localHour(f - 1)).toBe(2);
		expect(localHour(f)).toBe(2);
	});

	it('agrees with Intl every 12 hours from 2011 to 2027 and around each switch', () => {
		const wrong: string[] = [];
		const check = (t: number) => {
			if (amsterdamOffsetMin(t) !== intlOffsetMin(t)) wrong.push(new Date(t).toISOString());
		};
		for (let t = utc('2011-01-01T00:00:00Z'); t < utc('2027-01-01T00:00:00Z'); t += 12 * 3_600_000)
			check(t);
		for (const y of [2012, 2026])
			for (const [m, d] of [
				[2, 25],
				[9, 25]
			])
				for (let k = 0; k < 7 * 24 * 4; k++) check(Date.UTC(y, m, d) + k * 15 * 60_000);
		expect(wrong).toEqual([]);
	});
});

describe('local fields and formats', () => {
	it('puts local midnight in the right day', () => {
		const t = utc('2012-09-21T22:00:00Z'); // 00:00 local on the 22nd
		expect(localDay(t)).toBe('2012-09-22');
		expect(localDay(t - 1)).toBe('2012-09-21');
		expect(localDate(t)).toEqual([2012, 9, 22, 6]); // a Saturday
		expect(localParts(t + 90 * 60_000)).toEqual({
			year: 2012,
			month: 9,
			day: 22,
			weekday: 6,
			hour: 1.5
		});
		expect(formatClock(t + 90 * 60_000)).toBe('01:30');
		expect(formatIso(t + 999)).toBe('2012-09-22T00:00:00+02:00'); // whole seconds, cut
		expect(formatIso(utc('2026-01-15T12:00:00Z'))).toBe('2026-01-15T13:00:00+01:00');
	});

	it.each([
		// [local wall time, UTC]: ordinary, and the two ambiguous cases of the rule.
		[[2012, 9, 21, 20, 0], '2012-09-21T18:00:00Z'],
		[[2026, 1, 15, 9, 30], '2026-01-15T08:30:00Z'],
		// 02:30 on 25 October 2026 happens twice: the first (summer time) is taken.
		[[2026, 10, 25, 2, 30], '2026-10-25T00:30:00Z'],
		// 02:30 on 29 March 2026 does not exist: read in winter time.
		[[2026, 3, 29, 2, 30], '2026-03-29T01:30:00Z'],
		// Day 32 is the next month's first.
		[[2012, 8, 32, 0, 0], '2012-08-31T22:00:00Z']
	] as [[number, number, number, number, number], string][])('fromLocal(%j) is %s', (f, want) => {
		expect(fromLocal(...f)).toBe(utc(want));
	});

	it('parses ISO times with and without an offset', () => {
		expect(parseTime('2012-09-21T20:00:00+02:00')).toBe(utc('2012-09-21T18:00:00Z'));
		expect(parseTime('2012-09-21T20:00')).toBe(utc('2012-09-21T18:00:00Z'));
		expect(parseTime('2026-03-29T03:00')).toBe(utc('2026-03-29T01:00:00Z'));
		expect(parseTime('2024-01-15')).toBe(utc('2024-01-14T23:00:00Z'));
		expect(parseTime('2024-01-15T10:00:00.250Z')).toBe(utc('2024-01-15T10:00:00.250Z'));
		expect(parseTime('21 sept')).toBeNaN();
		expect(parseTime('2024-02-30')).toBeNaN();
	});
});
