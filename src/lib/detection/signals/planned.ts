/**
 * Planned events: what a plan explains (a crowd in its zone within the plan, calls to it for its
 * day, travel to it, people leaving it) and the overflow just outside its area. Pure module.
 */
import { latLngToCell } from 'h3-js';
import type { LocatedPost } from '../../posts/post';
import { distToPolygonM } from '../../geo/measure';
import type { PlannedEvent, PlanStatus, Severity } from '../api';
import { BIN_MS, Recent } from '../cells';
import { ringCentre } from '../geo';
import { TRAVEL_RE } from './place';
import { poissonLlr } from '../stats';
import { DAY_MS, HOUR_MS, authorsIn, evidenceOf, escapeRe, type DetectorState } from '../state';

export interface Planned extends PlannedEvent {
	/** The ways its crowd comes and goes: the plan's, or lines to the railway stations near it. */
	routes: [number, number][][];
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
	/** Authors with a gps fix at it (its area or just outside) from 1 h before its start to its
	 * end: its crowd, whose way home after it is its outflow. */
	attendees: Set<string>;
	/** What the plan explained (explains()): the signals it silenced (distinct cell and
	 * half hour), since when, the last one, and the crowd last estimated there. */
	silenced: Set<string>;
	/** The plan as registered (planSig): a plan read again unchanged keeps its state. */
	sig: string;
	silencedSince: number;
	silencedLast: number;
	observedAuthors: number;
	observedCrowd: number;
}

/** An overflow: posts just outside a planned event's area in the recent window at least this
 * many times what the event so far predicts (from the posts inside, and from the outside
 * alone). */
const SPILL_RATIO = 1.5;
/** The recent window of the spill test, 5-min bins. */
const SPILL_BINS = 6;
/** How far outside a planned event's area its spill is watched, m. */
export const SPILL_M = 1_000;

/** Its crowd keeps coming this long after its start (the gates open before the kick-off). */
const COMING_MS = 90 * 60_000;
/** Half the width of a route's corridor, m. */
const ROUTE_M = 300;
/** Railway stations within this distance of an area are its routes when the plan names none. */
const STATION_M = 2_000;
/** An author's fixes that approach (inflow) or leave (outflow) a planned area by more than this
 * are its crowd on its way, m. */
const FLOW_M = 300;
/** Going to (or coming back from) an event: "naar de wedstrijd", "kijken bij het concert". */
const GOING_RE =
	/\b(?:naar|bij|van|from|to) (?:de|het|the) (?:wedstrijd|match|concert|festival|show|optocht|voorstelling|stadion|stadium)\b/i;
/** How far away its crowd's approach is watched while it comes (the region it draws from), m. */
const INFLOW_M = 30_000;
/** A gps post naming a planned event (or its town) this far from it is travel to it. */
const TRAVEL_M = 10_000;
/** Going home ("lopend terug", "naar huis", "trein terug", "huiswaarts"). */
export const HOME_RE =
	/(?:^|[^\p{L}])(?:naar huis|huiswaarts|op huis aan|weer thuis|(?:lop(?:en|end)|fiets(?:en|end)?|rijden|trein|tram|bus|boot|metro|intercity|sprinter) terug|going home|heading home)(?![\p{L}])/iu;
/** The crowd of a planned event goes home for this long after its end (a holiday's night):
 * gps posts with a going-home cue within INFLOW_M of it are its outflow, not a gathering. */
export const HOME_MS = 6 * HOUR_MS;

/** The margin around a planned area that its crowd fills: 500 m + 5 m x sqrt(crowd). */
export function coreM(crowd: number): number {
	return 500 + 5 * Math.sqrt(Math.max(0, crowd));
}

/** Whether a gps post is its crowd going home: after its end (until HOME_MS after), within
 * INFLOW_M of its area, with a going-home cue. The night after a holiday fills the main
 * station with people saying so; that is the plan's outflow, not a gathering. */
export function goingHome(
	e: { toT: number; polygon: [number, number][] },
	p: LocatedPost,
	lon: number,
	lat: number
): boolean {
	return (
		p.t > e.toT &&
		p.t <= e.toT + HOME_MS &&
		!!p.text &&
		HOME_RE.test(p.text) &&
		distToPolygonM(lon, lat, e.polygon) <= INFLOW_M
	);
}

/** Whether its crowd is on the move at t: coming (from 3 h before the start to 90 min after)
 * or going (from 30 min before the end to 2 h after). */
function onTheMove(e: Planned, t: number): boolean {
	return (
		(t >= e.fromT - 3 * HOUR_MS && t <= e.fromT + COMING_MS) ||
		(t >= e.toT - 30 * 60_000 && t <= e.toT + 2 * HOUR_MS)
	);
}

