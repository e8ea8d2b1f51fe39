-- The ingest pipeline (issue 5): every entry (file import, the HTTP API, the open-network
-- adapters, the scenario feeder) validates, locates, classifies and pseudonymises posts in
-- TypeScript (src/lib/ingest/pipeline.ts) and then uses the one insert path here.
--
-- 1. posts.classes: what the classifier found (help, report, threat, gather), for the queue of
--    calls for help and the map's layer.
-- 2. ingest_post_keys(rows): the insert, answering which (source, id) were stored, so the API can
--    answer per line; ingest_posts(rows) keeps its counts on top of it.
-- 3. ingest_rejects: the dead-letter store. What an entry rejected, with the reason, where it came
--    from and the line number. Analysts query it (ingest_rejects()); the raw line can hold a
--    handle, so it is only shown redacted (author replaced by its pseudonym), and the raw text
--    only to a prosecutor through reveal_reject(), audit-logged.
-- 4. api_keys: one key per source system for POST /api/ingest, stored as SHA-256 of the key
--    (the keys are 32 random bytes, so a fast hash is enough), revocable.

-- ---------------------------------------------------------------------------------------------
-- 1. classes
-- ---------------------------------------------------------------------------------------------
alter table public.posts add column classes text[];
comment on column public.posts.classes is
  'Classes found by the classifier at ingest: help, report, threat, gather (null: none).';
alter table public.posts add constraint posts_classes_known
  check (classes is null or classes <@ array['help', 'report', 'threat', 'gather']::text[]);
create index posts_help_idx on public.posts (created_at) where classes @> array['help']::text[];

-- ---------------------------------------------------------------------------------------------
-- 2. the insert path
-- ---------------------------------------------------------------------------------------------
create function public.ingest_post_keys(rows jsonb)
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
           private.h3_from_hex(r.h3_r5), private.h3_from_hex(r.h3_r8), private.h3_from_hex(r.h3_r10),
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
comment on function public.ingest_post_keys(jsonb) is
  'Service role: insert a batch of ingest rows (JSON array); returns the (source, id) of the rows stored (the others were duplicates).';

create or replace function public.ingest_posts(rows jsonb)
returns table (inserted int, duplicates int)
language sql volatile set search_path = ''
as $$
  select pg_catalog.count(*)::int, (pg_catalog.jsonb_array_length(rows) - pg_catalog.count(*))::int
  from public.ingest_post_keys(rows)
$$;

revoke execute on function public.ingest_post_keys(jsonb) from public, anon, authenticated;
grant execute on function public.ingest_post_keys(jsonb) to service_role;

-- ---------------------------------------------------------------------------------------------
-- 3. dead letters
-- ---------------------------------------------------------------------------------------------
create table public.ingest_rejects (
  id bigint generated always as identity primary key,
  received_at timestamptz not null default now(),
  entry text not null check (entry in ('import', 'api', 'bluesky', 'mastodon', 'feed')),
  origin text not null,
  line int,
  reason text not null,
  source text,
  post_id text,
  raw_redacted text,
  raw text
);
comment on table public.ingest_rejects is
  'Dead letters: what an ingest entry rejected, with the reason. raw may hold a handle: prosecutors only, through reveal_reject().';
comment on column public.ingest_rejects.origin is 'The file name, API key name or stream the line came from.';
comment on column public.ingest_rejects.raw_redacted is
  'The line as a JSON object with the author replaced by its pseudonym; null when it was not a JSON object.';
create index ingest_rejects_received_at_idx on public.ingest_rejects (received_at);
alter table public.ingest_rejects enable row level security;
revoke all on table public.ingest_rejects from anon, authenticated;
grant select, insert, update, delete on table public.ingest_rejects to service_role;

create function public.record_rejects(rows jsonb) returns int
language sql volatile set search_path = ''
as $$
  with ins as (
    insert into public.ingest_rejects (entry, origin, line, reason, source, post_id, raw_redacted, raw)
    select x.entry, pg_catalog.left(x.origin, 500), x.line, pg_catalog.left(x.reason, 1000),
           pg_catalog.left(x.source, 200), pg_catalog.left(x.post_id, 200),
           pg_catalog.left(x.raw_redacted, 4096), pg_catalog.left(x.raw, 4096)
    from jsonb_to_recordset(rows) as x(entry text, origin text, line int, reason text, source text,
                                       post_id text, raw_redacted text, raw text)
    returning 1
  )
  select pg_catalog.count(*)::int from ins
$$;
comment on function public.record_rejects(jsonb) is
  'Service role: store rejected lines {entry, origin, line, reason, source, post_id, raw_redacted, raw} (texts truncated to 4 KiB).';
revoke execute on function public.record_rejects(jsonb) from public, anon, authenticated;
grant execute on function public.record_rejects(jsonb) to service_role;

