/**
 * Everything the map derives from the stream of posts, updated incrementally per batch: the
 * typed-array store the GPU layers read, H3 counts, corridors and event-area rates. Each add
 * costs work in proportion to the batch. Pure module: no deck.gl or MapLibre imports.
 */
import { AreaStats, type AreaDef, type AreaStat } from '../areas/areas';
import { HexBins, type HexCount } from '../binning/hexbins';
import { Corridors, type Flow } from '../corridors/corridors';
import { DecayBase, halfLifeForWindow } from '../heat/decay';
import { HeatRaster, type RasterResult, type RasterView } from '../heat/raster';
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
	/** Heat raster for the view it was computed for, when a view was given. */
	heat?: RasterResult;
}

/** Fixed heat colour scale (inferno-like): colours do not jump during replay. */
export const HEAT_COLORS: [number, number, number, number][] = [
	[87, 16, 110, 90],
	[150, 36, 104, 165],
	[205, 64, 70, 205],
	[240, 112, 30, 230],
	[250, 180, 40, 245],
	[252, 240, 140, 255]
];
/** Smoothed density (decayed posts per km²) at the first and the last colour, log scale. */
export const HEAT_DOMAIN: [number, number] = [2, 2000];
/**
 * Smoothing of the heat: HEAT_SIGMA_M on the ground, kept between HEAT_SIGMA_PX_MIN and _MAX
 * screen pixels, so that a village-sized crowd stays a hot spot at national zoom and a single
 * post is not one at street zoom.
 */
export const HEAT_SIGMA_M = 250;
export const HEAT_SIGMA_PX_MIN = 4;
export const HEAT_SIGMA_PX_MAX = 40;
/** Screen pixels per heat raster cell. */
export const HEAT_CELL_PX = 4;

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
	private raster = new HeatRaster();

	constructor(
		private areaDefs: AreaDef[],
		windowMs: number,
		now: number
	) {
		this.areaStats = new AreaStats(areaDefs, { horizonMs: HISTORY_MS });
		this.decay = new DecayBase(halfLifeForWindow(windowMs), now);
	}

	/** Apply a batch of new posts to every view. */
	add(batch: LocatedPost[]): void {
		this.received += batch.length;
		const fresh = this.store.add(batch, (t) => this.decay.weight(t));
		this.hex.add(fresh);
		this.corridors.add(fresh);
		this.areaStats.add(fresh);
	}

	/**
	 * Recompute the corridors from the held posts in time order. Corridors follow each author
	 * through consecutive posts, so history that arrived newest-first (a backfill) is replayed
	 * once it is complete: O(posts held), about 1.5 ms per 1,000.
	 */
	rebuildCorridors(): void {
		this.corridors.clear();
		const posts = this.store.held();
		for (let i = 0; i < posts.length; i += 10_000) this.corridors.add(posts.slice(i, i + 10_000));
	}

	/** Keep the decay base near the clock and drop posts that left the history. */
	maintain(now: number, windowMs: number): void {
		const hl = halfLifeForWindow(windowMs);
		if (hl !== this.decay.halfLifeMs) this.decay.halfLifeMs = hl;
		if (this.decay.needsRebase(now)) {
			this.decay.rebase(now);
			this.store.reweight((t) => this.decay.weight(t));
		}
		this.store.evictBefore(now - HISTORY_MS);
	}

	/**
	 * The aggregated views for a time and window: hexagons, flows and area rates cost
	 * O(cells + flows); the heat raster, when a view is given, O(posts in window + pixels).
	 */
	derive(now: number, windowMs: number, zoom: number, view?: RasterView): Derived {
		const t0 = now - windowMs;
		const hexRes = zoom >= 12 ? HEX_RES_FINE : HEX_RES_COARSE;
		const derived: Derived = {
			time: now,
			windowMs,
			hexRes,
			hexes: this.hex.query(hexRes, t0, now),
			flows: this.corridors.flows(t0, now),
			areas: this.areaStats.stats(now)
		};
		if (view) derived.heat = this.heat(now, windowMs, view);
		return derived;
	}

	/** The heat raster of the window for a view. */
	heat(now: number, windowMs: number, view: RasterView): RasterResult {
		const s = this.store;
		const [i0, i1] = s.range(now - windowMs, now);
		return this.raster.render(view, s.positions, s.mercY, s.weights, i0, i1, {
			intensity: this.decay.intensity(now),
			sigma: HEAT_SIGMA_PX_MIN / HEAT_CELL_PX,
			domain: HEAT_DOMAIN,
			colors: HEAT_COLORS
		});
	}

	reset(): void {
		this.store.clear();
		this.hex.clear();
		this.corridors.clear();
		this.areaStats = new AreaStats(this.areaDefs, { horizonMs: HISTORY_MS });
		this.received = 0;
	}
}
