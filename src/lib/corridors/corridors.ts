/**
 * Movement corridors: flows of authors between H3 cells, built from consecutive located posts
 * of the same author. Pure module: no UI, map, database or Node imports.
 *
 * Rules.
 *  - A post takes part when it has a pos, an author and a finite time, and its precision is at
 *    most `maxPrecisionM` (default 1,000 m). A post without precision_m counts as precise when
 *    its method is 'gps' and as imprecise otherwise.
 *  - Per author the last HISTORY (8) taking-part posts are kept in time order (ties broken by
 *    id, so the order never depends on arrival order); posts older than the horizon cutoff
 *    minus maxGapMs are trimmed too, as they can no longer pair with an accepted post. A segment joins each post to the next
 *    one in that order when they lie in different cells, 0 < dt <= maxGapMs and the haversine
 *    speed is within [minSpeedKmh, maxSpeedKmh]. It is timestamped at its arrival time.
 *  - Out of order: a late post is inserted at its place in the author's history, the segment
 *    that spanned it is withdrawn and the two segments around it are added (when valid). So the
 *    flows are the same as for in-order arrival, as long as the late post is newer than the
 *    oldest kept post of its author; a post older than that (with the history full) is ignored.
 *  - add(batch) is O(batch × HISTORY), allocation-free per post: tracks, segments and flows
 *    live in typed arrays (a fix or segment is a slot number, not an object); authors are
 *    numbered, flows (from, to) are numbered while they have segments. Stale authors are swept
 *    a few per insert (about four track visits per insert, so every track is seen at least
 *    once per tracks / 4 inserts).
 *  - flows(t0, t1) is incremental. For the last few window lengths asked, running per-flow
 *    totals are kept: segment count, latest arrival, and the distinct authors as an exact
 *    multiset of (flow, author) pairs (an open-addressing table), all kept up to date by add()
 *    (a new segment in the window counts in, a withdrawn one counts out). Asked again with the
 *    same length and the end moved forward (the clock), only the segments arriving between the
 *    old and new t0 (out) and t1 (in) are visited: O(segments in the moved edges + flows in the
 *    result). A new length, a backward move or a jump over half the window counts the window
 *    again from the minute buckets: O(segments arriving in the window). Everything is exact:
 *    count, authors and lastT equal a recount (lastT of a flow whose latest segment was
 *    withdrawn is looked up again, newest bucket first).
 *  - Memory: segments (by arrival time) and authors whose newest post is more than horizonMs
 *    (default 26 h) behind the newest post time seen are evicted; older late posts are dropped.
 *    Numbers of evicted segments and of flows without segments are reused.
 *  - The res-8 cells of a batch are shared with HexBins through batchCells (hexbins.ts), so
 *    feeding the same batch array to both pays latLngToCell once.
 */

import { cellToLatLng } from 'h3-js';
import { batchCells } from '../binning/hexbins';
import { distanceM, metresPerDegree } from '../geo/measure';
import type { LocatedPost } from '../posts/post';
import { evictLeastUsed } from '../binning/lru';

export interface Flow {
	from: string;
	to: string;
	/** Cell centres, [lon, lat]. */
	fromPos: [number, number];
	toPos: [number, number];
	/** Segments arriving in the window. */
	count: number;
	/** Distinct authors among them. */
	authors: number;
	/** Latest arrival time among them. */
	lastT: number;
}

export interface CorridorOptions {
	/** H3 resolution, default 8. */
	res?: number;
	/** Longest time between two posts that still makes a segment, default 3 h. */
	maxGapMs?: number;
	/** Faster than this is not plausible (teleport, bad location), default 160 km/h. */
	maxSpeedKmh?: number;
	/** Slower than this is not a movement, default 1 km/h. */
	minSpeedKmh?: number;
	/** Only posts located to within this radius count, default 1,000 m. */
	maxPrecisionM?: number;
	/** Keep segments up to this far behind the newest time seen, default 26 h. */
	horizonMs?: number;
}

/** Posts kept per author. */
export const HISTORY = 8;
const BUCKET_MS = 60_000;

/** Fixes stored per author: HISTORY plus one while a new one is inserted. */
const STRIDE = HISTORY + 1;
/** Running windows kept for flows() (least recently used dropped first). */
const MAX_WINDOWS = 3;

