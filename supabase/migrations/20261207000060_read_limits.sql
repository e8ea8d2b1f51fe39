-- Rows per call (issue 10, finding 5): `posts_since(lim => 2e9)` answered 47 MB and took the
-- embedded server to 2.4 GB. The API caps what it sends (PostgREST's db-max-rows: 1,000 on
-- Supabase and in the local stack), but these PL/pgSQL functions built their whole result before
-- that cap applied (RETURN QUERY fills a tuplestore): with 100,000 visible posts a call took about
-- 1 s of the database. Here the function itself returns at most 1,000 rows to a user (anon,
-- authenticated); the service role (the detector worker reads an hour at a time) and the owner
-- are not capped. Bodies as in 20261207000022, but for the limit.

create or replace function public.posts_in_window(
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
  limit least(greatest(coalesce(lim, 0), 0),
              case when current_user in ('service_role', 'postgres') then lim else 1000 end);
end;
$$;

create or replace function public.posts_since(
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
  limit least(greatest(coalesce(lim, 0), 0),
              case when current_user in ('service_role', 'postgres') then lim else 1000 end);
end;
$$;
