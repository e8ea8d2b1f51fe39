import { describe, expect, it } from 'vitest';
import { readPostsCsv, CsvHeaderError } from '../../src/lib/ingest/csv';
import {
	createPipeline,
	normaliseText,
	type IngestItem,
	type RejectRow,
	type Store
} from '../../src/lib/ingest/pipeline';
import type { IngestRow } from '../../src/lib/ingest/rows';
import { createLocator } from '../../src/lib/geo/locate';
import { readPostsStream } from '../../src/lib/posts/ndjson';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';

/** A store in memory that de-duplicates like the database, and can fail on demand. */
function memoryStore(opts: { failAt?: number } = {}) {
	const stored = new Map<string, IngestRow>();
	const rejects: RejectRow[] = [];
	let calls = 0;
	const store: Store = {
		async insert(rows) {
			if (++calls === opts.failAt) throw new Error('database down');
			await new Promise((r) => setTimeout(r, 1));
			const keys = new Set<string>();
			for (const r of rows) {
				const k = `${r.source}\u0000${r.id}`;
				if (stored.has(k)) continue;
				stored.set(k, r);
				keys.add(k);
			}
			return keys;
		},
		async reject(rows) {
			rejects.push(...rows);
		}
	};
	return { store, stored, rejects };
}

const locator = createLocator(BUILTIN_PLACES);
/** A stand-in for the HMAC: a number from the text, so the handle does not show in it. */
const pseudonymise = (s: string, h: string) =>
	`ref${[...`${s}:${h}`].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7)}`;

function post(id: string, extra: Record<string, unknown> = {}) {
	return {
		id,
		source: 'x',
		author: `@user${id}`,
		created_at: '2012-09-21T20:00:00+02:00',
		text: 'hallo',
		...extra
	};
}

function pipeline(store: Store, extra: Partial<Parameters<typeof createPipeline>[0]> = {}) {
	return createPipeline({
		store,
		locator,
		pseudonymise,
		entry: 'api',
		origin: 'test',
		classify: (p) => (/help/i.test(p.text) ? ['help'] : []),
		...extra
	});
}

