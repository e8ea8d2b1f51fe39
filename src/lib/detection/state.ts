/**
 * The gathering detector's shared state (detector.ts): its options, stream time, the scan cells
 * of both layers (gps posts, and posts located to a named place) with their learned hour-of-day
 * baselines, and the links between the signals of signals/*.ts, which all work on this one state.
 * Pure module.
 */
import { cellToLatLng, cellToParent } from 'h3-js';
import type { Place } from '../geo/gazetteer';
import { pointInPolygon } from '../geo/measure';
import { localHour } from '../time/amsterdam';
import type { Alert, DetectorOptions, Severity } from './api';
import { Cell, Layer, Recent } from './cells';
import { PlaceNamer } from './geo';
import type { AfterFacts } from './summary';
import type { AlertBook } from './signals/alerts';
import type { ConvergenceSignal } from './signals/convergence';
import type { MobilisationSignal } from './signals/mobilisation';
import type { PlaceLayerSignal } from './signals/place';
import type { PlannedSignal } from './signals/planned';
import type { SurgeSignal } from './signals/surge';

/** A string as a literal inside a regular expression. */
export function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface GatheringOptions extends DetectorOptions {
	/** The gazetteer (resolving place names in text, naming alerts). */
	places: Place[];
	/** Per-test false-alarm probability of the scan (default 1e-8). */
	alpha?: number;
	/** Least posts in a window for a surge (default 8). */
	minCount?: number;
	/** Least distinct authors for a surge or convergence (default 6). */
	minAuthors?: number;
	/** People present per distinct posting author, to compare with a planned crowd (default 10). */
	crowdPerAuthor?: number;
	/** Least distinct calling authors in 24 h for a mobilisation alert (default 15: the background
	 * of everyday "feest bij ..." posts reaches about 12 a town). */
	minCallers?: number;
	/** False-alarm probability a place and day of the mobilisation test against the place's
	 * learned background of calls (default 1e-4). */
	mobAlpha?: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const RADIUS: Record<number, number> = { 8: 500, 7: 1_300, 6: 3_500 };
/** Resolution marker of the place layer's cells. */
export const PLACE_RES = 0;
export const FLOOR_SHARE: Record<number, number> = { 8: 2e-5, 7: 1e-4, 6: 5e-4, [PLACE_RES]: 1e-4 };
const SHRINK = 20;
export const WARMUP = 300;
export const SEV_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export interface Gathering {
	alert: Alert;
	lastUpdate: number;
	/** Figure that must grow by half before the alert is emitted again. */
	emittedFigure: number;
	emittedSeverity: Severity;
	firstT: number;
	cellKey: string;
	/** The push in which it was first emitted. */
	firstBatch?: number;
	/** Authors first seen in a crowd here (AlertBook.noteMember): its people. */
	members?: number;
	/** Its crowd seen again after it, next to it or where it was (AlertBook.fold). */
	after?: AfterFacts[];
}

/** The signals, each over this state (set once by createGatheringDetector). */
export interface Signals {
	alerts: AlertBook;
	planned: PlannedSignal;
	surge: SurgeSignal;
	convergence: ConvergenceSignal;
	place: PlaceLayerSignal;
	mob: MobilisationSignal;
}

export function absHour(t: number): number {
	return Math.floor(t / HOUR_MS);
}

export function authorsIn(r: Recent, idx: number[]): number {
	return authorSet(r, idx).size;
}

/** The distinct authors of the ring's posts at idx. */
export function authorSet(r: Recent, idx: number[]): Set<string> {
	const s = new Set<string>();
	for (const i of idx) s.add(r.authors[i]);
	return s;
}

export function evidenceOf(r: Recent, idx: number[]): string[] {
	// One post per author first (newest first), then the rest.
	const seen = new Set<string>();
	const first: string[] = [];
	const rest: string[] = [];
	for (const i of idx) {
		if (seen.has(r.authors[i])) rest.push(r.ids[i]);
		else {
			seen.add(r.authors[i]);
			first.push(r.ids[i]);
		}
	}
	return first.concat(rest).slice(0, 50);
}

export class DetectorState {
	readonly alpha: number;
	readonly log10Alpha: number;
	readonly minCount: number;
	readonly minAuthors: number;
	readonly crowdPerAuthor: number;
	readonly minCallers: number;
	readonly log10MobAlpha: number;
	readonly namer: PlaceNamer;
	readonly areas: NonNullable<DetectorOptions['areas']>;

	streamT = -Infinity;
	streamIso = '';
	/** True while learning from history. */
	learning = false;

	/** Gps cells at res 8, and their parents at res 7 and 6. */
	readonly cells8 = new Map<string, Cell>();
	readonly cellsUp = new Map<string, Cell>();
	/** Cells with live rings (freed by the sweep when cold). */
	readonly live: Cell[] = [];
	/** Gps posts and posts located to a named place (text, place tag): two scan layers. */
	readonly gpsL = new Layer();
	readonly placeL = new Layer();
	/** Cells of the place layer: one per located place. */
	readonly placeCells = new Map<string, Cell>();

	sig!: Signals;

	constructor(readonly opts: GatheringOptions) {
		this.alpha = opts.alpha ?? 1e-8;
		this.log10Alpha = Math.log10(this.alpha);
		this.minCount = opts.minCount ?? 8;
		this.minAuthors = opts.minAuthors ?? 6;
		this.crowdPerAuthor = opts.crowdPerAuthor ?? 10;
		this.minCallers = opts.minCallers ?? 15;
		this.log10MobAlpha = Math.log10(opts.mobAlpha ?? 1e-4);
		this.namer = new PlaceNamer(opts.places);
		this.areas = opts.areas ?? [];
	}

	cellOf(key: string, res: number, map: Map<string, Cell>): Cell {
		let c = map.get(key);
		if (!c) {
			const parent =
				res > 6 ? this.cellOf(cellToParent(key, res - 1), res - 1, this.cellsUp) : null;
			c = new Cell(key, res, parent);
			const [lat, lon] = cellToLatLng(key);
			c.lat = lat;
			c.lon = lon;
			map.set(key, c);
		}
		return c;
	}

	layerOf(c: Cell): Layer {
		return c.res === PLACE_RES ? this.placeL : this.gpsL;
	}

	/** The cell's share of all posts of its layer at local hour h.
	 * Empirical Bayes: the hour's own count, shrunk towards the all-day share times the hour's
	 * global count with a weight that fades once about SHRINK posts are expected in that hour. */
	share(c: Cell, h: number): number {
		const L = this.layerOf(c);
		const sigma = L.tc > 0 ? c.tc / L.tc : 0;
		const g = L.hc[h];
		let s: number;
		if (g <= 0) s = sigma;
		else {
			const prior = sigma * g;
			const m = SHRINK / (prior + 1);
			s = (c.hc[h] + m * prior) / (1 + m) / g;
		}
		return Math.max(s, FLOOR_SHARE[c.res]);
	}

	/** Close the cell's open hour into its baseline; live (not history), a well-known cell's hour
	 * counts at most 4x its expectation, so a gathering is not learned as normal. */
	fold(c: Cell): void {
		if (c.pendHour < 0 || c.pendCount === 0) return;
		const h = localHour(c.pendHour * HOUR_MS);
		const L = this.layerOf(c);
		const g = L.countAt(c.pendHour);
		const capped = !this.learning && c.tc >= 50 && L.tc >= WARMUP && g > 0;
		const n = capped ? Math.min(c.pendCount, Math.max(5, 4 * this.share(c, h) * g)) : c.pendCount;
		c.hc[h] += n;
		c.tc += n;
		c.pendCount = 0;
	}

	countBaseline(c: Cell, t: number): void {
		const ah = absHour(t);
		if (ah === c.pendHour) c.pendCount++;
		else if (ah > c.pendHour) {
			this.fold(c);
			c.pendHour = ah;
			c.pendCount = 1;
		} else {
			// A late post of an hour already folded.
			c.hc[localHour(t)]++;
			c.tc++;
		}
	}

	/** The alert's place (a watched area, a site, a town) and a name for its summary. */
	nameOf(lon: number, lat: number): { place: string; near: string } {
		for (const a of this.areas)
			if (pointInPolygon(lon, lat, a.polygon)) return { place: a.name, near: a.name };
		const n = this.namer.name(lon, lat);
		if (n.site) return { place: n.site, near: n.site };
		if (n.town) return { place: n.town, near: n.town };
		return { place: '', near: `${lat.toFixed(3)}, ${lon.toFixed(3)}` };
	}
}
