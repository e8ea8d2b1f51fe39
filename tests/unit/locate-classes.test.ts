/**
 * The error classes of issue 12 on a hand-built gazetteer: foreign context and twins, clubs and
 * people, stricter alternate names, demonyms and nicknames, landmarks without their town,
 * province qualifiers, two places in one sentence; and the words, rule and confidence of every
 * location.
 */
import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/lib/geo/gazetteer';
import { createLocator, type Location, type WorldCities } from '../../src/lib/geo/locate';
import type { Post } from '../../src/lib/posts/post';

let seq = 0;
function post(text: string): Post {
	seq++;
	return {
		id: `c:${seq}`,
		source: 'other',
		author: `a${seq}`,
		created_at: '2024-10-15T12:00:00+02:00',
		text
	};
}

const P = (name: string, kind: string, lat: number, lon: number, extra: Partial<Place> = {}) =>
	({ name, kind, lat, lon, ...extra }) as Place;

const PLACES: Place[] = [
	P('Harlingen', 'P.PPL', 53.175, 5.422, { pop: 16119 }),
	P('Bergen', 'P.PPL', 52.669, 4.704, { pop: 13000 }),
	P('Middelburg', 'P.PPLA', 51.5, 3.614, { pop: 46485 }),
	P('Haren', 'P.PPL', 53.17209, 6.60931, { pop: 9375 }),
	P('Haren', 'P.PPL', 51.80167, 5.58472, { pop: 690 }),
	P('Groningen', 'P.PPLA', 53.21917, 6.56667, { pop: 233218 }),
	P('Hoorn', 'P.PPL', 52.642, 5.06, { pop: 68852 }),
	P('Utrecht', 'P.PPLA', 52.09083, 5.12222, { pop: 290529 }),
	P('Zwolle', 'P.PPLA', 52.5125, 6.09444, { pop: 111805 }),
	P('Deventer', 'P.PPL', 52.255, 6.16389, { pop: 98000 }),
	P('Ede', 'P.PPL', 52.03333, 5.65833, { pop: 67670 }),
	P('Markt', 'P.PPL', 51.85593, 5.27816, { alt: ['De Markt', 'Mark'] }),
	P('Turkeye', 'P.PPL', 51.3175, 3.58194, { alt: ['Turkije'] }),
	P('Geulle', 'P.PPL', 50.92167, 5.75, { alt: ['Geul', 'Guelle'], pop: 185 }),
	P('De Rivieren', 'cbs.buurt2014', 52.01193, 5.03412),
	P('Oranje', 'P.PPL', 52.9075, 6.44722, { pop: 395 }),
	P('The Hague', 'P.PPLG', 52.07667, 4.29861, { pop: 474292, alt: ["'s-Gravenhage", 'Den Haag'] }),
	P('Schilderswijk', 'P.PPLX', 52.06653, 4.30686),
	P('Maastricht', 'P.PPLA', 50.84833, 5.68889, { pop: 122378 }),
	P('Binnenstad', 'P.PPLX', 50.8503, 5.6909),
	P('Breda', 'P.PPL', 51.58656, 4.77596, { pop: 183873 }),
	P('Amsterdam', 'P.PPLC', 52.37403, 4.88969, { pop: 741636 }),
	P('Museumplein', 'S.SQR', 52.35722, 4.88194),
	P('Dam Square', 'S.SQR', 52.37293, 4.89336, { alt: ['Dam', 'de Dam'] }),
	P('Dam', 'P.PPL', 52.89583, 4.9125),
	P('Magere brug', 'S.BDG', 52.36355, 4.9024),
	P('IJhaven', 'H.DCKB', 52.37654, 4.93054),
	P('Malieveld', 'L.PRK', 52.08552, 4.31939),
	P('Rotterdam', 'P.PPLA2', 51.9225, 4.47917, { pop: 598199 }),
	P('Erasmusbrug', 'S.BDG', 51.90901, 4.48697),
	P('Zaandam', 'P.PPL', 52.43854, 4.82643, { pop: 76804 }),
	P('Zaanse Schans', 'S.FT', 52.47583, 4.81756),
	P('Valkenburg', 'P.PPL', 50.865, 5.83194, { pop: 3925 }),
	P('Valkenburg', 'P.PPL', 52.18, 4.43194, { pop: 3400 }),
	P('Katwijk aan den Rijn', 'P.PPL', 52.19417, 4.42222, { pop: 5940, alt: ['Katwijk'] }),
	P('Katwijk', 'P.PPL', 51.75, 5.87083, { pop: 280, alt: ['Katwijk NB'] }),
	P('Noord-Brabant', 'provincie', 51.52574, 5.11919),
	P('Limburg', 'provincie', 51.2, 5.9),
	P('Urk', 'P.PPL', 52.66083, 5.60139, { pop: 20000 }),
	P('Vlaardingen', 'P.PPL', 51.9125, 4.34167, { pop: 74000 }),
	P('Eindhoven', 'P.PPL', 51.44083, 5.47778, { pop: 209620 }),
	P('Leiden', 'P.PPL', 52.15833, 4.49306, { pop: 119713 })
];

