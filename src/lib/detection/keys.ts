/**
 * A bounded set of recently seen (source, id) keys, for de-duplication at a few hundred
 * nanoseconds a post. A `Set<string>` of a million keys costs about 1 µs a lookup (cache misses
 * on the table and the strings, and the concatenated key to hash); this keeps two 32-bit hashes
 * per key in flat typed-array tables with linear probing instead.
 *
 * Memory is bounded by generations: the current table takes `max` keys, then becomes the old
 * one and a cleared table takes the next; a key is remembered for at least `max` and at most
 * `2 * max` newer keys. Two keys are confused only if both 32-bit hashes collide: with 2 million
 * keys held, a new key is taken for a duplicate with probability about 2e6 / 2^64 = 1e-13.
 */
export class KeySet {
	private readonly mask: number;
	private cur: Uint32Array;
	private old: Uint32Array;
	private n = 0;
	private h1 = 0;
	private h2 = 0;

	constructor(private readonly max: number) {
		// At most half full: a power of two of at least 2 x max slots, two words each.
		const slots = 2 ** Math.ceil(Math.log2(Math.max(2, max) * 2));
		this.mask = slots - 1;
		this.cur = new Uint32Array(2 * slots);
		this.old = new Uint32Array(2 * slots);
	}

	/** True if (a, b) was not seen (and is now remembered); false for a repeat. */
	add(a: string, b: string): boolean {
		this.hash(a, b);
		const h1 = this.h1;
		const h2 = this.h2;
		if (this.find(this.old, h1, h2) >= 0) return false;
		let i = this.find(this.cur, h1, h2);
		if (i >= 0) return false;
		if (this.n >= this.max) {
			const t = this.old;
			this.old = this.cur;
			t.fill(0);
			this.cur = t;
			this.n = 0;
			i = this.find(t, h1, h2);
		}
		const s = -1 - i;
		this.cur[2 * s] = h1;
		this.cur[2 * s + 1] = h2;
		this.n++;
		return true;
	}

	/** Slot of (h1, h2) if present, else -1 - (the empty slot where it would go). */
	private find(t: Uint32Array, h1: number, h2: number): number {
		let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask;
		for (;;) {
			const x = t[2 * i];
			if (x === 0) return -1 - i;
			if (x === h1 && t[2 * i + 1] === h2) return i;
			i = (i + 1) & this.mask;
		}
	}

	/** Two independent 32-bit hashes (FNV-1a and a murmur-style mix) of a, a separator and b. */
	private hash(a: string, b: string): void {
		let h1 = 0x811c9dc5 | 0;
		let h2 = 0x9747b28c | 0;
		for (let i = 0; i < a.length; i++) {
			const c = a.charCodeAt(i);
			h1 = Math.imul(h1 ^ c, 0x01000193);
			h2 = Math.imul(h2 ^ c, 0x5bd1e995);
			h2 ^= h2 >>> 13;
		}
		// The separator keeps ("ab", "c") apart from ("a", "bc").
		h1 = Math.imul(h1 ^ 0x10000, 0x01000193);
		h2 = Math.imul(h2 ^ 0x10000, 0x5bd1e995);
		h2 ^= h2 >>> 13;
		for (let i = 0; i < b.length; i++) {
			const c = b.charCodeAt(i);
			h1 = Math.imul(h1 ^ c, 0x01000193);
			h2 = Math.imul(h2 ^ c, 0x5bd1e995);
			h2 ^= h2 >>> 13;
		}
		h2 = Math.imul(h2 ^ (h2 >>> 15), 0x27d4eb2d);
		h2 ^= h2 >>> 16;
		// 0 marks an empty slot.
		this.h1 = h1 >>> 0 || 1;
		this.h2 = h2 >>> 0;
	}
}
