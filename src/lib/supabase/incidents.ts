/**
 * Incidents (issue 13): the alerts that concern one gathering under one stable id
 * (src/lib/detection/incidents.ts groups them; the database stores `public.incidents`). Rows from
 * `open_incidents()` and Realtime `incident` broadcasts (payload: one IncidentRow) on the role's
 * alert topics, and `incident_detail(id)` for the incident view. All of it is hostile input: a
 * bad row is reported and left out; texts are kept as text (never HTML) and bounded.
 *
 * IncidentBook holds them by id (like AlertBook); IncidentsFeed follows them over supabase-js
 * (like AlertsFeed) and acts on them through `incident_act` (the database checks the rights and
 * writes incident_events and the audit log).
 */
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import type { Severity } from '../detection/api';
import { validateFacts, type AlertFacts } from '../detection/summary';
import type { FeedProblem } from '../feed/feed';
import { mayHandleAlert } from '../roles';
import { alertTopicsFor, severityRank, type AlertStatus } from './alerts';
import type { Me } from './topics';

export type IncidentStatus = 'open' | 'acknowledged' | 'false_alarm' | 'resolved';
export const INCIDENT_STATUSES: readonly IncidentStatus[] = [
	'open',
	'acknowledged',
	'false_alarm',
	'resolved'
];
/** What a user may do to an incident (`incident_act`); 'false_alarm' is "onterecht". */
export type IncidentAction = 'acknowledge' | 'note' | 'false_alarm' | 'resolve';
export const INCIDENT_ACTIONS: readonly IncidentAction[] = [
	'acknowledge',
	'note',
	'false_alarm',
	'resolve'
];
/** Actions that need a reason (the database refuses them without one). */
export const REASON_REQUIRED: ReadonlySet<IncidentAction> = new Set([
	'note',
	'false_alarm',
	'resolve'
]);
/** Longest reason the database takes (the audit log's bound). */
export const MAX_REASON = 1000;
export type IncidentEventKind = 'alert' | IncidentAction;
const EVENT_KINDS: readonly IncidentEventKind[] = ['alert', ...INCIDENT_ACTIONS];

/** One incident as `open_incidents()` returns it and the `incident` broadcast carries it. */
export interface IncidentRow {
	/** Stable: 'inc-' + the id of its first alert. */
	id: string;
	place: string | null;
	lon: number;
	lat: number;
	radius_m: number;
	/** The strongest severity of its alerts. */
	severity: Severity;
	status: IncidentStatus;
	/** ISO 8601 (stream time): the first sign, and the latest change of its alerts. */
	first_seen: string;
	last_update: string;
	alert_count: number;
	/** Its alerts' kinds, in order of their first detection. */
	kinds: string[];
	unit_id: string | null;
	municipality_code: string | null;
	/** The expected crowd of a planned event at its place, when there is one. */
	expected_size: number | null;
}

export interface IncidentAlert {
	id: string;
	kind: string;
	severity: Severity;
	detected_at: string;
	summary: string;
	facts?: AlertFacts;
	status: AlertStatus;
}

export interface IncidentEvent {
	at: string;
	kind: IncidentEventKind;
	/** The user's display name or email (null for the detector's 'alert' events). */
	actor_label: string | null;
	reason: string | null;
	alert_id: string | null;
}

export interface IncidentSeries {
	/** ISO 8601 start of the first 5-minute slot. */
	from: string;
	step_s: number;
	/** Posts per slot in the incident's area since its first sign. */
	counts: number[];
	/** The ordinary count for the same slots (same hour of the week, earlier weeks). */
	baseline: number[];
}

export type LocatedBy = 'geotag' | 'text' | 'author';

export interface EvidencePost {
	id: string;
	created_at: string;
	/** Post text: hostile, show as text. */
	text: string;
	/** The pseudonym as the role may see it. */
	author: string | null;
	lon: number | null;
	lat: number | null;
	located_by: LocatedBy | null;
	precision_m: number | null;
}

export interface EvidenceShares {
	geotag: number;
	text: number;
	author: number;
	total: number;
}

export interface IncidentDetail {
	incident: IncidentRow;
	alerts: IncidentAlert[];
	events: IncidentEvent[];
	series: IncidentSeries;
	evidence: EvidencePost[];
	shares: EvidenceShares;
}

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const ALERT_STATUSES: readonly AlertStatus[] = ['new', 'acknowledged', 'resolved'];
const LOCATED_BY: readonly LocatedBy[] = ['geotag', 'text', 'author'];

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is string =>
	typeof v === 'string' && v.length <= 40 && Number.isFinite(Date.parse(v));
