/**
 * Knowledge of places abroad, as lists rather than phrases: countries (Dutch, English, German and
 * French names), their regions, states and provinces, the nationality adjectives and inhabitant
 * names of the countries and regions whose towns share names with Dutch ones (Belgisch, Vlaams,
 * Duits, Brits, Texaans, Noors), and the function words of English, German and French text. Each
 * word or phrase maps to the ISO code of its country. Normalised like the locator's tokens (lower
 * case, no accents, hyphens split: "Zuid-Afrika" is "zuid afrika"). Pure.
 *
 * Left out on purpose: the adjectives of countries that many Dutch residents come from (Turks,
 * Marokkaans, Surinaams, Pools...), which describe people in Dutch towns as often as places
 * abroad; words that are also Dutch places or common words ("Limburg", "Brabant", "Namen",
 * "Bergen" for Mons, "Ibiza" as a figure of speech); the language names "Duits", "Engels",
 * "Frans" (also a first name).
 */

const BY_CODE: [string, string][] = [
	[
		'BE',
		'belgie belgium belgien belgique belgisch belgische belgian belg belgen vlaanderen flanders ' +
			'vlaams vlaamse flemish wallonie wallonia waals waalse walloon brussel brussels bruxelles ' +
			'brusselse antwerpen antwerp anvers antwerpse gent ghent gand gentse luik liege luikse ' +
			'brugge bruges leuven louvain kortrijk oostende ostend doornik tournai charleroi namur ' +
			'henegouwen hainaut'
	],
	[
		'DE',
		'duitsland germany deutschland allemagne duitse german duitser duitsers deutsche deutschen ' +
			'beieren bayern bavaria beierse saksen sachsen saxony thuringen thuringia hessen ' +
			'nedersaksen niedersachsen westfalen nordrhein saarland brandenburg mecklenburg ' +
			'sleeswijk schleswig holstein emsland munsterland sauerland ruhrgebied ruhr eifel ' +
			'keulen koln cologne keulse aken aachen dusseldorf berlijn berlin berlijnse munchen ' +
			'munich hamburg bremen frankfurt stuttgart hannover dortmund duisburg osnabruck ' +
			'oldenburg kleef kleve emmerik emmerich eems ems'
	],
	[
		'FR',
		'frankrijk france frankreich franse french fransen fransman parijs paris parijse ' +
			'normandie normandy bretagne brittany provence elzas alsace lotharingen lorraine ' +
			'picardie bourgogne burgundy corsica bordeaux lyon marseille rijsel lille'
	],
	[
		'GB',
		'engeland england schotland scotland wales britain brits britse british ' +
			'brit britten engelse engelsman engelsen english schots schotse scottish welsh ' +
			'londen london londense yorkshire lancashire cornwall devon norfolk suffolk sussex ' +
			'manchester liverpool birmingham edinburgh glasgow'
	],
	['IE', 'ierland ireland ierse irish dublin'],
	[
		'NO',
		'noorwegen norway norwegen norvege noors noorse norwegian noren oslo hordaland ' +
			'vestland rogaland trondelag akershus finnmark trondheim stavanger askoy'
	],
	['SE', 'zweden sweden schweden suede zweeds zweedse swedish stockholm goteborg malmo'],
	['DK', 'denemarken denmark danemark deens deense danish kopenhagen copenhagen jutland'],
	['FI', 'finland finnland finse finnish helsinki'],
	['IS', 'ijsland iceland ijslandse icelandic reykjavik'],
	[
		'US',
		'amerika america usa amerikaans amerikaanse american amerikaan amerikanen ' +
			'texaans texaanse texan californisch californische alabama alaska arizona arkansas ' +
			'californie california colorado connecticut delaware florida georgia hawaii idaho ' +
			'illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan ' +
			'minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon ' +
			'pennsylvania tennessee texas utah vermont virginia wisconsin wyoming chicago boston ' +
			'brownsville'
	],
	[
		'CA',
		'canada canadees canadese canadian ontario quebec alberta manitoba saskatchewan toronto ' +
			'montreal vancouver'
	],
	[
		'AU',
		'australie australia australien australisch australische australian queensland ' +
			'tasmanie tasmania sydney melbourne'
	],
	[
		'ZA',
		'transvaal mpumalanga gauteng limpopo natal ' + 'kwazulu kaapstad johannesburg pretoria durban'
	],
	[
		'SR',
		'suriname paramaribo saramacca wanica commewijne marowijne nickerie coronie brokopondo ' +
			'sipaliwini'
	],
	['GY', 'guyana berbice demerara essequibo'],
	[
		'AT',
		'oostenrijk austria osterreich autriche oostenrijks oostenrijkse austrian wenen vienna wien tirol salzburg'
	],
	[
		'CH',
		'zwitserland switzerland schweiz suisse zwitsers zwitserse swiss zurich geneve geneva bern'
	],
	['LU', 'luxemburg luxembourg luxemburgs luxemburgse'],
	[
		'ES',
		'spanje spain spanien espagne spaans spaanse spanish madrid barcelona catalonie andalusie'
	],
	['PT', 'portugal portugese portuguese lissabon lisbon porto algarve'],
	['IT', 'italie italy italien italiaans italiaanse italian rome milaan milan toscane sicilie'],
	['GR', 'griekenland greece griechenland grieks griekse greek athene athens kreta'],
	['TR', 'turkije turkey turkei istanbul ankara'],
	['MA', 'marokko morocco'],
	['PL', 'polen poland'],
	['CZ', 'tsjechie czechia praag prague'],
	['HU', 'hongarije hungary boedapest budapest'],
	['RU', 'rusland russia russland moskou moscow'],
	['UA', 'oekraine ukraine kiev kyiv'],
	['CN', 'china peking beijing shanghai'],
	['JP', 'japan tokio tokyo'],
	['IN', 'india'],
	['ID', 'indonesie indonesia java sumatra bali'],
	['EG', 'egypte egypt'],
	['IL', 'israel'],
	['BR', 'brazilie brazil'],
	['MX', 'mexico'],
	['AR', 'argentinie argentina'],
	['CL', 'chili chile'],
	['LK', 'sri lanka'],
	['ME', 'montenegro'],
	['HR', 'kroatie croatia'],
	['RS', 'servie serbia'],
	['RO', 'roemenie romania'],
	['BG', 'bulgarije bulgaria'],
	['CW', 'curacao'],
	['AW', 'aruba']
];

