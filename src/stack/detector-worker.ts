/**
 * The detector worker: reads new posts from the database with the service role and writes the
 * alerts a detector raises through `upsert_alerts` (docs/backend.md). It runs in the embedded
 * default beside the feeder, and against a Supabase project (`npx uitkijk detect-worker`).
 *
 * At start the detector learns its baseline from the history before the stream clock, except
 * the last `replayMs`, which it then processes as a stream (a catch-up): what was going on while
 * no worker ran (a call spreading since this morning, a crowd forming) is raised and written
 * like a live alert, with the stream time it was detected at. A restart raises the same alerts
 * again under the same ids; `upsert_alerts` merges them (severity only rises, resolved stays
 * resolved, the place stays the first). Learning from that last stretch instead would make an
 * ongoing mobilisation part of the baseline, and it would never be raised.
 *
 * Before that, the detector gets the alerts stored in the history window and the 3 days before it
 * (`detector_alerts`, resolved ones too) through `restore`: a gathering raised again keeps the id
 * and place it was stored under. Without them, a call spreading for days before the restart was
 * re-keyed by the day of the first call the replay happens to see (`…:2012-09-21` beside
 * `…:2012-09-20`).
 *
 * Then new posts are read with `posts_since` on the ingestion cursor (with a margin and
 * de-duplication, as the map does), in stream order per batch. Alerts are written as they are
 * raised or grow.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type {
	Alert,
	Detector,
	DetectorOptions,
	PlannedEvent,
	WatchedArea
} from '../lib/detection/api.ts';
import { IncidentGrouper, type StoredIncidentAlert } from '../lib/detection/incidents.ts';
import type { LocatedPost } from '../lib/posts/post.ts';
import { parseAreas } from '../lib/supabase/areas.ts';
import { validateClientRows } from '../lib/supabase/rows.ts';
import { parseStreamClock } from '../lib/supabase/stream-clock.ts';
import { repeat } from './repeat.ts';

export interface DetectorWorkerOptions {
	client: SupabaseClient;
	/** Builds the detector once the areas and planned events are known. */
	createDetector(opts: DetectorOptions): Detector;
	/** History read at start, before the stream's now (ms; default 48 h). */
	historyMs?: number;
	/** The last part of that history processed as a stream, not learned (ms; default 24 h,
	 * at most historyMs; 0 learns all of it). */
	replayMs?: number;
	/** Wall ms between reads (default 1000). */
	pollMs?: number;
	/** Rows per read (default 5000). */
	pageSize?: number;
	log?: (msg: string) => void;
}

export interface DetectorWorker {
	stop(): Promise<void>;
	readonly stats: {
		posts: number;
		alerts: number;
		batches: number;
		errors: number;
		/** Posts of the catch-up at start, and the alert updates it wrote. */
		replayed: number;
		replayAlerts: number;
	};
}

/** Re-read this much before the cursor: a late commit can carry an older ingested_at. */
const MARGIN_MS = 5000;
const HOUR = 3_600_000;

/** Areas and planned events of the database's event areas (the service role sees all). */
async function areasAndPlans(
	client: SupabaseClient
): Promise<{ areas: WatchedArea[]; planned: PlannedEvent[] }> {
	const { data, error } = await client.rpc('areas');
	if (error) throw new Error(`areas(): ${error.message}`);
	const { areas } = parseAreas(data);
	const planned: PlannedEvent[] = [];
	for (const row of (Array.isArray(data) ? data : []) as Record<string, unknown>[]) {
		const area = areas.find((a) => a.id === row.id);
		if (!area || typeof row.planned_crowd !== 'number') continue;
		if (typeof row.planned_from !== 'string' || typeof row.planned_to !== 'string') continue;
		planned.push({
			id: area.id,
			name: area.name,
			polygon: area.polygon,
			crowd: row.planned_crowd,
			from: row.planned_from,
			to: row.planned_to
		});
	}
	return { areas, planned };
}

/** The latest ingested_at of a posts_since answer, valid rows or not (0 when none). */
function newestIngested(data: unknown): number {
	let newest = 0;
	if (!Array.isArray(data)) return newest;
	for (const row of data) {
		const at = Date.parse((row as { ingested_at?: string } | null)?.ingested_at ?? '');
		if (Number.isFinite(at)) newest = Math.max(newest, at);
	}
	return newest;
}

