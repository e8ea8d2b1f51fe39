/**
 * Links that a client or server shortened for display. Pure module: no UI, map, database or Node
 * imports.
 */

const ELLIPSIS_RE = /(?:\.\.\.|…)$/;

/**
 * Whether `shown` is a shortened display form of the http(s) link `uri`: a prefix of it (with or
 * without the scheme and "www."), at least 4 characters before an optional "..." or "…", and not
 * the link itself. With `needEllipsis`, only a form that ends in "..." or "…" counts (so a link
 * whose text is just its domain keeps that text).
 */
export function isShortenedLink(shown: string, uri: string, needEllipsis = false): boolean {
	if (shown === uri || !/^https?:\/\//i.test(uri)) return false;
	if (needEllipsis && !ELLIPSIS_RE.test(shown)) return false;
	const stem = shown.replace(ELLIPSIS_RE, '');
	if (stem.length < 4) return false;
	const bare = uri.replace(/^https?:\/\//i, '');
	return (
		bare.startsWith(stem) || bare.replace(/^www\./i, '').startsWith(stem) || uri.startsWith(stem)
	);
}
