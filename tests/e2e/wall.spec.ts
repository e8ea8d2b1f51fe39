/**
 * The wall-screen mode (kiosk=1) against the embedded stack: no controls, the map frames the
 * active incidents itself and moves to a new one, an unacknowledged critical incident holds the
 * screen until someone acknowledges it elsewhere, and the whole area returns when nothing is
 * active. The alerts are written as the detector writes them (upsert_alerts); each is an
 * incident of its own (far apart).
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { HAREN_CENTRE, openMap, serviceClient } from './helpers';

const RUN = Date.now().toString(36);
const GRONINGEN_STATION: [number, number] = [6.5647, 53.2109];
const ASSEN: [number, number] = [6.5625, 52.9925];

/** The unit NN analyst, acting from another screen. */
async function analyst(baseURL: string): Promise<SupabaseClient> {
	const anon = (await (await fetch(`${baseURL}/api/config`)).json()) as { anonKey: string };
	const c = createClient(baseURL, anon.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
	const { error } = await c.auth.signInWithPassword({
		email: 'analist.nn@uitkijk.demo',
		password: 'uitkijk-demo'
	});
	if (error) throw error;
	return c;
}

async function resolveAllOpen(c: SupabaseClient): Promise<void> {
	const { data, error } = await c.rpc('open_incidents');
	if (error) throw new Error(error.message);
	for (const i of data as { id: string; status: string }[]) {
		if (i.status !== 'open' && i.status !== 'acknowledged') continue;
		const r = await c.rpc('incident_act', {
			incident_id: i.id,
			action: 'resolve',
			reason: 'e2e wall'
		});
		if (r.error && r.error.code !== '55000') throw new Error(r.error.message);
	}
}

function alert(id: string, severity: string, at: [number, number], place: string) {
	return {
		id,
		kind: 'surge',
		detected_at: new Date(Date.now() - 60_000).toISOString(),
		lon: at[0],
		lat: at[1],
		radius_m: 400,
		place,
		severity,
		score: 9,
		summary: `${place}: meer berichten dan normaal`,
		evidence: ['x:1']
	};
}

/** Wait until the map is centred within `m` metres of a point and zoomed in past `zoom`. */
async function framed(page: Page, at: [number, number], zoom = 12): Promise<void> {
	await page.waitForFunction(
		({ at, zoom }) => {
			const map = (
				window as unknown as {
					uitkijk: {
						map: {
							getCenter(): { lng: number; lat: number };
							getZoom(): number;
							getBounds(): { contains(ll: [number, number]): boolean };
							isMoving(): boolean;
						};
					};
				}
			).uitkijk.map;
			return !map.isMoving() && map.getZoom() >= zoom && map.getBounds().contains(at);
		},
		{ at, zoom },
		{ timeout: 30_000 }
	);
}

test.describe('wall-screen mode', () => {
	test('frames new alerts by itself, holds a critical one until acknowledged, then the area', async ({
		page,
		baseURL
	}) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		const db = serviceClient(baseURL!);
		const other = await analyst(baseURL!);
		await resolveAllOpen(other);

		await openMap(page, 'mode=live&role=analist.nn&kiosk=1&cycle=5');
		await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 60_000 });
		const banner = page.getByTestId('wall-banner');
		await expect(banner).toHaveAttribute('data-target', 'home');
		// No controls on a wall screen, and no buttons to act with.
		await expect(page.getByTestId('play')).toHaveCount(0);
		await expect(page.getByTestId('plan-open')).toHaveCount(0);
		await expect(page.getByTestId('triage-toggle')).toHaveCount(0);
		await expect(page.locator('button[data-testid^="help-"]')).toHaveCount(0);
		const zoomHome = await page.evaluate(() =>
			(window as unknown as { uitkijk: { map: { getZoom(): number } } }).uitkijk.map.getZoom()
		);

		// A warning at Haren: the screen goes there by itself.
		const a = `${RUN}-wall-a`;
		expect(
			(await db.rpc('upsert_alerts', { rows: [alert(a, 'warning', HAREN_CENTRE, 'Haren')] })).error
		).toBeNull();
		await expect(banner).toHaveAttribute('data-target', `inc-${a}`, { timeout: 15_000 });
		await framed(page, HAREN_CENTRE, zoomHome + 2);
		await expect(banner).toContainText('Haren');

		// A second one at Groningen station: the screen takes turns, and reaches it.
		const b = `${RUN}-wall-b`;
		expect(
			(
				await db.rpc('upsert_alerts', {
					rows: [alert(b, 'warning', GRONINGEN_STATION, 'Station Groningen')]
				})
			).error
		).toBeNull();
		await expect(banner).toHaveAttribute('data-target', `inc-${b}`, { timeout: 30_000 });
		await expect(banner).toContainText('/ 2');
		await framed(page, GRONINGEN_STATION, zoomHome + 2);

		// A critical one at Assen holds the screen until someone acknowledges it elsewhere.
		const c = `${RUN}-wall-c`;
		expect(
			(await db.rpc('upsert_alerts', { rows: [alert(c, 'critical', ASSEN, 'Assen')] })).error
		).toBeNull();
		await expect(banner).toHaveAttribute('data-target', `inc-${c}`, { timeout: 15_000 });
		await expect(banner).toHaveClass(/takeover/);
		await expect(banner).toContainText('wacht op erkenning');
		await framed(page, ASSEN, zoomHome + 2);
		expect(
			(await other.rpc('incident_act', { incident_id: `inc-${c}`, action: 'acknowledge' })).error
		).toBeNull();
		await expect(banner).not.toHaveClass(/takeover/, { timeout: 15_000 });
		await expect(banner).toContainText('/ 3');

		// Nothing active: back to the whole area.
		await resolveAllOpen(other);
		await expect(banner).toHaveAttribute('data-target', 'home', { timeout: 15_000 });
		await page.waitForFunction(
			(z) =>
				Math.abs(
					(
						window as unknown as { uitkijk: { map: { getZoom(): number; isMoving(): boolean } } }
					).uitkijk.map.getZoom() - z
				) < 0.01,
			zoomHome,
			{ timeout: 30_000 }
		);
		await other.removeAllChannels();
		expect(errors).toEqual([]);
	});
});
