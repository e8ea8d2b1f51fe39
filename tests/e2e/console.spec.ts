/**
 * Normal use logs no console error: load, zoom to street level over the watched areas (their
 * labels show), hover a post, and in live mode sign in and switch roles there. Two errors did
 * show before: MapLibre's "Cannot read properties of undefined (reading 'points')" on every load
 * (empty polygons in the neighbouring countries' GeoJSON), and deck.gl's "update of
 * MultiIconLayer({id: 'area-labels-characters'})" when rates of one area list met another
 * (live: the role's areas replace the scenario's or another role's before the next derive).
 */
import { expect, test, type Page } from '@playwright/test';
import { HAREN_CENTRE, openMap, project, type AppHandle } from './helpers';

interface Hooks extends AppHandle {
	map: AppHandle['map'] & { jumpTo(o: { center: [number, number]; zoom: number }): void };
	layersNow(): { id: string; props: { data: unknown } }[];
	live: AppHandle['live'] & {
		store: {
			size: number;
			positions: Float32Array;
			range(t0: number, t1: number): [number, number];
		};
	};
}

/**
 * Every console error and uncaught exception of the page, as text (an Error object logged as
 * such, as MapLibre logs its errors, with its message). `all()` waits for the messages' texts.
 */
function collectErrors(page: Page): { all(): Promise<string[]> } {
	const errors: Promise<string>[] = [];
	page.on('console', (m) => {
		if (m.type() !== 'error') return;
		const where = m.location().url;
		errors.push(
			Promise.all(
				m
					.args()
					.map((a) => a.evaluate((v) => (v instanceof Error ? v.message : '')).catch(() => ''))
			).then((messages) => `console: ${m.text()} ${messages.join(' ')} (${where})`)
		);
	});
	page.on('pageerror', (e) => errors.push(Promise.resolve(`pageerror: ${e.message}`)));
	return { all: () => Promise.all(errors) };
}

/** Wait until the page's area labels hold one of these names, then for two drawn frames. */
async function labelsDrawn(page: Page, names: string[]): Promise<void> {
	await page.waitForFunction((names) => {
		const u = (window as unknown as { uitkijk: Hooks }).uitkijk;
		const l = u.layersNow().find((x) => x.id === 'area-labels');
		const data = (l?.props.data ?? []) as { stat: { name: string } }[];
		return data.some((d) => names.includes(d.stat.name));
	}, names);
	await frames(page);
}

/** Two animation frames: the layers handed to deck.gl have been updated and drawn. */
async function frames(page: Page): Promise<void> {
	await page.evaluate(
		() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
	);
}

test.beforeEach(async ({ page }) => {
	// Test hooks (window.uitkijk) only where a test asks for them.
	await page.addInitScript(() => localStorage.setItem('uitkijk.test', '1'));
});

test('replay: load, zoom to 14 over Haren, hover a post: no console error', async ({ page }) => {
	const errors = collectErrors(page);
	await openMap(page, 't=2012-09-21T20:30:00%2B02:00&play=0&window=1h&center=6.605,53.18&zoom=12');
	await expect(page.getByTestId('areas')).toContainText('Centrum Haren');
	await page.waitForFunction(
		() => (window as unknown as { uitkijk: Hooks }).uitkijk.live.store.size > 100
	);
	await page.evaluate(
		(c) => (window as unknown as { uitkijk: Hooks }).uitkijk.map.jumpTo({ center: c, zoom: 14 }),
		HAREN_CENTRE
	);
	await labelsDrawn(page, ['Centrum Haren']);

	// Hover the newest post in the window where it is drawn: its tooltip shows.
	const at = await page.evaluate(() => {
		const u = (window as unknown as { uitkijk: Hooks }).uitkijk;
		const t = u.clock.time;
		const [i0, i1] = u.live.store.range(t - 3_600_000, t);
		const p = u.live.store.positions;
		for (let i = i1 - 1; i >= i0; i--) {
			const ll: [number, number] = [p[2 * i], p[2 * i + 1]];
			const xy = u.map.project(ll);
			if (xy.x > 100 && xy.x < innerWidth - 400 && xy.y > 100 && xy.y < innerHeight - 150)
				return ll;
		}
		return null;
	});
	expect(at).not.toBeNull();
	const xy = await project(page, at!);
	await page.mouse.move(xy.x - 40, xy.y - 40);
	await page.mouse.move(xy.x, xy.y, { steps: 4 });
	await expect(page.getByTestId('tooltip')).toBeVisible();
	await page.mouse.move(20, 300, { steps: 4 }); // and off again
	await expect(page.getByTestId('tooltip')).toHaveCount(0);
	await frames(page);
	expect(await errors.all()).toEqual([]);
});

test('live: open at zoom 14 over Haren, switch roles: no console error', async ({ page }) => {
	const errors = collectErrors(page);
	await openMap(page, `mode=live&role=analist.nn&center=${HAREN_CENTRE.join(',')}&zoom=14`);
	await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
	await labelsDrawn(page, ['Centrum Haren']);
	// Another role, other areas (Amsterdam's), the map staying where it is.
	await page.getByTestId('role').selectOption('analist.am');
	await expect(page.getByTestId('who')).toContainText('eenheid AM');
	await labelsDrawn(page, ['Dam', 'Amsterdam Centraal']);
	await page.getByTestId('role').selectOption('analist.nn');
	await expect(page.getByTestId('who')).toContainText('eenheid NN');
	await labelsDrawn(page, ['Centrum Haren']);
	await page.mouse.move(400, 400, { steps: 5 });
	await frames(page);
	expect(await errors.all()).toEqual([]);
});
