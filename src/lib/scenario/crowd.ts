/**
 * Mechanics shared by the event scenarios (haren.ts, kingsday.ts): time curves, hot spots, the
 * crowd's trips there, the walk between spots and the way home, the crowd's posts, and the
 * official, citizen-report and country-wide streams. Scenario data comes in as parameters; the
 * order of the random draws is part of the contract (same seed, same posts). Pure module.
 */
import type { Place } from '../geo/gazetteer';
import type { Source } from '../posts/post';
import { regionAuthor } from './authors';
import { langFor } from './background';
import { say } from './compose';
import type { AgentSet, Ctx, Draft, Era, RateComp, RateItem, SourceMix, Spec } from './engine';
import { MIN, MIX, finish, makeId, postTimes, runRate } from './engine';
import type { LonLat, Mode, Route } from './geo';
import { distM, lerp, scatter } from './geo';
import { BUILTIN_PLACES, type PopPlace } from './places';
import { Rand } from './rng';
import type { Vars } from './text';
import { parseTime } from '../time/amsterdam';
import type { Runner } from './types';

/** Piecewise-linear function of time from [iso, value] points (0 outside). */
export function curve(points: [string, number][]): (t: number) => number {
	const pts = points.map(([s, v]) => [parseTime(s), v] as const);
	return (t) => {
		if (t < pts[0][0] || t >= pts[pts.length - 1][0]) return 0;
		let i = 1;
		while (pts[i][0] <= t) i++;
		const [t0, v0] = pts[i - 1];
		const [t1, v1] = pts[i];
		return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
	};
}

// ---------------------------------------------------------------------------------------------
// Hot spots

export interface Spot {
	name: string;
	/** A point or a segment. */
	a: LonLat;
	b?: LonLat;
	spread: number;
}

export function spotPoint(r: Rand, s: Spot): LonLat {
	return scatter(r, s.b ? lerp(s.a, s.b, r.next()) : s.a, s.spread);
}

/** Key of the spot nearest to p (fallback when none is nearer than infinity). */
export function nearestSpot(spots: Record<string, Spot>, fallback: string, p: LonLat): string {
	let best = fallback;
	let bd = Infinity;
	for (const [k, s] of Object.entries(spots)) {
		const d = s.b
			? Math.min(distM(p, s.a), distM(p, s.b), distM(p, lerp(s.a, s.b, 0.5)))
			: distM(p, s.a);
		if (d < bd) {
			bd = d;
			best = k;
		}
	}
	return best;
}

// ---------------------------------------------------------------------------------------------
// Planning one member of the crowd

/** A named origin: the gazetteer entry, its coordinates and the populated place for its authors. */
export function originOf(
	ctx: Ctx,
	name: string
): { op: Place; ll: LonLat; pop: PopPlace | undefined } {
	const op = BUILTIN_PLACES.find((p) => p.name === name)!;
	const ll: LonLat = [op.lon, op.lat];
	const pop =
		ctx.places.near(ll, 3000).find((pp) => pp.place.name === name) ?? ctx.places.near(ll, 3000)[0];
	return { op, ll, pop };
}

/** Author of crowd member a: a local account of the origin, else the fallback. */
export function crowdAuthor(
	ctx: Ctx,
	pop: PopPlace | undefined,
	a: number,
	fallback: () => string
): string {
	return pop ? regionAuthor(ctx.salt, pop.key, pop.name, pop.authors * 3 + a) : fallback();
}

/** Share of posts with coordinates, from a uniform draw: most rarely, some sometimes, many often. */
export function geoShare(u: number, often: number): number {
	return u < 0.3 ? 0.05 : u < 0.45 ? 0.5 : often;
}

export interface TripOpts {
	/** Chance of a post right at departure, and the mean delay of that post (ms). */
	firstP: number;
	firstMeanMs: number;
	/** Minutes between posts on the way, at activity 1. */
	mean: number;
	/** Stage of a post on the way after the first minutes. */
	stage(at: { p: LonLat; mode: Mode; moving: boolean }): string;
}

/** Posts on the way there (depart to arrive), appended to specs. */
export function tripSpecs(
	r: Rand,
	route: Route,
	depart: number,
	arrive: number,
	activity: number,
	o: TripOpts,
	specs: Spec[]
): void {
	const tt: number[] = r.chance(o.firstP) ? [depart + Math.floor(r.expo(o.firstMeanMs))] : [];
	tt.push(...postTimes(r, depart + 2 * MIN, arrive, () => activity / o.mean, activity / o.mean));
	for (const t of tt) {
		const tsec = Math.floor(t / 1000) * 1000;
		if (tsec >= arrive) continue;
		const p = route.at(tsec - depart);
		const stage = tsec - depart < 3 * MIN ? 'depart' : o.stage(p);
		specs.push({ t: tsec, lon: p.p[0], lat: p.p[1], stage, moving: p.moving });
	}
}

