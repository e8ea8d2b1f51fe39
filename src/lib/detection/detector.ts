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
 * - travel to a mobilisation (signals/mobilisation.ts travelTo): a gps or located post more than
 *   3 km from an active mobilisation's place that names it, from 12 h before its announced time
 *   to 6 h after (or whose author was there, from 3 h before it, in the last 3 h: going home), is travel there (a station filling with people headed to the called place):
 *   it is counted at its hub on the mobilisation's alert (facts.travel), not by the surge,
 *   convergence and place-layer tests. A call that names a station and an active call's place
 *   ("verzamelen op station Groningen voor Haren") is that call's, the station a meeting point
 *   (facts.meeting).
 * - planned events (signals/planned.ts) explain only what their plan explains: their core (the
 *   area plus 500 m + 5 m x sqrt(crowd): 1.6 km for a stadium of 47,000), from 3 h before to
 *   4 h after; their routes (the plan's lines to stations and car parks, else lines to the
 *   railway stations within 2 km), a 300 m corridor, while the crowd comes (3 h before the start
 *   to 90 min after) and goes (30 min before the end to 2 h after); and their flow: gps posts
 *   with a travel cue or going to an event ("naar de wedstrijd") while the crowd comes or goes,
 *   authors within 30 km whose fixes approach the area while it comes, and attendees (a fix at
 *   it) whose fixes move away from it while it goes are not counted where they were posted. A surge or convergence in the core or on a
 *   route raises nothing unless the estimated crowd (distinct authors x crowdPerAuthor) exceeds
 *   the planned crowd; a crowd elsewhere (a square a few kilometres away an hour after the
 *   match) raises as anywhere. Calls to the core for that day (or naming its day among other
 *   days) raise nothing. The crowd just outside the area (within 1 km) is watched on its own:
 *   from 2 h after the start to 30 min before the end (its crowd leaving then is expected), an
 *   overflow is raised when the last 30 min hold 1.5x the posts outside that the event so far
 *   predicts (from its outside / inside ratio, from its usual outside volume, plus those who
 *   stopped posting inside). Gps posts that name the event or its town during its window are
 *   travel when far away (10 km), before its end, with a travel cue, or in its core or on its
 *   routes; in town after it they count. An arrival whose previous fix was at
 *   the event is someone leaving it, not converging.
 *
 * - festivities (festivities.ts): on King's Night, King's Day and New Year's Eve a gps or
 *   located post that speaks of the festivity and of no trouble is its celebration, expected
 *   everywhere: left out of the surge, convergence and place-layer tests like posts about a
 *   planned event (the baseline still learns from it). Posts about trouble count as always.
 *
 * Alerts merge as evidence grows: a surge or convergence within 2 km of an active alert of the
 * same kind (updated in the last 3 h) updates it (same id; emitted again when severity rises or
 * the figures grow by half). Ids are deterministic: kind, a res-7 cell or place, local day.
 * A crowd's people stay its people: a live gps post inside an active surge's or convergence's
 * area makes its author one of that crowd's (the crowd they were first seen in). A new surge or
 * convergence whose authors are mostly one gathering's people, updated in the last 6 h, is that
 * gathering's dispersal when it lies beyond its area, within 3 km of it (walking home from Haren
 * through Essen), or its aftermath when it lies inside its area once the gathering is no longer
 * active (the press and the clean-up the morning after): listed on that gathering's alert
 * (facts.after, "Verspreiding richting Essen", "Nasleep bij ..."), which is emitted again, not
 * raised as a new alert (signals/alerts.ts crowdOf).
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
 * Layout: state.ts holds the shared state (options, stream time, cells and their baselines);
 * each signal is a module over it in signals/: surge.ts, convergence.ts, place.ts (the place
 * layer), planned.ts (planned events and their overflow), mobilisation.ts (the glue that calls
 * ../mobilisation.ts) and alerts.ts (raising, merging and restoring alerts). This file feeds
 * posts to them.
 *
 * Cost per post: a dedupe lookup, a prefilter regex on the text, and for gps posts one
 * latLngToCell, one Map lookup and three small ring updates; memory is bounded: cells are bounded
 * by geography, live rings are freed when a cell has been cold for 2 h, authors and dedupe keys
 * are kept in two generations.
 */
import { latLngToCell } from 'h3-js';
import { createLocator, type Locator } from '../geo/locate';
import type { LocatedPost } from '../posts/post';
import type { Alert, Detector, PlannedEvent, StoredAlert } from './api';
import { BIN_MS } from './cells';
import { KeySet } from './keys';
import { formatIso } from '../time/amsterdam';
import { celebrates } from './festivities';
import { DetectorState, HOUR_MS, type GatheringOptions } from './state';
import { AlertBook } from './signals/alerts';
import { ConvergenceSignal } from './signals/convergence';
import { createMobilisationSignal, maybeCall } from './signals/mobilisation';
import { PlaceLayerSignal, isPlaced } from './signals/place';
import { PlannedSignal } from './signals/planned';
import { SurgeSignal } from './signals/surge';

export type { GatheringOptions } from './state';

const MAX_KEYS = 1_000_000;

