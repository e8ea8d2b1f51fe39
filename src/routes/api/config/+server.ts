/**
 * GET /api/config: where the browser finds Supabase. A project configured through
 * PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY wins; otherwise the embedded stack of
 * scripts/server.ts (same origin as the app), whose anon key the server put in the environment.
 * `demo`: demo mode (UITKIJK_DEMO=1): the page offers the demo role picker; otherwise a sign-in
 * form for real accounts.
 */
import { json } from '@sveltejs/kit';
import { env as priv } from '$env/dynamic/private';
import { env as pub } from '$env/dynamic/public';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => {
	const headers = { 'cache-control': 'no-store' };
	const demo = priv.UITKIJK_DEMO === '1';
	if (pub.PUBLIC_SUPABASE_URL && pub.PUBLIC_SUPABASE_ANON_KEY) {
		return json(
			{
				supabaseUrl: pub.PUBLIC_SUPABASE_URL,
				anonKey: pub.PUBLIC_SUPABASE_ANON_KEY,
				embedded: false,
				demo
			},
			{ headers }
		);
	}
	if (priv.UITKIJK_EMBEDDED_ANON_KEY) {
		// Same origin as the page, so it also works behind a proxy or on another host name.
		return json(
			{
				supabaseUrl: url.origin,
				anonKey: priv.UITKIJK_EMBEDDED_ANON_KEY,
				embedded: true,
				demo
			},
			{ headers }
		);
	}
	return json(
		{
			supabaseUrl: null,
			anonKey: null,
			embedded: false,
			error:
				'No Supabase configured: run `npm start` (embedded database) or set PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY'
		},
		{ status: 503, headers }
	);
};
