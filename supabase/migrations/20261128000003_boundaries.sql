-- Boundaries: the 10 police units and the municipalities (CBS codes) with their polygons. Posts,
-- alerts and event areas are placed in them at write time; mayors are scoped to one
-- municipality, analysts and commanders to one unit. The seed has approximate polygons for the
-- scenario municipalities; load_boundaries() replaces them from the geodata directory.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------
create table public.police_units (
  id text primary key check (id ~ '^[A-Z0-9]{2}$'),
  name text not null unique,
  geom extensions.geometry(MultiPolygon, 4326)
);
comment on table public.police_units is 'The police units (eenheden) of the Netherlands; id is a two-letter code (NN, AM, ...).';
create index police_units_geom_idx on public.police_units using gist (geom);

create table public.municipalities (
  code text primary key check (code ~ '^GM[0-9]{4}$'),
  name text not null,
  unit_id text not null references public.police_units (id),
  geom extensions.geometry(MultiPolygon, 4326),
  geom_source text
);
comment on table public.municipalities is 'Municipalities (gemeenten) by CBS code with the police unit they belong to; geom_source says where the polygon came from (approximate seed, or a boundaries file).';
create index municipalities_geom_idx on public.municipalities using gist (geom);
create index municipalities_unit_id_idx on public.municipalities (unit_id);

alter table public.user_roles
  add constraint user_roles_unit_id_fkey foreign key (unit_id) references public.police_units (id),
  add constraint user_roles_municipality_code_fkey foreign key (municipality_code) references public.municipalities (code);

-- ---------------------------------------------------------------------------------------------
-- Row level security: reference data, readable by every signed-in user, written by the service
-- ---------------------------------------------------------------------------------------------
alter table public.police_units enable row level security;
alter table public.municipalities enable row level security;

revoke all on table public.police_units, public.municipalities from anon, authenticated;
grant select on table public.police_units, public.municipalities to authenticated;
grant all on table public.police_units, public.municipalities to service_role;

create policy "Signed-in users read police units"
  on public.police_units for select to authenticated
  using (true);

create policy "Signed-in users read municipalities"
  on public.municipalities for select to authenticated
  using (true);

-- ---------------------------------------------------------------------------------------------
-- load_boundaries: replace polygons from GeoJSON (service role; the local stack at start)
-- ---------------------------------------------------------------------------------------------
-- units: FeatureCollection or array of features with properties.name = a police unit's name.
-- municipalities: same with properties code, name, police_unit (= the unit's name).
-- Polygons are repaired (st_makevalid) so that st_covers gives sound answers at ingest.
create function public.load_boundaries(
  units jsonb,
  municipalities jsonb,
  source text default 'boundaries'
) returns table (units_loaded int, municipalities_loaded int)
language plpgsql volatile set search_path = ''
as $$
declare
  n_units int := 0;
  n_municipalities int := 0;
  unknown text;
begin
  if units is not null then
    select f.value -> 'properties' ->> 'name' into unknown
    from jsonb_array_elements(case when jsonb_typeof(units) = 'object' then units -> 'features' else units end) f
    where not exists (select 1 from public.police_units u where u.name = f.value -> 'properties' ->> 'name')
    limit 1;
    if found then
      raise exception 'unknown police unit name: %', unknown using errcode = '22023';
    end if;

    update public.police_units u
    set geom = extensions.st_multi(extensions.st_collectionextract(extensions.st_makevalid(
      extensions.st_setsrid(extensions.st_geomfromgeojson(f.value -> 'geometry'), 4326)), 3))
    from jsonb_array_elements(case when jsonb_typeof(units) = 'object' then units -> 'features' else units end) f
    where u.name = f.value -> 'properties' ->> 'name';
    get diagnostics n_units = row_count;
  end if;

  if municipalities is not null then
    select f.value -> 'properties' ->> 'police_unit' into unknown
    from jsonb_array_elements(case when jsonb_typeof(municipalities) = 'object' then municipalities -> 'features' else municipalities end) f
    where not exists (select 1 from public.police_units u where u.name = f.value -> 'properties' ->> 'police_unit')
    limit 1;
    if found then
      raise exception 'unknown police unit name in municipality: %', unknown using errcode = '22023';
    end if;

    insert into public.municipalities as m (code, name, unit_id, geom, geom_source)
    select f.value -> 'properties' ->> 'code',
           f.value -> 'properties' ->> 'name',
           u.id,
           extensions.st_multi(extensions.st_collectionextract(extensions.st_makevalid(
             extensions.st_setsrid(extensions.st_geomfromgeojson(f.value -> 'geometry'), 4326)), 3)),
           source
    from jsonb_array_elements(case when jsonb_typeof(municipalities) = 'object' then municipalities -> 'features' else municipalities end) f
    join public.police_units u on u.name = f.value -> 'properties' ->> 'police_unit'
    on conflict (code) do update
      set name = excluded.name, unit_id = excluded.unit_id, geom = excluded.geom, geom_source = excluded.geom_source;
    get diagnostics n_municipalities = row_count;
  end if;

  return query select n_units, n_municipalities;
end;
$$;
comment on function public.load_boundaries(jsonb, jsonb, text) is
  'Service role: set police unit polygons (by name) and upsert municipalities from GeoJSON features.';

revoke execute on function public.load_boundaries(jsonb, jsonb, text) from public, anon, authenticated;
grant execute on function public.load_boundaries(jsonb, jsonb, text) to service_role;
