/**
 * The posts shown on the map, kept in time order in typed arrays so that the GPU layers read
 * them as binary attributes: appending a batch writes only the new rows, and a time window is a
 * contiguous slice (subarray) that deck.gl uploads without walking JavaScript objects.
 * Pure module: no deck.gl or MapLibre imports.
 */
import { metresPerDegree } from '../geo/measure';
import { mercatorY } from '../heat/raster';
import { postKey, type LocatedPost } from '../posts/post';

const METHOD_CODE = { gps: 0, place: 1, text: 2, none: 3, manual: 4 } as const;

/** Posts located to within this radius are drawn as points; coarser ones only feed the heat. */
export const POINT_PRECISION_M = 150;
/** Radius in pixels of a post's dot at street zoom. */
export const POINT_RADIUS_PX = 6;

/** Two uniform numbers in [0, 1) from a string, stable across runs (FNV-1a, then a mix). */
function hash2(s: string): [number, number] {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	const a = (h >>> 0) / 2 ** 32;
	h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
	h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
	return [a, ((h ^ (h >>> 15)) >>> 0) / 2 ** 32];
}

/**
 * Where a post is drawn. A geotag is drawn where it is. A post placed only by a place tag or a
 * name in its text is known to lie somewhere within its precision radius, not on the gazetteer
 * point: it is spread over that disc (stably, by its id), so that a thousand posts that say
 * "Haren" make a village-sized glow rather than one spike on the village's label point.
 */
export function displayPosition(p: LocatedPost): [number, number] {
	const [lon, lat] = p.pos!;
	const r = p.precision_m ?? 0;
	if (p.method === 'gps' || r <= POINT_PRECISION_M) return [lon, lat];
	const [u, v] = hash2(postKey(p));
	const d = 0.7 * r * Math.sqrt(u);
	const a = 2 * Math.PI * v;
	const [kx, ky] = metresPerDegree(lat);
	return [lon + (d * Math.sin(a)) / kx, lat + (d * Math.cos(a)) / ky];
}

/** RGBA of a post's dot by how it was located: exact geotags bright, inferred places dimmer. */
export const METHOD_COLORS: Record<keyof typeof METHOD_CODE, [number, number, number, number]> = {
	gps: [255, 255, 255, 235],
	place: [250, 204, 21, 200],
	text: [251, 146, 60, 200],
	none: [0, 0, 0, 0],
	/** Placed by hand by an analyst. */
	manual: [56, 189, 248, 220]
};

export class PostStore {
	/** Index of the first live row (rows before it were evicted and await compaction). */
	private start = 0;
	/** One past the last row. */
	private end = 0;
	private cap: number;
	positions: Float32Array;
	times: Float64Array;
	weights: Float32Array;
	methods: Uint8Array;
	/** RGBA per row (METHOD_COLORS), a ready binary attribute for the point layer. */
	colors: Uint8Array;
	/** Dot radius per row: POINT_RADIUS_PX for precisely located posts, 0 (not drawn) otherwise. */
	radii: Float32Array;
	/** Web Mercator y (0 north .. 1 south) of the drawn position, so rasters skip the log. */
	mercY: Float32Array;
	posts: LocatedPost[] = [];
	private keys = new Set<string>();
	/** Increases on every change; layers use it as an update trigger. */
	version = 0;
	/** Posts refused because they were already present (same source and id). */
	duplicates = 0;
	/** Posts that had no map location (counted, not stored). */
	unlocated = 0;
	/** Unlocated posts per minute (epoch minute → count), for counts per window. */
	private unlocatedPerMinute = new Map<number, number>();

	constructor(capacity = 16_384) {
		this.cap = capacity;
		this.positions = new Float32Array(capacity * 2);
		this.times = new Float64Array(capacity);
		this.weights = new Float32Array(capacity);
		this.methods = new Uint8Array(capacity);
		this.colors = new Uint8Array(capacity * 4);
		this.radii = new Float32Array(capacity);
		this.mercY = new Float32Array(capacity);
	}

	get size(): number {
		return this.end - this.start;
	}

