#!/usr/bin/env node
// `npm start`: build the app when the build is missing or older than the sources, then run
// scripts/server.ts: the app and the embedded database API (src/stack) in one process, no
// configuration, no network. PORT, HOST and ORIGIN as adapter-node reads them.
// `npm run demo` (`--demo`): the same in demo mode (UITKIJK_DEMO=1): the seeded demo users, whose
// password is published, can sign in; the server then refuses to start beyond loopback.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
	let t = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return t;
}

const built = existsSync('build/handler.js') ? statSync('build/handler.js').mtimeMs : 0;
const sources = Math.max(
	newest('src'),
	statSync('package.json').mtimeMs,
	statSync('svelte.config.js').mtimeMs
);
if (built < sources) {
	console.error('uitkijk: building the app (first start or sources changed) ...');
	const r = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
if (process.argv.includes('--demo')) process.env.UITKIJK_DEMO = '1';
process.env.PORT ??= '3000';
process.env.HOST ??= '127.0.0.1';
// adapter-node needs the public origin to check same-origin requests; without a proxy it is this.
process.env.ORIGIN ??= `http://${process.env.HOST}:${process.env.PORT}`;
// scripts/server.ts prints the URL once the database is ready.
const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
	stdio: 'inherit'
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
