/**
 * The mobilisation signal's glue (the cues and announced times are read by ../mobilisation.ts):
 * calls are grouped by the place they mean (../mobilisation-places.ts: the most specific place
 * named, a square the gazetteer lacks once learned from posts (geo/learned-places.ts), a town's
 * calls for the same moment counted into the square inside it; else the resolved place within
 * 3 km), weighed by distinct authors in 24 h,
 * reposts and growth. An alert needs minCallers distinct authors in 24 h, and more where the
 * history holds a steady background of calls for the place (party invitations): the count must be
 * improbable (mobAlpha) under Poisson(the place's median callers a day in history, times the
 * nationwide call rate of the last 24 h outside the place over its median a day when that is
 * higher). Few authors stay info ("loze oproep"); wide spread is a warning; critical when the
 * announced time is near and the spread is large, or when people actually show up (a surge or
 * convergence within 3 km). Calls for a planned event's area on its day raise nothing.
 * Pure module.
 */
import type { Locator } from '../../geo/locate';
import type { LocatedPost } from '../../posts/post';
import { distanceM as distM } from '../../geo/measure';
import type { Severity } from '../api';
import { announced, callCues, maybeCall, type Announced, type CallCues } from '../mobilisation';
import { poissonTailLog10 } from '../stats';
import { summaryText, type AlertFacts, type LinkedFacts } from '../summary';
import { formatIso, localDay } from '../../time/amsterdam';
import { LearnedPlaces, type UnknownName } from '../../geo/learned-places';
import * as mp from '../mobilisation-places';
import { learnedFacts } from '../summary-learned';
import {
	DAY_MS,
	HOUR_MS,
	SEV_RANK,
	absHour,
	escapeRe,
	type DetectorState,
	type Gathering
} from '../state';

export { maybeCall };

/** A group of calls for one place: the fields merging moves are in mp.MergeableCluster (names,
 * callers, new authors per hour, reposts, sceptic posts, calls, announced days and clocks,
 * evidence, calls per hour); these are the signal's own. */
export interface MobCluster extends mp.MergeableCluster {
	key: string;
	confirmed: boolean;
	gathering: Gathering | null;
	count24: number;
	countT: number;
	countSize: number;
	/** callersNeeded's last result and the expectation it was computed for. */
	needMu: number;
	need: number;
	/** Travel hubs: where gps posts on the way here were posted (place → posts, authors). */
	travel?: Map<string, { posts: number; authors: Set<string> }>;
	travelPosts?: number;
	travelEmitted?: number;
	/** Meeting points on the way (a station the calls name with this place): name → callers. */
	meeting?: Map<string, Set<string>>;
	/** The names-of-the-called-place pattern, and the names count it was built for. */
	nameRe?: RegExp | null;
	nameReN?: number;
	/** Calls posted with gps, and those of them posted inside an active crowd elsewhere. */
	gpsCalls?: number;
	crowdCalls?: number;
}

/** A gps post (or a located one) this far from the called place that names it is travel to it. */
export const TRAVEL_MIN_M = 3_000;
/** Travel to a mobilisation is watched from this long before its announced time... */
const TRAVEL_BEFORE_MS = 12 * HOUR_MS;
/** ...until this long after it: latecomers (calls name several times: 17:00, 19:00, 21:45),
 * and its crowd going home, for hours after a riot as after a planned event (HOME_MS). */
const TRAVEL_AFTER_MS = 6 * HOUR_MS;
/** Authors posting at the called place from this long before its time are its crowd. */
const ATTEND_BEFORE_MS = 3 * HOUR_MS;
/** Least gps-posted calls before a cluster can be judged a crowd's talk (crowdTalk). */
const CROWD_CALLS_MIN = 3;
/** An author who posted travel to a mobilisation is on the way for this long. */
const TRAVELLER_MS = 3 * HOUR_MS;
/** A transit hub: a call naming one and another called place meets there on the way. */
const HUB_RE = /(?:^|[^\p{L}])(?:station|centraal|cs)(?![\p{L}])/iu;

/**
 * The pattern of the names that mean the called place: the cluster's names whose point lies
 * within TRAVEL_MIN_M of it (not a town it lies in, nor a station on the way), as words or inside
 * a hashtag ("#projectxharen"). Null when it has none.
 */
