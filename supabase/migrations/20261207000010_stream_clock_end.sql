-- Stream clock: the end of a scenario (issue 10). At the end of its data the feeder stopped the
-- clock with speed 0, which the check (speed > 0) refused; it retried four times a second for
-- ever, and the clock ran on past the data for every open map. Now:
--   - speed 0 is allowed (a stopped clock; also a feeder that was shut down: 'paused'), and
--     speed is bounded (no NaN or infinity for the clients' arithmetic);
--   - ended_at: the wall time the stream reached the end of its data (state 'ended'), written
--     once by end_stream_clock(); ending again at the same place keeps the first ended_at;
--   - stream_end: the stream time at which the data ends, so that a client stops its
--     extrapolation there instead of running on until its next read of the clock;
--   - run: how often the scenario was started again from its start (UITKIJK_FEEDER_END=loop),
--     by restart_stream_clock(), so that a client can tell a replay from new events;
--   - stream_clock() adds state ('playing' | 'paused' | 'ended'), ended_at, stream_end and run to
--     the fields it had (scenario, stream_time, wall_time, speed, server_time), which keep their
--     meaning;
--   - set_stream_clock(scenario, stream_time, speed, stream_end): the feeder's write while it
--     plays (an overload without defaults; the three-argument form stays as it was).

alter table public.stream_clock drop constraint if exists stream_clock_speed_check;
alter table public.stream_clock
  add column ended_at timestamptz,
  add column stream_end timestamptz,
  add column run integer not null default 0;
alter table public.stream_clock
  add constraint stream_clock_speed_check check (speed >= 0 and speed <= 86400),
  add constraint stream_clock_run_check check (run >= 0),
  add constraint stream_clock_ended_is_stopped check (ended_at is null or speed = 0);
comment on table public.stream_clock is
  'The replay clock: at wall_time the stream was at stream_time, advancing speed x real time (0: stopped). ended_at: when it reached the end of its data. run: restarts of the scenario. No row: live.';
comment on column public.stream_clock.ended_at is
  'Wall time at which the stream reached the end of its data (then speed = 0); null while it plays or is paused.';
comment on column public.stream_clock.stream_end is
  'Stream time at which the data ends (the clock stops there), when the feeder knows it.';
comment on column public.stream_clock.run is
  'How often the scenario was started again from its start (feeder loop mode); 0 for the first run.';

create or replace function public.stream_clock() returns json
language sql stable set search_path = ''
as $$
  select pg_catalog.json_build_object(
    'scenario', c.scenario,
    'stream_time', c.stream_time,
    'wall_time', c.wall_time,
    'speed', c.speed,
    'server_time', pg_catalog.now(),
    'state', case when c.ended_at is not null then 'ended'
                  when c.speed > 0 then 'playing'
                  else 'paused' end,
    'ended_at', c.ended_at,
    'stream_end', c.stream_end,
    'run', c.run)
  from public.stream_clock c
  where c.id = 'main'
$$;
comment on function public.stream_clock() is
  '{scenario, stream_time, wall_time, speed, server_time, state, ended_at, stream_end, run} or null when live. Client: now = min(stream_time + (server_now - wall_time) x speed, stream_end); state playing | paused | ended (since ended_at).';

-- Playing (speed > 0) or paused (speed 0). Clears ended_at; run and stream_end are kept for the
-- same scenario.
create or replace function public.set_stream_clock(scenario text, stream_time timestamptz, speed real default 1)
returns json
language plpgsql volatile set search_path = ''
as $$
begin
  if set_stream_clock.stream_time is null then
    delete from public.stream_clock where id = 'main';
    return null;
  end if;
  insert into public.stream_clock as c (id, scenario, stream_time, wall_time, speed, ended_at, run)
  values ('main', set_stream_clock.scenario, set_stream_clock.stream_time, pg_catalog.clock_timestamp(),
          coalesce(set_stream_clock.speed, 1), null, 0)
  on conflict (id) do update
    set scenario = excluded.scenario, stream_time = excluded.stream_time,
        wall_time = excluded.wall_time, speed = excluded.speed, ended_at = null,
        stream_end = case when c.scenario is not distinct from excluded.scenario then c.stream_end end,
        run = case when c.scenario is not distinct from excluded.scenario then c.run else 0 end;
  return public.stream_clock();
end;
$$;
comment on function public.set_stream_clock(text, timestamptz, real) is
  'Service role (feeder): set (speed > 0 plays, 0 pauses) or clear (stream_time null) the replay clock.';

-- The same, with the stream time at which the data ends (the feeder's write while it plays).
create function public.set_stream_clock(scenario text, stream_time timestamptz, speed real, stream_end timestamptz)
returns json
language plpgsql volatile set search_path = ''
as $$
begin
  if set_stream_clock.stream_time is null then
    raise exception 'set_stream_clock: stream_time is required' using errcode = '22004';
  end if;
  insert into public.stream_clock as c (id, scenario, stream_time, wall_time, speed, ended_at, stream_end, run)
  values ('main', set_stream_clock.scenario, set_stream_clock.stream_time, pg_catalog.clock_timestamp(),
          coalesce(set_stream_clock.speed, 1), null, set_stream_clock.stream_end, 0)
  on conflict (id) do update
    set scenario = excluded.scenario, stream_time = excluded.stream_time,
        wall_time = excluded.wall_time, speed = excluded.speed, ended_at = null,
        stream_end = excluded.stream_end,
        run = case when c.scenario is not distinct from excluded.scenario then c.run else 0 end;
  return public.stream_clock();
end;
$$;
comment on function public.set_stream_clock(text, timestamptz, real, timestamptz) is
  'Service role (feeder): set the replay clock (speed > 0 plays, 0 pauses) and the stream time its data ends at.';

-- The end of the data: stopped at stream_time for good (until a restart). Idempotent: ending
-- again where the clock already ended keeps ended_at and wall_time.
create function public.end_stream_clock(scenario text, stream_time timestamptz)
returns json
language plpgsql volatile set search_path = ''
as $$
begin
  if end_stream_clock.stream_time is null then
    raise exception 'end_stream_clock: stream_time is required' using errcode = '22004';
  end if;
  insert into public.stream_clock as c (id, scenario, stream_time, wall_time, speed, ended_at, stream_end, run)
  values ('main', end_stream_clock.scenario, end_stream_clock.stream_time, pg_catalog.clock_timestamp(),
          0, pg_catalog.clock_timestamp(), end_stream_clock.stream_time, 0)
  on conflict (id) do update
    set scenario = excluded.scenario, stream_time = excluded.stream_time, speed = 0,
        stream_end = excluded.stream_end,
        run = case when c.scenario is not distinct from excluded.scenario then c.run else 0 end,
        ended_at = case when c.ended_at is not null and c.stream_time = excluded.stream_time
                         and c.scenario is not distinct from excluded.scenario
                        then c.ended_at else excluded.ended_at end,
        wall_time = case when c.ended_at is not null and c.stream_time = excluded.stream_time
                          and c.scenario is not distinct from excluded.scenario
                         then c.wall_time else excluded.wall_time end;
  return public.stream_clock();
end;
$$;
comment on function public.end_stream_clock(text, timestamptz) is
  'Service role (feeder): the stream reached the end of its data at stream_time; the clock stops (state ended, ended_at).';

-- The scenario starts again from stream_time (loop mode): run + 1, playing at speed.
create function public.restart_stream_clock(scenario text, stream_time timestamptz, speed real default 1,
                                            stream_end timestamptz default null)
returns json
language plpgsql volatile set search_path = ''
as $$
begin
  if restart_stream_clock.stream_time is null then
    raise exception 'restart_stream_clock: stream_time is required' using errcode = '22004';
  end if;
  if not (coalesce(restart_stream_clock.speed, 1) > 0) then
    raise exception 'restart_stream_clock: speed must be > 0' using errcode = '22023';
  end if;
  insert into public.stream_clock as c (id, scenario, stream_time, wall_time, speed, ended_at, stream_end, run)
  values ('main', restart_stream_clock.scenario, restart_stream_clock.stream_time,
          pg_catalog.clock_timestamp(), coalesce(restart_stream_clock.speed, 1), null,
          restart_stream_clock.stream_end, 0)
  on conflict (id) do update
    set scenario = excluded.scenario, stream_time = excluded.stream_time,
        wall_time = excluded.wall_time, speed = excluded.speed, ended_at = null,
        stream_end = excluded.stream_end,
        run = case when c.scenario is not distinct from excluded.scenario then c.run + 1 else 0 end;
  return public.stream_clock();
end;
$$;
comment on function public.restart_stream_clock(text, timestamptz, real, timestamptz) is
  'Service role (feeder, loop mode): play the scenario again from stream_time; run + 1.';

revoke execute on function public.stream_clock() from public, anon;
grant execute on function public.stream_clock() to authenticated, service_role;
revoke execute on function public.set_stream_clock(text, timestamptz, real) from public, anon, authenticated;
grant execute on function public.set_stream_clock(text, timestamptz, real) to service_role;
revoke execute on function public.set_stream_clock(text, timestamptz, real, timestamptz) from public, anon, authenticated;
grant execute on function public.set_stream_clock(text, timestamptz, real, timestamptz) to service_role;
revoke execute on function public.end_stream_clock(text, timestamptz) from public, anon, authenticated;
grant execute on function public.end_stream_clock(text, timestamptz) to service_role;
revoke execute on function public.restart_stream_clock(text, timestamptz, real, timestamptz) from public, anon, authenticated;
grant execute on function public.restart_stream_clock(text, timestamptz, real, timestamptz) to service_role;
