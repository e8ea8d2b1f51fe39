/**
 * Tokens of a text: words folded to lower case without accents, with per token whether it is
 * title case, inside which hashtag, at a sentence start, after a comma, a colon or an opening
 * parenthesis; hashtags split on case and digits. Also the weight of the words before a token
 * (a preposition, a context noun, a street). Pure.
 */
import {
	ABBREV_DOT,
	ARTICLES,
	CONTEXT_NOUNS,
	DEPARTURE,
	LOCATIVE,
	STREET_SUFFIX_RE
} from './words';

const TOKEN_RE = /[\p{L}\p{N}]+/gu;
export const ASCII_LOWER_RE = /^[a-z]+$/;
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

export function isWordChar(c: number): boolean {
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

export interface Tokens {
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
	/** Where the token's word starts in the text (a hashtag's parts: its "#"). */
	from: number[];
}
export interface Hashtag {
	raw: string;
	first: number;
	last: number;
}

export function tokenize(text: string): { t: Tokens; hashtags: Hashtag[] } {
	const tok: string[] = [];
	const from: number[] = [];
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
				from.push(start - 1);
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
		from.push(start);
		// Title case ("Haren"), not shouting ("HAREN") or lower case.
		let isCap: boolean;
		const c0 = raw.charCodeAt(0);
		const c1 = raw.length > 1 ? raw.charCodeAt(1) : -1;
		if (ascii) {
			isCap = c0 >= 65 && c0 <= 90 && (c1 === -1 || (c1 >= 97 && c1 <= 122));
			// The Dutch "IJ" is one capital letter: "IJhaven", "IJmuiden".
			if (!isCap && c0 === 73 && c1 === 74 && raw.length > 2) {
				const c2 = raw.charCodeAt(2);
				isCap = c2 >= 97 && c2 <= 122;
			}
		} else {
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
		t: { tok, cap, hash, sentStart, commaBefore, colonBefore, parenBefore, from },
		hashtags
	};
}

/** Weight of the words before token i (see Mention.prep). */
export function prepBefore(tok: string[], i: number): number {
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
	// "ter hoogte van Breukelen": where it happened.
	if (w === 'van' && j > 1 && tok[j - 1] === 'hoogte' && tok[j - 2] === 'ter') return 1.5;
	// An address: "Stationsweg Haren", "Rijksstraatweg Haren".
	if (j === i - 1 && w.length >= 6 && STREET_SUFFIX_RE.test(w)) return 1;
	return 0;
}
