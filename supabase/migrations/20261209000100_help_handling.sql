-- The help queue's handling state (issue 13, item 4): a call for help (a post the classifier
-- marks 'help') is taken by an analyst or commander of a unit, forwarded to the emergency room
-- (meldkamer), done, or released again. One row per unit and post holds the current state with
-- who and when for each step; every action is also a help_events row and an audit entry, and is
-- broadcast as a 'help' message on the unit's alert topic (alerts:unit:<unit>), so another
-- analyst of the unit sees the call as taken by someone else. help_states() answers the rows in
-- the caller's scope (the client also polls it).
--
-- Times are stream times (private.stream_now()), like the incident timeline, so a replayed
-- evening reads in its own clock.

create type public.help_state as enum ('taken', 'forwarded', 'done');
comment on type public.help_state is 'Handling state of a call for help: taken by an analyst, forwarded to the emergency room, done.';

create table public.help_handling (
  unit_id text not null,
  source text not null,
  post_id text not null,
  state public.help_state not null,
  taken_by uuid,
  taken_label text,
  taken_at timestamptz,
  forwarded_label text,
  forwarded_at timestamptz,
  done_label text,
  done_at timestamptz,
  reason text,
  updated_at timestamptz not null,
  primary key (unit_id, source, post_id)
);
comment on table public.help_handling is
  'Current handling state of a call for help, per unit and post (source, post_id), with who and when per step.';
create index help_handling_updated_at_idx on public.help_handling (updated_at);

create table public.help_events (
  id bigint generated always as identity primary key,
  unit_id text not null,
  source text not null,
  post_id text not null,
  action text not null check (action in ('take', 'forward', 'done', 'release')),
  at timestamptz not null,
  actor uuid,
  actor_label text,
  reason text
);
comment on table public.help_events is 'Every action on a call for help: take, forward, done, release, with who, when and why.';
create index help_events_post_idx on public.help_events (unit_id, source, post_id, at);

alter table public.help_handling enable row level security;
alter table public.help_events enable row level security;
revoke all on table public.help_handling, public.help_events from anon, authenticated;
grant select on table public.help_handling, public.help_events to authenticated;
grant all on table public.help_handling, public.help_events to service_role;

create policy "Users see the handling of calls for help in their unit's scope"
  on public.help_handling for select to authenticated
  using ((select private.in_scope(unit_id, null)));
create policy "Users see the help events in their unit's scope"
  on public.help_events for select to authenticated
  using ((select private.in_scope(unit_id, null)));

-- ---------------------------------------------------------------------------------------------
-- The row as JSON (the broadcast payload and the RPC's answer)
-- ---------------------------------------------------------------------------------------------
create function private.help_json(h public.help_handling) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'unit_id', h.unit_id, 'source', h.source, 'post_id', h.post_id, 'state', h.state::text,
    'taken_label', h.taken_label, 'taken_at', h.taken_at,
    'forwarded_label', h.forwarded_label, 'forwarded_at', h.forwarded_at,
    'done_label', h.done_label, 'done_at', h.done_at,
    'reason', h.reason, 'updated_at', h.updated_at,
    'mine', h.taken_by is not distinct from auth.uid())