	/** Unlocated posts with t0 <= t < t1, at minute resolution. */
	unlocatedBetween(t0: number, t1: number): number {
		let n = 0;
		const m0 = Math.floor(t0 / 60_000);
		const m1 = Math.floor(t1 / 60_000);
		for (let m = m0; m < m1; m++) n += this.unlocatedPerMinute.get(m) ?? 0;
		return n;
	}

	/** The held posts, in time order (a copy of the row range). */
	held(): LocatedPost[] {
		return this.posts.slice(this.start, this.end);
	}

	/** Newest time held, or -Infinity when empty. */
	get lastTime(): number {
		return this.end > this.start ? this.times[this.end - 1] : -Infinity;
	}

	/**
	 * Add a batch; posts without a location are counted and skipped, duplicates dropped. Returns
	 * the posts it took, in time order.
	 * `weight(t)` gives the heat weight of a post made at t. Cost: O(batch) when the batch is
	 * newer than what is held (the live case); a late post is inserted in place (one memmove).
	 */
	add(batch: readonly LocatedPost[], weight: (t: number) => number): LocatedPost[] {
		const fresh: LocatedPost[] = [];
		for (const p of batch) {
			if (!p.pos) {
				this.unlocated++;
				const m = Math.floor(p.t / 60_000);
				this.unlocatedPerMinute.set(m, (this.unlocatedPerMinute.get(m) ?? 0) + 1);
				continue;
			}
			const k = postKey(p);
			if (this.keys.has(k)) {
				this.duplicates++;
				continue;
			}
			this.keys.add(k);
			fresh.push(p);
		}
		if (fresh.length === 0) return fresh;
		fresh.sort((a, b) => a.t - b.t);
		this.reserve(fresh.length);
		const late = fresh.length - this.countNotBefore(fresh, this.lastTime);
		if (late > 32) this.mergeBlock(fresh, weight);
		else {
			for (const p of fresh) {
				if (p.t >= this.lastTime) this.writeRow(this.end++, p, weight(p.t));
				else this.insertRow(p, weight(p.t));
			}
		}
		this.version++;
		return fresh;
	}

	/** How many of the sorted `posts` have t >= t0. */
	private countNotBefore(posts: LocatedPost[], t0: number): number {
		let n = 0;
		for (let i = posts.length - 1; i >= 0 && posts[i].t >= t0; i--) n++;
		return n;
	}

	/**
	 * Merge a sorted batch that reaches back into the held rows (a backfill of older history):
	 * the held rows from the first affected one on are moved out once and merged back with the
	 * batch, O(moved + batch) instead of one memmove per post.
	 */
	private mergeBlock(fresh: LocatedPost[], weight: (t: number) => number): void {
		const k = this.indexAt(fresh[0].t + 1e-3);
		const n = this.end - k;
		const held = {
			posts: this.posts.slice(k, this.end),
			positions: this.positions.slice(2 * k, 2 * this.end),
			times: this.times.slice(k, this.end),
			weights: this.weights.slice(k, this.end),
			methods: this.methods.slice(k, this.end),
			colors: this.colors.slice(4 * k, 4 * this.end),
			radii: this.radii.slice(k, this.end),
			mercY: this.mercY.slice(k, this.end)
		};
		let r = k;
		let a = 0;
		let b = 0;
		while (a < n || b < fresh.length) {
			if (b >= fresh.length || (a < n && held.times[a] <= fresh[b].t)) {
				this.positions[2 * r] = held.positions[2 * a];
				this.positions[2 * r + 1] = held.positions[2 * a + 1];
				this.times[r] = held.times[a];
				this.weights[r] = held.weights[a];
				this.methods[r] = held.methods[a];
				this.colors.set(held.colors.subarray(4 * a, 4 * a + 4), 4 * r);
				this.radii[r] = held.radii[a];
				this.mercY[r] = held.mercY[a];
				this.posts[r] = held.posts[a];
				r++;
				a++;
			} else {
				this.writeRow(r++, fresh[b], weight(fresh[b].t));
				b++;
			}
		}
		this.end = r;
	}

	/** First row index with time >= t (binary search over the live rows). */
	indexAt(t: number): number {
		let lo = this.start;
		let hi = this.end;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.times[mid] < t) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Row range [i0, i1) of posts with t0 <= t < t1. */
	range(t0: number, t1: number): [number, number] {
		return [this.indexAt(t0), this.indexAt(t1)];
	}

