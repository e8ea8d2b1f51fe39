/**
 * Incidents (issue 13): the alerts that concern one gathering, grouped under one stable id, so
 * that the map draws one ring and the list one line per gathering instead of one card per alert.
 * Pure module: no UI, map or database imports.
 *
 * An alert is assigned once, when its id is first seen; later versions of it (same id) update
 * the incident's extent and times but never move it. A new alert joins an incident that is not
 * closed when, in this order:
 *  1. the detector's own evidence links them: a surge or convergence whose facts name the
 *     mobilisation that called people there (`facts.linked.place`) joins the incident holding
 *     that mobilisation (its place, within LINK_MAX_M), while the call is live (updated within
 *     LINK_GAP_MS, or its announced time within LINK_GAP_MS); and a mobilisation joins the
 *     incident of a crowd linked to its place;
 *  2. its area overlaps the area of one of the incident's alerts (distance between the centres
 *     at most the sum of the radii) and that alert was updated at most GAP_MS before (a
 *     mobilisation stays live until GAP_MS after its announced time as well).
 * Among several candidates, linked beats overlapping, then the nearest, then the oldest. An
 * alert that joins none starts an incident with id `inc-<alert id>`.
 *
 * Stable across restarts: `restore` takes the stored alerts with the incident each was stored
 * under (the detector worker reads them from the database), so an alert raised again keeps its
 * incident and a new alert joins the stored incidents by the same rules. Closed incidents
 * (resolved or marked false) take no new alerts: a gathering that flares up again after that is a
 * new incident. Memory is bounded: incidents quiet for PRUNE_MS are forgotten.
 */
import { distanceM } from '../geo/measure';
import type { Alert, StoredAlert } from './api';

/** Overlapping areas join when the other alert was updated at most this long before. */
export const GAP_MS = 3 * 3_600_000;
/** A mobilisation links the crowd at its place while it was updated (or announced a time)
 * at most this long before: calls are merged up to 3 days apart. */
export const LINK_GAP_MS = 3 * 24 * 3_600_000;
/** A linked crowd lies at most this far from the mobilisation's point. */
export const LINK_MAX_M = 15_000;
/** Incidents without an update for this long are forgotten. */
export const PRUNE_MS = 4 * 24 * 3_600_000;

export const incidentIdOf = (firstAlertId: string): string => `inc-${firstAlertId}`;

/** A stored alert as a restarted worker reads it (`detector_alerts`), with its incident. */
export interface StoredIncidentAlert extends StoredAlert {
	incident_id?: string;
	/** Resolved or marked false: it takes no new alerts. */
	incident_closed?: boolean;
	radius_m?: number;
	expected_at?: string;
	/** facts.linked.place: the mobilisation that called people to this crowd. */
	linked_place?: string;
}

interface Member {
	id: string;
	kind: string;
	lon: number;
	lat: number;
	radius: number;
	/** The called place (mobilisation) or the place the crowd was linked to (others). */
	place?: string;
	linkedPlace?: string;
	firstT: number;
	lastT: number;
	expectedT?: number;
}

/** One incident as the grouper holds it. */
export interface IncidentState {
	id: string;
	/** Its alerts' ids in the order they joined. */
	alertIds: string[];
	/** Its alerts' kinds in the same order. */
	kinds: string[];
	firstT: number;
	lastT: number;
	closed: boolean;
}

interface Incident extends IncidentState {
	members: Member[];
}

const norm = (s: string | undefined): string | undefined =>
	s ? s.trim().toLocaleLowerCase('nl') : undefined;

function memberOf(a: Alert | StoredIncidentAlert, t: number): Member {
	const radius = typeof a.radius_m === 'number' && a.radius_m >= 0 ? a.radius_m : 0;
	const facts = 'facts' in a ? a.facts : undefined;
	const linked =
		'linked_place' in a
			? a.linked_place
			: facts && 'linked' in facts
				? facts.linked?.place
				: undefined;
	const called = facts?.what === 'mobilisation' ? facts.place : undefined;
	const expectedT = a.expected_at ? Date.parse(a.expected_at) : NaN;
	return {
		id: a.id,
		kind: a.kind,
		lon: a.lon,
		lat: a.lat,
		radius,
		place: norm(called ?? a.place),
		linkedPlace: norm(linked),
		firstT: t,
		lastT: t,
		...(Number.isFinite(expectedT) ? { expectedT } : {})
	};
}

export class IncidentGrouper {
	private readonly byAlert = new Map<string, Incident>();
	private readonly incidents = new Map<string, Incident>();
	private latest = -Infinity;

	/** Stored alerts (with their incident ids) of an earlier run, before the first assign. */
	restore(alerts: StoredIncidentAlert[]): void {
		const sorted = alerts
			.map((a) => ({ a, t: Date.parse(a.detected_at) }))
			.filter(
				({ a, t }) => a.id && Number.isFinite(t) && Number.isFinite(a.lon) && Number.isFinite(a.lat)
			)
			.sort((x, y) => x.t - y.t || (x.a.id < y.a.id ? -1 : 1));
		for (const { a, t } of sorted) {
			const last = Date.parse(a.last_detected_at ?? a.detected_at);
			const m = memberOf(a, t);
			m.lastT = Number.isFinite(last) ? Math.max(last, t) : t;
			const inc = a.incident_id ? this.incidents.get(a.incident_id) : this.candidate(m);
			if (inc) this.join(inc, m);
			else this.open(a.incident_id || incidentIdOf(a.id), m);
			const joined = this.byAlert.get(a.id)!;
			if (a.incident_closed) joined.closed = true;
			this.latest = Math.max(this.latest, m.lastT);
		}
	}

