-- "Onterecht" as feedback to the detector's evaluation (issue 13): the incidents marked as a
-- false alarm, with where, when, who and why, for `npx uitkijk feedback` (service role only; it
-- prints them as NDJSON that `npx uitkijk eval --feedback FILE` counts as labelled false
-- positives).

create function public.incident_feedback(since timestamptz default null)
returns table (
  incident_id text, place text, lon float8, lat float8, radius_m real,
  first_seen timestamptz, last_update timestamptz, marked_at timestamptz,
  who text, reason text, alert_ids text[], kinds text[]
)
language sql stable security invoker set search_path = ''
as $$
  select i.id, i.place, extensions.st_x(i.geom), extensions.st_y(i.geom), i.radius_m,
         i.first_seen, i.last_update, e.at, e.actor_label, e.reason,
         coalesce(k.ids, '{}'), coalesce(k.kinds, '{}')
  from public.incidents i
  join lateral (
    select ev.at, ev.actor_label, ev.reason from public.incident_events ev
    where ev.incident_id = i.id and ev.kind = 'false_alarm'
    order by ev.at desc, ev.id desc limit 1
  ) e on true
  left join lateral (
    select pg_catalog.array_agg(a.id order by a.detected_at, a.id) as ids,
           pg_catalog.array_agg(a.kind order by a.detected_at, a.id) as kinds
    from public.alerts a where a.incident_id = i.id
  ) k on true
  where i.status = 'false_alarm' and (since is null or e.at >= since)
  order by e.at, i.id
  limit 10000
$$;
comment on function public.incident_feedback(timestamptz) is
  'Service role: incidents marked as a false alarm ("onterecht"), with place, time range, who and why, for the evaluation''s feedback.';
revoke execute on function public.incident_feedback(timestamptz) from public, anon, authenticated;
grant execute on function public.incident_feedback(timestamptz) to service_role;
