-- The incidents' API (issue 13; tables in 20261209000010_incidents.sql).
--
-- * upsert_alerts(rows): as before, and each row may name its incident (`incident_id`, from the
--   detector's grouping; without one an alert is an incident of its own, 'inc-' || its id). A new
--   alert joins its incident (created when new; a closed one hands it to the incident that
--   continues it, created once), writes an 'alert' event, and the incidents it touched are
--   recomputed (severity, last update, point and radius covering their alerts, place, expected
--   size) and broadcast. A known alert keeps its incident.
-- * open_incidents(): the caller's incidents that are open or acknowledged, and those closed in
--   the 24 h before the stream clock.
-- * incident_detail(incident_id): the incident view (IncidentDetail in
--   src/lib/supabase/incidents.ts): its alerts, events, posts per 5 min in its area with the
--   baseline, its evidence posts and how they were located.
-- * incident_act(incident_id, action, reason): acknowledge, note, false_alarm ("onterecht"),
--   resolve; the rights of acknowledge_alert; applied to the incident's alerts the caller may
--   handle; an incident_events row and an audit entry.
-- * Realtime: event 'incident' with an IncidentRow payload on alerts:unit:<unit> and
--   alerts:gm:<code> of the incident whenever it changes.
-- * detector_alerts(since): also each alert's incident, whether that is closed, its radius,
--   announced time and linked place (for the grouping to restore).

-- ---------------------------------------------------------------------------------------------
-- The IncidentRow and its broadcast
-- ---------------------------------------------------------------------------------------------
-- Security invoker: the counts are over the alerts the caller sees (the definer broadcast sees all).
create function private.incident_json(i public.incidents) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'id', i.id, 'place', i.place, 'lon', extensions.st_x(i.geom), 'lat', extensions.st_y(i.geom),
    'radius_m', i.radius_m, 'severity', i.severity, 'status', i.status,
    'first_seen', i.first_seen, 'last_update', i.last_update,
    'alert_count', coalesce(k.n, 0), 'kinds', coalesce(k.kinds, '{}'::text[]),
    'unit_id', i.unit_id, 'municipality_code', i.municipality_code,
    'expected_size', i.expected_size)
  from (select pg_catalog.count(*)::int as n,
               pg_catalog.array_agg(a.kind order by a.detected_at, a.id) as kinds
        from public.alerts a where a.incident_id = i.id) k
$$;
comment on function private.incident_json(public.incidents) is
  'An incident as IncidentRow (src/lib/supabase/incidents.ts): point as lon/lat, with alert_count and kinds.';
revoke execute on function private.incident_json(public.incidents) from public, anon;
grant execute on function private.incident_json(public.incidents) to authenticated, service_role;

create function private.broadcast_incident(incident_id text) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  i public.incidents;
  payload jsonb;
begin
  select * into i from public.incidents where id = incident_id;
  if not found then return; end if;
  payload := private.incident_json(i);
  if i.unit_id is not null then
    perform realtime.send(payload, 'incident', 'alerts:unit:' || i.unit_id, true);
  end if;
  if i.municipality_code is not null then
    perform realtime.send(payload, 'incident', 'alerts:gm:' || i.municipality_code, true);
  end if;
end;
$$;
comment on function private.broadcast_incident(text) is
  'realtime.send of the IncidentRow (event incident) on alerts:unit:<unit> and alerts:gm:<code>.';
revoke execute on function private.broadcast_incident(text) from public, anon, authenticated;
grant execute on function private.broadcast_incident(text) to service_role;

