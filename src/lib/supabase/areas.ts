/**
 * The `areas()` RPC answer (docs/backend.md) as the map's area definitions, validated: an area
 * with a broken ring is reported and left out, the others are kept. Pure module.
 */
import type { AreaDef } from '../areas/areas';
import type { FeedProblem } from '../feed/feed';

export interface AreasResult {
	areas: AreaDef[];
	problems: FeedProblem[];
}

function ring(value: unknown): [number, number][] | string {
	if (!Array.isArray(value) || value.length < 4)
		return 'ring: expected at least 4 [lon, lat] points';
	const out: [number, number][] = [];
	for (const p of value) {
		if (
			!Array.isArray(p) ||
			p.length < 2 ||
			typeof p[0] !== 'number' ||
			typeof p[1] !== 'number' ||
			!(Math.abs(p[0]) <= 180) ||
			!(Math.abs(p[1]) <= 90)
		)
			return 'ring: a point is not [lon, lat] within WGS 84 range';
		out.push([p[0], p[1]]);
	}
	return out;
}

export function parseAreas(value: unknown): AreasResult {
	if (!Array.isArray(value)) {
		return { areas: [], problems: [{ where: 'areas()', reason: 'expected an array of areas' }] };
	}
	const areas: AreaDef[] = [];
	const problems: FeedProblem[] = [];
	value.forEach((item, i) => {
		const where = `areas() item ${i}`;
		if (typeof item !== 'object' || item === null) {
			problems.push({ where, reason: 'expected an object' });
			return;
		}
		const v = item as Record<string, unknown>;
		if (typeof v.id !== 'string' || !v.id)
			return problems.push({ where, reason: 'id: expected a string' });
		if (typeof v.name !== 'string')
			return problems.push({ where, reason: 'name: expected a string' });
		const r = ring(v.ring);
		if (typeof r === 'string') return problems.push({ where, reason: r });
		areas.push({ id: v.id, name: v.name, polygon: r });
	});
	return { areas, problems };
}
