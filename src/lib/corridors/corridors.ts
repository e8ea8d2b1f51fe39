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
 *  - add(batch) is O(batch × HISTORY) (amortised: stale authors are swept once per
 *    max(1024, authors / 4) inserts); flows(t0, t1) is O(segments arriving in the window).
 *  - Memory: segments (by arrival time) and authors whose newest post is more than horizonMs
 *    (default 26 h) behind the newest post time seen are evicted; older late posts are dropped.
 *  - The res-8 cells of a batch are shared with HexBins through batchCells (hexbins.ts), so
 *    feeding the same batch array to both pays latLngToCell once.
 */

import { cellToLatLng } from 'h3-js';
import { batchCells } from '../binning/hexbins';
import type { LocatedPost } from '../posts/post';

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
const EARTH_RADIUS_M = 6_371_008.8;
/** Metres per degree of latitude (and of longitude at the equator), spherical earth. */
const M_PER_DEG = (Math.PI / 180) * EARTH_RADIUS_M;
const RAD = Math.PI / 180;

interface Segment {
	from: string;
	to: string;
	author: string;
	/** Arrival time. */
	t: number;
	/** Bucket index of t. */
	b: number;
}

interface FlowAgg {
	from: string;
	to: string;
	count: number;
	/** The first author; authors holds them all once there is a second. */
	author: string;
	authors: Set<string> | null;
	lastT: number;
}

interface Fix {
	t: number;
	id: string;
	cell: string;
	/** The post's own pos array (not copied). */
	pos: [number, number];
	/** Segment from this fix to the next one in the author's history, if valid. */
	seg: Segment | null;
}

