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

/** The regions of the countries whose towns share names with Dutch ones, complete where a
 * list is short (provinces, states, counties): one-word names, ISO code first. Left out: names
 * that are also Dutch words or regions ("Franken", "Rijnland", "Champagne", "Labrador"). */
const REGIONS_ABROAD: [string, string][] = [
	['DE', 'ostfriesland vorpommern pfalz schwaben harz schwarzwald mosel westerwald'],
	['NO', 'agder innlandet nordland troms telemark vestfold ostfold buskerud oppland hedmark viken'],
	[
		'FR',
		'occitanie aquitaine auvergne ardeche dordogne savoie pyreneeen vogezen languedoc gironde ' +
			'vendee bretagne'
	],
	['BE', 'ardennen'],
	[
		'GB',
		'essex surrey cumbria northumberland cheshire somerset dorset hampshire lincolnshire ' +
			'kent wiltshire'
	],
	['CA', 'newfoundland yukon nunavut'],
	['AU', 'perth adelaide brisbane'],
	['ZA', 'natal']
];

const BY_CODE: [string, string][] = [
	...REGIONS_ABROAD,
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
 * Every country of the world by its Dutch and English names (ISO code: names, "|" between them,
 * words joined by a space), so that a text about any country is read as foreign, not only one
 * about the countries above. Names of two or three words are phrases.
 */
const COUNTRIES: [string, string][] = [
	['AF', 'afghanistan'],
	['AL', 'albanie|albania'],
	['DZ', 'algerije|algeria'],
	['AD', 'andorra'],
	['AO', 'angola'],
	['AG', 'antigua'],
	['AR', 'argentinie|argentina'],
	['AM', 'armenie|armenia'],
	['AU', 'australie|australia'],
	['AZ', 'azerbeidzjan|azerbaijan'],
	['BS', 'bahamas'],
	['BH', 'bahrein|bahrain'],
	['BD', 'bangladesh'],
	['BB', 'barbados'],
	['BY', 'wit rusland|belarus'],
	['BZ', 'belize'],
	['BJ', 'benin'],
	['BT', 'bhutan'],
	['BO', 'bolivia'],
	['BA', 'bosnie|bosnia|herzegovina'],
	['BW', 'botswana'],
	['BR', 'brazilie|brazil'],
	['BN', 'brunei'],
	['BG', 'bulgarije|bulgaria'],
	['BF', 'burkina faso'],
	['BI', 'burundi'],
	['KH', 'cambodja|cambodia'],
	['CM', 'kameroen|cameroon'],
	['CA', 'canada'],
	['CV', 'kaapverdie|cape verde'],
	['CF', 'centraal afrikaanse republiek|central african republic'],
	['TD', 'tsjaad'],
	['CL', 'chili|chile'],
	['CN', 'china'],
	['CO', 'colombia'],
	['KM', 'comoren|comoros'],
	['CG', 'congo'],
	['CR', 'costa rica'],
	['CI', 'ivoorkust'],
	['HR', 'kroatie|croatia'],
	['CU', 'cuba'],
	['CY', 'cyprus'],
	['CZ', 'tsjechie|czechia|tsjechische republiek|czech republic'],
	['DK', 'denemarken|denmark'],
	['DJ', 'djibouti'],
	['DO', 'dominicaanse republiek|dominican republic'],
	['EC', 'ecuador'],
	['EG', 'egypte|egypt'],
	['SV', 'el salvador'],
	['GQ', 'equatoriaal guinea'],
	['ER', 'eritrea'],
	['EE', 'estland|estonia'],
	['SZ', 'eswatini|swaziland'],
	['ET', 'ethiopie|ethiopia'],
	['FJ', 'fiji'],
	['FI', 'finland'],
	['FR', 'frankrijk|france'],
	['GA', 'gabon'],
	['GM', 'gambia'],
	['GE', 'georgie'],
	['DE', 'duitsland|germany'],
	['GH', 'ghana'],
	['GR', 'griekenland|greece'],
	['GT', 'guatemala'],
	['GN', 'guinee|guinea'],
	['GW', 'guinee bissau|guinea bissau'],
	['GY', 'guyana'],
	['HT', 'haiti'],
	['HN', 'honduras'],
	['HU', 'hongarije|hungary'],
	['IS', 'ijsland|iceland'],
	['IN', 'india'],
	['ID', 'indonesie|indonesia'],
	['IR', 'iran'],
	['IQ', 'irak|iraq'],
	['IE', 'ierland|ireland'],
	['IL', 'israel'],
	['IT', 'italie|italy'],
	['JM', 'jamaica'],
	['JP', 'japan'],
	['JO', 'jordanie|jordan'],
	['KZ', 'kazachstan|kazakhstan'],
	['KE', 'kenia|kenya'],
	['KI', 'kiribati'],
	['XK', 'kosovo'],
	['KW', 'koeweit|kuwait'],
	['KG', 'kirgizie|kirgizstan|kyrgyzstan'],
	['LA', 'laos'],
	['LV', 'letland|latvia'],
	['LB', 'libanon|lebanon'],
	['LS', 'lesotho'],
	['LR', 'liberia'],
	['LY', 'libie|libya'],
	['LI', 'liechtenstein'],
	['LT', 'litouwen|lithuania'],
	['LU', 'luxemburg|luxembourg'],
	['MG', 'madagaskar|madagascar'],
	['MW', 'malawi'],
	['MY', 'maleisie|malaysia'],
	['MV', 'malediven|maldives'],
	['ML', 'mali'],
	['MT', 'malta'],
	['MR', 'mauritanie|mauritania'],
	['MU', 'mauritius'],
	['MX', 'mexico'],
	['MD', 'moldavie|moldova'],
	['MC', 'monaco'],
	['MN', 'mongolie|mongolia'],
	['ME', 'montenegro'],
	['MA', 'marokko|morocco'],
	['MZ', 'mozambique'],
	['MM', 'myanmar|birma|burma'],
	['NA', 'namibie|namibia'],
	['NP', 'nepal'],
	['NZ', 'nieuw zeeland|new zealand'],
	['NI', 'nicaragua'],
	['NE', 'niger'],
	['NG', 'nigeria'],
	['KP', 'noord korea|north korea'],
	['MK', 'noord macedonie|macedonie|north macedonia|macedonia'],
	['NO', 'noorwegen|norway'],
	['OM', 'oman'],
	['PK', 'pakistan'],
	['PS', 'palestina|palestine|gazastrook|westelijke jordaanoever'],
	['PA', 'panama'],
	['PG', 'papoea nieuw guinea|papua new guinea'],
	['PY', 'paraguay'],
	['PE', 'peru'],
	['PH', 'filipijnen|philippines'],
	['PL', 'polen|poland'],
	['PT', 'portugal'],
	['QA', 'qatar'],
	['RO', 'roemenie|romania'],
	['RU', 'rusland|russia'],
	['RW', 'rwanda'],
	['WS', 'samoa'],
	['SM', 'san marino'],
	['SA', 'saoedi arabie|saudi arabie|saudi arabia'],
	['SN', 'senegal'],
	['RS', 'servie|serbia'],
	['SC', 'seychellen|seychelles'],
	['SL', 'sierra leone'],
	['SG', 'singapore'],
	['SK', 'slowakije|slovakia'],
	['SI', 'slovenie|slovenia'],
	['SB', 'salomonseilanden|solomon islands'],
	['SO', 'somalie|somalia'],
	['ZA', 'zuid afrika|south africa'],
	['KR', 'zuid korea|south korea'],
	['SS', 'zuid soedan|south sudan'],
	['ES', 'spanje|spain'],
	['LK', 'sri lanka'],
	['SD', 'soedan|sudan'],
	['SR', 'suriname'],
	['SE', 'zweden|sweden'],
	['CH', 'zwitserland|switzerland'],
	['SY', 'syrie|syria'],
	['TW', 'taiwan'],
	['TJ', 'tadzjikistan|tajikistan'],
	['TZ', 'tanzania'],
	['TH', 'thailand'],
	['TL', 'oost timor|east timor'],
	['TG', 'togo'],
	['TO', 'tonga'],
	['TT', 'trinidad'],
	['TN', 'tunesie|tunisia'],
	['TR', 'turkije|turkey'],
	['TM', 'turkmenistan'],
	['UG', 'oeganda|uganda'],
	['UA', 'oekraine|ukraine'],
	['AE', 'verenigde arabische emiraten|united arab emirates|dubai|abu dhabi'],
	['GB', 'verenigd koninkrijk|united kingdom|groot brittannie|great britain'],
	['US', 'verenigde staten|united states'],
	['UY', 'uruguay'],
	['UZ', 'oezbekistan|uzbekistan'],
	['VU', 'vanuatu'],
	['VA', 'vaticaanstad|vatican'],
	['VE', 'venezuela'],
	['VN', 'vietnam'],
	['YE', 'jemen|yemen'],
	['ZM', 'zambia'],
	['ZW', 'zimbabwe']
];

/** The names of countries (normalised, one or more words): never a Dutch place of the name
 * ("Malta", "Palestina", "Egypte" are also Dutch hamlets and neighbourhoods). */
export const COUNTRY_KEYS: ReadonlySet<string> = new Set(
	COUNTRIES.flatMap(([, names]) => names.split('|'))
);

/**
 * Belgium beyond its cities of the world list: the municipalities and sections of Brussels and
 * the districts of Antwerp that GeoNames keeps as parts of a city (Dutch and French names), and
 * the words of Belgian public life that Dutch text from the Netherlands does not use (the OCMW,
 * a politiezone, schepenen, the federale politie, the NMBS). Names that are also Dutch towns
 * (Haren, Deurne, Hoboken, Vorst, Berchem, Sint Joost, Mariakerke) are left out: a world list
 * twin decides those.
 */
const BELGIUM =
	'anderlecht elsene ixelles etterbeek evere ganshoren jette koekelberg oudergem auderghem ' +
	'schaarbeek schaerbeek ukkel uccle watermaal bosvoorde boitsfort molenbeek woluwe laken ' +
	'laeken heembeek borgerhout merksem wilrijk ekeren berendrecht zandvliet ledeberg gentbrugge ' +
	'wondelgem oostakker drongen ' +
	'ocmw politiezone deelgemeente fusiegemeente provinciegouverneur onderzoeksrechter ' +
	'schepenen schepencollege rijkswacht gasboete mivb nmbs infrabel vrt rtbf incivisme vld';

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
	['CA', 'british columbia|nova scotia|new brunswick|prince edward island'],
	['NO', 'more og romsdal|sogn og fjordane'],
	['FR', 'cote d azur'],
	['AU', 'new south wales|western australia|south australia|northern territory'],
	['NZ', 'nieuw zeeland|new zealand'],
	[
		'ZA',
		'zuid afrika|zuid afrikaanse|zuid afrikaans|south africa|south african|oost kaap|west kaap|' +
			'noord kaap|northern cape|western cape|eastern cape|free state|vrije staat'
	],
	['LK', 'sri lanka'],
	['FR', 'ile de france']
];

