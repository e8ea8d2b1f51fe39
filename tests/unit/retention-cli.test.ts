/** `uitkijk retention`: arguments, the table it prints, exit codes (with a fake target). */
import { describe, expect, it } from 'vitest';
import {
	formatRetention,
	parseRetentionArgs,
	retention,
	RetentionUsageError
} from '../../src/cli/retention';
import type { Target } from '../../src/cli/target';
import { sink } from './helpers';

const ROWS = [
	{
		data_class: 'posts',
		period: '90 days',
		clock: 'stream',
		cutoff: '2012-06-23T18:30:00.123+00:00',
		partitions_dropped: 1,
		rows_removed: 1200,
		rows_held: 3,
		detail: 'dropped posts_y2012m03 (1200 rows)'
	},
	{
		data_class: 'handles',
		period: '30 days',
		clock: 'stream',
		cutoff: '2012-08-22T18:30:00+00:00',
		partitions_dropped: 0,
		rows_removed: 7,
		rows_held: 1,
		detail: ''
	},
	{
		data_class: 'dead_letters',
		period: '30 days',
		clock: 'wall',
		cutoff: '2026-11-07T16:00:00+00:00',
		partitions_dropped: 0,
		rows_removed: 0,
		rows_held: 0,
		detail: ''
	}
];

function fakeTarget(answer: unknown | Error) {
	const calls: { fn: string; args: Record<string, unknown> }[] = [];
	const opened: { dbUrl?: string; key?: string }[] = [];
	let closed = 0;
	const open = async (dbUrl: string | undefined, env: NodeJS.ProcessEnv): Promise<Target> => {
		opened.push({ dbUrl, key: env.UITKIJK_PSEUDONYM_KEY });
		return {
			store: {} as Target['store'],
			pseudonymKey: env.UITKIJK_PSEUDONYM_KEY!,
			describe: dbUrl ?? 'the embedded server at http://127.0.0.1:3000',
			async rpc(fn, args) {
				calls.push({ fn, args });
				if (answer instanceof Error) throw answer;
				return answer;
			},
			async close() {
				closed++;
			}
		};
	};
	return { open, calls, opened, closed: () => closed };
}

async function run(args: string[], t: ReturnType<typeof fakeTarget>) {
	const out = sink();
	const err = sink();
	const code = await retention(args, { stdout: out.stream, stderr: err.stream, env: {} }, t.open);
	return { code, out: out.text(), err: err.text() };
}

describe('parseRetentionArgs', () => {
	it.each([
		[[], { dryRun: false, dbUrl: undefined, help: false }],
		[['--dry-run'], { dryRun: true, dbUrl: undefined, help: false }],
		[
			['--db-url', 'postgresql://postgres@127.0.0.1:5432/db', '--dry-run'],
			{ dryRun: true, dbUrl: 'postgresql://postgres@127.0.0.1:5432/db', help: false }
		],
		[['--db-url=postgres://h/db'], { dryRun: false, dbUrl: 'postgres://h/db', help: false }],
		[['-h'], { dryRun: false, dbUrl: undefined, help: true }]
	])('%j', (argv, want) => {
		expect(parseRetentionArgs(argv)).toEqual(want);
	});

	it.each([
		[['--dryrun'], /dryrun/],
		[['extra'], /extra/],
		[['--db-url'], /db-url/],
		[['--db-url', 'http://x'], /postgresql:\/\//],
		[['--dry-run=yes'], /dry-run/]
	])('refuses %j', (argv, msg) => {
		expect(() => parseRetentionArgs(argv)).toThrow(RetentionUsageError);
		expect(() => parseRetentionArgs(argv)).toThrow(msg);
	});
});

describe('formatRetention', () => {
	it('prints one aligned line per class, then the details', () => {
		const text = formatRetention(ROWS);
		const lines = text.split('\n');
		expect(lines[0]).toMatch(
			/^class\s+kept for\s+clock\s+cutoff\s+removed\s+held\s+months dropped$/
		);
		expect(lines[1]).toMatch(
			/^posts\s+90 days\s+stream\s+2012-06-23T18:30:00\+00:00\s+1200\s+3\s+1$/
		);
		expect(lines[3]).toMatch(/^dead_letters\s+30 days\s+wall/);
		// numbers right-aligned under their heading
		const end = lines[0].indexOf('removed') + 'removed'.length;
		expect(lines[1].slice(0, end)).toMatch(/ 1200$/);
		expect(lines[2].slice(0, end)).toMatch(/ 7$/);
		expect(text).toContain('posts: dropped posts_y2012m03 (1200 rows)');
	});
});

describe('uitkijk retention', () => {
	it('--dry-run asks for a dry run and says nothing was removed', async () => {
		const t = fakeTarget(ROWS);
		const r = await run(['--dry-run'], t);
		expect(r.code).toBe(0);
		expect(t.calls).toEqual([{ fn: 'apply_retention', args: { dry_run: true } }]);
		expect(r.out).toMatch(/^Retention on the embedded server at .* \(dry run: nothing removed\)\n/);
		expect(r.out).toMatch(/stream clock/);
		expect(t.closed()).toBe(1);
	});

	it('without --dry-run removes, on the --db-url target, without asking for a pseudonym key', async () => {
		const t = fakeTarget(ROWS.slice(2));
		const r = await run(['--db-url', 'postgresql://postgres@127.0.0.1:1/db'], t);
		expect(r.code).toBe(0);
		expect(t.calls[0].args).toEqual({ dry_run: false });
		expect(t.opened[0].dbUrl).toBe('postgresql://postgres@127.0.0.1:1/db');
		expect(t.opened[0].key).toMatch(/^[0-9a-f]{64}$/);
		expect(r.out).not.toMatch(/dry run/);
		expect(r.out).not.toMatch(/stream clock/);
	});

	it('a usage error exits 2 with the usage, and opens nothing', async () => {
		const t = fakeTarget(ROWS);
		const r = await run(['--force'], t);
		expect(r.code).toBe(2);
		expect(r.err).toMatch(/usage: uitkijk retention/);
		expect(t.opened).toHaveLength(0);
	});

	it('--help prints the usage on stdout and exits 0', async () => {
		const r = await run(['--help'], fakeTarget(ROWS));
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/usage: uitkijk retention \[--dry-run\]/);
	});

	it('a connection error exits 2', async () => {
		const t = fakeTarget(ROWS);
		const out = sink();
		const err = sink();
		const code = await retention(
			['--dry-run'],
			{ stdout: out.stream, stderr: err.stream, env: {} },
			async () => {
				throw new Error('the embedded server does not answer');
			}
		);
		expect(code).toBe(2);
		expect(err.text()).toMatch(/does not answer/);
		expect(t.calls).toHaveLength(0);
	});

	it('a failed run exits 1 and still closes the target', async () => {
		const t = fakeTarget(new Error('apply_retention: permission denied'));
		const r = await run([], t);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/permission denied/);
		expect(t.closed()).toBe(1);
	});

	it('an answer that is not rows exits 1', async () => {
		const r = await run([], fakeTarget({ nope: true }));
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/expected an array/);
	});
});
