-- upsert_alerts: the detector worker's way in. New ids are placed and broadcast; known ids grow
-- (severity and score only rise, first detected_at stays); resolved alerts are final; only the
-- service role may call it.
begin;
select plan(11);

select tests.fixtures();
delete from realtime.messages;

select tests.authenticate_as_service_role();
select results_eq(
  $$select * from public.upsert_alerts('[
    {"id": "det-1", "kind": "surge", "detected_at": "2024-04-27T12:10:00Z", "lon": 20.5, "lat": 1,
     "radius_m": 500, "place": "Testdorp", "severity": "warning", "score": 4.2,
     "summary": "3x meer berichten dan normaal", "evidence": ["t1"]},
    {"id": "det-2", "kind": "mobilisation", "detected_at": "2024-04-26T09:00:00Z", "lon": 30, "lat": 1,
     "radius_m": 1500, "severity": "info", "score": 1, "summary": "oproep", "evidence": [],
     "expected_at": "2024-04-27T20:00:00Z"}
  ]'::jsonb)$$,
  $$values (2, 0)$$, 'two new alerts are inserted');
select tests.clear_authentication();
select results_eq(
  $$select id, unit_id, municipality_code, status::text from public.alerts where id like 'det-%' order by id$$,
  $$values ('det-1', 'T1', 'GM9991', 'new'), ('det-2', null::text, null::text, 'new')$$,
  'alerts are placed in their unit and municipality like posts');
select is(
  (select count(*)::int from realtime.messages where event = 'alert' and topic in ('alerts:unit:T1', 'alerts:gm:GM9991')),
  2, 'a new alert is broadcast on its unit and municipality topics');

select tests.authenticate_as_service_role();
select results_eq(
  $$select * from public.upsert_alerts('[{"id": "det-1", "kind": "surge", "detected_at": "2024-04-27T12:20:00Z",
     "lon": 20.5, "lat": 1, "radius_m": 400, "severity": "critical", "score": 9.5,
     "summary": "8x meer berichten dan normaal", "evidence": ["t2", "t1"]}]'::jsonb)$$,
  $$values (0, 1)$$, 'a known id is updated, not inserted');
select tests.clear_authentication();
select results_eq(
  $$select severity, score, summary, evidence, detected_at, place from public.alerts where id = 'det-1'$$,
  $$values ('critical', 9.5::real, '8x meer berichten dan normaal', array['t2', 't1'], '2024-04-27T12:10:00Z'::timestamptz, 'Testdorp')$$,
  'severity and score rise, summary and evidence follow, the first detected_at and the place stay');

select tests.authenticate_as_service_role();
select public.upsert_alerts('[{"id": "det-1", "kind": "surge", "detected_at": "2024-04-27T12:30:00Z",
   "lon": 20.5, "lat": 1, "radius_m": 400, "severity": "warning", "score": 3,
   "summary": "minder", "evidence": ["t2"]}]'::jsonb);
select tests.clear_authentication();
select results_eq($$select severity, score from public.alerts where id = 'det-1'$$,
  $$values ('critical', 9.5::real)$$, 'severity and score never fall');

update public.alerts set status = 'resolved' where id = 'det-2';
select tests.authenticate_as_service_role();
select results_eq(
  $$select * from public.upsert_alerts('[{"id": "det-2", "kind": "mobilisation", "detected_at": "2024-04-26T10:00:00Z",
     "lon": 30, "lat": 1, "radius_m": 1500, "severity": "critical", "score": 50, "summary": "meer", "evidence": []}]'::jsonb)$$,
  $$values (0, 0)$$, 'a resolved alert is final: nothing changes');
select tests.clear_authentication();
select is((select severity from public.alerts where id = 'det-2'), 'info', 'the resolved alert kept its severity');

select tests.authenticate_as('analyst.t1@test');
select results_eq($$select id, x, y from public.open_alerts() where id like 'det-%'$$,
  $$values ('det-1', 20.5::float8, 1::float8)$$, 'open_alerts gives the position as x and y');
select is(tests.try('analyst.t1@test', $$select * from public.upsert_alerts('[]'::jsonb)$$), 'denied',
  'an analyst may not write alerts');
select is(tests.try('anon', $$select * from public.upsert_alerts('[]'::jsonb)$$), 'denied',
  'anon may not write alerts');

select * from finish();
rollback;
