/**
 * A generic evening gathering for the hard scenarios (hard.ts): people from the host city and the
 * region converge on a square (by bike or on foot from town, by train via the city's station, or
 * by car), walk between the hot spots there and go home, and the town talks about it. Built from
 * the crowd mechanics of crowd.ts; the configuration carries the places, times, lexicon keys and
 * the geotag propensity. Pure module.
 */
import { homeOf, personaOf } from './background';
import { say } from './compose';
import type { Member, Spot } from './crowd';
import {
	accountComp,
	crowdAuthor,
	finishMember,
	finishVoice,
	homeSpecs,
	localVoice,
	memberDraft,
	nearestSpot,
	originOf,
	reportComp,
	spotPoint,
	tripSpecs,
	venueSpecs
} from './crowd';
import type { Ctx, Draft, Plan, RateComp, SourceMix, Spec } from './engine';
import { AgentSet, HOUR, MIN, MIX } from './engine';
import type { Leg, LonLat, Mode } from './geo';
import { Route, distM, inDisk, lerp, scatter } from './geo';
import { displayName } from './places';
import { Rand } from './rng';
import type { StyleName } from './text';

export interface GatheringCfg {
	/** Component code of the crowd (ids and random streams); unique within the scenario. */
	code: number;
	/** Display name of the host city, and its built-in place name. */
	city: string;
	cityPlace: string;
	centre: LonLat;
	/** The station visitors by train arrive at, and the walk from there (without the station). */
	station: LonLat;
	stationWalk: LonLat[];
	spots: Record<string, Spot>;
	fallback: string;
	/** Where members stand: before lateAfter, after it (arrived before), and late arrivals. */
	weights: Record<'early' | 'full' | 'late', [string, number][]>;
	/** From this instant the venue is full: later arrivals are late (overflow); default never. */
	lateAfter?: number;
	/** Where late arrivals head for instead of the centre (outside the full venue). */
	lateGoal?: LonLat;
	/** Origins (built-in place names) with weights; cfg.cityPlace means from town. */
	origins: [string, number][];
	/** Local midnight of the day, arrival windows [fromHour, toHour, weight], latest leave. */
	day: number;
	arrive: [number, number, number][];
	stay: (r: Rand, arrive: number) => number;
	latest: number;
	/** Posting members. */
	members: number;
	/** Chance that a member's post carries coordinates, from a uniform draw per member. */
	geoP(u: number): number;
	tagP: number;
	placeP: number;
	/** Posts per minute per member at the venue at activity 1 (and the divisor of its peak). */
	venueRate(t: number): number;
	peakDiv: number;
	/** Lexicon key of a post at the venue. */
	venueKey(r: Rand, t: number, spot: string, late: boolean, first: boolean): string;
	/** What the members go to ('de demo', 'het concert'), for the travel templates. */
	what: string;
	mood: 'plain' | 'party' | 'alarm';
	tags: string[];
	townPlace: string[];
	townTags: string[];
	styles: [StyleName, number][];
	sources: SourceMix;
}

interface Guest extends Member {
	style: StyleName;
	late: boolean;
}

function legKmh(mode: Mode): number {
	return mode === 'bike' ? 14 : mode === 'car' ? 70 : mode === 'train' ? 95 : 4.8;
}

