/**
 * Mentions that name something other than a Dutch place: a club ("FC Utrecht", "PEC Zwolle",
 * "Go Ahead Eagles Deventer", "Helmond Sport"), a cape ("Kaap Hoorn"), a place abroad by a
 * nationality ("het Duitse Haren"), a country or city abroad ("Turkije" is not the hamlet
 * Turkeye), a person ("Ede Staal", "Sjaak Swart"), or a part of a longer proper name ("Mark
 * Rutte", "Kleine Geul") for names that need a cue anyway; in a text about a match, a town
 * without a preposition of place, its inhabitants and its adjective before a word of the game
 * (the club: "Zwolle kwam sterk uit de kleedkamer", "de Venlonaren"); an organisation
 * ("Universiteit Utrecht", "Enschede's Politie Mannenkoor"); a compass word that starts a
 * province ("Noord" in "Noord-Brabant"). Pure.
 */
import { ABROAD_ADJECTIVES, abroadAt, COUNTRY_KEYS, PLACING_ADJECTIVES } from './abroad';
import type { Mention } from './mentions';
import type { Tokens } from './tokens';
import {
	FIRST_NAME_TOWNS,
	FIRST_NAMES,
	FOREIGN_PAIRS,
	FOREIGN_WORDS,
	NOT_PLACE_AFTER,
	NOT_PLACE_BEFORE,
	PROVINCE_ADJECTIVES,
	PROVINCE_WORDS
} from './words';

/** Province names (one word) that are also villages ("Zeeland" in Noord-Brabant). */
const PROVINCE_NAMES = new Set([
	'zeeland',
	'limburg',
	'drenthe',
	'friesland',
	'fryslan',
	'flevoland',
	'brabant'
]);

/** Compass words and the provinces and regions they start ("Noord-Brabant", "Oost-Groningen"). */
const COMPASS = new Set(['noord', 'zuid', 'oost', 'west', 'midden']);
const REGION_AFTER_COMPASS = new Set(
	(
		'holland hollands hollandse brabant brabants brabantse limburg limburgs limburgse ' +
		'friesland fryslan nederland groningen drenthe gelderland overijssel utrecht zeeland ' +
		'flevoland veluwe twente betuwe achterhoek'
	).split(' ')
);

/** Words of a text about a match: a town's inhabitants there are its club ("de Venlonaren"). */
const SPORT_WORDS = new Set(
	// Words of the game itself, not of the crowd ("wedstrijd", "supporters", "fans", "derby"
	// come with riots in town too).
	(
		'zege nederlaag gelijkspel punten competitie eredivisie doelpunt doelpunten goal goals ' +
		'thuiswedstrijd uitwedstrijd elftal trainer kampioen kampioenschap degradatie promotie ' +
		'ranglijst speelronde scoorde scoorden kleedkamer strafschop penalty gelijkmaker ' +
		'voorsprong doellijn thuisploeg uitploeg scheidsrechter keeper doelman spits ' +
		'middenvelder verdediger transfer geschorst ploeg balbezit hattrick buitenspel aftrap ' +
		'invaller kopbal topscorer koploper doelsaldo tegentreffer treffer treffers knvb uefa ' +
		'nacompetitie bekerfinale kwartfinale thuisduel uitduel kopduel assist assists'
	).split(' ')
);

/** Whether a text is about a match: a sport word, or a score ("3-2", "2-2"). */
export function aboutSport(t: Tokens, text?: string): boolean {
	for (const w of t.tok) if (SPORT_WORDS.has(w)) return true;
	return text !== undefined && SCORE_RE.test(text);
}
// Not a date or a time ("12-10.2020", "2-3:00"); a score may end a sentence ("met 2-1.").
const SCORE_RE = /(?:^|[^\d])\d{1,2}\s?[-–]\s?\d{1,2}(?![\d:]|\.\d)/;

/** A demonym that is an adjective ("Arnhemse", "Bossche"), not an inhabitant name. */
const ADJECTIVE_RE = /(?:se|sche)$/;

/** Words of the game after a town's adjective: the club ("de Arnhemse club"). */
const CLUB_NOUNS = new Set(
	(
		'club ploeg elftal selectie formatie gelijkmaker winnaar treffer aanvaller spits doelman ' +
		'keeper verdediging verdediger middenvelder trainer coach aanval voorsprong thuisploeg ' +
		'tegenstander equipe'
	).split(' ')
);

/** A team after a town's adjective is its club, in any text ("de Arnhemse club", "het Zwolse
 * elftal"). */
const TEAM_NOUNS = new Set('club ploeg elftal selectie formatie equipe'.split(' '));

/**
 * Kinds of organisation that carry a town's name after them ("Reddingsbrigade Bergen",
 * "Harmonie Haren", "Scouting Leek"): with a capital, the organisation, not the place.
 * Not the services that work in the town ("Brandweer Bergen", "Politie Haren", "Gemeente Ede").
 */
