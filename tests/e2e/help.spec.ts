/**
 * Calls for help: the queue beside the map and their own layer. A post that calls for help
 * (opened from a file in replay mode) appears in the queue as text and is drawn as a white dot
 * with a red ring where it was located; an ordinary post next to it does neither.
 */
import { expect, test } from '@playwright/test';
import { countPixels, openMap, project, setLayers, settle } from './helpers';

test('a call for help is queued and drawn on its own layer', async ({ page }) => {
	await openMap(page, 't=2012-09-21T20:00:00%2B02:00&play=0&window=1h&center=6.70,53.12&zoom=15');
	await setLayers(page, ['Hulpvragen']);
	await settle(page);
	const at = await project(page, [6.7, 53.12]);
	const before = await countPixels(page, at, 30);
	const posts = [
		{
			id: 'e2e-help-1',
			source: 'x',
			author: '@e2e',
			created_at: '2012-09-21T19:50:00+02:00',
			text: 'HELP <b>iemand</b> ligt gewond op straat, bel 112!!',
			lon: 6.7,
			lat: 53.12
		},
		{
			id: 'e2e-plain-1',
			source: 'x',
			author: '@e2e2',
			created_at: '2012-09-21T19:51:00+02:00',
			text: 'lekker weertje',
			lon: 6.71,
			lat: 53.12
		}
	];
	await page.getByTestId('file').setInputFiles({
		name: 'help.ndjson',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(posts.map((p) => JSON.stringify(p)).join('\n') + '\n')
	});
	await expect(page.getByTestId('notice')).toContainText('2 berichten geladen');
	const call = page.locator('[data-testid=help-call][data-help-id="e2e-help-1"]');
	await expect(call).toBeVisible();
	await expect(call).toContainText('HELP <b>iemand</b> ligt gewond op straat, bel 112!!');
	expect(await call.locator('b').count()).toBe(0);
	await expect(page.locator('[data-testid=help-call][data-help-id="e2e-plain-1"]')).toHaveCount(0);
	await settle(page);
	const after = await countPixels(page, at, 30);
	expect(after.white).toBeGreaterThan(before.white + 100);
	expect(after.alert).toBeGreaterThan(before.alert);
	const plain = await countPixels(page, await project(page, [6.71, 53.12]), 12);
	expect(plain.white).toBeLessThan(20);
});
