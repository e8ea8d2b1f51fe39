/**
 * The incident view's logic (pure; unit-tested): the timeline of its alerts and actions, the
 * chart of posts per 5 minutes against the baseline (SVG geometry, no chart package), the figures
 * (duration, growth now against an hour ago and against the baseline), the evidence's location
 * ("geotag · ±10 m") and the shares of geotag, text and author memory behind it.
 */
import { alertSummary, validateFacts, type SummaryLang } from '../detection/summary';
import type { Lang, Texts } from '../i18n';
import { REASON_REQUIRED, type IncidentAction } from '../supabase/incidents';
import { fill } from './alert-format';

/** The 5-minute series of incident_detail (docs: the incidents contract). */
export interface SeriesLike {
	from: string | number;
	step_s: number;
	counts: readonly number[];
	baseline: readonly number[];
}

export interface DetailAlertLike {
	id: string;
	kind: string;
	severity: string;
	detected_at: string;
	summary: string;
	facts?: unknown;
	status?: string;
}

export interface DetailEventLike {
	at: string;
	kind: string;
	actor_label?: string | null;
	reason?: string | null;
	alert_id?: string | null;
}

/** One line of the timeline: an alert that joined, or an action (who, when, why). */
export interface TimelineEntry<A extends DetailAlertLike = DetailAlertLike> {
	at: number;
	kind: string;
	actor: string | null;
	reason: string | null;
	alert: A | null;
}

/**
 * The timeline, oldest first: every event (an 'alert' event carries its alert), and each alert
 * that no event names at its detection time.
 */
export function timeline<A extends DetailAlertLike>(
	alerts: readonly A[],
	events: readonly DetailEventLike[]
): TimelineEntry<A>[] {
	const byId = new Map(alerts.map((a) => [a.id, a]));
	const named = new Set<string>();
	const out: TimelineEntry<A>[] = [];
	for (const e of events) {
		const at = Date.parse(e.at);
		if (!Number.isFinite(at)) continue;
		const alert = e.kind === 'alert' && e.alert_id ? (byId.get(e.alert_id) ?? null) : null;
		if (e.kind === 'alert' && e.alert_id) named.add(e.alert_id);
		out.push({
			at,
			kind: e.kind,
			actor: e.actor_label || null,
			reason: e.reason || null,
			alert
		});
	}
	for (const a of alerts) {
		const at = Date.parse(a.detected_at);
		if (named.has(a.id) || !Number.isFinite(at)) continue;
		out.push({ at, kind: 'alert', actor: null, reason: null, alert: a });
	}
	return out.sort((a, b) => a.at - b.at);
}

/** An alert's summary in a language (from its facts when they validate; text, never HTML). */
export function alertLine(a: DetailAlertLike, lang: SummaryLang): string {
	return alertSummary({ summary: a.summary, facts: validateFacts(a.facts) }, lang);
}

/** The label of a timeline entry's kind ("erkend", "notitie"). */
export function eventText(kind: string, t: Texts): string {
	const key = `incEvent_${kind}` as keyof Texts;
	return typeof t[key] === 'string' ? (t[key] as string) : kind;
}

// ------------------------------------------------------------------ the chart

export interface Bar {
	x: number;
	y: number;
	w: number;
	h: number;
	count: number;
	/** Start of the slot, epoch ms. */
	at: number;
}

