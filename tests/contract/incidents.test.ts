/**
 * Incidents on the embedded stack (issue 13): the detector worker groups the alerts of one
 * gathering (a call to Haren that spreads for a day and a half, then the crowd at Haren) into one
 * incident, stored through upsert_alerts and broadcast on the analyst's alert topic;
 * incident_detail returns its alerts, events, posts per 5 minutes with the baseline, its
 * evidence and how that was located; incident_act acknowledges it. The rules are unit-tested in
 * tests/unit/incidents.test.ts and in pgTAP (supabase/tests/database/82-incidents.sql); this
 * checks that they run on PGlite and over the local API.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { createGatheringDetector } from '../../src/lib/detection/detector';
import { ingestRows } from '../../src/lib/ingest/rows';
import type { LocatedPost } from '../../src/lib/posts/post';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';
import { hmacPseudonymiser } from '../../src/lib/server/pseudonym';
import { serviceClient } from '../../src/lib/server/service-client';
import { validateIncident, validateIncidentDetail } from '../../src/lib/supabase/incidents';
import { startDetectorWorker } from '../../src/stack/detector-worker';
import { startStack, type Stack } from '../../src/stack/server';
import { feedback } from '../../src/cli/feedback';
import { prng, sink } from '../unit/helpers';

const HOUR = 3_600_000;
const MIN = 60_000;
const HAREN: [number, number] = [6.6062, 53.1727];
const CITIES: [number, number][] = [
	[4.9, 52.37],
	[5.12, 52.09],
	[4.48, 51.92],
	[6.57, 53.22],
	[5.47, 51.44]
];
// Police units and municipalities place the alerts (scope, topics); without them nothing would.
const geodataDir = resolve(process.cwd(), '..', 'shared', 'geodata');
const haveGeodata = existsSync(join(geodataDir, 'boundaries'));
const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-incidents-'));
const now = Date.now();
let stack: Stack;
let service: SupabaseClient;

let seq = 0;
function post(author: string, t: number, text: string, pos?: [number, number]): LocatedPost {
	seq++;
	return {
		id: `inc-${seq}`,
		source: 'x',
		author,
		created_at: new Date(t).toISOString(),
		text,
		t,
		...(pos ? { method: 'gps' as const, pos, precision_m: 25 } : { method: 'none' as const })
	};
}

/** The stream: background posts in five cities for 48 h, calls to Haren for the last 36 h (one
 * every 10 min), and a crowd at Haren in the last hour. */
function stream(): LocatedPost[] {
	const r = prng(3);
	const out: LocatedPost[] = [];
	for (let t = now - 48 * HOUR; t < now - MIN; t += 36_000) {
		const c = CITIES[Math.floor(r() * CITIES.length)];
		out.push(
			post(`bg${Math.floor(r() * 3000)}`, t, 'hoi', [
				c[0] + (r() - 0.5) * 0.08,
				c[1] + (r() - 0.5) * 0.05
			])
		);
	}
	for (let i = 0; i < 216; i++)
		out.push(
			post(
				`caller${i}`,
				now - 36 * HOUR + i * 10 * MIN,
				`Project X Haren vrijdag om 21:00!! iedereen komen #${i}`
			)
		);
	const t0 = now - 55 * MIN;
	for (let i = 0; i < 120; i++)
		out.push(
			post(`crowd${i % 60}`, t0 + Math.floor((i * 40 * MIN) / 120), 'wat een drukte hier', [
				HAREN[0] + (r() - 0.5) * 0.003,
				HAREN[1] + (r() - 0.5) * 0.002
			])
		);
	return out.filter((p) => p.t < now - MIN).sort((a, b) => a.t - b.t);
}

async function signIn(email: string) {
	const c = createClient(stack.url, stack.keys.anon_key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: ws as never }
	});
	const { error } = await c.auth.signInWithPassword({ email, password: 'uitkijk-demo' });
	if (error) throw error;
	return c;
}

async function until<T>(f: () => T | undefined, ms = 10_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = f();
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 50));
	}
}

beforeAll(async () => {
	if (!haveGeodata) return;
	stack = await startStack({ dataDir, geodataDir, port: 0, demo: true, log: () => {} });
	service = serviceClient(stack.url, stack.keys.service_key);
	const rows = ingestRows(stream(), hmacPseudonymiser(stack.keys.pseudonym_key));
	for (let i = 0; i < rows.length; i += 2000) {
		const { error } = await service.rpc('ingest_posts', { rows: rows.slice(i, i + 2000) });
		if (error) throw error;
	}
}, 180_000);

