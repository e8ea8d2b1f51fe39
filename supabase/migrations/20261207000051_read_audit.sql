-- Read audit (issue 10, lawful use): who viewed which area and which time range, one row per
-- view change (the client calls log_view once the map has been still for a moment, and when the
-- mode, window or role changes), never per batch of posts. Prosecutors read it through
-- read_audit(); nobody else reads it, and nobody writes it but log_view(), which takes the user
-- from the JWT. Append-only like the audit log (the same guard: only a retention run deletes,
-- after the read_audit period of retention_settings).

-- ---------------------------------------------------------------------------------------------
-- Table
-- ---------------------------------------------------------------------------------------------
create table public.view_audit (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id uuid not null,
  app_role text,
  view_mode text not null check (view_mode in ('live', 'replay')),
  min_lon float8,
  min_lat float8,
  max_lon float8,
  max_lat float8,
  area_id uuid,
  t_from timestamptz not null,
  t_to timestamptz not null,
  constraint view_audit_range check (t_to >= t_from),
  constraint view_audit_where check (
    area_id is not null
    or (min_lon is not null and min_lat is not null and max_lon is not null and max_lat is not null))
);
comment on table public.view_audit is
  'Read audit: who viewed which box or area and time range, one row per view change. Written by log_view(), read by prosecutors through read_audit().';
create index view_audit_user_at_idx on public.view_audit (user_id, at);
create index view_audit_at_idx on public.view_audit (at);

alter table public.view_audit enable row level security;
revoke all on table public.view_audit from anon, authenticated, service_role;
grant select on table public.view_audit to service_role;

create trigger view_audit_no_update_delete
  before update or delete on public.view_audit
  for each row execute function private.audit_log_append_only();

create trigger view_audit_no_truncate
  before truncate on public.view_audit
  for each statement execute function private.audit_log_append_only();

-- ---------------------------------------------------------------------------------------------
-- log_view: one row for the calling user; identical repeats within 10 s and more than 30 rows a
-- minute are ignored (answers false)
-- ---------------------------------------------------------------------------------------------
create function private.log_view(
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  t_from timestamptz, t_to timestamptz, view_mode text, area_id uuid default null
) returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
#variable_conflict use_variable
declare
  uid uuid := auth.uid();
  who public.app_role := private.app_role();
  has_box boolean := min_lon is not null or min_lat is not null or max_lon is not null or max_lat is not null;
begin
  if uid is null or who is null then
    raise exception 'only a signed-in user with a role has views to log' using errcode = '42501';
  end if;
  if view_mode is null or view_mode not in ('live', 'replay') then
    raise exception 'view_mode must be live or replay' using errcode = '22023';
  end if;
  if t_from is null or t_to is null or t_to < t_from or t_to - t_from > interval '31 days' then
    raise exception 'the time range must be given, in order, and at most 31 days long' using errcode = '22023';
  end if;
  if has_box and not coalesce(
       min_lon between -180 and 180 and max_lon between -180 and 180
       and min_lat between -90 and 90 and max_lat between -90 and 90
       and min_lon <= max_lon and min_lat <= max_lat, false) then
    raise exception 'the box must be four coordinates in WGS 84, min before max' using errcode = '22023';
  end if;
  if not has_box and area_id is null then
    raise exception 'a view needs a box or an area' using errcode = '22023';
  end if;

  if exists (
    select 1 from public.view_audit v
    where v.user_id = uid and v.at > pg_catalog.now() - interval '10 seconds'
      and v.view_mode = view_mode and v.app_role = who::text
      and v.min_lon is not distinct from min_lon and v.min_lat is not distinct from min_lat
      and v.max_lon is not distinct from max_lon and v.max_lat is not distinct from max_lat
      and v.area_id is not distinct from area_id
      and v.t_to - v.t_from = t_to - t_from
  ) then
    return false;
  end if;
  if (select pg_catalog.count(*) from public.view_audit v
      where v.user_id = uid and v.at > pg_catalog.now() - interval '1 minute') >= 30 then
    return false;
  end if;

  insert into public.view_audit (user_id, app_role, view_mode, min_lon, min_lat, max_lon, max_lat,
                                 area_id, t_from, t_to)
  values (uid, who::text, view_mode, min_lon, min_lat, max_lon, max_lat, area_id, t_from, t_to);
  return true;