/** Segment numbers arriving in one minute (withdrawn ones stay listed, marked, until evicted). */
interface SegBucket {
	n: number;
	ids: Int32Array;
}

/** Running per-flow totals of segments arriving in [t0, t1), for one window length. */
interface FlowWindow {
	len: number;
	t0: number;
	t1: number;
	/** By flow number. */
	cnt: Int32Array;
	last: Float64Array;
	/** Distinct authors per flow number. */
	nAuth: Int32Array;
	/** (flow, author) → segments: exact distinct-author counting under removal. */
	pairs: PairCounts;
	/** Flows that may have segments (on[f] = 1 while listed). */
	on: Uint8Array;
	active: number[];
	/** Flows whose latest segment was withdrawn: their lastT is looked up again. */
	stale: number[];
	used: number;
}

/**
 * Multiset of (flow, author) number pairs: open addressing with linear probing and
 * backward-shift deletion, in typed arrays (no per-entry objects).
 */
class PairCounts {
	/** Per slot [flow, author, multiplicity]; multiplicity 0 = empty. Interleaved: one cache line. */
	private d = new Int32Array(3 * 1024);
	private mask = 1023;
	private size = 0;

	private home(f: number, a: number): number {
		let h = Math.imul(f, 0x9e3779b1) ^ Math.imul(a + 0x7f4a7c15, 0x85ebca77);
		h ^= h >>> 15;
		return Math.imul(h, 0x2c1b3c6d) & this.mask;
	}

	/** Add one; true when the pair is new. */
	inc(f: number, a: number): boolean {
		const d = this.d;
		let i = this.home(f, a);
		while (d[3 * i + 2] !== 0) {
			if (d[3 * i] === f && d[3 * i + 1] === a) {
				d[3 * i + 2]++;
				return false;
			}
			i = (i + 1) & this.mask;
		}
		d[3 * i] = f;
		d[3 * i + 1] = a;
		d[3 * i + 2] = 1;
		if (++this.size * 2 > this.mask) this.rehash((this.mask + 1) * 2);
		return true;
	}

	/** Remove one; true when the pair is gone. */
	dec(f: number, a: number): boolean {
		const d = this.d;
		let i = this.home(f, a);
		while (d[3 * i + 2] !== 0) {
			if (d[3 * i] === f && d[3 * i + 1] === a) break;
			i = (i + 1) & this.mask;
		}
		if (d[3 * i + 2] === 0) return false; // not held (cannot happen when used consistently)
		if (--d[3 * i + 2] > 0) return false;
		this.size--;
		// Backward-shift deletion: pull later entries of the probe run into the hole.
		let j = i;
		for (;;) {
			j = (j + 1) & this.mask;
			if (d[3 * j + 2] === 0) break;
			const k = this.home(d[3 * j], d[3 * j + 1]);
			if (i <= j ? i < k && k <= j : i < k || k <= j) continue;
			d[3 * i] = d[3 * j];
			d[3 * i + 1] = d[3 * j + 1];
			d[3 * i + 2] = d[3 * j + 2];
			d[3 * j + 2] = 0;
			i = j;
		}
		return true;
	}

	clear(): void {
		if (this.size > 0) this.d.fill(0);
		this.size = 0;
	}

	/** Make room for about `pairs` pairs without growing step by step. */
	reserve(pairs: number): void {
		let cap = this.mask + 1;
		while (cap < pairs * 2) cap *= 2;
		if (cap > this.mask + 1) this.rehash(cap);
	}

	private rehash(cap: number): void {
		const old = this.d;
		const d = (this.d = new Int32Array(3 * cap));
		this.mask = cap - 1;
		for (let i = 0; i < old.length; i += 3) {
			if (old[i + 2] === 0) continue;
			let j = this.home(old[i], old[i + 1]);
			while (d[3 * j + 2] !== 0) j = (j + 1) & this.mask;
			d[3 * j] = old[i];
			d[3 * j + 1] = old[i + 1];
			d[3 * j + 2] = old[i + 2];
		}
	}
}

function grownF64(a: Float64Array, n: number, fill = 0): Float64Array<ArrayBuffer> {
	const b = new Float64Array(Math.max(n, a.length * 2));
	if (fill !== 0) b.fill(fill);
	b.set(a);
	return b;
}

