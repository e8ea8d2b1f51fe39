/**
 * The aggregated views of the stream (H3 counts, corridors, event-area rates), behind one
 * interface with two implementations: `LocalAnalyses` runs them in the calling thread (Node,
 * tests, a worker), and the browser runs that same class inside a Web Worker
 * (`analysis-worker.ts`) through `WorkerAnalyses`, so the main thread only packs each batch into
 * typed arrays and transfers them. Pure module (no DOM, deck.gl or MapLibre imports).
 */
import { AreaStats, type AreaDef, type AreaStat } from '../areas/areas';
import { HexBins, type HexCount } from '../binning/hexbins';
import { Corridors, type Flow } from '../corridors/corridors';
import type { LocatedPost, LocateMethod } from '../posts/post';

export const HISTORY_MS = 25 * 3_600_000;
export const HEX_RES_COARSE = 7;
export const HEX_RES_FINE = 8;
export const CORRIDOR_RES = 8;

export interface AnalysisViews {
	hexes: HexCount[];
	hexRes: number;
	flows: Flow[];
	areas: AreaStat[];
	/**
	 * The time the area rates are measured at: the view's time, or the newest post received when
	 * the data lags behind it (a fast replay, an outage), so that rates never count minutes for
	 * which no data has arrived yet as minutes without posts.
	 */
	areasAt: number;
	/** Time spent in add() by the analyses since the previous views, per batch (ms). */
	addMs: number[];
}

export interface Analyses {
	add(posts: LocatedPost[]): void;
	/** Replace everything with these posts, in time order (after a newest-first backfill). */
	rebuild(posts: LocatedPost[]): void;
	reset(): void;
	/** Watch these areas from the next reset on (the role changed: its areas differ). */
	setAreas(areas: AreaDef[]): void;
	views(now: number, windowMs: number, zoom: number): Promise<AnalysisViews>;
	dispose(): void;
}

export function hexResForZoom(zoom: number): number {
	return zoom >= 12 ? HEX_RES_FINE : HEX_RES_COARSE;
}

/** The analyses in this thread. */
export class LocalAnalyses implements Analyses {
	private hex = new HexBins({ resolutions: [HEX_RES_COARSE, HEX_RES_FINE], horizonMs: HISTORY_MS });
	private corridors = new Corridors({ res: CORRIDOR_RES, horizonMs: HISTORY_MS });
	private areaStats: AreaStats;
	private addMs: number[] = [];

	constructor(private areas: AreaDef[]) {
		this.areaStats = new AreaStats(areas, { horizonMs: HISTORY_MS });
	}

	add(posts: LocatedPost[]): void {
		const t0 = performance.now();
		this.hex.add(posts);
		this.corridors.add(posts);
		this.areaStats.add(posts);
		this.addMs.push(performance.now() - t0);
		if (this.addMs.length > 1000) this.addMs.splice(0, 500);
	}

	rebuild(posts: LocatedPost[]): void {
		this.corridors.clear();
		for (let i = 0; i < posts.length; i += 10_000) this.corridors.add(posts.slice(i, i + 10_000));
	}

	reset(): void {
		this.hex.clear();
		this.corridors.clear();
		this.areaStats = new AreaStats(this.areas, { horizonMs: HISTORY_MS });
	}

	setAreas(areas: AreaDef[]): void {
		this.areas = areas;
	}

	viewsNow(now: number, windowMs: number, zoom: number): AnalysisViews {
		const t0 = now - windowMs;
		const hexRes = hexResForZoom(zoom);
		const addMs = this.addMs;
		this.addMs = [];
		const newest = this.areaStats.newestTime;
		const areasAt = newest > -Infinity ? Math.min(now, newest) : now;
		return {
			hexRes,
			hexes: this.hex.query(hexRes, t0, now),
			flows: this.corridors.flows(t0, now),
			areas: this.areaStats.stats(areasAt),
			areasAt,
			addMs
		};
	}

	views(now: number, windowMs: number, zoom: number): Promise<AnalysisViews> {
		return Promise.resolve(this.viewsNow(now, windowMs, zoom));
	}

	dispose(): void {}
}

// --- Transfer format between the main thread and the worker -------------------------------

const METHODS: readonly LocateMethod[] = ['gps', 'place', 'text', 'none', 'manual'];

/** A batch of located posts as typed arrays: what the analyses read, nothing more. */
export interface PackedBatch {
	n: number;
	t: Float64Array;
	/** lon, lat pairs. */
	pos: Float64Array;
	precision: Float32Array;
	method: Uint8Array;
	/** Small integer per author (AuthorIds), the pseudonymous key the corridors follow. */
	author: Int32Array;
	/** Serial number per post, unique within the stream (duplicates were dropped before). */
	serial: Float64Array;
}

/** Numbers authors for transfer; ids stay stable for the life of the stream. */
export class AuthorIds {
	private ids = new Map<string, number>();
	id(author: string): number {
		let id = this.ids.get(author);
		if (id === undefined) {
			id = this.ids.size;
			this.ids.set(author, id);
		}
		return id;
	}
	clear(): void {
		this.ids.clear();
	}
}

let serial = 0;

/** Pack located posts (each with pos) for transfer. */
export function packBatch(posts: LocatedPost[], authors: AuthorIds): PackedBatch {
	const n = posts.length;
	const b: PackedBatch = {
		n,
		t: new Float64Array(n),
		pos: new Float64Array(2 * n),
		precision: new Float32Array(n),
		method: new Uint8Array(n),
		author: new Int32Array(n),
		serial: new Float64Array(n)
	};
	for (let i = 0; i < n; i++) {
		const p = posts[i];
		b.t[i] = p.t;
		b.pos[2 * i] = p.pos![0];
		b.pos[2 * i + 1] = p.pos![1];
		b.precision[i] = p.precision_m ?? (p.method === 'gps' ? 0 : Infinity);
		b.method[i] = METHODS.indexOf(p.method);
		b.author[i] = authors.id(p.author);
		b.serial[i] = serial++;
	}
	return b;
}

/** The transferable buffers of a packed batch. */
export function transferables(b: PackedBatch): ArrayBuffer[] {
	return [b.t, b.pos, b.precision, b.method, b.author, b.serial].map(
		(a) => a.buffer as ArrayBuffer
	);
}

/** Light post objects from a packed batch, with the fields the analyses read. */
export function unpackBatch(b: PackedBatch): LocatedPost[] {
	const out: LocatedPost[] = new Array(b.n);
	for (let i = 0; i < b.n; i++) {
		out[i] = {
			id: String(b.serial[i]),
			source: 'other',
			author: String(b.author[i]),
			created_at: '',
			text: '',
			t: b.t[i],
			method: METHODS[b.method[i]],
			pos: [b.pos[2 * i], b.pos[2 * i + 1]],
			precision_m: b.precision[i]
		};
	}
	return out;
}

export type ToWorker =
	| { type: 'init'; areas: AreaDef[] }
	| { type: 'add'; batch: PackedBatch }
	| { type: 'rebuild'; batch: PackedBatch }
	| { type: 'reset' }
	| { type: 'setAreas'; areas: AreaDef[] }
	| { type: 'views'; id: number; now: number; windowMs: number; zoom: number };

export type FromWorker =
	{ type: 'views'; id: number; views: AnalysisViews } | { type: 'error'; message: string };
