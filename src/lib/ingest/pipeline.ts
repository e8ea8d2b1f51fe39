/**
 * The ingest pipeline (issue 5): the one path every entry takes into the database: the file
 * import, POST /api/ingest, the open-network adapters.
 *
 *   validate (docs/formats.md) → normalise → de-duplicate within the request → locate →
 *   classify → pseudonymise → batch insert (`ingest_post_keys`, the insert path of the scenario
 *   feeder) → dead letters (`record_rejects`) for what was rejected, with the reason.
 *
 * Every item gets an outcome, in order: `stored`, `duplicate` (the same (source, id) earlier in
 * the request, or already in the database) or `rejected` with the reason. Nothing valid is
 * dropped: a bad line rejects only itself.
 *
 * Normalisation: text and place are put in Unicode NFC, and control characters other than tab
 * and line breaks (C0, DEL, C1) and the bidirectional embedding, override and isolate controls
 * (U+202A–U+202E, U+2066–U+2069, which can make a text display as something else) are removed.
 * id, author and the other fields are kept exactly as sent (they are keys).
 *
 * References that name an account (id, url, reply_to, repost_of: an at:// URI, a Mastodon
 * status URL) are stored pseudonymised (refs.ts, in ingestRow), the raw values apart.
 *
 * Dead letters keep the line as received (`raw`, readable only by a prosecutor, since it can
 * hold a handle) and a copy with everything that names an account removed or pseudonymised
 * (`raw_redacted`, what analysts see; redact.ts); their reason and post id are redacted too.
 *
 * Pure module: the store (database), the locator, the classifier and the keyed hash are passed
 * in, so the command line, the server and the tests share it.
 */
import type { Locator } from '../geo/locate';
import type { Post } from '../posts/post';
import { validatePost } from '../posts/validate';
import { redactDeadLetter } from './redact';
import { namesAccount, redactText, refToken } from './refs';
import { ingestRow, type IngestRow, type Pseudonymise } from './rows';

export type Entry = 'import' | 'api' | 'bluesky' | 'mastodon' | 'feed';

/** One item as an entry hands it over: a parsed value, or a line that could not be parsed. */
export type IngestItem =
	| { line: number; value: unknown; raw?: string }
	/** `value`: what could be read of the line (a CSV record's cells by column), only used to
	 * redact the dead letter. */
	| { line: number; error: string; raw?: string; value?: unknown }
	/** A post that has passed validatePost already (the NDJSON reader validates). */
	| { line: number; post: Post };

export type Status = 'stored' | 'duplicate' | 'rejected';

export interface Outcome {
	line: number;
	status: Status;
	source?: string;
	id?: string;
	/** Why it was rejected. */
	reason?: string;
}

/** A rejected line as the dead-letter store takes it (`record_rejects`). */
export interface RejectRow {
	entry: Entry;
	origin: string;
	line: number;
	reason: string;
	source?: string;
	post_id?: string;
	raw_redacted?: string;
	raw?: string;
}

export interface Store {
	/** Insert rows; resolves to the keys (`source\u0000id`) of the rows stored. */
	insert(rows: IngestRow[]): Promise<Set<string>>;
	/** Keep rejected lines. */
	reject(rows: RejectRow[]): Promise<void>;
}

export interface PipelineOptions {
	store: Store;
	locator: Locator;
	pseudonymise: Pseudonymise;
	/** Classes of a post (help, report, threat, gather); none when absent. */
	classify?: (post: Post) => string[];
	entry: Entry;
	/** Where the items come from: a file name, an API key's name, a stream. */
	origin: string;
	/** Only this source is accepted (an API key bound to one source system). */
	onlySource?: string;
	/** Rows per insert (default 5000). */
	batchSize?: number;
	/** Inserts in flight at once (default 1). */
	concurrency?: number;
	/** Which outcomes `outcomes` keeps: every line (the API's answer; default) or only the
	 * rejected ones (a file import of millions of lines: memory stays bounded). The summary
	 * counts all of them either way. */
	keep?: 'all' | 'rejected';
}

export interface Summary {
	received: number;
	stored: number;
	duplicates: number;
	rejected: number;
	/** Rejections per reason (the reason without quoted values), most frequent first. */
	reasons: [string, number][];
}

export interface Pipeline {
	/** Take items; resolves when they are handed to the store (their outcomes may still be
	 * pending while inserts are in flight, up to `concurrency`). */
	add(items: IngestItem[]): Promise<void>;
	/** Insert what is buffered and wait for every insert; then the outcomes are final. */
	flush(): Promise<void>;
	/** Outcomes of the items so far, in the order given (with keep: 'rejected', only those). */
	readonly outcomes: Outcome[];
	summary(): Summary;
}

// C0 controls except tab, line feed and carriage return; DEL; C1; bidi embeddings, overrides and
// isolates.
// eslint-disable-next-line no-control-regex
const STRIP_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

// Printable ASCII, tab and line breaks: already NFC and nothing to strip (most posts).
const PLAIN_RE = /^[\t\n\r\x20-\x7e]*$/;

/** Text as stored and shown: NFC, without control and bidi override characters. */
export function normaliseText(s: string): string {
	if (PLAIN_RE.test(s)) return s;
	return s.normalize('NFC').replace(STRIP_RE, '');
}

/** The post with its text and place normalised. */
export function normalisePost(p: Post): Post {
	const out: Post = { ...p, text: normaliseText(p.text) };
	if (p.place !== undefined) out.place = normaliseText(p.place);
	return out;
}

/** A reason without the values it quotes, to count reasons by kind. */
function reasonKind(reason: string): string {
	return reason
		.replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
		.replace(/\b\d+(\.\d+)?\b/g, 'N')
		.slice(0, 120);
}

