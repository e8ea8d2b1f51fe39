/**
 * Incremental H3 hexagon counts over time, for the hexagon layer and its cell tooltips.
 * Pure module: no UI, map, database or Node imports (runs in the browser, a worker and the CLI).
 *
 * Layout. Storage is time-major. A fine bucket (default one minute) holds the raw (time, cell
 * per resolution) of its posts; a coarse bucket (60 fine buckets, an hour by default) holds
 * per resolution the distinct cells of that hour with their counts. Cell strings are interned
 * (one string per distinct cell) and parents are memoised, so a post retains little more
 * than its time and two references: cheap for the garbage collector.
 *
 *  - add(batch) costs O(batch): one latLngToCell at the finest resolution per post (shared
 *    with Corridors through batchCells), a memoised cellToParent per coarser resolution, a
 *    few array pushes and one map increment per resolution. Late posts land in their (older)
 *    bucket.
 *  - query(res, t0, t1) touches only the buckets that overlap the window (and the trend
 *    windows): whole hours are read from the coarse counts, the remaining minutes (at most
 *    2 × 59 at the ends) from their raw entries, each entry classified by its exact time. So
 *    counts are exact for any [t0, t1), not rounded to buckets, and the cost is
 *    O(distinct cells per hour × hours + posts in the end minutes), about O(result) for long
 *    windows. Nothing outside the window is scanned.
 *  - Coarser resolutions count cellToParent of the finest cell, as asked; near a cell edge
 *    that parent can differ from latLngToCell at the coarse resolution (H3 children do not
 *    tile their parent exactly).
 *  - Memory: buckets whose end is more than `horizonMs` (default 26 h) behind the newest post
 *    time seen are evicted (a coarse bucket when all of it is); posts that arrive older than
 *    that are dropped. Caveat: a single post with a wildly future timestamp moves "newest"
 *    and evicts everything behind it; the caller should reject such posts.
 */

import { cellToParent, getResolution, isValidCell, latLngToCell } from 'h3-js';
import type { LocatedPost } from '../posts/post';

export interface HexCount {
	/** H3 cell index. */
	cell: string;
	/** Posts in [t0, t1). */
	count: number;
	/** Posts in [t1 - trendMs, t1). */
	recent: number;
	/** Posts in [t1 - 2 trendMs, t1 - trendMs). */
	previous: number;
	/** (recent - previous) / max(previous, 1): 0 = steady, 1 = doubled, -1 = stopped. */
	trend: number;
	authors?: never;
}

export interface HexBinsOptions {
	/** H3 resolutions to keep, default [6, 8]. */
	resolutions?: number[];
	/** Fine bucket length, default 60_000 ms. */
	bucketMs?: number;
	/** Keep buckets up to this far behind the newest time seen, default 26 h. */
	horizonMs?: number;
}

export const DEFAULT_TREND_MS = 600_000;
export const DEFAULT_HORIZON_MS = 26 * 3_600_000;
/** Fine buckets per coarse bucket. */
const COARSE = 60;

/** Distinct cells with counts: keys[i] occurs n[i] times. */
interface Agg {
	index: Map<string, number>;
	keys: string[];
	n: number[];
}

interface FineBucket {
	/** Post times, insertion order. */
	t: number[];
	/** Per resolution slot: the (interned) cell of each post. */
	cells: string[][];
}

interface CoarseBucket {
	agg: Agg[];
}

function newAgg(): Agg {
	return { index: new Map(), keys: [], n: [] };
}

function aggAdd(a: Agg, key: string, k: number): number {
	let i = a.index.get(key);
	if (i === undefined) {
		i = a.keys.length;
		a.index.set(key, i);
		a.keys.push(key);
		a.n.push(k);
	} else {
		a.n[i] += k;
	}
	return i;
}

interface Acc {
	count: number;
	recent: number;
	previous: number;
}

