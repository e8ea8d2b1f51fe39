/**
 * The basemap: a dark, high-contrast MapLibre style for wall screens. Built from the offline
 * geodata directory when it is there (boundaries, water, place labels, street tiles where they
 * exist), else a plain fallback drawn from a built-in outline of the Netherlands.
 * Pure module: returns style JSON; it imports nothing from MapLibre.
 */
import { NL_OUTLINE } from './fallback-outline';

/** Enough of MapLibre's StyleSpecification for this module, kept loose on purpose. */
export interface StyleJson {
	version: 8;
	name: string;
	glyphs?: string;
	sources: Record<string, Record<string, unknown>>;
	layers: Record<string, unknown>[];
}

export const THEME = {
	sea: '#070d14',
	land: '#121922',
	neighbour: '#0d1218',
	water: '#0a1f33',
	coast: '#3a4a5e',
	municipality: '#2a3441',
	province: '#45546a',
	police: '#5b7fc0',
	label: '#d6dee8',
	labelMinor: '#9aa7b6',
	halo: '#000000'
} as const;

const ATTR_CBS = 'Bron: CBS/PDOK (CC-BY 4.0)';
const ATTR_GEONAMES = 'GeoNames (CC-BY 4.0)';
const ATTR_NE = 'Natural Earth';

/** The fallback: sea, the outline of the Netherlands, nothing that needs files. */
export function fallbackStyle(): StyleJson {
	return {
		version: 8,
		name: 'Uitkijk fallback (no geodata)',
		sources: {
			nl: {
				type: 'geojson',
				attribution: ATTR_NE,
				data: {
					type: 'Feature',
					properties: {},
					geometry: { type: 'MultiPolygon', coordinates: NL_OUTLINE.map((ring) => [ring]) }
				}
			}
		},
		layers: [
			{ id: 'sea', type: 'background', paint: { 'background-color': THEME.sea } },
			{ id: 'nl-fill', type: 'fill', source: 'nl', paint: { 'fill-color': THEME.land } },
			{
				id: 'nl-line',
				type: 'line',
				source: 'nl',
				paint: { 'line-color': THEME.coast, 'line-width': 1.5 }
			}
		]
	};
}

/** Turn a URL relative to `base` (which ends with '/') into an absolute one; keeps pmtiles://. */
function absolutise(url: string, base: string): string {
	if (url.startsWith('pmtiles://')) {
		const rest = url.slice('pmtiles://'.length);
		return /^https?:/.test(rest) ? url : `pmtiles://${new URL(rest, base).href}`;
	}
	return new URL(url, base).href.replace(/%7B/g, '{').replace(/%7D/g, '}');
}

/** The neighbouring countries, in the geodata directory. */
export const COUNTRIES_PATH = 'world/ne10m_countries_nw_europe.geojson';

type Position = number[];
interface GeoJsonFeature {
	type: 'Feature';
	geometry: { type: string; coordinates?: unknown } | null;
	[k: string]: unknown;
}

/**
 * A FeatureCollection without the polygons that have no ring (and the features left with no
 * polygon). The geojson-vt inside maplibre-gl 5.24 throws "Cannot read properties of undefined
 * (reading 'points')" on such a polygon, as a console error on every page load; Natural Earth's
 * countries file has 65 of them (@maplibre/geojson-vt 6.3 skips them; MapLibre's copy does not).
 */
export function withoutEmptyPolygons<T extends { features: GeoJsonFeature[] }>(fc: T): T {
	const hasRing = (poly: unknown) =>
		Array.isArray(poly) && poly.length > 0 && Array.isArray(poly[0]) && poly[0].length > 0;
	const features: GeoJsonFeature[] = [];
	for (const f of fc.features) {
		const g = f.geometry;
		if (g?.type === 'Polygon') {
			if (hasRing(g.coordinates)) features.push(f);
		} else if (g?.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
			const polys = (g.coordinates as Position[][][]).filter(hasRing);
			if (polys.length === g.coordinates.length) features.push(f);
			else if (polys.length) features.push({ ...f, geometry: { ...g, coordinates: polys } });
		} else features.push(f);
	}
	return { ...fc, features };
}

/**
 * The full dark style over the geodata directory served at `geodataUrl` (absolute, ending in
 * '/'). `streets` is the parsed `streets/style-dark.json`, when present: its street layers are
 * drawn over the land, clipped by the tiles to where street data exists. `countries`, when
 * given, is the neighbouring countries' GeoJSON inline (cleaned by withoutEmptyPolygons), else
 * MapLibre loads the file.
 */
