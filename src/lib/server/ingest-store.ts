/**
 * Stores for the ingest pipeline (src/lib/ingest/pipeline.ts): the database side of the one
 * insert path, `ingest_post_keys` and `record_rejects` (docs/backend.md), over supabase-js with
 * the service role (the embedded server, a Supabase project) or over a direct PostgreSQL
 * connection (`npx uitkijk import --db-url`, the benchmark).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import type { RejectRow, Store } from '../ingest/pipeline';
import type { IngestRow } from '../ingest/rows';

function keysOf(data: unknown): Set<string> {
	const out = new Set<string>();
	if (!Array.isArray(data)) return out;
	for (const r of data as { source?: unknown; id?: unknown }[])
		if (typeof r?.source === 'string' && typeof r.id === 'string')
			out.add(`${r.source}\u0000${r.id}`);
	return out;
}

export function supabaseStore(client: SupabaseClient): Store {
	return {
		async insert(rows: IngestRow[]) {
			const { data, error } = await client.rpc('ingest_post_keys', { rows });
			if (error) throw new Error(`ingest_post_keys: ${error.code ?? ''} ${error.message}`);
			return keysOf(data);
		},
		async reject(rows: RejectRow[]) {
			const { error } = await client.rpc('record_rejects', { rows });
			if (error) throw new Error(`record_rejects: ${error.code ?? ''} ${error.message}`);
		}
	};
}

export function pgStore(client: pg.Client | pg.PoolClient | pg.Pool): Store {
	return {
		async insert(rows: IngestRow[]) {
			const r = await client.query('select source, id from public.ingest_post_keys($1::jsonb)', [
				JSON.stringify(rows)
			]);
			return keysOf(r.rows);
		},
		async reject(rows: RejectRow[]) {
			await client.query('select public.record_rejects($1::jsonb)', [JSON.stringify(rows)]);
		}
	};
}
