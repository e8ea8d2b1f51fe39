/** The one copy of distances and point-in-polygon (src/lib/geo/measure.ts). */
import { describe, expect, it } from 'vitest';
import {
	distToPolygonM,
	distanceM,
	EARTH_RADIUS_M,
	metresPerDegree,
	pointInPolygon,
	ringBounds
} from '../../src/lib/geo/measure';
import { DIAMOND_RING, U_RING } from './helpers';

describe('distanceM', () => {
	it.each([
		// [name, from, to, metres, tolerance]: a degree of latitude on the mean-radius sphere, a
		// degree of longitude at the equator and at 52°N, and city distances, the references by
		// the spherical law of cosines (an independent formula; the ellipsoid differs < 0.5%).
		['1° latitude', [5, 52], [5, 53], (Math.PI / 180) * EARTH_RADIUS_M, 1e-6],
		['1° longitude at the equator', [0, 0], [1, 0], (Math.PI / 180) * EARTH_RADIUS_M, 1e-6],
		['1° longitude at 52°N', [5, 52], [6, 52], 68_457.99, 0.01],
		['Amsterdam Dam to Utrecht Dom', [4.8927, 52.3731], [5.1214, 52.0907], 35_051.94, 0.01],
		['Groningen to Haren', [6.5665, 53.2194], [6.6043, 53.1722], 5_821.2, 0.01],
		['Amsterdam to Paris', [4.9041, 52.3676], [2.3522, 48.8566], 429_861.98, 0.01],
		['the same point', [6.6, 53.17], [6.6, 53.17], 0, 0]
	] as [string, [number, number], [number, number], number, number][])(
		'%s',
		(_name, a, b, metres, tol) => {
			const d = distanceM(a[0], a[1], b[0], b[1]);
			expect(Math.abs(d - metres)).toBeLessThanOrEqual(tol);
			expect(distanceM(b[0], b[1], a[0], a[1])).toBeCloseTo(d, 6); // symmetric
		}
	);

	it('is half the circumference at the antipode (no NaN from rounding)', () => {
		expect(distanceM(0, 0, 180, 0)).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
	});

	it('agrees with the local metres per degree over short distances', () => {
		const [kx, ky] = metresPerDegree(52);
		expect(distanceM(5, 52, 5.001, 52)).toBeCloseTo(0.001 * kx, 2);
		expect(distanceM(5, 52, 5, 52.001)).toBeCloseTo(0.001 * ky, 6);
	});
});

const SQUARE: [number, number][] = [
	[0, 0],
	[1, 0],
	[1, 1],
	[0, 1],
	[0, 0]
];
const U = U_RING;
const DIAMOND = DIAMOND_RING;

describe('pointInPolygon', () => {
	it.each([
		['square centre', SQUARE, [0.5, 0.5], true],
		['right of the square', SQUARE, [1.5, 0.5], false],
		['above the square', SQUARE, [0.5, 1.5], false],
		['U base', U, [1.5, 0.5], true],
		['U left arm', U, [0.5, 2.5], true],
		['U notch (concave part)', U, [1.5, 2], false],
		['diamond centre, ray through a vertex', DIAMOND, [1, 1], true],
		['left of the diamond on the vertex row', DIAMOND, [-0.5, 1], false],
		['right of the diamond on the vertex row', DIAMOND, [2.5, 1], false],
		['diamond corner region outside', DIAMOND, [0.2, 0.2], false]
	] as [string, [number, number][], [number, number], boolean][])('%s', (_n, ring, p, want) => {
		expect(pointInPolygon(p[0], p[1], ring)).toBe(want);
		// An open ring (no closing vertex) gives the same answer.
		const open = ring.length > 1 && ring[0] === ring.at(-1) ? ring.slice(0, -1) : ring;
		expect(pointInPolygon(p[0], p[1], open)).toBe(want);
	});

	it('finds nothing inside a ring of fewer than three vertices', () => {
		expect(pointInPolygon(0.5, 0, [[0, 0]])).toBe(false);
		expect(
			pointInPolygon(0.5, 0.5, [
				[0, 0],
				[1, 1]
			])
		).toBe(false);
		expect(pointInPolygon(0, 0, [])).toBe(false);
	});
});

describe('distToPolygonM and ringBounds', () => {
	it('is 0 inside and the distance to the nearest edge outside', () => {
		const [kx, ky] = metresPerDegree(52);
		// A 0.01° square at 5°E 52°N.
		const sq: [number, number][] = SQUARE.map(([x, y]) => [5 + x * 0.01, 52 + y * 0.01]);
		expect(distToPolygonM(5.005, 52.005, sq)).toBe(0);
		// 0.001° east of the east edge, level with its middle.
		expect(distToPolygonM(5.011, 52.005, sq)).toBeCloseTo(0.001 * metresPerDegree(52.005)[0], 3);
		// 0.001° south of the south edge.
		expect(distToPolygonM(5.005, 51.999, sq)).toBeCloseTo(0.001 * ky, 3);
		// Diagonal from the south-west corner: the corner is nearest.
		const d = distToPolygonM(4.999, 51.999, sq);
		expect(d).toBeGreaterThan(0.001 * kx);
		expect(d).toBeLessThan(Math.hypot(0.001 * kx, 0.001 * ky) * 1.01);
	});

	it('bounds a ring as [west, south, east, north]', () => {
		expect(ringBounds(U)).toEqual([0, 0, 3, 3]);
		expect(ringBounds(DIAMOND)).toEqual([0, 0, 2, 2]);
		expect(ringBounds([])).toEqual([Infinity, Infinity, -Infinity, -Infinity]);
	});
});