function grownI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
	const b = new Int32Array(Math.max(n, a.length * 2));
	b.set(a);
	return b;
}

function grownU8(a: Uint8Array, n: number): Uint8Array<ArrayBuffer> {
	const b = new Uint8Array(Math.max(n, a.length * 2));
	b.set(a);
	return b;
}

export class Corridors {
	readonly res: number;
	readonly maxGapMs: number;
	readonly maxSpeedKmh: number;
	readonly minSpeedKmh: number;
	readonly maxPrecisionM: number;
	readonly horizonMs: number;

	// Tracks: per author a slot of STRIDE fixes in (t, id) order, the newest last.
	private trackOf = new Map<string, number>();
	/** Slot → author (null when free). */
	private tName: (string | null)[] = [];
	/** Slot → author number (never reused, so distinct-author counts stay right). */
	private tAuthor = new Int32Array(256);
	private tLen = new Uint8Array(256);
	private freeTracks: number[] = [];
	private nextAuthor = 0;
	private fT = new Float64Array(256 * STRIDE);
	private fLon = new Float64Array(256 * STRIDE);
	private fLat = new Float64Array(256 * STRIDE);
	private fSeg = new Int32Array(256 * STRIDE).fill(-1);
	private fCell: string[] = new Array<string>(256 * STRIDE).fill('');
	private fPid: string[] = new Array<string>(256 * STRIDE).fill('');
	/** Next track slot the incremental sweep looks at. */
	private sweepAt = 0;

	// Segments, numbered; a number is reused once its bucket is evicted.
	/** Flow number, -1 once withdrawn. */
	private sFlow = new Int32Array(1024);
	private sAuthor = new Int32Array(1024);
	private sT = new Float64Array(1024);
	/** Track slot of the fix it starts from (to unlink it on eviction). */
	private sTrack = new Int32Array(1024);
	private nSegIds = 0;
	private freeSegs: number[] = [];
	private buckets = new Map<number, SegBucket>();

	// Flows, numbered while they have segments.
	private flowIdx = new Map<string, Map<string, number>>();
	private flFrom: string[] = [];
	private flTo: string[] = [];
	private flRefs = new Int32Array(256);
	private freeFlows: number[] = [];

	private windows: FlowWindow[] = [];
	private tick = 0;
	private centres = new Map<string, [number, number]>();
	private newest = -Infinity;
	private minB = Infinity;
	private maxB = -Infinity;
	private segments = 0;
	/** Inserts since the last sweep step. */
	private inserts = 0;
	private takes = new Uint8Array(1024);

	constructor(opts: CorridorOptions = {}) {
		this.res = opts.res ?? 8;
		this.maxGapMs = opts.maxGapMs ?? 3 * 3_600_000;
		this.maxSpeedKmh = opts.maxSpeedKmh ?? 160;
		this.minSpeedKmh = opts.minSpeedKmh ?? 1;
		this.maxPrecisionM = opts.maxPrecisionM ?? 1_000;
		this.horizonMs = opts.horizonMs ?? 26 * 3_600_000;
		if (!Number.isInteger(this.res) || this.res < 0 || this.res > 15) {
			throw new RangeError(`Corridors: bad res ${this.res}`);
		}
		if (!(this.horizonMs > 0)) throw new RangeError('Corridors: horizonMs must be > 0');
	}

	/** Segments currently held. */
	get size(): number {
		return this.segments;
	}

	clear(): void {
		this.trackOf.clear();
		this.tName = [];
		this.tLen.fill(0);
		this.freeTracks = [];
		this.fCell.fill('');
		this.fPid.fill('');
		this.fSeg.fill(-1);
		this.sweepAt = 0;
		this.nSegIds = 0;
		this.freeSegs = [];
		this.buckets.clear();
		this.flowIdx.clear();
		this.flFrom = [];
		this.flTo = [];
		this.flRefs.fill(0);
		this.freeFlows = [];
		this.windows = [];
		this.centres.clear();
		this.newest = -Infinity;
		this.minB = Infinity;
		this.maxB = -Infinity;
		this.segments = 0;
		this.inserts = 0;
	}