-- Recompute an incident from its alerts: strongest severity, latest update, a point and radius
-- covering them, the first place, the expected crowd of a planned event there.
create function private.refresh_incident(incident_id text) returns void
language sql volatile security invoker set search_path = ''
as $$
  with a as (
    select al.geom, coalesce(al.radius_m, 0) as r, al.severity, al.place, al.detected_at,
           coalesce(al.last_detected_at, al.detected_at) as last
    from public.alerts al where al.incident_id = refresh_incident.incident_id and al.geom is not null
  ),
  c as (select extensions.st_centroid(extensions.st_collect(a.geom)) as g from a),
  s as (
    select c.g,
           least(100000, pg_catalog.max(extensions.st_distance(c.g::extensions.geography, a.geom::extensions.geography) + a.r)) as r,
           pg_catalog.max(pg_catalog.array_position(array['info', 'warning', 'critical'], a.severity)) as sev,
           pg_catalog.max(a.last) as last,
           (pg_catalog.array_agg(a.place order by a.detected_at) filter (where a.place is not null))[1] as place
    from a, c group by c.g
  )
  update public.incidents i set
    geom = s.g,
    radius_m = s.r,
    severity = (array['info', 'warning', 'critical'])[greatest(s.sev,
                 pg_catalog.array_position(array['info', 'warning', 'critical'], i.severity))],
    last_update = greatest(i.last_update, s.last),
    place = coalesce(i.place, s.place),
    expected_size = coalesce(i.expected_size, (
      select e.planned_crowd from public.event_areas e
      where e.planned_crowd is not null and extensions.st_covers(e.geom, s.g)
        and (e.planned_from is null or e.planned_from - interval '6 hours' <= greatest(i.last_update, s.last))
        and (e.planned_to is null or e.planned_to + interval '6 hours' >= i.first_seen)
      order by e.planned_crowd desc limit 1))
  from s
  where i.id = refresh_incident.incident_id
$$;
comment on function private.refresh_incident(text) is
  'Recompute an incident from its alerts (severity only rises; the place is the first).';
