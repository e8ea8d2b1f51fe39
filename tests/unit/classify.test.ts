/** Post classifier (issue 5, item 3): classes on hand-picked posts, hard negatives, hostile text, speed, fixtures. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POST_CLASSES, classifyText, type PostClass } from '../../src/lib/classify/classify';
import { readLabelled } from '../../scripts/eval-classify';

const LABELLED = 'tests/fixtures/classify/labelled.ndjson';
const HELDOUT = 'tests/fixtures/classify/heldout.ndjson';
/** Real text (issue 12 item 6): paraphrases of public pages, split once by source page. */
const DEV = 'tests/fixtures/classify/real-dev.ndjson';
const REAL_HELDOUT = 'tests/fixtures/classify/real-heldout.ndjson';

function classes(text: string, lang?: string): PostClass[] {
	return classifyText(text, lang === undefined ? undefined : { lang }).classes;
}

describe('classifyText: classes', () => {
	it('exports the four classes in order', () => {
		expect([...POST_CLASSES]).toEqual(['help', 'report', 'threat', 'gather']);
	});

	it.each([
		'help!! er ligt iemand op straat bij de Kruiskade, hij reageert niet',
		'bel 112, mijn vader heeft een hartaanval',
		'we zitten vast in de lift van de Bijenkorf',
		'ik word achtervolgd door een man sinds het station, ik ben zo bang',
		'SOS kind kwijt op het strand bij paal 12, rood badpak',
		'please help, my friend collapsed and is not breathing',
		'ambulance nodig bij de Albert Heijn, vrouw onwel',
		'jongen verdrinkt in de gracht!!!'
	])('help: %s', (t) => {
		expect(classes(t)).toContain('help');
	});

	it.each([
		'help, mijn wifi doet het niet',
		'help me kiezen: rood of blauw?',
		'hulp nodig met mijn huiswerk wiskunde',
		'ik ga dood van het lachen 😂',
		'bij nood altijd 112 bellen',
		'ik zit vast in de file op de A4',
		'hij reageert niet meer terug op mijn appjes',
		'sos vraag ik me af waarom ik dit doe',
		'mijn kat is vermist, wie heeft hem gezien?'
	])('not help: %s', (t) => {
		expect(classes(t)).not.toContain('help');
	});

	it.each([
		'@politie er wordt ingebroken bij de buren, zie zaklampen',
		'tip voor de politie: er wordt elke avond gedeald bij het speeltuintje',
		'verdachte situatie: busje rijdt al een uur rondjes door de wijk',
		'ik wil aangifte doen van bedreiging',
		'zojuist aanrijding, dader doorgereden, zwarte Golf',
		'mijn fiets is vannacht gestolen bij het station, pas op'
	])('report: %s', (t) => {
		expect(classes(t)).toContain('report');
	});

	it.each([
		'belastingaangifte gedaan, 200 euro terug',
		'verdacht lekker deze chips',
		'je hebt mijn hart gestolen',
		'Man aangehouden na steekpartij, aldus de politie',
		'ik kreeg een melding op mijn telefoon',
		'veel politie in de stad, weet iemand wat er aan de hand is?'
	])('not report: %s', (t) => {
		expect(classes(t)).not.toContain('report');
	});

	it.each([
		'ik weet waar je woont en ik maak je af',
		'we gaan ze pakken die ajacieden, zaterdag bij het station',
		'steek die tent in de fik',
		'laten we de politie aanvallen',
		'molotovs klaar voor vanavond',
		'alles slopen in het centrum vanavond',
		'i will kill you',
		'bom ligt in het stadhuis, om 3 uur gaat hij af'
	])('threat: %s', (t) => {
		expect(classes(t)).toContain('threat');
	});

	it.each([
		'die film was echt moordend',
		'we gaan die wedstrijd slopen, kom op PSV!',
		'politie onderzoekt bommelding op het station',
		'bommelding op Schiphol bleek loos alarm',
		"mooie foto's geschoten vandaag",
		'schiet op joh, we missen de trein',
		'ik maak je af in fifa vanavond 🎮',
		'"ik ga jullie allemaal afmaken" zong hij ♪',
		'deze mascara is echt de bom',
		'we gaan de trein pakken',
		'geen rellen dit jaar, wat fijn'
	])('not threat: %s', (t) => {
		expect(classes(t)).not.toContain('threat');
	});

	it.each([
		'PROJECT X bij de Walburgstraat vanavond, iedereen komen!!!',
		'vanavond 20:00 stationsplein, wees erbij',
		'feest bij Daan vrijdag, iedereen welkom, zeg het voort',
		'kom allemaal zaterdag naar het Malieveld om 13:00',
		'spread the word: saturday 2pm at the Dam'
	])('gather: %s', (t) => {
		expect(classes(t)).toContain('gather');
	});

	it.each([
		'is dat project x feest echt of nep? gaat toch niemand heen',
		'we gaan vanavond uit eten bij de Italiaan',
		'we gaan winnen zondag, kom op Feyenoord',
		'Burgemeester verbiedt demonstratie, noodverordening van kracht',
		'morgen 10:00 tandarts'
	])('not gather: %s', (t) => {
		expect(classes(t)).not.toContain('gather');
	});

	it('a post can have several classes', () => {
		expect(classes('bel 112!!! iemand is neergestoken op het Stationsplein')).toEqual([
			'help',
			'report'
		]);
		expect(classes('zaterdag 22:00 iedereen naar het azc, neem stenen mee')).toEqual([
			'threat',
			'gather'
		]);
		expect(classes('hij zei tegen mij "ik maak je af", heb het gemeld bij de politie')).toEqual([
			'report'
		]);
	});

	it('gives the cues that fired for every class, and only for those', () => {
		for (const t of [
			'help er ligt iemand op straat, bel 112',
			'@politie er wordt ingebroken',
			'vanavond 21u iedereen naar de Dam, alles slopen'
		]) {
			const c = classifyText(t);
			expect(c.classes.length).toBeGreaterThan(0);
			expect(Object.keys(c.cues).sort()).toEqual([...c.classes].sort());
			for (const k of c.classes) {
				expect(c.cues[k]!.length).toBeGreaterThan(0);
				for (const why of c.cues[k]!) expect(why.length).toBeLessThan(40);
			}
		}
		expect(classifyText('bel 112, iemand is onwel').cues.help).toContain('call 112');
	});

	it('uses the language hint only for false friends', () => {
		const t = 'brand bij de buren, er zitten nog mensen binnen!!';
		expect(classes(t)).toContain('help');
		expect(classes(t, 'nl')).toContain('help');
		// The rules skip the Dutch "brand" in an English post (the learned part reads the rest of
		// this Dutch text, "er zitten nog mensen binnen", and may still call it help).
		expect(classifyText(t, { lang: 'en', model: null }).classes).not.toContain('help');
		expect(classes('our new brand is out, come see it', 'en')).not.toContain('help');
		expect(classes('call an ambulance, he is not breathing', 'en')).toContain('help');
	});
});

