/**
 * The live connection of one map: signing in (a demo role or a real user), the role's areas,
 * its post feed (history, Realtime, backfills: LiveFeed), its alert feed and its incident feed. A role switch starts
 * a new generation: every answer that arrives for an earlier one (a slow sign-in, a late batch of
 * posts, an old alert list) is dropped, so the map never mixes two roles' data.
 * Plain TypeScript with the database behind an injected port (tests/unit/app-live-connection.test.ts
 * drives it with fakes); src/lib/app/supabase-port.ts is the real one.
 */
import type { AreaDef } from '../areas/areas';
import type { FeedBatch, FeedProblem } from '../feed/feed';
import type { LocatedPost } from '../posts/post';
import type { AlertChange, MapAlert } from '../supabase/alerts';
import type {
	IncidentAction,
	IncidentChange,
	IncidentDetail,
	IncidentRow
} from '../supabase/incidents';
import type { BBox, LiveSink, LiveStatus } from '../supabase/live-sync';
import type { Me } from '../supabase/topics';

/** What the map uses of a post feed (LiveFeed). */
export interface LiveFeedLike {
	readonly me: Me;
	readonly sync: {
		setWindowStart(t: number): void;
		restart(t: number): void;
		status(): LiveStatus;
		readonly everSubscribed: boolean;
	};
	readonly clock: {
		now(): number;
		readonly speed: number;
		readonly endedAt: number | null;
		/** 'prefilling' while the server fills its database (then `progress` is 0..1). */
		readonly state: string | null;
		readonly progress: number | null;
	};
	readonly clockError: string;
	range(from: number, to: number, signal?: AbortSignal): Promise<FeedBatch>;
	start(view: BBox | null): Promise<void>;
	setView(view: BBox | null): void;
	stop(): void;
}

export interface AlertsSinkLike {
	changed(list: MapAlert[], changes: AlertChange[]): void;
	problems(problems: FeedProblem[]): void;
	error(err: unknown): void;
}

/** What the map uses of an alert feed (AlertsFeed). */
export interface AlertsFeedLike {
	start(): void;
	stop(): void;
	acknowledge(id: string): Promise<void>;
	resolve(id: string): Promise<void>;
}

export interface IncidentsSinkLike {
	changed(list: IncidentRow[], changes: IncidentChange[]): void;
	problems(problems: FeedProblem[]): void;
	error(err: unknown): void;
}

/** What the map uses of an incident feed (IncidentsFeed). */
export interface IncidentsFeedLike {
	start(): void;
	stop(): void;
	detail(id: string): Promise<IncidentDetail>;
	act(id: string, action: IncidentAction, reason?: string | null): Promise<void>;
}

/** The database, as the live connection needs it. */
export interface LivePort {
	signIn(email: string, password: string): Promise<Me>;
	fetchAreas(): Promise<{ areas: AreaDef[]; problems: FeedProblem[] }>;
	openFeed(me: Me, sink: LiveSink): LiveFeedLike;
	openAlerts(me: Me, sink: AlertsSinkLike): AlertsFeedLike;
	openIncidents(me: Me, sink: IncidentsSinkLike): IncidentsFeedLike;
}

/** What the connection tells the map (only ever for the current generation). */
export interface LiveEvents {
	/** A new role starts: clear what the map holds. */
	reset(): void;
	signedIn(me: Me): void;
	areas(areas: AreaDef[]): void;
	posts(batch: LocatedPost[]): void;
	problems(problems: FeedProblem[]): void;
	/** A non-fatal error of the feeds, for the status tooltip. */
	error(message: string): void;
	alerts(list: MapAlert[], changes: AlertChange[]): void;
	incidents(list: IncidentRow[], changes: IncidentChange[]): void;
	/** The feed is subscribing and the stream clock is known: the map may follow it. */
	ready(feed: LiveFeedLike): void;
}

/** The follower starts without a subscription after this long (the status is red then). */
export const SUBSCRIBE_WAIT_MS = 10_000;

function message(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}

export class LiveConnection {
	/** Bumped on every start: answers for an earlier role are dropped. */
	generation = 0;
	feed: LiveFeedLike | null = null;
	alertsFeed: AlertsFeedLike | null = null;
	incidentsFeed: IncidentsFeedLike | null = null;
	me: Me | null = null;
	/** Signing in failed at (wall ms) and why; null/'' otherwise. */
	signInFailedAt: number | null = null;
	signInError = '';
	/** Loading the history last failed at (wall ms), null while it works. */
	historyFailedAt: number | null = null;
	historyError = '';
	/** When the current feed started (monotonic ms), null before. */
	private startedAt: number | null = null;

