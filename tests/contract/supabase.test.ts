/**
 * Contract of the database API as the client uses it, through supabase-js: sign-in of every demo
 * role, the RPCs of docs/backend.md, error shapes, ingest with the service key, and Realtime
 * broadcast on private topics. Runs against the local stack (src/stack, started in process on
 * a random port with a fresh data directory) and, when SUPABASE_URL, SUPABASE_ANON_KEY and
 * SUPABASE_SERVICE_ROLE_KEY are set, the same cases against that Supabase project.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { latLngToCell } from 'h3-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { startStack, type Stack } from '../../src/stack/server';
import { startDetectorWorker } from '../../src/stack/detector-worker';
import { createCountThresholdBaseline } from '../../src/lib/detection/baselines';
import { ingestApiSuite } from './ingest-api';

const PASSWORD = 'uitkijk-demo';
const USERS = {
	analystNN: 'analist.nn@uitkijk.demo',
	commanderNN: 'commandant.nn@uitkijk.demo',
	analystAM: 'analist.am@uitkijk.demo',
	mayorGroningen: 'burgemeester.groningen@uitkijk.demo',
	mayorAmsterdam: 'burgemeester.amsterdam@uitkijk.demo',
	prosecutor: 'officier@uitkijk.demo',
	planner: 'planner@uitkijk.demo'
} as const;
const ROLES: Record<keyof typeof USERS, string> = {
	analystNN: 'analyst',
	commanderNN: 'commander',
	analystAM: 'analyst',
	mayorGroningen: 'mayor',
	mayorAmsterdam: 'mayor',
	prosecutor: 'prosecutor',
	planner: 'planner'
};
/** Groningen city centre (unit NN, GM0014) and the Dam (unit AM, GM0363). */
const GRONINGEN = { x: 6.5665, y: 53.2194 };

interface Target {
	url: string;
	anonKey: string;
	serviceKey: string;
	/** Creates an alert in unit NN (service role); returns its id. */
	createAlert(id: string): Promise<void>;
}

function client(t: Target, key = t.anonKey): SupabaseClient {
	return createClient(t.url, key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: ws as never, timeout: 5000 }
	});
}

async function signIn(t: Target, who: keyof typeof USERS) {
	const c = client(t);
	const { data, error } = await c.auth.signInWithPassword({
		email: USERS[who],
		password: PASSWORD
	});
	if (error) throw error;
	return { c, session: data.session! };
}

let serial = 0;
/** Ingest rows (docs/backend.md) near a point, created now, with a unique id prefix. */
function rows(n: number, at: { x: number; y: number }) {
	const run = `${Date.now().toString(36)}-${serial++}`;
	return Array.from({ length: n }, (_, i) => {
		const x = at.x + i * 1e-4;
		const y = at.y;
		return {
			id: `contract-${run}-${i}`,
			source: 'contract',
			author: `ref-${run}-${i % 3}`,
			handle: `@handle_${i % 3}`,
			created_at: new Date().toISOString(),
			text: `contract post ${i}`,
			method: 'gps',
			precision_m: 10,
			x,
			y,
			h3_r5: latLngToCell(y, x, 5),
			h3_r8: latLngToCell(y, x, 8),
			h3_r10: latLngToCell(y, x, 10)
		};
	});
}

type Status = 'SUBSCRIBED' | 'CHANNEL_ERROR' | 'TIMED_OUT' | 'CLOSED';

function subscribe(c: SupabaseClient, topic: string, onPosts?: (p: unknown) => void) {
	return new Promise<{
		status: Status;
		err?: Error;
		channel: ReturnType<SupabaseClient['channel']>;
	}>((resolve) => {
		const channel = c.channel(topic, { config: { private: true } });
		if (onPosts) channel.on('broadcast', { event: 'posts' }, (m) => onPosts(m.payload));
		channel.subscribe((status, err) => resolve({ status: status as Status, err, channel }));
	});
}

