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
 *
 * On a fresh database (issue 11) the feeder writes the clock first, in state 'prefilling' (standing
 * still, with the share of the prefill done), inserts the most recent hour before the clock (the
 * window a map shows first), then starts the clock, and inserts the older history behind the
 * running stream, newest hour first, saying how far it is (`stream_clock_history`). A map reads
 * 'prefilling' as "loading", never as live; the posts of the history reach the open maps through
 * Realtime (they are within the 25 h a map holds) or their history queries. `Feeder.history`
 * resolves once the history is in (the detector worker learns its baseline from it).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { ingestRows } from '../lib/ingest/rows.ts';
import { hmacPseudonymiser } from '../lib/server/pseudonym.ts';
import { engine } from '../lib/server/scenarios.ts';
import { serviceClient } from '../lib/server/service-client.ts';
import { parseTime } from '../lib/time/amsterdam.ts';
import { backoffMs, ConfigError, DEFAULT_MAX_BACKOFF_MS, repeat } from './repeat.ts';

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
	/**
	 * Of the prefill, what is inserted before the clock starts (ms before it, default 1 h: the
	 * map's default window); the rest is inserted behind the running stream.
	 */
	recentMs?: number;
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
	/**
	 * Resolves once the older history of a fresh database is in behind the running stream (at
	 * once when there is none to insert); never rejects (a failing slice is tried again).
	 */
	readonly history: Promise<void>;
	/** Posts inserted and duplicates skipped since start; calls (statements) and failures. */
	readonly stats: {
		inserted: number;
		duplicates: number;
		batches: number;
		errors: number;
		/** RPC calls made by the loop (inserts and clock writes, failed ones too). */
		calls: number;
		restarts: number;
		/** Posts of the older history inserted behind the stream (fresh database). */
		history: number;
	};
}

/** Rows per `ingest_posts` call. */
const CHUNK = 2000;
/** Rows per call while the clock waits for the recent hour (its progress is written per call). */
const RECENT_CHUNK = 1000;
const HOUR = 3_600_000;

interface StreamClockRow {
	scenario: string | null;
	stream_time: string;
	speed: number;
	/** Since the stream_clock_end migration; absent before. */
	state?: string;
	run?: number;
	/** Since the stream_clock_prefill migration: present while the older history is loading. */
	history_progress?: number | null;
}

