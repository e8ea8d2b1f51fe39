-- Structure and hardening: RLS everywhere, partitions locked down, no function for anon,
-- security definer functions with an empty search_path, extensions in their schema.
begin;
select plan(14);

select is(
  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity),
  0, 'every table in public, partitions included, has RLS enabled');

select is(
  (select count(*)::int from pg_inherits where inhparent = 'public.posts'::regclass),
  16 * 12 + 1, 'posts has a partition per month 2012-01..2027-12 and a default partition');

select is(
  (select pg_get_expr(c.relpartbound, c.oid) from pg_class c where c.relname = 'posts_y2024m04'),
  $$FOR VALUES FROM ('2024-04-01 00:00:00+00') TO ('2024-05-01 00:00:00+00')$$,
  'partition bounds are whole UTC months')
  where current_setting('TimeZone') in ('UTC', 'Etc/UTC')
union all
select pass('partition bounds are whole UTC months (checked under UTC only)')
  where current_setting('TimeZone') not in ('UTC', 'Etc/UTC');

select is(
  (select count(*)::int from pg_inherits i
   where i.inhparent = 'public.posts'::regclass
     and (has_table_privilege('authenticated', i.inhrelid, 'select,insert,update,delete')
          or has_table_privilege('anon', i.inhrelid, 'select,insert,update,delete'))),
  0, 'no partition of posts is granted to anon or authenticated');

