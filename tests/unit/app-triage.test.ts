import { describe, expect, it } from 'vitest';
import { latLngToCell, cellToParent } from 'h3-js';
import { isoWindow, parseUnplaced, placeArgs } from '../../src/lib/app/triage';

describe('parseUnplaced', () => {
	it('keeps well-formed rows and drops the rest', () => {
		const list = parseUnplaced([
			{
				source: 'x',
				id: 'p1',
				created_at: '2026-12-08T20:00:00Z',
				author: 'ra',
				text: '<b>hier</b>'
			},
			{ source: 'x', id: 'p2', created_at: 'soon' },
			{ source: 'x', id: 7, created_at: '2026-12-08T20:00:00Z' },
			{ source: 'x', id: 'y'.repeat(201), created_at: '2026-12-08T20:00:00Z' },
			null
		]);
		expect(list).toEqual([
			{
				key: 'x\u0000p1',
				source: 'x',
				id: 'p1',
				t: Date.parse('2026-12-08T20:00:00Z'),
				text: '<b>hier</b>',
				author: 'ra'
			}
		]);
		expect(parseUnplaced('nope')).toEqual([]);
	});
});

describe('placeArgs', () => {
	const post = { source: 'x', id: 'p1' };
	it('gives place_post its arguments with the H3 cells of the position', () => {
		const a = placeArgs(
			post,
			{ lon: 6.6093, lat: 53.1721, place: 'Haren', precision_m: 500 },
			' foto '
		);
		expect(a.ok).toBe(true);
		if (!a.ok) return;
		const r10 = latLngToCell(53.1721, 6.6093, 10);
		expect(a.args).toEqual({
			source: 'x',
			post_id: 'p1',
			lon: 6.6093,
			lat: 53.1721,
			reason: 'foto',
			place: 'Haren',
			precision_m: 500,
			h3_r5: cellToParent(r10, 5),
			h3_r8: cellToParent(r10, 8),
			h3_r10: r10
		});
		const click = placeArgs(post, { lon: 6.6, lat: 53.1 }, 'x');
		expect(click.ok && click.args.precision_m).toBe(100);
	});
	it('refuses a missing reason or a bad position', () => {
		expect(placeArgs(post, { lon: 6.6, lat: 53.1 }, '  ')).toEqual({ ok: false, error: 'reason' });
		expect(placeArgs(post, { lon: NaN, lat: 53.1 }, 'x')).toEqual({ ok: false, error: 'position' });
		expect(placeArgs(post, { lon: 6.6, lat: 95 }, 'x')).toEqual({ ok: false, error: 'position' });
	});
	it('gives the window as ISO times', () => {
		expect(isoWindow(0, 60_000)).toEqual({
			t_from: '1970-01-01T00:00:00.000Z',
			t_to: '1970-01-01T00:01:00.000Z'
		});
	});
});
