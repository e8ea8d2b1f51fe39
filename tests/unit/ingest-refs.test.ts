/**
 * Pseudonymous post references and dead-letter redaction (issue 10), on real wire messages: the
 * Jetstream and Mastodon fixtures in ../shared/fixtures/wire (read from there, not copied).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJetstream } from '../../src/lib/adapters/bluesky';
import { parseMastodonEvent } from '../../src/lib/adapters/mastodon';
import { readPostsCsv } from '../../src/lib/ingest/csv';
import { createPipeline, type RejectRow, type Store } from '../../src/lib/ingest/pipeline';
import { redactDeadLetter } from '../../src/lib/ingest/redact';
import { namesAccount, REF_TOKEN_RE, refToken, rewriteRefs } from '../../src/lib/ingest/refs';
import { ingestRow, type IngestRow } from '../../src/lib/ingest/rows';
import { createLocator } from '../../src/lib/geo/locate';
import type { Post } from '../../src/lib/posts/post';
import { BUILTIN_PLACES } from '../../src/lib/scenario/index';
import { hmacPseudonymiser } from '../../src/lib/server/pseudonym';

const WIRE = new URL('../../../shared/fixtures/wire/', import.meta.url);
const wire = (name: string) => readFileSync(new URL(name, WIRE), 'utf8');
const pseudonymise = hmacPseudonymiser('5e'.repeat(32));

function row(p: Post): IngestRow {
	return ingestRow({ ...p, method: 'none' }, pseudonymise);
}

const REF_FIELDS = ['id', 'url', 'reply_to', 'repost_of'] as const;

/** Jetstream posts of the fixture, as posts. */
function jetstreamPosts(): Post[] {
	const out: Post[] = [];
	for (const line of wire('jetstream.ndjson').split('\n')) {
		if (!line.trim()) continue;
		const r = parseJetstream(line);
		if ('post' in r) out.push(r.post);
	}
	return out;
}

/** The `update` events of the Mastodon fixtures with the instance their comments name. */
function mastodonUpdates(): { data: string; instance?: string }[] {
	const out: { data: string; instance?: string }[] = [];
	for (const name of ['mastodon-statuses.sse', 'mastodon-docs.sse', 'mastodon-recorded-user.sse']) {
		let instance: string | undefined;
		let event = '';
		for (const line of wire(name).split('\n')) {
			if (line.startsWith(': instance ')) instance = line.slice(11).trim();
			else if (line.startsWith('event: ')) event = line.slice(7).trim();
			else if (line.startsWith('data: ') && event === 'update')
				out.push({ data: line.slice(6), instance });
		}
	}
	return out;
}

describe('namesAccount', () => {
	it('names the forms that carry a handle, a DID or an instance', () => {
		for (const [source, v] of [
			['bluesky', 'at://did:plc:wq4aajammjtxdomz3e23667t/app.bsky.feed.post/3mptbyplj5d2a'],
			['x', 'at://alice.bsky.social/app.bsky.feed.post/3k'],
			['bluesky', 'https://bsky.app/profile/did:plc:abc/post/3k'],
			['other', 'https://bsky.app/profile/alice.bsky.social/post/3k'],
			['mastodon', 'https://icosahedron.website/users/halcy/statuses/110446222386355655'],
			['other', 'https://icosahedron.website/@halcy/110446222386355655'],
			['mastodon', 'https://akkoma.example/objects/9b2f'],
			['mastodon', 'mastodon.social/110446223051565765'],
			['x', 'https://x.com/merel/status/123'],
			['x', 'https://twitter.com/merel/status/123'],
			['tiktok', 'https://www.tiktok.com/@merel/video/1'],
			['telegram', 'https://t.me/kanaal/12'],
			['facebook', 'https://www.facebook.com/merel/posts/1'],
			['other', 'halcy@icosahedron.website'],
			['other', 'x:did:web:example.com']
		])
			expect([source, v, namesAccount(source, v)]).toEqual([source, v, true]);
	});

	it('keeps ids and links without an account', () => {
		for (const [source, v] of [
			['x', 'x:1249003'],
			['bluesky', 'bsky:000123'],
			['mastodon', 'md:000123'],
			['other', 'https://nos.nl/artikel/2450000-onrust-in-haren'],
			['x', 'mailto:nobody'],
			['report', 'melding:12']
		])
			expect([source, v, namesAccount(source, v)]).toEqual([source, v, false]);
	});
});

