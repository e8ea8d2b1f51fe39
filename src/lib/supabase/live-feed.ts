/**
 * The live path on supabase-js: history through `posts_in_window` (PostFeed.range, so that the
 * FeedFollower loads the window as in the replay), new posts through private Realtime topics,
 * gaps closed by `posts_since` after every (re)subscribe (the logic is LiveSync's), and the map's
 * now from `stream_clock()`.
 *
 * A fresh embedded database is prefilled (issue 11): the clock says 'prefilling' (with its
 * progress) until the most recent hour is in, then plays while the older history goes in behind
 * it (`historyProgress`). While the clock is prefilling or the history loads, it is read every
 * `loadingClockEveryMs` (the map starts within a second of the data), and history requests
 * (`range`) wait until the clock no longer says 'prefilling', so that the map does not load an
 * empty window it would never ask for again.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { FeedBatch, PostFeed } from '../feed/feed';
import {
	LiveSync,
	type BBox,
	type ChannelHandlers,
	type LiveBackend,
	type LiveSink,
	type LiveSyncOptions
} from './live-sync';
import { parseStreamClock, StreamClock } from './stream-clock';
import { hubFor, type HubClient } from './topic-hub';
import { topicsFor, type Me } from './topics';

/** LiveBackend on a signed-in supabase-js client. */
export class SupabaseLiveBackend implements LiveBackend {
	constructor(private readonly client: SupabaseClient) {}

	subscribe(topic: string, handlers: ChannelHandlers): () => void {
		return hubFor(this.client as unknown as HubClient).listen(topic, {
			event: 'posts',
			message: (payload) => handlers.message(payload),
			status: (status, err) => handlers.status(status, err)
		});
	}

	async postsSince(args: { since: string; minCreated: string; lim: number }): Promise<unknown> {
		const { data, error } = await this.client.rpc('posts_since', {
			since: args.since,
			min_created: args.minCreated,
			lim: args.lim
		});
		if (error) throw new Error(`posts_since: ${error.message}`);
		return data;
	}

	async postsInWindow(
		args: { from: string; to: string; bbox: BBox | null; lim: number },
		signal?: AbortSignal
	): Promise<unknown> {
		const b = args.bbox;
		let query = this.client.rpc('posts_in_window', {
			t_from: args.from,
			t_to: args.to,
			...(b ? { min_lon: b.west, min_lat: b.south, max_lon: b.east, max_lat: b.north } : {}),
			lim: args.lim
		});
		if (signal) query = query.abortSignal(signal);
		const { data, error } = await query;
		if (error) throw new Error(`posts_in_window: ${error.message}`);
		return data;
	}
}

export interface LiveFeedOptions extends LiveSyncOptions {
	/** Replaces the supabase-js backend (tests). */
	backend?: LiveBackend;
	/** How often the stream clock is read again, default 10 s. */
	clockEveryMs?: number;
	/** How often while the database is prefilled or its history loads, default 1 s. */
	loadingClockEveryMs?: number;
}

export class LiveFeed implements PostFeed {
	readonly label = 'live';
	readonly sync: LiveSync;
	readonly clock = new StreamClock();
	/** Last error reading the stream clock ('' when fine). */
	clockError = '';
	private clockTimer: ReturnType<typeof setTimeout> | null = null;
	private readonly clockEveryMs: number;
	private readonly loadingClockEveryMs: number;
	private stopped = false;
	/** Waiting for the clock to leave 'prefilling' (range requests made meanwhile). */
	private prefilled: { promise: Promise<void>; resolve: () => void } | null = null;

	constructor(
		private readonly client: SupabaseClient,
		readonly me: Me,
		sink: LiveSink,
		opts: LiveFeedOptions = {}
	) {
		this.sync = new LiveSync(opts.backend ?? new SupabaseLiveBackend(client), sink, opts);
		this.clockEveryMs = opts.clockEveryMs ?? 10_000;
		this.loadingClockEveryMs = opts.loadingClockEveryMs ?? 1000;
	}

	/** Whether the feed is still loading: prefilling, or its older history still coming. */
	get loading(): boolean {
		return this.clock.state === 'prefilling' || this.clock.historyProgress !== null;
	}

	async range(from: number, to: number, signal?: AbortSignal): Promise<FeedBatch> {
		// While prefilling the database holds (part of) nothing the map would show: wait.
		while (this.clock.state === 'prefilling' && !this.stopped) {
			this.prefilled ??= (() => {
				let resolve = () => {};
				const promise = new Promise<void>((r) => (resolve = r));
				return { promise, resolve };
			})();
			await abortable(this.prefilled.promise, signal);
		}
		return this.sync.history(from, to, signal);
	}

	/** Read the stream clock once, then subscribe to the role's topics for this view. */
	async start(view: BBox | null): Promise<void> {
		this.stopped = false;
		await this.refreshClock();
		this.scheduleClock();
		this.setView(view);
	}

	private scheduleClock(): void {
		if (this.stopped) return;
		this.clockTimer = setTimeout(
			() => {
				this.clockTimer = null;
				void this.refreshClock().then(() => this.scheduleClock());
			},
			this.loading ? this.loadingClockEveryMs : this.clockEveryMs
		);
	}

	/** The view moved: national roles follow the cells in view. */
	setView(view: BBox | null): void {
		const plan = topicsFor(this.me, view);
		this.sync.setTopics(plan.topics, plan.area);
	}

	async refreshClock(): Promise<void> {
		try {
			const { data, error } = await this.client.rpc('stream_clock');
			if (error) throw new Error(error.message);
			this.clock.update(parseStreamClock(data));
			this.clockError = '';
			if (this.clock.state !== 'prefilling') this.wake();
		} catch (err) {
			// Keep the last clock (or wall time); say so in the status tooltip.
			this.clockError = `stream_clock: ${err instanceof Error ? err.message : String(err)}`;
		}
	}

	private wake(): void {
		const p = this.prefilled;
		this.prefilled = null;
		p?.resolve();
	}

	stop(): void {
		this.stopped = true;
		if (this.clockTimer) clearTimeout(this.clockTimer);
		this.clockTimer = null;
		this.wake();
		this.sync.stop();
	}
}

/** `p`, or an AbortError as soon as `signal` aborts. */
function abortable(p: Promise<void>, signal?: AbortSignal): Promise<void> {
	if (!signal) return p;
	if (signal.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
	return new Promise((resolve, reject) => {
		const onAbort = () => reject(new DOMException('aborted', 'AbortError'));
		signal.addEventListener('abort', onAbort, { once: true });
		p.then(
			() => {
				signal.removeEventListener('abort', onAbort);
				resolve();
			},
			(e: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(e instanceof Error ? e : new Error(String(e)));
			}
		);
	});
}
