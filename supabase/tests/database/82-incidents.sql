-- Incidents (issue 13): upsert_alerts groups alerts by the incident ids the detector's grouping
-- sends, open_incidents and incident_detail answer in the caller's scope, incident_act checks
-- who may act, applies the action to the incident's alerts, and writes incident_events and the
-- audit log; every change is broadcast as an 'incident' message.
begin;
select plan(50);

select tests.fixtures();
delete from realtime.messages;

-- ---------------------------------------------------------------------------------------------
-- upsert_alerts: grouping, events, broadcast
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select results_eq(
  $$select * from public.upsert_alerts('[
    {"id": "ia-1", "kind": "surge", "detected_at": "2024-04-27T12:01:00Z", "lon": 20.5, "lat": 1.0,
     "radius_m": 1000, "place": "Testdorp", "severity": "warning", "score": 2, "summary": "s",
     "evidence": ["t1", "t2", "nope"], "incident_id": "inc-ia-1"},
    {"id": "ib-1", "kind": "surge", "detected_at": "2024-04-27T12:02:00Z", "lon": 23.0, "lat": 1.0,
     "radius_m": 500, "severity": "info", "score": 1, "summary": "s", "evidence": ["t3"]}
  ]'::jsonb)$$,
  $$values (2, 0)$$, 'two new alerts');
select results_eq(
  $$select * from public.upsert_alerts('[
    {"id": "ia-2", "kind": "convergence", "detected_at": "2024-04-27T12:05:00Z", "lon": 20.505, "lat": 1.0,
     "radius_m": 800, "place": "Centrum Testdorp", "severity": "critical", "score": 3, "summary": "c",
     "evidence": ["t1"], "incident_id": "inc-ia-1"},
    {"id": "ia-1", "kind": "surge", "detected_at": "2024-04-27T12:06:00Z", "lon": 20.5, "lat": 1.0,
     "radius_m": 1000, "severity": "warning", "score": 2, "summary": "s2",
     "evidence": ["t1", "t2"], "incident_id": "inc-other"}
  ]'::jsonb)$$,
  $$values (1, 1)$$, 'a new alert joins the incident, a known one is updated');
select tests.clear_authentication();

select results_eq(
  $$select id, incident_id from public.alerts where id in ('ia-1', 'ia-2', 'ib-1') order by id$$,
  $$values ('ia-1', 'inc-ia-1'), ('ia-2', 'inc-ia-1'), ('ib-1', 'inc-ib-1')$$,
  'alerts carry their incident; a known alert keeps it; one without an incident id is its own');
select results_eq(
  $$select id, place, severity, status::text, unit_id, municipality_code, first_seen, last_update
    from public.incidents where id in ('inc-ia-1', 'inc-ib-1') order by id$$,
  $$values ('inc-ia-1', 'Testdorp', 'critical', 'open', 'T1', 'GM9991',
            '2024-04-27T12:01:00Z'::timestamptz, '2024-04-27T12:06:00Z'::timestamptz),
           ('inc-ib-1', null, 'info', 'open', 'T2', 'GM9993',
            '2024-04-27T12:02:00Z'::timestamptz, '2024-04-27T12:02:00Z'::timestamptz)$$,
  'an incident has its first place, the strongest severity, its first alert''s scope, first and last times');
select ok(
  (select radius_m >= 1000 and extensions.st_x(geom) between 20.5 and 20.505 from public.incidents where id = 'inc-ia-1'),
  'the incident''s point and radius cover its alerts');
select results_eq(
  $$select kind, alert_id, at from public.incident_events where incident_id = 'inc-ia-1' order by at$$,
  $$values ('alert', 'ia-1', '2024-04-27T12:01:00Z'::timestamptz), ('alert', 'ia-2', '2024-04-27T12:05:00Z'::timestamptz)$$,
  'each alert that joins is an event at its detection time');
select is(
  (select count(*)::int from realtime.messages where event = 'incident' and topic in ('alerts:unit:T1', 'alerts:gm:GM9991')
     and payload ->> 'id' = 'inc-ia-1'),
  4, 'each upsert that touches the incident broadcasts it on its unit and municipality topics');
