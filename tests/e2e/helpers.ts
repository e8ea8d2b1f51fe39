/** Locator and pixel helpers for the end-to-end tests (one place, as svelte-maplibre does). */
import { expect, type Page } from '@playwright/test';

export const HAREN_CENTRE: [number, number] = [6.6093, 53.1721];

export interface AppHandle {
	map: {
		project(ll: [number, number]): { x: number; y: number };
		loaded(): boolean;
		isStyleLoaded(): boolean;
	};
	live: { store: { size: number } };
	clock: { time: number; playing: boolean; pause(): void; seek(t: number): void };
}

export async function openMap(page: Page, query: string): Promise<void> {
	await page.goto(`/?${query}`);
	await expect(page.getByTestId('map')).toBeVisible();
	await page.waitForFunction(() => {
		const u = (window as unknown as { uitkijk?: AppHandle }).uitkijk;
		return !!u?.map && u.map.isStyleLoaded();
	});
}

/** Screen position (CSS px, relative to the page) of a lon/lat. */
export async function project(page: Page, ll: [number, number]): Promise<{ x: number; y: number }> {
	const box = (await page.getByTestId('map').boundingBox())!;
	const p = await page.evaluate(
		(ll) => (window as unknown as { uitkijk: AppHandle }).uitkijk.map.project(ll),
		ll
	);
	return { x: box.x + p.x, y: box.y + p.y };
}

export type PixelClass = 'heat' | 'corridor';

/**
 * Count pixels of a screenshot by colour class inside a circle (page CSS px). The PNG is decoded
 * in the page with createImageBitmap, so no image library is needed.
 */
export async function countPixels(
	page: Page,
	centre: { x: number; y: number },
	radius: number
): Promise<Record<PixelClass, number>> {
	const png = await page.screenshot({ animations: 'disabled' });
	return page.evaluate(
		async ({ b64, cx, cy, r }) => {
			const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
			const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
			const canvas = new OffscreenCanvas(bmp.width, bmp.height);
			const ctx = canvas.getContext('2d')!;
			ctx.drawImage(bmp, 0, 0);
			const scale = bmp.width / window.innerWidth;
			const { data, width, height } = ctx.getImageData(0, 0, bmp.width, bmp.height);
			const out = { heat: 0, corridor: 0 };
			const R = r * scale;
			for (
				let y = Math.max(0, Math.floor(cy * scale - R));
				y < Math.min(height, cy * scale + R);
				y++
			) {
				for (
					let x = Math.max(0, Math.floor(cx * scale - R));
					x < Math.min(width, cx * scale + R);
					x++
				) {
					if ((x - cx * scale) ** 2 + (y - cy * scale) ** 2 > R * R) continue;
					const i = 4 * (y * width + x);
					const [red, green, blue] = [data[i], data[i + 1], data[i + 2]];
					// Heat ramp: magenta-red to orange-yellow; the basemap is dark blue-grey.
					if (red > 120 && red > blue + 40 && red >= green) out.heat++;
					// Corridors: cyan (34, 211, 238).
					if (green > 150 && blue > 170 && red < 110) out.corridor++;
				}
			}
			return out;
		},
		{ b64: png.toString('base64'), cx: centre.x, cy: centre.y, r: radius }
	);
}

export async function setLayers(page: Page, on: string[]): Promise<void> {
	for (const name of ['Hittekaart', 'Zeshoeken', 'Stromen', 'Berichten', 'Gebieden']) {
		const box = page.getByRole('checkbox', { name });
		if (on.includes(name)) await box.check();
		else await box.uncheck();
	}
}

/** Let the map draw: two animation frames after the layers were rebuilt, plus a margin. */
export async function settle(page: Page, ms = 1500): Promise<void> {
	await page.waitForTimeout(ms);
	await page.evaluate(
		() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
	);
}
