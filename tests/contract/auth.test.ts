/**
 * The embedded auth outside demo mode (issue 10, item 4): demo users refused, real users made
 * with `uitkijk user add` sign in with their scope, failed sign-ins throttled, a logout ends the
 * session's tokens at once on RPC and Realtime, credentials never logged, U+0000 refused.
 * One stack (PGlite) for the file, started like `npm start` without UITKIJK_DEMO.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { latLngToCell } from 'h3-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ws from 'ws';
import { user } from '../../src/cli/user';
import { startStack, type Stack } from '../../src/stack/server';

const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-auth-'));
let stack: Stack;
const logLines: string[] = [];

beforeAll(async () => {
	stack = await startStack({
		dataDir,
		geodataDir: null,
		port: 0,
		log: (m) => logLines.push(m)
	});
}, 120_000);
afterAll(async () => {
	await stack?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

function anon(): SupabaseClient {
	return createClient(stack.url, stack.keys.anon_key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: ws as never, timeout: 5000 }
	});
}

function sink() {
	let text = '';
	const stream = new Writable({
		write(chunk, _enc, cb) {
			text += String(chunk);
			cb();
		}
	});
	return { stream, text: () => text };
}

/** Runs `uitkijk user ...` against the test stack; the password comes on stdin. */
async function cli(args: string[], stdin = '') {
	const out = sink();
	const err = sink();
	const code = await user(args, {
		stdout: out.stream,
		stderr: err.stream,
		env: { UITKIJK_DATA: dataDir, PORT: String(stack.port) },
		stdin: Readable.from([stdin])
	});
	return { code, stdout: out.text(), stderr: err.text() };
}

