/**
 * The scenario feeder: plays a built-in scenario into the database along a stream clock, through
 * the one insert path that real ingest uses (`ingest_posts` over supabase-js with the service
 * key; docs/backend.md). It keeps its clock in `stream_clock`, so a restart resumes where it
 * stopped and every open map knows the stream time. Works against the local stack and against a
 * real Supabase project alike (`npx uitkijk feed --url ... --service-key ...`).
 *
 * Stream time follows wall time from an anchor (stream = anchor + wall elapsed × speed, at most
 * the end of the data); each step inserts the posts up to it, and the clock row is written at
 * the start, every `checkpointMs` while playing (clients extrapolate between), and at the end.
 *
 * At the end of the scenario's data (UITKIJK_FEEDER_END):
 * - `stop` (default): the clock stops there for good, `end_stream_clock` (state 'ended',
 *   ended_at), and the feeder issues no statement any more;
 * - `loop`: the ended clock is shown for `endHoldMs`, then the scenario plays again from where a
 *   fresh start plays from, with `restart_stream_clock` (run + 1). Every post of the scenario is
 *   already in the database by then and is not inserted again: nothing is broadcast or read as
 *   new, so no post is duplicated and the detector raises no alert a second time; the clients
 *   see the clock jump back (their map reloads the window) and `run` go up.
 * A failing step is retried with a capped exponential back-off (repeat.ts), logged once per kind.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { ingestRows } from '../lib/ingest/rows.ts';
import { hmacPseudonymiser } from '../lib/server/pseudonym.ts';
import { engine } from '../lib/server/scenarios.ts';
import { serviceClient } from '../lib/server/service-client.ts';
import { parseTime } from '../lib/time/amsterdam.ts';
import { ConfigError, repeat } from './repeat.ts';

export type FeederEnd = 'stop' | 'loop';

export interface FeederOptions {
	supabaseUrl: string;
	serviceKey: string;
	pseudonymKey: string;
	/** Scenario to play (default UITKIJK_SCENARIO or haren-2012). */
	scenario?: string;
	/** Stream seconds per wall second (default UITKIJK_FEEDER_SPEED or 60). */
	speed?: number;
	/** At the end of the data: stop the clock, or play again (default UITKIJK_FEEDER_END or stop). */
	end?: FeederEnd;
	/** Loop mode: wall ms the ended clock shows before the scenario plays again (default 60 s). */
	endHoldMs?: number;
	/**
	 * Stream time a fresh database plays from, and a loop starts again at (ms; default the
	 * scenario's clock). Tests play a short window before the end.
	 */
	from?: number;
	/**
	 * History inserted before the clock on a fresh database (ms, default 48 h, from no earlier
	 * than the scenario's start): the map's longest window (24 h), and what the detector worker
	 * reads at start (a day to learn its baseline from, then a day it catches up on).
	 */
	prefillMs?: number;
	/** Wall milliseconds between steps (default 250). */
	stepMs?: number;
	/** Wall milliseconds between clock writes while playing (default 5000). */
	checkpointMs?: number;
	/** Longest wait between tries of a failing step (default 60 s). */
	maxBackoffMs?: number;
	log?: (msg: string) => void;
}

export type FeederState = 'playing' | 'ended' | 'stopped';

export interface Feeder {
	stop(): Promise<void>;
	/** Current stream time (ms). */
	readonly streamTime: number;
	/** 'ended': at the end of the data (loop mode: until it plays again). */
	readonly state: FeederState;
	/** Times the scenario was started again (loop mode). */
	readonly run: number;
	/** Posts inserted and duplicates skipped since start; calls (statements) and failures. */
	readonly stats: {
		inserted: number;
		duplicates: number;
		batches: number;
		errors: number;
		/** RPC calls made by the loop (inserts and clock writes, failed ones too). */
		calls: number;
		restarts: number;
	};
}

/** Rows per `ingest_posts` call. */
const CHUNK = 2000;

interface StreamClockRow {
	scenario: string | null;
	stream_time: string;
	speed: number;
	/** Since the stream_clock_end migration; absent before. */
	state?: string;
	run?: number;
}

