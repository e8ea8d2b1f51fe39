/**
 * Mobilisation by the place callers mean, not the string they wrote (issue 12, item 4). Pure
 * module: the gathering detector (detector.ts) asks it where a call points and which group of
 * calls it joins.
 *
 * - `resolveCallPlace`: a call that names a place the gazetteer lacks ("het Bijlmerplein")
 *   points at that place once it is learned well enough (geo/learned-places.ts: usable) and
 *   agrees with what the locator found in the same text (within both radii, or inside the same
 *   municipality when the locator found a town); before that, a call naming only such a name is
 *   pending under the name (`PendingCalls`) and counted as soon as the name is learned. Otherwise
 *   the locator's place.
 * - `pickCluster`: calls group per place. Levels: 0 a site, square or learned place (radius <=
 *   500 m), 1 a neighbourhood or district (<= 1,500 m), 2 a town or municipality. A call joins:
 *   1. the busiest active group (calls in the last 6 h, at least 3 callers, announcing the same
 *      day, and clock time within an hour where both name one) of a more specific
 *      place that its own place contains ("Amsterdam" contains the square in Zuidoost: same
 *      municipality, or where a municipality is unknown within 3x the town's radius, at least
 *      5 km; a neighbourhood contains what lies within its radius + 500 m): it counts
 *      there, without adding its name (so the town's usual background of calls does not become
 *      the square's);
 *   2. else the nearest active group (last call less than 3 days ago) within 3 km, as before; a
 *      more specific call moves the group to its place;
 *   3. else a new group.
 *   A group that now holds a more specific place takes in the calls of the last 6 h of groups
 *   of containing places that announce the same moment (`containersOf`, `mergeCluster`):
 *   "Amsterdam" calls posted before anyone named the square. A town's everyday calls (parties,
 *   other days) stay the town's.
 */
import { distanceM } from '../geo/measure';
import type { LearnedPlace, LearnedPlaces, UnknownName } from '../geo/learned-places';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Calls of a containing place this recent count into the specific place. */
export const CONTAIN_WINDOW_MS = 6 * HOUR_MS;

export type Level = 0 | 1 | 2;

export function levelOf(radiusM: number): Level {
	return radiusM <= 500 ? 0 : radiusM <= 1_500 ? 1 : 2;
}

/** Where a call points. */
export interface CallPlace {
	name: string;
	lon: number;
	lat: number;
	radius_m: number;
	level: Level;
	gm?: string;
	/** The learned place it is, when the gazetteer lacks it. */
	learned?: LearnedPlace;
}

/** The locator's answer for the call's text. */
export interface LocatedName {
	name: string;
	pos: [number, number];
	precision_m: number;
}

/** A place call, a pending name (no position yet), or nothing. */
export type Resolved = { place: CallPlace } | { pending: string } | null;

function contains(
	big: { lon: number; lat: number; radius_m: number; level: Level; gm?: string },
	small: { lon: number; lat: number; radius_m: number; level: Level; gm?: string }
): boolean {
	if (big.level <= small.level) return false;
	const d = distanceM(big.lon, big.lat, small.lon, small.lat);
	if (big.level === 2) {
		if (big.gm && small.gm) return big.gm === small.gm;
		// Municipality unknown: a town reaches 3x its radius (at least 5 km) from its centre.
		return d <= Math.max(3 * big.radius_m, 5_000);
	}
	return d <= big.radius_m + 500;
}

/** The place a call means (see the module comment). */
export function resolveCallPlace(
	located: LocatedName | null,
	unknown: readonly UnknownName[],
	learned: LearnedPlaces
): Resolved {
	let loc: CallPlace | null = null;
	if (located) {
		const gm = learned.gmOf(located.name, located.pos[0], located.pos[1]);
		loc = {
			name: located.name,
			lon: located.pos[0],
			lat: located.pos[1],
			radius_m: located.precision_m,
			level: levelOf(located.precision_m),
			...(gm ? { gm } : {})
		};
	}
	let best: CallPlace | null = null;
	let pending: string | null = null;
	for (const n of unknown) {
		const e = learned.get(n.key);
		if (!e || !e.usable) {
			pending ??= n.key;
			continue;
		}
		const gm = e.within ? learned.gmOf(e.within, e.lon, e.lat) : undefined;
		const cand: CallPlace = {
			name: e.name,
			lon: e.lon,
			lat: e.lat,
			radius_m: e.radius_m,
			// A learned place is at least as specific as the place its position rests on.
			level: Math.min(levelOf(e.radius_m), 1) as Level,
			...(gm ? { gm } : {}),
			learned: e
		};
		if (
			loc &&
			!contains(loc, cand) &&
			distanceM(loc.lon, loc.lat, cand.lon, cand.lat) > loc.radius_m + cand.radius_m + 500
		)
			continue;
		if (loc && loc.level < cand.level) continue;
		if (!best || cand.learned!.confidence > best.learned!.confidence) best = cand;
	}
	if (best) return { place: best };
	if (loc) return { place: loc };
	return pending ? { pending } : null;
}