export class HexBins {
	readonly resolutions: readonly number[];
	readonly bucketMs: number;
	readonly horizonMs: number;
	/** Slot of each resolution in resolutions (slot 0 = finest, computed with latLngToCell). */
	private readonly slotOf = new Map<number, number>();
	private fine = new Map<number, FineBucket>();
	private coarse = new Map<number, CoarseBucket>();
	private newest = -Infinity;
	/** No fine bucket below this index exists (lower bound; eviction sweeps from here). */
	private minB = Infinity;
	private minC = Infinity;
	/** No fine bucket above this index exists. */
	private maxB = -Infinity;
	private posts = 0;
	/** Per coarser slot: finest cell → parent cell (memo of cellToParent). */
	private parents: Map<string, string>[] = [];

	constructor(opts: HexBinsOptions = {}) {
		const res = [...new Set(opts.resolutions ?? [6, 8])].sort((a, b) => b - a);
		if (res.length === 0) throw new RangeError('HexBins: at least one resolution');
		for (const r of res) {
			if (!Number.isInteger(r) || r < 0 || r > 15) throw new RangeError(`HexBins: bad res ${r}`);
		}
		this.resolutions = res;
		res.forEach((r, i) => this.slotOf.set(r, i));
		this.parents = res.map(() => new Map());
		this.bucketMs = opts.bucketMs ?? 60_000;
		this.horizonMs = opts.horizonMs ?? DEFAULT_HORIZON_MS;
		if (!(this.bucketMs > 0)) throw new RangeError('HexBins: bucketMs must be > 0');
		if (!(this.horizonMs > 0)) throw new RangeError('HexBins: horizonMs must be > 0');
	}

	/** Posts currently held (within the horizon). */
	get size(): number {
		return this.posts;
	}

	clear(): void {
		this.fine.clear();
		this.coarse.clear();
		this.newest = -Infinity;
		this.minB = Infinity;
		this.minC = Infinity;
		this.maxB = -Infinity;
		this.posts = 0;
	}

	/** Add located posts; posts without a usable pos or time, or older than the horizon, are skipped. */
	add(posts: LocatedPost[]): void {
		const bm = this.bucketMs;
		const res = this.resolutions;
		const nres = res.length;
		for (const p of posts) {
			if (p.t > this.newest && Number.isFinite(p.t)) this.newest = p.t;
		}
		this.evict();
		const firstKeep = this.firstKeep();
		let lastB = NaN;
		let fb: FineBucket | undefined;
		let cb: CoarseBucket | undefined;
		const cells = batchCells(posts, res[0]);
		for (let j = 0; j < posts.length; j++) {
			const finest = cells[j];
			const t = posts[j].t;
			if (!finest || !Number.isFinite(t)) continue;
			const b = Math.floor(t / bm);
			if (b < firstKeep) continue;
			if (b !== lastB) {
				lastB = b;
				fb = this.fine.get(b);
				if (!fb) {
					fb = { t: [], cells: [] };
					for (let s = 0; s < nres; s++) fb.cells.push([]);
					this.fine.set(b, fb);
					if (b < this.minB) this.minB = b;
					if (b > this.maxB) this.maxB = b;
				}
				const c = Math.floor(b / COARSE);
				cb = this.coarse.get(c);
				if (!cb) {
					cb = { agg: [] };
					for (let s = 0; s < nres; s++) cb.agg.push(newAgg());
					this.coarse.set(c, cb);
					if (c < this.minC) this.minC = c;
				}
			}
			fb!.t.push(t);
			for (let s = 0; s < nres; s++) {
				const cell = s === 0 ? finest : this.parent(finest, s);
				fb!.cells[s].push(cell);
				aggAdd(cb!.agg[s], cell, 1);
			}
			this.posts++;
		}
	}

	private parent(cell: string, slot: number): string {
		const memo = this.parents[slot];
		let p = memo.get(cell);
		if (p === undefined) {
			if (memo.size >= MEMO_MAX) memo.clear();
			p = intern(cellToParent(cell, this.resolutions[slot]));
			memo.set(cell, p);
		}
		return p;
	}

