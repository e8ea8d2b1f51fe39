/**
 * Import benchmark (issue 5): `npx uitkijk import` of a posts NDJSON file of N posts (default
 * 1 million, from the Haren scenario, generated to a temporary file first) into PostgreSQL 15 (a
 * throwaway Debian cluster with the schema and the real boundaries), end to end: read, validate,
 * normalise, locate, classify, pseudonymise, insert through ingest_post_keys, with the realtime
 * broadcast trigger. Prints posts/s end to end (target 20,000).
 *
 * Two cases: by default the file is an archive (the scenario's 2012 dates: older than the 25 h a
 * live map holds, so nothing is broadcast); with --live the same posts are dated within the last
 * 24 h, so every batch is also broadcast to the realtime topics.
 *
 *   npm run bench:import [-- --posts 1000000] [--live] [--concurrency 2] [--batch 5000]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { importFiles } from '../src/cli/import.ts';
import { serializePost } from '../src/lib/posts/ndjson.ts';
import { createScenario } from '../src/lib/scenario/index.ts';
import { parseTime } from '../src/lib/time/amsterdam.ts';
import { loadPlaces } from '../src/lib/server/scenarios.ts';
import { geodataDir } from '../src/lib/server/config.ts';
import { applySchema, loadBoundaries, startCluster } from './lib/pg-cluster.ts';

const { values } = parseArgs({
	options: {
		posts: { type: 'string', default: '1000000' },
		concurrency: { type: 'string', default: '2' },
		batch: { type: 'string', default: '5000' },
		live: { type: 'boolean', default: false }
	}
});
const N = Number(values.posts);
const dir = mkdtempSync(join(tmpdir(), 'uitkijk-bench-import-'));
const file = join(dir, 'posts.ndjson');

// 1. The file: Haren scenario posts from its busiest day on, N of them.
{
	const t0 = performance.now();
	const { places } = await loadPlaces();
	const scenario = createScenario('haren-2012', { seed: 1, places });
	const out = createWriteStream(file);
	let n = 0;
	let t = parseTime('2012-09-14T00:00:00+02:00');
	const now = Date.now();
	while (n < N) {
		const posts = scenario.generate(t, t + 3_600_000);
		t += 3_600_000;
		let buf = '';
		for (const p of posts) {
			if (n >= N) break;
			// --live: spread over the last 24 h, in the same order.
			const post = values.live
				? {
						...p,
						created_at: new Date(now - 86_400_000 + Math.floor((n / N) * 86_400_000)).toISOString()
					}
				: p;
			buf += serializePost(post) + '\n';
			n++;
		}
		if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
	}
	await new Promise<void>((r) => out.end(r));
	console.log(
		`file (${values.live ? 'live: dated in the last 24 h, broadcast' : 'archive: 2012 dates, not broadcast'}): ${N.toLocaleString('en')} posts, ${(statSync(file).size / 1048576).toFixed(0)} MB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`
	);
}

// 2. PostgreSQL 15 with the schema and the boundaries.
const cluster = startCluster(54341, ['-c shared_buffers=512MB', '-c max_wal_size=4GB']);
try {
	const client = new pg.Client({ connectionString: cluster.url });
	await client.connect();
	await applySchema(client);
	const boundaries = await loadBoundaries(client, geodataDir());
	await client.end();
	console.log(`database: PostgreSQL 15, boundaries ${boundaries ? 'real' : 'absent (no geodata)'}`);

	// 3. The import, as the command line runs it.
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const code = await importFiles(
		[file, '--db-url', cluster.url, '--concurrency', values.concurrency!, '--batch', values.batch!],
		{
			stdout: process.stdout,
			stderr: process.stderr,
			env: { ...process.env, UITKIJK_PSEUDONYM_KEY: '5e'.repeat(32) }
		}
	);
	const secs = (performance.now() - t0) / 1000;
	const cpu = process.cpuUsage(cpu0);
	const nodeCpu = (cpu.user + cpu.system) / 1e6;
	const check = new pg.Client({ connectionString: cluster.url });
	await check.connect();
	const { rows } = await check.query(
		`select count(*)::int as n, count(*) filter (where method <> 'none')::int as located,
		        count(*) filter (where classes is not null)::int as classed from public.posts`
	);
	await check.end();
	console.log(
		`bench:import${values.live ? ' --live' : ''} ${N.toLocaleString('en')} posts end to end in ${secs.toFixed(1)} s: ` +
			`${Math.round(N / secs).toLocaleString('en')} posts/s (target 20,000); exit code ${code}; ` +
			`in the database ${rows[0].n.toLocaleString('en')} posts, ${rows[0].located.toLocaleString('en')} located, ${rows[0].classed.toLocaleString('en')} classified; ` +
			`the import process used ${nodeCpu.toFixed(1)} s of CPU (${Math.round((nodeCpu / secs) * 100)}% of one core), the database the rest of the 2 cores`
	);
} finally {
	cluster.stop();
	rmSync(dir, { recursive: true, force: true });
}
