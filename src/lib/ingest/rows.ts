/**
 * The ingest row: what the one insert path (`ingest_posts` in the database, docs/backend.md)
 * takes. Built from a located post here, so that the scenario feeder, the command line and the
 * ingest API compute the same H3 cells and the same pseudonym. Pure module: the keyed hash is
 * passed in (Node's HMAC on the server), h3-js does the cells. References that name an account
 * (id, url, reply_to, repost_of) are rewritten here (refs.ts), so every insert path stores them
 * pseudonymised.
 */
import { latLngToCell, cellToParent } from 'h3-js';
import type { LocatedPost, LocateMethod } from '../posts/post';
import { rewriteRefs } from './refs';

/** H3 resolutions stored with every located post: topic (5), heat (8), fine heat/corridors (10). */
export const H3_RESOLUTIONS = [5, 8, 10] as const;

export interface IngestRow {
	/** The post's id, a `ref:` token when the id names an account (refs.ts). */
	id: string;
	source: string;
	/** Pseudonym (keyed hash of source and handle); the raw handle only travels in `handle`. */
	author: string;
	/** Raw handle, stored apart in author_handles (prosecutor only). */
	handle: string;
	created_at: string;
	text: string;
	place?: string;
	lang?: string;
	/** reply_to, repost_of: tokens when they name an account; url: withheld then (refs.ts). */
	reply_to?: string;
	repost_of?: string;
	url?: string;
	/** The raw values that were rewritten or withheld: stored apart in post_refs (prosecutor
	 * only, through reveal_post()). */
	raw_id?: string;
	raw_url?: string;
	raw_reply_to?: string;
	raw_repost_of?: string;
	engagement?: { likes?: number; reposts?: number; replies?: number };
	method: LocateMethod;
	precision_m?: number;
	located_as?: string;
	x?: number;
	y?: number;
	h3_r5?: string;
	h3_r8?: string;
	h3_r10?: string;
	/** Classes found by the classifier (help, report, threat, gather). */
	classes?: string[];
}

/** A keyed hash of (source, handle), e.g. HMAC-SHA-256 with the deployment's pseudonym key. */
export type Pseudonymise = (source: string, handle: string) => string;

// Posts located by a place tag or a place name share the gazetteer's point: their cells are
// computed once (bounded cache, cleared when full).
const cellCache = new Map<string, [string, string, string]>();

/** H3 cells at resolutions 10, 8 and 5 of a position. */
export function cellsAt(x: number, y: number): [string, string, string] {
	const k = `${x},${y}`;
	let c = cellCache.get(k);
	if (!c) {
		const fine = latLngToCell(y, x, 10);
		c = [fine, cellToParent(fine, 8), cellToParent(fine, 5)];
		if (cellCache.size >= 100_000) cellCache.clear();
		cellCache.set(k, c);
	}
	return c;
}

/** The ingest row for one located post. */
export function ingestRow(p: Omit<LocatedPost, 't'>, pseudonymise: Pseudonymise): IngestRow {
	const { refs, raw } = rewriteRefs(
		p.source,
		{ id: p.id, url: p.url, reply_to: p.reply_to, repost_of: p.repost_of },
		pseudonymise
	);
	const row: IngestRow = {
		id: refs.id,
		source: p.source,
		author: pseudonymise(p.source, p.author),
		handle: p.author,
		created_at: p.created_at,
		text: p.text,
		method: p.method
	};
	if (p.place !== undefined) row.place = p.place;
	if (p.lang !== undefined) row.lang = p.lang;
	if (refs.reply_to !== undefined) row.reply_to = refs.reply_to;
	if (refs.repost_of !== undefined) row.repost_of = refs.repost_of;
	if (refs.url !== undefined) row.url = refs.url;
	if (raw.id !== undefined) row.raw_id = raw.id;
	if (raw.url !== undefined) row.raw_url = raw.url;
	if (raw.reply_to !== undefined) row.raw_reply_to = raw.reply_to;
	if (raw.repost_of !== undefined) row.raw_repost_of = raw.repost_of;
	if (p.engagement !== undefined) row.engagement = p.engagement;
	if (p.method !== 'none' && p.pos) {
		const [x, y] = p.pos;
		row.x = x;
		row.y = y;
		if (p.precision_m !== undefined) row.precision_m = p.precision_m;
		if (p.located_as !== undefined) row.located_as = p.located_as;
		const cells = cellsAt(x, y);
		row.h3_r10 = cells[0];
		row.h3_r8 = cells[1];
		row.h3_r5 = cells[2];
	}
	return row;
}

export function ingestRows(posts: LocatedPost[], pseudonymise: Pseudonymise): IngestRow[] {
	return posts.map((p) => ingestRow(p, pseudonymise));
}
