/**
 * The two baselines of the evaluation (issue 4): naive detectors the gathering detector has to
 * beat. Both implement Detector (api.ts), emit surge alerts in the alerts format of
 * docs/formats.md with Dutch summaries, keep one id per place while it keeps firing, and hold
 * only the last window of posts (memory bounded by the posts of one window, not the history).
 *
 * - Count threshold: posts per H3 cell (resolution 8 by default, cells of about 0.74 km²) in a
 *   sliding 30-minute window; an alert when a cell reaches a fixed number of posts.
 * - Walther & Kaisser (2013), "Geo-spatial event detection in the Twitter stream" (ECIR 2013):
 *   their candidate rule, 4 or more posts within 200 m and 30 minutes. The paper then scores
 *   candidates with a trained classifier on text and metadata features; that second stage is not
 *   reproduced here (no training data), so this baseline is the rule alone, as the issue asks.
 *
 * Choices common to both, all options:
 * - Only posts whose location is precise count: by default GPS geotags and places no larger
 *   than 500 m (squares, stations, streets). Posts placed at a town's centre from a place tag
 *   or a town name in the text (precision 1–3.5 km) would pile up in the town centre's cell and
 *   say nothing about where a crowd is. Walther & Kaisser used geotagged tweets only, so their
 *   baseline takes GPS posts only by default.
 * - Planned events are ignored: a baseline has no notion of an expected crowd.
 * - Neither ever raises mobilisation or convergence alerts: both only count posts in a place.
 * - Late posts are tolerated: the window is relative to the newest post seen, and a post older
 *   than the window when it arrives is dropped.
 * Pure module: h3-js and geo/measure only.
 */
import { cellToLatLng, latLngToCell } from 'h3-js';
import { distanceM, pointInPolygon } from '../geo/measure';
import type { LocatedPost, LocateMethod } from '../posts/post';
import type { Alert, Detector, DetectorOptions, Severity, WatchedArea } from './api';

const MIN = 60_000;

export interface BaselineOptions extends DetectorOptions {
	/** Sliding window, ms. Default 30 minutes. */
	windowMs?: number;
	/** Posts whose precision radius is larger than this are ignored. Default 500 m. */
	maxPrecisionM?: number;
	/** Location methods that count. Default gps, place and text (subject to maxPrecisionM). */
	methods?: LocateMethod[];
	/**
	 * An alert that has not fired for this long is closed; firing again in the same place later
	 * opens a new alert with a new id. Default 3 hours.
	 */
	quietCloseMs?: number;
}

export interface CountThresholdOptions extends BaselineOptions {
	/** H3 resolution of the cells. Default 8 (edge about 530 m, area about 0.74 km²). */
	res?: number;
	/**
	 * Posts in one cell within the window that raise an alert. Default 8: twice the most an
	 * ordinary day gives. On the quiet-day scenario (seed 1) the busiest cells reach 4 posts in
	 * 30 minutes (a threshold of 4 fires 7 times that day, one of 6 or more never).
	 */
	threshold?: number;
}

