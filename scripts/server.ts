/**
 * Production server (`npm start` runs it through scripts/start.js): one Node process that serves
 * the built SvelteKit app and, on the same origin and with no configuration, the embedded
 * Supabase subset (src/stack) on PGlite, its data in UITKIJK_DATA (default .uitkijk-data/).
 * With PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY set, it serves the app only and the
 * browser talks to that Supabase project.
 *
 * Environment: PORT (3000), HOST (127.0.0.1), ORIGIN, UITKIJK_DATA, UITKIJK_GEODATA,
 * UITKIJK_FEEDER=off, UITKIJK_SCENARIO, UITKIJK_FEEDER_SPEED, UITKIJK_FEEDER_END=stop|loop,
 * UITKIJK_TEST_HOOKS=1, UITKIJK_STATEMENT_TIMEOUT_MS (30000),
 * UITKIJK_DETECTOR=off (no detector worker), UITKIJK_RETENTION=off (no daily retention run),
 * UITKIJK_DATA_TEMPORARY=1 (remove the data directory at shutdown: tests),
 * UITKIJK_DEMO=1 (demo mode: the seeded demo users, whose password is published, may sign in;
 * refused unless HOST and ORIGIN are loopback addresses).
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { geodataAvailable, geodataDir } from '../src/lib/server/config.ts';
import { REPO_ROOT, startStackFeeder, startStack, type Handler } from '../src/stack/server.ts';
import { createHostCheck, guardRequest, httpTimeouts, serverOptions } from '../src/stack/http.ts';
import type { Feeder } from '../src/stack/feeder.ts';
import { serviceClient } from '../src/lib/server/service-client.ts';
import { startDetectorWorker } from '../src/stack/detector-worker.ts';
import { createGatheringDetector } from '../src/lib/detection/detector.ts';
import { loadPlaces } from '../src/lib/server/scenarios.ts';
import { keepStarting, orStopped, type Starting } from '../src/stack/repeat.ts';

const log = (msg: string) => console.error(`uitkijk: ${msg}`);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
process.env.ORIGIN ??= `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
const demo = process.env.UITKIJK_DEMO === '1';

/** Whether a host name or address reaches only this machine. */
function isLoopback(h: string): boolean {
	const name = h.replace(/^\[|\]$/g, '').toLowerCase();
	return (
		name === 'localhost' ||
		name.endsWith('.localhost') ||
		name === '::1' ||
		/^127(\.\d{1,3}){3}$/.test(name) ||
		/^::ffff:127(\.\d{1,3}){3}$/.test(name)
	);
}
let originHost = '';
try {
	originHost = new URL(process.env.ORIGIN).hostname;
} catch {
	console.error(`uitkijk: ORIGIN is not a URL: ${process.env.ORIGIN}`);
	process.exit(2);
}
const exposed = !isLoopback(host) || !isLoopback(originHost);
if (demo && exposed) {
	console.error(
		`uitkijk: demo mode (UITKIJK_DEMO=1) serves only this machine, but HOST=${host} ORIGIN=${process.env.ORIGIN}: the demo users' password is published; use HOST=127.0.0.1, or drop UITKIJK_DEMO and add real users (npx uitkijk user add)`
	);
	process.exit(2);
}
if (!demo && exposed) {
	log(
		`WARNING: reachable beyond this machine (HOST=${host}, ORIGIN=${process.env.ORIGIN}): only real users can sign in (the demo users are off outside demo mode); add them with \`npx uitkijk user add EMAIL --role ROLE [--unit ID | --municipality CODE]\`, and put TLS in front (a reverse proxy)`
	);
}

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
	// The same Host check, security headers and timeouts as the embedded server's.
	const timeouts = httpTimeouts();
	const hosts = createHostCheck({ origin: process.env.ORIGIN, port, host, log });
	const server = createServer(serverOptions(timeouts), (req, res) => {
		if (guardRequest(req, res, hosts, timeouts)) app(req, res);
	});
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
		demo,
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
	if (demo) log('demo mode: the demo users (password uitkijk-demo) can sign in; this machine only');
	else {
		const users = await stack.db.query<{ n: number }>(
			`select count(*)::int as n from auth.users where lower(email) not like '%@uitkijk.demo'`
		);
		if (!users.rows[0]?.n)
			log(
				'no users yet: add one with `npx uitkijk user add EMAIL --role analyst --unit NN` (or try `npm run demo`)'
			);
	}
	log(`open ${process.env.ORIGIN}/`);

	// The feeder and the detector worker start in the background, and a start that fails (a
	// transient error: the database recovering from a crash during the prefill) is tried again
	// with back-off (src/stack/repeat.ts keepStarting); a bad setting is not retried.
	let feederStart: Starting<Feeder> | null = null;
	if (process.env.UITKIJK_FEEDER !== 'off') {
		const speed = process.env.UITKIJK_FEEDER_SPEED
			? Number(process.env.UITKIJK_FEEDER_SPEED)
			: undefined;
		const starting = keepStarting(
			'feeder',
			() =>
				startStackFeeder(stack, {
					scenario: process.env.UITKIJK_SCENARIO,
					speed: Number.isFinite(speed) ? speed : undefined
				}),
			{ log }
		);
		feederStart = starting;
		closers.unshift(() => starting.stop());
	}

	if (process.env.UITKIJK_DETECTOR !== 'off') {
		const feederReady = feederStart?.ready;
		const starting = keepStarting(
			'detector worker',
			async (signal) => {
				// It reads the stream clock and the prefilled history: after the feeder has started
				// and the older history is in behind the stream (Feeder.history).
				await orStopped(
					Promise.resolve(feederReady).then((f) => f?.history),
					signal
				);
				const { places } = await loadPlaces();
				return startDetectorWorker({
					client: serviceClient(stack.url, stack.keys.service_key),
					createDetector: (opts) => createGatheringDetector({ ...opts, places })
				});
			},
			{ log }
		);
		closers.unshift(() => starting.stop());
	}

	// Incident webhooks (src/stack/webhook-worker.ts): the outbox, delivered signed with retries.
	if (process.env.UITKIJK_WEBHOOKS !== 'off') {
		const { startWebhookWorker } = await import('../src/stack/webhook-worker.ts');
		const { webhookMasterKey } = await import('../src/lib/server/webhook-key.ts');
		const webhooks = startWebhookWorker({
			client: serviceClient(stack.url, stack.keys.service_key),
			masterKey: webhookMasterKey(process.env, dataDir),
			log
		});
		closers.unshift(() => webhooks.stop());
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
		// A shutdown that hangs (a database that no longer answers) must not keep the process.
		setTimeout(() => {
			log('shutdown took longer than 10 s: exiting');
			process.exit(1);
		}, 10_000).unref();
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