/** Great-circle distance in metres between [lon, lat] points. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const dLat = (lat2 - lat1) * RAD;
	const dLon = (lon2 - lon1) * RAD;
	const s1 = Math.sin(dLat / 2);
	const s2 = Math.sin(dLon / 2);
	const a = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export class Corridors {
	readonly res: number;
	readonly maxGapMs: number;
	readonly maxSpeedKmh: number;
	readonly minSpeedKmh: number;
	readonly maxPrecisionM: number;
	readonly horizonMs: number;
	/** Per author the kept posts in (t, id) order, the newest last. */
	private tracks = new Map<string, Fix[]>();
	private buckets = new Map<number, Set<Segment>>();
	private centres = new Map<string, [number, number]>();
	private newest = -Infinity;
	private minB = Infinity;
	private maxB = -Infinity;
	private segments = 0;
	/** Inserts since the last sweep of stale tracks. */
	private inserts = 0;

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
		this.tracks.clear();
		this.buckets.clear();
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
		this.evict();
		const cutoff = this.cutoff();
		// Which posts take part, before paying for their cells.
		let any = false;
		const takes = new Array<boolean>(posts.length);
		for (let j = 0; j < posts.length; j++) {
			const p = posts[j];
			const prec = p.precision_m ?? (p.method === 'gps' ? 0 : Infinity);
			takes[j] =
				!!p.pos &&
				!!p.author &&
				Number.isFinite(p.t) &&
				p.t >= cutoff &&
				prec <= this.maxPrecisionM;
			any ||= takes[j];
		}
		if (!any) return;
		const cells = batchCells(posts, this.res, takes);
		for (let j = 0; j < posts.length; j++) {
			const cell = cells[j];
			if (!takes[j] || !cell) continue;
			const p = posts[j];
			this.insert(p.author, {
				t: p.t,
				id: p.id,
				cell,
				pos: p.pos!,
				seg: null
			});
		}
	}

	/**
	 * Flows with segments arriving in [t0, t1) and at least minAuthors (default 2) distinct
	 * authors; sorted by count desc, then authors desc, then lastT desc.
	 */
	flows(t0: number, t1: number, opts: { minAuthors?: number } = {}): Flow[] {
		const minAuthors = opts.minAuthors ?? 2;
		if (!(t1 > t0)) return [];
		// from → to → aggregate; a Set of authors only once a second author shows up.
		const agg = new Map<string, Map<string, FlowAgg>>();
		const first = Math.max(Math.floor(t0 / BUCKET_MS), this.minB);
		const last = Math.min(Math.ceil(t1 / BUCKET_MS) - 1, this.maxB);
		for (let b = first; b <= last; b++) {
			const set = this.buckets.get(b);
			if (!set) continue;
			for (const s of set) {
				if (s.t < t0 || s.t >= t1) continue;
				let byTo = agg.get(s.from);
				if (!byTo) {
					byTo = new Map();
					agg.set(s.from, byTo);
				}
				const a = byTo.get(s.to);
				if (!a) {
					byTo.set(s.to, {
						from: s.from,
						to: s.to,
						count: 1,
						author: s.author,
						authors: null,
						lastT: s.t
					});
					continue;
				}
				a.count++;
				if (s.t > a.lastT) a.lastT = s.t;
				if (a.authors) a.authors.add(s.author);
				else if (s.author !== a.author) a.authors = new Set([a.author, s.author]);
			}
		}
		const out: Flow[] = [];
		for (const byTo of agg.values()) {
			for (const a of byTo.values()) {
				const authors = a.authors ? a.authors.size : 1;
				if (authors < minAuthors) continue;
				out.push({
					from: a.from,
					to: a.to,
					fromPos: this.centre(a.from),
					toPos: this.centre(a.to),
					count: a.count,
					authors,
					lastT: a.lastT
				});
			}
		}
		out.sort(
			(x, y) =>
				y.count - x.count ||
				y.authors - x.authors ||
				y.lastT - x.lastT ||
				(x.from + x.to < y.from + y.to ? -1 : 1)
		);
		return out;
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

	private insert(author: string, fix: Fix): void {
		let fixes = this.tracks.get(author);
		if (!fixes) {
			fixes = [];
			this.tracks.set(author, fixes);
		}
		this.inserts++;
		// Insertion point by (t, id), searching from the newest end.
		let i = fixes.length;
		while (i > 0) {
			const f = fixes[i - 1];
			if (f.t < fix.t || (f.t === fix.t && f.id <= fix.id)) break;
			i--;
		}
		if (i > 0) {
			const f = fixes[i - 1];
			if (f.t === fix.t && f.id === fix.id) return; // duplicate
		}
		if (i === 0 && fixes.length >= HISTORY) return; // older than the kept history
		fixes.splice(i, 0, fix);
		const prev = i > 0 ? fixes[i - 1] : undefined;
		const next = i + 1 < fixes.length ? fixes[i + 1] : undefined;
		if (prev) {
			this.removeSeg(prev.seg);
			prev.seg = this.makeSeg(author, prev, fix);
		}
		if (next) fix.seg = this.makeSeg(author, fix, next);
		// Bounded history: at most HISTORY posts, none that can no longer pair with an accepted
		// post (older than the horizon cutoff minus maxGap). A dropped fix's segment stays: it
		// was valid and is history now.
		const stale = this.cutoff() - this.maxGapMs;
		while (fixes.length > HISTORY || (fixes.length > 1 && fixes[0].t < stale)) fixes.shift();
	}

	private makeSeg(author: string, a: Fix, b: Fix): Segment | null {
		if (a.cell === b.cell) return null;
		const dt = b.t - a.t;
		if (!(dt > 0) || dt > this.maxGapMs) return null;
		const kmh = haversineM(a.pos[0], a.pos[1], b.pos[0], b.pos[1]) / 1000 / (dt / 3_600_000);
		if (kmh < this.minSpeedKmh || kmh > this.maxSpeedKmh) return null;
		const bi = Math.floor(b.t / BUCKET_MS);
		if (b.t < this.cutoff()) return null;
		const seg: Segment = { from: a.cell, to: b.cell, author, t: b.t, b: bi };
		let set = this.buckets.get(bi);
		if (!set) {
			set = new Set();
			this.buckets.set(bi, set);
			if (bi < this.minB) this.minB = bi;
			if (bi > this.maxB) this.maxB = bi;
		}
		set.add(seg);
		this.segments++;
		return seg;
	}

	private removeSeg(seg: Segment | null): void {
		if (!seg) return;
		const set = this.buckets.get(seg.b);
		if (set && set.delete(seg)) this.segments--;
	}

	private cutoff(): number {
		return this.newest - this.horizonMs;
	}

	private evict(): void {
		const cutoff = this.cutoff();
		if (!Number.isFinite(cutoff)) return;
		// Segments arrive at t >= cutoff only; drop buckets that end at or before it.
		const firstKeep = Math.floor(cutoff / BUCKET_MS);
		if (this.minB < firstKeep) {
			const drop = (b: number): void => {
				const set = this.buckets.get(b);
				if (!set) return;
				this.segments -= set.size;
				this.buckets.delete(b);
			};
			if (firstKeep - this.minB <= this.buckets.size) {
				for (let b = this.minB; b < firstKeep; b++) drop(b);
			} else {
				for (const b of [...this.buckets.keys()]) if (b < firstKeep) drop(b);
			}
			this.minB = firstKeep;
		}
		// Once per tracks.size / 4 inserts (amortised O(1) per post), drop authors with nothing
		// left inside the horizon and trim posts that can no longer pair with an accepted one.
		if (this.inserts >= Math.max(1024, this.tracks.size / 4)) {
			this.inserts = 0;
			const stale = cutoff - this.maxGapMs;
			for (const [author, fixes] of this.tracks) {
				if (fixes[fixes.length - 1].t < cutoff) this.tracks.delete(author);
				else while (fixes.length > 1 && fixes[0].t < stale) fixes.shift();
			}
		}
	}
}

/** Local metres per degree of longitude and latitude at a latitude. */
function scaleAt(lat: number): [number, number] {
	return [M_PER_DEG * Math.cos(lat * RAD), M_PER_DEG];
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
	const [kx, ky] = scaleAt(to[1]);
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
	const len = haversineM(x0, y0, x1, y1);
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
