-- Alert ingest: the detector worker's (service role) single entry point for alerts, in the alerts
-- format of docs/formats.md. A new id is inserted as 'new', placed in its police unit and
-- municipality like a post; an id seen before is updated as its evidence grows: severity and
-- score only rise, summary, place, radius, expected time and evidence follow the latest, and the
-- first detected_at stays. Resolved alerts are final and are left as they are.

create function public.upsert_alerts(rows jsonb)
returns table (inserted int, updated int)
language sql volatile set search_path = ''
as $$
  with r as (
    select distinct on (x.id) x.*
    from jsonb_to_recordset(rows) as x(
      id text, kind text, detected_at timestamptz, lon float8, lat float8, radius_m real,
      place text, expected_at timestamptz, severity text, score real, summary text,
      evidence text[])
    where x.id is not null
    order by x.id, x.detected_at desc
  ),
  g as (
    select r.*, extensions.st_setsrid(extensions.st_makepoint(r.lon, r.lat), 4326) as geom
    from r
  ),
  up as (
    insert into public.alerts as a (
      id, kind, detected_at, geom, radius_m, place, expected_at, severity, score, summary,
      evidence, unit_id, municipality_code)
    select g.id, g.kind, g.detected_at, g.geom, g.radius_m, g.place, g.expected_at, g.severity,
           g.score, g.summary, g.evidence[1:50], coalesce(m.unit_id, u.id), m.code
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
        when array_position(array['info', 'warning', 'critical'], excluded.severity)
           > array_position(array['info', 'warning', 'critical'], a.severity)
        then excluded.severity else a.severity end,
      score = greatest(a.score, excluded.score),
      summary = excluded.summary,
      place = coalesce(excluded.place, a.place),
      radius_m = excluded.radius_m,
      geom = excluded.geom,
      expected_at = coalesce(excluded.expected_at, a.expected_at),
      evidence = excluded.evidence
    where a.status <> 'resolved'
    returning (xmax = 0) as fresh
  )
  select (count(*) filter (where fresh))::int, (count(*) filter (where not fresh))::int from up
$$;
comment on function public.upsert_alerts(jsonb) is
  'Service role: insert or update alerts (alerts NDJSON objects as a JSON array); severity and score only rise; resolved alerts are left alone.';

revoke execute on function public.upsert_alerts(jsonb) from public, anon, authenticated;
grant execute on function public.upsert_alerts(jsonb) to service_role;
