/**
 * Alert summaries per language from the alert's facts (issue 11: in English the summaries stayed
 * Dutch). The detector's Dutch summary is the same function's Dutch text.
 */
import { describe, expect, it } from 'vitest';
import { createGatheringDetector } from '../../src/lib/detection/detector';
import { alertLine } from '../../src/lib/detection/alerts-ndjson';
import {
	alertSummary,
	summaryText,
	validateFacts,
	type AlertFacts
} from '../../src/lib/detection/summary';
import type { LocatedPost } from '../../src/lib/posts/post';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';
import { MIN } from './helpers';

const MOB: AlertFacts = {
	what: 'mobilisation',
	place: 'Haren',
	callers: 1234,
	new6: 40,
	earlier: 12,
	reposts: 56,
	expected_at: '2012-09-21T21:00:00+02:00',
	clock: true,
	sceptic: 0.25,
	confirmed: false,
	weak: false
};

describe('alert summaries in Dutch and English', () => {
	it('renders a mobilisation in both languages', () => {
		expect(summaryText(MOB, 'nl')).toBe(
			'Oproepen om naar Haren te komen: 1.234 unieke auteurs in 24 uur, 40 nieuw in de laatste 6 uur; 56 keer gedeeld; oproepen noemen vrijdag 21 september 21:00. 25% van de berichten twijfelt of het doorgaat.'
		);
		expect(summaryText(MOB, 'en')).toBe(
			'Calls to come to Haren: 1,234 unique authors in 24 hours, 40 new in the last 6 hours; shared 56 times; the calls name Friday 21 September 21:00. 25% of the posts doubt that it will happen.'
		);
		const weak = { ...MOB, expected_at: undefined, earlier: 0, sceptic: 0, weak: true };
		expect(summaryText(weak, 'en')).toBe(
			'Calls to come to Haren: 1,234 unique authors in 24 hours, all of them new; shared 56 times. Little spread so far: possibly an empty call.'
		);
	});

	it('renders surge, overflow and convergence with planned and linked notes', () => {
		const surge: AlertFacts = {
			what: 'surge',
			near: 'Station Haren',
			radius_m: 1300,
			minutes: 60,
			observed: 44,
			expected: 2.2,
			p_exp: -40,
			authors: 30,
			linked: {
				callers: 3774,
				place: 'Haren',
				expected_at: '2012-09-21T19:00:00+02:00',
				clock: true
			}
		};
		expect(summaryText(surge, 'nl')).toBe(
			'20x meer berichten dan normaal binnen 1.300 m van Station Haren in 60 min (44 tegen 2,2 verwacht, p < 1e-40); 30 unieke auteurs. Eerder riepen 3.774 auteurs op om naar Haren te komen (oproepen noemen vrijdag 21 september 19:00).'
		);
		expect(summaryText(surge, 'en')).toBe(
			'20x more posts than normal within 1,300 m of Station Haren in 60 min (44 against 2.2 expected, p < 1e-40); 30 unique authors. Earlier, 3,774 authors called on people to come to Haren (the calls name Friday 21 September 19:00).'
		);
		const conv: AlertFacts = {
			what: 'convergence',
			near: 'Museumplein',
			authors: 45,
			minutes: 30,
			km: 3.25,
			normal: 1.5,
			planned: { event: 'Koningsdag', estimate: 450, planned: 300 }
		};
		expect(summaryText(conv, 'en')).toBe(
			'45 unique authors came to Museumplein in 30 min, from 3.3 km away on average (normally 1.5). More than planned at Koningsdag: an estimated 450 present against 300 expected.'
		);
		expect(summaryText(conv, 'nl')).toMatch(/^45 unieke auteurs kwamen in 30 min naar Museumplein/);
		const over: AlertFacts = {
			what: 'overflow',
			event: 'Koningsdag',
			posts: 90,
			radius_m: 1000,
			minutes: 30,
			expected: 20,
			inside: 400,
			authors: 60,
			estimate: 600,
			planned: 15000
		};
		expect(summaryText(over, 'en')).toBe(
			'Overflow outside Koningsdag: 90 posts within 1,000 m outside the grounds in 30 min against 20.0 expected from the crowd inside (400), 4.5x; 60 unique authors, an estimated 600 people outside the grounds (15,000 visitors planned).'
		);
		expect(summaryText(over, 'nl')).toMatch(/^Overloop buiten Koningsdag: 90 berichten/);
	});

	it('a mobilisation shows its meeting points and travel hubs, kept by validateFacts', () => {
		const f: AlertFacts = {
			...MOB,
			meeting: [{ place: 'Station Groningen', callers: 35 }],
			travel: [
				{ place: 'Station Groningen', posts: 120, authors: 70 },
				{ place: 'Station Assen', posts: 40, authors: 25 }
			]
		};
		expect(summaryText(f, 'nl')).toContain(
			'Verzamelpunt onderweg: Station Groningen (35 oproepen). Reizigers onderweg erheen: 120 berichten bij Station Groningen, 40 berichten bij Station Assen.'
		);
		expect(summaryText(f, 'en')).toContain(
			'Meeting point on the way: Station Groningen (35 calls). Travellers on the way: 120 posts at Station Groningen, 40 posts at Station Assen.'
		);
		expect(validateFacts(JSON.parse(JSON.stringify(f)))).toEqual(f);
		// A malformed list is dropped, the rest of the facts kept.
		const bad = validateFacts({ ...f, travel: [{ place: 'x', posts: 'veel' }], meeting: 3 });
		expect(bad).toEqual(MOB);
	});

	it("a surge or convergence lists its crowd's dispersal and aftermath, kept by validateFacts", () => {
		const f: AlertFacts = {
			what: 'surge',
			near: 'Centrum Haren',
			radius_m: 1300,
			minutes: 60,
			observed: 300,
			expected: 3,
			p_exp: -300,
			authors: 250,
			after: [
				{ place: 'Essen', authors: 27, crowd: 20, at: '2012-09-22T00:00:14+02:00', away: true },
				{
					place: 'Station Haren',
					authors: 6,
					crowd: 5,
					at: '2012-09-22T05:25:16+02:00',
					away: false
				}
			]
		};
		expect(summaryText(f, 'nl')).toContain(
			'unieke auteurs. Verspreiding richting Essen (00:00): 27 auteurs, van wie 20 eerder in deze menigte. Nasleep bij Station Haren (05:25): 6 auteurs, van wie 5 eerder in deze menigte.'
		);
		expect(summaryText(f, 'en')).toContain(
			'unique authors. Dispersal towards Essen (00:00): 27 authors, 20 of them earlier in this crowd. Aftermath at Station Haren (05:25): 6 authors, 5 of them earlier in this crowd.'
		);
		expect(validateFacts(JSON.parse(JSON.stringify(f)))).toEqual(f);
		const conv = { what: 'convergence', near: 'Essen', authors: 40, minutes: 30, km: 2, normal: 1 };
		expect(validateFacts({ ...conv, after: f.after })).toEqual({ ...conv, after: f.after });
		// A malformed list is dropped, the rest of the facts kept.
		const { after: _a, ...rest } = f;
		expect(validateFacts({ ...f, after: [{ place: 'Essen', authors: 'veel' }] })).toEqual(rest);
		expect(validateFacts({ ...f, after: Array(11).fill(f.after![0]) })).toEqual(rest);
		expect(validateFacts({ ...f, after: [{ ...f.after![0], at: 'gisteren' }] })).toEqual(rest);
	});

	it('falls back to the stored summary without (valid) facts; hostile facts are refused', () => {
		expect(alertSummary({ summary: 'Tekst' }, 'en')).toBe('Tekst');
		expect(validateFacts({ ...MOB, callers: 'veel' })).toBeUndefined();
		expect(validateFacts({ ...MOB, place: 'x'.repeat(500) })).toBeUndefined();
		expect(validateFacts({ what: 'riot' })).toBeUndefined();
		expect(validateFacts([MOB])).toBeUndefined();
		expect(validateFacts({ ...MOB, expected_at: 'morgen' })).toBeUndefined();
		expect(validateFacts(JSON.parse(JSON.stringify(MOB)))).toEqual(MOB);
		const f = validateFacts(JSON.parse(JSON.stringify({ ...MOB, extra: '<script>' })));
		expect(f && 'extra' in f).toBe(false);
	});

	it('the detector keeps facts whose Dutch text is its summary; the NDJSON line stays the format', () => {
		const t0 = Date.parse('2012-09-19T10:00:00+02:00');
		const posts: LocatedPost[] = Array.from({ length: 30 }, (_, i) => ({
			id: `fb:s${i}`,
			source: 'facebook',
			author: `caller${i}`,
			created_at: new Date(t0 + i * 10 * MIN).toISOString(),
			text: `Project X Haren vrijdag om 21:00!! iedereen komen #${i}`,
			t: t0 + i * 10 * MIN,
			method: 'none'
		}));
		const alerts = createGatheringDetector({ places: BUILTIN_PLACES }).push(posts);
		expect(alerts.length).toBeGreaterThan(0);
		for (const a of alerts) {
			expect(a.facts).toBeDefined();
			expect(alertSummary(a, 'nl')).toBe(a.summary);
			expect(validateFacts(JSON.parse(JSON.stringify(a.facts)))).toEqual(a.facts);
			expect(alertSummary(a, 'en')).toMatch(/^Calls to come to Haren: 30 unique authors/);
			expect(Object.keys(JSON.parse(alertLine(a)))).not.toContain('facts');
		}
	});
});
