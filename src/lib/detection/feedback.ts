/**
 * "Onterecht" as feedback to the evaluation (issue 13): incidents that a user marked as a false
 * alarm, as `npx uitkijk feedback` prints them (one JSON object a line), and the check whether an
 * alert of an evaluation run falls on one of them (`npx uitkijk eval --feedback FILE`): within
 * the incident's area (its radius plus a tolerance) and its time range (plus a margin). The file
 * is input from elsewhere: every line is validated, a bad one is reported and skipped.
 * Pure module: no database or file imports.
 */
import { distanceM } from '../geo/measure';
import type { Alert } from './api';

export interface FalseAlarm {
	incident_id: string;
	place: string | null;
	lon: number;
	lat: number;
	radius_m: number;
	/** ISO 8601: the incident's first sign and its latest update (stream time). */
	from: string;
	to: string;
	/** When it was marked false, by whom (display name or email) and why. */
	marked_at: string;
	who: string | null;
	reason: string | null;
	alerts: string[];
	kinds: string[];
}

const isTime = (v: unknown): v is string =>
	typeof v === 'string' && v.length <= 40 && Number.isFinite(Date.parse(v));
const str = (v: unknown, max: number): string | null =>
	typeof v === 'string' && v.length <= max ? v : null;
const strs = (v: unknown): string[] =>
	Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 1000) : [];

/**
 * A false alarm from an `incident_feedback()` row (first_seen, last_update) or a feedback line
 * (from, to); null with the reason when it is not one.
 */
export function toFalseAlarm(
	v: unknown
): { ok: true; value: FalseAlarm } | { ok: false; reason: string } {
	if (typeof v !== 'object' || v === null || Array.isArray(v))
		return { ok: false, reason: 'expected a JSON object' };
	const o = v as Record<string, unknown>;
	const id = str(o.incident_id, 220);
	if (!id) return { ok: false, reason: 'incident_id: expected a string' };
	const { lon, lat } = o;
	if (
		typeof lon !== 'number' ||
		typeof lat !== 'number' ||
		!(Math.abs(lon) <= 180) ||
		!(Math.abs(lat) <= 90)
	)
		return { ok: false, reason: 'lon/lat: expected a WGS 84 position' };
	const radius =
		typeof o.radius_m === 'number' && o.radius_m >= 0 && o.radius_m <= 100_000 ? o.radius_m : null;
	if (radius === null) return { ok: false, reason: 'radius_m: expected 0-100000 metres' };
	const from = o.from ?? o.first_seen;
	const to = o.to ?? o.last_update;
	if (!isTime(from) || !isTime(to))
		return { ok: false, reason: 'from/to: expected ISO 8601 times' };
	const marked = o.marked_at;
	if (!isTime(marked)) return { ok: false, reason: 'marked_at: expected an ISO 8601 time' };
	return {
		ok: true,
		value: {
			incident_id: id,
			place: str(o.place, 500),
			lon,
			lat,
			radius_m: radius,
			from,
			to,
			marked_at: marked,
			who: str(o.who, 320),
			reason: str(o.reason, 1000),
			alerts: strs(o.alerts ?? o.alert_ids),
			kinds: strs(o.kinds)
		}
	};
}

/** Parse a feedback file (NDJSON); blank lines are skipped, bad lines reported by number. */
export function parseFeedback(text: string): { entries: FalseAlarm[]; problems: string[] } {
	const entries: FalseAlarm[] = [];
	const problems: string[] = [];
	text.split('\n').forEach((line, i) => {
		if (!line.trim()) return;
		let v: unknown;
		try {
			v = JSON.parse(line);
		} catch {
			return problems.push(`line ${i + 1}: invalid JSON`);
		}
		const r = toFalseAlarm(v);
		if (r.ok) entries.push(r.value);
		else problems.push(`line ${i + 1}: ${r.reason}`);
	});
	return { entries, problems };
}

/** Distance beyond an incident's radius, and time beyond its range, that still count as on it. */
export const FEEDBACK_TOLERANCE_M = 500;
export const FEEDBACK_MARGIN_MS = 30 * 60_000;

/** The marked false alarm an alert (version) falls on, or null. */
export function onFalseAlarm(a: Alert, entries: FalseAlarm[]): FalseAlarm | null {
	const t = Date.parse(a.detected_at);
	for (const e of entries) {
		if (t < Date.parse(e.from) - FEEDBACK_MARGIN_MS || t > Date.parse(e.to) + FEEDBACK_MARGIN_MS)
			continue;
		if (distanceM(a.lon, a.lat, e.lon, e.lat) <= e.radius_m + FEEDBACK_TOLERANCE_M) return e;
	}
	return null;
}

/** Distinct alert ids of which some version falls on a marked false alarm. */
export function alertsOnFalseAlarms(
	versions: Iterable<{ alert: Alert }>,
	entries: FalseAlarm[]
): string[] {
	const hit = new Set<string>();
	if (!entries.length) return [];
	for (const { alert } of versions)
		if (!hit.has(alert.id) && onFalseAlarm(alert, entries)) hit.add(alert.id);
	return [...hit];
}
