/**
 * National background activity: everyday posts around populated places, weighted by population,
 * with a daily and weekly rhythm (about 40,000 posts a day), and people travelling between places
 * who post along the way (walk, bike, car, train). Pure module.
 */
import { regionAuthor } from './authors';
import { personaStyle, say } from './compose';
import type { Ctx, Draft, RateComp, Spec, TripComp } from './engine';
import { HOUR, MIN, MIX, finish, makeId, postTimes, runRate, runTrips } from './engine';
import type { Runner } from './types';
import type { Leg, LonLat, Mode } from './geo';
import { MODE_KMH, Route, distM, inDisk, lerp, offsetM, scatter } from './geo';
import type { PopPlace } from './places';
import { Rand } from './rng';
import type { StyleName } from './text';
import { localParts } from '../time/amsterdam';

/** Relative posting activity per local hour (mean about 0.86). */
export const HOURLY = [
	0.55, 0.32, 0.18, 0.11, 0.09, 0.14, 0.34, 0.68, 0.92, 0.97, 1.0, 1.05, 1.12, 1.05, 1.0, 1.0, 1.06,
	1.16, 1.28, 1.42, 1.55, 1.52, 1.3, 0.92
];
/** Relative activity per weekday (0 = Sunday). */
export const WEEKLY = [1.06, 0.98, 1.0, 1.0, 0.99, 1.02, 0.93];

/** Daily rhythm at instant t, interpolated between hours, with lazy weekend mornings. */
export function rhythm(t: number, hourly: readonly number[] = HOURLY): number {
	const lp = localParts(t);
	const h = lp.hour;
	const i = Math.floor(h);
	const f = h - i;
	let v = hourly[i] * (1 - f) + hourly[(i + 1) % 24] * f;
	const weekend = lp.weekday === 0 || lp.weekday === 6;
	if (weekend && h >= 6 && h < 11) v *= 0.72;
	if (weekend && (h >= 23 || h < 3)) v *= 1.25;
	return v * WEEKLY[lp.weekday];
}

/** Static posts per minute at rhythm 1 (gives about 38,000 a day). */
const BASE_PER_MIN = 30.5;

const TOPICS_BY_PART: Record<'night' | 'morning' | 'day' | 'evening', [string, number][]> = {
	night: [
		['bg_nacht', 5],
		['bg_gedachte', 3],
		['bg_game', 2],
		['bg_liefde', 2],
		['bg_tv', 1],
		['bg_eten', 1],
		['bg_klacht', 1]
	],
	morning: [
		['bg_ochtend', 4],
		['bg_ns', 3],
		['bg_weer', 3],
		['bg_werk', 2],
		['bg_school', 2],
		['bg_familie', 1],
		['bg_klacht', 1],
		['bg_nieuws', 1]
	],
	day: [
		['bg_werk', 3],
		['bg_school', 2],
		['bg_eten', 2],
		['bg_winkel', 2],
		['bg_weer', 2],
		['bg_nieuws', 2],
		['bg_familie', 2],
		['bg_huisdier', 1],
		['bg_klacht', 2],
		['bg_ns', 1],
		['bg_gedachte', 1],
		['bg_gym', 1],
		['bg_plannen', 1]
	],
	evening: [
		['bg_tv', 3],
		['bg_sport', 3],
		['bg_eten', 2],
		['bg_plannen', 2],
		['bg_game', 2],
		['bg_familie', 2],
		['bg_muziek', 0],
		['bg_liefde', 1],
		['bg_gym', 1],
		['bg_nieuws', 1],
		['bg_huisdier', 1],
		['bg_klacht', 1],
		['bg_gedachte', 1]
	]
};

const DAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];

/** On weekends hardly anyone posts about work, school or the commute. */
const WEEKEND_TOPICS = Object.fromEntries(
	Object.entries(TOPICS_BY_PART).map(([part, list]) => [
		part,
		list.map(
			([k, w]) =>
				[k, k === 'bg_werk' || k === 'bg_school' || k === 'bg_ns' ? w * 0.15 : w] as [
					string,
					number
				]
		)
	])
) as typeof TOPICS_BY_PART;

