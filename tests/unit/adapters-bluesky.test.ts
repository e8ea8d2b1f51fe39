/** The Bluesky (Jetstream) adapter against the hand-written fixture (tests/fixtures/adapters). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	expandLinks,
	jetstreamCursor,
	parseJetstream,
	parseJetstreamEvent
} from '../../src/lib/adapters/bluesky';
import type { AdapterResult } from '../../src/lib/adapters/types';
import { validatePost } from '../../src/lib/posts/validate';

const FIXTURE = new URL('../fixtures/adapters/jetstream.jsonl', import.meta.url);
const lines = readFileSync(FIXTURE, 'utf8').split('\n').slice(0, -1);
const results = lines.map((l) => parseJetstream(l));
const at = (line: number) => results[line - 1];
const postAt = (line: number) => {
	const r = at(line);
	if (r.kind !== 'post') throw new Error(`line ${line}: ${JSON.stringify(r)}`);
	return r.post;
};

/** The expected kind of every fixture line (README.md of the fixtures). */
const KINDS: AdapterResult['kind'][] = [
	'post', // 1 Dutch post
	'post', // 2 reply
	'post', // 3 shortened link facet
	'post', // 4 emoji, mention, link
	'skip', // 5 identity
	'skip', // 6 account
	'skip', // 7 delete
	'skip', // 8 update
	'skip', // 9 like
	'error', // 10 cut-off JSON
	'post', // 11 createdAt missing
	'error', // 12 text over 10,000
	'post', // 13 quote
	'post', // 14 quote with media
	'post', // 15 langs nl, en
	'post', // 16 langs nl_NL
	'post', // 17 createdAt with a space
	'post', // 18 createdAt in 2099
	'skip', // 19 repost
	'skip', // 20 follow
	'error', // 21 create without record
	'post', // 22 external embed, no langs
	'error', // 23 bad did
	'post', // 24 did:web
	'error', // 25 no time_us
	'error', // 26 NUL in text
	'skip', // 27 unknown kind
	'post', // 28
	'post', // 29
	'post' // 30
];

const isoOfUs = (line: number) =>
	new Date(Math.floor((JSON.parse(lines[line - 1]).time_us as number) / 1000)).toISOString();

