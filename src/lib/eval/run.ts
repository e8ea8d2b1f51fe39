/**
 * Runs detectors over a scenario's stream and scores them (issue 4's evaluation). Pure module:
 * the places come from the caller; the scenario engine and the locator are pure.
 *
 * The stream: the scenario's posts over info.start..info.end (seed as given), generated an hour at
 * a time, located with the gazetteer (bias: the scenario's map centre, as the server does), and
 * pushed to every detector in batches of `batchMs` of stream time, followed by advance(batch end)
 * so that detectors see time pass through quiet minutes. All detectors see the same batches.
 *
 * History: detectors that learn get the same scenario and seed over the `historyMs` (default 7
 * days) before info.start, an hour per batch. The engine is window-independent, so this is the
 * stream the product would have seen in the preceding week, with whatever the scenario puts there
 * (for Haren the mobilisation of the week before is in it: a live deployment would have seen it
 * too). No label information reaches the detectors.
 */
import type { Alert, Detector, DetectorOptions, PlannedEvent, WatchedArea } from '../detection/api';
import type { Place } from '../geo/gazetteer';
import { createLocator } from '../geo/locate';
import type { LocatedPost } from '../posts/post';
import { createScenario } from '../scenario/index';
import type { ScenarioInfo } from '../scenario/types';
import type { AlertVersion, MatchOptions } from './match';
import { scoreScenario, type ScenarioScore } from './score';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type DetectorFactory = (opts: DetectorOptions & { places: Place[] }) => Detector;

export interface DetectorEntry {
	name: string;
	create: DetectorFactory;
}

export interface RunOptions {
	scenario: string;
	seed: number;
	places: Place[];
	detectors: DetectorEntry[];
	/** History before info.start given to learn(). Default 7 days; 0 for none. */
	historyMs?: number;
	/** Stream time per push. Default 60 s. */
	batchMs?: number;
	match?: MatchOptions;
	progress?: (msg: string) => void;
}

export interface DetectorRun {
	score: ScenarioScore;
	/** Every alert version returned, in order, with the stream time it came at. */
	versions: AlertVersion[];
	/** CPU time in learn(), and in push()+advance(), ms. */
	learnMs: number;
	streamMs: number;
	/** Alert versions that break the alerts format. */
	invalid: string[];
}

export interface ScenarioRun {
	scenario: string;
	posts: number;
	historyPosts: number;
	generateMs: number;
	runs: DetectorRun[];
}

/** The options every detector gets from a scenario: its areas, and planned events among them. */
export function detectorOptions(info: ScenarioInfo): DetectorOptions {
	const areas: WatchedArea[] = info.areas.map((a) => ({
		id: a.id,
		name: a.name,
		polygon: a.polygon
	}));
	const planned: PlannedEvent[] = info.areas
		.filter((a) => a.planned)
		.map((a) => ({
			id: a.id,
			name: a.name,
			polygon: a.polygon,
			crowd: a.planned!.crowd,
			from: a.planned!.from,
			to: a.planned!.to,
			...(a.planned!.routes ? { routes: a.planned!.routes } : {})
		}));
	return { areas, planned };
}

const KINDS = new Set(['mobilisation', 'surge', 'convergence']);
const SEVERITIES = new Set(['info', 'warning', 'critical']);

/** Problems of one alert against the alerts format (docs/formats.md); empty when valid. */
export function alertProblems(a: Alert): string[] {
	const p: string[] = [];
	if (typeof a.id !== 'string' || !a.id) p.push('id');
	if (!KINDS.has(a.kind)) p.push(`kind ${String(a.kind)}`);
	if (!Number.isFinite(Date.parse(a.detected_at))) p.push('detected_at');
	if (!Number.isFinite(a.lon) || !Number.isFinite(a.lat)) p.push('lon/lat');
	if (!Number.isFinite(a.radius_m) || a.radius_m < 0) p.push('radius_m');
	if (!SEVERITIES.has(a.severity)) p.push('severity');
	if (!Number.isFinite(a.score)) p.push('score');
	if (typeof a.summary !== 'string' || !a.summary.trim()) p.push('summary');
	if (!Array.isArray(a.evidence) || a.evidence.length > 50) p.push('evidence');
	if (a.expected_at !== undefined && !Number.isFinite(Date.parse(a.expected_at)))
		p.push('expected_at');
	return p;
}

