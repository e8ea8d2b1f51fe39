/**
 * The index of the gazetteer: per place its position, class, population, precision and shown
 * name (typed arrays by place index), the tag index (every name and alternate name → candidate
 * codes), the text index (distinctive names → towns, small villages, minor places, with the cue
 * each needs), stations by town, the hashtag index and the fuzzy index. Built once per locator.
 * Pure.
 *
 * Candidate lists hold codes: place index * 2, plus 1 when the place matched only by one of
 * its alternate names (Haaren has the alternate name "haren"; the real Haren wins over it).
 */
import type { Place } from '../gazetteer';
import {
	classOf,
	displayName,
	distKm,
	MUNI,
	NO_TEXT_KINDS,
	PPL,
	precisionOf,
	REGION,
	SKIP,
	STATION
} from './classes';
import { buildFuzzyIndex, type FuzzyIndex } from './fuzzy';
import { nameTokens, normalizeName } from './tokens';
import {
	ALIASES,
	AMBIGUOUS_WORDS,
	STOP_WORDS,
	DEMONYMS,
	FILLER,
	GENERIC_NAMES,
	NICKNAMES,
	wordTier,
	type NameVia
} from './words';

const ASCII_RE = /^[a-z]+$/;

export interface TextName {
	toks: string[];
	/** The tokens joined by spaces: the key in the text index. */
	key: string;
	/** 0: plain, 1: needs a cue, 2: common word, needs preposition and capital. */
	tier: number;
	/** Towns: usable with the tier's cue. */
	strong: number[];
	/** Small villages: need a cue even when the word is plain. */
	weak: number[];
	/** Streets, squares, neighbourhoods, sites: need a town nearby in the text (or bias). */
	minor: number[];
	/** How the name was made from a gazetteer name: absent for the name itself. */
	via?: NameVia;
	/** Every candidate matched only by an alternate name ("Mark" for Markt). */
	altOnly?: boolean;
}

export interface PlaceIndex {
	n: number;
	lon: Float64Array;
	lat: Float64Array;
	cls: Uint8Array;
	pop: Float64Array;
	/** Airports and air bases (S.AIRP, S.AIRB, S.AIRF): "vliegveld Valkenburg". */
	airports: number[];
	/** A town's weight among same-named ones: its population, or that of the municipality it
	 * gives its name to ("Valkenburg" in Valkenburg aan de Geul), whichever is larger. */
	namePop: Float64Array;
	prec: Float64Array;
	display: string[];
	/** Small villages and historical municipalities: need a cue, and lose to towns. */
	weakPlace: Uint8Array;
	/** Districts that GeoNames lists (P.PPLX): the notable ones, where CBS lists every
	 * neighbourhood ("Schilderswijk" in Den Haag, not the buurt of that name in Haarlem). */
	notable: Uint8Array;
	/** normalised name → candidate codes (every class but SKIP) */
	tagIndex: Map<string, number[]>;
	/** normalised name → text name */
	textByKey: Map<string, TextName>;
	/** town key ("haren", "amsterdam") → its station places ("Station Haren") */
	stationsByTown: Map<string, number[]>;
	/** one-word keys made by joining a town's words ("denhaag"): distinctive, alternate or not */
	joinedKeys: Set<string>;
	/** first token → the one-token name, and longer names by their second token */
	textIndex: Map<string, { one?: TextName; more?: Map<string, TextName[]> }>;
	/** concatenated name ("denhaag") → text name, for hashtags; towns only */
	hashIndex: Map<string, TextName>;
	fuzzyIndex: FuzzyIndex;
}

/**
 * Further keys of a name: "sint" and "st" ("St. Oedenrode"), "aan den"/"aan de" as "a d" and
 * "ad" ("Alphen a/d Rijn"), and with `joined` the name written as one word ("denhaag",
 * "shertogenbosch", "sgravenhage").
 */
