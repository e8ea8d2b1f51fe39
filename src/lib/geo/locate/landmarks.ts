/**
 * Well-known sites named without their town: a short list of national landmarks with their
 * town ("op de Dam", "Malieveld", "Erasmusbrug", "Zaanse Schans", "Magere Brug"), and any square
 * or site whose distinctive name (8+ letters) the gazetteer has in one place only, named with a
 * capital, a preposition or as a hashtag ("Museumplein"). Pure.
 */
import { BUURT, distKm, SECTION, SITE, SQUARE, STATION } from './classes';
import type { Mention } from './mentions';
import type { PlaceIndex } from './places-index';
import { AMBIGUOUS_WORDS, ARTICLES, GENERIC_NAMES, STOP_WORDS } from './words';

/** Words of many place names: a name with one is not one place. */
const COMMON_PARTS = new Set(
	'grote kleine oude nieuwe hoge lage lange korte groot klein oud nieuw sint st noorder zuider ooster wester'.split(
		' '
	)
);

/** Landmark name (normalised) → the normalised name of its town. */
const LANDMARKS: Record<string, string> = {
	dam: 'amsterdam',
	museumplein: 'amsterdam',
	leidseplein: 'amsterdam',
	rembrandtplein: 'amsterdam',
	vondelpark: 'amsterdam',
	'magere brug': 'amsterdam',
	ijhaven: 'amsterdam',
	malieveld: 'den haag',
	binnenhof: 'den haag',
	erasmusbrug: 'rotterdam',
	coolsingel: 'rotterdam',
	'zaanse schans': 'zaandam',
	neude: 'utrecht',
	vredenburg: 'utrecht',
	vrijthof: 'maastricht',
	stratumseind: 'eindhoven'
};

/**
 * A district named without its town ("in de Schilderswijk", "in Kanaleneiland", "Overvecht"):
 * the one district of the name that GeoNames lists (P.PPLX; the CBS neighbourhoods of the name
 * within 2 km of it are the same place, those of small towns elsewhere are not what a text
 * means), with a capital and a preposition of place (6+ letters), or a capital mid-sentence or
 * a hashtag (8+ letters). Not a name that is also a town's. -1 when none.
 */
export function districtOf(ix: PlaceIndex, m: Mention, minor: number[]): number {
	const { lon, lat, notable } = ix;
	if (m.name.tier !== 0 || m.fuzzy || m.name.strong.length || m.name.weak.length) return -1;
	const toks = m.name.toks;
	const key = (toks.length > 1 && ARTICLES.has(toks[0]) ? toks.slice(1) : toks).join('');
	for (const w of toks)
		if (STOP_WORDS.has(w) || AMBIGUOUS_WORDS.has(w) || COMMON_PARTS.has(w) || GENERIC_NAMES.has(w))
			return -1;
	const cue =
		(m.prep > 0 && (m.cap || m.hash) && key.length >= 6) || ((m.cap || m.hash) && key.length >= 8);
	if (!cue) return -1;
	let best = -1;
	for (const c of minor) {
		const i = c >> 1;
		if (!notable[i]) continue;
		if (best >= 0 && distKm(lon[i], lat[i], lon[best], lat[best]) > 2) return -1; // two of note
		if (best < 0) best = i;
	}
	return best;
}

/** The place a mention of a well-known site stands for on its own; -1 when none. */
export function landmarkOf(ix: PlaceIndex, m: Mention, minor: number[]): number {
	const { lon, lat, cls, pop } = ix;
	const toks = m.name.toks;
	// "de Dam" is an alternate name of the Dam: the article does not count.
	const key = (toks.length > 1 && ARTICLES.has(toks[0]) ? toks.slice(1) : toks).join(' ');
	const town = Object.prototype.hasOwnProperty.call(LANDMARKS, key) ? LANDMARKS[key] : undefined;
	if (town) {
		// Needs a capital ("op de Dam") or a hashtag, not a lower-case word ("de dam").
		if (!(m.cap || m.capStart || m.hash)) return -1;
		const tn = ix.textByKey.get(town);
		if (!tn || !tn.strong.length) return -1;
		let t = tn.strong[0] >> 1;
		for (const c of tn.strong) if (pop[c >> 1] > pop[t]) t = c >> 1;
		let best = -1;
		let bd = 5;
		for (const c of minor) {
			const d = distKm(lon[c >> 1], lat[c >> 1], lon[t], lat[t]);
			if (d < bd) [bd, best] = [d, c >> 1];
		}
		return best;
	}
	if (m.name.tier !== 0 || key.replace(/ /g, '').length < 8 || m.fuzzy) return -1;
	// Every word distinctive: not "Grote Markt", "Oude Haven", "Stationsplein".
	for (const w of toks)
		if (STOP_WORDS.has(w) || AMBIGUOUS_WORDS.has(w) || COMMON_PARTS.has(w) || GENERIC_NAMES.has(w))
			return -1;
	if (toks.length === 1 && /^(station|markt|kerk|haven|dorps|stads|burg)/.test(key)) return -1;
	if (!(m.cap || m.capStart || m.hash || m.prep > 0)) return -1;
	// One place: every candidate within 2 km of a square or site of the name.
	let best = -1;
	for (const c of minor) {
		const k = cls[c >> 1];
		if ((k === SQUARE || k === SITE || k === STATION) && (best < 0 || k === SQUARE)) best = c >> 1;
		// A neighbourhood of one place, with a preposition and a capital ("in Kanaleneiland").
		else if ((k === SECTION || k === BUURT) && best < 0 && m.prep > 0 && m.cap) best = c >> 1;
	}
	if (best < 0) return -1;
	for (const c of minor) if (distKm(lon[c >> 1], lat[c >> 1], lon[best], lat[best]) > 2) return -1;
	return best;
}
