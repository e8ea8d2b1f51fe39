import { describe, expect, it } from 'vitest';
import { SPEEDS, ScenarioClock, WINDOWS } from '../../src/lib/time/clock';
import { MIN } from './helpers';

const T0 = Date.UTC(2025, 3, 27, 12, 0, 0);

/** A clock with a hand-driven wall clock. */
function setup(opts: { start?: number; min?: number; max?: number; speed?: number } = {}) {
	let wall = 1_000;
	const clock = new ScenarioClock({ start: T0, ...opts, now: () => wall });
	return {
		clock,
		tick(ms: number) {
			wall += ms;
		}
	};
}

describe('ScenarioClock', () => {
	it('starts paused at start with speed 60', () => {
		const { clock, tick } = setup();
		expect(clock.time).toBe(T0);
		expect(clock.playing).toBe(false);
		expect(clock.speed).toBe(60);
		tick(10_000);
		expect(clock.time).toBe(T0);
	});

	it('plays at speed × wall time and pauses without a jump', () => {
		const { clock, tick } = setup();
		clock.play();
		expect(clock.playing).toBe(true);
		tick(1_000);
		expect(clock.time).toBe(T0 + MIN);
		tick(500);
		clock.pause();
		expect(clock.time).toBe(T0 + 1.5 * MIN);
		tick(60_000);
		expect(clock.time).toBe(T0 + 1.5 * MIN);
		clock.play();
		tick(1_000);
		expect(clock.time).toBe(T0 + 2.5 * MIN);
	});

	it('keeps time continuous across speed changes (table)', () => {
		const { clock, tick } = setup();
		clock.play();
		const steps: [wallMs: number, speed: number][] = [
			[1_000, 60],
			[2_000, 600],
			[500, 1],
			[3_000, 300],
			[250, 10]
		];
		let want = T0;
		for (const [ms, speed] of steps) {
			clock.setSpeed(speed);
			expect(clock.time).toBe(want); // no jump at the change itself
			tick(ms);
			want += ms * speed;
			expect(clock.time).toBe(want);
		}
	});

	it('clamps speed to [1, 600] and ignores NaN', () => {
		const { clock } = setup({ speed: 5_000 });
		expect(clock.speed).toBe(600);
		for (const [s, want] of [
			[0, 1],
			[-5, 1],
			[10_000, 600],
			[Infinity, 600],
			[300, 300],
			[NaN, 300],
			[2.5, 2.5]
		]) {
			clock.setSpeed(s);
			expect(clock.speed).toBe(want);
		}
	});

	it('seeks within [min, max], keeps playing, and clamps start', () => {
		const { clock, tick } = setup({ min: T0 - 60 * MIN, max: T0 + 60 * MIN });
		clock.seek(T0 - 120 * MIN);
		expect(clock.time).toBe(T0 - 60 * MIN);
		clock.seek(T0 + 10 * MIN);
		expect(clock.time).toBe(T0 + 10 * MIN);
		clock.play();
		tick(1_000);
		clock.seek(T0);
		expect(clock.time).toBe(T0);
		expect(clock.playing).toBe(true);
		tick(1_000);
		expect(clock.time).toBe(T0 + MIN);
		clock.seek(NaN);
		expect(clock.time).toBe(T0 + MIN);
		const c2 = setup({ start: T0 + 999 * MIN, min: T0, max: T0 + 5 * MIN }).clock;
		expect(c2.time).toBe(T0 + 5 * MIN);
	});

	it('stops at max and does not play on from there', () => {
		const { clock, tick } = setup({ max: T0 + 10 * MIN, speed: 600 });
		clock.play();
		tick(999);
		expect(clock.time).toBe(T0 + 9.99 * MIN);
		expect(clock.playing).toBe(true);
		tick(5_000);
		expect(clock.playing).toBe(false);
		expect(clock.time).toBe(T0 + 10 * MIN);
		clock.play();
		tick(1_000);
		expect(clock.playing).toBe(false);
		expect(clock.time).toBe(T0 + 10 * MIN);
		// Seek back and it plays again.
		clock.seek(T0);
		clock.play();
		tick(100);
		expect(clock.time).toBe(T0 + MIN);
		// Seeking to max while playing stops.
		clock.seek(T0 + 20 * MIN);
		expect(clock.playing).toBe(false);
	});

	it('stops at max even when only speed changes are made in between', () => {
		const { clock, tick } = setup({ max: T0 + 10 * MIN });
		clock.play();
		tick(20_000); // 20 min at 60x, past max
		clock.setSpeed(600);
		expect(clock.time).toBe(T0 + 10 * MIN);
		expect(clock.playing).toBe(false);
	});

	it('setRange extends max (live data) and clamps the current time', () => {
		const { clock, tick } = setup({ min: T0, max: T0 + MIN });
		clock.setRange(T0, T0 + 60 * MIN);
		clock.play();
		tick(2_000);
		expect(clock.time).toBe(T0 + 2 * MIN);
		clock.setRange(T0, T0 + MIN);
		expect(clock.time).toBe(T0 + MIN);
		expect(clock.playing).toBe(false);
		expect(() => clock.setRange(T0 + MIN, T0)).toThrow(RangeError);
	});

	it('rejects bad construction', () => {
		expect(() => new ScenarioClock({ start: T0, min: 10, max: 5 })).toThrow(RangeError);
		expect(() => new ScenarioClock({ start: NaN })).toThrow(RangeError);
	});

	it('uses a real monotonic clock by default', () => {
		const clock = new ScenarioClock({ start: T0, speed: 600 });
		clock.play();
		const t = clock.time;
		expect(t).toBeGreaterThanOrEqual(T0);
		expect(clock.time).toBeGreaterThanOrEqual(t);
	});

	it('exports the speed and window presets', () => {
		expect([...SPEEDS]).toEqual([1, 10, 60, 300, 600]);
		expect(WINDOWS.map((w) => [w.id, w.ms])).toEqual([
			['15m', 900_000],
			['1h', 3_600_000],
			['6h', 21_600_000],
			['24h', 86_400_000]
		]);
	});
});
