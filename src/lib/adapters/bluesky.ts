/**
 * Bluesky through Jetstream: one Jetstream event (a JSON text frame of the WebSocket) in, one
 * AdapterResult out. Pure module: no UI, map, database or Node imports.
 *
 * What this relies on (no network was available when it was written; the fixtures in
 * tests/fixtures/adapters/ are hand-written to the same documents, and tests/unit/adapters-wire
 * runs it over real Jetstream recordings in ../shared/fixtures/wire):
 * - the Jetstream README (bluesky-social/jetstream, now bluesky-social/jetstream-legacy: the v1
 *   `/subscribe` endpoint): public instances such as `jetstream2.us-east.bsky.network`, the query
 *   parameters `wantedCollections`, `wantedDids` and `cursor`, cursors being "time-based (unix
 *   microseconds)", and events of the shape
 *     {"did": "did:plc:…", "time_us": 1725911162329308, "kind": "commit",
 *      "commit": {"rev": "…", "operation": "create", "collection": "app.bsky.feed.post",
 *                 "rkey": "3l3qo2vutsw2b", "record": {…}, "cid": "bafy…"}}
 *   with `kind` "identity" (`identity: {did, handle, seq, time}`) and "account"
 *   (`account: {active, did, seq, time, status?}`) too, and `operation` "update" and "delete"
 *   (a delete has no `record` and no `cid`). Identity and account events are sent whatever
 *   `wantedCollections` says. The pre-release form (2024: `type` "com"/"id"/"acc", `commit.type`
 *   "c"/"u"/"d") is read too, see `fromPreRelease`.
 * - the `app.bsky.feed.post` lexicon (bluesky-social/atproto, lexicons/app/bsky/feed/post.json):
 *   `text` (required), `createdAt` (required, datetime), `langs`, `reply: {root, parent}` with
 *   strong refs `{uri, cid}`, `embed` (`app.bsky.embed.record` / `recordWithMedia` for a quote)
 *   and `facets` (`index: {byteStart, byteEnd}` in UTF-8 bytes of `text`, `features` such as
 *   `app.bsky.richtext.facet#link` with `uri`).
 * - the atproto DID and record-key syntax (atproto.com/specs/did, /specs/record-key).
 *
 * Mapping to the posts format of docs/formats.md:
 *   id         the record's at:// URI, `at://<did>/app.bsky.feed.post/<rkey>` (unique network-wide;
 *              about 70 characters for did:plc)
 *   author     the DID (a commit event does not carry the handle)
 *   created_at record.createdAt, see `createdAt` below for when time_us is used instead
 *   text       record.text, with link facets whose text the client shortened ("example.com/pa...")
 *              put back to the full link the author posted (see `expandLinks`)
 *   lang       the first well-formed BCP 47 tag of record.langs
 *   reply_to   record.reply.parent.uri (an at:// URI: the id of that post in this source)
 *   repost_of  the quoted post's at:// URI for a quote post (embed app.bsky.embed.record or
 *              recordWithMedia). Plain reposts are app.bsky.feed.repost records: another
 *              collection, skipped.
 *   url        https://bsky.app/profile/<did>/post/<rkey>
 * Bluesky has no geotags and no place tags; new posts carry no engagement counts.
 */
import { checkTimestamp, isLanguageTag } from '../posts/validate';
import { isShortenedLink } from './links';
import { checked, clip, fail, isObject, skip, type AdapterResult } from './types';

/** The live Jetstream endpoint for posts (one of Bluesky's public instances). */
export const JETSTREAM_URL =
	'wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post';

export const POST_COLLECTION = 'app.bsky.feed.post';

/** atproto DID syntax (the spec also caps a DID at 2 KB; the posts format caps author at 200). */
const DID_RE = /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/;
/** atproto record key syntax: 1-512 characters, not "." or "..". */
const RKEY_RE = /^[A-Za-z0-9._:~-]{1,512}$/;

/**
 * How far createdAt may lie after the moment Jetstream saw the event. createdAt is set by the
 * client and can be anything; a post "from the future" would push the stream clock of the
 * detector ahead (alerts carry the created_at of the last post seen). Bluesky's own AppView
 * sorts by the earlier of createdAt and the time it indexed the record for the same reason.
 */
const MAX_FUTURE_US = 5 * 60 * 1_000_000;

