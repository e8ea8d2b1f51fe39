-- Retention (issue 10, lawful use): how long each class of data is kept, and the run that removes
-- what is older, except evidence under a legal hold. docs/privacy.md says why each period is what
-- it is; `npx uitkijk retention [--dry-run]` and the embedded server's daily run call
-- public.apply_retention().
--
-- 1. retention_settings: one period per data class (posts, handles, dead_letters, audit,
--    read_audit; read_audit's table is created by the next migration).
-- 2. legal_holds: evidence kept past its period. An evidence export holds every post of its
--    window and box (a trigger on its audit entry); a prosecutor can hold an alert's evidence;
--    the evidence of an acknowledged (open) alert is held while it is open. A hold lasts until a
--    prosecutor releases it.
-- 3. private.apply_retention(dry_run): drops whole monthly partitions of posts once the month is
--    entirely older than the period (a partition with held posts is rebuilt with only those),
--    deletes the old rows of posts_default, purges handles, dead letters and audit entries, and
--    writes the run to the audit log. The audit log stays append-only for everyone else.
--
-- Age is measured on the clock the data was written in. Posts and handles: the post's
-- created_at against the data clock, the stream clock while a scenario plays (the built-in
-- Haren evening is dated 2012 and is "now" on that clock), capped at now(), so the data clock
-- can only keep more, never remove more than the wall clock would. Dead letters and audit
-- entries carry wall-clock times and are measured against now().

-- ---------------------------------------------------------------------------------------------
-- 1. Settings
-- ---------------------------------------------------------------------------------------------
create table public.retention_settings (
  data_class text primary key
    check (data_class in ('posts', 'handles', 'dead_letters', 'audit', 'read_audit')),
  keep interval not null check (keep >= interval '1 day'),
  note text,
  updated_at timestamptz not null default now(),
  -- The detector learns from the 48 hours before now: fewer days of posts would blind it.
  constraint retention_posts_minimum check (data_class <> 'posts' or keep >= interval '3 days'),
  -- The record of who did and saw what must outlive the data it is about.
  constraint retention_audit_minimum
    check (data_class not in ('audit', 'read_audit') or keep >= interval '1 year')
);
comment on table public.retention_settings is
  'How long each data class is kept (docs/privacy.md). Read by signed-in users; changed by the service role.';

insert into public.retention_settings (data_class, keep, note) values
  ('posts', interval '90 days',
   'Posts (text, position, pseudonym). Whole months are dropped once older than this.'),
  ('handles', interval '30 days',
   'Raw author handles: purged when the author has no post newer than this (unless held).'),
  ('dead_letters', interval '30 days', 'Rejected ingest lines (raw line with the handle).'),
  ('audit', interval '7 years', 'The audit log (actions: reveals, exports, alert handling, retention runs).'),
  ('read_audit', interval '5 years', 'The read audit (who viewed which area and time range).');

alter table public.retention_settings enable row level security;
-- Rows are neither added nor removed: a class without a setting would never be purged.
revoke all on table public.retention_settings from anon, authenticated, service_role;
grant select on table public.retention_settings to authenticated;
grant select, update on table public.retention_settings to service_role;

create policy "Signed-in users read the retention periods"
  on public.retention_settings for select to authenticated
  using (true);

-- ---------------------------------------------------------------------------------------------
-- 2. Legal holds
-- ---------------------------------------------------------------------------------------------
create table public.legal_holds (
  id bigint generated always as identity primary key,
  created_at timestamptz not null default now(),
  created_by uuid,
  kind text not null check (kind in ('export', 'alert')),
  reason text not null,
  -- export: the posts of [t_from, t_to), inside the box when all four are given
  t_from timestamptz,
  t_to timestamptz,
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  -- alert: the posts with these ids (the alert's evidence when the hold was placed)
  alert_id text,
  post_ids text[],
  -- the audit entry of the export it came from
  audit_id bigint,
  released_at timestamptz,
  released_by uuid,
  release_reason text,
  constraint legal_holds_scope check (
    (kind = 'export' and t_from is not null and t_to is not null)
    or (kind = 'alert' and post_ids is not null))
);
comment on table public.legal_holds is
  'Evidence kept past its retention period until released: exported windows, held alert evidence. Prosecutors through legal_holds().';
create index legal_holds_active_idx on public.legal_holds (id) where released_at is null;

alter table public.legal_holds enable row level security;
-- Holds change only through the prosecutors' functions below (audit-logged) and the export trigger.
revoke all on table public.legal_holds from anon, authenticated, service_role;
grant select on table public.legal_holds to service_role;

-- Every evidence export holds what it exported: the posts of its window and box. The window is
-- in the audit entry's object ('t_from/t_to', as export_evidence writes it), the box in its
-- detail. An entry that cannot be read holds its box over all time: rather too much than too
-- little (a prosecutor releases it).
create function private.hold_export() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  lo timestamptz;
  hi timestamptz;
  box jsonb := new.detail -> 'bbox';
begin
  begin
    lo := coalesce((new.detail ->> 't_from')::timestamptz,
                   pg_catalog.split_part(new.object, '/', 1)::timestamptz);
    hi := coalesce((new.detail ->> 't_to')::timestamptz,
                   pg_catalog.split_part(new.object, '/', 2)::timestamptz);
  exception when others then
    lo := '-infinity';
    hi := 'infinity';
  end;
  if lo is null or hi is null then
    lo := '-infinity';
    hi := 'infinity';
  end if;
  -- A box with a value that is not a finite number is no box (the whole window is held).
  begin
    if pg_catalog.jsonb_typeof(box) is distinct from 'array'
       or exists (select 1 from pg_catalog.generate_series(0, 3) i
                  where (box ->> i) is null or (box ->> i)::float8 not between -1e9 and 1e9) then
      box := null;
    end if;
  exception when others then
    box := null;
  end;
  insert into public.legal_holds (created_at, created_by, kind, reason, t_from, t_to,
                                  min_lon, min_lat, max_lon, max_lat, audit_id)
  values (new.at, new.user_id, 'export', coalesce(new.detail ->> 'reason', 'evidence export'), lo, hi,
          (box ->> 0)::float8, (box ->> 1)::float8, (box ->> 2)::float8, (box ->> 3)::float8, new.id);
  return null;
end;
$$;
comment on function private.hold_export() is 'After an export_evidence audit entry: a legal hold on the exported window and box.';
revoke execute on function private.hold_export() from public, anon, authenticated;

create trigger audit_log_export_hold
  after insert on public.audit_log
  for each row when (new.action = 'export_evidence')
  execute function private.hold_export();

-- Prosecutors: list, place (on an alert's evidence) and release holds; each change audit-logged.
create function private.legal_holds()
returns setof public.legal_holds
language plpgsql stable security definer set search_path = ''
as $$
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may see the legal holds' using errcode = '42501';
  end if;
  return query select * from public.legal_holds h order by h.id desc;
end;
$$;

create function private.hold_alert_evidence(alert_id text, reason text)
returns public.legal_holds
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a public.alerts;
  h public.legal_holds;
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may place a legal hold' using errcode = '42501';
  end if;
  if reason is null or pg_catalog.length(pg_catalog.btrim(reason)) < 3 then
    raise exception 'a legal hold needs a reason (case or request number)' using errcode = '22023';
  end if;
  select * into a from public.alerts x where x.id = hold_alert_evidence.alert_id;
  if not found then
    raise exception 'no alert %', alert_id using errcode = 'P0002';
  end if;
  insert into public.legal_holds (created_by, kind, reason, alert_id, post_ids)
  values (auth.uid(), 'alert', pg_catalog.left(hold_alert_evidence.reason, 1000), a.id,
          coalesce(a.evidence, '{}'))
  returning * into h;
  perform private.audit('hold_alert_evidence', a.id,
    pg_catalog.jsonb_build_object('hold', h.id, 'reason', h.reason,
                                  'posts', pg_catalog.cardinality(h.post_ids)));
  return h;
end;
$$;

create function private.release_legal_hold(hold_id bigint, reason text)
returns public.legal_holds
language plpgsql volatile security definer set search_path = ''
as $$
declare
  h public.legal_holds;
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may release a legal hold' using errcode = '42501';
  end if;
  if reason is null or pg_catalog.length(pg_catalog.btrim(reason)) < 3 then
    raise exception 'a release needs a reason' using errcode = '22023';
  end if;
  update public.legal_holds x
  set released_at = now(), released_by = auth.uid(),
      release_reason = pg_catalog.left(release_legal_hold.reason, 1000)
  where x.id = hold_id and x.released_at is null
  returning * into h;
  if not found then
    raise exception 'no active legal hold %', hold_id using errcode = 'P0002';
  end if;
  perform private.audit('release_legal_hold', h.id::text,
    pg_catalog.jsonb_build_object('kind', h.kind, 'reason', h.release_reason));
  return h;
end;
$$;

revoke execute on function private.legal_holds(), private.hold_alert_evidence(text, text),
  private.release_legal_hold(bigint, text) from public, anon;
grant execute on function private.legal_holds(), private.hold_alert_evidence(text, text),
  private.release_legal_hold(bigint, text) to authenticated;

create function public.legal_holds()
returns setof public.legal_holds
language sql stable security invoker set search_path = ''
as $$ select * from private.legal_holds() $$;
comment on function public.legal_holds() is 'Prosecutor only: the legal holds, newest first.';

create function public.hold_alert_evidence(alert_id text, reason text)
returns public.legal_holds
language sql volatile security invoker set search_path = ''
as $$ select * from private.hold_alert_evidence(alert_id, reason) $$;
comment on function public.hold_alert_evidence(text, text) is
  'Prosecutor only: keep the posts of an alert''s evidence past their retention period. Audit-logged.';

create function public.release_legal_hold(hold_id bigint, reason text)
returns public.legal_holds
language sql volatile security invoker set search_path = ''
as $$ select * from private.release_legal_hold(hold_id, reason) $$;
comment on function public.release_legal_hold(bigint, text) is
  'Prosecutor only: end a legal hold; the next retention run removes what it kept. Audit-logged.';

revoke execute on function public.legal_holds(), public.hold_alert_evidence(text, text),
  public.release_legal_hold(bigint, text) from public, anon;
grant execute on function public.legal_holds(), public.hold_alert_evidence(text, text),
  public.release_legal_hold(bigint, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- 3. The retention run
-- ---------------------------------------------------------------------------------------------
-- One row per run that removes (dry runs leave nothing). While a run's row is unfinished in the
-- current transaction, the audit trail's guard lets that run delete entries older than its
-- cutoffs, and nothing else.
create table private.retention_runs (
  id bigint generated always as identity primary key,
  txid bigint not null,
  started_at timestamptz not null default clock_timestamp(),
  finished_at timestamptz,
  audit_cutoff timestamptz not null,
  read_audit_cutoff timestamptz not null,
  result jsonb
);
comment on table private.retention_runs is 'Retention runs that removed data; the guard of the audit trail reads it.';
revoke all on table private.retention_runs from public, anon, authenticated, service_role;

-- The audit log's guard, replaced: update and truncate are refused to everyone, the table owner
-- included; delete only to a retention run in progress in this transaction, and only for
-- entries older than its cutoff. (No API role has the delete privilege in the first place.)
-- Also guards public.view_audit (read audit), created by the next migration.
create or replace function private.audit_log_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and exists (
    select 1 from private.retention_runs r
    where r.txid = pg_catalog.txid_current() and r.finished_at is null
      and old.at < case when tg_table_name = 'view_audit' then r.read_audit_cutoff
                        else r.audit_cutoff end
  ) then
    return old;
  end if;
  raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = '42501';
end;
$$;
revoke execute on function private.audit_log_append_only() from public, anon, authenticated;

-- The clock posts and handles age against: the stream clock while a scenario plays (advanced
-- at its speed, as the client computes it), never later than now().
create function private.retention_clock() returns timestamptz
language sql stable set search_path = ''
as $$
  select least(pg_catalog.now(), coalesce(
    (select c.stream_time + (pg_catalog.now() - c.wall_time) * c.speed
     from public.stream_clock c where c.id = 'main'),
    pg_catalog.now()))
$$;
comment on function private.retention_clock() is
  'The data clock for retention: the stream clock while a scenario plays, capped at now(); else now().';
revoke execute on function private.retention_clock() from public, anon, authenticated;

create function private.apply_retention(dry_run boolean default true)
returns table (
  data_class text, period text, clock text, cutoff timestamptz,
  partitions_dropped int, rows_removed bigint, rows_held bigint, detail text
)
language plpgsql volatile security definer set search_path = '' set lock_timeout = '10s' set jit = off
as $$
#variable_conflict use_variable
declare
  keep_posts interval;
  keep_handles interval;
  keep_rejects interval;
  keep_audit interval;
  keep_reads interval;
  data_now timestamptz := private.retention_clock();
  on_stream boolean := exists (select 1 from public.stream_clock c where c.id = 'main')
                       and private.retention_clock() < pg_catalog.now();
  posts_cut timestamptz;
  handles_cut timestamptz;
  rejects_cut timestamptz;
  audit_cut timestamptz;
  reads_cut timestamptz;
  held_ids text[];
  held text;
  cols text;
  part record;
  lo text;
  hi text;
  total bigint;
  kept bigint;
  dropped int := 0;
  removed bigint := 0;
  held_total bigint := 0;
  notes text[] := '{}';
  run_id bigint;
  m date;
  result jsonb := '[]';
begin
  select
    max(x.keep) filter (where x.data_class = 'posts'),
    max(x.keep) filter (where x.data_class = 'handles'),
    max(x.keep) filter (where x.data_class = 'dead_letters'),
    max(x.keep) filter (where x.data_class = 'audit'),
    max(x.keep) filter (where x.data_class = 'read_audit')
  into keep_posts, keep_handles, keep_rejects, keep_audit, keep_reads
  from public.retention_settings x;
  -- A class without a setting is kept.
  posts_cut := data_now - keep_posts;
  handles_cut := data_now - keep_handles;
  rejects_cut := pg_catalog.now() - keep_rejects;
  audit_cut := pg_catalog.now() - keep_audit;
  reads_cut := pg_catalog.now() - keep_reads;

  if not dry_run then
    insert into private.retention_runs (txid, audit_cutoff, read_audit_cutoff)
    values (pg_catalog.txid_current(), coalesce(audit_cut, '-infinity'), coalesce(reads_cut, '-infinity'))
    returning id into run_id;
  end if;

  -- What is held: the ids of held alert evidence and of acknowledged (open) alerts, and the
  -- windows (and boxes) of active export holds, as one predicate on a post row p.
  select coalesce(pg_catalog.array_agg(distinct e), '{}') into held_ids
  from (
    select pg_catalog.unnest(h.post_ids) as e from public.legal_holds h
    where h.released_at is null and h.kind = 'alert'
    union all
    select pg_catalog.unnest(a.evidence) from public.alerts a where a.status = 'acknowledged'
  ) ids;
  select pg_catalog.format('coalesce((%s or %s), false)',
           case when pg_catalog.cardinality(held_ids) > 0 then 'p.id = any($1)' else 'false' end,
           coalesce(pg_catalog.string_agg(pg_catalog.format(
             '(p.created_at >= %L and p.created_at < %L%s)', h.t_from, h.t_to,
             case when h.min_lon is null or h.min_lat is null or h.max_lon is null or h.max_lat is null
                  then ''
                  else pg_catalog.format(
                    ' and extensions.st_intersects(p.geom, extensions.st_makeenvelope(%L, %L, %L, %L, 4326))',
                    h.min_lon, h.min_lat, h.max_lon, h.max_lat) end), ' or '), 'false'))
  into held
  from public.legal_holds h
  where h.released_at is null and h.kind = 'export';

  -- ------------------------------------------------------------------------------- posts
  if posts_cut is not null then
    select pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum) into cols
    from pg_catalog.pg_attribute a
    where a.attrelid = 'public.posts'::pg_catalog.regclass and a.attnum > 0
      and not a.attisdropped and a.attgenerated = '';

    for part in
      select c.oid, c.relname, pg_catalog.pg_get_expr(c.relpartbound, c.oid) as bound
      from pg_catalog.pg_inherits i
      join pg_catalog.pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'public.posts'::pg_catalog.regclass
      order by c.relname
    loop
      if part.bound = 'DEFAULT' then
        -- Posts outside the monthly partitions (a month already dropped, or past the last
        -- one): row by row.
        if dry_run then
          execute pg_catalog.format(
            'select count(*) filter (where not %1$s), count(*) filter (where %1$s) from public.%2$I p where p.created_at < $2',
            held, part.relname) into total, kept using held_ids, posts_cut;
        else
          execute pg_catalog.format(
            'with d as (delete from public.%2$I p where p.created_at < $2 and not %1$s returning p.source, p.id),
                  k as (delete from public.post_keys pk using d where pk.source = d.source and pk.id = d.id)
             select count(*) from d', held, part.relname) into total using held_ids, posts_cut;
          execute pg_catalog.format(
            'select count(*) from public.%2$I p where p.created_at < $2 and %1$s',
            held, part.relname) into kept using held_ids, posts_cut;
        end if;
        removed := removed + total;
        held_total := held_total + kept;
        if total > 0 then
          notes := notes || pg_catalog.format('%s: %s rows', part.relname, total);
        end if;
        continue;
      end if;
      lo := (pg_catalog.regexp_match(part.bound, 'FROM \(''([^'']+)''\)'))[1];
      hi := (pg_catalog.regexp_match(part.bound, 'TO \(''([^'']+)''\)'))[1];
      if hi is null or hi::timestamptz > posts_cut then
        continue;
      end if;
      -- The whole month is older than the period.
      execute pg_catalog.format(
        'select count(*), count(*) filter (where %s) from public.%I p', held, part.relname)
        into total, kept using held_ids;
      held_total := held_total + kept;
      if total = kept then
        continue; -- empty, or everything in it is held
      end if;
      removed := removed + (total - kept);
      if kept = 0 then
        dropped := dropped + 1;
        notes := notes || pg_catalog.format('dropped %s (%s rows)', part.relname, total);
        if not dry_run then
          execute pg_catalog.format(
            'delete from public.post_keys pk using public.%I p where pk.source = p.source and pk.id = p.id',
            part.relname);
          execute pg_catalog.format('drop table public.%I', part.relname);
        end if;
      else
        -- Held posts in it: a new partition for the month with only those.
        notes := notes || pg_catalog.format('rebuilt %s (%s rows, %s held)', part.relname, total, kept);
        if not dry_run then
          execute pg_catalog.format('alter table public.posts detach partition public.%I', part.relname);
          execute pg_catalog.format('alter table public.%I rename to %I', part.relname,
                                    'retention_' || part.oid::text);
          execute pg_catalog.format(
            'create table public.%I partition of public.posts for values from (%L) to (%L)',
            part.relname, lo, hi);
          execute pg_catalog.format('alter table public.%I enable row level security', part.relname);
          execute pg_catalog.format('revoke all on table public.%I from anon, authenticated', part.relname);
          execute pg_catalog.format('comment on table public.%I is %L', part.relname,
            pg_catalog.format('Posts of %s to %s still under a legal hold (the rest removed by retention); read through public.posts.', lo, hi));
          execute pg_catalog.format(
            'insert into public.%I (%s) select %s from public.%I p where %s',
            part.relname, cols, cols, 'retention_' || part.oid::text, held) using held_ids;
          execute pg_catalog.format(
            'delete from public.post_keys pk using public.%I p where pk.source = p.source and pk.id = p.id and not %s',
            'retention_' || part.oid::text, held) using held_ids;
          execute pg_catalog.format('drop table public.%I', 'retention_' || part.oid::text);
        end if;
      end if;
    end loop;

    -- The months ahead (this one and the next two, wall clock) get their partition, so that new
    -- posts do not pile up in posts_default; not when posts_default already has rows for it.
    m := pg_catalog.date_trunc('month', pg_catalog.now() at time zone 'UTC')::date;
    for i in 0..2 loop
      if pg_catalog.to_regclass(pg_catalog.format('public.posts_y%sm%s',
           pg_catalog.to_char(m, 'YYYY'), pg_catalog.to_char(m, 'MM'))) is null
         and not exists (select 1 from public.posts_default d
                         where d.created_at >= (m::text || ' 00:00:00+00')::timestamptz
                           and d.created_at < ((m + interval '1 month')::date::text || ' 00:00:00+00')::timestamptz)
         and not exists (
           select 1 from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
           where i.inhparent = 'public.posts'::pg_catalog.regclass
             and pg_catalog.pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
             and (pg_catalog.regexp_match(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1]::timestamptz
                 < ((m + interval '1 month')::date::text || ' 00:00:00+00')::timestamptz
             and (pg_catalog.regexp_match(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz
                 > (m::text || ' 00:00:00+00')::timestamptz)
      then
        notes := notes || pg_catalog.format('created posts_y%sm%s',
          pg_catalog.to_char(m, 'YYYY'), pg_catalog.to_char(m, 'MM'));
        if not dry_run then
          execute pg_catalog.format(
            'create table public.%I partition of public.posts for values from (%L) to (%L)',
            pg_catalog.format('posts_y%sm%s', pg_catalog.to_char(m, 'YYYY'), pg_catalog.to_char(m, 'MM')),
            m::text || ' 00:00:00+00', (m + interval '1 month')::date::text || ' 00:00:00+00');
          execute pg_catalog.format('alter table public.%I enable row level security',
            pg_catalog.format('posts_y%sm%s', pg_catalog.to_char(m, 'YYYY'), pg_catalog.to_char(m, 'MM')));
          execute pg_catalog.format('revoke all on table public.%I from anon, authenticated',
            pg_catalog.format('posts_y%sm%s', pg_catalog.to_char(m, 'YYYY'), pg_catalog.to_char(m, 'MM')));
          execute pg_catalog.format('comment on table public.%I is %L',
            pg_catalog.format('posts_y%sm%s', pg_catalog.to_char(m, 'YYYY'), pg_catalog.to_char(m, 'MM')),
            'Posts created in ' || pg_catalog.to_char(m, 'YYYY-MM') || ' (UTC); read through public.posts.');
        end if;
      end if;
      m := (m + interval '1 month')::date;
    end loop;
  end if;
  data_class := 'posts'; period := keep_posts::text; clock := case when on_stream then 'stream' else 'wall' end;
  cutoff := posts_cut; partitions_dropped := dropped; rows_removed := removed; rows_held := held_total;
  detail := pg_catalog.array_to_string(notes, '; ');
  return next;
  result := result || pg_catalog.jsonb_build_object('class', data_class, 'removed', rows_removed,
    'held', rows_held, 'partitions', partitions_dropped);

  -- ------------------------------------------------------------------------------- handles
  -- A raw handle goes when its author has no post newer than the period, unless a held post is
  -- the author's.
  total := 0;
  kept := 0;
  if handles_cut is not null then
    -- (Joins, not a subquery per handle: the posts are read once for each condition.)
    execute pg_catalog.format(
      'select count(*) filter (where ha.author_ref is null), count(*) filter (where ha.author_ref is not null)
       from public.author_handles h
       left join (select distinct p.author_ref from public.posts p where %s) ha on ha.author_ref = h.author_ref
       where not exists (select 1 from public.posts r where r.author_ref = h.author_ref and r.created_at >= $2)',
      held) into total, kept using held_ids, handles_cut;
    if not dry_run and total > 0 then
      execute pg_catalog.format(
        'delete from public.author_handles h
         where not exists (select 1 from public.posts r where r.author_ref = h.author_ref and r.created_at >= $2)
           and not exists (select 1 from public.posts p where p.author_ref = h.author_ref and %s)',
        held) using held_ids, handles_cut;
      get diagnostics total = row_count;
    end if;
  end if;
  data_class := 'handles'; period := keep_handles::text;
  cutoff := handles_cut; partitions_dropped := 0; rows_removed := total; rows_held := kept; detail := '';
  return next;
  result := result || pg_catalog.jsonb_build_object('class', data_class, 'removed', rows_removed, 'held', rows_held);

  -- ------------------------------------------------------------------------------- dead letters
  total := 0;
  if rejects_cut is not null then
    if dry_run then
      select count(*) into total from public.ingest_rejects r where r.received_at < rejects_cut;
    else
      delete from public.ingest_rejects r where r.received_at < rejects_cut;
      get diagnostics total = row_count;
    end if;
  end if;
  data_class := 'dead_letters'; period := keep_rejects::text; clock := 'wall';
  cutoff := rejects_cut; rows_removed := total; rows_held := 0;
  return next;
  result := result || pg_catalog.jsonb_build_object('class', data_class, 'removed', rows_removed);

  -- ------------------------------------------------------------------------------- audit log
  -- The entry of an export stays while its hold does: it records what left the system.
  total := 0;
  kept := 0;
  if audit_cut is not null then
    select count(*) filter (where k.audit_id is null), count(*) filter (where k.audit_id is not null)
    into total, kept
    from public.audit_log l
    left join (select distinct h.audit_id from public.legal_holds h
               where h.released_at is null and h.audit_id is not null) k on k.audit_id = l.id
    where l.at < audit_cut;
    if not dry_run and total > 0 then
      delete from public.audit_log l
      where l.at < audit_cut
        and not exists (select 1 from public.legal_holds h where h.audit_id = l.id and h.released_at is null);
      get diagnostics total = row_count;
      delete from private.retention_runs r where r.started_at < audit_cut;
    end if;
  end if;
  data_class := 'audit'; period := keep_audit::text;
  cutoff := audit_cut; rows_removed := total; rows_held := kept;
  return next;
  result := result || pg_catalog.jsonb_build_object('class', data_class, 'removed', rows_removed, 'held', rows_held);

  -- ------------------------------------------------------------------------------- read audit
  total := 0;
  if reads_cut is not null and pg_catalog.to_regclass('public.view_audit') is not null then
    if dry_run then
      execute 'select count(*) from public.view_audit v where v.at < $1' into total using reads_cut;
    else
      execute 'delete from public.view_audit v where v.at < $1' using reads_cut;
      get diagnostics total = row_count;
    end if;
  end if;
  data_class := 'read_audit'; period := keep_reads::text;
  cutoff := reads_cut; rows_removed := total; rows_held := 0;
  return next;
  result := result || pg_catalog.jsonb_build_object('class', data_class, 'removed', rows_removed);

  if not dry_run then
    update private.retention_runs r set finished_at = pg_catalog.clock_timestamp(), result = result
    where r.id = run_id;
    perform private.audit('retention', 'run ' || run_id::text,
      pg_catalog.jsonb_build_object('classes', result, 'data_clock', data_now,
        'clock', case when on_stream then 'stream' else 'wall' end));
  end if;
end;
$$;
comment on function private.apply_retention(boolean) is
  'Remove (or, dry run, count) what is older than its retention period, except held evidence. See 20261207000050_retention.sql.';
revoke execute on function private.apply_retention(boolean) from public, anon, authenticated;
grant execute on function private.apply_retention(boolean) to service_role;

create function public.apply_retention(dry_run boolean default true)
returns table (
  data_class text, period text, clock text, cutoff timestamptz,
  partitions_dropped int, rows_removed bigint, rows_held bigint, detail text
)
language sql volatile security invoker set search_path = ''
as $$ select * from private.apply_retention(dry_run) $$;
comment on function public.apply_retention(boolean) is
  'Service role: apply the retention periods (dry_run: only count). One row per data class.';
revoke execute on function public.apply_retention(boolean) from public, anon, authenticated;
grant execute on function public.apply_retention(boolean) to service_role;
