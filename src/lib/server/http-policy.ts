/**
 * The SvelteKit side of the HTTP hardening (issue 10, items 6 and 8), used by
 * src/hooks.server.ts: the cross-site form check (SvelteKit's, minus POST /api/ingest) and the
 * security headers of the app's responses.
 */
import { cspHeader, SECURITY_HEADERS } from '../security-headers.js';

const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];

/** Routes authenticated by a bearer key (never by a cookie): a cross-site form cannot forge them. */
const KEY_AUTHENTICATED = new Set(['/api/ingest']);

/**
 * SvelteKit's CSRF check (a form-typed POST, PUT, PATCH or DELETE whose Origin is not this
 * origin), except for routes authenticated by a bearer key, so that a server may post
 * `text/plain` NDJSON to /api/ingest.
 */
export function crossSiteForm(request: Request, url: URL): boolean {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
	if (KEY_AUTHENTICATED.has(url.pathname)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	return request.headers.get('origin') !== url.origin;
}

/** Adds sources to a policy's connect-src (adds the directive when it has none). */
export function addConnectSources(csp: string, sources: string[]): string {
	if (sources.length === 0) return csp;
	const parts = csp
		.split(';')
		.map((p) => p.trim())
		.filter(Boolean);
	const i = parts.findIndex((p) => p.split(/\s+/)[0].toLowerCase() === 'connect-src');
	if (i < 0) return [...parts, `connect-src 'self' ${sources.join(' ')}`].join('; ');
	const have = new Set(parts[i].split(/\s+/));
	for (const s of sources) {
		if (have.has(s)) continue;
		have.add(s);
		parts[i] += ` ${s}`;
	}
	return parts.join('; ');
}

/**
 * The response with the security headers: a page's own CSP (SvelteKit's, with its nonce) gets
 * the extra connect sources; any other response gets the app's policy.
 */
export function withSecurityHeaders(response: Response, connect: string[]): Response {
	const apply = (h: Headers) => {
		const csp = h.get('content-security-policy');
		h.set('content-security-policy', csp ? addConnectSources(csp, connect) : cspHeader(connect));
		for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!h.has(k)) h.set(k, v);
	};
	try {
		apply(response.headers);
		return response;
	} catch {
		// Immutable headers (a response from fetch): copy it.
		const copy = new Response(response.body, response);
		apply(copy.headers);
		return copy;
	}
}
