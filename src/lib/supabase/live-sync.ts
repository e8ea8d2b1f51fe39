/**
 * The live path's core: Realtime topics, backfill after every (re)subscribe, de-duplication and
 * the status the wall screen shows. Pure module: it talks to the database through the small
 * LiveBackend interface (supabase-js in live-feed.ts, a fake in the tests) and to the map
 * through LiveSink.
 *
 * Guarantees (docs/backend.md "Realtime"; Realtime drops messages while a socket is down, in a
 * hidden tab, after a missed heartbeat, and just after SUBSCRIBED):
 * - every post visible to the role with created_at in the window reaches the sink, and each
 *   (source, id) at most once while it is in the window;
 * - on every SUBSCRIBED (first, after a reconnect, after an error) `posts_since` is paged from
 *   the ingest cursor as it stood `suspectMs` before the channel was seen to go down, minus a
 *   safety margin for transactions that commit out of ingested_at order;
 * - the cursor only advances from Realtime rows and posts_since pages (never from history
 *   queries, whose ingested_at says nothing about what was missed);
 * - a quiet audit backfill every `auditMs` catches messages dropped without a status change;
 * - the status is 'live' only when every topic is subscribed and no backfill is owed.
 */
import type { FeedBatch, FeedProblem } from '../feed/feed';
import { postKey, type LocatedPost } from '../posts/post';
import { validateClientRows, validatePostsPayload, type ClientRow } from './rows';

export type ChannelStatus = 'SUBSCRIBED' | 'TIMED_OUT' | 'CLOSED' | 'CHANNEL_ERROR';
export type LiveState = 'live' | 'reconnecting' | 'stale';

export interface LiveStatus {
	state: LiveState;
	/** Wall-clock ms since when the state holds (went live, or lost completeness). */
	since: number;
	/** Whether the feed has been live at least once (before that the page says LOADING). */
	everLive: boolean;
	/** Last backfill or channel error, for a tooltip. */
	error: string;
}

export interface BBox {
	west: number;
	south: number;
	east: number;
	north: number;
}

export interface ChannelHandlers {
	status(status: ChannelStatus, err?: Error): void;
	message(payload: unknown): void;
}

/** What the core needs from the database. Raw responses: the core validates them. */
export interface LiveBackend {
	/** Join a private topic; returns a function that leaves it. */
	subscribe(topic: string, handlers: ChannelHandlers): () => void;
	/** rpc('posts_since', {since, min_created, lim}): rows with ingested_at > since. */
	postsSince(args: { since: string; minCreated: string; lim: number }): Promise<unknown>;
	/** rpc('posts_in_window', {t_from, t_to, min_lon.., lim}): rows in created_at order. */
	postsInWindow(
		args: { from: string; to: string; bbox: BBox | null; lim: number },
		signal?: AbortSignal
	): Promise<unknown>;
}

export type Via = 'realtime' | 'backfill' | 'history';

export interface LiveSink {
	posts(batch: LocatedPost[], via: Via): void;
	problems(problems: FeedProblem[]): void;
	error(err: unknown): void;
}

export interface LiveSyncOptions {
	/** Wall clock (ms), default Date.now. */
	now?: () => number;
	/** Timer, default setTimeout; returns a cancel function. */
	setTimer?: (fn: () => void, ms: number) => () => void;
	/** Subtracted from the ingest cursor before each backfill (out-of-order commits). */
	marginMs?: number;
	/** Disconnected (or owing a backfill) longer than this: 'stale'. */
	staleAfterMs?: number;
	/** How long before a drop was noticed messages may already have been lost (heartbeats). */
	suspectMs?: number;
	/**
	 * Rows per posts_since / posts_in_window page, at most `maxRows` (a page shorter than the
	 * rows asked for is the last one, so asking for more than the API answers lost rows).
	 */
	pageSize?: number;
	/**
	 * The most rows the API answers a signed-in user per call: PostgREST's db-max-rows on
	 * Supabase, and the read functions' own cap (migration 20261207000060); default 1,000.
	 */
	maxRows?: number;
	/** Quiet audit backfill interval; 0 switches it off. */
	auditMs?: number;
	/** First retry delay after a failed backfill (doubles up to 10 s). */
	retryMs?: number;
	/** A fresh start loads rows created this long before the live start by posts_since. */
	slackMs?: number;
}

