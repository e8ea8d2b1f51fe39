/**
 * Scenarios for issue 12 (items 3 and 4): a call to gather on a square the gazetteer lacks, and
 * its quiet twin. Pure module.
 *
 * - unknown-square: Saturday 19 October 2024, 19:05, a call goes round to come to the
 *   Bijlmerplein in Amsterdam-Zuidoost at 20:00 (the square is not in the gazetteer). Most calls
 *   name only the square; a minority also name the district or the city (which the locator places
 *   7.8 km away, at Amsterdam's centre), some name only the district or the city. Calls carry
 *   hardly any geotags (2%, at home), the crowd few (about 5%). From 19:35 a few hundred young
 *   people arrive, the crowd is there from 20:00. The square is named in ordinary posts every
 *   day (the market, shops, the bus, the district office; some geotagged there), which is what
 *   a detector can learn its position from before the call.
 * - quiet-sunday: the same city on an ordinary weekend (Saturday 9 and Sunday 10 November 2024)
 *   with three times Amsterdam's normal volume, the same everyday talk about the square,
 *   invitations to a flea market and a neighbourhood party there, and no gathering.
 */
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
import { MIN, MIX, finish, makeId, runRate, runTrips } from './engine';
import type { GatheringCfg } from './gathering';
import { buzzComp, gatheringCrowd, officialsComp, spotReports } from './gathering';
import type { LonLat } from './geo';
import { distM, scatter } from './geo';
import { HARD_LEX } from './lexicon-hard';
import { ll } from './places';
import { Rand } from './rng';
import type { Lexicon, StyleName } from './text';
import { parseTime } from '../time/amsterdam';
import type { Runner, ScenarioDef } from './types';

const T = (s: string): number => parseTime(s);

/** The Bijlmerplein (Amsterdamse Poort, by the district office): not in the gazetteer. */
export const BIJLMERPLEIN: LonLat = [4.9551, 52.3158];
/** The call's first post, and the crowd's onset (its announced time). */
export const US_CALL_AT = T('2024-10-19T19:05:00+02:00');
export const US_ONSET = T('2024-10-19T20:00:00+02:00');
const US_DAY = T('2024-10-19T00:00:00+02:00');
const US_POLICE = T('2024-10-19T21:15:00+02:00');
/** Share of the crowd's posts with coordinates (per member, mean). */
export const US_GEO_P = 0.05;

