/**
 * Incidents (issue 13): the grouping of alerts into incidents (src/lib/detection/incidents.ts),
 * on hand-made alerts and on the Haren evening run through the detector, stable across a
 * restart; and the client's validation and book (src/lib/supabase/incidents.ts).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/lib/detection/api';
import { createGatheringDetector } from '../../src/lib/detection/detector';
import {
	GAP_MS,
	IncidentGrouper,
	groupAlerts,
	type StoredIncidentAlert
} from '../../src/lib/detection/incidents';
import { distanceM } from '../../src/lib/geo/measure';
import { runScenario } from '../../src/lib/eval/run';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';
import {
	IncidentBook,
	IncidentsFeed,
	validateIncident,
	validateIncidentDetail
} from '../../src/lib/supabase/incidents';
import { storedAlerts } from '../../src/stack/detector-worker';
import { HOUR, MIN } from './helpers';

const T0 = Date.parse('2024-05-10T18:00:00Z');
const HAREN: [number, number] = [6.6062, 53.1727];

function alert(
	id: string,
	kind: Alert['kind'],
	t: number,
	pos: [number, number],
	extra: Partial<Alert> = {}
): Alert {
	return {
		id,
		kind,
		detected_at: new Date(t).toISOString(),
		lon: pos[0],
		lat: pos[1],
		radius_m: 1300,
		severity: 'warning',
		score: 1,
		summary: 's',
		evidence: [],
		...extra
	};
}

/** A point `m` metres east of p. */
const east = (p: [number, number], m: number): [number, number] => [
	p[0] + m / (111_320 * Math.cos((p[1] * Math.PI) / 180)),
	p[1]
];