	add(posts: LocatedPost[]): void {
		for (const p of posts) {
			if (p.t > this.newest && Number.isFinite(p.t)) this.newest = p.t;
		}
		this.evict(posts.length);
		const cutoff = this.cutoff();
		// Which posts take part, before paying for their cells.
		let any = false;
		if (this.takes.length < posts.length) this.takes = new Uint8Array(posts.length * 2);
		const takes = this.takes;
		for (let j = 0; j < posts.length; j++) {
			const p = posts[j];
			const prec = p.precision_m ?? (p.method === 'gps' ? 0 : Infinity);
			const ok =
				!!p.pos &&
				!!p.author &&
				Number.isFinite(p.t) &&
				p.t >= cutoff &&
				prec <= this.maxPrecisionM;
			takes[j] = ok ? 1 : 0;
			any ||= ok;
		}
		if (!any) return;
		const cells = batchCells(posts, this.res, takes);
		for (let j = 0; j < posts.length; j++) {
			const cell = cells[j];
			if (!takes[j] || !cell) continue;
			const p = posts[j];
			this.insert(p.author, p.t, p.id, cell, p.pos![0], p.pos![1]);
		}
	}

	/**
	 * Flows with segments arriving in [t0, t1) and at least minAuthors (default 2) distinct
	 * authors; sorted by count desc, then authors desc, then lastT desc.
	 */
	flows(t0: number, t1: number, opts: { minAuthors?: number } = {}): Flow[] {
		const minAuthors = opts.minAuthors ?? 2;
		if (!(t1 > t0)) return [];
		const len = t1 - t0;
		let w: FlowWindow | undefined;
		if (Number.isFinite(len)) {
			w = this.windows.find((x) => x.len === len);
			if (w && t1 >= w.t1 && t0 >= w.t0 && t1 - w.t1 <= len / 2) {
				this.slide(w, t0, t1);
			} else {
				if (!w) {
					evictLeastUsed(this.windows, MAX_WINDOWS);
					w = this.newWindow(len);
					this.windows.push(w);
				}
				this.recount(w, t0, t1);
			}
			w.used = ++this.tick;
		} else {
			// A window of unbounded length: counted once, not kept.
			w = this.newWindow(len);
			this.recount(w, t0, t1);
		}
		if (w.stale.length) this.refreshLast(w);
		const out: Flow[] = [];
		const { cnt, last, nAuth, on, active } = w;
		let k = 0;
		for (let i = 0; i < active.length; i++) {
			const f = active[i];
			if (cnt[f] === 0) {
				on[f] = 0;
				continue;
			}
			active[k++] = f;
			const authors = nAuth[f];
			if (authors < minAuthors) continue;
			const from = this.flFrom[f];
			const to = this.flTo[f];
			out.push({
				from,
				to,
				fromPos: this.centre(from),
				toPos: this.centre(to),
				count: cnt[f],
				authors,
				lastT: last[f]
			});
		}
		active.length = k;
		out.sort(
			(x, y) =>
				y.count - x.count ||
				y.authors - x.authors ||
				y.lastT - x.lastT ||
				(x.from + x.to < y.from + y.to ? -1 : 1)
		);
		return out;
	}

	private newWindow(len: number): FlowWindow {
		const n = Math.max(256, this.flFrom.length);
		return {
			len,
			t0: NaN,
			t1: NaN,
			cnt: new Int32Array(n),
			last: new Float64Array(n).fill(-Infinity),
			nAuth: new Int32Array(n),
			pairs: new PairCounts(),
			on: new Uint8Array(n),
			active: [],
			stale: [],
			used: 0
		};
	}