/** Insert located posts through `ingest_posts`, in chunks. Returns inserted and duplicate counts. */
export async function insertPosts(
	client: SupabaseClient,
	rows: ReturnType<typeof ingestRows>,
	onCall: () => void = () => {}
): Promise<{ inserted: number; duplicates: number }> {
	let inserted = 0;
	let duplicates = 0;
	for (let i = 0; i < rows.length; i += CHUNK) {
		onCall();
		const { data, error } = await client.rpc('ingest_posts', { rows: rows.slice(i, i + CHUNK) });
		if (error) throw new Error(`ingest_posts: ${error.code ?? ''} ${error.message}`);
		const r = (Array.isArray(data) ? data[0] : data) as { inserted: number; duplicates: number };
		inserted += r?.inserted ?? 0;
		duplicates += r?.duplicates ?? 0;
	}
	return { inserted, duplicates };
}

/** UITKIJK_FEEDER_END (or the option): stop | loop. */
export function feederEnd(value: string | undefined): FeederEnd {
	const v = (value ?? 'stop').trim().toLowerCase() || 'stop';
	if (v !== 'stop' && v !== 'loop')
		throw new ConfigError(`UITKIJK_FEEDER_END=${value}: expected stop or loop`);
	return v;
}

export async function startFeeder(opts: FeederOptions): Promise<Feeder> {
	const log = opts.log ?? ((m: string) => console.error(`feeder: ${m}`));
	const name = opts.scenario ?? process.env.UITKIJK_SCENARIO ?? 'haren-2012';
	const speed = opts.speed ?? Number(process.env.UITKIJK_FEEDER_SPEED ?? '60');
	if (!(speed > 0 && speed <= 3600))
		throw new ConfigError(`feeder speed ${speed}: expected 0 < speed <= 3600`);
	const endMode = opts.end ?? feederEnd(process.env.UITKIJK_FEEDER_END);
	const endHoldMs = opts.endHoldMs ?? 60_000;
	const stepMs = opts.stepMs ?? 250;
	const checkpointMs = opts.checkpointMs ?? 5000;
	const client = serviceClient(opts.supabaseUrl, opts.serviceKey);
	const pseudonymise = hmacPseudonymiser(opts.pseudonymKey);
	const { scenario, locator } = await engine(name).catch((e: unknown) => {
		throw new ConfigError(`scenario ${name}: ${e instanceof Error ? e.message : String(e)}`);
	});
	const start = parseTime(scenario.info.start);
	const end = parseTime(scenario.info.end);
	const playFrom = Math.min(end, Math.max(start, opts.from ?? parseTime(scenario.info.clock)));
	const iso = (t: number) => new Date(t).toISOString();

	const stats = { inserted: 0, duplicates: 0, batches: 0, errors: 0, calls: 0, restarts: 0 };
	const call = () => void stats.calls++;

	// Resume from the stored clock when it belongs to this scenario; else start at its clock.
	const { data: stored, error: clockErr } = await client.rpc('stream_clock');
	if (clockErr) throw new Error(`stream_clock: ${clockErr.message}`);
	const row = stored as StreamClockRow | null;
	let cursor: number;
	let run = 0;
	let state: FeederState = 'playing';
	/** Posts before this stream time are in the database (a later run inserts nothing again). */
	let insertedTo: number;
	if (row && row.scenario === name && Date.parse(row.stream_time) >= start) {
		cursor = Math.min(Date.parse(row.stream_time), end);
		run = typeof row.run === 'number' ? row.run : 0;
		insertedTo = run > 0 ? end : cursor;
		if (row.state === 'ended') state = 'ended';
		log(
			state === 'ended'
				? `${name}: the stream ended at ${iso(cursor)}${endMode === 'loop' ? '; playing it again' : ' (UITKIJK_FEEDER_END=stop): nothing to play'}`
				: `${name}: resuming at ${iso(cursor)} (${speed}x, run ${run})`
		);
	} else {
		cursor = playFrom;
		const prefill = Math.max(start, cursor - (opts.prefillMs ?? 48 * 3_600_000));
		const t0 = performance.now();
		const r = await insertPosts(
			client,
			ingestRows(locator.locateAll(scenario.generate(prefill, cursor)), pseudonymise),
			call
		);
		insertedTo = cursor;
		log(
			`${name}: prefilled ${r.inserted} posts (${((cursor - prefill) / 3_600_000).toFixed(1)} h) in ${(performance.now() - t0).toFixed(0)} ms; playing from ${iso(cursor)} at ${speed}x`
		);
	}

	// Stream time = anchorStream + (wall - anchorWall) × speed, at most `end`.
	let anchorStream = cursor;
	let anchorWall = performance.now();
	let lastCheckpoint = -Infinity;
	/** Loop mode: when (wall) the end was reached; the restart comes endHoldMs after. */
	let endedWall = -Infinity;

	async function setClock(rpc: 'set_stream_clock' | 'restart_stream_clock', at: number, s: number) {
		call();
		const { data, error } = await client.rpc(rpc, {
			scenario: name,
			stream_time: iso(at),
			speed: s,
			stream_end: iso(end)
		});
		if (error) throw new Error(`${rpc}: ${error.message}`);
		return data as StreamClockRow | null;
	}

	async function endClock(): Promise<void> {
		call();
		const { error } = await client.rpc('end_stream_clock', {
			scenario: name,
			stream_time: iso(end)
		});
		if (error) throw new Error(`end_stream_clock: ${error.message}`);
	}

	/** Loop mode, after the hold: play again from `playFrom`. */
	async function restart(): Promise<void> {
		const clock = await setClock('restart_stream_clock', playFrom, speed);
		run = typeof clock?.run === 'number' ? clock.run : run + 1;
		cursor = playFrom;
		anchorStream = cursor;
		anchorWall = performance.now();
		lastCheckpoint = anchorWall;
		insertedTo = Math.max(insertedTo, end);
		state = 'playing';
		stats.restarts++;
		log(`${name}: run ${run}: playing again from ${iso(cursor)} at ${speed}x`);
	}

	/** One step of the clock; false once the scenario has ended for good. */
	async function step(): Promise<boolean> {
		const now = performance.now();
		if (state === 'ended') {
			if (endMode === 'stop') return false;
			if (now - endedWall >= endHoldMs) await restart();
			return true;
		}
		const target = Math.min(end, anchorStream + (now - anchorWall) * speed);
		if (target > cursor) {
			// On a failure the cursor stays: the window is tried again, as far as the clock by then.
			const from = Math.max(cursor, insertedTo);
			if (target > from) {
				const posts = locator.locateAll(scenario.generate(from, target));
				const r = await insertPosts(client, ingestRows(posts, pseudonymise), call);
				stats.inserted += r.inserted;
				stats.duplicates += r.duplicates;
				stats.batches++;
				insertedTo = target;
			}
			cursor = target;
		}
		if (cursor >= end) {
			await endClock();
			state = 'ended';
			endedWall = performance.now();
			log(
				`${name}: reached the end of the scenario's data (${scenario.info.end}); the clock stops` +
					(endMode === 'loop' ? `, and the scenario plays again in ${endHoldMs / 1000} s` : '')
			);
			return endMode === 'loop';
		}
		if (now - lastCheckpoint >= checkpointMs) {
			await setClock('set_stream_clock', cursor, speed);
			lastCheckpoint = now;
		}
		return true;
	}

	if (state === 'ended') {
		// Loop mode starts again at once (the hold passed while nothing ran); stop mode stays put.
		endedWall = performance.now() - endHoldMs;
	} else {
		await setClock('set_stream_clock', cursor, speed);
		lastCheckpoint = performance.now();
	}
	const loop =
		state === 'ended' && endMode === 'stop'
			? { stop: async () => {} }
			: repeat(
					step,
					stepMs,
					(err, f) => {
						stats.errors++;
						if (!f.repeated)
							log(
								`step failed (${err instanceof Error ? err.message : String(err)}); trying again with back-off (next in ${f.retryInMs} ms)`
							);
					},
					{
						maxBackoffMs: opts.maxBackoffMs,
						onRecover: (n) => log(`step succeeded again after ${n} failed tries`)
					}
				);
	let stopping: Promise<void> | null = null;
	return {
		get streamTime() {
			return cursor;
		},
		get state() {
			return state;
		},
		get run() {
			return run;
		},
		stats,
		stop() {
			stopping ??= (async () => {
				await loop.stop();
				// A feeder that stops pauses the clock (no map runs on ahead of the data); an ended
				// stream stays ended.
				if (state === 'playing') {
					await setClock('set_stream_clock', cursor, 0).catch((e: unknown) =>
						log(`could not pause the clock: ${e instanceof Error ? e.message : String(e)}`)
					);
				}
				state = 'stopped';
				await client.removeAllChannels();
			})();
			return stopping;
		}
	};
}