select is(
  (select payload - 'first_seen' - 'last_update' from realtime.messages where event = 'incident'
   and topic = 'alerts:unit:T1' order by (payload ->> 'alert_count')::int desc limit 1),
  jsonb_build_object('id', 'inc-ia-1', 'place', 'Testdorp', 'lon', (select extensions.st_x(geom) from public.incidents where id = 'inc-ia-1'),
    'lat', (select extensions.st_y(geom) from public.incidents where id = 'inc-ia-1'),
    'radius_m', (select radius_m from public.incidents where id = 'inc-ia-1'),
    'severity', 'critical', 'status', 'open', 'alert_count', 2, 'kinds', jsonb_build_array('surge', 'convergence'),
    'unit_id', 'T1', 'municipality_code', 'GM9991', 'expected_size', null),
  'the broadcast payload is an IncidentRow');
select is(
  (select count(*)::int from realtime.messages where event = 'alert' and payload -> 'alert' ->> 'id' = 'ia-2'),
  2, 'a new alert is still broadcast once per topic (its incident id is set on insert)');

-- ---------------------------------------------------------------------------------------------
-- open_incidents: scope per role
-- ---------------------------------------------------------------------------------------------
create function pg_temp.visible(who text) returns text[]
language plpgsql as $$
declare ids text[];
begin
  perform tests.authenticate_as(who);
  select coalesce(array_agg(o.id order by o.id), '{}') into ids from public.open_incidents() o where o.id like 'inc-i%';
  perform tests.clear_authentication();
  return ids;
end $$;
select is(pg_temp.visible('analyst.t1@test'), '{inc-ia-1}', 'analyst T1 sees the T1 incident');
select is(pg_temp.visible('commander.t1@test'), '{inc-ia-1}', 'commander T1 sees the T1 incident');
select is(pg_temp.visible('analyst.t2@test'), '{inc-ib-1}', 'analyst T2 sees the T2 incident only');
select is(pg_temp.visible('mayor.gm9991@test'), '{inc-ia-1}', 'the mayor sees the incident in the municipality');
select is(pg_temp.visible('prosecutor@test'), '{inc-ia-1,inc-ib-1}', 'a prosecutor sees all');
select is(pg_temp.visible('norole@test'), '{}', 'a user without a role sees none');
select is(tests.try('anon', $$select * from public.open_incidents()$$), 'denied', 'anon may not call open_incidents');
select tests.authenticate_as('analyst.t1@test');
select results_eq(
  $$select alert_count, kinds, severity, status::text from public.open_incidents() where id = 'inc-ia-1'$$,
  $$values (2, array['surge', 'convergence'], 'critical', 'open')$$,
  'open_incidents counts its alerts and lists their kinds in order');
select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------------
-- incident_act: rights
-- ---------------------------------------------------------------------------------------------
select is(tests.try('analyst.t2@test', $$select public.incident_act('inc-ia-1', 'acknowledge', null)$$),
  'error:PT404 incident inc-ia-1 not found', 'an incident outside the scope answers as an unknown one');
select is(tests.try('analyst.t2@test', $$select public.incident_act('inc-zz-9', 'acknowledge', null)$$),
  'error:PT404 incident inc-zz-9 not found', 'an unknown incident: PT404');
select is(tests.try('mayor.gm9991@test', $$select public.incident_act('inc-ia-1', 'acknowledge', null)$$),
  'denied', 'a mayor sees the incident but may not act on it');
select is(tests.try('prosecutor@test', $$select public.incident_act('inc-ia-1', 'note', 'x')$$),
  'denied', 'a prosecutor may not act');
select is(tests.try('anon', $$select public.incident_act('inc-ia-1', 'acknowledge', null)$$),
  'denied', 'anon may not act');
select is(left(tests.try('analyst.t1@test', $$select public.incident_act('inc-ia-1', 'note', '  ')$$), 11),
  'error:22023', 'a note needs a reason');
select is(left(tests.try('analyst.t1@test', $$select public.incident_act('inc-ia-1', 'false_alarm', null)$$), 11),
  'error:22023', 'a false alarm needs a reason');
select is(left(tests.try('analyst.t1@test', $$select public.incident_act('inc-ia-1', 'delete', 'x')$$), 11),
  'error:22023', 'an unknown action is refused');
select is(left(tests.try('analyst.t1@test', $$select public.incident_act('inc-ia-1', 'note', repeat('x', 1001))$$), 11),
  'error:22001', 'a reason above 1,000 characters is refused');

