/**
 * Benchmark of the gathering detector (issue 4): 1 million located posts, 24 h of a large city
 * (Amsterdam: a quarter geotagged, call-like texts now and then, a crowd in the evening), pushed
 * in batches of 1,000 after a day of history. Posts are generated batch by batch, so memory is
 * the detector's own. Prints posts/s of push(), and the live memory (after a GC) at each quarter of
 * the stream and its peak, to show that memory stays bounded as history grows.
 * Run: npm run bench:detect [-- --posts N]
 */
import type { LocatedPost } from '../src/lib/posts/post';
import { createGatheringDetector } from '../src/lib/detection/detector';
import { BUILTIN_PLACES } from '../src/lib/scenario/index';
import { Rand } from '../src/lib/scenario/rng';

const arg = process.argv.indexOf('--posts');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;
const DAY = 86_400_000;
const T0 = Date.parse('2024-10-15T00:00:00+02:00');

/** A seeded uniform generator in [0, 1) (the scenarios' mulberry32). */
function rng(seed: number): () => number {
	const r = new Rand(seed);
	return () => r.next();
}

const TEXTS = [
	'lekker weer vandaag',
	'wie gaat er mee naar de film vanavond',
	'druk op de ring weer',
	'feest bij Jan in Amsterdam zaterdag, iedereen komen',
	'project x amsterdam?? haha nep',
	'koffie',
	'wat een rij bij de bakker'
];

/** Posts i0 .. i0 + count of a stream of `n` posts over 24 h from t0. */
function generate(i0: number, count: number, n: number, t0: number, seed: number): LocatedPost[] {
	const r = rng(seed * 1_000_003 + i0);
	const out: LocatedPost[] = new Array(count);
	for (let k = 0; k < count; k++) {
		const i = i0 + k;
		const t = t0 + Math.floor((i * DAY) / n);
		const geo = r() < 0.25;
		// Evening crowd on the Museumplein: 2% of the posts between 20:00 and 22:00.
		const crowd = t - t0 > 20 * 3_600_000 && t - t0 < 22 * 3_600_000 && r() < 0.02;
		const lon = crowd ? 4.8812 + (r() - 0.5) * 0.004 : 4.75 + r() * 0.3;
		const lat = crowd ? 52.3573 + (r() - 0.5) * 0.003 : 52.3 + r() * 0.12;
		const text = TEXTS[r() < 0.995 ? 0 : 1 + Math.floor(r() * (TEXTS.length - 1))];
		out[k] = {
			id: `x:${seed}-${i}`,
			source: 'x',
			author: `u${Math.floor(r() * 200_000)}`,
			created_at: new Date(t).toISOString(),
			text,
			t,
			method: geo ? 'gps' : 'none',
			...(geo ? { pos: [lon, lat] as [number, number], precision_m: 25 } : {})
		};
	}
	return out;
}

const gc = (globalThis as { gc?: () => void }).gc;
/** JS heap plus ArrayBuffers (the detector's typed arrays live outside the heap). */
const used = () => {
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
};
const heapNow = () => {
	gc?.();
	return used();
};
const mb = (b: number) => (b / 1048576).toFixed(0);
const heap0 = heapNow();
const H = Math.round(N / 4);
const detector = createGatheringDetector({ places: BUILTIN_PLACES });
detector.learn!([generate(0, H, H, T0 - DAY, 1)]);
const heapLearned = heapNow();
let peakHeap = 0;
let alerts = 0;
const B = 1_000;
let ms = 0;
const quarters: string[] = [];
for (let i = 0; i < N; i += B) {
	const batch = generate(i, Math.min(B, N - i), N, T0, 2);
	const t = performance.now();
	const got = detector.push(batch);
	ms += performance.now() - t;
	alerts += got.length;
	if (process.env.BENCH_VERBOSE)
		for (const a of got) console.error(a.detected_at, a.id, a.severity, a.summary);
	if ((i / B) % 50 === 0) peakHeap = Math.max(peakHeap, used());
	const q = Math.floor(((i + B) * 4) / N);
	if (q > quarters.length && q <= 4) quarters.push(`${q * 25}%: ${mb(heapNow() - heap0)} MB`);
}
console.log(
	`bench:detect ${N.toLocaleString('en')} posts (24 h, about a quarter geotagged) in ` +
		`${(ms / 1000).toFixed(2)} s of push(): ${Math.round((N / ms) * 1000).toLocaleString('en')} posts/s; ${alerts} alert updates`
);
console.log(
	`memory of the detector, JS heap + ArrayBuffers (after GC${gc ? '' : ': unavailable, run with --expose-gc'}): after learning ${mb(heapLearned - heap0)} MB; ` +
		`${quarters.join(', ')}; peak sampled during the run (with garbage) ${mb(peakHeap)} MB; RSS ${mb(process.memoryUsage().rss)} MB`
);
