/**
 * What a wall screen frames, with no one at it (issue 13, the wall-screen mode): the active
 * incidents of the role in turn, each for `cycleMs`; a critical incident nobody has acknowledged
 * holds the screen until someone acknowledges it somewhere; and the whole area when nothing is
 * active. Pure module: the page feeds it the incident list and the wall-clock time of each frame
 * and moves the map when the target changes.
 */

export interface WallItem {
	id: string;
	severity: 'info' | 'warning' | 'critical';
	/** 'open' | 'acknowledged' are active; anything else (resolved, false alarm) is not. */
	status: string;
	lon: number;
	lat: number;
	radius_m: number | null;
	/** Last change (epoch ms), for the order among equals. */
	last_update: number;
}

export type Bounds = [[number, number], [number, number]];

export type WallTarget =
	| { kind: 'home' }
	| {
			kind: 'incident';
			id: string;
			bounds: Bounds;
			/** Held because it is critical and unacknowledged (no cycling while it is). */
			takeover: boolean;
			/** 1-based place in the cycle and its length, for "2 / 3" on the screen. */
			index: number;
			of: number;
	  };

/** Default time per incident when several are active. */
export const WALL_CYCLE_MS = 20_000;
/** An incident is framed with at least this much around its centre. */
export const WALL_MIN_HALF_M = 800;

const SEVERITY = { critical: 0, warning: 1, info: 2 } as const;

/** A box around an incident's ring with a margin: 1.3 radii, at least WALL_MIN_HALF_M each way. */
export function incidentBounds(i: Pick<WallItem, 'lon' | 'lat' | 'radius_m'>): Bounds {
	const half = Math.max(WALL_MIN_HALF_M, 1.3 * (i.radius_m ?? 0));
	const dLat = half / 111_320;
	const dLon = half / (111_320 * Math.cos((i.lat * Math.PI) / 180));
	return [
		[i.lon - dLon, i.lat - dLat],
		[i.lon + dLon, i.lat + dLat]
	];
}

const active = (i: WallItem) =>
	(i.status === 'open' || i.status === 'acknowledged') &&
	Number.isFinite(i.lon) &&
	Number.isFinite(i.lat);

/** Most severe first, then the most recently changed; ties by id so the order is stable. */
function order(a: WallItem, b: WallItem): number {
	return (
		SEVERITY[a.severity] - SEVERITY[b.severity] ||
		b.last_update - a.last_update ||
		a.id.localeCompare(b.id)
	);
}

export class WallDirector {
	private currentId: string | null = null;
	private since = 0;
	/** Whether the current incident was held (a takeover): its turn starts when that ends. */
	private held = false;

	constructor(private readonly cycleMs = WALL_CYCLE_MS) {}

	/** The target for the incident list as it is at wall-clock time `now` (ms). */
	target(items: readonly WallItem[], now: number): WallTarget {
		const list = items.filter(active).sort(order);
		if (list.length === 0) {
			this.currentId = null;
			return { kind: 'home' };
		}
		const takeover = list.find((i) => i.severity === 'critical' && i.status === 'open');
		let pick: WallItem;
		if (takeover) pick = takeover;
		else {
			if (this.held) this.since = now;
			const k = list.findIndex((i) => i.id === this.currentId);
			if (k < 0) pick = list[0];
			else if (now - this.since >= this.cycleMs) pick = list[(k + 1) % list.length];
			else pick = list[k];
		}
		if (pick.id !== this.currentId) {
			this.currentId = pick.id;
			this.since = now;
		}
		this.held = pick === takeover;
		return {
			kind: 'incident',
			id: pick.id,
			bounds: incidentBounds(pick),
			takeover: pick === takeover,
			index: list.indexOf(pick) + 1,
			of: list.length
		};
	}
}
