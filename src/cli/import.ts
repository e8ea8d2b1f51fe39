/**
 * `uitkijk import FILE...`: posts NDJSON or CSV files into the database through the ingest
 * pipeline (src/lib/ingest/pipeline.ts): validated, located, classified, pseudonymised, inserted
 * through `ingest_post_keys`; rejected lines go to the dead-letter store with their reasons.
 * Progress goes to stderr (a bar on a terminal, a line every 5 s otherwise); the summary too.
 * Exit code: 0 when every line was stored or was a duplicate, 1 when any line was rejected, 2 on
 * a usage, file or connection error.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CsvHeaderError, readPostsCsv } from '../lib/ingest/csv';
import type { IngestItem, Pipeline } from '../lib/ingest/pipeline';
import { openTarget, type Target } from './target';
import { readPostsStream } from '../lib/posts/ndjson';
import type { SimulateIo } from './simulate';

const USAGE = `usage: uitkijk import FILE... [--format ndjson|csv] [--db-url URL] [--batch N]
                     [--concurrency N]

  FILE             a posts NDJSON file (docs/formats.md), or a CSV file with a header row
                   naming the same fields (likes, reposts, replies for the engagement); "-" is
                   standard input (NDJSON unless --format csv)
  --format F       ndjson or csv (default: csv for *.csv, else ndjson)
  --db-url URL     write straight into a PostgreSQL database with the Uitkijk schema
                   (postgresql://user@host:port/db); needs UITKIJK_PSEUDONYM_KEY
  --batch N        posts per insert (default 5000)
  --concurrency N  inserts in flight (default 2)

Where the posts go, in this order:
  --db-url                          that database
  SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY in the environment
                                    that Supabase project (needs UITKIJK_PSEUDONYM_KEY)
  otherwise                         the embedded server started with \`npm start\`
                                    (http://127.0.0.1:$PORT, default 3000; keys from
                                    $UITKIJK_DATA/keys.json, default .uitkijk-data)

Exit code: 0 all lines stored or duplicates, 1 some lines rejected (listed, and kept in the
dead-letter store with their reasons), 2 usage, file or connection errors.
`;

/** Progress on stderr: a bar on a terminal, a plain line every 5 s otherwise. */
function progress(io: SimulateIo, total: number) {
	const tty = (io.stderr as NodeJS.WriteStream).isTTY === true;
	const t0 = performance.now();
	let last = 0;
	return {
		update(done: number, lines: number, force = false) {
			const now = performance.now();
			if (!force && now - last < (tty ? 200 : 5000)) return;
			last = now;
			const rate = Math.round(lines / Math.max(0.001, (now - t0) / 1000));
			const frac = total > 0 ? Math.min(1, done / total) : 0;
			if (tty) {
				const w = 30;
				const fill = Math.round(frac * w);
				io.stderr.write(
					`\r[${'#'.repeat(fill)}${' '.repeat(w - fill)}] ${Math.round(frac * 100)}% ${lines.toLocaleString('en')} lines, ${rate.toLocaleString('en')}/s `
				);
			} else
				io.stderr.write(
					`import: ${Math.round(frac * 100)}% ${lines.toLocaleString('en')} lines, ${rate.toLocaleString('en')}/s\n`
				);
		},
		end() {
			if (tty) io.stderr.write('\n');
		}
	};
}

async function* counted(
	stream: AsyncIterable<Buffer | string>,
	onBytes: (n: number) => void
): AsyncGenerator<Buffer | string> {
	for await (const chunk of stream) {
		onBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
		yield chunk;
	}
}

/** Items of one file for the pipeline. */
async function* itemsOf(
	file: string,
	format: 'ndjson' | 'csv',
	onBytes: (n: number) => void,
	warn: (m: string) => void
): AsyncGenerator<IngestItem> {
	const input = file === '-' ? process.stdin : createReadStream(file);
	if (format === 'csv') {
		input.setEncoding('utf8');
		for await (const r of readPostsCsv(counted(input, onBytes) as AsyncIterable<string>, {
			onHeader: (unknown) => {
				if (unknown.length) warn(`${file}: columns ignored: ${unknown.join(', ')}`);
			}
		}))
			yield r;
		return;
	}
	for await (const r of readPostsStream(counted(input, onBytes) as AsyncIterable<Uint8Array>)) {
		if ('post' in r) yield { line: r.line, post: r.post };
		else yield { line: r.error.line, error: r.error.reason, ...(r.raw ? { raw: r.raw } : {}) };
	}
}

