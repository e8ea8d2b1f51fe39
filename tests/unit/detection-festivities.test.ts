/**
 * National festivities whose crowds are expected (King's Night, King's Day, New Year's Eve): their
 * dates, and which posts celebrate them (src/lib/detection/festivities.ts). The detector's use of
 * them is tested in detection-detector.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { alarming, celebrates, festivitiesAt, kingsDay } from '../../src/lib/detection/festivities';

const at = (iso: string) => Date.parse(iso);

describe('festivities: dates', () => {
	it("puts King's Day on 27 April, the 26th when the 27th is a Sunday, Queen's Day before 2014", () => {
		expect(kingsDay(2024)).toEqual([4, 27]);
		// 27 April 2025 is a Sunday.
		expect(kingsDay(2025)).toEqual([4, 26]);
		// Queen's Day: 30 April 2012 (a Monday), 29 April 2006 (the 30th was a Sunday).
		expect(kingsDay(2012)).toEqual([4, 30]);
		expect(kingsDay(2006)).toEqual([4, 29]);
	});

	it("runs King's Night from 18:00 the evening before to 06:00, King's Day until 06:00 after", () => {
		expect(festivitiesAt(at('2024-04-26T17:59:00+02:00'))).toEqual([]);
		expect(festivitiesAt(at('2024-04-26T18:00:00+02:00')).map((f) => f.name)).toEqual([
			'Koningsnacht'
		]);
		expect(festivitiesAt(at('2024-04-27T05:59:00+02:00')).map((f) => f.name)).toEqual([
			'Koningsnacht'
		]);
		expect(festivitiesAt(at('2024-04-27T06:00:00+02:00')).map((f) => f.name)).toEqual([
			'Koningsdag'
		]);
		expect(festivitiesAt(at('2024-04-28T05:59:00+02:00')).map((f) => f.name)).toEqual([
			'Koningsdag'
		]);
		expect(festivitiesAt(at('2024-04-28T06:00:00+02:00'))).toEqual([]);
		// 2025: King's Day on Saturday the 26th, its night on Friday the 25th.
		expect(festivitiesAt(at('2025-04-25T23:00:00+02:00')).map((f) => f.name)).toEqual([
			'Koningsnacht'
		]);
		expect(festivitiesAt(at('2012-04-29T23:00:00+02:00')).map((f) => f.name)).toEqual([
			'Koninginnenacht'
		]);
	});

	it("runs New Year's Eve from 31 December 18:00 to 1 January 06:00, across the year", () => {
		expect(festivitiesAt(at('2024-12-31T17:00:00+01:00'))).toEqual([]);
		expect(festivitiesAt(at('2024-12-31T23:30:00+01:00')).map((f) => f.name)).toEqual([
			'Oud en Nieuw'
		]);
		expect(festivitiesAt(at('2025-01-01T05:30:00+01:00')).map((f) => f.name)).toEqual([
			'Oud en Nieuw'
		]);
		expect(festivitiesAt(at('2025-01-01T06:00:00+01:00'))).toEqual([]);
		// An ordinary night.
		expect(festivitiesAt(at('2024-10-19T23:00:00+02:00'))).toEqual([]);
	});
});

describe('festivities: posts that celebrate one', () => {
	const night = at('2024-04-26T22:30:00+02:00');
	const nye = at('2024-12-31T23:50:00+01:00');

	it('recognises the words of the festivity under way, and only during it', () => {
		for (const text of [
			'Koningsnacht op het plein, proost!',
			'Al aangeschoten op de avond voor koningsdag haha',
			'Kleedje gelegd voor de vrijmarkt morgen',
			'Kleedjesmarkt in het Vondelpark, alles voor 50 cent',
			'Everyone in orange haha #kingsday'
		])
			expect(celebrates(text, night)?.name, text).toBe('Koningsnacht');
		expect(
			celebrates('Kleedjesmarkt in het Vondelpark', at('2024-04-27T10:00:00+02:00'))?.name
		).toBe('Koningsdag');
		expect(celebrates('Vuurwerk op de Dam, gelukkig nieuwjaar!', nye)?.name).toBe('Oud en Nieuw');
		// The words of another festivity, no words, no text, another night.
		expect(celebrates('Vuurwerk op de Dam!', night)).toBeUndefined();
		expect(celebrates('Wat een drukte hier', night)).toBeUndefined();
		expect(celebrates(undefined, night)).toBeUndefined();
		expect(
			celebrates('Koningsnacht op het plein', at('2024-10-19T22:30:00+02:00'))
		).toBeUndefined();
	});

	it('never explains a post that speaks of trouble', () => {
		for (const text of [
			'ME chargeert op het plein #koningsnacht',
			'Rellen op Koningsnacht, stenen naar de politie',
			'Help, iemand gewond bij de vrijmarkt',
			'Gedrang op het plein, koningsnacht uit de hand'
		]) {
			expect(alarming(text), text).toBe(true);
			expect(celebrates(text, night), text).toBeUndefined();
		}
		expect(celebrates('Vuurwerk naar agenten gegooid, gelukkig nieuwjaar', nye)).toBeUndefined();
		// "me" in English is not the riot police; words inside other words are not trouble.
		expect(alarming('Love me some koningsnacht')).toBe(false);
		expect(alarming('Brandende liefde voor oranje, mespunt zout')).toBe(false);
	});
});
