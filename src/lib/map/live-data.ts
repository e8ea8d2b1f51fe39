/**
 * Everything the map derives from the stream of posts, updated incrementally per batch: the
 * typed-array store the GPU layers read, H3 counts, corridors and event-area rates. Each add
 * costs work in proportion to the batch. Pure module: no deck.gl or MapLibre imports.
 */
import { AreaStats, type AreaDef, type AreaStat } from '../areas/areas';
import { HexBins, type HexCount } from '../binning/hexbins';
import { Corridors, type Flow } from '../corridors/corridors';
import { DecayBase, halfLifeForWindow } from '../heat/decay';
import type { LocatedPost } from '../posts/post';
import { PostStore } from './post-store';

/** Posts older than this behind the clock are dropped (the longest window plus a margin). */
export const HISTORY_MS = 25 * 3_600_000;
export const HEX_RES_COARSE = 7;
export const HEX_RES_FINE = 8;
export const CORRIDOR_RES = 8;

export interface Derived {
	/** Time the derived views were computed for. */
	time: number;
	windowMs: number;
	hexes: HexCount[];
	hexRes: number;
	flows: Flow[];
	areas: AreaStat[];
}

export class LiveData {
	readonly store = new PostStore();
	readonly hex = new HexBins({
		resolutions: [HEX_RES_COARSE, HEX_RES_FINE],
		horizonMs: HISTORY_MS
	});
	readonly corridors = new Corridors({ res: CORRIDOR_RES, horizonMs: HISTORY_MS });
	areaStats: AreaStats;
	decay: DecayBase;
	/** Posts received in total (including unlocated and duplicates). */
	received = 0;

	constructor(
		private areaDefs: AreaDef[],
		windowMs: number
	) {
		this.areaStats = new AreaStats(areaDefs, { horizonMs: HISTORY_MS });
		this.decay = new DecayBase(halfLifeForWindow(windowMs));
	}

	/** Apply a batch of new posts to every view. */
	add(batch: LocatedPost[]): void {
		this.received += batch.length;
		const fresh = this.store.add(batch, (t) => this.decay.weight(t));
		this.hex.add(fresh);
		this.corridors.add(fresh);
		this.areaStats.add(fresh);
	}

	/** Keep the decay base near the clock and drop posts that left the history. */
	maintain(now: number, windowMs: number): void {
		const hl = halfLifeForWindow(windowMs);
		if (hl !== this.decay.halfLifeMs) {
			this.decay = new DecayBase(hl);
			this.decay.rebase(now);
			this.store.reweight((t) => this.decay.weight(t));
		} else if (this.decay.needsRebase(now)) {
			this.decay.rebase(now);
			this.store.reweight((t) => this.decay.weight(t));
		}
		this.store.evictBefore(now - HISTORY_MS);
	}

	/** The aggregated views for a time and window (O(cells + flows), not O(posts)). */
	derive(now: number, windowMs: number, zoom: number): Derived {
		const t0 = now - windowMs;
		const hexRes = zoom >= 12 ? HEX_RES_FINE : HEX_RES_COARSE;
		return {
			time: now,
			windowMs,
			hexRes,
			hexes: this.hex.query(hexRes, t0, now),
			flows: this.corridors.flows(t0, now),
			areas: this.areaStats.stats(now)
		};
	}

	reset(): void {
		this.store.clear();
		this.hex.clear();
		this.corridors.clear();
		this.areaStats = new AreaStats(this.areaDefs, { horizonMs: HISTORY_MS });
		this.received = 0;
	}
}
