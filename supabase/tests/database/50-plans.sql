-- Index paths of the hot read functions, checked with EXPLAIN on honest statistics: 60,000 posts
-- in April 2024 (time-ordered, as ingest writes them) spread over unit T1, then ANALYZE; no
-- planner settings are changed (enable_seqscan stays on). The read functions over posts are
-- PL/pgSQL with plan_cache_mode = force_custom_plan (a SQL function with a fixed search_path is
-- not inlined): each call plans its query with the arguments as constants. EXPLAIN of a call
-- shows only a function scan, so pg_temp.body(name, args) gives the function's query with the
-- arguments substituted as typed constants, which is what each call plans.
begin;
select plan(12);

-- The query of a read function (its RETURN QUERY) with the arguments as typed constants; args
-- are SQL literals separated by ', ' (absent ones are null, as the defaults).
create function pg_temp.body(fn text, args text) returns text
language plpgsql
as $body$
declare
  src text;
  names text[];
  types text[];
  vals text[] := string_to_array(args, ', ');
  q text;
begin
  select p.prosrc, p.proargnames[1:p.pronargs],
         (select array_agg(format_type(t, null) order by o) from unnest(p.proargtypes) with ordinality u(t, o))
  into strict src, names, types
  from pg_proc p where p.oid = fn::regproc;
  q := substring(src from 'return query(.*);\s*end;\s*$');
  for i in 1 .. array_length(names, 1) loop
    q := regexp_replace(q, '(?<![.])\m' || names[i] || '\M',
      '(' || coalesce(vals[i], 'null') || ')::' || types[i], 'g');
  end loop;
  return q;
end;
$body$;

select tests.fixtures();

-- Bulk rows straight into posts (as the table owner, without the broadcast trigger: triggers are
-- not what this file tests).
set local session_replication_role = replica;
insert into public.posts (source, id, created_at, ingested_at, author_ref, text, method, geom, h3_r5, h3_r8, h3_r10, unit_id, municipality_code)
select 'plan', 'p' || i,
       '2024-04-01T00:00:00Z'::timestamptz + i * interval '43 seconds',
       '2024-04-01T00:00:00Z'::timestamptz + i * interval '43 seconds' + interval '2 seconds',
       'author' || (i % 5000), 'plan test', 'gps',
       extensions.st_setsrid(extensions.st_makepoint(20 + (i::bigint * 7919 % 20000) / 10000.0, (i::bigint * 104729 % 20000) / 10000.0), 4326),
       599524881301766143, 613035678720065535 + (i % 64), null, 'T1', 'GM9991'
from generate_series(1, 60000) i;
set local session_replication_role = origin;
analyze public.posts_y2024m04;

select tests.authenticate_as('prosecutor@test');

-- An hour out of a month: an index on created_at (the BRIN index, or the primary key whose
-- last column is created_at; the planner picks) and no sequential scan of the partition.
select ok(
  (select bool_or(i like 'posts_y2024m04_%') and not bool_or(i like 'seqscan:%') from tests.plan_indexes(
    pg_temp.body('public.heat_cells', $$20, 0, 22, 2, '2024-04-10T10:00Z', '2024-04-10T11:00Z', 8$$)) i),
  'heat_cells over an hour reads an index of its partition, not the whole partition');

-- A small box under RLS: the grid (integer equality, leakproof) reaches the (grid, created_at)
-- index although the policies come first; the answer is the same as the plain query's.
select ok(
  exists (select 1 from tests.plan_indexes(
    pg_temp.body('public.heat_cells', $$20.1, 0.1, 20.2, 0.2, '2024-04-01', '2024-05-01', 8$$)) i
    where i like 'posts_y2024m04_grid%'),
  'heat_cells over a small box and a month uses the grid index under RLS (prosecutor)');
