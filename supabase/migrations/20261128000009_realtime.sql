-- Realtime: broadcast new posts and alert changes from the database on a few private topics, and
-- authorise subscribers with RLS on realtime.messages (Supabase Realtime Authorization: a select
-- policy means "may receive on realtime.topic()").
--
-- Topics (all private):
--   posts:unit:<unit_id>       analysts and commanders of that unit, prosecutors, planners
--   posts:gm:<code>            the mayor of that municipality, analysts and commanders of its unit,
--                              prosecutors, planners
--   posts:h3:<res-4 cell hex>  prosecutors, planners (res 4: about 1,800 km2, some 40 cells cover
--                              the Netherlands; a city view needs one to four)
--   posts:unplaced             analysts, prosecutors, planners (posts without a unit)
--   alerts:unit:<unit_id>      as posts:unit
--   alerts:gm:<code>           as posts:gm

-- ---------------------------------------------------------------------------------------------
-- Broadcast of new posts: one message per topic per insert statement, at most 500 posts each
-- ---------------------------------------------------------------------------------------------
-- H3 parent at a coarser resolution, by bit operations on the 64-bit index (no H3 extension):
-- set the resolution field (bits 52-55) and every digit finer than res (3 bits each) to 7.
create function private.h3_parent(cell bigint, res int) returns bigint
language sql immutable parallel safe
as $$
  select (cell & ~(15::bigint << 52)) | (res::bigint << 52) | ((1::bigint << (3 * (15 - res))) - 1)
$$;
comment on function private.h3_parent(bigint, int) is 'H3 parent cell at resolution res (res below the cell''s own).';
revoke execute on function private.h3_parent(bigint, int) from public, anon;
grant execute on function private.h3_parent(bigint, int) to authenticated, service_role;

-- Municipality topics are sent only for municipalities that have a mayor among the users: nobody
-- else receives them who does not also receive the unit topic, and a batch that spans the country
-- would otherwise send some 300 of them.
-- Payload {"posts": [client post row, ...]}: the keys of public.client_post, nulls included
-- (as in the rows of posts_in_window / posts_since). Each row's JSON is built once (json, not
-- jsonb: cheaper to build and aggregate) and shared by its topics; chunks keep created_at order.
create function private.broadcast_posts() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  m record;
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
comment on function private.broadcast_posts() is 'After insert on posts (per statement): realtime.send per topic, chunks of at most 500 posts.';
revoke execute on function private.broadcast_posts() from public, anon, authenticated;

create trigger posts_broadcast
  after insert on public.posts
  referencing new table as new_posts
  for each statement execute function private.broadcast_posts();

-- ---------------------------------------------------------------------------------------------
-- Broadcast of alerts: after insert or update, on the unit and municipality topics
-- ---------------------------------------------------------------------------------------------
create function private.alert_json(a public.alerts) returns jsonb
language sql immutable parallel safe set search_path = ''
as $$
  select (pg_catalog.to_jsonb(a) operator(pg_catalog.-) 'geom')
    operator(pg_catalog.||) pg_catalog.jsonb_build_object('x', extensions.st_x(a.geom), 'y', extensions.st_y(a.geom))
$$;
comment on function private.alert_json(public.alerts) is 'An alert as JSON with x/y instead of the geometry.';
revoke execute on function private.alert_json(public.alerts) from public, anon;
grant execute on function private.alert_json(public.alerts) to authenticated, service_role;

create function private.broadcast_alert() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  payload jsonb := pg_catalog.jsonb_build_object('alert', private.alert_json(new));
begin
  if new.unit_id is not null then
    perform realtime.send(payload, 'alert', 'alerts:unit:' || new.unit_id, true);
  end if;
  if new.municipality_code is not null then
    perform realtime.send(payload, 'alert', 'alerts:gm:' || new.municipality_code, true);
  end if;
  return null;
end;
$$;
comment on function private.broadcast_alert() is 'After insert or update on alerts: realtime.send on alerts:unit:<unit> and alerts:gm:<code>.';
revoke execute on function private.broadcast_alert() from public, anon, authenticated;

create trigger alerts_broadcast
  after insert or update on public.alerts
  for each row execute function private.broadcast_alert();

-- ---------------------------------------------------------------------------------------------
-- Authorisation of subscribers
-- ---------------------------------------------------------------------------------------------
create function private.may_receive(topic text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((
    select case
      when r.role in ('prosecutor', 'planner') then
        topic ~ '^(posts:(unit|gm|h3):[^:]+|posts:unplaced|alerts:(unit|gm):[^:]+)$'
      when topic ~ '^(posts|alerts):unit:[^:]+$' then
        r.role in ('analyst', 'commander') and pg_catalog.split_part(topic, ':', 3) = r.unit_id
      when topic ~ '^(posts|alerts):gm:[^:]+$' then
        (r.role = 'mayor' and pg_catalog.split_part(topic, ':', 3) = r.municipality_code)
        or (r.role in ('analyst', 'commander') and exists (
              select 1 from public.municipalities m
              where m.code = pg_catalog.split_part(topic, ':', 3) and m.unit_id = r.unit_id))
      when topic = 'posts:unplaced' then
        r.role = 'analyst'
      else false
    end
    from public.user_roles r
    where r.user_id = auth.uid()), false)
$$;
comment on function private.may_receive(text) is 'Whether the calling user may receive broadcasts on a topic (see docs/security.md).';
revoke execute on function private.may_receive(text) from public, anon;
grant execute on function private.may_receive(text) to authenticated, service_role;

create policy "Users receive broadcasts on the topics of their role"
  on realtime.messages for select to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and realtime.messages.topic = (select realtime.topic())
    and (select private.may_receive(realtime.topic()))
  );
