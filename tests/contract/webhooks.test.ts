/**
 * Incident webhooks on the embedded stack (issue 13, item 7), against local receivers (http
 * servers in this test): webhooks added with `uitkijk webhook add` get the incident changes in
 * their role scope at or above their minimum severity, signed (the signature verifies with the
 * secret `webhook add` printed), retried after 500s under the same delivery id, delivered once;
 * the outbox survives a restart of the server (a change queued while its receiver was down is
 * delivered after the restart, nothing delivered before is sent again); and
 * `uitkijk incidents --follow` prints the same changes as NDJSON.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidents, webhook } from '../../src/cli/webhook';
import { serviceClient } from '../../src/lib/server/service-client';
import { verifySignature } from '../../src/lib/webhooks/sign';
import { startStack, type Stack } from '../../src/stack/server';
import { startWebhookWorker, type WebhookWorker } from '../../src/stack/webhook-worker';
import { sink } from '../unit/helpers';

const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-webhooks-'));
const MASTER = 'test-webhook-master-key-0123456789abcdef';
let stack: Stack;
let service: SupabaseClient;
let worker: WebhookWorker | null = null;

interface Received {
	id: string;
	change: string;
	incident_id: string;
	body: string;
	signature: string;
	deliveryHeader: string;
	answered: number;
}

/** A local receiver: records every request; answers 500 while `failing` says so. */
function receiver() {
	const got: Received[] = [];
	const r = {
		got,
		url: '',
		failNext: 0,
		down: false,
		server: null as unknown as Server,
		/** The requests it answered 2xx. */
		ok: () => got.filter((g) => g.answered === 200)
	};
	r.server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			const j = JSON.parse(body) as { id: string; change: string; incident_id: string };
			let status = 200;
			if (r.down) status = 503;
			else if (r.failNext > 0) {
				r.failNext--;
				status = 500;
			}
			got.push({
				id: j.id,
				change: j.change,
				incident_id: j.incident_id,
				body,
				signature: String(req.headers['x-uitkijk-signature'] ?? ''),
				deliveryHeader: String(req.headers['x-uitkijk-delivery'] ?? ''),
				answered: status
			});
			res.writeHead(status, { 'content-type': 'text/plain' });
			res.end(status === 200 ? 'ok' : 'nope');
		});
	});
	return r;
}
type Receiver = ReturnType<typeof receiver>;
const unitRx = receiver(); // commander of T1, warning and up; fails twice first
const mayorRx = receiver(); // mayor of GM9993 (unit T2), critical only
const allRx = receiver(); // prosecutor (all), info and up
const secrets = new Map<Receiver, string>();

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 20_000) {
	const end = Date.now() + ms;
	while (!(await cond())) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

const env = () => ({
	SUPABASE_URL: stack.url,
	SUPABASE_SERVICE_ROLE_KEY: stack.keys.service_key,
	UITKIJK_WEBHOOK_KEY: MASTER
});

async function cli(
	cmd: typeof webhook,
	args: string[]
): Promise<{ code: number; out: string; err: string }> {
	const out = sink();
	const err = sink();
	const code = await cmd(args, { stdout: out.stream, stderr: err.stream, env: env() } as never);
	return { code, out: out.text(), err: err.text() };
}

async function open() {
	stack = await startStack({ dataDir, log: () => {} });
	service = serviceClient(stack.url, stack.keys.service_key);
}

function startWorker() {
	worker = startWebhookWorker({
		client: service,
		masterKey: MASTER,
		pollMs: 25,
		// A short lease: a delivered change that were claimable again would come back within the
		// restart (seconds), and show as a duplicate.
		leaseS: 1,
		backoff: { baseMs: 50, capMs: 200, jitter: 0 },
		log: () => {}
	});
}

let alertSeq = 0;
async function alert(incident: string, lon: number, severity: string) {
	const { error } = await service.rpc('upsert_alerts', {
		rows: [
			{
				id: `wh-alert-${++alertSeq}`,
				kind: 'surge',
				detected_at: new Date(Date.now() - 60_000 + alertSeq * 1000).toISOString(),
				lon,
				lat: 1.0,
				radius_m: 500,
				place: 'Testdorp',
				severity,
				score: 2,
				summary: 's',
				evidence: [],
				incident_id: incident
			}
		]
	});
	if (error) throw new Error(error.message);
}

beforeAll(async () => {
	for (const r of [unitRx, mayorRx, allRx]) {
		await new Promise<void>((res) => r.server.listen(0, '127.0.0.1', () => res()));
		r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/hook?x=1`;
	}
	await open();
	await stack.db.exec(`
		insert into public.police_units (id, name, geom) values
		  ('T1', 'Test One', extensions.st_multi(extensions.st_makeenvelope(20, 0, 22, 2, 4326))),
		  ('T2', 'Test Two', extensions.st_multi(extensions.st_makeenvelope(22, 0, 24, 2, 4326)));
		insert into public.municipalities (code, name, unit_id, geom, geom_source) values
		  ('GM9991', 'Testdorp', 'T1', extensions.st_multi(extensions.st_makeenvelope(20, 0, 22, 2, 4326)), 'test'),
		  ('GM9993', 'Testwoud', 'T2', extensions.st_multi(extensions.st_makeenvelope(22, 0, 24, 2, 4326)), 'test');
	`);
	const add = async (r: Receiver, args: string[]) => {
		const res = await cli(webhook, ['add', '--url', r.url, ...args]);
		expect(res.code, res.err).toBe(0);
		const w = JSON.parse(res.out) as { id: string; secret: string; nonce?: string };
		expect(w.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(w.nonce).toBeUndefined();
		secrets.set(r, w.secret);
	};
	await add(unitRx, ['--role', 'commander', '--unit', 'T1']);
	await add(mayorRx, ['--role', 'mayor', '--municipality', 'GM9993', '--min-severity', 'critical']);
	await add(allRx, ['--role', 'prosecutor', '--min-severity', 'info']);
}, 120_000);

afterAll(async () => {
	await worker?.stop();
	await stack?.close();
	for (const r of [unitRx, mayorRx, allRx]) r.server.close();
	rmSync(dataDir, { recursive: true, force: true });
});

const ids = (r: Receiver) => [...new Set(r.ok().map((g) => g.id))].sort();

describe('incident webhooks', () => {
	it('refuses a role without its scope, and lists the webhooks without secrets', async () => {
		const bad = await cli(webhook, ['add', '--url', unitRx.url, '--role', 'commander']);
		expect(bad.code).toBe(2);
		expect(bad.err).toMatch(/--unit/);
		const list = await cli(webhook, ['list']);
		expect(list.code).toBe(0);
		const rows = list.out
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(rows.map((r) => r.role).sort()).toEqual(['commander', 'mayor', 'prosecutor']);
		expect(list.out).not.toMatch(/secret|nonce/);
	});

	it('delivers signed, in scope and severity, retried after 500s under one id', async () => {
		const follow = sink();
		let stopFollow!: () => void;
		const following = incidents(
			['--follow', '--poll-ms', '50', '--role', 'commander', '--unit', 'T1'],
			{ stdout: follow.stream, stderr: sink().stream, env: env() } as never,
			new Promise<void>((res) => (stopFollow = res))
		);
		// Let the follower read where the changes stand before any is made.
		await new Promise((r) => setTimeout(r, 300));

		unitRx.failNext = 2;
		startWorker();
		await alert('inc-wh-a', 20.5, 'warning'); // T1 / GM9991
		await alert('inc-wh-b', 23.0, 'info'); // T2 / GM9993
		await alert('inc-wh-b', 23.01, 'critical'); // escalates b

		await until(
			'the deliveries',
			() => unitRx.ok().length >= 1 && mayorRx.ok().length >= 1 && allRx.ok().length >= 3
		);
		await until('the follower', () => follow.text().split('\n').filter(Boolean).length >= 1);
		// Nothing left queued: no out-of-scope change waits to be sent.
		const settled = await service.rpc('webhook_list');
		expect(settled.error).toBeNull();
		expect((settled.data as { pending: number }[]).every((w) => w.pending === 0)).toBe(true);

		expect(ids(unitRx)).toEqual(['inc-wh-a:created']);
		expect(unitRx.got.map((g) => g.answered)).toEqual([500, 500, 200]);
		expect(new Set(unitRx.got.map((g) => g.id)).size).toBe(1);
		expect(ids(mayorRx)).toEqual(['inc-wh-b:escalated-critical']);
		expect(ids(allRx)).toEqual([
			'inc-wh-a:created',
			'inc-wh-b:created',
			'inc-wh-b:escalated-critical'
		]);
		for (const r of [unitRx, mayorRx, allRx]) {
			for (const g of r.got) {
				expect(g.deliveryHeader).toBe(g.id);
				expect(
					verifySignature(secrets.get(r)!, g.body, g.signature, Date.now() / 1000)
				).toMatchObject({ ok: true });
				// Another webhook's secret does not verify it.
				const other = [...secrets.values()].find((s) => s !== secrets.get(r))!;
				expect(verifySignature(other, g.body, g.signature, Date.now() / 1000).ok).toBe(false);
			}
		}
		const a = JSON.parse(allRx.ok()[0].body);
		expect(a).toMatchObject({ type: 'incident.created', incident_id: 'inc-wh-a' });
		expect(a.incident).toMatchObject({
			id: 'inc-wh-a',
			unit_id: 'T1',
			municipality_code: 'GM9991'
		});

		stopFollow();
		expect(await following).toBe(0);
		const lines = follow
			.text()
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(lines.map((l) => l.id)).toEqual(['inc-wh-a:created']);
		expect(lines[0]).toEqual(JSON.parse(unitRx.ok()[0].body));
	}, 60_000);

	it('keeps the outbox over a restart and sends nothing twice', async () => {
		allRx.down = true;
		await alert('inc-wh-a', 20.51, 'critical'); // a escalates: unit and all receivers
		await until('the unit receiver', () => ids(unitRx).includes('inc-wh-a:escalated-critical'));
		await until('a failed try at the receiver that is down', () =>
			allRx.got.some((g) => g.id === 'inc-wh-a:escalated-critical')
		);
		await worker!.stop();
		worker = null;
		await stack.close();

		allRx.down = false;
		await open();
		startWorker();
		await until('the queued change after the restart', () =>
			ids(allRx).includes('inc-wh-a:escalated-critical')
		);
		// The outbox is drained, and each change reached each receiver once.
		await until('an empty outbox', async () => {
			const { data } = await service.rpc('webhook_list');
			return (data as { pending: number }[]).every((w) => w.pending === 0);
		});
		for (const r of [unitRx, mayorRx, allRx]) {
			const delivered = r.ok().map((g) => g.id);
			expect(delivered.length, `${delivered}`).toBe(new Set(delivered).size);
		}
		expect(ids(unitRx)).toEqual(['inc-wh-a:created', 'inc-wh-a:escalated-critical']);
		expect(ids(mayorRx)).toEqual(['inc-wh-b:escalated-critical']);
		expect(ids(allRx)).toEqual([
			'inc-wh-a:created',
			'inc-wh-a:escalated-critical',
			'inc-wh-b:created',
			'inc-wh-b:escalated-critical'
		]);

		const list = await cli(incidents, ['--role', 'mayor', '--municipality', 'GM9993']);
		expect(list.code, list.err).toBe(0);
		expect(
			list.out
				.trim()
				.split('\n')
				.map((l) => JSON.parse(l).id)
		).toEqual(['inc-wh-b']);
	}, 90_000);
});
