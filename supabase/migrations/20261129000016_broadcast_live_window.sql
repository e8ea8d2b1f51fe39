-- Realtime only for posts a live map can show. A map holds the last 25 hours before its stream
-- clock (HISTORY_MS in src/lib/map/analyses.ts) and backfills through posts_since when it
-- (re)subscribes, so broadcasting a post created before that only costs: an archive import of a
-- million old posts would otherwise send them all to every open map (and the broadcast is about
-- half the insert cost). The clock is the stream clock when one is set (the embedded scenario
-- feed), else now(). Posts dated in the future are broadcast.

create function private.live_since() returns timestamptz
language sql stable set search_path = ''
as $$
  select coalesce((select c.stream_time from public.stream_clock c where c.id = 'main'), pg_catalog.now())
         - interval '25 hours'
$$;
comment on function private.live_since() is
  'Posts created before this are not broadcast: the stream clock (or now()) less the 25 h a live map holds.';
revoke execute on function private.live_since() from public, anon, authenticated;

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
               'h3_r8', private.h3_hex(np.h3_r8)) as j
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
      select 'posts:h3:' || private.h3_hex(private.h3_parent(n.h3_r5, 4)), n.rn from n
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
