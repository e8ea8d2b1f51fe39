/**
 * Planned events in the interface (issue 13, item 5), live against the embedded stack: a planner
 * registers a plan by importing a GeoJSON file in the "Gepland evenement" form, and the map draws
 * it (the planned layer's data through the test hooks, and its outline's pixels); when the
 * detector reports that the plan silenced signals, the plan says so on the map and in the panel.
 * A commander of unit NN cannot register one on the Dam in Amsterdam (unit AM). Screenshots of
 * the form and the drawn plan at 1920x1080 and 1280x720 go to /tmp/plan/.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openMap, project, serviceClient, settle } from './helpers';

const RUN = Date.now().toString(36);
const SHOTS = process.env.UITKIJK_PLAN_SHOTS ?? '/tmp/plan';
const dir = mkdtempSync(join(tmpdir(), 'uitkijk-plan-e2e-'));
// Around the centre of Haren (Groningen, unit NN), about 500 x 330 m.
const HAREN_RING: [number, number][] = [
	[6.602, 53.1705],
	[6.6095, 53.1705],
	[6.6095, 53.1735],
	[6.602, 53.1735],
	[6.602, 53.1705]
];
const CENTRE: [number, number] = [6.60575, 53.172];

function file(name: string, ring: [number, number][], featureName: string): string {
	const path = join(dir, name);
	writeFileSync(
		path,
		JSON.stringify({
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: { name: featureName },
					geometry: { type: 'Polygon', coordinates: [ring] }
				}
			]
		})
	);
	return path;
}

interface Hooks {
	uitkijk: {
		layersNow(): { id: string; props: { data: unknown } }[];
		plans: { refresh(): Promise<void> };
	};
}

/** The planned layer's outlines and labels as the page builds them now. */
function plannedLayer(page: Page) {
	return page.evaluate(() => {
		const ls = (window as unknown as Hooks).uitkijk.layersNow();
		const outline = ls.find((l) => l.id === 'planned-outline');
		const labels = ls.find((l) => l.id === 'planned-labels');
		return {
			outlines: (outline?.props.data ?? []) as { id: string; path: [number, number][] }[],
			labels: (labels?.props.data ?? []) as { id: string; text: string }[]
		};
	});
}

async function shoot(page: Page, name: string): Promise<void> {
	mkdirSync(SHOTS, { recursive: true });
	for (const [w, h] of [
		[1920, 1080],
		[1280, 720]
	]) {
		await page.setViewportSize({ width: w, height: h });
		await settle(page);
		await page.screenshot({ path: join(SHOTS, `${name}-${w}x${h}.png`) });
	}
}

/** Violet (the plans' colour, 196,181,253) pixels in a box around a point (page CSS px). */
async function violetPixels(page: Page, at: { x: number; y: number }, r: number): Promise<number> {
	const png = await page.screenshot({ animations: 'disabled' });
	return page.evaluate(
		async ({ b64, cx, cy, r }) => {
			const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
			const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
			const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
			ctx.drawImage(bmp, 0, 0);
			const s = bmp.width / window.innerWidth;
			const x0 = Math.max(0, Math.floor((cx - r) * s));
			const y0 = Math.max(0, Math.floor((cy - r) * s));
			const w = Math.min(bmp.width - x0, Math.ceil(2 * r * s));
			const h = Math.min(bmp.height - y0, Math.ceil(2 * r * s));
			const { data } = ctx.getImageData(x0, y0, w, h);
			let n = 0;
			for (let i = 0; i < data.length; i += 4)
				if (
					data[i] > 150 &&
					data[i + 2] > 200 &&
					data[i + 1] > 140 &&
					data[i + 1] < data[i + 2] - 30
				)
					n++;
			return n;
		},
		{ b64: png.toString('base64'), cx: at.x, cy: at.y, r }
	);
}

