/**
 * Posts from CSV (RFC 4180) with a header row that names the posts format's fields (issue 5's
 * import). Streaming: text chunks in, records out, each with the line its record starts on.
 *
 * - Fields are separated by commas (or the given delimiter); a field in double quotes may hold
 *   delimiters, line breaks and doubled quotes (""). Line ends are LF or CRLF. A BOM is dropped.
 * - Header names are the format's fields (id, source, author, created_at, text, lon, lat, place,
 *   lang, reply_to, repost_of, url) and likes, reposts, replies (or engagement.likes, ...),
 *   case-insensitive. Other columns are ignored (`unknown` lists them).
 * - An empty cell is an absent field, except text, which is then the empty string. lon, lat and
 *   the counts are parsed as numbers ("52,37" with a decimal comma is not a number: rejected).
 * - A record with more cells than the header, or a quote that never closes, is an error of that
 *   record. A record longer than `maxRecordChars` (default 1 MiB) is skipped as an error.
 * Pure module.
 */

export const CSV_FIELDS = [
	'id',
	'source',
	'author',
	'created_at',
	'text',
	'lon',
	'lat',
	'place',
	'lang',
	'reply_to',
	'repost_of',
	'url',
	'likes',
	'reposts',
	'replies'
] as const;
type CsvField = (typeof CSV_FIELDS)[number];
const REQUIRED: CsvField[] = ['id', 'source', 'author', 'created_at', 'text'];
const NUMERIC = new Set<CsvField>(['lon', 'lat', 'likes', 'reposts', 'replies']);

export type CsvItem =
	| { line: number; value: Record<string, unknown>; raw: string }
	/** `value`: the cells by column as far as they go (extra cells in `_extra`), to redact the
	 * dead letter by field. */
	| { line: number; error: string; raw?: string; value?: Record<string, unknown> };

export class CsvHeaderError extends Error {}

export interface CsvOptions {
	delimiter?: string;
	maxRecordChars?: number;
}

/** Map a header row to fields; throws CsvHeaderError when a required field has no column. */
export function mapHeader(cells: string[]): { columns: (CsvField | null)[]; unknown: string[] } {
	const unknown: string[] = [];
	const seen = new Set<CsvField>();
	const columns = cells.map((c) => {
		const name = c
			.trim()
			.toLowerCase()
			.replace(/^engagement\./, '') as CsvField;
		if ((CSV_FIELDS as readonly string[]).includes(name) && !seen.has(name)) {
			seen.add(name);
			return name;
		}
		unknown.push(c);
		return null;
	});
	const missing = REQUIRED.filter((f) => !seen.has(f));
	if (missing.length)
		throw new CsvHeaderError(
			`CSV header: missing column(s) ${missing.join(', ')} (the header names the posts format's fields: ${CSV_FIELDS.join(', ')})`
		);
	return { columns, unknown };
}

/** A record as a post object for validation (the pipeline validates it). */
export function recordToValue(
	cells: string[],
	columns: (CsvField | null)[]
): Record<string, unknown> | string {
	if (cells.length > columns.length)
		return `${cells.length} cells, but the header has ${columns.length} columns`;
	const v: Record<string, unknown> = {};
	const engagement: Record<string, unknown> = {};
	for (let i = 0; i < columns.length; i++) {
		const f = columns[i];
		if (!f) continue;
		const cell = cells[i] ?? '';
		if (cell === '') {
			if (f === 'text') v.text = '';
			continue;
		}
		let value: unknown = cell;
		if (NUMERIC.has(f)) {
			const n = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(cell) ? Number(cell) : NaN;
			if (!Number.isFinite(n)) return `${f}: "${cell.slice(0, 40)}" is not a number`;
			value = n;
		}
		if (f === 'likes' || f === 'reposts' || f === 'replies') engagement[f] = value;
		else v[f] = value;
	}
	if (Object.keys(engagement).length) v.engagement = engagement;
	return v;
}