	/**
	 * Cells of resolution `res` with at least one post in [t0, t1), with their trend counts.
	 * Unordered. Throws RangeError for a resolution that is not kept.
	 */
	query(res: number, t0: number, t1: number, opts: { trendMs?: number } = {}): HexCount[] {
		const slot = this.slotOf.get(res);
		if (slot === undefined) throw new RangeError(`HexBins: resolution ${res} is not kept`);
		const trendMs = opts.trendMs ?? DEFAULT_TREND_MS;
		const out: HexCount[] = [];
		if (!(t1 > t0)) return out;
		const acc = new Map<string, Acc>();
		this.scan(slot, t0, t1, trendMs, (key, k, w) => {
			let a = acc.get(key);
			if (!a) {
				a = { count: 0, recent: 0, previous: 0 };
				acc.set(key, a);
			}
			if (w & 1) a.count += k;
			if (w & 2) a.recent += k;
			if (w & 4) a.previous += k;
		});
		for (const [cell, a] of acc) {
			if (a.count > 0) out.push(toHexCount(cell, a));
		}
		return out;
	}

	/**
	 * One cell's counts, as query() would return it; undefined when the cell's resolution is
	 * not kept, the cell is invalid, or it has no post in [t0, t1). Cost O(buckets in window).
	 */
	cellSummary(
		cell: string,
		t0: number,
		t1: number,
		trendMs: number = DEFAULT_TREND_MS
	): HexCount | undefined {
		if (!(t1 > t0) || !isValidCell(cell)) return undefined;
		const slot = this.slotOf.get(getResolution(cell));
		if (slot === undefined) return undefined;
		const a: Acc = { count: 0, recent: 0, previous: 0 };
		this.scan(
			slot,
			t0,
			t1,
			trendMs,
			(key, k, w) => {
				if (key !== cell) return;
				if (w & 1) a.count += k;
				if (w & 2) a.recent += k;
				if (w & 4) a.previous += k;
			},
			cell
		);
		return a.count > 0 ? toHexCount(cell, a) : undefined;
	}

	/**
	 * Visit (cell, count, windows) for every stored post in [min(t0, t1 - 2 trend), t1), grouped
	 * as coarsely as the window boundaries allow. windows is a bit set: 1 = [t0, t1),
	 * 2 = recent, 4 = previous. With `only`, coarse buckets are looked up instead of iterated.
	 */
	private scan(
		slot: number,
		t0: number,
		t1: number,
		trendMs: number,
		visit: (key: string, k: number, windows: number) => void,
		only?: string
	): void {
		const bm = this.bucketMs;
		const tr = Math.max(0, trendMs);
		const r0 = t1 - tr;
		const p0 = t1 - 2 * tr;
		const lo = Math.min(t0, p0);
		const hi = t1;
		const bounds = [t0, p0, r0, t1];
		const windowsOf = (t: number): number =>
			(t >= t0 && t < t1 ? 1 : 0) | (t >= r0 && t < t1 ? 2 : 0) | (t >= p0 && t < r0 ? 4 : 0);
		// A bucket [s, e) is whole when no boundary lies strictly inside it.
		const whole = (s: number, e: number): boolean => {
			for (const x of bounds) if (x > s && x < e) return false;
			return true;
		};
		const visitAgg = (a: Agg, w: number): void => {
			if (only !== undefined) {
				const i = a.index.get(only);
				if (i !== undefined && a.n[i] > 0) visit(only, a.n[i], w);
				return;
			}
			const keys = a.keys;
			const n = a.n;
			for (let i = 0; i < keys.length; i++) if (n[i] > 0) visit(keys[i], n[i], w);
		};
		let x = Math.max(Math.floor(lo / bm), this.minB);
		const last = Math.min(Math.ceil(hi / bm) - 1, this.maxB);
		while (x <= last) {
			if (x % COARSE === 0 && x + COARSE - 1 <= last) {
				const s = x * bm;
				const e = (x + COARSE) * bm;
				if (whole(s, e)) {
					const w = windowsOf(s);
					const cb = this.coarse.get(x / COARSE);
					if (w !== 0 && cb) visitAgg(cb.agg[slot], w);
					x += COARSE;
					continue;
				}
				if (!this.coarse.has(x / COARSE)) {
					x += COARSE;
					continue;
				}
			}
			const fb = this.fine.get(x);
			if (fb) {
				const cells = fb.cells[slot];
				const ts = fb.t;
				const s = x * bm;
				if (whole(s, s + bm)) {
					const w = windowsOf(s);
					if (w !== 0) {
						for (let i = 0; i < ts.length; i++) {
							if (only === undefined || cells[i] === only) visit(cells[i], 1, w);
						}
					}
				} else {
					for (let i = 0; i < ts.length; i++) {
						if (only !== undefined && cells[i] !== only) continue;
						const w = windowsOf(ts[i]);
						if (w !== 0) visit(cells[i], 1, w);
					}
				}
			}
			x++;
		}
	}

