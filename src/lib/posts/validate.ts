/**
 * Validation of one post against the posts NDJSON format of docs/formats.md.
 * Pure module: no UI, map, database or Node imports.
 *
 * Decisions beyond the table in formats.md (documented here because outside tools depend on it):
 * - "chars" are Unicode code points (an emoji counts once).
 * - `null` for an optional field means absent; `null` for a required field is an error.
 * - Unknown fields are accepted and dropped; the returned post holds only the format's fields.
 *   Unknown keys inside `engagement` are dropped too.
 * - Strings are kept exactly as written (no trimming, no control-character stripping; hostile
 *   text is the renderer's concern), except that a string containing U+0000 (PostgreSQL text
 *   cannot store it) or a lone UTF-16 surrogate (not Unicode, cannot be written as UTF-8) is
 *   rejected, in any field.
 * - created_at: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM` (upper-case T and
 *   Z, extended format only: `+0200` and a space instead of `T` are rejected), and it must be a
 *   real calendar date and time (no 2012-02-30, no 24:00, no leap second).
 * - lon/lat: finite JSON numbers (a string "52" is rejected; 1e999 parses to Infinity and is
 *   rejected), lon in -180..180, lat in -90..90, both or neither. -0 is stored as 0.
 * - lang: a well-formed BCP 47 tag by the RFC 5646 syntax (e.g. "nl", "nl-NL", "zh-Hant-TW",
 *   "und", "x-private"); "nl_NL" is rejected.
 * - engagement: a JSON object; likes/reposts/replies, when present and not null, are
 *   non-negative safe integers.
 * - place, reply_to, repost_of, url: any string (also empty). url is NOT checked to be http(s):
 *   whoever renders it as a link must check the scheme.
 */

import { SOURCES, type Engagement, type Post, type Source } from './post';

export type ValidationResult = { ok: true; post: Post } | { ok: false; reason: string };

export const MAX_ID_CHARS = 200;
export const MAX_AUTHOR_CHARS = 200;
export const MAX_TEXT_CHARS = 10_000;

const SOURCE_SET: ReadonlySet<string> = new Set(SOURCES);

const ISO_RE =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** RFC 5646 "langtag" or private use; grandfathered irregular tags are not accepted. */
const BCP47_RE =
	/^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[0-9a-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+)$/i;

const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function typeName(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	return typeof v;
}

/** Whether `s` has more than `limit` Unicode code points (stops counting early). */
function longerThan(s: string, limit: number): boolean {
	if (s.length <= limit) return false; // code points <= UTF-16 units
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			const d = s.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) i++;
		}
		if (++n > limit) return true;
	}
	return false;
}

/** Problem with the characters of a string, or null. */
function badChars(s: string): string | null {
	if (s.indexOf('\u0000') !== -1) return 'contains NUL (U+0000)';
	if (LONE_SURROGATE_RE.test(s)) return 'contains a lone surrogate (not valid Unicode)';
	return null;
}

function quote(s: string): string {
	const cut = s.length > 40 ? s.slice(0, 40) + '…' : s;
	return `'${cut}'`;
}

function fmt(n: number): string {
	return n.toLocaleString('en-US');
}

function daysInMonth(y: number, m: number): number {
	if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
	return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Reason why `s` is not an accepted created_at, or null when it is. */
export function checkTimestamp(s: string): string | null {
	const m = ISO_RE.exec(s);
	if (!m) return 'not ISO 8601 with offset or Z (e.g. 2012-09-21T20:00:00+02:00)';
	const y = +m[1];
	const mo = +m[2];
	const d = +m[3];
	if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
		return `not a real calendar date (${m[1]}-${m[2]}-${m[3]})`;
	if (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59))
		return 'not a real time of day (hours 00–23, minutes and seconds 00–59)';
	if (m[7] !== undefined && (+m[7] > 23 || +m[8] > 59)) return 'offset out of range';
	if (!Number.isFinite(Date.parse(s))) return 'not a parseable date';
	return null;
}

/** Whether `s` is a well-formed BCP 47 language tag. */
export function isLanguageTag(s: string): boolean {
	return s.length <= 64 && BCP47_RE.test(s);
}

function checkString(
	o: Record<string, unknown>,
	key: string,
	required: boolean,
	min = 0,
	max = Infinity
): { reason: string } | { value: string | undefined } {
	const v = o[key];
	if (v === undefined || (v === null && !required)) {
		return required ? { reason: `${key}: missing (required)` } : { value: undefined };
	}
	if (typeof v !== 'string') return { reason: `${key}: expected a string, got ${typeName(v)}` };
	if (v.length < min) return { reason: `${key}: empty (at least ${min} character required)` };
	if (longerThan(v, max)) return { reason: `${key}: longer than ${fmt(max)} characters` };
	const bad = badChars(v);
	if (bad) return { reason: `${key}: ${bad}` };
	return { value: v };
}

