import { describe, expect, it } from 'vitest';
import { LocalAnalyses } from '../../src/lib/map/analyses';
import { LiveData } from '../../src/lib/map/live-data';
import { SourceHealth, sameSourceStates } from '../../src/lib/map/source-health';
import type { LocatedPost } from '../../src/lib/posts/post';
import { MIN } from './helpers';

const T0 = Date.parse('2012-09-21T18:00:00Z');
let n = 0;
const post = (source: LocatedPost['source'], t: number, located = true): LocatedPost => ({
	id: `p${n++}`,
	source,
	author: 'a',
	created_at: new Date(t).toISOString(),
	text: 'x',
	t,
	method: located ? 'gps' : 'none',
	...(located ? { pos: [6.6, 53.17] as [number, number], precision_m: 10 } : {})
});
/** One post a minute of `source` from t0 for `minutes` minutes. */
const everyMinute = (source: LocatedPost['source'], t0: number, minutes: number) =>
	Array.from({ length: minutes }, (_, i) => post(source, t0 + i * MIN + 1000));

describe('source health: posts a minute and the last post per source, on the map clock', () => {
	it('gives the rate over the window and the last post at or before the clock', () => {
		const h = new SourceHealth();
		h.add(everyMinute('bluesky', T0, 60));
		h.add([post('mastodon', T0 + 30 * MIN + 5000)]);
		const at = h.at(T0 + 60 * MIN);
		expect(at.map((s) => s.source)).toEqual(['bluesky', 'mastodon']); // busiest first
		expect(at[0]).toMatchObject({ perMinute: 1, last: T0 + 59 * MIN + 1000, quiet: false });
		expect(at[1]).toMatchObject({ perMinute: 0, last: T0 + 30 * MIN + 5000 });
		// In a replay the store holds posts ahead of the clock: they are not "the last" yet.
		const back = h.at(T0 + 20 * MIN + 30_000);
		expect(back[0].last).toBe(T0 + 20 * MIN + 1000);
		expect(back.map((s) => s.source)).toEqual(['bluesky']); // mastodon had not posted yet
	});

	it('calls a source quiet when silent far longer than usual while others still deliver', () => {
		const h = new SourceHealth();
		h.add(everyMinute('bluesky', T0, 60)); // one a minute, last at T0 + 59:01
		h.add(everyMinute('x', T0, 120)); // x goes on for another hour
		const last = T0 + 59 * MIN + 1000;
		const bluesky = (now: number) => h.at(now).find((s) => s.source === 'bluesky')!;
		expect(bluesky(last + 4 * MIN).quiet).toBe(false); // under the 5 minute floor
		expect(bluesky(last + 6 * MIN).quiet).toBe(true);
		// Ten posts an hour (one per 6 min): quiet only after 5 x 6 = 30 minutes.
		const slow = new SourceHealth();
		slow.add(Array.from({ length: 10 }, (_, i) => post('mastodon', T0 + i * 6 * MIN)));
		slow.add(everyMinute('x', T0, 120));
		const sl = T0 + 54 * MIN;
		const mastodon = (now: number) => slow.at(now).find((s) => s.source === 'mastodon')!;
		expect(mastodon(sl + 25 * MIN).quiet).toBe(false);
		expect(mastodon(sl + 31 * MIN).quiet).toBe(true);
		// Too few posts to know an interval: never called quiet.
		const rare = new SourceHealth();
		rare.add([post('tiktok', T0), post('tiktok', T0 + MIN)]);
		rare.add(everyMinute('x', T0, 600));
		expect(rare.at(T0 + 10 * 60 * MIN).find((s) => s.source === 'tiktok')!.quiet).toBe(false);
	});

	it('calls no source quiet when nothing arrives at all (the connection, not a source)', () => {
		const h = new SourceHealth();
		h.add(everyMinute('bluesky', T0, 60));
		h.add(everyMinute('x', T0, 60));
		const states = h.at(T0 + 3 * 60 * MIN); // the map's clock ran on, no post of any source
		expect(states.map((s) => s.quiet)).toEqual([false, false]);
		expect(states.map((s) => s.perMinute)).toEqual([0, 0]); // nothing arrives: a rate of 0
	});

	it('forgets what left the history, and compares lists as shown', () => {
		const h = new SourceHealth();
		h.add(everyMinute('bluesky', T0, 10));
		h.evictBefore(T0 + 5 * MIN);
		expect(h.at(T0 + 10 * MIN)[0].perMinute).toBeCloseTo(0.5, 5);
		h.evictBefore(T0 + 60 * MIN);
		expect(h.at(T0 + 61 * MIN)).toEqual([]);
		const a = [{ source: 'x', perMinute: 1.01, last: T0 + 1000, quiet: false }];
		const b = [{ source: 'x', perMinute: 1.02, last: T0 + 2000, quiet: false }];
		expect(sameSourceStates(a, b)).toBe(true);
		expect(sameSourceStates(a, [{ ...b[0], quiet: true }])).toBe(false);
		expect(sameSourceStates(a, [{ ...b[0], perMinute: 1.2 }])).toBe(false);
	});

	it('counts every post the map receives once, located or not (LiveData)', () => {
		const live = new LiveData(new LocalAnalyses([]), 60 * MIN, T0);
		const batch = [post('bluesky', T0 + 1000), post('bluesky', T0 + 2000, false)];
		live.add(batch);
		live.add([batch[0]]); // a located duplicate is dropped by the store
		const s = live.sources.at(T0 + MIN);
		expect(s).toHaveLength(1);
		expect(s[0].perMinute * 10).toBeCloseTo(2, 5);
	});
});