	/**
	 * Count segment s into (sign 1) or out of (sign -1) window w when it arrives inside it.
	 * `withdrawn`: taken out while still inside the window, so lastT may have to be looked up.
	 */
	private apply(w: FlowWindow, s: number, sign: number, withdrawn: boolean): void {
		const t = this.sT[s];
		if (!(t >= w.t0 && t < w.t1)) return;
		const f = this.sFlow[s];
		if (f >= w.cnt.length) {
			const n = this.flFrom.length;
			w.cnt = grownI32(w.cnt, n);
			w.last = grownF64(w.last, n, -Infinity);
			w.on = grownU8(w.on, n);
			w.nAuth = grownI32(w.nAuth, n);
		}
		const a = this.sAuthor[s];
		if (sign > 0) {
			w.cnt[f]++;
			if (w.pairs.inc(f, a)) w.nAuth[f]++;
			if (t > w.last[f]) w.last[f] = t;
			if (w.on[f] === 0) {
				w.on[f] = 1;
				w.active.push(f);
			}
		} else {
			if (w.pairs.dec(f, a)) w.nAuth[f]--;
			if (--w.cnt[f] === 0) w.last[f] = -Infinity;
			else if (withdrawn && t >= w.last[f]) w.stale.push(f);
		}
	}

	/** Visit the live segments arriving in [a, b). */
	private eachSeg(a: number, b: number, fn: (s: number) => void): void {
		const first = Math.max(Math.floor(a / BUCKET_MS), this.minB);
		const last = Math.min(Math.ceil(b / BUCKET_MS) - 1, this.maxB);
		for (let x = first; x <= last; x++) {
			const bk = this.buckets.get(x);
			if (!bk) continue;
			const ids = bk.ids;
			for (let i = 0; i < bk.n; i++) {
				const s = ids[i];
				if (this.sFlow[s] < 0) continue;
				const t = this.sT[s];
				if (t >= a && t < b) fn(s);
			}
		}
	}

	private recount(w: FlowWindow, t0: number, t1: number): void {
		for (const f of w.active) {
			w.cnt[f] = 0;
			w.last[f] = -Infinity;
			w.nAuth[f] = 0;
			w.on[f] = 0;
		}
		w.pairs.clear();
		w.active.length = 0;
		w.stale.length = 0;
		w.t0 = t0;
		w.t1 = t1;
		let n = 0;
		const last = Math.min(Math.ceil(t1 / BUCKET_MS) - 1, this.maxB);
		for (let x = Math.max(Math.floor(t0 / BUCKET_MS), this.minB); x <= last; x++) {
			n += this.buckets.get(x)?.n ?? 0;
		}
		w.pairs.reserve(Math.min(n, 1 << 22));
		if (this.flFrom.length > w.cnt.length) {
			const k = this.flFrom.length;
			w.cnt = grownI32(w.cnt, k);
			w.last = grownF64(w.last, k, -Infinity);
			w.on = grownU8(w.on, k);
			w.nAuth = grownI32(w.nAuth, k);
		}
		// apply(w, s, 1), inlined.
		const { cnt, nAuth, pairs, on, active } = w;
		const lastT = w.last;
		const { sFlow, sT, sAuthor } = this;
		for (let x = Math.max(Math.floor(t0 / BUCKET_MS), this.minB); x <= last; x++) {
			const bk = this.buckets.get(x);
			if (!bk) continue;
			const ids = bk.ids;
			for (let i = 0; i < bk.n; i++) {
				const s = ids[i];
				const f = sFlow[s];
				const t = sT[s];
				if (f < 0 || !(t >= t0 && t < t1)) continue;
				cnt[f]++;
				if (pairs.inc(f, sAuthor[s])) nAuth[f]++;
				if (t > lastT[f]) lastT[f] = t;
				if (on[f] === 0) {
					on[f] = 1;
					active.push(f);
				}
			}
		}
	}

	/** Move a window forward (same length): segments leaving at t0 out, arriving before t1 in. */
	private slide(w: FlowWindow, t0: number, t1: number): void {
		if (t1 === w.t1) return;
		this.eachSeg(w.t0, Math.min(t0, w.t1), (s) => this.apply(w, s, -1, false));
		const from = Math.max(w.t1, t0);
		w.t0 = t0;
		w.t1 = t1;
		this.eachSeg(from, t1, (s) => this.apply(w, s, 1, false));
	}