function keyVariants(toks: string[], joined: boolean): string[][] {
	const out: string[][] = [];
	const si = toks.indexOf('sint');
	const sti = toks.indexOf('st');
	if (si >= 0 && toks.length >= 2) out.push(toks.map((t, k) => (k === si ? 'st' : t)));
	else if (sti >= 0 && toks.length >= 2) out.push(toks.map((t, k) => (k === sti ? 'sint' : t)));
	for (let k = 0; k + 1 < toks.length; k++)
		if (toks[k] === 'aan' && (toks[k + 1] === 'den' || toks[k + 1] === 'de')) {
			const pre = toks.slice(0, k);
			const post = toks.slice(k + 2);
			out.push([...pre, 'a', 'd', ...post], [...pre, 'ad', ...post]);
			break;
		}
	if (joined && toks.length >= 2) {
		const j = toks.join('');
		if (j.length >= 7) out.push([j]);
	}
	return out;
}

/**
 * Further keys of a station: "station X" and "X station" for "X Railway Station", the bare
 * name when it has two words and is not generic ("Amsterdam Sloterdijk", "Ede Wageningen",
 * "Den Haag HS", not "Almere Centrum"), and "X CS" for "X Centraal".
 */
function stationKeys(toks: string[]): string[][] {
	const core = toks.filter((t) => t !== 'station' && t !== 'railway');
	if (core.length === 0 || wordTier(core) !== 0) return [];
	const out: string[][] = [];
	const last = core[core.length - 1];
	if (core.length < toks.length) {
		out.push(['station', ...core], [...core, 'station']);
		if (core.length >= 2 && !GENERIC_NAMES.has(last)) out.push(core);
	}
	if (core.length >= 2 && last === 'centraal') out.push([...core.slice(0, -1), 'cs']);
	return out;
}

/** Name variants of a place for the indexes, each with whether it is an alternate name. */
export function variants(p: Place, forText: boolean): [string, boolean][] {
	const out: [string, boolean][] = [];
	const add = (s: string, alt: boolean) => {
		out.push([s, alt]);
		const base = s.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
		if (base && base !== s) out.push([base, alt]);
	};
	const n = p.name;
	if (forText && /^Verspreide huizen/i.test(n)) return out;
	add(n, false);
	const g = /^(?:Gemeente|Provincie|Kern|Buurtschap) (.+)$/.exec(n);
	if (g) add(g[1], false);
	const w = /^Wijk \d+ (.+)$/.exec(n);
	if (w) add(w[1], false);
	if (p.alt) {
		for (const a of p.alt) {
			if (forText) {
				// Skip codes (AMS, NL11) and romanisations made of short syllables ("ha lun").
				if (a.length <= 4 && a === a.toUpperCase()) continue;
				const toks = nameTokens(a);
				if (toks.length === 0) continue;
				if (toks.every((t) => t.length <= 3) && toks.some((t) => t.length <= 2 && !FILLER.has(t)))
					continue;
				if (toks.length === 1 && toks[0].length <= 3) continue; // "Bor" for Born
			}
			add(a, true);
		}
	}
	return out;
}

function pushCode(list: number[], i: number, alt: boolean): void {
	const code = i * 2 + (alt ? 1 : 0);
	const last = list.length ? list[list.length - 1] : -1;
	if (last >> 1 === i) {
		if (!alt && last & 1) list[list.length - 1] = code;
		return;
	}
	for (let k = 0; k < list.length; k++)
		if (list[k] >> 1 === i) {
			if (!alt) list[k] = code;
			return;
		}
	list.push(code);
}

