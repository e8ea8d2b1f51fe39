/** Scores, targets, the baseline comparison and the report, with hand-built alerts and labels. */
import { describe, expect, it } from 'vitest';
import type { Alert, AlertKind } from '../../src/lib/detection/api';
import { versionsOf } from '../../src/lib/eval/match';
import { formatComparisons, formatLead, formatScenario } from '../../src/lib/eval/report';
import { compare, scoreScenario, type ScenarioScore } from '../../src/lib/eval/score';
import type { GatheringLabel } from '../../src/lib/scenario/types';
import { HOUR, MIN } from './helpers';

const HAREN: [number, number] = [6.6045, 53.1725];
const ELSEWHERE: [number, number] = [5.1214, 52.0907];
const ONSET = Date.parse('2012-09-21T20:00:00+02:00');
const FROM = Date.parse('2012-09-19T00:00:00+02:00');
const TO = Date.parse('2012-09-22T06:00:00+02:00');

const LABELS: GatheringLabel[] = [
	{
		id: 'mob',
		name: 'Mobilisatie',
		lon: HAREN[0],
		lat: HAREN[1],
		radius_m: 1500,
		onset: '2012-09-07T21:14:00+02:00',
		planned: false,
		kind: 'mobilisation'
	},
	{
		id: 'riot',
		name: 'Rellen',
		lon: HAREN[0],
		lat: HAREN[1],
		radius_m: 600,
		onset: '2012-09-21T20:00:00+02:00',
		planned: false,
		kind: 'riot'
	}
];

function alert(id: string, kind: AlertKind, t: number, at: [number, number] = HAREN): Alert {
	return {
		id,
		kind,
		detected_at: new Date(t).toISOString(),
		lon: at[0],
		lat: at[1],
		radius_m: 500,
		severity: 'info',
		score: 1,
		summary: 'test',
		evidence: []
	};
}

function score(detector: string, alerts: Alert[], labels = LABELS, from = FROM, to = TO) {
	return scoreScenario({
		scenario: 'haren-2012',
		detector,
		from,
		to,
		labels,
		versions: versionsOf(alerts)
	});
}

