/**
 * The alerts NDJSON format of docs/formats.md: serialise (fields in the table's order, absent
 * optional ones omitted), parse with validation (line number and reason per bad line), and
 * collect a stream of raised and updated alerts into a file's list: each id once, with its first
 * detected_at and its latest (strongest) figures. Pure module.
 */
import type { Alert, AlertKind, Severity } from './api';

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** One NDJSON line (without the newline). */
export function alertLine(a: Alert): string {
	const o: Record<string, unknown> = {
		id: a.id,
		kind: a.kind,
		detected_at: a.detected_at,
		lon: a.lon,
		lat: a.lat,
		radius_m: a.radius_m
	};
	if (a.place !== undefined) o.place = a.place;
	if (a.expected_at !== undefined) o.expected_at = a.expected_at;
	o.severity = a.severity;
	o.score = a.score;
	o.summary = a.summary;
	o.evidence = a.evidence.slice(0, 50);
	return JSON.stringify(o);
}

export type AlertCheck = { ok: true; alert: Alert } | { ok: false; reason: string };

function isIso(v: unknown): v is string {
	return typeof v === 'string' && ISO_RE.test(v) && Number.isFinite(Date.parse(v));
}

/** Validate a parsed alert object. Unknown kinds are accepted ("more kinds may be added"). */
export function validateAlert(v: unknown): AlertCheck {
	if (!v || typeof v !== 'object' || Array.isArray(v))
		return { ok: false, reason: 'not a JSON object' };
	const o = v as Record<string, unknown>;
	if (typeof o.id !== 'string' || !o.id) return { ok: false, reason: 'id: non-empty string' };
	if (typeof o.kind !== 'string' || !o.kind) return { ok: false, reason: 'kind: non-empty string' };
	if (!isIso(o.detected_at)) return { ok: false, reason: 'detected_at: ISO 8601 with offset' };
	if (typeof o.lon !== 'number' || !Number.isFinite(o.lon) || o.lon < -180 || o.lon > 180)
		return { ok: false, reason: 'lon: number in [-180, 180]' };
	if (typeof o.lat !== 'number' || !Number.isFinite(o.lat) || o.lat < -90 || o.lat > 90)
		return { ok: false, reason: 'lat: number in [-90, 90]' };
	if (typeof o.radius_m !== 'number' || !Number.isFinite(o.radius_m) || o.radius_m < 0)
		return { ok: false, reason: 'radius_m: non-negative number' };
	if (o.place !== undefined && typeof o.place !== 'string')
		return { ok: false, reason: 'place: string' };
	if (o.expected_at !== undefined && !isIso(o.expected_at))
		return { ok: false, reason: 'expected_at: ISO 8601 with offset' };
	if (!SEVERITIES.includes(o.severity as Severity))
		return { ok: false, reason: 'severity: info, warning or critical' };
	if (typeof o.score !== 'number' || !Number.isFinite(o.score))
		return { ok: false, reason: 'score: number' };
	if (typeof o.summary !== 'string') return { ok: false, reason: 'summary: string' };
	if (
		!Array.isArray(o.evidence) ||
		o.evidence.length > 50 ||
		!o.evidence.every((e) => typeof e === 'string')
	)
		return { ok: false, reason: 'evidence: array of at most 50 strings' };
	const alert: Alert = {
		id: o.id,
		kind: o.kind as AlertKind,
		detected_at: o.detected_at,
		lon: o.lon,
		lat: o.lat,
		radius_m: o.radius_m,
		...(o.place !== undefined ? { place: o.place as string } : {}),
		...(o.expected_at !== undefined ? { expected_at: o.expected_at as string } : {}),
		severity: o.severity as Severity,
		score: o.score,
		summary: o.summary,
		evidence: o.evidence as string[]
	};
	return { ok: true, alert };
}

export interface AlertsRead {
	alerts: Alert[];
	errors: { line: number; reason: string }[];
}

/** Read an alerts NDJSON text; blank lines are skipped, bad lines reported. */
export function readAlertsNdjson(text: string): AlertsRead {
	const alerts: Alert[] = [];
	const errors: { line: number; reason: string }[] = [];
	const lines = text.split('\n');
	if (lines.length && lines[lines.length - 1] === '') lines.pop();
	lines.forEach((raw, i) => {
		const line = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
		if (/^[ \t\r]*$/.test(line)) return;
		let v: unknown;
		try {
			v = JSON.parse(line);
		} catch (e) {
			errors.push({ line: i + 1, reason: `invalid JSON: ${(e as Error).message}` });
			return;
		}
		const r = validateAlert(v);
		if (r.ok) alerts.push(r.alert);
		else errors.push({ line: i + 1, reason: r.reason });
	});
	return { alerts, errors };
}

/** Collects raised and updated alerts: each id once, first detected_at, latest figures. */
export class AlertCollector {
	private byId = new Map<string, Alert>();
	add(alerts: Iterable<Alert>): void {
		for (const a of alerts) {
			const prev = this.byId.get(a.id);
			this.byId.set(a.id, prev ? { ...a, detected_at: prev.detected_at } : { ...a });
		}
	}
	/** In order of first detection. */
	list(): Alert[] {
		return [...this.byId.values()];
	}
	toNdjson(): string {
		return this.list()
			.map((a) => alertLine(a) + '\n')
			.join('');
	}
}
