-- Posts: geolocated social-media posts, partitioned by month of created_at. Each post carries a
-- pseudonymous author reference (author_ref, a keyed hash; never the handle), its location with
-- the method that produced it, its H3 cells at resolutions 5, 8 and 10, and the police unit and
-- municipality it lies in (set at ingest). Raw handles live apart in author_handles.
-- Post text is hostile input: it is stored and returned as data, never interpreted.

-- ---------------------------------------------------------------------------------------------
-- Types and conversions
-- ---------------------------------------------------------------------------------------------
create type public.locate_method as enum ('gps', 'place', 'text', 'none');
comment on type public.locate_method is 'How a post was placed: its own geotag, a place tag, a name in the text, or not at all.';

-- H3 cells are stored as bigint and travel as 15-character hex strings (h3-js form).
-- Plain SQL without SET so that the planner can inline them into the read functions.
create function private.h3_hex(cell bigint) returns text
language sql immutable parallel safe
as $$
  select pg_catalog.lpad(pg_catalog.to_hex(cell), 15, '0')
$$;
comment on function private.h3_hex(bigint) is 'H3 cell as a 15-character hex string (h3-js form).';

create function private.h3_from_hex(cell text) returns bigint
language sql immutable parallel safe
as $$
  select (('x' operator(pg_catalog.||) pg_catalog.lpad(cell, 16, '0'))::bit(64))::bigint
$$;
comment on function private.h3_from_hex(text) is 'H3 cell from its hex string; an invalid string raises.';

revoke execute on function private.h3_hex(bigint), private.h3_from_hex(text) from public, anon;
grant execute on function private.h3_hex(bigint), private.h3_from_hex(text) to authenticated, service_role;

-- A plain lon/lat grid (0.1 x 0.05 degrees, about 6.7 x 5.6 km in the Netherlands) as one
-- integer. Integer equality is leakproof, so under RLS a bounding box still reaches an index
-- through the grid, where PostGIS's && (not leakproof) is applied only after the policies.
create function private.grid_cell(x float8, y float8) returns int
language sql immutable parallel safe
as $$
  select (pg_catalog.floor(x / 0.1)::int + 1800) * 4000 + (pg_catalog.floor(y / 0.05)::int + 1800)
$$;
comment on function private.grid_cell(float8, float8) is 'Grid cell (0.1 x 0.05 degrees) of a lon/lat, as an integer.';

-- The grid cells of a bounding box, or null when there are more than 4,096 (then a time index is
-- the better path anyway).
create function private.grid_cells(min_lon float8, min_lat float8, max_lon float8, max_lat float8)
returns int[]
language sql immutable parallel safe
as $$
  select case
    when min_lon is null or min_lat is null or max_lon is null or max_lat is null then null
    when (pg_catalog.floor(least(max_lon, 180) / 0.1) - pg_catalog.floor(greatest(min_lon, -180) / 0.1) + 1)
       * (pg_catalog.floor(least(max_lat, 90) / 0.05) - pg_catalog.floor(greatest(min_lat, -90) / 0.05) + 1)
       not between 1 and 4096 then null
    else (
      select pg_catalog.array_agg((gx + 1800) * 4000 + (gy + 1800))
      from pg_catalog.generate_series(pg_catalog.floor(greatest(min_lon, -180) / 0.1)::int,
                                      pg_catalog.floor(least(max_lon, 180) / 0.1)::int) gx,
           pg_catalog.generate_series(pg_catalog.floor(greatest(min_lat, -90) / 0.05)::int,
                                      pg_catalog.floor(least(max_lat, 90) / 0.05)::int) gy)
  end
$$;
comment on function private.grid_cells(float8, float8, float8, float8) is
  'Grid cells (private.grid_cell) covering a bounding box; null when there are more than 4,096.';

revoke execute on function private.grid_cell(float8, float8), private.grid_cells(float8, float8, float8, float8) from public, anon;
grant execute on function private.grid_cell(float8, float8), private.grid_cells(float8, float8, float8, float8) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Table: posts (partitioned) and its monthly partitions
-- ---------------------------------------------------------------------------------------------
-- unit_id and municipality_code carry no foreign keys: ingest_posts fills them from those very
-- tables, and a per-row foreign-key check would halve the ingest rate.
create table public.posts (
  source text not null,
  id text not null,
  created_at timestamptz not null,
  ingested_at timestamptz not null default clock_timestamp(),
  author_ref text not null,
  text text not null default '',
  place text,
  lang text,
  reply_to text,
  repost_of text,
  url text,
  engagement jsonb,
  method public.locate_method not null default 'none',
  precision_m real,
  located_as text,
  geom extensions.geometry(Point, 4326),
  h3_r5 bigint,
  h3_r8 bigint,
  h3_r10 bigint,
  unit_id text,
  municipality_code text,
  grid int generated always as (private.grid_cell(extensions.st_x(geom), extensions.st_y(geom))) stored,
  -- created_at first: the key is then also the btree for time windows (an hour of a month
  -- partition is a short range scan); (source, id) uniqueness across partitions is post_keys'.
  primary key (created_at, source, id),
  constraint posts_located_has_geom check ((method = 'none') = (geom is null))
) partition by range (created_at);
comment on table public.posts is
  'Geolocated social-media posts, one partition per month of created_at (2012-01 to 2027-12, plus a default partition). Pseudonymous: author_ref only.';

