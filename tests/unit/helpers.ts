/** Shared helpers of the unit tests: a seeded PRNG so that failures reproduce, and time units. */
import { PassThrough } from 'node:stream';

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

/** A writable that collects what a subcommand writes (stdout or stderr). */
export function sink(): { stream: PassThrough; text: () => string } {
	const stream = new PassThrough();
	const chunks: Buffer[] = [];
	stream.on('data', (c: Buffer) => chunks.push(c));
	return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

type Subcommand = (
	argv: string[],
	io: { stdout: PassThrough; stderr: PassThrough; env: Record<string, string | undefined> }
) => Promise<number>;

/** Run a subcommand without geodata; its exit code and what it wrote on stdout and stderr. */
export async function runCli(
	cmd: Subcommand,
	args: string[]
): Promise<{ code: number; out: string; err: string }> {
	const out = sink();
	const err = sink();
	const code = await cmd(args, {
		stdout: out.stream,
		stderr: err.stream,
		env: { UITKIJK_GEODATA: '/nonexistent/geodata' }
	});
	return { code, out: out.text(), err: err.text() };
}

/** A U shape (concave, unit coordinates): a base 0..3 × 0..1 with arms up to y = 3, notch 1..2. */
export const U_RING: [number, number][] = [
	[0, 0],
	[3, 0],
	[3, 3],
	[2, 3],
	[2, 1],
	[1, 1],
	[1, 3],
	[0, 3]
];
/** A diamond (unit coordinates): horizontal rays at y = 1 pass exactly through two vertices. */
export const DIAMOND_RING: [number, number][] = [
	[0, 1],
	[1, 0],
	[2, 1],
	[1, 2]
];