	constructor(
		private readonly port: LivePort,
		private readonly events: LiveEvents,
		private readonly mono: () => number = () => performance.now(),
		private readonly wall: () => number = Date.now
	) {}

	/** Sign in and start the role's feeds; a later start supersedes this one. */
	async start(
		creds: { email: string; password: string },
		view: () => BBox | null,
		signInFailed: string
	): Promise<void> {
		const generation = ++this.generation;
		this.stopFeeds();
		this.me = null;
		this.signInFailedAt = this.historyFailedAt = null;
		this.signInError = this.historyError = '';
		this.events.reset();
		const current = () => generation === this.generation;
		try {
			const who = await this.port.signIn(creds.email, creds.password);
			if (!current()) return;
			const got = await this.port.fetchAreas();
			if (!current()) return;
			if (got.problems.length) this.events.problems(got.problems);
			this.events.areas(got.areas);
			const feed = this.port.openFeed(who, this.feedSink(generation));
			this.feed = feed;
			this.me = who;
			this.events.signedIn(who);
			this.alertsFeed = this.port.openAlerts(who, this.alertsSink(generation));
			this.alertsFeed.start();
			this.incidentsFeed = this.port.openIncidents(who, this.incidentsSink(generation));
			this.incidentsFeed.start();
			await feed.start(view());
			if (!current()) return;
			this.startedAt = this.mono();
			this.events.ready(feed);
		} catch (err) {
			if (!current()) return;
			this.signInError = `${signInFailed}: ${message(err)}`;
			this.signInFailedAt = this.wall();
		}
	}

	/**
	 * Whether the history may be loaded: once Realtime is subscribed, so that nothing ingested
	 * in between is missed; after SUBSCRIBE_WAIT_MS without a subscription it starts anyway.
	 */
	historyMayRun(): boolean {
		if (!this.feed || this.startedAt === null) return false;
		return this.feed.sync.everSubscribed || this.mono() - this.startedAt > SUBSCRIBE_WAIT_MS;
	}

	/** The history loaded a slice, or failed. */
	historyOk(): void {
		this.historyFailedAt = null;
		this.historyError = '';
	}
	historyFailed(err: unknown): void {
		this.historyFailedAt ??= this.wall();
		this.historyError = message(err);
	}

	/** Acknowledge or resolve an alert; rejects with the database's reason. */
	handle(id: string, action: 'acknowledge' | 'resolve'): Promise<void> {
		const f = this.alertsFeed;
		if (!f) return Promise.reject(new Error('not signed in'));
		return action === 'acknowledge' ? f.acknowledge(id) : f.resolve(id);
	}

	/** The incident view's data, for the current role only (rejects when it switched meanwhile). */
	async incidentDetail(id: string): Promise<IncidentDetail> {
		const f = this.incidentsFeed;
		if (!f) throw new Error('not signed in');
		const generation = this.generation;
		const d = await f.detail(id);
		if (generation !== this.generation) throw new Error('the role changed');
		return d;
	}

	/** Act on an incident; rejects with the database's reason. */
	actOnIncident(id: string, action: IncidentAction, reason: string | null): Promise<void> {
		const f = this.incidentsFeed;
		if (!f) return Promise.reject(new Error('not signed in'));
		return f.act(id, action, reason);
	}

	stop(): void {
		this.generation++;
		this.stopFeeds();
	}

	private stopFeeds(): void {
		this.feed?.stop();
		this.feed = null;
		this.alertsFeed?.stop();
		this.alertsFeed = null;
		this.incidentsFeed?.stop();
		this.incidentsFeed = null;
		this.startedAt = null;
	}

	private feedSink(generation: number): LiveSink {
		const current = () => generation === this.generation;
		return {
			posts: (batch) => {
				if (current()) this.events.posts(batch);
			},
			problems: (problems) => {
				if (current()) this.events.problems(problems);
			},
			error: (err) => {
				if (current()) this.events.error(message(err));
			}
		};
	}

	private alertsSink(generation: number): AlertsSinkLike {
		const current = () => generation === this.generation;
		return {
			changed: (list, changes) => {
				if (current()) this.events.alerts(list, changes);
			},
			problems: (problems) => {
				if (current()) this.events.problems(problems);
			},
			error: (err) => {
				if (current()) this.events.error(message(err));
			}
		};
	}

	private incidentsSink(generation: number): IncidentsSinkLike {
		const current = () => generation === this.generation;
		return {
			changed: (list, changes) => {
				if (current()) this.events.incidents(list, changes);
			},
			problems: (problems) => {
				if (current()) this.events.problems(problems);
			},
			error: (err) => {
				if (current()) this.events.error(message(err));
			}
		};
	}
}
