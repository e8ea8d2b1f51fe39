/**
 * Text composition: a tiny template language over a lexicon of fragments, then the noise real
 * posts have (casing, slang spellings, typos, stretched words, emoji or emoticons, hashtags).
 *
 * Templates: `[a|b|c]` picks one alternative (nesting allowed, `[a|]` makes a optional),
 * `{name}` inserts a variable when one is given, else expands a random entry of lexicon[name].
 * Pure module.
 */
import type { Rand } from './rng';

export type Lexicon = Record<string, readonly string[]>;
export type Vars = Record<string, string | undefined>;

function findClose(s: string, i: number): number {
	// s[i] === '['; returns index of the matching ']'
	let depth = 0;
	for (let j = i; j < s.length; j++) {
		const c = s.charCodeAt(j);
		if (c === 91) depth++;
		else if (c === 93) {
			depth--;
			if (depth === 0) return j;
		}
	}
	throw new Error(`template: unbalanced [ in: ${s}`);
}

function pickAlternative(r: Rand, s: string, a: number, b: number): string {
	// alternatives of s[a..b) separated by top-level '|'
	const cuts: number[] = [a - 1];
	let depth = 0;
	for (let j = a; j < b; j++) {
		const c = s.charCodeAt(j);
		if (c === 91) depth++;
		else if (c === 93) depth--;
		else if (c === 124 && depth === 0) cuts.push(j);
	}
	cuts.push(b);
	const k = Math.floor(r.next() * (cuts.length - 1));
	return s.slice(cuts[k] + 1, cuts[k + 1]);
}

/** Expand a template. Unknown names throw, so that lexicon mistakes show in the tests. */
export function expand(tpl: string, r: Rand, lex: Lexicon, vars: Vars, depth = 0): string {
	if (depth > 12) throw new Error(`template: too deep at: ${tpl}`);
	let out = '';
	let i = 0;
	const n = tpl.length;
	while (i < n) {
		let j = i;
		while (j < n) {
			const c = tpl.charCodeAt(j);
			if (c === 91 || c === 123) break;
			j++;
		}
		if (j > i) out += tpl.slice(i, j);
		if (j >= n) break;
		if (tpl.charCodeAt(j) === 91) {
			const e = findClose(tpl, j);
			out += expand(pickAlternative(r, tpl, j + 1, e), r, lex, vars, depth + 1);
			i = e + 1;
		} else {
			const e = tpl.indexOf('}', j);
			if (e < 0) throw new Error(`template: unbalanced { in: ${tpl}`);
			const name = tpl.slice(j + 1, e);
			const v = vars[name];
			if (typeof v === 'string') out += v;
			else {
				const list = lex[name];
				if (!list || list.length === 0) throw new Error(`template: unknown slot {${name}}`);
				out += expand(list[Math.floor(r.next() * list.length)], r, lex, vars, depth + 1);
			}
			i = e + 1;
		}
	}
	return out;
}

/** Tidy spacing and punctuation after expansion. */
export function tidy(s: string): string {
	if (s.includes('  ') || s.includes('\n') || s.includes('\t')) s = s.replace(/\s+/g, ' ');
	if (/ [,.!?:;]/.test(s)) s = s.replace(/ ([,.!?:;])/g, '$1');
	if (s.includes(',,') || s.includes('..') || s.includes(',.') || s.includes('.,'))
		s = s.replace(/([,.]){2,}/g, (m) => m[m.length - 1]);
	const c = s.charCodeAt(0);
	if (c === 32 || c === 44 || c === 46 || c === 59 || c === 58) s = s.replace(/^[ ,.;:]+/, '');
	return s.trim();
}

/** How a kind of author writes. */
export interface Style {
	/** Probability that the whole post is lower case. */
	lower: number;
	/** Probability per eligible word to use a slang spelling. */
	slang: number;
	/** Probability per word (4+ letters) of a typo. */
	typo: number;
	/** Probability of stretching one expressive word ("zooo", "echttt"). */
	stretch: number;
	/** Probability of a word in capitals. */
	caps: number;
	/** Probability of emoji (or emoticons in older eras). */
	emoji: number;
	/** Probability of dropping the final full stop. */
	dropStop: number;
}

