/**
 * `uitkijk detect-worker`: run the gathering detector against a Supabase project (or the local
 * stack) with the service role: it learns from the posts before the stream's now, then reads new
 * posts as they are ingested and writes the alerts through `upsert_alerts`, until interrupted.
 *
 *   uitkijk detect-worker [--history-hours N] [--geodata DIR]
 *   with SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY in the environment
 */
import { parseArgs } from 'node:util';
import type { SimulateIo } from './simulate';

const USAGE = `usage: uitkijk detect-worker [--history-hours N] [--geodata DIR]

  --history-hours N  hours before now the detector learns its baseline from (default 48)
  --geodata DIR      geodata directory for the gazetteer (default: $UITKIJK_GEODATA, else
                     ../shared/geodata; without it a small built-in list of places is used)

Environment (never put these in the repository): SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY.
`;

export async function detectWorker(argv: string[], io: SimulateIo): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				'history-hours': { type: 'string' },
				geodata: { type: 'string' },
				help: { type: 'boolean' }
			}
		}));
	} catch (err) {
		io.stderr.write(`uitkijk detect-worker: ${(err as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		io.stdout.write(USAGE);
		return 0;
	}
	const missing = ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'].filter((k) => !io.env[k]);
	if (missing.length) {
		io.stderr.write(
			`uitkijk detect-worker: missing environment: ${missing.join(', ')}\n\n${USAGE}`
		);
		return 2;
	}
	const hours = values['history-hours'] === undefined ? 48 : Number(values['history-hours']);
	if (!(hours >= 0 && hours <= 24 * 31)) {
		io.stderr.write(
			`uitkijk detect-worker: --history-hours ${values['history-hours']}: expected 0-744\n`
		);
		return 2;
	}
	if (values.geodata) process.env.UITKIJK_GEODATA = values.geodata;
	const [{ serviceClient }, { startDetectorWorker }, { createGatheringDetector }, { loadPlaces }] =
		await Promise.all([
			import('../lib/server/service-client.ts'),
			import('../stack/detector-worker.ts'),
			import('../lib/detection/detector.ts'),
			import('../lib/server/scenarios.ts')
		]);
	const { places } = await loadPlaces();
	const worker = await startDetectorWorker({
		client: serviceClient(io.env.SUPABASE_URL!, io.env.SUPABASE_SERVICE_ROLE_KEY!),
		createDetector: (opts) => createGatheringDetector({ ...opts, places }),
		historyMs: hours * 3_600_000,
		log: (m) => io.stderr.write(`detect-worker: ${m}\n`)
	});
	await new Promise<void>((resolve) => {
		process.once('SIGINT', () => resolve());
		process.once('SIGTERM', () => resolve());
	});
	await worker.stop();
	io.stderr.write(
		`detect-worker: stopped; ${worker.stats.posts} posts read, ${worker.stats.alerts} alert updates written, ${worker.stats.errors} failed steps\n`
	);
	return 0;
}