-- ---------------------------------------------------------------------------------------------
-- incident_act: actions, their events and audit rows
-- ---------------------------------------------------------------------------------------------
update public.user_roles set display_name = 'Analist Een' where user_id = 'f0000000-0000-4000-8000-000000000001';
delete from realtime.messages;
select tests.authenticate_as('analyst.t1@test');
select is((public.incident_act('inc-ia-1', 'acknowledge', null)) ->> 'status', 'acknowledged', 'analyst T1 acknowledges');
select is((public.incident_act('inc-ia-1', 'note', 'politie ter plaatse')) ->> 'status', 'acknowledged', 'a note leaves the status');
select tests.clear_authentication();
select results_eq(
  $$select status::text from public.alerts where incident_id = 'inc-ia-1' order by id$$,
  $$values ('acknowledged'), ('acknowledged')$$, 'acknowledging the incident acknowledges its alerts');
select is(tests.try('commander.t1@test', $$select public.incident_act('inc-ia-1', 'acknowledge', null)$$),
  'error:55000 incident inc-ia-1 is acknowledged and cannot be acknowledged', 'acknowledged once');

select tests.authenticate_as('commander.t1@test');
select is((public.incident_act('inc-ia-1', 'false_alarm', 'feestje, geen rellen')) ->> 'status', 'false_alarm',
  'the commander marks it as a false alarm ("onterecht")');
select tests.clear_authentication();
select results_eq(
  $$select status::text, resolution_note from public.alerts where incident_id = 'inc-ia-1' order by id$$,
  $$values ('resolved', 'onterecht: feestje, geen rellen'), ('resolved', 'onterecht: feestje, geen rellen')$$,
  'a false alarm resolves its alerts with the reason');
select ok((select closed_at is not null from public.incidents where id = 'inc-ia-1'), 'a closed incident has its closing time');
select results_eq(
  $$select kind, actor_label, reason, actor from public.incident_events
    where incident_id = 'inc-ia-1' and kind <> 'alert' order by id$$,
  $$values ('acknowledge', 'Analist Een', null::text, 'f0000000-0000-4000-8000-000000000001'::uuid),
           ('note', 'Analist Een', 'politie ter plaatse', 'f0000000-0000-4000-8000-000000000001'::uuid),
           ('false_alarm', 'commander.t1@test', 'feestje, geen rellen', 'f0000000-0000-4000-8000-000000000002'::uuid)$$,
  'each action is an event with who (display name, else email) and why');
select results_eq(
  $$select action, object, user_id, detail ->> 'reason' from public.audit_log
    where action like 'incident_%' order by id$$,
  $$values ('incident_acknowledge', 'inc-ia-1', 'f0000000-0000-4000-8000-000000000001'::uuid, null::text),
           ('incident_note', 'inc-ia-1', 'f0000000-0000-4000-8000-000000000001'::uuid, 'politie ter plaatse'),
           ('incident_false_alarm', 'inc-ia-1', 'f0000000-0000-4000-8000-000000000002'::uuid, 'feestje, geen rellen')$$,
  'each action is in the audit log');
select is(
  (select array_agg(payload ->> 'status' order by payload ->> 'status') from realtime.messages where event = 'incident' and topic = 'alerts:unit:T1'),
  array['acknowledged', 'acknowledged', 'false_alarm'], 'each action broadcasts the incident');
select is(tests.try('commander.t1@test', $$select public.incident_act('inc-ia-1', 'resolve', 'klaar')$$),
  'error:55000 incident inc-ia-1 is already false_alarm', 'a closed incident cannot be resolved');
select is(tests.try('analyst.t1@test', $$select public.incident_act('inc-ia-1', 'note', 'nagekomen')$$),
  'ok:1', 'a note can still be added after closing');

-- ---------------------------------------------------------------------------------------------
-- incident_detail
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('analyst.t1@test');
select results_eq(
  $$select jsonb_array_length(d -> 'alerts'), jsonb_array_length(d -> 'events'), d -> 'shares',
           d -> 'incident' ->> 'id', (d -> 'series' ->> 'step_s')::int
    from (select public.incident_detail('inc-ia-1') d) x$$,
  $$values (2, 5, '{"geotag": 1, "text": 1, "author": 0, "total": 2}'::jsonb, 'inc-ia-1', 300)$$,
  'incident_detail: its alerts, events, shares of how the evidence was located');