interface Topic {
	subscribed: boolean;
	/** Wall time since when this topic is not subscribed. */
	downSince: number;
	leave: () => void;
}

interface Job {
	/** Ingest time (ms) after which to fetch; -Infinity for everything. */
	since: number;
	/** Created time (ms) lower bound. */
	minCreated: number;
	/** Also load what was created in the window within this area (a newly covered view). */
	area: BBox | null;
	/** An audit: does not make the status leave 'live'. */
	quiet: boolean;
}

export interface LiveCounters {
	/** Realtime messages received. */
	messages: number;
	/** Valid rows received (Realtime, backfill and history). */
	received: number;
	/** Posts handed to the sink. */
	delivered: number;
	/** Rows dropped because their (source, id) was already delivered. */
	duplicates: number;
	/** Invalid rows (reported as problems). */
	invalid: number;
	/** Rows created before the window start. */
	old: number;
	/** Backfills completed, and their rows. */
	backfills: number;
	backfillRows: number;
	/** Backfills that failed. */
	backfillFailures: number;
}

const EPOCH_ISO = '1970-01-01T00:00:00.000Z';
const FAR_FUTURE = Date.UTC(9999, 0, 1);

function iso(ms: number): string {
	return Number.isFinite(ms) ? new Date(ms).toISOString() : EPOCH_ISO;
}

function message(err: unknown): string {
	if (err instanceof Error) return err.message;
	if (typeof err === 'object' && err !== null && 'message' in err)
		return String((err as { message: unknown }).message);
	return String(err);
}

export class LiveSync {
	readonly counters: LiveCounters = {
		messages: 0,
		received: 0,
		delivered: 0,
		duplicates: 0,
		invalid: 0,
		old: 0,
		backfills: 0,
		backfillRows: 0,
		backfillFailures: 0
	};
	private readonly now: () => number;
	private readonly setTimer: (fn: () => void, ms: number) => () => void;
	private readonly marginMs: number;
	private readonly staleAfterMs: number;
	private readonly suspectMs: number;
	private readonly pageSize: number;
	private readonly auditMs: number;
	private readonly retryMs: number;
	private readonly slackMs: number;

	private topics = new Map<string, Topic>();
	/** (source, id) → created ms of every post delivered and still in the window. */
	private seen = new Map<string, number>();
	/** Those of `seen` delivered without a location: one placed by hand later comes again. */
	private unplaced = new Set<string>();
	private windowStart = -Infinity;
	private lastPrune = -Infinity;
	/** Created time from which new posts come by Realtime and posts_since, not history. */
	private liveFrom = Infinity;
	private started = false;
	private stopped = false;

	/** Highest ingested_at (ms) seen from Realtime or posts_since. */
	private cursor = -Infinity;
	/** (wall, cursor) when the cursor moved, oldest first; `baseline` is before the first. */
	private checkpoints: { wall: number; cursor: number }[] = [];
	private baseline = -Infinity;

	private pending: Job | null = null;
	private backfilling = false;
	private failure: { at: number; message: string } | null = null;
	private retries = 0;
	private cancelRetry: (() => void) | null = null;
	private cancelAudit: (() => void) | null = null;

	/** Wall time since when the view is not known to be complete; null while live. */
	private lostAt: number | null;
	private liveSince = 0;
	private everLive = false;
	/** Whether the role's topics were given: before that nothing is followed, so nothing is live. */
	private topicsGiven = false;
	private lastChannelError = '';

	constructor(
		private readonly backend: LiveBackend,
		private readonly sink: LiveSink,
		opts: LiveSyncOptions = {}
	) {
		this.now = opts.now ?? Date.now;
		this.setTimer =
			opts.setTimer ??
			((fn, ms) => {
				const id = setTimeout(fn, ms);
				return () => clearTimeout(id);
			});
		this.marginMs = opts.marginMs ?? 5_000;
		this.staleAfterMs = opts.staleAfterMs ?? 10_000;
		this.suspectMs = opts.suspectMs ?? 35_000;
		this.pageSize = Math.max(1, Math.min(opts.pageSize ?? 1000, opts.maxRows ?? 1000));
		this.auditMs = opts.auditMs ?? 30_000;
		this.retryMs = opts.retryMs ?? 1_000;
		this.slackMs = opts.slackMs ?? 60_000;
		this.lostAt = this.now();
		this.scheduleAudit();
	}

