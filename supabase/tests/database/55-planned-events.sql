-- Planned events registered in the interface (issue 13, item 5): who may register and withdraw
-- them, the audit trail, validation, and what planned_events() / areas() return.
begin;
select plan(35);

select tests.fixtures();

create temporary table ids (who text primary key, id uuid);
grant all on ids to authenticated, service_role;

-- A square in T2 (GM9993), one in T1 (GM9991), one across the T1/T2 border.
create function pg_temp.sq(x float8, y float8, d float8 default 0.01) returns jsonb
language sql immutable as $$
  select jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
    jsonb_build_array(x, y), jsonb_build_array(x + d, y), jsonb_build_array(x + d, y + d),
    jsonb_build_array(x, y + d), jsonb_build_array(x, y))))
$$;

-- ---------------------------------------------------------------------------------------------
-- Rights
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('planner@test');
insert into ids values ('planner', public.register_planned_event('Concert', pg_temp.sq(23, 1),
  '2024-04-27T14:00Z', '2024-04-27T18:00Z', 47000));
select tests.authenticate_as('commander.t1@test');
insert into ids values ('commander', public.register_planned_event('Markt', pg_temp.sq(20.5, 1),
  '2024-04-27T09:00Z', '2024-04-27T17:00Z', 800));
select tests.clear_authentication();

select is((select (unit_id, municipality_code)::text from public.event_areas where id = (select id from ids where who = 'planner')),
  '(T2,GM9993)', 'a planner registers anywhere; the plan gets the unit and municipality it lies in');
select is((select (unit_id, municipality_code, planned_crowd)::text from public.event_areas where id = (select id from ids where who = 'commander')),
  '(T1,GM9991,800)', 'a commander registers inside their own unit');
select is((select created_by from public.event_areas where id = (select id from ids where who = 'commander')),
  'f0000000-0000-4000-8000-000000000002'::uuid, 'the plan records who registered it');
