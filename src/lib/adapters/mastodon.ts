/**
 * Mastodon through its streaming API: one event in, one AdapterResult out. Pure module: no UI,
 * map, database or Node imports.
 *
 * What this relies on (docs.joinmastodon.org, from the mastodon/documentation repository; no
 * network was available when it was written, and the fixtures in tests/fixtures/adapters/ are
 * hand-written to the same pages; tests/unit/adapters-wire runs it over real recordings of
 * Mastodon and Akkoma servers in ../shared/fixtures/wire):
 * - methods/streaming: `GET /api/v1/streaming/public` as server-sent events, `event: <name>` and
 *   `data: <payload>` with heartbeat comments such as `:thump`; events `update` (a Status as
 *   JSON), `delete` (the id of the deleted status, not JSON), `status.update` (an edited Status,
 *   since 3.5), `notification`, `filters_changed`, `conversation`, `announcement*`; since 4.2 a
 *   user token (`Authorization: Bearer <token>`) is required. The WebSocket form,
 *   `wss://<instance>/api/v1/streaming?stream=public`, sends
 *   `{"stream":["public"],"event":"update","payload":"<Status JSON as a string>"}`, with the
 *   payload a plain id string for `delete` and absent for `filters_changed`; an error is
 *   `{"error":"…","status":400}`.
 * - entities/Status: id (a string, local to the instance that serves the API), uri (the
 *   ActivityPub id, the same on every instance), url, created_at, content (HTML), spoiler_text
 *   (plain text), sensitive, visibility, language (ISO 639 or null), in_reply_to_id (local id),
 *   reblog (the boosted Status, or null), account {acct, url, …}, favourites_count,
 *   reblogs_count, replies_count.
 *
 * Mapping to the posts format of docs/formats.md:
 *   id         status.uri: globally unique, so the same status streamed by two instances is one
 *              post (`<instance>/<id>` only when the uri is missing or over 200 characters)
 *   author     account.acct, qualified for local accounts with the host of account.url (else the
 *              instance option): "user@instance"
 *   created_at status.created_at
 *   text       the plain text of content (html.ts), after the spoiler text (content warning) and
 *              a blank line when there is one: the reader sees the warning first
 *   lang       status.language when it is a BCP 47 tag
 *   reply_to   the uri of the status answered, when the caller has seen it (resolveStatusId);
 *              otherwise `<instance>/<in_reply_to_id>` (in_reply_to_id is local to the instance
 *              that streams, so it is qualified with it, the instance option or, for a local
 *              account, its host; it is then not an id of this source)
 *   repost_of  for a boost, the boosted status's id (as `id` above); for a quote post, the quoted
 *              status's (Mastodon's `quote.quoted_status`, Akkoma's `quote`, Pleroma's
 *              `pleroma.quote`, or their local `quote_id` / `quoted_status_id` resolved like
 *              reply_to), as a Bluesky quote post gets the quoted post's at:// URI. A quote keeps its
 *              own text, including the "RE: <link>" line Mastodon puts in content for clients
 *              without quotes: it is what those clients show, and no text is dropped.
 *   url        status.url, else status.uri
 *   engagement {likes: favourites_count, reposts: reblogs_count, replies: replies_count}
 * A boost is a post of the booster (id, author and created_at of the boost) whose text, language
 * and url are those of the boosted status: the boost spreads that text, which is what the
 * classification and the locating need to see; repost_of says it is a share. Its engagement is the
 * boost's own counts, not the original's, so those are not counted twice.
 * `sensitive` has no field in the format and is dropped. Statuses whose visibility is private,
 * direct or limited are skipped: only public posts are ingested.
 */
import { isLanguageTag } from '../posts/validate';
import type { Engagement, Post } from '../posts/post';
import { htmlToText } from './html';
import { checked, clip, fail, isObject, skip, type AdapterResult } from './types';

export interface MastodonOptions {
	/**
	 * Host of the instance whose stream this is ("mastodon.social"): qualifies local status ids
	 * (in_reply_to_id, and id when uri is missing). Without it, reply_to is only set when
	 * resolveStatusId knows the answered status.
	 */
	instance?: string;
	/** The post id (uri) of a status by its id on the streaming instance, if seen before. */
	resolveStatusId?: (localId: string) => string | undefined;
	/** Told the local id and the post id of every status that became a post (for resolveStatusId). */
	onStatus?: (localId: string, postId: string) => void;
}