/** Distance from a point to a polyline, m (equirectangular, fine at these distances). */
export function distToLineM(lon: number, lat: number, line: [number, number][]): number {
	const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
	const ky = 110_540;
	let best = Infinity;
	for (let i = 0; i + 1 < line.length; i++) {
		const ax = (line[i][0] - lon) * kx;
		const ay = (line[i][1] - lat) * ky;
		const bx = (line[i + 1][0] - lon) * kx;
		const by = (line[i + 1][1] - lat) * ky;
		const dx = bx - ax;
		const dy = by - ay;
		const l2 = dx * dx + dy * dy;
		const u = l2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / l2)) : 0;
		best = Math.min(best, Math.hypot(ax + u * dx, ay + u * dy));
	}
	return best;
}

/** Lines from a planned area's centre to the railway stations within STATION_M of it. */
function stationRoutes(
	polygon: [number, number][],
	centre: [number, number],
	S: DetectorState
): [number, number][][] {
	const out: [number, number][][] = [];
	for (const p of S.opts.places)
		if (
			p.kind === 'S.RSTN' &&
			Math.abs(p.lat - centre[1]) < 0.05 &&
			distToPolygonM(p.lon, p.lat, polygon) <= STATION_M
		)
			out.push([centre, [p.lon, p.lat]]);
	return out;
}

function planSig(e: PlannedEvent): string {
	return JSON.stringify([e.name, e.polygon, e.crowd, e.from, e.to, e.routes ?? null]);
}

export class PlannedSignal {
	events: Planned[];

	constructor(private readonly S: DetectorState) {
		this.events = (S.opts.planned ?? []).map((e) => this.build(e));
	}

	/** The plans from now on (new, changed and withdrawn ones): an unchanged plan keeps what it
	 * has learned (its bins, attendees, spill and what it silenced); a changed one starts anew. */
	replace(plans: PlannedEvent[]): void {
		const old = new Map(this.events.map((e) => [e.id, e]));
		this.events = plans.map((e) => {
			const had = old.get(e.id);
			return had && had.sig === planSig(e) ? had : this.build(e);
		});
	}

	/** Whether the plan explains a crowd of `est` people (`authors` posting) found by a signal
	 * at `key` (a cell): not more than it plans. Counted as silenced once per key and half
	 * hour of stream time. */
	explains(e: Planned, est: number, authors: number, key: string): boolean {
		if (est > e.crowd) return false;
		const t = this.S.streamT;
		e.observedAuthors = authors;
		e.observedCrowd = est;
		const k = `${key}:${Math.floor(t / (30 * 60_000))}`;
		if (!e.silenced.has(k) && e.silenced.size < 100_000) {
			e.silenced.add(k);
			if (!Number.isFinite(e.silencedSince)) e.silencedSince = t;
			e.silencedLast = Math.max(e.silencedLast, t);
		}
		return true;
	}