create index posts_created_at_brin on public.posts using brin (created_at);
create index posts_geom_gist on public.posts using gist (geom);
create index posts_ingested_at_idx on public.posts (ingested_at);
create index posts_grid_created_at_idx on public.posts (grid, created_at);

-- Partitions inherit neither RLS nor grants from the parent. On Supabase, default privileges
-- grant every new table in public to anon and authenticated, so each partition is locked down
-- here: RLS on without policies, and no grants to the API roles. Access goes through the parent.
do $$
declare
  m date := date '2012-01-01';
  part text;
begin
  while m < date '2028-01-01' loop
    part := pg_catalog.format('posts_y%sm%s', pg_catalog.to_char(m, 'YYYY'), pg_catalog.to_char(m, 'MM'));
    execute pg_catalog.format(
      'create table if not exists public.%I partition of public.posts for values from (%L) to (%L)',
      part, m::text || ' 00:00:00+00', (m + interval '1 month')::date::text || ' 00:00:00+00');
    execute pg_catalog.format('alter table public.%I enable row level security', part);
    execute pg_catalog.format('revoke all on table public.%I from anon, authenticated', part);
    execute pg_catalog.format('comment on table public.%I is %L', part,
      'Posts created in ' || pg_catalog.to_char(m, 'YYYY-MM') || ' (UTC); read through public.posts.');
    m := (m + interval '1 month')::date;
  end loop;
end
$$;

create table public.posts_default partition of public.posts default;
comment on table public.posts_default is 'Posts outside the monthly partitions; read through public.posts.';
alter table public.posts_default enable row level security;
revoke all on table public.posts_default from anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Row level security on posts (select only; writes are the service role's, through ingest_posts)
-- ---------------------------------------------------------------------------------------------
alter table public.posts enable row level security;

revoke all on table public.posts from anon, authenticated;
grant select on table public.posts to authenticated;
grant all on table public.posts to service_role;

create policy "Analysts see posts of their unit and posts without a unit"
  on public.posts for select to authenticated
  using (
    (select private.app_role()) = 'analyst'
    and (unit_id = (select private.app_unit()) or unit_id is null)
  );

create policy "Commanders see posts of their unit"
  on public.posts for select to authenticated
  using ((select private.app_role()) = 'commander' and unit_id = (select private.app_unit()));

create policy "Mayors see posts in their municipality"
  on public.posts for select to authenticated
  using ((select private.app_role()) = 'mayor' and municipality_code = (select private.app_municipality()));

create policy "Prosecutors and planners see all posts"
  on public.posts for select to authenticated
  using ((select private.app_role()) in ('prosecutor', 'planner'));

-- ---------------------------------------------------------------------------------------------
-- Table: post_keys (uniqueness of (source, id) across partitions)
-- ---------------------------------------------------------------------------------------------
create table public.post_keys (
  source text not null,
  id text not null,
  primary key (source, id)
);
comment on table public.post_keys is
  'Every (source, id) ever ingested: the partitioned posts table cannot enforce it. Service role only.';

alter table public.post_keys enable row level security;
revoke all on table public.post_keys from anon, authenticated;
grant all on table public.post_keys to service_role;

-- ---------------------------------------------------------------------------------------------
-- Table: author_handles (raw handles behind the pseudonyms)
-- ---------------------------------------------------------------------------------------------
-- No policy and no grant for authenticated: the only way in is public.reveal_author(), which
-- checks for the prosecutor role and writes every reveal to the audit log.
create table public.author_handles (
  author_ref text primary key,
  handle text not null,
  source text
);
comment on table public.author_handles is
  'Raw author handles by pseudonym. Readable only through reveal_author() (prosecutors, audit-logged).';

alter table public.author_handles enable row level security;
revoke all on table public.author_handles from anon, authenticated;
grant all on table public.author_handles to service_role;
