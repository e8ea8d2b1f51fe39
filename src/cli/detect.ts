/**
 * `uitkijk detect`: run the gathering detector over a posts NDJSON file and write the alerts
 * NDJSON (docs/formats.md) to stdout: each id once, with its first detected_at and its latest
 * figures. Progress and diagnostics go to stderr.
 *
 *   uitkijk detect --posts posts.ndjson [--areas areas.geojson] [--planned planned.json]
 *                  [--history history.ndjson] [--geodata DIR]
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseGazetteer, type Place } from '../lib/geo/gazetteer';
import { createLocator } from '../lib/geo/locate';
import { loadWorldCities } from '../lib/server/world-cities';
import { Deduper, readPostsStream } from '../lib/posts/ndjson';
import type { LocatedPost, Post } from '../lib/posts/post';
import type { PlannedEvent, WatchedArea } from '../lib/detection/api';
import { AlertCollector } from '../lib/detection/alerts-ndjson';
import { createGatheringDetector } from '../lib/detection/detector';
import { BUILTIN_PLACES } from '../lib/scenario/index';
import type { SimulateIo } from './simulate';
import { UsageError } from './args';

const USAGE = `usage: uitkijk detect --posts FILE [--areas FILE] [--planned FILE] [--history FILE] [--geodata DIR]

  --posts FILE     posts NDJSON (docs/formats.md), in created_at order ('-' for stdin)
  --areas FILE     watched areas: GeoJSON FeatureCollection of Polygons with properties id, name
  --planned FILE   planned events: JSON array of { id, name, polygon, crowd, from, to }
  --history FILE   posts NDJSON before the stream, to learn the baseline from
  --geodata DIR    geodata directory (default: $UITKIJK_GEODATA, else ../shared/geodata)

Alerts go to stdout as NDJSON; progress and diagnostics go to stderr.
`;

function loadPlaces(dir: string, stderr: NodeJS.WritableStream): Place[] {
	const file = path.join(dir, 'gazetteer', 'nl_gazetteer.json');
	if (!existsSync(file)) {
		stderr.write(`detect: no gazetteer at ${file}; using the built-in places\n`);
		return BUILTIN_PLACES;
	}
	try {
		return parseGazetteer(JSON.parse(readFileSync(file, 'utf8'))).places;
	} catch (e) {
		stderr.write(`detect: cannot read ${file} (${(e as Error).message}); built-in places\n`);
		return BUILTIN_PLACES;
	}
}

function ring(v: unknown, what: string): [number, number][] {
	if (
		!Array.isArray(v) ||
		v.length < 4 ||
		!v.every(
			(p) =>
				Array.isArray(p) &&
				p.length >= 2 &&
				typeof p[0] === 'number' &&
				typeof p[1] === 'number' &&
				Number.isFinite(p[0]) &&
				Number.isFinite(p[1])
		)
	)
		throw new UsageError(`${what}: a polygon ring needs at least 4 [lon, lat] positions`);
	return (v as number[][]).map((p) => [p[0], p[1]]);
}

/** Watched areas from a GeoJSON FeatureCollection of Polygons (outer rings). */
export function parseAreas(json: unknown): WatchedArea[] {
	const fc = json as { type?: string; features?: unknown[] };
	if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
		throw new UsageError('--areas: expected a GeoJSON FeatureCollection');
	return fc.features.map((f, i) => {
		const feat = f as {
			geometry?: { type?: string; coordinates?: unknown[] };
			properties?: Record<string, unknown>;
		};
		if (feat?.geometry?.type !== 'Polygon' || !Array.isArray(feat.geometry.coordinates))
			throw new UsageError(`--areas: feature ${i} is not a Polygon`);
		const id = String(feat.properties?.id ?? `area-${i + 1}`);
		const name = String(feat.properties?.name ?? id);
		return { id, name, polygon: ring(feat.geometry.coordinates[0], `--areas feature ${i}`) };
	});
}

