/**
 * The parts of the locator (src/lib/geo/locate/), each on its own: tokens, fuzzy matching, the
 * index, mentions, not-places, foreign context, cues, landmarks, choosing and confidence; and
 * the world list's loader.
 */
import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/lib/geo/gazetteer';
import { pick, type Scope } from '../../src/lib/geo/locate/choose';
import { RULE_CONFIDENCE, textConfidence, textRule } from '../../src/lib/geo/locate/confidence';
import {
	provinceContext,
	readQualifiers,
	readRelations,
	regionAt
} from '../../src/lib/geo/locate/cues';
import { abroadAt } from '../../src/lib/geo/locate/abroad';
import {
	dropForeign,
	followedByAbroad,
	muchLargerAbroad,
	readForeignContext,
	twinAbroad
} from '../../src/lib/geo/locate/foreign';
import { buildFuzzyIndex, fuzzyName, withinOneEdit } from '../../src/lib/geo/locate/fuzzy';
import { districtOf, landmarkOf } from '../../src/lib/geo/locate/landmarks';
import { findMentions, type Mention } from '../../src/lib/geo/locate/mentions';
import { aboutSport, dropNotPlaces, notPlace } from '../../src/lib/geo/locate/not-places';
import { buildIndex } from '../../src/lib/geo/locate/places-index';
import { mentionWords, textMentions } from '../../src/lib/geo/locate/text';
import { prepBefore, tokenize } from '../../src/lib/geo/locate/tokens';
import type { WorldCities } from '../../src/lib/geo/locate/types';
import { worldCitiesOf } from '../../src/lib/server/world-cities';

const P = (name: string, kind: string, lat: number, lon: number, extra: Partial<Place> = {}) =>
	({ name, kind, lat, lon, ...extra }) as Place;

const PLACES: Place[] = [
	P('Haren', 'P.PPL', 53.17209, 6.60931, { pop: 9375 }),
	P('Haren', 'P.PPL', 51.80167, 5.58472, { pop: 690 }),
	P('Groningen', 'P.PPLA', 53.21917, 6.56667, { pop: 233218 }),
	P('Harlingen', 'P.PPL', 53.175, 5.422, { pop: 16119 }),
	P('Zwolle', 'P.PPLA', 52.5125, 6.09444, { pop: 111805 }),
	P('Utrecht', 'P.PPLA', 52.09083, 5.12222, { pop: 290529 }),
	P('Amsterdam', 'P.PPLC', 52.37403, 4.88969, { pop: 741636 }),
	P('Dam Square', 'S.SQR', 52.37293, 4.89336, { alt: ['Dam', 'de Dam'] }),
	P('Museumplein', 'S.SQR', 52.35722, 4.88194),
	P('Marktplein', 'S.SQR', 52.3602, 4.905),
	P('Marktplein', 'S.SQR', 51.7652, 5.5185),
	P('Markt', 'P.PPL', 51.85593, 5.27816, { alt: ['Mark'] }),
	P('Katwijk aan den Rijn', 'P.PPL', 52.19417, 4.42222, { pop: 5940, alt: ['Katwijk'] }),
	P('Katwijk', 'P.PPL', 51.75, 5.87083, { pop: 280 }),
	P('Noord-Brabant', 'provincie', 51.52574, 5.11919),
	P('Noordhorn', 'P.PPL', 53.2625, 6.39306, { pop: 1535 }),
	P('Essen', 'P.PPL', 53.1934, 6.6178, { pop: 90 }),
	P('Schilderswijk', 'P.PPLX', 52.06653, 4.30686),
	P('Schilderswijk', 'cbs.buurt2014', 52.24, 4.56),
	P('Wijk 13 Schilderswijk', 'cbs.wijk2014', 52.0661, 4.3075),
	P('Vogelbuurt', 'P.PPLX', 52.39, 4.92),
	P('Noord', 'P.PPLX', 52.39, 4.92),
	P('Vogelbuurt', 'P.PPLX', 51.44, 5.47),
	P('Malta', 'P.PPLX', 52.99, 6.95, { pop: 1545 }),
	P('Bergen', 'P.PPL', 52.669, 4.704, { pop: 13000 }),
	P('Urk', 'P.PPL', 52.66083, 5.60139, { pop: 20000 }),
	P('IJhaven', 'H.DCKB', 52.37654, 4.93054)
];
const ix = buildIndex(PLACES);
const scope = (world?: WorldCities): Scope => ({
	ix,
	watch: [],
	bias: undefined,
	authorPt: null,
	usedAuthor: false,
	guessed: false,
	world
});
const mentionsOf = (text: string) => {
	const tk = tokenize(text);
	return { t: tk.t, ms: textMentions(scope(), tk) };
};
const keys = (ms: Mention[]) => ms.map((m) => m.name.key);

