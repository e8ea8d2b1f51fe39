/**
 * Scenarios that make gathering detection hard, each with its ground truth: a viral Project X
 * call nobody answers (hoax-call), a real gathering with hardly any geotags (sparse-geotags), a
 * planned concert that overflows its area (planned-overflow), two unplanned gatherings at once
 * (two-cities), a night of background only (quiet-night) and a city with ten times the normal
 * volume and nothing going on (busy-city). All 2024 era, on top of the national background; each
 * starts at least a day before the moment that matters, so that a detector can learn a baseline.
 * Pure module.
 */
import type { Source } from '../posts/post';
import {
	backgroundRunners,
	backgroundStatic,
	backgroundTrips,
	homeOf,
	personaOf,
	rhythm
} from './background';
import { say } from './compose';
import type { Spot } from './crowd';
import { crowdRunner, curve, finishVoice, localVoice, rateRunner } from './crowd';
import type { Ctx, Draft, RateComp } from './engine';
import { HOUR, MIN, MIX, finish, makeId, runRate, runTrips } from './engine';
import type { GatheringCfg } from './gathering';
import { buzzComp, gatheringCrowd, officialsComp, spotReports } from './gathering';
import type { LonLat } from './geo';
import { distM, scatter } from './geo';
import { HARD_LEX } from './lexicon-hard';
import { ll } from './places';
import { Rand } from './rng';
import type { StyleName } from './text';
import { parseTime } from '../time/amsterdam';
import type { Runner, ScenarioDef } from './types';

const T = (s: string): number => parseTime(s);
const YOUNG: [StyleName, number][] = [
	['teen', 45],
	['young', 42],
	['adult', 13]
];

// ---------------------------------------------------------------------------------------------
// hoax-call: Project X Gouda, Saturday 8 June 2024, nobody came

/** The Markt in Gouda (town hall), the announced meeting point. */
export const GOUDA_MARKT: LonLat = [4.7107, 52.0116];
const HOAX_DAY = T('2024-06-08T00:00:00+02:00');
/** The announced start of the party. */
export const HOAX_AT = T('2024-06-08T21:00:00+02:00');

const hoaxMobRate = curve([
	['2024-06-02T21:30:00+02:00', 0.2],
	['2024-06-03T01:00:00+02:00', 1.5],
	['2024-06-03T14:00:00+02:00', 2.6],
	['2024-06-04T14:00:00+02:00', 1.6],
	['2024-06-06T14:00:00+02:00', 1.0],
	['2024-06-07T14:00:00+02:00', 1.8],
	['2024-06-08T14:00:00+02:00', 2.8],
	['2024-06-08T20:30:00+02:00', 2.4],
	['2024-06-08T22:00:00+02:00', 0.8],
	['2024-06-09T02:00:00+02:00', 0.15],
	['2024-06-10T00:00:00+02:00', 0]
]);
const hoaxNoneRate = curve([
	['2024-06-08T21:00:00+02:00', 0.05],
	['2024-06-08T21:40:00+02:00', 0.9],
	['2024-06-08T23:00:00+02:00', 0.6],
	['2024-06-09T02:00:00+02:00', 0.05],
	['2024-06-09T11:00:00+02:00', 0.15],
	['2024-06-10T00:00:00+02:00', 0]
]);
const hoaxOfficialRate = curve([
	['2024-06-05T09:00:00+02:00', 0.002],
	['2024-06-08T10:00:00+02:00', 0.02],
	['2024-06-08T20:00:00+02:00', 0.04],
	['2024-06-09T00:30:00+02:00', 0]
]);
/** Claimed attendees and shares as people quote them. */
const hoaxCount = curve([
	['2024-06-02T21:30:00+02:00', 300],
	['2024-06-03T20:00:00+02:00', 9000],
	['2024-06-06T12:00:00+02:00', 24000],
	['2024-06-08T18:00:00+02:00', 41000],
	['2024-06-10T00:00:00+02:00', 42000]
]);

const HOAX_TAGS = [
	'#projectxgouda',
	'#projectx',
	'#gouda',
	'#PXG',
	'#fyp',
	'#projectxgouda2024',
	'#feest'
];

interface Hub {
	at: string;
	source: Source;
	author: string;
	text: string;
}
const HOAX_HUBS: Hub[] = [
	{
		at: '2024-06-02T21:30:00+02:00',
		source: 'tiktok',
		author: 'projectx.gouda',
		text: 'PROJECT X GOUDA 🔥🔥 zaterdag 8 juni, 21:00, de Markt. Iedereen is welkom, neem je vrienden mee en deel dit!! #projectxgouda #projectx #fyp'
	},
	{
		at: '2024-06-03T16:10:00+02:00',
		source: 'instagram',
		author: 'projectxgouda_official',
		text: 'Project X Gouda 08-06 🔥 Het originele account is weg, dit is het echte! Tag je vrienden #projectxgouda #PXG'
	},
	{
		at: '2024-06-05T11:20:00+02:00',
		source: 'x',
		author: 'nieuws_groenehart',
		text: "Oproep voor 'Project X'-feest in Gouda gaat viraal op TikTok; gemeente: 'Er is geen feest'"
	},
	{
		at: '2024-06-07T15:00:00+02:00',
		source: 'x',
		author: 'politie_gouda',
		text: 'Er is zaterdag geen feest in Gouda. Kom niet naar de Markt. Wij zijn aanwezig en treden op bij overlast. #projectxgouda'
	},
	{
		at: '2024-06-08T22:15:00+02:00',
		source: 'x',
		author: 'nieuws_groenehart',
		text: "'Project X Gouda' loopt met een sisser af: Markt vrijwel leeg, alleen politie en pers"
	}
];
const HOAX_HUB_T = HOAX_HUBS.map((h) => T(h.at));

