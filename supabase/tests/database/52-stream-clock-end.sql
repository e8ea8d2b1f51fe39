-- The stream clock at the end of a scenario's data (migration 20261207000010, issue 10): a stopped
-- clock is accepted (the feeder's old `speed => 0` write was refused by a check, and retried
-- for ever), the end is recorded once (state 'ended', ended_at), loop restarts count runs, and
-- the new functions are the service role's only.
begin;
select plan(24);

select tests.fixtures();

-- ---------------------------------------------------------------------------------------------
-- Who may write
-- ---------------------------------------------------------------------------------------------
select is(tests.try('analyst.t1@test', $$select public.end_stream_clock('x', now())$$), 'denied',
  'end_stream_clock is the service role''s');
select is(tests.try('planner@test', $$select public.restart_stream_clock('x', now(), 60, null)$$), 'denied',
  'restart_stream_clock is the service role''s');
select is(tests.try('analyst.t1@test', $$select public.set_stream_clock('x', now(), 60, now())$$), 'denied',
  'set_stream_clock with stream_end is the service role''s');
select is(tests.try('anon', $$select public.stream_clock()$$), 'denied', 'anon does not read the clock');

select tests.authenticate_as_service_role();

-- ---------------------------------------------------------------------------------------------
-- A stopped clock (what the feeder wrote at the end, and was refused)
-- ---------------------------------------------------------------------------------------------
select lives_ok($$select public.set_stream_clock('haren-2012', '2012-09-22T04:00Z', 0)$$,
  'set_stream_clock accepts speed 0 (it was refused by stream_clock_speed_check)');
select is(public.stream_clock() ->> 'state', 'paused', 'speed 0 without an end: state paused');
select throws_ok($$select public.set_stream_clock('haren-2012', '2012-09-22T04:00Z', -1)$$, '23514', null,
  'a negative speed is refused');
select throws_ok($$select public.set_stream_clock('haren-2012', '2012-09-22T04:00Z', 'NaN')$$, '23514', null,
  'a NaN speed is refused');
select throws_ok($$select public.set_stream_clock('haren-2012', '2012-09-22T04:00Z', 'Infinity')$$, '23514', null,
  'an infinite speed is refused');

-- ---------------------------------------------------------------------------------------------
-- Playing, with the end of the data
-- ---------------------------------------------------------------------------------------------
select is(
  (select public.set_stream_clock('haren-2012', '2012-09-22T05:00Z', 60, '2012-09-22T04:00Z'::timestamptz + interval '2 hours')::jsonb
     - 'wall_time' - 'server_time' - 'stream_time' - 'stream_end'),
  '{"scenario": "haren-2012", "speed": 60, "state": "playing", "ended_at": null, "run": 0}'::jsonb,
  'playing: state playing, not ended, run 0');
select is((public.stream_clock() ->> 'stream_end')::timestamptz, '2012-09-22T06:00Z'::timestamptz,
  'stream_clock() says where the data ends');
select ok((select public.stream_clock()::jsonb ?& array['scenario', 'stream_time', 'wall_time', 'speed', 'server_time']),
  'stream_clock() keeps the fields the client reads');

-- ---------------------------------------------------------------------------------------------
-- The end
-- ---------------------------------------------------------------------------------------------
select is(
  (select public.end_stream_clock('haren-2012', '2012-09-22T06:00Z')::jsonb ->> 'state'),
  'ended', 'end_stream_clock: state ended');
select is((public.stream_clock() ->> 'speed')::real, 0::real, 'the ended clock stands still (speed 0)');
select is((public.stream_clock() ->> 'stream_time')::timestamptz, '2012-09-22T06:00Z'::timestamptz,
  'the ended clock is at the end of the data');
create temp table first_end as select (public.stream_clock() ->> 'ended_at')::timestamptz as ended_at;
select ok((select ended_at from first_end) is not null, 'ended_at says since when');
select public.end_stream_clock('haren-2012', '2012-09-22T06:00Z');
select is((public.stream_clock() ->> 'ended_at')::timestamptz, (select ended_at from first_end),
  'ending again at the same place keeps ended_at (a retried write changes nothing)');

-- ---------------------------------------------------------------------------------------------
-- Loop: restarts count runs
-- ---------------------------------------------------------------------------------------------
select is(
  (select public.restart_stream_clock('haren-2012', '2012-09-21T18:30Z', 60, '2012-09-22T06:00Z')::jsonb
     - 'wall_time' - 'server_time' - 'stream_time' - 'stream_end'),
  '{"scenario": "haren-2012", "speed": 60, "state": "playing", "ended_at": null, "run": 1}'::jsonb,
  'restart_stream_clock: playing again, run 1');
select public.end_stream_clock('haren-2012', '2012-09-22T06:00Z');
select is((public.stream_clock() ->> 'run')::int, 1, 'the end keeps the run');
select is((public.restart_stream_clock('haren-2012', '2012-09-21T18:30Z', 60, null) ->> 'run')::int, 2,
  'a second restart: run 2');
select is((public.set_stream_clock('haren-2012', '2012-09-21T19:00Z', 60) ->> 'run')::int, 2,
  'a checkpoint of the same scenario keeps the run');
select is((public.restart_stream_clock('koningsdag', '2024-04-27T10:00Z', 60, null) ->> 'run')::int, 0,
  'another scenario starts at run 0');
select throws_ok($$select public.restart_stream_clock('haren-2012', '2012-09-21T18:30Z', 0, null)$$, '22023', null,
  'a restart plays (speed > 0)');

select tests.clear_authentication();
-- The table itself: an ended clock cannot be moving.
select throws_ok($$update public.stream_clock set ended_at = now(), speed = 60$$, '23514', null,
  'an ended clock has speed 0 (check stream_clock_ended_is_stopped)');

select * from finish();
rollback;
