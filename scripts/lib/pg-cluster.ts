/**
 * A throwaway PostgreSQL 15 cluster for benchmarks: Debian's binaries, a temporary directory, its
 * own port, fsync off; removed on stop. initdb refuses to run as root, so the server runs as the
 * postgres user when we are root. Needs postgresql-15-postgis-3 (see .ci/run).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN = '/usr/lib/postgresql/15/bin';

export interface Cluster {
	url: string;
	port: number;
	stop(): void;
}

function asPostgres(cmd: string): void {
	const root = process.getuid?.() === 0;
	execFileSync(root ? 'su' : 'bash', root ? ['postgres', '-c', cmd] : ['-c', cmd], {
		stdio: ['ignore', 'ignore', 'inherit']
	});
}

export function startCluster(port = 54339, opts: string[] = []): Cluster {
	const dir = mkdtempSync(join(tmpdir(), 'uitkijk-pg-'));
	chmodSync(dir, 0o777);
	asPostgres(
		`${BIN}/initdb -D ${dir}/data -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null`
	);
	const o = [
		`-p ${port}`,
		`-k ${dir}`,
		'-c listen_addresses=127.0.0.1',
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
		...opts
	].join(' ');
	asPostgres(`${BIN}/pg_ctl -D ${dir}/data -l ${dir}/log -o '${o}' -w start >/dev/null`);
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		try {
			asPostgres(`${BIN}/pg_ctl -D ${dir}/data -m immediate -w stop >/dev/null`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
	process.once('exit', stop);
	for (const sig of ['SIGINT', 'SIGTERM'] as const)
		process.once(sig, () => {
			stop();
			process.exit(130);
		});
	return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, port, stop };
}

/** Apply the Supabase compatibility bootstrap, every migration in order and, optionally, the seed. */
export async function applySchema(client: pg.Client, seed = true): Promise<void> {
	await client.query(readFileSync('supabase/bootstrap/supabase-compat.sql', 'utf8'));
	for (const f of readdirSync('supabase/migrations')
		.filter((f) => f.endsWith('.sql'))
		.sort()) {
		await client.query(readFileSync(join('supabase/migrations', f), 'utf8'));
	}
	if (seed) await client.query(readFileSync('supabase/seed.sql', 'utf8'));
}

/** Load the real police-unit and municipality boundaries from the geodata directory, if present. */
export async function loadBoundaries(client: pg.Client, geodataDir: string): Promise<boolean> {
	const units = join(geodataDir, 'boundaries/nl_politie_eenheden.geojson');
	const gm = join(geodataDir, 'boundaries/nl_gemeenten_2023.geojson');
	if (!existsSync(units) || !existsSync(gm)) return false;
	await client.query('select * from public.load_boundaries($1::jsonb, $2::jsonb, $3)', [
		readFileSync(units, 'utf8'),
		readFileSync(gm, 'utf8'),
		'nl_gemeenten_2023'
	]);
	return true;
}

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