function hubId(ctx: Ctx, code: number, k: number): string {
	return makeId(HOAX_HUBS[k].source, `${ctx.idSalt}${code}${k}0000`);
}

function runHoaxHubs(ctx: Ctx, code: number, from: number, to: number, out: Draft[]): void {
	HOAX_HUBS.forEach((h, k) => {
		const t = HOAX_HUB_T[k];
		if (t < from || t >= to) return;
		const r = Rand.of(ctx.salt, code, k);
		const d: Draft = {
			t,
			id: hubId(ctx, code, k),
			source: h.source,
			author: h.author,
			text: h.text,
			lang: 'nl'
		};
		finish(ctx, r, d, `${ctx.idSalt}${code}${k}0000`, 1, 0);
		d.engagement = {
			likes: r.int(2000, 40000),
			reposts: r.int(500, 9000),
			replies: r.int(200, 3000)
		};
		out.push(d);
	});
}

function hoaxDag(r: Rand, t: number): string {
	const days = Math.floor((HOAX_DAY - t) / (24 * HOUR) + 1);
	if (days <= 0) return r.pick(['vanavond', 'vanavond', 'vandaag', 'straks']);
	if (days === 1) return r.pick(['morgen', 'morgenavond', 'morgen 8 juni']);
	return r.pick(['zaterdag', 'zaterdag 8 juni', '8 juni', 'za 8/6']);
}

function fmtCount(r: Rand, n: number): string {
	const v = Math.max(100, Math.round(n / 500) * 500);
	return r.chance(0.5) && v >= 1000 ? `${Math.round(v / 1000)}k` : v.toLocaleString('nl-NL');
}

function hoaxTopic(r: Rand, t: number): string {
	const late = t >= T('2024-06-05T00:00:00+02:00');
	const mayor = t >= HOAX_HUB_T[3];
	return r.weighted<string>([
		['hq_invite', t >= HOAX_AT - HOUR ? 4 : 30],
		['hq_count', 14],
		['hq_joke', 14],
		['hq_doubt', late ? 14 : 8],
		['hq_logistics', t >= HOAX_DAY - 12 * HOUR ? 12 : 4],
		['hq_media', late ? 6 : 1],
		['hq_mayor', mayor ? 8 : 0],
		['hq_worry', late ? 5 : 2]
	]);
}

/** The online mobilisation: young people in the region and beyond sharing and joking. */
function hoaxMobilisation(ctx: Ctx, code: number, hubCode: number, none: boolean): RateComp {
	const cum = ctx.places.cumulative((pp) => {
		const d = distM(pp.ll, GOUDA_MARKT) / 1000;
		return pp.weight * (1 + (none ? 60 : 15) * Math.exp(-d / (none ? 10 : 30)));
	});
	const mix = MIX.e2024.young;
	return {
		code,
		rate: (t) => (none ? hoaxNoneRate(t) : hoaxMobRate(t) * rhythm(t)),
		mix: () => mix,
		make(it) {
			const { r, t, source } = it;
			const { pp, k, author } = localVoice(ctx, r, cum);
			const persona = personaOf(ctx, pp, k);
			const style: StyleName = persona === 'adult' && r.chance(0.6) ? 'young' : persona;
			const d: Draft = { t, id: it.id, source, author, text: '' };
			let hub = -1;
			for (let j = 0; j < HOAX_HUBS.length; j++) if (HOAX_HUB_T[j] <= t) hub = j;
			if (!none && hub >= 0 && r.chance(0.08)) {
				const h = Math.max(0, hub - Math.floor(r.expo(1.2)));
				if (HOAX_HUBS[h].source === source) {
					d.repost_of = hubId(ctx, hubCode, h);
					d.text = r.chance(0.6) ? '' : say(ctx, r, 'repost', {}, { style });
				}
			}
			if (!d.repost_of) {
				const reply = r.chance(0.07)
					? it.sibling(it.idx - 1 - Math.floor(r.next() * 4))
					: undefined;
				if (reply) d.reply_to = reply;
				d.text = say(
					ctx,
					r,
					none ? 'hq_none' : hoaxTopic(r, t),
					{
						city: 'Gouda',
						place: pp.name,
						dag: hoaxDag(r, t),
						count: fmtCount(r, hoaxCount(t) || 40000)
					},
					{
						style,
						mood: 'party',
						opener: 0.2,
						reaction: 0.12,
						tags: HOAX_TAGS,
						tagP: 0.35,
						maxTags: 2
					}
				);
			}
			// geotags only at home: nobody posts from the Markt
			return finishVoice(
				ctx,
				it,
				d,
				pp,
				false,
				0.012,
				0.22,
				() => scatter(r, homeOf(ctx, pp, k), 100),
				0.5,
				1.5
			);
		}
	};
}

