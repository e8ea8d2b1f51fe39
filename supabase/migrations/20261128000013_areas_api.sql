-- The event areas the caller can see, as the map draws them: the outer ring of the first polygon
-- as [[lon, lat], ...], with the planned crowd and window when planned. Security invoker: the
-- event_areas policies decide (own unit, own municipality, or all for national roles).

create function public.areas()
returns table (
  id uuid, name text, unit_id text, municipality_code text, ring json,
  planned_crowd int, planned_from timestamptz, planned_to timestamptz
)
language sql stable
as $$
  select a.id, a.name, a.unit_id, a.municipality_code,
         (extensions.st_asgeojson(extensions.st_exteriorring(extensions.st_geometryn(a.geom, 1)), 6)::json) -> 'coordinates',
         a.planned_crowd, a.planned_from, a.planned_to
  from public.event_areas a
  order by a.name, a.id
$$;
comment on function public.areas() is 'Event areas the caller can see, with their outer ring as [[lon, lat], ...].';

revoke execute on function public.areas() from public, anon;
grant execute on function public.areas() to authenticated, service_role;