describe('parseJetstream on the fixture', () => {
	it('has at least 25 events and gives each line its expected kind', () => {
		expect(lines.length).toBe(30);
		expect(results.map((r) => r.kind)).toEqual(KINDS);
	});

	it('produces only posts that pass validatePost unchanged, with unique ids', () => {
		const posts = results.flatMap((r) => (r.kind === 'post' ? [r.post] : []));
		expect(posts.length).toBe(16);
		for (const p of posts) {
			const v = validatePost(p);
			expect(v).toEqual({ ok: true, post: p });
			expect(p.source).toBe('bluesky');
			expect(p.id.length).toBeLessThanOrEqual(200);
		}
		expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
	});

	it('gives every skip and error a reason', () => {
		for (const r of results) {
			if (r.kind !== 'post') expect(r.reason).toMatch(/\w{3}/);
		}
		expect(at(5)).toEqual({
			kind: 'skip',
			reason: 'identity event of did:plc:k4zri3r2wyojfljooa7lqsaj'
		});
		expect(at(7)).toMatchObject({
			kind: 'skip',
			reason: expect.stringMatching(/^delete of at:\/\//)
		});
		expect(at(8)).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/^update of /) });
		expect(at(9)).toEqual({ kind: 'skip', reason: 'app.bsky.feed.like record (not a post)' });
		expect(at(10)).toMatchObject({ kind: 'error', reason: expect.stringMatching(/^invalid JSON/) });
		expect(at(12)).toEqual({ kind: 'error', reason: 'text: longer than 10,000 characters' });
		expect(at(21)).toMatchObject({
			kind: 'error',
			reason: expect.stringMatching(/record: missing/)
		});
		expect(at(23)).toMatchObject({ kind: 'error', reason: expect.stringMatching(/^did: /) });
		expect(at(25)).toMatchObject({ kind: 'error', reason: expect.stringMatching(/^time_us: /) });
		expect(at(26)).toEqual({ kind: 'error', reason: 'text: contains NUL (U+0000)' });
	});

	it('maps a plain Dutch post exactly', () => {
		expect(postAt(1)).toEqual({
			id: 'at://did:plc:ujzdegxdncf32epf3dhodzdo/app.bsky.feed.post/3l4odar36hsdk',
			source: 'bluesky',
			author: 'did:plc:ujzdegxdncf32epf3dhodzdo',
			created_at: '2024-09-21T19:29:59.884Z',
			text: 'Enorme drukte bij de Grote Markt in Groningen, politie is ter plaatse. Blijf uit de buurt!',
			lang: 'nl',
			url: 'https://bsky.app/profile/did:plc:ujzdegxdncf32epf3dhodzdo/post/3l4odar36hsdk'
		});
	});

	it('maps a reply to the parent post id', () => {
		expect(postAt(2)).toEqual({
			id: 'at://did:plc:cis2jhtlgmxgedn73u55xtpl/app.bsky.feed.post/3l4obsgyfvp7t',
			source: 'bluesky',
			author: 'did:plc:cis2jhtlgmxgedn73u55xtpl',
			created_at: '2024-09-21T19:30:00.618Z',
			text: 'Klopt, ik sta op de Vismarkt en het is hier ook vol. Er wordt met flessen gegooid.',
			lang: 'nl',
			reply_to: postAt(1).id,
			url: 'https://bsky.app/profile/did:plc:cis2jhtlgmxgedn73u55xtpl/post/3l4obsgyfvp7t'
		});
	});

	it('puts shortened links back in full, also after 4-byte characters', () => {
		expect(postAt(3).text).toBe(
			'Oproep van de politie: getuigen gezocht van de vechtpartij op het station https://www.politie.nl/nieuws/2024/september/21/getuigen-gezocht-vechtpartij-station.html #Haren'
		);
		expect(postAt(4).text).toBe(
			'🚨🚓 @nos.nl weet iemand wat er aan de hand is bij het Centraal Station? 😳 Zie https://t.me/joinchat/AbCdEfGhIjKlMnOp'
		);
	});

	it('falls back to time_us when createdAt is missing, malformed or in the future', () => {
		expect(postAt(11).created_at).toBe(isoOfUs(11));
		expect(postAt(11).created_at).toBe('2024-09-21T19:30:08.076Z');
		expect(postAt(17).created_at).toBe(isoOfUs(17));
		expect(postAt(18).created_at).toBe(isoOfUs(18));
		// createdAt kept as written otherwise (also a past one)
		expect(postAt(13).created_at).toBe(JSON.parse(lines[12]).commit.record.createdAt);
	});

	it('maps quote posts to repost_of, and langs to lang', () => {
		expect(postAt(13).repost_of).toBe(postAt(1).id);
		expect(postAt(14).repost_of).toBe(postAt(1).id);
		expect(postAt(15).lang).toBe('nl');
		expect(postAt(16)).not.toHaveProperty('lang');
		expect(postAt(22)).not.toHaveProperty('lang');
		expect(postAt(30).lang).toBe('nl-NL');
		expect(postAt(24).author).toBe('did:web:nieuws.example.nl');
		expect(postAt(29).reply_to).toBe(
			'at://did:plc:pft7v4seh2kvj72ceuvw75ef/app.bsky.feed.post/3l4nzxa1b2c2d'
		);
		for (const line of [1, 3, 11, 15, 22]) {
			expect(postAt(line)).not.toHaveProperty('repost_of');
			expect(postAt(line)).not.toHaveProperty('lon');
		}
	});

	it('reads the cursor of every event that has one', () => {
		const cursors = lines.map((l) => {
			try {
				return jetstreamCursor(JSON.parse(l));
			} catch {
				return undefined;
			}
		});
		expect(cursors[0]).toBe(1726947000734219);
		expect(cursors[9]).toBeUndefined(); // cut-off JSON
		expect(cursors[24]).toBeUndefined(); // no time_us
		const seen = cursors.filter((c): c is number => c !== undefined);
		expect(seen.length).toBe(28);
		expect([...seen].sort((a, b) => a - b)).toEqual(seen);
	});
});