	/** Look up lastT again for flows whose latest segment was withdrawn, newest bucket first. */
	private refreshLast(w: FlowWindow): void {
		const pending = new Set<number>();
		for (const f of w.stale) {
			if (w.cnt[f] > 0) {
				pending.add(f);
				w.last[f] = -Infinity;
			}
		}
		w.stale.length = 0;
		const first = Math.max(Math.floor(w.t0 / BUCKET_MS), this.minB);
		for (let x = Math.min(Math.ceil(w.t1 / BUCKET_MS) - 1, this.maxB); x >= first; x--) {
			if (pending.size === 0) break;
			const bk = this.buckets.get(x);
			if (!bk) continue;
			for (let i = 0; i < bk.n; i++) {
				const s = bk.ids[i];
				const f = this.sFlow[s];
				const t = this.sT[s];
				if (f < 0 || !pending.has(f) || !(t >= w.t0 && t < w.t1)) continue;
				if (t > w.last[f]) w.last[f] = t;
			}
			for (const f of pending) if (w.last[f] > -Infinity) pending.delete(f);
		}
	}

	private centre(cell: string): [number, number] {
		let c = this.centres.get(cell);
		if (!c) {
			if (this.centres.size >= 100_000) this.centres.clear();
			const [lat, lon] = cellToLatLng(cell);
			c = [lon, lat];
			this.centres.set(cell, c);
		}
		return [c[0], c[1]];
	}

	private newTrack(author: string): number {
		let slot = this.freeTracks.pop();
		if (slot === undefined) {
			slot = this.tName.length;
			this.tName.push(null);
			if (slot >= this.tLen.length) {
				const n = this.tLen.length * 2;
				this.tLen = grownU8(this.tLen, n);
				this.tAuthor = grownI32(this.tAuthor, n);
				this.fT = grownF64(this.fT, n * STRIDE);
				this.fLon = grownF64(this.fLon, n * STRIDE);
				this.fLat = grownF64(this.fLat, n * STRIDE);
				const old = this.fSeg.length;
				this.fSeg = grownI32(this.fSeg, n * STRIDE);
				this.fSeg.fill(-1, old);
				for (let k = old; k < this.fSeg.length; k++) {
					this.fCell.push('');
					this.fPid.push('');
				}
			}
		}
		this.tName[slot] = author;
		this.tAuthor[slot] = this.nextAuthor++;
		this.tLen[slot] = 0;
		this.trackOf.set(author, slot);
		return slot;
	}

	private insert(
		author: string,
		t: number,
		id: string,
		cell: string,
		lon: number,
		lat: number
	): void {
		let slot = this.trackOf.get(author);
		if (slot === undefined) slot = this.newTrack(author);
		this.inserts++;
		const base = slot * STRIDE;
		const fT = this.fT;
		const fPid = this.fPid;
		let len = this.tLen[slot];
		// Insertion point by (t, id), searching from the newest end.
		let i = len;
		while (i > 0) {
			const j = base + i - 1;
			if (fT[j] < t || (fT[j] === t && fPid[j] <= id)) break;
			i--;
		}
		if (i > 0) {
			const j = base + i - 1;
			if (fT[j] === t && fPid[j] === id) return; // duplicate
		}
		if (i === 0 && len >= HISTORY) return; // older than the kept history
		for (let k = base + len; k > base + i; k--) this.moveFix(k - 1, k);
		const at = base + i;
		fT[at] = t;
		fPid[at] = id;
		this.fCell[at] = cell;
		this.fLon[at] = lon;
		this.fLat[at] = lat;
		this.fSeg[at] = -1;
		len++;
		if (i > 0) {
			this.removeSeg(this.fSeg[at - 1]);
			this.fSeg[at - 1] = this.makeSeg(slot, at - 1, at);
		}
		if (i + 1 < len) this.fSeg[at] = this.makeSeg(slot, at, at + 1);
		// Bounded history: at most HISTORY posts, none that can no longer pair with an accepted
		// post (older than the horizon cutoff minus maxGap). A dropped fix's segment stays: it
		// was valid and is history now.
		this.tLen[slot] = len;
		this.trim(slot, this.cutoff() - this.maxGapMs);
	}

	/** Drop the oldest fixes of a track beyond HISTORY or older than `stale` (keeping one). */
	private trim(slot: number, stale: number): void {
		const base = slot * STRIDE;
		const len = this.tLen[slot];
		let drop = 0;
		while (len - drop > HISTORY || (len - drop > 1 && this.fT[base + drop] < stale)) drop++;
		if (drop === 0) return;
		for (let k = drop; k < len; k++) this.moveFix(base + k, base + k - drop);
		this.tLen[slot] = len - drop;
	}

