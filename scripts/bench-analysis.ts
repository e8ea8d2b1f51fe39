/**
 * Benchmark of the incremental analyses: HexBins, Corridors and AreaStats.
 *
 *   npx tsx scripts/bench-analysis.ts [posts=100000]
 *
 * Feeds synthetic located posts (24 h, clustered around six Dutch cities, 2 % anywhere in the
 * country, 20 % of posts by movers walking, cycling or driving,
 * 5 % arriving up to 10 minutes late) in batches of 1,000, as the browser applies them, and
 * prints per-batch add() times, query times for 15 min / 1 h / 24 h windows and heap use.
 *
 * Then the wall-screen scenario (also alone: `npx tsx scripts/bench-analysis.ts groningen`):
 * 100,000 posts an hour by 20,000 authors posting at random places within about 4 x 6 km
 * around Groningen and Haren (so nearly every pair of consecutive posts is a segment), two
 * hours of it in batches of 1,000 (5 % up to a minute late). The second hour's batches are
 * timed (p50 / p95 of add per module, with 100,000 posts in the last hour), each followed by
 * the queries the screen makes (1 h window ending at the newest post); then, for 15 min, 1 h,
 * 6 h and 24 h windows, a first query and 200 more with the clock 500 ms further each time.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HexBins } from '../src/lib/binning/hexbins';
import { Corridors } from '../src/lib/corridors/corridors';
import { AreaStats, type AreaDef } from '../src/lib/areas/areas';
import type { LocatedPost, LocateMethod } from '../src/lib/posts/post';
import { Rand } from '../src/lib/scenario/rng';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ONLY_GRONINGEN = process.argv[2] === 'groningen';
const N = ONLY_GRONINGEN ? 1_000 : Number(process.argv[2] ?? 100_000);
const BATCH = 1_000;
const DAY = 86_400_000;
const MIN = 60_000;
const T_END = Date.UTC(2025, 3, 27, 22, 0, 0);
const T_START = T_END - DAY;

/** A seeded uniform generator in [0, 1) (the scenarios' mulberry32). */
function prng(seed: number): () => number {
	const r = new Rand(seed);
	return () => r.next();
}
const rnd = prng(1);
const gauss = (): number => {
	const u = 1 - rnd();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
};

// [lon, lat, weight, sigma km]
const CITIES: [string, number, number, number, number][] = [
	['Amsterdam', 4.9, 52.372, 0.35, 2],
	['Rotterdam', 4.48, 51.922, 0.2, 2],
	['Den Haag', 4.3, 52.078, 0.15, 1.8],
	['Utrecht', 5.12, 52.09, 0.15, 1.5],
	['Eindhoven', 5.478, 51.44, 0.1, 1.5],
	['Groningen', 6.567, 53.219, 0.05, 1.2]
];
const KM_LAT = 1 / 111.2;
const kmLon = (lat: number) => 1 / (111.2 * Math.cos((lat * Math.PI) / 180));

function cityPoint(): [number, number] {
	let r = rnd();
	let c = CITIES[0];
	for (const city of CITIES) {
		if ((r -= city[3]) <= 0) {
			c = city;
			break;
		}
	}
	// 2 % anywhere in the country, the rest clustered.
	if (rnd() < 0.02) return [3.6 + rnd() * 3.4, 51.3 + rnd() * 2.1];
	const s = c[4];
	return [c[1] + gauss() * s * kmLon(c[2]), c[2] + gauss() * s * KM_LAT];
}

let seq = 0;
function mk(author: string, t: number, pos: [number, number] | undefined): LocatedPost {
	seq++;
	const r = rnd();
	let method: LocateMethod = 'gps';
	let precision_m: number | undefined = 5 + rnd() * 45;
	if (!pos) {
		method = 'none';
		precision_m = undefined;
	} else if (r < 0.3) {
		method = 'place';
		precision_m = 100 + rnd() * 2_900;
	} else if (r < 0.4) {
		method = 'text';
		precision_m = 2_000 + rnd() * 8_000;
	}
	return {
		id: String(seq),
		source: 'x',
		author,
		created_at: '',
		text: '',
		t: Math.floor(t),
		method,
		pos,
		precision_m
	};
}

