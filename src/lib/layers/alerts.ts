/**
 * Active incidents (live mode): one ring per incident (not one per alert: the alerts of one
 * gathering are one incident), of its radius, coloured by its strongest severity. The toggle keeps
 * the id `alerts` (old links with `layers=…,alerts` still work).
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import { defineLayer } from './common';
import type { AlertMark } from './types';

export const ALERT_COLORS: Record<AlertMark['severity'], [number, number, number]> = {
	info: [120, 180, 255],
	warning: [255, 190, 40],
	critical: [255, 50, 50]
};

export const alerts = defineLayer({
	id: 'alerts',
	labelKey: 'layerAlerts',
	defaultOn: true,
	build(ctx) {
		if (!ctx.incidents.length) return [];
		return [
			new ScatterplotLayer<AlertMark>({
				id: 'alerts',
				data: ctx.incidents,
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
				// Not pickable: a ring covers the posts and cells inside it, whose tooltips stay
				// reachable; a click in a ring opens its incident (MapState.mapClicked, by position).
				pickable: false
			})
		];
	},
	legend: {
		kind: 'rings',
		colors: [ALERT_COLORS.info, ALERT_COLORS.warning, ALERT_COLORS.critical],
		labelKey: 'layerLegendAlert'
	}
});
