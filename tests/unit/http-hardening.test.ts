/**
 * The HTTP hardening of the servers (src/stack/http.ts; issue 10, items 7 and 8) on a plain
 * Node server with raw sockets: Host check (421), security headers, slow bodies cut (408).
 * The same through the real server: tests/e2e/http.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createHostCheck, guardRequest, httpTimeouts, serverOptions } from '../../src/stack/http';
import { addConnectSources, crossSiteForm } from '../../src/lib/server/http-policy';
import { connectSources, cspHeader } from '../../src/lib/security-headers.js';

describe('createHostCheck', () => {
	const logs: string[] = [];
	const check = createHostCheck({
		origin: 'https://uitkijk.example',
		port: 3000,
		host: '127.0.0.1',
		log: (m) => logs.push(m)
	});
	const ok = [
		'127.0.0.1:3000',
		'localhost:3000',
		'LOCALHOST:3000',
		'[::1]:3000',
		'uitkijk.example',
		'uitkijk.example:443',
		'Uitkijk.Example.'
	];
	const refused = [
		undefined,
		'',
		'evil.example',
		'evil.example:3000',
		'127.0.0.1',
		'127.0.0.1:3001',
		'localhost',
		'uitkijk.example:3000',
		'uitkijk.example.evil.example',
		'evil.example@127.0.0.1:3000',
		'127.0.0.1:3000/x',
		'127.0.0.1:3000 evil',
		'0.0.0.0:3000'
	];
	for (const h of ok)
		it(`answers Host ${JSON.stringify(h)}`, () => expect(check.allowed(h)).toBe(true));
	for (const h of refused)
		it(`refuses Host ${JSON.stringify(h)}`, () => expect(check.allowed(h)).toBe(false));

	it('logs a refused host at most once a minute, quoted', () => {
		const lines: string[] = [];
		const c = createHostCheck({ port: 1, log: (m) => lines.push(m) });
		for (let i = 0; i < 5; i++) c.allowed('evil.example\n');
		c.allowed('other.example');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toContain('"evil.example\\n"');
		expect(lines[0].split('\n')).toHaveLength(1);
	});

	it('answers an ORIGIN on plain http with its port', () => {
		const c = createHostCheck({ origin: 'http://10.0.0.5:8080', port: 3000 });
		expect(c.allowed('10.0.0.5:8080')).toBe(true);
		expect(c.allowed('10.0.0.5')).toBe(false);
		expect(c.allowed('127.0.0.1:3000')).toBe(true);
	});
});

describe('guardRequest on a server', () => {
	let server: Server;
	let port: number;
	const t = httpTimeouts({ headersMs: 2_000, bodyIdleMs: 400, bodyMs: 1_500, ingestBodyMs: 3_000 });
	const bodies: string[] = [];
	beforeAll(async () => {
		server = createServer(serverOptions(t));
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		port = (server.address() as AddressInfo).port;
		const hosts = createHostCheck({ port });
		server.on('request', (req, res) => {
			if (!guardRequest(req, res, hosts, t)) return;
			if (req.url === '/early') {
				res.writeHead(401);
				res.end('no');
				return;
			}
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				bodies.push(Buffer.concat(chunks).toString());
				res.writeHead(200, { 'content-type': 'text/plain' });
				res.end('ok');
			});
		});
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((r) => server.close(() => r()));
	});

	/** Sends raw bytes; resolves with what came back and when the server closed. */
	function raw(text: string, keepOpen = true): Promise<{ data: string; ms: number }> {
		return new Promise((resolve, reject) => {
			const t0 = Date.now();
			let data = '';
			const s = connect(port, '127.0.0.1', () => {
				s.write(text);
				if (!keepOpen) s.end();
			});
			s.on('data', (d) => (data += d));
			s.on('close', () => resolve({ data, ms: Date.now() - t0 }));
			s.on('error', reject);
			setTimeout(() => s.destroy(), 10_000).unref();
		});
	}

	it('answers 421 for another Host, with the security headers', async () => {
		const { data } = await raw('GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n');
		expect(data).toMatch(/^HTTP\/1\.1 421 /);
		expect(data).toMatch(/x-frame-options: DENY/i);
		expect(data).toMatch(/content-security-policy: .*frame-ancestors 'none'/i);
	});

	it('answers its own Host with the security headers', async () => {
		const { data } = await raw(
			`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`
		);
		expect(data).toMatch(/^HTTP\/1\.1 200 /);
		for (const h of [
			/x-content-type-options: nosniff/i,
			/referrer-policy: no-referrer/i,
			/x-frame-options: DENY/i,
			/content-security-policy: default-src 'self'/i
		])
			expect(data).toMatch(h);
	});

	it('cuts a body that stops arriving (slow loris) within the idle time', async () => {
		const { data, ms } = await raw(
			`POST /x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 1000\r\n\r\nabc`
		);
		expect(data).toMatch(/^HTTP\/1\.1 408 /);
		expect(data).toContain('no data');
		expect(ms).toBeGreaterThanOrEqual(350);
		expect(ms).toBeLessThan(1_400);
	});

	it('closes the connection of a body that stops arriving after an early answer', async () => {
		const { data, ms } = await raw(
			`POST /early HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 1000\r\n\r\nabc`
		);
		expect(data).toMatch(/^HTTP\/1\.1 401 /);
		expect(ms).toBeLessThan(1_400);
	});

	it('cuts a body that trickles for longer than the body time', async () => {
		const t0 = Date.now();
		const out = await new Promise<string>((resolve) => {
			let data = '';
			const s = connect(port, '127.0.0.1', () => {
				s.write(`POST /x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 1000\r\n\r\n`);
				const iv = setInterval(() => (s.writable ? s.write('a') : clearInterval(iv)), 150);
				s.on('close', () => clearInterval(iv));
			});
			s.on('data', (d) => (data += d));
			s.on('close', () => resolve(data));
			s.on('error', () => {});
		});
		expect(out).toMatch(/^HTTP\/1\.1 408 /);
		expect(out).toContain('not received within');
		expect(Date.now() - t0).toBeLessThan(3_000);
	});

	it('lets a body that arrives in time through', async () => {
		const { data } = await raw(
			`POST /x HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`
		);
		expect(data).toMatch(/^HTTP\/1\.1 200 /);
		expect(bodies).toContain('hello');
	});
});

