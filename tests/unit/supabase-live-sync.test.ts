import { describe, expect, it } from 'vitest';
import {
	LiveSync,
	type BBox,
	type ChannelHandlers,
	type ChannelStatus,
	type LiveBackend,
	type LiveSink,
	type LiveSyncOptions,
	type Via
} from '../../src/lib/supabase/live-sync';
import type { LocatedPost } from '../../src/lib/posts/post';
import type { FeedProblem } from '../../src/lib/feed/feed';

const T0 = Date.parse('2025-04-27T12:00:00Z');
const S = 1000;

interface DbRow {
	row: Record<string, unknown>;
	created: number;
	ingested: number;
}

/** A fake database with Realtime: rows, channels whose delivery the test controls. */
class FakeBackend implements LiveBackend {
	rows: DbRow[] = [];
	channels = new Map<string, ChannelHandlers>();
	left: string[] = [];
	calls: { fn: string; args: Record<string, unknown> }[] = [];
	/** Make the next N calls of posts_since fail. */
	failSince = 0;
	/** The API's row cap (PostgREST db-max-rows; the read functions cap users at 1,000). */
	maxRows = Infinity;
	private seq = 0;

	subscribe(topic: string, handlers: ChannelHandlers): () => void {
		this.channels.set(topic, handlers);
		return () => {
			this.channels.delete(topic);
			this.left.push(topic);
		};
	}

	async postsSince(args: { since: string; minCreated: string; lim: number }) {
		this.calls.push({ fn: 'posts_since', args });
		await Promise.resolve();
		if (this.failSince > 0) {
			this.failSince--;
			throw new Error('posts_since: connection refused');
		}
		const since = Date.parse(args.since);
		const min = Date.parse(args.minCreated);
		return this.rows
			.filter((r) => r.ingested > since && r.created >= min)
			.sort((a, b) => a.ingested - b.ingested)
			.slice(0, Math.min(args.lim, this.maxRows))
			.map((r) => r.row);
	}

	async postsInWindow(args: { from: string; to: string; bbox: BBox | null; lim: number }) {
		this.calls.push({ fn: 'posts_in_window', args });
		await Promise.resolve();
		const from = Date.parse(args.from);
		const to = Date.parse(args.to);
		const b = args.bbox;
		return this.rows
			.filter((r) => r.created >= from && r.created < to)
			.filter(
				(r) =>
					!b ||
					(typeof r.row.x === 'number' &&
						typeof r.row.y === 'number' &&
						r.row.x >= b.west &&
						r.row.x <= b.east &&
						r.row.y >= b.south &&
						r.row.y <= b.north)
			)
			.sort((a, b) => a.created - b.created)
			.slice(0, Math.min(args.lim, this.maxRows))
			.map((r) => r.row);
	}

	/** Insert a row (ingested at `ingested`); returns the client row. */
	insert(created: number, ingested: number, extra: Record<string, unknown> = {}) {
		const id = `p${++this.seq}`;
		const row = {
			id,
			source: 'x',
			author: 'ref',
			created_at: new Date(created).toISOString(),
			ingested_at: new Date(ingested).toISOString(),
			text: `bericht ${id}`,
			method: 'gps',
			precision_m: 10,
			x: 6.6,
			y: 53.17,
			...extra
		};
		this.rows.push({ row, created, ingested });
		return row;
	}

	status(topic: string, s: ChannelStatus) {
		this.channels.get(topic)!.status(s);
	}

	/** Broadcast rows on a topic, as the database trigger does. */
	send(topic: string, rows: unknown[]) {
		this.channels.get(topic)?.message({ posts: rows });
	}

	sinceCalls() {
		return this.calls.filter((c) => c.fn === 'posts_since');
	}
}

class Sink implements LiveSink {
	batches: { posts: LocatedPost[]; via: Via }[] = [];
	problems_: FeedProblem[] = [];
	errors: unknown[] = [];
	posts(posts: LocatedPost[], via: Via) {
		this.batches.push({ posts, via });
	}
	problems(p: FeedProblem[]) {
		this.problems_.push(...p);
	}
	error(err: unknown) {
		this.errors.push(err);
	}
	/** How often each id was delivered. */
	counts(): Map<string, number> {
		const m = new Map<string, number>();
		for (const b of this.batches) for (const p of b.posts) m.set(p.id, (m.get(p.id) ?? 0) + 1);
		return m;
	}
}

