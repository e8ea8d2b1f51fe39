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

/** A gathering is active this long after its last update (merging, crowdAt). */
const ACTIVE_MS = 3 * HOUR_MS;
/** A surge or convergence this close to an active one of its kind updates it, m. */
const MERGE_M = 2_000;
/** A crowd is seen again (its dispersal, its aftermath) this long after its last update. */
export const AFTER_MS = 6 * HOUR_MS;
/** Its dispersal is seen this far beyond its area, m. */
export const AFTER_M = 3_000;
/** Authors remembered as members of a crowd, at most (oldest first out). */
const MAX_MEMBERS = 200_000;
/** Places a gathering's later crowd is listed at, at most. */
const MAX_AFTER = 5;

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

	/** Authors seen inside an active crowd (a surge's or convergence's area): the gathering they
	 * were first seen in (noteMember) and when they were last seen in a crowd. */
	private readonly members = new Map<string, { g: Gathering; t: number }>();

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
			if (t - g.lastUpdate > ACTIVE_MS) {
				list.splice(i, 1);
				continue;
			}
			if (distM(lon, lat, g.alert.lon, g.alert.lat) <= MERGE_M) return g;
		}
		return null;
	}

	/** The active surge or convergence (updated in the 3 h before t) whose area (radius plus
	 * marginM) holds lon/lat: a crowd there. Read only. */
	crowdAt(lon: number, lat: number, t: number, marginM = 0): Gathering | null {
		for (const list of [this.activeByKind.surge, this.activeByKind.convergence])
			for (const g of list) {
				if (t - g.lastUpdate > ACTIVE_MS || t < g.firstT) continue;
				if (distM(lon, lat, g.alert.lon, g.alert.lat) <= g.alert.radius_m + marginM) return g;
			}
		return null;
	}

	/** A live gps post inside an active crowd's area: its author is one of that crowd's people.
	 * An author keeps the crowd they were first seen in while they keep being seen in crowds
	 * (AFTER_MS at most between two sightings): the crowd they came from, not the one they
	 * walk through on their way home. */
	noteMember(author: string, lon: number, lat: number, t: number): void {
		if (!this.activeByKind.surge.length && !this.activeByKind.convergence.length) return;
		const g = this.crowdAt(lon, lat, t);
		if (!g) return;
		const m = this.members.get(author);
		this.members.delete(author);
		if (m && t >= m.t && t - m.t <= AFTER_MS) {
			m.t = t;
			this.members.set(author, m);
			return;
		}
		if (this.members.size >= MAX_MEMBERS) {
			// Forget those seen longest ago (the map keeps insertion order; a member seen again
			// is moved to its end).
			let drop = MAX_MEMBERS / 4;
			for (const k of this.members.keys()) {
				this.members.delete(k);
				if (--drop <= 0) break;
			}
		}
		this.members.set(author, { g, t });
		g.members = (g.members ?? 0) + 1;
	}

	/**
	 * The gathering whose people a new surge or convergence at lon/lat mostly is. Its authors vote
	 * for the crowd they came from (were first seen in, and seen in a crowd in the AFTER_MS before
	 * t). The gatherings of one event overlap and take turns being updated (a surge and a
	 * convergence at the station, a wider surge around them), so a vote counts for every
	 * gathering within MERGE_M of the one voted for. The host: a surge or convergence updated in
	 * the AFTER_MS before t whose radius plus AFTER_M holds lon/lat, that at least half of the
	 * authors vote for, whose people (with its neighbours') are at least as many as the new
	 * crowd's authors; either beyond its area (its dispersal: walking home from Haren through
	 * Essen, 2.5 km away) or, once it is no longer active (no update in ACTIVE_MS), inside it (its
	 * aftermath: the press and the clean-up the morning after). While it is active, a surge and a
	 * convergence at the same place stay two alerts, as always.
	 */
	crowdOf(
		lon: number,
		lat: number,
		t: number,
		authors: readonly string[]
	): { host: Gathering; crowd: number } | null {
		if (!authors.length || !this.members.size) return null;
		const votes = new Map<Gathering, number>();
		for (const a of authors) {
			const m = this.members.get(a);
			if (!m || m.t > t || t - m.t > AFTER_MS) continue;
			votes.set(m.g, (votes.get(m.g) ?? 0) + 1);
		}
		if (2 * [...votes.values()].reduce((x, y) => x + y, 0) < authors.length) return null;
		let best: Gathering | null = null;
		let bestN = 0;
		let bestPeople = 0;
		for (const h of this.gatherings.values()) {
			if (h.alert.kind === 'mobilisation' || h.alert.id.includes('@')) continue;
			if (t - h.lastUpdate > AFTER_MS || t < h.firstT) continue;
			const d = distM(lon, lat, h.alert.lon, h.alert.lat);
			if (d > h.alert.radius_m + AFTER_M) continue;
			if (d <= h.alert.radius_m && t - h.lastUpdate <= ACTIVE_MS) continue;
			let n = 0;
			let people = 0;
			for (const [g, v] of votes)
				if (g === h || distM(g.alert.lon, g.alert.lat, h.alert.lon, h.alert.lat) <= MERGE_M) {
					n += v;
					people += g.members ?? 0;
				}
			if (people < authors.length) continue;
			if (n > bestN || (n === bestN && people > bestPeople)) {
				best = h;
				bestN = n;
				bestPeople = people;
			}
		}
		return best && 2 * bestN >= authors.length ? { host: best, crowd: bestN } : null;
	}

	/** Fold a later crowd into the gathering it came from (crowdOf): listed on its alert as its
	 * dispersal (beyond its area, by the place named at its centre) or its aftermath (inside it,
	 * one entry), the alert emitted again when an entry is new or its authors grow by half. */
	private fold(g: Gathering, lon: number, lat: number, authors: number, crowd: number): void {
		const S = this.S;
		// Its lastUpdate stays: the later crowd does not make it active again.
		const away = distM(lon, lat, g.alert.lon, g.alert.lat) > g.alert.radius_m;
		const place = S.nameOf(lon, lat).near;
		const list = (g.after ??= []);
		const prev = list.find((x) => x.away === away && (!away || x.place === place));
		let changed = false;
		if (!prev) {
			if (list.length >= MAX_AFTER) return;
			list.push({ place, authors, crowd, at: S.streamIso, away });
			changed = true;
		} else {
			changed = authors >= 1.5 * prev.authors;
			prev.authors = Math.max(prev.authors, authors);
			prev.crowd = Math.max(prev.crowd, crowd);
		}
		const f = g.alert.facts;
		if (f && (f.what === 'surge' || f.what === 'convergence')) {
			f.after = list.map((x) => ({ ...x }));
			g.alert.summary = summaryText(f, 'nl');
		}
		if (changed) {
			g.alert.detected_at = S.streamIso;
			this.emit(g);
		}
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
		evidence: string[],
		crowd?: readonly string[]
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
		const describe = (
			name: string,
			after?: Gathering['after']
		): { facts: AlertFacts; summary: string } => {
			const f = facts(name);
			if (link && f.what !== 'mobilisation') f.linked = link;
			if (after?.length && (f.what === 'surge' || f.what === 'convergence'))
				f.after = after.map((x) => ({ ...x }));
			return { facts: f, summary: summaryText(f, 'nl') };
		};
		if (!g) {
			let id = `${kind}:${(cell.res === 8 ? cell.parent! : cell).key}:${localDay(t)}`;
			const prev = this.gatherings.get(id);
			// A crowd that is mostly an earlier gathering's people, next to it or where it was, is
			// that gathering's dispersal or aftermath: listed on its alert, not a new alarm.
			const from =
				!prev && crowd && cell.res !== PLACE_RES ? this.crowdOf(lon, lat, t, crowd) : null;
			if (from) {
				this.fold(from.host, lon, lat, crowd!.length, from.crowd);
				return;
			}
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
			const d = describe(a.place || near, g.after);
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
