import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/lib/geo/gazetteer';
import { fold, kindPrecision, searchPlaces } from '../../src/lib/geo/place-search';

const places: Place[] = [
	{ name: 'Haren', lat: 53.17, lon: 6.6, kind: 'P.PPL', gm: 'GM0017', pop: 19000 },
	{ name: 'Haren', lat: 51.77, lon: 5.61, kind: 'P.PPL', gm: 'GM1721', pop: 300 },
	{ name: 'Harenermolen', lat: 53.18, lon: 6.58, kind: 'P.PPL', pop: 500 },
	{ name: 'Kerkstraat', lat: 53.17, lon: 6.61, kind: 'R.ST', gm: 'GM0017' },
	{ name: 'Den Haag', alt: ["'s-Gravenhage"], lat: 52.08, lon: 4.3, kind: 'P.PPLA', pop: 500000 },
	{ name: 'Zuidharen', lat: 53.1, lon: 6.6, kind: 'cbs.buurt2014' }
];

describe('searchPlaces', () => {
	it('ranks an exact name, then a prefix, then a part; larger places first', () => {
		expect(searchPlaces(places, 'haren').map((h) => [h.name, h.gm])).toEqual([
			['Haren', 'GM0017'],
			['Haren', 'GM1721'],
			['Harenermolen', undefined],
			['Zuidharen', undefined]
		]);
	});
	it('ignores case and diacritics, finds alternative names, and gives a precision by kind', () => {
		expect(searchPlaces(places, 'KERKSTR')).toEqual([
			{ name: 'Kerkstraat', lon: 6.61, lat: 53.17, kind: 'R.ST', gm: 'GM0017', precision_m: 200 }
		]);
		expect(searchPlaces(places, "'s-gravenhage")[0].name).toBe("'s-Gravenhage");
		expect(fold('Café  Één')).toBe('cafe een');
		expect(kindPrecision('cbs.buurt2014')).toBe(500);
	});
	it('needs two characters and keeps to the limit', () => {
		expect(searchPlaces(places, 'h')).toEqual([]);
		expect(searchPlaces(places, 'ha', 2)).toHaveLength(2);
	});
});
