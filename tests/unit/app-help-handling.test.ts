import { describe, expect, it } from 'vitest';
import {
	applyHelpRow,
	emptyHelpStates,
	helpActions,
	helpKey,
	parseHelpStates,
	stateOfGroup
} from '../../src/lib/app/help-handling';

const row = (o: Record<string, unknown> = {}) => ({
	unit_id: 'NN',
	source: 'x',
	post_id: 'p1',
	state: 'taken',
	taken_label: 'Analist NN',
	taken_at: '2026-12-08T20:00:00Z',
	forwarded_label: null,
	forwarded_at: null,
	done_label: null,
	done_at: null,
	reason: null,
	updated_at: '2026-12-08T20:00:00Z',
	mine: false,
	...o
});

describe('parseHelpStates', () => {
	it('keys rows like HelpCall.key and drops malformed ones', () => {
		const m = parseHelpStates([
			row(),
			row({ post_id: 'p2', state: 'sleeping' }),
			row({ post_id: 42 }),
			row({ post_id: 'p3', updated_at: 'never' }),
			'junk',
			null
		]);
		expect([...m.keys()]).toEqual([helpKey('x', 'p1')]);
		expect(m.get(helpKey('x', 'p1'))).toMatchObject({
			state: 'taken',
			takenBy: 'Analist NN',
			takenAt: Date.parse('2026-12-08T20:00:00Z'),
			mine: false
		});
		expect(parseHelpStates({ not: 'an array' }).size).toBe(0);
	});
});

describe('applyHelpRow', () => {
	it('applies a newer state, ignores an older one, and a release removes it', () => {
		let s = applyHelpRow(emptyHelpStates(), row({ mine: true }));
		const k = helpKey('x', 'p1');
		expect(s.get(k)?.mine).toBe(true);
		// The broadcast of the same taking (mine: false for everyone) keeps "mine".
		s = applyHelpRow(s, row());
		expect(s.get(k)?.mine).toBe(true);
		const done = applyHelpRow(
			s,
			row({ state: 'done', done_label: 'Commandant NN', updated_at: '2026-12-08T20:05:00Z' })
		);
		expect(done.get(k)?.state).toBe('done');
		expect(applyHelpRow(done, row({ updated_at: '2026-12-08T20:01:00Z' }))).toBe(done);
		const open = applyHelpRow(s, { source: 'x', post_id: 'p1', state: null });
		expect(open.has(k)).toBe(false);
		expect(applyHelpRow(open, 'junk')).toBe(open);
	});
});

describe('stateOfGroup and helpActions', () => {
	it('a group takes the most advanced state of its calls', () => {
		const s = parseHelpStates([
			row({ post_id: 'p1' }),
			row({ post_id: 'p2', state: 'forwarded', forwarded_label: 'B' })
		]);
		const lead = { key: helpKey('x', 'p1') };
		expect(
			stateOfGroup({ lead, keys: [helpKey('x', 'p1'), helpKey('x', 'p2')] } as never, s)?.state
		).toBe('forwarded');
		expect(stateOfGroup({ lead: { key: 'none' }, keys: ['none'] } as never, s)).toBeNull();
	});
	it('offers take on an open call, nothing on one taken by someone else', () => {
		const [taken] = parseHelpStates([row()]).values();
		expect(helpActions(null)).toEqual(['take', 'forward', 'done']);
		expect(helpActions(taken)).toEqual([]);
		expect(helpActions({ ...taken, mine: true })).toEqual(['forward', 'done', 'release']);
		expect(helpActions({ ...taken, state: 'forwarded' })).toEqual(['done']);
		expect(helpActions({ ...taken, state: 'done' })).toEqual([]);
	});
});
