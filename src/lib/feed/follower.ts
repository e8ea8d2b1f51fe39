/**
 * Follows a feed along a scenario clock: on each tick it asks the feed for the posts between the
 * last time it has and the clock, one request at a time, and hands them to a sink. A jump of the
 * clock (seek back, or far ahead) resets the sink and backfills the history the map shows,
 * newest slice first, so that the current window appears at once and older history follows;
 * keeping up with the clock goes before older history. Pure module.
 */
import type { FeedProblem, PostFeed } from './feed';
import type { LocatedPost } from '../posts/post';

export interface FeedSink {
	reset(): void;
	posts(batch: LocatedPost[]): void;
	problems(problems: FeedProblem[]): void;
	error(err: unknown): void;
}

export class FeedFollower {
	/** Posts up to (not including) this time have been requested and delivered. */
	cursor = Number.NaN;
	/** Older history still to load: [backTo, backFrom), fetched from backFrom down. */
	private backFrom = 0;
	private backTo = 0;
	/** While backfilling: whether the next request keeps up with the clock. */
	private liveTurn = false;
	private stopped = false;
	private inflight: AbortController | null = null;
	private target = Number.NaN;

	constructor(
		private readonly feed: PostFeed,
		private readonly sink: FeedSink,
		/** How much history to load after a jump (the longest time window). */
		private readonly historyMs: number,
		/** Largest slice requested at once. */
		private readonly sliceMs = 3_600_000
	) {}

	/** Bring the sink up to scenario time `now`. Cheap to call every frame. */
	tick(now: number): void {
		this.stopped = false;
		this.target = now;
		const jumped =
			Number.isNaN(this.cursor) || now < this.cursor - 1000 || now - this.cursor > this.historyMs;
		if (jumped) {
			this.inflight?.abort();
			this.inflight = null;
			this.sink.reset();
			this.cursor = now;
			this.backFrom = now;
			this.backTo = now - this.historyMs;
		}
		if (!this.inflight && (now > this.cursor || this.backFrom > this.backTo)) void this.pull();
	}

	/** Stop fetching (also a retry waiting out its back-off); the next tick starts again. */
	stop(): void {
		this.stopped = true;
		this.inflight?.abort();
		this.inflight = null;
	}

	/** True while older history is still being loaded after a jump. */
	get backfilling(): boolean {
		return this.backFrom > this.backTo;
	}

	/** Share of the history loaded since the last jump, 0..1 (0 before the first tick). */
	get loaded(): number {
		if (Number.isNaN(this.cursor)) return 0;
		return this.backfilling ? 1 - (this.backFrom - this.backTo) / this.historyMs : 1;
	}

	/** Whether the newest slice of the history (the recent hour the map shows first) is in. */
	get recentLoaded(): boolean {
		return this.loaded >= Math.min(1, this.sliceMs / this.historyMs) - 1e-9;
	}

	/**
	 * The next slice to ask for. While older history loads, requests alternate between keeping
	 * up with the clock and history, so that neither the present nor the past starves.
	 */
	private next(): { from: number; to: number; back: boolean } | null {
		const behind = this.target - this.cursor;
		const live = () => ({
			from: this.cursor,
			to: Math.min(this.target, this.cursor + this.sliceMs),
			back: false
		});
		if (!this.backfilling) return behind > 0 ? live() : null;
		if (behind > 0 && this.liveTurn) return live();
		return {
			from: Math.max(this.backTo, this.backFrom - this.sliceMs),
			to: this.backFrom,
			back: true
		};
	}

	private async pull(): Promise<void> {
		const range = this.next();
		if (!range) return;
		const { from, to, back } = range;
		const ctl = new AbortController();
		this.inflight = ctl;
		try {
			const batch = await this.feed.range(from, to, ctl.signal);
			if (this.inflight !== ctl) return; // superseded by a jump
			if (back) this.backFrom = from;
			else this.cursor = to;
			this.liveTurn = back;
			if (batch.problems.length) this.sink.problems(batch.problems);
			this.sink.posts(batch.posts);
		} catch (err) {
			if (this.inflight !== ctl) return;
			this.sink.error(err);
			await new Promise((r) => setTimeout(r, 1000)); // back off, then retry from the same cursor
		} finally {
			if (this.inflight === ctl) this.inflight = null;
		}
		if (!this.stopped && !this.inflight && this.next()) void this.pull();
	}
}
