/**
 * Open alerts on the map: rows from `open_alerts()` and Realtime `alert` payloads
 * (`{"alert": {...}}`, docs/backend.md), validated (hostile input: a bad row is reported and
 * left out), held by id, and ordered for the wall screen: critical first, then newest. Tells the
 * page when an alert is new or has just become critical, so that it can flash. Pure module.
 */
import type { AlertKind, Severity } from '../detection/api';
import {
	alertSummary,
	validateFacts,
	type AlertFacts,
	type SummaryLang
} from '../detection/summary';
import type { FeedProblem } from '../feed/feed';
import { ROLE_SCOPES, mayHandleAlert } from '../roles';
import { UNIT_IDS, type Me } from './topics';

export type AlertStatus = 'new' | 'acknowledged' | 'resolved';

export interface MapAlert {
	id: string;
	kind: AlertKind | string;
	detected_at: string;
	/** detected_at as epoch ms. */
	t: number;
	lon: number;
	lat: number;
	radius_m: number;
	place?: string;
	expected_at?: string;
	severity: Severity;
	score: number;
	/** The detector's Dutch summary; `alertText(alert, lang)` gives it in a language. */
	summary: string;
	evidence: string[];
	unit_id?: string;
	municipality_code?: string;
	status: AlertStatus;
	/** The figures behind the summary (validated), to render it per language. */
	facts?: AlertFacts;
	/** Latest update, epoch ms (detected_at is the first); absent on older rows. */
	lastT?: number;
}

/**
 * The alert's summary in the chosen language (from its facts; the stored Dutch summary when it
 * has none). Text, never HTML.
 */
export function alertText(a: MapAlert, lang: SummaryLang): string {
	return alertSummary(a, lang);
}

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const STATUSES: readonly AlertStatus[] = ['new', 'acknowledged', 'resolved'];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

function optString(v: unknown, max = 500): string | undefined {
	return typeof v === 'string' && v.length <= max ? v : undefined;
}

export function validateAlert(
	value: unknown
): { ok: true; alert: MapAlert } | { ok: false; reason: string } {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return { ok: false, reason: 'expected a JSON object' };
	const v = value as Record<string, unknown>;
	if (typeof v.id !== 'string' || !v.id || v.id.length > 200)
		return { ok: false, reason: 'id: expected a string of 1-200 characters' };
	if (typeof v.kind !== 'string' || v.kind.length > 50)
		return { ok: false, reason: 'kind: expected a string' };
	const t = typeof v.detected_at === 'string' ? Date.parse(v.detected_at) : NaN;
	if (!Number.isFinite(t)) return { ok: false, reason: 'detected_at: expected an ISO 8601 time' };
	const lon = v.x ?? v.lon;
	const lat = v.y ?? v.lat;
	if (
		typeof lon !== 'number' ||
		typeof lat !== 'number' ||
		!(Math.abs(lon) <= 180) ||
		!(Math.abs(lat) <= 90)
	)
		return { ok: false, reason: 'x/y: expected longitude and latitude within WGS 84 range' };
	const radius = v.radius_m;
	if (typeof radius !== 'number' || !(radius >= 0) || radius > 100_000)
		return { ok: false, reason: 'radius_m: expected 0-100000 metres' };
	if (typeof v.severity !== 'string' || !SEVERITIES.includes(v.severity as Severity))
		return { ok: false, reason: `severity: expected one of ${SEVERITIES.join(', ')}` };
	const status = v.status ?? 'new';
	if (typeof status !== 'string' || !STATUSES.includes(status as AlertStatus))
		return { ok: false, reason: `status: expected one of ${STATUSES.join(', ')}` };
	const score = typeof v.score === 'number' && Number.isFinite(v.score) ? v.score : 0;
	const evidence = Array.isArray(v.evidence)
		? v.evidence.filter((e): e is string => typeof e === 'string').slice(0, 50)
		: [];
	const alert: MapAlert = {
		id: v.id,
		kind: v.kind,
		detected_at: v.detected_at as string,
		t,
		lon,
		lat,
		radius_m: radius,
		severity: v.severity as Severity,
		score,
		summary: optString(v.summary, 2000) ?? '',
		evidence,
		status: status as AlertStatus
	};
	const place = optString(v.place);
	if (place !== undefined) alert.place = place;
	const expected = optString(v.expected_at, 40);
	if (expected !== undefined && Number.isFinite(Date.parse(expected))) alert.expected_at = expected;
	const unit = optString(v.unit_id, 20);
	if (unit !== undefined) alert.unit_id = unit;
	const gm = optString(v.municipality_code, 20);
	if (gm !== undefined) alert.municipality_code = gm;
	// Facts that do not validate are dropped: the stored summary is shown instead.
	const facts = validateFacts(v.facts);
	if (facts) alert.facts = facts;
	const last = typeof v.last_detected_at === 'string' ? Date.parse(v.last_detected_at) : NaN;
	if (Number.isFinite(last)) alert.lastT = last;
	return { ok: true, alert };
}

