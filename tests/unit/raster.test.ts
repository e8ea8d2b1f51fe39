import { describe, expect, it } from 'vitest';
import {
	HeatRaster,
	boxRadii,
	mercatorY,
	type RasterOptions,
	type RasterView
} from '../../src/lib/heat/raster';
import { prng } from './helpers';

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/** Inverse of mercatorY. */
function latOfMercY(y: number): number {
	return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

const VIEW: RasterView = { west: 3, south: 50.5, east: 8, north: 54, width: 120, height: 90 };

/** The centre of cell (cx, cy) of a view, as lon/lat. */
function cellCentre(view: RasterView, cx: number, cy: number): [number, number] {
	const x0 = (view.west + 180) / 360;
	const x1 = (view.east + 180) / 360;
	const y0 = mercatorY(view.north);
	const y1 = mercatorY(view.south);
	const x = x0 + ((cx + 0.5) / view.width) * (x1 - x0);
	const y = y0 + ((cy + 0.5) / view.height) * (y1 - y0);
	return [x * 360 - 180, latOfMercY(y)];
}

/** Cell area in km² at the view's centre latitude, computed independently of the module. */
function cellKm2(view: RasterView): number {
	const latC = (view.north + view.south) / 2;
	const k = (EARTH_CIRCUMFERENCE_M * Math.cos((latC * Math.PI) / 180)) / 1000;
	const wKm = (((view.east - view.west) / 360) * k) / view.width;
	const hKm = ((mercatorY(view.south) - mercatorY(view.north)) * k) / view.height;
	return wKm * hKm;
}

function points(list: { pos: [number, number]; w: number }[]) {
	const positions = new Float32Array(list.length * 2);
	const mercY = new Float32Array(list.length);
	const weights = new Float32Array(list.length);
	list.forEach(({ pos, w }, i) => {
		positions[2 * i] = pos[0];
		positions[2 * i + 1] = pos[1];
		mercY[i] = mercatorY(positions[2 * i + 1]);
		weights[i] = w;
	});
	return { positions, mercY, weights, n: list.length };
}

/** Alpha rising from 40 to 255: brighter means denser. */
const STOPS: RasterOptions['colors'] = [
	[0, 0, 255, 40],
	[0, 255, 0, 120],
	[255, 255, 0, 200],
	[255, 0, 0, 255]
];

function render(
	list: { pos: [number, number]; w: number }[],
	opts: Partial<RasterOptions> = {},
	view: RasterView = VIEW,
	raster = new HeatRaster()
) {
	const p = points(list);
	return raster.render(view, p.positions, p.mercY, p.weights, 0, p.n, {
		intensity: 1,
		sigma: 3,
		domain: [0.001, 1],
		colors: STOPS,
		...opts
	});
}

function alphas(data: Uint8ClampedArray): number[] {
	const out: number[] = [];
	for (let i = 3; i < data.length; i += 4) out.push(data[i]);
	return out;
}

function pixel(data: Uint8ClampedArray, w: number, x: number, y: number): number[] {
	const o = 4 * (y * w + x);
	return [...data.subarray(o, o + 4)];
}

describe('mercatorY', () => {
	it('is 0.5 at the equator, about 0 and 1 at ±85.0511°', () => {
		expect(mercatorY(0)).toBe(0.5);
		expect(mercatorY(85.05112878)).toBeCloseTo(0, 6);
		expect(mercatorY(-85.05112878)).toBeCloseTo(1, 6);
	});

	it('is symmetric and strictly decreasing with latitude', () => {
		let prev = Infinity;
		for (let lat = -85; lat <= 85; lat += 0.5) {
			const y = mercatorY(lat);
			expect(y).toBeLessThan(prev);
			expect(mercatorY(-lat) + y).toBeCloseTo(1, 12);
			prev = y;
		}
	});

	it('matches the textbook formula ln(tan(π/4 + φ/2))', () => {
		for (const lat of [-60, -10, 12.5, 52.1, 53.7]) {
			const phi = (lat * Math.PI) / 180;
			const want = 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
			expect(mercatorY(lat)).toBeCloseTo(want, 12);
		}
	});
});

describe('boxRadii', () => {
	// Three boxes of radius r have variance r(r+1)/3 each; the sum approximates sigma².
	for (const sigma of [2.5, 3, 4, 5, 8, 12, 20, 33.3]) {
		it(`three integer radii with combined variance ≈ sigma² (sigma ${sigma})`, () => {
			const r = boxRadii(sigma);
			expect(r).toHaveLength(3);
			for (const x of r) {
				expect(Number.isInteger(x)).toBe(true);
				expect(x).toBeGreaterThanOrEqual(0);
			}
			// Sizes differ by at most one step.
			expect(Math.max(...r) - Math.min(...r)).toBeLessThanOrEqual(1);
			const variance = r.reduce((s, x) => s + (x * (x + 1)) / 3, 0);
			expect(Math.abs(variance - sigma * sigma) / (sigma * sigma)).toBeLessThan(0.15);
		});
	}

	it('gives no blur for sigma 0', () => {
		expect(boxRadii(0)).toEqual([0, 0, 0]);
	});
});

describe('HeatRaster.render', () => {
	const cx = 60;
	const cy = 45;
	const centre = cellCentre(VIEW, cx, cy);

	it('returns the view size and bounds', () => {
		const r = render([{ pos: centre, w: 1 }]);
		expect([r.width, r.height, r.data.length]).toEqual([120, 90, 120 * 90 * 4]);
		expect(r.bounds).toEqual([3, 50.5, 8, 54]);
	});

	for (const sigma of [0, 2.5, 4, 8]) {
		it(`colours pixels centred on the point's cell (sigma ${sigma})`, () => {
			const r = render([{ pos: centre, w: 5 }], { sigma, domain: [0.0005, 0.5] });
			const a = alphas(r.data);
			let minX = Infinity;
			let maxX = -Infinity;
			let minY = Infinity;
			let maxY = -Infinity;
			a.forEach((v, i) => {
				if (v === 0) return;
				const x = i % r.width;
				const y = Math.floor(i / r.width);
				minX = Math.min(minX, x);
				maxX = Math.max(maxX, x);
				minY = Math.min(minY, y);
				maxY = Math.max(maxY, y);
			});
			expect(Number.isFinite(minX)).toBe(true);
			expect(Math.abs((minX + maxX) / 2 - cx)).toBeLessThanOrEqual(0.5);
			expect(Math.abs((minY + maxY) / 2 - cy)).toBeLessThanOrEqual(0.5);
			// The point's own cell is among the brightest.
			expect(a[cy * r.width + cx]).toBe(Math.max(...a));
			if (sigma === 0) expect(a.filter((v) => v > 0)).toHaveLength(1);
			else expect(maxX - minX).toBeGreaterThan(2 * sigma);
		});
	}

	it('puts a point in the cell its lon/lat falls in (corners of the view)', () => {
		for (const [x, y] of [
			[0, 0],
			[119, 0],
			[0, 89],
			[119, 89],
			[17, 71]
		]) {
			const r = render([{ pos: cellCentre(VIEW, x, y), w: 1 }], { sigma: 0, domain: [1e-6, 1] });
			const lit = alphas(r.data)
				.map((v, i) => (v > 0 ? i : -1))
				.filter((i) => i >= 0);
			expect(lit).toEqual([y * r.width + x]);
		}
	});

	const outside: [string, [number, number]][] = [
		['west', [2.5, 52]],
		['east', [8.5, 52]],
		['north', [5, 54.5]],
		['south', [5, 50]],
		['far away', [-70, -30]]
	];
	for (const [name, pos] of outside) {
		it(`colours nothing for a point outside the view (${name})`, () => {
			const r = render([{ pos, w: 1000 }], { sigma: 0, domain: [1e-9, 1] });
			expect(r.max).toBe(0);
			expect(alphas(r.data).every((v) => v === 0)).toBe(true);
		});
	}

	it('keeps the smoothed mass equal to the weight, in posts per km² × cell area', () => {
		const w = 7;
		const intensity = 3;
		// Unsmoothed, the single cell holds the whole weight.
		const r0 = render([{ pos: centre, w }], { sigma: 0, intensity });
		expect(r0.max * cellKm2(VIEW)).toBeCloseTo(w * intensity, 4);
		// Smoothed, the grid (the module's private buffer) still sums to the weight.
		for (const sigma of [2.5, 4, 8]) {
			const raster = new HeatRaster();
			render([{ pos: centre, w }], { sigma, intensity }, VIEW, raster);
			const grid = (raster as unknown as { grid: Float32Array }).grid;
			const sum = grid.reduce((s, v) => s + v, 0);
			expect(sum).toBeCloseTo(w, 3);
		}
	});

	it('lowers the peak as sigma grows, to the centre of three box kernels', () => {
		const w = 10;
		let prev = Infinity;
		for (const sigma of [0, 2.5, 4, 6, 10]) {
			const r = render([{ pos: centre, w }], { sigma });
			expect(r.max).toBeLessThan(prev);
			prev = r.max;
			// The 1-D kernel is three boxes convolved; the 2-D peak is its centre squared.
			let kernel = [1];
			for (const b of boxRadii(sigma)) {
				const out = new Array(kernel.length + 2 * b).fill(0);
				kernel.forEach((v, i) => {
					for (let j = 0; j <= 2 * b; j++) out[i + j] += v / (2 * b + 1);
				});
				kernel = out;
			}
			const peak = kernel[(kernel.length - 1) / 2] ** 2;
			const want = (w * peak) / cellKm2(VIEW);
			expect(Math.abs(r.max - want) / want).toBeLessThan(1e-4);
		}
	});

	it("uses the view's sigma over the options' sigma when given", () => {
		const list = [{ pos: centre, w: 10 }];
		const byView = render(list, { sigma: 0 }, { ...VIEW, sigma: 6 }).max;
		expect(byView).toBe(render(list, { sigma: 6 }).max);
		expect(byView).toBeLessThan(render(list, { sigma: 0 }).max);
		expect(render(list, { sigma: 6 }, { ...VIEW, sigma: 0 }).max).toBe(
			render(list, { sigma: 0 }).max
		);
	});

	it('scales max linearly with intensity', () => {
		const rnd = prng(11);
		const list = Array.from({ length: 300 }, () => ({
			pos: [3.5 + rnd() * 4, 50.8 + rnd() * 3] as [number, number],
			w: rnd() * 3
		}));
		const base = render(list, { intensity: 1 }).max;
		expect(base).toBeGreaterThan(0);
		for (const k of [0.01, 0.5, 2, 37]) {
			expect(render(list, { intensity: k }).max / base).toBeCloseTo(k, 5);
		}
	});

	it('never lowers any alpha when the intensity doubles', () => {
		const rnd = prng(12);
		const list = Array.from({ length: 200 }, () => ({
			pos: [4 + rnd() * 2, 51.5 + rnd() * 1.5] as [number, number],
			w: 0.1 + rnd()
		}));
		const opts = { sigma: 3, domain: [0.01, 2] as [number, number] };
		const a1 = alphas(render(list, { ...opts, intensity: 1 }).data);
		const a2 = alphas(render(list, { ...opts, intensity: 2 }).data);
		expect(a2.some((v, i) => v > a1[i])).toBe(true);
		expect(a2.filter((v, i) => v < a1[i])).toEqual([]);
	});

	it('leaves densities below domain[0] transparent', () => {
		const r = render([{ pos: centre, w: 1 }], { sigma: 4 });
		const D = r.max;
		// The whole domain above the peak: nothing is coloured.
		const none = render([{ pos: centre, w: 1 }], { sigma: 4, domain: [D * 1.001, D * 100] });
		expect(alphas(none.data).every((v) => v === 0)).toBe(true);
		// Lower bound at half the peak: fewer pixels than at a tenth, all around the point.
		const countAt = (lo: number) =>
			alphas(render([{ pos: centre, w: 1 }], { sigma: 4, domain: [lo, D * 100] }).data).filter(
				(v) => v > 0
			).length;
		const half = countAt(D / 2);
		const tenth = countAt(D / 10);
		expect(half).toBeGreaterThan(0);
		expect(tenth).toBeGreaterThan(half);
	});

	it('colours from the given stops: first just above domain[0], last at and above domain[1]', () => {
		const single = [{ pos: centre, w: 2 }];
		const D = render(single, { sigma: 0 }).max;
		const px = (domain: [number, number], colors = STOPS) =>
			pixel(render(single, { sigma: 0, domain, colors }).data, VIEW.width, cx, cy);
		expect(px([D / 1.0001, D * 1000])).toEqual([...STOPS[0]]);
		expect(px([D / 1000, D / 2])).toEqual([...STOPS[STOPS.length - 1]]);
		expect(px([D / 1e6, D / 1.5])).toEqual([...STOPS[STOPS.length - 1]]);
		// Halfway on the log scale between two stops: the average colour.
		const two: RasterOptions['colors'] = [
			[0, 0, 0, 0],
			[200, 100, 50, 250]
		];
		const mid = px([D / 10, D * 10], two);
		[100, 50, 25, 125].forEach((v, i) => expect(Math.abs(mid[i] - v)).toBeLessThanOrEqual(1));
		// Changing the stops on the same raster is picked up (no stale colour table).
		const raster = new HeatRaster();
		render(single, { sigma: 0, domain: [D / 1000, D / 2] }, VIEW, raster);
		const other: RasterOptions['colors'] = [
			[1, 2, 3, 4],
			[9, 8, 7, 6]
		];
		const again = render(
			single,
			{ sigma: 0, domain: [D / 1000, D / 2], colors: other },
			VIEW,
			raster
		);
		expect(pixel(again.data, VIEW.width, cx, cy)).toEqual([9, 8, 7, 6]);
	});

	it('does not carry heat over from the previous render of the same raster', () => {
		const raster = new HeatRaster();
		const a = cellCentre(VIEW, 20, 20);
		const b = cellCentre(VIEW, 100, 70);
		const opts = { sigma: 0, domain: [1e-6, 1] as [number, number] };
		render([{ pos: a, w: 1 }], opts, VIEW, raster);
		const r = render([{ pos: b, w: 1 }], opts, VIEW, raster);
		expect(pixel(r.data, VIEW.width, 20, 20)[3]).toBe(0);
		expect(pixel(r.data, VIEW.width, 100, 70)[3]).toBeGreaterThan(0);
		// A different view size on the same raster works too.
		const small = { ...VIEW, width: 30, height: 20 };
		const s = render([{ pos: b, w: 1 }], opts, small, raster);
		expect(s.data.length).toBe(30 * 20 * 4);
		expect(alphas(s.data).filter((v) => v > 0)).toHaveLength(1);
	});

	it('bins only rows [i0, i1)', () => {
		const p = points([
			{ pos: cellCentre(VIEW, 10, 10), w: 1 },
			{ pos: cellCentre(VIEW, 50, 50), w: 1 },
			{ pos: cellCentre(VIEW, 90, 80), w: 1 }
		]);
		const r = new HeatRaster().render(VIEW, p.positions, p.mercY, p.weights, 1, 2, {
			intensity: 1,
			sigma: 0,
			domain: [1e-6, 1],
			colors: STOPS
		});
		const lit = alphas(r.data)
			.map((v, i) => (v > 0 ? i : -1))
			.filter((i) => i >= 0);
		expect(lit).toEqual([50 * VIEW.width + 50]);
	});
});