describe('ingest pipeline', () => {
	it('stores valid posts once, rejects bad ones with reasons, keeps order', async () => {
		const m = memoryStore();
		const p = pipeline(m.store, { batchSize: 2, concurrency: 2 });
		const items: IngestItem[] = [
			{ line: 1, value: post('a', { text: 'HELP bij station Haren', lon: 6.62, lat: 53.17 }) },
			{ line: 2, error: 'invalid JSON: Unexpected token', raw: '{"author": "@secret", oops' },
			{ line: 3, value: post('b', { lon: 200, lat: 1 }) },
			{ line: 4, value: post('a') },
			{ line: 5, value: post('c', { source: 'myspace' }) },
			{ line: 6, value: post('d') },
			{ line: 7, value: [1, 2] }
		];
		await p.add(items);
		await p.flush();
		expect(p.outcomes.map((o) => [o.line, o.status])).toEqual([
			[1, 'stored'],
			[2, 'rejected'],
			[3, 'rejected'],
			[4, 'duplicate'],
			[5, 'rejected'],
			[6, 'stored'],
			[7, 'rejected']
		]);
		expect(p.outcomes[2].reason).toMatch(/^lon: /);
		expect(p.outcomes[4].reason).toMatch(/^source: /);
		expect([...m.stored.keys()].sort()).toEqual(['x\u0000a', 'x\u0000d']);
		const a = m.stored.get('x\u0000a')!;
		expect(a.author).toBe(pseudonymise('x', '@usera'));
		expect(a.handle).toBe('@usera');
		expect(a.classes).toEqual(['help']);
		expect(a.method).toBe('gps');
		expect(a.h3_r8).toMatch(/^88/);
		expect(m.stored.get('x\u0000d')!.classes).toBeUndefined();
		const s = p.summary();
		expect([s.received, s.stored, s.duplicates, s.rejected]).toEqual([7, 2, 1, 4]);
	});

	it('keeps dead letters with the reason, the raw line, and a copy with the author pseudonymised', async () => {
		const m = memoryStore();
		const p = pipeline(m.store);
		await p.add([
			{ line: 3, value: post('b', { lon: 200, lat: 1, author: '@real.name' }) },
			{ line: 4, error: 'invalid JSON: x', raw: '{"author": "@secret", oops' }
		]);
		await p.flush();
		expect(m.rejects).toHaveLength(2);
		const [bad, broken] = m.rejects;
		expect(bad).toMatchObject({ entry: 'api', origin: 'test', line: 3, source: 'x', post_id: 'b' });
		expect(bad.raw).toContain('@real.name');
		expect(bad.raw_redacted).not.toContain('@real.name');
		expect(JSON.parse(bad.raw_redacted!).author).toBe(pseudonymise('x', '@real.name'));
		expect(broken.raw).toBe('{"author": "@secret", oops');
		expect(broken.raw_redacted).toBe('{"author": "[verwijderd]", oops');
	});

	it('refuses other sources for a key bound to one source', async () => {
		const m = memoryStore();
		const p = pipeline(m.store, { onlySource: 'bluesky' });
		await p.add([
			{ line: 1, value: post('a') },
			{ line: 2, value: post('b', { source: 'bluesky' }) }
		]);
		await p.flush();
		expect(p.outcomes.map((o) => o.status)).toEqual(['rejected', 'stored']);
		expect(p.outcomes[0].reason).toMatch(/only send source "bluesky"/);
	});

	it('a duplicate already in the database is reported as a duplicate', async () => {
		const m = memoryStore();
		const first = pipeline(m.store);
		await first.add([{ line: 1, value: post('a') }]);
		await first.flush();
		const again = pipeline(m.store);
		await again.add([
			{ line: 1, value: post('a') },
			{ line: 2, value: post('b') }
		]);
		await again.flush();
		expect(again.outcomes.map((o) => o.status)).toEqual(['duplicate', 'stored']);
	});

	it('a failing store fails the pipeline instead of reporting posts as stored', async () => {
		const m = memoryStore({ failAt: 2 });
		const p = pipeline(m.store, { batchSize: 1, concurrency: 1 });
		await expect(
			(async () => {
				await p.add([1, 2, 3].map((i) => ({ line: i, value: post(`p${i}`) })));
				await p.flush();
			})()
		).rejects.toThrow('database down');
		expect(p.outcomes.filter((o) => o.status === 'stored')).toHaveLength(1);
	});

	it('normalises text: NFC, no control or bidi override characters, line breaks kept', () => {
		expect(normaliseText('cafe\u0301')).toBe('café');
		expect(normaliseText('a\u0000b\u0007c\u001bd\u009be')).toBe('abcde');
		expect(normaliseText('x\u202Eevil\u202C y\u2066z\u2069')).toBe('xevil yz');
		expect(normaliseText('regel 1\nregel 2\ttab\r\n')).toBe('regel 1\nregel 2\ttab\r\n');
	});

	it('takes the NDJSON reader hostile lines: bad UTF-8, a huge line, script in text', async () => {
		const enc = new TextEncoder();
		const huge = `{"id":"h","source":"x","author":"a","created_at":"2024-01-01T00:00:00Z","text":"${'a'.repeat(10 * 1024 * 1024)}"}`;
		const chunks: Uint8Array[] = [
			enc.encode(JSON.stringify(post('ok1', { text: '<script>alert(1)</script>' })) + '\n'),
			new Uint8Array([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
			enc.encode(huge + '\n'),
			enc.encode(JSON.stringify(post('ok2')) + '\n')
		];
		const m = memoryStore();
		const p = pipeline(m.store);
		for await (const r of readPostsStream(chunks))
			await p.add([
				'post' in r
					? { line: r.line, post: r.post }
					: { line: r.error.line, error: r.error.reason, ...(r.raw ? { raw: r.raw } : {}) }
			]);
		await p.flush();
		expect(p.outcomes.map((o) => [o.line, o.status])).toEqual([
			[1, 'stored'],
			[2, 'rejected'],
			[3, 'rejected'],
			[4, 'stored']
		]);
		expect(p.outcomes[1].reason).toBe('invalid UTF-8');
		expect(p.outcomes[2].reason).toMatch(/longer than/);
		expect(m.stored.get('x\u0000ok1')!.text).toBe('<script>alert(1)</script>');
	});

	it("with keep: 'rejected' it counts every line but keeps only the rejected ones", async () => {
		const m = memoryStore();
		const p = pipeline(m.store, { keep: 'rejected', batchSize: 2 });
		await p.add([
			{ line: 1, value: post('k1') },
			{ line: 2, value: post('k1') },
			{ line: 3, value: post('k2', { lon: 500, lat: 0 }) },
			{ line: 4, value: post('k3') }
		]);
		await p.flush();
		expect(p.outcomes.map((o) => [o.line, o.status])).toEqual([[3, 'rejected']]);
		const s = p.summary();
		expect([s.received, s.stored, s.duplicates, s.rejected]).toEqual([4, 2, 1, 1]);
	});

	it('a flood of duplicates stores one', async () => {
		const m = memoryStore();
		const p = pipeline(m.store, { batchSize: 100, concurrency: 2 });
		await p.add(Array.from({ length: 5000 }, (_, i) => ({ line: i + 1, value: post('same') })));
		await p.flush();
		const s = p.summary();
		expect([s.stored, s.duplicates]).toEqual([1, 4999]);
		expect(m.stored.size).toBe(1);
	});
});

describe('posts CSV', () => {
	const header = 'id,source,author,created_at,text,lon,lat,likes,notes\n';
	async function read(text: string, split = text.length) {
		const chunks: string[] = [];
		for (let i = 0; i < text.length; i += split) chunks.push(text.slice(i, i + split));
		const out = [];
		let unknown: string[] = [];
		for await (const r of readPostsCsv(chunks, { onHeader: (u) => (unknown = u) })) out.push(r);
		return { out, unknown };
	}

	it('maps the header to the format, with quotes, line breaks and numbers, in any chunking', async () => {
		const text =
			'\ufeff' +
			header.replace('\n', '\r\n') +
			'1,x,a,2024-01-01T00:00:00Z,"hoi, ""daar""\nregel 2",4.9,52.3,3,z\r\n' +
			'2,x,b,2024-01-01T00:00:00Z,,,,,\n';
		for (const split of [text.length, 1, 2, 5]) {
			const { out, unknown } = await read(text, split);
			expect(unknown).toEqual(['notes']);
			expect(out).toEqual([
				{
					line: 2,
					value: {
						id: '1',
						source: 'x',
						author: 'a',
						created_at: '2024-01-01T00:00:00Z',
						text: 'hoi, "daar"\nregel 2',
						lon: 4.9,
						lat: 52.3,
						engagement: { likes: 3 }
					},
					raw: '1,x,a,2024-01-01T00:00:00Z,"hoi, ""daar""\nregel 2",4.9,52.3,3,z'
				},
				{
					line: 4,
					value: {
						id: '2',
						source: 'x',
						author: 'b',
						created_at: '2024-01-01T00:00:00Z',
						text: ''
					},
					raw: '2,x,b,2024-01-01T00:00:00Z,,,,,'
				}
			]);
		}
	});

	it('rejects records that cannot be posts, with the line', async () => {
		const { out } = await read(
			header +
				'3,x,c,2024-01-01T00:00:00Z,t,"52,37",1,,\n' +
				'4,x,d,2024-01-01T00:00:00Z,a,1,2,3,4,5\n' +
				'"5,x'
		);
		expect(out.map((r) => [r.line, 'error' in r ? r.error : 'ok'])).toEqual([
			[2, 'lon: "52,37" is not a number'],
			[3, '10 cells, but the header has 9 columns'],
			[4, 'a quoted field is not closed before the end of the file']
		]);
	});

	it('refuses a header without the required columns', async () => {
		await expect(read('id,text\n1,hoi\n')).rejects.toThrow(CsvHeaderError);
		await expect(read('id,text\n1,hoi\n')).rejects.toThrow(/source, author, created_at/);
	});
});
