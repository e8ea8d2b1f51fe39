/**
 * Alert summaries in the interface's languages, from the figures behind an alert (its `facts`).
 * The detector keeps the facts of each alert beside its Dutch `summary` (the alerts NDJSON format,
 * docs/formats.md, keeps only the text); the database stores them on the alert row (`facts`,
 * jsonb), and the map renders the summary in the chosen language with the same function. So the
 * Dutch text a file carries and the text the map shows come from one rule.
 *
 * Facts come back from the database and over Realtime: hostile input. `validateFacts` keeps only
 * well-formed ones; an alert without valid facts shows its stored Dutch summary.
 * Pure module: no UI, map or database imports.
 */
import { formatClock, localDate } from '../time/amsterdam';
import { learnedText, validLearned, type LearnedFacts } from './summary-learned';

export type SummaryLang = 'nl' | 'en';

/** A planned event whose crowd was exceeded. */
export interface PlannedFacts {
	event: string;
	/** Estimated people present. */
	estimate: number;
	/** The planned crowd. */
	planned: number;
}

/** The mobilisation that called people to where a crowd now shows up. */
export interface LinkedFacts {
	callers: number;
	place: string;
	/** ISO time the calls name, and whether they name a clock time. */
	expected_at?: string;
	clock?: boolean;
}

export interface MobilisationFacts {
	what: 'mobilisation';
	place: string;
	/** Distinct calling authors in 24 h. */
	callers: number;
	/** Authors new in the last 6 hours, and in the 18 hours before. */
	new6: number;
	earlier: number;
	reposts: number;
	expected_at?: string;
	/** Whether the calls name a clock time (else only a day). */
	clock?: boolean;
	/** Share (0-1) of the posts that doubt it happens. */
	sceptic: number;
	/** People actually show up. */
	confirmed: boolean;
	/** Little spread (severity info): possibly an empty call. */
	weak: boolean;
	/** The place is not in the gazetteer: learned from posts (summary-learned.ts). */
	learned?: LearnedFacts;
	/** Travel hubs: gps posts more than 3 km away that name the place, where they were posted. */
	travel?: HubFacts[];
	/** Meeting points on the way (a station named with the place), by distinct callers. */
	meeting?: { place: string; callers: number }[];
}

export interface HubFacts {
	place: string;
	posts: number;
	authors: number;
}

/**
 * A gathering's crowd seen again after it (AlertBook.fold): a surge or convergence whose authors
 * are mostly people who were in this gathering, next to it (its dispersal: "richting Essen") or
 * where it was (its aftermath: the press and the clean-up the morning after).
 */
export interface AfterFacts {
	/** Where: the place named at the later crowd's centre. */
	place: string;
	/** Distinct authors of the later crowd, and how many of them were in this gathering. */
	authors: number;
	crowd: number;
	/** ISO time it was first seen. */
	at: string;
	/** Beyond this gathering's area (dispersal), or inside it (aftermath). */
	away: boolean;
}

export interface SurgeFacts {
	what: 'surge';
	near: string;
	radius_m: number;
	minutes: number;
	observed: number;
	expected: number;
	/** The p-value's bound: p < 10^p_exp. */
	p_exp: number;
	authors: number;
	planned?: PlannedFacts;
	linked?: LinkedFacts;
	after?: AfterFacts[];
}

export interface OverflowFacts {
	what: 'overflow';
	event: string;
	posts: number;
	radius_m: number;
	minutes: number;
	expected: number;
	inside: number;
	authors: number;
	estimate: number;
	planned: number;
	linked?: LinkedFacts;
}

export interface ConvergenceFacts {
	what: 'convergence';
	near: string;
	authors: number;
	minutes: number;
	km: number;
	normal: number;
	planned?: PlannedFacts;
	linked?: LinkedFacts;
	after?: AfterFacts[];
}

export type AlertFacts = MobilisationFacts | SurgeFacts | OverflowFacts | ConvergenceFacts;

const DAYS: Record<SummaryLang, string[]> = {
	nl: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
	en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
};
const MONTHS: Record<SummaryLang, string[]> = {
	nl: [
		'januari',
		'februari',
		'maart',
		'april',
		'mei',
		'juni',
		'juli',
		'augustus',
		'september',
		'oktober',
		'november',
		'december'
	],
	en: [
		'January',
		'February',
		'March',
		'April',
		'May',
		'June',
		'July',
		'August',
		'September',
		'October',
		'November',
		'December'
	]
};

const INT = {
	nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }),
	en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
};

function int(n: number, lang: SummaryLang): string {
	return INT[lang].format(Math.round(n));
}

/** One decimal, with the language's decimal sign. */
function dec(n: number, lang: SummaryLang): string {
	const s = n.toFixed(1);
	return lang === 'nl' ? s.replace('.', ',') : s;
}

