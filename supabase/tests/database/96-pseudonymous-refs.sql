-- Pseudonymous post references (issue 10): a reference that names an account (an at:// id, a
-- Mastodon status URL) is stored as a token; no role but the prosecutor, through the audited
-- reveal_post(), reaches the raw value: not in the posts table, the read functions, help_queue
-- or the realtime payloads.
begin;
select plan(32);

select tests.fixtures();

-- The rule the database enforces.
select ok(private.names_account('bluesky', 'at://did:plc:abc/app.bsky.feed.post/3k'), 'an at:// URI names an account');
select ok(private.names_account('x', 'at://alice.bsky.social/app.bsky.feed.post/3k'), 'whatever the source');
select ok(private.names_account('mastodon', 'https://mastodon.social/users/bob/statuses/1'), 'a Mastodon status URI does');
select ok(private.names_account('other', 'https://host.example/@bob/1'), 'a /@user URL does');
select ok(private.names_account('other', 'https://bsky.app/profile/did:plc:abc/post/3k'), 'a bsky.app profile link does');
select ok(private.names_account('mastodon', 'mastodon.social/1101'), 'an instance-qualified status id does');
select ok(not private.names_account('x', 'x:1249003') and not private.names_account('bluesky', 'bsky:12')
  and not private.names_account('other', 'https://nos.nl/artikel/1') and not private.names_account('x', null),
  'plain ids and news links do not');

-- A raw reference, as the ingest stored it before, is refused by the table, whatever inserts it.
select throws_ok(
  $$select public.ingest_post_keys('[{"id": "at://did:plc:abc/app.bsky.feed.post/3k", "source": "bluesky",
     "author": "rx", "created_at": "2024-04-27T12:30:00Z", "text": "x"}]'::jsonb)$$,
  '23514', null, 'a raw at:// id is refused');
select throws_ok(
  $$select public.ingest_post_keys('[{"id": "md:1", "source": "mastodon", "author": "rx", "created_at": "2024-04-27T12:30:00Z",
     "text": "x", "url": "https://mastodon.social/@bob/1"}]'::jsonb)$$,
  '23514', null, 'a raw Mastodon url is refused');
select throws_ok(
  $$select public.ingest_post_keys('[{"id": "md:2", "source": "mastodon", "author": "rx", "created_at": "2024-04-27T12:30:00Z",
     "text": "x", "reply_to": "https://mastodon.social/users/bob/statuses/1"}]'::jsonb)$$,
  '23514', null, 'a raw reply_to is refused');

-- The ingest's rows: tokens in the post, the raw values apart. A Bluesky reply in T1 (GM9991)
-- and a Mastodon boost of it, both calls for help.
select results_eq(
  $$select source, id from public.ingest_post_keys($j$[
    {"id": "ref:00000000000000000000000000000001", "source": "bluesky", "author": "rb1",
     "handle": "did:plc:ewvi7nxzyoun6zhxrhs64oiz", "created_at": "2024-04-27T12:30:00Z",
     "text": "help bij het plein", "method": "gps", "x": 20.5, "y": 1.0, "precision_m": 10,
     "h3_r5": "851f0b3ffffffff", "h3_r8": "881f0b3a8bfffff", "h3_r10": "8a1f0b3a8b97fff", "classes": ["help"],
     "reply_to": "ref:00000000000000000000000000000009",
     "raw_id": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3qo2vutsw2b",
     "raw_url": "https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz/post/3l3qo2vutsw2b",
     "raw_reply_to": "at://did:plc:q6gjnaw2blty4crticxkmujt/app.bsky.feed.post/3l3qo2vuowo2b"},
    {"id": "ref:00000000000000000000000000000002", "source": "mastodon", "author": "rm1",
     "handle": "halcy@icosahedron.website", "created_at": "2024-04-27T12:31:00Z",
     "text": "help bij het plein", "method": "gps", "x": 20.5, "y": 1.0, "precision_m": 10,
     "h3_r5": "851f0b3ffffffff", "h3_r8": "881f0b3a8bfffff", "h3_r10": "8a1f0b3a8b97fff", "classes": ["help"],
     "repost_of": "ref:00000000000000000000000000000003",
     "raw_id": "https://icosahedron.website/users/halcy/statuses/110446222386355655",
     "raw_url": "https://icosahedron.website/@halcy/110446222386355655",
     "raw_repost_of": "https://mastodon.social/users/bob/statuses/1"}
  ]$j$::jsonb) order by id$$,
  $$values ('bluesky', 'ref:00000000000000000000000000000001'), ('mastodon', 'ref:00000000000000000000000000000002')$$,
  'the ingest stores posts whose references are tokens');
select is(
  (select count(*)::int from public.post_refs where id in ('ref:00000000000000000000000000000001', 'ref:00000000000000000000000000000002')),
  2, 'the raw references are kept apart');

