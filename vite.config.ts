import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		environment: 'node',
		expect: { requireAssertions: true },
		projects: [
			{ extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
			{
				// The database API through supabase-js against the local stack (PGlite boots once per
				// file, 10-15 s) and, with SUPABASE_URL and keys set, a Supabase project.
				extends: true,
				test: {
					name: 'contract',
					include: ['tests/contract/**/*.test.ts'],
					testTimeout: 30_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