export function geodataStyle(
	geodataUrl: string,
	streets?: StyleJson,
	countries?: object
): StyleJson {
	const g = (path: string) => absolutise(path, geodataUrl);
	const sources: StyleJson['sources'] = {
		countries: {
			type: 'geojson',
			data: countries ?? g(COUNTRIES_PATH),
			attribution: ATTR_NE
		},
		nl: { type: 'geojson', data: g('boundaries/nl_outline.geojson'), attribution: ATTR_CBS },
		water: { type: 'geojson', data: g('boundaries/nl_large_water_coarse.geojson') },
		provinces: { type: 'geojson', data: g('boundaries/nl_provincies.geojson') },
		police: { type: 'geojson', data: g('boundaries/nl_politie_eenheden.geojson') },
		gemeenten: { type: 'geojson', data: g('boundaries/nl_gemeenten_2023.geojson') },
		labels: {
			type: 'geojson',
			data: g('gazetteer/nl_label_points.geojson'),
			attribution: ATTR_GEONAMES
		}
	};
	const label = (
		id: string,
		filter: unknown[],
		opts: { minzoom?: number; maxzoom?: number; size: unknown; font?: string; color?: string }
	) => ({
		id,
		type: 'symbol',
		source: 'labels',
		filter,
		...(opts.minzoom !== undefined ? { minzoom: opts.minzoom } : {}),
		...(opts.maxzoom !== undefined ? { maxzoom: opts.maxzoom } : {}),
		layout: {
			'text-field': ['get', 'name'],
			'text-font': [opts.font ?? 'Noto Sans Medium'],
			'text-size': opts.size,
			'symbol-sort-key': ['get', 'rank'],
			'text-padding': 4
		},
		paint: {
			'text-color': opts.color ?? THEME.label,
			'text-halo-color': THEME.halo,
			'text-halo-width': 1.6
		}
	});
	const isPlace = ['in', ['get', 'kind'], ['literal', ['P.PPLC', 'P.PPLA', 'P.PPL', 'P.PPLX']]];
	const layers: StyleJson['layers'] = [
		{ id: 'sea', type: 'background', paint: { 'background-color': THEME.sea } },
		{
			id: 'countries-fill',
			type: 'fill',
			source: 'countries',
			filter: ['!=', ['get', 'name'], 'Netherlands'],
			paint: { 'fill-color': THEME.neighbour }
		},
		{ id: 'nl-fill', type: 'fill', source: 'nl', paint: { 'fill-color': THEME.land } },
		{ id: 'water-fill', type: 'fill', source: 'water', paint: { 'fill-color': THEME.water } }
	];
	if (streets) {
		const base = new URL('streets/', geodataUrl).href;
		for (const [name, src] of Object.entries(streets.sources)) {
			const s = { ...src };
			if (typeof s.url === 'string') s.url = absolutise(s.url, base);
			if (Array.isArray(s.tiles)) s.tiles = s.tiles.map((t: string) => absolutise(t, base));
			sources[`streets-${name}`] = s;
		}
		for (const layer of streets.layers) {
			if (layer.type === 'background') continue;
			layers.push({
				...layer,
				id: `streets-${layer.id as string}`,
				source: `streets-${layer.source as string}`
			});
		}
	}
	layers.push(
		{
			id: 'gemeenten-line',
			type: 'line',
			source: 'gemeenten',
			minzoom: 8,
			paint: {
				'line-color': THEME.municipality,
				'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 13, 1.5]
			}
		},
		{
			id: 'provinces-line',
			type: 'line',
			source: 'provinces',
			paint: { 'line-color': THEME.province, 'line-width': 1.2 }
		},
		{
			id: 'police-line',
			type: 'line',
			source: 'police',
			paint: {
				'line-color': THEME.police,
				'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1, 10, 2.5],
				'line-opacity': 0.8
			}
		},
		{
			id: 'countries-line',
			type: 'line',
			source: 'countries',
			paint: { 'line-color': THEME.coast, 'line-width': 1 }
		},
		label('police-labels', ['==', ['get', 'kind'], 'politie.eenheid'], {
			maxzoom: 7.5,
			size: 13,
			color: '#9db8e8'
		}),
		label('place-labels-major', ['all', isPlace, ['<=', ['get', 'rank'], 2]], {
			minzoom: 6,
			size: ['interpolate', ['linear'], ['zoom'], 6, 12, 12, 18]
		}),
		label('place-labels', ['all', isPlace, ['>=', ['get', 'rank'], 3]], {
			minzoom: 9,
			size: ['interpolate', ['linear'], ['zoom'], 9, 11, 14, 15]
		}),
		label(
			'minor-labels',
			['in', ['get', 'kind'], ['literal', ['S.RSTN', 'S.SQR', 'S.STDM', 'L.PRK']]],
			{ minzoom: 12, size: 12, font: 'Noto Sans Italic', color: THEME.labelMinor }
		),
		label('buurt-labels', ['==', ['get', 'kind'], 'cbs.buurt2014'], {
			minzoom: 14,
			size: 11,
			font: 'Noto Sans Italic',
			color: THEME.labelMinor
		})
	);
	return {
		version: 8,
		name: 'Uitkijk dark (offline geodata)',
		glyphs: g('fonts/{fontstack}/{range}.pbf'),
		sources,
		layers
	};
}
