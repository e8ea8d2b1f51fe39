/**
 * The surge signal: posts per cell (gps cells at res 8, 7 and 6, and the place layer's located
 * places) in 5-minute bins, tested over windows of 10, 30 and 60 min with an expectation-based
 * Poisson scan against the cell's learned share of its layer at this hour. Pure module.
 */
import type { Severity } from '../api';
import { BIN_MS, type Cell } from '../cells';
import { poissonLlr, poissonTailLog10 } from '../stats';
import type { PlannedFacts } from '../summary';
import { localHour } from '../../time/amsterdam';
import {
	FLOOR_SHARE,
	PLACE_RES,
	RADIUS,
	WARMUP,
	authorSet,
	evidenceOf,
	type DetectorState
} from '../state';

const WINDOWS = [2, 6, 12];
/** Least observed / expected for a surge: a significant but small excess is not a gathering. */
const MIN_RATIO = 4;
/** The place layer needs a larger crowd than a gps cell (x minCount posts, x minAuthors
 * authors): a town-wide location covers ~20 km2, and talk about a town comes in bursts. */
export const PLACE_FACTOR = 5;

export class SurgeSignal {
	constructor(private readonly S: DetectorState) {}

	evalSurge(c: Cell): void {
		const S = this.S;
		const streamT = S.streamT;
		if (S.layerOf(c).tc < WARMUP || !c.bins) return;
		const endBin = Math.floor(streamT / BIN_MS);
		const h = localHour(streamT);
		let best: { n: number; c: number; e: number; llr: number; lp: number } | null = null;
		const sh = S.share(c, h);
		const least = c.res === PLACE_RES ? PLACE_FACTOR * S.minCount : S.minCount;
		for (const n of WINDOWS) {
			const cnt = c.sum(endBin, n);
			if (cnt < least) continue;
			const g = S.layerOf(c).bins.sum(endBin, n);
			const e = Math.max(sh * g, FLOOR_SHARE[c.res] * 12 * n);
			if (cnt < MIN_RATIO * e) continue;
			const lp = poissonTailLog10(cnt, e);
			if (lp > S.log10Alpha) continue;
			const llr = poissonLlr(cnt, e);
			if (!best || llr > best.llr) best = { n, c: cnt, e, llr, lp };
		}
		if (!best) return;
		// Counting authors costs up to the ring's size: at most every 20 s of stream time a cell.
		if (streamT - c.lastEvalT < 20_000 && streamT >= c.lastEvalT) return;
		c.lastEvalT = streamT;
		const r = c.recent!;
		const t0 = (endBin - best.n + 1) * BIN_MS;
		const idx = r.since(t0, Infinity);
		const who = authorSet(r, idx);
		const authors = who.size;
		const leastAuthors =
			c.res === PLACE_RES
				? PLACE_FACTOR * S.minAuthors
				: c.res === 6
					? 2 * S.minAuthors
					: S.minAuthors;
		if (authors < leastAuthors) return;
		let lon = 0;
		let lat = 0;
		for (const i of idx) {
			lon += r.lon[i];
			lat += r.lat[i];
		}
		lon /= Math.max(1, idx.length);
		lat /= Math.max(1, idx.length);
		const radius = c.res === PLACE_RES ? c.radiusM : RADIUS[c.res];
		const minutes = best.n * 5;
		const ratio = best.c / best.e;
		const ev = S.sig.planned.at(lon, lat, streamT, radius / 2);
		let planned: PlannedFacts | undefined;
		if (ev) {
			// In a planned event's zone only more than the plan raises here; the crowd just
			// outside its area is watched by the overflow test (planned.ts).
			const est = authors * S.crowdPerAuthor;
			if (S.sig.planned.explains(ev, est, authors, c.key)) return;
			planned = { event: ev.name, estimate: est, planned: ev.crowd };
		}
		let severity: Severity = 'warning';
		if ((ratio >= 10 && best.c >= 40) || authors >= 50) severity = 'critical';
		const fig = best.c;
		const stat = best;
		S.sig.alerts.raise(
			'surge',
			c,
			lon,
			lat,
			radius,
			fig,
			Math.round(stat.llr * 10) / 10,
			severity,
			(near) => ({
				what: 'surge',
				near,
				radius_m: radius,
				minutes,
				observed: stat.c,
				expected: stat.e,
				p_exp: Math.ceil(stat.lp),
				authors,
				...(planned ? { planned } : {})
			}),
			evidenceOf(r, idx),
			[...who]
		);
	}
}