function contractSuite(target: () => Target) {
	let serviceClient: SupabaseClient | null = null;
	ingestApiSuite(() => (serviceClient ??= client(target(), target().serviceKey)));

	const opened: SupabaseClient[] = [];
	const track = <T extends { c: SupabaseClient }>(x: T) => (opened.push(x.c), x);
	afterAll(async () => {
		await Promise.all(opened.map((c) => c.removeAllChannels()));
	});

	describe('auth', () => {
		for (const who of Object.keys(USERS) as (keyof typeof USERS)[]) {
			it(`signs in ${USERS[who]} and me() says ${ROLES[who]}`, async () => {
				const { c, session } = await signIn(target(), who);
				expect(session.access_token.split('.')).toHaveLength(3);
				expect(session.user.email).toBe(USERS[who]);
				const { data, error } = await c.rpc('me');
				expect(error).toBeNull();
				expect(data).toMatchObject({ email: USERS[who], role: ROLES[who] });
			});
		}

		it('refuses a wrong password with 400 invalid credentials', async () => {
			const { error } = await client(target()).auth.signInWithPassword({
				email: USERS.planner,
				password: 'wrong'
			});
			expect(error?.status).toBe(400);
			expect(error?.message).toBe('Invalid login credentials');
		});

		it('refreshes a session and reads the user', async () => {
			const { c, session } = await signIn(target(), 'analystNN');
			const { data, error } = await c.auth.refreshSession({ refresh_token: session.refresh_token });
			expect(error).toBeNull();
			expect(data.session?.refresh_token).not.toBe(session.refresh_token);
			const user = await c.auth.getUser(data.session!.access_token);
			expect(user.data.user?.email).toBe(USERS.analystNN);
			const out = await c.auth.signOut();
			expect(out.error).toBeNull();
		});
	});

	describe('rpc', () => {
		it('anon gets no data: me() is refused for anon', async () => {
			const { data, error } = await client(target()).rpc('me');
			expect(data).toBeNull();
			expect(error?.code).toBe('42501');
		});

		it('unknown function: 404 PGRST202', async () => {
			const { c } = await signIn(target(), 'planner');
			const { error, status } = await c.rpc('no_such_function', { a: 1 });
			expect(status).toBe(404);
			expect(error).toMatchObject({ code: 'PGRST202' });
			expect(Object.keys(error!).sort()).toEqual(['code', 'details', 'hint', 'message']);
		});

		it('reveal_author is refused for a planner (42501, 403)', async () => {
			const { c } = await signIn(target(), 'planner');
			const { error, status } = await c.rpc('reveal_author', { ref: 'nobody' });
			expect(status).toBe(403);
			expect(error?.code).toBe('42501');
		});

		it('ingest_posts is refused for a signed-in user and works with the service key', async () => {
			const { c } = await signIn(target(), 'prosecutor');
			const batch = rows(3, GRONINGEN);
			const refused = await c.rpc('ingest_posts', { rows: batch });
			expect(refused.error?.code).toBe('42501');
			const service = client(target(), target().serviceKey);
			const ok = await service.rpc('ingest_posts', { rows: batch });
			expect(ok.error).toBeNull();
			expect(ok.data).toEqual([{ inserted: 3, duplicates: 0 }]);
			const again = await service.rpc('ingest_posts', { rows: batch });
			expect(again.data).toEqual([{ inserted: 0, duplicates: 3 }]);
			const revealed = await c.rpc('reveal_author', { ref: batch[0].author });
			expect(revealed.data).toEqual([
				{ author_ref: batch[0].author, handle: '@handle_0', source: 'contract' }
			]);
		});

		it('posts_in_window, posts_since and heat_cells return rows scoped by role', async () => {
			const service = client(target(), target().serviceKey);
			const since = new Date(Date.now() - 1000).toISOString();
			const batch = rows(4, GRONINGEN);
			expect((await service.rpc('ingest_posts', { rows: batch })).error).toBeNull();
			const from = new Date(Date.now() - 3600_000).toISOString();
			const to = new Date(Date.now() + 3600_000).toISOString();
			const { c: nn } = await signIn(target(), 'analystNN');
			const { c: am } = await signIn(target(), 'mayorAmsterdam');

			const win = await nn.rpc('posts_in_window', { t_from: from, t_to: to });
			expect(win.error).toBeNull();
			const ids = (win.data as { id: string }[]).map((p) => p.id);
			expect(ids).toEqual(expect.arrayContaining(batch.map((b) => b.id)));
			const post = (win.data as Record<string, unknown>[]).find((p) => p.id === batch[0].id)!;
			expect(post).toMatchObject({ source: 'contract', author: batch[0].author, method: 'gps' });
			expect(post.h3_r8).toBe(batch[0].h3_r8);
			expect(post).not.toHaveProperty('handle');

			const other = await am.rpc('posts_in_window', { t_from: from, t_to: to });
			expect((other.data as { id: string }[]).map((p) => p.id)).not.toContain(batch[0].id);

			const s = await nn.rpc('posts_since', { since, min_created: from });
			expect((s.data as { id: string }[]).map((p) => p.id)).toEqual(
				expect.arrayContaining(batch.map((b) => b.id))
			);

			const heat = await nn.rpc('heat_cells', {
				min_lon: 6.4,
				min_lat: 53.1,
				max_lon: 6.7,
				max_lat: 53.3,
				t_from: from,
				t_to: to,
				res: 8
			});
			expect(heat.error).toBeNull();
			const cell = (heat.data as { h3: string; n: number; authors: number }[]).find(
				(h) => h.h3 === batch[0].h3_r8
			);
			expect(cell?.n).toBeGreaterThanOrEqual(1);
			expect(typeof cell?.h3).toBe('string');
		});

		it('open_alerts, acknowledge_alert and resolve_alert follow the lifecycle', async () => {
			const id = `contract-${Date.now().toString(36)}`;
			await target().createAlert(id);
			const { c: nn } = await signIn(target(), 'commanderNN');
			const open = await nn.rpc('open_alerts');
			expect((open.data as { id: string }[]).map((a) => a.id)).toContain(id);

			// An alert outside the caller's scope answers exactly as an unknown one (404).
			const { c: am } = await signIn(target(), 'analystAM');
			const hidden = await am.rpc('acknowledge_alert', { alert_id: id });
			const unknown = await am.rpc('acknowledge_alert', { alert_id: `${id}-none` });
			expect(hidden.status).toBe(404);
			expect(hidden.error?.code).toBe('PT404');
			expect([unknown.status, unknown.error?.code]).toEqual([404, 'PT404']);
			expect(unknown.error?.message.replace(`${id}-none`, '<id>')).toBe(
				hidden.error?.message.replace(id, '<id>')
			);

			const ack = await nn.rpc('acknowledge_alert', { alert_id: id });
			expect(ack.error).toBeNull();
			expect(ack.data).toMatchObject({ id, status: 'acknowledged' });
			const res = await nn.rpc('resolve_alert', { alert_id: id, note: 'contract test' });
			expect(res.data).toMatchObject({ id, status: 'resolved', resolution_note: 'contract test' });
			const again = await nn.rpc('resolve_alert', { alert_id: id });
			expect(again.error?.code).toBe('55000');
		});
	});

	describe('detector worker', () => {
		it('reads new posts with the service role and writes the alerts a detector raises', async () => {
			const service = client(target(), target().serviceKey);
			// Posts ingested just before the worker starts are history, and lie within the margin
			// it re-reads: with pages of 4 they fill whole pages of posts it has already seen.
			const before = rows(9, GRONINGEN).map((r) => ({
				...r,
				source: 'other',
				created_at: new Date(Date.now() - 60_000).toISOString()
			}));
			expect((await service.rpc('ingest_posts', { rows: before })).error).toBeNull();
			const worker = await startDetectorWorker({
				client: service,
				createDetector: () => createCountThresholdBaseline({ threshold: 5 }),
				historyMs: 3_600_000,
				replayMs: 0,
				pollMs: 200,
				pageSize: 4,
				log: () => {}
			});
			try {
				// Spread over 200 m, all in one res-8 cell of Groningen centre.
				// A source of the posts format ('contract' is not one: the worker would skip the rows).
				const batch = rows(12, GRONINGEN).map((r) => ({ ...r, source: 'other' }));
				const ids = new Set(batch.map((r) => r.id));
				const { error } = await service.rpc('ingest_posts', { rows: batch });
				expect(error).toBeNull();
				const { c } = track(await signIn(target(), 'analystNN'));
				let found: { evidence: string[]; kind: string } | undefined;
				for (let i = 0; i < 50 && !found; i++) {
					await new Promise((r) => setTimeout(r, 200));
					const { data } = await c.rpc('open_alerts');
					found = (data as { evidence: string[]; kind: string }[]).find((a) =>
						a.evidence?.some((e) => ids.has(e))
					);
				}
				expect(found?.kind).toBe('surge');
				expect(found!.evidence.every((e) => ids.has(e))).toBe(true);
				// The alert can come before the last page is read: wait for all 12.
				for (let i = 0; i < 50 && worker.stats.posts < 12; i++)
					await new Promise((r) => setTimeout(r, 100));
				expect(worker.stats.posts).toBe(12);
				expect(worker.stats.errors).toBe(0);
			} finally {
				await worker.stop();
			}
		});

		it('catches up at start: posts of the last replayMs raise alerts, older ones are learned', async () => {
			const service = client(target(), target().serviceKey);
			// Posts 20 min ago (in the catch-up window) in one res-8 cell of Haren (unit NN, away
			// from the other tests' posts), and posts 50 min ago at the same place (learned, never
			// pushed: no alert may carry them).
			const at = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
			const HAREN = { x: 6.6095, y: 53.1735 };
			const old = rows(12, HAREN).map((r) => ({ ...r, source: 'other', created_at: at(50) }));
			const recent = rows(12, HAREN).map((r) => ({
				...r,
				source: 'other',
				created_at: at(20)
			}));
			const oldIds = new Set(old.map((r) => r.id));
			const recentIds = new Set(recent.map((r) => r.id));
			for (const b of [old, recent])
				expect((await service.rpc('ingest_posts', { rows: b })).error).toBeNull();
			const worker = await startDetectorWorker({
				client: service,
				createDetector: () => createCountThresholdBaseline({ threshold: 5 }),
				historyMs: 3_600_000,
				replayMs: 30 * 60_000,
				pollMs: 200,
				log: () => {}
			});
			try {
				// The catch-up is done when start resolves.
				expect(worker.stats.replayed).toBeGreaterThanOrEqual(12);
				expect(worker.stats.replayAlerts).toBeGreaterThanOrEqual(1);
				const { c } = track(await signIn(target(), 'analystNN'));
				const { data } = await c.rpc('open_alerts');
				const alerts = data as { evidence: string[]; kind: string; detected_at: string }[];
				const found = alerts.find((a) => a.evidence?.some((e) => recentIds.has(e)));
				expect(found?.kind).toBe('surge');
				// Detected at the stream time of the catch-up, not at the worker's start.
				expect(Date.parse(found!.detected_at)).toBeLessThan(Date.now() - 15 * 60_000);
				expect(alerts.some((a) => a.evidence?.some((e) => oldIds.has(e)))).toBe(false);
			} finally {
				await worker.stop();
			}
		});
	});

	describe('realtime', () => {
		it('a private channel reaches SUBSCRIBED for an allowed topic', async () => {
			const { c } = track(await signIn(target(), 'analystNN'));
			const r = await subscribe(c, 'posts:unit:NN');
			expect(r.status).toBe('SUBSCRIBED');
		});

		it('a private channel gets CHANNEL_ERROR for a forbidden topic', async () => {
			const { c } = track(await signIn(target(), 'analystNN'));
			const r = await subscribe(c, 'posts:unit:AM');
			expect(r.status).toBe('CHANNEL_ERROR');
			expect(r.err?.message).toMatch(/permissions to read from this Channel topic: posts:unit:AM/);
		});

		it('anon cannot join a private topic', async () => {
			const c = client(target());
			opened.push(c);
			const r = await subscribe(c, 'posts:unit:NN');
			expect(r.status).toBe('CHANNEL_ERROR');
		});

		it('an insert statement arrives as one broadcast with all its posts per topic', async () => {
			const { c: nn } = track(await signIn(target(), 'analystNN'));
			const { c: mayor } = track(await signIn(target(), 'mayorGroningen'));
			const unitMsgs: { posts: { id: string }[] }[] = [];
			const gmMsgs: { posts: { id: string }[] }[] = [];
			const a = await subscribe(nn, 'posts:unit:NN', (p) => unitMsgs.push(p as never));
			const b = await subscribe(mayor, 'posts:gm:GM0014', (p) => gmMsgs.push(p as never));
			expect([a.status, b.status]).toEqual(['SUBSCRIBED', 'SUBSCRIBED']);

			const batch = rows(25, GRONINGEN);
			const service = client(target(), target().serviceKey);
			expect((await service.rpc('ingest_posts', { rows: batch })).error).toBeNull();
			const mine = (m: { posts: { id: string }[] }) => m.posts.some((p) => p.id === batch[0].id);
			await expect.poll(() => unitMsgs.filter(mine).length, { timeout: 10_000 }).toBe(1);
			await expect.poll(() => gmMsgs.filter(mine).length, { timeout: 10_000 }).toBe(1);
			const msg = unitMsgs.find(mine)!;
			expect(msg.posts.map((p) => p.id).sort()).toEqual(batch.map((p) => p.id).sort());
			expect(msg.posts[0]).toMatchObject({ source: 'contract', method: 'gps' });
		});
	});
}