export async function importFiles(argv: string[], io: SimulateIo): Promise<number> {
	let values;
	let files: string[];
	try {
		({ values, positionals: files } = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				format: { type: 'string' },
				'db-url': { type: 'string' },
				batch: { type: 'string' },
				concurrency: { type: 'string' },
				help: { type: 'boolean' }
			}
		}));
	} catch (err) {
		io.stderr.write(`uitkijk import: ${(err as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		io.stdout.write(USAGE);
		return 0;
	}
	if (!files.length) {
		io.stderr.write(`uitkijk import: no file given\n\n${USAGE}`);
		return 2;
	}
	if (values.format !== undefined && values.format !== 'ndjson' && values.format !== 'csv') {
		io.stderr.write(`uitkijk import: --format must be ndjson or csv, not ${values.format}\n`);
		return 2;
	}
	const batch = values.batch === undefined ? 5000 : Number(values.batch);
	const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
	if (!(Number.isInteger(batch) && batch >= 1 && batch <= 50_000)) {
		io.stderr.write('uitkijk import: --batch must be an integer 1..50000\n');
		return 2;
	}
	if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 8)) {
		io.stderr.write('uitkijk import: --concurrency must be an integer 1..8\n');
		return 2;
	}
	for (const f of files)
		if (f !== '-' && !existsSync(f)) {
			io.stderr.write(`uitkijk import: ${f}: no such file\n`);
			return 2;
		}

	let target: Target;
	try {
		target = await openTarget(values['db-url'], io.env);
	} catch (e) {
		io.stderr.write(`uitkijk import: ${(e as Error).message}\n`);
		return 2;
	}
	const { ingestPipeline } = await import('../lib/server/ingest.ts');
	const total = files.reduce((s, f) => s + (f === '-' ? 0 : statSync(f).size), 0);
	const bar = progress(io, total);
	let bytes = 0;
	let lines = 0;
	let anyRejected = false;
	const t0 = performance.now();
	try {
		io.stderr.write(`import: into ${target.describe}\n`);
		for (const file of files) {
			const format =
				(values.format as 'ndjson' | 'csv' | undefined) ??
				(file.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
			const pipeline: Pipeline = await ingestPipeline({
				store: target.store,
				pseudonymKey: target.pseudonymKey,
				entry: 'import',
				origin: file === '-' ? 'stdin' : basename(file),
				batchSize: batch,
				concurrency,
				keep: 'rejected'
			});
			let chunk: IngestItem[] = [];
			try {
				for await (const item of itemsOf(
					file,
					format,
					(n) => (bytes += n),
					(m) => io.stderr.write(`import: ${m}\n`)
				)) {
					chunk.push(item);
					lines++;
					if (chunk.length >= 1000) {
						await pipeline.add(chunk);
						chunk = [];
						bar.update(bytes, lines);
					}
				}
				await pipeline.add(chunk);
				await pipeline.flush();
			} catch (e) {
				if (e instanceof CsvHeaderError) {
					bar.end();
					io.stderr.write(`uitkijk import: ${file}: ${e.message}\n`);
					return 2;
				}
				throw e;
			}
			bar.update(bytes, lines, true);
			bar.end();
			const s = pipeline.summary();
			anyRejected ||= s.rejected > 0;
			io.stderr.write(
				`${file}: ${s.received.toLocaleString('en')} posts: ${s.stored.toLocaleString('en')} stored, ` +
					`${s.duplicates.toLocaleString('en')} duplicates, ${s.rejected.toLocaleString('en')} rejected\n`
			);
			if (s.rejected) {
				for (const [reason, n] of s.reasons.slice(0, 10))
					io.stderr.write(`  ${n.toLocaleString('en')} x ${reason}\n`);
				const shown = pipeline.outcomes.slice(0, 20);
				for (const x of shown) io.stderr.write(`  line ${x.line}: ${x.reason}\n`);
				if (s.rejected > shown.length)
					io.stderr.write(`  … and ${s.rejected - shown.length} more (in the dead-letter store)\n`);
			}
		}
	} catch (e) {
		bar.end();
		io.stderr.write(`uitkijk import: ${(e as Error).message}\n`);
		await target.close();
		return 2;
	}
	await target.close();
	const secs = (performance.now() - t0) / 1000;
	io.stderr.write(
		`import: ${lines.toLocaleString('en')} lines in ${secs.toFixed(1)} s (${Math.round(lines / secs).toLocaleString('en')} lines/s)\n`
	);
	return anyRejected ? 1 : 0;
}
