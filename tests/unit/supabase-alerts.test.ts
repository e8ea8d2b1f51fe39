import { describe, expect, it } from 'vitest';
import {
	AlertBook,
	FLASH_MAX_AGE_MS,
	alertTopicsFor,
	mayHandle,
	shouldFlash,
	validateAlert
} from '../../src/lib/supabase/alerts';
import { parseStreamClock, StreamClock } from '../../src/lib/supabase/stream-clock';
import type { Me } from '../../src/lib/supabase/topics';

const row = (over: Record<string, unknown> = {}) => ({
	id: 'surge:8a1f:2012-09-21',
	kind: 'surge',
	detected_at: '2012-09-21T18:04:00Z',
	x: 6.61,
	y: 53.17,
	radius_m: 500,
	place: 'Haren',
	severity: 'warning',
	score: 4.5,
	summary: '<img src=x onerror=alert(1)> 4x meer berichten',
	evidence: ['x:1', 'x:2', 7],
	unit_id: 'NN',
	municipality_code: 'GM0014',
	status: 'new',
	...over
});

const me = (over: Partial<Me>): Me =>
	({
		user_id: 'u',
		email: 'e',
		role: 'analyst',
		unit_id: 'NN',
		municipality_code: null,
		display_name: 'x',
		...over
	}) as Me;

describe('validateAlert', () => {
	it('takes open_alerts rows (x, y) and alert-format objects (lon, lat); text stays text', () => {
		const a = validateAlert(row());
		expect(a.ok && a.alert).toMatchObject({
			lon: 6.61,
			lat: 53.17,
			severity: 'warning',
			evidence: ['x:1', 'x:2']
		});
		expect(a.ok && a.alert.summary).toBe('<img src=x onerror=alert(1)> 4x meer berichten');
		const b = validateAlert({ ...row(), x: undefined, y: undefined, lon: 4.9, lat: 52.37 });
		expect(b.ok && [b.alert.lon, b.alert.lat]).toEqual([4.9, 52.37]);
	});

	it.each([
		[{ id: '' }, /id/],
		[{ detected_at: 'gisteren' }, /detected_at/],
		[{ x: 200 }, /x\/y/],
		[{ y: Number.NaN }, /x\/y/],
		[{ radius_m: -1 }, /radius_m/],
		[{ severity: 'panic' }, /severity/],
		[{ status: 'deleted' }, /status/]
	])('refuses %o', (over, reason) => {
		const r = validateAlert(row(over));
		expect(r.ok).toBe(false);
		expect(!r.ok && r.reason).toMatch(reason);
	});
});

describe('AlertBook', () => {
	it('orders critical first, then newest; says when an alert is new or became critical', () => {
		const book = new AlertBook();
		const r = book.reset([
			row({ id: 'a', severity: 'info', detected_at: '2012-09-21T18:10:00Z' }),
			row({ id: 'b', severity: 'warning', detected_at: '2012-09-21T18:00:00Z' }),
			row({ id: 'c', severity: 'warning', detected_at: '2012-09-21T18:05:00Z' }),
			{ id: 'bad' }
		]);
		expect(book.list().map((a) => a.id)).toEqual(['c', 'b', 'a']);
		expect(r.changes.every((c) => c.added)).toBe(true);
		expect(r.problems).toEqual([
			{ where: 'open_alerts() item 3', reason: expect.stringMatching(/kind/) }
		]);

		const up = book.apply({ alert: row({ id: 'a', severity: 'critical' }) });
		expect(up.change).toEqual({ id: 'a', added: false, becameCritical: true, removed: false });
		expect(book.list()[0].id).toBe('a');
		const again = book.apply({ alert: row({ id: 'a', severity: 'critical', score: 9 }) });
		expect(again.change?.becameCritical).toBe(false);
		const fresh = book.apply({ alert: row({ id: 'd', severity: 'critical' }) });
		expect(fresh.change).toMatchObject({ added: true, becameCritical: true });
	});

	it('drops resolved alerts, reports bad payloads, and a reset says what disappeared', () => {
		const book = new AlertBook();
		book.reset([row({ id: 'a' }), row({ id: 'b' })]);
		expect(book.apply({ alert: row({ id: 'a', status: 'resolved' }) }).change?.removed).toBe(true);
		expect(book.size).toBe(1);
		expect(book.apply({ posts: [] }).problem?.reason).toMatch(/object/);
		expect(book.apply('x').change).toBeNull();
		const r = book.reset([]);
		expect(r.changes).toEqual([{ id: 'b', added: false, becameCritical: false, removed: true }]);
		expect(book.reset({}).problems).toHaveLength(1);
	});
});