export function calledNamesRe(
	names: ReadonlyMap<string, readonly [number, number, number]>,
	lon: number,
	lat: number
): RegExp | null {
	const words: string[] = [];
	const tags: string[] = [];
	for (const [n, v] of names) {
		if (distM(lon, lat, v[1], v[2]) > TRAVEL_MIN_M || n.length < 3) continue;
		words.push(escapeRe(n));
		const slug = n
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '');
		if (slug.length >= 4) tags.push(slug);
	}
	if (!words.length) return null;
	const tag = tags.length ? `|#[\\p{L}\\p{N}_]*(?:${tags.join('|')})` : '';
	return new RegExp(`(?:(?:^|[^\\p{L}])(?:${words.join('|')})(?![\\p{L}])${tag})`, 'iu');
}

export type MobilisationSignal = ReturnType<typeof createMobilisationSignal>;

/** The mobilisation signal over the detector's state; `locator` resolves the place a call
 * names when the post was not located by its text. */
export function createMobilisationSignal(S: DetectorState, locator: () => Locator) {
	const clusters: MobCluster[] = [];
	const alerts = () => S.sig.alerts;
	const learned = new LearnedPlaces(S.opts.places);
	const pending = new mp.PendingCalls<{ t: number; p: LocatedPost; unknown: UnknownName[] }>();
	/** Authors who posted travel to a mobilisation, or at its place (its crowd): the cluster
	 * and when (travelTo). */
	const travellers = new Map<string, { c: MobCluster; t: number }>();

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
		return best && bestN >= S.minCallers ? best : null;
	}

	function namesRe(c: MobCluster): RegExp | null {
		if (c.nameRe === undefined || c.nameReN !== c.names.size) {
			c.nameRe = calledNamesRe(c.names, c.lon, c.lat);
			c.nameReN = c.names.size;
		}
		return c.nameRe;
	}

	/**
	 * The active mobilisation a post at lon/lat travels to: its text names the called place, it
	 * is more than TRAVEL_MIN_M from it, and it comes from TRAVEL_BEFORE_MS before the announced
	 * time until TRAVEL_AFTER_MS after it (without an announced time: while calls come, 24 h).
	 * Such posts (a station filling with people headed there) are the mobilisation's travel, not
	 * a gathering of their own: the surge and convergence tests leave them out, and the
	 * mobilisation's alert shows them (noteTravel).
	 */
	function travelTo(p: LocatedPost, lon: number, lat: number): MobCluster | null {
		const t = p.t;
		// Someone who said they are on their way, or who was at the called place, stays a
		// traveller for TRAVELLER_MS: their other posts on the way there ("hele trein zingt") or
		// back home do not name the place again.
		const known = travellers.get(p.author);
		if (known && t >= known.t && t - known.t <= TRAVELLER_MS && onTheWay(known.c, lon, lat, t))
			return known.c;
		for (const c of clusters) {
			const g = c.gathering;
			if (!g || t - c.lastT > DAY_MS) continue;
			const exp = expectedAt(c);
			if (!Number.isNaN(exp) && (t < exp - TRAVEL_BEFORE_MS || t > exp + TRAVEL_AFTER_MS)) continue;
			if (
				distM(lon, lat, c.lon, c.lat) <= TRAVEL_MIN_M ||
				distM(lon, lat, g.alert.lon, g.alert.lat) <= TRAVEL_MIN_M
			) {
				// At the place from ATTEND_BEFORE_MS before its time: one of its crowd, whose
				// posts elsewhere afterwards are their way home.
				if (Number.isNaN(exp) || t >= exp - ATTEND_BEFORE_MS) remember(p.author, c, t);
				continue;
			}
			if (!p.text) continue;
			const re = namesRe(c);
			if (re && re.test(p.text)) {
				remember(p.author, c, t);
				return c;
			}
		}
		return null;
	}

	function remember(author: string, c: MobCluster, t: number): void {
		if (travellers.size >= 200_000) travellers.clear();
		travellers.set(author, { c, t });
	}

	/** Whether a post at lon/lat at t is still on the way to c: in its travel window, more than
	 * TRAVEL_MIN_M from its place. */
	function onTheWay(c: MobCluster, lon: number, lat: number, t: number): boolean {
		const g = c.gathering;
		if (!g) return false;
		const exp = expectedAt(c);
		if (!Number.isNaN(exp) && (t < exp - TRAVEL_BEFORE_MS || t > exp + TRAVEL_AFTER_MS))
			return false;
		return (
			distM(lon, lat, c.lon, c.lat) > TRAVEL_MIN_M &&
			distM(lon, lat, g.alert.lon, g.alert.lat) > TRAVEL_MIN_M
		);
	}

	/** A travel post to c at lon/lat: counted at its hub; the alert shows the hubs. */
	function noteTravel(c: MobCluster, p: LocatedPost, lon: number, lat: number): void {
		const { place, near } = S.nameOf(lon, lat);
		const hub = place || near;
		c.travel ??= new Map();
		let h = c.travel.get(hub);
		if (!h) c.travel.set(hub, (h = { posts: 0, authors: new Set() }));
		h.posts++;
		if (h.authors.size < 100_000) h.authors.add(p.author);
		c.travelPosts = (c.travelPosts ?? 0) + 1;
		if (c.travelPosts >= S.minCount && c.travelPosts >= 1.5 * (c.travelEmitted ?? 0))
			updateCluster(c);
	}

	/** The called place a call naming a transit hub means, when its text also names an active
	 * call's place more than TRAVEL_MIN_M away ("verzamelen op station Groningen voor Haren"):
	 * the hub is a meeting point on the way, the call is that call's. */
	function hubCallFor(p: LocatedPost, at: mp.CallPlace): MobCluster | null {
		if (!p.text || !HUB_RE.test(at.name)) return null;
		let best: MobCluster | null = null;
		for (const c of clusters) {
			if (p.t - c.lastT > 3 * DAY_MS || c.callers.size === 0) continue;
			if (distM(at.lon, at.lat, c.lon, c.lat) <= TRAVEL_MIN_M) continue;
			const re = namesRe(c);
			if (!re || !re.test(p.text)) continue;
			if (!best || c.callers.size > best.callers.size) best = c;
		}
		return best;
	}

	/** At least CROWD_CALLS_MIN of the cluster's calls have gps, and half or more of those were
	 * posted inside an active surge or convergence more than TRAVEL_MIN_M from its place. */
	function crowdTalk(c: MobCluster): boolean {
		const n = c.gpsCalls ?? 0;
		return n >= CROWD_CALLS_MIN && 2 * (c.crowdCalls ?? 0) >= n;
	}

	/** People showed up where the cluster called them: it turns critical. */
	function confirm(c: MobCluster): void {
		if (!c.confirmed) {
			c.confirmed = true;
			updateCluster(c);
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
		const t = S.streamT;
		const a24 = callers24(c, t);
		if (a24 < S.minCallers && !c.gathering) return;
		if (!c.gathering && a24 < callersNeeded(c, t)) return;
		// Calls that start once people are there ("kom ook" at a protest) are the crowd's, not a
		// mobilisation (docs/formats.md: a call, before people are there).
		const book = alerts();
		if (
			!c.gathering &&
			[...Object.values(book.activeByKind), book.activePlace].some((l) =>
				book.findActive(l, c.lon, c.lat, t)
			)
		)
			return;
		// Calls posted from inside a crowd elsewhere ("we zijn er, op het Raadhuisplein") are
		// that crowd's talk about its own spots (a square of that name in another town is only
		// the gazetteer's guess): no mobilisation of their own.
		if (!c.gathering && crowdTalk(c)) return;
		const exp = expectedAt(c);
		// Calls for a planned event's area on its day raise nothing.
		const pe = Number.isNaN(exp)
			? S.sig.planned.at(c.lon, c.lat, t, 0, 3 * DAY_MS)
			: S.sig.planned.at(c.lon, c.lat, exp, 0, 12 * HOUR_MS) ||
				S.sig.planned.callsForDay(c.lon, c.lat, c.days);
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
			const r = alerts().gatherings.has(id)
				? null
				: alerts().takeRestored(id, 'mobilisation', c.lon, c.lat, c.firstT, 3_000, 3 * DAY_MS);
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
			weak: !c.confirmed && severity === 'info',
			...(c.travel?.size ? { travel: topHubs(c.travel) } : {}),
			...(c.meeting?.size
				? {
						meeting: [...c.meeting]
							.map(([place, who]) => ({ place, callers: who.size }))
							.sort((a, b) => b.callers - a.callers)
							.slice(0, 5)
					}
				: {})
		};
		const text = summaryText(facts, 'nl');
		if (!g) {
			const lon = nv ? nv[1] : c.lon;
			const lat = nv ? nv[2] : c.lat;
			g = {
				alert: {
					id,
					kind: 'mobilisation',
					detected_at: S.streamIso,
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
			alerts().gatherings.set(id, g);
			alerts().emit(g);
			return;
		}
		const a = g.alert;
		const prevExp = a.expected_at;
		a.detected_at = S.streamIso;
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
		const travel = c.travelPosts ?? 0;
		if (
			SEV_RANK[a.severity] > SEV_RANK[g.emittedSeverity] ||
			a24 >= 1.5 * g.emittedFigure ||
			a.expected_at !== prevExp ||
			(travel >= S.minCount && travel >= 1.5 * (c.travelEmitted ?? 0))
		) {
			c.travelEmitted = travel;
			g.emittedSeverity = a.severity;
			g.emittedFigure = Math.max(g.emittedFigure, a24);
			alerts().emit(g);
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
			const loc = locator().locate({
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

	/** Least distinct callers in 24 h for a mobilisation alert at this cluster: S.minCallers, or
	 * more where history shows a steady background of calls (party invitations) for its places:
	 * the count must be improbable under Poisson(expected callers a day) at mobAlpha. */
	function callersNeeded(c: MobCluster, t: number): number {
		let mu = 0;
		for (const n of c.names.keys()) mu += callBase.get(n) ?? 0;
		if (mu <= 0) return S.minCallers;
		// A day of many calls everywhere (a national holiday) raises every place's background.
		if (natBase > 0) {
			const h = absHour(t);
			const elsewhere = ringSum(natByHour, natAt, h) - ringSum(c.callsByHour, c.callsAt, h);
			mu *= Math.max(1, elsewhere / natBase);
		}
		if (Math.abs(c.needMu - mu) <= 0.02 * mu) return c.need;
		let n = Math.max(S.minCallers, Math.ceil(mu) + 2);
		while (poissonTailLog10(n, mu) > S.log10MobAlpha) n++;
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
		// A meeting point on the way (a station) named with an active call's place: that call.
		const via = hubCallFor(p, at);
		if (via && call) {
			via.meeting ??= new Map();
			let who = via.meeting.get(at.name);
			if (!who) via.meeting.set(at.name, (who = new Set()));
			if (who.size < 100_000) who.add(p.author);
		}
		const pick = via ? { join: via, asContainer: true } : mp.pickCluster(clusters, at, p.t, when);
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
				need: S.minCallers,
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
		if (p.pos && p.method === 'gps') {
			c.gpsCalls = (c.gpsCalls ?? 0) + 1;
			const g = alerts().crowdAt(p.pos[0], p.pos[1], p.t);
			if (g && distM(p.pos[0], p.pos[1], c.lon, c.lat) > TRAVEL_MIN_M)
				c.crowdCalls = (c.crowdCalls ?? 0) + 1;
		}
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

	function topHubs(m: Map<string, { posts: number; authors: Set<string> }>) {
		return [...m]
			.map(([place, h]) => ({ place, posts: h.posts, authors: h.authors.size }))
			.sort((a, b) => b.posts - a.posts)
			.slice(0, 5);
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

	/** A post seen live: learn from the names it uses, and handle the calls that waited for a
	 * name it teaches (pending under a square not yet learned). Returns the unknown names in it. */
	function observe(p: LocatedPost): UnknownName[] {
		const unknown = learned.observePost(p);
		if (unknown.length)
			for (const q of pending.release(unknown, learned, p.t)) onCall(q.p, q.unknown);
		return unknown;
	}

	/** Whether a post located to a place is talk about a place being called to (an active
	 * mobilisation at a square inside the same town): the place layer leaves it out. */
	function aboutCalledPlace(p: LocatedPost, lon: number, lat: number, radiusM: number, t: number) {
		const gmOf = () => learned.gmOf(p.located_as ?? '', lon, lat);
		const active = (k: MobCluster) => !!k.gathering && t - k.lastT < 6 * HOUR_MS;
		return mp.aboutCalledPlace(clusters, { lon, lat, radius_m: radiusM }, gmOf, active);
	}

	return {
		observe,
		/** History: learn the names a post uses (no calls are released while learning). */
		learnNames(p: LocatedPost): void {
			learned.observePost(p);
		},
		aboutCalledPlace,
		travelTo,
		noteTravel,
		nearbyCluster,
		confirm,
		linkedFacts,
		calledTalk,
		isCall,
		onCall,
		learnCall,
		closeCallHist,
		/** Forget history's call counts (after learning). */
		endLearning(): void {
			callHist = null;
		}
	};
}
