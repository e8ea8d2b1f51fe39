import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGazetteer, type Place } from '../../src/lib/geo/gazetteer';
import { createLocator, normalizeName, type Location } from '../../src/lib/geo/locate';
import type { Post } from '../../src/lib/posts/post';

// Each post has an author of its own: the locator remembers authors (see the author memory in
// locate.ts), and these posts are independent of each other.
let authors = 0;
function post(over: Partial<Post> = {}): Post {
	return {
		id: 'x:1',
		source: 'x',
		author: `a${++authors}`,
		created_at: '2012-09-21T20:00:00+02:00',
		text: '',
		...over
	};
}

/** Distance in km between a location and a point, for "near" assertions. */
function km(loc: Location, lat: number, lon: number): number {
	expect(loc.pos, `no position: ${JSON.stringify(loc)}`).toBeDefined();
	const [x, y] = loc.pos as [number, number];
	const dx = (x - lon) * 111.32 * Math.cos((lat * Math.PI) / 180);
	const dy = (y - lat) * 110.57;
	return Math.hypot(dx, dy);
}

// A small hand-built gazetteer with the traps of the real one.
const P = (
	name: string,
	kind: string,
	lat: number,
	lon: number,
	extra: Partial<Place> = {}
): Place => ({
	name,
	kind,
	lat,
	lon,
	...extra
});
const PLACES: Place[] = [
	P('Haren', 'P.PPL', 53.17209, 6.60931, { pop: 9375, alt: ['Haren Gn', 'ha lun'], gm: 'GM0014' }),
	P('Haren', 'P.PPL', 51.80167, 5.58472, { pop: 690, gm: 'GM0828' }),
	P('Haaren', 'P.PPL', 51.6025, 5.22222, { pop: 3835, alt: ['haren'] }),
	P('Gemeente Haren', 'A.ADM2H', 53.15693, 6.63063, { pop: 19861, alt: ['Haren'] }),
	P('Haren', 'cbs.buurt2014', 53.16807, 6.60623, { gm: 'GM0017' }),
	P('Station Haren', 'S.RSTN', 53.1751, 6.61778),
	P('Stationsweg', 'R.ST', 53.1745, 6.6135, { gm: 'GM0014' }),
	P('Stationsweg', 'R.ST', 52.21, 5.96),
	P('Groningen', 'P.PPLA', 53.21917, 6.56667, { pop: 233218 }),
	P('Groningen', 'provincie', 53.19665, 6.70162),
	P('Groningen', 'cbs.gemeente2023', 53.20946, 6.618),
	P('Noord-Brabant', 'provincie', 51.52574, 5.11919),
	P('Limburg', 'provincie', 51.265, 5.89655),
	P('The Hague', 'P.PPLG', 52.07667, 4.29861, { pop: 474292, alt: ["'s-Gravenhage", 'Den Haag'] }),
	P("'s-Gravenhage", 'cbs.gemeente2023', 52.07333, 4.30911, { alt: ['Den Haag'] }),
	P('Den Haag', 'politie.eenheid', 52.10883, 4.50869),
	P('Amsterdam', 'P.PPLC', 52.37403, 4.88969, { pop: 741636 }),
	P('Dam Square', 'S.SQR', 52.37293, 4.89336, { alt: ['Dam', 'de Dam'] }),
	P('Leidseplein', 'S.SQR', 52.3634, 4.8815),
	P('Dam', 'P.PPL', 52.89583, 4.9125),
	P('Dam', 'P.PPL', 51.715, 6.03194),
	P('Best', 'P.PPL', 51.5075, 5.39028, { pop: 29074 }),
	P('Oost', 'P.PPL', 50.79568, 5.7101, { pop: 705 }),
	P('Oost', 'P.PPL', 53.0975, 4.89167),
	P('Leiden', 'P.PPL', 52.15833, 4.49306, { pop: 119713 }),
	P('Glimmen', 'P.PPL', 53.13917, 6.62917),
	P('Westland', 'cbs.gemeente2023', 51.99, 4.21),
	P('Bergen', 'P.PPLA2', 52.66917, 4.70417, { pop: 29974, alt: ['Bergen (NH)'] }),
	P('Bergen', 'P.PPL', 51.6, 6.03333),
	P('Nederland', 'P.PPL', 52.755, 5.96528, { pop: 10 }),
	P('Haarlem', 'P.PPLA', 52.38084, 4.63683, { pop: 147590 }),
	P('Leek', 'P.PPL', 53.16, 6.38, { pop: 19651, alt: ['Lek', 'De Leek'] }),
	P('Blokker', 'P.PPL', 52.67, 5.1),
	P('Binnenstad', 'P.PPL', 52.09, 5.12, { pop: 16000 }),
	P('Binnenstad', 'P.PPL', 53.218, 6.568, { pop: 17000 })
];

