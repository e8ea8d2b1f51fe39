/**
 * Event areas: post rates per drawn area (a square, a festival site, a stadium) with a trend.
 * Pure module: no UI, map, database or Node imports.
 *
 *  - A post counts for an area when its pos lies inside the area's polygon (bbox prefilter,
 *    then even-odd ray casting in lon/lat). Its precision radius is ignored for now: a post
 *    placed by place name at a square's centre counts as being there. Overlapping areas each
 *    count the post. Points exactly on an edge may fall either way.
 *  - Storage is per time bucket (default one minute): a count per area plus the raw
 *    (area, time) of each hit, so rates are exact for any t1 (the buckets cut by a window
 *    boundary are recounted from their raw hits). add(batch) is O(batch × areas whose bbox
 *    holds the post); stats(t1) is O(areas × buckets in the horizon).
 *  - Memory: buckets ending more than horizonMs (default 26 h) behind the newest post time
 *    seen are evicted; posts older than that are dropped.
 */

import { pointInPolygon, ringBounds } from '../geo/measure';
import type { LocatedPost } from '../posts/post';

export interface AreaDef {
	id: string;
	name: string;
	/** Closed ring of [lon, lat] (an open ring is accepted too). */
	polygon: [number, number][];
}

export interface AreaStat {
	id: string;
	name: string;
	/** Posts per minute over [t1 - rateWindowMs, t1). */
	perMinute: number;
	/** Posts per minute over [t1 - 2 rateWindowMs, t1 - rateWindowMs). */
	previousPerMinute: number;
	/** See trendOf. */
	trend: 'up' | 'down' | 'flat';
	/** Posts in the area in [t1 - horizonMs, t1). */
	total: number;
}

export interface AreaStatsOptions {
	bucketMs?: number;
	horizonMs?: number;
}

export const DEFAULT_RATE_WINDOW_MS = 600_000;
/** Relative change that makes a trend: up when recent >= previous × 1.25, down when <= × 0.75. */
export const TREND_RATIO = 0.25;
/** Below this many posts in both windows together the trend is 'flat': too few to tell. */
export const TREND_MIN_POSTS = 5;

/**
 * Trend between two post counts over equal windows: 'flat' when recent + previous <
 * TREND_MIN_POSTS, else 'up' when recent >= previous × (1 + TREND_RATIO), 'down' when
 * recent <= previous × (1 − TREND_RATIO), else 'flat'.
 */
export function trendOf(recent: number, previous: number): 'up' | 'down' | 'flat' {
	if (recent + previous < TREND_MIN_POSTS) return 'flat';
	if (recent >= previous * (1 + TREND_RATIO)) return 'up';
	if (recent <= previous * (1 - TREND_RATIO)) return 'down';
	return 'flat';
}

interface Area {
	def: AreaDef;
	/** Bounding box [west, south, east, north]: the prefilter of the polygon test. */
	box: [number, number, number, number];
}

interface Bucket {
	/** Hits per area. */
	n: Uint32Array;
	/** Raw hits: area index and time. */
	ai: number[];
	t: number[];
}

export class AreaStats {
	readonly bucketMs: number;
	readonly horizonMs: number;
	private areas: Area[];
	private buckets = new Map<number, Bucket>();
	private newest = -Infinity;
	private minB = Infinity;
	private maxB = -Infinity;
	private hits = 0;

	constructor(areas: AreaDef[], opts: AreaStatsOptions = {}) {
		this.bucketMs = opts.bucketMs ?? 60_000;
		this.horizonMs = opts.horizonMs ?? 26 * 3_600_000;
		if (!(this.bucketMs > 0)) throw new RangeError('AreaStats: bucketMs must be > 0');
		if (!(this.horizonMs > 0)) throw new RangeError('AreaStats: horizonMs must be > 0');
		this.areas = areas.map((def) => ({ def, box: ringBounds(def.polygon) }));
	}

	/** Newest post time seen (in an area or not), -Infinity before the first post. */
	get newestTime(): number {
		return this.newest;
	}

	/** Area hits currently held (a post in two areas counts twice). */
	get size(): number {
		return this.hits;
	}

	clear(): void {
		this.buckets.clear();
		this.newest = -Infinity;
		this.minB = Infinity;
		this.maxB = -Infinity;
		this.hits = 0;
	}

	/** Ids of the areas containing [lon, lat]. */
	areasAt(lon: number, lat: number): string[] {
		const out: string[] = [];
		for (const a of this.areas) if (this.inside(a, lon, lat)) out.push(a.def.id);
		return out;
	}

