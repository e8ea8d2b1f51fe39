import { describe, expect, it } from 'vitest';
import {
	Deduper,
	formatErrors,
	parsePostLine,
	readPostsNdjson,
	readPostsStream,
	serializePost,
	validatePost,
	writePostsNdjson,
	type StreamItem
} from '../../src/lib/posts/ndjson';
import type { Post } from '../../src/lib/posts/post';
import { POST_FIELDS } from './helpers';

const base = {
	id: 'x:1249003',
	source: 'x',
	author: 'anon_42',
	created_at: '2012-09-21T20:00:00+02:00',
	text: 'Iedereen naar Haren!'
};

/** The base post with fields replaced (undefined removes a field). */
function post(over: Record<string, unknown> = {}): Record<string, unknown> {
	const o: Record<string, unknown> = { ...base, ...over };
	for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
	return o;
}

const line = (over: Record<string, unknown> = {}) => JSON.stringify(post(over));

describe('validatePost: accepted', () => {
	const cases: [string, Record<string, unknown>][] = [
		['the required fields only', {}],
		[
			'every optional field',
			{
				lon: 6.6093,
				lat: 53.1721,
				place: 'Haren, Groningen',
				lang: 'nl',
				reply_to: 'x:1',
				repost_of: 'x:2',
				url: 'https://x.com/a/status/1249003',
				engagement: { likes: 3, reposts: 0, replies: 12 }
			}
		],
		['id of 1 character', { id: 'a' }],
		['id of 200 characters', { id: 'i'.repeat(200) }],
		['id of 200 emoji (code points, not UTF-16 units)', { id: '😀'.repeat(200) }],
		['author of 200 characters', { author: 'a'.repeat(200) }],
		...[
			'x',
			'facebook',
			'instagram',
			'tiktok',
			'telegram',
			'snapchat',
			'whatsapp',
			'bluesky',
			'mastodon',
			'report',
			'other'
		].map((s): [string, Record<string, unknown>] => [`source ${s}`, { source: s }]),
		['created_at with Z', { created_at: '2012-09-21T18:00:00Z' }],
		['created_at with +02:00', { created_at: '2012-09-21T20:00:00+02:00' }],
		['created_at with -05:30', { created_at: '2012-09-21T12:30:00-05:30' }],
		['created_at without seconds', { created_at: '2012-09-21T20:00+02:00' }],
		['created_at with milliseconds', { created_at: '2012-09-21T20:00:00.123Z' }],
		['created_at with nanoseconds', { created_at: '2012-09-21T20:00:00.123456789+02:00' }],
		['created_at on 29 February of a leap year', { created_at: '2012-02-29T12:00:00Z' }],
		['created_at on 29 February 2000', { created_at: '2000-02-29T12:00:00Z' }],
		['created_at at 23:59:59', { created_at: '2012-12-31T23:59:59Z' }],
		['empty text', { text: '' }],
		['text of 10,000 characters', { text: 'a'.repeat(10_000) }],
		['text of 10,000 emoji (20,000 UTF-16 units)', { text: '😀'.repeat(10_000) }],
		['text with control characters, tabs and newlines', { text: 'a\tb\nc\r\u0007\u001b[31m' }],
		['hostile HTML text', { text: '<img src=x onerror=alert(1)><script>alert(1)</script>' }],
		['lon/lat at the limits', { lon: -180, lat: 90 }],
		['lon/lat at the other limits', { lon: 180, lat: -90 }],
		['lon/lat zero', { lon: 0, lat: 0 }],
		['null lon and lat (absent)', { lon: null, lat: null }],
		[
			'null optional strings (absent)',
			{ place: null, lang: null, reply_to: null, repost_of: null, url: null }
		],
		['null engagement (absent)', { engagement: null }],
		['empty engagement object', { engagement: {} }],
		['engagement with only likes', { engagement: { likes: 0 } }],
		['engagement with null members', { engagement: { likes: null, reposts: 1 } }],
		['engagement with a large integer', { engagement: { likes: 9007199254740991 } }],
		['lang nl-NL', { lang: 'nl-NL' }],
		['lang zh-Hant-TW', { lang: 'zh-Hant-TW' }],
		['lang und', { lang: 'und' }],
		['lang es-419', { lang: 'es-419' }],
		['lang x-private', { lang: 'x-klingon' }],
		['empty place', { place: '' }],
		['unknown extra fields', { followers: 12, nested: { a: 1 }, retweeted: true }]
	];
	it.each(cases)('%s', (_, over) => {
		const r = validatePost(post(over));
		expect(r.ok, r.ok ? '' : r.reason).toBe(true);
	});
});