describe('scoreScenario', () => {
	it('reports lead times against the physical onset and counts false alarms per 24 h', () => {
		const s = score('d', [
			alert('m', 'mobilisation', ONSET - 30 * HOUR),
			alert('m2', 'mobilisation', ONSET - 2 * HOUR),
			alert('s', 'surge', ONSET + 4 * MIN),
			alert('f1', 'surge', ONSET - 40 * HOUR),
			alert('f2', 'surge', ONSET, ELSEWHERE)
		]);
		expect(s.hours).toBe(78);
		expect([s.alerts, s.trueAlerts, s.falseAlerts, s.neutralAlerts]).toEqual([5, 3, 2, 0]);
		expect(s.falsePer24h).toBeCloseTo((2 * 24) / 78, 6);
		expect(s.matchedLabels).toBe(2);
		expect(s.matchableLabels).toBe(2);
		const [mob, riot] = s.labels;
		expect([mob.id, mob.leadMin, mob.alerts]).toEqual(['mob', -30 * 60, 2]);
		expect([riot.id, riot.leadMin, riot.alerts]).toEqual(['riot', 4, 1]);
		expect(mob.first).toBe('2012-09-20T14:00:00+02:00');
		expect(s.targets.map((t) => [t.name, t.pass])).toEqual([
			['mobilisation-24h', true],
			['onset-10min', true],
			['false-per-day', true]
		]);
		expect(s.falseExamples.map((x) => x.id)).toEqual(['f1', 'f2']);
	});

	it('a call 55 minutes ahead needs its mobilisation alert 20 minutes before the onset', () => {
		const call = Date.parse('2012-09-21T19:05:00+02:00');
		const labels: GatheringLabel[] = [
			{ ...LABELS[0], onset: '2012-09-21T19:05:00+02:00' },
			LABELS[1]
		];
		const at = (lead: number) =>
			score(
				'd',
				[alert('m', 'mobilisation', ONSET - lead * MIN), alert('s', 'surge', ONSET)],
				labels
			)
				.targets.filter((t) => t.name.startsWith('mobilisation'))
				.map((t) => [t.name, t.pass, t.detail]);
		expect(call).toBeLessThan(ONSET - 45 * MIN);
		expect(at(25)).toEqual([
			['mobilisation-20min', true, 'first mobilisation alert -25 min from the physical onset']
		]);
		expect(at(15)).toEqual([
			['mobilisation-20min', false, 'first mobilisation alert -15 min from the physical onset']
		]);
		const none = score('d', [alert('s', 'surge', ONSET)], labels).targets[0];
		expect([none.name, none.pass, none.detail]).toEqual([
			'mobilisation-20min',
			false,
			'no mobilisation alert'
		]);
	});

	it('fails the targets when alerts come too late or not at all', () => {
		const s = score('d', [
			alert('m', 'mobilisation', ONSET - 20 * HOUR),
			alert('s', 'surge', ONSET + 11 * MIN)
		]);
		expect(s.targets.map((t) => t.pass)).toEqual([false, false, true]);
		expect(s.targets[1].detail).toContain('+11 min');
		const none = score('d', []);
		expect(none.targets.map((t) => t.detail)).toEqual([
			'no mobilisation alert',
			'no surge or convergence alert',
			'at most 0 false alarm(s) on a day (2012-09-19)'
		]);
		expect(none.labels.every((l) => l.leadMin === undefined)).toBe(true);
	});

	it('a scenario without labels passes only when nothing is raised', () => {
		const day = Date.parse('2024-10-15T00:00:00+02:00');
		const quiet = score('d', [], [], day, day + 24 * HOUR);
		expect(quiet.targets[0]).toEqual({ name: 'quiet', pass: true, detail: '0 alert(s)' });
		const noisy = score('d', [alert('x', 'surge', day + HOUR)], [], day, day + 24 * HOUR);
		expect(noisy.targets[0].pass).toBe(false);
		expect(noisy.falsePer24h).toBe(1);
	});

	it('a quiet twin with a planned label passes only when nothing at all is raised', () => {
		const day = Date.parse('2024-11-09T00:00:00+01:00');
		const plan: GatheringLabel = {
			id: 'match',
			name: 'Wedstrijd',
			lon: 4.5232,
			lat: 51.8939,
			radius_m: 600,
			onset: '2024-11-09T20:00:00+01:00',
			planned: true,
			kind: 'event'
		};
		const run = (alerts: Alert[], quiet: boolean) =>
			scoreScenario({
				scenario: 'match-day-quiet',
				detector: 'd',
				from: day,
				to: day + 24 * HOUR,
				labels: [plan],
				...(quiet ? { quiet: true } : {}),
				versions: versionsOf(alerts)
			});
		const one = [alert('x', 'surge', day + 22 * HOUR, ELSEWHERE)];
		expect(run(one, false).targets.map((t) => [t.name, t.pass])).toEqual([
			['planned-day', true],
			['false-per-day', true]
		]);
		expect(run(one, true).targets.map((t) => [t.name, t.pass])).toEqual([
			['planned-day', true],
			['quiet', false],
			['false-per-day', true]
		]);
		expect(run([], true).targets.every((t) => t.pass)).toBe(true);
	});

	it('planned events: at most one alert on the day; alerts inside them are false', () => {
		const dam: [number, number] = [4.8926, 52.3731];
		const labels: GatheringLabel[] = [
			{
				id: 'kd',
				name: 'Koningsdag',
				lon: dam[0],
				lat: dam[1],
				radius_m: 400,
				onset: '2024-04-27T10:00:00+02:00',
				planned: true,
				expected_crowd: 15000,
				kind: 'festival'
			}
		];
		const from = Date.parse('2024-04-26T00:00:00+02:00');
		const to = Date.parse('2024-04-28T06:00:00+02:00');
		const at = (h: number) => Date.parse('2024-04-27T00:00:00+02:00') + h * HOUR;
		const one = score('d', [alert('a', 'surge', at(12), dam)], labels, from, to);
		expect(one.falseAlerts).toBe(1);
		expect(one.targets.map((t) => [t.name, t.pass])).toEqual([
			['planned-day', true],
			['false-per-day', true]
		]);
		const two = score(
			'd',
			[alert('a', 'surge', at(12), dam), alert('b', 'surge', at(23.5), dam)],
			labels,
			from,
			to
		);
		expect(two.targets[0].pass).toBe(false);
		// An alert the next day does not count for the planned day.
		const next = score(
			'd',
			[alert('a', 'surge', at(12), dam), alert('b', 'surge', at(24.5), dam)],
			labels,
			from,
			to
		);
		expect(next.targets[0].pass).toBe(true);
		expect(next.matchableLabels).toBe(0);
	});

	it('false-per-day: at most one false alarm on each Amsterdam calendar day of the range', () => {
		const day = (d: string, h: number) => Date.parse(`2012-09-${d}T00:00:00+02:00`) + h * HOUR;
		// Two false alarms on 09-20 (Amsterdam), one just before and one after local midnight.
		const spread = score('d', [
			alert('f1', 'surge', day('19', 23.9), ELSEWHERE),
			alert('f2', 'surge', day('20', 0.1), ELSEWHERE),
			alert('f3', 'surge', day('21', 12), ELSEWHERE)
		]);
		expect(spread.falsePerDay).toEqual([
			{ day: '2012-09-19', n: 1 },
			{ day: '2012-09-20', n: 1 },
			{ day: '2012-09-21', n: 1 },
			{ day: '2012-09-22', n: 0 }
		]);
		expect(spread.targets.at(-1)).toEqual({
			name: 'false-per-day',
			pass: true,
			detail: 'at most 1 false alarm(s) on a day (2012-09-19)'
		});
		// 22:30 UTC on 09-20 is 00:30 on 09-21 in Amsterdam: three on 09-21.
		const crowded = score('d', [
			alert('f1', 'surge', day('21', 1), ELSEWHERE),
			alert('f2', 'convergence', Date.parse('2012-09-20T22:30:00Z'), ELSEWHERE),
			alert('f3', 'mobilisation', day('21', 15), ELSEWHERE),
			alert('t', 'surge', ONSET + 4 * MIN)
		]);
		const t = crowded.targets.find((x) => x.name === 'false-per-day');
		expect(t?.pass).toBe(false);
		expect(t?.detail).toBe(
			'at most 3 false alarm(s) on a day (2012-09-21); days over one: 2012-09-21 3'
		);
		// Neutral alerts (on a hoax) do not count.
		const hoax: GatheringLabel = { ...LABELS[0], id: 'hoax', kind: 'hoax' };
		const neutral = score(
			'd',
			[alert('m1', 'mobilisation', ONSET), alert('m2', 'mobilisation', ONSET + HOUR)],
			[hoax]
		);
		expect(neutral.targets.find((x) => x.name === 'false-per-day')?.pass).toBe(true);
	});

	it('false-per-day lists every day of a range across the clock change', () => {
		const from = Date.parse('2024-10-26T00:00:00+02:00');
		const to = Date.parse('2024-10-28T06:00:00+01:00');
		const s = score(
			'd',
			[alert('f', 'surge', Date.parse('2024-10-27T23:30:00+01:00'))],
			[],
			from,
			to
		);
		expect(s.falsePerDay).toEqual([
			{ day: '2024-10-26', n: 0 },
			{ day: '2024-10-27', n: 1 },
			{ day: '2024-10-28', n: 0 }
		]);
	});

	it("a gathering's aftermath is neutral: no false alarm, and no lead time", () => {
		const essen: [number, number] = [HAREN[0], HAREN[1] + 0.0225];
		// The crowd at Essen at midnight and the scene at 05:25: neutral, not false.
		const s = score('gathering', [
			alert('s', 'surge', ONSET - 20 * MIN),
			alert('e', 'surge', ONSET + 4 * HOUR, essen),
			alert('h', 'surge', ONSET + 9.5 * HOUR)
		]);
		expect([s.trueAlerts, s.neutralAlerts, s.falseAlerts]).toEqual([1, 2, 0]);
		expect(s.targets.find((t) => t.name === 'false-per-day')?.pass).toBe(true);
		// Only an aftermath, no match: the onset target fails, its lead is not the aftermath's.
		const late = score('gathering', [alert('e', 'surge', ONSET + 15 * MIN, essen)]);
		expect(late.neutralAlerts).toBe(1);
		expect(late.labels.find((l) => l.id === 'riot')?.leadMin).toBeUndefined();
		expect(late.targets.find((t) => t.name === 'onset-10min')?.pass).toBe(false);
	});

	it('hoax: mobilisation alerts are neutral, surges fail the target', () => {
		const hoax: GatheringLabel = { ...LABELS[0], id: 'hoax', kind: 'hoax' };
		const ok = score('d', [alert('m', 'mobilisation', ONSET)], [hoax]);
		expect([ok.neutralAlerts, ok.falseAlerts]).toEqual([1, 0]);
		expect(ok.targets[0]).toEqual({
			name: 'hoax-no-crowd',
			label: 'hoax',
			pass: true,
			detail: '0 surge/convergence alert(s) at the hoax'
		});
		const bad = score('d', [alert('s', 'surge', ONSET)], [hoax]);
		expect(bad.falseAlerts).toBe(1);
		expect(bad.targets[0].pass).toBe(false);
	});
});

