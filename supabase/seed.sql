-- Seed for local and development databases: the 10 police units, the municipalities the built-in
-- scenarios need (approximate polygons, replaced by load_boundaries() when the geodata directory
-- is present), demo users of every application role (password 'uitkijk-demo') and two event
-- areas. Never load this into a production project: the demo users have a published password.
-- Works on a real Supabase project too (auth.users / auth.identities with the columns GoTrue
-- needs). Idempotent.

-- ---------------------------------------------------------------------------------------------
-- Police units (polygons come from load_boundaries)
-- ---------------------------------------------------------------------------------------------
insert into public.police_units (id, name) values
  ('NN', 'Noord-Nederland'),
  ('ON', 'Oost-Nederland'),
  ('MN', 'Midden-Nederland'),
  ('NH', 'Noord-Holland'),
  ('AM', 'Amsterdam'),
  ('DH', 'Den Haag'),
  ('RT', 'Rotterdam'),
  ('ZB', 'Zeeland-West-Brabant'),
  ('OB', 'Oost-Brabant'),
  ('LB', 'Limburg')
on conflict (id) do update set name = excluded.name;

-- ---------------------------------------------------------------------------------------------
-- Scenario municipalities: honest approximations (a dozen vertices of the 2023 boundary), marked
-- geom_source 'approximate'; a boundaries load replaces them, and the seed never overwrites a
-- loaded polygon.
-- ---------------------------------------------------------------------------------------------
insert into public.municipalities (code, name, unit_id, geom, geom_source) values
  ('GM0014', 'Groningen', 'NN', extensions.st_multi(extensions.st_geomfromtext(
    'POLYGON((6.77244 53.28307,6.70901 53.23545,6.68318 53.20127,6.65736 53.18082,6.69547 53.12115,'
    '6.62953 53.11471,6.58139 53.16345,6.53426 53.18418,6.4964 53.19819,6.50216 53.24777,'
    '6.58565 53.2615,6.63354 53.25968,6.70926 53.3101,6.77219 53.29161,6.77244 53.28307))', 4326)),
   'approximate'),
  ('GM0363', 'Amsterdam', 'AM', extensions.st_multi(extensions.st_geomfromtext(
    'POLYGON((4.72882 52.4008,4.84816 52.33048,4.92864 52.3365,4.95271 52.32264,4.98355 52.29028,'
    '5.06528 52.2851,5.09687 52.30051,5.01589 52.3246,4.98555 52.35751,4.97452 52.37894,'
    '5.03821 52.40486,5.00035 52.42545,4.87674 52.42629,4.72882 52.4008))', 4326)),
   'approximate')
on conflict (code) do update
  set name = excluded.name, unit_id = excluded.unit_id,
      geom = case when public.municipalities.geom_source = 'approximate' or public.municipalities.geom is null
                  then excluded.geom else public.municipalities.geom end,
      geom_source = case when public.municipalities.geom_source = 'approximate' or public.municipalities.geom is null
                         then excluded.geom_source else public.municipalities.geom_source end;

