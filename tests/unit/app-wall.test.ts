import { describe, expect, it } from 'vitest';
import { distanceM } from '../../src/lib/geo/measure';
import { WallDirector, incidentBounds, type WallItem } from '../../src/lib/app/wall';

const item = (id: string, over: Partial<WallItem> = {}): WallItem => ({
	id,
	severity: 'warning',
	status: 'acknowledged',
	lon: 6.6,
	lat: 53.17,
	radius_m: 300,
	last_update: 1000,
	...over
});
const ids = (d: WallDirector, items: WallItem[], times: number[]) =>
	times.map((t) => {
		const x = d.target(items, t);
		return x.kind === 'home' ? 'home' : x.id;
	});

describe('wall screen: what it frames with no one at it', () => {
	it('shows the whole area when nothing is active (resolved and false alarms are not)', () => {
		const d = new WallDirector(20_000);
		expect(d.target([], 0)).toEqual({ kind: 'home' });
		const gone = [item('a', { status: 'resolved' }), item('b', { status: 'false_alarm' })];
		expect(d.target(gone, 0)).toEqual({ kind: 'home' });
	});

	it('frames one incident, and cycles through several, most severe first', () => {
		const d = new WallDirector(20_000);
		const one = d.target([item('a')], 0);
		expect(one).toMatchObject({ kind: 'incident', id: 'a', takeover: false, index: 1, of: 1 });
		const many = [
			item('info', { severity: 'info', last_update: 9000 }),
			item('old', { last_update: 100 }),
			item('new', { last_update: 5000 })
		];
		const d2 = new WallDirector(20_000);
		expect(ids(d2, many, [0, 10_000, 20_000, 39_000, 40_000, 60_000])).toEqual([
			'new',
			'new',
			'old',
			'old',
			'info',
			'new'
		]);
	});

	it('lets an unacknowledged critical incident hold the screen until someone acknowledges it', () => {
		const d = new WallDirector(20_000);
		const others = [item('a', { last_update: 5000 }), item('b', { last_update: 4000 })];
		expect(ids(d, others, [0])).toEqual(['a']);
		const crit = item('c', { severity: 'critical', status: 'open', last_update: 1 });
		const withCrit = [...others, crit];
		const held = [0, 30_000, 60_000, 90_000].map((t) => d.target(withCrit, 1000 + t));
		expect(held.every((x) => x.kind === 'incident' && x.id === 'c' && x.takeover)).toBe(true);
		// Acknowledged elsewhere: it joins the cycle (first, as the most severe), no longer held.
		const acked = [...others, { ...crit, status: 'acknowledged' }];
		const after = d.target(acked, 100_000);
		expect(after).toMatchObject({ id: 'c', takeover: false, index: 1, of: 3 });
		expect(ids(d, acked, [110_000, 120_000])).toEqual(['c', 'a']);
	});

	it('returns to the whole area when the last incident ends, and frames a new one at once', () => {
		const d = new WallDirector(20_000);
		expect(ids(d, [item('a')], [0])).toEqual(['a']);
		expect(ids(d, [item('a', { status: 'resolved' })], [1000])).toEqual(['home']);
		expect(ids(d, [item('b')], [2000])).toEqual(['b']);
	});

	it("frames an incident's ring with a margin: 1.3 radii, at least 800 m", () => {
		const small = incidentBounds({ lon: 6.6, lat: 53.17, radius_m: 50 });
		expect(distanceM(6.6, 53.17, small[1][0], 53.17)).toBeCloseTo(800, -1);
		expect(distanceM(6.6, 53.17, 6.6, small[1][1])).toBeCloseTo(800, -1);
		const big = incidentBounds({ lon: 6.6, lat: 53.17, radius_m: 3500 });
		expect(distanceM(6.6, 53.17, 6.6, big[0][1])).toBeCloseTo(4550, -2);
	});
});
