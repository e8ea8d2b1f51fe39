/** The read audit's client side: debounce, de-duplication, heartbeat, reset (fake clock). */
import { describe, expect, it, vi } from 'vitest';
import {
	auditBox,
	createViewAudit,
	logViewArgs,
	viewKey,
	type AuditedView,
	type LogViewArgs,
	type Timers
} from '../../src/lib/app/view-audit';

/** Timers on a fake clock: `advance(ms)` runs what falls due, in order. */
function fakeTimers() {
	let now = 0;
	let seq = 0;
	const due = new Map<number, { at: number; fn: () => void }>();
	const timers: Timers = {
		setTimeout(fn, ms) {
			const id = ++seq;
			due.set(id, { at: now + ms, fn });
			return id;
		},
		clearTimeout(h) {
			due.delete(h as number);
		}
	};
	return {
		timers,
		get now() {
			return now;
		},
		pending: () => due.size,
		advance(ms: number) {
			const end = now + ms;
			for (;;) {
				let next: [number, { at: number; fn: () => void }] | null = null;
				for (const e of due) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
				if (!next) break;
				due.delete(next[0]);
				now = next[1].at;
				next[1].fn();
			}
			now = end;
		}
	};
}

const T0 = Date.parse('2012-09-21T18:30:00Z');
const HOUR = 3_600_000;

function setup(opts: { fail?: boolean } = {}) {
	const clock = fakeTimers();
	const calls: LogViewArgs[] = [];
	const errors: unknown[] = [];
	const view: { v: AuditedView | null } = {
		v: { mode: 'live', role: 'analist.nn', bbox: [6.5, 53.1, 6.7, 53.3], from: T0 - HOUR, to: T0 }
	};
	const audit = createViewAudit({
		current: () =>
			view.v && { ...view.v, from: view.v.from + clock.now, to: view.v.to + clock.now },
		send: async (a) => {
			calls.push(a);
			if (opts.fail) throw new Error('offline');
		},
		onError: (e) => errors.push(e),
		timers: clock.timers
	});
	return { clock, calls, errors, view, audit };
}

describe('createViewAudit', () => {
	it('sends a view once the map has been still for 2 s, not while it moves', () => {
		const { clock, calls, view, audit } = setup();
		for (let i = 0; i < 20; i++) {
			view.v = { ...view.v!, bbox: [6.5 + i * 0.01, 53.1, 6.7 + i * 0.01, 53.3] };
			audit.changed();
			clock.advance(100); // a pan: a change every 100 ms
		}
		expect(calls).toHaveLength(0);
		clock.advance(1899);
		expect(calls).toHaveLength(0);
		clock.advance(1);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ min_lon: 6.69, max_lon: 6.89, view_mode: 'live' });
	});

	it('does not send the same view twice (a change that comes back to where it was)', () => {
		const { clock, calls, view, audit } = setup();
		audit.changed();
		clock.advance(2000);
		view.v = { ...view.v!, bbox: [6.50001, 53.1, 6.7, 53.3] }; // below the rounding
		audit.changed();
		clock.advance(2000);
		audit.changed(); // a zoom that ends where it began
		clock.advance(5000);
		expect(calls).toHaveLength(1);
	});

	it('sends again when the window, the role or the area changes', () => {
		const { clock, calls, view, audit } = setup();
		audit.changed();
		clock.advance(2000);
		view.v = { ...view.v!, from: view.v!.to - 6 * HOUR };
		audit.changed();
		clock.advance(2000);
		view.v = { ...view.v!, role: 'officier' };
		audit.changed();
		clock.advance(2000);
		view.v = { ...view.v!, areaId: 'a0000000-0000-4000-8000-000000000001' };
		audit.changed();
		clock.advance(2000);
		expect(calls.map((c) => [Date.parse(c.t_to) - Date.parse(c.t_from), c.area_id])).toEqual([
			[HOUR, null],
			[6 * HOUR, null],
			[6 * HOUR, null],
			[6 * HOUR, 'a0000000-0000-4000-8000-000000000001']
		]);
	});

	it('sends a view left on screen again every 10 minutes, with the range it shows by then', () => {
		const { clock, calls, audit } = setup();
		audit.changed();
		clock.advance(2000);
		clock.advance(10 * 60_000);
		clock.advance(10 * 60_000);
		expect(calls).toHaveLength(3);
		expect(Date.parse(calls[2].t_to) - Date.parse(calls[0].t_to)).toBe(20 * 60_000);
	});

	it('sends nothing while there is no view (not signed in)', () => {
		const { clock, calls, view, audit } = setup();
		view.v = null;
		audit.changed();
		clock.advance(60_000);
		expect(calls).toHaveLength(0);
		expect(clock.pending()).toBe(0);
	});

	it('reset drops a pending view and forgets the last one; stop ends it all', () => {
		const { clock, calls, audit } = setup();
		audit.changed();
		clock.advance(1000);
		audit.reset(); // role change: nothing of the old role is sent
		clock.advance(5000);
		expect(calls).toHaveLength(0);
		audit.changed();
		clock.advance(2000);
		audit.reset();
		audit.changed();
		clock.advance(2000);
		expect(calls).toHaveLength(2); // the same view, sent again after the reset
		audit.stop();
		audit.changed();
		clock.advance(HOUR);
		expect(calls).toHaveLength(2);
		expect(clock.pending()).toBe(0);
	});

	it('a failed send is reported and the view goes again at the next change', async () => {
		const { clock, calls, errors, audit } = setup({ fail: true });
		audit.changed();
		clock.advance(2000);
		await vi.waitFor(() => expect(errors).toHaveLength(1));
		audit.changed();
		clock.advance(2000);
		expect(calls).toHaveLength(2);
	});
});

describe('logViewArgs', () => {
	it('writes the log_view arguments: box within WGS 84 and rounded, ISO times in order', () => {
		const v: AuditedView = {
			mode: 'live',
			role: 'planner',
			bbox: [-212.123456, -95, 190, 53.123456],
			from: T0,
			to: T0 - HOUR
		};
		expect(logViewArgs(v)).toEqual({
			min_lon: -180,
			min_lat: -90,
			max_lon: 180,
			max_lat: 53.1235,
			t_from: '2012-09-21T17:30:00.000Z',
			t_to: '2012-09-21T18:30:00.000Z',
			view_mode: 'live',
			area_id: null
		});
	});

	it('a box with a non-number is no box', () => {
		expect(auditBox([1, 2, Number.NaN, 4])).toBeNull();
		expect(
			logViewArgs({ mode: 'replay', role: 'x', bbox: null, areaId: 'a', from: 0, to: 1 })
		).toMatchObject({
			min_lon: null,
			area_id: 'a'
		});
	});

	it('the key ignores where the time range has moved to, not its length', () => {
		const v: AuditedView = { mode: 'live', role: 'r', bbox: [1, 2, 3, 4], from: 0, to: HOUR };
		expect(viewKey({ ...v, from: 5000, to: HOUR + 5000 })).toBe(viewKey(v));
		expect(viewKey({ ...v, from: 0, to: 2 * HOUR })).not.toBe(viewKey(v));
	});
});