export interface ChartGeometry {
	width: number;
	height: number;
	bars: Bar[];
	/** SVG path of the baseline ("M x y L x y …"), '' when there is none. */
	baseline: string;
	/** The value at the top of the chart. */
	max: number;
	/** Start and end of the series, epoch ms. */
	from: number;
	to: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Bars for the counts and a line for the baseline in a box of width×height (the baseline's
 * points in the middle of each slot). Bad numbers count as 0.
 */
export function chartGeometry(s: SeriesLike, width: number, height: number): ChartGeometry {
	const clean = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
	const counts = s.counts.map(clean);
	const base = s.baseline.map(clean);
	const n = Math.max(counts.length, 1);
	const from = typeof s.from === 'number' ? s.from : Date.parse(s.from);
	const step = Math.max(1, s.step_s) * 1000;
	const max = Math.max(1, ...counts, ...base);
	const slot = width / n;
	const gap = slot > 4 ? 1 : 0;
	const y = (v: number) => round1(height - (v / max) * height);
	const bars = counts.map((c, i) => ({
		x: round1(i * slot),
		y: y(c),
		w: round1(Math.max(0.5, slot - gap)),
		h: round1((c / max) * height),
		count: c,
		at: from + i * step
	}));
	const baseline = base.length
		? base.map((b, i) => `${i === 0 ? 'M' : 'L'}${round1((i + 0.5) * slot)} ${y(b)}`).join(' ')
		: '';
	return { width, height, bars, baseline, max, from, to: from + counts.length * step };
}

// ------------------------------------------------------------------ the figures

export interface Growth {
	/** Posts in the latest whole 5-minute slot. */
	now: number;
	/** Posts in the slot an hour before it; null when the series is shorter than an hour. */
	hourAgo: number | null;
	/** The ordinary count for the latest slot. */
	baseline: number | null;
	/** now / hourAgo and now / baseline; null where the divisor is missing or 0. */
	vsHourAgo: number | null;
	vsBaseline: number | null;
}

const SLOTS_PER_HOUR = 12;

/**
 * Growth: posts per 5 minutes in the latest whole slot (the last slot that ended by `now`; the
 * last one when `now` is not known) against the same an hour earlier and against the baseline.
 */
export function growth(s: SeriesLike, now = NaN): Growth {
	const n = s.counts.length;
	if (n === 0) return { now: 0, hourAgo: null, baseline: null, vsHourAgo: null, vsBaseline: null };
	const from = typeof s.from === 'number' ? s.from : Date.parse(s.from);
	const step = Math.max(1, s.step_s) * 1000;
	let i = n - 1;
	if (Number.isFinite(now) && Number.isFinite(from)) {
		const whole = Math.floor((now - from) / step) - 1;
		if (whole >= 0) i = Math.min(i, whole);
	}
	const val = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
	const cur = val(s.counts[i]);
	const hourAgo = i - SLOTS_PER_HOUR >= 0 ? val(s.counts[i - SLOTS_PER_HOUR]) : null;
	const b = i < s.baseline.length ? val(s.baseline[i]) : null;
	return {
		now: cur,
		hourAgo,
		baseline: b,
		vsHourAgo: hourAgo ? cur / hourAgo : null,
		vsBaseline: b ? cur / b : null
	};
}

const NUM: Record<Lang, Intl.NumberFormat> = {
	nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }),
	en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 })
};

/** A number as the language writes it ("3,5"). */
export function num(x: number, lang: Lang): string {
	return NUM[lang].format(x);
}

/** A ratio as a factor ("×3,5"), '–' when unknown. */
export function factor(x: number | null, lang: Lang): string {
	return x === null || !Number.isFinite(x) ? '–' : `×${num(x, lang)}`;
}

/** A duration: "45 min", "2 u 05 min" ("2 h 05 min"), "3 d 4 u". */
export function durationText(msDur: number, t: Texts): string {
	const min = Math.max(0, Math.floor(msDur / 60_000));
	if (min < 60) return fill(t.durMinutes, min);
	const h = Math.floor(min / 60);
	if (h < 48) return fill(t.durHours, h).replace('{m}', String(min % 60).padStart(2, '0'));
	return fill(t.durDays, Math.floor(h / 24)).replace('{h}', String(h % 24));
}

/** How long the incident has lasted: to the map's now while active, else to its last update. */
export function incidentDuration(
	first: number,
	last: number,
	active: boolean,
	now: number
): number {
	const end = active && Number.isFinite(now) ? Math.max(now, last) : last;
	return Math.max(0, end - first);
}

// ------------------------------------------------------------------ evidence

/** How a post was located, as a label ("geotag", "plaatsnaam in tekst"). */
export function locatedText(by: string, t: Texts): string {
	const key = `locBy_${by}` as keyof Texts;
	return typeof t[key] === 'string' ? (t[key] as string) : by;
}

/** A precision in metres: "±10 m", "±1,2 km"; '' when unknown. */
export function precisionText(m: number | null | undefined, lang: Lang): string {
	if (typeof m !== 'number' || !Number.isFinite(m) || m < 0) return '';
	if (m < 1000) return `±${Math.round(m)} m`;
	return `±${num(Math.round(m / 100) / 10, lang)} km`;
}

export interface ShareLike {
	geotag: number;
	text: number;
	author: number;
	total: number;
}

/** The shares as whole percentages of the total (0 when there is none). */
export function sharePercents(s: ShareLike): { geotag: number; text: number; author: number } {
	const total = s.total > 0 ? s.total : s.geotag + s.text + s.author;
	const pct = (x: number) => (total > 0 && Number.isFinite(x) ? Math.round((100 * x) / total) : 0);
	return { geotag: pct(s.geotag), text: pct(s.text), author: pct(s.author) };
}

// ------------------------------------------------------------------ actions

/** The actions the view offers for a status (the database checks the rights again). */
export function actionsFor(status: string): IncidentAction[] {
	if (status === 'open') return ['acknowledge', 'note', 'false_alarm', 'resolve'];
	if (status === 'acknowledged') return ['note', 'false_alarm', 'resolve'];
	return ['note'];
}

/** Whether an action needs a reason (the database refuses it without one). */
export function needsReason(action: IncidentAction): boolean {
	return REASON_REQUIRED.has(action);
}
