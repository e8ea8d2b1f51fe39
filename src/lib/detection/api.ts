/**
 * The detection API (issue 4): what every detector — the gathering detector and the evaluation's
 * baselines — implements, so that the worker, the command line, the map and `uitkijk eval` drive
 * them the same way. Alerts follow the alerts format of docs/formats.md exactly.
 * Pure module: no UI, map or database imports.
 */
import type { LocatedPost } from '../posts/post';
import type { AlertFacts } from './summary';

export type AlertKind = 'mobilisation' | 'surge' | 'convergence';
export type Severity = 'info' | 'warning' | 'critical';

/** An alert as the alerts NDJSON format defines it (docs/formats.md). */
export interface Alert {
	/** Stable id: the same gathering keeps its id as evidence grows. */
	id: string;
	kind: AlertKind;
	/** ISO 8601: created_at of the last post the detector had seen when it raised this alert. */
	detected_at: string;
	lon: number;
	lat: number;
	radius_m: number;
	place?: string;
	/** Mobilisation: the announced time of the gathering, if one was found. */
	expected_at?: string;
	severity: Severity;
	score: number;
	/** One or two Dutch sentences with the figures behind it. */
	summary: string;
	/** Ids of supporting posts, strongest first, at most 50. */
	evidence: string[];
	/**
	 * The figures behind the summary, to render it in another language (summary.ts). Not part of
	 * the alerts NDJSON format (alerts-ndjson.ts writes only the format's fields); the database
	 * stores them on the alert row.
	 */
	facts?: AlertFacts;
}

/**
 * An alert raised before, as the store holds it (a detector that restarts from the database
 * gets them through `restore`): its id and place stay the gathering's when it is raised again.
 */
export interface StoredAlert {
	id: string;
	kind: string;
	lon: number;
	lat: number;
	place?: string;
	/** First detection, and the latest update (stream time, ISO 8601). */
	detected_at: string;
	last_detected_at?: string;
}

/** A planned event: a crowd inside it is expected and raises nothing unless it exceeds the plan. */
export interface PlannedEvent {
	id: string;
	name: string;
	/** Closed ring of [lon, lat]. */
	polygon: [number, number][];
	/** Expected crowd (people present). */
	crowd: number;
	/** ISO 8601 window. */
	from: string;
	to: string;
	/** The ways its crowd arrives and leaves (lines of [lon, lat] from the area to stations, car
	 * parks, ...); without them the railway stations near the area are taken. */
	routes?: [number, number][][];
}

/** A watched area (event areas of the map): alerts name it when they fall inside. */
export interface WatchedArea {
	id: string;
	name: string;
	polygon: [number, number][];
}

export interface DetectorOptions {
	/** Watched areas, optional. */
	areas?: WatchedArea[];
	/** Planned events, optional. */
	planned?: PlannedEvent[];
}

/**
 * A detector consumes posts in created_at order (late posts are tolerated) in batches and returns
 * the alerts raised or updated by each batch. Cost per batch is proportional to the batch, not to
 * the history; memory is bounded as history grows.
 */
export interface Detector {
	/**
	 * Learn the baseline from history (posts before the live stream), e.g. the same hours of
	 * previous weeks. Optional for baselines that need none; call before the first push.
	 */
	learn?(history: Iterable<LocatedPost[]>): void;
	/** Feed a batch; returns alerts that are new or changed (same id, higher severity/score). */
	push(batch: LocatedPost[]): Alert[];
	/** Stream time has advanced to `t` (epoch ms) without posts; returns alerts this raises. */
	advance?(t: number): Alert[];
	/**
	 * Alerts raised before this detector started (from the store), before the first push: a
	 * gathering raised again that continues one of them (same kind, near it, within the time it
	 * would have been merged) keeps that alert's id and place, so a restart neither re-keys nor
	 * renames an alert.
	 */
	restore?(alerts: StoredAlert[]): void;
	/** The planned events from now on (registered or withdrawn while running); unchanged ones
	 * keep their state. */
	setPlanned?(planned: PlannedEvent[]): void;
	/** Per planned event: the signals its plan explained (silenced) since when, and the crowd
	 * last estimated in it. */
	planStatus?(): PlanStatus[];
}

/** What the detector says about a planned event (report_plan_status). */
export interface PlanStatus {
	id: string;
	/** The stream time of the report. */
	stream_time: string | null;
	observed_authors: number;
	observed_crowd: number;
	/** Signals the plan explained (distinct cell and half hour). */
	suppressed: number;
	suppressed_since: string | null;
	last_suppressed_at: string | null;
}
