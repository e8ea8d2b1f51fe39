/**
 * The HTTP surface of the real server (scripts/server.ts: the built app on the embedded stack)
 * against a hostile probe (issue 10, items 5–8), with raw node:http / node:net requests. The
 * server is started here, on its own free port, with a geodata folder holding a symbolic link
 * out of it, a 1 s body-idle timeout, and its log captured. The last test opens the map on the
 * configured server (port 4317) and fails on any Content-Security-Policy violation.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openMap, type AppHandle } from './helpers';

let server: ChildProcess;
let port = 0;
let log = '';
let dir = '';
let keys: { anon_key: string; service_key: string };

async function freePort(): Promise<number> {
	const s = createServer();
	await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
	const p = (s.address() as AddressInfo).port;
	await new Promise<void>((r) => s.close(() => r()));
	return p;
}

interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

/** One HTTP request with full control of the headers (Host included). */
function send(
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body?: string
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const r = httpRequest(
			{
				host: '127.0.0.1',
				port,
				method,
				path,
				headers: { host: `127.0.0.1:${port}`, connection: 'close', ...headers },
				setHost: false
			},
			(res) => {
				let data = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (data += c));
				res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
			}
		);
		r.on('error', reject);
		r.end(body);
	});
}

/** Raw bytes on a socket; what came back when the server closed it, and after how long. */
function raw(text: string, wait = 8_000): Promise<{ data: string; ms: number; closed: boolean }> {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		let data = '';
		const s = connect(port, '127.0.0.1', () => s.write(text));
		const timer = setTimeout(() => {
			s.destroy();
			resolve({ data, ms: Date.now() - t0, closed: false });
		}, wait);
		s.on('data', (d) => (data += d));
		s.on('close', () => {
			clearTimeout(timer);
			resolve({ data, ms: Date.now() - t0, closed: true });
		});
		s.on('error', reject);
	});
}

/** A new ingest API key (made with the service key, as `npx uitkijk api-key create` does). */
async function apiKey(): Promise<string> {
	const key = `uk_${randomBytes(24).toString('base64url')}`;
	const made = await send(
		'POST',
		'/rest/v1/rpc/create_api_key',
		{
			apikey: keys.service_key,
			authorization: `Bearer ${keys.service_key}`,
			'content-type': 'application/json'
		},
		JSON.stringify({
			key_name: `http-${randomBytes(6).toString('hex')}`,
			key_hash: createHash('sha256').update(key).digest('hex')
		})
	);
	expect(made.status).toBe(200);
	return key;
}