const WORLD: WorldCities = {
	abroad: new Map([
		['harlingen', 65774],
		['bergen', 213585],
		['middelburg', 154706],
		['haren', 22545],
		['gent', 231493],
		['oslo', 580000]
	]),
	where: new Map([
		['harlingen', ['US']],
		['bergen', ['NO', 'DE', 'US']],
		['middelburg', ['ZA']],
		['haren', ['DE']],
		['groningen', ['SR', 'DE']],
		['amsterdam', ['US']],
		['oslo', ['NO']]
	])
};

const loc = createLocator(PLACES, { authorContext: false, world: WORLD });
const bare = createLocator(PLACES, { authorContext: false });
const at = (l: Location) => l.place;

describe('foreign context', () => {
	it.each([
		'Harlingen in Texas kreeg zware regen',
		'Overstromingen in Bergen in Noorwegen',
		'In Middelburg in Zuid-Afrika vielen doden',
		'Haren bij Brussel: brand in gevangenis',
		'Het Duitse Haren aan de Eems viert feest',
		'Zeilers rond Kaap Hoorn in zware storm',
		'Aardbeving in Turkije'
	])('places nothing in the Netherlands, also without the world list: %j', (text) => {
		expect(loc.locate(post(text))).toEqual({ method: 'none' });
		expect(bare.locate(post(text))).toEqual({ method: 'none' });
	});

	it('reads a name with a larger twin abroad as the twin when the text is about abroad', () => {
		for (const text of [
			'Na de storm in Noorwegen bleef Bergen zonder stroom',
			'Each March a music festival is held in Harlingen.',
			'Groningen, de hoofdplaats van het district Saramacca, ligt aan de rivier'
		])
			expect(loc.locate(post(text)), text).toEqual({ method: 'none' });
	});

	it('keeps the Dutch town with a Dutch cue, without a foreign cue, or without a twin', () => {
		expect(at(loc.locate(post('Storm in Bergen, Noord-Holland, en in Noorwegen')))).toBe('Bergen');
		expect(at(loc.locate(post('Feest in Harlingen vanavond')))).toBe('Harlingen');
		expect(at(loc.locate(post('Twee toeristen uit Zwolle gewond in Turkije')))).toBe('Zwolle');
		expect(at(loc.locate(post('Vanuit Noorwegen kwam hij naar Bergen en Hoorn')))).toBe('Hoorn');
	});
});

describe('clubs, people and longer proper names', () => {
	it.each([
		'FC Utrecht wint van PEC Zwolle',
		'Go Ahead Eagles Deventer speelt vanavond',
		'Ede Staal zong over de zee',
		'met Mark Rutte aan tafel',
		'Zwemmen in de Kleine Geul',
		'Iedereen in het oranje op Koningsdag',
		'met Oranje naar het WK'
	])('is no place: %j', (text) => {
		expect(loc.locate(post(text))).toEqual({ method: 'none' });
	});

	it('still reads the places named next to them', () => {
		expect(at(loc.locate(post('FC Utrecht speelt zondag in Zwolle')))).toBe('Zwolle');
		expect(at(loc.locate(post('Ede Staal zong over Groningen')))).toBe('Groningen');
		expect(at(loc.locate(post('Feest in Ede vanavond')))).toBe('Ede');
		expect(at(loc.locate(post('Koningsdag: alles oranje in Oranje')))).toBe('Oranje');
	});
});

