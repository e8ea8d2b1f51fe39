/**
 * The Project X Haren scenario (September 2012): an online mobilisation from 7 September growing
 * until Friday 21 September, then the physical convergence on Haren that evening (by train via
 * Groningen and Assen, by bike along the Rijksstraatweg, by car via the A28 and A7), the crowd
 * in the centre, the riot from about 20:00 and the aftermath, on top of the national background.
 * Timeline and figures from docs/haren-2012.md. Pure module.
 */
import type { Source } from '../posts/post';
import { regionAuthor } from './authors';
import { backgroundRunners, homeOf, personaOf, rhythm } from './background';
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
import type { Ctx, Draft, Plan, RateComp, RateItem, Spec, SourceMix } from './engine';
import { AgentSet, HOUR, MIN, MIX, finish, makeId } from './engine';
import type { Leg, LonLat, Mode } from './geo';
import { Route, distM, inDisk, lerp, scatter } from './geo';
import type { Runner, ScenarioDef } from './types';
import { HAREN_LEX } from './lexicon-haren';
import { displayName, ll } from './places';
import { Rand } from './rng';
import type { StyleName } from './text';
import { parseTime } from '../time/amsterdam';

const T = (s: string): number => parseTime(s);

// Anchors (gazetteer coordinates; the streets are hand-placed, see places.ts)
const ST_HAREN = ll('Station Haren');
const ST_GRN = ll('Station Groningen');
const ST_EUROPAPARK = ll('Station Groningen Europapark');
const ST_ASSEN = ll('Station Assen');
const ST_LWD = ll('Station Leeuwarden');
const ST_ZUIDHORN = ll('Station Zuidhorn');
const ST_BUITENPOST = ll('Station Buitenpost');
const ST_ZWOLLE = ll('Station Zwolle');
const ST_MEPPEL = ll('Station Meppel');
const ST_HOOGEVEEN = ll('Station Hoogeveen');
const ST_HOOGEZAND = ll('Station Hoogezand-Sappemeer');
const ST_KROPSWOLDE = ll('Station Kropswolde');
const RAADHUIS = ll('Raadhuisplein');
/** Centre of the riot: Rijksstraatweg by the Raadhuisplein. */
export const HAREN_CENTRE: LonLat = [6.6062, 53.1727];

const STATIONSWEG_W: LonLat = [6.6098, 53.1739];
const STATIONSWEG_E: LonLat = [6.6163, 53.175];
const RIJKS_N: LonLat = [6.6012, 53.1772];
const RIJKS_S: LonLat = [6.6082, 53.1698];
const SUPERMARKT: LonLat = [6.6069, 53.1722];
const PARKING_EAST: LonLat = [6.619, 53.1703];
const A28_EXIT: LonLat = [6.6248, 53.1655];
const A28_EXIT_N: LonLat = [6.6232, 53.1795];

// Rail and road corridors (straight segments through waypoints)
const RAIL_GRN_HAREN: LonLat[] = [
	ST_GRN,
	[6.5745, 53.207],
	ST_EUROPAPARK,
	[6.599, 53.193],
	[6.609, 53.183],
	ST_HAREN
];
const RAIL_EUROPAPARK_HAREN: LonLat[] = [ST_EUROPAPARK, [6.599, 53.193], [6.609, 53.183], ST_HAREN];
const RAIL_ASSEN_HAREN: LonLat[] = [
	ST_ASSEN,
	[6.576, 53.045],
	[6.585, 53.09],
	[6.605, 53.13],
	[6.615, 53.16],
	ST_HAREN
];
const RAIL_ZWOLLE_ASSEN: LonLat[] = [ST_ZWOLLE, ST_MEPPEL, ST_HOOGEVEEN, [6.53, 52.85], ST_ASSEN];
const RAIL_LWD_GRN: LonLat[] = [
	ST_LWD,
	[5.95, 53.225],
	ST_BUITENPOST,
	[6.3, 53.262],
	ST_ZUIDHORN,
	[6.5, 53.225],
	ST_GRN
];
const RAIL_HGZ_EUROPAPARK: LonLat[] = [
	ST_HOOGEZAND,
	ST_KROPSWOLDE,
	[6.66, 53.19],
	[6.615, 53.2],
	ST_EUROPAPARK
];
const ROAD_A28_S: LonLat[] = [
	[6.575, 53.01],
	[6.585, 53.07],
	[6.6, 53.11],
	[6.622, 53.145],
	A28_EXIT
];
const ROAD_A7_W: LonLat[] = [
	[6.1, 53.105],
	[6.25, 53.14],
	[6.38, 53.165],
	[6.48, 53.185],
	[6.565, 53.2035],
	[6.6, 53.195],
	A28_EXIT_N
];
const ROAD_EAST: LonLat[] = [[6.76, 53.16], [6.7, 53.18], [6.64, 53.195], A28_EXIT_N];
const BIKE_GRN: LonLat[] = [
	[6.572, 53.212],
	[6.579, 53.2],
	[6.588, 53.188],
	[6.596, 53.18],
	RIJKS_N
];
const TO_CENTRE_FROM_STATION: LonLat[] = [ST_HAREN, STATIONSWEG_E, STATIONSWEG_W];
const TO_CENTRE_FROM_PARKING: LonLat[] = [PARKING_EAST, [6.6135, 53.1712], RAADHUIS];

// Timeline
const INVITE = T('2012-09-07T21:14:00+02:00');
const FRIDAY = T('2012-09-21T00:00:00+02:00');
const RIOT = T('2012-09-21T20:00:00+02:00');
const LOOT = T('2012-09-21T21:15:00+02:00');
const STATION_CLOSED = T('2012-09-21T22:15:00+02:00');
const END_NIGHT = T('2012-09-22T02:00:00+02:00');
const T_SEP17 = T('2012-09-17T00:00:00+02:00');
const T_SEP20 = T('2012-09-20T00:00:00+02:00');
const T_1900 = T('2012-09-21T19:00:00+02:00');
const T_2230 = T('2012-09-21T22:30:00+02:00');
const T_0030 = T('2012-09-22T00:30:00+02:00');
const T_1600 = T('2012-09-21T16:00:00+02:00');
const T_0300 = T('2012-09-22T03:00:00+02:00');
const T_0600 = T('2012-09-22T06:00:00+02:00');
const T_0500 = T('2012-09-22T05:00:00+02:00');

