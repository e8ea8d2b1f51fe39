/**
 * `uitkijk simulate`: write a scenario's synthetic posts as NDJSON to stdout, hour by hour, and
 * optionally its ground-truth labels as JSON to a file.
 *
 *   uitkijk simulate --scenario haren-2012 [--seed N] [--from ISO --to ISO] [--labels FILE]
 *                    [--geodata DIR]
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flagPairs, parseSeed, UsageError } from './args';
import { parseGazetteer, type Place } from '../lib/geo/gazetteer';
import type { Post } from '../lib/posts/post';
import {
	BUILTIN_PLACES,
	SCENARIO_NAMES,
	createScenario,
	scenarioInfo
} from '../lib/scenario/index';
import { formatIso, parseTime } from '../lib/time/amsterdam';

export interface SimulateIo {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	env: Record<string, string | undefined>;
}

const USAGE = `usage: uitkijk simulate --scenario NAME [--seed N] [--from ISO --to ISO] [--labels FILE] [--geodata DIR]

  --scenario NAME  one of: ${SCENARIO_NAMES.join(', ')}
  --seed N         integer seed (default 1); the same seed always gives the same posts
  --from, --to     range to generate, ISO 8601 (with offset, or Amsterdam local time without);
                   default: the scenario's own range
  --labels FILE    also write the ground-truth labels and areas as JSON to FILE
  --geodata DIR    geodata directory (default: $UITKIJK_GEODATA, else ../shared/geodata);
                   without its gazetteer a small built-in list of places is used

Posts go to stdout as NDJSON (docs/formats.md); progress and diagnostics go to stderr.
`;

interface Args {
	scenario: string;
	seed: number;
	from?: string;
	to?: string;
	labels?: string;
	geodata?: string;
	help: boolean;
}

function parseArgs(argv: string[]): Args {
	const out: Partial<Args> & { help: boolean } = { help: false };
	const takes = new Set(['--scenario', '--seed', '--from', '--to', '--labels', '--geodata']);
	const { pairs, help } = flagPairs(argv, takes);
	out.help = help;
	for (const [a, v] of pairs) {
		const key = a.slice(2) as keyof Args;
		if (key !== 'help' && out[key] !== undefined) throw new UsageError(`${a} given twice`);
		if (key === 'seed') out.seed = parseSeed(v);
		else if (key !== 'help') (out as Record<string, unknown>)[key] = v;
	}
	if (out.help) return { scenario: '', seed: 1, help: true };
	if (!out.scenario) throw new UsageError('--scenario is required');
	if (!SCENARIO_NAMES.includes(out.scenario))
		throw new UsageError(
			`unknown scenario "${out.scenario}"; valid scenarios: ${SCENARIO_NAMES.join(', ')}`
		);
	return { seed: 1, ...out, scenario: out.scenario, help: false };
}

function parseWhen(flag: string, s: string): number {
	const t = parseTime(s);
	if (!Number.isFinite(t))
		throw new UsageError(
			`${flag}: not an ISO 8601 time: "${s}" (e.g. 2012-09-21T18:00:00+02:00 or 2012-09-21T18:00)`
		);
	return t;
}

/** One NDJSON line, fields in the order of the formats.md table, absent ones omitted. */
export function postLine(p: Post): string {
	const o: Record<string, unknown> = {
		id: p.id,
		source: p.source,
		author: p.author,
		created_at: p.created_at,
		text: p.text
	};
	if (p.lon !== undefined && p.lat !== undefined) {
		o.lon = p.lon;
		o.lat = p.lat;
	}
	for (const k of ['place', 'lang', 'reply_to', 'repost_of', 'url'] as const)
		if (p[k] !== undefined) o[k] = p[k];
	if (p.engagement !== undefined) {
		const e: Record<string, number> = {};
		for (const k of ['likes', 'reposts', 'replies'] as const)
			if (p.engagement[k] !== undefined) e[k] = p.engagement[k] as number;
		o.engagement = e;
	}
	return JSON.stringify(o);
}

