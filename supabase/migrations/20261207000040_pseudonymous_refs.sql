-- Pseudonymous post references (issue 10): a Bluesky post's id is `at://<did>/…`, a Mastodon
-- status's `https://<host>/users/<user>/statuses/…`; with its url, reply_to and repost_of such a
-- reference names the author to everyone who may read the post, and in every realtime payload,
-- without the audit record that reveal_author() writes.
--
-- From now on the ingest (src/lib/ingest/refs.ts, in ingestRow, before every insert) stores a
-- reference that names an account as a token, `ref:` and 32 hex characters of a keyed hash (the
-- pseudonym key's HMAC, so the same reference gives the same token: threads still link and
-- (source, id) de-duplication works), and withholds such a url. The raw values go to
-- public.post_refs, which no API role can read: a prosecutor reaches them through
-- reveal_post(source, id, reason), audit-logged. Every read path (the posts table, the read
-- functions, help_queue, the realtime broadcast, export_evidence) reads posts and so sees tokens.
--
-- 1. public.post_refs, private.names_account()
-- 2. rows already stored: their raw references move to post_refs and are replaced by random
--    tokens (a migration has no pseudonym key, so it cannot compute the ingest's tokens; one
--    random token per distinct reference keeps the stored threads linked). A post re-imported
--    later is recognised by its raw id (post_refs), so it is not stored twice.
-- 3. posts refuse a reference that names an account (a check), whatever inserts it.
-- 4. ingest_post_keys keeps the raw references and de-duplicates on the raw id too.
-- 5. reveal_post(): prosecutors only, with a reason, audit-logged.

-- ---------------------------------------------------------------------------------------------
-- 1. The side table and the rule
-- ---------------------------------------------------------------------------------------------
create table public.post_refs (
  source text not null,
  -- The post's id as stored in posts (a token when raw_id is set).
  id text not null,
  raw_id text,
  raw_url text,
  raw_reply_to text,
  raw_repost_of text,
  primary key (source, id)
);
comment on table public.post_refs is
  'Raw references (id, url, reply_to, repost_of) of posts that name an account; posts hold tokens. Readable only through reveal_post() (prosecutors, audit-logged).';
create unique index post_refs_raw_id_key on public.post_refs (source, raw_id) where raw_id is not null;

alter table public.post_refs enable row level security;
revoke all on table public.post_refs from anon, authenticated;
grant all on table public.post_refs to service_role;

-- The rule of src/lib/ingest/refs.ts (namesAccount) for what the database enforces: at:// URIs,
-- DIDs, http(s) URLs with a /users/<x> or /@<x> path segment, bsky.app profile links, and for
-- bluesky and mastodon every URL and every host/... value. The TypeScript rule rewrites all of
-- these and more (@handles anywhere, links to social platforms); this one must never be wider,
-- or an ingest batch would be refused.
create function private.names_account(source text, v text) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select v is not null and (
    v operator(pg_catalog.~*) '^at://|did:[a-z0-9]+:|^https?://[^/?#]*/([^?#]*/)?(users/[^/?#]|@[^/?#@])|^https?://([a-z0-9-]+\.)*bsky\.app/profile/[^/?#]'
    or (source in ('bluesky', 'mastodon') and v operator(pg_catalog.~*) '^[a-z][a-z0-9+.-]*://|^[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]+)?/'))
$$;
comment on function private.names_account(text, text) is
  'Whether a post reference (id, url, reply_to, repost_of) names an account: then it is stored as a token, the raw value in post_refs.';
