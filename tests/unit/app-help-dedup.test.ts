import { describe, expect, it } from 'vitest';
import { dedupeHelp, jaccard, normalise } from '../../src/lib/app/help-dedup';
import type { HelpCall } from '../../src/lib/map/help';

let n = 0;
function call(text: string, t: number, id = `p${++n}`): HelpCall {
	return { key: `x\u0000${id}`, id, source: 'x', t, text, cues: [], also: [] };
}

describe('normalise', () => {
	it('drops the retweet prefix, links, mentions, "via @x", punctuation and case', () => {
		expect(normalise('RT @Piet_1: HELP! Gewonde op de Markt, bel 112!! https://t.co/abc')).toBe(
			'help gewonde op de markt bel 112'
		);
		expect(normalise('help gewonde op de markt bel 112 via @jan')).toBe(
			'help gewonde op de markt bel 112'
		);
		expect(normalise('  Help   gewonde op de MARKT — bel 112 ')).toBe(
			'help gewonde op de markt bel 112'
		);
	});
	it('keeps the words of a text that only starts like a retweet', () => {
		expect(normalise('Rtl zegt: help')).toBe('rtl zegt help');
	});
});

describe('jaccard', () => {
	it('is the share of words in common', () => {
		expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
		expect(jaccard(new Set(), new Set())).toBe(1);
	});
});

describe('dedupeHelp', () => {
	it('shows the same call posted many times once, with a count', () => {
		const text = 'HELP iemand ligt gewond op de Grote Markt bel 112';
		const calls = [
			call(text, 1000),
			call(`RT @a: ${text}`, 2000),
			call(`${text} https://t.co/x`, 3000),
			call(text.toUpperCase() + '!!!', 4000),
			call('RT @b: RT @c: ' + text, 5000)
		];
		const groups = dedupeHelp(calls);
		expect(groups).toHaveLength(1);
		expect(groups[0].count).toBe(5);
		expect(groups[0].lead).toBe(calls[0]);
		expect(groups[0].last).toBe(5000);
		expect(groups[0].keys).toEqual(calls.map((c) => c.key));
	});

	it('groups near-same texts (a word more or less) but not different calls', () => {
		const a = call('help er ligt iemand gewond bij het station kom snel', 1000);
		const b = call('help er ligt iemand gewond bij het station kom snel aub', 2000);
		const c = call('help brand in de flat aan de kerkstraat bel de brandweer', 3000);
		const groups = dedupeHelp([c, b, a]);
		expect(groups.map((g) => [g.lead.id, g.count])).toEqual([
			[c.id, 1],
			[a.id, 2]
		]);
	});

	it('does not group short texts that are only alike', () => {
		const groups = dedupeHelp([call('help mij', 1), call('help hem', 2), call('help mij!', 3)]);
		expect(groups.map((g) => g.count).sort()).toEqual([1, 2]);
	});

	it('lists newest first by the latest call of each group, whatever the input order', () => {
		const old = call('help gewonde bij de brug over het kanaal nu', 1000);
		const mid = call('help aanrijding op de snelweg richting utrecht', 2000);
		const again = call('help gewonde bij de brug over het kanaal nu', 3000);
		const groups = dedupeHelp([again, mid, old]);
		expect(groups.map((g) => g.lead.id)).toEqual([old.id, mid.id]);
		expect(groups[0].count).toBe(2);
		expect(dedupeHelp([])).toEqual([]);
	});
});
