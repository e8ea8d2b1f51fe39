/**
 * Posts as dots, read as binary attributes straight from a contiguous slice of the store's typed
 * arrays: a new batch re-uploads one slice, no JavaScript object is walked.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { LiveData } from '../map/live-data';
import { defineLayer } from './common';

/** Binary data for the points: the window's slice of the store. */
export interface Slice {
	key: string;
	/** The store's version the slice was taken at. */
	version: number;
	i0: number;
	length: number;
	points: object;
}

export interface PointsCache {
	slice: Slice | null;
}

/** Dots show from this zoom on (below it they are a blur; the heat says it better). */
export const POINTS_MIN_ZOOM = 13;

/** The window's slice of the store, memoised in `cache` per store version and range. */
export function windowSlice(data: LiveData, t0: number, t1: number, cache: PointsCache): Slice {
	const s = data.store;
	const [i0, i1] = s.range(t0, t1);
	const key = `${s.version}:${i0}:${i1}:${s.positions.length}`;
	if (cache.slice?.key === key) return cache.slice;
	cache.slice = {
		key,
		version: s.version,
		i0,
		length: i1 - i0,
		points: {
			length: i1 - i0,
			attributes: {
				getPosition: { value: s.positions.subarray(2 * i0, 2 * i1), size: 2 },
				getFillColor: { value: s.colors.subarray(4 * i0, 4 * i1), size: 4, normalized: true },
				getRadius: { value: s.radii.subarray(i0, i1), size: 1 },
				// Outline in proportion to the radius, so that hidden (radius 0) posts draw nothing.
				getLineWidth: { value: s.radii.subarray(i0, i1), size: 1 }
			}
		}
	};
	return cache.slice;
}

export const points = defineLayer<PointsCache>({
	id: 'points',
	labelKey: 'points',
	minZoom: POINTS_MIN_ZOOM,
	defaultOn: true,
	createCache: () => ({ slice: null }),
	build(ctx, cache) {
		const slice = windowSlice(ctx.data, ctx.now - ctx.windowMs, ctx.now, cache);
		return [
			new ScatterplotLayer({
				id: 'points',
				data: slice.points as never,
				radiusUnits: 'pixels',
				stroked: true,
				getLineColor: [0, 0, 0, 255],
				lineWidthUnits: 'pixels',
				lineWidthScale: 0.2,
				pickable: true
			})
		];
	},
	hover(info, ctx, cache) {
		const store = ctx.data.store;
		// The picked index is into the slice that was drawn; while the store has not changed since,
		// that slice's start, else the window's start now.
		const i0 =
			cache.slice && cache.slice.version === store.version
				? cache.slice.i0
				: store.range(ctx.now - ctx.windowMs, ctx.now)[0];
		const post = info.index >= 0 ? store.posts[i0 + info.index] : undefined;
		return post ? { kind: 'post', x: info.x, y: info.y, post } : null;
	}
});