	add(posts: LocatedPost[]): void {
		for (const p of posts) {
			if (p.t > this.newest && Number.isFinite(p.t)) this.newest = p.t;
		}
		this.evict();
		const firstKeep = this.firstKeep();
		const bm = this.bucketMs;
		const areas = this.areas;
		let lastB = NaN;
		let bucket: Bucket | undefined;
		for (const p of posts) {
			const pos = p.pos;
			if (!pos || !Number.isFinite(p.t)) continue;
			const x = pos[0];
			const y = pos[1];
			const b = Math.floor(p.t / bm);
			if (b < firstKeep) continue;
			for (let k = 0; k < areas.length; k++) {
				if (!this.inside(areas[k], x, y)) continue;
				if (b !== lastB) {
					lastB = b;
					bucket = this.buckets.get(b);
					if (!bucket) {
						bucket = { n: new Uint32Array(areas.length), ai: [], t: [] };
						this.buckets.set(b, bucket);
						if (b < this.minB) this.minB = b;
						if (b > this.maxB) this.maxB = b;
					}
				}
				bucket!.n[k]++;
				bucket!.ai.push(k);
				bucket!.t.push(p.t);
				this.hits++;
			}
		}
	}

	/** One stat per area, in the order of the definitions. */
	stats(t1: number, opts: { rateWindowMs?: number } = {}): AreaStat[] {
		const rw = opts.rateWindowMs ?? DEFAULT_RATE_WINDOW_MS;
		const na = this.areas.length;
		const recent = new Float64Array(na);
		const previous = new Float64Array(na);
		const total = new Float64Array(na);
		const r0 = t1 - rw;
		const p0 = t1 - 2 * rw;
		const h0 = t1 - this.horizonMs;
		const bounds = [p0, r0, t1, h0];
		const bm = this.bucketMs;
		const first = Math.max(Math.floor(Math.min(p0, h0) / bm), this.minB);
		const last = Math.min(Math.ceil(t1 / bm) - 1, this.maxB);
		for (let b = first; b <= last; b++) {
			const bucket = this.buckets.get(b);
			if (!bucket) continue;
			const s = b * bm;
			const e = s + bm;
			let whole = true;
			for (const x of bounds) if (x > s && x < e) whole = false;
			if (whole) {
				const inT = s >= h0 && s < t1;
				const inR = s >= r0 && s < t1;
				const inP = s >= p0 && s < r0;
				if (!inT && !inR && !inP) continue;
				const n = bucket.n;
				for (let k = 0; k < na; k++) {
					if (inT) total[k] += n[k];
					if (inR) recent[k] += n[k];
					if (inP) previous[k] += n[k];
				}
			} else {
				const ts = bucket.t;
				const ai = bucket.ai;
				for (let i = 0; i < ts.length; i++) {
					const t = ts[i];
					const k = ai[i];
					if (t >= h0 && t < t1) total[k]++;
					if (t >= r0 && t < t1) recent[k]++;
					if (t >= p0 && t < r0) previous[k]++;
				}
			}
		}
		const minutes = rw / 60_000;
		return this.areas.map((a, k) => ({
			id: a.def.id,
			name: a.def.name,
			perMinute: minutes > 0 ? recent[k] / minutes : 0,
			previousPerMinute: minutes > 0 ? previous[k] / minutes : 0,
			trend: trendOf(recent[k], previous[k]),
			total: total[k]
		}));
	}

	private inside(a: Area, x: number, y: number): boolean {
		const [w, so, e, n] = a.box;
		return x >= w && x <= e && y >= so && y <= n && pointInPolygon(x, y, a.def.polygon);
	}

	private firstKeep(): number {
		if (this.newest === -Infinity) return -Infinity;
		return Math.floor((this.newest - this.horizonMs) / this.bucketMs);
	}

	private evict(): void {
		const firstKeep = this.firstKeep();
		if (!(this.minB < firstKeep)) return;
		const drop = (b: number): void => {
			const bucket = this.buckets.get(b);
			if (!bucket) return;
			this.hits -= bucket.t.length;
			this.buckets.delete(b);
		};
		if (firstKeep - this.minB <= this.buckets.size) {
			for (let b = this.minB; b < firstKeep; b++) drop(b);
		} else {
			for (const b of [...this.buckets.keys()]) if (b < firstKeep) drop(b);
		}
		this.minB = firstKeep;
	}
}
