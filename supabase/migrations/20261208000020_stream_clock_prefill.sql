-- Stream clock: the prefill of a fresh database (issue 11). The feeder inserted 48 hours of
-- history before it wrote the clock at all; until then stream_clock() answered null, which a map
-- reads as "live on wall time": a green LIVE with today's date over an empty map for a minute or
-- more. Now the feeder writes the clock first, in state 'prefilling', inserts the most recent hour
-- (the window a map shows first), starts the clock, and fills the older history behind the
-- running stream:
--   - prefill_progress: while the clock is 'prefilling' (stopped, speed 0), the share (0..1) of
--     the posts the feeder inserts before it starts; null otherwise;
--   - history_progress: while the older history is still being inserted behind the stream, the
--     share (0..1) of it that is in; null when it is complete (or there is none);
--   - stream_clock() adds state 'prefilling' (besides playing | paused | ended), and the fields
--     progress (= prefill_progress) and history_progress, present only while not null, so the
--     answer of a clock that is not loading is as it was;
--   - prefill_stream_clock(scenario, stream_time, stream_end, progress): the feeder's write while
--     it prefills; stream_clock_history(scenario, progress): its write while the history fills;
--   - the writes that play, pause, end or restart the clock end the prefilling state.

alter table public.stream_clock
  add column prefill_progress real,
  add column history_progress real;
alter table public.stream_clock
  add constraint stream_clock_prefill_progress_check
    check (prefill_progress is null or (prefill_progress >= 0 and prefill_progress <= 1)),
  add constraint stream_clock_history_progress_check
    check (history_progress is null or (history_progress >= 0 and history_progress <= 1)),
  add constraint stream_clock_prefilling_is_stopped
    check (prefill_progress is null or (speed = 0 and ended_at is null));
comment on column public.stream_clock.prefill_progress is
  'While the feeder prefills a fresh database (state prefilling, speed 0): the share (0..1) of what it inserts before the clock starts; null otherwise.';
comment on column public.stream_clock.history_progress is
  'While the older history is inserted behind the running stream: the share (0..1) that is in; null when complete.';

create or replace function public.stream_clock() returns json
language sql stable security invoker set search_path = ''
as $$
  select (pg_catalog.jsonb_build_object(
    'scenario', c.scenario,
    'stream_time', c.stream_time,
    'wall_time', c.wall_time,
    'speed', c.speed,
    'server_time', pg_catalog.now(),
    'state', case when c.ended_at is not null then 'ended'
                  when c.prefill_progress is not null then 'prefilling'
                  when c.speed > 0 then 'playing'
                  else 'paused' end,
    'ended_at', c.ended_at,
    'stream_end', c.stream_end,
    'run', c.run)
    || case when c.prefill_progress is null then '{}'::jsonb
            else pg_catalog.jsonb_build_object('progress', c.prefill_progress) end
    || case when c.history_progress is null then '{}'::jsonb
            else pg_catalog.jsonb_build_object('history_progress', c.history_progress) end)::json
  from public.stream_clock c
  where c.id = 'main'
$$;
comment on function public.stream_clock() is
  '{scenario, stream_time, wall_time, speed, server_time, state, ended_at, stream_end, run[, progress][, history_progress]} or null when live. Client: now = min(stream_time + (server_now - wall_time) x speed, stream_end); state prefilling (no data yet: progress 0..1) | playing | paused | ended (since ended_at); history_progress 0..1 while older history is still loading.';

-- Prefilling at stream_time: the clock stands still (speed 0) and says how far the prefill is.
create function public.prefill_stream_clock(scenario text, stream_time timestamptz,
                                            stream_end timestamptz, progress real)
