/**
 * `uitkijk retention [--dry-run] [--db-url URL]`: applies the retention periods (docs/privacy.md)
 * through `apply_retention` with the service role, on the same targets as `uitkijk import`, and
 * prints per data class what was (with --dry-run: would be) removed and what a legal hold kept.
 * Exit code: 0 done, 1 the run failed in the database, 2 usage or connection error.
 */
import { parseArgs } from 'node:util';
import { parseRetentionRows, type RetentionRow } from '../stack/retention-worker';
import type { SimulateIo } from './simulate';
import { openTarget, type Target } from './target';

export const RETENTION_USAGE = `usage: uitkijk retention [--dry-run] [--db-url URL]

Removes what is older than its retention period (docs/privacy.md): whole months of posts, raw
handles of authors without recent posts, dead letters, audit and read-audit entries. Posts
under a legal hold (an evidence export, a held alert's evidence, an acknowledged alert's
evidence) are kept. Posts and handles age on the stream clock while a scenario plays.

  --dry-run        count what would go; remove nothing
  --db-url URL     a PostgreSQL database with the Uitkijk schema (postgresql://user@host:port/db)

Where it runs, in this order:
  --db-url                          that database
  SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY in the environment
                                    that Supabase project
  otherwise                         the embedded server started with \`npm start\`
                                    (http://127.0.0.1:$PORT, default 3000; its service key from
                                    $UITKIJK_DATA/keys.json, default .uitkijk-data)

Exit code: 0 done, 1 the run failed, 2 usage or connection errors.
`;

export interface RetentionArgs {
	dryRun: boolean;
	dbUrl?: string;
	help: boolean;
}

export class RetentionUsageError extends Error {}

export function parseRetentionArgs(argv: string[]): RetentionArgs {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				'dry-run': { type: 'boolean' },
				'db-url': { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			},
			allowPositionals: false,
			strict: true
		}));
	} catch (e) {
		throw new RetentionUsageError((e as Error).message);
	}
	const dbUrl = values['db-url'];
	if (dbUrl !== undefined && !/^postgres(ql)?:\/\//.test(dbUrl))
		throw new RetentionUsageError(`--db-url must be a postgresql:// URL, got "${dbUrl}"`);
	return { dryRun: values['dry-run'] === true, dbUrl, help: values.help === true };
}

const HEAD = ['class', 'kept for', 'clock', 'cutoff', 'removed', 'held', 'months dropped'];

/** The rows as a plain-text table, then the details (which partitions went). */
export function formatRetention(rows: RetentionRow[]): string {
	const cells = rows.map((r) => [
		r.data_class,
		r.period ?? 'kept',
		r.clock,
		r.cutoff ? r.cutoff.replace(/\.\d+/, '') : '–',
		String(r.rows_removed),
		String(r.rows_held),
		r.data_class === 'posts' ? String(r.partitions_dropped) : ''
	]);
	const width = HEAD.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) =>
		c
			.map((v, i) => (i >= 4 ? v.padStart(width[i]) : v.padEnd(width[i])))
			.join('  ')
			.trimEnd();
	const details = rows.filter((r) => r.detail).map((r) => `${r.data_class}: ${r.detail}`);
	return (
		[line(HEAD), ...cells.map(line), ...(details.length ? ['', ...details] : [])].join('\n') + '\n'
	);
}

export async function retention(
	argv: string[],
	io: SimulateIo,
	open: (dbUrl: string | undefined, env: NodeJS.ProcessEnv) => Promise<Target> = openTarget
): Promise<number> {
	let args: RetentionArgs;
	try {
		args = parseRetentionArgs(argv);
	} catch (e) {
		io.stderr.write(`uitkijk retention: ${(e as Error).message}\n\n${RETENTION_USAGE}`);
		return 2;
	}
	if (args.help) {
		io.stdout.write(RETENTION_USAGE);
		return 0;
	}
	let target: Target;
	try {
		// The targets are those of `import`, which pseudonymises and so needs the key; retention
		// writes no posts and never uses it.
		target = await open(args.dbUrl, {
			...io.env,
			UITKIJK_PSEUDONYM_KEY: io.env.UITKIJK_PSEUDONYM_KEY ?? '0'.repeat(64)
		});
	} catch (e) {
		io.stderr.write(`uitkijk retention: ${(e as Error).message}\n`);
		return 2;
	}
	try {
		const rows = parseRetentionRows(await target.rpc('apply_retention', { dry_run: args.dryRun }));
		io.stdout.write(
			`Retention on ${target.describe}${args.dryRun ? ' (dry run: nothing removed)' : ''}\n`
		);
		io.stdout.write(formatRetention(rows));
		if (rows.some((r) => r.clock === 'stream'))
			io.stdout.write(
				'\nA scenario is playing: posts and handles age on its stream clock, not the wall clock.\n'
			);
		return 0;
	} catch (e) {
		io.stderr.write(`uitkijk retention: ${(e as Error).message}\n`);
		return 1;
	} finally {
		await target.close();
	}
}