-- The same post again under another token (stored before under a random token): a duplicate.
select is(
  (select count(*)::int from public.ingest_post_keys($j$[
    {"id": "ref:0000000000000000000000000000000f", "source": "bluesky", "author": "rb1",
     "created_at": "2024-04-27T12:30:00Z", "text": "help bij het plein",
     "raw_id": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3qo2vutsw2b"}]$j$::jsonb)),
  0, 'a post already stored under its raw id is not stored again');

-- Everything a role reads of these posts: the table, the read functions, the queue of calls for
-- help. Must hold the tokens (the role sees the posts) and no raw reference.
create function tests.pseudo_reads(who text) returns text
language plpgsql
as $$
declare
  seen text;
begin
  perform tests.authenticate_as(who);
  select pg_catalog.string_agg(t, ' ') into seen from (
    select pg_catalog.to_jsonb(p)::text as t from public.posts p where p.created_at >= '2024-04-27T12:30Z'
    union all
    select pg_catalog.to_jsonb(w)::text from public.posts_in_window('2024-04-27T12:29Z', '2024-04-27T12:40Z') w
    union all
    select pg_catalog.to_jsonb(s)::text from public.posts_since('2000-01-01', '2024-04-27T12:29Z') s
    union all
    select pg_catalog.to_jsonb(h)::text from public.help_queue('2024-04-27T12:29Z', '2024-04-27T12:40Z') h
  ) x;
  perform tests.clear_authentication();
  return coalesce(seen, '');
end;
$$;

select ok(tests.pseudo_reads('analyst.t1@test') ~ 'ref:00000000000000000000000000000001.*ref:00000000000000000000000000000002',
  'the analyst reads the posts (their tokens)');
select ok(tests.pseudo_reads('analyst.t1@test') !~* '(at://|did:plc|/users/|/@|bsky\.app|icosahedron)',
  'the analyst reads no raw reference');
select ok(tests.pseudo_reads('commander.t1@test') ~ 'ref:00000000000000000000000000000002'
  and tests.pseudo_reads('commander.t1@test') !~* '(at://|did:plc|/users/|/@|bsky\.app|icosahedron)',
  'the commander reads the posts and no raw reference');
select ok(tests.pseudo_reads('mayor.gm9991@test') ~ 'ref:00000000000000000000000000000002'
  and tests.pseudo_reads('mayor.gm9991@test') !~* '(at://|did:plc|/users/|/@|bsky\.app|icosahedron)',
  'the mayor reads the posts and no raw reference');
select ok(tests.pseudo_reads('planner@test') ~ 'ref:00000000000000000000000000000002'
  and tests.pseudo_reads('planner@test') !~* '(at://|did:plc|/users/|/@|bsky\.app|icosahedron)',
  'the planner reads the posts and no raw reference');
select ok(tests.pseudo_reads('prosecutor@test') !~* '(at://|did:plc|/users/|/@|bsky\.app|icosahedron)',
  'the prosecutor''s ordinary reads hold no raw reference either (reveal_post is the way)');

-- The realtime payloads of these posts.
select ok(
  (select pg_catalog.string_agg(m.payload::text, ' ') from realtime.messages m where m.event = 'posts')
    ~ 'ref:00000000000000000000000000000001',
  'the posts were broadcast');
select ok(
  (select pg_catalog.string_agg(m.payload::text, ' ') from realtime.messages m where m.event = 'posts')
    !~* '(at://|did:plc|/users/|/@|bsky\.app|icosahedron)',
  'no broadcast carries a raw reference');

-- reveal_post: prosecutors only, with a reason, audit-logged.
select is(tests.try('analyst.t1@test', $$select * from public.reveal_post('bluesky', 'ref:00000000000000000000000000000001', 'OM-1')$$),
  'denied', 'an analyst may not reveal a post');
select is(tests.try('commander.t1@test', $$select * from public.reveal_post('bluesky', 'ref:00000000000000000000000000000001', 'OM-1')$$),
  'denied', 'a commander may not');
select is(tests.try('mayor.gm9991@test', $$select * from public.reveal_post('bluesky', 'ref:00000000000000000000000000000001', 'OM-1')$$),
  'denied', 'a mayor may not');
select is(tests.try('planner@test', $$select * from public.reveal_post('bluesky', 'ref:00000000000000000000000000000001', 'OM-1')$$),
  'denied', 'a planner may not');
select is(tests.try('anon', $$select * from public.reveal_post('bluesky', 'ref:00000000000000000000000000000001', 'OM-1')$$),
  'denied', 'anon may not');
select matches(tests.try('prosecutor@test', $$select * from public.reveal_post('bluesky', 'ref:00000000000000000000000000000001', ' ')$$),
  '^error:22023', 'a reveal needs a reason');
select is(tests.try('analyst.t1@test', $$select * from public.post_refs$$), 'denied', 'no role reads post_refs directly');
select tests.authenticate_as('prosecutor@test');
select results_eq(
  $$select raw_id, raw_url, raw_reply_to from public.reveal_post('bluesky', 'ref:00000000000000000000000000000001', 'OM-2024-7')$$,
  $$values ('at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3qo2vutsw2b',
            'https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz/post/3l3qo2vutsw2b',
            'at://did:plc:q6gjnaw2blty4crticxkmujt/app.bsky.feed.post/3l3qo2vuowo2b')$$,
  'a prosecutor sees the raw references');
select is(
  (select count(*)::int from public.audit_log where action = 'reveal_post'
     and object = 'bluesky/ref:00000000000000000000000000000001'
     and detail ->> 'reason' = 'OM-2024-7' and (detail ->> 'found')::boolean
     and user_id = 'f0000000-0000-4000-8000-000000000005'),
  1, 'the reveal is audit-logged with who, the post and the reason');
select results_eq(
  $$select id, raw_id, raw_repost_of from public.export_evidence('2024-04-27T12:29Z', '2024-04-27T12:40Z', null, null, null, null, 'OM-2024-7')
    order by id$$,
  $$values ('ref:00000000000000000000000000000001', 'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3qo2vutsw2b', null::text),
           ('ref:00000000000000000000000000000002', 'https://icosahedron.website/users/halcy/statuses/110446222386355655',
            'https://mastodon.social/users/bob/statuses/1')$$,
  'the prosecutor''s evidence export carries the raw references');
select tests.clear_authentication();
select ok(
  (select p.prosecdef from pg_proc p where p.oid = 'public.reveal_post(text, text, text)'::regprocedure) = false
  and (select p.prosecdef from pg_proc p where p.oid = 'private.reveal_post(text, text, text)'::regprocedure),
  'public.reveal_post is an invoker wrapper over a definer in private');

select * from finish();
rollback;
