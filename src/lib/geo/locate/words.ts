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
		'kamp boer werken zoom teams stenen belastingdienst war'
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
		'dorpje stadje plaatsje gehucht ' +
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
const PROVINCE_ABBR: Record<string, string> = {
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
	['bijlmer', 'bijlmermeer']
];

export const A_SLASH_D_RE = /\b[aA]\/[dD]\b/g;

/** "A'dam", "R'dam" (the apostrophe is required: "Adam" is a first name). */
export const APOS_DAM_RE = /\b([AaRr])['\u2019`]dam\b/g;

/** Marks how a text name was made from a gazetteer name (absent: the name itself). */
export type NameVia = 'alias' | 'demonym' | 'nickname';

/** Town nicknames → the normalised gazetteer name ("Domstad" is Utrecht). */
export const NICKNAMES: [string, string][] = [
	['domstad', 'utrecht'],
	['maasstad', 'rotterdam'],
	['hofstad', 'den haag'],
	['lichtstad', 'eindhoven'],
	['sleutelstad', 'leiden'],
	['spaarnestad', 'haarlem'],
	['martinistad', 'groningen'],
	['keizerstad', 'nijmegen'],
	['oeteldonk', 's hertogenbosch'],
	['kaaiendonk', 'oosterhout'],
	['kruikenstad', 'tilburg'],
	['lampegat', 'eindhoven'],
	['mokum', 'amsterdam']
];

/**
 * Dutch adjectives and inhabitant names of towns → the normalised gazetteer name ("Haagse",
 * "Bredanaars"). Read as the town, below a plain mention.
 */
export const DEMONYMS: [string, string][] = (
	[
		['amsterdam', 'amsterdams amsterdamse amsterdammer amsterdammers'],
		['rotterdam', 'rotterdams rotterdamse rotterdammer rotterdammers'],
		['den haag', 'haags haagse hagenaar hagenaars hagenees hagenezen'],
		['utrecht', 'utrechts utrechtse utrechter utrechters'],
		['groningen', 'gronings groningse groninger groningers'],
		['eindhoven', 'eindhovens eindhovense eindhovenaar eindhovenaren'],
		['tilburg', 'tilburgs tilburgse tilburger tilburgers'],
		['breda', 'bredaas bredase bredanaar bredanaars'],
		['maastricht', 'maastrichts maastrichtse maastrichtenaar maastrichtenaren'],
		['nijmegen', 'nijmeegs nijmeegse nijmegenaar nijmegenaren'],
		['arnhem', 'arnhems arnhemse arnhemmer arnhemmers'],
		['haarlem', 'haarlems haarlemse haarlemmer haarlemmers'],
		['leiden', 'leids leidse leidenaar leidenaren'],
		['delft', 'delfts delftse delftenaar delftenaren'],
		['zwolle', 'zwols zwolse zwollenaar zwollenaren'],
		['s hertogenbosch', 'bossche bosschenaar bosschenaren'],
		['dordrecht', 'dordts dordtse dordtenaar dordtenaren'],
		['almere', 'almeers almeerse almeerder almeerders'],
		['amersfoort', 'amersfoorts amersfoortse amersfoorter amersfoorters'],
		['apeldoorn', 'apeldoorns apeldoornse apeldoorner apeldoorners'],
		['enschede', 'enschedees enschedese'],
		['leeuwarden', 'leeuwarder leeuwarders'],
		['venlo', 'venloos venlose venlonaar venlonaren'],
		['alkmaar', 'alkmaars alkmaarse alkmaarder alkmaarders'],
		['gouda', 'goudse goudenaar goudenaars'],
		['schiedam', 'schiedams schiedamse schiedammer schiedammers'],
		['zoetermeer', 'zoetermeers zoetermeerse zoetermeerder zoetermeerders'],
		['hilversum', 'hilversums hilversumse hilversummer hilversummers'],
		['heerlen', 'heerlens heerlense heerlenaar heerlenaren'],
		['roermond', 'roermonds roermondse roermondenaar roermondenaren'],
		['middelburg', 'middelburgs middelburgse middelburger middelburgers'],
		['vlissingen', 'vlissings vlissingse vlissinger vlissingers'],
		['assen', 'assens assense assenaar assenaren'],
		['helmond', 'helmonds helmondse helmonder helmonders'],
		['lelystad', 'lelystads lelystadse lelystedeling lelystedelingen'],
		['purmerend', 'purmerends purmerendse purmerender purmerenders'],
		['deventer', 'deventenaar deventenaren'],
		['hoorn', 'hoornse hoornaar hoornaars']
	] as [string, string][]
).flatMap(([town, words]) => words.split(' ').map((w): [string, string] => [w, town]));

/**
 * Adjectives of provinces and regions → the province they name: context for same-named towns
 * ("het Limburgse dorp Valkenburg", "het Noord-Brabantse dorpje Katwijk").
 */
export const PROVINCE_ADJECTIVES: Record<string, string> = {
	limburgs: 'limburg',
	limburgse: 'limburg',
	brabants: 'noord brabant',
	brabantse: 'noord brabant',
	zeeuws: 'zeeland',
	zeeuwse: 'zeeland',
	fries: 'fryslan',
	friese: 'fryslan',
	drents: 'drenthe',
	drentse: 'drenthe',
	gelders: 'gelderland',
	gelderse: 'gelderland',
	overijssels: 'overijssel',
	overijsselse: 'overijssel',
	twents: 'overijssel',
	twentse: 'overijssel',
	flevolands: 'flevoland',
	flevolandse: 'flevoland',
	gronings: 'groningen',
	groningse: 'groningen',
	utrechts: 'utrecht',
	utrechtse: 'utrecht'
};

/**
 * Words right before a town name that make it the name of something else: a club ("FC
 * Utrecht", "PEC Zwolle", "Go Ahead Eagles Deventer", "Willem II Tilburg"), a cape ("Kaap
 * Hoorn"), a nationality ("het Duitse Haren").
 */
export const NOT_PLACE_BEFORE = new Set(
	(
		'fc sc pec rkc nac vvv afc hfc sv vv hvv ado psv nec jc az ii sparta excelsior heracles ' +
		'eagles fortuna telstar cambuur kaap cape new ajax top mvv vitesse roda graafschap ' +
		'feyenoord twente achilles quick universiteit university hogeschool omroep rtv ' +
		'duitse belgische franse amerikaanse noorse britse engelse schotse ierse spaanse ' +
		'italiaanse afrikaanse zweedse deense poolse oostenrijkse zwitserse canadese australische ' +
		'vlaamse waalse german belgian american norwegian'
	).split(' ')
);

/** Words right after a town name that make it the name of a club ("Helmond Sport", "Almere City"). */
export const NOT_PLACE_AFTER = new Set(['sport', 'city', 'fc']);

/** Towns that are also first names: "Ede Staal" (the singer) is no place. */
export const FIRST_NAME_TOWNS = new Set(['ede', 'epe', 'heino', 'born']);

/** First names: a capitalised town name right after one is a surname ("Sjaak Swart"). */
export const FIRST_NAMES = new Set(
	(
		'jan piet kees henk mark peter willem johan ruud frank erik hans gert geert bart dirk ' +
		'klaas sjaak wim joost bas tim tom thomas daan lars sander jeroen martijn marco mario ' +
		'arjen robin dennis patrick paul anna maria sanne lisa emma eva fleur iris kim anouk ' +
		'linda sarah marieke annemarie ingrid ellen karin petra femke ilse ede'
	).split(' ')
);

/**
 * Foreign context: countries, regions and cities abroad (Dutch and English names) and
 * nationality adjectives. In a text without a Dutch cue, a town with a larger twin abroad is
 * read as the twin ("Harlingen in Texas", "Bergen in Noorwegen"). Never a Dutch place
 * themselves ("Turkije" is not the hamlet Turkeye).
 */
export const FOREIGN_WORDS = new Set(
	(
		'belgie belgium duitsland germany deutschland frankrijk france engeland england ' +
		'schotland scotland ierland ireland spanje spain portugal italie italy zwitserland ' +
		'oostenrijk austria noorwegen norway zweden sweden denemarken denmark finland polen poland ' +
		'tsjechie griekenland greece turkije turkey marokko morocco suriname curacao aruba ' +
		'amerika america usa canada mexico brazilie australie rusland russia ' +
		'oekraine ukraine china japan indonesie india egypte israel ' +
		'texas florida californie california michigan pennsylvania iowa ohio ' +
		'vlaanderen wallonie brussel brussels antwerpen antwerp gent ghent luik liege brugge ' +
		'leuven genk ' +
		'keulen koln aken aachen dusseldorf berlijn berlin munchen hamburg bremen emsland ' +
		'nedersaksen niedersachsen westfalen nordrhein ' +
		'parijs paris londen london madrid rome oslo stockholm kopenhagen wenen praag ' +
		'eems ems kaapstad johannesburg pretoria transvaal mpumalanga guyana berbice ' +
		'paramaribo saramacca hordaland askoy ' +
		'duitse belgische franse amerikaanse noorse britse engelse spaanse italiaanse ' +
		'zweedse deense poolse oostenrijkse zwitserse vlaamse waalse'
	)
		.split(' ')
		.filter((w) => w !== 'limburgse')
);

/** Countries, regions and cities abroad → the ISO code of their country. */
export const FOREIGN_CODES: Record<string, string> = Object.fromEntries(
	(
		[
			[
				'BE',
				'belgie belgium belgische belgian vlaanderen vlaamse wallonie waalse brussel brussels antwerpen antwerp gent ghent luik liege brugge leuven mechelen hasselt genk'
			],
			[
				'DE',
				'duitsland germany deutschland duitse german keulen koln aken aachen dusseldorf berlijn berlin munchen hamburg bremen emsland nedersaksen niedersachsen westfalen eems ems'
			],
			['FR', 'frankrijk france franse parijs paris'],
			['GB', 'engeland england schotland scotland britse engelse londen london'],
			['NO', 'noorwegen norway noorse norwegian oslo hordaland askoy'],
			[
				'US',
				'amerika america usa amerikaanse american texas florida californie california michigan pennsylvania iowa ohio'
			],
			['ZA', 'transvaal mpumalanga kaapstad johannesburg pretoria'],
			['SR', 'suriname paramaribo saramacca'],
			['GY', 'guyana berbice'],
			['TR', 'turkije turkey'],
			['ES', 'spanje spain spaanse madrid'],
			['IT', 'italie italy italiaanse rome'],
			['DK', 'denemarken denmark deense kopenhagen'],
			['SE', 'zweden sweden zweedse stockholm'],
			['AT', 'oostenrijk austria oostenrijkse wenen'],
			['CH', 'zwitserland zwitserse'],
			['PL', 'polen poland poolse'],
			['CA', 'canada canadese'],
			['AU', 'australie australische']
		] as [string, string][]
	).flatMap(([code, words]) => words.split(' ').map((w) => [w, code]))
);

/** Foreign places of two words. */
export const FOREIGN_PAIRS = new Set([
	'zuid afrika',
	'zuid afrikaanse',
	'verenigde staten',
	'new york',
	'new jersey',
	'noord rijn',
	'sri lanka'
]);

/** Dutch context: the country named; with a foreign word, a town still counts as Dutch. */
export const DUTCH_WORDS = new Set(
	'nederland nederlandse nederlands netherlands dutch holland hollandse'.split(' ')
);

/** "X bij Y": Y locates X (Haren bij Groningen is Haren; Haren bij Brussel is abroad). */
export const NEAR_WORDS = new Set(['bij', 'nabij', 'vlakbij', 'near', 'onder']);

/**
 * Regions that are no province ("Twente", "de Achterhoek", "Zuid-Limburg", "het Westland") and
 * their adjectives → [lat, lon, radius km]: context for same-named towns, like a province.
 */
export const REGIONS: ReadonlyMap<string, readonly [number, number, number]> = new Map(
	(
		[
			['twente|twentse', 52.3, 6.75, 20],
			['achterhoek|achterhoekse', 51.97, 6.45, 20],
			['veluwe|veluwse', 52.2, 5.85, 25],
			['betuwe|betuwse', 51.9, 5.45, 15],
			['zuid limburg|zuid limburgse|heuvelland', 50.88, 5.85, 15],
			['midden limburg|midden limburgse', 51.2, 5.95, 15],
			['noord limburg|noord limburgse', 51.45, 6.1, 20],
			['west friesland|westfriese', 52.7, 5.05, 15],
			['gooi|gooise', 52.25, 5.2, 10],
			['kempen|kempische', 51.38, 5.25, 15],
			['peel|peelland', 51.45, 5.75, 15],
			['zaanstreek', 52.45, 4.8, 8],
			['westland|westlandse', 52.0, 4.2, 8],
			['land van cuijk', 51.7, 5.88, 12],
			['bommelerwaard', 51.8, 5.25, 10],
			['alblasserwaard', 51.87, 4.8, 10],
			['hoeksche waard', 51.77, 4.45, 10],
			['voorne putten|voorne', 51.86, 4.2, 10],
			['goeree overflakkee', 51.75, 4.1, 12],
			['zeeuws vlaanderen|zeeuws vlaamse', 51.3, 3.8, 25],
			['liemers', 51.95, 6.05, 10],
			['drechtsteden', 51.81, 4.67, 10],
			['salland|sallandse', 52.35, 6.25, 15],
			['krimpenerwaard', 51.95, 4.7, 8],
			['utrechtse heuvelrug', 52.05, 5.4, 12],
			['noordoostpolder', 52.7, 5.75, 10],
			['walcheren', 51.52, 3.6, 10],
			['heusden en altena|land van heusden', 51.75, 5.05, 12]
		] as [string, number, number, number][]
	).flatMap(([names, lat, lon, r]) =>
		names.split('|').map((n): [string, readonly [number, number, number]] => [n, [lat, lon, r]])
	)
);
