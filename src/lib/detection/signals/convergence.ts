/**
 * The convergence signal: per author the last gps fix; a new fix more than 1 km from the last one
 * within 3 h is an arrival in the res-7 cell of the new fix. Distinct arriving authors in 30 and
 * 60 min are tested against the expected arrivals (the cell's share of posts at that hour times
 * all arrivals in the same window, with a floor). Pure module.
 */
import type { LocatedPost } from '../../posts/post';
import { distanceM as distM } from '../../geo/measure';
import type { Severity } from '../api';
import { BIN_MS, GlobalBins, Recent, type Cell } from '../cells';
import { poissonLlr, poissonTailLog10 } from '../stats';
import type { PlannedFacts } from '../summary';
import { localHour } from '../../time/amsterdam';
import {
	FLOOR_SHARE,
	HOUR_MS,
	RADIUS,
	WARMUP,
	authorSet,
	evidenceOf,
	type DetectorState
} from '../state';

const MAX_AUTHORS = 400_000;
/** Convergence windows, in 5-min bins (30 and 60 min). */
const CONV_WINDOWS = [6, 12];
/** A move this far beyond a crowd's area from inside it leaves the crowd, m. */
const LEAVE_M = 1_000;

export class ConvergenceSignal {
	private gArrivals = 0;
	private gArrivalBase = 0;
	/** Arrivals per bin, all cells (the stream only). */
	private readonly globalArrivals = new GlobalBins();
	// Authors' last fix, two generations.
	private authorsNew = new Map<string, number>();
	private authorsOld = new Map<string, number>();
	private aLon = new Float64Array(1024);
	private aLat = new Float64Array(1024);
	private aT = new Float64Array(1024);
	private aN = 0;

	constructor(private readonly S: DetectorState) {}

	private authorSlot(a: string): number {
		let i = this.authorsNew.get(a);
		if (i !== undefined) return i;
		i = this.authorsOld.get(a);
		if (i !== undefined) {
			this.authorsNew.set(a, i);
			return i;
		}
		if (this.authorsNew.size >= MAX_AUTHORS) {
			// New generation: slots of authors not seen in the last generation are reused.
			this.authorsOld = this.authorsNew;
			this.authorsNew = new Map();
			const lon2 = new Float64Array(this.aLon.length);
			const lat2 = new Float64Array(this.aLon.length);
			const t2 = new Float64Array(this.aLon.length);
			let n = 0;
			for (const [k, j] of this.authorsOld) {
				lon2[n] = this.aLon[j];
				lat2[n] = this.aLat[j];
				t2[n] = this.aT[j];
				this.authorsOld.set(k, n++);
			}
			this.aLon = lon2;
			this.aLat = lat2;
			this.aT = t2;
			this.aN = n;
		}
		if (this.aN === this.aLon.length) {
			const n = this.aLon.length * 2;
			const g = (x: Float64Array) => {
				const y = new Float64Array(n);
				y.set(x);
				return y;
			};
			this.aLon = g(this.aLon);
			this.aLat = g(this.aLat);
			this.aT = g(this.aT);
		}
		i = this.aN++;
		this.aT[i] = NaN;
		this.authorsNew.set(a, i);
		return i;
	}

	/** The author's last gps fix (before the post being processed), or null. */
	lastFix(author: string): { lon: number; lat: number; t: number } | null {
		const i = this.authorsNew.get(author) ?? this.authorsOld.get(author);
		if (i === undefined || Number.isNaN(this.aT[i])) return null;
		return { lon: this.aLon[i], lat: this.aLat[i], t: this.aT[i] };
	}

