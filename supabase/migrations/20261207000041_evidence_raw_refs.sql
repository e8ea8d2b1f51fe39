-- Evidence export with the raw references (issue 10): posts now carry tokens where their id,
-- url, reply_to or repost_of named an account (20261207000040); an export is the prosecutor's
-- audited way out of the system, and evidence needs the original post, so it adds the raw values
-- from post_refs (raw_id, raw_url, raw_reply_to, raw_repost_of; null when nothing was rewritten).
-- The rest is unchanged: the same checks, the same hashes over each row as exported (now with
-- the raw references), the same audit entry, the same length check of the reason
-- (20261207000021). The definer in private and its thin invoker wrapper in public are replaced.

drop function public.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text);
-- 20261207000021 moved the definer to private already: it is replaced too (its result changes).
drop function if exists private.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text);

create function private.export_evidence(
  t_from timestamptz, t_to timestamptz,
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  reason text
) returns table (
  id text, source text, author_ref text, handle text, created_at timestamptz,
  ingested_at timestamptz, text text, place text, lang text, reply_to text, repost_of text,
  url text, engagement jsonb, method public.locate_method, precision_m real, located_as text,
  x float8, y float8, raw_id text, raw_url text, raw_reply_to text, raw_repost_of text,
  sha256 text
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

  create temporary table if not exists evidence_rows_v2 (
    id text, source text, author_ref text, handle text, created_at timestamptz,
    ingested_at timestamptz, text text, place text, lang text, reply_to text, repost_of text,
    url text, engagement jsonb, method public.locate_method, precision_m real, located_as text,
    x float8, y float8, raw_id text, raw_url text, raw_reply_to text, raw_repost_of text,
    sha256 text
  ) on commit drop;
  delete from evidence_rows_v2;

  insert into evidence_rows_v2
  select p.id, p.source, p.author_ref, h.handle, p.created_at, p.ingested_at, p.text, p.place,
         p.lang, p.reply_to, p.repost_of, p.url, p.engagement, p.method, p.precision_m,
         p.located_as, extensions.st_x(p.geom), extensions.st_y(p.geom),
         r.raw_id, r.raw_url, r.raw_reply_to, r.raw_repost_of, null
  from private.posts_in_box(t_from, t_to, min_lon, min_lat, max_lon, max_lat) p
  left join public.author_handles h on h.author_ref = p.author_ref
  left join public.post_refs r on r.source = p.source and r.id = p.id
  order by p.created_at, p.source, p.id
  limit 100000;

  -- The hash of a post is over its JSON as exported (without the hash itself).
  update evidence_rows_v2 e
  set sha256 = pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
    (pg_catalog.to_jsonb(e) operator(pg_catalog.-) 'sha256')::text, 'UTF8')), 'hex');

  select pg_catalog.count(*)::int,
         pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
           coalesce(pg_catalog.string_agg(e.sha256, '' order by e.created_at, e.source, e.id), ''),
           'UTF8')), 'hex')
  into n, export_hash
  from evidence_rows_v2 e;

  perform private.audit('export_evidence', pg_catalog.format('%s/%s', t_from, t_to),
    pg_catalog.jsonb_build_object('reason', reason, 'posts', n, 'sha256', export_hash,
      'bbox', pg_catalog.jsonb_build_array(min_lon, min_lat, max_lon, max_lat)));

  return query select * from evidence_rows_v2 e order by e.created_at, e.source, e.id;
end;
$$;
comment on function private.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text) is
  'Prosecutor only: posts of a window (and box) with raw handles, raw references and SHA-256 per post; audit-logged with the export hash.';
revoke execute on function private.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text) from public, anon;
grant execute on function private.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text) to authenticated, service_role;

create function public.export_evidence(
  t_from timestamptz, t_to timestamptz,
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  reason text
) returns table (
  id text, source text, author_ref text, handle text, created_at timestamptz,
  ingested_at timestamptz, text text, place text, lang text, reply_to text, repost_of text,
  url text, engagement jsonb, method public.locate_method, precision_m real, located_as text,
  x float8, y float8, raw_id text, raw_url text, raw_reply_to text, raw_repost_of text,
  sha256 text
)
language sql volatile security invoker set search_path = ''
as $$
  select * from private.export_evidence(t_from, t_to, min_lon, min_lat, max_lon, max_lat, reason)
$$;
comment on function public.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text) is
  'Prosecutor only: posts of a window (and box) with raw handles, raw references (raw_id, raw_url, raw_reply_to, raw_repost_of) and SHA-256 per post; audit-logged with the export hash.';
revoke execute on function public.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text) from public, anon;
grant execute on function public.export_evidence(timestamptz, timestamptz, float8, float8, float8, float8, text) to authenticated, service_role;
