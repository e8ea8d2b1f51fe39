/**
 * The incident view's logic: the timeline merges alerts and actions in order, the chart's
 * geometry scales bars and the baseline into its box, growth compares the latest whole slot with
 * an hour before and with the baseline, and evidence locations and shares read as a person
 * would write them.
 */
import { describe, expect, it } from 'vitest';
import {
	actionsFor,
	alertLine,
	chartGeometry,
	durationText,
	eventText,
	factor,
	growth,
	incidentDuration,
	locatedText,
	needsReason,
	precisionText,
	sharePercents,
	timeline
} from '../../src/lib/app/incident-view';
import { TEXTS } from '../../src/lib/i18n';

const T0 = Date.parse('2012-09-21T19:30:00Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

describe('timeline', () => {
	it('lists alerts and actions oldest first, an alert without an event at its detection', () => {
		const alerts = [
			{ id: 'm', kind: 'mobilisation', severity: 'warning', detected_at: at(0), summary: 'oproep' },
			{ id: 's', kind: 'surge', severity: 'critical', detected_at: at(40), summary: 'piek' }
		];
		const events = [
			{ at: at(50), kind: 'acknowledge', actor_label: 'Analist NN', reason: 'gezien' },
			{ at: at(1), kind: 'alert', alert_id: 'm' },
			{ at: 'nonsense', kind: 'note', reason: 'x' }
		];
		const tl = timeline(alerts, events);
		expect(tl.map((e) => [e.kind, e.alert?.id ?? null, e.actor, e.reason])).toEqual([
			['alert', 'm', null, null],
			['alert', 's', null, null],
			['acknowledge', null, 'Analist NN', 'gezien']
		]);
		expect(tl[0].at).toBe(T0 + 60_000);
		expect(tl[1].at).toBe(T0 + 40 * 60_000);
		expect(eventText('false_alarm', TEXTS.nl)).toBe('onterecht');
		expect(eventText('resolve', TEXTS.en)).toBe('resolved');
	});

	it("renders an alert's summary from its facts in the language, else its stored text", () => {
		const facts = {
			what: 'surge',
			near: 'Haren',
			radius_m: 500,
			minutes: 30,
			observed: 12,
			expected: 3,
			p_exp: -9,
			authors: 8
		};
		const a = { id: 'a', kind: 'surge', severity: 'warning', detected_at: at(0), summary: 'nl' };
		expect(alertLine({ ...a, facts }, 'en')).toMatch(
			/more posts than normal within 500 m of Haren/
		);
		expect(alertLine({ ...a, facts: { what: 'nonsense' } }, 'en')).toBe('nl');
	});
});

describe('chart', () => {
	it('scales the bars and the baseline into the box', () => {
		const g = chartGeometry(
			{ from: at(0), step_s: 300, counts: [0, 5, 10, NaN], baseline: [1, 1, 2, 2] },
			200,
			50
		);
		expect(g.max).toBe(10);
		expect(g.bars.map((b) => [b.x, b.y, b.h, b.count])).toEqual([
			[0, 50, 0, 0],
			[50, 25, 25, 5],
			[100, 0, 50, 10],
			[150, 50, 0, 0]
		]);
		expect(g.bars[1].at).toBe(T0 + 300_000);
		expect(g.baseline).toBe('M25 45 L75 45 L125 40 L175 40');
		expect(g.to - g.from).toBe(4 * 300_000);
		// Nothing at all: a flat chart, no division by zero.
		const empty = chartGeometry({ from: at(0), step_s: 300, counts: [], baseline: [] }, 200, 50);
		expect(empty.bars).toEqual([]);
		expect(empty.baseline).toBe('');
	});
});

describe('figures', () => {
	const counts = Array.from({ length: 15 }, (_, i) => i + 1); // 1..15
	const series = { from: at(0), step_s: 300, counts, baseline: counts.map(() => 2) };

	it('growth: the latest whole slot against an hour before and the baseline', () => {
		// Now is in the middle of slot 14: the last whole slot is 13 (count 14), an hour before: 1 (count 2).
		const g = growth(series, T0 + 14 * 300_000 + 60_000);
		expect(g).toEqual({ now: 14, hourAgo: 2, baseline: 2, vsHourAgo: 7, vsBaseline: 7 });
		// Clock unknown: the last slot.
		expect(growth(series).now).toBe(15);
		// Shorter than an hour: no comparison with an hour ago.
		expect(growth({ ...series, counts: [4, 6] }, NaN).hourAgo).toBeNull();
		expect(factor(null, 'nl')).toBe('–');
		expect(factor(3.25, 'nl')).toBe('×3,3');
		expect(factor(3.25, 'en')).toBe('×3.3');
	});

	it('duration: to the map now while active, to the last update once closed', () => {
		expect(incidentDuration(T0, T0 + 60_000, true, T0 + 81 * 60_000)).toBe(81 * 60_000);
		expect(incidentDuration(T0, T0 + 60_000, false, T0 + 81 * 60_000)).toBe(60_000);
		expect(durationText(45 * 60_000, TEXTS.nl)).toBe('45 min');
		expect(durationText(81 * 60_000, TEXTS.nl)).toBe('1 u 21 min');
		expect(durationText(125 * 60_000, TEXTS.en)).toBe('2 h 05 min');
		expect(durationText(52 * 3_600_000, TEXTS.nl)).toBe('2 d 4 u');
	});

	it('evidence: how located with its precision; the shares in whole percents', () => {
		expect(locatedText('geotag', TEXTS.nl)).toBe('geotag');
		expect(locatedText('author', TEXTS.nl)).toBe('eerdere locatie auteur');
		expect(precisionText(10, 'nl')).toBe('±10 m');
		expect(precisionText(1234, 'nl')).toBe('±1,2 km');
		expect(precisionText(null, 'nl')).toBe('');
		expect(sharePercents({ geotag: 1, text: 2, author: 1, total: 4 })).toEqual({
			geotag: 25,
			text: 50,
			author: 25
		});
		expect(sharePercents({ geotag: 0, text: 0, author: 0, total: 0 })).toEqual({
			geotag: 0,
			text: 0,
			author: 0
		});
	});

	it('actions: by status; every one but acknowledge needs a reason', () => {
		expect(actionsFor('open')).toEqual(['acknowledge', 'note', 'false_alarm', 'resolve']);
		expect(actionsFor('acknowledged')).toEqual(['note', 'false_alarm', 'resolve']);
		expect(actionsFor('resolved')).toEqual(['note']);
		expect(needsReason('acknowledge')).toBe(false);
		expect(needsReason('false_alarm')).toBe(true);
	});
});
