/**
 * The detector's alerts: gatherings raised so far, merging a surge or convergence into an active
 * alert of the same kind nearby, ids that stay stable across restarts (`restore`), and the alerts
 * queued for the current push. Pure module.
 */
import type { Alert, Severity, StoredAlert } from '../api';
import type { Cell } from '../cells';
import { distanceM as distM } from '../../geo/measure';
import { summaryText, type AlertFacts } from '../summary';
import { localDay } from '../../time/amsterdam';
import { DAY_MS, HOUR_MS, PLACE_RES, SEV_RANK, type DetectorState, type Gathering } from '../state';

export class AlertBook {
	readonly gatherings = new Map<string, Gathering>();
	readonly activeByKind: Record<'surge' | 'convergence', Gathering[]> = {
		surge: [],
		convergence: []
	};
	readonly activePlace: Gathering[] = [];
	/** The alerts of the current push. */
	out = new Map<string, Alert>();
	batchNo = 0;
	/** Alerts of an earlier run (restore), each taken over at most once. */
	readonly restored: { a: StoredAlert; last: number; taken: boolean }[] = [];

	constructor(private readonly S: DetectorState) {}

	/** Start a push: a fresh queue. */
	begin(): void {
		this.out = new Map();
		this.batchNo++;
	}

	restore(alerts: StoredAlert[]): void {
		for (const a of alerts) {
			const last = Date.parse(a.last_detected_at ?? a.detected_at);
			if (!a.id || !Number.isFinite(last) || !Number.isFinite(a.lon) || !Number.isFinite(a.lat))
				continue;
			this.restored.push({ a, last, taken: false });
		}
	}

	/** The stored alert a new gathering continues: the same id, or the nearest of its kind within
	 * maxM whose last update is at most maxAgeMs before `since` (and not days after it: the stored
	 * alerts of a restart are at most its replay ahead of the gathering). */
	takeRestored(
		id: string,
		kind: string,
		lon: number,
		lat: number,
		since: number,
		maxM: number,
		maxAgeMs: number,
		accept: (a: StoredAlert) => boolean = () => true
	): StoredAlert | null {
		let best: (typeof this.restored)[number] | null = null;
		let bestD = Infinity;
		for (const r of this.restored) {
			if (r.taken || r.a.kind !== kind) continue;
			if (r.a.id === id) {
				best = r;
				break;
			}
			// Only ids of this detector's own form (not hand-made or another detector's alerts),
			// updated at most maxAgeMs before `since` and at most the replay (2 days) after it.
			if (!r.a.id.startsWith(`${kind}:`) || !accept(r.a) || this.gatherings.has(r.a.id)) continue;
			if (since - r.last > maxAgeMs || r.last - since > 2 * DAY_MS) continue;
			const d = distM(lon, lat, r.a.lon, r.a.lat);
			if (d <= maxM && d < bestD) {
				best = r;
				bestD = d;
			}
		}
		if (!best) return null;
		best.taken = true;
		return best.a;
	}

	/** Queue the alert for this push; an alert first raised in this batch keeps that time. */
	emit(g: Gathering): void {
		const prev = this.out.get(g.alert.id);
		const a = { ...g.alert, evidence: g.alert.evidence.slice() };
		if (prev && g.firstBatch === this.batchNo) a.detected_at = prev.detected_at;
		g.firstBatch ??= this.batchNo;
		this.out.set(g.alert.id, a);
	}

	findActive(list: Gathering[], lon: number, lat: number, t: number): Gathering | null {
		for (let i = list.length - 1; i >= 0; i--) {
			const g = list[i];
			if (t - g.lastUpdate > 3 * HOUR_MS) {
				list.splice(i, 1);
				continue;
			}
			if (distM(lon, lat, g.alert.lon, g.alert.lat) <= 2_000) return g;
		}
		return null;
	}

