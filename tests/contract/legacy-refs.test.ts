/**
 * Migration 20261207000040 on a database that already holds posts with raw references (issue 10):
 * the embedded database (PGlite) is brought up without it, given posts as the ingest stored them
 * before (a Bluesky reply chain, a Mastodon status, an X post with a profile link), an alert that
 * cites them and a broadcast; then reopened, which applies the migration. The raw references must
 * be gone from posts, post_keys, the alert and realtime.messages, kept in post_refs, the chain
 * still linked, and a re-import of the same post a duplicate.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/stack/db';

const SUPABASE = new URL('../../supabase/', import.meta.url).pathname;
const NEW = /^2026120700004\d_/;
const A = 'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3qo2vutsw2b';
const B = 'at://did:plc:q6gjnaw2blty4crticxkmujt/app.bsky.feed.post/3l3qo2vuowo2b';
const M = 'https://icosahedron.website/users/halcy/statuses/110446222386355655';
const RAW = /at:\/\/|did:plc|\/users\/|\/@|icosahedron|x\.com\/merel/;

describe('migration 20261207000040 on posts stored before it', () => {
	const root = mkdtempSync(join(tmpdir(), 'uitkijk-legacy-'));
	const supabaseDir = join(root, 'supabase');
	mkdirSync(join(supabaseDir, 'migrations'), { recursive: true });
	cpSync(join(SUPABASE, 'bootstrap'), join(supabaseDir, 'bootstrap'), { recursive: true });
	const all = readdirSync(join(SUPABASE, 'migrations')).filter((f) => f.endsWith('.sql'));
	const copy = (files: string[]) =>
		files.forEach((f) =>
			cpSync(join(SUPABASE, 'migrations', f), join(supabaseDir, 'migrations', f))
		);
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('moves raw references apart, keeps threads and de-duplication', async () => {
		const before = all.filter((f) => f < '20261207000040');
		expect(before.length).toBeLessThan(all.length);
		copy(before);
		mkdirSync(join(root, 'data'));
		const opts = { dataDir: join(root, 'data'), supabaseDir, geodataDir: null, log: () => {} };
		let db = await openDatabase(opts);
		await db.query(`select public.ingest_posts($1::jsonb)`, [
			JSON.stringify([
				{
					id: A,
					source: 'bluesky',
					author: 'ra',
					created_at: '2024-04-27T12:01:00Z',
					text: 'a',
					url: 'https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz/post/3l3qo2vutsw2b'
				},
				{
					id: B,
					source: 'bluesky',
					author: 'rb',
					created_at: '2024-04-27T12:02:00Z',
					text: 'b',
					reply_to: A
				},
				{
					id: M,
					source: 'mastodon',
					author: 'rm',
					created_at: '2024-04-27T12:03:00Z',
					text: 'm',
					repost_of: A.replace('bsky', 'x')
				},
				{
					id: 'x:1',
					source: 'x',
					author: 'rx',
					created_at: '2024-04-27T12:04:00Z',
					text: 'x',
					url: 'https://x.com/merel/status/1'
				},
				{
					id: 'x:2',
					source: 'x',
					author: 'rx',
					created_at: '2024-04-27T12:05:00Z',
					text: 'y',
					url: 'https://nos.nl/artikel/1'
				}
			])
		]);
		await db.query(
			`insert into public.alerts (id, kind, detected_at, severity, evidence, status)
			 values ('al-1', 'surge', '2024-04-27T12:10Z', 'info', array[$1, 'x:1', $2], 'resolved')`,
			[B, M]
		);
		await db.query(
			`insert into realtime.messages (topic, extension, payload, event, private)
			 values ('posts:unplaced', 'broadcast', $1, 'posts', true)`,
			[JSON.stringify({ posts: [{ id: A }] })]
		);
		await db.close();

		copy(all.filter((f) => NEW.test(f)));
		db = await openDatabase(opts);
		try {
			const posts = (
				await db.query<Record<string, string | null>>(
					`select source, id, url, reply_to, repost_of from public.posts order by created_at`
				)
			).rows;
			expect(JSON.stringify(posts)).not.toMatch(RAW);
			const [a, b, m, x1, x2] = posts;
			expect([a.id, b.id, m.id]).toEqual([
				expect.stringMatching(/^ref:[0-9a-f]{32}$/),
				expect.stringMatching(/^ref:[0-9a-f]{32}$/),
				expect.stringMatching(/^ref:[0-9a-f]{32}$/)
			]);
			expect(b.reply_to).toBe(a.id);
			expect([a.url, x1.url, x1.id, x2.url]).toEqual([
				null,
				null,
				'x:1',
				'https://nos.nl/artikel/1'
			]);

			const refs = (
				await db.query<Record<string, string | null>>(
					`select id, raw_id, raw_url, raw_reply_to from public.post_refs order by raw_id nulls last`
				)
			).rows;
			expect(refs.find((r) => r.id === b.id)).toMatchObject({ raw_id: B, raw_reply_to: A });
			expect(refs.find((r) => r.id === 'x:1')).toMatchObject({
				raw_id: null,
				raw_url: 'https://x.com/merel/status/1'
			});

			const keys = (await db.query<{ id: string }>(`select id from public.post_keys`)).rows;
			expect(JSON.stringify(keys)).not.toMatch(RAW);
			const alert = (await db.query<{ evidence: string[] }>(`select evidence from public.alerts`))
				.rows[0];
			expect(alert.evidence).toEqual([b.id, 'x:1', m.id]);
			const msgs = (
				await db.query<{ n: number }>(
					`select count(*)::int as n from realtime.messages where event = 'posts'`
				)
			).rows;
			expect(msgs[0].n).toBe(0);

			// The same Bluesky post again, as the ingest sends it now (an HMAC token, the raw id).
			const again = await db.query<{ id: string }>(
				`select id from public.ingest_post_keys($1::jsonb)`,
				[
					JSON.stringify([
						{
							id: 'ref:0123456789abcdef0123456789abcdef',
							source: 'bluesky',
							author: 'ra',
							created_at: '2024-04-27T12:01:00Z',
							text: 'a',
							raw_id: A
						}
					])
				]
			);
			expect(again.rows).toEqual([]);
		} finally {
			await db.close();
		}
	}, 300_000);
});