const US_LEX: Lexicon = {
	us_call_sq: [
		'Iedereen [vanavond|straks] naar {sq}, [om 20:00|om 8 uur|20:00]!! [zeg het voort|deel dit|neem je matties mee]',
		'[Vanavond|Straks] [20:00|om 8 uur] {sq}, [iedereen komen|kom allemaal|wie is erbij?]',
		'Wie [gaat|komt] er [vanavond|straks] naar {sq}? [20:00|om 8 uur] [gaat het los|begint het], [kom allemaal|zeg het voort]',
		'{sq} [vanavond|om 20:00], [kom allemaal|iedereen komt], [zeg het voort|deel dit]',
		'[Echt|Serieus] iedereen moet [vanavond|straks] naar {sq} komen, [20:00|8 uur] {r_party}'
	],
	us_call_nb: [
		'Iedereen [vanavond|straks] naar {sq} in {nb}, [om 20:00|om 8 uur]! [zeg het voort|deel dit]',
		'{nb}: [vanavond|om 20:00] {sq}, kom allemaal',
		'[Vanavond|Straks] {sq} ({nb}) [20:00|8 uur], [iedereen komen|wie is erbij?]'
	],
	us_call_city: [
		'[Vanavond|Om 20:00] {sq} in {city}, [iedereen komen|kom allemaal]',
		'Iedereen naar {sq} {city}, [20:00|8 uur] [zeg het voort|{r_party}]'
	],
	us_call_nbonly: [
		'[Vanavond|Om 20:00] [gaat het los|iets groots] in {nb}, [kom allemaal|iedereen komt], [zeg het voort|deel dit]'
	],
	us_call_cityonly: [
		'[Vanavond|Om 8 uur] [gaat het los|iets groots] in {city}, [kom allemaal|iedereen komt], [zeg het voort|deel dit]'
	],
	us_arrive: [
		'[We zijn er|Aangekomen|Staan nu] [op|bij] {spot}, [zo veel mensen|wat is dit|wtf]',
		'{spot} [staat|is] [al|nu al] [vol|helemaal vol] [met|met allemaal] [gasten|jongeren|mensen]'
	],
	us_v: [
		'Half Zuidoost staat [op|bij] {spot} [lol|haha|wtf]',
		'[Zo|Kapot|Echt] druk hier, [iemand die weet waarom|waarom staat iedereen hier]',
		'[Muziek|Speaker] [keihard|aan] [op|bij] {spot}, [sfeer is goed|beetje grimmig|{r}]',
		'[Er|Hier] staan [wel|zeker] [300|400|500] man [bij {spot}|hier], [ik zweer|echt waar]',
		'[Gasten|Jongens] [met|in] [capuchons|bivakmutsen] [hier|op het plein], [ik vertrouw het niet|{r_alarm}]'
	],
	us_v_police: [
		'[Politie|ME|Agenten] [staat|staan] [nu|inmiddels] [rond|om] het plein, {r_alarm}',
		'[Ze|Politie] [sturen|stuurt] [iedereen|ons] weg [van het plein|hier], {r_alarm}',
		'[Helikopter|Heli] boven [Zuidoost|de Bijlmer|ons], [serieus|wtf]'
	],
	us_buzz: [
		'Wat is er aan de hand [in Zuidoost|bij het Bijlmerplein]? [Overal politie|Zo veel jongeren op straat]',
		'[Helikopter|Politiehelikopter] boven [Zuidoost|de Bijlmer], [weet iemand wat er is|?]',
		'[Zoon|Dochter] zegt dat [half|heel] Zuidoost op het Bijlmerplein staat, [ik hoop dat het rustig blijft|{r_neg}]'
	],
	us_official: [
		'Op het Bijlmerplein in Amsterdam-Zuidoost is een grote groep jongeren samengekomen. Wij zijn ter plaatse. Vermijd het gebied.',
		'De burgemeester heeft een noodbevel afgekondigd voor het Bijlmerplein en omgeving. Wie daar is moet weggaan.',
		'Het is inmiddels weer rustig op het Bijlmerplein. [Enkele aanhoudingen.|Wij blijven zichtbaar aanwezig.]'
	],
	us_report: [
		'Melding: grote groep jongeren [op|bij] {spot}, [sfeer grimmig|vuurwerk|geschreeuw]',
		'Melding: [honderden|veel] jongeren [bij|op] {spot}, [er wordt gevochten|flessen gegooid|overlast]'
	],
	us_talk: [
		'[Markt|Weekmarkt] op {sq} [vandaag|vanochtend], [lekker druk|gezellig|{r}]',
		'[Even|Ff] boodschappen doen [op|bij] {sq}, {r}',
		'[Wachten op|Staan bij] de bus [op|bij] {sq}, [{r}|{r_neg}]',
		'[Nieuwe|Leuke] [winkel|koffiezaak] [op|aan] {sq} in {nb}, [aanrader|{r}]',
		'{sq} in {city} [is echt opgeknapt|ziet er goed uit], {r}',
		'Stadsdeelkantoor [op|aan] {sq} [weer eens|] [dicht|vol], {r_neg}',
		'[Lunch|Koffie] [op|bij] {sq} [met|met mijn] [collega|moeder|vriendin], {r}'
	],
	us_invite: [
		'[Zondag|Zaterdag] [rommelmarkt|braderie|buurtfeest] op {sq}, [kom ook|iedereen welkom]!',
		'[Kom|Kom ook] [zaterdag|zondag] naar {sq}, [gratis muziek|kinderactiviteiten] voor iedereen',
		'[Zaterdag|Zondag] [buurtfeest|braderie] op {sq} in {nb}, [kom allemaal|iedereen welkom]'
	]
};

function sqName(r: Rand): string {
	return r.weighted<string>([
		['het Bijlmerplein', 40],
		['Bijlmerplein', 30],
		['bijlmerplein', 12],
		["'t Bijlmerplein", 6],
		['het bijlmerplein', 12]
	]);
}
function nbName(r: Rand): string {
	return r.weighted<string>([
		['Zuidoost', 35],
		['de Bijlmer', 25],
		["A'dam Zuidoost", 10],
		['Amsterdam-Zuidoost', 15],
		['Amsterdam Zuidoost', 15]
	]);
}
function cityName(r: Rand): string {
	return r.weighted<string>([
		['Amsterdam', 60],
		["A'dam", 20],
		['Mokum', 10],
		['Adam', 10]
	]);
}

const US_TAGS = ['#bijlmerplein', '#zuidoost', '#bijlmer', '#amsterdam', '#020', '#fyp'];
const CALL_TAGS = ['#bijlmerplein', '#fyp', '#vanavond', '#zuidoost'];