	/** The active surge or convergence (updated in the 3 h before t) whose area (radius plus
	 * marginM) holds lon/lat: a crowd there. Read only. */
	crowdAt(lon: number, lat: number, t: number, marginM = 0): Gathering | null {
		for (const list of [this.activeByKind.surge, this.activeByKind.convergence])
			for (const g of list) {
				if (t - g.lastUpdate > 3 * HOUR_MS || t < g.firstT) continue;
				if (distM(lon, lat, g.alert.lon, g.alert.lat) <= g.alert.radius_m + marginM) return g;
			}
		return null;
	}

	/** Raise or update a surge / convergence gathering. */
	raise(
		kind: 'surge' | 'convergence',
		cell: Cell,
		lon: number,
		lat: number,
		radius: number,
		figure: number,
		score: number,
		severity: Severity,
		facts: (near: string) => AlertFacts,
		evidence: string[]
	): void {
		const S = this.S;
		const t = S.streamT;
		// Place-layer surges (town-wide, coarse) do not absorb the finer gps ones, nor the reverse.
		const list = cell.res === PLACE_RES ? this.activePlace : this.activeByKind[kind];
		let g = this.findActive(list, lon, lat, t);
		const mob = S.sig.mob;
		const linked = mob.nearbyCluster(lon, lat, t);
		if (linked) {
			severity = 'critical';
			mob.confirm(linked);
		}
		const { place, near } = S.nameOf(lon, lat);
		const link = linked ? mob.linkedFacts(linked) : undefined;
		/** Facts and Dutch summary naming `name` (the alert's place, decided once). */
		const describe = (name: string): { facts: AlertFacts; summary: string } => {
			const f = facts(name);
			if (link && f.what !== 'mobilisation') f.linked = link;
			return { facts: f, summary: summaryText(f, 'nl') };
		};
		if (!g) {
			let id = `${kind}:${(cell.res === 8 ? cell.parent! : cell).key}:${localDay(t)}`;
			const prev = this.gatherings.get(id);
			if (prev) g = prev;
			else {
				// A gathering of an earlier run (restore) keeps its id and place; place-layer ids
				// (a located place, with '@') and gps ones (an H3 cell) stay apart.
				const placeLayer = cell.res === PLACE_RES;
				const r = this.takeRestored(
					id,
					kind,
					lon,
					lat,
					t,
					2_000,
					3 * HOUR_MS,
					(s) => s.id.includes('@') === placeLayer
				);
				if (r) id = r.id;
				const fixed = r?.place || place;
				g = {
					alert: {
						id,
						kind,
						detected_at: S.streamIso,
						lon,
						lat,
						radius_m: radius,
						...(fixed ? { place: fixed } : {}),
						severity,
						score,
						...describe(fixed || near),
						evidence
					},
					lastUpdate: t,
					emittedFigure: figure,
					emittedSeverity: severity,
					firstT: t,
					cellKey: cell.key
				};
				this.gatherings.set(id, g);
				list.push(g);
				this.emit(g);
				return;
			}
			list.push(g);
		}
		g.lastUpdate = t;
		const a = g.alert;
		if (score >= a.score || SEV_RANK[severity] > SEV_RANK[a.severity]) {
			const sev = SEV_RANK[severity] > SEV_RANK[a.severity] ? severity : a.severity;
			a.severity = sev;
			a.score = Math.max(a.score, score);
			a.detected_at = S.streamIso;
			a.lon = lon;
			a.lat = lat;
			a.radius_m = radius;
			// The place is decided when the alert is first raised; only one raised without a
			// place gets one later.
			if (place && !a.place) a.place = place;
			const d = describe(a.place || near);
			a.summary = d.summary;
			a.facts = d.facts;
			a.evidence = evidence;
			if (SEV_RANK[sev] > SEV_RANK[g.emittedSeverity] || figure >= 1.5 * g.emittedFigure) {
				g.emittedSeverity = sev;
				g.emittedFigure = figure;
				this.emit(g);
			}
		}
	}
}
