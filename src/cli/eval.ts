/**
 * `uitkijk eval`: run the gathering detector and the two baselines over the labelled scenarios
 * in one run and print, per scenario, lead times, true and false alerts and the targets of
 * issue 4. stdout carries the report (this command's output is a report, not data); progress goes
 * to stderr; --json writes the results for machines. Exit code 0 whatever the scores.
 *
 *   uitkijk eval [--scenario NAME]... [--seed N] [--detectors a,b,c] [--json FILE]
 *                [--history-days N] [--geodata DIR]
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flagPairs, parseSeed, UsageError } from './args';
import {
	createCountThresholdBaseline,
	createWaltherKaisserBaseline
} from '../lib/detection/baselines';
import { parseGazetteer, type Place } from '../lib/geo/gazetteer';
import { alertsOnFalseAlarms, parseFeedback, type FalseAlarm } from '../lib/detection/feedback';
import {
	runScenario,
	type DetectorEntry,
	type DetectorFactory,
	type ScenarioRun
} from '../lib/eval/run';
import { formatComparisons, formatScenario } from '../lib/eval/report';
import { compare, type Comparison, type ScenarioScore } from '../lib/eval/score';
import { BUILTIN_PLACES, SCENARIO_NAMES, scenarioInfo } from '../lib/scenario/index';

export interface EvalIo {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	env: Record<string, string | undefined>;
}

/** Detector names, in report order. The gathering detector is the one under test. */
export const DETECTOR_NAMES = ['gathering', 'count', 'walther-kaisser'] as const;
const BASELINES = ['count', 'walther-kaisser'];

const USAGE = `usage: uitkijk eval [--scenario NAME]... [--seed N] [--detectors a,b,c] [--json FILE]
                   [--history-days N] [--geodata DIR] [--feedback FILE]

  --scenario NAME     a scenario to run (repeatable; default all: ${SCENARIO_NAMES.join(', ')})
  --seed N            integer seed of the scenarios (default 1)
  --detectors LIST    comma-separated, from: ${DETECTOR_NAMES.join(', ')} (default all)
                      gathering: the gathering detector (src/lib/detection/detector.ts)
                      count: posts per H3 cell (res 8) in 30 minutes, fixed threshold 8
                      walther-kaisser: 4 or more authors within 200 m and 30 minutes (GPS posts)
  --json FILE         also write the results as JSON to FILE
  --history-days N    days of the same scenario before its start given to detectors that learn
                      (default 7; 0 for none)
  --geodata DIR       geodata directory (default: $UITKIJK_GEODATA, else ../shared/geodata)
  --feedback FILE     incidents marked as a false alarm ("onterecht"), from \`uitkijk feedback\`:
                      the alerts that fall on one are counted beside the eval's own false count

Each scenario runs over its own range; alerts are matched to its labels (src/lib/eval/match.ts).
The report goes to stdout, progress to stderr.
`;

interface Args {
	scenarios: string[];
	seed: number;
	detectors: string[];
	json?: string;
	historyDays: number;
	geodata?: string;
	feedback?: string;
	help: boolean;
}

export function parseEvalArgs(argv: string[]): Args {
	const out: Args = {
		scenarios: [],
		seed: 1,
		detectors: [...DETECTOR_NAMES],
		historyDays: 7,
		help: false
	};
	const seen = new Set<string>();
	const takes = new Set([
		'--scenario',
		'--seed',
		'--detectors',
		'--json',
		'--history-days',
		'--geodata',
		'--feedback'
	]);
	const { pairs, help } = flagPairs(argv, takes);
	out.help = help;
	for (const [a, v] of pairs) {
		if (a !== '--scenario' && seen.has(a)) throw new UsageError(`${a} given twice`);
		seen.add(a);
		if (a === '--scenario') {
			if (!SCENARIO_NAMES.includes(v))
				throw new UsageError(
					`unknown scenario "${v}"; valid scenarios: ${SCENARIO_NAMES.join(', ')}`
				);
			if (!out.scenarios.includes(v)) out.scenarios.push(v);
		} else if (a === '--seed') {
			out.seed = parseSeed(v);
		} else if (a === '--history-days') {
			const n = Number(v);
			if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(n >= 0) || n > 60)
				throw new UsageError(`--history-days must be a number from 0 to 60, got "${v}"`);
			out.historyDays = n;
		} else if (a === '--detectors') {
			const list = v
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
			const bad = list.filter((d) => !(DETECTOR_NAMES as readonly string[]).includes(d));
			if (bad.length || !list.length)
				throw new UsageError(
					`--detectors: unknown ${bad.join(', ') || '(empty)'}; valid: ${DETECTOR_NAMES.join(', ')}`
				);
			out.detectors = DETECTOR_NAMES.filter((d) => list.includes(d));
		} else if (a === '--json') out.json = v;
		else if (a === '--feedback') out.feedback = v;
		else out.geodata = v;
	}
	if (!out.scenarios.length) out.scenarios = [...SCENARIO_NAMES];
	return out;
}

function loadPlaces(dir: string, stderr: NodeJS.WritableStream): Place[] {
	const file = path.join(dir, 'gazetteer', 'nl_gazetteer.json');
	if (!existsSync(file)) {
		stderr.write(
			`eval: no gazetteer at ${file}; using the built-in list of ${BUILTIN_PLACES.length} places\n`
		);
		return BUILTIN_PLACES;
	}
	try {
		const { places } = parseGazetteer(JSON.parse(readFileSync(file, 'utf8')));
		stderr.write(`eval: gazetteer ${file}: ${places.length} places\n`);
		return places;
	} catch (e) {
		stderr.write(
			`eval: cannot read ${file} (${(e as Error).message}); using the built-in list of ${BUILTIN_PLACES.length} places\n`
		);
		return BUILTIN_PLACES;
	}
}