describe('tokens', () => {
	it('keeps where each word starts, and reads "IJ" as one capital', () => {
		const { t } = tokenize('Feest in de IJhaven #Haren');
		expect(t.tok).toEqual(['feest', 'in', 'de', 'ijhaven', 'haren']);
		expect(t.from).toEqual([0, 6, 9, 12, 20]);
		expect(t.cap[3]).toBe(true);
		expect(t.hash[4]).toBe(1);
	});

	it('weighs the words before a token: "ter hoogte van" is where it happened', () => {
		const { t } = tokenize('file ter hoogte van Breukelen');
		expect(prepBefore(t.tok, 4)).toBe(1.5);
		expect(prepBefore(tokenize('vanuit Breukelen').t.tok, 1)).toBe(-1);
	});
});

describe('fuzzy', () => {
	it('matches one edit of a long town name, and only one name', () => {
		expect(withinOneEdit('groningne', 'groningen')).toBe(true);
		expect(withinOneEdit('venedaal', 'veenendaal')).toBe(false);
		const f = buildFuzzyIndex(ix.textByKey, ix.joinedKeys);
		expect(fuzzyName(f, 'groninen')?.key).toBe('groningen');
		expect(fuzzyName(f, 'zwolle')).toBeNull(); // too short a name to fuzz
	});
});

describe('places-index', () => {
	it('indexes demonyms, nicknames and made inhabitant names for towns', () => {
		expect(ix.textByKey.get('utrechtse')).toMatchObject({ via: 'demonym', tier: 0 });
		expect(ix.textByKey.get('domstad')).toMatchObject({ via: 'nickname', tier: 0 });
		expect(ix.textByKey.get('mokum')).toMatchObject({ via: 'nickname' });
		expect(ix.textByKey.get('urker')).toMatchObject({ via: 'demonym', tier: 1 });
		expect(ix.textByKey.get('urkers')?.strong.length).toBe(1);
	});

	it('marks names that only alternate names give (needs more cues)', () => {
		expect(ix.textByKey.get('mark')?.altOnly).toBe(true);
		expect(ix.textByKey.get('markt')?.altOnly).toBeFalsy();
	});

	it('reads a dock basin as a site', () => {
		expect(ix.textByKey.get('ijhaven')?.minor.length).toBe(1);
	});
});

describe('mentions', () => {
	it('prefers a nickname after an article to a minor name that starts with the article', () => {
		expect(keys(mentionsOf('richting de Domstad').ms)).toEqual(['domstad']);
	});

	it('needs a preposition and a capital for a small village by an alternate name', () => {
		const [m] = mentionsOf('Vandaag Mark hier').ms;
		expect(m.weakCued).toBe(false);
		expect(mentionsOf('wonen in Mark').ms[0].weakCued).toBe(true);
	});
});