describe('classifyText: real text (issue 12 item 6)', () => {
	it('reads a report about a post or a deed as news, not as the threat itself', () => {
		// Forms from the real dev set ("opgepakt omdat hij online opriep tot rellen", "charged after
		// posting that he planned to shoot up the campus", "noodbevel in de Schilderswijk").
		for (const t of [
			'Jongen (17) opgepakt omdat hij op Snapchat opriep om agenten aan te vallen in de Dapperbuurt',
			'Student charged after posting that he would shoot up the campus on Friday',
			'Noodbevel in de Kanaalstraat: jongeren gooien weer stenen en vuurwerk naar agenten'
		])
			expect(classifyText(t, { model: null }).classes, t).not.toContain('threat');
		// The threat itself still is one.
		expect(classes('we gaan de agenten aanvallen vanavond in de Dapperbuurt')).toContain('threat');
	});

	// Forms found in real posts (tests/fixtures/classify/real-dev.ndjson), written here as
	// variants: the relatives of someone missing now, rescue, the writer hurt, an attack going on.
	it.each([
		"everyone pls share, my brother was at the concert tonight and he isn't answering his phone",
		'still looking for my daughter and her friend, please retweet #floods',
		'We need rescue, two kids with us and the water is still rising',
		'my parents are stuck on the roof in Meyerland, please send a boat',
		"I've been stabbed outside the station, I can't get home",
		"there's a man stabbing everyone in the carriage, run",
		'we zitten nog vast boven, de trap staat in brand, waar blijft de brandweer?',
		'help ons zoeken, mijn vader is nog steeds vermist sinds gisteravond',
		'dit is mijn laatste bericht, ik spring van de brug'
	])('help: %s', (t) => {
		expect(classes(t)).toContain('help');
	});

	// Official information names 112 or a hotline, and is no call for help or report.
	it.each([
		'NL-Alert: blijf binnen en sluit ramen en deuren. Bel alleen 112 bij levensgevaarlijke situaties.',
		'If the water keeps rising do not go into the attic, you could get trapped there. Call 911.',
		'Onnodig 112 bellen kan levens kosten, de meldkamer loopt over',
		'Let op: er zijn zakkenrollers actief op de markt, houd uw tas dicht',
		'Zie je een dreigend bericht over een school? Deel het niet, meld het via 0900-8844.',
		// Third round (advice and after-the-fact forms, variants of dev posts):
		'Ziet u iemand bij de buren over het hek klimmen terwijl zij weg zijn? Twijfel niet en bel 112',
		'112 bel je als elke seconde telt, zoals bij een hartstilstand of een zwaargewonde',
		'Is een naaste vermist? Contacteer de lokale politie of bel het Rode Kruis',
		'If you need help leaving your home because of high water, call 311',
		'Vermist jongetje meldt zich gezond en wel bij de politie',
		'De drie meisjes die sinds zaterdag vermist waren, zijn terecht',
		'Ik raakte mijn zoontje kwijt in de drukte, wat een angstig moment was dat'
	])('not help or report: %s', (t) => {
		expect(classes(t)).not.toContain('help');
		expect(classes(t)).not.toContain('report');
	});

	it.each([
		'@Airline the bomb on flight 22 goes off in two hours',
		"there is going to be a school shooting tomorrow, don't come",
		"I will blow up your office if you don't let him go",
		'burn every mosque in this town',
		'Jij gaat sterven, ik weet je te vinden',
		'zet maar een stap terug, anders krijg je klappen',
		'na de wedstrijd gaan de jongens de kroeg van hun supporters aanvallen',
		'laat het stadhuis maar branden, het is nu oorlog',
		'morgen gaan we schieten op het Stedelijk College',
		'ik ga je kapot maken als ik je tegenkom',
		'bring your guns tomorrow, we start at noon',
		'you will pay for this, watch your back'
	])('threat: %s', (t) => {
		expect(classes(t)).toContain('threat');
	});

	it.each([
		'We have zero tolerance for threats to shoot up a school and will arrest whoever makes them',
		'that new album is the bomb',
		"you'll pay for the drinks right?",
		'we bring the bats and balls for the match'
	])('not threat: %s', (t) => {
		expect(classes(t)).not.toContain('threat');
	});
});