const optStr = (v: unknown, max: number): string | null =>
	typeof v === 'string' && v.length <= max ? v : null;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function validateIncident(value: unknown): Result<IncidentRow> {
	if (!isObj(value)) return { ok: false, reason: 'expected a JSON object' };
	const v = value;
	if (typeof v.id !== 'string' || !v.id || v.id.length > 220)
		return { ok: false, reason: 'id: expected a string of 1-220 characters' };
	const lon = v.lon;
	const lat = v.lat;
	if (
		typeof lon !== 'number' ||
		typeof lat !== 'number' ||
		!(Math.abs(lon) <= 180) ||
		!(Math.abs(lat) <= 90)
	)
		return { ok: false, reason: 'lon/lat: expected longitude and latitude within WGS 84 range' };
	const radius = v.radius_m;
	if (typeof radius !== 'number' || !(radius >= 0) || radius > 100_000)
		return { ok: false, reason: 'radius_m: expected 0-100000 metres' };
	if (typeof v.severity !== 'string' || !SEVERITIES.includes(v.severity as Severity))
		return { ok: false, reason: `severity: expected one of ${SEVERITIES.join(', ')}` };
	if (typeof v.status !== 'string' || !INCIDENT_STATUSES.includes(v.status as IncidentStatus))
		return { ok: false, reason: `status: expected one of ${INCIDENT_STATUSES.join(', ')}` };
	if (!isTime(v.first_seen)) return { ok: false, reason: 'first_seen: expected an ISO 8601 time' };
	if (!isTime(v.last_update))
		return { ok: false, reason: 'last_update: expected an ISO 8601 time' };
	const count = v.alert_count;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
		return { ok: false, reason: 'alert_count: expected a whole number' };
	const kinds = Array.isArray(v.kinds)
		? v.kinds.filter((k): k is string => typeof k === 'string' && k.length <= 50).slice(0, 200)
		: [];
	const expected = num(v.expected_size);
	return {
		ok: true,
		value: {
			id: v.id,
			place: optStr(v.place, 500),
			lon,
			lat,
			radius_m: radius,
			severity: v.severity as Severity,
			status: v.status as IncidentStatus,
			first_seen: v.first_seen,
			last_update: v.last_update,
			alert_count: count,
			kinds,
			unit_id: optStr(v.unit_id, 20),
			municipality_code: optStr(v.municipality_code, 20),
			expected_size: expected !== null && expected >= 0 ? Math.round(expected) : null
		}
	};
}

function validateAlertLine(v: unknown): IncidentAlert | null {
	if (!isObj(v)) return null;
	if (typeof v.id !== 'string' || !v.id || v.id.length > 200) return null;
	if (typeof v.kind !== 'string' || v.kind.length > 50) return null;
	if (typeof v.severity !== 'string' || !SEVERITIES.includes(v.severity as Severity)) return null;
	if (!isTime(v.detected_at)) return null;
	const status = ALERT_STATUSES.includes(v.status as AlertStatus)
		? (v.status as AlertStatus)
		: 'new';
	const a: IncidentAlert = {
		id: v.id,
		kind: v.kind,
		severity: v.severity as Severity,
		detected_at: v.detected_at,
		summary: optStr(v.summary, 2000) ?? '',
		status
	};
	const facts = validateFacts(v.facts);
	if (facts) a.facts = facts;
	return a;
}

function validateEvent(v: unknown): IncidentEvent | null {
	if (!isObj(v) || !isTime(v.at)) return null;
	if (typeof v.kind !== 'string' || !EVENT_KINDS.includes(v.kind as IncidentEventKind)) return null;
	return {
		at: v.at,
		kind: v.kind as IncidentEventKind,
		actor_label: optStr(v.actor_label, 320),
		reason: optStr(v.reason, MAX_REASON),
		alert_id: optStr(v.alert_id, 200)
	};
}

function validateEvidence(v: unknown): EvidencePost | null {
	if (!isObj(v) || typeof v.id !== 'string' || !v.id || v.id.length > 300) return null;
	if (!isTime(v.created_at)) return null;
	const lon = num(v.lon);
	const lat = num(v.lat);
	const placed = lon !== null && lat !== null && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
	const by = LOCATED_BY.includes(v.located_by as LocatedBy) ? (v.located_by as LocatedBy) : null;
	const precision = num(v.precision_m);
	return {
		id: v.id,
		created_at: v.created_at,
		text: typeof v.text === 'string' ? v.text.slice(0, 5000) : '',
		author: optStr(v.author, 200),
		lon: placed ? lon : null,
		lat: placed ? lat : null,
		located_by: by,
		precision_m: precision !== null && precision >= 0 ? precision : null
	};
}

const counts = (v: unknown, max: number): number[] =>
	Array.isArray(v)
		? v.slice(0, max).map((x) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0))
		: [];

