/**
 * Production server (`npm start` runs it through scripts/start.js): one Node process that serves
 * the built SvelteKit app and, on the same origin and with no configuration, the embedded
 * Supabase subset (src/stack) on PGlite, its data in UITKIJK_DATA (default .uitkijk-data/).
 * With PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY set, it serves the app only and the
 * browser talks to that Supabase project.
 *
 * Environment: PORT (3000), HOST (127.0.0.1), ORIGIN, UITKIJK_DATA, UITKIJK_GEODATA,
 * UITKIJK_FEEDER=off, UITKIJK_SCENARIO, UITKIJK_FEEDER_SPEED, UITKIJK_TEST_HOOKS=1,
 * UITKIJK_DETECTOR=off (no detector worker), UITKIJK_RETENTION=off (no daily retention run),
 * UITKIJK_DATA_TEMPORARY=1 (remove the data directory at shutdown: tests).
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { geodataAvailable, geodataDir } from '../src/lib/server/config.ts';
import { REPO_ROOT, startStackFeeder, startStack, type Handler } from '../src/stack/server.ts';
import { serviceClient, type Feeder } from '../src/stack/feeder.ts';
import { startDetectorWorker } from '../src/stack/detector-worker.ts';
import { createGatheringDetector } from '../src/lib/detection/detector.ts';
import { loadPlaces } from '../src/lib/server/scenarios.ts';

const log = (msg: string) => console.error(`uitkijk: ${msg}`);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
process.env.ORIGIN ??= `http://${host}:${port}`;

async function loadApp(): Promise<Handler> {
	const file = resolve(REPO_ROOT, 'build', 'handler.js');
	const mod = (await import(pathToFileURL(file).href)) as { handler: Handler };
	return mod.handler;
}

// adapter-node refuses bodies over BODY_SIZE_LIMIT (512K by default) before a route sees them:
// POST /api/ingest takes up to 32 MiB and answers 413 itself.
process.env.BODY_SIZE_LIMIT ??= String(33 * 1024 * 1024);

const external = process.env.PUBLIC_SUPABASE_URL && process.env.PUBLIC_SUPABASE_ANON_KEY;
const closers: (() => Promise<void>)[] = [];

if (external) {
	const app = await loadApp();
	const server = createServer((req, res) => app(req, res));
	await new Promise<void>((res) => server.listen(port, host, res));
	closers.push(() => new Promise((res) => server.close(() => res())));
	log(`using Supabase at ${process.env.PUBLIC_SUPABASE_URL} (no local stack)`);
	log(`open ${process.env.ORIGIN}/`);
} else {
	const dataDir = resolve(process.env.UITKIJK_DATA ?? '.uitkijk-data');
	const geo = geodataAvailable() ? geodataDir() : null;
	// Requests that arrive before the app is imported wait for it.
	let app: Handler | null = null;
	let appLoaded: (h: Handler) => void = () => {};
	const appReady = new Promise<Handler>((res) => (appLoaded = res));
	const stack = await startStack({
		dataDir,
		geodataDir: geo,
		port,
		host,
		testHooks: process.env.UITKIJK_TEST_HOOKS === '1',
		log: (m) => log(m),
		app: (req, res, next) => {
			if (app) app(req, res, next);
			else appReady.then((h) => h(req, res, next));
		}
	});
	closers.push(() => stack.close());
	process.env.UITKIJK_EMBEDDED_SUPABASE_URL = stack.url;
	process.env.UITKIJK_EMBEDDED_ANON_KEY = stack.keys.anon_key;
	// For POST /api/ingest, which writes with the service role (never sent to a browser).
	process.env.UITKIJK_EMBEDDED_SERVICE_KEY = stack.keys.service_key;
	process.env.UITKIJK_EMBEDDED_PSEUDONYM_KEY = stack.keys.pseudonym_key;
	// build/handler.js reads the environment when imported: set the stack's URL and key first.
	app = await loadApp();
	appLoaded(app);
	log(`database ready in ${(stack.dbMs / 1000).toFixed(1)} s (data in ${dataDir})`);
	log(`open ${process.env.ORIGIN}/`);

	if (process.env.UITKIJK_FEEDER !== 'off') {
		const speed = process.env.UITKIJK_FEEDER_SPEED
			? Number(process.env.UITKIJK_FEEDER_SPEED)
			: undefined;
		let feeder: Feeder | null = null;
		try {
			feeder = await startStackFeeder(stack, {
				scenario: process.env.UITKIJK_SCENARIO,
				speed: Number.isFinite(speed) ? speed : undefined
			});
		} catch (e) {
			log(`feeder failed to start: ${(e as Error).stack ?? e}`);
		}
		if (feeder) {
			const f = feeder;
			closers.unshift(() => f.stop());
			log('feeder started');
		}
	}

	if (process.env.UITKIJK_DETECTOR !== 'off') {
		try {
			const { places } = await loadPlaces();
			const worker = await startDetectorWorker({
				client: serviceClient(stack.url, stack.keys.service_key),
				createDetector: (opts) => createGatheringDetector({ ...opts, places })
			});
			closers.unshift(() => worker.stop());
			log('detector worker started');
		} catch (e) {
			log(`detector worker failed to start: ${(e as Error).stack ?? e}`);
		}
	}

	// Retention (docs/privacy.md): daily, the first run 5 minutes after start.
	if (process.env.UITKIJK_RETENTION !== 'off') {
		const { startRetentionWorker } = await import('../src/stack/retention-worker.ts');
		const retention = startRetentionWorker({
			client: serviceClient(stack.url, stack.keys.service_key),
			log
		});
		closers.unshift(() => retention.stop());
	}
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.on(sig, async () => {
		if (stopping) process.exit(1);
		stopping = true;
		log(`${sig}: shutting down`);
		for (const close of closers) {
			await close().catch((e) => log(`shutdown: ${(e as Error).message}`));
		}
		// Tests and benchmarks run on a throwaway data directory: remove it once the database is closed.
		if (process.env.UITKIJK_DATA_TEMPORARY === '1' && process.env.UITKIJK_DATA) {
			rmSync(process.env.UITKIJK_DATA, { recursive: true, force: true });
		}
		process.exit(0);
	});
}