function* hourly(
	gen: (from: number, to: number) => LocatedPost[],
	from: number,
	to: number,
	count: (n: number) => void
): Generator<LocatedPost[]> {
	for (let t = from; t < to; t += HOUR) {
		const posts = gen(t, Math.min(t + HOUR, to));
		count(posts.length);
		if (posts.length) yield posts;
	}
}

export function runScenario(o: RunOptions): ScenarioRun {
	const historyMs = o.historyMs ?? 7 * DAY;
	const batchMs = o.batchMs ?? 60_000;
	const scenario = createScenario(o.scenario, { seed: o.seed, places: o.places });
	const info = scenario.info;
	const [lon, lat] = info.view.center;
	// No author memory: the same post is located the same way whatever came before it.
	const locator = createLocator(o.places, { bias: { lon, lat }, authorContext: false });
	let generateMs = 0;
	const gen = (from: number, to: number): LocatedPost[] => {
		const t0 = performance.now();
		const posts = locator.locateAll(scenario.generate(from, to));
		generateMs += performance.now() - t0;
		return posts;
	};
	const start = Date.parse(info.start);
	const end = Date.parse(info.end);
	const dopts = detectorOptions(info);

	const states = o.detectors.map((d) => ({
		entry: d,
		det: d.create({ ...dopts, places: o.places }),
		versions: [] as AlertVersion[],
		invalid: [] as string[],
		learnMs: 0,
		streamMs: 0
	}));

	let historyPosts = 0;
	for (const s of states) {
		if (!s.det.learn || historyMs <= 0) continue;
		o.progress?.(`${o.scenario}: ${s.entry.name} learns from ${historyMs / DAY} day(s) of history`);
		let n = 0;
		const t0 = performance.now();
		const before = generateMs;
		s.det.learn(hourly(gen, start - historyMs, start, (k) => (n += k)));
		s.learnMs = performance.now() - t0 - (generateMs - before);
		historyPosts = n;
	}

	/** Stream time: the newest post pushed so far, or the last advance(). */
	let prevT = start;
	const collect = (s: (typeof states)[number], alerts: Alert[], at: number) => {
		for (const a of alerts) {
			const copy = structuredClone(a);
			const problems = alertProblems(copy);
			if (problems.length && s.invalid.length < 20)
				s.invalid.push(`${copy.id}: ${problems.join(', ')}`);
			s.versions.push({ alert: copy, at });
		}
	};

	let posts = 0;
	let lastProgress = 0;
	for (let h = start; h < end; h += HOUR) {
		const hEnd = Math.min(h + HOUR, end);
		const chunk = gen(h, hEnd);
		posts += chunk.length;
		let i = 0;
		for (let b = h; b < hEnd; b += batchMs) {
			const bEnd = Math.min(b + batchMs, hEnd);
			let j = i;
			while (j < chunk.length && chunk[j].t < bEnd) j++;
			const batch = chunk.slice(i, j);
			i = j;
			const last = batch.length ? Math.max(batch[batch.length - 1].t, prevT) : prevT;
			for (const s of states) {
				const t0 = performance.now();
				const got = batch.length ? s.det.push(batch) : [];
				const adv = s.det.advance ? s.det.advance(bEnd) : [];
				s.streamMs += performance.now() - t0;
				collect(s, got, last);
				collect(s, adv, bEnd);
			}
			prevT = bEnd;
		}
		if (performance.now() - lastProgress > 2000 || hEnd >= end) {
			lastProgress = performance.now();
			o.progress?.(
				`${o.scenario}: ${Math.round(((hEnd - start) / (end - start)) * 100)}% (${posts} posts)`
			);
		}
	}

	return {
		scenario: o.scenario,
		posts,
		historyPosts,
		generateMs,
		runs: states.map((s) => ({
			score: scoreScenario({
				scenario: o.scenario,
				detector: s.entry.name,
				from: start,
				to: end,
				labels: info.labels,
				...(info.quiet ? { quiet: true } : {}),
				versions: s.versions,
				match: o.match
			}),
			versions: s.versions,
			learnMs: s.learnMs,
			streamMs: s.streamMs,
			invalid: s.invalid
		}))
	};
}
