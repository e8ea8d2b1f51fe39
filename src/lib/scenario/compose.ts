/**
 * Composing one post's text from the lexicon: core sentence, optional opener and reaction, the
 * author's style, emoji and hashtags. Pure module.
 */
import type { Ctx } from './engine';
import type { Rand } from './rng';
import {
	STYLES,
	type StyleName,
	type Vars,
	cap,
	clip,
	expand,
	roughen,
	tidy,
	withTags
} from './text';

export interface SayOpts {
	style: StyleName;
	mood?: 'plain' | 'alarm' | 'party';
	/** Probability of an opener ("ej", "nou", ...). */
	opener?: number;
	/** Probability of a reaction at the end ("zo chill", "sws", ...). */
	reaction?: number;
	tags?: readonly string[];
	/** Probability of hashtags, and the most to add. */
	tagP?: number;
	maxTags?: number;
}

/** Expand a random template of lexicon[key] (or a template given literally with `=` prefix). */
export function say(ctx: Ctx, r: Rand, key: string, vars: Vars, o: SayOpts): string {
	const list = ctx.lex[key];
	if (!list) throw new Error(`lexicon: no entry ${key}`);
	const tpl = list[Math.floor(r.next() * list.length)];
	let s = expand(tpl, r, ctx.lex, vars);
	const style = STYLES[o.style];
	const plain = o.style === 'pro' || o.style === 'en';
	if (!plain && o.opener && r.chance(o.opener)) {
		const lowerFirst = r.chance(0.6) && !/^[A-Z]{2}/.test(s);
		const ok = o.mood === 'alarm' ? '{o_alarm}' : o.mood === 'party' ? '{o_party}' : '{o}';
		s =
			expand(ok, r, ctx.lex, vars) +
			(r.chance(0.5) ? ', ' : ' ') +
			(lowerFirst ? s[0].toLowerCase() + s.slice(1) : s);
	}
	if (!plain && o.reaction && !tpl.includes('{r') && r.chance(o.reaction)) {
		const rk = o.mood === 'alarm' ? '{r_alarm}' : o.mood === 'party' ? '{r_party}' : '{r}';
		s = s.replace(/[.!]?$/, '') + (r.chance(0.6) ? ', ' : '. ') + expand(rk, r, ctx.lex, vars);
	}
	s = cap(tidy(s));
	if (o.style !== 'pro') s = roughen(r, s, style, ctx.emoji[o.mood ?? 'plain']);
	else if (r.chance(style.emoji)) s = s + ' ' + r.pick(ctx.emoji[o.mood ?? 'plain']);
	if (o.tags && o.tags.length && r.chance(o.tagP ?? 0.2))
		s = withTags(r, s, o.tags, o.maxTags ?? 2);
	return clip(s);
}

/** A persona's writing style, stable per author. */
export function personaStyle(r: Rand, youngShare = 0.35): StyleName {
	const u = r.next();
	if (u < youngShare * 0.45) return 'teen';
	if (u < youngShare) return 'young';
	if (u < youngShare + (1 - youngShare) * 0.7) return 'adult';
	return 'parent';
}
