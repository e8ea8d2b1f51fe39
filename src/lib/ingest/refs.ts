/**
 * Pseudonymous post references (issue 10): the id, url, reply_to and repost_of of a post can name
 * its author (`at://did:plc:…/app.bsky.feed.post/…`, `https://host/users/alice/statuses/…`,
 * `https://x.com/alice/status/…`). Posts are stored with these rewritten, the raw values apart
 * (public.post_refs, reachable by a prosecutor only, through reveal_post(), audit-logged).
 *
 * Which values are rewritten (`namesAccount`), for any source:
 *   - an `at://` URI (its authority is a DID or a handle);
 *   - anything containing a DID (`did:<method>:…`);
 *   - anything with `@` before a letter, digit or underscore (`@alice`, `alice@host`);
 *   - an http(s) URL whose path has a segment `users/<x>`, `@<x>` or `profile/<x>` (Mastodon,
 *     Akkoma, Misskey, TikTok, Bluesky's web app), or whose host is a social platform where a
 *     link to a post leads to its author (bsky.app, x.com, twitter.com, facebook.com, fb.com,
 *     instagram.com, tiktok.com, t.me, telegram.me, threads.net, snapchat.com, youtube.com,
 *     youtu.be, and their subdomains);
 *   - for sources `bluesky` and `mastodon`: every URL (`scheme://…`) and every `host/…` value
 *     (the Mastodon adapter's `<instance>/<status id>`, `localhost:3000/1`): the host is part of the account's name,
 *     and a single-user instance names its user.
 * An id, reply_to or repost_of that already has the token form is hashed again (so a sender
 * cannot claim a stored post's token). Everything else is kept: ids such as "x:1249003" or
 * "bsky:123", links to news sites.
 *
 * How: id, reply_to and repost_of become `ref:` and 32 hex characters, a keyed hash (the same
 * HMAC as the author pseudonyms, with its own domain: a NUL-prefixed input, which no handle can
 * have, since the posts format refuses U+0000) of source and value. The same value gives the same
 * token, so a reply's reply_to is its parent's id and a share's repost_of the shared post's id:
 * threads still link, and (source, id) de-duplication works on the token. A url that names an
 * account is withheld (no token: it would not be a link).
 *
 * Pure module: the keyed hash is passed in.
 */
import type { Pseudonymise } from './rows';

/** The form of a rewritten id, reply_to or repost_of. */
export const REF_TOKEN_RE = /^ref:[0-9a-f]{32}$/;

const PLATFORM_HOSTS =
	/^(?:[a-z0-9-]+\.)*(?:bsky\.app|x\.com|twitter\.com|facebook\.com|fb\.com|instagram\.com|tiktok\.com|t\.me|telegram\.me|threads\.net|snapchat\.com|youtube\.com|youtu\.be)$/i;
const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i;
const ACCOUNT_PATH = /(?:^|\/)(?:users\/[^/]|@[^/]|profile\/[^/])/i;
const DID_RE = /did:[a-z0-9]+:/i;
const AT_HANDLE_RE = /@[\p{L}\p{N}_]/u;
const HOST_PATH_RE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d+)?\//i;

/** Whether a reference (id, url, reply_to, repost_of) of a post of `source` names an account. */
export function namesAccount(source: string, value: string): boolean {
	if (/^at:\/\//i.test(value) || DID_RE.test(value) || AT_HANDLE_RE.test(value)) return true;
	const m = URL_RE.exec(value);
	if (m) {
		if (source === 'bluesky' || source === 'mastodon') return true;
		const scheme = m[1].toLowerCase();
		if (scheme !== 'http' && scheme !== 'https') return false;
		const host = m[2].replace(/^[^@]*@/, '').replace(/:\d+$/, '');
		return PLATFORM_HOSTS.test(host) || ACCOUNT_PATH.test(m[3]);
	}
	return (source === 'bluesky' || source === 'mastodon') && HOST_PATH_RE.test(value);
}

/** The token of a reference: `ref:` and 32 hex characters of a keyed hash. */
export function refToken(pseudonymise: Pseudonymise, source: string, value: string): string {
	const h = pseudonymise(source, `\u0000ref\u0000${value}`);
	return `ref:${h}`;
}

export interface PostRefs {
	id: string;
	url?: string;
	reply_to?: string;
	repost_of?: string;
}

/** The references as stored (`refs`) and the raw values that were rewritten (`raw`). */
export interface RewrittenRefs {
	refs: PostRefs;
	raw: { id?: string; url?: string; reply_to?: string; repost_of?: string };
}

/** Rewrite the references of a post that name an account; the others are kept. */
export function rewriteRefs(
	source: string,
	refs: PostRefs,
	pseudonymise: Pseudonymise
): RewrittenRefs {
	const out: PostRefs = { id: refs.id };
	const raw: RewrittenRefs['raw'] = {};
	// A value already in the token form is hashed too: a sender cannot take a stored post's
	// token as its own id (its post would make the real one a "duplicate").
	const rewrite = (v: string) => namesAccount(source, v) || REF_TOKEN_RE.test(v);
	if (rewrite(refs.id)) {
		out.id = refToken(pseudonymise, source, refs.id);
		raw.id = refs.id;
	}
	for (const f of ['reply_to', 'repost_of'] as const) {
		const v = refs[f];
		if (v === undefined) continue;
		if (rewrite(v)) {
			out[f] = refToken(pseudonymise, source, v);
			raw[f] = v;
		} else out[f] = v;
	}
	if (refs.url !== undefined) {
		if (namesAccount(source, refs.url)) raw.url = refs.url;
		else out.url = refs.url;
	}
	return { refs: out, raw };
}

const REDACTED = '[verwijderd]';

/**
 * Free text with what names an account removed: at:// URIs, DIDs, URLs that name an account
 * (see namesAccount; any URL when the source is bluesky or mastodon, or unknown), @handles and
 * user@host addresses. For dead letters that are not JSON, and for string values in them.
 */
export function redactText(text: string, source?: string): string {
	return text
		.replace(/\bat:\/\/[^\s"',;<>\\]*/gi, REDACTED)
		.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"',;<>\\]*/gi, (u) =>
			source === undefined || namesAccount(source, u) ? REDACTED : u
		)
		.replace(/\bdid:[a-z0-9]+:[^\s"',;<>\\]*/gi, REDACTED)
		.replace(/\/users\/[^\s/"',;<>\\]+/gi, `/users/${REDACTED}`)
		.replace(/[\p{L}\p{N}_.+-]*@[\p{L}\p{N}_][\p{L}\p{N}_.-]*/gu, REDACTED);
}