// --- Synthetic posts -------------------------------------------------------------------------
const posts: LocatedPost[] = [];
const nMover = Math.round(N * 0.2);
// Movers: ~10 posts each, 5 to 25 minutes apart; 70 % walk (3-6 km/h), 25 % cycle (12-20),
// 5 % drive (30-80).
let m = 0;
while (posts.length < nMover) {
	const author = `m${m++}`;
	let [lon, lat] = cityPoint();
	let t = T_START + rnd() * (DAY - 3 * 3_600_000);
	const r = rnd();
	const kmh = r < 0.7 ? 3 + rnd() * 3 : r < 0.95 ? 12 + rnd() * 8 : 30 + rnd() * 50;
	let heading = rnd() * 2 * Math.PI;
	for (let k = 0; k < 10 && posts.length < nMover; k++) {
		posts.push(mk(author, t, [lon, lat]));
		const dt = (5 + rnd() * 20) * MIN;
		const km = (kmh * dt) / 3_600_000;
		heading += gauss() * 0.5;
		lon += Math.sin(heading) * km * kmLon(lat);
		lat += Math.cos(heading) * km * KM_LAT;
		t += dt;
	}
}
// The rest: one-off or occasional posters; 5 % without a location.
const nAuthors = Math.round((N - nMover) / 2);
while (posts.length < N) {
	const author = `s${Math.floor(rnd() * nAuthors)}`;
	posts.push(mk(author, T_START + rnd() * DAY, rnd() < 0.05 ? undefined : cityPoint()));
}
// Arrival order: by time, 5 % late by 1 to 10 minutes.
const arrival = posts
	.map((p) => ({ p, at: p.t + (rnd() < 0.05 ? (1 + rnd() * 9) * MIN : 0) }))
	.sort((a, b) => a.at - b.at)
	.map((x) => x.p);

// --- Event areas ----------------------------------------------------------------------------
function box(
	id: string,
	name: string,
	lon: number,
	lat: number,
	wKm: number,
	hKm: number
): AreaDef {
	const dx = (wKm / 2) * kmLon(lat);
	const dy = (hKm / 2) * KM_LAT;
	return {
		id,
		name,
		polygon: [
			[lon - dx, lat - dy],
			[lon + dx, lat - dy],
			[lon + dx, lat + dy],
			[lon - dx, lat + dy],
			[lon - dx, lat - dy]
		]
	};
}
function star(id: string, name: string, lon: number, lat: number, rKm: number, n: number): AreaDef {
	const ring: [number, number][] = [];
	for (let i = 0; i < 2 * n; i++) {
		const a = (i / (2 * n)) * 2 * Math.PI;
		const r = i % 2 ? rKm * 0.5 : rKm;
		ring.push([lon + Math.sin(a) * r * kmLon(lat), lat + Math.cos(a) * r * KM_LAT]);
	}
	ring.push(ring[0]);
	return { id, name, polygon: ring };
}
const AREAS: AreaDef[] = [
	box('dam', 'Dam', 4.8926, 52.3731, 0.3, 0.2),
	box('museumplein', 'Museumplein', 4.881, 52.3579, 0.5, 0.3),
	star('centrum', 'Amsterdam centrum (concave)', 4.895, 52.372, 2, 12),
	box('malieveld', 'Malieveld', 4.3, 52.084, 0.5, 0.4),
	box('kuip', 'De Kuip', 4.5234, 51.8939, 0.5, 0.4),
	box('jaarbeurs', 'Jaarbeurs', 5.105, 52.088, 0.6, 0.4),
	box('stratumseind', 'Stratumseind', 5.4805, 51.4382, 0.3, 0.1),
	star('rotterdam', 'Rotterdam centrum (concave)', 4.48, 51.922, 3, 20),
	box('grotemarkt', 'Grote Markt Groningen', 6.5665, 53.2192, 0.2, 0.15),
	box('scheveningen', 'Scheveningen strand', 4.27, 52.11, 2, 0.3)
];

