/**
 * Place names in a text: tokens and mentions, cues read from the context, minor places linked
 * to their town, towns chosen among same-named candidates, "station" near a town, and the
 * mention that wins (see the rules in ../locate.ts). Pure.
 */
import { distKm, SPECIFICITY, RANK, PPL, MUNI, STATION } from './classes';
import { located, pick, pt, townCands, type Scope } from './choose';
import { textConfidence, textRule } from './confidence';
import { gap, provinceContext, readLists, readQualifiers, readRelations } from './cues';
import { dropForeign, readForeignContext, twinAbroad } from './foreign';
import { districtOf, landmarkOf } from './landmarks';
import { dropNotPlaces } from './not-places';
import { findMentions, hashtagMentions, type Mention } from './mentions';
import { isWordChar, normalizeName, tokenize, type Tokens } from './tokens';
import type { Location, Pt } from './types';
import { APOS_DAM_RE, ARTICLES, GENERIC_NAMES } from './words';

/** "A'dam", "R'dam" → "Amsterdam", "Rotterdam". */
function expandAposDam(text0: string): string {
	let text = text0;
	if ((text.includes("'") || text.includes('\u2019') || text.includes('`')) && /dam/i.test(text))
		text = text.replace(APOS_DAM_RE, (_, c: string) =>
			c === 'A' ? 'Amsterdam' : c === 'a' ? 'amsterdam' : c === 'R' ? 'Rotterdam' : 'rotterdam'
		);
	return text;
}

/** The mentions of a text, hashtags included, in token order. */
export function textMentions(s: Scope, tokens: ReturnType<typeof tokenize>): Mention[] {
	const { t, hashtags } = tokens;
	const tok = t.tok;
	let ms = findMentions(s.ix, tok, t);
	if (hashtags.length) {
		const hm = hashtagMentions(s.ix, hashtags, ms, tok);
		if (hm.length) ms = ms.concat(hm).sort((a, b) => a.tok - b.tok);
	}
	return ms;
}

/**
 * Cues read around the mentions: a capitalised name opening a sentence before a colon
 * ("Rijssen: brand"); "X, Y" with Y a nearby town ("Haren, Groningen").
 */
function readCues(s: Scope, ms: Mention[], t: Tokens): void {
	const { lon, lat } = s.ix;
	const tok = t.tok;
	for (const m of ms) {
		// "Rijssen: grote brand": a capitalised name opening the text or a sentence, then a colon.
		const end = m.tok + m.len;
		if (!m.cued && m.capStart && m.name.tier <= 1 && end < tok.length && t.colonBefore[end]) {
			m.cued = true;
			m.weakCued = true;
		}
	}

	// "Haren, Groningen": a town followed by a comma and a nearby town is a place name.
	for (let k = 0; k + 1 < ms.length; k++) {
		const m = ms[k];
		const o = ms[k + 1];
		if (m.cued || m.name.tier !== 1 || o.tok !== m.tok + m.len || !t.commaBefore[o.tok]) continue;
		const oc = townCands(s, o, true);
		if (
			m.name.strong.some((c) =>
				oc.some(
					(d) =>
						distKm(lon[c >> 1], lat[c >> 1], lon[d >> 1], lat[d >> 1]) - pt(s.ix, d >> 1).r <= 25
				)
			)
		)
			m.cued = true;
	}
}

/**
 * Streets, squares, neighbourhoods: link to a town named in the text (which confirms
 * that town even when its name is a common word: "stationsweg haren"), or to a watched
 * area, the bias or the author's town. Small villages named next to a nearby town
 * ("osdorp amsterdam") and parts named right after their town ("Amsterdam Oost", "Den
 * Haag Centrum") link the same way. Returns the town mentions that a link confirmed.
 */
