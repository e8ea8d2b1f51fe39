-- Test helpers (schema `tests`), in the manner of basejump's supabase-test-helpers.
--
-- This file runs first (pg_prove and `supabase test db` take the files in name order) and, unlike
-- the other files, COMMITS its first transaction: it installs the helpers that every other file
-- uses (idempotent: create or replace). Its checks then run in a second transaction that is
-- rolled back. Only for local / CI databases: never run the tests against production.
--
--   tests.create_user(id, email, role, unit, municipality)  auth.users + user_roles row
--   tests.authenticate_as(email)       set local role authenticated + request.jwt.claims
--   tests.authenticate_as_anon()       set local role anon
--   tests.authenticate_as_service_role()
--   tests.clear_authentication()       back to the session user (postgres)
--   tests.try(who, sql)                run sql as who; 'denied' | 'ok:<rows>' | 'error:<sqlstate>'
--                                      (always rolled back: no side effects)
--   tests.fixtures()                   small hand-built world, see below
--   tests.plan_indexes(sql)            index names in the plan of sql (EXPLAIN (FORMAT JSON)),
--                                      plus 'seqscan:<table>' for each sequential scan
--   tests.can_receive(who, topic)      realtime authorisation, probed as Supabase Realtime does
begin;

create extension if not exists pgtap with schema extensions;

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.create_user(
  user_id uuid, email text, role public.app_role default null, unit text default null,
  municipality text default null
) returns uuid
language plpgsql security definer set search_path = ''
as $$
begin
  insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                          raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
  values ('00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated', email,
          '', now(), '{"provider": "email", "providers": ["email"]}', '{}', now(), now());
  if role is not null then
    insert into public.user_roles (user_id, role, unit_id, municipality_code, display_name)
    values (user_id, role, unit, municipality, email);
  end if;
  return user_id;
end;
$$;

create or replace function tests.authenticate_as(email text) returns void
language plpgsql
as $$
declare
  uid uuid;
begin
  -- back to the session user first, so that one impersonation can follow another
  perform set_config('role', 'none', true);
  select u.id into uid from auth.users u where u.email = authenticate_as.email;
  if uid is null then
    raise exception 'tests.authenticate_as: no user %', email;
  end if;
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims',
    json_build_object('sub', uid, 'email', email, 'role', 'authenticated', 'aud', 'authenticated')::text, true);
end;
$$;

create or replace function tests.authenticate_as_anon() returns void
language plpgsql
as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role": "anon"}', true);
end;
$$;

create or replace function tests.authenticate_as_service_role() returns void
language plpgsql
as $$
begin
  perform set_config('role', 'service_role', true);
  perform set_config('request.jwt.claims', '{"role": "service_role"}', true);
end;
$$;

create or replace function tests.clear_authentication() returns void
language plpgsql
as $$
begin
  perform set_config('role', 'none', true);
  perform set_config('request.jwt.claims', '', true);
end;
$$;