	private moveFix(from: number, to: number): void {
		this.fT[to] = this.fT[from];
		this.fPid[to] = this.fPid[from];
		this.fCell[to] = this.fCell[from];
		this.fLon[to] = this.fLon[from];
		this.fLat[to] = this.fLat[from];
		this.fSeg[to] = this.fSeg[from];
	}

	/** The segment from fix a to fix b (positions in the fix arrays) if valid, else -1. */
	private makeSeg(slot: number, a: number, b: number): number {
		const from = this.fCell[a];
		const to = this.fCell[b];
		if (from === to) return -1;
		const tb = this.fT[b];
		const dt = tb - this.fT[a];
		if (!(dt > 0) || dt > this.maxGapMs) return -1;
		const kmh =
			distanceM(this.fLon[a], this.fLat[a], this.fLon[b], this.fLat[b]) / 1000 / (dt / 3_600_000);
		if (kmh < this.minSpeedKmh || kmh > this.maxSpeedKmh) return -1;
		const bi = Math.floor(tb / BUCKET_MS);
		if (tb < this.cutoff()) return -1;
		// The flow number of (from, to).
		let byTo = this.flowIdx.get(from);
		if (!byTo) {
			byTo = new Map();
			this.flowIdx.set(from, byTo);
		}
		let f = byTo.get(to);
		if (f === undefined) {
			f = this.freeFlows.pop();
			if (f === undefined) {
				f = this.flFrom.length;
				this.flFrom.push(from);
				this.flTo.push(to);
				if (f >= this.flRefs.length) this.flRefs = grownI32(this.flRefs, f + 1);
			} else {
				this.flFrom[f] = from;
				this.flTo[f] = to;
			}
			byTo.set(to, f);
		}
		this.flRefs[f]++;
		// A segment number.
		let s = this.freeSegs.pop();
		if (s === undefined) {
			s = this.nSegIds++;
			if (s >= this.sFlow.length) {
				const n = this.sFlow.length * 2;
				this.sFlow = grownI32(this.sFlow, n);
				this.sAuthor = grownI32(this.sAuthor, n);
				this.sT = grownF64(this.sT, n);
				this.sTrack = grownI32(this.sTrack, n);
			}
		}
		this.sFlow[s] = f;
		this.sAuthor[s] = this.tAuthor[slot];
		this.sT[s] = tb;
		this.sTrack[s] = slot;
		let bk = this.buckets.get(bi);
		if (!bk) {
			bk = { n: 0, ids: new Int32Array(64) };
			this.buckets.set(bi, bk);
			if (bi < this.minB) this.minB = bi;
			if (bi > this.maxB) this.maxB = bi;
		}
		if (bk.n === bk.ids.length) bk.ids = grownI32(bk.ids, bk.n * 2);
		bk.ids[bk.n++] = s;
		this.segments++;
		for (const w of this.windows) this.apply(w, s, 1, false);
		return s;
	}

	/** Withdraw a live segment (it stays listed in its bucket, marked, until evicted). */
	private removeSeg(s: number): void {
		if (s < 0 || this.sFlow[s] < 0) return;
		for (const w of this.windows) this.apply(w, s, -1, true);
		this.unref(this.sFlow[s]);
		this.sFlow[s] = -1;
		this.segments--;
	}

	/** One segment fewer of flow f; its number is freed with the last one. */
	private unref(f: number): void {
		if (--this.flRefs[f] > 0) return;
		const byTo = this.flowIdx.get(this.flFrom[f])!;
		byTo.delete(this.flTo[f]);
		if (byTo.size === 0) this.flowIdx.delete(this.flFrom[f]);
		this.freeFlows.push(f);
	}

	private cutoff(): number {
		return this.newest - this.horizonMs;
	}

