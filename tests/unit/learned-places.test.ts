import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/lib/geo/gazetteer';
import {
	displayForm,
	LearnedPlaces,
	knownNames,
	unknownPlaceNames,
	type LocatedLike
} from '../../src/lib/geo/learned-places';
import { distanceM } from '../../src/lib/geo/measure';
import { prng } from './helpers';

const PLACES: Place[] = [
	{ name: 'Amsterdam', lat: 52.37403, lon: 4.88969, kind: 'P.PPLC', gm: 'GM0363', pop: 741636 },
	{ name: 'Bijlmermeer', lat: 52.31667, lon: 4.96667, kind: 'P.PPLX', gm: 'GM0363' },
	{ name: 'Utrecht', lat: 52.09083, lon: 5.12222, kind: 'P.PPLA', gm: 'GM0344', pop: 290529 },
	{ name: 'Stationsplein', lat: 52.2098, lon: 5.9686, kind: 'R.ST', gm: 'GM0200' },
	{ name: 'Kerkstraat', lat: 52.0, lon: 5.0, kind: 'R.ST', gm: 'GM0001' },
	{ name: 'Sint-Jansplein', lat: 51.5, lon: 5.5, kind: 'S.SQR', gm: 'GM0002' }
];
const KNOWN = knownNames(PLACES);
/** Where the test's square lies (it is in no gazetteer here). */
const SQ: [number, number] = [4.9551, 52.3158];

const keys = (t: string) => unknownPlaceNames(t, KNOWN).map((n) => n.key);

describe('unknownPlaceNames: place-like names the gazetteer lacks', () => {
	it('finds squares, streets and venues as written, in lower case and in hashtags', () => {
		expect(keys('Iedereen vanavond naar het Zonneplein!!')).toEqual(['zonneplein']);
		expect(keys('kom allemaal naar zonneplein om 9')).toEqual(['zonneplein']);
		expect(keys('#zonneplein #feest')).toEqual(['zonneplein']);
		expect(keys('op de Zonnegracht bij de brug')).toEqual(['zonnegracht']);
		expect(keys('morgen feest in de Kiss Kiss club')).toEqual(['kiss kiss club']);
	});
	it('keeps the capitalised words before the name, keyed by its last word', () => {
		const [n] = unknownPlaceNames('Op het Anton de Komplein in Zuidoost', KNOWN);
		expect(n).toEqual({ key: 'komplein', name: 'Anton de Komplein' });
		expect(unknownPlaceNames('op het 18 Septemberplein', KNOWN)[0].name).toBe('18 Septemberplein');
		// A sentence-opening word is no part of the name.
		expect(unknownPlaceNames('Morgen Zonneplein om 20u', KNOWN)[0].name).toBe('Zonneplein');
	});
	it('leaves gazetteer names to the locator and ordinary compounds alone', () => {
		expect(keys('naar het Stationsplein en de Kerkstraat')).toEqual([]);
		// A run-together tag ending in a known name is the locator's.
		expect(keys('#projectxkerkstraat vrijdag')).toEqual([]);
		expect(keys('ik ben onderweg naar de supermarkt, op het schoolplein')).toEqual([]);
		// Weak endings need a capital: "parkeerplaats", "weg" are words.
		expect(keys('geen parkeerplaats en de hele weg vol')).toEqual([]);
		expect(keys('Op de Oudeweg')).toEqual(['oudeweg']);
		expect(keys('op de oudeweg')).toEqual([]);
	});
	it('folds names as the locator does: hyphens, spaces and apostrophes alike', () => {
		// The gazetteer's "Sint-Jansplein" written with a space, and its key without hyphens.
		expect(keys('Iedereen naar het Sint Jansplein vanavond')).toEqual([]);
		expect(keys('Iedereen naar het Sint-Jansplein vanavond')).toEqual([]);
		expect(KNOWN.has('sint jansplein')).toBe(true);
	});
});

function post(
	i: number,
	over: Partial<LocatedLike> & { text: string; author?: string }
): LocatedLike {
	return { author: `a${i}`, t: 1_700_000_000_000 + i * 60_000, method: 'none', ...over };
}

function scatter(r: () => number, c: [number, number], m: number): [number, number] {
	return [c[0] + ((r() - 0.5) * 2 * m) / 68_000, c[1] + ((r() - 0.5) * 2 * m) / 111_000];
}

