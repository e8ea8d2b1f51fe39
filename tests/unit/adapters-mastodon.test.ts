/**
 * The Mastodon adapter against the hand-written fixtures (tests/fixtures/adapters): the streaming
 * API's server-sent events and WebSocket form, the HTML-to-text conversion and the SSE parser.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../src/lib/adapters/html';
import {
	parseMastodonEvent,
	parseMastodonStatus,
	parseMastodonWs,
	type MastodonOptions
} from '../../src/lib/adapters/mastodon';
import { createSseParser, type SseEvent } from '../../src/lib/adapters/sse';
import type { AdapterResult } from '../../src/lib/adapters/types';
import type { Post } from '../../src/lib/posts/post';
import { validatePost } from '../../src/lib/posts/validate';
import { prng } from './helpers';

const read = (name: string) =>
	readFileSync(new URL(`../fixtures/adapters/${name}`, import.meta.url), 'utf8');
const SSE = read('mastodon-public.sse');
const WS_LINES = read('mastodon-ws.jsonl').split('\n').slice(0, -1);
const OPTS: MastodonOptions = { instance: 'mastodon.example' };

function sseEvents(text: string): SseEvent[] {
	const p = createSseParser();
	return [...p.feed(text), ...p.end()];
}

const events = sseEvents(SSE);
const results = events.map((e) => parseMastodonEvent(e.event, e.data, OPTS));
const postAt = (n: number): Post => {
	const r = results[n - 1];
	if (r.kind !== 'post') throw new Error(`event ${n}: ${JSON.stringify(r)}`);
	return r.post;
};

const S1 = {
	id: 'https://mastodon.example/users/wijkagent_haren/statuses/113177198657543919',
	source: 'mastodon',
	author: 'wijkagent_haren@mastodon.example',
	created_at: '2024-09-21T19:30:01.000Z',
	text: 'Vanavond extra toezicht rond de #Haren Rijksstraatweg. Meer info: https://www.politie.nl/nieuws/2024/september/21/extra-toezicht-haren.html',
	lang: 'nl',
	url: 'https://mastodon.example/@wijkagent_haren/113177198657543919',
	engagement: { likes: 12, reposts: 7, replies: 3 }
};
const S2 = {
	id: 'https://social.example.nl/users/marieke/statuses/113177198677220557',
	source: 'mastodon',
	author: 'marieke@social.example.nl',
	created_at: '2024-09-21T19:30:02.500Z',
	text: '@wijkagent_haren Het is hier nu al druk & rumoerig.\nJongeren roepen "kom naar de markt" <3 \'t Is niet normaal\n\nTweede alinea.',
	lang: 'nl',
	url: 'https://social.example.nl/@marieke/113177198677220557',
	engagement: { likes: 1, reposts: 0, replies: 0 }
};

describe('parseMastodonEvent on the SSE fixture', () => {
	it('reads 17 events and 4 comments', () => {
		const p = createSseParser();
		expect(p.feed(SSE).length).toBe(17);
		expect(p.comments).toBe(4);
	});

	it('gives each event its expected kind', () => {
		expect(results.map((r) => r.kind)).toEqual([
			'post', // 1 local, hashtag, shortened link
			'post', // 2 remote, mention, br, entities
			'post', // 3 reply
			'post', // 4 boost
			'post', // 5 content warning
			'post', // 6 hostile HTML
			'skip', // 7 delete
			'skip', // 8 status.update
			'post', // 9 language null
			'post', // 10 numeric entities
			'post', // 11 multi-line data
			'skip', // 12 notification
			'skip', // 13 filters_changed
			'skip', // 14 private
			'error', // 15 over 10,000
			'error', // 16 cut-off JSON
			'post' // 17
		]);
	});

	it('produces only posts that pass validatePost unchanged, with unique ids', () => {
		const posts = results.flatMap((r) => (r.kind === 'post' ? [r.post] : []));
		expect(posts.length).toBe(10);
		for (const p of posts) expect(validatePost(p)).toEqual({ ok: true, post: p });
		expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
		for (const r of results) if (r.kind !== 'post') expect(r.reason).toMatch(/\w{3}/);
	});

	it('maps statuses exactly', () => {
		expect(postAt(1)).toEqual(S1);
		expect(postAt(2)).toEqual(S2);
		expect(postAt(3)).toEqual({
			id: 'https://gts.example.org/users/henk_h/statuses/113177198782093995',
			source: 'mastodon',
			author: 'henk_h@gts.example.org',
			created_at: '2024-09-21T19:30:04.100Z',
			text: '@wijkagent_haren Bij de Jumbo staat ook een groep, een stuk of vijftig man.',
			lang: 'nl',
			reply_to: 'mastodon.example/113177198657543919',
			url: 'https://gts.example.org/@henk_h/113177198782093995',
			engagement: { likes: 0, reposts: 0, replies: 0 }
		});
		expect(postAt(4)).toEqual({
			id: 'https://mastodon.example/users/nieuwsbot/statuses/113177198932850552/activity',
			source: 'mastodon',
			author: 'nieuwsbot@mastodon.example',
			created_at: '2024-09-21T19:30:05.200Z',
			text: 'LIVE: honderden jongeren op weg naar Haren. Politie sluit de Rijksstraatweg af. #projectx',
			lang: 'nl',
			repost_of: 'https://rtvnoord.example/users/rtvnoord/statuses/113177198710020233',
			url: 'https://rtvnoord.example/@rtvnoord/113177198710020233',
			engagement: { likes: 0, reposts: 0, replies: 0 }
		});
		expect(postAt(5).text).toBe('Geweld, beelden\n\nFilmpje van de vechtpartij bij het station.');
		expect(postAt(6).text).toBe('Hallo klik &lt;b&gt;niet vet&lt;/b&gt;');
		expect(postAt(9)).not.toHaveProperty('lang');
		expect(postAt(9).text).toBe('Zojuist een knal gehoord in Paddepoel 💥 :blobfox_scared:');
		expect(postAt(10).text).toBe('Boete van €95 🚨 op de A28 bij Haren');
		expect(postAt(11).text).toBe('Verkeer staat vast op de ring, omrijden via Hoogkerk.');
		expect(postAt(17).text).toBe(
			'Kom om 21:00 naar de Grote Markt? Doe het niet. Wij zijn er ook.\nBlijf thuis.'
		);
	});

	it('skips deletes, edits and non-posts and fails bad updates, with reasons', () => {
		expect(results[6]).toEqual({ kind: 'skip', reason: 'delete of status 113177198212345678' });
		expect(results[7]).toEqual({
			kind: 'skip',
			reason: 'status.update: edit of status 113177198657543919 (edits are not ingested)'
		});
		expect(results[11]).toEqual({ kind: 'skip', reason: 'notification (not a public post)' });
		expect(results[12]).toEqual({ kind: 'skip', reason: 'filters_changed (not a post)' });
		expect(results[13]).toEqual({
			kind: 'skip',
			reason: 'status 113177199443979470 is private, not public'
		});
		expect(results[14]).toEqual({ kind: 'error', reason: 'text: longer than 10,000 characters' });
		expect(results[15]).toMatchObject({
			kind: 'error',
			reason: expect.stringMatching(/^update: invalid JSON/)
		});
		expect(parseMastodonEvent('announcement', '{}')).toMatchObject({ kind: 'skip' });
		expect(parseMastodonEvent('something.new', 'x')).toEqual({
			kind: 'skip',
			reason: "unknown event 'something.new'"
		});
	});

	it('resolves reply_to to the uri of a status seen before', () => {
		const seen = new Map<string, string>();
		const opts: MastodonOptions = {
			instance: 'mastodon.example',
			resolveStatusId: (id) => seen.get(id),
			onStatus: (local, postId) => seen.set(local, postId)
		};
		const rs = events.map((e) => parseMastodonEvent(e.event, e.data, opts));
		expect(rs[2]).toMatchObject({ kind: 'post', post: { reply_to: S1.id } });
		expect(seen.get('113177198657543919')).toBe(S1.id);
		// without an instance and unresolved, no made-up reply_to
		const bare = parseMastodonEvent(events[2].event, events[2].data);
		expect(bare.kind).toBe('post');
		expect((bare as { post: Post }).post).not.toHaveProperty('reply_to');
	});

	it('qualifies a local reply and a local quote with the same instance (the account host)', () => {
		const status = {
			id: '7',
			uri: 'https://social.example/users/anna/statuses/7',
			created_at: '2026-12-01T10:00:00.000Z',
			content: '<p>ja</p>',
			account: { acct: 'anna', url: 'https://social.example/@anna' },
			in_reply_to_id: '5',
			quote_id: '6'
		};
		const r = parseMastodonStatus(status);
		expect(r).toMatchObject({
			kind: 'post',
			post: { reply_to: 'social.example/5', repost_of: 'social.example/6' }
		});
	});
});

describe('parseMastodonWs on the WebSocket fixture', () => {
	const rs = WS_LINES.map((l) => parseMastodonWs(l, OPTS));

	it('maps the same statuses as the SSE form', () => {
		expect(rs.map((r) => r.kind)).toEqual([
			'post',
			'post',
			'post',
			'skip',
			'skip',
			'post',
			'skip',
			'error',
			'error',
			'skip'
		]);
		expect(rs[0]).toEqual({ kind: 'post', post: S1 });
		expect(rs[1]).toEqual({ kind: 'post', post: S2 });
		expect(rs[5]).toEqual(results[3]);
		expect(rs[3]).toEqual({ kind: 'skip', reason: 'delete of status 113177198212345678' });
		expect(rs[7]).toEqual({ kind: 'error', reason: 'server error: Missing access token (401)' });
		for (const r of rs) if (r.kind === 'post') expect(validatePost(r.post).ok).toBe(true);
	});

	it('fails messages that are not the documented shape', () => {
		expect(parseMastodonWs('[1]').kind).toBe('error');
		expect(parseMastodonWs('{"stream":["public"]}').kind).toBe('error');
		expect(parseMastodonWs('{"event":"delete","payload":5}').kind).toBe('error');
	});
});

describe('parseMastodonStatus', () => {
	const status = (over: Record<string, unknown> = {}) => ({
		id: '1',
		created_at: '2024-09-21T19:30:00.000Z',
		visibility: 'public',
		language: 'nl',
		uri: 'https://a.example/users/x/statuses/1',
		url: 'https://a.example/@x/1',
		content: '<p>hoi</p>',
		spoiler_text: '',
		reblog: null,
		account: { id: '9', username: 'x', acct: 'x', url: 'https://a.example/@x' },
		favourites_count: 0,
		reblogs_count: 0,
		replies_count: 0,
		...over
	});

	it('qualifies a local acct with the host of account.url', () => {
		expect(parseMastodonStatus(status())).toMatchObject({ post: { author: 'x@a.example' } });
	});

	it('falls back to <instance>/<id> without a uri, and fails without either', () => {
		expect(
			parseMastodonStatus(status({ uri: undefined }), { instance: 's.example' })
		).toMatchObject({ post: { id: 's.example/1' } });
		const noHost = status({
			uri: undefined,
			account: { acct: 'x@b.example', url: 'not a url' }
		});
		expect(parseMastodonStatus(noHost).kind).toBe('error');
	});

	it('fails statuses with missing or wrong fields, with the field in the reason', () => {
		const cases: [Record<string, unknown>, RegExp][] = [
			[{ id: 5 }, /^status\.id/],
			[{ account: null }, /^status\.account/],
			[{ created_at: undefined }, /^status\.created_at/],
			[{ created_at: '21-09-2024' }, /^created_at: /],
			[{ content: null }, /^status\.content/],
			[{ content: '<p>\u0000</p>', spoiler_text: 'a\u0000' }, /NUL/]
		];
		for (const [over, reason] of cases) {
			const r = parseMastodonStatus(status(over)) as AdapterResult & { reason: string };
			expect(r.kind, JSON.stringify(over)).toBe('error');
			expect(r.reason).toMatch(reason);
		}
		expect(parseMastodonStatus('x').kind).toBe('error');
	});

	it('drops bad counts and a bad language instead of failing', () => {
		const r = parseMastodonStatus(
			status({ favourites_count: -1, reblogs_count: 1.5, replies_count: 2, language: 'nl_NL' })
		);
		expect(r).toMatchObject({ kind: 'post' });
		const p = (r as { post: Post }).post;
		expect(p.engagement).toEqual({ replies: 2 });
		expect(p).not.toHaveProperty('lang');
	});

	it('skips direct and private statuses', () => {
		expect(parseMastodonStatus(status({ visibility: 'direct' })).kind).toBe('skip');
		expect(parseMastodonStatus(status({ visibility: 'unlisted' })).kind).toBe('post');
	});

	describe('quote posts get repost_of, the quoted status’s post id (see also adapters-wire)', () => {
		const quoted = status({
			id: '7',
			uri: 'https://b.example/users/y/statuses/70',
			account: { acct: 'y@b.example', url: 'https://b.example/@y' }
		});
		const repostOf = (over: Record<string, unknown>, opts: MastodonOptions = {}) => {
			const r = parseMastodonStatus(status(over), { instance: 'a.example', ...opts });
			if (r.kind !== 'post') throw new Error(JSON.stringify(r));
			return r.post.repost_of;
		};

		it('Mastodon 4.4+: quote {state, quoted_status}', () => {
			expect(repostOf({ quote: { state: 'accepted', quoted_status: quoted } })).toBe(
				'https://b.example/users/y/statuses/70'
			);
			// Withheld (revoked, rejected, …) with no status and no id: none.
			expect(repostOf({ quote: { state: 'revoked', quoted_status: null } })).toBeUndefined();
			expect(repostOf({ quote: null })).toBeUndefined();
		});

		it('Mastodon ShallowQuote {state, quoted_status_id}: resolved, else on the instance', () => {
			const q = { quote: { state: 'accepted', quoted_status_id: '7' } };
			expect(repostOf(q)).toBe('a.example/7');
			expect(repostOf(q, { resolveStatusId: (id) => (id === '7' ? quoted.uri : undefined) })).toBe(
				quoted.uri
			);
		});

		it('Akkoma: quote is the Status, quote_id its id; Pleroma: pleroma.quote, pleroma.quote_id', () => {
			expect(repostOf({ quote: quoted, quote_id: '7' })).toBe(quoted.uri);
			expect(repostOf({ quote_id: '7' })).toBe('a.example/7');
			expect(repostOf({ pleroma: { quote: quoted, quote_id: '7' } })).toBe(quoted.uri);
			expect(repostOf({ pleroma: { quote_id: '7', quote_visible: false } })).toBe('a.example/7');
		});

		it('a quoted status with an over-long uri is referred to by the id it got here', () => {
			const long = { ...quoted, uri: `https://b.example/${'x'.repeat(200)}` };
			expect(repostOf({ quote: { state: 'accepted', quoted_status: long } })).toBe('a.example/7');
		});

		it('a boost shares the boosted status: repost_of is the id it got, also for a long uri', () => {
			const long = { ...quoted, uri: `https://b.example/${'x'.repeat(200)}` };
			const alone = parseMastodonStatus(long, { instance: 'a.example' });
			expect(alone).toMatchObject({ post: { id: 'a.example/7' } });
			expect(repostOf({ reblog: long })).toBe('a.example/7');
			// A boost of a quote post shares the quote post, not what it quotes.
			expect(
				repostOf({ reblog: { ...quoted, quote: { state: 'accepted', quoted_status: long } } })
			).toBe(quoted.uri);
		});
	});
});

describe('htmlToText', () => {
	it('turns paragraphs, line breaks and blocks into lines', () => {
		expect(htmlToText('<p>een</p><p>twee<br>drie<br/><br />vier</p>')).toBe(
			'een\n\ntwee\ndrie\n\nvier'
		);
		expect(htmlToText('<ul><li>a</li><li>b</li></ul><div>c</div>')).toBe('a\nb\nc');
		expect(htmlToText('<P>Hoofd<BR>letters</P>')).toBe('Hoofd\nletters');
		expect(htmlToText('  <p>  veel   \n  ruimte  </p>  ')).toBe('veel ruimte');
		expect(htmlToText('<pre>  code\n   blok</pre>')).toBe('code\n   blok');
		expect(htmlToText('')).toBe('');
	});

	it('keeps mentions, hashtags and the full link of a shortened one', () => {
		expect(
			htmlToText(
				'<p><span class="h-card"><a href="https://x.example/@a" class="u-url mention">@<span>a</span></a></span> zie <a href="https://x.example/tags/b" class="mention hashtag">#<span>b</span></a> <a href="https://example.com/heel/lang/pad"><span class="invisible">https://</span><span class="ellipsis">example.com/heel/la</span><span class="invisible">ng/pad</span></a></p>'
			)
		).toBe('@a zie #b https://example.com/heel/lang/pad');
	});

	it('decodes entities once, not twice', () => {
		expect(htmlToText('&amp;lt;script&amp;gt;')).toBe('&lt;script&gt;');
		expect(htmlToText('a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &apos;f&apos;')).toBe(
			"a & b <c> \"d\" 'e' 'f'"
		);
		expect(htmlToText('&#8364; &#x20AC; &#X20ac; &euro; &eacute;&euml;')).toBe('€ € € € éë');
		expect(htmlToText('&#0; &#xD800; &#x110000; &#99999999999;')).toBe(
			'\ufffd \ufffd \ufffd \ufffd'
		);
		expect(htmlToText('&bogus; &amp &')).toBe('&bogus; &amp &');
		expect(decodeEntities('&amp;amp;')).toBe('&amp;');
		expect(decodeEntities('&constructor; &__proto__;')).toBe('&constructor; &__proto__;');
	});

	it('never lets markup survive: scripts, styles, attributes, comments', () => {
		const hostile = [
			'<script>alert(1)</script>',
			'<SCRIPT type="text/javascript">var a = "</p>";</SCRIPT >',
			'<style>p { color: red }</style>',
			'<a href="javascript:alert(1)" onclick="steal()" title="x > y">klik</a>',
			'<img src=x onerror=alert(1)>',
			"<a title='<script>'>b</a>",
			'<!-- <script>c</script> -->',
			'<!--> <!---> <!doctype html> <?xml version="1.0"?>',
			'<iframe src="https://evil.example"><p>fallback</p></iframe>',
			'<svg><script>d</script></svg>',
			'</foo bar="<script>">',
			'<template><script>e</script></template>'
		].join(' ');
		const text = htmlToText(hostile);
		expect(text).toBe('klik b');
		expect(text).not.toMatch(/[<>]/);
	});

	it('drops what an unterminated tag or script would hide, and keeps a lone "<" as text', () => {
		expect(htmlToText('voor<script>alert(1)')).toBe('voor');
		expect(htmlToText('voor<a href="x')).toBe('voor');
		expect(htmlToText('voor<!-- nooit gesloten')).toBe('voor');
		expect(htmlToText('a < b en 3<4 en <3')).toBe('a < b en 3<4 en <3');
		expect(htmlToText('x </> y')).toBe('x y');
	});

	it('replaces U+0000 and turns a no-break space into a space', () => {
		expect(htmlToText('a\u0000b')).toBe('a\ufffdb');
		expect(htmlToText('Den&nbsp;Haag')).toBe('Den Haag');
	});

	it('puts back a link whose text the server shortened with an ellipsis (Bridgy Fed)', () => {
		expect(
			htmlToText(
				'<p>zie <a href="https://bsky.app/profile/h4lcy.bsky.social/post/3lwlumdwf522i" rel="nofollow">bsky.app/profile/h4lc...</a> nu</p>'
			)
		).toBe('zie https://bsky.app/profile/h4lcy.bsky.social/post/3lwlumdwf522i nu');
		expect(htmlToText('<a href="https://www.politie.nl/nieuws/x">politie.nl/nieu…</a>')).toBe(
			'https://www.politie.nl/nieuws/x'
		);
		// Kept: other words, a bare domain without ellipsis, a text that is no prefix of the href,
		// a non-http(s) href, a link with a line break, a mention.
		for (const h of [
			'<a href="https://example.com/a/b">klik hier...</a>',
			'<a href="https://example.com/a/b">example.com</a>',
			'<a href="https://evil.example/a">example.com/a...</a>',
			'<a href="javascript:alert(1)">javascript:ale...</a>',
			'<a href="https://example.com/a/b">example.com/<br>a...</a>',
			'<a href="https://x.example/@a" class="u-url mention">@<span>a</span></a>'
		])
			expect(htmlToText(h), h).toBe(htmlToText(h.replace(/ href="[^"]*"/, '')));
		// The href is an attribute, not text inside another attribute's quotes.
		expect(
			htmlToText(
				'<a title=\'x href="https://evil.example/a/b"\' href="https://example.com/a/b">example.com/a...</a>'
			)
		).toBe('https://example.com/a/b');
		expect(htmlToText('<a href=https://example.com/a/b>example.com/a...</a>')).toBe(
			'https://example.com/a/b'
		);
		expect(htmlToText('<a HREF="https://example.com/a&amp;b=1">example.com/a&amp;...</a>')).toBe(
			'https://example.com/a&b=1'
		);
	});

	it('runs in linear time on many links and inline elements (2.6 MB took 37 s before)', () => {
		const t0 = performance.now();
		const out = htmlToText('<p>' + '<a href="https://example.com/x">klik</a> x '.repeat(60_000));
		htmlToText('<p>' + '<span>x</span> '.repeat(60_000) + '</p>');
		expect(performance.now() - t0).toBeLessThan(2000);
		expect(out.length).toBe(60_000 * 'klik x '.length - 1);
	});

	it('runs in linear time on many shortened links', () => {
		const link = '<a href="https://example.com/aaaa/bbbb">example.com/aaaa/b...</a> x ';
		const t0 = performance.now();
		const out = htmlToText('<p>' + link.repeat(40_000) + '</p>');
		expect(performance.now() - t0).toBeLessThan(2000);
		expect(out.length).toBe(40_000 * 'https://example.com/aaaa/bbbb x '.length - 1);
	});

	it('runs in linear time on hostile input', () => {
		const big = '<a title="'.repeat(50_000) + '<'.repeat(100_000) + '&amp;'.repeat(100_000);
		const t0 = performance.now();
		htmlToText(big);
		htmlToText('<p>'.repeat(100_000) + 'x');
		expect(performance.now() - t0).toBeLessThan(2000);
	});
});

describe('createSseParser', () => {
	it('gives the same events for any split of the fixture, including CRLF and CR line ends', () => {
		const want = sseEvents(SSE);
		const rand = prng(5);
		for (const eol of ['\n', '\r\n', '\r']) {
			const text = SSE.replace(/\n/g, eol);
			for (let round = 0; round < 20; round++) {
				const p = createSseParser();
				const got: SseEvent[] = [];
				let i = 0;
				while (i < text.length) {
					const n = 1 + Math.floor(rand() * (round % 2 ? 7 : 400));
					got.push(...p.feed(text.slice(i, i + n)));
					i += n;
				}
				expect(got).toEqual(want);
				expect(p.comments).toBe(4);
			}
		}
	});

	it('decodes multi-byte characters split between byte chunks (with a streaming decoder)', () => {
		const bytes = new TextEncoder().encode(SSE);
		const want = sseEvents(SSE);
		const rand = prng(9);
		for (let round = 0; round < 10; round++) {
			const p = createSseParser();
			const dec = new TextDecoder();
			const got: SseEvent[] = [];
			let i = 0;
			while (i < bytes.length) {
				const n = 1 + Math.floor(rand() * 5);
				got.push(...p.feed(dec.decode(bytes.subarray(i, i + n), { stream: true })));
				i += n;
			}
			got.push(...p.feed(dec.decode()));
			expect(got).toEqual(want);
		}
	});

	it('follows the event-stream rules', () => {
		const p = createSseParser();
		const seen: string[] = [];
		const q = createSseParser({ onComment: (c) => seen.push(c) });
		expect(
			p.feed(
				'\ufeffdata: een\ndata:twee\ndata\n\n' +
					'event: update\nid: 7\nretry: 3000\nfoo: bar\ndata: {"a":1}\n\n' +
					'event: leeg\n\n' +
					'data: geen type\n\n'
			)
		).toEqual([
			{ event: 'message', data: 'een\ntwee\n' },
			{ event: 'update', data: '{"a":1}', id: '7' },
			{ event: 'message', data: 'geen type', id: '7' }
		]);
		expect(p.retry).toBe(3000);
		expect(p.lastEventId).toBe('7');
		expect(q.feed(':thump\n: met spatie\nevent: x\ndata: 1\n')).toEqual([]);
		expect(seen).toEqual(['thump', ' met spatie']);
		// an event without its blank line is not dispatched at the end
		expect(q.end()).toEqual([]);
		expect(q.feed('\n')).toEqual([]);
	});

	it('drops an over-long event or line whole and goes on', () => {
		const p = createSseParser({ maxEventChars: 100 });
		const long = 'x'.repeat(150);
		expect(p.feed(`event: update\ndata: ${long}\ndata: y\n\ndata: ok\n\n`)).toEqual([
			{ event: 'message', data: 'ok' }
		]);
		expect(p.dropped).toBe(1);
		const out: SseEvent[] = [];
		for (let i = 0; i < 10; i++) out.push(...p.feed('data: ' + 'z'.repeat(60)));
		// the line ends, then the blank line ends the event it spoilt
		out.push(...p.feed('\n\ndata: na\n\n'));
		expect(out).toEqual([{ event: 'message', data: 'na' }]);
		expect(p.dropped).toBe(2);
	});
});
