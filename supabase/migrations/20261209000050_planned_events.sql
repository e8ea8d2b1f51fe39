-- Planned events registered in the interface (issue 13, item 5): planners (anywhere) and
-- commanders (inside their unit's territory) register an event area with a time window and an
-- expected crowd, and withdraw it with a reason. Both are audited. A withdrawn plan stays in
-- event_areas (who withdrew it, when, why) but no longer counts: areas(), planned_events() and
-- the detector leave it out.
--
-- The detector reports per plan what the plan explains (planned_event_status: the crowd it
-- observes against the plan's, and how many signals the plan silenced since when), through
-- report_plan_status (service role); planned_events() returns the plans with that status.

-- ---------------------------------------------------------------------------------------------
-- Who registered and who withdrew an event area
-- ---------------------------------------------------------------------------------------------
alter table public.event_areas
  add column created_by uuid,
  add column created_at timestamptz not null default now(),
  add column withdrawn_at timestamptz,
  add column withdrawn_by uuid,
  add column withdraw_reason text;
comment on column public.event_areas.withdrawn_at is
  'When the plan was withdrawn (withdraw_planned_event); a withdrawn area no longer counts.';

-- ---------------------------------------------------------------------------------------------
-- What the detector says about each plan
-- ---------------------------------------------------------------------------------------------
create table public.planned_event_status (
  area_id uuid primary key references public.event_areas (id) on delete cascade,
  reported_at timestamptz not null default now(),
  stream_time timestamptz,
  observed_authors int not null default 0 check (observed_authors >= 0),
  observed_crowd int not null default 0 check (observed_crowd >= 0),
  suppressed int not null default 0 check (suppressed >= 0),
  suppressed_since timestamptz,
  last_suppressed_at timestamptz
);
comment on table public.planned_event_status is
  'Per planned event, what the detector observes there and how many of its signals the plan explained (silenced) since when.';

alter table public.planned_event_status enable row level security;
revoke all on table public.planned_event_status from anon, authenticated;
grant select on table public.planned_event_status to authenticated;
grant all on table public.planned_event_status to service_role;

-- The status of a plan is visible to whoever sees the plan (event_areas' own policy decides).
create policy "Users see the status of the plans they see"
  on public.planned_event_status for select to authenticated
  using (exists (select 1 from public.event_areas a where a.id = area_id));

-- ---------------------------------------------------------------------------------------------
-- The limits of a plan
-- ---------------------------------------------------------------------------------------------
create function private.plan_area(area jsonb) returns extensions.geometry
language plpgsql immutable set search_path = ''
as $$
declare
  g extensions.geometry;
  t text;
  n int;
  km2 float8;
begin
  if area is null or pg_catalog.jsonb_typeof(area) <> 'object' then
    raise exception 'area: a GeoJSON Polygon or MultiPolygon geometry is required' using errcode = '22023';
  end if;
  if pg_catalog.length(area::text) > 1000000 then
    raise exception 'area: too large (% characters; at most 1,000,000)', pg_catalog.length(area::text)
      using errcode = '22023';
  end if;
  t := area ->> 'type';
  if t is null or t not in ('Polygon', 'MultiPolygon') then
    raise exception 'area: type % is not Polygon or MultiPolygon', coalesce(t, '(none)') using errcode = '22023';
  end if;
  begin
    g := extensions.st_setsrid(extensions.st_geomfromgeojson(area::text), 4326);
  exception when others then
    raise exception 'area: not a valid GeoJSON %: %', t, sqlerrm using errcode = '22023';
  end;
  n := extensions.st_npoints(g);
  if n > 20000 then
    raise exception 'area: too many vertices (%; at most 20,000)', n using errcode = '22023';
  end if;
  if extensions.st_isempty(g) then
    raise exception 'area: empty' using errcode = '22023';
  end if;
  if extensions.st_xmin(g) < -180 or extensions.st_xmax(g) > 180
     or extensions.st_ymin(g) < -90 or extensions.st_ymax(g) > 90 then
    raise exception 'area: coordinates outside [-180, 180] x [-90, 90] (they must be [lon, lat] in WGS 84)'
      using errcode = '22023';
  end if;
  if not extensions.st_isvalid(g) then
    raise exception 'area: invalid polygon: %', extensions.st_isvalidreason(g) using errcode = '22023';
  end if;
  km2 := extensions.st_area(g::extensions.geography) / 1e6;
  if km2 < 0.0001 then
    raise exception 'area: too small (% m2; at least 100 m2)', pg_catalog.round((km2 * 1e6)::numeric, 1)
      using errcode = '22023';
  end if;
  if km2 > 100 then
    raise exception 'area: too large (% km2; at most 100 km2)', pg_catalog.round(km2::numeric, 1)
      using errcode = '22023';
  end if;
  return extensions.st_multi(g);
end;
$$;
comment on function private.plan_area(jsonb) is
  'The GeoJSON Polygon/MultiPolygon of a plan as a MultiPolygon, or 22023 saying what is wrong (type, vertices, coordinates, validity, size).';

create function private.check_plan(
  name text, planned_from timestamptz, planned_to timestamptz, planned_crowd int
) returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if name is null or pg_catalog.btrim(name) = '' then
    raise exception 'name: required' using errcode = '22023';
  end if;
  perform private.check_length('name', name, 200);
  if planned_from is null or planned_to is null then
    raise exception 'window: a start and an end are required' using errcode = '22023';
  end if;
  if planned_to <= planned_from then
    raise exception 'window: the end (%) is not after the start (%)', planned_to, planned_from
      using errcode = '22023';
  end if;
  if planned_to - planned_from > interval '7 days' then
    raise exception 'window: longer than 7 days (%)', planned_to - planned_from using errcode = '22023';
  end if;
  if planned_crowd is null or planned_crowd < 0 then
    raise exception 'crowd: a number of people of 0 or more is required' using errcode = '22023';
  end if;
  if planned_crowd > 2000000 then
    raise exception 'crowd: % is more than 2,000,000', planned_crowd using errcode = '22023';
  end if;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- register_planned_event / withdraw_planned_event
-- ---------------------------------------------------------------------------------------------
create function private.register_planned_event(
  name text, area jsonb, planned_from timestamptz, planned_to timestamptz, planned_crowd int
) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  who public.app_role := private.app_role();
  g extensions.geometry;
  territory extensions.geometry;
  unit text;
  gm text;
  new_id uuid;
begin
  if who is null or who not in ('planner', 'commander') then
    raise exception 'only a planner or a commander may register a planned event' using errcode = '42501';
  end if;
  perform private.check_plan(name, planned_from, planned_to, planned_crowd);
  g := private.plan_area(area);
  if who = 'commander' then
    -- The unit's territory: its polygon, or (boundaries not loaded) its municipalities'.
    unit := private.app_unit();
    select coalesce(u.geom, (select extensions.st_union(m.geom) from public.municipalities m
                             where m.unit_id = u.id and m.geom is not null))
    into territory from public.police_units u where u.id = unit;
    if territory is null or not extensions.st_covers(territory, g) then
      raise exception 'the area does not lie within the territory of unit %', unit using errcode = '42501';
    end if;
  else
    select m.unit_id into unit from public.municipalities m
    where m.geom is not null and extensions.st_covers(m.geom, extensions.st_pointonsurface(g))
    order by m.code limit 1;
    if unit is null then
      select u.id into unit from public.police_units u
      where u.geom is not null and extensions.st_covers(u.geom, extensions.st_pointonsurface(g))
      order by u.id limit 1;
    end if;
  end if;
  select m.code into gm from public.municipalities m
  where m.geom is not null and m.unit_id = unit
    and extensions.st_covers(m.geom, extensions.st_pointonsurface(g))
  order by m.code limit 1;
  insert into public.event_areas (name, unit_id, municipality_code, geom, planned_crowd, planned_from,
                                  planned_to, created_by)
  values (pg_catalog.btrim(name), unit, gm, g, planned_crowd, planned_from, planned_to, auth.uid())
  returning id into new_id;
  perform private.audit('register_planned_event', new_id::text, pg_catalog.jsonb_build_object(
    'name', pg_catalog.btrim(name), 'planned_from', planned_from, 'planned_to', planned_to,
    'planned_crowd', planned_crowd, 'unit_id', unit, 'municipality_code', gm,
    'area_km2', pg_catalog.round((extensions.st_area(g::extensions.geography) / 1e6)::numeric, 3),
    'vertices', extensions.st_npoints(g)));
  return new_id;
end;
$$;
comment on function private.register_planned_event(text, jsonb, timestamptz, timestamptz, int) is
  'Planner (anywhere) or commander (within their unit): registers a planned event. Audit-logged.';

create function private.withdraw_planned_event(event_id uuid, reason text) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a public.event_areas;
begin
  if private.app_role() is null or private.app_role() not in ('planner', 'commander') then
    raise exception 'only a planner or a commander may withdraw a planned event' using errcode = '42501';
  end if;
  if reason is null or pg_catalog.btrim(reason) = '' then
    raise exception 'reason: required' using errcode = '22023';
  end if;
  perform private.check_length('reason', reason);
  select * into a from public.event_areas e where e.id = event_id for update;
  if not found or a.planned_from is null or a.withdrawn_at is not null
     or not private.in_scope(a.unit_id, a.municipality_code) then
    raise exception 'planned event % not found', event_id using errcode = 'PT404';
  end if;
  if private.app_role() = 'commander' and a.unit_id is distinct from private.app_unit() then
    raise exception 'planned event % not found', event_id using errcode = 'PT404';
  end if;
  update public.event_areas e
  set withdrawn_at = now(), withdrawn_by = auth.uid(), withdraw_reason = reason
  where e.id = event_id;
  perform private.audit('withdraw_planned_event', event_id::text,
    pg_catalog.jsonb_build_object('name', a.name, 'reason', reason));
end;
$$;
comment on function private.withdraw_planned_event(uuid, text) is
  'Planner or commander whose scope holds the plan: withdraws it, with a reason. Audit-logged.';

revoke execute on function private.plan_area(jsonb), private.check_plan(text, timestamptz, timestamptz, int)
from public, anon, authenticated;
grant execute on function private.plan_area(jsonb), private.check_plan(text, timestamptz, timestamptz, int)
to service_role;

revoke execute on function
  private.register_planned_event(text, jsonb, timestamptz, timestamptz, int),
  private.withdraw_planned_event(uuid, text)
from public, anon;
grant execute on function
  private.register_planned_event(text, jsonb, timestamptz, timestamptz, int),
  private.withdraw_planned_event(uuid, text)
to authenticated, service_role;

create function public.register_planned_event(
  name text, area jsonb, planned_from timestamptz, planned_to timestamptz, planned_crowd int
) returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.register_planned_event(name, area, planned_from, planned_to, planned_crowd) $$;
comment on function public.register_planned_event(text, jsonb, timestamptz, timestamptz, int) is
  'Planner (anywhere) or commander (within their unit): registers a planned event; its id. Audit-logged.';

create function public.withdraw_planned_event(event_id uuid, reason text) returns void
language sql volatile security invoker set search_path = ''
as $$ select private.withdraw_planned_event(event_id, reason) $$;
comment on function public.withdraw_planned_event(uuid, text) is
  'Planner or commander whose scope holds the plan: withdraws it, with a reason. Audit-logged.';

revoke execute on function
  public.register_planned_event(text, jsonb, timestamptz, timestamptz, int),
  public.withdraw_planned_event(uuid, text)
from public, anon;
grant execute on function
  public.register_planned_event(text, jsonb, timestamptz, timestamptz, int),
  public.withdraw_planned_event(uuid, text)
to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Reading: areas() without withdrawn plans; planned_events() with the detector's status
-- ---------------------------------------------------------------------------------------------
create or replace function public.areas()
returns table (
  id uuid, name text, unit_id text, municipality_code text, ring json,
  planned_crowd int, planned_from timestamptz, planned_to timestamptz
)
language sql stable security invoker set search_path = ''
as $$
  select a.id, a.name, a.unit_id, a.municipality_code,
         (extensions.st_asgeojson(extensions.st_exteriorring(extensions.st_geometryn(a.geom, 1)), 6)::json) -> 'coordinates',
         a.planned_crowd, a.planned_from, a.planned_to
  from public.event_areas a
  where a.withdrawn_at is null
  order by a.name, a.id
$$;

create function public.planned_events()
returns table (
  id uuid, name text, unit_id text, municipality_code text, area json,
  planned_crowd int, planned_from timestamptz, planned_to timestamptz, created_at timestamptz,
  mine boolean, status_at timestamptz, stream_time timestamptz, observed_authors int,
  observed_crowd int, suppressed int, suppressed_since timestamptz, last_suppressed_at timestamptz
)
language sql stable security invoker set search_path = ''
as $$
  select a.id, a.name, a.unit_id, a.municipality_code,
         extensions.st_asgeojson(a.geom, 6)::json,
         a.planned_crowd, a.planned_from, a.planned_to, a.created_at,
         coalesce(a.created_by = auth.uid(), false),
         s.reported_at, s.stream_time, s.observed_authors, s.observed_crowd, s.suppressed,
         s.suppressed_since, s.last_suppressed_at
  from public.event_areas a
  left join public.planned_event_status s on s.area_id = a.id
  where a.withdrawn_at is null and a.planned_from is not null and a.planned_to is not null
    and a.planned_crowd is not null
  order by a.planned_from, a.name, a.id
$$;
comment on function public.planned_events() is
  'The planned events the caller can see (not withdrawn): area as a GeoJSON MultiPolygon, window, crowd, and what the detector reports about each.';

revoke execute on function public.planned_events() from public, anon;
grant execute on function public.planned_events() to authenticated, service_role;

-- The detector's report: one row per plan it knows (service role).
create function public.report_plan_status(rows jsonb) returns int
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  n int;
begin
  if rows is null or pg_catalog.jsonb_typeof(rows) <> 'array' then
    raise exception 'report_plan_status: an array of rows is required' using errcode = '22023';
  end if;
  insert into public.planned_event_status as s (area_id, reported_at, stream_time, observed_authors,
    observed_crowd, suppressed, suppressed_since, last_suppressed_at)
  select r.id, now(), r.stream_time, greatest(coalesce(r.observed_authors, 0), 0),
         greatest(coalesce(r.observed_crowd, 0), 0), greatest(coalesce(r.suppressed, 0), 0),
         r.suppressed_since, r.last_suppressed_at
  from pg_catalog.jsonb_to_recordset(rows) as r (id uuid, stream_time timestamptz, observed_authors int,
    observed_crowd int, suppressed int, suppressed_since timestamptz, last_suppressed_at timestamptz)
  where exists (select 1 from public.event_areas a where a.id = r.id)
  on conflict (area_id) do update set
    reported_at = excluded.reported_at, stream_time = excluded.stream_time,
    observed_authors = excluded.observed_authors, observed_crowd = excluded.observed_crowd,
    suppressed = excluded.suppressed, suppressed_since = excluded.suppressed_since,
    last_suppressed_at = excluded.last_suppressed_at;
  get diagnostics n = row_count;
  return n;
end;
$$;
comment on function public.report_plan_status(jsonb) is
  'Service role (the detector): per plan {id, stream_time, observed_authors, observed_crowd, suppressed, suppressed_since, last_suppressed_at}.';

revoke execute on function public.report_plan_status(jsonb) from public, anon, authenticated;
grant execute on function public.report_plan_status(jsonb) to service_role;
