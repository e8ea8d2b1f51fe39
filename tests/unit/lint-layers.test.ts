/**
 * The layering rules of eslint.config.js can fail: a forbidden import at a virtual path in each
 * layer is reported, an allowed one is not (ESLint's Node API on small snippets).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { DOMAIN_FILES } from '../../eslint.config.js';

const eslint = new ESLint();

/** Messages of the layering rules for a snippet placed at a path. */
async function layering(code: string, filePath: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	const other = result.messages.filter((m) => m.fatal);
	expect(other).toEqual([]);
	return result.messages
		.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
		.map((m) => m.message);
}

/** A file path inside each domain glob: src/lib/detection/x.ts, src/lib/map/analyses.ts, ... */
const DOMAIN_PATHS = DOMAIN_FILES.map((g) => g.replace('/**', '/x.ts'));

describe('domain modules import no UI, map or database client code', () => {
	it('covers the domain modules and the map model', () => {
		expect(DOMAIN_PATHS).toContain('src/lib/detection/x.ts');
		expect(DOMAIN_PATHS).toContain('src/lib/areas/x.ts');
		expect(DOMAIN_PATHS).toContain('src/lib/map/live-data.ts');
		expect(DOMAIN_PATHS).toContain('src/lib/map/analysis-worker.ts');
		expect(DOMAIN_PATHS).not.toContain('src/lib/map/layers.ts');
	});

	it.each([
		"import { onMount } from 'svelte';",
		"import { writable } from 'svelte/store';",
		"import { browser } from '$app/environment';",
		"import maplibregl from 'maplibre-gl';",
		"import type { Map } from 'maplibre-gl';",
		"import { ScatterplotLayer } from '@deck.gl/layers';",
		"import type { Layer } from '@deck.gl/core';",
		"import { Device } from '@luma.gl/core';",
		"import type { SupabaseClient } from '@supabase/supabase-js';",
		"export { createClient } from '@supabase/supabase-js';",
		"const m = await import('maplibre-gl');",
		"import { startFeeder } from '../../stack/feeder';"
	])('reports %s in every domain module', async (line) => {
		for (const path of DOMAIN_PATHS) {
			const messages = await layering(`${line}\nexport const x = 1;\n`, path);
			expect(messages, path).toHaveLength(1);
		}
	});

	it.each([
		"import { latLngToCell } from 'h3-js';",
		"import { distanceM } from '../geo/measure';",
		"import type { LocatedPost } from '../posts/post';",
		"import { readFile } from 'node:fs/promises';"
	])('allows %s', async (line) => {
		for (const path of DOMAIN_PATHS)
			expect(await layering(`${line}\nexport const x = 1;\n`, path), path).toEqual([]);
	});
});

describe('only the server side imports the embedded stack', () => {
	it.each([
		['src/routes/api/x/+server.ts', "import { serviceClient } from '../../../stack/feeder';"],
		['src/routes/x/+page.server.ts', "import { startStack } from '../../stack/server';"],
		['src/lib/supabase/x.ts', "import { insertPosts } from '../../stack/feeder.ts';"],
		['src/lib/app/x.ts', "import { pgStore } from '../../stack/ingest-store';"]
	])('reports it in %s', async (path, line) => {
		expect(await layering(`${line}\nexport const x = 1;\n`, path)).toHaveLength(1);
	});

	it.each([
		['src/routes/api/x/+server.ts', "import { serviceClient } from '$lib/server/service-client';"],
		['src/routes/x/+page.ts', "import { SCENARIO_NAMES } from '$lib/scenario';"],
		['src/lib/server/x.ts', "import { startStack } from '../../stack/server';"],
		['src/cli/x.ts', "import { startFeeder } from '../stack/feeder.ts';"],
		['scripts/x.ts', "import { startStack } from '../src/stack/server.ts';"],
		['src/lib/components/x.ts', "import { onMount } from 'svelte';"]
	])('allows it in %s', async (path, line) => {
		expect(await layering(`${line}\nexport const x = 1;\n`, path)).toEqual([]);
	});
});
