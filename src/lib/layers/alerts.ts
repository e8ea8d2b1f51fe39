/** Open alerts (live mode): a ring of the alert's radius, coloured by severity. */
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
		if (!ctx.alerts.length) return [];
		return [
			new ScatterplotLayer<AlertMark>({
				id: 'alerts',
				data: ctx.alerts,
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
				// reachable; the alert itself is in the alert panel.
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
