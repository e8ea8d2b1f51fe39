/**
 * Database benchmarks (issue 3), printing figures:
 *  1. ingest rate into PostgreSQL 15 (a throwaway Debian cluster) through `ingest_posts`, the one
 *     insert path, in batches as the feeder and the ingest API send them;
 *  2. the same into the embedded database (PGlite with PostGIS, in process);
 *  3. `heat_cells` for a 5 x 5 km box and a 1 h window over N million posts (default 10), as a
 *     signed-in prosecutor, so row-level security is part of the cost.
 *
 *   npm run bench:db [-- --posts 10000000] [--ingest 100000] [--batch 5000] [--skip-pglite]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ingestRows } from '../src/lib/ingest/rows.ts';
import { hmacPseudonymiser } from '../src/lib/server/pseudonym.ts';
import { engine } from '../src/lib/server/scenarios.ts';
import { parseTime } from '../src/lib/time/amsterdam.ts';
import { applySchema, loadBoundaries, percentile, startCluster } from './lib/pg-cluster.ts';
import { geodataDir } from '../src/lib/server/config.ts';

const { values } = parseArgs({
	options: {
		posts: { type: 'string', default: '10000000' },
		ingest: { type: 'string', default: '100000' },
		batch: { type: 'string', default: '5000' },
		queries: { type: 'string', default: '200' },
		'skip-pglite': { type: 'boolean', default: false },
		'skip-heat': { type: 'boolean', default: false }
	}
});
const N_HEAT = Number(values.posts);
const N_INGEST = Number(values.ingest);
const BATCH = Number(values.batch);
const N_QUERIES = Number(values.queries);

const ms = (t0: number) => performance.now() - t0;
const fmt = (x: number, d = 1) => x.toFixed(d);
const pseudonymise = hmacPseudonymiser('5e'.repeat(32));

/** Located ingest rows of the Haren scenario, N of them, from the busiest day onward. */
async function scenarioRows(n: number) {
	const { scenario, locator } = await engine('haren-2012');
	const rows: ReturnType<typeof ingestRows> = [];
	let t = parseTime('2012-09-20T00:00:00+02:00');
	while (rows.length < n) {
		rows.push(...ingestRows(locator.locateAll(scenario.generate(t, t + 3_600_000)), pseudonymise));
		t += 3_600_000;
	}
	return rows.slice(0, n);
}

function batches<T>(xs: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
	return out;
}

interface Exec {
	/** Run one ingest batch as the service role, in its own transaction. */
	ingest(json: string): Promise<void>;
}

/** Ingest all rows in batches; `execs` run concurrently, each taking the next batch. */
async function ingestBench(label: string, execs: Exec[], rows: ReturnType<typeof ingestRows>) {
	const per: number[] = [];
	const queue = batches(rows, BATCH);
	const t0 = performance.now();
	await Promise.all(
		execs.map(async (exec) => {
			for (let b = queue.shift(); b; b = queue.shift()) {
				const t = performance.now();
				await exec.ingest(JSON.stringify(b));
				per.push(ms(t));
			}
		})
	);
	const total = ms(t0);
	per.sort((a, b) => a - b);
	console.log(
		`| ${label} | ${rows.length} | ${BATCH} | ${fmt(rows.length / (total / 1000), 0)} | ${fmt(percentile(per, 50))} | ${fmt(percentile(per, 95))} |`
	);
}

const rows = await scenarioRows(N_INGEST);
const located = rows.filter((r) => r.x !== undefined).length;
console.log(
	`ingest: ${rows.length} Haren scenario posts (${located} located), batches of ${BATCH}, as service_role through ingest_posts(jsonb)\n`
);

