/**
 * The map's layers, in drawing order (bottom first). Everything the page does with layers comes
 * from here: the toggles and their checkboxes, the `layers=` URL parameter, building the deck.gl
 * layers, hover dispatch and the legend.
 *
 * A new layer: a file in this folder exporting a MapLayer (see types.ts), one line in MAP_LAYERS,
 * and its label key in src/lib/i18n.ts (both languages).
 *
 * Caches (memoised slices, images, filtered lists) live in one object per map state, made by
 * createLayerCaches(), as deck.gl keeps a layer's `this.state`: two maps never share one.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { alerts } from './alerts';
import { areaLabelsLayer } from './area-labels';
import { areas } from './areas';
import { corridors } from './corridors';
import { heat } from './heat';
import { help } from './help';
import { hexagons } from './hexagons';
import { learnedPlaces } from './learned-places';
import { planned } from './planned';
import { points } from './points';
import type { Hover, LayerContext, LegendEntry, MapLayer } from './types';

export type { AlertMark, Hover, LayerContext, LegendEntry, MapLayer } from './types';
export { ALERT_COLORS } from './alerts';
export { AREA_LABEL_MIN_ZOOM, trendArrow } from './area-labels';
export { CORRIDOR_COLOR, CORRIDOR_MIN_ZOOM, MAX_FLOWS_DRAWN } from './corridors';
export { HELP_FILL, HELP_LINE } from './help';
export { HEX_MIN_ZOOM } from './hexagons';
export { POINTS_MIN_ZOOM } from './points';

/** Drawing order, bottom first; the checkboxes follow it too. */
export const MAP_LAYERS: readonly MapLayer<never>[] = [
	areas,
	hexagons,
	heat,
	corridors,
	points,
	areaLabelsLayer,
	planned,
	alerts,
	learnedPlaces,
	help
] as MapLayer<never>[];

/** The layers with a toggle of their own (a checkbox, a name in `layers=`), in order. */
export const TOGGLE_LAYERS: readonly MapLayer<never>[] = MAP_LAYERS.filter((l) => !l.toggledBy);

/** The toggle ids, in order. */
export const LAYER_IDS: readonly string[] = TOGGLE_LAYERS.map((l) => l.id);

/** Which layers are switched on, by toggle id. */
export type LayerToggles = Record<string, boolean>;

/** Each layer's cache, by layer id: one object per map state. */
export type LayerCaches = Record<string, unknown>;

export function defaultToggles(): LayerToggles {
	return Object.fromEntries(TOGGLE_LAYERS.map((l) => [l.id, l.defaultOn]));
}

/**
 * The `layers=` URL parameter: a comma-separated list of the layers that are on, the rest off;
 * absent (null): the defaults. Unknown names are ignored; `layers=` with no name: all off.
 */
export function parseLayersParam(s: string | null): LayerToggles {
	if (s === null) return defaultToggles();
	const on = new Set(s.split(',').map((x) => x.trim()));
	return Object.fromEntries(LAYER_IDS.map((id) => [id, on.has(id)]));
}

/** The `layers=` value for toggles, or null when they are the defaults (leave it out). */
export function formatLayersParam(toggles: LayerToggles): string | null {
	const d = defaultToggles();
	if (LAYER_IDS.every((id) => !!toggles[id] === d[id])) return null;
	return LAYER_IDS.filter((id) => toggles[id]).join(',');
}

export function createLayerCaches(): LayerCaches {
	return Object.fromEntries(MAP_LAYERS.map((l) => [l.id, l.createCache?.()]));
}

/** Whether a layer is drawn at a zoom: minZoom inclusive, maxZoom exclusive. */
export function inZoomRange(layer: Pick<MapLayer, 'minZoom' | 'maxZoom'>, zoom: number): boolean {
	return (
		(layer.minZoom === undefined || zoom >= layer.minZoom) &&
		(layer.maxZoom === undefined || zoom < layer.maxZoom)
	);
}

function isOn(layer: MapLayer<never>, toggles: LayerToggles): boolean {
	return !!toggles[layer.toggledBy ?? layer.id];
}

/** The deck.gl layers for a context: those switched on and in their zoom range, in order. */
export function buildLayers(
	ctx: LayerContext,
	toggles: LayerToggles,
	caches: LayerCaches
): Layer[] {
	const out: Layer[] = [];
	for (const layer of MAP_LAYERS) {
		if (!isOn(layer, toggles) || !inZoomRange(layer, ctx.zoom)) continue;
		caches[layer.id] ??= layer.createCache?.();
		out.push(...layer.build(ctx, caches[layer.id] as never));
	}
	return out;
}

function owns(layer: MapLayer<never>, deckLayerId: string): boolean {
	return layer.owns
		? layer.owns(deckLayerId)
		: deckLayerId === layer.id || deckLayerId.startsWith(`${layer.id}-`);
}

/** The registry layer a deck.gl layer id belongs to. */
export function layerOf(deckLayerId: string): MapLayer<never> | undefined {
	return MAP_LAYERS.find((l) => owns(l, deckLayerId));
}

/** The tooltip for deck.gl's picking info (onHover), from the layer that owns the picked layer. */
export function hoverFor(info: PickingInfo, ctx: LayerContext, caches: LayerCaches): Hover | null {
	if (!info.picked || !info.layer) return null;
	const layer = layerOf(info.layer.id);
	if (!layer?.hover) return null;
	caches[layer.id] ??= layer.createCache?.();
	return layer.hover(info, ctx, caches[layer.id] as never);
}

/** The legend: the entries of the layers that have one (only those on, when toggles are given). */
export function legendEntries(toggles?: LayerToggles): { id: string; entry: LegendEntry }[] {
	return MAP_LAYERS.filter((l) => l.legend && (!toggles || isOn(l, toggles))).map((l) => ({
		id: l.id,
		entry: l.legend!
	}));
}
