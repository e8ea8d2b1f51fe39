/**
 * The word lists of the locator: common words that are also place names, prepositions, context
 * nouns, provinces and their abbreviations, hashtag affixes, colloquial aliases, and the tier of
 * a name (plain, needs a cue, common word). Pure.
 */

/** Never read as a place from text unless capitalised mid-sentence after a preposition. */
export const STOP_WORDS = new Set(
	(
		'hem heel leek best made goes well son born borne enter brand winkel raam zetten hoek huizen ' +
		'waarde dieren vuren helden buren dorst heer mill lent grave thorn hank malta america ' +
		'binnenstad echt stad oost west noord zuid zijn mijl centrum dorp ballast halfweg loven ' +
		'leest ens erp haps nes ven peij ooij holz puth nuth lith tuk wouw eext reek spijk rugge ' +
		'zegge putte linne deest hees herten handel beers hoeven villapark tuindorp noordhoek ' +
		'molenhoek zeeland brabander wijk haven peulen kieviet nederland holland oosteind ' +
		'noordeinde oosteinde westeinde centraal kerk markt plein ' +
		'de het een en van in op te ter ten den der aan bij naar meer goor eten bus groep duur waar ' +
		'wie haar onder blauw eiland straat kade hof park strand duin vaart veld velden dijk brug ' +
		'kamp boer werken zoom teams stenen'
	).split(' ')
);

/** Read as a place from text only with a cue (preposition, capital, hashtag, own street). */
export const AMBIGUOUS_WORDS = new Set(
	(
		'haren bergen kampen leiden houten duiven putten hoorn doorn beek balk sluis hulst rijen ' +
		'petten heide veen berg gracht monster hoogland dalen wolder dam vries eerde rolde roden ' +
		'gieten leunen kessel elden orden ingen marken stein horst zandberg nieuwland waterland ' +
		'austerlitz belfort tivoli oosterpark vogelwijk spoorwijk bloemhof componistenkwartier ' +
		'statenkwartier rivierenkwartier vogelkwartier staatsliedenkwartier burgemeesterswijk ' +
		'bredeweg griffioen opeinde hoven hagen glip heeg maer reit knipe drait greiden domp loo ' +
		'blaak kruisberg overberg lakerlopen schutsboom dal bos zand burg'
	).split(' ')
);

/** Names of parts of many towns: read from text only with their town named. */
export const GENERIC_NAMES = new Set(
	(
		'binnenstad centrum tuindorp villapark noordeinde oosteinde westeinde zuideinde oosteind ' +
		'oosterpark westerpark zuiderpark noorderpark stadspark stadsdeel dorp kern buitengebied ' +
		'bedrijventerrein industrieterrein oud nieuw noord zuid oost west'
	).split(' ')
);

export const STREET_SUFFIX_RE = /(?:straat|weg|laan|plein|dijk|singel|kade|markt|steeg|gracht)$/;

/** Words skipped when deciding whether a name is only common words ("de dam"). */
/** The author's town decides between same-named candidates within this distance. */
export const AUTHOR_KM = 25;

export const FILLER = new Set('de het t den der s van aan op in en bij ter ten te'.split(' '));

export const LOCATIVE = new Set(
	// Not "te": "is nog te halen", "te leiden" are verbs; "te Haren" has its capital.
	'in naar bij op rond rondom richting nabij omgeving via at to near around'.split(' ')
);
export const DEPARTURE = new Set('uit vanuit from'.split(' '));
/** "gemeente haren", "centrum van haren", "burgemeester van haren": a cue like a preposition. */
export const CONTEXT_NOUNS = new Set(
	(
		'centrum gemeente burgemeester politie station omgeving regio dorp stad wijk buurt ' +
		'bewoner bewoners inwoner inwoners buurtbewoners jeugd'
	).split(' ')
);
/** Abbreviations whose dot does not end a sentence. */
export const ABBREV_DOT = new Set([
	'st',
	'a',
	'd',
	'v',
	'mr',
	'dr',
	'ir',
	'ing',
	'nr',
	'ca',
	'bijv',
	'o',
	'z'
]);
export const ARTICLES = new Set(['de', 'het', 't', 'den', 'the']);

