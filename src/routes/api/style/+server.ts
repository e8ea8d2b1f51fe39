import { json } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { geodataAvailable, geodataDir } from '$lib/server/config';
import { fallbackStyle, geodataStyle, type StyleJson } from '$lib/map/style';
import type { RequestHandler } from './$types';

/** The basemap style, with absolute URLs into /geodata/ (MapLibre needs absolute glyph URLs). */
export const GET: RequestHandler = async ({ url }) => {
	if (!geodataAvailable()) return json(fallbackStyle());
	let streets: StyleJson | undefined;
	try {
		streets = JSON.parse(await readFile(join(geodataDir(), 'streets/style-dark.json'), 'utf8'));
	} catch {
		streets = undefined; // no street tiles in this geodata directory: boundaries and labels only
	}
	return json(geodataStyle(`${url.origin}/geodata/`, streets));
};
