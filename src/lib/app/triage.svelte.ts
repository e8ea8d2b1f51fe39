/**
 * The triage list of the signed-in role (issue 13, item 4): the posts without a location in the
 * time window, read with unplaced_posts() when asked and every TRIAGE_POLL_MS while open; one post
 * at a time is being placed (a click on the map sets the position), and place_post() stores it.
 * The placed post then comes back through the posts feed as a located post (method manual).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Me } from '../supabase/topics';
import type { PlaceHit } from '../geo/place-search';
import { isoWindow, parseUnplaced, placeArgs, type Placement, type UnplacedPost } from './triage';

export const TRIAGE_POLL_MS = 10_000;

export class TriageBook {
	list: UnplacedPost[] = $state.raw([]);
	open = $state(false);
	/** The post being placed, and where (a click on the map). */
	placing: UnplacedPost | null = $state.raw(null);
	target: Placement | null = $state.raw(null);
	error = $state('');
	/** Gazetteer places matching the search (GET /api/places). */
	hits: PlaceHit[] = $state.raw([]);
	private searchSeq = 0;
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
		this.hits = [];
	}

	/** Search the gazetteer (the latest search wins). */
	async search(q: string): Promise<void> {
		const seq = ++this.searchSeq;
		if (!this.client || q.trim().length < 2) {
			this.hits = [];
			return;
		}
		const token = (await this.client.auth.getSession()).data.session?.access_token;
		if (!token) return;
		try {
			const res = await fetch(`/api/places?q=${encodeURIComponent(q.slice(0, 100))}`, {
				headers: { authorization: `Bearer ${token}` }
			});
			const body = (await res.json()) as { places?: PlaceHit[]; error?: string };
			if (seq !== this.searchSeq) return;
			if (!res.ok) this.error = body.error ?? String(res.status);
			else this.hits = Array.isArray(body.places) ? body.places.slice(0, 8) : [];
		} catch (e) {
			if (seq === this.searchSeq) this.error = e instanceof Error ? e.message : String(e);
		}
	}

	/** A place chosen from the search. */
	choose(h: PlaceHit): void {
		if (!this.placing || !Number.isFinite(h.lon) || !Number.isFinite(h.lat)) return;
		this.target = { lon: h.lon, lat: h.lat, place: h.name, precision_m: h.precision_m };
		this.hits = [];
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
