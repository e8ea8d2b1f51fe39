import { describe, expect, it } from 'vitest';
import { distanceM } from '../../src/lib/geo/measure';
import {
	LEARNED_COLOR,
	learnedLabel,
	learnedMarks,
	learnedPlaces,
	type LearnedCache
} from '../../src/lib/layers/learned-places';
import { buildLayers, legendEntries, layerOf, type AlertMark } from '../../src/lib/layers/registry';
import type { LayerContext } from '../../src/lib/layers/types';

const learned = { radius_m: 120, confidence: 0.92, posts: 93, geotags: 17, comentions: 62 };
const alert: AlertMark = {
	id: 'mobilisation:bijlmerplein:2024-10-19',
	lon: 4.9553,
	lat: 52.3159,
	radius_m: 120,
	severity: 'warning',
	place: 'Bijlmerplein',
	facts: {
		what: 'mobilisation',
		place: 'Bijlmerplein',
		callers: 20,
		new6: 20,
		earlier: 0,
		reposts: 3,
		sceptic: 0,
		confirmed: false,
		weak: false,
		learned
	}
};
const plain: AlertMark = { id: 'surge:x', lon: 5, lat: 52, radius_m: 500, severity: 'critical' };
const cache = (): LearnedCache => ({ src: null, lang: null, marks: [] });

describe('learned places layer: the uncertainty circle and a label that says it is learned', () => {
	it('marks only alerts about a learned place, with a circle of its radius', () => {
		const marks = learnedMarks([plain, alert], 'nl', cache());
		expect(marks.map((m) => m.id)).toEqual([alert.id]);
		const m = marks[0];
		expect(m.path.length).toBe(49);
		for (const [lon, lat] of m.path)
			expect(Math.abs(distanceM(lon, lat, alert.lon, alert.lat) - 120)).toBeLessThan(2);
		expect(distanceM(m.top[0], m.top[1], alert.lon, alert.lat)).toBeCloseTo(120, 0);
		expect(m.text).toBe('Bijlmerplein · geleerd ±120 m · 92% zeker');
	});
	it('says it in English, and recomputes only when the alerts or the language change', () => {
		expect(learnedLabel('Bijlmerplein', { ...learned, radius_m: 1500 }, 'en')).toBe(
			'Bijlmerplein · learned ±1,500 m · 92% sure'
		);
		const c = cache();
		const list = [alert];
		const a = learnedMarks(list, 'nl', c);
		expect(learnedMarks(list, 'nl', c)).toBe(a);
		expect(learnedMarks(list, 'en', c)[0].text).toMatch(/learned/);
	});
	it('is drawn with the alerts (no toggle of its own) and has a legend entry', () => {
		const ctx = { alerts: [alert], incidents: [], lang: 'nl', zoom: 14 } as unknown as LayerContext;
		const caches: Record<string, unknown> = {};
		const ids = (on: boolean) =>
			buildLayers(ctx, { alerts: on }, caches)
				.map((l) => l.id)
				.filter((id) => id.startsWith('learned'));
		expect(ids(true)).toEqual(['learned-places-circle', 'learned-places-label']);
		expect(ids(false)).toEqual([]);
		expect(layerOf('learned-places-label')).toBe(learnedPlaces);
		// The label in the interface's typeface (not deck.gl's monospace default), on a dark box
		// so it stays readable over the basemap's labels.
		const label = buildLayers(ctx, { alerts: true }, caches).find(
			(l) => l.id === 'learned-places-label'
		);
		expect(label?.props).toMatchObject({ background: true, fontWeight: 600 });
		expect((label?.props as { fontFamily?: string }).fontFamily).toMatch(/sans-serif$/);
		expect((label?.props as { fontFamily?: string }).fontFamily).not.toMatch(/mono/i);
		const e = legendEntries().find((x) => x.id === 'learned-places')?.entry;
		expect(e).toEqual({ kind: 'line', color: LEARNED_COLOR, labelKey: 'layerLegendLearned' });
	});
});
