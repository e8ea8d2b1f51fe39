/** Shared helpers of the unit tests: a seeded PRNG so that failures reproduce, and time units. */

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const MIN = 60_000;
export const HOUR = 3_600_000;

/** The fields of the posts format, in the order of the table in docs/formats.md. */
export const POST_FIELDS = [
	'id',
	'source',
	'author',
	'created_at',
	'text',
	'lon',
	'lat',
	'place',
	'lang',
	'reply_to',
	'repost_of',
	'url',
	'engagement'
];
