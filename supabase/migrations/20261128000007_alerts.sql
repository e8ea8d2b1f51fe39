-- Alerts: what the detector (service role) raises, with a lifecycle new -> acknowledged ->
-- resolved (or new -> resolved). Users see alerts in their scope; analysts and commanders of the
-- alert's unit acknowledge and resolve them through acknowledge_alert() / resolve_alert(), which
-- write the audit log.

-- ---------------------------------------------------------------------------------------------
-- Types and table
-- ---------------------------------------------------------------------------------------------
create type public.alert_status as enum ('new', 'acknowledged', 'resolved');
comment on type public.alert_status is 'Alert lifecycle: new -> acknowledged -> resolved, or new -> resolved.';

create table public.alerts (
  id text primary key,
  kind text not null,
  detected_at timestamptz not null,
  geom extensions.geometry(Point, 4326),
  radius_m real,
  place text,
  expected_at timestamptz,
  severity text not null check (severity in ('info', 'warning', 'critical')),
  score real,
  summary text,
  evidence text[],
  unit_id text references public.police_units (id),
  municipality_code text references public.municipalities (code),
  status public.alert_status not null default 'new',
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  resolved_by uuid,
  resolved_at timestamptz,
  resolution_note text
);
comment on table public.alerts is 'Detector alerts with their lifecycle (new, acknowledged, resolved).';
create index alerts_open_idx on public.alerts (detected_at desc) where status <> 'resolved';

-- ---------------------------------------------------------------------------------------------
-- Lifecycle: no way back, resolved is final; timestamps filled in when missing
-- ---------------------------------------------------------------------------------------------
create function private.alert_lifecycle() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.status = 'resolved' then
    raise exception 'alert % is resolved and can no longer change', old.id using errcode = '55000';
  end if;
  if new.status = 'new' and old.status <> 'new' then
    raise exception 'alert % cannot go back from % to new', old.id, old.status using errcode = '55000';
  end if;
  if new.status = 'acknowledged' and old.status = 'new' then
    new.acknowledged_at := coalesce(new.acknowledged_at, now());
  end if;
  if new.status = 'resolved' then
    new.resolved_at := coalesce(new.resolved_at, now());
  end if;
  return new;
end;
$$;
revoke execute on function private.alert_lifecycle() from public, anon, authenticated;

create trigger alerts_lifecycle
  before update on public.alerts
  for each row execute function private.alert_lifecycle();

-- ---------------------------------------------------------------------------------------------
-- Row level security (select only; changes go through the functions below)
-- ---------------------------------------------------------------------------------------------
alter table public.alerts enable row level security;

revoke all on table public.alerts from anon, authenticated;
grant select on table public.alerts to authenticated;
grant all on table public.alerts to service_role;

create policy "Analysts see alerts of their unit and alerts without a unit"
  on public.alerts for select to authenticated
  using ((select private.app_role()) = 'analyst' and (unit_id = (select private.app_unit()) or unit_id is null));

create policy "Commanders see alerts of their unit"
  on public.alerts for select to authenticated
  using ((select private.app_role()) = 'commander' and unit_id = (select private.app_unit()));

create policy "Mayors see alerts in their municipality"
  on public.alerts for select to authenticated
  using ((select private.app_role()) = 'mayor' and municipality_code = (select private.app_municipality()));

create policy "Prosecutors and planners see all alerts"
  on public.alerts for select to authenticated
  using ((select private.app_role()) in ('prosecutor', 'planner'));

-- ---------------------------------------------------------------------------------------------
-- RPC: open_alerts, acknowledge_alert, resolve_alert
-- ---------------------------------------------------------------------------------------------
create function public.open_alerts()
returns table (
  id text, kind text, detected_at timestamptz, x float8, y float8, radius_m real, place text,
  expected_at timestamptz, severity text, score real, summary text, evidence text[],
  unit_id text, municipality_code text, status public.alert_status,
  acknowledged_at timestamptz, resolved_at timestamptz
)
language sql stable
as $$
  select a.id, a.kind, a.detected_at, extensions.st_x(a.geom), extensions.st_y(a.geom), a.radius_m,
         a.place, a.expected_at, a.severity, a.score, a.summary, a.evidence, a.unit_id,
         a.municipality_code, a.status, a.acknowledged_at, a.resolved_at
  from public.alerts a
  where a.status in ('new', 'acknowledged')
  order by a.detected_at desc, a.id
$$;
comment on function public.open_alerts() is 'Alerts visible to the caller that are new or acknowledged, newest first.';

-- Shared check: the caller is an analyst or commander of the alert's unit.
create function private.may_handle_alert(alert_unit text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    private.app_role() in ('analyst', 'commander') and alert_unit = private.app_unit(),
    false)
$$;
revoke execute on function private.may_handle_alert(text) from public, anon;
grant execute on function private.may_handle_alert(text) to authenticated, service_role;

-- The alert to acknowledge or resolve, locked; raises when it does not exist (P0002) or the
-- caller may not handle it (42501).
create function private.alert_to_handle(alert_id text, verb text) returns public.alerts
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a public.alerts;
begin
  select * into a from public.alerts where id = alert_id for update;
  if not found then
    raise exception 'alert % not found', alert_id using errcode = 'P0002';
  end if;
  if not private.may_handle_alert(a.unit_id) then
    raise exception 'only an analyst or commander of unit % may % this alert', a.unit_id, verb
      using errcode = '42501';
  end if;
  return a;
end;
$$;
revoke execute on function private.alert_to_handle(text, text) from public, anon, authenticated;

create function public.acknowledge_alert(alert_id text) returns public.alerts
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
comment on function public.acknowledge_alert(text) is 'Analyst or commander of the alert''s unit: new -> acknowledged. Audit-logged.';

create function public.resolve_alert(alert_id text, note text default null) returns public.alerts
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a public.alerts := private.alert_to_handle(alert_id, 'resolve');
begin
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
comment on function public.resolve_alert(text, text) is 'Analyst or commander of the alert''s unit: new/acknowledged -> resolved. Audit-logged.';

revoke execute on function public.open_alerts(), public.acknowledge_alert(text), public.resolve_alert(text, text)
  from public, anon;
grant execute on function public.open_alerts(), public.acknowledge_alert(text), public.resolve_alert(text, text)
  to authenticated, service_role;