const ORGANISATIONS = new Set(
	(
		'reddingsbrigade harmonie fanfare schutterij stichting vereniging muziekvereniging ' +
		'zangvereniging toneelvereniging oranjevereniging ijsvereniging ijsclub voetbalvereniging ' +
		'voetbalclub korfbalvereniging korfbalclub hockeyclub hockeyvereniging tennisclub ' +
		'tennisvereniging golfclub roeivereniging zwemvereniging zwemclub watersportvereniging ' +
		'schaakclub schaakvereniging wielerclub atletiekvereniging atletiekclub turnvereniging ' +
		'gymnastiekvereniging handbalvereniging volleybalvereniging basketbalvereniging rugbyclub ' +
		'hengelsportvereniging carnavalsvereniging koor mannenkoor vrouwenkoor kamerkoor orkest ' +
		'muziekkorps drumband brassband showband scouting woningstichting woonstichting ' +
		'woningbouwvereniging heemkundekring sportclub schaatsclub ' +
		'rabobank'
	).split(' ')
);

/** Inhabitant names in the plural ("Venlonaren", "Zwollenaren", "Tukkers", "Hagenezen"). */
const PLURAL_INHABITANTS_RE = /(?:ers|aren|aars|ezen|lingen)$/;

/**
 * Why a mention is not a Dutch place, or null when it may be one. With `sport` (the text is about
 * a match), a town's inhabitants in the plural are its club ("de Venlonaren staan na de 3-2 zege
 * ...").
 */
export function notPlace(
	m: Mention,
	t: Tokens,
	ms: readonly Mention[],
	sport = false,
	dateline = false
): string | null {
	const tok = t.tok;
	const key = m.name.key;
	// In a text about a match, a town named without a preposition of place is its club ("Zwolle
	// kwam sterk uit de kleedkamer", "de gasten uit Zwolle", "de club uit de Domstad"), and so
	// are its inhabitants ("de Venlonaren", "de Apeldoorner") and its adjective before a word of
	// the game ("de Arnhemse club", "de Zwolse gelijkmaker"); "in Zwolle", "de Arnhemse fans"
	// stay the town.
	if (sport && !m.hash && m.prep <= 0 && !nextToMention(ms, m) && !(m.tok === 0 && dateline)) {
		if (m.name.via === 'demonym') {
			if (!ADJECTIVE_RE.test(key)) return 'club';
			const next = m.tok + m.len < tok.length ? tok[m.tok + m.len] : '';
			if (CLUB_NOUNS.has(next)) return 'club';
		} else if (m.name.via === 'nickname') return 'club';
		else if (m.name.tier === 0 && m.name.strong.length && !m.name.via) return 'club';
	}
	if (sport && m.name.via === 'demonym' && PLURAL_INHABITANTS_RE.test(key)) return 'club';
	if (
		m.name.via === 'demonym' &&
		ADJECTIVE_RE.test(key) &&
		m.tok + m.len < tok.length &&
		TEAM_NOUNS.has(tok[m.tok + m.len])
	)
		return 'club';
	if (FOREIGN_WORDS.has(key) || FOREIGN_PAIRS.has(key) || COUNTRY_KEYS.has(key)) return 'abroad';
	// A province is context ("in Zeeland"), not the village of its name.
	if (m.len === 1 && PROVINCE_NAMES.has(key)) return 'province';
	// A compass word starting a province or region ("Noord-Brabant", "Noord-Limburg",
	// "Zuid-Holland", "Oost-Groningen") is not a district called Noord.
	if (
		m.len === 1 &&
		COMPASS.has(key) &&
		m.tok + 1 < tok.length &&
		!t.commaBefore[m.tok + 1] &&
		!t.sentStart[m.tok + 1] &&
		REGION_AFTER_COMPASS.has(tok[m.tok + 1])
	)
		return 'province';
	// The colour and the national team ("Oranje wint", "alles oranje"), not the village,
	// unless a preposition of place stands right before it ("in Oranje").
	if (key === 'oranje' && !(m.tok > 0 && (tok[m.tok - 1] === 'in' || tok[m.tok - 1] === 'te')))
		return 'other-name';
	const first = m.tok;
	const end = m.tok + m.len;
	const joinedBefore = first > 0 && !t.commaBefore[first] && !t.sentStart[first] && !m.hash;
	const joinedAfter = end < tok.length && !t.commaBefore[end] && !t.sentStart[end] && !m.hash;
	if (joinedBefore && NOT_PLACE_BEFORE.has(tok[first - 1])) return 'other-name';
	// "het Duitse dorp Haren", "de Amerikaanse stad Harlingen", "the Belgian town of Essen".
	if (joinedBefore && abroadKind(tok, first)) return 'abroad';
	if (
		joinedBefore &&
		t.cap[first - 1] &&
		m.name.via !== 'demonym' &&
		ORGANISATIONS.has(tok[first - 1])
	)
		return 'organisation';
	if (
		joinedBefore &&
		first > 1 &&
		FOREIGN_PAIRS.has(tok[first - 2] + ' ' + tok[first - 1]) &&
		!t.commaBefore[first - 1]
	)
		return 'other-name';
	if (joinedAfter && NOT_PLACE_AFTER.has(tok[end]) && t.cap[end]) return 'other-name';
	// A possessive before a capitalised name: an organisation ("Enschede's Politie Mannenkoor").
	if (
		joinedAfter &&
		tok[end] === 's' &&
		end + 1 < tok.length &&
		t.cap[end + 1] &&
		!t.sentStart[end + 1] &&
		!t.commaBefore[end + 1]
	)
		return 'other-name';
	const capAfter =
		joinedAfter &&
		t.cap[end] &&
		tok[end].length >= 3 &&
		!inMention(ms, end) &&
		!PROVINCE_WORDS.has(tok[end]);
	// A town that is also a first name, before a capitalised word: a person ("Ede Staal").
	if (m.len === 1 && capAfter && FIRST_NAME_TOWNS.has(key) && (m.cap || m.capStart))
		return 'person';
	// A first name before a capitalised name: a surname.
	if (joinedBefore && (m.cap || m.capStart) && t.cap[first - 1] && FIRST_NAMES.has(tok[first - 1]))
		return 'person';
	// A name that needs a cue, or a small village, inside a longer capitalised name ("Mark
	// Rutte", "Kleine Geul"): not the place.
	const needsCue = m.name.tier > 0 || !m.name.strong.length || m.name.altOnly === true;
	if (needsCue && (m.cap || m.capStart) && !m.fuzzy) {
		if (capAfter) return 'other-name';
		if (
			joinedBefore &&
			m.prep === 0 &&
			t.cap[first - 1] &&
			tok[first - 1].length >= 3 &&
			!PROVINCE_ADJECTIVES[tok[first - 1]] &&
			!t.sentStart[first - 1] &&
			!inMention(ms, first - 1)
		)
			return 'other-name';
	}
	return null;
}

