import { env as priv } from '$env/dynamic/private';
import { env as pub } from '$env/dynamic/public';
import { readPostsNdjson } from '$lib/posts/ndjson';
import { createLocateHandler, supabaseUserCheck, type UserCheck } from '$lib/server/locate-api';
import { locatePosts } from '$lib/server/scenarios';
import type { RequestHandler } from './$types';

let handler: ((r: Request) => Promise<Response>) | null = null;

/** The configured Supabase's auth (a project wins over the embedded stack, as in /api/config). */
function verifier(): (token: string) => Promise<UserCheck> {
	const url = pub.PUBLIC_SUPABASE_URL || priv.UITKIJK_EMBEDDED_SUPABASE_URL;
	const anon = pub.PUBLIC_SUPABASE_URL
		? pub.PUBLIC_SUPABASE_ANON_KEY
		: priv.UITKIJK_EMBEDDED_ANON_KEY;
	if (!url || !anon) return async () => 'unavailable';
	return supabaseUserCheck(url, anon);
}

/**
 * Validate and locate a posts NDJSON file that a signed-in user opened on the map (nothing is
 * stored); the contract is in src/lib/server/locate-api.ts.
 */
export const POST: RequestHandler = ({ request }) => {
	handler ??= createLocateHandler({
		verifyUser: verifier(),
		async locate(text) {
			const { posts, errors, duplicates, lines } = readPostsNdjson(text);
			return { posts: await locatePosts(posts), errors, duplicates, lines };
		}
	});
	return handler(request);
};
