/**
 * Heat as a density raster computed on the CPU for the current view: the posts of the window
 * are binned into a grid aligned with the Web Mercator viewport, smoothed with a Gaussian
 * (three box blurs), converted to posts per km² and coloured on a fixed logarithmic scale.
 * The result is an RGBA image that a bitmap layer draws over the view's bounds.
 *
 * Why not the GPU heatmap: deck.gl's HeatmapLayer drew nothing in interleaved mode with a fixed
 * colorDomain on the software WebGL these machines have (see the closing note of the live-map
 * issue). A raster also gives the scale real units: the legend reads posts per km².
 * Cost: O(posts in window) to bin + O(pixels) to blur and colour, a few ms for 100,000 posts
 * at 400 x 225, done at a throttled cadence, never per message.
 * Pure module.
 */

export interface RasterView {
	west: number;
	south: number;
	east: number;
	north: number;
	/** Raster size in cells. */
	width: number;
	height: number;
	/** Smoothing in cells for this view, overriding RasterOptions.sigma. */
	sigma?: number;
}

export interface RasterOptions {
	/** Multiplies every weight (the decay's global intensity). */
	intensity: number;
	/** Gaussian sigma in raster cells. */
	sigma: number;
	/** Densities in weighted posts per km² mapped to the first and last colour (log scale). */
	domain: [number, number];
	/** RGBA colour stops, low to high. */
	colors: readonly (readonly [number, number, number, number])[];
}