/**
 * The gathering detector, when its module exists. Imported by a computed specifier so that type
 * checking does not depend on it; undefined (with the reason) when it is missing or broken.
 */
export async function loadGatheringDetector(): Promise<{
	create?: DetectorFactory;
	reason?: string;
}> {
	const spec = '../lib/detection/detector.ts';
	try {
		const mod = (await import(/* @vite-ignore */ spec)) as {
			createGatheringDetector?: DetectorFactory;
		};
		if (typeof mod.createGatheringDetector !== 'function')
			return { reason: `${spec} does not export createGatheringDetector` };
		return { create: mod.createGatheringDetector };
	} catch (e) {
		return { reason: `${spec} not loadable: ${(e as Error).message.split('\n')[0]}` };
	}
}

export async function evaluate(argv: string[], io: EvalIo): Promise<number> {
	const { stdout, stderr, env } = io;
	let args: Args;
	try {
		args = parseEvalArgs(argv);
	} catch (e) {
		if (e instanceof UsageError) {
			stderr.write(`eval: ${e.message}\n\n${USAGE}`);
			return 2;
		}
		throw e;
	}
	if (args.help) {
		stdout.write(USAGE);
		return 0;
	}

	const entries: DetectorEntry[] = [];
	for (const name of args.detectors) {
		if (name === 'gathering') {
			const g = await loadGatheringDetector();
			if (g.create) entries.push({ name, create: g.create });
			else stderr.write(`eval: skipping the gathering detector: ${g.reason}\n`);
		} else if (name === 'count')
			entries.push({ name, create: (o) => createCountThresholdBaseline(o) });
		else entries.push({ name, create: (o) => createWaltherKaisserBaseline(o) });
	}
	if (!entries.length) {
		stderr.write('eval: no detector to run\n');
		stdout.write('No detector to run.\n');
		return 0;
	}

	const geodata =
		args.geodata ?? env.UITKIJK_GEODATA ?? path.resolve(process.cwd(), '..', 'shared', 'geodata');
	const places = loadPlaces(geodata, stderr);
	// Incidents marked false by users: counted beside the labels' false alarms.
	let marked: FalseAlarm[] | null = null;
	if (args.feedback) {
		try {
			const { entries, problems } = parseFeedback(readFileSync(args.feedback, 'utf8'));
			for (const p of problems) stderr.write(`eval: ${args.feedback}: ${p}\n`);
			marked = entries;
		} catch (e) {
			stderr.write(`eval: cannot read ${args.feedback}: ${(e as Error).message}\n`);
			return 2;
		}
	}
	const onMarked = new Map<object, number>();
	const started = Date.now();
	const runs: ScenarioRun[] = [];
	const scores: ScenarioScore[] = [];
	for (const name of args.scenarios) {
		const t0 = Date.now();
		const run = runScenario({
			scenario: name,
			seed: args.seed,
			places,
			detectors: entries,
			historyMs: args.historyDays * 86_400_000,
			progress: (m) => stderr.write(`eval: ${m}\n`)
		});
		runs.push(run);
		for (const r of run.runs) {
			scores.push(r.score);
			for (const bad of r.invalid)
				stderr.write(`eval: ${r.score.detector}: invalid alert ${bad}\n`);
		}
		stderr.write(
			`eval: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s (generate+locate ${(run.generateMs / 1000).toFixed(1)} s; ${run.runs.map((r) => `${r.score.detector} ${(r.streamMs / 1000).toFixed(1)} s`).join(', ')})\n`
		);
		stdout.write(
			formatScenario(
				run.runs.map((r) => r.score),
				{ title: scenarioInfo(name).title, posts: run.posts }
			) + '\n'
		);
		for (const r of marked ? run.runs : []) {
			const n = alertsOnFalseAlarms(r.versions, marked!).length;
			onMarked.set(r, n);
			stdout.write(
				`  ${r.score.detector}: false ${r.score.falseAlerts} (labels), on a marked false alarm ${n} (${marked!.length} in ${args.feedback})\n`
			);
		}
	}
	const comparisons: Comparison[] = [];
	for (const d of entries.map((e) => e.name).filter((n) => !BASELINES.includes(n)))
		for (const b of entries.map((e) => e.name).filter((n) => BASELINES.includes(n)))
			comparisons.push(compare(scores, d, b));
	if (comparisons.length) stdout.write(formatComparisons(comparisons));
	stderr.write(
		`eval: ${runs.length} scenario(s) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
	);

	if (args.json) {
		const doc = {
			seed: args.seed,
			history_days: args.historyDays,
			detectors: entries.map((e) => e.name),
			scenarios: runs.map((r) => ({
				scenario: r.scenario,
				posts: r.posts,
				history_posts: r.historyPosts,
				results: r.runs.map((x) => ({
					...x.score,
					learn_ms: Math.round(x.learnMs),
					stream_ms: Math.round(x.streamMs),
					invalid_alerts: x.invalid,
					...(marked ? { feedback_false: onMarked.get(x) ?? 0 } : {})
				}))
			})),
			comparisons
		};
		try {
			await writeFile(args.json, JSON.stringify(doc, null, 2) + '\n');
		} catch (e) {
			stderr.write(`eval: cannot write ${args.json}: ${(e as Error).message}\n`);
			return 1;
		}
	}
	return 0;
}
