/**
 * Small geodesy helpers for the scenario engine (equirectangular approximations are ample at the
 * scale of the Netherlands). Pure module.
 */
import { distanceM, metresPerDegree } from '../geo/measure';
import type { Rand } from './rng';

export type LonLat = [number, number];

/** Great-circle distance in metres. */
export function distM(a: LonLat, b: LonLat): number {
	return distanceM(a[0], a[1], b[0], b[1]);
}

/** The point dx metres east and dy metres north of p. */
export function offsetM(p: LonLat, dx: number, dy: number): LonLat {
	const [kx, ky] = metresPerDegree(p[1]);
	return [p[0] + dx / kx, p[1] + dy / ky];
}

/** A point scattered around p: normally distributed with the given standard deviation (m). */
export function scatter(r: Rand, p: LonLat, sigmaM: number): LonLat {
	return offsetM(p, r.normal() * sigmaM, r.normal() * sigmaM);
}

/** A point uniformly inside the disk of radius m around p. */
export function inDisk(r: Rand, p: LonLat, radiusM: number): LonLat {
	const d = Math.sqrt(r.next()) * radiusM;
	const a = r.next() * 2 * Math.PI;
	return offsetM(p, Math.cos(a) * d, Math.sin(a) * d);
}

/** Linear interpolation between two points. */
export function lerp(a: LonLat, b: LonLat, f: number): LonLat {
	return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/** Round to 6 decimals (about 10 cm), as platforms write geotags. */
export function round6(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}

/**
 * A path with a constant speed per leg and optional waits before legs: position as a function of
 * time since departure.
 */
export interface Leg {
	pts: LonLat[];
	kmh: number;
	/** Minutes spent waiting at the start of this leg (a platform, a transfer). */
	waitMin?: number;
	mode: Mode;
}
export type Mode = 'walk' | 'bike' | 'scooter' | 'car' | 'bus' | 'train' | 'boat';

export const MODE_KMH: Record<Mode, number> = {
	walk: 5,
	bike: 15,
	scooter: 28,
	car: 75,
	bus: 35,
	train: 95,
	boat: 6
};

interface Seg {
	t0: number;
	t1: number;
	a: LonLat;
	b: LonLat;
	mode: Mode;
	moving: boolean;
}

export class Route {
	readonly segs: Seg[] = [];
	/** Total duration in ms. */
	readonly durMs: number;
	readonly start: LonLat;
	readonly end: LonLat;
	constructor(legs: Leg[]) {
		let t = 0;
		let last: LonLat | undefined;
		for (const leg of legs) {
			if (leg.pts.length === 0) continue;
			const first = leg.pts[0];
			if (leg.waitMin && leg.waitMin > 0) {
				const w = leg.waitMin * 60_000;
				this.segs.push({ t0: t, t1: t + w, a: first, b: first, mode: leg.mode, moving: false });
				t += w;
			}
			let prev = last ?? first;
			for (const p of leg.pts) {
				const d = distM(prev, p);
				if (d > 0.5) {
					const dt = (d / 1000 / leg.kmh) * 3600_000;
					this.segs.push({ t0: t, t1: t + dt, a: prev, b: p, mode: leg.mode, moving: true });
					t += dt;
				}
				prev = p;
			}
			last = prev;
		}
		this.durMs = t;
		this.start = this.segs.length ? this.segs[0].a : (legs[0]?.pts[0] ?? [0, 0]);
		this.end = last ?? this.start;
	}
	/** Position and mode at dt ms after departure (clamped to the route). */
	at(dt: number): { p: LonLat; mode: Mode; moving: boolean } {
		const segs = this.segs;
		if (segs.length === 0) return { p: this.start, mode: 'walk', moving: false };
		if (dt <= 0) return { p: segs[0].a, mode: segs[0].mode, moving: segs[0].moving };
		let lo = 0;
		let hi = segs.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (segs[mid].t1 < dt) lo = mid + 1;
			else hi = mid;
		}
		const s = segs[lo];
		if (dt >= s.t1) return { p: s.b, mode: s.mode, moving: false };
		const f = s.t1 > s.t0 ? (dt - s.t0) / (s.t1 - s.t0) : 1;
		return { p: lerp(s.a, s.b, f), mode: s.mode, moving: s.moving };
	}
}
