/**
 * The post model: the posts NDJSON format of docs/formats.md, plus what the product derives.
 * Pure module: no UI, map or database imports.
 */

export const SOURCES = [
	'x',
	'facebook',
	'instagram',
	'tiktok',
	'telegram',
	'snapchat',
	'whatsapp',
	'bluesky',
	'mastodon',
	'report',
	'other'
] as const;
export type Source = (typeof SOURCES)[number];

export interface Engagement {
	likes?: number;
	reposts?: number;
	replies?: number;
}

/** A post exactly as the interchange format defines it. */
export interface Post {
	id: string;
	source: Source;
	author: string;
	/** ISO 8601 with offset or Z, kept as written. */
	created_at: string;
	text: string;
	lon?: number;
	lat?: number;
	place?: string;
	lang?: string;
	reply_to?: string;
	repost_of?: string;
	url?: string;
	engagement?: Engagement;
}

/** How a post was placed on the map. */
/** 'manual': placed by hand by an analyst (the triage of posts without a location). */
export type LocateMethod = 'gps' | 'place' | 'text' | 'manual' | 'none';

/**
 * A post as the map and the analyses use it: the format's fields plus a parsed time and a
 * location with the method that produced it and a precision radius.
 */
export interface LocatedPost extends Post {
	/** created_at as epoch milliseconds. */
	t: number;
	method: LocateMethod;
	/** Location used for the map; absent when method is 'none'. */
	pos?: [lon: number, lat: number];
	/** Precision radius in metres of pos. */
	precision_m?: number;
	/** The gazetteer name the location came from (place tag or text), when not gps. */
	located_as?: string;
}

/** Stable key of a post: duplicates share it. */
export function postKey(p: Pick<Post, 'source' | 'id'>): string {
	return `${p.source}\u0000${p.id}`;
}