const HAREN_GN = [53.172, 6.609] as const;
const HAREN_NB = [51.802, 5.585] as const;
const DEN_HAAG = [52.077, 4.299] as const;
const DAM_SQUARE = [52.373, 4.893] as const;

describe('normalizeName', () => {
	it.each([
		['Den Haag', 'den haag'],
		["'s-Gravenhage", 's gravenhage'],
		['’s-Gravenhage', 's gravenhage'],
		['S GRAVENHAGE', 's gravenhage'],
		['Fryslân', 'fryslan'],
		['Hendrik-Ido-Ambacht', 'hendrik ido ambacht'],
		['  Haren  (Gn) ', 'haren gn']
	])('%s → %s', (a, b) => {
		expect(normalizeName(a)).toBe(b);
	});
});

describe('createLocator on a hand-built gazetteer', () => {
	const loc = createLocator(PLACES);

	it('uses the geotag first, whatever the place tag and text say', () => {
		const r = loc.locate(
			post({ lon: 4.9, lat: 52.37, place: 'Haren, Groningen', text: 'in Best' })
		);
		expect(r).toEqual({
			method: 'gps',
			pos: [4.9, 52.37],
			precision_m: 25,
			rule: 'geotag',
			confidence: 0.99
		});
	});

	it('treats (0, 0) as no geotag', () => {
		expect(loc.locate(post({ lon: 0, lat: 0, place: 'Amsterdam' })).method).toBe('place');
	});

	it.each([
		'Den Haag',
		"'s-Gravenhage",
		'’s-Gravenhage',
		's gravenhage',
		'DEN HAAG',
		'den-haag',
		'Den Haag, Nederland'
	])('place tag %s is Den Haag', (tag) => {
		const r = loc.locate(post({ place: tag }));
		expect(r.method).toBe('place');
		expect(r.place).toBe('Den Haag');
		expect(km(r, ...DEN_HAAG)).toBeLessThan(2);
	});

	it.each([
		['Haren, Groningen', HAREN_GN],
		['Haren, Noord-Brabant', HAREN_NB],
		['Haren (Gn)', HAREN_GN],
		['Haren (NB)', HAREN_NB],
		['Haren Gn', HAREN_GN],
		['Haren, NB', HAREN_NB],
		['Haren, Groningen, Nederland', HAREN_GN],
		['Haren', HAREN_GN] // no context: the larger one
	] as const)('place tag %s → the right Haren', (tag, [lat, lon]) => {
		const r = loc.locate(post({ place: tag }));
		expect(r.method).toBe('place');
		expect(r.place).toBe('Haren');
		expect(km(r, lat, lon)).toBeLessThan(1);
	});

	it.each([
		['Dam', 'two villages far apart, none larger: ambiguous'],
		['Oost', 'two small villages far apart'],
		['Noord-Brabant', 'a province is context only'],
		['Nederland', 'a country name is ignored'],
		['Atlantis, Narnia', 'unknown']
	])('place tag %s gives no location (%s)', (tag) => {
		expect(loc.locate(post({ place: tag }))).toEqual({ method: 'none' });
	});

	it('disambiguates a square by the town in the tag', () => {
		const r = loc.locate(post({ place: 'Dam, Amsterdam' }));
		expect(r).toMatchObject({ method: 'place', place: 'Dam', precision_m: 200 });
		expect(km(r, ...DAM_SQUARE)).toBeLessThan(0.2);
	});

	it('finds a town inside a tag that is not a name ("Amsterdam Centrum")', () => {
		expect(loc.locate(post({ place: 'Amsterdam Centrum' }))).toMatchObject({
			method: 'place',
			place: 'Amsterdam'
		});
	});

	it('falls back to the text when the tag is unknown', () => {
		const r = loc.locate(post({ place: 'Mars', text: 'feest in Haren' }));
		expect(r.method).toBe('text');
		expect(km(r, ...HAREN_GN)).toBeLessThan(1);
	});

	it('uses a province tag as context for the text', () => {
		const r = loc.locate(post({ place: 'Noord-Brabant', text: 'feest in Haren' }));
		expect(r.method).toBe('text');
		expect(km(r, ...HAREN_NB)).toBeLessThan(1);
	});

	it('finds Haren (Gn) in "iedereen naar project x in haren vrijdag!!"', () => {
		const r = loc.locate(post({ text: 'iedereen naar project x in haren vrijdag!!' }));
		expect(r).toMatchObject({ method: 'text', place: 'Haren' });
		expect(km(r, ...HAREN_GN)).toBeLessThan(1);
	});

	it.each([
		'Project X Haren gaat door!',
		'#haren',
		'#ProjectXHaren vanavond',
		'#projectxharen',
		'#haren2012',
		'RT @x: Nu in Haren: ME charge',
		'vanuit Groningen naar Haren',
		'Haren, Groningen: iedereen welkom',
		'drukte in het centrum van haren'
	])('text %j → Haren (Gn)', (text) => {
		const r = loc.locate(post({ text }));
		expect(r.method).toBe('text');
		expect(km(r, ...HAREN_GN)).toBeLessThan(1);
	});

	it.each([
		['ik ben best moe', 'common word, no cue'],
		['Best party ever', 'capital at the start of a sentence'],
		['mijn haren zijn nat', 'haren = hair'],
		['ik heb mijn haren geverfd in de stad', 'no cue before haren'],
		['het was een mooie dag', 'no place'],
		['op de dam', 'a square with no town named and no bias'],
		['stationsweg', 'a street without its town'],
		['leidseplein vol', 'a square without its town'],
		['we gaan naar Oost', 'ambiguous small villages'],
		['', 'empty text'],
		['😀😀 🔥 !!!', 'no words'],
		['fietsband alweer lek', 'a one-word alternate name needs a cue'],
		['Omg, bij de Blokker is het druk', 'an article before a capital: a shop'],
		['is nog te leiden', '"te" before a verb'],
		['drukte in de Binnenstad', 'a generic name without its town']
	])('text %j gives no location (%s)', (text) => {
		expect(loc.locate(post({ text }))).toEqual({ method: 'none' });
	});

	it.each([
		['Gemeente Haren zegt: er is geen feest', 'Haren', 5000],
		['arme bewoners van haren', 'Haren', 1780],
		['Daar staan we vrijdag op Stationsweg Haren', 'Stationsweg', 500],
		['druk in de Binnenstad van Groningen', 'Binnenstad', 1980],
		['naar Blokker fietsen', 'Blokker', 1000]
	])('text %j → %s', (text, place, precision) => {
		expect(loc.locate(post({ text }))).toMatchObject({
			method: 'text',
			place,
			precision_m: precision
		});
	});

	it('reads a common-word town with a preposition and a capital ("in Best")', () => {
		expect(loc.locate(post({ text: 'Ik woon in Best' }))).toMatchObject({
			method: 'text',
			place: 'Best'
		});
	});

	it('reads "op de dam" as Dam Square when Amsterdam is named', () => {
		for (const text of ['iedereen op de dam in amsterdam', 'Amsterdam: op de Dam staat het vol']) {
			const r = loc.locate(post({ text }));
			expect(r).toMatchObject({ method: 'text', place: 'Dam', precision_m: 200 });
			expect(km(r, ...DAM_SQUARE)).toBeLessThan(0.2);
		}
	});

	it('reads "op de dam" as Dam Square when the bias is Amsterdam', () => {
		const biased = createLocator(PLACES, { bias: { lon: 4.9, lat: 52.37 } });
		expect(biased.locate(post({ text: 'op de dam' }))).toMatchObject({
			method: 'text',
			place: 'Dam'
		});
		expect(biased.locate(post({ place: 'Dam' }))).toMatchObject({ method: 'place', place: 'Dam' });
		// Common words stay words, bias or not.
		expect(biased.locate(post({ text: 'de dam is gebroken' }))).toEqual({ method: 'none' });
	});

	it('places a street named with its town ("stationsweg haren")', () => {
		const r = loc.locate(post({ text: 'verzamelen stationsweg haren' }));
		expect(r).toMatchObject({ method: 'text', place: 'Stationsweg', precision_m: 500 });
		expect(km(r, 53.1745, 6.6135)).toBeLessThan(0.1);
	});

	it('places "station" near a town at its station', () => {
		for (const text of ['verzamelen op het station in haren', 'Station Haren om 20:00']) {
			const r = loc.locate(post({ text }));
			expect(r).toMatchObject({ method: 'text', place: 'Station Haren', precision_m: 300 });
		}
	});

	it('prefers the place after a preposition, and the one inside another', () => {
		expect(loc.locate(post({ text: 'uit Amsterdam naar Haarlem' })).place).toBe('Haarlem');
		expect(loc.locate(post({ text: 'feest in Glimmen bij Groningen' })).place).toBe('Glimmen');
	});

	it('prefers a town by its own name over one whose alternate name matches', () => {
		const r = loc.locate(post({ text: 'feest in haren', place: 'Haren, Noord-Brabant' }));
		expect(km(r, ...HAREN_NB)).toBeLessThan(1); // not Haaren, alternate name "haren"
	});

	it('uses the bias to choose among same-named towns', () => {
		const nearNb = createLocator(PLACES, { bias: { lon: 5.6, lat: 51.8 } });
		expect(km(nearNb.locate(post({ text: 'feest in haren' })), ...HAREN_NB)).toBeLessThan(1);
		expect(km(nearNb.locate(post({ place: 'Haren' })), ...HAREN_NB)).toBeLessThan(1);
		const nearGn = createLocator(PLACES, { bias: { lon: 6.6, lat: 53.2 } });
		expect(km(nearGn.locate(post({ text: 'Haren is vol' })), ...HAREN_GN)).toBeLessThan(1);
	});

	it('gives precision radii by kind', () => {
		expect(loc.locate(post({ place: 'Amsterdam' })).precision_m).toBe(3300);
		expect(loc.locate(post({ place: 'Haren' })).precision_m).toBe(1780);
		expect(loc.locate(post({ place: 'Glimmen' })).precision_m).toBe(1000);
		expect(loc.locate(post({ place: 'Westland' })).precision_m).toBe(5000);
		expect(loc.locate(post({ place: 'Stationsweg, Haren' })).precision_m).toBe(500);
		expect(loc.locate(post({ place: 'Station Haren' })).precision_m).toBe(300);
	});

	it('locateAll adds t, method, pos, precision and located_as', () => {
		const [a, b, c] = loc.locateAll([
			post({ id: 'a', lon: 6.6, lat: 53.17 }),
			post({ id: 'b', text: 'in haren' }),
			post({ id: 'c', text: 'niets' })
		]);
		expect(a).toMatchObject({ id: 'a', t: Date.parse('2012-09-21T18:00:00Z'), method: 'gps' });
		expect(a.located_as).toBeUndefined();
		expect(b).toMatchObject({ id: 'b', method: 'text', located_as: 'Haren', precision_m: 1780 });
		expect(c.method).toBe('none');
		expect(c.pos).toBeUndefined();
		expect(c.precision_m).toBeUndefined();
	});

	it('reports index stats', () => {
		expect(loc.stats.places).toBe(PLACES.length);
		expect(loc.stats.textNames).toBeGreaterThan(10);
	});
});