$$;
comment on function private.help_json(public.help_handling) is 'A help_handling row as the JSON the client reads (mine: taken by the caller).';
revoke execute on function private.help_json(public.help_handling) from public, anon;
grant execute on function private.help_json(public.help_handling) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- help_act: take, forward, done, release
-- ---------------------------------------------------------------------------------------------
create function private.help_act(source text, post_id text, action text, reason text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  unit text := private.app_unit();
  why text := nullif(pg_catalog.btrim(reason), '');
  at_ timestamptz := private.stream_now();
  label text;
  h public.help_handling;
  payload jsonb;
begin
  perform private.check_length('source', source, 100);
  perform private.check_length('post_id', post_id, 200);
  perform private.check_length('reason', reason);
  if action is null or action not in ('take', 'forward', 'done', 'release') then
    raise exception 'action must be one of take, forward, done, release' using errcode = '22023';
  end if;
  if coalesce(private.app_role() not in ('analyst', 'commander'), true) or unit is null then
    raise exception 'only an analyst or commander of a unit may handle calls for help' using errcode = '42501';
  end if;
  -- The post must exist and lie in the caller's scope (one without a unit is every analyst's).
  if not exists (
    select 1 from public.posts p
    where p.source = help_act.source and p.id = help_act.post_id
      and (p.unit_id is null or private.in_scope(p.unit_id, p.municipality_code))
  ) then
    raise exception 'post %/% not found', source, post_id using errcode = 'PT404';
  end if;

  select coalesce(nullif(r.display_name, ''), u.email::text, auth.email()) into label
  from (select auth.uid() as uid) s
  left join public.user_roles r on r.user_id = s.uid
  left join auth.users u on u.id = s.uid;
  label := pg_catalog.left(label, 320);

  select * into h from public.help_handling x
  where x.unit_id = unit and x.source = help_act.source and x.post_id = help_act.post_id for update;

  if action = 'take' then
    if found and h.state <> 'done' and h.taken_by is distinct from auth.uid() then
      raise exception 'call already taken by %', h.taken_label using errcode = '55000';
    end if;
    if found and h.state <> 'done' then
      return private.help_json(h); -- taken again by the same analyst: nothing changes
    end if;
    insert into public.help_handling as x (unit_id, source, post_id, state, taken_by, taken_label, taken_at, reason, updated_at)
    values (unit, help_act.source, help_act.post_id, 'taken', auth.uid(), label, at_, why, at_)
    on conflict on constraint help_handling_pkey do update
      set state = 'taken', taken_by = excluded.taken_by, taken_label = excluded.taken_label,
          taken_at = excluded.taken_at, forwarded_label = null, forwarded_at = null,
          done_label = null, done_at = null, reason = excluded.reason, updated_at = excluded.updated_at
    returning * into h;
  elsif action = 'release' then
    if not found or h.state <> 'taken' then
      raise exception 'only a taken call can be released' using errcode = '55000';
    end if;
    if h.taken_by is distinct from auth.uid() and why is null then
      raise exception 'releasing a call taken by someone else needs a reason' using errcode = '22023';
    end if;
    delete from public.help_handling x
    where x.unit_id = h.unit_id and x.source = h.source and x.post_id = h.post_id;
    h.state := null;
    h.updated_at := at_;
  else
    if found and h.state = 'done' then
      raise exception 'call is already done' using errcode = '55000';
    end if;
    if found and h.state = 'forwarded' and action = 'forward' then
      raise exception 'call is already forwarded' using errcode = '55000';
    end if;
    if not found then
      -- Forwarding or closing an open call takes it on the way.
      insert into public.help_handling (unit_id, source, post_id, state, taken_by, taken_label, taken_at, updated_at)
      values (unit, help_act.source, help_act.post_id, 'taken', auth.uid(), label, at_, at_)
      returning * into h;
    end if;
    if action = 'forward' then
      update public.help_handling x
        set state = 'forwarded', forwarded_label = label, forwarded_at = at_, updated_at = at_,
            reason = coalesce(why, x.reason)
      where x.unit_id = h.unit_id and x.source = h.source and x.post_id = h.post_id
      returning * into h;
    else
      update public.help_handling x
        set state = 'done', done_label = label, done_at = at_, updated_at = at_,
            reason = coalesce(why, x.reason)
      where x.unit_id = h.unit_id and x.source = h.source and x.post_id = h.post_id
      returning * into h;
    end if;
  end if;

  insert into public.help_events (unit_id, source, post_id, action, at, actor, actor_label, reason)
  values (unit, help_act.source, help_act.post_id, action, at_, auth.uid(), label, why);
  perform private.audit('help_' || action, help_act.source || '/' || help_act.post_id,
    pg_catalog.jsonb_build_object('unit', unit, 'reason', why, 'stream_time', at_));
  if h.state is null then
    payload := pg_catalog.jsonb_build_object('unit_id', unit, 'source', help_act.source,
      'post_id', help_act.post_id, 'state', null, 'updated_at', at_, 'mine', false);
  else
    payload := private.help_json(h) || pg_catalog.jsonb_build_object('mine', false);
  end if;
  perform realtime.send(payload, 'help', 'alerts:unit:' || unit, true);
  return payload || pg_catalog.jsonb_build_object('mine', h.state is not null and h.taken_by is not distinct from auth.uid());
end;
$$;
comment on function private.help_act(text, text, text, text) is
  'Analyst or commander of a unit: take, forward (to the emergency room), done or release a call for help; help_events, audit log and a help broadcast on alerts:unit:<unit>.';
revoke execute on function private.help_act(text, text, text, text) from public, anon;
grant execute on function private.help_act(text, text, text, text) to authenticated, service_role;

create function public.help_act(source text, post_id text, action text, reason text default null) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.help_act(source, post_id, action, reason) $$;
comment on function public.help_act(text, text, text, text) is
  'Handle a call for help (the post source/post_id): take, forward (meldkamer), done, release (reason needed for another''s call). Returns the handling row as JSON (state null once released).';
revoke execute on function public.help_act(text, text, text, text) from public, anon;
grant execute on function public.help_act(text, text, text, text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- help_states: the handling rows the caller sees (RLS), newest first, of the last 48 hours
-- ---------------------------------------------------------------------------------------------
create function public.help_states() returns setof jsonb
language sql stable security invoker set search_path = ''
as $$
  select private.help_json(h) from public.help_handling h
  where h.updated_at >= private.stream_now() - interval '48 hours'
  order by h.updated_at desc, h.source, h.post_id
  limit 5000
$$;
comment on function public.help_states() is
  'The handling state of the calls for help in the caller''s scope (last 48 h of stream time, at most 5,000), newest first.';
revoke execute on function public.help_states() from public, anon;
grant execute on function public.help_states() to authenticated, service_role;
