/** The heat: the CPU density raster of the window (src/lib/heat/raster.ts) as one bitmap. */
import { BitmapLayer } from '@deck.gl/layers';
import type { RasterResult } from '../heat/raster';
import { HEAT_COLORS, HEAT_DOMAIN } from '../map/live-data';
import { defineLayer, under } from './common';

export interface HeatCache {
	src: RasterResult | null;
	image: ImageData | null;
}

/** The raster as ImageData, made once per raster (a copy: the raster reuses its buffer). */
function heatImage(r: RasterResult, cache: HeatCache): ImageData {
	if (cache.src !== r || !cache.image) {
		cache.src = r;
		cache.image = new ImageData(new Uint8ClampedArray(r.data), r.width, r.height);
	}
	return cache.image;
}

export const heat = defineLayer<HeatCache>({
	id: 'heat',
	labelKey: 'heat',
	defaultOn: true,
	createCache: () => ({ src: null, image: null }),
	build(ctx, cache) {
		const r = ctx.derived?.heat;
		if (!r) return [];
		return [
			new BitmapLayer({
				id: 'heat',
				...under(ctx),
				image: heatImage(r, cache),
				bounds: r.bounds,
				opacity: ctx.zoom >= 15 ? 0.55 : 0.9,
				textureParameters: { minFilter: 'linear', magFilter: 'linear' }
			})
		];
	},
	legend: {
		kind: 'ramp',
		colors: HEAT_COLORS,
		domain: HEAT_DOMAIN,
		unitKey: 'perKm2',
		labelKey: 'legendHeat'
	}
});
