/**
 * A fast locator: puts a post on the map from its own geotag, else its place tag, else
 * place names in its text, else nowhere (it never invents a location).
 * Pure module: no UI, map, database or Node imports.
 *
 * Order and rules
 * 1. gps: the post's own lon/lat (precision 25 m). (0, 0) is treated as no geotag.
 * 2. place: the place tag, split on commas (and ; | /); "(Gn)" style parentheses and a trailing province
 *    abbreviation ("Haren Gn") are qualifiers. The first part that matches a name or alternate
 *    name of the gazetteer is the place; country names ("Nederland") are ignored; the other
 *    parts and qualifiers (a province, a town) pick among same-named candidates: the nearest to
 *    them wins (a province counts as a 60 km radius around its centre), then populated place over municipality over neighbourhood, then population.
 *    An unqualified name whose candidates are far apart and none clearly larger ("Dam",
 *    "Oost") is ambiguous and gives no location. Provinces, safety regions and police units
 *    only serve as context: a tag that is only "Noord-Brabant" gives no location.
 * 3. text: place names of 1–5 tokens in the text, longest match first, and in hashtags
 *    (#haren, #ProjectXHaren, #haren2012, #denhaag, and a town inside a lower-case hashtag next
 *    to a known word: #projectxharen, #harenfeest). Only names from an index of distinctive
 *    names count, with cues where a name is also a word:
 *    - towns: populated places with population >= 1000 or a seat (P.PPLA*, P.PPLC, P.PPLG),
 *      current municipalities, "Gemeente X", stations with a multi-word name ("Station Haren");
 *      plain names need no cue ("Amsterdam", "den bosch");
 *    - names that are also words ("haren", "bergen", "leiden", "dam") and one-word alternate
 *      names ("Lek" for Leek) need a cue: a preposition right before them ("in haren",
 *      "naar", "bij", "uit", not "te"; "project x haren", "bewoners van haren", "Stationsweg
 *      Haren"), a capital mid-sentence and without an article ("bij de Blokker" is a shop), a
 *      hashtag, "X, Y" with Y a town nearby, or a street of theirs named in the text; with a bias
 *      point, a capital at the start of a sentence also counts for the same-named town within
 *      30 km of it ("Haren is vol" while watching Haren);
 *    - very common words ("best", "hem", "brand", "winkel", "meer", "haar", ...) need both a
 *      preposition and a capital ("woont in Best");
 *    - smaller villages (no population >= 1000) need a capital or a hashtag, or a cued town of
 *      the same name (then they are candidates next to it);
 *    - streets, squares, neighbourhoods, generic names ("Binnenstad", "Centrum"), parks and other
 *      sites only when the text also names a town within 15 km of them ("stationsweg haren",
 *      "de dam in amsterdam"), or, with a cue, when the bias point is within 25 km ("op de dam"
 *      while watching Amsterdam);
 *    - "station" within 3 words of a town gives that town's station ("op het station in haren").
 *    Same-named towns are told apart by the other places in the text, the place tag's province,
 *    the bias, then population (an own name beats an alternate name of another place). When
 *    several names are found, the highest score wins: specificity (site > neighbourhood > town >
 *    municipality), +1.5 after a locative preposition, -1 after "uit"/"vanuit", +0.5 hashtag,
 *    +0.5 inside another named, larger place; ties go to the first.
 * 4. none: nothing found; never a guess.
 * Spelling: names and texts are folded to lower case without accents ("Feanwâlden" =
 * "feanwalden"), apostrophes and hyphens split words ("'s-Gravenhage" = "s gravenhage"); names are
 * also indexed with "sint"/"st" swapped ("St. Oedenrode"), "aan den"/"aan de" as "a d" and "ad"
 * ("Alphen a/d Rijn"), towns also as one word ("denhaag", "denbosch", "shertogenbosch",
 * "sgravenhage"), stations also as "station X", "X station", the bare two-word name ("Amsterdam
 * Sloterdijk", not "Almere Centrum") and "X CS" for "X Centraal"; "A'dam", "R'dam" (with the
 * apostrophe), "Dordt", "Mokum" and "Bijlmer" are read as the places they stand for. The dot of
 * "St." and "a.d." ends no sentence. A name does not run across a comma or a sentence end
 * ("Zaandam, Noord-Holland" is not "Zaandam Noord"), and an article that starts a name ("De
 * Laan") gives way to a longer name right after it ("op de Laan van Westenenk").
 * Fuzzy: a word of 6+ letters that is no name, after a preposition, capitalised mid-sentence or
 * in a hashtag, matches a one-word town name of 7+ letters within one edit (substitution,
 * insertion, deletion, transposition: "amsterdm", "Groningne", "Zoetermeerr") when exactly one
 * name is that close; never a short name, never a listed common word; scored 0.5 lower than an
 * exact name. Two edits ("Venedaal") give nothing.
 * More cues and context in the text: a province named ("Valkenburg in Limburg", "Haren,
 * Noord-Brabant") is context like a province in the tag, and an abbreviation right after a town
 * ("Haren NB", "Bergen (L)") is context and a cue; a capitalised name opening a sentence before a
 * colon ("Rijssen: brand") is a cue; a small village right next to a nearby town ("osdorp
 * amsterdam") and a generic part right after its town ("Amsterdam Oost", "Den Haag Centrum",
 * within 5 km of it) are read like streets; a lower-case street or neighbourhood name without any
 * cue links only to a town at most two words away ("gooien stenen naar de bus in Culemborg" is
 * not the Stenen of Culemborg); a place that contains a more specific one named gets no credit
 * for its preposition ("Mercatorplein in Amsterdam West"). A village without a population figure
 * that has a station of its name is a town ("Rijssen").
 * Choosing among same-named candidates, in order: the places named (text, tag, provinces); the
 * watched areas (`areas`, inside or within the distance limit of one) and the bias; the author
 * memory; then kind, own name before alternate name, population. A town or current municipality
 * of the very name puts same-named small villages more than 20 km away out of the running
 * ("Noordwijk" is not the hamlet Noordwijk in Groningen).
 * Watched areas also admit squares, streets and neighbourhoods named without their town within
 * 5 km of an area (the bias: 25 km).
 * Author memory (`authorContext`, default true): per `post.author`, the position of the last
 * post that was located with a precision of 5 km or better (geotag, tag or text) without help
 * of the memory itself. It is used only to choose among same-named candidates (within 25 km of
 * it) and to admit a square, street or neighbourhood named without its town within 10 km of it
 * (not generic names like "Centrum"); it never places a post that names no place. At most
 * `authorMemorySize` authors (default 50,000) are kept; an author seen again at the same place
 * keeps its turn, a new or moved author goes to the back, and the front is forgotten first. The
 * memory makes `locate` depend on the posts located before with the same locator: results for a
 * post can differ with the order posts are fed in (turn it off where that matters).
 * Known gaps: streets only where the gazetteer has them (none in Haren: "op de Stationsweg"
 * alone gives nothing), neighbourhoods only with their town, a watched area or the author's
 * town ("in de Bijlmer" alone gives nothing), no reading of sentence meaning ("haren wordt het
 * nieuwe ibiza" gives nothing), fuzzy matching only for one-word town names.
 * Precision radii: gps 25 m, square 200 m, station 300 m, other sites 300 m (parks 500 m),
 * street 500 m, neighbourhood 800 m (CBS buurt, GeoNames PPLX), district 1,500 m (CBS wijk,
 * A.ADM3 2,500 m), populated place 1,000 m + 800 m per tenfold population above 1,000
 * (Haren ~1,800 m, Groningen ~2,900 m, Amsterdam ~3,300 m, at most 3,500 m), municipality 5,000 m.
 */

import type { Place } from './gazetteer';
import { distanceM } from './measure';
import type { LocatedPost, LocateMethod, Post } from '../posts/post';

export interface Location {
	method: LocateMethod;
	/** [lon, lat]; absent when method is 'none'. */
	pos?: [number, number];
	precision_m?: number;
	/** Name of the gazetteer place used (not for 'gps'). */
	place?: string;
}

export interface LocatorOptions {
	/** The area the user watches: breaks ties between same-named places and admits squares
	 * and streets named without their town ("op de dam") near it. */
	bias?: { lon: number; lat: number };
	/** The areas being watched (circles): like the bias, same-named candidates inside or near
	 * one win, and squares, streets and neighbourhoods named without their town are admitted
	 * within 5 km of one. */
	areas?: { lon: number; lat: number; radius_m: number }[];
	/** Remember, per author, where their last confidently located post was, and use it to
	 * break ties between same-named places and to admit a square or street named without its
	 * town near it (default true). It never places a post that names no place. */
	authorContext?: boolean;
	/** How many authors the memory keeps (default 50,000; the least recently seen go first). */
	authorMemorySize?: number;
}