select is(
  (select array_agg(p.oid::regprocedure::text order by p.oid::regprocedure::text) from pg_proc p
   join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')),
  null, 'anon may execute no function in public or private');

select set_eq(
  $$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private') and has_function_privilege('authenticated', p.oid, 'execute')$$,
  array[
    'private.alert_json(alerts)', 'private.app_municipality()', 'private.app_role()', 'private.app_unit()',
    'private.check_res(integer)', 'private.grid_cell(double precision,double precision)',
    'private.grid_cells(double precision,double precision,double precision,double precision)',
    'private.posts_in_box(timestamp with time zone,timestamp with time zone,double precision,double precision,double precision,double precision)',
    'private.h3_from_hex(text)', 'private.h3_hex(bigint)', 'private.h3_parent(bigint,integer)',
    'private.may_handle_alert(text)', 'private.may_receive(text)',
    'private.scope()', 'private.in_scope(text,text)',
    'private.me()', 'private.acknowledge_alert(text)', 'private.resolve_alert(text,text)',
    'private.reveal_author(text)', 'private.ingest_rejects(timestamp with time zone,integer,text)',
    'private.reveal_reject(bigint,text)',
    'private.export_evidence(timestamp with time zone,timestamp with time zone,double precision,double precision,double precision,double precision,text)',
    'acknowledge_alert(text)', 'area_stats(timestamp with time zone,timestamp with time zone)',
    'open_incidents()', 'incident_detail(text)', 'incident_act(text,text,text)',
    'private.incident_act(text,text,text)', 'private.incident_json(incidents)', 'private.stream_now()',
    'incident_changes_since(bigint,app_role,text,text,integer)', 'incident_changes_head()',
    'private.role_in_scope(app_role,text,text,text,text)', 'private.severity_rank(text)',
    'help_act(text,text,text,text)', 'help_states()', 'private.help_act(text,text,text,text)', 'private.help_json(help_handling)',
    'unplaced_posts(timestamp with time zone,timestamp with time zone,integer)',
    'place_post(text,text,double precision,double precision,text,text,real,text,text,text)',
    'private.place_post(text,text,double precision,double precision,real,text,text,text,text,text)',
    'corridors(double precision,double precision,double precision,double precision,timestamp with time zone,timestamp with time zone,integer,integer)',
    'heat_cells(double precision,double precision,double precision,double precision,timestamp with time zone,timestamp with time zone,integer)',
    'heat_cells_area(uuid,timestamp with time zone,timestamp with time zone,integer)',
    'me()', 'open_alerts()',
    'posts_in_window(timestamp with time zone,timestamp with time zone,double precision,double precision,double precision,double precision,integer)',
    'posts_since(timestamp with time zone,timestamp with time zone,integer,text,text)',
    'resolve_alert(text,text)', 'reveal_author(text)', 'stream_clock()',
    'areas()', 'export_evidence(timestamp with time zone,timestamp with time zone,double precision,double precision,double precision,double precision,text)',
    'help_queue(timestamp with time zone,timestamp with time zone,integer)',
    'ingest_rejects(timestamp with time zone,integer,text)', 'reveal_reject(bigint,text)',
    'reveal_post(text,text,text)', 'private.reveal_post(text,text,text)',
    'private.export_evidence(timestamp with time zone,timestamp with time zone,double precision,double precision,double precision,double precision,text)',
    'legal_holds()', 'private.legal_holds()', 'hold_alert_evidence(text,text)',
    'private.hold_alert_evidence(text,text)', 'release_legal_hold(bigint,text)',
    'private.release_legal_hold(bigint,text)',
    'log_view(double precision,double precision,double precision,double precision,timestamp with time zone,timestamp with time zone,text,uuid)',
    'private.log_view(double precision,double precision,double precision,double precision,timestamp with time zone,timestamp with time zone,text,uuid)',
    'read_audit(timestamp with time zone,timestamp with time zone,uuid,integer)',
    'private.read_audit(timestamp with time zone,timestamp with time zone,uuid,integer)',
    'register_planned_event(text,jsonb,timestamp with time zone,timestamp with time zone,integer)',
    'private.register_planned_event(text,jsonb,timestamp with time zone,timestamp with time zone,integer)',
    'withdraw_planned_event(uuid,text)', 'private.withdraw_planned_event(uuid,text)', 'planned_events()'
  ],
  'authenticated may execute exactly the read API, the alert actions and the policy helpers');

select ok(
  not has_function_privilege('authenticated', 'public.ingest_posts(jsonb)', 'execute')
  and not has_function_privilege('authenticated', 'public.set_stream_clock(text, timestamptz, real)', 'execute')
  and not has_function_privilege('authenticated', 'public.load_boundaries(jsonb, jsonb, text)', 'execute')
  and not has_function_privilege('authenticated', 'public.ingest_post_keys(jsonb)', 'execute')
  and not has_function_privilege('authenticated', 'public.record_rejects(jsonb)', 'execute')
  and not has_function_privilege('authenticated', 'public.create_api_key(text, text, text, int, int)', 'execute')
  and not has_function_privilege('authenticated', 'public.revoke_api_key(text)', 'execute')
  and not has_function_privilege('authenticated', 'public.api_key_lookup(text)', 'execute')
  and not has_function_privilege('authenticated', 'public.upsert_alerts(jsonb)', 'execute')
  and not has_function_privilege('authenticated', 'public.detector_alerts(timestamptz)', 'execute'),
  'service-only functions are not executable by authenticated');

select ok(
  has_function_privilege('service_role', 'public.ingest_posts(jsonb)', 'execute')
  and has_function_privilege('service_role', 'public.set_stream_clock(text, timestamptz, real)', 'execute')
  and has_function_privilege('service_role', 'public.load_boundaries(jsonb, jsonb, text)', 'execute')
  and has_function_privilege('service_role', 'public.ingest_post_keys(jsonb)', 'execute')
  and has_function_privilege('service_role', 'public.record_rejects(jsonb)', 'execute')
  and has_function_privilege('service_role', 'public.api_key_lookup(text)', 'execute')
  and has_function_privilege('service_role', 'public.detector_alerts(timestamptz)', 'execute'),
  'service-only functions are executable by service_role');

select is(
  (select array_agg(p.oid::regprocedure::text order by p.oid::regprocedure::text) from pg_proc p
   join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in ('public', 'private') and p.prosecdef
     and not coalesce(p.proconfig @> array['search_path=""'], false)),
  null, 'every security definer function sets search_path = ''''');

select is(
  (select array_agg(format('%s on %s', pol.polname, pol.polrelid::regclass)) from pg_policy pol
   where pol.polroles @> array[0::oid] or pol.polcmd = '*'),
  null, 'every policy names its role and its command');

select is(
  (select array_agg(e.extname::text || ':' || n.nspname::text order by e.extname) from pg_extension e
   join pg_namespace n on n.oid = e.extnamespace where e.extname in ('postgis', 'pgcrypto')),
  array['pgcrypto:extensions', 'postgis:extensions'], 'postgis and pgcrypto live in schema extensions');

select is(
  (select format('%s/%s/%s', t.tgtype & 1, t.tgtype & 4, t.tgnewtable)
   from pg_trigger t where t.tgrelid = 'public.posts'::regclass and t.tgname = 'posts_broadcast'),
  '0/4/new_posts', 'posts_broadcast is a statement-level after-insert trigger with a transition table');

select has_index('public', 'posts', 'posts_created_at_brin', 'posts has a BRIN index on created_at');
select is(
  (select array_agg(am.amname::text || ':' || pg_get_indexdef(i.indexrelid, 1, true) order by am.amname::text || ':' || pg_get_indexdef(i.indexrelid, 1, true))
   from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
   where i.indrelid = 'public.posts'::regclass),
  array['brin:created_at', 'btree:created_at', 'btree:created_at', 'btree:grid', 'btree:ingested_at', 'gist:geom'],
  'posts indexes: BRIN created_at, GiST geom, btree ingested_at, primary key, calls for help');

select * from finish();
rollback;