/** A record's cells by column name, without parsing (extra cells in `_extra`). */
function cellsByColumn(cells: string[], columns: (CsvField | null)[]): Record<string, unknown> {
	const v: Record<string, unknown> = {};
	columns.forEach((f, i) => {
		if (f && i < cells.length) v[f] = cells[i];
	});
	if (cells.length > columns.length) v._extra = cells.slice(columns.length);
	return v;
}

/** Parse CSV text chunks into post values with their line numbers. The first record is the
 * header; `onHeader` gets the columns that are ignored. Throws CsvHeaderError for a header
 * without the required columns. */
export async function* readPostsCsv(
	chunks: AsyncIterable<string> | Iterable<string>,
	opts: CsvOptions & { onHeader?: (unknown: string[]) => void } = {}
): AsyncGenerator<CsvItem, void, undefined> {
	const delim = opts.delimiter ?? ',';
	const max = opts.maxRecordChars ?? 1 << 20;
	const START = 0; // at the start of a field
	const PLAIN = 1; // in an unquoted field (or after a closing quote)
	const QUOTED = 2; // inside quotes
	const QUOTE = 3; // a quote inside quotes: a doubled quote or the closing one
	let state = START;
	let columns: (CsvField | null)[] | null = null;
	let cells: string[] = [];
	let cell = '';
	let line = 1;
	let recLine = 1;
	let recChars = 0;
	let raw = '';
	let tooLong = false;
	let first = true;
	let skipLf = false;

	function* endRecord(): Generator<CsvItem> {
		cells.push(cell);
		const rec = cells;
		const r = raw;
		const startLine = recLine;
		const long = tooLong;
		cells = [];
		cell = '';
		raw = '';
		recChars = 0;
		tooLong = false;
		state = START;
		if (long) {
			yield { line: startLine, error: `record longer than ${max} characters` };
			return;
		}
		if (rec.length === 1 && rec[0].trim() === '') return; // a blank line
		if (!columns) {
			const h = mapHeader(rec);
			columns = h.columns;
			opts.onHeader?.(h.unknown);
			return;
		}
		const v = recordToValue(rec, columns);
		if (typeof v === 'string')
			yield { line: startLine, error: v, raw: r, value: cellsByColumn(rec, columns) };
		else yield { line: startLine, value: v, raw: r };
	}

	for await (let chunk of chunks) {
		if (first) {
			if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
			first = false;
		}
		let start = 0;
		for (let i = 0; i < chunk.length; i++) {
			const c = chunk[i];
			if (skipLf) {
				skipLf = false;
				if (c === '\n') {
					start = i + 1;
					continue;
				}
			}
			if (++recChars > max && !tooLong) {
				tooLong = true;
				cells = [];
				cell = '';
			}
			if (state === QUOTED) {
				if (c === '"') state = QUOTE;
				else {
					if (!tooLong) cell += c;
					if (c === '\n') line++;
				}
				continue;
			}
			if (state === QUOTE) {
				if (c === '"') {
					if (!tooLong) cell += '"';
					state = QUOTED;
					continue;
				}
				state = PLAIN;
			}
			if (state === START && c === '"') {
				state = QUOTED;
				continue;
			}
			if (c === delim) {
				if (!tooLong) cells.push(cell);
				cell = '';
				state = START;
			} else if (c === '\n' || c === '\r') {
				if (!tooLong) raw += chunk.slice(start, i);
				yield* endRecord();
				if (c === '\r') skipLf = true;
				line++;
				recLine = line;
				start = i + 1;
			} else {
				if (!tooLong) cell += c;
				state = PLAIN;
			}
		}
		if (!tooLong) raw += chunk.slice(start);
	}
	if (state === QUOTED) {
		yield { line: recLine, error: 'a quoted field is not closed before the end of the file' };
		return;
	}
	if (cell !== '' || cells.length || state === QUOTE) yield* endRecord();
}
