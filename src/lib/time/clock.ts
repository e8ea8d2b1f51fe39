/**
 * The scenario clock: scenario time (epoch ms) that plays at 1x–600x wall speed, pauses,
 * seeks and stops at the end of the data. Pure and testable: wall time comes from an
 * injectable now().
 *
 * The clock keeps an anchor (scenario time, wall time) and, while playing, derives
 * time = anchorTime + (now() − anchorWall) × speed. Every state change (pause, speed, seek)
 * re-anchors at the current time first, so scenario time is continuous across them.
 */

export const SPEEDS = [1, 10, 60, 300, 600] as const;
export const MIN_SPEED = 1;
export const MAX_SPEED = 600;

export const WINDOWS = [
	{ id: '15m', ms: 900_000, label: '15 min' },
	{ id: '1h', ms: 3_600_000, label: '1 h' },
	{ id: '6h', ms: 21_600_000, label: '6 h' },
	{ id: '24h', ms: 86_400_000, label: '24 h' }
] as const;
export type WindowId = (typeof WINDOWS)[number]['id'];

export interface ScenarioClockOptions {
	/** Scenario time to start at (clamped to [min, max]). */
	start: number;
	/** Earliest scenario time, default -Infinity. */
	min?: number;
	/** Latest scenario time, default +Infinity; playing stops there. */
	max?: number;
	/** Scenario ms per wall ms, default 60, clamped to [1, 600]. */
	speed?: number;
	/** Monotonic wall clock in ms, default performance.now() (Date.now() where absent). */
	now?: () => number;
}

function defaultNow(): number {
	const perf = (globalThis as { performance?: { now(): number } }).performance;
	return perf ? perf.now() : Date.now();
}

function clampSpeed(s: number): number {
	return Math.min(MAX_SPEED, Math.max(MIN_SPEED, s));
}

export class ScenarioClock {
	private readonly now: () => number;
	private lo: number;
	private hi: number;
	private anchorTime: number;
	private anchorWall: number;
	private isPlaying = false;
	private rate: number;

	constructor(opts: ScenarioClockOptions) {
		this.now = opts.now ?? defaultNow;
		this.lo = opts.min ?? -Infinity;
		this.hi = opts.max ?? Infinity;
		if (!(this.lo <= this.hi)) throw new RangeError('ScenarioClock: min must be <= max');
		if (!Number.isFinite(opts.start)) throw new RangeError('ScenarioClock: start must be finite');
		const s = opts.speed ?? 60;
		this.rate = Number.isFinite(s) ? clampSpeed(s) : 60;
		this.anchorTime = this.clamp(opts.start);
		this.anchorWall = this.now();
	}

	/** Current scenario time, epoch ms. Reading it stops the clock when it has reached max. */
	get time(): number {
		this.sync(this.now());
		return this.anchorTime;
	}

	get playing(): boolean {
		this.sync(this.now());
		return this.isPlaying;
	}

	get speed(): number {
		return this.rate;
	}

	get min(): number {
		return this.lo;
	}

	get max(): number {
		return this.hi;
	}

	/** Start playing from the current time; does nothing at max (seek back first). */
	play(): void {
		const w = this.now();
		this.sync(w);
		if (this.isPlaying || this.anchorTime >= this.hi) return;
		this.isPlaying = true;
	}

	pause(): void {
		this.sync(this.now());
		this.isPlaying = false;
	}

	/** Change speed (clamped to [1, 600]; NaN ignored) without a jump in time. */
	setSpeed(s: number): void {
		if (Number.isNaN(s)) return;
		this.sync(this.now());
		this.rate = clampSpeed(s);
	}

	/** Jump to t, clamped to [min, max]; keeps playing if it was (unless at max). */
	seek(t: number): void {
		if (Number.isNaN(t)) return;
		this.sync(this.now());
		this.anchorTime = this.clamp(t);
		if (this.anchorTime >= this.hi) this.isPlaying = false;
	}

	/** Change the bounds (e.g. when live data extends max); the time is clamped into them. */
	setRange(min: number, max: number): void {
		if (!(min <= max)) throw new RangeError('ScenarioClock: min must be <= max');
		this.sync(this.now());
		this.lo = min;
		this.hi = max;
		this.anchorTime = this.clamp(this.anchorTime);
		if (this.anchorTime >= this.hi) this.isPlaying = false;
	}

	private clamp(t: number): number {
		return Math.min(this.hi, Math.max(this.lo, t));
	}

	/** Move the anchor to wall time w (the current time), stopping at max. */
	private sync(w: number): void {
		if (this.isPlaying) {
			const t = this.anchorTime + (w - this.anchorWall) * this.rate;
			if (t >= this.hi) {
				this.anchorTime = this.hi;
				this.isPlaying = false;
			} else {
				this.anchorTime = Math.max(this.lo, t);
			}
		}
		this.anchorWall = w;
	}
}