describe('rewriting the references of real Bluesky posts (Jetstream fixture)', () => {
	const posts = jetstreamPosts();

	it('has posts, replies and quotes to test', () => {
		expect(posts.length).toBeGreaterThan(15);
		expect(posts.some((p) => p.reply_to)).toBe(true);
		expect(posts.some((p) => p.repost_of)).toBe(true);
	});

	it('leaves no DID and no at:// URI in id, url, reply_to or repost_of; keeps them apart', () => {
		for (const p of posts) {
			const r = row(p);
			const did = p.author;
			for (const f of REF_FIELDS) {
				const v = r[f];
				if (v === undefined) continue;
				expect(v).not.toContain(did);
				expect(v).not.toMatch(/at:\/\/|did:|bsky\.app/);
			}
			expect(r.id).toMatch(REF_TOKEN_RE);
			expect(r.url).toBeUndefined();
			expect(r.raw_id).toBe(p.id);
			expect(r.raw_url).toBe(p.url);
			expect(r.raw_reply_to).toBe(p.reply_to);
			expect(r.raw_repost_of).toBe(p.repost_of);
			expect(r.author).not.toContain(did);
		}
	});

	it('keeps threads linked: a reply points at its parent’s token, a quote at the quoted post’s', () => {
		const reply = posts.find((p) => p.reply_to)!;
		const parent: Post = { ...reply, id: reply.reply_to!, reply_to: undefined };
		expect(row(reply).reply_to).toBe(row(parent).id);
		const quote = posts.find((p) => p.repost_of)!;
		expect(row(quote).repost_of).toBe(row({ ...quote, id: quote.repost_of! }).id);
		// Stable: the same post gives the same token; another post another.
		expect(row(reply).id).toBe(row({ ...reply }).id);
		expect(new Set(posts.map((p) => row(p).id)).size).toBe(new Set(posts.map((p) => p.id)).size);
	});
});

describe('rewriting the references of real Mastodon statuses (SSE fixtures)', () => {
	const seen: { post: Post; status: Record<string, unknown> }[] = [];
	for (const u of mastodonUpdates()) {
		const r = parseMastodonEvent('update', u.data, { instance: u.instance });
		if ('post' in r) seen.push({ post: r.post, status: JSON.parse(u.data) });
	}

	it('has statuses, boosts and replies to test', () => {
		expect(seen.length).toBeGreaterThan(40);
		expect(seen.some((s) => s.post.repost_of)).toBe(true);
	});

	it('leaves no username, acct or account URL in id, url, reply_to or repost_of', () => {
		for (const { post, status } of seen) {
			const r = row(post);
			const account = status.account as { username: string; acct: string };
			for (const f of REF_FIELDS) {
				const v = r[f];
				if (v === undefined) continue;
				expect(v).toMatch(REF_TOKEN_RE);
				expect(v.toLowerCase()).not.toContain(account.username.toLowerCase());
				expect(v).not.toMatch(/\/users\/|\/@|https?:/);
			}
			expect(r.raw_id).toBe(post.id);
			if (post.url !== undefined) {
				expect(r.url).toBeUndefined();
				expect(r.raw_url).toBe(post.url);
			}
		}
	});

	it('links a boost to the boosted status', () => {
		const boost = seen.find((s) => s.post.repost_of && s.status.reblog)!;
		const original = (boost.status.reblog as { uri: string }).uri;
		expect(row(boost.post).repost_of).toBe(refToken(pseudonymise, 'mastodon', original));
	});
});

describe('rewriteRefs on other sources', () => {
	it('hashes an id sent in the token form, so no sender can take a stored post’s token', () => {
		const victim = refToken(pseudonymise, 'bluesky', 'at://did:plc:abc/app.bsky.feed.post/1');
		const r = rewriteRefs('bluesky', { id: victim, reply_to: victim }, pseudonymise);
		expect(r.refs.id).toMatch(REF_TOKEN_RE);
		expect(r.refs.id).not.toBe(victim);
		expect(r.refs.reply_to).toBe(r.refs.id);
		expect(r.raw).toEqual({ id: victim, reply_to: victim });
	});

	it('keeps an X id and a news link, withholds a link to the profile', () => {
		const r = rewriteRefs(
			'x',
			{ id: 'x:1249003', url: 'https://x.com/merel/status/1249003', reply_to: 'x:1249001' },
			pseudonymise
		);
		expect(r.refs).toEqual({ id: 'x:1249003', reply_to: 'x:1249001' });
		expect(r.raw).toEqual({ url: 'https://x.com/merel/status/1249003' });
		const news = rewriteRefs('other', { id: 'o:1', url: 'https://nos.nl/artikel/1' }, pseudonymise);
		expect(news.refs).toEqual({ id: 'o:1', url: 'https://nos.nl/artikel/1' });
		expect(news.raw).toEqual({});
	});
});

