/**
 * Redaction of dead letters (issue 10): `raw_redacted`, what analysts see of a rejected line, must
 * not name an account anywhere in it. The raw line is kept apart (`raw`, a prosecutor's, through
 * reveal_reject(), audit-logged).
 *
 * A line that is JSON (an object, an array, any value) is redacted field by field, at any depth:
 *   - a top-level `author` string with a string `source` becomes its pseudonym (the author_ref
 *     the post would have had, so it can be matched with stored posts); any other `author` value
 *     is removed;
 *   - a field whose name is, or has as a `_`-separated part, one of screen_name, username,
 *     user_name, acct, handle, did, display_name, nickname, author, user, account, owner, actor,
 *     creator, profile, mentions (so also `user.*`, `account.*`, `in_reply_to_screen_name`,
 *     `in_reply_to_account_id`, `user_mentions`) is removed whole (value "[verwijderd]");
 *   - id, uri, url, reply_to, repost_of and any other string that names an account (refs.ts:
 *     namesAccount; any URL when the source is bluesky, mastodon or unknown) become the token the
 *     post's reference would have had (`ref:…`), so a rejected line can be matched with a stored
 *     post without the raw value;
 *   - every other string, and every key, has at:// URIs, DIDs, account URLs, @handles and
 *     user@host addresses removed by pattern (refs.ts: redactText), and the names found in the
 *     account fields (a username, the parts of an acct, a screen name, the author) wherever
 *     they occur (`@<span>alice</span>` in Mastodon's HTML).
 * A line that is not JSON (invalid JSON, a CSV record that could not be read, invalid UTF-8) is
 * redacted by pattern as a whole. What no pattern can tell from other words (a bare "alice" in an
 * unreadable CSV record) stays: a CSV record the reader could split is redacted as an object
 * (its author column by name).
 *
 * Pure module: the keyed hash is passed in.
 */
import { namesAccount, redactText, refToken } from './refs';
import type { Pseudonymise } from './rows';

export const REDACTED = '[verwijderd]';

const ACCOUNT_KEY =
	/(?:^|_)(?:screen_?name|user_?name|acct|handle|did|display_?name|nick_?name|login|author|user|users|account|accounts|owner|actor|creator|profile|mentions?)(?:_|$)/i;
/** Fields whose strings are names of an account (collected to be removed elsewhere). */
const NAME_KEY =
	/(?:^|_)(?:screen_?name|user_?name|acct|handle|did|nick_?name|author|login)(?:_|$)/i;
const REF_KEY = /^(?:id|uri|url|href|link|reply_to|repost_of|in_reply_to|parent|root|cid)$/i;
const MAX_DEPTH = 32;

/** A JSON value with what names an account removed. */
export function redactValue(value: unknown, pseudonymise: Pseudonymise): unknown {
	const source =
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		typeof (value as Record<string, unknown>).source === 'string'
			? ((value as Record<string, unknown>).source as string)
			: undefined;
	// An unknown source is treated as the strictest (every URL names an account).
	const refSource = source ?? 'mastodon';

	// The names in the account fields (a username, the local part of an acct, a screen name)
	// are removed wherever else they occur: in HTML such as `@<span>alice</span>`, in a URL path.
	const names = new Set<string>();
	(function collect(v: unknown, account: boolean, depth: number): void {
		if (depth >= MAX_DEPTH) return;
		if (typeof v === 'string') {
			if (!account) return;
			for (const part of [v, ...v.split(/[@\s/:]+/)])
				if (part.length >= 3 && !/^\d+$/.test(part) && !/^https?$/i.test(part)) names.add(part);
			return;
		}
		if (v === null || typeof v !== 'object') return;
		if (Array.isArray(v)) {
			for (const x of v) collect(x, account, depth + 1);
			return;
		}
		for (const [k, x] of Object.entries(v as Record<string, unknown>))
			collect(x, account || NAME_KEY.test(k), depth + 1);
	})(value, false, 0);
	const namesRe = names.size
		? new RegExp(
				[...names]
					.sort((a, b) => b.length - a.length)
					.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
					.join('|'),
				'giu'
			)
		: null;

	function str(s: string, key: string | null): string {
		if (key !== null && REF_KEY.test(key) && namesAccount(refSource, s))
			return refToken(pseudonymise, refSource, s);
		if (namesAccount(refSource, s) && !/\s/.test(s)) return refToken(pseudonymise, refSource, s);
		const t = redactText(s, source);
		return namesRe ? t.replace(namesRe, REDACTED) : t;
	}

	function walk(v: unknown, key: string | null, depth: number): unknown {
		if (typeof v === 'string') return str(v, key);
		if (v === null || typeof v !== 'object') return v;
		if (depth >= MAX_DEPTH) return REDACTED;
		if (Array.isArray(v)) return v.map((x) => walk(x, key, depth + 1));
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
			const name = redactText(k);
			if (depth === 0 && k === 'author' && typeof x === 'string' && source !== undefined)
				out[name] = pseudonymise(source, x);
			else if (ACCOUNT_KEY.test(k)) out[name] = REDACTED;
			else out[name] = walk(x, k, depth + 1);
		}
		return out;
	}

	return walk(value, null, 0);
}

/**
 * `raw_redacted` of a dead letter: from the parsed value when there is one, else from the line
 * as received (parsed as JSON when it is, else redacted by pattern). Undefined when there is
 * neither. At most `max` characters.
 */
export function redactDeadLetter(
	raw: string | undefined,
	value: unknown,
	pseudonymise: Pseudonymise,
	max = 4096
): string | undefined {
	let v = value;
	if (v === undefined) {
		if (raw === undefined) return undefined;
		try {
			v = JSON.parse(raw);
		} catch {
			return redactText(raw).slice(0, max);
		}
	}
	let s: string;
	try {
		s = JSON.stringify(redactValue(v, pseudonymise)) ?? '';
	} catch {
		return undefined;
	}
	return s.slice(0, max);
}
