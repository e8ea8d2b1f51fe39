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
import {
	DUTCH_WORDS,
	FOREIGN_CODES,
	FOREIGN_PAIRS,
	FOREIGN_WORDS,
	PROVINCE_ADJECTIVES,
	PROVINCES,
	TEXT_PROVINCES
} from './words';

/** A city abroad of at least this population, capitalised in a text, is a foreign cue. */
export const FOREIGN_CITY_POP = 100_000;

export interface ForeignContext {
	/** The text names a country, region or city abroad, or is written in English. */
	foreign: boolean;
	/** The countries the text names (ISO codes). */
	codes: ReadonlySet<string>;
	/** The text names the Netherlands, a Dutch province or a distinctive Dutch town. */
	dutch: boolean;
}

/** Whether tokens k (and k+1) name a place abroad from the built-in lists; its length or 0. */
export function foreignAt(tok: string[], k: number): number {
	if (k >= tok.length) return 0;
	const w = tok[k];
	if (k + 1 < tok.length && PAIR_FIRSTS.has(w) && FOREIGN_PAIRS.has(w + ' ' + tok[k + 1])) return 2;
	return FOREIGN_WORDS.has(w) ? 1 : 0;
}

const PAIR_FIRSTS = new Set([...FOREIGN_PAIRS].map((p) => p.split(' ')[0]));
const NO_CODES: ReadonlySet<string> = new Set();

const ENGLISH_CUE = 1;
const FOREIGN_CUE = 2;
const DUTCH_CUE = 4;
const PAIR_FIRST = 8;
const NOORD_ZUID = 16;
/** Each word that says something about the country of a text, with what it says. */
const CUE_WORDS = new Map<string, number>();
function addCue(w: string, kind: number): void {
	CUE_WORDS.set(w, (CUE_WORDS.get(w) ?? 0) | kind);
}

/** The larger twin abroad of a mention's name: its population, 0 when none is larger. */
export function twinAbroad(ix: PlaceIndex, m: Mention, world: WorldCities | undefined): number {
	if (!world) return 0;
	const twin = world.abroad.get(m.name.key);
	if (!twin) return 0;
	let nl = 0;
	for (const c of m.name.strong) nl = Math.max(nl, ix.pop[c >> 1]);
	for (const c of m.name.weak) nl = Math.max(nl, ix.pop[c >> 1]);
	return twin >= nl / 2 ? twin : 0;
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
	let codes: Set<string> | null = null;
	let english = 0;
	for (let k = 0; k < tok.length; k++) {
		const w = tok[k];
		const kind = CUE_WORDS.get(w) ?? 0;
		if (kind) {
			if (kind & ENGLISH_CUE && !t.hash[k]) english |= ENGLISH_BIT.get(w) ?? 0;
			const f = kind & (FOREIGN_CUE | PAIR_FIRST) ? foreignAt(tok, k) : 0;
			if (f) {
				foreign = true;
				const code = f === 2 ? PAIR_CODES[tok[k] + ' ' + tok[k + 1]] : FOREIGN_CODES[w];
				if (code) (codes ??= new Set()).add(code);
				continue;
			}
			if (kind & DUTCH_CUE) dutch = true;
			else if (kind & NOORD_ZUID && k + 1 < tok.length && PROVINCES.has(w + ' ' + tok[k + 1]))
				dutch = true;
		} else if (world && t.cap[k] && (world.abroad.get(w) ?? 0) >= FOREIGN_CITY_POP) {
			// A city abroad named with a capital, not read as a Dutch name.
			if (ms.some((m) => k >= m.tok && k < m.tok + m.len)) continue;
			foreign = true;
			const code = world.where?.get(w)?.split(' ')[0];
			if (code) (codes ??= new Set()).add(code);
		}
	}
	// English text: a twin abroad is as likely as the Dutch town.
	if (bitCount(english) >= 2) foreign = true;
	return { foreign, dutch, codes: codes ?? NO_CODES };
}

/** Whether a mention's name is a city in a country the text names. */
export function twinInNamedCountry(
	m: Mention,
	fc: ForeignContext,
	world: WorldCities | undefined
): boolean {
	if (!fc.codes.size || !world?.where) return false;
	const w = world.where.get(m.name.key);
	if (!w) return false;
	for (const c of w.split(' ')) if (fc.codes.has(c)) return true;
	return false;
}

const ENGLISH_WORDS =
	'the and of with were are has have after from which where its their this that on a an for to at by during each held lies city town near river'.split(
		' '
	);
const ENGLISH_BIT = new Map(ENGLISH_WORDS.map((w, k) => [w, 1 << k]));
for (const w of ENGLISH_WORDS) addCue(w, ENGLISH_CUE);
for (const w of FOREIGN_WORDS) addCue(w, FOREIGN_CUE);
for (const w of PAIR_FIRSTS) addCue(w, PAIR_FIRST);
for (const w of [...DUTCH_WORDS, ...TEXT_PROVINCES, ...Object.keys(PROVINCE_ADJECTIVES)])
	addCue(w, DUTCH_CUE);
addCue('noord', NOORD_ZUID);
addCue('zuid', NOORD_ZUID);

function bitCount(x: number): number {
	let n = 0;
	for (let v = x; v; v &= v - 1) n++;
	return n;
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

const RELATION = new Set(['in', 'bij', 'nabij', 'vlakbij', 'near', 'aan', 'onder', 'rond']);

/** Whether a place abroad follows the mention: "Harlingen in Texas", "Haren aan de Eems". */
export function followedByAbroad(m: Mention, t: Tokens): boolean {
	const tok = t.tok;
	let j = m.tok + m.len;
	if (j >= tok.length || t.sentStart[j]) return false;
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
	fc: ForeignContext = readForeignContext(ix, t, ms, world)
): Mention[] {
	if (!ms.length) return ms;
	const abroad = fc.foreign && !fc.dutch;
	// A distinctive Dutch town named (no twin abroad that the text points to) is a Dutch cue
	// for the other names.
	const dutchTown = abroad
		? ms.map(
				(m) =>
					m.name.tier === 0 &&
					!m.name.via &&
					m.name.strong.length > 0 &&
					!m.fuzzy &&
					!FOREIGN_WORDS.has(m.name.key) &&
					!twinAbroad(ix, m, world) &&
					!twinInNamedCountry(m, fc, world)
			)
		: null;
	let out: Mention[] | null = null;
	for (let k = 0; k < ms.length; k++) {
		const m = ms[k];
		let keep = true;
		if (followedByAbroad(m, t)) {
			// "Harlingen in Texas", "Haren aan de Eems"; but "toeristen uit Zwolle in Turkije"
			// stays Zwolle.
			if (m.prep >= 0 || m.name.tier > 0 || !m.name.strong.length || twinAbroad(ix, m, world) > 0)
				keep = false;
		}
		if (keep && abroad && (twinAbroad(ix, m, world) > 0 || twinInNamedCountry(m, fc, world)))
			keep = dutchTown !== null && dutchTown.some((d, j) => d && j !== k);
		if (!keep && !out) out = ms.slice(0, k);
		else if (keep && out) out.push(m);
	}
	return out ?? ms;
}
