/**
 * Server configuration, read from the environment. No configuration is needed: every setting
 * has a default that runs the embedded product on one machine.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Directory of the offline geodata (never copied into the repository). */
export function geodataDir(): string {
	return resolve(process.env.UITKIJK_GEODATA ?? '../shared/geodata');
}

let available: boolean | undefined;
/** Whether the geodata directory exists; checked once per process. */
export function geodataAvailable(): boolean {
	if (available === undefined) {
		const dir = geodataDir();
		available = existsSync(dir) && statSync(dir).isDirectory();
	}
	return available;
}

/** The scenario the embedded default plays. */
export function defaultScenario(): string {
	return process.env.UITKIJK_SCENARIO ?? 'haren-2012';
}

export function scenarioSeed(): number {
	const seed = Number(process.env.UITKIJK_SEED ?? '1');
	return Number.isInteger(seed) ? seed : 1;
}
