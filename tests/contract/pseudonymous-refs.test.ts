/**
 * Pseudonymous post references through the real path (issue 10): a Bluesky post and a Mastodon
 * status from the wire fixtures (../shared/fixtures/wire, read from there) go through the ingest
 * pipeline into the local stack; an analyst reads them with supabase-js (RPCs and Realtime) and
 * sees tokens where the at:// id and the status URL were, the same token on both paths; the
 * prosecutor's reveal_post() returns the raw values. A rejected status line reaches the analyst
 * without its account.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { parseJetstream } from '../../src/lib/adapters/bluesky';
import { parseMastodonEvent } from '../../src/lib/adapters/mastodon';
import { REF_TOKEN_RE, refToken } from '../../src/lib/ingest/refs';
import type { Post } from '../../src/lib/posts/post';
import { ingestPipeline } from '../../src/lib/server/ingest';
import { hmacPseudonymiser } from '../../src/lib/server/pseudonym';
import { supabaseStore } from '../../src/lib/server/ingest-store';
import { startStack, type Stack } from '../../src/stack/server';

const WIRE = new URL('../../../shared/fixtures/wire/', import.meta.url);
const wire = (name: string) => readFileSync(new URL(name, WIRE), 'utf8');
const PASSWORD = 'uitkijk-demo';
const PSEUDONYM_KEY = '3c'.repeat(32);
const RAW = /at:\/\/|did:plc|\/users\/|\/@|bsky\.app|halcy|icosahedron/i;
/** JSON of what was read, without the post text: a text is shown as posted, its @mentions too
 * (this status mentions its own author); the references are what must not name anyone. */
const refsOf = (v: unknown) => JSON.stringify(v, (k, x) => (k === 'text' ? undefined : x));

/** The first Bluesky reply and the first Mastodon status of the fixtures, created now, in Groningen. */
function fixturePosts(): { bsky: Post; masto: Post; statusLine: string } {
	let bsky: Post | undefined;
	for (const line of wire('jetstream.ndjson').split('\n')) {
		const r = line.trim() ? parseJetstream(line) : null;
		if (r && 'post' in r && r.post.reply_to) {
			bsky = r.post;
			break;
		}
	}
	const data = wire('mastodon-statuses.sse')
		.split('\n')
		.find((l) => l.startsWith('data: ') && l.includes('halcy'))!
		.slice(6);
	const m = parseMastodonEvent('update', data, { instance: 'mastodon.social' });
	if (!('post' in m) || !bsky) throw new Error('fixtures: no post');
	const now = new Date().toISOString();
	const at = { lon: 6.5665, lat: 53.2194 };
	return {
		bsky: { ...bsky, created_at: now, ...at, text: 'help, er ligt iemand op straat' },
		masto: { ...m.post, created_at: now, ...at },
		statusLine: data
	};
}