function linkMinor(s: Scope, ms: Mention[], t: Tokens): Set<Mention> {
	const { lon, lat, cls } = s.ix;
	const { watch, bias, authorPt } = s;
	const confirmed = new Set<Mention>();
	for (const m of ms) {
		let minor = m.name.minor;
		let adjacentOnly = false;
		if (!m.weakCued && m.name.weak.length && !m.fuzzy && !m.art) {
			// A small village without a cue: only right next to a nearby town.
			minor = minor.length ? minor.concat(m.name.weak) : m.name.weak;
			if (!m.name.minor.length) adjacentOnly = true;
		}
		if (!minor.length) continue;
		// A lower-case word after an indefinite article is a noun, not a name ("a city",
		// "een centrum").
		if (!m.cap && !m.hash && m.tok > 0 && INDEFINITE.has(t.tok[m.tok - 1])) continue;
		let afterTown: Mention | null = null;
		if (m.name.tier === 2 && !m.minorCued) {
			// "Amsterdam Oost", "Amsterdam-Noord", "Den Haag Centrum".
			const prev = ms.find((o) => o.tok + o.len === m.tok && o !== m);
			if (!prev || !GENERIC_NAMES.has(m.name.key) || gap(prev, m, t) !== 0) continue;
			if (t.commaBefore[m.tok]) continue;
			afterTown = prev;
		}
		const own = townCands(s, m, true);
		// An uncued common word that names a town ("haren") is not read as its street.
		if (
			!afterTown &&
			(m.name.strong.length || m.name.weak.length) &&
			m.name.tier > 0 &&
			!m.minorCued
		)
			continue;
		// A lower-case name without any cue links only to a town right next to it.
		// So does a lower-case name that starts with an article ("in de streek", "in de
		// rivieren": not De Streek, De Rivieren).
		const articleLower =
			!m.cap && !m.hash && m.name.toks.length > 1 && ARTICLES.has(m.name.toks[0]);
		const loose = adjacentOnly || !(m.prep !== 0 || m.cap || m.capStart || m.hash) || articleLower;
		// A town's own name is not read as a site or area that has it as an alternate name
		// ("Rijk van Nijmegen" has the alternate name "Nijmegen").
		const ownTown = m.name.strong.length > 0 && m.cued;
		// A generic part ("Centrum", "Oost") is its town's own: within 5 km of it.
		const generic = m.name.toks.length === 1 && GENERIC_NAMES.has(m.name.toks[0]);
		let bestD = adjacentOnly ? 10 : generic ? 5 : 15;
		let bestI = -1;
		let bestTown: Mention | null = null;
		let via: Mention['linkVia'] = 'town';
		for (const o of ms) {
			if (o === m || (afterTown && o !== afterTown)) continue;
			if (loose && gap(m, o, t) > 2 - (adjacentOnly ? 1 : 0)) continue;
			if (loose && gap(m, o, t) < 0) continue;
			// "de dam in amsterdam", not "de rivieren bij Utrecht".
			if (articleLower && gap(m, o, t) === 1) {
				const w = t.tok[Math.min(m.tok + m.len, o.tok + o.len)];
				if (w !== 'in' && w !== 'van' && w !== 'te') continue;
			}
			for (const jc of townCands(s, o, false)) {
				const j = jc >> 1;
				if (cls[j] !== PPL && cls[j] !== MUNI && cls[j] !== STATION) continue;
				for (const ic of minor) {
					const i = ic >> 1;
					if (ownTown && ic & 1) continue;
					if (i === j) continue;
					const d = distKm(lon[i], lat[i], lon[j], lat[j]);
					if (d < bestD) {
						bestD = d;
						bestI = i;
						bestTown = o;
					}
				}
			}
		}
		if (bestI < 0 && m.minorCued && !afterTown && !adjacentOnly) {
			// Near a watched area or the bias; else near the author's town.
			let bd = Infinity;
			for (const ic of minor) {
				const i = ic >> 1;
				if (ownTown && ic & 1) continue;
				for (const w of watch) {
					const d = distKm(lon[i], lat[i], w.lon, w.lat) - w.r;
					if (d <= (w === bias ? 25 : 5) && d < bd) [bd, bestI] = [d, i];
				}
			}
			if (bestI >= 0) via = 'watch';
			if (bestI < 0 && authorPt && !ownTown && !generic) {
				for (const ic of minor) {
					const i = ic >> 1;
					const d = distKm(lon[i], lat[i], authorPt.lon, authorPt.lat);
					if (d <= 10 && d < bd) [bd, bestI] = [d, i];
				}
				if (bestI >= 0) {
					s.usedAuthor = true;
					via = 'author';
				}
			}
		}
		if (bestI < 0 && !afterTown && !adjacentOnly && !ownTown) {
			// A well-known site named without its town ("op de Dam", "Erasmusbrug").
			bestI = landmarkOf(s.ix, m, minor);
			if (bestI >= 0) via = 'landmark';
			else {
				// A district of note named alone ("in de Schilderswijk").
				bestI = districtOf(s.ix, m, minor);
				if (bestI >= 0) via = 'district';
			}
		}
		if (bestI < 0) continue;
		// The neighbourhood that bears a town's own name is that town ("Haren").
		if (own.some((c) => distKm(lon[c >> 1], lat[c >> 1], lon[bestI], lat[bestI]) < 5)) continue;
		m.chosen = bestI;
		m.linked = true;
		m.linkVia = via;
		if (bestTown) confirmed.add(bestTown);
		// "in Amsterdam Oost": the part takes its town's preposition.
		if (afterTown && afterTown.prep > m.prep) m.prep = afterTown.prep;
	}
	return confirmed;
}

