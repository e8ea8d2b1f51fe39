/**
 * A screen recovers on its own after the server restarts (issue 13, the wall screen): the
 * embedded stack, in a process of its own as `npm start` runs it (tests/contract/stack-process.ts,
 * without the app, which needs a build), is stopped with SIGTERM and started again on the same
 * data and port, and the Realtime topics of a signed-in client, held
 * by the TopicHub as the map's feeds hold them, are joined again and deliver broadcasts.
 * Limits of this check: supabase-js alone also came back in this test (with the hub's renewals
 * switched off it passed too), while in the browser and in a plain client script it did not
 * (the socket still closed 40 s and 150 s after the server was back); the renewal is unit-tested
 * in tests/unit/topic-hub.test.ts.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { serviceClient } from '../../src/lib/server/service-client';
import { TopicHub } from '../../src/lib/supabase/topic-hub';

const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-rt-restart-'));
let server: ChildProcess | null = null;
let client: SupabaseClient | null = null;

afterAll(async () => {
	await client?.removeAllChannels();
	await stop();
	rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});
}

/** The embedded stack in its own process (stack-process.ts); resolves once it says it is ready. */
async function start(port: number): Promise<void> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/contract/stack-process.ts'], {
		env: { ...process.env, UITKIJK_DATA: dataDir, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	server = child;
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the stack did not start')), 120_000);
		let out = '';
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			if (out.includes('ready')) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the stack exited with ${code}`));
		});
	});
}

async function stop(): Promise<void> {
	const s = server;
	server = null;
	if (!s || s.exitCode !== null) return;
	const exited = new Promise((r) => s.once('exit', r));
	s.kill('SIGTERM');
	await exited;
}

const until = async (ok: () => boolean, ms: number, what: string) => {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
};

describe('Realtime after a server restart', () => {
	it('joins the topics again and delivers broadcasts, without a reload', async () => {
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		await start(port);
		const keys = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')) as {
			anon_key: string;
			service_key: string;
		};
		client = createClient(url, keys.anon_key, {
			auth: { persistSession: false, autoRefreshToken: false },
			realtime: { transport: ws as never, timeout: 5000 }
		});
		const { error } = await client.auth.signInWithPassword({
			email: 'analist.nn@uitkijk.demo',
			password: 'uitkijk-demo'
		});
		expect(error).toBeNull();
		const hub = new TopicHub(client as never);
		const statuses: string[] = [];
		const alerts: unknown[] = [];
		hub.listen('alerts:unit:NN', {
			event: 'alert',
			message: (p) => alerts.push(p),
			status: (s) => statuses.push(s)
		});
		await until(() => statuses.includes('SUBSCRIBED'), 30_000, 'the first join');

		await stop();
		await until(() => statuses.at(-1) !== 'SUBSCRIBED', 30_000, 'the channel to fail');
		await start(port);
		const n = statuses.length;
		await until(
			() => statuses.slice(n).includes('SUBSCRIBED') || statuses.at(-1) === 'SUBSCRIBED',
			60_000,
			'the join after the restart'
		);

		// And it delivers: an alert written now reaches the listener.
		const service = serviceClient(url, keys.service_key);
		const { error: e2 } = await service.rpc('upsert_alerts', {
			rows: [
				{
					id: `rt-restart-${Date.now()}`,
					kind: 'surge',
					detected_at: new Date().toISOString(),
					lon: 6.6093,
					lat: 53.1721,
					radius_m: 400,
					place: 'Haren',
					severity: 'warning',
					score: 5,
					summary: 'na de herstart',
					evidence: []
				}
			]
		});
		expect(e2).toBeNull();
		await until(() => alerts.length > 0, 30_000, 'an alert broadcast');
		await service.removeAllChannels();
	}, 240_000);
});
