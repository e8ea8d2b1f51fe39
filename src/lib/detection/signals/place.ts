/**
 * The place layer: posts located to a named place (text or place tag, precision 100 m - 5 km) are
 * scanned per located place like a cell (their own global counts and hour-of-day shares), with
 * 5x minCount posts and 5x minAuthors authors: a gathering few geotag is seen through the town
 * its posts name. Left out: calls, travel posts, texts that do not name the place they were
 * located to, places learned from fewer than 100 posts, talk near an active mobilisation until
 * 3 h before its announced time, and posts about a planned event. Pure module.
 */
import type { LocatedPost } from '../../posts/post';
import { BIN_MS, Cell } from '../cells';
import { celebrates } from '../festivities';
import { PLACE_RES, type DetectorState } from '../state';

/** Coarsest precision of a post located to a named place that the place layer counts, m. */
const PLACE_MAX_M = 5_000;
/** Least learned posts of a place before the place layer scans it: a rarely named place is often
 * a wrongly resolved ambiguous name (a Grote Markt of another town). */
const PLACE_MIN_LEARNED = 100;
/** Travel: the post says where its author is going or coming from, not where people gather. */
export const TRAVEL_RE =
	/\b(?:richting|op naar|onderweg|ingestapt|vertrokken|vertrek|trein naar|sprinter naar|intercity naar|bus naar|on my way|train to|drive to|naar huis|terug naar|weer thuis|laatste trein|auto terug)\b/i;

function namesPlace(text: string | undefined, place: string | undefined): boolean {
	return !!text && !!place && text.toLowerCase().includes(place.toLowerCase());
}

/** A post the place layer counts: located to a named place, coarser than 100 m, at most 5 km. */
export function isPlaced(p: LocatedPost): boolean {
	return (
		!!p.pos &&
		(p.method === 'text' || p.method === 'place') &&
		p.precision_m !== undefined &&
		p.precision_m > 100 &&
		p.precision_m <= PLACE_MAX_M
	);
}

export class PlaceLayerSignal {
	constructor(private readonly S: DetectorState) {}

	/** A post located to a named place (text or place tag): the place layer, a coarse scan of
	 * posts per located place against that place's share of all such posts. */
	add(p: LocatedPost, learnOnly: boolean): void {
		const S = this.S;
		const lon = p.pos![0];
		const lat = p.pos![1];
		const t = p.t;
		const key = `${p.located_as ?? ''}@${lon.toFixed(4)},${lat.toFixed(4)}`;
		let c = S.placeCells.get(key);
		if (!c) {
			c = new Cell(key, PLACE_RES, null);
			c.lon = lon;
			c.lat = lat;
			c.radiusM = Math.max(500, p.precision_m ?? 0);
			S.placeCells.set(key, c);
		}
		S.placeL.count(t);
		const bin = Math.floor(t / BIN_MS);
		if (!learnOnly) S.placeL.bins.add(bin);
		S.countBaseline(c, t);
		if (learnOnly || t < S.streamT - 2 * 3_600_000) return;
		// Planned events are judged on gps posts (their plan and spill); talk about them in the
		// days before is expected.
		const planned = S.sig.planned;
		if (planned.any && planned.aboutEvent(p, lon, lat, c.radiusM)) return;
		// A festivity's celebration (festivities.ts) is expected.
		if (celebrates(p.text, t)) return;
		if (c.tc < PLACE_MIN_LEARNED || (p.text && TRAVEL_RE.test(p.text))) return;
		if (S.sig.mob.calledTalk(lon, lat, t)) return;
		if (S.sig.mob.aboutCalledPlace(p, lon, lat, c.radiusM, t)) return;
		// A text located to a place it does not name was resolved indirectly (an ambiguous street
		// or square name): too uncertain for a coarse scan.
		if (p.method === 'text' && !namesPlace(p.text, p.located_as)) return;
		if (!c.bins) {
			c.warm(1024);
			S.live.push(c);
		}
		c.lastT = Math.max(c.lastT, t);
		c.addBin(bin);
		c.recent!.push(p.id, p.author, t, lon, lat, 0);
		S.sig.surge.evalSurge(c);
	}
}
