-- Retention of the raw post references (issue 10): 20261207000040 keeps the raw id, url, reply_to
-- and repost_of of posts that name an account in public.post_refs. Like a raw handle, such a
-- reference identifies a person, and it must not outlive its post. apply_retention (050) removes
-- posts by dropping partitions (and their post_keys), which fires no trigger; this wraps it: after
-- the run, references whose post is gone (no post_keys row any more) are removed too, reported in
-- their own row 'post_refs'. Held posts keep their post_keys, so their references stay.

alter function private.apply_retention(boolean) rename to apply_retention_classes;
revoke execute on function private.apply_retention_classes(boolean) from public, anon, authenticated;
grant execute on function private.apply_retention_classes(boolean) to service_role;

create function private.apply_retention(dry_run boolean default true)
returns table (
  data_class text, period text, clock text, cutoff timestamptz,
  partitions_dropped int, rows_removed bigint, rows_held bigint, detail text
)
language plpgsql volatile security definer set search_path = '' set lock_timeout = '10s' set jit = off
as $$
#variable_conflict use_variable
declare
  r record;
  posts_period text;
  posts_clock text;
  posts_cutoff timestamptz;
  n bigint;
begin
  for r in select * from private.apply_retention_classes(dry_run) loop
    if r.data_class = 'posts' then
      posts_period := r.period; posts_clock := r.clock; posts_cutoff := r.cutoff;
    end if;
    return query select r.data_class, r.period, r.clock, r.cutoff, r.partitions_dropped,
      r.rows_removed, r.rows_held, r.detail;
  end loop;
  if dry_run then
    select pg_catalog.count(*) into n from public.post_refs pr
    where not exists (select 1 from public.post_keys k where k.source = pr.source and k.id = pr.id);
  else
    delete from public.post_refs pr
    where not exists (select 1 from public.post_keys k where k.source = pr.source and k.id = pr.id);
    get diagnostics n = row_count;
    if n > 0 then
      perform private.audit('retention', 'post_refs', pg_catalog.jsonb_build_object('removed', n));
    end if;
  end if;
  return query select 'post_refs'::text, posts_period, posts_clock, posts_cutoff,
    0, n, 0::bigint, 'raw references of posts that retention removed'::text;
end;
$$;
comment on function private.apply_retention(boolean) is
  'Remove (or, dry run, count) what is older than its retention period, except held evidence, and the raw references of removed posts. See 20261207000050 and 20261207000052.';
revoke execute on function private.apply_retention(boolean) from public, anon, authenticated;
grant execute on function private.apply_retention(boolean) to service_role;