describe('not-places', () => {
	it.each([
		['FC Utrecht speelt', 'other-name'],
		['Kaap Hoorn', 'other-name'],
		['het Duitse Haren', 'other-name'],
		['met Mark Rutte', 'other-name'],
		['alles oranje', 'other-name'],
		['op vakantie naar Malta', 'abroad']
	])('%j: %s', (text, why) => {
		const { t, ms } = mentionsOf(text);
		const m = ms[ms.length - 1];
		if (m) expect(notPlace(m, t, ms)).toBe(why);
		expect(dropNotPlaces(ms, t)).toEqual([]);
	});

	it('reads the inhabitants of a town in a text about a match as its club', () => {
		const text = 'De Zwollenaren staan na de 3-2 zege gelijk met Ajax';
		const { t, ms } = mentionsOf(text);
		expect(notPlace(ms[0], t, ms, true)).toBe('club');
		expect(dropNotPlaces(ms, t, text)).toEqual([]);
		expect(aboutSport(t, text)).toBe(true);
		const calm = 'De Zwollenaren krijgen een nieuw park';
		const b = mentionsOf(calm);
		expect(dropNotPlaces(b.ms, b.t, calm)).toBe(b.ms);
	});

	it('reads a town named without a preposition in a match report as its club', () => {
		const drop = (text: string) =>
			keys(dropNotPlaces(mentionsOf(text).ms, mentionsOf(text).t, text));
		expect(drop('Na rust kwam Zwolle sterk uit de kleedkamer')).toEqual([]);
		expect(drop('de gasten uit Zwolle kwamen op voorsprong')).toEqual([]);
		expect(drop('de Zwolse gelijkmaker viel laat, 1-1')).toEqual([]);
		// The town with a preposition of place, an adjective before people, a town right after a
		// place, and a text about the crowd stay places.
		expect(drop('na de 2-1 zege was het feest in Zwolle')).toEqual(['zwolle']);
		expect(drop('de Zwolse fans vierden de 2-1 zege')).toEqual(['zwolse']);
		expect(drop('IJhaven Amsterdam onrustig na de 2-1 zege')).toEqual(['ijhaven', 'amsterdam']);
		expect(drop('Zwolle: supporters bekogelen politie na de wedstrijd')).toEqual(['zwolle']);
	});

	it('reads a compass word that starts a province or region as no district', () => {
		const { t, ms } = mentionsOf('Katwijk is een dorpje in Noord-Brabant');
		const noord = ms.find((m) => m.name.key === 'noord');
		expect(noord && notPlace(noord, t, ms)).toBe('province');
	});

	it('reads a town with a possessive before a capitalised name as an organisation', () => {
		const text = "lid van het Zwolle's Politie Mannenkoor";
		const { t, ms } = mentionsOf(text);
		expect(notPlace(ms[0], t, ms)).toBe('other-name');
	});

	it('reads a university or broadcaster named after its town as an organisation', () => {
		for (const text of ['onderzoek van de Universiteit Utrecht', 'zegt Omroep Zwolle'])
			expect(keys(dropNotPlaces(mentionsOf(text).ms, mentionsOf(text).t))).toEqual([]);
	});

	it('keeps a plain town', () => {
		const { t, ms } = mentionsOf('brand in Utrecht');
		expect(dropNotPlaces(ms, t)).toBe(ms);
	});
});

