/**
 * Pseudonymous author handles in the styles Dutch accounts use. A handle is a pure function of
 * (salt, region key, index), so that each region has a stable population of authors. Pure module.
 */
import { Rand } from './rng';

const FIRST = [
	'sanne',
	'lisa',
	'emma',
	'julia',
	'anouk',
	'fleur',
	'lotte',
	'sophie',
	'eva',
	'iris',
	'noa',
	'tess',
	'sara',
	'demi',
	'kim',
	'romy',
	'femke',
	'merel',
	'esmee',
	'britt',
	'jasmijn',
	'nina',
	'fatima',
	'yasmina',
	'aylin',
	'elif',
	'shanice',
	'dewi',
	'naomi',
	'chantal',
	'priscilla',
	'daan',
	'tim',
	'sem',
	'lucas',
	'milan',
	'thijs',
	'jesse',
	'bram',
	'ruben',
	'niels',
	'kevin',
	'stijn',
	'jelle',
	'sven',
	'rick',
	'dennis',
	'mark',
	'jeroen',
	'bas',
	'pieter',
	'wouter',
	'mohammed',
	'yassine',
	'anass',
	'emre',
	'mehmet',
	'jayden',
	'dylan',
	'quinten',
	'joost',
	'sjoerd',
	'hidde',
	'wytse',
	'anneke',
	'marieke',
	'ingrid',
	'monique',
	'gerard',
	'henk',
	'harm',
	'jan',
	'klaas',
	'gert',
	'hilde',
	'wilma',
	'ria',
	'rob',
	'erik',
	'frank',
	'marco'
];
const LAST = [
	'devries',
	'jansen',
	'vandijk',
	'bakker',
	'visser',
	'smit',
	'meijer',
	'deboer',
	'mulder',
	'degroot',
	'bos',
	'vos',
	'peters',
	'hendriks',
	'vanleeuwen',
	'dekker',
	'brouwer',
	'dewit',
	'dijkstra',
	'smits',
	'degraaf',
	'vdmeer',
	'vdlinden',
	'kok',
	'jacobs',
	'dehaan',
	'vermeulen',
	'vdheuvel',
	'vdveen',
	'vdberg',
	'postma',
	'hoekstra',
	'wieringa',
	'bosma',
	'kuipers',
	'elamrani',
	'yilmaz',
	'ozturk',
	'kaya',
	'boukhari',
	'veenstra',
	'huisman',
	'zijlstra',
	'oosting'
];
const WORDS = [
	'oranje',
	'koffie',
	'fiets',
	'voetbal',
	'gamer',
	'muziek',
	'polder',
	'dijk',
	'boer',
	'stad',
	'kaas',
	'regen',
	'wolk',
	'zon',
	'tulp',
	'molen',
	'haring',
	'friet',
	'bitterbal',
	'stroopwafel',
	'hond',
	'kat',
	'vos',
	'uil',
	'meeuw',
	'reiger',
	'storm',
	'ijs',
	'vuur',
	'nacht',
	'mega'
];
const ADJ = [
	'boze',
	'blije',
	'stille',
	'gekke',
	'echte',
	'kleine',
	'grote',
	'luie',
	'snelle',
	'oude',
	'jonge',
	'natte'
];
const EN = ['official', 'real', 'its', 'just', 'the', 'not', 'mr', 'miss', 'lil', 'big'];
const DECO = ['xo', 'x', 'xx', '_', '__', '.', 'nl', '010', '020', '050', '030', 'tv', 'ofc'];

function slug(s: string): string {
	return s
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '')
		.slice(0, 12);
}

function yearish(r: Rand): string {
	const u = r.next();
	if (u < 0.4) return String(r.int(85, 99)).padStart(2, '0');
	if (u < 0.75) return String(r.int(0, 12)).padStart(2, '0');
	if (u < 0.9) return String(r.int(1965, 2010));
	return String(r.int(1, 999));
}

/** A handle drawn from r; region is a place name used by some styles. */
export function makeHandle(r: Rand, region?: string): string {
	const f = r.pick(FIRST);
	const l = r.pick(LAST);
	const sep = r.pick(['', '_', '.', '_', '']);
	const u = r.next();
	let h: string;
	if (u < 0.22) h = f + sep + l;
	else if (u < 0.4) h = f + sep + yearish(r);
	else if (u < 0.5)
		h = f + sep + l.slice(0, 1 + Math.floor(r.next() * 3)) + (r.chance(0.5) ? yearish(r) : '');
	else if (u < 0.58)
		h =
			(r.chance(0.5) ? 'xX' : '') +
			f +
			(r.chance(0.5) ? f.slice(-1).repeat(2) : '') +
			(r.chance(0.5) ? 'Xx' : r.pick(DECO));
	else if (u < 0.66) h = r.pick(EN) + sep + f + (r.chance(0.4) ? sep + r.pick(DECO) : '');
	else if (u < 0.76) h = r.pick(ADJ) + sep + r.pick(WORDS) + (r.chance(0.6) ? yearish(r) : '');
	else if (u < 0.86 && region) {
		const s = slug(region);
		h = r.chance(0.5) ? s + sep + f : f + sep + 'uit' + sep + s;
	} else if (u < 0.93)
		h =
			r.pick(WORDS) +
			r.pick([
				'fan',
				'gek',
				'liefhebber',
				'lover',
				'man',
				'vrouw',
				'meisje',
				'jongen',
				'mama',
				'papa'
			]) +
			(r.chance(0.5) ? yearish(r) : '');
	else if (u < 0.97) h = f.slice(0, 1) + l + r.int(1, 99);
	else h = r.pick(['user', 'anon', 'nl', 'acc', 'x']) + r.int(1000, 999999);
	h = h.replace(/[^A-Za-z0-9._]/g, '');
	if (h.length < 3) h += r.int(10, 99);
	return h.slice(0, 30);
}

/** The handle of author k of a region: stable for a given salt. */
export function regionAuthor(
	salt: number,
	regionKey: string,
	regionName: string,
	k: number
): string {
	return makeHandle(Rand.of(salt, 'author', regionKey, k), regionName);
}