describe('classifyText: the form of a threat and of a call for help (issue 12 item 6, fourth round)', () => {
	// Variants (in no set) of the forms of dev posts: the addressee's fate, a count-down, a
	// bounty, the gallows, a conditional, a warning to flee, a target named for an attack, arson
	// of every such place, a threat that calls itself a promise.
	it.each([
		'you and your whole family will be hanged for this',
		'vrijdag worden jullie allemaal gelyncht',
		'your days are numbered, traitor',
		'€10.000 voor degene die hem doodrijdt',
		'will someone please take out that judge',
		'de galg staat voor jullie klaar',
		'als ik je tegenkom ben je dood',
		'ik zou vluchten als ik jou was, we weten je te vinden',
		'the mall on 5th street has been chosen to be shot up next',
		'set fire to every mosque in town tonight',
		'Dit is geen bedreiging maar een belofte: ik kom achter je aan',
		// "set" is a set in a match only as "de eerste set": no sports veto here.
		'you and your family will be dragged into the street and set on fire'
	])('threat: %s', (t) => {
		expect(classes(t)).toContain('threat');
	});

	// A report about a threat names it ("bommelding", "dreigt met", "posted ... that"), in the
	// third person; the voice of someone under attack is no threat either.
	it.each([
		'Station Utrecht ontruimd vanwege een bommelding, treinen rijden niet',
		'Jongen dreigt met bom in de bus naar Leiden, bus even stilgezet',
		'A student who posted on social media that he would bomb the school got probation'
	])('not threat: %s', (t) => {
		expect(classes(t)).not.toContain('threat');
	});

	// Sheltering from an attacker now, alive in a ruin, nobody can reach us, someone close not
	// heard from: in the first person and the present.
	it.each([
		"we're locked in the classroom, there's a shooter, don't call",
		'ik zit verstopt in de wc, er wordt geschoten',
		"still haven't heard from my dad since the earthquake",
		'niemand kan bij ons komen, het water staat tot aan de trap',
		'five of us are still alive in the basement'
	])('help: %s', (t) => {
		expect(classes(t)).toContain('help');
	});

	// Guards: a past account and an official line keep their class after the new help forms.
	it.each([
		'We hid in the storeroom for an hour while the shooter was in the building',
		'Bommeldingen nemen we altijd serieus, bij een acute dreiging bel je 112'
	])('not help: %s', (t) => {
		expect(classes(t)).not.toContain('help');
	});
});