describe('parseJetstreamEvent on hand-made events', () => {
	const base = (over: Record<string, unknown> = {}, record: Record<string, unknown> = {}) => ({
		did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa',
		time_us: 1726947000000000,
		kind: 'commit',
		commit: {
			rev: '3l4oaaaaaaaaa',
			operation: 'create',
			collection: 'app.bsky.feed.post',
			rkey: '3l4obbbbbbbbb',
			record: {
				$type: 'app.bsky.feed.post',
				createdAt: '2024-09-21T21:29:00+02:00',
				text: 'hallo',
				...record
			},
			cid: 'bafyreiccc'
		},
		...over
	});

	it('keeps createdAt with an offset as written', () => {
		const r = parseJetstreamEvent(base());
		expect(r).toMatchObject({ kind: 'post', post: { created_at: '2024-09-21T21:29:00+02:00' } });
	});

	it('rejects values that are not events', () => {
		for (const m of ['[]', 'null', '42', '"x"', '']) {
			expect(parseJetstream(m).kind).toBe('error');
		}
		expect(parseJetstreamEvent({ ...base(), kind: undefined }).kind).toBe('error');
		expect(parseJetstreamEvent({ ...base(), time_us: -5 }).kind).toBe('error');
		expect(parseJetstreamEvent({ ...base(), time_us: '1726947000000000' }).kind).toBe('error');
		expect(parseJetstreamEvent(base({}, { text: 42 })).kind).toBe('error');
		expect(parseJetstreamEvent(base({}, { $type: 'app.bsky.feed.like' })).kind).toBe('error');
		const badKey = base();
		(badKey.commit as Record<string, unknown>).rkey = '../x';
		expect(parseJetstreamEvent(badKey).kind).toBe('error');
	});

	it('makes an id over 200 characters an error, not a cut id', () => {
		const did = 'did:web:' + 'a'.repeat(180) + '.example';
		const r = parseJetstreamEvent(base({ did }));
		expect(r).toEqual({ kind: 'error', reason: 'id: longer than 200 characters' });
	});

	it('accepts an empty text (an image post) and text of exactly 10,000 characters', () => {
		expect(parseJetstreamEvent(base({}, { text: '' }))).toMatchObject({ kind: 'post' });
		const r = parseJetstreamEvent(base({}, { text: '€'.repeat(10_000) }));
		expect(r.kind).toBe('post');
		expect(parseJetstreamEvent(base({}, { text: '😀'.repeat(10_001) })).kind).toBe('error');
	});
});

describe('expandLinks', () => {
	const link = (start: number, end: number, uri: string) => ({
		index: { byteStart: start, byteEnd: end },
		features: [{ $type: 'app.bsky.richtext.facet#link', uri }]
	});

	it('expands a shortened link and leaves link text that is not a shortening', () => {
		const t = 'zie example.com/a/b... of klik hier';
		const facets = [
			link(4, 22, 'https://example.com/a/b/c/d'),
			link(26, 35, 'https://example.com/x')
		];
		expect(expandLinks(t, facets)).toBe('zie https://example.com/a/b/c/d of klik hier');
	});

	it('ignores facets that are out of range, overlapping, mid-character or not http(s)', () => {
		const t = 'é example.com/lo...';
		// "é" is 2 bytes: the link text starts at byte 3
		expect(expandLinks(t, [link(3, 20, 'https://example.com/long')])).toBe(
			'é https://example.com/long'
		);
		expect(expandLinks(t, [link(1, 20, 'https://example.com/long')])).toBe(t); // mid-character
		expect(expandLinks(t, [link(3, 99, 'https://example.com/long')])).toBe(t); // past the end
		expect(expandLinks(t, [link(3, 20, 'javascript:alert(1)')])).toBe(t);
		expect(
			expandLinks(t, [link(3, 20, 'https://example.com/long'), link(5, 20, 'https://x.y')])
		).toBe('é https://example.com/long');
		expect(expandLinks(t, [{ index: { byteStart: '3', byteEnd: 20 }, features: [] }])).toBe(t);
		expect(expandLinks(t, 'nope')).toBe(t);
	});
});
