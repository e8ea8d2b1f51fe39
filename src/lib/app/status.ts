/**
 * The status badge's rules, as pure functions of what the map knows (table-tested in
 * tests/unit/app-status.test.ts). The promises to a wall screen: never LIVE before the map has
 * its data, never LIVE in a replay, never LIVE after the stream ended, and never silently
 * stale: a lost connection, a failed load or a failed sign-in says since when.
 *
 * Times in and out are wall-clock epoch ms; the map state turns `since` into the map's own
 * clock before showing it (the badge and the big clock use one clock).
 */

export type Status =
	'loading' | 'live' | 'replay' | 'paused' | 'behind' | 'stale' | 'reconnecting' | 'ended';

export interface StatusResult {
	status: Status;
	/** Since when the status holds (wall ms): stale, reconnecting and ended; else null. */
	since: number | null;
	/** Loading progress 0..1, when known. */
	progress: number | null;
	/** The error behind the status, for a tooltip ('' when none). */
	error: string;
}

export interface LiveStatusInput {
	/** Signing in failed at (wall ms), and why. */
	signInFailedAt: number | null;
	signInError: string;
	/** The realtime sync's state (null before the feed started). */
	sync: {
		state: 'live' | 'reconnecting' | 'stale';
		since: number;
		everLive: boolean;
		error: string;
	} | null;
	/** Loading the history failed at (wall ms), null while it works. */
	historyFailedAt: number | null;
	historyError: string;
	/** The server is still filling its database (stream_clock state 'prefilling'), and how far. */
	prefilling: boolean;
	prefillProgress: number | null;
	/** Whether the recent window's history has been loaded into the map. */
	historyLoaded: boolean;
	/** How much of the history the map has loaded, 0..1. */
	historyProgress: number | null;
	/** The stream reached the end of its data at (wall ms), or null. */
	endedAt: number | null;
	/** A problem reading the stream clock ('' when fine). */
	clockError: string;
	/** The current wall time. */
	now: number;
}

/**
 * A first connection that has never been live and has no error is still connecting (a busy
 * server, a slow machine) for this long: LADEN, not VEROUDERD ("outdated" would claim there was
 * data). Past it, or on any error, it is stale: never silently.
 */
export const FIRST_CONNECT_GRACE_MS = 60_000;

export function liveStatus(i: LiveStatusInput): StatusResult {
	if (i.signInFailedAt !== null)
		return { status: 'stale', since: i.signInFailedAt, progress: null, error: i.signInError };
	const s = i.sync;
	if (!s) return loading(i.prefilling ? i.prefillProgress : null, '');
	if (
		s.state === 'stale' &&
		!s.everLive &&
		!s.error &&
		i.historyFailedAt === null &&
		i.now - s.since < FIRST_CONNECT_GRACE_MS
	)
		return loading(i.prefilling ? i.prefillProgress : null, '');
	if (s.state === 'stale' || i.historyFailedAt !== null) {
		const since = Math.min(s.state === 'live' ? Infinity : s.since, i.historyFailedAt ?? Infinity);
		return {
			status: 'stale',
			since: Number.isFinite(since) ? since : i.now,
			progress: null,
			error: s.error || i.historyError
		};
	}
	if (s.state === 'reconnecting')
		return s.everLive
			? { status: 'reconnecting', since: s.since, progress: null, error: s.error }
			: loading(null, s.error);
	if (i.prefilling) return loading(i.prefillProgress, '');
	if (!i.historyLoaded) return loading(i.historyProgress, '');
	if (i.endedAt !== null) return { status: 'ended', since: i.endedAt, progress: null, error: '' };
	return { status: 'live', since: null, progress: null, error: i.clockError };
}

export interface ReplayStatusInput {
	/** A fetch of the scenario's posts failed at (wall ms), null while they work. */
	failedAt: number | null;
	error: string;
	/** The feed owes posts (behind the clock, or loading history). */
	owes: boolean;
	/** Wall ms since the last successful fetch. */
	msSinceFetchOk: number;
	/** Whether any posts arrived since the last reset. */
	firstData: boolean;
	playing: boolean;
	/** How far the feed is behind the clock (scenario ms), and the clock's speed. */
	lagMs: number;
	speed: number;
	now: number;
}

/** A feed that owes posts and delivered nothing for this long is stale. */
export const REPLAY_STALE_MS = 10_000;

export function replayStatus(i: ReplayStatusInput): StatusResult {
	if (i.failedAt !== null || (i.owes && i.msSinceFetchOk > REPLAY_STALE_MS))
		return { status: 'stale', since: i.failedAt ?? i.now, progress: null, error: i.error };
	if (!i.firstData) return loading(null, '');
	if (!i.playing) return { status: 'paused', since: null, progress: null, error: '' };
	if (i.lagMs > 5 * 60_000 + i.speed * 2000)
		return { status: 'behind', since: null, progress: null, error: '' };
	// A replay is never LIVE, however smoothly it plays.
	return { status: 'replay', since: null, progress: null, error: '' };
}

function loading(progress: number | null, error: string): StatusResult {
	return {
		status: 'loading',
		since: null,
		progress: progress === null ? null : Math.max(0, Math.min(1, progress)),
		error
	};
}

/** Whether actions on alerts (acknowledge, resolve) can be trusted to reach the database. */
export function canAct(status: Status): boolean {
	return status === 'live' || status === 'ended';
}