	private evict(batch: number): void {
		const cutoff = this.cutoff();
		if (!Number.isFinite(cutoff)) return;
		// Segments arrive at t >= cutoff only; drop buckets that end at or before it.
		const firstKeep = Math.floor(cutoff / BUCKET_MS);
		if (this.minB < firstKeep) {
			// Running windows reaching below the kept range would miss what is dropped.
			const keepT = firstKeep * BUCKET_MS;
			this.windows = this.windows.filter((w) => w.t0 >= keepT);
			if (firstKeep - this.minB <= this.buckets.size) {
				for (let b = this.minB; b < firstKeep; b++) this.dropBucket(b);
			} else {
				for (const b of [...this.buckets.keys()]) if (b < firstKeep) this.dropBucket(b);
			}
			this.minB = firstKeep;
		}
		// A few tracks per insert (amortised O(1) per post, about four visits per insert, so
		// every track is seen at least once per tracks / 4 inserts): drop authors with nothing
		// left inside the horizon and trim posts that can no longer pair with an accepted one.
		const n = this.tName.length;
		if (n === 0) return;
		let budget = Math.min(n, 4 * (this.inserts + batch) + 16);
		this.inserts = 0;
		const stale = cutoff - this.maxGapMs;
		while (budget-- > 0) {
			if (this.sweepAt >= this.tName.length) this.sweepAt = 0;
			const slot = this.sweepAt++;
			const author = this.tName[slot];
			if (author === null) continue;
			const len = this.tLen[slot];
			if (this.fT[slot * STRIDE + len - 1] < cutoff) {
				this.trackOf.delete(author);
				this.tName[slot] = null;
				this.tLen[slot] = 0;
				this.freeTracks.push(slot);
			} else {
				this.trim(slot, stale);
			}
		}
	}

	private dropBucket(b: number): void {
		const bk = this.buckets.get(b);
		if (!bk) return;
		this.buckets.delete(b);
		for (let i = 0; i < bk.n; i++) {
			const s = bk.ids[i];
			if (this.sFlow[s] >= 0) {
				this.unref(this.sFlow[s]);
				this.sFlow[s] = -1;
				this.segments--;
			}
			// Unlink it from the fix that may still point to it, then free the number.
			const base = this.sTrack[s] * STRIDE;
			for (let k = base; k < base + STRIDE; k++) if (this.fSeg[k] === s) this.fSeg[k] = -1;
			this.freeSegs.push(s);
		}
	}
}

/**
 * A closed triangle ring [tip, left, right, tip] (counter-clockwise, lon/lat) with its tip at
 * `to`, pointing along from→to, sizeM long and sizeM wide at the base. Directions are taken in
 * local metres at `to` (longitude scaled by cos(lat)), so the arrow is not squashed at 52°N.
 * Returns [] when from and to coincide (no direction).
 */
export function arrowHead(
	from: [number, number],
	to: [number, number],
	sizeM: number
): [number, number][] {
	const [kx, ky] = metresPerDegree(to[1]);
	const dx = (to[0] - from[0]) * kx;
	const dy = (to[1] - from[1]) * ky;
	const len = Math.hypot(dx, dy);
	if (!(len > 0) || !(sizeM > 0)) return [];
	const ux = dx / len;
	const uy = dy / len;
	// Base centre sizeM behind the tip; left normal (-uy, ux).
	const bx = -ux * sizeM;
	const by = -uy * sizeM;
	const hw = sizeM / 2;
	const tip: [number, number] = [to[0], to[1]];
	const left: [number, number] = [to[0] + (bx - uy * hw) / kx, to[1] + (by + ux * hw) / ky];
	const right: [number, number] = [to[0] + (bx + uy * hw) / kx, to[1] + (by - ux * hw) / ky];
	return [tip, left, right, [to[0], to[1]]];
}

/**
 * The line from flow.fromPos to flow.toPos with trimM metres (default 150) cut off at both ends,
 * so the line and its arrow stay clear of the hexagon centres. When the line is shorter than
 * 4 × trimM, a quarter of its length is cut at each end instead, so it never vanishes.
 */
export function flowPath(flow: Flow, trimM = 150): [number, number][] {
	const [x0, y0] = flow.fromPos;
	const [x1, y1] = flow.toPos;
	const len = distanceM(x0, y0, x1, y1);
	if (!(len > 0))
		return [
			[x0, y0],
			[x1, y1]
		];
	const trim = Math.min(Math.max(0, trimM), len / 4);
	const f = trim / len;
	return [
		[x0 + (x1 - x0) * f, y0 + (y1 - y0) * f],
		[x1 - (x1 - x0) * f, y1 - (y1 - y0) * f]
	];
}
