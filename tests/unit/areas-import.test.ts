import { describe, expect, it } from 'vitest';
import {
	MAX_CHARS,
	MAX_VERTICES,
	drawnArea,
	importArea,
	outerRings
} from '../../src/lib/areas/import';

const square = [
	[5.0, 52.0],
	[5.01, 52.0],
	[5.01, 52.01],
	[5.0, 52.01],
	[5.0, 52.0]
];
const hole = [
	[5.004, 52.004],
	[5.006, 52.004],
	[5.006, 52.006],
	[5.004, 52.004]
];

function ok(r: ReturnType<typeof importArea>) {
	if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
	return r;
}
function err(r: ReturnType<typeof importArea>): string {
	if (r.ok) throw new Error('expected an error');
	return r.error;
}

describe('GeoJSON', () => {
	it('reads a Polygon, a MultiPolygon, a Feature and a FeatureCollection into one MultiPolygon', () => {
		const poly = ok(importArea(JSON.stringify({ type: 'Polygon', coordinates: [square, hole] })));
		expect(poly.area).toEqual({ type: 'MultiPolygon', coordinates: [[square, hole]] });
		expect(poly.vertices).toBe(9);
		const multi = ok(
			importArea(JSON.stringify({ type: 'MultiPolygon', coordinates: [[square], [hole]] }))
		);
		expect(multi.polygons).toBe(2);
		const feature = ok(
			importArea(
				JSON.stringify({
					type: 'Feature',
					properties: { name: 'Stadion' },
					geometry: { type: 'Polygon', coordinates: [square] }
				})
			)
		);
		expect(feature.name).toBe('Stadion');
		const fc = ok(
			importArea(
				JSON.stringify({
					type: 'FeatureCollection',
					features: [
						{
							type: 'Feature',
							properties: { naam: 'Veld A' },
							geometry: { type: 'Polygon', coordinates: [square] }
						},
						{
							type: 'Feature',
							properties: {},
							geometry: { type: 'MultiPolygon', coordinates: [[hole]] }
						}
					]
				})
			)
		);
		expect(fc.area.coordinates).toHaveLength(2);
		expect(fc.name).toBe('Veld A');
		expect(fc.format).toBe('geojson');
	});

	it('closes an open ring and takes altitudes off', () => {
		const r = ok(
			importArea(
				JSON.stringify({
					type: 'Polygon',
					coordinates: [
						[
							[5, 52, 3],
							[5.01, 52, 3],
							[5.01, 52.01, 3]
						]
					]
				})
			)
		);
		expect(r.area.coordinates[0][0]).toEqual([
			[5, 52],
			[5.01, 52],
			[5.01, 52.01],
			[5, 52]
		]);
	});

	it('says what is wrong and in which feature', () => {
		expect(err(importArea('{"type": "Polygon", '))).toMatch(/^not valid JSON/);
		expect(err(importArea('[1, 2]'))).toMatch(/must be an object/);
		expect(err(importArea(JSON.stringify({ type: 'Point', coordinates: [5, 52] })))).toBe(
			'geometry: geometry "Point" is not a Polygon or MultiPolygon'
		);
		expect(
			err(
				importArea(
					JSON.stringify({
						type: 'FeatureCollection',
						features: [
							{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [square] } },
							{ type: 'Feature', geometry: { type: 'LineString', coordinates: square } }
						]
					})
				)
			)
		).toBe('feature 2: geometry "LineString" is not a Polygon or MultiPolygon');
		expect(
			err(
				importArea(
					JSON.stringify({
						type: 'Polygon',
						coordinates: [
							[
								[5, 52],
								[5.01, 52],
								[5, 52]
							]
						]
					})
				)
			)
		).toBe('geometry, outer ring: a ring needs at least 3 distinct positions (has 2)');
		expect(
			err(
				importArea(
					JSON.stringify({
						type: 'Polygon',
						coordinates: [
							square,
							[
								[5, 52],
								['x', 1]
							]
						]
					})
				)
			)
		).toBe('geometry, hole 1, position 2: not [longitude, latitude]');
		expect(
			err(
				importArea(
					JSON.stringify({
						type: 'Polygon',
						coordinates: [
							[
								[52, 5],
								[52, 95],
								[53, 5],
								[52, 5]
							]
						]
					})
				)
			)
		).toMatch(/position 2: \[52, 95\] is not a \[longitude, latitude\]/);
	});

	it('refuses hostile input without crashing: huge, deeply nested, too many vertices', () => {
		expect(err(importArea('x'.repeat(MAX_CHARS + 1)))).toMatch(/^file too large/);
		expect(err(importArea('['.repeat(200_000) + ']'.repeat(200_000)))).toMatch(
			/nested deeper than 64/
		);
		const many = Array.from({ length: MAX_VERTICES + 10 }, (_, i) => [
			5 + i * 1e-6,
			52 + (i % 2) * 1e-6
		]);
		expect(err(importArea(JSON.stringify({ type: 'Polygon', coordinates: [many] })))).toMatch(
			/^too many vertices/
		);
		expect(err(importArea('{"type": "FeatureCollection", "features": 7}'))).toMatch(
			/must be an array/
		);
		expect(err(importArea('{"type": "Feature", "geometry": null}'))).toBe('feature: no geometry');
	});
});

