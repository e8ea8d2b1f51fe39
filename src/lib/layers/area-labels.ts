/**
 * Each watched area's name, rate and trend at the top of its ring, from street zoom on; on and
 * off with the areas. Drawn above the posts.
 *
 * The rates come from the analyses (Derived.areas) and the rings from the page's area list; the
 * two can disagree for a moment (live: the role's areas replace the scenario's, or another
 * role's, before the next derive). A rate whose area is not in the list is not labelled: there
 * is no ring to put it on (before, its position threw inside deck.gl on every update).
 */
import { TextLayer } from '@deck.gl/layers';
import type { AreaDef, AreaStat } from '../areas/areas';
import { defineLayer, MAP_TEXT } from './common';

/** Labels show from this zoom on. */
export const AREA_LABEL_MIN_ZOOM = 13.5;

export function trendArrow(trend: number | 'up' | 'down' | 'flat'): string {
	const t =
		typeof trend === 'number' ? (trend > 0.25 ? 'up' : trend < -0.25 ? 'down' : 'flat') : trend;
	return t === 'up' ? '▲' : t === 'down' ? '▼' : '▶';
}

export interface AreaLabel {
	stat: AreaStat;
	/** Top-centre of the area's ring. */
	position: [number, number];
	text: string;
}

export interface AreaLabelsCache {
	stats: AreaStat[] | null;
	areas: AreaDef[] | null;
	labels: AreaLabel[];
}

/** Top-centre of a ring, where its label sits; null for a ring with no corner. */
export function labelAnchor(polygon: [number, number][]): [number, number] | null {
	let maxLat = -Infinity;
	let sumLon = 0;
	let n = 0;
	for (const [lon, lat] of polygon) {
		if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
		sumLon += lon;
		n++;
		if (lat > maxLat) maxLat = lat;
	}
	return n ? [sumLon / n, maxLat] : null;
}

/** The labels for the rates whose area has a ring, once per (rates, areas). */
export function areaLabels(
	stats: AreaStat[],
	areas: AreaDef[],
	cache: AreaLabelsCache
): AreaLabel[] {
	if (cache.stats !== stats || cache.areas !== areas) {
		const anchors = new Map<string, [number, number]>();
		for (const a of areas) {
			const p = Array.isArray(a.polygon) ? labelAnchor(a.polygon) : null;
			if (p) anchors.set(a.id, p);
		}
		const labels: AreaLabel[] = [];
		for (const s of stats) {
			const position = anchors.get(s.id);
			if (position)
				labels.push({
					stat: s,
					position,
					text: `${s.name}  ${s.perMinute.toFixed(1)}/min ${trendArrow(s.trend)}`
				});
		}
		cache.stats = stats;
		cache.areas = areas;
		cache.labels = labels;
	}
	return cache.labels;
}

export const areaLabelsLayer = defineLayer<AreaLabelsCache>({
	id: 'area-labels',
	labelKey: 'areas',
	toggledBy: 'areas',
	minZoom: AREA_LABEL_MIN_ZOOM,
	defaultOn: true,
	createCache: () => ({ stats: null, areas: null, labels: [] }),
	build(ctx, cache) {
		const stats = ctx.derived?.areas;
		if (!stats?.length) return [];
		const data = areaLabels(stats, ctx.areas, cache);
		if (!data.length) return [];
		return [
			new TextLayer<AreaLabel>({
				id: 'area-labels',
				data,
				getPosition: (l) => l.position,
				getText: (l) => l.text,
				getSize: 16,
				...MAP_TEXT,
				getColor: [255, 255, 255, 255],
				fontWeight: 600,
				getTextAnchor: 'middle',
				getAlignmentBaseline: 'bottom'
			})
		];
	}
});
