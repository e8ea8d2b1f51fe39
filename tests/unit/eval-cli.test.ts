/** The `eval` subcommand: arguments, and a short run with the baselines on the quiet day. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers';
import { evaluate, loadGatheringDetector, parseEvalArgs } from '../../src/cli/eval';
import { SCENARIO_NAMES } from '../../src/lib/scenario/index';

const run = (args: string[]) => runCli(evaluate, args);

describe('uitkijk eval arguments', () => {
	it('defaults to every scenario and every detector', () => {
		const a = parseEvalArgs([]);
		expect(a.scenarios).toEqual([...SCENARIO_NAMES]);
		expect(a.detectors).toEqual(['gathering', 'count', 'walther-kaisser']);
		expect([a.seed, a.historyDays, a.json]).toEqual([1, 7, undefined]);
	});

	it('takes repeated scenarios, a detector list, seed, history and json', () => {
		const a = parseEvalArgs([
			'--scenario',
			'quiet-day',
			'--scenario=haren-2012',
			'--scenario',
			'quiet-day',
			'--detectors',
			'walther-kaisser, count',
			'--seed',
			'3',
			'--history-days=0',
			'--json',
			'out.json'
		]);
		expect(a.scenarios).toEqual(['quiet-day', 'haren-2012']);
		expect(a.detectors).toEqual(['count', 'walther-kaisser']);
		expect([a.seed, a.historyDays, a.json]).toEqual([3, 0, 'out.json']);
	});

	it('rejects bad arguments with exit code 2 and the usage', async () => {
		for (const bad of [
			['--scenario', 'nope'],
			['--detectors', 'magic'],
			['--seed', '1.5'],
			['--history-days', '-1'],
			['--json'],
			['--frobnicate']
		]) {
			const r = await run(bad);
			expect(r.code).toBe(2);
			expect(r.err).toContain('usage: uitkijk eval');
			expect(r.out).toBe('');
		}
	});

	it('prints the usage on --help', async () => {
		const r = await run(['--help']);
		expect(r.code).toBe(0);
		expect(r.out).toContain('--detectors LIST');
	});
});

describe('uitkijk eval run', () => {
	it('runs the baselines on the quiet day, prints the table and writes JSON', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'uitkijk-eval-'));
		const json = path.join(dir, 'eval.json');
		const r = await run([
			'--scenario',
			'quiet-day',
			'--detectors',
			'count,walther-kaisser',
			'--history-days',
			'0',
			'--json',
			json
		]);
		expect(r.code).toBe(0);
		expect(r.out).toContain('== quiet-day');
		expect(r.out).toMatch(/^count\s+\d+/m);
		expect(r.out).toMatch(/^walther-kaisser\s+\d+/m);
		expect(r.out).toMatch(/(PASS|FAIL) count\s+quiet/);
		expect(r.err).toContain('eval: quiet-day done');
		const doc = JSON.parse(readFileSync(json, 'utf8'));
		expect(doc.detectors).toEqual(['count', 'walther-kaisser']);
		expect(doc.scenarios).toHaveLength(1);
		const [res] = doc.scenarios;
		expect(res.scenario).toBe('quiet-day');
		expect(res.posts).toBeGreaterThan(1000);
		expect(res.results.map((x: { detector: string }) => x.detector)).toEqual([
			'count',
			'walther-kaisser'
		]);
		for (const x of res.results) {
			expect(x.hours).toBe(24);
			expect(x.invalid_alerts).toEqual([]);
			expect(x.falsePer24h).toBe(x.falseAlerts);
		}
	}, 60_000);

	it('loads the gathering detector or says why not', async () => {
		const g = await loadGatheringDetector();
		if (g.create) expect(typeof g.create).toBe('function');
		else expect(g.reason).toMatch(/detector/);
	});
});
