-- A fixed search_path on every function (issue 10; Supabase's advisor, lint 0011). With
-- `search_path = ''` a function resolves only pg_catalog and the names it qualifies, whoever
-- calls it and whatever their search_path.
--
-- A SQL function with a SET clause is never inlined into its caller. For the read functions over
-- the partitioned posts table that matters: inlined, the planner saw the window as constants and
-- pruned partitions and chose the grid index while planning; as plain SQL functions with SET,
-- PostgreSQL 15 plans their body once per call with the arguments as unknown parameters (every
-- partition planned, some 30 times slower on a 300,000-post month). So the read functions over
-- posts become PL/pgSQL with `plan_cache_mode = force_custom_plan`: each call plans its query
-- with the arguments as constants, as the inlined SQL was planned. private.posts_in_box and
-- private.h3_hex are written out in them (a nested function would not be inlined either).

-- ---------------------------------------------------------------------------------------------
-- Helpers and small functions: the SET clause is all that changes
-- ---------------------------------------------------------------------------------------------
alter function private.h3_hex(bigint) set search_path = '';
alter function private.h3_from_hex(text) set search_path = '';
alter function private.grid_cell(float8, float8) set search_path = '';
alter function private.grid_cells(float8, float8, float8, float8) set search_path = '';
alter function private.h3_parent(bigint, int) set search_path = '';
alter function private.posts_in_box(timestamptz, timestamptz, float8, float8, float8, float8) set search_path = '';
alter function public.open_alerts() set search_path = '';
alter function public.stream_clock() set search_path = '';
alter function public.areas() set search_path = '';

-- ---------------------------------------------------------------------------------------------
-- The read functions over posts (same signatures, results and volatility)
-- ---------------------------------------------------------------------------------------------
drop function public.heat_cells(float8, float8, float8, float8, timestamptz, timestamptz, int);
create function public.heat_cells(
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  t_from timestamptz, t_to timestamptz, res int
) returns table (h3 text, n int, authors int)
language plpgsql stable security invoker
set search_path = '' set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
  return query
  select pg_catalog.lpad(pg_catalog.to_hex(c.cell), 15, '0'), pg_catalog.count(*)::int,
         pg_catalog.count(distinct c.author_ref)::int
  from (
    select case res when 5 then p.h3_r5 when 8 then p.h3_r8 when 10 then p.h3_r10 end as cell,
           p.author_ref
    from (
      select p.* from public.posts p
      where private.grid_cells(min_lon, min_lat, max_lon, max_lat) is not null
        and p.grid = any (private.grid_cells(min_lon, min_lat, max_lon, max_lat))
        and p.created_at >= t_from and p.created_at < t_to
        and extensions.st_intersects(p.geom, extensions.st_makeenvelope(min_lon, min_lat, max_lon, max_lat, 4326))
      union all
      select p.* from public.posts p
      where private.grid_cells(min_lon, min_lat, max_lon, max_lat) is null
        and p.created_at >= t_from and p.created_at < t_to
        and (min_lon is null or min_lat is null or max_lon is null or max_lat is null
             or extensions.st_intersects(p.geom, extensions.st_makeenvelope(min_lon, min_lat, max_lon, max_lat, 4326)))
    ) p
    where private.check_res(res)
  ) c
  where c.cell is not null
  group by c.cell;
end;
$$;
comment on function public.heat_cells(float8, float8, float8, float8, timestamptz, timestamptz, int) is
  'Posts and distinct authors per H3 cell (res 5, 8 or 10) in a bounding box and [t_from, t_to).';

drop function public.heat_cells_area(uuid, timestamptz, timestamptz, int);
create function public.heat_cells_area(area_id uuid, t_from timestamptz, t_to timestamptz, res int)
returns table (h3 text, n int, authors int)
language plpgsql stable security invoker
set search_path = '' set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
  return query
  select pg_catalog.lpad(pg_catalog.to_hex(c.cell), 15, '0'), pg_catalog.count(*)::int,
         pg_catalog.count(distinct c.author_ref)::int
  from (
    select case res when 5 then p.h3_r5 when 8 then p.h3_r8 when 10 then p.h3_r10 end as cell,
           p.author_ref
    from public.event_areas a
    join public.posts p on extensions.st_covers(a.geom, p.geom)
    where private.check_res(res)
      and a.id = area_id
      and p.created_at >= t_from and p.created_at < t_to
  ) c
  where c.cell is not null
  group by c.cell;
end;
$$;
comment on function public.heat_cells_area(uuid, timestamptz, timestamptz, int) is
  'As heat_cells, for the posts inside an event area the caller can see.';

drop function public.corridors(float8, float8, float8, float8, timestamptz, timestamptz, int, int);
create function public.corridors(
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  t_from timestamptz, t_to timestamptz, res int default 8, min_authors int default 1
) returns table (from_h3 text, to_h3 text, n int, authors int)
language plpgsql stable security invoker
set search_path = '' set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
  return query
  select pg_catalog.lpad(pg_catalog.to_hex(s.prev_cell), 15, '0'),
         pg_catalog.lpad(pg_catalog.to_hex(s.cell), 15, '0'),
         pg_catalog.count(*)::int, pg_catalog.count(distinct s.author_ref)::int
  from (
    select c.author_ref, c.cell,
           pg_catalog.lag(c.cell) over (partition by c.author_ref order by c.created_at, c.source, c.id) as prev_cell
    from (
      select p.author_ref, p.created_at, p.source, p.id,
             case res when 5 then p.h3_r5 when 8 then p.h3_r8 when 10 then p.h3_r10 end as cell
      from (
        select p.* from public.posts p
        where private.grid_cells(min_lon, min_lat, max_lon, max_lat) is not null
          and p.grid = any (private.grid_cells(min_lon, min_lat, max_lon, max_lat))
          and p.created_at >= t_from and p.created_at < t_to
          and extensions.st_intersects(p.geom, extensions.st_makeenvelope(min_lon, min_lat, max_lon, max_lat, 4326))
        union all
        select p.* from public.posts p
        where private.grid_cells(min_lon, min_lat, max_lon, max_lat) is null
          and p.created_at >= t_from and p.created_at < t_to
          and (min_lon is null or min_lat is null or max_lon is null or max_lat is null
               or extensions.st_intersects(p.geom, extensions.st_makeenvelope(min_lon, min_lat, max_lon, max_lat, 4326)))
      ) p
      where private.check_res(res)
    ) c
    where c.cell is not null
  ) s
  where s.prev_cell is not null and s.prev_cell <> s.cell
  group by s.prev_cell, s.cell
  having pg_catalog.count(distinct s.author_ref) >= coalesce(min_authors, 1);
end;
$$;
comment on function public.corridors(float8, float8, float8, float8, timestamptz, timestamptz, int, int) is
  'Moves between H3 cells: per (from, to) the number of consecutive post pairs of one author and of distinct authors.';

drop function public.posts_in_window(timestamptz, timestamptz, float8, float8, float8, float8, int);
create function public.posts_in_window(
  t_from timestamptz, t_to timestamptz,
  min_lon float8 default null, min_lat float8 default null,
  max_lon float8 default null, max_lat float8 default null,
  lim int default 50000
) returns setof public.client_post
language plpgsql stable security invoker
set search_path = '' set plan_cache_mode = force_custom_plan
as $$
begin
  return query
  select p.id, p.source, p.author_ref, p.created_at, p.ingested_at, p.text, p.place, p.lang,
         p.reply_to, p.repost_of, p.url, p.engagement, p.method, p.precision_m, p.located_as,
         extensions.st_x(p.geom), extensions.st_y(p.geom),
         pg_catalog.lpad(pg_catalog.to_hex(p.h3_r8), 15, '0')
  from (
    select p.* from public.posts p
    where private.grid_cells(min_lon, min_lat, max_lon, max_lat) is not null
      and p.grid = any (private.grid_cells(min_lon, min_lat, max_lon, max_lat))
      and p.created_at >= t_from and p.created_at < t_to
      and extensions.st_intersects(p.geom, extensions.st_makeenvelope(min_lon, min_lat, max_lon, max_lat, 4326))
    union all
    select p.* from public.posts p
    where private.grid_cells(min_lon, min_lat, max_lon, max_lat) is null
      and p.created_at >= t_from and p.created_at < t_to
      and (min_lon is null or min_lat is null or max_lon is null or max_lat is null
           or extensions.st_intersects(p.geom, extensions.st_makeenvelope(min_lon, min_lat, max_lon, max_lat, 4326)))
  ) p
  order by p.created_at, p.source, p.id
  limit lim;
end;
$$;
comment on function public.posts_in_window(timestamptz, timestamptz, float8, float8, float8, float8, int) is
  'Posts the caller can see created in [t_from, t_to), optionally inside a bounding box, in created_at order.';

drop function public.posts_since(timestamptz, timestamptz, int, text, text);
create function public.posts_since(
  since timestamptz, min_created timestamptz, lim int default 10000,
  after_source text default null, after_id text default null
)
returns setof public.client_post
language plpgsql stable security invoker
set search_path = '' set plan_cache_mode = force_custom_plan
as $$
begin
  return query
  select p.id, p.source, p.author_ref, p.created_at, p.ingested_at, p.text, p.place, p.lang,
         p.reply_to, p.repost_of, p.url, p.engagement, p.method, p.precision_m, p.located_as,
         extensions.st_x(p.geom), extensions.st_y(p.geom),
         pg_catalog.lpad(pg_catalog.to_hex(p.h3_r8), 15, '0')
  from public.posts p
  where p.ingested_at >= since
    and (p.ingested_at > since
         or (after_id is not null and (p.source, p.id) > (coalesce(after_source, ''), after_id)))
    and (min_created is null or p.created_at >= min_created)
  order by p.ingested_at, p.source, p.id
  limit lim;
end;
$$;
comment on function public.posts_since(timestamptz, timestamptz, int, text, text) is
  'Posts the caller can see ingested after since (exclusive; or after the row (since, after_source, after_id)) and created at or after min_created, in (ingested_at, source, id) order.';

drop function public.area_stats(timestamptz, timestamptz);
create function public.area_stats(t_from timestamptz, t_to timestamptz)
returns table (area_id uuid, name text, posts int, authors int, per_minute real)
language plpgsql stable security invoker
set search_path = '' set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
  return query
  select a.id, a.name, pg_catalog.count(p.id)::int, pg_catalog.count(distinct p.author_ref)::int,
         (pg_catalog.count(p.id) / greatest(extract(epoch from (t_to - t_from)) / 60.0, 1e-9))::real
  from public.event_areas a
  left join public.posts p
    on p.created_at >= t_from and p.created_at < t_to
   and extensions.st_covers(a.geom, p.geom)
  group by a.id, a.name
  order by a.name, a.id;
end;
$$;
comment on function public.area_stats(timestamptz, timestamptz) is
  'Per event area the caller can see: posts and distinct authors in [t_from, t_to) and posts per minute.';

revoke execute on function
  public.heat_cells(float8, float8, float8, float8, timestamptz, timestamptz, int),
  public.heat_cells_area(uuid, timestamptz, timestamptz, int),
  public.corridors(float8, float8, float8, float8, timestamptz, timestamptz, int, int),
  public.posts_in_window(timestamptz, timestamptz, float8, float8, float8, float8, int),
  public.posts_since(timestamptz, timestamptz, int, text, text),
  public.area_stats(timestamptz, timestamptz)
from public, anon;
grant execute on function
  public.heat_cells(float8, float8, float8, float8, timestamptz, timestamptz, int),
  public.heat_cells_area(uuid, timestamptz, timestamptz, int),
  public.corridors(float8, float8, float8, float8, timestamptz, timestamptz, int, int),
  public.posts_in_window(timestamptz, timestamptz, float8, float8, float8, float8, int),
  public.posts_since(timestamptz, timestamptz, int, text, text),
  public.area_stats(timestamptz, timestamptz)
to authenticated, service_role;
