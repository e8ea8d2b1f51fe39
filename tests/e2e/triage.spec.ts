/**
 * The triage of posts without a location (issue 13, item 4): a post that could not be located
 * is in the NN analyst's triage list; the analyst places it with a click on the map and a reason,
 * it leaves the list, and it comes back through the posts feed as a located post (method manual)
 * in the map's data and is drawn there (pixels: its light-blue dot); a second one is placed at a
 * place chosen from the gazetteer search. Live mode on the embedded database (feeder off).
 */
import { expect, test } from '@playwright/test';
import type { LocatedPost } from '../../src/lib/posts/post';
import {
	HAREN_CENTRE,
	countPixels,
	heldIds,
	ingest,
	openMap,
	project,
	serviceClient,
	setLayers,
	settle
} from './helpers';

const RUN = Date.now().toString(36);

test('a post placed by hand appears on the map', async ({ page, baseURL }) => {
	const db = serviceClient(baseURL!);
	await openMap(
		page,
		`mode=live&role=analist.nn&window=1h&center=${HAREN_CENTRE.join(',')}&zoom=15&layers=heat`
	);
	await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
	await setLayers(page, ['Berichten']);
	const id = `${RUN}-unplaced`;
	const now = Date.now() - 1000;
	const post: LocatedPost = {
		id,
		source: 'x',
		author: '@e2e_triage',
		created_at: new Date(now).toISOString(),
		text: 'het is hier <b>heel</b> druk geworden',
		t: now,
		method: 'none'
	};
	expect(await ingest(db, [post])).toBe(1);

	await page.getByTestId('triage-toggle').click();
	const row = page.locator(`[data-testid=triage-post][data-post-id="${id}"]`);
	await expect(row).toContainText('het is hier <b>heel</b> druk geworden');
	expect(await heldIds(page)).not.toContain(id);
	await settle(page);
	const at = await project(page, HAREN_CENTRE);
	const before = await countPixels(page, at, 12);

	await row.getByTestId('triage-place').click();
	await page.mouse.click(at.x, at.y);
	await expect(row.getByTestId('triage-target')).toContainText('53.17');
	await row.getByTestId('triage-reason').fill('foto van de Kerkstraat herkend');
	await row.getByTestId('triage-save').click();
	await expect(row).toHaveCount(0);

	// Back through the posts feed as a located post.
	await expect.poll(() => heldIds(page), { timeout: 15_000 }).toContain(id);
	await settle(page);
	const after = await countPixels(page, at, 12);
	// A post placed by hand is a light-blue dot (56, 189, 248), which the cyan class counts.
	expect(after.corridor).toBeGreaterThan(before.corridor + 5);

	// A second one placed at a place chosen from the gazetteer search.
	const id2 = `${RUN}-unplaced-2`;
	const t2 = Date.now() - 1000;
	const post2: LocatedPost = { ...post, id: id2, created_at: new Date(t2).toISOString(), t: t2 };
	expect(await ingest(db, [post2])).toBe(1);
	await page.getByTestId('triage-toggle').click();
	await page.getByTestId('triage-toggle').click(); // closed and opened: read again
	const row2 = page.locator(`[data-testid=triage-post][data-post-id="${id2}"]`);
	await row2.getByTestId('triage-place').click();
	await row2.getByTestId('triage-search').fill('Haren');
	await row2
		.getByTestId('triage-hit')
		.filter({ hasText: /^Haren/ })
		.first()
		.click();
	await expect(row2.getByTestId('triage-target')).toContainText('Haren: 53.');
	await row2.getByTestId('triage-reason').fill('noemt de Haren-feestavond');
	await row2.getByTestId('triage-save').click();
	await expect(row2).toHaveCount(0);
	await expect.poll(() => heldIds(page), { timeout: 15_000 }).toContain(id2);
});
