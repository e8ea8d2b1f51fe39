-- Read audit: log_view records the caller's view (who from the JWT, never an argument), ignores
-- identical repeats within 10 s and more than 30 a minute; read_audit shows it to prosecutors
-- only; nobody writes or changes the table directly.
begin;
select plan(24);

select tests.fixtures();

select tests.authenticate_as('analyst.t1@test');
select is(public.log_view(20, 0, 21, 1, '2024-04-27T11:00Z', '2024-04-27T12:00Z', 'live'), true,
  'an analyst''s view is recorded');
select is(public.log_view(20, 0, 21, 1, '2024-04-27T11:01Z', '2024-04-27T12:01Z', 'live'), false,
  'the same view again within 10 s (the live window moved on) is ignored');
select is(public.log_view(20, 0, 21.5, 1, '2024-04-27T11:01Z', '2024-04-27T12:01Z', 'live'), true,
  'a moved map is a new view');
select is(public.log_view(20, 0, 21.5, 1, '2024-04-27T06:01Z', '2024-04-27T12:01Z', 'live'), true,
  'another window is a new view');
select is(public.log_view(null, null, null, null, '2024-04-27T06:01Z', '2024-04-27T12:01Z', 'live',
  'a0000000-0000-4000-8000-000000000001'), true, 'a view of an area is recorded');
select tests.clear_authentication();

select results_eq(
  $$select user_id, app_role, view_mode, min_lon, max_lon, t_from, t_to from public.view_audit order by id limit 1$$,
  $$values ('f0000000-0000-4000-8000-000000000001'::uuid, 'analyst', 'live', 20::float8, 21::float8,
            '2024-04-27T11:00Z'::timestamptz, '2024-04-27T12:00Z'::timestamptz)$$,
  'the row holds who (from the JWT), the role, the box and the time range');
select is((select count(*)::int from public.view_audit), 4, 'one row per view change');

-- The identical view is recorded again once 10 s have passed (the rows are moved back in time
-- with the guard off: only this test may).
alter table public.view_audit disable trigger view_audit_no_update_delete;
update public.view_audit set at = at - interval '11 seconds';
alter table public.view_audit enable trigger view_audit_no_update_delete;
select tests.authenticate_as('analyst.t1@test');
select is(public.log_view(20, 0, 21, 1, '2024-04-27T11:00Z', '2024-04-27T12:00Z', 'live'), true,
  'the same view after 10 s is recorded again');
-- Rate: at most 30 rows a minute per user.
select is((select count(*)::int from generate_series(1, 40) i
           where public.log_view(20, 0, 20 + i * 0.01, 1, '2024-04-27T11:00Z', '2024-04-27T12:00Z', 'live')),
  25, 'more than 30 views a minute are ignored');
select tests.clear_authentication();

select matches(tests.try('analyst.t1@test', $$select public.log_view(20, 0, 21, 1, '2024-04-27T12:00Z', '2024-04-27T11:00Z', 'live')$$),
  '^error:22023', 'a range that ends before it starts is refused');
select matches(tests.try('analyst.t1@test', $$select public.log_view(20, 0, 21, 1, '2024-01-01', '2024-04-01', 'live')$$),
  '^error:22023', 'a range of more than 31 days is refused');
select matches(tests.try('analyst.t1@test', $$select public.log_view(20, 0, 200, 1, '2024-04-27T11:00Z', '2024-04-27T12:00Z', 'live')$$),
  '^error:22023', 'a box outside WGS 84 is refused');
select matches(tests.try('analyst.t1@test', $$select public.log_view(20, 0, 21, 1, '2024-04-27T11:00Z', '2024-04-27T12:00Z', 'browse')$$),
  '^error:22023', 'an unknown mode is refused');
select is(tests.try('anon', $$select public.log_view(20, 0, 21, 1, '2024-04-27T11:00Z', '2024-04-27T12:00Z', 'live')$$),
  'denied', 'anon has no views to log');
select is(tests.try('norole@test', $$select public.log_view(20, 0, 21, 1, '2024-04-27T11:00Z', '2024-04-27T12:00Z', 'live')$$),
  'denied', 'a user without a role has no views to log');

-- Nobody writes or reads the table directly.
select is(tests.try('analyst.t1@test', $$insert into public.view_audit (user_id, view_mode, min_lon, min_lat, max_lon, max_lat, t_from, t_to)
  values ('f0000000-0000-4000-8000-000000000003', 'live', 0, 0, 1, 1, now(), now())$$),
  'denied', 'an analyst cannot forge a row of another user');
select is(tests.try('analyst.t1@test', 'select * from public.view_audit'), 'denied', 'an analyst cannot read the table');
select is(tests.try('prosecutor@test', 'select * from public.view_audit'), 'denied', 'nor can a prosecutor, but through read_audit');
select is(tests.try('analyst.t1@test', 'update public.view_audit set min_lon = 0'), 'denied', 'an analyst cannot change rows');

-- read_audit: prosecutors only, and audit-logged.
select tests.authenticate_as('prosecutor@test');
select is((select count(*)::int from public.read_audit(now() - interval '1 hour', now() + interval '1 hour',
  'f0000000-0000-4000-8000-000000000001')), 30, 'a prosecutor reads an analyst''s views');
select is((select area_name from public.read_audit(now() - interval '1 hour', now() + interval '1 hour')
  where area_id is not null), 'A1', 'with the name of a viewed area');
select tests.clear_authentication();
select is((select count(*)::int from public.audit_log where action = 'read_audit'
  and user_id = 'f0000000-0000-4000-8000-000000000005'), 2, 'reading the read audit is audit-logged');
select is(tests.try('analyst.t1@test', $$select * from public.read_audit(now() - interval '1 hour', now() + interval '1 hour')$$),
  'denied', 'an analyst cannot read the read audit');
select is(tests.try('planner@test', $$select * from public.read_audit(now() - interval '1 hour', now() + interval '1 hour')$$),
  'denied', 'a planner cannot read the read audit');

select * from finish();
rollback;
