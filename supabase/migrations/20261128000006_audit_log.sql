-- Audit log: who did what to which object (acknowledging and resolving alerts, revealing an
-- author). Append-only for everyone, the service role and the table owner included: a trigger
-- refuses update, delete and truncate.

-- ---------------------------------------------------------------------------------------------
-- Table
-- ---------------------------------------------------------------------------------------------
create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id uuid,
  app_role text,
  action text not null,
  object text,
  detail jsonb
);
comment on table public.audit_log is 'Append-only record of sensitive actions (alert lifecycle, author reveals).';
create index audit_log_user_id_idx on public.audit_log (user_id, at);

-- ---------------------------------------------------------------------------------------------
-- Append-only enforcement
-- ---------------------------------------------------------------------------------------------
create function private.audit_log_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'audit_log is append-only (% refused)', tg_op using errcode = '42501';
end;
$$;
revoke execute on function private.audit_log_append_only() from public, anon, authenticated;

create trigger audit_log_no_update_delete
  before update or delete on public.audit_log
  for each row execute function private.audit_log_append_only();

create trigger audit_log_no_truncate
  before truncate on public.audit_log
  for each statement execute function private.audit_log_append_only();

-- ---------------------------------------------------------------------------------------------
-- Row level security: users read their own entries, prosecutors all; inserts only through the
-- security definer functions (private.audit) and the service role
-- ---------------------------------------------------------------------------------------------
alter table public.audit_log enable row level security;

revoke all on table public.audit_log from anon, authenticated;
revoke update, delete, truncate on table public.audit_log from service_role;
grant select on table public.audit_log to authenticated;
grant select, insert on table public.audit_log to service_role;

create policy "Users see their own audit entries"
  on public.audit_log for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Prosecutors see all audit entries"
  on public.audit_log for select to authenticated
  using ((select private.app_role()) = 'prosecutor');

-- ---------------------------------------------------------------------------------------------
-- Helper for the security definer functions that must leave a trace
-- ---------------------------------------------------------------------------------------------
create function private.audit(action text, object text, detail jsonb default null) returns void
language sql volatile security definer set search_path = ''
as $$
  insert into public.audit_log (user_id, app_role, action, object, detail)
  values (auth.uid(), private.app_role()::text, action, object, detail)
$$;
comment on function private.audit(text, text, jsonb) is 'Append an audit entry for the calling user.';
revoke execute on function private.audit(text, text, jsonb) from public, anon, authenticated;
grant execute on function private.audit(text, text, jsonb) to service_role;
