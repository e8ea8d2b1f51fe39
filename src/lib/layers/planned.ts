/**
 * Planned events (issue 13, item 5): each plan's area as a dashed outline, labelled with what is
 * planned ("gepland · 47.000 · 14:00–18:00") and, when the detector stays silent because of it,
 * how much it explained ("stil door plan: 12 signalen verklaard"). Also the area being drawn on
 * the map, vertex by vertex (PlanBook.draft).
 */
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Position } from '../areas/import';
import { TEXTS, type Lang } from '../i18n';
import type { PlannedEventView } from '../supabase/planned-events';
import { formatClock } from '../time/amsterdam';
import { labelAnchor } from './area-labels';
import { defineLayer, MAP_TEXT, under } from './common';

export const PLAN_COLOR: [number, number, number] = [196, 181, 253];
const DRAFT_COLOR: [number, number, number] = [250, 204, 21];

export interface PlanOutline {
	id: string;
	path: Position[];
}

export interface PlanLabel {
	id: string;
	position: [number, number];
	text: string;
	silenced: boolean;
}

export interface PlannedCache {
	src: PlannedEventView[] | null;
	lang: Lang | null;
	outlines: PlanOutline[];
	labels: PlanLabel[];
	dash: PathStyleExtension;
}

/** "gepland · 47.000 · 14:00–18:00" (its date too when it does not end the day it starts). */
export function planText(p: PlannedEventView, lang: Lang): string {
	const t = TEXTS[lang];
	const crowd = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(p.crowd);
	return `${t.planTag} · ${crowd} · ${formatClock(p.from)}–${formatClock(p.to)}`;
}

/** "stil door plan: 12 signalen verklaard", or null when the plan silenced nothing. */
export function silencedText(p: PlannedEventView, lang: Lang): string | null {
	const n = p.status?.suppressed ?? 0;
	if (n <= 0) return null;
	const since = p.status?.since;
	return (
		TEXTS[lang].planSilenced.replace('{n}', String(n)) +
		(since ? ` ${TEXTS[lang].planSince.replace('{t}', formatClock(since))}` : '')
	);
}

export function planLabels(plans: PlannedEventView[], lang: Lang): PlanLabel[] {
	const out: PlanLabel[] = [];
	for (const p of plans) {
		const at = p.rings[0] ? labelAnchor(p.rings[0]) : null;
		if (!at) continue;
		const silenced = silencedText(p, lang);
		out.push({
			id: p.id,
			position: at,
			text: `${p.name}\n${planText(p, lang)}${silenced ? `\n${silenced}` : ''}`,
			silenced: !!silenced
		});
	}
	return out;
}

export const planned = defineLayer<PlannedCache>({
	id: 'planned',
	labelKey: 'layerPlanned',
	defaultOn: true,
	createCache: () => ({
		src: null,
		lang: null,
		outlines: [],
		labels: [],
		dash: new PathStyleExtension({ dash: true })
	}),
	legend: { kind: 'line', color: PLAN_COLOR, labelKey: 'layerLegendPlanned' },
	build(ctx, cache) {
		const plans = ctx.plans ?? [];
		if (cache.src !== plans || cache.lang !== ctx.lang) {
			cache.src = plans;
			cache.lang = ctx.lang;
			cache.outlines = plans.flatMap((p) => p.rings.map((path) => ({ id: p.id, path })));
			cache.labels = planLabels(plans, ctx.lang);
		}
		const out = [];
		if (cache.outlines.length)
			out.push(
				new PathLayer<PlanOutline, PathStyleExtensionProps<PlanOutline>>({
					id: 'planned-outline',
					...under(ctx),
					data: cache.outlines,
					getPath: (o) => o.path,
					getColor: PLAN_COLOR,
					getWidth: 3,
					widthUnits: 'pixels',
					getDashArray: [6, 4],
					dashJustified: true,
					extensions: [cache.dash]
				}),
				new TextLayer<PlanLabel>({
					id: 'planned-labels',
					data: cache.labels,
					getPosition: (l) => l.position,
					getText: (l) => l.text,
					getColor: (l) => (l.silenced ? [253, 230, 138, 255] : [...PLAN_COLOR, 255]),
					getSize: 14,
					getPixelOffset: [0, -8],
					getTextAnchor: 'middle',
					getAlignmentBaseline: 'bottom',
					...MAP_TEXT
				})
			);
		const draft = ctx.planDraft ?? [];
		if (draft.length)
			out.push(
				new PathLayer<Position[]>({
					id: 'planned-draft',
					data: [draft.length >= 3 ? [...draft, draft[0]] : draft],
					getPath: (d) => d,
					getColor: DRAFT_COLOR,
					getWidth: 2,
					widthUnits: 'pixels'
				}),
				new ScatterplotLayer<Position>({
					id: 'planned-draft-vertices',
					data: draft,
					getPosition: (p) => p,
					getRadius: 5,
					radiusUnits: 'pixels',
					getFillColor: DRAFT_COLOR
				})
			);
		return out;
	}
});
