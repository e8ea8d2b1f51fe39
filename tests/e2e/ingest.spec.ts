/**
 * POST /api/ingest through the real server (the built app on the embedded stack): hostile
 * requests get clear answers, the server stays up, and valid posts of the same request are
 * stored once and reach the map's data (posts_in_window).
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { serviceClient } from './helpers';

test('the ingest API answers hostile input per line and stays up', async ({ request, baseURL }) => {
	const db = serviceClient(baseURL!);
	const key = `uk_${randomBytes(24).toString('base64url')}`;
	const name = `e2e-${Date.now().toString(36)}`;
	const { error } = await db.rpc('create_api_key', {
		key_name: name,
		key_hash: createHash('sha256').update(key).digest('hex')
	});
	expect(error).toBeNull();
	const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' };
	const now = new Date().toISOString();
	const id = `e2e-ingest-${Date.now()}`;

	expect((await request.post('/api/ingest', { data: '{}' })).status()).toBe(401);
	expect(
		(
			await request.post('/api/ingest', { headers: { authorization: 'Bearer nope' }, data: '{}' })
		).status()
	).toBe(401);

	// A client that sends half a body and disconnects.
	const url = new URL('/api/ingest', baseURL);
	await new Promise<void>((resolve) => {
		const r = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname,
				method: 'POST',
				headers: { ...auth, 'content-length': '100000' }
			},
			() => resolve()
		);
		r.on('error', () => resolve());
		r.write(
			`{"id":"${id}-cut","source":"other","author":"a","created_at":"${now}","text":"x"}\n{"id":`
		);
		setTimeout(() => {
			r.destroy();
			resolve();
		}, 200);
	});

	const body = [
		JSON.stringify({
			id,
			source: 'other',
			author: '@e2e',
			created_at: now,
			text: '<b>vet</b> <script>x()</script>',
			lon: 6.6,
			lat: 53.17
		}),
		'{"id": 1',
		JSON.stringify({
			id: `${id}-far`,
			source: 'other',
			author: 'a',
			created_at: now,
			text: 'x',
			lon: 999,
			lat: 0
		}),
		JSON.stringify({ id, source: 'other', author: '@e2e', created_at: now, text: 'again' })
	].join('\n');
	const res = await request.post('/api/ingest', { headers: auth, data: body });
	expect(res.status()).toBe(200);
	const out = await res.json();
	expect(out.results.map((r: { status: string }) => r.status)).toEqual([
		'stored',
		'rejected',
		'rejected',
		'duplicate'
	]);
	expect(out.results[1].reason).toMatch(/invalid JSON/);
	expect(out.results[2].reason).toMatch(/^lon: /);

	// Over the body limit (32 MiB): refused, and the server still answers.
	const big = await request.post('/api/ingest', {
		headers: auth,
		data: 'x'.repeat(33 * 1024 * 1024)
	});
	expect(big.status()).toBe(413);
	const ok = await request.post('/api/ingest', {
		headers: auth,
		data: JSON.stringify({
			id: `${id}-after`,
			source: 'other',
			author: 'a',
			created_at: now,
			text: 'ok'
		})
	});
	expect((await ok.json()).stored).toBe(1);

	const { data } = await db.rpc('posts_in_window', {
		t_from: new Date(Date.now() - 3_600_000).toISOString(),
		t_to: new Date(Date.now() + 3_600_000).toISOString()
	});
	const ids = (data as { id: string; text: string }[]).filter((p) => p.id.startsWith(id));
	expect(ids.map((p) => p.id).sort()).toEqual([id, `${id}-after`]);
	expect(ids.find((p) => p.id === id)!.text).toBe('<b>vet</b> <script>x()</script>');
	await db.removeAllChannels();
});