export const hoaxCallDef: ScenarioDef = {
	info: {
		name: 'hoax-call',
		title: 'Project X Gouda: niemand komt (juni 2024)',
		title_en: 'Project X Gouda: nobody shows up (June 2024)',
		description:
			"Een virale oproep voor 'Project X Gouda' op zaterdag 8 juni 2024 om 21:00 op de Markt wordt een week lang massaal gedeeld, maar die avond komt er niemand: er is geen fysieke samenkomst; de reeks begint op donderdag 6 juni, twee dagen ervoor.",
		start: '2024-06-06T00:00:00+02:00',
		end: '2024-06-09T06:00:00+02:00',
		clock: '2024-06-08T19:00:00+02:00',
		view: { center: [4.71, 52.013], zoom: 13 },
		areas: [],
		labels: [
			{
				id: 'gouda-hoax',
				name: 'Oproep Project X Gouda (niemand kwam)',
				lon: GOUDA_MARKT[0],
				lat: GOUDA_MARKT[1],
				radius_m: 1500,
				onset: '2024-06-02T21:30:00+02:00',
				planned: false,
				expected_crowd: 0,
				kind: 'hoax',
				physical: false
			}
		]
	},
	era: 'e2024',
	lex: [HARD_LEX],
	build(ctx: Ctx): Runner[] {
		const mob = hoaxMobilisation(ctx, 51, 50, false);
		const none = hoaxMobilisation(ctx, 52, 50, true);
		const off = officialsComp(
			ctx,
			53,
			hoaxOfficialRate,
			['politie_gouda', 'gemeente_gouda', 'politie_hollands_midden'],
			'hq_official',
			['#gouda', '#projectxgouda'],
			'Gouda, Zuid-Holland',
			{ city: 'Gouda', dag: 'zaterdag' }
		);
		return [
			...backgroundRunners(ctx),
			(f, t, o) => runHoaxHubs(ctx, 50, f, t, o),
			...[mob, none].map((c) => rateRunner(ctx, c)),
			rateRunner(ctx, off)
		];
	}
};

// ---------------------------------------------------------------------------------------------
// sparse-geotags: a few hundred youths on the Grote Markt in Zwolle, 2% geotagged

export const ZWOLLE_MARKT: LonLat = [6.0935, 52.5126];
const ZW_DAY = T('2024-09-13T00:00:00+02:00');
const ZW_POLICE = T('2024-09-13T22:00:00+02:00');
const ZW_SPOTS: Record<string, Spot> = {
	markt: { name: 'de Grote Markt', a: ZWOLLE_MARKT, spread: 40 },
	kerk: { name: 'de Grote Kerk', a: [6.0922, 52.5129], spread: 25 },
	diezerstraat: { name: 'de Diezerstraat', a: [6.0945, 52.5136], b: [6.0985, 52.515], spread: 12 },
	sassenstraat: { name: 'de Sassenstraat', a: [6.093, 52.5118], b: [6.0962, 52.5106], spread: 12 }
};
const ZW_WEIGHTS: [string, number][] = [
	['markt', 60],
	['kerk', 18],
	['diezerstraat', 12],
	['sassenstraat', 10]
];
/** Every post of the Zwolle gathering carries coordinates with this chance. */
export const SPARSE_GEO_P = 0.02;

const ZWOLLE: GatheringCfg = {
	code: 61,
	city: 'Zwolle',
	cityPlace: 'Zwolle',
	centre: ZWOLLE_MARKT,
	station: ll('Station Zwolle'),
	stationWalk: [
		[6.0925, 52.5066],
		[6.0931, 52.5101]
	],
	spots: ZW_SPOTS,
	fallback: 'markt',
	weights: { early: ZW_WEIGHTS, full: ZW_WEIGHTS, late: ZW_WEIGHTS },
	origins: [
		['Zwolle', 62],
		['Deventer', 7],
		['Meppel', 6],
		['Apeldoorn', 5],
		['Hoogeveen', 4],
		['Steenwijk', 3],
		['Almelo', 3],
		['Enschede', 3],
		['Hengelo', 2],
		['Emmen', 2],
		['Amersfoort', 2],
		['Assen', 1]
	],
	day: ZW_DAY,
	arrive: [
		[20.3, 21, 20],
		[21, 21.75, 45],
		[21.75, 22.5, 25],
		[22.5, 23, 10]
	],
	stay: (r, arrive) => arrive + Math.max(20, r.lognormal(70, 0.5)) * MIN,
	latest: T('2024-09-14T00:30:00+02:00'),
	members: 330,
	geoP: () => SPARSE_GEO_P,
	tagP: 0.3,
	placeP: 0.3,
	venueRate: (t) => (t < ZW_POLICE ? 1 / 24 : 1 / 17),
	peakDiv: 17,
	venueKey: (r, t, _spot, _late, first) =>
		first ? 'sg_arrive' : t >= ZW_POLICE && r.chance(0.45) ? 'sg_v_police' : 'sg_v',
	what: 'de Grote Markt',
	mood: 'plain',
	tags: ['#zwolle', '#grotemarkt', '#zwollecentrum', '#038'],
	townPlace: ['Zwolle', 'Grote Markt, Zwolle', 'Zwolle, Overijssel'],
	townTags: ['Zwolle', 'Zwolle, Overijssel', 'Zwolle, Nederland', 'Grote Markt Zwolle'],
	styles: YOUNG,
	sources: MIX.e2024.young
};

