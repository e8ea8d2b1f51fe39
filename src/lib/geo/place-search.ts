/**
 * Search the gazetteer by name for the triage of posts without a location (issue 13, item 4):
 * an analyst types "kerkstr" or "Haren" and chooses a place to put a post there. Case and
 * diacritics are ignored; an exact name first, then names that start with the query, then names
 * that contain it; larger places first within each. Pure module.
 */
import type { Place } from './gazetteer';

export interface PlaceHit {
	name: string;
	lon: number;
	lat: number;
	kind: string;
	gm?: string;
	/** How precise a post put at this place is, in metres, by the kind of place. */
	precision_m: number;
}

/** Folded for comparison: lower case, no diacritics, single spaces. */
export function fold(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Precision of a placement at a place of this GeoNames or CBS kind. */
export function kindPrecision(kind: string): number {
	if (kind.startsWith('R.') || kind.startsWith('S.') || kind.startsWith('osm.')) return 200;
	if (kind === 'cbs.buurt2014') return 500;
	if (kind === 'cbs.wijk2014') return 1500;
	if (kind.startsWith('P.')) return 2000;
	return 1000;
}

export function searchPlaces(places: readonly Place[], query: string, limit = 8): PlaceHit[] {
	const q = fold(query).slice(0, 100);
	if (q.length < 2) return [];
	const ranked: { p: Place; name: string; rank: number }[] = [];
	for (const p of places) {
		let best = 9;
		let shown = p.name;
		for (const n of [p.name, ...(p.alt ?? [])]) {
			const f = fold(n);
			const r = f === q ? 0 : f.startsWith(q) ? 1 : f.includes(q) ? 2 : 9;
			if (r < best) {
				best = r;
				shown = n;
			}
		}
		if (best < 9) ranked.push({ p, name: shown, rank: best });
	}
	ranked.sort(
		(a, b) =>
			a.rank - b.rank || (b.p.pop ?? 0) - (a.p.pop ?? 0) || a.name.localeCompare(b.name, 'nl')
	);
	const out: PlaceHit[] = [];
	const seen = new Set<string>();
	for (const { p, name } of ranked) {
		const k = `${name}|${p.gm ?? ''}|${p.kind}`;
		if (seen.has(k)) continue;
		seen.add(k);
		out.push({
			name,
			lon: p.lon,
			lat: p.lat,
			kind: p.kind,
			...(p.gm ? { gm: p.gm } : {}),
			precision_m: kindPrecision(p.kind)
		});
		if (out.length >= limit) break;
	}
	return out;
}
