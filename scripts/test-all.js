#!/usr/bin/env node
// `npm test`: every suite, in order, stopping at the first failure: types (svelte-check), lint,
// database tests (pgTAP on a throwaway PostgreSQL 15 with PostGIS), unit and contract tests
// (vitest; the contract suite runs supabase-js against the local stack), build, end-to-end tests
// (Playwright in Debian's Chromium). Ends with one line that sums the pgTAP, vitest and
// end-to-end tests: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const OUT = '.test-summary'; // not test-results/: Playwright empties that at start
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const steps = [
	['check', 'npm', ['run', 'check']],
	['lint', 'npm', ['run', 'lint']],
	['db', 'bash', ['scripts/db-test.sh']],
	[
		'unit',
		'npx',
		['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${OUT}/unit.json`]
	],
	['build', 'npx', ['vite', 'build']],
	['e2e', 'npx', ['playwright', 'test', '--reporter=list,json']]
];
const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${OUT}/e2e.json` };

function counts() {
	const c = { passed: 0, failed: 0, skipped: 0 };
	if (existsSync(`${OUT}/db.txt`)) {
		// pg_prove's summary: "Files=7, Tests=558, ..." and, on failure, "Failed N/M subtests" lines.
		const out = readFileSync(`${OUT}/db.txt`, 'utf8');
		const total = Number(/Files=\d+, Tests=(\d+)/.exec(out)?.[1] ?? 0);
		const failed = [...out.matchAll(/Failed (\d+)\/\d+ subtests/g)].reduce((n, m) => n + +m[1], 0);
		c.passed += total - failed;
		c.failed += failed;
	}
	if (existsSync(`${OUT}/unit.json`)) {
		const u = JSON.parse(readFileSync(`${OUT}/unit.json`, 'utf8'));
		c.passed += u.numPassedTests;
		c.failed += u.numFailedTests;
		c.skipped += u.numPendingTests + u.numTodoTests;
	}
	if (existsSync(`${OUT}/e2e.json`)) {
		const e = JSON.parse(readFileSync(`${OUT}/e2e.json`, 'utf8')).stats;
		c.passed += e.expected + e.flaky;
		c.failed += e.unexpected;
		c.skipped += e.skipped;
	}
	return c;
}

const only = process.argv.slice(2);
let status = 0;
for (const [name, cmd, args] of steps) {
	if (only.length && !only.includes(name)) continue;
	console.error(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
	const t0 = Date.now();
	const capture = name === 'db';
	const r = spawnSync(cmd, args, {
		stdio: ['inherit', capture ? 'pipe' : 'inherit', 'inherit'],
		env
	});
	if (capture) {
		process.stdout.write(r.stdout);
		writeFileSync(`${OUT}/db.txt`, r.stdout);
	}
	console.error(
		`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`
	);
	if (r.status !== 0) {
		status = r.status ?? 1;
		break;
	}
}
const c = counts();
console.log(`tests: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
process.exit(status);
