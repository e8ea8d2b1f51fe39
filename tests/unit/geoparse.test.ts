import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGazetteer, type Place } from '../../src/lib/geo/gazetteer';
import {
	figures,
	judge,
	LabelledError,
	NL_BBOX,
	parseLabelled,
	toleranceM
} from '../../src/lib/geo/geoparse-eval';
import { createLocator, withinOneEdit, type Location } from '../../src/lib/geo/locate';
import type { Post } from '../../src/lib/posts/post';
import { loadWorldCities } from '../../src/lib/server/world-cities';

let seq = 0;
/** A post with an author of its own unless one is given. */
function post(over: Partial<Post> = {}): Post {
	seq++;
	return {
		id: `t:${seq}`,
		source: 'other',
		author: `author-${seq}`,
		created_at: '2024-10-15T12:00:00+02:00',
		text: '',
		...over
	};
}

function km(loc: Location, lat: number, lon: number): number {
	expect(loc.pos, `no position: ${JSON.stringify(loc)}`).toBeDefined();
	const [x, y] = loc.pos as [number, number];
	return Math.hypot((x - lon) * 111.32 * Math.cos((lat * Math.PI) / 180), (y - lat) * 110.57);
}

const P = (name: string, kind: string, lat: number, lon: number, extra: Partial<Place> = {}) =>
	({ name, kind, lat, lon, ...extra }) as Place;

// A hand-built gazetteer with the spelling traps of the real one.
const PLACES: Place[] = [
	P('Haren', 'P.PPL', 53.17209, 6.60931, { pop: 9375 }),
	P('Haren', 'P.PPL', 51.80167, 5.58472, { pop: 690 }),
	P('Oss', 'P.PPL', 51.765, 5.51806, { pop: 76000 }),
	P('Groningen', 'P.PPLA', 53.21917, 6.56667, { pop: 233218 }),
	P('Noord-Brabant', 'provincie', 51.52574, 5.11919),
	P('The Hague', 'P.PPLG', 52.07667, 4.29861, { pop: 474292, alt: ["'s-Gravenhage", 'Den Haag'] }),
	P("'s-Hertogenbosch", 'P.PPLA', 51.69917, 5.30417, { pop: 152000, alt: ['Den Bosch'] }),
	P('Sint-Oedenrode', 'P.PPL', 51.5675, 5.45972, { pop: 16931 }),
	P('Feanwâlden', 'P.PPL', 53.2343, 5.99047, { pop: 3440 }),
	P('IJmuiden', 'P.PPL', 52.4603, 4.61048, { pop: 31925 }),
	P('Alphen aan den Rijn', 'P.PPL', 52.12917, 4.65546, { pop: 70000 }),
	P('Amsterdam', 'P.PPLC', 52.37403, 4.88969, { pop: 741636 }),
	P('Rotterdam', 'P.PPLA2', 51.9225, 4.47917, { pop: 598199 }),
	P('Dam Square', 'S.SQR', 52.37293, 4.89336, { alt: ['Dam', 'de Dam'] }),
	P('Leidseplein', 'S.SQR', 52.3634, 4.8815),
	// A square name that two towns have: never placed without its town or other context.
	P('Marktplein', 'S.SQR', 52.3602, 4.905),
	P('Marktplein', 'S.SQR', 51.7652, 5.5185),
	P('Zoetermeer', 'P.PPL', 52.0575, 4.49306, { pop: 124000 }),
	P('Hilversum', 'P.PPL', 52.22333, 5.17639, { pop: 85000 }),
	P('Leiden', 'P.PPL', 52.15833, 4.49306, { pop: 119713 }),
	P('Best', 'P.PPL', 51.5075, 5.39028, { pop: 29074 }),
	P('Centrums', 'P.PPL', 52.5, 5.5, { pop: 5000 })
];

const HAREN_GN = [53.172, 6.609] as const;
const HAREN_NB = [51.802, 5.585] as const;
const DEN_HAAG = [52.077, 4.299] as const;
const DEN_BOSCH = [51.699, 5.304] as const;
const AMSTERDAM = [52.374, 4.89] as const;