/** A manual clock and timer queue. */
class Time {
	now = T0;
	timers: { at: number; fn: () => void; dead: boolean }[] = [];
	setTimer = (fn: () => void, ms: number) => {
		const t = { at: this.now + ms, fn, dead: false };
		this.timers.push(t);
		return () => {
			t.dead = true;
		};
	};
	async advance(ms: number) {
		const end = this.now + ms;
		for (;;) {
			const due = this.timers.filter((t) => !t.dead && t.at <= end).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			this.now = due.at;
			due.dead = true;
			due.fn();
			await flush();
		}
		this.now = end;
		await flush();
	}
}

async function flush() {
	for (let i = 0; i < 50; i++) await Promise.resolve();
}

function setup(opts: LiveSyncOptions = {}) {
	const db = new FakeBackend();
	const sink = new Sink();
	const time = new Time();
	const sync = new LiveSync(db, sink, {
		now: () => time.now,
		setTimer: time.setTimer,
		pageSize: 50,
		auditMs: 0,
		...opts
	});
	return { db, sink, time, sync };
}

const TOPIC = 'posts:unit:NN';

/** Subscribed and started at T0 with a 24 h window, initial backfill done. */
async function started(opts: LiveSyncOptions = {}) {
	const s = setup(opts);
	s.sync.setWindowStart(s.time.now - 24 * 3600 * S);
	s.sync.setTopics([TOPIC, 'posts:unplaced']);
	s.db.status(TOPIC, 'SUBSCRIBED');
	s.db.status('posts:unplaced', 'SUBSCRIBED');
	s.sync.restart(s.time.now);
	await flush();
	return s;
}

describe('LiveSync#status', () => {
	it('is not live before every topic is subscribed and the start backfill is done', async () => {
		const { db, sync, time } = setup();
		// A new feed follows nothing yet: loading, not live.
		expect(sync.status()).toMatchObject({ state: 'reconnecting', everLive: false });
		sync.setTopics([TOPIC, 'posts:unplaced']);
		expect(sync.status()).toMatchObject({ state: 'reconnecting', everLive: false });
		db.status(TOPIC, 'SUBSCRIBED');
		sync.restart(time.now);
		await flush();
		expect(sync.status().state).toBe('reconnecting');
		db.status('posts:unplaced', 'SUBSCRIBED');
		await flush();
		expect(sync.status()).toMatchObject({ state: 'live', everLive: true });
	});

	it('goes reconnecting on a channel error, stale after 10 s, live after the backfill', async () => {
		const { db, sync, time } = await started();
		expect(sync.status().state).toBe('live');
		await time.advance(60 * S);
		const lost = time.now;
		db.status(TOPIC, 'CHANNEL_ERROR');
		expect(sync.status()).toMatchObject({ state: 'reconnecting', since: lost });
		await time.advance(9 * S);
		expect(sync.status().state).toBe('reconnecting');
		await time.advance(2 * S);
		expect(sync.status()).toMatchObject({ state: 'stale', since: lost });
		db.status(TOPIC, 'SUBSCRIBED');
		await flush();
		expect(sync.status()).toMatchObject({ state: 'live', since: time.now });
	});

	it('is stale while a backfill fails, retries, and is live once it succeeds', async () => {
		const { db, sink, sync, time } = await started({ retryMs: 1000 });
		db.insert(time.now - 5 * S, time.now - 1 * S);
		db.status(TOPIC, 'CLOSED');
		db.failSince = 2;
		db.status(TOPIC, 'SUBSCRIBED');
		await flush();
		expect(sync.status().state).toBe('stale');
		expect(sink.errors).toHaveLength(1);
		await time.advance(1 * S); // first retry fails too
		expect(sync.status().state).toBe('stale');
		expect(sync.counters.backfillFailures).toBe(2);
		await time.advance(2 * S); // second retry (doubled delay) succeeds
		expect(sync.status().state).toBe('live');
		expect(sink.counts().size).toBe(1);
	});
});