function checkCoord(
	o: Record<string, unknown>,
	key: 'lon' | 'lat',
	limit: number
): { reason: string } | { value: number | undefined } {
	const v = o[key];
	if (v === undefined || v === null) return { value: undefined };
	if (typeof v !== 'number') return { reason: `${key}: expected a number, got ${typeName(v)}` };
	if (!Number.isFinite(v)) return { reason: `${key}: not a finite number` };
	if (v < -limit || v > limit) return { reason: `${key}: out of range -${limit}..${limit}` };
	return { value: v === 0 ? 0 : v };
}

const ENGAGEMENT_KEYS = ['likes', 'reposts', 'replies'] as const;

/**
 * Check one parsed JSON value against the posts format. On success the returned post holds
 * only the format's fields, in the format's order, with absent/null optional fields omitted.
 */
export function validatePost(value: unknown): ValidationResult {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return { ok: false, reason: 'expected a JSON object' };
	const o = value as Record<string, unknown>;

	const id = checkString(o, 'id', true, 1, MAX_ID_CHARS);
	if ('reason' in id) return { ok: false, reason: id.reason };

	const src = o.source;
	if (src === undefined) return { ok: false, reason: 'source: missing (required)' };
	if (typeof src !== 'string')
		return { ok: false, reason: `source: expected a string, got ${typeName(src)}` };
	if (!SOURCE_SET.has(src))
		return {
			ok: false,
			reason: `source: ${quote(src)} is not one of ${SOURCES.join(', ')}`
		};

	const author = checkString(o, 'author', true, 1, MAX_AUTHOR_CHARS);
	if ('reason' in author) return { ok: false, reason: author.reason };

	const ca = o.created_at;
	if (ca === undefined) return { ok: false, reason: 'created_at: missing (required)' };
	if (typeof ca !== 'string')
		return { ok: false, reason: `created_at: expected a string, got ${typeName(ca)}` };
	const tsProblem = checkTimestamp(ca);
	if (tsProblem) return { ok: false, reason: `created_at: ${tsProblem}` };

	const text = checkString(o, 'text', true, 0, MAX_TEXT_CHARS);
	if ('reason' in text) return { ok: false, reason: text.reason };

	const lon = checkCoord(o, 'lon', 180);
	if ('reason' in lon) return { ok: false, reason: lon.reason };
	const lat = checkCoord(o, 'lat', 90);
	if ('reason' in lat) return { ok: false, reason: lat.reason };
	if ((lon.value === undefined) !== (lat.value === undefined))
		return {
			ok: false,
			reason: `lon/lat: both or neither (${lon.value === undefined ? 'lat without lon' : 'lon without lat'})`
		};

	const place = checkString(o, 'place', false);
	if ('reason' in place) return { ok: false, reason: place.reason };
	const lang = checkString(o, 'lang', false);
	if ('reason' in lang) return { ok: false, reason: lang.reason };
	if (lang.value !== undefined && !isLanguageTag(lang.value))
		return {
			ok: false,
			reason: `lang: ${quote(lang.value)} is not a BCP 47 language tag (e.g. "nl", "en-GB")`
		};
	const replyTo = checkString(o, 'reply_to', false);
	if ('reason' in replyTo) return { ok: false, reason: replyTo.reason };
	const repostOf = checkString(o, 'repost_of', false);
	if ('reason' in repostOf) return { ok: false, reason: repostOf.reason };
	const url = checkString(o, 'url', false);
	if ('reason' in url) return { ok: false, reason: url.reason };

	let engagement: Engagement | undefined;
	const e = o.engagement;
	if (e !== undefined && e !== null) {
		if (typeof e !== 'object' || Array.isArray(e))
			return { ok: false, reason: `engagement: expected an object, got ${typeName(e)}` };
		engagement = {};
		for (const k of ENGAGEMENT_KEYS) {
			const n = (e as Record<string, unknown>)[k];
			if (n === undefined || n === null) continue;
			if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
				return {
					ok: false,
					reason: `engagement.${k}: expected a non-negative integer, got ${
						typeof n === 'number' ? String(n) : typeName(n)
					}`
				};
			engagement[k] = n === 0 ? 0 : n;
		}
	}

	const post: Post = {
		id: id.value as string,
		source: src as Source,
		author: author.value as string,
		created_at: ca,
		text: text.value as string
	};
	if (lon.value !== undefined && lat.value !== undefined) {
		post.lon = lon.value;
		post.lat = lat.value;
	}
	if (place.value !== undefined) post.place = place.value;
	if (lang.value !== undefined) post.lang = lang.value;
	if (replyTo.value !== undefined) post.reply_to = replyTo.value;
	if (repostOf.value !== undefined) post.repost_of = repostOf.value;
	if (url.value !== undefined) post.url = url.value;
	if (engagement !== undefined) post.engagement = engagement;
	return { ok: true, post };
}