test.describe.serial('the HTTP surface of the real server', () => {
	test.beforeAll(async () => {
		test.setTimeout(120_000);
		dir = mkdtempSync(join(tmpdir(), 'uitkijk-http-'));
		const geodata = join(dir, 'geodata');
		mkdirSync(geodata);
		writeFileSync(join(geodata, 'inside.json'), '{"inside":true}');
		writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET-CONTENT');
		symlinkSync(join(dir, 'secret.txt'), join(geodata, 'link-out.txt'));
		symlinkSync(dir, join(geodata, 'parent'));
		port = await freePort();
		server = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${port}`,
				UITKIJK_DATA: join(dir, 'data'),
				UITKIJK_DATA_TEMPORARY: '1',
				UITKIJK_GEODATA: geodata,
				UITKIJK_FEEDER: 'off',
				UITKIJK_DEMO: '1',
				UITKIJK_DETECTOR: 'off',
				UITKIJK_HTTP_BODY_IDLE_MS: '1000'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		server.stdout!.on('data', (d) => (log += d));
		server.stderr!.on('data', (d) => (log += d));
		await expect.poll(() => log, { timeout: 110_000, intervals: [250] }).toContain('open http');
		keys = JSON.parse(readFileSync(join(dir, 'data', 'keys.json'), 'utf8'));
	});

	test.afterAll(async () => {
		if (server && server.exitCode === null) {
			const exited = new Promise((r) => server.once('exit', r));
			server.kill('SIGTERM');
			await exited;
		}
		rmSync(dir, { recursive: true, force: true });
	});

	test('a request for another host name gets 421, never the anon key', async () => {
		for (const host of ['evil.example', `evil.example:${port}`, 'rebind.attacker.test:80']) {
			const r = await send('GET', '/api/config', { host });
			expect(r.status).toBe(421);
			expect(r.body).not.toContain(keys.anon_key);
		}
		const stack = await send('POST', '/auth/v1/token?grant_type=password', {
			host: 'evil.example',
			apikey: keys.anon_key,
			'content-type': 'application/json'
		});
		expect(stack.status).toBe(421);
		for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
			const r = await send('GET', '/api/config', { host });
			expect(r.status).toBe(200);
			expect(JSON.parse(r.body).anonKey).toBe(keys.anon_key);
		}
		// One log line for the refused host, not one per request.
		expect(log.match(/refused a request for host "evil\.example"/g)).toHaveLength(1);
	});

	test('a WebSocket upgrade for another host name is refused', async () => {
		const upgrade = (host: string) =>
			raw(
				`GET /realtime/v1/websocket?apikey=${keys.anon_key}&vsn=1.0.0 HTTP/1.1\r\nHost: ${host}\r\n` +
					'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
					`Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
				3_000
			);
		const evil = await upgrade('evil.example');
		expect(evil.data).toMatch(/^HTTP\/1\.1 421 /);
		expect(evil.closed).toBe(true);
		const own = await upgrade(`127.0.0.1:${port}`);
		expect(own.data).toMatch(/^HTTP\/1\.1 101 /);
	});

	test('unknown URLs answer 404 with no stack trace in the log', async () => {
		const before = log.length;
		for (const path of ['/nope', '/favicon.ico', '/a/b/c.php']) {
			const r = await send('GET', path, { accept: 'text/html' });
			expect(r.status).toBe(404);
			expect(r.body).not.toMatch(/ at .*\.js:\d+/);
		}
		const r = await send('GET', '/nope', { accept: 'application/json' });
		expect(r.status).toBe(404);
		// Give the log a moment to arrive, then nothing about these requests may be in it.
		await send('GET', '/api/config');
		const added = log.slice(before);
		expect(added).not.toMatch(/^\s+at /m);
		expect(added).not.toContain('Missing +page.svelte');
		expect(
			added.split('\n').filter((l) => /nope|favicon|c\.php/.test(l)).length
		).toBeLessThanOrEqual(1);
	});

	test('every response carries the security headers', async () => {
		const asset = (await send('GET', '/')).body.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
		expect(asset).toBeTruthy();
		const answers: [string, Answer][] = [
			['page', await send('GET', '/')],
			['api', await send('GET', '/api/config')],
			['asset', await send('GET', asset!)],
			[
				'stack',
				await send('POST', '/rest/v1/rpc/me', { 'content-type': 'application/json' }, '{}')
			],
			['not found', await send('GET', '/nope')],
			['misdirected', await send('GET', '/', { host: 'evil.example' })]
		];
		for (const [what, r] of answers) {
			expect(r.headers['x-frame-options'], what).toBe('DENY');
			expect(r.headers['x-content-type-options'], what).toBe('nosniff');
			expect(r.headers['referrer-policy'], what).toBe('no-referrer');
			const csp = String(r.headers['content-security-policy']);
			expect(csp, what).toContain("frame-ancestors 'none'");
			expect(csp, what).toContain("default-src 'self'");
			expect(csp, what).not.toContain("script-src 'self' 'unsafe-inline'");
		}
		// The page's own policy: a nonce for SvelteKit's boot script, and the realtime socket.
		const page = String(answers[0][1].headers['content-security-policy']);
		expect(page).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(page).toMatch(new RegExp(`connect-src [^;]*ws://127\\.0\\.0\\.1:${port}`));
		const nonce = page.match(/'nonce-([^']+)'/)![1];
		expect(answers[0][1].body).toContain(`nonce="${nonce}"`);
	});

	test('a symbolic link out of the geodata folder is refused', async () => {
		expect((await send('GET', '/geodata/inside.json')).status).toBe(200);
		for (const path of ['/geodata/link-out.txt', '/geodata/parent/secret.txt']) {
			const r = await send('GET', path);
			expect(r.status).toBe(404);
			expect(r.body).not.toContain('TOP-SECRET');
		}
	});

	test('a body that stops arriving (slow loris) is cut within the idle timeout', async () => {
		const loris = (key: string) =>
			raw(
				`POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${key}\r\n` +
					'Content-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n{"id":"1",'
			);
		// The handler waits for the body: 408, closed.
		const waiting = await loris(await apiKey());
		expect(waiting.closed).toBe(true);
		expect(waiting.data).toMatch(/^HTTP\/1\.1 408 /);
		expect(waiting.ms).toBeGreaterThanOrEqual(900);
		expect(waiting.ms).toBeLessThan(4_000);
		// Answered before the body (unknown key): the connection is not held open for the rest.
		const early = await loris('unknown');
		expect(early.data).toMatch(/^HTTP\/1\.1 401 /);
		expect(early.closed).toBe(true);
		expect(early.ms).toBeLessThan(4_000);
	});

	test('ingest without a Content-Type or with text/plain never answers 200 with posts dropped', async () => {
		const key = await apiKey();
		const line = (id: string) =>
			JSON.stringify({
				id,
				source: 'other',
				author: 'a',
				created_at: new Date().toISOString(),
				text: 'x'
			}) + '\n';
		const none = await send('POST', '/api/ingest', { authorization: `Bearer ${key}` }, line('h1'));
		expect(none.status).toBe(415);
		expect(JSON.parse(none.body).error).toContain('application/x-ndjson');
		const plain = await send(
			'POST',
			'/api/ingest',
			{ authorization: `Bearer ${key}`, 'content-type': 'text/plain' },
			line('h2') + line('h3')
		);
		expect(plain.status).toBe(200);
		expect(JSON.parse(plain.body)).toMatchObject({ received: 2, stored: 2 });
		// The form check still guards every other route.
		const form = await send('POST', '/api/locate', { 'content-type': 'text/plain' }, 'x');
		expect(form.status).toBe(403);
	});

	test('/api/locate needs a signed-in user', async () => {
		const file = { 'content-type': 'application/x-ndjson' };
		const line = JSON.stringify({
			id: 'l1',
			source: 'x',
			author: 'a',
			created_at: '2012-09-21T19:55:00+02:00',
			text: 'hoi',
			lon: 6.6,
			lat: 53.17
		});
		expect((await send('POST', '/api/locate', file, line)).status).toBe(401);
		const anon = await send(
			'POST',
			'/api/locate',
			{ ...file, authorization: `Bearer ${keys.anon_key}` },
			line
		);
		expect(anon.status).toBe(401);
		const signIn = await send(
			'POST',
			'/auth/v1/token?grant_type=password',
			{ apikey: keys.anon_key, 'content-type': 'application/json' },
			JSON.stringify({ email: 'analist.nn@uitkijk.demo', password: 'uitkijk-demo' })
		);
		expect(signIn.status).toBe(200);
		const token = JSON.parse(signIn.body).access_token as string;
		const ok = await send(
			'POST',
			'/api/locate',
			{ ...file, authorization: `Bearer ${token}` },
			line
		);
		expect(ok.status).toBe(200);
		expect(JSON.parse(ok.body).posts).toHaveLength(1);
		// Over the cap of 8 MiB: refused from its Content-Length, before the body is read.
		const big = await raw(
			`POST /api/locate HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
				`Content-Type: application/x-ndjson\r\nContent-Length: ${9 * 1024 * 1024}\r\n\r\n${line}`,
			4_000
		);
		expect(big.data).toMatch(/^HTTP\/1\.1 413 /);
	});
});

test('the map runs under its Content-Security-Policy (replay and live)', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) =>
			console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`)
		);
	});
	await openMap(page, 't=2012-09-21T20:00:00%2B02:00&speed=60&window=1h');
	await expect(page.getByTestId('status')).toHaveText(/AFSPELEN/, { timeout: 60_000 });
	await page.goto('/?mode=live');
	await expect(page.getByTestId('map')).toBeVisible();
	await page.waitForFunction(
		() => (window as unknown as { uitkijk?: AppHandle }).uitkijk?.map?.isStyleLoaded(),
		undefined,
		{ timeout: 60_000 }
	);
	// Signed in (the auth API), and the feed live (RPC and the realtime socket).
	await expect(page.getByTestId('who')).toContainText('Ingelogd als', { timeout: 30_000 });
	await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 60_000 });
	expect(violations).toEqual([]);
});
