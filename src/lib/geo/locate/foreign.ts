/**
 * Foreign context. A town followed by a place abroad ("Harlingen in Texas", "Haren bij
 * Brussel", "Haren aan de Eems", "Bergen, Noorwegen") is that place's twin, not the Dutch
 * town. With a world list of cities, a text that names a country, region or city abroad and
 * gives no Dutch cue (the Netherlands, a province, a distinctive Dutch town) places none of
 * the names that have a larger twin abroad ("Middelburg" in a text about South Africa). Pure.
 */
import type { Mention } from './mentions';
import type { PlaceIndex } from './places-index';
import type { Tokens } from './tokens';
import type { WorldCities } from './types';
import { MUNI, PPL } from './classes';
import { regionAt } from './cues';
import {
	ABROAD_ADJECTIVES,
	ABROAD_PEOPLE,
	abroadAt,
	PLACING_ADJECTIVES,
	CAP_ONLY,
	ENGLISH_WORDS,
	FRENCH_WORDS,
	GERMAN_WORDS
} from './abroad';
import {
	DUTCH_WORDS,
	FOREIGN_CODES,
	FOREIGN_PAIRS,
	FOREIGN_WORDS,
	PROVINCE_ADJECTIVES,
	PROVINCES,
	TEXT_PROVINCES
} from './words';

/** A city abroad of at least this population, capitalised mid-sentence in a text, is a foreign
 * cue (at the start of a sentence: FOREIGN_CITY_POP_START). */
const FOREIGN_CITY_POP = 20_000;
const FOREIGN_CITY_POP_START = 100_000;

interface ForeignContext {
	/** The text names a country, region or city abroad, or is written in English. */
	foreign: boolean;
	/** The text names a country, region or city abroad (not only its language). */
	named?: boolean;
	/** The countries the text names (ISO codes). */
	codes: ReadonlySet<string>;
	/** The countries of the nationality adjectives and inhabitant names of the text ("Duitse
	 * media", "Belgen"): they say who, not where, and count only for twins in those countries. */
	people?: ReadonlySet<string>;
	/** The text names the Netherlands, a Dutch province or a distinctive Dutch town. */
	dutch: boolean;
}

/** Whether tokens from k name a place abroad (built-in lists); its length in tokens or 0. */
function foreignAt(tok: string[], k: number): number {
	if (k >= tok.length) return 0;
	const w = tok[k];
	const a = abroadAt(tok, k);
	if (a && a.len > 1) return a.len;
	if (k + 1 < tok.length && PAIR_FIRSTS.has(w) && FOREIGN_PAIRS.has(w + ' ' + tok[k + 1])) return 2;
	return a || FOREIGN_WORDS.has(w) ? 1 : 0;
}

/** The country code of the place abroad at token k (after foreignAt said it is one). */
function foreignCode(tok: string[], k: number, len: number): string | undefined {
	const a = abroadAt(tok, k);
	if (a && a.len === len) return a.code;
	return len === 2 ? PAIR_CODES[tok[k] + ' ' + tok[k + 1]] : FOREIGN_CODES[tok[k]];
}

/**
 * A town abroad from the world list at token k, named with a capital and not read as a Dutch
 * town: a city of FOREIGN_CITY_POP or more, or any town of Belgium or of Germany near the border
 * (`world.near`); one to three words ("Sint-Niklaas", "Bad Bentheim"). Its length and country,
 * or null.
 */
function worldCityAt(
	t: Tokens,
	k: number,
	ms: readonly Mention[],
	world: WorldCities | undefined
): { len: number; code: string | undefined } | null {
	if (!world || !t.cap[k] || t.hash[k]) return null;
	const tok = t.tok;
	const firsts = multiFirsts(world);
	const maxLen = firsts.has(tok[k]) ? Math.min(3, tok.length - k) : 1;
	for (let len = maxLen; len >= 1; len--) {
		let key = tok[k];
		let ok = true;
		for (let j = 1; j < len; j++) {
			if (t.commaBefore[k + j] || t.sentStart[k + j]) {
				ok = false;
				break;
			}
			key += ' ' + tok[k + j];
		}
		if (!ok) continue;
		if (len === 1 && (key.length < 5 || NOT_CITY_WORDS.has(key))) continue;
		const big =
			(world.abroad.get(key) ?? 0) >= (t.sentStart[k] ? FOREIGN_CITY_POP_START : FOREIGN_CITY_POP);
		const near = world.near?.has(key) ?? false;
		if (!big && !near) continue;
		// A Dutch town of the name is read as the Dutch town (its twin rule decides).
		if (dutchTownAt(ms, k, len)) return null;
		return { len, code: world.where?.get(key)?.[0] };
	}
	return null;
}

