import { describe, expect, it } from 'vitest';
import { HelpBook } from '../../src/lib/map/help';
import type { LocatedPost } from '../../src/lib/posts/post';

const T0 = Date.parse('2012-09-21T20:00:00+02:00');
function post(id: string, t: number, text: string, pos?: [number, number]): LocatedPost {
	return {
		id,
		source: 'x',
		author: 'a',
		created_at: new Date(t).toISOString(),
		text,
		t,
		method: pos ? 'gps' : 'none',
		...(pos ? { pos, precision_m: 25 } : {})
	};
}

describe('HelpBook', () => {
	it('keeps the calls for help, newest first, with cues, once each', () => {
		const b = new HelpBook();
		b.add([
			post('1', T0, 'help er ligt iemand gewond, bel 112', [6.6, 53.17]),
			post('2', T0 + 1000, 'lekker weer'),
			post('3', T0 + 2000, 'HELP iemand is neergestoken bij de supermarkt!!')
		]);
		b.add([post('1', T0, 'help er ligt iemand gewond, bel 112', [6.6, 53.17])]);
		const calls = b.between(T0 - 1, T0 + 5000);
		expect(calls.map((c) => c.id)).toEqual(['3', '1']);
		expect(calls[1].pos).toEqual([6.6, 53.17]);
		expect(calls[0].pos).toBeUndefined();
		expect(calls[0].cues.length).toBeGreaterThan(0);
		expect(b.between(T0 + 1, T0 + 1500)).toEqual([]);
	});

	it('places late posts in time order, stays bounded, and clears', () => {
		const b = new HelpBook(3);
		for (const i of [5, 1, 3, 4, 2])
			b.add([post(`p${i}`, T0 + i * 1000, 'help, bel 112 er ligt iemand')]);
		expect(b.size).toBe(3);
		expect(b.between(0, Infinity).map((c) => c.id)).toEqual(['p5', 'p4', 'p3']);
		const v = b.version;
		b.clear();
		expect(b.size).toBe(0);
		expect(b.version).toBeGreaterThan(v);
	});
});