export interface RasterResult {
	width: number;
	height: number;
	data: Uint8ClampedArray;
	bounds: [number, number, number, number];
	/** Highest density in the view, posts per km². */
	max: number;
}

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/** Ground metres per CSS pixel of a Web Mercator map (512-px tiles, as MapLibre) at a latitude. */
export function metresPerPixel(lat: number, zoom: number): number {
	return (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** Web Mercator y in [0, 1] (0 at the north edge), for a latitude in degrees. */
export function mercatorY(lat: number): number {
	const s = Math.sin((lat * Math.PI) / 180);
	return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

function boxBlurH(src: Float32Array, dst: Float32Array, w: number, h: number, r: number): void {
	const inv = 1 / (2 * r + 1);
	for (let y = 0; y < h; y++) {
		const row = y * w;
		let acc = 0;
		for (let x = -r; x <= r; x++) acc += x >= 0 && x < w ? src[row + x] : 0;
		for (let x = 0; x < w; x++) {
			dst[row + x] = acc * inv;
			const add = x + r + 1;
			const sub = x - r;
			if (add < w) acc += src[row + add];
			if (sub >= 0) acc -= src[row + sub];
		}
	}
}

function boxBlurV(src: Float32Array, dst: Float32Array, w: number, h: number, r: number): void {
	const inv = 1 / (2 * r + 1);
	for (let x = 0; x < w; x++) {
		let acc = 0;
		for (let y = -r; y <= r; y++) acc += y >= 0 && y < h ? src[y * w + x] : 0;
		for (let y = 0; y < h; y++) {
			dst[y * w + x] = acc * inv;
			const add = y + r + 1;
			const sub = y - r;
			if (add < h) acc += src[add * w + x];
			if (sub >= 0) acc -= src[sub * w + x];
		}
	}
}

/** Box radii whose three passes approximate a Gaussian of the given sigma (Kovesi). */
export function boxRadii(sigma: number): [number, number, number] {
	const n = 3;
	const wIdeal = Math.sqrt((12 * sigma * sigma) / n + 1);
	let wl = Math.floor(wIdeal);
	if (wl % 2 === 0) wl--;
	const wu = wl + 2;
	const m = Math.round((12 * sigma * sigma - n * wl * wl - 4 * n * wl - 3 * n) / (-4 * wl - 4));
	const sizes = [0, 1, 2].map((i) => (i < m ? wl : wu));
	return sizes.map((s) => Math.max(0, (s - 1) / 2)) as [number, number, number];
}

export class HeatRaster {
	private grid = new Float32Array(0);
	private tmp = new Float32Array(0);
	private rgba = new Uint8ClampedArray(0);
	private lut = new Uint8ClampedArray(0);
	private lutKey = '';

	/**
	 * Bin rows [i0, i1) of `positions` (lon, lat pairs; `mercY` their Web Mercator y) with
	 * `weights` into the view's raster, smooth, and colour. Positions outside the view are skipped.
	 */
	render(
		view: RasterView,
		positions: Float32Array,
		mercY: Float32Array,
		weights: Float32Array,
		i0: number,
		i1: number,
		opts: RasterOptions
	): RasterResult {
		const { width: w, height: h } = view;
		const n = w * h;
		if (this.grid.length !== n) {
			this.grid = new Float32Array(n);
			this.tmp = new Float32Array(n);
			this.rgba = new Uint8ClampedArray(n * 4);
		} else this.grid.fill(0);
		const grid = this.grid;
		const x0 = (view.west + 180) / 360;
		const x1 = (view.east + 180) / 360;
		const y0 = mercatorY(view.north);
		const y1 = mercatorY(view.south);
		const sx = w / (x1 - x0);
		const sy = h / (y1 - y0);
		for (let i = i0; i < i1; i++) {
			const cx = Math.floor(((positions[2 * i] + 180) / 360 - x0) * sx);
			if (cx < 0 || cx >= w) continue;
			const cy = Math.floor((mercY[i] - y0) * sy);
			if (cy < 0 || cy >= h) continue;
			grid[cy * w + cx] += weights[i];
		}
		for (const r of boxRadii(view.sigma ?? opts.sigma)) {
			if (r < 1) continue;
			boxBlurH(grid, this.tmp, w, h, r);
			boxBlurV(this.tmp, grid, w, h, r);
		}
		// Cell area in km² at the view's centre latitude (Mercator cells shrink with cos(lat)).
		const latC = (view.north + view.south) / 2;
		const cellM = (EARTH_CIRCUMFERENCE_M * Math.cos((latC * Math.PI) / 180)) / sx;
		const cellKm2 = (cellM / 1000) * ((cellM / 1000) * (sx / sy));
		const toDensity = opts.intensity / cellKm2;
		const lut = this.colorLut(opts.colors);
		const [lo, hi] = opts.domain;
		const logLo = Math.log(lo);
		const scale = 255 / (Math.log(hi) - logLo);
		const rgba = this.rgba;
		let max = 0;
		for (let p = 0; p < n; p++) {
			const d = grid[p] * toDensity;
			if (d > max) max = d;
			const o = 4 * p;
			if (d < lo) {
				rgba[o + 3] = 0;
				continue;
			}
			const k = 4 * Math.min(255, Math.floor((Math.log(d) - logLo) * scale));
			rgba[o] = lut[k];
			rgba[o + 1] = lut[k + 1];
			rgba[o + 2] = lut[k + 2];
			rgba[o + 3] = lut[k + 3];
		}
		return {
			width: w,
			height: h,
			data: rgba,
			bounds: [view.west, view.south, view.east, view.north],
			max
		};
	}

	/** 256 interpolated RGBA entries over the colour stops. */
	private colorLut(colors: RasterOptions['colors']): Uint8ClampedArray {
		const key = colors.map((c) => c.join(',')).join(';');
		if (key === this.lutKey) return this.lut;
		const lut = new Uint8ClampedArray(256 * 4);
		for (let i = 0; i < 256; i++) {
			const f = (i / 255) * (colors.length - 1);
			const a = Math.floor(f);
			const b = Math.min(colors.length - 1, a + 1);
			const t = f - a;
			for (let c = 0; c < 4; c++) lut[4 * i + c] = colors[a][c] + (colors[b][c] - colors[a][c]) * t;
		}
		this.lut = lut;
		this.lutKey = key;
		return lut;
	}
}
