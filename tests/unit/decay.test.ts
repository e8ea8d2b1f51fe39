import { describe, expect, it } from 'vitest';
import { DecayBase, halfLifeForWindow } from '../../src/lib/heat/decay';
import { MIN } from './helpers';

const T0 = Date.UTC(2025, 3, 27, 12, 0, 0);

function relErr(a: number, b: number): number {
	return Math.abs(a - b) / Math.abs(b);
}

describe('DecayBase', () => {
	const halfLives = [MIN, 15 * MIN, halfLifeForWindow(86_400_000)];
	for (const h of halfLives) {
		it(`effective weight = 2^(−age/halfLife) before and after rebase (halfLife ${h / MIN} min)`, () => {
			const d = new DecayBase(h);
			expect(d.needsRebase(T0)).toBe(true);
			d.rebase(T0);
			expect(d.base).toBe(T0);
			// Posts over the last 4 half-lives plus a few slightly in the future.
			const posts = Array.from({ length: 50 }, (_, i) => T0 - 4 * h + (i * 4.2 * h) / 49);
			// Weights are written once, at rebase time.
			let weights = posts.map((t) => d.weight(t));
			let rebases = 0;
			// Play forward 30 half-lives in irregular steps.
			for (let now = T0; now < T0 + 30 * h; now += h * 0.37) {
				if (d.needsRebase(now)) {
					d.rebase(now);
					weights = posts.map((t) => d.weight(t));
					rebases++;
				}
				const k = d.intensity(now);
				posts.forEach((t, i) => {
					const want = Math.pow(2, -(now - t) / h);
					expect(relErr(Math.fround(weights[i]) * Math.fround(k), want)).toBeLessThan(1e-6);
				});
				const off = (now - d.base) / h;
				expect(off).toBeGreaterThanOrEqual(-1);
				expect(off).toBeLessThanOrEqual(8);
			}
			// Rebased every ~8 half-lives, not every frame.
			expect(rebases).toBeGreaterThanOrEqual(3);
			expect(rebases).toBeLessThanOrEqual(4);
		});
	}

	const bands: [offsetHalfLives: number, needs: boolean][] = [
		[-1.01, true],
		[-1, false],
		[0, false],
		[7.99, false],
		[8, false],
		[8.01, true],
		[100, true]
	];
	for (const [off, needs] of bands) {
		it(`needsRebase at base + ${off} half-lives → ${needs}`, () => {
			const d = new DecayBase(MIN, T0);
			expect(d.needsRebase(T0 + off * MIN)).toBe(needs);
		});
	}

	it('a half-life change needs a rebase and only applies from it', () => {
		const d = new DecayBase(MIN, T0);
		const w = d.weight(T0 + MIN);
		d.halfLifeMs = 2 * MIN;
		expect(d.needsRebase(T0)).toBe(true);
		expect(d.weight(T0 + MIN)).toBe(w); // still consistent with intensity()
		expect(d.weight(T0 + MIN) * d.intensity(T0 + MIN)).toBeCloseTo(1, 12);
		d.rebase(T0 + 5 * MIN);
		expect(d.needsRebase(T0 + 5 * MIN)).toBe(false);
		expect(d.weight(T0 + 3 * MIN) * d.intensity(T0 + 7 * MIN)).toBeCloseTo(0.25, 12);
	});

	it('keeps float32 weights and intensity in a safe range', () => {
		const h = halfLifeForWindow(900_000);
		const d = new DecayBase(h, T0);
		for (const now of [T0 - h, T0, T0 + 8 * h]) {
			for (const t of [now - 4 * h, now]) {
				const w = Math.fround(d.weight(t));
				expect(w).toBeGreaterThan(2 ** -6);
				expect(w).toBeLessThanOrEqual(2 ** 8);
			}
			expect(d.intensity(now)).toBeGreaterThanOrEqual(2 ** -8);
			expect(d.intensity(now)).toBeLessThanOrEqual(2);
		}
	});

	it('rejects a non-positive half-life', () => {
		expect(() => new DecayBase(0)).toThrow(RangeError);
	});
});

describe('halfLifeForWindow', () => {
	for (const [w, h] of [
		[900_000, 225_000],
		[3_600_000, 900_000],
		[86_400_000, 21_600_000]
	]) {
		it(`${w} ms → ${h} ms`, () => {
			expect(halfLifeForWindow(w)).toBe(h);
		});
	}
});
