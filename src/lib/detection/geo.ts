/**
 * Small geometry helpers for the detector: the centre of a ring and a nearest-place index over
 * the gazetteer for naming alerts (distances and point in polygon: geo/measure). Pure module.
 */
import type { Place } from '../geo/gazetteer';
import { distanceM } from '../geo/measure';

/** Centroid (vertex mean) of a ring. */
export function ringCentre(ring: [number, number][]): [number, number] {
	const n =
		ring.length > 1 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1]
			? ring.length - 1
			: ring.length;
	let x = 0;
	let y = 0;
	for (let i = 0; i < n; i++) {
		x += ring[i][0];
		y += ring[i][1];
	}
	return [x / Math.max(1, n), y / Math.max(1, n)];
}

interface NamedPoint {
	name: string;
	lon: number;
	lat: number;
	/** 0 station or square, 1 town. */
	tier: number;
	pop: number;
}

function displayName(p: Place): string {
	const n = p.name;
	if (n === 'The Hague') return 'Den Haag';
	if (/ Railway Station$/.test(n)) {
		const st = p.alt?.find((a) => a.startsWith('Station '));
		return st ?? 'Station ' + n.replace(/ Railway Station$/, '');
	}
	return n;
}

/**
 * Names a point for an alert: a station or square within 600 m ("Station Haren"), else the
 * nearest town within 6 km weighted by size ("Haren"). Grid of 0.1 degree; built once.
 */
export class PlaceNamer {
	private grid = new Map<number, NamedPoint[]>();
	constructor(places: Place[]) {
		for (const p of places) {
			let tier = -1;
			if (p.kind === 'S.RSTN' || p.kind === 'S.SQR' || p.kind === 'S.MTRO') tier = 0;
			else if (p.kind.startsWith('P.PPL') && p.kind !== 'P.PPLX' && p.kind !== 'P.PPLH') tier = 1;
			if (tier < 0 || !Number.isFinite(p.lon) || !Number.isFinite(p.lat)) continue;
			const k = this.key(Math.floor(p.lon * 10), Math.floor(p.lat * 10));
			let l = this.grid.get(k);
			if (!l) this.grid.set(k, (l = []));
			l.push({ name: displayName(p), lon: p.lon, lat: p.lat, tier, pop: p.pop ?? 0 });
		}
	}
	private key(gx: number, gy: number): number {
		return (gx + 2000) * 4000 + (gy + 2000);
	}
	/** [site name or undefined, town name or undefined, distance to the site in m]. */
	name(lon: number, lat: number): { site?: string; siteM: number; town?: string } {
		const gx = Math.floor(lon * 10);
		const gy = Math.floor(lat * 10);
		let site: NamedPoint | undefined;
		let siteD = 600;
		let town: NamedPoint | undefined;
		let townScore = Infinity;
		for (let dx = -1; dx <= 1; dx++)
			for (let dy = -1; dy <= 1; dy++) {
				const l = this.grid.get(this.key(gx + dx, gy + dy));
				if (!l) continue;
				for (const p of l) {
					const d = distanceM(lon, lat, p.lon, p.lat);
					if (p.tier === 0) {
						if (d < siteD) {
							siteD = d;
							site = p;
						}
					} else if (d < 6000) {
						// Bigger towns reach further: distance relative to a size radius.
						const s = d / (1000 + 600 * Math.log10(1 + Math.max(p.pop, 100) / 1000));
						if (s < townScore) {
							townScore = s;
							town = p;
						}
					}
				}
			}
		return { site: site?.name, siteM: site ? siteD : Infinity, town: town?.name };
	}
}
