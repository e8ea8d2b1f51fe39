/**
 * The deck.gl layers of the live map, built from LiveData. Streaming never rebuilds every layer
 * per message: points read a contiguous slice of the store's typed arrays as binary attributes
 * (a new batch re-uploads one slice, no JavaScript object is walked), and the aggregated views
 * (heat raster, hexagons, corridors, areas) are recomputed on a throttle, not per post.
 */
import type { HelpCall } from './help';
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import {
	BitmapLayer,
	PathLayer,
	PolygonLayer,
	ScatterplotLayer,
	SolidPolygonLayer,
	TextLayer
} from '@deck.gl/layers';
import type { AreaDef, AreaStat } from '../areas/areas';
import type { HexCount } from '../binning/hexbins';
import { arrowHead, flowPath, type Flow } from '../corridors/corridors';
import type { RasterResult } from '../heat/raster';
import type { Derived, LiveData } from './live-data';

export type LayerId = 'heat' | 'hexagons' | 'corridors' | 'points' | 'areas' | 'help';
export type LayerToggles = Record<LayerId, boolean>;

/** Hexagons show from this zoom on (below it the heat says the same, less cluttered). */
export const HEX_MIN_ZOOM = 11;

/** Corridors (between res-8 cells, ~1 km apart) show from this zoom on; below, they hide the heat. */
export const CORRIDOR_MIN_ZOOM = 9;

/** At most this many flows are drawn, those with the most distinct authors: beyond that a wall
 * screen shows a hairball, not a corridor. */
export const MAX_FLOWS_DRAWN = 300;

let lastFlows: { src: Flow[]; top: Flow[] } | null = null;
function topFlows(flows: Flow[]): Flow[] {
	if (lastFlows?.src !== flows) {
		const top =
			flows.length <= MAX_FLOWS_DRAWN
				? flows
				: [...flows]
						.sort((a, b) => b.authors - a.authors || b.count - a.count)
						.slice(0, MAX_FLOWS_DRAWN);
		lastFlows = { src: flows, top };
	}
	return lastFlows.top;
}

/** Corridor colour: cyan, far from every heat colour, so both stay readable where they cross. */
export const CORRIDOR_COLOR: [number, number, number, number] = [34, 211, 238, 235];

export interface LayerInput {
	data: LiveData;
	derived: Derived | null;
	/** Scenario clock. */
	now: number;
	windowMs: number;
	zoom: number;
	toggles: LayerToggles;
	areas: AreaDef[];
	/** Open alerts (live mode): a ring of the alert's radius, coloured by severity. */
	alerts?: AlertMark[];
	/** Calls for help in the window (located ones are drawn): their own layer, on top. */
	help?: HelpCall[];
	/** Id of a basemap layer to draw the data under (labels stay on top), if the style has one. */
	beforeId?: string;
}

/** What the map needs of an alert to mark it. */
export interface AlertMark {
	id: string;
	lon: number;
	lat: number;
	radius_m: number;
	severity: 'info' | 'warning' | 'critical';
}

export const ALERT_COLORS: Record<AlertMark['severity'], [number, number, number]> = {
	info: [120, 180, 255],
	warning: [255, 190, 40],
	critical: [255, 50, 50]
};

/** Binary data for the points: the window's slice of the store, memoised per version/range. */
interface Slice {
	key: string;
	i0: number;
	length: number;
	points: object;
}
let lastSlice: Slice | null = null;