export const sparseGeotagsDef: ScenarioDef = {
	info: {
		name: 'sparse-geotags',
		title: 'Grote Markt Zwolle: samenkomst zonder geotags',
		title_en: 'Grote Markt Zwolle: a gathering without geotags',
		description:
			'Na een oproep in besloten Snapchat- en WhatsApp-groepen komen op vrijdagavond 13 september 2024 een paar honderd jongeren naar de Grote Markt in Zwolle; slechts 2% van hun berichten heeft een geotag, de rest noemt de plek in de tekst of als plaatslabel, of niets; de reeks begint op woensdag 11 september, twee dagen ervoor.',
		start: '2024-09-11T00:00:00+02:00',
		end: '2024-09-14T04:00:00+02:00',
		clock: '2024-09-13T20:00:00+02:00',
		view: { center: [6.0935, 52.511], zoom: 14.5 },
		areas: [],
		labels: [
			{
				id: 'zwolle-grote-markt',
				name: 'Samenkomst jongeren Grote Markt Zwolle',
				lon: ZWOLLE_MARKT[0],
				lat: ZWOLLE_MARKT[1],
				radius_m: 400,
				onset: '2024-09-13T21:00:00+02:00',
				arrivals_from: '2024-09-13T20:18:00+02:00',
				planned: false,
				expected_crowd: 400,
				kind: 'gathering'
			}
		]
	},
	era: 'e2024',
	lex: [HARD_LEX],
	build(ctx: Ctx): Runner[] {
		const crowd = gatheringCrowd(ctx, ZWOLLE);
		const buzz = buzzComp(ctx, 62, {
			centre: ZWOLLE_MARKT,
			regionKm: 8,
			rate: curve([
				['2024-09-13T20:30:00+02:00', 0],
				['2024-09-13T21:30:00+02:00', 0.5],
				['2024-09-13T22:30:00+02:00', 1.2],
				['2024-09-13T23:30:00+02:00', 0.6],
				['2024-09-14T01:00:00+02:00', 0.1],
				['2024-09-14T02:00:00+02:00', 0]
			]),
			key: () => 'sg_buzz',
			vars: { city: 'Zwolle' },
			geoU: SPARSE_GEO_P,
			tagU: 0.35,
			tags: ['#zwolle', '#grotemarkt'],
			mood: 'alarm'
		});
		const off = officialsComp(
			ctx,
			63,
			curve([
				['2024-09-13T21:45:00+02:00', 0],
				['2024-09-13T22:00:00+02:00', 0.05],
				['2024-09-13T23:30:00+02:00', 0.04],
				['2024-09-14T00:30:00+02:00', 0]
			]),
			['politie_zwolle', 'gemeente_zwolle', 'politie_oost_nl'],
			'sg_official',
			['#zwolle'],
			'Zwolle, Overijssel'
		);
		const rep = spotReports(
			ctx,
			64,
			curve([
				['2024-09-13T21:00:00+02:00', 0],
				['2024-09-13T21:30:00+02:00', 0.1],
				['2024-09-13T22:30:00+02:00', 0.4],
				['2024-09-13T23:30:00+02:00', 0.1],
				['2024-09-14T00:30:00+02:00', 0]
			]),
			'Zwolle',
			ZW_SPOTS,
			ZW_WEIGHTS,
			'sg_report',
			SPARSE_GEO_P
		);
		return [
			...backgroundRunners(ctx),
			crowdRunner(crowd, [T('2024-09-13T18:00:00+02:00'), T('2024-09-14T03:00:00+02:00')]),
			...[buzz, off, rep].map((c) => rateRunner(ctx, c))
		];
	}
};

// ---------------------------------------------------------------------------------------------
// planned-overflow: a free concert on the Malieveld in The Hague draws far more than planned