/** Events that never carry a public post. */
const NOT_POSTS: Record<string, string> = {
	notification: 'notification (not a public post)',
	filters_changed: 'filters_changed (not a post)',
	conversation: 'conversation (a direct message, not a public post)',
	announcement: 'announcement of the instance (not a post)',
	'announcement.reaction': 'announcement.reaction (not a post)',
	'announcement.delete': 'announcement.delete (not a post)',
	encrypted_message: 'encrypted_message (not a post)',
	notifications_merged: 'notifications_merged (not a post)'
};

const NOT_PUBLIC = new Set(['private', 'direct', 'limited']);

/** One server-sent event of `/api/v1/streaming/...` (the `event:` name and the `data:` text). */
export function parseMastodonEvent(
	event: string,
	data: string,
	opts: MastodonOptions = {}
): AdapterResult {
	if (event === 'update') {
		let status: unknown;
		try {
			status = JSON.parse(data);
		} catch (e) {
			return fail(`update: invalid JSON: ${clip((e as Error).message, 80)}`);
		}
		return parseMastodonStatus(status, opts);
	}
	if (event === 'delete') return skip(`delete of status ${clip(data.trim(), 40)}`);
	if (event === 'status.update') {
		// The posts format has no edits: the first version was ingested under this id.
		let id = '';
		try {
			const s = JSON.parse(data) as unknown;
			if (isObject(s) && typeof s.id === 'string') id = ` ${clip(s.id, 40)}`;
		} catch {
			// the reason says enough without the id
		}
		return skip(`status.update: edit of status${id} (edits are not ingested)`);
	}
	if (Object.hasOwn(NOT_POSTS, event)) return skip(NOT_POSTS[event]);
	return skip(`unknown event '${clip(event, 40)}'`);
}

/** One message of the WebSocket form (`/api/v1/streaming?stream=public`). */
export function parseMastodonWs(message: string, opts: MastodonOptions = {}): AdapterResult {
	let m: unknown;
	try {
		m = JSON.parse(message);
	} catch (e) {
		return fail(`invalid JSON: ${clip((e as Error).message, 80)}`);
	}
	if (!isObject(m)) return fail('message is not a JSON object');
	if (m.error !== undefined)
		return fail(
			`server error: ${clip(String(m.error), 80)}${typeof m.status === 'number' ? ` (${m.status})` : ''}`
		);
	if (typeof m.event !== 'string') return fail('event: missing or not a string');
	const p = m.payload;
	if (m.event === 'update' && isObject(p)) return parseMastodonStatus(p, opts);
	if (p !== undefined && typeof p !== 'string')
		return fail(`payload of ${clip(m.event, 40)}: expected a string`);
	return parseMastodonEvent(m.event, p ?? '', opts);
}

function hostOf(u: unknown): string | undefined {
	if (typeof u !== 'string') return undefined;
	try {
		const h = new URL(u).host;
		return h || undefined;
	} catch {
		return undefined;
	}
}

