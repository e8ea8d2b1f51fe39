/**
 * A fast locator: puts a post on the map from its own geotag, else its place tag, else
 * place names in its text, else nowhere (it never invents a location).
 * Pure module: no UI, map, database or Node imports.
 *
 * Order and rules
 * 1. gps: the post's own lon/lat (precision 25 m). (0, 0) is treated as no geotag.
 * 2. place: the place tag, split on commas (and ; | /); "(Gn)" style parentheses and a trailing province
 *    abbreviation ("Haren Gn") are qualifiers. The first part that matches a name or alternate
 *    name of the gazetteer is the place; country names ("Nederland") are ignored; the other
 *    parts and qualifiers (a province, a town) pick among same-named candidates: the nearest to
 *    them wins (a province counts as a 60 km radius around its centre), then populated place over municipality over neighbourhood, then population.
 *    An unqualified name whose candidates are far apart and none clearly larger ("Dam",
 *    "Oost") is ambiguous and gives no location. Provinces, safety regions and police units
 *    only serve as context: a tag that is only "Noord-Brabant" gives no location.
 * 3. text: place names of 1–5 tokens in the text, longest match first, and in hashtags
 *    (#haren, #ProjectXHaren, #haren2012, #denhaag, and a town inside a lower-case hashtag next
 *    to a known word: #projectxharen, #harenfeest). Only names from an index of distinctive
 *    names count, with cues where a name is also a word:
 *    - towns: populated places with population >= 1000 or a seat (P.PPLA*, P.PPLC, P.PPLG),
 *      current municipalities, "Gemeente X", stations with a multi-word name ("Station Haren");
 *      plain names need no cue ("Amsterdam", "den bosch");
 *    - names that are also words ("haren", "bergen", "leiden", "dam") and one-word alternate
 *      names ("Lek" for Leek) need a cue: a preposition right before them ("in haren",
 *      "naar", "bij", "uit", not "te"; "project x haren", "bewoners van haren", "Stationsweg
 *      Haren"), a capital mid-sentence and without an article ("bij de Blokker" is a shop), a
 *      hashtag, "X, Y" with Y a town nearby, or a street of theirs named in the text; with a bias
 *      point, a capital at the start of a sentence also counts for the same-named town within
 *      30 km of it ("Haren is vol" while watching Haren);
 *    - very common words ("best", "hem", "brand", "winkel", "meer", "haar", ...) need both a
 *      preposition and a capital ("woont in Best");
 *    - smaller villages (no population >= 1000) need a capital or a hashtag, or a cued town of
 *      the same name (then they are candidates next to it);
 *    - streets, squares, neighbourhoods, generic names ("Binnenstad", "Centrum"), parks and other
 *      sites only when the text also names a town within 15 km of them ("stationsweg haren",
 *      "de dam in amsterdam"), or, with a cue, when the bias point is within 25 km ("op de dam"
 *      while watching Amsterdam);
 *    - "station" within 3 words of a town gives that town's station ("op het station in haren").
 *    Same-named towns are told apart by the other places in the text, the place tag's province,
 *    the bias, then population (an own name beats an alternate name of another place). When
 *    several names are found, the highest score wins: specificity (site > neighbourhood > town >
 *    municipality), +1.5 after a locative preposition, -1 after "uit"/"vanuit", +0.5 hashtag,
 *    +0.5 inside another named, larger place; ties go to the first.
 * 4. none: nothing found; never a guess.
 * Spelling: names and texts are folded to lower case without accents ("Feanwâlden" =
 * "feanwalden"), apostrophes and hyphens split words ("'s-Gravenhage" = "s gravenhage"); names are
 * also indexed with "sint"/"st" swapped ("St. Oedenrode"), "aan den"/"aan de" as "a d" and "ad"
 * ("Alphen a/d Rijn"), towns also as one word ("denhaag", "denbosch", "shertogenbosch",
 * "sgravenhage"), stations also as "station X", "X station", the bare two-word name ("Amsterdam
 * Sloterdijk", not "Almere Centrum") and "X CS" for "X Centraal"; "A'dam", "R'dam" (with the
 * apostrophe), "Dordt", "Mokum" and "Bijlmer" are read as the places they stand for. The dot of
 * "St." and "a.d." ends no sentence. A name does not run across a comma or a sentence end
 * ("Zaandam, Noord-Holland" is not "Zaandam Noord"), and an article that starts a name ("De
 * Laan") gives way to a longer name right after it ("op de Laan van Westenenk").
 * Fuzzy: a word of 6+ letters that is no name, after a preposition, capitalised mid-sentence or
 * in a hashtag, matches a one-word town name of 7+ letters within one edit (substitution,
 * insertion, deletion, transposition: "amsterdm", "Groningne", "Zoetermeerr") when exactly one
 * name is that close; never a short name, never a listed common word; scored 0.5 lower than an
 * exact name. Two edits ("Venedaal") give nothing.
 * More cues and context in the text: a province named ("Valkenburg in Limburg", "Haren,
 * Noord-Brabant") is context like a province in the tag, and an abbreviation right after a town
 * ("Haren NB", "Bergen (L)") is context and a cue; a capitalised name opening a sentence before a
 * colon ("Rijssen: brand") is a cue; a small village right next to a nearby town ("osdorp
 * amsterdam") and a generic part right after its town ("Amsterdam Oost", "Den Haag Centrum",
 * within 5 km of it) are read like streets; a lower-case street or neighbourhood name without any
 * cue links only to a town at most two words away ("gooien stenen naar de bus in Culemborg" is
 * not the Stenen of Culemborg); a place that contains a more specific one named gets no credit
 * for its preposition ("Mercatorplein in Amsterdam West"). A village without a population figure
 * that has a station of its name is a town ("Rijssen").
 * Choosing among same-named candidates, in order: the places named (text, tag, provinces); the
 * watched areas (`areas`, inside or within the distance limit of one) and the bias; the author
 * memory; then kind, own name before alternate name, population. A town or current municipality
 * of the very name puts same-named small villages more than 20 km away out of the running
 * ("Noordwijk" is not the hamlet Noordwijk in Groningen).
 * Watched areas also admit squares, streets and neighbourhoods named without their town within
 * 5 km of an area (the bias: 25 km).
 * Author memory (`authorContext`, default true): per `post.author`, the position of the last
 * post that was located with a precision of 5 km or better (geotag, tag or text) without help
 * of the memory itself. It is used only to choose among same-named candidates (within 25 km of
 * it) and to admit a square, street or neighbourhood named without its town within 10 km of it
 * (not generic names like "Centrum"); it never places a post that names no place. At most
 * `authorMemorySize` authors (default 50,000) are kept; an author seen again at the same place
 * keeps its turn, a new or moved author goes to the back, and the front is forgotten first. The
 * memory makes `locate` depend on the posts located before with the same locator: results for a
 * post can differ with the order posts are fed in (turn it off where that matters).
 * Real text (issue 12):
 * - not places: a club ("FC Utrecht", "PEC Zwolle", "Go Ahead Eagles Deventer", "Helmond
 *   Sport"), a cape ("Kaap Hoorn"), a nationality before a name ("het Duitse Haren"), a country
 *   or city abroad ("Turkije" is not the hamlet Turkeye), a person ("Ede Staal", a first name
 *   before a town name), a province ("in Zeeland" is not the village), the colour and the team
 *   ("oranje", "met Oranje"; only "in Oranje" is the village), and a name that needs a cue or a
 *   small village inside a longer capitalised name ("Mark Rutte", "Kleine Geul"); a small
 *   village by an alternate name only ("Mark" for Markt, "Geul" for Geulle) needs a preposition
 *   and a capital;
 * - foreign context: a town followed by a place abroad ("Harlingen in Texas", "Haren bij
 *   Brussel", "Haren aan de Eems", "Bergen, Noorwegen", "Bergen an der Dumme") is not placed
 *   unless it follows "uit"; with `world` (cities abroad, see LocatorOptions), a text that names
 *   a country, region or city abroad, or is written in English, German or French, places no
 *   name with a larger twin abroad, nor one with a twin in a country it names ("Groningen" with
 *   Saramacca), unless it names the Netherlands, a Dutch province or another distinctive Dutch
 *   town. The cues are knowledge, not phrases (locate/abroad.ts): countries in Dutch, English,
 *   German and French, their regions, states and provinces (Beieren, Vlaams-Brabant, Texas,
 *   Mpumalanga, Vestland...), the adjectives of regions, cities and the neighbouring countries
 *   ("de Brusselse burgemeester", "de Belgische Staat"); and from the world list every city
 *   abroad of 20,000 or more named with a capital mid-sentence (100,000 at a sentence start) and
 *   every town of Belgium, Luxembourg and Germany near the border, whatever its size ("Lommel",
 *   "Maaseik", "Nordhorn"), when it is not read as a Dutch town. Other nationality adjectives and
 *   inhabitant names ("een Noors schip", "Amerikaanse toeristen") say who, not where: they count
 *   only for twins in their country. A village whose twin abroad is ten times its size, a city of
 *   100,000 or a town near the border ("Essen", "Kiel", "Mechelen", "Meppen") needs a Dutch cue
 *   in any text; a town abroad is never a misspelt Dutch one ("Nordhorn" is not Noordhorn);
 * - clubs and organisations: in a text about a match (words of the game, a score), a town named
 *   without a preposition of place is its club ("Zwolle kwam sterk uit de kleedkamer", "de gasten
 *   uit Zwolle"), and so are its inhabitants ("de Venlonaren", "de Apeldoorner") and its
 *   adjective before a word of the game ("de Arnhemse club"); "in Zwolle", "de Arnhemse fans"
 *   stay the town. "Universiteit Utrecht", "Omroep Zwolle", "Enschede's Politie Mannenkoor" are
 *   organisations; "Noord" in "Noord-Brabant" is no district;
 * - districts of note: the one district of a name that GeoNames lists (P.PPLX) is placed without
 *   its town, with a capital and a preposition of place or (8+ letters) a capital mid-sentence
 *   ("in de Schilderswijk", "in Kanaleneiland", rule 'district'); the CBS neighbourhoods of the
 *   name in other towns do not make it ambiguous, two districts of note do;
 * - demonyms and adjectives ("Haagse", "Rotterdams", "Bredanaars"; made ones like "Urker",
 *   "Vlaardingers" need a capital) stand for their town, scored 0.75 below a plain mention;
 *   nicknames ("Domstad", "Maasstad", "Hofstad", "Lichtstad", "Sleutelstad", "Mokum",
 *   "Oeteldonk") like the town; a town adjective right before another name ("het Groningse
 *   Haren") is context and gives that name its preposition, and so does a province adjective
 *   ("het Limburgse dorp Valkenburg", "het Noord-Brabantse dorpje Katwijk"), which is also
 *   context like the province (inside its radius, only the candidates inside it); so is a
 *   region with its capital ("in Twente", "de Achterhoek", "het Land van Cuijk", "Zuid-Limburgse",
 *   words.ts REGIONS), which is then not the place meant, and a Dutch cue against twins abroad;
 * - landmarks: a short list of well-known sites with their town ("op de Dam", "Malieveld",
 *   "Erasmusbrug", "Magere Brug", "Zaanse Schans", "IJhaven") and any square or site whose
 *   distinctive name (8+ letters, no common part) the gazetteer has in one place only
 *   ("Museumplein") are placed without their town, with a capital, a preposition or a hashtag;
 * - "X bij Y" (nabij, vlakbij, onder) with Y near X: X, with the preposition ("Haren bij
 *   Groningen" is Haren); "ter hoogte van X" is a locative preposition.
 * Third round (knowledge rather than phrases):
 * - every country by its Dutch and English name (abroad.ts COUNTRIES; a country is never the
 *   Dutch hamlet of its name: "Malta", "Palestina"); Belgium beyond its world-list cities: the
 *   municipalities and sections of Brussels, the districts of Antwerp and Ghent, and the words of
 *   Belgian public life ("OCMW", "politiezone", "schepenen", "NMBS", "federale politie");
 * - in a text that names a place abroad, a one-word village under 5,000 (no municipality) is
 *   likely a place there too small for the world list, and no Dutch cue for a twin ("Groningen
 *   ... Saramacca ... Boskamp"); a Dutch town counts as a Dutch cue from 5,000 or as a municipality;
 * - organisations before a town ("Reddingsbrigade Bergen", "Harmonie Haren", "Scouting Leek"),
 *   a team after a town's adjective in any text ("de Arnhemse club"); a score ending a sentence
 *   ("met 2-1.") makes a text about a match; a dateline in capitals ("ALMELO - ") is no club;
 * - lists ("uit Assen, Smilde, Vries en Beilen", "in A en B"): a name without a preposition takes
 *   the list's, the names are peers (none counts as inside another), so the first wins a tie;
 * - a site or district named alone whose every other place named (not after "uit") lies more
 *   than 30 km away places nothing: the text is about somewhere else;
 * - among same-named towns, one that gives its name to its municipality weighs as the
 *   municipality ("Valkenburg" in Valkenburg aan de Geul), chosen on size with a lower confidence;
 * - "Station Lunetten in Utrecht" is that station, not Utrecht's; "Venlo am Tag" is a date, not a
 *   town on a river; an airport word before a town ("vliegveld Valkenburg", "de vliegbasis in
 *   Valkenburg") is the airport that bears its name, else the nearest within 8 km;
 * - a nationality or region abroad and a kind of place before a name ("het Noorse dorp Harlingen",
 *   "the German town of Zwolle") make it the place abroad;
 * - "de provincie Groningen", "the province of Utrecht" are the province (context only);
 * - abroad: a state's code after a comma ("Amsterdam, NY"), and then the name throughout the text
 *   ("Amsterdam Road"); "de Nederlandse grens" (the other side); "the Belgian province of
 *   Limburg"; in another language's text that names a place abroad the Netherlands named is no
 *   Dutch cue; in a text about a place abroad without a Dutch town, no misspelt town, no street,
 *   square or site named alone;
 * - a lower-case word after an indefinite article is a noun ("a city", "een centrum");
 * - confidence: 0.1 less for a name with a larger twin abroad in a text without a Dutch cue.
 * Every location says its `words` (the words that placed it), its `rule` (LocateRule) and its
 * `confidence` (0..1, locate/confidence.ts: a base per rule, less when chosen on size among
 * far-apart same-named places, when a same-named place or small village lies far away, when
 * other places are named elsewhere, when the text names a place abroad, after "uit").
 * Known gaps: streets only where the gazetteer has them (none in Haren: "op de Stationsweg"
 * alone gives nothing), neighbourhoods only with their town, a watched area or the author's
 * town ("in de Bijlmer" alone gives nothing), no reading of sentence meaning ("haren wordt het
 * nieuwe ibiza" gives nothing), fuzzy matching only for one-word town names, the Belgian Haren
 * without any cue abroad, a town's name standing for its government ("niet alleen naar Den
 * Haag").
 * Precision radii: gps 25 m, square 200 m, station 300 m, other sites 300 m (parks 500 m),
 * street 500 m, neighbourhood 800 m (CBS buurt, GeoNames PPLX), district 1,500 m (CBS wijk,
 * A.ADM3 2,500 m), populated place 1,000 m + 800 m per tenfold population above 1,000
 * (Haren ~1,800 m, Groningen ~2,900 m, Amsterdam ~3,300 m, at most 3,500 m), municipality 5,000 m.
 *
 * Parts (src/lib/geo/locate/): words.ts (word lists, name tiers), tokens.ts (tokens, hashtags,
 * the words before a token), classes.ts (place classes, ranks, precision radii), fuzzy.ts (one
 * edit), places-index.ts (the index), mentions.ts (names found in a text), choose.ts (choosing
 * among same-named candidates), cues.ts (provinces and other context), tag.ts (the place tag),
 * text.ts (place names in a text), not-places.ts (clubs, people, countries), abroad.ts (countries,
 * regions and adjectives abroad, language words), foreign.ts (foreign context and twins),
 * landmarks.ts (landmarks and districts of note), confidence.ts (rule and confidence).
 */

