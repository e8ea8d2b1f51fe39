-- set_user_role() and list_user_roles() (uitkijk user add|list): service role only; the scope
-- must fit the role and exist in the tables.
begin;
select plan(10);

select tests.fixtures();
select tests.create_user('f0000000-0000-4000-8000-0000000000a1', 'new.user@test');

select is(tests.try('analyst.t1@test',
  $$select * from public.set_user_role('f0000000-0000-4000-8000-0000000000a1', 'prosecutor')$$),
  'denied', 'a signed-in user may not set roles');
select is(tests.try('anon', 'select * from public.list_user_roles()'), 'denied',
  'anon may not list roles');
select is(tests.try('planner@test', 'select * from public.list_user_roles()'), 'denied',
  'a planner may not list roles');

select tests.authenticate_as_service_role();
select throws_ok($$select public.set_user_role('f0000000-0000-4000-8000-0000000000a1', 'analyst')$$,
  '22023', 'role analyst needs a police unit (--unit)', 'an analyst needs a unit');
select throws_like($$select public.set_user_role('f0000000-0000-4000-8000-0000000000a1', 'analyst', 'XX')$$,
  'unknown police unit XX%', 'an unknown unit is refused by name');
select throws_like($$select public.set_user_role('f0000000-0000-4000-8000-0000000000a1', 'mayor', null, 'GM0000')$$,
  'unknown municipality GM0000%', 'an unknown municipality is refused by name');
select throws_ok($$select public.set_user_role('f0000000-0000-4000-8000-0000000000a1', 'planner', 'T1')$$,
  '22023', 'role planner is national: no police unit or municipality', 'a national role takes no scope');
select lives_ok($$select public.set_user_role('f0000000-0000-4000-8000-0000000000a1', 'mayor', null, 'GM9991', 'Burgemeester')$$,
  'a mayor with a known municipality is set');
select results_eq(
  $$select role::text, unit_id, municipality_code, display_name from public.list_user_roles()
     where user_id = 'f0000000-0000-4000-8000-0000000000a1'$$,
  $$values ('mayor', null::text, 'GM9991', 'Burgemeester')$$, 'list_user_roles shows the new role and scope');
select lives_ok($$select public.set_user_role('f0000000-0000-4000-8000-0000000000a1', 'analyst', 'T2')$$,
  'the role can be changed (one role per user)');

select * from finish();
rollback;
