import { describe, expect, it } from 'vitest';
import {
	canAct,
	liveStatus,
	replayStatus,
	type LiveStatusInput,
	type ReplayStatusInput,
	type Status
} from '../../src/lib/app/status';

const NOW = 1_000_000;
const live = (o: Partial<LiveStatusInput>): LiveStatusInput => ({
	signInFailedAt: null,
	signInError: '',
	sync: { state: 'live', since: NOW - 5000, everLive: true, error: '' },
	historyFailedAt: null,
	historyError: '',
	prefilling: false,
	prefillProgress: null,
	historyLoaded: true,
	historyProgress: 1,
	endedAt: null,
	clockError: '',
	now: NOW,
	...o
});

describe('liveStatus', () => {
	const table: [string, Partial<LiveStatusInput>, Status, number | null, number | null][] = [
		['all well', {}, 'live', null, null],
		['not signed in yet', { sync: null }, 'loading', null, null],
		['sign-in failed', { signInFailedAt: NOW - 1, signInError: 'x' }, 'stale', NOW - 1, null],
		[
			'subscribing for the first time',
			{ sync: { state: 'reconnecting', since: NOW, everLive: false, error: '' } },
			'loading',
			null,
			null
		],
		[
			'reconnecting after being live',
			{ sync: { state: 'reconnecting', since: NOW - 3000, everLive: true, error: '' } },
			'reconnecting',
			NOW - 3000,
			null
		],
		[
			'disconnected too long',
			{ sync: { state: 'stale', since: NOW - 20_000, everLive: true, error: 'gone' } },
			'stale',
			NOW - 20_000,
			null
		],
		['history failed', { historyFailedAt: NOW - 100 }, 'stale', NOW - 100, null],
		// A first connection on a busy machine: still connecting, not "outdated" (no data yet)...
		[
			'first connection slow, no error',
			{ sync: { state: 'stale', since: NOW - 40_000, everLive: false, error: '' } },
			'loading',
			null,
			null
		],
		// ...but never silently: past a minute, or with an error, it is stale.
		[
			'first connection past the grace',
			{ sync: { state: 'stale', since: NOW - 61_000, everLive: false, error: '' } },
			'stale',
			NOW - 61_000,
			null
		],
		[
			'first connection failed',
			{ sync: { state: 'stale', since: NOW - 20_000, everLive: false, error: 'refused' } },
			'stale',
			NOW - 20_000,
			null
		],
		// Never LIVE before the map has its data (issue 11: a fresh start showed LIVE, empty).
		['server still prefilling', { prefilling: true, prefillProgress: 0.25 }, 'loading', null, 0.25],
		[
			'recent hour not loaded',
			{ historyLoaded: false, historyProgress: 0.02 },
			'loading',
			null,
			0.02
		],
		// Never LIVE after the end of the stream.
		['stream ended', { endedAt: NOW - 60_000 }, 'ended', NOW - 60_000, null],
		[
			'stream ended but disconnected: stale wins',
			{
				endedAt: NOW - 60_000,
				sync: { state: 'stale', since: NOW - 11_000, everLive: true, error: '' }
			},
			'stale',
			NOW - 11_000,
			null
		],
		[
			'loading while ended: loading first',
			{ endedAt: NOW - 60_000, historyLoaded: false, historyProgress: 0.5 },
			'loading',
			null,
			0.5
		]
	];
	it.each(table)('%s', (_name, input, status, since, progress) => {
		const r = liveStatus(live(input));
		expect(r.status).toBe(status);
		expect(r.since).toBe(since);
		expect(r.progress).toBe(progress);
	});

	it('carries the error for the tooltip', () => {
		expect(liveStatus(live({ signInFailedAt: NOW, signInError: 'bad password' })).error).toBe(
			'bad password'
		);
		expect(
			liveStatus(live({ sync: { state: 'stale', since: NOW, everLive: true, error: 'ws closed' } }))
				.error
		).toBe('ws closed');
	});
});

const replay = (o: Partial<ReplayStatusInput>): ReplayStatusInput => ({
	failedAt: null,
	error: '',
	owes: false,
	msSinceFetchOk: 0,
	firstData: true,
	playing: true,
	lagMs: 0,
	speed: 60,
	now: NOW,
	...o
});

describe('replayStatus', () => {
	const table: [string, Partial<ReplayStatusInput>, Status, number | null][] = [
		// A replay that plays smoothly is never LIVE (issue 11).
		['playing', {}, 'replay', null],
		['no data yet', { firstData: false }, 'loading', null],
		['paused', { playing: false }, 'paused', null],
		['behind', { lagMs: 10 * 60_000 }, 'behind', null],
		['fetch failed', { failedAt: NOW - 10 }, 'stale', NOW - 10],
		['owes and silent for 11 s', { owes: true, msSinceFetchOk: 11_000 }, 'stale', NOW],
		['owes, silent for 9 s', { owes: true, msSinceFetchOk: 9000 }, 'replay', null]
	];
	it.each(table)('%s', (_name, input, status, since) => {
		const r = replayStatus(replay(input));
		expect(r.status).toBe(status);
		expect(r.since).toBe(since);
		expect(r.status).not.toBe('live');
	});
});

describe('canAct', () => {
	it('only with a sound connection', () => {
		expect(canAct('live')).toBe(true);
		expect(canAct('ended')).toBe(true);
		for (const s of ['stale', 'reconnecting', 'loading'] as const) expect(canAct(s)).toBe(false);
	});
});