export const MALIEVELD: LonLat = [4.3215, 52.0856];
/** The planned area (the field); the overflow happens outside it. */
export const MALIEVELD_AREA: [number, number][] = [
	[4.3175, 52.0845],
	[4.324, 52.083],
	[4.3262, 52.0858],
	[4.32, 52.088],
	[4.3175, 52.0845]
];
export const OVERFLOW_AT = T('2024-08-24T19:30:00+02:00');
const MV_DAY = T('2024-08-24T00:00:00+02:00');
const MV_SPOTS: Record<string, Spot> = {
	stage: { name: 'het podium', a: [4.3236, 52.0862], spread: 40 },
	field: { name: 'het Malieveld', a: MALIEVELD, spread: 80 },
	bars: { name: 'de bars', a: [4.3195, 52.085], spread: 35 },
	koekamp: { name: 'de Koekamp', a: [4.3288, 52.0868], spread: 55 },
	koningskade: {
		name: 'de Koningskade',
		a: [4.3152, 52.0838],
		b: [4.3166, 52.0882],
		spread: 14
	},
	cs: { name: 'het stationsplein', a: [4.3243, 52.0814], spread: 35 },
	bezuidenhout: {
		name: 'de Bezuidenhoutseweg',
		a: [4.3268, 52.0836],
		b: [4.331, 52.0846],
		spread: 14
	}
};
const MV_IN: [string, number][] = [
	['field', 50],
	['stage', 35],
	['bars', 15]
];

const MALIEVELD_CFG: GatheringCfg = {
	code: 71,
	city: 'Den Haag',
	cityPlace: 'The Hague',
	centre: MALIEVELD,
	station: ll('The Hague Central Railway Station'),
	stationWalk: [[4.3242, 52.0818]],
	spots: MV_SPOTS,
	fallback: 'field',
	weights: {
		early: MV_IN,
		full: MV_IN,
		late: [
			['koekamp', 40],
			['koningskade', 20],
			['bezuidenhout', 20],
			['cs', 20]
		]
	},
	lateAfter: OVERFLOW_AT,
	lateGoal: [4.3275, 52.085],
	origins: [
		['The Hague', 40],
		['Rotterdam', 10],
		['Delft', 6],
		['Leiden', 6],
		['Zoetermeer', 6],
		['Amsterdam', 6],
		['Utrecht', 5],
		['Haarlem', 3],
		['Gouda', 3],
		['Dordrecht', 3],
		['Schiedam', 2],
		['Vlaardingen', 2],
		['Hoofddorp', 2],
		['Eindhoven', 2],
		['Breda', 2],
		['Amersfoort', 2]
	],
	day: MV_DAY,
	arrive: [
		[13.5, 15, 15],
		[15, 17, 23],
		[17, 19.5, 24],
		[19.5, 21, 38]
	],
	stay: (r, arrive) => arrive + Math.max(60, r.lognormal(240, 0.4)) * MIN,
	latest: T('2024-08-24T23:30:00+02:00'),
	members: 1300,
	geoP: (u) => (u < 0.3 ? 0.05 : u < 0.45 ? 0.5 : 0.85),
	tagP: 0.35,
	placeP: 0.35,
	venueRate: (t) => (t < OVERFLOW_AT ? 1 / 40 : 1 / 28),
	peakDiv: 28,
	venueKey: (r, t, _spot, late, first) =>
		late
			? 'ov_v_out'
			: first
				? 'ov_arrive'
				: t >= OVERFLOW_AT && r.chance(0.4)
					? 'ov_v_full'
					: 'ov_v',
	what: 'het concert op het Malieveld',
	mood: 'party',
	tags: ['#malieveld', '#denhaag', '#malieveldlive', '#concert', '#zomer'],
	townPlace: ['Malieveld', 'Malieveld, Den Haag', 'Den Haag, Nederland'],
	townTags: ['Den Haag', 'Den Haag, Zuid-Holland', 'Malieveld', 'The Hague, Netherlands'],
	styles: [
		['teen', 25],
		['young', 45],
		['adult', 25],
		['parent', 5]
	],
	sources: MIX.e2024.visual
};