describe('LiveSync reconnect', () => {
	it('closes the gap of a cut exactly: every post once, across pages and duplicates', async () => {
		const { db, sink, sync, time } = await started();
		// Live traffic before the cut arrives by Realtime.
		for (let i = 0; i < 30; i++) {
			await time.advance(200);
			db.send(TOPIC, [db.insert(time.now - 2 * S, time.now)]);
		}
		db.status(TOPIC, 'CHANNEL_ERROR');
		db.status('posts:unplaced', 'CHANNEL_ERROR');
		// 500 posts during the cut: Realtime delivers nothing. Some ingested in one millisecond.
		const during: string[] = [];
		for (let i = 0; i < 500; i++) {
			if (i % 100 !== 0) await time.advance(20);
			during.push(db.insert(time.now - 3 * S, time.now).id);
		}
		await time.advance(10 * S);
		expect(sync.status().state).toBe('stale');
		db.status(TOPIC, 'SUBSCRIBED');
		await flush();
		expect(sync.status().state).toBe('stale'); // one topic still down: nothing owed is fetched
		db.status('posts:unplaced', 'SUBSCRIBED');
		await flush();
		// After the SUBSCRIBED, Realtime repeats some of them (a race with the backfill).
		db.send(
			TOPIC,
			db.rows.slice(-20).map((r) => r.row)
		);
		const counts = sink.counts();
		for (const id of during) expect(counts.get(id)).toBe(1);
		expect([...counts.values()].every((n) => n === 1)).toBe(true);
		expect(counts.size).toBe(530);
		expect(sync.counters.delivered).toBe(530);
		expect(sync.counters.duplicates).toBeGreaterThanOrEqual(20);
		expect(sync.status().state).toBe('live');
		// Paged: 500+ rows at 50 per page.
		expect(db.sinceCalls().length).toBeGreaterThanOrEqual(11);
	});

	it('backfills from before the drop was noticed (a missed heartbeat)', async () => {
		const { db, sink, sync, time } = await started();
		await time.advance(10 * S);
		const lostRow = db.insert(time.now - S, time.now); // never sent: the socket is silently dead
		await time.advance(20 * S);
		db.send(TOPIC, [db.insert(time.now, time.now)]); // a later message moves the cursor on
		await time.advance(10 * S);
		db.status(TOPIC, 'TIMED_OUT'); // noticed 30 s after the loss
		await time.advance(2 * S);
		db.status(TOPIC, 'SUBSCRIBED');
		await flush();
		expect(sink.counts().get(lostRow.id)).toBe(1);
		expect(sync.status().state).toBe('live');
	});

	it('catches a commit that was ingested before the cursor (safety margin)', async () => {
		const { db, sink, sync, time } = await started({ suspectMs: 0 });
		await time.advance(60 * S);
		const late = db.insert(time.now - 10 * S, time.now - 3 * S); // committed late, not sent
		db.send(TOPIC, [db.insert(time.now, time.now)]);
		await time.advance(5 * S);
		db.status(TOPIC, 'CLOSED');
		db.status(TOPIC, 'SUBSCRIBED');
		await flush();
		expect(sink.counts().get(late.id)).toBe(1);
		expect(sync.counters.delivered).toBe(2);
	});

	it('asks posts_since from the cursor minus the margin and the window start', async () => {
		const { db, sync, time } = await started({ suspectMs: 0, marginMs: 5000 });
		await time.advance(S);
		const r = db.insert(time.now, time.now);
		db.send(TOPIC, [r]);
		await time.advance(S);
		db.status(TOPIC, 'CHANNEL_ERROR');
		db.status(TOPIC, 'SUBSCRIBED');
		await flush();
		const last = db.sinceCalls().at(-1)!.args;
		expect(Date.parse(last.since as string)).toBe(Date.parse(r.ingested_at) - 5000);
		expect(Date.parse(last.minCreated as string)).toBe(T0 - 24 * 3600 * S);
		expect(sync.status().state).toBe('live');
	});

	it('pages through rows that share one ingested_at millisecond without losing any', async () => {
		const { db, sink, time, sync } = await started({ pageSize: 10 });
		db.status(TOPIC, 'CHANNEL_ERROR');
		for (let i = 0; i < 35; i++) db.insert(time.now, time.now + 1 + Math.floor(i / 8));
		db.status(TOPIC, 'SUBSCRIBED');
		await flush();
		expect(sink.counts().size).toBe(35);
		expect(sync.status().state).toBe('live');
	});

	it('an audit backfill finds messages Realtime dropped without any status change', async () => {
		const { db, sink, sync, time } = await started({ auditMs: 30_000 });
		await time.advance(5 * S);
		db.send(TOPIC, [db.insert(time.now, time.now)]);
		const dropped = db.insert(time.now, time.now + 1); // never sent
		await time.advance(31 * S);
		expect(sink.counts().get(dropped.id)).toBe(1);
		expect(sync.status().state).toBe('live');
	});
});

