/** The watched areas' outlines (their labels with rates are area-labels.ts, drawn higher up). */
import { PolygonLayer } from '@deck.gl/layers';
import type { AreaDef } from '../areas/areas';
import { defineLayer, under } from './common';

export interface AreasCache {
	src: AreaDef[] | null;
	drawn: AreaDef[];
}

/** The areas that have a ring to draw (a ring needs 3 corners), once per area list. */
export function drawableAreas(areas: AreaDef[], cache: AreasCache): AreaDef[] {
	if (cache.src !== areas) {
		cache.src = areas;
		cache.drawn = areas.filter((a) => Array.isArray(a.polygon) && a.polygon.length >= 3);
	}
	return cache.drawn;
}

export const areas = defineLayer<AreasCache>({
	id: 'areas',
	labelKey: 'areas',
	defaultOn: true,
	createCache: () => ({ src: null, drawn: [] }),
	build(ctx, cache) {
		const data = drawableAreas(ctx.areas, cache);
		if (!data.length) return [];
		return [
			new PolygonLayer<AreaDef>({
				id: 'areas',
				...under(ctx),
				data,
				getPolygon: (a) => a.polygon,
				stroked: true,
				filled: true,
				getFillColor: [255, 255, 255, 12],
				getLineColor: [240, 240, 240, 200],
				getLineWidth: 2,
				lineWidthUnits: 'pixels'
			})
		];
	}
});
