/**
 * Benchmark: insert-to-browser latency through the local stack. Starts the embedded server
 * (feeder off, fresh data directory), opens the live map in Debian's Chromium as the analyst of
 * unit NN, then inserts posts in Haren at a steady rate through `ingest_posts` (the one insert
 * path) and records when each reaches the page's map intake (after Realtime, validation and
 * de-duplication; drawing is measured by bench:layers). Prints figures; asserts nothing.
 *
 *   npm run build && npm run bench:live [-- --rate 1000 --seconds 20 --tick 100]
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ingestRows } from '../src/lib/ingest/rows.ts';
import type { LocatedPost } from '../src/lib/posts/post.ts';
import { hmacPseudonymiser } from '../src/lib/server/pseudonym.ts';
import { insertPosts } from '../src/stack/feeder.ts';
import { serviceClient } from '../src/lib/server/service-client.ts';
import { percentile } from './lib/pg-cluster.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const { values } = parseArgs({
	options: {
		rate: { type: 'string', default: '1000' },
		seconds: { type: 'string', default: '20' },
		tick: { type: 'string', default: '100' },
		port: { type: 'string', default: '4398' }
	}
});
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const TICK = Number(values.tick);
const PORT = Number(values.port);
const PER_TICK = Math.round((RATE * TICK) / 1000);
const base = `http://127.0.0.1:${PORT}`;

const data = mkdtempSync(join(tmpdir(), 'uitkijk-bench-live-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
	env: {
		...process.env,
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN: base,
		UITKIJK_DATA: data,
		UITKIJK_FEEDER: 'off',
		UITKIJK_DEMO: '1'
	},
	stdio: ['ignore', 'ignore', 'inherit']
});
const stop = () => {
	server.kill('SIGTERM');
};
try {
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${base}/api/config`)).ok) break;
		} catch {
			if (i > 600) throw new Error('server did not start (did you run `npm run build`?)');
		}
		await sleep(200);
	}
	const keys = JSON.parse(readFileSync(join(data, 'keys.json'), 'utf8'));
	const db = serviceClient(base, keys.service_key);
	const pseudonymise = hmacPseudonymiser(keys.pseudonym_key);

	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
	// The page's test hooks (window.uitkijk) are installed only when asked for.
	await page.addInitScript(() => localStorage.setItem('uitkijk.test', '1'));
	await page.goto(`${base}/?mode=live&role=analist.nn&window=1h&center=6.6,53.17&zoom=12`);
	await page.getByTestId('status').getByText('LIVE').waitFor({ timeout: 60_000 });
	const run = `bench-${Date.now().toString(36)}-`;
	await page.evaluate((p) => window.uitkijk.recordArrivals(p), run);

	let seq = 0;
	const sentAt = new Map<string, number>();
	const rpcMs: number[] = [];
	const inflight = new Set<Promise<void>>();
	const t0 = performance.now();
	const ticks = Math.round((SECONDS * 1000) / TICK);
	for (let k = 0; k < ticks; k++) {
		const posts: LocatedPost[] = [];
		const now = Date.now();
		for (let i = 0; i < PER_TICK; i++, seq++) {
			const lon = 6.59 + ((seq * 7919) % 400) / 10_000;
			const lat = 53.16 + ((seq * 104_729) % 300) / 10_000;
			posts.push({
				id: `${run}${seq}`,
				source: 'x',
				author: `@bench${seq % 500}`,
				created_at: new Date(now).toISOString(),
				text: `bench ${seq}`,
				lon,
				lat,
				t: now,
				method: 'gps',
				pos: [lon, lat],
				precision_m: 10
			});
		}
		const rows = ingestRows(posts, pseudonymise);
		const sent = Date.now();
		for (const p of posts) sentAt.set(p.id, sent);
		const job = insertPosts(db, rows).then(() => {
			rpcMs.push(Date.now() - sent);
		});
		inflight.add(job);
		void job.finally(() => inflight.delete(job));
		const next = t0 + (k + 1) * TICK;
		await sleep(Math.max(0, next - performance.now()));
	}
	const sendSeconds = (performance.now() - t0) / 1000;
	await Promise.all(inflight);
	await sleep(3000);
	const arrivals: [string, number][] = await page.evaluate(() => window.uitkijk.takeArrivals());
	const lat: number[] = [];
	const seen = new Set<string>();
	let dup = 0;
	for (const [id, at] of arrivals) {
		if (seen.has(id)) dup++;
		seen.add(id);
		const s = sentAt.get(id);
		if (s !== undefined) lat.push(at - s);
	}
	lat.sort((a, b) => a - b);
	rpcMs.sort((a, b) => a - b);
	console.log(
		`insert-to-browser through the local stack: ${seq} posts at ${RATE}/s (${PER_TICK} every ${TICK} ms, sent in ${sendSeconds.toFixed(1)} s), analyst NN, Chromium (SwiftShader)\n`
	);
	console.log('| measure | p50 ms | p95 ms | max ms |');
	console.log('|---|---|---|---|');
	console.log(
		`| insert call to the page's map intake | ${percentile(lat, 50)} | ${percentile(lat, 95)} | ${lat.at(-1)} |`
	);
	console.log(
		`| ingest_posts round trip (${PER_TICK} rows) | ${percentile(rpcMs, 50)} | ${percentile(rpcMs, 95)} | ${rpcMs.at(-1)} |`
	);
	console.log(`\nreceived ${seen.size} of ${seq} posts, ${dup} twice`);
	await browser.close();
} finally {
	stop();
	await sleep(500);
	rmSync(data, { recursive: true, force: true });
}

declare global {
	interface Window {
		uitkijk: {
			recordArrivals(prefix: string): void;
			takeArrivals(): [string, number][];
		};
	}
}