const INDEFINITE = new Set(['een', 'a', 'an', 'ein', 'eine', 'einen', 'un', 'une']);

/**
 * Towns: choose among same-named ones by the other places named, the watched areas and
 * bias, the author's town, population.
 */
function chooseTowns(s: Scope, ms: Mention[], confirmed: Set<Mention>, textCtx: Pt[]): void {
	const anchors = new Map<Mention, number[]>();
	for (const m of ms) {
		if (m.linked) continue;
		const c = townCands(s, m, !confirmed.has(m));
		if (c.length) anchors.set(m, c);
	}
	for (const [m, c] of anchors) {
		const ctx: Pt[] = textCtx.slice();
		for (const [o, oc] of anchors) {
			if (o === m || o.name === m.name) continue;
			for (const j of oc) ctx.push(pt(s.ix, j >> 1));
		}
		for (const o of ms) if (o.linked) ctx.push(pt(s.ix, o.chosen));
		m.chosen = pick(s, c, ctx, 40);
		m.guessed = s.guessed;
	}
}

/**
 * A site or district named without its town ("op de Dam", "in de Westerstraat") stands for the
 * one place of that name the gazetteer knows; when the text names other places and all of them lie
 * more than ALONE_KM from it, the text is about somewhere else (a same-named street there, or two
 * places far apart): it places nothing. Places named after "uit" (where people come from) do
 * not count.
 */
export function dropFarAlone(s: Scope, ms: Mention[]): void {
	const { lon, lat } = s.ix;
	if (!ms.some((m) => m.linked && (m.linkVia === 'landmark' || m.linkVia === 'district'))) return;
	const placed = ms.filter((m) => m.chosen >= 0 && !m.qualifier);
	for (const m of placed) {
		if (!m.linked || (m.linkVia !== 'landmark' && m.linkVia !== 'district')) continue;
		let others = 0;
		let near = false;
		for (const o of placed) {
			// Where people come from ("boeren uit Zundert") may lie anywhere.
			if (o === m || o.name === m.name || o.prep < 0) continue;
			others++;
			if (distKm(lon[m.chosen], lat[m.chosen], lon[o.chosen], lat[o.chosen]) <= ALONE_KM)
				near = true;
		}
		if (others && !near) m.dropped = true;
	}
	for (const m of placed)
		if (m.dropped) {
			m.chosen = -1;
			m.linked = false;
		}
}
const ALONE_KM = 30;

/**
 * "station" near a town, or "CS" right after it: that town's station ("op het station in
 * haren", "Eindhoven CS").
 */
