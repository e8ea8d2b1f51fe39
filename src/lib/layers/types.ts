/**
 * The map's layer registry: what one map layer is (one file per layer under src/lib/layers/),
 * what it is built from (LayerContext), and what a hover over it shows (Hover). A new layer is
 * one file, one line in registry.ts and one label key in src/lib/i18n.ts.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { AreaDef } from '../areas/areas';
import type { AlertFacts } from '../detection/summary';
import type { HexCount } from '../binning/hexbins';
import type { Flow } from '../corridors/corridors';
import type { Lang, Texts } from '../i18n';
import type { HelpCall } from '../map/help';
import type { Derived, LiveData } from '../map/live-data';
import type { LocatedPost } from '../posts/post';
import type { PlannedEventView } from '../supabase/planned-events';

/** What the map needs of an alert or an incident to mark it. */
export interface AlertMark {
	id: string;
	lon: number;
	lat: number;
	radius_m: number;
	severity: 'info' | 'warning' | 'critical';
	/** The alert's place and facts (a learned place: layers/learned-places.ts). */
	place?: string;
	facts?: AlertFacts;
}

/** Everything a layer is built from, read when the page rebuilds its layers. */
export interface LayerContext {
	data: LiveData;
	derived: Derived | null;
	/** The map's clock (scenario or stream time). */
	now: number;
	windowMs: number;
	zoom: number;
	/** The watched areas (the scenario's in replay, the role's from the database live). */
	areas: AreaDef[];
	/** Open alerts (live mode; empty in replay): the learned places they name are drawn. */
	alerts: AlertMark[];
	/** Active incidents (live mode; empty in replay): one ring each, its strongest severity. */
	incidents: AlertMark[];
	/** Calls for help in the window (the located ones are drawn). */
	help: HelpCall[];
	/** Planned events of the role, and the area being drawn (layers/planned.ts). */
	plans?: PlannedEventView[];
	planDraft?: [number, number][];
	/** Id of a basemap layer to draw the data under (its labels stay on top), if the style has one. */
	beforeId?: string;
	lang: Lang;
}

/** Hover details for the tooltip (src/lib/components/Tooltip.svelte). */
export type Hover =
	| { kind: 'post'; x: number; y: number; post: LocatedPost }
	| { kind: 'hex'; x: number; y: number; hex: HexCount }
	| { kind: 'flow'; x: number; y: number; flow: Flow };

type RGBA = [number, number, number, number];
type RGB = [number, number, number];

/** What a layer adds to the legend (src/lib/components/Legend.svelte draws each kind). */
export type LegendEntry =
	/** A colour ramp with its domain at both ends (and a unit after the upper end). */
	| {
			kind: 'ramp';
			colors: RGBA[];
			domain: [number, number];
			unitKey: keyof Texts;
			labelKey: keyof Texts;
	  }
	/** A line of one colour. */
	| { kind: 'line'; color: RGB | RGBA; labelKey: keyof Texts }
	/** A filled dot with a ring. */
	| { kind: 'dot'; fill: RGB | RGBA; ring: RGB | RGBA; labelKey: keyof Texts }
	/** Rings, one per colour (e.g. per severity). */
	| { kind: 'rings'; colors: (RGB | RGBA)[]; labelKey: keyof Texts };

/**
 * One map layer. `build` turns the context into deck.gl layers (none, one or several); it may
 * keep memoised inputs in `cache`, one per map state (as deck.gl keeps `this.state`), never in
 * module variables, so that two maps never share a slice.
 */
export interface MapLayer<C = unknown> {
	/** The toggle's id, in the URL (`layers=heat,points`) and in the toggles object. */
	id: string;
	/** The checkbox label, a key of src/lib/i18n.ts present in every language. */
	labelKey: keyof Texts;
	/** Drawn from this zoom on (inclusive). */
	minZoom?: number;
	/** Drawn below this zoom (exclusive). */
	maxZoom?: number;
	/** On when the URL does not say. */
	defaultOn: boolean;
	/**
	 * Switched by another layer's toggle (that layer's id), with no checkbox of its own: for a part
	 * drawn at another place in the stack (area labels above the posts, their polygons below).
	 */
	toggledBy?: string;
	createCache?(): C;
	build(ctx: LayerContext, cache: C): Layer[];
	/** The tooltip for a picked object of one of its deck layers (null: none). */
	hover?(info: PickingInfo, ctx: LayerContext, cache: C): Hover | null;
	legend?: LegendEntry;
	/**
	 * Whether a deck.gl layer id belongs to this layer, for hover dispatch. Default: the id itself
	 * or the id followed by '-' and anything (e.g. `hexagons-9`).
	 */
	owns?(deckLayerId: string): boolean;
}