/** Planned events from a JSON array. */
export function parsePlanned(json: unknown): PlannedEvent[] {
	if (!Array.isArray(json)) throw new UsageError('--planned: expected a JSON array');
	return json.map((e: Record<string, unknown>, i) => {
		const what = `--planned entry ${i}`;
		if (typeof e?.id !== 'string' || typeof e.name !== 'string')
			throw new UsageError(`${what}: id and name must be strings`);
		if (typeof e.crowd !== 'number' || !(e.crowd >= 0))
			throw new UsageError(`${what}: crowd must be a non-negative number`);
		if (typeof e.from !== 'string' || !Number.isFinite(Date.parse(e.from)))
			throw new UsageError(`${what}: from must be ISO 8601`);
		if (typeof e.to !== 'string' || !Number.isFinite(Date.parse(e.to)))
			throw new UsageError(`${what}: to must be ISO 8601`);
		return {
			id: e.id,
			name: e.name,
			polygon: ring(e.polygon, what),
			crowd: e.crowd,
			from: e.from,
			to: e.to
		};
	});
}

function readJson(file: string, flag: string): unknown {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (e) {
		throw new UsageError(`${flag}: cannot read ${file}: ${(e as Error).message}`);
	}
}

async function* located(
	file: string,
	locate: (posts: Post[]) => LocatedPost[],
	stderr: NodeJS.WritableStream,
	label: string,
	stdin: NodeJS.ReadableStream
): AsyncGenerator<LocatedPost[]> {
	const input = file === '-' ? stdin : createReadStream(file);
	const dedupe = new Deduper();
	let batch: Post[] = [];
	let bad = 0;
	let dup = 0;
	let n = 0;
	for await (const item of readPostsStream(input as AsyncIterable<Uint8Array>)) {
		if ('error' in item) {
			if (bad++ < 10)
				stderr.write(`detect: ${label} line ${item.error.line}: ${item.error.reason}\n`);
			continue;
		}
		if (dedupe.seen(item.post)) {
			dup++;
			continue;
		}
		batch.push(item.post);
		if (batch.length >= 2000) {
			n += batch.length;
			yield locate(batch);
			batch = [];
		}
	}
	n += batch.length;
	if (batch.length) yield locate(batch);
	stderr.write(
		`detect: ${label}: ${n} posts${bad ? `, ${bad} bad lines` : ''}${dup ? `, ${dup} duplicates` : ''}\n`
	);
}

export async function detect(
	argv: string[],
	io: SimulateIo & { stdin?: NodeJS.ReadableStream }
): Promise<number> {
	const { stdout, stderr, env } = io;
	let values;
	let areas: WatchedArea[] = [];
	let planned: PlannedEvent[] = [];
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				posts: { type: 'string' },
				areas: { type: 'string' },
				planned: { type: 'string' },
				history: { type: 'string' },
				geodata: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			}
		}));
		if (values.help) {
			stdout.write(USAGE);
			return 0;
		}
		if (!values.posts) throw new UsageError('--posts is required');
		if (values.posts !== '-' && !existsSync(values.posts))
			throw new UsageError(`--posts: no such file: ${values.posts}`);
		if (values.history && !existsSync(values.history))
			throw new UsageError(`--history: no such file: ${values.history}`);
		if (values.areas) areas = parseAreas(readJson(values.areas, '--areas'));
		if (values.planned) planned = parsePlanned(readJson(values.planned, '--planned'));
	} catch (e) {
		if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
			stderr.write(`detect: ${(e as Error).message}\n\n${USAGE}`);
			return 2;
		}
		throw e;
	}
	const geodata =
		values.geodata ?? env.UITKIJK_GEODATA ?? path.resolve(process.cwd(), '..', 'shared', 'geodata');
	const places = loadPlaces(geodata, stderr);
	const locator = createLocator(places, {
		authorContext: false,
		world: loadWorldCities() ?? undefined
	});
	const locate = (p: Post[]) => locator.locateAll(p);
	const detector = createGatheringDetector({ places, areas, planned });
	const stdin = io.stdin ?? process.stdin;
	const started = Date.now();
	if (values.history) {
		const batches: LocatedPost[][] = [];
		for await (const b of located(values.history, locate, stderr, 'history', stdin))
			batches.push(b);
		detector.learn!(batches);
	}
	const collector = new AlertCollector();
	for await (const b of located(values.posts, locate, stderr, 'posts', stdin))
		collector.add(detector.push(b));
	const text = collector.toNdjson();
	await new Promise<void>((resolve) => {
		if (stdout.write(text)) resolve();
		else stdout.once('drain', () => resolve());
	});
	stderr.write(
		`detect: ${collector.list().length} alerts in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
	);
	return 0;
}
