/**
 * The basemap under the layers: MapLibre's bundled geojson-vt throws on a polygon with no ring
 * ("Cannot read properties of undefined (reading 'points')", a console error on every load), and
 * the neighbouring countries' file has such polygons; the style serves them cleaned.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geodataDir } from '../../src/lib/server/config';
import { COUNTRIES_PATH, geodataStyle, withoutEmptyPolygons } from '../../src/lib/map/style';

type Coords = unknown[];
/** Polygons with no ring in a FeatureCollection. */
function emptyPolygons(fc: { features: { geometry: { type: string; coordinates: Coords } }[] }) {
	let n = 0;
	const empty = (p: unknown) =>
		!Array.isArray(p) || !p.length || !Array.isArray(p[0]) || !p[0].length;
	for (const f of fc.features) {
		const g = f.geometry;
		if (g.type === 'Polygon' && empty(g.coordinates)) n++;
		if (g.type === 'MultiPolygon') n += (g.coordinates as unknown[]).filter(empty).length;
	}
	return n;
}

const square = [
	[
		[0, 0],
		[1, 0],
		[1, 1],
		[0, 0]
	]
];

describe('withoutEmptyPolygons', () => {
	it('drops polygons with no ring, and features left with none; keeps the rest as they are', () => {
		const point = {
			type: 'Feature',
			properties: { n: 'p' },
			geometry: { type: 'Point', coordinates: [1, 2] }
		};
		const whole = {
			type: 'Feature',
			properties: { n: 'w' },
			geometry: { type: 'MultiPolygon', coordinates: [square] }
		};
		const fc = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: { n: 'a' },
					geometry: { type: 'MultiPolygon', coordinates: [[], square, [[]]] }
				},
				{
					type: 'Feature',
					properties: { n: 'b' },
					geometry: { type: 'MultiPolygon', coordinates: [[], []] }
				},
				{ type: 'Feature', properties: { n: 'c' }, geometry: { type: 'Polygon', coordinates: [] } },
				point,
				whole
			]
		};
		type F = {
			type: 'Feature';
			properties: { n: string };
			geometry: { type: string; coordinates: unknown };
		};
		const out = withoutEmptyPolygons(fc as { type: string; features: F[] });
		expect(out.features.map((f) => f.properties.n)).toEqual(['a', 'p', 'w']);
		expect(out.features[0].geometry.coordinates).toEqual([square]);
		expect(out.features[1]).toBe(point);
		expect(out.features[2]).toBe(whole);
		expect(emptyPolygons(out as never)).toBe(0);
		// The input is not changed.
		expect(fc.features[0].geometry.coordinates).toHaveLength(3);
	});

	const file = join(geodataDir(), COUNTRIES_PATH);
	it.skipIf(!existsSync(file))('leaves no empty polygon in the countries the style serves', () => {
		const raw = JSON.parse(readFileSync(file, 'utf8'));
		const clean = withoutEmptyPolygons(raw);
		expect(emptyPolygons(clean)).toBe(0);
		expect(clean.features).toHaveLength(raw.features.length); // every country still there
		const style = geodataStyle('http://127.0.0.1/geodata/', undefined, clean);
		expect(style.sources.countries.data).toBe(clean);
	});
});
