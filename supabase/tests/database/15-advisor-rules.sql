-- The rules behind Supabase's database advisors (issue 10), checked over every function and
-- policy, so that functions and policies added later are held to them too:
--   * no security definer function in an exposed schema that anon or authenticated may execute
--     (Supabase lints 0028/0029: definers live in `private`, behind security invoker wrappers);
--   * every function has a fixed search_path (lint 0011), outside the schemas that lint skips;
--   * exactly one permissive policy per table, command and role (lint 0006);
--   * one scope: the scoped tables share one select predicate, and it agrees with
--     private.in_scope() for every user and row;
--   * acknowledge/resolve answer an alert the caller cannot see as one that does not exist;
--   * audited free text over 1,000 characters is refused before anything is written.
begin;
select plan(16);

select tests.fixtures();

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------
select is(
  (select array_agg(p.oid::regprocedure::text order by 1) from pg_proc p
   join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in ('public', 'graphql_public') and p.prosecdef
     and (has_function_privilege('anon', p.oid, 'execute')
          or has_function_privilege('authenticated', p.oid, 'execute'))),
  null, 'no security definer function in an exposed schema is executable by anon or authenticated');

select ok(
  (select bool_and(not p.prosecdef) from pg_proc p
   where p.oid in ('public.me()'::regprocedure, 'public.acknowledge_alert(text)'::regprocedure,
                   'public.resolve_alert(text, text)'::regprocedure, 'public.reveal_author(text)'::regprocedure,
                   'public.ingest_rejects(timestamptz, int, text)'::regprocedure,
                   'public.reveal_reject(bigint, text)'::regprocedure,
                   'public.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text)'::regprocedure)),
  'the seven user-facing functions that need definer rights are invoker wrappers in public');

select is(
  (select array_agg(p.oid::regprocedure::text order by 1) from pg_proc p
   join pg_namespace n on n.oid = p.pronamespace
   left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
   where d.objid is null
     and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'tests',
                           'auth', 'extensions', 'realtime', 'storage', 'graphql', 'graphql_public',
                           'supabase_functions', 'supabase_migrations', 'vault', 'pgsodium', 'net',
                           'cron', 'pgbouncer', 'topology', 'tiger')
     and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'
     and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')),
  null, 'every function has a fixed search_path');

