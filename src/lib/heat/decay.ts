/**
 * Time-decayed heat weights without rewriting every point every frame.
 *
 * The wanted weight of a post at scenario time `now` is 2^(−(now − t) / halfLife). Computing
 * that per point per frame means re-uploading the whole weight buffer (100,000 points) every
 * frame. Instead each post gets a fixed weight w(t) = 2^((t − base) / halfLife), written once,
 * and the layer multiplies all weights by one uniform, intensity(now) = 2^(−(now − base) /
 * halfLife); the product is exactly 2^(−(now − t) / halfLife).
 *
 * Why a base, and why rebase:
 *  - GPU attributes and uniforms are float32. Epoch ms (~1.7e12) in float32 have a step of
 *    2^17 ms ≈ 2 min, so neither raw times nor "now − t" can be computed on the GPU; the
 *    subtraction t − base is done here in float64 and only the small exponent result is sent.
 *  - 2^x overflows float32 beyond x ≈ 128 and loses the small weights when summed with huge
 *    ones (the heatmap accumulates weights, possibly in half-float textures: max 65504,
 *    11-bit mantissa). Keeping (now − base) within [−1, 8] half-lives bounds every visible
 *    post's weight to about [2^−(windowHalfLives+1), 2^8] and the intensity to [2^−8, 2]:
 *    comfortably inside float32 and half-float range. When now drifts out of that band (or the
 *    half-life changes with the window), rebase(now) and rewrite the weights once: at 600x and
 *    a 15-minute window that is once every 8 × 225 s of scenario = every 3 s of wall time; at
 *    1x once every 30 minutes.
 *
 * weight() and intensity() use the half-life adopted at the last rebase, so the two always
 * match even right after halfLifeMs is changed; the new half-life applies from rebase() on.
 */

export class DecayBase {
	/** Half-life in ms; changing it makes needsRebase() true until rebase(). */
	halfLifeMs: number;
	private b: number;
	private baseHalfLife: number;

	/** base defaults to NaN: needsRebase() is true until the first rebase(now). */
	constructor(halfLifeMs: number, base = NaN) {
		if (!(halfLifeMs > 0)) throw new RangeError('DecayBase: halfLifeMs must be > 0');
		this.halfLifeMs = halfLifeMs;
		this.baseHalfLife = halfLifeMs;
		this.b = base;
	}

	/** Scenario time the weights are relative to. */
	get base(): number {
		return this.b;
	}

	/** Per-post weight, fixed until the next rebase: 2^((t − base) / halfLife). */
	weight(t: number): number {
		return Math.pow(2, (t - this.b) / this.baseHalfLife);
	}

	/** Global multiplier at scenario time now: 2^(−(now − base) / halfLife). */
	intensity(now: number): number {
		return Math.pow(2, -(now - this.b) / this.baseHalfLife);
	}

	/** True when now − base leaves [−1, 8] half-lives, the half-life changed, or no base yet. */
	needsRebase(now: number): boolean {
		if (!Number.isFinite(this.b) || this.halfLifeMs !== this.baseHalfLife) return true;
		const h = (now - this.b) / this.baseHalfLife;
		return h < -1 || h > 8;
	}

	/** Take now as the new base (and adopt the current half-life); then rewrite all weights. */
	rebase(now: number): void {
		if (!(this.halfLifeMs > 0)) throw new RangeError('DecayBase: halfLifeMs must be > 0');
		this.b = now;
		this.baseHalfLife = this.halfLifeMs;
	}
}

/** Half-life for a time window: a quarter of it, so a post at the window's far edge weighs 1/16. */
export function halfLifeForWindow(windowMs: number): number {
	return windowMs / 4;
}
