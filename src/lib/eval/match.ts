/**
 * Matching alerts to the labelled gatherings of a scenario (issue 4's evaluation). Pure module.
 *
 * Roles of labels, from their kind and planned flag:
 * - mobilisation (kind 'mobilisation'): a call to gather. It is linked to the physical label
 *   that follows it at the same place (the earliest unplanned physical label whose point lies
 *   within both radii plus the tolerance and whose onset is later). It matches mobilisation
 *   alerts from its onset until the end of that physical gathering: a call still circulating
 *   while people are there is the same event, not a false alarm. Its lead time is measured
 *   against the physical onset.
 * - hoax (kind containing 'hoax', or a mobilisation label that no physical label follows): a
 *   call nobody follows. Mobilisation alerts on it are neutral (the call exists, whether it is
 *   worth an alert is a policy choice: they count neither as true nor as false); surge and
 *   convergence alerts there are false alarms.
 * - physical (every other unplanned label, and any label of kind 'overflow'): people gathering.
 *   It matches surge and convergence alerts from the label's `arrivals_from` (when the
 *   scenario's first attendees arrive: in Haren the first arrive from 16:20, the riot began at
 *   20:00), or without one from `leadMarginMs` (30 min) before its onset, until
 *   `physicalDurationMs` (6 h) after the onset. Overflows get `overflowMarginMs` (30 min) before
 *   the onset: before that the crowd is the planned one.
 *   After it, its aftermath: the gathering's own crowd dispersing (walking home from Haren
 *   through Essen, 2.5 km away) and its scene the morning after (the press, the clean-up) are
 *   the same event, which the scenarios simulate (haren.ts: routeBack, and press posts geotagged
 *   at the riot's spots until 06:00). A surge or convergence alert from its onset until
 *   `aftermathMs` (6 h) after its matching window, within `aftermathM` (3 km) beyond the place
 *   tolerance, that matches no label is neutral: not a false alarm, not a match either (it
 *   counts for no lead time and is shown in the report's neutral column).
 * - planned (planned labels other than overflows): an expected crowd. It matches nothing, so
 *   alerts inside it are false alarms, unless the scenario also labels an overflow there (a
 *   physical label, which then matches them from its own onset on).
 *
 * Place: an alert matches a label when the distance between their centres is at most the
 * label's radius plus the alert's radius plus `toleranceM`.
 * Alerts are judged per id: an id matches when any of its versions matches (a moved or upgraded
 * alert keeps its id). A version's time is the stream time at which the detector returned it
 * (`at`; for the first version that is its detected_at): an alert raised in a place at 16:50 and
 * raised again there with more evidence at 17:30 matches a gathering whose window opens at 17:00,
 * from 17:30 on. The alert's own time (for per-day counts) is its first detected_at.
 */
import type { Alert } from '../detection/api';
import { distanceM } from '../geo/measure';
import type { GatheringLabel } from '../scenario/types';

const MIN = 60_000;
const HOUR = 60 * MIN;

export type LabelRole = 'mobilisation' | 'hoax' | 'physical' | 'planned';

export interface MatchOptions {
	/** Extra distance allowed beyond both radii, m. Default 500. */
	toleranceM?: number;
	/** Surge/convergence alerts this long before a physical onset still match it, for a label
	 * without `arrivals_from`. Default 30 min. */
	leadMarginMs?: number;
	/** How long a physical gathering lasts after its onset, for matching. Default 6 h. */
	physicalDurationMs?: number;
	/**
	 * The lead margin of an overflow (a planned crowd exceeding its plan). Default 30 min: before
	 * that the crowd is the planned one, and alerts on it are false.
	 */
	overflowMarginMs?: number;
	/** A physical gathering's aftermath lasts this long after its matching window. Default 6 h. */
	aftermathMs?: number;
	/** And reaches this far beyond the place tolerance, m. Default 3,000. */
	aftermathM?: number;
}

export interface EvalLabel {
	label: GatheringLabel;
	role: LabelRole;
	onset: number;
	/** Matching window, epoch ms, inclusive. */
	from: number;
	to: number;
	/** The onset lead times are measured against: the linked physical onset for mobilisation. */
	reference: number;
	/** Id of the physical label a mobilisation label is linked to. */
	linked?: string;
}

/** One alert as a detector returned it, with the stream time (epoch ms) it was returned at. */
export interface AlertVersion {
	alert: Alert;
	at: number;
}

/** Versions from alerts alone: each at its detected_at (for alerts read from a file or tests). */
export function versionsOf(alerts: Alert[]): AlertVersion[] {
	return alerts.map((alert) => ({ alert, at: Date.parse(alert.detected_at) }));
}

export type Outcome = 'true' | 'false' | 'neutral';

export interface JudgedAlert {
	id: string;
	/** The first version of the alert. */
	first: Alert;
	/** Epoch ms of the first version's detected_at. */
	t: number;
	outcome: Outcome;
	/** Labels matched (true) or touched (neutral), each at the first matching version's time. */
	hits: { label: string; t: number }[];
}

function defaults(o: MatchOptions): Required<MatchOptions> {
	return {
		toleranceM: o.toleranceM ?? 500,
		leadMarginMs: o.leadMarginMs ?? 30 * MIN,
		physicalDurationMs: o.physicalDurationMs ?? 6 * HOUR,
		overflowMarginMs: o.overflowMarginMs ?? 30 * MIN,
		aftermathMs: o.aftermathMs ?? 6 * HOUR,
		aftermathM: o.aftermathM ?? 3_000
	};
}