describe('dead letters (raw_redacted)', () => {
	const HANDLES =
		/halcy|merel|secret|alice|bob|carol|dave|erin|wq4aajammjtxdomz3e23667t|did:plc|at:\/\//i;

	it('removes handles from every field of a real Mastodon status line', () => {
		const { data } = mastodonUpdates()[0];
		const red = redactDeadLetter(data, undefined, pseudonymise)!;
		expect(data).toContain('halcy');
		expect(red).not.toMatch(/halcy|icosahedron/i);
		expect(JSON.parse(red).account).toBe('[verwijderd]');
	});

	it('removes the DID from a real Jetstream event line', () => {
		const line = wire('jetstream.ndjson').split('\n')[0];
		const red = redactDeadLetter(line, undefined, pseudonymise)!;
		expect(line).toMatch(/did:plc:/);
		expect(red).not.toMatch(/did:plc|at:\/\//);
	});

	it('removes screen_name, user.screen_name, url, uri, acct, handle, username at any depth', () => {
		const hostile = {
			source: 'x',
			author: '@merel',
			id: 'at://did:plc:abc/app.bsky.feed.post/1',
			text: 'zie @bob en https://mastodon.social/@carol/1 en at://did:plc:xyz/a/b',
			screen_name: 'alice',
			user: { screen_name: 'alice', id_str: '123' },
			in_reply_to_screen_name: 'dave',
			nested: [{ acct: 'erin@host', handle: 'erin', username: 'erin', did: 'did:plc:q' }],
			links: {
				url: 'https://host.example/users/carol/statuses/9',
				uri: 'https://bsky.app/profile/bob'
			},
			'@bob': 1
		};
		const red = redactDeadLetter(undefined, hostile, pseudonymise)!;
		expect(red).not.toMatch(HANDLES);
		const v = JSON.parse(red);
		expect(v.author).toBe(pseudonymise('x', '@merel'));
		expect(v.id).toBe(refToken(pseudonymise, 'x', hostile.id));
		expect(v.user).toBe('[verwijderd]');
		expect(v.links.url).toMatch(REF_TOKEN_RE);
	});

	it('redacts lines that are not JSON by pattern', () => {
		for (const line of [
			'{"author": "@secret", oops',
			'x:1,x,@alice,2024-01-01T00:00:00Z,hoi',
			'at://did:plc:wq4aajammjtxdomz3e23667t/app.bsky.feed.post/3m',
			'kijk https://mastodon.social/users/bob/statuses/1 en https://host.nl/@carol/2',
			'mail dave@example.org'
		]) {
			const red = redactDeadLetter(line, undefined, pseudonymise)!;
			expect([line, red]).not.toEqual([line, expect.stringMatching(HANDLES)]);
		}
	});
});

describe('the pipeline stores pseudonymous references and redacted dead letters', () => {
	function memoryStore() {
		const rows: IngestRow[] = [];
		const rejects: RejectRow[] = [];
		const store: Store = {
			async insert(batch) {
				rows.push(...batch);
				return new Set(batch.map((r) => `${r.source}\u0000${r.id}`));
			},
			async reject(batch) {
				rejects.push(...batch);
			}
		};
		return { store, rows, rejects };
	}

	it('rewrites a Bluesky post before insert and redacts rejected lines', async () => {
		const m = memoryStore();
		const p = createPipeline({
			store: m.store,
			locator: createLocator(BUILTIN_PLACES),
			pseudonymise,
			entry: 'import',
			origin: 'test'
		});
		const [bsky] = jetstreamPosts();
		await p.add([
			{ line: 1, value: bsky },
			{ line: 2, value: { ...bsky, lon: 500, lat: 1 } },
			{ line: 3, error: 'invalid JSON', raw: '{"id": "at://did:plc:zz/app.bsky.feed.post/1", ' }
		]);
		await p.flush();
		expect(p.outcomes.map((o) => [o.status, o.id])).toEqual([
			['stored', bsky.id],
			['rejected', bsky.id],
			['rejected', undefined]
		]);
		expect(m.rows[0].id).toMatch(REF_TOKEN_RE);
		expect(m.rows[0].raw_id).toBe(bsky.id);
		for (const r of m.rejects) {
			const seen = JSON.stringify({ ...r, raw: undefined });
			expect(seen).not.toMatch(/did:plc|at:\/\/|bsky\.app/);
		}
		expect(m.rejects[0].post_id).toBe(m.rows[0].id);
	});

	it('redacts a CSV record that could not be read by its author column', async () => {
		const m = memoryStore();
		const p = createPipeline({
			store: m.store,
			locator: createLocator(BUILTIN_PLACES),
			pseudonymise,
			entry: 'import',
			origin: 'test.csv'
		});
		const items = [];
		for await (const it of readPostsCsv([
			'id,source,author,created_at,text\n',
			'x:1,x,merelvdb,2012-09-21T20:00:00Z,hoi,extra merelvdb\n'
		]))
			items.push(it);
		await p.add(items);
		await p.flush();
		expect(m.rejects).toHaveLength(1);
		expect(m.rejects[0].raw).toContain('merelvdb');
		expect(m.rejects[0].raw_redacted).not.toContain('merelvdb');
	});
});
