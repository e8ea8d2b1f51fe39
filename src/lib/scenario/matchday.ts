/**
 * Match-day scenarios (issue 12, item 5): Feyenoord - Ajax in De Kuip, Rotterdam, on Saturday
 * 9 November 2024 (kick-off 20:00, final whistle about 21:55, a planned crowd of 47,000). In
 * `match-day` a few hundred youths gather on the Stadhuisplein and the Coolsingel, 4.4 km from
 * the stadium, an hour after the match, and it turns into trouble; `match-day-quiet` is the same
 * match without it. Fans arrive by train at station Rotterdam Stadion, by car at the stadium's
 * car parks and by bike and on foot from town, and all leave at the final whistle. A planned
 * crowd must explain its stadium, its routes and its inflow and outflow, not the city around it.
 * Both start two days before the match, on the national background. Pure module.
 */
import { backgroundRunners, rhythm } from './background';
import type { Spot } from './crowd';
import { crowdRunner, curve, rateRunner } from './crowd';
import type { Ctx } from './engine';
import { MIN, MIX } from './engine';
import type { GatheringCfg } from './gathering';
import { buzzComp, gatheringCrowd, officialsComp, spotReports } from './gathering';
import type { LonLat } from './geo';
import { HARD_LEX } from './lexicon-hard';
import { MATCH_LEX } from './lexicon-match';
import { ll } from './places';
import { parseTime } from '../time/amsterdam';
import type { EventArea, GatheringLabel, Runner, ScenarioDef, ScenarioInfo } from './types';

const T = (s: string): number => parseTime(s);

export const KUIP: LonLat = [4.5231, 51.8939];
/** The stadium and its forecourt: the planned area. */
export const KUIP_AREA: [number, number][] = [
	[4.5206, 51.8925],
	[4.5252, 51.8922],
	[4.5262, 51.8945],
	[4.5236, 51.8958],
	[4.5208, 51.8951],
	[4.5206, 51.8925]
];
const STADION_STATION: LonLat = [4.5262, 51.8968];
/** Station Rotterdam Zuid, and the car parks east and south of the stadium. */
const ZUID_STATION: LonLat = [4.5095, 51.9054];
const PARKING_EAST: LonLat = [4.5315, 51.8925];
const PARKING_SOUTH: LonLat = [4.5228, 51.8885];
/** Where the trouble is: the Stadhuisplein and the Coolsingel, 4.4 km from the stadium. */
export const STADHUISPLEIN: LonLat = [4.4797, 51.9226];
const MATCH_DAY = T('2024-11-09T00:00:00+01:00');
export const KICK_OFF = T('2024-11-09T20:00:00+01:00');
export const FINAL_WHISTLE = T('2024-11-09T21:55:00+01:00');
const TROUBLE_POLICE = T('2024-11-09T23:40:00+01:00');

const KUIP_SPOTS: Record<string, Spot> = {
	stands: { name: 'De Kuip', a: KUIP, spread: 70 },
	forecourt: { name: 'het Cor Kieboomplein', a: [4.5248, 51.8948], spread: 35 },
	south: { name: 'de zuidkant van De Kuip', a: [4.5232, 51.8928], spread: 30 }
};
const KUIP_W: [string, number][] = [
	['stands', 75],
	['forecourt', 15],
	['south', 10]
];

