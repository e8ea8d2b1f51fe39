/** Locator and pixel helpers for the end-to-end tests (one place, as svelte-maplibre does). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { ingestRows } from '../../src/lib/ingest/rows';
import type { LocatedPost } from '../../src/lib/posts/post';

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

/** Open the map; the scenario replay unless the query chooses a mode. */
export async function openMap(page: Page, query: string): Promise<void> {
	await page.goto(`/?${/(^|&)mode=/.test(query) ? query : `mode=replay&${query}`}`);
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

export type PixelClass = 'heat' | 'corridor' | 'alert' | 'white';

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
			const out = { heat: 0, corridor: 0, alert: 0, white: 0 };
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
					// Critical alert ring: pure red (255, 50, 50).
					if (red > 220 && green < 80 && blue < 80) out.alert++;
					// The fill of a call for help: white.
					if (red > 240 && green > 240 && blue > 240) out.white++;
				}
			}
			return out;
		},
		{ b64: png.toString('base64'), cx: centre.x, cy: centre.y, r: radius }
	);
}

export async function setLayers(page: Page, on: string[]): Promise<void> {
	for (const name of [
		'Hittekaart',
		'Zeshoeken',
		'Stromen',
		'Berichten',
		'Gebieden',
		'Hulpvragen'
	]) {
		const box = page.getByRole('checkbox', { name });
		if (on.includes(name)) await box.check();
		else await box.uncheck();
	}
}

interface Progress {
	layerBuilds: number;
	derivations: number;
	pending: number;
	mapLoaded: boolean;
}

/**
 * Let the map draw what it holds: waits (for conditions, not for time) until no posts are
 * pending, the aggregated views were derived again and the layers rebuilt twice since the call,
 * and the basemap has loaded its tiles; then two animation frames.
 */
export async function settle(page: Page): Promise<void> {
	const progress = () =>
		page.evaluate(() =>
			(window as unknown as { uitkijk: { progress(): Progress } }).uitkijk.progress()
		);
	const start = await progress();
	await page.waitForFunction(
		(start) => {
			const p = (window as unknown as { uitkijk: { progress(): Progress } }).uitkijk.progress();
			return (
				p.pending === 0 &&
				p.mapLoaded &&
				p.derivations > start.derivations &&
				p.layerBuilds >= start.layerBuilds + 2
			);
		},
		start,
		{ timeout: 60_000 }
	);
	await page.evaluate(
		() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
	);
}

// ------------------------------------------------------------------------------------------
// Live mode against the embedded stack (playwright.config.ts: fresh UITKIJK_DATA, feeder off,
// test hooks on).

export const AMSTERDAM_DAM: [number, number] = [4.8932, 52.3731];

export interface LiveCounters {
	status: string;
	held: number;
	pending: number;
	delivered: number;
	duplicates?: number;
	messages?: number;
	backfills?: number;
	backfillRows?: number;
	topics: string[];
}

export async function liveCounters(page: Page): Promise<LiveCounters> {
	return page.evaluate(() =>
		(window as unknown as { uitkijk: { liveCounters(): LiveCounters } }).uitkijk.liveCounters()
	);
}

/** Ids of the posts the map holds. */
export async function heldIds(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		(window as unknown as { uitkijk: { heldIds(): string[] } }).uitkijk.heldIds()
	);
}

/** A Node client with the stack's service key (keys.json in the e2e data directory). */
export function serviceClient(baseURL: string): SupabaseClient {
	const dir = process.env.UITKIJK_E2E_DATA;
	if (!dir) throw new Error('UITKIJK_E2E_DATA is not set (see playwright.config.ts)');
	const keys = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as { service_key: string };
	return createClient(baseURL, keys.service_key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
}

/** A geotagged post at lon/lat, created at `created` (epoch ms). */
export function gpsPost(id: string, lon: number, lat: number, created: number): LocatedPost {
	return {
		id,
		source: 'x',
		author: `@e2e_${id.length % 7}`,
		created_at: new Date(created).toISOString(),
		text: `e2e ${id} <b>niet vet</b>`,
		lon,
		lat,
		t: created,
		method: 'gps',
		pos: [lon, lat],
		precision_m: 10
	};
}

/** Points scattered within about `radiusM` metres of a centre (deterministic). */
export function scatter(
	prefix: string,
	n: number,
	[lon, lat]: [number, number],
	radiusM: number,
	created: number
): LocatedPost[] {
	return Array.from({ length: n }, (_, i) => {
		const a = i * 2.399963; // golden angle
		const r = radiusM * Math.sqrt((i + 0.5) / n);
		const dLat = (r * Math.cos(a)) / 111_320;
		const dLon = (r * Math.sin(a)) / (111_320 * Math.cos((lat * Math.PI) / 180));
		return gpsPost(`${prefix}-${i}`, lon + dLon, lat + dLat, created - (i % 5) * 1000);
	});
}

/** Insert posts through the one insert path, ingest_posts (service role). */
export async function ingest(client: SupabaseClient, posts: LocatedPost[]): Promise<number> {
	const rows = ingestRows(posts, (source, handle) =>
		createHash('sha256').update(`e2e\0${source}\0${handle}`).digest('hex').slice(0, 32)
	);
	const { data, error } = await client.rpc('ingest_posts', { rows });
	if (error) throw new Error(`ingest_posts: ${error.message}`);
	const r = (Array.isArray(data) ? data[0] : data) as { inserted: number };
	return r.inserted;
}
