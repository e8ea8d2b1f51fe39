import type { Layer, PickingInfo } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import type { AreaDef, AreaStat } from '../../src/lib/areas/areas';
import type { HexCount } from '../../src/lib/binning/hexbins';
import type { Flow } from '../../src/lib/corridors/corridors';
import { TEXTS } from '../../src/lib/i18n';
import { LocalAnalyses } from '../../src/lib/map/analyses';
import { LiveData, type Derived } from '../../src/lib/map/live-data';
import type { LocatedPost } from '../../src/lib/posts/post';
import {
	buildLayers,
	createLayerCaches,
	defaultToggles,
	formatLayersParam,
	hoverFor,
	inZoomRange,
	LAYER_IDS,
	layerOf,
	legendEntries,
	MAP_LAYERS,
	parseLayersParam,
	TOGGLE_LAYERS,
	type LayerContext,
	type LayerToggles
} from '../../src/lib/layers/registry';

const T0 = Date.UTC(2012, 8, 21, 18, 0, 0);
const MIN = 60_000;

function post(id: string, t: number, pos: [number, number], text = 'hallo'): LocatedPost {
	return {
		id,
		source: 'x',
		author: `a-${id}`,
		created_at: new Date(t).toISOString(),
		text,
		t,
		method: 'gps',
		pos,
		precision_m: 10
	};
}

const HAREN: AreaDef = {
	id: 'centrum-haren',
	name: 'Centrum Haren',
	polygon: [
		[6.6, 53.17],
		[6.62, 53.17],
		[6.62, 53.18],
		[6.6, 53.18],
		[6.6, 53.17]
	]
};

function stat(id: string, name: string): AreaStat {
	return { id, name, perMinute: 2.5, previousPerMinute: 1, trend: 'up', total: 30 };
}

function derived(over: Partial<Derived> = {}): Derived {
	return {
		time: T0,
		areasAt: T0,
		windowMs: 60 * MIN,
		hexes: [],
		hexRes: 9,
		flows: [],
		areas: [],
		addMs: [],
		...over
	};
}

function liveData(posts: LocatedPost[]): LiveData {
	const d = new LiveData(new LocalAnalyses([HAREN]), 60 * MIN, T0);
	d.add(posts);
	return d;
}

function ctx(over: Partial<LayerContext> = {}): LayerContext {
	return {
		data: liveData([]),
		derived: null,
		now: T0,
		windowMs: 60 * MIN,
		zoom: 14,
		areas: [HAREN],
		alerts: [],
		incidents: [],
		help: [],
		lang: 'nl',
		...over
	};
}

const allOn = (): LayerToggles => Object.fromEntries(LAYER_IDS.map((id) => [id, true]));
const ids = (layers: Layer[]) => layers.map((l) => l.id);
/** A deck.gl picking info as onHover gives it, for a layer id. */
function picked(layerId: string, index: number, object?: unknown): PickingInfo {
	return {
		picked: true,
		layer: { id: layerId },
		index,
		object,
		x: 10,
		y: 20
	} as unknown as PickingInfo;
}

