-- Incidents (issue 13): the alerts that concern one gathering, grouped under one stable id
-- (src/lib/detection/incidents.ts decides the grouping; the detector worker sends each alert's
-- incident id to upsert_alerts). An incident has its own lifecycle, handled by analysts and
-- commanders through incident_act(): open -> acknowledged -> resolved or false_alarm
-- ("onterecht"), and every step is an incident_events row with who, when and why.
--
-- * public.incidents: id 'inc-' || the id of its first alert; place, point and radius covering
--   its alerts; the strongest severity of its alerts; first_seen / last_update (stream time);
--   unit and municipality of its first alert (the scope, as for alerts); expected_size from a
--   planned event at its place. continued_by: a closed incident that the detector's grouping
--   still points new alerts at hands them to the incident that continues it.
-- * public.alerts.incident_id: the incident an alert belongs to (set when it is first stored).
-- * public.incident_events: what happened to an incident: an alert joined ('alert'), or a user
--   acknowledged, noted, marked it false or resolved it (actor, actor_label, reason). `at` is
--   stream time (the replay clock where one runs), `recorded_at` wall time.
-- * Row level security: incidents have the alerts' scope predicate; an incident's events are
--   visible with the incident. Writes go through upsert_alerts (service role) and incident_act.
-- * Existing alerts each become an incident of their own.

create type public.incident_status as enum ('open', 'acknowledged', 'false_alarm', 'resolved');
comment on type public.incident_status is
  'Incident lifecycle: open -> acknowledged -> resolved / false_alarm ("onterecht"), or open -> resolved / false_alarm.';

create table public.incidents (
  id text primary key check (pg_catalog.length(id) between 1 and 220),
  place text,
  geom extensions.geometry(Point, 4326) not null,
  radius_m real not null default 0 check (radius_m >= 0),
  severity text not null check (severity in ('info', 'warning', 'critical')),
  status public.incident_status not null default 'open',
  first_seen timestamptz not null,
  last_update timestamptz not null,
  closed_at timestamptz,
  unit_id text references public.police_units (id),
  municipality_code text references public.municipalities (code),
  expected_size int check (expected_size >= 0),
  continued_by text references public.incidents (id),
  constraint incidents_closed check ((status in ('resolved', 'false_alarm')) = (closed_at is not null))
);
comment on table public.incidents is
  'Incidents: the alerts of one gathering under one stable id (''inc-'' || its first alert''s id), with a lifecycle of its own.';
comment on column public.incidents.continued_by is
  'A closed incident the grouping still points new alerts at: the incident that takes them.';
create index incidents_last_update_idx on public.incidents (last_update desc);
create index incidents_unit_idx on public.incidents (unit_id);
create index incidents_municipality_idx on public.incidents (municipality_code);
create index incidents_continued_by_idx on public.incidents (continued_by) where continued_by is not null;

alter table public.alerts add column incident_id text references public.incidents (id);
comment on column public.alerts.incident_id is 'The incident this alert belongs to (decided when it is first stored).';
create index alerts_incident_idx on public.alerts (incident_id);

create table public.incident_events (
  id bigint generated always as identity primary key,
  incident_id text not null references public.incidents (id),
  kind text not null check (kind in ('alert', 'acknowledge', 'note', 'false_alarm', 'resolve')),
  at timestamptz not null,
  recorded_at timestamptz not null default pg_catalog.now(),
  actor uuid,
  actor_label text check (pg_catalog.length(actor_label) <= 320),
  alert_id text,
  reason text check (pg_catalog.length(reason) <= 1000),
  constraint incident_events_alert check ((kind = 'alert') = (alert_id is not null)),
  constraint incident_events_reason check (kind in ('alert', 'acknowledge') or reason is not null)
);
comment on table public.incident_events is
  'What happened to an incident: an alert joined it, or a user acknowledged, noted, marked it false or resolved it. at: stream time; recorded_at: wall time.';
create index incident_events_incident_idx on public.incident_events (incident_id, at);

-- ---------------------------------------------------------------------------------------------
-- Row level security: select only, in the caller's scope (the alerts' predicate)
-- ---------------------------------------------------------------------------------------------
alter table public.incidents enable row level security;
alter table public.incident_events enable row level security;
revoke all on table public.incidents, public.incident_events from anon, authenticated;
grant select on table public.incidents, public.incident_events to authenticated;
grant all on table public.incidents, public.incident_events to service_role;

create policy "Users see incidents in their scope"
  on public.incidents for select to authenticated
  using (
    (select (private.scope()).all_units)
    or coalesce(unit_id, '') = any ((select (private.scope()).units)::text[])
    or municipality_code = any ((select (private.scope()).municipalities)::text[])
  );

-- The incident's row policy decides (the subquery runs with the caller's rights).
create policy "Users see the events of incidents they see"
  on public.incident_events for select to authenticated
  using (exists (select 1 from public.incidents i where i.id = incident_events.incident_id));

-- ---------------------------------------------------------------------------------------------
-- Stream time now: the replay clock where one runs, else now()
-- ---------------------------------------------------------------------------------------------
create function private.stream_now() returns timestamptz
language sql stable security invoker set search_path = ''
as $$
  select coalesce(
    (select case when c.ended_at is not null or c.prefill_progress is not null then c.stream_time
                 else least(c.stream_time + (pg_catalog.now() - c.wall_time) * c.speed,
                            coalesce(c.stream_end, 'infinity'::timestamptz)) end
     from public.stream_clock c where c.id = 'main'),
    pg_catalog.now())
$$;
comment on function private.stream_now() is
  'The stream time now: the replay clock (stream_time advanced by speed since wall_time, at most stream_end) where one runs, else now().';
revoke execute on function private.stream_now() from public, anon;
grant execute on function private.stream_now() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Existing alerts: an incident each
-- ---------------------------------------------------------------------------------------------
insert into public.incidents (id, place, geom, radius_m, severity, status, first_seen, last_update,
                              closed_at, unit_id, municipality_code)
select 'inc-' || a.id, a.place, a.geom, coalesce(a.radius_m, 0), a.severity,
       case a.status when 'resolved' then 'resolved' when 'acknowledged' then 'acknowledged'
                     else 'open' end::public.incident_status,
       a.detected_at, coalesce(a.last_detected_at, a.detected_at),
       case when a.status = 'resolved' then coalesce(a.resolved_at, a.detected_at) end,
       a.unit_id, a.municipality_code
from public.alerts a
where a.geom is not null and pg_catalog.length(a.id) <= 216;
update public.alerts a set incident_id = 'inc-' || a.id
where a.geom is not null and pg_catalog.length(a.id) <= 216;
insert into public.incident_events (incident_id, kind, at, alert_id)
select a.incident_id, 'alert', a.detected_at, a.id from public.alerts a where a.incident_id is not null;
