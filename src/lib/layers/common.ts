/** Small helpers shared by the layer files. */
import type { LayerContext, MapLayer } from './types';

/** Props that draw a deck layer under the basemap's labels, when the style has them. */
export function under(ctx: LayerContext): { beforeId?: string } {
	return ctx.beforeId ? { beforeId: ctx.beforeId } : {};
}

/**
 * A layer definition, with its id kept as a literal type and its cache type checked against
 * createCache, build and hover.
 */
export function defineLayer<C = undefined>(layer: MapLayer<C>): MapLayer<C> {
	return layer;
}

/**
 * Text drawn on the map in the interface's typeface (deck.gl's default is a monospace font), on a
 * dark halo so it stays readable over the basemap's own labels.
 */
export const MAP_TEXT = {
	fontFamily: "system-ui, 'Noto Sans', sans-serif",
	fontSettings: { sdf: true },
	outlineWidth: 3,
	outlineColor: [0, 0, 0, 255] as [number, number, number, number],
	characterSet: 'auto' as const
};
