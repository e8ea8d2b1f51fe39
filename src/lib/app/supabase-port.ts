/** The live connection's port on a supabase-js client (src/lib/app/live-connection.ts). */
import type { SupabaseClient } from '@supabase/supabase-js';
import { AlertsFeed } from '../supabase/alerts-feed';
import { fetchAreas, signIn } from '../supabase/client';
import { IncidentsFeed } from '../supabase/incidents';
import { LiveFeed } from '../supabase/live-feed';
import type { LivePort } from './live-connection';

export function supabasePort(client: SupabaseClient, opts: { pageSize: number }): LivePort {
	return {
		signIn: (email, password) => signIn(client, email, password),
		fetchAreas: () => fetchAreas(client),
		openFeed: (me, sink) => new LiveFeed(client, me, sink, { pageSize: opts.pageSize }),
		openAlerts: (me, sink) => new AlertsFeed(client, me, sink),
		openIncidents: (me, sink) => new IncidentsFeed(client, me, sink)
	};
}
