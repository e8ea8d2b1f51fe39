/**
 * Small, fast, seedable randomness for the scenario engine. Every post, trip and time slot gets
 * its own generator seeded from a hash of (seed, scenario, component, slot, index), so that any
 * window of the stream can be generated on its own and always gives the same result.
 * Pure module: no imports.
 */

/** Mix a 32-bit integer (murmur3 finaliser). */
function fmix(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** Hash numbers (any finite value, including large slot numbers) and strings to 32 bits. */
export function hash32(...parts: (number | string)[]): number {
	let h = 0x9e3779b9;
	for (const p of parts) {
		if (typeof p === 'string') {
			let s = 0x811c9dc5;
			for (let i = 0; i < p.length; i++) s = Math.imul(s ^ p.charCodeAt(i), 0x01000193);
			h = fmix(h ^ fmix(s >>> 0));
		} else {
			const lo = p | 0;
			const hi = Math.floor(p / 4294967296) | 0;
			h = fmix(h ^ fmix(lo ^ 0x27d4eb2f));
			h = fmix(h ^ fmix(hi ^ 0x165667b1));
		}
	}
	return h >>> 0;
}

/** A mulberry32 generator with the helpers the scenarios need. */
export class Rand {
	private s: number;
	constructor(seed: number) {
		this.s = seed >>> 0;
	}
	static of(...parts: (number | string)[]): Rand {
		return new Rand(hash32(...parts));
	}
	/** Uniform in [0, 1). */
	next(): number {
		let t = (this.s = (this.s + 0x6d2b79f5) | 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	/** 32 random bits. */
	u32(): number {
		return Math.floor(this.next() * 4294967296) >>> 0;
	}
	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}
	/** Integer in [a, b] inclusive. */
	int(a: number, b: number): number {
		return a + Math.floor(this.next() * (b - a + 1));
	}
	range(a: number, b: number): number {
		return a + this.next() * (b - a);
	}
	pick<T>(arr: readonly T[]): T {
		return arr[Math.floor(this.next() * arr.length)];
	}
	/** Pick by weights given as [value, weight] pairs. */
	weighted<T>(pairs: readonly (readonly [T, number])[]): T {
		let total = 0;
		for (const p of pairs) total += p[1];
		let x = this.next() * total;
		for (const p of pairs) {
			x -= p[1];
			if (x < 0) return p[0];
		}
		return pairs[pairs.length - 1][0];
	}
	/** Standard normal (Box-Muller). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}
	/** Exponential with the given mean. */
	expo(mean: number): number {
		return -Math.log(1 - this.next()) * mean;
	}
	/** Log-normal with median m and shape sigma. */
	lognormal(m: number, sigma: number): number {
		return m * Math.exp(sigma * this.normal());
	}
	/** Poisson-distributed count. */
	poisson(lambda: number): number {
		if (lambda <= 0) return 0;
		if (lambda < 30) {
			const l = Math.exp(-lambda);
			let k = 0;
			let p = this.next();
			while (p > l) {
				k++;
				p *= this.next();
			}
			return k;
		}
		return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
	}
	/** Index into a cumulative weight array (binary search). */
	cumIndex(cum: Float64Array | number[]): number {
		const total = cum[cum.length - 1];
		const x = this.next() * total;
		let lo = 0;
		let hi = cum.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cum[mid] > x) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}
	/** Zipf-like rank in [0, n): a few ranks are drawn often, most rarely. */
	zipf(n: number, s = 1.1): number {
		// inverse-CDF approximation of a continuous power law on [1, n+1)
		const u = this.next();
		if (Math.abs(s - 1) < 1e-9) return Math.min(n - 1, Math.floor(Math.pow(n + 1, u)) - 1);
		const a = 1 - s;
		const x = Math.pow(1 + u * (Math.pow(n + 1, a) - 1), 1 / a);
		return Math.min(n - 1, Math.max(0, Math.floor(x) - 1));
	}
}
