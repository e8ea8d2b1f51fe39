/**
 * The triage list of the signed-in role (issue 13, item 4): the posts without a location in the
 * time window, read with unplaced_posts() when asked and every TRIAGE_POLL_MS while open; one post
 * at a time is being placed (a click on the map sets the position), and place_post() stores it.
 * The placed post then comes back through the posts feed as a located post (method manual).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Me } from '../supabase/topics';
import { isoWindow, parseUnplaced, placeArgs, type Placement, type UnplacedPost } from './triage';

export const TRIAGE_POLL_MS = 10_000;

export class TriageBook {
	list: UnplacedPost[] = $state.raw([]);
	open = $state(false);
	/** The post being placed, and where (a click on the map). */
	placing: UnplacedPost | null = $state.raw(null);
	target: Placement | null = $state.raw(null);
	error = $state('');
	me: Me | null = $state.raw(null);
	private timer: ReturnType<typeof setInterval> | undefined;
	private generation = 0;

	constructor(
		private readonly client: SupabaseClient | null,
		private readonly window: () => [number, number]
	) {}

	get canPlace(): boolean {
		return (this.me?.role === 'analyst' || this.me?.role === 'commander') && !!this.me.unit_id;
	}

	start(me: Me): void {
		this.stop();
		this.me = me;
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
		this.generation++;
		this.me = null;
		this.list = [];
		this.open = false;
		this.placing = null;
		this.target = null;
		this.error = '';
	}

	toggle(): void {
		this.open = !this.open;
		clearInterval(this.timer);
		this.timer = undefined;
		if (this.open) {
			void this.refresh();
			this.timer = setInterval(() => void this.refresh(), TRIAGE_POLL_MS);
		} else this.cancel();
	}

	async refresh(): Promise<void> {
		if (!this.client || !this.me) return;
		const gen = this.generation;
		const [from, to] = this.window();
		const { data, error } = await this.client.rpc('unplaced_posts', isoWindow(from, to));
		if (gen !== this.generation) return;
		if (error) this.error = error.message;
		else this.list = parseUnplaced(data);
	}

	start_placing(p: UnplacedPost): void {
		this.placing = p;
		this.target = null;
		this.error = '';
	}

	/** A click on the map while placing. */
	pick(at: Placement): void {
		if (this.placing) this.target = at;
	}

	cancel(): void {
		this.placing = null;
		this.target = null;
	}

	async place(reason: string): Promise<boolean> {
		if (!this.client || !this.placing || !this.target) return false;
		const a = placeArgs(this.placing, this.target, reason);
		if (!a.ok) {
			this.error = a.error;
			return false;
		}
		const gen = this.generation;
		const { error } = await this.client.rpc('place_post', a.args);
		if (gen !== this.generation) return false;
		if (error) {
			this.error = error.message;
			return false;
		}
		const key = this.placing.key;
		this.list = this.list.filter((p) => p.key !== key);
		this.cancel();
		return true;
	}
}