describe('foreign', () => {
	const world: WorldCities = {
		abroad: new Map([
			['harlingen', 65774],
			['haren', 22545],
			['oslo', 580000],
			['nordhorn', 52000],
			['bergen', 213585],
			['essen', 593085]
		]),
		where: new Map([
			['groningen', ['SR', 'DE']],
			['oslo', ['NO']],
			['harlingen', ['US']],
			['haren', ['DE', 'BE']],
			['nordhorn', ['DE']],
			['lommel', ['BE']],
			['bergen', ['NO', 'DE']]
		]),
		near: new Set(['lommel', 'nordhorn', 'zaventem'])
	};
	const ctx = (text: string) => {
		const a = mentionsOf(text);
		return readForeignContext(ix, a.t, a.ms, world);
	};
	const kept = (text: string) => {
		const a = mentionsOf(text);
		return keys(dropForeign(ix, a.ms, a.t, world));
	};

	it('knows countries, regions and phrases abroad from lists, with their country', () => {
		expect(abroadAt(['in', 'tasmanie'], 1)).toEqual({ len: 1, code: 'AU' });
		expect(abroadAt(['new', 'south', 'wales'], 0)).toEqual({ len: 3, code: 'AU' });
		expect(abroadAt(['zuid', 'afrika'], 0)).toEqual({ len: 2, code: 'ZA' });
		expect(abroadAt(['zuid', 'holland'], 0)).toBeNull();
		expect(abroadAt(['limburg'], 0)).toBeNull();
		for (const w of ['beieren', 'wallonie', 'ontario', 'vestland', 'kentucky', 'normandie'])
			expect(ctx(`Storm in ${w[0].toUpperCase() + w.slice(1)} vannacht`).foreign).toBe(true);
	});

	it('knows every country, not only the neighbours, by its Dutch and English name', () => {
		expect(ctx('Overstromingen in Mozambique en Malawi').codes).toEqual(new Set(['MZ', 'MW']));
		expect(ctx('Noodweer in Sierra Leone').codes).toEqual(new Set(['SL']));
		expect(ctx('Earthquake in Nepal').codes).toEqual(new Set(['NP']));
		// The regions of the countries whose towns share Dutch names, beyond the best known.
		expect(ctx('Bosbranden in de Dordogne').codes).toEqual(new Set(['FR']));
		expect(ctx('Noodweer in Telemark').codes).toEqual(new Set(['NO']));
		expect(ctx('Storm over Western Australia').codes).toEqual(new Set(['AU']));
		expect(ctx('Droogte in de Noord-Kaap').codes).toEqual(new Set(['ZA']));
		expect(ctx('In Harlingen is het rustig').foreign).toBe(false);
	});

	it('knows Belgium beyond its cities: the parts of Brussels and Belgian public life', () => {
		expect(ctx('Rellen in Schaarbeek en Anderlecht').codes).toEqual(new Set(['BE']));
		expect(kept('Het OCMW van Haren zoekt vrijwilligers')).toEqual([]);
		expect(kept('In Haren klagen bewoners over incivisme')).toEqual([]);
		expect(kept('De politiezone rukte uit naar Haren, vlak bij Laken')).toEqual([]);
		expect(kept('In Haren klagen bewoners over overlast')).toEqual(['haren']);
		// "laken" is also a sheet: only with its capital.
		expect(ctx('een laken over de auto in Haren').foreign).toBe(false);
	});

	it('reads a province after "Belgian" as Belgian, not Dutch', () => {
		expect(ctx('Hasselt, capital of the Belgian province of Limburg')).toMatchObject({
			foreign: true,
			dutch: false
		});
		expect(ctx('Storm in Limburg').dutch).toBe(true);
	});

	it('reads a Dutch region as a Dutch cue', () => {
		expect(ctx('Storm in Noorwegen en in Twente').dutch).toBe(true);
		expect(kept('Na de storm in Noorwegen bleef Bergen in de Achterhoek zonder stroom')).toEqual([
			'bergen'
		]);
	});

	it('reads German and French text as foreign, not a Dutch one', () => {
		expect(ctx('In Haren wurde gestern die Polizei gerufen, weil es brannte').foreign).toBe(true);
		expect(ctx('Les pompiers sont intervenus dans la nuit').foreign).toBe(true);
		expect(ctx('De politie is in de nacht met de brandweer uitgerukt').foreign).toBe(false);
	});

	it('reads a town of Belgium or near the border from the world list as foreign', () => {
		expect(ctx('Brand op de markt in Lommel').codes).toEqual(new Set(['BE']));
		expect(ctx('brand op de markt in lommel').foreign).toBe(false); // needs its capital
	});

	it('reads nationality adjectives as who, not where: only twins in their country', () => {
		expect(ctx('een Noors schip').foreign).toBe(false);
		expect(ctx('een Noors schip').people).toEqual(new Set(['NO']));
		expect(ctx('vlak bij de Duitse grens').people?.size ?? 0).toBe(0);
		expect(kept('In Harlingen lag een Noors schip aan de kade')).toEqual(['harlingen']);
		expect(kept('Een Amerikaanse rapper trad op in Harlingen')).toEqual([]);
		expect(kept('Rellen in Haren bij Groningen, zeggen Duitse media')).toEqual([
			'haren',
			'groningen'
		]);
	});

	it('reads the adjectives of the neighbouring countries and of regions abroad as places', () => {
		expect(ctx('de Belgische Staat').foreign).toBe(true);
		expect(ctx('de Brusselse burgemeester').foreign).toBe(true);
		expect(kept('De Brusselse burgemeester wil de gevangenis in Haren beter beveiligen')).toEqual(
			[]
		);
	});

	it('drops a twin named with a Belgian town, and a German name with "am" or "an der"', () => {
		expect(kept('De politie viel binnen in Haren, vlak bij Zaventem')).toEqual([]);
		const b = mentionsOf('Schützenfest in Bergen an der Dumme');
		expect(followedByAbroad(b.ms[0], b.t)).toBe(true);
	});

	it('needs a Dutch cue for a village whose twin abroad is far larger ("Essen")', () => {
		expect(muchLargerAbroad(ix, mentionsOf('in Essen').ms[0], world)).toBe(true);
		expect(muchLargerAbroad(ix, mentionsOf('in Haren').ms[0], world)).toBe(false);
		expect(kept('Grote brand in Essen vannacht')).toEqual([]);
		expect(kept('Grote brand in Essen bij Groningen')).toEqual(['essen', 'groningen']);
	});

	it('reads no town abroad as a misspelt Dutch one ("Nordhorn" is not Noordhorn)', () => {
		const a = mentionsOf('Carnaval in Nordhorn');
		expect(a.ms[0]?.fuzzy).toBe(true);
		expect(dropForeign(ix, a.ms, a.t, world)).toEqual([]);
	});

	it('reads the foreign, Dutch and English cues of a text', () => {
		const a = mentionsOf('Storm in Noorwegen en Oslo');
		expect(readForeignContext(ix, a.t, a.ms, world)).toMatchObject({ foreign: true, dutch: false });
		expect([...readForeignContext(ix, a.t, a.ms, world).codes]).toEqual(['NO']);
		const b = mentionsOf('Storm in Noorwegen en Nederland');
		expect(readForeignContext(ix, b.t, b.ms, world)).toMatchObject({ foreign: true, dutch: true });
		const c = mentionsOf('The festival is held in Harlingen');
		expect(readForeignContext(ix, c.t, c.ms, world).foreign).toBe(true);
	});

	it('knows the larger twins abroad', () => {
		const { ms } = mentionsOf('in Harlingen en in Zwolle');
		expect(twinAbroad(ix, ms[0], world)).toBe(65774);
		expect(twinAbroad(ix, ms[1], world)).toBe(0);
		expect(twinAbroad(ix, ms[0], undefined)).toBe(0);
	});

	it('drops a town followed by a place abroad, and twins in a foreign text', () => {
		const a = mentionsOf('Harlingen in Texas');
		expect(followedByAbroad(a.ms[0], a.t)).toBe(true);
		expect(dropForeign(ix, a.ms, a.t, undefined)).toEqual([]);
		const b = mentionsOf('Groningen, de hoofdplaats van Saramacca');
		expect(dropForeign(ix, b.ms, b.t, world)).toEqual([]);
		expect(dropForeign(ix, b.ms, b.t, undefined)).toEqual(b.ms);
	});
});