describe('stricter matching', () => {
	it('needs a preposition and a capital for a small village by an alternate name', () => {
		expect(loc.locate(post('Kleine Geul bij laag water'))).toEqual({ method: 'none' });
		expect(at(loc.locate(post('Wandelen in Geul vanmiddag')))).toBe('Geulle');
	});

	it('reads a lower-case name with an article only next to its town', () => {
		expect(loc.locate(post('Hoog water in de rivieren bij Utrecht')).place).toBe('Utrecht');
	});
});

describe('demonyms, adjectives and nicknames', () => {
	it.each([
		['Onrust in de Haagse Schilderswijk', 'Schilderswijk', 'with-town'],
		['Rellen in de Maastrichtse binnenstad', 'Binnenstad', 'with-town'],
		['Bredanaars vieren carnaval', 'Breda', 'demonym'],
		['Drukte in de Domstad', 'Utrecht', 'nickname'],
		['Files richting de Hofstad', 'Den Haag', 'nickname'],
		['Feest in Mokum', 'Amsterdam', 'nickname'],
		['Rotterdamse haven staakt', 'Rotterdam', 'demonym'],
		['"Ik schaam me om Urker te zijn", zei hij', 'Urk', 'demonym'],
		["84% van de Vlaardingers wil camera's", 'Vlaardingen', 'demonym']
	])('%j → %s (%s)', (text, place, rule) => {
		expect(loc.locate(post(text))).toMatchObject({ method: 'text', place, rule });
	});

	it('ranks an adjective below a plain mention and gives it a lower confidence', () => {
		expect(at(loc.locate(post('Haagse agent gewond in Rotterdam')))).toBe('Rotterdam');
		const d = loc.locate(post('Utrechtse agent gewond'));
		const n = loc.locate(post('Agent gewond in Utrecht'));
		expect(d.place).toBe('Utrecht');
		expect(d.confidence).toBeLessThan(n.confidence ?? 0);
	});
});

describe('landmarks named without their town', () => {
	it.each([
		['Demonstratie op het Museumplein', 'Museumplein'],
		['Boerenprotest op het Malieveld', 'Malieveld'],
		['Duizenden mensen op de Dam', 'Dam'],
		['Erasmusbrug afgesloten', 'Erasmusbrug'],
		['Toeristen in de Zaanse Schans', 'Zaanse Schans'],
		['Magere Brug open', 'Magere brug'],
		['Feest in de IJhaven', 'IJhaven']
	])('%j → %s', (text, place) => {
		expect(loc.locate(post(text))).toMatchObject({ method: 'text', place, rule: 'landmark' });
	});

	it('places a landmark without a preposition, below a town named with one', () => {
		expect(at(loc.locate(post('De Magere Brug was het decor van veel films')))).toBe('Magere brug');
		expect(
			at(loc.locate(post('Hij wordt burgemeester van Utrecht, al zal het Malieveld hem missen')))
		).toBe('Utrecht');
	});

	it('leaves a lower-case word alone', () => {
		expect(loc.locate(post('de dam is gebroken'))).toEqual({ method: 'none' });
	});
});

describe('province and region qualifiers', () => {
	it('chooses the same-named town in the province named by an adjective', () => {
		const v = loc.locate(post('Het Limburgse dorp Valkenburg overstroomd'));
		expect(v.pos?.[1]).toBeCloseTo(50.865, 2);
		const k = loc.locate(post('Het Noord-Brabantse dorpje Katwijk'));
		expect(k.pos?.[1]).toBeCloseTo(51.75, 2);
	});

	it('reads the town after a town adjective, not the adjective', () => {
		expect(at(loc.locate(post('Feest in het Groningse Haren')))).toBe('Haren');
	});
});

