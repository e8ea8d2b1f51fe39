-- Incidents beyond the map (issue 13, item 7): every change of an incident (created, escalated,
-- acknowledged, resolved, marked false) is recorded once in public.incident_changes, and queued
-- in an outbox (public.webhook_deliveries) for each webhook whose role scope sees the incident
-- and whose minimum severity it reaches. A worker (src/stack/webhook-worker.ts) delivers the
-- outbox, signed, with retries; `uitkijk incidents --follow` reads incident_changes as NDJSON.
--
-- * public.incident_changes: one row per (incident, change); id = incident id || ':' || change,
--   the idempotency key a receiver drops repeats by. change: 'created', 'escalated-warning',
--   'escalated-critical', 'acknowledged', 'resolved', 'false_alarm' (severity only rises, status
--   only moves forward, so each happens at most once). payload: the IncidentRow at that moment.
-- * public.webhooks: a URL, a minimum severity and a role scope (role + unit / municipality, as
--   for a user of that role). The HMAC secret is not stored: it is derived from a key outside the
--   database (UITKIJK_WEBHOOK_KEY or the data directory) and the webhook's id and nonce.
-- * public.webhook_deliveries: the outbox, one row per (webhook, change): pending until a 2xx
--   answer (then delivered, never sent again) or until the attempts are spent (failed).
-- * Only the service role reads or writes webhooks and deliveries; authenticated users may read
--   the incident changes in their scope (the alerts' predicate).

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------
create table public.incident_changes (
  seq bigint generated always as identity primary key,
  id text not null unique check (pg_catalog.length(id) <= 260),
  incident_id text not null references public.incidents (id) on delete cascade,
  change text not null check (change in ('created', 'escalated-warning', 'escalated-critical',
                                         'acknowledged', 'resolved', 'false_alarm')),
  severity text not null check (severity in ('info', 'warning', 'critical')),
  unit_id text,
  municipality_code text,
  at timestamptz not null,
  recorded_at timestamptz not null default pg_catalog.now(),
  payload jsonb not null
);
comment on table public.incident_changes is
  'Each change of an incident once (id = incident id:change, the idempotency key of webhooks and `uitkijk incidents --follow`), with the IncidentRow then.';
create index incident_changes_incident_idx on public.incident_changes (incident_id);

create table public.webhooks (
  id text primary key check (id ~ '^wh-[a-z0-9]{6,40}$'),
  url text not null check (url ~ '^https?://' and pg_catalog.length(url) <= 2000),
  min_severity text not null default 'warning' check (min_severity in ('info', 'warning', 'critical')),
  role public.app_role not null,
  unit_id text references public.police_units (id),
  municipality_code text references public.municipalities (code),
  nonce text not null check (nonce ~ '^[0-9a-f]{32}$'),
  label text check (pg_catalog.length(label) <= 200),
  created_at timestamptz not null default pg_catalog.now(),
  constraint webhooks_unit_scope check (role not in ('analyst', 'commander') or unit_id is not null),
  constraint webhooks_municipality_scope check (role <> 'mayor' or municipality_code is not null)
);
comment on table public.webhooks is
  'Incident webhooks: URL, minimum severity, and the scope of a role (unit / municipality). The signing secret is derived outside the database from the id and nonce.';
create index webhooks_unit_idx on public.webhooks (unit_id);
create index webhooks_municipality_idx on public.webhooks (municipality_code);

create table public.webhook_deliveries (
  webhook_id text not null references public.webhooks (id) on delete cascade,
  change_seq bigint not null references public.incident_changes (seq) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  next_at timestamptz not null default pg_catalog.now(),
  last_status int,
  last_error text check (pg_catalog.length(last_error) <= 500),
  delivered_at timestamptz,
  primary key (webhook_id, change_seq)
);
comment on table public.webhook_deliveries is
  'The webhook outbox: one row per webhook and incident change; pending (due at next_at), delivered or failed.';
create index webhook_deliveries_due_idx on public.webhook_deliveries (next_at) where status = 'pending';
create index webhook_deliveries_change_idx on public.webhook_deliveries (change_seq);

alter table public.incident_changes enable row level security;
alter table public.webhooks enable row level security;
alter table public.webhook_deliveries enable row level security;
revoke all on table public.incident_changes, public.webhooks, public.webhook_deliveries
  from anon, authenticated;
grant select on table public.incident_changes to authenticated;
grant all on table public.incident_changes, public.webhooks, public.webhook_deliveries to service_role;

create policy "Users see the changes of incidents in their scope"
  on public.incident_changes for select to authenticated
  using (
    (select (private.scope()).all_units)
    or coalesce(unit_id, '') = any ((select (private.scope()).units)::text[])
    or municipality_code = any ((select (private.scope()).municipalities)::text[])
  );

-- ---------------------------------------------------------------------------------------------
-- The scope of a role, for a webhook or a follower (the same mapping as private.scope())
-- ---------------------------------------------------------------------------------------------
create function private.role_in_scope(
  role public.app_role, role_unit text, role_municipality text, unit_id text, municipality_code text
) returns boolean
language sql immutable security invoker set search_path = ''
as $$
  select coalesce(
    role in ('prosecutor', 'planner')
    or (role = 'analyst' and coalesce(unit_id, '') in (role_unit, ''))
    or (role = 'commander' and unit_id = role_unit)
    or (role = 'mayor' and municipality_code = role_municipality),
    false)
$$;
comment on function private.role_in_scope(public.app_role, text, text, text, text) is
  'Whether a row of this unit and municipality is in the scope of a user with this role, unit and municipality (as private.scope() maps roles).';
revoke execute on function private.role_in_scope(public.app_role, text, text, text, text) from public, anon;
grant execute on function private.role_in_scope(public.app_role, text, text, text, text) to authenticated, service_role;

create function private.severity_rank(severity text) returns int
language sql immutable security invoker set search_path = ''
as $$ select case severity when 'critical' then 2 when 'warning' then 1 when 'info' then 0 end $$;
revoke execute on function private.severity_rank(text) from public, anon;
grant execute on function private.severity_rank(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Recording changes: a trigger on incidents (definer: it writes the outbox whoever acts)
-- ---------------------------------------------------------------------------------------------
create function private.record_incident_change() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
declare
  changes text[] := '{}';
  c text;
  s bigint;
begin
  if tg_op = 'INSERT' then
    changes := array['created'];
  else
    if private.severity_rank(new.severity) > private.severity_rank(old.severity)
       and new.severity <> 'info' then
      changes := changes || ('escalated-' || new.severity);
    end if;
    if new.status is distinct from old.status and new.status <> 'open' then
      changes := changes || new.status::text;
    end if;
  end if;
  foreach c in array changes loop
    insert into public.incident_changes (id, incident_id, change, severity, unit_id,
                                         municipality_code, at, payload)
    values (new.id || ':' || c, new.id, c, new.severity, new.unit_id, new.municipality_code,
            private.stream_now(), private.incident_json(new))
    on conflict (id) do nothing
    returning seq into s;
    if s is not null then
      insert into public.webhook_deliveries (webhook_id, change_seq)
      select w.id, s from public.webhooks w
      where private.severity_rank(new.severity) >= private.severity_rank(w.min_severity)
        and private.role_in_scope(w.role, w.unit_id, w.municipality_code,
                                  new.unit_id, new.municipality_code)
      on conflict do nothing;
    end if;
    s := null;
  end loop;
  return null;
end;
$$;
comment on function private.record_incident_change() is
  'Trigger: records an incident''s creation, escalation and status change once in incident_changes and queues it for the webhooks in scope and at or above their minimum severity.';
revoke execute on function private.record_incident_change() from public, anon, authenticated;

create trigger incidents_record_change
  after insert or update of severity, status on public.incidents
  for each row execute function private.record_incident_change();

-- ---------------------------------------------------------------------------------------------
-- The service role's API (invoker: the service role owns these tables' rights)
-- ---------------------------------------------------------------------------------------------
create function public.webhook_add(
  url text, role public.app_role, min_severity text default 'warning', unit_id text default null,
  municipality_code text default null, label text default null, id text default null,
  nonce text default null
) returns setof public.webhooks
language sql volatile security invoker set search_path = ''
as $$
  insert into public.webhooks (id, url, min_severity, role, unit_id, municipality_code, label, nonce)
  values (coalesce(webhook_add.id, 'wh-' || pg_catalog.substr(pg_catalog.md5(pg_catalog.random()::text || pg_catalog.clock_timestamp()::text), 1, 12)),
          webhook_add.url, webhook_add.min_severity, webhook_add.role,
          case when webhook_add.role in ('analyst', 'commander') then webhook_add.unit_id end,
          case when webhook_add.role = 'mayor' then webhook_add.municipality_code end,
          webhook_add.label,
          coalesce(webhook_add.nonce, pg_catalog.md5(pg_catalog.random()::text || pg_catalog.clock_timestamp()::text)))
  returning *
$$;
comment on function public.webhook_add(text, public.app_role, text, text, text, text, text, text) is
  'Service role: registers a webhook (url, role scope, minimum severity); returns it with its nonce (the secret is derived from it outside the database).';

create function public.webhook_list()
returns table (id text, url text, min_severity text, role public.app_role, unit_id text,
               municipality_code text, label text, created_at timestamptz, pending int,
               delivered int, failed int)
language sql stable security invoker set search_path = ''
as $$
  select w.id, w.url, w.min_severity, w.role, w.unit_id, w.municipality_code, w.label, w.created_at,
         (pg_catalog.count(*) filter (where d.status = 'pending'))::int,
         (pg_catalog.count(*) filter (where d.status = 'delivered'))::int,
         (pg_catalog.count(*) filter (where d.status = 'failed'))::int
  from public.webhooks w left join public.webhook_deliveries d on d.webhook_id = w.id
  group by w.id order by w.created_at, w.id
$$;
comment on function public.webhook_list() is 'Service role: the webhooks with their outbox counts (no secrets).';

create function public.webhook_remove(id text) returns int
language sql volatile security invoker set search_path = ''
as $$
  with d as (delete from public.webhooks w where w.id = webhook_remove.id returning 1)
  select pg_catalog.count(*)::int from d
$$;
comment on function public.webhook_remove(text) is 'Service role: removes a webhook and its outbox.';

-- Claims the due deliveries: each is pushed lease_s ahead, so that a worker that stops while
-- sending leaves it due again (a restarted worker sends it again under the same id).
create function public.webhook_claim(max_rows int default 20, lease_s int default 60)
returns table (webhook_id text, change_seq bigint, delivery_id text, url text, nonce text,
               attempts int, change text, incident_id text, at timestamptz, payload jsonb)
language sql volatile security invoker set search_path = ''
as $$
  with due as (
    select d.webhook_id, d.change_seq from public.webhook_deliveries d
    where d.status = 'pending' and d.next_at <= pg_catalog.now()
    order by d.next_at, d.change_seq
    limit least(greatest(coalesce(max_rows, 20), 1), 500)
    for update skip locked
  ), claimed as (
    update public.webhook_deliveries d
    set next_at = pg_catalog.now() + pg_catalog.make_interval(secs => least(greatest(coalesce(lease_s, 60), 1), 3600)),
        attempts = d.attempts + 1
    from due where d.webhook_id = due.webhook_id and d.change_seq = due.change_seq
    returning d.webhook_id, d.change_seq, d.attempts
  )
  select c.webhook_id, c.change_seq, x.id, w.url, w.nonce, c.attempts, x.change, x.incident_id,
         x.at, x.payload
  from claimed c
  join public.webhooks w on w.id = c.webhook_id
  join public.incident_changes x on x.seq = c.change_seq
  order by c.change_seq
$$;
comment on function public.webhook_claim(int, int) is
  'Service role: the due webhook deliveries (attempts counted), leased for lease_s seconds.';

create function public.webhook_settle(
  webhook_id text, change_seq bigint, ok boolean, http_status int default null,
  error text default null, retry_in_s double precision default null
) returns void
language sql volatile security invoker set search_path = ''
as $$
  update public.webhook_deliveries d
  set status = case when ok then 'delivered' when retry_in_s is null then 'failed' else 'pending' end,
      delivered_at = case when ok then pg_catalog.now() end,
      next_at = case when not ok and retry_in_s is not null
                     then pg_catalog.now() + pg_catalog.make_interval(secs => greatest(retry_in_s, 0))
                     else d.next_at end,
      last_status = http_status,
      last_error = pg_catalog.left(error, 500)
  where d.webhook_id = webhook_settle.webhook_id and d.change_seq = webhook_settle.change_seq
    and d.status = 'pending'
$$;
comment on function public.webhook_settle(text, bigint, boolean, int, text, double precision) is
  'Service role: the outcome of a delivery: delivered, retried after retry_in_s seconds, or failed (no retry_in_s).';

-- The incident changes after a sequence number, optionally in the scope of a role.
create function public.incident_changes_since(
  after_seq bigint default 0, role public.app_role default null, unit_id text default null,
  municipality_code text default null, max_rows int default 500
) returns table (seq bigint, id text, incident_id text, change text, at timestamptz, payload jsonb)
language sql stable security invoker set search_path = ''
as $$
  select x.seq, x.id, x.incident_id, x.change, x.at, x.payload
  from public.incident_changes x
  where x.seq > coalesce(after_seq, 0)
    and (incident_changes_since.role is null
         or private.role_in_scope(incident_changes_since.role, incident_changes_since.unit_id,
                                  incident_changes_since.municipality_code, x.unit_id,
                                  x.municipality_code))
  order by x.seq
  limit least(greatest(coalesce(max_rows, 500), 1), 5000)
$$;
comment on function public.incident_changes_since(bigint, public.app_role, text, text, int) is
  'The incident changes after seq, in order (under RLS for users; the service role may narrow them to a role''s scope).';

create function public.incident_changes_head() returns bigint
language sql stable security invoker set search_path = ''
as $$ select coalesce(pg_catalog.max(x.seq), 0) from public.incident_changes x $$;
comment on function public.incident_changes_head() is
  'The latest incident change''s seq (0 when none): where `uitkijk incidents --follow` starts.';
revoke execute on function public.incident_changes_head() from public, anon;
grant execute on function public.incident_changes_head() to authenticated, service_role;

revoke execute on function public.webhook_add(text, public.app_role, text, text, text, text, text, text),
  public.webhook_list(), public.webhook_remove(text), public.webhook_claim(int, int),
  public.webhook_settle(text, bigint, boolean, int, text, double precision)
  from public, anon, authenticated;
grant execute on function public.webhook_add(text, public.app_role, text, text, text, text, text, text),
  public.webhook_list(), public.webhook_remove(text), public.webhook_claim(int, int),
  public.webhook_settle(text, bigint, boolean, int, text, double precision)
  to service_role;
revoke execute on function public.incident_changes_since(bigint, public.app_role, text, text, int)
  from public, anon;
grant execute on function public.incident_changes_since(bigint, public.app_role, text, text, int)
  to authenticated, service_role;

-- Existing incidents: their creation and current state, not queued (no webhook exists yet).
insert into public.incident_changes (id, incident_id, change, severity, unit_id, municipality_code, at, payload)
select i.id || ':created', i.id, 'created', i.severity, i.unit_id, i.municipality_code, i.first_seen,
       private.incident_json(i)
from public.incidents i order by i.first_seen, i.id;