describe('spelling variants: case, diacritics, apostrophes, abbreviations', () => {
	const loc = createLocator(PLACES);
	it.each([
		["rellen in 's-Gravenhage", DEN_HAAG],
		['rellen in ’s-Gravenhage', DEN_HAAG],
		['rellen in s-gravenhage', DEN_HAAG],
		['sGravenhage: ophef', DEN_HAAG],
		['DEN HAAG IS VOL', DEN_HAAG],
		['den haag vanavond', DEN_HAAG],
		['denhaag is helemaal los', DEN_HAAG],
		['trein naar den bosch', DEN_BOSCH],
		['denbosch vanavond', DEN_BOSCH],
		['brand in shertogenbosch', DEN_BOSCH],
		['St. Oedenrode: brand in boerderij', [51.5675, 5.45972]],
		['iemand in st oedenrode?', [51.5675, 5.45972]],
		['Sint Oedenrode heeft een nieuwe burgemeester', [51.5675, 5.45972]],
		['feanwalden zit zonder stroom', [53.2343, 5.99047]],
		['Feanwâlden zit zonder stroom', [53.2343, 5.99047]],
		['Ijmuiden: storm', [52.4603, 4.61048]],
		['ijmuiden strand dicht', [52.4603, 4.61048]],
		['Alphen a/d Rijn: kerk in brand', [52.12917, 4.65546]],
		['in Alphen ad Rijn is het onrustig', [52.12917, 4.65546]],
		["feest in A'dam vanavond", AMSTERDAM],
		['terug naar r’dam', [51.9225, 4.47917]],
		['feest in Mokum', AMSTERDAM]
	] as const)('%j', (text, [lat, lon]) => {
		const r = loc.locate(post({ text }));
		expect(r.method).toBe('text');
		expect(km(r, lat, lon)).toBeLessThan(1);
	});

	it('reads place tags with the same variants', () => {
		for (const place of ['St. Oedenrode', 'Alphen a/d Rijn', 'feanwalden']) {
			const r = loc.locate(post({ place }));
			expect(r.method, place).toBe('place');
		}
	});

	it('does not read "Adam" (a first name) or "a dam" as Amsterdam', () => {
		expect(loc.locate(post({ text: 'Adam komt ook' }))).toEqual({ method: 'none' });
		expect(loc.locate(post({ text: 'a dam broke' }))).toEqual({ method: 'none' });
	});
});

describe('fuzzy matching of one edit', () => {
	const loc = createLocator(PLACES);

	it('withinOneEdit counts substitution, insertion, deletion and transposition as one', () => {
		expect(withinOneEdit('amsterdam', 'amsterdam')).toBe(true);
		expect(withinOneEdit('amsterdm', 'amsterdam')).toBe(true); // deletion
		expect(withinOneEdit('zoetermeerr', 'zoetermeer')).toBe(true); // insertion
		expect(withinOneEdit('hilversun', 'hilversum')).toBe(true); // substitution
		expect(withinOneEdit('groningne', 'groningen')).toBe(true); // transposition
		expect(withinOneEdit('amstrdm', 'amsterdam')).toBe(false);
		expect(withinOneEdit('groignnen', 'groningen')).toBe(false);
	});

	it.each([
		['brand in amsterdm', 'Amsterdam'],
		['in Zoetermeerr is een man gewond', 'Zoetermeer'],
		['Brand in Hilversun, veel rook', 'Hilversum'],
		['demo in Groningne vandaag', 'Groningen']
	])('%j → %s, with the precision of the town', (text, place) => {
		const r = loc.locate(post({ text }));
		expect(r).toMatchObject({ method: 'text', place });
		expect(r.precision_m).toBeGreaterThan(1000);
	});

	it('prefers an exact name to a misspelt one in the same text', () => {
		expect(loc.locate(post({ text: 'van amsterdm naar Zoetermeer' })).place).toBe('Zoetermeer');
		expect(loc.locate(post({ text: 'in amsterdm en in Zoetermeer' })).place).toBe('Zoetermeer');
	});

	it.each([
		['in Leidn is het druk', 'Leiden has 6 letters: too short to fuzz'],
		['ik woon in Bestt', 'Best is short (and a common word)'],
		['in amstrdm is het druk', 'two edits'],
		['amsterdm is mooi', 'no cue: no preposition, no capital mid-sentence'],
		['druk in het centrum', 'a common word is never fuzzed (centrum vs Centrums)'],
		['in Groignnen', 'two edits']
	])('%j gives no location (%s)', (text) => {
		expect(loc.locate(post({ text }))).toEqual({ method: 'none' });
	});
});