/** A ratio: whole from 10 on, else one decimal. */
function ratio(x: number, lang: SummaryLang): string {
	return x >= 10 ? String(Math.round(x)) : dec(x, lang);
}

/** "vrijdag 21 september 21:00" / "Friday 21 September 21:00" (Amsterdam time). */
export function whenText(iso: string | undefined, clock: boolean | undefined, lang: SummaryLang) {
	const t = iso === undefined ? NaN : Date.parse(iso);
	if (!Number.isFinite(t)) return '';
	const [, mo, d, dow] = localDate(t);
	return `${DAYS[lang][dow]} ${d} ${MONTHS[lang][mo - 1]}${clock ? ` ${formatClock(t)}` : ''}`;
}

function plannedText(p: PlannedFacts | undefined, lang: SummaryLang): string {
	if (!p) return '';
	return lang === 'nl'
		? ` Meer dan gepland bij ${p.event}: geschat ${int(p.estimate, lang)} aanwezigen tegen ${int(p.planned, lang)} verwacht.`
		: ` More than planned at ${p.event}: an estimated ${int(p.estimate, lang)} present against ${int(p.planned, lang)} expected.`;
}

function linkedText(l: LinkedFacts | undefined, lang: SummaryLang): string {
	if (!l) return '';
	const when = whenText(l.expected_at, l.clock, lang);
	return lang === 'nl'
		? ` Eerder riepen ${int(l.callers, lang)} auteurs op om naar ${l.place} te komen${when ? ` (oproepen noemen ${when})` : ''}.`
		: ` Earlier, ${int(l.callers, lang)} authors called on people to come to ${l.place}${when ? ` (the calls name ${when})` : ''}.`;
}

function afterText(list: AfterFacts[] | undefined, lang: SummaryLang): string {
	if (!list?.length) return '';
	const nl = lang === 'nl';
	return list
		.map((a) => {
			const t = Date.parse(a.at);
			const clock = Number.isFinite(t) ? formatClock(t) : '';
			const who = nl
				? `${int(a.authors, lang)} auteurs, van wie ${int(a.crowd, lang)} eerder in deze menigte`
				: `${int(a.authors, lang)} authors, ${int(a.crowd, lang)} of them earlier in this crowd`;
			if (a.away)
				return nl
					? ` Verspreiding richting ${a.place}${clock ? ` (${clock})` : ''}: ${who}.`
					: ` Dispersal towards ${a.place}${clock ? ` (${clock})` : ''}: ${who}.`;
			return nl
				? ` Nasleep bij ${a.place}${clock ? ` (${clock})` : ''}: ${who}.`
				: ` Aftermath at ${a.place}${clock ? ` (${clock})` : ''}: ${who}.`;
		})
		.join('');
}

function mobilisation(f: MobilisationFacts, lang: SummaryLang): string {
	const when = whenText(f.expected_at, f.clock, lang);
	const nl = lang === 'nl';
	const growth =
		f.new6 > 0 && f.earlier > 0
			? nl
				? `, ${int(f.new6, lang)} nieuw in de laatste 6 uur`
				: `, ${int(f.new6, lang)} new in the last 6 hours`
			: f.new6 > 0
				? nl
					? ', allemaal nieuw'
					: ', all of them new'
				: '';
	let text = nl
		? `Oproepen om naar ${f.place} te komen: ${int(f.callers, lang)} unieke auteurs in 24 uur${growth}; ` +
			`${int(f.reposts, lang)} keer gedeeld` +
			(when ? `; oproepen noemen ${when}.` : '.')
		: `Calls to come to ${f.place}: ${int(f.callers, lang)} unique authors in 24 hours${growth}; ` +
			`shared ${int(f.reposts, lang)} times` +
			(when ? `; the calls name ${when}.` : '.');
	text += learnedText(f.place, f.learned, lang);
	if (f.sceptic >= 0.2)
		text += nl
			? ` ${Math.round(f.sceptic * 100)}% van de berichten twijfelt of het doorgaat.`
			: ` ${Math.round(f.sceptic * 100)}% of the posts doubt that it will happen.`;
	if (f.meeting?.length)
		text += nl
			? ` Verzamelpunt onderweg: ${f.meeting.map((m) => `${m.place} (${int(m.callers, lang)} oproepen)`).join(', ')}.`
			: ` Meeting point on the way: ${f.meeting.map((m) => `${m.place} (${int(m.callers, lang)} calls)`).join(', ')}.`;
	if (f.travel?.length)
		text += nl
			? ` Reizigers onderweg erheen: ${f.travel.map((h) => `${int(h.posts, lang)} berichten bij ${h.place}`).join(', ')}.`
			: ` Travellers on the way: ${f.travel.map((h) => `${int(h.posts, lang)} posts at ${h.place}`).join(', ')}.`;
	if (f.confirmed)
		text += nl ? ' Er komen nu ook mensen ter plaatse.' : ' People are now arriving on site.';
	else if (f.weak)
		text += nl
			? ' Nog weinig verspreid: mogelijk een loze oproep.'
			: ' Little spread so far: possibly an empty call.';
	return text;
}