select is(tests.try('commander.t1@test', $$select public.register_planned_event('X', pg_temp.sq(23, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  'denied', 'a commander may not register in another unit''s territory');
select is(tests.try('commander.t1@test', $$select public.register_planned_event('X', pg_temp.sq(21.995, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  'denied', 'nor across the border of their unit');
update public.police_units set geom = null where id = 'T1';
select is(tests.try('commander.t1@test', $$select public.register_planned_event('X', pg_temp.sq(21.5, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  'ok:1', 'without the unit''s polygon its territory is its municipalities''');
update public.police_units set geom = extensions.st_multi(extensions.st_makeenvelope(20, 0, 22, 2, 4326)) where id = 'T1';
select is(tests.try('analyst.t1@test', $$select public.register_planned_event('X', pg_temp.sq(20.5, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  'denied', 'an analyst may not register a plan');
select is(tests.try('mayor.gm9991@test', $$select public.register_planned_event('X', pg_temp.sq(20.5, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  'denied', 'a mayor may not register a plan');
select is(tests.try('prosecutor@test', $$select public.register_planned_event('X', pg_temp.sq(20.5, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  'denied', 'a prosecutor may not register a plan');
select is(tests.try('anon', $$select public.register_planned_event('X', pg_temp.sq(20.5, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  'denied', 'anon may not register a plan');
select is(tests.try('analyst.t1@test', $$insert into public.event_areas (name, geom) values ('x', extensions.st_multi(extensions.st_makeenvelope(20, 0, 21, 1, 4326)))$$),
  'denied', 'nobody writes event_areas directly');

-- ---------------------------------------------------------------------------------------------
-- Audit
-- ---------------------------------------------------------------------------------------------
select is((select (user_id, app_role, detail ->> 'name', (detail ->> 'planned_crowd')::int, detail ->> 'unit_id')::text
           from public.audit_log where action = 'register_planned_event' and object = (select id::text from ids where who = 'planner')),
  '(f0000000-0000-4000-8000-000000000006,planner,Concert,47000,T2)', 'registering is audited: who, role, what');
select ok((select at is not null from public.audit_log where action = 'register_planned_event' and object = (select id::text from ids where who = 'commander')),
  'and when');

-- ---------------------------------------------------------------------------------------------
-- Validation: clear errors
-- ---------------------------------------------------------------------------------------------
select matches(tests.try('planner@test', $$select public.register_planned_event('X', '{"type":"Polygon","coordinates":[[[20,0],[20.01,0.01],[20.01,0],[20,0.01],[20,0]]]}', '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  '^error:22023 area: invalid polygon: Self-intersection', 'a self-intersecting polygon is refused, saying so');
select matches(tests.try('planner@test', $$select public.register_planned_event('X', '{"type":"Point","coordinates":[20,0]}', '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  '^error:22023 area: type Point is not Polygon or MultiPolygon', 'a point is not an area');
select matches(tests.try('planner@test', $$select public.register_planned_event('X', '{"type":"Polygon","coordinates":[[[20,0],[20.01,0]]]}', '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  '^error:22023 area: ', 'a ring of two points is refused');
select matches(tests.try('planner@test', $$select public.register_planned_event('X', '{"type":"Polygon","coordinates":"x"}', '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  '^error:22023 area: not a valid GeoJSON Polygon', 'malformed coordinates are refused');
select matches(tests.try('planner@test', $$select public.register_planned_event('X', pg_temp.sq(20, 0, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  '^error:22023 area: too large \(12[0-9]{3}\.[0-9] km2; at most 100 km2\)', 'an area of a whole province is refused');
select matches(tests.try('planner@test', $$select public.register_planned_event('X', '{"type":"Polygon","coordinates":[[[200,0],[200.01,0],[200.01,0.01],[200,0]]]}', '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  '^error:22023 area: coordinates outside', 'coordinates out of range are refused');
select matches(tests.try('planner@test', $$select public.register_planned_event('X', pg_temp.sq(20.5, 1), '2024-04-27T18:00Z', '2024-04-27T14:00Z', 10)$$),
  '^error:22023 window: the end .* is not after the start', 'an end before the start is refused');
select matches(tests.try('planner@test', $$select public.register_planned_event('X', pg_temp.sq(20.5, 1), '2024-04-27T14:00Z', '2024-05-05T14:00Z', 10)$$),
  '^error:22023 window: longer than 7 days', 'a window over 7 days is refused');
select matches(tests.try('planner@test', $$select public.register_planned_event('X', pg_temp.sq(20.5, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', -1)$$),
  '^error:22023 crowd: ', 'a negative crowd is refused');
select matches(tests.try('planner@test', $$select public.register_planned_event('X', pg_temp.sq(20.5, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 3000000)$$),
  '^error:22023 crowd: 3000000 is more than 2,000,000', 'an absurd crowd is refused');
select matches(tests.try('planner@test', $$select public.register_planned_event('  ', pg_temp.sq(20.5, 1), '2024-04-27T14:00Z', '2024-04-27T18:00Z', 10)$$),
  '^error:22023 name: required', 'a plan needs a name');
select is((select count(*)::int from public.audit_log where action = 'register_planned_event'), 2,
  'refused registrations leave no plan and no audit entry');

-- ---------------------------------------------------------------------------------------------
-- Reading
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('analyst.t2@test');
select is((select (name, planned_crowd, planned_from, planned_to, area ->> 'type')::text from public.planned_events()),
  '(Concert,47000,"2024-04-27 14:00:00+00","2024-04-27 18:00:00+00",MultiPolygon)',
  'planned_events() gives the plans of the scope with their window, crowd and area');
select tests.authenticate_as('analyst.t1@test');
select is((select array_agg(name) from public.planned_events()), array['Markt'], 'an analyst of T1 sees only T1''s plan');
select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------------
-- The detector's status
-- ---------------------------------------------------------------------------------------------
select is(tests.try('planner@test', $$select public.report_plan_status('[]')$$), 'denied',
  'users may not report a plan''s status');
select tests.authenticate_as_service_role();
select is(public.report_plan_status(jsonb_build_array(jsonb_build_object('id', (select id from ids where who = 'planner'),
  'observed_authors', 30, 'observed_crowd', 300, 'suppressed', 12, 'suppressed_since', '2024-04-27T14:05Z'))), 1,
  'the detector reports a plan''s status');
select tests.authenticate_as('planner@test');
select is((select (observed_crowd, suppressed, suppressed_since)::text from public.planned_events() where name = 'Concert'),
  '(300,12,"2024-04-27 14:05:00+00")', 'planned_events() says how many signals the plan silenced since when');

-- ---------------------------------------------------------------------------------------------
-- Withdrawing
-- ---------------------------------------------------------------------------------------------
select is(tests.try('commander.t1@test', format($$select public.withdraw_planned_event(%L, 'weg')$$, (select id from ids where who = 'planner'))),
  'error:PT404 planned event ' || (select id from ids where who = 'planner') || ' not found',
  'a commander cannot withdraw another unit''s plan (answered as not found)');
select matches(tests.try('planner@test', format($$select public.withdraw_planned_event(%L, ' ')$$, (select id from ids where who = 'commander'))),
  '^error:22023 reason: required', 'withdrawing needs a reason');
select tests.authenticate_as('planner@test');
select public.withdraw_planned_event((select id from ids where who = 'commander'), 'afgelast');
select is((select count(*)::int from public.planned_events() where name = 'Markt') + (select count(*)::int from public.areas() where name = 'Markt'), 0,
  'a withdrawn plan is gone from planned_events() and areas()');
select tests.clear_authentication();
select is((select (user_id, detail ->> 'reason')::text from public.audit_log where action = 'withdraw_planned_event'),
  '(f0000000-0000-4000-8000-000000000006,afgelast)', 'withdrawing is audited with the reason');
select matches(tests.try('planner@test', format($$select public.withdraw_planned_event(%L, 'nog eens')$$, (select id from ids where who = 'commander'))),
  '^error:PT404', 'a withdrawn plan cannot be withdrawn again');

select * from finish();
rollback;
