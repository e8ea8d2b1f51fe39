/**
 * Per-cell state of the surge and convergence signals: a learned baseline (posts by local hour
 * of day, bounded by geography, not by time) and live ring buffers (5-minute bins over the last
 * hour, recent posts for authors and evidence) that are freed when the cell goes cold.
 * Pure module.
 */

import { localHour } from '../time/amsterdam';

export const BIN_MS = 300_000;
/** Bins kept per cell: 12 x 5 min = the longest window, 60 min. */
export const NB = 12;

/** Recent posts of a cell (or arrivals): a ring that grows from 8 up to `max` entries. */
export class Recent {
	ids: string[] = [];
	authors: string[] = [];
	t: Float64Array;
	lon: Float64Array;
	lat: Float64Array;
	/** Distance travelled (arrivals) or cue weight; 0 otherwise. */
	w: Float64Array;
	head = 0;
	len = 0;
	cap: number;
	constructor(
		private max: number,
		initial = 8
	) {
		this.cap = initial;
		this.t = new Float64Array(initial);
		this.lon = new Float64Array(initial);
		this.lat = new Float64Array(initial);
		this.w = new Float64Array(initial);
	}
	push(id: string, author: string, t: number, lon: number, lat: number, w: number): void {
		if (this.len === this.cap && this.cap < this.max) this.grow();
		const i = (this.head + this.len) % this.cap;
		if (this.len < this.cap) this.len++;
		else this.head = (this.head + 1) % this.cap;
		this.ids[i] = id;
		this.authors[i] = author;
		this.t[i] = t;
		this.lon[i] = lon;
		this.lat[i] = lat;
		this.w[i] = w;
	}
	private grow(): void {
		const n = Math.min(this.max, this.cap * 2);
		const ids: string[] = [];
		const authors: string[] = [];
		const t = new Float64Array(n);
		const lon = new Float64Array(n);
		const lat = new Float64Array(n);
		const w = new Float64Array(n);
		for (let k = 0; k < this.len; k++) {
			const i = (this.head + k) % this.cap;
			ids[k] = this.ids[i];
			authors[k] = this.authors[i];
			t[k] = this.t[i];
			lon[k] = this.lon[i];
			lat[k] = this.lat[i];
			w[k] = this.w[i];
		}
		this.ids = ids;
		this.authors = authors;
		this.t = t;
		this.lon = lon;
		this.lat = lat;
		this.w = w;
		this.head = 0;
		this.cap = n;
	}
	/** Entries with t in [t0, t1], newest first, as ring indexes. */
	since(t0: number, t1: number): number[] {
		const out: number[] = [];
		for (let k = this.len - 1; k >= 0; k--) {
			const i = (this.head + k) % this.cap;
			if (this.t[i] >= t0 && this.t[i] <= t1) out.push(i);
		}
		return out;
	}
}

/** A window's figures for one cell, after the scan test. */
export interface WindowStat {
	/** Window length in bins. */
	bins: number;
	count: number;
	expected: number;
	llr: number;
	log10p: number;
}

export class Cell {
	/** Learned posts by local hour of day (history and the stream's closed hours). */
	hc = new Float32Array(24);
	tc = 0;
	/** The open hour (absolute hour number) and its count, folded into hc when it closes. */
	pendHour = -1;
	pendCount = 0;
	/** Live part; null when cold. */
	bins: Int32Array | null = null;
	counts: Uint16Array | null = null;
	recent: Recent | null = null;
	/** Arrivals of authors from elsewhere (res-7 cells only, for convergence). */
	arrivals: Recent | null = null;
	/** Arrivals per bin (all of them; the ring above keeps the last 512). */
	arrivalBins: GlobalBins | null = null;
	/** Stream time of the last full convergence evaluation (authors counted). */
	lastConvT = -Infinity;
	lastT = -Infinity;
	/** Stream time of the last full surge evaluation (authors counted). */
	lastEvalT = -Infinity;
	lon = NaN;
	lat = NaN;
	/** Radius of an alert on this cell, m (set for the place layer: the place's precision). */
	radiusM = 0;
	constructor(
		readonly key: string,
		readonly res: number,
		readonly parent: Cell | null
	) {}

	warm(recentMax: number): void {
		if (!this.bins) {
			this.bins = new Int32Array(NB).fill(-1);
			this.counts = new Uint16Array(NB);
			this.recent = new Recent(recentMax);
		}
	}

	cool(): void {
		this.bins = null;
		this.counts = null;
		this.recent = null;
		this.arrivals = null;
		this.arrivalBins = null;
	}

	addBin(bin: number): void {
		const bins = this.bins!;
		const s = bin % NB;
		if (bins[s] !== bin) {
			if (bins[s] > bin) return; // older than the ring holds
			bins[s] = bin;
			this.counts![s] = 0;
		}
		if (this.counts![s] < 65535) this.counts![s]++;
	}

	/** Count over `n` bins ending at bin `end`. */
	sum(end: number, n: number): number {
		const bins = this.bins;
		if (!bins) return 0;
		let c = 0;
		for (let k = 0; k < n; k++) {
			const b = end - k;
			const s = b % NB;
			if (bins[s] === b) c += this.counts![s];
		}
		return c;
	}
}

/** A ring of counts per bin: all gps posts (to scale a cell's share to the current volume), or a
 * cell's arrivals. */
export class GlobalBins {
	bins = new Int32Array(NB).fill(-1);
	counts = new Float64Array(NB);
	add(bin: number): void {
		const s = bin % NB;
		if (this.bins[s] !== bin) {
			if (this.bins[s] > bin) return;
			this.bins[s] = bin;
			this.counts[s] = 0;
		}
		this.counts[s]++;
	}
	sum(end: number, n: number): number {
		let c = 0;
		for (let k = 0; k < n; k++) {
			const b = end - k;
			const s = b % NB;
			if (this.bins[s] === b) c += this.counts[s];
		}
		return c;
	}
}

const HOUR_MS = 3_600_000;

/** Global counts of one scan layer (gps posts, or posts located to a named place): posts by
 * local hour of day (learned) and by absolute hour (the last 48), and the live bins. */
export class Layer {
	hc = new Float64Array(24);
	tc = 0;
	hourAt = new Int32Array(48).fill(-1);
	hourCount = new Float64Array(48);
	pendHour = -1;
	pend = 0;
	bins = new GlobalBins();

	/** Posts in absolute hour h, if it is among the last 48. */
	countAt(h: number): number {
		const s = ((h % 48) + 48) % 48;
		return this.hourAt[s] === h ? this.hourCount[s] : 0;
	}

	/** Count a post at t; its hour of day is learned when the hour closes. */
	count(t: number): void {
		const ah = Math.floor(t / HOUR_MS);
		const s = ((ah % 48) + 48) % 48;
		if (this.hourAt[s] !== ah) {
			if (this.hourAt[s] > ah) return;
			this.hourAt[s] = ah;
			this.hourCount[s] = 0;
		}
		this.hourCount[s]++;
		if (ah === this.pendHour) this.pend++;
		else if (ah > this.pendHour) {
			this.close();
			this.pendHour = ah;
			this.pend = 1;
		} else {
			this.hc[localHour(t)]++;
			this.tc++;
		}
	}

	/** Fold the open hour into the learned counts. */
	close(): void {
		if (this.pendHour >= 0) {
			this.hc[localHour(this.pendHour * HOUR_MS)] += this.pend;
			this.tc += this.pend;
		}
		this.pend = 0;
		this.pendHour = -1;
	}
}
