import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.js';

const PORT = 4317;
// A fresh data directory per run (the embedded database and its keys.json); set once in the
// main process, inherited by the workers, so tests can read the service key from it.
const DATA = (process.env.UITKIJK_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'uitkijk-e2e-')));

/** End-to-end tests against the built app, in Debian's Chromium with software WebGL. */
export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 90_000,
	expect: { timeout: 30_000 },
	workers: 1,
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		viewport: { width: 1280, height: 800 },
		// The page installs its test hooks (window.uitkijk) only when asked: src/lib/app/test-hooks.ts.
		storageState: {
			cookies: [],
			origins: [
				{ origin: `http://127.0.0.1:${PORT}`, localStorage: [{ name: 'uitkijk.test', value: '1' }] }
			]
		},
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
	},
	webServer: {
		command: 'node --import tsx scripts/server.ts',
		port: PORT,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			UITKIJK_DATA: DATA,
			UITKIJK_FEEDER: 'off',
			UITKIJK_DETECTOR: 'off',
			UITKIJK_TEST_HOOKS: '1',
			// The e2e tests sign in as the seeded demo users.
			UITKIJK_DEMO: '1',
			UITKIJK_DATA_TEMPORARY: '1'
		},
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		reuseExistingServer: false,
		timeout: 60_000
	}
});
