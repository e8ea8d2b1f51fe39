/**
 * A supabase-js client with the service role, for server code only (the ingest route, the
 * embedded stack's feeder and workers, the CLI): no session kept, Realtime over the `ws` package
 * (Node has no WebSocket the client accepts on every version we support).
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';

export function serviceClient(url: string, serviceKey: string): SupabaseClient {
	return createClient(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
}