describe('incident grouping', () => {
	it('groups overlapping alerts within the gap, and keeps far or late ones apart', () => {
		const g = groupAlerts([
			alert('surge:a', 'surge', T0, HAREN),
			alert('convergence:a', 'convergence', T0 + 10 * MIN, east(HAREN, 2000)),
			// 30 km away: another gathering.
			alert('surge:b', 'surge', T0 + 20 * MIN, east(HAREN, 30_000)),
			// At the same place, but 3 h after the last update there and unlinked: a new incident.
			alert('surge:c', 'surge', T0 + 10 * MIN + GAP_MS + MIN, HAREN)
		]);
		expect(g.get('surge:a')).toBe('inc-surge:a');
		expect(g.get('convergence:a')).toBe('inc-surge:a');
		expect(g.get('surge:b')).toBe('inc-surge:b');
		expect(g.get('surge:c')).toBe('inc-surge:c');
	});

	it('links the crowd to the call that brought it there, days later and beyond its ring', () => {
		const call = alert('mobilisation:haren:x', 'mobilisation', T0 - 2 * 24 * HOUR, HAREN, {
			radius_m: 1500,
			place: 'Haren',
			expected_at: new Date(T0).toISOString()
		});
		const linked = { callers: 300, place: 'Haren' };
		const farCrowd = east(HAREN, 5000); // no overlap: 5 km > 1.5 + 1.3 km
		const g = groupAlerts([
			call,
			alert('surge:linked', 'surge', T0, farCrowd, {
				facts: {
					what: 'surge',
					near: 'x',
					ratio: 5,
					authors: 40,
					radius_m: 1300,
					minutes: 30,
					linked
				} as unknown as Alert['facts']
			}),
			alert('surge:unlinked', 'surge', T0, east(HAREN, -5000))
		]);
		expect(g.get('surge:linked')).toBe('inc-mobilisation:haren:x');
		expect(g.get('surge:unlinked')).toBe('inc-surge:unlinked');
	});

	it('keeps an alert in its incident as it moves, and a closed incident takes no new alerts', () => {
		const grouper = new IncidentGrouper();
		expect(grouper.assign(alert('surge:a', 'surge', T0, HAREN))).toBe('inc-surge:a');
		expect(grouper.assign(alert('surge:b', 'surge', T0 + MIN, east(HAREN, 30_000)))).toBe(
			'inc-surge:b'
		);
		// surge:b moves next to surge:a: still its own incident.
		expect(grouper.assign(alert('surge:b', 'surge', T0 + 2 * MIN, east(HAREN, 500)))).toBe(
			'inc-surge:b'
		);
		grouper.close('inc-surge:a');
		grouper.close('inc-surge:b');
		expect(grouper.assign(alert('surge:c', 'surge', T0 + 3 * MIN, HAREN))).toBe('inc-surge:c');
		expect(grouper.list().map((i) => [i.id, i.alertIds, i.closed])).toEqual([
			['inc-surge:a', ['surge:a'], true],
			['inc-surge:b', ['surge:b'], true],
			['inc-surge:c', ['surge:c'], false]
		]);
	});

	it('groups the Haren evening into one incident, the same after a restart', () => {
		const run = runScenario({
			scenario: 'haren-2012',
			seed: 1,
			places: BUILTIN_PLACES,
			detectors: [{ name: 'gathering', create: (o) => createGatheringDetector(o) }]
		});
		const versions = run.runs[0].versions.map((v) => v.alert);
		const byAlert = groupAlerts(versions);
		const atHaren = [...new Set(versions.map((a) => a.id))].filter((id) => {
			const a = versions.find((v) => v.id === id)!;
			return distanceM(a.lon, a.lat, HAREN[0], HAREN[1]) <= 10_000;
		});
		const incidents = new Set(byAlert.values());
		const harenIncidents = new Set(atHaren.map((id) => byAlert.get(id)));
		console.log(
			`haren-2012 seed 1: ${byAlert.size} alerts (${atHaren.length} at Haren), ${incidents.size} incident(s) (${harenIncidents.size} at Haren)`
		);
		expect(atHaren.length).toBeGreaterThanOrEqual(5);
		expect(harenIncidents.size).toBe(1);
		expect([...harenIncidents][0]).toMatch(/^inc-mobilisation:haren:/);

		// A restart halfway: the alerts stored so far (first detection, latest update, incident),
		// restored into a new grouper, then the rest of the evening.
		const half = Math.floor(versions.length / 2);
		const stored = new Map<string, StoredIncidentAlert>();
		for (const a of versions.slice(0, half)) {
			const old = stored.get(a.id);
			const f = a.facts as { linked?: { place: string } } | undefined;
			stored.set(a.id, {
				id: a.id,
				kind: a.kind,
				lon: a.lon,
				lat: a.lat,
				radius_m: a.radius_m,
				...(a.place ? { place: a.place } : {}),
				...(a.expected_at ? { expected_at: a.expected_at } : {}),
				...(f?.linked ? { linked_place: f.linked.place } : {}),
				detected_at: old?.detected_at ?? a.detected_at,
				last_detected_at: a.detected_at,
				incident_id: byAlert.get(a.id)!
			});
		}
		const after = groupAlerts(versions.slice(half), [...stored.values()]);
		for (const [id, inc] of after) expect([id, inc]).toEqual([id, byAlert.get(id)]);
	}, 120_000);
});

const row = {
	id: 'inc-a',
	place: 'Haren',
	lon: 6.6,
	lat: 53.17,
	radius_m: 1500,
	severity: 'warning',
	status: 'open',
	first_seen: '2012-09-21T14:30:00+00:00',
	last_update: '2012-09-21T15:00:00+00:00',
	alert_count: 2,
	kinds: ['mobilisation', 'surge'],
	unit_id: 'NN',
	municipality_code: 'GM0014',
	expected_size: null
};

