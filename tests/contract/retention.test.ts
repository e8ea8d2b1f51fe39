/**
 * Retention and the read audit on the embedded stack (PGlite, the RPC subset): the command line
 * against the running server, the worker's run, log_view and read_audit through supabase-js.
 * The rules themselves are tested in pgTAP (supabase/tests/database/97-retention.sql,
 * 98-read-audit.sql); this checks that they run on PGlite and over the local API.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { retention } from '../../src/cli/retention';
import { serviceClient } from '../../src/lib/server/service-client';
import { startRetentionWorker } from '../../src/stack/retention-worker';
import { startStack, type Stack } from '../../src/stack/server';
import { sink } from '../unit/helpers';

const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-retention-'));
let stack: Stack;
let service: SupabaseClient;

async function signIn(email: string) {
	const c = createClient(stack.url, stack.keys.anon_key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: ws as never }
	});
	const { error } = await c.auth.signInWithPassword({ email, password: 'uitkijk-demo' });
	if (error) throw error;
	return c;
}

async function cli(args: string[]) {
	const out = sink();
	const err = sink();
	const code = await retention(args, {
		stdout: out.stream,
		stderr: err.stream,
		env: { UITKIJK_DATA: dataDir, PORT: String(stack.port) }
	});
	return { code, out: out.text(), err: err.text() };
}

const post = (id: string, createdAt: string, author: string) => ({
	id,
	source: 'contract',
	author,
	handle: `@${author}`,
	created_at: createdAt,
	text: 'retention',
	method: 'none'
});

beforeAll(async () => {
	stack = await startStack({ dataDir, geodataDir: null, port: 0, demo: true, log: () => {} });
	service = serviceClient(stack.url, stack.keys.service_key);
	const { error } = await service.rpc('ingest_posts', {
		rows: [
			post('r-old', '2020-01-15T10:00:00Z', 'ret-old'),
			post('r-new', new Date().toISOString(), 'ret-new')
		]
	});
	if (error) throw error;
}, 120_000);

afterAll(async () => {
	await service?.removeAllChannels();
	await stack?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('retention on the embedded stack', () => {
	it('uitkijk retention --dry-run counts and removes nothing', async () => {
		const r = await cli(['--dry-run']);
		expect(r.err).toBe('');
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/dry run: nothing removed/);
		expect(r.out).toMatch(/^posts\s+90 days\s+wall\s+\S+\s+1\s+0\s+1$/m);
		expect(r.out).toMatch(/dropped posts_y2020m01 \(1 rows\)/);
		const p = await stack.db.query(
			`select to_regclass('public.posts_y2020m01') is not null as kept`
		);
		expect(p.rows).toEqual([{ kept: true }]);
	});

	it('uitkijk retention drops the old month and the handle of its author', async () => {
		const r = await cli([]);
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/^handles\s+30 days\s+wall\s+\S+\s+1\s+0$/m);
		const p = await stack.db.query<{ part: string | null; handles: string[] }>(
			`select to_regclass('public.posts_y2020m01')::text as part,
			        array(select handle from public.author_handles where handle like '@ret-%' order by 1) as handles`
		);
		expect(p.rows).toEqual([{ part: null, handles: ['@ret-new'] }]);
	});

	it('the worker runs it with the service role and logs one line', async () => {
		const lines: string[] = [];
		const w = startRetentionWorker({
			client: service,
			firstDelayMs: 3_600_000,
			log: (m) => lines.push(m)
		});
		const rows = await w.runNow();
		await w.stop();
		expect(rows.map((r) => r.data_class)).toEqual([
			'posts',
			'handles',
			'dead_letters',
			'audit',
			'read_audit',
			'post_refs'
		]);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^retention: removed posts 0 \(0 months dropped\)/);
	});

	it('a signed-in user cannot run it', async () => {
		const c = await signIn('officier@uitkijk.demo');
		const { error } = await c.rpc('apply_retention', { dry_run: true });
		expect(error?.code).toBe('42501');
	});
});

describe('read audit on the embedded stack', () => {
	it("log_view records an analyst's view; read_audit shows it to a prosecutor only", async () => {
		const analyst = await signIn('analist.nn@uitkijk.demo');
		const args = {
			min_lon: 6.5,
			min_lat: 53.1,
			max_lon: 6.7,
			max_lat: 53.3,
			t_from: '2012-09-21T17:30:00Z',
			t_to: '2012-09-21T18:30:00Z',
			view_mode: 'live',
			area_id: null
		};
		expect(await analyst.rpc('log_view', args)).toMatchObject({ data: true, error: null });
		expect(await analyst.rpc('log_view', args)).toMatchObject({ data: false, error: null });
		const denied = await analyst.rpc('read_audit', {
			t_from: new Date(Date.now() - 3_600_000).toISOString(),
			t_to: new Date(Date.now() + 3_600_000).toISOString()
		});
		expect(denied.error?.code).toBe('42501');

		const prosecutor = await signIn('officier@uitkijk.demo');
		const { data, error } = await prosecutor.rpc('read_audit', {
			t_from: new Date(Date.now() - 3_600_000).toISOString(),
			t_to: new Date(Date.now() + 3_600_000).toISOString()
		});
		expect(error).toBeNull();
		expect(data).toHaveLength(1);
		expect(data[0]).toMatchObject({
			app_role: 'analyst',
			view_mode: 'live',
			min_lon: 6.5,
			max_lat: 53.3
		});
	});
});