	// ---------------------------------------------------------------- topics and messages

	/**
	 * Follow exactly these topics. `area`: the view the topics cover, when they depend on it
	 * (national roles): what was created there in the window is loaded once the new topics are
	 * subscribed, since Realtime never sent it to this client.
	 */
	setTopics(topics: readonly string[], area: BBox | null = null): void {
		if (this.stopped) return;
		this.topicsGiven = true;
		const want = new Set(topics);
		for (const [name, topic] of this.topics) {
			if (!want.has(name)) {
				topic.leave();
				this.topics.delete(name);
			}
		}
		let added = false;
		for (const name of want) {
			if (this.topics.has(name)) continue;
			added = true;
			const topic: Topic = { subscribed: false, downSince: this.now(), leave: () => {} };
			this.topics.set(name, topic);
			topic.leave = this.backend.subscribe(name, {
				status: (s, err) => this.onStatus(name, s, err),
				message: (payload) => this.onMessage(name, payload)
			});
		}
		if (added) {
			this.lost();
			if (area && this.started)
				this.request({ since: Infinity, minCreated: this.windowStart, area, quiet: false });
		}
		this.settle();
	}

	get topicNames(): string[] {
		return [...this.topics.keys()];
	}

	private onStatus(name: string, status: ChannelStatus, err?: Error): void {
		const topic = this.topics.get(name);
		if (!topic || this.stopped) return;
		const now = this.now();
		if (status === 'SUBSCRIBED') {
			const downSince = topic.subscribed ? now : topic.downSince;
			topic.subscribed = true;
			if (this.started)
				this.request({
					since: this.cursorAsOf(downSince - this.suspectMs) - this.marginMs,
					minCreated: this.windowStart,
					area: null,
					quiet: false
				});
			void this.run();
		} else {
			if (err) this.lastChannelError = `${name}: ${status} ${err.message}`;
			else this.lastChannelError = `${name}: ${status}`;
			if (topic.subscribed) {
				topic.subscribed = false;
				topic.downSince = now;
			}
			this.lost();
		}
	}

	private onMessage(name: string, payload: unknown): void {
		if (this.stopped) return;
		this.counters.messages++;
		const batch = validatePostsPayload(payload, `realtime ${name}`);
		this.counters.invalid += batch.problems.length;
		this.report(batch.problems);
		this.accept(batch.rows, 'realtime', true);
	}

	private allSubscribed(): boolean {
		for (const t of this.topics.values()) if (!t.subscribed) return false;
		return true;
	}

	// ---------------------------------------------------------------- window and history

	/**
	 * The map was cleared and starts again at created time `liveStart` (the clock's now): the
	 * history before it comes from `history()` (posts_in_window), what is newer from Realtime and
	 * posts_since.
	 */
	restart(liveStart: number): void {
		if (this.stopped) return;
		this.seen.clear();
		this.unplaced.clear();
		this.started = true;
		this.liveFrom = liveStart;
		// If the topics are already subscribed, anything ingested from now on arrives by Realtime
		// and the history queries, which run after this, see everything ingested before: only
		// what was created around the start is owed. Otherwise the whole window is.
		const minCreated = this.allSubscribed()
			? Math.max(this.windowStart, liveStart - this.slackMs)
			: this.windowStart;
		this.request({ since: -Infinity, minCreated, area: null, quiet: false });
		void this.run();
	}

	/** The oldest created time the map holds; older rows are ignored, the dedupe set pruned. */
	setWindowStart(t: number): void {
		this.windowStart = t;
		if (t - this.lastPrune < 30_000) return;
		this.lastPrune = t;
		for (const [k, created] of this.seen)
			if (created < t) {
				this.seen.delete(k);
				this.unplaced.delete(k);
			}
	}

	/** Whether the first subscribe has happened (the history can start without a gap). */
	get everSubscribed(): boolean {
		for (const t of this.topics.values()) if (t.subscribed) return true;
		return this.everLive;
	}

	/**
	 * Posts created in [from, to) through posts_in_window, de-duplicated against what was
	 * delivered (for PostFeed.range). Slices from the live start on are covered by Realtime
	 * and posts_since: they answer at once, without a request.
	 */
	async history(from: number, to: number, signal?: AbortSignal): Promise<FeedBatch> {
		if (from >= this.liveFrom) return { posts: [], problems: [] };
		const posts: LocatedPost[] = [];
		const problems: FeedProblem[] = [];
		await this.pageWindow(from, to, null, signal, (rows, p) => {
			problems.push(...p);
			posts.push(...this.fresh(rows));
		});
		return { posts, problems };
	}

