import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
	BOOST,
	FORMLESS,
	MODEL,
	STRONG,
	classifyRules,
	classifyText,
	combine,
	normalise,
	type RuleResult
} from '../../src/lib/classify/classify';
import {
	STOPWORDS,
	checkModel,
	features,
	formFeatures,
	label,
	scoreClass,
	scoreText,
	threatForm,
	type LinearModel
} from '../../src/lib/classify/model';
import modelJson from '../../src/lib/classify/model.json';
import { examples, trainModel } from '../../scripts/train-classify';
import { readLabelled } from '../../scripts/eval-classify';

const DEV = 'tests/fixtures/classify/real-dev.ndjson';
const LABELLED = 'tests/fixtures/classify/labelled.ndjson';

/** A model with one feature per class, for the combination rules. */
function tiny(help: Record<string, number>, threat: Record<string, number> = {}): LinearModel {
	return {
		version: 1,
		trained: {},
		classes: {
			help: { bias: -4, threshold: 0.5, veto: 0.3, weights: help },
			threat: { bias: -4, threshold: 0.5, veto: 0, weights: threat }
		}
	};
}

function rules(
	text: string,
	score: Partial<RuleResult['score']> = {},
	classes: RuleResult['classes'] = []
) {
	const r = classifyRules(normalise(text), '', text);
	return { ...r, classes, score: { ...r.score, ...score } } as RuleResult;
}

/** The weight that gives probability p with the tiny model's bias of -4. */
const weightFor = (p: number) => Math.log(p / (1 - p)) + 4;

describe('classifier model: the committed file', () => {
	it('loads, has both classes, a threshold and a veto each, and its cross-validation', () => {
		const m = checkModel(modelJson);
		expect(m).toBe(modelJson as unknown as LinearModel);
		expect(MODEL.classes.help.threshold).toBeGreaterThan(0);
		expect(MODEL.classes.help.threshold).toBeLessThan(1);
		expect(MODEL.classes.threat.veto).toBeGreaterThanOrEqual(0);
		expect(Object.keys(MODEL.classes.threat.weights).length).toBeGreaterThan(500);
		expect(MODEL.trained.cv).toBeTruthy();
	});

	it('rejects what is not a model', () => {
		expect(() => checkModel({})).toThrow(/version 1/);
		expect(() => checkModel({ ...tiny({}), version: 2 })).toThrow(/version 1/);
		const noVeto = tiny({});
		delete (noVeto.classes.help as Partial<LinearModel['classes']['help']>).veto;
		expect(() => checkModel(noVeto)).toThrow(/veto/);
		expect(() => checkModel(tiny({ 'w:x': '1' as unknown as number }))).toThrow(/w:x/);
	});

	it('is what training on labelled + dev gives (run `npx tsx scripts/train-classify.ts` after changing them)', () => {
		const out = execFileSync('npx', ['tsx', 'scripts/train-classify.ts', '--check'], {
			encoding: 'utf8'
		});
		expect(out).toMatch(/model\.json is up to date/);
		expect(out).toMatch(/5-fold cross-validation by source page/);
	}, 120_000);
});

describe('classifier model: features and scores', () => {
	it('has words (no function words), bigrams, prefixes, folded numbers', () => {
		const f = features(normalise('Ik ga je VERMOORDEN!! bel 112 of 0612345678'));
		expect(f).toContain('w:vermoorden');
		expect(f).toContain('b:ik ga');
		expect(f).toContain('b:ga je');
		expect(f).toContain('p:vermo');
		expect(f).toContain('w:!!');
		expect(f).toContain('w:112');
		expect(f).toContain('w:#');
		expect(f).not.toContain('w:ik');
		expect(f).not.toContain('w:0612345678');
		expect(STOPWORDS.has('je')).toBe(true);
		expect(new Set(f).size).toBe(f.length);
	});

	it('drops the false friends of the hinted language', () => {
		expect(features('brand bij de buren')).toContain('w:brand');
		expect(features('brand bij de buren', 'en')).not.toContain('w:brand');
		expect(features('this track is fire', 'nl')).not.toContain('w:fire');
		expect(features('this track is fire', 'en')).toContain('w:fire');
	});

	it('scores a text in one pass exactly as from its feature list', () => {
		const texts = readLabelled(DEV)
			.slice(0, 80)
			.map((p) => normalise(p.text));
		for (const s of texts) {
			const one = scoreText(MODEL, s);
			for (const c of ['help', 'threat'] as const)
				expect(one[c]).toEqual(scoreClass(MODEL.classes[c], features(s)));
		}
	});
});

