/**
 * "Onterecht" as feedback to the evaluation (issue 13): `uitkijk feedback` prints the incidents
 * marked false as NDJSON, and `uitkijk eval --feedback FILE` counts the alerts that fall on them
 * beside its own false count (src/lib/detection/feedback.ts, src/cli/feedback.ts, src/cli/eval.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/lib/detection/api';
import { alertsOnFalseAlarms, onFalseAlarm, parseFeedback } from '../../src/lib/detection/feedback';
import { evaluate } from '../../src/cli/eval';
import { feedback } from '../../src/cli/feedback';
import type { Target } from '../../src/cli/target';
import { scenarioInfo } from '../../src/lib/scenario/index';
import { runCli, sink } from './helpers';

const row = {
	incident_id: 'inc-surge:x',
	place: 'Haren',
	lon: 6.6,
	lat: 53.17,
	radius_m: 1000,
	first_seen: '2012-09-21T14:00:00+00:00',
	last_update: '2012-09-21T16:00:00+00:00',
	marked_at: '2012-09-21T16:30:00+00:00',
	who: 'Analist Een',
	reason: 'feestje',
	alert_ids: ['surge:x'],
	kinds: ['surge']
};

const alert = (t: string, lon: number, lat: number): Alert => ({
	id: `a@${t}@${lon}`,
	kind: 'surge',
	detected_at: t,
	lon,
	lat,
	radius_m: 500,
	severity: 'warning',
	score: 1,
	summary: 's',
	evidence: []
});

function fakeTarget(rows: unknown[]): {
	open: (u: string | undefined, e: NodeJS.ProcessEnv) => Promise<Target>;
	calls: unknown[];
} {
	const calls: unknown[] = [];
	return {
		calls,
		open: async () => ({
			store: {} as Target['store'],
			pseudonymKey: '0'.repeat(64),
			describe: 'test db',
			async rpc(fn, args) {
				calls.push([fn, args]);
				return rows;
			},
			close: async () => {}
		})
	};
}

describe('uitkijk feedback', () => {
	it('prints the false alarms as NDJSON and skips bad rows', async () => {
		const { open, calls } = fakeTarget([row, { incident_id: 'inc-bad', lon: 'x' }]);
		const out = sink();
		const err = sink();
		const code = await feedback(
			['--since', '2012-09-21T00:00:00Z'],
			{ stdout: out.stream, stderr: err.stream, env: {} },
			open
		);
		expect(code).toBe(0);
		expect(calls).toEqual([['incident_feedback', { since: '2012-09-21T00:00:00.000Z' }]]);
		const lines = out.text().trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0])).toEqual({
			incident_id: 'inc-surge:x',
			place: 'Haren',
			lon: 6.6,
			lat: 53.17,
			radius_m: 1000,
			from: row.first_seen,
			to: row.last_update,
			marked_at: row.marked_at,
			who: 'Analist Een',
			reason: 'feestje',
			alerts: ['surge:x'],
			kinds: ['surge']
		});
		expect(err.text()).toContain('skipping a row (lon/lat');
		// What it prints reads back as feedback.
		expect(parseFeedback(out.text())).toEqual({ entries: [JSON.parse(lines[0])], problems: [] });
	});

	it('refuses bad arguments with exit code 2', async () => {
		for (const args of [['--since', 'gisteren'], ['--db-url', 'http://x'], ['--what']]) {
			const err = sink();
			const code = await feedback(args, { stdout: sink().stream, stderr: err.stream, env: {} });
			expect(code).toBe(2);
			expect(err.text()).toContain('usage: uitkijk feedback');
		}
	});
});

describe('feedback matching', () => {
	const [entry] = parseFeedback(JSON.stringify(row)).entries;

	it('reports bad lines by number', () => {
		const { entries, problems } = parseFeedback(
			`${JSON.stringify(row)}\n\n{oops\n{"incident_id": "x"}\n`
		);
		expect(entries).toHaveLength(1);
		expect(problems).toEqual([
			'line 3: invalid JSON',
			'line 4: lon/lat: expected a WGS 84 position'
		]);
	});

	it('an alert falls on a false alarm within its area and time range (with tolerance)', () => {
		expect(onFalseAlarm(alert('2012-09-21T15:00:00Z', 6.6, 53.17), [entry])).toBe(entry);
		// 1.4 km east: within radius 1000 + 500 m.
		expect(onFalseAlarm(alert('2012-09-21T15:00:00Z', 6.621, 53.17), [entry])).toBe(entry);
		// 2 km east: not.
		expect(onFalseAlarm(alert('2012-09-21T15:00:00Z', 6.63, 53.17), [entry])).toBeNull();
		// 20 min after the range: within the margin; an hour after: not.
		expect(onFalseAlarm(alert('2012-09-21T16:20:00Z', 6.6, 53.17), [entry])).toBe(entry);
		expect(onFalseAlarm(alert('2012-09-21T17:00:00Z', 6.6, 53.17), [entry])).toBeNull();
		const a = alert('2012-09-21T15:00:00Z', 6.6, 53.17);
		expect(alertsOnFalseAlarms([{ alert: a }, { alert: a }], [entry])).toEqual([a.id]);
	});

	it('eval --feedback counts the alerts on a marked false alarm beside its false count', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'uitkijk-feedback-'));
		const scenario = 'two-cities';
		const info = scenarioInfo(scenario);
		const args = ['--scenario', scenario, '--detectors', 'count', '--history-days', '0'];
		const mark = (over: object) => ({
			...row,
			first_seen: info.start,
			last_update: info.end,
			...over
		});
		// A mark far from every alert: none falls on it.
		const far = path.join(dir, 'far.ndjson');
		writeFileSync(far, JSON.stringify(mark({ incident_id: 'inc-far', lon: 0, lat: 0 })) + '\n');
		const first = path.join(dir, 'first.json');
		const r1 = await runCli(evaluate, [...args, '--json', first, '--feedback', far]);
		expect(r1.code).toBe(0);
		const [res] = JSON.parse(readFileSync(first, 'utf8')).scenarios[0].results;
		expect(res.alerts).toBeGreaterThan(0);
		expect(res.feedback_false).toBe(0);
		expect(r1.out).toContain(
			`count: false ${res.falseAlerts} (labels), on a marked false alarm 0 (1 in ${far})`
		);
		// A user marked everything within 100 km of the scenario's centre over its whole range.
		const all = path.join(dir, 'all.ndjson');
		const [lon, lat] = info.view.center;
		writeFileSync(
			all,
			[mark({ incident_id: 'inc-all', lon, lat, radius_m: 100_000 }), { oops: 1 }]
				.map((x) => JSON.stringify(x))
				.join('\n')
		);
		const second = path.join(dir, 'second.json');
		const r2 = await runCli(evaluate, [...args, '--json', second, '--feedback', all]);
		expect(r2.code).toBe(0);
		expect(r2.err).toContain('line 2: incident_id: expected a string');
		const [res2] = JSON.parse(readFileSync(second, 'utf8')).scenarios[0].results;
		expect(res2.feedback_false).toBe(res2.alerts);
		expect(r2.out).toContain(`on a marked false alarm ${res2.alerts} (1 in ${all})`);
		const missing = await runCli(evaluate, [...args, '--feedback', path.join(dir, 'nope')]);
		expect(missing.code).toBe(2);
		expect(missing.err).toContain('cannot read');
	}, 120_000);
});