	/** Per plan: what it silenced since when, and the crowd last estimated in it. */
	status(): PlanStatus[] {
		const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : null);
		return this.events.map((e) => ({
			id: e.id,
			stream_time: iso(this.S.streamT),
			observed_authors: e.observedAuthors,
			observed_crowd: Math.round(e.observedCrowd),
			suppressed: e.silenced.size,
			suppressed_since: iso(e.silencedSince),
			last_suppressed_at: iso(e.silencedLast)
		}));
	}

	private build(e: PlannedEvent): Planned {
		const S = this.S;
		{
			const centre = ringCentre(e.polygon);
			const fromT = Date.parse(e.from);
			const toT = Date.parse(e.to);
			const bin0 = Math.floor((fromT - 3 * HOUR_MS) / BIN_MS);
			const span = Math.floor((toT + 4 * HOUR_MS) / BIN_MS) - bin0 + 1;
			const nBins = Number.isFinite(span) ? Math.min(Math.max(span, 1), 7 * 288) : 1;
			const names = [e.name, S.namer.name(centre[0], centre[1]).town]
				.filter((n): n is string => !!n && n.trim().length >= 3)
				.map((n) => escapeRe(n.trim().toLowerCase()));
			return {
				...e,
				routes: e.routes?.filter((r) => r.length >= 2) ?? stationRoutes(e.polygon, centre, S),
				fromT,
				toT,
				centre,
				spill: new Recent(4096),
				spillEvalT: -Infinity,
				binIn: new Float64Array(nBins),
				binOut: new Float64Array(nBins),
				bin0,
				attendees: new Set<string>(),
				silenced: new Set<string>(),
				sig: planSig(e),
				silencedSince: NaN,
				silencedLast: -Infinity,
				observedAuthors: 0,
				observedCrowd: 0,
				about: names.length ? new RegExp(`(?:^|[^\\p{L}])(?:${names.join('|')})`, 'iu') : null
			};
		}
	}

	get any(): boolean {
		return this.events.length > 0;
	}

	/** A planned event whose plan explains a crowd at the point at time t (`extraM`: the
	 * crowd's own radius): its core, the area plus a margin for the crowd around it (500 m +
	 * 5 m x sqrt(crowd): 1.6 km for 47,000 people), from `lead` before its start to 4 h after its
	 * end; and its routes (a corridor of ROUTE_M along each) while its crowd comes (from 3 h
	 * before its start to 90 min after) and goes (from 30 min before its end to 2 h after). A
	 * crowd elsewhere (a square a few kilometres away an hour after the match) is not its. */
	at(lon: number, lat: number, t: number, extraM: number, lead = 3 * HOUR_MS): Planned | null {
		for (const e of this.events) {
			if (t < e.fromT - lead || t > e.toT + 4 * HOUR_MS) continue;
			if (distToPolygonM(lon, lat, e.polygon) <= coreM(e.crowd) + extraM) return e;
			if (!e.routes.length || !onTheMove(e, t)) continue;
			const w = ROUTE_M + Math.min(extraM, ROUTE_M);
			for (const r of e.routes) if (distToLineM(lon, lat, r) <= w) return e;
		}
		return null;
	}

	/** A planned event active at t (from 3 h before its start to 4 h after its end) whose area
	 * plus `marginM` holds the point. */
	near(lon: number, lat: number, t: number, marginM: number): Planned | null {
		for (const e of this.events) {
			if (t < e.fromT - 3 * HOUR_MS || t > e.toT + 4 * HOUR_MS) continue;
			if (distToPolygonM(lon, lat, e.polygon) <= marginM) return e;
		}
		return null;
	}

	/** Whether an arrival whose previous fix was at (lon, lat) at t is someone leaving a planned
	 * event: not converging on the next place. */
	leaving(lon: number, lat: number, t: number): boolean {
		return this.events.length > 0 && this.near(lon, lat, t, SPILL_M) !== null;
	}

	/** Whether a gps post away from a planned event is its flow or travel to or from it, not a
	 * gathering where it was posted: its crowd coming or going (flow), or a post that names it or
	 * its town during its window far from it (TRAVEL_M), before its end (talk of the event in
	 * its town), with a travel cue ("op weg naar"), or where its plan explains a crowd (its
	 * core, its routes while its crowd comes and goes). A post in town after the event, off its
	 * routes, that names the event or the town is not travel: a crowd at a square after the
	 * match names both. Posts in its area and just outside it are counted for the overflow
	 * test and kept as its spill. */
	aboutPlanned(p: LocatedPost, lon: number, lat: number): boolean {
		for (const e of this.events) {
			if (goingHome(e, p, lon, lat)) return true;
			if (p.t < e.fromT - 3 * HOUR_MS || p.t > e.toT + 4 * HOUR_MS) continue;
			const d = distToPolygonM(lon, lat, e.polygon);
			const b = Math.floor(p.t / BIN_MS) - e.bin0;
			const inWindow = b >= 0 && b < e.binIn.length;
			if (d <= SPILL_M && p.t >= e.fromT - HOUR_MS && p.t <= e.toT && e.attendees.size < 1e6)
				e.attendees.add(p.author);
			if (d === 0) {
				if (inWindow) e.binIn[b]++;
			} else if (d <= SPILL_M) {
				if (inWindow) e.binOut[b]++;
				e.spill.push(p.id, p.author, p.t, lon, lat, d);
			} else if (this.flow(e, p, d)) return true;
			else if (
				e.about &&
				p.text &&
				(d > TRAVEL_M ||
					p.t <= e.toT ||
					TRAVEL_RE.test(p.text) ||
					this.at(lon, lat, p.t, 0) === e) &&
				e.about.test(p.text)
			)
				return true;
		}
		return false;
	}

	/** Whether a gps post d m from the event's area is its crowd coming or going: a post with a
	 * travel cue or going to an event (GOING_RE) while it comes or goes; while it comes (the
	 * inflow window), an author within INFLOW_M whose fixes approach the area by more than
	 * FLOW_M; while it goes (the outflow window), one of its attendees whose fixes move away from
	 * it by more than FLOW_M. Someone who stops at a square on the way and stays there is
	 * counted again from their next post there. */
	private flow(e: Planned, p: LocatedPost, d: number): boolean {
		const coming = p.t >= e.fromT - 3 * HOUR_MS && p.t <= e.fromT + COMING_MS;
		const going = p.t >= e.toT - 30 * 60_000 && p.t <= e.toT + 2 * HOUR_MS;
		// Travelling (a travel cue), or going to an event ("naar de wedstrijd"), while its crowd
		// comes or goes: its flow, wherever it is.
		if ((coming || going) && p.text && (TRAVEL_RE.test(p.text) || GOING_RE.test(p.text)))
			return true;
		if (!(coming && d <= INFLOW_M) && !(going && e.attendees.has(p.author))) return false;
		const prev = this.S.sig.convergence.lastFix(p.author);
		if (!prev || p.t < prev.t || p.t - prev.t > 3 * HOUR_MS) return false;
		const dPrev = distToPolygonM(prev.lon, prev.lat, e.polygon);
		return coming ? d < dPrev - FLOW_M : d > dPrev + FLOW_M;
	}

	/** Whether a post located to a named place is about a planned event: located in or near its
	 * area from 3 days before it to 4 h after, or naming it (or its town) during its window. */
	aboutEvent(p: LocatedPost, lon: number, lat: number, radiusM: number): boolean {
		for (const e of this.events) {
			if (p.t < e.fromT - 3 * DAY_MS || p.t > e.toT + 4 * HOUR_MS) continue;
			if (distToPolygonM(lon, lat, e.polygon) <= SPILL_M + radiusM) return true;
			if (p.t >= e.fromT - 3 * HOUR_MS && e.about && p.text && e.about.test(p.text)) return true;
		}
		return false;
	}

	/** Whether calls for (lon, lat) naming these days (day → votes) are for a planned event's
	 * day (any day named by at least a third as many calls as the most named one: "morgen" and
	 * "zaterdag" split the votes). */
	callsForDay(lon: number, lat: number, days: Map<number, number>): boolean {
		if (!this.events.length) return false;
		let top = 0;
		for (const v of days.values()) top = Math.max(top, v);
		for (const [day, v] of days)
			if (v * 3 >= top && this.at(lon, lat, day, 0, DAY_MS + 12 * HOUR_MS)) return true;
		return false;
	}

	/** Evaluate the overflow of every event that has spill. */
	evalSpills(): void {
		for (const e of this.events) if (e.spill.len) this.evalSpill(e);
	}

	/** The crowd just outside a planned event's area, during the event (from an hour after its
	 * start): an overflow when the last hour's ratio of posts outside to inside is at least
	 * SPILL_RATIO times the ratio over the event so far (a crowd that grows outside while the
	 * area is full), with at least 3 x minAuthors distinct authors outside. The ratio learns
	 * the event's own spill: a city-wide event around a small square spills all day. */
	private evalSpill(e: Planned): void {
		const S = this.S;
		const streamT = S.streamT;
		if (streamT - e.spillEvalT < 20_000 && streamT >= e.spillEvalT) return;
		e.spillEvalT = streamT;
		// Not in its last 30 min: its crowd leaving then is expected (the final whistle).
		if (streamT < e.fromT + 2 * HOUR_MS || streamT > e.toT - 30 * 60_000) return;
		const end = Math.floor(streamT / BIN_MS) - e.bin0;
		const from = Math.max(0, Math.floor(e.fromT / BIN_MS) - e.bin0);
		let inNow = 0;
		let outNow = 0;
		let inBefore = 0;
		let outBefore = 0;
		let inPrev = 0;
		for (let b = from; b <= end && b < e.binIn.length; b++) {
			if (b > end - SPILL_BINS) {
				inNow += e.binIn[b];
				outNow += e.binOut[b];
			} else {
				inBefore += e.binIn[b];
				outBefore += e.binOut[b];
				if (b > end - 2 * SPILL_BINS) inPrev += e.binIn[b];
			}
		}
		const ratio = (outBefore + 1) / (inBefore + 1);
		// The outflow is expected: those who posted inside the window before and no longer do
		// are leaving, just outside (the crowd leaving at the final whistle is no overflow).
		const expected = ratio * inNow + Math.max(0, inPrev - inNow);
		// And more than before in absolute terms: an area emptying at the end is no overflow.
		const nBefore = Math.max(1, end - SPILL_BINS - from + 1);
		const usualOut = (outBefore / nBefore) * SPILL_BINS;
		if (outNow < SPILL_RATIO * Math.max(expected, usualOut) || outNow < 3 * S.minAuthors) return;
		const r = e.spill;
		const idx = r.since(streamT - SPILL_BINS * BIN_MS, Infinity);
		const authors = authorsIn(r, idx);
		if (authors < 3 * S.minAuthors) return;
		let lon = 0;
		let lat = 0;
		for (const i of idx) {
			lon += r.lon[i];
			lat += r.lat[i];
		}
		lon /= idx.length;
		lat /= idx.length;
		const est = authors * S.crowdPerAuthor;
		const cell = S.cellOf(latLngToCell(lat, lon, 8), 8, S.cells8);
		const x = outNow / Math.max(expected, 1);
		const severity: Severity = x >= 2 * SPILL_RATIO ? 'critical' : 'warning';
		S.sig.alerts.raise(
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
}