/** The first words of the world list's names of two or three words, per world list. */
const FIRSTS = new WeakMap<WorldCities, Set<string>>();
function multiFirsts(world: WorldCities): Set<string> {
	let f = FIRSTS.get(world);
	if (!f) {
		f = new Set();
		const add = (key: string) => {
			const sp = key.indexOf(' ');
			if (sp > 0) f?.add(key.slice(0, sp));
		};
		for (const [key, pop] of world.abroad) if (pop >= FOREIGN_CITY_POP) add(key);
		for (const key of world.near ?? []) add(key);
		FIRSTS.set(world, f);
	}
	return f;
}

/** Capitalised Dutch words, first names and clubs that are also towns abroad. */
const NOT_CITY_WORDS = new Set(
	(
		'kapel kerke brecht hamme ronse heers zwalm staden welle zonnebeke koning koningin paleis ' +
		'provincie gemeente politie brandweer station victoria florence nancy mario maria sandy mark ajax ' +
		'kensington fortuna metro tram bus trein centrum'
	).split(' ')
);

function dutchTownAt(ms: readonly Mention[], k: number, len: number): boolean {
	for (const m of ms)
		if (
			m.tok < k + len &&
			k < m.tok + m.len &&
			(m.name.strong.length || m.name.weak.length || m.len > 1)
		)
			return true;
	return false;
}

const PAIR_FIRSTS = new Set([...FOREIGN_PAIRS].map((p) => p.split(' ')[0]));
const NO_CODES: ReadonlySet<string> = new Set();

/** The town's name of a mention, without "gemeente" ("gemeente Haren" is Haren's twin too). */
function townKey(m: Mention): string {
	const k = m.name.key;
	return k.startsWith('gemeente ') ? k.slice(9) : k;
}

/** The larger twin abroad of a mention's name: its population, 0 when none is larger. */
export function twinAbroad(ix: PlaceIndex, m: Mention, world: WorldCities | undefined): number {
	if (!world) return 0;
	const twin = world.abroad.get(townKey(m));
	if (!twin) return 0;
	let nl = 0;
	for (const c of m.name.strong) nl = Math.max(nl, ix.pop[c >> 1]);
	for (const c of m.name.weak) nl = Math.max(nl, ix.pop[c >> 1]);
	return twin >= nl / 2 ? twin : 0;
}

/**
 * Whether a mention's name is far better known abroad: a twin abroad ten times the size of the
 * Dutch places of the name (all villages under 5,000, no municipality), a city of 100,000 or a
 * town of Belgium or of Germany near the border ("Essen", "Kiel", "Mechelen", "Meppen"). Such a
 * name needs a Dutch cue even in a text that names nothing abroad.
 */
export function muchLargerAbroad(
	ix: PlaceIndex,
	m: Mention,
	world: WorldCities | undefined
): boolean {
	if (!world || m.name.via) return false;
	const key = townKey(m);
	const twin = world.abroad.get(key) ?? 0;
	if (!twin) return false;
	let nl = 0;
	for (const l of [m.name.strong, m.name.weak])
		for (const c of l) {
			if (ix.cls[c >> 1] === MUNI) return false;
			nl = Math.max(nl, ix.pop[c >> 1]);
		}
	return nl < 5000 && twin >= 10 * Math.max(nl, 1) && (twin >= 100_000 || !!world.near?.has(key));
}

/** Languages by their function words: two English ones, three German or French ones. */
const LANG_OF = new Map<string, number>();
for (const [l, words] of [ENGLISH_WORDS, GERMAN_WORDS, FRENCH_WORDS].entries())
	for (const w of words) if (!LANG_OF.has(w)) LANG_OF.set(w, l);
const LANG_MIN = [2, 3, 3];

/** Words after a nationality adjective that keep the text Dutch ("de Duitse grens"). */
const BORDER_WORDS = new Set([
	'grens',
	'grenzen',
	'grensovergang',
	'kant',
	'zijde',
	'border',
	'grenze'
]);