export const STYLES = {
	teen: {
		lower: 0.7,
		slang: 0.45,
		typo: 0.035,
		stretch: 0.25,
		caps: 0.08,
		emoji: 0.55,
		dropStop: 0.9
	},
	young: {
		lower: 0.45,
		slang: 0.25,
		typo: 0.025,
		stretch: 0.12,
		caps: 0.05,
		emoji: 0.4,
		dropStop: 0.7
	},
	adult: {
		lower: 0.12,
		slang: 0.05,
		typo: 0.015,
		stretch: 0.03,
		caps: 0.02,
		emoji: 0.2,
		dropStop: 0.35
	},
	parent: {
		lower: 0.08,
		slang: 0.02,
		typo: 0.02,
		stretch: 0.02,
		caps: 0.03,
		emoji: 0.3,
		dropStop: 0.2
	},
	pro: { lower: 0, slang: 0, typo: 0.002, stretch: 0, caps: 0, emoji: 0.05, dropStop: 0 },
	en: { lower: 0.35, slang: 0, typo: 0.015, stretch: 0.1, caps: 0.05, emoji: 0.4, dropStop: 0.6 }
} satisfies Record<string, Style>;
export type StyleName = keyof typeof STYLES;

const SLANG_LIST: Record<string, readonly string[]> = {
	echt: ['egt', 'egt', 'ech', 'echt'],
	even: ['ff', 'ff', 'effe', 'eff'],
	misschien: ['mss', 'mischien', 'misch'],
	niet: ['nie', 'niet', 'ni'],
	helemaal: ['hlml', 'heelemaal', 'helemaaal'],
	hoor: ['hor', 'hoorr', 'hoo'],
	gewoon: ['gwn', 'gewn'],
	jongens: ['jongs', 'jonguh', 'jonges'],
	natuurlijk: ['tuurlijk', 'natuurluk', 'natuurlik'],
	vanavond: ['vnvnd', 'vanavnd', 'vanaaf'],
	morgen: ['mrgn', 'morge'],
	wat: ['wa', 'wat'],
	het: ["'t", 't'],
	een: ["'n", 'n', '1'],
	voor: ['vr', 'voo'],
	met: ['me', 'mt'],
	niks: ['nix', 'niks'],
	mijn: ['mn', "m'n", 'mun'],
	waarom: ['wrm', 'waarm'],
	omdat: ['omda', 'omdat'],
	alsjeblieft: ['aub', 'pls', 'plz', 'ajb'],
	dankjewel: ['thx', 'dankje', 'dankjwl', 'tnx'],
	bedankt: ['thx', 'bedankt', 'tnx'],
	goed: ['goe', 'gud'],
	heel: ['heul', 'hele'],
	nou: ['nu', 'nouu'],
	dat: ['da', 'dat'],
	weet: ['wet', 'weet'],
	zeggen: ['zegge', 'zeggen'],
	hebben: ['hebbe', 'hebben'],
	iemand: ['iemnd', 'iemand'],
	iedereen: ['iedereeen', 'iedereen', 'iedreen'],
	gezellig: ['gezelligg', 'gzllg', 'gezellug'],
	politie: ['popo', 'politie', 'pliesie'],
	mensen: ['mense', 'mensen'],
	ik: ['k', 'ik'],
	jij: ['je', 'jij', 'jy'],
	zijn: ['zijn', 'zn'],
	kijken: ['kijke', 'kijken'],
	komen: ['kome', 'komen'],
	gaan: ['gaan', 'gaat'],
	heb: ['heb', 'hep'],
	vind: ['vindt', 'vin'],
	wordt: ['word', 'wordt'],
	word: ['wordt', 'word'],
	toch: ['toch', 'tog'],
	nog: ['nog', 'nogg'],
	zo: ['zo', 'zoo']
};

const SLANG = new Map(Object.entries(SLANG_LIST));

const STRETCH =
	/^(zo|ja|nee|echt|egt|ohh?|hahaha|lol|wtf|omg|jaa|nou|vet|super|mooi|leuk|chill|gezellig|druk|help|yes|heerlijk)$/i;
const QWERTY: Record<string, string> = {
	a: 'sq',
	b: 'vn',
	c: 'xv',
	d: 'sf',
	e: 'wr',
	f: 'dg',
	g: 'fh',
	h: 'gj',
	i: 'uo',
	j: 'hk',
	k: 'jl',
	l: 'k',
	m: 'n',
	n: 'bm',
	o: 'ip',
	p: 'o',
	r: 'et',
	s: 'ad',
	t: 'ry',
	u: 'yi',
	v: 'cb',
	w: 'qe',
	z: 'x'
};

function typo(r: Rand, w: string): string {
	const n = w.length;
	const i = 1 + Math.floor(r.next() * (n - 2));
	const u = r.next();
	if (u < 0.35) return w.slice(0, i) + w.slice(i + 1); // dropped letter
	if (u < 0.65) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // swapped letters
	if (u < 0.8) return w.slice(0, i) + w[i] + w.slice(i); // doubled letter
	const near = QWERTY[w[i].toLowerCase()];
	return near ? w.slice(0, i) + near[Math.floor(r.next() * near.length)] + w.slice(i + 1) : w;
}

