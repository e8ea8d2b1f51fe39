/**
 * The security headers of every response (issue 10, item 8), in one place: svelte.config.js
 * gives the CSP directives to SvelteKit (`kit.csp`, which adds a nonce for its inline boot
 * script to the pages it renders), src/hooks.server.ts adds the runtime connect sources to
 * that, and the HTTP servers (src/stack/http.ts, also for the external-Supabase server of
 * scripts/server.ts) send the same policy, without a nonce, on every other response (static
 * assets, the analysis worker's script, JSON, geodata, the stack's API).
 *
 * Plain JavaScript: svelte.config.js is loaded by Node without a TypeScript loader.
 */

/**
 * What the map needs: its own scripts and module worker ('self'), MapLibre's worker from a
 * blob: URL, WebGL (no CSP directive), images and glyphs from the same origin or data:/blob:,
 * styles (MapLibre sets style attributes; app.html has an inline one), and connections to the
 * same origin (fetch, and the realtime WebSocket: ws(s) is added at run time with the
 * configured Supabase URL, see connectSources).
 * @type {Record<string, string[]>}
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self'],
	'worker-src': ['self', 'blob:'],
	'child-src': ['self', 'blob:'],
	'connect-src': ['self'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self', 'data:'],
	'style-src': ['self', 'unsafe-inline'],
	'object-src': ['none'],
	'base-uri': ['none'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

const KEYWORDS = new Set([
	'self',
	'none',
	'unsafe-inline',
	'unsafe-eval',
	'wasm-unsafe-eval',
	'strict-dynamic',
	'unsafe-hashes',
	'report-sample'
]);

/**
 * A policy as a header value (keywords quoted), with extra `connect-src` sources.
 * @param {string[]} [extraConnect]
 * @returns {string}
 */
export function cspHeader(extraConnect = []) {
	return Object.entries(CSP_DIRECTIVES)
		.map(([name, values]) => {
			const all = name === 'connect-src' ? [...values, ...extraConnect] : values;
			return [name, ...all.map((v) => (KEYWORDS.has(v) ? `'${v}'` : v))].join(' ');
		})
		.join('; ');
}

/**
 * The origins a page may connect to besides its own: an origin and its WebSocket twin
 * (http → ws, https → wss), for each URL given (ORIGIN, PUBLIC_SUPABASE_URL); invalid or
 * empty ones are skipped.
 * @param {(string | undefined | null)[]} urls
 * @returns {string[]}
 */
export function connectSources(urls) {
	/** @type {string[]} */
	const out = [];
	for (const raw of urls) {
		if (!raw) continue;
		let u;
		try {
			u = new URL(raw);
		} catch {
			continue;
		}
		if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
		const ws = `${u.protocol === 'https:' ? 'wss' : 'ws'}://${u.host}`;
		for (const s of [u.origin, ws]) if (!out.includes(s)) out.push(s);
	}
	return out;
}

/** Headers on every response besides the CSP. */
export const SECURITY_HEADERS = Object.freeze({
	'x-frame-options': 'DENY',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer'
});
