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
             [--history-days N] [--geodata DIR]
  detect     run the gathering detector over posts; alerts NDJSON on stdout
             --posts FILE [--areas FILE] [--planned FILE] [--history FILE] [--geodata DIR]
  detect-worker
             run the gathering detector against a Supabase project: reads new posts, writes
             alerts (service role) [--history-hours N] [--geodata DIR]; SUPABASE_URL and
             SUPABASE_SERVICE_ROLE_KEY from the environment
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
