/**
 * Alerts in live mode against the embedded stack: an alert written by the detector worker's
 * path (upsert_alerts, service role) is an incident of its own (no incident named): it shows in
 * the incident list and as a ring on the map within seconds, a new critical one flashes, its text
 * stays text in the incident view, the unit's analyst acknowledges and resolves it there, and a
 * mayor elsewhere never sees it.
 */
import { createClient } from '@supabase/supabase-js';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { HAREN_CENTRE, countPixels, openMap, project, serviceClient, settle } from './helpers';

const RUN = Date.now().toString(36);

/** Resolve alerts as the analyst of unit NN, so that later tests see a map without them. */
async function resolveAsAnalyst(baseURL: string, ids: string[]): Promise<void> {
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
	for (const id of ids) {
		const r = await c.rpc('resolve_alert', { alert_id: id, note: 'e2e' });
		if (r.error && r.error.code !== '55000') throw new Error(r.error.message);
		// Its incident too (an alert without a named incident is one of its own).
		await c.rpc('incident_act', { incident_id: `inc-${id}`, action: 'resolve', reason: 'e2e' });
	}
	await c.removeAllChannels();
}

function alert(id: string, severity: string, summary: string) {
	return {
		id,
		kind: 'surge',
		detected_at: new Date(Date.now() - 60_000).toISOString(),
		lon: HAREN_CENTRE[0],
		lat: HAREN_CENTRE[1],
		radius_m: 400,
		place: 'Haren',
		severity,
		score: 9,
		summary,
		evidence: ['x:1', 'x:2']
	};
}

