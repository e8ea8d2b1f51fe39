-- Read API: the functions the client calls through supabase-js `.rpc()`. All are security
-- invoker (RLS on posts, event_areas and alerts decides what the caller sees) and stable.
--
-- The functions over posts are plain SQL without SET clauses so that PostgreSQL inlines them
-- into the calling query: the time window then prunes partitions at plan time and the bounding
-- box reaches the GiST index (checked by EXPLAIN in the tests). Without a fixed search_path
-- every name is schema-qualified; as invoker functions they cannot be abused for privilege.
--
-- H3 cells are returned as 15-character hex strings; times as timestamptz (ISO strings in JSON).

-- ---------------------------------------------------------------------------------------------
-- Shared pieces
-- ---------------------------------------------------------------------------------------------
-- The H3 resolution argument: 5, 8 or 10. Immutable, so a constant argument is checked (and
-- refused) when the query is planned, before any row is read.
create function private.check_res(res int) returns boolean
language plpgsql immutable set search_path = ''
as $$
begin
  if res is null or res not in (5, 8, 10) then
    raise exception 'res must be 5, 8 or 10 (got %)', res using errcode = '22023';
  end if;
  return true;
end;
$$;
revoke execute on function private.check_res(int) from public, anon;
grant execute on function private.check_res(int) to authenticated, service_role;

-- The posts the caller can see in [t_from, t_to) and, when a box is given, inside it. Two branches
-- of which one-time filters run exactly one: a box of at most 4,096 grid cells is looked up
-- through the (grid, created_at) index (leakproof, so usable under RLS), a larger or no box
-- through created_at. Plain SQL, inlined into its callers.
create function private.posts_in_box(
  t_from timestamptz, t_to timestamptz,
  min_lon float8, min_lat float8, max_lon float8, max_lat float8
) returns setof public.posts
language sql stable
as $$
  select p.* from public.posts p
  where private.grid_cells(min_lon, min_lat, max_lon, max_lat) is not null
    and p.grid = any(private.grid_cells(min_lon, min_lat, max_lon, max_lat))
    and p.created_at >= t_from and p.created_at < t_to
    and extensions.st_intersects(p.geom, extensions.st_makeenvelope(min_lon, min_lat, max_lon, max_lat, 4326))
  union all
  select p.* from public.posts p
  where private.grid_cells(min_lon, min_lat, max_lon, max_lat) is null
    and p.created_at >= t_from and p.created_at < t_to
    and (min_lon is null or min_lat is null or max_lon is null or max_lat is null
         or extensions.st_intersects(p.geom, extensions.st_makeenvelope(min_lon, min_lat, max_lon, max_lat, 4326)))
$$;
comment on function private.posts_in_box(timestamptz, timestamptz, float8, float8, float8, float8) is
  'Visible posts of [t_from, t_to), inside the box when one is given (grid index for small boxes).';
revoke execute on function private.posts_in_box(timestamptz, timestamptz, float8, float8, float8, float8) from public, anon;
grant execute on function private.posts_in_box(timestamptz, timestamptz, float8, float8, float8, float8) to authenticated, service_role;

-- The rows of posts_in_window and posts_since (the client post row of docs/backend.md).
create type public.client_post as (
  id text,
  source text,
  author text,
  created_at timestamptz,
  ingested_at timestamptz,
  text text,
  place text,
  lang text,
  reply_to text,
  repost_of text,
  url text,
  engagement jsonb,
  method public.locate_method,
  precision_m real,
  located_as text,
  x double precision,
  y double precision,
  h3_r8 text
);
comment on type public.client_post is 'A post as the client reads it; null fields are absent in the realtime payload.';

-- ---------------------------------------------------------------------------------------------
-- me
-- ---------------------------------------------------------------------------------------------
create function public.me() returns json
language sql stable security definer set search_path = ''
as $$
  select case when s.uid is null then null else pg_catalog.json_build_object(
    'user_id', s.uid,
    'email', coalesce(u.email::text, auth.email()),
    'role', r.role,
    'unit_id', r.unit_id,
    'municipality_code', r.municipality_code,
    'display_name', r.display_name) end
  from (select auth.uid() as uid) s
  left join auth.users u on u.id = s.uid
  left join public.user_roles r on r.user_id = s.uid