afterAll(async () => {
	await service?.removeAllChannels();
	await stack?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!haveGeodata)('incidents on the embedded stack (needs ../shared/geodata)', () => {
	it('groups a gathering into one incident, broadcasts it, details it, acknowledges it and marks it false (feedback)', async () => {
		const analyst = await signIn('analist.nn@uitkijk.demo');
		const received: unknown[] = [];
		const status = await new Promise<string>((res) => {
			analyst
				.channel('alerts:unit:NN', { config: { private: true } })
				.on('broadcast', { event: 'incident' }, (m) => received.push(m.payload))
				.subscribe((s) => res(s));
		});
		expect(status).toBe('SUBSCRIBED');

		const lines: string[] = [];
		const worker = await startDetectorWorker({
			client: service,
			createDetector: (opts) => createGatheringDetector({ ...opts, places: BUILTIN_PLACES }),
			historyMs: 48 * HOUR,
			replayMs: 40 * HOUR,
			pollMs: 60_000,
			log: (m) => lines.push(m)
		});
		await worker.stop();
		expect(worker.stats.errors).toBe(0);

		// The alerts at Haren: a mobilisation and the crowd, in one incident.
		const { data: alerts } = await service.rpc('detector_alerts', {
			since: '2000-01-01T00:00:00Z'
		});
		const atHaren = (alerts as { id: string; kind: string; incident_id: string }[]) ?? [];
		const kinds = new Set(atHaren.map((a) => a.kind));
		expect(kinds.has('mobilisation'), lines.join('\n')).toBe(true);
		expect(
			[...kinds].some((k) => k !== 'mobilisation'),
			lines.join('\n')
		).toBe(true);
		const incidentIds = new Set(atHaren.map((a) => a.incident_id));
		console.log(`incidents contract: ${atHaren.length} alerts, ${incidentIds.size} incident(s)`);
		expect(incidentIds.size).toBe(1);
		const [id] = incidentIds;
		expect(id).toBe(`inc-${atHaren.find((a) => a.kind === 'mobilisation')!.id}`);

		// The analyst's list: one incident at Haren with all its alerts.
		const { data: list, error } = await analyst.rpc('open_incidents');
		expect(error).toBeNull();
		const rows = (list as unknown[]).map((r) => validateIncident(r));
		expect(rows.every((r) => r.ok)).toBe(true);
		const inc = rows.map((r) => (r.ok ? r.value : null)).find((r) => r?.id === id)!;
		expect(inc).toMatchObject({
			place: 'Haren',
			severity: 'critical',
			status: 'open',
			unit_id: 'NN',
			alert_count: atHaren.length
		});
		expect(inc.kinds[0]).toBe('mobilisation');

		// It arrived over Realtime as an IncidentRow.
		const msg = await until(() =>
			received
				.map((p) => validateIncident(p))
				.find((r) => r.ok && r.value.id === id && r.value.alert_count === atHaren.length)
		);
		expect(msg.ok).toBe(true);

		// The incident view.
		const { data: d, error: dErr } = await analyst.rpc('incident_detail', { incident_id: id });
		expect(dErr).toBeNull();
		const { detail, problems } = validateIncidentDetail(d);
		expect(problems).toEqual([]);
		expect(detail!.alerts.map((a) => a.id).sort()).toEqual(atHaren.map((a) => a.id).sort());
		expect(detail!.events.filter((e) => e.kind === 'alert')).toHaveLength(atHaren.length);
		const { counts, baseline, step_s } = detail!.series;
		expect(step_s).toBe(300);
		expect(counts.length).toBe(baseline.length);
		expect(counts.length).toBeGreaterThan(12);
		expect(counts.reduce((s, c) => s + c, 0)).toBeGreaterThanOrEqual(100); // the crowd
		expect(detail!.evidence.length).toBeGreaterThan(0);
		const crowdPost = detail!.evidence.find((e) => e.text === 'wat een drukte hier')!;
		expect(crowdPost).toMatchObject({ located_by: 'geotag', precision_m: 25 });
		expect(crowdPost.author).toMatch(/^[0-9a-z_-]+$/i); // a pseudonym, not the handle
		expect(crowdPost.author).not.toMatch(/^crowd/);
		expect(detail!.shares.geotag).toBeGreaterThan(0);
		expect(detail!.shares.total).toBeGreaterThanOrEqual(
			detail!.shares.geotag + detail!.shares.text
		);

		// Acknowledge: the list and a broadcast say so, the alerts follow.
		const { error: actErr } = await analyst.rpc('incident_act', {
			incident_id: id,
			action: 'acknowledge',
			reason: null
		});
		expect(actErr).toBeNull();
		await until(() =>
			received
				.map((p) => validateIncident(p))
				.find((r) => r.ok && r.value.id === id && r.value.status === 'acknowledged')
		);
		const { data: after } = await service.rpc('open_alerts');
		for (const a of after as { incident_id?: string; id: string; status: string }[])
			if (atHaren.some((h) => h.id === a.id)) expect(a.status).toBe('acknowledged');
		const { data: d2 } = await analyst.rpc('incident_detail', { incident_id: id });
		const ack = validateIncidentDetail(d2).detail!.events.find((e) => e.kind === 'acknowledge');
		expect(ack?.actor_label).toBe('Analist RTIC Noord-Nederland');

		// "Onterecht": listed as such, its alerts resolved, and `uitkijk feedback` prints it.
		const { error: falseErr } = await analyst.rpc('incident_act', {
			incident_id: id,
			action: 'false_alarm',
			reason: 'oefening'
		});
		expect(falseErr).toBeNull();
		const { data: list2 } = await analyst.rpc('open_incidents');
		expect((list2 as { id: string; status: string }[]).find((r) => r.id === id)?.status).toBe(
			'false_alarm'
		);
		const { data: open2 } = await service.rpc('open_alerts');
		expect((open2 as { id: string }[]).filter((a) => atHaren.some((h) => h.id === a.id))).toEqual(
			[]
		);
		const out = sink();
		const code = await feedback([], {
			stdout: out.stream,
			stderr: sink().stream,
			env: { UITKIJK_DATA: dataDir, PORT: String(stack.port) }
		});
		expect(code).toBe(0);
		const printed = out
			.text()
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(printed).toEqual([
			expect.objectContaining({
				incident_id: id,
				place: 'Haren',
				who: 'Analist RTIC Noord-Nederland',
				reason: 'oefening',
				alerts: expect.arrayContaining(atHaren.map((a) => a.id))
			})
		]);
	}, 180_000);
});