async function rawSignIn(email: string, password: string) {
	return fetch(`${stack.url}/auth/v1/token?grant_type=password`, {
		method: 'POST',
		headers: { apikey: stack.keys.anon_key, 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
}

let serial = 0;
function posts(n: number, at: { x: number; y: number }) {
	const run = `auth-${Date.now().toString(36)}-${serial++}`;
	return Array.from({ length: n }, (_, i) => ({
		id: `${run}-${i}`,
		source: 'contract',
		author: `ref-${run}`,
		handle: '@someone',
		created_at: new Date().toISOString(),
		text: `auth test post ${i}`,
		method: 'gps',
		precision_m: 10,
		x: at.x + i * 1e-4,
		y: at.y,
		h3_r5: latLngToCell(at.y, at.x + i * 1e-4, 5),
		h3_r8: latLngToCell(at.y, at.x + i * 1e-4, 8),
		h3_r10: latLngToCell(at.y, at.x + i * 1e-4, 10)
	}));
}

const PASSWORD = 'correct horse battery';

describe('embedded auth outside demo mode', () => {
	it('refuses the seeded demo users (published password)', async () => {
		const r = await rawSignIn('officier@uitkijk.demo', 'uitkijk-demo');
		expect(r.status).toBe(400);
		expect(await r.json()).toMatchObject({ error_code: 'demo_disabled' });
	});

	it('user add: the user signs in with its role and sees only its scope', async () => {
		const add = await cli(
			[
				'add',
				'Mayor.Groningen@example.nl',
				'--role',
				'mayor',
				'--municipality',
				'GM0014',
				'--password-stdin'
			],
			`${PASSWORD}\n`
		);
		expect(add.stderr).toContain('added as mayor');
		expect(add.code).toBe(0);
		// Scope is checked against the tables, and the failed user is not left behind.
		const bad = await cli(
			['add', 'nobody@example.nl', '--role', 'analyst', '--unit', 'XX', '--password-stdin'],
			`${PASSWORD}\n`
		);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('unknown police unit XX');
		const short = await cli(
			['add', 'short@example.nl', '--role', 'planner', '--password-stdin'],
			'too short\n'
		);
		expect(short.code).toBe(2);
		expect(short.stderr).toContain('at least 12 characters');
		const list = await cli(['list']);
		expect(list.stdout).toContain('mayor.groningen@example.nl\tmayor\tGM0014');
		expect(list.stdout).not.toContain('nobody@example.nl');

		const service = createClient(stack.url, stack.keys.service_key, {
			auth: { persistSession: false },
			realtime: { transport: ws as never }
		});
		const groningen = posts(2, { x: 6.5665, y: 53.2194 });
		const amsterdam = posts(2, { x: 4.8926, y: 52.3731 });
		const ins = await service.rpc('ingest_posts', { rows: [...groningen, ...amsterdam] });
		expect(ins.error).toBeNull();

		const c = anon();
		const { error } = await c.auth.signInWithPassword({
			email: 'mayor.groningen@example.nl',
			password: PASSWORD
		});
		expect(error).toBeNull();
		const me = await c.rpc('me');
		expect(me.data).toMatchObject({ role: 'mayor', municipality_code: 'GM0014' });
		const win = await c.rpc('posts_in_window', {
			t_from: new Date(Date.now() - 3600_000).toISOString(),
			t_to: new Date(Date.now() + 3600_000).toISOString()
		});
		expect(win.error).toBeNull();
		const ids = (win.data as { id: string }[]).map((p) => p.id);
		expect(ids).toEqual(expect.arrayContaining(groningen.map((p) => p.id)));
		for (const p of amsterdam) expect(ids).not.toContain(p.id);

		// remove: the account is gone and cannot sign in.
		expect((await cli(['remove', 'mayor.groningen@example.nl'])).code).toBe(0);
		expect((await rawSignIn('mayor.groningen@example.nl', PASSWORD)).status).toBe(400);
	});

	it('throttles: the 6th failed sign-in of an account is 429 with Retry-After, even with the right password', async () => {
		expect(
			(
				await cli(
					['add', 'planner.throttle@example.nl', '--role', 'planner', '--password-stdin'],
					`${PASSWORD}\n`
				)
			).code
		).toBe(0);
		// An unknown account answers like a known one with a wrong password.
		const known = await rawSignIn('planner.throttle@example.nl', 'wrong-0');
		const unknown = await rawSignIn('nobody-here@example.nl', 'wrong-0');
		expect(unknown.status).toBe(400);
		expect(known.status).toBe(400);
		expect(await unknown.json()).toEqual(await known.json());
		for (let i = 1; i < 5; i++) {
			expect((await rawSignIn('planner.throttle@example.nl', `wrong-${i}`)).status).toBe(400);
		}
		const sixth = await rawSignIn('Planner.Throttle@example.nl', PASSWORD);
		expect(sixth.status).toBe(429);
		expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(800);
	});

	it('logout ends the access token at once on RPC and closes its realtime channel', async () => {
		expect(
			(
				await cli(
					['add', 'analyst.am@example.nl', '--role', 'analyst', '--unit', 'AM', '--password-stdin'],
					`${PASSWORD}\n`
				)
			).code
		).toBe(0);
		const res = await rawSignIn('analyst.am@example.nl', PASSWORD);
		expect(res.status).toBe(200);
		const token = ((await res.json()) as { access_token: string }).access_token;
		const rpc = () =>
			fetch(`${stack.url}/rest/v1/rpc/me`, {
				method: 'POST',
				headers: {
					apikey: stack.keys.anon_key,
					authorization: `Bearer ${token}`,
					'content-type': 'application/json'
				},
				body: '{}'
			});
		expect((await rpc()).status).toBe(200);

		const sock = new ws(
			`${stack.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${stack.keys.anon_key}&vsn=2.0.0`
		);
		await new Promise((r) => sock.once('open', r));
		const frames: unknown[][] = [];
		sock.on('message', (d) => frames.push(JSON.parse(d.toString())));
		const topic = 'realtime:posts:unit:AM';
		const join = (ref: string) =>
			sock.send(
				JSON.stringify([
					ref,
					ref,
					topic,
					'phx_join',
					{
						config: { broadcast: {}, presence: {}, postgres_changes: [], private: true },
						access_token: token
					}
				])
			);
		join('1');
		await expect
			.poll(() => frames.find((f) => f[1] === '1' && f[3] === 'phx_reply'), { timeout: 5000 })
			.toMatchObject(['1', '1', topic, 'phx_reply', { status: 'ok' }]);

		// Logged out from elsewhere (another tab, or "sign out everywhere"): this socket sent nothing.
		const out = await fetch(`${stack.url}/auth/v1/logout?scope=global`, {
			method: 'POST',
			headers: { apikey: stack.keys.anon_key, authorization: `Bearer ${token}` }
		});
		expect(out.status).toBe(204);

		const r = await rpc();
		expect(r.status).toBe(401);
		await expect
			.poll(() => frames.some((f) => f[2] === topic && f[3] === 'phx_close'), { timeout: 5000 })
			.toBe(true);
		join('2');
		await expect
			.poll(() => frames.find((f) => f[1] === '2' && f[3] === 'phx_reply'), { timeout: 5000 })
			.toMatchObject(['2', '2', topic, 'phx_reply', { status: 'error' }]);
		sock.close();
	});

	it('user passwd: the new password works, the old one and the old tokens do not', async () => {
		const email = 'commander.nn@example.nl';
		const add = await cli(
			['add', email, '--role', 'commander', '--unit', 'NN', '--password-stdin'],
			`${PASSWORD}\n`
		);
		expect(add.code).toBe(0);
		const res = await rawSignIn(email, PASSWORD);
		const token = ((await res.json()) as { access_token: string }).access_token;
		const changed = await cli(['passwd', email, '--password-stdin'], 'another long password\n');
		expect(changed.code).toBe(0);
		const rpc = await fetch(`${stack.url}/rest/v1/rpc/me`, {
			method: 'POST',
			headers: { apikey: stack.keys.anon_key, authorization: `Bearer ${token}` },
			body: '{}'
		});
		expect(rpc.status).toBe(401);
		expect((await rawSignIn(email, PASSWORD)).status).toBe(400);
		expect((await rawSignIn(email, 'another long password')).status).toBe(200);
	});

	it('never logs the password of a sign-in that fails unexpectedly', async () => {
		const password = 'secret-in-the-log-0042';
		const email = 'log.check@example.nl';
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		const real = stack.db.query.bind(stack.db);
		const query = vi.spyOn(stack.db, 'query').mockImplementation((async (
			sql: string,
			params?: unknown[]
		) => {
			if (params?.includes(password)) {
				// A database error as PGlite raises it: it carries the statement and its parameters.
				throw Object.assign(new Error('forced failure'), { query: sql, params, code: 'XX000' });
			}
			return real(sql, params);
		}) as typeof stack.db.query);
		try {
			logLines.length = 0;
			const r = await rawSignIn(email, password);
			expect(r.status).toBe(500);
			expect(await r.text()).not.toContain(password);
			const logged = [
				...logLines,
				...errors.mock.calls.map((args) => args.map((a) => inspect(a, { depth: 5 })).join(' '))
			].join('\n');
			expect(logged).toContain('forced failure');
			expect(logged).not.toContain(password);
		} finally {
			query.mockRestore();
			errors.mockRestore();
		}
	});

	it('a password or e-mail with U+0000 is 400 with a clear message', async () => {
		const r = await rawSignIn('someone@example.nl', 'abc\u0000def');
		expect(r.status).toBe(400);
		expect(((await r.json()) as { msg: string }).msg).toContain('U+0000');
		expect((await rawSignIn('a\u0000b@example.nl', 'whatever')).status).toBe(400);
	});

	// Last: restarts the file's stack on its data directory.
	it('a demo session from a demo-mode run ends when the server restarts without demo mode', async () => {
		await stack.close();
		stack = await startStack({ dataDir, geodataDir: null, port: 0, demo: true, log: () => {} });
		const res = await rawSignIn('planner@uitkijk.demo', 'uitkijk-demo');
		expect(res.status).toBe(200);
		const token = ((await res.json()) as { access_token: string }).access_token;
		await stack.close();
		stack = await startStack({ dataDir, geodataDir: null, port: 0, log: () => {} });
		const rpc = await fetch(`${stack.url}/rest/v1/rpc/me`, {
			method: 'POST',
			headers: { apikey: stack.keys.anon_key, authorization: `Bearer ${token}` },
			body: '{}'
		});
		expect(rpc.status).toBe(401);
	}, 120_000);
});
