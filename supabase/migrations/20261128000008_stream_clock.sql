-- Stream clock: when a feeder replays a scenario into the database, "now" for the client is the
-- feeder's clock, not the wall clock. One row (id 'main'), written by the service role through
-- set_stream_clock(), read by every signed-in user through stream_clock().

-- ---------------------------------------------------------------------------------------------
-- Table
-- ---------------------------------------------------------------------------------------------
create table public.stream_clock (
  id text primary key default 'main' check (id = 'main'),
  scenario text,
  stream_time timestamptz not null,
  wall_time timestamptz not null default clock_timestamp(),
  speed real not null default 1 check (speed > 0)
);
comment on table public.stream_clock is
  'The replay clock: at wall_time the stream was at stream_time, advancing speed x real time. No row: live.';

alter table public.stream_clock enable row level security;

revoke all on table public.stream_clock from anon, authenticated;
grant select on table public.stream_clock to authenticated;
grant all on table public.stream_clock to service_role;

create policy "Signed-in users read the stream clock"
  on public.stream_clock for select to authenticated
  using (true);

-- ---------------------------------------------------------------------------------------------
-- RPC
-- ---------------------------------------------------------------------------------------------
create function public.stream_clock() returns json
language sql stable
as $$
  select pg_catalog.json_build_object(
    'scenario', c.scenario,
    'stream_time', c.stream_time,
    'wall_time', c.wall_time,
    'speed', c.speed,
    'server_time', now())
  from public.stream_clock c
  where c.id = 'main'
$$;
comment on function public.stream_clock() is
  '{scenario, stream_time, wall_time, speed, server_time} or null when live. Client: now = stream_time + (server_now - wall_time) x speed.';

-- stream_time null clears the clock (back to live).
create function public.set_stream_clock(scenario text, stream_time timestamptz, speed real default 1)
returns json
language plpgsql volatile set search_path = ''
as $$
begin
  if stream_time is null then
    delete from public.stream_clock where id = 'main';
    return null;
  end if;
  insert into public.stream_clock as c (id, scenario, stream_time, wall_time, speed)
  values ('main', scenario, stream_time, clock_timestamp(), coalesce(speed, 1))
  on conflict (id) do update
    set scenario = excluded.scenario, stream_time = excluded.stream_time,
        wall_time = excluded.wall_time, speed = excluded.speed;
  return public.stream_clock();
end;
$$;
comment on function public.set_stream_clock(text, timestamptz, real) is 'Service role (feeder): set or clear (stream_time null) the replay clock.';

revoke execute on function public.stream_clock() from public, anon;
grant execute on function public.stream_clock() to authenticated, service_role;
revoke execute on function public.set_stream_clock(text, timestamptz, real) from public, anon, authenticated;
grant execute on function public.set_stream_clock(text, timestamptz, real) to service_role;