function loadPlaces(dir: string, stderr: NodeJS.WritableStream): Place[] {
	const file = path.join(dir, 'gazetteer', 'nl_gazetteer.json');
	if (!existsSync(file)) {
		stderr.write(
			`simulate: no gazetteer at ${file}; using the built-in list of ${BUILTIN_PLACES.length} places\n`
		);
		return BUILTIN_PLACES;
	}
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(file, 'utf8'));
	} catch (e) {
		stderr.write(
			`simulate: cannot read ${file} (${(e as Error).message}); using the built-in list of ${BUILTIN_PLACES.length} places\n`
		);
		return BUILTIN_PLACES;
	}
	const { places, skipped } = parseGazetteer(json);
	stderr.write(
		`simulate: gazetteer ${file}: ${places.length} places${skipped ? `, ${skipped} skipped` : ''}\n`
	);
	return places;
}

/** Write, waiting for 'drain' when the stream asks for it; false when the reader went away. */
async function write(
	out: NodeJS.WritableStream,
	chunk: string,
	closed: () => boolean
): Promise<boolean> {
	if (closed()) return false;
	if (out.write(chunk)) return true;
	await new Promise<void>((resolve) => {
		const done = () => {
			out.off('drain', done);
			out.off('close', done);
			out.off('error', done);
			resolve();
		};
		out.on('drain', done);
		out.on('close', done);
		out.on('error', done);
	});
	return !closed();
}

const HOUR = 3_600_000;

export async function simulate(argv: string[], io: SimulateIo): Promise<number> {
	const { stdout, stderr, env } = io;
	let args: Args;
	let from: number;
	let to: number;
	try {
		args = parseArgs(argv);
		if (args.help) {
			stdout.write(USAGE);
			return 0;
		}
		const info = scenarioInfo(args.scenario);
		from = parseWhen('--from', args.from ?? info.start);
		to = parseWhen('--to', args.to ?? info.end);
		if (to <= from)
			throw new UsageError(`--to (${formatIso(to)}) must be after --from (${formatIso(from)})`);
	} catch (e) {
		if (e instanceof UsageError) {
			stderr.write(`simulate: ${e.message}\n\n${USAGE}`);
			return 2;
		}
		throw e;
	}

	const geodata =
		args.geodata ?? env.UITKIJK_GEODATA ?? path.resolve(process.cwd(), '..', 'shared', 'geodata');
	const places = loadPlaces(geodata, stderr);
	const scenario = createScenario(args.scenario, { seed: args.seed, places });

	if (args.labels) {
		const doc = {
			scenario: scenario.info.name,
			title: scenario.info.title,
			seed: args.seed,
			from: formatIso(from),
			to: formatIso(to),
			labels: scenario.info.labels,
			areas: scenario.info.areas
		};
		try {
			await writeFile(args.labels, JSON.stringify(doc, null, 2) + '\n');
		} catch (e) {
			stderr.write(`simulate: cannot write labels to ${args.labels}: ${(e as Error).message}\n`);
			return 1;
		}
	}

	let closed = false;
	const onError = (e: NodeJS.ErrnoException) => {
		closed = true;
		if (e.code !== 'EPIPE') stderr.write(`simulate: output error: ${e.message}\n`);
	};
	stdout.on('error', onError);
	const started = Date.now();
	let count = 0;
	let lastReport = started;
	try {
		for (let t = from; t < to; t += HOUR) {
			const end = Math.min(t + HOUR, to);
			const posts = scenario.generate(t, end);
			count += posts.length;
			if (posts.length) {
				let chunk = '';
				for (const p of posts) chunk += postLine(p) + '\n';
				if (!(await write(stdout, chunk, () => closed))) break;
			}
			if (Date.now() - lastReport > 2000 || end >= to) {
				lastReport = Date.now();
				stderr.write(`simulate: ${args.scenario} up to ${formatIso(end)}: ${count} posts\n`);
			}
		}
	} finally {
		stdout.off('error', onError);
	}
	stderr.write(
		`simulate: ${args.scenario} seed ${args.seed}: ${count} posts from ${formatIso(from)} to ${formatIso(to)} in ${((Date.now() - started) / 1000).toFixed(1)} s${closed ? ' (output closed early)' : ''}\n`
	);
	return 0;
}