	private async pageWindow(
		from: number,
		to: number,
		bbox: BBox | null,
		signal: AbortSignal | undefined,
		take: (rows: ClientRow[], problems: FeedProblem[]) => void
	): Promise<void> {
		let t0 = from;
		for (let page = 0; ; page++) {
			const raw = await this.backend.postsInWindow(
				{ from: iso(t0), to: iso(to), bbox, lim: this.pageSize },
				signal
			);
			// Checked after the await: nothing is marked as delivered for a superseded request.
			if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
			if (!Array.isArray(raw)) throw new Error('posts_in_window: expected an array of rows');
			const batch = validateClientRows(raw, `posts_in_window page ${page}`);
			this.counters.invalid += batch.problems.length;
			take(batch.rows, batch.problems);
			if (raw.length < this.pageSize) return;
			// created_at order: continue from the last time (inclusive; repeats are dropped).
			let last = -Infinity;
			for (const r of batch.rows) if (r.post.t > last) last = r.post.t;
			t0 = last > t0 ? last : t0 + 1;
		}
	}

	// ---------------------------------------------------------------- backfill

	private request(job: Job): void {
		if (!job.quiet) this.lost();
		const p = this.pending;
		if (!p) this.pending = { ...job };
		else
			this.pending = {
				since: Math.min(p.since, job.since),
				minCreated: Math.min(p.minCreated, job.minCreated),
				area: p.area ?? job.area,
				quiet: p.quiet && job.quiet
			};
		if (job.area && p?.area && p.area !== job.area) {
			// Two views owed: load their union.
			this.pending.area = {
				west: Math.min(p.area.west, job.area.west),
				south: Math.min(p.area.south, job.area.south),
				east: Math.max(p.area.east, job.area.east),
				north: Math.max(p.area.north, job.area.north)
			};
		}
	}

	/** Run owed backfills one at a time, while every topic is subscribed. */
	private async run(): Promise<void> {
		if (this.backfilling || this.stopped) return;
		while (this.pending && this.allSubscribed() && !this.stopped) {
			const job = this.pending;
			this.pending = null;
			this.backfilling = true;
			try {
				await this.backfill(job);
				this.counters.backfills++;
				this.failure = null;
				this.retries = 0;
			} catch (err) {
				this.counters.backfillFailures++;
				this.failure = { at: this.failure?.at ?? this.now(), message: message(err) };
				this.request(job);
				this.sink.error(err);
				this.backfilling = false;
				this.scheduleRetry();
				return;
			} finally {
				this.backfilling = false;
			}
		}
		this.settle();
	}

	private async backfill(job: Job): Promise<void> {
		if (job.since !== Infinity) {
			let since = job.since;
			for (let page = 0; ; page++) {
				const raw = await this.backend.postsSince({
					since: iso(since),
					minCreated: iso(job.minCreated),
					lim: this.pageSize
				});
				if (this.stopped) return;
				if (!Array.isArray(raw)) throw new Error('posts_since: expected an array of rows');
				const batch = validateClientRows(raw, `posts_since page ${page}`);
				this.counters.invalid += batch.problems.length;
				this.report(batch.problems);
				this.counters.backfillRows += batch.rows.length;
				this.accept(batch.rows, 'backfill', true);
				if (raw.length < this.pageSize) break;
				// ingested_at order, `since` exclusive: step back 1 ms so that rows sharing the last
				// millisecond are not skipped (they come again and are dropped as repeats).
				let last = -Infinity;
				for (const r of batch.rows) if (r.ingestedAt > last) last = r.ingestedAt;
				since = last - 1 > since ? last - 1 : last > since ? last : since + 1;
			}
		}
		if (job.area) {
			await this.pageWindow(job.minCreated, FAR_FUTURE, job.area, undefined, (rows, problems) => {
				this.report(problems);
				this.accept(rows, 'backfill', false);
			});
		}
	}

	private scheduleRetry(): void {
		this.cancelRetry?.();
		const delay = Math.min(10_000, this.retryMs * 2 ** this.retries++);
		this.cancelRetry = this.setTimer(() => {
			this.cancelRetry = null;
			void this.run();
		}, delay);
	}

