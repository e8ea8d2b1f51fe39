/**
 * The help queue's handling state, shared by a unit (issue 13, item 4): a call for help posted
 * three times (the original, a retweet, a near-same copy) is one line "3x gemeld"; the analyst of
 * NN takes it, and the commander of NN, in another browser context, sees it taken by the
 * analyst with no button to take it; the analyst forwards it to the emergency room and closes it,
 * and the commander sees it done. Live mode on the embedded database (feeder off).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { HAREN_CENTRE, gpsPost, ingest, openMap, serviceClient } from './helpers';

const RUN = Date.now().toString(36);

async function openLive(page: Page, role: string): Promise<void> {
	await openMap(
		page,
		`mode=live&role=${role}&window=1h&center=${HAREN_CENTRE.join(',')}&zoom=13&layers=heat`
	);
	await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
}

async function secondPage(browser: Browser, baseURL: string): Promise<Page> {
	const ctx = await browser.newContext({
		baseURL,
		viewport: { width: 1280, height: 800 },
		storageState: {
			cookies: [],
			origins: [{ origin: baseURL, localStorage: [{ name: 'uitkijk.test', value: '1' }] }]
		}
	});
	return ctx.newPage();
}

test('a call for help taken and done by one analyst is seen as taken by another user', async ({
	page,
	browser,
	baseURL
}) => {
	const db = serviceClient(baseURL!);
	const other = await secondPage(browser, baseURL!);
	await openLive(page, 'analist.nn');
	await openLive(other, 'commandant.nn');

	const text = `HELP er ligt iemand gewond bij de Kerk ${RUN}, bel 112!!`;
	const now = Date.now();
	const posts = [
		{ ...gpsPost(`${RUN}-h1`, HAREN_CENTRE[0], HAREN_CENTRE[1], now - 3000), text },
		{
			...gpsPost(`${RUN}-h2`, HAREN_CENTRE[0], HAREN_CENTRE[1], now - 2000),
			text: `RT @e2e_1: ${text}`
		},
		{
			...gpsPost(`${RUN}-h3`, HAREN_CENTRE[0], HAREN_CENTRE[1], now - 1000),
			text: `${text} https://t.co/x`
		}
	];
	expect(await ingest(db, posts)).toBe(3);

	const mine = page.locator(`[data-testid=help-call][data-help-id="${RUN}-h1"]`);
	const theirs = other.locator(`[data-testid=help-call][data-help-id="${RUN}-h1"]`);
	await expect(mine).toContainText('3x gemeld');
	await expect(theirs).toContainText('3x gemeld');
	// One line for the three posts.
	await expect(page.locator(`[data-testid=help-call][data-help-id^="${RUN}-"]`)).toHaveCount(1);
	await expect(theirs).toHaveAttribute('data-help-state', 'open');

	await mine.getByTestId('help-take').click();
	await expect(mine).toHaveAttribute('data-help-state', 'taken');
	await expect(mine.getByTestId('help-state')).toContainText('opgepakt door jou');
	// The other user sees who took it and cannot take it.
	await expect(theirs).toHaveAttribute('data-help-state', 'taken', { timeout: 15_000 });
	await expect(theirs.getByTestId('help-state')).toContainText('opgepakt door');
	await expect(theirs.getByTestId('help-state')).not.toContainText('jou');
	await expect(theirs.getByTestId('help-take')).toHaveCount(0);

	await mine.getByTestId('help-forward').click();
	await expect(mine.getByTestId('help-state')).toContainText('naar meldkamer door');
	await mine.getByTestId('help-done').click();
	await expect(mine).toHaveAttribute('data-help-state', 'done');
	await expect(theirs).toHaveAttribute('data-help-state', 'done', { timeout: 15_000 });
	await expect(theirs.getByTestId('help-state')).toContainText('afgehandeld door');

	// Stored: a fresh page of the commander reads the state from the database.
	await other.reload();
	await expect(other.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
	await expect(theirs).toHaveAttribute('data-help-state', 'done');
	await other.context().close();
});
