import { describe, expect, it } from 'vitest';
import {
	LiveConnection,
	SUBSCRIBE_WAIT_MS,
	type AlertsSinkLike,
	type IncidentsSinkLike,
	type LiveEvents,
	type LiveFeedLike,
	type LivePort
} from '../../src/lib/app/live-connection';
import type { IncidentDetail, IncidentRow } from '../../src/lib/supabase/incidents';
import type { LiveSink } from '../../src/lib/supabase/live-sync';
import type { Me } from '../../src/lib/supabase/topics';
import type { LocatedPost } from '../../src/lib/posts/post';

function deferred<T>() {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const me = (role: string): Me => ({ role, unit_id: 'NN' }) as unknown as Me;
const post = (id: string) => ({ id }) as unknown as LocatedPost;

/** A port whose sign-ins are answered by the test, and that keeps every sink it handed out. */
function fakePort() {
	const signIns: { email: string; d: ReturnType<typeof deferred<Me>> }[] = [];
	const sinks: LiveSink[] = [];
	const alertSinks: AlertsSinkLike[] = [];
	const incidentSinks: IncidentsSinkLike[] = [];
	const details: { id: string; d: ReturnType<typeof deferred<IncidentDetail>> }[] = [];
	const acts: string[] = [];
	const stopped: string[] = [];
	let subscribed = false;
	const port: LivePort = {
		signIn(email) {
			const d = deferred<Me>();
			signIns.push({ email, d });
			return d.promise;
		},
		fetchAreas: async () => ({ areas: [], problems: [] }),
		openFeed(who, sink) {
			sinks.push(sink);
			return {
				me: who,
				sync: {
					setWindowStart() {},
					restart() {},
					status: () => ({ state: 'live', since: 0, everLive: true, error: '' }),
					get everSubscribed() {
						return subscribed;
					}
				},
				clock: { now: () => 0, speed: 1, endedAt: null, state: null, progress: null },
				clockError: '',
				range: async () => ({ posts: [], problems: [] }),
				start: async () => {},
				setView() {},
				stop: () => void stopped.push(`feed:${who.role}`)
			} satisfies LiveFeedLike;
		},
		openAlerts(who, sink) {
			alertSinks.push(sink);
			return {
				start() {},
				stop: () => void stopped.push(`alerts:${who.role}`),
				acknowledge: async () => {},
				resolve: async () => {}
			};
		},
		openIncidents(who, sink) {
			incidentSinks.push(sink);
			return {
				start() {},
				stop: () => void stopped.push(`incidents:${who.role}`),
				detail: (id) => {
					const d = deferred<IncidentDetail>();
					details.push({ id, d });
					return d.promise;
				},
				act: async (id, action, reason) => void acts.push(`${who.role}:${id}:${action}:${reason}`)
			};
		}
	};
	return {
		port,
		signIns,
		sinks,
		alertSinks,
		incidentSinks,
		details,
		acts,
		stopped,
		subscribe: () => (subscribed = true)
	};
}

function recorder() {
	const log: string[] = [];
	const events: LiveEvents = {
		reset: () => log.push('reset'),
		signedIn: (m) => log.push(`signedIn:${m.role}`),
		areas: () => log.push('areas'),
		posts: (b) => log.push(`posts:${b.map((p) => p.id).join(',')}`),
		problems: () => log.push('problems'),
		error: (m) => log.push(`error:${m}`),
		alerts: (list) => log.push(`alerts:${list.length}`),
		incidents: (list) => log.push(`incidents:${list.map((i) => i.id).join(',')}`),
		ready: (f) => log.push(`ready:${f.me.role}`)
	};
	return { log, events };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('LiveConnection', () => {
	it('signs in, opens the feeds and tells the map, in order', async () => {
		const f = fakePort();
		const r = recorder();
		const c = new LiveConnection(f.port, r.events);
		const started = c.start({ email: 'a@x', password: 'p' }, () => null, 'Inloggen mislukt');
		f.signIns[0].d.resolve(me('analist'));
		await started;
		expect(r.log).toEqual(['reset', 'areas', 'signedIn:analist', 'ready:analist']);
		f.sinks[0].posts([post('p1')], 'realtime');
		expect(r.log.at(-1)).toBe('posts:p1');
		expect(c.me?.role).toBe('analist');
	});

	it('drops every answer for a role that was switched away from (the stale-answer guard)', async () => {
		const f = fakePort();
		const r = recorder();
		const c = new LiveConnection(f.port, r.events);
		const a = c.start({ email: 'a@x', password: 'p' }, () => null, 'x');
		const b = c.start({ email: 'b@x', password: 'p' }, () => null, 'x');
		// A's slow sign-in answers after B started: ignored.
		f.signIns[0].d.resolve(me('A'));
		await a;
		expect(r.log).toEqual(['reset', 'reset']);
		expect(f.sinks).toHaveLength(0);
		f.signIns[1].d.resolve(me('B'));
		await b;
		expect(r.log.slice(2)).toEqual(['areas', 'signedIn:B', 'ready:B']);
		// Now switch to C: B's feeds stop, and B's late batches and alerts are dropped.
		const cStart = c.start({ email: 'c@x', password: 'p' }, () => null, 'x');
		expect(f.stopped).toEqual(['feed:B', 'alerts:B', 'incidents:B']);
		f.sinks[0].posts([post('late-from-B')], 'backfill');
		f.alertSinks[0].changed([], []);
		f.incidentSinks[0].changed([], []);
		f.sinks[0].error(new Error('B failed'));
		expect(
			r.log.some(
				(l) =>
					l.includes('late-from-B') ||
					l.startsWith('alerts') ||
					l.startsWith('incidents') ||
					l.includes('B failed')
			)
		).toBe(false);
		f.signIns[2].d.resolve(me('C'));
		await cStart;
		f.sinks[1].posts([post('c1')], 'realtime');
		expect(r.log.at(-1)).toBe('posts:c1');
	});

	it('a failed sign-in says so, since when; a superseded failure says nothing', async () => {
		const f = fakePort();
		const r = recorder();
		const c = new LiveConnection(
			f.port,
			r.events,
			() => 0,
			() => 1234
		);
		const a = c.start({ email: 'a@x', password: 'p' }, () => null, 'Inloggen mislukt');
		f.signIns[0].d.reject(new Error('wrong password'));
		await a;
		expect(c.signInError).toBe('Inloggen mislukt: wrong password');
		expect(c.signInFailedAt).toBe(1234);
		const b = c.start({ email: 'b@x', password: 'p' }, () => null, 'x');
		expect(c.signInFailedAt).toBeNull();
		const d = c.start({ email: 'd@x', password: 'p' }, () => null, 'x');
		f.signIns[1].d.reject(new Error('late failure'));
		await b;
		expect(c.signInError).toBe('');
		f.signIns[2].d.resolve(me('D'));
		await d;
		expect(c.me?.role).toBe('D');
	});

	it('loads history once subscribed, or after SUBSCRIBE_WAIT_MS without', async () => {
		const f = fakePort();
		let mono = 0;
		const c = new LiveConnection(f.port, recorder().events, () => mono);
		expect(c.historyMayRun()).toBe(false);
		const s = c.start({ email: 'a@x', password: 'p' }, () => null, 'x');
		f.signIns[0].d.resolve(me('A'));
		await s;
		await tick();
		expect(c.historyMayRun()).toBe(false);
		mono = SUBSCRIBE_WAIT_MS + 1;
		expect(c.historyMayRun()).toBe(true);
		mono = 0;
		f.subscribe();
		expect(c.historyMayRun()).toBe(true);
	});

	it('keeps the first history failure time until a slice loads', () => {
		let wall = 100;
		const c = new LiveConnection(
			fakePort().port,
			recorder().events,
			() => 0,
			() => wall
		);
		c.historyFailed(new Error('one'));
		wall = 200;
		c.historyFailed(new Error('two'));
		expect(c.historyFailedAt).toBe(100);
		expect(c.historyError).toBe('two');
		c.historyOk();
		expect(c.historyFailedAt).toBeNull();
	});

	it("follows the role's incidents, acts on them, and drops an incident view of an earlier role", async () => {
		const f = fakePort();
		const r = recorder();
		const c = new LiveConnection(f.port, r.events);
		const a = c.start({ email: 'a@x', password: 'p' }, () => null, 'x');
		f.signIns[0].d.resolve(me('A'));
		await a;
		f.incidentSinks[0].changed([{ id: 'inc-1' } as IncidentRow], []);
		expect(r.log.at(-1)).toBe('incidents:inc-1');
		await c.actOnIncident('inc-1', 'note', 'gezien');
		expect(f.acts).toEqual(['A:inc-1:note:gezien']);
		// The view of A's incident answers after a switch to B: refused, never shown as B's.
		const view = c.incidentDetail('inc-1');
		const b = c.start({ email: 'b@x', password: 'p' }, () => null, 'x');
		f.details[0].d.resolve({ incident: { id: 'inc-1' } } as IncidentDetail);
		await expect(view).rejects.toThrow('the role changed');
		f.signIns[1].d.resolve(me('B'));
		await b;
		// Answered for the current role: given.
		const view2 = c.incidentDetail('inc-2');
		f.details[1].d.resolve({ incident: { id: 'inc-2' } } as IncidentDetail);
		expect((await view2).incident.id).toBe('inc-2');
		c.stop();
		await expect(c.actOnIncident('inc-2', 'acknowledge', null)).rejects.toThrow('not signed in');
	});
});
