/** `uitkijk detect`: posts NDJSON in, alerts NDJSON out (and nothing else) on stdout. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers';
import { detect } from '../../src/cli/detect';
import { serializePost } from '../../src/lib/posts/ndjson';
import { createScenario } from '../../src/lib/scenario/index';
import { parseTime } from '../../src/lib/time/amsterdam';
import { readAlertsNdjson } from '../../src/lib/detection/alerts-ndjson';

const run = (args: string[]) => runCli(detect, args);

describe('uitkijk detect', () => {
	it('writes the Haren evening alerts as alerts NDJSON, diagnostics only on stderr', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'uitkijk-detect-'));
		const s = createScenario('haren-2012', { seed: 1 });
		const write = (file: string, from: string, to: string) =>
			writeFileSync(
				path.join(dir, file),
				s
					.generate(parseTime(from), parseTime(to))
					.map((p) => serializePost(p) + '\n')
					.join('')
			);
		write('history.ndjson', '2012-09-20T12:00:00+02:00', '2012-09-21T12:00:00+02:00');
		write('posts.ndjson', '2012-09-21T12:00:00+02:00', '2012-09-21T21:00:00+02:00');
		const r = await run([
			'--posts',
			path.join(dir, 'posts.ndjson'),
			'--history',
			path.join(dir, 'history.ndjson')
		]);
		expect(r.code).toBe(0);
		const { alerts, errors } = readAlertsNdjson(r.out);
		expect(errors).toEqual([]);
		expect(alerts.length).toBeGreaterThan(0);
		expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length);
		const physical = alerts.filter((a) => a.kind !== 'mobilisation');
		expect(physical.some((a) => Math.hypot(a.lon - 6.6, a.lat - 53.17) < 0.05)).toBe(true);
		expect(r.err.length).toBeGreaterThan(0);
	}, 60_000);

	it('refuses a missing --posts with a usage error and exit code 2', async () => {
		const r = await run([]);
		expect(r.code).toBe(2);
		expect(r.out).toBe('');
		expect(r.err).toMatch(/--posts is required/);
	});
});
