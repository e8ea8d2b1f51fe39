/**
 * A detector restart on the embedded stack keeps alert ids and places (issue 11): the worker
 * restores the stored alerts (`detector_alerts`) before its catch-up, so a call that has spread
 * for days is raised again under the id it was stored with, not under the day of the first call
 * the restarted worker happens to read. The rules are unit-tested in
 * tests/unit/detection-restart.test.ts and in pgTAP (81-alert-facts.sql); this runs the worker
 * against the database twice, as a server restart does.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatheringDetector } from '../../src/lib/detection/detector';
import { validateFacts } from '../../src/lib/detection/summary';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';
import { startDetectorWorker } from '../../src/stack/detector-worker';
import { serviceClient } from '../../src/lib/server/service-client';
import { startStack, type Stack } from '../../src/stack/server';

const HOUR = 3_600_000;
const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-detector-restart-'));
let stack: Stack;
let service: SupabaseClient;
const now = Date.now();

const call = (i: number, t: number) => ({
	id: `restart-call-${i}`,
	source: 'other',
	author: `restart-caller-${i}`,
	created_at: new Date(t).toISOString(),
	text: `Project X Haren vrijdag om 21:00!! iedereen komen #${i}`,
	method: 'none'
});

beforeAll(async () => {
	stack = await startStack({ dataDir, geodataDir: null, port: 0, demo: true, log: () => {} });
	service = serviceClient(stack.url, stack.keys.service_key);
	// A call that spreads: one an hour from 60 h ago, then one every 5 min for the last 36 h.
	const rows = [
		...Array.from({ length: 24 }, (_, i) => call(i, now - 60 * HOUR + i * HOUR)),
		...Array.from({ length: 432 }, (_, i) => call(100 + i, now - 36 * HOUR + i * 5 * 60_000))
	].filter((r) => Date.parse(r.created_at) < now - 60_000);
	const { error } = await service.rpc('ingest_posts', { rows });
	if (error) throw error;
}, 120_000);

afterAll(async () => {
	await service?.removeAllChannels();
	await stack?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

async function run(historyMs: number, replayMs: number): Promise<string[]> {
	const lines: string[] = [];
	const worker = await startDetectorWorker({
		client: service,
		createDetector: (opts) => createGatheringDetector({ ...opts, places: BUILTIN_PLACES }),
		historyMs,
		replayMs,
		pollMs: 60_000,
		log: (m) => lines.push(m)
	});
	await worker.stop();
	expect(worker.stats.errors).toBe(0);
	return lines;
}

async function mobilisations() {
	const { data, error } = await service.rpc('detector_alerts', { since: '2000-01-01T00:00:00Z' });
	expect(error).toBeNull();
	return (data as { id: string; kind: string; place: string }[]).filter(
		(a) => a.kind === 'mobilisation'
	);
}

describe('detector restart on the embedded stack', () => {
	it('raises a spreading call again under its stored id and place after a restart', async () => {
		// First run: everything since the first call is caught up on.
		await run(72 * HOUR, 72 * HOUR);
		const first = await mobilisations();
		expect(first.map((a) => a.place)).toEqual(['Haren']);
		// The restart, as the server starts the worker: learn 48-24 h ago, catch up on the last 24 h.
		const lines = await run(48 * HOUR, 24 * HOUR);
		expect(lines.some((l) => l.includes(`mobilisation ${first[0].id}:`))).toBe(true);
		expect(lines.join('\n')).toMatch(/\b1 stored alerts restored/);
		const after = await mobilisations();
		expect(after.map((a) => [a.id, a.place])).toEqual([[first[0].id, 'Haren']]);
		// The row carries the facts the map renders the summary from.
		const { data } = await service.rpc('open_alerts');
		const row = (data as { id: string; facts: unknown }[]).find((a) => a.id === first[0].id);
		expect(validateFacts(row?.facts)).toMatchObject({ what: 'mobilisation', place: 'Haren' });
	}, 120_000);
});
