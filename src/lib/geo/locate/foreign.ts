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
	FOREIGN_PAIRS,
	FOREIGN_WORDS,
	PROVINCE_ADJECTIVES,
	PROVINCES,
	TEXT_PROVINCES
} from './words';

/** A city abroad of at least this population, capitalised in a text, is a foreign cue. */
export const FOREIGN_CITY_POP = 100_000;

export interface ForeignContext {
	/** The text names a country, region or city abroad. */
	foreign: boolean;
	/** The text names the Netherlands, a Dutch province or a distinctive Dutch town. */
	dutch: boolean;
}

/** Whether tokens k (and k+1) name a place abroad from the built-in lists; its length or 0. */
export function foreignAt(tok: string[], k: number): number {
	if (k >= tok.length) return 0;
	if (k + 1 < tok.length && FOREIGN_PAIRS.has(tok[k] + ' ' + tok[k + 1])) return 2;
	return FOREIGN_WORDS.has(tok[k]) ? 1 : 0;
}

/** The larger twin abroad of a mention's name: its population, 0 when none is larger. */
export function twinAbroad(ix: PlaceIndex, m: Mention, world: WorldCities | undefined): number {
	if (!world) return 0;
	const twin = world.abroad.get(m.name.toks.join(' '));
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
	let inMention: Uint8Array | null = null;
	if (world) {
		inMention = new Uint8Array(tok.length);
		for (const m of ms) for (let k = m.tok; k < m.tok + m.len; k++) inMention[k] = 1;
	}
	for (let k = 0; k < tok.length; k++) {
		const w = tok[k];
		if (foreignAt(tok, k)) foreign = true;
		else if (DUTCH_WORDS.has(w) || TEXT_PROVINCES.has(w) || PROVINCE_ADJECTIVES[w]) dutch = true;
		else if ((w === 'noord' || w === 'zuid') && k + 1 < tok.length) {
			if (PROVINCES.has(w + ' ' + tok[k + 1])) dutch = true;
		} else if (
			inMention &&
			world &&
			!inMention[k] &&
			t.cap[k] &&
			(world.abroad.get(w) ?? 0) >= FOREIGN_CITY_POP
		)
			foreign = true;
	}
	if (foreign && !dutch) {
		// A distinctive Dutch town named (no larger twin abroad) is a Dutch cue.
		for (const m of ms)
			if (
				m.name.tier === 0 &&
				!m.name.via &&
				m.name.strong.length &&
				!m.fuzzy &&
				!FOREIGN_WORDS.has(m.name.toks.join(' ')) &&
				!twinAbroad(ix, m, world)
			)
				dutch = true;
	}
	return { foreign, dutch };
}

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
	return ms.filter((m) => {
		const twin = twinAbroad(ix, m, world) > 0;
		// "Zwolle in Turkije" stays Zwolle: a distinctive name without a twin is not moved.
		if (followedByAbroad(m, t) && (twin || m.name.tier > 0 || !m.name.strong.length)) return false;
		return !(abroad && twin);
	});
}