// 1. PostgreSQL 15
const cluster = startCluster(54339, ['-c shared_buffers=512MB', '-c max_wal_size=4GB']);
const client = new pg.Client({ connectionString: cluster.url });
await client.connect();
await applySchema(client);
const boundaries = await loadBoundaries(client, geodataDir());
console.log(
	boundaries
		? 'boundaries: 342 municipalities and 10 police units from the geodata directory\n'
		: "boundaries: geodata directory absent, only the seed's approximate polygons\n"
);
console.log('| database | posts | batch | posts/s | batch p50 ms | batch p95 ms |');
console.log('|---|---|---|---|---|---|');
function pgExec(c: pg.Client): Exec {
	return {
		async ingest(json) {
			await c.query('begin');
			await c.query('set local role service_role');
			await c.query('select * from public.ingest_posts($1::jsonb)', [json]);
			await c.query('commit');
		}
	};
}
await ingestBench('PostgreSQL 15 (Debian), 1 connection', [pgExec(client)], rows);
// Two writers on the two cores, on fresh keys (the same rows again would all be duplicates).
const second = new pg.Client({ connectionString: cluster.url });
await second.connect();
const again = rows.map((r) => ({ ...r, id: `${r.id}:2` }));
await ingestBench('PostgreSQL 15 (Debian), 2 connections', [pgExec(client), pgExec(second)], again);
await second.end();

// 2. PGlite
if (!values['skip-pglite']) {
	const db = await PGlite.create({ extensions: { postgis, pgcrypto } });
	await db.exec(readFileSync('supabase/bootstrap/supabase-compat.sql', 'utf8'));
	for (const f of readdirSync('supabase/migrations')
		.filter((f) => f.endsWith('.sql'))
		.sort()) {
		await db.exec(readFileSync(join('supabase/migrations', f), 'utf8'));
	}
	await db.exec(readFileSync('supabase/seed.sql', 'utf8'));
	if (boundaries) {
		const gd = geodataDir();
		await db.query('select * from public.load_boundaries($1::jsonb, $2::jsonb, $3)', [
			readFileSync(join(gd, 'boundaries/nl_politie_eenheden.geojson'), 'utf8'),
			readFileSync(join(gd, 'boundaries/nl_gemeenten_2023.geojson'), 'utf8'),
			'nl_gemeenten_2023'
		]);
	}
	await ingestBench(
		'PGlite 0.5.8 (embedded, in process, one connection)',
		[
			{
				async ingest(json) {
					await db.transaction(async (tx) => {
						await tx.exec('set local role service_role');
						await tx.query('select * from public.ingest_posts($1::jsonb)', [json]);
					});
				}
			}
		],
		rows
	);
	await db.close();
}

