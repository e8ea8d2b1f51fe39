/**
 * Measures the post classifier (issue 5, item 3) on labelled sets: per class TP, FP, FN,
 * precision, recall and F1, for the labelled (development) set and the held-out set, which was
 * written after the rules were frozen and never tuned on; then the speed in texts/s on one core,
 * on ordinary posts (a generated scenario stream) and on the cue-rich labelled texts.
 *
 * Run: npx tsx scripts/eval-classify.ts [--file F]... [--verbose]
 *   --file F    evaluate F instead of the two default sets (repeatable)
 *   --verbose   list every error: the line, the text, what was expected and what came out
 * Exit code: 0 when the sets were read; 2 when a labelled file is invalid (line and reason on
 * stderr).
 */
import { readFileSync } from 'node:fs';
import { POST_CLASSES, classifyText, type PostClass } from '../src/lib/classify/classify';
import { createScenario, scenarioInfo } from '../src/lib/scenario/index';

const DEFAULT_FILES = [
	'tests/fixtures/classify/labelled.ndjson',
	'tests/fixtures/classify/heldout.ndjson'
];

export interface LabelledPost {
	id: string;
	text: string;
	classes: PostClass[];
	note?: string;
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
		for (const k of Object.keys(r))
			if (!['id', 'text', 'classes', 'note'].includes(k))
				throw new Error(`${where}: unknown field "${k}"`);
		out.push({
			id: r.id,
			text: r.text,
			classes: r.classes as PostClass[],
			note: r.note as string | undefined,
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
export function evaluate(posts: LabelledPost[]): {
	scores: Record<PostClass, ClassScore>;
	errors: EvalError[];
} {
	const scores = {} as Record<PostClass, ClassScore>;
	for (const c of POST_CLASSES) scores[c] = { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 };
	const errors: EvalError[] = [];
	for (const p of posts) {
		const got = classifyText(p.text).classes;
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
	return (x * 100).toFixed(1).padStart(6);
}

function table(scores: Record<PostClass, ClassScore>): string {
	const rows = ['class     TP   FP   FN  precision  recall      F1'];
	for (const c of POST_CLASSES) {
		const s = scores[c];
		rows.push(
			`${c.padEnd(8)} ${String(s.tp).padStart(3)}  ${String(s.fp).padStart(3)}  ${String(s.fn).padStart(3)}     ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}`
		);
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
	const files: string[] = [];
	for (let i = 0; i < argv.length; i++)
		if (argv[i] === '--file') {
			if (!argv[i + 1]) {
				console.error('--file needs a path');
				return 2;
			}
			files.push(argv[++i]);
		}
	const sets: [string, LabelledPost[]][] = [];
	for (const f of files.length ? files : DEFAULT_FILES) {
		try {
			sets.push([f, readLabelled(f)]);
		} catch (e) {
			console.error(`invalid labelled file: ${(e as Error).message}`);
			return 2;
		}
	}
	const all: string[] = [];
	for (const [file, posts] of sets) {
		const { scores, errors } = evaluate(posts);
		const counts = POST_CLASSES.map(
			(c) => `${c} ${posts.filter((p) => p.classes.includes(c)).length}`
		);
		const none = posts.filter((p) => p.classes.length === 0).length;
		console.log(`\n${file}: ${posts.length} posts (${counts.join(', ')}, none ${none})`);
		console.log(table(scores));
		if (verbose && errors.length) {
			console.log(`errors (${errors.length}):`);
			for (const e of errors)
				console.log(
					`  line ${e.post.line} ${e.post.id}: want [${e.post.classes.join(',')}] got [${e.got.join(',')}]  ${e.post.text}`
				);
		}
		for (const p of posts) all.push(p.text);
	}
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