/** Everyday talk about the square (and invitations to what goes on there), both scenarios. */
function squareTalk(ctx: Ctx, code: number): RateComp {
	const cum = ctx.places.cumulative(
		(pp) => pp.weight * 30 * Math.exp(-distM(pp.ll, BIJLMERPLEIN) / 1000 / 3)
	);
	const mix = MIX[ctx.era].general;
	return {
		code,
		// About 20 posts a day, in the day's rhythm.
		rate: (t) => 0.014 * rhythm(t),
		mix: () => mix,
		make(it) {
			const { r, t, source } = it;
			const { pp, k, author } = localVoice(ctx, r, cum);
			const d: Draft = { t, id: it.id, source, author, text: '' };
			d.text = say(
				ctx,
				r,
				r.chance(0.12) ? 'us_invite' : 'us_talk',
				{ sq: sqName(r), nb: nbName(r), city: cityName(r) },
				{
					style: personaOf(ctx, pp, k),
					opener: 0.1,
					reaction: 0.1,
					tags: US_TAGS.slice(0, 4),
					tagP: 0.15,
					maxTags: 1
				}
			);
			// Some post from the square itself.
			return finishVoice(ctx, it, d, pp, false, 0.14, 0.3, () =>
				r.chance(0.75) ? scatter(r, BIJLMERPLEIN, 60) : scatter(r, homeOf(ctx, pp, k), 100)
			);
		}
	};
}

const usCallRate = curve([
	['2024-10-19T19:04:00+02:00', 0],
	['2024-10-19T19:05:00+02:00', 0.4],
	['2024-10-19T19:15:00+02:00', 1.1],
	['2024-10-19T19:40:00+02:00', 1.5],
	['2024-10-19T20:15:00+02:00', 0.7],
	['2024-10-19T21:30:00+02:00', 0.1],
	['2024-10-19T22:30:00+02:00', 0]
]);

const US_HUB = {
	at: '2024-10-19T19:05:00+02:00',
	source: 'tiktok' as const,
	author: 'zuidoost.vibes',
	text: 'VANAVOND 20:00 BIJLMERPLEIN 🔥 iedereen komen, neem je matties mee en zeg het voort!! #bijlmerplein #zuidoost'
};

function hubId(ctx: Ctx, code: number): string {
	return makeId(US_HUB.source, `${ctx.idSalt}${code}00000`);
}

/** The call: young voices from the city and around, few geotags. */
function callComp(ctx: Ctx, code: number, hubCode: number): RateComp {
	const cum = ctx.places.cumulative((pp) => {
		const d = distM(pp.ll, BIJLMERPLEIN) / 1000;
		return pp.weight * (1 + 40 * Math.exp(-d / 6));
	});
	const mix = MIX.e2024.young;
	return {
		code,
		rate: usCallRate,
		mix: () => mix,
		make(it) {
			const { r, t, source } = it;
			const { pp, k, author } = localVoice(ctx, r, cum);
			const persona = personaOf(ctx, pp, k);
			const style: StyleName = persona === 'adult' || persona === 'parent' ? 'young' : persona;
			const d: Draft = { t, id: it.id, source, author, text: '' };
			if (source === US_HUB.source && r.chance(0.25)) {
				d.repost_of = hubId(ctx, hubCode);
				d.text = r.chance(0.6) ? '' : say(ctx, r, 'repost', {}, { style });
			} else {
				const key = r.weighted<string>([
					['us_call_sq', 68],
					['us_call_nb', 12],
					['us_call_city', 8],
					['us_call_nbonly', 6],
					['us_call_cityonly', 6]
				]);
				d.text = say(
					ctx,
					r,
					key,
					{ sq: sqName(r), nb: nbName(r), city: cityName(r) },
					{
						style,
						mood: 'party',
						opener: 0.15,
						reaction: 0.1,
						tags: CALL_TAGS,
						tagP: 0.2,
						maxTags: 2
					}
				);
			}
			return finishVoice(
				ctx,
				it,
				d,
				pp,
				false,
				0.02,
				0.2,
				() => scatter(r, homeOf(ctx, pp, k), 100),
				0.5,
				1.5
			);
		}
	};
}

function runHub(ctx: Ctx, code: number, from: number, to: number, out: Draft[]): void {
	const t = T(US_HUB.at);
	if (t < from || t >= to) return;
	const r = Rand.of(ctx.salt, code, 0);
	const d: Draft = {
		t,
		id: hubId(ctx, code),
		source: US_HUB.source,
		author: US_HUB.author,
		text: US_HUB.text,
		lang: 'nl'
	};
	finish(ctx, r, d, `${ctx.idSalt}${code}00000`, 1, 0);
	d.engagement = {
		likes: r.int(3000, 20000),
		reposts: r.int(800, 5000),
		replies: r.int(200, 1500)
	};
	out.push(d);
}

