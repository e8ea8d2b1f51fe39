/** H3 cells coloured by their post count (the analyses' resolution follows the zoom). */
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import type { HexCount } from '../binning/hexbins';
import { defineLayer, under } from './common';

/** Hexagons show from this zoom on (below it the heat says the same, less cluttered). */
export const HEX_MIN_ZOOM = 11;

export function hexColor(count: number): [number, number, number, number] {
	const x = Math.min(1, Math.log10(1 + count) / 2.5); // 1 .. ~300 posts
	return [
		Math.round(60 + 140 * x),
		Math.round(110 + 60 * x),
		Math.round(230 - 80 * x),
		Math.round(25 + 70 * x)
	];
}

export const hexagons = defineLayer({
	id: 'hexagons',
	labelKey: 'hexagons',
	minZoom: HEX_MIN_ZOOM,
	defaultOn: true,
	build(ctx) {
		const d = ctx.derived;
		if (!d) return [];
		return [
			new H3HexagonLayer<HexCount>({
				// One deck layer per resolution: a new resolution is a new set of cells.
				id: `hexagons-${d.hexRes}`,
				...under(ctx),
				data: d.hexes,
				getHexagon: (h) => h.cell,
				getFillColor: (h) => hexColor(h.count),
				getLineColor: [160, 190, 255, 110],
				lineWidthMinPixels: 1,
				extruded: false,
				stroked: true,
				filled: true,
				highPrecision: 'auto',
				pickable: true,
				updateTriggers: { getFillColor: d.time }
			})
		];
	},
	hover: (info) =>
		info.object ? { kind: 'hex', x: info.x, y: info.y, hex: info.object as HexCount } : null
});
