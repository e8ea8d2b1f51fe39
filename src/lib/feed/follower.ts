/**
 * Follows a feed along a scenario clock: on each tick it asks the feed for the posts between the
 * last time it has and the clock, one request at a time, and hands them to a sink. A jump of the
 * clock (seek back, or far ahead) resets the sink and backfills the history the map shows, in
 * slices so that the first posts appear at once. Pure module.
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
		this.target = now;
		const jumped =
			Number.isNaN(this.cursor) || now < this.cursor - 1000 || now - this.cursor > this.historyMs;
		if (jumped) {
			this.inflight?.abort();
			this.inflight = null;
			this.sink.reset();
			this.cursor = now - this.historyMs;
		}
		if (!this.inflight && now > this.cursor) void this.pull();
	}

	stop(): void {
		this.inflight?.abort();
		this.inflight = null;
	}

	private async pull(): Promise<void> {
		const from = this.cursor;
		const to = Math.min(this.target, from + this.sliceMs);
		const ctl = new AbortController();
		this.inflight = ctl;
		try {
			const batch = await this.feed.range(from, to, ctl.signal);
			if (this.inflight !== ctl) return; // superseded by a jump
			this.cursor = to;
			if (batch.problems.length) this.sink.problems(batch.problems);
			this.sink.posts(batch.posts);
		} catch (err) {
			if (this.inflight !== ctl) return;
			this.sink.error(err);
			await new Promise((r) => setTimeout(r, 1000)); // back off, then retry from the same cursor
		} finally {
			if (this.inflight === ctl) this.inflight = null;
		}
		if (this.target > this.cursor && !this.inflight) void this.pull();
	}
}
