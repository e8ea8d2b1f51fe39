/**
 * Places the gazetteer lacks (issue 12, item 3): learn where a square, street or venue lies from
 * the posts that name it. Pure module: no UI, map, database or Node imports.
 *
 * Names. `unknownPlaceNames` finds place-like names in a text that are not in the gazetteer:
 * - a word ending in a square or street word ("Bijlmerplein", "het Zonneplein", "Kerkstraat",
 *   "#zonneplein"), also written lower case; capitalised words and particles right before it
 *   belong to the name ("Anton de Komplein", "18 Septemberplein") but the key is the last word,
 *   so that "anton de komplein" and "Anton de Komplein" are one place;
 * - words that are also ordinary compounds ("schoolplein", "supermarkt", "onderweg") are not
 *   names; the weaker suffixes (-weg, -hof, -pad, -dijk, -veld, -haven, -plaats, -laan, -markt)
 *   need a capital;
 * - a venue: capitalised words before "club", "bar", "café" or "discotheek" ("de Kiss Kiss club").
 * A name the gazetteer knows (name or alternate name), or a run-together word that ends in one
 * ("#projectxstationsweg"), is left to the locator.
 *
 * Evidence. `LearnedPlaces.observePost` takes a located post (geo/locate.ts) and learns from it
 * for each unknown name in its text:
 * - a geotag (gps, or any position within 100 m) is a point where someone who named the place was;
 * - a known place that the locator found in the same text (co-mention: "op het Bijlmerplein in
 *   Zuidoost") says the place lies within that place's precision radius of its centre; the
 *   post's place tag is weaker evidence of the same kind (it says where the author is; it counts
 *   a third).
 *
 * Estimate (`get`), recomputed only when evidence changed:
 * 1. Anchor: among the distinct co-mentioned places, the one that the most co-mentions agree with
 *    (a place agrees with another when their centres lie within the sum of their radii, so
 *    "Amsterdam" agrees with "Zuidoost"; the municipality code makes a town contain all its
 *    neighbourhoods), ties to the most specific (smallest radius); a more specific place that agrees with it
 *    wins when it has 90% of its support and at least a tenth of the co-mentions ("Bijlmermeer"
 *    inside "Amsterdam"). Places that do not agree are outliers (another city's same-named
 *    square, a post about two places). Co-mentions count at most 12 per place.
 * 2. Geotags: the largest group within 400 m of one of them (at least 2). When the group lies
 *    outside the anchor's extent (2 x its radius + 1 km; a town: 3 x, at least 5 km), the side
 *    with more support wins (3 or more geotags and at least half the agreeing co-mentions: the
 *    geotags; else the anchor).
 * 3. Position: the geotag group's mean (sigma = max(150 m, its spread) / sqrt(n)), pulled by the
 *    anchor (inverse variance, sigma = its radius / 2) only when the anchor is a neighbourhood or
 *    a site (a town's centre says little about where in town a square is); without geotags the
 *    anchor's centre (sigma = its radius / 2). Radius = 2 sigma, at least 100 m, at most the
 *    anchor's radius.
 * 4. Confidence (0-1) = agreement x amount: agreement = the share of the evidence (co-mentions,
 *    geotags; a geotag outside the group counts half: often a post from home about the place)
 *    that is consistent with the position; amount = 1 - exp(-n / 4) with n = inlier
 *    geotags + half the agreeing co-mentions (capped at 12 co-mentions a place) and needing at
 *    least 2 distinct authors (else x 0.3).
 * A place is `usable` from confidence >= 0.35 and 3 evidence posts.
 *
 * Memory is bounded: at most `maxNames` names (least recently named forgotten first), 64
 * co-mentioned places and the last 128 geotags per name.
 */
import type { Place } from './gazetteer';
import { normalizeName } from './locate/tokens';
import { distanceM } from './measure';

