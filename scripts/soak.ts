/**
 * Soak test: `npm start` as a user runs it (the built app, the feeder and the detector on, a fresh
 * data directory), left alone for a long time, and checked once a minute as a user would: the map
 * page loads, sign-in works, an RPC answers, a post written through POST /api/ingest with an API
 * key is read back as an analyst; and the stream clock, the server's memory (RSS) and the log
 * lines that look like failures. Prints a line per check and a summary; exits 1 when a check
 * failed.
 *
 *   npm run build && npm run soak [-- --minutes 120 --speed 60 --port 4396]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startServerProcess } from './lib/server-process.ts';

const { values } = parseArgs({
	options: {
		minutes: { type: 'string', default: '120' },
		speed: { type: 'string', default: '60' },
		port: { type: 'string', default: '4396' },
		every: { type: 'string', default: '60' }
	}
});
const MINUTES = Number(values.minutes);
const PORT = Number(values.port);
const server = await startServerProcess(
	PORT,
	{ UITKIJK_DEMO: '1', UITKIJK_FEEDER_SPEED: values.speed },
	'soak'
);
const { base, data, env } = server;
const logLines = server.log;

const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 60_000).toFixed(1).padStart(6)} min`;
let failures = 0;
let checks = 0;

function rssMb(): number {
	try {
		const s = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
		return Math.round(Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024);
	} catch {
		return NaN;
	}
}

async function round(keys: { anon_key: string }, apiKey: string): Promise<string[]> {
	const problems: string[] = [];
	const page = await fetch(`${base}/`).catch(() => null);
	if (page?.status !== 200) problems.push(`GET / ${page?.status ?? 'no answer'}`);
	const tok = await fetch(`${base}/auth/v1/token?grant_type=password`, {
		method: 'POST',
		headers: { apikey: keys.anon_key, 'content-type': 'application/json' },
		body: JSON.stringify({ email: 'analist.nn@uitkijk.demo', password: 'uitkijk-demo' })
	}).catch(() => null);
	const access = tok?.ok ? ((await tok.json()) as { access_token: string }).access_token : null;
	if (!access) problems.push(`sign-in ${tok?.status ?? 'no answer'}`);
	const rpc = async (fn: string, body: unknown) => {
		const r = await fetch(`${base}/rest/v1/rpc/${fn}`, {
			method: 'POST',
			headers: {
				apikey: keys.anon_key,
				authorization: `Bearer ${access}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify(body)
		}).catch(() => null);
		return { status: r?.status ?? 0, body: r?.ok ? await r.json() : null };
	};
	const clock = await rpc('stream_clock', {});
	if (clock.status !== 200) problems.push(`stream_clock ${clock.status}`);
	const id = `soak-${Date.now()}`;
	const created = new Date();
	const ing = await fetch(`${base}/api/ingest`, {
		method: 'POST',
		headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson' },
		body: `${JSON.stringify({
			id,
			source: 'report',
			author: 'soak',
			created_at: created.toISOString(),
			text: 'Soak: drukte op de Grote Markt in Groningen',
			lon: 6.5665,
			lat: 53.2194
		})}\n`
	}).catch(() => null);
	if (ing?.status !== 200) problems.push(`ingest ${ing?.status ?? 'no answer'}`);
	let found = false;
	for (let i = 0; i < 10 && !found; i++) {
		// Its own second and square: the feeder's posts (dated in 2012) do not crowd it out.
		const back = await rpc('posts_in_window', {
			t_from: new Date(created.getTime() - 1000).toISOString(),
			t_to: new Date(created.getTime() + 1000).toISOString(),
			min_lon: 6.56,
			min_lat: 53.21,
			max_lon: 6.57,
			max_lat: 53.23,
			lim: 1000
		});
		found =
			Array.isArray(back.body) && back.body.some((r: { source: string }) => r.source === 'report');
		if (!found) await sleep(500);
	}
	if (!found) problems.push('the ingested post was not read back');
	const c = clock.body as Record<string, unknown> | null;
	console.log(
		`${stamp()}  rss ${rssMb()} MB  clock ${String(c?.stream_time ?? '-').slice(0, 19)} ${c?.ended_at ? `ended ${String(c.ended_at).slice(0, 19)}` : ''}  ${problems.length ? `PROBLEMS: ${problems.join('; ')}` : 'ok'}`
	);
	return problems;
}

try {
	const keys = server.keys;
	const apiKey = execFileSync(process.execPath, ['bin/uitkijk.js', 'api-key', 'create', 'soak'], {
		env,
		encoding: 'utf8'
	})
		.trim()
		.split('\n')
		.pop()!
		.trim();
	console.log(`${stamp()}  server up, data in ${data}`);
	while (Date.now() - t0 < MINUTES * 60_000) {
		const problems = await round(keys, apiKey);
		checks++;
		if (problems.length) failures++;
		await sleep(Number(values.every) * 1000);
	}
} finally {
	const bad = logLines.filter((l) => /54001|25P02|failed|error|Error/.test(l));
	console.log(
		`\nsoak: ${checks} rounds, ${failures} with problems, ${((Date.now() - t0) / 60_000).toFixed(0)} min, rss at end ${rssMb()} MB, ${logLines.length} log lines, ${bad.length} that look like failures`
	);
	for (const l of bad.slice(0, 20)) console.log(`  log: ${l.slice(0, 200)}`);
	await server.stop();
}
process.exit(failures ? 1 : 0);
