/** Matching alerts to labelled gatherings, with hand-built alerts and labels. */
import { describe, expect, it } from 'vitest';
import type { Alert, AlertKind } from '../../src/lib/detection/api';
import { classifyLabels, judgeAlerts, matchOne, versionsOf } from '../../src/lib/eval/match';
import type { GatheringLabel } from '../../src/lib/scenario/types';
import { HOUR, MIN } from './helpers';

/** Haren centre and a point in Groningen, ~7 km north. */
const HAREN: [number, number] = [6.6045, 53.1725];
const GRONINGEN: [number, number] = [6.5665, 53.2194];
const ONSET = Date.parse('2012-09-21T20:00:00+02:00');
const DLAT = 1 / 111_195;

function label(p: Partial<GatheringLabel> & { id: string }): GatheringLabel {
	return {
		name: p.id,
		lon: HAREN[0],
		lat: HAREN[1],
		radius_m: 600,
		onset: new Date(ONSET).toISOString(),
		planned: false,
		kind: 'riot',
		...p
	};
}

function alert(
	id: string,
	kind: AlertKind,
	t: number,
	at: [number, number] = HAREN,
	radius = 300
): Alert {
	return {
		id,
		kind,
		detected_at: new Date(t).toISOString(),
		lon: at[0],
		lat: at[1],
		radius_m: radius,
		severity: 'warning',
		score: 1,
		summary: 'test',
		evidence: []
	};
}

const RIOT = label({ id: 'riot' });
const MOB = label({
	id: 'mob',
	kind: 'mobilisation',
	radius_m: 1500,
	onset: new Date(ONSET - 14 * 24 * HOUR).toISOString()
});

describe('classifyLabels', () => {
	it('links a mobilisation to the physical gathering that follows at the same place', () => {
		const [mob, riot] = classifyLabels([MOB, RIOT]);
		expect(mob.role).toBe('mobilisation');
		expect(mob.linked).toBe('riot');
		expect(mob.reference).toBe(ONSET);
		expect(mob.to).toBe(ONSET + 6 * HOUR);
		expect(riot.role).toBe('physical');
		expect(riot.from).toBe(ONSET - 30 * MIN);
		expect(riot.to).toBe(ONSET + 6 * HOUR);
	});

	it('matches surges from the first arrivals when the label gives them, not before', () => {
		const arrivals = new Date(ONSET - 3 * HOUR).toISOString();
		const [riot] = classifyLabels([label({ id: 'riot', arrivals_from: arrivals })]);
		expect(riot.from).toBe(ONSET - 3 * HOUR);
		expect(matchOne(alert('a', 'surge', ONSET - 2 * HOUR), riot)).toBe('true');
		expect(matchOne(alert('a', 'surge', ONSET - 3 * HOUR - MIN), riot)).toBeUndefined();
		const late = new Date(ONSET + MIN).toISOString();
		expect(() => classifyLabels([label({ id: 'x', arrivals_from: late })])).toThrow(
			/arrivals_from/
		);
		expect(() => classifyLabels([label({ id: 'y', arrivals_from: 'noon' })])).toThrow(
			/arrivals_from/
		);
	});

	it('treats a call that no gathering follows as a hoax, and hoax kinds as hoaxes', () => {
		const far = label({ id: 'riot-gron', lon: GRONINGEN[0], lat: GRONINGEN[1] });
		const roles = classifyLabels([MOB, far, label({ id: 'h', kind: 'hoax-call' })]).map((e) => [
			e.label.id,
			e.role
		]);
		expect(roles).toEqual([
			['mob', 'hoax'],
			['riot-gron', 'physical'],
			['h', 'hoax']
		]);
	});

	it('planned labels match nothing; overflows are physical', () => {
		const planned = label({ id: 'kd', planned: true, kind: 'festival' });
		const overflow = label({ id: 'of', planned: true, kind: 'overflow' });
		const [p, o] = classifyLabels([planned, overflow]);
		expect(p.role).toBe('planned');
		expect(o.role).toBe('physical');
		expect(matchOne(alert('a', 'surge', ONSET), p)).toBeUndefined();
		expect(matchOne(alert('a', 'surge', ONSET), o)).toBe('true');
		expect(o.from).toBe(ONSET - 30 * MIN);
		expect(matchOne(alert('a', 'surge', ONSET - HOUR), o)).toBeUndefined();
	});

	it('uses the given windows and rejects onsets that are not times', () => {
		const [riot] = classifyLabels([RIOT], { leadMarginMs: HOUR, physicalDurationMs: 2 * HOUR });
		expect([riot.from, riot.to]).toEqual([ONSET - HOUR, ONSET + 2 * HOUR]);
		expect(() => classifyLabels([label({ id: 'x', onset: 'soon' })])).toThrow(/onset/);
	});
});