describe('LearnedPlaces: where an unknown name lies, and how sure that is', () => {
	it('learns a square from a few geotags and co-mentions of its town, far from the town centre', () => {
		const lp = new LearnedPlaces(PLACES);
		const r = prng(3);
		let i = 0;
		for (let k = 0; k < 6; k++)
			lp.observePost(
				post(i++, { text: 'markt op het Zonneplein', method: 'gps', pos: scatter(r, SQ, 60) })
			);
		// Two posted from home, 5 km away, about the square.
		for (let k = 0; k < 2; k++)
			lp.observePost(
				post(i++, { text: 'zo naar het Zonneplein', method: 'gps', pos: [4.88, 52.35] })
			);
		for (let k = 0; k < 8; k++)
			lp.observePost(
				post(i++, {
					text: 'Zonneplein in Amsterdam is opgeknapt',
					method: 'text',
					pos: [4.88969, 52.37403],
					precision_m: 3300,
					located_as: 'Amsterdam'
				})
			);
		const e = lp.get('zonneplein')!;
		expect(e.name).toBe('Zonneplein');
		// The town's centre is 7.8 km away: the geotags decide where in town.
		expect(distanceM(e.lon, e.lat, SQ[0], SQ[1])).toBeLessThan(80);
		expect(e.radius_m).toBeLessThanOrEqual(150);
		expect(e.within).toBe('Amsterdam');
		expect(e.geotags).toBe(6);
		expect(e.geotagsAll).toBe(8);
		expect(e.comentions).toBe(8);
		expect(e.confidence).toBeGreaterThan(0.8);
		expect(e.confidence).toBeLessThan(1);
		expect(e.usable).toBe(true);
	});
	it('without geotags: the most specific agreeing place, with its radius', () => {
		const lp = new LearnedPlaces(PLACES);
		let i = 0;
		const town = {
			method: 'text',
			pos: [4.88969, 52.37403] as [number, number],
			precision_m: 3300,
			located_as: 'Amsterdam'
		};
		const nb = {
			method: 'text',
			pos: [4.96667, 52.31667] as [number, number],
			precision_m: 800,
			located_as: 'Bijlmermeer'
		};
		for (let k = 0; k < 5; k++)
			lp.observePost(post(i++, { text: 'Zonneplein Amsterdam', ...town }));
		for (let k = 0; k < 3; k++) lp.observePost(post(i++, { text: 'Zonneplein Bijlmer', ...nb }));
		// Another city's same-named square: an outlier.
		lp.observePost(
			post(i++, {
				text: 'Zonneplein Utrecht',
				method: 'text',
				pos: [5.12222, 52.09083],
				precision_m: 3000,
				located_as: 'Utrecht'
			})
		);
		const e = lp.get('zonneplein')!;
		expect(e.within).toBe('Bijlmermeer');
		expect([e.lon, e.lat]).toEqual([4.96667, 52.31667]);
		expect(e.radius_m).toBe(800);
		expect(e.comentions).toBe(8);
		expect(e.comentionsAll).toBe(9);
		expect(e.confidence).toBeLessThan(0.8);
		expect(e.usable).toBe(true);
	});
	it('is unsure of a name only one author places, and of a name no post places', () => {
		const lp = new LearnedPlaces(PLACES);
		for (let k = 0; k < 5; k++)
			lp.observePost(post(k, { author: 'same', text: 'Zonneplein', method: 'gps', pos: SQ }));
		expect(lp.get('zonneplein')!.usable).toBe(false);
		for (let k = 0; k < 5; k++) lp.observePost(post(k, { text: 'het Maanplein' }));
		expect(lp.get('maanplein')).toBeNull();
	});
	it('forgets the least recently named names beyond its bound', () => {
		const lp = new LearnedPlaces(PLACES, { maxNames: 2 });
		let i = 0;
		for (const n of ['Aaplein', 'Bbplein', 'Ccplein'])
			for (let k = 0; k < 2; k++)
				lp.observePost(post(i++, { text: `het ${n}`, method: 'gps', pos: SQ }));
		expect(lp.get('aaplein')).toBeNull();
		expect(lp.get('ccplein')).not.toBeNull();
		expect(lp.all().map((e) => e.key)).toEqual(['bbplein', 'ccplein']);
	});
});

describe('displayForm: how a learned name is shown', () => {
	it('prefers a capitalised form, even when most posts write it in lower case', () => {
		const forms = new Map([
			['bijlmerplein', 9],
			['Bijlmerplein', 2],
			['BIJLMERPLEIN', 1]
		]);
		expect(displayForm(forms, 'bijlmerplein')).toBe('Bijlmerplein');
	});

	it('capitalises the first letter when every post writes it in lower case', () => {
		expect(displayForm(new Map([['zonneplein', 3]]), 'zonneplein')).toBe('Zonneplein');
		expect(displayForm(new Map(), 'zonneplein')).toBe('Zonneplein');
	});
});
