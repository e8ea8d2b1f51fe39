/**
 * Planned events registered and withdrawn in the interface reach a running detector without a
 * restart (issue 13, item 5): the worker reads the plans again every planPollMs, hands them to the
 * detector (setPlanned) and reports what the detector says about each plan (report_plan_status),
 * which planned_events() returns to the map. On the embedded stack (PGlite with PostGIS), with
 * the demo users: a planner registers anywhere, a commander only in their unit's territory.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ws from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detector, PlannedEvent, PlanStatus } from '../../src/lib/detection/api';
import { DEMO_PASSWORD, demoEmail } from '../../src/lib/supabase/demo-users';
import { serviceClient } from '../../src/lib/server/service-client';
import { startDetectorWorker, type DetectorWorker } from '../../src/stack/detector-worker';
import { startStack, type Stack } from '../../src/stack/server';

const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-planned-events-'));
let stack: Stack;
let service: SupabaseClient;
let worker: DetectorWorker | null = null;

/** A detector that only keeps the plans it is given, and says each silenced 7 signals. */
const plans: PlannedEvent[][] = [];
const fake: Detector = {
	push: () => [],
	setPlanned: (p) => void plans.push(p),
	planStatus: (): PlanStatus[] =>
		(plans.at(-1) ?? []).map((e) => ({
			id: e.id,
			stream_time: '2024-04-27T15:00:00.000Z',
			observed_authors: 30,
			observed_crowd: 300,
			suppressed: 7,
			suppressed_since: '2024-04-27T14:05:00.000Z',
			last_suppressed_at: '2024-04-27T14:55:00.000Z'
		}))
};

// Around the centre of Haren (Groningen, unit NN), 400 x 300 m.
const HAREN = {
	type: 'Polygon',
	coordinates: [
		[
			[6.603, 53.171],
			[6.609, 53.171],
			[6.609, 53.174],
			[6.603, 53.174],
			[6.603, 53.171]
		]
	]
};
// The Dam in Amsterdam (unit AM).
const DAM = {
	type: 'Polygon',
	coordinates: [
		[
			[4.891, 52.3725],
			[4.894, 52.3725],
			[4.894, 52.3738],
			[4.891, 52.3738],
			[4.891, 52.3725]
		]
	]
};

async function signIn(key: string): Promise<SupabaseClient> {
	const c = createClient(stack.url, stack.keys.anon_key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: ws as never, timeout: 5000 }
	});
	const { error } = await c.auth.signInWithPassword({
		email: demoEmail(key),
		password: DEMO_PASSWORD
	});
	if (error) throw error;
	return c;
}

/** Waits until check() holds (polled every 50 ms; fails after timeoutMs). */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
	const end = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

beforeAll(async () => {
	stack = await startStack({ dataDir, geodataDir: null, port: 0, demo: true, log: () => {} });
	service = serviceClient(stack.url, stack.keys.service_key);
}, 120_000);

afterAll(async () => {
	await worker?.stop();
	await service?.removeAllChannels();
	await stack?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

const window = { planned_from: '2024-04-27T14:00:00Z', planned_to: '2024-04-27T18:00:00Z' };

describe('planned events on the embedded stack', () => {
	it('a commander registers only in their unit; a planner anywhere', async () => {
		const commander = await signIn('commandant.nn');
		const refused = await commander.rpc('register_planned_event', {
			name: 'Dam',
			area: DAM,
			...window,
			planned_crowd: 1000
		});
		expect(refused.error?.message).toMatch(/does not lie within the territory of unit NN/);
		const bad = await commander.rpc('register_planned_event', {
			name: 'Haren',
			area: HAREN,
			planned_from: window.planned_to,
			planned_to: window.planned_from,
			planned_crowd: 1000
		});
		expect(bad.error?.message).toMatch(/^window: the end .* is not after the start/);
		const analyst = await signIn('analist.nn');
		expect(
			(
				await analyst.rpc('register_planned_event', {
					name: 'x',
					area: HAREN,
					...window,
					planned_crowd: 1
				})
			).error?.message
		).toMatch(/only a planner or a commander/);
	});

	it('the running detector gets a plan registered and withdrawn, and the map its status', async () => {
		worker = await startDetectorWorker({
			client: service,
			createDetector: () => fake,
			historyMs: 0,
			replayMs: 0,
			pollMs: 50,
			planPollMs: 100,
			log: () => {}
		});
		const planner = await signIn('planner');
		const reg = await planner.rpc('register_planned_event', {
			name: 'Bevrijdingsfestival Haren',
			area: HAREN,
			...window,
			planned_crowd: 47_000
		});
		expect(reg.error).toBeNull();
		const id = reg.data as string;
		await until('the detector to get the new plan', () =>
			(plans.at(-1) ?? []).some((e) => e.id === id && e.crowd === 47_000 && e.polygon.length === 5)
		);
		expect(worker.stats.planChanges).toBeGreaterThanOrEqual(1);

		// The detector's status reaches the map through planned_events().
		await until('the status in planned_events()', async () => {
			const { data } = await planner.rpc('planned_events');
			return ((data ?? []) as { id: string; suppressed: number | null }[]).some(
				(e) => e.id === id && e.suppressed === 7
			);
		});
		// A commander of the unit sees it with its status; the analyst of Amsterdam does not.
		const commander = await signIn('commandant.nn');
		const seen = (await commander.rpc('planned_events')).data as Record<string, unknown>[];
		expect(seen.find((e) => e.id === id)).toMatchObject({
			name: 'Bevrijdingsfestival Haren',
			unit_id: 'NN',
			municipality_code: 'GM0014',
			planned_crowd: 47_000,
			observed_crowd: 300,
			suppressed: 7
		});
		const am = await signIn('analist.am');
		expect(
			((await am.rpc('planned_events')).data as { id: string }[]).map((e) => e.id)
		).not.toContain(id);

		const wd = await commander.rpc('withdraw_planned_event', { event_id: id, reason: 'afgelast' });
		expect(wd.error).toBeNull();
		await until('the detector to drop the withdrawn plan', () =>
			(plans.at(-1) ?? []).every((e) => e.id !== id)
		);
		expect(worker.stats.errors).toBe(0);
	}, 60_000);
});
