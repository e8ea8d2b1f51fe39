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
