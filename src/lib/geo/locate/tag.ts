/**
 * The place tag: split on commas (and ; | /), parenthesised and trailing province qualifiers,
 * country names ignored; the first part that names a place is the place, the other parts and
 * qualifiers choose among same-named candidates; a tag that names no known part is searched for
 * a distinctive town name. Pure.
 */
import { REGION } from './classes';
import { located, pick, pt, type Scope } from './choose';
import { RULE_CONFIDENCE } from './confidence';
import { contextOf } from './cues';
import { findMentions, type Mention } from './mentions';
import { nameTokens } from './tokens';
import type { Location, Pt } from './types';
import { A_SLASH_D_RE, COUNTRY_NAMES, provinceOf } from './words';

export function locateTag(s: Scope, tag: string): { loc: Location | null; ctx: Pt[] } {
	const ix = s.ix;
	const quals: string[][] = [];
	const main = tag.replace(/\(([^)]*)\)/g, (_, q: string) => {
		const t = nameTokens(q);
		if (t.length) quals.push(t);
		return ',';
	});
	const parts: string[][] = [];
	// "a/d" ("Alphen a/d Rijn") is part of a name, not a separator.
	for (const seg of main.replace(A_SLASH_D_RE, 'a d').split(/[,;|/]/)) {
		const t = nameTokens(seg);
		if (t.length && !COUNTRY_NAMES.has(t.join(' '))) parts.push(t);
	}
	const ctxAll: Pt[] = [];
	for (const q of quals) ctxAll.push(...contextOf(ix, q));
	for (let k = 0; k < parts.length; k++) {
		let toks = parts[k];
		let cands = ix.tagIndex.get(toks.join(' '));
		const ctx: Pt[] = [...ctxAll];
		if (!cands && toks.length >= 2 && provinceOf(toks[toks.length - 1])) {
			// "Haren Gn"
			ctx.push(...contextOf(ix, [toks[toks.length - 1]]));
			toks = toks.slice(0, -1);
			cands = ix.tagIndex.get(toks.join(' '));
		}
		if (!cands) continue;
		for (let j = 0; j < parts.length; j++) if (j !== k) ctx.push(...contextOf(ix, parts[j]));
		const usable = cands.filter((c) => ix.cls[c >> 1] !== REGION);
		if (!usable.length) {
			// A province or region: context for the text, no location of its own.
			for (const c of cands) ctxAll.push(pt(ix, c >> 1));
			continue;
		}
		const best = pick(s, usable, ctx, 150, 50);
		if (best >= 0) {
			const loc = located(ix, 'place', best);
			loc.words = tag.slice(0, 80);
			loc.rule = 'tag';
			loc.confidence = Math.round((RULE_CONFIDENCE.tag - (s.guessed ? 0.15 : 0)) * 100) / 100;
			return { loc, ctx: ctxAll };
		}
	}
	// No part is a known name: look for a distinctive town name inside the parts
	// ("Amsterdam Centrum", "Centrum Groningen").
	for (const toks of parts) {
		let bestM: Mention | null = null;
		for (const m of findMentions(ix, toks, null)) {
			if (m.name.tier !== 0 || !m.name.strong.length) continue;
			if (!bestM || m.len > bestM.len) bestM = m;
		}
		if (bestM) {
			const best = pick(s, bestM.name.strong, ctxAll, 150, 150);
			if (best >= 0) {
				const loc = located(ix, 'place', best);
				loc.words = tag.slice(0, 80);
				loc.rule = 'tag-part';
				loc.confidence =
					Math.round((RULE_CONFIDENCE['tag-part'] - (s.guessed ? 0.15 : 0)) * 100) / 100;
				return { loc, ctx: ctxAll };
			}
		}
	}
	return { loc: null, ctx: ctxAll };
}