/** Validate an `incident_detail(id)` answer. Bad list items are left out and reported. */
export function validateIncidentDetail(
	value: unknown,
	where = 'incident_detail()'
): { detail: IncidentDetail | null; problems: FeedProblem[] } {
	const problems: FeedProblem[] = [];
	if (!isObj(value))
		return { detail: null, problems: [{ where, reason: 'expected a JSON object' }] };
	const obj = value;
	const inc = validateIncident(obj.incident);
	if (!inc.ok)
		return { detail: null, problems: [{ where: `${where} incident`, reason: inc.reason }] };
	function list<T>(key: string, f: (v: unknown) => T | null, max: number): T[] {
		const raw = obj[key];
		if (!Array.isArray(raw)) {
			if (raw !== undefined && raw !== null)
				problems.push({ where: `${where} ${key}`, reason: 'expected an array' });
			return [];
		}
		const out: T[] = [];
		raw.slice(0, max).forEach((x, i) => {
			const r = f(x);
			if (r) out.push(r);
			else problems.push({ where: `${where} ${key} item ${i}`, reason: 'not a valid item' });
		});
		return out;
	}
	const s = isObj(value.series) ? value.series : {};
	const step = num(s.step_s);
	const series: IncidentSeries = {
		from: isTime(s.from) ? s.from : inc.value.first_seen,
		step_s: step !== null && step > 0 ? step : 300,
		counts: counts(s.counts, 2000),
		baseline: counts(s.baseline, 2000)
	};
	const sh = isObj(value.shares) ? value.shares : {};
	const share = (k: string): number => {
		const x = num(sh[k]);
		return x !== null && x >= 0 ? Math.round(x) : 0;
	};
	return {
		detail: {
			incident: inc.value,
			alerts: list('alerts', validateAlertLine, 500),
			events: list('events', validateEvent, 2000),
			series,
			evidence: list('evidence', validateEvidence, 500),
			shares: {
				geotag: share('geotag'),
				text: share('text'),
				author: share('author'),
				total: share('total')
			}
		},
		problems
	};
}

/** Whether an incident is still being handled (open or acknowledged). */
export const isActive = (i: IncidentRow): boolean =>
	i.status === 'open' || i.status === 'acknowledged';

/** What one update did to the book. */
export interface IncidentChange {
	id: string;
	/** First time this id is seen. */
	added: boolean;
	/** Critical now and not before (or new and critical). */
	becameCritical: boolean;
	/** Its status changed (acknowledged, marked false, resolved). */
	statusChanged: boolean;
	/** More alerts than before. */
	grew: boolean;
	/** Gone from the book (no longer in open_incidents()). */
	removed: boolean;
}

function change(old: IncidentRow | undefined, now: IncidentRow): IncidentChange {
	return {
		id: now.id,
		added: !old,
		becameCritical: now.severity === 'critical' && old?.severity !== 'critical',
		statusChanged: !!old && old.status !== now.status,
		grew: !!old && now.alert_count > old.alert_count,
		removed: false
	};
}

const removed = (id: string): IncidentChange => ({
	id,
	added: false,
	becameCritical: false,
	statusChanged: false,
	grew: false,
	removed: true
});

/**
 * The role's incidents by id: those open or acknowledged, and those resolved or marked false
 * recently (open_incidents() decides which; a broadcast of a closed incident keeps it here
 * until the next reset drops it).
 */
export class IncidentBook {
	private byId = new Map<string, IncidentRow>();

	/** Replace everything with the rows of `open_incidents()`; returns the changes against before. */
	reset(
		rows: unknown,
		where = 'open_incidents()'
	): { changes: IncidentChange[]; problems: FeedProblem[] } {
		const before = this.byId;
		this.byId = new Map();
		const changes: IncidentChange[] = [];
		const problems: FeedProblem[] = [];
		if (!Array.isArray(rows))
			return { changes, problems: [{ where, reason: 'expected an array of incidents' }] };
		rows.forEach((row, i) => {
			const r = validateIncident(row);
			if (!r.ok) return problems.push({ where: `${where} item ${i}`, reason: r.reason });
			const old = before.get(r.value.id);
			this.byId.set(r.value.id, r.value);
			changes.push(change(old, r.value));
		});
		for (const id of before.keys()) if (!this.byId.has(id)) changes.push(removed(id));
		return { changes, problems };
	}

