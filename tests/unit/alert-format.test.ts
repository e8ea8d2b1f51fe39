/**
 * The alert panel's formatting (issue 11): the list folds behind "+N meer" instead of silently
 * showing 8 of 11; card times against the stream clock's day, with the date and age for an
 * alert of another day; the summary in the chosen language from an open_alerts row's facts.
 */
import { describe, expect, it } from 'vitest';
import {
	ALERTS_FOLDED,
	cardTime,
	fill,
	formatAge,
	visibleAlerts
} from '../../src/lib/app/alert-format';
import { TEXTS } from '../../src/lib/i18n';
import { alertText, validateAlert } from '../../src/lib/supabase/alerts';

const nl = TEXTS.nl;
const en = TEXTS.en;

describe('visibleAlerts', () => {
	const eleven = Array.from({ length: 11 }, (_, i) => i);
	it('shows 8 and says how many more, all once expanded', () => {
		expect(ALERTS_FOLDED).toBe(8);
		const folded = visibleAlerts(eleven, false);
		expect(folded.shown).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(folded.hidden).toBe(3);
		expect(folded.shown.length + folded.hidden).toBe(eleven.length);
		expect(fill(nl.alertMore, folded.hidden)).toBe('+3 meer');
		expect(fill(en.alertMore, folded.hidden)).toBe('+3 more');
		expect(visibleAlerts(eleven, true)).toEqual({ shown: eleven, hidden: 0 });
		expect(visibleAlerts(eleven.slice(0, 8), false)).toEqual({
			shown: eleven.slice(0, 8),
			hidden: 0
		});
	});
});

describe('cardTime', () => {
	// The Haren replay: the stream clock's now is Friday 21 September 2012, 22:30 in Amsterdam.
	const now = Date.parse('2012-09-21T22:30:00+02:00');
	it('shows the whole clock time for an alert of the clock day, in both languages', () => {
		const at = Date.parse('2012-09-21T18:05:00+02:00');
		expect(cardTime(at, now, 'nl', nl)).toEqual({ time: '18:05', age: null, today: true });
		expect(cardTime(at, now, 'en', en)).toEqual({ time: '18:05', age: null, today: true });
	});
	it('shows date, time and age for an alert of another day (the clock day, not the browser)', () => {
		const at = Date.parse('2012-09-20T23:50:00+02:00');
		const n = cardTime(at, now, 'nl', nl);
		expect(n.today).toBe(false);
		expect(n.time).toMatch(/^do 20 sep\.? 23:50$/);
		expect(n.age).toBe('22 uur geleden');
		const e = cardTime(at, now, 'en', en);
		expect(e.time).toMatch(/^Thu 20 Sept? 23:50$/); // ICU writes Sep or Sept
		expect(e.age).toBe('22 h ago');
		// Midnight in Amsterdam, not in UTC: 00:30 local on the 21st is 22:30 UTC on the 20th.
		expect(cardTime(Date.parse('2012-09-21T00:30:00+02:00'), now, 'en', en).today).toBe(true);
		// Another year names it; no clock (NaN) shows the date without an age.
		expect(cardTime(Date.parse('2011-09-21T18:05:00+02:00'), now, 'en', en).time).toMatch(
			/2011 18:05$/
		);
		expect(cardTime(now, NaN, 'nl', nl)).toMatchObject({ today: false, age: null });
	});
	it('formats ages in minutes, hours and days', () => {
		expect(formatAge(20_000, en)).toBe('just now');
		expect(formatAge(5 * 60_000, nl)).toBe('5 min geleden');
		expect(formatAge(30 * 3_600_000, en)).toBe('30 h ago');
		expect(formatAge(50 * 3_600_000, nl)).toBe('2 dagen geleden');
	});
});

describe('alertText', () => {
	const row = {
		id: 'mobilisation:haren:2012-09-20',
		kind: 'mobilisation',
		detected_at: '2012-09-20T18:00:00Z',
		last_detected_at: '2012-09-21T18:00:00Z',
		x: 6.61,
		y: 53.17,
		radius_m: 1500,
		place: 'Haren',
		severity: 'critical',
		score: 40,
		summary: 'Oproepen om naar Haren te komen: 120 unieke auteurs in 24 uur; 30 keer gedeeld.',
		evidence: [],
		status: 'new',
		facts: {
			what: 'mobilisation',
			place: 'Haren',
			callers: 120,
			new6: 0,
			earlier: 0,
			reposts: 30,
			sceptic: 0,
			confirmed: false,
			weak: false
		}
	};
	it('renders an open_alerts row in English from its facts, and in Dutch as stored', () => {
		const r = validateAlert(row);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(alertText(r.alert, 'en')).toBe(
			'Calls to come to Haren: 120 unique authors in 24 hours; shared 30 times.'
		);
		expect(alertText(r.alert, 'nl')).toBe(row.summary);
		expect(r.alert.lastT).toBe(Date.parse(row.last_detected_at));
	});
	it('shows the stored summary when the facts are missing or do not validate', () => {
		const r = validateAlert({ ...row, facts: { ...row.facts, callers: '<b>veel</b>' } });
		expect(r.ok && r.alert.facts).toBe(undefined);
		expect(r.ok && alertText(r.alert, 'en')).toBe(row.summary);
	});
});
