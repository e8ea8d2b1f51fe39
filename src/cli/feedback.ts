/**
 * `uitkijk feedback [--since ISO] [--db-url URL]`: the incidents that users marked as a false
 * alarm ("onterecht"), as NDJSON on stdout (src/lib/detection/feedback.ts: incident_id, place,
 * lon, lat, radius_m, from, to, marked_at, who, reason, alerts, kinds), read through
 * `incident_feedback` with the service role on the same targets as `uitkijk import`. The file it
 * writes is what `uitkijk eval --feedback FILE` counts as labelled false positives.
 * Exit code: 0 done, 1 the read failed, 2 usage or connection error.
 */
import { parseArgs } from 'node:util';
import { toFalseAlarm } from '../lib/detection/feedback';
import type { SimulateIo } from './simulate';
import { openTarget, type Target } from './target';

export const FEEDBACK_USAGE = `usage: uitkijk feedback [--since ISO] [--db-url URL]

Prints the incidents marked as a false alarm ("onterecht") as NDJSON, one a line: incident_id,
place, lon, lat, radius_m, from, to (its time range), marked_at, who, reason, alerts, kinds.
Give the file to \`uitkijk eval --feedback FILE\` to count the evaluation's alerts that fall on
them beside its own false count.

  --since ISO      only those marked at or after this time (stream time where a scenario plays)
  --db-url URL     a PostgreSQL database with the Uitkijk schema (postgresql://user@host:port/db)

Where it reads, in this order: --db-url; SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY in the
environment; otherwise the embedded server started with \`npm start\` (http://127.0.0.1:$PORT,
default 3000; its service key from $UITKIJK_DATA/keys.json, default .uitkijk-data).

Exit code: 0 done, 1 the read failed, 2 usage or connection errors.
`;

export function parseFeedbackArgs(argv: string[]): {
	since?: string;
	dbUrl?: string;
	help: boolean;
} {
	const { values } = parseArgs({
		args: argv,
		options: {
			since: { type: 'string' },
			'db-url': { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		},
		allowPositionals: false,
		strict: true
	});
	const dbUrl = values['db-url'];
	if (dbUrl !== undefined && !/^postgres(ql)?:\/\//.test(dbUrl))
		throw new Error(`--db-url must be a postgresql:// URL, got "${dbUrl}"`);
	const since = values.since;
	if (since !== undefined && !Number.isFinite(Date.parse(since)))
		throw new Error(`--since must be an ISO 8601 time, got "${since}"`);
	return { since, dbUrl, help: values.help === true };
}

export async function feedback(
	argv: string[],
	io: SimulateIo,
	open: (dbUrl: string | undefined, env: NodeJS.ProcessEnv) => Promise<Target> = openTarget
): Promise<number> {
	let args: ReturnType<typeof parseFeedbackArgs>;
	try {
		args = parseFeedbackArgs(argv);
	} catch (e) {
		io.stderr.write(`uitkijk feedback: ${(e as Error).message}\n\n${FEEDBACK_USAGE}`);
		return 2;
	}
	if (args.help) {
		io.stdout.write(FEEDBACK_USAGE);
		return 0;
	}
	let target: Target;
	try {
		// The targets are those of `import`, which needs the pseudonym key; this only reads.
		target = await open(args.dbUrl, {
			...io.env,
			UITKIJK_PSEUDONYM_KEY: io.env.UITKIJK_PSEUDONYM_KEY ?? '0'.repeat(64)
		});
	} catch (e) {
		io.stderr.write(`uitkijk feedback: ${(e as Error).message}\n`);
		return 2;
	}
	try {
		const rows = await target.rpc('incident_feedback', {
			since: args.since ? new Date(args.since).toISOString() : null
		});
		let n = 0;
		for (const row of Array.isArray(rows) ? rows : []) {
			const r = toFalseAlarm(row);
			if (!r.ok) {
				io.stderr.write(`uitkijk feedback: skipping a row (${r.reason})\n`);
				continue;
			}
			io.stdout.write(JSON.stringify(r.value) + '\n');
			n++;
		}
		io.stderr.write(`uitkijk feedback: ${n} false alarm(s) from ${target.describe}\n`);
		return 0;
	} catch (e) {
		io.stderr.write(`uitkijk feedback: ${(e as Error).message}\n`);
		return 1;
	} finally {
		await target.close();
	}
}