-- ---------------------------------------------------------------------------------------------
-- Demo users (auth.users + auth.identities as GoTrue expects them) and their roles
-- ---------------------------------------------------------------------------------------------
with demo (id, email, role, unit_id, municipality_code, display_name) as (
  values
    ('0d000000-0000-4000-8000-000000000001'::uuid, 'analist.nn@uitkijk.demo', 'analyst'::public.app_role, 'NN', null, 'Analist RTIC Noord-Nederland'),
    ('0d000000-0000-4000-8000-000000000002'::uuid, 'commandant.nn@uitkijk.demo', 'commander', 'NN', null, 'Commandant Noord-Nederland'),
    ('0d000000-0000-4000-8000-000000000003'::uuid, 'analist.am@uitkijk.demo', 'analyst', 'AM', null, 'Analist RTIC Amsterdam'),
    ('0d000000-0000-4000-8000-000000000004'::uuid, 'burgemeester.groningen@uitkijk.demo', 'mayor', null, 'GM0014', 'Burgemeester Groningen'),
    ('0d000000-0000-4000-8000-000000000005'::uuid, 'burgemeester.amsterdam@uitkijk.demo', 'mayor', null, 'GM0363', 'Burgemeester Amsterdam'),
    ('0d000000-0000-4000-8000-000000000006'::uuid, 'officier@uitkijk.demo', 'prosecutor', null, null, 'Officier van justitie'),
    ('0d000000-0000-4000-8000-000000000007'::uuid, 'planner@uitkijk.demo', 'planner', null, null, 'Planner')
),
users as (
  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
    confirmation_token, recovery_token, email_change_token_new, email_change)
  select '00000000-0000-0000-0000-000000000000', d.id, 'authenticated', 'authenticated', d.email,
         extensions.crypt('uitkijk-demo', extensions.gen_salt('bf')), now(),
         '{"provider": "email", "providers": ["email"]}'::jsonb,
         jsonb_build_object('display_name', d.display_name), now(), now(), '', '', '', ''
  from demo d
  on conflict (id) do nothing
  returning id
),
identities as (
  insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
  select d.id::text, d.id,
         jsonb_build_object('sub', d.id::text, 'email', d.email, 'email_verified', true),
         'email', now(), now(), now()
  from demo d
  where d.id in (select id from users)
  on conflict (provider_id, provider) do nothing
)
insert into public.user_roles (user_id, role, unit_id, municipality_code, display_name)
select d.id, d.role, d.unit_id, d.municipality_code, d.display_name
from demo d
where d.id in (select id from users) or exists (select 1 from auth.users u where u.id = d.id)
on conflict (user_id) do update
  set role = excluded.role, unit_id = excluded.unit_id,
      municipality_code = excluded.municipality_code, display_name = excluded.display_name;

-- ---------------------------------------------------------------------------------------------
-- Event areas
-- ---------------------------------------------------------------------------------------------
-- The areas of the built-in scenarios (src/lib/scenario: haren-2012, planned-event), same names
-- and rings, so that the live map watches what the replay watches.
insert into public.event_areas (id, name, unit_id, municipality_code, geom, planned_crowd, planned_from, planned_to) values
  ('0e000000-0000-4000-8000-000000000001', 'Centrum Haren', 'NN', 'GM0014',
   extensions.st_multi(extensions.st_geomfromtext(
     'POLYGON((6.6003 53.1762,6.6082 53.1764,6.6112 53.1744,6.6108 53.1703,6.6072 53.1688,6.6026 53.1692,6.5996 53.1725,6.6003 53.1762))', 4326)),
   null, null, null),
  ('0e000000-0000-4000-8000-000000000003', 'Station Haren', 'NN', 'GM0014',
   extensions.st_multi(extensions.st_geomfromtext(
     'POLYGON((6.6148 53.1766,6.6208 53.1766,6.6208 53.1737,6.6148 53.1737,6.6148 53.1766))', 4326)),
   null, null, null),
  ('0e000000-0000-4000-8000-000000000002', 'Dam', 'AM', 'GM0363',
   extensions.st_multi(extensions.st_geomfromtext(
     'POLYGON((4.8906 52.3733,4.892 52.374,4.8945 52.3739,4.8952 52.373,4.8942 52.3723,4.8915 52.3723,4.8906 52.3733))', 4326)),
   15000, '2024-04-27 09:00:00+02', '2024-04-27 20:00:00+02'),
  ('0e000000-0000-4000-8000-000000000004', 'Amsterdam Centraal', 'AM', 'GM0363',
   extensions.st_multi(extensions.st_geomfromtext(
     'POLYGON((4.8965 52.3801,4.9045 52.3801,4.9045 52.3774,4.8965 52.3774,4.8965 52.3801))', 4326)),
   null, null, null)
on conflict (id) do update
  set name = excluded.name, unit_id = excluded.unit_id, municipality_code = excluded.municipality_code,
      geom = excluded.geom, planned_crowd = excluded.planned_crowd,
      planned_from = excluded.planned_from, planned_to = excluded.planned_to;