describe('validatePost: rejected with the reason', () => {
	const cases: [string, Record<string, unknown>, string | RegExp][] = [
		['id missing', { id: undefined }, 'id: missing (required)'],
		['id null', { id: null }, 'id: expected a string, got null'],
		['id a number', { id: 1249003 }, 'id: expected a string, got number'],
		['id empty', { id: '' }, /^id: empty/],
		['id of 201 characters', { id: 'i'.repeat(201) }, 'id: longer than 200 characters'],
		['source missing', { source: undefined }, 'source: missing (required)'],
		[
			'source unknown',
			{ source: 'myspace' },
			"source: 'myspace' is not one of x, facebook, instagram, tiktok, telegram, snapchat, whatsapp, bluesky, mastodon, report, other"
		],
		['source in capitals', { source: 'X' }, /^source: 'X' is not one of/],
		['source a number', { source: 1 }, 'source: expected a string, got number'],
		['author missing', { author: undefined }, 'author: missing (required)'],
		['author empty', { author: '' }, /^author: empty/],
		['author of 201 characters', { author: 'a'.repeat(201) }, 'author: longer than 200 characters'],
		['created_at missing', { created_at: undefined }, 'created_at: missing (required)'],
		[
			'created_at a number',
			{ created_at: 1348250400000 },
			'created_at: expected a string, got number'
		],
		[
			'created_at without offset',
			{ created_at: '2012-09-21T20:00:00' },
			/^created_at: not ISO 8601 with offset or Z/
		],
		[
			'created_at date only',
			{ created_at: '2012-09-21' },
			/^created_at: not ISO 8601 with offset or Z/
		],
		[
			'created_at with a space',
			{ created_at: '2012-09-21 20:00:00Z' },
			/^created_at: not ISO 8601 with offset or Z/
		],
		[
			'created_at with basic offset +0200',
			{ created_at: '2012-09-21T20:00:00+0200' },
			/^created_at: not ISO 8601 with offset or Z/
		],
		[
			'created_at lower-case z',
			{ created_at: '2012-09-21T20:00:00z' },
			/^created_at: not ISO 8601 with offset or Z/
		],
		[
			'created_at in another format',
			{ created_at: 'Fri Sep 21 20:00:00 +0000 2012' },
			/^created_at: not ISO 8601 with offset or Z/
		],
		[
			'created_at 2012-02-30',
			{ created_at: '2012-02-30T12:00:00Z' },
			'created_at: not a real calendar date (2012-02-30)'
		],
		[
			'created_at 2013-02-29',
			{ created_at: '2013-02-29T12:00:00Z' },
			'created_at: not a real calendar date (2013-02-29)'
		],
		[
			'created_at 1900-02-29',
			{ created_at: '1900-02-29T12:00:00Z' },
			'created_at: not a real calendar date (1900-02-29)'
		],
		[
			'created_at 2012-04-31',
			{ created_at: '2012-04-31T12:00:00Z' },
			'created_at: not a real calendar date (2012-04-31)'
		],
		[
			'created_at month 13',
			{ created_at: '2012-13-01T12:00:00Z' },
			'created_at: not a real calendar date (2012-13-01)'
		],
		[
			'created_at day 00',
			{ created_at: '2012-09-00T12:00:00Z' },
			'created_at: not a real calendar date (2012-09-00)'
		],
		[
			'created_at 24:00',
			{ created_at: '2012-09-21T24:00:00Z' },
			/^created_at: not a real time of day/
		],
		[
			'created_at minute 60',
			{ created_at: '2012-09-21T20:60:00Z' },
			/^created_at: not a real time of day/
		],
		[
			'created_at leap second',
			{ created_at: '2012-06-30T23:59:60Z' },
			/^created_at: not a real time of day/
		],
		[
			'created_at offset +25:00',
			{ created_at: '2012-09-21T20:00:00+25:00' },
			'created_at: offset out of range'
		],
		['text missing', { text: undefined }, 'text: missing (required)'],
		['text null', { text: null }, 'text: expected a string, got null'],
		['text an array', { text: ['a'] }, 'text: expected a string, got array'],
		[
			'text of 10,001 characters',
			{ text: 'a'.repeat(10_001) },
			'text: longer than 10,000 characters'
		],
		['text of 10,001 emoji', { text: '😀'.repeat(10_001) }, 'text: longer than 10,000 characters'],
		['text with NUL', { text: 'a\u0000b' }, 'text: contains NUL (U+0000)'],
		[
			'text with a lone high surrogate',
			{ text: 'a\ud800b' },
			'text: contains a lone surrogate (not valid Unicode)'
		],
		[
			'text with a lone low surrogate',
			{ text: '\udc00' },
			'text: contains a lone surrogate (not valid Unicode)'
		],
		['author with NUL', { author: '\u0000' }, 'author: contains NUL (U+0000)'],
		['lat a string "52"', { lon: 6.6, lat: '52' }, 'lat: expected a number, got string'],
		['lon a string', { lon: '6.6', lat: 53 }, 'lon: expected a number, got string'],
		['lon a boolean', { lon: true, lat: 53 }, 'lon: expected a number, got boolean'],
		['lat Infinity (1e999)', { lon: 6.6, lat: Infinity }, 'lat: not a finite number'],
		['lon -Infinity', { lon: -Infinity, lat: 53 }, 'lon: not a finite number'],
		['lat NaN', { lon: 6.6, lat: NaN }, 'lat: not a finite number'],
		['lat 90.0001', { lon: 6.6, lat: 90.0001 }, 'lat: out of range -90..90'],
		['lat -91', { lon: 6.6, lat: -91 }, 'lat: out of range -90..90'],
		['lon 180.5', { lon: 180.5, lat: 53 }, 'lon: out of range -180..180'],
		['lon -181', { lon: -181, lat: 53 }, 'lon: out of range -180..180'],
		['lat without lon', { lat: 53 }, 'lon/lat: both or neither (lat without lon)'],
		['lon without lat', { lon: 6.6 }, 'lon/lat: both or neither (lon without lat)'],
		['lon with null lat', { lon: 6.6, lat: null }, 'lon/lat: both or neither (lon without lat)'],
		['place a number', { place: 12 }, 'place: expected a string, got number'],
		['lang a number', { lang: 1 }, 'lang: expected a string, got number'],
		['lang nl_NL', { lang: 'nl_NL' }, /^lang: 'nl_NL' is not a BCP 47 language tag/],
		['lang empty', { lang: '' }, /^lang: '' is not a BCP 47 language tag/],
		['lang Dutch', { lang: 'Dutch language' }, /^lang: 'Dutch language' is not a BCP 47/],
		['reply_to a number', { reply_to: 1 }, 'reply_to: expected a string, got number'],
		['repost_of an object', { repost_of: {} }, 'repost_of: expected a string, got object'],
		['url a boolean', { url: false }, 'url: expected a string, got boolean'],
		['engagement an array', { engagement: [1, 2] }, 'engagement: expected an object, got array'],
		['engagement a number', { engagement: 5 }, 'engagement: expected an object, got number'],
		[
			'engagement.likes negative',
			{ engagement: { likes: -1 } },
			'engagement.likes: expected a non-negative integer, got -1'
		],
		[
			'engagement.reposts fractional',
			{ engagement: { reposts: 1.5 } },
			'engagement.reposts: expected a non-negative integer, got 1.5'
		],
		[
			'engagement.replies a string',
			{ engagement: { replies: '3' } },
			'engagement.replies: expected a non-negative integer, got string'
		],
		[
			'engagement.likes beyond safe integers',
			{ engagement: { likes: 1e20 } },
			'engagement.likes: expected a non-negative integer, got 100000000000000000000'
		]
	];
	it.each(cases)('%s', (_, over, reason) => {
		const r = validatePost(post(over));
		expect(r.ok).toBe(false);
		if (!r.ok) {
			if (typeof reason === 'string') expect(r.reason).toBe(reason);
			else expect(r.reason).toMatch(reason);
		}
	});

	it.each([
		['null', null],
		['an array', [base]],
		['a string', 'post'],
		['a number', 42]
	])('a value that is %s: expected a JSON object', (_, v) => {
		expect(validatePost(v)).toEqual({ ok: false, reason: 'expected a JSON object' });
	});
});