function buildGuests(ctx: Ctx, g: GatheringCfg): Plan<Guest>[] {
	const plans: Plan<Guest>[] = [];
	for (let a = 0; a < g.members; a++) {
		const r = Rand.of(ctx.salt, g.code, 'agent', a);
		const originName = r.weighted(g.origins);
		const { op, ll: originLl, pop } = originOf(ctx, originName);
		const local = originName === g.cityPlace;
		const radius = op.pop ? Math.min(5000, 250 * Math.sqrt(op.pop / 1000)) : 500;
		const home = local ? inDisk(r, g.centre, radius * 0.8) : scatter(r, originLl, radius * 0.4);
		const arriveTarget =
			g.day + HOUR * r.weighted(g.arrive.map(([h0, h1, w]) => [h0 + r.next() * (h1 - h0), w]));
		const late = g.lateAfter !== undefined && arriveTarget >= g.lateAfter;
		const goal = scatter(r, late && g.lateGoal ? g.lateGoal : g.centre, 90);
		const legs: Leg[] = [];
		let mode: Mode;
		let st: LonLat | undefined;
		if (local) {
			const d = distM(home, goal);
			mode = d < 1800 && r.chance(0.6) ? 'walk' : 'bike';
			legs.push({ pts: [home, lerp(home, goal, 0.9)], kmh: legKmh(mode), mode });
			legs.push({ pts: [lerp(home, goal, 0.9), goal], kmh: 4.5, mode: 'walk' });
		} else if (r.chance(0.65)) {
			mode = 'train';
			st = ctx.places.nearestStation(home, 6000)?.ll ?? originLl;
			const access: Mode = distM(home, st) > 1500 ? 'bike' : 'walk';
			legs.push({ pts: [home, st], kmh: legKmh(access), mode: access });
			legs.push({
				pts: [st, lerp(st, g.station, 0.5), g.station],
				kmh: r.range(80, 105),
				mode: 'train',
				waitMin: r.range(2, 12)
			});
			legs.push({ pts: [...g.stationWalk, goal], kmh: r.range(4, 5.5), mode: 'walk' });
		} else {
			mode = 'car';
			const park = scatter(r, lerp(g.centre, home, 0.03), 200);
			legs.push({ pts: [home, lerp(home, park, 0.5), park], kmh: r.range(60, 90), mode });
			legs.push({ pts: [park, goal], kmh: 4.5, mode: 'walk', waitMin: r.range(1, 6) });
		}
		const route = new Route(legs);
		const depart = Math.floor((arriveTarget - route.durMs) / 1000) * 1000;
		const arrive = depart + route.durMs;
		const leave = Math.min(g.latest - r.range(0, 30) * MIN, g.stay(r, arrive));
		const pr = Rand.of(ctx.salt, g.code, 'persona', a);
		const guest: Guest = {
			author: crowdAuthor(ctx, pop, a + g.code * 1000, () => `${g.city.toLowerCase()}${a}`),
			style: pr.weighted(g.styles),
			source: pr.weighted(g.sources),
			geoP: g.geoP(pr.next()),
			tagP: g.tagP,
			from: displayName({ name: originName }),
			origin: pop,
			en: pr.chance(0.03),
			late
		};
		const activity = pr.lognormal(1, 0.5);
		const specs: Spec[] = [];
		tripSpecs(
			r,
			route,
			depart,
			arrive,
			activity,
			{
				firstP: 0.55,
				firstMeanMs: MIN,
				mean: mode === 'train' ? 12 : 15,
				stage: (p) => `travel_${p.mode}`
			},
			specs
		);
		const pos = venueSpecs(
			r,
			route.end,
			arrive,
			Math.max(arrive + 10 * MIN, leave),
			activity,
			{
				spots: g.spots,
				fallback: g.fallback,
				phase: (t) => (late ? 'late' : t >= (g.lateAfter ?? Infinity) ? 'full' : 'early'),
				weights: g.weights,
				rate: g.venueRate,
				peakDiv: g.peakDiv,
				arriveP: 0.5,
				arriveMin: [0.5, 4],
				moveP: 0.25,
				speed: () => 60,
				stage: (_ph, _t, spot, first) => `v${first ? '!' : ''}:${spot}`
			},
			specs
		);
		const back: Leg[] = [];
		if (mode === 'train' && st) {
			back.push({ pts: [pos, ...[...g.stationWalk].reverse(), g.station], kmh: 4.5, mode: 'walk' });
			back.push({
				pts: [g.station, lerp(st, g.station, 0.5), st],
				kmh: 95,
				mode: 'train',
				waitMin: r.range(3, 15)
			});
		} else if (mode === 'car') back.push({ pts: [pos, home], kmh: 60, mode: 'car' });
		else back.push({ pts: [pos, home], kmh: legKmh(mode), mode });
		homeSpecs(
			r,
			new Route(back),
			Math.max(arrive + 10 * MIN, leave),
			activity,
			{
				horizonMin: [20, 70],
				firstP: 0.5,
				mean: 18,
				backMode: (m) => (m === 'train' || m === 'car' || m === 'bike' ? m : 'walk'),
				homeP: 0.35,
				homeMin: [1, 10]
			},
			specs
		);
		plans.push({ agent: guest, specs });
	}
	return plans;
}

