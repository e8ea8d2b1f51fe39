import { expect, test } from '@playwright/test';
import {
	HAREN_CENTRE,
	countPixels,
	openMap,
	project,
	setLayers,
	settle,
	type AppHandle
} from './helpers';

test.describe('live map on the embedded default', () => {
	test('the Haren evening plays: heat and corridors are drawn over Haren', async ({ page }) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		// Start before the surge and let the scenario play at 600x through the arrival.
		await openMap(
			page,
			't=2012-09-21T19:40:00%2B02:00&speed=600&window=1h&center=6.605,53.18&zoom=12.2'
		);
		// A playing replay is never LIVE (issue 11): it says AFSPELEN, in blue.
		await expect(page.getByTestId('status')).toHaveText(/AFSPELEN/, { timeout: 60_000 });
		await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'replay');
		await expect(page.getByTestId('status')).not.toHaveText(/LIVE/);
		await page.waitForFunction(
			() =>
				(window as unknown as { uitkijk: AppHandle }).uitkijk.clock.time >=
				Date.parse('2012-09-21T20:30:00+02:00'),
			undefined,
			{ timeout: 60_000 }
		);
		await page.getByTestId('play').click(); // pause, so that the pixels hold still
		await expect(page.getByTestId('status')).toHaveText(/GEPAUZEERD/);
		// The clock stands still; on a busy machine the feed may still be catching up with it.
		const inWindowNow = async () => Number(await page.getByTestId('in-window').textContent());
		await expect.poll(inWindowNow, { timeout: 60_000 }).toBeGreaterThan(300);
		const inWindow = await inWindowNow();
		// Trust at a glance: each source with its posts a minute and its last post on the map's
		// clock; the busiest (x) is not silent during the build-up.
		const busiest = page.getByTestId('source').first();
		await expect(busiest).toHaveAttribute('data-source', 'x');
		await expect(busiest).toHaveAttribute('data-quiet', 'false');
		await expect(busiest).toContainText(/\d\/min laatste 2[01]:\d\d/);

		const haren = await project(page, HAREN_CENTRE);
		const far = await project(page, [6.48, 53.13]); // farmland south-west, outside the crowd

		await setLayers(page, []);
		await settle(page);
		const none = await countPixels(page, haren, 120);

		// Drawn when the layers are built, which a busy machine may take longer for: wait for it.
		await setLayers(page, ['Hittekaart']);
		let heat = await countPixels(page, haren, 120);
		await expect
			.poll(async () => (heat = await countPixels(page, haren, 120)).heat, { timeout: 30_000 })
			.toBeGreaterThan(3000); // a solid blob over the village centre
		const heatFar = await countPixels(page, far, 60);

		await setLayers(page, ['Stromen']);
		let corridors = await countPixels(page, haren, 260);
		await expect
			.poll(async () => (corridors = await countPixels(page, haren, 260)).corridor, {
				timeout: 30_000
			})
			.toBeGreaterThan(200); // flows into the centre

		console.log(JSON.stringify({ inWindow, none, heat, heatFar, corridors }));
		expect(none.heat).toBeLessThan(50);
		expect(none.corridor).toBeLessThan(50);
		expect(heat.heat).toBeGreaterThan(3000); // a solid blob over the village centre
		expect(heatFar.heat).toBeLessThan(heat.heat / 10);
		expect(corridors.corridor).toBeGreaterThan(200); // flows into the centre
		expect(errors).toEqual([]);
	});

	test('a hostile post text shows literally in its tooltip and runs nothing', async ({ page }) => {
		const dialogs: string[] = [];
		page.on('dialog', async (d) => {
			dialogs.push(d.message());
			await d.dismiss();
		});
		await openMap(page, 't=2012-09-21T20:00:00%2B02:00&play=0&window=1h&center=6.66,53.15&zoom=15');
		const hostile = '<img src=x onerror=alert(1)>';
		const post = {
			id: 'e2e-xss-1',
			source: 'x',
			author: '@e2e',
			created_at: '2012-09-21T19:55:00+02:00',
			text: hostile,
			lon: 6.66,
			lat: 53.15
		};
		const bad = '{"id":"bad","source":"x"}';
		await page.getByTestId('file').setInputFiles({
			name: 'hostile.ndjson',
			mimeType: 'application/x-ndjson',
			buffer: Buffer.from(`${JSON.stringify(post)}\n${bad}\n`)
		});
		await expect(page.getByTestId('notice')).toContainText(
			'1 berichten geladen uit hostile.ndjson'
		);
		await expect(page.getByTestId('notice')).toContainText('regel 2');
		await settle(page);
		const at = await project(page, [6.66, 53.15]);
		await page.mouse.move(at.x, at.y);
		const text = page.getByTestId('tooltip-text');
		await expect(text).toHaveText(hostile);
		expect(await page.getByTestId('tooltip').locator('img').count()).toBe(0);
		await expect(page.getByTestId('tooltip')).toContainText('GPS');
		await page.waitForTimeout(500);
		expect(dialogs).toEqual([]);
	});

	test('a feed that stops answering turns the status red with the time since when', async ({
		page
	}) => {
		await openMap(page, 't=2012-09-21T20:00:00%2B02:00&speed=60&window=15m');
		await expect(page.getByTestId('status')).toHaveText(/AFSPELEN/, { timeout: 60_000 });
		await page.route('**/api/scenarios/*/posts*', (route) => route.abort('connectionrefused'));
		await expect(page.getByTestId('status')).toHaveText(/VEROUDERD SINDS \d\d:\d\d/, {
			timeout: 20_000
		});
		await page.unroute('**/api/scenarios/*/posts*');
		await expect(page.getByTestId('status')).toHaveText(/AFSPELEN/, { timeout: 20_000 });
	});
});
