#!/usr/bin/env node
// `npm test`: every suite, in order, stopping at the first failure: types (svelte-check), lint,
// unit tests (vitest), build, end-to-end tests (Playwright in Debian's Chromium).
import { spawnSync } from 'node:child_process';

const steps = [
	['check', 'npm', ['run', 'check']],
	['lint', 'npm', ['run', 'lint']],
	['unit', 'npx', ['vitest', 'run']],
	['build', 'npx', ['vite', 'build']],
	['e2e', 'npx', ['playwright', 'test']]
];
const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
	if (only.length && !only.includes(name)) continue;
	console.error(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
	const t0 = Date.now();
	const r = spawnSync(cmd, args, { stdio: 'inherit' });
	console.error(
		`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`
	);
	if (r.status !== 0) process.exit(r.status ?? 1);
}
