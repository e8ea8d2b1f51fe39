-- One scope check (issue 10): who may see which police unit or municipality is decided in one
-- place, private.scope(), and every select policy on a scoped table uses the same predicate over
-- it (one permissive policy per table and action), as do the realtime topic check and the alert
-- functions (private.in_scope). Replaces the per-role predicates written out in 11 policies.
--
-- The scope of the calling user (docs/security.md):
--   analyst     the rows of their unit and the rows without a unit ('' in units)
--   commander   the rows of their unit
--   mayor       the rows of their municipality
--   prosecutor, planner   everything (all_units)
--   no role, anon         nothing
--
-- The policies read the scope once per statement (initplans: `(select ...)`), then compare each
-- row's unit_id and municipality_code with it; the per-row work is two leakproof text
-- comparisons, no function call (a function with a fixed search_path is never inlined, and
-- would cost some microseconds per row).

-- ---------------------------------------------------------------------------------------------
-- The scope
-- ---------------------------------------------------------------------------------------------
create type private.scope as (
  all_units boolean,
  units text[],
  municipalities text[]
);
comment on type private.scope is
  'What a user may see: everything (all_units), rows of these units ('''' = rows without a unit), rows of these municipalities.';

-- Security invoker: a user reads their own user_roles row (policy "Users see their own role").
create function private.scope() returns private.scope
language sql stable security invoker set search_path = ''
as $$
  select coalesce(
    (select row(
       r.role in ('prosecutor', 'planner'),
       case r.role
         when 'analyst' then array[r.unit_id, '']
         when 'commander' then array[r.unit_id]
         else '{}'::text[]
       end,
       case r.role when 'mayor' then array[r.municipality_code] else '{}'::text[] end
     )::private.scope
     from public.user_roles r
     where r.user_id = auth.uid()),
    row(false, '{}'::text[], '{}'::text[])::private.scope)
$$;
comment on function private.scope() is
  'The calling user''s scope (the one place that maps application roles to units and municipalities).';

-- The same predicate as the policies, for one row (functions, the realtime topic check).
create function private.in_scope(unit_id text, municipality_code text) returns boolean
language sql stable security invoker set search_path = ''
as $$
  select coalesce(
    s.all_units
    or coalesce(unit_id, '') = any (s.units)
    or municipality_code = any (s.municipalities),
    false)
  from private.scope() s
$$;
comment on function private.in_scope(text, text) is
  'Whether a row of this unit (null: without a unit) and municipality is in the calling user''s scope.';

revoke execute on function private.scope(), private.in_scope(text, text) from public, anon;
grant execute on function private.scope(), private.in_scope(text, text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- One select policy per scoped table, all with the same predicate
-- ---------------------------------------------------------------------------------------------
drop policy "Analysts see posts of their unit and posts without a unit" on public.posts;
drop policy "Commanders see posts of their unit" on public.posts;
drop policy "Mayors see posts in their municipality" on public.posts;
drop policy "Prosecutors and planners see all posts" on public.posts;
drop policy "Analysts see alerts of their unit and alerts without a unit" on public.alerts;
drop policy "Commanders see alerts of their unit" on public.alerts;
drop policy "Mayors see alerts in their municipality" on public.alerts;
drop policy "Prosecutors and planners see all alerts" on public.alerts;
drop policy "Analysts and commanders see event areas of their unit" on public.event_areas;
drop policy "Mayors see event areas in their municipality" on public.event_areas;
drop policy "Prosecutors and planners see all event areas" on public.event_areas;

do $$
declare
  -- private.in_scope(unit_id, municipality_code), written out over initplans.
  predicate constant text := $p$
    (select (private.scope()).all_units)
    or coalesce(unit_id, '') = any ((select (private.scope()).units)::text[])
    or municipality_code = any ((select (private.scope()).municipalities)::text[])
  $p$;
  t text;
begin
  foreach t in array array['posts', 'alerts', 'event_areas'] loop
    execute pg_catalog.format(
      'create policy %I on public.%I for select to authenticated using (%s)',
      'Users see ' || pg_catalog.replace(t, '_', ' ') || ' in their scope', t, predicate);
  end loop;
end
$$;

drop policy "Users see their own audit entries" on public.audit_log;
drop policy "Prosecutors see all audit entries" on public.audit_log;
create policy "Users see their own audit entries, prosecutors all"
  on public.audit_log for select to authenticated
  using (user_id = (select auth.uid()) or (select private.app_role()) = 'prosecutor');

-- ---------------------------------------------------------------------------------------------
-- The realtime topic check and the alert check on the same scope
-- ---------------------------------------------------------------------------------------------
-- A unit or municipality topic carries every row of that unit or municipality, so it needs the
-- whole of it in scope: a unit topic the unit, a municipality topic the municipality or its unit.
create or replace function private.may_receive(topic text) returns boolean
language sql stable security invoker set search_path = ''
as $$
  select case
    when topic ~ '^(posts|alerts):unit:[^:]+$' then
      private.in_scope(pg_catalog.split_part(topic, ':', 3), null)
    when topic ~ '^(posts|alerts):gm:[^:]+$' then coalesce((
      select private.in_scope(m.unit_id, m.code)
      from public.municipalities m where m.code = pg_catalog.split_part(topic, ':', 3)), false)
    when topic = 'posts:unplaced' then private.in_scope(null, null)
    when topic ~ '^posts:h3:[^:]+$' then coalesce((select (private.scope()).all_units), false)
    else false
  end
$$;

-- Acknowledge and resolve: analysts and commanders, for alerts of their own unit in their scope.
create or replace function private.may_handle_alert(alert_unit text) returns boolean
language sql stable security invoker set search_path = ''
as $$
  select coalesce(
    private.app_role() in ('analyst', 'commander')
    and alert_unit is not null
    and private.in_scope(alert_unit, null),
    false)
$$;
