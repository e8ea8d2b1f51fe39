/**
 * Which rule placed a text mention, and how sure the placement is (0..1). The base per rule
 * and the deductions were set on the labelled set and the development half of the real-text
 * set so that placements at 0.9 or more are right at least 90% of the time there. Pure.
 */
import { distKm } from './classes';
import type { Mention } from './mentions';
import type { PlaceIndex } from './places-index';
import type { LocateRule } from './types';

/** The rule of a text mention. */
export function textRule(m: Mention): LocateRule {
	if (m.station) return 'station';
	if (m.linked) {
		switch (m.linkVia) {
			case 'watch':
				return 'near-watch';
			case 'author':
				return 'author';
			case 'landmark':
				return 'landmark';
			case 'district':
				return 'district';
			default:
				return 'with-town';
		}
	}
	if (m.fuzzy) return 'fuzzy';
	if (m.name.via) return m.name.via;
	return m.name.tier === 0 && m.name.strong.length ? 'name' : 'cued-name';
}

/** Base confidence per rule. */
export const RULE_CONFIDENCE: Record<LocateRule, number> = {
	geotag: 0.99,
	tag: 0.95,
	'tag-part': 0.85,
	name: 0.95,
	'cued-name': 0.88,
	fuzzy: 0.7,
	demonym: 0.75,
	nickname: 0.85,
	alias: 0.92,
	'with-town': 0.94,
	'near-watch': 0.75,
	author: 0.7,
	landmark: 0.85,
	district: 0.8,
	station: 0.93
};

/** Confidence of a text placement by mention m among the mentions ms. */
export function textConfidence(
	ix: PlaceIndex,
	m: Mention,
	ms: Mention[],
	foreign: boolean,
	twin = false
): number {
	let c = RULE_CONFIDENCE[textRule(m)];
	// A larger town of the name lies abroad and the text gives no Dutch cue.
	if (twin) c -= 0.1;
	// Chosen among far-apart same-named places on size alone.
	if (m.guessed) c -= 0.15;
	// Named with only a capital at the start of a sentence.
	if (m.name.tier > 0 && m.prep === 0 && !m.cap && !m.hash) c -= 0.1;
	// The text names a place abroad as well.
	if (foreign) c -= 0.1;
	// Other places named elsewhere: the text may be about another one.
	const { lon, lat } = ix;
	let other = 0;
	for (const o of ms) {
		if (o === m || o.chosen < 0 || o.qualifier) continue;
		const d = distKm(lon[o.chosen], lat[o.chosen], lon[m.chosen], lat[m.chosen]);
		if (d > 5) other = Math.max(other, d > 30 ? 2 : 1);
	}
	if (other) c -= other === 2 ? 0.12 : 0.07;
	// Same-named places far apart, small villages included ("Katwijk" in Noord-Brabant):
	// context or size chose.
	if (
		!m.linked &&
		[m.name.strong, m.name.weak].some((l) =>
			l.some((k) => distKm(lon[k >> 1], lat[k >> 1], lon[m.chosen], lat[m.chosen]) > 20)
		)
	)
		c -= 0.08;
	// Named after "uit" or "vanuit": where someone came from, the text may be about elsewhere.
	if (m.prep < 0) c -= 0.08;
	return Math.round(Math.max(0.05, Math.min(0.99, c)) * 100) / 100;
}
