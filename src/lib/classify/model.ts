/**
 * The learned part of the post classifier (issue 12 item 6): a logistic regression per class
 * over word unigrams, word bigrams and word prefixes of the normalised text, trained by
 * `scripts/train-classify.ts` on the labelled set and the real dev set, and stored as a compact
 * JSON model (`model.json`, committed). Pure module: no Node, UI or database.
 *
 * The rules in `classify.ts` decide first; this model adds recall where the rules' cues fired
 * too weakly or not at all but a cue stem of the class is in the text (the class's prefilter:
 * "heard gunshots, we are hiding", "burn the whole place down tonight"), and the rules' context
 * (news style, official information, fiction, quoting, negation, figurative speech) vetoes it.
 * The features are readable, so the "why" of a model decision names its strongest features.
 *
 * Features of a normalised text (lower case, no accents, as `normalise` in classify.ts):
 * tokens are runs of letters, digits and apostrophes, "!!"-like runs and emoji; then
 * - `w:TOKEN` for each token, long digit runs folded to `#` (a phone number, a year), except
 *   the emergency numbers 112, 911 and 999;
 * - `b:TOKEN TOKEN` for each pair of neighbours;
 * - `p:PREFIX` (the first 5 letters) for each token of more than 6 letters, which joins
 *   inflections and compounds ("vermoorden", "vermoord"; "brandstichting", "brandstichter").
 * Each feature counts once per text (binary), at most `MAX_TOKENS` tokens are read.
 */

export const MODEL_CLASSES = ['help', 'threat'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];

export interface ClassModel {
	bias: number;
	/** the decision threshold on the probability, chosen by cross-validation in training */
	threshold: number;
	/**
	 * A weak rule decision (rule score below STRONG in classify.ts) for the class is dropped when
	 * the model's probability is below this (0: never); chosen by cross-validation too.
	 */
	veto: number;
	/** feature -> weight; features not listed weigh 0 */
	weights: Record<string, number>;
}

export interface LinearModel {
	version: 1;
	/** how it was made: sets, sizes, regularisation, cross-validation figures */
	trained: Record<string, unknown>;
	classes: Record<ModelClass, ClassModel>;
}

export interface ModelScore {
	p: number;
	/** the features that pushed the score up most, strongest first (at most 3) */
	top: string[];
}

