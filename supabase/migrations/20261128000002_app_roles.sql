-- Application roles: who a signed-in user is in the crisis room (analyst, commander, mayor,
-- prosecutor, planner) and the scope of that role. Database roles stay as Supabase has them
-- (anon, authenticated, service_role); everything an `authenticated` user may do follows from
-- their row in public.user_roles, read through the private helper functions below.

-- ---------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------
create type public.app_role as enum ('analyst', 'commander', 'mayor', 'prosecutor', 'planner');
comment on type public.app_role is 'Role of a user in the application; scope in public.user_roles.';

-- ---------------------------------------------------------------------------------------------
-- Table: user_roles (the foreign keys to police_units and municipalities are added by the
-- boundaries migration, which creates those tables)
-- ---------------------------------------------------------------------------------------------
create table public.user_roles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  role public.app_role not null,
  unit_id text,
  municipality_code text,
  display_name text,
  constraint user_roles_unit_scope check (role not in ('analyst', 'commander') or unit_id is not null),
  constraint user_roles_municipality_scope check (role <> 'mayor' or municipality_code is not null)
);
comment on table public.user_roles is
  'One application role per user with its scope: a police unit (analyst, commander), a municipality (mayor) or national (prosecutor, planner). Managed by administrators (service role).';

alter table public.user_roles enable row level security;

revoke all on table public.user_roles from anon, authenticated;
grant select on table public.user_roles to authenticated;
grant all on table public.user_roles to service_role;

create policy "Users see their own role"
  on public.user_roles for select to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Helper functions (private schema; not exposed through the Data API)
-- ---------------------------------------------------------------------------------------------
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create function private.app_role() returns public.app_role
language sql stable security definer set search_path = ''
as $$
  select r.role from public.user_roles r where r.user_id = auth.uid()
$$;
comment on function private.app_role() is 'The calling user''s application role, or null.';

create function private.app_unit() returns text
language sql stable security definer set search_path = ''
as $$
  select r.unit_id from public.user_roles r where r.user_id = auth.uid()
$$;
comment on function private.app_unit() is 'The police unit of the calling user''s role, or null.';

create function private.app_municipality() returns text
language sql stable security definer set search_path = ''
as $$
  select r.municipality_code from public.user_roles r where r.user_id = auth.uid()
$$;
comment on function private.app_municipality() is 'The municipality (CBS code) of the calling user''s role, or null.';

revoke execute on function private.app_role(), private.app_unit(), private.app_municipality() from public, anon;
grant execute on function private.app_role(), private.app_unit(), private.app_municipality()
  to authenticated, service_role;