/** Belgian names and words of two or more words ("Sint-Gillis", "N-VA", "federale politie"). */
const BELGIUM_PHRASES = [
	'sint gillis',
	'saint gilles',
	'sint jans molenbeek',
	'sint agatha berchem',
	'neder over heembeek',
	'sint pieters woluwe',
	'sint lambrechts woluwe',
	'n va',
	'federale politie',
	'procureur des konings'
];
/** Parts of those that say nothing alone. */
const BELGIUM_PAIRS_ONLY = new Set(['sint', 'saint', 'gillis', 'gilles', 'heembeek']);

/** Words that only count inside a phrase ("zuid afrika", "verenigde staten", "nieuw zeeland"). */
const ONLY_IN_PHRASES = new Set(['zuid', 'afrika', 'zealand', 'afrikaanse', 'nieuw']);

/** One word abroad → country code. */
const ABROAD_WORDS: ReadonlyMap<string, string> = new Map([
	...COUNTRIES.flatMap(([code, names]) =>
		names
			.split('|')
			.filter((n) => !n.includes(' '))
			.map((n): [string, string] => [n, code])
	),
	...BELGIUM.split(' ')
		.filter((w) => !BELGIUM_PAIRS_ONLY.has(w))
		.map((w): [string, string] => [w, 'BE']),
	...BY_CODE.flatMap(([code, words]) =>
		words
			.split(' ')
			.filter((w) => w && !ONLY_IN_PHRASES.has(w))
			.map((w): [string, string] => [w, code])
	)
]);

/** Words abroad that are also Dutch words or first names: they count only with a capital
 * ("Wenen" the city, "wenen" to weep; "Chili", "chili"). */
export const CAP_ONLY: ReadonlySet<string> = new Set(
	(
		'wenen chili java bali kreta georgia brit britten noren maine ems eems indiana natal ' +
		'jordan georgie turkey laken jette drongen evere'
	).split(' ')
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
const ABROAD_PHRASES: ReadonlyMap<string, string> = new Map([
	...COUNTRIES.flatMap(([code, names]) =>
		names
			.split('|')
			.filter((n) => n.includes(' '))
			.map((n): [string, string] => [n, code])
	),
	...BELGIUM_PHRASES.map((p): [string, string] => [p, 'BE']),
	...PHRASES.flatMap(([code, ps]) => ps.split('|').map((p): [string, string] => [p, code]))
]);

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