describe('classifier model: training', () => {
	it('is deterministic: the same data gives the same model', () => {
		const ex = examples([
			...readLabelled(LABELLED).slice(0, 60),
			...readLabelled(DEV).slice(0, 60)
		]);
		const a = trainModel(ex, { help: 0.4, threat: 0.6 }, { help: 0.1, threat: 0 });
		const b = trainModel(ex, { help: 0.4, threat: 0.6 }, { help: 0.1, threat: 0 });
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(a.classes.help.threshold).toBe(0.4);
		expect(a.classes.help.veto).toBe(0.1);
		// It learned something: a help word weighs for help.
		expect(a.classes.help.weights['w:help']).toBeGreaterThan(0);
	});
});

describe('classifier model: combination with the rules', () => {
	const s = normalise('help kelder');

	it('adds a class at the threshold, where the prefilter passes, with the features as the why', () => {
		const m = tiny({ 'w:kelder': weightFor(0.6) });
		const got = combine(rules('help kelder', { help: 0 }), s, '', m);
		expect(got.classes).toEqual(['help']);
		expect(got.cues.help).toEqual(["'kelder' (model 60%)"]);
		// Below the threshold: nothing.
		const low = tiny({ 'w:kelder': weightFor(0.4) });
		expect(combine(rules('help kelder', { help: 0 }), s, '', low).classes).toEqual([]);
		// No cue stem of the class in the text: the model is not asked.
		const t = normalise('kelder opruimen vandaag');
		expect(combine(rules('kelder opruimen vandaag'), t, '', m).classes).toEqual([]);
	});

	it('needs less where a cue of the class fired below the rules threshold (boost)', () => {
		const m = tiny({ 'w:kelder': weightFor(0.4) });
		expect(0.5 * BOOST).toBeLessThan(0.4);
		expect(combine(rules('help kelder', { help: 0.6 }), s, '', m).classes).toEqual(['help']);
	});

	it('is vetoed by news style, official information and the other dampers', () => {
		const m = tiny({ 'w:kelder': weightFor(0.99) });
		for (const t of [
			'volgens de politie help kelder',
			'bel bij nood altijd 112 help kelder',
			'haha help kelder lol'
		]) {
			const n = normalise(t);
			expect(combine(rules(t, { help: 0 }), n, '', m).classes, t).toEqual([]);
		}
		const q = tiny({}, { 'w:opblazen': weightFor(0.99) });
		const t = 'hij zei "ik ga het station opblazen"';
		expect(combine(rules(t, { threat: 0 }), normalise(t), '', q).classes).not.toContain('threat');
	});

	it('drops a weak rule decision it finds unlikely, keeps a strong one', () => {
		const m = tiny({});
		const weak = rules('help kelder', { help: 1 }, ['help']);
		weak.cues = { help: ['help'] };
		expect(combine(weak, s, '', m).classes).toEqual([]);
		const strong = rules('help kelder', { help: STRONG }, ['help']);
		strong.cues = { help: ['help'] };
		expect(combine(strong, s, '', m).classes).toEqual(['help']);
		// A veto of 0 never drops.
		const never = tiny({}, {});
		never.classes.help.veto = 0;
		expect(combine(weak, s, '', never).classes).toEqual(['help']);
	});
});