export interface Locator {
	locate(post: Post): Location;
	locateAll(posts: Post[]): LocatedPost[];
	/** Index sizes and build time, for diagnostics. */
	readonly stats: { places: number; tagNames: number; textNames: number; buildMs: number };
}

// ---------------------------------------------------------------------------------------------
// Classes of places

const PPL = 0; // populated place
const MUNI = 1; // municipality
const STATION = 2;
const SQUARE = 3;
const STREET = 4;
const SECTION = 5; // district of a town: CBS wijk, GeoNames PPLX / ADM3
const BUURT = 6; // CBS neighbourhood
const SITE = 7; // park, building, other named site
const REGION = 8; // province, safety region, police unit, country: context only
const SKIP = 9; // water, terrain, historical places: never used

/** Lower is preferred among same-named candidates. */
const RANK = [0, 1, 2, 2, 4, 3, 4, 5, 9, 9];
/** How specific a text mention is, when choosing among several names in one text. */
const SPECIFICITY = [1, 0.5, 3, 3, 3, 2, 2, 3, 0, 0];

function classOf(kind: string): number {
	if (kind.startsWith('P.PPL')) {
		if (kind === 'P.PPLX') return SECTION;
		if (kind === 'P.PPLH' || kind === 'P.PPLQ' || kind === 'P.PPLW' || kind === 'P.PPLCH')
			return SKIP;
		return PPL;
	}
	switch (kind) {
		case 'cbs.gemeente2023':
		case 'A.ADM2':
		case 'A.ADM2H':
			return MUNI;
		case 'cbs.buurt2014':
			return BUURT;
		case 'cbs.wijk2014':
		case 'A.ADM3':
			return SECTION;
		case 'S.RSTN':
		case 'S.RSTP':
		case 'S.MTRO':
			return STATION;
		case 'S.SQR':
			return SQUARE;
		case 'R.ST':
		case 'R.RD':
			return STREET;
		case 'provincie':
		case 'cbs.veiligheidsregio':
		case 'politie.eenheid':
			return REGION;
	}
	if (kind.startsWith('A.')) return kind === 'A.ADMD' ? SKIP : REGION;
	if (kind === 'L.RGN' || kind === 'L.RGNH') return REGION;
	if (kind.startsWith('S.') || kind.startsWith('L.')) return SITE;
	return SKIP;
}

/** Site kinds too numerous or too vague to look for in text. */
const NO_TEXT_KINDS = new Set(['S.HTL', 'S.MLWND', 'S.FRM', 'S.EST', 'S.BUSTP', 'L.LCTY']);

function precisionOf(cls: number, kind: string, pop: number): number {
	switch (cls) {
		case PPL:
			return pop > 1000
				? Math.round(Math.min(3500, 1000 + 800 * Math.log10(pop / 1000)) / 10) * 10
				: 1000;
		case MUNI:
			return 5000;
		case STATION:
			return 300;
		case SQUARE:
			return 200;
		case STREET:
			return 500;
		case SECTION:
			return kind === 'A.ADM3' ? 2500 : kind === 'cbs.wijk2014' ? 1500 : 800;
		case BUURT:
			return 800;
		default:
			return kind === 'L.PRK' ? 500 : kind.startsWith('L.') ? 1000 : 300;
	}
}

// ---------------------------------------------------------------------------------------------
// Words

/** Never read as a place from text unless capitalised mid-sentence after a preposition. */
const STOP_WORDS = new Set(
	(
		'hem heel leek best made goes well son born borne enter brand winkel raam zetten hoek huizen ' +
		'waarde dieren vuren helden buren dorst heer mill lent grave thorn hank malta america ' +
		'binnenstad echt stad oost west noord zuid zijn mijl centrum dorp ballast halfweg loven ' +
		'leest ens erp haps nes ven peij ooij holz puth nuth lith tuk wouw eext reek spijk rugge ' +
		'zegge putte linne deest hees herten handel beers hoeven villapark tuindorp noordhoek ' +
		'molenhoek zeeland brabander wijk haven peulen kieviet nederland holland oosteind ' +
		'noordeinde oosteinde westeinde centraal kerk markt plein ' +
		'de het een en van in op te ter ten den der aan bij naar meer goor eten bus groep duur waar ' +
		'wie haar onder blauw eiland straat kade hof park strand duin vaart veld velden dijk brug ' +
		'kamp boer werken zoom teams stenen'
	).split(' ')
);

/** Read as a place from text only with a cue (preposition, capital, hashtag, own street). */
const AMBIGUOUS_WORDS = new Set(
	(
		'haren bergen kampen leiden houten duiven putten hoorn doorn beek balk sluis hulst rijen ' +
		'petten heide veen berg gracht monster hoogland dalen wolder dam vries eerde rolde roden ' +
		'gieten leunen kessel elden orden ingen marken stein horst zandberg nieuwland waterland ' +
		'austerlitz belfort tivoli oosterpark vogelwijk spoorwijk bloemhof componistenkwartier ' +
		'statenkwartier rivierenkwartier vogelkwartier staatsliedenkwartier burgemeesterswijk ' +
		'bredeweg griffioen opeinde hoven hagen glip heeg maer reit knipe drait greiden domp loo ' +
		'blaak kruisberg overberg lakerlopen schutsboom dal bos zand burg'
	).split(' ')
);

/** Names of parts of many towns: read from text only with their town named. */
const GENERIC_NAMES = new Set(
	(
		'binnenstad centrum tuindorp villapark noordeinde oosteinde westeinde zuideinde oosteind ' +
		'oosterpark westerpark zuiderpark noorderpark stadspark stadsdeel dorp kern buitengebied ' +
		'bedrijventerrein industrieterrein oud nieuw noord zuid oost west'
	).split(' ')
);

const STREET_SUFFIX_RE = /(?:straat|weg|laan|plein|dijk|singel|kade|markt|steeg|gracht)$/;

/** Words skipped when deciding whether a name is only common words ("de dam"). */
/** The author's town decides between same-named candidates within this distance. */
const AUTHOR_KM = 25;

const FILLER = new Set('de het t den der s van aan op in en bij ter ten te'.split(' '));

const LOCATIVE = new Set(
	// Not "te": "is nog te halen", "te leiden" are verbs; "te Haren" has its capital.
	'in naar bij op rond rondom richting nabij omgeving via at to near around'.split(' ')
);
const DEPARTURE = new Set('uit vanuit from'.split(' '));
/** "gemeente haren", "centrum van haren", "burgemeester van haren": a cue like a preposition. */
const CONTEXT_NOUNS = new Set(
	(
		'centrum gemeente burgemeester politie station omgeving regio dorp stad wijk buurt ' +
		'bewoner bewoners inwoner inwoners buurtbewoners jeugd'
	).split(' ')
);
/** Abbreviations whose dot does not end a sentence. */
const ABBREV_DOT = new Set([
	'st',
	'a',
	'd',
	'v',
	'mr',
	'dr',
	'ir',
	'ing',
	'nr',
	'ca',
	'bijv',
	'o',
	'z'
]);
const ARTICLES = new Set(['de', 'het', 't', 'den', 'the']);

const COUNTRY_NAMES = new Set(
	[
		'nederland',
		'netherlands',
		'the netherlands',
		'holland',
		'nl',
		'nld',
		'niederlande',
		'pays bas',
		'paises bajos',
		'paesi bassi',
		'kingdom of the netherlands',
		'koninkrijk der nederlanden'
	].map((s) => s)
);

/** Province abbreviations as used in place tags and qualifiers → province name (normalised). */
const PROVINCE_ABBR: Record<string, string> = {
	gn: 'groningen',
	gr: 'groningen',
	gron: 'groningen',
	fr: 'fryslan',
	frl: 'fryslan',
	friesland: 'fryslan',
	dr: 'drenthe',
	ov: 'overijssel',
	o: 'overijssel',
	gld: 'gelderland',
	gl: 'gelderland',
	ge: 'gelderland',
	u: 'utrecht',
	ut: 'utrecht',
	utr: 'utrecht',
	nh: 'noord holland',
	zh: 'zuid holland',
	z: 'zeeland',
	zl: 'zeeland',
	zld: 'zeeland',
	ze: 'zeeland',
	nb: 'noord brabant',
	nbr: 'noord brabant',
	br: 'noord brabant',
	brabant: 'noord brabant',
	l: 'limburg',
	lb: 'limburg',
	li: 'limburg',
	lim: 'limburg',
	fl: 'flevoland',
	fle: 'flevoland'
};

const PROVINCES = new Set(Object.values(PROVINCE_ABBR));