describe('two places in one sentence', () => {
	it('reads "X bij Y" as X', () => {
		const r = loc.locate(post('Haren bij Groningen: feest loopt uit de hand'));
		expect(r.place).toBe('Haren');
		expect(r.pos?.[1]).toBeCloseTo(53.172, 2);
	});
});

describe('words, rule and confidence', () => {
	it('says which words and which rule placed a post', () => {
		expect(loc.locate(post('Brand in Zwolle vanavond'))).toMatchObject({
			place: 'Zwolle',
			words: 'in Zwolle',
			rule: 'name'
		});
		expect(loc.locate(post('morgen #haren'))).toMatchObject({ words: '#haren', rule: 'cued-name' });
		expect(loc.locate({ ...post(''), place: 'Zwolle' })).toMatchObject({
			method: 'place',
			words: 'Zwolle',
			rule: 'tag'
		});
	});

	it('gives every placement a confidence in 0..1, lower when other places are named far away', () => {
		const one = loc.locate(post('Brand in Zwolle vanavond'));
		const two = loc.locate(post('Brand in Zwolle, de brandweer kwam uit Maastricht'));
		for (const r of [one, two]) {
			expect(r.confidence).toBeGreaterThan(0);
			expect(r.confidence).toBeLessThanOrEqual(1);
		}
		expect(two.confidence).toBeLessThan(one.confidence ?? 0);
	});
});

describe('generalising (issue 12, second round)', () => {
	it('places a district of note named without its town, with a lower confidence', () => {
		// A neighbourhood of the same name in another town does not make it ambiguous.
		const more = [...PLACES, P('Schilderswijk', 'cbs.buurt2014', 52.24, 4.56)];
		const l = createLocator(more, { authorContext: false }).locate(
			post('Na nachten vol onrust bleef het zaterdag rustig in de Schilderswijk.')
		);
		expect(l).toMatchObject({ place: 'Schilderswijk', rule: 'district' });
		expect(l.confidence).toBeLessThan(0.9);
	});

	it.each([
		'In Harlingen, Texas, werd een man opgepakt na een schietpartij',
		'De Belgische politie viel binnen in een loods in Haren',
		'In Bergen wurde gestern die Polizei gerufen, weil es brannte',
		'Les pompiers sont intervenus à Bergen pour un incendie dans la nuit',
		'Na de 3-2 zege staan de Vlaardingers in punten gelijk met Urk',
		'Na rust kwam Utrecht sterk uit de kleedkamer en scoorde de gelijkmaker'
	])('places nothing for a twin abroad or a club: %j', (text) => {
		expect(loc.locate(post(text))).toEqual({ method: 'none' });
	});

	it.each([
		['In Harlingen lag een Noors schip aan de kade', 'Harlingen'],
		['Na de 2-1 zege was het feest in Utrecht', 'Utrecht'],
		['Grote brand in Eindhoven vlak bij de Belgische grens', 'Eindhoven']
	])('keeps the Dutch town: %j', (text, place) => {
		expect(at(loc.locate(post(text)))).toBe(place);
	});
});

