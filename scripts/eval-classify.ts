/**
 * Measures the post classifier (issue 5 item 3, issue 12 item 6) on labelled sets: per class
 * TP, FP, FN, precision, recall and F1, side by side for
 * - labelled: written by the people who tuned the rules (tuned on);
 * - dev: real text, close paraphrases of public pages (tests/fixtures/classify/REAL.md), tuned on;
 * - held-out old: written after the first rules were frozen, never tuned on;
 * - held-out new: real text like dev, split from it by source page, never tuned on;
 * - held-out all: old and new together (the figure issue 12 sets targets on);
 * then the speed in texts/s on one core, on ordinary posts (a generated scenario stream) and on
 * the cue-rich labelled texts.
 *
 * The classifier is the rules with the committed learned part (src/lib/classify/model.json);
 * `--rules` measures the rules alone.
 *
 * Run: npx tsx scripts/eval-classify.ts [--file F]... [--verbose] [--set NAME]... [--rules]
 *   --file F    evaluate F instead of the default sets (repeatable)
 *   --set NAME  with --verbose: list errors only for these sets (labelled, dev, heldout-old,
 *               heldout-new); tuning must never look at the held-out errors
 *   --verbose   list every error: the line, the text, what was expected and what came out
 *   --rules     the rules alone, without the learned part
 * Exit code: 0 when the sets were read; 2 when a labelled file is invalid (line and reason on
 * stderr).
 */
import { readFileSync } from 'node:fs';
import { POST_CLASSES, classifyText, type PostClass } from '../src/lib/classify/classify';
import { createScenario, scenarioInfo } from '../src/lib/scenario/index';

/** The default sets: name and file. */
const DEFAULT_SETS: [string, string][] = [
	['labelled', 'tests/fixtures/classify/labelled.ndjson'],
	['dev', 'tests/fixtures/classify/real-dev.ndjson'],
	['heldout-old', 'tests/fixtures/classify/heldout.ndjson'],
	['heldout-new', 'tests/fixtures/classify/real-heldout.ndjson']
];

export interface LabelledPost {
	id: string;
	text: string;
	classes: PostClass[];
	note?: string;
	/** the public page the post paraphrases (real-text sets) */
	source?: string;
	/** "written": no source page; written by hand where real text was lacking */
	origin?: 'written';
	line: number;
}

/** Parse a labelled NDJSON file; throws `file:line: reason` on the first invalid line. */
export function readLabelled(file: string): LabelledPost[] {
	const raw = readFileSync(file, 'utf8');
	const out: LabelledPost[] = [];
	const ids = new Set<string>();
	const lines = raw.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (!line) continue;
		const where = `${file}:${i + 1}`;
		let o: unknown;
		try {
			o = JSON.parse(line);
		} catch (e) {
			throw new Error(`${where}: invalid JSON (${(e as Error).message})`);
		}
		if (!o || typeof o !== 'object' || Array.isArray(o))
			throw new Error(`${where}: not a JSON object`);
		const r = o as Record<string, unknown>;
		if (typeof r.id !== 'string' || !r.id) throw new Error(`${where}: "id" must be a string`);
		if (ids.has(r.id)) throw new Error(`${where}: duplicate id "${r.id}"`);
		ids.add(r.id);
		if (typeof r.text !== 'string' || !r.text.trim())
			throw new Error(`${where}: "text" must be a non-empty string`);
		if (!Array.isArray(r.classes)) throw new Error(`${where}: "classes" must be an array`);
		for (const c of r.classes)
			if (!(POST_CLASSES as readonly unknown[]).includes(c))
				throw new Error(`${where}: unknown class ${JSON.stringify(c)}`);
		if (new Set(r.classes).size !== r.classes.length)
			throw new Error(`${where}: a class is listed twice`);
		if (r.note !== undefined && typeof r.note !== 'string')
			throw new Error(`${where}: "note" must be a string`);
		if (
			r.source !== undefined &&
			(typeof r.source !== 'string' || !/^https?:\/\/\S+$/.test(r.source))
		)
			throw new Error(`${where}: "source" must be an http(s) address`);
		if (r.origin !== undefined && r.origin !== 'written')
			throw new Error(`${where}: "origin" must be "written"`);
		if (r.origin !== undefined && r.source !== undefined)
			throw new Error(`${where}: a written post has no "source"`);
		for (const k of Object.keys(r))
			if (!['id', 'text', 'classes', 'note', 'source', 'origin'].includes(k))
				throw new Error(`${where}: unknown field "${k}"`);
		out.push({
			id: r.id,
			text: r.text,
			classes: r.classes as PostClass[],
			note: r.note as string | undefined,
			source: r.source as string | undefined,
			origin: r.origin as 'written' | undefined,
			line: i + 1
		});
	}
	if (out.length === 0) throw new Error(`${file}: no labelled lines`);
	return out;
}