const mobilisationRate = curve([
	['2012-09-07T21:14:00+02:00', 0.3],
	['2012-09-07T23:30:00+02:00', 2.5],
	['2012-09-08T13:00:00+02:00', 4],
	['2012-09-09T13:00:00+02:00', 2.4],
	['2012-09-10T13:00:00+02:00', 1.2],
	['2012-09-13T13:00:00+02:00', 0.45],
	['2012-09-16T13:00:00+02:00', 0.6],
	['2012-09-17T13:00:00+02:00', 1.0],
	['2012-09-18T13:00:00+02:00', 1.8],
	['2012-09-19T13:00:00+02:00', 2.4],
	['2012-09-20T13:00:00+02:00', 3.8],
	['2012-09-21T13:00:00+02:00', 5.5],
	['2012-09-21T18:30:00+02:00', 6],
	['2012-09-21T19:45:00+02:00', 3.5],
	['2012-09-21T21:00:00+02:00', 0.6],
	['2012-09-22T02:00:00+02:00', 0.2],
	['2012-09-23T00:00:00+02:00', 0.1],
	['2012-09-30T00:00:00+02:00', 0]
]);

/** RSVP and invitation counts as reported, growing over the fortnight. */
const rsvpCurve = curve([
	['2012-09-07T21:00:00+02:00', 200],
	['2012-09-08T20:00:00+02:00', 3500],
	['2012-09-15T12:00:00+02:00', 12000],
	['2012-09-20T12:00:00+02:00', 25000],
	['2012-09-21T15:00:00+02:00', 30500],
	['2012-09-30T00:00:00+02:00', 31000]
]);
const invitedCurve = curve([
	['2012-09-07T21:00:00+02:00', 500],
	['2012-09-08T20:00:00+02:00', 16000],
	['2012-09-15T12:00:00+02:00', 90000],
	['2012-09-21T15:00:00+02:00', 240000],
	['2012-09-30T00:00:00+02:00', 245000]
]);
const arrestsCurve = curve([
	['2012-09-21T19:00:00+02:00', 0],
	['2012-09-21T21:00:00+02:00', 5],
	['2012-09-21T23:00:00+02:00', 18],
	['2012-09-22T02:00:00+02:00', 30],
	['2012-09-22T10:00:00+02:00', 34],
	['2012-09-30T00:00:00+02:00', 34]
]);

function fmtCount(r: Rand, n: number): string {
	const v = Math.max(10, Math.round(n / (n > 5000 ? 500 : 50)) * (n > 5000 ? 500 : 50));
	const u = r.next();
	if (u < 0.4)
		return v >= 1000 ? `${Math.floor(v / 1000)}.${String(v % 1000).padStart(3, '0')}` : String(v);
	if (u < 0.7) return String(v);
	if (u < 0.9) return v >= 1000 ? `${Math.round(v / 1000)}k` : String(v);
	return v >= 1000 ? `${Math.round(v / 1000)}.000` : String(v);
}

function hhmm(r: Rand): string {
	const h = r.pick([17, 18, 18, 19, 19, 19, 20, 20, 21]);
	const m = r.pick([0, 0, 15, 30, 30, 45, 10, 20, 40, 50]);
	const u = r.next();
	if (u < 0.5) return `${h}:${String(m).padStart(2, '0')}`;
	if (u < 0.8) return m === 0 ? `${h} uur` : `${h}.${String(m).padStart(2, '0')}`;
	return `${h}u${m ? String(m).padStart(2, '0') : ''}`;
}

const TAGS_2012 = [
	'#projectxharen',
	'#PXH',
	'#projectx',
	'#haren',
	'#merthe',
	'#projectxstationsweg',
	'#PXharen',
	'#ProjectXHaren'
];