export const plannedOverflowDef: ScenarioDef = {
	info: {
		name: 'planned-overflow',
		title: 'Gratis concert Malieveld loopt over',
		title_en: 'Free concert on the Malieveld overflows',
		description:
			'Een vergund gratis concert op het Malieveld in Den Haag op zaterdag 24 augustus 2024 (gepland 25.000 bezoekers, 14:00-23:00) trekt veel meer mensen: vanaf 19:30 is het veld vol en staan duizenden buiten het terrein, in de Koekamp, op de Koningskade en bij Den Haag Centraal; de reeks begint op donderdag 22 augustus, twee dagen ervoor.',
		start: '2024-08-22T00:00:00+02:00',
		end: '2024-08-25T04:00:00+02:00',
		clock: '2024-08-24T13:00:00+02:00',
		view: { center: [4.3225, 52.0852], zoom: 15 },
		areas: [
			{
				id: 'malieveld',
				name: 'Malieveld',
				polygon: MALIEVELD_AREA,
				planned: {
					crowd: 25000,
					from: '2024-08-24T14:00:00+02:00',
					to: '2024-08-24T23:00:00+02:00'
				}
			}
		],
		labels: [
			{
				id: 'malieveld-concert',
				name: 'Gratis concert Malieveld',
				lon: MALIEVELD[0],
				lat: MALIEVELD[1],
				radius_m: 400,
				onset: '2024-08-24T14:00:00+02:00',
				planned: true,
				expected_crowd: 25000,
				kind: 'festival'
			},
			{
				id: 'malieveld-overflow',
				name: 'Overloop buiten het Malieveld',
				lon: 4.3268,
				lat: 52.0852,
				radius_m: 500,
				onset: '2024-08-24T19:30:00+02:00',
				planned: false,
				expected_crowd: 12000,
				kind: 'overflow'
			}
		]
	},
	era: 'e2024',
	lex: [HARD_LEX],
	build(ctx: Ctx): Runner[] {
		const crowd = gatheringCrowd(ctx, MALIEVELD_CFG);
		const pre = buzzComp(ctx, 72, {
			centre: MALIEVELD,
			regionKm: 40,
			rate: (t) =>
				curve([
					['2024-08-19T00:00:00+02:00', 0.05],
					['2024-08-23T12:00:00+02:00', 0.4],
					['2024-08-24T12:00:00+02:00', 0.8],
					['2024-08-24T16:00:00+02:00', 0]
				])(t) * rhythm(t),
			key: () => 'ov_pre',
			vars: { city: 'Den Haag' },
			geoU: 0.02,
			tagU: 0.3,
			tags: ['#malieveld', '#denhaag', '#concert'],
			mood: 'party'
		});
		const buzz = buzzComp(ctx, 73, {
			centre: MALIEVELD,
			regionKm: 12,
			rate: curve([
				['2024-08-24T12:00:00+02:00', 0.05],
				['2024-08-24T15:00:00+02:00', 0.4],
				['2024-08-24T20:00:00+02:00', 0.9],
				['2024-08-24T23:30:00+02:00', 0.3],
				['2024-08-25T01:00:00+02:00', 0]
			]),
			key: () => 'ov_buzz',
			vars: { city: 'Den Haag' },
			geoU: 0.03,
			tagU: 0.35,
			tags: ['#malieveld', '#denhaag'],
			mood: 'plain'
		});
		const off = officialsComp(
			ctx,
			74,
			curve([
				['2024-08-24T12:00:00+02:00', 0.01],
				['2024-08-24T19:15:00+02:00', 0.02],
				['2024-08-24T19:45:00+02:00', 0.12],
				['2024-08-24T22:00:00+02:00', 0.06],
				['2024-08-25T00:00:00+02:00', 0]
			]),
			['politie_denhaag', 'gemeente_denhaag', 'ns_reisinfo_nl', 'htm_reisinfo'],
			'ov_official',
			['#malieveld', '#denhaag'],
			'Den Haag, Zuid-Holland'
		);
		const rep = spotReports(
			ctx,
			75,
			curve([
				['2024-08-24T15:00:00+02:00', 0.02],
				['2024-08-24T19:30:00+02:00', 0.05],
				['2024-08-24T20:30:00+02:00', 0.4],
				['2024-08-24T22:30:00+02:00', 0.2],
				['2024-08-24T23:59:00+02:00', 0]
			]),
			'Den Haag',
			MV_SPOTS,
			[
				['koekamp', 35],
				['koningskade', 20],
				['bezuidenhout', 15],
				['cs', 15],
				['field', 15]
			],
			'ov_report',
			0.8
		);
		return [
			...backgroundRunners(ctx),
			crowdRunner(crowd, [T('2024-08-24T09:00:00+02:00'), T('2024-08-25T03:00:00+02:00')]),
			...[pre, buzz, off, rep].map((c) => rateRunner(ctx, c))
		];
	}
};

// ---------------------------------------------------------------------------------------------
// two-cities: unannounced housing protests in Rotterdam and Utrecht on the same evening

export const SCHOUWBURGPLEIN: LonLat = [4.4737, 51.9213];
export const NEUDE: LonLat = [5.1194, 52.0928];
const TC_DAY = T('2024-11-22T00:00:00+01:00');
const TC_LATE = T('2024-11-22T22:00:00+01:00');
const TC_TAGS = ['#woonprotest', '#wijwillenwonen', '#woningnood', '#demonstratie', '#huurprotest'];

function tcCfg(
	code: number,
	city: string,
	cityPlace: string,
	centre: LonLat,
	station: LonLat,
	stationWalk: LonLat[],
	spots: Record<string, Spot>,
	weights: [string, number][],
	origins: [string, number][],
	arrive: [number, number, number][],
	members: number
): GatheringCfg {
	return {
		code,
		city,
		cityPlace,
		centre,
		station,
		stationWalk,
		spots,
		fallback: Object.keys(spots)[0],
		weights: { early: weights, full: weights, late: weights },
		origins,
		day: TC_DAY,
		arrive,
		stay: (r, a) => a + Math.max(25, r.lognormal(80, 0.45)) * MIN,
		latest: T('2024-11-22T23:45:00+01:00'),
		members,
		geoP: (u) => (u < 0.3 ? 0.05 : u < 0.45 ? 0.5 : 0.85),
		tagP: 0.35,
		placeP: 0.3,
		venueRate: (t) => (t < TC_LATE ? 1 / 26 : 1 / 20),
		peakDiv: 20,
		venueKey: (r, t, _s, _l, first) =>
			first ? 'tc_arrive' : t >= TC_LATE && r.chance(0.5) ? 'tc_v_late' : 'tc_v',
		what: 'de demo',
		mood: 'plain',
		tags: TC_TAGS,
		townPlace: [city, `${city}, Nederland`],
		townTags: [city, `${city}, Nederland`, `${city}, Netherlands`],
		styles: [
			['teen', 15],
			['young', 55],
			['adult', 30]
		],
		sources: MIX.e2024.general
	};
}

