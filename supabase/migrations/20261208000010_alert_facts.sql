-- Alerts that keep their id and place across a detector restart, and summaries in the reader's
-- language (issue 11).
--
-- 1. alerts.facts (jsonb): the figures behind the Dutch summary (src/lib/detection/summary.ts),
--    so that the map renders the summary in the chosen language. Written by upsert_alerts from
--    the row's optional `facts`; it follows the latest summary. Returned by open_alerts and
--    carried in the alert broadcast (private.alert_json takes every column but geom).
-- 2. alerts.last_detected_at: the stream time of the latest update (detected_at stays the first).
-- 3. upsert_alerts: a known id keeps its place. The place is decided when the alert is first
--    stored; only an alert stored without a place takes one later. Before, the place followed the
--    latest row, and a name recomputed from growing evidence flipped under the same id.
-- 4. detector_alerts(since): the alerts (resolved ones too) updated since a stream time, for the
--    detector worker to restore at start (service role only): a gathering it raises again keeps
--    its stored id and place instead of an id from the first post it happens to see.

alter table public.alerts
  add column facts jsonb,
  add column last_detected_at timestamptz;
alter table public.alerts add constraint alerts_facts_object
  check (facts is null or (pg_catalog.jsonb_typeof(facts) = 'object' and pg_catalog.octet_length(facts::text) <= 4096));
comment on column public.alerts.facts is
  'The figures behind the summary (src/lib/detection/summary.ts), to render it in another language.';
comment on column public.alerts.last_detected_at is 'Stream time of the latest update (detected_at is the first).';
update public.alerts set last_detected_at = detected_at where last_detected_at is null;

create or replace function public.upsert_alerts(rows jsonb)
returns table (inserted int, updated int)
language sql volatile security invoker set search_path = ''
as $$
  with r as (
    select distinct on (x.id) x.*
    from pg_catalog.jsonb_to_recordset(rows) as x(
      id text, kind text, detected_at timestamptz, lon float8, lat float8, radius_m real,
      place text, expected_at timestamptz, severity text, score real, summary text,
      evidence text[], facts jsonb)
    where x.id is not null
    order by x.id, x.detected_at desc
  ),
  g as (
    select r.*, extensions.st_setsrid(extensions.st_makepoint(r.lon, r.lat), 4326) as geom,
           case when pg_catalog.jsonb_typeof(r.facts) = 'object'
                 and pg_catalog.octet_length(r.facts::text) <= 4096 then r.facts end as f
    from r
  ),
  up as (
    insert into public.alerts as a (
      id, kind, detected_at, last_detected_at, geom, radius_m, place, expected_at, severity, score,
      summary, evidence, facts, unit_id, municipality_code)
    select g.id, g.kind, g.detected_at, g.detected_at, g.geom, g.radius_m, g.place, g.expected_at,
           g.severity, g.score, g.summary, g.evidence[1:50], g.f, coalesce(m.unit_id, u.id), m.code
    from g
    left join lateral (
      select mm.code, mm.unit_id from public.municipalities mm
      where extensions.st_covers(mm.geom, g.geom) order by mm.code limit 1
    ) m on true
    left join lateral (
      select uu.id from public.police_units uu
      where m.code is null and extensions.st_covers(uu.geom, g.geom) order by uu.id limit 1
    ) u on true
    on conflict (id) do update set
      severity = case
        when pg_catalog.array_position(array['info', 'warning', 'critical'], excluded.severity)
           > pg_catalog.array_position(array['info', 'warning', 'critical'], a.severity)
        then excluded.severity else a.severity end,
      score = greatest(a.score, excluded.score),
      summary = excluded.summary,
      facts = excluded.facts,
      place = coalesce(a.place, excluded.place),
      radius_m = excluded.radius_m,
      geom = excluded.geom,
      expected_at = coalesce(excluded.expected_at, a.expected_at),
      evidence = excluded.evidence,
      last_detected_at = greatest(a.last_detected_at, excluded.detected_at)
    where a.status <> 'resolved'
    returning (xmax = 0) as fresh
  )
  select (pg_catalog.count(*) filter (where fresh))::int, (pg_catalog.count(*) filter (where not fresh))::int from up
$$;
comment on function public.upsert_alerts(jsonb) is
  'Service role: insert or update alerts (alerts NDJSON objects as a JSON array, with optional facts); severity and score only rise; a known id keeps its first detected_at and its place; resolved alerts are left alone.';
revoke execute on function public.upsert_alerts(jsonb) from public, anon, authenticated;
grant execute on function public.upsert_alerts(jsonb) to service_role;

-- open_alerts with the facts (a new result column: drop and create).
drop function public.open_alerts();
create function public.open_alerts()
returns table (
  id text, kind text, detected_at timestamptz, x float8, y float8, radius_m real, place text,
  expected_at timestamptz, severity text, score real, summary text, evidence text[],
  unit_id text, municipality_code text, status public.alert_status,
  acknowledged_at timestamptz, resolved_at timestamptz, facts jsonb, last_detected_at timestamptz
)
language sql stable security invoker set search_path = ''
as $$
  select a.id, a.kind, a.detected_at, extensions.st_x(a.geom), extensions.st_y(a.geom), a.radius_m,
         a.place, a.expected_at, a.severity, a.score, a.summary, a.evidence, a.unit_id,
         a.municipality_code, a.status, a.acknowledged_at, a.resolved_at, a.facts, a.last_detected_at
  from public.alerts a
  where a.status in ('new', 'acknowledged')
  order by a.detected_at desc, a.id
$$;
comment on function public.open_alerts() is 'Alerts visible to the caller that are new or acknowledged, newest first.';
revoke execute on function public.open_alerts() from public, anon;
grant execute on function public.open_alerts() to authenticated, service_role;

create function public.detector_alerts(since timestamptz)
returns table (
  id text, kind text, lon float8, lat float8, place text, detected_at timestamptz,
  last_detected_at timestamptz, severity text, status public.alert_status
)
language sql stable security invoker set search_path = ''
as $$
  select a.id, a.kind, extensions.st_x(a.geom), extensions.st_y(a.geom), a.place, a.detected_at,
         coalesce(a.last_detected_at, a.detected_at), a.severity, a.status
  from public.alerts a
  where coalesce(a.last_detected_at, a.detected_at) >= since and a.geom is not null
  order by a.detected_at, a.id
  limit 10000
$$;
comment on function public.detector_alerts(timestamptz) is
  'Service role: the alerts (resolved too) updated since a stream time, for the detector to restore at start (same id and place for a gathering raised again).';
revoke execute on function public.detector_alerts(timestamptz) from public, anon, authenticated;
grant execute on function public.detector_alerts(timestamptz) to service_role;
