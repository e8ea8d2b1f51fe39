import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/lib/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The pages' Content-Security-Policy: SvelteKit adds a nonce for its inline boot script;
		// src/hooks.server.ts adds the configured Supabase URL to connect-src at run time.
		csp: { mode: 'auto', directives: CSP_DIRECTIVES },
		// SvelteKit's check refuses every form-typed POST without a same-origin Origin header,
		// also POST /api/ingest with text/plain from a server (no Origin), which is authenticated
		// by its API key and not by a cookie. src/hooks.server.ts does the same check for every
		// other route.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