const kml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
${body}
</Document>
</kml>
`;
const ringText = (r: number[][]) => r.map((p) => p.join(',')).join(' ');

describe('KML', () => {
	it('reads a Placemark Polygon with outer and inner boundaries, and MultiGeometry', () => {
		const r = ok(
			importArea(
				kml(`<Placemark><name>Koningsdag &amp; markt</name>
<Polygon><outerBoundaryIs><LinearRing><coordinates>
${ringText(square.map((p) => [...p, 0]))}
</coordinates></LinearRing></outerBoundaryIs>
<innerBoundaryIs><LinearRing><coordinates>${ringText(hole)}</coordinates></LinearRing></innerBoundaryIs></Polygon>
</Placemark>
<Placemark><name>Label</name><Point><coordinates>5,52</coordinates></Point></Placemark>
<Placemark><!-- two fields --><MultiGeometry>
<Polygon><outerBoundaryIs><LinearRing><coordinates>${ringText(square)}</coordinates></LinearRing></outerBoundaryIs></Polygon>
<kml:Polygon xmlns:kml="http://www.opengis.net/kml/2.2"><kml:outerBoundaryIs><kml:LinearRing><kml:coordinates>${ringText(hole)}</kml:coordinates></kml:LinearRing></kml:outerBoundaryIs></kml:Polygon>
</MultiGeometry></Placemark>`),
				'plan.kml'
			)
		);
		expect(r.format).toBe('kml');
		expect(r.name).toBe('Koningsdag & markt');
		expect(r.area.coordinates).toEqual([[square, hole], [square], [hole]]);
		expect(outerRings(r.area)).toEqual([square, square, hole]);
	});

	it('refuses DOCTYPE and ENTITY (no entity expansion), and unknown entities', () => {
		const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<kml><Placemark><name>&lol2;</name></Placemark></kml>`;
		expect(err(importArea(bomb))).toBe(
			'line 2: DOCTYPE refused (no DTDs or entities in a KML file)'
		);
		expect(err(importArea('<kml>\n<!ENTITY x "y"></kml>'))).toBe('line 2: ENTITY refused');
		expect(err(importArea(kml('<Placemark><name>&xxe;</name><Polygon/></Placemark>')))).toBe(
			"line 4: unknown entity &xxe; (only XML's own are read)"
		);
	});

	it('says what is wrong and on which line', () => {
		expect(err(importArea(kml('<Placemark>\n<Polygon>\n</Placemark>')))).toBe(
			'line 6: </Placemark> closes <Polygon> of line 5'
		);
		expect(
			err(
				importArea(
					kml(
						`<Placemark>\n<Polygon><outerBoundaryIs><LinearRing><coordinates>5,52 5.1;52 5,52.1</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`
					)
				)
			)
		).toBe('line 5: coordinates "5.1;52" are not lon,lat[,alt]');
		expect(err(importArea(kml('<Placemark>\n<Polygon>\n</Polygon></Placemark>')))).toBe(
			'Polygon at line 5: needs exactly one outerBoundaryIs ring (has 0)'
		);
		expect(
			err(importArea(kml('<Placemark><Point><coordinates>5,52</coordinates></Point></Placemark>')))
		).toBe('no Polygon: the Placemarks (line 4) hold other geometries only');
		expect(err(importArea('<gpx></gpx>'))).toBe('line 1: the document element is <gpx>, not <kml>');
		expect(err(importArea('<kml><Document>'))).toBe('line 1: <Document> not closed');
		expect(err(importArea('<kml><a b="x></kml>'))).toMatch(
			/^line 1: (tag not closed|"<" inside a tag)/
		);
	});

	it('refuses hostile KML without crashing: deep nesting, huge files, too many vertices', () => {
		expect(
			err(importArea('<kml>' + '<a>'.repeat(100_000) + '</a>'.repeat(100_000) + '</kml>'))
		).toBe('line 1: elements nested deeper than 64 levels');
		expect(err(importArea('<kml>' + ' '.repeat(MAX_CHARS) + '</kml>'))).toMatch(/^file too large/);
		const many = Array.from({ length: MAX_VERTICES + 1 }, (_, i) => `${5 + i * 1e-6},52`).join(' ');
		expect(
			err(
				importArea(
					kml(
						`<Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>${many}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`
					)
				)
			)
		).toMatch(/^too many vertices/);
	});
});

describe('drawn areas', () => {
	it('closes the clicked vertices into one polygon, and needs three', () => {
		const r = drawnArea([
			[5, 52],
			[5.01, 52],
			[5.01, 52.01]
		]);
		expect(r.ok && r.area.coordinates).toEqual([
			[
				[
					[5, 52],
					[5.01, 52],
					[5.01, 52.01],
					[5, 52]
				]
			]
		]);
		expect(
			drawnArea([
				[5, 52],
				[5.01, 52]
			])
		).toEqual({
			ok: false,
			error: 'drawn area: a ring needs at least 3 distinct positions (has 2)'
		});
	});
});