describe('compare', () => {
	const mk = (detector: string, scenario: string, matched: number, falseAlerts: number) =>
		({ detector, scenario, matchedLabels: matched, falseAlerts }) as ScenarioScore;

	it('is better only when at least as good on both and strictly better on one', () => {
		const scores = [
			mk('g', 'a', 2, 1),
			mk('g', 'b', 0, 0),
			mk('c', 'a', 1, 5),
			mk('c', 'b', 0, 3),
			mk('w', 'a', 2, 0),
			mk('w', 'b', 0, 0)
		];
		const vc = compare(scores, 'g', 'c');
		expect(vc).toEqual({
			detector: 'g',
			baseline: 'c',
			trueDetector: 2,
			trueBaseline: 1,
			falseDetector: 1,
			falseBaseline: 8,
			better: true
		});
		const vw = compare(scores, 'g', 'w');
		expect([vw.falseDetector, vw.falseBaseline, vw.better]).toEqual([1, 0, false]);
		expect(compare([mk('g', 'a', 1, 1), mk('c', 'a', 1, 1)], 'g', 'c').better).toBe(false);
	});

	it('only compares scenarios both ran', () => {
		const c = compare([mk('g', 'a', 1, 0), mk('c', 'a', 1, 2), mk('c', 'z', 5, 0)], 'g', 'c');
		expect([c.trueBaseline, c.falseBaseline, c.better]).toEqual([1, 2, true]);
	});
});