describe('validatePost: the returned post', () => {
	it('holds only the format fields, in the format order, without null fields', () => {
		const r = validatePost(
			post({
				engagement: { replies: 1, likes: 2, views: 99 },
				url: null,
				extra: 'dropped',
				lat: 53.17,
				lon: 6.61
			})
		);
		expect(r.ok).toBe(true);
		if (r.ok) {
			expect(Object.keys(r.post)).toEqual([
				'id',
				'source',
				'author',
				'created_at',
				'text',
				'lon',
				'lat',
				'engagement'
			]);
			expect(r.post.engagement).toEqual({ likes: 2, replies: 1 });
		}
	});

	it('keeps strings exactly, hostile text included', () => {
		const text = '<img src=x onerror=alert(1)> &amp; "quotes" \u202e ‮ 🇳🇱';
		const r = validatePost(post({ text, author: ' spaced ' }));
		expect(r.ok && r.post.text).toBe(text);
		expect(r.ok && r.post.author).toBe(' spaced ');
	});
});

describe('parsePostLine', () => {
	it('reports invalid JSON with its line number', () => {
		const r = parsePostLine('{"id": ', 7);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error.line).toBe(7);
			expect(r.error.reason).toMatch(/^invalid JSON: /);
		}
	});
	it('reports a JSON value that is not an object', () => {
		expect(parsePostLine('[1,2]', 3)).toEqual({
			ok: false,
			error: { line: 3, reason: 'expected a JSON object' }
		});
	});
	it('reads 1e999 as Infinity and rejects it', () => {
		const r = parsePostLine(line({}).replace(/}$/, ',"lon":6.6,"lat":1e999}'), 1);
		expect(r).toEqual({ ok: false, error: { line: 1, reason: 'lat: not a finite number' } });
	});
	it('accepts a valid line', () => {
		const r = parsePostLine(line(), 1);
		expect(r.ok && r.post.id).toBe('x:1249003');
	});
});