const US_SPOTS: Record<string, Spot> = {
	plein: { name: 'het Bijlmerplein', a: BIJLMERPLEIN, spread: 45 },
	kantoor: { name: 'het stadsdeelkantoor', a: [4.9559, 52.3163], spread: 20 },
	winkels: { name: 'het winkelcentrum', a: [4.9538, 52.3151], b: [4.9528, 52.3143], spread: 15 }
};
const US_WEIGHTS: [string, number][] = [
	['plein', 70],
	['kantoor', 15],
	['winkels', 15]
];

const US_CROWD: GatheringCfg = {
	code: 73,
	city: 'Amsterdam',
	cityPlace: 'Amsterdam-Zuidoost',
	centre: BIJLMERPLEIN,
	station: [4.9471, 52.3121],
	stationWalk: [
		[4.95, 52.3135],
		[4.953, 52.3148]
	],
	spots: US_SPOTS,
	fallback: 'plein',
	weights: { early: US_WEIGHTS, full: US_WEIGHTS, late: US_WEIGHTS },
	origins: [
		['Amsterdam-Zuidoost', 55],
		['Amsterdam', 22],
		['Almere Stad', 7],
		['Amstelveen', 5],
		['Hoofddorp', 4],
		['Zaanstad', 4],
		['Utrecht', 3]
	],
	day: US_DAY,
	arrive: [
		[19.6, 20, 18],
		[20, 20.5, 42],
		[20.5, 21.25, 30],
		[21.25, 22, 10]
	],
	stay: (r, arrive) => arrive + Math.max(20, r.lognormal(75, 0.5)) * MIN,
	latest: T('2024-10-20T00:30:00+02:00'),
	members: 360,
	geoP: (u) => (u < 0.8 ? 0.02 : 0.17),
	tagP: 0.3,
	placeP: 0.3,
	venueRate: (t) => (t < US_POLICE ? 1 / 24 : 1 / 17),
	peakDiv: 17,
	venueKey: (r, t, _spot, _late, first) =>
		first ? 'us_arrive' : t >= US_POLICE && r.chance(0.45) ? 'us_v_police' : 'us_v',
	what: 'het Bijlmerplein',
	mood: 'party',
	tags: ['#bijlmerplein', '#zuidoost', '#bijlmer', '#020'],
	townPlace: ['Amsterdam-Zuidoost', 'Amsterdam', 'Amsterdam, Noord-Holland'],
	townTags: ['Amsterdam', 'Amsterdam-Zuidoost', 'Amsterdam, Nederland'],
	styles: [
		['teen', 45],
		['young', 42],
		['adult', 13]
	],
	sources: MIX.e2024.young
};