describe('the layer registry', () => {
	it('has unique ids, and every deck.gl id a layer builds is owned by that layer', () => {
		const all = MAP_LAYERS.map((l) => l.id);
		expect(new Set(all).size).toBe(all.length);
		expect(LAYER_IDS).toEqual(TOGGLE_LAYERS.map((l) => l.id));
		expect(LAYER_IDS).toEqual(
			expect.arrayContaining(['areas', 'hexagons', 'heat', 'corridors', 'points', 'alerts', 'help'])
		);
		// A layer switched by another's toggle names an existing toggle.
		for (const l of MAP_LAYERS) if (l.toggledBy) expect(LAYER_IDS).toContain(l.toggledBy);
	});

	it('has every label and legend key in both languages', () => {
		for (const lang of ['nl', 'en'] as const) {
			for (const l of MAP_LAYERS) {
				expect(TEXTS[lang][l.labelKey], `${lang} ${l.id}`).toEqual(expect.any(String));
				expect(TEXTS[lang][l.labelKey].length).toBeGreaterThan(0);
				if (l.legend) expect(TEXTS[lang][l.legend.labelKey]).toEqual(expect.any(String));
				if (l.legend?.kind === 'ramp')
					expect(TEXTS[lang][l.legend.unitKey]).toEqual(expect.any(String));
			}
			expect(TEXTS[lang].layerFromZoom).toEqual(expect.any(String));
		}
		// Distinct checkbox labels, so a label finds one checkbox.
		const labels = TOGGLE_LAYERS.map((l) => TEXTS.nl[l.labelKey]);
		expect(new Set(labels).size).toBe(labels.length);
	});

	it('reads and writes the layers= URL parameter', () => {
		expect(parseLayersParam(null)).toEqual(defaultToggles());
		expect(formatLayersParam(defaultToggles())).toBeNull();
		const some = parseLayersParam('heat, points,bogus,<script>');
		expect(Object.keys(some).sort()).toEqual([...LAYER_IDS].sort());
		expect(
			Object.entries(some)
				.filter(([, on]) => on)
				.map(([id]) => id)
				.sort()
		).toEqual(['heat', 'points']);
		expect(formatLayersParam(some)).toBe(
			LAYER_IDS.filter((id) => id === 'heat' || id === 'points').join(',')
		);
		const none = parseLayersParam('');
		expect(Object.values(none).every((on) => !on)).toBe(true);
		expect(formatLayersParam(none)).toBe('');
		// Every subset survives the round trip.
		for (let mask = 0; mask < 2 ** LAYER_IDS.length; mask++) {
			const t = Object.fromEntries(LAYER_IDS.map((id, i) => [id, !!(mask & (1 << i))]));
			expect(parseLayersParam(formatLayersParam(t))).toEqual(t);
		}
		// The alert rings have a toggle, on by default.
		expect(defaultToggles().alerts).toBe(true);
		expect(parseLayersParam('heat').alerts).toBe(false);
	});

	it('keeps caches per map state: two maps never share the points slice', () => {
		// Two maps whose stores are at the same version with the same window range, different posts.
		const a = liveData([
			post('a1', T0 - 5 * MIN, [6.61, 53.175]),
			post('a2', T0 - 4 * MIN, [6.61, 53.176])
		]);
		const b = liveData([
			post('b1', T0 - 5 * MIN, [4.9, 52.37]),
			post('b2', T0 - 4 * MIN, [4.9, 52.38])
		]);
		expect(a.store.version).toBe(b.store.version);
		const only = parseLayersParam('points');
		const ca = createLayerCaches();
		const cb = createLayerCaches();
		const la = buildLayers(ctx({ data: a }), only, ca);
		const lb = buildLayers(ctx({ data: b }), only, cb);
		const positions = (ls: Layer[]) =>
			Array.from(
				(ls[0].props.data as { attributes: { getPosition: { value: Float32Array } } }).attributes
					.getPosition.value
			);
		expect(ids(la)).toEqual(['points']);
		expect(positions(la)[0]).toBeCloseTo(6.61, 4);
		expect(positions(lb)[0]).toBeCloseTo(4.9, 4);
		// Hover reads the post from its own map's store.
		expect(hoverFor(picked('points', 1), ctx({ data: a }), ca)).toMatchObject({
			kind: 'post',
			post: { id: 'a2' }
		});
		expect(hoverFor(picked('points', 1), ctx({ data: b }), cb)).toMatchObject({
			kind: 'post',
			post: { id: 'b2' }
		});
		// The same map rebuilt without change hands deck.gl the same data (no re-upload).
		expect(buildLayers(ctx({ data: a }), only, ca)[0].props.data).toBe(la[0].props.data);
	});

	it('draws each layer only in its zoom range', () => {
		const hex: HexCount = {
			cell: '891f1d48b93ffff',
			count: 3,
			recent: 2,
			previous: 1,
			trend: 1
		} as HexCount;
		const flow = {
			from: 'a',
			to: 'b',
			count: 3,
			authors: 2,
			lastT: T0,
			path: [
				[6.6, 53.17],
				[6.61, 53.18]
			]
		} as unknown as Flow;
		const d = derived({
			hexes: [hex],
			flows: [flow],
			areas: [stat('centrum-haren', 'Centrum Haren')]
		});
		const data = liveData([post('p1', T0 - MIN, [6.61, 53.175])]);
		for (const zoom of [8, 9, 10.99, 11, 12.99, 13, 13.49, 13.5, 15]) {
			const built = ids(buildLayers(ctx({ data, derived: d, zoom }), allOn(), createLayerCaches()));
			for (const l of MAP_LAYERS) {
				const drawn = built.some((id) => layerOf(id) === l);
				if (!inZoomRange(l, zoom)) expect(drawn, `${l.id} at ${zoom}`).toBe(false);
			}
			expect(built.includes('points')).toBe(zoom >= 13);
			expect(built.some((id) => id.startsWith('hexagons-'))).toBe(zoom >= 11);
			expect(built.includes('corridors')).toBe(zoom >= 9);
			expect(built.includes('area-labels')).toBe(zoom >= 13.5);
			expect(built.includes('areas')).toBe(true);
		}
		expect(inZoomRange({ minZoom: 11, maxZoom: 14 }, 14)).toBe(false);
		expect(inZoomRange({ minZoom: 11, maxZoom: 14 }, 11)).toBe(true);
	});

	it('builds nothing for a layer that is switched off; area labels follow the areas toggle', () => {
		const d = derived({ areas: [stat('centrum-haren', 'Centrum Haren')] });
		const t = allOn();
		expect(ids(buildLayers(ctx({ derived: d }), t, createLayerCaches()))).toContain('area-labels');
		t.areas = false;
		const built = ids(buildLayers(ctx({ derived: d }), t, createLayerCaches()));
		expect(built).not.toContain('areas');
		expect(built).not.toContain('area-labels');
	});

	it('labels only the rates whose area has a ring (rates of a previous area list do not throw)', () => {
		// Live: the role's areas (database ids) replaced the scenario's before the next derive.
		const d = derived({
			areas: [stat('scenario-only', 'Oud gebied'), stat('centrum-haren', 'Centrum Haren')]
		});
		const layers = buildLayers(ctx({ derived: d }), allOn(), createLayerCaches());
		const labels = layers.find((l) => l.id === 'area-labels')!;
		const data = labels.props.data as unknown[];
		const props = labels.props as unknown as {
			getPosition: (x: unknown) => [number, number];
			getText: (x: unknown) => string;
		};
		expect(data).toHaveLength(1);
		for (const x of data) {
			const p = props.getPosition(x);
			expect(p.every(Number.isFinite)).toBe(true);
			expect(p[0]).toBeCloseTo(6.608, 3);
			expect(p[1]).toBeCloseTo(53.18, 5);
			expect(props.getText(x)).toBe('Centrum Haren  2.5/min ▲');
		}
		// No area at all matches: no label layer.
		const none = buildLayers(
			ctx({ derived: derived({ areas: [stat('x', 'X')] }) }),
			allOn(),
			createLayerCaches()
		);
		expect(ids(none)).not.toContain('area-labels');
	});

	it('dispatches hover by the picked deck.gl layer', () => {
		const c = ctx({
			data: liveData([post('p1', T0 - MIN, [6.61, 53.175], 'help ons, we zitten vast')])
		});
		const caches = createLayerCaches();
		buildLayers(c, allOn(), caches);
		const hex = { cell: 'x', count: 1 } as HexCount;
		expect(hoverFor(picked('hexagons-9', 0, hex), c, caches)).toEqual({
			kind: 'hex',
			x: 10,
			y: 20,
			hex
		});
		const flow = { count: 1 } as unknown as Flow;
		expect(hoverFor(picked('corridors', 0, flow), c, caches)).toEqual({
			kind: 'flow',
			x: 10,
			y: 20,
			flow
		});
		expect(hoverFor(picked('points', 0), c, caches)).toMatchObject({
			kind: 'post',
			post: { id: 'p1' }
		});
		expect(hoverFor(picked('points', 5), c, caches)).toBeNull();
		const call = {
			key: 'x:p1',
			id: 'p1',
			source: 'x',
			t: T0 - MIN,
			text: '',
			pos: [6.61, 53.175],
			cues: [],
			also: []
		};
		expect(hoverFor(picked('help', 0, call), c, caches)).toMatchObject({
			kind: 'post',
			post: { id: 'p1' }
		});
		expect(hoverFor(picked('areas', 0, HAREN), c, caches)).toBeNull();
		expect(hoverFor(picked('alerts', 0, {}), c, caches)).toBeNull();
		expect(hoverFor(picked('someone-else', 0, {}), c, caches)).toBeNull();
		expect(hoverFor({ picked: false } as PickingInfo, c, caches)).toBeNull();
		expect(layerOf('corridor-arrows')?.id).toBe('corridors');
		expect(layerOf('hexagons-7')?.id).toBe('hexagons');
		expect(layerOf('area-labels')?.id).toBe('area-labels');
	});

	it('draws one ring per incident (not per alert) with a toggle, not pickable (the posts inside stay hoverable)', () => {
		// Three alerts of one gathering, grouped as one incident: one ring.
		const alerts = ['m', 's', 'c'].map((id) => ({
			id,
			lon: 6.61,
			lat: 53.175,
			radius_m: 500,
			severity: 'warning' as const
		}));
		const incidents = [
			{ id: 'inc-m', lon: 6.61, lat: 53.175, radius_m: 600, severity: 'critical' as const }
		];
		const on = buildLayers(ctx({ alerts, incidents }), allOn(), createLayerCaches());
		const ring = on.find((l) => l.id === 'alerts')!;
		expect(ring.props.pickable).toBe(false);
		expect(ring.props.data).toEqual(incidents);
		// Alerts without an incident draw no ring.
		expect(
			ids(buildLayers(ctx({ alerts, incidents: [] }), allOn(), createLayerCaches()))
		).not.toContain('alerts');
		const t = allOn();
		t.alerts = false;
		expect(ids(buildLayers(ctx({ incidents }), t, createLayerCaches()))).not.toContain('alerts');
	});

	it('gives the legend of the layers that are on', () => {
		const all = legendEntries().map((e) => e.id);
		expect(all).toEqual(['heat', 'corridors', 'planned', 'alerts', 'learned-places', 'help']);
		const t = allOn();
		t.heat = false;
		expect(legendEntries(t).map((e) => e.id)).toEqual([
			'corridors',
			'planned',
			'alerts',
			'learned-places',
			'help'
		]);
	});
});