describe('pseudonymous references through the pipeline, supabase-js and Realtime', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'uitkijk-pseudo-'));
	let stack: Stack;
	const clients: SupabaseClient[] = [];
	const client = (key: string) => {
		const c = createClient(stack.url, key, {
			auth: { persistSession: false, autoRefreshToken: false },
			realtime: { transport: ws as never, timeout: 5000 }
		});
		clients.push(c);
		return c;
	};
	async function signIn(email: string) {
		const c = client(stack.keys.anon_key);
		const { error } = await c.auth.signInWithPassword({ email, password: PASSWORD });
		if (error) throw error;
		return c;
	}

	beforeAll(async () => {
		stack = await startStack({
			dataDir,
			geodataDir: null,
			port: 0,
			demo: true,
			testHooks: true,
			log: () => {}
		});
	}, 120_000);
	afterAll(async () => {
		await Promise.all(clients.map((c) => c.removeAllChannels()));
		await stack?.close();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('an analyst reads and receives tokens, never the raw references; a prosecutor reveals them', async () => {
		const { bsky, masto, statusLine } = fixturePosts();
		const pseudonymise = hmacPseudonymiser(PSEUDONYM_KEY);
		const bskyId = refToken(pseudonymise, 'bluesky', bsky.id);
		const mastoId = refToken(pseudonymise, 'mastodon', masto.id);
		expect([bskyId, mastoId]).toEqual([
			expect.stringMatching(REF_TOKEN_RE),
			expect.stringMatching(REF_TOKEN_RE)
		]);

		const analyst = await signIn('analist.nn@uitkijk.demo');
		const received: unknown[] = [];
		const status = await new Promise<string>((resolve) => {
			analyst
				.channel('posts:unit:NN', { config: { private: true } })
				.on('broadcast', { event: 'posts' }, (m) => received.push(m.payload))
				.subscribe((s) => resolve(s));
		});
		expect(status).toBe('SUBSCRIBED');

		const since = new Date(Date.now() - 1000).toISOString();
		const pipeline = await ingestPipeline({
			store: supabaseStore(client(stack.keys.service_key)),
			pseudonymKey: PSEUDONYM_KEY,
			entry: 'api',
			origin: 'contract-pseudo'
		});
		await pipeline.add([
			{ line: 1, post: bsky },
			{ line: 2, post: masto },
			// A status as Mastodon sends it is not a post of the format: a dead letter.
			{ line: 3, value: JSON.parse(statusLine), raw: statusLine }
		]);
		await pipeline.flush();
		expect(pipeline.outcomes.map((o) => o.status)).toEqual(['stored', 'stored', 'rejected']);

		// Realtime: both posts arrive, under their tokens, with nothing raw in the payload.
		const ids = () =>
			received.flatMap((p) => (p as { posts: { id: string }[] }).posts.map((x) => x.id));
		await expect.poll(ids, { timeout: 10_000 }).toEqual(expect.arrayContaining([bskyId, mastoId]));
		expect(refsOf(received)).not.toMatch(RAW);
		const live = received
			.flatMap((p) => (p as { posts: Record<string, unknown>[] }).posts)
			.find((x) => x.id === bskyId)!;
		expect(live.reply_to).toBe(refToken(pseudonymise, 'bluesky', bsky.reply_to!));
		expect(live.url).toBeNull();

		// The read functions: the same ids as Realtime (the client de-duplicates by them).
		const from = new Date(Date.now() - 3_600_000).toISOString();
		const to = new Date(Date.now() + 3_600_000).toISOString();
		const reads = await Promise.all([
			analyst.rpc('posts_since', { since, min_created: from }),
			analyst.rpc('posts_in_window', { t_from: from, t_to: to }),
			analyst.rpc('help_queue', { t_from: from, t_to: to })
		]);
		for (const r of reads) expect(r.error).toBeNull();
		const [sinceRows, windowRows, helpRows] = reads.map((r) => r.data as Record<string, unknown>[]);
		for (const rows of [sinceRows, windowRows])
			expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining([bskyId, mastoId]));
		expect(helpRows.map((r) => r.id)).toContain(bskyId);
		expect(refsOf(reads.map((r) => r.data))).not.toMatch(RAW);

		// Dead letter: the analyst sees the status line without its account.
		const rejects = await analyst.rpc('ingest_rejects', { only_entry: 'api' });
		expect(rejects.error).toBeNull();
		const dead = (rejects.data as { origin: string; raw_redacted: string | null }[]).find(
			(r) => r.origin === 'contract-pseudo'
		)!;
		expect(statusLine).toMatch(/halcy/);
		expect(dead.raw_redacted).toBeTruthy();
		expect(dead.raw_redacted).not.toMatch(RAW);

		// Only the prosecutor reveals, with a reason, and it is logged.
		const denied = await analyst.rpc('reveal_post', {
			post_source: 'bluesky',
			post_id: bskyId,
			reason: 'OM-1'
		});
		expect(denied.error?.code).toBe('42501');
		const prosecutor = await signIn('officier@uitkijk.demo');
		const shown = await prosecutor.rpc('reveal_post', {
			post_source: 'bluesky',
			post_id: bskyId,
			reason: 'OM-2026-12'
		});
		expect(shown.error).toBeNull();
		expect(shown.data).toEqual([
			{
				source: 'bluesky',
				id: bskyId,
				raw_id: bsky.id,
				raw_url: bsky.url,
				raw_reply_to: bsky.reply_to,
				raw_repost_of: bsky.repost_of ?? null
			}
		]);
		const masto2 = await prosecutor.rpc('reveal_post', {
			post_source: 'mastodon',
			post_id: mastoId,
			reason: 'OM-2026-12'
		});
		expect((masto2.data as { raw_id: string }[])[0].raw_id).toBe(masto.id);
		const { data: log } = await stack.db
			.query<{ n: number }>(
				`select count(*)::int as n from public.audit_log where action = 'reveal_post' and detail ->> 'reason' = 'OM-2026-12'`
			)
			.then((r) => ({ data: r.rows }));
		expect(log[0].n).toBe(2);
	}, 60_000);
});
