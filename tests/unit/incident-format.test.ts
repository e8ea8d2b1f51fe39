/**
 * The incident list's logic: the kind chain, times with date and age when not of the map's day,
 * the flash rule per incident (not per alert), and which ring a click on the map falls in.
 */
import { describe, expect, it } from 'vitest';
import { FlashRule } from '../../src/lib/app/flash';
import {
	flashable,
	incidentAt,
	incidentTimes,
	kindChain,
	statusText,
	type IncidentLike
} from '../../src/lib/app/incident-format';
import { TEXTS } from '../../src/lib/i18n';
import { IncidentBook, type IncidentChange } from '../../src/lib/supabase/incidents';

const NOW = Date.parse('2012-09-22T23:00:00+02:00');
const iso = (t: number) => new Date(t).toISOString();

/** An open_incidents() row. */
function row(id: string, over: Record<string, unknown> = {}) {
	return { ...inc(id), unit_id: 'NN', municipality_code: null, expected_size: null, ...over };
}

function inc(id: string, over: Partial<IncidentLike> = {}): IncidentLike {
	return {
		id,
		place: 'Haren',
		lon: 6.6093,
		lat: 53.1721,
		radius_m: 500,
		severity: 'warning',
		status: 'open',
		first_seen: iso(NOW - 90 * 60_000),
		last_update: iso(NOW - 10 * 60_000),
		kinds: ['mobilisation', 'surge'],
		alert_count: 2,
		...over
	};
}

describe('incident list', () => {
	it('writes the kinds as a chain in order, repeats folded, in both languages', () => {
		const kinds = ['mobilisation', 'surge', 'surge', 'convergence', 'surge'];
		expect(kindChain(kinds, TEXTS.nl)).toBe('oproep → drukte → toestroom → drukte');
		expect(kindChain(['mobilisation', 'convergence'], TEXTS.en)).toBe('call → influx');
		expect(kindChain(['unknown<b>'], TEXTS.nl)).toBe('unknown<b>');
		expect(statusText('false_alarm', TEXTS.nl)).toBe('onterecht');
		expect(statusText('acknowledged', TEXTS.en)).toBe('acknowledged');
	});

	it('gives first seen and last update with date and age when not of the map day', () => {
		const i = inc('a', {
			first_seen: '2012-09-21T19:36:00Z',
			last_update: '2012-09-22T20:57:00Z'
		});
		const nl = incidentTimes(i, NOW, 'nl', TEXTS.nl);
		expect(nl.first).toBe('vr 21 sep 21:36 · 25 uur geleden');
		expect(nl.last).toBe('22:57');
		const en = incidentTimes(i, NOW, 'en', TEXTS.en);
		expect(en.first).toMatch(/^Fri 21 Sept? 21:36 · 25 h ago$/);
		// Unknown clock: every time with its date.
		expect(incidentTimes(i, NaN, 'nl', TEXTS.nl).last).toBe('za 22 sep 2012 22:57');
	});
});

describe('flash per incident', () => {
	it('a second alert joining a critical incident flashes nothing; a new critical incident once', () => {
		const book = new IncidentBook();
		const rule = new FlashRule();
		const opened = NOW - 30 * 60_000;
		const a = row('inc-a', { severity: 'warning', first_seen: iso(NOW - 20 * 60_000) });
		const flash = (changes: IncidentChange[]) =>
			rule.update(book.list().map(flashable), changes, opened);
		// The screen opens on a warning incident.
		expect(flash(book.reset([a]).changes)).toBeNull();
		// It becomes critical: one flash for the incident.
		const crit = { ...a, severity: 'critical', alert_count: 3, last_update: iso(NOW - 5 * 60_000) };
		expect(flash([book.apply(crit).change!])?.id).toBe('inc-a');
		// Another alert joins it (still critical): no flash.
		const more = { ...crit, alert_count: 4, last_update: iso(NOW - 60_000) };
		expect(flash([book.apply(more).change!])).toBeNull();
		// A new incident that is critical from its first alert, seen after the screen opened: once.
		const b = row('inc-b', { severity: 'critical', first_seen: iso(NOW) });
		expect(flash([book.apply(b).change!])?.id).toBe('inc-b');
		expect(flash(book.reset([more, b]).changes)).toBeNull();
		// An acknowledged one never flashes.
		const c = row('inc-c', { severity: 'critical', status: 'acknowledged', first_seen: iso(NOW) });
		expect(flash([book.apply(c).change!])).toBeNull();
	});
});

describe('a click on the map', () => {
	it('falls in the ring it is inside (or within its drawn minimum), the strongest first', () => {
		const a = inc('a', { radius_m: 400 });
		const b = inc('b', { lon: 6.62, radius_m: 300, severity: 'critical' });
		// 200 m north of a's centre: inside a only.
		expect(incidentAt([a, b], [6.6093, 53.1721 + 200 / 111_320], 10)?.id).toBe('a');
		// 1 km north: outside both.
		expect(incidentAt([a, b], [6.6093, 53.1721 + 1000 / 111_320], 10)).toBeNull();
		// Zoomed out (100 m per pixel): the ring is drawn 14 px = 1.4 km wide at least.
		expect(incidentAt([a], [6.6093, 53.1721 + 1000 / 111_320], 100)?.id).toBe('a');
		// Where both rings overlap, the critical one.
		const mid: [number, number] = [(6.6093 + 6.62) / 2, 53.1721];
		expect(incidentAt([a, b], mid, 100)?.id).toBe('b');
	});
});