/** The Netherlands' adjectives: before a border word, the text is on the other side. */
const DUTCH_BORDER = new Set([
	'nederlandse',
	'dutch',
	'niederlandische',
	'niederlandischen',
	'hollandse'
]);

/** Belgian words up to three tokens before a province's name ("the Belgian province of"). */
const BELGIAN = new Set(['belgian', 'belgische', 'belgisch', 'vlaamse', 'flemish', 'belgischen']);
function belgianBefore(tok: string[], k: number): boolean {
	for (let j = Math.max(0, k - 4); j < k; j++) if (BELGIAN.has(tok[j])) return true;
	return false;
}

/** The foreign and Dutch cues of a text. */
export function readForeignContext(
	ix: PlaceIndex,
	t: Tokens,
	ms: Mention[],
	world: WorldCities | undefined
): ForeignContext {
	const tok = t.tok;
	let foreign = false;
	let dutch = false;
	let countryOnly = false;
	let codes: Set<string> | null = null;
	let people: Set<string> | null = null;
	let lang: Set<string>[] | null = null;
	for (let k = 0; k < tok.length; k++) {
		const w = tok[k];
		const l = LANG_OF.get(w);
		if (l !== undefined && !t.hash[k]) (lang ??= [new Set(), new Set(), new Set()])[l].add(w);
		let f = foreignAt(tok, k);
		if (f === 1 && CAP_ONLY.has(w) && !t.cap[k]) f = 0;
		// "aan de Duitse grens": a border, not a place abroad.
		if (f === 1 && ABROAD_ADJECTIVES.has(w) && k + 1 < tok.length && BORDER_WORDS.has(tok[k + 1]))
			f = 0;
		if (
			f === 1 &&
			(ABROAD_ADJECTIVES.has(w) || ABROAD_PEOPLE.has(w)) &&
			!PLACING_ADJECTIVES.has(w)
		) {
			// An adjective or inhabitant name ("Duitse media", "Belgen", "een Noors schip") says
			// who or what, not where: it counts only for the twins in its country.
			const code = foreignCode(tok, k, f);
			if (code) (people ??= new Set()).add(code);
			continue;
		}
		if (f) {
			foreign = true;
			// An adjective ("de Belgische Staat") places the text abroad but names no country
			// for the twin rule: small towns of a Dutch city's name abroad are no twins to it.
			const code = f === 1 && PLACING_ADJECTIVES.has(w) ? undefined : foreignCode(tok, k, f);
			if (code) (codes ??= new Set()).add(code);
			k += f - 1;
			continue;
		}
		// "de Nederlandse grens", "the Dutch border", "der niederländischen Grenze": the place is
		// across the border from the Netherlands.
		if (DUTCH_BORDER.has(w) && k + 1 < tok.length && BORDER_WORDS.has(tok[k + 1])) {
			foreign = true;
			k++;
			continue;
		}
		// "the Belgian province of Limburg", "Belgisch Limburg": no Dutch province.
		if (TEXT_PROVINCES.has(w) && belgianBefore(tok, k)) {
			foreign = true;
			(codes ??= new Set()).add('BE');
			continue;
		}
		if (DUTCH_WORDS.has(w)) countryOnly = true;
		else if (TEXT_PROVINCES.has(w) || PROVINCE_ADJECTIVES[w]) dutch = true;
		// A Dutch region with its capital ("in Twente", "de Achterhoek").
		else if (t.cap[k] && regionAt(t, k)) dutch = true;
		else if (
			(w === 'noord' || w === 'zuid') &&
			k + 1 < tok.length &&
			PROVINCES.has(w + ' ' + tok[k + 1])
		)
			dutch = true;
		else {
			const c = worldCityAt(t, k, ms, world);
			if (c) {
				foreign = true;
				if (c.code) (codes ??= new Set()).add(c.code);
				k += c.len - 1;
			}
		}
	}
	const named = foreign;
	// English, German or French text: a twin abroad is as likely as the Dutch town.
	let otherLang = false;
	if (lang) for (let l = 0; l < 3; l++) if (lang[l].size >= LANG_MIN[l]) otherLang = true;
	if (otherLang) foreign = true;
	// The Netherlands named is a Dutch cue, except in another language's text that names a place
	// abroad too ("Haren (Ems) ... borders the Netherlands at Rütenbrock").
	if (countryOnly && !(otherLang && named)) dutch = true;
	return { foreign, named, dutch, codes: codes ?? NO_CODES, people: people ?? NO_CODES };
}

