/**
 * The unknown-square scenario and its quiet twin (src/lib/scenario/unknown-square.ts): the
 * properties issue 12 asks of them, on the real gazetteer where it is present (else the built-in
 * places). Seed 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGazetteer } from '../../src/lib/geo/gazetteer';
import { knownNames, unknownPlaceNames } from '../../src/lib/geo/learned-places';
import { distanceM } from '../../src/lib/geo/measure';
import type { Post } from '../../src/lib/posts/post';
import { validatePost } from '../../src/lib/posts/validate';
import { BUILTIN_PLACES, SCENARIO_NAMES, createScenario } from '../../src/lib/scenario/index';
import { BIJLMERPLEIN, US_CALL_AT, US_ONSET } from '../../src/lib/scenario/unknown-square';
import { maybeCall, callCues } from '../../src/lib/detection/mobilisation';

const GAZ = '../shared/geodata/gazetteer/nl_gazetteer.json';
const places = existsSync(GAZ)
	? parseGazetteer(JSON.parse(readFileSync(GAZ, 'utf8'))).places
	: BUILTIN_PLACES;
const MIN = 60_000;
const comp = (p: Post) => p.id.split(':')[1].slice(4, 6);

describe('unknown-square: a call to a square the gazetteer lacks', () => {
	const sc = createScenario('unknown-square', { seed: 1 });
	const posts = sc.generate(US_CALL_AT - 30 * MIN, US_ONSET + 2 * 60 * MIN);
	const calls = posts.filter(
		(p) => comp(p) === '72' && p.text && maybeCall(p.text) && callCues(p.text).weight >= 1
	);

	it('is registered with a mobilisation label 55 min before the physical one, at the square', () => {
		expect(SCENARIO_NAMES).toContain('unknown-square');
		expect(SCENARIO_NAMES).toContain('quiet-sunday');
		const [call, crowd] = sc.info.labels;
		expect(call.kind).toBe('mobilisation');
		expect(Date.parse(crowd.onset) - Date.parse(call.onset)).toBe(55 * MIN);
		expect(distanceM(call.lon, call.lat, crowd.lon, crowd.lat)).toBe(0);
		expect(posts.every((p) => validatePost(p).ok)).toBe(true);
	});
	it('names a square that is not in the gazetteer; the district or city in a minority of calls', () => {
		const known = knownNames(places);
		expect(unknownPlaceNames('naar het Bijlmerplein', known)).toEqual([
			{ key: 'bijlmerplein', name: 'Bijlmerplein' }
		]);
		expect(places.some((p) => /bijlmerplein/i.test(p.name))).toBe(false);
		expect(calls.length).toBeGreaterThan(60);
		const first = Math.min(...calls.map((p) => Date.parse(p.created_at)));
		expect(first).toBeGreaterThanOrEqual(US_CALL_AT);
		expect(first).toBeLessThan(US_ONSET - 45 * MIN);
		const other = calls.filter((p) =>
			/zuidoost|bijlmer\b|amsterdam|a'dam|mokum|\badam\b/i.test(p.text)
		);
		expect(other.length / calls.length).toBeGreaterThan(0.2);
		expect(other.length / calls.length).toBeLessThan(0.5);
		// Few geotags: the calls at most 5%, the crowd's posts at the square under 10%.
		const geo = calls.filter((p) => p.lon !== undefined).length;
		expect(geo / calls.length).toBeLessThan(0.05);
		const crowd = posts.filter((p) => comp(p) === '73' && Date.parse(p.created_at) >= US_ONSET);
		expect(crowd.length).toBeGreaterThan(100);
		expect(crowd.filter((p) => p.lon !== undefined).length / crowd.length).toBeLessThan(0.1);
		const atSquare = crowd.filter(
			(p) => p.lon !== undefined && distanceM(p.lon, p.lat!, ...BIJLMERPLEIN) < 300
		);
		expect(atSquare.length).toBeGreaterThan(3);
	});
});

describe('quiet-sunday: the same city on an ordinary weekend', () => {
	it('has no labels, talk about the square, and no call or crowd stream', () => {
		const sc = createScenario('quiet-sunday', { seed: 1 });
		expect(sc.info.labels).toEqual([]);
		const from = Date.parse('2024-11-10T00:00:00+01:00');
		const posts = sc.generate(from, from + 24 * 60 * MIN);
		const talk = posts.filter((p) => comp(p) === '71');
		expect(talk.length).toBeGreaterThan(8);
		const named = talk.filter((p) => /bijlmerplein/i.test(p.text)).length;
		expect(named / talk.length).toBeGreaterThan(0.9);
		expect(posts.some((p) => comp(p) === '72' || comp(p) === '73')).toBe(false);
	});
});