describe('readPostsNdjson', () => {
	it('keeps valid lines around invalid ones, with physical line numbers', () => {
		const text = [
			line({ id: '1' }),
			'',
			'not json',
			line({ id: '2', lat: 53 }),
			'   ',
			line({ id: '3' }),
			'[]'
		].join('\n');
		const r = readPostsNdjson(text);
		expect(r.posts.map((p) => p.id)).toEqual(['1', '3']);
		expect(r.errors.map((e) => e.line)).toEqual([3, 4, 7]);
		expect(r.errors[1].reason).toBe('lon/lat: both or neither (lat without lon)');
		expect(r.lines).toBe(7);
		expect(r.duplicates).toBe(0);
	});

	it('accepts CRLF line ends and a BOM on line 1', () => {
		const text = '\uFEFF' + line({ id: '1' }) + '\r\n\r\n' + line({ id: '2' }) + '\r\nbad\r\n';
		const r = readPostsNdjson(text);
		expect(r.posts.map((p) => p.id)).toEqual(['1', '2']);
		expect(r.errors.map((e) => e.line)).toEqual([4]);
		expect(r.lines).toBe(4);
	});

	it('rejects a BOM that is not at the start of the file', () => {
		const r = readPostsNdjson(line({ id: '1' }) + '\n\uFEFF' + line({ id: '2' }));
		expect(r.posts).toHaveLength(1);
		expect(r.errors[0].line).toBe(2);
	});

	it('reads a last line without a newline; a final newline adds no line', () => {
		expect(readPostsNdjson(line({ id: '1' }) + '\n' + line({ id: '2' })).posts).toHaveLength(2);
		expect(readPostsNdjson(line() + '\n').lines).toBe(1);
		expect(readPostsNdjson('').lines).toBe(0);
		expect(readPostsNdjson('\n\n').errors).toEqual([]);
	});

	it('keeps each (source, id) once, the first, and counts the duplicates', () => {
		const text = [
			line({ id: '1', text: 'first' }),
			line({ id: '1', text: 'second' }),
			line({ id: '1', source: 'facebook' }),
			line({ id: '1', text: 'third' })
		].join('\n');
		const r = readPostsNdjson(text);
		expect(r.posts.map((p) => [p.source, p.text])).toEqual([
			['x', 'first'],
			['facebook', base.text]
		]);
		expect(r.duplicates).toBe(2);
	});

	it('preserves hostile text literally', () => {
		const text = '<img src=x onerror=alert(1)>\u2028\u2029"\\';
		const r = readPostsNdjson(line({ text }));
		expect(r.posts[0].text).toBe(text);
	});
});

