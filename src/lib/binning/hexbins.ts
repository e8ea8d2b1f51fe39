/**
 * Incremental H3 hexagon counts over time, for the hexagon layer and its cell tooltips.
 * Pure module: no UI, map, database or Node imports (runs in the browser, a worker and the CLI).
 *
 * Layout. Storage is time-major. Cells are numbered per instance (a small int per distinct
 * cell string; the parent of each finest cell at every coarser kept resolution is computed
 * once, with cellToParent, when the cell is first seen). A fine bucket (default one minute)
 * holds the raw (time, finest cell number) of its posts in two typed arrays; a coarse bucket
 * (60 fine buckets, an hour by default) holds the distinct finest cells of that hour with their
 * counts. So a stored post is 12 bytes in typed arrays: nothing for the garbage collector to
 * trace, and add() allocates nothing per post (beyond what latLngToCell itself allocates).
 *
 *  - add(batch) costs O(batch): one latLngToCell at the finest resolution per post (shared
 *    with Corridors through batchCells), one map lookup for the cell number, two typed-array
 *    stores and one map increment (the coarse count). Late posts land in their (older) bucket.
 *  - query(res, t0, t1) is incremental: the counts of the last few (resolution, window length,
 *    trend) combinations asked for are kept as running per-cell totals (count, recent,
 *    previous), and kept up to date by add(). When the same window length is asked again with
 *    the end moved forward (the clock), only the posts whose membership changes (those between
 *    the old and the new position of each window edge) are visited: O(posts in the moved
 *    edges + cells in the result). A new window length, a trend, a backward move or a jump
 *    further than about half the window recomputes from the buckets: whole hours from the
 *    coarse counts, the remaining minutes (at most 2 × 59 at the ends) from their raw entries,
 *    each entry classified by its exact time; O(distinct cells per hour × hours + posts in the
 *    end minutes). Either way counts are exact for any [t0, t1), not rounded to buckets.
 *  - Coarser resolutions count cellToParent of the finest cell, as asked; near a cell edge
 *    that parent can differ from latLngToCell at the coarse resolution (H3 children do not
 *    tile their parent exactly).
 *  - Memory: buckets whose end is more than `horizonMs` (default 26 h) behind the newest post
 *    time seen are evicted (a coarse bucket when all of it is); posts that arrive older than
 *    that are dropped. The cell numbering is compacted (renumbered from the cells still held)
 *    when it passes a bound, so it cannot grow without end either. Caveat: a single post with
 *    a wildly future timestamp moves "newest" and evicts everything behind it; the caller
 *    should reject such posts.
 */

import { cellToParent, getResolution, isValidCell, latLngToCell } from 'h3-js';
import type { LocatedPost } from '../posts/post';
import { evictLeastUsed } from './lru';

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
/** Running windows kept for query() (least recently used dropped first). */
const MAX_WINDOWS = 4;
/** Cell numbers before a compaction is considered. */
const CELL_CAP = 1 << 18;

/** Distinct finest cells of a bucket with counts: ids[i] occurs n[i] times. */
interface Agg {
	index: Map<number, number>;
	ids: number[];
	n: number[];
}

interface FineBucket {
	/** Posts held. */
	n: number;
	/** Post times, insertion order. */
	t: Float64Array;
	/** Finest cell number of each post. */
	c: Int32Array;
	/** The same posts counted per cell, for reading the bucket whole. */
	agg: Agg;
}

type CoarseBucket = Agg;

function aggAdd(a: Agg, id: number): void {
	const i = a.index.get(id);
	if (i === undefined) {
		a.index.set(id, a.ids.length);
		a.ids.push(id);
		a.n.push(1);
	} else {
		a.n[i]++;
	}
}

/** Running per-cell totals of one (slot, window length, trend) for query(). */
interface Running {
	slot: number;
	len: number;
	trendMs: number;
	t0: number;
	t1: number;
	r0: number;
	p0: number;
	/** By cell number (of the slot's resolution). */
	cnt: Int32Array;
	rec: Int32Array;
	prev: Int32Array;
	/** Cells that may be nonzero (on[id] = 1 while listed). */
	on: Uint8Array;
	active: number[];
	used: number;
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
	/** Cell string → number, and back. Finest and coarser cells share the numbering. */
	private cellIdx = new Map<string, number>();
	private cellStr: string[] = [];
	/** Per slot: finest cell number → number of its parent at that slot (slot 0: unused). */
	private parentOf: Int32Array[] = [];
	private cellCap = CELL_CAP;
	private windows: Running[] = [];
	private tick = 0;

