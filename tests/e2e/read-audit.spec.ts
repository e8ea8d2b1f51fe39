/**
 * The read audit from the map (docs/privacy.md): an open live map records its view once it has
 * come to rest, a pan is recorded once (where it ended, not on the way), and a prosecutor reads it.
 */
import { expect, test } from '@playwright/test';
import { createClient } from '@supabase/supabase-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { openMap } from './helpers';

interface ViewRow {
	app_role: string;
	min_lon: number;
	min_lat: number;
	max_lon: number;
	max_lat: number;
	view_mode: string;
}

/** Far from every other test's view: the rows found around it are this test's. */
const START: [number, number] = [5.0, 52.0];
const END: [number, number] = [5.2, 52.0];

test('the live map records each view change once in the read audit, for a prosecutor', async ({
	page,
	baseURL
}) => {
	const since = new Date(Date.now() - 1000).toISOString();
	const keys = JSON.parse(readFileSync(join(process.env.UITKIJK_E2E_DATA!, 'keys.json'), 'utf8'));
	const prosecutor = createClient(baseURL!, keys.anon_key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
	const { error } = await prosecutor.auth.signInWithPassword({
		email: 'officier@uitkijk.demo',
		password: 'uitkijk-demo'
	});
	expect(error).toBeNull();
	const around = (r: ViewRow, [x, y]: [number, number]) =>
		r.min_lon < x && x < r.max_lon && r.min_lat < y && y < r.max_lat && r.max_lon - r.min_lon < 1;
	const views = async () => {
		const { data, error } = await prosecutor.rpc('read_audit', {
			t_from: since,
			t_to: new Date(Date.now() + 60_000).toISOString()
		});
		if (error) throw new Error(error.message);
		return (data as ViewRow[])
			.filter((r) => around(r, START) || around(r, END))
			.reverse()
			.map((r) => (around(r, START) ? 'start' : 'end') + `:${r.app_role}:${r.view_mode}`);
	};

	await openMap(page, `mode=live&role=analist.nn&window=1h&center=${START.join(',')}&zoom=13`);
	await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
	await expect.poll(views, { timeout: 20_000 }).toEqual(['start:analyst:live']);

	// A pan of 1.5 s: many view events, one row once the map is still.
	await page.evaluate(
		(end) =>
			(
				window as unknown as {
					uitkijk: { map: { easeTo(o: { center: [number, number]; duration: number }): void } };
				}
			).uitkijk.map.easeTo({ center: end, duration: 1500 }),
		END
	);
	await expect.poll(views, { timeout: 20_000 }).toEqual(['start:analyst:live', 'end:analyst:live']);
	await prosecutor.auth.signOut();
});
