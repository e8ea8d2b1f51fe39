/**
 * The planned-event scenario: King's Day (Koningsdag), Saturday 27 April 2024, in Amsterdam. A
 * large, registered, peaceful crowd on and around the Dam: visitors arrive by train at Amsterdam
 * Centraal and walk up the Damrak, Amsterdammers come on foot, by bike and by boat, they wander
 * between the Dam, the Jordaan's free market, the Rembrandtplein and the Nieuwmarkt, and leave in
 * the evening. On top: Koningsnacht the evening before, the rest of the country celebrating, the
 * municipality, police and NS, a few small incidents, and the national background. Pure module.
 */
import type { Source } from '../posts/post';
import { regionAuthor } from './authors';
import { backgroundRunners, homeOf, langFor, otherPlace, personaOf, rhythm } from './background';
import { say } from './compose';
import type { Ctx, Draft, Plan, RateComp, SourceMix, Spec } from './engine';
import { AgentSet, HOUR, MIN, MIX, finish, makeId, postTimes, runRate } from './engine';
import type { Leg, LonLat, Mode } from './geo';
import { Route, distM, inDisk, lerp, scatter } from './geo';
import { KD_LEX } from './lexicon-kd';
import { BUILTIN_PLACES, type PopPlace, displayName, ll } from './places';
import { Rand } from './rng';
import type { StyleName } from './text';
import { localParts, parseTime } from './time';
import type { Runner, ScenarioDef } from './types';

const T = (s: string): number => parseTime(s);

const CS = ll('Amsterdam Centraal Railway Station');
const DAM: LonLat = [4.89236, 52.373057];
const AMS = ll('Amsterdam');
const AMSTEL = ll('Station Amsterdam Amstel');
const SLOTERDIJK: LonLat = [4.8379, 52.3889];
const MUIDERPOORT: LonLat = [4.9313, 52.3604];
const DAMRAK_N: LonLat = [4.899, 52.3778];
const DAMRAK_S: LonLat = [4.895, 52.374];
const ROKIN_N: LonLat = [4.8928, 52.372];
const ROKIN_S: LonLat = [4.8935, 52.3685];
const WALK_CS_DAM: LonLat[] = [[4.8995, 52.3783], DAMRAK_N, [4.8968, 52.3758], DAMRAK_S, DAM];

const DAY = T('2024-04-27T00:00:00+02:00');

interface Spot {
	name: string;
	a: LonLat;
	b?: LonLat;
	spread: number;
}
const SPOTS: Record<string, Spot> = {
	dam: { name: 'de Dam', a: DAM, spread: 45 },
	damrak: { name: 'het Damrak', a: DAMRAK_S, b: DAMRAK_N, spread: 15 },
	rokin: { name: 'het Rokin', a: ROKIN_N, b: ROKIN_S, spread: 15 },
	nieuwmarkt: { name: 'de Nieuwmarkt', a: [4.90038, 52.37258], spread: 40 },
	jordaan: { name: 'de Jordaan', a: ll('Jordaan'), spread: 230 },
	rembrandt: { name: 'het Rembrandtplein', a: ll('Rembrandtplein'), spread: 40 },
	spui: { name: 'het Spui', a: ll('Spui'), spread: 30 },
	leidseplein: { name: 'het Leidseplein', a: ll('Leidseplein'), spread: 40 },
	vondelpark: { name: 'het Vondelpark', a: ll('Vondelpark'), spread: 250 },
	prinsengracht: {
		name: 'de Prinsengracht',
		a: [4.8838, 52.3778],
		b: [4.8889, 52.3653],
		spread: 12
	}
};
type Part = 'morning' | 'day' | 'evening';
function partAt(t: number): Part {
	const h = localParts(t).hour;
	if (t < DAY || h < 11) return 'morning';
	if (h < 17.5) return 'day';
	return 'evening';
}
const SPOT_WEIGHTS: Record<Part, [string, number][]> = {
	morning: [
		['jordaan', 30],
		['vondelpark', 22],
		['dam', 16],
		['damrak', 6],
		['spui', 6],
		['nieuwmarkt', 6],
		['prinsengracht', 8],
		['rokin', 4],
		['rembrandt', 2]
	],
	day: [
		['dam', 36],
		['damrak', 10],
		['rokin', 8],
		['jordaan', 12],
		['rembrandt', 9],
		['nieuwmarkt', 8],
		['leidseplein', 6],
		['spui', 5],
		['prinsengracht', 5],
		['vondelpark', 3]
	],
	evening: [
		['dam', 22],
		['rembrandt', 18],
		['leidseplein', 14],
		['nieuwmarkt', 14],
		['damrak', 14],
		['jordaan', 12],
		['rokin', 6]
	]
};

