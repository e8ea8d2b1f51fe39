/**
 * Scores of one detector on one scenario, the per-target checks of issue 4, and the comparison
 * with the baselines. Pure module.
 *
 * Targets, derived from the labels so that new scenarios get them automatically:
 * - mobilisation-24h: for every mobilisation label whose call precedes its physical gathering by
 *   at least 24 h, a matching mobilisation alert at least 24 h before the physical onset.
 * - mobilisation-20min: for every mobilisation label whose call precedes its physical gathering by
 *   at least 45 minutes (and less than 24 h), a matching mobilisation alert at least 20 minutes
 *   before the physical onset.
 * - onset-10min: for every physical label, a matching surge or convergence alert no later than
 *   10 minutes after its onset (earlier alerts within the matching window count).
 * - quiet: a scenario without labels, or a quiet twin (a match day without trouble), raises no
 *   alert at all.
 * - planned-day: for every planned label, at most one alert that is not a true alert during the
 *   Amsterdam calendar day of its onset.
 * - hoax-no-crowd: for every hoax label, no surge or convergence alert at its place after its
 *   onset.
 * - false-per-day: on every scenario, at most one false alarm on each Amsterdam calendar day of
 *   the scenario's range (a false alarm counts on the day of its first detected_at).
 */
import { distanceM } from '../geo/measure';
import { amsterdamOffsetMin, formatIso } from '../time/amsterdam';
import type { GatheringLabel } from '../scenario/types';
import {
	classifyLabels,
	judgeAlerts,
	type AlertVersion,
	type JudgedAlert,
	type LabelRole,
	type MatchOptions
} from './match';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface LabelScore {
	id: string;
	name: string;
	role: LabelRole;
	onset: string;
	/** The onset lead time is measured against (the physical onset for mobilisation). */
	reference: string;
	/** Alert ids that match it (true) or touch it (neutral, hoax labels). */
	alerts: number;
	/** detected_at of the first matching alert. */
	first?: string;
	/** first minus reference, minutes; negative = before. */
	leadMin?: number;
}

export interface Target {
	name: string;
	label?: string;
	pass: boolean;
	detail: string;
}

export interface ScenarioScore {
	scenario: string;
	detector: string;
	from: string;
	to: string;
	hours: number;
	/** Distinct alert ids. */
	alerts: number;
	trueAlerts: number;
	falseAlerts: number;
	neutralAlerts: number;
	falsePer24h: number;
	/** False alarms per Amsterdam calendar day of the range (YYYY-MM-DD, every day listed). */
	falsePerDay: { day: string; n: number }[];
	/** Physical and mobilisation labels matched by at least one alert. */
	matchedLabels: number;
	/** Physical and mobilisation labels (the ones that can be matched). */
	matchableLabels: number;
	labels: LabelScore[];
	targets: Target[];
	/** The first few false alarms, for the report. */
	falseExamples: {
		id: string;
		kind: string;
		detected_at: string;
		place?: string;
		lon: number;
		lat: number;
	}[];
}

export interface ScoreInput {
	scenario: string;
	detector: string;
	/** Stream range, epoch ms. */
	from: number;
	to: number;
	labels: GatheringLabel[];
	/** A quiet twin (ScenarioInfo.quiet): the quiet target applies although it has labels. */
	quiet?: boolean;
	/** Every alert version the detector returned, in order, with the stream time it came at. */
	versions: AlertVersion[];
	match?: MatchOptions;
}

function localMidnight(t: number): number {
	const off = amsterdamOffsetMin(t) * MIN;
	return Math.floor((t + off) / DAY) * DAY - off;
}

function fmtLead(min: number): string {
	const sign = min < 0 ? '-' : '+';
	const a = Math.abs(Math.round(min));
	return a >= 120 ? `${sign}${(a / 60).toFixed(1)} h` : `${sign}${a} min`;
}

