/**
 * The read audit, client side: which area and time range the signed-in user is looking at,
 * recorded through `log_view` once per view change (docs/privacy.md), never per batch of posts.
 *
 * The page calls `changed()` whenever something that makes up the view may have changed (the map
 * moved, the window or the role changed). Once nothing has changed for `quietMs` (the map has
 * come to rest), the current view is sent, unless it is the view sent last (same mode, role,
 * area, box and window length). A view that stays on screen is sent again every `heartbeatMs`,
 * so that a live map left open records the time range it went on to show. The database ignores
 * identical repeats within 10 s and caps the rate per user as well.
 *
 * Pure: no Svelte, map or Supabase here; the timers are injected for the tests.
 */

export type ViewMode = 'live' | 'replay';

export interface AuditedView {
	mode: ViewMode;
	/** Who is looking (the role key): a change of role is a new view. */
	role: string;
	/** The map's bounds [west, south, east, north] (degrees), or null for an area alone. */
	bbox: [number, number, number, number] | null;
	/** An event area the view is about, if any. */
	areaId?: string | null;
	/** The time range shown (epoch ms). */
	from: number;
	to: number;
}

/** The arguments of the `log_view` RPC (supabase/migrations/20261207000051_read_audit.sql). */
export interface LogViewArgs {
	min_lon: number | null;
	min_lat: number | null;
	max_lon: number | null;
	max_lat: number | null;
	t_from: string;
	t_to: string;
	view_mode: ViewMode;
	area_id: string | null;
}

export interface Timers {
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface ViewAuditOptions {
	/** The view on screen now, or null when there is none to record (not signed in, no map). */
	current(): AuditedView | null;
	/** Records a view (calls log_view); a rejection is reported and the view is sent again later. */
	send(args: LogViewArgs): Promise<unknown>;
	/** Stillness before a view counts (ms; default 2000). */
	quietMs?: number;
	/** A view still on screen is sent again after this long (ms; default 10 minutes). */
	heartbeatMs?: number;
	onError?(err: unknown): void;
	timers?: Timers;
}

export interface ViewAudit {
	/** Something that makes up the view may have changed. */
	changed(): void;
	/** Forget what was sent and drop anything pending (a role change starts afresh). */
	reset(): void;
	stop(): void;
	/** Views sent so far. */
	readonly sent: number;
}

/** Degrees kept: 4 decimals is about 10 m, finer than anyone reads a map. */
const round = (v: number) => Math.round(v * 1e4) / 1e4;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The box as recorded: rounded, and within WGS 84 (a zoomed-out map reports longitudes beyond
 * ±180 where the world repeats).
 */
export function auditBox(
	bbox: [number, number, number, number] | null
): [number, number, number, number] | null {
	if (!bbox || !bbox.every(Number.isFinite)) return null;
	const [w, s, e, n] = bbox;
	const west = round(clamp(Math.min(w, e), -180, 180));
	const east = round(clamp(Math.max(w, e), -180, 180));
	const south = round(clamp(Math.min(s, n), -90, 90));
	const north = round(clamp(Math.max(s, n), -90, 90));
	return [west, south, east, north];
}

/** What makes two views the same view: everything but where the time range has moved to. */
export function viewKey(v: AuditedView): string {
	return JSON.stringify([
		v.mode,
		v.role,
		v.areaId ?? null,
		auditBox(v.bbox),
		Math.round(v.to - v.from)
	]);
}

export function logViewArgs(v: AuditedView): LogViewArgs {
	const box = auditBox(v.bbox);
	const from = Math.min(v.from, v.to);
	return {
		min_lon: box ? box[0] : null,
		min_lat: box ? box[1] : null,
		max_lon: box ? box[2] : null,
		max_lat: box ? box[3] : null,
		t_from: new Date(from).toISOString(),
		t_to: new Date(Math.max(v.from, v.to)).toISOString(),
		view_mode: v.mode,
		area_id: v.areaId ?? null
	};
}

export function createViewAudit(opts: ViewAuditOptions): ViewAudit {
	const quietMs = opts.quietMs ?? 2000;
	const heartbeatMs = opts.heartbeatMs ?? 10 * 60_000;
	const timers: Timers = opts.timers ?? {
		setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
		clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>)
	};
	let quiet: unknown = null;
	let heartbeat: unknown = null;
	let lastKey: string | null = null;
	let generation = 0;
	let stopped = false;
	let sent = 0;

	function clear() {
		if (quiet !== null) timers.clearTimeout(quiet);
		if (heartbeat !== null) timers.clearTimeout(heartbeat);
		quiet = heartbeat = null;
	}

	function record(force: boolean) {
		if (stopped) return;
		const v = opts.current();
		if (!v) return;
		const key = viewKey(v);
		if (!force && key === lastKey) return;
		lastKey = key;
		sent++;
		const gen = generation;
		if (heartbeat !== null) timers.clearTimeout(heartbeat);
		heartbeat = timers.setTimeout(() => {
			heartbeat = null;
			record(true);
		}, heartbeatMs);
		let p: Promise<unknown>;
		try {
			p = Promise.resolve(opts.send(logViewArgs(v)));
		} catch (err) {
			p = Promise.reject(err);
		}
		p.catch((err) => {
			if (gen !== generation) return;
			// Not recorded: the next change or heartbeat sends it again.
			if (lastKey === key) lastKey = null;
			opts.onError?.(err);
		});
	}

	return {
		changed() {
			if (stopped) return;
			if (quiet !== null) timers.clearTimeout(quiet);
			quiet = timers.setTimeout(() => {
				quiet = null;
				record(false);
			}, quietMs);
		},
		reset() {
			clear();
			lastKey = null;
			generation++;
		},
		stop() {
			stopped = true;
			clear();
			generation++;
		},
		get sent() {
			return sent;
		}
	};
}