/**
 * Adjectives that place a text abroad rather than describe a person: those of regions and cities
 * ("de Brusselse burgemeester", "het Vlaamse dorp") and of the neighbouring countries, whose
 * towns share most names with Dutch ones ("de Belgische Staat", "de Duitse politie").
 */
export const PLACING_ADJECTIVES: ReadonlySet<string> = new Set(
	(
		'brusselse antwerpse gentse luikse keulse berlijnse parijse londense beierse vlaams ' +
		'vlaamse waals waalse texaans texaanse californisch californische belgisch belgische ' +
		'duitse luxemburgs luxemburgse'
	).split(' ')
);

/** Inhabitant names: like the adjectives, they say who, not where. */
export const ABROAD_PEOPLE: ReadonlySet<string> = new Set(
	'belg belgen duitser duitsers fransen fransman brit britten engelsman engelsen noren amerikaan amerikanen'.split(
		' '
	)
);

/** Phrases of two or three words (the first word alone says nothing). */
const PHRASES: [string, string][] = [
	['BE', 'vlaams brabant|waals brabant|oost vlaanderen|west vlaanderen|belgisch limburg'],
	[
		'DE',
		'noord rijn|noordrijn westfalen|rijnland palts|baden wurttemberg|oost friesland|neder saksen'
	],
	['GB', 'groot brittannie|verenigd koninkrijk|united kingdom|noord ierland|northern ireland'],
	[
		'US',
		'verenigde staten|united states|new york|new jersey|new mexico|new hampshire|' +
			'north carolina|south carolina|north dakota|south dakota|west virginia|rhode island|' +
			'rio grande|los angeles|san francisco'
	],
	['CA', 'british columbia|nova scotia|new brunswick'],
	['AU', 'new south wales'],
	['NZ', 'nieuw zeeland|new zealand'],
	[
		'ZA',
		'zuid afrika|zuid afrikaanse|zuid afrikaans|south africa|south african|oost kaap|west kaap'
	],
	['LK', 'sri lanka'],
	['FR', 'ile de france']
];