describe('generalising (issue 12, third round)', () => {
	const more = [
		...PLACES,
		P('Boskamp', 'P.PPL', 52.331, 6.128),
		P('Assen', 'P.PPLA', 52.99667, 6.5625, { pop: 67190 }),
		P('Smilde', 'P.PPL', 52.9525, 6.45417, { pop: 4600 }),
		P('Beilen', 'P.PPL', 52.86333, 6.51389, { pop: 10000 })
	];
	const l3 = createLocator(more, { authorContext: false, world: WORLD });

	it.each([
		// Kinds of organisation before a town's name, and a team after its adjective.
		'Reddingsbrigade Bergen heeft nieuwe kijkers gekocht',
		'Harmonie Haren gaf een concert voor de bewoners',
		'Zondag won de Utrechtse club voor het eerst een prijs',
		// A score that ends a sentence makes the text about a match.
		'Zaterdag versloeg Zwolle thuis Deventer met 2-1.',
		// A country of any size, also one the lists of neighbours lack.
		'Na de aardbeving in Nepal kwamen reddingswerkers uit Bergen',
		// Belgian public life: the Belgian Haren.
		'Het OCMW van Haren zoekt opvang voor daklozen',
		// A small village in a text about a place abroad is likely a place there; a hamlet of the
		// name is no Dutch cue for a twin.
		'Het dorp Boskamp ligt in het district Saramacca, op een dag varen van Paramaribo',
		'Groningen is the capital of Saramacca, with Boskamp as another key place.'
	])('places nothing: %j', (text) => {
		expect(l3.locate(post(text))).toEqual({ method: 'none' });
	});

	it.each([
		['Brandweer Bergen rukte uit naar de duinen', 'Bergen'],
		['Op 12-10.2020 was het druk in Zwolle', 'Zwolle'],
		// A dateline in capitals is where a report on a match is from, not a club.
		['ZWOLLE - Vitesse won woensdagavond, de thuisploeg scoorde niet', 'Zwolle'],
		['Brand in het dorp Boskamp vannacht', 'Boskamp'],
		// A list shares its preposition: the first named, none inside another.
		['Brandweerkorpsen uit Assen, Smilde en Beilen rukten uit', 'Assen'],
		// A site named alone far from every other place named: the text is about that place.
		['Op het Museumplein protesteerden boeren uit Groningen', 'Museumplein'],
		['Op het Museumplein en daarna in Groningen protesteerden boeren', 'Groningen']
	])('places %j at %s', (text, place) => {
		expect(at(l3.locate(post(text)))).toBe(place);
	});

	it('weighs a town that names its municipality as the municipality among same-named ones', () => {
		const v = PLACES.map((p) =>
			p.name === 'Valkenburg' && p.lat < 51 ? { ...p, gm: 'GM0994' } : p
		);
		const text = 'Rond half negen stond het water in Valkenburg onder de kade';
		// Two villages of about the same size, far apart: ambiguous.
		expect(createLocator(v, { authorContext: false }).locate(post(text))).toEqual({
			method: 'none'
		});
		// One of them is the core of Valkenburg aan de Geul (16,365).
		const withMuni = [
			...v,
			P('Valkenburg aan de Geul', 'A.ADM2', 50.85711, 5.83489, { pop: 16365, gm: 'GM0994' })
		];
		const l = createLocator(withMuni, { authorContext: false }).locate(post(text));
		expect(l.pos?.[1]).toBeCloseTo(50.865, 2);
		expect(l.confidence).toBeLessThan(0.9);
	});

	it('reads "station" before another name as that station, not the town\'s', () => {
		const st = [...PLACES, P('Station Utrecht Centraal', 'S.RSTN', 52.0894, 5.1101)];
		const ls = createLocator(st, { authorContext: false });
		expect(at(ls.locate(post('Bij het station in Utrecht was het druk')))).toBe(
			'Station Utrecht Centraal'
		);
		expect(at(ls.locate(post('Station Lunetten in Utrecht was urenlang ontruimd')))).toBe(
			'Utrecht'
		);
	});

	it('reads "am" before a German word of time as a date, not a town\'s river', () => {
		const text = 'So voll war Venlo am Tag der Deutschen Einheit';
		const more = [...PLACES, P('Venlo', 'P.PPLA2', 51.37, 6.16806, { pop: 101192 })];
		expect(at(createLocator(more, { authorContext: false }).locate(post(text)))).toBe('Venlo');
		expect(
			createLocator(more, { authorContext: false }).locate(post('Ein Fest in Venlo am Rhein'))
		).toEqual({ method: 'none' });
	});

	it('reads a nationality and a kind of place before a name as the place abroad', () => {
		for (const text of [
			'Een storm trof het Noorse dorp Harlingen',
			'In de Belgische gemeente Ede is het druk',
			'Floods hit the German town of Zwolle'
		])
			expect(loc.locate(post(text)), text).toEqual({ method: 'none' });
		expect(at(loc.locate(post('In het dorp Harlingen is het druk')))).toBe('Harlingen');
	});

	it('reads an airport word before a town as the airport of its name', () => {
		const more = [...PLACES, P('Valkenburg Naval Air Base', 'S.AIRP', 52.16614, 4.41794)];
		const la = createLocator(more, { authorContext: false });
		const l = la.locate(post('Op het oude vliegveld Valkenburg bij Katwijk komen 5000 huizen'));
		expect(at(l)).toBe('Valkenburg Naval Air Base');
		expect(at(la.locate(post('Nieuwe huizen in Valkenburg bij Katwijk')))).toBe('Valkenburg');
	});

	it('reads a later name of a list as a peer of the first, not a closer look at it', () => {
		expect(
			at(loc.locate(post('De kades in Harlingen en in de IJhaven van Amsterdam staan onder water')))
		).toBe('Harlingen');
		// A site in the first town is a closer look at it.
		expect(at(loc.locate(post('Drukte in Amsterdam en op het Museumplein')))).toBe('Museumplein');
	});

	it('is less sure of a name with a larger twin abroad when the text gives no Dutch cue', () => {
		const text = 'Feest in Harlingen vanavond';
		expect(loc.locate(post(text)).confidence).toBeLessThan(0.9);
		expect(bare.locate(post(text)).confidence).toBeGreaterThanOrEqual(0.9);
		expect(loc.locate(post('Feest in Harlingen, Friesland')).confidence).toBeGreaterThanOrEqual(
			0.9
		);
	});
});