function stationNear(s: Scope, ms: Mention[], t: Tokens): void {
	const tok = t.tok;
	const { lon, lat, cls, stationsByTown } = s.ix;
	for (const m of ms) {
		if (m.chosen < 0 || m.linked || cls[m.chosen] !== PPL) continue;
		let near = false;
		const end = m.tok + m.len;
		for (let k = Math.max(0, m.tok - 3); k < Math.min(tok.length, end + 3); k++)
			// Not the word of another station's name ("Station Lunetten in Utrecht").
			if (
				tok[k] === 'station' &&
				(k < m.tok || k >= end) &&
				!inOther(ms, m, k) &&
				!(k + 1 < tok.length && k + 1 !== m.tok && t.cap[k + 1] && !t.sentStart[k + 1])
			)
				near = true;
		const cs = end < tok.length && tok[end] === 'cs';
		if (!near && !cs) continue;
		const key = m.name.key;
		const st = (cs && stationsByTown.get(key + ' centraal')) || stationsByTown.get(key);
		if (!st) continue;
		let bd = 10;
		let bi = -1;
		for (const i of st) {
			const d = distKm(lon[i], lat[i], lon[m.chosen], lat[m.chosen]);
			if (d < bd) {
				bd = d;
				bi = i;
			}
		}
		if (bi >= 0) {
			m.chosen = bi;
			m.station = true;
		}
	}
}

/** Words for an airport before a town's name ("vliegveld Valkenburg", "vliegbasis Volkel"). */
const AIRPORT_WORDS = new Set(
	'vliegveld vliegbasis luchthaven vliegkamp marinevliegkamp airport airbase'.split(' ')
);

/**
 * An airport word right before a town: the airport or air base of the town's name within 8 km
 * ("het oude vliegveld Valkenburg", "vliegbasis Volkel"); the town's station works the same way.
 */
function airportNear(s: Scope, ms: Mention[], tok: string[]): void {
	const { lon, lat, cls, airports } = s.ix;
	if (!airports.length) return;
	for (const m of ms) {
		// Also a name too ambiguous to choose alone: the airport that bears it decides.
		if (m.linked || m.qualifier || m.tok === 0) continue;
		if (m.chosen >= 0 ? cls[m.chosen] !== PPL : !m.cued) continue;
		let j = m.tok - 1;
		if (j > 0 && AIRPORT_LINKS.has(tok[j])) j--;
		if (!AIRPORT_WORDS.has(tok[j])) continue;
		// An airport that bears the name, near a candidate of the name ("Valkenburg Naval Air
		// Base"); else the airport nearest the chosen town.
		const key = m.name.key;
		let bi = -1;
		let bd = 10;
		const cands = m.name.strong.concat(m.name.weak);
		for (const i of airports) {
			if (!normalizeName(s.ix.display[i]).includes(key)) continue;
			for (const c of cands) {
				const d = distKm(lon[i], lat[i], lon[c >> 1], lat[c >> 1]);
				if (d < bd) [bd, bi] = [d, i];
			}
		}
		if (bi < 0 && m.chosen >= 0) {
			bd = 8;
			for (const i of airports) {
				const d = distKm(lon[i], lat[i], lon[m.chosen], lat[m.chosen]);
				if (d < bd) [bd, bi] = [d, i];
			}
		}
		if (bi >= 0) {
			m.chosen = bi;
			m.linked = true;
			m.linkVia = 'town';
		}
	}
}
const AIRPORT_LINKS = new Set(['in', 'bij', 'van', 'te', 'at', 'near', 'of']);

/** Whether token k lies inside a mention other than m. */
function inOther(ms: Mention[], m: Mention, k: number): boolean {
	for (const o of ms) if (o !== m && k >= o.tok && k < o.tok + o.len) return true;
	return false;
}

/**
 * The mention that wins: after a preposition, most specific, inside another named place; a
 * misspelt name counts less. Ties go to the first.
 */
