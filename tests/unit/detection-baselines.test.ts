/** The evaluation's baselines: count threshold per H3 cell and the Walther & Kaisser rule. */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/lib/detection/api';
import {
	createCountThresholdBaseline,
	createWaltherKaisserBaseline
} from '../../src/lib/detection/baselines';
import { distanceM } from '../../src/lib/geo/measure';
import type { LocatedPost, LocateMethod } from '../../src/lib/posts/post';
import { HOUR, MIN, prng } from './helpers';

const T0 = Date.parse('2012-09-21T18:00:00Z');
/** Station Haren area. */
const LON = 6.6095;
const LAT = 53.1735;
/** Degrees of latitude per metre. */
const DLAT = 1 / 111_195;

let seq = 0;
function post(
	t: number,
	opts: {
		lon?: number;
		lat?: number;
		author?: string;
		method?: LocateMethod;
		precision?: number;
	} = {}
): LocatedPost {
	const id = `p${++seq}`;
	const method = opts.method ?? 'gps';
	return {
		id,
		source: 'x',
		author: opts.author ?? `a${seq}`,
		created_at: new Date(t).toISOString(),
		text: 'test',
		t,
		method,
		pos: method === 'none' ? undefined : [opts.lon ?? LON, opts.lat ?? LAT],
		precision_m: opts.precision ?? (method === 'gps' ? 25 : 1800)
	};
}

function expectFormat(a: Alert): void {
	expect(a.kind).toBe('surge');
	expect(['info', 'warning', 'critical']).toContain(a.severity);
	expect(Number.isFinite(Date.parse(a.detected_at))).toBe(true);
	expect(a.evidence.length).toBeGreaterThan(0);
	expect(a.evidence.length).toBeLessThanOrEqual(50);
	expect(a.summary.length).toBeGreaterThan(20);
	expect(a.radius_m).toBeGreaterThan(0);
}

describe('count threshold baseline', () => {
	it('fires when a cell reaches the threshold within the window, not before', () => {
		const d = createCountThresholdBaseline({ threshold: 5 });
		const first = [0, 1, 2, 3].map((i) => post(T0 + i * MIN));
		expect(d.push(first)).toEqual([]);
		const alerts = d.push([post(T0 + 4 * MIN)]);
		expect(alerts).toHaveLength(1);
		expectFormat(alerts[0]);
		expect(alerts[0].score).toBe(5);
		expect(alerts[0].detected_at).toBe(new Date(T0 + 4 * MIN).toISOString());
		expect(alerts[0].summary).toContain('5 berichten binnen 30 minuten');
		expect(distanceM(alerts[0].lon, alerts[0].lat, LON, LAT)).toBeLessThan(600);
	});

	it('does not fire when the posts are spread over more than the window', () => {
		const d = createCountThresholdBaseline({ threshold: 5 });
		const out = [0, 10, 20, 31, 42, 53, 64].flatMap((m) => d.push([post(T0 + m * MIN)]));
		expect(out).toEqual([]);
	});

	it('keeps one id while the cell keeps firing and reports growth', () => {
		const d = createCountThresholdBaseline({ threshold: 4 });
		const out: Alert[] = [];
		for (let i = 0; i < 20; i++) out.push(...d.push([post(T0 + i * MIN)]));
		const ids = new Set(out.map((a) => a.id));
		expect(ids.size).toBe(1);
		expect(out.at(-1)?.score).toBe(20);
		expect(out.at(-1)?.severity).toBe('critical');
		// The first detected_at is kept on updates.
		expect(out.at(-1)?.detected_at).toBe(out[0].detected_at);
		expect(out.at(-1)?.evidence[0]).toBe(`p${seq}`);
	});

	it('opens a new id after the place has been quiet for quietCloseMs', () => {
		const d = createCountThresholdBaseline({ threshold: 3, quietCloseMs: HOUR });
		const a = [0, 1, 2].flatMap((i) => d.push([post(T0 + i * MIN)]));
		const b = [0, 1, 2].flatMap((i) => d.push([post(T0 + 3 * HOUR + i * MIN)]));
		expect(a).toHaveLength(1);
		expect(b).toHaveLength(1);
		expect(b[0].id).not.toBe(a[0].id);
	});

	it('ignores imprecise and unlocated posts and posts in other cells', () => {
		const d = createCountThresholdBaseline({ threshold: 3 });
		const out = d.push([
			post(T0, { method: 'text', precision: 1800 }),
			post(T0 + 1000, { method: 'place', precision: 2900 }),
			post(T0 + 2000, { method: 'none' }),
			post(T0 + 3000, { lat: LAT + 3000 * DLAT }),
			post(T0 + 4000)
		]);
		expect(out).toEqual([]);
		// A station-precision place post counts.
		expect(
			d.push([post(T0 + 5000, { method: 'place', precision: 300 }), post(T0 + 6000)])
		).toHaveLength(1);
	});

	it('names a watched area the cell centre lies in, caps evidence at 50', () => {
		const ring: [number, number][] = [
			[LON - 0.02, LAT - 0.02],
			[LON + 0.02, LAT - 0.02],
			[LON + 0.02, LAT + 0.02],
			[LON - 0.02, LAT + 0.02],
			[LON - 0.02, LAT - 0.02]
		];
		const d = createCountThresholdBaseline({
			threshold: 60,
			areas: [{ id: 'h', name: 'Station Haren', polygon: ring }]
		});
		const batch = Array.from({ length: 60 }, (_, i) => post(T0 + i * 10_000));
		const [a] = d.push(batch);
		expect(a.place).toBe('Station Haren');
		expect(a.summary).toContain('in Station Haren');
		expect(a.evidence).toHaveLength(50);
	});

	it('stays quiet on a steady random background below the threshold', () => {
		const rnd = prng(7);
		const d = createCountThresholdBaseline({ threshold: 8 });
		const out: Alert[] = [];
		// 2 posts a minute spread over ~40 x 40 km for 6 hours.
		for (let m = 0; m < 360; m++) {
			const batch = [0, 1].map(() =>
				post(T0 + m * MIN + rnd() * MIN, {
					lon: 6 + rnd() * 0.6,
					lat: 53 + rnd() * 0.36
				})
			);
			batch.sort((a, b) => a.t - b.t);
			out.push(...d.push(batch));
			out.push(...(d.advance?.(T0 + (m + 1) * MIN) ?? []));
		}
		expect(out).toEqual([]);
	});
});

