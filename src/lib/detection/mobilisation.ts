/**
 * Mobilisation: posts that call people to a place and a time, resolved to a place through the
 * gazetteer (text first, so "Project X Haren" posted from Assen points at Haren), grouped per
 * place and weighed by spread: distinct authors, reposts and growth. Pure module.
 *
 * Cues (Dutch and English, slang and common misspellings) are matched with a cheap prefilter
 * on every post and full patterns only on the few that pass. A post counts as a call when its
 * cue weight is at least 1.5, or 1 with an announced day or time. Sceptical posts ("nep",
 * "niemand gaat", "gaat niet door") name the place but do not call; they are counted apart.
 */
import { fromLocal, localDate } from '../time/amsterdam';

const PREFILTER =
	/pro[jy]e[ck]t\s*-?\s*x|projectx|#px|f[e3]{2}st|part[yi]|fuif|iedereen|allemaal|every(one|body)|\bkom|verzamel|vanavond|tonight|uitnodig|invit|zeg(t|gen)? het voort|spread the word|neem (je|al je|ff je)|wie (gaat|komt|gaan)|who'?s (going|coming)|anyone going|erbij|aangemeld|attending|\bgaan\b|\bgaat\b/i;

interface Cue {
	re: RegExp;
	w: number;
}

const CUES: Cue[] = [
	{ re: /pro[jy]e[ck]t\s*-?\s*x|projectx|#px\w*/i, w: 2 },
	{ re: /f[e3]{2}st(je)?\s+(bij|in|op|aan|at)\b/i, w: 1.5 },
	{ re: /\b(party|parti|feestje?|fuif)\s+(at|in|bij|op)\b/i, w: 1.5 },
	{
		re: /iedereen\s+(?:(?:vanavond|vannacht|morgen|straks|nu|dan|vrijdag|zaterdag|zondag)\s+)?(komen|komt|kome|naar|moet|gaat|welkom|uitgenodigd)/i,
		w: 1.5
	},
	{ re: /\bkom(t|en)?\s+(allemaal|ook|massaal|allen|dan)\b/i, w: 1.5 },
	{ re: /verzamel(en|punt|t)?\b/i, w: 1.5 },
	{ re: /neem\s+(je|al je|ff je|jullie)\s+(vrienden|vriendinnen|maten|matties)\s+mee/i, w: 1.5 },
	{ re: /every(one|body)\s+(come|to|is going|welcome)/i, w: 1.5 },
	{ re: /zeg(t|gen)?\s+het\s+voort|spread the word|deel dit|delen!|share this/i, w: 1 },
	{ re: /wie\s+(gaat|gaan|komt)|who'?s\s+(going|coming)|anyone going|wie is erbij/i, w: 1 },
	{
		re: /ik ben erbij|we\s+ga(a)?n|ik\s+ga\s+(ook|sws|zeker|echt)|gaan\s+sws|sws\s+(gaan|erbij)|aangemeld|attending|going to/i,
		w: 1
	},
	{ re: /uitnodig|invit/i, w: 1 }
];

const SCEPTIC =
	/niemand\s+(gaat|komt)|gaat\s+(toch\s+)?niet\s+door|\bnep\b|\bhoax\b|\bfake\b|afgelast|er\s+is\s+geen\s+feest|geen feest|gaat toch niemand|nobody('s| is)? going|not happening/i;

/** How strongly a text calls people to come; 0 when it does not. */
export interface CallCues {
	weight: number;
	sceptic: boolean;
}

/** Quick test on every post: false for nearly all texts. */
export function maybeCall(text: string): boolean {
	return PREFILTER.test(text);
}

/** Cue weight of a text (run only after maybeCall). */
export function callCues(text: string): CallCues {
	let weight = 0;
	for (const c of CUES) if (c.re.test(text)) weight += c.w;
	return { weight, sceptic: SCEPTIC.test(text) };
}

const WEEKDAYS: Record<string, number> = {
	zondag: 0,
	zo: 0,
	sunday: 0,
	maandag: 1,
	monday: 1,
	dinsdag: 2,
	tuesday: 2,
	woensdag: 3,
	wednesday: 3,
	donderdag: 4,
	thursday: 4,
	vrijdag: 5,
	vrijdg: 5,
	vrydag: 5,
	friday: 5,
	zaterdag: 6,
	zatedag: 6,
	saturday: 6
};
const MONTHS: Record<string, number> = {
	jan: 1,
	januari: 1,
	january: 1,
	feb: 2,
	februari: 2,
	february: 2,
	mrt: 3,
	maart: 3,
	march: 3,
	apr: 4,
	april: 4,
	mei: 5,
	may: 5,
	jun: 6,
	juni: 6,
	june: 6,
	jul: 7,
	juli: 7,
	july: 7,
	aug: 8,
	augustus: 8,
	august: 8,
	sep: 9,
	sept: 9,
	september: 9,
	okt: 10,
	oct: 10,
	oktober: 10,
	october: 10,
	nov: 11,
	november: 11,
	dec: 12,
	december: 12
};

const TIME_RE = /\b([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d.,])(?:\s*u(?:ur)?)?/;
const HOUR_RE = /\b(?:om\s+|at\s+)?([01]?\d|2[0-3])\s*(uur|u\b|pm\b|am\b)/i;
const DM_RE = /\b([0-3]?\d)[/-]([01]?\d)\b(?![/-]\d{3})/;
const DMONTH_RE =
	/\b([0-3]?\d)(?:e|ste|de)?\s+(jan(?:uari|uary)?|feb(?:ruari|ruary)?|mrt|maart|march|apr(?:il)?|mei|may|jun[ie]?|jul[iy]?|aug(?:ustus)?|sept?(?:ember)?|o[ck]t(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const DE_NTH_RE = /\bde\s+([0-3]?\d)(?:e|ste|de)\b/i;
const WEEKDAY_RE =
	/\b(zondag|maandag|dinsdag|woensdag|donderdag|vrijdag|vrijdg|vrydag|zaterdag|zatedag|sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i;
const TONIGHT_RE = /\b(vanavond|vanaf vanavond|tonight|vannacht|2nite|vnavond)\b/i;
const TOMORROW_RE = /\b(morgen|morgenavond|tomorrow|mrgn)\b/i;
const EVENING_RE = /avond|nacht|tonight|night|pm\b/i;

/** An announced day and optional clock time found in a text, relative to the post's time. */
export interface Announced {
	/** Local midnight of the day, epoch ms; NaN when no day was named. */
	day: number;
	/** Minutes after midnight; -1 when no time was named. */
	minutes: number;
}

/** Find an announced day and time ("vrijdag 21 september om 21:00", "21/9", "vanavond 20u"). */
export function announced(text: string, t: number): Announced {
	const [y, mo, d, dow] = localDate(t);
	let day = NaN;
	let m: RegExpExecArray | null;
	if ((m = DMONTH_RE.exec(text))) {
		const dd = Number(m[1]);
		const mm = MONTHS[m[2].toLowerCase()] ?? MONTHS[m[2].toLowerCase().slice(0, 3)];
		if (dd >= 1 && dd <= 31 && mm) day = fromLocal(y + (mm < mo - 6 ? 1 : 0), mm, dd);
	} else if ((m = DM_RE.exec(text))) {
		const dd = Number(m[1]);
		const mm = Number(m[2]);
		if (dd >= 1 && dd <= 31 && mm >= 1 && mm <= 12 && Math.abs(mm - mo) <= 2)
			day = fromLocal(y + (mm < mo - 6 ? 1 : 0), mm, dd);
	} else if ((m = DE_NTH_RE.exec(text))) {
		const dd = Number(m[1]);
		if (dd >= 1 && dd <= 31) day = dd >= d ? fromLocal(y, mo, dd) : fromLocal(y, mo + 1, dd);
	}
	if (Number.isNaN(day)) {
		if (TONIGHT_RE.test(text)) day = fromLocal(y, mo, d);
		else if (TOMORROW_RE.test(text)) day = fromLocal(y, mo, d + 1);
		else if ((m = WEEKDAY_RE.exec(text))) {
			const w = WEEKDAYS[m[1].toLowerCase()];
			day = fromLocal(y, mo, d + ((w - dow + 7) % 7));
		}
	}
	let minutes = -1;
	if ((m = TIME_RE.exec(text))) minutes = Number(m[1]) * 60 + Number(m[2]);
	else if ((m = HOUR_RE.exec(text))) {
		let h = Number(m[1]);
		const unit = m[2].toLowerCase();
		if (unit === 'pm' && h < 12) h += 12;
		else if (unit !== 'am' && h > 0 && h < 12 && (EVENING_RE.test(text) || h <= 6)) h += 12;
		if (h < 24) minutes = h * 60;
	}
	// A day in the past (more than a day ago) is a date talked about, not an announcement.
	if (!Number.isNaN(day) && day < t - 86_400_000) day = NaN;
	return { day, minutes };
}
