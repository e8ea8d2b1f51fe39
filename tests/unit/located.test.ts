import { describe, expect, it } from 'vitest';
import { validateLocated, validateLocatedBatch } from '../../src/lib/feed/located';

const CREATED = '2025-04-27T14:00:00+02:00';
const T = Date.UTC(2025, 3, 27, 12, 0, 0);

function wire(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: '1',
		source: 'x',
		author: 'a',
		created_at: CREATED,
		text: 'hallo',
		method: 'place',
		pos: [5.12, 52.09],
		precision_m: 2000,
		located_as: 'Utrecht',
		...extra
	};
}

function without(key: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	const v = wire(extra);
	delete v[key];
	return v;
}

describe('validateLocated', () => {
	it('accepts a valid located post and parses its time', () => {
		const r = validateLocated(wire());
		expect(r).toEqual({
			ok: true,
			post: {
				id: '1',
				source: 'x',
				author: 'a',
				created_at: CREATED,
				text: 'hallo',
				t: T,
				method: 'place',
				pos: [5.12, 52.09],
				precision_m: 2000,
				located_as: 'Utrecht'
			}
		});
	});

	const valid: [string, Record<string, unknown>, Record<string, unknown>][] = [
		['gps at 0 m', wire({ method: 'gps', precision_m: 0 }), { method: 'gps', precision_m: 0 }],
		['text', wire({ method: 'text' }), { method: 'text' }],
		['pos on the WGS 84 limits', wire({ pos: [-180, 90] }), { pos: [-180, 90] }],
		[
			"method 'none' without pos or precision",
			without('pos', { method: 'none', precision_m: undefined }),
			{ method: 'none' }
		],
		['a post field kept (lang)', wire({ lang: 'nl' }), { lang: 'nl' }],
		['a non-string located_as dropped', wire({ located_as: 7 }), {}]
	];
	for (const [name, value, want] of valid) {
		it(`accepts ${name}`, () => {
			const r = validateLocated(value);
			expect(r.ok).toBe(true);
			if (r.ok) expect(r.post).toMatchObject({ ...want, t: T });
		});
	}

	it('drops a located_as that is not a string', () => {
		const r = validateLocated(wire({ located_as: 7 }));
		expect(r.ok && 'located_as' in r.post).toBe(false);
		const s = validateLocated(wire({ located_as: 'Zeist' }));
		expect(s.ok && s.post.located_as).toBe('Zeist');
	});

	it("drops pos, precision and located_as for method 'none'", () => {
		const r = validateLocated(wire({ method: 'none', pos: 'garbage', precision_m: -1 }));
		expect(r.ok && [r.post.pos, r.post.precision_m, r.post.located_as]).toEqual([
			undefined,
			undefined,
			undefined
		]);
	});

	it('ignores a t on the wire: t comes from created_at', () => {
		const r = validateLocated(wire({ t: 0 }));
		expect(r.ok && r.post.t).toBe(T);
	});

	const invalid: [string, unknown, string][] = [
		['method missing', without('method'), 'method'],
		['method unknown', wire({ method: 'geo' }), 'method'],
		['method not a string', wire({ method: 1 }), 'method'],
		['pos missing', without('pos'), 'pos'],
		['pos not an array', wire({ pos: { lon: 5, lat: 52 } }), 'pos'],
		['pos of one number', wire({ pos: [5] }), 'pos'],
		['pos of three numbers', wire({ pos: [5, 52, 0] }), 'pos'],
		['pos with a string', wire({ pos: ['5', 52] }), 'pos'],
		['pos with null', wire({ pos: [5, null] }), 'pos'],
		['pos with NaN', wire({ pos: [Number.NaN, 52] }), 'pos'],
		['pos with Infinity', wire({ pos: [5, Infinity] }), 'pos'],
		['lon out of range', wire({ pos: [180.5, 52] }), 'pos'],
		['lat out of range', wire({ pos: [5, -90.01] }), 'pos'],
		['precision missing', without('precision_m'), 'precision_m'],
		['precision negative', wire({ precision_m: -1 }), 'precision_m'],
		['precision a string', wire({ precision_m: '100' }), 'precision_m'],
		['precision NaN', wire({ precision_m: Number.NaN }), 'precision_m'],
		['precision Infinity', wire({ precision_m: Infinity }), 'precision_m'],
		['created_at missing', without('created_at'), 'created_at'],
		['created_at without offset', wire({ created_at: '2025-04-27T14:00:00' }), 'created_at'],
		['source unknown', wire({ source: 'myspace' }), 'source'],
		['id empty', wire({ id: '' }), 'id'],
		['text missing', without('text'), 'text']
	];
	for (const [name, value, field] of invalid) {
		it(`rejects ${name}, naming ${field}`, () => {
			const r = validateLocated(value);
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.reason.startsWith(`${field}:`)).toBe(true);
		});
	}

	for (const value of [null, 'post', 42, [wire()]]) {
		it(`rejects a non-object (${JSON.stringify(value)?.slice(0, 20)})`, () => {
			expect(validateLocated(value)).toEqual({ ok: false, reason: 'expected a JSON object' });
		});
	}
});

describe('validateLocatedBatch', () => {
	it('keeps the valid items in order and reports the bad ones by index', () => {
		const items = [
			wire({ id: 'a' }),
			wire({ id: 'b', method: 'satellite' }),
			wire({ id: 'c', method: 'gps', precision_m: 5 }),
			without('created_at', { id: 'd' }),
			wire({ id: 'e', pos: [500, 0] }),
			null
		];
		const r = validateLocatedBatch(items);
		expect(r.posts.map((p) => p.id)).toEqual(['a', 'c']);
		expect(r.problems.map((p) => p.where)).toEqual(['item 1', 'item 3', 'item 4', 'item 5']);
		expect(r.problems.map((p) => p.reason.split(':')[0])).toEqual([
			'method',
			'created_at',
			'pos',
			'expected a JSON object'
		]);
	});

	it('accepts an empty array', () => {
		expect(validateLocatedBatch([])).toEqual({ posts: [], problems: [] });
	});

	for (const value of [null, undefined, {}, 'x', { posts: [wire()] }]) {
		it(`gives one problem for a non-array (${JSON.stringify(value) ?? 'undefined'})`, () => {
			const r = validateLocatedBatch(value);
			expect(r.posts).toEqual([]);
			expect(r.problems).toHaveLength(1);
			expect(r.problems[0].where).toBe('response');
		});
	}
});