export interface ClassScore {
	tp: number;
	fp: number;
	fn: number;
	precision: number;
	recall: number;
	f1: number;
}

export interface EvalError {
	post: LabelledPost;
	got: PostClass[];
}

/** Per class counts and scores of the classifier on a set, and the posts it got wrong. */
export function evaluate(
	posts: LabelledPost[],
	opts?: { model?: null }
): {
	scores: Record<PostClass, ClassScore>;
	errors: EvalError[];
} {
	const scores = {} as Record<PostClass, ClassScore>;
	for (const c of POST_CLASSES) scores[c] = { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 };
	const errors: EvalError[] = [];
	for (const p of posts) {
		const got = classifyText(p.text, opts).classes;
		let wrong = false;
		for (const c of POST_CLASSES) {
			const want = p.classes.includes(c);
			const has = got.includes(c);
			if (want && has) scores[c].tp++;
			else if (has) {
				scores[c].fp++;
				wrong = true;
			} else if (want) {
				scores[c].fn++;
				wrong = true;
			}
		}
		if (wrong) errors.push({ post: p, got });
	}
	for (const c of POST_CLASSES) {
		const s = scores[c];
		s.precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
		s.recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
		s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
	}
	return { scores, errors };
}

function pct(x: number): string {
	return (x * 100).toFixed(1).padStart(5);
}

/** One row per class, one column group (P, R, F1, TP/FP/FN) per set. */
function table(sets: { name: string; scores: Record<PostClass, ClassScore> }[]): string {
	const w = 29;
	const head = 'class   ' + sets.map((s) => s.name.padEnd(w)).join('');
	const sub = '        ' + sets.map(() => '    P     R    F1   TP/FP/FN'.padEnd(w)).join('');
	const rows = [head, sub];
	for (const c of POST_CLASSES) {
		let row = c.padEnd(8);
		for (const { scores } of sets) {
			const s = scores[c];
			row += `${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}  ${s.tp}/${s.fp}/${s.fn}`.padEnd(w);
		}
		rows.push(row);
	}
	return rows.join('\n');
}

/** Texts per second over the given texts, repeated to about half a second, after a warm-up. */
function speed(texts: string[]): number {
	let sink = 0;
	for (let i = 0; i < 2_000; i++) sink += classifyText(texts[i % texts.length]).classes.length;
	let n = 0;
	const t0 = performance.now();
	let t = t0;
	while (t - t0 < 500) {
		for (let i = 0; i < texts.length; i++) sink += classifyText(texts[i]).classes.length;
		n += texts.length;
		t = performance.now();
	}
	if (sink < 0) console.log(sink);
	return (n / (t - t0)) * 1000;
}