	/** Drop posts older than t. Compacts when the dead prefix grows past half the capacity. */
	evictBefore(t: number): void {
		const minute = Math.floor(t / 60_000);
		for (const m of this.unlocatedPerMinute.keys())
			if (m < minute) this.unlocatedPerMinute.delete(m);
		const i = this.indexAt(t);
		if (i === this.start) return;
		for (let r = this.start; r < i; r++) this.keys.delete(postKey(this.posts[r]));
		this.start = i;
		if (this.start > this.cap / 2) this.compact();
		this.version++;
	}

	/** Recompute every weight (after the decay base moved). */
	reweight(weight: (t: number) => number): void {
		for (let r = this.start; r < this.end; r++) this.weights[r] = weight(this.times[r]);
		this.version++;
	}

	clear(): void {
		this.start = this.end = 0;
		this.posts = [];
		this.keys.clear();
		this.unlocatedPerMinute.clear();
		this.duplicates = this.unlocated = 0;
		this.version++;
	}

	private writeRow(r: number, p: LocatedPost, w: number): void {
		const exact = p.method === 'gps' || (p.precision_m ?? Infinity) <= POINT_PRECISION_M;
		let lon: number;
		let lat: number;
		if (exact)
			[lon, lat] = p.pos!; // the common, allocation-free path
		else [lon, lat] = displayPosition(p);
		this.positions[2 * r] = lon;
		this.positions[2 * r + 1] = lat;
		this.times[r] = p.t;
		this.weights[r] = w;
		this.methods[r] = METHOD_CODE[p.method];
		const c = METHOD_COLORS[p.method];
		const o = 4 * r;
		this.colors[o] = c[0];
		this.colors[o + 1] = c[1];
		this.colors[o + 2] = c[2];
		this.colors[o + 3] = c[3];
		this.radii[r] = exact ? POINT_RADIUS_PX : 0;
		this.mercY[r] = mercatorY(lat);
		this.posts[r] = p;
	}

	private insertRow(p: LocatedPost, w: number): void {
		const r = this.indexAt(p.t + 1e-3 /* after equal times */);
		this.positions.copyWithin(2 * r + 2, 2 * r, 2 * this.end);
		this.times.copyWithin(r + 1, r, this.end);
		this.weights.copyWithin(r + 1, r, this.end);
		this.methods.copyWithin(r + 1, r, this.end);
		this.colors.copyWithin(4 * r + 4, 4 * r, 4 * this.end);
		this.radii.copyWithin(r + 1, r, this.end);
		this.mercY.copyWithin(r + 1, r, this.end);
		this.posts.splice(r, 0, p);
		this.end++;
		this.writeRow(r, p, w);
	}

	private reserve(extra: number): void {
		if (this.end + extra <= this.cap) return;
		if (this.start > 0) this.compact();
		if (this.end + extra <= this.cap) return;
		let cap = this.cap;
		while (this.end + extra > cap) cap *= 2;
		const grow = <T extends Float32Array | Float64Array | Uint8Array>(a: T, n: number): T => {
			const b = new (a.constructor as new (n: number) => T)(n);
			b.set(a.subarray(0, (a.length / this.cap) * this.end));
			return b;
		};
		this.positions = grow(this.positions, cap * 2);
		this.times = grow(this.times, cap);
		this.weights = grow(this.weights, cap);
		this.methods = grow(this.methods, cap);
		this.colors = grow(this.colors, cap * 4);
		this.radii = grow(this.radii, cap);
		this.mercY = grow(this.mercY, cap);
		this.cap = cap;
	}

	private compact(): void {
		const s = this.start;
		this.positions.copyWithin(0, 2 * s, 2 * this.end);
		this.times.copyWithin(0, s, this.end);
		this.weights.copyWithin(0, s, this.end);
		this.methods.copyWithin(0, s, this.end);
		this.colors.copyWithin(0, 4 * s, 4 * this.end);
		this.radii.copyWithin(0, s, this.end);
		this.mercY.copyWithin(0, s, this.end);
		this.posts = this.posts.slice(s, this.end);
		this.end -= s;
		this.start = 0;
	}
}
