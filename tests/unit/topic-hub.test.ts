import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TopicHub, type HubChannel, type HubClient } from '../../src/lib/supabase/topic-hub';

class FakeChannel implements HubChannel {
	handlers: { event: string; cb: (msg: { payload: unknown }) => void }[] = [];
	statusCb: ((status: string, err?: Error) => void) | null = null;
	constructor(readonly topic: string) {}
	on(_type: 'broadcast', filter: { event: string }, cb: (msg: { payload: unknown }) => void) {
		this.handlers.push({ event: filter.event, cb });
		return this;
	}
	subscribe(cb: (status: string, err?: Error) => void) {
		this.statusCb = cb;
		return this;
	}
	emit(event: string, payload: unknown) {
		for (const h of this.handlers) if (h.event === event) h.cb({ payload });
	}
}

function fakeClient() {
	const made: FakeChannel[] = [];
	const removed: FakeChannel[] = [];
	let connected = true;
	const client: HubClient & { connects: number } = {
		connects: 0,
		channel(topic) {
			const ch = new FakeChannel(topic);
			made.push(ch);
			return ch;
		},
		async removeChannel(ch) {
			removed.push(ch as FakeChannel);
			// supabase-js tells the old channel it is closed: the hub must not take it as news.
			(ch as FakeChannel).statusCb?.('CLOSED');
			return 'ok';
		},
		realtime: {
			isConnected: () => connected,
			connect: () => {
				client.connects++;
				connected = true;
			}
		}
	};
	return { client, made, removed, disconnect: () => (connected = false) };
}

describe('TopicHub: one channel per topic, shared and kept subscribed', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('shares one channel between feeds listening to different events on a topic', () => {
		const { client, made } = fakeClient();
		const hub = new TopicHub(client);
		const alerts: unknown[] = [];
		const incidents: unknown[] = [];
		const statuses: string[] = [];
		hub.listen('alerts:unit:NN', {
			event: 'alert',
			message: (p) => alerts.push(p),
			status: (s) => statuses.push(`a:${s}`)
		});
		made[0].statusCb!('SUBSCRIBED');
		// A second feed on the same topic: no second channel, and it hears where it stands.
		hub.listen('alerts:unit:NN', {
			event: 'incident',
			message: (p) => incidents.push(p),
			status: (s) => statuses.push(`i:${s}`)
		});
		expect(made).toHaveLength(1);
		expect(statuses).toEqual(['a:SUBSCRIBED', 'i:SUBSCRIBED']);
		made[0].emit('alert', { id: 1 });
		made[0].emit('incident', { id: 2 });
		expect(alerts).toEqual([{ id: 1 }]);
		expect(incidents).toEqual([{ id: 2 }]);
	});

	it('makes a failed channel anew, after reconnecting the socket, until it is joined', async () => {
		const { client, made, removed, disconnect } = fakeClient();
		const hub = new TopicHub(client, (n) => [2000, 5000][n] ?? 10_000);
		const statuses: string[] = [];
		const got: unknown[] = [];
		hub.listen('posts:unit:NN', {
			event: 'posts',
			message: (p) => got.push(p),
			status: (s) => statuses.push(s)
		});
		made[0].statusCb!('SUBSCRIBED');
		// The server shuts down: the channel errs and the socket stays closed.
		disconnect();
		made[0].statusCb!('CHANNEL_ERROR', new Error('socket closed: 1001'));
		await vi.advanceTimersByTimeAsync(1999);
		expect(made).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(removed).toEqual([made[0]]);
		expect(client.connects).toBe(1);
		expect(made).toHaveLength(2);
		// Still down: the new channel errs too; the next try comes later.
		disconnect();
		made[1].statusCb!('CHANNEL_ERROR', new Error('transport failure'));
		await vi.advanceTimersByTimeAsync(4999);
		expect(made).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(1);
		expect(made).toHaveLength(3);
		// Back: joined, and the messages of the new channel reach the listener.
		made[2].statusCb!('SUBSCRIBED');
		made[2].emit('posts', [1]);
		expect(got).toEqual([[1]]);
		// The old channels' CLOSED (from their removal) was not passed on.
		expect(statuses).toEqual(['SUBSCRIBED', 'CHANNEL_ERROR', 'CHANNEL_ERROR', 'SUBSCRIBED']);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(made).toHaveLength(3); // joined: no more renewals
	});

	it('leaves the topic when its last listener goes, and never renews it after', async () => {
		const { client, made, removed } = fakeClient();
		const hub = new TopicHub(client);
		const noop = { message: () => {}, status: () => {} };
		const stopA = hub.listen('alerts:unit:NN', { event: 'alert', ...noop });
		const stopI = hub.listen('alerts:unit:NN', { event: 'incident', ...noop });
		made[0].statusCb!('CHANNEL_ERROR');
		stopA();
		expect(removed).toEqual([]); // the incidents feed still listens
		stopI();
		expect(removed).toEqual([made[0]]);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(made).toHaveLength(1);
		// Listening again opens a fresh channel.
		hub.listen('alerts:unit:NN', { event: 'alert', ...noop });
		expect(made).toHaveLength(2);
	});
});