	/** Lowest fine bucket index that is kept. */
	private firstKeep(): number {
		if (this.newest === -Infinity) return -Infinity;
		return Math.floor((this.newest - this.horizonMs) / this.bucketMs);
	}

	private evict(): void {
		const firstKeep = this.firstKeep();
		if (!(this.minB < firstKeep)) return;
		// Sweep either the index range or the stored buckets, whichever is shorter.
		if (firstKeep - this.minB <= this.fine.size) {
			for (let b = this.minB; b < firstKeep; b++) this.evictFine(b);
		} else {
			for (const b of [...this.fine.keys()]) if (b < firstKeep) this.evictFine(b);
		}
		this.minB = firstKeep;
		const firstC = Math.floor(firstKeep / COARSE);
		if (this.minC < firstC) {
			if (firstC - this.minC <= this.coarse.size) {
				for (let c = this.minC; c < firstC; c++) this.coarse.delete(c);
			} else {
				for (const c of [...this.coarse.keys()]) if (c < firstC) this.coarse.delete(c);
			}
			this.minC = firstC;
		}
	}

	/**
	 * Drop a fine bucket. Its coarse bucket keeps the counts until the whole coarse bucket is
	 * dropped; that is safe because scan() starts at minB (>= firstKeep after eviction), so a
	 * partly evicted coarse bucket is never read whole.
	 */
	private evictFine(b: number): void {
		const fb = this.fine.get(b);
		if (!fb) return;
		this.fine.delete(b);
		this.posts -= fb.t.length;
	}
}

/** Bound of the intern table and the parent memos; past it they start over (only a cache). */
const MEMO_MAX = 200_000;
const interned = new Map<string, string>();

/** One string object per distinct cell, so bins and tracks do not each retain a copy. */
export function intern(cell: string): string {
	const x = interned.get(cell);
	if (x !== undefined) return x;
	if (interned.size >= MEMO_MAX) interned.clear();
	interned.set(cell, cell);
	return cell;
}

let memoRes = -1;
let memoPosts: LocatedPost[] = [];
let memoPos: (LocatedPost['pos'] | undefined)[] = [];
let memoCells: (string | null | undefined)[] = [];

/**
 * The H3 cell at `res` of each post of a batch: a cell, undefined without a usable pos, or null
 * where `need` is given and false (not computed). latLngToCell is most of the cost of add(),
 * and HexBins (finest res 8) and Corridors (res 8) take the same batch one after the other, so
 * the last batch's cells (interned) are remembered: a second call with the same posts (same
 * objects, same pos arrays) and res costs one identity check per post and computes only what
 * is missing. A pos array mutated in place between the calls is not noticed.
 */
export function batchCells(
	posts: LocatedPost[],
	res: number,
	need?: ArrayLike<boolean>
): (string | null | undefined)[] {
	let same = res === memoRes && posts.length === memoPosts.length;
	for (let i = 0; same && i < posts.length; i++) {
		same = posts[i] === memoPosts[i] && posts[i].pos === memoPos[i];
	}
	if (!same) {
		memoRes = res;
		memoPosts = posts.slice();
		memoPos = posts.map((p) => p.pos);
		memoCells = new Array(posts.length).fill(null);
	}
	const cells = memoCells;
	for (let i = 0; i < posts.length; i++) {
		if (cells[i] !== null || (need && !need[i])) continue;
		const pos = posts[i].pos;
		let cell: string | undefined;
		if (pos) {
			const lon = pos[0];
			const lat = pos[1];
			if (lat >= -90 && lat <= 90 && Number.isFinite(lon)) {
				cell = intern(latLngToCell(lat, lon, res));
			}
		}
		cells[i] = cell;
	}
	return cells;
}

function toHexCount(cell: string, a: Acc): HexCount {
	return {
		cell,
		count: a.count,
		recent: a.recent,
		previous: a.previous,
		trend: (a.recent - a.previous) / Math.max(a.previous, 1)
	};
}
