/**
 * Context read around the mentions: the places a province or a tag part names, the gap
 * between two mentions, and provinces named in a text (context, and a cue for a town right
 * before an abbreviation: "Haren NB", "Bergen (L)"). Pure.
 */
import type { Mention } from './mentions';
import type { PlaceIndex } from './places-index';
import { REGION } from './classes';
import { pt } from './choose';
import { prepBefore, type Tokens } from './tokens';
import type { Pt } from './types';
import { distKm } from './classes';
import {
	ARTICLES,
	LOCATIVE,
	NEAR_WORDS,
	PROVINCE_ADJECTIVES,
	PROVINCE_WORDS,
	PROVINCES,
	provinceOf,
	REGIONS,
	TEXT_PROVINCES
} from './words';

const HOLLANDS = new Set(['hollands', 'hollandse']);
/** Words for a province before its name ("de provincie Groningen", "province of Utrecht"). */
const PROVINCE_NOUNS = new Set(['provincie', 'province', 'provinz']);
const PROVINCE_ADJ = new Map(Object.entries(PROVINCE_ADJECTIVES));

/**
 * Context points named by a qualifier or another part of a tag: a province ("Groningen",
 * "NB", "Zeeland") as a region with a radius, anything else as its towns/places.
 */
export function contextOf(ix: PlaceIndex, part: string[]): Pt[] {
	const { cls } = ix;
	const key = part.join(' ');
	const prov = provinceOf(key) ?? (PROVINCES.has(key) ? key : undefined);
	const list = ix.tagIndex.get(prov ?? key);
	if (!list) return [];
	const regions = list.filter((c) => cls[c >> 1] === REGION);
	const others = list.filter((c) => cls[c >> 1] !== REGION);
	const use = prov && regions.length ? regions : others.length ? others : regions;
	return use.map((c) => pt(ix, c >> 1));
}

/** Tokens between two mentions (0 when adjacent); -1 when a comma or sentence end parts them. */
export function gap(a: Mention, b: Mention, t: Tokens): number {
	const [x, y] = a.tok < b.tok ? [a, b] : [b, a];
	const g = y.tok - (x.tok + x.len);
	if (g < 0) return -1;
	for (let k = x.tok + x.len; k <= y.tok; k++) if (t.sentStart[k]) return -1;
	return g;
}

