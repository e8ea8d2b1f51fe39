-- The ingest pipeline's database side: which rows were stored, classes and the queue of calls for
-- help, the dead-letter store (analysts see it redacted, prosecutors reveal a raw line with a
-- reason, audit-logged), and API keys.
begin;
select plan(20);

select tests.fixtures();

-- ingest_post_keys answers with the rows it stored; a repeat and a duplicate within the batch
-- are not stored twice.
select results_eq(
  $$select source, id from public.ingest_post_keys($j$[
    {"id": "p1", "source": "test", "author": "rh", "created_at": "2024-04-27T12:20:00Z", "text": "help er ligt iemand",
     "method": "gps", "x": 20.5, "y": 1.0, "precision_m": 10, "classes": ["help"]},
    {"id": "p1", "source": "test", "author": "rh", "created_at": "2024-04-27T12:20:00Z", "text": "help er ligt iemand"},
    {"id": "t1", "source": "test", "author": "ra", "created_at": "2024-04-27T12:01:00Z", "text": "eerste"},
    {"id": "p2", "source": "test", "author": "rh", "created_at": "2024-04-27T12:21:00Z", "text": "bel 112 bij het plein",
     "method": "gps", "x": 23.0, "y": 1.0, "precision_m": 10, "classes": ["help", "report"]},
    {"id": "p3", "source": "test", "author": "rh", "created_at": "2024-04-27T12:22:00Z", "text": "gewoon", "classes": []}
  ]$j$::jsonb) order by id$$,
  $$values ('test', 'p1'), ('test', 'p2'), ('test', 'p3')$$,
  'ingest_post_keys returns the (source, id) it stored, not the repeat of t1 nor the second p1');
select results_eq(
  $$select id, classes from public.posts where source = 'test' and id in ('p1', 'p2', 'p3') order by id$$,
  $$values ('p1', array['help']), ('p2', array['help', 'report']), ('p3', null::text[])$$,
  'classes are stored; an empty list is stored as none');
select is(
  (select inserted || '/' || duplicates from public.ingest_posts($j$[
    {"id": "p1", "source": "test", "author": "rh", "created_at": "2024-04-27T12:20:00Z", "text": "x"},
    {"id": "p4", "source": "test", "author": "rh", "created_at": "2024-04-27T12:23:00Z", "text": "x"}]$j$::jsonb)),
  '1/1', 'ingest_posts still answers with counts');
select throws_ok(
  $$select public.ingest_posts('[{"id": "p5", "source": "test", "author": "rh", "created_at": "2024-04-27T12:23:00Z", "text": "x", "classes": ["spam"]}]'::jsonb)$$,
  '23514', null, 'an unknown class is refused by the table');

-- The queue of calls for help follows the posts' row-level security.
select tests.authenticate_as('analyst.t1@test');
select results_eq(
  $$select id from public.help_queue('2024-04-27T12:00Z', '2024-04-27T13:00Z')$$,
  $$values ('p1')$$, 'the analyst of unit T1 sees the call for help in T1 only');
select tests.authenticate_as('prosecutor@test');
select results_eq(
  $$select id from public.help_queue('2024-04-27T12:00Z', '2024-04-27T13:00Z')$$,
  $$values ('p2'), ('p1')$$, 'a prosecutor sees both, newest first');
select tests.clear_authentication();

-- Dead letters.
select is(tests.try('analyst.t1@test', $$select * from public.ingest_rejects() where origin = 'test'$$),
  'ok:2', 'an analyst reads the rejected lines');
select is(tests.try('commander.t1@test', $$select * from public.ingest_rejects()$$),
  'denied', 'a commander may not');
select is(tests.try('anon', $$select * from public.ingest_rejects()$$), 'denied', 'anon may not');
select tests.authenticate_as('analyst.t1@test');
select results_eq(
  $$select line, reason, raw_redacted from public.ingest_rejects(null, 10, 'api') where origin = 'test'$$,
  $$values (2, 'created_at: not a time', '{"author":"rz"}')$$,
  'an analyst sees reason, line and the redacted line, filtered by entry');
select ok(
  not exists (select 1 from pg_proc p, unnest(p.proargnames) a(n)
              where p.oid = 'public.ingest_rejects(timestamptz, int, text)'::regprocedure and a.n = 'raw'),
  'ingest_rejects() has no raw column');
select tests.clear_authentication();
select is(tests.try('analyst.t1@test', $$select * from public.reveal_reject(1, 'OM-1')$$),
  'denied', 'an analyst may not reveal a raw line');
select matches(tests.try('prosecutor@test', $$select * from public.reveal_reject(1, ' ')$$),
  '^error:22023', 'a reveal needs a reason');
select tests.authenticate_as('prosecutor@test');
select is(
  (select raw from public.reveal_reject((select id from public.ingest_rejects() where origin = 'test' and line = 2), 'OM-2024-1')),
  '{"author":"@zed"}', 'a prosecutor sees the line as received');
select tests.clear_authentication();
select is(
  (select count(*)::int from public.audit_log where action = 'reveal_reject' and detail ->> 'reason' = 'OM-2024-1'
     and user_id = 'f0000000-0000-4000-8000-000000000005'),
  1, 'the reveal is audit-logged with the reason');
select public.record_rejects(jsonb_build_array(jsonb_build_object('entry', 'api', 'origin', 'test-huge',
  'reason', repeat('r', 5000), 'raw', repeat('x', 100000))));
select is(
  (select length(raw) || '/' || length(reason) from public.ingest_rejects where origin = 'test-huge'),
  '4096/1000', 'a huge rejected line and reason are truncated');

-- API keys.
select results_eq(
  $$select name, source, revoked from public.api_key_lookup(repeat('a', 64))$$,
  $$values ('test-1', 'x', false)$$, 'a key is found by its hash');
select ok(public.revoke_api_key('test-1'), 'a key is revoked by name');
select ok((select revoked from public.api_key_lookup(repeat('a', 64))), 'a revoked key is marked revoked');
select throws_ok($$select public.create_api_key('bad name!', repeat('c', 64))$$, '23514', null,
  'key names are checked');

select * from finish();
rollback;