describe('cues', () => {
	it('reads province adjectives as context', () => {
		const { t, ms } = mentionsOf('het Noord-Brabantse dorpje Katwijk');
		expect(provinceContext(ix, ms, t).length).toBeGreaterThan(0);
	});

	it('gives a town the preposition before its qualifier', () => {
		const { t, ms } = mentionsOf('feest in het Groningse Haren');
		readQualifiers(ms, t);
		const haren = ms.find((m) => m.name.key === 'haren');
		expect(haren?.prep).toBe(1.5);
		expect(ms.find((m) => m.name.key === 'groningse')?.qualifier).toBe(true);
	});

	it('reads "X bij Y": Y cues X and gives its preposition to X', () => {
		const { t, ms } = mentionsOf('Haren bij Groningen');
		readRelations(ix, ms, t);
		expect(ms[0].cued).toBe(true);
		expect(ms[0].prep).toBe(1.5);
		expect(ms[1].prep).toBe(0);
	});
});

describe('regions', () => {
	it('reads a region with its capital as context, and not as the place meant', () => {
		const { t, ms } = mentionsOf('Katwijk ligt in het Land van Cuijk');
		const pts = provinceContext(ix, ms, t);
		expect(pts).toEqual([{ lat: 51.7, lon: 5.88, r: 12 }]);
		expect(regionAt(tokenize('in de Betuwe').t, 2)?.len).toBe(1);
		expect(regionAt(tokenize('gooi het weg').t, 0)?.len).toBe(1); // the caller needs a capital
		expect(provinceContext(ix, mentionsOf('gooi het weg').ms, tokenize('gooi het weg').t)).toEqual(
			[]
		);
	});

	it('keeps only the candidates inside a region named, though others lie near it', () => {
		const near = (name: string, lat: number) =>
			PLACES.findIndex((p) => p.name === name && Math.abs(p.lat - lat) < 0.01) * 2;
		// Haren (Noord-Brabant, 690) lies 16 km from the edge of a small region around Katwijk
		// (Noord-Brabant, 280): the region decides, not the size.
		const cands = [near('Haren', 51.80167), near('Katwijk', 51.75)];
		const region = { lon: 5.87083, lat: 51.75, r: 5 };
		expect(ix.display[pick(scope(), cands, [region], 40)]).toBe('Katwijk');
	});
});

