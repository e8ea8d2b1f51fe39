import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/*
 * Layering (docs/architecture.md): the domain modules are pure TypeScript that runs in Node, the
 * browser and a worker, so they import no UI, map or database client code (type-only imports
 * included); nothing outside the server side imports the embedded stack (src/stack).
 */
/** The domain modules and the map model (src/lib/layers/ and src/lib/map/layers.ts are deck.gl). */
export const DOMAIN_FILES = [
	...[
		'detection',
		'geo',
		'scenario',
		'heat',
		'binning',
		'corridors',
		'posts',
		'ingest',
		'classify',
		'areas',
		'time',
		'feed',
		'eval'
	].map((d) => `src/lib/${d}/**`),
	...[
		'live-data',
		'post-store',
		'analyses',
		'help',
		'worker-analyses',
		'analysis-worker',
		'fallback-outline',
		'style'
	].map((f) => `src/lib/map/${f}.ts`)
];
const UI_LIBS = /^(svelte|\$app|maplibre-gl|@deck\.gl|@luma\.gl|@supabase)(\/|$)/;
const NO_STACK = {
	regex: '(^|/)stack(/|$)',
	message: 'Only the server side (src/lib/server, src/stack, src/cli, scripts) may use src/stack.'
};
const NO_UI = {
	regex: UI_LIBS.source,
	message:
		'Domain modules import no Svelte, SvelteKit, MapLibre, deck.gl, luma.gl or Supabase code (not even types).'
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench-results/',
			'*.tmp.mjs'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/routes/**', 'src/lib/**'],
		ignores: ['src/lib/server/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [NO_STACK] }] }
	},
	{
		files: DOMAIN_FILES,
		rules: {
			'no-restricted-imports': ['error', { patterns: [NO_STACK, NO_UI] }],
			'no-restricted-syntax': [
				'error',
				{ selector: `ImportExpression[source.value=${UI_LIBS}]`, message: NO_UI.message }
			]
		}
	},
	{
		// Post text is hostile input: no raw HTML rendering anywhere.
		files: ['**/*.svelte'],
		rules: { 'svelte/no-at-html-tags': 'error' }
	}
);
