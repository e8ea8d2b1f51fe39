-- The triage of posts without a location (issue 13, item 4): unplaced_posts() lists the posts
-- in the caller's scope that could not be located, and place_post() lets an analyst or commander
-- of a unit place one by hand (a click on the map or a place from the gazetteer), with a reason.
-- The post then counts on the map: it becomes a located post with the method 'manual' (its
-- unit and municipality from the boundaries, like ingest), read by posts_in_window and broadcast
-- on the posts topics like a new post. Every placement is a post_placements row (who, when,
-- where, why, and the place it was chosen from) and an audit entry.

create table public.post_placements (
  id bigint generated always as identity primary key,
  source text not null,
  post_id text not null,
  post_created_at timestamptz not null,
  geom extensions.geometry(Point, 4326) not null,
  precision_m real not null,
  place text,
  reason text not null,
  unit_id text,
  municipality_code text,
  actor uuid,
  actor_label text,
  placed_at timestamptz not null default pg_catalog.now()
);
comment on table public.post_placements is
  'Posts placed by hand (method manual): where, with what precision, from which place, why, by whom and when.';
create index post_placements_post_idx on public.post_placements (source, post_id);

alter table public.post_placements enable row level security;
revoke all on table public.post_placements from anon, authenticated;
grant select on table public.post_placements to authenticated;
grant all on table public.post_placements to service_role;
create policy "Users see the placements of posts in their scope"
  on public.post_placements for select to authenticated
  using ((select private.in_scope(unit_id, municipality_code)));

-- ---------------------------------------------------------------------------------------------
-- unplaced_posts: the posts without a location the caller sees (RLS), newest first
-- ---------------------------------------------------------------------------------------------
create function public.unplaced_posts(t_from timestamptz, t_to timestamptz, max_rows int default 200)
returns table (source text, id text, created_at timestamptz, author text, text text, lang text, place text)
language sql stable security invoker set search_path = ''
as $$
  select p.source, p.id, p.created_at, p.author_ref, p.text, p.lang, p.place
  from public.posts p
  where p.created_at >= t_from and p.created_at <= t_to
    and p.created_at >= t_to - interval '25 hours'
    and p.method = 'none'
  order by p.created_at desc, p.source, p.id
  limit least(greatest(coalesce(max_rows, 200), 1), 1000)
$$;
comment on function public.unplaced_posts(timestamptz, timestamptz, int) is
  'The posts without a location in the caller''s scope between t_from and t_to (at most 25 h, at most 1,000), newest first: the triage list.';
