/**
 * Fuzzy matching of misspelt town names: one edit (substitution, insertion, deletion,
 * transposition) of a one-word town name of at least 7 letters, and only when exactly one name
 * is that close. Keys: the name and each of its one-letter deletions. Pure.
 */
import type { TextName } from './places-index';

const ASCII_LOWER_RE = /^[a-z]+$/;

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

export type FuzzyIndex = Map<string, TextName[]>;

/** The fuzzy index over the one-word town names of the text index. */
export function buildFuzzyIndex(
	textByKey: Map<string, TextName>,
	joinedKeys: Set<string>
): FuzzyIndex {
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
	return fuzzyIndex;
}

/** A one-word town name within one edit of token w (w not a name itself); null if none or several. */
export function fuzzyName(fuzzyIndex: FuzzyIndex, w: string): TextName | null {
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