select is(
  (select array_agg(p.oid::regprocedure::text order by 1) from pg_proc p
   join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in ('public', 'private') and p.prosecdef
     and not coalesce(p.proconfig @> array['search_path=""'], false)),
  null, 'every security definer function has search_path = ''''');

-- ---------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------
select is(
  (select array_agg(format('%s %s %s (%s)', x.tbl, x.cmd, x.role, x.n) order by 1) from (
     select c.oid::regclass::text as tbl, cmd.cmd, r.rolname as role, count(*) as n
     from pg_policy pol
     join pg_class c on c.oid = pol.polrelid
     join pg_namespace n on n.oid = c.relnamespace
     cross join lateral (
       select unnest(case pol.polcmd when '*' then array['r', 'a', 'w', 'd']::"char"[]
                                     else array[pol.polcmd] end) as cmd) cmd
     join pg_roles r on r.oid = any (pol.polroles) or pol.polroles = '{0}'
     where pol.polpermissive and n.nspname in ('public', 'realtime')
       and r.rolname in ('anon', 'authenticated', 'service_role', 'authenticator')
     group by 1, 2, 3
     having count(*) > 1) x),
  null, 'at most one permissive policy per table, command and role');

select is(
  (select count(distinct pg_get_expr(pol.polqual, pol.polrelid))::int from pg_policy pol
   where pol.polrelid in ('public.posts'::regclass, 'public.alerts'::regclass, 'public.event_areas'::regclass)),
  1, 'posts, alerts and event_areas share one select predicate');

-- For every user and every row of the scoped tables: visible under RLS <=> private.in_scope.
create function pg_temp.scope_mismatches() returns setof text
language plpgsql
as $$
declare
  u text;
  t text;
  want text[];
  got text[];
begin
  foreach u in array array['analyst.t1@test', 'commander.t1@test', 'analyst.t2@test',
                           'mayor.gm9991@test', 'prosecutor@test', 'planner@test', 'norole@test'] loop
    foreach t in array array['posts', 'alerts', 'event_areas'] loop
      -- in_scope for each row, with the user's claims but as the table owner (sees every row)
      perform tests.authenticate_as(u);
      perform set_config('role', 'none', true);
      execute format($q$select coalesce(array_agg(id::text order by id::text)
                           filter (where private.in_scope(unit_id, municipality_code)), '{}')
                        from public.%I where id::text like 't%%' or id::text like 'a0%%'$q$, t) into want;
      perform tests.authenticate_as(u);
      execute format($q$select coalesce(array_agg(id::text order by id::text), '{}')
                        from public.%I where id::text like 't%%' or id::text like 'a0%%'$q$, t) into got;
      perform tests.clear_authentication();
      if want is distinct from got then
        return next format('%s on %s: in_scope %s, RLS %s', u, t, want, got);
      end if;
    end loop;
  end loop;
end;
$$;
select is((select array_agg(m) from pg_temp.scope_mismatches() m), null,
  'RLS on posts, alerts and event_areas shows exactly the rows private.in_scope() allows, for every user');

-- ---------------------------------------------------------------------------------------------
-- Hidden and unknown alerts answer alike
-- ---------------------------------------------------------------------------------------------
create function pg_temp.answer(sql text) returns text
language plpgsql
as $$
begin
  execute sql;
  return 'ok';
exception when others then
  return sqlstate || ': ' || sqlerrm;
end;
$$;

select tests.authenticate_as('analyst.t1@test');
select is(
  replace(pg_temp.answer($$select public.acknowledge_alert('test-al2')$$), 'test-al2', '<id>'),
  replace(pg_temp.answer($$select public.acknowledge_alert('test-zz9')$$), 'test-zz9', '<id>'),
  'acknowledge_alert: an alert of another unit answers as an unknown one');
select is(
  replace(pg_temp.answer($$select public.resolve_alert('test-al2', 'x')$$), 'test-al2', '<id>'),
  'PT404: alert <id> not found',
  'resolve_alert: an alert of another unit answers PT404 "not found", as an unknown one');
select tests.authenticate_as('mayor.gm9991@test');
select is(
  replace(pg_temp.answer($$select public.resolve_alert('test-al2')$$), 'test-al2', '<id>'),
  replace(pg_temp.answer($$select public.resolve_alert('no-such')$$), 'no-such', '<id>'),
  'resolve_alert: a mayor gets the same answer for an alert outside the municipality and an unknown one');
select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------------
-- Free text bound for the audit log
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('prosecutor@test');
select is(
  array[
    left(pg_temp.answer($$select * from public.reveal_author(repeat('x', 10000000))$$), 5),
    left(pg_temp.answer($$select * from public.reveal_reject(1, repeat('x', 10000000))$$), 5),
    left(pg_temp.answer($$select * from public.export_evidence('2024-04-27', '2024-04-28', null, null, null, null, repeat('x', 10000000))$$), 5),
    left(pg_temp.answer($$select * from public.reveal_author(repeat('x', 1001))$$), 5)],
  array['22001', '22001', '22001', '22001'],
  'a prosecutor''s 10 MB ref or reason (or 1,001 characters) is refused with 22001');
select tests.authenticate_as('commander.t1@test');
select is(
  left(pg_temp.answer($$select public.resolve_alert('test-al1', repeat('n', 10000000))$$), 5),
  '22001', 'a 10 MB resolution note is refused with 22001');
select tests.clear_authentication();
select is(
  (select count(*)::int from public.audit_log where action not like 'test:%'),
  0, 'nothing refused reached the audit log');
select is(
  (select status::text from public.alerts where id = 'test-al1'), 'new',
  'the alert with the refused note is unchanged');

-- ---------------------------------------------------------------------------------------------
-- The ingest path writes the helpers' arithmetic out (no per-row calls); same results
-- ---------------------------------------------------------------------------------------------
select is(
  (select count(*)::int from public.posts p
   where p.source = 'test'
     and (p.grid is distinct from private.grid_cell(extensions.st_x(p.geom), extensions.st_y(p.geom))
          or (p.h3_r5 is not null and private.h3_hex(p.h3_r5) !~ '^85'))),
  0, 'posts.grid is private.grid_cell of the location');
select is(
  (select count(*)::int from realtime.messages m
   where m.topic like 'posts:h3:%'
     and m.topic not in (select 'posts:h3:' || private.h3_hex(private.h3_parent(p.h3_r5, 4))
                         from public.posts p where p.source = 'test' and p.h3_r5 is not null)),
  0, 'the broadcast''s h3 topics are private.h3_parent of the posts'' cells');

select * from finish();
rollback;