export interface WalkOpts<P extends string> {
	spots: Record<string, Spot>;
	fallback: string;
	phase(t: number): P;
	weights: Record<P, [string, number][]>;
	/** Posts per minute at the venue at activity 1, and the divisor of the peak rate. */
	rate(t: number): number;
	peakDiv: number;
	/** Chance of an extra post just after arriving, and its delay range (minutes). */
	arriveP?: number;
	arriveMin?: [number, number];
	/** Chance per post of heading for another spot. */
	moveP: number;
	/** Walking speed in metres per minute. */
	speed(ph: P): number;
	stage(ph: P, t: number, spot: string, first: boolean): string;
}

/** Posts at the venue (arrive to leave), a slow walk between hot spots; returns the last position. */
export function venueSpecs<P extends string>(
	r: Rand,
	start: LonLat,
	arrive: number,
	leave: number,
	activity: number,
	o: WalkOpts<P>,
	specs: Spec[]
): LonLat {
	let pos = start;
	let last = arrive;
	let spot = nearestSpot(o.spots, o.fallback, pos);
	const vt = postTimes(r, arrive, leave, (t) => activity * o.rate(t), activity / o.peakDiv);
	if (o.arriveP !== undefined && o.arriveMin && r.chance(o.arriveP))
		vt.unshift(arrive + Math.floor(r.range(o.arriveMin[0], o.arriveMin[1]) * MIN));
	let first = true;
	for (const t of vt) {
		const tsec = Math.floor(t / 1000) * 1000;
		if (tsec >= leave) break;
		const ph = o.phase(tsec);
		if (r.chance(o.moveP)) spot = r.weighted(o.weights[ph]);
		const target = spotPoint(r, o.spots[spot]);
		const maxStep = (o.speed(ph) * Math.max(0, tsec - last)) / MIN;
		const dd = distM(pos, target);
		pos = dd <= maxStep ? target : lerp(pos, target, maxStep / dd);
		last = tsec;
		const stage = o.stage(ph, tsec, spot, first);
		first = false;
		specs.push({ t: tsec, lon: pos[0], lat: pos[1], stage, moving: false });
	}
	return pos;
}

export interface HomeOpts {
	/** Range (minutes) of how long after leaving the posts on the way home may come. */
	horizonMin: [number, number];
	firstP: number;
	/** Minutes between posts on the way home, at activity 1. */
	mean: number;
	/** The mode named in the stage `back_<mode>`. */
	backMode(m: Mode): string;
	/** Chance of an "I'm home" post, and its delay range (minutes). */
	homeP: number;
	homeMin: [number, number];
}

/** Posts on the way home, appended to specs. */
export function homeSpecs(
	r: Rand,
	broute: Route,
	leave: number,
	activity: number,
	o: HomeOpts,
	specs: Spec[]
): void {
	const horizon = Math.min(broute.durMs, r.range(o.horizonMin[0], o.horizonMin[1]) * MIN);
	const lt: number[] = r.chance(o.firstP) ? [leave + Math.floor(r.range(0, 3) * MIN)] : [];
	lt.push(
		...postTimes(r, leave + 4 * MIN, leave + horizon, () => activity / o.mean, activity / o.mean)
	);
	for (const t of lt) {
		const tsec = Math.floor(t / 1000) * 1000;
		const p = broute.at(tsec - leave);
		const stage = tsec - leave < 4 * MIN ? 'leave' : `back_${o.backMode(p.mode)}`;
		specs.push({ t: tsec, lon: p.p[0], lat: p.p[1], stage, moving: p.moving });
	}
	if (horizon >= broute.durMs && r.chance(o.homeP)) {
		const t =
			Math.floor((leave + broute.durMs + r.range(o.homeMin[0], o.homeMin[1]) * MIN) / 1000) * 1000;
		specs.push({ t, lon: broute.end[0], lat: broute.end[1], stage: 'home', moving: false });
	}
}

/** Runs the crowd only when the range overlaps its window. */
export function crowdRunner<A>(crowd: AgentSet<A>, window: [number, number]): Runner {
	return (f, t, o) => {
		if (t > window[0] && f < window[1]) crowd.run(f, t, o);
	};
}

export function rateRunner(ctx: Ctx, comp: RateComp): Runner {
	return (f, t, o) => runRate(ctx, comp, f, t, o);
}

// ---------------------------------------------------------------------------------------------
// A crowd member's post

export interface Member {
	author: string;
	source: Source;
	geoP: number;
	tagP: number;
	from: string;
	origin: PopPlace | undefined;
	en: boolean;
}