/** The crowd of a gathering: plans made once, posts materialised per window. */
export function gatheringCrowd(ctx: Ctx, g: GatheringCfg): AgentSet<Guest> {
	return new AgentSet<Guest>(
		ctx,
		g.code,
		(c) => buildGuests(c, g),
		(ctx, r, m, s, _i, digits) => {
			const d = memberDraft(r, m, s, digits, ctx.era);
			const pos: LonLat = [s.lon, s.lat];
			let key: string;
			let spot = g.spots[nearestSpot(g.spots, g.fallback, pos)].name;
			if (s.stage.startsWith('v')) {
				const [head, sk] = s.stage.split(':');
				spot = g.spots[sk].name;
				key = g.venueKey(r, s.t, sk, m.late, head === 'v!');
			} else key = `gx_${s.stage}`;
			if (m.en && r.chance(0.7)) key = 'en_trip';
			d.text = say(
				ctx,
				r,
				key,
				{ city: g.city, spot, from: m.from, what: g.what, dest: g.city, place: g.city },
				{
					style: m.en ? 'en' : m.style,
					mood: g.mood,
					opener: 0.2,
					reaction: 0.15,
					tags: g.tags,
					tagP: 0.25,
					maxTags: 2
				}
			);
			return finishMember(ctx, r, d, m, pos, digits, {
				inTown: distM(pos, g.centre) < 4000,
				jitter: 12,
				placeP: g.placeP,
				townPlace: (r) => r.pick(g.townPlace),
				townTags: g.townTags,
				linkP: 0.3,
				engP: 0.4,
				reach: 1.3
			});
		}
	);
}

/** Townspeople and the region talking about it: a place tag or text, rarely coordinates. */
export function buzzComp(
	ctx: Ctx,
	code: number,
	o: {
		centre: LonLat;
		/** Radius (km) of the region the voices come from. */
		regionKm: number;
		rate(t: number): number;
		key: (r: Rand, t: number) => string;
		vars: Record<string, string>;
		geoU: number;
		tagU: number;
		tags: string[];
		mood: 'plain' | 'party' | 'alarm';
	}
): RateComp {
	const cum = ctx.places.cumulative(
		(pp) => pp.weight * 40 * Math.exp(-distM(pp.ll, o.centre) / 1000 / o.regionKm)
	);
	const mix = MIX[ctx.era].general;
	return {
		code,
		rate: o.rate,
		mix: () => mix,
		make(it) {
			const { r, t, source } = it;
			const { pp, k, author } = localVoice(ctx, r, cum);
			const d: Draft = { t, id: it.id, source, author, text: '' };
			const reply = r.chance(0.06) ? it.sibling(it.idx - 1 - Math.floor(r.next() * 4)) : undefined;
			if (reply) d.reply_to = reply;
			d.text = say(
				ctx,
				r,
				o.key(r, t),
				{ ...o.vars, place: pp.name },
				{
					style: personaOf(ctx, pp, k),
					mood: o.mood,
					opener: 0.2,
					reaction: 0.15,
					tags: o.tags,
					tagP: 0.25,
					maxTags: 2
				}
			);
			return finishVoice(ctx, it, d, pp, false, o.geoU, o.tagU, () =>
				scatter(r, homeOf(ctx, pp, k), 100)
			);
		}
	};
}

/** Official accounts (municipality, police, transport). */
export function officialsComp(
	ctx: Ctx,
	code: number,
	rate: (t: number) => number,
	authors: string[],
	key: string,
	tags: string[],
	place: string,
	vars: Record<string, string> = {}
): RateComp {
	return accountComp(ctx, code, {
		rate,
		mix: () => MIX[ctx.era].news,
		authors,
		key,
		vars: () => vars,
		tags,
		place,
		reach: 8
	});
}

/** Citizens' reports near the spots; geoP is the share with coordinates (the rest by text). */
export function spotReports(
	ctx: Ctx,
	code: number,
	rate: (t: number) => number,
	place: string,
	spots: Record<string, Spot>,
	weights: [string, number][],
	key: string,
	geoP: number
): RateComp {
	const base = reportComp(ctx, code, rate, place, (r) => {
		const sk = r.weighted(weights);
		return {
			p: spotPoint(r, spots[sk]),
			text: say(ctx, r, key, { spot: spots[sk].name, city: place }, { style: 'adult' })
		};
	});
	return {
		...base,
		make(it) {
			const d = base.make(it);
			if (
				d &&
				d.lon !== undefined &&
				!Rand.of(ctx.salt, code, 'geo', it.slot, it.idx).chance(geoP)
			) {
				delete d.lon;
				delete d.lat;
				if (d.place === undefined) d.place = place;
			}
			return d;
		}
	};
}
