/**
 * The area of a planned event from a file (issue 13, item 5): GeoJSON (Polygon, MultiPolygon,
 * Feature, FeatureCollection) or KML (Placemark with Polygon outer/inner boundaries, in
 * MultiGeometry too) to one GeoJSON MultiPolygon, or an error that says what is wrong and where
 * (the line of a KML element, the index of a GeoJSON feature). Pure module.
 *
 * Input is hostile: size, nesting depth and vertex counts are bounded before work grows with
 * them; KML is read by a small strict reader of the few elements needed (no DOM, no entity
 * expansion): a DOCTYPE or ENTITY declaration is refused, as is any entity other than XML's five
 * and numeric character references. The database checks the polygon again (validity, size;
 * register_planned_event): the reader's job is to turn a file into rings, and to say clearly why
 * it cannot.
 */

export type Position = [number, number];
/** A polygon: its outer ring, then its holes; each ring closed (first = last). */
export type PolygonRings = Position[][];

export interface MultiPolygon {
	type: 'MultiPolygon';
	coordinates: PolygonRings[];
}

export type AreaImport =
	| {
			ok: true;
			area: MultiPolygon;
			/** The name the file gives it (a feature's `name` property, a Placemark's `<name>`). */
			name?: string;
			polygons: number;
			vertices: number;
			format: 'geojson' | 'kml';
	  }
	| { ok: false; error: string };

/** At most this many characters in a file (5 MB of text). */
export const MAX_CHARS = 5_000_000;
/** At most this many vertices in all (as register_planned_event). */
export const MAX_VERTICES = 20_000;
/** At most this deep nesting of JSON arrays/objects or XML elements. */
export const MAX_DEPTH = 64;

class ImportError extends Error {}

const fail = (msg: string): never => {
	throw new ImportError(msg);
};

/** The area in a file: KML when it looks like XML (or the name ends in .kml), else GeoJSON. */
export function importArea(text: string, fileName = ''): AreaImport {
	if (typeof text !== 'string') return { ok: false, error: 'not a text file' };
	if (text.length > MAX_CHARS)
		return {
			ok: false,
			error: `file too large (${text.length.toLocaleString('en')} characters; at most ${MAX_CHARS.toLocaleString('en')})`
		};
	const head = text.replace(/^\uFEFF/, '').trimStart();
	const kml = /\.kml$/i.test(fileName) || head.startsWith('<');
	try {
		return kml ? readKml(head) : readGeoJson(head);
	} catch (e) {
		if (e instanceof ImportError) return { ok: false, error: e.message };
		// Anything else (a stack overflow on input the limits missed) is still only a refusal.
		return { ok: false, error: `cannot read the file (${e instanceof Error ? e.name : 'error'})` };
	}
}

// ---------------------------------------------------------------------------------------------
// Rings
// ---------------------------------------------------------------------------------------------

/** A ring checked and closed: at least 3 distinct positions, [lon, lat] in range. */
function ring(points: Position[], where: string): Position[] {
	if (points.length && same(points[0], points[points.length - 1])) points = points.slice(0, -1);
	const distinct = new Set(points.map((p) => `${p[0]},${p[1]}`)).size;
	if (distinct < 3) fail(`${where}: a ring needs at least 3 distinct positions (has ${distinct})`);
	return [...points, points[0]];
}

function same(a: Position, b: Position): boolean {
	return a[0] === b[0] && a[1] === b[1];
}

function position(lon: number, lat: number, where: string): Position {
	if (!Number.isFinite(lon) || !Number.isFinite(lat))
		fail(`${where}: a coordinate is not a number`);
	if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
		fail(`${where}: [${lon}, ${lat}] is not a [longitude, latitude] in WGS 84`);
	return [lon, lat];
}

function result(
	polygons: PolygonRings[],
	name: string | undefined,
	format: 'geojson' | 'kml'
): AreaImport {
	if (!polygons.length) fail('the file holds no polygon');
	const vertices = polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
	return {
		ok: true,
		area: { type: 'MultiPolygon', coordinates: polygons },
		...(name ? { name } : {}),
		polygons: polygons.length,
		vertices,
		format
	};
}

class Budget {
	n = 0;
	add(k: number): void {
		this.n += k;
		if (this.n > MAX_VERTICES)
			fail(`too many vertices (more than ${MAX_VERTICES.toLocaleString('en')})`);
	}
}

// ---------------------------------------------------------------------------------------------
// GeoJSON
// ---------------------------------------------------------------------------------------------

