import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../src/lib/classify/classify';
import { CUES_NL } from '../../src/lib/classify/cues-nl';

describe('Dutch names of the classifier cues', () => {
	it('name every cue the classifier gives on the labelled sets', () => {
		const missing = new Set<string>();
		let cues = 0;
		for (const f of ['labelled', 'heldout']) {
			const lines = readFileSync(`tests/fixtures/classify/${f}.ndjson`, 'utf8').split('\n');
			for (const line of lines) {
				if (!line.trim()) continue;
				const { text } = JSON.parse(line) as { text: string };
				for (const list of Object.values(classifyText(text).cues))
					for (const cue of list ?? []) {
						cues++;
						// Quoted cues are the post's own words; the learned part's cue names its
						// features itself (the post's words and Dutch form labels) and its score.
						const model = /\(model \d+%\)$/.test(cue);
						if (cue && !model && !cue.startsWith("'") && !(cue in CUES_NL)) missing.add(cue);
					}
			}
		}
		expect(cues).toBeGreaterThan(300);
		expect([...missing]).toEqual([]);
	});
});
