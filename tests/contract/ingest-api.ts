/**
 * The ingest API's contract (POST /api/ingest, src/lib/server/ingest-api.ts) against a database:
 * hostile input, keys, limits. Used by supabase.test.ts with the local stack (and a Supabase
 * project when one is configured). The handler runs in the test process with the same wiring as
 * the route (service-role store, key lookup); the route itself is exercised end to end in
 * tests/e2e/ingest.spec.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createIngestHandler, type ApiKey } from '../../src/lib/server/ingest-api';
import { ingestPipeline } from '../../src/lib/server/ingest';
import { supabaseStore } from '../../src/lib/server/ingest-store';

const PSEUDONYM_KEY = '7a'.repeat(32);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let serial = 0;
function run() {
	return `${Date.now().toString(36)}-${serial++}`;
}

export function ingestApiSuite(service: () => SupabaseClient) {
	async function newKey(opts: { source?: string; rpm?: number; ppm?: number } = {}) {
		const key = `uk_${randomBytes(24).toString('base64url')}`;
		const name = `test-${run()}`;
		const { error } = await service().rpc('create_api_key', {
			key_name: name,
			key_hash: sha256(key),
			only_source: opts.source ?? null,
			requests_per_min: opts.rpm ?? 600,
			posts_per_min: opts.ppm ?? 1_000_000
		});
		if (error) throw new Error(error.message);
		return { key, name };
	}

	function handler(maxBodyBytes?: number) {
		const store = supabaseStore(service());
		return createIngestHandler({
			async lookupKey(hash) {
				const { data, error } = await service().rpc('api_key_lookup', { key_hash: hash });
				if (error) throw new Error(error.message);
				return ((data as ApiKey[])[0] ?? null) as ApiKey | null;
			},
			pipeline: (k) =>
				ingestPipeline({
					store,
					pseudonymKey: PSEUDONYM_KEY,
					entry: 'api',
					origin: k.name,
					...(k.source ? { onlySource: k.source } : {})
				}),
			sha256: async (s) => sha256(s),
			keyCacheMs: 0,
			...(maxBodyBytes ? { maxBodyBytes } : {})
		});
	}

	const post = (id: string, extra: Record<string, unknown> = {}) => ({
		id,
		source: 'other',
		author: `@api-${id}`,
		created_at: new Date().toISOString(),
		text: 'hallo',
		...extra
	});
	const req = (key: string | null, body: BodyInit, type = 'application/x-ndjson') =>
		new Request('http://localhost/api/ingest', {
			method: 'POST',
			headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': type },
			body,
			// Node's fetch Request needs this for a stream body.
			...(body instanceof ReadableStream ? { duplex: 'half' } : {})
		} as RequestInit);

	/** Which of the ids are stored (posts of the last and next hour, read as the service role). */
	async function stored(ids: string[]): Promise<string[]> {
		const { data, error } = await service().rpc('posts_in_window', {
			t_from: new Date(Date.now() - 3_600_000).toISOString(),
			t_to: new Date(Date.now() + 3_600_000).toISOString(),
			lim: 200_000
		});
		if (error) throw new Error(error.message);
		const have = new Set((data as { id: string; source: string }[]).map((r) => r.id));
		return ids.filter((id) => have.has(id));
	}

	describe('ingest API (POST /api/ingest)', () => {
		it('refuses a missing, unknown or revoked key', async () => {
			const h = handler();
			const body = JSON.stringify(post(`k-${run()}`));
			expect((await h(req(null, body))).status).toBe(401);
			const unknown = await h(req('uk_nope', body));
			expect(unknown.status).toBe(401);
			expect((await unknown.json()).error).toMatch(/unknown API key/);
			const { key, name } = await newKey();
			expect((await h(req(key, body))).status).toBe(200);
			expect((await service().rpc('revoke_api_key', { key_name: name })).data).toBe(true);
			const revoked = await h(req(key, body));
			expect(revoked.status).toBe(403);
			expect((await revoked.json()).error).toMatch(/revoked/);
		});

		it('answers per line for hostile NDJSON and stores every valid post exactly once', async () => {
			const { key } = await newKey();
			const r = run();
			const ids = ['a', 'b', 'c', 'd'].map((x) => `${x}-${r}`);
			const enc = new TextEncoder();
			const lines: (string | Uint8Array)[] = [
				JSON.stringify(
					post(ids[0], { text: '<script>alert("x")</script><img src=x onerror=alert(1)>' })
				),
				'{"id": "broken", "source": ',
				JSON.stringify(post(`num-${r}`, { author: 42 })),
				JSON.stringify(post(`far-${r}`, { lon: 181, lat: 52 })),
				`{"id":"nan-${r}","source":"other","author":"a","created_at":"2024-01-01T00:00:00Z","text":"x","lon":NaN,"lat":1}`,
				JSON.stringify(post(`big-${r}`, { text: 'x'.repeat(10 * 1024 * 1024) })),
				JSON.stringify(post(ids[1], { text: 'ctrl\u0007\u001b[31m rood \u202Eesrever' })),
				new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
				JSON.stringify(post(`nul-${r}`, { text: 'a\u0000b' })),
				...Array.from({ length: 300 }, () => JSON.stringify(post(ids[2]))),
				JSON.stringify(
					post(ids[3], { lon: 6.6, lat: 53.17, text: 'help, er ligt iemand op straat in Haren' })
				)
			];
			const parts = lines.flatMap((l) => [
				typeof l === 'string' ? enc.encode(l) : l,
				enc.encode('\n')
			]);
			const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
			let o = 0;
			for (const p of parts) {
				body.set(p, o);
				o += p.length;
			}
			const res = await handler()(req(key, body));
			expect(res.status).toBe(200);
			const out = await res.json();
			expect(out.received).toBe(lines.length);
			const byLine = new Map<number, { status: string; reason?: string }>(
				out.results.map((x: { line: number }) => [x.line, x])
			);
			expect(byLine.get(1)!.status).toBe('stored');
			expect(byLine.get(2)!.reason).toMatch(/^invalid JSON/);
			expect(byLine.get(3)!.reason).toMatch(/^author: expected a string/);
			expect(byLine.get(4)!.reason).toMatch(/^lon: /);
			expect(byLine.get(5)!.reason).toMatch(/^invalid JSON/);
			expect(byLine.get(6)!.reason).toMatch(/line longer than/);
			expect(byLine.get(7)!.status).toBe('stored');
			expect(byLine.get(8)!.reason).toBe('invalid UTF-8');
			expect(byLine.get(9)!.reason).toMatch(/U\+0000/);
			expect(byLine.get(10)!.status).toBe('stored');
			for (let l = 11; l < 10 + 300; l++) expect(byLine.get(l)!.status).toBe('duplicate');
			expect(byLine.get(lines.length)!.status).toBe('stored');
			expect([out.stored, out.duplicates, out.rejected]).toEqual([4, 299, 7]);
			expect(await stored(ids)).toEqual(ids);
			// The same body again: all duplicates, nothing stored twice.
			const again = await (await handler()(req(key, body))).json();
			expect([again.stored, again.duplicates, again.rejected]).toEqual([0, 303, 7]);
		});

		it('takes a JSON array, and refuses a body that is not JSON', async () => {
			const { key } = await newKey();
			const r = run();
			const res = await handler()(
				req(
					key,
					JSON.stringify([post(`j1-${r}`), { nope: true }, post(`j2-${r}`)]),
					'application/json'
				)
			);
			const out = await res.json();
			expect(out.results.map((x: { status: string }) => x.status)).toEqual([
				'stored',
				'rejected',
				'stored'
			]);
			const bad = await handler()(req(key, '[{"id": 1', 'application/json'));
			expect(bad.status).toBe(400);
			expect((await bad.json()).error).toMatch(/not valid JSON/);
			const type = await handler()(req(key, '<xml/>', 'application/xml'));
			expect(type.status).toBe(415);
		});

		it('refuses an oversized body before storing anything', async () => {
			const { key } = await newKey();
			const id = `over-${run()}`;
			const body = JSON.stringify(post(id)) + '\n' + 'x'.repeat(5000);
			const res = await handler(2048)(req(key, body));
			expect(res.status).toBe(413);
			expect(await stored([id])).toEqual([]);
		});

		it('a client that disconnects mid-body stores nothing; its retry stores each post once', async () => {
			const { key } = await newKey();
			const r = run();
			const ids = Array.from({ length: 50 }, (_, i) => `cut-${r}-${i}`);
			const text = ids.map((id) => JSON.stringify(post(id))).join('\n') + '\n';
			const enc = new TextEncoder().encode(text);
			const half = Math.floor(enc.length / 2);
			const cut = new ReadableStream<Uint8Array>({
				start(c) {
					c.enqueue(enc.subarray(0, half));
					setTimeout(() => c.error(new Error('socket hang up')), 20);
				}
			});
			const res = await handler()(req(key, cut));
			expect(res.status).toBe(400);
			expect((await res.json()).error).toMatch(/not received completely/);
			expect(await stored(ids)).toEqual([]);
			const retry = await (await handler()(req(key, enc))).json();
			expect([retry.stored, retry.duplicates, retry.rejected]).toEqual([50, 0, 0]);
		});

		it('limits the rate per key with 429 and Retry-After', async () => {
			const { key } = await newKey({ rpm: 2 });
			const h = handler();
			const body = () => JSON.stringify(post(`rate-${run()}`));
			expect((await h(req(key, body()))).status).toBe(200);
			expect((await h(req(key, body()))).status).toBe(200);
			const third = await h(req(key, body()));
			expect(third.status).toBe(429);
			expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		});

		it('a key bound to one source refuses the others', async () => {
			const { key } = await newKey({ source: 'bluesky' });
			const r = run();
			const out = await (
				await handler()(
					req(
						key,
						[post(`s1-${r}`), post(`s2-${r}`, { source: 'bluesky' })]
							.map((p) => JSON.stringify(p))
							.join('\n')
					)
				)
			).json();
			expect(out.results.map((x: { status: string }) => x.status)).toEqual(['rejected', 'stored']);
		});
	});
}