describe('landmarks', () => {
	it('places a well-known site and a one-place square on their own, not an ambiguous one', () => {
		const dam = mentionsOf('op de Dam').ms[0];
		expect(ix.display[landmarkOf(ix, dam, dam.name.minor)]).toBe('Dam');
		const mp = mentionsOf('op het Museumplein').ms[0];
		expect(ix.display[landmarkOf(ix, mp, mp.name.minor)]).toBe('Museumplein');
		const mk = mentionsOf('op het Marktplein').ms[0];
		expect(landmarkOf(ix, mk, mk.name.minor)).toBe(-1);
		const low = findMentions(ix, ['de', 'dam'], tokenize('de dam').t)[0];
		expect(landmarkOf(ix, low, low.name.minor)).toBe(-1);
	});
});

describe('districts', () => {
	it('places the one district of note of a name named alone, not a name of two', () => {
		const at = (text: string) => {
			const m = mentionsOf(text).ms[0];
			return districtOf(ix, m, m.name.minor);
		};
		expect(ix.display[at('onrust in de Schilderswijk')]).toBe('Schilderswijk');
		expect(ix.lat[at('onrust in de Schilderswijk')]).toBeCloseTo(52.0665, 3);
		expect(at('onrust in de schilderswijk')).toBe(-1); // no capital
		expect(at('onrust in de Vogelbuurt')).toBe(-1); // two districts of note
	});
});

describe('choose', () => {
	it('keeps only the candidates inside a province named', () => {
		const katwijk = ix.textByKey.get('katwijk');
		const cands = [...(katwijk?.strong ?? []), ...(katwijk?.weak ?? [])];
		const nb = { lon: 5.11919, lat: 51.52574, r: 60 };
		expect(ix.lat[pick(scope(), cands, [nb], 40)]).toBeCloseTo(51.75, 2);
	});
});

