import { env as priv } from '$env/dynamic/private';
import { env as pub } from '$env/dynamic/public';
import { json } from '@sveltejs/kit';
import { searchPlaces } from '$lib/geo/place-search';
import { supabaseUserCheck, type UserCheck } from '$lib/server/locate-api';
import { loadPlaces } from '$lib/server/scenarios';
import type { RequestHandler } from './$types';

let check: ((token: string) => Promise<UserCheck>) | null = null;

/** The configured Supabase's auth (a project wins over the embedded stack, as in /api/locate). */
function verifier(): (token: string) => Promise<UserCheck> {
	const url = pub.PUBLIC_SUPABASE_URL || priv.UITKIJK_EMBEDDED_SUPABASE_URL;
	const anon = pub.PUBLIC_SUPABASE_URL
		? pub.PUBLIC_SUPABASE_ANON_KEY
		: priv.UITKIJK_EMBEDDED_ANON_KEY;
	if (!url || !anon) return async () => 'unavailable';
	return supabaseUserCheck(url, anon);
}

/**
 * `GET /api/places?q=NAME` (signed-in users: `Authorization: Bearer <access token>`): at most 8
 * gazetteer places whose name matches, for placing a post by hand (src/lib/geo/place-search.ts).
 */
export const GET: RequestHandler = async ({ request, url }) => {
	const m = /^Bearer\s+(\S{1,8192})\s*$/i.exec(request.headers.get('authorization') ?? '');
	if (!m) return json({ error: 'sign in first' }, { status: 401 });
	check ??= verifier();
	const who = await check(m[1]).catch((): UserCheck => 'unavailable');
	if (who === 'invalid') return json({ error: 'invalid token' }, { status: 401 });
	if (who === 'unavailable') return json({ error: 'auth unavailable' }, { status: 503 });
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const { places } = await loadPlaces();
	return json({ places: searchPlaces(places, q) }, { headers: { 'cache-control': 'no-store' } });
};