/** A realistic stream: 6 h of two generated scenarios (a busy city, a quiet day), distinct texts. */
function streamTexts(): string[] {
	const out = new Set<string>();
	for (const name of ['busy-city', 'quiet-day']) {
		const t0 = Date.parse(scenarioInfo(name).start);
		for (const p of createScenario(name, { seed: 1 }).generate(t0, t0 + 6 * 3_600_000))
			if (p.text) out.add(p.text);
	}
	return [...out];
}

function main(argv: string[]): number {
	const verbose = argv.includes('--verbose');
	const opts = argv.includes('--rules') ? { model: null } : undefined;
	const files: string[] = [];
	const only: string[] = [];
	for (let i = 0; i < argv.length; i++)
		if (argv[i] === '--file' || argv[i] === '--set') {
			if (!argv[i + 1]) {
				console.error(`${argv[i]} needs a value`);
				return 2;
			}
			(argv[i] === '--file' ? files : only).push(argv[++i]);
		}
	const named: [string, string][] = files.length
		? files.map((f) => [f.replace(/^.*\//, '').replace(/\.ndjson$/, ''), f])
		: DEFAULT_SETS;
	const sets: { name: string; file: string; posts: LabelledPost[] }[] = [];
	for (const [name, file] of named) {
		try {
			sets.push({ name, file, posts: readLabelled(file) });
		} catch (e) {
			console.error(`invalid labelled file: ${(e as Error).message}`);
			return 2;
		}
	}
	const old = sets.find((s) => s.name === 'heldout-old');
	const neu = sets.find((s) => s.name === 'heldout-new');
	const columns = sets.map((s) => ({ name: s.name, posts: s.posts }));
	if (old && neu) columns.push({ name: 'heldout-all', posts: [...old.posts, ...neu.posts] });
	const all: string[] = [];
	const results = columns.map((c) => ({ name: c.name, ...evaluate(c.posts, opts) }));
	for (const c of columns) {
		const counts = POST_CLASSES.map(
			(k) => `${k} ${c.posts.filter((p) => p.classes.includes(k)).length}`
		);
		const none = c.posts.filter((p) => p.classes.length === 0).length;
		console.log(`${c.name}: ${c.posts.length} posts (${counts.join(', ')}, none ${none})`);
	}
	console.log(
		`\n${opts ? 'rules alone' : 'rules and the learned part (model.json)'}\n` + table(results)
	);
	// Official information (police, municipality, organiser, NL-Alert; note "official") must
	// never land in the help queue.
	const official = columns
		.map((c) => {
			const off = c.posts.filter((p) => p.note === 'official');
			const inHelp = off.filter((p) => classifyText(p.text, opts).classes.includes('help')).length;
			return off.length ? `${c.name} ${inHelp}/${off.length}` : '';
		})
		.filter(Boolean);
	if (official.length)
		console.log(`\nofficial information posts in the help queue: ${official.join(', ')}`);
	if (verbose)
		for (const r of results) {
			if (r.name === 'heldout-all' || (only.length && !only.includes(r.name))) continue;
			if (!r.errors.length) continue;
			console.log(`\n${r.name} errors (${r.errors.length}):`);
			for (const e of r.errors)
				console.log(
					`  line ${e.post.line} ${e.post.id}: want [${e.post.classes.join(',')}] got [${e.got.join(',')}]  ${e.post.text}`
				);
		}
	for (const s of sets) for (const p of s.posts) all.push(p.text);
	const stream = streamTexts();
	const streamSpeed = speed(stream);
	const labelledSpeed = speed(all);
	const fmt = (x: number) => Math.round(x).toLocaleString('en');
	console.log(
		`\nspeed (one core): ${fmt(streamSpeed)} texts/s on ordinary posts (${stream.length} distinct texts of a generated stream), ${fmt(labelledSpeed)} texts/s on the labelled texts (nearly all cue-rich)`
	);
	return 0;
}

if (
	import.meta.url === `file://${process.argv[1]}` ||
	process.argv[1]?.endsWith('eval-classify.ts')
)
	process.exitCode = main(process.argv.slice(2));