const RAW_MAX = 4096;
const SEEN_MAX = 1_000_000;

export function createPipeline(o: PipelineOptions): Pipeline {
	const batchSize = Math.max(1, o.batchSize ?? 5000);
	const concurrency = Math.max(1, o.concurrency ?? 1);
	const keepAll = (o.keep ?? 'all') === 'all';
	const outcomes: Outcome[] = [];
	const counts = { received: 0, stored: 0, duplicates: 0, rejected: 0 };
	const seen = new Set<string>();
	const reasons = new Map<string, number>();
	let rows: { row: IngestRow; out: Outcome | null }[] = [];
	let rejects: RejectRow[] = [];
	const inFlight: Promise<void>[] = [];
	let failure: unknown = null;

	function reject(item: IngestItem, reason: string): void {
		const v = 'value' in item ? item.value : 'post' in item ? item.post : undefined;
		const rec = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
		const source = typeof rec.source === 'string' ? rec.source.slice(0, 200) : undefined;
		const id = typeof rec.id === 'string' ? rec.id.slice(0, 200) : undefined;
		outcomes.push({ line: item.line, status: 'rejected', reason, source, id });
		counts.received++;
		counts.rejected++;
		const k = reasonKind(reason);
		reasons.set(k, (reasons.get(k) ?? 0) + 1);
		const given = 'raw' in item ? item.raw : undefined;
		const raw = given ?? (v !== undefined ? safeStringify(v) : undefined);
		const redacted = redactDeadLetter(given, v, o.pseudonymise, RAW_MAX);
		// What analysts see: the reason can quote the line (a JSON parser's message does), and
		// the post's id can name its author.
		const row: RejectRow = {
			entry: o.entry,
			origin: o.origin.slice(0, 500),
			line: item.line,
			reason: redactText(reason)
		};
		if (source !== undefined) row.source = source;
		if (id !== undefined)
			row.post_id = namesAccount(source ?? 'mastodon', id)
				? refToken(o.pseudonymise, source ?? 'mastodon', id)
				: id;
		if (raw !== undefined) row.raw = raw.slice(0, RAW_MAX);
		if (redacted !== undefined) row.raw_redacted = redacted;
		rejects.push(row);
	}

	function take(item: IngestItem): void {
		if ('error' in item) return reject(item, item.error);
		let valid: Post;
		if ('post' in item) valid = item.post;
		else {
			const checked = validatePost(item.value);
			if (!checked.ok) return reject(item, checked.reason);
			valid = checked.post;
		}
		const post = normalisePost(valid);
		if (o.onlySource !== undefined && post.source !== o.onlySource)
			return reject(
				item,
				`source: this API key may only send source "${o.onlySource}", not "${post.source}"`
			);
		const key = `${post.source}\u0000${post.id}`;
		counts.received++;
		if (seen.has(key)) {
			counts.duplicates++;
			if (keepAll)
				outcomes.push({ line: item.line, status: 'duplicate', source: post.source, id: post.id });
			return;
		}
		// Bounded: the database de-duplicates what this forgets.
		if (seen.size >= SEEN_MAX) seen.clear();
		seen.add(key);
		const loc = o.locator.locate(post);
		const row = ingestRow(
			{
				...post,
				method: loc.method,
				...(loc.pos ? { pos: loc.pos } : {}),
				...(loc.precision_m !== undefined ? { precision_m: loc.precision_m } : {}),
				...(loc.place !== undefined ? { located_as: loc.place } : {})
			},
			o.pseudonymise
		);
		const classes = o.classify?.(post) ?? [];
		if (classes.length) row.classes = classes;
		// Pending until the insert answers.
		let out: Outcome | null = null;
		if (keepAll) {
			out = { line: item.line, status: 'duplicate', source: post.source, id: post.id };
			outcomes.push(out);
		}
		rows.push({ row, out });
	}

	async function send(
		batch: { row: IngestRow; out: Outcome | null }[],
		dead: RejectRow[]
	): Promise<void> {
		if (batch.length) {
			const stored = await o.store.insert(batch.map((b) => b.row));
			for (const b of batch) {
				const ok = stored.has(`${b.row.source}\u0000${b.row.id}`);
				if (ok) counts.stored++;
				else counts.duplicates++;
				if (b.out) b.out.status = ok ? 'stored' : 'duplicate';
			}
		}
		if (dead.length) await o.store.reject(dead);
	}

	async function launch(): Promise<void> {
		const batch = rows;
		const dead = rejects;
		rows = [];
		rejects = [];
		if (!batch.length && !dead.length) return;
		const p = send(batch, dead).catch((e) => {
			failure ??= e;
		});
		inFlight.push(p);
		p.finally(() => {
			const i = inFlight.indexOf(p);
			if (i >= 0) inFlight.splice(i, 1);
		});
		while (inFlight.length >= concurrency) await Promise.race(inFlight);
		if (failure) throw failure;
	}

	return {
		outcomes,
		async add(items: IngestItem[]): Promise<void> {
			if (failure) throw failure;
			for (const item of items) {
				take(item);
				if (rows.length >= batchSize || rejects.length >= batchSize) await launch();
			}
		},
		async flush(): Promise<void> {
			await launch();
			await Promise.all(inFlight);
			if (failure) throw failure;
		},
		summary(): Summary {
			return {
				...counts,
				reasons: [...reasons].sort((a, b) => b[1] - a[1])
			};
		}
	};
}

function safeStringify(v: unknown): string | undefined {
	try {
		return JSON.stringify(v);
	} catch {
		return undefined;
	}
}
