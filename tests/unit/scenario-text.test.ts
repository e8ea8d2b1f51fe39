/** Scenario text engine and lexicons: every template expands, the noise keeps what it must. */
import { describe, expect, it } from 'vitest';
import { makeHandle, regionAuthor } from '../../src/lib/scenario/authors';
import { ERA_2012, ERA_2024, GENERAL, MORE } from '../../src/lib/scenario/lexicon';
import { HAREN_LEX } from '../../src/lib/scenario/lexicon-haren';
import { KD_LEX } from '../../src/lib/scenario/lexicon-kd';
import { Rand, hash32 } from '../../src/lib/scenario/rng';
import { STYLES, expand, roughen, tidy, withTags } from '../../src/lib/scenario/text';

const VARS = {
	place: 'Haren',
	dest: 'Groningen',
	from: 'Assen',
	street: 'de Stationsweg',
	spot: 'de Dam',
	rsvp: '25.000',
	invited: '240.000',
	hhmm: '19:05',
	arrests: '12',
	nu_dag: 'dinsdag',
	nog: 'Nog 3 dagen'
};

describe('lexicons', () => {
	it.each([
		['2012', { ...GENERAL, ...MORE, ...ERA_2012, ...HAREN_LEX }],
		['2024', { ...GENERAL, ...MORE, ...ERA_2024, ...KD_LEX }]
	])('every template of the %s lexicon expands', (_era, lex) => {
		const errors: string[] = [];
		let n = 0;
		for (const [key, list] of Object.entries(lex))
			for (const tpl of list)
				for (let seed = 0; seed < 8; seed++) {
					try {
						const s = tidy(expand(tpl, new Rand(hash32(key, tpl, seed)), lex, VARS));
						n++;
						if (/[[\]{}|]/.test(s)) errors.push(`${key}: leftover syntax in "${s}"`);
					} catch (e) {
						errors.push(`${key}: ${(e as Error).message}`);
						break;
					}
				}
		expect(errors.slice(0, 10)).toEqual([]);
		expect(n).toBeGreaterThan(1000);
	});
});

describe('template expansion', () => {
	it('picks alternatives, nests, inserts variables and lexicon entries', () => {
		const lex = { kleur: ['rood', 'blauw'] };
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++)
			seen.add(expand('[a|b[c|d]|] {kleur} {x}', new Rand(i), lex, { x: 'X' }));
		expect([...seen].sort()).toEqual(
			[
				' rood X',
				' blauw X',
				'a rood X',
				'a blauw X',
				'bc rood X',
				'bc blauw X',
				'bd rood X',
				'bd blauw X'
			].sort()
		);
		expect(() => expand('{nope}', new Rand(1), lex, {})).toThrow(/unknown slot/);
		expect(() => expand('[a|b', new Rand(1), lex, {})).toThrow(/unbalanced/);
	});

	it('tidies spacing and punctuation', () => {
		expect(tidy('  zo  druk ,  echt !')).toBe('zo druk, echt!');
		expect(tidy(', hallo..')).toBe('hallo.');
	});

	it('roughening keeps hashtags, mentions, numbers and links intact', () => {
		for (let i = 0; i < 300; i++) {
			const s = roughen(
				new Rand(i),
				'Echt zo druk #projectxharen @politie 21:00 https://x.com/a/status/1 vandaag',
				STYLES.teen,
				['😂']
			);
			expect(s).toContain('#projectxharen');
			expect(s).toContain('@politie');
			expect(s).toContain('21:00');
			expect(s).toContain('https://x.com/a/status/1');
		}
	});

	it('roughening varies spelling the way people write', () => {
		const out = new Set<string>();
		for (let i = 0; i < 500; i++)
			out.add(
				roughen(
					new Rand(i),
					'Ik ga echt even naar huis, het is hier niet gezellig meer.',
					STYLES.teen,
					[]
				)
			);
		expect(out.size).toBeGreaterThan(100);
		const all = [...out].join(' ');
		expect(all).toMatch(/\begt\b/);
		expect(all).toMatch(/\bff\b/);
		expect(all).toMatch(/\bik ga\b/);
	});

	it('adds hashtags without repeating one already in the text', () => {
		for (let i = 0; i < 100; i++) {
			const s = withTags(new Rand(i), 'feest #PXH', ['#PXH', '#haren'], 2);
			expect(s.match(/#pxh/gi)?.length).toBe(1);
		}
	});
});

describe('handles', () => {
	it('are valid, varied and stable per region and index', () => {
		const hs = new Set<string>();
		for (let i = 0; i < 2000; i++) {
			const h = makeHandle(new Rand(i), i % 2 ? 'Groningen' : "'s-Hertogenbosch");
			expect(h).toMatch(/^[A-Za-z0-9._]{3,30}$/);
			hs.add(h);
		}
		expect(hs.size).toBeGreaterThan(1700);
		expect(regionAuthor(5, 'Haren@6.61,53.17', 'Haren', 12)).toBe(
			regionAuthor(5, 'Haren@6.61,53.17', 'Haren', 12)
		);
		expect(regionAuthor(5, 'Haren@6.61,53.17', 'Haren', 12)).not.toBe(
			regionAuthor(6, 'Haren@6.61,53.17', 'Haren', 12)
		);
	});
});

describe('random numbers', () => {
	it('are reproducible and roughly uniform', () => {
		const a = new Rand(42);
		const b = new Rand(42);
		const xs = Array.from({ length: 10_000 }, () => a.next());
		expect(xs).toEqual(Array.from({ length: 10_000 }, () => b.next()));
		const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
		expect(mean).toBeGreaterThan(0.48);
		expect(mean).toBeLessThan(0.52);
		expect(hash32('a', 1)).not.toBe(hash32('a', 2));
		expect(hash32(2 ** 40)).not.toBe(hash32(2 ** 40 + 4294967296));
		const r = new Rand(7);
		let sum = 0;
		for (let i = 0; i < 5000; i++) sum += r.poisson(4.5);
		expect(sum / 5000).toBeGreaterThan(4.3);
		expect(sum / 5000).toBeLessThan(4.7);
	});
});
