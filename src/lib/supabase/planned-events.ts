/**
 * Planned events as the map sees them: the `planned_events()` answer validated (a plan with a
 * broken area is reported and left out), and registering and withdrawing one
 * (register_planned_event, withdraw_planned_event; docs/backend.md).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { MultiPolygon, Position } from '../areas/import';
import type { FeedProblem } from '../feed/feed';

/** What the detector says about a plan: the signals it silenced since when, the crowd it saw. */
export interface PlanStatusView {
	suppressed: number;
	since: number | null;
	last: number | null;
	observedCrowd: number;
	observedAuthors: number;
}

export interface PlannedEventView {
	id: string;
	name: string;
	unitId: string | null;
	/** Outer rings of its polygons, closed. */
	rings: Position[][];
	crowd: number;
	from: number;
	to: number;
	/** Registered by the signed-in user. */
	mine: boolean;
	status: PlanStatusView | null;
}

const time = (v: unknown): number | null => {
	const t = typeof v === 'string' ? Date.parse(v) : NaN;
	return Number.isFinite(t) ? t : null;
};

function rings(area: unknown): Position[][] | null {
	const a = area as { type?: unknown; coordinates?: unknown } | null;
	if (!a || a.type !== 'MultiPolygon' || !Array.isArray(a.coordinates)) return null;
	const out: Position[][] = [];
	for (const poly of a.coordinates as unknown[]) {
		const outer = Array.isArray(poly) ? (poly[0] as unknown) : null;
		if (!Array.isArray(outer) || outer.length < 4) return null;
		const r: Position[] = [];
		for (const p of outer) {
			if (!Array.isArray(p) || !(Math.abs(p[0]) <= 180) || !(Math.abs(p[1]) <= 90)) return null;
			r.push([p[0], p[1]]);
		}
		out.push(r);
	}
	return out.length ? out : null;
}

export function parsePlannedEvents(value: unknown): {
	plans: PlannedEventView[];
	problems: FeedProblem[];
} {
	if (!Array.isArray(value))
		return { plans: [], problems: [{ where: 'planned_events()', reason: 'expected an array' }] };
	const plans: PlannedEventView[] = [];
	const problems: FeedProblem[] = [];
	value.forEach((item, i) => {
		const where = `planned_events() item ${i}`;
		const v = (item ?? {}) as Record<string, unknown>;
		const r = rings(v.area);
		const from = time(v.planned_from);
		const to = time(v.planned_to);
		if (typeof v.id !== 'string' || typeof v.name !== 'string')
			return problems.push({ where, reason: 'id, name: expected strings' });
		if (!r) return problems.push({ where, reason: 'area: expected a MultiPolygon' });
		if (from === null || to === null || typeof v.planned_crowd !== 'number')
			return problems.push({ where, reason: 'window and crowd: expected times and a number' });
		const suppressed = typeof v.suppressed === 'number' ? v.suppressed : null;
		plans.push({
			id: v.id,
			name: v.name,
			unitId: typeof v.unit_id === 'string' ? v.unit_id : null,
			rings: r,
			crowd: v.planned_crowd,
			from,
			to,
			mine: v.mine === true,
			status:
				suppressed === null
					? null
					: {
							suppressed,
							since: time(v.suppressed_since),
							last: time(v.last_suppressed_at),
							observedCrowd: typeof v.observed_crowd === 'number' ? v.observed_crowd : 0,
							observedAuthors: typeof v.observed_authors === 'number' ? v.observed_authors : 0
						}
		});
	});
	return { plans, problems };
}

export async function fetchPlannedEvents(client: SupabaseClient) {
	const { data, error } = await client.rpc('planned_events');
	if (error) throw new Error(`planned_events(): ${error.message}`);
	return parsePlannedEvents(data);
}

export interface NewPlan {
	name: string;
	area: MultiPolygon;
	from: Date;
	to: Date;
	crowd: number;
}

/** Registers a plan: its id, or the database's error (what is wrong with it) as an Error. */
export async function registerPlannedEvent(client: SupabaseClient, p: NewPlan): Promise<string> {
	const { data, error } = await client.rpc('register_planned_event', {
		name: p.name,
		area: p.area,
		planned_from: p.from.toISOString(),
		planned_to: p.to.toISOString(),
		planned_crowd: p.crowd
	});
	if (error) throw new Error(error.message);
	return String(data);
}

export async function withdrawPlannedEvent(
	client: SupabaseClient,
	id: string,
	reason: string
): Promise<void> {
	const { error } = await client.rpc('withdraw_planned_event', { event_id: id, reason });
	if (error) throw new Error(error.message);
}