end;
$$;
comment on function private.log_view(float8, float8, float8, float8, timestamptz, timestamptz, text, uuid) is
  'Record the calling user''s view (box or area, time range, mode); false when ignored as a repeat or over the rate.';

-- ---------------------------------------------------------------------------------------------
-- read_audit: prosecutors only; reading it is itself audit-logged
-- ---------------------------------------------------------------------------------------------
create function private.read_audit(
  t_from timestamptz, t_to timestamptz, viewer uuid default null, lim int default 1000
) returns table (
  id bigint, at timestamptz, user_id uuid, display_name text, app_role text, view_mode text,
  min_lon float8, min_lat float8, max_lon float8, max_lat float8, area_id uuid, area_name text,
  view_from timestamptz, view_to timestamptz
)
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if private.app_role() is distinct from 'prosecutor' then
    raise exception 'only a prosecutor may read the read audit' using errcode = '42501';
  end if;
  if read_audit.t_from is null or read_audit.t_to is null or read_audit.t_to <= read_audit.t_from then
    raise exception 'the period must be given and in order' using errcode = '22023';
  end if;
  perform private.audit('read_audit', pg_catalog.format('%s/%s', read_audit.t_from, read_audit.t_to),
    pg_catalog.jsonb_build_object('viewer', viewer));
  return query
    select v.id, v.at, v.user_id, r.display_name, v.app_role, v.view_mode,
           v.min_lon, v.min_lat, v.max_lon, v.max_lat, v.area_id, a.name, v.t_from, v.t_to
    from public.view_audit v
    left join public.user_roles r on r.user_id = v.user_id
    left join public.event_areas a on a.id = v.area_id
    where v.at >= read_audit.t_from and v.at < read_audit.t_to
      and (viewer is null or v.user_id = viewer)
    order by v.at desc, v.id desc
    limit greatest(1, least(coalesce(lim, 1000), 10000));
end;
$$;
comment on function private.read_audit(timestamptz, timestamptz, uuid, int) is
  'Prosecutor only: the views recorded in [t_from, t_to), of one user or all, newest first. Audit-logged.';

revoke execute on function private.log_view(float8, float8, float8, float8, timestamptz, timestamptz, text, uuid),
  private.read_audit(timestamptz, timestamptz, uuid, int) from public, anon;
grant execute on function private.log_view(float8, float8, float8, float8, timestamptz, timestamptz, text, uuid),
  private.read_audit(timestamptz, timestamptz, uuid, int) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The API: thin invoker wrappers
-- ---------------------------------------------------------------------------------------------
create function public.log_view(
  min_lon float8, min_lat float8, max_lon float8, max_lat float8,
  t_from timestamptz, t_to timestamptz, view_mode text, area_id uuid default null
) returns boolean
language sql volatile security invoker set search_path = ''
as $$ select private.log_view(min_lon, min_lat, max_lon, max_lat, t_from, t_to, view_mode, area_id) $$;
comment on function public.log_view(float8, float8, float8, float8, timestamptz, timestamptz, text, uuid) is
  'Signed-in users: record the view now on screen (box or area, time range, live or replay). false: ignored (repeat within 10 s, over 30 a minute).';

create function public.read_audit(
  t_from timestamptz, t_to timestamptz, viewer uuid default null, lim int default 1000
) returns table (
  id bigint, at timestamptz, user_id uuid, display_name text, app_role text, view_mode text,
  min_lon float8, min_lat float8, max_lon float8, max_lat float8, area_id uuid, area_name text,
  view_from timestamptz, view_to timestamptz
)
language sql volatile security invoker set search_path = ''
as $$ select * from private.read_audit(t_from, t_to, viewer, lim) $$;
comment on function public.read_audit(timestamptz, timestamptz, uuid, int) is
  'Prosecutor only: who viewed which box or area and time range in [t_from, t_to), newest first. Audit-logged.';

revoke execute on function public.log_view(float8, float8, float8, float8, timestamptz, timestamptz, text, uuid),
  public.read_audit(timestamptz, timestamptz, uuid, int) from public, anon;
grant execute on function public.log_view(float8, float8, float8, float8, timestamptz, timestamptz, text, uuid),
  public.read_audit(timestamptz, timestamptz, uuid, int) to authenticated;
