/**
 * One line per call for help, however often it was posted: the same text posted many times, a
 * near-same text (another emoji, a link, an extra word, other punctuation or case) and retweets or
 * reposts of it ("RT @x: ...", "via @x") are grouped and shown once with a count ("12x gemeld").
 * Pure: no Svelte, no database.
 *
 * Two calls are the same when their normalised texts are equal, or when both have at least
 * MIN_TOKENS words and the Jaccard similarity of their word sets is at least NEAR. The lead of a
 * group is its earliest call (the original; its handling state is stored under its key); the group
 * takes the time of its latest call, and the list is newest first.
 */
import type { HelpCall } from '../map/help';

/** Jaccard similarity of the word sets from which two calls count as the same. */
export const NEAR = 0.8;
/** Fewer words than this: only an equal normalised text is the same call ("help!" is not a call). */
export const MIN_TOKENS = 4;

export interface HelpGroup {
	/** The earliest call: the original, whose key the handling state uses. */
	lead: HelpCall;
	/** All calls of the group, earliest first (the lead among them). */
	calls: HelpCall[];
	/** How often it was posted. */
	count: number;
	/** Time of the latest call. */
	last: number;
	/** Keys of all calls, for looking up a handling state stored under any of them. */
	keys: string[];
}

const RT_PREFIX = /^\s*(?:rt|repost|reposted|retweet)\b[\s:]*(?:@[\p{L}\p{N}_.-]+[\s:]*)?/iu;
const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const MENTION = /(^|\s)@[\p{L}\p{N}_.-]+/gu;
const VIA = /\b(?:via|h\/t|cc)\s+@?[\p{L}\p{N}_.-]+\s*$/iu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** The text as compared: without retweet prefix, links, mentions, "via @x", punctuation, case. */
export function normalise(text: string): string {
	let s = text.normalize('NFKC');
	for (let i = 0; i < 3 && RT_PREFIX.test(s); i++) s = s.replace(RT_PREFIX, '');
	s = s.replace(URL, ' ').replace(VIA, ' ').replace(MENTION, ' ');
	return s.toLowerCase().replace(NON_WORD, ' ').trim();
}

function tokens(norm: string): Set<string> {
	return new Set(norm ? norm.split(' ') : []);
}

/** Jaccard similarity of two word sets (1 when both are empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (a.size === 0 && b.size === 0) return 1;
	let both = 0;
	for (const x of a) if (b.has(x)) both++;
	return both / (a.size + b.size - both);
}

interface Work {
	group: HelpGroup;
	norm: string;
	words: Set<string>;
}

/**
 * Group the calls (any order) into one line per call posted many times, newest first.
 * Quadratic in the number of groups at worst; the queue holds at most a few thousand calls and
 * exact repeats (the common case) are found through a map.
 */
export function dedupeHelp(calls: readonly HelpCall[]): HelpGroup[] {
	const sorted = [...calls].sort(
		(a, b) => a.t - b.t || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
	);
	const byNorm = new Map<string, Work>();
	const near: Work[] = [];
	const out: Work[] = [];
	for (const c of sorted) {
		const norm = normalise(c.text);
		let w = byNorm.get(norm);
		const words = tokens(norm);
		if (!w && words.size >= MIN_TOKENS) {
			let best = 0;
			for (const o of near) {
				const j = jaccard(words, o.words);
				if (j >= NEAR && j > best) {
					best = j;
					w = o;
				}
			}
		}
		if (w) {
			w.group.calls.push(c);
			w.group.count++;
			w.group.keys.push(c.key);
			w.group.last = Math.max(w.group.last, c.t);
			if (!byNorm.has(norm)) byNorm.set(norm, w);
			continue;
		}
		w = {
			group: { lead: c, calls: [c], count: 1, last: c.t, keys: [c.key] },
			norm,
			words
		};
		byNorm.set(norm, w);
		if (words.size >= MIN_TOKENS) near.push(w);
		out.push(w);
	}
	return out
		.map((w) => w.group)
		.sort((a, b) => b.last - a.last || (a.lead.key < b.lead.key ? -1 : 1));
}
