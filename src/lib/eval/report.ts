/**
 * The evaluation's text report: a table per scenario, the targets, and the comparison with the
 * baselines. Pure module.
 */
import type { Comparison, ScenarioScore } from './score';

function pad(s: string, n: number): string {
	return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function padL(s: string, n: number): string {
	return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** Lead time in minutes as text: "-26.4 h", "+7 min", "-" when absent. */
export function formatLead(min: number | undefined): string {
	if (min === undefined) return '-';
	const sign = min < 0 ? '-' : '+';
	const a = Math.abs(min);
	return a >= 120 ? `${sign}${(a / 60).toFixed(1)} h` : `${sign}${a} min`;
}

function table(rows: string[][], right: boolean[]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	return rows
		.map((r) =>
			r
				.map((cell, c) => (right[c] ? padL(cell, widths[c]) : pad(cell, widths[c])))
				.join('  ')
				.trimEnd()
		)
		.join('\n');
}

/** The report of one scenario: one row per detector, then per-label lead times and targets. */
export function formatScenario(
	scores: ScenarioScore[],
	meta: { title?: string; posts?: number } = {}
): string {
	if (!scores.length) return '';
	const s0 = scores[0];
	const lines: string[] = [];
	lines.push(
		`== ${s0.scenario}${meta.title ? ` — ${meta.title}` : ''} (${s0.from} .. ${s0.to}, ${s0.hours.toFixed(0)} h${meta.posts !== undefined ? `, ${meta.posts} posts` : ''})`
	);
	const labelCols = s0.labels.filter((l) => l.role !== 'planned');
	const head = [
		'detector',
		'alerts',
		'true',
		'false',
		'neutral',
		'false/24h',
		'max false/day',
		'labels',
		...labelCols.map((l) => `lead ${l.id}`),
		'targets'
	];
	const rows = [head];
	for (const s of scores) {
		const passed = s.targets.filter((t) => t.pass).length;
		rows.push([
			s.detector,
			String(s.alerts),
			String(s.trueAlerts),
			String(s.falseAlerts),
			String(s.neutralAlerts),
			s.falsePer24h.toFixed(1),
			String(Math.max(0, ...(s.falsePerDay ?? []).map((d) => d.n))),
			`${s.matchedLabels}/${s.matchableLabels}`,
			...labelCols.map((l) => formatLead(s.labels.find((x) => x.id === l.id)?.leadMin)),
			s.targets.length ? `${passed}/${s.targets.length}` : '-'
		]);
	}
	lines.push(
		table(
			rows,
			head.map((_, i) => i > 0 && i < head.length)
		)
	);
	if (labelCols.length)
		lines.push(
			'  lead = first matching alert minus the reference onset (negative = before): ' +
				labelCols.map((l) => `${l.id}: ${l.role}, ref ${l.reference}`).join('; ')
		);
	for (const s of scores)
		for (const t of s.targets)
			lines.push(
				`  ${t.pass ? 'PASS' : 'FAIL'} ${pad(s.detector, 12)} ${t.name}${t.label ? ` (${t.label})` : ''}: ${t.detail}`
			);
	return lines.join('\n') + '\n';
}

/** Comparison lines: detector against each baseline over all scenarios. */
export function formatComparisons(cs: Comparison[]): string {
	if (!cs.length) return '';
	const lines = ['== detector against the baselines (all scenarios run)'];
	for (const c of cs)
		lines.push(
			`  ${c.better ? 'BETTER' : 'NOT BETTER'} ${c.detector} vs ${c.baseline}: matched labels ${c.trueDetector} vs ${c.trueBaseline}, false alarms ${c.falseDetector} vs ${c.falseBaseline}`
		);
	return lines.join('\n') + '\n';
}
