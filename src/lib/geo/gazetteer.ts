/**
 * Gazetteer: named places of the Netherlands, as in `gazetteer/nl_gazetteer.json` of the
 * geodata directory. Pure module: the caller reads the file (Node, browser fetch) and passes
 * the parsed JSON; `BUILTIN_PLACES` is the small fallback used when the directory is absent.
 */

export interface Place {
	name: string;
	alt?: string[];
	lat: number;
	lon: number;
	/** GeoNames feature code ('P.PPL', 'S.RSTN', 'R.ST', ...) or 'cbs.buurt2014', 'cbs.wijk2014', ... */
	kind: string;
	/** Municipality code, e.g. 'GM0014'. */
	gm?: string;
	pop?: number;
	src?: string;
}

export class GazetteerError extends Error {}

/** Validate parsed gazetteer JSON; entries that are not usable places are skipped and counted. */
export function parseGazetteer(json: unknown): { places: Place[]; skipped: number } {
	if (!Array.isArray(json)) throw new GazetteerError('gazetteer: expected a JSON array of places');
	const places: Place[] = [];
	let skipped = 0;
	for (const e of json as Record<string, unknown>[]) {
		if (
			e &&
			typeof e.name === 'string' &&
			typeof e.lat === 'number' &&
			typeof e.lon === 'number' &&
			Number.isFinite(e.lat) &&
			Number.isFinite(e.lon) &&
			typeof e.kind === 'string'
		) {
			places.push({
				name: e.name,
				lat: e.lat,
				lon: e.lon,
				kind: e.kind,
				...(Array.isArray(e.alt) ? { alt: e.alt.filter((a) => typeof a === 'string') } : {}),
				...(typeof e.gm === 'string' ? { gm: e.gm } : {}),
				...(typeof e.pop === 'number' ? { pop: e.pop } : {}),
				...(typeof e.src === 'string' ? { src: e.src } : {})
			});
		} else skipped++;
	}
	return { places, skipped };
}
