-- Accounts of real users (issue 10): `uitkijk user add|list|remove` creates the auth user through
-- the auth admin API and sets the application role and its scope here. Service role only.

-- ---------------------------------------------------------------------------------------------
-- set_user_role: one role per user, its scope checked against the role and the tables, with
-- errors that say what is wrong (unknown unit or municipality, missing or superfluous scope).
-- ---------------------------------------------------------------------------------------------
create or replace function public.set_user_role(
  target_user uuid,
  new_role public.app_role,
  unit text default null,
  municipality text default null,
  name text default null
) returns public.user_roles
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  result public.user_roles;
begin
  if target_user is null or new_role is null then
    raise exception using errcode = '22023', message = 'set_user_role: user and role are required';
  end if;
  if new_role in ('analyst', 'commander') then
    if unit is null then
      raise exception using errcode = '22023',
        message = format('role %s needs a police unit (--unit)', new_role);
    end if;
    if municipality is not null then
      raise exception using errcode = '22023',
        message = format('role %s is scoped by police unit only, not by municipality', new_role);
    end if;
  elsif new_role = 'mayor' then
    if municipality is null then
      raise exception using errcode = '22023', message = 'role mayor needs a municipality (--municipality)';
    end if;
    if unit is not null then
      raise exception using errcode = '22023', message = 'role mayor is scoped by municipality only, not by police unit';
    end if;
  elsif unit is not null or municipality is not null then
    raise exception using errcode = '22023',
      message = format('role %s is national: no police unit or municipality', new_role);
  end if;
  if unit is not null and not exists (select 1 from public.police_units p where p.id = unit) then
    raise exception using errcode = '22023',
      message = format('unknown police unit %s (known: %s)', unit,
        (select string_agg(p.id, ', ' order by p.id) from public.police_units p));
  end if;
  if municipality is not null
     and not exists (select 1 from public.municipalities m where m.code = municipality) then
    raise exception using errcode = '22023',
      message = format('unknown municipality %s (a CBS code such as GM0014; %s known)', municipality,
        (select count(*) from public.municipalities));
  end if;
  insert into public.user_roles as r (user_id, role, unit_id, municipality_code, display_name)
  values (target_user, new_role, unit, municipality, name)
  on conflict (user_id) do update
    set role = excluded.role, unit_id = excluded.unit_id,
        municipality_code = excluded.municipality_code,
        display_name = coalesce(excluded.display_name, r.display_name)
  returning * into result;
  return result;
end;
$$;
comment on function public.set_user_role(uuid, public.app_role, text, text, text) is
  'Service role: sets a user''s application role and scope (uitkijk user add).';

create or replace function public.list_user_roles()
returns setof public.user_roles
language sql stable security invoker set search_path = ''
as $$
  select r.* from public.user_roles r order by r.role, r.user_id
$$;
comment on function public.list_user_roles() is 'Service role: every user''s role and scope (uitkijk user list).';

revoke execute on function public.set_user_role(uuid, public.app_role, text, text, text),
  public.list_user_roles() from public, anon, authenticated;
grant execute on function public.set_user_role(uuid, public.app_role, text, text, text),
  public.list_user_roles() to service_role;
