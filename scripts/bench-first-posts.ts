/**
 * Benchmark: a fresh start, from the server answering HTTP to the first posts on a signed-in map.
 * Starts the embedded server (`scripts/server.ts`, demo mode, feeder and detector on, a fresh
 * throwaway data directory), then signs in as a demo role and runs the client's own live path
 * in Node (LiveFeed + FeedFollower, as the map does: the follower starts once Realtime is
 * subscribed, and follows `LiveFeed.clock`). Prints, in seconds after the first HTTP answer:
 *   - clock:        the first `stream_clock()` answer that is not null, with its state;
 *   - playing:      the first answer with state 'playing' (the stream announced as running);
 *   - recent hour:  the feeder's log line that the most recent hour is in the database (or, before
 *                   the recent-hour-first prefill, the line that the whole prefill is);
 *   - first posts:  the first posts the follower hands to the map, created within the hour before
 *                   the map's now (the window a wall screen shows first);
 *   - history:      the feeder's log line that the whole history is in;
 * and the progress the clock reported on the way. Asserts nothing.
 *
 *   npm run build && npm run bench:first-posts [-- --role analist.nn --port N --timeout 300 --verbose]
 */
import { spawn } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { FeedFollower } from '../src/lib/feed/follower.ts';
import { HISTORY_MS } from '../src/lib/map/analyses.ts';
import type { LocatedPost } from '../src/lib/posts/post.ts';
import { createSupabase, signIn } from '../src/lib/supabase/client.ts';
import { DEMO_DOMAIN, DEMO_PASSWORD, DEMO_USERS } from '../src/lib/supabase/demo-users.ts';
import { LiveFeed } from '../src/lib/supabase/live-feed.ts';

const { values } = parseArgs({
	options: {
		role: { type: 'string', default: 'analist.nn' },
		port: { type: 'string', default: '' },
		timeout: { type: 'string', default: '300' },
		verbose: { type: 'boolean', default: false }
	}
});
/** A port nothing listens on now (other benchmarks and servers run beside this one). */
async function freePort(): Promise<number> {
	const srv = createNetServer();
	await new Promise<void>((res) => srv.listen(0, '127.0.0.1', () => res()));
	const port = (srv.address() as AddressInfo).port;
	await new Promise<void>((res) => srv.close(() => res()));
	return port;
}
const PORT = values.port ? Number(values.port) : await freePort();
const TIMEOUT_MS = Number(values.timeout) * 1000;
const base = `http://127.0.0.1:${PORT}`;
const user = DEMO_USERS.find((u) => u.key === values.role);
if (!user) throw new Error(`unknown demo role ${values.role}`);
const HOUR = 3_600_000;

const t0 = performance.now();
let tHttp = Number.NaN;
const since = (t: number) => (Number.isFinite(t) ? ((t - tHttp) / 1000).toFixed(1) + ' s' : '—');
const marks: Record<string, number> = {};
const mark = (k: string) => {
	if (marks[k] === undefined && values.verbose)
		console.error(`[${((performance.now() - t0) / 1000).toFixed(1)} s] bench: ${k}`);
	return (marks[k] ??= performance.now());
};

const data = mkdtempSync(join(tmpdir(), 'uitkijk-bench-first-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
	env: {
		...process.env,
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN: base,
		UITKIJK_DATA: data,
		UITKIJK_DATA_TEMPORARY: '1',
		UITKIJK_DEMO: '1'
	},
	stdio: ['ignore', 'ignore', 'pipe']
});
let buf = '';
server.stderr.setEncoding('utf8');
server.stderr.on('data', (chunk: string) => {
	buf += chunk;
	let i;
	while ((i = buf.indexOf('\n')) >= 0) {
		const line = buf.slice(0, i);
		buf = buf.slice(i + 1);
		const t = performance.now();
		if (values.verbose) console.error(`[${((t - t0) / 1000).toFixed(1)} s] ${line}`);
		if (/recent hour|prefilled \d+ posts/.test(line)) mark('recentHour');
		if (/prefilled \d+ posts|history .*in \d+ ms/.test(line)) mark('history');
	}
});
let gone = false;
const exited = new Promise<void>((res) =>
	server.once('exit', () => {
		gone = true;
		res();
	})
);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
	process.once(sig, () => {
		server.kill('SIGTERM');
		process.exitCode = 1;
	});

