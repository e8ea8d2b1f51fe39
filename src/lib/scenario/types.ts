/**
 * Public types of the scenario engine (re-exported by index.ts). Pure module.
 */
import type { Place } from '../geo/gazetteer';
import type { Post } from '../posts/post';
import type { Ctx, Draft, Era } from './engine';
import type { Lexicon } from './text';

export interface EventArea {
	id: string;
	name: string;
	/** Closed ring of [lon, lat]. */
	polygon: [number, number][];
	/** A planned event; routes: the ways its crowd arrives and leaves (lines of [lon, lat]). */
	planned?: { crowd: number; from: string; to: string; routes?: [number, number][][] };
}

export interface GatheringLabel {
	id: string;
	name: string;
	lon: number;
	lat: number;
	radius_m: number;
	/** ISO 8601 with offset. */
	onset: string;
	planned: boolean;
	expected_crowd?: number;
	/**
	 * When the first people of this gathering arrive at lon/lat, from the scenario's own plan
	 * (ISO 8601 with offset); before the onset when a crowd builds up (Haren: from 16:20, the riot
	 * from 20:00). An evaluation matches surge and convergence alerts from this time on, not
	 * earlier: an alert before anyone arrived cannot be about the gathering.
	 */
	arrivals_from?: string;
	/**
	 * 'riot', 'festival', 'mobilisation', 'gathering', 'protest', 'overflow' (the part of a planned
	 * event outside its area, from the onset), 'hoax' (an online call only), ...
	 */
	kind: string;
	/**
	 * False when no physical gathering took place (kind 'hoax': a call nobody answered; onset is
	 * when the call appeared). For such a label an evaluation accepts at most a low-severity
	 * mobilisation alert, or none; any surge or convergence alert near it is a false alarm.
	 * Absent means true: people did gather at lon/lat from the onset.
	 */
	physical?: boolean;
}

export interface ScenarioInfo {
	name: string;
	/** Dutch title. */
	title: string;
	title_en: string;
	/** Dutch, one sentence. */
	description: string;
	/** Default generation range, ISO with offset. */
	start: string;
	end: string;
	/** Where the live map should start playing. */
	clock: string;
	view: { center: [number, number]; zoom: number };
	areas: EventArea[];
	labels: GatheringLabel[];
	/** A quiet twin: no alert at all is expected, planned labels notwithstanding. */
	quiet?: boolean;
}

export interface ScenarioOptions {
	/** Default 1. */
	seed?: number;
	/** The gazetteer; when absent BUILTIN_PLACES is used. */
	places?: Place[];
}

export interface Scenario {
	info: ScenarioInfo;
	/** Posts with from <= created_at < to (epoch ms), sorted by created_at then id. */
	generate(fromMs: number, toMs: number): Post[];
}

/** A component: adds its posts in [from, to) to out. */
export type Runner = (from: number, to: number, out: Draft[]) => void;

export interface ScenarioDef {
	info: ScenarioInfo;
	era: Era;
	lex: Lexicon[];
	build(ctx: Ctx): Runner[];
}