/** What one update did to the book. */
export interface AlertChange {
	id: string;
	/** First time this id is seen. */
	added: boolean;
	/** The alert is critical now and was not before (or is new and critical). */
	becameCritical: boolean;
	/** Resolved: gone from the book. */
	removed: boolean;
}

export class AlertBook {
	private byId = new Map<string, MapAlert>();

	/** Replace everything with the rows of `open_alerts()`; returns the changes against before. */
	reset(
		rows: unknown,
		where = 'open_alerts()'
	): { changes: AlertChange[]; problems: FeedProblem[] } {
		const before = this.byId;
		this.byId = new Map();
		const changes: AlertChange[] = [];
		const problems: FeedProblem[] = [];
		if (!Array.isArray(rows))
			return { changes, problems: [{ where, reason: 'expected an array of alerts' }] };
		rows.forEach((row, i) => {
			const r = validateAlert(row);
			if (!r.ok) return problems.push({ where: `${where} item ${i}`, reason: r.reason });
			if (r.alert.status === 'resolved') return;
			const old = before.get(r.alert.id);
			this.byId.set(r.alert.id, r.alert);
			changes.push(change(old, r.alert));
		});
		for (const id of before.keys())
			if (!this.byId.has(id))
				changes.push({ id, added: false, becameCritical: false, removed: true });
		return { changes, problems };
	}

	/** Apply one Realtime `alert` payload. */
	apply(
		payload: unknown,
		where = 'alert message'
	): { change: AlertChange | null; problem: FeedProblem | null } {
		const inner =
			typeof payload === 'object' && payload !== null
				? (payload as Record<string, unknown>).alert
				: undefined;
		const r = validateAlert(inner);
		if (!r.ok) return { change: null, problem: { where, reason: r.reason } };
		const old = this.byId.get(r.alert.id);
		if (r.alert.status === 'resolved') {
			this.byId.delete(r.alert.id);
			return {
				change: { id: r.alert.id, added: false, becameCritical: false, removed: true },
				problem: null
			};
		}
		this.byId.set(r.alert.id, r.alert);
		return { change: change(old, r.alert), problem: null };
	}

	get size(): number {
		return this.byId.size;
	}

	get(id: string): MapAlert | undefined {
		return this.byId.get(id);
	}

	/** Critical first, then warning, then info; newest first within a severity. */
	list(): MapAlert[] {
		return [...this.byId.values()].sort(
			(a, b) =>
				severityRank(b.severity) - severityRank(a.severity) || b.t - a.t || (a.id < b.id ? -1 : 1)
		);
	}
}

function change(old: MapAlert | undefined, now: MapAlert): AlertChange {
	return {
		id: now.id,
		added: !old,
		becameCritical: now.severity === 'critical' && old?.severity !== 'critical',
		removed: false
	};
}

/** A critical alert older than this (on the map's clock) is not flashed when it is first seen. */
export const FLASH_MAX_AGE_MS = 15 * 60_000;

/**
 * Whether a change flashes the screen as a new critical alert: it became critical and nobody has
 * acknowledged it, and either it escalated while the map was open, or it was first seen (a page
 * load, a reconnect) and was detected at most FLASH_MAX_AGE_MS before the map's now. An alert of
 * hours ago is never flashed as new.
 */
export function shouldFlash(
	change: AlertChange,
	alert: MapAlert | undefined,
	now: number
): boolean {
	if (!alert || !change.becameCritical || alert.status !== 'new') return false;
	return !change.added || (now - alert.t <= FLASH_MAX_AGE_MS && alert.t <= now + 60_000);
}

/** The alert topics a role receives (docs/backend.md "Realtime"), from its scope (src/lib/roles.ts). */
export function alertTopicsFor(me: Me): string[] {
	const scope = ROLE_SCOPES[me.role];
	if (scope.national) return UNIT_IDS.map((u) => `alerts:unit:${u}`);
	const topics: string[] = [];
	if (scope.ownUnit && me.unit_id) topics.push(`alerts:unit:${me.unit_id}`);
	if (scope.ownMunicipality && me.municipality_code)
		topics.push(`alerts:gm:${me.municipality_code}`);
	return topics;
}

/** Whether the role may acknowledge and resolve this alert (the database checks it again). */
export function mayHandle(me: Me, a: MapAlert): boolean {
	return mayHandleAlert(me, a.unit_id ?? null);
}