import type { Place } from './gazetteer';
import type { LocatedPost, Post } from '../posts/post';
import type { Scope } from './locate/choose';
import { RULE_CONFIDENCE } from './locate/confidence';
import { buildIndex } from './locate/places-index';
import { locateTag } from './locate/tag';
import { locateText } from './locate/text';
import type { Location, Locator, LocatorOptions, Pt } from './locate/types';

export type { LocateRule, Location, Locator, LocatorOptions, WorldCities } from './locate/types';
export { nameTokens, normalizeName } from './locate/tokens';
export { withinOneEdit } from './locate/fuzzy';

export function createLocator(places: Place[], opts: LocatorOptions = {}): Locator {
	const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
	const t0 = now();
	const ix = buildIndex(places);
	const bias: Pt | undefined =
		opts.bias && Number.isFinite(opts.bias.lon) && Number.isFinite(opts.bias.lat)
			? { lon: opts.bias.lon, lat: opts.bias.lat, r: 0 }
			: undefined;

	/** Watched areas and the bias: context after the places named. */
	const watch: Pt[] = [];
	if (bias) watch.push(bias);
	for (const a of opts.areas ?? [])
		if (Number.isFinite(a.lon) && Number.isFinite(a.lat) && Number.isFinite(a.radius_m))
			watch.push({ lon: a.lon, lat: a.lat, r: Math.max(0, a.radius_m) / 1000 });

	const s: Scope = {
		ix,
		watch,
		bias,
		authorPt: null,
		usedAuthor: false,
		guessed: false,
		world: opts.world
	};

	/** Author memory: author → where their last confidently located post was. */
	const memory = opts.authorContext === false ? null : new Map<string, Pt>();
	const memoryMax = Math.max(1, opts.authorMemorySize ?? 50_000);

	const buildMs = now() - t0;

	function locatePost(post: Post): Location {
		const plon = post.lon;
		const plat = post.lat;
		if (
			typeof plon === 'number' &&
			typeof plat === 'number' &&
			Number.isFinite(plon) &&
			Number.isFinite(plat) &&
			!(plon === 0 && plat === 0)
		)
			return {
				method: 'gps',
				pos: [plon, plat],
				precision_m: 25,
				rule: 'geotag',
				confidence: RULE_CONFIDENCE.geotag
			};
		let tagCtx: Pt[] = [];
		if (post.place) {
			const r = locateTag(s, post.place);
			if (r.loc) return r.loc;
			tagCtx = r.ctx;
		}
		if (post.text) {
			const r = locateText(s, post.text, tagCtx);
			if (r) return r;
		}
		return { method: 'none' };
	}

	function locate(post: Post): Location {
		const author = memory && typeof post.author === 'string' && post.author ? post.author : null;
		s.authorPt = author ? (memory?.get(author) ?? null) : null;
		s.usedAuthor = false;
		const loc = locatePost(post);
		// Remember where the author was, from a location that the memory did not decide.
		if (memory && author && loc.pos && !s.usedAuthor && (loc.precision_m ?? Infinity) <= 5000) {
			const [x, y] = loc.pos;
			const old = s.authorPt;
			if (!old || old.lon !== x || old.lat !== y) {
				// A move (or a new author) goes to the back of the queue; the front is forgotten
				// first.
				if (old) memory.delete(author);
				memory.set(author, { lon: x, lat: y, r: 0 });
				if (memory.size > memoryMax) memory.delete(memory.keys().next().value as string);
			}
		}
		s.authorPt = null;
		return loc;
	}

	function locateAll(posts: Post[]): LocatedPost[] {
		const out: LocatedPost[] = new Array(posts.length);
		for (let k = 0; k < posts.length; k++) {
			const p = posts[k];
			const loc = locate(p);
			const lp: LocatedPost = { ...p, t: Date.parse(p.created_at), method: loc.method };
			if (loc.pos) {
				lp.pos = loc.pos;
				lp.precision_m = loc.precision_m;
			}
			if (loc.place !== undefined) lp.located_as = loc.place;
			out[k] = lp;
		}
		return out;
	}

	return {
		locate,
		locateAll,
		stats: { places: ix.n, tagNames: ix.tagIndex.size, textNames: ix.textByKey.size, buildMs }
	};
}