/** The province an abbreviation stands for ("nb" → "noord brabant"); own keys only. */
function provinceOf(abbr: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(PROVINCE_ABBR, abbr)
		? PROVINCE_ABBR[abbr]
		: undefined;
}
/** One-word province names read as context in a text (not "Groningen", "Utrecht": towns). */
const TEXT_PROVINCES = new Set([
	'fryslan',
	'friesland',
	'drenthe',
	'overijssel',
	'gelderland',
	'zeeland',
	'brabant',
	'limburg',
	'flevoland'
]);
/** Words that may start a province name or abbreviation in a text: a quick filter. */
const PROVINCE_WORDS = new Set(['noord', 'zuid', ...TEXT_PROVINCES, ...Object.keys(PROVINCE_ABBR)]);

/** Parts of concatenated hashtags around a town name: #projectxharen, #harenfeest. */
const HASHTAG_AFFIXES = (
	'projectx px project feest party fest festival rellen rel riot riots demo protest nieuws ' +
	'news politie police brand alarm live centrum stad station ns onrust drukte event rave fuif ' +
	'koningsdag carnaval oudennieuw oudjaar nieuwjaar vuurwerk jaarwisseling gemeente weer ' +
	'storm ongeluk overlast noodweer explosie aanslag schietpartij'
).split(' ');

const TOKEN_RE = /[\p{L}\p{N}]+/gu;
const ASCII_LOWER_RE = /^[a-z]+$/;
const MARKS_RE = /\p{M}/gu;
const NON_ASCII_RE = /[\u0080-\uffff]/;
const ASCII_WORD_RE = /^[A-Za-z0-9]+$/;
const HASHTAG_PART_RE = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+|\p{L}+/gu;

/** Word characters (letters, digits, combining marks) by UTF-16 unit; astral ones are not. */
const WORD_CLASS = new Uint8Array(65536); // 0 unknown, 1 word, 2 not
const WORD_CHAR_RE = /^[\p{L}\p{N}\p{M}]$/u;
for (let c = 0; c < 128; c++) {
	WORD_CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;
}

function isWordChar(c: number): boolean {
	let v = WORD_CLASS[c];
	if (v === 0) {
		v = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
		WORD_CLASS[c] = v;
	}
	return v === 1;
}

function foldToken(raw: string): string {
	if (ASCII_WORD_RE.test(raw)) return raw.toLowerCase();
	return raw.normalize('NFKD').replace(MARKS_RE, '').toLowerCase();
}

/** Tokens of a name or tag: lower case, accents stripped, split on anything not a letter or digit. */
export function nameTokens(s: string): string[] {
	let t = s;
	if (NON_ASCII_RE.test(t)) t = t.normalize('NFKD').replace(MARKS_RE, '');
	return t.toLowerCase().match(TOKEN_RE) ?? [];
}

/** Normalised key of a name: "'s-Gravenhage", "s gravenhage" and "'S GRAVENHAGE" share one. */
export function normalizeName(s: string): string {
	return nameTokens(s).join(' ');
}

/** Whether a and b differ by at most one substitution, insertion, deletion or transposition. */
export function withinOneEdit(a: string, b: string): boolean {
	const la = a.length;
	const lb = b.length;
	if (Math.abs(la - lb) > 1) return false;
	let i = 0;
	while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
	if (i === la && i === lb) return true;
	if (la === lb) {
		if (a.slice(i + 1) === b.slice(i + 1)) return true;
		return (
			i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
		);
	}
	return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Great-circle distance in km. */
function distKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
	return distanceM(lon1, lat1, lon2, lat2) / 1000;
}

function displayName(p: Place): string {
	const n = p.name;
	if (n === 'The Hague') return 'Den Haag';
	if (n.startsWith('Gemeente ')) return n.slice(9);
	if (/ Railway Station$/.test(n)) {
		const st = p.alt?.find((a) => a.startsWith('Station '));
		return st ?? 'Station ' + n.replace(/ Railway Station$/, '');
	}
	if (/ Square$/.test(n)) {
		const base = n.replace(/ Square$/, '');
		if (p.alt?.includes(base)) return base;
	}
	const w = /^Wijk \d+ (.+)$/.exec(n);
	if (w) return w[1];
	return n;
}

// ---------------------------------------------------------------------------------------------
// Index
//
// Candidate lists hold codes: place index * 2, plus 1 when the place matched only by one of
// its alternate names (Haaren has the alternate name "haren"; the real Haren wins over it).

interface TextName {
	toks: string[];
	/** 0: plain, 1: needs a cue, 2: common word, needs preposition and capital. */
	tier: number;
	/** Towns: usable with the tier's cue. */
	strong: number[];
	/** Small villages: need a cue even when the word is plain. */
	weak: number[];
	/** Streets, squares, neighbourhoods, sites: need a town nearby in the text (or bias). */
	minor: number[];
}

interface Mention {
	tok: number; // index of first token
	len: number;
	name: TextName;
	/** Weight of the words before it: 1.5 locative preposition, 1 "centrum van", -1 "uit". */
	prep: number;
	cap: boolean;
	/** Capitalised at the start of a sentence ("Haren is vol"): a cue only near the bias. */
	capStart: boolean;
	hash: boolean;
	/** Matched by one edit ("amsterdm"): scored lower. */
	fuzzy: boolean;
	/** An article stands between the preposition and the name ("op de dam"). */
	art: boolean;
	/** Usable as a town (strong candidates): see townCue. */
	cued: boolean;
	/** Usable as a small village (weak candidates): capital or hashtag. */
	weakCued: boolean;
	/** Usable as a street/square near the bias point (any cue; for common words as a town). */
	minorCued: boolean;
	chosen: number; // place index, -1 none
	linked: boolean; // minor place confirmed by a town in the text or the bias
	score: number;
}

/** A context point; `r` km around it count as distance 0 (a province's rough radius). */
interface Pt {
	lon: number;
	lat: number;
	r: number;
}

function wordTier(toks: string[]): number {
	let content = toks.filter((t) => !FILLER.has(t));
	// "Station Haren", "Station Best": a station name is never a common phrase.
	if (content.length >= 2 && content[0] === 'station') return 0;
	content = content.filter((t) => t !== 'station');
	if (content.length === 0) return 3;
	let tier = 0;
	for (const t of content) {
		if (STOP_WORDS.has(t)) tier = Math.max(tier, 2);
		else if (AMBIGUOUS_WORDS.has(t) || /^\d+$/.test(t)) tier = Math.max(tier, 1);
		else return 0; // one distinctive word makes the name distinctive
	}
	// Several words that are each a word ("Bergen op Zoom") need a cue, not both.
	return content.length >= 2 ? Math.min(tier, 1) : tier;
}

/** Colloquial names → the normalised gazetteer name they stand for. */
const ALIASES: [string, string][] = [
	['dordt', 'dordrecht'],
	['mokum', 'amsterdam'],
	['bijlmer', 'bijlmermeer']
];

const A_SLASH_D_RE = /\b[aA]\/[dD]\b/g;