const FANS: GatheringCfg = {
	code: 81,
	city: 'Rotterdam',
	cityPlace: 'Rotterdam',
	centre: KUIP,
	station: STADION_STATION,
	stationWalk: [[4.5255, 51.8958]],
	spots: KUIP_SPOTS,
	fallback: 'stands',
	weights: { early: KUIP_W, full: KUIP_W, late: KUIP_W },
	origins: [
		['Rotterdam', 48],
		['Schiedam', 5],
		['Spijkenisse', 4],
		['Vlaardingen', 4],
		['Dordrecht', 5],
		['The Hague', 6],
		['Delft', 3],
		['Gouda', 3],
		['Zoetermeer', 3],
		['Leiden', 2],
		['Utrecht', 3],
		['Breda', 3],
		['Amsterdam', 3],
		['Eindhoven', 2],
		['Amersfoort', 1],
		['Haarlem', 1]
	],
	day: MATCH_DAY,
	arrive: [
		[17.75, 18.75, 20],
		[18.75, 19.5, 45],
		[19.5, 20, 30],
		[20, 20.25, 5]
	],
	// Everyone stays until the final whistle, give or take a few minutes.
	stay: (r) => FINAL_WHISTLE + r.range(-12, 8) * MIN,
	latest: FINAL_WHISTLE + 15 * MIN,
	members: 1500,
	geoP: (u) => (u < 0.3 ? 0.05 : u < 0.45 ? 0.5 : 0.85),
	tagP: 0.35,
	placeP: 0.35,
	venueRate: (t) => (t < KICK_OFF ? 1 / 40 : 1 / 55),
	peakDiv: 40,
	venueKey: (_r, t, _spot, _late, first) =>
		first ? 'md_arrive' : t >= FINAL_WHISTLE - 5 * MIN ? 'md_v_end' : 'md_v',
	what: 'de wedstrijd',
	mood: 'party',
	tags: ['#feyaja', '#feyenoord', '#dekuip', '#klassieker'],
	townPlace: ['De Kuip', 'De Kuip, Rotterdam', 'Rotterdam, Nederland'],
	townTags: ['Rotterdam', 'De Kuip', 'Stadion Feijenoord', 'Rotterdam, Zuid-Holland'],
	styles: [
		['teen', 20],
		['young', 45],
		['adult', 35]
	],
	sources: MIX.e2024.general
};

const TROUBLE_SPOTS: Record<string, Spot> = {
	plein: { name: 'het Stadhuisplein', a: STADHUISPLEIN, spread: 45 },
	coolsingel: { name: 'de Coolsingel', a: [4.4786, 51.92], b: [4.4791, 51.9245], spread: 15 },
	beurs: { name: 'de Beurs', a: [4.4801, 51.9192], spread: 30 }
};
const TROUBLE_W: [string, number][] = [
	['plein', 55],
	['coolsingel', 30],
	['beurs', 15]
];

const TROUBLE: GatheringCfg = {
	code: 85,
	city: 'Rotterdam',
	cityPlace: 'Rotterdam',
	centre: STADHUISPLEIN,
	station: ll('Rotterdam Centraal railway station'),
	stationWalk: [
		[4.4705, 51.9236],
		[4.4765, 51.9232]
	],
	spots: TROUBLE_SPOTS,
	fallback: 'plein',
	weights: { early: TROUBLE_W, full: TROUBLE_W, late: TROUBLE_W },
	origins: [
		['Rotterdam', 72],
		['Schiedam', 7],
		['Vlaardingen', 5],
		['Spijkenisse', 5],
		['Dordrecht', 5],
		['Delft', 3],
		['The Hague', 3]
	],
	day: MATCH_DAY,
	arrive: [
		[22.6, 23, 25],
		[23, 23.5, 50],
		[23.5, 24, 25]
	],
	stay: (r, arrive) => arrive + Math.max(25, r.lognormal(75, 0.45)) * MIN,
	latest: T('2024-11-10T01:30:00+01:00'),
	members: 320,
	geoP: (u) => (u < 0.3 ? 0.05 : u < 0.45 ? 0.5 : 0.85),
	tagP: 0.3,
	placeP: 0.3,
	venueRate: (t) => (t < TROUBLE_POLICE ? 1 / 24 : 1 / 18),
	peakDiv: 18,
	venueKey: (r, t, _s, _l, first) =>
		first ? 'mt_arrive' : t >= TROUBLE_POLICE && r.chance(0.5) ? 'mt_v_police' : 'mt_v',
	what: 'het Stadhuisplein',
	mood: 'alarm',
	tags: ['#rotterdam', '#coolsingel', '#feyaja'],
	townPlace: ['Rotterdam', 'Coolsingel, Rotterdam', 'Rotterdam, Nederland'],
	townTags: ['Rotterdam', 'Rotterdam, Zuid-Holland', 'Coolsingel'],
	styles: [
		['teen', 35],
		['young', 50],
		['adult', 15]
	],
	sources: MIX.e2024.young
};

