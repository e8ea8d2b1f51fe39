-- Alerts keep their id's place across updates (a detector restart re-raises an alert under the
-- same id), carry their facts (the summary's figures, for other languages) to open_alerts and the
-- broadcast, and the detector restores them through detector_alerts (service role only).
begin;
select plan(12);

select tests.fixtures();
delete from realtime.messages;

select tests.authenticate_as_service_role();
select results_eq(
  $$select * from public.upsert_alerts('[
    {"id": "fx-1", "kind": "surge", "detected_at": "2024-04-27T12:10:00Z", "lon": 20.5, "lat": 1,
     "radius_m": 500, "place": "Station Testdorp", "severity": "warning", "score": 4.2,
     "summary": "3x meer", "evidence": ["t1"],
     "facts": {"what": "surge", "near": "Station Testdorp", "radius_m": 500, "minutes": 30,
               "observed": 9, "expected": 3, "p_exp": -9, "authors": 7}},
    {"id": "fx-2", "kind": "surge", "detected_at": "2024-04-27T12:10:00Z", "lon": 20.5, "lat": 1,
     "radius_m": 500, "severity": "info", "score": 1, "summary": "zonder plaats", "evidence": [],
     "facts": "geen object"}
  ]'::jsonb)$$,
  $$values (2, 0)$$, 'alerts with facts are inserted; facts that are not an object do not stop the batch');
select tests.clear_authentication();
select is((select facts ->> 'near' from public.alerts where id = 'fx-1'), 'Station Testdorp', 'the facts are stored');
select is((select facts from public.alerts where id = 'fx-2'), null, 'facts that are not an object are left out');
select is(
  (select count(*)::int from realtime.messages
   where event = 'alert' and payload -> 'alert' ->> 'id' = 'fx-1' and payload -> 'alert' -> 'facts' ->> 'what' = 'surge'),
  2, 'the broadcast carries the facts (unit and municipality topic)');

-- The same id raised again (a restart, or evidence that moved the centre) with another name.
select tests.authenticate_as_service_role();
select public.upsert_alerts('[
  {"id": "fx-1", "kind": "surge", "detected_at": "2024-04-27T12:40:00Z", "lon": 20.5, "lat": 1,
   "radius_m": 500, "place": "Centrum Testdorp", "severity": "critical", "score": 9,
   "summary": "8x meer", "evidence": ["t2"],
   "facts": {"what": "surge", "near": "Station Testdorp", "radius_m": 500, "minutes": 60,
             "observed": 24, "expected": 3, "p_exp": -20, "authors": 17}},
  {"id": "fx-2", "kind": "surge", "detected_at": "2024-04-27T12:40:00Z", "lon": 20.5, "lat": 1,
   "radius_m": 500, "place": "Testdorp", "severity": "info", "score": 1, "summary": "nu met plaats",
   "evidence": []}
]'::jsonb);
select tests.clear_authentication();
select results_eq(
  $$select place, detected_at, last_detected_at, facts ->> 'observed' from public.alerts where id = 'fx-1'$$,
  $$values ('Station Testdorp', '2024-04-27T12:10:00Z'::timestamptz, '2024-04-27T12:40:00Z'::timestamptz, '24')$$,
  'a known id keeps its place and first detected_at; last_detected_at and the facts follow the update');
select is((select place from public.alerts where id = 'fx-2'), 'Testdorp',
  'an alert stored without a place takes one later');

select tests.authenticate_as('analyst.t1@test');
select results_eq($$select facts ->> 'what', last_detected_at from public.open_alerts() where id = 'fx-1'$$,
  $$values ('surge', '2024-04-27T12:40:00Z'::timestamptz)$$, 'open_alerts returns the facts and the latest update');
select tests.clear_authentication();

-- detector_alerts: what the worker restores at start, resolved alerts included.
update public.alerts set status = 'resolved' where id = 'fx-2';
select tests.authenticate_as_service_role();
select results_eq(
  $$select id, kind, lon, lat, place, status::text from public.detector_alerts('2024-04-27T12:30:00Z') where id like 'fx-%' order by id$$,
  $$values ('fx-1', 'surge', 20.5::float8, 1::float8, 'Station Testdorp', 'new'),
           ('fx-2', 'surge', 20.5::float8, 1::float8, 'Testdorp', 'resolved')$$,
  'detector_alerts lists the alerts updated since a time, resolved ones too, with position and place');
select is(
  (select count(*)::int from public.detector_alerts('2024-04-27T13:00:00Z') where id like 'fx-%'),
  0, 'detector_alerts leaves out alerts not updated since the time');
select tests.clear_authentication();
select is(tests.try('analyst.t1@test', $$select * from public.detector_alerts('2000-01-01')$$), 'denied',
  'an analyst may not call detector_alerts');
select is(tests.try('anon', $$select * from public.detector_alerts('2000-01-01')$$), 'denied',
  'anon may not call detector_alerts');
select throws_ok(
  $$insert into public.alerts (id, kind, detected_at, severity, facts) values ('fx-3', 'surge', now(), 'info', '[1]')$$,
  '23514', null, 'the table refuses facts that are not an object');

select * from finish();
rollback;