-- Runs sql as who ('anon', 'service_role' or a user's email) inside a subtransaction that is
-- always rolled back. 'denied' = insufficient_privilege (no grant, an RLS with-check violation,
-- or a refusal by a trigger or function); 'ok:N' = succeeded touching/returning N rows.
create or replace function tests.try(who text, sql text) returns text
language plpgsql
as $$
declare
  n bigint;
begin
  begin
    if who = 'anon' then
      perform tests.authenticate_as_anon();
    elsif who = 'service_role' then
      perform tests.authenticate_as_service_role();
    else
      perform tests.authenticate_as(who);
    end if;
    execute sql;
    get diagnostics n = row_count;
    raise exception using errcode = 'TT001', message = n::text;
  exception
    when sqlstate 'TT001' then
      return 'ok:' || sqlerrm;
    when insufficient_privilege then
      return 'denied';
    when others then
      return 'error:' || sqlstate || ' ' || sqlerrm;
  end;
end;
$$;

-- Index names that appear in the plan of a query (run as the current role), and
-- 'seqscan:<table>' for every sequential scan in it.
create or replace function tests.plan_indexes(sql text) returns setof text
language plpgsql
as $$
declare
  plan jsonb;
begin
  execute 'explain (format json) ' || sql into plan;
  return query
    select distinct v #>> '{}' from jsonb_path_query(plan, 'strict $.**."Index Name"') v
    union
    select distinct 'seqscan:' || (v ->> 'Relation Name') from jsonb_path_query(plan, 'strict $.** ? (@."Node Type" == "Seq Scan")') v;
end;
$$;

-- The hand-built world most tests use. Far from the Netherlands (around 20..30 E on the
-- equator) so that no real boundary overlaps it:
--   unit T1: GM9991 (lon 20..21) and GM9992 (21..22); unit T2: GM9993 (22..24);
--   unit T3 and municipality GM9994 (T2, no polygon) are referenced by nothing.
--   posts (source 'test', 2024-04-27 12:00Z + n minutes), through ingest_posts:
--     t1 GM9991 author ra, t2 GM9992 author ra (moved cell), t3 GM9993 author rb,
--     t4 located outside every unit (lon 30) author rc, t5 no location author rc
--   author handles: ra -> @alice, rb -> @bob
--   event areas: A1 in GM9991 (T1), A2 in GM9993 (T2)
--   alerts: test-al1 (T1, GM9991), test-al2 (T2, GM9993), test-al3 (no unit), all new
--   audit_log: one entry by analyst.t1, one by prosecutor (action 'test:...')
--   stream clock row; a realtime message on topic 'test:x'
--   ingest_rejects: two rejected lines of origin 'test'; api_keys: 'test-1' (hash 'aa..a')
create or replace function tests.fixtures() returns void
language plpgsql
as $$
begin
  -- The clock first: posts are broadcast only within the 25 h a live map holds before it.
  insert into public.stream_clock (id, scenario, stream_time, speed)
  values ('main', 'test', '2024-04-27T12:00:00Z', 1)
  on conflict (id) do update set scenario = excluded.scenario, stream_time = excluded.stream_time;

  insert into public.police_units (id, name, geom) values
    ('T1', 'Test One', extensions.st_multi(extensions.st_makeenvelope(20, 0, 22, 2, 4326))),
    ('T2', 'Test Two', extensions.st_multi(extensions.st_makeenvelope(22, 0, 24, 2, 4326))),
    ('T3', 'Test Three', null);
  insert into public.municipalities (code, name, unit_id, geom, geom_source) values
    ('GM9991', 'Testdorp', 'T1', extensions.st_multi(extensions.st_makeenvelope(20, 0, 21, 2, 4326)), 'test'),
    ('GM9992', 'Teststad', 'T1', extensions.st_multi(extensions.st_makeenvelope(21, 0, 22, 2, 4326)), 'test'),
    ('GM9993', 'Testwoud', 'T2', extensions.st_multi(extensions.st_makeenvelope(22, 0, 24, 2, 4326)), 'test'),
    ('GM9994', 'Testloos', 'T2', null, 'test');

  perform tests.create_user('f0000000-0000-4000-8000-000000000001', 'analyst.t1@test', 'analyst', 'T1');
  perform tests.create_user('f0000000-0000-4000-8000-000000000002', 'commander.t1@test', 'commander', 'T1');
  perform tests.create_user('f0000000-0000-4000-8000-000000000003', 'analyst.t2@test', 'analyst', 'T2');
  perform tests.create_user('f0000000-0000-4000-8000-000000000004', 'mayor.gm9991@test', 'mayor', null, 'GM9991');
  perform tests.create_user('f0000000-0000-4000-8000-000000000005', 'prosecutor@test', 'prosecutor');
  perform tests.create_user('f0000000-0000-4000-8000-000000000006', 'planner@test', 'planner');
  perform tests.create_user('f0000000-0000-4000-8000-000000000007', 'norole@test');

  perform public.ingest_posts($j$[
    {"id": "t1", "source": "test", "author": "ra", "handle": "@alice", "created_at": "2024-04-27T12:01:00Z",
     "text": "eerste", "method": "gps", "x": 20.5, "y": 1.0, "precision_m": 10,
     "h3_r5": "851f0b3ffffffff", "h3_r8": "881f0b3a8bfffff", "h3_r10": "8a1f0b3a8b97fff"},
    {"id": "t2", "source": "test", "author": "ra", "handle": "@alice", "created_at": "2024-04-27T12:02:00Z",
     "text": "tweede", "method": "place", "place": "Teststad", "x": 21.5, "y": 1.0, "precision_m": 500,
     "h3_r5": "851f0b3ffffffff", "h3_r8": "881f0b3a8dfffff", "h3_r10": "8a1f0b3a8d97fff"},
    {"id": "t3", "source": "test", "author": "rb", "handle": "@bob", "created_at": "2024-04-27T12:03:00Z",
     "text": "derde", "method": "text", "located_as": "Testwoud", "x": 23.0, "y": 1.0, "precision_m": 2000,
     "h3_r5": "851f0b7ffffffff", "h3_r8": "881f0b7a8bfffff", "h3_r10": "8a1f0b7a8b97fff"},
    {"id": "t4", "source": "test", "author": "rc", "created_at": "2024-04-27T12:04:00Z",
     "text": "vierde", "method": "gps", "x": 30.0, "y": 1.0,
     "h3_r5": "851f0bbffffffff", "h3_r8": "881f0bba8bfffff", "h3_r10": "8a1f0bba8b97fff"},
    {"id": "t5", "source": "test", "author": "rc", "created_at": "2024-04-27T12:05:00Z",
     "text": "vijfde", "method": "none"}
  ]$j$::jsonb);

  insert into public.event_areas (id, name, unit_id, municipality_code, geom) values
    ('a0000000-0000-4000-8000-000000000001', 'A1', 'T1', 'GM9991',
     extensions.st_multi(extensions.st_makeenvelope(20.4, 0.9, 20.6, 1.1, 4326))),
    ('a0000000-0000-4000-8000-000000000002', 'A2', 'T2', 'GM9993',
     extensions.st_multi(extensions.st_makeenvelope(22.9, 0.9, 23.1, 1.1, 4326)));

  insert into public.alerts (id, kind, detected_at, geom, severity, unit_id, municipality_code) values
    ('test-al1', 'crowd', '2024-04-27T12:10:00Z', extensions.st_setsrid(extensions.st_makepoint(20.5, 1), 4326), 'warning', 'T1', 'GM9991'),
    ('test-al2', 'crowd', '2024-04-27T12:11:00Z', extensions.st_setsrid(extensions.st_makepoint(23, 1), 4326), 'critical', 'T2', 'GM9993'),
    ('test-al3', 'crowd', '2024-04-27T12:12:00Z', null, 'info', null, null);

  insert into public.audit_log (user_id, app_role, action, object) values
    ('f0000000-0000-4000-8000-000000000001', 'analyst', 'test:one', 'x'),
    ('f0000000-0000-4000-8000-000000000005', 'prosecutor', 'test:two', 'y');


  insert into realtime.messages (topic, extension, payload, event, private)
  values ('test:x', 'broadcast', '{}', 'test', true);

  perform public.record_rejects($j$[
    {"entry": "api", "origin": "test", "line": 2, "reason": "created_at: not a time",
     "source": "x", "post_id": "r1", "raw_redacted": "{\"author\":\"rz\"}", "raw": "{\"author\":\"@zed\"}"},
    {"entry": "import", "origin": "test", "line": 7, "reason": "invalid JSON", "raw": "{oops"}
  ]$j$::jsonb);
  perform public.create_api_key('test-1', repeat('a', 64), 'x');
end;
$$;

-- Whether who may receive broadcasts on topic, checked the way Supabase Realtime does it: a
-- probe message on the topic, then, as the user with realtime.topic set, whether the select
-- policy lets the probe through. Nothing is left behind.
create or replace function tests.can_receive(who text, topic text) returns boolean
language plpgsql
as $$
declare
  probe uuid;
  visible boolean := false;
begin
  insert into realtime.messages (topic, extension, private, event, payload)
  values (topic, 'broadcast', true, 'probe', '{}')
  returning id into probe;
  begin
    if who = 'anon' then
      perform tests.authenticate_as_anon();
    else
      perform tests.authenticate_as(who);
    end if;
    perform set_config('realtime.topic', topic, true);
    select exists (select 1 from realtime.messages m where m.id = probe) into visible;
    raise exception using errcode = 'TT001';
  exception
    when sqlstate 'TT001' then null;
  end;
  delete from realtime.messages m where m.id = probe;
  return visible;
end;
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;

commit;

-- ---------------------------------------------------------------------------------------------
-- The helpers work
-- ---------------------------------------------------------------------------------------------
begin;
select plan(7);

select lives_ok($$select tests.fixtures()$$, 'fixtures load');
select is(tests.try('analyst.t1@test', 'select 1 where current_user = ''authenticated'''), 'ok:1',
  'try() runs as authenticated');
select is(tests.try('analyst.t1@test', 'select 1 where auth.uid() = ''f0000000-0000-4000-8000-000000000001'''), 'ok:1',
  'try() sets the JWT claims');
select is(tests.try('anon', 'select 1 from auth.users'), 'denied', 'try() reports denied');
select is(tests.try('service_role', 'delete from public.alerts where id like ''test-%'''), 'ok:3',
  'try() reports the rows a statement touched');
select is((select count(*)::int from public.alerts where id like 'test-%'), 3, 'try() rolls its statement back');
select is(current_user::text, 'postgres', 'try() leaves the role as it was');

select * from finish();
rollback;
