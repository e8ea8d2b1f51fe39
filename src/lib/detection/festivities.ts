/**
 * National festivities whose crowds are expected: King's Night and King's Day (Koningsnacht,
 * Koningsdag; Koninginnenacht and Koninginnedag before 2014) and New Year's Eve (Oud en Nieuw).
 * On such a night the old town of every city is full of people celebrating, more than on any
 * night of the history the detector learned from, and they say so.
 *
 * A post during a festivity that speaks of it (its words: "Koningsnacht", "vrijmarkt", "oranje";
 * "vuurwerk", "gelukkig nieuwjaar") and of nothing alarming (riot police, fights, weapons, fire,
 * injuries, a call for help, a crush, damage) is that festivity's celebration: expected wherever
 * people celebrate it. The surge, convergence and place-layer tests leave it out (as they leave
 * out posts about a planned event); it still teaches the baseline. Posts of the same night that
 * speak of trouble count as always, so a riot on New Year's Eve is raised by its own posts.
 *
 * Dates (Amsterdam time): King's Day is 27 April, 26 April when the 27th is a Sunday (since
 * 2014); Queen's Day was 30 April, 29 April when the 30th was a Sunday (1980-2013), 1 May before
 * 1980. Its night runs from 18:00 the evening before until 06:00, the day from 06:00 until 06:00
 * the next morning (the crowd going home). New Year's Eve runs from 31 December 18:00 until
 * 1 January 06:00. Pure module.
 */
import { fromLocal, localParts } from '../time/amsterdam';

export interface Festivity {
	/** Its Dutch name, for facts and tests. */
	name: string;
	/** Epoch ms, [from, to). */
	from: number;
	to: number;
	/** Its words in a post. */
	cues: RegExp;
}

const W = '(?:^|[^\\p{L}\\p{N}])';
const E = '(?![\\p{L}])';

/** King's Night and King's Day in a post. */
const KINGS_RE = new RegExp(
	`${W}(?:konings(?:nacht|dag)\\p{L}*|koninginne(?:nacht|dag)\\p{L}*|kings?\\s?(?:day|night)\\p{L}*|king'?s\\s(?:day|night)|queens?\\s?day|kdag|vrijmarkt\\p{L}*|kleedjesmarkt\\p{L}*|oranje\\p{L}*|orange)${E}`,
	'iu'
);
/** New Year's Eve in a post. */
const NYE_RE = new RegExp(
	`${W}(?:oud\\s?(?:en|&|\\+|n)\\s?nieuw|oudjaar\\p{L}*|oudejaars\\p{L}*|jaarwisseling|nieuwjaar\\p{L}*|new\\s?year\\p{L}*|nye|vuurwerk\\p{L}*|oliebol\\p{L}*|aftellen|countdown|carbid\\p{L}*)${E}`,
	'iu'
);
/**
 * Trouble: a post that speaks of it is never explained by a festivity. Riot police ("ME" in
 * capitals: "me" is English), the police, fights, weapons, fire, injuries, help, a crush, damage.
 */
const ALARM_RE = new RegExp(
	`${W}(?:rel(?:len|letjes?|schopp\\p{L}*)?|mobiele eenheid|politie\\p{L}*|agent(?:en)?|charge\\p{L}*|gevecht\\p{L}*|vecht\\p{L}*|knokpartij\\p{L}*|gestoken|steekpartij\\p{L}*|mes(?:sen)?|schiet\\p{L}*|schoten|brand(?:je|en|t)?|fik|gewond\\p{L}*|ambulance\\p{L}*|112|help|hulp|paniek|gedrang|verdrukking|vernield\\p{L}*|vernieling\\p{L}*|slopen|sloop|stenen|molotov\\p{L}*|explosie\\p{L}*|bom(?:men)?|traangas|noodverordening|plunder\\p{L}*|riot\\p{L}*|fight\\p{L}*|stab\\p{L}*|police|injur\\p{L}*|crush)${E}`,
	'iu'
);
const RIOT_POLICE_RE = /(?:^|[^\p{L}])ME(?![\p{L}])/u;

/** The local date of King's Day (Queen's Day before 2014) in a year: [month, day]. */
export function kingsDay(year: number): [number, number] {
	const weekday = (m: number, d: number) => new Date(Date.UTC(year, m - 1, d)).getUTCDay();
	if (year >= 2014) return weekday(4, 27) === 0 ? [4, 26] : [4, 27];
	if (year >= 1980) return weekday(4, 30) === 0 ? [4, 29] : [4, 30];
	return weekday(4, 30) === 0 ? [5, 1] : [4, 30];
}

/** The festivities of a local calendar year (and the New Year's Eve that ends in it). */
export function festivitiesOf(year: number): Festivity[] {
	const [m, d] = kingsDay(year);
	const royal = year >= 2014 ? 'Konings' : 'Koninginne';
	return [
		{
			name: 'Oud en Nieuw',
			from: fromLocal(year - 1, 12, 31, 18),
			to: fromLocal(year, 1, 1, 6),
			cues: NYE_RE
		},
		{
			name: `${royal}nacht`,
			from: fromLocal(year, m, d - 1, 18),
			to: fromLocal(year, m, d, 6),
			cues: KINGS_RE
		},
		{
			name: `${royal}dag`,
			from: fromLocal(year, m, d, 6),
			to: fromLocal(year, m, d + 1, 6),
			cues: KINGS_RE
		},
		{
			name: 'Oud en Nieuw',
			from: fromLocal(year, 12, 31, 18),
			to: fromLocal(year + 1, 1, 1, 6),
			cues: NYE_RE
		}
	];
}

const HOUR_MS = 3_600_000;
let cacheHour = NaN;
let cacheList: Festivity[] = [];

/** The festivities under way at t (epoch ms); empty on most days. */
export function festivitiesAt(t: number): Festivity[] {
	if (!Number.isFinite(t)) return [];
	const h = Math.floor(t / HOUR_MS);
	if (h === cacheHour) return cacheList.filter((f) => t >= f.from && t < f.to);
	const year = localParts(t).year;
	cacheHour = h;
	// The festivities that touch this hour: the windows start and end on whole hours.
	cacheList = festivitiesOf(year).filter((f) => f.from < (h + 1) * HOUR_MS && f.to > h * HOUR_MS);
	return cacheList.filter((f) => t >= f.from && t < f.to);
}

/** Whether a text speaks of trouble (never explained by a festivity). */
export function alarming(text: string): boolean {
	return ALARM_RE.test(text) || RIOT_POLICE_RE.test(text);
}

/**
 * The festivity a post at t celebrates: one under way at t whose words the text uses, when the
 * text speaks of no trouble; else undefined.
 */
export function celebrates(text: string | undefined, t: number): Festivity | undefined {
	if (!text) return undefined;
	const list = festivitiesAt(t);
	if (!list.length) return undefined;
	const f = list.find((x) => x.cues.test(text));
	return f && !alarming(text) ? f : undefined;
}
