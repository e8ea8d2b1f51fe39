-- Security definer functions out of the exposed schema (issue 10; Supabase's advisor: a definer
-- function in an exposed schema runs with its owner's rights for whoever may call it through the
-- API). The seven that signed-in users call (me, acknowledge_alert, resolve_alert, reveal_author,
-- export_evidence, ingest_rejects, reveal_reject) now live in `private`, which the API does not
-- expose, behind thin security invoker wrappers in `public` with the same names, arguments and
-- results. The wrappers add nothing: the checks stay in the definers.
--
-- Also (issue 10, item 8):
-- * acknowledge_alert / resolve_alert answer an alert the caller cannot see exactly as an alert
--   that does not exist: 'alert <id> not found', SQLSTATE PT404 (HTTP 404 in PostgREST and the
--   local stack). Before, a hidden alert gave 403 and an unknown one 500, which told a probe
--   which ids exist.
-- * Free text that an audited function writes to the append-only audit log (reveal_author's ref,
--   the reasons of reveal_reject and export_evidence, resolve_alert's note, the alert id) is
--   refused above 1,000 characters (SQLSTATE 22001) before anything is written.

-- ---------------------------------------------------------------------------------------------
-- Shared checks
-- ---------------------------------------------------------------------------------------------
create function private.check_length(what text, value text, max_chars int default 1000) returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if pg_catalog.length(value) > max_chars then
    raise exception '% is too long (% characters; at most %)', what, pg_catalog.length(value), max_chars
      using errcode = '22001';
  end if;
end;
$$;
comment on function private.check_length(text, text, int) is
  'Raise 22001 when value is longer than max_chars (free text bound for the audit log).';
revoke execute on function private.check_length(text, text, int) from public, anon, authenticated;
grant execute on function private.check_length(text, text, int) to service_role;

-- The alert to acknowledge or resolve, locked. An alert that does not exist and one outside the
-- caller's scope give the same answer (PT404); one in scope that the caller may not handle 42501.
create or replace function private.alert_to_handle(alert_id text, verb text) returns public.alerts
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a public.alerts;
begin
  perform private.check_length('alert_id', alert_id);
  select * into a from public.alerts where id = alert_id for update;
  if not found or not private.in_scope(a.unit_id, a.municipality_code) then
    raise exception 'alert % not found', alert_id using errcode = 'PT404';
  end if;
  if not private.may_handle_alert(a.unit_id) then
    raise exception 'only an analyst or commander of unit % may % this alert', a.unit_id, verb
      using errcode = '42501';
  end if;
  return a;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- The definers, in private
-- ---------------------------------------------------------------------------------------------
create function private.me() returns json
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
comment on function private.me() is '{user_id, email, role, unit_id, municipality_code, display_name} of the caller.';

create function private.acknowledge_alert(alert_id text) returns public.alerts
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a public.alerts := private.alert_to_handle(alert_id, 'acknowledge');
begin
  if a.status <> 'new' then
    raise exception 'alert % is % and cannot be acknowledged', alert_id, a.status using errcode = '55000';
  end if;
  update public.alerts
  set status = 'acknowledged', acknowledged_by = auth.uid(), acknowledged_at = now()
  where id = alert_id
  returning * into a;
  perform private.audit('acknowledge_alert', alert_id, null);
  return a;
end;
$$;
comment on function private.acknowledge_alert(text) is 'Analyst or commander of the alert''s unit: new -> acknowledged. Audit-logged.';

create function private.resolve_alert(alert_id text, note text default null) returns public.alerts
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a public.alerts;
begin
  perform private.check_length('note', note);
  a := private.alert_to_handle(alert_id, 'resolve');
  if a.status = 'resolved' then
    raise exception 'alert % is already resolved', alert_id using errcode = '55000';
  end if;
  update public.alerts
  set status = 'resolved', resolved_by = auth.uid(), resolved_at = now(), resolution_note = note
  where id = alert_id
  returning * into a;
  perform private.audit('resolve_alert', alert_id, pg_catalog.jsonb_build_object('note', note));
  return a;
end;
$$;
comment on function private.resolve_alert(text, text) is 'Analyst or commander of the alert''s unit: new/acknowledged -> resolved. Audit-logged.';

create function private.reveal_author(ref text)
returns table (author_ref text, handle text, source text)
language plpgsql volatile security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may reveal an author' using errcode = '42501';
  end if;
  perform private.check_length('ref', ref);
  perform private.audit('reveal_author', ref,
    pg_catalog.jsonb_build_object('found', exists (select 1 from public.author_handles h where h.author_ref = ref)));
  return query select h.author_ref, h.handle, h.source from public.author_handles h where h.author_ref = ref;
end;
$$;
comment on function private.reveal_author(text) is 'Prosecutor only: the raw handle behind a pseudonym. Audit-logged.';

create function private.ingest_rejects(
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
comment on function private.ingest_rejects(timestamptz, int, text) is
  'Analysts and prosecutors: rejected lines, newest first, without the raw text.';

create function private.reveal_reject(reject_id bigint, reason text)
returns table (id bigint, raw text)
language plpgsql volatile security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may see a rejected line as received' using errcode = '42501';
  end if;
  perform private.check_length('reason', reason);
  if reason is null or pg_catalog.length(pg_catalog.btrim(reason)) < 3 then
    raise exception 'revealing a rejected line needs a reason' using errcode = '22023';
  end if;
  perform private.audit('reveal_reject', reject_id::text, pg_catalog.jsonb_build_object('reason', reason));
  return query select r.id, r.raw from public.ingest_rejects r where r.id = reject_id;
end;
$$;
comment on function private.reveal_reject(bigint, text) is
  'Prosecutor only: a rejected line as received (it may hold a handle). Needs a reason; audit-logged.';

create function private.export_evidence(
  t_from timestamptz, t_to timestamptz,
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  reason text
) returns table (
  id text, source text, author_ref text, handle text, created_at timestamptz,
  ingested_at timestamptz, text text, place text, lang text, reply_to text, repost_of text,
  url text, engagement jsonb, method public.locate_method, precision_m real, located_as text,
  x float8, y float8, sha256 text
)
language plpgsql volatile security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  n int;
  export_hash text;
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may export evidence' using errcode = '42501';
  end if;
  perform private.check_length('reason', reason);
  if reason is null or pg_catalog.length(pg_catalog.btrim(reason)) < 3 then
    raise exception 'an export needs a reason (case or request number)' using errcode = '22023';
  end if;
  if t_from is null or t_to is null or t_to <= t_from or t_to - t_from > interval '31 days' then
    raise exception 'the window must be given and at most 31 days long' using errcode = '22023';
  end if;

  create temporary table if not exists evidence_rows (
    id text, source text, author_ref text, handle text, created_at timestamptz,
    ingested_at timestamptz, text text, place text, lang text, reply_to text, repost_of text,
    url text, engagement jsonb, method public.locate_method, precision_m real, located_as text,
    x float8, y float8, sha256 text
  ) on commit drop;
  delete from evidence_rows;

  insert into evidence_rows
  select p.id, p.source, p.author_ref, h.handle, p.created_at, p.ingested_at, p.text, p.place,
         p.lang, p.reply_to, p.repost_of, p.url, p.engagement, p.method, p.precision_m,
         p.located_as, extensions.st_x(p.geom), extensions.st_y(p.geom), null
  from private.posts_in_box(t_from, t_to, min_lon, min_lat, max_lon, max_lat) p
  left join public.author_handles h on h.author_ref = p.author_ref
  order by p.created_at, p.source, p.id
  limit 100000;

  -- The hash of a post is over its JSON as exported (without the hash itself).
  update evidence_rows e
  set sha256 = pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
    (pg_catalog.to_jsonb(e) operator(pg_catalog.-) 'sha256')::text, 'UTF8')), 'hex');

  select pg_catalog.count(*)::int,
         pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
           coalesce(pg_catalog.string_agg(e.sha256, '' order by e.created_at, e.source, e.id), ''),
           'UTF8')), 'hex')
  into n, export_hash
  from evidence_rows e;

  perform private.audit('export_evidence', pg_catalog.format('%s/%s', t_from, t_to),
    pg_catalog.jsonb_build_object('reason', reason, 'posts', n, 'sha256', export_hash,
      'bbox', pg_catalog.jsonb_build_array(min_lon, min_lat, max_lon, max_lat)));

  return query select * from evidence_rows e order by e.created_at, e.source, e.id;