describe('LiveSync#restart and history', () => {
	it('the start backfill brings what was created around the live start', async () => {
		const { db, time, sink, sync } = setup();
		db.insert(T0 - 2 * 3600 * S, T0 - 2 * 3600 * S); // old: comes by history, not posts_since
		const recent = db.insert(T0 - 10 * S, T0 - 9 * S);
		sync.setWindowStart(T0 - 24 * 3600 * S);
		sync.setTopics([TOPIC]);
		db.status(TOPIC, 'SUBSCRIBED');
		sync.restart(time.now);
		await flush();
		expect(sink.batches.map((b) => b.posts.map((p) => p.id))).toEqual([[recent.id]]);
		const h = await sync.history(T0 - 3 * 3600 * S, T0);
		expect(h.posts).toHaveLength(1); // the old one; the recent one is a duplicate
		expect(sync.counters.duplicates).toBe(1);
	});

	it('without a subscription at the start, the first backfill owes the whole window', async () => {
		const { db, sync, time } = setup();
		sync.setWindowStart(T0 - 3600 * S);
		sync.setTopics([TOPIC]);
		sync.restart(time.now);
		await flush();
		expect(db.sinceCalls()).toHaveLength(0); // waits for SUBSCRIBED
		db.status(TOPIC, 'SUBSCRIBED');
		await flush();
		expect(Date.parse(db.sinceCalls()[0].args.minCreated as string)).toBe(T0 - 3600 * S);
	});

	it('answers slices after the live start without a request', async () => {
		const { db, sync, time } = await started();
		const n = db.calls.length;
		expect(await sync.history(time.now, time.now + 5 * S)).toEqual({ posts: [], problems: [] });
		expect(db.calls.length).toBe(n);
	});

	it('pages posts_in_window in created order and reports invalid rows', async () => {
		const { db, sync } = await started({ pageSize: 10 });
		for (let i = 0; i < 25; i++) db.insert(T0 - 3600 * S + i * S, T0 - 3600 * S + i * S);
		db.insert(T0 - 1800 * S, T0 - 1800 * S, { method: 'teleport' });
		const h = await sync.history(T0 - 2 * 3600 * S, T0 - 60 * S);
		expect(new Set(h.posts.map((p) => p.id)).size).toBe(25);
		expect(h.posts).toHaveLength(25);
		expect(h.problems).toHaveLength(1);
		expect(h.problems[0].reason).toMatch(/^method/);
	});

	it('pages on when the API caps a page below the page size asked for (issue 11)', async () => {
		// The map asks for 10,000 rows a page on the embedded stack, which (like Supabase) answers
		// at most 1,000 to a signed-in user: a short page is not the last one.
		const { db, sink, sync, time } = await started({ pageSize: 10_000 });
		db.maxRows = 1000;
		for (let i = 0; i < 2500; i++) db.insert(T0 - 3600 * S + i * 100, T0 - 3600 * S + i * 100);
		const h = await sync.history(T0 - 3600 * S, T0 - 60 * S);
		expect(new Set(h.posts.map((p) => p.id)).size).toBe(2500);
		// And the backfill after a reconnect (posts_since) does not stop at the cap either.
		db.status(TOPIC, 'CHANNEL_ERROR');
		for (let i = 0; i < 1500; i++) db.insert(time.now - 10 * S, time.now + 1 + i);
		db.status(TOPIC, 'SUBSCRIBED');
		await flush();
		const since = sink.batches.filter((b) => b.via === 'backfill').flatMap((b) => b.posts);
		expect(new Set(since.map((p) => p.id)).size).toBe(1500);
	});

	it('marks nothing as delivered when the request was aborted meanwhile', async () => {
		const { db, sync } = await started();
		const r = db.insert(T0 - 600 * S, T0 - 600 * S);
		const ctl = new AbortController();
		const p = sync.history(T0 - 3600 * S, T0 - 60 * S, ctl.signal);
		ctl.abort();
		await expect(p).rejects.toThrow(/aborted/);
		const again = await sync.history(T0 - 3600 * S, T0 - 60 * S);
		expect(again.posts.map((x) => x.id)).toEqual([r.id]);
	});

	it('restart forgets what was delivered (the map was cleared)', async () => {
		const { db, sink, sync, time } = await started();
		db.send(TOPIC, [db.insert(time.now, time.now)]);
		sync.restart(time.now + 10 * S);
		await flush();
		expect(sink.counts().get('p1')).toBe(2); // delivered again into the cleared map
	});
});