/** The event's time_us (Jetstream's cursor), when it is a positive safe integer. */
export function jetstreamCursor(event: unknown): number | undefined {
	if (!isObject(event)) return undefined;
	const t = event.time_us;
	return typeof t === 'number' && Number.isSafeInteger(t) && t > 0 ? t : undefined;
}

/** Parse one Jetstream message (the text of one WebSocket frame). */
export function parseJetstream(message: string): AdapterResult {
	let value: unknown;
	try {
		value = JSON.parse(message);
	} catch (e) {
		return fail(`invalid JSON: ${clip((e as Error).message, 80)}`);
	}
	return parseJetstreamEvent(value);
}

/** The pre-release format's event types (`type`) and commit operations (`commit.type`). */
const PRE_KIND: Record<string, string> = { com: 'commit', id: 'identity', acc: 'account' };
const PRE_OP: Record<string, string> = { c: 'create', u: 'update', d: 'delete' };

/**
 * Jetstream before v1 (ericvolp12/jetstream, 2024) sent `"type": "com" | "id" | "acc"` for
 * `kind` and `commit.type` `"c" | "u" | "d"` for `commit.operation`, the rest as now. An event
 * in that form is read as the v1 event it stands for (a copy; the input is not changed).
 */
function fromPreRelease(event: Record<string, unknown>): Record<string, unknown> {
	if (event.kind !== undefined || typeof event.type !== 'string') return event;
	if (!Object.hasOwn(PRE_KIND, event.type)) return event;
	const out: Record<string, unknown> = { ...event, kind: PRE_KIND[event.type] };
	const c = event.commit;
	if (
		isObject(c) &&
		c.operation === undefined &&
		typeof c.type === 'string' &&
		Object.hasOwn(PRE_OP, c.type)
	)
		out.commit = { ...c, operation: PRE_OP[c.type] };
	return out;
}

/** Map one parsed Jetstream event (v1, or the pre-release form, see `fromPreRelease`). */
export function parseJetstreamEvent(input: unknown): AdapterResult {
	if (!isObject(input)) return fail('event is not a JSON object');
	const event = fromPreRelease(input);
	const kind = event.kind;
	if (typeof kind !== 'string') return fail('kind: missing or not a string');
	const did = event.did;
	if (typeof did !== 'string' || !DID_RE.test(did))
		return fail(`did: missing or not a DID (${typeof did === 'string' ? clip(did) : typeof did})`);
	if (kind === 'identity' || kind === 'account') return skip(`${kind} event of ${did}`);
	if (kind !== 'commit') return skip(`unknown event kind '${clip(kind)}'`);

	const timeUs = jetstreamCursor(event);
	if (timeUs === undefined) return fail('time_us: missing or not a positive integer');
	const c = event.commit;
	if (!isObject(c)) return fail('commit: missing or not an object');
	const collection = c.collection;
	if (typeof collection !== 'string') return fail('commit.collection: missing');
	const op = c.operation;
	if (typeof op !== 'string') return fail('commit.operation: missing');
	const rkey = c.rkey;
	if (typeof rkey !== 'string' || !RKEY_RE.test(rkey) || rkey === '.' || rkey === '..')
		return fail('commit.rkey: missing or not a record key');
	const uri = `at://${did}/${collection}/${rkey}`;
	if (collection !== POST_COLLECTION) return skip(`${clip(collection)} record (not a post)`);
	if (op === 'delete') return skip(`delete of ${uri}`);
	// An edit: the posts format has no edits; the first version was ingested under this id.
	if (op === 'update') return skip(`update of ${uri} (edits are not ingested)`);
	if (op !== 'create') return skip(`unknown commit operation '${clip(op)}'`);

	const record = c.record;
	if (!isObject(record)) return fail(`commit.record: missing on create of ${uri}`);
	if (record.$type !== undefined && record.$type !== POST_COLLECTION)
		return fail(`commit.record.$type: expected ${POST_COLLECTION}`);
	if (typeof record.text !== 'string') return fail(`record.text: missing or not a string`);

	const post: Parameters<typeof checked>[0] = {
		id: uri,
		source: 'bluesky',
		author: did,
		created_at: createdAt(record.createdAt, timeUs),
		text: expandLinks(record.text, record.facets)
	};
	const lang = firstLanguage(record.langs);
	if (lang !== undefined) post.lang = lang;
	const reply = record.reply;
	if (isObject(reply) && isObject(reply.parent) && typeof reply.parent.uri === 'string')
		post.reply_to = reply.parent.uri;
	const quoted = quotedPost(record.embed);
	if (quoted !== undefined) post.repost_of = quoted;
	post.url = `https://bsky.app/profile/${did}/post/${rkey}`;
	return checked(post);
}