function surge(f: SurgeFacts, lang: SummaryLang): string {
	const x = f.observed / Math.max(f.expected, Number.MIN_VALUE);
	const text =
		lang === 'nl'
			? `${ratio(x, lang)}x meer berichten dan normaal binnen ${int(f.radius_m, lang)} m van ${f.near} in ${f.minutes} min (${int(f.observed, lang)} tegen ${dec(f.expected, lang)} verwacht, p < 1e${f.p_exp}); ${int(f.authors, lang)} unieke auteurs.`
			: `${ratio(x, lang)}x more posts than normal within ${int(f.radius_m, lang)} m of ${f.near} in ${f.minutes} min (${int(f.observed, lang)} against ${dec(f.expected, lang)} expected, p < 1e${f.p_exp}); ${int(f.authors, lang)} unique authors.`;
	return (
		text + plannedText(f.planned, lang) + linkedText(f.linked, lang) + afterText(f.after, lang)
	);
}

function overflow(f: OverflowFacts, lang: SummaryLang): string {
	const x = f.posts / Math.max(f.expected, 1);
	const text =
		lang === 'nl'
			? `Overloop buiten ${f.event}: ${int(f.posts, lang)} berichten binnen ${int(f.radius_m, lang)} m buiten het terrein in ${f.minutes} min tegen ${dec(f.expected, lang)} verwacht naar de drukte binnen (${int(f.inside, lang)}), ${dec(x, lang)}x; ${int(f.authors, lang)} unieke auteurs, geschat ${int(f.estimate, lang)} mensen buiten het terrein (gepland ${int(f.planned, lang)} bezoekers).`
			: `Overflow outside ${f.event}: ${int(f.posts, lang)} posts within ${int(f.radius_m, lang)} m outside the grounds in ${f.minutes} min against ${dec(f.expected, lang)} expected from the crowd inside (${int(f.inside, lang)}), ${dec(x, lang)}x; ${int(f.authors, lang)} unique authors, an estimated ${int(f.estimate, lang)} people outside the grounds (${int(f.planned, lang)} visitors planned).`;
	return text + linkedText(f.linked, lang);
}

function convergence(f: ConvergenceFacts, lang: SummaryLang): string {
	const text =
		lang === 'nl'
			? `${int(f.authors, lang)} unieke auteurs kwamen in ${f.minutes} min naar ${f.near}, van gemiddeld ${dec(f.km, lang)} km verderop (normaal ${dec(f.normal, lang)}).`
			: `${int(f.authors, lang)} unique authors came to ${f.near} in ${f.minutes} min, from ${dec(f.km, lang)} km away on average (normally ${dec(f.normal, lang)}).`;
	return (
		text + plannedText(f.planned, lang) + linkedText(f.linked, lang) + afterText(f.after, lang)
	);
}

/** The summary of an alert's facts in a language. */
export function summaryText(f: AlertFacts, lang: SummaryLang): string {
	switch (f.what) {
		case 'mobilisation':
			return mobilisation(f, lang);
		case 'surge':
			return surge(f, lang);
		case 'overflow':
			return overflow(f, lang);
		case 'convergence':
			return convergence(f, lang);
	}
}

/**
 * The summary of an alert in the chosen language: rendered from its facts when it has valid ones,
 * else its stored (Dutch) summary.
 */
export function alertSummary(
	alert: { summary: string; facts?: AlertFacts | null },
	lang: SummaryLang
): string {
	return alert.facts ? summaryText(alert.facts, lang) : alert.summary;
}

// ----- validation of stored facts (hostile input) ----------------------------------------------

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number =>
	typeof v === 'number' && Number.isFinite(v) && v >= -1e9 && v <= 1e12;
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const iso = (v: unknown): v is string =>
	typeof v === 'string' && v.length <= 40 && Number.isFinite(Date.parse(v));

function nums(o: Obj, keys: string[]): boolean {
	return keys.every((k) => num(o[k]));
}

function planned(v: unknown): PlannedFacts | undefined | null {
	if (v === undefined || v === null) return undefined;
	if (!isObj(v) || !str(v.event) || !nums(v, ['estimate', 'planned'])) return null;
	return { event: v.event, estimate: v.estimate as number, planned: v.planned as number };
}