const MAX_TOKENS = 400;
const TOKEN = /[a-z0-9']+|[!?]{2,}|\p{Extended_Pictographic}/gu;
const EMERGENCY = new Set(['112', '911', '999']);
/**
 * Words of another meaning in the hinted language, skipped as the rules skip them: Dutch "brand"
 * (fire) in an English post is a brand, English "fire" in a Dutch post is slang ("dit is fire").
 */
/**
 * Function words are not unigram features (they are in bigrams: "ik ga", "we gaan"): in a small
 * training set they correlate with a class by chance and make the "why" unreadable.
 */
export const STOPWORDS = new Set(
	(
		'de het een en van in op te is dat die dit deze ik je jij u hij zij ze we wij ons mijn jouw zijn ' +
		'haar hun men er hier daar wat wie waar hoe maar of als dan nu ook nog al niet geen wel zo want ' +
		'omdat voor met naar bij uit aan om over door tot na was ben bent heeft heb hebben had kan kun ' +
		'zal zou wordt worden werd gaat gaan ga moet mag wil doe doen the a an and or but of to on at ' +
		'for with from by as are were be been am i he she it they me him her us them my your his its ' +
		'our their this that these those who where when how not no so if then than there here just ' +
		'also too very can could will would should may might must does did have has had get got go'
	).split(' ')
);

const FALSE_FRIENDS: Record<string, Set<string>> = {
	en: new Set(['brand']),
	nl: new Set(['fire'])
};

/**
 * The features of a normalised text, each once, in order of first occurrence. `lang` (the
 * post's language hint, two letters) drops that language's false friends.
 */
export function features(s: string, lang = ''): string[] {
	const out = new Set<string>();
	eachFeature(s, lang, (f) => out.add(f));
	return [...out];
}

/** Calls `fn` with each feature of the text in order (a feature may come more than once). */
function eachFeature(s: string, lang: string, fn: (f: string) => void): void {
	const skip = FALSE_FRIENDS[lang];
	const toks = s.match(TOKEN);
	if (!toks) return;
	let prev = '';
	const n = Math.min(toks.length, MAX_TOKENS);
	for (let i = 0; i < n; i++) {
		let t = toks[i];
		const c0 = t.charCodeAt(0);
		if (c0 === 39 || t.charCodeAt(t.length - 1) === 39) t = t.replace(/^'+|'+$/g, '');
		if (!t || skip?.has(t)) continue;
		if (c0 === 33 || c0 === 63) t = t.includes('!') ? '!!' : '??';
		else if (c0 >= 48 && c0 <= 57 && t.length > 2 && /^\d+$/.test(t) && !EMERGENCY.has(t)) t = '#';
		if (!STOPWORDS.has(t)) fn('w:' + t);
		if (prev) fn('b:' + prev + ' ' + t);
		if (t.length > 6 && c0 >= 97 && c0 <= 122) fn('p:' + t.slice(0, 5));
		prev = t;
	}
	for (const f of formFeatures(s)) fn(f);
}

// ---------------------------------------------------------------------------------------------
// Form features: how a post says something, not what about (issue 12, item 6, third round)
//
// A word model trained on a few hundred real posts learns their topics (floods, schools,
// hotels); these features name the form of a threat or a call for help in any topic, so that
// "ik steek morgen de moskee in brand" and "we're gonna shoot up the mall tonight" share
// features with threats the model has seen about other targets. Each is a pair of parts found
// in the same post (a first-person intent and a violent act; a violent act and a time; a
// request and first-person distress), plus two parts that speak against both (a report about
// someone else's deed, a past-tense account). Features are `f:NAME`; `FORM_LABEL` gives the
// words the UI shows for them.

/** First-person intent or future: "ik ga", "we gaan", "ik zal", "i'm gonna", "we will", "ima". */
const F_INTENT =
	/\b(?:(?:ik|wij|we)\s+(?:ga|gaan|zal|zullen|kom|komen|wil|willen|pleeg|plegen|steek|steken|schiet|schieten|maak|maken|blaas|blazen)|(?:i|we)\s*(?:'ll|will|'m going to|am going to|are going to|'m gonna|am gonna|are gonna|gonna|wanna|want to)|(?:we'?re|were|i'?m|im)\s+(?:gonna|going\s+to)|(?:i'?ma|imma)|this time i)\b/;
/** The second person addressed: "je", "jij", "jullie", "you", "y'all". */
const F_YOU = /\b(?:je|jij|jou|jouw|jullie|you|your|ya|y'?all)\b/;
/** A violent act, as stems (Dutch, English). */
const F_VIOLENT =
	/\b(?:schiet|schieten|neerschiet|afschiet|doodschiet|kapot\s?schiet|vermoord|moord|steek\s+\S+\s+neer|neersteek|afmaken|maak\s+(?:je|jullie|hem|haar)\s+af|opblaz|bom\b|bommen|aanslag|bloedbad|in\s+brand|in\s+de\s+fik|brand\s?stich|strot|kogel|ophang|opknop|afslacht|slachten|rellen|kill|shoot|stab|bomb|blow\s+up|burn|murder|massacre|slaughter|open\s+fire|smash|set\s+fire|assassinat|behead|hang\s+(?:him|her|them|you))/;
/** A time or date: "morgen", "vanavond", "om 21.00", "tomorrow", "tonight", "friday", "2:45". */
const F_TIME =
	/\b(?:morgen|vanavond|vannacht|vandaag|straks|binnenkort|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|tomorrow|tonight|today|this evening|soon|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|\d{1,2}[:.]\d{2}|\d{1,2}\s?(?:uur|pm|am)|\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|june|july|august|october))\b/;
/** A place or person a threat aims at: a school, a house of worship, a hotel, an office, the police. */
const F_TARGET =
	/\b(?:school|scholen|moskee|kerk|synagoge|synagogue|mosque|church|hotel|azc|stadhuis|gemeentehuis|city\s+(?:hall|office)|kindergarten|mall|winkelcentrum|station|festival|concert|politie|agenten|police|cops|burgemeester|mayor|minister|premier|president)\b/;
/** First-person distress now: trapped, stuck, water rising, can't breathe, hurt, bleeding. */
const F_DISTRESS =
	/\b(?:(?:we|wij|ik|i|i'm|im|we're|were)\s+(?:\S+\s+){0,2}(?:vast|opgesloten|trapped|stuck|stranded|drowning|verdrink|gewond|hurt|bleeding|injured|dying)|(?:zitten|zit|staan|sta)\s+(?:\S+\s+){0,2}vast|(?:kan|kunnen|can'?t|cannot)\s+(?:niet\s+)?(?:ademen|breathe|weg|eruit|get out|move|bewegen)|water\s+(?:stijgt|komt|is rising|keeps rising|rising)|(?:in|on)\s+(?:the|our|de|ons)\s+(?:attic|roof|zolder|dak)|(?:op|naar)\s+zolder|(?:wall|muur)\s+(?:is\s+)?(?:stuck|on me|op mij)|swallowing us)\b/;
/**
 * The addressee's fate to come: "you will hang", "you'll pay", "jij gaat eraan", "je zult boeten"
 * (not "you'll pay for the drinks").
 */
const F_FATE =
	/\b(?:you|u|je|jij|jullie)\b(?:\s+\S+){0,3}?(?:\s*'ll|\s+will|\s+gonna|\s+gaat|\s+gaan|\s+zal|\s+zult|\s+zullen|\s+wordt|\s+worden)\s+(?:\S+\s+){0,2}?(?:die|dead|pay(?!\s+(?:for|the|a|an|your|my|me|back|it|off|attention|us|him|her|them|up|in|cash)\b)|hang|hanged|bleed|sterven|dood|boeten|bloeden|eraan|creperen|opgehangen|afgemaakt)\b/;
/** Menace: "wacht maar", "kijk maar uit", "we know where", "see you soon". */
const F_MENACE =
	/\b(?:wacht\s+maar(?:\s+af)?|kijk\s+(?:maar\s+)?uit|you'?ll\s+see|just\s+wait|watch\s+your\s+back|we\s+know\s+where|i\s+know\s+where|ik\s+weet\s+waar|we\s+weten\s+waar|tot\s+snel|see\s+you\s+soon|je\s+bent\s+gewaarschuwd|you'?ve\s+been\s+warned)\b/;
/** Talk about a threat: the nouns and verbs a report or a notice uses for it. */
const F_ABOUT_THREAT =
	/\b(?:threats?|threatened|threatening|dreigt|dreigde|dreigden|gedreigd|bedreigd|bedreiging\w*|dreigement\w*|dreigbericht\w*|dreigtweet\w*|bommelding\w*|hoax)\b/;
/** A request for help or for someone to come: "help", "please send", "kom snel", "bel 112". */
const F_REQUEST =
	/\b(?:help|helpen|hulp|sos|please|pls|plz|alsjeblieft|alstublieft|aub|send|stuur|rescue|red\s+ons|save\s+us|hurry|kom\s+snel|come\s+quick|bel\s+(?:112|de politie|een ambulance)|call\s+(?:911|999|the police))\b/;
/** A first-person pronoun or possessive (the writer or their own people). */
const F_FIRST = /\b(?:ik|wij|we|mijn|ons|onze|i|i'm|im|we're|my|our|us|me)\b/;
/** A report of someone else's deed: "aangehouden", "arrested", "charged", "veroordeeld", "werd". */
const F_REPORTED =
	/\b(?:aangehouden|opgepakt|gearresteerd|veroordeeld|verdacht|verdachte|aangifte|politierechter|taakstraf|celstraf|arrested|charged|sentenced|convicted|suspect|allegedly|prosecutors?|police said|according to|jailed|detained|sentenced|court|rechtbank|rechter|judge|posted|tweeted|plaatste|schreef)\b/;
/** A past-tense account: "we waren", "ik heb ... geroepen", "was", "were", "yesterday". */
const F_PAST =
	/\b(?:was|waren|werd|werden|had|hadden|gisteren|vorige week|were|yesterday|last (?:night|week)|ago)\b/;

/** What the UI shows for a form feature. */
export const FORM_LABEL: Record<string, string> = {
	'f:intent+violent': 'ik ga/I will + geweld',
	'f:you+violent': 'jij/you + geweld',
	'f:violent+time': 'geweld + tijdstip',
	'f:violent+target': 'geweld + doelwit',
	'f:intent+target': 'ik ga/I will + doelwit',
	'f:distress': 'wij zitten vast/we are trapped',
	'f:request+distress': 'hulpvraag + nood',
	'f:request+first': 'hulpvraag + ik/wij',
	'f:reported': 'bericht over een ander',
	'f:you+fate': 'jij gaat eraan/you will pay',
	'f:menace': 'wacht maar/watch your back',
	'f:about-threat': 'bericht over een dreiging',
	'f:past': 'verleden tijd'
};

/**
 * Whether the text has the form of a threat: a violent act with the first or second person, a
 * time or a target, or the addressee's fate or a menace. The model adds a threat the rules did
 * not see only where it has this form, not on vocabulary alone ("you'll pay for the drinks").
 */
export function threatForm(s: string): boolean {
	if (F_FATE.test(s) || (F_MENACE.test(s) && F_YOU.test(s))) return true;
	if (!F_VIOLENT.test(s)) return false;
	return F_INTENT.test(s) || F_YOU.test(s) || F_TIME.test(s) || F_TARGET.test(s);
}

/** The form features of a normalised text (see above). */
export function formFeatures(s: string): string[] {
	const out: string[] = [];
	const violent = F_VIOLENT.test(s);
	const intent = F_INTENT.test(s);
	if (violent) {
		if (intent) out.push('f:intent+violent');
		if (F_YOU.test(s)) out.push('f:you+violent');
		if (F_TIME.test(s)) out.push('f:violent+time');
		if (F_TARGET.test(s)) out.push('f:violent+target');
	}
	if (intent && F_TARGET.test(s)) out.push('f:intent+target');
	const distress = F_DISTRESS.test(s);
	if (distress) out.push('f:distress');
	if (F_REQUEST.test(s)) {
		if (distress) out.push('f:request+distress');
		if (F_FIRST.test(s)) out.push('f:request+first');
	}

	if (F_FATE.test(s)) out.push('f:you+fate');
	if (F_MENACE.test(s) && F_YOU.test(s)) out.push('f:menace');
	if (F_ABOUT_THREAT.test(s)) out.push('f:about-threat');
	if (F_REPORTED.test(s)) out.push('f:reported');
	if (F_PAST.test(s)) out.push('f:past');
	return out;
}

const TABLES = new WeakMap<LinearModel, Map<string, number[]>>();

/** One map from feature to its weight per class (built once per model). */
function tableOf(m: LinearModel): Map<string, number[]> {
	let t = TABLES.get(m);
	if (t) return t;
	t = new Map();
	MODEL_CLASSES.forEach((c, k) => {
		for (const [f, w] of Object.entries(m.classes[c].weights)) {
			let ws = t!.get(f);
			if (!ws) t!.set(f, (ws = MODEL_CLASSES.map(() => 0)));
			ws[k] = w;
		}
	});
	TABLES.set(m, t);
	return t;
}

/**
 * The model's score for every class on a normalised text, in one pass: the same as
 * `scoreClass(m.classes[c], features(s, lang))`, without building the feature list (features
 * the model does not know are looked up once and dropped).
 */
export function scoreText(m: LinearModel, s: string, lang = ''): Record<ModelClass, ModelScore> {
	const table = tableOf(m);
	const found = new Set<string>();
	eachFeature(s, lang, (f) => {
		if (table.has(f)) found.add(f);
	});
	const feats = [...found];
	const out = {} as Record<ModelClass, ModelScore>;
	for (const c of MODEL_CLASSES) out[c] = scoreClass(m.classes[c], feats);
	return out;
}

function sigmoid(z: number): number {
	return 1 / (1 + Math.exp(-z));
}

/** The model's probability for one class, and the features that raised it most. */
export function scoreClass(m: ClassModel, feats: string[]): ModelScore {
	let z = m.bias;
	const pos: [string, number][] = [];
	for (const f of feats) {
		const w = m.weights[f];
		if (w === undefined) continue;
		z += w;
		if (w > 0) pos.push([f, w]);
	}
	pos.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	return { p: sigmoid(z), top: pos.slice(0, 3).map(([f]) => label(f)) };
}

/** A feature as the UI shows it: the words, quoted; a prefix with a dash ("'vermo-'"). */
export function label(f: string): string {
	if (f.startsWith('f:')) return `[${FORM_LABEL[f] ?? f.slice(2)}]`;
	const body = f.slice(2);
	return f.startsWith('p:') ? `'${body}-'` : `'${body}'`;
}

/** Check a parsed JSON model's shape; throws with the reason when it is not a model. */
export function checkModel(o: unknown): LinearModel {
	const m = o as LinearModel;
	if (!m || typeof m !== 'object' || m.version !== 1 || !m.classes)
		throw new Error('not a classifier model (version 1)');
	for (const c of MODEL_CLASSES) {
		const k = m.classes[c];
		if (
			!k ||
			typeof k.bias !== 'number' ||
			typeof k.threshold !== 'number' ||
			typeof k.veto !== 'number'
		)
			throw new Error(`model class ${c}: bias, threshold and veto must be numbers`);
		if (!k.weights || typeof k.weights !== 'object')
			throw new Error(`model class ${c}: weights missing`);
		for (const [f, w] of Object.entries(k.weights))
			if (typeof w !== 'number' || !Number.isFinite(w))
				throw new Error(`model class ${c}: weight of ${f} is not a number`);
	}
	return m;
}
