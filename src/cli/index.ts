/**
 * The `uitkijk` command line. stdout carries only data (NDJSON; `eval` prints a report);
 * progress and diagnostics go to stderr. Each subcommand returns its exit code.
 */

const USAGE = `Usage: uitkijk <command> [options]

Commands:
  simulate   generate a scenario's posts as NDJSON on stdout
             --scenario NAME [--seed N] [--from ISO --to ISO] [--labels FILE] [--geodata DIR]
  feed       play a scenario into a Supabase project through the ingest path
             [--scenario NAME] [--speed N]; SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY and
             UITKIJK_PSEUDONYM_KEY from the environment
  eval       run the gathering detector and two baselines over the labelled scenarios and
             print lead times, true and false alerts and the targets per scenario
             [--scenario NAME]... [--seed N] [--detectors a,b,c] [--json FILE]
             [--history-days N] [--geodata DIR] [--feedback FILE]
  detect     run the gathering detector over posts; alerts NDJSON on stdout
             --posts FILE [--areas FILE] [--planned FILE] [--history FILE] [--geodata DIR]
  detect-worker
             run the gathering detector against a Supabase project: reads new posts, writes
             alerts (service role) [--history-hours N] [--geodata DIR]; SUPABASE_URL and
             SUPABASE_SERVICE_ROLE_KEY from the environment
  import     posts NDJSON or CSV files into the database through the ingest pipeline
             FILE... [--format ndjson|csv] [--db-url URL] [--batch N] [--concurrency N]
             (default: the embedded server; SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY for a
             Supabase project)
  api-key    keys of POST /api/ingest: api-key create NAME [--source S] | api-key revoke NAME
  user       accounts: user add EMAIL --role ROLE [--unit ID | --municipality CODE] | user list |
             user remove EMAIL | user passwd EMAIL (see uitkijk user --help)
  stream     read Bluesky (Jetstream) or a Mastodon instance live into the ingest pipeline:
             stream bluesky [--url URL] | stream mastodon --url https://INSTANCE/api/v1/streaming/public
             [--token T]; --dry-run prints NDJSON instead (see uitkijk stream --help)
  retention  remove what is older than its retention period, except held evidence
             [--dry-run] [--db-url URL] (targets as for import)
  feedback   the incidents marked as a false alarm ("onterecht") as NDJSON, for eval --feedback
             [--since ISO] [--db-url URL] (targets as for import)
  webhook    incident webhooks: webhook add --url URL --role ROLE [--unit ID | --municipality CODE]
             [--min-severity S] | webhook list | webhook remove ID (see uitkijk webhook --help)
  webhook-worker
             deliver the incident webhooks' outbox, signed, with retries, until interrupted
  incidents  the current incidents as NDJSON; --follow: each incident change as it happens
             [--role ROLE [--unit ID | --municipality CODE]] [--db-url URL]
  boundaries load police-unit and municipality boundaries into a Supabase project
             [--geodata DIR]; SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY from the environment
  help       show this text
`;

export async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
	switch (command) {
		case 'simulate': {
			const { simulate } = await import('./simulate.ts');
			return simulate(rest, io);
		}
		case 'feed': {
			const { feed } = await import('./feed.ts');
			return feed(rest, io);
		}
		case 'eval': {
			const { evaluate } = await import('./eval.ts');
			return evaluate(rest, io);
		}
		case 'detect': {
			const { detect } = await import('./detect.ts');
			return detect(rest, io);
		}
		case 'detect-worker': {
			const { detectWorker } = await import('./detect-worker.ts');
			return detectWorker(rest, io);
		}
		case 'import': {
			const { importFiles } = await import('./import.ts');
			return importFiles(rest, io);
		}
		case 'api-key': {
			const { apiKey } = await import('./api-key.ts');
			return apiKey(rest, io);
		}
		case 'user':
			return (await import('./user.ts')).user(rest, io);
		case 'stream':
			return stream(rest, io);
		case 'retention':
			return (await import('./retention.ts')).retention(rest, io);
		case 'feedback':
			return (await import('./feedback.ts')).feedback(rest, io);
		case 'webhook':
			return (await import('./webhook.ts')).webhook(rest, io);
		case 'webhook-worker':
			return (await import('./webhook.ts')).webhookWorkerCommand(rest, io);
		case 'incidents':
			return (await import('./webhook.ts')).incidents(rest, io);
		case 'boundaries': {
			const { boundaries } = await import('./boundaries.ts');
			return boundaries(rest, io);
		}
		case undefined:
		case 'help':
		case '--help':
		case '-h':
			process.stdout.write(USAGE);
			return command === undefined ? 2 : 0;
		default:
			process.stderr.write(`uitkijk: unknown command '${command}'\n\n${USAGE}`);
			return 2;
	}
}

/** `uitkijk stream`: the adapters' posts go through the ingest pipeline of the same targets as
 * `uitkijk import` (SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, else the embedded server). */
async function stream(
	rest: string[],
	io: Parameters<typeof import('./stream.ts').streamCommand>[1]
) {
	const { streamCommand } = await import('./stream.ts');
	if (rest.some((a) => a === '--dry-run' || a === '--help' || a === '-h'))
		return streamCommand(rest, io);
	const network = rest[0] === 'mastodon' ? 'mastodon' : 'bluesky';
	const { openTarget } = await import('./target.ts');
	const { ingestPipeline } = await import('../lib/server/ingest.ts');
	let target;
	try {
		target = await openTarget(undefined, io.env);
	} catch (e) {
		io.stderr.write(`uitkijk stream: ${(e as Error).message}\n`);
		return 2;
	}
	const t = target;
	const submit = async (posts: import('../lib/posts/post').Post[]) => {
		const p = await ingestPipeline({
			store: t.store,
			pseudonymKey: t.pseudonymKey,
			entry: network,
			origin: network
		});
		await p.add(posts.map((post, i) => ({ line: i + 1, value: post })));
		await p.flush();
		const s = p.summary();
		if (s.rejected)
			io.stderr.write(
				`stream: ${s.rejected} of ${s.received} posts rejected (${s.reasons[0]?.[0]})\n`
			);
	};
	try {
		return await streamCommand(rest, io, submit);
	} finally {
		await t.close();
	}
}
