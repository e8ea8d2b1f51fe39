import { loadConfig, type AppConfig } from '$lib/supabase/client';
import type { PageLoad } from './$types';

// The map needs WebGL and the DOM: render it in the browser only.
export const ssr = false;

/** Whether this server has a database (live mode) besides the scenario replay. */
export const load: PageLoad = async ({ data, fetch }) => {
	let config: AppConfig | null = null;
	let configError = '';
	try {
		config = await loadConfig(fetch);
	} catch (err) {
		configError = err instanceof Error ? err.message : String(err);
	}
	return { ...data, config, configError };
};