let feed: LiveFeed | null = null;
try {
	for (let i = 0; ; i++) {
		try {
			// A request that reaches the server before its app is loaded may stay unanswered: each
			// try gives up after a second.
			if ((await fetch(`${base}/api/config`, { signal: AbortSignal.timeout(1000) })).ok) break;
		} catch (e) {
			if (gone) throw new Error('the server exited (run with --verbose to see why)');
			if (performance.now() - t0 > 600_000)
				throw new Error(`server did not start (did you run \`npm run build\`?): ${String(e)}`);
		}
		await sleep(100);
	}
	tHttp = performance.now();
	mark('http');

	// The anon key comes from /api/config, as in the browser.
	const config = (await (await fetch(`${base}/api/config`)).json()) as { anonKey: string };
	const signed = createSupabase(
		{ supabaseUrl: base, anonKey: config.anonKey, embedded: true, demo: true },
		{ origin: base, transport: WebSocket as never }
	);
	// A sign-in that fails (the server resets a request that waited too long for the database)
	// is tried again, as a person would, and counted.
	let signInFailures = 0;
	let me;
	for (;;) {
		try {
			me = await signIn(signed, `${user.key}@${DEMO_DOMAIN}`, DEMO_PASSWORD);
			break;
		} catch (e) {
			if (++signInFailures >= 10) throw e;
			if (values.verbose) console.error(`bench: sign-in failed: ${String(e)}`);
			await sleep(1000);
		}
	}
	mark('signedIn');

	const held: LocatedPost[] = [];
	const errors: string[] = [];
	const error = (e: unknown) => {
		const m = e instanceof Error ? e.message : String(e);
		if (!errors.includes(m)) errors.push(m);
	};
	// As the page: the embedded stack's page size.
	const f = new LiveFeed(
		signed,
		me,
		{ posts: (b) => void held.push(...b), problems: () => {}, error },
		{ pageSize: 10_000 }
	);
	feed = f;
	const follower = new FeedFollower(
		f,
		{
			reset: () => {
				// As the page: the map was cleared, the live path delivers the window again.
				held.length = 0;
				f.sync.setWindowStart(f.clock.now() - HISTORY_MS);
				f.sync.restart(f.clock.now());
			},
			posts: (b) => void held.push(...b),
			problems: () => {},
			error
		},
		HISTORY_MS
	);
	const [lon, lat] = user.view.center;
	mark('signedIn');
	await f.start({ west: lon - 1.5, south: lat - 0.6, east: lon + 1.5, north: lat + 0.6 });
	mark('started');
	const liveStarted = performance.now();
	const progress: string[] = [];
	let lastProgress: string | null = null;
	for (;;) {
		const now = f.clock.now();
		const c = f.clock as unknown as {
			scenario: string | null;
			state?: string | null;
			progress?: number | null;
			historyProgress?: number | null;
		};
		if (c.scenario !== null) mark('clock');
		const state = c.state ?? (c.scenario !== null ? 'playing (no state field)' : 'no clock');
		if (c.scenario !== null && state.startsWith('playing')) mark('playing');
		const pct = (v: number | null | undefined) =>
			typeof v === 'number' ? ` ${(v * 100).toFixed(0)}%` : '';
		const p = `${state}${pct(c.progress)}${typeof c.historyProgress === 'number' ? `, history${pct(c.historyProgress)}` : ''}`;
		if (p !== lastProgress) {
			progress.push(`${since(performance.now())}: ${p}`);
			lastProgress = p;
		}
		if (f.sync.everSubscribed || performance.now() - liveStarted > 10_000) follower.tick(now);
		if (held.some((post) => post.t >= now - HOUR && post.t <= now)) mark('firstPosts');
		if ((marks.firstPosts && marks.history) || performance.now() - tHttp > TIMEOUT_MS) break;
		await sleep(100);
	}
	console.log(`bench:first-posts (${values.role}, fresh database, ${new Date().toISOString()})`);
	console.log(`  server answering HTTP: ${((tHttp - t0) / 1000).toFixed(1)} s after spawn`);
	console.log(
		`  signed in:             ${since(marks.signedIn)}${signInFailures ? ` (after ${signInFailures} failed tries)` : ''}`
	);
	console.log(`  clock (not null):      ${since(marks.clock)}`);
	console.log(`  clock playing:         ${since(marks.playing)}`);
	console.log(`  recent hour in DB:     ${since(marks.recentHour)}`);
	console.log(`  first posts on map:    ${since(marks.firstPosts)}`);
	console.log(`  whole history in DB:   ${since(marks.history)}`);
	console.log(`  clock states: ${progress.join(' → ')}`);
	console.log(`  posts held at the end: ${held.length}`);
	if (errors.length) console.log(`  errors: ${errors.join('; ')}`);
} finally {
	feed?.stop();
	server.kill('SIGTERM');
	await exited;
	setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
}
