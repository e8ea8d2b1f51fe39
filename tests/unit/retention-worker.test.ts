/** The embedded server's daily retention run: when it runs, what it logs, stop (fake clock). */
import { describe, expect, it, vi } from 'vitest';
import {
	parseRetentionRows,
	startRetentionWorker,
	summariseRetention,
	type RpcClient
} from '../../src/stack/retention-worker';

const ROWS = [
	{
		data_class: 'posts',
		period: '90 days',
		clock: 'stream',
		cutoff: null,
		partitions_dropped: 2,
		rows_removed: 10,
		rows_held: 3,
		detail: ''
	},
	{
		data_class: 'handles',
		period: '30 days',
		clock: 'stream',
		cutoff: null,
		partitions_dropped: 0,
		rows_removed: 4,
		rows_held: 1,
		detail: ''
	},
	{
		data_class: 'dead_letters',
		period: '30 days',
		clock: 'wall',
		cutoff: null,
		partitions_dropped: 0,
		rows_removed: 0,
		rows_held: 0,
		detail: ''
	}
];

function fakeTimers() {
	let now = 0;
	let seq = 0;
	const due = new Map<number, { at: number; fn: () => void }>();
	return {
		timers: {
			setTimeout(fn: () => void, ms: number) {
				due.set(++seq, { at: now + ms, fn });
				return seq;
			},
			clearTimeout(h: unknown) {
				due.delete(h as number);
			}
		},
		pending: () => due.size,
		/** Runs the timers due within ms, one at a time, letting each run's promise settle. */
		async advance(ms: number) {
			const end = now + ms;
			for (;;) {
				let next: [number, { at: number; fn: () => void }] | null = null;
				for (const e of due) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
				if (!next) break;
				due.delete(next[0]);
				now = next[1].at;
				next[1].fn();
				await new Promise((r) => setImmediate(r));
			}
			now = end;
		}
	};
}

function fakeClient(fail = false) {
	const calls: [string, Record<string, unknown> | undefined][] = [];
	const client: RpcClient = {
		async rpc(fn, args) {
			calls.push([fn, args]);
			return fail
				? { data: null, error: { message: 'permission denied' } }
				: { data: ROWS, error: null };
		}
	};
	return { client, calls };
}

describe('startRetentionWorker', () => {
	it('runs 5 minutes after start, then once a day, removing (not a dry run), one log line a run', async () => {
		const clock = fakeTimers();
		const { client, calls } = fakeClient();
		const lines: string[] = [];
		const w = startRetentionWorker({ client, log: (m) => lines.push(m), timers: clock.timers });
		await clock.advance(5 * 60_000 - 1);
		expect(calls).toHaveLength(0);
		await clock.advance(1);
		await vi.waitFor(() => expect(lines).toHaveLength(1));
		expect(calls).toEqual([['apply_retention', { dry_run: false }]]);
		expect(lines[0]).toMatch(
			/^retention: removed posts 10 \(2 months dropped\), handles 4, dead letters 0; held 4; posts age on the stream clock \(\d+ ms\)$/
		);
		await clock.advance(24 * 3_600_000);
		await vi.waitFor(() => expect(lines).toHaveLength(2));
		await clock.advance(24 * 3_600_000);
		await vi.waitFor(() => expect(lines).toHaveLength(3));
		expect(w.stats).toEqual({ runs: 3, errors: 0 });
		await w.stop();
		expect(clock.pending()).toBe(0);
	});

	it('a failed run is logged and tried again the next day', async () => {
		const clock = fakeTimers();
		const { client, calls } = fakeClient(true);
		const lines: string[] = [];
		const w = startRetentionWorker({
			client,
			log: (m) => lines.push(m),
			timers: clock.timers,
			firstDelayMs: 1000
		});
		await clock.advance(1000);
		await vi.waitFor(() => expect(lines).toHaveLength(1));
		expect(lines[0]).toMatch(
			/^retention failed, next try in 24 h: apply_retention: permission denied$/
		);
		await clock.advance(24 * 3_600_000);
		await vi.waitFor(() => expect(lines).toHaveLength(2));
		expect(calls).toHaveLength(2);
		expect(w.stats).toEqual({ runs: 0, errors: 2 });
		await w.stop();
	});

	it('stop before the first run: nothing runs', async () => {
		const clock = fakeTimers();
		const { client, calls } = fakeClient();
		const w = startRetentionWorker({ client, log: () => {}, timers: clock.timers });
		await w.stop();
		await clock.advance(48 * 3_600_000);
		expect(calls).toHaveLength(0);
	});
});

describe('parseRetentionRows / summariseRetention', () => {
	it('reads the rows (numbers as PostgREST sends them) and says a dry run would remove', () => {
		const rows = parseRetentionRows([{ ...ROWS[0], rows_removed: '12' }]);
		expect(rows[0].rows_removed).toBe(12);
		expect(summariseRetention(rows, true)).toMatch(/^retention \(dry run\): would remove posts 12/);
	});

	it('refuses what is not rows', () => {
		expect(() => parseRetentionRows(null)).toThrow(/array/);
		expect(() => parseRetentionRows([{ rows_removed: 1 }])).toThrow(/data_class/);
		expect(() => parseRetentionRows([{ data_class: 'posts', rows_removed: 'x' }])).toThrow(
			/not a number/
		);
	});
});