	/** Record the gps post's fix; an arrival from more than 1 km away within 3 h is counted in
	 * the res-7 cell of c8 (live and fresh posts only). */
	track(p: LocatedPost, lon: number, lat: number, c8: Cell, learnOnly: boolean, fresh: boolean) {
		const t = p.t;
		const bin = Math.floor(t / BIN_MS);
		const ai = this.authorSlot(p.author);
		const pt = this.aT[ai];
		this.gArrivalBase++;
		if (!Number.isNaN(pt) && t > pt && t - pt <= 3 * HOUR_MS) {
			const d = distM(lon, lat, this.aLon[ai], this.aLat[ai]);
			const kmh = d / 1000 / ((t - pt) / HOUR_MS);
			// Leaving a planned event is not converging on the next place.
			const leaving = this.S.sig.planned.leaving(this.aLon[ai], this.aLat[ai], pt);
			if (d >= 1_000 && kmh <= 200 && !leaving && !this.leavingCrowd(ai, pt, lon, lat)) {
				this.gArrivals++;
				const c7 = c8.parent!;
				if (!learnOnly) this.globalArrivals.add(bin);
				if (!learnOnly && fresh) {
					c7.arrivals ??= new Recent(512);
					c7.arrivals.push(p.id, p.author, t, lon, lat, d);
					c7.arrivalBins ??= new GlobalBins();
					c7.arrivalBins.add(bin);
				}
			}
		}
		if (Number.isNaN(pt) || t >= pt) {
			this.aT[ai] = t;
			this.aLon[ai] = lon;
			this.aLat[ai] = lat;
		}
	}

	/** Whether a move from the author's last fix (at pt) to lon/lat leaves a crowd: the last fix
	 * was inside an active surge or convergence, the new one more than LEAVE_M beyond its area.
	 * People dispersing from a gathering (to the station they came from) do not converge. */
	private leavingCrowd(ai: number, pt: number, lon: number, lat: number): boolean {
		const g = this.S.sig.alerts.crowdAt(this.aLon[ai], this.aLat[ai], pt);
		return !!g && distM(lon, lat, g.alert.lon, g.alert.lat) > g.alert.radius_m + LEAVE_M;
	}

	evalConvergence(c: Cell): void {
		const S = this.S;
		const streamT = S.streamT;
		if (S.gpsL.tc < WARMUP || !c.arrivals || this.gArrivalBase < WARMUP) return;
		const r = c.arrivals;
		const endBin = Math.floor(streamT / BIN_MS);
		const h = localHour(streamT);
		const f = Math.max(this.gArrivals / this.gArrivalBase, 0.01);
		const sh = S.share(c, h);
		const expect = (n: number) =>
			Math.max(sh * this.globalArrivals.sum(endBin, n), FLOOR_SHARE[c.res] * 12 * n * f);
		// Arrivals bound authors from above, and the Poisson tail falls with the count: a window
		// whose arrivals do not pass the test cannot pass it on authors. This keeps the per-post
		// cost to a few bins; only a cell that passes counts authors, at most every 20 s of
		// stream time.
		let any = false;
		for (const n of CONV_WINDOWS) {
			const cnt = c.arrivalBins!.sum(endBin, n);
			if (cnt >= S.minCount && poissonTailLog10(cnt, expect(n)) <= S.log10Alpha) any = true;
		}
		if (!any) return;
		if (streamT - c.lastConvT < 20_000 && streamT >= c.lastConvT) return;
		c.lastConvT = streamT;
		for (const n of CONV_WINDOWS) {
			const t0 = (endBin - n + 1) * BIN_MS;
			const idx = r.since(t0, Infinity);
			if (idx.length < S.minCount) continue;
			const who = authorSet(r, idx);
			const authors = who.size;
			if (authors < S.minCount) continue;
			const e = expect(n);
			const lp = poissonTailLog10(authors, e);
			if (lp > S.log10Alpha) continue;
			let lon = 0;
			let lat = 0;
			let km = 0;
			for (const i of idx) {
				lon += r.lon[i];
				lat += r.lat[i];
				km += r.w[i] / 1000;
			}
			lon /= idx.length;
			lat /= idx.length;
			km /= idx.length;
			const ev = S.sig.planned.at(lon, lat, streamT, RADIUS[c.res] / 2);
			let planned: PlannedFacts | undefined;
			if (ev) {
				const est = authors * S.crowdPerAuthor;
				if (S.sig.planned.explains(ev, est, authors, c.key)) return;
				planned = { event: ev.name, estimate: est, planned: ev.crowd };
			}
			const severity: Severity = authors >= 40 ? 'critical' : 'warning';
			const minutes = n * 5;
			S.sig.alerts.raise(
				'convergence',
				c,
				lon,
				lat,
				RADIUS[c.res],
				authors,
				Math.round(poissonLlr(authors, e) * 10) / 10,
				severity,
				(near) => ({
					what: 'convergence',
					near,
					authors,
					minutes,
					km,
					normal: e,
					...(planned ? { planned } : {})
				}),
				evidenceOf(r, idx),
				[...who]
			);
			return;
		}
	}
}
