/**
 * The match-day scenarios (src/lib/scenario/matchday.ts): the same match and plan in both, the
 * trouble on the Stadhuisplein only in `match-day`, where its label says, and valid posts.
 */
import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/lib/posts/post';
import { validatePost } from '../../src/lib/posts/validate';
import { createScenario, scenarioInfo } from '../../src/lib/scenario/index';
import { distanceM, pointInPolygon } from '../../src/lib/geo/measure';
import { parseTime } from '../../src/lib/time/amsterdam';

const t = (s: string) => parseTime(s);
const near = (p: Post, c: [number, number], m: number) =>
	p.lon !== undefined && p.lat !== undefined && distanceM(p.lon, p.lat, c[0], c[1]) <= m;

describe('match-day scenarios', () => {
	const from = t('2024-11-09T21:30:00+01:00');
	const to = t('2024-11-10T00:30:00+01:00');
	const trouble = createScenario('match-day').generate(from, to);
	const quiet = createScenario('match-day-quiet').generate(from, to);

	it('share the match and its plan; only match-day labels the trouble', () => {
		const a = scenarioInfo('match-day');
		const b = scenarioInfo('match-day-quiet');
		expect(a.areas).toEqual(b.areas);
		expect(a.areas[0].planned?.crowd).toBe(47000);
		expect(a.areas[0].planned?.routes?.length).toBeGreaterThan(0);
		expect(b.labels.map((l) => l.id)).toEqual(['kuip-match']);
		const l = a.labels.find((x) => x.id === 'stadhuisplein-trouble')!;
		expect(l.planned).toBe(false);
		// A few kilometres from the stadium.
		const kuip = a.labels.find((x) => x.id === 'kuip-match')!;
		expect(distanceM(l.lon, l.lat, kuip.lon, kuip.lat)).toBeGreaterThan(4000);
		expect(trouble.length).toBeGreaterThan(quiet.length);
	});

	it('puts a crowd on the Stadhuisplein after the onset only in match-day, and valid posts', () => {
		const l = scenarioInfo('match-day').labels.find((x) => x.id === 'stadhuisplein-trouble')!;
		const onset = t(l.onset);
		const at = (ps: Post[]) =>
			ps.filter((p) => Date.parse(p.created_at) >= onset && near(p, [l.lon, l.lat], l.radius_m));
		expect(at(trouble).length).toBeGreaterThan(150);
		expect(at(quiet).length).toBeLessThan(10);
		for (const p of trouble.slice(0, 3000)) expect(validatePost(p).ok).toBe(true);
		// The fans leave the stadium at the final whistle: posts in the area before, few after.
		const area = scenarioInfo('match-day').areas[0].polygon;
		const inArea = (p: Post, a: number, b: number) => {
			const ts = Date.parse(p.created_at);
			return ts >= a && ts < b && p.lon !== undefined && pointInPolygon(p.lon, p.lat!, area);
		};
		const whistle = t('2024-11-09T21:55:00+01:00');
		const before = quiet.filter((p) => inArea(p, whistle - 1_800_000, whistle)).length;
		const after = quiet.filter((p) => inArea(p, whistle + 1_800_000, whistle + 3_600_000)).length;
		expect(before).toBeGreaterThan(100);
		expect(after).toBeLessThan(before / 10);
	});
});
