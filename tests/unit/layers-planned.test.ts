/** The planned events as the map gets them (planned_events()) and draws them (layers/planned.ts). */
import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { planLabels, planned, planText, silencedText } from '../../src/lib/layers/planned';
import type { LayerContext } from '../../src/lib/layers/types';
import { parsePlannedEvents } from '../../src/lib/supabase/planned-events';

const ROW = {
	id: 'p1',
	name: 'Bevrijdingsfestival',
	unit_id: 'NN',
	municipality_code: 'GM0014',
	area: {
		type: 'MultiPolygon',
		coordinates: [
			[
				[
					[6.603, 53.171],
					[6.609, 53.171],
					[6.609, 53.174],
					[6.603, 53.171]
				]
			]
		]
	},
	planned_crowd: 47000,
	planned_from: '2024-05-05T12:00:00Z',
	planned_to: '2024-05-05T16:00:00Z',
	mine: true,
	suppressed: null
};

describe('planned_events() rows', () => {
	it('keeps valid plans with their status, reports broken ones', () => {
		const { plans, problems } = parsePlannedEvents([
			ROW,
			{
				...ROW,
				id: 'p2',
				suppressed: 12,
				suppressed_since: '2024-05-05T12:20:00Z',
				observed_crowd: 900
			},
			{ ...ROW, id: 'bad', area: { type: 'Polygon', coordinates: [] } },
			{ ...ROW, id: 'bad2', planned_from: 'gisteren' }
		]);
		expect(plans.map((p) => p.id)).toEqual(['p1', 'p2']);
		expect(plans[0]).toMatchObject({ crowd: 47000, mine: true, status: null, unitId: 'NN' });
		expect(plans[0].rings[0]).toHaveLength(4);
		expect(plans[1].status).toMatchObject({ suppressed: 12, observedCrowd: 900 });
		expect(problems.map((p) => p.where)).toEqual([
			'planned_events() item 2',
			'planned_events() item 3'
		]);
		expect(parsePlannedEvents(null).problems).toHaveLength(1);
	});
});

describe('the planned layer', () => {
	const { plans } = parsePlannedEvents([
		ROW,
		{ ...ROW, id: 'p2', suppressed: 12, suppressed_since: '2024-05-05T12:20:00Z' }
	]);

	it('labels a plan "gepland · 47.000 · 14:00–18:00", and what it silenced', () => {
		expect(planText(plans[0], 'nl')).toBe('gepland · 47.000 · 14:00–18:00');
		expect(planText(plans[0], 'en')).toBe('planned · 47,000 · 14:00–18:00');
		expect(silencedText(plans[0], 'nl')).toBeNull();
		expect(silencedText(plans[1], 'nl')).toBe('stil door plan: 12 signalen verklaard sinds 14:20');
		const labels = planLabels(plans, 'nl');
		expect(labels[1].text).toBe(
			'Bevrijdingsfestival\ngepland · 47.000 · 14:00–18:00\nstil door plan: 12 signalen verklaard sinds 14:20'
		);
		expect(labels[1].silenced).toBe(true);
		expect(labels[0].position).toEqual([(6.603 + 6.609 + 6.609 + 6.603) / 4, 53.174]);
	});

	it('draws dashed outlines and labels, and the area being drawn', () => {
		const ctx = {
			plans,
			planDraft: [
				[6.6, 53.1],
				[6.61, 53.1],
				[6.61, 53.11]
			],
			lang: 'nl',
			zoom: 12
		} as unknown as LayerContext;
		const layers = planned.build(ctx, planned.createCache!()) as Layer[];
		expect(layers.map((l) => l.id)).toEqual([
			'planned-outline',
			'planned-labels',
			'planned-draft',
			'planned-draft-vertices'
		]);
		const outline = layers[0] as Layer<{ data: unknown[]; getDashArray: number[] }>;
		expect(outline.props.data).toHaveLength(2);
		expect(outline.props.getDashArray).toEqual([6, 4]);
		const draft = layers[2] as Layer<{ data: number[][][] }>;
		expect(draft.props.data[0]).toHaveLength(4);
		expect(planned.build({ ...ctx, plans: [], planDraft: [] }, planned.createCache!())).toEqual([]);
	});
});