	private scheduleAudit(): void {
		if (!this.auditMs) return;
		this.cancelAudit = this.setTimer(() => {
			if (this.stopped) return;
			if (this.started && this.lostAt === null && !this.backfilling) {
				this.request({
					since: this.cursorAsOf(this.now() - this.auditMs - this.marginMs) - this.marginMs,
					minCreated: this.windowStart,
					area: null,
					quiet: true
				});
				void this.run();
			}
			this.scheduleAudit();
		}, this.auditMs);
	}

	// ---------------------------------------------------------------- delivery and cursor

	private report(problems: FeedProblem[]): void {
		if (problems.length === 0) return;
		this.sink.problems(problems);
	}

	/** The rows not delivered before, marked as delivered now. */
	private fresh(rows: ClientRow[]): LocatedPost[] {
		const out: LocatedPost[] = [];
		for (const { post } of rows) {
			this.counters.received++;
			if (post.t < this.windowStart) {
				this.counters.old++;
				continue;
			}
			const k = postKey(post);
			// A post seen without a location and now located (placed by hand) is new to the map.
			if (this.seen.has(k) && !(post.pos && this.unplaced.delete(k))) {
				this.counters.duplicates++;
				continue;
			}
			this.seen.set(k, post.t);
			if (!post.pos) this.unplaced.add(k);
			out.push(post);
		}
		this.counters.delivered += out.length;
		return out;
	}

	private accept(rows: ClientRow[], via: Via, moveCursor: boolean): void {
		if (this.stopped) return;
		if (moveCursor) {
			let max = this.cursor;
			for (const r of rows) if (r.ingestedAt > max) max = r.ingestedAt;
			if (max > this.cursor) this.advance(max);
		}
		const out = this.fresh(rows);
		if (out.length) this.sink.posts(out, via);
	}

	private advance(cursor: number): void {
		this.cursor = cursor;
		const wall = this.now();
		const last = this.checkpoints[this.checkpoints.length - 1];
		if (last && wall - last.wall < 1000) last.cursor = cursor;
		else this.checkpoints.push({ wall, cursor });
		const keep = wall - 2 * (this.suspectMs + this.auditMs + this.marginMs) - 60_000;
		while (this.checkpoints.length > 1 && this.checkpoints[0].wall < keep)
			this.baseline = this.checkpoints.shift()!.cursor;
	}

	/** The ingest cursor as it stood at wall time `wall`. */
	cursorAsOf(wall: number): number {
		let c = this.baseline;
		for (const cp of this.checkpoints) {
			if (cp.wall > wall) break;
			c = cp.cursor;
		}
		return c;
	}

	// ---------------------------------------------------------------- status

	private lost(): void {
		this.lostAt ??= this.now();
	}

	/** Live again when every topic is subscribed and nothing is owed. */
	private settle(): void {
		if (
			this.lostAt !== null &&
			this.started &&
			this.allSubscribed() &&
			!this.backfilling &&
			(this.pending === null || this.pending.quiet) &&
			this.failure === null
		) {
			this.lostAt = null;
			this.liveSince = this.now();
			this.everLive = true;
			this.lastChannelError = '';
		}
	}

	status(): LiveStatus {
		const error = this.failure?.message ?? this.lastChannelError;
		// A stopped feed, or one not yet told its topics, follows nothing: never live.
		if (!this.topicsGiven || this.stopped)
			return { state: 'reconnecting', since: this.now(), everLive: false, error };
		if (this.lostAt === null && this.failure === null)
			return { state: 'live', since: this.liveSince, everLive: this.everLive, error };
		const since = Math.min(this.lostAt ?? Infinity, this.failure?.at ?? Infinity);
		const stale = this.failure !== null || this.now() - since > this.staleAfterMs;
		return { state: stale ? 'stale' : 'reconnecting', since, everLive: this.everLive, error };
	}

	/** Keys ("source\0id") of the posts delivered and still in the window. */
	seenKeys(): string[] {
		return [...this.seen.keys()];
	}

	get seenCount(): number {
		return this.seen.size;
	}

	stop(): void {
		this.stopped = true;
		for (const t of this.topics.values()) t.leave();
		this.topics.clear();
		this.cancelRetry?.();
		this.cancelAudit?.();
	}
}
