/**
 * Distances and point-in-polygon on [lon, lat] degrees: the one copy every module uses (scenario
 * engine, geoparser, detector, baselines, evaluation, corridors, area rates, map). Spherical
 * earth with the mean radius; at the scale of the Netherlands this is within 0.3% of the
 * ellipsoid. Pure module.
 */

/** Mean earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Metres per degree of latitude (and of longitude at the equator). */
const M_PER_DEG = RAD * EARTH_RADIUS_M;

/** Local metres per degree of longitude and of latitude at a latitude. */
export function metresPerDegree(lat: number): [number, number] {
	return [M_PER_DEG * Math.cos(lat * RAD), M_PER_DEG];
}

/** Great-circle (haversine) distance in metres between two [lon, lat] points. */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const s1 = Math.sin(((lat2 - lat1) * RAD) / 2);
	const s2 = Math.sin(((lon2 - lon1) * RAD) / 2);
	const a = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Whether [lon, lat] lies inside a ring of [lon, lat] (closed or not): even-odd ray casting. The
 * half-open test (yi > lat) !== (yj > lat) counts a vertex on the ray once, so rays through
 * vertices are fine; a point exactly on an edge may fall either way. A ring with fewer than three
 * vertices contains nothing.
 */
export function pointInPolygon(
	lon: number,
	lat: number,
	ring: readonly (readonly [number, number])[]
): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/**
 * Distance in metres from a point to a ring (0 inside), in the local plane at the point (fine
 * up to some tens of kilometres).
 */
export function distToPolygonM(
	lon: number,
	lat: number,
	ring: readonly (readonly [number, number])[]
): number {
	if (pointInPolygon(lon, lat, ring)) return 0;
	const [kx, ky] = metresPerDegree(lat);
	let best = Infinity;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const ax = (ring[j][0] - lon) * kx;
		const ay = (ring[j][1] - lat) * ky;
		const dx = (ring[i][0] - lon) * kx - ax;
		const dy = (ring[i][1] - lat) * ky - ay;
		const l2 = dx * dx + dy * dy;
		let u = l2 > 0 ? -(ax * dx + ay * dy) / l2 : 0;
		u = u < 0 ? 0 : u > 1 ? 1 : u;
		const d = Math.hypot(ax + u * dx, ay + u * dy);
		if (d < best) best = d;
	}
	return best;
}

/** Bounding box [west, south, east, north] of a ring; all Infinity/-Infinity when empty. */
export function ringBounds(
	ring: readonly (readonly [number, number])[]
): [number, number, number, number] {
	let w = Infinity;
	let s = Infinity;
	let e = -Infinity;
	let n = -Infinity;
	for (const [x, y] of ring) {
		if (x < w) w = x;
		if (x > e) e = x;
		if (y < s) s = y;
		if (y > n) n = y;
	}
	return [w, s, e, n];
}
