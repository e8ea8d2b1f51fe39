/**
 * The map's "now" in live mode (docs/backend.md "Stream clock"): wall-clock time, unless a feeder
 * replays a scenario into the database; then now = stream_time + (server now − wall_time) × speed,
 * with the server's now carried forward by the local monotonic clock since the answer.
 * Pure module.
 */

/**
 * What the stream clock says the feed is doing: 'prefilling' (a fresh database is being filled:
 * no data yet, the clock stands still; see `progress`), 'playing', 'paused' (the feeder stopped)
 * or 'ended' (the end of the scenario's data, since `endedAt`).
 */
export type StreamState = 'prefilling' | 'playing' | 'paused' | 'ended';

export interface StreamClockRow {
	scenario: string | null;
	streamTime: number;
	wallTime: number;
	speed: number;
	serverTime: number;
	/** When the feeder stopped the stream at the end of its data (wall time, epoch ms), or null. */
	endedAt: number | null;
	/** The feed's state (a clock without one, from before the state was added: by its speed). */
	state: StreamState;
	/** While 'prefilling': the share (0..1) of the posts that go in before the clock starts. */
	progress: number | null;
	/** While older history is inserted behind the running stream: the share (0..1) that is in. */
	historyProgress: number | null;
}

function share(v: unknown, key: string): number | null {
	if (v === null || v === undefined) return null;
	if (typeof v !== 'number' || !Number.isFinite(v))
		throw new Error(`stream_clock(): ${key} is not a number`);
	return Math.min(1, Math.max(0, v));
}

function time(v: unknown, key: string): number {
	const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
	if (!Number.isFinite(ms)) throw new Error(`stream_clock(): ${key} is not a timestamp`);
	return ms;
}

/** Validate the `stream_clock()` answer: null (no feeder) or the clock row. */
export function parseStreamClock(value: unknown): StreamClockRow | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'object' || Array.isArray(value))
		throw new Error('stream_clock(): expected an object or null');
	const v = value as Record<string, unknown>;
	const speed = v.speed;
	if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0)
		throw new Error('stream_clock(): speed is not a non-negative number');
	const endedAt =
		v.state === 'ended' || (v.ended_at !== null && v.ended_at !== undefined)
			? time(v.ended_at, 'ended_at')
			: null;
	const state: StreamState =
		endedAt !== null
			? 'ended'
			: v.state === 'prefilling'
				? 'prefilling'
				: speed > 0
					? 'playing'
					: 'paused';
	return {
		scenario: typeof v.scenario === 'string' ? v.scenario : null,
		streamTime: time(v.stream_time, 'stream_time'),
		wallTime: time(v.wall_time, 'wall_time'),
		speed,
		serverTime: time(v.server_time, 'server_time'),
		endedAt,
		state,
		progress: state === 'prefilling' ? (share(v.progress, 'progress') ?? 0) : null,
		historyProgress: share(v.history_progress, 'history_progress')
	};
}

export class StreamClock {
	private row: StreamClockRow | null = null;
	/** Local monotonic time when the row arrived. */
	private at = 0;

	constructor(
		/** Wall clock, default Date.now. */
		private readonly wall: () => number = Date.now,
		/** Monotonic clock, default performance.now. */
		private readonly mono: () => number = () => performance.now()
	) {}

	/** Take a `stream_clock()` answer (null: wall-clock time). */
	update(row: StreamClockRow | null): void {
		this.row = row;
		this.at = this.mono();
	}

	/** The scenario being replayed into the database, or null for real time. */
	get scenario(): string | null {
		return this.row?.scenario ?? null;
	}

	/** When the stream ended (wall time, epoch ms): no new posts will come. Null while it plays. */
	get endedAt(): number | null {
		return this.row?.endedAt ?? null;
	}

	/**
	 * What the feed is doing; null when there is no stream clock (real time, no feeder).
	 * 'prefilling': no data yet (a loading state, never live), see `progress`.
	 */
	get state(): StreamState | null {
		return this.row?.state ?? null;
	}

	/** While 'prefilling': how far (0..1); else null. */
	get progress(): number | null {
		return this.row?.progress ?? null;
	}

	/** While older history still loads behind a running stream: how far (0..1); else null. */
	get historyProgress(): number | null {
		return this.row?.historyProgress ?? null;
	}

	/** Stream ms per wall ms (1 for real time). */
	get speed(): number {
		return this.row ? this.row.speed : 1;
	}

	/** The map's now, epoch ms. */
	now(): number {
		const r = this.row;
		if (!r) return this.wall();
		const serverNow = r.serverTime + (this.mono() - this.at);
		return r.streamTime + (serverNow - r.wallTime) * r.speed;
	}
}
