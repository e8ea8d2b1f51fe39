#!/usr/bin/env node
/**
 * Benchmark: main-thread time to apply a batch of 1,000 new posts to the map's layers while
 * 100,000 are shown, and the frame time with 100,000 posts in view, measured in Debian's
 * Chromium (software WebGL here) against the built app. Prints figures; asserts nothing.
 *
 *   npm run build && npm run bench:layers [-- --posts 100000 --batch 1000 --batches 60]
 *
 * "Apply" = what the page does on the main thread for a batch: append to the typed-array store
 * and the incremental analyses (H3 counts, corridors, area rates), rebuild the layer list, and
 * deck.gl's synchronous layer update inside overlay.setProps (attribute uploads included).
 * Drawing is measured separately as frame time.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const arg = (name, dflt) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const TOTAL = arg('posts', 100_000);
const BATCH = arg('batch', 1_000);
const BATCHES = arg('batches', 60);
const PORT = arg('port', 4399);

const server = spawn(process.execPath, ['build/index.js'], {
	env: {
		...process.env,
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${PORT}`
	},
	stdio: ['ignore', 'ignore', 'inherit']
});
try {
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${PORT}/api/scenarios`)).ok) break;
		} catch {
			if (i > 100) throw new Error('server did not start (did you run `npm run build`?)');
		}
		await sleep(200);
	}
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
	// The page installs its test hooks (window.uitkijk, used below) only when asked to.
	await page.addInitScript(() => localStorage.setItem('uitkijk.test', '1'));
	const t0 = Date.now();
	page.on('console', (m) => {
		if (m.text().startsWith('bench:'))
			console.error(`${((Date.now() - t0) / 1000).toFixed(1)} s ${m.text()}`);
	});
	page.on('crash', () => console.error('bench: the page crashed'));
	// Groningen–Haren at zoom 11.5: heat, hexagons and corridors all drawn; points need zoom 13.
	await page.goto(
		`http://127.0.0.1:${PORT}/?t=2012-09-21T21:00:00%2B02:00&play=0&window=1h&center=6.59,53.19&zoom=11.5`
	);
	await page.waitForFunction(() => window.uitkijk?.map?.isStyleLoaded() && window.uitkijk?.overlay);
	await sleep(3000); // let the feed's first backfill land, then replace it with synthetic posts
	const renderer = await page.evaluate(() => {
		const gl = document.createElement('canvas').getContext('webgl2');
		const ext = gl?.getExtension('WEBGL_debug_renderer_info');
		return ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : 'unknown';
	});
	const result = await page.evaluate(
		async ({ TOTAL, BATCH, BATCHES }) => {
			const u = window.uitkijk;
			const now = u.clock.time;
			let seed = 42;
			const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
			const centres = [
				[6.5665, 53.2192],
				[6.6093, 53.1721],
				[6.5537, 53.2105],
				[6.62, 53.2]
			];
			let n = 0;
			const make = (count, t0, t1) => {
				const out = [];
				for (let i = 0; i < count; i++) {
					const c = centres[Math.floor(rnd() * centres.length)];
					const t = t0 + ((t1 - t0) * i) / count;
					const pos = [c[0] + (rnd() - 0.5) * 0.06, c[1] + (rnd() - 0.5) * 0.04];
					// 5% of posts come from 500 movers, the rest from one-off authors: the mix of
					// the scenarios, so that corridors are as many as a real evening gives.
					const mover = rnd() < 0.05;
					out.push({
						id: `b${n++}`,
						source: 'x',
						author: mover ? `m${Math.floor(rnd() * 500)}` : `a${n}`,
						created_at: new Date(t).toISOString(),
						text: 'bench',
						lon: pos[0],
						lat: pos[1],
						t,
						method: 'gps',
						pos,
						precision_m: 25
					});
				}
				return out;
			};
			u.setFeed(false);
			u.live.reset();
			// 100k posts over the last 50 minutes of the 1 h window.
			const t0 = now - 50 * 60_000;
			const tMid = now - 5 * 60_000;
			for (let i = 0; i < TOTAL / 10_000; i++) {
				u.live.add(
					make(
						10_000,
						t0 + ((tMid - t0) * i) / (TOTAL / 10_000),
						t0 + ((tMid - t0) * (i + 1)) / (TOTAL / 10_000)
					)
				);
			}
			await u.derive();
			u.overlay.setProps({ layers: u.layersNow() });
			await new Promise((r) => setTimeout(r, 2000));
			const shownBefore = u.live.store.size;
			console.log(`bench: ${shownBefore} posts shown`);

			// Apply batches of new posts (the 5 minutes before the clock), timing each on the main thread.
			const batches = [];
			for (let b = 0; b < BATCHES; b++) {
				const bt0 = tMid + ((now - tMid) * b) / BATCHES;
				batches.push(make(BATCH, bt0, bt0 + (now - tMid) / BATCHES));
			}
			const apply = { add: [], layers: [], total: [] };
			for (const batch of batches) {
				const a = performance.now();
				u.live.add(batch);
				const b = performance.now();
				u.overlay.setProps({ layers: u.layersNow() });
				const c = performance.now();
				apply.add.push(b - a);
				apply.layers.push(c - b);
				apply.total.push(c - a);
				// one frame between batches, as in the live page
				await new Promise((r) => requestAnimationFrame(() => r()));
			}
			console.log('bench: batches applied');
			// Where the main thread's apply time goes: the store, and packing the batch for the
			// analysis worker (typed arrays, transferred); the worker's own time comes back below.
			const L = u.live;
			const parts = { store: [], pack: [] };
			for (let b = 0; b < 20; b++) {
				const batch = make(BATCH, now + b * 3000, now + (b + 1) * 3000);
				let a = performance.now();
				const fresh = L.store.add(batch, (t) => L.decay.weight(t));
				parts.store.push(performance.now() - a);
				a = performance.now();
				L.analyses.add(fresh);
				parts.pack.push(performance.now() - a);
			}
			console.log('bench: parts measured');
			// Derived views, recomputed every 500 ms in the page: the round trip to the worker
			// (hexagons, flows, area rates) and the heat raster, which runs on the main thread.
			const t1 = u.clock.time;
			const view = u.rasterView();
			const derive = { worker: [], heat: [] };
			let workerAdd = [];
			for (let i = 0; i < 10; i++) {
				let a = performance.now();
				const v = await L.analyses.views(t1, 3_600_000, 11.5);
				derive.worker.push(performance.now() - a);
				workerAdd = workerAdd.concat(v.addMs);
				a = performance.now();
				L.heat(t1, 3_600_000, view);
				derive.heat.push(performance.now() - a);
			}
			parts.worker = workerAdd;
			console.log('bench: derived measured');
			// Frame time with everything in view: forced synchronous redraws, then rAF intervals.
			const redraw = [];
			for (let i = 0; i < 30; i++) {
				const a = performance.now();
				u.map.redraw();
				redraw.push(performance.now() - a);
			}
			const intervals = [];
			await new Promise((resolve) => {
				let last = performance.now();
				const step = () => {
					const t = performance.now();
					intervals.push(t - last);
					last = t;
					u.map.triggerRepaint();
					if (intervals.length < 120) requestAnimationFrame(step);
					else resolve();
				};
				requestAnimationFrame(step);
			});
			return {
				shownBefore,
				shownAfter: u.live.store.size,
				apply,
				parts,
				derive,
				view,
				redraw,
				intervals: intervals.slice(1)
			};
		},
		{ TOTAL, BATCH, BATCHES }
	);
	const stats = (xs) => {
		const s = [...xs].sort((a, b) => a - b);
		const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
		return `mean ${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2)} ms, p50 ${q(0.5).toFixed(2)}, p95 ${q(0.95).toFixed(2)}, max ${s[s.length - 1].toFixed(2)} (n=${s.length})`;
	};
	console.log(`renderer: ${renderer}`);
	console.log(`posts shown: ${result.shownBefore} before the batches, ${result.shownAfter} after`);
	console.log(`apply batch of ${BATCH}, total:      ${stats(result.apply.total)}`);
	console.log(`  store + pack for worker:       ${stats(result.apply.add)}`);
	console.log(`  layers + deck update:          ${stats(result.apply.layers)}`);
	console.log(`  main thread, store add:         ${stats(result.parts.store)}`);
	console.log(`  main thread, pack for worker:   ${stats(result.parts.pack)}`);
	console.log(`  analysis worker, add (off main): ${stats(result.parts.worker)}`);
	console.log(
		`derived views (every 500 ms, 1 h window, heat raster ${result.view.width}x${result.view.height}):`
	);
	console.log(`  worker round trip (hexagons, flows, areas): ${stats(result.derive.worker)}`);
	console.log(`  heat raster (main thread):                  ${stats(result.derive.heat)}`);
	console.log(`frame, forced map.redraw():  ${stats(result.redraw)}`);
	console.log(`frame, rAF interval:         ${stats(result.intervals)}`);
	await browser.close();
} finally {
	server.kill();
}