const RDAM_SPOTS: Record<string, Spot> = {
	plein: { name: 'het Schouwburgplein', a: SCHOUWBURGPLEIN, spread: 50 },
	coolsingel: { name: 'de Coolsingel', a: [4.4786, 51.92], b: [4.4791, 51.9245], spread: 15 },
	stadhuis: { name: 'het stadhuis', a: [4.4793, 51.9228], spread: 30 }
};
const UTR_SPOTS: Record<string, Spot> = {
	neude: { name: 'de Neude', a: NEUDE, spread: 40 },
	oudegracht: { name: 'de Oudegracht', a: [5.1186, 52.0914], b: [5.1201, 52.0946], spread: 10 },
	vredenburg: { name: 'het Vredenburg', a: [5.1142, 52.0925], spread: 35 }
};

const ROTTERDAM_CFG = tcCfg(
	81,
	'Rotterdam',
	'Rotterdam',
	SCHOUWBURGPLEIN,
	ll('Rotterdam Centraal railway station'),
	[[4.4706, 51.9234]],
	RDAM_SPOTS,
	[
		['plein', 55],
		['coolsingel', 25],
		['stadhuis', 20]
	],
	[
		['Rotterdam', 65],
		['Schiedam', 6],
		['Vlaardingen', 5],
		['Spijkenisse', 4],
		['Dordrecht', 5],
		['Delft', 5],
		['The Hague', 4],
		['Zoetermeer', 2],
		['Gouda', 2],
		['Leiden', 2]
	],
	[
		[19.5, 20, 25],
		[20, 20.75, 45],
		[20.75, 21.5, 30]
	],
	380
);
const UTRECHT_CFG = tcCfg(
	82,
	'Utrecht',
	'Utrecht',
	NEUDE,
	ll('Utrecht Centraal Railway Station'),
	[
		[5.1125, 52.0906],
		[5.1146, 52.0924]
	],
	UTR_SPOTS,
	[
		['neude', 60],
		['oudegracht', 20],
		['vredenburg', 20]
	],
	[
		['Utrecht', 66],
		['Amersfoort', 8],
		['Hilversum', 4],
		['Amsterdam', 5],
		['Gouda', 2],
		['Nijmegen', 3],
		['Arnhem', 3],
		['Zwolle', 2],
		['Eindhoven', 2]
	],
	[
		[19.75, 20.25, 25],
		[20.25, 21, 45],
		[21, 21.75, 30]
	],
	240
);

function tcStreams(
	ctx: Ctx,
	g: GatheringCfg,
	base: number,
	authors: string[],
	place: string
): RateComp[] {
	const spotName = g.spots[g.fallback].name;
	const w = g.weights.early;
	return [
		buzzComp(ctx, base, {
			centre: g.centre,
			regionKm: 8,
			rate: curve([
				['2024-11-22T19:45:00+01:00', 0],
				['2024-11-22T20:45:00+01:00', 0.5],
				['2024-11-22T22:00:00+01:00', 0.7],
				['2024-11-22T23:30:00+01:00', 0.2],
				['2024-11-23T01:00:00+01:00', 0]
			]),
			key: () => 'tc_buzz',
			vars: { city: g.city, spot: spotName },
			geoU: 0.03,
			tagU: 0.35,
			tags: TC_TAGS,
			mood: 'plain'
		}),
		officialsComp(
			ctx,
			base + 1,
			curve([
				['2024-11-22T20:15:00+01:00', 0],
				['2024-11-22T20:45:00+01:00', 0.04],
				['2024-11-22T23:00:00+01:00', 0.03],
				['2024-11-23T00:00:00+01:00', 0]
			]),
			authors,
			'tc_official',
			['#demonstratie'],
			place,
			{ city: g.city, spot: spotName }
		),
		spotReports(
			ctx,
			base + 2,
			curve([
				['2024-11-22T20:00:00+01:00', 0],
				['2024-11-22T20:30:00+01:00', 0.15],
				['2024-11-22T22:00:00+01:00', 0.25],
				['2024-11-22T23:30:00+01:00', 0]
			]),
			g.city,
			g.spots,
			w,
			'tc_report',
			0.8
		)
	];
}