/** What pickCluster needs of a group of calls (detector.ts's MobCluster has it). */
export interface PlacedCluster {
	lon: number;
	lat: number;
	lastT: number;
	firstT: number;
	callers: Map<string, number>;
	/** Set by adoptPlace; absent means level 2 (unknown). */
	level?: Level;
	radius_m?: number;
	gm?: string;
	/** Absorbed into another group: no longer active. */
	into?: PlacedCluster | null;
	/** Announced day (local midnight ms) -> votes; clock minutes -> votes. */
	days?: Map<number, number>;
	clocks?: Map<number, number>;
}

/** What a call announces (mobilisation.ts `announced`): day NaN and minutes -1 when absent. */
export interface When {
	day: number;
	minutes: number;
}

function topOf(m: Map<number, number> | undefined): number | undefined {
	let best: number | undefined;
	let bv = 0;
	if (m)
		for (const [k, v] of m)
			if (v > bv) {
				bv = v;
				best = k;
			}
	return best;
}

/** Whether a call (or a group) announces the same moment as a group: the same day, and the same
 * clock time where both name one. Without a day it is no evidence of the same event. */
function sameEvent(w: When, k: PlacedCluster): boolean {
	const day = topOf(k.days);
	if (Number.isNaN(w.day) || day === undefined || w.day !== day) return false;
	const clock = topOf(k.clocks);
	return w.minutes < 0 || clock === undefined || Math.abs(w.minutes - clock) <= 60;
}

export interface Pick<C> {
	/** The group to join; null: start a new one. */
	join: C | null;
	/** The call counts into a more specific place it contains: do not vote its name. */
	asContainer: boolean;
}

function placeOf(c: PlacedCluster): {
	lon: number;
	lat: number;
	radius_m: number;
	level: Level;
	gm?: string;
} {
	return {
		lon: c.lon,
		lat: c.lat,
		radius_m: c.radius_m ?? 3_500,
		level: c.level ?? 2,
		...(c.gm ? { gm: c.gm } : {})
	};
}

/** The group a call at `place` joins (see the module comment). */
export function pickCluster<C extends PlacedCluster>(
	clusters: readonly C[],
	place: CallPlace,
	t: number,
	when: When
): Pick<C> {
	let inner: C | null = null;
	let innerN = 2;
	for (const k of clusters) {
		if (k.into || t - k.lastT > CONTAIN_WINDOW_MS) continue;
		if (k.callers.size <= innerN) continue;
		if (!contains(place, placeOf(k)) || !sameEvent(when, k)) continue;
		inner = k;
		innerN = k.callers.size;
	}
	if (inner) return { join: inner, asContainer: true };
	let near: C | null = null;
	let bestD = 3_000;
	for (const k of clusters) {
		if (k.into || t - k.lastT >= 3 * DAY_MS) continue;
		const d = distanceM(place.lon, place.lat, k.lon, k.lat);
		if (d <= bestD) {
			bestD = d;
			near = k;
		}
	}
	return { join: near, asContainer: false };
}

/** Give a group the place of a call when that is more specific than its own; true when moved. */
export function adoptPlace(c: PlacedCluster, place: CallPlace): boolean {
	if (c.level !== undefined && c.level <= place.level && !place.learned) return false;
	if (c.level !== undefined && c.level < place.level) return false;
	c.lon = place.lon;
	c.lat = place.lat;
	c.level = place.level;
	c.radius_m = place.radius_m;
	if (place.gm) c.gm = place.gm;
	else delete c.gm;
	return true;
}

/** Active groups of places that contain `c`'s place, to take in (their recent calls). */
export function containersOf<C extends PlacedCluster>(
	clusters: readonly C[],
	c: C,
	t: number
): C[] {
	const me = placeOf(c);
	const out: C[] = [];
	for (const k of clusters) {
		if (k === c || k.into || t - k.lastT > CONTAIN_WINDOW_MS) continue;
		const kd = topOf(k.days);
		if (kd === undefined || !sameEvent({ day: kd, minutes: topOf(k.clocks) ?? -1 }, c)) continue;
		if (contains(placeOf(k), me)) out.push(k);
	}
	return out;
}

/**
 * Calls naming only a name the gazetteer lacks and that is not learned yet: kept per name (at
 * most `perName` posts, `maxNames` names) and handed back once the name is usable.
 */
export class PendingCalls<P extends { t: number }> {
	private byName = new Map<string, P[]>();
	constructor(
		private perName = 2_000,
		private maxNames = 500
	) {}
	add(key: string, p: P): void {
		let l = this.byName.get(key);
		if (!l) {
			if (this.byName.size >= this.maxNames) {
				const oldest = this.byName.keys().next().value as string;
				this.byName.delete(oldest);
			}
			this.byName.set(key, (l = []));
		}
		if (l.length < this.perName) l.push(p);
	}
	/** The pending calls of the names in `names` that `learned` now knows well enough. */
	release(names: readonly UnknownName[], learned: LearnedPlaces, now: number): P[] {
		let out: P[] | null = null;
		for (const n of names) {
			const l = this.byName.get(n.key);
			if (!l) continue;
			if (!learned.get(n.key)?.usable) continue;
			this.byName.delete(n.key);
			for (const p of l) if (now - p.t < 3 * DAY_MS) (out ??= []).push(p);
		}
		return out ?? [];
	}
	get size(): number {
		return this.byName.size;
	}
}

