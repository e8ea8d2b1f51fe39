import { describe, expect, it } from 'vitest';
import {
	modeSearch,
	parseViewParams,
	resolveMode,
	withParams
} from '../../src/lib/app/view-params';

describe('parseViewParams', () => {
	it('reads every parameter a wall screen can be given', () => {
		const p = parseViewParams(
			'?mode=replay&role=analist.nn&scenario=haren&t=2012-09-21T20:00:00%2B02:00&speed=600&window=6h&play=0&center=6.6,53.17&zoom=12.5&layers=heat,points&lang=en&kiosk=1&cycle=30&incident=inc-surge%3A42'
		);
		expect(p).toEqual({
			mode: 'replay',
			role: 'analist.nn',
			scenario: 'haren',
			t: Date.parse('2012-09-21T18:00:00Z'),
			speed: 600,
			play: false,
			window: '6h',
			center: [6.6, 53.17],
			zoom: 12.5,
			layers: 'heat,points',
			lang: 'en',
			kiosk: true,
			cycle: 30,
			incident: 'inc-surge:42'
		});
	});

	it('falls back to defaults on absent or invalid values (a typo must not break a wall screen)', () => {
		const p = parseViewParams(
			'?mode=both&t=yesterday&speed=7&window=2h&center=6.6&zoom=abc&lang=fr&play=1&kiosk=yes&cycle=2'
		);
		expect(p).toEqual({
			mode: null,
			role: null,
			scenario: null,
			t: null,
			speed: null,
			play: true,
			window: null,
			center: null,
			zoom: null,
			layers: null,
			lang: 'nl',
			kiosk: false,
			cycle: null,
			incident: null
		});
		expect(parseViewParams('?center=200,53&zoom=30').center).toBeNull();
		expect(parseViewParams('?zoom=30').zoom).toBeNull();
		expect(parseViewParams('?speed=NaN').speed).toBeNull();
		expect(parseViewParams('?layers=').layers).toBe('');
		expect(parseViewParams('?cycle=601').cycle).toBeNull();
		expect(parseViewParams('?cycle=5').cycle).toBe(5);
		// An incident link with no id, an over-long one or control characters opens nothing.
		expect(parseViewParams('?incident=').incident).toBeNull();
		expect(parseViewParams(`?incident=${'x'.repeat(201)}`).incident).toBeNull();
		expect(parseViewParams('?incident=inc-a%0Ab').incident).toBeNull();
	});
});

describe('resolveMode', () => {
	const cases: [string, boolean, 'live' | 'replay'][] = [
		['', true, 'live'],
		['', false, 'replay'],
		['?mode=live', false, 'replay'],
		['?mode=replay', true, 'replay'],
		['?scenario=haren', true, 'replay'],
		['?t=2012-09-21T20:00:00Z', true, 'replay'],
		['?mode=live&scenario=haren', true, 'live']
	];
	it.each(cases)('%s with database %s → %s', (search, db, mode) => {
		expect(resolveMode(parseViewParams(search), db)).toBe(mode);
	});
});

describe('URL building', () => {
	it('sets and removes parameters, keeping the others', () => {
		expect(withParams('?a=1&b=2', { b: null, c: '3' })).toBe('a=1&c=3');
	});
	it('live drops the replay start and scenario and names the role', () => {
		expect(modeSearch('?mode=replay&t=x&scenario=haren&zoom=9', 'live', 'burgemeester')).toBe(
			'mode=live&zoom=9&role=burgemeester'
		);
		expect(modeSearch('?mode=live&role=x', 'replay', 'x')).toBe('mode=replay&role=x');
	});
});