export const twoCitiesDef: ScenarioDef = {
	info: {
		name: 'two-cities',
		title: 'Woonprotesten in Rotterdam en Utrecht tegelijk',
		title_en: 'Housing protests in Rotterdam and Utrecht at once',
		description:
			'Op vrijdagavond 22 november 2024 ontstaan na oproepen op sociale media tegelijk twee niet aangekondigde woonprotesten: op het Schouwburgplein in Rotterdam (vanaf 20:00) en op de Neude in Utrecht (vanaf 20:15); de reeks begint op woensdag 20 november, twee dagen ervoor.',
		start: '2024-11-20T00:00:00+01:00',
		end: '2024-11-23T03:00:00+01:00',
		clock: '2024-11-22T19:30:00+01:00',
		view: { center: [4.8, 52.0], zoom: 9.5 },
		areas: [],
		labels: [
			{
				id: 'rotterdam-schouwburgplein',
				name: 'Woonprotest Schouwburgplein Rotterdam',
				lon: SCHOUWBURGPLEIN[0],
				lat: SCHOUWBURGPLEIN[1],
				radius_m: 500,
				onset: '2024-11-22T20:00:00+01:00',
				arrivals_from: '2024-11-22T19:30:00+01:00',
				planned: false,
				expected_crowd: 700,
				kind: 'protest'
			},
			{
				id: 'utrecht-neude',
				name: 'Woonprotest Neude Utrecht',
				lon: NEUDE[0],
				lat: NEUDE[1],
				radius_m: 400,
				onset: '2024-11-22T20:15:00+01:00',
				arrivals_from: '2024-11-22T19:45:00+01:00',
				planned: false,
				expected_crowd: 400,
				kind: 'protest'
			}
		]
	},
	era: 'e2024',
	lex: [HARD_LEX],
	build(ctx: Ctx): Runner[] {
		const rdam = gatheringCrowd(ctx, ROTTERDAM_CFG);
		const utr = gatheringCrowd(ctx, UTRECHT_CFG);
		const win: [number, number] = [T('2024-11-22T17:00:00+01:00'), T('2024-11-23T02:00:00+01:00')];
		return [
			...backgroundRunners(ctx),
			crowdRunner(rdam, win),
			crowdRunner(utr, win),
			...[
				...tcStreams(
					ctx,
					ROTTERDAM_CFG,
					83,
					['politie_rotterdam', 'gemeente_rotterdam'],
					'Rotterdam'
				),
				...tcStreams(ctx, UTRECHT_CFG, 86, ['politie_utrecht', 'gemeente_utrecht'], 'Utrecht')
			].map((c) => rateRunner(ctx, c))
		];
	}
};

// ---------------------------------------------------------------------------------------------
// quiet-night and busy-city: nothing happens

export const quietNightDef: ScenarioDef = {
	info: {
		name: 'quiet-night',
		title: 'Rustige nacht',
		title_en: 'A quiet night',
		description:
			'De nacht van donderdag 17 op vrijdag 18 oktober 2024 (22:00-07:00) zonder incidenten: alleen de nachtelijke achtergrond van berichten uit heel Nederland; de reeks begint op woensdag 16 oktober, een dag en een avond ervoor.',
		start: '2024-10-16T00:00:00+02:00',
		end: '2024-10-18T07:00:00+02:00',
		clock: '2024-10-17T22:00:00+02:00',
		view: { center: [5.3, 52.2], zoom: 7 },
		areas: [],
		labels: []
	},
	era: 'e2024',
	lex: [],
	build: (ctx) => backgroundRunners(ctx)
};

export const AMSTERDAM: LonLat = ll('Amsterdam');
/** Radius (m) of the places that count as Amsterdam for the busy city. */
export const BUSY_RADIUS_M = 8000;
/** Volume of Amsterdam's background relative to a normal day. */
export const BUSY_FACTOR = 10;

export const busyCityDef: ScenarioDef = {
	info: {
		name: 'busy-city',
		title: 'Drukke stad: Amsterdam',
		title_en: 'Busy city: Amsterdam',
		description:
			'Maandag 14 en dinsdag 15 oktober 2024 in Amsterdam met tien keer zoveel berichten als normaal, verspreid over de hele stad en over beide dagen, maar zonder enige samenkomst; de eerste dag dient als basislijn.',
		start: '2024-10-14T00:00:00+02:00',
		end: '2024-10-16T00:00:00+02:00',
		clock: '2024-10-15T07:30:00+02:00',
		view: { center: [4.89, 52.365], zoom: 12 },
		areas: [],
		labels: []
	},
	era: 'e2024',
	lex: [],
	build(ctx: Ctx): Runner[] {
		const near = new Set(ctx.places.near(AMSTERDAM, BUSY_RADIUS_M));
		const cum = ctx.places.cumulative((pp) => (near.has(pp) ? pp.weight : 0));
		const total = ctx.places.cum[ctx.places.cum.length - 1];
		const share = cum[cum.length - 1] / total;
		const extra = (BUSY_FACTOR - 1) * share;
		// a far larger pool of authors, so that no single account dominates
		const stat = backgroundStatic(ctx, 3, extra, {
			cum,
			author: (r, pp) => pp.authors + r.zipf(pp.authors * 40, 0.6)
		});
		const trips = backgroundTrips(4, extra, cum);
		return [
			...backgroundRunners(ctx),
			(f, t, o) => runRate(ctx, stat, f, t, o),
			(f, t, o) => runTrips(ctx, trips, f, t, o)
		];
	}
};