function count(v: unknown): number | undefined {
	return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

/**
 * The post id a Status was given here (see `id` in the mapping above): its uri, else its id on
 * the streaming instance.
 */
function statusRef(st: Record<string, unknown>, instance: string | undefined): string | undefined {
	if (typeof st.uri === 'string' && st.uri !== '' && st.uri.length <= 200) return st.uri;
	if (typeof st.id === 'string' && st.id !== '' && instance) return `${instance}/${st.id}`;
	return undefined;
}

/** The post id of a status known only by its id on the streaming instance. */
function localRef(
	id: unknown,
	instance: string | undefined,
	opts: MastodonOptions
): string | undefined {
	if (typeof id !== 'string' || id === '') return undefined;
	return opts.resolveStatusId?.(id) ?? (instance ? `${instance}/${id}` : undefined);
}

/**
 * The post id of the status a quote post quotes, in the forms servers send:
 * - Mastodon 4.4+: `quote: {state, quoted_status: Status | null}` (Quote), or
 *   `{state, quoted_status_id}` (ShallowQuote, for a quote nested in a quote);
 * - Akkoma: `quote` is the quoted Status itself, `quote_id` its id on the instance;
 * - Pleroma: `pleroma.quote` and `pleroma.quote_id`, the same two.
 * Whatever the quote's state (pending, revoked, …): the author shared that post. A quote whose
 * status the server withholds (quoted_status null, no id) gives none.
 */
function quotedRef(
	s: Record<string, unknown>,
	instance: string | undefined,
	opts: MastodonOptions
): string | undefined {
	const pleroma = isObject(s.pleroma) ? s.pleroma : {};
	for (const q of [s.quote, pleroma.quote]) {
		if (!isObject(q)) continue;
		if (q.state !== undefined && q.account === undefined) {
			// Mastodon's Quote / ShallowQuote.
			if (isObject(q.quoted_status)) return statusRef(q.quoted_status, instance);
			return localRef(q.quoted_status_id, instance, opts);
		}
		const ref = statusRef(q, instance);
		if (ref !== undefined) return ref;
	}
	return localRef(s.quote_id, instance, opts) ?? localRef(pleroma.quote_id, instance, opts);
}

/** A parsed Status (as in an `update` event). */
export function parseMastodonStatus(status: unknown, opts: MastodonOptions = {}): AdapterResult {
	const s = status;
	if (!isObject(s)) return fail('status is not a JSON object');
	if (typeof s.id !== 'string' || s.id === '') return fail('status.id: missing or not a string');
	if (typeof s.visibility === 'string' && NOT_PUBLIC.has(s.visibility))
		return skip(`status ${clip(s.id, 40)} is ${s.visibility}, not public`);
	const account = s.account;
	if (!isObject(account) || typeof account.acct !== 'string' || account.acct === '')
		return fail('status.account.acct: missing');
	let author = account.acct;
	const local = !author.includes('@');
	// The streaming instance, which local ids belong to.
	const instance = opts.instance || (local ? hostOf(account.url) : undefined);
	if (local) {
		const host = hostOf(account.url) || opts.instance;
		if (!host) return fail('status.account: a local acct without the instance it is on');
		author = `${author}@${host}`;
	}
	let id: string;
	if (typeof s.uri === 'string' && s.uri !== '' && s.uri.length <= 200) id = s.uri;
	else if (instance) id = `${instance}/${s.id}`;
	else return fail('status.uri: missing, and no instance to qualify the status id with');
	if (typeof s.created_at !== 'string') return fail('status.created_at: missing');

	const boost = isObject(s.reblog) ? s.reblog : undefined;
	const shown = boost ?? s;
	if (typeof shown.content !== 'string')
		return fail(`${boost ? 'status.reblog.content' : 'status.content'}: missing or not a string`);
	const body = htmlToText(shown.content);
	const spoiler = typeof shown.spoiler_text === 'string' ? shown.spoiler_text.trim() : '';
	const text = spoiler && body ? `${spoiler}\n\n${body}` : spoiler || body;

	const post: Post = {
		id,
		source: 'mastodon',
		author,
		created_at: s.created_at,
		text
	};
	if (typeof shown.language === 'string' && isLanguageTag(shown.language))
		post.lang = shown.language;
	if (!boost) {
		const answered = localRef(s.in_reply_to_id, instance, opts);
		if (answered !== undefined) post.reply_to = answered;
	}
	if (boost) {
		const ref = statusRef(boost, instance);
		if (ref === undefined) return fail('status.reblog: neither uri nor id');
		post.repost_of = ref;
	} else {
		const quoted = quotedRef(s, instance, opts);
		if (quoted !== undefined) post.repost_of = quoted;
	}
	const url =
		typeof shown.url === 'string' && shown.url !== ''
			? shown.url
			: typeof shown.uri === 'string'
				? shown.uri
				: undefined;
	if (url !== undefined) post.url = url;
	const engagement: Engagement = {};
	const likes = count(s.favourites_count);
	const reposts = count(s.reblogs_count);
	const replies = count(s.replies_count);
	if (likes !== undefined) engagement.likes = likes;
	if (reposts !== undefined) engagement.reposts = reposts;
	if (replies !== undefined) engagement.replies = replies;
	if (Object.keys(engagement).length) post.engagement = engagement;
	const r = checked(post);
	if (r.kind === 'post') opts.onStatus?.(s.id, r.post.id);
	return r;
}