const AREAS: EventArea[] = [
	{
		id: 'de-kuip',
		name: 'De Kuip',
		polygon: KUIP_AREA,
		planned: {
			crowd: 47000,
			from: '2024-11-09T18:30:00+01:00',
			to: '2024-11-09T22:15:00+01:00',
			routes: [
				[KUIP, STADION_STATION],
				[KUIP, [4.516, 51.9], ZUID_STATION],
				[KUIP, PARKING_EAST],
				[KUIP, PARKING_SOUTH]
			]
		}
	}
];

const MATCH_LABEL: GatheringLabel = {
	id: 'kuip-match',
	name: 'Feyenoord - Ajax in De Kuip',
	lon: KUIP[0],
	lat: KUIP[1],
	radius_m: 400,
	onset: '2024-11-09T20:00:00+01:00',
	planned: true,
	expected_crowd: 47000,
	kind: 'festival'
};

function info(trouble: boolean): ScenarioInfo {
	return {
		name: trouble ? 'match-day' : 'match-day-quiet',
		title: trouble
			? 'Klassieker in De Kuip, daarna onrust op het Stadhuisplein'
			: 'Klassieker in De Kuip, rustige wedstrijddag',
		title_en: trouble
			? 'Feyenoord - Ajax in De Kuip, then trouble on the Stadhuisplein'
			: 'Feyenoord - Ajax in De Kuip, a quiet match day',
		description: trouble
			? 'Feyenoord - Ajax in De Kuip op zaterdag 9 november 2024 (47.000 bezoekers, aftrap 20:00); een uur na afloop komen een paar honderd jongeren naar het Stadhuisplein en de Coolsingel, 4,4 km van het stadion, en het loopt uit de hand; de reeks begint op donderdag 7 november, twee dagen ervoor.'
			: 'Feyenoord - Ajax in De Kuip op zaterdag 9 november 2024 (47.000 bezoekers, aftrap 20:00): supporters komen en gaan met trein, metro, auto en fiets, en na afloop gaat iedereen naar huis; de reeks begint op donderdag 7 november, twee dagen ervoor.',
		start: '2024-11-07T00:00:00+01:00',
		end: '2024-11-10T04:00:00+01:00',
		clock: trouble ? '2024-11-09T22:00:00+01:00' : '2024-11-09T19:00:00+01:00',
		view: trouble ? { center: [4.5, 51.908], zoom: 13 } : { center: KUIP, zoom: 14.5 },
		areas: AREAS,
		labels: trouble
			? [
					MATCH_LABEL,
					{
						id: 'stadhuisplein-trouble',
						name: 'Onrust op het Stadhuisplein na de wedstrijd',
						lon: STADHUISPLEIN[0],
						lat: STADHUISPLEIN[1],
						radius_m: 400,
						onset: '2024-11-09T23:00:00+01:00',
						arrivals_from: '2024-11-09T22:36:00+01:00',
						planned: false,
						expected_crowd: 600,
						kind: 'riot'
					}
				]
			: [MATCH_LABEL],
		...(trouble ? {} : { quiet: true })
	};
}

