-- Retention: apply_retention drops whole monthly partitions older than the posts period, keeps
-- held evidence (exports, held or acknowledged alerts' evidence), purges handles, dead letters,
-- the audit log and the read audit by their periods; a dry run removes nothing; the audit trail
-- can be trimmed by the retention run only.
begin;
select plan(48);

select tests.fixtures();

-- The data clock: a scenario at 2024-09-01 (posts before 2024-06-03 are past 90 days, authors
-- without a post since 2024-08-02 past 30 days).
update public.stream_clock set stream_time = '2024-09-01T00:00Z', wall_time = now(), speed = 1;

-- Besides the fixtures' t1..t5 (2024-04-27; handles ra -> @alice, rb -> @bob):
select public.ingest_posts($j$[
  {"id": "feb1", "source": "test", "author": "rg", "handle": "@gus", "created_at": "2024-02-10T10:00:00Z", "text": "februari", "method": "none"},
  {"id": "old1", "source": "test", "author": "rd", "handle": "@dave", "created_at": "2024-03-10T10:00:00Z", "text": "maart", "method": "none"},
  {"id": "jul1", "source": "test", "author": "rf", "handle": "@fay", "created_at": "2024-07-15T10:00:00Z", "text": "juli", "method": "none"},
  {"id": "aug1", "source": "test", "author": "re", "handle": "@eve", "created_at": "2024-08-30T10:00:00Z", "text": "augustus", "method": "none"}
]$j$::jsonb);

-- Holds: an export of t1 (window and box), the evidence of an acknowledged alert (t3), and a
-- prosecutor's hold on an alert's evidence (feb1).
update public.alerts set evidence = '{t3}', status = 'acknowledged' where id = 'test-al2';
update public.alerts set evidence = '{feb1}' where id = 'test-al3';
select tests.authenticate_as('prosecutor@test');
select count(*) from public.export_evidence('2024-04-27T12:00Z', '2024-04-27T13:00Z', 20, 0, 21, 2, 'OM-2024-0427');
select is((select kind from public.hold_alert_evidence('test-al3', 'OM-2024-0210')), 'alert',
  'a prosecutor holds an alert''s evidence');
select results_eq(
  $$select kind, t_from, t_to, min_lon, max_lat, reason from public.legal_holds() where kind = 'export'$$,
  $$values ('export', '2024-04-27T12:00Z'::timestamptz, '2024-04-27T13:00Z'::timestamptz, 20::float8, 2::float8, 'OM-2024-0427')$$,
  'an evidence export holds its window and box');
select tests.clear_authentication();

-- Old entries of the other classes (as the owner: inserting is allowed, changing is not).
insert into public.ingest_rejects (received_at, entry, origin, reason) values (now() - interval '40 days', 'api', 'test-old', 'old');
insert into public.audit_log (at, action, object) values (now() - interval '8 years', 'test:old', 'old');
insert into public.audit_log (at, action, object, detail) values
  (now() - interval '8 years', 'export_evidence', '2016-01-01 00:00:00+00/2016-01-02 00:00:00+00',
   '{"reason": "OM-2016", "bbox": [null, null, null, null]}');
insert into public.view_audit (at, user_id, app_role, view_mode, min_lon, min_lat, max_lon, max_lat, t_from, t_to)
values (now() - interval '6 years', 'f0000000-0000-4000-8000-000000000001', 'analyst', 'live', 20, 0, 21, 1, now() - interval '6 years', now() - interval '6 years');

-- A month ahead of the wall clock without its partition: the run creates it.
select lives_ok(format('drop table if exists public.%I',
  to_char(date_trunc('month', now() at time zone 'UTC') + interval '1 month', '"posts_y"YYYY"m"MM')),
  'drop next month''s partition');

-- ---------------------------------------------------------------------------------------------
-- Dry run
-- ---------------------------------------------------------------------------------------------
select results_eq(
  $$select data_class, clock, partitions_dropped, rows_removed, rows_held from public.apply_retention(true)$$,
  $$values ('posts', 'stream', 1, 4::bigint, 3::bigint), ('handles', 'stream', 0, 2, 3),
           ('dead_letters', 'wall', 0, 1, 0), ('audit', 'wall', 0, 1, 1), ('read_audit', 'wall', 0, 1, 0),
           ('post_refs', 'stream', 0, 0, 0)$$,
  'a dry run counts per class what would go and what is held');
select is((select cutoff from public.apply_retention(true) where data_class = 'posts'),
  '2024-09-01T00:00Z'::timestamptz - interval '90 days', 'posts age against the stream clock while a scenario plays');
select is((select count(*)::int from public.posts where source = 'test'), 9, 'a dry run removes no post');
select isnt(to_regclass('public.posts_y2024m03'), null, 'a dry run drops no partition');
select is((select count(*)::int from public.author_handles), 6, 'a dry run purges no handle');
select is((select count(*)::int from public.ingest_rejects), 3, 'a dry run purges no dead letter');
select is((select count(*)::int from public.audit_log where action = 'test:old'), 1, 'a dry run trims no audit entry');
select is((select count(*)::int from public.audit_log where action = 'retention'), 0, 'a dry run is not recorded');
select is(to_regclass(to_char(date_trunc('month', now() at time zone 'UTC') + interval '1 month', '"public.posts_y"YYYY"m"MM')),
  null, 'a dry run creates no partition');

-- ---------------------------------------------------------------------------------------------
-- Who may run it
-- ---------------------------------------------------------------------------------------------
select is(tests.try('prosecutor@test', 'select * from public.apply_retention(true)'), 'denied', 'a prosecutor may not run retention');
select is(tests.try('planner@test', 'select * from public.apply_retention(false)'), 'denied', 'a planner may not run retention');
select is(tests.try('anon', 'select * from public.apply_retention(true)'), 'denied', 'anon may not run retention');
select is(tests.try('analyst.t1@test', 'select * from private.apply_retention(false)'), 'denied', 'nobody reaches the private function but the service role');

-- ---------------------------------------------------------------------------------------------
-- The run
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select results_eq(
  $$select data_class, partitions_dropped, rows_removed, rows_held from public.apply_retention(false)$$,
  $$values ('posts', 1, 4::bigint, 3::bigint), ('handles', 0, 2, 3), ('dead_letters', 0, 1, 0),
           ('audit', 0, 1, 1), ('read_audit', 0, 1, 0), ('post_refs', 0, 0, 0)$$,
  'the service role runs retention: one row per class');
select tests.clear_authentication();

select is(to_regclass('public.posts_y2024m03'), null, 'a month past the period without held posts is dropped');
select results_eq($$select id from public.posts where source = 'test' order by created_at$$,
  $$values ('feb1'), ('t1'), ('t3'), ('jul1'), ('aug1')$$,
  'held posts survive (export, acknowledged alert, held alert); the rest of their month goes; younger months stay');
select ok((select c.relispartition and c.relrowsecurity from pg_class c where c.oid = 'public.posts_y2024m04'::regclass),
  'a month with held posts is rebuilt as a partition with RLS on');
select ok(not has_table_privilege('authenticated', 'public.posts_y2024m04', 'select'),
  'the rebuilt partition grants nothing to the API roles');
select results_eq($$select id from public.post_keys where source = 'test' order by id$$,
  $$values ('aug1'), ('feb1'), ('jul1'), ('t1'), ('t3')$$,
  'the keys of removed posts go with them');
select results_eq($$select author_ref from public.author_handles order by author_ref$$,
  $$values ('ra'), ('rb'), ('re'), ('rg')$$,
  'handles of authors without a post in 30 days go, unless a held post is theirs');
select results_eq($$select origin from public.ingest_rejects order by id$$,
  $$values ('test'), ('test')$$, 'dead letters past their period go');
select is((select count(*)::int from public.audit_log where action = 'test:old'), 0, 'audit entries past their period go');
select is((select count(*)::int from public.audit_log where action = 'export_evidence' and object like '2016%'), 1,
  'the audit entry of a held export stays');
select is((select count(*)::int from public.view_audit), 0, 'read audit rows past their period go');
select is((select detail -> 'classes' -> 0 ->> 'removed' from public.audit_log where action = 'retention'), '4',
  'the run is in the audit log with what it removed');
select isnt(to_regclass(to_char(date_trunc('month', now() at time zone 'UTC') + interval '1 month', '"public.posts_y"YYYY"m"MM')),
  null, 'the run creates the partitions of the months ahead');
select results_eq(
  $$select rows_removed from public.apply_retention(true)$$,
  $$values (0::bigint), (0::bigint), (0::bigint), (0::bigint), (0::bigint), (0::bigint)$$,
  'after a run there is nothing left to remove');

-- ---------------------------------------------------------------------------------------------
-- The audit trail: only the retention run deletes
-- ---------------------------------------------------------------------------------------------
select throws_ok($$delete from public.audit_log where object like '2016%'$$, '42501', null,
  'the owner cannot delete an audit entry, however old, outside a retention run');
select throws_ok($$update public.audit_log set object = 'x' where action = 'retention'$$, '42501', null,
  'nor change one');
select throws_ok($$truncate public.view_audit$$, '42501', null, 'nor truncate the read audit');
select is(tests.try('service_role', 'delete from public.audit_log'), 'denied', 'the service role cannot delete audit entries');
select is(tests.try('prosecutor@test', 'delete from public.audit_log'), 'denied', 'a prosecutor cannot delete audit entries');
select is(tests.try('service_role', 'delete from public.view_audit'), 'denied', 'the service role cannot delete read audit rows');

-- ---------------------------------------------------------------------------------------------
-- Releasing a hold; old posts ingested later; settings
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('prosecutor@test');
select is((select released_at is not null from public.release_legal_hold(
  (select id from public.legal_holds() where alert_id = 'test-al3'), 'OM-2024-0210 closed')), true,
  'a prosecutor releases a hold');
select tests.clear_authentication();
select is(tests.try('analyst.t1@test', 'select * from public.legal_holds()'), 'denied', 'an analyst cannot see the holds');
select public.ingest_posts($j$[
  {"id": "late1", "source": "test", "author": "rh", "handle": "@hal", "created_at": "2024-03-20T10:00:00Z", "text": "laat", "method": "none"}
]$j$::jsonb);
select is((select tableoid::regclass::text from public.posts where id = 'late1'), 'posts_default',
  'a post of a dropped month lands in posts_default');
select results_eq(
  $$select partitions_dropped, rows_removed, rows_held from public.apply_retention(false) where data_class = 'posts'$$,
  $$values (1, 2::bigint, 2::bigint)$$,
  'after the release the month goes; old posts in posts_default go row by row');
select is(to_regclass('public.posts_y2024m02'), null, 'the released month is dropped');
select is((select count(*)::int from public.posts where id in ('feb1', 'late1')), 0, 'released and late old posts are gone');

select is(tests.try('analyst.t1@test', $$update public.retention_settings set keep = '1 day'$$), 'denied',
  'an analyst cannot change the retention periods');
select matches(tests.try('service_role', $$update public.retention_settings set keep = '1 month' where data_class = 'audit'$$),
  '^error:23514', 'the audit log is kept at least a year');

-- An export entry with a box that is not numbers (written by hand) holds its whole window and
-- does not break the run.
insert into public.audit_log (action, object, detail) values
  ('export_evidence', '2024-07-15 00:00:00+00/2024-07-16 00:00:00+00', '{"reason": "x", "bbox": ["NaN", 0, 1, "oops"]}');
select results_eq($$select min_lon, max_lat from public.legal_holds where t_from = '2024-07-15 00:00:00+00'$$,
  $$values (null::float8, null::float8)$$, 'a box that is not four numbers holds the whole window');
select lives_ok($$select * from public.apply_retention(true)$$, 'and the run still works');

-- Without a stream clock, and with one ahead of the wall clock, posts age against now().
delete from public.stream_clock;
select is((select clock from public.apply_retention(true) where data_class = 'posts'), 'wall',
  'without a scenario posts age against the wall clock');
insert into public.stream_clock (id, scenario, stream_time, speed) values ('main', 'test', '2100-01-01T00:00Z', 1);
select is((select cutoff from public.apply_retention(true) where data_class = 'posts'), now() - interval '90 days',
  'a stream clock ahead of the wall clock never removes more');

select * from finish();
rollback;
