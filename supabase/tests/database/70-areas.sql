-- areas(): each role sees the event areas of its scope, with the ring the map draws.
begin;
select plan(7);

select tests.fixtures();

select tests.authenticate_as('analyst.t1@test');
select results_eq($$select name from public.areas() where name like 'A_'$$, $$values ('A1')$$,
  'an analyst sees the areas of their unit (A1 of T1, not A2 of T2)');
select is((select ring::text from public.areas() where name = 'A1'),
  '[[20.4,0.9],[20.4,1.1],[20.6,1.1],[20.6,0.9],[20.4,0.9]]',
  'the ring is the closed outer ring as [[lon, lat], ...]');
select tests.authenticate_as('mayor.gm9991@test');
select ok((select bool_and(municipality_code = 'GM9991') and count(*) > 0 from public.areas()),
  'a mayor sees only the areas of their municipality');
select tests.authenticate_as('analyst.t2@test');
select ok((select bool_and(unit_id = 'T2') and count(*) > 0 from public.areas()),
  'an analyst of another unit sees only that unit''s areas');
select tests.authenticate_as('planner@test');
select is((select count(*)::int from public.areas()),
  (select count(*)::int from public.event_areas), 'a planner sees every area');
select ok((select count(*) filter (where name in ('A1', 'A2')) = 2 from public.areas()),
  'a planner sees the areas of both units');
select tests.clear_authentication();
select is(tests.try('anon', 'select * from public.areas()'), 'denied', 'anon may not call areas()');

select * from finish();
rollback;
