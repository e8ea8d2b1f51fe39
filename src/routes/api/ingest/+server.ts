/**
 * POST /api/ingest: posts from other systems, authenticated by an API key per source; the
 * contract is in src/lib/server/ingest-api.ts and docs/backend.md. It writes with the service
 * role: the embedded server's own key, or SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY (and
 * UITKIJK_PSEUDONYM_KEY) for a Supabase project.
 */
import { createHash } from 'node:crypto';
import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { createIngestHandler, type ApiKey } from '$lib/server/ingest-api';
import { ingestPipeline } from '$lib/server/ingest';
import { supabaseStore } from '$lib/server/ingest-store';
import { serviceClient } from '$lib/server/service-client';
import type { RequestHandler } from './$types';

let handler: ((r: Request) => Promise<Response>) | null = null;

function build(): ((r: Request) => Promise<Response>) | null {
	const url = env.UITKIJK_EMBEDDED_SUPABASE_URL || env.SUPABASE_URL;
	const serviceKey = env.UITKIJK_EMBEDDED_SERVICE_KEY || env.SUPABASE_SERVICE_ROLE_KEY;
	const pseudonymKey = env.UITKIJK_EMBEDDED_PSEUDONYM_KEY || env.UITKIJK_PSEUDONYM_KEY;
	if (!url || !serviceKey || !pseudonymKey) return null;
	const client = serviceClient(url, serviceKey);
	const store = supabaseStore(client);
	return createIngestHandler({
		async lookupKey(hash) {
			const { data, error } = await client.rpc('api_key_lookup', { key_hash: hash });
			if (error) throw new Error(error.message);
			const row = (Array.isArray(data) ? data[0] : data) as ApiKey | undefined;
			return row ?? null;
		},
		pipeline: (key) =>
			ingestPipeline({
				store,
				pseudonymKey,
				entry: 'api',
				origin: key.name,
				...(key.source ? { onlySource: key.source } : {})
			}),
		sha256: async (s) => createHash('sha256').update(s).digest('hex'),
		...(env.UITKIJK_INGEST_MAX_BYTES ? { maxBodyBytes: Number(env.UITKIJK_INGEST_MAX_BYTES) } : {}),
		log: (m) => console.error(`ingest: ${m}`)
	});
}

export const POST: RequestHandler = async ({ request }) => {
	handler ??= build();
	if (!handler)
		return json(
			{
				error:
					'ingest is not configured on this server (SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY and UITKIJK_PSEUDONYM_KEY)'
			},
			{ status: 503 }
		);
	return handler(request);
};