	/**
	 * The incident of an alert as the detector raises or updates it (its detected_at is the
	 * stream time of this version).
	 */
	assign(alert: Alert): string {
		const t = Date.parse(alert.detected_at);
		const now = Number.isFinite(t) ? t : this.latest;
		this.latest = Math.max(this.latest, now);
		const known = this.byAlert.get(alert.id);
		if (known) {
			const m = known.members.find((x) => x.id === alert.id)!;
			m.lon = alert.lon;
			m.lat = alert.lat;
			m.radius = alert.radius_m;
			m.lastT = Math.max(m.lastT, now);
			const fresh = memberOf(alert, now);
			m.linkedPlace ??= fresh.linkedPlace;
			m.place ??= fresh.place;
			if (fresh.expectedT !== undefined) m.expectedT = fresh.expectedT;
			known.lastT = Math.max(known.lastT, now);
			return known.id;
		}
		this.prune(now);
		const m = memberOf(alert, now);
		const inc = this.candidate(m);
		if (inc) {
			this.join(inc, m);
			return inc.id;
		}
		return this.open(incidentIdOf(alert.id), m).id;
	}

	/** The incident an alert was assigned to. */
	incidentOf(alertId: string): string | undefined {
		return this.byAlert.get(alertId)?.id;
	}

	/** The incident is resolved or marked false: it takes no new alerts. */
	close(incidentId: string): void {
		const inc = this.incidents.get(incidentId);
		if (inc) inc.closed = true;
	}

	/** The incidents held, oldest first. */
	list(): IncidentState[] {
		return [...this.incidents.values()]
			.sort((a, b) => a.firstT - b.firstT || (a.id < b.id ? -1 : 1))
			.map(({ id, alertIds, kinds, firstT, lastT, closed }) => ({
				id,
				alertIds: alertIds.slice(),
				kinds: kinds.slice(),
				firstT,
				lastT,
				closed
			}));
	}

	private open(id: string, m: Member): Incident {
		// An id taken by another incident (a stored one): keep both apart.
		let key = id;
		for (let i = 2; this.incidents.has(key); i++) key = `${id}~${i}`;
		const inc: Incident = {
			id: key,
			alertIds: [],
			kinds: [],
			members: [],
			firstT: m.firstT,
			lastT: m.lastT,
			closed: false
		};
		this.incidents.set(key, inc);
		this.join(inc, m);
		return inc;
	}

	private join(inc: Incident, m: Member): void {
		inc.members.push(m);
		inc.alertIds.push(m.id);
		inc.kinds.push(m.kind);
		inc.firstT = Math.min(inc.firstT, m.firstT);
		inc.lastT = Math.max(inc.lastT, m.lastT);
		this.byAlert.set(m.id, inc);
	}

	/** The open incident a new alert joins (rules in the module comment), or null. */
	private candidate(m: Member): Incident | null {
		let best: Incident | null = null;
		let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
		for (const inc of this.incidents.values()) {
			if (inc.closed) continue;
			for (const o of inc.members) {
				const d = distanceM(m.lon, m.lat, o.lon, o.lat);
				let rank = Infinity;
				if (this.linked(m, o, d)) rank = 0;
				else if (d <= m.radius + o.radius && this.live(o, m.firstT, GAP_MS)) rank = 1;
				if (rank === Infinity) continue;
				const key: [number, number, number] = [rank, d, inc.firstT];
				if (
					key[0] < bestKey[0] ||
					(key[0] === bestKey[0] &&
						(key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))
				) {
					best = inc;
					bestKey = key;
				}
			}
		}
		return best;
	}

	/** The detector's evidence links a new alert and a member: the call and the crowd it called. */
	private linked(m: Member, o: Member, d: number): boolean {
		if (d > LINK_MAX_M) return false;
		const [call, crowd] =
			o.kind === 'mobilisation' ? [o, m] : m.kind === 'mobilisation' ? [m, o] : [null, null];
		if (!call || !crowd || crowd.kind === 'mobilisation') return false;
		if (!call.place || call.place !== crowd.linkedPlace) return false;
		// The older of the two must still be live when the newer appears.
		return this.live(o, m.firstT, LINK_GAP_MS);
	}

	/** Whether member o was live at t: updated (or, a call, announced) at most gap before. */
	private live(o: Member, t: number, gap: number): boolean {
		const last = Math.max(o.lastT, o.expectedT ?? -Infinity);
		return t - last <= gap && o.firstT - t <= gap;
	}

	private prune(now: number): void {
		for (const [id, inc] of this.incidents) {
			if (now - inc.lastT <= PRUNE_MS) continue;
			this.incidents.delete(id);
			for (const a of inc.alertIds) if (this.byAlert.get(a) === inc) this.byAlert.delete(a);
		}
	}
}

/** Group a sequence of alert versions (in the order raised): alert id → incident id. */
export function groupAlerts(
	versions: Iterable<Alert>,
	restored: StoredIncidentAlert[] = []
): Map<string, string> {
	const g = new IncidentGrouper();
	g.restore(restored);
	const out = new Map<string, string>();
	for (const a of versions) out.set(a.id, g.assign(a));
	return out;
}
