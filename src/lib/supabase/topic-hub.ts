/**
 * One Realtime channel per private topic of a signed-in client, shared by every feed that
 * listens on it (posts, alerts, incidents), and kept subscribed.
 *
 * Why: supabase-js hands out the channel already open for a topic and joins a channel only once,
 * so two feeds that each made and subscribed "their" channel on the alert topics shared one
 * without knowing it, and the second never heard its status; removing it for one removed it for
 * both. And it does not always come back: after the server restarted (it closes with 1001), the
 * socket stayed closed, still 40 s after the server was back (measured on the embedded server),
 * so a wall screen stayed VEROUDERD for good. Here a channel that is not joined again a while
 * after it failed is removed and made anew, after reconnecting the socket (2, 5, 10, then
 * every 30 s).
 */
import type { ChannelStatus } from './live-sync';

/** The part of a supabase-js RealtimeChannel used here. */
export interface HubChannel {
	on(
		type: 'broadcast',
		filter: { event: string },
		callback: (msg: { payload: unknown }) => void
	): unknown;
	subscribe(callback: (status: string, err?: Error) => void): unknown;
}

/** The part of a supabase-js client used here. */
export interface HubClient {
	channel(topic: string, opts: { config: { private: boolean } }): HubChannel;
	removeChannel(channel: HubChannel): Promise<unknown>;
	realtime: { isConnected(): boolean; connect(): void };
}

export interface TopicListener {
	/** The broadcast event listened to ('posts', 'alert', 'incident'). */
	event: string;
	message(payload: unknown): void;
	status(status: ChannelStatus, err?: Error): void;
}

interface Entry {
	channel: HubChannel | null;
	/** Events bound on the current channel. */
	bound: Set<string>;
	listeners: Set<TopicListener>;
	status: ChannelStatus | null;
	err: Error | undefined;
	retry: ReturnType<typeof setTimeout> | undefined;
	tries: number;
}

/** Delay before the n-th (0-based) attempt to make a failed channel anew. */
export const HUB_RETRY_MS = (n: number): number => [2000, 5000, 10_000][n] ?? 30_000;

export class TopicHub {
	private readonly topics = new Map<string, Entry>();
	private closed = false;

	constructor(
		private readonly client: HubClient,
		private readonly retryMs: (n: number) => number = HUB_RETRY_MS
	) {}

	/** Listen to one event on a topic; returns the function that stops listening. */
	listen(topic: string, listener: TopicListener): () => void {
		let e = this.topics.get(topic);
		if (!e) {
			e = {
				channel: null,
				bound: new Set(),
				listeners: new Set(),
				status: null,
				err: undefined,
				retry: undefined,
				tries: 0
			};
			this.topics.set(topic, e);
		}
		e.listeners.add(listener);
		if (!e.channel) this.open(topic, e);
		else {
			this.bind(topic, e, listener.event);
			// A late listener hears where the channel stands.
			if (e.status) listener.status(e.status, e.err);
		}
		return () => this.unlisten(topic, listener);
	}

	/** Leave every topic (sign-out, role switch). */
	close(): void {
		this.closed = true;
		for (const [topic, e] of this.topics) this.drop(topic, e);
	}

	private unlisten(topic: string, listener: TopicListener): void {
		const e = this.topics.get(topic);
		if (!e || !e.listeners.delete(listener) || e.listeners.size > 0) return;
		this.drop(topic, e);
	}

	private drop(topic: string, e: Entry): void {
		clearTimeout(e.retry);
		this.topics.delete(topic);
		if (e.channel) void this.client.removeChannel(e.channel).catch(() => {});
		e.channel = null;
	}

	private bind(topic: string, e: Entry, event: string): void {
		if (!e.channel || e.bound.has(event)) return;
		e.bound.add(event);
		e.channel.on('broadcast', { event }, (msg) => {
			if (this.topics.get(topic) !== e) return;
			for (const l of [...e.listeners]) if (l.event === event) l.message(msg.payload);
		});
	}

	private open(topic: string, e: Entry): void {
		if (this.closed) return;
		const ch = this.client.channel(topic, { config: { private: true } });
		e.channel = ch;
		e.bound = new Set();
		for (const l of e.listeners) this.bind(topic, e, l.event);
		ch.subscribe((s, err) => {
			if (e.channel !== ch || this.topics.get(topic) !== e) return; // an old channel's last word
			const status = s as ChannelStatus;
			e.status = status;
			e.err = err;
			if (status === 'SUBSCRIBED') {
				e.tries = 0;
				clearTimeout(e.retry);
				e.retry = undefined;
			} else if (e.retry === undefined) {
				e.retry = setTimeout(() => void this.renew(topic, e, ch), this.retryMs(e.tries++));
			}
			for (const l of [...e.listeners]) l.status(status, err);
		});
	}

	/** The channel is still not joined: remove it, reconnect the socket, make it anew. */
	private async renew(topic: string, e: Entry, ch: HubChannel): Promise<void> {
		e.retry = undefined;
		if (this.closed || e.channel !== ch || this.topics.get(topic) !== e) return;
		if (e.status === 'SUBSCRIBED') return;
		e.channel = null;
		// supabase-js returns the open channel for a topic: it must be gone before a new one.
		await this.client.removeChannel(ch).catch(() => {});
		if (this.closed || this.topics.get(topic) !== e) return;
		if (!this.client.realtime.isConnected()) this.client.realtime.connect();
		this.open(topic, e);
	}
}

const HUBS = new WeakMap<object, TopicHub>();

/** The hub of a client: every feed of one signed-in client shares its channels. */
export function hubFor(client: HubClient): TopicHub {
	let hub = HUBS.get(client);
	if (!hub) HUBS.set(client, (hub = new TopicHub(client)));
	return hub;
}