describe('classifier: forms from the real dev set that the rules miss', () => {
	// Variants (not in any set) of dev posts the rules do not classify: the rules alone miss them,
	// the rules with the committed model do not.
	const cases: [string, 'help' | 'threat'][] = [
		['help mijn buurman is gevallen en bloedt uit zijn hoofd', 'help'],
		["there's a school shooting at our school rn I'm so scared", 'help'],
		["tomorrow I'm shooting up the mall", 'threat'],
		['burn the whole place down tonight', 'threat'],
		['every man and his dog should go smash up that hotel tonight', 'threat'],
		// Third round: forms the form features carry to new targets and words.
		['zaterdag kom ik langs met mijn geweer, dat wordt een bloedbad bij jullie', 'threat'],
		['ga jij je graf maar alvast uitzoeken vuile rat', 'threat'],
		['ima assassinate the governor tonight', 'threat'],
		["the ceiling came down and the wall is stuck on me, we can't move", 'help']
	];
	for (const [t, c] of cases)
		it(`${c}: ${t}`, () => {
			expect(classifyText(t, { model: null }).classes).not.toContain(c);
			const got = classifyText(t);
			expect(got.classes).toContain(c);
			// The strongest features: the post's words ('...') or a form ([...]).
			expect(got.cues[c]![0]).toMatch(/^['[].+ \(model \d+%\)$/);
		});

	it('leaves everyday posts with the same words, news and official notices alone', () => {
		for (const t of [
			"tomorrow I'm going shopping with my mom",
			'ik ga morgen naar de school van mijn zoon',
			'school is out tomorrow!!',
			"can't wait for tonight, gonna be lit",
			'Police arrested a teen who threatened to shoot up his school',
			'Man opgepakt na dreigende tweet over schietpartij op school',
			'Bel bij nood altijd 112, blijf binnen en sluit ramen en deuren',
			'lekker weer vandaag, terras op'
		])
			expect(classifyText(t).classes, t).toEqual([]);
	});
});

describe('classifier model: form features (third round)', () => {
	const f = (t: string) => formFeatures(normalise(t));
	it('names a threat by its form, whatever the target', () => {
		expect(f('ik steek morgen de moskee in brand')).toEqual(
			expect.arrayContaining(['f:intent+violent', 'f:violent+time', 'f:violent+target'])
		);
		expect(f("we're gonna shoot up the mall tonight")).toEqual(
			expect.arrayContaining(['f:intent+violent', 'f:violent+time', 'f:violent+target'])
		);
		expect(f('jij gaat eraan, ik maak je af')).toContain('f:you+violent');
	});
	it('names first-person distress and a request', () => {
		expect(f('we zitten vast op zolder en het water stijgt, stuur hulp')).toEqual(
			expect.arrayContaining(['f:distress', 'f:request+distress', 'f:request+first'])
		);
		expect(f('please help, we are trapped in the attic')).toEqual(
			expect.arrayContaining(['f:distress', 'f:request+distress'])
		);
	});
	it('names reports and past accounts, and leaves everyday posts without a violent form', () => {
		expect(f('Man (22) aangehouden na dreigbericht')).toContain('f:reported');
		expect(f('we waren gisteren in de stad')).toContain('f:past');
		const everyday = f('ik ga morgen naar de school van mijn zoon');
		for (const x of ['f:intent+violent', 'f:violent+time', 'f:distress'])
			expect(everyday).not.toContain(x);
	});
	it('are features of the model, shown as a form in the why', () => {
		expect(features(normalise('ik steek morgen de moskee in brand'))).toContain('f:intent+violent');
		expect(label('f:intent+violent')).toBe('[ik ga/I will + geweld]');
		expect(label('w:schiet')).toBe("'schiet'");
		const w = MODEL.classes.threat.weights;
		expect(w['f:intent+violent']).toBeGreaterThan(0);
		expect(w['f:reported'] ?? 0).toBeLessThan(0);
	});
});

describe('classifier model: form features and the threat form (fourth round)', () => {
	const f = (t: string) => formFeatures(normalise(t));
	it("names the addressee's fate, a menace and talk about a threat", () => {
		expect(f('you will hang for this')).toContain('f:you+fate');
		expect(f('jij gaat eraan, vuile rat')).toContain('f:you+fate');
		expect(f("you'll pay for the drinks right?")).not.toContain('f:you+fate');
		expect(f('wacht maar, ik weet waar je woont')).toContain('f:menace');
		expect(f('Man dreigt met bom op station Utrecht')).toContain('f:about-threat');
		expect(f('we zijn morgen om acht uur bij de kerk')).not.toContain('f:about-threat');
	});

	it('tells the form of a threat from its vocabulary', () => {
		expect(threatForm(normalise('ik steek je neer'))).toBe(true);
		expect(threatForm(normalise('morgen schieten we op de school'))).toBe(true);
		expect(threatForm(normalise('you will hang for treason'))).toBe(true);
		expect(threatForm(normalise("you'll pay for the drinks right?"))).toBe(false);
		expect(threatForm(normalise('de kerk is vanavond open'))).toBe(false);
	});

	it('adds a threat without a rule cue or a threat form only at FORMLESS or more', () => {
		const t = "you'll pay for the drinks right?";
		const n = normalise(t);
		expect(FORMLESS).toBeGreaterThan(0.5);
		const below = tiny({}, { 'w:drinks': weightFor(FORMLESS - 0.03) });
		below.classes.threat.threshold = 0.3;
		expect(combine(rules(t, { threat: 0 }), n, '', below).classes).not.toContain('threat');
		const above = tiny({}, { 'w:drinks': weightFor(FORMLESS + 0.03) });
		above.classes.threat.threshold = 0.3;
		expect(combine(rules(t, { threat: 0 }), n, '', above).classes).toContain('threat');
		// With the form of a threat the class threshold is enough.
		const u = 'you will hang for this';
		const form = tiny({}, { 'w:hang': weightFor(0.35) });
		form.classes.threat.threshold = 0.3;
		expect(combine(rules(u, { threat: 0 }), normalise(u), '', form).classes).toContain('threat');
	});

	it('is vetoed by the voice of someone under attack', () => {
		const m = tiny({}, { 'w:shooter': weightFor(0.99) });
		const t = "there's a shooter at school rn, I'm so scared";
		expect(combine(rules(t, { threat: 0 }), normalise(t), '', m).classes).not.toContain('threat');
	});
});
