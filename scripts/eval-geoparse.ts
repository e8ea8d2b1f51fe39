/**
 * Measures the geoparser (src/lib/geo/locate.ts) on the labelled set of Dutch sentences
 * (tests/fixtures/geoparse/labelled.ndjson): precision, recall, false placements on negatives,
 * median and p90 error in metres, per category, and the locator's speed.
 *
 *   npx tsx scripts/eval-geoparse.ts [--geodata DIR] [--labelled FILE] [--verbose]
 *
 * Each sentence becomes a Post (source 'other', its text, its optional place tag, its author or
 * an author of its own) and is located in file order by one locator over the full gazetteer,
 * without a bias point or watched areas (a neutral national view); sentences that share an
 * author let the author memory work, as in a live stream.
 *
 * "Correct" (defined in src/lib/geo/geoparse-eval.ts): the located position lies within the
 * tolerance of the gold place's kind: 1,000 m for stations, squares, streets and sites, 2,000 m
 * for neighbourhoods and districts, 5,000 m for towns and municipalities. A located negative is a
 * false placement and counts against precision.
 * precision = correct / located, recall = correct / sentences with a gold place.
 *
 * The geodata directory: --geodata, else $UITKIJK_GEODATA, else ../shared/geodata. Without its
 * gazetteer the script stops with a message and exit code 1. Exit code 2: the labelled file is
 * invalid (line number and reason on stderr). Otherwise 0, whatever the figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseGazetteer } from '../src/lib/geo/gazetteer';
import {
	CATEGORIES,
	figures,
	judge,
	LabelledError,
	parseLabelled,
	type LabelledItem,
	type Outcome
} from '../src/lib/geo/geoparse-eval';
import { createLocator } from '../src/lib/geo/locate';
import type { Post } from '../src/lib/posts/post';

function arg(name: string): string | undefined {
	const k = process.argv.indexOf(name);
	return k >= 0 ? process.argv[k + 1] : undefined;
}

const verbose = process.argv.includes('--verbose');
const geodata = resolve(arg('--geodata') ?? process.env.UITKIJK_GEODATA ?? '../shared/geodata');
const labelledFile = resolve(arg('--labelled') ?? 'tests/fixtures/geoparse/labelled.ndjson');

let items: LabelledItem[];
try {
	items = parseLabelled(readFileSync(labelledFile, 'utf8'));
} catch (e) {
	if (e instanceof LabelledError) {
		console.error(`${labelledFile}: invalid labelled set, ${e.message}`);
		process.exit(2);
	}
	console.error(`${labelledFile}: cannot read the labelled set: ${(e as Error).message}`);
	process.exit(2);
}

const gazFile = resolve(geodata, 'gazetteer/nl_gazetteer.json');
if (!existsSync(gazFile)) {
	console.error(
		`no gazetteer at ${gazFile}: the evaluation needs the geodata directory ` +
			'(pass --geodata DIR or set UITKIJK_GEODATA)'
	);
	process.exit(1);
}
const { places } = parseGazetteer(JSON.parse(readFileSync(gazFile, 'utf8')));
const locator = createLocator(places);

const CREATED = '2024-10-15T12:00:00+02:00';
function toPost(it: LabelledItem, k = 0): Post {
	return {
		id: k ? `${it.id}-${k}` : it.id,
		source: 'other',
		author: it.author ?? `eval-${it.id}`,
		created_at: CREATED,
		text: it.text,
		...(it.place !== undefined ? { place: it.place } : {})
	};
}

const outcomes: Outcome[] = items.map((it) => judge(it, locator.locate(toPost(it))));

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) + '%' : '-');
const m = (x: number) => (Number.isFinite(x) ? Math.round(x) + ' m' : '-');

const all = figures(outcomes);
console.log(`geoparse evaluation: ${labelledFile}`);
console.log(`gazetteer: ${places.length} places (${gazFile})`);
console.log(
	`n ${all.n} (${all.positives} with a place, ${all.negatives} negatives); located ${all.located}, correct ${all.correct}`
);
console.log(`precision ${pct(all.precision)}  recall ${pct(all.recall)}`);
console.log(`false placements on negatives: ${all.falsePlacements} of ${all.negatives}`);
console.log(`error over located positives: median ${m(all.medianErrorM)}, p90 ${m(all.p90ErrorM)}`);
console.log('');
console.log(
	'category'.padEnd(14) +
		'n'.padStart(5) +
		'located'.padStart(9) +
		'correct'.padStart(9) +
		'precision'.padStart(11) +
		'recall'.padStart(8) +
		'median'.padStart(10) +
		'p90'.padStart(10)
);
for (const cat of [...CATEGORIES, undefined]) {
	const os = outcomes.filter((o) => o.item.cat === cat);
	if (!os.length) continue;
	const f = figures(os);
	console.log(
		(cat ?? '(none)').padEnd(14) +
			String(f.n).padStart(5) +
			String(f.located).padStart(9) +
			String(f.correct).padStart(9) +
			pct(f.precision).padStart(11) +
			(cat === 'negative' ? '-' : pct(f.recall)).padStart(8) +
			m(f.medianErrorM).padStart(10) +
			m(f.p90ErrorM).padStart(10)
	);
}

// Speed: the labelled set repeated 100 times (fresh ids), through locateAll.
const REPEAT = 100;
const many: Post[] = [];
for (let k = 1; k <= REPEAT; k++) for (const it of items) many.push(toPost(it, k));
const speedLocator = createLocator(places);
speedLocator.locateAll(many); // warm up
let secs = Infinity;
for (let r = 0; r < 3; r++) {
	const t0 = performance.now();
	speedLocator.locateAll(many);
	secs = Math.min(secs, (performance.now() - t0) / 1000);
}
console.log('');
console.log(
	`speed: ${Math.round(many.length / secs).toLocaleString('en')} posts/s ` +
		`(locateAll over the set x${REPEAT}, ${many.length} posts, best of 3); index build ${Math.round(locator.stats.buildMs)} ms`
);

if (verbose) {
	console.log('');
	console.log('failures:');
	for (const o of outcomes) {
		if (o.correct || (!o.item.gold && !o.pos)) continue;
		const g = o.item.gold;
		const what = !g
			? `placed as ${o.place} (${o.method}), expected nothing`
			: !o.pos
				? `not located, expected ${g.name}`
				: `${o.place} (${o.method}) is ${Math.round(o.errorM ?? 0)} m from ${g.name}`;
		const tag = o.item.place !== undefined ? ` [place: ${o.item.place}]` : '';
		console.log(`  ${o.item.id} ${o.item.cat ?? ''} ${JSON.stringify(o.item.text)}${tag}: ${what}`);
	}
}
