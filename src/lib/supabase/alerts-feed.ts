/**
 * Open alerts of the signed-in role over supabase-js: the whole list from `open_alerts()` on
 * every (re)subscribe and every 30 s (so a dropped message never leaves the list wrong for long),
 * and each `alert` broadcast on the role's alert topics as it comes. Acknowledge and resolve go
 * through their RPCs (the database checks the rights and writes the audit log).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { hubFor, type HubClient } from './topic-hub';
import type { FeedProblem } from '../feed/feed';
import { AlertBook, alertTopicsFor, type AlertChange, type MapAlert } from './alerts';
import type { Me } from './topics';

export interface AlertsSink {
	changed(list: MapAlert[], changes: AlertChange[]): void;
	problems(problems: FeedProblem[]): void;
	error(err: unknown): void;
}

export class AlertsFeed {
	readonly book = new AlertBook();
	/** Stop listening, per topic (the channels are the hub's, shared with the other feeds). */
	private leave: (() => void)[] = [];
	private timer: ReturnType<typeof setInterval> | null = null;
	private stopped = false;
	private loading: Promise<void> | null = null;

	constructor(
		private readonly client: SupabaseClient,
		private readonly me: Me,
		private readonly sink: AlertsSink,
		private readonly refreshMs = 30_000
	) {}

	start(): void {
		for (const topic of alertTopicsFor(this.me)) {
			this.leave.push(
				hubFor(this.client as unknown as HubClient).listen(topic, {
					event: 'alert',
					message: (payload) => {
						if (this.stopped) return;
						const { change, problem } = this.book.apply(payload, `${topic} alert`);
						if (problem) this.sink.problems([problem]);
						if (change) this.sink.changed(this.book.list(), [change]);
					},
					status: (status) => {
						if (status === 'SUBSCRIBED' && !this.stopped) void this.reload();
					}
				})
			);
		}
		void this.reload();
		this.timer = setInterval(() => void this.reload(), this.refreshMs);
	}

	/** Read the whole open list again (coalesced while one read runs). */
	reload(): Promise<void> {
		this.loading ??= (async () => {
			try {
				const { data, error } = await this.client.rpc('open_alerts');
				if (error) throw new Error(`open_alerts: ${error.message}`);
				if (this.stopped) return;
				const { changes, problems } = this.book.reset(data);
				if (problems.length) this.sink.problems(problems);
				this.sink.changed(this.book.list(), changes);
			} catch (err) {
				if (!this.stopped) this.sink.error(err);
			} finally {
				this.loading = null;
			}
		})();
		return this.loading;
	}

	async acknowledge(id: string): Promise<void> {
		const { error } = await this.client.rpc('acknowledge_alert', { alert_id: id });
		if (error) throw new Error(error.message);
		await this.reload();
	}

	async resolve(id: string, note?: string): Promise<void> {
		const { error } = await this.client.rpc('resolve_alert', { alert_id: id, note: note ?? null });
		if (error) throw new Error(error.message);
		await this.reload();
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) clearInterval(this.timer);
		for (const leave of this.leave) leave();
		this.leave = [];
	}
}