describe('incident rows (client)', () => {
	it('validates rows and refuses hostile ones', () => {
		expect(validateIncident(row)).toMatchObject({ ok: true, value: row });
		for (const bad of [
			null,
			[],
			{ ...row, id: '' },
			{ ...row, lon: 200 },
			{ ...row, severity: 'panic' },
			{ ...row, status: 'gone' },
			{ ...row, first_seen: 'gisteren' },
			{ ...row, alert_count: -1 },
			{ ...row, radius_m: 1e9 }
		])
			expect(validateIncident(bad).ok).toBe(false);
		const v = validateIncident({ ...row, place: 'x'.repeat(600), kinds: ['surge', 3] });
		expect(v.ok && [v.value.place, v.value.kinds]).toEqual([null, ['surge']]);
	});

	it('holds the list, reports changes, and ignores a late message', () => {
		const book = new IncidentBook();
		const first = book.reset([row, { ...row, id: 'inc-b', severity: 'critical' }, { bad: 1 }]);
		expect(first.problems).toHaveLength(1);
		expect(first.changes.map((c) => [c.id, c.added, c.becameCritical])).toEqual([
			['inc-a', true, false],
			['inc-b', true, true]
		]);
		expect(book.list().map((i) => i.id)).toEqual(['inc-b', 'inc-a']);
		const grown = book.apply({
			...row,
			alert_count: 3,
			severity: 'critical',
			last_update: '2012-09-21T15:10:00+00:00'
		});
		expect(grown.change).toMatchObject({ id: 'inc-a', grew: true, becameCritical: true });
		const late = book.apply({ ...row, last_update: '2012-09-21T15:05:00+00:00' });
		expect(late.change).toBeNull();
		expect(book.get('inc-a')?.alert_count).toBe(3);
		const closed = book.apply({
			...row,
			status: 'false_alarm',
			last_update: '2012-09-21T15:10:00+00:00'
		});
		expect(closed.change).toMatchObject({ statusChanged: true });
		// Closed incidents follow the active ones.
		expect(book.list().map((i) => [i.id, i.status])).toEqual([
			['inc-b', 'open'],
			['inc-a', 'false_alarm']
		]);
		expect(book.reset([row]).changes.find((c) => c.id === 'inc-b')?.removed).toBe(true);
	});

	it('validates the incident view, leaving out bad items', () => {
		const { detail, problems } = validateIncidentDetail({
			incident: row,
			alerts: [
				{
					id: 'a1',
					kind: 'surge',
					severity: 'warning',
					detected_at: row.first_seen,
					summary: 's',
					status: 'new'
				},
				{ id: 5 }
			],
			events: [
				{ at: row.first_seen, kind: 'alert', alert_id: 'a1' },
				{ at: 'x', kind: 'hack' }
			],
			series: { from: row.first_seen, step_s: 300, counts: [1, 'x', 3], baseline: [0.5, 1, 1] },
			evidence: [
				{
					id: 'p1',
					created_at: row.first_seen,
					text: '<img src=x onerror=alert(1)>',
					author: 'ab12',
					lon: 6.6,
					lat: 53.1,
					located_by: 'geotag',
					precision_m: 25
				}
			],
			shares: { geotag: 1, text: 0, author: 0, total: 1 }
		});
		expect(problems.map((p) => p.where)).toEqual([
			'incident_detail() alerts item 1',
			'incident_detail() events item 1'
		]);
		expect(detail!.series.counts).toEqual([1, 0, 3]);
		expect(detail!.evidence[0].text).toBe('<img src=x onerror=alert(1)>'); // text, shown as text
		expect(detail!.events[0]).toEqual({
			at: row.first_seen,
			kind: 'alert',
			actor_label: null,
			reason: null,
			alert_id: 'a1'
		});
		expect(validateIncidentDetail({ incident: { id: 1 } }).detail).toBeNull();
	});
});

