/**
 * Places the gazetteer lacks, learned from posts (geo/learned-places.ts), where an open alert is
 * about one (a mobilisation alert whose facts carry `learned`): a dashed circle of the learned
 * position's uncertainty and a label that says the place is learned, how closely and how sure.
 * On and off with the alerts.
 */
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import { PathLayer, TextLayer } from '@deck.gl/layers';
import type { LearnedFacts } from '../detection/summary-learned';
import { metresPerDegree } from '../geo/measure';
import { TEXTS, type Lang } from '../i18n';
import { defineLayer, MAP_TEXT } from './common';
import type { AlertMark } from './types';

export const LEARNED_COLOR: [number, number, number] = [190, 120, 255];

export interface LearnedMark {
	id: string;
	/** Closed ring of the uncertainty circle. */
	path: [number, number][];
	/** Top of the circle, where the label sits. */
	top: [number, number];
	text: string;
}

/** The learned place an alert is about, if any (facts come validated: summary.ts). */
export function learnedOf(a: AlertMark): LearnedFacts | undefined {
	const f = a.facts;
	return f && f.what === 'mobilisation' ? f.learned : undefined;
}

/** The label of a learned place: "Bijlmerplein · geleerd ±100 m · 92% zeker". */
export function learnedLabel(place: string, l: LearnedFacts, lang: Lang): string {
	const T = TEXTS[lang];
	const r = Math.round(l.radius_m).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB');
	return `${place} · ${T.learnedTag} ±${r} m · ${Math.round(l.confidence * 100)}% ${T.learnedSure}`;
}

function ring(lon: number, lat: number, radiusM: number, n = 48): [number, number][] {
	const [mx, my] = metresPerDegree(lat);
	const out: [number, number][] = [];
	for (let i = 0; i <= n; i++) {
		const a = (2 * Math.PI * i) / n;
		out.push([lon + (radiusM * Math.cos(a)) / mx, lat + (radiusM * Math.sin(a)) / my]);
	}
	return out;
}

export interface LearnedCache {
	src: AlertMark[] | null;
	lang: Lang | null;
	marks: LearnedMark[];
}

/** The marks of the alerts about learned places, once per (alert list, language). */
export function learnedMarks(alerts: AlertMark[], lang: Lang, cache: LearnedCache): LearnedMark[] {
	if (cache.src !== alerts || cache.lang !== lang) {
		cache.src = alerts;
		cache.lang = lang;
		cache.marks = [];
		for (const a of alerts) {
			const l = learnedOf(a);
			if (!l || !Number.isFinite(a.lon) || !Number.isFinite(a.lat)) continue;
			const r = Math.max(10, l.radius_m);
			cache.marks.push({
				id: a.id,
				path: ring(a.lon, a.lat, r),
				top: [a.lon, a.lat + r / metresPerDegree(a.lat)[1]],
				text: learnedLabel(a.place ?? '', l, lang)
			});
		}
	}
	return cache.marks;
}

export const learnedPlaces = defineLayer<LearnedCache>({
	id: 'learned-places',
	labelKey: 'layerLearned',
	defaultOn: true,
	toggledBy: 'alerts',
	createCache: () => ({ src: null, lang: null, marks: [] }),
	build(ctx, cache) {
		const data = learnedMarks(ctx.alerts, ctx.lang, cache);
		if (!data.length) return [];
		return [
			new PathLayer<LearnedMark, PathStyleExtensionProps<LearnedMark>>({
				id: 'learned-places-circle',
				data,
				getPath: (m) => m.path,
				getColor: [...LEARNED_COLOR, 255],
				widthUnits: 'pixels',
				getWidth: 2,
				getDashArray: [6, 4],
				dashJustified: true,
				extensions: [new PathStyleExtension({ dash: true })],
				pickable: false
			}),
			new TextLayer<LearnedMark>({
				id: 'learned-places-label',
				data,
				getPosition: (m) => m.top,
				getText: (m) => m.text,
				...MAP_TEXT,
				getSize: 14,
				getColor: [...LEARNED_COLOR, 255],
				fontWeight: 600,
				// A dark box behind the label: the basemap's street and place names lie under it.
				background: true,
				getBackgroundColor: [20, 20, 28, 220],
				backgroundPadding: [4, 2],
				getTextAnchor: 'middle',
				getAlignmentBaseline: 'bottom'
			})
		];
	},
	legend: { kind: 'line', color: LEARNED_COLOR, labelKey: 'layerLegendLearned' }
});