export function windowSlice(data: LiveData, t0: number, t1: number): Slice {
	const s = data.store;
	const [i0, i1] = s.range(t0, t1);
	const key = `${s.version}:${i0}:${i1}:${s.positions.length}`;
	if (lastSlice?.key === key) return lastSlice;
	lastSlice = {
		key,
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
	return lastSlice;
}

function hexColor(count: number): [number, number, number, number] {
	const x = Math.min(1, Math.log10(1 + count) / 2.5); // 1 .. ~300 posts
	return [
		Math.round(60 + 140 * x),
		Math.round(110 + 60 * x),
		Math.round(230 - 80 * x),
		Math.round(25 + 70 * x)
	];
}

export function trendArrow(trend: number | 'up' | 'down' | 'flat'): string {
	const t =
		typeof trend === 'number' ? (trend > 0.25 ? 'up' : trend < -0.25 ? 'down' : 'flat') : trend;
	return t === 'up' ? '▲' : t === 'down' ? '▼' : '▶';
}

export function buildLayers(input: LayerInput): Layer[] {
	const { data, derived, now, windowMs, zoom, toggles, beforeId } = input;
	const slice = windowSlice(data, now - windowMs, now);
	const common = beforeId ? { beforeId } : {};
	const layers: Layer[] = [];

	if (toggles.areas && input.areas.length) {
		layers.push(
			new PolygonLayer<AreaDef>({
				id: 'areas',
				...common,
				data: input.areas,
				getPolygon: (a) => a.polygon,
				stroked: true,
				filled: true,
				getFillColor: [255, 255, 255, 12],
				getLineColor: [240, 240, 240, 200],
				getLineWidth: 2,
				lineWidthUnits: 'pixels'
			})
		);
	}

	if (toggles.hexagons && derived && zoom >= HEX_MIN_ZOOM) {
		layers.push(
			new H3HexagonLayer<HexCount>({
				id: `hexagons-${derived.hexRes}`,
				...common,
				data: derived.hexes,
				getHexagon: (d) => d.cell,
				getFillColor: (d) => hexColor(d.count),
				getLineColor: [160, 190, 255, 110],
				lineWidthMinPixels: 1,
				extruded: false,
				stroked: true,
				filled: true,
				highPrecision: 'auto',
				pickable: true,
				updateTriggers: { getFillColor: derived.time }
			})
		);
	}

	if (toggles.heat && derived?.heat) {
		layers.push(
			new BitmapLayer({
				id: 'heat',
				...common,
				image: heatImage(derived.heat),
				bounds: derived.heat.bounds,
				opacity: zoom >= 15 ? 0.55 : 0.9,
				textureParameters: { minFilter: 'linear', magFilter: 'linear' }
			})
		);
	}

	if (toggles.corridors && derived && derived.flows.length && zoom >= CORRIDOR_MIN_ZOOM) {
		const flows = topFlows(derived.flows);
		const maxAuthors = flows.reduce((m, f) => Math.max(m, f.authors), 1);
		const width = (f: Flow) => 2 + 10 * Math.sqrt(f.authors / Math.max(1, maxAuthors));
		const arrowM = zoom >= 13 ? 60 : zoom >= 11 ? 180 : 400;
		layers.push(
			new PathLayer<Flow>({
				id: 'corridors',
				...common,
				data: flows,
				getPath: (f) => flowPath(f, arrowM),
				getWidth: width,
				widthUnits: 'pixels',
				capRounded: true,
				getColor: CORRIDOR_COLOR,
				pickable: true,
				updateTriggers: { getWidth: derived.time, getPath: arrowM }
			}),
			new SolidPolygonLayer<Flow>({
				id: 'corridor-arrows',
				...common,
				data: flows,
				getPolygon: (f) => {
					const path = flowPath(f, arrowM);
					return arrowHead(path[0], path[path.length - 1], arrowM);
				},
				getFillColor: CORRIDOR_COLOR,
				updateTriggers: { getPolygon: arrowM }
			})
		);
	}

	if (toggles.points && zoom >= 13) {
		layers.push(
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
		);
	}

	if (toggles.areas && derived && derived.areas.length && zoom >= 13.5) {
		const byId = new Map(input.areas.map((a) => [a.id, a]));
		layers.push(
			new TextLayer<AreaStat>({
				id: 'area-labels',
				data: derived.areas,
				getPosition: (s) => labelAnchor(byId.get(s.id)!),
				getText: (s) => `${s.name}  ${s.perMinute.toFixed(1)}/min ${trendArrow(s.trend)}`,
				getSize: 16,
				getColor: [255, 255, 255, 255],
				outlineWidth: 3,
				outlineColor: [0, 0, 0, 255],
				fontSettings: { sdf: true },
				fontWeight: 600,
				getTextAnchor: 'middle',
				getAlignmentBaseline: 'bottom',
				characterSet: 'auto',
				updateTriggers: { getText: derived.time }
			})
		);
	}
	if (input.alerts?.length) {
		layers.push(
			new ScatterplotLayer<AlertMark>({
				id: 'alerts',
				data: input.alerts,
				getPosition: (a) => [a.lon, a.lat],
				getRadius: (a) => a.radius_m,
				radiusUnits: 'meters',
				radiusMinPixels: 14,
				stroked: true,
				filled: true,
				getFillColor: (a) => [...ALERT_COLORS[a.severity], 40],
				getLineColor: (a) => [...ALERT_COLORS[a.severity], 255],
				lineWidthUnits: 'pixels',
				getLineWidth: (a) => (a.severity === 'critical' ? 5 : 3),
				pickable: true
			})
		);
	}
	const help = toggles.help ? input.help?.filter((c) => c.pos) : undefined;
	if (help?.length) {
		layers.push(
			new ScatterplotLayer<HelpCall>({
				id: 'help',
				data: help,
				getPosition: (c) => c.pos!,
				radiusUnits: 'pixels',
				getRadius: 11,
				stroked: true,
				filled: true,
				getFillColor: HELP_FILL,
				getLineColor: HELP_LINE,
				lineWidthUnits: 'pixels',
				getLineWidth: 4,
				pickable: true
			})
		);
	}
	return layers;
}

/** Calls for help: white dots with a thick red ring, apart from the heat and alert colours. */
export const HELP_FILL: [number, number, number, number] = [255, 255, 255, 255];
export const HELP_LINE: [number, number, number, number] = [230, 20, 60, 255];

let lastHeat: { src: RasterResult; image: ImageData } | null = null;
/** The raster as ImageData, made once per raster (a copy: the raster reuses its buffer). */
function heatImage(r: RasterResult): ImageData {
	if (lastHeat?.src !== r) {
		lastHeat = { src: r, image: new ImageData(new Uint8ClampedArray(r.data), r.width, r.height) };
	}
	return lastHeat.image;
}

/** Top-centre of an area's ring, where its label sits. */
function labelAnchor(a: AreaDef): [number, number] {
	let maxLat = -90;
	let sumLon = 0;
	for (const [lon, lat] of a.polygon) {
		sumLon += lon;
		if (lat > maxLat) maxLat = lat;
	}
	return [sumLon / a.polygon.length, maxLat];
}
