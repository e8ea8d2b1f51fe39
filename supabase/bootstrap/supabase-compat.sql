-- Supabase compatibility layer for plain PostgreSQL (15, Debian) and PGlite (0.5, PostgreSQL 18).
--
-- What a hosted Supabase project provides before our migrations run, and a plain database lacks:
-- the API roles, the `extensions` schema, the parts of `auth` and `realtime` our SQL uses, and
-- Supabase's default privileges. Modelled on supabase/postgres (init scripts), supabase/auth
-- (GoTrue's auth.users / auth.identities) and supabase/realtime (realtime.messages, topic(),
-- send()), reduced to what this project needs.
--
-- NEVER apply this file to a Supabase project: it would shadow Supabase's own objects.
-- Idempotent: safe to apply twice. Run as a superuser (postgres).

-- ---------------------------------------------------------------------------------------------
-- Roles (as Supabase: nologin API roles; the server connects as postgres and `set role`s)
-- ---------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Schemas and Supabase's default privileges
-- ---------------------------------------------------------------------------------------------
create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists realtime;

grant usage on schema public to anon, authenticated, service_role;
grant usage on schema extensions to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema realtime to anon, authenticated, service_role;

-- Supabase grants everything created by postgres in public to the API roles and relies on RLS
-- (and explicit revokes) to restrict it. Reproduced here so that the migrations are tested
-- against the same permissive defaults they meet on a hosted project.
alter default privileges for role postgres in schema public
  grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on sequences to anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on functions to anon, authenticated, service_role;
alter default privileges for role postgres in schema extensions
  grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema extensions
  grant all on sequences to anon, authenticated, service_role;
alter default privileges for role postgres in schema extensions
  grant all on functions to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- auth: the JWT accessors (as supabase/auth defines them) and the user tables GoTrue reads
-- ---------------------------------------------------------------------------------------------
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;

-- The columns of GoTrue's auth.users that a seed or the local server touches, with GoTrue's types
-- and defaults (token columns default to '' because GoTrue cannot scan NULL into them).
create table if not exists auth.users (
  instance_id uuid,
  id uuid not null primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255) default '',
  confirmation_sent_at timestamptz,
  recovery_token varchar(255) default '',
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255) default '',
  email_change varchar(255) default '',
  email_change_sent_at timestamptz,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text default null,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  reauthentication_token varchar(255) default '',
  banned_until timestamptz,
  is_sso_user boolean not null default false,
  is_anonymous boolean not null default false,
  deleted_at timestamptz
);
comment on table auth.users is 'Local stand-in for GoTrue''s auth.users (supabase-compat.sql).';
create unique index if not exists users_email_partial_key on auth.users (email) where (is_sso_user = false);

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid not null default gen_random_uuid() primary key,
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
comment on table auth.identities is 'Local stand-in for GoTrue''s auth.identities (supabase-compat.sql).';

-- As on Supabase, the API roles cannot read the auth tables directly.
revoke all on auth.users, auth.identities from anon, authenticated;
grant all on auth.users, auth.identities to service_role;

-- ---------------------------------------------------------------------------------------------
-- realtime: broadcast from the database (supabase/realtime's messages table, topic(), send())
-- ---------------------------------------------------------------------------------------------
-- Supabase partitions realtime.messages by inserted_at (daily) and removes old partitions; a
-- plain table is enough locally (the local server deletes rows it has delivered or that are old).
create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone not null default now(),
  inserted_at timestamp without time zone not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
);
comment on table realtime.messages is
  'Local stand-in for Supabase Realtime''s broadcast messages; RLS on it authorises private channels.';
create index if not exists messages_inserted_at_topic_index on realtime.messages (inserted_at desc, topic);
alter table realtime.messages enable row level security;

grant select, insert, update on realtime.messages to anon, authenticated;
grant all on realtime.messages to service_role;

-- The topic of the channel being authorised (set by Realtime, or by realtime.send).
create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
grant execute on function realtime.topic() to anon, authenticated, service_role;

-- As Supabase's realtime.send: insert a broadcast message; errors become warnings so that a
-- broadcast never aborts the transaction that caused it. Locally it also notifies the server
-- (which LISTENs on 'realtime_messages') with the message id; the notification is delivered on
-- commit, so rolled-back messages are never announced.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  new_id uuid;
begin
  begin
    perform pg_catalog.set_config('realtime.topic', topic, true);
    insert into realtime.messages (payload, event, topic, private, extension)
    values (payload, event, topic, private, 'broadcast')
    returning id into new_id;
    perform pg_catalog.pg_notify('realtime_messages', new_id::text);
  exception
    when others then
      raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;
revoke execute on function realtime.send(jsonb, text, text, boolean) from public, anon, authenticated;
grant execute on function realtime.send(jsonb, text, text, boolean) to service_role;

-- ---------------------------------------------------------------------------------------------
-- search_path as on Supabase: extensions (PostGIS, pgcrypto, pgTAP) reachable unqualified in
-- new sessions. Our own SQL qualifies every name and does not depend on it.
-- ---------------------------------------------------------------------------------------------
do $$
begin
  execute pg_catalog.format('alter database %I set search_path = "$user", public, extensions',
    pg_catalog.current_database());
end
$$;
alter role anon set search_path = "$user", public, extensions;
alter role authenticated set search_path = "$user", public, extensions;
alter role service_role set search_path = "$user", public, extensions;