select is(
  (select sum(n)::int from public.heat_cells(20.1, 0.1, 20.2, 0.2, '2024-04-01', '2024-05-01', 8)),
  (select count(*)::int from public.posts where source = 'plan'
     and created_at >= '2024-04-01' and created_at < '2024-05-01'
     and extensions.st_intersects(geom, extensions.st_makeenvelope(20.1, 0.1, 20.2, 0.2, 4326))),
  'heat_cells over a small box counts every post inside it');
select is(
  (select count(*)::int from public.posts_in_window('2024-04-01', '2024-05-01', 20.1, 0.1, 20.2, 0.2)),
  (select count(*)::int from public.posts where source = 'plan'
     and created_at >= '2024-04-01' and created_at < '2024-05-01'
     and extensions.st_intersects(geom, extensions.st_makeenvelope(20.1, 0.1, 20.2, 0.2, 4326))),
  'posts_in_window over a small box returns every post inside it');

-- Under RLS the bounding box cannot become a GiST index condition: PostGIS's && is not
-- leakproof, so PostgreSQL evaluates it only after the policies. Without RLS (service role) the
-- same function reaches the GiST index.
select tests.authenticate_as_service_role();
select ok(
  exists (select 1 from tests.plan_indexes(
    pg_temp.body('public.heat_cells', $$20.1, 0.1, 20.2, 0.2, '2024-04-01', '2024-05-01', 8$$)) i
    where i like 'posts_y2024m04_geom%'),
  'heat_cells over a small box and a month uses the GiST index on geom (service role)');
select tests.authenticate_as('prosecutor@test');

select ok(
  (select bool_or(i like 'posts_y2024m04_%') and not bool_or(i like 'seqscan:%') from tests.plan_indexes(
    pg_temp.body('public.posts_in_window', $$'2024-04-10T10:00Z', '2024-04-10T11:00Z'$$)) i),
  'posts_in_window over an hour reads an index of its partition, not the whole partition');

select ok(
  exists (select 1 from tests.plan_indexes(
    pg_temp.body('public.posts_since', $$'2024-04-30T23:00Z', '2024-04-01T00:00Z'$$)) i
    where i like 'posts_y2024m04_ingested_at%'),
  'posts_since uses the btree index on ingested_at');

select ok(
  not exists (select 1 from tests.plan_indexes(
    pg_temp.body('public.posts_in_window', $$'2024-04-10T10:00Z', '2024-04-10T11:00Z'$$)) i
    where i not like 'posts_y2024m04_%'),
  'posts_in_window prunes to the one partition of its window');

-- The same functions give the same answers as the plain queries they stand for.
select is(
  (select count(*)::int from public.posts_in_window('2024-04-10T10:00Z', '2024-04-10T11:00Z') where source = 'plan'),
  (select count(*)::int from public.posts where source = 'plan' and created_at >= '2024-04-10T10:00Z' and created_at < '2024-04-10T11:00Z'),
  'posts_in_window returns every post of the window');
select is(
  (select sum(n)::int from public.heat_cells(20, 0, 22, 2, '2024-04-10T10:00Z', '2024-04-10T11:00Z', 8)),
  (select count(*)::int from public.posts where source = 'plan'
     and created_at >= '2024-04-10T10:00Z' and created_at < '2024-04-10T11:00Z'),
  'heat_cells counts every post of the window');
select is(
  (select count(*)::int from public.posts_since('2024-04-30T23:00Z', '2024-04-01T00:00Z') where source = 'plan'),
  (select count(*)::int from public.posts where source = 'plan' and ingested_at > '2024-04-30T23:00Z'),
  'posts_since returns every later post');

select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc p
   where p.pronamespace = 'public'::regnamespace and p.prolang = (select oid from pg_language where lanname = 'plpgsql')
     and p.proname in ('heat_cells', 'heat_cells_area', 'corridors', 'posts_in_window', 'posts_since', 'area_stats')
     and p.proconfig @> array['plan_cache_mode=force_custom_plan']),
  array['area_stats', 'corridors', 'heat_cells', 'heat_cells_area', 'posts_in_window', 'posts_since'],
  'the read functions over posts plan each call with its arguments (force_custom_plan)');

select * from finish();
rollback;