describe('app policy', () => {
	it('cspHeader quotes keywords and adds connect sources', () => {
		const csp = cspHeader(['ws://a:1']);
		expect(csp).toContain("default-src 'self'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("connect-src 'self' ws://a:1");
		expect(csp).toContain("worker-src 'self' blob:");
	});

	it('connectSources gives each origin and its WebSocket twin', () => {
		expect(
			connectSources([
				'http://127.0.0.1:3000',
				'https://x.supabase.co/',
				undefined,
				'nope',
				'ftp://a'
			])
		).toEqual([
			'http://127.0.0.1:3000',
			'ws://127.0.0.1:3000',
			'https://x.supabase.co',
			'wss://x.supabase.co'
		]);
	});

	it('addConnectSources extends SvelteKit’s policy once', () => {
		const kit = "script-src 'self' 'nonce-abc'; connect-src 'self'; frame-ancestors 'none'";
		const out = addConnectSources(kit, ['ws://a:1', 'ws://a:1']);
		expect(out).toBe(
			"script-src 'self' 'nonce-abc'; connect-src 'self' ws://a:1; frame-ancestors 'none'"
		);
		expect(addConnectSources("default-src 'self'", ['ws://a:1'])).toBe(
			"default-src 'self'; connect-src 'self' ws://a:1"
		);
	});

	const form = (path: string, type: string, origin?: string, method = 'POST') =>
		crossSiteForm(
			new Request(`http://app.test${path}`, {
				method,
				headers: { 'content-type': type, ...(origin ? { origin } : {}) },
				body: 'x'
			}),
			new URL(`http://app.test${path}`)
		);
	it('crossSiteForm refuses what SvelteKit refuses, except POST /api/ingest', () => {
		expect(form('/api/locate', 'text/plain')).toBe(true);
		expect(form('/x', 'application/x-www-form-urlencoded', 'http://evil.test')).toBe(true);
		expect(form('/x', 'multipart/form-data; boundary=a')).toBe(true);
		expect(form('/x', 'text/plain', 'http://app.test')).toBe(false);
		expect(form('/x', 'application/json')).toBe(false);
		expect(form('/api/ingest', 'text/plain')).toBe(false);
		expect(form('/api/ingest', 'text/plain', 'http://evil.test')).toBe(false);
	});
});
