/**
 * `uitkijk feed`: play a built-in scenario into a Supabase project (or the local stack) through
 * the same insert path as real ingest (`ingest_posts` with the service role), along a stream
 * clock, until interrupted or the scenario ends.
 *
 *   uitkijk feed [--scenario NAME] [--speed N]
 *   with SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY and UITKIJK_PSEUDONYM_KEY in the environment
 */
import { parseArgs } from 'node:util';
import { SCENARIO_NAMES } from '../lib/scenario/index';
import type { SimulateIo } from './simulate';

const USAGE = `usage: uitkijk feed [--scenario NAME] [--speed N]

  --scenario NAME  one of: ${SCENARIO_NAMES.join(', ')} (default haren-2012)
  --speed N        stream seconds per wall second (default 60)

Environment (never put these in the repository):
  SUPABASE_URL               the project URL, e.g. https://xyz.supabase.co
  SUPABASE_SERVICE_ROLE_KEY  the service role key (Settings > API)
  UITKIJK_PSEUDONYM_KEY      64 hex characters: the key of the authors' pseudonyms
                             (e.g. openssl rand -hex 32); keep it for the life of the data
`;

export async function feed(argv: string[], io: SimulateIo): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				scenario: { type: 'string' },
				speed: { type: 'string' },
				help: { type: 'boolean' }
			}
		}));
	} catch (err) {
		io.stderr.write(`uitkijk feed: ${(err as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		io.stdout.write(USAGE);
		return 0;
	}
	const missing = ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY', 'UITKIJK_PSEUDONYM_KEY'].filter(
		(k) => !io.env[k]
	);
	if (missing.length) {
		io.stderr.write(`uitkijk feed: missing environment: ${missing.join(', ')}\n\n${USAGE}`);
		return 2;
	}
	const scenario = values.scenario ?? 'haren-2012';
	if (!SCENARIO_NAMES.includes(scenario)) {
		io.stderr.write(`uitkijk feed: unknown scenario '${scenario}'\n`);
		return 2;
	}
	const speed = values.speed === undefined ? 60 : Number(values.speed);
	const { startFeeder } = await import('../stack/feeder.ts');
	const feeder = await startFeeder({
		supabaseUrl: io.env.SUPABASE_URL!,
		serviceKey: io.env.SUPABASE_SERVICE_ROLE_KEY!,
		pseudonymKey: io.env.UITKIJK_PSEUDONYM_KEY!,
		scenario,
		speed,
		log: (m) => io.stderr.write(`feed: ${m}\n`)
	});
	await new Promise<void>((resolve) => {
		const done = () => resolve();
		process.once('SIGINT', done);
		process.once('SIGTERM', done);
	});
	await feeder.stop();
	io.stderr.write(
		`feed: stopped; ${feeder.stats.inserted} inserted, ${feeder.stats.duplicates} duplicates, ${feeder.stats.errors} failed steps\n`
	);
	return 0;
}