describe('LiveSync messages', () => {
	it('keeps the valid posts of a hostile payload and reports the rest', async () => {
		const { db, sink, sync, time } = await started();
		const good = db.insert(time.now, time.now);
		db.send(TOPIC, [good, { id: 'x' }, 'nope', null]);
		db.channels.get(TOPIC)!.message('not an object');
		db.channels.get(TOPIC)!.message({ posts: { length: 1e9 } });
		expect(sink.counts().get(good.id)).toBe(1);
		expect(sink.problems_).toHaveLength(5);
		expect(sync.counters.invalid).toBe(5);
		expect(sync.status().state).toBe('live');
	});

	it('ignores posts created before the window and prunes the dedupe set', async () => {
		const { db, sink, sync, time } = await started();
		const old = db.insert(T0 - 25 * 3600 * S, time.now);
		const kept = db.insert(T0 - 3600 * S, time.now);
		db.send(TOPIC, [old, kept]);
		expect([...sink.counts().keys()]).toEqual([kept.id]);
		expect(sync.counters.old).toBe(1);
		sync.setWindowStart(T0 - 1800 * S);
		expect(sync.seenCount).toBe(0);
	});

	it('delivers a post seen without a location again once it is placed by hand (issue 13)', async () => {
		const { db, sink, sync, time } = await started();
		const unplaced = db.insert(time.now, time.now, {
			method: 'none',
			precision_m: null,
			x: null,
			y: null
		});
		db.send('posts:unplaced', [unplaced]);
		db.send('posts:unplaced', [unplaced]); // the same again: a duplicate
		const placed = { ...unplaced, method: 'manual', precision_m: 100, x: 6.6, y: 53.17 };
		db.send(TOPIC, [placed]);
		db.send(TOPIC, [placed]); // placed twice over (another topic): once
		expect(sink.counts().get(unplaced.id)).toBe(2);
		expect(sync.counters.duplicates).toBe(2);
	});

	it('a message on a topic that was left is ignored', async () => {
		const { db, sink, sync, time } = await started();
		const handlers = db.channels.get(TOPIC)!;
		sync.setTopics(['posts:unplaced']);
		handlers.message({ posts: [db.insert(time.now, time.now)] });
		// Delivered: a late message from a left channel still carries a post the role may see.
		// What matters is that the left topic no longer counts for the status.
		expect(db.left).toEqual([TOPIC]);
		expect(sync.status().state).toBe('live');
		expect(sink.batches.length).toBeLessThanOrEqual(1);
	});
});

describe('LiveSync#setTopics', () => {
	it('joins new topics, leaves dropped ones, and loads a newly covered view', async () => {
		const { db, sink, sync, time } = await started({ suspectMs: 0 });
		const live = db.insert(time.now, time.now, { x: 4.95, y: 52.35 });
		db.send(TOPIC, [live]);
		const inView = db.insert(T0 - 3600 * S, T0 - 3600 * S, { x: 4.9, y: 52.37 });
		db.insert(T0 - 3600 * S, T0 - 3600 * S, { x: 6.6, y: 53.17 }); // outside the view
		const view = { west: 4.8, south: 52.3, east: 5.0, north: 52.4 };
		sync.setTopics(['posts:h3:851f1d4bfffffff', 'posts:unplaced'], view);
		expect(db.left).toEqual([TOPIC]);
		expect(sync.status().state).toBe('reconnecting');
		await flush();
		expect(db.calls.filter((c) => c.fn === 'posts_in_window')).toHaveLength(0); // not joined yet
		db.status('posts:h3:851f1d4bfffffff', 'SUBSCRIBED');
		await flush();
		const ids = [...sink.counts().keys()];
		expect(ids).toEqual([live.id, inView.id]);
		const area = db.calls.find((c) => c.fn === 'posts_in_window')!.args;
		expect(area.bbox).toEqual(view);
		expect(sync.status().state).toBe('live');
		expect(sync.topicNames.sort()).toEqual(['posts:h3:851f1d4bfffffff', 'posts:unplaced']);
	});

	it('stop leaves every topic and ignores what comes after', async () => {
		const { db, sink, sync, time } = await started();
		const handlers = db.channels.get(TOPIC)!;
		sync.stop();
		expect(db.channels.size).toBe(0);
		handlers.message({ posts: [db.insert(time.now, time.now)] });
		expect(sink.batches).toHaveLength(0);
	});
});