end;
$$;
comment on function private.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text) is
  'Prosecutor only: posts of a window (and box) with raw handles and SHA-256 per post; audit-logged with the export hash.';

revoke execute on function
  private.me(), private.acknowledge_alert(text), private.resolve_alert(text, text),
  private.reveal_author(text), private.ingest_rejects(timestamptz, int, text),
  private.reveal_reject(bigint, text),
  private.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text)
from public, anon;
grant execute on function
  private.me(), private.acknowledge_alert(text), private.resolve_alert(text, text),
  private.reveal_author(text), private.ingest_rejects(timestamptz, int, text),
  private.reveal_reject(bigint, text),
  private.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text)
to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- The API: thin security invoker wrappers, same signatures and results
-- ---------------------------------------------------------------------------------------------
create or replace function public.me() returns json
language sql stable security invoker set search_path = ''
as $$ select private.me() $$;

create or replace function public.acknowledge_alert(alert_id text) returns public.alerts
language sql volatile security invoker set search_path = ''
as $$ select * from private.acknowledge_alert(alert_id) $$;

create or replace function public.resolve_alert(alert_id text, note text default null) returns public.alerts
language sql volatile security invoker set search_path = ''
as $$ select * from private.resolve_alert(alert_id, note) $$;

create or replace function public.reveal_author(ref text)
returns table (author_ref text, handle text, source text)
language sql volatile security invoker set search_path = ''
as $$ select * from private.reveal_author(ref) $$;

create or replace function public.ingest_rejects(
  since timestamptz default null, lim int default 200, only_entry text default null
) returns table (
  id bigint, received_at timestamptz, entry text, origin text, line int, reason text,
  source text, post_id text, raw_redacted text
)
language sql stable security invoker set search_path = ''
as $$ select * from private.ingest_rejects(since, lim, only_entry) $$;

create or replace function public.reveal_reject(reject_id bigint, reason text)
returns table (id bigint, raw text)
language sql volatile security invoker set search_path = ''
as $$ select * from private.reveal_reject(reject_id, reason) $$;

create or replace function public.export_evidence(
  t_from timestamptz, t_to timestamptz,
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  reason text
) returns table (
  id text, source text, author_ref text, handle text, created_at timestamptz,
  ingested_at timestamptz, text text, place text, lang text, reply_to text, repost_of text,
  url text, engagement jsonb, method public.locate_method, precision_m real, located_as text,
  x float8, y float8, sha256 text
)
language sql volatile security invoker set search_path = ''
as $$ select * from private.export_evidence(t_from, t_to, min_lon, min_lat, max_lon, max_lat, reason) $$;