describe('generalising (issue 12, pool e)', () => {
	const more = [
		...PLACES,
		P('Hengelo', 'P.PPL', 52.26583, 6.79306, { pop: 81000 }),
		P('City', 'P.PPLX', 52.2215, 6.8937),
		P('Landsmeer', 'P.PPL', 52.43083, 4.91528, { pop: 10000 }),
		P('Valkenburg Naval Air Base', 'S.AIRP', 52.16614, 4.41794),
		P('Maastricht Aachen Airport', 'S.AIRP', 50.91556, 5.77694),
		P('De Rand', 'P.PPL', 51.556, 4.115)
	];
	const lp = createLocator(more, { authorContext: false, world: WORLD });

	it.each([
		// A province named as such is context, not its capital.
		'Storm in de provincie Utrecht vannacht',
		// A state's code after a comma.
		'Amsterdam, NY, is hardly a place: two farms and some orchards',
		// No misspelt Dutch town in a text about abroad.
		'Korpschef Jurgen De Landsheer van de Brusselse politiezone vindt het verbod goed',
		// No Dutch street or square named alone in a text about abroad.
		'De Belgische politie sloot gisteren het Museumplein af',
		// "de Nederlandse grens": across it; "gemeente Haren" has Haren's twin.
		'Omdat de gemeente Haren zo dicht bij de Nederlandse grens ligt, wonen er veel Nederlanders',
		// A name read as the place abroad once is that place throughout the text.
		'Amsterdam, NY, is hardly a place: some farms along Amsterdam Road',
		// In English or German text about a place abroad, the Netherlands named is no Dutch cue.
		'The town of Bergen lies near Oslo and trades with the Netherlands',
		// A small village with an article ("De Rand") in a text about abroad.
		'De burgemeester van Oslo wil dat de Rand er geen last van heeft'
	])('places nothing: %j', (text) => {
		expect(lp.locate(post(text))).toEqual({ method: 'none' });
	});

	it.each([
		// A lower-case word after an indefinite article is a noun ("a city").
		['Hengelo, a city in the east of the Netherlands close to the German border', 'Hengelo'],
		// The air base that bears the name, not the airport nearest the larger twin.
		['De militaire vliegbasis in Valkenburg ging in 2006 dicht', 'Valkenburg Naval Air Base'],
		// An adjective of a town after an organisation's word still names the town.
		['De Stichting Utrechtse Monumenten opende de deuren', 'Utrecht']
	])('places %j at %s', (text, place) => {
		expect(at(lp.locate(post(text)))).toBe(place);
	});
});
