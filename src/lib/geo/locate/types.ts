/**
 * The locator's public types: a Location, the options and the Locator. Pure.
 */
import type { LocatedPost, LocateMethod, Post } from '../../posts/post';

export interface Location {
	method: LocateMethod;
	/** [lon, lat]; absent when method is 'none'. */
	pos?: [number, number];
	precision_m?: number;
	/** Name of the gazetteer place used (not for 'gps'). */
	place?: string;
	/** The words of the text or tag that placed it ("in Haren", "#haren", "Haagse"). */
	words?: string;
	/** The rule that placed it (see LocateRule). */
	rule?: LocateRule;
	/** How likely the placement is right, 0..1; calibrated on the labelled and real-text sets
	 * (placements at 0.9 or more were right at least 90% of the time). */
	confidence?: number;
}

/**
 * Which rule placed a post: 'geotag' its own lon/lat; 'tag' its place tag ('tag-part' a town
 * inside it); in the text: 'name' a distinctive town name, 'cued-name' a name that is also a
 * word with its cue (preposition, capital, hashtag, province), 'fuzzy' a misspelt town,
 * 'demonym' an adjective or inhabitant name ("Haagse"), 'nickname' ("Domstad", "Mokum"),
 * 'alias' ("Dordt", "A'dam"), 'with-town' a street, square or neighbourhood with its town
 * named, 'near-watch' one near a watched area or the bias, 'author' one near the author's
 * town, 'landmark' a well-known site named alone, 'district' a district of note named alone
 * ("in de Schilderswijk"), 'station' a town's station.
 */
export type LocateRule =
	| 'geotag'
	| 'tag'
	| 'tag-part'
	| 'name'
	| 'cued-name'
	| 'fuzzy'
	| 'demonym'
	| 'nickname'
	| 'alias'
	| 'with-town'
	| 'near-watch'
	| 'author'
	| 'landmark'
	| 'district'
	| 'station';

/**
 * Cities abroad, for foreign twins of Dutch names (built Node-side from a world list; see
 * src/lib/server/world-cities.ts): normalised name → population of the largest city of that
 * name outside the Netherlands.
 */
export interface WorldCities {
	abroad: Map<string, number>;
	/** normalised name → the ISO country codes of the cities of that name abroad, the country of
	 * the largest one first (optional: "bergen" → ["NO", "DE", "US"]); a text that names one of
	 * those countries places none of them in the Netherlands without a Dutch cue. */
	where?: Map<string, readonly string[]>;
	/** Names of towns of any size in Belgium and Luxembourg and in Germany near the border
	 * (optional): named with a capital and not as a Dutch town, each is a foreign cue in its own
	 * right ("Lommel", "Maaseik", "Nordhorn"). */
	near?: Set<string>;
}

export interface LocatorOptions {
	/** The area the user watches: breaks ties between same-named places and admits squares
	 * and streets named without their town ("op de dam") near it. */
	bias?: { lon: number; lat: number };
	/** The areas being watched (circles): like the bias, same-named candidates inside or near
	 * one win, and squares, streets and neighbourhoods named without their town are admitted
	 * within 5 km of one. */
	areas?: { lon: number; lat: number; radius_m: number }[];
	/** Remember, per author, where their last confidently located post was, and use it to
	 * break ties between same-named places and to admit a square or street named without its
	 * town near it (default true). It never places a post that names no place. */
	authorContext?: boolean;
	/** How many authors the memory keeps (default 50,000; the least recently seen go first). */
	authorMemorySize?: number;
	/** Cities abroad: a name with a larger twin abroad ("Harlingen", "Bergen", "Middelburg")
	 * is not placed in the Netherlands when the text names a foreign country, region or city
	 * and no Dutch cue. Without it the locator uses its built-in foreign cues only. */
	world?: WorldCities;
}

export interface Locator {
	locate(post: Post): Location;
	locateAll(posts: Post[]): LocatedPost[];
	/** Index sizes and build time, for diagnostics. */
	readonly stats: { places: number; tagNames: number; textNames: number; buildMs: number };
}

/** A context point; `r` km around it count as distance 0 (a province's rough radius). */
export interface Pt {
	lon: number;
	lat: number;
	r: number;
}
