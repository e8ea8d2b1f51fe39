-- The help queue's handling state (issue 13, item 4): help_act takes, forwards (meldkamer),
-- closes and releases a call for help for the caller's unit, with who and when, a help_events
-- row, an audit entry and a 'help' broadcast on the unit's alert topic; another analyst of the
-- unit sees the call as taken by someone else and cannot take it; other units and roles neither
-- see nor handle it.
begin;
select plan(24);

select tests.fixtures();
delete from realtime.messages;

-- Nobody may write the tables directly.
select is(tests.try('analyst.t1@test',
  $$insert into public.help_handling (unit_id, source, post_id, state, updated_at) values ('T1', 'test', 't1', 'done', now())$$),
  'denied', 'an analyst cannot write help_handling directly');

-- Take: analyst of T1.
select tests.authenticate_as('analyst.t1@test');
select is((public.help_act('test', 't1', 'take')) ->> 'state', 'taken', 'an analyst takes a call');
select tests.clear_authentication();
select results_eq(
  $$select unit_id, state::text, taken_label, date_trunc('minute', taken_at + interval '30 seconds') from public.help_handling where post_id = 't1'$$,
  $$values ('T1', 'taken', 'analyst.t1@test', '2024-04-27T12:00:00Z'::timestamptz)$$,
  'the state is stored for the unit with who and when (stream time)');

-- The commander of T1 (another user of the unit) sees it as taken by the analyst, not as his.
select tests.authenticate_as('commander.t1@test');
select results_eq(
  $$select s ->> 'post_id', s ->> 'state', s ->> 'taken_label', (s ->> 'mine')::boolean from public.help_states() s$$,
  $$values ('t1', 'taken', 'analyst.t1@test', false)$$,
  'another user of the unit sees the call taken by the analyst');
select tests.clear_authentication();
select is(tests.try('commander.t1@test', $$select public.help_act('test', 't1', 'take')$$),
  'error:55000 call already taken by analyst.t1@test', 'another user cannot take a taken call');
select is(tests.try('commander.t1@test', $$select public.help_act('test', 't1', 'release')$$),
  'error:22023 releasing a call taken by someone else needs a reason', 'nor release it without a reason');

-- Another unit, a mayor, a planner: nothing seen, nothing handled.
select is(tests.try('analyst.t2@test', $$select * from public.help_states()$$), 'ok:0', 'another unit sees nothing');
select is(tests.try('mayor.gm9991@test', $$select * from public.help_states()$$), 'ok:0', 'a mayor sees nothing');
select is(tests.try('planner@test', $$select public.help_act('test', 't5', 'take')$$),
  'denied', 'a planner cannot handle calls (42501)');
select is(tests.try('analyst.t2@test', $$select public.help_act('test', 't1', 'take')$$),
  'error:PT404 post test/t1 not found', 'a post outside the caller''s scope is not found');
select is(tests.try('analyst.t1@test', $$select public.help_act('test', 'nope', 'take')$$),
  'error:PT404 post test/nope not found', 'an unknown post is not found');
select is(tests.try('analyst.t1@test', $$select public.help_act('test', 't1', 'shrug')$$),
  'error:22023 action must be one of take, forward, done, release', 'an unknown action is refused');
select is(tests.try('anon', $$select public.help_act('test', 't1', 'take')$$), 'denied', 'anon may not call help_act');
select is(tests.try('anon', $$select public.help_states()$$), 'denied', 'anon may not call help_states');

-- Forward, then done: who and when of each step (stream time runs on from the clock's last
-- time, so compare to the minute).
update public.stream_clock set stream_time = '2024-04-27T12:03:00Z' where id = 'main';
select tests.authenticate_as('analyst.t1@test');
select is((public.help_act('test', 't1', 'forward', 'meldkamer gebeld')) ->> 'state', 'forwarded', 'forwarded to the emergency room');
select tests.clear_authentication();
update public.stream_clock set stream_time = '2024-04-27T12:05:00Z' where id = 'main';
select tests.authenticate_as('commander.t1@test');
select is((public.help_act('test', 't1', 'done')) ->> 'state', 'done', 'another user of the unit closes it');
select tests.clear_authentication();
select results_eq(
  $$select state::text, taken_label, forwarded_label, date_trunc('minute', forwarded_at + interval '30 seconds'),
          done_label, date_trunc('minute', done_at + interval '30 seconds'), reason from public.help_handling where post_id = 't1'$$,
  $$values ('done', 'analyst.t1@test', 'analyst.t1@test', '2024-04-27T12:03:00Z'::timestamptz,
            'commander.t1@test', '2024-04-27T12:05:00Z'::timestamptz, 'meldkamer gebeld')$$,
  'each step keeps who and when');
select is(tests.try('analyst.t1@test', $$select public.help_act('test', 't1', 'done')$$),
  'error:55000 call is already done', 'a done call cannot be done again');
select results_eq(
  $$select action, actor_label, reason from public.help_events where post_id = 't1' order by id$$,
  $$values ('take', 'analyst.t1@test', null::text), ('forward', 'analyst.t1@test', 'meldkamer gebeld'),
           ('done', 'commander.t1@test', null)$$,
  'every action is an event');
select results_eq(
  $$select action, object, app_role from public.audit_log where action like 'help_%' order by id$$,
  $$values ('help_take', 'test/t1', 'analyst'), ('help_forward', 'test/t1', 'analyst'), ('help_done', 'test/t1', 'commander')$$,
  'every action is audited');
select results_eq(
  $$select topic, payload ->> 'state' from realtime.messages where event = 'help' order by payload ->> 'updated_at'$$,
  $$values ('alerts:unit:T1', 'taken'), ('alerts:unit:T1', 'forwarded'), ('alerts:unit:T1', 'done')$$,
  'every action is broadcast on the unit''s alert topic');

-- A post without a unit (t5) is every analyst's: taken and released by its taker.
select tests.authenticate_as('analyst.t2@test');
select is((public.help_act('test', 't5', 'take')) ->> 'state', 'taken', 'a post without a unit can be taken');
select ok((public.help_act('test', 't5', 'release')) ->> 'state' is null, 'and released by its taker');
select tests.clear_authentication();
select is((select count(*)::int from public.help_handling where post_id = 't5'), 0, 'a released call is open again');

select * from finish();
rollback;