export const unknownSquareDef: ScenarioDef = {
	info: {
		name: 'unknown-square',
		title: 'Oproep naar het Bijlmerplein (niet in het register)',
		title_en: 'A call to the Bijlmerplein (not in the gazetteer)',
		description:
			'Zaterdag 19 oktober 2024 om 19:05 gaat een oproep rond om om 20:00 naar het Bijlmerplein in Amsterdam-Zuidoost te komen, een plein dat niet in het register staat; de meeste oproepen noemen alleen het plein, een minderheid ook Zuidoost of Amsterdam, bijna geen heeft een geotag; vanaf 19:35 komen een paar honderd jongeren; de reeks begint op donderdag 17 oktober.',
		start: '2024-10-17T00:00:00+02:00',
		end: '2024-10-20T04:00:00+02:00',
		clock: '2024-10-19T19:00:00+02:00',
		view: { center: [4.9551, 52.3158], zoom: 14.5 },
		areas: [],
		labels: [
			{
				id: 'bijlmerplein-call',
				name: 'Oproep: vanavond 20:00 Bijlmerplein',
				lon: BIJLMERPLEIN[0],
				lat: BIJLMERPLEIN[1],
				radius_m: 300,
				onset: '2024-10-19T19:05:00+02:00',
				planned: false,
				kind: 'mobilisation'
			},
			{
				id: 'bijlmerplein-crowd',
				name: 'Samenkomst jongeren Bijlmerplein',
				lon: BIJLMERPLEIN[0],
				lat: BIJLMERPLEIN[1],
				radius_m: 300,
				onset: '2024-10-19T20:00:00+02:00',
				arrivals_from: '2024-10-19T19:35:00+02:00',
				planned: false,
				expected_crowd: 400,
				kind: 'gathering'
			}
		]
	},
	era: 'e2024',
	lex: [HARD_LEX, US_LEX],
	build(ctx: Ctx): Runner[] {
		const crowd = gatheringCrowd(ctx, US_CROWD);
		const buzz = buzzComp(ctx, 74, {
			centre: BIJLMERPLEIN,
			regionKm: 5,
			rate: curve([
				['2024-10-19T20:20:00+02:00', 0],
				['2024-10-19T21:00:00+02:00', 0.5],
				['2024-10-19T22:00:00+02:00', 1.0],
				['2024-10-19T23:00:00+02:00', 0.5],
				['2024-10-20T00:30:00+02:00', 0.1],
				['2024-10-20T01:30:00+02:00', 0]
			]),
			key: () => 'us_buzz',
			vars: { city: 'Amsterdam' },
			geoU: 0.03,
			tagU: 0.35,
			tags: ['#zuidoost', '#bijlmer'],
			mood: 'alarm'
		});
		const off = officialsComp(
			ctx,
			75,
			curve([
				['2024-10-19T20:40:00+02:00', 0],
				['2024-10-19T21:00:00+02:00', 0.05],
				['2024-10-19T23:00:00+02:00', 0.04],
				['2024-10-20T00:30:00+02:00', 0]
			]),
			['politie_amsterdam', 'gemeente_amsterdam', 'politie_zuidoost'],
			'us_official',
			['#zuidoost'],
			'Amsterdam, Noord-Holland'
		);
		const rep = spotReports(
			ctx,
			76,
			curve([
				['2024-10-19T20:10:00+02:00', 0],
				['2024-10-19T20:40:00+02:00', 0.1],
				['2024-10-19T21:30:00+02:00', 0.4],
				['2024-10-19T23:00:00+02:00', 0.1],
				['2024-10-20T00:00:00+02:00', 0]
			]),
			'Amsterdam',
			US_SPOTS,
			US_WEIGHTS,
			'us_report',
			0.05
		);
		const talk = squareTalk(ctx, 71);
		const call = callComp(ctx, 72, 70);
		return [
			...backgroundRunners(ctx),
			(f, t, o) => runHub(ctx, 70, f, t, o),
			crowdRunner(crowd, [T('2024-10-19T18:00:00+02:00'), T('2024-10-20T03:00:00+02:00')]),
			...[talk, call, buzz, off, rep].map((c) => rateRunner(ctx, c))
		];
	}
};

/** Amsterdam's volume on the quiet weekend, relative to a normal day. */
export const QUIET_SUNDAY_FACTOR = 3;

export const quietSundayDef: ScenarioDef = {
	info: {
		name: 'quiet-sunday',
		title: 'Gewone zondag in Amsterdam',
		title_en: 'An ordinary Sunday in Amsterdam',
		description:
			'Zaterdag 9 en zondag 10 november 2024 in Amsterdam met drie keer zoveel berichten als normaal, het gewone gepraat over het Bijlmerplein (markt, winkels, bus) en uitnodigingen voor een rommelmarkt en een buurtfeest daar, maar zonder samenkomst; de zaterdag dient als basislijn.',
		start: '2024-11-09T00:00:00+01:00',
		end: '2024-11-11T00:00:00+01:00',
		clock: '2024-11-10T10:00:00+01:00',
		view: { center: [4.92, 52.35], zoom: 12 },
		areas: [],
		labels: []
	},
	era: 'e2024',
	lex: [HARD_LEX, US_LEX],
	build(ctx: Ctx): Runner[] {
		const ams = ll('Amsterdam');
		const near = new Set(ctx.places.near(ams, 9_000));
		const cum = ctx.places.cumulative((pp) => (near.has(pp) ? pp.weight : 0));
		const total = ctx.places.cum[ctx.places.cum.length - 1];
		const extra = (QUIET_SUNDAY_FACTOR - 1) * (cum[cum.length - 1] / total);
		const stat = backgroundStatic(ctx, 3, extra, {
			cum,
			author: (r, pp) => pp.authors + r.zipf(pp.authors * 20, 0.6)
		});
		const trips = backgroundTrips(4, extra, cum);
		const talk = squareTalk(ctx, 71);
		return [
			...backgroundRunners(ctx),
			(f, t, o) => runRate(ctx, stat, f, t, o),
			(f, t, o) => runTrips(ctx, trips, f, t, o),
			rateRunner(ctx, talk)
		];
	}
};