export function buildIndex(places: Place[]): PlaceIndex {
	const n = places.length;
	const lon = new Float64Array(n);
	const lat = new Float64Array(n);
	const cls = new Uint8Array(n);
	const pop = new Float64Array(n);
	const prec = new Float64Array(n);
	const display: string[] = new Array(n);

	/** normalised name → candidate codes (every class but SKIP) */
	const tagIndex = new Map<string, number[]>();
	/** normalised name → text name */
	const textByKey = new Map<string, TextName>();
	/** town key ("haren", "amsterdam") → its station places ("Station Haren") */
	const stationsByTown = new Map<string, number[]>();
	/** one-word keys made by joining a town's words ("denhaag"): distinctive, alternate or not */
	const joinedKeys = new Set<string>();
	/** Small villages and historical municipalities: need a cue, and lose to towns. */
	const weakPlace = new Uint8Array(n);
	const notable = new Uint8Array(n);

	for (let i = 0; i < n; i++) {
		const p = places[i];
		const c = classOf(p.kind);
		lon[i] = p.lon;
		lat[i] = p.lat;
		cls[i] = c;
		pop[i] = typeof p.pop === 'number' && p.pop > 0 ? p.pop : 0;
		prec[i] = precisionOf(c, p.kind, pop[i]);
		display[i] = displayName(p);
		if (p.kind === 'P.PPLX') notable[i] = 1;
		if (c === SKIP) continue;
		for (const [v, alt] of variants(p, false)) {
			const toks0 = nameTokens(v);
			if (!toks0.length) continue;
			const all = [toks0, ...keyVariants(toks0, false)];
			if (c === STATION) all.push(...stationKeys(toks0));
			for (const toks of all) {
				const key = toks.join(' ');
				const l = tagIndex.get(key);
				if (l) pushCode(l, i, alt);
				else tagIndex.set(key, [i * 2 + (alt ? 1 : 0)]);
			}
		}
		if (c === REGION || NO_TEXT_KINDS.has(p.kind)) continue;

		// Text index.
		const seat = /^P\.PPL(A\d?|C|G)$/.test(p.kind);
		let role: 'strong' | 'weak' | 'minor';
		if (c === PPL) role = pop[i] >= 1000 || seat ? 'strong' : 'weak';
		else if (c === MUNI) role = p.kind === 'cbs.gemeente2023' ? 'strong' : 'weak';
		else role = 'minor';
		if (role === 'weak') weakPlace[i] = 1;
		const muniRole = c === MUNI ? 'strong' : role; // "Gemeente Haren" is unambiguous
		const joinable = role === 'strong' && (c === PPL || c === MUNI);
		const textKeys: string[][] = [];
		for (const [v, alt] of variants(p, true)) {
			const toks0 = nameTokens(v);
			if (toks0.length === 0 || toks0.length > 5) continue;
			textKeys.length = 0;
			textKeys.push(toks0, ...keyVariants(toks0, joinable));
			if (c === STATION) textKeys.push(...stationKeys(toks0));
			for (const toks of textKeys)
				indexText(i, c, toks, alt, role, muniRole, toks.length === 1 && toks0.length >= 2);
		}
	}

	function indexText(
		i: number,
		c: number,
		toks: string[],
		alt: boolean,
		role: 'strong' | 'weak' | 'minor',
		muniRole: 'strong' | 'weak' | 'minor',
		joined: boolean
	): void {
		if (toks.length === 0 || toks.length > 5) return;
		const key = toks.join(' ');
		if (joined) joinedKeys.add(key);
		// "Binnenstad", "Centrum": a part of some town, only with that town named.
		const r0 =
			toks.length === 1 && GENERIC_NAMES.has(toks[0])
				? 'minor'
				: toks[0] === 'gemeente' && toks.length >= 2
					? muniRole
					: role;
		let tn = textByKey.get(key);
		if (!tn) {
			const tier = wordTier(toks);
			if (tier === 3) return;
			tn = { toks, key, tier, strong: [], weak: [], minor: [] };
			textByKey.set(key, tn);
		}
		const r = c === STATION && toks.length >= 2 && tn.tier === 0 ? 'strong' : r0;
		pushCode(tn[r], i, alt);
		if (c === STATION) {
			let town: string[] | null = null;
			if (toks[0] === 'station' && toks.length >= 2) town = toks.slice(1);
			else if (toks[toks.length - 1] === 'station' && toks.length >= 2) town = toks.slice(0, -1);
			if (town && town[town.length - 1] === 'railway') town = town.slice(0, -1);
			if (town && town.length) {
				const keys = [town.join(' ')];
				if (town.length >= 2 && town[town.length - 1] === 'centraal')
					keys.push(town.slice(0, -1).join(' '));
				for (const k of keys) {
					const l = stationsByTown.get(k);
					if (!l) stationsByTown.set(k, [i]);
					else if (!l.includes(i)) l.push(i);
				}
			}
		}
	}

	// A village without a population figure that has a station of its own name is a town
	// ("Rijssen", "Station Rijssen"): GeoNames lacks the population of some towns.
	for (const [key, tn] of textByKey) {
		if (!tn.weak.length) continue;
		const st = stationsByTown.get(key);
		if (!st) continue;
		for (let k = tn.weak.length - 1; k >= 0; k--) {
			const i = tn.weak[k] >> 1;
			if (cls[i] !== PPL || pop[i] > 0) continue;
			if (!st.some((j) => distKm(lon[i], lat[i], lon[j], lat[j]) <= 5)) continue;
			tn.strong.push(tn.weak[k]);
			tn.weak.splice(k, 1);
			weakPlace[i] = 0;
		}
	}
	for (const [alias, target] of ALIASES) {
		const tn = textByKey.get(target);
		if (tn && !textByKey.has(alias))
			textByKey.set(alias, { ...tn, toks: [alias], key: alias, tier: 0, via: 'alias' });
		if (tn) joinedKeys.add(alias);
	}
	// Nicknames ("Domstad") stand for the town like an alias; demonyms and adjectives
	// ("Haagse", "Bredanaars") for its towns and municipality only.
	for (const [word, target] of NICKNAMES) {
		const tn = textByKey.get(target);
		const old = textByKey.get(word);
		if (!tn || (old && (old.strong.length || old.weak.length))) continue;
		textByKey.set(word, { ...tn, toks: [word], key: word, tier: 0, via: 'nickname' });
		joinedKeys.add(word);
	}
	for (const [word, target] of DEMONYMS) {
		const tn = textByKey.get(target);
		if (!tn || textByKey.has(word) || !tn.strong.length) continue;
		textByKey.set(word, {
			toks: [word],
			key: word,
			tier: 0,
			strong: tn.strong,
			weak: [],
			minor: [],
			via: 'demonym'
		});
		joinedKeys.add(word);
	}
	// Inhabitants and adjectives made from a town's name ("Urker", "Vlaardingers",
	// "Valkenburger", "Bergense"): they need a cue (a capital mid-sentence, a preposition),
	// as many are also words ("leider", "emmer").
	const made: [string, TextName][] = [];
	for (const [key, tn] of textByKey) {
		if (tn.via || tn.toks.length !== 1 || tn.tier > 1 || key.length < 3 || !ASCII_RE.test(key))
			continue;
		const towns = tn.strong.filter((c) => !(c & 1) && pop[c >> 1] >= 3000);
		if (!towns.length) continue;
		const stem = key.endsWith('en') ? key.slice(0, -2) : key;
		const forms = [key + 'er', key + 'ers', key + 'se', key + 'ster'];
		if (stem !== key && stem.length >= 3) forms.push(stem + 'er', stem + 'ers');
		for (const f of forms)
			made.push([
				f,
				{ toks: [f], key: f, tier: 1, strong: towns, weak: [], minor: [], via: 'demonym' }
			]);
	}
	for (const [f, tn] of made)
		if (!textByKey.has(f) && !STOP_WORDS.has(f) && !AMBIGUOUS_WORDS.has(f)) {
			textByKey.set(f, tn);
			joinedKeys.add(f);
		}

	/** first token → the one-token name, and longer names by their second token */
	const textIndex = new Map<string, { one?: TextName; more?: Map<string, TextName[]> }>();
	/** concatenated name ("denhaag") → text name, for hashtags; towns only */
	const hashIndex = new Map<string, TextName>();
	for (const [key, tn] of textByKey) {
		// A one-word alternate name ("Lek" for Leek, "Halen" for Haelen, "Baan" for Baarn) is
		// too often a word: it needs a cue, like an ambiguous word.
		if (
			tn.toks.length === 1 &&
			tn.tier === 0 &&
			!joinedKeys.has(key) &&
			[tn.strong, tn.weak, tn.minor].every((l) => l.every((c) => c & 1))
		)
			tn.tier = 1;
		if (!tn.via && [tn.strong, tn.weak, tn.minor].every((l) => l.every((c) => c & 1)))
			tn.altOnly = true;
		let e = textIndex.get(tn.toks[0]);
		if (!e) textIndex.set(tn.toks[0], (e = {}));
		if (tn.toks.length === 1) e.one = tn;
		else {
			if (!e.more) e.more = new Map();
			const l = e.more.get(tn.toks[1]);
			if (!l) e.more.set(tn.toks[1], [tn]);
			else l.push(tn);
		}
		if (tn.tier <= 1 && (tn.strong.length || tn.weak.length) && !(tn.via && tn.tier > 0)) {
			const joined = key.replace(/ /g, '');
			if (!hashIndex.has(joined)) hashIndex.set(joined, tn);
		}
	}
	for (const e of textIndex.values())
		if (e.more) for (const l of e.more.values()) l.sort((a, b) => b.toks.length - a.toks.length);

	const namePop = namePops(places, cls, pop, lon, lat);
	const airports: number[] = [];
	for (let i = 0; i < n; i++) if (AIRPORT_KINDS.has(places[i].kind)) airports.push(i);

	const fuzzyIndex = buildFuzzyIndex(textByKey, joinedKeys);

	return {
		n,
		lon,
		lat,
		cls,
		pop,
		namePop,
		airports,
		prec,
		display,
		weakPlace,
		notable,
		tagIndex,
		textByKey,
		stationsByTown,
		joinedKeys,
		textIndex,
		hashIndex,
		fuzzyIndex
	};
}

