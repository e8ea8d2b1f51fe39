/**
 * The labelled set of the geoparser (tests/fixtures/geoparse/labelled.ndjson) and its scoring,
 * shared by scripts/eval-geoparse.ts and the unit tests. Pure module: no Node, UI or DB imports.
 *
 * A line: {"id": "g001", "cat"?: "town", "text": "...", "place"?: "<place tag>",
 *          "author"?: "<handle>", "gold": {"name", "lon", "lat", "kind"?} | null, "note"?: "..."}
 * `gold` is the gazetteer entry the sentence means; null when the sentence names no place (or
 * uses a place name as a word: "mijn haren"). Lines that share an `author` are read in order by
 * one locator, so that the author memory can be measured; other lines get an author of their own.
 *
 * Correct: a located sentence is correct when its position lies within the tolerance of the gold
 * place's kind: 1,000 m for stations, squares, streets and other sites, 2,000 m for neighbourhoods
 * and districts (CBS buurt/wijk, GeoNames PPLX, ADM3), 5,000 m for towns and municipalities (the
 * largest radius a town location has is 3,500 m; a municipality's is 5,000 m). A located negative
 * (gold null) is a false placement and counts against precision.
 * precision = correct / located; recall = correct / sentences with a gold place in the gazetteer
 * (a gold marked `inGazetteer: false` is kept out of recall, but a correct placement of it still
 * counts as correct in precision); errors (median, p90) are over located sentences with a gold
 * place, in metres.
 * The real-text sets (tests/fixtures/geoparse/real/) add `source` (the page paraphrased) and the
 * categories landmark, demonym, qualified, multi (positives) and foreign, organisation, word
 * (which may be negatives). Calibration: of the placements with confidence >= 0.9, the share
 * that is correct (target: at least 90%).
 */
import { distanceM } from './measure';

