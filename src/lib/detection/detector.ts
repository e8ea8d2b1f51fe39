/**
 * The gathering detector (issue 4): consumes located posts in created_at order and raises
 * mobilisation, surge and convergence alerts in the alerts format of docs/formats.md.
 * Pure module: no UI, map or database imports; stream time only, never the wall clock.
 *
 * Signals
 * - surge: gps posts per H3 cell at res 8, 7 and 6 (~0.7, 5 and 36 km2) in 5-minute bins,
 *   tested over windows of 10, 30 and 60 min with an expectation-based Poisson scan
 *   (Kulldorff's prospective scan in the expectation-based form): expected = the cell's share of
 *   all gps posts at this local hour of day (learned from history and from the stream's closed
 *   hours, shrunk towards its all-day share) times the global count in the same window, so time
 *   of day, day of week and overall volume are accounted for. A window raises an alert when
 *   P(X >= c | expected) <= alpha (default 1e-8), c >= minCount, c >= 4x expected and at least
 *   minAuthors distinct authors (twice that at res 6). False alarms are controlled explicitly: the number of tests a day is at most
 *   cells x 3 scales x 3 windows x 288 bins (~10^7 for a busy country-wide stream, far fewer in
 *   practice, as only cells with c >= minCount are tested), so under the Poisson null the expected
 *   number of false alerts is at most ~0.1 a day. Closed hours are folded into the baseline
 *   capped at 4x the expectation, so a gathering does not teach the baseline that it is normal.
 *   Until 300 gps posts have been learned (no history) the scan stays silent: a conservative prior.
 * - convergence: per author the last gps fix; a new fix more than 1 km from the last one within
 *   3 h is an arrival in the res-7 cell of the new fix. Distinct arriving authors in 30 and 60 min
 *   are tested like surges against the expected arrivals: the cell's share of posts at that
 *   hour times all arrivals in the same window (so a stream in which everyone moves about more,
 *   or posts more often, raises the expectation everywhere), with a floor of the cell's floor
 *   share times the learned share of posts that are arrivals.
 * - mobilisation: see mobilisation.ts; calls are grouped by the place they mean
 *   (mobilisation-places.ts: the most specific place named, a square the gazetteer lacks once
 *   learned from posts (geo/learned-places.ts), a town's calls for the same moment counted into
 *   the square inside it; else the resolved place within 3 km),
 *   weighed by distinct authors in 24 h, reposts and growth. An alert needs minCallers distinct
 *   authors in 24 h, and more where the history holds a steady background of calls for the
 *   place (party invitations): the count must be improbable (mobAlpha) under Poisson(the place's
 *   median callers a day in history, times the nationwide call rate of the last 24 h outside
 *   the place over its median a day when that is higher). Few authors stay info ("loze
 *   oproep"); wide spread is a warning; critical when the announced time is near and the spread is
 *   large, or when people actually show up (a surge or convergence within 3 km).
 * - place layer: posts located to a named place (text or place tag, precision 100 m - 5 km) are
 *   scanned per located place like a cell (their own global counts and hour-of-day shares), with
 *   5x minCount posts and 5x minAuthors authors: a gathering few geotag is seen through the town
 *   its posts name. Left out: calls, travel posts ("op naar ..."), texts that do not name the
 *   place they were located to (an ambiguous square of another town), places learned from fewer
 *   than 100 posts, talk near an active mobilisation until 3 h before its announced time, and
 *   posts about a planned event. Its alerts merge only with each other, not with gps surges.
 * - planned events: a surge or convergence in a planned event's zone (its area plus 500 m +
 *   25 m x sqrt(crowd), from 3 h before to 4 h after) raises nothing unless the estimated crowd
 *   (distinct authors x crowdPerAuthor) exceeds the planned crowd; calls to the area for that day
 *   (or naming its day among other days) raise nothing. The crowd just outside the area (within
 *   1 km) is watched on its own: from 2 h after the start to the end, an overflow is raised when
 *   the last 30 min hold 1.5x the posts outside that the event so far predicts (from its
 *   outside / inside ratio and from its usual outside volume). Gps posts away from the event
 *   that name it or its town during its window are travel to it and are not counted where they
 *   were posted; an arrival whose previous fix was at the event is someone leaving it, not
 *   converging.
 *
 * Alerts merge as evidence grows: a surge or convergence within 2 km of an active alert of the
 * same kind (updated in the last 3 h) updates it (same id; emitted again when severity rises or
 * the figures grow by half). Ids are deterministic: kind, a res-7 cell or place, local day.
 *
 * Stable ids and names across restarts: a detector that restarts from the database gets the
 * alerts raised before (`restore`). A gathering raised again that continues one of them (same id;
 * or same kind, near it and recent enough that a running detector would have merged them: a
 * mobilisation within 3 km whose last update is less than 3 days before the cluster's first
 * call, a surge or convergence within 2 km updated in the last 3 h) takes its id and its place,
 * instead of an id from the first post the restarted detector happens to see. An alert's place
 * name is decided once, when it is first raised (the most named place of a mobilisation's calls,
 * the named place at a surge's centre), and never changes after: a name recomputed from growing
 * evidence would flip between close candidates ("Haren" / "Station Haren"). Only an alert raised
 * without a place gets one later, once one is known. Its summary names the same place.
 *
 * Cost per post: a dedupe lookup, a prefilter regex on the text, and for gps posts one
 * latLngToCell, one Map lookup and three small ring updates; memory is bounded: cells are bounded
 * by geography, live rings are freed when a cell has been cold for 2 h, authors and dedupe keys
 * are kept in two generations.
 */
import { cellToLatLng, cellToParent, latLngToCell } from 'h3-js';
import type { Place } from '../geo/gazetteer';
import { createLocator, type Locator } from '../geo/locate';
import type { LocatedPost } from '../posts/post';
import type { Alert, Detector, DetectorOptions, PlannedEvent, Severity, StoredAlert } from './api';
import { summaryText, type AlertFacts, type LinkedFacts, type PlannedFacts } from './summary';
import { BIN_MS, Cell, GlobalBins, Layer, Recent } from './cells';
import { KeySet } from './keys';
import { distanceM as distM, distToPolygonM, pointInPolygon } from '../geo/measure';
import { PlaceNamer, ringCentre } from './geo';
import { announced, callCues, maybeCall, type Announced, type CallCues } from './mobilisation';
import { LearnedPlaces, type UnknownName } from '../geo/learned-places';
import * as mp from './mobilisation-places';
import { learnedFacts } from './summary-learned';
import { poissonLlr, poissonTailLog10 } from './stats';
import { formatIso, localDay, localHour } from '../time/amsterdam';

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

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const RADIUS: Record<number, number> = { 8: 500, 7: 1_300, 6: 3_500 };
/** Resolution marker of the place layer's cells. */
const PLACE_RES = 0;
const FLOOR_SHARE: Record<number, number> = { 8: 2e-5, 7: 1e-4, 6: 5e-4, [PLACE_RES]: 1e-4 };
const WINDOWS = [2, 6, 12];
const SHRINK = 20;
/** Least observed / expected for a surge: a significant but small excess is not a gathering. */
const MIN_RATIO = 4;
const WARMUP = 300;
/** Coarsest precision of a post located to a named place that the place layer counts, m. */
const PLACE_MAX_M = 5_000;
/** Least learned posts of a place before the place layer scans it: a rarely named place is often
 * a wrongly resolved ambiguous name (a Grote Markt of another town). */