function partOf(h: number): keyof typeof TOPICS_BY_PART {
	if (h < 5) return 'night';
	if (h < 10) return 'morning';
	if (h < 18) return 'day';
	return 'evening';
}

/** Persona of author k of a place: stable. */
export function personaOf(ctx: Ctx, pp: PopPlace, k: number): StyleName {
	return personaStyle(Rand.of(ctx.salt, 'persona', pp.key, k));
}

/** Where author k of a place lives: stable. */
export function homeOf(ctx: Ctx, pp: PopPlace, k: number): LonLat {
	return scatter(Rand.of(ctx.salt, 'home', pp.key, k), pp.ll, pp.radiusM * 0.45);
}

/** Another place to mention: mostly nearby, sometimes a big city. */
export function otherPlace(ctx: Ctx, r: Rand, pp: PopPlace): PopPlace {
	if (r.chance(0.6)) {
		const { list, cum } = ctx.places.nearbyWeighted(pp, 30_000);
		if (list.length > 1) return list[r.cumIndex(cum)];
	}
	return ctx.places.pick(r);
}

export function langFor(r: Rand, en: boolean, source: string): string | undefined {
	if (
		source === 'telegram' ||
		source === 'snapchat' ||
		source === 'report' ||
		source === 'whatsapp'
	)
		return r.chance(0.3) ? (en ? 'en' : 'nl') : undefined;
	if (r.chance(0.04)) return undefined;
	return en ? 'en' : 'nl';
}

/** Where a static background stream posts from and who writes (defaults: the whole country). */
export interface StaticOpts {
	/** Cumulative weights over the populated places (ctx.places.cumulative). */
	cum?: Float64Array;
	/** Author rank of a post at a place; default a Zipf draw over the place's authors. */
	author?: (r: Rand, pp: PopPlace) => number;
}

export function backgroundStatic(
	ctx: Ctx,
	code: number,
	scale = 1,
	opts: StaticOpts = {}
): RateComp {
	const mix = MIX[ctx.era].general;
	return {
		code,
		rate: (t) => BASE_PER_MIN * scale * rhythm(t),
		mix: () => mix,
		make(it) {
			const { ctx, r, t, source } = it;
			const pp = ctx.places.pick(r, opts.cum);
			const k = opts.author ? opts.author(r, pp) : r.zipf(pp.authors, 1.05);
			const author = regionAuthor(ctx.salt, pp.key, pp.name, k);
			const style = personaOf(ctx, pp, k);
			const en = r.chance(0.065);
			const u = r.next();
			const loc = u < 0.018 ? 'geo' : u < 0.268 ? 'tag' : u < 0.468 ? 'text' : 'none';
			const d: Draft = { t, id: it.id, source, author, text: '' };
			const reply = r.chance(0.05) ? it.sibling(it.idx - 1 - Math.floor(r.next() * 5)) : undefined;
			const repost =
				!reply && r.chance(0.02) ? it.sibling(it.idx - 1 - Math.floor(r.next() * 8)) : undefined;
			if (reply) {
				d.reply_to = reply;
				d.text = say(ctx, r, en ? 'en_reply' : 'reply', {}, { style });
			} else if (repost) {
				d.repost_of = repost;
				d.text = r.chance(0.5) ? '' : say(ctx, r, 'repost', {}, { style });
			} else if (loc === 'text') {
				const place = r.chance(0.7) ? pp : otherPlace(ctx, r, pp);
				d.text = say(
					ctx,
					r,
					en ? 'en_bgp' : 'bgp',
					{ place: place.name },
					{ style: en ? 'en' : style, opener: 0.15, reaction: 0.15 }
				);
			} else {
				const lp = localParts(t);
				const weekend = lp.weekday === 0 || lp.weekday === 6;
				const topics = (weekend ? WEEKEND_TOPICS : TOPICS_BY_PART)[partOf(lp.hour)];
				const topic = en ? 'en_bg' : r.weighted(topics);
				d.text = say(
					ctx,
					r,
					topic,
					{ nu_dag: DAYS[lp.weekday] },
					{
						style: en ? 'en' : style,
						opener: 0.2,
						reaction: 0.2,
						tags: BG_TAGS,
						tagP: 0.06,
						maxTags: 1
					}
				);
			}
			if (loc === 'geo') {
				const home = homeOf(ctx, pp, k);
				const p = r.chance(0.6) ? scatter(r, home, 120) : inDisk(r, pp.ll, pp.radiusM);
				d.lon = p[0];
				d.lat = p[1];
				if (r.chance(0.4)) d.place = ctx.places.placeTag(r, pp);
			} else if (loc === 'tag') d.place = ctx.places.placeTag(r, pp);
			const lang = langFor(r, en, source);
			if (lang) d.lang = lang;
			return finish(ctx, r, d, it.digits);
		}
	};
}