create function public.ingest_rejects(
  since timestamptz default null, lim int default 200, only_entry text default null
) returns table (
  id bigint, received_at timestamptz, entry text, origin text, line int, reason text,
  source text, post_id text, raw_redacted text
)
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  if private.app_role() is null or private.app_role() not in ('analyst', 'prosecutor') then
    raise exception 'only analysts and prosecutors may read the rejected posts' using errcode = '42501';
  end if;
  return query
    select r.id, r.received_at, r.entry, r.origin, r.line, r.reason, r.source, r.post_id,
           r.raw_redacted
    from public.ingest_rejects r
    where (since is null or r.received_at >= since)
      and (only_entry is null or r.entry = only_entry)
    order by r.received_at desc, r.id desc
    limit least(greatest(coalesce(lim, 200), 1), 5000);
end;
$$;
comment on function public.ingest_rejects(timestamptz, int, text) is
  'Analysts and prosecutors: rejected lines, newest first, without the raw text.';

create function public.reveal_reject(reject_id bigint, reason text)
returns table (id bigint, raw text)
language plpgsql volatile security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may see a rejected line as received' using errcode = '42501';
  end if;
  if reason is null or pg_catalog.length(pg_catalog.btrim(reason)) < 3 then
    raise exception 'revealing a rejected line needs a reason' using errcode = '22023';
  end if;
  perform private.audit('reveal_reject', reject_id::text, pg_catalog.jsonb_build_object('reason', reason));
  return query select r.id, r.raw from public.ingest_rejects r where r.id = reject_id;
end;
$$;
comment on function public.reveal_reject(bigint, text) is
  'Prosecutor only: a rejected line as received (it may hold a handle). Needs a reason; audit-logged.';

revoke execute on function public.ingest_rejects(timestamptz, int, text), public.reveal_reject(bigint, text)
  from public, anon;
grant execute on function public.ingest_rejects(timestamptz, int, text), public.reveal_reject(bigint, text)
  to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- 4. API keys
-- ---------------------------------------------------------------------------------------------
create table public.api_keys (
  id bigint generated always as identity primary key,
  name text not null unique check (name ~ '^[A-Za-z0-9._-]{1,64}$'),
  -- The only source this key may send (null: any source of the format).
  source text,
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  -- Requests per minute and posts per minute this key may send.
  requests_per_min int not null default 120 check (requests_per_min > 0),
  posts_per_min int not null default 200000 check (posts_per_min > 0),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
comment on table public.api_keys is
  'Keys of POST /api/ingest, one per source system; only the SHA-256 of a key is stored.';
alter table public.api_keys enable row level security;
revoke all on table public.api_keys from anon, authenticated;
grant select, insert, update, delete on table public.api_keys to service_role;

create function public.create_api_key(
  key_name text, key_hash text, only_source text default null,
  requests_per_min int default 120, posts_per_min int default 200000
) returns public.api_keys
language sql volatile set search_path = ''
as $$
  insert into public.api_keys (name, key_hash, source, requests_per_min, posts_per_min)
  values (key_name, key_hash, only_source, requests_per_min, posts_per_min)
  returning *
$$;

create function public.revoke_api_key(key_name text) returns boolean
language sql volatile set search_path = ''
as $$
  with u as (
    update public.api_keys set revoked_at = coalesce(revoked_at, now()) where name = key_name
    returning 1
  )
  select exists (select 1 from u)
$$;

create function public.api_key_lookup(key_hash text)
returns table (name text, source text, requests_per_min int, posts_per_min int, revoked boolean)
language sql stable set search_path = ''
as $$
  select k.name, k.source, k.requests_per_min, k.posts_per_min, k.revoked_at is not null
  from public.api_keys k where k.key_hash = api_key_lookup.key_hash
$$;

comment on function public.create_api_key(text, text, text, int, int) is 'Service role: register an API key by its SHA-256.';
comment on function public.revoke_api_key(text) is 'Service role: revoke an API key by name (true if it exists).';
comment on function public.api_key_lookup(text) is 'Service role: the key with this SHA-256, if any.';
revoke execute on function public.create_api_key(text, text, text, int, int), public.revoke_api_key(text),
  public.api_key_lookup(text) from public, anon, authenticated;
grant execute on function public.create_api_key(text, text, text, int, int), public.revoke_api_key(text),
  public.api_key_lookup(text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- The queue of calls for help: the caller's visible posts classed 'help', newest first.
-- ---------------------------------------------------------------------------------------------
create function public.help_queue(t_from timestamptz, t_to timestamptz, lim int default 200)
returns table (
  id text, source text, author text, created_at timestamptz, text text, place text,
  method public.locate_method, precision_m real, located_as text, x float8, y float8,
  classes text[], unit_id text
)
language sql stable set search_path = ''
as $$
  select p.id, p.source, p.author_ref, p.created_at, p.text, p.place, p.method, p.precision_m,
         p.located_as, extensions.st_x(p.geom), extensions.st_y(p.geom), p.classes, p.unit_id
  from public.posts p
  where p.classes @> array['help']::text[]
    and p.created_at >= t_from and p.created_at < t_to
  order by p.created_at desc, p.source, p.id
  limit least(greatest(coalesce(lim, 200), 1), 2000)
$$;
comment on function public.help_queue(timestamptz, timestamptz, int) is
  'Calls for help the caller may see (RLS on posts) in [t_from, t_to), newest first.';
revoke execute on function public.help_queue(timestamptz, timestamptz, int) from public, anon;
grant execute on function public.help_queue(timestamptz, timestamptz, int) to authenticated, service_role;