describe('Walther & Kaisser baseline', () => {
	it('fires on 4 distinct authors within 200 m and 30 minutes', () => {
		const d = createWaltherKaisserBaseline();
		const out = [0, 5, 10, 15].flatMap((m, i) =>
			d.push([post(T0 + m * MIN, { lat: LAT + i * 40 * DLAT })])
		);
		expect(out).toHaveLength(1);
		expectFormat(out[0]);
		expect(out[0].score).toBe(4);
		expect(out[0].radius_m).toBe(200);
		expect(out[0].summary).toContain('4 verschillende afzenders binnen 200 m en 30 minuten');
		expect(distanceM(out[0].lon, out[0].lat, LON, LAT + 60 * DLAT)).toBeLessThan(5);
	});

	it('counts people, not posts, unless told otherwise', () => {
		const same = [0, 1, 2, 3, 4].map((m) => post(T0 + m * MIN, { author: 'one' }));
		expect(createWaltherKaisserBaseline().push(same)).toEqual([]);
		expect(createWaltherKaisserBaseline({ distinctAuthors: false }).push(same)).toHaveLength(1);
	});

	it('needs all four within the radius and the window', () => {
		const far = createWaltherKaisserBaseline();
		expect(
			far.push([
				post(T0),
				post(T0 + MIN),
				post(T0 + 2 * MIN),
				post(T0 + 3 * MIN, { lat: LAT + 260 * DLAT })
			])
		).toEqual([]);
		const slow = createWaltherKaisserBaseline();
		expect([0, 11, 22, 33, 44].flatMap((m) => slow.push([post(T0 + m * MIN)]))).toEqual([]);
	});

	it('finds clusters across grid cell borders', () => {
		// Points 60 m apart around a cell border: whichever cell they fall in, the 3x3 block sees them.
		const d = createWaltherKaisserBaseline();
		const out = d.push(
			[0, 1, 2, 3].map((i) => post(T0 + i * MIN, { lon: 6.60001 + (i - 1.5) * 0.0009 }))
		);
		expect(out).toHaveLength(1);
	});

	it('merges repeated firing in one place into one id and keeps two places apart', () => {
		const d = createWaltherKaisserBaseline();
		const out: Alert[] = [];
		for (let i = 0; i < 12; i++) {
			out.push(...d.push([post(T0 + i * MIN, { lat: LAT + (i % 3) * 30 * DLAT })]));
			out.push(...d.push([post(T0 + i * MIN + 1000, { lat: LAT + 5000 * DLAT })]));
		}
		const ids = [...new Set(out.map((a) => a.id))];
		expect(ids).toHaveLength(2);
		const last = new Map(out.map((a) => [a.id, a]));
		for (const a of last.values()) expect(a.score).toBe(12);
	});

	it('uses only geotagged posts by default', () => {
		const d = createWaltherKaisserBaseline();
		const out = d.push(
			[0, 1, 2, 3].map((i) => post(T0 + i * MIN, { method: 'place', precision: 200 }))
		);
		expect(out).toEqual([]);
	});

	it('forgets posts older than the window, so late bursts elsewhere start clean', () => {
		const d = createWaltherKaisserBaseline();
		// Three authors, then nothing for an hour, then one more: no cluster.
		const out = [
			...d.push([post(T0), post(T0 + MIN), post(T0 + 2 * MIN)]),
			...(d.advance?.(T0 + HOUR) ?? []),
			...d.push([post(T0 + HOUR + MIN)])
		];
		expect(out).toEqual([]);
	});
});