describe('watched areas', () => {
	it('break ties between same-named places', () => {
		const plain = createLocator(PLACES);
		expect(km(plain.locate(post({ text: 'feest in haren' })), ...HAREN_GN)).toBeLessThan(1);
		const nb = createLocator(PLACES, { areas: [{ lon: 5.52, lat: 51.77, radius_m: 8000 }] });
		expect(km(nb.locate(post({ text: 'feest in haren' })), ...HAREN_NB)).toBeLessThan(1);
		expect(km(nb.locate(post({ place: 'Haren' })), ...HAREN_NB)).toBeLessThan(1);
		// A place named in the text still comes first.
		expect(km(nb.locate(post({ text: 'feest in haren bij groningen' })), ...HAREN_GN)).toBeLessThan(
			1
		);
	});

	it('admit a square named without its town near an area, not far from one', () => {
		const ams = createLocator(PLACES, { areas: [{ lon: 4.9, lat: 52.37, radius_m: 2000 }] });
		expect(ams.locate(post({ text: 'iedereen op de Dam!' }))).toMatchObject({
			method: 'text',
			place: 'Dam',
			precision_m: 200
		});
		expect(ams.locate(post({ text: 'Leidseplein vol' }))).toMatchObject({ place: 'Leidseplein' });
		const far = createLocator(PLACES, { areas: [{ lon: 6.57, lat: 53.22, radius_m: 2000 }] });
		expect(ams.locate(post({ text: 'Marktplein vol' }))).toMatchObject({
			place: 'Marktplein',
			rule: 'near-watch'
		});
		expect(far.locate(post({ text: 'iedereen op het Marktplein!' }))).toEqual({ method: 'none' });
		expect(createLocator(PLACES).locate(post({ text: 'Marktplein vol' }))).toEqual({
			method: 'none'
		});
	});

	it('leave common words and empty texts alone', () => {
		const ams = createLocator(PLACES, { areas: [{ lon: 4.9, lat: 52.37, radius_m: 2000 }] });
		expect(ams.locate(post({ text: 'de dam is gebroken' }))).toEqual({ method: 'none' });
		expect(ams.locate(post({ text: 'het is druk vandaag' }))).toEqual({ method: 'none' });
	});
});

describe('author memory', () => {
	it("breaks a tie between same-named places by the author's earlier post", () => {
		const loc = createLocator(PLACES);
		expect(
			km(loc.locate(post({ author: 'kim', text: 'brand in Haren bij Oss' })), ...HAREN_NB)
		).toBeLessThan(1);
		expect(
			km(loc.locate(post({ author: 'kim', text: 'nog steeds brand in haren' })), ...HAREN_NB)
		).toBeLessThan(1);
		// Another author, and the same author without the memory: the larger Haren.
		expect(
			km(loc.locate(post({ author: 'bo', text: 'nog steeds brand in haren' })), ...HAREN_GN)
		).toBeLessThan(1);
		const off = createLocator(PLACES, { authorContext: false });
		off.locate(post({ author: 'kim', text: 'brand in Haren bij Oss' }));
		expect(
			km(off.locate(post({ author: 'kim', text: 'nog steeds brand in haren' })), ...HAREN_GN)
		).toBeLessThan(1);
	});

	it('learns from a geotag too, and admits a square without its town near it', () => {
		const loc = createLocator(PLACES);
		loc.locate(post({ author: 'sam', text: 'hier', lon: 4.89, lat: 52.37 }));
		expect(loc.locate(post({ author: 'sam', text: 'Marktplein vol' }))).toMatchObject({
			method: 'text',
			place: 'Marktplein',
			rule: 'author'
		});
		expect(loc.locate(post({ author: 'other', text: 'Marktplein vol' }))).toEqual({
			method: 'none'
		});
	});

	it('never places a post that names no place', () => {
		const loc = createLocator(PLACES);
		loc.locate(post({ author: 'kim', text: 'brand in Haren bij Oss' }));
		for (const text of ['het is hier druk', 'mijn haren zijn nat', 'ik ben best moe', ''])
			expect(loc.locate(post({ author: 'kim', text }))).toEqual({ method: 'none' });
	});

	it('is bounded: the oldest authors are forgotten', () => {
		const loc = createLocator(PLACES, { authorMemorySize: 2 });
		loc.locate(post({ author: 'a1', text: 'brand in Haren bij Oss' }));
		loc.locate(post({ author: 'a2', text: 'in Leiden' }));
		loc.locate(post({ author: 'a3', text: 'in Hilversum' }));
		expect(
			km(loc.locate(post({ author: 'a1', text: 'feest in haren' })), ...HAREN_GN)
		).toBeLessThan(1);
	});
});