const PLACE_MIN_LEARNED = 100;
/** The place layer needs a larger crowd than a gps cell (x minCount posts, x minAuthors
 * authors): a town-wide location covers ~20 km2, and talk about a town comes in bursts. */
const PLACE_FACTOR = 5;
/** Travel: the post says where its author is going or coming from, not where people gather. */
const TRAVEL_RE =
	/\b(?:richting|op naar|onderweg|ingestapt|vertrokken|vertrek|trein naar|sprinter naar|intercity naar|bus naar|on my way|train to|drive to|naar huis|terug naar|weer thuis|laatste trein|auto terug)\b/i;
const SEV_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
const MAX_AUTHORS = 400_000;
const MAX_KEYS = 1_000_000;
/** Convergence windows, in 5-min bins (30 and 60 min). */
const CONV_WINDOWS = [6, 12];

interface Gathering {
	alert: Alert;
	lastUpdate: number;
	/** Figure that must grow by half before the alert is emitted again. */
	emittedFigure: number;
	emittedSeverity: Severity;
	firstT: number;
	cellKey: string;
	/** The push in which it was first emitted. */
	firstBatch?: number;
}

interface MobCluster extends mp.MergeableCluster {
	key: string;
	lon: number;
	lat: number;
	/** Place name → [votes, lon, lat]. */
	names: Map<string, [number, number, number]>;
	/** Author → time of their latest call. */
	callers: Map<string, number>;
	/** Authors counted as new per absolute hour (ring of 48). */
	newByHour: Float64Array;
	hourAt: Int32Array;
	reposts: number;
	sceptic: number;
	calls: number;
	/** Announced day (local midnight ms) → votes; clock minutes → votes. */
	days: Map<number, number>;
	clocks: Map<number, number>;
	evidence: { id: string; w: number }[];
	firstT: number;
	lastT: number;
	confirmed: boolean;
	gathering: Gathering | null;
	count24: number;
	countT: number;
	countSize: number;
	/** callersNeeded's last result and the expectation it was computed for. */
	needMu: number;
	need: number;
	/** Calls per absolute hour (ring of 24), for the nationwide rate without this place. */
	callsByHour: Float64Array;
	callsAt: Int32Array;
}

interface Planned extends PlannedEvent {
	fromT: number;
	toT: number;
	centre: [number, number];
	/** Its name or its town named in a text: a post about the event. */
	about: RegExp | null;
	/** Posts just outside its area (within SPILL_M) during its window. */
	spill: Recent;
	spillEvalT: number;
	/** Posts inside its area and just outside it per 5-min bin, from 3 h before it to 4 h
	 * after (bounded: one slot per bin of its window). */
	binIn: Float64Array;
	binOut: Float64Array;
	bin0: number;
}

/** An overflow: posts just outside a planned event's area in the recent window at least this
 * many times what the event so far predicts (from the posts inside, and from the outside
 * alone). */
const SPILL_RATIO = 1.5;
/** The recent window of the spill test, 5-min bins. */
const SPILL_BINS = 6;
/** How far outside a planned event's area its spill is watched, m. */
const SPILL_M = 1_000;

