import { describe, expect, it } from 'vitest';
import { FLASH_STORAGE_KEY, FlashRule, type FlashStorage } from '../../src/lib/app/flash';
import { AlertBook, type MapAlert } from '../../src/lib/supabase/alerts';

const OPEN = Date.parse('2012-09-21T20:00:00Z');

function row(id: string, severity: string, detected: number, status = 'new') {
	return {
		id,
		kind: 'surge',
		detected_at: new Date(detected).toISOString(),
		x: 6.6,
		y: 53.17,
		radius_m: 500,
		severity,
		status,
		summary: 's'
	};
}

function memory(): FlashStorage & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('FlashRule', () => {
	it('never flashes what was already there when the screen opened, however recent', () => {
		const book = new AlertBook();
		const rule = new FlashRule();
		// A page load: the open list comes before the clock is known, and again after.
		let r = book.reset([
			row('a', 'critical', OPEN - 3 * 3_600_000),
			row('b', 'critical', OPEN - 60_000)
		]);
		expect(rule.update(book.list(), r.changes, null)).toBeNull();
		const fresh = new AlertBook();
		r = fresh.reset([
			row('a', 'critical', OPEN - 3 * 3_600_000),
			row('b', 'critical', OPEN - 60_000)
		]);
		expect(rule.update(fresh.list(), r.changes, OPEN)).toBeNull();
	});

	it('flashes an alert that escalates to critical while the screen follows, once', () => {
		const book = new AlertBook();
		const rule = new FlashRule();
		let r = book.reset([row('a', 'warning', OPEN - 3_600_000)]);
		expect(rule.update(book.list(), r.changes, OPEN)).toBeNull();
		const c = book.apply({ alert: row('a', 'critical', OPEN - 3_600_000) });
		expect(rule.update(book.list(), [c.change!], OPEN)?.id).toBe('a');
		// Down and up again: this screen has shown it.
		book.apply({ alert: row('a', 'warning', OPEN - 3_600_000) });
		const again = book.apply({ alert: row('a', 'critical', OPEN - 3_600_000) });
		expect(rule.update(book.list(), [again.change!], OPEN)).toBeNull();
		r = book.reset([]);
	});

	it('flashes a new critical alert detected after the screen opened (also after a reconnect)', () => {
		const book = new AlertBook();
		const rule = new FlashRule();
		book.reset([]);
		const r = book.reset([row('n', 'critical', OPEN + 5 * 60_000)]);
		expect(rule.update(book.list(), r.changes, OPEN)?.id).toBe('n');
	});

	it('does not flash an acknowledged alert', () => {
		const book = new AlertBook();
		const rule = new FlashRule();
		book.reset([row('a', 'warning', OPEN)]);
		const c = book.apply({ alert: row('a', 'critical', OPEN, 'acknowledged') });
		expect(rule.update(book.list(), [c.change!], OPEN)).toBeNull();
	});

	it('remembers what it flashed across page loads (a reloaded wall screen does not flash it again)', () => {
		const storage = memory();
		const book = new AlertBook();
		book.reset([row('a', 'warning', OPEN)]);
		const c = book.apply({ alert: row('a', 'critical', OPEN) });
		expect(new FlashRule(storage).update(book.list(), [c.change!], OPEN)?.id).toBe('a');
		expect(JSON.parse(storage.data.get(FLASH_STORAGE_KEY)!)).toEqual(['a']);
		const b2 = new AlertBook();
		b2.reset([row('a', 'warning', OPEN)]);
		const c2 = b2.apply({ alert: row('a', 'critical', OPEN) });
		const reloaded = new FlashRule(storage);
		expect(reloaded.hasShown('a')).toBe(true);
		expect(reloaded.update(b2.list(), [c2.change!], OPEN)).toBeNull();
	});

	it('survives broken storage', () => {
		const storage = memory();
		storage.data.set(FLASH_STORAGE_KEY, '{not json');
		const rule = new FlashRule(storage);
		expect(rule.hasShown('a')).toBe(false);
		const failing: FlashStorage = {
			getItem: () => null,
			setItem: () => {
				throw new Error('quota');
			}
		};
		const book = new AlertBook();
		book.reset([row('a', 'warning', OPEN)]);
		const c = book.apply({ alert: row('a', 'critical', OPEN) });
		expect(new FlashRule(failing).update(book.list(), [c.change!], OPEN)?.id).toBe('a');
	});
});

export type { MapAlert };
