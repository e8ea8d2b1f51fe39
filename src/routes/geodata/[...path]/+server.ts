import { geodataAvailable, geodataDir } from '$lib/server/config';
import { serveFile } from '$lib/server/static-files';
import type { RequestHandler } from './$types';

/** The offline geodata directory, read in place (fonts, boundaries, street tiles). */
export const GET: RequestHandler = ({ params, request }) => {
	if (!geodataAvailable()) {
		return new Response('geodata directory not available', { status: 404 });
	}
	return serveFile(geodataDir(), params.path, request);
};

export const HEAD = GET;