function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createGatheringDetector(opts: GatheringOptions): Detector {
	const alpha = opts.alpha ?? 1e-8;
	const log10Alpha = Math.log10(alpha);
	const minCount = opts.minCount ?? 8;
	const minAuthors = opts.minAuthors ?? 6;
	const crowdPerAuthor = opts.crowdPerAuthor ?? 10;
	const minCallers = opts.minCallers ?? 15;
	const log10MobAlpha = Math.log10(opts.mobAlpha ?? 1e-4);
	const namer = new PlaceNamer(opts.places);
	const learned = new LearnedPlaces(opts.places);
	const pending = new mp.PendingCalls<{ t: number; p: LocatedPost; unknown: UnknownName[] }>();
	let locator: Locator | null = null;
	const planned: Planned[] = (opts.planned ?? []).map((e) => {
		const centre = ringCentre(e.polygon);
		const fromT = Date.parse(e.from);
		const toT = Date.parse(e.to);
		const bin0 = Math.floor((fromT - 3 * HOUR_MS) / BIN_MS);
		const span = Math.floor((toT + 4 * HOUR_MS) / BIN_MS) - bin0 + 1;
		const nBins = Number.isFinite(span) ? Math.min(Math.max(span, 1), 7 * 288) : 1;
		const names = [e.name, namer.name(centre[0], centre[1]).town]
			.filter((n): n is string => !!n && n.trim().length >= 3)
			.map((n) => escapeRe(n.trim().toLowerCase()));
		return {
			...e,
			fromT,
			toT,
			centre,
			spill: new Recent(4096),
			spillEvalT: -Infinity,
			binIn: new Float64Array(nBins),
			binOut: new Float64Array(nBins),
			bin0,
			about: names.length ? new RegExp(`(?:^|[^\\p{L}])(?:${names.join('|')})`, 'iu') : null
		};
	});
	const areas = opts.areas ?? [];

	// Dedupe: two generations of keys.
	const keys = new KeySet(MAX_KEYS);

	let streamT = -Infinity;
	let streamIso = '';

	// Surge state.
	const cells8 = new Map<string, Cell>();
	const cellsUp = new Map<string, Cell>();
	const live: Cell[] = [];
	/** Gps posts and posts located to a named place (text, place tag): two scan layers. */
	const gpsL = new Layer();
	const placeL = new Layer();
	const global = gpsL.bins;
	/** Cells of the place layer: one per located place. */
	const placeCells = new Map<string, Cell>();
	let gArrivals = 0;
	let gArrivalBase = 0;
	/** Arrivals per bin, all cells (the stream only). */
	const globalArrivals = new GlobalBins();

	// Convergence: authors' last fix, two generations.
	let authorsNew = new Map<string, number>();
	let authorsOld = new Map<string, number>();
	let aLon = new Float64Array(1024);
	let aLat = new Float64Array(1024);
	let aT = new Float64Array(1024);
	let aN = 0;

	const gatherings = new Map<string, Gathering>();
	const activeByKind: Record<'surge' | 'convergence', Gathering[]> = { surge: [], convergence: [] };
	const activePlace: Gathering[] = [];
	const clusters: MobCluster[] = [];
	let out = new Map<string, Alert>();
	let sinceSweep = 0;
	let batchNo = 0;
	/** Alerts of an earlier run (restore), each taken over at most once. */
	const restored: { a: StoredAlert; last: number; taken: boolean }[] = [];

	/** The stored alert a new gathering continues: the same id, or the nearest of its kind within
	 * maxM whose last update is at most maxAgeMs before `since` (and not days after it: the stored
	 * alerts of a restart are at most its replay ahead of the gathering). */
	function takeRestored(
		id: string,
		kind: string,
		lon: number,
		lat: number,
		since: number,
		maxM: number,
		maxAgeMs: number,
		accept: (a: StoredAlert) => boolean = () => true
	): StoredAlert | null {
		let best: (typeof restored)[number] | null = null;
		let bestD = Infinity;
		for (const r of restored) {
			if (r.taken || r.a.kind !== kind) continue;
			if (r.a.id === id) {
				best = r;
				break;
			}
			// Only ids of this detector's own form (not hand-made or another detector's alerts),
			// updated at most maxAgeMs before `since` and at most the replay (2 days) after it.
			if (!r.a.id.startsWith(`${kind}:`) || !accept(r.a) || gatherings.has(r.a.id)) continue;
			if (since - r.last > maxAgeMs || r.last - since > 2 * DAY_MS) continue;
			const d = distM(lon, lat, r.a.lon, r.a.lat);
			if (d <= maxM && d < bestD) {
				best = r;
				bestD = d;
			}
		}
		if (!best) return null;
		best.taken = true;
		return best.a;
	}
	let learning = false;

	function cellOf(key: string, res: number, map: Map<string, Cell>): Cell {
		let c = map.get(key);
		if (!c) {
			const parent = res > 6 ? cellOf(cellToParent(key, res - 1), res - 1, cellsUp) : null;
			c = new Cell(key, res, parent);
			const [lat, lon] = cellToLatLng(key);
			c.lat = lat;
			c.lon = lon;
			map.set(key, c);
		}
		return c;
	}

	function absHour(t: number): number {
		return Math.floor(t / HOUR_MS);
	}

	function layerOf(c: Cell): Layer {
		return c.res === PLACE_RES ? placeL : gpsL;
	}

	/** The cell's share of all posts of its layer at local hour h.
	 * Empirical Bayes: the hour's own count, shrunk towards the all-day share times the hour's
	 * global count with a weight that fades once about SHRINK posts are expected in that hour. */
	function share(c: Cell, h: number): number {
		const L = layerOf(c);
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
	function fold(c: Cell): void {
		if (c.pendHour < 0 || c.pendCount === 0) return;
		const h = localHour(c.pendHour * HOUR_MS);
		const L = layerOf(c);
		const g = L.countAt(c.pendHour);
		const capped = !learning && c.tc >= 50 && L.tc >= WARMUP && g > 0;
		const n = capped ? Math.min(c.pendCount, Math.max(5, 4 * share(c, h) * g)) : c.pendCount;
		c.hc[h] += n;
		c.tc += n;
		c.pendCount = 0;
	}

	function countBaseline(c: Cell, t: number): void {
		const ah = absHour(t);
		if (ah === c.pendHour) c.pendCount++;
		else if (ah > c.pendHour) {
			fold(c);
			c.pendHour = ah;
			c.pendCount = 1;
		} else {
			// A late post of an hour already folded.
			c.hc[localHour(t)]++;
			c.tc++;
		}
	}

	function authorSlot(a: string): number {
		let i = authorsNew.get(a);
		if (i !== undefined) return i;
		i = authorsOld.get(a);
		if (i !== undefined) {
			authorsNew.set(a, i);
			return i;
		}
		if (authorsNew.size >= MAX_AUTHORS) {
			// New generation: slots of authors not seen in the last generation are reused.
			authorsOld = authorsNew;
			authorsNew = new Map();
			const lon2 = new Float64Array(aLon.length);
			const lat2 = new Float64Array(aLon.length);
			const t2 = new Float64Array(aLon.length);
			let n = 0;
			for (const [k, j] of authorsOld) {
				lon2[n] = aLon[j];
				lat2[n] = aLat[j];
				t2[n] = aT[j];
				authorsOld.set(k, n++);
			}
			aLon = lon2;
			aLat = lat2;
			aT = t2;
			aN = n;
		}
		if (aN === aLon.length) {
			const n = aLon.length * 2;
			const g = (x: Float64Array) => {
				const y = new Float64Array(n);
				y.set(x);
				return y;
			};
			aLon = g(aLon);
			aLat = g(aLat);
			aT = g(aT);
		}
		i = aN++;
		aT[i] = NaN;
		authorsNew.set(a, i);
		return i;
	}

	function nameOf(lon: number, lat: number): { place: string; near: string } {
		for (const a of areas)
			if (pointInPolygon(lon, lat, a.polygon)) return { place: a.name, near: a.name };
		const n = namer.name(lon, lat);
		if (n.site) return { place: n.site, near: n.site };
		if (n.town) return { place: n.town, near: n.town };
		return { place: '', near: `${lat.toFixed(3)}, ${lon.toFixed(3)}` };
	}

	/** A planned event whose zone holds the point at time t: its polygon plus a margin that
	 * grows with the planned crowd (500 m + 25 m x sqrt(crowd): 3.6 km for 15,000 people), from
	 * `lead` before its start to 4 h after its end. */
	function plannedAt(lon: number, lat: number, t: number, extraM: number, lead = 3 * HOUR_MS) {
		for (const e of planned) {
			if (t < e.fromT - lead || t > e.toT + 4 * HOUR_MS) continue;
			const zone = 500 + 25 * Math.sqrt(Math.max(0, e.crowd)) + extraM;
			if (distToPolygonM(lon, lat, e.polygon) <= zone) return e;
		}
		return null;
	}

	/** A planned event active at t (from 3 h before its start to 4 h after its end) whose area
	 * plus `marginM` holds the point. */
	function plannedNear(lon: number, lat: number, t: number, marginM: number): Planned | null {
		for (const e of planned) {
			if (t < e.fromT - 3 * HOUR_MS || t > e.toT + 4 * HOUR_MS) continue;
			if (distToPolygonM(lon, lat, e.polygon) <= marginM) return e;
		}
		return null;
	}

	/** Whether a gps post away from a planned event talks about it (names it or its town) during
	 * its window: travel to the event, not a gathering where it was posted. Posts just outside the
	 * area are kept as its spill. */
	function aboutPlanned(p: LocatedPost, lon: number, lat: number): boolean {
		for (const e of planned) {
			if (p.t < e.fromT - 3 * HOUR_MS || p.t > e.toT + 4 * HOUR_MS) continue;
			const d = distToPolygonM(lon, lat, e.polygon);
			const b = Math.floor(p.t / BIN_MS) - e.bin0;
			const inWindow = b >= 0 && b < e.binIn.length;
			if (d === 0) {
				if (inWindow) e.binIn[b]++;
			} else if (d <= SPILL_M) {
				if (inWindow) e.binOut[b]++;
				e.spill.push(p.id, p.author, p.t, lon, lat, d);
			} else if (d > SPILL_M && e.about && p.text && e.about.test(p.text)) return true;
		}
		return false;
	}

	/** Whether a post located to a named place is about a planned event: located in or near its
	 * area from 3 days before it to 4 h after, or naming it (or its town) during its window. */
	function aboutEvent(p: LocatedPost, lon: number, lat: number, radiusM: number): boolean {
		for (const e of planned) {
			if (p.t < e.fromT - 3 * DAY_MS || p.t > e.toT + 4 * HOUR_MS) continue;
			if (distToPolygonM(lon, lat, e.polygon) <= SPILL_M + radiusM) return true;
			if (p.t >= e.fromT - 3 * HOUR_MS && e.about && p.text && e.about.test(p.text)) return true;
		}
		return false;
	}

	/** The crowd just outside a planned event's area, during the event (from an hour after its
	 * start): an overflow when the last hour's ratio of posts outside to inside is at least
	 * SPILL_RATIO times the ratio over the event so far (a crowd that grows outside while the
	 * area is full), with at least 3 x minAuthors distinct authors outside. The ratio learns
	 * the event's own spill: a city-wide event around a small square spills all day. */
	function evalSpill(e: Planned): void {
		if (streamT - e.spillEvalT < 20_000 && streamT >= e.spillEvalT) return;
		e.spillEvalT = streamT;
		if (streamT < e.fromT + 2 * HOUR_MS || streamT > e.toT) return;
		const end = Math.floor(streamT / BIN_MS) - e.bin0;
		const from = Math.max(0, Math.floor(e.fromT / BIN_MS) - e.bin0);
		let inNow = 0;
		let outNow = 0;
		let inBefore = 0;
		let outBefore = 0;
		for (let b = from; b <= end && b < e.binIn.length; b++) {
			if (b > end - SPILL_BINS) {
				inNow += e.binIn[b];
				outNow += e.binOut[b];
			} else {
				inBefore += e.binIn[b];
				outBefore += e.binOut[b];
			}
		}
		const ratio = (outBefore + 1) / (inBefore + 1);
		const expected = ratio * inNow;
		// And more than before in absolute terms: an area emptying at the end is no overflow.
		const nBefore = Math.max(1, end - SPILL_BINS - from + 1);
		const usualOut = (outBefore / nBefore) * SPILL_BINS;
		if (outNow < SPILL_RATIO * Math.max(expected, usualOut) || outNow < 3 * minAuthors) return;
		const r = e.spill;
		const idx = r.since(streamT - SPILL_BINS * BIN_MS, Infinity);
		const authors = authorsIn(r, idx);
		if (authors < 3 * minAuthors) return;
		let lon = 0;
		let lat = 0;
		for (const i of idx) {
			lon += r.lon[i];
			lat += r.lat[i];
		}
		lon /= idx.length;
		lat /= idx.length;
		const est = authors * crowdPerAuthor;
		const cell = cellOf(latLngToCell(lat, lon, 8), 8, cells8);
		const x = outNow / Math.max(expected, 1);
		const severity: Severity = x >= 2 * SPILL_RATIO ? 'critical' : 'warning';
		raise(
			'surge',
			cell,
			lon,
			lat,
			SPILL_M,
			authors,
			Math.round(poissonLlr(outNow, Math.max(expected, 1)) * 10) / 10,
			severity,
			() => ({
				what: 'overflow',
				event: e.name,
				posts: outNow,
				radius_m: SPILL_M,
				minutes: SPILL_BINS * 5,
				expected,
				inside: inNow,
				authors,
				estimate: est,
				planned: e.crowd
			}),
			evidenceOf(r, idx)
		);
	}

	/** Queue the alert for this push; an alert first raised in this batch keeps that time. */
	function emit(g: Gathering): void {
		const prev = out.get(g.alert.id);
		const a = { ...g.alert, evidence: g.alert.evidence.slice() };
		if (prev && g.firstBatch === batchNo) a.detected_at = prev.detected_at;
		g.firstBatch ??= batchNo;
		out.set(g.alert.id, a);
	}

	function findActive(list: Gathering[], lon: number, lat: number, t: number) {
		for (let i = list.length - 1; i >= 0; i--) {
			const g = list[i];
			if (t - g.lastUpdate > 3 * HOUR_MS) {
				list.splice(i, 1);
				continue;
			}
			if (distM(lon, lat, g.alert.lon, g.alert.lat) <= 2_000) return g;
		}
		return null;
	}

	function nearbyCluster(lon: number, lat: number, t: number): MobCluster | null {
		let best: MobCluster | null = null;
		let bestN = 0;
		for (const c of clusters) {
			if (t - c.lastT > 3 * DAY_MS || !c.gathering) continue;
			if (distM(lon, lat, c.lon, c.lat) > 3_000) continue;
			if (c.callers.size > bestN) {
				best = c;
				bestN = c.callers.size;
			}
		}
		return best && bestN >= minCallers ? best : null;
	}

	/** Raise or update a surge / convergence gathering. */
	function raise(
		kind: 'surge' | 'convergence',
		cell: Cell,
		lon: number,
		lat: number,
		radius: number,
		figure: number,
		score: number,
		severity: Severity,
		facts: (near: string) => AlertFacts,
		evidence: string[]
	): void {
		const t = streamT;
		// Place-layer surges (town-wide, coarse) do not absorb the finer gps ones, nor the reverse.
		const list = cell.res === PLACE_RES ? activePlace : activeByKind[kind];
		let g = findActive(list, lon, lat, t);
		const linked = nearbyCluster(lon, lat, t);
		if (linked) {
			severity = 'critical';
			if (!linked.confirmed) {
				linked.confirmed = true;
				updateCluster(linked);
			}
		}
		const { place, near } = nameOf(lon, lat);
		const link = linked ? linkedFacts(linked) : undefined;
		/** Facts and Dutch summary naming `name` (the alert's place, decided once). */
		const describe = (name: string): { facts: AlertFacts; summary: string } => {
			const f = facts(name);
			if (link && f.what !== 'mobilisation') f.linked = link;
			return { facts: f, summary: summaryText(f, 'nl') };
		};
		if (!g) {
			let id = `${kind}:${(cell.res === 8 ? cell.parent! : cell).key}:${localDay(t)}`;
			const prev = gatherings.get(id);
			if (prev) g = prev;
			else {
				// A gathering of an earlier run (restore) keeps its id and place; place-layer ids
				// (a located place, with '@') and gps ones (an H3 cell) stay apart.
				const placeLayer = cell.res === PLACE_RES;
				const r = takeRestored(
					id,
					kind,
					lon,
					lat,
					t,
					2_000,
					3 * HOUR_MS,
					(s) => s.id.includes('@') === placeLayer
				);
				if (r) id = r.id;
				const fixed = r?.place || place;
				g = {
					alert: {
						id,
						kind,
						detected_at: streamIso,
						lon,
						lat,
						radius_m: radius,
						...(fixed ? { place: fixed } : {}),
						severity,
						score,
						...describe(fixed || near),
						evidence
					},
					lastUpdate: t,
					emittedFigure: figure,
					emittedSeverity: severity,
					firstT: t,
					cellKey: cell.key
				};
				gatherings.set(id, g);
				list.push(g);
				emit(g);
				return;
			}
			list.push(g);
		}
		g.lastUpdate = t;
		const a = g.alert;
		if (score >= a.score || SEV_RANK[severity] > SEV_RANK[a.severity]) {
			const sev = SEV_RANK[severity] > SEV_RANK[a.severity] ? severity : a.severity;
			a.severity = sev;
			a.score = Math.max(a.score, score);
			a.detected_at = streamIso;
			a.lon = lon;
			a.lat = lat;
			a.radius_m = radius;
			// The place is decided when the alert is first raised; only one raised without a
			// place gets one later.
			if (place && !a.place) a.place = place;
			const d = describe(a.place || near);
			a.summary = d.summary;
			a.facts = d.facts;
			a.evidence = evidence;
			if (SEV_RANK[sev] > SEV_RANK[g.emittedSeverity] || figure >= 1.5 * g.emittedFigure) {
				g.emittedSeverity = sev;
				g.emittedFigure = figure;
				emit(g);
			}
		}
	}

	/** The mobilisation that called people to a crowd, for its summary. */
	function linkedFacts(c: MobCluster): LinkedFacts {
		const exp = expectedAt(c);
		return {
			callers: c.callers.size,
			place: c.gathering?.alert.place || topName(c),
			...(Number.isNaN(exp)
				? {}
				: { expected_at: formatIso(exp), clock: topKey(c.clocks) !== undefined })
		};
	}

	function authorsIn(r: Recent, idx: number[]): number {
		const s = new Set<string>();
		for (const i of idx) s.add(r.authors[i]);
		return s.size;
	}

	function evidenceOf(r: Recent, idx: number[]): string[] {
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

	function evalSurge(c: Cell): void {
		if (layerOf(c).tc < WARMUP || !c.bins) return;
		const endBin = Math.floor(streamT / BIN_MS);
		const h = localHour(streamT);
		let best: { n: number; c: number; e: number; llr: number; lp: number } | null = null;
		const sh = share(c, h);
		const least = c.res === PLACE_RES ? PLACE_FACTOR * minCount : minCount;
		for (const n of WINDOWS) {
			const cnt = c.sum(endBin, n);
			if (cnt < least) continue;
			const g = layerOf(c).bins.sum(endBin, n);
			const e = Math.max(sh * g, FLOOR_SHARE[c.res] * 12 * n);
			if (cnt < MIN_RATIO * e) continue;
			const lp = poissonTailLog10(cnt, e);
			if (lp > log10Alpha) continue;
			const llr = poissonLlr(cnt, e);
			if (!best || llr > best.llr) best = { n, c: cnt, e, llr, lp };
		}
		if (!best) return;
		// Counting authors costs up to the ring's size: at most every 20 s of stream time a cell.
		if (streamT - c.lastEvalT < 20_000 && streamT >= c.lastEvalT) return;
		c.lastEvalT = streamT;
		const r = c.recent!;
		const t0 = (endBin - best.n + 1) * BIN_MS;
		const idx = r.since(t0, Infinity);
		const authors = authorsIn(r, idx);
		const leastAuthors =
			c.res === PLACE_RES ? PLACE_FACTOR * minAuthors : c.res === 6 ? 2 * minAuthors : minAuthors;
		if (authors < leastAuthors) return;
		let lon = 0;
		let lat = 0;
		for (const i of idx) {
			lon += r.lon[i];
			lat += r.lat[i];
		}
		lon /= Math.max(1, idx.length);
		lat /= Math.max(1, idx.length);
		const radius = c.res === PLACE_RES ? c.radiusM : RADIUS[c.res];
		const minutes = best.n * 5;
		const ratio = best.c / best.e;
		const ev = plannedAt(lon, lat, streamT, radius / 2);
		let planned: PlannedFacts | undefined;
		if (ev) {
			// In a planned event's zone only more than the plan raises here; the crowd just
			// outside its area is watched by evalSpill.
			const est = authors * crowdPerAuthor;
			if (est <= ev.crowd) return;
			planned = { event: ev.name, estimate: est, planned: ev.crowd };
		}
		let severity: Severity = 'warning';
		if ((ratio >= 10 && best.c >= 40) || authors >= 50) severity = 'critical';
		const fig = best.c;
		const stat = best;
		raise(
			'surge',
			c,
			lon,
			lat,
			radius,
			fig,
			Math.round(stat.llr * 10) / 10,
			severity,
			(near) => ({
				what: 'surge',
				near,
				radius_m: radius,
				minutes,
				observed: stat.c,
				expected: stat.e,
				p_exp: Math.ceil(stat.lp),
				authors,
				...(planned ? { planned } : {})
			}),
			evidenceOf(r, idx)
		);
	}

	function evalConvergence(c: Cell): void {
		if (gpsL.tc < WARMUP || !c.arrivals || gArrivalBase < WARMUP) return;
		const r = c.arrivals;
		const endBin = Math.floor(streamT / BIN_MS);
		const h = localHour(streamT);
		const f = Math.max(gArrivals / gArrivalBase, 0.01);
		const sh = share(c, h);
		const expect = (n: number) =>
			Math.max(sh * globalArrivals.sum(endBin, n), FLOOR_SHARE[c.res] * 12 * n * f);
		// Arrivals bound authors from above, and the Poisson tail falls with the count: a window
		// whose arrivals do not pass the test cannot pass it on authors. This keeps the per-post
		// cost to a few bins; only a cell that passes counts authors, at most every 20 s of
		// stream time.
		let any = false;
		for (const n of CONV_WINDOWS) {
			const cnt = c.arrivalBins!.sum(endBin, n);
			if (cnt >= minCount && poissonTailLog10(cnt, expect(n)) <= log10Alpha) any = true;
		}
		if (!any) return;
		if (streamT - c.lastConvT < 20_000 && streamT >= c.lastConvT) return;
		c.lastConvT = streamT;
		for (const n of CONV_WINDOWS) {
			const t0 = (endBin - n + 1) * BIN_MS;
			const idx = r.since(t0, Infinity);
			if (idx.length < minCount) continue;
			const authors = authorsIn(r, idx);
			if (authors < minCount) continue;
			const e = expect(n);
			const lp = poissonTailLog10(authors, e);
			if (lp > log10Alpha) continue;
			let lon = 0;
			let lat = 0;
			let km = 0;
			for (const i of idx) {
				lon += r.lon[i];
				lat += r.lat[i];
				km += r.w[i] / 1000;
			}
			lon /= idx.length;
			lat /= idx.length;
			km /= idx.length;
			const ev = plannedAt(lon, lat, streamT, RADIUS[c.res] / 2);
			let planned: PlannedFacts | undefined;
			if (ev) {
				const est = authors * crowdPerAuthor;
				if (est <= ev.crowd) return;
				planned = { event: ev.name, estimate: est, planned: ev.crowd };
			}
			const severity: Severity = authors >= 40 ? 'critical' : 'warning';
			const minutes = n * 5;
			raise(
				'convergence',
				c,
				lon,
				lat,
				RADIUS[c.res],
				authors,
				Math.round(poissonLlr(authors, e) * 10) / 10,
				severity,
				(near) => ({
					what: 'convergence',
					near,
					authors,
					minutes,
					km,
					normal: e,
					...(planned ? { planned } : {})
				}),
				evidenceOf(r, idx)
			);
			return;
		}
	}

	// ----- mobilisation -----------------------------------------------------------------------

	function topName(c: MobCluster): string {
		let best = '';
		let bv = -1;
		for (const [n, v] of c.names)
			if (v[0] > bv) {
				bv = v[0];
				best = n;
			}
		return best;
	}

	function topKey<K>(m: Map<K, number>): K | undefined {
		let best: K | undefined;
		let bv = 0;
		for (const [k, v] of m)
			if (v > bv) {
				bv = v;
				best = k;
			}
		return best;
	}

	function expectedAt(c: MobCluster): number {
		const day = topKey(c.days);
		if (day === undefined) return NaN;
		const clock = topKey(c.clocks);
		return clock === undefined ? day : day + clock * 60_000;
	}

	/** Calls for a planned event's area that name its day (any day named by at least a third as
	 * many calls as the most named one: "morgen" and "zaterdag" split the votes). */
	function plannedDay(c: MobCluster): boolean {
		if (!planned.length) return false;
		let top = 0;
		for (const v of c.days.values()) top = Math.max(top, v);
		for (const [day, v] of c.days)
			if (v * 3 >= top && plannedAt(c.lon, c.lat, day, 0, DAY_MS + 12 * HOUR_MS)) return true;
		return false;
	}

	/** Distinct callers in the last 24 h: recounted at most every 5 min of stream time, or when
	 * the cluster is small, so the cost stays proportional to the batch. */
	function callers24(c: MobCluster, t: number): number {
		if (c.callers.size > 200 && t - c.countT < 300_000 && t >= c.countT)
			return c.count24 + (c.callers.size - c.countSize);
		let n = 0;
		for (const v of c.callers.values()) if (v >= t - DAY_MS) n++;
		c.count24 = n;
		c.countT = t;
		c.countSize = c.callers.size;
		return n;
	}

	function newSince(c: MobCluster, h0: number, h1: number): number {
		let n = 0;
		for (let h = h0; h <= h1; h++) {
			const s = ((h % 48) + 48) % 48;
			if (c.hourAt[s] === h) n += c.newByHour[s];
		}
		return n;
	}

	function updateCluster(c: MobCluster): void {
		const t = streamT;
		const a24 = callers24(c, t);
		if (a24 < minCallers && !c.gathering) return;
		if (!c.gathering && a24 < callersNeeded(c, t)) return;
		// Calls that start once people are there ("kom ook" at a protest) are the crowd's, not a
		// mobilisation (docs/formats.md: a call, before people are there).
		if (
			!c.gathering &&
			[...Object.values(activeByKind), activePlace].some((l) => findActive(l, c.lon, c.lat, t))
		)
			return;
		const exp = expectedAt(c);
		// Calls for a planned event's area on its day raise nothing.
		const pe = Number.isNaN(exp)
			? plannedAt(c.lon, c.lat, t, 0, 3 * DAY_MS)
			: plannedAt(c.lon, c.lat, exp, 0, 12 * HOUR_MS) || plannedDay(c);
		if (pe && !c.confirmed) return;
		const hNow = absHour(t);
		const recent6 = newSince(c, hNow - 5, hNow);
		const before = newSince(c, hNow - 23, hNow - 6);
		const growth = (recent6 + 1) / (before / 3 + 1);
		const scepticShare = c.calls + c.sceptic > 0 ? c.sceptic / (c.calls + c.sceptic) : 0;
		let severity: Severity = 'info';
		if (a24 >= 20 && (!Number.isNaN(exp) || growth >= 2)) severity = 'warning';
		if (a24 >= 100 && !Number.isNaN(exp) && exp - t < 2 * DAY_MS && exp - t > -6 * HOUR_MS)
			severity = 'critical';
		if (scepticShare > 0.6 && severity === 'critical') severity = 'warning';
		if (c.confirmed) severity = 'critical';
		const score = Math.round(a24 * (1 + Math.log10(1 + c.reposts / Math.max(1, a24))) * 10) / 10;
		const evidence = c.evidence.map((e) => e.id).slice(0, 50);
		let g = c.gathering;
		// The place is decided when the alert is first raised (or taken from the stored alert this
		// cluster continues) and kept: the most named place can change as calls come in.
		let id = '';
		let name: string;
		if (g) name = g.alert.place ?? topName(c);
		else {
			name = topName(c);
			const slug = name
				.toLowerCase()
				.normalize('NFKD')
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, '');
			id = `mobilisation:${slug || c.key}:${localDay(c.firstT)}`;
			const r = gatherings.has(id)
				? null
				: takeRestored(id, 'mobilisation', c.lon, c.lat, c.firstT, 3_000, 3 * DAY_MS);
			if (r) {
				id = r.id;
				if (r.place) name = r.place;
			}
		}
		const nv = c.names.get(name);
		const lp = c.learned?.name === name ? (learned.get(c.learned.key) ?? c.learned) : undefined;
		if (lp && nv) [nv[1], nv[2]] = [lp.lon, lp.lat];
		const facts: AlertFacts = {
			...(lp ? { learned: learnedFacts(lp) } : {}),
			what: 'mobilisation',
			place: name,
			callers: a24,
			new6: recent6,
			earlier: before,
			reposts: c.reposts,
			...(Number.isNaN(exp)
				? {}
				: { expected_at: formatIso(exp), clock: topKey(c.clocks) !== undefined }),
			sceptic: scepticShare,
			confirmed: c.confirmed,
			weak: !c.confirmed && severity === 'info'
		};
		const text = summaryText(facts, 'nl');
		if (!g) {
			const lon = nv ? nv[1] : c.lon;
			const lat = nv ? nv[2] : c.lat;
			g = {
				alert: {
					id,
					kind: 'mobilisation',
					detected_at: streamIso,
					lon,
					lat,
					radius_m: lp ? lp.radius_m : 1_500,
					place: name,
					...(Number.isNaN(exp) ? {} : { expected_at: formatIso(exp) }),
					severity,
					score,
					summary: text,
					evidence,
					facts
				},
				lastUpdate: t,
				emittedFigure: a24,
				emittedSeverity: severity,
				firstT: t,
				cellKey: c.key
			};
			c.gathering = g;
			gatherings.set(id, g);
			emit(g);
			return;
		}
		const a = g.alert;
		const prevExp = a.expected_at;
		a.detected_at = streamIso;
		a.severity = SEV_RANK[severity] > SEV_RANK[a.severity] ? severity : a.severity;
		a.score = Math.max(a.score, score);
		a.summary = text;
		a.facts = facts;
		a.evidence = evidence;
		if (nv) {
			a.lon = nv[1];
			a.lat = nv[2];
		}
		if (lp) a.radius_m = lp.radius_m;
		if (!Number.isNaN(exp)) a.expected_at = formatIso(exp);
		g.lastUpdate = t;
		if (
			SEV_RANK[a.severity] > SEV_RANK[g.emittedSeverity] ||
			a24 >= 1.5 * g.emittedFigure ||
			a.expected_at !== prevExp
		) {
			g.emittedSeverity = a.severity;
			g.emittedFigure = Math.max(g.emittedFigure, a24);
			emit(g);
		}
	}

	/** Whether the text calls to gather (or doubts a call): such posts are about a place, not
	 * at it. */
	function isCall(text: string): boolean {
		const cues = callCues(text);
		return cues.weight >= 1;
	}

	interface CallInfo {
		cues: CallCues;
		when: Announced;
		hasWhen: boolean;
		call: boolean;
		pos?: [number, number];
		name?: string;
		/** Where it points (mobilisation-places.ts); absent: pending under an unknown name. */
		at?: mp.CallPlace;
		pending?: string;
	}

	/** A call (or a sceptic post about one) and the place it names; null when neither. */
	function readCall(p: LocatedPost, unknown: readonly UnknownName[] = []): CallInfo | null {
		const cues = callCues(p.text);
		const when = announced(p.text, p.t);
		const hasWhen = !Number.isNaN(when.day) || when.minutes >= 0;
		const call = !cues.sceptic && (cues.weight >= 1.5 || (cues.weight >= 1 && hasWhen));
		if (!call && !(cues.sceptic && cues.weight >= 1.5)) return null;
		let pos: [number, number] | undefined;
		let name: string | undefined;
		let prec = p.precision_m;
		if (p.method === 'text' && p.pos && p.located_as) {
			pos = p.pos;
			name = p.located_as;
		} else {
			locator ??= createLocator(opts.places, { authorContext: false });
			const loc = locator.locate({
				id: p.id,
				source: p.source,
				author: p.author,
				created_at: p.created_at,
				text: p.text
			});
			if (loc.method === 'text' && loc.pos) {
				pos = loc.pos;
				name = loc.place;
				prec = loc.precision_m;
			}
		}
		const located = pos && name ? { name, pos, precision_m: prec ?? 3_500 } : null;
		const r = mp.resolveCallPlace(located, unknown, learned);
		if (!r || 'pending' in r) return r ? { cues, when, hasWhen, call, pending: r.pending } : null;
		const at = r.place;
		return { cues, when, hasWhen, call, pos: [at.lon, at.lat], name: at.name, at };
	}

	/** History's calls: place name → day number → distinct calling authors (learn only). */
	let callHist: Map<string, Map<number, Set<string>>> | null = null;
	/** Place name → expected distinct callers a day, learned from history. */
	const callBase = new Map<string, number>();
	/** History's calls nationwide per day, and their median: the usual number of calls a day. */
	const natHist = new Map<number, number>();
	let natBase = 0;
	/** Calls nationwide per absolute hour (ring of 24). */
	const natByHour = new Float64Array(24);
	const natAt = new Int32Array(24).fill(-1);

	function ringAdd(v: Float64Array, at: Int32Array, h: number): void {
		const s = h % 24;
		if (at[s] !== h) {
			at[s] = h;
			v[s] = 0;
		}
		v[s]++;
	}

	function ringSum(v: Float64Array, at: Int32Array, h: number): number {
		let n = 0;
		for (let i = 0; i < 24; i++) if (at[i] > h - 24 && at[i] <= h) n += v[i];
		return n;
	}

	function learnCall(p: LocatedPost, t0: number): void {
		const ci = readCall(p, learned.namesIn(p.text));
		if (!ci || !ci.call || !ci.name) return;
		callHist ??= new Map();
		let days = callHist.get(ci.name);
		if (!days) callHist.set(ci.name, (days = new Map()));
		const d = Math.max(0, Math.floor((p.t - t0) / DAY_MS));
		natHist.set(d, (natHist.get(d) ?? 0) + 1);
		let s = days.get(d);
		if (!s) days.set(d, (s = new Set()));
		s.add(p.author);
	}

	/** Expected callers a day per place: the median over the history's days, so a call that
	 * was already spreading before the stream (growing day by day) does not count as usual. */
	function closeCallHist(span: number): void {
		if (!callHist) return;
		const nDays = Math.max(1, Math.round(span / DAY_MS));
		const counts: number[] = [];
		for (const [name, days] of callHist) {
			counts.length = 0;
			for (let d = 0; d < nDays; d++) counts.push(days.get(d)?.size ?? 0);
			counts.sort((a, b) => a - b);
			const mid = (counts[(nDays - 1) >> 1] + counts[nDays >> 1]) / 2;
			if (mid > 0) callBase.set(name, Math.max(callBase.get(name) ?? 0, mid));
		}
		counts.length = 0;
		for (let d = 0; d < nDays; d++) counts.push(natHist.get(d) ?? 0);
		counts.sort((a, b) => a - b);
		natBase = (counts[(nDays - 1) >> 1] + counts[nDays >> 1]) / 2;
		natHist.clear();
		callHist = null;
	}

	/** Least distinct callers in 24 h for a mobilisation alert at this cluster: minCallers, or
	 * more where history shows a steady background of calls (party invitations) for its places:
	 * the count must be improbable under Poisson(expected callers a day) at mobAlpha. */
	function callersNeeded(c: MobCluster, t: number): number {
		let mu = 0;
		for (const n of c.names.keys()) mu += callBase.get(n) ?? 0;
		if (mu <= 0) return minCallers;
		// A day of many calls everywhere (a national holiday) raises every place's background.
		if (natBase > 0) {
			const h = absHour(t);
			const elsewhere = ringSum(natByHour, natAt, h) - ringSum(c.callsByHour, c.callsAt, h);
			mu *= Math.max(1, elsewhere / natBase);
		}
		if (Math.abs(c.needMu - mu) <= 0.02 * mu) return c.need;
		let n = Math.max(minCallers, Math.ceil(mu) + 2);
		while (poissonTailLog10(n, mu) > log10MobAlpha) n++;
		c.needMu = mu;
		c.need = n;
		return n;
	}

	function onCall(p: LocatedPost, unknown: readonly UnknownName[]): void {
		const ci = readCall(p, unknown);
		if (!ci) return;
		if (!ci.at) return pending.add(ci.pending!, { t: p.t, p, unknown: [...unknown] });
		const { cues, when, hasWhen, call, at } = ci;
		const pos: [number, number] = [at.lon, at.lat];
		const pick = mp.pickCluster(clusters, at, p.t, when);
		let c: MobCluster | null = pick.join;
		if (!c) {
			c = {
				key: `${pos[0].toFixed(3)},${pos[1].toFixed(3)}`,
				lon: pos[0],
				lat: pos[1],
				names: new Map(),
				callers: new Map(),
				newByHour: new Float64Array(48),
				hourAt: new Int32Array(48).fill(-1),
				reposts: 0,
				sceptic: 0,
				calls: 0,
				days: new Map(),
				clocks: new Map(),
				evidence: [],
				firstT: p.t,
				lastT: p.t,
				confirmed: false,
				gathering: null,
				count24: 0,
				countT: -Infinity,
				countSize: 0,
				needMu: -1,
				need: minCallers,
				callsByHour: new Float64Array(24),
				callsAt: new Int32Array(24).fill(-1)
			};
			clusters.push(c);
			mp.adoptPlace(c, at);
			// Forget clusters quiet for a week (bounded memory).
			for (let i = clusters.length - 1; i >= 0; i--)
				if (p.t - clusters[i].lastT > 7 * DAY_MS) clusters.splice(i, 1);
		}
		c.lastT = Math.max(c.lastT, p.t);
		if (!pick.asContainer) mp.placeCall(c, clusters, at, p.t);
		if (!call) {
			c.sceptic++;
			return;
		}
		c.calls++;
		const ah = absHour(p.t);
		ringAdd(natByHour, natAt, ah);
		ringAdd(c.callsByHour, c.callsAt, ah);
		const prev = c.callers.get(p.author);
		if (prev === undefined || p.t - prev > DAY_MS) {
			const s = ((ah % 48) + 48) % 48;
			if (c.hourAt[s] !== ah) {
				c.hourAt[s] = ah;
				c.newByHour[s] = 0;
			}
			c.newByHour[s]++;
		}
		if (prev === undefined || p.t > prev) c.callers.set(p.author, p.t);
		if (c.callers.size > 50_000) {
			for (const [k, v] of c.callers) if (p.t - v > DAY_MS) c.callers.delete(k);
		}
		const rep = (p.engagement?.reposts ?? 0) + (p.repost_of ? 1 : 0);
		c.reposts += rep;
		if (!Number.isNaN(when.day)) c.days.set(when.day, (c.days.get(when.day) ?? 0) + 1);
		if (when.minutes >= 0) c.clocks.set(when.minutes, (c.clocks.get(when.minutes) ?? 0) + 1);
		const e = p.engagement;
		const w =
			cues.weight + (hasWhen ? 1 : 0) + Math.log2(1 + 3 * (e?.reposts ?? 0) + (e?.likes ?? 0));
		const ev = c.evidence;
		if (ev.length < 50 || w > ev[ev.length - 1].w) {
			let i = ev.length;
			while (i > 0 && ev[i - 1].w < w) i--;
			ev.splice(i, 0, { id: p.id, w });
			if (ev.length > 50) ev.pop();
		}
		updateCluster(c);
	}

	// ----- the stream ---------------------------------------------------------------------------

	function seen(p: LocatedPost): boolean {
		return !keys.add(p.source, p.id);
	}

	function sweep(): void {
		// Cool cells with no post for 2 h; fold their open hour first.
		const cutoff = streamT - 2 * HOUR_MS;
		let w = 0;
		for (let i = 0; i < live.length; i++) {
			const c = live[i];
			if (c.lastT < cutoff) {
				c.cool();
			} else live[w++] = c;
		}
		live.length = w;
	}

	function addGps(p: LocatedPost, learnOnly: boolean): void {
		const lon = p.pos![0];
		const lat = p.pos![1];
		const t = p.t;
		const k8 = latLngToCell(lat, lon, 8);
		let c8 = cells8.get(k8);
		if (!c8) c8 = cellOf(k8, 8, cells8);
		gpsL.count(t);
		if (!learnOnly) global.add(Math.floor(t / BIN_MS));
		const bin = Math.floor(t / BIN_MS);
		const fresh =
			t >= streamT - 2 * HOUR_MS && (learnOnly || !planned.length || !aboutPlanned(p, lon, lat));
		for (let c: Cell | null = c8; c; c = c.parent) {
			countBaseline(c, t);
			if (learnOnly || !fresh) continue;
			if (!c.bins) {
				c.warm(c.res === 8 ? 1024 : 2048);
				live.push(c);
			}
			c.lastT = Math.max(c.lastT, t);
			c.addBin(bin);
			c.recent!.push(p.id, p.author, t, lon, lat, 0);
		}
		// Convergence: arrivals of authors from more than 1 km away within 3 h.
		const ai = authorSlot(p.author);
		const pt = aT[ai];
		gArrivalBase++;
		if (!Number.isNaN(pt) && t > pt && t - pt <= 3 * HOUR_MS) {
			const d = distM(lon, lat, aLon[ai], aLat[ai]);
			const kmh = d / 1000 / ((t - pt) / HOUR_MS);
			// Leaving a planned event is not converging on the next place.
			const leaving = planned.length > 0 && plannedNear(aLon[ai], aLat[ai], pt, SPILL_M) !== null;
			if (d >= 1_000 && kmh <= 200 && !leaving) {
				gArrivals++;
				const c7 = c8.parent!;
				if (!learnOnly) globalArrivals.add(bin);
				if (!learnOnly && fresh) {
					c7.arrivals ??= new Recent(512);
					c7.arrivals.push(p.id, p.author, t, lon, lat, d);
					c7.arrivalBins ??= new GlobalBins();
					c7.arrivalBins.add(bin);
				}
			}
		}
		if (Number.isNaN(pt) || t >= pt) {
			aT[ai] = t;
			aLon[ai] = lon;
			aLat[ai] = lat;
		}
		if (learnOnly || !fresh) return;
		for (let c: Cell | null = c8; c; c = c.parent) evalSurge(c);
		evalConvergence(c8.parent!);
		for (const e of planned) if (e.spill.len) evalSpill(e);
	}

	/** A post located to a named place (text or place tag): the place layer, a coarse scan of
	 * posts per located place against that place's share of all such posts. */
	function addPlace(p: LocatedPost, learnOnly: boolean): void {
		const lon = p.pos![0];
		const lat = p.pos![1];
		const t = p.t;
		const key = `${p.located_as ?? ''}@${lon.toFixed(4)},${lat.toFixed(4)}`;
		let c = placeCells.get(key);
		if (!c) {
			c = new Cell(key, PLACE_RES, null);
			c.lon = lon;
			c.lat = lat;
			c.radiusM = Math.max(500, p.precision_m ?? 0);
			placeCells.set(key, c);
		}
		placeL.count(t);
		const bin = Math.floor(t / BIN_MS);
		if (!learnOnly) placeL.bins.add(bin);
		countBaseline(c, t);
		if (learnOnly || t < streamT - 2 * HOUR_MS) return;
		// Planned events are judged on gps posts (their plan and spill); talk about them in the
		// days before is expected.
		if (planned.length && aboutEvent(p, lon, lat, c.radiusM)) return;
		if (c.tc < PLACE_MIN_LEARNED || (p.text && TRAVEL_RE.test(p.text))) return;
		if (calledTalk(lon, lat, t)) return;
		const gmOf = () => learned.gmOf(p.located_as ?? '', lon, lat);
		const active = (k: MobCluster) => !!k.gathering && t - k.lastT < 6 * HOUR_MS;
		if (mp.aboutCalledPlace(clusters, { lon, lat, radius_m: c.radiusM }, gmOf, active)) return;
		// A text located to a place it does not name was resolved indirectly (an ambiguous street
		// or square name): too uncertain for a coarse scan.
		if (p.method === 'text' && !namesPlace(p.text, p.located_as)) return;
		if (!c.bins) {
			c.warm(1024);
			live.push(c);
		}
		c.lastT = Math.max(c.lastT, t);
		c.addBin(bin);
		c.recent!.push(p.id, p.author, t, lon, lat, 0);
		evalSurge(c);
	}

	/** Talk about a place that is being called to is expected: near a mobilisation, the place
	 * layer waits until 3 h before the announced time (gps posts still count). */
	function calledTalk(lon: number, lat: number, t: number): boolean {
		for (const k of clusters) {
			if (!k.gathering || t - k.lastT > 3 * DAY_MS) continue;
			if (distM(lon, lat, k.lon, k.lat) > 3_000) continue;
			const exp = expectedAt(k);
			if (Number.isNaN(exp) || t < exp - 3 * HOUR_MS) return true;
		}
		return false;
	}

	function namesPlace(text: string | undefined, place: string | undefined): boolean {
		return !!text && !!place && text.toLowerCase().includes(place.toLowerCase());
	}

	function isPlaced(p: LocatedPost): boolean {
		return (
			!!p.pos &&
			(p.method === 'text' || p.method === 'place') &&
			p.precision_m !== undefined &&
			p.precision_m > 100 &&
			p.precision_m <= PLACE_MAX_M
		);
	}

	function process(p: LocatedPost): void {
		if (!Number.isFinite(p.t)) return;
		if (seen(p)) return;
		if (p.t > streamT) {
			streamT = p.t;
			streamIso = p.created_at;
		}
		let call = false;
		const unknown = learned.observePost(p);
		if (unknown.length)
			for (const q of pending.release(unknown, learned, p.t)) onCall(q.p, q.unknown);
		if (p.text && maybeCall(p.text)) {
			onCall(p, unknown);
			call = isCall(p.text);
		}
		if (p.pos && (p.method === 'gps' || (p.precision_m !== undefined && p.precision_m <= 100)))
			addGps(p, false);
		else if (!call && isPlaced(p)) addPlace(p, false);
		if (++sinceSweep >= 20_000) {
			sinceSweep = 0;
			sweep();
		}
	}

	return {
		learn(history: Iterable<LocatedPost[]>): void {
			learning = true;
			let t0 = Infinity;
			let t1 = -Infinity;
			for (const batch of history)
				for (const p of batch) {
					if (!Number.isFinite(p.t) || seen(p)) continue;
					if (p.t < t0) t0 = p.t;
					if (p.t > t1) t1 = p.t;
					const mc = !!p.text && maybeCall(p.text);
					learned.observePost(p);
					if (mc) learnCall(p, t0);
					if (p.pos && (p.method === 'gps' || (p.precision_m ?? Infinity) <= 100)) addGps(p, true);
					else if (isPlaced(p) && !(mc && isCall(p.text))) addPlace(p, true);
				}
			// Close the open hours so the history counts fully.
			for (const c of cells8.values()) fold(c);
			for (const c of cellsUp.values()) fold(c);
			gpsL.close();
			placeL.close();
			for (const c of placeCells.values()) fold(c);
			for (const c of placeCells.values()) c.pendHour = -1;
			for (const c of cells8.values()) c.pendHour = -1;
			for (const c of cellsUp.values()) c.pendHour = -1;
			if (t1 > t0) closeCallHist(t1 - t0);
			callHist = null;
			learning = false;
		},
		push(batch: LocatedPost[]): Alert[] {
			out = new Map();
			batchNo++;
			for (const p of batch) process(p);
			return [...out.values()];
		},
		restore(alerts: StoredAlert[]): void {
			for (const a of alerts) {
				const last = Date.parse(a.last_detected_at ?? a.detected_at);
				if (!a.id || !Number.isFinite(last) || !Number.isFinite(a.lon) || !Number.isFinite(a.lat))
					continue;
				restored.push({ a, last, taken: false });
			}
		},
		advance(t: number): Alert[] {
			if (Number.isFinite(t) && t > streamT) {
				streamT = t;
				streamIso = formatIso(t);
			}
			return [];
		}
	};
}
