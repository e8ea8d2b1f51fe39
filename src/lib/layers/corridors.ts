/** Corridors: where authors move between res-8 cells, as cyan paths with an arrow head. */
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { arrowHead, flowPath, type Flow } from '../corridors/corridors';
import { defineLayer, under } from './common';

/** Corridors (between res-8 cells, ~1 km apart) show from this zoom on; below, they hide the heat. */
export const CORRIDOR_MIN_ZOOM = 9;

/** At most this many flows are drawn, those with the most distinct authors: beyond that a wall
 * screen shows a hairball, not a corridor. */
export const MAX_FLOWS_DRAWN = 300;

/** Corridor colour: cyan, far from every heat colour, so both stay readable where they cross. */
export const CORRIDOR_COLOR: [number, number, number, number] = [34, 211, 238, 235];

export interface CorridorsCache {
	src: Flow[] | null;
	top: Flow[];
}

/** The flows drawn: all, or the MAX_FLOWS_DRAWN with the most authors; once per flow list. */
export function topFlows(flows: Flow[], cache: CorridorsCache): Flow[] {
	if (cache.src !== flows) {
		cache.src = flows;
		cache.top =
			flows.length <= MAX_FLOWS_DRAWN
				? flows
				: [...flows]
						.sort((a, b) => b.authors - a.authors || b.count - a.count)
						.slice(0, MAX_FLOWS_DRAWN);
	}
	return cache.top;
}

export const corridors = defineLayer<CorridorsCache>({
	id: 'corridors',
	labelKey: 'corridors',
	minZoom: CORRIDOR_MIN_ZOOM,
	defaultOn: true,
	createCache: () => ({ src: null, top: [] }),
	build(ctx, cache) {
		const d = ctx.derived;
		if (!d?.flows.length) return [];
		const flows = topFlows(d.flows, cache);
		const maxAuthors = flows.reduce((m, f) => Math.max(m, f.authors), 1);
		const width = (f: Flow) => 2 + 10 * Math.sqrt(f.authors / Math.max(1, maxAuthors));
		const arrowM = ctx.zoom >= 13 ? 60 : ctx.zoom >= 11 ? 180 : 400;
		return [
			new PathLayer<Flow>({
				id: 'corridors',
				...under(ctx),
				data: flows,
				getPath: (f) => flowPath(f, arrowM),
				getWidth: width,
				widthUnits: 'pixels',
				capRounded: true,
				getColor: CORRIDOR_COLOR,
				pickable: true,
				updateTriggers: { getWidth: d.time, getPath: arrowM }
			}),
			new SolidPolygonLayer<Flow>({
				id: 'corridor-arrows',
				...under(ctx),
				data: flows,
				getPolygon: (f) => {
					const path = flowPath(f, arrowM);
					return arrowHead(path[0], path[path.length - 1], arrowM);
				},
				getFillColor: CORRIDOR_COLOR,
				updateTriggers: { getPolygon: arrowM }
			})
		];
	},
	owns: (id) => id === 'corridors' || id === 'corridor-arrows',
	hover: (info) =>
		info.object ? { kind: 'flow', x: info.x, y: info.y, flow: info.object as Flow } : null,
	legend: { kind: 'line', color: CORRIDOR_COLOR, labelKey: 'legendCorridor' }
});