revoke execute on function private.names_account(text, text) from public, anon, authenticated;
grant execute on function private.names_account(text, text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- 2. Rows already stored
-- ---------------------------------------------------------------------------------------------
-- Here the whole rule of refs.ts (links to social platforms, @handles, profile paths too): these
-- rows were stored without any.
create function pg_temp.names_account_wide(source text, v text) returns boolean
language sql immutable set search_path = ''
as $$
  select private.names_account(source, v)
    or v operator(pg_catalog.~) '@[[:alnum:]_]'
    or v operator(pg_catalog.~*) '^https?://[^/?#]*/([^?#]*/)?profile/[^/?#]'
    or v operator(pg_catalog.~*) '^https?://([^/?#@]*@)?([a-z0-9-]+\.)*(bsky\.app|x\.com|twitter\.com|facebook\.com|fb\.com|instagram\.com|tiktok\.com|t\.me|telegram\.me|threads\.net|snapchat\.com|youtube\.com|youtu\.be)(:[0-9]+)?([/?#]|$)'
$$;

create temporary table legacy_refs as
  select s.source, s.raw,
         'ref:' operator(pg_catalog.||) pg_catalog.replace(pg_catalog.gen_random_uuid()::text, '-', '') as token
  from (
    select p.source, p.id as raw from public.posts p where pg_temp.names_account_wide(p.source, p.id)
    union
    select p.source, p.reply_to from public.posts p where pg_temp.names_account_wide(p.source, p.reply_to)
    union
    select p.source, p.repost_of from public.posts p where pg_temp.names_account_wide(p.source, p.repost_of)
  ) s;
create unique index on legacy_refs (source, raw);

insert into public.post_refs (source, id, raw_id, raw_url, raw_reply_to, raw_repost_of)
select p.source, coalesce(li.token, p.id), li.raw,
       case when pg_temp.names_account_wide(p.source, p.url) then p.url end, lr.raw, lo.raw
from public.posts p
left join legacy_refs li on li.source = p.source and li.raw = p.id
left join legacy_refs lr on lr.source = p.source and lr.raw = p.reply_to
left join legacy_refs lo on lo.source = p.source and lo.raw = p.repost_of
where li.raw is not null or lr.raw is not null or lo.raw is not null
   or pg_temp.names_account_wide(p.source, p.url)
on conflict do nothing;

update public.posts p set
  id = coalesce((select l.token from legacy_refs l where l.source = p.source and l.raw = p.id), p.id),
  reply_to = coalesce((select l.token from legacy_refs l where l.source = p.source and l.raw = p.reply_to), p.reply_to),
  repost_of = coalesce((select l.token from legacy_refs l where l.source = p.source and l.raw = p.repost_of), p.repost_of),
  url = case when pg_temp.names_account_wide(p.source, p.url) then null else p.url end
where pg_temp.names_account_wide(p.source, p.id) or pg_temp.names_account_wide(p.source, p.reply_to)
   or pg_temp.names_account_wide(p.source, p.repost_of) or pg_temp.names_account_wide(p.source, p.url);

update public.post_keys k set id = l.token
from legacy_refs l where l.source = k.source and l.raw = k.id;

-- Alerts list their evidence by post id (without the source); resolved alerts are otherwise
-- final, so the lifecycle trigger is off for this one update.
alter table public.alerts disable trigger alerts_lifecycle;
update public.alerts a set evidence = (
  select pg_catalog.array_agg(coalesce(
           (select l.token from legacy_refs l where l.raw = e.v order by l.source limit 1), e.v)
         order by e.n)
  from pg_catalog.unnest(a.evidence) with ordinality e(v, n))
where exists (select 1 from pg_catalog.unnest(a.evidence) v join legacy_refs l on l.raw = v);
alter table public.alerts enable trigger alerts_lifecycle;

-- Broadcasts already sent carried the raw references (Supabase keeps them for days). On a
-- Supabase project the migration role may not own realtime.messages: then they age out.
do $$
begin
  delete from realtime.messages m
  where m.event = 'posts'
    and m.payload::text operator(pg_catalog.~*) '(at://|did:[a-z0-9]+:|/users/[^/"]|/@[^/"]|bsky\.app/profile/)';
exception when insufficient_privilege then
  raise notice 'realtime.messages: no right to delete the broadcasts sent before; they expire';
end
$$;

drop table legacy_refs;
drop function pg_temp.names_account_wide(text, text);

-- ---------------------------------------------------------------------------------------------
-- 3. posts refuse a reference that names an account
-- ---------------------------------------------------------------------------------------------
-- The rule of private.names_account written out (a function with its own search_path is not
-- inlined, and calling it four times per row halved the ingest rate). A null reference gives
-- null, which a check lets pass; any reference that matches makes it false.
alter table public.posts add constraint posts_refs_pseudonymous check (
  id !~* '^at://|did:[a-z0-9]+:|^https?://[^/?#]*/([^?#]*/)?(users/[^/?#]|@[^/?#@])|^https?://([a-z0-9-]+\.)*bsky\.app/profile/[^/?#]' and url !~* '^at://|did:[a-z0-9]+:|^https?://[^/?#]*/([^?#]*/)?(users/[^/?#]|@[^/?#@])|^https?://([a-z0-9-]+\.)*bsky\.app/profile/[^/?#]'
  and reply_to !~* '^at://|did:[a-z0-9]+:|^https?://[^/?#]*/([^?#]*/)?(users/[^/?#]|@[^/?#@])|^https?://([a-z0-9-]+\.)*bsky\.app/profile/[^/?#]' and repost_of !~* '^at://|did:[a-z0-9]+:|^https?://[^/?#]*/([^?#]*/)?(users/[^/?#]|@[^/?#@])|^https?://([a-z0-9-]+\.)*bsky\.app/profile/[^/?#]'
  and (source not in ('bluesky', 'mastodon') or (
    id !~* '^[a-z][a-z0-9+.-]*://|^[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]+)?/' and url !~* '^[a-z][a-z0-9+.-]*://|^[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]+)?/'
    and reply_to !~* '^[a-z][a-z0-9+.-]*://|^[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]+)?/' and repost_of !~* '^[a-z][a-z0-9+.-]*://|^[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]+)?/')));

-- ---------------------------------------------------------------------------------------------
-- 4. The insert path keeps the raw references apart and de-duplicates on the raw id too
-- ---------------------------------------------------------------------------------------------
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
      classes text[], raw_id text, raw_url text, raw_reply_to text, raw_repost_of text)
    order by x.source, x.id, x.created_at
  ),
  k as (
    insert into public.post_keys (source, id)
    select r.source, r.id from r
    -- A post stored before under another token (before this migration) is a duplicate too.
    where r.raw_id is null or not exists (
      select 1 from public.post_refs pr where pr.source = r.source and pr.raw_id = r.raw_id)
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
  ),
  refs as (
    insert into public.post_refs (source, id, raw_id, raw_url, raw_reply_to, raw_repost_of)
    select r.source, r.id, r.raw_id, r.raw_url, r.raw_reply_to, r.raw_repost_of
    from r
    join k on k.source = r.source and k.id = r.id
    where r.raw_id is not null or r.raw_url is not null or r.raw_reply_to is not null
       or r.raw_repost_of is not null
    on conflict do nothing
    returning 1
  )
  select ins.source, ins.id from ins
