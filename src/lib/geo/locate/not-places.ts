/**
 * Mentions that name something other than a Dutch place: a club ("FC Utrecht", "PEC Zwolle",
 * "Go Ahead Eagles Deventer", "Helmond Sport"), a cape ("Kaap Hoorn"), a place abroad by a
 * nationality ("het Duitse Haren"), a country or city abroad ("Turkije" is not the hamlet
 * Turkeye), a person ("Ede Staal", "Sjaak Swart"), or a part of a longer proper name ("Mark
 * Rutte", "Kleine Geul") for names that need a cue anyway. Pure.
 */
import type { Mention } from './mentions';
import type { Tokens } from './tokens';
import {
	FIRST_NAME_TOWNS,
	FIRST_NAMES,
	FOREIGN_PAIRS,
	FOREIGN_WORDS,
	NOT_PLACE_AFTER,
	NOT_PLACE_BEFORE,
	PROVINCE_WORDS
} from './words';

/** Why a mention is not a Dutch place, or null when it may be one. */
export function notPlace(m: Mention, t: Tokens, starts: Set<number>): string | null {
	const tok = t.tok;
	const key = m.name.toks.join(' ');
	if (FOREIGN_WORDS.has(key) || FOREIGN_PAIRS.has(key)) return 'abroad';
	const first = m.tok;
	const end = m.tok + m.len;
	const joinedBefore = first > 0 && !t.commaBefore[first] && !t.sentStart[first] && !m.hash;
	const joinedAfter = end < tok.length && !t.commaBefore[end] && !t.sentStart[end] && !m.hash;
	if (joinedBefore && NOT_PLACE_BEFORE.has(tok[first - 1])) return 'other-name';
	if (
		joinedBefore &&
		first > 1 &&
		FOREIGN_PAIRS.has(tok[first - 2] + ' ' + tok[first - 1]) &&
		!t.commaBefore[first - 1]
	)
		return 'other-name';
	if (joinedAfter && NOT_PLACE_AFTER.has(tok[end]) && t.cap[end]) return 'other-name';
	const capAfter =
		joinedAfter &&
		t.cap[end] &&
		tok[end].length >= 3 &&
		!starts.has(end) &&
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
			!t.sentStart[first - 1] &&
			!starts.has(first - 1)
		)
			return 'other-name';
	}
	return null;
}

/** The mentions that may be Dutch places (the others dropped). */
export function dropNotPlaces(ms: Mention[], t: Tokens): Mention[] {
	if (!ms.length) return ms;
	const starts = new Set<number>();
	for (const m of ms) for (let k = m.tok; k < m.tok + m.len; k++) starts.add(k);
	let out: Mention[] | null = null;
	for (let k = 0; k < ms.length; k++) {
		const why = notPlace(ms[k], t, starts);
		if (why && !out) out = ms.slice(0, k);
		else if (!why && out) out.push(ms[k]);
	}
	return out ?? ms;
}