const localData = mkdtempSync(join(tmpdir(), 'uitkijk-contract-'));
let stack: Stack | null = null;

describe('local stack (src/stack)', () => {
	let t: Target;
	beforeAll(async () => {
		stack = await startStack({
			dataDir: localData,
			geodataDir: null,
			port: 0,
			testHooks: true,
			demo: true,
			log: () => {}
		});
		const s = stack;
		t = {
			url: s.url,
			anonKey: s.keys.anon_key,
			serviceKey: s.keys.service_key,
			async createAlert(id) {
				await s.db.query(
					`insert into public.alerts (id, kind, detected_at, geom, severity, summary, unit_id, municipality_code)
					 values ($1, 'crowd', now(), extensions.st_setsrid(extensions.st_makepoint(6.5665, 53.2194), 4326),
					         'warning', 'contract test', 'NN', 'GM0014')`,
					[id]
				);
			}
		};
	}, 120_000);
	afterAll(async () => {
		await stack?.close();
		rmSync(localData, { recursive: true, force: true });
	});

	contractSuite(() => t);

	describe('local only', () => {
		it('a bad JWT is 401 PGRST301', async () => {
			const r = await fetch(`${t.url}/rest/v1/rpc/me`, {
				method: 'POST',
				headers: { apikey: t.anonKey, authorization: 'Bearer abc.def.ghi' },
				body: '{}'
			});
			expect(r.status).toBe(401);
			expect(await r.json()).toMatchObject({ code: 'PGRST301' });
		});

		it('invalid JSON is 400 PGRST102 and too large a body 413', async () => {
			const headers = { apikey: t.anonKey, 'content-type': 'application/json' };
			const bad = await fetch(`${t.url}/rest/v1/rpc/me`, { method: 'POST', headers, body: '{' });
			expect(bad.status).toBe(400);
			expect(await bad.json()).toMatchObject({ code: 'PGRST102' });
			const big = await fetch(`${t.url}/rest/v1/rpc/me`, {
				method: 'POST',
				headers,
				body: 'x'.repeat(17 * 1024 * 1024)
			});
			expect(big.status).toBe(413);
		});

		it('GET with query arguments calls a stable function; filters apply', async () => {
			const { c } = await signIn(t, 'planner');
			const from = new Date(Date.now() - 3600_000).toISOString();
			const to = new Date(Date.now() + 3600_000).toISOString();
			const r = await c
				.rpc('posts_in_window', { t_from: from, t_to: to }, { get: true })
				.select('id,source')
				.eq('source', 'contract')
				.limit(2);
			expect(r.error).toBeNull();
			expect(r.data).toHaveLength(2);
			expect(Object.keys((r.data as object[])[0]).sort()).toEqual(['id', 'source']);
		});

		it('survives garbage on the realtime socket and answers heartbeats', async () => {
			const sock = new ws(
				`${t.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${t.anonKey}&vsn=2.0.0`
			);
			await new Promise((r) => sock.once('open', r));
			const replies: unknown[] = [];
			sock.on('message', (d) => replies.push(JSON.parse(d.toString())));
			sock.send('not json');
			sock.send(Buffer.from([9, 9, 9]));
			sock.send(JSON.stringify([null, '1', 'phoenix', 'heartbeat', {}]));
			await expect
				.poll(() => replies, { timeout: 5000 })
				.toContainEqual([null, '1', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
			sock.close();
		});

		it('test hook: a realtime cut closes sockets and refuses upgrades for a while', async () => {
			const wsUrl = `${t.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${t.anonKey}&vsn=2.0.0`;
			const sock = new ws(wsUrl);
			await new Promise((r) => sock.once('open', r));
			const closed = new Promise((r) => sock.once('close', r));
			const cut = await fetch(`${t.url}/__test/realtime/cut?ms=1500`, { method: 'POST' });
			expect(cut.status).toBe(200);
			await closed;
			const refused = new ws(wsUrl);
			const status = await new Promise((r) => {
				refused.once('unexpected-response', (_req, res) => r(res.statusCode));
				refused.once('open', () => r('open'));
				refused.once('error', () => {});
			});
			expect(status).toBe(503);
			await new Promise((r) => setTimeout(r, 1600));
			const again = new ws(wsUrl);
			await new Promise((r) => again.once('open', r));
			expect(again.readyState).toBe(ws.OPEN);
			again.close();
		});

		// Last: restarts the shared stack on its data directory.
		it('restarts on the same data directory: same keys, data kept, nothing re-applied', async () => {
			const key = stack!.keys.anon_key;
			await stack!.close();
			const lines: string[] = [];
			stack = await startStack({
				dataDir: localData,
				geodataDir: null,
				demo: true,
				log: (m) => lines.push(m)
			});
			expect(stack.keys.anon_key).toBe(key);
			expect(lines.filter((l) => l.includes('applied'))).toEqual([]);
			const n = await stack.db.query<{ n: number }>(
				`select count(*)::int as n from public.posts where source = 'contract'`
			);
			expect(n.rows[0].n).toBeGreaterThan(0);
		}, 120_000);
	});
});

const REMOTE =
	process.env.SUPABASE_URL && process.env.SUPABASE_ANON_KEY && process.env.SUPABASE_SERVICE_ROLE_KEY
		? {
				url: process.env.SUPABASE_URL,
				anonKey: process.env.SUPABASE_ANON_KEY,
				serviceKey: process.env.SUPABASE_SERVICE_ROLE_KEY
			}
		: null;

describe.skipIf(!REMOTE)(
	'remote Supabase project (SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY)',
	() => {
		const t: Target = {
			url: REMOTE?.url ?? '',
			anonKey: REMOTE?.anonKey ?? '',
			serviceKey: REMOTE?.serviceKey ?? '',
			async createAlert(id) {
				const service = client(t, t.serviceKey);
				const { error } = await service.from('alerts').insert({
					id,
					kind: 'crowd',
					detected_at: new Date().toISOString(),
					geom: 'SRID=4326;POINT(6.5665 53.2194)',
					severity: 'warning',
					summary: 'contract test',
					unit_id: 'NN',
					municipality_code: 'GM0014'
				});
				if (error) throw new Error(error.message);
			}
		};
		contractSuite(() => t);
	}
);