describe('confidence', () => {
	it('names the rule and lowers the confidence for weaker evidence', () => {
		const { ms } = mentionsOf('brand in Zwolle');
		ms[0].chosen = ms[0].name.strong[0] >> 1;
		expect(textRule(ms[0])).toBe('name');
		expect(textConfidence(ix, ms[0], ms, false)).toBe(RULE_CONFIDENCE.name);
		expect(textConfidence(ix, ms[0], ms, true)).toBeLessThan(RULE_CONFIDENCE.name);
		ms[0].guessed = true;
		expect(textConfidence(ix, ms[0], ms, false)).toBeLessThan(RULE_CONFIDENCE.name);
	});

	it('is below 0.9 for a name that small villages far away share, and after "uit"', () => {
		const k = mentionsOf('brand in Katwijk');
		k.ms[0].chosen = k.ms[0].name.strong[0] >> 1;
		expect(textConfidence(ix, k.ms[0], k.ms, false)).toBeLessThan(0.9);
		const a = mentionsOf('brand in Zwolle').ms;
		const b = mentionsOf('bezoekers uit Zwolle').ms;
		a[0].chosen = b[0].chosen = a[0].name.strong[0] >> 1;
		expect(textConfidence(ix, b[0], b, false)).toBeLessThan(textConfidence(ix, a[0], a, false));
	});

	it('quotes the words with their preposition', () => {
		const text = 'Grote brand in Zwolle vanavond';
		const { t, ms } = mentionsOf(text);
		expect(mentionWords(text, t, ms[0])).toBe('in Zwolle');
	});
});

describe('world-cities', () => {
	it('keeps the largest city of each name abroad and the countries of each name', () => {
		const w = worldCitiesOf([
			{ name: 'Haren', country: 'DE', population: 22545 },
			{ name: 'Haren', country: 'NL', population: 9375 },
			{ name: 'Bergen', country: 'NO', population: 213585 },
			{ name: 'Bergen', country: 'DE', population: 13609 },
			{ name: 'Groningen', country: 'SR', population: 3216 },
			{ name: 'Gent', altName: 'Ghent', country: 'BE', population: 231493 }
		]);
		expect(w.abroad.get('haren')).toBe(22545);
		expect(w.abroad.get('bergen')).toBe(213585);
		expect(w.abroad.has('groningen')).toBe(false); // below 5,000
		expect(w.where?.get('groningen')).toEqual(['SR']);
		expect(w.where?.get('bergen')).toEqual(['NO', 'DE']);
		expect(w.abroad.get('ghent')).toBe(231493);
	});

	it("lists the countries of a name once, the largest city's country first", () => {
		const w = worldCitiesOf([
			{ name: 'Kingston', country: 'US', population: 23000 },
			{ name: 'Kingston', country: 'CA', population: 114000 },
			{ name: 'Kingston', country: 'JM', population: 937700 },
			{ name: 'Kingston', country: 'US', population: 30000 }
		]);
		expect(w.where?.get('kingston')).toEqual(['JM', 'CA', 'US']);
		// A city named in a text stands for the country of its largest city of that name.
		const a = mentionsOf('Een orkaan trof gisteren Kingston zwaar');
		expect([...readForeignContext(ix, a.t, a.ms, w).codes]).toEqual(['JM']);
	});

	it('keeps the towns of Belgium and of Germany near the border, whatever their size', () => {
		const at = (lon: number, lat: number) => ({ coordinates: [lon, lat] as [number, number] });
		const w = worldCitiesOf([
			{ name: 'Ophoven', country: 'BE', population: 1200 },
			{ name: 'Nordhorn', country: 'DE', population: 52000, loc: at(7.07, 52.43) },
			{ name: 'Bad Bentheim', country: 'DE', population: 15000, loc: at(7.16, 52.3) },
			{ name: 'Passau', country: 'DE', population: 50000, loc: at(13.46, 48.57) },
			{ name: 'Essen', country: 'NL', population: 100 }
		]);
		expect([...(w.near ?? [])].sort()).toEqual(['bad bentheim', 'nordhorn', 'ophoven']);
	});
});
