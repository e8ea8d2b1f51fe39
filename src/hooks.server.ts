import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { env as priv } from '$env/dynamic/private';
import { env as pub } from '$env/dynamic/public';
import { defaultScenario } from '$lib/server/config';
import { crossSiteForm, withSecurityHeaders } from '$lib/server/http-policy';
import { engine } from '$lib/server/scenarios';
import { connectSources } from '$lib/security-headers.js';

/** Warm the gazetteer and the default scenario at start, so the first map load is not the one to wait. */
export const init: ServerInit = async () => {
	const t0 = Date.now();
	engine(defaultScenario())
		.then(() =>
			console.log(`uitkijk: scenario ${defaultScenario()} ready in ${Date.now() - t0} ms`)
		)
		.catch((err) => console.error('uitkijk: scenario failed to load:', err));
};

/**
 * Every request of the app: SvelteKit's cross-site form check except for POST /api/ingest
 * (svelte.config.js), and the security headers; the page may connect to ORIGIN (the embedded
 * stack's URL when the browser uses another name for this server) and the configured Supabase.
 */
export const handle: Handle = async ({ event, resolve }) => {
	if (crossSiteForm(event.request, event.url)) {
		return new Response(`Cross-site ${event.request.method} form submissions are forbidden`, {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	const response = await resolve(event);
	return withSecurityHeaders(response, connectSources([priv.ORIGIN, pub.PUBLIC_SUPABASE_URL]));
};

/**
 * Unknown URLs are not errors worth a log line; other client errors get one line, unexpected
 * errors their stack. The path is hostile input: quoted.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message };
	const e = error as Error | undefined;
	const what = status >= 500 ? (e?.stack ?? String(error)) : (e?.message ?? message);
	console.error(
		`uitkijk: [${status}] ${event.request.method} ${JSON.stringify(event.url.pathname.slice(0, 200))}: ${what}`
	);
	return { message };
};