function bestMention(s: Scope, ms: Mention[]): Mention | null {
	const { lon, lat, cls, pop, prec } = s.ix;
	let best: Mention | null = null;
	for (const m of ms) {
		if (m.chosen < 0 || m.qualifier) continue;
		const c = m.chosen;
		// A place that contains a more specific one named ("Mercatorplein in Amsterdam West")
		// gets no credit for its preposition.
		let prep = m.prep;
		for (const o of ms)
			if (
				prep > 0 &&
				o !== m &&
				o.chosen >= 0 &&
				SPECIFICITY[cls[o.chosen]] > SPECIFICITY[cls[c]] &&
				distKm(lon[c], lat[c], lon[o.chosen], lat[o.chosen]) * 1000 <= prec[c]
			)
				prep = 0;
		// A later name of a list, away from its first ("in Breskens en in de buitenhaven van
		// Terneuzen"): a peer, not a closer look at the first; it wins on no specificity and lies
		// inside nothing.
		let spec = SPECIFICITY[cls[c]];
		let peer = false;
		if (m.list !== undefined && m.tok !== m.list) {
			const first = ms.find((o) => o.tok === m.list);
			if (
				first &&
				first.chosen >= 0 &&
				!first.qualifier &&
				distKm(lon[c], lat[c], lon[first.chosen], lat[first.chosen]) > 3
			) {
				spec = Math.min(spec, SPECIFICITY[cls[first.chosen]]);
				peer = true;
			}
		}
		// A misspelt name, and an adjective or inhabitant name ("Haagse"), count less.
		let s =
			spec +
			prep +
			(m.hash ? 0.5 : 0) -
			(m.fuzzy ? 0.5 : 0) -
			(m.name.via === 'demonym' ? 0.75 : 0) -
			// A landmark without a preposition is often a figure of speech ("het Binnenhof zal
			// hem missen"): below a town named with one.
			((m.linkVia === 'landmark' || m.linkVia === 'district') && m.prep <= 0 ? 1.5 : 0);
		for (const o of ms) {
			if (peer || o === m || o.chosen < 0 || o.chosen === c) continue;
			// Peers in a list: neither lies inside the other.
			if (m.list !== undefined && o.list === m.list) continue;
			const oc = o.chosen;
			if (
				(RANK[cls[oc]] < RANK[cls[c]] || pop[oc] > pop[c]) &&
				distKm(lon[c], lat[c], lon[oc], lat[oc]) <= 20
			) {
				s += 0.5;
				break;
			}
		}
		m.score = s;
		if (!best || s > best.score) best = m;
	}
	return best;
}

export function locateText(s: Scope, text0: string, tagCtx: Pt[]): Location | null {
	const text = expandAposDam(text0);
	const tokens = tokenize(text);
	const t = tokens.t;
	let ms = textMentions(s, tokens);
	if (ms.length === 0) return null;
	const foreign = readForeignContext(s.ix, t, ms, s.world);
	ms = dropForeign(s.ix, dropNotPlaces(ms, t, text), t, s.world, foreign, text);
	if (ms.length === 0) return null;
	const provCtx = provinceContext(s.ix, ms, t);
	const textCtx = provCtx.length ? tagCtx.concat(provCtx) : tagCtx;
	readCues(s, ms, t);
	readQualifiers(ms, t);
	readRelations(s.ix, ms, t);
	readLists(ms, t);
	const confirmed = linkMinor(s, ms, t);
	chooseTowns(s, ms, confirmed, textCtx);
	dropFarAlone(s, ms);
	stationNear(s, ms, t);
	airportNear(s, ms, t.tok);
	const best = bestMention(s, ms);
	if (!best) return null;
	const loc = located(s.ix, 'text', best.chosen);
	loc.words = mentionWords(text, t, best);
	loc.rule = textRule(best);
	const twin = !foreign.dutch && !best.linked && twinAbroad(s.ix, best, s.world) > 0;
	loc.confidence = textConfidence(s.ix, best, ms, foreign.foreign, twin);
	return loc;
}

/** The words of the text that a mention covers, with a preposition right before it. */
export function mentionWords(text: string, t: Tokens, m: Mention): string {
	let a = m.tok;
	if (m.prep !== 0 && a > 0 && !t.sentStart[a] && !t.commaBefore[a]) {
		a--;
		if (a > 0 && ARTICLES.has(t.tok[a]) && !t.sentStart[a]) a--;
	}
	let e = t.from[m.tok + m.len - 1];
	if (text.charCodeAt(e) === 35) e++; // "#"
	while (e < text.length && isWordChar(text.charCodeAt(e))) e++;
	return text.slice(t.from[a], Math.min(e, t.from[a] + 80));
}