$$;
comment on function public.me() is '{user_id, email, role, unit_id, municipality_code, display_name} of the caller.';

-- ---------------------------------------------------------------------------------------------
-- heat_cells, heat_cells_area: posts and distinct authors per H3 cell
-- ---------------------------------------------------------------------------------------------
create function public.heat_cells(
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  t_from timestamptz, t_to timestamptz, res int
) returns table (h3 text, n int, authors int)
language sql stable
as $$
  select private.h3_hex(c.cell), count(*)::int, count(distinct c.author_ref)::int
  from (
    select case res when 5 then p.h3_r5 when 8 then p.h3_r8 when 10 then p.h3_r10 end as cell,
           p.author_ref
    from private.posts_in_box(t_from, t_to, min_lon, min_lat, max_lon, max_lat) p
    where private.check_res(res)
  ) c
  where c.cell is not null
  group by c.cell
$$;
comment on function public.heat_cells(float8, float8, float8, float8, timestamptz, timestamptz, int) is
  'Posts and distinct authors per H3 cell (res 5, 8 or 10) in a bounding box and [t_from, t_to).';

create function public.heat_cells_area(area_id uuid, t_from timestamptz, t_to timestamptz, res int)
returns table (h3 text, n int, authors int)
language sql stable
as $$
  select private.h3_hex(c.cell), count(*)::int, count(distinct c.author_ref)::int
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
  group by c.cell
$$;
comment on function public.heat_cells_area(uuid, timestamptz, timestamptz, int) is
  'As heat_cells, for the posts inside an event area the caller can see.';

-- ---------------------------------------------------------------------------------------------
-- corridors: consecutive located posts of one author that move from one cell to another
-- ---------------------------------------------------------------------------------------------
create function public.corridors(
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  t_from timestamptz, t_to timestamptz, res int default 8, min_authors int default 1
) returns table (from_h3 text, to_h3 text, n int, authors int)
language sql stable
as $$
  select private.h3_hex(s.prev_cell), private.h3_hex(s.cell), count(*)::int, count(distinct s.author_ref)::int
  from (
    select c.author_ref, c.cell,
           lag(c.cell) over (partition by c.author_ref order by c.created_at, c.source, c.id) as prev_cell
    from (
      select p.author_ref, p.created_at, p.source, p.id,
             case res when 5 then p.h3_r5 when 8 then p.h3_r8 when 10 then p.h3_r10 end as cell
      from private.posts_in_box(t_from, t_to, min_lon, min_lat, max_lon, max_lat) p
      where private.check_res(res)
    ) c
    where c.cell is not null
  ) s
  where s.prev_cell is not null and s.prev_cell <> s.cell
  group by s.prev_cell, s.cell
  having count(distinct s.author_ref) >= coalesce(min_authors, 1)
$$;
comment on function public.corridors(float8, float8, float8, float8, timestamptz, timestamptz, int, int) is
  'Moves between H3 cells: per (from, to) the number of consecutive post pairs of one author and of distinct authors.';

-- ---------------------------------------------------------------------------------------------
-- posts_in_window, posts_since: client post rows
-- ---------------------------------------------------------------------------------------------
create function public.posts_in_window(
  t_from timestamptz, t_to timestamptz,
  min_lon float8 default null, min_lat float8 default null,
  max_lon float8 default null, max_lat float8 default null,
  lim int default 50000
) returns setof public.client_post
language sql stable
as $$
  select p.id, p.source, p.author_ref, p.created_at, p.ingested_at, p.text, p.place, p.lang,
         p.reply_to, p.repost_of, p.url, p.engagement, p.method, p.precision_m, p.located_as,
         extensions.st_x(p.geom), extensions.st_y(p.geom), private.h3_hex(p.h3_r8)
  from private.posts_in_box(t_from, t_to, min_lon, min_lat, max_lon, max_lat) p
  order by p.created_at, p.source, p.id
  limit lim
$$;
comment on function public.posts_in_window(timestamptz, timestamptz, float8, float8, float8, float8, int) is
  'Posts the caller can see created in [t_from, t_to), optionally inside a bounding box, in created_at order.';

