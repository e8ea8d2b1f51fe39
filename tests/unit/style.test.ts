import { describe, expect, it } from 'vitest';
import { fallbackStyle, geodataStyle, type StyleJson } from '../../src/lib/map/style';

const BASE = 'https://kaart.example:8443/geodata/';

/** A streets style as the street tile build writes it (pmtiles source relative to its folder). */
function streetsStyle(): StyleJson {
	return {
		version: 8,
		name: 'streets dark',
		glyphs: 'fonts/{fontstack}/{range}.pbf',
		sources: {
			protomaps: {
				type: 'vector',
				url: 'pmtiles://nl_streets.pmtiles',
				attribution: 'OpenStreetMap'
			}
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#000' } },
			{ id: 'roads', type: 'line', source: 'protomaps', 'source-layer': 'roads' },
			{ id: 'buildings', type: 'fill', source: 'protomaps', 'source-layer': 'buildings' },
			{
				id: 'road-labels',
				type: 'symbol',
				source: 'protomaps',
				'source-layer': 'roads',
				layout: { 'text-field': ['get', 'name'] }
			}
		]
	};
}

/** Every string value under `v` with its path. */
function strings(v: unknown, path = ''): [string, string][] {
	if (typeof v === 'string') return [[path, v]];
	if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${path}[${i}]`));
	if (v && typeof v === 'object')
		return Object.entries(v).flatMap(([k, x]) => strings(x, path ? `${path}.${k}` : k));
	return [];
}

/** The URLs a style makes MapLibre fetch: glyphs, source url, string data, tiles. */
function urls(style: StyleJson): [string, string][] {
	const out: [string, string][] = [];
	if (style.glyphs !== undefined) out.push(['glyphs', style.glyphs]);
	for (const [name, s] of Object.entries(style.sources)) {
		if (typeof s.url === 'string') out.push([`${name}.url`, s.url]);
		if (typeof s.data === 'string') out.push([`${name}.data`, s.data]);
		if (Array.isArray(s.tiles)) s.tiles.forEach((t, i) => out.push([`${name}.tiles[${i}]`, t]));
	}
	return out;
}

describe('fallbackStyle', () => {
	const style = fallbackStyle();

	it('needs no files: no glyphs, no sprite, only inline GeoJSON sources', () => {
		expect(style.version).toBe(8);
		expect(style.glyphs).toBeUndefined();
		expect('sprite' in style).toBe(false);
		expect(Object.keys(style.sources).length).toBeGreaterThan(0);
		for (const s of Object.values(style.sources)) {
			expect(s.type).toBe('geojson');
			expect(typeof s.data).toBe('object');
			expect(s.url).toBeUndefined();
			expect(s.tiles).toBeUndefined();
		}
		expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
		expect(strings(style).filter(([, s]) => /^[a-z]+:\/\/|\.(json|pbf|pmtiles)$/.test(s))).toEqual(
			[]
		);
	});

	it('outlines the Netherlands with a MultiPolygon of closed rings within plausible bounds', () => {
		const data = style.sources.nl.data as {
			type: string;
			geometry: { type: string; coordinates: [number, number][][][] };
		};
		expect(data.type).toBe('Feature');
		expect(data.geometry.type).toBe('MultiPolygon');
		const polys = data.geometry.coordinates;
		expect(polys.length).toBeGreaterThan(1); // mainland and islands
		let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
		for (const poly of polys) {
			expect(poly.length).toBeGreaterThanOrEqual(1);
			for (const ring of poly) {
				expect(ring.length).toBeGreaterThanOrEqual(4);
				expect(ring[ring.length - 1]).toEqual(ring[0]);
				for (const [lon, lat] of ring) {
					[w, s, e, n] = [Math.min(w, lon), Math.min(s, lat), Math.max(e, lon), Math.max(n, lat)];
				}
			}
		}
		expect(w).toBeGreaterThanOrEqual(3.3);
		expect(e).toBeLessThanOrEqual(7.3);
		expect(s).toBeGreaterThanOrEqual(50.7);
		expect(n).toBeLessThanOrEqual(53.7);
		// And it spans most of that box (not a tiny or degenerate shape).
		expect(e - w).toBeGreaterThan(3);
		expect(n - s).toBeGreaterThan(2.5);
	});

	it('every layer refers to a defined source; ids are unique', () => {
		const ids = style.layers.map((l) => l.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const l of style.layers) {
			if (l.type !== 'background') expect(style.sources[l.source as string]).toBeDefined();
		}
	});
});

describe('geodataStyle', () => {
	const bases = [BASE, 'http://localhost:5173/geodata/', 'https://host.example/sub/path/geodata/'];

	for (const base of bases) {
		for (const withStreets of [false, true]) {
			it(`makes every URL absolute under ${base} (${withStreets ? 'with' : 'without'} streets)`, () => {
				const style = geodataStyle(base, withStreets ? streetsStyle() : undefined);
				const list = urls(style);
				expect(list.length).toBeGreaterThanOrEqual(8);
				for (const [where, url] of list) {
					const plain = url.replace(/^pmtiles:\/\//, '');
					expect({ where, ok: plain.startsWith(base) }).toEqual({ where, ok: true });
					expect(() => new URL(plain)).not.toThrow();
				}
				// Glyph placeholders are kept, not percent-encoded.
				expect(style.glyphs).toBe(`${base}fonts/{fontstack}/{range}.pbf`);
				expect(style.glyphs).not.toMatch(/%7B|%7D/i);
				// No other string in the style looks like a relative file reference.
				const relative = strings(style).filter(
					([, s]) => /\.(geojson|json|pbf|pmtiles)$/.test(s) && !/^(https?|pmtiles):\/\//.test(s)
				);
				expect(relative).toEqual([]);
			});
		}
	}

	it("maps the streets' pmtiles source under <base>streets/", () => {
		const style = geodataStyle(BASE, streetsStyle());
		expect(style.sources['streets-protomaps']).toEqual({
			type: 'vector',
			url: `pmtiles://${BASE}streets/nl_streets.pmtiles`,
			attribution: 'OpenStreetMap'
		});
		// The caller's object is not modified.
		const streets = streetsStyle();
		geodataStyle(BASE, streets);
		expect(streets.sources.protomaps.url).toBe('pmtiles://nl_streets.pmtiles');
	});

	it('keeps an absolute pmtiles URL as it is', () => {
		const streets = streetsStyle();
		streets.sources.protomaps.url = 'pmtiles://https://tiles.example/nl.pmtiles';
		const style = geodataStyle(BASE, streets);
		expect(style.sources['streets-protomaps'].url).toBe(
			'pmtiles://https://tiles.example/nl.pmtiles'
		);
	});

	it("prefixes street layers with 'streets-' and drops the streets background", () => {
		const style = geodataStyle(BASE, streetsStyle());
		const street = style.layers.filter((l) => (l.id as string).startsWith('streets-'));
		expect(street.map((l) => l.id)).toEqual([
			'streets-roads',
			'streets-buildings',
			'streets-road-labels'
		]);
		for (const l of street) {
			expect(l.source).toBe('streets-protomaps');
			expect(l['source-layer']).toBeDefined();
		}
		expect(style.layers.filter((l) => l.type === 'background').map((l) => l.id)).toEqual(['sea']);
	});

	it('draws the street layers above the land and water, below boundaries and labels', () => {
		const ids = geodataStyle(BASE, streetsStyle()).layers.map((l) => l.id as string);
		const at = (id: string) => ids.indexOf(id);
		expect(at('streets-roads')).toBeGreaterThan(at('water-fill'));
		expect(at('streets-road-labels')).toBeLessThan(at('provinces-line'));
		expect(at('streets-road-labels')).toBeLessThan(at('place-labels'));
	});

	for (const withStreets of [false, true]) {
		it(`has unique layer ids, each layer on a defined source (${withStreets ? 'with' : 'without'} streets)`, () => {
			const style = geodataStyle(BASE, withStreets ? streetsStyle() : undefined);
			const ids = style.layers.map((l) => l.id);
			expect(new Set(ids).size).toBe(ids.length);
			for (const l of style.layers) {
				if (l.type === 'background') continue;
				expect({ id: l.id, defined: (l.source as string) in style.sources }).toEqual({
					id: l.id,
					defined: true
				});
			}
		});
	}

	it('names a text-font on every symbol layer (glyphs are fetched per font stack)', () => {
		const style = geodataStyle(BASE);
		for (const l of style.layers.filter((x) => x.type === 'symbol')) {
			const font = (l.layout as Record<string, unknown>)['text-font'] as string[];
			expect(Array.isArray(font) && font.length > 0).toBe(true);
		}
	});

	it('makes relative `tiles` URLs of a streets source absolute too', () => {
		const streets = streetsStyle();
		streets.sources.protomaps = { type: 'vector', tiles: ['tiles/{z}/{x}/{y}.pbf'] };
		const style = geodataStyle(BASE, streets);
		expect(style.sources['streets-protomaps'].tiles).toEqual([
			`${BASE}streets/tiles/{z}/{x}/{y}.pbf`
		]);
	});
});