returns json
language plpgsql volatile security invoker set search_path = ''
as $$
begin
  if prefill_stream_clock.stream_time is null then
    raise exception 'prefill_stream_clock: stream_time is required' using errcode = '22004';
  end if;
  insert into public.stream_clock as c (id, scenario, stream_time, wall_time, speed, ended_at,
                                        stream_end, run, prefill_progress, history_progress)
  values ('main', prefill_stream_clock.scenario, prefill_stream_clock.stream_time,
          pg_catalog.clock_timestamp(), 0, null, prefill_stream_clock.stream_end, 0,
          coalesce(prefill_stream_clock.progress, 0), null)
  on conflict (id) do update
    set scenario = excluded.scenario, stream_time = excluded.stream_time,
        wall_time = excluded.wall_time, speed = 0, ended_at = null,
        stream_end = excluded.stream_end, prefill_progress = excluded.prefill_progress,
        history_progress = case when c.scenario is not distinct from excluded.scenario
                                then c.history_progress end,
        run = case when c.scenario is not distinct from excluded.scenario then c.run else 0 end;
  return public.stream_clock();
end;
$$;
comment on function public.prefill_stream_clock(text, timestamptz, timestamptz, real) is
  'Service role (feeder): a fresh database is being prefilled; the clock stands at stream_time (state prefilling) with progress 0..1.';

-- The older history behind the running stream: progress 0..1, null when it is complete. Only for
-- the scenario the clock plays; the clock itself is left as it is.
create function public.stream_clock_history(scenario text, progress real)
returns json
language plpgsql volatile security invoker set search_path = ''
as $$
begin
  update public.stream_clock c
     set history_progress = stream_clock_history.progress
   where c.id = 'main' and c.scenario is not distinct from stream_clock_history.scenario;
  return public.stream_clock();
end;
$$;
comment on function public.stream_clock_history(text, real) is
  'Service role (feeder): how much of the older history is in behind the running stream (0..1; null: complete).';

-- The writes that play, pause, end or restart the clock end the prefilling state (bodies as in
-- 20261207000010, plus prefill_progress = null).
create or replace function public.set_stream_clock(scenario text, stream_time timestamptz, speed real default 1)
returns json
language plpgsql volatile security invoker set search_path = ''
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
        prefill_progress = null,
        history_progress = case when c.scenario is not distinct from excluded.scenario then c.history_progress end,
        stream_end = case when c.scenario is not distinct from excluded.scenario then c.stream_end end,
        run = case when c.scenario is not distinct from excluded.scenario then c.run else 0 end;
  return public.stream_clock();
end;
$$;

create or replace function public.set_stream_clock(scenario text, stream_time timestamptz, speed real, stream_end timestamptz)
returns json
language plpgsql volatile security invoker set search_path = ''
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
        stream_end = excluded.stream_end, prefill_progress = null,
        history_progress = case when c.scenario is not distinct from excluded.scenario then c.history_progress end,
        run = case when c.scenario is not distinct from excluded.scenario then c.run else 0 end;
  return public.stream_clock();
end;
$$;

create or replace function public.end_stream_clock(scenario text, stream_time timestamptz)
returns json
language plpgsql volatile security invoker set search_path = ''
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
        stream_end = excluded.stream_end, prefill_progress = null,
        history_progress = case when c.scenario is not distinct from excluded.scenario then c.history_progress end,
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

create or replace function public.restart_stream_clock(scenario text, stream_time timestamptz, speed real default 1,
                                                       stream_end timestamptz default null)
returns json
language plpgsql volatile security invoker set search_path = ''
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
        stream_end = excluded.stream_end, prefill_progress = null,
        history_progress = case when c.scenario is not distinct from excluded.scenario then c.history_progress end,
        run = case when c.scenario is not distinct from excluded.scenario then c.run + 1 else 0 end;
  return public.stream_clock();
end;
$$;

revoke execute on function public.prefill_stream_clock(text, timestamptz, timestamptz, real) from public, anon, authenticated;
grant execute on function public.prefill_stream_clock(text, timestamptz, timestamptz, real) to service_role;
revoke execute on function public.stream_clock_history(text, real) from public, anon, authenticated;
grant execute on function public.stream_clock_history(text, real) to service_role;