/** The alert as `upsert_alerts` takes it: the alerts format's fields, its facts, and the
 * incident the grouping puts it in (src/lib/detection/incidents.ts). */
function alertRow(a: Alert, incidentId: string): Record<string, unknown> {
	return { ...a, evidence: a.evidence.slice(0, 50), incident_id: incidentId };
}

/** The stored alerts a restarted detector continues (rows of `detector_alerts`; bad rows skipped). */
export function storedAlerts(data: unknown): StoredIncidentAlert[] {
	const out: StoredIncidentAlert[] = [];
	for (const row of Array.isArray(data) ? (data as Record<string, unknown>[]) : []) {
		if (!row || typeof row !== 'object') continue;
		const { id, kind, lon, lat, place, detected_at, last_detected_at } = row;
		const { radius_m, expected_at, linked_place, incident_id, incident_closed } = row;
		if (typeof id !== 'string' || typeof kind !== 'string') continue;
		if (typeof lon !== 'number' || typeof lat !== 'number') continue;
		if (typeof detected_at !== 'string') continue;
		out.push({
			id,
			kind,
			lon,
			lat,
			detected_at,
			...(typeof place === 'string' && place ? { place } : {}),
			...(typeof last_detected_at === 'string' ? { last_detected_at } : {}),
			...(typeof radius_m === 'number' && radius_m >= 0 ? { radius_m } : {}),
			...(typeof expected_at === 'string' ? { expected_at } : {}),
			...(typeof linked_place === 'string' && linked_place ? { linked_place } : {}),
			...(typeof incident_id === 'string' && incident_id ? { incident_id } : {}),
			...(incident_closed === true ? { incident_closed: true } : {})
		});
	}
	return out;
}