/**
 * record.createdAt when it is a valid timestamp of the posts format and not more than
 * MAX_FUTURE_US after time_us. Otherwise the fallback is time_us, the moment Jetstream saw the
 * commit: a post without createdAt (the lexicon requires it, but the network does not enforce
 * lexicons) or with a malformed or far-future one was still made, shortly before time_us.
 */
function createdAt(ca: unknown, timeUs: number): string {
	if (
		typeof ca === 'string' &&
		checkTimestamp(ca) === null &&
		Date.parse(ca) * 1000 <= timeUs + MAX_FUTURE_US
	)
		return ca;
	return new Date(Math.floor(timeUs / 1000)).toISOString();
}

function firstLanguage(langs: unknown): string | undefined {
	if (!Array.isArray(langs)) return undefined;
	for (const l of langs) if (typeof l === 'string' && isLanguageTag(l)) return l;
	return undefined;
}

function isPostUri(u: unknown): u is string {
	return typeof u === 'string' && u.startsWith('at://') && u.includes(`/${POST_COLLECTION}/`);
}

/** The at:// URI of the post a quote post embeds, if any. */
function quotedPost(embed: unknown): string | undefined {
	if (!isObject(embed)) return undefined;
	if (embed.$type === 'app.bsky.embed.record' && isObject(embed.record)) {
		return isPostUri(embed.record.uri) ? embed.record.uri : undefined;
	}
	if (
		embed.$type === 'app.bsky.embed.recordWithMedia' &&
		isObject(embed.record) &&
		isObject(embed.record.record)
	) {
		const u = embed.record.record.uri;
		return isPostUri(u) ? u : undefined;
	}
	return undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Whether byte offset `i` of `bytes` starts a UTF-8 character (or is the end). */
function onBoundary(bytes: Uint8Array, i: number): boolean {
	return i === bytes.length || (bytes[i] & 0xc0) !== 0x80;
}

/**
 * Put back links the client shortened for display. Bluesky clients write a long link into the
 * text as e.g. "t.me/joinchat/AbCdEf..." and keep the full link in a link facet over those bytes;
 * the text the author posted held the full link, and that link is what an analyst needs. A facet
 * is only used when its bytes are well-formed (integers, in range, on character boundaries, not
 * overlapping an earlier facet) and its text is a shortened form of its http(s) link (a prefix of
 * the link, with or without the scheme, ending in "..." or "…" or not), so a link with other
 * words as its text ("click here") keeps the words.
 */
export function expandLinks(text: string, facets: unknown): string {
	if (!Array.isArray(facets) || facets.length === 0) return text;
	const spans: { start: number; end: number; uri: string }[] = [];
	for (const f of facets) {
		if (!isObject(f) || !isObject(f.index) || !Array.isArray(f.features)) continue;
		const { byteStart, byteEnd } = f.index;
		if (!Number.isSafeInteger(byteStart) || !Number.isSafeInteger(byteEnd)) continue;
		const link = f.features.find(
			(x) => isObject(x) && x.$type === 'app.bsky.richtext.facet#link' && typeof x.uri === 'string'
		) as { uri: string } | undefined;
		if (!link || !/^https?:\/\//i.test(link.uri)) continue;
		spans.push({ start: byteStart as number, end: byteEnd as number, uri: link.uri });
	}
	if (spans.length === 0) return text;
	spans.sort((a, b) => a.start - b.start);
	const bytes = encoder.encode(text);
	let out = '';
	let at = 0;
	for (const s of spans) {
		if (s.start < at || s.end <= s.start || s.end > bytes.length) continue;
		if (!onBoundary(bytes, s.start) || !onBoundary(bytes, s.end)) continue;
		const shown = decoder.decode(bytes.subarray(s.start, s.end));
		if (!isShortenedLink(shown, s.uri)) continue;
		out += decoder.decode(bytes.subarray(at, s.start)) + s.uri;
		at = s.end;
	}
	if (at === 0) return text;
	return out + decoder.decode(bytes.subarray(at));
}