	constructor(opts: HexBinsOptions = {}) {
		const res = [...new Set(opts.resolutions ?? [6, 8])].sort((a, b) => b - a);
		if (res.length === 0) throw new RangeError('HexBins: at least one resolution');
		for (const r of res) {
			if (!Number.isInteger(r) || r < 0 || r > 15) throw new RangeError(`HexBins: bad res ${r}`);
		}
		this.resolutions = res;
		res.forEach((r, i) => this.slotOf.set(r, i));
		this.parentOf = res.map(() => new Int32Array(1024).fill(-1));
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
		this.cellIdx.clear();
		this.cellStr = [];
		for (const p of this.parentOf) p.fill(-1);
		this.windows = [];
	}

	/** Add located posts; posts without a usable pos or time, or older than the horizon, are skipped. */
	add(posts: LocatedPost[]): void {
		const bm = this.bucketMs;
		for (const p of posts) {
			if (p.t > this.newest && Number.isFinite(p.t)) this.newest = p.t;
		}
		this.evict();
		if (this.cellStr.length > this.cellCap) this.compact();
		const firstKeep = this.firstKeep();
		const wins = this.windows;
		let lastB = NaN;
		let fb: FineBucket | undefined;
		let cb: CoarseBucket | undefined;
		const cells = batchCells(posts, this.resolutions[0]);
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
					fb = {
						n: 0,
						t: new Float64Array(64),
						c: new Int32Array(64),
						agg: { index: new Map(), ids: [], n: [] }
					};
					this.fine.set(b, fb);
					if (b < this.minB) this.minB = b;
					if (b > this.maxB) this.maxB = b;
				}
				const c = Math.floor(b / COARSE);
				cb = this.coarse.get(c);
				if (!cb) {
					cb = { index: new Map(), ids: [], n: [] };
					this.coarse.set(c, cb);
					if (c < this.minC) this.minC = c;
				}
			}
			const id = this.finestId(finest);
			const f = fb!;
			if (f.n === f.t.length) {
				const t2 = new Float64Array(f.n * 2);
				t2.set(f.t);
				f.t = t2;
				const c2 = new Int32Array(f.n * 2);
				c2.set(f.c);
				f.c = c2;
			}
			f.t[f.n] = t;
			f.c[f.n] = id;
			f.n++;
			aggAdd(f.agg, id);
			aggAdd(cb!, id);
			for (let w = 0; w < wins.length; w++) this.apply(wins[w], id, t, 1);
			this.posts++;
		}
	}

	/** Number of a finest cell, numbering it (and its parents) when new. */
	private finestId(cell: string): number {
		let id = this.cellIdx.get(cell);
		if (id !== undefined) return id;
		id = this.newId(cell);
		const res = this.resolutions;
		for (let s = 1; s < res.length; s++) {
			let po = this.parentOf[s];
			if (id >= po.length) {
				const p2 = new Int32Array(Math.max(id + 1, po.length * 2)).fill(-1);
				p2.set(po);
				this.parentOf[s] = po = p2;
			}
			const parent = cellToParent(cell, res[s]);
			po[id] = this.cellIdx.get(parent) ?? this.newId(parent);
		}
		return id;
	}

	private newId(cell: string): number {
		const id = this.cellStr.length;
		this.cellStr.push(cell);
		this.cellIdx.set(cell, id);
		return id;
	}

	/**
	 * Cells of resolution `res` with at least one post in [t0, t1), with their trend counts.
	 * Unordered. Throws RangeError for a resolution that is not kept.
	 */
	query(res: number, t0: number, t1: number, opts: { trendMs?: number } = {}): HexCount[] {
		const slot = this.slotOf.get(res);
		if (slot === undefined) throw new RangeError(`HexBins: resolution ${res} is not kept`);
		const trendMs = Math.max(0, opts.trendMs ?? DEFAULT_TREND_MS);
		const out: HexCount[] = [];
		if (!(t1 > t0)) return out;
		const len = t1 - t0;
		let w: Running | undefined;
		if (Number.isFinite(len) && Number.isFinite(trendMs)) {
			w = this.windows.find((x) => x.slot === slot && x.len === len && x.trendMs === trendMs);
			if (w && t1 >= w.t1 && t0 >= w.t0 && t1 - w.t1 <= (t1 - Math.min(t0, t1 - 2 * trendMs)) / 2) {
				this.slide(w, t0, t1);
			} else {
				if (!w) {
					evictLeastUsed(this.windows, MAX_WINDOWS);
					w = this.newRunning(slot, len, trendMs);
					this.windows.push(w);
				}
				this.recount(w, t0, t1);
			}
			w.used = ++this.tick;
		} else {
			// A window of unbounded length: counted once, not kept.
			w = this.newRunning(slot, len, trendMs);
			this.recount(w, t0, t1);
		}
		const cellStr = this.cellStr;
		const { cnt, rec, prev, on, active } = w;
		let k = 0;
		for (let i = 0; i < active.length; i++) {
			const id = active[i];
			if (cnt[id] === 0 && rec[id] === 0 && prev[id] === 0) {
				on[id] = 0;
				continue;
			}
			active[k++] = id;
			if (cnt[id] > 0) {
				out.push({
					cell: cellStr[id],
					count: cnt[id],
					recent: rec[id],
					previous: prev[id],
					trend: (rec[id] - prev[id]) / Math.max(prev[id], 1)
				});
			}
		}
		active.length = k;
		return out;
	}

	private newRunning(slot: number, len: number, trendMs: number): Running {
		const n = Math.max(1024, this.cellStr.length);
		return {
			slot,
			len,
			trendMs,
			t0: NaN,
			t1: NaN,
			r0: NaN,
			p0: NaN,
			cnt: new Int32Array(n),
			rec: new Int32Array(n),
			prev: new Int32Array(n),
			on: new Uint8Array(n),
			active: [],
			used: 0
		};
	}

	/** Count a stored post (finest cell number, time) into, or out of (sign -1), a window. */
	private apply(w: Running, finest: number, t: number, sign: number): void {
		const t1 = w.t1;
		if (!(t < t1) || (t < w.t0 && t < w.p0)) return;
		const id = w.slot === 0 ? finest : this.parentOf[w.slot][finest];
		if (id >= w.cnt.length) this.grow(w);
		const r0 = w.r0;
		if (t >= w.t0) w.cnt[id] += sign;
		if (t >= r0) w.rec[id] += sign;
		else if (t >= w.p0) w.prev[id] += sign;
		if (w.on[id] === 0) {
			w.on[id] = 1;
			w.active.push(id);
		}
	}

	private grow(w: Running): void {
		const n = Math.max(this.cellStr.length, w.cnt.length * 2);
		const g = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
		w.cnt = g(w.cnt, new Int32Array(n));
		w.rec = g(w.rec, new Int32Array(n));
		w.prev = g(w.prev, new Int32Array(n));
		w.on = g(w.on, new Uint8Array(n));
	}

	private setBounds(w: Running, t0: number, t1: number): void {
		w.t0 = t0;
		w.t1 = t1;
		w.r0 = t1 - w.trendMs;
		w.p0 = t1 - 2 * w.trendMs;
	}

	/** Recount a window from the buckets. */
	private recount(w: Running, t0: number, t1: number): void {
		const { cnt, rec, prev, on, active } = w;
		for (const id of active) {
			cnt[id] = rec[id] = prev[id] = 0;
			on[id] = 0;
		}
		active.length = 0;
		this.setBounds(w, t0, t1);
		const po = this.parentOf[w.slot];
		const slot = w.slot;
		this.scan(t0, t1, w.trendMs, (finest, k, bits) => {
			const id = slot === 0 ? finest : po[finest];
			if (id >= w.cnt.length) this.grow(w);
			if (bits & 1) w.cnt[id] += k;
			if (bits & 2) w.rec[id] += k;
			if (bits & 4) w.prev[id] += k;
			if (w.on[id] === 0) {
				w.on[id] = 1;
				w.active.push(id);
			}
		});
	}

	/**
	 * Move a window forward to [t0, t1) (same length): only the posts between the old and the
	 * new position of an edge (t0, the trend edges, t1) can change membership.
	 */
	private slide(w: Running, t0: number, t1: number): void {
		if (t1 === w.t1) return;
		const old = [w.t0, w.p0, w.r0, w.t1];
		const o0 = w.t0;
		const o1 = w.t1;
		const or0 = w.r0;
		const op0 = w.p0;
		this.setBounds(w, t0, t1);
		const nu = [w.t0, w.p0, w.r0, w.t1];
		// The moved edges as intervals [old, new), sorted and merged so no post is visited twice.
		const iv: [number, number][] = [];
		for (let i = 0; i < 4; i++) if (nu[i] > old[i]) iv.push([old[i], nu[i]]);
		iv.sort((a, b) => a[0] - b[0]);
		const merged: [number, number][] = [];
		for (const x of iv) {
			const m = merged[merged.length - 1];
			if (m && x[0] <= m[1]) m[1] = Math.max(m[1], x[1]);
			else merged.push([x[0], x[1]]);
		}
		const po = this.parentOf[w.slot];
		const slot = w.slot;
		const bm = this.bucketMs;
		for (const [a, b] of merged) {
			const first = Math.max(Math.floor(a / bm), this.minB);
			const last = Math.min(Math.ceil(b / bm) - 1, this.maxB);
			for (let x = first; x <= last; x++) {
				const fb = this.fine.get(x);
				if (!fb) continue;
				const ts = fb.t;
				const cs = fb.c;
				for (let i = 0; i < fb.n; i++) {
					const t = ts[i];
					if (t < a || t >= b) continue;
					const wasIn = t >= o0 && t < o1 ? 1 : 0;
					const wasRec = t >= or0 && t < o1 ? 1 : 0;
					const wasPrev = t >= op0 && t < or0 ? 1 : 0;
					const isIn = t >= t0 && t < t1 ? 1 : 0;
					const isRec = t >= w.r0 && t < t1 ? 1 : 0;
					const isPrev = t >= w.p0 && t < w.r0 ? 1 : 0;
					if (wasIn === isIn && wasRec === isRec && wasPrev === isPrev) continue;
					const id = slot === 0 ? cs[i] : po[cs[i]];
					if (id >= w.cnt.length) this.grow(w);
					w.cnt[id] += isIn - wasIn;
					w.rec[id] += isRec - wasRec;
					w.prev[id] += isPrev - wasPrev;
					if (w.on[id] === 0) {
						w.on[id] = 1;
						w.active.push(id);
					}
				}
			}
		}
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
		const want = this.cellIdx.get(cell);
		if (want === undefined) return undefined;
		const po = this.parentOf[slot];
		const a = { count: 0, recent: 0, previous: 0 };
		this.scan(
			t0,
			t1,
			trendMs,
			(finest, k, w) => {
				if ((slot === 0 ? finest : po[finest]) !== want) return;
				if (w & 1) a.count += k;
				if (w & 2) a.recent += k;
				if (w & 4) a.previous += k;
			},
			slot === 0 ? want : undefined
		);
		return a.count > 0
			? {
					cell,
					count: a.count,
					recent: a.recent,
					previous: a.previous,
					trend: (a.recent - a.previous) / Math.max(a.previous, 1)
				}
			: undefined;
	}

	/**
	 * Visit (finest cell number, count, windows) for every stored post in
	 * [min(t0, t1 - 2 trend), t1), grouped as coarsely as the window boundaries allow. windows
	 * is a bit set: 1 = [t0, t1), 2 = recent, 4 = previous. With `only` (a finest cell number),
	 * coarse buckets are looked up instead of iterated.
	 */
	private scan(
		t0: number,
		t1: number,
		trendMs: number,
		visit: (finest: number, k: number, windows: number) => void,
		only?: number
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
		let x = Math.max(Math.floor(lo / bm), this.minB);
		const last = Math.min(Math.ceil(hi / bm) - 1, this.maxB);
		while (x <= last) {
			if (x % COARSE === 0 && x + COARSE - 1 <= last) {
				const s = x * bm;
				const e = (x + COARSE) * bm;
				const cb = this.coarse.get(x / COARSE);
				if (whole(s, e)) {
					const w = windowsOf(s);
					if (w !== 0 && cb) {
						if (only !== undefined) {
							const i = cb.index.get(only);
							if (i !== undefined && cb.n[i] > 0) visit(only, cb.n[i], w);
						} else {
							const ids = cb.ids;
							const n = cb.n;
							for (let i = 0; i < ids.length; i++) if (n[i] > 0) visit(ids[i], n[i], w);
						}
					}
					x += COARSE;
					continue;
				}
				if (!cb) {
					x += COARSE;
					continue;
				}
			}
			const fb = this.fine.get(x);
			if (fb) {
				const cells = fb.c;
				const ts = fb.t;
				const s = x * bm;
				if (whole(s, s + bm)) {
					const w = windowsOf(s);
					if (w !== 0) {
						const a = fb.agg;
						if (only !== undefined) {
							const i = a.index.get(only);
							if (i !== undefined) visit(only, a.n[i], w);
						} else {
							for (let i = 0; i < a.ids.length; i++) visit(a.ids[i], a.n[i], w);
						}
					}
				} else {
					for (let i = 0; i < fb.n; i++) {
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
		// Running windows reaching below the kept range would miss the evicted posts: drop them.
		const keepT = firstKeep * this.bucketMs;
		this.windows = this.windows.filter((w) => Math.min(w.t0, w.p0) >= keepT);
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
		this.posts -= fb.n;
	}

	/**
	 * Renumber the cells from those still held (fine and coarse buckets), dropping the rest, once
	 * the numbering has grown past cellCap, when that frees at least half of it. O(posts held),
	 * rare. The running windows are dropped (recounted on the next query).
	 */
	private compact(): void {
		const old = this.cellStr;
		const map = new Int32Array(old.length).fill(-1);
		for (const fb of this.fine.values()) for (let i = 0; i < fb.n; i++) map[fb.c[i]] = 0;
		for (const cb of this.coarse.values()) for (const id of cb.ids) map[id] = 0;
		let held = 0;
		for (let i = 0; i < map.length; i++) if (map[i] === 0) held++;
		if (held * 2 > old.length) {
			// Mostly in use: look again once the numbering has doubled.
			this.cellCap = old.length * 2;
			return;
		}
		const oldParents = this.parentOf;
		this.cellIdx = new Map();
		this.cellStr = [];
		this.parentOf = this.resolutions.map(() => new Int32Array(Math.max(1024, held)).fill(-1));
		for (let i = 0; i < map.length; i++) {
			if (map[i] !== 0) continue;
			map[i] = this.newId(old[i]);
		}
		for (let s = 1; s < this.resolutions.length; s++) {
			for (let i = 0; i < map.length; i++) {
				if (map[i] < 0) continue;
				let po = this.parentOf[s];
				const parent = old[oldParents[s][i]];
				const pid = this.cellIdx.get(parent) ?? this.newId(parent);
				if (map[i] >= po.length) {
					const p2 = new Int32Array(Math.max(map[i] + 1, po.length * 2)).fill(-1);
					p2.set(po);
					this.parentOf[s] = po = p2;
				}
				po[map[i]] = pid;
			}
		}
		for (const fb of this.fine.values()) for (let i = 0; i < fb.n; i++) fb.c[i] = map[fb.c[i]];
		const remap = (a: Agg): void => {
			a.index.clear();
			for (let i = 0; i < a.ids.length; i++) {
				a.ids[i] = map[a.ids[i]];
				a.index.set(a.ids[i], i);
			}
		};
		for (const fb of this.fine.values()) remap(fb.agg);
		for (const cb of this.coarse.values()) remap(cb);
		this.windows = [];
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
const memoPosts: LocatedPost[] = [];
const memoPos: (LocatedPost['pos'] | undefined)[] = [];
const memoCells: (string | null | undefined)[] = [];

/**
 * The H3 cell at `res` of each post of a batch: a cell, undefined without a usable pos, or null
 * where `need` is given and false (not computed). latLngToCell is most of the cost of add(),
 * and HexBins (finest res 8) and Corridors (res 8) take the same batch one after the other, so
 * the last batch's cells (interned) are remembered: a second call with the same posts (same
 * objects, same pos arrays) and res costs one identity check per post and computes only what
 * is missing. A pos array mutated in place between the calls is not noticed. The returned
 * array is reused by the next call: read it before calling again.
 */
export function batchCells(
	posts: LocatedPost[],
	res: number,
	need?: ArrayLike<boolean | number>
): (string | null | undefined)[] {
	const n = posts.length;
	let same = res === memoRes && n === memoPosts.length;
	for (let i = 0; same && i < n; i++) {
		same = posts[i] === memoPosts[i] && posts[i].pos === memoPos[i];
	}
	const cells = memoCells;
	if (!same) {
		memoRes = res;
		memoPosts.length = n;
		memoPos.length = n;
		cells.length = n;
		for (let i = 0; i < n; i++) {
			memoPosts[i] = posts[i];
			memoPos[i] = posts[i].pos;
			cells[i] = null;
		}
	}
	for (let i = 0; i < n; i++) {
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
