-- Ingest: the service role's single entry point for new posts. One statement per batch: keys
-- first (post_keys, so that a (source, id) is stored once across partitions), then the posts with
-- their unit and municipality from the boundaries (st_covers), then raw handles when the row
-- carries one. The statement-level realtime trigger then broadcasts the batch.
-- Row values are data only: nothing from a row is ever turned into SQL.

create function public.ingest_posts(rows jsonb)
returns table (inserted int, duplicates int)
language sql volatile set search_path = ''
as $$
  with r as (
    select distinct on (x.source, x.id) x.*
    from jsonb_to_recordset(rows) as x(
      id text, source text, author text, created_at timestamptz, text text, place text, lang text,
      reply_to text, repost_of text, url text, engagement jsonb, method text, precision_m real,
      located_as text, x float8, y float8, h3_r5 text, h3_r8 text, h3_r10 text, handle text)
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
      method, precision_m, located_as, geom, h3_r5, h3_r8, h3_r10, unit_id, municipality_code)
    select r.source, r.id, r.created_at, r.author, coalesce(r.text, ''), r.place, r.lang,
           r.reply_to, r.repost_of, r.url, r.engagement,
           coalesce(r.method, 'none')::public.locate_method, r.precision_m, r.located_as, g.geom,
           private.h3_from_hex(r.h3_r5), private.h3_from_hex(r.h3_r8), private.h3_from_hex(r.h3_r10),
           coalesce(m.unit_id, u.id), m.code
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
    returning 1
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
  select (select count(*) from ins)::int,
         (jsonb_array_length(rows) - (select count(*) from ins))::int
$$;
comment on function public.ingest_posts(jsonb) is
  'Service role: insert a batch of ingest rows (JSON array); returns how many were new and how many duplicates.';

revoke execute on function public.ingest_posts(jsonb) from public, anon, authenticated;
grant execute on function public.ingest_posts(jsonb) to service_role;