export interface WaltherKaisserOptions extends BaselineOptions {
	/** Radius of the cluster, m. Default 200. */
	radiusM?: number;
	/** Posts in the cluster (the new post included). Default 4. */
	minPosts?: number;
	/**
	 * Count distinct authors rather than posts. Default true: Walther & Kaisser count tweets, but
	 * their classifier discounts clusters of one user; without the classifier, one person
	 * posting four times is the commonest false cluster, so the rule counts people.
	 */
	distinctAuthors?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

function areaName(areas: WatchedArea[] | undefined, lon: number, lat: number): string | undefined {
	for (const a of areas ?? []) if (pointInPolygon(lon, lat, a.polygon)) return a.name;
	return undefined;
}

function severityOf(n: number, threshold: number): Severity {
	if (n >= 4 * threshold) return 'critical';
	if (n >= 2 * threshold) return 'warning';
	return 'info';
}
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

function round5(x: number): number {
	return Math.round(x * 1e5) / 1e5;
}

interface Held {
	id: string;
	t: number;
	author: string;
	lon: number;
	lat: number;
}

/** The newest post seen: detected_at is its created_at. */
class Clock {
	t = -Infinity;
	iso = '';
	see(p: LocatedPost): void {
		if (p.t >= this.t) {
			this.t = p.t;
			this.iso = p.created_at;
		}
	}
}

interface OpenAlert {
	alert: Alert;
	lastFired: number;
}

function usable(p: LocatedPost, methods: Set<LocateMethod>, maxPrecisionM: number): boolean {
	if (!p.pos || !methods.has(p.method)) return false;
	return (p.precision_m ?? 0) <= maxPrecisionM;
}

/** Evidence: newest first, at most 50. */
function evidenceOf(posts: Held[]): string[] {
	return [...posts]
		.sort((a, b) => b.t - a.t)
		.slice(0, 50)
		.map((p) => p.id);
}

function fmtTime(iso: string): string {
	const m = /T(\d\d:\d\d)/.exec(iso);
	return m ? m[1] : iso;
}

// ---------------------------------------------------------------------------------------------
// Count threshold per H3 cell

/** A fixed number of posts in one H3 cell within a sliding window raises a surge alert. */
/**
 * An open alert fired again with `n` posts: its score, evidence and summary follow a larger n,
 * its severity only rises; it is reported (in `out`) only when something grew.
 */
function grow(
	a: Alert,
	n: number,
	severity: Severity,
	held: Held[],
	summary: (n: number, place: string | undefined) => string,
	out: Map<string, Alert>
): void {
	if (n <= a.score && SEVERITY_RANK[severity] <= SEVERITY_RANK[a.severity]) return;
	if (n > a.score) {
		a.score = n;
		a.evidence = evidenceOf(held);
		a.summary = summary(n, a.place);
	}
	if (SEVERITY_RANK[severity] > SEVERITY_RANK[a.severity]) a.severity = severity;
	out.set(a.id, { ...a, evidence: [...a.evidence] });
}

export function createCountThresholdBaseline(opts: CountThresholdOptions = {}): Detector {
	const res = opts.res ?? 8;
	const threshold = opts.threshold ?? 8;
	const windowMs = opts.windowMs ?? 30 * MIN;
	const maxPrecisionM = opts.maxPrecisionM ?? 500;
	const methods = new Set<LocateMethod>(opts.methods ?? ['gps', 'place', 'text']);
	const quietCloseMs = opts.quietCloseMs ?? 180 * MIN;
	const clock = new Clock();
	/** Posts of the window per cell, in arrival order (mostly time order). */
	const cells = new Map<string, Held[]>();
	const open = new Map<string, OpenAlert>();
	let lastSweep = -Infinity;

	function prune(list: Held[], cutoff: number): Held[] {
		let k = 0;
		while (k < list.length && list[k].t < cutoff) k++;
		const kept = k ? list.slice(k) : list;
		// Late posts can sit behind newer ones: filter the rest only when needed.
		return kept.some((p) => p.t < cutoff) ? kept.filter((p) => p.t >= cutoff) : kept;
	}

	function sweep(now: number): void {
		if (now - lastSweep < windowMs) return;
		lastSweep = now;
		const cutoff = now - windowMs;
		for (const [cell, list] of cells) {
			const kept = prune(list, cutoff);
			if (kept.length) cells.set(cell, kept);
			else cells.delete(cell);
		}
		for (const [cell, o] of open) if (now - o.lastFired > quietCloseMs) open.delete(cell);
	}

	function fire(cell: string, list: Held[], out: Map<string, Alert>): void {
		const n = list.length;
		const prev = open.get(cell);
		if (prev && clock.t - prev.lastFired > quietCloseMs) open.delete(cell);
		const cur = open.get(cell);
		const severity = severityOf(n, threshold);
		if (cur) {
			cur.lastFired = clock.t;
			grow(cur.alert, n, severity, list, summary, out);
			return;
		}
		const [lat, lon] = cellToLatLng(cell);
		const place = areaName(opts.areas, lon, lat);
		const alert: Alert = {
			id: `count-${cell}-${Math.floor(clock.t / 1000)}`,
			kind: 'surge',
			detected_at: clock.iso,
			lon: round5(lon),
			lat: round5(lat),
			radius_m: res >= 8 ? 500 : Math.round(500 * Math.pow(Math.sqrt(7), 8 - res)),
			severity,
			score: n,
			summary: summary(n, place),
			evidence: evidenceOf(list)
		};
		if (place) alert.place = place;
		open.set(cell, { alert, lastFired: clock.t });
		out.set(alert.id, { ...alert, evidence: [...alert.evidence] });
	}

	function summary(n: number, place: string | undefined): string {
		const where = place ? ` in ${place}` : '';
		return `${n} berichten binnen ${Math.round(windowMs / MIN)} minuten in één H3-cel${where} (vaste drempel ${threshold}, tot ${fmtTime(clock.iso)}). Telling zonder verwachting voor plaats en tijdstip.`;
	}

	return {
		push(batch: LocatedPost[]): Alert[] {
			const out = new Map<string, Alert>();
			for (const p of batch) {
				clock.see(p);
				if (!usable(p, methods, maxPrecisionM)) continue;
				if (p.t < clock.t - windowMs) continue;
				const [lon, lat] = p.pos as [number, number];
				const cell = latLngToCell(lat, lon, res);
				const list = prune(cells.get(cell) ?? [], clock.t - windowMs);
				list.push({ id: p.id, t: p.t, author: p.author, lon, lat });
				cells.set(cell, list);
				if (list.length >= threshold) fire(cell, list, out);
			}
			sweep(clock.t);
			return [...out.values()];
		},
		advance(t: number): Alert[] {
			if (t > clock.t) sweep(t);
			return [];
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Walther & Kaisser: 4 or more posts within 200 m and 30 minutes

/** Cosine of 52.2° N: the grid's east-west scale for the Netherlands. */
const COS_NL = Math.cos((52.2 * Math.PI) / 180);
const M_PER_DEG_LAT = 111_195;

export function createWaltherKaisserBaseline(opts: WaltherKaisserOptions = {}): Detector {
	const radiusM = opts.radiusM ?? 200;
	const minPosts = opts.minPosts ?? 4;
	const distinct = opts.distinctAuthors ?? true;
	const windowMs = opts.windowMs ?? 30 * MIN;
	const maxPrecisionM = opts.maxPrecisionM ?? 500;
	const methods = new Set<LocateMethod>(opts.methods ?? ['gps']);
	const quietCloseMs = opts.quietCloseMs ?? 180 * MIN;
	// Grid of radiusM cells: every post within radiusM lies in the 3x3 block around a post's cell.
	const dLat = radiusM / M_PER_DEG_LAT;
	const dLon = radiusM / (M_PER_DEG_LAT * COS_NL);
	const clock = new Clock();
	const grid = new Map<string, Held[]>();
	/** Open alerts; a new cluster within mergeM of an open alert's centre updates that alert. */
	const open: OpenAlert[] = [];
	const mergeM = 2 * radiusM;
	let lastSweep = -Infinity;

	const keyOf = (ix: number, iy: number) => `${ix}:${iy}`;

	function sweep(now: number): void {
		if (now - lastSweep < windowMs) return;
		lastSweep = now;
		const cutoff = now - windowMs;
		for (const [k, list] of grid) {
			const kept = list.filter((p) => p.t >= cutoff);
			if (kept.length) grid.set(k, kept);
			else grid.delete(k);
		}
		for (let i = open.length - 1; i >= 0; i--)
			if (now - open[i].lastFired > quietCloseMs) open.splice(i, 1);
	}

	function cluster(p: Held, ix: number, iy: number): Held[] {
		const cutoff = clock.t - windowMs;
		const found: Held[] = [];
		for (let dx = -1; dx <= 1; dx++)
			for (let dy = -1; dy <= 1; dy++) {
				const list = grid.get(keyOf(ix + dx, iy + dy));
				if (!list) continue;
				for (const q of list)
					if (q.t >= cutoff && distanceM(p.lon, p.lat, q.lon, q.lat) <= radiusM) found.push(q);
			}
		return found;
	}

	function sizeOf(posts: Held[]): number {
		return distinct ? new Set(posts.map((q) => q.author)).size : posts.length;
	}

	function summary(n: number, place: string | undefined): string {
		const what = distinct ? 'verschillende afzenders' : 'berichten';
		const where = place ? ` in ${place}` : '';
		return `${n} ${what} binnen ${radiusM} m en ${Math.round(windowMs / MIN)} minuten${where} (regel van Walther & Kaisser: ${minPosts} of meer, tot ${fmtTime(clock.iso)}). Geen vergelijking met wat hier normaal is.`;
	}

	function fire(posts: Held[], n: number, out: Map<string, Alert>): void {
		let lon = 0;
		let lat = 0;
		for (const q of posts) {
			lon += q.lon;
			lat += q.lat;
		}
		lon /= posts.length;
		lat /= posts.length;
		for (let i = open.length - 1; i >= 0; i--)
			if (clock.t - open[i].lastFired > quietCloseMs) open.splice(i, 1);
		let best: OpenAlert | undefined;
		let bestD = Infinity;
		for (const o of open) {
			const d = distanceM(lon, lat, o.alert.lon, o.alert.lat);
			if (d <= mergeM && d < bestD) {
				best = o;
				bestD = d;
			}
		}
		const severity = severityOf(n, minPosts);
		if (best) {
			best.lastFired = clock.t;
			grow(best.alert, n, severity, posts, summary, out);
			return;
		}
		const place = areaName(opts.areas, lon, lat);
		const alert: Alert = {
			id: `wk-${Math.floor(lat / dLat)}-${Math.floor(lon / dLon)}-${Math.floor(clock.t / 1000)}`,
			kind: 'surge',
			detected_at: clock.iso,
			lon: round5(lon),
			lat: round5(lat),
			radius_m: radiusM,
			severity,
			score: n,
			summary: summary(n, place),
			evidence: evidenceOf(posts)
		};
		if (place) alert.place = place;
		open.push({ alert, lastFired: clock.t });
		out.set(alert.id, { ...alert, evidence: [...alert.evidence] });
	}

	return {
		push(batch: LocatedPost[]): Alert[] {
			const out = new Map<string, Alert>();
			for (const p of batch) {
				clock.see(p);
				if (!usable(p, methods, maxPrecisionM)) continue;
				if (p.t < clock.t - windowMs) continue;
				const [lon, lat] = p.pos as [number, number];
				const h: Held = { id: p.id, t: p.t, author: p.author, lon, lat };
				const ix = Math.floor(lon / dLon);
				const iy = Math.floor(lat / dLat);
				const k = keyOf(ix, iy);
				const list = grid.get(k);
				if (list) list.push(h);
				else grid.set(k, [h]);
				const found = cluster(h, ix, iy);
				const n = sizeOf(found);
				if (n >= minPosts) fire(found, n, out);
			}
			sweep(clock.t);
			return [...out.values()];
		},
		advance(t: number): Alert[] {
			if (t > clock.t) sweep(t);
			return [];
		}
	};
}