/** Words that only count inside a phrase ("zuid afrika", "verenigde staten", "nieuw zeeland"). */
const ONLY_IN_PHRASES = new Set(['zuid', 'afrika', 'zealand', 'afrikaanse', 'nieuw']);

/** One word abroad → country code. */
const ABROAD_WORDS: ReadonlyMap<string, string> = new Map(
	BY_CODE.flatMap(([code, words]) =>
		words
			.split(' ')
			.filter((w) => w && !ONLY_IN_PHRASES.has(w))
			.map((w): [string, string] => [w, code])
	)
);

/** Words abroad that are also Dutch words or first names: they count only with a capital
 * ("Wenen" the city, "wenen" to weep; "Chili", "chili"). */
export const CAP_ONLY: ReadonlySet<string> = new Set(
	'wenen chili java bali kreta georgia brit britten noren maine ems eems indiana natal'.split(' ')
);

/** Nationality adjectives: right before a town name they make it the town abroad ("het
 * Duitse Haren", "the Belgian town of Essen"). */
export const ABROAD_ADJECTIVES: ReadonlySet<string> = new Set([
	...[...BY_CODE.flatMap(([, words]) => words.split(' '))].filter((w) =>
		/(?:se|sche|ish|ian|can|ese)$/.test(w)
	),
	...(
		'belgisch vlaams waals brits schots noors zweeds deens amerikaans texaans californisch ' +
		'canadees australisch oostenrijks zwitsers luxemburgs spaans italiaans grieks'
	).split(' ')
]);

/** Phrases abroad (words joined by a space) → country code. */
const ABROAD_PHRASES: ReadonlyMap<string, string> = new Map(
	PHRASES.flatMap(([code, ps]) => ps.split('|').map((p): [string, string] => [p, code]))
);

/** The first words of the phrases: a quick filter. */
const PHRASE_FIRSTS: ReadonlySet<string> = new Set(
	[...ABROAD_PHRASES.keys()].map((p) => p.split(' ')[0])
);

/**
 * Whether tokens from k name a place abroad: the phrase's length (2 or 3), 1 for a word, 0 for
 * none; with its country code.
 */
export function abroadAt(tok: readonly string[], k: number): { len: number; code: string } | null {
	if (k >= tok.length) return null;
	const w = tok[k];
	if (PHRASE_FIRSTS.has(w) && k + 1 < tok.length) {
		if (k + 2 < tok.length) {
			const three = ABROAD_PHRASES.get(w + ' ' + tok[k + 1] + ' ' + tok[k + 2]);
			if (three) return { len: 3, code: three };
		}
		const two = ABROAD_PHRASES.get(w + ' ' + tok[k + 1]);
		if (two) return { len: 2, code: two };
	}
	const code = ABROAD_WORDS.get(w);
	return code ? { len: 1, code } : null;
}

/** Function words of a language: two or more different ones make a text that language. */
export const ENGLISH_WORDS =
	'the and of with were are has have after from which where its their this that on an for to at by during each held lies city town near river'.split(
		' '
	);
export const GERMAN_WORDS = (
	'und der das ist nicht mit eine einer einem zum zur im auf sich wurde wird auch fur uber ' +
	'zwischen nach sind werden wurden unter stadt gemeinde bei beim vom ihr ihre sein seine hat ' +
	'haben waren dass nur schon heute gestern polizei feuerwehr strasse ein kein keine'
).split(' ');
export const FRENCH_WORDS =
	'le la les et est dans avec pour une du au aux sur par qui que ete sont nord sud ville'.split(
		' '
	);