revoke execute on function private.refresh_incident(text) from public, anon, authenticated;
grant execute on function private.refresh_incident(text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- upsert_alerts with incidents
-- ---------------------------------------------------------------------------------------------
create or replace function public.upsert_alerts(rows jsonb)
returns table (inserted int, updated int)
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  r record;
  old_incident text;
  old_status public.alert_status;
  target text;
  st public.incident_status;
  next_id text;
  fresh boolean;
  touched text[] := '{}';
  n_ins int := 0;
  n_upd int := 0;
  hops int;
  t text;
  gm text;
  unit text;
begin
  for r in
    select distinct on (x.id) x.*,
           extensions.st_setsrid(extensions.st_makepoint(x.lon, x.lat), 4326) as geom,
           case when pg_catalog.jsonb_typeof(x.facts) = 'object'
                 and pg_catalog.octet_length(x.facts::text) <= 4096 then x.facts end as f
    from pg_catalog.jsonb_to_recordset(rows) as x(
      id text, kind text, detected_at timestamptz, lon float8, lat float8, radius_m real,
      place text, expected_at timestamptz, severity text, score real, summary text,
      evidence text[], facts jsonb, incident_id text)
    where x.id is not null
    order by x.id, x.detected_at desc
  loop
    select a.incident_id, a.status into old_incident, old_status from public.alerts a where a.id = r.id;
    if found and old_status = 'resolved' then
      continue; -- resolved alerts are final and left as they are
    end if;
    fresh := not found;
    target := coalesce(old_incident,
      case when pg_catalog.length(r.incident_id) between 1 and 220 then r.incident_id end,
      'inc-' || pg_catalog.left(r.id, 216));
    if old_incident is null then
      -- A closed incident hands new alerts to the one that continues it (created once).
      hops := 0;
      loop
        select i.status, i.continued_by into st, next_id from public.incidents i where i.id = target;
        exit when not found or st in ('open', 'acknowledged') or hops > 20;
        hops := hops + 1;
        if next_id is null then
          next_id := 'inc-' || pg_catalog.left(r.id, 216);
          if next_id = target or exists (select 1 from public.incidents i where i.id = next_id) then
            next_id := pg_catalog.left(target, 200) || '~' || pg_catalog.left(r.id, 16) || '~' || hops;
          end if;
          insert into public.incidents (id, place, geom, radius_m, severity, first_seen, last_update,
                                        unit_id, municipality_code)
          values (next_id, r.place, r.geom, coalesce(r.radius_m, 0), r.severity, r.detected_at,
                  r.detected_at, null, null)
          on conflict (id) do nothing;
          update public.incidents i set continued_by = next_id where i.id = target;
        end if;
        target := next_id;
      end loop;
    end if;

    -- A new alert with a place: its unit and municipality (like a post's), then its incident
    -- (new or known; a new one takes the scope of its first alert), then the alert in it.
    gm := null;
    unit := null;
    if fresh and r.geom is not null then
      select mm.code, mm.unit_id into gm, unit from public.municipalities mm
      where extensions.st_covers(mm.geom, r.geom) order by mm.code limit 1;
      if gm is null then
        select uu.id into unit from public.police_units uu
        where extensions.st_covers(uu.geom, r.geom) order by uu.id limit 1;
      end if;
      insert into public.incidents (id, place, geom, radius_m, severity, first_seen, last_update,
                                    unit_id, municipality_code)
      values (target, r.place, r.geom, coalesce(r.radius_m, 0), r.severity, r.detected_at,
              r.detected_at, unit, gm)
      on conflict (id) do update set
        unit_id = coalesce(public.incidents.unit_id, excluded.unit_id),
        municipality_code = coalesce(public.incidents.municipality_code, excluded.municipality_code);
    end if;

    insert into public.alerts as a (
      id, kind, detected_at, last_detected_at, geom, radius_m, place, expected_at, severity, score,
      summary, evidence, facts, unit_id, municipality_code, incident_id)
    values (r.id, r.kind, r.detected_at, r.detected_at, r.geom, r.radius_m, r.place, r.expected_at,
            r.severity, r.score, r.summary, r.evidence[1:50], r.f, unit, gm,
            case when r.geom is not null then target end)
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
    where a.status <> 'resolved';

    if fresh then
      n_ins := n_ins + 1;
      if r.geom is not null then
        insert into public.incident_events (incident_id, kind, at, alert_id)
        values (target, 'alert', r.detected_at, r.id);
      end if;
    else
      n_upd := n_upd + 1;
    end if;
    if not (target = any (touched))
       and exists (select 1 from public.alerts a where a.id = r.id and a.incident_id = target) then
      touched := touched || target;
    end if;
  end loop;

  foreach t in array touched loop
    perform private.refresh_incident(t);
    perform private.broadcast_incident(t);
  end loop;
  inserted := n_ins;
  updated := n_upd;
  return next;
end;
$$;
comment on function public.upsert_alerts(jsonb) is
  'Service role: insert or update alerts (alerts NDJSON objects as a JSON array, with optional facts and incident_id); severity and score only rise; a known id keeps its first detected_at, its place and its incident; resolved alerts are left alone. Touched incidents are recomputed and broadcast.';
revoke execute on function public.upsert_alerts(jsonb) from public, anon, authenticated;
grant execute on function public.upsert_alerts(jsonb) to service_role;

-- ---------------------------------------------------------------------------------------------
-- open_incidents, incident_detail
-- ---------------------------------------------------------------------------------------------
create function public.open_incidents()
returns table (
  id text, place text, lon float8, lat float8, radius_m real, severity text,
  status public.incident_status, first_seen timestamptz, last_update timestamptz,
  alert_count int, kinds text[], unit_id text, municipality_code text, expected_size int
)
language sql stable security invoker set search_path = ''
as $$
  select i.id, i.place, extensions.st_x(i.geom), extensions.st_y(i.geom), i.radius_m, i.severity,
         i.status, i.first_seen, i.last_update, coalesce(k.n, 0), coalesce(k.kinds, '{}'::text[]),
         i.unit_id, i.municipality_code, i.expected_size
  from public.incidents i
  left join lateral (
    select pg_catalog.count(*)::int as n, pg_catalog.array_agg(a.kind order by a.detected_at, a.id) as kinds
    from public.alerts a where a.incident_id = i.id
  ) k on true
  where i.status in ('open', 'acknowledged')
     or i.closed_at >= private.stream_now() - interval '24 hours'
  order by i.last_update desc, i.id
  limit 1000
$$;
comment on function public.open_incidents() is
  'Incidents visible to the caller that are open or acknowledged, and those closed in the 24 h before the stream clock; latest update first.';
revoke execute on function public.open_incidents() from public, anon;
grant execute on function public.open_incidents() to authenticated, service_role;

create function public.incident_detail(incident_id text) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  i public.incidents;
  step constant int := 300;
  t_from timestamptz;
  t_to timestamptz;
  n int;
  ev_ids text[];
  cells int[];
  result jsonb;
begin
  if pg_catalog.length(incident_id) > 1000 then
    raise exception 'incident_id is too long' using errcode = '22001';
  end if;
  select * into i from public.incidents x where x.id = incident_detail.incident_id;
  if not found then
    raise exception 'incident % not found', incident_id using errcode = 'PT404';
  end if;
  -- Posts per 5 min since the first sign, up to now (or its closing), at most the last 72 h.
  t_to := least(coalesce(i.closed_at, private.stream_now()), private.stream_now());
  t_to := greatest(t_to, i.last_update);
  t_from := pg_catalog.to_timestamp(pg_catalog.floor(extract(epoch from i.first_seen) / step) * step);
  t_from := greatest(t_from, t_to - interval '72 hours');
  t_from := pg_catalog.to_timestamp(pg_catalog.floor(extract(epoch from t_from) / step) * step);
  n := greatest(1, pg_catalog.ceil(extract(epoch from t_to - t_from) / step)::int);

  -- The grid cells of the area's box: integer equality is leakproof, so the (grid, created_at)
  -- index is used under RLS (PostGIS's && is applied only after the policies).
  cells := private.grid_cells(
    extensions.st_x(i.geom) - greatest(i.radius_m, 100) / 50000.0,
    extensions.st_y(i.geom) - greatest(i.radius_m, 100) / 100000.0,
    extensions.st_x(i.geom) + greatest(i.radius_m, 100) / 50000.0,
    extensions.st_y(i.geom) + greatest(i.radius_m, 100) / 100000.0);

  select pg_catalog.array_agg(distinct e) into ev_ids
  from public.alerts a, pg_catalog.unnest(a.evidence) e
  where a.incident_id = i.id;

  with area as (
    select i.geom::extensions.geography as g, greatest(i.radius_m, 100)::float8 as r
  ),
  -- The slots' counts.
  cur as (
    select pg_catalog.floor(extract(epoch from p.created_at - t_from) / step)::int as k, pg_catalog.count(*)::int as c
    from public.posts p, area
    where p.created_at >= t_from and p.created_at < t_from + n * step * interval '1 second'
      and (cells is null or p.grid = any (cells))
      and p.geom operator(extensions.&&) extensions.st_expand(i.geom, area.r / 50000.0)
      and extensions.st_dwithin(p.geom::extensions.geography, area.g, area.r)
    group by 1
  ),
  -- The same slots on each of the 7 days before (the ordinary count: their mean).
  base as (
    select s.k, pg_catalog.count(*)::float8 / 7 as c
    from public.posts p, area,
         lateral (select d, pg_catalog.floor(extract(epoch from p.created_at + d * interval '1 day' - t_from) / step)::int as k
                  from pg_catalog.generate_series(1, 7) d) s
    where p.created_at >= t_from - interval '7 days' and p.created_at < t_from + n * step * interval '1 second' - interval '1 day'
      and (cells is null or p.grid = any (cells))
      and p.geom operator(extensions.&&) extensions.st_expand(i.geom, area.r / 50000.0)
      and extensions.st_dwithin(p.geom::extensions.geography, area.g, area.r)
      and s.k >= 0 and s.k < n
    group by 1
  ),
  ev as (
    select distinct on (p.source, p.id) p.id, p.created_at, p.text, p.author_ref,
           extensions.st_x(p.geom) as lon, extensions.st_y(p.geom) as lat,
           case p.method when 'gps' then 'geotag' when 'place' then 'text' when 'text' then 'text' end as located_by,
           p.precision_m
    from public.posts p
    where p.id = any (coalesce(ev_ids, '{}'))
      -- A call's evidence reaches back up to 3 days; a version's evidence can be newer than its
      -- detection time by a batch of the detector's catch-up.
      and p.created_at >= i.first_seen - interval '4 days'
      and p.created_at <= greatest(i.last_update, private.stream_now()) + interval '1 hour'
  )
  select pg_catalog.jsonb_build_object(
    'incident', private.incident_json(i),
    'alerts', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'id', a.id, 'kind', a.kind, 'severity', a.severity, 'detected_at', a.detected_at,
        'last_detected_at', a.last_detected_at, 'summary', a.summary, 'facts', a.facts,
        'status', a.status) order by a.detected_at, a.id)
      from public.alerts a where a.incident_id = i.id), '[]'::jsonb),
    'events', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'at', e.at, 'kind', e.kind, 'actor_label', e.actor_label, 'reason', e.reason,
        'alert_id', e.alert_id) order by e.at, e.id)
      from public.incident_events e where e.incident_id = i.id), '[]'::jsonb),
    'series', pg_catalog.jsonb_build_object(
      'from', t_from, 'step_s', step,
      'counts', (select pg_catalog.jsonb_agg(coalesce(cur.c, 0) order by g.k)
                 from pg_catalog.generate_series(0, n - 1) g(k) left join cur on cur.k = g.k),
      'baseline', (select pg_catalog.jsonb_agg(pg_catalog.round(coalesce(base.c, 0)::numeric, 2) order by g.k)
                   from pg_catalog.generate_series(0, n - 1) g(k) left join base on base.k = g.k)),
    'evidence', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'id', x.id, 'created_at', x.created_at, 'text', x.text, 'author', x.author_ref,
        'lon', x.lon, 'lat', x.lat, 'located_by', x.located_by, 'precision_m', x.precision_m)
        order by x.created_at desc, x.id)
      from (select * from ev order by ev.created_at desc, ev.id limit 200) x), '[]'::jsonb),
    'shares', (select pg_catalog.jsonb_build_object(
        'geotag', pg_catalog.count(*) filter (where ev.located_by = 'geotag'),
        'text', pg_catalog.count(*) filter (where ev.located_by = 'text'),
        'author', 0,
        'total', pg_catalog.count(*)) from ev))
  into result;
  return result;