describe('matchOne', () => {
	const [mob, riot] = classifyLabels([MOB, RIOT]);

	it('matches physical labels with surge and convergence alerts inside the window', () => {
		expect(matchOne(alert('a', 'surge', ONSET + 5 * MIN), riot)).toBe('true');
		expect(matchOne(alert('a', 'convergence', ONSET - 20 * MIN), riot)).toBe('true');
		expect(matchOne(alert('a', 'mobilisation', ONSET), riot)).toBeUndefined();
		expect(matchOne(alert('a', 'surge', ONSET - 40 * MIN), riot)).toBeUndefined();
		// After the window its aftermath (below), then nothing.
		expect(matchOne(alert('a', 'surge', ONSET + 7 * HOUR), riot)).toBe('neutral');
		expect(matchOne(alert('a', 'surge', ONSET + 12 * HOUR + MIN), riot)).toBeUndefined();
	});

	it('allows both radii plus the tolerance, no more', () => {
		// 600 + 300 + 500 = 1400 m.
		const near: [number, number] = [HAREN[0], HAREN[1] + 1350 * DLAT];
		const far: [number, number] = [HAREN[0], HAREN[1] + 1450 * DLAT];
		// Before the onset (no aftermath yet).
		const t = ONSET - 10 * MIN;
		expect(matchOne(alert('a', 'surge', t, near), riot)).toBe('true');
		expect(matchOne(alert('a', 'surge', t, far), riot)).toBeUndefined();
		expect(matchOne(alert('a', 'surge', t, far), riot, { toleranceM: 700 })).toBe('true');
	});

	it("leaves a physical gathering's aftermath neutral: its crowd dispersing, its scene after it", () => {
		// Essen, 2.5 km from Haren: 600 + 300 + 500 + 3,000 m = 4.4 km at most.
		const essen: [number, number] = [HAREN[0], HAREN[1] + 2500 * DLAT];
		const beyond: [number, number] = [HAREN[0], HAREN[1] + 4500 * DLAT];
		// The crowd walking home at midnight, inside the 6 h window but beyond the tolerance.
		expect(matchOne(alert('a', 'surge', ONSET + 4 * HOUR, essen), riot)).toBe('neutral');
		expect(matchOne(alert('a', 'convergence', ONSET + 4 * HOUR, essen), riot)).toBe('neutral');
		// The scene at 05:25, after the window, until 6 h after it.
		expect(matchOne(alert('a', 'surge', ONSET + 9.5 * HOUR), riot)).toBe('neutral');
		expect(matchOne(alert('a', 'surge', ONSET + 12 * HOUR), riot)).toBe('neutral');
		// Not farther, not later, not before the onset, not a call.
		expect(matchOne(alert('a', 'surge', ONSET + 4 * HOUR, beyond), riot)).toBeUndefined();
		expect(matchOne(alert('a', 'surge', ONSET + 13 * HOUR), riot)).toBeUndefined();
		expect(matchOne(alert('a', 'surge', ONSET - 20 * MIN, essen), riot)).toBeUndefined();
		expect(matchOne(alert('a', 'mobilisation', ONSET + 4 * HOUR, essen), riot)).toBeUndefined();
		expect(matchOne(alert('a', 'surge', ONSET + 13 * HOUR), riot, { aftermathMs: 8 * HOUR })).toBe(
			'neutral'
		);
		expect(
			matchOne(alert('a', 'surge', ONSET + 4 * HOUR, essen), riot, { aftermathM: 1_000 })
		).toBeUndefined();
	});

	it('matches mobilisation labels with mobilisation alerts from the call to the end', () => {
		expect(matchOne(alert('m', 'mobilisation', ONSET - 3 * 24 * HOUR), mob)).toBe('true');
		expect(matchOne(alert('m', 'mobilisation', ONSET + HOUR), mob)).toBe('true');
		expect(matchOne(alert('m', 'mobilisation', ONSET - 15 * 24 * HOUR), mob)).toBeUndefined();
		expect(matchOne(alert('m', 'surge', ONSET - 3 * 24 * HOUR), mob)).toBeUndefined();
		expect(
			matchOne(alert('m', 'mobilisation', ONSET - 24 * HOUR, GRONINGEN, 2900), mob)
		).toBeUndefined();
	});
});

describe('judgeAlerts', () => {
	const labels = classifyLabels([
		MOB,
		RIOT,
		label({
			id: 'hoax',
			kind: 'hoax',
			lon: GRONINGEN[0],
			lat: GRONINGEN[1],
			onset: new Date(ONSET - 24 * HOUR).toISOString()
		})
	]);

	it('judges per id: true, false and neutral, and orders by first detection', () => {
		const j = judgeAlerts(
			versionsOf([
				alert('s1', 'surge', ONSET + 2 * MIN),
				alert('m1', 'mobilisation', ONSET - 30 * HOUR, HAREN, 1800),
				alert('f1', 'surge', ONSET - 20 * HOUR),
				alert('h1', 'mobilisation', ONSET - 10 * HOUR, GRONINGEN, 2900),
				alert('h2', 'surge', ONSET - 10 * HOUR, GRONINGEN)
			]),
			labels
		);
		expect(j.map((x) => [x.id, x.outcome])).toEqual([
			['m1', 'true'],
			['f1', 'false'],
			['h1', 'neutral'],
			['h2', 'false'],
			['s1', 'true']
		]);
		expect(j[0].hits).toEqual([{ label: 'mob', t: ONSET - 30 * HOUR }]);
		expect(j[2].hits.map((h) => h.label)).toEqual(['hoax']);
		expect(j[1].hits).toEqual([]);
	});

	it('an alert raised early and raised again inside the window matches from then on', () => {
		const early = alert('s', 'surge', ONSET - 4 * HOUR);
		const j = judgeAlerts(
			[
				{ alert: early, at: ONSET - 4 * HOUR },
				{ alert: { ...early, score: 9 }, at: ONSET - 10 * MIN }
			],
			labels
		);
		expect(j).toHaveLength(1);
		expect(j[0].outcome).toBe('true');
		expect(j[0].t).toBe(ONSET - 4 * HOUR);
		expect(j[0].hits).toEqual([{ label: 'riot', t: ONSET - 10 * MIN }]);
	});
});