test.describe('alerts in live mode', () => {
	test('a critical alert appears, flashes, is drawn, and is acknowledged and resolved', async ({
		page,
		baseURL
	}) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
		const db = serviceClient(baseURL!);
		await openMap(page, `mode=live&role=analist.nn&center=${HAREN_CENTRE.join(',')}&zoom=13`);
		await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
		await expect(page.getByTestId('incidents')).toBeVisible();

		const id = `${RUN}-surge`;
		const hostile = '<img src=x onerror=alert(1)> 8x meer berichten dan normaal';
		const t0 = Date.now();
		const { error } = await db.rpc('upsert_alerts', { rows: [alert(id, 'warning', hostile)] });
		expect(error).toBeNull();
		const item = page.locator(`[data-testid="incident"][data-incident-id="inc-${id}"]`);
		await expect(item).toBeVisible({ timeout: 5000 });
		const shownMs = Date.now() - t0;
		await expect(item).toContainText('Haren');
		await expect(page.getByTestId('flash')).toHaveCount(0);

		// The same id grows to critical: the wall screen flashes, the ring turns red.
		await db.rpc('upsert_alerts', { rows: [alert(id, 'critical', 'nu kritiek')] });
		await expect(page.getByTestId('flash')).toBeVisible({ timeout: 5000 });
		await expect(page.getByTestId('flash')).toContainText('Haren');
		await expect(page.getByTestId('flash')).toHaveAttribute('data-incident-id', `inc-${id}`);
		await expect(item).toContainText('KRITIEK');
		await settle(page);
		const ring = await countPixels(page, await project(page, HAREN_CENTRE), 120);
		const far = await countPixels(page, await project(page, [6.5, 53.25]), 60);
		console.log(JSON.stringify({ shownMs, ring, far }));
		expect(ring.alert).toBeGreaterThan(300);
		expect(far.alert).toBe(0);

		// Its view: the alert's text (hostile HTML) as text; acknowledged, then resolved with a reason.
		await item.locator('button.head').click();
		const view = page.getByTestId('incident-view');
		await expect(view.getByTestId('incident-timeline')).toContainText('nu kritiek');
		expect(await page.locator('[data-testid="incident-view"] img').count()).toBe(0);
		await view.getByRole('button', { name: 'Erkennen' }).click();
		await expect(item.getByTestId('incident-status')).toHaveText('erkend', { timeout: 5000 });
		await view.getByTestId('incident-reason').fill('e2e afgehandeld');
		await view.getByRole('button', { name: 'Afsluiten' }).click();
		await expect(item.getByTestId('incident-status')).toHaveText('afgesloten', { timeout: 5000 });
		await expect(view.locator('[data-kind="resolve"]')).toContainText('e2e afgehandeld');
		const { data } = await db.rpc('open_alerts');
		expect((data as { id: string }[]).some((a) => a.id === id)).toBe(false);
		expect(errors).toEqual([]);
	});

	test('in English: every incident reachable (+N more), English summaries, whole times', async ({
		page,
		baseURL
	}) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		const db = serviceClient(baseURL!);
		const ids = Array.from({ length: 11 }, (_, i) => `${RUN}-many-${i}`);
		const facts = {
			what: 'surge',
			near: 'Station Groningen Europapark',
			radius_m: 1300,
			minutes: 60,
			observed: 44,
			expected: 2.2,
			p_exp: -40,
			authors: 30
		};
		const rows = ids.map((id) => ({
			...alert(id, 'warning', '20x meer berichten dan normaal'),
			place: 'Station Groningen Europapark',
			facts
		}));
		expect((await db.rpc('upsert_alerts', { rows })).error).toBeNull();
		try {
			await openMap(
				page,
				`mode=live&role=analist.nn&lang=en&center=${HAREN_CENTRE.join(',')}&zoom=13`
			);
			const panel = page.getByTestId('incidents');
			const mine = panel.locator(`[data-incident-id^="inc-${RUN}-many-"]`);
			const more = page.getByTestId('incidents-more');
			// 8 items and "+N more" for the rest (other tests' incidents may be listed too).
			await expect(more).toBeVisible();
			await expect(panel.getByTestId('incident')).toHaveCount(8);
			const total = Number(await page.getByTestId('incidents-count').textContent());
			await expect(more).toHaveText(`+${total - 8} more`);
			// Keyboard: focus the button and press Enter.
			await more.focus();
			await page.keyboard.press('Enter');
			await expect(panel.getByTestId('incident')).toHaveCount(total);
			await expect(mine).toHaveCount(11);
			await mine.first().locator('button.head').click();
			await expect(page.getByTestId('incident-timeline')).toContainText(
				/20x more posts than normal within 1,300 m of Station Groningen Europapark/
			);
			// The times are whole: not clipped, inside their item, each part on one line.
			for (const card of await mine.all()) {
				const fits = await card.locator('[data-testid="incident-times"] .v').evaluateAll((els) =>
					els.map((el) => {
						const r = el.getBoundingClientRect();
						const li = el.closest('li')!.getBoundingClientRect();
						return {
							text: el.textContent ?? '',
							clipped: el.scrollWidth > el.clientWidth + 1,
							inside: r.left >= li.left - 1 && r.right <= li.right + 1 && r.width > 0,
							// One line: "18" and ":05" never break apart.
							oneLine: r.height < 1.8 * parseFloat(getComputedStyle(el).fontSize)
						};
					})
				);
				expect(fits[0].text).toMatch(/\d{2}:\d{2}/);
				for (const fit of fits) {
					expect(fit.clipped).toBe(false);
					expect(fit.inside).toBe(true);
					expect(fit.oneLine).toBe(true);
				}
			}
			expect(errors).toEqual([]);
		} finally {
			await resolveAsAnalyst(baseURL!, ids);
		}
	});

	test('a mayor elsewhere sees neither the alert nor its flash', async ({ page, baseURL }) => {
		const db = serviceClient(baseURL!);
		const id = `${RUN}-other`;
		await db.rpc('upsert_alerts', { rows: [alert(id, 'critical', 'Haren')] });
		await openMap(page, 'mode=live&role=burgemeester.amsterdam');
		await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
		await expect(page.getByTestId('incidents')).toBeVisible();
		await page.waitForTimeout(1500);
		await expect(page.locator(`[data-incident-id="inc-${id}"]`)).toHaveCount(0);
		await expect(page.getByTestId('flash')).toHaveCount(0);
		await resolveAsAnalyst(baseURL!, [id]);
	});

	test('a page load or a role switch never flashes an alert that was already there', async ({
		page,
		baseURL
	}) => {
		const db = serviceClient(baseURL!);
		const id = `${RUN}-before`;
		// Critical, detected a minute ago, before this screen opened.
		expect(
			(await db.rpc('upsert_alerts', { rows: [alert(id, 'critical', 'al bekend')] })).error
		).toBeNull();
		try {
			await openMap(page, 'mode=live&role=analist.nn');
			const item = page.locator(`[data-testid="incident"][data-incident-id="inc-${id}"]`);
			await expect(item).toBeVisible({ timeout: 30_000 });
			await settle(page);
			// Checked at once: a flash goes away by itself after 20 s, so waiting for none proves nothing.
			expect(await page.getByTestId('flash').count()).toBe(0);
			await page.getByTestId('role').selectOption('commandant.nn');
			await expect(page.getByTestId('who')).toContainText('eenheid NN');
			await expect(item).toBeVisible({ timeout: 30_000 });
			await settle(page);
			// Checked at once: a flash goes away by itself after 20 s, so waiting for none proves nothing.
			expect(await page.getByTestId('flash').count()).toBe(0);
			await page.reload();
			await expect(item).toBeVisible({ timeout: 30_000 });
			await settle(page);
			// Checked at once: a flash goes away by itself after 20 s, so waiting for none proves nothing.
			expect(await page.getByTestId('flash').count()).toBe(0);
		} finally {
			await resolveAsAnalyst(baseURL!, [id]);
		}
	});

	test('during an outage the clock stops with the data, the badge reads the same clock, and incidents cannot be handled', async ({
		page,
		baseURL,
		request
	}) => {
		test.setTimeout(120_000);
		const db = serviceClient(baseURL!);
		const id = `${RUN}-outage`;
		await openMap(page, 'mode=live&role=analist.nn');
		await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
		expect(
			(await db.rpc('upsert_alerts', { rows: [alert(id, 'warning', 'storing')] })).error
		).toBeNull();
		const incident = page.locator(`[data-testid="incident"][data-incident-id="inc-${id}"]`);
		const item = page.getByTestId('incident-view');
		try {
			await incident.locator('button.head').click({ timeout: 30_000 });
			await expect(item.getByRole('button', { name: 'Erkennen' })).toBeVisible({
				timeout: 30_000
			});
			expect((await request.post('/__test/realtime/cut?ms=15000')).ok()).toBe(true);
			await expect(page.getByTestId('status')).toHaveText(/VEROUDERD SINDS \d\d:\d\d/, {
				timeout: 30_000
			});
			// The map's clock stopped at the moment the data stopped, and the badge reads it.
			await page.waitForFunction(
				() =>
					!(window as unknown as { uitkijk: { clock: { playing: boolean } } }).uitkijk.clock.playing
			);
			const badge = (await page.getByTestId('status').textContent())!.match(/\d\d:\d\d/)![0];
			await expect(page.getByTestId('clock')).toHaveText(new RegExp(`${badge}$`));
			// Nothing can be acknowledged or resolved on a connection that is down.
			await expect(item.getByRole('button', { name: 'Erkennen' })).toHaveCount(0);
			await expect(item.getByRole('button', { name: 'Afsluiten' })).toHaveCount(0);
			// Back: live again, the clock runs, the actions return.
			await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 60_000 });
			await page.waitForFunction(
				() =>
					(window as unknown as { uitkijk: { clock: { playing: boolean } } }).uitkijk.clock.playing
			);
			await expect(item.getByRole('button', { name: 'Erkennen' })).toBeVisible();
		} finally {
			await resolveAsAnalyst(baseURL!, [id]);
		}
	});
});
