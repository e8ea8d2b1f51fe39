import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cellToParent, getResolution, latLngToCell } from 'h3-js';
import {
	MAX_VIEW_CELLS,
	UNIT_IDS,
	parseMe,
	topicsFor,
	viewCells,
	type Me
} from '../../src/lib/supabase/topics';
import { StreamClock, parseStreamClock } from '../../src/lib/supabase/stream-clock';
import { DEMO_USERS, demoEmail, demoUser } from '../../src/lib/supabase/demo-users';
import { createSupabase, parseConfig, reconnectAfterMs } from '../../src/lib/supabase/client';

function me(role: Me['role'], extra: Partial<Me> = {}): Me {
	return {
		user_id: 'u',
		email: 'e',
		role,
		unit_id: null,
		municipality_code: null,
		display_name: null,
		...extra
	};
}

const HAREN_VIEW = { west: 6.55, south: 53.14, east: 6.67, north: 53.2 };

describe('topicsFor', () => {
	it.each([
		['analyst', { unit_id: 'NN' }, ['posts:unit:NN', 'posts:unplaced']],
		['commander', { unit_id: 'NN' }, ['posts:unit:NN']],
		['mayor', { municipality_code: 'GM0363' }, ['posts:gm:GM0363']],
		['mayor', {}, []]
	] as const)('%s %o follows %o', (role, extra, topics) => {
		expect(topicsFor(me(role, extra), HAREN_VIEW)).toEqual({ topics, area: null });
	});

	it('national roles follow the res-4 cells overlapping the view, and unplaced posts', () => {
		for (const role of ['prosecutor', 'planner'] as const) {
			const plan = topicsFor(me(role), HAREN_VIEW);
			expect(plan.area).toEqual(HAREN_VIEW);
			const haren = cellToParent(latLngToCell(53.1721, 6.6093, 10), 4);
			expect(plan.topics).toContain(`posts:h3:${haren}`);
			expect(plan.topics).toContain('posts:unplaced');
			expect(plan.topics.length).toBeLessThan(20);
		}
	});

	it('zoomed out, national roles follow every unit instead of hundreds of cells', () => {
		const nl = { west: 3.3, south: 50.7, east: 7.3, north: 53.6 };
		expect(viewCells(nl).length).toBeGreaterThan(MAX_VIEW_CELLS);
		const plan = topicsFor(me('planner'), nl);
		expect(plan.topics).toEqual([...UNIT_IDS.map((u) => `posts:unit:${u}`), 'posts:unplaced']);
	});
});

describe('viewCells', () => {
	it('takes the cell a tiny view lies in and its six neighbours', () => {
		const tiny = { west: 6.6, south: 53.17, east: 6.601, north: 53.171 };
		const home = cellToParent(latLngToCell(53.1705, 6.6005, 10), 4);
		const cells = viewCells(tiny);
		expect(cells).toHaveLength(7);
		expect(cells).toContain(home);
		expect(new Set(cells.map((c) => getResolution(c)))).toEqual(new Set([4]));
	});

	it('covers every res-10 cell in a view by its res-4 parent, edges included', () => {
		const view = { west: 6.5, south: 53.1, east: 6.7, north: 53.25 };
		const cells = new Set(viewCells(view));
		for (let i = 0; i <= 20; i++)
			for (let j = 0; j <= 20; j++) {
				const lat = view.south + ((view.north - view.south) * i) / 20;
				const lon = view.west + ((view.east - view.west) * j) / 20;
				expect(cells.has(cellToParent(latLngToCell(lat, lon, 10), 4))).toBe(true);
			}
	});

	it('gives nothing for an empty or inverted view', () => {
		expect(viewCells({ west: 6, south: 53, east: 5, north: 54 })).toEqual([]);
	});
});

describe('parseMe', () => {
	it('reads the me() object', () => {
		expect(
			parseMe({
				user_id: 'u1',
				email: 'analist.nn@uitkijk.demo',
				role: 'analyst',
				unit_id: 'NN',
				municipality_code: null,
				display_name: 'Analist NN'
			})
		).toMatchObject({ role: 'analyst', unit_id: 'NN', municipality_code: null });
	});

	it.each([[null], ['analyst'], [{ role: 'admin' }], [{ role: 'mayor', unit_id: 3 }]])(
		'rejects %o',
		(v) => {
			expect(() => parseMe(v)).toThrow(/me\(\)/);
		}
	);
});

describe('StreamClock', () => {
	it('is wall-clock time without a feeder', () => {
		const c = new StreamClock(
			() => 1234,
			() => 0
		);
		c.update(parseStreamClock(null));
		expect(c.now()).toBe(1234);
		expect(c.speed).toBe(1);
	});

	it('runs stream_time on at the feeder speed from the server time', () => {
		let mono = 100;
		const c = new StreamClock(
			() => 0,
			() => mono
		);
		c.update(
			parseStreamClock({
				scenario: 'haren',
				stream_time: '2012-09-21T18:00:00Z',
				wall_time: '2025-01-01T10:00:00Z',
				speed: 60,
				server_time: '2025-01-01T10:00:02Z'
			})
		);
		const base = Date.parse('2012-09-21T18:00:00Z');
		expect(c.now()).toBe(base + 2000 * 60);
		mono += 500;
		expect(c.now()).toBe(base + 2500 * 60);
		expect(c.scenario).toBe('haren');
	});

	it.each([
		[{ speed: 1 }],
		[{ stream_time: 'x', wall_time: 'y', server_time: 'z', speed: 1 }],
		[7]
	])('rejects %o', (v) => {
		expect(() => parseStreamClock(v)).toThrow(/stream_clock/);
	});
});

describe('demo users and client configuration', () => {
	it('offers the seven demo users with Dutch labels', () => {
		expect(DEMO_USERS.map((u) => u.label.nl)).toEqual([
			'Analist Noord-Nederland',
			'Commandant Noord-Nederland',
			'Analist Amsterdam',
			'Burgemeester Groningen',
			'Burgemeester Amsterdam',
			'Officier van justitie',
			'Planner'
		]);
		expect(demoEmail('officier')).toBe('officier@uitkijk.demo');
		expect(demoUser('nobody')).toBeUndefined();
	});

	it('parses /api/config and resolves a relative URL against the page origin', () => {
		const cfg = parseConfig({ supabaseUrl: '/', anonKey: 'k', embedded: true });
		expect(cfg).toEqual({ supabaseUrl: '/', anonKey: 'k', embedded: true, demo: false });
		expect(() => parseConfig({ supabaseUrl: '/' })).toThrow(/anonKey/);
		const client = createSupabase(cfg, {
			origin: 'http://127.0.0.1:4317',
			transport: WebSocket as never
		});
		expect(client.realtime.endPoint).toBe('ws://127.0.0.1:4317/realtime/v1/websocket');
	});

	it('reconnects within seconds', () => {
		expect([1, 2, 3, 4, 10].map(reconnectAfterMs)).toEqual([500, 1000, 2000, 3000, 5000]);
	});
});