const BG_TAGS = [
	'#nofilter',
	'#weekend',
	'#maandag',
	'#vrijdag',
	'#zon',
	'#regen',
	'#ns',
	'#file',
	'#werk',
	'#genieten',
	'#nederland',
	'#holland',
	'#mood',
	'#tbt',
	'#ootd',
	'#foodporn',
	'#koffie'
];

// ---------------------------------------------------------------------------------------------
// Background trips

/** Relative trip starts per local hour: commuting peaks and evening outings. */
const TRIP_HOURLY = [
	0.1, 0.05, 0.02, 0.02, 0.03, 0.12, 0.5, 1.4, 1.6, 0.9, 0.7, 0.8, 0.9, 0.8, 0.8, 0.9, 1.3, 1.6,
	1.2, 0.9, 0.8, 0.6, 0.4, 0.2
];

export interface Traveller {
	author: string;
	style: StyleName;
	geoP: number;
	tagP: number;
	origin: PopPlace;
	dest: PopPlace;
	mode: Mode;
	en: boolean;
}

/** How often a traveller with this geotag propensity posts with a location. */
export function geoPropensity(r: Rand): number {
	const u = r.next();
	if (u < 0.25) return 0.08;
	if (u < 0.55) return 0.6;
	return 0.95;
}

/** A road-like path from a to b: straight segments through laterally offset waypoints. */
export function roadPath(r: Rand, a: LonLat, b: LonLat, wiggle = 0.08): LonLat[] {
	const d = distM(a, b);
	const pts: LonLat[] = [a];
	const n = d > 20_000 ? 3 : d > 3000 ? 2 : 1;
	for (let i = 1; i <= n; i++) {
		const f = i / (n + 1);
		const m = lerp(a, b, f);
		const off = r.normal() * wiggle * d * 0.5;
		// perpendicular direction in metres
		const dx = (b[0] - a[0]) * 111_000 * Math.cos((a[1] * Math.PI) / 180);
		const dy = (b[1] - a[1]) * 111_000;
		const len = Math.hypot(dx, dy) || 1;
		pts.push(offsetM(m, (-dy / len) * off, (dx / len) * off));
	}
	pts.push(b);
	return pts;
}