-- since is exclusive. Clients resume from the last ingested_at they saw (minus a little slack,
-- de-duplicating by (source, id)), because a transaction that commits late can carry older
-- ingested_at values than one already seen.
-- Paging: pass the last row's ingested_at, source and id as since, after_source, after_id to
-- continue exactly after it (rows of one statement can share their ingested_at, at the
-- millisecond on PGlite); with since alone, since is exclusive.
create function public.posts_since(
  since timestamptz, min_created timestamptz, lim int default 10000,
  after_source text default null, after_id text default null
)
returns setof public.client_post
language sql stable
as $$
  select p.id, p.source, p.author_ref, p.created_at, p.ingested_at, p.text, p.place, p.lang,
         p.reply_to, p.repost_of, p.url, p.engagement, p.method, p.precision_m, p.located_as,
         extensions.st_x(p.geom), extensions.st_y(p.geom), private.h3_hex(p.h3_r8)
  from public.posts p
  where p.ingested_at >= since
    and (p.ingested_at > since
         or (after_id is not null and (p.source, p.id) > (coalesce(after_source, ''), after_id)))
    and (min_created is null or p.created_at >= min_created)
  order by p.ingested_at, p.source, p.id
  limit lim
$$;
comment on function public.posts_since(timestamptz, timestamptz, int, text, text) is
  'Posts the caller can see ingested after since (exclusive; or after the row (since, after_source, after_id)) and created at or after min_created, in (ingested_at, source, id) order.';

-- ---------------------------------------------------------------------------------------------
-- area_stats: per visible event area, posts and authors in a window
-- ---------------------------------------------------------------------------------------------
create function public.area_stats(t_from timestamptz, t_to timestamptz)
returns table (area_id uuid, name text, posts int, authors int, per_minute real)
language sql stable
as $$
  select a.id, a.name, count(p.id)::int, count(distinct p.author_ref)::int,
         (count(p.id) / greatest(extract(epoch from (t_to - t_from)) / 60.0, 1e-9))::real
  from public.event_areas a
  left join public.posts p
    on p.created_at >= t_from and p.created_at < t_to
   and extensions.st_covers(a.geom, p.geom)
  group by a.id, a.name
  order by a.name, a.id
$$;
comment on function public.area_stats(timestamptz, timestamptz) is
  'Per event area the caller can see: posts and distinct authors in [t_from, t_to) and posts per minute.';

-- ---------------------------------------------------------------------------------------------
-- reveal_author: the only way to a raw handle (prosecutors; every call is audit-logged)
-- ---------------------------------------------------------------------------------------------
create function public.reveal_author(ref text)
returns table (author_ref text, handle text, source text)
language plpgsql volatile security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may reveal an author' using errcode = '42501';
  end if;
  perform private.audit('reveal_author', ref,
    pg_catalog.jsonb_build_object('found', exists (select 1 from public.author_handles h where h.author_ref = ref)));
  return query select h.author_ref, h.handle, h.source from public.author_handles h where h.author_ref = ref;
end;
$$;
comment on function public.reveal_author(text) is 'Prosecutor only: the raw handle behind a pseudonym. Audit-logged.';

-- ---------------------------------------------------------------------------------------------
-- Grants: signed-in users and the service role; never anon
-- ---------------------------------------------------------------------------------------------
revoke execute on function
  public.me(),
  public.heat_cells(float8, float8, float8, float8, timestamptz, timestamptz, int),
  public.heat_cells_area(uuid, timestamptz, timestamptz, int),
  public.corridors(float8, float8, float8, float8, timestamptz, timestamptz, int, int),
  public.posts_in_window(timestamptz, timestamptz, float8, float8, float8, float8, int),
  public.posts_since(timestamptz, timestamptz, int, text, text),
  public.area_stats(timestamptz, timestamptz),
  public.reveal_author(text)
from public, anon;

grant execute on function
  public.me(),
  public.heat_cells(float8, float8, float8, float8, timestamptz, timestamptz, int),
  public.heat_cells_area(uuid, timestamptz, timestamptz, int),
  public.corridors(float8, float8, float8, float8, timestamptz, timestamptz, int, int),
  public.posts_in_window(timestamptz, timestamptz, float8, float8, float8, float8, int),
  public.posts_since(timestamptz, timestamptz, int, text, text),
  public.area_stats(timestamptz, timestamptz),
  public.reveal_author(text)
to authenticated, service_role;