describe('alert topics and rights', () => {
	it('follows the role: unit, municipality, or every unit for national roles', () => {
		expect(alertTopicsFor(me({}))).toEqual(['alerts:unit:NN']);
		expect(
			alertTopicsFor(me({ role: 'mayor', unit_id: null, municipality_code: 'GM0363' }))
		).toEqual(['alerts:gm:GM0363']);
		expect(alertTopicsFor(me({ role: 'planner', unit_id: null }))).toHaveLength(10);
	});

	it('lets only analysts and commanders of the alert unit handle it', () => {
		const a = validateAlert(row());
		if (!a.ok) throw new Error(a.reason);
		expect(mayHandle(me({}), a.alert)).toBe(true);
		expect(mayHandle(me({ role: 'commander' }), a.alert)).toBe(true);
		expect(mayHandle(me({ unit_id: 'AM' }), a.alert)).toBe(false);
		expect(
			mayHandle(me({ role: 'mayor', unit_id: null, municipality_code: 'GM0014' }), a.alert)
		).toBe(false);
		expect(mayHandle(me({ role: 'prosecutor', unit_id: null }), a.alert)).toBe(false);
	});
});

describe('the flash of a new critical alert', () => {
	const detected = Date.parse('2012-09-21T18:04:00Z');
	const critical = () => {
		const book = new AlertBook();
		const { changes } = book.reset([row({ severity: 'critical' })]);
		return { book, change: changes[0], alert: book.list()[0] };
	};
	it.each([
		['first seen, detected 5 min ago', 5 * 60_000, true],
		['first seen, at the limit', FLASH_MAX_AGE_MS, true],
		['first seen, detected 16 min ago', 16 * 60_000, false],
		['first seen, hours ago (a page opened after the evening)', 10 * 3_600_000, false]
	])('%s: %s', (_, age, want) => {
		const { change, alert } = critical();
		expect(change.added && change.becameCritical).toBe(true);
		expect(shouldFlash(change, alert, detected + (age as number))).toBe(want);
	});
	it('flashes an old alert that escalates while the map is open, never an acknowledged one', () => {
		const book = new AlertBook();
		book.reset([row({ severity: 'warning' })]);
		const up = book.apply({ alert: row({ severity: 'critical' }) }).change!;
		expect(up.added).toBe(false);
		expect(shouldFlash(up, book.list()[0], detected + 10 * 3_600_000)).toBe(true);
		const ack = new AlertBook();
		const { changes } = ack.reset([row({ severity: 'critical', status: 'acknowledged' })]);
		expect(shouldFlash(changes[0], ack.list()[0], detected)).toBe(false);
	});
});

describe('the stream clock at the end of the data', () => {
	const base = {
		scenario: 'haren-2012',
		stream_time: '2012-09-22T04:00:00Z',
		wall_time: '2026-12-07T17:39:45Z',
		server_time: '2026-12-07T18:00:00Z'
	};
	it('carries ended_at when the feeder stopped the stream, and stands still', () => {
		const row = parseStreamClock({ ...base, speed: 0, state: 'ended', ended_at: base.wall_time })!;
		expect(row.endedAt).toBe(Date.parse(base.wall_time));
		let mono = 0;
		const clock = new StreamClock(Date.now, () => mono);
		clock.update(row);
		mono = 3_600_000;
		expect(clock.now()).toBe(Date.parse(base.stream_time));
		expect(clock.endedAt).toBe(Date.parse(base.wall_time));
	});
	it('is null while the stream plays, and an ended clock without a time is refused', () => {
		expect(
			parseStreamClock({ ...base, speed: 60, state: 'playing', ended_at: null })!.endedAt
		).toBe(null);
		expect(() => parseStreamClock({ ...base, speed: 0, state: 'ended' })).toThrow(/ended_at/);
	});
});
