/**
 * Everything the map derives from the stream of posts, updated incrementally per batch: the
 * typed-array store the GPU layers read (main thread) and the aggregated views (H3 counts,
 * corridors, event-area rates) behind the Analyses interface, which the browser runs in a Web
 * Worker. Each add costs work in proportion to the batch. Pure module: no deck.gl or MapLibre.
 */
import { HelpBook } from './help';
import { SourceHealth } from './source-health';
import type { AreaStat } from '../areas/areas';
import type { HexCount } from '../binning/hexbins';
import type { Flow } from '../corridors/corridors';
import { DecayBase, halfLifeForWindow } from '../heat/decay';
import { HeatRaster, type RasterResult, type RasterView } from '../heat/raster';
import type { LocatedPost } from '../posts/post';
import { HISTORY_MS, type Analyses } from './analyses';
import { PostStore } from './post-store';

export { HISTORY_MS } from './analyses';

export interface Derived {
	/** Time the derived views were computed for. */
	time: number;
	windowMs: number;
	hexes: HexCount[];
	hexRes: number;
	flows: Flow[];
	areas: AreaStat[];
	/** The time the area rates are measured at (see AnalysisViews.areasAt). */
	areasAt: number;
	/** Heat raster for the view it was computed for, when a view was given. */
	heat?: RasterResult;
	/** Time the analyses spent per batch since the previous views (ms; in the worker there). */
	addMs: number[];
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
	/** Calls for help among the posts held (queue and layer). */
	readonly help = new HelpBook();
	/** Posts per minute and the last post, per source (trust at a glance). */
	readonly sources = new SourceHealth();
	decay: DecayBase;
	private raster = new HeatRaster();

	constructor(
		readonly analyses: Analyses,
		windowMs: number,
		now: number
	) {
		this.decay = new DecayBase(halfLifeForWindow(windowMs), now);
	}

	/** Apply a batch of new posts: the store here, the analyses wherever they run. */
	add(batch: LocatedPost[]): void {
		const fresh = this.store.add(batch, (t) => this.decay.weight(t));
		this.analyses.add(fresh);
		this.help.add(fresh);
		// Located posts once (the store drops duplicates), and those without a location.
		this.sources.add(fresh);
		if (fresh.length < batch.length) this.sources.add(batch.filter((p) => !p.pos));
	}

	/**
	 * Replay the held posts through the analyses in time order. Corridors follow each author
	 * through consecutive posts, so history that arrived newest-first (a backfill) is replayed
	 * once it is complete.
	 */
	rebuildCorridors(): void {
		this.analyses.rebuild(this.store.held());
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
		this.sources.evictBefore(now - HISTORY_MS);
	}

	/**
	 * The aggregated views for a time and window (from the analyses) and, when a view is given,
	 * the heat raster (here: O(posts in window + pixels)).
	 */
	async derive(now: number, windowMs: number, zoom: number, view?: RasterView): Promise<Derived> {
		const views = await this.analyses.views(now, windowMs, zoom);
		const derived: Derived = { time: now, windowMs, ...views };
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
		this.help.clear();
		this.sources.clear();
		this.analyses.reset();
	}
}