/** The deepest nesting of arrays and objects in JSON text (strings skipped), stopping early. */
function jsonDepth(text: string, limit: number): number {
	let depth = 0;
	let max = 0;
	let inStr = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inStr) {
			if (c === 92) i++;
			else if (c === 34) inStr = false;
		} else if (c === 34) inStr = true;
		else if (c === 91 || c === 123) {
			if (++depth > max) max = depth;
			if (max > limit) return max;
		} else if (c === 93 || c === 125) depth--;
	}
	return max;
}

function readGeoJson(text: string): AreaImport {
	if (jsonDepth(text, MAX_DEPTH) > MAX_DEPTH)
		fail(`GeoJSON nested deeper than ${MAX_DEPTH} levels`);
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (e) {
		const m = e instanceof Error ? e.message : '';
		fail(`not valid JSON${m ? ` (${m})` : ''}`);
	}
	const budget = new Budget();
	const polygons: PolygonRings[] = [];
	let name: string | undefined;
	const obj = (v: unknown): Record<string, unknown> | null =>
		v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
	const root =
		obj(doc) ?? fail('GeoJSON must be an object (a Feature, FeatureCollection or geometry)');
	const featureName = (f: Record<string, unknown>): string | undefined => {
		const props = obj(f.properties);
		const n = props?.name ?? props?.naam ?? props?.title;
		return typeof n === 'string' && n.trim() ? n.trim().slice(0, 200) : undefined;
	};
	const geometry = (g: unknown, where: string): void => {
		const o = obj(g) ?? fail(`${where}: no geometry`);
		const c = o.coordinates;
		if (o.type === 'Polygon') polygons.push(polygon(c, where, budget));
		else if (o.type === 'MultiPolygon') {
			if (!Array.isArray(c) || !c.length)
				fail(`${where}: MultiPolygon coordinates must be a non-empty array`);
			(c as unknown[]).forEach((p, i) =>
				polygons.push(polygon(p, `${where}, polygon ${i + 1}`, budget))
			);
		} else fail(`${where}: geometry ${typeName(o.type)} is not a Polygon or MultiPolygon`);
	};
	if (root.type === 'FeatureCollection') {
		const fs = root.features;
		if (!Array.isArray(fs)) fail('FeatureCollection: "features" must be an array');
		(fs as unknown[]).forEach((f, i) => {
			const where = `feature ${i + 1}`;
			const o = obj(f) ?? fail(`${where}: not an object`);
			if (o.type !== 'Feature') fail(`${where}: type ${typeName(o.type)} is not Feature`);
			geometry(o.geometry, where);
			name ??= featureName(o);
		});
	} else if (root.type === 'Feature') {
		geometry(root.geometry, 'feature');
		name = featureName(root);
	} else geometry(root, 'geometry');
	return result(polygons, name, 'geojson');
}

function typeName(t: unknown): string {
	return typeof t === 'string' ? JSON.stringify(t.slice(0, 40)) : '(none)';
}

function polygon(c: unknown, where: string, budget: Budget): PolygonRings {
	if (!Array.isArray(c) || !c.length)
		fail(`${where}: Polygon coordinates must be a non-empty array of rings`);
	return (c as unknown[]).map((r, i) => {
		const w = `${where}, ${i === 0 ? 'outer ring' : `hole ${i}`}`;
		if (!Array.isArray(r)) fail(`${w}: not an array of positions`);
		budget.add((r as unknown[]).length);
		const pts = (r as unknown[]).map((p, j) => {
			if (
				!Array.isArray(p) ||
				p.length < 2 ||
				p.length > 3 ||
				!p.every((x) => typeof x === 'number')
			)
				fail(`${w}, position ${j + 1}: not [longitude, latitude]`);
			return position((p as number[])[0], (p as number[])[1], `${w}, position ${j + 1}`);
		});
		return ring(pts, w);
	});
}

// ---------------------------------------------------------------------------------------------
// KML: a strict reader of the elements needed
// ---------------------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function lineAt(text: string, i: number): number {
	let n = 1;
	for (let k = text.indexOf('\n'); k !== -1 && k < i; k = text.indexOf('\n', k + 1)) n++;
	return n;
}