// --- Helpers --------------------------------------------------------------------------------
function stats(xs: number[]): { mean: number; p95: number; max: number } {
	const s = [...xs].sort((a, b) => a - b);
	return {
		mean: xs.reduce((a, b) => a + b, 0) / xs.length,
		p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))],
		max: s[s.length - 1]
	};
}
const f = (x: number, d = 3) => x.toFixed(d);
function heapMB(): number {
	gc();
	gc();
	return process.memoryUsage().heapUsed / 2 ** 20;
}
function time(fn: () => unknown, reps: number): { mean: number; p95: number; max: number } {
	for (let i = 0; i < 5; i++) fn(); // warm
	const ts: number[] = [];
	for (let i = 0; i < reps; i++) {
		const a = performance.now();
		fn();
		ts.push(performance.now() - a);
	}
	return stats(ts);
}

// --- Run ---------------------------------------------------------------------------------
if (!ONLY_GRONINGEN) mainRun();
groningen();

function mainRun(): void {
	// As the browser does it: each batch to HexBins, Corridors and AreaStats in turn.
	const heapPosts = heapMB();
	const hex = new HexBins();
	const cor = new Corridors();
	const areas = new AreaStats(AREAS);
	const tHex: number[] = [];
	const tCor: number[] = [];
	const tArea: number[] = [];
	const batches: LocatedPost[][] = [];
	for (let i = 0; i < arrival.length; i += BATCH) batches.push(arrival.slice(i, i + BATCH));
	for (const batch of batches) {
		let a = performance.now();
		hex.add(batch);
		tHex.push(performance.now() - a);
		a = performance.now();
		cor.add(batch);
		tCor.push(performance.now() - a);
		a = performance.now();
		areas.add(batch);
		tArea.push(performance.now() - a);
	}
	const heapAll = heapMB();

	const located = posts.filter((p) => p.pos).length;
	const t1 = T_END;
	const cells8 = hex.query(8, t1 - DAY, t1).length;
	const cells6 = hex.query(6, t1 - DAY, t1).length;
	console.log(`posts ${N}, located ${located}, batches ${batches.length} of ${BATCH}`);
	console.log(`areas ${AREAS.length}, distinct cells in 24 h: res 8 ${cells8}, res 6 ${cells6}`);
	console.log(
		`held: hexbins ${hex.size} posts, corridors ${cor.size} segments, areas ${areas.size} hits`
	);
	console.log('');
	const row = (name: string, xs: number[]) => {
		const s = stats(xs);
		const s2 = stats(xs.slice(10));
		console.log(
			`${name.padEnd(30)} ${f(s.mean)}  ${f(s.p95)}  ${f(s.max).padStart(6)}   ${f(s2.mean)}  ${f(s2.p95)}`
		);
	};
	console.log(
		'add(batch of 1000), ms            mean    p95     max   | after 10 warm-up batches: mean  p95'
	);
	row('HexBins [6, 8]', tHex);
	row('Corridors res 8 (after HexBins)', tCor);
	row('AreaStats (10 areas)', tArea);
	row(
		'all three',
		tHex.map((x, i) => x + tCor[i] + tArea[i])
	);

	console.log('');
	console.log('query at t1 = end of data - 12.345 s, ms: mean / p95 of 50   results');
	const REPS = 50;
	for (const [label, w] of [
		['15 min', 15 * MIN],
		['1 h', 60 * MIN],
		['24 h', DAY]
	] as const) {
		const q1 = t1 - 12_345;
		const rows: [string, () => number][] = [
			['HexBins.query res 8', () => hex.query(8, q1 - w, q1).length],
			['HexBins.query res 6', () => hex.query(6, q1 - w, q1).length],
			['Corridors.flows (min 2)', () => cor.flows(q1 - w, q1).length],
			['Corridors.flows (min 1)', () => cor.flows(q1 - w, q1, { minAuthors: 1 }).length],
			['AreaStats.stats', () => areas.stats(q1, { rateWindowMs: Math.min(w, 10 * MIN) }).length]
		];
		for (const [name, fn] of rows) {
			const s = time(fn, REPS);
			console.log(`${label.padEnd(7)} ${name.padEnd(24)} ${f(s.mean)} / ${f(s.p95)}   ${fn()}`);
		}
	}
	{
		const top = hex.query(8, t1 - DAY, t1).sort((a, b) => b.count - a.count)[0];
		const s = time(() => hex.cellSummary(top.cell, t1 - DAY, t1), REPS);
		console.log(
			`24 h    ${'HexBins.cellSummary'.padEnd(24)} ${f(s.mean)} / ${f(s.p95)}   count ${top.count}`
		);
	}

	console.log('');
	console.log(
		`heap used (after gc): posts ${f(heapPosts, 1)} MB, + all three analyses ${f(heapAll, 1)} MB`
	);
	console.log(`  the three analyses together: ${f(heapAll - heapPosts, 1)} MB`);
	// Each structure alone, built again from the same batches (in a function, so it is released).
	function measureAlone(): void {
		const keep: unknown[] = [];
		const alone: [string, () => { add(p: LocatedPost[]): void }][] = [
			['HexBins', () => new HexBins()],
			['Corridors', () => new Corridors()],
			['AreaStats', () => new AreaStats(AREAS)]
		];
		for (const [name, make] of alone) {
			const base = heapMB();
			const s = make();
			const ts: number[] = [];
			for (const batch of batches) {
				const a = performance.now();
				s.add(batch);
				ts.push(performance.now() - a);
			}
			keep.push(s);
			const st = stats(ts);
			console.log(
				`  ${name.padEnd(10)} ${f(heapMB() - base, 1)} MB; fed alone: add mean ${f(st.mean)} ms, p95 ${f(st.p95)} ms`
			);
		}
		void keep.length;
	}
	measureAlone();

	// --- Day 2: the same traffic a day later, so the 26 h horizon evicts as it goes -------------
	{
		const day2 = batches.map((b) => b.map((p) => ({ ...p, id: `d2-${p.id}`, t: p.t + DAY })));
		const t2: number[] = [];
		for (const batch of day2) {
			const a = performance.now();
			hex.add(batch);
			cor.add(batch);
			areas.add(batch);
			t2.push(performance.now() - a);
		}
		const s = stats(t2);
		console.log('');
		console.log(
			`day 2 (eviction active), all three add(batch): mean ${f(s.mean)} ms, p95 ${f(s.p95)} ms`
		);
		console.log(
			`held after 48 h: hexbins ${hex.size} posts, corridors ${cor.size} segments, areas ${areas.size} hits`
		);
		day2.length = 0;
		batches.length = 0;
		arrival.length = 0;
		posts.length = 0;
		console.log(`heap used with posts released: ${f(heapMB(), 1)} MB`);
	}
}