function linked(v: unknown): LinkedFacts | undefined | null {
	if (v === undefined || v === null) return undefined;
	if (!isObj(v) || !str(v.place) || !num(v.callers)) return null;
	if (v.expected_at !== undefined && v.expected_at !== null && !iso(v.expected_at)) return null;
	return {
		callers: v.callers,
		place: v.place,
		...(iso(v.expected_at) ? { expected_at: v.expected_at, clock: v.clock === true } : {})
	};
}

/** The list of a gathering's crowd seen again (at most 10), or undefined (none, or malformed:
 * dropped, the rest of the facts kept). */
function after(v: unknown): AfterFacts[] | undefined {
	if (!Array.isArray(v) || v.length === 0 || v.length > 10) return undefined;
	const out: AfterFacts[] = [];
	for (const a of v) {
		if (!isObj(a) || !str(a.place) || !nums(a, ['authors', 'crowd']) || !iso(a.at))
			return undefined;
		out.push({
			place: a.place,
			authors: a.authors as number,
			crowd: a.crowd as number,
			at: a.at,
			away: a.away === true
		});
	}
	return out;
}

function validHubs(v: unknown): boolean {
	return (
		Array.isArray(v) &&
		v.length > 0 &&
		v.every((h) => isObj(h) && str(h.place) && nums(h, ['posts', 'authors']))
	);
}

function validMeeting(v: unknown): boolean {
	return (
		Array.isArray(v) &&
		v.length > 0 &&
		v.every((h) => isObj(h) && str(h.place) && nums(h, ['callers']))
	);
}

/** Well-formed facts, or undefined (the alert then shows its stored summary). */
export function validateFacts(v: unknown): AlertFacts | undefined {
	if (!isObj(v)) return undefined;
	// An overflow's `planned` is the planned crowd (a number), not a planned event.
	const p = v.what === 'overflow' ? undefined : planned(v.planned);
	const l = linked(v.linked);
	const af = v.what === 'surge' || v.what === 'convergence' ? after(v.after) : undefined;
	if (p === null || l === null) return undefined;
	const extra = {
		...(p ? { planned: p } : {}),
		...(l ? { linked: l } : {}),
		...(af ? { after: af } : {})
	};
	switch (v.what) {
		case 'mobilisation': {
			if (!str(v.place) || !nums(v, ['callers', 'new6', 'earlier', 'reposts', 'sceptic']))
				return undefined;
			if (v.expected_at !== undefined && v.expected_at !== null && !iso(v.expected_at))
				return undefined;
			const lf = validLearned(v.learned);
			if (lf === null) return undefined;
			return {
				...(lf ? { learned: lf } : {}),
				what: 'mobilisation',
				place: v.place,
				callers: v.callers as number,
				new6: v.new6 as number,
				earlier: v.earlier as number,
				reposts: v.reposts as number,
				...(iso(v.expected_at) ? { expected_at: v.expected_at, clock: v.clock === true } : {}),
				sceptic: v.sceptic as number,
				confirmed: v.confirmed === true,
				weak: v.weak === true,
				...(validHubs(v.travel) ? { travel: v.travel as HubFacts[] } : {}),
				...(validMeeting(v.meeting)
					? { meeting: v.meeting as { place: string; callers: number }[] }
					: {})
			};
		}
		case 'surge':
			if (
				!str(v.near) ||
				!nums(v, ['radius_m', 'minutes', 'observed', 'expected', 'p_exp', 'authors'])
			)
				return undefined;
			return {
				what: 'surge',
				near: v.near,
				radius_m: v.radius_m as number,
				minutes: v.minutes as number,
				observed: v.observed as number,
				expected: v.expected as number,
				p_exp: v.p_exp as number,
				authors: v.authors as number,
				...extra
			};
		case 'overflow':
			if (
				!str(v.event) ||
				!nums(v, [
					'posts',
					'radius_m',
					'minutes',
					'expected',
					'inside',
					'authors',
					'estimate',
					'planned'
				])
			)
				return undefined;
			return {
				what: 'overflow',
				event: v.event,
				posts: v.posts as number,
				radius_m: v.radius_m as number,
				minutes: v.minutes as number,
				expected: v.expected as number,
				inside: v.inside as number,
				authors: v.authors as number,
				estimate: v.estimate as number,
				planned: v.planned as number,
				...(l ? { linked: l } : {})
			};
		case 'convergence':
			if (!str(v.near) || !nums(v, ['authors', 'minutes', 'km', 'normal'])) return undefined;
			return {
				what: 'convergence',
				near: v.near,
				authors: v.authors as number,
				minutes: v.minutes as number,
				km: v.km as number,
				normal: v.normal as number,
				...extra
			};
		default:
			return undefined;
	}
}
