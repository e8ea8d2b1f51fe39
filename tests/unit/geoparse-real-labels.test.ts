/**
 * The labels of the real-text sets (tests/fixtures/geoparse/real/) after the label audit:
 * every gold and `also` place that is not marked `inGazetteer: false` is an entry of the real
 * gazetteer, copied exactly, and every change listed in LABEL-CHANGES.md is in the files (so a
 * later rewrite of the sets cannot silently undo the audit).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabelled, type Gold, type LabelledItem } from '../../src/lib/geo/geoparse-eval';

const dir = resolve('tests/fixtures/geoparse/real');
const sets: Record<string, LabelledItem[]> = {
	dev: parseLabelled(readFileSync(resolve(dir, 'dev.ndjson'), 'utf8')),
	heldout: parseLabelled(readFileSync(resolve(dir, 'heldout.ndjson'), 'utf8'))
};

const GAZETTEER = resolve(
	process.env.UITKIJK_GEODATA ?? resolve(__dirname, '../../../shared/geodata'),
	'gazetteer/nl_gazetteer.json'
);
const haveGazetteer = existsSync(GAZETTEER);

const place = (g: Gold) => `${g.name} (${g.kind})`;

/** A field of an item written as LABEL-CHANGES.md writes it. */
function written(item: LabelledItem, field: string): string {
	switch (field) {
		case 'gold':
			return item.gold ? place(item.gold) : 'null';
		case 'also':
			return item.also ? item.also.map(place).join('; ') : '(absent)';
		case 'inGazetteer':
			return item.inGazetteer === undefined ? '(absent)' : String(item.inGazetteer);
		case 'cat':
			return item.cat ?? '(absent)';
		default:
			throw new Error(`unknown field ${field}`);
	}
}

describe.skipIf(!haveGazetteer)('real-text labels on the real gazetteer', () => {
	const entries = haveGazetteer ? (JSON.parse(readFileSync(GAZETTEER, 'utf8')) as Gold[]) : [];
	const key = (g: Gold) => `${g.name}|${g.lon}|${g.lat}|${g.kind}`;
	const known = new Set(entries.map(key));

	it('copy every gold and `also` place exactly from the gazetteer, unless marked outside it', () => {
		const stray: string[] = [];
		for (const [name, items] of Object.entries(sets))
			for (const it of items) {
				if (it.gold && it.inGazetteer !== false && !known.has(key(it.gold)))
					stray.push(`${name} ${it.id} gold ${key(it.gold)}`);
				for (const a of it.also ?? [])
					if (!known.has(key(a))) stray.push(`${name} ${it.id} also ${key(a)}`);
			}
		expect(stray).toEqual([]);
	});
});

describe('the label audit', () => {
	const md = readFileSync(resolve(dir, 'LABEL-CHANGES.md'), 'utf8');
	const rows = md
		.split('\n')
		.map((l) => l.split('|').map((c) => c.trim()))
		.filter((c) => c.length === 8 && ['dev', 'heldout'].includes(c[2]))
		.filter((c) => ['gold', 'also', 'inGazetteer', 'cat'].includes(c[3]));

	it('lists its changes', () => {
		expect(rows.length).toBeGreaterThan(50);
	});

	it('has every listed change in the sets', () => {
		const missing: string[] = [];
		for (const [, id, file, field, , now] of rows) {
			const item = sets[file].find((it) => it.id === id);
			if (!item) missing.push(`${file} ${id}: no such sentence`);
			else if (written(item, field) !== now)
				missing.push(`${file} ${id} ${field}: ${written(item, field)} instead of ${now}`);
		}
		expect(missing).toEqual([]);
	});

	it('keeps `also` places apart from the gold place', () => {
		const same: string[] = [];
		for (const items of Object.values(sets))
			for (const it of items)
				for (const a of it.also ?? [])
					if (it.gold && a.name === it.gold.name && a.lon === it.gold.lon) same.push(it.id);
		expect(same).toEqual([]);
	});
});
