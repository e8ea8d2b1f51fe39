import { describe, expect, it } from 'vitest';
import { parseAreas } from '../../src/lib/supabase/areas';

const square = [
	[6.6, 53.17],
	[6.6, 53.18],
	[6.61, 53.18],
	[6.61, 53.17],
	[6.6, 53.17]
];

describe('parseAreas', () => {
	it('turns the areas() rows into area definitions', () => {
		const r = parseAreas([{ id: 'a1', name: 'Centrum Haren', ring: square, planned_crowd: null }]);
		expect(r.problems).toEqual([]);
		expect(r.areas).toEqual([{ id: 'a1', name: 'Centrum Haren', polygon: square }]);
	});

	it('keeps the valid areas and says where the others failed', () => {
		const r = parseAreas([
			{ id: 'a1', name: 'ok', ring: square },
			{ id: 'a2', name: 'open', ring: square.slice(0, 3) },
			{ id: 'a3', name: 'nan', ring: [[NaN, 1], ...square.slice(1)] },
			{ id: 'a4', name: 'far', ring: [[200, 1], ...square.slice(1)] },
			{ name: 'no id', ring: square },
			'<script>'
		]);
		expect(r.areas.map((a) => a.id)).toEqual(['a1']);
		expect(r.problems.map((p) => p.where)).toEqual([
			'areas() item 1',
			'areas() item 2',
			'areas() item 3',
			'areas() item 4',
			'areas() item 5'
		]);
		expect(r.problems[0].reason).toMatch(/at least 4/);
		expect(r.problems[3].reason).toMatch(/id/);
	});

	it('reports an answer that is not an array', () => {
		expect(parseAreas({ error: 'x' }).problems).toHaveLength(1);
		expect(parseAreas(null).areas).toEqual([]);
	});
});