/** A Dutch town named in a text with foreign cues is a Dutch cue from this size (or as a
 * municipality). */
const DUTCH_CUE_POP = 5000;

/** Whether a mention names a Dutch town of DUTCH_CUE_POP or a municipality. */
function ofSize(ix: PlaceIndex, m: Mention): boolean {
	return m.name.strong.some((c) => ix.cls[c >> 1] === MUNI || ix.pop[c >> 1] >= DUTCH_CUE_POP);
}

/** Whether a mention names only villages under DUTCH_CUE_POP as towns (no municipality):
 * in a text about a place abroad, likely a place there too small for the world list. */
function smallVillage(ix: PlaceIndex, m: Mention): boolean {
	const { cls, pop } = ix;
	// A name of several words ("Bergen aan Zee", "Nieuw-Roden") is Dutch in its own right; an
	// article does not count ("De Rand").
	const words =
		m.name.toks.length - (m.name.toks.length > 1 && ARTICLE_WORDS.has(m.name.toks[0]) ? 1 : 0);
	if (m.name.via || words > 1 || !(m.name.strong.length || m.name.weak.length)) return false;
	for (const l of [m.name.strong, m.name.weak])
		for (const c of l) if (cls[c >> 1] !== PPL || pop[c >> 1] >= DUTCH_CUE_POP) return false;
	return true;
}

const ARTICLE_WORDS = new Set(['de', 'het', 't', 'den']);

/** Whether a mention names no town, only streets, squares, sites or neighbourhoods: in a text
 * about a place abroad, with no Dutch town named, likely one there ("de Rand" of Brussels). */
function minorOnly(m: Mention): boolean {
	return !m.name.via && !m.name.strong.length && !m.name.weak.length;
}

/** Whether a mention's name is a city in one of the countries. */
function twinIn(m: Mention, codes: ReadonlySet<string>, world: WorldCities | undefined): boolean {
	const w = world?.where?.get(townKey(m));
	if (!w) return false;
	for (const c of w) if (codes.has(c)) return true;
	return false;
}

/** Whether a mention's name is a city in a country the text names. */
function twinInNamedCountry(
	m: Mention,
	fc: ForeignContext,
	world: WorldCities | undefined
): boolean {
	return fc.codes.size > 0 && twinIn(m, fc.codes, world);
}

const PAIR_CODES: Record<string, string> = {
	'zuid afrika': 'ZA',
	'zuid afrikaanse': 'ZA',
	'verenigde staten': 'US',
	'new york': 'US',
	'new jersey': 'US',
	'noord rijn': 'DE',
	'sri lanka': 'LK'
};

/** German words of time after "am": a date, not a river ("am Tag", "am Samstag"). */
const GERMAN_TIMES = new Set(
	(
		'tag tage abend morgen mittag nachmittag vormittag wochenende montag dienstag mittwoch ' +
		'donnerstag freitag samstag sonnabend sonntag anfang ende feiertag'
	).split(' ')
);

/** Two-letter codes of the states of the United States, of Canada and of Australia (not UT,
 * also Utrecht's). */
const STATE_CODES = new Set(
	(
		'al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nj ' +
		'nm ny nc nd oh ok or pa ri sc sd tn tx vt va wa wv wi wy bc on qc ns nb mb sk ab nsw ' +
		'qld vic tas'
	).split(' ')
);

const RELATION = new Set(['in', 'bij', 'nabij', 'vlakbij', 'near', 'aan', 'onder', 'rond']);