/** The draft of a crowd member's post: mostly on their own platform, else a young one. */
export function memberDraft(r: Rand, m: Member, s: Spec, digits: string, era: Era): Draft {
	const source = r.chance(0.85) ? m.source : r.weighted(MIX[era].young);
	return { t: s.t, id: makeId(source, digits), source, author: m.author, text: '' };
}

export interface MemberPlaceOpts {
	inTown: boolean;
	/** Jitter (m) of the coordinates, and the chance of a place name next to them. */
	jitter: number;
	placeP: number;
	townPlace(r: Rand): string;
	/** Place names without coordinates, in town. */
	townTags: string[];
	/** link and engagement chances and reach for finish(). */
	linkP: number;
	engP: number;
	reach?: number;
}

/** Coordinates or a place name, language and finish of a crowd member's post. */
export function finishMember(
	ctx: Ctx,
	r: Rand,
	d: Draft,
	m: Member,
	pos: LonLat,
	digits: string,
	o: MemberPlaceOpts
): Draft {
	if (r.chance(m.geoP)) {
		const p = scatter(r, pos, o.jitter);
		d.lon = p[0];
		d.lat = p[1];
		if (r.chance(o.placeP)) d.place = o.inTown ? o.townPlace(r) : `${m.from}, Nederland`;
	} else if (r.chance(m.tagP))
		d.place = o.inTown ? r.pick(o.townTags) : m.origin ? ctx.places.placeTag(r, m.origin) : m.from;
	const lang = langFor(r, m.en, d.source);
	if (lang) d.lang = lang;
	return finish(ctx, r, d, digits, o.linkP, o.engP, o.reach);
}

// ---------------------------------------------------------------------------------------------
// Streams around the event

export interface AccountOpts {
	rate(t: number): number;
	mix: () => SourceMix;
	/** Fixed source; else the one drawn from mix. */
	source?: Source;
	authors: string[];
	key: string;
	vars(r: Rand, t: number): Vars;
	tags: string[];
	place: string;
	reach: number;
}

/** Official accounts (municipality, police, transport): plain Dutch notices. */
export function accountComp(ctx: Ctx, code: number, o: AccountOpts): RateComp {
	return {
		code,
		rate: o.rate,
		mix: o.mix,
		make(it) {
			const { r, t } = it;
			const source = o.source ?? it.source;
			const d: Draft = { t, id: it.id, source, author: r.pick(o.authors), text: '' };
			d.text = say(ctx, r, o.key, o.vars(r, t), {
				style: 'pro',
				tags: o.tags,
				tagP: 0.5,
				maxTags: 1
			});
			if (r.chance(0.3)) d.place = o.place;
			d.lang = 'nl';
			return finish(ctx, r, d, it.digits, 0.9, 0.9, o.reach);
		}
	};
}

/** Citizens' reports to the authorities: a point near the event and a short text. */
export function reportComp(
	ctx: Ctx,
	code: number,
	rate: (t: number) => number,
	place: string,
	body: (r: Rand, t: number) => { p: LonLat; text: string }
): RateComp {
	return {
		code,
		rate,
		mix: () => [['report', 1]] as SourceMix,
		make(it) {
			const { r, t } = it;
			const d: Draft = {
				t,
				id: it.id,
				source: 'report',
				author: `melder-${(Rand.of(ctx.salt, 'melder', it.slot, it.idx).u32() % 900000) + 100000}`,
				text: ''
			};
			const { p, text } = body(r, t);
			d.text = text;
			if (r.chance(0.8)) {
				d.lon = p[0];
				d.lat = p[1];
			}
			if (r.chance(0.5)) d.place = place;
			d.lang = 'nl';
			return finish(ctx, r, d, it.digits, 0, 0);
		}
	};
}

/** A local voice for a country-wide post: a populated place, an author rank and the author. */
export function localVoice(
	ctx: Ctx,
	r: Rand,
	cum?: Float64Array
): { pp: PopPlace; k: number; author: string } {
	const pp = cum ? ctx.places.pick(r, cum) : ctx.places.pick(r);
	const k = r.zipf(pp.authors, 1.05);
	return { pp, k, author: regionAuthor(ctx.salt, pp.key, pp.name, k) };
}

/** Coordinates (u < geoU) or a place tag (u < tagU), language and finish of a local voice's post. */
export function finishVoice(
	ctx: Ctx,
	it: RateItem,
	d: Draft,
	pp: PopPlace,
	en: boolean,
	geoU: number,
	tagU: number,
	point: () => LonLat,
	engP = 0.4,
	reach = 1.2
): Draft {
	const { r, source } = it;
	const u = r.next();
	if (u < geoU) {
		const p = point();
		d.lon = p[0];
		d.lat = p[1];
	} else if (u < tagU) d.place = ctx.places.placeTag(r, pp);
	const lang = langFor(r, en, source);
	if (lang) d.lang = lang;
	return finish(ctx, r, d, it.digits, 0.3, engP, reach);
}
