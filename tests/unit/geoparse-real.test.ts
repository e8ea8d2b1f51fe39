/**
 * The real-text evaluation sets of the geoparser (tests/fixtures/geoparse/real/): their shape
 * (size, negatives, a source for every sentence), the split by source page (no page in both
 * halves, and the half each page is in follows the rule in real/README.md), and the scoring rules
 * the evaluation uses for them (inGazetteer, calibration).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	figures,
	judge,
	LabelledError,
	NEGATIVE_CATS,
	parseLabelled,
	type LabelledItem
} from '../../src/lib/geo/geoparse-eval';

const dir = resolve('tests/fixtures/geoparse/real');
const dev = parseLabelled(readFileSync(resolve(dir, 'dev.ndjson'), 'utf8'));
const heldout = parseLabelled(readFileSync(resolve(dir, 'heldout.ndjson'), 'utf8'));

/** The split rule: the first byte of the SHA-256 of the source address, even = dev, odd = held-out. */
function half(source: string): 'dev' | 'heldout' {
	return createHash('sha256').update(source).digest()[0] % 2 === 0 ? 'dev' : 'heldout';
}

describe('the real-text sets', () => {
	const all: LabelledItem[] = [...dev, ...heldout];

	it('hold at least 300 sentences, at least 80 of them negatives, each with its source page', () => {
		expect(all.length).toBeGreaterThanOrEqual(300);
		expect(all.filter((it) => it.gold === null).length).toBeGreaterThanOrEqual(80);
		for (const it of all) expect(it.source, it.id).toMatch(/^https?:\/\//);
	});

	it('have ids unique across both halves', () => {
		const ids = all.map((it) => it.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('are split by source page: no page in both halves, each in the half the rule gives', () => {
		const devPages = new Set(dev.map((it) => it.source));
		for (const it of heldout) expect(devPages.has(it.source), it.id).toBe(false);
		for (const it of dev) expect(half(it.source!), it.id).toBe('dev');
		for (const it of heldout) expect(half(it.source!), it.id).toBe('heldout');
	});

	it('give each half a share of the negatives and of the harder categories', () => {
		for (const set of [dev, heldout]) {
			expect(set.length).toBeGreaterThanOrEqual(100);
			expect(set.filter((it) => it.gold === null).length).toBeGreaterThanOrEqual(30);
			expect(
				set.filter((it) => it.cat && !['town', 'negative'].includes(it.cat)).length
			).toBeGreaterThan(40);
		}
	});
});

describe('real-text labels and scoring', () => {
	const line = (o: Record<string, unknown>) => JSON.stringify({ id: 'x1', text: 'iets', ...o });

	it('accepts a source page and rejects a source that is not an address', () => {
		const ok = parseLabelled(line({ gold: null, cat: 'foreign', source: 'https://example.org/a' }));
		expect(ok[0].source).toBe('https://example.org/a');
		expect(() => parseLabelled(line({ gold: null, source: 'example.org' }))).toThrow(LabelledError);
	});

	it('lets foreign, organisation and word be negatives, but not town', () => {
		expect([...NEGATIVE_CATS].sort()).toEqual(['foreign', 'negative', 'organisation', 'word']);
		expect(() => parseLabelled(line({ gold: null, cat: 'town' }))).toThrow(/needs a gold place/);
	});

	it('keeps a place outside the gazetteer out of recall but counts its placement in precision', () => {
		const gold = { name: 'Zonneplein', lon: 5.1, lat: 52.1 };
		const [inside] = parseLabelled(line({ gold: { ...gold, name: 'Utrecht' } }));
		const [outside] = parseLabelled(line({ id: 'x2', gold, inGazetteer: false }));
		const f = figures([
			judge(inside, { method: 'text', pos: [5.1, 52.1] }),
			judge(outside, { method: 'text', pos: [5.1, 52.1] })
		]);
		expect(f.positives).toBe(1);
		expect(f.recall).toBe(1);
		expect(f.located).toBe(2);
		expect(f.precision).toBe(1);
		const missed = figures([judge(outside, { method: 'none' })]);
		expect(missed.positives).toBe(0);
		expect(Number.isNaN(missed.recall)).toBe(true);
	});

	it('measures calibration over placements with confidence 0.9 or more', () => {
		const [it] = parseLabelled(line({ gold: { name: 'Utrecht', lon: 5.1, lat: 52.1 } }));
		const right = judge(it, { method: 'text', pos: [5.1, 52.1], confidence: 0.95 });
		const wrong = judge(it, { method: 'text', pos: [6.5, 53.2], confidence: 0.92 });
		const unsure = judge(it, { method: 'text', pos: [6.5, 53.2], confidence: 0.5 });
		const f = figures([right, wrong, unsure]);
		expect([f.withConfidence, f.confident, f.confidentCorrect]).toEqual([3, 2, 1]);
		expect(judge(it, { method: 'none', confidence: 0.99 }).confidence).toBeUndefined();
	});
});

describe('real-text figures', () => {
	it('count only sentences without a gold place as negatives', () => {
		const line = (o: Record<string, unknown>) => JSON.stringify({ text: 'iets', ...o });
		const items = parseLabelled(
			[
				line({ id: 'a', gold: null, cat: 'foreign' }),
				line({ id: 'b', gold: { name: 'X', lon: 5, lat: 52 }, inGazetteer: false }),
				line({ id: 'c', gold: { name: 'Utrecht', lon: 5.1, lat: 52.1 } })
			].join('\n')
		);
		const f = figures(items.map((it) => judge(it, { method: 'none' })));
		expect([f.positives, f.negatives]).toEqual([1, 1]);
	});
});

describe('places as right as gold', () => {
	it('judges a placement at an `also` place correct, and rejects `also` without gold', () => {
		const line = JSON.stringify({
			id: 'l1',
			cat: 'multi',
			text: 'Demonstraties in Utrecht, Zwolle en Assen',
			gold: { name: 'Utrecht', lon: 5.12222, lat: 52.09083, kind: 'P.PPLA' },
			also: [{ name: 'Zwolle', lon: 6.09444, lat: 52.5125, kind: 'P.PPLA' }]
		});
		const [it] = parseLabelled(line);
		expect(judge(it, { method: 'text', pos: [6.0944, 52.5125] }).correct).toBe(true);
		expect(judge(it, { method: 'text', pos: [6.5667, 52.9925] }).correct).toBe(false);
		const bad = JSON.stringify({ id: 'l2', text: 'x', gold: null, also: [] });
		expect(() => parseLabelled(bad)).toThrow(/also must be/);
	});
});