/** Whether a place abroad follows the mention: "Harlingen in Texas", "Haren aan de Eems". */
export function followedByAbroad(m: Mention, t: Tokens, text?: string): boolean {
	const tok = t.tok;
	let j = m.tok + m.len;
	if (j >= tok.length || t.sentStart[j]) return false;
	// "Amsterdam, NY", "Harlingen, TX": a state's code in capitals after a comma.
	if (
		text !== undefined &&
		t.commaBefore[j] &&
		STATE_CODES.has(tok[j]) &&
		text.slice(t.from[j], t.from[j] + 3).match(/^[A-Z]{2}(?![A-Za-z])/)
	)
		return true;
	// German town names: "Frankfurt am Main", "Bergen an der Dumme", "Weil am Rhein".
	// Not a time ("Venlo am Tag der Deutschen Einheit", "am Samstag").
	if (
		j + 1 < tok.length &&
		!t.commaBefore[j] &&
		((tok[j] === 'am' && !GERMAN_TIMES.has(tok[j + 1])) ||
			((tok[j] === 'an' || tok[j] === 'ob') && tok[j + 1] === 'der'))
	)
		return true;
	if (RELATION.has(tok[j])) {
		j++;
		if (j < tok.length && (tok[j] === 'de' || tok[j] === 'het' || tok[j] === 'den')) j++;
		if (j >= tok.length || t.sentStart[j]) return false;
	}
	return foreignAt(tok, j) > 0;
}

/** The mentions without those that stand for a place abroad. */
export function dropForeign(
	ix: PlaceIndex,
	ms: Mention[],
	t: Tokens,
	world: WorldCities | undefined,
	fc: ForeignContext = readForeignContext(ix, t, ms, world),
	text?: string
): Mention[] {
	if (!ms.length) return ms;
	const abroad = fc.foreign && !fc.dutch;
	const people = !fc.dutch && fc.people?.size ? fc.people : null;
	// Per mention, once: its larger twin abroad, a twin in a country the text names, and whether
	// its name is far better known abroad.
	const much = fc.dutch || !world ? null : ms.map((m) => muchLargerAbroad(ix, m, world));
	const larger = much !== null && much.includes(true);
	const needed = abroad || people !== null || larger;
	const twin = needed ? ms.map((m) => twinAbroad(ix, m, world)) : null;
	const inNamed = needed ? ms.map((m) => twinInNamedCountry(m, fc, world)) : null;
	// A distinctive Dutch town named (no twin abroad that the text points to, and a town of some
	// size: hamlets share their names with places abroad too small for the world list, as
	// Batavia and Boskamp in Suriname) is a Dutch cue for the other names.
	const sized = abroad || people || larger ? ms.map((m) => ofSize(ix, m)) : null;
	const dutchTown =
		sized !== null
			? ms.map(
					(m, k) =>
						m.name.tier === 0 &&
						!m.name.via &&
						sized[k] &&
						!m.fuzzy &&
						!FOREIGN_WORDS.has(m.name.key) &&
						!twin?.[k] &&
						!inNamed?.[k]
				)
			: null;
	// "Harlingen in Texas", "Haren aan de Eems", "Amsterdam, CA"; but "toeristen uit Zwolle in
	// Turkije" stays Zwolle. A name read as the place abroad once is that place throughout the
	// text ("Amsterdam Road").
	let abroadKeys: Set<string> | null = null;
	for (let k = 0; k < ms.length; k++) {
		const m = ms[k];
		if (
			followedByAbroad(m, t, text) &&
			(m.prep >= 0 ||
				m.name.tier > 0 ||
				!m.name.strong.length ||
				(twin ? twin[k] : twinAbroad(ix, m, world)) > 0)
		)
			(abroadKeys ??= new Set()).add(m.name.key);
	}
	let out: Mention[] | null = null;
	for (let k = 0; k < ms.length; k++) {
		const m = ms[k];
		let keep = !abroadKeys?.has(m.name.key);
		// "Nordhorn" is no misspelt Noordhorn: a town abroad of its own; and in a text about
		// abroad a misspelling is too weak a guess ("Jurgen De Landsheer" is not Landsmeer).
		if (m.fuzzy && world && (world.where?.has(t.tok[m.tok]) || world.abroad.has(t.tok[m.tok])))
			keep = false;
		if (m.fuzzy && abroad) keep = false;
		if (
			keep &&
			((abroad &&
				(twin![k] > 0 || inNamed![k] || (fc.named && (smallVillage(ix, m) || minorOnly(m))))) ||
				(people && twin![k] > 0 && twinIn(m, people, world)) ||
				(much !== null && much[k]))
		)
			keep = dutchTown !== null && dutchTown.some((d, j) => d && j !== k);
		if (!keep && !out) out = ms.slice(0, k);
		else if (keep && out) out.push(m);
	}
	return out ?? ms;
}