/** The fields mergeCluster moves (detector.ts's MobCluster). */
export interface MergeableCluster extends PlacedCluster {
	/** Place name -> [votes, lon, lat]. */
	names: Map<string, [number, number, number]>;
	/** The learned place (the gazetteer lacks it) its calls name, if any. */
	learned?: LearnedPlace;
	/** Authors counted as new per absolute hour (ring of 48). */
	newByHour: Float64Array;
	hourAt: Int32Array;
	reposts: number;
	sceptic: number;
	calls: number;
	/** Announced day (local midnight ms) -> votes; clock minutes -> votes. */
	days: Map<number, number>;
	clocks: Map<number, number>;
	evidence: { id: string; w: number }[];
	/** Calls per absolute hour (ring of 24), for the nationwide rate without this place. */
	callsByHour: Float64Array;
	callsAt: Int32Array;
}

/**
 * A call at `at` that joins `c` in its own name (not as a container): `c` takes the place when it
 * is more specific (and then the recent calls of containing groups that announce the same
 * moment, while `c` has raised nothing yet), and the call votes for its name; a learned place's
 * position is kept current.
 */
export function placeCall<C extends MergeableCluster & { gathering?: unknown }>(
	c: C,
	clusters: readonly C[],
	at: CallPlace,
	t: number
): void {
	if (adoptPlace(c, at) && !c.gathering)
		for (const k of containersOf(clusters, c, t))
			if (!k.gathering) mergeCluster(c, k, t - CONTAIN_WINDOW_MS);
	const nv = c.names.get(at.name);
	if (nv) {
		nv[0]++;
		if (at.learned) [nv[1], nv[2]] = [at.lon, at.lat];
	} else c.names.set(at.name, [1, at.lon, at.lat]);
	if (at.learned) c.learned = at.learned;
}

/** Move the calls of `from` made since `since` into `into` (callers, announced days and clock
 * times, evidence); `from` stops being active. Names and counters of older calls stay behind. */
export function mergeCluster(into: MergeableCluster, from: MergeableCluster, since: number): void {
	let moved = 0;
	for (const [a, t] of from.callers) {
		if (t < since) continue;
		const prev = into.callers.get(a);
		if (prev === undefined || t > prev) into.callers.set(a, t);
		moved++;
	}
	if (!moved) return;
	for (const [d, v] of from.days) into.days.set(d, (into.days.get(d) ?? 0) + v);
	for (const [m, v] of from.clocks) into.clocks.set(m, (into.clocks.get(m) ?? 0) + v);
	into.calls += moved;
	into.reposts += from.reposts;
	into.sceptic += from.sceptic;
	for (let s = 0; s < from.hourAt.length; s++) {
		const h = from.hourAt[s];
		if (h < 0) continue;
		const j = ((h % into.hourAt.length) + into.hourAt.length) % into.hourAt.length;
		if (into.hourAt[j] !== h) {
			if (into.hourAt[j] > h) continue;
			into.hourAt[j] = h;
			into.newByHour[j] = 0;
		}
		into.newByHour[j] += from.newByHour[s];
	}
	const ev = [...into.evidence, ...from.evidence].sort((a, b) => b.w - a.w);
	into.evidence.length = 0;
	const seen = new Set<string>();
	for (const e of ev) {
		if (seen.has(e.id)) continue;
		seen.add(e.id);
		into.evidence.push(e);
		if (into.evidence.length >= 50) break;
	}
	into.firstT = Math.min(into.firstT, from.firstT);
	into.lastT = Math.max(into.lastT, from.lastT);
	from.into = into;
}

/**
 * Whether a post located to `at` (a town, a district) is about the place of an active
 * mobilisation inside it: `active` says which groups count (the detector: those that raised an
 * alert and had a call in the last 6 h). The place layer then does not count it at the town's
 * centre ("Amsterdam" tags of a crowd on a square in Zuidoost, 7.8 km from the centre). Posts
 * located to the specific place itself, and geotags, still count.
 */
export function aboutCalledPlace<C extends PlacedCluster>(
	clusters: readonly C[],
	at: { lon: number; lat: number; radius_m: number },
	gmOf: () => string | undefined,
	active: (c: C) => boolean
): boolean {
	const level = levelOf(at.radius_m);
	if (level === 0) return false;
	let gm: string | undefined | null = null;
	for (const k of clusters) {
		if (k.into || !active(k)) continue;
		if (gm === null) gm = gmOf();
		if (contains({ ...at, level, ...(gm ? { gm } : {}) }, placeOf(k))) return true;
	}
	return false;
}