end;
$$;
comment on function public.incident_detail(text) is
  'The incident view: {incident, alerts, events, series {from, step_s, counts, baseline}, evidence, shares}, over what the caller may see.';
revoke execute on function public.incident_detail(text) from public, anon;
grant execute on function public.incident_detail(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- incident_act
-- ---------------------------------------------------------------------------------------------
create function private.incident_act(incident_id text, action text, reason text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  i public.incidents;
  why text := nullif(pg_catalog.btrim(reason), '');
  at_ timestamptz := private.stream_now();
  label text;
  n int := 0;
begin
  perform private.check_length('incident_id', incident_id);
  perform private.check_length('reason', reason);
  if action is null or action not in ('acknowledge', 'note', 'false_alarm', 'resolve') then
    raise exception 'action must be one of acknowledge, note, false_alarm, resolve' using errcode = '22023';
  end if;
  if action <> 'acknowledge' and why is null then
    raise exception '% needs a reason', action using errcode = '22023';
  end if;
  select * into i from public.incidents x where x.id = incident_act.incident_id for update;
  if not found or not private.in_scope(i.unit_id, i.municipality_code) then
    raise exception 'incident % not found', incident_id using errcode = 'PT404';
  end if;
  if not private.may_handle_alert(i.unit_id) then
    raise exception 'only an analyst or commander of unit % may act on this incident', i.unit_id
      using errcode = '42501';
  end if;
  if action = 'acknowledge' and i.status <> 'open' then
    raise exception 'incident % is % and cannot be acknowledged', incident_id, i.status using errcode = '55000';
  end if;
  if action in ('false_alarm', 'resolve') and i.status not in ('open', 'acknowledged') then
    raise exception 'incident % is already %', incident_id, i.status using errcode = '55000';
  end if;

  select coalesce(nullif(r.display_name, ''), u.email::text, auth.email()) into label
  from (select auth.uid() as uid) s
  left join public.user_roles r on r.user_id = s.uid
  left join auth.users u on u.id = s.uid;

  -- The incident's alerts that the caller may handle follow it.
  if action = 'acknowledge' then
    update public.alerts a set status = 'acknowledged', acknowledged_by = auth.uid(), acknowledged_at = pg_catalog.now()
    where a.incident_id = i.id and a.status = 'new' and private.may_handle_alert(a.unit_id);
    get diagnostics n = row_count;
    update public.incidents x set status = 'acknowledged' where x.id = i.id;
  elsif action in ('false_alarm', 'resolve') then
    update public.alerts a set status = 'resolved', resolved_by = auth.uid(), resolved_at = pg_catalog.now(),
      resolution_note = pg_catalog.left(case action when 'false_alarm' then 'onterecht: ' else '' end || why, 1000)
    where a.incident_id = i.id and a.status <> 'resolved' and private.may_handle_alert(a.unit_id);
    get diagnostics n = row_count;
    update public.incidents x
      set status = (case action when 'resolve' then 'resolved' else action end)::public.incident_status,
        closed_at = at_
    where x.id = i.id;
  end if;

  insert into public.incident_events (incident_id, kind, at, actor, actor_label, reason)
  values (i.id, action, at_, auth.uid(), pg_catalog.left(label, 320), why);
  perform private.audit('incident_' || action, i.id,
    pg_catalog.jsonb_build_object('reason', why, 'alerts', n, 'stream_time', at_));
  perform private.broadcast_incident(i.id);
  select * into i from public.incidents x where x.id = i.id;
  return private.incident_json(i);
end;
$$;
comment on function private.incident_act(text, text, text) is
  'Analyst or commander of the incident''s unit: acknowledge, note, false_alarm ("onterecht") or resolve (reason required but for acknowledge); applied to its alerts; incident_events and audit log.';
revoke execute on function private.incident_act(text, text, text) from public, anon;
grant execute on function private.incident_act(text, text, text) to authenticated, service_role;

create function public.incident_act(incident_id text, action text, reason text default null) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.incident_act(incident_id, action, reason) $$;
comment on function public.incident_act(text, text, text) is
  'Act on an incident: acknowledge, note, false_alarm ("onterecht"), resolve (reason required but for acknowledge). Returns the IncidentRow.';
revoke execute on function public.incident_act(text, text, text) from public, anon;
grant execute on function public.incident_act(text, text, text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- detector_alerts with incidents (a new result column: drop and create)
-- ---------------------------------------------------------------------------------------------
drop function public.detector_alerts(timestamptz);
create function public.detector_alerts(since timestamptz)
returns table (
  id text, kind text, lon float8, lat float8, place text, detected_at timestamptz,
  last_detected_at timestamptz, severity text, status public.alert_status,
  radius_m real, expected_at timestamptz, linked_place text, incident_id text, incident_closed boolean
)
language sql stable security invoker set search_path = ''
as $$
  select a.id, a.kind, extensions.st_x(a.geom), extensions.st_y(a.geom), a.place, a.detected_at,
         coalesce(a.last_detected_at, a.detected_at), a.severity, a.status,
         a.radius_m, a.expected_at, a.facts -> 'linked' ->> 'place', a.incident_id,
         coalesce(i.status in ('resolved', 'false_alarm'), false)
  from public.alerts a
  left join public.incidents i on i.id = a.incident_id
  where coalesce(a.last_detected_at, a.detected_at) >= since and a.geom is not null
  order by a.detected_at, a.id
  limit 10000
$$;
comment on function public.detector_alerts(timestamptz) is
  'Service role: the alerts (resolved too) updated since a stream time, with their incident, for the detector to restore at start (same id, place and incident for a gathering raised again).';
revoke execute on function public.detector_alerts(timestamptz) from public, anon, authenticated;
grant execute on function public.detector_alerts(timestamptz) to service_role;