/** Background trips; originCum restricts where they start (default: the whole country). */
export function backgroundTrips(
	code: number,
	scale = 1,
	originCum?: Float64Array
): TripComp<Traveller> {
	return {
		code,
		maxDurMs: 3 * HOUR,
		tripsPerHour: (t) => {
			const h = localParts(t + HOUR / 2).hour;
			return 24 * scale * TRIP_HOURLY[Math.floor(h)] * WEEKLY[localParts(t).weekday];
		},
		plan(ctx, r, start) {
			const origin = ctx.places.pick(r, originCum);
			const k = origin.authors + r.int(0, origin.authors * 2 + 10);
			const home = homeOf(ctx, origin, k);
			const u = r.next();
			let dest = origin;
			let target: LonLat;
			if (u < 0.45) target = inDisk(r, origin.ll, Math.min(6000, origin.radiusM * 1.3));
			else {
				dest = u < 0.85 ? otherPlace(ctx, r, origin) : ctx.places.pick(r);
				target = scatter(r, dest.ll, dest.radiusM * 0.4);
			}
			const d = distM(home, target);
			if (d < 600 || d > 220_000) return null;
			const legs: Leg[] = [];
			let mode: Mode;
			const stA = d > 15_000 ? ctx.places.nearestStation(home, 3500) : undefined;
			const stB = stA ? ctx.places.nearestStation(target, 3500) : undefined;
			if (stA && stB && stA !== stB && r.chance(0.55)) {
				mode = 'train';
				const access: Mode = distM(home, stA.ll) > 1500 ? 'bike' : 'walk';
				legs.push({ pts: [home, stA.ll], kmh: MODE_KMH[access], mode: access });
				legs.push({
					pts: roadPath(r, stA.ll, stB.ll, 0.03),
					kmh: r.range(80, 115),
					mode: 'train',
					waitMin: r.range(2, 12)
				});
				legs.push({ pts: [stB.ll, target], kmh: 5, mode: 'walk' });
			} else if (d < 2500 && r.chance(0.6)) {
				mode = 'walk';
				legs.push({ pts: roadPath(r, home, target, 0.15), kmh: r.range(4, 6), mode });
			} else if (d < 12_000 && r.chance(0.65)) {
				mode = 'bike';
				legs.push({ pts: roadPath(r, home, target, 0.12), kmh: r.range(12, 19), mode });
			} else {
				mode = 'car';
				const path = roadPath(r, home, target, 0.1);
				legs.push({ pts: path, kmh: d > 25_000 ? r.range(80, 100) : r.range(40, 65), mode });
			}
			const route = new Route(legs);
			if (route.durMs > 3 * HOUR - 10 * MIN) return null;
			const pr = Rand.of(ctx.salt, 'persona', origin.key, k);
			const t: Traveller = {
				author: regionAuthor(ctx.salt, origin.key, origin.name, k),
				style: personaStyle(pr),
				geoP: geoPropensity(pr),
				tagP: 0.3,
				origin,
				dest,
				mode,
				en: pr.chance(0.05)
			};
			const specs: Spec[] = [];
			const end = start + route.durMs;
			const mean = mode === 'train' ? 5 : mode === 'walk' ? 8 : 6.5;
			const times: number[] = [];
			if (r.chance(0.5)) times.push(start + Math.floor(r.expo(60_000)));
			times.push(...postTimes(r, start + MIN, end, () => 1 / mean, 1 / mean));
			if (r.chance(0.6)) times.push(end + Math.floor(r.expo(2 * MIN)));
			times.sort((a, b) => a - b);
			for (const ti of times.slice(0, 40)) {
				const tt = Math.floor(ti / 1000) * 1000;
				const pos = route.at(tt - start);
				const stage = tt - start < 2 * MIN ? 'depart' : tt >= end ? 'arrive' : pos.mode;
				specs.push({ t: tt, lon: pos.p[0], lat: pos.p[1], stage, moving: pos.moving });
			}
			return { agent: t, specs };
		},
		make(ctx, r, a, s, i, digits) {
			const d: Draft = {
				t: s.t,
				id: '',
				source: r.weighted(MIX[ctx.era].general),
				author: a.author,
				text: ''
			};
			d.id = makeId(d.source, digits);
			const here = s.stage === 'arrive' ? a.dest : a.origin;
			const key = a.en ? 'en_trip' : `trip_${s.stage}`;
			d.text = say(
				ctx,
				r,
				key,
				{ dest: a.dest.name, place: here.name },
				{ style: a.en ? 'en' : a.style, reaction: 0.15 }
			);
			if (r.chance(a.geoP)) {
				const p = scatter(r, [s.lon, s.lat], 15);
				d.lon = p[0];
				d.lat = p[1];
			} else if (r.chance(a.tagP)) d.place = ctx.places.placeTag(r, here);
			const lang = langFor(r, a.en, d.source);
			if (lang) d.lang = lang;
			void i;
			return finish(ctx, r, d, digits, 0.25, 0.3);
		}
	};
}

/** Background components every scenario shares. */
export function backgroundRunners(ctx: Ctx): Runner[] {
	const stat = backgroundStatic(ctx, 1);
	const trips = backgroundTrips(2);
	return [(f, t, o) => runRate(ctx, stat, f, t, o), (f, t, o) => runTrips(ctx, trips, f, t, o)];
}
