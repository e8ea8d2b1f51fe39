-- Event areas: places a crisis room watches (a square, a station, a festival ground), with an
-- optional planned crowd and time window. Written by the service role (scenario and admin
-- tooling), read by the roles whose scope covers them.

-- ---------------------------------------------------------------------------------------------
-- Table
-- ---------------------------------------------------------------------------------------------
create table public.event_areas (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  unit_id text references public.police_units (id),
  municipality_code text references public.municipalities (code),
  geom extensions.geometry(MultiPolygon, 4326) not null,
  planned_crowd int check (planned_crowd >= 0),
  planned_from timestamptz,
  planned_to timestamptz,
  constraint event_areas_window check (planned_from is null or planned_to is null or planned_to > planned_from)
);
comment on table public.event_areas is 'Areas a crisis room watches, with an optional planned crowd and time window.';
create index event_areas_geom_idx on public.event_areas using gist (geom);

-- ---------------------------------------------------------------------------------------------
-- Row level security
-- ---------------------------------------------------------------------------------------------
alter table public.event_areas enable row level security;

revoke all on table public.event_areas from anon, authenticated;
grant select on table public.event_areas to authenticated;
grant all on table public.event_areas to service_role;

create policy "Analysts and commanders see event areas of their unit"
  on public.event_areas for select to authenticated
  using ((select private.app_role()) in ('analyst', 'commander') and unit_id = (select private.app_unit()));

create policy "Mayors see event areas in their municipality"
  on public.event_areas for select to authenticated
  using ((select private.app_role()) = 'mayor' and municipality_code = (select private.app_municipality()));

create policy "Prosecutors and planners see all event areas"
  on public.event_areas for select to authenticated
  using ((select private.app_role()) in ('prosecutor', 'planner'));
