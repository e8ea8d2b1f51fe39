/**
 * The alert panel rendered on the server (svelte/server; no DOM needed): with 11 alerts it shows
 * 8 cards and a "+3 meer" button (before: 8 cards and nothing), English cards carry the English
 * summary and the whole clock time, and an alert of another day than the clock's shows its date
 * and age.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import AlertPanel from '../../src/lib/components/AlertPanel.svelte';
import { TEXTS, type Lang } from '../../src/lib/i18n';
import type { MapAlert } from '../../src/lib/supabase/alerts';

const NOW = Date.parse('2012-09-21T22:30:00+02:00');

function alert(i: number, at = NOW - (i + 1) * 5 * 60_000): MapAlert {
	return {
		id: `surge:${i}`,
		kind: 'surge',
		detected_at: new Date(at).toISOString(),
		t: at,
		lon: 6.6,
		lat: 53.17,
		radius_m: 500,
		place: 'Station Haren',
		severity: i === 0 ? 'critical' : 'warning',
		score: 5,
		summary: '4x meer berichten dan normaal',
		evidence: ['x:1'],
		status: 'new',
		facts: {
			what: 'surge',
			near: 'Station Haren',
			radius_m: 500,
			minutes: 30,
			observed: 12,
			expected: 3,
			p_exp: -9,
			authors: 8
		}
	};
}

function html(alerts: MapAlert[], lang: Lang): string {
	return render(AlertPanel, {
		props: {
			alerts,
			t: TEXTS[lang],
			lang,
			now: NOW,
			canHandle: () => true,
			onacknowledge: () => {},
			onresolve: () => {},
			onselect: () => {}
		}
	}).body;
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('AlertPanel', () => {
	it('shows 8 of 11 alerts and a button for the other 3; the count says 11', () => {
		const body = html(
			Array.from({ length: 11 }, (_, i) => alert(i)),
			'nl'
		);
		expect(count(body, /data-testid="alert"/g)).toBe(8);
		expect(body).toMatch(/data-testid="alerts-count"[^>]*>11</);
		expect(body).toMatch(/<button[^>]*data-testid="alerts-more"[^>]*>\+3 meer<\/button>/);
		expect(body).toMatch(/aria-label="Toon nog 3 meldingen"/);
	});

	it('renders English summaries and whole times; another day shows date and age', () => {
		const yesterday = Date.parse('2012-09-20T23:50:00+02:00');
		const body = html([alert(0), alert(1, yesterday)], 'en');
		expect(body).toContain('4.0x more posts than normal within 500 m of Station Haren');
		expect(body).not.toContain('meer berichten');
		expect(body).toMatch(/data-testid="alert-time"[^>]*>22:25</);
		expect(body).toMatch(/Thu 20 Sept? 23:50(<!--\[0-->)?<span class="age[^"]*">22 h ago</);
		expect(body).not.toContain('alerts-more');
	});
});