// 3. heat_cells over N posts
if (!values['skip-heat']) {
	console.log(`\nheat_cells: filling ${N_HEAT} posts over 30 days ...`);
	// A pool of real located positions (with their H3 cells, computed with h3-js as at ingest),
	// repeated over 30 days: the fill runs in SQL, since 10 million ingest calls would take long.
	const pool = rows.filter((r) => r.x !== undefined);
	await client.query(
		`create temp table pool as select row_number() over () - 1 as i, * from unnest($1::float8[], $2::float8[], $3::text[], $4::text[], $5::text[]) as u(x, y, h5, h8, h10)`,
		[
			pool.map((r) => r.x),
			pool.map((r) => r.y),
			pool.map((r) => r.h3_r5),
			pool.map((r) => r.h3_r8),
			pool.map((r) => r.h3_r10)
		]
	);
	const T0 = Date.parse('2026-10-01T00:00:00Z');
	const SPAN = 30 * 86_400_000;
	const tFill = performance.now();
	// Bulk load without the realtime trigger (it would broadcast 10 million posts).
	await client.query(`set session_replication_role = replica`);
	const CH = 1_000_000;
	for (let off = 0; off < N_HEAT; off += CH) {
		const n = Math.min(CH, N_HEAT - off);
		await client.query(
			`insert into public.posts (source, id, created_at, author_ref, text, method, precision_m, geom, h3_r5, h3_r8, h3_r10)
			 select 'x', 'bench:' || g, to_timestamp(($2::float8 + (g::float8 / $3) * $4) / 1000),
			   md5((g % 50000)::text), 'bench', 'gps', 10,
			   extensions.st_setsrid(extensions.st_makepoint(p.x + ((g * 7919) % 1000 - 500) * 1e-6, p.y), 4326),
			   ('x' || lpad(p.h5, 16, '0'))::bit(64)::bigint, ('x' || lpad(p.h8, 16, '0'))::bit(64)::bigint,
			   ('x' || lpad(p.h10, 16, '0'))::bit(64)::bigint
			 from generate_series($1::bigint, $1::bigint + $5 - 1) g
			 join pool p on p.i = (g * 2654435761) % (select count(*) from pool)`,
			[off, T0, N_HEAT, SPAN, n]
		);
		process.stderr.write(`  ${off + n} rows, ${fmt(ms(tFill) / 1000)} s\n`);
	}
	await client.query(`set session_replication_role = origin`);
	await client.query('analyze public.posts');
	console.log(`filled ${N_HEAT} posts in ${fmt(ms(tFill) / 1000)} s`);

	const { rows: who } = await client.query(
		`select user_id from public.user_roles where role = 'prosecutor' limit 1`
	);
	const claims = JSON.stringify({
		sub: who[0].user_id,
		role: 'authenticated',
		aud: 'authenticated'
	});
	const times: number[] = [];
	const sizes: number[] = [];
	let seed = 1;
	const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	for (let q = 0; q < N_QUERIES + 10; q++) {
		const c = pool[Math.floor(rnd() * pool.length)];
		const dLon = 2.5 / (111.32 * Math.cos((c.y! * Math.PI) / 180));
		const dLat = 2.5 / 110.57;
		const from = T0 + Math.floor(rnd() * (SPAN - 3_600_000));
		const t = performance.now();
		await client.query('begin');
		await client.query(`set local role authenticated`);
		await client.query(`select set_config('request.jwt.claims', $1, true)`, [claims]);
		const r = await client.query('select * from public.heat_cells($1, $2, $3, $4, $5, $6, 8)', [
			c.x! - dLon,
			c.y! - dLat,
			c.x! + dLon,
			c.y! + dLat,
			new Date(from),
			new Date(from + 3_600_000)
		]);
		await client.query('commit');
		if (q >= 10) {
			times.push(ms(t));
			sizes.push(r.rows.reduce((s, x) => s + Number(x.n), 0));
		}
	}
	times.sort((a, b) => a - b);
	sizes.sort((a, b) => a - b);
	console.log(
		`\nheat_cells (res 8, 5 x 5 km, 1 h, as prosecutor) over ${N_HEAT} posts, ${N_QUERIES} queries after 10 warm-up:`
	);
	console.log(`| p50 ms | p95 ms | max ms | posts counted p50 | p95 |`);
	console.log(`|---|---|---|---|---|`);
	console.log(
		`| ${fmt(percentile(times, 50))} | ${fmt(percentile(times, 95))} | ${fmt(times[times.length - 1])} | ${percentile(sizes, 50)} | ${percentile(sizes, 95)} |`
	);
	// The plan of one query as the prosecutor (row-level security on), for the record.
	await client.query('begin');
	await client.query(`set local role authenticated`);
	await client.query(`select set_config('request.jwt.claims', $1, true)`, [claims]);
	const plan = await client.query(
		`explain (analyze, buffers, costs off) select * from public.heat_cells(6.5, 53.15, 6.6, 53.2, $1, $2, 8)`,
		[new Date(T0 + 86_400_000), new Date(T0 + 86_400_000 + 3_600_000)]
	);
	await client.query('commit');
	console.log(
		'\nplan (as prosecutor):\n' + plan.rows.map((r) => '  ' + r['QUERY PLAN']).join('\n')
	);
}

await client.end();
cluster.stop();