$$;
comment on function public.ingest_post_keys(jsonb) is
  'Service role: insert a batch of ingest rows (JSON array); returns the (source, id) of the rows stored (the others were duplicates). Raw references (raw_id, raw_url, raw_reply_to, raw_repost_of) go to post_refs.';

-- ---------------------------------------------------------------------------------------------
-- 5. reveal_post: the raw references of a post, for a prosecutor, with a reason, audit-logged
-- ---------------------------------------------------------------------------------------------
create function private.reveal_post(post_source text, post_id text, reason text)
returns table (source text, id text, raw_id text, raw_url text, raw_reply_to text, raw_repost_of text)
language plpgsql volatile security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may reveal the references of a post' using errcode = '42501';
  end if;
  if reason is null or pg_catalog.length(pg_catalog.btrim(reason)) < 3 then
    raise exception 'revealing a post needs a reason (case or request number)' using errcode = '22023';
  end if;
  perform private.audit('reveal_post', pg_catalog.format('%s/%s', post_source, post_id),
    pg_catalog.jsonb_build_object('reason', reason, 'found', exists (
      select 1 from public.post_refs r where r.source = post_source and r.id = post_id)));
  return query
    select r.source, r.id, r.raw_id, r.raw_url, r.raw_reply_to, r.raw_repost_of
    from public.post_refs r where r.source = post_source and r.id = post_id;
end;
$$;
comment on function private.reveal_post(text, text, text) is
  'Prosecutor only: the raw references behind a post''s tokens. Needs a reason; audit-logged.';
revoke execute on function private.reveal_post(text, text, text) from public, anon;
grant execute on function private.reveal_post(text, text, text) to authenticated, service_role;

create function public.reveal_post(post_source text, post_id text, reason text)
returns table (source text, id text, raw_id text, raw_url text, raw_reply_to text, raw_repost_of text)
language sql volatile security invoker set search_path = ''
as $$
  select * from private.reveal_post(post_source, post_id, reason)
$$;
comment on function public.reveal_post(text, text, text) is
  'Prosecutor only: the raw id, url, reply_to and repost_of of a post whose references are tokens (empty when none were rewritten). Needs a reason; audit-logged.';
revoke execute on function public.reveal_post(text, text, text) from public, anon;
grant execute on function public.reveal_post(text, text, text) to authenticated, service_role;
