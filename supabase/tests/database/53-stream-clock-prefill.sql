-- The stream clock while a fresh database is prefilled (migration 20261208000020, issue 11): the
-- clock says 'prefilling' with a progress and stands still, the writes that play, pause, end or
-- restart it end that state, the older history's progress is kept beside a running clock until
-- it is complete, a clock that is not loading answers as before, and the new writes are the
-- service role's only.
begin;
select plan(19);

select tests.fixtures();

select is(tests.try('analyst.t1@test', $$select public.prefill_stream_clock('x', now(), null, 0.5)$$), 'denied',
  'prefill_stream_clock is the service role''s');
select is(tests.try('commander.t1@test', $$select public.stream_clock_history('x', 0.5)$$), 'denied',
  'stream_clock_history is the service role''s');
select is(tests.try('anon', $$select public.prefill_stream_clock('x', now(), null, 0.5)$$), 'denied',
  'anon may not prefill');

select tests.authenticate_as_service_role();

-- Prefilling
select is(
  (select public.prefill_stream_clock('haren-2012', '2012-09-21T16:30Z', '2012-09-22T04:00Z', 0)::jsonb
     - 'wall_time' - 'server_time' - 'stream_time' - 'stream_end'),
  '{"scenario": "haren-2012", "speed": 0, "state": "prefilling", "ended_at": null, "run": 0, "progress": 0}'::jsonb,
  'prefill_stream_clock: state prefilling, standing still, progress 0');
select is((public.prefill_stream_clock('haren-2012', '2012-09-21T16:30Z', '2012-09-22T04:00Z', 0.25) ->> 'progress')::real,
  0.25::real, 'the progress is written as the prefill goes');
select throws_ok($$select public.prefill_stream_clock('haren-2012', '2012-09-21T16:30Z', null, 1.5)$$, '23514', null,
  'a progress above 1 is refused');
select throws_ok($$select public.prefill_stream_clock('haren-2012', null, null, 0.5)$$, '22004', null,
  'prefill_stream_clock needs a stream time');
select is((public.stream_clock_history('haren-2012', 0) ->> 'history_progress')::real, 0::real,
  'the history''s progress beside the prefilling clock');

-- Playing: the prefill is over, the history still loads.
select is(
  (select public.set_stream_clock('haren-2012', '2012-09-21T16:30Z', 60, '2012-09-22T04:00Z')::jsonb
     - 'wall_time' - 'server_time' - 'stream_time' - 'stream_end'),
  '{"scenario": "haren-2012", "speed": 60, "state": "playing", "ended_at": null, "run": 0, "history_progress": 0}'::jsonb,
  'set_stream_clock ends prefilling (no progress field) and keeps the history''s progress');
select is((public.stream_clock_history('haren-2012', 0.5) ->> 'history_progress')::real, 0.5::real,
  'stream_clock_history writes the progress');
select is((public.stream_clock() ->> 'state'), 'playing', 'the history''s progress leaves the clock playing');
select is((public.stream_clock_history('koningsdag', 0.9) ->> 'history_progress')::real, 0.5::real,
  'another scenario''s history does not touch this clock');
select ok(not ((public.stream_clock_history('haren-2012', null))::jsonb ? 'history_progress'),
  'complete: no history_progress field');
select is(
  (select public.stream_clock()::jsonb - 'wall_time' - 'server_time' - 'stream_time' - 'stream_end'),
  '{"scenario": "haren-2012", "speed": 60, "state": "playing", "ended_at": null, "run": 0}'::jsonb,
  'a clock that is not loading answers as before the migration');

-- The other writes end prefilling too.
select public.prefill_stream_clock('haren-2012', '2012-09-21T16:30Z', '2012-09-22T04:00Z', 0.5);
select is((public.set_stream_clock('haren-2012', '2012-09-21T16:30Z', 0) ->> 'state'), 'paused',
  'a pause ends prefilling');
select public.prefill_stream_clock('haren-2012', '2012-09-21T16:30Z', '2012-09-22T04:00Z', 0.5);
select is((public.end_stream_clock('haren-2012', '2012-09-22T04:00Z') ->> 'state'), 'ended',
  'the end ends prefilling');
select public.prefill_stream_clock('haren-2012', '2012-09-21T16:30Z', '2012-09-22T04:00Z', 0.5);
select is((public.restart_stream_clock('haren-2012', '2012-09-21T16:30Z', 60, null) ->> 'state'), 'playing',
  'a restart ends prefilling');

select tests.clear_authentication();
select throws_ok($$update public.stream_clock set prefill_progress = 0.5, speed = 60$$, '23514', null,
  'a prefilling clock stands still (check stream_clock_prefilling_is_stopped)');
select is(
  (select p.prosecdef from pg_proc p where p.oid = 'public.prefill_stream_clock(text,timestamptz,timestamptz,real)'::regprocedure),
  false, 'prefill_stream_clock is security invoker');

select * from finish();
rollback;