function decode(s: string, text: string, at: number): string {
	return s.replace(/&([^;\s&<]{0,12});?/g, (m, e: string) => {
		if (!m.endsWith(';')) fail(`line ${lineAt(text, at)}: a bare "&" (write &amp;)`);
		if (e in ENTITIES) return ENTITIES[e];
		const num = /^#x([0-9a-f]{1,6})$/i.exec(e) ?? /^#([0-9]{1,7})$/.exec(e);
		if (num) {
			const cp = parseInt(num[1], e[1] === 'x' || e[1] === 'X' ? 16 : 10);
			if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff))
				return String.fromCodePoint(cp);
		}
		return fail(
			`line ${lineAt(text, at)}: unknown entity &${e.slice(0, 12)}; (only XML's own are read)`
		);
	});
}

interface KmlPolygon {
	outer: Position[][];
	inner: Position[][];
	line: number;
}

function readKml(text: string): AreaImport {
	if (/<!DOCTYPE/i.test(text))
		fail(
			`line ${lineAt(text, text.search(/<!DOCTYPE/i))}: DOCTYPE refused (no DTDs or entities in a KML file)`
		);
	if (/<!ENTITY/i.test(text))
		fail(`line ${lineAt(text, text.search(/<!ENTITY/i))}: ENTITY refused`);
	const budget = new Budget();
	const polygons: PolygonRings[] = [];
	let firstName: string | undefined;
	const stack: { tag: string; at: number }[] = [];
	let placemark: { name?: string; line: number; polygons: number } | null = null;
	let poly: KmlPolygon | null = null;
	let boundary: 'outer' | 'inner' | null = null;
	let textBuf = '';
	let sawKml = false;
	/** Lines of Placemarks without a Polygon (a label's Point, a route's LineString). */
	const skipped: number[] = [];
	let i = 0;
	const n = text.length;
	const where = (at: number): string => `line ${lineAt(text, at)}`;

	const closePolygon = (p: KmlPolygon): void => {
		const w = `Polygon at line ${p.line}`;
		if (p.outer.length !== 1)
			fail(`${w}: needs exactly one outerBoundaryIs ring (has ${p.outer.length})`);
		polygons.push([
			ring(p.outer[0], `${w}, outer boundary`),
			...p.inner.map((r, k) => ring(r, `${w}, inner boundary ${k + 1}`))
		]);
		if (placemark) placemark.polygons++;
	};
	const coordinates = (s: string, at: number): Position[] => {
		const out: Position[] = [];
		for (const tuple of s.trim().split(/\s+/)) {
			if (!tuple) continue;
			const parts = tuple.split(',');
			if (
				parts.length < 2 ||
				parts.length > 3 ||
				parts.some((x) => !/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(x))
			)
				fail(`${where(at)}: coordinates "${tuple.slice(0, 40)}" are not lon,lat[,alt]`);
			budget.add(1);
			out.push(position(Number(parts[0]), Number(parts[1]), where(at)));
		}
		return out;
	};

	while (i < n) {
		const lt = text.indexOf('<', i);
		if (lt === -1) {
			if (text.slice(i).trim()) fail(`${where(i)}: text after the last element`);
			break;
		}
		if (stack.length) textBuf += text.slice(i, lt);
		else if (text.slice(i, lt).trim()) fail(`${where(i)}: text outside the document element`);
		if (text.startsWith('<!--', lt)) {
			const e = text.indexOf('-->', lt + 4);
			if (e === -1) fail(`${where(lt)}: comment not closed`);
			i = e + 3;
			continue;
		}
		if (text.startsWith('<![CDATA[', lt)) {
			const e = text.indexOf(']]>', lt + 9);
			if (e === -1) fail(`${where(lt)}: CDATA not closed`);
			// Kept apart from the text that is decoded: mark it so decode leaves it alone.
			textBuf += text.slice(lt + 9, e).replace(/&/g, '&amp;');
			i = e + 3;
			continue;
		}
		if (text.startsWith('<?', lt)) {
			const e = text.indexOf('?>', lt + 2);
			if (e === -1) fail(`${where(lt)}: processing instruction not closed`);
			i = e + 2;
			continue;
		}
		if (text.startsWith('<!', lt)) fail(`${where(lt)}: declaration refused`);
		// A tag: find its end outside quoted attribute values.
		let j = lt + 1;
		let quote = 0;
		for (; j < n; j++) {
			const c = text.charCodeAt(j);
			if (quote) {
				if (c === quote) quote = 0;
			} else if (c === 34 || c === 39) quote = c;
			else if (c === 62) break;
			else if (c === 60) fail(`${where(j)}: "<" inside a tag`);
		}
		if (j >= n) fail(`${where(lt)}: tag not closed`);
		const raw = text.slice(lt + 1, j);
		i = j + 1;
		const closing = raw.startsWith('/');
		const selfClosing = !closing && raw.endsWith('/');
		const m = /^\/?([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)/.exec(raw);
		if (!m) fail(`${where(lt)}: not a tag name: <${raw.slice(0, 30)}`);
		const qname = m![1];
		const tag = qname.includes(':') ? qname.slice(qname.indexOf(':') + 1) : qname;
		if (closing) {
			const top = stack.pop();
			if (!top || top.tag !== qname)
				fail(
					`${where(lt)}: </${qname.slice(0, 40)}> closes ${top ? `<${top.tag.slice(0, 40)}> of line ${lineAt(text, top.at)}` : 'nothing'}`
				);
			const body = textBuf;
			textBuf = '';
			if (tag === 'coordinates' && poly && boundary) {
				if (stack[stack.length - 1]?.tag.replace(/^.*:/, '') !== 'LinearRing')
					fail(`${where(lt)}: the coordinates of a boundary must be in a LinearRing`);
				(boundary === 'outer' ? poly.outer : poly.inner).push(
					coordinates(decode(body, text, top!.at), top!.at)
				);
			} else if (
				tag === 'name' &&
				placemark &&
				stack[stack.length - 1]?.tag.replace(/^.*:/, '') === 'Placemark'
			) {
				const nm = decode(body, text, top!.at).trim().slice(0, 200);
				if (nm) {
					placemark.name = nm;
					firstName ??= nm;
				}
			} else if (tag === 'outerBoundaryIs' || tag === 'innerBoundaryIs') boundary = null;
			else if (tag === 'Polygon' && poly) {
				closePolygon(poly);
				poly = null;
			} else if (tag === 'Placemark' && placemark) {
				if (!placemark.polygons) skipped.push(placemark.line);
				placemark = null;
			}
			continue;
		}
		textBuf = '';
		if (!stack.length) {
			if (tag !== 'kml')
				fail(`${where(lt)}: the document element is <${qname.slice(0, 40)}>, not <kml>`);
			sawKml = true;
		} else if (stack.length === 1 && stack[0].tag.replace(/^.*:/, '') !== 'kml')
			fail(`${where(lt)}: more than one document element`);
		if (selfClosing) continue;
		if (stack.length >= MAX_DEPTH)
			fail(`${where(lt)}: elements nested deeper than ${MAX_DEPTH} levels`);
		stack.push({ tag: qname, at: lt });
		if (tag === 'Placemark') {
			if (placemark) fail(`${where(lt)}: a Placemark inside a Placemark`);
			placemark = { line: lineAt(text, lt), polygons: 0 };
		} else if (tag === 'Polygon') {
			if (poly) fail(`${where(lt)}: a Polygon inside a Polygon`);
			poly = { outer: [], inner: [], line: lineAt(text, lt) };
		} else if (tag === 'outerBoundaryIs' || tag === 'innerBoundaryIs') {
			if (!poly) fail(`${where(lt)}: <${tag}> outside a Polygon`);
			boundary = tag === 'outerBoundaryIs' ? 'outer' : 'inner';
		}
	}
	if (stack.length)
		fail(
			`line ${lineAt(text, stack[stack.length - 1].at)}: <${stack[stack.length - 1].tag.slice(0, 40)}> not closed`
		);
	if (!sawKml) fail('not a KML document');
	if (!polygons.length && skipped.length)
		fail(
			`no Polygon: the Placemarks (line ${skipped.slice(0, 5).join(', ')}) hold other geometries only`
		);
	return result(polygons, firstName, 'kml');
}

// ---------------------------------------------------------------------------------------------
// Drawn areas and outlines
// ---------------------------------------------------------------------------------------------

/** The area drawn by clicking vertices on the map: one polygon, its ring closed. */
export function drawnArea(points: Position[]): AreaImport {
	try {
		const r = ring(
			points.map((p, k) => position(p[0], p[1], `vertex ${k + 1}`)),
			'drawn area'
		);
		return result([[r]], undefined, 'geojson');
	} catch (e) {
		if (e instanceof ImportError) return { ok: false, error: e.message };
		throw e;
	}
}

/** The outer rings of a MultiPolygon (what a map draws as outlines). */
export function outerRings(area: { coordinates: PolygonRings[] }): Position[][] {
	return area.coordinates.map((p) => p[0]).filter((r) => Array.isArray(r) && r.length >= 4);
}