describe('classifyText: hostile and odd input', () => {
	it('gives no class for empty, blank and non-string text', () => {
		expect(classifyText('')).toEqual({ classes: [], cues: {} });
		expect(classifyText('   \n\t ')).toEqual({ classes: [], cues: {} });
		for (const v of [undefined, null, 42, {}, []])
			expect(classifyText(v as unknown as string)).toEqual({ classes: [], cues: {} });
		expect(classifyText('hallo', { lang: 42 as unknown as string }).classes).toEqual([]);
	});

	it('reads HTML and script as text, never as markup', () => {
		expect(classes('<script>alert("help")</script>')).toEqual([]);
		expect(
			classes('<b>help!!</b> er ligt iemand op straat <img src=x onerror=alert(1)>')
		).toContain('help');
		expect(classes('<script>fetch("/api")</script> @politie er wordt ingebroken')).toContain(
			'report'
		);
	});

	it('ignores control characters, zero-width and bidi marks, and keeps emoji', () => {
		expect(classes('h\u200be\u200bl\u200bp\u200b!! er ligt iemand op straat')).toContain('help');
		expect(classes('\u202ebel 112\u202c, iemand is onwel')).toContain('help');
		expect(classes('\u0000ik\u0007 maak\u001b je\u0000 af')).toContain('threat');
		expect(classes('🆘🆘 vast in de lift')).toContain('help');
		expect(classes('heeeeelp er ligt iemand op straat')).toContain('help');
		expect(classes('Ik wéét waar jij woont')).toContain('threat');
		expect(classes('\ud800\udfff\ud83d lone surrogates \udc00')).toEqual([]);
	});

	it('never throws on random input', () => {
		let seed = 7;
		const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) as number;
		const pool = [
			'help',
			'bel 112',
			' ',
			'!',
			'<',
			'\u0000',
			'\u202e',
			'😂',
			'é',
			'ik maak je af',
			'\n',
			'"',
			"'"
		];
		for (let i = 0; i < 2_000; i++) {
			let t = '';
			const n = Math.floor(rnd() * 30);
			for (let k = 0; k < n; k++)
				t +=
					rnd() < 0.5
						? pool[Math.floor(rnd() * pool.length)]
						: String.fromCharCode(Math.floor(rnd() * 0xffff));
			expect(() => classifyText(t)).not.toThrow();
		}
	});

	it('classifies a 10,000-character text correctly and fast', () => {
		const filler = 'lekker weer vandaag, terras op met de buren. '.repeat(230).slice(0, 9_950);
		const long = filler + ' help er ligt iemand op straat, bel 112';
		expect(long.length).toBeGreaterThan(9_980);
		expect(classes(long)).toContain('help');
		expect(classes(filler)).toEqual([]);
		// Texts made to stress the patterns with optional words and gaps.
		const stress = [
			long,
			'de '.repeat(3_400),
			'ik ga '.repeat(1_700),
			'er wordt '.repeat(1_100),
			'we gaan die '.repeat(850),
			'a'.repeat(10_000),
			'!'.repeat(10_000),
			'help '.repeat(2_000),
			'kom naar '.repeat(1_100) + '20:00'
		];
		const t0 = performance.now();
		for (const t of stress) classifyText(t);
		expect(performance.now() - t0).toBeLessThan(1_000);
	});

	it('keeps up with a stream of ordinary posts', () => {
		const posts = [
			'lekker weer vandaag, terras op',
			'druk op de ring weer, 40 minuten stil',
			'wat een rij bij de bakker zeg',
			'Ajax speelt vanavond, ik kijk bij mijn vader',
			'trein weer vertraagd, NS doe normaal',
			'nieuwe schoenen gekocht 👟'
		];
		for (let i = 0; i < 20_000; i++) classifyText(posts[i % posts.length]);
		const t0 = performance.now();
		for (let i = 0; i < 60_000; i++) classifyText(posts[i % posts.length]);
		// 200,000 texts/s is the target; a loaded test machine gets a wide margin.
		expect(60_000 / ((performance.now() - t0) / 1000)).toBeGreaterThan(50_000);
	});
});

