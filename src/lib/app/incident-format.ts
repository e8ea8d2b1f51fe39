/**
 * Formatting for the incident list (pure; unit-tested): its alert kinds as a short chain
 * ("oproep → drukte → toestroom"), first seen and last update on the map's clock (the clock time
 * for the map's day, else the date, the time and the age), the status's label, an incident as the
 * flash rule (flash.ts) sees it, and which incident a click on the map falls in. The order and the
 * changes per update are IncidentBook's (src/lib/supabase/incidents.ts).
 */
import type { Lang, Texts } from '../i18n';
import { cardTime } from './alert-format';

export type IncidentSeverity = 'info' | 'warning' | 'critical';
export type IncidentStatusName = 'open' | 'acknowledged' | 'false_alarm' | 'resolved';

/** What the list needs of an incident (IncidentRow of src/lib/supabase/incidents.ts fits it). */
export interface IncidentLike {
	id: string;
	place?: string | null;
	lon: number;
	lat: number;
	radius_m: number;
	severity: IncidentSeverity;
	status: IncidentStatusName | string;
	first_seen: string;
	last_update: string;
	kinds: readonly string[];
	alert_count: number;
}

const SEVERITY_RANK: Record<string, number> = { info: 0, warning: 1, critical: 2 };

/** Epoch ms of an ISO time; NaN when it does not parse. */
export const ms = (iso: string): number => Date.parse(iso);

/** A kind's word in the chain ("oproep"), the kind itself when the texts have none. */
export function kindWord(kind: string, t: Texts): string {
	const key = `chain_${kind}` as keyof Texts;
	return typeof t[key] === 'string' ? (t[key] as string) : kind;
}

/** The alert kinds as a chain in order, repeats folded: "oproep → drukte → toestroom". */
export function kindChain(kinds: readonly string[], t: Texts): string {
	const out: string[] = [];
	for (const k of kinds) if (out.at(-1) !== k) out.push(k);
	return out.map((k) => kindWord(k, t)).join(' → ');
}

/** The status's label ("erkend", "onterecht"). */
export function statusText(status: string, t: Texts): string {
	const key = `incStatus_${status}` as keyof Texts;
	return typeof t[key] === 'string' ? (t[key] as string) : status;
}

export interface WhenParts {
	time: string;
	age: string | null;
}

/** One instant on the map's clock: the time ("21:36", or "za 22 sep 21:36") and its age when
 * not of the map's day ("2 uur geleden"), else null. */
export function whenParts(at: number, now: number, lang: Lang, t: Texts): WhenParts {
	if (!Number.isFinite(at)) return { time: '–', age: null };
	const c = cardTime(at, now, lang, t);
	return { time: c.time, age: c.age };
}

/**
 * One instant on the map's clock as one line: "21:36" on the map's day, else
 * "za 22 sep 21:36 · 2 uur geleden".
 */
export function whenText(at: number, now: number, lang: Lang, t: Texts): string {
	const p = whenParts(at, now, lang, t);
	return p.age ? `${p.time} · ${p.age}` : p.time;
}

/** First seen and last update, as the list shows them. */
export function incidentTimes(
	i: Pick<IncidentLike, 'first_seen' | 'last_update'>,
	now: number,
	lang: Lang,
	t: Texts
): { first: string; last: string; firstParts: WhenParts; lastParts: WhenParts } {
	const firstParts = whenParts(ms(i.first_seen), now, lang, t);
	const lastParts = whenParts(ms(i.last_update), now, lang, t);
	const line = (p: WhenParts) => (p.age ? `${p.time} · ${p.age}` : p.time);
	return { first: line(firstParts), last: line(lastParts), firstParts, lastParts };
}

/** An incident as the flash rule sees it (flash.ts): `t` is its first sign. */
export function flashable<T extends IncidentLike>(i: T): T & { t: number } {
	return { ...i, t: ms(i.first_seen) };
}

const EARTH_M_PER_DEG = 111_320;

/** Metres between two lon/lat points (equirectangular; fine at a city's scale). */
export function metresBetween(a: [number, number], b: [number, number]): number {
	const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
	const dx = (b[0] - a[0]) * EARTH_M_PER_DEG * k;
	const dy = (b[1] - a[1]) * EARTH_M_PER_DEG;
	return Math.hypot(dx, dy);
}

/**
 * The incident whose ring a click at `at` falls in: within its radius, or within `minPx` pixels
 * of its centre (the ring is drawn at least that large); the strongest, then the nearest.
 */
export function incidentAt<T extends IncidentLike>(
	list: readonly T[],
	at: [number, number],
	metresPerPixel: number,
	minPx = 14
): T | null {
	let best: T | null = null;
	let bestD = Infinity;
	for (const i of list) {
		const d = metresBetween([i.lon, i.lat], at);
		if (d > Math.max(i.radius_m, minPx * metresPerPixel)) continue;
		const better =
			!best ||
			(SEVERITY_RANK[i.severity] ?? 0) > (SEVERITY_RANK[best.severity] ?? 0) ||
			((SEVERITY_RANK[i.severity] ?? 0) === (SEVERITY_RANK[best.severity] ?? 0) && d < bestD);
		if (better) {
			best = i;
			bestD = d;
		}
	}
	return best;
}
