/**
 * Benchmark of the gathering detector (issue 4): 1 million located posts, 24 h of a large city
 * (Amsterdam: a quarter geotagged, call-like texts now and then, a crowd in the evening), pushed
 * in batches of 1,000 after a day of history. Prints posts/s of push() and peak memory (heap and
 * RSS, sampled after each batch). Run: npm run bench:detect [-- --posts N]
 */
import type { LocatedPost } from '../src/lib/posts/post';
import { createGatheringDetector } from '../src/lib/detection/detector';
import { BUILTIN_PLACES } from '../src/lib/scenario/index';

const arg = process.argv.indexOf('--posts');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;
const DAY = 86_400_000;
const T0 = Date.parse('2024-10-15T00:00:00+02:00');

function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
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

function generate(n: number, t0: number, seed: number): LocatedPost[] {
	const r = rng(seed);
	const out: LocatedPost[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const t = t0 + Math.floor((i * DAY) / n);
		const geo = r() < 0.25;
		// Evening crowd on the Museumplein: 2% of the posts between 20:00 and 22:00.
		const crowd = t - t0 > 20 * 3_600_000 && t - t0 < 22 * 3_600_000 && r() < 0.02;
		const lon = crowd ? 4.8812 + (r() - 0.5) * 0.004 : 4.75 + r() * 0.3;
		const lat = crowd ? 52.3573 + (r() - 0.5) * 0.003 : 52.3 + r() * 0.12;
		const text = TEXTS[r() < 0.995 ? 0 : 1 + Math.floor(r() * (TEXTS.length - 1))];
		out[i] = {
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

const history = generate(Math.round(N / 4), T0 - DAY, 1);
const posts = generate(N, T0, 2);
const detector = createGatheringDetector({ places: BUILTIN_PLACES });
detector.learn!([history]);
if (global.gc) global.gc();
let peakHeap = 0;
let peakRss = 0;
let alerts = 0;
const B = 1_000;
let ms = 0;
for (let i = 0; i < posts.length; i += B) {
	const batch = posts.slice(i, i + B);
	const t = performance.now();
	const got = detector.push(batch);
	alerts += got.length;
	if (process.env.BENCH_VERBOSE)
		for (const a of got) console.error(a.detected_at, a.id, a.severity, a.summary);
	ms += performance.now() - t;
	if ((i / B) % 10 === 0) {
		const m = process.memoryUsage();
		peakHeap = Math.max(peakHeap, m.heapUsed);
		peakRss = Math.max(peakRss, m.rss);
	}
}
const mb = (b: number) => (b / 1048576).toFixed(0);
console.log(
	`bench:detect ${posts.length.toLocaleString('en')} posts (24 h, ${Math.round(posts.length / 4).toLocaleString('en')}-ish geotagged) ` +
		`in ${(ms / 1000).toFixed(2)} s: ${Math.round((posts.length / ms) * 1000).toLocaleString('en')} posts/s; ` +
		`${alerts} alert updates; peak heap ${mb(peakHeap)} MB, peak RSS ${mb(peakRss)} MB (input arrays included)`
);