function spotPoint(r: Rand, s: Spot): LonLat {
	return scatter(r, s.b ? lerp(s.a, s.b, r.next()) : s.a, s.spread);
}
function nearestSpot(p: LonLat): string {
	let best = 'dam';
	let bd = Infinity;
	for (const [k, s] of Object.entries(SPOTS)) {
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

function curve(points: [string, number][]): (t: number) => number {
	const pts = points.map(([s, v]) => [T(s), v] as const);
	return (t) => {
		if (t < pts[0][0] || t >= pts[pts.length - 1][0]) return 0;
		let i = 1;
		while (pts[i][0] <= t) i++;
		const [t0, v0] = pts[i - 1];
		const [t1, v1] = pts[i];
		return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
	};
}

/** Origins of visitors and the station where their train enters Amsterdam. */
const ORIGINS: [string, number, 'south' | 'west' | 'east' | 'north'][] = [
	['Utrecht', 14, 'south'],
	['Haarlem', 10, 'west'],
	['Zaanstad', 6, 'north'],
	['Almere Stad', 9, 'east'],
	['Amersfoort', 6, 'east'],
	['Hilversum', 4, 'east'],
	['Leiden', 5, 'west'],
	['The Hague', 7, 'west'],
	['Rotterdam', 7, 'west'],
	['Alkmaar', 4, 'north'],
	['Hoofddorp', 4, 'west'],
	['Purmerend', 3, 'north'],
	['Zwolle', 2, 'east'],
	['Eindhoven', 2, 'south'],
	['Groningen', 1, 'east'],
	['Nijmegen', 2, 'south'],
	['Arnhem', 2, 'south'],
	['Amstelveen', 3, 'south']
];
const GATE: Record<string, LonLat[]> = {
	south: [AMSTEL, [4.925, 52.362], CS],
	west: [SLOTERDIJK, [4.87, 52.385], CS],
	north: [[4.84, 52.41], [4.875, 52.392], CS],
	east: [[5.04, 52.31], MUIDERPOORT, [4.92, 52.372], CS]
};

interface Visitor {
	author: string;
	style: StyleName;
	source: Source;
	geoP: number;
	tagP: number;
	from: string;
	origin: PopPlace | undefined;
	en: boolean;
}

function venueRate(t: number): number {
	const h = localParts(t).hour;
	if (h < 11) return 1 / 45;
	if (h < 13) return 1 / 32;
	if (h < 17) return 1 / 26;
	if (h < 20) return 1 / 34;
	return 1 / 45;
}

function buildVisitors(ctx: Ctx, n: number): Plan<Visitor>[] {
	const plans: Plan<Visitor>[] = [];
	const origins: [number, number][] = ORIGINS.map((o, i) => [i, o[1]]);
	for (let a = 0; a < n; a++) {
		const r = Rand.of(ctx.salt, 23, 'agent', a);
		const kind = r.weighted<'train' | 'local' | 'boat'>([
			['train', 55],
			['local', 37],
			['boat', 8]
		]);
		const oi = kind === 'train' ? r.weighted(origins) : -1;
		const originName = oi >= 0 ? ORIGINS[oi][0] : 'Amsterdam';
		const op = BUILTIN_PLACES.find((p) => p.name === originName)!;
		const originLl: LonLat = [op.lon, op.lat];
		const popPlace =
			ctx.places.near(originLl, 3000).find((pp) => pp.place.name === originName) ??
			ctx.places.near(originLl, 3000)[0];
		const home = kind === 'train' ? scatter(r, originLl, 1500) : inDisk(r, AMS, 5000);
		const arriveTarget =
			DAY +
			HOUR *
				r.weighted<number>([
					[7 + r.next() * 3, 18],
					[10 + r.next() * 2, 30],
					[12 + r.next() * 2, 30],
					[14 + r.next() * 3, 22]
				]);
		const legs: Leg[] = [];
		let mode: Mode;
		if (kind === 'train') {
			mode = 'train';
			const st = ctx.places.nearestStation(home, 6000)?.ll ?? originLl;
			const gate = GATE[ORIGINS[oi][2]];
			legs.push({
				pts: [home, st],
				kmh: distM(home, st) > 1500 ? 14 : 5,
				mode: distM(home, st) > 1500 ? 'bike' : 'walk'
			});
			legs.push({
				pts: [st, ...gate],
				kmh: r.range(85, 110),
				mode: 'train',
				waitMin: r.range(2, 14)
			});
			legs.push({ pts: WALK_CS_DAM, kmh: r.range(2.5, 4), mode: 'walk', waitMin: r.range(1, 6) });
		} else if (kind === 'boat') {
			mode = 'boat';
			const quay = inDisk(r, [4.875, 52.36], 1500);
			legs.push({ pts: [home, quay], kmh: 14, mode: 'bike' });
			legs.push({
				pts: [quay, [4.8838, 52.3653], [4.8838, 52.3778]],
				kmh: r.range(4, 7),
				mode: 'boat'
			});
			legs.push({ pts: [[4.8838, 52.3778], [4.889, 52.3755], DAM], kmh: 3.5, mode: 'walk' });
		} else {
			mode = r.chance(0.55) ? 'bike' : 'walk';
			const edge = lerp(home, DAM, 0.8);
			legs.push({ pts: [home, edge], kmh: mode === 'bike' ? 13 : 4.5, mode });
			legs.push({ pts: [edge, scatter(r, DAM, 300)], kmh: 3.5, mode: 'walk' });
		}
		const route0 = new Route(legs);
		const depart = Math.floor((arriveTarget - route0.durMs) / 1000) * 1000;
		const arrive = depart + route0.durMs;
		const leave = Math.min(
			T('2024-04-27T23:30:00+02:00'),
			arrive + Math.max(60 * MIN, r.lognormal(5 * HOUR, 0.35))
		);
		const pr = Rand.of(ctx.salt, 23, 'persona', a);
		const geoU = pr.next();
		const v: Visitor = {
			author: popPlace
				? regionAuthor(ctx.salt, popPlace.key, popPlace.name, popPlace.authors * 3 + a)
				: `bezoeker${a}`,
			style: pr.weighted<StyleName>([
				['teen', 25],
				['young', 40],
				['adult', 25],
				['parent', 10]
			]),
			source: pr.weighted(MIX.e2024.visual),
			geoP: geoU < 0.3 ? 0.05 : geoU < 0.45 ? 0.5 : 0.9,
			tagP: 0.35,
			from: displayName({ name: originName }),
			origin: popPlace,
			en: pr.chance(0.08)
		};
		const activity = pr.lognormal(1, 0.5);
		const specs: Spec[] = [];
		const mean = mode === 'train' ? 12 : 14;
		const tt = r.chance(0.6) ? [depart + Math.floor(r.expo(MIN))] : [];
		tt.push(...postTimes(r, depart + 2 * MIN, arrive, () => activity / mean, activity / mean));
		for (const t of tt) {
			const tsec = Math.floor(t / 1000) * 1000;
			if (tsec >= arrive) continue;
			const p = route0.at(tsec - depart);
			const stage =
				tsec - depart < 3 * MIN
					? 'depart'
					: distM(p.p, CS) < 250
						? 'arrive_cs'
						: `travel_${p.mode === 'car' ? 'train' : p.mode}`;
			specs.push({ t: tsec, lon: p.p[0], lat: p.p[1], stage, moving: p.moving });
		}
		let pos = route0.end;
		let last = arrive;
		let spot = nearestSpot(pos);
		const vt = postTimes(r, arrive, leave, (t) => activity * venueRate(t), activity / 26);
		for (const t of vt) {
			const tsec = Math.floor(t / 1000) * 1000;
			const part = partAt(tsec);
			if (r.chance(0.25)) spot = r.weighted(SPOT_WEIGHTS[part]);
			const target = spotPoint(r, SPOTS[spot]);
			const maxStep = (65 * Math.max(0, tsec - last)) / MIN;
			const dd = distM(pos, target);
			pos = dd <= maxStep ? target : lerp(pos, target, maxStep / dd);
			last = tsec;
			specs.push({ t: tsec, lon: pos[0], lat: pos[1], stage: `v_${part}`, moving: false });
		}
		// leaving
		const back: Leg[] = [];
		if (kind === 'train') {
			back.push({ pts: [pos, DAM, DAMRAK_S, DAMRAK_N, CS], kmh: 3.5, mode: 'walk' });
			back.push({
				pts: [
					CS,
					...GATE[ORIGINS[oi][2]].slice(0, -1).reverse(),
					ctx.places.nearestStation(home, 6000)?.ll ?? originLl
				],
				kmh: 95,
				mode: 'train',
				waitMin: r.range(5, 25)
			});
		} else if (kind === 'boat')
			back.push({ pts: [pos, [4.8838, 52.3778], [4.8838, 52.3653], home], kmh: 6, mode: 'boat' });
		else
			back.push({
				pts: [pos, home],
				kmh: mode === 'bike' ? 12 : 4.5,
				mode: mode === 'bike' ? 'bike' : 'walk'
			});
		const broute = new Route(back);
		const horizon = Math.min(broute.durMs, r.range(20, 70) * MIN);
		const lt = r.chance(0.6) ? [leave + Math.floor(r.range(0, 3) * MIN)] : [];
		lt.push(...postTimes(r, leave + 4 * MIN, leave + horizon, () => activity / 18, activity / 18));
		for (const t of lt) {
			const tsec = Math.floor(t / 1000) * 1000;
			const p = broute.at(tsec - leave);
			const m = p.mode === 'train' || p.mode === 'bike' || p.mode === 'boat' ? p.mode : 'walk';
			specs.push({
				t: tsec,
				lon: p.p[0],
				lat: p.p[1],
				stage: tsec - leave < 4 * MIN ? 'leave' : `back_${m}`,
				moving: p.moving
			});
		}
		if (horizon >= broute.durMs && r.chance(0.4)) {
			const t = Math.floor((leave + broute.durMs + r.range(2, 15) * MIN) / 1000) * 1000;
			specs.push({ t, lon: broute.end[0], lat: broute.end[1], stage: 'home', moving: false });
		}
		plans.push({ agent: v, specs });
	}
	return plans;
}

const TAGS = [
	'#koningsdag',
	'#koningsdag2024',
	'#kingsday',
	'#oranje',
	'#amsterdam',
	'#vrijmarkt',
	'#kingsday2024',
	'#dam'
];

function makeVisitorPost(
	ctx: Ctx,
	r: Rand,
	v: Visitor,
	s: Spec,
	_i: number,
	digits: string
): Draft {
	const source = r.chance(0.85) ? v.source : r.weighted(MIX.e2024.young);
	const d: Draft = { t: s.t, id: makeId(source, digits), source, author: v.author, text: '' };
	const pos: LonLat = [s.lon, s.lat];
	const inTown = distM(pos, DAM) < 4000;
	let key = `kd_${s.stage}`;
	let mood: 'party' | 'plain' | 'alarm' = 'party';
	if (s.stage.startsWith('v_') && r.chance(0.025)) {
		key = 'kd_lost';
		mood = 'alarm';
	}
	if (v.en && r.chance(0.75)) key = 'kd_en';
	d.text = say(
		ctx,
		r,
		key,
		{ from: v.from, spot: SPOTS[nearestSpot(pos)].name },
		{
			style: v.en ? 'en' : v.style,
			mood,
			opener: 0.15,
			reaction: 0.15,
			tags: TAGS,
			tagP: 0.35,
			maxTags: 3
		}
	);
	if (r.chance(v.geoP)) {
		const p = scatter(r, pos, 10);
		d.lon = p[0];
		d.lat = p[1];
		if (r.chance(0.35))
			d.place = inTown
				? r.pick([
						'Dam Square',
						'Amsterdam, Nederland',
						'Amsterdam',
						'De Dam, Amsterdam',
						'Koninklijk Paleis Amsterdam'
					])
				: `${v.from}, Nederland`;
	} else if (r.chance(v.tagP))
		d.place = inTown
			? r.pick(['Amsterdam', 'Amsterdam, Noord-Holland', 'Amsterdam, Netherlands', 'Dam Square'])
			: v.origin
				? ctx.places.placeTag(r, v.origin)
				: v.from;
	const lang = langFor(r, v.en, source);
	if (lang) d.lang = lang;
	return finish(ctx, r, d, digits, 0.35, 0.45, 1.5);
}

// ---------------------------------------------------------------------------------------------

const preRate = curve([
	['2024-04-20T00:00:00+02:00', 0.3],
	['2024-04-24T12:00:00+02:00', 1],
	['2024-04-26T12:00:00+02:00', 3.5],
	['2024-04-26T23:00:00+02:00', 2],
	['2024-04-27T06:00:00+02:00', 1],
	['2024-04-27T12:00:00+02:00', 0]
]);
const nachtRate = curve([
	['2024-04-26T18:00:00+02:00', 0.2],
	['2024-04-26T22:00:00+02:00', 4],
	['2024-04-27T01:00:00+02:00', 3],
	['2024-04-27T04:00:00+02:00', 0.3],
	['2024-04-27T06:00:00+02:00', 0]
]);
const nationalRate = curve([
	['2024-04-27T05:00:00+02:00', 0.5],
	['2024-04-27T09:00:00+02:00', 6],
	['2024-04-27T14:00:00+02:00', 9],
	['2024-04-27T19:00:00+02:00', 5],
	['2024-04-28T01:00:00+02:00', 0.5],
	['2024-04-28T06:00:00+02:00', 0]
]);
const amsRate = curve([
	['2024-04-27T06:00:00+02:00', 0.3],
	['2024-04-27T11:00:00+02:00', 1.5],
	['2024-04-27T16:00:00+02:00', 2],
	['2024-04-27T22:00:00+02:00', 0.8],
	['2024-04-28T03:00:00+02:00', 0]
]);
const officialRate = curve([
	['2024-04-26T20:00:00+02:00', 0.02],
	['2024-04-27T09:00:00+02:00', 0.08],
	['2024-04-27T14:00:00+02:00', 0.15],
	['2024-04-27T21:00:00+02:00', 0.05],
	['2024-04-28T00:00:00+02:00', 0]
]);
const reportRate = curve([
	['2024-04-27T09:00:00+02:00', 0.05],
	['2024-04-27T14:00:00+02:00', 0.35],
	['2024-04-27T18:00:00+02:00', 0.3],
	['2024-04-27T23:00:00+02:00', 0.05],
	['2024-04-28T01:00:00+02:00', 0]
]);

const OFFICIAL = [
	'gemeente_amsterdam_info',
	'politie_amsterdam_centrum',
	'ns_reisinfo_nl',
	'gvb_actueel_info'
];

function nationalComp(
	ctx: Ctx,
	code: number,
	key: string,
	rate: (t: number) => number,
	amsOnly: boolean
): RateComp {
	const mix = MIX.e2024.general;
	const ams = ctx.places.near(AMS, 8000);
	const amsCum = ctx.places.cumulative((pp) => (ams.includes(pp) ? pp.weight : 0));
	const useAms = amsOnly && ams.length > 0;
	return {
		code,
		rate: (t) => rate(t) * (key === 'kd_pre' ? rhythm(t) : 1),
		mix: () => mix,
		make(it) {
			const { r, t, source } = it;
			const pp = useAms ? ctx.places.pick(r, amsCum) : ctx.places.pick(r);
			const k = r.zipf(pp.authors, 1.05);
			const author = regionAuthor(ctx.salt, pp.key, pp.name, k);
			const en = r.chance(amsOnly ? 0.1 : 0.03);
			const d: Draft = { t, id: it.id, source, author, text: '' };
			const place = key === 'kd_nat' && r.chance(0.3) ? otherPlace(ctx, r, pp) : pp;
			const days = Math.ceil((DAY - t) / (24 * HOUR));
			const nog =
				days <= 0
					? r.pick(['Nog maar een paar uur', 'Nog heel even', 'Bijna'])
					: days === 1
						? r.pick(['Nog één nachtje', 'Nog één keer slapen', 'Nog één dag'])
						: `${r.pick(['Nog', 'Pfoe nog', 'Nog maar'])} ${days} ${r.pick(['dagen', 'nachtjes'])}`;
			d.text = say(
				ctx,
				r,
				en ? 'kd_en' : key,
				{ place: place.name, nog },
				{
					style: en ? 'en' : personaOf(ctx, pp, k),
					mood: 'party',
					opener: 0.15,
					reaction: 0.15,
					tags: TAGS,
					tagP: 0.3,
					maxTags: 2
				}
			);
			const u = r.next();
			if (u < (amsOnly ? 0.1 : 0.04)) {
				const p = amsOnly ? inDisk(r, DAM, 1800) : scatter(r, homeOf(ctx, pp, k), 150);
				d.lon = p[0];
				d.lat = p[1];
			} else if (u < 0.3) d.place = ctx.places.placeTag(r, pp);
			const lang = langFor(r, en, source);
			if (lang) d.lang = lang;
			return finish(ctx, r, d, it.digits, 0.3, 0.4, 1.2);
		}
	};
}

function officialComp(ctx: Ctx, code: number): RateComp {
	return {
		code,
		rate: officialRate,
		mix: () => MIX.e2024.news,
		make(it) {
			const { r, t, source } = it;
			const d: Draft = { t, id: it.id, source, author: r.pick(OFFICIAL), text: '' };
			d.text = say(
				ctx,
				r,
				'kd_official',
				{},
				{ style: 'pro', tags: ['#koningsdag', '#amsterdam'], tagP: 0.5, maxTags: 1 }
			);
			if (r.chance(0.3)) d.place = 'Amsterdam, Noord-Holland';
			d.lang = 'nl';
			return finish(ctx, r, d, it.digits, 0.9, 0.9, 10);
		}
	};
}

function reportComp(ctx: Ctx, code: number): RateComp {
	return {
		code,
		rate: reportRate,
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
			const p = spotPoint(r, SPOTS[r.weighted(SPOT_WEIGHTS[partAt(t)])]);
			d.text = say(ctx, r, 'kd_report', { spot: SPOTS[nearestSpot(p)].name }, { style: 'adult' });
			if (r.chance(0.8)) {
				d.lon = p[0];
				d.lat = p[1];
			}
			if (r.chance(0.5)) d.place = 'Amsterdam';
			d.lang = 'nl';
			return finish(ctx, r, d, it.digits, 0, 0);
		}
	};
}

/** Visitors in central Amsterdam who post (a share of the many tens of thousands there). */
export const KD_POSTING_VISITORS = 1100;

export const kingsDayDef: ScenarioDef = {
	info: {
		name: 'planned-event',
		title: 'Koningsdag 2024 op de Dam',
		title_en: "King's Day 2024 on Dam Square",
		description:
			'Koningsdag op zaterdag 27 april 2024: een grote, vergunde en vreedzame menigte op en rond de Dam in Amsterdam, met bezoekers die via Amsterdam Centraal en te voet binnenkomen.',
		start: '2024-04-26T00:00:00+02:00',
		end: '2024-04-28T06:00:00+02:00',
		clock: '2024-04-27T10:00:00+02:00',
		view: { center: [4.8945, 52.3735], zoom: 14.5 },
		areas: [
			{
				id: 'dam',
				name: 'Dam',
				polygon: [
					[4.8906, 52.3733],
					[4.892, 52.374],
					[4.8945, 52.3739],
					[4.8952, 52.373],
					[4.8942, 52.3723],
					[4.8915, 52.3723],
					[4.8906, 52.3733]
				],
				planned: {
					crowd: 15000,
					from: '2024-04-27T09:00:00+02:00',
					to: '2024-04-27T20:00:00+02:00'
				}
			},
			{
				id: 'amsterdam-centraal',
				name: 'Amsterdam Centraal',
				polygon: [
					[4.8965, 52.3801],
					[4.9045, 52.3801],
					[4.9045, 52.3774],
					[4.8965, 52.3774],
					[4.8965, 52.3801]
				]
			}
		],
		labels: [
			{
				id: 'koningsdag-dam',
				name: 'Koningsdag op en rond de Dam',
				lon: DAM[0],
				lat: DAM[1],
				radius_m: 500,
				onset: '2024-04-27T10:00:00+02:00',
				planned: true,
				expected_crowd: 15000,
				kind: 'festival'
			}
		]
	},
	era: 'e2024',
	lex: [KD_LEX],
	build(ctx: Ctx): Runner[] {
		const pre = nationalComp(ctx, 21, 'kd_pre', preRate, false);
		const nacht = nationalComp(ctx, 22, 'kd_nacht', nachtRate, true);
		const nat = nationalComp(ctx, 24, 'kd_nat', nationalRate, false);
		const ams = nationalComp(ctx, 25, 'kd_ams', amsRate, true);
		const off = officialComp(ctx, 26);
		const rep = reportComp(ctx, 27);
		const crowd = new AgentSet<Visitor>(
			ctx,
			23,
			(c) => buildVisitors(c, KD_POSTING_VISITORS),
			makeVisitorPost
		);
		const window = [T('2024-04-27T04:00:00+02:00'), T('2024-04-28T04:00:00+02:00')];
		return [
			...backgroundRunners(ctx),
			(f, t, o) => runRate(ctx, pre, f, t, o),
			(f, t, o) => runRate(ctx, nacht, f, t, o),
			(f, t, o) => runRate(ctx, nat, f, t, o),
			(f, t, o) => runRate(ctx, ams, f, t, o),
			(f, t, o) => runRate(ctx, off, f, t, o),
			(f, t, o) => runRate(ctx, rep, f, t, o),
			(f, t, o) => {
				if (t > window[0] && f < window[1]) crowd.run(f, t, o);
			}
		];
	}
};