test.describe('planned events', () => {
	test('a planner imports a GeoJSON plan; the map draws it and says when it silences the detector', async ({
		page,
		baseURL
	}) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await openMap(page, `mode=live&role=planner&center=${CENTRE.join(',')}&zoom=15`);
		await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
		const name = `Bevrijdingsfestival ${RUN}`;
		const before = await violetPixels(page, await project(page, CENTRE), 200);

		await page.getByTestId('plan-open').click();
		const form = page.getByTestId('plan-form');
		await form.locator('input[name="from"]').fill('2024-05-05T14:00');
		await form.locator('input[name="to"]').fill('2024-05-05T18:00');
		await form.locator('input[name="crowd"]').fill('47000');
		await form.locator('input[name="file"]').setInputFiles(file('haren.geojson', HAREN_RING, name));
		// The file's feature name fills the name; the area is read.
		await expect(page.getByTestId('plan-area')).toContainText(
			'haren.geojson: 1 vlak(ken), 5 hoekpunten'
		);
		await expect(form.locator('input[name="name"]')).toHaveValue(name);
		await shoot(page, 'plan-form');
		await form.getByRole('button', { name: 'Registreren' }).click();
		await expect(form).toHaveCount(0);

		// In the panel and on the map, through the layer's data.
		const db = serviceClient(baseURL!);
		const { data: rows } = await db.rpc('planned_events');
		const plan = (rows as { id: string; name: string }[]).find((p) => p.name === name)!;
		expect(plan).toBeTruthy();
		await expect(page.getByTestId(`plan-${plan.id}`)).toContainText(
			'gepland · 47.000 · 14:00–18:00'
		);
		await page.waitForFunction(
			(id) =>
				(window as unknown as Hooks).uitkijk
					.layersNow()
					.some(
						(l) =>
							l.id === 'planned-outline' &&
							(l.props.data as { id: string }[]).some((o) => o.id === id)
					),
			plan.id
		);
		const drawn = await plannedLayer(page);
		expect(drawn.outlines.find((o) => o.id === plan.id)!.path).toEqual(HAREN_RING);
		expect(drawn.labels.find((l) => l.id === plan.id)!.text).toBe(
			`${name}\ngepland · 47.000 · 14:00–18:00`
		);
		// And in pixels: the dashed violet outline around Haren's centre.
		await settle(page);
		await expect
			.poll(async () => (await violetPixels(page, await project(page, CENTRE), 200)) - before)
			.toBeGreaterThan(100);

		// The detector reports that the plan explained 12 signals: the plan says so.
		const rep = await db.rpc('report_plan_status', {
			rows: [
				{
					id: plan.id,
					observed_authors: 90,
					observed_crowd: 900,
					suppressed: 12,
					suppressed_since: '2024-05-05T12:20:00Z'
				}
			]
		});
		expect(rep.error).toBeNull();
		await page.evaluate(() => (window as unknown as Hooks).uitkijk.plans.refresh());
		await expect(page.getByTestId(`plan-${plan.id}`)).toContainText(
			'stil door plan: 12 signalen verklaard sinds 14:20'
		);
		await expect(page.getByTestId(`plan-${plan.id}`)).toContainText(
			'waargenomen ~900 van 47.000 verwacht'
		);
		await page.waitForFunction(
			(id) =>
				(window as unknown as Hooks).uitkijk
					.layersNow()
					.some(
						(l) =>
							l.id === 'planned-labels' &&
							(l.props.data as { id: string; text: string }[]).some(
								(x) => x.id === id && x.text.includes('stil door plan: 12 signalen verklaard')
							)
					),
			plan.id
		);
		await shoot(page, 'plan-drawn');

		// Withdrawn (with a reason), it leaves the map.
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.getByTestId(`plan-${plan.id}`).getByRole('button', { name: 'Intrekken' }).click();
		await page.getByTestId(`plan-${plan.id}`).getByPlaceholder('Reden van intrekken').fill('e2e');
		await page.getByTestId(`plan-${plan.id}`).getByRole('button', { name: 'Intrekken' }).click();
		await expect(page.getByTestId(`plan-${plan.id}`)).toHaveCount(0);
		expect((await plannedLayer(page)).outlines.some((o) => o.id === plan.id)).toBe(false);
		expect(errors).toEqual([]);
	});

	test('a commander of unit NN cannot register a plan on the Dam in Amsterdam', async ({
		page
	}) => {
		await openMap(page, 'mode=live&role=commandant.nn&center=4.8925,52.373&zoom=15');
		await expect(page.getByTestId('status')).toHaveText(/LIVE/, { timeout: 30_000 });
		await page.getByTestId('plan-open').click();
		const form = page.getByTestId('plan-form');
		await form.locator('input[name="from"]').fill('2024-04-27T09:00');
		await form.locator('input[name="to"]').fill('2024-04-27T20:00');
		await form.locator('input[name="crowd"]').fill('15000');
		const dam: [number, number][] = [
			[4.891, 52.3725],
			[4.894, 52.3725],
			[4.894, 52.3738],
			[4.891, 52.3738],
			[4.891, 52.3725]
		];
		await form.locator('input[name="file"]').setInputFiles(file('dam.geojson', dam, `Dam ${RUN}`));
		await expect(page.getByTestId('plan-area')).toBeVisible();
		await form.getByRole('button', { name: 'Registreren' }).click();
		await expect(page.getByTestId('plan-error')).toContainText(
			'Niet geregistreerd: the area does not lie within the territory of unit NN'
		);
		// A broken file says what is wrong before anything is sent.
		writeFileSync(join(dir, 'bad.kml'), '<!DOCTYPE kml [<!ENTITY x "y">]><kml/>');
		await form.locator('input[name="file"]').setInputFiles(join(dir, 'bad.kml'));
		await expect(page.getByTestId('plan-area-error')).toHaveText(
			'line 1: DOCTYPE refused (no DTDs or entities in a KML file)'
		);
	});
});