export const COUNTRY_NAMES = new Set(
	[
		'nederland',
		'netherlands',
		'the netherlands',
		'holland',
		'nl',
		'nld',
		'niederlande',
		'pays bas',
		'paises bajos',
		'paesi bassi',
		'kingdom of the netherlands',
		'koninkrijk der nederlanden'
	].map((s) => s)
);

/** Province abbreviations as used in place tags and qualifiers → province name (normalised). */
export const PROVINCE_ABBR: Record<string, string> = {
	gn: 'groningen',
	gr: 'groningen',
	gron: 'groningen',
	fr: 'fryslan',
	frl: 'fryslan',
	friesland: 'fryslan',
	dr: 'drenthe',
	ov: 'overijssel',
	o: 'overijssel',
	gld: 'gelderland',
	gl: 'gelderland',
	ge: 'gelderland',
	u: 'utrecht',
	ut: 'utrecht',
	utr: 'utrecht',
	nh: 'noord holland',
	zh: 'zuid holland',
	z: 'zeeland',
	zl: 'zeeland',
	zld: 'zeeland',
	ze: 'zeeland',
	nb: 'noord brabant',
	nbr: 'noord brabant',
	br: 'noord brabant',
	brabant: 'noord brabant',
	l: 'limburg',
	lb: 'limburg',
	li: 'limburg',
	lim: 'limburg',
	fl: 'flevoland',
	fle: 'flevoland'
};

export const PROVINCES = new Set(Object.values(PROVINCE_ABBR));

/** The province an abbreviation stands for ("nb" → "noord brabant"); own keys only. */
export function provinceOf(abbr: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(PROVINCE_ABBR, abbr)
		? PROVINCE_ABBR[abbr]
		: undefined;
}
/** One-word province names read as context in a text (not "Groningen", "Utrecht": towns). */
export const TEXT_PROVINCES = new Set([
	'fryslan',
	'friesland',
	'drenthe',
	'overijssel',
	'gelderland',
	'zeeland',
	'brabant',
	'limburg',
	'flevoland'
]);
/** Words that may start a province name or abbreviation in a text: a quick filter. */
export const PROVINCE_WORDS = new Set([
	'noord',
	'zuid',
	...TEXT_PROVINCES,
	...Object.keys(PROVINCE_ABBR)
]);

/** Parts of concatenated hashtags around a town name: #projectxharen, #harenfeest. */
export const HASHTAG_AFFIXES = (
	'projectx px project feest party fest festival rellen rel riot riots demo protest nieuws ' +
	'news politie police brand alarm live centrum stad station ns onrust drukte event rave fuif ' +
	'koningsdag carnaval oudennieuw oudjaar nieuwjaar vuurwerk jaarwisseling gemeente weer ' +
	'storm ongeluk overlast noodweer explosie aanslag schietpartij'
).split(' ');

export function wordTier(toks: string[]): number {
	let content = toks.filter((t) => !FILLER.has(t));
	// "Station Haren", "Station Best": a station name is never a common phrase.
	if (content.length >= 2 && content[0] === 'station') return 0;
	content = content.filter((t) => t !== 'station');
	if (content.length === 0) return 3;
	let tier = 0;
	for (const t of content) {
		if (STOP_WORDS.has(t)) tier = Math.max(tier, 2);
		else if (AMBIGUOUS_WORDS.has(t) || /^\d+$/.test(t)) tier = Math.max(tier, 1);
		else return 0; // one distinctive word makes the name distinctive
	}
	// Several words that are each a word ("Bergen op Zoom") need a cue, not both.
	return content.length >= 2 ? Math.min(tier, 1) : tier;
}

/** Colloquial names → the normalised gazetteer name they stand for. */
export const ALIASES: [string, string][] = [
	['dordt', 'dordrecht'],
	['mokum', 'amsterdam'],
	['bijlmer', 'bijlmermeer']
];

export const A_SLASH_D_RE = /\b[aA]\/[dD]\b/g;

/** "A'dam", "R'dam" (the apostrophe is required: "Adam" is a first name). */
export const APOS_DAM_RE = /\b([AaRr])['\u2019`]dam\b/g;