/** Provinces named in a text: context for same-named towns, and a cue for a town right before. */
export function provinceContext(ix: PlaceIndex, ms: Mention[], t: Tokens): Pt[] {
	const tok = t.tok;
	const out: Pt[] = [];
	for (let k = 0; k < tok.length; k++) {
		const w = tok[k];
		// A region with its capital ("in Twente", "de Zuid-Limburgse heuvels", "het Westland").
		const reg = t.cap[k] ? regionAt(t, k) : null;
		if (reg) {
			out.push({ lat: reg.at[0], lon: reg.at[1], r: reg.at[2] });
			// The region is context for the other names, not the place meant.
			for (const m of ms)
				if (
					m.tok >= k &&
					m.tok + m.len <= k + reg.len &&
					ms.some((o) => o.tok < k || o.tok >= k + reg.len)
				)
					m.qualifier = true;
			k += reg.len - 1;
			continue;
		}
		// "het Limburgse dorp Valkenburg", "het Noord-Brabantse dorpje Katwijk".
		const adj =
			PROVINCE_ADJ.get(w) ??
			((w === 'noord' || w === 'zuid') && k + 1 < tok.length && HOLLANDS.has(tok[k + 1])
				? w + ' holland'
				: undefined);
		if (adj) {
			out.push(...contextOf(ix, adj.split(' ')));
			if (!PROVINCE_ADJ.has(w)) k++; // "noord hollandse": two words
			continue;
		}
		// "de provincie Groningen", "the province of Utrecht": the province, context only.
		if (PROVINCE_NOUNS.has(w) && k + 1 < tok.length) {
			const j = tok[k + 1] === 'of' || tok[k + 1] === 'van' ? k + 2 : k + 1;
			const m = ms.find((o) => o.tok === j && !t.sentStart[j] && !t.commaBefore[j]);
			if (m && PROVINCES.has(m.name.key)) {
				out.push(...contextOf(ix, m.name.key.split(' ')));
				m.qualifier = true;
				k = j + m.len - 1;
				continue;
			}
		}
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
		const pts = contextOf(ix, key.split(' '));
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

/** A region of one to three words at token k (REGIONS), not across a comma or sentence end. */
export function regionAt(
	t: Tokens,
	k: number
): { len: number; at: readonly [number, number, number] } | null {
	const tok = t.tok;
	let key = '';
	let found: { len: number; at: readonly [number, number, number] } | null = null;
	for (let len = 1; len <= 3 && k + len <= tok.length; len++) {
		const j = k + len - 1;
		if (len > 1 && (t.commaBefore[j] || t.sentStart[j])) break;
		key = len === 1 ? tok[k] : key + ' ' + tok[j];
		const at = REGIONS.get(key);
		if (at) found = { len, at };
	}
	return found;
}

/**
 * Qualifiers: a province or town adjective right before a town ("in het Gelderse Stroe", "het
 * Utrechtse Woudenberg", "het Zuid-Limburgse Epen") gives the town the preposition before the
 * adjective; a town adjective there is context, not the place.
 */
export function readQualifiers(ms: Mention[], t: Tokens): void {
	const tok = t.tok;
	for (const o of ms) {
		const k = o.tok - 1;
		if (k < 0 || t.sentStart[o.tok] || t.commaBefore[o.tok] || o.name.via === 'demonym') continue;
		const dem = ms.find((m) => m.tok + m.len === o.tok && m.name.via === 'demonym');
		let start = -1;
		if (dem) start = dem.tok;
		else if (PROVINCE_ADJECTIVES[tok[k]] || HOLLANDS.has(tok[k]))
			start =
				k > 0 && (tok[k - 1] === 'noord' || tok[k - 1] === 'zuid') && !t.commaBefore[k] ? k - 1 : k;
		if (start < 0) continue;
		const p = prepBefore(tok, start);
		if (p > o.prep) o.prep = p;
		if (p !== 0 && o.name.tier <= 1) {
			o.cued = true;
			o.weakCued = true;
		}
		if (dem && (o.name.strong.length || o.name.weak.length)) {
			dem.prep = 0;
			dem.qualifier = true;
		}
	}
}

/**
 * "X bij Y" (nabij, vlakbij, onder): Y says where X lies. When Y is within 25 km of one of X's
 * towns, X gets a cue and the preposition counts for X, not for Y ("Haren bij Groningen" is
 * Haren).
 */
export function readRelations(ix: PlaceIndex, ms: Mention[], t: Tokens): void {
	const { lon, lat } = ix;
	const tok = t.tok;
	for (let k = 0; k + 1 < ms.length; k++) {
		const m = ms[k];
		const o = ms[k + 1];
		const j = m.tok + m.len;
		if (o.tok !== j + 1 || !NEAR_WORDS.has(tok[j])) continue;
		if (t.sentStart[j] || t.sentStart[o.tok] || t.commaBefore[j] || t.commaBefore[o.tok]) continue;
		const oc = o.name.strong.length ? o.name.strong : o.name.weak;
		const mc = m.name.strong.concat(m.name.weak);
		const near = mc.some((c) =>
			oc.some((d) => distKm(lon[c >> 1], lat[c >> 1], lon[d >> 1], lat[d >> 1]) <= 25)
		);
		if (!near) continue;
		if (m.name.tier <= 1) {
			m.cued = true;
			m.weakCued = true;
		}
		if (o.prep > m.prep) m.prep = o.prep;
		o.prep = 0;
	}
}

/** Words that join the names of a list ("A, B en C", "A of B"). */
const LIST_WORDS = new Set(['en', 'of', 'and', 'und', 'et']);

/**
 * Lists of places ("uit Assen, Smilde, Vries en Beilen", "in Amsterdam en Rotterdam"): names
 * joined by a comma or "en"/"of" are peers. A name without a preposition of its own takes the
 * list's ("uit" for all four), so the first named wins a tie, and none counts as inside another.
 */
export function readLists(ms: Mention[], t: Tokens): void {
	const tok = t.tok;
	for (let k = 0; k + 1 < ms.length; k++) {
		const m = ms[k];
		const o = ms[k + 1];
		if (m.qualifier || o.qualifier || t.sentStart[o.tok]) continue;
		const end = m.tok + m.len;
		// "A en B", "A, B", and "A en in de B" (the second with a preposition and an article of
		// its own).
		let j = end;
		if (j < o.tok && LIST_WORDS.has(tok[j]) && !t.sentStart[j]) j++;
		const sep = j > end;
		if (sep && o.prep !== 0 && j < o.tok && LOCATIVE.has(tok[j])) j++;
		if (sep && j < o.tok && ARTICLES.has(tok[j])) j++;
		const joined = j === o.tok && (sep || (o.tok === end && t.commaBefore[o.tok]));
		if (!joined) continue;
		m.list ??= m.tok;
		o.list = m.list;
		if (o.prep === 0 && m.prep !== 0) o.prep = m.prep;
	}
}
