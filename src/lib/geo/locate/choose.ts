/**
 * Choosing among same-named candidates: the places named in the text and tag, the watched areas
 * and bias, the author's town, then kind, own name before alternate name, population; an
 * unqualified choice between far-apart candidates that none is clearly larger is ambiguous.
 * Also the candidates a mention's cues admit. Pure (the scope carries the per-post state).
 */
import type { LocateMethod } from '../../posts/post';
import { distKm, RANK, REGION } from './classes';
import type { Mention } from './mentions';
import type { PlaceIndex } from './places-index';
import type { Location, Pt, WorldCities } from './types';
import { AUTHOR_KM } from './words';

/** One locator's index and context, and the state of the post being located. */
export interface Scope {
	ix: PlaceIndex;
	/** Watched areas and the bias: context after the places named. */
	watch: Pt[];
	bias: Pt | undefined;
	/** The author's remembered town while a post is located. */
	authorPt: Pt | null;
	/** Whether the author's town decided anything for this post. */
	usedAuthor: boolean;
	/** Whether the last pick chose among far-apart candidates on kind or population alone. */
	guessed: boolean;
	/** Cities abroad (optional): names with a larger twin abroad need a Dutch cue in a
	 * foreign context. */
	world?: WorldCities;
}

/** Whether candidate code a is preferred to b, without context. */
export function better(ix: PlaceIndex, a: number, b: number): boolean {
	const { cls, namePop } = ix;
	const ia = a >> 1;
	const ib = b >> 1;
	const ra = RANK[cls[ia]];
	const rb = RANK[cls[ib]];
	if (ra !== rb) return ra < rb;
	if ((a & 1) !== (b & 1)) return (a & 1) === 0; // own name before alternate name
	return namePop[ia] > namePop[ib];
}

/**
 * The candidates nearest to the context points, when the nearest is within `maxKm` (a point's
 * `r` counts as distance 0): those within 25 km of the nearest distance; null otherwise.
 */
export function nearest(
	ix: PlaceIndex,
	cands: number[],
	ctx: Pt[],
	maxKm: number
): number[] | null {
	const { lon, lat } = ix;
	let dBest = Infinity;
	const d = new Float64Array(cands.length);
	for (let k = 0; k < cands.length; k++) {
		const i = cands[k] >> 1;
		let m = Infinity;
		for (const p of ctx) {
			const x = Math.max(0, distKm(lon[i], lat[i], p.lon, p.lat) - p.r);
			if (x < m) m = x;
		}
		d[k] = m;
		if (m < dBest) dBest = m;
	}
	if (!(dBest <= maxKm)) return null;
	// Inside a province's or region's radius (distance 0): only the candidates inside it.
	const win = dBest === 0 && ctx.some((p) => p.r > 0) ? 0 : 25;
	const out: number[] = [];
	for (let k = 0; k < cands.length; k++) if (d[k] <= dBest + win) out.push(cands[k]);
	return out;
}

/**
 * The best of the candidate codes, as a place index; -1 when there is none or the choice is
 * ambiguous. Context decides in order: the points in `ctx` (other places named, the tag)
 * within `ctxMaxKm`; the watched areas and bias within `watchMaxKm`; the author's town
 * (memory) within 25 km; then kind, name and population, and a choice between far-apart
 * candidates that no context decided and none is clearly larger is ambiguous.
 */
export function pick(
	s: Scope,
	cands: number[],
	ctx: Pt[],
	ctxMaxKm: number,
	watchMaxKm = ctxMaxKm
): number {
	const ix = s.ix;
	const { lon, lat, cls, namePop, weakPlace } = ix;
	s.guessed = false;
	if (cands.length === 0) return -1;
	if (cands.length === 1) return cands[0] >> 1;
	let cur = cands;
	let decided = false;
	if (ctx.length) {
		const f = nearest(ix, cur, ctx, ctxMaxKm);
		if (f) [cur, decided] = [f, true];
	}
	if (cur.length > 1 && s.watch.length) {
		const f = nearest(ix, cur, s.watch, watchMaxKm);
		if (f) [cur, decided] = [f, true];
	}
	if (cur.length > 1 && s.authorPt) {
		const f = nearest(ix, cur, [s.authorPt], AUTHOR_KM);
		if (f) {
			s.usedAuthor = true;
			[cur, decided] = [f, true];
		}
	}
	// A town or current municipality of this very name ("Noordwijk", "Haren") puts small
	// villages and historical municipalities of the name far from it out of the running.
	let strongOwn: number[] | null = null;
	for (const c of cur)
		if (!(c & 1) && RANK[cls[c >> 1]] <= 1 && !weakPlace[c >> 1]) (strongOwn ??= []).push(c >> 1);
	let best = -1;
	for (const c of cur) {
		const i = c >> 1;
		if (
			strongOwn &&
			weakPlace[i] &&
			strongOwn.every((j) => distKm(lon[i], lat[i], lon[j], lat[j]) > 20)
		)
			continue;
		if (best < 0 || better(ix, c, best)) best = c;
	}
	if (decided) return best >> 1;
	// Ambiguous: another candidate as good in kind and name, far away, and the best one
	// not clearly larger ("Dam", "Oost").
	const ib = best >> 1;
	for (const c of cands) {
		const i = c >> 1;
		if (i === ib || RANK[cls[i]] > RANK[cls[ib]] || (c & 1) > (best & 1)) continue;
		if (strongOwn && weakPlace[i] > weakPlace[ib]) continue;
		if (distKm(lon[i], lat[i], lon[ib], lat[ib]) <= 20) continue;
		// A town that names its municipality weighs as the municipality (namePop).
		if (namePop[ib] < Math.max(1000, 2 * namePop[i])) return -1;
		s.guessed = true;
	}
	return ib;
}

export function located(ix: PlaceIndex, method: LocateMethod, i: number): Location {
	const { lon, lat, prec, display } = ix;
	return { method, pos: [lon[i], lat[i]], precision_m: prec[i], place: display[i] };
}

export function pt(ix: PlaceIndex, i: number): Pt {
	const { lon, lat, cls } = ix;
	return { lon: lon[i], lat: lat[i], r: cls[i] === REGION ? 60 : 0 };
}

/** Whether a watched area, the bias or the author's town lies within km of place i. */
function nearWatch(s: Scope, i: number, biasKm: number, areaKm: number): boolean {
	const { lon, lat } = s.ix;
	for (const w of s.watch)
		if (distKm(lon[i], lat[i], w.lon, w.lat) - w.r <= (w === s.bias ? biasKm : areaKm)) return true;
	return false;
}

/** Candidate town codes of a mention; with `cuedOnly` only those its cues admit. */
export function townCands(s: Scope, m: Mention, cuedOnly: boolean): number[] {
	if (m.name.tier === 2 && !m.cued) return [];
	if (cuedOnly && !m.cued && m.capStart && m.name.tier === 1 && s.watch.length) {
		// "Haren is vol" while watching Haren.
		return m.name.strong.filter((c) => nearWatch(s, c >> 1, 30, 30));
	}
	const strong = m.cued || !cuedOnly;
	// Small villages need a capital or a hashtag, unless the word is a cued town name
	// anyway ("in haren": then the small Haren is a candidate next to the large one).
	const weak = m.weakCued || !cuedOnly || (m.cued && m.name.strong.length > 0);
	if (strong && weak) return m.name.weak.length ? m.name.strong.concat(m.name.weak) : m.name.strong;
	return strong ? m.name.strong : weak ? m.name.weak : [];
}
