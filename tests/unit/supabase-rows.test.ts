import { describe, expect, it } from 'vitest';
import {
	isoTimestamp,
	validateClientRow,
	validateClientRows,
	validatePostsPayload
} from '../../src/lib/supabase/rows';

const CREATED = '2012-09-21T18:30:00+00:00';
const INGESTED = '2012-09-21T18:30:02.123456+00:00';

function row(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: '1',
		source: 'x',
		author: 'ref-abc',
		created_at: CREATED,
		ingested_at: INGESTED,
		text: 'Feest in Haren',
		method: 'place',
		precision_m: 1500,
		located_as: 'Haren',
		x: 6.6093,
		y: 53.1721,
		h3_r8: '881f1d4e5bfffff',
		...extra
	};
}

describe('validateClientRow', () => {
	it('turns a placed row into a LocatedPost with pos = [x, y] and no lon/lat', () => {
		const r = validateClientRow(row());
		expect(r).toEqual({
			ok: true,
			ingestedAt: Date.parse(INGESTED),
			post: {
				id: '1',
				source: 'x',
				author: 'ref-abc',
				created_at: CREATED,
				text: 'Feest in Haren',
				t: Date.parse(CREATED),
				method: 'place',
				pos: [6.6093, 53.1721],
				precision_m: 1500,
				located_as: 'Haren'
			}
		});
	});

	it('gives a gps row its own geotag as lon/lat', () => {
		const r = validateClientRow(row({ method: 'gps', precision_m: 10, located_as: null }));
		expect(r.ok && r.post).toMatchObject({ method: 'gps', lon: 6.6093, lat: 53.1721 });
		expect(r.ok && r.post.pos).toEqual([6.6093, 53.1721]);
	});

	it("keeps a 'none' row without position, ignoring stray x/y", () => {
		const r = validateClientRow(row({ method: 'none', x: null, y: null, precision_m: null }));
		expect(r.ok).toBe(true);
		expect(r.ok && r.post.pos).toBeUndefined();
		expect(r.ok && r.post.lon).toBeUndefined();
	});

	it('keeps the optional post fields and drops nulls', () => {
		const r = validateClientRow(
			row({ lang: 'nl', url: 'https://x.test/1', place: null, engagement: { likes: 3 } })
		);
		expect(r.ok && r.post).toMatchObject({
			lang: 'nl',
			url: 'https://x.test/1',
			engagement: { likes: 3 }
		});
		expect(r.ok && 'place' in r.post).toBe(false);
	});

	it('accepts PostgreSQL text timestamps', () => {
		const r = validateClientRow(
			row({ created_at: '2012-09-21 18:30:00+00', ingested_at: '2012-09-21 18:30:02.5+00' })
		);
		expect(r.ok && r.post.t).toBe(Date.parse(CREATED));
		expect(r.ok && r.ingestedAt).toBe(Date.parse('2012-09-21T18:30:02.5Z'));
	});

	const invalid: [string, Record<string, unknown>, RegExp][] = [
		['no id', row({ id: undefined }), /^id:/],
		['unknown source', row({ source: 'myspace' }), /^source:/],
		['text not a string', row({ text: { html: '<b>' } }), /^text:/],
		['created_at missing', row({ created_at: undefined }), /^created_at:/],
		['created_at not a date', row({ created_at: '2012-02-30T10:00:00Z' }), /^created_at:/],
		['ingested_at missing', row({ ingested_at: undefined }), /^ingested_at:/],
		['method unknown', row({ method: 'guess' }), /^method:/],
		['placed without x', row({ x: undefined }), /^x\/y:/],
		['x a string', row({ x: '6.6' }), /^x\/y:/],
		['y out of range', row({ y: 91 }), /^x\/y:/],
		['x not finite', row({ x: Infinity }), /^x\/y:/],
		['negative precision', row({ precision_m: -1 }), /^precision_m:/],
		['NUL in text', row({ text: 'a\u0000b' }), /^text:/]
	];
	for (const [name, value, reason] of invalid) {
		it(`rejects: ${name}`, () => {
			const r = validateClientRow(value);
			expect(r.ok).toBe(false);
			expect(!r.ok && r.reason).toMatch(reason);
		});
	}

	it('rejects what is not an object', () => {
		for (const v of [null, 1, 'row', [row()]]) expect(validateClientRow(v).ok).toBe(false);
	});
});

describe('validateClientRows / validatePostsPayload', () => {
	it('keeps the valid items and says where the others failed', () => {
		const b = validateClientRows([row({ id: 'a' }), { id: 'b' }, row({ id: 'c' }), 7], 'page 0');
		expect(b.rows.map((r) => r.post.id)).toEqual(['a', 'c']);
		expect(b.problems.map((p) => p.where)).toEqual(['page 0 item 1', 'page 0 item 3']);
	});

	it('reports a response that is not an array', () => {
		expect(validateClientRows({ rows: [] }, 'r')).toEqual({
			rows: [],
			problems: [{ where: 'r', reason: 'expected a JSON array of post rows' }]
		});
	});

	it('reads the posts of a Realtime payload and survives hostile ones', () => {
		expect(validatePostsPayload({ posts: [row()] }, 'm').rows).toHaveLength(1);
		for (const p of [null, [], 'x', { posts: 'x' }, { posts: null }, { other: [row()] }]) {
			const b = validatePostsPayload(p, 'm');
			expect(b.rows).toEqual([]);
			expect(b.problems).toHaveLength(1);
		}
	});

	it('keeps hostile text as text', () => {
		const text = '<img src=x onerror=alert(1)>';
		const b = validatePostsPayload({ posts: [row({ text })] }, 'm');
		expect(b.rows[0].post.text).toBe(text);
	});
});

describe('isoTimestamp', () => {
	it.each([
		['2012-09-21 18:30:00+00', '2012-09-21T18:30:00+00:00'],
		['2012-09-21 18:30:00.123456+02', '2012-09-21T18:30:00.123456+02:00'],
		['2012-09-21T18:30:00+0530', '2012-09-21T18:30:00+05:30'],
		['2012-09-21T18:30:00Z', '2012-09-21T18:30:00Z'],
		['garbage', 'garbage']
	])('%s → %s', (input, want) => {
		expect(isoTimestamp(input)).toBe(want);
	});
});
