/**
 * Classes of gazetteer places (town, municipality, station, square, street, district,
 * neighbourhood, site, region), their rank among same-named candidates, how specific a text
 * mention of each is, their precision radius, and the name shown for a place. Pure.
 */
import type { Place } from '../gazetteer';
import { distanceM } from '../measure';

export const PPL = 0; // populated place
export const MUNI = 1; // municipality
export const STATION = 2;
export const SQUARE = 3;
const STREET = 4;
export const SECTION = 5; // district of a town: CBS wijk, GeoNames PPLX / ADM3
export const BUURT = 6; // CBS neighbourhood
export const SITE = 7; // park, building, other named site
export const REGION = 8; // province, safety region, police unit, country: context only
export const SKIP = 9; // water, terrain, historical places: never used

/** Lower is preferred among same-named candidates. */
export const RANK = [0, 1, 2, 2, 4, 3, 4, 5, 9, 9];
/** How specific a text mention is, when choosing among several names in one text. */
export const SPECIFICITY = [1, 0.5, 3, 3, 3, 2, 2, 3, 0, 0];

export function classOf(kind: string): number {
	if (kind.startsWith('P.PPL')) {
		if (kind === 'P.PPLX') return SECTION;
		if (kind === 'P.PPLH' || kind === 'P.PPLQ' || kind === 'P.PPLW' || kind === 'P.PPLCH')
			return SKIP;
		return PPL;
	}
	switch (kind) {
		case 'cbs.gemeente2023':
		case 'A.ADM2':
		case 'A.ADM2H':
			return MUNI;
		case 'cbs.buurt2014':
			return BUURT;
		case 'cbs.wijk2014':
		case 'A.ADM3':
			return SECTION;
		case 'S.RSTN':
		case 'S.RSTP':
		case 'S.MTRO':
			return STATION;
		case 'S.SQR':
			return SQUARE;
		case 'R.ST':
		case 'R.RD':
			return STREET;
		case 'provincie':
		case 'cbs.veiligheidsregio':
		case 'politie.eenheid':
			return REGION;
	}
	if (kind === 'H.DCKB') return SITE; // a dock basin ("IJhaven")
	if (kind.startsWith('A.')) return kind === 'A.ADMD' ? SKIP : REGION;
	if (kind === 'L.RGN' || kind === 'L.RGNH') return REGION;
	if (kind.startsWith('S.') || kind.startsWith('L.')) return SITE;
	return SKIP;
}

/** Site kinds too numerous or too vague to look for in text. */
export const NO_TEXT_KINDS = new Set(['S.HTL', 'S.MLWND', 'S.FRM', 'S.EST', 'S.BUSTP', 'L.LCTY']);

export function precisionOf(cls: number, kind: string, pop: number): number {
	switch (cls) {
		case PPL:
			return pop > 1000
				? Math.round(Math.min(3500, 1000 + 800 * Math.log10(pop / 1000)) / 10) * 10
				: 1000;
		case MUNI:
			return 5000;
		case STATION:
			return 300;
		case SQUARE:
			return 200;
		case STREET:
			return 500;
		case SECTION:
			return kind === 'A.ADM3' ? 2500 : kind === 'cbs.wijk2014' ? 1500 : 800;
		case BUURT:
			return 800;
		default:
			return kind === 'L.PRK' ? 500 : kind.startsWith('L.') ? 1000 : 300;
	}
}

/** Great-circle distance in km. */
export function distKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
	return distanceM(lon1, lat1, lon2, lat2) / 1000;
}

export function displayName(p: Place): string {
	const n = p.name;
	if (n === 'The Hague') return 'Den Haag';
	if (n.startsWith('Gemeente ')) return n.slice(9);
	if (/ Railway Station$/.test(n)) {
		const st = p.alt?.find((a) => a.startsWith('Station '));
		return st ?? 'Station ' + n.replace(/ Railway Station$/, '');
	}
	if (/ Square$/.test(n)) {
		const base = n.replace(/ Square$/, '');
		if (p.alt?.includes(base)) return base;
	}
	const w = /^Wijk \d+ (.+)$/.exec(n);
	if (w) return w[1];
	return n;
}