// The real gazetteer, when the geodata directory is present.
const GAZETTEER = resolve(
	process.env.UITKIJK_GEODATA ?? resolve(__dirname, '../../../shared/geodata'),
	'gazetteer/nl_gazetteer.json'
);
const haveGazetteer = existsSync(GAZETTEER);

describe.skipIf(!haveGazetteer)('createLocator on the real gazetteer', () => {
	const places = haveGazetteer
		? parseGazetteer(JSON.parse(readFileSync(GAZETTEER, 'utf8'))).places
		: [];
	const loc = createLocator(places);

	it('indexes the whole gazetteer (build time: scripts/bench-data.ts)', () => {
		expect(loc.stats.places).toBeGreaterThan(30000);
		expect(loc.stats.textNames).toBeGreaterThan(1000);
	});

	it.each([
		['Den Haag', DEN_HAAG],
		["'s-Gravenhage", DEN_HAAG],
		['s gravenhage', DEN_HAAG],
		['DEN HAAG', DEN_HAAG],
		['Haren, Groningen', HAREN_GN],
		['Haren, Noord-Brabant', HAREN_NB],
		['Haren (Gn)', HAREN_GN],
		['Haren', HAREN_GN],
		['Dam, Amsterdam', DAM_SQUARE],
		['Den Bosch', [51.699, 5.304]],
		['Bergen (NH)', [52.669, 4.704]],
		['Bergen, Limburg', [51.6, 6.033]]
	] as const)('place tag %s', (tag, [lat, lon]) => {
		const r = loc.locate(post({ place: tag }));
		expect(r.method).toBe('place');
		expect(km(r, lat, lon)).toBeLessThan(2);
	});

	it.each([
		['iedereen naar project x in haren vrijdag!!', HAREN_GN],
		['#projectxharen', HAREN_GN],
		['op de dam in amsterdam', DAM_SQUARE],
		['Leidseplein Amsterdam vol', [52.363, 4.882]],
		['verzamelen op het station in haren', [53.175, 6.618]],
		['ik zit in de trein naar Den Bosch', [51.699, 5.304]],
		['Ik woon in Best', [51.508, 5.39]],
		['#denhaag rellen', DEN_HAAG]
	] as const)('text %j', (text, [lat, lon]) => {
		const r = loc.locate(post({ text }));
		expect(r.method).toBe('text');
		expect(km(r, lat, lon)).toBeLessThan(2);
	});

	it.each([
		'ik ben best moe',
		'mijn haren zijn nat',
		'op de dam',
		'bij haar thuis is het gezellig',
		'we gaan uit eten vanavond',
		'ik zit in de bus naar huis',
		'meer dan 100 mensen op straat',
		'er is brand in de winkel',
		'het leek wel oorlog',
		'It goes without saying',
		'Well done everyone, made my day',
		'dat gaat leiden tot problemen',
		'de velden zijn nat',
		'oost west thuis best',
		'#stemmen #verklaren',
		'Band alweer lek, wat een dag',
		'Straks sushi halen',
		'Mn maatje heeft net haar baan gehaald',
		'Nee he, Zoom meeting om acht uur',
		'opstopping rond Binnenstad'
	])('text %j gives no location', (text) => {
		expect(loc.locate(post({ text }))).toEqual({ method: 'none' });
	});
});