describe('prefilters', () => {
	it('never hide a class that the full cue lists would give', async () => {
		// A copy of the classifier with every prefilter passing, compared on all labelled texts.
		const here = resolve('src/lib/classify/classify.ts');
		const src = readFileSync(here, 'utf8')
			.replace(/(HELP|REPORT|THREAT|GATHER)_PRE\.test\(s\)/g, 'true')
			.replace('if (!WHEN_WORDS.test(s)) return { any: false, clock: false };', '')
			.replace(/from '\.\.\/(detection|time)\//g, (_, d) => `from '${resolve('src/lib', d)}/`)
			.replace(
				/from '\.\/(model(\.json)?)'/g,
				(_, m) => `from '${resolve('src/lib/classify', m)}'`
			);
		expect(src.match(/\btrue\b/g)!.length).toBeGreaterThanOrEqual(4);
		const dir = mkdtempSync(join(tmpdir(), 'classify-'));
		const file = join(dir, 'unfiltered.ts');
		writeFileSync(file, src);
		const full = (await import(/* @vite-ignore */ file)) as { classifyText: typeof classifyText };
		const texts = [LABELLED, HELDOUT, DEV, REAL_HELDOUT].flatMap((f) =>
			readLabelled(f).map((p) => p.text)
		);
		// The rules alone: the learned part has a gate of its own (the prefilter of the class it
		// adds), which the copy opens on purpose.
		const differ = texts.filter(
			(t) =>
				JSON.stringify(full.classifyText(t, { model: null })) !==
				JSON.stringify(classifyText(t, { model: null }))
		);
		expect(differ).toEqual([]);
	});
});

describe('labelled fixtures', () => {
	const labelled = readLabelled(LABELLED);
	const heldout = readLabelled(HELDOUT);
	const count = (set: typeof labelled, c: PostClass) =>
		set.filter((p) => p.classes.includes(c)).length;

	it('has the size and coverage the issue asks for', () => {
		expect(labelled.length).toBeGreaterThanOrEqual(400);
		for (const c of POST_CLASSES) expect(count(labelled, c)).toBeGreaterThanOrEqual(60);
		expect(labelled.filter((p) => p.classes.length === 0).length).toBeGreaterThanOrEqual(120);
		expect(labelled.filter((p) => p.classes.length > 1).length).toBeGreaterThanOrEqual(20);
		expect(heldout.length).toBeGreaterThanOrEqual(120);
		for (const c of POST_CLASSES) expect(count(heldout, c)).toBeGreaterThanOrEqual(20);
	});

	it('has unique ids and texts over all sets', () => {
		const all = [...labelled, ...heldout, ...readLabelled(DEV), ...readLabelled(REAL_HELDOUT)];
		expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
		expect(new Set(all.map((p) => p.text.toLowerCase())).size).toBe(all.length);
	});

	it('real-text sets: split once by source page, sized as issue 12 asks, sourced', () => {
		const dev = readLabelled(DEV);
		const real = readLabelled(REAL_HELDOUT);
		// The rule, decided before any scoring: the first 32 bits of SHA-256(source address)
		// modulo 3; 0 goes to dev, 1 and 2 to held-out. A page never spans both halves.
		const half = (url: string) =>
			parseInt(createHash('sha256').update(url).digest('hex').slice(0, 8), 16) % 3 === 0
				? 'dev'
				: 'heldout';
		for (const p of real) expect(p.source && half(p.source), p.id).toBe('heldout');
		for (const p of dev) expect(p.source && half(p.source), p.id).toBe('dev');
		expect(real.length).toBeGreaterThanOrEqual(300);
		expect(dev.length).toBeGreaterThanOrEqual(150);
		const perPage = new Map<string, number>();
		for (const p of [...dev, ...real]) perPage.set(p.source!, (perPage.get(p.source!) ?? 0) + 1);
		expect(Math.max(...perPage.values())).toBeLessThanOrEqual(6);
		expect(count(real, 'help')).toBeGreaterThanOrEqual(40);
		expect(count(real, 'threat')).toBeGreaterThanOrEqual(35);
		expect(real.filter((p) => p.note === 'official').length).toBeGreaterThanOrEqual(40);
	});

	it('rejects an invalid file with the line and the reason', () => {
		const dir = mkdtempSync(join(tmpdir(), 'classify-'));
		const cases: [string, RegExp][] = [
			['{"id":"a","text":"x","classes":[]}\n{oops', /:2: invalid JSON/],
			['{"id":"a","text":"x","classes":["danger"]}', /:1: unknown class "danger"/],
			['{"id":"a","text":"","classes":[]}', /:1: "text" must be a non-empty string/],
			[
				'{"id":"a","text":"x","classes":[]}\n\n{"id":"a","text":"y","classes":[]}',
				/:3: duplicate id/
			],
			['{"id":"a","text":"x","classes":"help"}', /:1: "classes" must be an array/],
			['[1,2]', /:1: not a JSON object/],
			['{"id":"a","text":"x","classes":[],"source":"nowhere"}', /:1: "source" must be an http/],
			['{"id":"a","text":"x","classes":[],"origin":"made up"}', /:1: "origin" must be "written"/],
			[
				'{"id":"a","text":"x","classes":[],"origin":"written","source":"https://e.x/"}',
				/:1: a written post has no "source"/
			]
		];
		for (const [i, [body, re]] of cases.entries()) {
			const f = join(dir, `bad${i}.ndjson`);
			writeFileSync(f, body);
			expect(() => readLabelled(f)).toThrow(re);
		}
	});

	it('makes the eval script exit with code 2 on an invalid file', () => {
		const dir = mkdtempSync(join(tmpdir(), 'classify-'));
		const f = join(dir, 'bad.ndjson');
		writeFileSync(f, '{"id":"a","text":"x","classes":[]}\n{"id":"b","text":"y","classes":[1]}\n');
		let code = 0;
		let err = '';
		try {
			execFileSync('npx', ['tsx', 'scripts/eval-classify.ts', '--file', f], { stdio: 'pipe' });
		} catch (e) {
			code = (e as { status: number }).status;
			err = String((e as { stderr: Buffer }).stderr);
		}
		expect(code).toBe(2);
		expect(err).toMatch(/bad\.ndjson:2: unknown class 1/);
	}, 30_000);
});
