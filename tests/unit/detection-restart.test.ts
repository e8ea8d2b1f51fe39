/**
 * Alert ids and place names stay the same across a restart (issue 11): the detector worker
 * restarts from the database (it learns the history before its last 24 h and replays those), and
 * gets the alerts raised before through `restore`. Also: a place name is decided when the alert is
 * first raised and does not flip as the evidence grows.
 */
import { describe, expect, it } from 'vitest';
import type { Alert, StoredAlert } from '../../src/lib/detection/api';
import { createGatheringDetector } from '../../src/lib/detection/detector';
import { alertSummary } from '../../src/lib/detection/summary';
import type { LocatedPost } from '../../src/lib/posts/post';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';
import { HOUR, MIN, prng } from './helpers';

const DAY = 24 * HOUR;
const T0 = Date.parse('2012-09-19T10:00:00+02:00');

let seq = 0;
function call(author: string, t: number, text: string): LocatedPost {
	return {
		id: `fb:${++seq}`,
		source: 'facebook',
		author,
		created_at: new Date(t).toISOString(),
		text,
		t,
		method: 'none',
		engagement: { reposts: seq % 3 }
	};
}

function gps(author: string, t: number, pos: [number, number], text = 'hoi'): LocatedPost {
	return {
		id: `x:${++seq}`,
		source: 'x',
		author,
		created_at: new Date(t).toISOString(),
		text,
		t,
		method: 'gps',
		pos,
		precision_m: 25
	};
}

const CITIES: [number, number][] = [
	[4.9, 52.37],
	[5.12, 52.09],
	[4.48, 51.92],
	[6.57, 53.22],
	[5.47, 51.44]
];
function background(from: number, to: number, perHour: number, seed: number): LocatedPost[] {
	const r = prng(seed);
	const n = Math.round(((to - from) / HOUR) * perHour);
	return Array.from({ length: n }, (_, i) => {
		const c = CITIES[Math.floor(r() * CITIES.length)];
		return gps(`bg${Math.floor(r() * 5000)}`, from + Math.floor(((i + r()) * (to - from)) / n), [
			c[0] + (r() - 0.5) * 0.08,
			c[1] + (r() - 0.5) * 0.05
		]);
	});
}

/** A store of alerts as upsert_alerts keeps them: first detected_at, latest update. */
class Store {
	readonly rows = new Map<string, StoredAlert>();
	readonly versions: Alert[] = [];
	put(alerts: Alert[]): void {
		for (const a of alerts) {
			this.versions.push(a);
			const old = this.rows.get(a.id);
			this.rows.set(a.id, {
				id: a.id,
				kind: a.kind,
				lon: a.lon,
				lat: a.lat,
				place: old?.place ?? a.place,
				detected_at: old?.detected_at ?? a.detected_at,
				last_detected_at: a.detected_at
			});
		}
	}
}

/** Feed posts in batches of 50, created_at order. */
function feed(d: ReturnType<typeof createGatheringDetector>, posts: LocatedPost[], s: Store) {
	const sorted = [...posts].sort((a, b) => a.t - b.t);
	for (let i = 0; i < sorted.length; i += 50) s.put(d.push(sorted.slice(i, i + 50)));
}

