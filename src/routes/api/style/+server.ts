import { error, json } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { geodataAvailable, geodataDir } from '$lib/server/config';
import {
	COUNTRIES_PATH,
	fallbackStyle,
	geodataStyle,
	withoutEmptyPolygons,
	type StyleJson
} from '$lib/map/style';
import type { RequestHandler } from './$types';

/** The neighbouring countries without empty polygons, read once (undefined: use the file). */
let countries: Promise<object | undefined> | undefined;
function cleanCountries(): Promise<object | undefined> {
	countries ??= readFile(join(geodataDir(), COUNTRIES_PATH), 'utf8')
		.then((text) => withoutEmptyPolygons(JSON.parse(text)))
		.catch(() => undefined);
	return countries;
}

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
	return json(geodataStyle(`${origin}/geodata/`, streets, await cleanCountries()));
};
