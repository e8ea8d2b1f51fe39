import { describe, expect, it } from 'vitest';
import { createIngestHandler, type ApiKey } from '../../src/lib/server/ingest-api';
import { createPipeline } from '../../src/lib/ingest/pipeline';
import { createLocator } from '../../src/lib/geo/locate';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';

const locator = createLocator(BUILTIN_PLACES);

/** The handler over an in-memory store, with a clock the test moves. */
function setup(key: Partial<ApiKey> = {}) {
	let now = 1_000_000;
	const stored = new Set<string>();
	const h = createIngestHandler({
		lookupKey: async (hash) =>
			hash === 'h:good'
				? {
						name: 'k',
						source: null,
						requests_per_min: 600,
						posts_per_min: 600,
						revoked: false,
						...key
					}
				: null,
		pipeline: async () =>
			createPipeline({
				store: {
					insert: async (rows) => {
						const keys = new Set<string>();
						for (const r of rows) {
							const k = `${r.source}\u0000${r.id}`;
							if (!stored.has(k)) keys.add(k);
							stored.add(k);
						}
						return keys;
					},
					reject: async () => {}
				},
				locator,
				pseudonymise: (s, a) => `ref-${s}-${a.length}`,
				entry: 'api',
				origin: 'k'
			}),
		sha256: async (s) => `h:${s}`,
		now: () => now
	});
	const send = (n: number, start = 0) =>
		h(
			new Request('http://x/api/ingest', {
				method: 'POST',
				headers: { authorization: 'Bearer good', 'content-type': 'application/x-ndjson' },
				body: Array.from({ length: n }, (_, i) =>
					JSON.stringify({
						id: `p${start + i}`,
						source: 'other',
						author: 'a',
						created_at: '2024-01-01T00:00:00Z',
						text: 'x'
					})
				).join('\n')
			})
		);
	return { send, advance: (ms: number) => (now += ms), stored, h };
}

const line = (id: string) =>
	JSON.stringify({
		id,
		source: 'other',
		author: 'a',
		created_at: '2024-01-01T00:00:00Z',
		text: 'x'
	}) + '\n';

/** As SvelteKit's Node adapter hands a request to the route (no body without a type). */
function raw(type: string | null, body: string | null) {
	const headers: Record<string, string> = { authorization: 'Bearer good' };
	if (type !== null) headers['content-type'] = type;
	// A string body would get text/plain from Request itself: bytes get no type.
	const bytes = body === null ? null : new TextEncoder().encode(body);
	const r = new Request('http://x/api/ingest', { method: 'POST', headers, body: bytes });
	expect(r.headers.get('content-type')).toBe(type);
	return r;
}

describe('ingest API content types', () => {
	it('answers 415 naming the types to send when there is no Content-Type, never 200 with nothing stored', async () => {
		const { h, stored } = setup();
		for (const body of [line('a1'), null]) {
			const r = await h(raw(null, body));
			expect(r.status).toBe(415);
			const err = (await r.json()).error as string;
			expect(err).toContain('application/x-ndjson');
			expect(err).toContain('application/json');
		}
		expect(stored.size).toBe(0);
	});

	for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-ndjson']) {
		it(`stores NDJSON sent as ${type}`, async () => {
			const { h, stored } = setup();
			const r = await h(raw(type, line('b1') + line('b2')));
			expect(r.status).toBe(200);
			expect((await r.json()).stored).toBe(2);
			expect(stored.size).toBe(2);
		});
	}

	it('answers 415 for a form type, naming the types to send', async () => {
		const { h } = setup();
		const r = await h(raw('application/x-www-form-urlencoded', line('c1')));
		expect(r.status).toBe(415);
		expect((await r.json()).error).toContain('application/x-ndjson');
	});
});

describe('ingest API rate limits', () => {
	it('spends the posts budget: a minute of 600 posts, then 429 until it refills', async () => {
		const s = setup();
		expect((await s.send(500, 0)).status).toBe(200);
		expect((await s.send(200, 500)).status).toBe(200); // 100 left: taken, the bucket goes negative
		const refused = await s.send(1, 700);
		expect(refused.status).toBe(429);
		// 101 posts short at 600 a minute: about 10 s.
		expect(refused.headers.get('retry-after')).toBe('11');
		expect(s.stored.size).toBe(700);
		s.advance(6_000); // -100 + 60: still below 1
		expect((await s.send(1, 701)).status).toBe(429);
		s.advance(6_000); // + 60 more: 20 left
		expect((await s.send(1, 702)).status).toBe(200);
	});

	it('spends the requests budget, one a request, refilled over the minute', async () => {
		const s = setup({ requests_per_min: 2, posts_per_min: 1_000_000 });
		expect((await s.send(1, 0)).status).toBe(200);
		expect((await s.send(1, 1)).status).toBe(200);
		expect((await s.send(1, 2)).status).toBe(429);
		s.advance(30_000);
		expect((await s.send(1, 3)).status).toBe(200);
	});
});