function build(ctx: Ctx, trouble: boolean): Runner[] {
	const fans = gatheringCrowd(ctx, FANS);
	const pre = buzzComp(ctx, 82, {
		centre: KUIP,
		regionKm: 40,
		rate: (t) =>
			curve([
				['2024-11-06T00:00:00+01:00', 0.05],
				['2024-11-08T12:00:00+01:00', 0.3],
				['2024-11-09T12:00:00+01:00', 0.6],
				['2024-11-09T20:00:00+01:00', 0]
			])(t) * rhythm(t),
		key: () => 'md_pre',
		vars: { city: 'Rotterdam' },
		geoU: 0.02,
		tagU: 0.3,
		tags: ['#feyaja', '#klassieker'],
		mood: 'party'
	});
	const buzz = buzzComp(ctx, 83, {
		centre: KUIP,
		regionKm: 25,
		rate: curve([
			['2024-11-09T17:00:00+01:00', 0.05],
			['2024-11-09T19:30:00+01:00', 0.5],
			['2024-11-09T21:00:00+01:00', 0.9],
			['2024-11-09T22:30:00+01:00', 0.3],
			['2024-11-10T00:30:00+01:00', 0]
		]),
		key: () => 'md_buzz',
		vars: { city: 'Rotterdam' },
		geoU: 0.03,
		tagU: 0.3,
		tags: ['#feyaja', '#feyenoord'],
		mood: 'party'
	});
	const off = officialsComp(
		ctx,
		84,
		curve([
			['2024-11-09T10:00:00+01:00', 0.01],
			['2024-11-09T18:00:00+01:00', 0.03],
			['2024-11-09T22:30:00+01:00', 0.03],
			['2024-11-09T23:00:00+01:00', 0]
		]),
		['politie_rotterdam', 'ret_ov', 'ns_reisinfo_nl', 'gemeente_rotterdam'],
		'md_official',
		['#feyaja', '#rotterdam'],
		'Rotterdam, Zuid-Holland'
	);
	const runners: Runner[] = [
		...backgroundRunners(ctx),
		crowdRunner(fans, [T('2024-11-09T14:00:00+01:00'), T('2024-11-10T02:00:00+01:00')]),
		...[pre, buzz, off].map((c) => rateRunner(ctx, c))
	];
	if (trouble) {
		const crowd = gatheringCrowd(ctx, TROUBLE);
		const tBuzz = buzzComp(ctx, 86, {
			centre: STADHUISPLEIN,
			regionKm: 10,
			rate: curve([
				['2024-11-09T23:00:00+01:00', 0],
				['2024-11-09T23:30:00+01:00', 0.5],
				['2024-11-10T00:15:00+01:00', 1],
				['2024-11-10T01:15:00+01:00', 0.3],
				['2024-11-10T02:30:00+01:00', 0]
			]),
			key: () => 'mt_buzz',
			vars: { city: 'Rotterdam', spot: 'het Stadhuisplein' },
			geoU: 0.03,
			tagU: 0.35,
			tags: ['#rotterdam', '#coolsingel'],
			mood: 'alarm'
		});
		const tOff = officialsComp(
			ctx,
			87,
			curve([
				['2024-11-09T23:20:00+01:00', 0],
				['2024-11-09T23:40:00+01:00', 0.05],
				['2024-11-10T00:45:00+01:00', 0.04],
				['2024-11-10T01:30:00+01:00', 0]
			]),
			['politie_rotterdam', 'gemeente_rotterdam'],
			'mt_official',
			['#rotterdam'],
			'Rotterdam, Zuid-Holland',
			{ spot: 'het Stadhuisplein' }
		);
		const rep = spotReports(
			ctx,
			88,
			curve([
				['2024-11-09T23:00:00+01:00', 0],
				['2024-11-09T23:30:00+01:00', 0.1],
				['2024-11-10T00:15:00+01:00', 0.4],
				['2024-11-10T01:00:00+01:00', 0.1],
				['2024-11-10T01:45:00+01:00', 0]
			]),
			'Rotterdam',
			TROUBLE_SPOTS,
			TROUBLE_W,
			'mt_report',
			0.6
		);
		runners.push(
			crowdRunner(crowd, [T('2024-11-09T21:30:00+01:00'), T('2024-11-10T03:00:00+01:00')]),
			...[tBuzz, tOff, rep].map((c) => rateRunner(ctx, c))
		);
	}
	return runners;
}

export const matchDayDef: ScenarioDef = {
	info: info(true),
	era: 'e2024',
	lex: [HARD_LEX, MATCH_LEX],
	build: (ctx) => build(ctx, true)
};

export const matchDayQuietDef: ScenarioDef = {
	info: info(false),
	era: 'e2024',
	lex: [HARD_LEX, MATCH_LEX],
	build: (ctx) => build(ctx, false)
};