function isMobilisation(l: GatheringLabel): boolean {
	return l.kind === 'mobilisation';
}
function isHoax(l: GatheringLabel): boolean {
	return l.kind.includes('hoax');
}

/** Roles and matching windows of a scenario's labels. */
export function classifyLabels(labels: GatheringLabel[], opts: MatchOptions = {}): EvalLabel[] {
	const o = defaults(opts);
	const physical: EvalLabel[] = [];
	const out: EvalLabel[] = [];
	for (const l of labels) {
		const onset = Date.parse(l.onset);
		if (!Number.isFinite(onset)) throw new Error(`label ${l.id}: onset is not a time: ${l.onset}`);
		if (isMobilisation(l) || isHoax(l)) continue;
		if (l.planned && l.kind !== 'overflow') {
			out.push({ label: l, role: 'planned', onset, from: onset, to: onset, reference: onset });
			continue;
		}
		let from = onset - (l.kind === 'overflow' ? o.overflowMarginMs : o.leadMarginMs);
		if (l.arrivals_from !== undefined) {
			from = Date.parse(l.arrivals_from);
			if (!Number.isFinite(from) || from > onset)
				throw new Error(
					`label ${l.id}: arrivals_from is not a time at or before the onset: ${l.arrivals_from}`
				);
		}
		const e: EvalLabel = {
			label: l,
			role: 'physical',
			onset,
			from,
			to: onset + o.physicalDurationMs,
			reference: onset
		};
		physical.push(e);
		out.push(e);
	}
	for (const l of labels) {
		if (!isMobilisation(l) && !isHoax(l)) continue;
		const onset = Date.parse(l.onset);
		let link: EvalLabel | undefined;
		if (!isHoax(l))
			for (const p of physical) {
				if (p.label.planned || p.onset <= onset) continue;
				const d = distanceM(l.lon, l.lat, p.label.lon, p.label.lat);
				if (d > l.radius_m + p.label.radius_m + o.toleranceM) continue;
				if (!link || p.onset < link.onset) link = p;
			}
		if (link)
			out.push({
				label: l,
				role: 'mobilisation',
				onset,
				from: onset,
				to: link.to,
				reference: link.onset,
				linked: link.label.id
			});
		else
			out.push({
				label: l,
				role: 'hoax',
				onset,
				from: onset,
				to: Infinity,
				reference: onset
			});
	}
	const order = new Map(labels.map((l, i) => [l.id, i]));
	return out.sort((a, b) => (order.get(a.label.id) ?? 0) - (order.get(b.label.id) ?? 0));
}

function near(a: Alert, l: GatheringLabel, toleranceM: number): boolean {
	return distanceM(a.lon, a.lat, l.lon, l.lat) <= l.radius_m + a.radius_m + toleranceM;
}

/** Whether one alert version matches a label: 'true', 'neutral' (a hoax's call, a physical
 * gathering's aftermath) or no match (undefined). */
export function matchOne(
	a: Alert,
	e: EvalLabel,
	opts: MatchOptions = {},
	t: number = Date.parse(a.detected_at)
): 'true' | 'neutral' | undefined {
	const o = defaults(opts);
	if (e.role === 'planned') return undefined;
	if (e.role === 'physical' && (a.kind === 'surge' || a.kind === 'convergence')) {
		if (t >= e.from && t <= e.to && near(a, e.label, o.toleranceM)) return 'true';
		// Its aftermath: its crowd dispersing, its scene after it.
		if (t >= e.onset && t <= e.to + o.aftermathMs && near(a, e.label, o.toleranceM + o.aftermathM))
			return 'neutral';
		return undefined;
	}
	if (t < e.from || t > e.to) return undefined;
	if (!near(a, e.label, o.toleranceM)) return undefined;
	if (e.role === 'mobilisation') return a.kind === 'mobilisation' ? 'true' : undefined;
	if (e.role === 'hoax') return a.kind === 'mobilisation' ? 'neutral' : undefined;
	return a.kind === 'surge' || a.kind === 'convergence' ? 'true' : undefined;
}

/**
 * Judge every alert id: true when a version matches a label, neutral when a version only touches
 * a hoax or a physical gathering's aftermath, false otherwise. `versions` lists every alert a
 * detector returned, in order.
 */
export function judgeAlerts(
	versions: AlertVersion[],
	labels: EvalLabel[],
	opts: MatchOptions = {}
): JudgedAlert[] {
	const byId = new Map<string, AlertVersion[]>();
	for (const v of versions) {
		const list = byId.get(v.alert.id);
		if (list) list.push(v);
		else byId.set(v.alert.id, [v]);
	}
	const out: JudgedAlert[] = [];
	for (const [id, list] of byId) {
		const first = list[0].alert;
		const hits = new Map<string, { outcome: 'true' | 'neutral'; t: number }>();
		for (const v of list)
			for (const e of labels) {
				const t = Math.max(v.at, Date.parse(v.alert.detected_at));
				const m = matchOne(v.alert, e, opts, t);
				if (!m) continue;
				const prev = hits.get(e.label.id);
				if (!prev || t < prev.t) hits.set(e.label.id, { outcome: m, t });
			}
		const trueHits = [...hits].filter(([, h]) => h.outcome === 'true');
		const used = trueHits.length ? trueHits : [...hits];
		const outcome: Outcome = trueHits.length ? 'true' : hits.size ? 'neutral' : 'false';
		out.push({
			id,
			first,
			t: Date.parse(first.detected_at),
			outcome,
			hits: used.map(([label, h]) => ({ label, t: h.t }))
		});
	}
	out.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return out;
}
