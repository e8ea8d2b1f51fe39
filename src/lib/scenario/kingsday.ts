/**
 * The planned-event scenario: King's Day (Koningsdag), Saturday 27 April 2024, in Amsterdam. A
 * large, registered, peaceful crowd on and around the Dam: visitors arrive by train at Amsterdam
 * Centraal and walk up the Damrak, Amsterdammers come on foot, by bike and by boat, they wander
 * between the Dam, the Jordaan's free market, the Rembrandtplein and the Nieuwmarkt, and leave in
 * the evening. On top: Koningsnacht the evening before, the rest of the country celebrating, the
 * municipality, police and NS, a few small incidents, and the national background. Pure module.
 */
import { backgroundRunners, homeOf, otherPlace, personaOf, rhythm } from './background';
import { say } from './compose';
import type { Member, Spot } from './crowd';
import {
	accountComp,
	crowdAuthor,
	crowdRunner,
	curve,
	finishMember,
	finishVoice,
	geoShare,
	homeSpecs,
	localVoice,
	memberDraft,
	nearestSpot as nearestOf,
	originOf,
	rateRunner,
	reportComp,
	spotPoint,
	tripSpecs,
	venueSpecs
} from './crowd';
import type { Ctx, Draft, Plan, RateComp, Spec } from './engine';
import { AgentSet, HOUR, MIN, MIX } from './engine';
import type { Leg, LonLat, Mode } from './geo';
import { Route, distM, inDisk, lerp, scatter } from './geo';
import { KD_LEX } from './lexicon-kd';
import { displayName, ll } from './places';
import { Rand } from './rng';
import type { StyleName } from './text';
import { localParts, parseTime } from '../time/amsterdam';
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

function nearestSpot(p: LonLat): string {
	return nearestOf(SPOTS, 'dam', p);
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

interface Visitor extends Member {
	style: StyleName;
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
		const { ll: originLl, pop: popPlace } = originOf(ctx, originName);
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
			author: crowdAuthor(ctx, popPlace, a, () => `bezoeker${a}`),
			style: pr.weighted<StyleName>([
				['teen', 25],
				['young', 40],
				['adult', 25],
				['parent', 10]
			]),
			source: pr.weighted(MIX.e2024.visual),
			geoP: geoShare(geoU, 0.9),
			tagP: 0.35,
			from: displayName({ name: originName }),
			origin: popPlace,
			en: pr.chance(0.08)
		};
		const activity = pr.lognormal(1, 0.5);
		const specs: Spec[] = [];
		tripSpecs(
			r,
			route0,
			depart,
			arrive,
			activity,
			{
				firstP: 0.6,
				firstMeanMs: MIN,
				mean: mode === 'train' ? 12 : 14,
				stage: (p) =>
					distM(p.p, CS) < 250 ? 'arrive_cs' : `travel_${p.mode === 'car' ? 'train' : p.mode}`
			},
			specs
		);
		const pos = venueSpecs(
			r,
			route0.end,
			arrive,
			leave,
			activity,
			{
				spots: SPOTS,
				fallback: 'dam',
				phase: partAt,
				weights: SPOT_WEIGHTS,
				rate: venueRate,
				peakDiv: 26,
				moveP: 0.25,
				speed: () => 65,
				stage: (part) => `v_${part}`
			},
			specs
		);
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
		homeSpecs(
			r,
			new Route(back),
			leave,
			activity,
			{
				horizonMin: [20, 70],
				firstP: 0.6,
				mean: 18,
				backMode: (m) => (m === 'train' || m === 'bike' || m === 'boat' ? m : 'walk'),
				homeP: 0.4,
				homeMin: [2, 15]
			},
			specs
		);
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
	const d = memberDraft(r, v, s, digits, 'e2024');
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
	return finishMember(ctx, r, d, v, pos, digits, {
		inTown,
		jitter: 10,
		placeP: 0.35,
		townPlace: (r) =>
			r.pick([
				'Dam Square',
				'Amsterdam, Nederland',
				'Amsterdam',
				'De Dam, Amsterdam',
				'Koninklijk Paleis Amsterdam'
			]),
		townTags: ['Amsterdam', 'Amsterdam, Noord-Holland', 'Amsterdam, Netherlands', 'Dam Square'],
		linkP: 0.35,
		engP: 0.45,
		reach: 1.5
	});
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
			const { pp, k, author } = localVoice(ctx, r, useAms ? amsCum : undefined);
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
			return finishVoice(ctx, it, d, pp, en, amsOnly ? 0.1 : 0.04, 0.3, () =>
				amsOnly ? inDisk(r, DAM, 1800) : scatter(r, homeOf(ctx, pp, k), 150)
			);
		}
	};
}

function officialComp(ctx: Ctx, code: number): RateComp {
	return accountComp(ctx, code, {
		rate: officialRate,
		mix: () => MIX.e2024.news,
		authors: OFFICIAL,
		key: 'kd_official',
		vars: () => ({}),
		tags: ['#koningsdag', '#amsterdam'],
		place: 'Amsterdam, Noord-Holland',
		reach: 10
	});
}

function kdReportComp(ctx: Ctx, code: number): RateComp {
	return reportComp(ctx, code, reportRate, 'Amsterdam', (r, t) => {
		const p = spotPoint(r, SPOTS[r.weighted(SPOT_WEIGHTS[partAt(t)])]);
		const text = say(ctx, r, 'kd_report', { spot: SPOTS[nearestSpot(p)].name }, { style: 'adult' });
		return { p, text };
	});
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
		const rep = kdReportComp(ctx, 27);
		const crowd = new AgentSet<Visitor>(
			ctx,
			23,
			(c) => buildVisitors(c, KD_POSTING_VISITORS),
			makeVisitorPost
		);
		return [
			...backgroundRunners(ctx),
			...[pre, nacht, nat, ams, off, rep].map((c) => rateRunner(ctx, c)),
			crowdRunner(crowd, [T('2024-04-27T04:00:00+02:00'), T('2024-04-28T04:00:00+02:00')])
		];
	}
};