function isLetter(c: number): boolean {
	return (
		(c >= 97 && c <= 122) ||
		(c >= 65 && c <= 90) ||
		(c >= 192 && c <= 591 && c !== 215 && c !== 247) ||
		c === 39 ||
		c === 8217 ||
		c === 45
	);
}

/** Split a word into leading punctuation, letters and trailing punctuation; null if mixed. */
function splitWord(w: string): [string, string, string] | null {
	const n = w.length;
	let a = 0;
	while (a < n && !isLetter(w.charCodeAt(a))) a++;
	if (a === n) return null;
	let b = n;
	while (b > a && !isLetter(w.charCodeAt(b - 1))) b--;
	for (let i = a; i < b; i++) if (!isLetter(w.charCodeAt(i))) return null;
	return [w.slice(0, a), w.slice(a, b), w.slice(b)];
}

function isProtected(w: string): boolean {
	const c = w.charCodeAt(0);
	if (c === 35 || c === 64) return true; // # @
	for (let i = 0; i < w.length; i++) {
		const d = w.charCodeAt(i);
		if ((d >= 48 && d <= 57) || d === 58 || d === 47) return true;
	}
	if (w.length >= 2) {
		let upper = true;
		for (let i = 0; i < w.length; i++) {
			const d = w.charCodeAt(i);
			if (!(d >= 65 && d <= 90)) {
				upper = false;
				break;
			}
		}
		if (upper) return true;
	}
	return false;
}

function lowerWord(w: string): string {
	// lower-case a capitalised word, keep words in capitals (ME, NS, NOS)
	const c0 = w.charCodeAt(0);
	if (!((c0 >= 65 && c0 <= 90) || (c0 >= 192 && c0 <= 222))) return w;
	if (w.length >= 2) {
		const c1 = w.charCodeAt(1);
		if ((c1 >= 65 && c1 <= 90) || (c1 >= 192 && c1 <= 222)) return w;
	}
	return w[0].toLowerCase() + w.slice(1);
}

/** Apply an author's writing style to a tidy sentence. */
export function roughen(r: Rand, text: string, style: Style, emoji: readonly string[]): string {
	const lower = r.chance(style.lower);
	const words = text.split(' ');
	let stretched = false;
	let capsDone = false;
	for (let k = 0; k < words.length; k++) {
		let w = words[k];
		if (w.length === 0 || isProtected(w)) continue;
		const parts = splitWord(w);
		if (!parts) continue;
		let core = parts[1];
		const c0 = core.charCodeAt(0);
		const alt =
			core.length <= 11 ? SLANG.get(c0 >= 65 && c0 <= 90 ? core.toLowerCase() : core) : undefined;
		if (alt !== undefined && r.chance(style.slang)) core = alt[Math.floor(r.next() * alt.length)];
		else if (core.length >= 4 && r.chance(style.typo)) core = typo(r, core);
		if (
			!stretched &&
			style.stretch > 0 &&
			core.length <= 8 &&
			r.chance(style.stretch) &&
			STRETCH.test(core)
		) {
			const last = core[core.length - 1];
			core = core + last.repeat(1 + Math.floor(r.next() * 4));
			stretched = true;
		}
		if (!capsDone && style.caps > 0 && core.length >= 4 && r.chance(style.caps / 3)) {
			core = core.toUpperCase();
			capsDone = true;
		} else if (lower) core = lowerWord(core);
		w = parts[0] + core + parts[2];
		words[k] = w;
	}
	let out = words.join(' ');
	if (r.chance(style.dropStop) && out.endsWith('.')) out = out.slice(0, -1);
	if (emoji.length && r.chance(style.emoji)) {
		const e = emoji[Math.floor(r.next() * emoji.length)];
		const rep = r.chance(0.3) ? 1 + Math.floor(r.next() * 3) : 1;
		out = out + (r.chance(0.85) ? ' ' : '') + e.repeat(rep);
	}
	return out;
}

/** Append or prepend some of the given hashtags. */
export function withTags(r: Rand, text: string, tags: readonly string[], max: number): string {
	if (tags.length === 0 || max <= 0) return text;
	const n = 1 + Math.floor(r.next() * max);
	const chosen: string[] = [];
	for (let k = 0; k < n * 2 && chosen.length < n; k++) {
		const t = tags[Math.floor(r.next() * tags.length)];
		if (!chosen.includes(t) && !text.toLowerCase().includes(t.toLowerCase())) chosen.push(t);
	}
	if (chosen.length === 0) return text;
	const tagText = chosen.map((t) => (r.chance(0.15) ? t.toLowerCase() : t)).join(' ');
	return r.chance(0.12) ? `${tagText} ${text}` : `${text} ${tagText}`;
}

/** Capitalise the first letter. */
export function cap(s: string): string {
	return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Limit a text to the format's 10,000 characters (and platforms' much lower limits). */
export function clip(s: string, max = 2000): string {
	return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
