import { error, json } from '@sveltejs/kit';
import { readPostsNdjson } from '$lib/posts/ndjson';
import { locatePosts } from '$lib/server/scenarios';
import type { RequestHandler } from './$types';

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Validate and locate a posts NDJSON file that a user opened on the map (nothing is stored).
 * Answers the located valid posts and, per rejected line, its number and reason.
 */
export const POST: RequestHandler = async ({ request }) => {
	const length = Number(request.headers.get('content-length') ?? '0');
	if (length > MAX_BYTES) error(413, `file larger than ${MAX_BYTES / 1024 / 1024} MiB`);
	const text = await request.text();
	if (text.length > MAX_BYTES) error(413, `file larger than ${MAX_BYTES / 1024 / 1024} MiB`);
	const { posts, errors, duplicates, lines } = readPostsNdjson(text);
	return json({ posts: await locatePosts(posts), errors, duplicates, lines });
};
