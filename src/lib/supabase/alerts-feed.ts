/**
 * Open alerts of the signed-in role over supabase-js: the whole list from `open_alerts()` on
 * every (re)subscribe and every 30 s (so a dropped message never leaves the list wrong for long),
 * and each `alert` broadcast on the role's alert topics as it comes. Acknowledge and resolve go
 * through their RPCs (the database checks the rights and writes the audit log).
 */
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
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
	private channels: RealtimeChannel[] = [];
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
			const ch = this.client.channel(topic, { config: { private: true } });
			ch.on('broadcast', { event: 'alert' }, (msg) => {
				if (this.stopped) return;
				const { change, problem } = this.book.apply(msg.payload, `${topic} alert`);
				if (problem) this.sink.problems([problem]);
				if (change) this.sink.changed(this.book.list(), [change]);
			});
			ch.subscribe((status) => {
				if (status === 'SUBSCRIBED') void this.reload();
			});
			this.channels.push(ch);
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
		for (const ch of this.channels) void this.client.removeChannel(ch);
		this.channels = [];
	}
}