export async function startDetectorWorker(opts: DetectorWorkerOptions): Promise<DetectorWorker> {
	const { client } = opts;
	const log = opts.log ?? ((m: string) => console.error(`detector: ${m}`));
	const pollMs = opts.pollMs ?? 1000;
	const pageSize = opts.pageSize ?? 5000;
	const stats = { posts: 0, alerts: 0, batches: 0, errors: 0, replayed: 0, replayAlerts: 0 };

	const { areas, planned } = await areasAndPlans(client);
	const detector = opts.createDetector({ areas, planned });

	// Stream time now: the feeder's clock, or wall time.
	const { data: clockData, error: clockErr } = await client.rpc('stream_clock');
	if (clockErr) throw new Error(`stream_clock(): ${clockErr.message}`);
	const clock = parseStreamClock(clockData);
	const now = clock ? clock.streamTime : Date.now();

	// The alerts' incidents: one gathering, one incident (restored with the stored alerts below).
	const grouper = new IncidentGrouper();
	async function writeAlerts(alerts: Alert[]): Promise<void> {
		if (!alerts.length) return;
		const rows = alerts.map((a) => alertRow(a, grouper.assign(a)));
		const { error } = await client.rpc('upsert_alerts', { rows });
		if (error) throw new Error(`upsert_alerts: ${error.message}`);
		stats.alerts += alerts.length;
		for (const a of alerts) log(`${a.severity} ${a.kind} ${a.id}: ${a.summary}`);
	}

	// Read the history before now an hour at a time: learn the older part, replay the newer.
	const historyMs = opts.historyMs ?? 48 * HOUR;
	// The alerts raised before: a gathering raised again keeps its stored id and place. A
	// mobilisation merges calls up to 3 days apart, so look 3 days further back.
	let restored = 0;
	{
		const { data, error } = await client.rpc('detector_alerts', {
			since: new Date(now - historyMs - 72 * HOUR).toISOString()
		});
		if (error) throw new Error(`detector_alerts: ${error.message}`);
		const stored = storedAlerts(data);
		detector.restore?.(stored);
		// Their incidents too: an alert raised again keeps its incident, a new one joins them.
		grouper.restore(stored);
		restored = stored.length;
	}
	const replayMs = Math.max(0, Math.min(historyMs, opts.replayMs ?? 24 * HOUR));
	const t0 = performance.now();
	// The ingestion cursor starts behind the newest post read (database time, not ours).
	let cursor = 0;
	const seen = new Map<string, number>(); // key -> ingested ms, pruned behind the margin
	async function hour(t: number, to: number): Promise<LocatedPost[]> {
		const { data, error } = await client.rpc('posts_in_window', {
			t_from: new Date(t).toISOString(),
			t_to: new Date(Math.min(to, t + HOUR)).toISOString(),
			lim: 200_000
		});
		if (error) throw new Error(`posts_in_window: ${error.message}`);
		const rows = validateClientRows(data, 'history').rows;
		for (const r of rows) {
			cursor = Math.max(cursor, r.ingestedAt);
			seen.set(`${r.post.source}\u0000${r.post.id}`, r.ingestedAt);
		}
		return rows.map((r) => r.post);
	}
	let learned = 0;
	{
		const hours: LocatedPost[][] = [];
		for (let t = now - historyMs; t < now - replayMs; t += HOUR) {
			const posts = await hour(t, now - replayMs);
			learned += posts.length;
			hours.push(posts);
		}
		detector.learn?.(hours);
	}
	for (let t = now - replayMs; t < now; t += HOUR) {
		const posts = await hour(t, now);
		if (!posts.length) continue;
		const alerts = detector.push(posts);
		stats.replayed += posts.length;
		stats.replayAlerts += alerts.length;
		await writeAlerts(alerts);
	}
	log(
		`learned from ${learned} posts of the ${(historyMs - replayMs) / HOUR} h before ${new Date(now - replayMs).toISOString()}, ` +
			`then caught up on ${stats.replayed} posts of the last ${replayMs / HOUR} h (${stats.replayAlerts} alert updates, ${restored} stored alerts restored), in ${(performance.now() - t0).toFixed(0)} ms; ${areas.length} areas, ${planned.length} planned`
	);

	// Follow new posts from the cursor on (by ingestion time; what was learned is in `seen`).
	for (const [k, at] of seen) if (at < cursor - 4 * MARGIN_MS) seen.delete(k);

	async function step(): Promise<void> {
		// The first page re-reads a margin behind the cursor (late commits); further pages continue
		// exactly after the last row's key (ingested_at, source, id), since the rows of one
		// statement can share their ingested_at (to the millisecond on PGlite).
		let since = new Date(cursor - MARGIN_MS).toISOString();
		let after: { source: string; id: string } | null = null;
		for (;;) {
			const { data, error } = await client.rpc('posts_since', {
				since,
				min_created: null,
				lim: pageSize,
				after_source: after?.source ?? null,
				after_id: after?.id ?? null
			});
			if (error) throw new Error(`posts_since: ${error.message}`);
			const { rows, problems } = validateClientRows(data, 'posts_since');
			if (problems.length) log(`${problems.length} invalid rows skipped (${problems[0].reason})`);
			const fresh: LocatedPost[] = [];
			// The cursor moves over invalid rows too, or they would be read again forever.
			let newest = Math.max(cursor, newestIngested(data));
			for (const r of rows) {
				newest = Math.max(newest, r.ingestedAt);
				const key = `${r.post.source}\u0000${r.post.id}`;
				if (seen.has(key)) continue;
				seen.set(key, r.ingestedAt);
				fresh.push(r.post);
			}
			cursor = newest;
			for (const [k, at] of seen) if (at < cursor - 4 * MARGIN_MS) seen.delete(k);
			if (fresh.length) {
				fresh.sort((a, b) => a.t - b.t);
				const alerts = detector.push(fresh);
				stats.posts += fresh.length;
				stats.batches++;
				await writeAlerts(alerts);
			}
			if (!Array.isArray(data) || data.length < pageSize) return;
			const last = data[data.length - 1] as Record<string, unknown>;
			const { ingested_at: at, source, id } = last;
			if (typeof at !== 'string' || typeof source !== 'string' || typeof id !== 'string') return;
			since = at;
			after = { source, id };
		}
	}

	// A failing read or write is tried again with back-off (repeat.ts), logged once per kind.
	const loop = repeat(
		step,
		pollMs,
		(err, f) => {
			stats.errors++;
			if (!f.repeated)
				log(
					`step failed (${err instanceof Error ? err.message : String(err)}); trying again with back-off (next in ${f.retryInMs} ms)`
				);
		},
		{ onRecover: (n) => log(`step succeeded again after ${n} failed tries`) }
	);

	return {
		stats,
		stop: () => loop.stop()
	};
}