const AIRPORT_KINDS = new Set(['S.AIRP', 'S.AIRB', 'S.AIRF']);

/**
 * Per place, the population that weighs among same-named towns: a town that gives its name to
 * its municipality (the municipality's name is the town's, or starts with it: "Valkenburg aan de
 * Geul", "Bergen (NH)"), within 5 km of it, weighs as the municipality; a village of the same
 * name in another municipality does not.
 */
function namePops(
	places: Place[],
	cls: Uint8Array,
	pop: Float64Array,
	lon: Float64Array,
	lat: Float64Array
): Float64Array {
	const out = Float64Array.from(pop);
	const munis = new Map<string, number[]>();
	for (let i = 0; i < places.length; i++) {
		const gm = places[i].gm;
		if (cls[i] === MUNI && gm && pop[i] > 0) {
			const l = munis.get(gm);
			if (l) l.push(i);
			else munis.set(gm, [i]);
		}
	}
	for (let i = 0; i < places.length; i++) {
		const gm = places[i].gm;
		if (cls[i] !== PPL || !gm) continue;
		const l = munis.get(gm);
		if (!l) continue;
		const own = normalizeName(places[i].name);
		for (const j of l) {
			const name = normalizeName(places[j].name);
			if (name !== own && !name.startsWith(own + ' ')) continue;
			if (distKm(lon[i], lat[i], lon[j], lat[j]) > 5) continue;
			if (pop[j] > out[i]) out[i] = pop[j];
		}
	}
	return out;
}
