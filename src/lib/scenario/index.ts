/**
 * Seeded, deterministic scenario engine: synthetic social-media streams with ground-truth labels
 * for the reference cases. `generate(from, to)` is window-independent: any split of a range gives
 * the same posts as the whole, and the same seed always gives the same posts (ids included).
 * Pure module: runs in the browser, a worker and the CLI.
 */
import type { Place } from '../geo/gazetteer';
import type { Post } from '../posts/post';
import { backgroundRunners } from './background';
import type { Draft } from './engine';
import { byTime, makeCtx, toPost } from './engine';
import { harenDef } from './haren';
import {
	busyCityDef,
	hoaxCallDef,
	plannedOverflowDef,
	quietNightDef,
	sparseGeotagsDef,
	twoCitiesDef
} from './hard';
import { kingsDayDef } from './kingsday';
import { matchDayDef, matchDayQuietDef } from './matchday';
import { BUILTIN_PLACES, PlaceIndex } from './places';
import type { Scenario, ScenarioDef, ScenarioInfo, ScenarioOptions } from './types';

export type { EventArea, GatheringLabel, Scenario, ScenarioInfo, ScenarioOptions } from './types';

export { BUILTIN_PLACES } from './places';

const quietDayDef: ScenarioDef = {
	info: {
		name: 'quiet-day',
		title: 'Gewone dinsdag',
		title_en: 'An ordinary Tuesday',
		description:
			'Een gewone dinsdag in oktober zonder incidenten: alleen de dagelijkse achtergrond van berichten uit heel Nederland.',
		start: '2024-10-15T00:00:00+02:00',
		end: '2024-10-16T00:00:00+02:00',
		clock: '2024-10-15T07:30:00+02:00',
		view: { center: [5.3, 52.2], zoom: 7 },
		areas: [],
		labels: []
	},
	era: 'e2024',
	lex: [],
	build: (ctx) => backgroundRunners(ctx)
};

const DEFS: Record<string, ScenarioDef> = {
	'haren-2012': harenDef,
	'planned-event': kingsDayDef,
	'quiet-day': quietDayDef,
	'hoax-call': hoaxCallDef,
	'sparse-geotags': sparseGeotagsDef,
	'planned-overflow': plannedOverflowDef,
	'two-cities': twoCitiesDef,
	'quiet-night': quietNightDef,
	'busy-city': busyCityDef,
	'match-day': matchDayDef,
	'match-day-quiet': matchDayQuietDef
};

export const SCENARIO_NAMES: readonly string[] = Object.freeze([
	'haren-2012',
	'planned-event',
	'quiet-day',
	'hoax-call',
	'sparse-geotags',
	'planned-overflow',
	'two-cities',
	'quiet-night',
	'busy-city',
	'match-day',
	'match-day-quiet'
]);

function defOf(name: string): ScenarioDef {
	const d = Object.prototype.hasOwnProperty.call(DEFS, name) ? DEFS[name] : undefined;
	if (!d)
		throw new Error(`unknown scenario "${name}"; valid scenarios: ${SCENARIO_NAMES.join(', ')}`);
	return d;
}

function cloneInfo(info: ScenarioInfo): ScenarioInfo {
	return JSON.parse(JSON.stringify(info)) as ScenarioInfo;
}

/** The description, default range, map view and ground-truth labels of a scenario. */
export function scenarioInfo(name: string): ScenarioInfo {
	return cloneInfo(defOf(name).info);
}

const indexCache = new WeakMap<Place[], PlaceIndex>();
function indexOf(places: Place[]): PlaceIndex {
	let ix = indexCache.get(places);
	if (!ix) {
		ix = new PlaceIndex(places);
		indexCache.set(places, ix);
	}
	return ix;
}

/** A scenario stream for a seed and a place list. */
export function createScenario(name: string, opts: ScenarioOptions = {}): Scenario {
	const def = defOf(name);
	const seed = opts.seed ?? 1;
	if (!Number.isFinite(seed)) throw new Error(`scenario seed must be a finite number, got ${seed}`);
	const places = opts.places && opts.places.length ? opts.places : BUILTIN_PLACES;
	const ctx = makeCtx(seed, def.info.name, indexOf(places), def.era, def.lex);
	const runners = def.build(ctx);
	return {
		info: cloneInfo(def.info),
		generate(fromMs: number, toMs: number): Post[] {
			if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
				throw new Error('generate(from, to): both must be finite epoch milliseconds');
			if (toMs <= fromMs) return [];
			const out: Draft[] = [];
			for (const run of runners) run(fromMs, toMs, out);
			out.sort(byTime);
			return out.map(toPost);
		}
	};
}
