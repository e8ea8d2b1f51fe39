import { describe, expect, it } from 'vitest';
import { cellToParent, getResolution, isValidCell, latLngToCell } from 'h3-js';
import { ingestRow } from '../../src/lib/ingest/rows';
import { hmacPseudonymiser } from '../../src/lib/server/pseudonym';
import type { LocatedPost } from '../../src/lib/posts/post';

const KEY = 'ab'.repeat(32);
const pseudonymise = hmacPseudonymiser(KEY);

const base: LocatedPost = {
	id: 'x:1',
	source: 'x',
	author: '@merel',
	created_at: '2012-09-21T20:30:00+02:00',
	text: '<b>feest</b> bij Haren',
	t: Date.parse('2012-09-21T20:30:00+02:00'),
	method: 'gps',
	lon: 6.6071,
	lat: 53.1728,
	pos: [6.6071, 53.1728],
	precision_m: 10
};

describe('ingestRow', () => {
	it('computes H3 cells at 5, 8 and 10 that nest, from the located position', () => {
		const r = ingestRow(base, pseudonymise);
		expect(r.h3_r10).toBe(latLngToCell(53.1728, 6.6071, 10));
		expect(r.h3_r8).toBe(cellToParent(r.h3_r10!, 8));
		expect(r.h3_r5).toBe(cellToParent(r.h3_r10!, 5));
		for (const [c, res] of [
			[r.h3_r5, 5],
			[r.h3_r8, 8],
			[r.h3_r10, 10]
		] as const) {
			expect(isValidCell(c!)).toBe(true);
			expect(getResolution(c!)).toBe(res);
			expect(c).toMatch(/^[0-9a-f]{15}$/);
		}
		expect([r.x, r.y, r.precision_m, r.method]).toEqual([6.6071, 53.1728, 10, 'gps']);
	});

	it('never puts the handle in author: the pseudonym is a keyed hash, stable per source', () => {
		const r = ingestRow(base, pseudonymise);
		expect(r.author).toMatch(/^[0-9a-f]{32}$/);
		expect(r.author).not.toContain('merel');
		expect(r.handle).toBe('@merel');
		expect(ingestRow(base, pseudonymise).author).toBe(r.author);
		expect(ingestRow({ ...base, source: 'instagram' }, pseudonymise).author).not.toBe(r.author);
		expect(ingestRow(base, hmacPseudonymiser('cd'.repeat(32))).author).not.toBe(r.author);
	});

	it('leaves unplaced posts without position or cells, and keeps the text as written', () => {
		const { pos: _pos, precision_m: _p, lon: _lon, lat: _lat, ...rest } = base;
		const r = ingestRow({ ...rest, method: 'none' }, pseudonymise);
		expect(r.x).toBeUndefined();
		expect(r.h3_r5).toBeUndefined();
		expect(r.precision_m).toBeUndefined();
		expect(r.text).toBe('<b>feest</b> bij Haren');
	});

	it('rejects a pseudonym key that is not 32 bytes of hex', () => {
		expect(() => hmacPseudonymiser('short')).toThrow(/64 hex/);
	});
});
