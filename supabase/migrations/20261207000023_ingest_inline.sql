-- The ingest path without per-row function calls (issue 10, after 20261207000022): a SQL
-- function with a fixed search_path is not inlined, and each call of one costs microseconds per
-- post. So the H3 conversions (private.h3_from_hex, h3_hex, h3_parent) are written out in
-- ingest_post_keys and the broadcast trigger, and the generated column posts.grid no longer
-- calls private.grid_cell but holds the same arithmetic. Results are unchanged: tests compare
-- them with the helpers.
--
-- posts.grid: PostgreSQL 15 cannot change a generation expression in place, so the column is
-- dropped and added again (a rewrite of posts: on a large deployment, run it in a quiet hour)
-- with its index.

alter table public.posts drop column grid;
alter table public.posts add column grid int generated always as (
  (pg_catalog.floor(extensions.st_x(geom) / 0.1)::int + 1800) * 4000
  + (pg_catalog.floor(extensions.st_y(geom) / 0.05)::int + 1800)) stored;
comment on column public.posts.grid is
  'Grid cell of the location (private.grid_cell, written out): an integer a bounding box reaches under RLS.';
create index posts_grid_created_at_idx on public.posts (grid, created_at);

create or replace function public.ingest_post_keys(rows jsonb)
returns table (source text, id text)
language sql volatile set search_path = ''
as $$
  with r as (
    select distinct on (x.source, x.id) x.*
    from jsonb_to_recordset(rows) as x(
      id text, source text, author text, created_at timestamptz, text text, place text, lang text,
      reply_to text, repost_of text, url text, engagement jsonb, method text, precision_m real,
      located_as text, x float8, y float8, h3_r5 text, h3_r8 text, h3_r10 text, handle text,
      classes text[])
    order by x.source, x.id, x.created_at
  ),
  k as (
    insert into public.post_keys (source, id)
    select r.source, r.id from r
    on conflict do nothing
    returning source, id
  ),
  ins as (
    insert into public.posts (
      source, id, created_at, author_ref, text, place, lang, reply_to, repost_of, url, engagement,
      method, precision_m, located_as, geom, h3_r5, h3_r8, h3_r10, unit_id, municipality_code,
      classes)
    select r.source, r.id, r.created_at, r.author, coalesce(r.text, ''), r.place, r.lang,
           r.reply_to, r.repost_of, r.url, r.engagement,
           coalesce(r.method, 'none')::public.locate_method, r.precision_m, r.located_as, g.geom,
           (('x' || pg_catalog.lpad(r.h3_r5, 16, '0'))::bit(64))::bigint,
           (('x' || pg_catalog.lpad(r.h3_r8, 16, '0'))::bit(64))::bigint,
           (('x' || pg_catalog.lpad(r.h3_r10, 16, '0'))::bit(64))::bigint,
           coalesce(m.unit_id, u.id), m.code,
           case when pg_catalog.cardinality(r.classes) > 0 then r.classes end
    from r
    join k on k.source = r.source and k.id = r.id
    cross join lateral (
      select case when r.x is not null and r.y is not null
                  then extensions.st_setsrid(extensions.st_makepoint(r.x, r.y), 4326) end as geom
    ) g
    left join lateral (
      select mm.code, mm.unit_id from public.municipalities mm
      where g.geom is not null and extensions.st_covers(mm.geom, g.geom)
      order by mm.code limit 1
    ) m on true
    left join lateral (
      select uu.id from public.police_units uu
      where g.geom is not null and m.code is null and extensions.st_covers(uu.geom, g.geom)
      order by uu.id limit 1
    ) u on true
    order by r.created_at
    returning source, id
  ),
  h as (
    insert into public.author_handles (author_ref, handle, source)
    select distinct on (r.author) r.author, r.handle, r.source
    from r
    where r.handle is not null and r.author is not null
    order by r.author
    on conflict (author_ref) do nothing
    returning 1
  )
  select ins.source, ins.id from ins
$$;

create or replace function private.broadcast_posts() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  m record;
  since timestamptz := private.live_since();
begin
  for m in
    with n as materialized (
      select np.unit_id, np.municipality_code, np.h3_r5,
             pg_catalog.row_number() over (order by np.created_at, np.source, np.id) as rn,
             pg_catalog.json_build_object(
               'id', np.id, 'source', np.source, 'author', np.author_ref,
               'created_at', np.created_at, 'ingested_at', np.ingested_at, 'text', np.text,
               'place', np.place, 'lang', np.lang, 'reply_to', np.reply_to,
               'repost_of', np.repost_of, 'url', np.url, 'engagement', np.engagement,
               'method', np.method, 'precision_m', np.precision_m, 'located_as', np.located_as,
               'x', extensions.st_x(np.geom), 'y', extensions.st_y(np.geom),
               'h3_r8', pg_catalog.lpad(pg_catalog.to_hex(np.h3_r8), 15, '0')) as j
      from new_posts np
      where np.created_at >= since
    ),
    t as (
      select 'posts:unit:' || n.unit_id as topic, n.rn from n where n.unit_id is not null
      union all
      select 'posts:gm:' || n.municipality_code, n.rn from n
      where n.municipality_code in (
        select r.municipality_code from public.user_roles r where r.role = 'mayor')
      union all
      select 'posts:h3:' || pg_catalog.lpad(pg_catalog.to_hex(
               (n.h3_r5 & ~(15::bigint << 52)) | (4::bigint << 52) | ((1::bigint << 33) - 1)), 15, '0'), n.rn
      from n
      where n.h3_r5 is not null
      union all
      select 'posts:unplaced', n.rn from n where n.unit_id is null
    ),
    c as (
      select t.topic, t.rn,
             (pg_catalog.row_number() over (partition by t.topic order by t.rn) - 1) / 500 as chunk
      from t
    )
    select c.topic, pg_catalog.json_agg(n.j order by c.rn) as posts
    from c join n on n.rn = c.rn
    group by c.topic, c.chunk
    order by c.topic, c.chunk
  loop
    perform realtime.send(pg_catalog.jsonb_build_object('posts', m.posts), 'posts', m.topic, true);
  end loop;
  return null;
end;
$$;
