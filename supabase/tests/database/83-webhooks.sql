-- Incident webhooks (issue 13, item 7): every incident change is recorded once in
-- incident_changes (created, escalated-*, acknowledged, resolved, false_alarm) and queued for the
-- webhooks whose role scope sees the incident and whose minimum severity it reaches; only the
-- service role manages webhooks and the outbox; a delivered change is never claimed again.
begin;
select plan(17);

select tests.fixtures();

-- ---------------------------------------------------------------------------------------------
-- Who may manage webhooks
-- ---------------------------------------------------------------------------------------------
select is(tests.try('anon', $$select * from public.webhook_list()$$), 'denied', 'anon may not list webhooks');
select is(tests.try('commander.t1@test', $$select * from public.webhook_add('http://x.test/', 'commander', 'info', 'T1')$$),
  'denied', 'a user may not add a webhook');
select is(tests.try('commander.t1@test', $$select * from public.webhook_claim(10, 60)$$),
  'denied', 'a user may not claim deliveries');
select is(tests.try('commander.t1@test', $$select * from public.webhooks$$),
  'denied', 'a user may not read the webhooks table');

select tests.authenticate_as_service_role();
select lives_ok($$select public.webhook_add('http://unit.test/', 'commander', 'warning', 'T1', id => 'wh-unit001')$$,
  'a commander''s webhook');
select lives_ok($$select public.webhook_add('http://mayor.test/', 'mayor', 'critical', municipality_code => 'GM9993', id => 'wh-mayor01')$$,
  'a mayor''s webhook, critical only');
select lives_ok($$select public.webhook_add('http://all.test/', 'planner', 'info', id => 'wh-all0001')$$,
  'a planner''s webhook, all units');
select throws_ok($$select public.webhook_add('http://x.test/', 'commander', 'info')$$, '23514', null,
  'a commander''s webhook needs a unit');

-- ---------------------------------------------------------------------------------------------
-- Changes and the outbox
-- ---------------------------------------------------------------------------------------------
select public.upsert_alerts('[
  {"id": "wa-1", "kind": "surge", "detected_at": "2024-04-27T12:01:00Z", "lon": 20.5, "lat": 1.0,
   "radius_m": 500, "severity": "warning", "score": 2, "summary": "s", "evidence": [], "incident_id": "inc-wa"},
  {"id": "wb-1", "kind": "surge", "detected_at": "2024-04-27T12:01:00Z", "lon": 23.0, "lat": 1.0,
   "radius_m": 500, "severity": "info", "score": 1, "summary": "s", "evidence": [], "incident_id": "inc-wb"}
]'::jsonb);
select public.upsert_alerts('[
  {"id": "wb-2", "kind": "convergence", "detected_at": "2024-04-27T12:05:00Z", "lon": 23.0, "lat": 1.0,
   "radius_m": 500, "severity": "critical", "score": 3, "summary": "c", "evidence": [], "incident_id": "inc-wb"}
]'::jsonb);
select tests.clear_authentication();

select results_eq(
  $$select id from public.incident_changes where incident_id in ('inc-wa', 'inc-wb') order by seq$$,
  $$values ('inc-wa:created'), ('inc-wb:created'), ('inc-wb:escalated-critical')$$,
  'creation and escalation recorded once each');
select results_eq(
  $$select d.webhook_id, x.id from public.webhook_deliveries d join public.incident_changes x on x.seq = d.change_seq
    order by d.webhook_id, x.seq$$,
  $$values ('wh-all0001', 'inc-wa:created'), ('wh-all0001', 'inc-wb:created'),
           ('wh-all0001', 'inc-wb:escalated-critical'), ('wh-mayor01', 'inc-wb:escalated-critical'),
           ('wh-unit001', 'inc-wa:created')$$,
  'queued for the webhooks in scope and at or above their minimum severity');

-- A user's action is recorded and queued too (the trigger writes with definer rights).
select tests.authenticate_as('commander.t1@test');
select public.incident_act('inc-wa', 'acknowledge', null);
select tests.clear_authentication();
select results_eq(
  $$select d.webhook_id from public.webhook_deliveries d join public.incident_changes x on x.seq = d.change_seq
    where x.id = 'inc-wa:acknowledged' order by 1$$,
  $$values ('wh-all0001'), ('wh-unit001')$$,
  'an acknowledgement is queued for the webhooks that see the incident');

-- Users read the changes in their scope only.
select tests.authenticate_as('analyst.t2@test');
select results_eq(
  $$select id from public.incident_changes_since(0) where incident_id in ('inc-wa', 'inc-wb') order by seq$$,
  $$values ('inc-wb:created'), ('inc-wb:escalated-critical')$$,
  'an analyst of T2 follows the changes of T2 only');
select tests.clear_authentication();

select tests.authenticate_as_service_role();
select results_eq(
  $$select id from public.incident_changes_since(0, 'mayor', municipality_code => 'GM9991')
    where incident_id in ('inc-wa', 'inc-wb') order by seq$$,
  $$values ('inc-wa:created'), ('inc-wa:acknowledged')$$,
  'the service role narrows the changes to a mayor''s scope');

-- Claim, settle, never again.
select is((select count(*)::int from public.webhook_claim(100, 60) where webhook_id = 'wh-unit001'), 2,
  'the unit webhook''s two deliveries are claimed');
select is((select count(*)::int from public.webhook_claim(100, 60)), 0, 'claimed deliveries are leased');
select public.webhook_settle('wh-unit001', x.seq, true, 200) from public.incident_changes x where x.incident_id = 'inc-wa';
update public.webhook_deliveries set next_at = now() - interval '1 hour';
select is((select count(*)::int from public.webhook_claim(100, 60) where webhook_id = 'wh-unit001'), 0,
  'a delivered change is not claimed again');
select is((select count(*)::int from public.webhook_remove('wh-mayor01')), 1, 'a webhook removed');
select tests.clear_authentication();

select * from finish();
rollback;