revoke execute on function public.unplaced_posts(timestamptz, timestamptz, int) from public, anon;
grant execute on function public.unplaced_posts(timestamptz, timestamptz, int) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- place_post
-- ---------------------------------------------------------------------------------------------
create function private.place_post(
  source text, post_id text, lon float8, lat float8, precision_m real, place text, reason text,
  h3_r5 text, h3_r8 text, h3_r10 text
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  why text := nullif(pg_catalog.btrim(reason), '');
  p public.posts;
  g extensions.geometry;
  gm text;
  unit text;
  label text;
  prec real := coalesce(precision_m, 100);
begin
  perform private.check_length('source', source, 100);
  perform private.check_length('post_id', post_id, 200);
  perform private.check_length('place', place, 200);
  perform private.check_length('reason', reason);
  if coalesce(private.app_role() not in ('analyst', 'commander'), true) or private.app_unit() is null then
    raise exception 'only an analyst or commander of a unit may place posts' using errcode = '42501';
  end if;
  if why is null then
    raise exception 'placing a post needs a reason' using errcode = '22023';
  end if;
  if lon is null or lat is null or lon not between -180 and 180 or lat not between -90 and 90
     or lon <> lon or lat <> lat then
    raise exception 'lon/lat out of range' using errcode = '22023';
  end if;
  if prec <> prec or prec < 1 or prec > 50000 then
    raise exception 'precision_m must be between 1 and 50000' using errcode = '22023';
  end if;
  if (h3_r5 is not null and h3_r5 !~ '^[0-9a-f]{15}$') or (h3_r8 is not null and h3_r8 !~ '^[0-9a-f]{15}$')
     or (h3_r10 is not null and h3_r10 !~ '^[0-9a-f]{15}$') then
    raise exception 'h3 cells must be 15 hex digits' using errcode = '22023';
  end if;
  select * into p from public.posts x
  where x.source = place_post.source and x.id = place_post.post_id
    and (x.unit_id is null or private.in_scope(x.unit_id, x.municipality_code))
  for update;
  if not found then
    raise exception 'post %/% not found', source, post_id using errcode = 'PT404';
  end if;
  if p.method <> 'none' then
    raise exception 'post %/% is already located (%)', source, post_id, p.method using errcode = '55000';
  end if;

  g := extensions.st_setsrid(extensions.st_makepoint(lon, lat), 4326);
  select m.code, m.unit_id into gm, unit from public.municipalities m
  where extensions.st_covers(m.geom, g) order by m.code limit 1;
  if gm is null then
    select u.id into unit from public.police_units u
    where extensions.st_covers(u.geom, g) order by u.id limit 1;
  end if;

  select coalesce(nullif(r.display_name, ''), u.email::text, auth.email()) into label
  from (select auth.uid() as uid) s
  left join public.user_roles r on r.user_id = s.uid
  left join auth.users u on u.id = s.uid;

  update public.posts x
    set method = 'manual', geom = g, precision_m = prec,
        located_as = coalesce(nullif(pg_catalog.btrim(place_post.place), ''), x.located_as),
        h3_r5 = case when place_post.h3_r5 is null then null else private.h3_from_hex(place_post.h3_r5) end,
        h3_r8 = case when place_post.h3_r8 is null then null else private.h3_from_hex(place_post.h3_r8) end,
        h3_r10 = case when place_post.h3_r10 is null then null else private.h3_from_hex(place_post.h3_r10) end,
        unit_id = unit, municipality_code = gm
  where x.created_at = p.created_at and x.source = p.source and x.id = p.id
  returning * into p;

  insert into public.post_placements (source, post_id, post_created_at, geom, precision_m, place,
    reason, unit_id, municipality_code, actor, actor_label)
  values (p.source, p.id, p.created_at, g, prec, nullif(pg_catalog.btrim(place_post.place), ''), why,
    unit, gm, auth.uid(), pg_catalog.left(label, 320));
  perform private.audit('place_post', p.source || '/' || p.id,
    pg_catalog.jsonb_build_object('lon', lon, 'lat', lat, 'precision_m', prec,
      'place', place_post.place, 'reason', why, 'unit', unit, 'municipality', gm));
  perform private.broadcast_placed(p);
  return pg_catalog.jsonb_build_object('source', p.source, 'id', p.id, 'method', 'manual',
    'x', lon, 'y', lat, 'precision_m', prec, 'located_as', p.located_as,
    'unit_id', unit, 'municipality_code', gm);
end;
$$;

-- The placed post on the topics a new post with this place would reach (private.broadcast_posts).
create function private.broadcast_placed(np public.posts) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  j jsonb;
  topic text;
begin
  if np.created_at < private.live_since() then
    return;
  end if;
  j := pg_catalog.jsonb_build_object('posts', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
    'id', np.id, 'source', np.source, 'author', np.author_ref,
    'created_at', np.created_at, 'ingested_at', np.ingested_at, 'text', np.text,
    'place', np.place, 'lang', np.lang, 'reply_to', np.reply_to,
    'repost_of', np.repost_of, 'url', np.url, 'engagement', np.engagement,
    'method', np.method, 'precision_m', np.precision_m, 'located_as', np.located_as,
    'x', extensions.st_x(np.geom), 'y', extensions.st_y(np.geom),
    'h3_r8', case when np.h3_r8 is not null then pg_catalog.lpad(pg_catalog.to_hex(np.h3_r8), 15, '0') end)));
  for topic in
    select 'posts:unit:' || np.unit_id where np.unit_id is not null
    union all
    select 'posts:gm:' || np.municipality_code
    where np.municipality_code in (select r.municipality_code from public.user_roles r where r.role = 'mayor')
    union all
    select 'posts:h3:' || pg_catalog.lpad(pg_catalog.to_hex(
             (np.h3_r5 & ~(15::bigint << 52)) | (4::bigint << 52) | ((1::bigint << 33) - 1)), 15, '0')
    where np.h3_r5 is not null
    union all
    select 'posts:unplaced' where np.unit_id is null
  loop
    perform realtime.send(j, 'posts', topic, true);
  end loop;
end;
$$;
comment on function private.broadcast_placed(public.posts) is
  'realtime.send of a post placed by hand, on the topics private.broadcast_posts would use for it.';
revoke execute on function private.broadcast_placed(public.posts) from public, anon, authenticated;
grant execute on function private.broadcast_placed(public.posts) to service_role;

comment on function private.place_post(text, text, float8, float8, real, text, text, text, text, text) is
  'Analyst or commander of a unit: place a post without a location by hand (method manual), with a reason; post_placements, audit log and a posts broadcast.';
revoke execute on function private.place_post(text, text, float8, float8, real, text, text, text, text, text) from public, anon;
grant execute on function private.place_post(text, text, float8, float8, real, text, text, text, text, text) to authenticated, service_role;

create function public.place_post(
  source text, post_id text, lon float8, lat float8, reason text, place text default null,
  precision_m real default 100, h3_r5 text default null, h3_r8 text default null, h3_r10 text default null
) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.place_post(source, post_id, lon, lat, precision_m, place, reason, h3_r5, h3_r8, h3_r10) $$;
comment on function public.place_post(text, text, float8, float8, text, text, real, text, text, text) is
  'Place a post without a location by hand (a click on the map or a place from the gazetteer), with a reason; it then counts on the map as method manual.';
revoke execute on function public.place_post(text, text, float8, float8, text, text, real, text, text, text) from public, anon;
grant execute on function public.place_post(text, text, float8, float8, text, text, real, text, text, text) to authenticated, service_role;
