/**
 * Hooks for the end-to-end tests and benchmarks (`window.uitkijk`). Installed only when a test
 * asks for them, with localStorage 'uitkijk.test' = '1' (playwright.config.ts sets it through
 * storageState; the benchmark scripts with an init script): this module is loaded on demand, so
 * a production page neither runs nor exposes it.
 */
import type { MapState } from './map-state.svelte';

export function installTestHooks(ms: MapState): void {
	(window as unknown as { uitkijk: unknown }).uitkijk = {
		get map() {
			return ms.map;
		},
		get overlay() {
			return ms.overlay;
		},
		layersNow: () => ms.layersNow(),
		rasterView: () => ms.rasterView(),
		setFeed(on: boolean) {
			ms.feedOn = on;
			if (!on) {
				ms.follower.stop();
				ms.pending.length = 0;
			}
		},
		derive: () => ms.derive(),
		live: ms.live,
		clock: ms.clock,
		get follower() {
			return ms.follower;
		},
		mode: ms.mode,
		get me() {
			return ms.data.me;
		},
		/** The role's incidents as the list has them. */
		get incidents() {
			return ms.data.incidents;
		},
		get liveFeed() {
			return ms.connection?.feed ?? null;
		},
		/** Counters of the live path, for the end-to-end tests. */
		liveCounters() {
			const feed = ms.connection?.feed as
				| (NonNullable<MapState['connection']>['feed'] & {
						sync: { topicNames?: string[]; counters?: object };
				  })
				| null
				| undefined;
			return {
				status: ms.playback.status.status,
				held: ms.live.store.size,
				pending: ms.pending.reduce((n, b) => n + b.length, 0),
				delivered: ms.delivered,
				topics: feed?.sync.topicNames ?? [],
				...(feed?.sync.counters ?? {}),
				sync: feed?.sync.status() ?? null
			};
		},
		/** Progress of the frame loop: tests wait for the map to draw what it holds. */
		progress() {
			return {
				layerBuilds: ms.layerBuilds,
				derivations: ms.derivations,
				pending: ms.pending.length,
				mapLoaded: !!ms.map?.loaded()
			};
		},
		/** Ids of the posts the map holds (each once at most: the store refuses repeats). */
		heldIds() {
			return ms.live.store.held().map((p) => p.id);
		},
		startRole: (key: string) => ms.startRole(key, true),
		/** The role's planned events (plans.svelte.ts): refresh() reads them now. */
		plans: ms.plans,
		/** Start recording when posts with this id prefix reach the map (bench:live). */
		recordArrivals(prefix: string) {
			ms.arrivalPrefix = prefix;
			ms.arrivals = [];
		},
		/** The recorded arrivals, handed over and cleared. */
		takeArrivals() {
			const out = ms.arrivals;
			ms.arrivals = [];
			return out;
		}
	};
}
