/**
 * The part of a mobilisation alert's facts and summary that says its place was learned, not
 * found in the gazetteer (issue 12, item 3: geo/learned-places.ts): how sure the position is and
 * what it rests on. Pure module; summary.ts calls it.
 */
import type { LearnedPlace } from '../geo/learned-places';

/** How the place of an alert was learned. */
export interface LearnedFacts {
	/** Uncertainty radius of the position, m. */
	radius_m: number;
	/** 0-1. */
	confidence: number;
	/** Posts with evidence, geotagged ones that agree, co-mentions that agree. */
	posts: number;
	geotags: number;
	comentions: number;
	/** The known place the position rests on. */
	within?: string;
}

export function learnedFacts(e: LearnedPlace): LearnedFacts {
	return {
		radius_m: e.radius_m,
		confidence: e.confidence,
		posts: e.posts,
		geotags: e.geotags,
		comentions: e.comentions,
		...(e.within ? { within: e.within } : {})
	};
}

const n0 = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** Well-formed learned facts; undefined when absent, null when malformed (hostile input). */
export function validLearned(v: unknown): LearnedFacts | undefined | null {
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'object' || Array.isArray(v)) return null;
	const o = v as Record<string, unknown>;
	if (![o.radius_m, o.confidence, o.posts, o.geotags, o.comentions].every(n0)) return null;
	if ((o.confidence as number) > 1) return null;
	if (o.within !== undefined && (typeof o.within !== 'string' || o.within.length > 200))
		return null;
	return {
		radius_m: o.radius_m as number,
		confidence: o.confidence as number,
		posts: o.posts as number,
		geotags: o.geotags as number,
		comentions: o.comentions as number,
		...(typeof o.within === 'string' ? { within: o.within } : {})
	};
}

/** One sentence: the place is not in the gazetteer; where it was learned to be and how sure. */
export function learnedText(place: string, l: LearnedFacts | undefined, lang: 'nl' | 'en'): string {
	if (!l) return '';
	const pct = Math.round(l.confidence * 100);
	const r = Math.round(l.radius_m).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB');
	const within = l.within ? ` in ${l.within}` : '';
	return lang === 'nl'
		? ` ${place} staat niet in het register: plek geleerd uit ${l.posts} berichten (${l.geotags} met geotag, ${l.comentions} die ook een bekende plek noemen)${within}, op ${r} m nauwkeurig, zekerheid ${pct}%.`
		: ` ${place} is not in the gazetteer: place learned from ${l.posts} posts (${l.geotags} geotagged, ${l.comentions} also naming a known place)${within}, within ${r} m, ${pct}% sure.`;
}