describe('stored alerts for the grouping (detector worker)', () => {
	it('reads the incident fields of detector_alerts and skips bad rows', () => {
		const rows = storedAlerts([
			{
				id: 'surge:a',
				kind: 'surge',
				lon: 6.6,
				lat: 53.17,
				place: 'Haren',
				detected_at: '2012-09-21T14:30:00Z',
				last_detected_at: '2012-09-21T15:00:00Z',
				radius_m: 1300,
				expected_at: null,
				linked_place: 'Haren',
				incident_id: 'inc-mobilisation:haren:x',
				incident_closed: true
			},
			{ id: 'surge:b', kind: 'surge', lon: 'x', lat: 1, detected_at: '2012-09-21T14:30:00Z' },
			null
		]);
		expect(rows).toEqual([
			{
				id: 'surge:a',
				kind: 'surge',
				lon: 6.6,
				lat: 53.17,
				place: 'Haren',
				detected_at: '2012-09-21T14:30:00Z',
				last_detected_at: '2012-09-21T15:00:00Z',
				radius_m: 1300,
				linked_place: 'Haren',
				incident_id: 'inc-mobilisation:haren:x',
				incident_closed: true
			}
		]);
		// Restored, an alert raised again keeps its (closed) incident; a new one nearby does not
		// join the closed incident.
		const g = new IncidentGrouper();
		g.restore(rows);
		expect(
			g.assign(alert('surge:a', 'surge', Date.parse('2012-09-21T15:05:00Z'), [6.6, 53.17]))
		).toBe('inc-mobilisation:haren:x');
		expect(
			g.assign(alert('surge:n', 'surge', Date.parse('2012-09-21T15:06:00Z'), [6.6, 53.17]))
		).toBe('inc-surge:n');
	});
});

describe('IncidentsFeed (fake supabase-js client)', () => {
	function fakeClient(answers: Record<string, { data?: unknown; error?: { message: string } }>) {
		const calls: [string, unknown][] = [];
		const handlers = new Map<string, (msg: { payload: unknown }) => void>();
		const client = {
			rpc: async (fn: string, args?: unknown) => {
				calls.push([fn, args]);
				return { data: answers[fn]?.data ?? null, error: answers[fn]?.error ?? null };
			},
			channel: (topic: string) => {
				const ch = {
					on: (_t: string, f: { event: string }, h: (msg: { payload: unknown }) => void) => {
						handlers.set(`${topic}/${f.event}`, h);
						return ch;
					},
					subscribe: () => ch
				};
				return ch;
			},
			removeChannel: async () => {}
		};
		return { client: client as unknown as SupabaseClient, calls, handlers };
	}
	const me = {
		user_id: 'u',
		email: 'a@x',
		role: 'analyst' as const,
		unit_id: 'NN',
		municipality_code: null,
		display_name: null
	};

	it('follows the alert topics, checks reasons before calling, and validates the detail', async () => {
		const { client, calls, handlers } = fakeClient({
			open_incidents: { data: [row] },
			incident_detail: { data: { incident: row, alerts: [{ id: 1 }] } }
		});
		const seen: string[][] = [];
		const problems: string[] = [];
		const feed = new IncidentsFeed(client, me, {
			changed: (list) => seen.push(list.map((i) => `${i.id}:${i.status}`)),
			problems: (p) => problems.push(...p.map((x) => x.where)),
			error: (e) => problems.push(String(e))
		});
		feed.start();
		await feed.reload();
		expect([...handlers.keys()]).toEqual(['alerts:unit:NN/incident']);
		handlers.get('alerts:unit:NN/incident')!({
			payload: { ...row, status: 'acknowledged', last_update: '2012-09-21T15:01:00+00:00' }
		});
		expect(seen.at(-1)).toEqual(['inc-a:acknowledged']);

		await expect(feed.act('inc-a', 'false_alarm', '  ')).rejects.toThrow(/reason is required/);
		await expect(feed.act('inc-a', 'note', 'x'.repeat(1001))).rejects.toThrow(/too long/);
		expect(calls.some(([fn]) => fn === 'incident_act')).toBe(false);
		await feed.act('inc-a', 'false_alarm', ' onterecht ');
		expect(calls.find(([fn]) => fn === 'incident_act')).toEqual([
			'incident_act',
			{ incident_id: 'inc-a', action: 'false_alarm', reason: 'onterecht' }
		]);
		const d = await feed.detail('inc-a');
		expect(d.alerts).toEqual([]);
		expect(problems).toContain('incident_detail() alerts item 0');
		feed.stop();
	});
});
