/**
 * The planned events of the signed-in role (issue 13, item 5): read with planned_events() when a
 * role signs in and every 30 s after (the detector's status changes as it silences signals), and
 * registered or withdrawn by planners and commanders. Also the area being drawn on the map, vertex
 * by vertex. MapState holds one; the PlannedEvents panel and the `planned` layer read it.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Position } from '../areas/import';
import {
	fetchPlannedEvents,
	registerPlannedEvent,
	withdrawPlannedEvent,
	type NewPlan,
	type PlannedEventView
} from '../supabase/planned-events';
import type { Me } from '../supabase/topics';

/** Wall ms between reads of the plans while signed in. */
export const PLANS_POLL_MS = 30_000;

/** The roles that may register a plan (register_planned_event decides; this only shows the form). */
export function mayPlan(me: Pick<Me, 'role'> | null): boolean {
	return me?.role === 'planner' || me?.role === 'commander';
}

export class PlanBook {
	list: PlannedEventView[] = $state.raw([]);
	/** The area being drawn: vertices clicked on the map, in order. */
	draft: Position[] = $state.raw([]);
	drawing = $state(false);
	me: Me | null = $state.raw(null);
	error = $state('');
	private timer: ReturnType<typeof setInterval> | undefined;
	private generation = 0;

	constructor(
		private readonly client: SupabaseClient | null,
		private readonly changed: () => void
	) {}

	get canRegister(): boolean {
		return mayPlan(this.me);
	}

	/** A role signed in: read its plans now and every PLANS_POLL_MS. */
	start(me: Me): void {
		this.stop();
		this.me = me;
		if (!this.client) return;
		void this.refresh();
		this.timer = setInterval(() => void this.refresh(), PLANS_POLL_MS);
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
		this.generation++;
		this.me = null;
		this.list = [];
		this.stopDrawing();
		this.changed();
	}

	async refresh(): Promise<void> {
		if (!this.client) return;
		const gen = this.generation;
		try {
			const { plans } = await fetchPlannedEvents(this.client);
			if (gen !== this.generation) return;
			this.list = plans;
			this.error = '';
		} catch (e) {
			if (gen === this.generation) this.error = e instanceof Error ? e.message : String(e);
		}
		this.changed();
	}

	/** Registers a plan and reads the plans again; the database's error as an Error. */
	async register(p: NewPlan): Promise<string> {
		if (!this.client) throw new Error('not connected');
		const id = await registerPlannedEvent(this.client, p);
		this.stopDrawing();
		await this.refresh();
		return id;
	}

	async withdraw(id: string, reason: string): Promise<void> {
		if (!this.client) throw new Error('not connected');
		await withdrawPlannedEvent(this.client, id, reason);
		await this.refresh();
	}

	startDrawing(): void {
		this.drawing = true;
		this.draft = [];
		this.changed();
	}

	addVertex(lon: number, lat: number): void {
		if (!this.drawing || this.draft.length >= 200) return;
		this.draft = [...this.draft, [lon, lat]];
		this.changed();
	}

	undoVertex(): void {
		this.draft = this.draft.slice(0, -1);
		this.changed();
	}

	stopDrawing(): void {
		if (!this.drawing && !this.draft.length) return;
		this.drawing = false;
		this.draft = [];
		this.changed();
	}
}