describe('Deduper', () => {
	it('says whether a (source, id) was seen before', () => {
		const d = new Deduper();
		expect(d.seen({ source: 'x', id: '1' })).toBe(false);
		expect(d.seen({ source: 'x', id: '1' })).toBe(true);
		expect(d.seen({ source: 'facebook', id: '1' })).toBe(false);
		expect(d.size).toBe(2);
	});
});

async function collect(
	chunks: (Uint8Array | string)[],
	opts?: { maxLineBytes?: number }
): Promise<StreamItem[]> {
	async function* gen() {
		for (const c of chunks) yield c;
	}
	const out: StreamItem[] = [];
	for await (const it of readPostsStream(gen(), opts)) out.push(it);
	return out;
}

/** The stream's items in the shape of readPostsNdjson's result, without dedupe. */
function streamAsRead(items: StreamItem[]) {
	return {
		posts: items.flatMap((i) => ('post' in i ? [i.post] : [])),
		errors: items.flatMap((i) => ('error' in i ? [i.error] : []))
	};
}

const enc = new TextEncoder();

describe('readPostsStream', () => {
	const sample =
		'\uFEFF' +
		[
			line({ id: '1', text: 'Grüße uit Haren 😀' }),
			'',
			'{bad json',
			line({ id: '2', lat: 53 }),
			'  ',
			line({ id: '3', text: 'ééé\u2028', place: 'Den Haag' })
		].join('\r\n') +
		'\n' +
		line({ id: '4' });

	it('gives the same posts and errors as readPostsNdjson for every split of the bytes', async () => {
		const whole = readPostsNdjson(sample);
		const bytes = enc.encode(sample);
		for (let cut = 0; cut <= bytes.length; cut++) {
			const items = await collect([bytes.subarray(0, cut), bytes.subarray(cut)]);
			expect(streamAsRead(items)).toEqual({ posts: whole.posts, errors: whole.errors });
		}
	});

	it('gives the same result for one-byte chunks and for string chunks', async () => {
		const whole = readPostsNdjson(sample);
		const bytes = enc.encode(sample);
		const ones = Array.from(bytes, (b) => Uint8Array.of(b));
		expect(streamAsRead(await collect(ones))).toEqual({ posts: whole.posts, errors: whole.errors });
		// Strings split inside a surrogate pair.
		const units = Array.from({ length: sample.length }, (_, i) => sample[i]);
		expect(streamAsRead(await collect(units))).toEqual({
			posts: whole.posts,
			errors: whole.errors
		});
	});

	it('gives posts with their line numbers', async () => {
		const items = await collect([enc.encode(sample)]);
		expect(items.map((i) => ('post' in i ? i.line : i.error.line))).toEqual([1, 3, 4, 6, 7]);
	});

	it('rejects invalid UTF-8 on one line only', async () => {
		const good1 = enc.encode(line({ id: '1' }) + '\n');
		const bad = new Uint8Array([...enc.encode('{"id":"'), 0xff, 0xfe, ...enc.encode('"}\n')]);
		const overlong = new Uint8Array([...enc.encode('{"t":"'), 0xc0, 0xaf, ...enc.encode('"}\n')]);
		const good2 = enc.encode(line({ id: '2' }));
		const items = await collect([good1, bad, overlong, good2]);
		expect(items).toEqual([
			{ post: expect.objectContaining({ id: '1' }), line: 1 },
			{ error: { line: 2, reason: 'invalid UTF-8' }, raw: '{"id":"\uFFFD\uFFFD"}' },
			{ error: { line: 3, reason: 'invalid UTF-8' }, raw: '{"t":"\uFFFD\uFFFD"}' },
			{ post: expect.objectContaining({ id: '2' }), line: 4 }
		]);
	});

	it('rejects a line longer than the limit without stopping, across chunks', async () => {
		const long = line({ id: 'long', text: 'a'.repeat(5000) });
		const text = line({ id: '1' }) + '\n' + long + '\n' + line({ id: '3' }) + '\n';
		const bytes = enc.encode(text);
		const chunks: Uint8Array[] = [];
		for (let o = 0; o < bytes.length; o += 700) chunks.push(bytes.subarray(o, o + 700));
		const items = await collect(chunks, { maxLineBytes: 1000 });
		expect(items).toEqual([
			{ post: expect.objectContaining({ id: '1' }), line: 1 },
			{ error: { line: 2, reason: 'line longer than 1000 bytes' } },
			{ post: expect.objectContaining({ id: '3' }), line: 3 }
		]);
	});

	it('counts the limit without the line end, CRLF included', async () => {
		const l = line({ id: '1' });
		const n = enc.encode(l).length;
		const ok = await collect([enc.encode(l + '\r\n' + l)], { maxLineBytes: n });
		expect(ok.filter((i) => 'post' in i)).toHaveLength(2);
		const tooLong = await collect([enc.encode(l + '\r\n' + l)], { maxLineBytes: n - 1 });
		expect(tooLong).toEqual([
			{ error: { line: 1, reason: `line longer than ${n - 1} bytes` } },
			{ error: { line: 2, reason: `line longer than ${n - 1} bytes` } }
		]);
	});

	it('uses a 1 MiB default limit', async () => {
		const big = '{"text":"' + 'a'.repeat(1 << 20) + '"}';
		const items = await collect([big + '\n' + line()]);
		expect(items[0]).toEqual({ error: { line: 1, reason: 'line longer than 1048576 bytes' } });
		expect('post' in items[1]).toBe(true);
	});

	it('copies what it keeps of a chunk that the caller then reuses (Node Buffer)', async () => {
		const text = line({ id: '1', text: 'a'.repeat(300) }) + '\n' + line({ id: '2' }) + '\n';
		const bytes = enc.encode(text);
		const buf = Buffer.alloc(64);
		async function* reused() {
			for (let o = 0; o < bytes.length; o += 64) {
				const n = Math.min(64, bytes.length - o);
				buf.set(bytes.subarray(o, o + n));
				yield buf.subarray(0, n);
				buf.fill(0x21); // scribble over it, as a pooled reader would
			}
		}
		const items: StreamItem[] = [];
		for await (const it of readPostsStream(reused())) items.push(it);
		expect(streamAsRead(items)).toEqual({ posts: readPostsNdjson(text).posts, errors: [] });
	});

	it('does not deduplicate; a Deduper does', async () => {
		const items = await collect([line() + '\n' + line() + '\n']);
		const d = new Deduper();
		const kept = items.filter((i) => 'post' in i && !d.seen(i.post));
		expect(items).toHaveLength(2);
		expect(kept).toHaveLength(1);
	});
});