/**
 * False alarms per Amsterdam calendar day from `from` to `to` (epoch ms): every day that the range
 * touches is listed, also those without false alarms, in order.
 */
export function falseAlertsPerDay(
	times: number[],
	from: number,
	to: number
): { day: string; n: number }[] {
	const out: { day: string; n: number }[] = [];
	let day = localMidnight(from);
	while (day < to) {
		// The next local midnight: a day is 23 to 25 h long around the clock changes.
		const next = localMidnight(day + DAY + 2 * HOUR);
		out.push({
			day: formatIso(day).slice(0, 10),
			n: times.filter((t) => t >= day && t < next).length
		});
		day = next;
	}
	return out;
}

export function scoreScenario(input: ScoreInput): ScenarioScore {
	const evalLabels = classifyLabels(input.labels, input.match);
	const judged = judgeAlerts(input.versions, evalLabels, input.match);
	const hours = (input.to - input.from) / HOUR;
	const count = (o: JudgedAlert['outcome']) => judged.filter((j) => j.outcome === o).length;
	const falseAlerts = count('false');

	const labels: LabelScore[] = evalLabels.map((e) => {
		// A hoax is only ever touched (neutral); the others count their matches, not a neutral
		// touch (an alert in a gathering's aftermath is no lead time).
		const hits = judged.flatMap((j) =>
			e.role === 'hoax' || j.outcome === 'true' ? j.hits.filter((h) => h.label === e.label.id) : []
		);
		const s: LabelScore = {
			id: e.label.id,
			name: e.label.name,
			role: e.role,
			onset: formatIso(e.onset),
			reference: formatIso(e.reference),
			alerts: hits.length
		};
		if (hits.length) {
			const first = Math.min(...hits.map((h) => h.t));
			s.first = formatIso(first);
			s.leadMin = Math.round((first - e.reference) / MIN);
		}
		return s;
	});

	const targets: Target[] = [];
	for (const e of evalLabels) {
		const s = labels.find((l) => l.id === e.label.id) as LabelScore;
		const firstT = s.first ? Date.parse(s.first) : undefined;
		if (e.role === 'mobilisation' && e.reference - e.onset >= DAY) {
			const pass = firstT !== undefined && firstT <= e.reference - DAY;
			targets.push({
				name: 'mobilisation-24h',
				label: e.label.id,
				pass,
				detail:
					s.leadMin === undefined
						? 'no mobilisation alert'
						: `first mobilisation alert ${fmtLead(s.leadMin)} from the physical onset`
			});
		} else if (e.role === 'mobilisation' && e.reference - e.onset >= 45 * MIN) {
			targets.push({
				name: 'mobilisation-20min',
				label: e.label.id,
				pass: firstT !== undefined && firstT <= e.reference - 20 * MIN,
				detail:
					s.leadMin === undefined
						? 'no mobilisation alert'
						: `first mobilisation alert ${fmtLead(s.leadMin)} from the physical onset`
			});
		} else if (e.role === 'physical') {
			const pass = firstT !== undefined && firstT <= e.onset + 10 * MIN;
			targets.push({
				name: 'onset-10min',
				label: e.label.id,
				pass,
				detail:
					s.leadMin === undefined
						? 'no surge or convergence alert'
						: `first surge/convergence alert ${fmtLead(s.leadMin)} from the onset`
			});
		} else if (e.role === 'planned') {
			const day = localMidnight(e.onset);
			const n = judged.filter((j) => j.outcome !== 'true' && j.t >= day && j.t < day + DAY).length;
			targets.push({
				name: 'planned-day',
				label: e.label.id,
				pass: n <= 1,
				detail: `${n} alert(s) that are not true on ${formatIso(day).slice(0, 10)}`
			});
		} else if (e.role === 'hoax') {
			const l = e.label;
			const n = judged.filter(
				(j) =>
					j.first.kind !== 'mobilisation' &&
					j.t >= e.onset &&
					distanceM(j.first.lon, j.first.lat, l.lon, l.lat) <=
						l.radius_m + j.first.radius_m + (input.match?.toleranceM ?? 500)
			).length;
			targets.push({
				name: 'hoax-no-crowd',
				label: l.id,
				pass: n === 0,
				detail: `${n} surge/convergence alert(s) at the hoax`
			});
		}
	}
	if (input.labels.length === 0 || input.quiet)
		targets.push({
			name: 'quiet',
			pass: judged.length === 0,
			detail: `${judged.length} alert(s)`
		});
	const falsePerDay = falseAlertsPerDay(
		judged.filter((j) => j.outcome === 'false').map((j) => j.t),
		input.from,
		input.to
	);
	const worst = falsePerDay.reduce<{ day: string; n: number } | undefined>(
		(w, d) => (!w || d.n > w.n ? d : w),
		undefined
	);
	targets.push({
		name: 'false-per-day',
		pass: falsePerDay.every((d) => d.n <= 1),
		detail: worst
			? `at most ${worst.n} false alarm(s) on a day (${worst.day})` +
				(worst.n > 1
					? `; days over one: ${falsePerDay
							.filter((d) => d.n > 1)
							.map((d) => `${d.day} ${d.n}`)
							.join(', ')}`
					: '')
			: 'no day in range'
	});

	const matchable = labels.filter((l) => l.role === 'physical' || l.role === 'mobilisation');
	return {
		scenario: input.scenario,
		detector: input.detector,
		from: formatIso(input.from),
		to: formatIso(input.to),
		hours,
		alerts: judged.length,
		trueAlerts: count('true'),
		falseAlerts,
		neutralAlerts: count('neutral'),
		falsePer24h: hours > 0 ? (falseAlerts * 24) / hours : 0,
		falsePerDay,
		matchedLabels: matchable.filter((l) => l.alerts > 0).length,
		matchableLabels: matchable.length,
		labels,
		targets,
		falseExamples: judged
			.filter((j) => j.outcome === 'false')
			.slice(0, 20)
			.map((j) => {
				const x: ScenarioScore['falseExamples'][number] = {
					id: j.id,
					kind: j.first.kind,
					detected_at: j.first.detected_at,
					lon: j.first.lon,
					lat: j.first.lat
				};
				if (j.first.place) x.place = j.first.place;
				return x;
			})
	};
}

