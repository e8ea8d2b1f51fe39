/**
 * Benchmark of the data path in Node: scenario generation, the NDJSON reader and writer, and the
 * locator (index build and posts/s). Prints figures; asserts nothing.
 *
 *   npx tsx scripts/bench-data.ts [geodata dir]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGazetteer } from '../src/lib/geo/gazetteer';
import { createLocator } from '../src/lib/geo/locate';
import { loadWorldCities } from '../src/lib/server/world-cities';
import { readPostsNdjson, writePostsNdjson } from '../src/lib/posts/ndjson';
import { BUILTIN_PLACES, createScenario } from '../src/lib/scenario';

const dir = process.argv[2] ?? process.env.UITKIJK_GEODATA ?? '../shared/geodata';
const file = join(dir, 'gazetteer/nl_gazetteer.json');
const places = existsSync(file)
	? parseGazetteer(JSON.parse(readFileSync(file, 'utf8'))).places
	: BUILTIN_PLACES;
console.log(`places: ${places.length} (${existsSync(file) ? file : 'built-in fallback'})`);

const time = <T>(f: () => T): [T, number] => {
	const t0 = performance.now();
	const r = f();
	return [r, performance.now() - t0];
};
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} /s`;

const haren = createScenario('haren-2012', { places });
const t = (iso: string) => Date.parse(iso);
haren.generate(t('2012-09-21T12:00:00+02:00'), t('2012-09-21T12:00:01+02:00')); // plans the crowd
const [evening, eveningMs] = time(() =>
	haren.generate(t('2012-09-21T20:00:00+02:00'), t('2012-09-21T21:00:00+02:00'))
);
console.log(
	`scenario haren-2012, 1 h of the evening: ${evening.length} posts in ${eveningMs.toFixed(0)} ms`
);
const quiet = createScenario('quiet-day', { places });
const [day, dayMs] = time(() =>
	quiet.generate(t('2024-10-15T00:00:00+02:00'), t('2024-10-16T00:00:00+02:00'))
);
console.log(
	`scenario quiet-day, 24 h: ${day.length} posts in ${dayMs.toFixed(0)} ms (${rate(day.length, dayMs)})`
);

const [text, writeMs] = time(() => writePostsNdjson(day));
console.log(`NDJSON write: ${rate(day.length, writeMs)} (${(text.length / 1e6).toFixed(1)} MB)`);
const [read, readMs] = time(() => readPostsNdjson(text));
console.log(
	`NDJSON read and validate: ${rate(read.posts.length, readMs)}, ${read.errors.length} errors`
);

const [world, worldMs] = time(() => loadWorldCities() ?? undefined);
console.log(
	`world list (foreign twins): ${world?.abroad.size ?? 0} names in ${worldMs.toFixed(0)} ms`
);
const [locator, buildMs] = time(() => createLocator(places, { world }));
console.log(`locator index build: ${buildMs.toFixed(0)} ms`);
locator.locateAll(day.slice(0, 5000)); // warm up
const [located, locateMs] = time(() => locator.locateAll(day));
const by = located.reduce<Record<string, number>>(
	(m, p) => ((m[p.method] = (m[p.method] ?? 0) + 1), m),
	{}
);
console.log(`locate: ${rate(located.length, locateMs)}; methods ${JSON.stringify(by)}`);
