/**
 * The incident list and view rendered on the server (svelte/server; no DOM): one item per
 * incident with its kind chain, alert count, times (date and age when not of the map's day) and
 * status; the view with its figures, chart, timeline (who, when, why), evidence posts as text
 * (hostile HTML escaped) with "toon op kaart", the shares, and the actions only for a role that
 * may act.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import IncidentList from '../../src/lib/components/IncidentList.svelte';
import IncidentView from '../../src/lib/components/IncidentView.svelte';
import { TEXTS, type Lang } from '../../src/lib/i18n';
import type { IncidentDetail, IncidentRow } from '../../src/lib/supabase/incidents';

const NOW = Date.parse('2012-09-22T22:00:00+02:00');
const iso = (t: number) => new Date(t).toISOString();
const HOSTILE = '<img src=x onerror=alert(1)> kom allemaal naar Haren';

function row(over: Partial<IncidentRow> = {}): IncidentRow {
	return {
		id: 'inc-mob:1',
		place: 'Haren',
		lon: 6.6093,
		lat: 53.1721,
		radius_m: 600,
		severity: 'critical',
		status: 'open',
		first_seen: '2012-09-21T19:36:00Z',
		last_update: iso(NOW - 3 * 60_000),
		alert_count: 11,
		kinds: ['mobilisation', 'surge', 'surge', 'convergence'],
		unit_id: 'NN',
		municipality_code: 'GM0017',
		expected_size: null,
		...over
	};
}

function detail(inc: IncidentRow): IncidentDetail {
	const from = NOW - 75 * 60_000;
	return {
		incident: inc,
		alerts: [
			{
				id: 'mob:1',
				kind: 'mobilisation',
				severity: 'warning',
				detected_at: iso(from),
				summary: 'Oproep om naar Haren te komen',
				status: 'acknowledged'
			}
		],
		events: [
			{ at: iso(from), kind: 'alert', actor_label: null, reason: null, alert_id: 'mob:1' },
			{
				at: iso(NOW - 60_000),
				kind: 'acknowledge',
				actor_label: 'Analist NN',
				reason: 'ME <b>gewaarschuwd</b>',
				alert_id: null
			}
		],
		series: {
			from: iso(from),
			step_s: 300,
			counts: Array.from({ length: 15 }, (_, i) => i * 2),
			baseline: Array.from({ length: 15 }, () => 1)
		},
		evidence: [
			{
				id: 'x:1',
				created_at: iso(NOW - 10 * 60_000),
				text: HOSTILE,
				author: 'anon-7f3a',
				lon: 6.61,
				lat: 53.17,
				located_by: 'geotag',
				precision_m: 10
			},
			{
				id: 'x:2',
				created_at: iso(NOW - 9 * 60_000),
				text: 'zonder plek',
				author: null,
				lon: null,
				lat: null,
				located_by: null,
				precision_m: null
			}
		],
		shares: { geotag: 1, text: 2, author: 1, total: 4 }
	};
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

function list(incidents: IncidentRow[], lang: Lang = 'nl'): string {
	return render(IncidentList, {
		props: { incidents, t: TEXTS[lang], lang, now: NOW, onselect: () => {} }
	}).body;
}

function view(inc: IncidentRow, canAct: boolean, lang: Lang = 'nl'): string {
	return render(IncidentView, {
		props: {
			incident: inc,
			detail: detail(inc),
			t: TEXTS[lang],
			lang,
			now: NOW,
			canAct,
			onact: async () => true,
			onclose: () => {},
			onshow: () => {}
		}
	}).body;
}

describe('IncidentList', () => {
	it('shows one item per incident with its chain, alert count, times and status', () => {
		const body = list([row(), row({ id: 'inc-b', status: 'acknowledged', severity: 'warning' })]);
		expect(count(body, /data-testid="incident"/g)).toBe(2);
		expect(body).toMatch(/data-testid="incidents-count"[^>]*>2</);
		expect(body).toContain('oproep → drukte → toestroom');
		expect(body).toMatch(/data-testid="incident-alert-count"[^>]*>11</);
		// First seen the day before the map's: date and age; last update today: the clock time.
		const text = body.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
		expect(text).toContain('eerst gezien vr 21 sep 21:36 · 24 uur geleden');
		expect(text).toContain('laatste update 21:57 ');
		expect(body).toMatch(/data-testid="incident-status"[^>]*>erkend</);
		expect(body).not.toContain('data-testid="alert"');
	});

	it('says so when there is none, in English too', () => {
		expect(list([], 'en')).toContain('No incidents');
		expect(list([row()], 'en')).toContain('call → crowd → influx');
	});
});

describe('IncidentView', () => {
	it('shows figures, chart, timeline and evidence as text, with the actions for a role that may act', () => {
		const body = view(row(), true);
		expect(body).toContain('data-testid="incident-chart"');
		expect(body).toMatch(/<rect[^>]*class="bar/);
		expect(body).toContain('data-testid="incident-baseline"');
		const flat = body.replace(/\s+/g, ' ');
		// The growth: the last whole slot (28 posts) against an hour before (4): ×7; against 1: ×28.
		expect(flat).toContain('nu 28 per 5 min; ×7 t.o.v. een uur geleden; ×28 t.o.v. normaal');
		expect(body).toContain('Analist NN');
		expect(body).toContain('ME &lt;b>gewaarschuwd&lt;/b>');
		expect(body).toContain('&lt;img src=x onerror=alert(1)> kom allemaal naar Haren');
		expect(body).not.toMatch(/<img/);
		expect(count(body, /data-testid="evidence-post"/g)).toBe(2);
		// Only the placed post can be shown on the map.
		expect(count(body, /data-testid="evidence-show"/g)).toBe(1);
		expect(body).toContain('anon-7f3a');
		expect(flat).toContain('· geotag ±10 m');
		expect(body).toMatch(/geotag 25%.*plaatsnaam in tekst 50%.*eerdere locatie auteur 25%/s);
		expect(body).toContain('data-testid="incident-actions"');
		for (const a of ['Erkennen', 'Notitie', 'Onterecht', 'Afsluiten']) expect(body).toContain(a);
	});

	it('offers no action to a role that may not act (or on a connection that is down)', () => {
		const body = view(row(), false);
		expect(body).not.toContain('data-testid="incident-actions"');
		expect(body).not.toContain('Erkennen');
	});

	it('an acknowledged incident is not acknowledged again; the expected size shows where planned', () => {
		const body = view(row({ status: 'acknowledged', expected_size: 5000 }), true, 'en');
		expect(body).not.toContain('>Acknowledge<');
		expect(body).toContain('False alarm');
		expect(body).toMatch(/expected size<\/dt>\s*<dd[^>]*>5,000 people/);
	});
});