describe('gathering detector: a restart keeps ids and place names', () => {
	// Calls to Haren that spread: one an hour on the first day, then one every 5 min, each by a
	// new author.
	const text = (i: number) => `Project X Haren vrijdag om 21:00!! iedereen komen #${i}`;
	const calls = [
		...Array.from({ length: 24 }, (_, i) => call(`slow${i}`, T0 + i * HOUR, text(i))),
		...Array.from({ length: 2 * 288 }, (_, i) => call(`fast${i}`, T0 + DAY + i * 5 * MIN, text(i)))
	];
	const restartAt = T0 + 2 * DAY + 3 * HOUR; // 21 September 13:00

	it('raises the mobilisation again under its stored id after a restart a day later', () => {
		const store = new Store();
		const first = createGatheringDetector({ places: BUILTIN_PLACES });
		feed(
			first,
			calls.filter((p) => p.t < restartAt - 2 * HOUR),
			store
		);
		const ids = [...store.rows.keys()].filter((id) => id.startsWith('mobilisation:'));
		expect(ids).toEqual(['mobilisation:haren:2012-09-19']);

		// The restarted worker: learns the 48-24 h before now, replays the last 24 h, restored
		// alerts first (as src/stack/detector-worker.ts does).
		const second = createGatheringDetector({ places: BUILTIN_PLACES });
		second.restore!([...store.rows.values()]);
		second.learn!([calls.filter((p) => p.t >= restartAt - 2 * DAY && p.t < restartAt - DAY)]);
		feed(
			second,
			calls.filter((p) => p.t >= restartAt - DAY),
			store
		);
		expect([...store.rows.keys()].filter((id) => id.startsWith('mobilisation:'))).toEqual(ids);
		const again = store.versions.filter((a) => Date.parse(a.detected_at) >= restartAt - DAY);
		expect(again.length).toBeGreaterThan(0);
		expect(again.every((a) => a.id === ids[0] && a.place === 'Haren')).toBe(true);
	});

	it('does not take over hand-made alerts, nor stored ones from another time', () => {
		const store = new Store();
		const d = createGatheringDetector({ places: BUILTIN_PLACES });
		const at = { kind: 'mobilisation', lon: 6.6093, lat: 53.1721 };
		d.restore!([
			{ ...at, id: 'e2e-1', place: 'Hand', detected_at: '2012-09-20T12:00:00Z' },
			{ ...at, id: 'mobilisation:later', place: 'Later', detected_at: '2026-12-07T12:00:00Z' },
			{ ...at, id: 'mobilisation:older', place: 'Ouder', detected_at: '2012-09-01T12:00:00Z' }
		]);
		feed(
			d,
			calls.filter((p) => p.t >= restartAt - DAY),
			store
		);
		expect([...store.rows.values()].map((a) => [a.id, a.place])).toEqual([
			['mobilisation:haren:2012-09-20', 'Haren']
		]);
	});

	it('without the stored alerts a fresh detector would re-key it (the defect restore fixes)', () => {
		const store = new Store();
		const fresh = createGatheringDetector({ places: BUILTIN_PLACES });
		feed(
			fresh,
			calls.filter((p) => p.t >= restartAt - DAY),
			store
		);
		expect([...store.rows.keys()]).toEqual(['mobilisation:haren:2012-09-20']);
	});

	it('keeps the place a mobilisation was first raised for when calls to a neighbour outnumber it', () => {
		// 20 callers for Haren, then 60 for Onnen (2.8 km away: the same cluster).
		const posts = [
			...Array.from({ length: 20 }, (_, i) =>
				call(`h${i}`, T0 + i * 5 * MIN, `Project X Haren vanavond 21:00 iedereen komen #${i}`)
			),
			...Array.from({ length: 60 }, (_, i) =>
				call(
					`o${i}`,
					T0 + 2 * HOUR + i * 5 * MIN,
					`Project X Onnen vanavond 21:00 iedereen komen #${i}`
				)
			)
		];
		const store = new Store();
		feed(createGatheringDetector({ places: BUILTIN_PLACES }), posts, store);
		const mob = store.versions.filter((a) => a.kind === 'mobilisation');
		expect(mob.length).toBeGreaterThan(1);
		expect(new Set(mob.map((a) => a.id)).size).toBe(1);
		expect(mob.map((a) => a.place)).toEqual(mob.map(() => 'Haren'));
		expect(mob.at(-1)!.summary).toMatch(/^Oproepen om naar Haren te komen: \d+ unieke auteurs/);
	});

	it('keeps the place a surge was first raised for as its centre moves', () => {
		const HIST = background(T0 - 2 * DAY, T0, 200, 1);
		const station: [number, number] = [6.6178, 53.1751];
		const centre: [number, number] = [6.604, 53.1738];
		const r = prng(5);
		const near = (p: [number, number]): [number, number] => [
			p[0] + (r() - 0.5) * 0.002,
			p[1] + (r() - 0.5) * 0.0015
		];
		const t1 = T0 + 19 * HOUR;
		const crowd = [
			...Array.from({ length: 40 }, (_, i) => gps(`s${i % 20}`, t1 + i * 30_000, near(station))),
			...Array.from({ length: 200 }, (_, i) =>
				gps(`c${i % 80}`, t1 + 20 * MIN + i * 12_000, near(centre))
			)
		];
		const d = createGatheringDetector({ places: BUILTIN_PLACES });
		d.learn!([HIST]);
		const store = new Store();
		feed(d, [...background(T0, T0 + 20 * HOUR, 200, 2), ...crowd], store);
		const surges = store.versions.filter((a) => a.kind === 'surge' && a.lat > 53.1);
		expect(surges.length).toBeGreaterThan(1);
		const byId = new Map<string, Set<string | undefined>>();
		for (const a of surges) byId.set(a.id, (byId.get(a.id) ?? new Set()).add(a.place));
		for (const names of byId.values()) expect(names.size).toBe(1);
		// The summary names the same place, in Dutch and (from the facts) in English.
		const last = surges.at(-1)!;
		expect(last.summary).toContain(`van ${last.place} in`);
		expect(alertSummary(last, 'en')).toContain(`of ${last.place} in`);
	});
});