/** Template variables, computed only when a template uses them. */
class Vars {
	readonly #r: Rand;
	readonly #t: number;
	constructor(
		r: Rand,
		t: number,
		readonly from?: string,
		readonly street?: string,
		readonly dest?: string
	) {
		this.#r = r;
		this.#t = t;
	}
	get rsvp(): string {
		return fmtCount(this.#r, rsvpCurve(this.#t) || 30000);
	}
	get invited(): string {
		return fmtCount(this.#r, invitedCurve(this.#t) || 240000);
	}
	get hhmm(): string {
		return hhmm(this.#r);
	}
	get arrests(): string {
		return String(Math.max(1, Math.round(arrestsCurve(this.#t) || 34)));
	}
	/** "vrijdag" as people say it on the day before and the day itself; else the lexicon's. */
	get wanneer(): string | undefined {
		const days = Math.floor((FRIDAY - this.#t) / (24 * HOUR) + 1);
		if (this.#t >= FRIDAY + 24 * HOUR) return undefined;
		if (days <= 0)
			return this.#r.pick(['vanavond', 'vanavond', 'vandaag', 'straks', 'vanavond 21 sept']);
		if (days === 1)
			return this.#r.pick(['morgen', 'morgenavond', 'morgen 21 sept', 'vrijdag', 'morgen vrijdag']);
		return undefined;
	}
}
function baseVars(
	r: Rand,
	t: number,
	from?: string,
	street?: string,
	dest?: string
): Record<string, string> {
	return new Vars(r, t, from, street, dest) as unknown as Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Fixed key posts (hubs): the invitation copies, news items and official messages everyone shares

interface Hub {
	at: string;
	source: Source;
	author: string;
	text: string;
	geo?: LonLat;
	place?: string;
}

const HUBS: Hub[] = [
	{
		at: '2012-09-07T21:14:00+02:00',
		source: 'facebook',
		author: 'ProjectX.Haren',
		text: 'PROJECT X HAREN!!! Vrijdag 21 september, Stationsweg Haren. Iedereen is welkom, neem je vrienden mee!!! #projectxharen'
	},
	{
		at: '2012-09-08T10:02:00+02:00',
		source: 'x',
		author: 'stadjer_feest',
		text: 'Al 3500 aanmeldingen voor een verjaardag in Haren hahaha #projectxharen',
		place: 'Groningen, Groningen'
	},
	{
		at: '2012-09-08T16:40:00+02:00',
		source: 'facebook',
		author: 'ProjectX.Stationsweg',
		text: 'Project X Stationsweg - 21-09-2012. Het originele event is weg, dit is de nieuwe! Zegt het voort #PXH'
	},
	{
		at: '2012-09-17T15:30:00+02:00',
		source: 'x',
		author: 'pxh_shirts',
		text: 'Officiële Project X Haren t-shirts nu te bestellen! "Ik was erbij" 21-09-2012 #PXH #projectxharen'
	},
	{
		at: '2012-09-18T09:05:00+02:00',
		source: 'x',
		author: 'noordnieuws_live',
		text: "Alcoholverbod op station Haren rond 'Project X'-feest van vrijdag"
	},
	{
		at: '2012-09-18T20:45:00+02:00',
		source: 'facebook',
		author: 'grunnerhumor',
		text: 'NIEUW: Project X Haren - de officiële trailer xD #projectxharen'
	},
	{
		at: '2012-09-19T11:15:00+02:00',
		source: 'x',
		author: 'dagblad_noord',
		text: "Burgemeester Haren in video: 'Er is geen feest, kom niet naar Haren'"
	},
	{
		at: '2012-09-20T16:00:00+02:00',
		source: 'x',
		author: 'noordnieuws_live',
		text: 'Ruim 25.000 aanmeldingen voor Project X Haren; politie bereidt zich voor op vrijdag'
	},
	{
		at: '2012-09-21T14:00:00+02:00',
		source: 'x',
		author: 'Politie_Grn_Stad',
		text: 'Kom vanavond niet naar Haren. Er is geen feest. Station Haren is vanaf 18.00 uur alcoholvrij. #projectxharen'
	},
	{
		at: '2012-09-21T20:41:00+02:00',
		source: 'x',
		author: 'noordnieuws_live',
		text: 'ME grijpt in bij Project X Haren, jongeren gooien met stenen en flessen op de Rijksstraatweg'
	},
	{
		at: '2012-09-21T21:35:00+02:00',
		source: 'x',
		author: 'gemeente_haren',
		text: 'De burgemeester heeft een noodverordening afgekondigd voor het centrum van Haren. Verlaat het gebied.',
		place: 'Haren, Groningen'
	},
	{
		at: '2012-09-21T22:30:00+02:00',
		source: 'x',
		author: 'Politie_Grn_Stad',
		text: 'Iedereen wordt dringend verzocht Haren te verlaten. Station Haren is gesloten, er rijden geen treinen meer.'
	},
	{
		at: '2012-09-22T00:40:00+02:00',
		source: 'x',
		author: 'noordnieuws_live',
		text: 'Supermarkt in Haren geplunderd, tientallen gewonden bij rellen na Project X'
	},
	{
		at: '2012-09-22T02:10:00+02:00',
		source: 'x',
		author: 'Politie_Grn_Stad',
		text: 'Rust in Haren teruggekeerd. Tot nu toe 30 aanhoudingen. Morgen meer informatie.'
	},
	{
		at: '2012-09-22T09:00:00+02:00',
		source: 'x',
		author: 'dagblad_noord',
		text: 'Haren ontwaakt in puin na Project X-rellen: 34 aanhoudingen, 36 gewonden'
	}
];
const HUB_T = HUBS.map((h) => T(h.at));

function hubId(ctx: Ctx, k: number): string {
	return makeId(HUBS[k].source, `${ctx.idSalt}10${k}0000`);
}

function runHubs(ctx: Ctx, from: number, to: number, out: Draft[]): void {
	HUBS.forEach((h, k) => {
		const t = HUB_T[k];
		if (t < from || t >= to) return;
		const r = Rand.of(ctx.salt, 10, k);
		const d: Draft = {
			t,
			id: hubId(ctx, k),
			source: h.source,
			author: h.author,
			text: h.text,
			lang: 'nl'
		};
		if (h.place) d.place = h.place;
		finish(ctx, r, d, `${ctx.idSalt}10${k}0000`, 1, 0);
		d.engagement = {
			likes: r.int(800, 9000),
			reposts: r.int(300, 4000),
			replies: r.int(100, 1500)
		};
		out.push(d);
	});
}

/** A recent hub to share at time t, if any. */
function recentHub(r: Rand, t: number): number | undefined {
	let last = -1;
	for (let k = 0; k < HUBS.length; k++) if (HUB_T[k] <= t) last = k;
	if (last < 0) return undefined;
	const back = Math.min(last, Math.floor(r.expo(1.2)));
	return last - back;
}

// ---------------------------------------------------------------------------------------------
// The online mobilisation

function mobilisationTopic(r: Rand, t: number): string {
	const d = (t - INVITE) / (24 * HOUR);
	const late = t >= T_SEP17;
	const mayor = t >= HUB_T[6];
	const evening = t >= FRIDAY + 17 * HOUR;
	const pairs: [string, number][] = [
		['hx_invite', evening ? 3 : late ? 18 : 30],
		['hx_count', d < 2 ? 16 : 8],
		['hx_joke', 16],
		['hx_doubt', 10],
		['hx_logistics', evening ? 3 : t >= T_SEP20 ? 16 : late ? 6 : 2],
		['hx_media', late ? 10 : 2],
		['hx_mayor', mayor ? 8 : 0],
		['hx_worry', late ? 7 : 3],
		['hx_risk', 0.25],
		['hx_en', 1.5]
	];
	return r.weighted(pairs);
}

function mobilisation(ctx: Ctx, code: number): RateComp {
	const north = ctx.places.cumulative((pp) => {
		const d = distM(pp.ll, HAREN_CENTRE) / 1000;
		return pp.weight * (1 + 25 * Math.exp(-d / 35));
	});
	const mix = MIX.e2012.facebook;
	return {
		code,
		rate: (t) => {
			const v = mobilisationRate(t);
			return v > 0 ? v * rhythm(t) : 0;
		},
		mix: () => mix,
		make(it) {
			const { r, t, source } = it;
			const { pp, k, author } = localVoice(ctx, r, north);
			const persona = personaOf(ctx, pp, k);
			const style: StyleName = persona === 'adult' && r.chance(0.6) ? 'young' : persona;
			const d: Draft = { t, id: it.id, source, author, text: '' };
			const hub = r.chance(0.09) ? recentHub(r, t) : undefined;
			const topic = mobilisationTopic(r, t);
			const vars = baseVars(r, t);
			if (hub !== undefined && HUBS[hub].source === source) {
				d.repost_of = hubId(ctx, hub);
				d.text =
					source === 'x'
						? `RT @${HUBS[hub].author}: ${HUBS[hub].text}`
						: r.chance(0.5)
							? ''
							: say(ctx, r, 'repost', vars, { style });
			} else {
				const reply = r.chance(0.06)
					? it.sibling(it.idx - 1 - Math.floor(r.next() * 4))
					: undefined;
				if (reply) d.reply_to = reply;
				const st = topic === 'hx_en' ? 'en' : topic === 'hx_media' && r.chance(0.3) ? 'pro' : style;
				d.text = say(ctx, r, topic, vars, {
					style: st,
					opener: 0.2,
					reaction: 0.12,
					tags: TAGS_2012,
					tagP: 0.3,
					maxTags: 2
				});
			}
			return finishVoice(
				ctx,
				it,
				d,
				pp,
				topic === 'hx_en',
				0.012,
				0.2,
				() => scatter(r, homeOf(ctx, pp, k), 100),
				0.45,
				1.5
			);
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Friday evening: people travelling to Haren, the crowd, the riot, leaving

type Phase = 'early' | 'build' | 'riot' | 'late' | 'after';
function phaseAt(t: number): Phase {
	if (t < T_1900) return 'early';
	if (t < RIOT) return 'build';
	if (t < T_2230) return 'riot';
	if (t < T_0030) return 'late';
	return 'after';
}

const SPOTS: Record<string, Spot> = {
	stationsweg: { name: 'de Stationsweg', a: STATIONSWEG_W, b: STATIONSWEG_E, spread: 25 },
	rijks: { name: 'de Rijksstraatweg', a: RIJKS_N, b: RIJKS_S, spread: 25 },
	raadhuis: { name: 'het Raadhuisplein', a: RAADHUIS, spread: 45 },
	station: { name: 'station Haren', a: ST_HAREN, spread: 60 },
	supermarkt: { name: 'de supermarkt', a: SUPERMARKT, spread: 30 }
};
const SPOT_WEIGHTS: Record<Phase, [string, number][]> = {
	early: [
		['stationsweg', 45],
		['station', 25],
		['rijks', 20],
		['raadhuis', 10]
	],
	build: [
		['stationsweg', 40],
		['rijks', 30],
		['raadhuis', 20],
		['station', 10]
	],
	riot: [
		['rijks', 35],
		['raadhuis', 28],
		['stationsweg', 20],
		['supermarkt', 12],
		['station', 5]
	],
	late: [
		['rijks', 32],
		['station', 22],
		['stationsweg', 22],
		['raadhuis', 20],
		['supermarkt', 4]
	],
	after: [
		['rijks', 35],
		['station', 30],
		['stationsweg', 20],
		['raadhuis', 15]
	]
};

function nearestSpot(p: LonLat): string {
	return nearestOf(SPOTS, 'rijks', p);
}

/** Posting rate at the venue per agent (per minute), before the agent's activity factor. */
function venueRate(t: number): number {
	switch (phaseAt(t)) {
		case 'early':
			return 1 / 50;
		case 'build':
			return 1 / 36;
		case 'riot':
			return t < LOOT + 45 * MIN ? 1 / 19 : 1 / 24;
		case 'late':
			return 1 / 32;
		default:
			return 1 / 55;
	}
}

interface Attendee extends Member {
	style: StyleName;
	mode: Mode;
}

type Cat = {
	id: string;
	w: number;
	origins: [string, number][];
	modes: [Mode, number][];
};

const CATS: Cat[] = [
	{
		id: 'grn',
		w: 44,
		origins: [['Groningen', 1]],
		modes: [
			['train', 40],
			['bike', 45],
			['scooter', 7],
			['car', 8]
		]
	},
	{
		id: 'grn_south',
		w: 6,
		origins: [
			['Helpman', 1],
			['De Wijert', 1],
			['Coendersborg', 1]
		],
		modes: [
			['walk', 60],
			['bike', 40]
		]
	},
	{
		id: 'haren',
		w: 6,
		origins: [['Haren', 1]],
		modes: [
			['walk', 70],
			['bike', 30]
		]
	},
	{
		id: 'drenthe',
		w: 18,
		origins: [
			['Assen', 5],
			['Roden', 1],
			['Zuidlaren', 1],
			['Vries', 1],
			['Eelde', 1],
			['Paterswolde', 0.6],
			['Hoogeveen', 1.2],
			['Emmen', 1.5],
			['Peize', 0.5],
			['Glimmen', 0.4]
		],
		modes: [
			['train', 50],
			['car', 50]
		]
	},
	{
		id: 'friesland',
		w: 14,
		origins: [
			['Leeuwarden', 4],
			['Drachten', 2],
			['Heerenveen', 1.5],
			['Sneek', 1],
			['Franeker', 0.4],
			['Harlingen', 0.4],
			['Dokkum', 0.4]
		],
		modes: [
			['train', 55],
			['car', 45]
		]
	},
	{
		id: 'grn_prov',
		w: 9,
		origins: [
			['Hoogezand', 2],
			['Veendam', 1.5],
			['Winschoten', 1.2],
			['Delfzijl', 1.2],
			['Appingedam', 0.6],
			['Stadskanaal', 1],
			['Ten Boer', 0.4],
			['Bedum', 0.5],
			['Zuidhorn', 0.6],
			['Leek', 1],
			['Marum', 0.4]
		],
		modes: [
			['train', 35],
			['car', 50],
			['scooter', 15]
		]
	},
	{
		id: 'far',
		w: 3,
		origins: [
			['Zwolle', 2],
			['Amsterdam', 1.5],
			['Utrecht', 1],
			['Amersfoort', 0.6],
			['Apeldoorn', 0.5],
			['Enschede', 0.6],
			['Meppel', 0.6],
			['Almere Stad', 0.5]
		],
		modes: [
			['train', 80],
			['car', 20]
		]
	}
];

/** Departures of trains toward Haren (minutes past the hour) per line. */
const SCHEDULE: Record<string, number[]> = {
	grn: [5, 20, 35, 50],
	assen: [10, 25, 40, 55],
	europapark: [9, 24, 39, 54],
	back: [12, 27, 42, 57]
};

function nextDeparture(t: number, minutes: number[]): number {
	const h = Math.floor(t / HOUR) * HOUR;
	for (let k = 0; k < 3; k++)
		for (const m of minutes) {
			const d = h + k * HOUR + m * MIN;
			if (d >= t + MIN) return d;
		}
	return t + 15 * MIN;
}

/** Builds legs while tracking the clock, so that trains can wait for their departure. */
class Itinerary {
	legs: Leg[] = [];
	t: number;
	pos: LonLat;
	constructor(t: number, pos: LonLat) {
		this.t = t;
		this.pos = pos;
	}
	go(mode: Mode, pts: LonLat[], kmh: number, waitMin = 0): this {
		const all = [this.pos, ...pts];
		let d = 0;
		for (let i = 1; i < all.length; i++) d += distM(all[i - 1], all[i]);
		this.legs.push({ pts: all, kmh, mode, waitMin });
		this.t += waitMin * MIN + (d / 1000 / kmh) * HOUR;
		this.pos = all[all.length - 1];
		return this;
	}
	train(pts: LonLat[], schedule: number[], kmh = 90): this {
		const dep = nextDeparture(this.t, schedule);
		return this.go('train', pts.slice(1), kmh, (dep - this.t) / MIN);
	}
}

function routeTo(r: Rand, cat: string, mode: Mode, home: LonLat, depart: number): Itinerary {
	const it = new Itinerary(depart, home);
	const walkToCentre = () => it.go('walk', TO_CENTRE_FROM_STATION.slice(1), r.range(4, 5.5));
	const viaCarPark = (road: LonLat[], kmh: number) => {
		it.go('car', [road[0]], 45)
			.go('car', road.slice(1), kmh)
			.go('car', [PARKING_EAST], 30, r.range(2, 12))
			.go('walk', TO_CENTRE_FROM_PARKING.slice(1), 4.5);
	};
	switch (cat) {
		case 'grn':
			if (mode === 'train') {
				it.go(
					distM(home, ST_GRN) > 1500 ? 'bike' : 'walk',
					[ST_GRN],
					distM(home, ST_GRN) > 1500 ? 14 : 5
				);
				it.train(RAIL_GRN_HAREN, SCHEDULE.grn, 70);
				walkToCentre();
			} else if (mode === 'car')
				viaCarPark([BIKE_GRN[0], [6.565, 53.2035], [6.6, 53.195], A28_EXIT_N], 60);
			else
				it.go(mode, [...BIKE_GRN, RAADHUIS], mode === 'bike' ? r.range(13, 18) : r.range(24, 32));
			break;
		case 'grn_south':
		case 'haren':
			it.go(
				mode,
				[cat === 'haren' ? lerp(home, HAREN_CENTRE, 0.5) : [6.592, 53.184], RIJKS_N, RAADHUIS],
				mode === 'bike' ? 14 : r.range(4, 5.5)
			);
			break;
		case 'drenthe':
			if (mode === 'train') {
				if (distM(home, ST_ASSEN) > 20_000 && distM(home, ST_HOOGEVEEN) < 25_000)
					it.go('car', [ST_HOOGEVEEN], 50).train(
						[ST_HOOGEVEEN, [6.53, 52.85], ST_ASSEN],
						SCHEDULE.assen,
						100
					);
				else if (distM(home, ST_ASSEN) > 12_000) it.go('car', [ST_ASSEN], 55, 0);
				else it.go('bike', [ST_ASSEN], 14);
				it.train(RAIL_ASSEN_HAREN, SCHEDULE.assen, 95);
				walkToCentre();
			} else
				viaCarPark(
					distM(home, ROAD_A28_S[0]) < distM(home, A28_EXIT)
						? ROAD_A28_S
						: [lerp(home, A28_EXIT, 0.5), A28_EXIT],
					r.range(80, 100)
				);
			break;
		case 'friesland':
			if (mode === 'train') {
				if (distM(home, ST_LWD) > 8000) it.go('car', [ST_LWD], 60);
				else it.go('bike', [ST_LWD], 15);
				it.train(RAIL_LWD_GRN, [14, 44], 95);
				it.go('walk', [scatter(r, ST_GRN, 20)], 4, r.range(1, 3));
				it.train(RAIL_GRN_HAREN, SCHEDULE.grn, 70);
				walkToCentre();
			} else viaCarPark(ROAD_A7_W, r.range(85, 105));
			break;
		case 'grn_prov':
			if (mode === 'train' && distM(home, ST_HOOGEZAND) < 15_000) {
				it.go('bike', [ST_HOOGEZAND], 15).train(RAIL_HGZ_EUROPAPARK, [2, 32], 90);
				it.train(RAIL_EUROPAPARK_HAREN, SCHEDULE.europapark, 70);
				walkToCentre();
			} else if (mode === 'train') {
				it.go('car', [ST_GRN], 70).train(RAIL_GRN_HAREN, SCHEDULE.grn, 70);
				walkToCentre();
			} else if (mode === 'scooter')
				it.go('scooter', [lerp(home, ROAD_EAST[2], 0.6), ROAD_EAST[2], A28_EXIT_N, RAADHUIS], 35);
			else
				viaCarPark(
					distM(home, ROAD_EAST[0]) < 25_000
						? ROAD_EAST
						: [lerp(home, A28_EXIT_N, 0.5), A28_EXIT_N],
					r.range(75, 95)
				);
			break;
		default:
			if (mode === 'train') {
				it.go('bike', [scatter(r, home, 1500)], 14);
				it.train(
					[it.pos, ...RAIL_ZWOLLE_ASSEN.slice(distM(home, ST_ZWOLLE) < 15_000 ? 1 : 0)],
					[3, 33],
					110
				);
				it.train(RAIL_ASSEN_HAREN, SCHEDULE.assen, 95);
				walkToCentre();
			} else viaCarPark([lerp(home, ROAD_A28_S[0], 0.5), ...ROAD_A28_S], r.range(95, 115));
	}
	return it;
}

function routeBack(
	r: Rand,
	a: { cat: string; mode: Mode },
	from: LonLat,
	t: number,
	home: LonLat
): Itinerary {
	const it = new Itinerary(t, from);
	if (a.mode === 'car') {
		it.go('walk', [RAADHUIS, PARKING_EAST], 5).go(
			'car',
			[A28_EXIT, lerp(A28_EXIT, home, 0.5), home],
			80
		);
	} else if (a.mode === 'train' && t < STATION_CLOSED) {
		it.go('walk', [STATIONSWEG_W, STATIONSWEG_E, ST_HAREN], 5);
		const back =
			a.cat === 'drenthe' ? [...RAIL_ASSEN_HAREN].reverse() : [...RAIL_GRN_HAREN].reverse();
		it.train(back, SCHEDULE.back, 75);
		it.go('walk', [lerp(it.pos, home, 0.1)], 5);
	} else if (a.mode === 'bike' || a.mode === 'scooter') {
		it.go(
			a.mode,
			[RIJKS_N, ...[...BIKE_GRN].reverse().slice(1), home],
			a.mode === 'bike' ? 15 : 30
		);
	} else {
		// on foot: toward Groningen along the Rijksstraatweg (station closed), or home in Haren
		const dest = distM(home, HAREN_CENTRE) < 4000 ? home : ST_EUROPAPARK;
		it.go('walk', [RIJKS_N, lerp(RIJKS_N, dest, 0.5), dest], r.range(4.5, 6));
	}
	return it;
}

function pickOrigin(r: Rand, cat: Cat): string {
	return r.weighted(cat.origins);
}

/** The whole evening crowd, planned once. */
function buildAttendees(ctx: Ctx, n: number): Plan<Attendee>[] {
	const plans: Plan<Attendee>[] = [];
	const cats: [Cat, number][] = CATS.map((c) => [c, c.w]);
	for (let a = 0; a < n; a++) {
		const r = Rand.of(ctx.salt, 12, 'agent', a);
		const cat = r.weighted(cats);
		const originName = pickOrigin(r, cat);
		const mode = r.weighted(cat.modes);
		const { op, ll: originLl, pop: popPlace } = originOf(ctx, originName);
		const radius = op.pop ? Math.min(5000, 250 * Math.sqrt(op.pop / 1000)) : 400;
		const home =
			cat.id === 'haren' ? inDisk(r, HAREN_CENTRE, 1500) : scatter(r, originLl, radius * 0.5);
		// arrival at the centre: mostly 18:00-21:00
		const arriveTarget =
			FRIDAY +
			HOUR *
				r.weighted<number>([
					[16.5 + r.next() * 1.5, 8],
					[18 + r.next() * 1, 22],
					[19 + r.next() * 1, 32],
					[20 + r.next() * 1, 24],
					[21 + r.next() * 1.5, 14]
				]);
		// estimate the duration with a first plan, then plan for real from the departure
		const est = routeTo(Rand.of(ctx.salt, 12, 'est', a), cat.id, mode, home, arriveTarget);
		const depart =
			Math.floor((arriveTarget - (est.t - arriveTarget) - r.range(0, 10) * MIN) / 1000) * 1000;
		const going = routeTo(Rand.of(ctx.salt, 12, 'route', a), cat.id, mode, home, depart);
		const route = new Route(going.legs);
		const arrive = depart + route.durMs;
		// leaving: some early, many pushed out by the riot, a hard core stays late
		const leave = Math.min(
			END_NIGHT - r.range(0, 40) * MIN,
			Math.max(
				arrive + r.range(20, 60) * MIN,
				r.weighted<number>([
					[arrive + r.lognormal(80, 0.5) * MIN, 30],
					[RIOT + r.range(20, 150) * MIN, 45],
					[T_2230 + r.range(0, 180) * MIN, 25]
				])
			)
		);
		const pr = Rand.of(ctx.salt, 12, 'persona', a);
		const geoU = pr.next();
		const att: Attendee = {
			author: crowdAuthor(ctx, popPlace, a, () =>
				regionAuthor(ctx.salt, 'haren-visitor', originName, a)
			),
			style: pr.weighted<StyleName>([
				['teen', 55],
				['young', 38],
				['adult', 7]
			]),
			source: pr.weighted<Source>([
				['x', 62],
				['facebook', 18],
				['instagram', 14],
				['other', 6]
			]),
			geoP: geoShare(geoU, 0.92),
			tagP: 0.35,
			from: displayName({ name: originName }),
			origin: popPlace,
			mode,
			en: pr.chance(0.03)
		};
		const activity = pr.lognormal(1, 0.55);
		const specs: Spec[] = [];
		// travelling
		tripSpecs(
			r,
			route,
			depart,
			arrive,
			activity,
			{
				firstP: 0.65,
				firstMeanMs: 1.5 * MIN,
				mean: mode === 'train' ? 11 : mode === 'car' ? 16 : 13,
				stage: (p) => (distM(p.p, ST_HAREN) < 400 ? 'arrive_station' : `travel_${p.mode}`)
			},
			specs
		);
		// at the venue: a slow walk between hot spots
		const pos = venueSpecs(
			r,
			route.end,
			arrive,
			leave,
			activity,
			{
				spots: SPOTS,
				fallback: 'rijks',
				phase: phaseAt,
				weights: SPOT_WEIGHTS,
				rate: venueRate,
				peakDiv: 19,
				arriveP: 0.5,
				arriveMin: [0.5, 4],
				moveP: 0.3,
				speed: (ph) => (ph === 'riot' ? 110 : 70),
				stage: (ph, tsec, spot, first) =>
					first
						? 'arrive'
						: ph === 'riot' && tsec >= LOOT && spot === 'supermarkt'
							? 'loot'
							: `v_${ph}`
			},
			specs
		);
		// leaving
		const back = routeBack(r, { cat: cat.id, mode }, pos, leave, home);
		homeSpecs(
			r,
			new Route(back.legs),
			leave,
			activity,
			{
				horizonMin: [20, 90],
				firstP: 0.7,
				mean: 16,
				backMode: (m) =>
					m === 'scooter' ? 'bike' : m === 'train' || m === 'car' || m === 'bike' ? m : 'walk',
				homeP: 0.35,
				homeMin: [1, 10]
			},
			specs
		);
		plans.push({ agent: att, specs });
	}
	return plans;
}

function attendeeKey(stage: string, r: Rand, t: number): { key: string; mood: 'plain' | 'alarm' } {
	if (stage.startsWith('v_')) {
		const ph = stage.slice(2) as Phase;
		if ((ph === 'riot' || ph === 'late') && r.chance(0.06))
			return { key: 'ha_v_help', mood: 'alarm' };
		if (ph === 'riot' && t >= LOOT && r.chance(0.12)) return { key: 'ha_v_loot', mood: 'alarm' };
		return { key: `ha_v_${ph}`, mood: ph === 'riot' || ph === 'late' ? 'alarm' : 'plain' };
	}
	if (stage === 'loot') return { key: 'ha_v_loot', mood: 'alarm' };
	if (stage === 'travel_walk' && t < RIOT) return { key: 'ha_travel_walk', mood: 'plain' };
	return { key: `ha_${stage}`, mood: t >= RIOT ? 'alarm' : 'plain' };
}

function makeAttendeePost(
	ctx: Ctx,
	r: Rand,
	a: Attendee,
	s: Spec,
	_i: number,
	digits: string
): Draft {
	const d = memberDraft(r, a, s, digits, 'e2012');
	const pos: LonLat = [s.lon, s.lat];
	const nearHaren = distM(pos, HAREN_CENTRE) < 2500;
	const homeward = s.stage.startsWith('back_') || s.stage === 'leave' || s.stage === 'home';
	const vars = baseVars(r, s.t, a.from, SPOTS[nearestSpot(pos)].name, homeward ? a.from : 'Haren');
	const picked = attendeeKey(s.stage, r, s.t);
	const mood = picked.mood;
	let key = picked.key;
	if (s.stage.startsWith('back_') && r.chance(0.3)) key = 'ha_leave';
	if (a.en && r.chance(0.7)) key = s.stage.startsWith('v_') ? 'ha_en' : 'en_trip';
	d.text = say(ctx, r, key, vars, {
		style: a.en ? 'en' : a.style,
		mood,
		opener: 0.25,
		reaction: s.stage.startsWith('v_') ? 0.1 : 0.2,
		tags: TAGS_2012,
		tagP: 0.22,
		maxTags: 2
	});
	return finishMember(ctx, r, d, a, pos, digits, {
		inTown: nearHaren,
		jitter: 12,
		placeP: 0.2,
		townPlace: () => 'Haren, Groningen',
		townTags: ['Haren, Groningen', 'Haren', 'Haren, Nederland', 'Stationsweg, Haren'],
		linkP: 0.3,
		engP: 0.35
	});
}

// ---------------------------------------------------------------------------------------------
// Residents, press, police, citizens' reports, the country watching

const residentRate = curve([
	['2012-09-17T00:00:00+02:00', 0.03],
	['2012-09-20T12:00:00+02:00', 0.15],
	['2012-09-21T12:00:00+02:00', 0.3],
	['2012-09-21T17:00:00+02:00', 0.6],
	['2012-09-21T20:30:00+02:00', 2.6],
	['2012-09-21T22:30:00+02:00', 2.4],
	['2012-09-22T01:00:00+02:00', 0.6],
	['2012-09-22T03:00:00+02:00', 0.1],
	['2012-09-22T08:00:00+02:00', 0.6],
	['2012-09-22T12:00:00+02:00', 0.8],
	['2012-09-23T00:00:00+02:00', 0.1],
	['2012-09-25T00:00:00+02:00', 0]
]);
const pressRate = curve([
	['2012-09-21T16:00:00+02:00', 0.05],
	['2012-09-21T19:00:00+02:00', 0.35],
	['2012-09-21T21:00:00+02:00', 0.8],
	['2012-09-21T23:30:00+02:00', 0.6],
	['2012-09-22T02:30:00+02:00', 0.1],
	['2012-09-22T08:00:00+02:00', 0.4],
	['2012-09-22T18:00:00+02:00', 0.1],
	['2012-09-23T00:00:00+02:00', 0]
]);
const policeRate = curve([
	['2012-09-21T16:00:00+02:00', 0.02],
	['2012-09-21T20:00:00+02:00', 0.06],
	['2012-09-21T22:00:00+02:00', 0.12],
	['2012-09-22T02:00:00+02:00', 0.02],
	['2012-09-22T12:00:00+02:00', 0]
]);
const reportRate = curve([
	['2012-09-21T18:30:00+02:00', 0.05],
	['2012-09-21T20:00:00+02:00', 1.2],
	['2012-09-21T21:00:00+02:00', 2.8],
	['2012-09-21T22:30:00+02:00', 2.2],
	['2012-09-22T00:30:00+02:00', 0.5],
	['2012-09-22T02:30:00+02:00', 0]
]);
const nationalRate = curve([
	['2012-09-21T19:30:00+02:00', 0.2],
	['2012-09-21T21:00:00+02:00', 6],
	['2012-09-21T22:30:00+02:00', 11],
	['2012-09-22T01:00:00+02:00', 4],
	['2012-09-22T04:00:00+02:00', 0.3],
	['2012-09-22T08:00:00+02:00', 5],
	['2012-09-22T13:00:00+02:00', 4],
	['2012-09-22T23:00:00+02:00', 1.5],
	['2012-09-24T00:00:00+02:00', 0.5],
	['2012-09-27T00:00:00+02:00', 0]
]);

const REPORTERS = [
	'noordnieuws_live',
	'dagblad_noord',
	'verslaggever_ruben',
	'RTVNoord_fan',
	'nieuwsdienst050',
	'janneke_journo',
	'fotograaf_harm',
	'nos_regio_noord'
];
const POLICE = ['Politie_Grn_Stad', 'wijkagent_haren', 'politie_noord_nl', 'gemeente_haren'];

function residents(ctx: Ctx, code: number): RateComp {
	const harenPlaces = ctx.places.near(HAREN_CENTRE, 2500);
	const haren = harenPlaces.find((p) => p.place.name === 'Haren') ?? harenPlaces[0];
	const mix = MIX.e2012.general;
	return {
		code,
		rate: residentRate,
		mix: () => mix,
		make(it) {
			const { r, t, source } = it;
			const k = r.zipf(haren ? haren.authors * 3 : 200, 0.9);
			const author = haren ? regionAuthor(ctx.salt, haren.key, 'Haren', k) : `harenaar${k}`;
			const ph = t < T_1600 ? 'pre' : t < RIOT ? 'early' : t < T_0300 ? 'riot' : 'after';
			const style: StyleName =
				personaOf(ctx, haren ?? ctx.places.populated[0], k) === 'teen'
					? 'young'
					: r.pick<StyleName>(['adult', 'parent', 'adult']);
			const d: Draft = { t, id: it.id, source, author, text: '' };
			d.text = say(ctx, r, `ha_res_${ph}`, baseVars(r, t), {
				style,
				mood: ph === 'riot' ? 'alarm' : 'plain',
				reaction: 0.1,
				tags: ['#haren', '#projectxharen', '#PXH'],
				tagP: 0.15,
				maxTags: 1
			});
			const home = inDisk(Rand.of(ctx.salt, 'harenhome', k), HAREN_CENTRE, 1300);
			if (r.chance(ph === 'riot' ? 0.3 : 0.12)) {
				const p = scatter(r, home, 15);
				d.lon = p[0];
				d.lat = p[1];
			} else if (r.chance(0.45))
				d.place = r.pick(['Haren, Groningen', 'Haren', 'Haren, Nederland', 'Haren Gn']);
			d.lang = 'nl';
			return finish(ctx, r, d, it.digits, 0.25, 0.45, 1.5);
		}
	};
}

function press(ctx: Ctx, code: number): RateComp {
	const mix = MIX.e2012.news;
	return {
		code,
		rate: pressRate,
		mix: () => mix,
		make(it) {
			const { r, t, source } = it;
			const author = r.pick(REPORTERS);
			const after = t >= T_0600;
			const d: Draft = { t, id: it.id, source, author, text: '' };
			d.text = say(
				ctx,
				r,
				after ? 'ha_press_after' : t < RIOT ? 'ha_press_early' : 'ha_press',
				baseVars(r, t),
				{
					style: 'pro',
					tags: ['#projectxharen', '#haren', '#PXH'],
					tagP: 0.4,
					maxTags: 1
				}
			);
			if (!after && r.chance(0.4)) {
				const p = spotPoint(r, SPOTS[r.weighted(SPOT_WEIGHTS[phaseAt(t)])]);
				d.lon = p[0];
				d.lat = p[1];
			} else if (r.chance(0.3)) d.place = 'Haren, Groningen';
			d.lang = 'nl';
			return finish(ctx, r, d, it.digits, 0.8, 0.7, 6);
		}
	};
}

function police(ctx: Ctx, code: number): RateComp {
	return accountComp(ctx, code, {
		rate: policeRate,
		mix: () => [['x', 1]] as SourceMix,
		source: 'x',
		authors: POLICE,
		key: 'ha_police',
		vars: (r, t) => baseVars(r, t),
		tags: ['#haren', '#projectxharen'],
		place: 'Haren, Groningen',
		reach: 12
	});
}

function reports(ctx: Ctx, code: number): RateComp {
	return reportComp(ctx, code, reportRate, 'Haren', (r, t) => {
		const spotKey = r.weighted(SPOT_WEIGHTS[phaseAt(t)]);
		const p = r.chance(0.6) ? spotPoint(r, SPOTS[spotKey]) : inDisk(r, HAREN_CENTRE, 900);
		const vars = baseVars(r, t, undefined, SPOTS[nearestSpot(p)].name.replace(/^de |^het /, ''));
		const text = say(ctx, r, t < RIOT ? 'ha_report_early' : 'ha_report', vars, { style: 'adult' });
		return { p, text };
	});
}

function national(ctx: Ctx, code: number): RateComp {
	const north = ctx.places.cumulative((pp) => {
		const d = distM(pp.ll, HAREN_CENTRE) / 1000;
		return pp.weight * (1 + 4 * Math.exp(-d / 50));
	});
	const mix = MIX.e2012.general;
	return {
		code,
		rate: (t) => nationalRate(t) * (t > END_NIGHT ? rhythm(t) : 1),
		mix: () => mix,
		make(it: RateItem) {
			const { r, t, source } = it;
			const { pp, k, author } = localVoice(ctx, r, north);
			const en = r.chance(0.08);
			const after = t >= T_0500;
			const d: Draft = { t, id: it.id, source, author, text: '' };
			const hub = r.chance(0.1) ? recentHub(r, t) : undefined;
			if (hub !== undefined && HUBS[hub].source === source && HUB_T[hub] > RIOT - HOUR) {
				d.repost_of = hubId(ctx, hub);
				d.text = source === 'x' ? `RT @${HUBS[hub].author}: ${HUBS[hub].text}` : '';
			} else
				d.text = say(ctx, r, en ? 'ha_en_nat' : after ? 'ha_nat_after' : 'ha_nat', baseVars(r, t), {
					style: en ? 'en' : personaOf(ctx, pp, k),
					mood: 'alarm',
					opener: 0.2,
					reaction: 0.15,
					tags: ['#haren', '#projectxharen', '#PXH', '#projectx', '#rellen'],
					tagP: 0.35,
					maxTags: 2
				});
			return finishVoice(ctx, it, d, pp, en, 0.015, 0.27, () =>
				scatter(r, homeOf(ctx, pp, k), 100)
			);
		}
	};
}

/** Number of people in the evening crowd who post (a share of the roughly 3,000 present). */
export const HAREN_POSTING_ATTENDEES = 650;

export const harenDef: ScenarioDef = {
	info: {
		name: 'haren-2012',
		title: 'Project X Haren (21 september 2012)',
		title_en: 'Project X Haren (21 September 2012)',
		description:
			'Een per ongeluk openbare Facebook-uitnodiging voor een verjaardag in Haren groeit in twee weken uit tot een landelijke hype en eindigt op vrijdagavond 21 september 2012 in rellen in het centrum.',
		start: '2012-09-19T00:00:00+02:00',
		end: '2012-09-22T06:00:00+02:00',
		clock: '2012-09-21T18:30:00+02:00',
		view: { center: [6.595, 53.19], zoom: 11.5 },
		areas: [
			{
				id: 'haren-centrum',
				name: 'Centrum Haren',
				polygon: [
					[6.6003, 53.1762],
					[6.6082, 53.1764],
					[6.6112, 53.1744],
					[6.6108, 53.1703],
					[6.6072, 53.1688],
					[6.6026, 53.1692],
					[6.5996, 53.1725],
					[6.6003, 53.1762]
				]
			},
			{
				id: 'station-haren',
				name: 'Station Haren',
				polygon: [
					[6.6148, 53.1766],
					[6.6208, 53.1766],
					[6.6208, 53.1737],
					[6.6148, 53.1737],
					[6.6148, 53.1766]
				]
			}
		],
		labels: [
			{
				id: 'haren-mobilisation',
				name: 'Mobilisatie Project X Haren',
				lon: 6.6095,
				lat: 53.1735,
				radius_m: 1500,
				onset: '2012-09-07T21:14:00+02:00',
				planned: false,
				kind: 'mobilisation'
			},
			{
				id: 'haren-riot',
				name: 'Rellen Project X Haren',
				lon: HAREN_CENTRE[0],
				lat: HAREN_CENTRE[1],
				radius_m: 600,
				onset: '2012-09-21T20:00:00+02:00',
				arrivals_from: '2012-09-21T16:20:00+02:00',
				planned: false,
				expected_crowd: 3000,
				kind: 'riot'
			}
		]
	},
	era: 'e2012',
	lex: [HAREN_LEX],
	build(ctx: Ctx): Runner[] {
		const mob = mobilisation(ctx, 11);
		const res = residents(ctx, 13);
		const prs = press(ctx, 14);
		const pol = police(ctx, 15);
		const rep = reports(ctx, 16);
		const nat = national(ctx, 17);
		const crowd = new AgentSet<Attendee>(
			ctx,
			12,
			(c) => buildAttendees(c, HAREN_POSTING_ATTENDEES),
			makeAttendeePost
		);
		return [
			...backgroundRunners(ctx),
			(f, t, o) => runHubs(ctx, f, t, o),
			rateRunner(ctx, mob),
			crowdRunner(crowd, [T('2012-09-21T12:00:00+02:00'), T_0600]),
			...[res, prs, pol, rep, nat].map((c) => rateRunner(ctx, c))
		];
	}
};