describe('serializePost / writePostsNdjson', () => {
	const full: Post = {
		id: 'x:1',
		source: 'x',
		author: 'a',
		created_at: '2012-09-21T20:00:00+02:00',
		text: '<img src=x onerror=alert(1)>\n"quoted" 😀',
		lon: 6.6,
		lat: 53.17,
		place: 'Haren, Groningen',
		lang: 'nl',
		reply_to: 'x:0',
		repost_of: 'x:00',
		url: 'https://example.org/1',
		engagement: { likes: 1, reposts: 2, replies: 3 }
	};

	it('writes keys in the order of the format table', () => {
		const shuffled = Object.fromEntries(Object.entries(full).reverse()) as unknown as Post;
		expect(Object.keys(JSON.parse(serializePost(shuffled)))).toEqual(POST_FIELDS);
	});

	it('omits absent fields and fields outside the format', () => {
		const p = { ...base, t: 1, method: 'none', place: undefined } as unknown as Post;
		expect(serializePost(p)).toBe(
			'{"id":"x:1249003","source":"x","author":"anon_42","created_at":"2012-09-21T20:00:00+02:00","text":"Iedereen naar Haren!"}'
		);
	});

	it('throws on a post that breaks the format', () => {
		expect(() => serializePost({ ...full, lat: undefined })).toThrow(/lon\/lat: both or neither/);
	});

	it('ends every line with a newline, and an empty list is empty', () => {
		const out = writePostsNdjson([full, { ...full, id: 'x:2' }]);
		expect(out.endsWith('\n')).toBe(true);
		expect(out.split('\n')).toHaveLength(3);
		expect(writePostsNdjson([])).toBe('');
	});

	it('round-trips: read(write(posts)) equals posts', () => {
		const posts: Post[] = [
			full,
			{ ...base, id: 'x:2', source: 'report' } as Post,
			{ ...full, id: 'x:3', text: '', engagement: {} },
			{ ...full, id: 'x:4', text: '\u2028\u2029\t\u0001' + '😀'.repeat(9_995) + 'a' }
		];
		const r = readPostsNdjson(writePostsNdjson(posts));
		expect(r.errors).toEqual([]);
		expect(r.posts).toEqual(posts);
	});
});

describe('formatErrors', () => {
	it('lists errors as "line N: reason" and says how many more', () => {
		const errors = Array.from({ length: 25 }, (_, i) => ({
			line: i + 1,
			reason: 'text: missing (required)'
		}));
		const out = formatErrors(errors).split('\n');
		expect(out).toHaveLength(21);
		expect(out[0]).toBe('line 1: text: missing (required)');
		expect(out[20]).toBe('… and 5 more');
		expect(formatErrors(errors.slice(0, 2), 5)).toBe(
			'line 1: text: missing (required)\nline 2: text: missing (required)'
		);
		expect(formatErrors([])).toBe('');
	});
});
