/**
 * The scenario feeder: plays a built-in scenario into the database along a stream clock, through
 * the one insert path that real ingest uses (`ingest_posts` over supabase-js with the service
 * key; docs/backend.md). It keeps its clock in `stream_clock`, so a restart resumes where it
 * stopped and every open map knows the stream time. Works against the local stack and against a
 * real Supabase project alike (`npx uitkijk feed --url ... --service-key ...`).
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { ingestRows } from '../lib/ingest/rows.ts';
import { hmacPseudonymiser } from '../lib/server/pseudonym.ts';
import { engine } from '../lib/server/scenarios.ts';
import { parseTime } from '../lib/scenario/index.ts';
import { repeat } from './repeat.ts';

export interface FeederOptions {
	supabaseUrl: string;
	serviceKey: string;
	pseudonymKey: string;
	/** Scenario to play (default UITKIJK_SCENARIO or haren-2012). */
	scenario?: string;
	/** Stream seconds per wall second (default UITKIJK_FEEDER_SPEED or 60). */
	speed?: number;
	/**
	 * History inserted before the clock on a fresh database (ms, default 48 h, from no earlier
	 * than the scenario's start): the map's longest window (24 h), and what the detector worker
	 * reads at start (a day to learn its baseline from, then a day it catches up on).
	 */
	prefillMs?: number;
	/** Wall milliseconds between steps. */
	stepMs?: number;
	log?: (msg: string) => void;
}

export interface Feeder {
	stop(): Promise<void>;
	/** Current stream time (ms). */
	readonly streamTime: number;
	/** Posts inserted and duplicates skipped since start. */
	readonly stats: { inserted: number; duplicates: number; batches: number; errors: number };
}

/** Rows per `ingest_posts` call. */
const CHUNK = 2000;

interface StreamClockRow {
	scenario: string;
	stream_time: string;
	speed: number;
}

/** Insert located posts through `ingest_posts`, in chunks. Returns inserted and duplicate counts. */
export async function insertPosts(
	client: SupabaseClient,
	rows: ReturnType<typeof ingestRows>
): Promise<{ inserted: number; duplicates: number }> {
	let inserted = 0;
	let duplicates = 0;
	for (let i = 0; i < rows.length; i += CHUNK) {
		const { data, error } = await client.rpc('ingest_posts', { rows: rows.slice(i, i + CHUNK) });
		if (error) throw new Error(`ingest_posts: ${error.code ?? ''} ${error.message}`);
		const r = (Array.isArray(data) ? data[0] : data) as { inserted: number; duplicates: number };
		inserted += r?.inserted ?? 0;
		duplicates += r?.duplicates ?? 0;
	}
	return { inserted, duplicates };
}

export function serviceClient(url: string, serviceKey: string): SupabaseClient {
	return createClient(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
}

export async function startFeeder(opts: FeederOptions): Promise<Feeder> {
	const log = opts.log ?? ((m: string) => console.error(`feeder: ${m}`));
	const name = opts.scenario ?? process.env.UITKIJK_SCENARIO ?? 'haren-2012';
	const speed = opts.speed ?? Number(process.env.UITKIJK_FEEDER_SPEED ?? '60');
	if (!(speed > 0 && speed <= 3600))
		throw new Error(`feeder speed ${speed}: expected 0 < speed <= 3600`);
	const stepMs = opts.stepMs ?? 250;
	const client = serviceClient(opts.supabaseUrl, opts.serviceKey);
	const pseudonymise = hmacPseudonymiser(opts.pseudonymKey);
	const { scenario, locator } = await engine(name);
	const start = parseTime(scenario.info.start);
	const end = parseTime(scenario.info.end);

	// Resume from the stored clock when it belongs to this scenario; else start at its clock.
	const { data: stored, error: clockErr } = await client.rpc('stream_clock');
	if (clockErr) throw new Error(`stream_clock: ${clockErr.message}`);
	const row = stored as StreamClockRow | null;
	let cursor: number;
	if (row && row.scenario === name && Date.parse(row.stream_time) >= start) {
		cursor = Math.min(Date.parse(row.stream_time), end);
		log(`${name}: resuming at ${new Date(cursor).toISOString()} (${speed}x)`);
	} else {
		cursor = parseTime(scenario.info.clock);
		const prefill = Math.max(start, cursor - (opts.prefillMs ?? 48 * 3_600_000));
		const t0 = performance.now();
		const r = await insertPosts(
			client,
			ingestRows(locator.locateAll(scenario.generate(prefill, cursor)), pseudonymise)
		);
		log(
			`${name}: prefilled ${r.inserted} posts (${((cursor - prefill) / 3_600_000).toFixed(1)} h) in ${(performance.now() - t0).toFixed(0)} ms; playing from ${new Date(cursor).toISOString()} at ${speed}x`
		);
	}

	const stats = { inserted: 0, duplicates: 0, batches: 0, errors: 0 };
	let wall = performance.now();

	async function setClock(): Promise<void> {
		const { error } = await client.rpc('set_stream_clock', {
			scenario: name,
			stream_time: new Date(cursor).toISOString(),
			speed: cursor >= end ? 0 : speed
		});
		if (error) throw new Error(`set_stream_clock: ${error.message}`);
	}

	/** One step of the clock; false once the scenario has ended. */
	async function step(): Promise<boolean> {
		const now = performance.now();
		const target = Math.min(end, cursor + (now - wall) * speed);
		wall = now;
		if (target > cursor) {
			const posts = locator.locateAll(scenario.generate(cursor, target));
			const r = await insertPosts(client, ingestRows(posts, pseudonymise));
			stats.inserted += r.inserted;
			stats.duplicates += r.duplicates;
			stats.batches++;
			cursor = target;
		}
		await setClock();
		if (cursor >= end) {
			log(`${name}: reached the end of the scenario (${scenario.info.end}); the clock stops`);
			return false;
		}
		return true;
	}

	await setClock();
	// On a failure the cursor stays: the same window is retried at the next step.
	const loop = repeat(step, stepMs, (err) => {
		stats.errors++;
		log(`step failed, retrying: ${err instanceof Error ? err.message : String(err)}`);
	});
	return {
		get streamTime() {
			return cursor;
		},
		stats,
		async stop() {
			await loop.stop();
			await client.removeAllChannels();
		}
	};
}
