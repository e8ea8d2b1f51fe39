/**
 * The live path on supabase-js: history through `posts_in_window` (PostFeed.range, so that the
 * FeedFollower loads the window as in the replay), new posts through private Realtime topics,
 * gaps closed by `posts_since` after every (re)subscribe (the logic is LiveSync's), and the map's
 * now from `stream_clock()`.
 */
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import type { FeedBatch, PostFeed } from '../feed/feed';
import {
	LiveSync,
	type BBox,
	type ChannelHandlers,
	type ChannelStatus,
	type LiveBackend,
	type LiveSink,
	type LiveSyncOptions
} from './live-sync';
import { parseStreamClock, StreamClock } from './stream-clock';
import { topicsFor, type Me } from './topics';

/** LiveBackend on a signed-in supabase-js client. */
export class SupabaseLiveBackend implements LiveBackend {
	constructor(private readonly client: SupabaseClient) {}

	subscribe(topic: string, handlers: ChannelHandlers): () => void {
		const channel: RealtimeChannel = this.client.channel(topic, { config: { private: true } });
		channel.on('broadcast', { event: 'posts' }, (msg) => handlers.message(msg.payload));
		channel.subscribe((status, err) => handlers.status(status as ChannelStatus, err));
		return () => {
			void this.client.removeChannel(channel);
		};
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
}

export class LiveFeed implements PostFeed {
	readonly label = 'live';
	readonly sync: LiveSync;
	readonly clock = new StreamClock();
	/** Last error reading the stream clock ('' when fine). */
	clockError = '';
	private clockTimer: ReturnType<typeof setInterval> | null = null;
	private readonly clockEveryMs: number;

	constructor(
		private readonly client: SupabaseClient,
		readonly me: Me,
		sink: LiveSink,
		opts: LiveFeedOptions = {}
	) {
		this.sync = new LiveSync(opts.backend ?? new SupabaseLiveBackend(client), sink, opts);
		this.clockEveryMs = opts.clockEveryMs ?? 10_000;
	}

	range(from: number, to: number, signal?: AbortSignal): Promise<FeedBatch> {
		return this.sync.history(from, to, signal);
	}

	/** Read the stream clock once, then subscribe to the role's topics for this view. */
	async start(view: BBox | null): Promise<void> {
		await this.refreshClock();
		this.clockTimer = setInterval(() => void this.refreshClock(), this.clockEveryMs);
		this.setView(view);
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
		} catch (err) {
			// Keep the last clock (or wall time); say so in the status tooltip.
			this.clockError = `stream_clock: ${err instanceof Error ? err.message : String(err)}`;
		}
	}

	stop(): void {
		if (this.clockTimer) clearInterval(this.clockTimer);
		this.clockTimer = null;
		this.sync.stop();
	}
}