describe('context in the text', () => {
	const loc = createLocator(PLACES);
	it.each([
		['Haren, Noord-Brabant: boerderij in brand', HAREN_NB],
		['Haren NB, onweer', HAREN_NB],
		['ik woon in Haren (NB)', HAREN_NB],
		['Haren (Gn)', HAREN_GN]
	] as const)('%j', (text, [lat, lon]) => {
		expect(km(loc.locate(post({ text })), lat, lon)).toBeLessThan(1);
	});
});

// The real gazetteer, when the geodata directory is present.
const GAZETTEER = resolve(
	process.env.UITKIJK_GEODATA ?? resolve(__dirname, '../../../shared/geodata'),
	'gazetteer/nl_gazetteer.json'
);
const haveGazetteer = existsSync(GAZETTEER);

describe.skipIf(!haveGazetteer)('on the real gazetteer', () => {
	const places = haveGazetteer
		? parseGazetteer(JSON.parse(readFileSync(GAZETTEER, 'utf8'))).places
		: [];
	const loc = createLocator(places);

	it.each([
		['Utrecht CS is vol', 'Station Utrecht Centraal', 300],
		['Den haag cs afgesloten', 'Station The Hague Central', 300],
		['schiphol station dicht', 'Station Schiphol', 300],
		['station Amsterdam Sloterdijk overvol', 'Amsterdam Sloterdijk Station', 300],
		['Rijssen: grote brand bij bedrijf', 'Rijssen', 1000],
		['in Noordwijk is het druk', 'Noordwijk-Binnen', 2110],
		['Grote Markt Bergen op Zoom vol', 'Grote Markt', 200],
		['ongeluk op de Laan van Westenenk in Apeldoorn', 'Laan van Westenenk', 500],
		['rellen in Amsterdam Oost', 'Oost', 2500],
		['Valkenburg in Limburg is vol', 'Valkenburg', 1430],
		['vanavond in Nijmgen feest', 'Nijmegen', 2760]
	])('%j → %s', (text, place, precision) => {
		expect(loc.locate(post({ text }))).toMatchObject({
			method: 'text',
			place,
			precision_m: precision
		});
	});

	it.each([
		'mijn haren zitten slecht',
		'ik ben best moe',
		'hij was de beste',
		'laat maar',
		'ik ga naar huis',
		'jongeren gooien stenen naar de bus',
		'in de bergen is het koud',
		'de hoorn van de telefoon',
		'dat gaat leiden tot problemen',
		'op het plein staan veel mensen',
		'iedereen naar het centrum!!',
		'Jaaa, bonus bij de Blokker: twee halen'
	])('%j stays unplaced', (text) => {
		expect(loc.locate(post({ text }))).toEqual({ method: 'none' });
	});

	// Issue 12: real text (sentences written for this test, not from the real-text sets).
	it.each([
		['Premier Mark Rutte bezoekt Groningen', 'Groningen', 'name'],
		['Drukte in de Domstad', 'Utrecht', 'nickname'],
		['Rellen in de Maastrichtse binnenstad', 'Binnenstad', 'with-town'],
		['Demonstratie op het Museumplein', 'Museumplein', 'landmark'],
		['Feest in de IJhaven', 'IJhaven', 'landmark'],
		['Duizenden mensen op de Dam', 'Dam', 'landmark'],
		['Het Noord-Brabantse dorpje Katwijk', 'Katwijk', 'name'],
		['Feest in Haren bij Groningen', 'Haren', 'cued-name']
	])('%j → %s', (text, place, rule) => {
		const r = loc.locate(post({ text }));
		expect(r.place?.startsWith(place), JSON.stringify(r)).toBe(true);
		if (rule) expect(r.rule).toBe(rule);
	});

	it.each([
		'met Mark Rutte aan tafel',
		'Vakantiegangers naar Turkije gestrand',
		'met Oranje naar het WK',
		'Vissers op de Kleine Geul',
		'Harlingen in Texas kreeg zware regen',
		'In Middelburg in Zuid-Afrika vielen doden',
		'Het Duitse Haren aan de Eems viert feest',
		'FC Utrecht wint van PEC Zwolle'
	])('%j stays unplaced (issue 12)', (text) => {
		expect(loc.locate(post({ text }))).toEqual({ method: 'none' });
	});

	it('with the world list, reads a twin abroad in an English text', () => {
		const world = loadWorldCities() ?? undefined;
		expect(world?.abroad.get('harlingen')).toBeGreaterThan(16000);
		const w = createLocator(places, { world });
		expect(w.locate(post({ text: 'Each March a festival is held in Harlingen.' }))).toEqual({
			method: 'none'
		});
		expect(w.locate(post({ text: 'Feest in Harlingen vanavond' })).place).toBe('Harlingen');
	});
});

