/**
 * Where the command line writes (import, stream, api-key): a PostgreSQL database (--db-url), a
 * Supabase project (SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY), or the embedded server started
 * with `npm start` (its keys from the data directory). The pseudonym key comes from
 * UITKIJK_PSEUDONYM_KEY, or the embedded server's data directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Store } from '../lib/ingest/pipeline';

export class UsageError extends Error {}

export interface Target {
	store: Store;
	pseudonymKey: string;
	describe: string;
	/** Call a database function with the service role. */
	rpc(fn: string, args: Record<string, unknown>): Promise<unknown>;
	close(): Promise<void>;
}

export async function openTarget(
	dbUrl: string | undefined,
	env: NodeJS.ProcessEnv
): Promise<Target> {
	if (dbUrl) {
		const key = env.UITKIJK_PSEUDONYM_KEY;
		if (!key) throw new UsageError('--db-url needs UITKIJK_PSEUDONYM_KEY (64 hex characters)');
		const { default: pg } = await import('pg');
		const { pgStore } = await import('../lib/server/ingest-store.ts');
		const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
		await pool.query('select 1');
		return {
			store: pgStore(pool),
			pseudonymKey: key,
			async rpc(fn, args) {
				const names = Object.keys(args);
				const sql = `select to_jsonb(r) as j from public.${fn.replace(/[^a-z_]/g, '')}(${names
					.map((n, i) => `${n.replace(/[^a-z_]/g, '')} => $${i + 1}`)
					.join(', ')}) r`;
				const res = await pool.query(sql, Object.values(args));
				return res.rows.map((x: { j: unknown }) => x.j);
			},
			describe: dbUrl.replace(/\/\/[^@/]*@/, '//…@'),
			close: () => pool.end()
		};
	}
	const { serviceClient } = await import('../lib/server/service-client.ts');
	const { supabaseStore } = await import('../lib/server/ingest-store.ts');
	if (env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY) {
		const key = env.UITKIJK_PSEUDONYM_KEY;
		if (!key) throw new UsageError('SUPABASE_URL needs UITKIJK_PSEUDONYM_KEY (64 hex characters)');
		const client = serviceClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY);
		return {
			store: supabaseStore(client),
			pseudonymKey: key,
			async rpc(fn, args) {
				const { data, error } = await client.rpc(fn, args);
				if (error) throw new Error(`${fn}: ${error.message}`);
				return data;
			},
			describe: env.SUPABASE_URL,
			close: async () => {
				await client.removeAllChannels();
			}
		};
	}
	const dataDir = resolve(env.UITKIJK_DATA ?? '.uitkijk-data');
	const keysFile = join(dataDir, 'keys.json');
	if (!existsSync(keysFile))
		throw new UsageError(
			`no embedded database in ${dataDir} (start it with npm start), and neither --db-url nor SUPABASE_URL given`
		);
	const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as {
		service_key: string;
		pseudonym_key: string;
	};
	const url = `http://127.0.0.1:${env.PORT ?? '3000'}`;
	try {
		const r = await fetch(`${url}/rest/v1/rpc/stream_clock`, {
			method: 'POST',
			headers: {
				apikey: keys.service_key,
				authorization: `Bearer ${keys.service_key}`,
				'content-type': 'application/json'
			},
			body: '{}'
		});
		if (!r.ok) throw new Error(`HTTP ${r.status}`);
	} catch (e) {
		throw new UsageError(
			`the embedded server does not answer at ${url} (${(e as Error).message}): start it with npm start, or give --db-url`
		);
	}
	const client = serviceClient(url, keys.service_key);
	return {
		store: supabaseStore(client),
		pseudonymKey: keys.pseudonym_key,
		async rpc(fn, args) {
			const { data, error } = await client.rpc(fn, args);
			if (error) throw new Error(`${fn}: ${error.message}`);
			return data;
		},
		describe: `the embedded server at ${url}`,
		close: async () => {
			await client.removeAllChannels();
		}
	};
}
