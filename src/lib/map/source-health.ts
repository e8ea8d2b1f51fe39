/**
 * Trust at a glance, per source: how many posts a minute it delivers now and when its last post
 * was, on the map's clock, so that a source that goes quiet while the others still deliver shows
 * instead of silently thinning the map. Counts are kept per source and minute (posts located or not), so a window and the
 * last post at or before any time of a replay are found without walking the posts.
 * Pure module: no UI, map or database imports.
 */
import type { LocatedPost } from '../posts/post';

const MINUTE = 60_000;
/** How far back the last post is looked for. */
const LOOKBACK_MIN = 24 * 60;
/** A source is called quiet only after at least this long without a post... */
export const QUIET_MIN_MS = 5 * MINUTE;
/** ...and only after this many times its usual interval (posts in the hour before its last). */
export const QUIET_INTERVALS = 5;
/** Too few posts in that hour to know its usual interval: it is never called quiet. */
export const QUIET_MIN_POSTS = 5;

interface Minute {
	n: number;
	minT: number;
	maxT: number;
}

export interface SourceState {
	source: string;
	/** Posts per minute over the window ending at `now`. */
	perMinute: number;
	/** Time of the last post at or before `now` (to the minute when a newer one is held), or null. */
	last: number | null;
	/** Silent far longer than its usual interval. */
	quiet: boolean;
}

export class SourceHealth {
	private bySource = new Map<string, Map<number, Minute>>();
	/** Increases on every change. */
	version = 0;

	add(batch: readonly LocatedPost[]): void {
		for (const p of batch) {
			if (!Number.isFinite(p.t)) continue;
			let minutes = this.bySource.get(p.source);
			if (!minutes) this.bySource.set(p.source, (minutes = new Map()));
			const m = Math.floor(p.t / MINUTE);
			const b = minutes.get(m);
			if (b) {
				b.n++;
				if (p.t < b.minT) b.minT = p.t;
				if (p.t > b.maxT) b.maxT = p.t;
			} else minutes.set(m, { n: 1, minT: p.t, maxT: p.t });
		}
		if (batch.length) this.version++;
	}

	/** Posts of a source with t0 <= t < t1, at minute resolution. */
	private count(minutes: Map<number, Minute>, t0: number, t1: number): number {
		let n = 0;
		for (let m = Math.floor(t0 / MINUTE); m < Math.floor(t1 / MINUTE); m++)
			n += minutes.get(m)?.n ?? 0;
		return n;
	}

	private lastAtOrBefore(minutes: Map<number, Minute>, now: number): number | null {
		const m0 = Math.floor(now / MINUTE);
		for (let m = m0; m > m0 - LOOKBACK_MIN; m--) {
			const b = minutes.get(m);
			if (!b) continue;
			if (b.maxT <= now) return b.maxT;
			if (b.minT <= now) return now; // a post earlier in this minute; a newer one is held too
		}
		return null;
	}

	/**
	 * Every source seen, busiest first, as of `now`. The rate is over the window ending at `now`
	 * (nothing arriving is a rate of 0). A source is quiet when it has been silent far longer than
	 * usual while the newest post of any source is later: when nothing arrives at all, or the map
	 * is still loading, that is the connection's state (the status badge), not a source's.
	 */
	at(now: number, windowMs = 10 * MINUTE): SourceState[] {
		const lasts: [string, Map<number, Minute>, number][] = [];
		let newest = -Infinity;
		for (const [source, minutes] of this.bySource) {
			const last = this.lastAtOrBefore(minutes, now);
			if (last === null) continue;
			lasts.push([source, minutes, last]);
			if (last > newest) newest = last;
		}
		const out: SourceState[] = [];
		for (const [source, minutes, last] of lasts) {
			const perMinute = this.count(minutes, now - windowMs, now) / (windowMs / MINUTE);
			// The hour up to and including the minute of the last post.
			const usual = this.count(minutes, last - 59 * MINUTE, last + MINUTE);
			const interval = usual > 0 ? (60 * MINUTE) / usual : Infinity;
			const quiet =
				usual >= QUIET_MIN_POSTS &&
				newest - last > Math.max(QUIET_MIN_MS, QUIET_INTERVALS * interval);
			out.push({ source, perMinute, last, quiet });
		}
		return out.sort((a, b) => b.perMinute - a.perMinute || a.source.localeCompare(b.source));
	}

	/** Forget minutes before t (the map's history). */
	evictBefore(t: number): void {
		const m = Math.floor(t / MINUTE);
		for (const minutes of this.bySource.values())
			for (const k of minutes.keys()) if (k < m) minutes.delete(k);
	}

	clear(): void {
		this.bySource.clear();
		this.version++;
	}
}

/** Whether two lists show the same (rates to 0.1 a minute, last posts to the minute). */
export function sameSourceStates(a: readonly SourceState[], b: readonly SourceState[]): boolean {
	if (a.length !== b.length) return false;
	const minute = (t: number | null) => (t === null ? null : Math.floor(t / MINUTE));
	return a.every((x, i) => {
		const y = b[i];
		return (
			x.source === y.source &&
			x.quiet === y.quiet &&
			Math.round(x.perMinute * 10) === Math.round(y.perMinute * 10) &&
			minute(x.last) === minute(y.last)
		);
	});
}