/** Insert located posts through `ingest_posts`, in chunks. Returns inserted and duplicate counts. */
export async function insertPosts(
	client: SupabaseClient,
	rows: ReturnType<typeof ingestRows>,
	onCall: () => void = () => {},
	/** Rows per call, and after each call: the rows done so far. */
	opts: { chunk?: number; onChunk?: (done: number) => Promise<void> | void } = {}
): Promise<{ inserted: number; duplicates: number }> {
	let inserted = 0;
	let duplicates = 0;
	const chunk = opts.chunk ?? CHUNK;
	for (let i = 0; i < rows.length; i += chunk) {
		onCall();
		const { data, error } = await client.rpc('ingest_posts', { rows: rows.slice(i, i + chunk) });
		if (error) throw new Error(`ingest_posts: ${error.code ?? ''} ${error.message}`);
		const r = (Array.isArray(data) ? data[0] : data) as { inserted: number; duplicates: number };
		inserted += r?.inserted ?? 0;
		duplicates += r?.duplicates ?? 0;
		await opts.onChunk?.(Math.min(rows.length, i + chunk));
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

	const stats = {
		inserted: 0,
		duplicates: 0,
		batches: 0,
		errors: 0,
		calls: 0,
		restarts: 0,
		history: 0
	};
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
	/** Older history still to insert behind the running stream: [from, to), newest first. */
	let history: { from: number; to: number } | null = null;
	const prefillFrom = Math.max(start, playFrom - (opts.prefillMs ?? 48 * HOUR));
	const recentFrom = Math.max(prefillFrom, playFrom - (opts.recentMs ?? HOUR));
	// A clock left 'prefilling' (the process stopped during the prefill) is a fresh start: the
	// prefill is done again (the posts already in are skipped as duplicates).
	if (
		row &&
		row.scenario === name &&
		row.state !== 'prefilling' &&
		Date.parse(row.stream_time) >= start
	) {
		cursor = Math.min(Date.parse(row.stream_time), end);
		run = typeof row.run === 'number' ? row.run : 0;
		insertedTo = run > 0 ? end : cursor;
		if (row.state === 'ended') state = 'ended';
		// The history was still being inserted when the process stopped: insert it again.
		if (typeof row.history_progress === 'number' && recentFrom > prefillFrom)
			history = { from: prefillFrom, to: recentFrom };
		log(
			state === 'ended'
				? `${name}: the stream ended at ${iso(cursor)}${endMode === 'loop' ? '; playing it again' : ' (UITKIJK_FEEDER_END=stop): nothing to play'}`
				: `${name}: resuming at ${iso(cursor)} (${speed}x, run ${run})`
		);
	} else {
		cursor = playFrom;
		// The clock says 'prefilling' (no map shows live before there is data), then the most
		// recent hour goes in, and the clock starts; the older history follows behind it.
		const t0 = performance.now();
		const prefillClock = async (progress: number) => {
			call();
			const { error } = await client.rpc('prefill_stream_clock', {
				scenario: name,
				stream_time: iso(cursor),
				stream_end: iso(end),
				progress
			});
			if (error) throw new Error(`prefill_stream_clock: ${error.message}`);
		};
		await prefillClock(0);
		const rows = ingestRows(locator.locateAll(scenario.generate(recentFrom, cursor)), pseudonymise);
		const r = await insertPosts(client, rows, call, {
			chunk: RECENT_CHUNK,
			onChunk: (done) => (done < rows.length ? prefillClock(done / rows.length) : undefined)
		});
		insertedTo = cursor;
		if (recentFrom > prefillFrom) {
			history = { from: prefillFrom, to: recentFrom };
			// Before the clock starts: no map sees a running stream with its history "complete".
			await historyClock(0);
		}
		log(
			`${name}: recent hour in: ${r.inserted} posts (${((cursor - recentFrom) / HOUR).toFixed(1)} h) in ${(performance.now() - t0).toFixed(0)} ms; playing from ${iso(cursor)} at ${speed}x` +
				(history
					? `; the older ${((recentFrom - prefillFrom) / HOUR).toFixed(1)} h follow behind`
					: '')
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

	/** How much of the older history is in (0..1), null once it is all in. */
	async function historyClock(progress: number | null): Promise<void> {
		call();
		const { error } = await client.rpc('stream_clock_history', { scenario: name, progress });
		if (error) throw new Error(`stream_clock_history: ${error.message}`);
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
	let stopped = false;
	/**
	 * The older history, newest hour first, behind the running stream (each statement waits its
	 * turn at the database with the stream's). A failing slice is tried again with back-off.
	 */
	async function fillHistory(h: { from: number; to: number }): Promise<void> {
		const t0 = performance.now();
		let to = h.to;
		let failures = 0;
		while (!stopped) {
			try {
				if (to > h.from) {
					const from = Math.max(h.from, to - HOUR);
					const posts = locator.locateAll(scenario.generate(from, to));
					const r = await insertPosts(client, ingestRows(posts, pseudonymise), call);
					stats.history += r.inserted;
					to = from;
					if (to > h.from) await historyClock((h.to - to) / (h.to - h.from));
				} else {
					await historyClock(null);
					log(
						`${name}: history in behind the stream: ${stats.history} posts (${((h.to - h.from) / HOUR).toFixed(1)} h) in ${(performance.now() - t0).toFixed(0)} ms`
					);
					return;
				}
				if (failures) log(`history: succeeded again after ${failures} failed tries`);
				failures = 0;
			} catch (err) {
				stats.errors++;
				if (failures++ === 0)
					log(
						`history: ${err instanceof Error ? err.message : String(err)}; trying again with back-off`
					);
				const wait = backoffMs(1000, failures, opts.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
				for (let waited = 0; waited < wait && !stopped; waited += 100)
					await new Promise((r) => setTimeout(r, 100));
			}
		}
	}
	const historyDone = history ? fillHistory(history) : Promise.resolve();

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
		history: historyDone,
		stats,
		stop() {
			stopping ??= (async () => {
				stopped = true;
				await loop.stop();
				await historyDone;
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
