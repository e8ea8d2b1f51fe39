/**
 * The one interface through which the map reads posts. The embedded scenario and, later, the
 * Supabase backend implement it; the layers never know which one is behind it.
 * Pure module.
 */
import type { LocatedPost } from '../posts/post';

export interface FeedProblem {
	/** Where: a line number, an index in a response, or a message id. */
	where: string;
	reason: string;
}

export interface FeedBatch {
	posts: LocatedPost[];
	/** Items of the response that failed validation; the valid ones are in `posts`. */
	problems: FeedProblem[];
}

export interface PostFeed {
	/** Human-readable name of the source, for the status line. */
	readonly label: string;
	/** Posts with from <= created_at < to, in time order. */
	range(from: number, to: number, signal?: AbortSignal): Promise<FeedBatch>;
}
