/** The `simulate` subcommand, driven with in-memory streams. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sink } from './helpers';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/cli/simulate';
import { POST_FIELDS } from './helpers';

async function run(args: string[], env: Record<string, string | undefined> = {}) {
	const out = sink();
	const err = sink();
	const code = await simulate(args, { stdout: out.stream, stderr: err.stream, env });
	return { code, out: out.text(), err: err.text() };
}

const NO_GEODATA = { UITKIJK_GEODATA: '/nonexistent/geodata' };
const ORDER = POST_FIELDS;

describe('uitkijk simulate', () => {
	it('writes valid NDJSON in field order and the labels file', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'uitkijk-sim-'));
		const labels = path.join(dir, 'labels.json');
		const r = await run(
			[
				'--scenario',
				'haren-2012',
				'--seed',
				'4',
				'--from',
				'2012-09-21T20:00:00+02:00',
				'--to=2012-09-21T20:10:00+02:00',
				'--labels',
				labels
			],
			NO_GEODATA
		);
		expect(r.code).toBe(0);
		expect(r.err).toMatch(/built-in list/);
		const lines = r.out.trim().split('\n');
		expect(lines.length).toBeGreaterThan(300);
		let prev = '';
		for (const line of lines) {
			const o = JSON.parse(line) as Record<string, unknown>;
			const keys = Object.keys(o);
			expect(keys).toEqual(ORDER.filter((k) => keys.includes(k)));
			expect((o.created_at as string) >= prev).toBe(true);
			prev = o.created_at as string;
		}
		const doc = JSON.parse(readFileSync(labels, 'utf8'));
		expect(doc.scenario).toBe('haren-2012');
		expect(doc.seed).toBe(4);
		expect(doc.labels.some((l: { kind: string }) => l.kind === 'riot')).toBe(true);
		expect(doc.areas.length).toBe(2);
	});

	it('is reproducible and matches hour-by-hour streaming of a longer range', async () => {
		const args = [
			'--scenario',
			'quiet-day',
			'--from',
			'2024-10-15T09:30',
			'--to',
			'2024-10-15T11:15'
		];
		const a = await run(args, NO_GEODATA);
		const b = await run(args, NO_GEODATA);
		expect(a.code).toBe(0);
		expect(a.out).toBe(b.out);
		const c = await run(
			['--scenario', 'quiet-day', '--from', '2024-10-15T09:30', '--to', '2024-10-15T10:00'],
			NO_GEODATA
		);
		expect(a.out.startsWith(c.out)).toBe(true);
	});

	it('respects backpressure from a slow reader', async () => {
		let received = 0;
		const slow = new Writable({
			highWaterMark: 1024,
			write(chunk: Buffer, _enc, cb) {
				received += chunk.length;
				setTimeout(cb, 1);
			}
		});
		const err = sink();
		const code = await simulate(
			['--scenario', 'quiet-day', '--from', '2024-10-15T10:00', '--to', '2024-10-15T12:30'],
			{
				stdout: slow,
				stderr: err.stream,
				env: NO_GEODATA
			}
		);
		await new Promise<void>((resolve) => slow.end(resolve));
		expect(code).toBe(0);
		expect(received).toBeGreaterThan(100_000);
	});

	it.each([
		[[], /--scenario is required/],
		[['--scenario', 'nope'], /valid scenarios: haren-2012, planned-event, quiet-day/],
		[['--scenario'], /needs a value/],
		[['--scenario', 'quiet-day', '--seed', 'abc'], /--seed must be an integer/],
		[['--scenario', 'quiet-day', '--from', 'gisteren'], /not an ISO 8601 time/],
		[
			['--scenario', 'quiet-day', '--from', '2024-10-15T12:00', '--to', '2024-10-15T11:00'],
			/must be after/
		],
		[['--scenario', 'quiet-day', '--verbose'], /unknown argument/],
		[['--scenario', 'quiet-day', '--seed', '1', '--seed', '2'], /given twice/]
	])('rejects %j with exit code 2', async (args, message) => {
		const r = await run(args as string[], NO_GEODATA);
		expect(r.code).toBe(2);
		expect(r.err).toMatch(message as RegExp);
		expect(r.out).toBe('');
	});

	it('prints usage with --help', async () => {
		const r = await run(['--help']);
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/uitkijk simulate --scenario/);
	});
});
