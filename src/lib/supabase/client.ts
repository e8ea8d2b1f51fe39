/**
 * The browser's Supabase client, configured from `GET /api/config`
 * (`{supabaseUrl, anonKey, embedded}`; docs/backend.md "Local stack"), and signing in.
 */
import { parseAreas, type AreasResult } from './areas';
import {
	createClient,
	type RealtimeClientOptions,
	type SupabaseClient
} from '@supabase/supabase-js';
import { parseMe, type Me } from './topics';

export interface AppConfig {
	supabaseUrl: string;
	anonKey: string;
	/** The local stack in this server. */
	embedded: boolean;
	/** Demo mode (UITKIJK_DEMO=1): the demo role picker; else a sign-in form. */
	demo: boolean;
}

export function parseConfig(value: unknown): AppConfig {
	if (typeof value !== 'object' || value === null) throw new Error('/api/config: not an object');
	const v = value as Record<string, unknown>;
	if (typeof v.supabaseUrl !== 'string' || typeof v.anonKey !== 'string' || !v.anonKey)
		throw new Error('/api/config: supabaseUrl and anonKey must be strings');
	return {
		supabaseUrl: v.supabaseUrl,
		anonKey: v.anonKey,
		embedded: v.embedded === true,
		demo: v.demo === true
	};
}

/**
 * The backend configuration, or null when this server has no database (404, or 503 "no Supabase
 * configured"): the page then offers the scenario replay only. Other failures throw.
 */
export async function loadConfig(fetcher: typeof fetch = fetch): Promise<AppConfig | null> {
	const res = await fetcher('/api/config');
	if (res.status === 404 || res.status === 503) return null;
	if (!res.ok) throw new Error(`/api/config: HTTP ${res.status}`);
	return parseConfig(await res.json());
}

/** Reconnect quickly: a wall screen should not wait half a minute after a network cut. */
export function reconnectAfterMs(tries: number): number {
	return [500, 1000, 2000, 3000][tries - 1] ?? 5000;
}

/**
 * A client for the configured backend. `origin` resolves a relative supabaseUrl (the embedded
 * stack answers on the page's own origin). Sessions are not persisted: every tab (a wall screen
 * pointed at a role's URL) signs in on its own.
 */
export function createSupabase(
	config: AppConfig,
	opts: { origin?: string; transport?: RealtimeClientOptions['transport'] } = {}
): SupabaseClient {
	const base = opts.origin ?? (typeof location === 'object' ? location.origin : undefined);
	const url = new URL(config.supabaseUrl || '/', base).toString().replace(/\/$/, '');
	return createClient(url, config.anonKey, {
		auth: { persistSession: false, autoRefreshToken: true, detectSessionInUrl: false },
		realtime: {
			heartbeatIntervalMs: 15_000,
			reconnectAfterMs,
			// Node (tests) passes the ws package; browsers have WebSocket.
			...(opts.transport ? { transport: opts.transport } : {})
		}
	});
}

/** Sign in with e-mail and password and read who that is (`me()`). */
export async function signIn(client: SupabaseClient, email: string, password: string): Promise<Me> {
	const { data, error } = await client.auth.signInWithPassword({ email, password });
	if (error) throw new Error(`${email}: ${error.message}`);
	await client.realtime.setAuth(data.session.access_token);
	const me = await client.rpc('me');
	if (me.error) throw new Error(`me(): ${me.error.message}`);
	return parseMe(me.data);
}

/** The event areas the signed-in role can see (`areas()`), validated. */
export async function fetchAreas(client: SupabaseClient): Promise<AreasResult> {
	const { data, error } = await client.rpc('areas');
	if (error) throw new Error(`areas(): ${error.message}`);
	return parseAreas(data);
}