/** Words for a kind of place, between a nationality and a name ("het Duitse dorp Haren"). */
const PLACE_KINDS = new Set(
	(
		'stad stadje dorp dorpje plaats plaatsje gemeente gehucht deelgemeente badplaats havenstad ' +
		'grensstad grensdorp town city village municipality stadt dorf gemeinde ville village commune'
	).split(' ')
);

/** Whether a nationality or region abroad and a kind of place stand before token k ("het Duitse
 * dorp", "the Belgian town of"). */
function abroadKind(tok: readonly string[], k: number): boolean {
	let j = k - 1;
	if (j >= 1 && tok[j] === 'of') j--;
	if (j < 1 || !PLACE_KINDS.has(tok[j])) return false;
	const a = tok[j - 1];
	return ABROAD_ADJECTIVES.has(a) || PLACING_ADJECTIVES.has(a) || abroadAt(tok, j - 1) !== null;
}

/** A news report's dateline: the town in capitals, then a dash ("ALMELO - Vitesse won..."):
 * where the report is from, not a club. */
const DATELINE_RE = /^\s*\p{Lu}[\p{Lu}'. -]*\p{Lu}\s*[-–—]\s/u;

/** The mentions that may be Dutch places (the others dropped). */
export function dropNotPlaces(ms: Mention[], t: Tokens, text?: string): Mention[] {
	if (!ms.length) return ms;
	let out: Mention[] | null = null;
	let sport: boolean | null = null;
	let dateline: boolean | null = null;
	for (let k = 0; k < ms.length; k++) {
		const m = ms[k];
		if (sport === null && m.prep <= 0 && (m.name.via || m.name.tier === 0))
			sport = aboutSport(t, text);
		if (dateline === null) dateline = text !== undefined && DATELINE_RE.test(text);
		const why = notPlace(m, t, ms, sport ?? false, dateline);
		if (why && !out) out = ms.slice(0, k);
		else if (!why && out) out.push(ms[k]);
	}
	return out ?? ms;
}

/** Whether another mention stands right before or after m ("Woensel Eindhoven"). */
function nextToMention(ms: readonly Mention[], m: Mention): boolean {
	for (const o of ms) if (o.tok + o.len === m.tok || m.tok + m.len === o.tok) return true;
	return false;
}

function inMention(ms: readonly Mention[], k: number): boolean {
	for (const o of ms) if (k >= o.tok && k < o.tok + o.len) return true;
	return false;
}
