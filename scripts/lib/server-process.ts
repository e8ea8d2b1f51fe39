/**
 * The built server (`scripts/server.ts`, as `npm start` runs it) in a child process on a fresh
 * data directory, for benchmarks and soak tests: waits until it answers, reads its keys, and
 * stops it (and removes the data directory) on request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerProcess {
	base: string;
	data: string;
	/** The environment it runs with (for CLI commands against it). */
	env: NodeJS.ProcessEnv;
	keys: { anon_key: string; service_key: string; pseudonym_key: string };
	child: ChildProcess;
	/** Its standard error, line by line. */
	log: string[];
	stop(): Promise<void>;
}

export async function startServerProcess(
	port: number,
	env: Record<string, string>,
	name: string
): Promise<ServerProcess> {
	const base = `http://127.0.0.1:${port}`;
	const data = mkdtempSync(join(tmpdir(), `uitkijk-${name}-`));
	const fullEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: base,
		UITKIJK_DATA: data,
		...env
	};
	const log: string[] = [];
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
		env: fullEnv,
		stdio: ['ignore', 'ignore', 'pipe']
	});
	child.stderr!.on('data', (b: Buffer) => log.push(...b.toString().split('\n').filter(Boolean)));
	const stop = async () => {
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
		}
		rmSync(data, { recursive: true, force: true });
	};
	try {
		for (let i = 0; ; i++) {
			if ((await fetch(`${base}/api/config`).catch(() => null))?.ok) break;
			if (child.exitCode !== null || i > 900)
				throw new Error(
					`server did not start (did you run \`npm run build\`?): ${log.slice(-3).join(' | ')}`
				);
			await sleep(200);
		}
	} catch (e) {
		await stop();
		throw e;
	}
	const keys = JSON.parse(readFileSync(join(data, 'keys.json'), 'utf8'));
	return { base, data, env: fullEnv, keys, child, log, stop };
}