export function createGatheringDetector(opts: GatheringOptions): Detector {
	const S = new DetectorState(opts);
	let locator: Locator | null = null;
	const getLocator = (): Locator =>
		(locator ??= createLocator(opts.places, { authorContext: false }));
	const alerts = new AlertBook(S);
	const planned = new PlannedSignal(S);
	const surge = new SurgeSignal(S);
	const convergence = new ConvergenceSignal(S);
	const place = new PlaceLayerSignal(S);
	const mob = createMobilisationSignal(S, getLocator);
	S.sig = { alerts, planned, surge, convergence, place, mob };

	// Dedupe: two generations of keys.
	const keys = new KeySet(MAX_KEYS);
	let sinceSweep = 0;

	function seen(p: LocatedPost): boolean {
		return !keys.add(p.source, p.id);
	}

	function sweep(): void {
		// Cool cells with no post for 2 h; fold their open hour first.
		const cutoff = S.streamT - 2 * HOUR_MS;
		const live = S.live;
		let w = 0;
		for (let i = 0; i < live.length; i++) {
			const c = live[i];
			if (c.lastT < cutoff) {
				c.cool();
			} else live[w++] = c;
		}
		live.length = w;
	}

	/** A gps post (or one located within 100 m): the cells at res 8, 7 and 6, the author's
	 * arrivals, then the surge, convergence and overflow tests. */
	function addGps(p: LocatedPost, learnOnly: boolean): void {
		const lon = p.pos![0];
		const lat = p.pos![1];
		const t = p.t;
		const k8 = latLngToCell(lat, lon, 8);
		let c8 = S.cells8.get(k8);
		if (!c8) c8 = S.cellOf(k8, 8, S.cells8);
		S.gpsL.count(t);
		if (!learnOnly) S.gpsL.bins.add(Math.floor(t / BIN_MS));
		const bin = Math.floor(t / BIN_MS);
		// Travel to an active mobilisation (a station filling with people headed to the called
		// place) is not a gathering of its own: left out here, shown on the mobilisation's alert.
		const travel = learnOnly ? null : mob.travelTo(p, lon, lat);
		if (travel) mob.noteTravel(travel, p, lon, lat);
		// A festivity's celebration (King's Night, New Year's Eve: festivities.ts) is expected.
		const fresh =
			t >= S.streamT - 2 * HOUR_MS &&
			!travel &&
			(learnOnly || !planned.any || !planned.aboutPlanned(p, lon, lat)) &&
			(learnOnly || !celebrates(p.text, t));
		for (let c: typeof c8 | null = c8; c; c = c.parent) {
			S.countBaseline(c, t);
			if (learnOnly || !fresh) continue;
			if (!c.bins) {
				c.warm(c.res === 8 ? 1024 : 2048);
				S.live.push(c);
			}
			c.lastT = Math.max(c.lastT, t);
			c.addBin(bin);
			c.recent!.push(p.id, p.author, t, lon, lat, 0);
		}
		// Convergence: arrivals of authors from more than 1 km away within 3 h.
		convergence.track(p, lon, lat, c8, learnOnly, fresh);
		if (!learnOnly) alerts.noteMember(p.author, lon, lat, t);
		if (learnOnly || !fresh) return;
		for (let c: typeof c8 | null = c8; c; c = c.parent) surge.evalSurge(c);
		convergence.evalConvergence(c8.parent!);
		planned.evalSpills();
	}

	function process(p: LocatedPost): void {
		if (!Number.isFinite(p.t)) return;
		if (seen(p)) return;
		if (p.t > S.streamT) {
			S.streamT = p.t;
			S.streamIso = p.created_at;
		}
		let call = false;
		const unknown = mob.observe(p);
		if (p.text && maybeCall(p.text)) {
			mob.onCall(p, unknown);
			call = mob.isCall(p.text);
		}
		if (p.pos && (p.method === 'gps' || (p.precision_m !== undefined && p.precision_m <= 100)))
			addGps(p, false);
		else if (!call && isPlaced(p) && !mob.travelTo(p, p.pos![0], p.pos![1])) place.add(p, false);
		if (++sinceSweep >= 20_000) {
			sinceSweep = 0;
			sweep();
		}
	}

	return {
		learn(history: Iterable<LocatedPost[]>): void {
			S.learning = true;
			let t0 = Infinity;
			let t1 = -Infinity;
			for (const batch of history)
				for (const p of batch) {
					if (!Number.isFinite(p.t) || seen(p)) continue;
					if (p.t < t0) t0 = p.t;
					if (p.t > t1) t1 = p.t;
					const mc = !!p.text && maybeCall(p.text);
					mob.learnNames(p);
					if (mc) mob.learnCall(p, t0);
					if (p.pos && (p.method === 'gps' || (p.precision_m ?? Infinity) <= 100)) addGps(p, true);
					else if (isPlaced(p) && !(mc && mob.isCall(p.text))) place.add(p, true);
				}
			// Close the open hours so the history counts fully.
			for (const c of S.cells8.values()) S.fold(c);
			for (const c of S.cellsUp.values()) S.fold(c);
			S.gpsL.close();
			S.placeL.close();
			for (const c of S.placeCells.values()) S.fold(c);
			for (const c of S.placeCells.values()) c.pendHour = -1;
			for (const c of S.cells8.values()) c.pendHour = -1;
			for (const c of S.cellsUp.values()) c.pendHour = -1;
			if (t1 > t0) mob.closeCallHist(t1 - t0);
			mob.endLearning();
			S.learning = false;
		},
		push(batch: LocatedPost[]): Alert[] {
			alerts.begin();
			for (const p of batch) process(p);
			return [...alerts.out.values()];
		},
		restore(stored: StoredAlert[]): void {
			alerts.restore(stored);
		},
		setPlanned(next: PlannedEvent[]): void {
			planned.replace(next);
		},
		planStatus: () => planned.status(),
		advance(t: number): Alert[] {
			if (Number.isFinite(t) && t > S.streamT) {
				S.streamT = t;
				S.streamIso = formatIso(t);
			}
			return [];
		}
	};
}