describe('report', () => {
	it('formats lead times', () => {
		expect(formatLead(undefined)).toBe('-');
		expect(formatLead(-1584)).toBe('-26.4 h');
		expect(formatLead(7)).toBe('+7 min');
		expect(formatLead(-119)).toBe('-119 min');
	});

	it('prints one row per detector with lead columns and the targets', () => {
		const a = score('gathering', [
			alert('m', 'mobilisation', ONSET - 30 * HOUR),
			alert('s', 'surge', ONSET + 4 * MIN)
		]);
		const b = score('count', [alert('f', 'surge', ONSET, ELSEWHERE)]);
		const text = formatScenario([a, b], { title: 'Project X Haren', posts: 123 });
		const lines = text.split('\n');
		expect(lines[0]).toContain('== haren-2012 — Project X Haren');
		expect(lines[0]).toContain('123 posts');
		expect(lines[1]).toMatch(/^detector\s+alerts\s+true\s+false/);
		expect(lines[1]).toContain('lead mob');
		expect(lines[1]).toContain('max false/day');
		expect(text).toContain('PASS gathering    false-per-day: at most 0 false alarm(s)');
		expect(lines[2]).toMatch(
			/^gathering\s+2\s+2\s+0\s+0\s+0\.0\s+0\s+2\/2\s+-30\.0 h\s+\+4 min\s+3\/3$/
		);
		expect(lines[3]).toMatch(/^count\s+1\s+0\s+1\s+0\s+0\.3\s+1\s+0\/2\s+-\s+-\s+1\/3$/);
		expect(text).toContain('PASS gathering');
		expect(text).toContain('FAIL count');
		const cmp = formatComparisons([compare([a, b], 'gathering', 'count')]);
		expect(cmp).toContain('BETTER gathering vs count: matched labels 2 vs 0, false alarms 0 vs 1');
		expect(formatScenario([])).toBe('');
	});
});