	/** Apply one Realtime `incident` payload (an IncidentRow; `{incident: row}` is taken too). */
	apply(
		payload: unknown,
		where = 'incident message'
	): { change: IncidentChange | null; problem: FeedProblem | null } {
		const inner = isObj(payload) && isObj(payload.incident) ? payload.incident : payload;
		const r = validateIncident(inner);
		if (!r.ok) return { change: null, problem: { where, reason: r.reason } };
		const old = this.byId.get(r.value.id);
		// A late message never takes an incident back to an older state.
		if (old && Date.parse(old.last_update) > Date.parse(r.value.last_update) && isActive(r.value))
			return { change: null, problem: null };
		this.byId.set(r.value.id, r.value);
		return { change: change(old, r.value), problem: null };
	}

	get size(): number {
		return this.byId.size;
	}

	get(id: string): IncidentRow | undefined {
		return this.byId.get(id);
	}

	/** Active first (critical, warning, info; latest update first), then the closed ones. */
	list(): IncidentRow[] {
		return [...this.byId.values()].sort(
			(a, b) =>
				Number(isActive(b)) - Number(isActive(a)) ||
				severityRank(b.severity) - severityRank(a.severity) ||
				Date.parse(b.last_update) - Date.parse(a.last_update) ||
				(a.id < b.id ? -1 : 1)
		);
	}
}

/** Whether the role may act on this incident (the database checks it again). */
export function mayAct(me: Me, i: IncidentRow): boolean {
	return mayHandleAlert(me, i.unit_id);
}

export interface IncidentsSink {
	changed(list: IncidentRow[], changes: IncidentChange[]): void;
	problems(problems: FeedProblem[]): void;
	error(err: unknown): void;
}

/**
 * The role's incidents over supabase-js: the whole list from `open_incidents()` on every
 * (re)subscribe and every 30 s, and each `incident` broadcast on the role's alert topics.
 */
export class IncidentsFeed {
	readonly book = new IncidentBook();
	private channels: RealtimeChannel[] = [];
	private timer: ReturnType<typeof setInterval> | null = null;
	private stopped = false;
	private loading: Promise<void> | null = null;

	constructor(
		private readonly client: SupabaseClient,
		private readonly me: Me,
		private readonly sink: IncidentsSink,
		private readonly refreshMs = 30_000
	) {}

	start(): void {
		for (const topic of alertTopicsFor(this.me)) {
			const ch = this.client.channel(topic, { config: { private: true } });
			ch.on('broadcast', { event: 'incident' }, (msg) => {
				if (this.stopped) return;
				const { change, problem } = this.book.apply(msg.payload, `${topic} incident`);
				if (problem) this.sink.problems([problem]);
				if (change) this.sink.changed(this.book.list(), [change]);
			});
			ch.subscribe((status) => {
				if (status === 'SUBSCRIBED') void this.reload();
			});
			this.channels.push(ch);
		}
		void this.reload();
		this.timer = setInterval(() => void this.reload(), this.refreshMs);
	}

	/** Read the whole list again (coalesced while one read runs). */
	reload(): Promise<void> {
		this.loading ??= (async () => {
			try {
				const { data, error } = await this.client.rpc('open_incidents');
				if (error) throw new Error(`open_incidents: ${error.message}`);
				if (this.stopped) return;
				const { changes, problems } = this.book.reset(data);
				if (problems.length) this.sink.problems(problems);
				this.sink.changed(this.book.list(), changes);
			} catch (err) {
				if (!this.stopped) this.sink.error(err);
			} finally {
				this.loading = null;
			}
		})();
		return this.loading;
	}

	/** The incident view's data; throws when the incident is not found or not in scope. */
	async detail(id: string): Promise<IncidentDetail> {
		const { data, error } = await this.client.rpc('incident_detail', { incident_id: id });
		if (error) throw new Error(`incident_detail: ${error.message}`);
		const { detail, problems } = validateIncidentDetail(data);
		if (problems.length) this.sink.problems(problems);
		if (!detail) throw new Error(`incident_detail: ${problems[0]?.reason ?? 'no answer'}`);
		return detail;
	}

	/** Acknowledge, note, mark as false alarm ("onterecht") or resolve; reason required but for
	 * acknowledge. */
	async act(id: string, action: IncidentAction, reason?: string | null): Promise<void> {
		if (!INCIDENT_ACTIONS.includes(action)) throw new Error(`unknown action ${String(action)}`);
		const r = reason?.trim() || null;
		if (REASON_REQUIRED.has(action) && !r) throw new Error(`${action}: a reason is required`);
		if (r && r.length > MAX_REASON)
			throw new Error(`reason is too long (at most ${MAX_REASON} characters)`);
		const { error } = await this.client.rpc('incident_act', {
			incident_id: id,
			action,
			reason: r
		});
		if (error) throw new Error(error.message);
		await this.reload();
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) clearInterval(this.timer);
		for (const ch of this.channels) void this.client.removeChannel(ch);
		this.channels = [];
	}
}