/** "A'dam", "R'dam" (the apostrophe is required: "Adam" is a first name). */
const APOS_DAM_RE = /\b([AaRr])['\u2019`]dam\b/g;

/**
 * Further keys of a name: "sint" and "st" ("St. Oedenrode"), "aan den"/"aan de" as "a d" and
 * "ad" ("Alphen a/d Rijn"), and with `joined` the name written as one word ("denhaag",
 * "shertogenbosch", "sgravenhage").
 */
function keyVariants(toks: string[], joined: boolean): string[][] {
	const out: string[][] = [];
	const si = toks.indexOf('sint');
	const sti = toks.indexOf('st');
	if (si >= 0 && toks.length >= 2) out.push(toks.map((t, k) => (k === si ? 'st' : t)));
	else if (sti >= 0 && toks.length >= 2) out.push(toks.map((t, k) => (k === sti ? 'sint' : t)));
	for (let k = 0; k + 1 < toks.length; k++)
		if (toks[k] === 'aan' && (toks[k + 1] === 'den' || toks[k + 1] === 'de')) {
			const pre = toks.slice(0, k);
			const post = toks.slice(k + 2);
			out.push([...pre, 'a', 'd', ...post], [...pre, 'ad', ...post]);
			break;
		}
	if (joined && toks.length >= 2) {
		const j = toks.join('');
		if (j.length >= 7) out.push([j]);
	}
	return out;
}

/**
 * Further keys of a station: "station X" and "X station" for "X Railway Station", the bare
 * name when it has two words and is not generic ("Amsterdam Sloterdijk", "Ede Wageningen",
 * "Den Haag HS", not "Almere Centrum"), and "X CS" for "X Centraal".
 */
function stationKeys(toks: string[]): string[][] {
	const core = toks.filter((t) => t !== 'station' && t !== 'railway');
	if (core.length === 0 || wordTier(core) !== 0) return [];
	const out: string[][] = [];
	const last = core[core.length - 1];
	if (core.length < toks.length) {
		out.push(['station', ...core], [...core, 'station']);
		if (core.length >= 2 && !GENERIC_NAMES.has(last)) out.push(core);
	}
	if (core.length >= 2 && last === 'centraal') out.push([...core.slice(0, -1), 'cs']);
	return out;
}

/** Name variants of a place for the indexes, each with whether it is an alternate name. */
function variants(p: Place, forText: boolean): [string, boolean][] {
	const out: [string, boolean][] = [];
	const add = (s: string, alt: boolean) => {
		out.push([s, alt]);
		const base = s.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
		if (base && base !== s) out.push([base, alt]);
	};
	const n = p.name;
	if (forText && /^Verspreide huizen/i.test(n)) return out;
	add(n, false);
	const g = /^(?:Gemeente|Provincie|Kern|Buurtschap) (.+)$/.exec(n);
	if (g) add(g[1], false);
	const w = /^Wijk \d+ (.+)$/.exec(n);
	if (w) add(w[1], false);
	if (p.alt) {
		for (const a of p.alt) {
			if (forText) {
				// Skip codes (AMS, NL11) and romanisations made of short syllables ("ha lun").
				if (a.length <= 4 && a === a.toUpperCase()) continue;
				const toks = nameTokens(a);
				if (toks.length === 0) continue;
				if (toks.every((t) => t.length <= 3) && toks.some((t) => t.length <= 2 && !FILLER.has(t)))
					continue;
				if (toks.length === 1 && toks[0].length <= 3) continue; // "Bor" for Born
			}
			add(a, true);
		}
	}
	return out;
}

function pushCode(list: number[], i: number, alt: boolean): void {
	const code = i * 2 + (alt ? 1 : 0);
	const last = list.length ? list[list.length - 1] : -1;
	if (last >> 1 === i) {
		if (!alt && last & 1) list[list.length - 1] = code;
		return;
	}
	for (let k = 0; k < list.length; k++)
		if (list[k] >> 1 === i) {
			if (!alt) list[k] = code;
			return;
		}
	list.push(code);
}

export function createLocator(places: Place[], opts: LocatorOptions = {}): Locator {
	const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
	const t0 = now();
	const n = places.length;
	const lon = new Float64Array(n);
	const lat = new Float64Array(n);
	const cls = new Uint8Array(n);
	const pop = new Float64Array(n);
	const prec = new Float64Array(n);
	const display: string[] = new Array(n);
	const bias: Pt | undefined =
		opts.bias && Number.isFinite(opts.bias.lon) && Number.isFinite(opts.bias.lat)
			? { lon: opts.bias.lon, lat: opts.bias.lat, r: 0 }
			: undefined;

	/** normalised name → candidate codes (every class but SKIP) */
	const tagIndex = new Map<string, number[]>();
	/** normalised name → text name */
	const textByKey = new Map<string, TextName>();
	/** town key ("haren", "amsterdam") → its station places ("Station Haren") */
	const stationsByTown = new Map<string, number[]>();
	/** one-word keys made by joining a town's words ("denhaag"): distinctive, alternate or not */
	const joinedKeys = new Set<string>();
	/** Small villages and historical municipalities: need a cue, and lose to towns. */
	const weakPlace = new Uint8Array(n);

	for (let i = 0; i < n; i++) {
		const p = places[i];
		const c = classOf(p.kind);
		lon[i] = p.lon;
		lat[i] = p.lat;
		cls[i] = c;
		pop[i] = typeof p.pop === 'number' && p.pop > 0 ? p.pop : 0;
		prec[i] = precisionOf(c, p.kind, pop[i]);
		display[i] = displayName(p);
		if (c === SKIP) continue;
		for (const [v, alt] of variants(p, false)) {
			const toks0 = nameTokens(v);
			if (!toks0.length) continue;
			const all = [toks0, ...keyVariants(toks0, false)];
			if (c === STATION) all.push(...stationKeys(toks0));
			for (const toks of all) {
				const key = toks.join(' ');
				const l = tagIndex.get(key);
				if (l) pushCode(l, i, alt);
				else tagIndex.set(key, [i * 2 + (alt ? 1 : 0)]);
			}
		}
		if (c === REGION || NO_TEXT_KINDS.has(p.kind)) continue;

		// Text index.
		const seat = /^P\.PPL(A\d?|C|G)$/.test(p.kind);
		let role: 'strong' | 'weak' | 'minor';
		if (c === PPL) role = pop[i] >= 1000 || seat ? 'strong' : 'weak';
		else if (c === MUNI) role = p.kind === 'cbs.gemeente2023' ? 'strong' : 'weak';
		else role = 'minor';
		if (role === 'weak') weakPlace[i] = 1;
		const muniRole = c === MUNI ? 'strong' : role; // "Gemeente Haren" is unambiguous
		const joinable = role === 'strong' && (c === PPL || c === MUNI);
		const textKeys: string[][] = [];
		for (const [v, alt] of variants(p, true)) {
			const toks0 = nameTokens(v);
			if (toks0.length === 0 || toks0.length > 5) continue;
			textKeys.length = 0;
			textKeys.push(toks0, ...keyVariants(toks0, joinable));
			if (c === STATION) textKeys.push(...stationKeys(toks0));
			for (const toks of textKeys)
				indexText(i, c, toks, alt, role, muniRole, toks.length === 1 && toks0.length >= 2);
		}
	}

	function indexText(
		i: number,
		c: number,
		toks: string[],
		alt: boolean,
		role: 'strong' | 'weak' | 'minor',
		muniRole: 'strong' | 'weak' | 'minor',
		joined: boolean
	): void {
		if (toks.length === 0 || toks.length > 5) return;
		const key = toks.join(' ');
		if (joined) joinedKeys.add(key);
		// "Binnenstad", "Centrum": a part of some town, only with that town named.
		const r0 =
			toks.length === 1 && GENERIC_NAMES.has(toks[0])
				? 'minor'
				: toks[0] === 'gemeente' && toks.length >= 2
					? muniRole
					: role;
		let tn = textByKey.get(key);
		if (!tn) {
			const tier = wordTier(toks);
			if (tier === 3) return;
			tn = { toks, tier, strong: [], weak: [], minor: [] };
			textByKey.set(key, tn);
		}
		const r = c === STATION && toks.length >= 2 && tn.tier === 0 ? 'strong' : r0;
		pushCode(tn[r], i, alt);
		if (c === STATION) {
			let town: string[] | null = null;
			if (toks[0] === 'station' && toks.length >= 2) town = toks.slice(1);
			else if (toks[toks.length - 1] === 'station' && toks.length >= 2) town = toks.slice(0, -1);
			if (town && town[town.length - 1] === 'railway') town = town.slice(0, -1);
			if (town && town.length) {
				const keys = [town.join(' ')];
				if (town.length >= 2 && town[town.length - 1] === 'centraal')
					keys.push(town.slice(0, -1).join(' '));
				for (const k of keys) {
					const l = stationsByTown.get(k);
					if (!l) stationsByTown.set(k, [i]);
					else if (!l.includes(i)) l.push(i);
				}
			}
		}
	}

	// A village without a population figure that has a station of its own name is a town
	// ("Rijssen", "Station Rijssen"): GeoNames lacks the population of some towns.
	for (const [key, tn] of textByKey) {
		if (!tn.weak.length) continue;
		const st = stationsByTown.get(key);
		if (!st) continue;
		for (let k = tn.weak.length - 1; k >= 0; k--) {
			const i = tn.weak[k] >> 1;
			if (cls[i] !== PPL || pop[i] > 0) continue;
			if (!st.some((j) => distKm(lon[i], lat[i], lon[j], lat[j]) <= 5)) continue;
			tn.strong.push(tn.weak[k]);
			tn.weak.splice(k, 1);
			weakPlace[i] = 0;
		}
	}
	for (const [alias, target] of ALIASES) {
		const tn = textByKey.get(target);
		if (tn && !textByKey.has(alias)) textByKey.set(alias, { ...tn, toks: [alias], tier: 0 });
		if (tn) joinedKeys.add(alias);
	}

	/** first token → the one-token name, and longer names by their second token */
	const textIndex = new Map<string, { one?: TextName; more?: Map<string, TextName[]> }>();
	/** concatenated name ("denhaag") → text name, for hashtags; towns only */
	const hashIndex = new Map<string, TextName>();
	for (const [key, tn] of textByKey) {
		// A one-word alternate name ("Lek" for Leek, "Halen" for Haelen, "Baan" for Baarn) is
		// too often a word: it needs a cue, like an ambiguous word.
		if (
			tn.toks.length === 1 &&
			tn.tier === 0 &&
			!joinedKeys.has(key) &&
			[tn.strong, tn.weak, tn.minor].every((l) => l.every((c) => c & 1))
		)
			tn.tier = 1;
		let e = textIndex.get(tn.toks[0]);
		if (!e) textIndex.set(tn.toks[0], (e = {}));
		if (tn.toks.length === 1) e.one = tn;
		else {
			if (!e.more) e.more = new Map();
			const l = e.more.get(tn.toks[1]);
			if (!l) e.more.set(tn.toks[1], [tn]);
			else l.push(tn);
		}
		if (tn.tier <= 1 && (tn.strong.length || tn.weak.length)) {
			const joined = key.replace(/ /g, '');
			if (!hashIndex.has(joined)) hashIndex.set(joined, tn);
		}
	}
	for (const e of textIndex.values())
		if (e.more) for (const l of e.more.values()) l.sort((a, b) => b.toks.length - a.toks.length);

	// Fuzzy matching: one edit (substitution, deletion, insertion, transposition) of a one-word
	// town name of at least 7 letters. Keys: the name and each of its one-letter deletions.
	const fuzzyIndex = new Map<string, TextName[]>();
	for (const [key, tn] of textByKey) {
		if (tn.toks.length !== 1 || tn.tier !== 0 || !tn.strong.length || key.length < 7) continue;
		if (joinedKeys.has(key) || !/^[a-z]+$/.test(key)) continue;
		const add = (k: string) => {
			const l = fuzzyIndex.get(k);
			if (!l) fuzzyIndex.set(k, [tn]);
			else if (!l.includes(tn)) l.push(tn);
		};
		add(key);
		for (let k = 0; k < key.length; k++) add(key.slice(0, k) + key.slice(k + 1));
	}

	/** Watched areas and the bias: context after the places named. */
	const watch: Pt[] = [];
	if (bias) watch.push(bias);
	for (const a of opts.areas ?? [])
		if (Number.isFinite(a.lon) && Number.isFinite(a.lat) && Number.isFinite(a.radius_m))
			watch.push({ lon: a.lon, lat: a.lat, r: Math.max(0, a.radius_m) / 1000 });

	/** Author memory: author → where their last confidently located post was. */
	const memory = opts.authorContext === false ? null : new Map<string, Pt>();
	const memoryMax = Math.max(1, opts.authorMemorySize ?? 50_000);
	/** The author's remembered town while a post is located; whether it decided anything. */
	let authorPt: Pt | null = null;
	let usedAuthor = false;

	const buildMs = now() - t0;

	// -------------------------------------------------------------------------------------------
	// Choosing among candidates

	/** Whether candidate code a is preferred to b, without context. */
	function better(a: number, b: number): boolean {
		const ia = a >> 1;
		const ib = b >> 1;
		const ra = RANK[cls[ia]];
		const rb = RANK[cls[ib]];
		if (ra !== rb) return ra < rb;
		if ((a & 1) !== (b & 1)) return (a & 1) === 0; // own name before alternate name
		return pop[ia] > pop[ib];
	}

	/**
	 * The candidates nearest to the context points, when the nearest is within `maxKm` (a point's
	 * `r` counts as distance 0): those within 25 km of the nearest distance; null otherwise.
	 */
	function nearest(cands: number[], ctx: Pt[], maxKm: number): number[] | null {
		let dBest = Infinity;
		const d = new Float64Array(cands.length);
		for (let k = 0; k < cands.length; k++) {
			const i = cands[k] >> 1;
			let m = Infinity;
			for (const p of ctx) {
				const x = Math.max(0, distKm(lon[i], lat[i], p.lon, p.lat) - p.r);
				if (x < m) m = x;
			}
			d[k] = m;
			if (m < dBest) dBest = m;
		}
		if (!(dBest <= maxKm)) return null;
		const out: number[] = [];
		for (let k = 0; k < cands.length; k++) if (d[k] <= dBest + 25) out.push(cands[k]);
		return out;
	}

	/**
	 * The best of the candidate codes, as a place index; -1 when there is none or the choice is
	 * ambiguous. Context decides in order: the points in `ctx` (other places named, the tag)
	 * within `ctxMaxKm`; the watched areas and bias within `watchMaxKm`; the author's town
	 * (memory) within 25 km; then kind, name and population, and a choice between far-apart
	 * candidates that no context decided and none is clearly larger is ambiguous.
	 */
	function pick(cands: number[], ctx: Pt[], ctxMaxKm: number, watchMaxKm = ctxMaxKm): number {
		if (cands.length === 0) return -1;
		if (cands.length === 1) return cands[0] >> 1;
		let cur = cands;
		let decided = false;
		if (ctx.length) {
			const f = nearest(cur, ctx, ctxMaxKm);
			if (f) [cur, decided] = [f, true];
		}
		if (cur.length > 1 && watch.length) {
			const f = nearest(cur, watch, watchMaxKm);
			if (f) [cur, decided] = [f, true];
		}
		if (cur.length > 1 && authorPt) {
			const f = nearest(cur, [authorPt], AUTHOR_KM);
			if (f) {
				usedAuthor = true;
				[cur, decided] = [f, true];
			}
		}
		// A town or current municipality of this very name ("Noordwijk", "Haren") puts small
		// villages and historical municipalities of the name far from it out of the running.
		let strongOwn: number[] | null = null;
		for (const c of cur)
			if (!(c & 1) && RANK[cls[c >> 1]] <= 1 && !weakPlace[c >> 1]) (strongOwn ??= []).push(c >> 1);
		let best = -1;
		for (const c of cur) {
			const i = c >> 1;
			if (
				strongOwn &&
				weakPlace[i] &&
				strongOwn.every((j) => distKm(lon[i], lat[i], lon[j], lat[j]) > 20)
			)
				continue;
			if (best < 0 || better(c, best)) best = c;
		}
		if (decided) return best >> 1;
		// Ambiguous: another candidate as good in kind and name, far away, and the best one
		// not clearly larger ("Dam", "Oost").
		const ib = best >> 1;
		for (const c of cands) {
			const i = c >> 1;
			if (i === ib || RANK[cls[i]] > RANK[cls[ib]] || (c & 1) > (best & 1)) continue;
			if (strongOwn && weakPlace[i] > weakPlace[ib]) continue;
			if (distKm(lon[i], lat[i], lon[ib], lat[ib]) <= 20) continue;
			if (pop[ib] < Math.max(1000, 2 * pop[i])) return -1;
		}
		return ib;
	}

	function located(method: LocateMethod, i: number): Location {
		return { method, pos: [lon[i], lat[i]], precision_m: prec[i], place: display[i] };
	}

	function pt(i: number): Pt {
		return { lon: lon[i], lat: lat[i], r: cls[i] === REGION ? 60 : 0 };
	}

	// -------------------------------------------------------------------------------------------
	// Place tag

	/**
	 * Context points named by a qualifier or another part of a tag: a province ("Groningen",
	 * "NB", "Zeeland") as a region with a radius, anything else as its towns/places.
	 */
	function contextOf(part: string[]): Pt[] {
		const key = part.join(' ');
		const prov = provinceOf(key) ?? (PROVINCES.has(key) ? key : undefined);
		const list = tagIndex.get(prov ?? key);
		if (!list) return [];
		const regions = list.filter((c) => cls[c >> 1] === REGION);
		const others = list.filter((c) => cls[c >> 1] !== REGION);
		const use = prov && regions.length ? regions : others.length ? others : regions;
		return use.map((c) => pt(c >> 1));
	}

	function locateTag(tag: string): { loc: Location | null; ctx: Pt[] } {
		const quals: string[][] = [];
		const main = tag.replace(/\(([^)]*)\)/g, (_, q: string) => {
			const t = nameTokens(q);
			if (t.length) quals.push(t);
			return ',';
		});
		const parts: string[][] = [];
		// "a/d" ("Alphen a/d Rijn") is part of a name, not a separator.
		for (const s of main.replace(A_SLASH_D_RE, 'a d').split(/[,;|/]/)) {
			const t = nameTokens(s);
			if (t.length && !COUNTRY_NAMES.has(t.join(' '))) parts.push(t);
		}
		const ctxAll: Pt[] = [];
		for (const q of quals) ctxAll.push(...contextOf(q));
		for (let k = 0; k < parts.length; k++) {
			let toks = parts[k];
			let cands = tagIndex.get(toks.join(' '));
			const ctx: Pt[] = [...ctxAll];
			if (!cands && toks.length >= 2 && provinceOf(toks[toks.length - 1])) {
				// "Haren Gn"
				ctx.push(...contextOf([toks[toks.length - 1]]));
				toks = toks.slice(0, -1);
				cands = tagIndex.get(toks.join(' '));
			}
			if (!cands) continue;
			for (let j = 0; j < parts.length; j++) if (j !== k) ctx.push(...contextOf(parts[j]));
			const usable = cands.filter((c) => cls[c >> 1] !== REGION);
			if (!usable.length) {
				// A province or region: context for the text, no location of its own.
				for (const c of cands) ctxAll.push(pt(c >> 1));
				continue;
			}
			const best = pick(usable, ctx, 150, 50);
			if (best >= 0) return { loc: located('place', best), ctx: ctxAll };
		}
		// No part is a known name: look for a distinctive town name inside the parts
		// ("Amsterdam Centrum", "Centrum Groningen").
		for (const toks of parts) {
			let bestM: Mention | null = null;
			for (const m of findMentions(toks, null)) {
				if (m.name.tier !== 0 || !m.name.strong.length) continue;
				if (!bestM || m.len > bestM.len) bestM = m;
			}
			if (bestM) {
				const best = pick(bestM.name.strong, ctxAll, 150, 150);
				if (best >= 0) return { loc: located('place', best), ctx: ctxAll };
			}
		}
		return { loc: null, ctx: ctxAll };
	}

	// -------------------------------------------------------------------------------------------
	// Text

	interface Tokens {
		tok: string[];
		cap: boolean[];
		/** hashtag number (from 1), 0 outside hashtags */
		hash: number[];
		sentStart: boolean[];
		/** A comma stands between this token and the previous one. */
		commaBefore: boolean[];
		/** A colon stands between this token and the previous one ("Rijssen: brand"). */
		colonBefore: boolean[];
		/** An opening parenthesis stands right before this token ("Bergen (L)"). */
		parenBefore: boolean[];
	}
	interface Hashtag {
		raw: string;
		first: number;
		last: number;
	}

	function tokenize(text: string): { t: Tokens; hashtags: Hashtag[] } {
		const tok: string[] = [];
		const cap: boolean[] = [];
		const hash: number[] = [];
		const sentStart: boolean[] = [];
		const commaBefore: boolean[] = [];
		const colonBefore: boolean[] = [];
		const parenBefore: boolean[] = [];
		const hashtags: Hashtag[] = [];
		const len = text.length;
		let ss = true; // at the start of a sentence
		let comma = false;
		let colon = false;
		let paren = false;
		let k = 0;
		while (k < len) {
			let c = text.charCodeAt(k);
			if (!isWordChar(c)) {
				// . ! ? : and newlines end a sentence
				if (
					c === 46 &&
					tok.length &&
					k > 0 &&
					isWordChar(text.charCodeAt(k - 1)) &&
					ABBREV_DOT.has(tok[tok.length - 1])
				) {
					// "St. Oedenrode", "a.d. Rijn": an abbreviation's dot ends no sentence.
				} else if (c === 46 || c === 33 || c === 63 || c === 10 || c === 58) {
					ss = true;
					if (c === 58) colon = true;
				} else if (c === 44) comma = true;
				paren = c === 40;
				k++;
				continue;
			}
			const start = k;
			let ascii = c < 128;
			while (++k < len) {
				c = text.charCodeAt(k);
				if (!isWordChar(c)) break;
				if (c >= 128) ascii = false;
			}
			const raw = text.slice(start, k);
			if (start > 0 && text.charCodeAt(start - 1) === 35) {
				// #hashtag: split camelCase and digits
				const parts = raw.match(HASHTAG_PART_RE) ?? [raw];
				hashtags.push({
					raw: ascii ? raw.toLowerCase() : foldToken(raw),
					first: tok.length,
					last: tok.length + parts.length - 1
				});
				for (const p of parts) {
					tok.push(foldToken(p));
					cap.push(false);
					hash.push(hashtags.length);
					sentStart.push(ss);
					commaBefore.push(comma);
					colonBefore.push(colon);
					parenBefore.push(false);
					ss = false;
					comma = false;
					colon = false;
				}
				paren = false;
				continue;
			}
			tok.push(ascii ? raw.toLowerCase() : foldToken(raw));
			// Title case ("Haren"), not shouting ("HAREN") or lower case.
			let isCap: boolean;
			const c0 = raw.charCodeAt(0);
			const c1 = raw.length > 1 ? raw.charCodeAt(1) : -1;
			if (ascii) isCap = c0 >= 65 && c0 <= 90 && (c1 === -1 || (c1 >= 97 && c1 <= 122));
			else {
				const s0 = raw[0];
				const s1 = raw.length > 1 ? raw[1] : '';
				isCap = s0 !== s0.toLowerCase() && (s1 === '' || s1 !== s1.toUpperCase());
			}
			cap.push(isCap);
			hash.push(0);
			sentStart.push(ss);
			commaBefore.push(comma);
			colonBefore.push(colon);
			parenBefore.push(paren);
			ss = false;
			comma = false;
			colon = false;
			paren = false;
		}
		return {
			t: { tok, cap, hash, sentStart, commaBefore, colonBefore, parenBefore },
			hashtags
		};
	}

	/** Weight of the words before token i (see Mention.prep). */
	function prepBefore(tok: string[], i: number): number {
		let j = i - 1;
		if (j >= 0 && ARTICLES.has(tok[j])) j--;
		if (j < 0) return 0;
		const w = tok[j];
		if (LOCATIVE.has(w)) return 1.5;
		if (DEPARTURE.has(w)) return -1;
		if (w === 'x' && j > 0 && tok[j - 1] === 'project') return 1;
		if (w === 'px' || w === 'projectx') return 1;
		if (CONTEXT_NOUNS.has(w)) return 1;
		if (w === 'van' && j > 0 && CONTEXT_NOUNS.has(tok[j - 1])) return 1;
		// An address: "Stationsweg Haren", "Rijksstraatweg Haren".
		if (j === i - 1 && w.length >= 6 && STREET_SUFFIX_RE.test(w)) return 1;
		return 0;
	}

	/** The longest name starting at token i; in a text, not across a comma or a sentence end. */
	function nameAt(tok: string[], i: number, t: Tokens | null): TextName | null {
		const e = textIndex.get(tok[i]);
		if (!e) return null;
		const nt = tok.length;
		const list = e.more && i + 1 < nt ? e.more.get(tok[i + 1]) : undefined;
		if (list)
			for (const tn of list) {
				const L = tn.toks.length;
				if (L > nt - i) continue;
				let ok = true;
				for (let k = 1; k < L; k++)
					if (
						(k >= 2 && tn.toks[k] !== tok[i + k]) ||
						(t && (t.commaBefore[i + k] || t.sentStart[i + k]))
					) {
						ok = false;
						break;
					}
				if (ok) return tn;
			}
		return e.one ?? null;
	}

	/** A one-word town name within one edit of token w (w not a name itself); null if none or several. */
	function fuzzyName(w: string): TextName | null {
		if (w.length < 6 || w.length > 40 || !ASCII_LOWER_RE.test(w)) return null;
		let found: TextName | null = null;
		for (let k = -1; k < w.length; k++) {
			const l = fuzzyIndex.get(k < 0 ? w : w.slice(0, k) + w.slice(k + 1));
			if (!l) continue;
			for (const tn of l) {
				if (tn === found || !withinOneEdit(w, tn.toks[0])) continue;
				if (found) return null; // two names within one edit: ambiguous
				found = tn;
			}
		}
		return found;
	}

	function findMentions(tok: string[], t: Tokens | null): Mention[] {
		const out: Mention[] = [];
		const nt = tok.length;
		for (let i = 0; i < nt;) {
			let hit = nameAt(tok, i, t);
			let fuzzy = false;
			// "op de Laan van Westenenk": an article that starts a name ("De Laan") gives way to a
			// longer name right after it.
			if (hit && hit.toks.length >= 2 && FILLER.has(hit.toks[0]) && i + 1 < nt) {
				const next = nameAt(tok, i + 1, t);
				if (next && next.toks.length >= hit.toks.length) {
					i++;
					hit = next;
				}
			}
			if (!hit && t && tok[i].length >= 6 && !textIndex.has(tok[i])) {
				// A misspelt town ("amsterdm", "Groningne"), only with a cue: a preposition, a
				// capital mid-sentence or a hashtag.
				const w = tok[i];
				if (
					!STOP_WORDS.has(w) &&
					!AMBIGUOUS_WORDS.has(w) &&
					(prepBefore(tok, i) > 0 || (t.cap[i] && !t.sentStart[i]) || t.hash[i] > 0)
				) {
					hit = fuzzyName(w);
					fuzzy = hit !== null;
				}
			}
			if (!hit) {
				i++;
				continue;
			}
			const L = fuzzy ? 1 : hit.toks.length;
			let cap = false;
			let capStart = false;
			let hash = false;
			if (t) {
				hash = t.hash[i] > 0;
				// A capital on the first content word of the name, not starting a sentence.
				for (let k = 0; k < L; k++) {
					if (FILLER.has(tok[i + k])) continue;
					cap = t.cap[i + k] && !t.sentStart[i + k];
					capStart = t.cap[i + k] && t.sentStart[i + k];
					break;
				}
			}
			const m = mention(tok, i, L, hit, prepBefore(tok, i), cap, hash, capStart);
			if (fuzzy) m.fuzzy = true;
			out.push(m);
			i += L;
		}
		return out;
	}

	function mention(
		toks: string[],
		at: number,
		len: number,
		name: TextName,
		prep: number,
		cap: boolean,
		hash: boolean,
		capStart = false
	): Mention {
		const art = at > 0 && ARTICLES.has(toks[at - 1]);
		const tier = name.tier;
		const m: Mention = {
			tok: at,
			len,
			name,
			prep,
			cap,
			capStart,
			hash,
			art,
			fuzzy: false,
			cued: false,
			weakCued: false,
			minorCued: false,
			chosen: -1,
			linked: false,
			score: 0
		};
		const townPrep = prep !== 0 && !art; // towns take no article: "bij haar" is no place
		const townCap = cap && !art; // "bij de Blokker" is a shop
		m.cued = tier === 0 || (tier === 1 ? townPrep || townCap || hash : townPrep && townCap);
		m.weakCued = tier <= 1 && (townCap || hash);
		m.minorCued =
			tier === 0
				? prep !== 0 || cap || capStart || hash
				: tier === 1
					? prep !== 0 || cap || hash
					: prep !== 0 && cap;
		return m;
	}

	/** Town names inside hashtags that are not split by case: #denhaag, #projectxharen. */
	function hashtagMentions(hashtags: Hashtag[], found: Mention[], tok: string[]): Mention[] {
		const out: Mention[] = [];
		for (const h of hashtags) {
			if (found.some((m) => m.tok >= h.first && m.tok <= h.last)) continue;
			const letters = h.raw.replace(/\d+/g, '');
			let tn = letters.length >= 3 ? hashIndex.get(letters) : undefined;
			if (!tn) {
				for (const a of HASHTAG_AFFIXES) {
					if (letters.length < a.length + 5) continue;
					const rest = letters.startsWith(a)
						? letters.slice(a.length)
						: letters.endsWith(a)
							? letters.slice(0, -a.length)
							: '';
					if (rest && (tn = hashIndex.get(rest))) break;
				}
			}
			if (tn)
				out.push(
					mention(tok, h.first, h.last - h.first + 1, tn, prepBefore(tok, h.first), false, true)
				);
		}
		return out;
	}

	/** Whether a watched area, the bias or the author's town lies within km of place i. */
	function nearWatch(i: number, biasKm: number, areaKm: number): boolean {
		for (const w of watch)
			if (distKm(lon[i], lat[i], w.lon, w.lat) - w.r <= (w === bias ? biasKm : areaKm)) return true;
		return false;
	}

	/** Candidate town codes of a mention; with `cuedOnly` only those its cues admit. */
	function townCands(m: Mention, cuedOnly: boolean): number[] {
		if (m.name.tier === 2 && !m.cued) return [];
		if (cuedOnly && !m.cued && m.capStart && m.name.tier === 1 && watch.length) {
			// "Haren is vol" while watching Haren.
			return m.name.strong.filter((c) => nearWatch(c >> 1, 30, 30));
		}
		const strong = m.cued || !cuedOnly;
		// Small villages need a capital or a hashtag, unless the word is a cued town name
		// anyway ("in haren": then the small Haren is a candidate next to the large one).
		const weak = m.weakCued || !cuedOnly || (m.cued && m.name.strong.length > 0);
		if (strong && weak)
			return m.name.weak.length ? m.name.strong.concat(m.name.weak) : m.name.strong;
		return strong ? m.name.strong : weak ? m.name.weak : [];
	}

	/** Tokens between two mentions (0 when adjacent); -1 when a comma or sentence end parts them. */
	function gap(a: Mention, b: Mention, t: Tokens): number {
		const [x, y] = a.tok < b.tok ? [a, b] : [b, a];
		const g = y.tok - (x.tok + x.len);
		if (g < 0) return -1;
		for (let k = x.tok + x.len; k <= y.tok; k++) if (t.sentStart[k]) return -1;
		return g;
	}

	/** Provinces named in a text: context for same-named towns, and a cue for a town right before. */
	function provinceContext(ms: Mention[], t: Tokens): Pt[] {
		const tok = t.tok;
		const out: Pt[] = [];
		for (let k = 0; k < tok.length; k++) {
			const w = tok[k];
			if (!PROVINCE_WORDS.has(w)) continue;
			let key: string | undefined;
			let len = 1;
			if ((w === 'noord' || w === 'zuid') && k + 1 < tok.length) {
				const two = w + ' ' + tok[k + 1];
				if (PROVINCES.has(two)) [key, len] = [two, 2];
			} else if (TEXT_PROVINCES.has(w)) key = w;
			if (!key) {
				// An abbreviation right after a town: "Haren NB", "Bergen (L)", "Hengelo (Gld)".
				if (!provinceOf(w) || !(w.length >= 2 || t.parenBefore[k])) continue;
				let after = false;
				for (const m of ms) if (m.tok + m.len === k && m.name.tier <= 1) after = true;
				if (!after) continue;
				key = w;
			}
			const pts = contextOf(key.split(' '));
			if (!pts.length) continue;
			out.push(...pts);
			for (const m of ms)
				if (m.tok + m.len === k && m.name.tier <= 1 && !t.sentStart[k]) {
					m.cued = true;
					m.weakCued = true;
				}
			k += len - 1;
		}
		return out;
	}

	function locateText(text0: string, tagCtx: Pt[]): Location | null {
		let text = text0;
		if ((text.includes("'") || text.includes('\u2019') || text.includes('`')) && /dam/i.test(text))
			text = text.replace(APOS_DAM_RE, (_, c: string) =>
				c === 'A' ? 'Amsterdam' : c === 'a' ? 'amsterdam' : c === 'R' ? 'Rotterdam' : 'rotterdam'
			);
		const { t, hashtags } = tokenize(text);
		const tok = t.tok;
		let ms = findMentions(tok, t);
		if (hashtags.length) {
			const hm = hashtagMentions(hashtags, ms, tok);
			if (hm.length) ms = ms.concat(hm).sort((a, b) => a.tok - b.tok);
		}
		if (ms.length === 0) return null;

		const provCtx = provinceContext(ms, t);
		const textCtx = provCtx.length ? tagCtx.concat(provCtx) : tagCtx;

		for (const m of ms) {
			// "Rijssen: grote brand": a capitalised name opening the text or a sentence, then a colon.
			const end = m.tok + m.len;
			if (!m.cued && m.capStart && m.name.tier <= 1 && end < tok.length && t.colonBefore[end]) {
				m.cued = true;
				m.weakCued = true;
			}
		}

		// "Haren, Groningen": a town followed by a comma and a nearby town is a place name.
		for (let k = 0; k + 1 < ms.length; k++) {
			const m = ms[k];
			const o = ms[k + 1];
			if (m.cued || m.name.tier !== 1 || o.tok !== m.tok + m.len || !t.commaBefore[o.tok]) continue;
			const oc = townCands(o, true);
			if (
				m.name.strong.some((c) =>
					oc.some(
						(d) => distKm(lon[c >> 1], lat[c >> 1], lon[d >> 1], lat[d >> 1]) - pt(d >> 1).r <= 25
					)
				)
			)
				m.cued = true;
		}

		// Streets, squares, neighbourhoods: link to a town named in the text (which confirms
		// that town even when its name is a common word: "stationsweg haren"), or to a watched
		// area, the bias or the author's town. Small villages named next to a nearby town
		// ("osdorp amsterdam") and parts named right after their town ("Amsterdam Oost", "Den
		// Haag Centrum") link the same way.
		const confirmed = new Set<Mention>();
		for (const m of ms) {
			let minor = m.name.minor;
			let adjacentOnly = false;
			if (!m.weakCued && m.name.weak.length && !m.fuzzy && !m.art) {
				// A small village without a cue: only right next to a nearby town.
				minor = minor.length ? minor.concat(m.name.weak) : m.name.weak;
				if (!m.name.minor.length) adjacentOnly = true;
			}
			if (!minor.length) continue;
			let afterTown: Mention | null = null;
			if (m.name.tier === 2 && !m.minorCued) {
				// "Amsterdam Oost", "Amsterdam-Noord", "Den Haag Centrum".
				const prev = ms.find((o) => o.tok + o.len === m.tok && o !== m);
				if (!prev || !GENERIC_NAMES.has(m.name.toks.join(' ')) || gap(prev, m, t) !== 0) continue;
				if (t.commaBefore[m.tok]) continue;
				afterTown = prev;
			}
			const own = townCands(m, true);
			// An uncued common word that names a town ("haren") is not read as its street.
			if (
				!afterTown &&
				(m.name.strong.length || m.name.weak.length) &&
				m.name.tier > 0 &&
				!m.minorCued
			)
				continue;
			// A lower-case name without any cue links only to a town right next to it.
			const loose = adjacentOnly || !(m.prep !== 0 || m.cap || m.capStart || m.hash);
			// A town's own name is not read as a site or area that has it as an alternate name
			// ("Rijk van Nijmegen" has the alternate name "Nijmegen").
			const ownTown = m.name.strong.length > 0 && m.cued;
			// A generic part ("Centrum", "Oost") is its town's own: within 5 km of it.
			const generic = m.name.toks.length === 1 && GENERIC_NAMES.has(m.name.toks[0]);
			let bestD = adjacentOnly ? 10 : generic ? 5 : 15;
			let bestI = -1;
			let bestTown: Mention | null = null;
			for (const o of ms) {
				if (o === m || (afterTown && o !== afterTown)) continue;
				if (loose && gap(m, o, t) > 2 - (adjacentOnly ? 1 : 0)) continue;
				if (loose && gap(m, o, t) < 0) continue;
				for (const jc of townCands(o, false)) {
					const j = jc >> 1;
					if (cls[j] !== PPL && cls[j] !== MUNI && cls[j] !== STATION) continue;
					for (const ic of minor) {
						const i = ic >> 1;
						if (ownTown && ic & 1) continue;
						if (i === j) continue;
						const d = distKm(lon[i], lat[i], lon[j], lat[j]);
						if (d < bestD) {
							bestD = d;
							bestI = i;
							bestTown = o;
						}
					}
				}
			}
			if (bestI < 0 && m.minorCued && !afterTown && !adjacentOnly) {
				// Near a watched area or the bias; else near the author's town.
				let bd = Infinity;
				for (const ic of minor) {
					const i = ic >> 1;
					if (ownTown && ic & 1) continue;
					for (const w of watch) {
						const d = distKm(lon[i], lat[i], w.lon, w.lat) - w.r;
						if (d <= (w === bias ? 25 : 5) && d < bd) [bd, bestI] = [d, i];
					}
				}
				if (bestI < 0 && authorPt && !ownTown && !generic) {
					for (const ic of minor) {
						const i = ic >> 1;
						const d = distKm(lon[i], lat[i], authorPt.lon, authorPt.lat);
						if (d <= 10 && d < bd) [bd, bestI] = [d, i];
					}
					if (bestI >= 0) usedAuthor = true;
				}
			}
			if (bestI < 0) continue;
			// The neighbourhood that bears a town's own name is that town ("Haren").
			if (own.some((c) => distKm(lon[c >> 1], lat[c >> 1], lon[bestI], lat[bestI]) < 5)) continue;
			m.chosen = bestI;
			m.linked = true;
			if (bestTown) confirmed.add(bestTown);
			// "in Amsterdam Oost": the part takes its town's preposition.
			if (afterTown && afterTown.prep > m.prep) m.prep = afterTown.prep;
		}

		// Towns: choose among same-named ones by the other places named, the watched areas and
		// bias, the author's town, population.
		const anchors = new Map<Mention, number[]>();
		for (const m of ms) {
			if (m.linked) continue;
			const c = townCands(m, !confirmed.has(m));
			if (c.length) anchors.set(m, c);
		}
		for (const [m, c] of anchors) {
			const ctx: Pt[] = textCtx.slice();
			for (const [o, oc] of anchors) {
				if (o === m || o.name === m.name) continue;
				for (const j of oc) ctx.push(pt(j >> 1));
			}
			for (const o of ms) if (o.linked) ctx.push(pt(o.chosen));
			m.chosen = pick(c, ctx, 40);
		}

		// "station" near a town, or "CS" right after it: that town's station ("op het station in
		// haren", "Eindhoven CS").
		for (const m of ms) {
			if (m.chosen < 0 || m.linked || cls[m.chosen] !== PPL) continue;
			let near = false;
			const end = m.tok + m.len;
			for (let k = Math.max(0, m.tok - 3); k < Math.min(tok.length, end + 3); k++)
				if (tok[k] === 'station' && (k < m.tok || k >= end)) near = true;
			const cs = end < tok.length && tok[end] === 'cs';
			if (!near && !cs) continue;
			const key = m.name.toks.join(' ');
			const st = (cs && stationsByTown.get(key + ' centraal')) || stationsByTown.get(key);
			if (!st) continue;
			let bd = 10;
			let bi = -1;
			for (const i of st) {
				const d = distKm(lon[i], lat[i], lon[m.chosen], lat[m.chosen]);
				if (d < bd) {
					bd = d;
					bi = i;
				}
			}
			if (bi >= 0) m.chosen = bi;
		}

		// Pick the mention: after a preposition, most specific, inside another named place; a
		// misspelt name counts less.
		let best: Mention | null = null;
		for (const m of ms) {
			if (m.chosen < 0) continue;
			const c = m.chosen;
			// A place that contains a more specific one named ("Mercatorplein in Amsterdam West")
			// gets no credit for its preposition.
			let prep = m.prep;
			for (const o of ms)
				if (
					prep > 0 &&
					o !== m &&
					o.chosen >= 0 &&
					SPECIFICITY[cls[o.chosen]] > SPECIFICITY[cls[c]] &&
					distKm(lon[c], lat[c], lon[o.chosen], lat[o.chosen]) * 1000 <= prec[c]
				)
					prep = 0;
			let s = SPECIFICITY[cls[c]] + prep + (m.hash ? 0.5 : 0) - (m.fuzzy ? 0.5 : 0);
			for (const o of ms) {
				if (o === m || o.chosen < 0 || o.chosen === c) continue;
				const oc = o.chosen;
				if (
					(RANK[cls[oc]] < RANK[cls[c]] || pop[oc] > pop[c]) &&
					distKm(lon[c], lat[c], lon[oc], lat[oc]) <= 20
				) {
					s += 0.5;
					break;
				}
			}
			m.score = s;
			if (!best || s > best.score) best = m;
		}
		return best ? located('text', best.chosen) : null;
	}

	// -------------------------------------------------------------------------------------------

	function locatePost(post: Post): Location {
		const plon = post.lon;
		const plat = post.lat;
		if (
			typeof plon === 'number' &&
			typeof plat === 'number' &&
			Number.isFinite(plon) &&
			Number.isFinite(plat) &&
			!(plon === 0 && plat === 0)
		)
			return { method: 'gps', pos: [plon, plat], precision_m: 25 };
		let tagCtx: Pt[] = [];
		if (post.place) {
			const r = locateTag(post.place);
			if (r.loc) return r.loc;
			tagCtx = r.ctx;
		}
		if (post.text) {
			const r = locateText(post.text, tagCtx);
			if (r) return r;
		}
		return { method: 'none' };
	}

	function locate(post: Post): Location {
		const author = memory && typeof post.author === 'string' && post.author ? post.author : null;
		authorPt = author ? (memory?.get(author) ?? null) : null;
		usedAuthor = false;
		const loc = locatePost(post);
		// Remember where the author was, from a location that the memory did not decide.
		if (memory && author && loc.pos && !usedAuthor && (loc.precision_m ?? Infinity) <= 5000) {
			const [x, y] = loc.pos;
			const old = authorPt;
			if (!old || old.lon !== x || old.lat !== y) {
				// A move (or a new author) goes to the back of the queue; the front is forgotten
				// first.
				if (old) memory.delete(author);
				memory.set(author, { lon: x, lat: y, r: 0 });
				if (memory.size > memoryMax) memory.delete(memory.keys().next().value as string);
			}
		}
		authorPt = null;
		return loc;
	}

	function locateAll(posts: Post[]): LocatedPost[] {
		const out: LocatedPost[] = new Array(posts.length);
		for (let k = 0; k < posts.length; k++) {
			const p = posts[k];
			const loc = locate(p);
			const lp: LocatedPost = { ...p, t: Date.parse(p.created_at), method: loc.method };
			if (loc.pos) {
				lp.pos = loc.pos;
				lp.precision_m = loc.precision_m;
			}
			if (loc.place !== undefined) lp.located_as = loc.place;
			out[k] = lp;
		}
		return out;
	}

	return {
		locate,
		locateAll,
		stats: { places: n, tagNames: tagIndex.size, textNames: textByKey.size, buildMs }
	};
}