export interface Comparison {
	detector: string;
	baseline: string;
	/** Matched labels over all scenarios. */
	trueDetector: number;
	trueBaseline: number;
	/** False alarms over all scenarios. */
	falseDetector: number;
	falseBaseline: number;
	/** At least as many matched labels and at most as many false alarms, and strictly better in one. */
	better: boolean;
}

/** Compare a detector with a baseline over the scenarios both ran. */
export function compare(scores: ScenarioScore[], detector: string, baseline: string): Comparison {
	const of = (name: string) => scores.filter((s) => s.detector === name);
	const both = new Set(of(detector).map((s) => s.scenario));
	const inBoth = (s: ScenarioScore) => both.has(s.scenario);
	const d = of(detector);
	const b = of(baseline).filter(inBoth);
	const keep = new Set(b.map((s) => s.scenario));
	const dd = d.filter((s) => keep.has(s.scenario));
	const sum = (xs: ScenarioScore[], f: (s: ScenarioScore) => number) =>
		xs.reduce((acc, s) => acc + f(s), 0);
	const trueDetector = sum(dd, (s) => s.matchedLabels);
	const trueBaseline = sum(b, (s) => s.matchedLabels);
	const falseDetector = sum(dd, (s) => s.falseAlerts);
	const falseBaseline = sum(b, (s) => s.falseAlerts);
	return {
		detector,
		baseline,
		trueDetector,
		trueBaseline,
		falseDetector,
		falseBaseline,
		better:
			trueDetector >= trueBaseline &&
			falseDetector <= falseBaseline &&
			(trueDetector > trueBaseline || falseDetector < falseBaseline)
	};
}