describe('the labelled set', () => {
	const file = resolve(__dirname, '../fixtures/geoparse/labelled.ndjson');
	const text = readFileSync(file, 'utf8');

	it('is valid: every line parses, >= 300 sentences, >= 60 negatives, gold inside the Netherlands', () => {
		const items = parseLabelled(text);
		expect(text.trim().split('\n').length).toBe(items.length);
		expect(items.length).toBeGreaterThanOrEqual(300);
		expect(items.filter((i) => i.gold === null).length).toBeGreaterThanOrEqual(60);
		expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
		for (const i of items) {
			if (!i.gold) continue;
			expect(i.gold.lon).toBeGreaterThanOrEqual(NL_BBOX.minLon);
			expect(i.gold.lon).toBeLessThanOrEqual(NL_BBOX.maxLon);
			expect(i.gold.lat).toBeGreaterThanOrEqual(NL_BBOX.minLat);
			expect(i.gold.lat).toBeLessThanOrEqual(NL_BBOX.maxLat);
		}
		for (const cat of ['town', 'station', 'square/street', 'neighbourhood', 'variant', 'ambiguous'])
			expect(items.filter((i) => i.cat === cat).length, cat).toBeGreaterThanOrEqual(20);
	});

	it('rejects an invalid line with its number and reason', () => {
		const good = '{"id":"a","text":"in Haren","gold":null}';
		expect(() => parseLabelled(`${good}\n{"id":"b","text":"x"}`)).toThrow(
			/line 2: gold is missing/
		);
		expect(() => parseLabelled(`${good}\nnot json`)).toThrow(LabelledError);
		expect(() =>
			parseLabelled(`{"id":"a","text":"x","gold":{"name":"Paris","lon":2.35,"lat":48.85}}`)
		).toThrow(/line 1: .*outside the Netherlands/);
		expect(() => parseLabelled(`${good}\n${good}`)).toThrow(/line 2: duplicate id a/);
	});

	it('scores by the tolerance of the gold kind', () => {
		expect(toleranceM('S.RSTN')).toBe(1000);
		expect(toleranceM('P.PPLX')).toBe(2000);
		expect(toleranceM('P.PPL')).toBe(5000);
		const gold = { name: 'Haren', lon: 6.60931, lat: 53.17209, kind: 'P.PPL' };
		const item = { id: 'x', text: 'in haren', gold };
		const neg = { id: 'y', text: 'mijn haren', gold: null };
		const f = figures([
			judge(item, { method: 'text', pos: [6.61, 53.2] }), // ~3 km: correct
			judge(item, { method: 'text', pos: [5.58, 51.8] }), // the other Haren: wrong
			judge(item, { method: 'none' }),
			judge(neg, { method: 'text', pos: [6.6, 53.17] }) // a false placement
		]);
		expect(f).toMatchObject({ n: 4, positives: 3, located: 3, correct: 1, falsePlacements: 1 });
		expect(f.precision).toBeCloseTo(1 / 3);
		expect(f.recall).toBeCloseTo(1 / 3);
	});
});