export const CATEGORIES = [
	'town',
	'station',
	'square/street',
	'neighbourhood',
	'variant',
	'ambiguous',
	'landmark',
	'demonym',
	'qualified',
	'multi',
	'foreign',
	'organisation',
	'word',
	'negative'
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Gold {
	name: string;
	lon: number;
	lat: number;
	kind?: string;
}

export interface LabelledItem {
	id: string;
	cat?: Category;
	text: string;
	place?: string;
	author?: string;
	gold: Gold | null;
	note?: string;
	/** The public page the sentence paraphrases (the real-text sets). */
	source?: string;
	/** False when the gold place is not in the gazetteer: kept out of recall. */
	inGazetteer?: boolean;
	/** Other places that are as right as gold: a sentence that names several with equal weight. */
	also?: Gold[];
}

/** Categories whose sentences may name no Dutch place (gold null). */
export const NEGATIVE_CATS: ReadonlySet<Category> = new Set([
	'negative',
	'foreign',
	'organisation',
	'word'
]);

export class LabelledError extends Error {
	constructor(
		readonly line: number,
		readonly reason: string
	) {
		super(`line ${line}: ${reason}`);
	}
}

/** Rough bounding box of the Netherlands (with the Wadden islands and south Limburg). */
export const NL_BBOX = { minLon: 3.2, maxLon: 7.3, minLat: 50.7, maxLat: 53.7 };

const KEYS = new Set([
	'id',
	'cat',
	'text',
	'place',
	'author',
	'gold',
	'note',
	'source',
	'inGazetteer',
	'also'
]);

function parseGold(v: unknown, no: number, outsideOk: boolean, what: string): Gold {
	const g = v as Record<string, unknown>;
	if (!g || typeof g !== 'object' || typeof g.name !== 'string')
		throw new LabelledError(no, `${what} must be null or {name, lon, lat}`);
	if (typeof g.lon !== 'number' || typeof g.lat !== 'number')
		throw new LabelledError(no, `${what} lon and lat must be numbers`);
	const { minLon, maxLon, minLat, maxLat } = NL_BBOX;
	const inNl = g.lon >= minLon && g.lon <= maxLon && g.lat >= minLat && g.lat <= maxLat;
	if (!inNl && !outsideOk)
		throw new LabelledError(no, `${what} ${g.lon},${g.lat} is outside the Netherlands`);
	if (g.kind !== undefined && typeof g.kind !== 'string')
		throw new LabelledError(no, `${what} kind must be a string`);
	return { name: g.name, lon: g.lon, lat: g.lat, ...(g.kind ? { kind: g.kind } : {}) };
}

/** Parse and validate the labelled NDJSON; throws LabelledError with the 1-based line number. */
export function parseLabelled(ndjson: string): LabelledItem[] {
	const out: LabelledItem[] = [];
	const ids = new Set<string>();
	const lines = ndjson.split('\n');
	for (let k = 0; k < lines.length; k++) {
		const line = lines[k].trim();
		if (!line) continue;
		const no = k + 1;
		let o: unknown;
		try {
			o = JSON.parse(line);
		} catch (e) {
			throw new LabelledError(no, `invalid JSON (${(e as Error).message})`);
		}
		if (!o || typeof o !== 'object' || Array.isArray(o))
			throw new LabelledError(no, 'not a JSON object');
		const r = o as Record<string, unknown>;
		for (const key of Object.keys(r))
			if (!KEYS.has(key)) throw new LabelledError(no, `unknown field "${key}"`);
		if (typeof r.id !== 'string' || !r.id) throw new LabelledError(no, 'id must be a string');
		if (ids.has(r.id)) throw new LabelledError(no, `duplicate id ${r.id}`);
		ids.add(r.id);
		if (typeof r.text !== 'string' || !r.text.trim())
			throw new LabelledError(no, 'text must be a non-empty string');
		for (const f of ['place', 'author', 'note', 'source'] as const)
			if (r[f] !== undefined && typeof r[f] !== 'string')
				throw new LabelledError(no, `${f} must be a string`);
		if (r.cat !== undefined && !(CATEGORIES as readonly unknown[]).includes(r.cat))
			throw new LabelledError(no, `cat must be one of ${CATEGORIES.join(', ')}`);
		if (r.source !== undefined && !/^https?:\/\/\S+$/.test(r.source as string))
			throw new LabelledError(no, 'source must be an http(s) address');
		if (r.inGazetteer !== undefined && typeof r.inGazetteer !== 'boolean')
			throw new LabelledError(no, 'inGazetteer must be true or false');
		if (!('gold' in r)) throw new LabelledError(no, 'gold is missing (use null for none)');
		const gold = r.gold === null ? null : parseGold(r.gold, no, r.inGazetteer === false, 'gold');
		let also: Gold[] | undefined;
		if (r.also !== undefined) {
			if (!Array.isArray(r.also) || !gold)
				throw new LabelledError(no, 'also must be a list of places, next to a gold place');
			also = r.also.map((g, k) => parseGold(g, no, false, `also[${k}]`));
		}
		if (r.cat === 'negative' && gold) throw new LabelledError(no, 'a negative has gold null');
		if (r.cat !== undefined && !NEGATIVE_CATS.has(r.cat as Category) && !gold)
			throw new LabelledError(no, `cat ${r.cat} needs a gold place`);
		if (r.inGazetteer === false && !gold)
			throw new LabelledError(no, 'inGazetteer false needs a gold place');
		out.push({
			id: r.id,
			...(r.cat !== undefined ? { cat: r.cat as Category } : {}),
			text: r.text,
			...(r.place !== undefined ? { place: r.place as string } : {}),
			...(r.author !== undefined ? { author: r.author as string } : {}),
			gold,
			...(r.note !== undefined ? { note: r.note as string } : {}),
			...(r.source !== undefined ? { source: r.source as string } : {}),
			...(r.inGazetteer !== undefined ? { inGazetteer: r.inGazetteer as boolean } : {}),
			...(also ? { also } : {})
		});
	}
	return out;
}

/** Tolerance in metres for a gold place of this kind (see the header). */
export function toleranceM(kind: string | undefined): number {
	if (!kind) return 5000;
	if (kind === 'P.PPLX' || kind === 'A.ADM3' || kind === 'cbs.buurt2014' || kind === 'cbs.wijk2014')
		return 2000;
	if (kind.startsWith('P.') || kind.startsWith('A.') || kind === 'cbs.gemeente2023') return 5000;
	return 1000;
}

export interface Outcome {
	item: LabelledItem;
	pos?: [number, number];
	place?: string;
	method: string;
	/** The locator's confidence in the placement (0..1), where it gives one. */
	confidence?: number;
	/** Error in metres, for located items with a gold place. */
	errorM?: number;
	correct: boolean;
}

export function judge(
	item: LabelledItem,
	loc: { method: string; pos?: [number, number]; place?: string; confidence?: number }
): Outcome {
	const o: Outcome = { item, method: loc.method, correct: false };
	if (loc.pos) o.pos = loc.pos;
	if (loc.pos && typeof loc.confidence === 'number') o.confidence = loc.confidence;
	if (loc.place !== undefined) o.place = loc.place;
	if (loc.pos && item.gold) {
		const [lon, lat] = loc.pos;
		o.errorM = distanceM(lon, lat, item.gold.lon, item.gold.lat);
		o.correct = o.errorM <= toleranceM(item.gold.kind);
		for (const g of item.also ?? []) {
			const e = distanceM(lon, lat, g.lon, g.lat);
			if (e <= toleranceM(g.kind) && !o.correct) {
				o.correct = true;
				o.errorM = e;
			}
		}
	}
	return o;
}

export interface Figures {
	n: number;
	positives: number;
	located: number;
	correct: number;
	precision: number;
	recall: number;
	/** Negatives that were given a location. */
	falsePlacements: number;
	negatives: number;
	medianErrorM: number;
	p90ErrorM: number;
	/** Placements with confidence >= 0.9, and how many of them are correct (calibration). */
	confident: number;
	confidentCorrect: number;
	/** Placements that carry a confidence at all. */
	withConfidence: number;
}

function quantile(sorted: number[], q: number): number {
	if (!sorted.length) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[i];
}

export function figures(outcomes: Outcome[]): Figures {
	let positives = 0;
	let located = 0;
	let correct = 0;
	let correctIn = 0;
	let falsePlacements = 0;
	let negatives = 0;
	let confident = 0;
	let confidentCorrect = 0;
	let withConfidence = 0;
	const errs: number[] = [];
	for (const o of outcomes) {
		const isLocated = o.pos !== undefined;
		if (o.confidence !== undefined) {
			withConfidence++;
			if (o.confidence >= 0.9) {
				confident++;
				if (o.correct) confidentCorrect++;
			}
		}
		if (o.item.gold && o.item.inGazetteer !== false) positives++;
		else if (!o.item.gold) negatives++;
		if (isLocated) located++;
		if (o.correct) correct++;
		if (o.correct && o.item.inGazetteer !== false) correctIn++;
		if (isLocated && !o.item.gold) falsePlacements++;
		if (o.errorM !== undefined) errs.push(o.errorM);
	}
	errs.sort((a, b) => a - b);
	return {
		n: outcomes.length,
		positives,
		located,
		correct,
		precision: located ? correct / located : NaN,
		recall: positives ? correctIn / positives : NaN,
		falsePlacements,
		negatives,
		medianErrorM: quantile(errs, 0.5),
		p90ErrorM: quantile(errs, 0.9),
		confident,
		confidentCorrect,
		withConfidence
	};
}
