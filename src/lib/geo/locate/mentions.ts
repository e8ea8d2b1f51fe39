/**
 * Mentions of place names in a text: the longest name at each token (not across a comma or a
 * sentence end), an article that gives way to a longer name, misspelt towns after a cue, town
 * names inside hashtags (#denhaag, #projectxharen), and for each mention the cues that admit
 * its towns, small villages and minor places. Pure.
 */
import { fuzzyName } from './fuzzy';
import type { PlaceIndex, TextName } from './places-index';
import { prepBefore, type Hashtag, type Tokens } from './tokens';
import { AMBIGUOUS_WORDS, ARTICLES, FILLER, HASHTAG_AFFIXES, STOP_WORDS } from './words';

export interface Mention {
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
	/** How a minor place was placed: a town named near it, a watched area or the bias, the
	 * author's town, or as a well-known landmark on its own. */
	linkVia?: 'town' | 'watch' | 'author' | 'landmark' | 'district';
	/** Moved to its town's station ("op het station in haren", "Eindhoven CS"). */
	station?: boolean;
	/** The chosen candidate won on kind or population, not on context, among far-apart ones. */
	guessed?: boolean;
	/** An adjective qualifying the next name ("het Groningse Haren"): context, never chosen. */
	qualifier?: boolean;
	/** Named in a list with others ("uit Assen, Smilde, Vries en Beilen"): the token of the
	 * list's first name; the names of one list are peers, none inside another. */
	list?: number;
	/** A site named alone far from every other place the text names (see dropFarAlone). */
	dropped?: boolean;
}

/** The longest name starting at token i; in a text, not across a comma or a sentence end. */
function nameAt(ix: PlaceIndex, tok: string[], i: number, t: Tokens | null): TextName | null {
	const e = ix.textIndex.get(tok[i]);
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

export function findMentions(ix: PlaceIndex, tok: string[], t: Tokens | null): Mention[] {
	const out: Mention[] = [];
	const nt = tok.length;
	for (let i = 0; i < nt;) {
		let hit = nameAt(ix, tok, i, t);
		let fuzzy = false;
		// "op de Laan van Westenenk": an article that starts a name ("De Laan") gives way to a
		// longer name right after it.
		if (hit && hit.toks.length >= 2 && FILLER.has(hit.toks[0]) && i + 1 < nt) {
			const next = nameAt(ix, tok, i + 1, t);
			// Also a town's nickname after an article that starts a minor name ("de Hofstad").
			if (
				next &&
				(next.toks.length >= hit.toks.length ||
					(next.via === 'nickname' && !hit.strong.length && !hit.weak.length))
			) {
				i++;
				hit = next;
			}
		}
		if (!hit && t && tok[i].length >= 6 && !ix.textIndex.has(tok[i])) {
			// A misspelt town ("amsterdm", "Groningne"), only with a cue: a preposition, a
			// capital mid-sentence or a hashtag.
			const w = tok[i];
			if (
				!STOP_WORDS.has(w) &&
				!AMBIGUOUS_WORDS.has(w) &&
				(prepBefore(tok, i) > 0 || (t.cap[i] && !t.sentStart[i]) || t.hash[i] > 0)
			) {
				hit = fuzzyName(ix.fuzzyIndex, w);
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

export function mention(
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
	// Towns take no article: "bij haar" is no place, "bij de Blokker" is a shop; inhabitants
	// and adjectives do ("de Vlaardingers", "de Bergense duinbrand").
	const demonym = name.via === 'demonym';
	const townPrep = prep !== 0 && (!art || demonym);
	const townCap = cap && (!art || demonym);
	m.cued = tier === 0 || (tier === 1 ? townPrep || townCap || hash : townPrep && townCap);
	// An inhabitant name made from a town's name needs its capital mid-sentence ("Urker", not
	// "emmer").
	if (demonym && tier === 1) m.cued = townCap || hash;
	// A small village by one of its alternate names ("Mark" for Markt, "Geul" for Geulle)
	// needs a preposition and a capital.
	m.weakCued = tier <= 1 && (name.altOnly ? townCap && townPrep : townCap || hash);
	m.minorCued =
		tier === 0
			? prep !== 0 || cap || capStart || hash
			: tier === 1
				? prep !== 0 || cap || hash
				: prep !== 0 && cap;
	return m;
}

/** Town names inside hashtags that are not split by case: #denhaag, #projectxharen. */
export function hashtagMentions(
	ix: PlaceIndex,
	hashtags: Hashtag[],
	found: Mention[],
	tok: string[]
): Mention[] {
	const { hashIndex } = ix;
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