/** Words that end a square or street name, strong: also recognised in lower case. */
const STRONG = ['plein', 'straat', 'gracht', 'kade', 'singel', 'square', 'boulevard'];
/** Weaker endings: only with a capital (too many ordinary words end in them). */
const WEAK = ['markt', 'weg', 'hof', 'pad', 'dijk', 'veld', 'haven', 'plaats', 'laan', 'park'];
const SUFFIX_RE = new RegExp(`(?:${[...STRONG, ...WEAK].join('|')})$`);
const LOOSE_RE = new RegExp(`(?:${[...STRONG, ...WEAK].join('|')})\\W*$`, 'i');
const STRONG_RE = new RegExp(`(?:${STRONG.join('|')})$`);
/** Ordinary compounds that are no place name. */
const NOT_NAMES = new Set([
	'schoolplein',
	'speelplein',
	'dorpsplein',
	'marktplein',
	'kerkplein',
	'voorplein',
	'binnenplein',
	'stationsplein',
	'winkelstraat',
	'zijstraat',
	'hoofdstraat',
	'fietsstraat',
	'woonstraat',
	'straat',
	'plein',
	'gracht',
	'kade',
	'singel',
	'square',
	'boulevard',
	'supermarkt',
	'woningmarkt',
	'arbeidsmarkt',
	'huizenmarkt',
	'kerstmarkt',
	'weekmarkt',
	'vlooienmarkt',
	'rommelmarkt',
	'onderweg',
	'snelweg',
	'autoweg',
	'fietspad',
	'voetpad',
	'wandelpad',
	'parkeerplaats',
	'werkplaats',
	'woonplaats',
	'binnenhof',
	'kerkhof',
	'speelveld',
	'voetbalveld',
	'sportpark',
	'pretpark',
	'vakantiepark',
	'attractiepark'
]);
const VENUE_RE = /((?:\p{Lu}[\p{L}'&-]*\s+){1,3})(club|bar|café|cafe|discotheek|disco)\b/gu;
const PARTICLES = new Set(['de', 'van', 'der', 'den', 'la', 'le', 'du', 'ter', 'ten']);
/** Cheap test before the word scan. */
const PREFILTER_RE =
	/plein|straat|gracht|kade|singel|square|boulevard|markt|weg|hof|pad|dijk|veld|haven|plaats|laan|park|club|bar\b|caf[eé]|disco/i;
const WORD_RE = /#?[\p{L}\d][\p{L}\d'’-]*/gu;

/** A place-like name in a text that the gazetteer does not know. */
export interface UnknownName {
	/** Folded last word ("bijlmerplein"; venues: the folded whole name). */
	key: string;
	/** As written, with the capitalised words before it ("Anton de Komplein"). */
	name: string;
}

/** The gazetteer's names (and alternate names), folded as the locator folds them
 * (normalizeName): what the locator can resolve itself. */
export function knownNames(places: Place[]): Set<string> {
	const s = new Set<string>();
	for (const p of places) {
		s.add(normalizeName(p.name));
		for (const a of p.alt ?? []) s.add(normalizeName(a));
	}
	return s;
}

function isUpper(w: string): boolean {
	const c = w.charAt(0);
	return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** A run-together tag ending in a known name ("projectxstationsweg", "feestmarktplein"): the
 * locator's, not an unknown place. */
function endsKnown(f: string, known: ReadonlySet<string>): boolean {
	for (let k = 1; k <= f.length - 6; k++) if (known.has(f.slice(k))) return true;
	return false;
}

/** Place-like names in `text` that `known` (folded gazetteer names) lacks. */
export function unknownPlaceNames(text: string, known: ReadonlySet<string>): UnknownName[] {
	const out: UnknownName[] = [];
	if (!text) return out;
	const seen = new Set<string>();
	const words: string[] = [];
	for (const m of text.matchAll(WORD_RE)) words.push(m[0]);
	for (let i = 0; i < words.length; i++) {
		const raw = words[i];
		if (raw.length < 7 || !LOOSE_RE.test(raw)) continue;
		const tag = raw.startsWith('#');
		const w = tag ? raw.slice(1) : raw;
		const f = normalizeName(w).replace(/ /g, '');
		if (f.length < 7 || !SUFFIX_RE.test(f) || NOT_NAMES.has(f)) continue;
		if (!tag && !STRONG_RE.test(f) && !isUpper(w)) continue;
		if (/\d/.test(f)) continue;
		// Capitalised words, numbers and particles right before it belong to the name;
		// sentence-opening capitals ("Op", "Morgen") do not.
		let j = i;
		while (j > 0 && i - j < 4 && !tag) {
			const p = words[j - 1];
			if (p.startsWith('#')) break;
			const pf = p.toLowerCase();
			if (/^\d{1,2}$/.test(p) && j === i) j--;
			else if (isUpper(p) && !STOP_CAPS.has(pf)) j--;
			else if (
				PARTICLES.has(pf) &&
				j - 2 >= 0 &&
				isUpper(words[j - 2]) &&
				!STOP_CAPS.has(words[j - 2].toLowerCase())
			)
				j--;
			else break;
		}
		const name = words.slice(j, i + 1).join(' ');
		if (known.has(normalizeName(name)) || known.has(f) || endsKnown(f, known)) continue;
		if (seen.has(f)) continue;
		seen.add(f);
		out.push({ key: f, name: name.replace(/^#/, '') });
	}
	for (const m of text.matchAll(VENUE_RE)) {
		const name = `${m[1].trim()} ${m[2]}`;
		const head = m[1].trim().split(/\s+/);
		while (head.length && STOP_CAPS.has(head[0].toLowerCase())) head.shift();
		if (!head.length) continue;
		const full = `${head.join(' ')} ${m[2]}`;
		const key = normalizeName(full);
		if (known.has(normalizeName(head.join(' '))) || known.has(key) || seen.has(key)) continue;
		seen.add(key);
		out.push({ key, name: name === full ? name : full });
	}
	return out;
}

/** Capitalised words that open a sentence, not a name. */
const STOP_CAPS = new Set([
	'op',
	'naar',
	'bij',
	'in',
	'aan',
	'het',
	'de',
	'morgen',
	'vanavond',
	'vandaag',
	'iedereen',
	'allemaal',
	'kom',
	'komt',
	'wie',
	'we',
	'wij',
	'ik',
	'jullie',
	'om',
	'vanaf',
	'ff',
	'nu',
	'zo',
	'zaterdag',
	'zondag',
	'vrijdag',
	'at',
	'the',
	'to'
]);

/** Evidence a post gives about where an unknown name lies. */
export interface PlaceEvidence {
	author: string;
	t: number;
	/** The post's own position within 100 m (a geotag). */
	gps?: [number, number];
	/** A known place the locator found in the same text, or the post's place tag. */
	known?: {
		name: string;
		lon: number;
		lat: number;
		/** Its precision radius, m (geo/locate.ts). */
		radius_m: number;
		/** Municipality code, when the gazetteer has one: a town contains its neighbourhoods. */
		gm?: string;
		/** The place tag rather than the text: weaker. */
		tag?: boolean;
	};
}

/** Where a learned place lies and how sure that is. */
export interface LearnedPlace {
	key: string;
	/** Its most written form. */
	name: string;
	lon: number;
	lat: number;
	/** Uncertainty radius, m. */
	radius_m: number;
	/** 0-1, see the module comment. */
	confidence: number;
	/** Posts that named it with evidence, geotagged ones (inliers / all), co-mentions
	 * (agreeing / all), distinct authors. */
	posts: number;
	geotags: number;
	geotagsAll: number;
	comentions: number;
	comentionsAll: number;
	authors: number;
	/** The known place its position rests on ("Zuidoost"), if any. */
	within?: string;
	/** Whether it is sure enough to place posts and calls (confidence >= 0.35, 3 posts). */
	usable: boolean;
}

interface KnownAgg {
	name: string;
	lon: number;
	lat: number;
	radius_m: number;
	gm?: string;
	n: number;
	/** Counted at a third: place tags. */
	w: number;
}

interface NameState {
	key: string;
	forms: Map<string, number>;
	known: Map<string, KnownAgg>;
	gps: [number, number][];
	gpsAll: number;
	authors: Set<string>;
	posts: number;
	lastT: number;
	dirty: boolean;
	cached: LearnedPlace | null;
}

export const USABLE_CONFIDENCE = 0.35;
const MAX_KNOWN = 64;
const MAX_GPS = 128;
const MAX_AUTHORS = 256;
const KNOWN_CAP = 12;
/** Geotags this close to each other are one place. */
const GPS_GROUP_M = 400;

/** How far from a known place's centre a place inside it can lie: a town is large. */
function extentM(k: { radius_m: number }): number {
	return k.radius_m >= 1_800 ? Math.max(3 * k.radius_m, 5_000) : 2 * k.radius_m + 1_000;
}

function agrees(a: KnownAgg, b: KnownAgg): boolean {
	if (a === b) return true;
	const big = a.radius_m >= b.radius_m ? a : b;
	// A town or municipality contains every neighbourhood of its municipality.
	if (big.radius_m >= 1_800 && a.gm && a.gm === b.gm) return true;
	return distanceM(a.lon, a.lat, b.lon, b.lat) <= a.radius_m + b.radius_m;
}

/** Estimate a place from its evidence (see the module comment). */
function estimate(s: NameState): LearnedPlace | null {
	const ks = [...s.known.values()];
	let anchor: KnownAgg | null = null;
	let best = -1;
	let totalK = 0;
	for (const k of ks) totalK += Math.min(KNOWN_CAP, k.n) * k.w;
	for (const a of ks) {
		let sup = 0;
		for (const b of ks) if (agrees(a, b)) sup += Math.min(KNOWN_CAP, b.n) * b.w;
		// The most specific of the places with (nearly) the most support.
		if (sup > best * 1.001 || (sup >= best * 0.999 && anchor && a.radius_m < anchor.radius_m)) {
			if (sup > best) best = sup;
			anchor = a;
		}
	}
	// Prefer a more specific place that agrees with nearly all the support the anchor has.
	if (anchor) {
		for (const a of ks) {
			if (a.radius_m >= anchor.radius_m || !agrees(a, anchor)) continue;
			let sup = 0;
			for (const b of ks) if (agrees(a, b)) sup += Math.min(KNOWN_CAP, b.n) * b.w;
			if (sup >= 0.9 * best && Math.min(KNOWN_CAP, a.n) * a.w >= Math.max(1, 0.1 * totalK))
				anchor = a;
		}
	}
	let agreeK = 0;
	if (anchor) for (const b of ks) if (agrees(anchor, b)) agreeK += Math.min(KNOWN_CAP, b.n) * b.w;
	// Geotags: the densest group within GPS_GROUP_M of one of them (at least 2).
	let inl: [number, number][] = [];
	for (const g of s.gps) {
		const grp = s.gps.filter(([x, y]) => distanceM(x, y, g[0], g[1]) <= GPS_GROUP_M);
		if (grp.length > inl.length) inl = grp;
	}
	if (inl.length < 2) inl = [];
	let gx = 0;
	let gy = 0;
	let sg = Infinity;
	if (inl.length) {
		for (const [x, y] of inl) {
			gx += x;
			gy += y;
		}
		gx /= inl.length;
		gy /= inl.length;
		let ss = 0;
		for (const [x, y] of inl) ss += distanceM(x, y, gx, gy) ** 2;
		sg = Math.max(150, Math.sqrt(ss / inl.length)) / Math.sqrt(inl.length);
		// Geotags outside the anchor's extent: keep the side with more support.
		if (anchor && distanceM(gx, gy, anchor.lon, anchor.lat) > extentM(anchor)) {
			if (inl.length >= 3 && inl.length >= agreeK / 2) {
				anchor = null;
				agreeK = 0;
			} else inl = [];
		}
	}
	if (!anchor && !inl.length) return null;
	let lon: number;
	let lat: number;
	let sigma: number;
	if (inl.length) {
		// A town's centre says little about where in town a square lies: only a neighbourhood
		// or a site (radius <= 1,500 m) pulls the geotags' mean.
		if (anchor && anchor.radius_m <= 1_500) {
			const sa = anchor.radius_m / 2;
			const wg = 1 / (sg * sg);
			const wa = 1 / (sa * sa);
			lon = (gx * wg + anchor.lon * wa) / (wg + wa);
			lat = (gy * wg + anchor.lat * wa) / (wg + wa);
			sigma = 1 / Math.sqrt(wg + wa);
		} else {
			lon = gx;
			lat = gy;
			sigma = sg;
		}
	} else {
		lon = anchor!.lon;
		lat = anchor!.lat;
		sigma = anchor!.radius_m / 2;
	}
	const radius = Math.round(
		Math.min(anchor ? anchor.radius_m : Infinity, Math.max(100, 2 * sigma))
	);
	const gpsOut = s.gpsAll - inl.length;
	// Geotags away from the group are often posts from home about the place: they weigh half.
	const evidence = totalK + inl.length + gpsOut / 2;
	const agreeing = agreeK + inl.length;
	const agreement = evidence > 0 ? agreeing / evidence : 0;
	const n = inl.length + 0.5 * agreeK;
	let confidence = agreement * (1 - Math.exp(-n / 4));
	if (s.authors.size < 2) confidence *= 0.3;
	confidence = Math.round(confidence * 100) / 100;
	const name = displayForm(s.forms, s.key);
	return {
		key: s.key,
		name,
		lon,
		lat,
		radius_m: radius,
		confidence,
		posts: s.posts,
		geotags: inl.length,
		geotagsAll: s.gpsAll,
		comentions: Math.round(
			anchor ? ks.filter((b) => agrees(anchor!, b)).reduce((x, b) => x + b.n, 0) : 0
		),
		comentionsAll: ks.reduce((x, b) => x + b.n, 0),
		authors: s.authors.size,
		...(anchor ? { within: anchor.name } : {}),
		usable: confidence >= USABLE_CONFIDENCE && s.posts >= 3
	};
}

/** The fields of a located post (posts/post.ts) that evidence comes from. */
export interface LocatedLike {
	author: string;
	t: number;
	text?: string;
	method: string;
	pos?: [number, number];
	precision_m?: number;
	located_as?: string;
}

/** The name as shown: the most used capitalised form ("Bijlmerplein" though most posts write
 * "bijlmerplein"), else the most used form with a capital first letter. */
export function displayForm(forms: ReadonlyMap<string, number>, key: string): string {
	let best = '';
	let bv = -1;
	let cap = '';
	let cv = -1;
	for (const [f, v] of forms) {
		if (v > bv) [best, bv] = [f, v];
		if (/^\p{Lu}/u.test(f) && v > cv) [cap, cv] = [f, v];
	}
	const name = cap || best || key;
	return name.charAt(0).toLocaleUpperCase('nl') + name.slice(1);
}

/** Learns positions of names the gazetteer lacks from the posts that name them. */
export class LearnedPlaces {
	private names = new Map<string, NameState>();
	readonly known: ReadonlySet<string>;
	private maxNames: number;
	/** Folded name -> [lon, lat, gm] of gazetteer places with a municipality code. */
	private gms = new Map<string, [number, number, string][]>();
	constructor(places: Place[], opts: { maxNames?: number } = {}) {
		this.known = knownNames(places);
		this.maxNames = opts.maxNames ?? 5_000;
		for (const p of places) {
			if (!p.gm) continue;
			const k = normalizeName(p.name);
			let l = this.gms.get(k);
			if (!l) this.gms.set(k, (l = []));
			l.push([p.lon, p.lat, p.gm]);
		}
	}

	/** Municipality code of the gazetteer place `name` nearest to (lon, lat), within 2 km. */
	gmOf(name: string, lon: number, lat: number): string | undefined {
		let best: string | undefined;
		let bd = 2_000;
		for (const [x, y, gm] of this.gms.get(normalizeName(name)) ?? []) {
			const d = distanceM(lon, lat, x, y);
			if (d <= bd) {
				bd = d;
				best = gm;
			}
		}
		return best;
	}

	/** Evidence of a located post: its geotag, else the place its text or tag was located to. */
	evidenceOf(p: LocatedLike): PlaceEvidence | null {
		if (!p.pos) return null;
		const [lon, lat] = p.pos;
		if (p.method === 'gps' || (p.precision_m !== undefined && p.precision_m <= 100))
			return { author: p.author, t: p.t, gps: [lon, lat] };
		if ((p.method === 'text' || p.method === 'place') && p.located_as && p.precision_m) {
			const gm = this.gmOf(p.located_as, lon, lat);
			return {
				author: p.author,
				t: p.t,
				known: {
					name: p.located_as,
					lon,
					lat,
					radius_m: p.precision_m,
					...(gm ? { gm } : {}),
					...(p.method === 'place' ? { tag: true } : {})
				}
			};
		}
		return null;
	}

	/** Learn from one located post; returns the unknown names its text holds. Cheap for posts
	 * without a square or street word. */
	observePost(p: LocatedLike): UnknownName[] {
		if (!p.text || !PREFILTER_RE.test(p.text)) return [];
		const ns = this.namesIn(p.text);
		if (!ns.length) return ns;
		const ev = this.evidenceOf(p);
		for (const n of ns) this.observe(n, ev ?? { author: p.author, t: p.t });
		return ns;
	}

	/** Unknown names of a text (see unknownPlaceNames). */
	namesIn(text: string): UnknownName[] {
		return unknownPlaceNames(text, this.known);
	}

	/** Add one post's evidence for a name it mentions. */
	observe(n: UnknownName, ev: PlaceEvidence): void {
		let s = this.names.get(n.key);
		if (s) {
			// Most recently named last (forgetting order).
			this.names.delete(n.key);
			this.names.set(n.key, s);
		} else {
			s = {
				key: n.key,
				forms: new Map(),
				known: new Map(),
				gps: [],
				gpsAll: 0,
				authors: new Set(),
				posts: 0,
				lastT: ev.t,
				dirty: true,
				cached: null
			};
			this.names.set(n.key, s);
			if (this.names.size > this.maxNames) {
				const oldest = this.names.keys().next().value as string;
				this.names.delete(oldest);
			}
		}
		if (s.forms.size < 16 || s.forms.has(n.name))
			s.forms.set(n.name, (s.forms.get(n.name) ?? 0) + 1);
		s.lastT = Math.max(s.lastT, ev.t);
		if (!ev.gps && !ev.known) return;
		s.posts++;
		if (s.authors.size < MAX_AUTHORS) s.authors.add(ev.author);
		if (ev.gps) {
			s.gpsAll++;
			s.gps.push(ev.gps);
			if (s.gps.length > MAX_GPS) s.gps.shift();
		} else if (ev.known) {
			const k = ev.known;
			const id = `${k.name}@${k.lon.toFixed(3)},${k.lat.toFixed(3)}`;
			const a = s.known.get(id);
			if (a) a.n++;
			else if (s.known.size < MAX_KNOWN)
				s.known.set(id, {
					name: k.name,
					lon: k.lon,
					lat: k.lat,
					radius_m: Math.max(100, k.radius_m),
					...(k.gm ? { gm: k.gm } : {}),
					n: 1,
					w: k.tag ? 1 / 3 : 1
				});
		}
		s.dirty = true;
	}

	/** The current estimate for a name key; null when there is no evidence. */
	get(key: string): LearnedPlace | null {
		const s = this.names.get(key);
		if (!s) return null;
		if (s.dirty) {
			s.cached = estimate(s);
			s.dirty = false;
		}
		return s.cached;
	}

	/** Every name with an estimate, most confident first. */
	all(): LearnedPlace[] {
		const out: LearnedPlace[] = [];
		for (const k of this.names.keys()) {
			const e = this.get(k);
			if (e) out.push(e);
		}
		return out.sort((a, b) => b.confidence - a.confidence);
	}
}
