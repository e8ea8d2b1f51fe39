import { error, json } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { geodataAvailable, geodataDir } from '$lib/server/config';
import { fallbackStyle, geodataStyle, type StyleJson } from '$lib/map/style';
import type { RequestHandler } from './$types';

/**
 * The basemap style, with absolute URLs into /geodata/ (MapLibre needs absolute glyph URLs).
 * The browser passes its own origin (`?origin=`), since behind a proxy or on plain HTTP the
 * server cannot know the scheme and host the browser used.
 */
export const GET: RequestHandler = async ({ url }) => {
	const origin = url.searchParams.get('origin') ?? url.origin;
	if (!/^https?:\/\/[^/?#]+$/.test(origin)) {
		error(400, `origin: expected scheme://host[:port], got '${origin}'`);
	}
	if (!geodataAvailable()) return json(fallbackStyle());
	let streets: StyleJson | undefined;
	try {
		streets = JSON.parse(await readFile(join(geodataDir(), 'streets/style-dark.json'), 'utf8'));
	} catch {
		streets = undefined; // no street tiles in this geodata directory: boundaries and labels only
	}
	return json(geodataStyle(`${origin}/geodata/`, streets));
};