// --- Wall-screen scenario: Groningen / Haren ------------------------------------------------
function pct(xs: number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

function groningen(): void {
	const rnd2 = prng(99);
	const HOUR = 3_600_000;
	const PER_HOUR = 100_000;
	const AUTHORS = 20_000;
	const END = T_END;
	const START = END - 2 * HOUR;
	// About 4 km east-west by 6 km north-south: Groningen centre down to Haren.
	const LON0 = 6.555;
	const LON1 = LON0 + 4 * kmLon(53.19);
	const LAT0 = 53.165;
	const LAT1 = LAT0 + 6 * KM_LAT;
	const ps: LocatedPost[] = [];
	for (let i = 0; i < 2 * PER_HOUR; i++) {
		const t = Math.floor(START + rnd2() * 2 * HOUR);
		ps.push({
			id: `g${i}`,
			source: 'x',
			author: `a${Math.floor(rnd2() * AUTHORS)}`,
			created_at: '',
			text: '',
			t,
			method: 'gps',
			pos: [LON0 + rnd2() * (LON1 - LON0), LAT0 + rnd2() * (LAT1 - LAT0)],
			precision_m: 5 + rnd2() * 45
		});
	}
	const order = ps
		.map((p) => ({ p, at: p.t + (rnd2() < 0.05 ? rnd2() * MIN : 0) }))
		.sort((a, b) => a.at - b.at)
		.map((x) => x.p);
	const gb: LocatedPost[][] = [];
	for (let i = 0; i < order.length; i += BATCH) gb.push(order.slice(i, i + BATCH));

	gc();
	const hx = new HexBins({ resolutions: [7, 8], horizonMs: 25 * HOUR });
	const cr = new Corridors({ res: 8, horizonMs: 25 * HOUR });
	const aHex: number[] = [];
	const aCor: number[] = [];
	const qHex: number[] = [];
	const qCor: number[] = [];
	let clock = START;
	gb.forEach((batch, i) => {
		let a = performance.now();
		hx.add(batch);
		const dh = performance.now() - a;
		a = performance.now();
		cr.add(batch);
		const dc = performance.now() - a;
		for (const p of batch) if (p.t > clock) clock = p.t;
		a = performance.now();
		hx.query(8, clock - HOUR, clock);
		const qh = performance.now() - a;
		a = performance.now();
		cr.flows(clock - HOUR, clock);
		const qc = performance.now() - a;
		if (i >= gb.length / 2) {
			aHex.push(dh);
			aCor.push(dc);
			qHex.push(qh);
			qCor.push(qc);
		}
	});
	const f2 = (xs: number[]) =>
		`p50 ${f(pct(xs, 0.5))}  p95 ${f(pct(xs, 0.95))}  max ${f(pct(xs, 1))}`;
	console.log('');
	console.log(
		`Groningen/Haren: ${PER_HOUR} posts/h, ${AUTHORS} authors, 2 h in ${gb.length} batches of ${BATCH}`
	);
	console.log(
		`held: hexbins ${hx.size} posts, corridors ${cr.size} segments; in the last hour: ` +
			`${hx.query(8, END - HOUR, END).length} res-8 cells, ${cr.flows(END - HOUR, END).length} flows (min 2 authors)`
	);
	console.log('second hour, per batch of 1000 (ms):');
	console.log(`  HexBins.add [7, 8]            ${f2(aHex)}`);
	console.log(`  Corridors.add res 8           ${f2(aCor)}`);
	console.log(`  HexBins.query(8, 1 h) after   ${f2(qHex)}`);
	console.log(`  Corridors.flows(1 h) after    ${f2(qCor)}`);
	console.log('queries at the end: first call, then 200 calls with the clock +500 ms each (ms):');
	for (const [label, w] of [
		['15 min', 15 * MIN],
		['1 h', HOUR],
		['6 h', 6 * HOUR],
		['24 h', DAY]
	] as const) {
		const rows: [string, (t: number) => number][] = [
			['HexBins.query res 8', (t) => hx.query(8, t - w, t).length],
			['HexBins.query res 7', (t) => hx.query(7, t - w, t).length],
			['Corridors.flows', (t) => cr.flows(t - w, t).length]
		];
		for (const [name, fn] of rows) {
			const t0 = END - 100_123;
			let a = performance.now();
			const n = fn(t0);
			const first = performance.now() - a;
			const ts: number[] = [];
			for (let k = 1; k <= 200; k++) {
				a = performance.now();
				fn(t0 + k * 500);
				ts.push(performance.now() - a);
			}
			console.log(
				`  ${label.padEnd(7)} ${name.padEnd(20)} first ${f(first)}  then ${f2(ts)}   (${n} results)`
			);
		}
	}
}