select results_eq(
  $$select e ->> 'id', e ->> 'located_by', e ->> 'author', (e ->> 'precision_m')::real, e ->> 'text'
    from jsonb_array_elements(public.incident_detail('inc-ia-1') -> 'evidence') e order by 1$$,
  $$values ('t1', 'geotag', 'ra', 10::real, 'eerste'), ('t2', 'text', 'ra', 500::real, 'tweede')$$,
  'incident_detail: the evidence posts with pseudonym, how located and precision');
select ok(
  (select (select sum(c::int) from jsonb_array_elements_text(d -> 'series' -> 'counts') c) = 1
      and jsonb_array_length(d -> 'series' -> 'counts') = jsonb_array_length(d -> 'series' -> 'baseline')
   from (select public.incident_detail('inc-ia-1') d) x),
  'incident_detail: posts per 5 minutes in its area, with a baseline per slot');
select tests.clear_authentication();
select is(left(tests.try('analyst.t2@test', $$select public.incident_detail('inc-ia-1')$$), 11),
  'error:PT404', 'incident_detail of an incident outside the scope: not found');

-- ---------------------------------------------------------------------------------------------
-- A closed incident hands new alerts to the one that continues it; closed ones leave the list
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select public.upsert_alerts('[
  {"id": "ia-3", "kind": "surge", "detected_at": "2024-04-27T13:00:00Z", "lon": 20.5, "lat": 1.0,
   "radius_m": 1000, "severity": "warning", "score": 2, "summary": "s", "evidence": [], "incident_id": "inc-ia-1"}]'::jsonb);
select public.upsert_alerts('[
  {"id": "ia-4", "kind": "surge", "detected_at": "2024-04-27T13:05:00Z", "lon": 20.5, "lat": 1.0,
   "radius_m": 1000, "severity": "warning", "score": 2, "summary": "s", "evidence": [], "incident_id": "inc-ia-1"}]'::jsonb);
select tests.clear_authentication();
select results_eq(
  $$select a.id, a.incident_id, i.status::text from public.alerts a join public.incidents i on i.id = a.incident_id
    where a.id in ('ia-3', 'ia-4') order by a.id$$,
  $$values ('ia-3', 'inc-ia-3', 'open'), ('ia-4', 'inc-ia-3', 'open')$$,
  'new alerts for a closed incident go to one new incident that continues it');
select tests.authenticate_as('analyst.t1@test');
select is((select array_agg(id order by id) from public.open_incidents() where id like 'inc-ia%'),
  '{inc-ia-1,inc-ia-3}', 'a recently closed incident is still listed');
select tests.clear_authentication();
update public.stream_clock set stream_time = stream_time + interval '2 days', wall_time = now();
select tests.authenticate_as('analyst.t1@test');
select is((select array_agg(id order by id) from public.open_incidents() where id like 'inc-ia%'),
  '{inc-ia-3}', 'one closed more than 24 h before the stream clock is not');
select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------------
-- incident_feedback: the false alarms for the evaluation (service role only)
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select results_eq(
  $$select incident_id, who, reason, alert_ids, kinds, first_seen from public.incident_feedback()$$,
  $$values ('inc-ia-1', 'commander.t1@test', 'feestje, geen rellen', array['ia-1', 'ia-2'],
            array['surge', 'convergence'], '2024-04-27T12:01:00Z'::timestamptz)$$,
  'incident_feedback lists the incidents marked false, with who, why and their alerts');
select is((select count(*)::int from public.incident_feedback(now() + interval '10 years')), 0,
  'incident_feedback since a later time lists none');
select tests.clear_authentication();
select is(tests.try('prosecutor@test', $$select * from public.incident_feedback()$$), 'denied',
  'users may not call incident_feedback');

-- Resolving ("afsluiten"): the action is 'resolve', the status it leaves 'resolved'.
select tests.authenticate_as('analyst.t2@test');
select is((public.incident_act('inc-ib-1', 'resolve', 'afgehandeld')) ->> 'status', 'resolved',
  'an analyst resolves an incident of the unit');
select tests.clear_authentication();
select is((select status::text from public.incidents where id = 'inc-ib-1'), 'resolved',
  'a resolved incident has the status resolved');

select * from finish();
rollback;
