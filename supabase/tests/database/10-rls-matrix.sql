-- The RLS matrix of docs/security.md, cell by cell: every table x command x role. Each cell runs
-- one statement as that role (tests.try, always rolled back) on the hand-built fixtures and
-- compares the outcome: 'denied' (no privilege, RLS with-check or trigger refusal), or 'ok:N'
-- where N is the number of fixture rows the statement saw or changed.
begin;

select tests.fixtures();
-- Incidents of the fixture alerts (issue 13), in T1/GM9991, T2/GM9993 and no unit.
insert into public.incidents (id, geom, severity, first_seen, last_update, unit_id, municipality_code) values
  ('test-inc1', extensions.st_setsrid(extensions.st_makepoint(20.5, 1), 4326), 'warning', '2024-04-27T12:10:00Z', '2024-04-27T12:10:00Z', 'T1', 'GM9991'),
  ('test-inc2', extensions.st_setsrid(extensions.st_makepoint(23, 1), 4326), 'critical', '2024-04-27T12:11:00Z', '2024-04-27T12:11:00Z', 'T2', 'GM9993'),
  ('test-inc3', extensions.st_setsrid(extensions.st_makepoint(30, 1), 4326), 'info', '2024-04-27T12:12:00Z', '2024-04-27T12:12:00Z', null, null);
insert into public.incident_events (incident_id, kind, at, alert_id) values
  ('test-inc1', 'alert', '2024-04-27T12:10:00Z', 'test-al1'),
  ('test-inc2', 'alert', '2024-04-27T12:11:00Z', 'test-al2'),
  ('test-inc3', 'alert', '2024-04-27T12:12:00Z', 'test-al3');
-- Calls for help handled by T1 and T2 (issue 13, item 4).
insert into public.help_handling (unit_id, source, post_id, state, updated_at) values
  ('T1', 'test', 't1', 'taken', '2024-04-27T12:10:00Z'), ('T2', 'test', 't3', 'done', '2024-04-27T12:10:00Z');
insert into public.help_events (unit_id, source, post_id, action, at) values
  ('T1', 'test', 't1', 'take', '2024-04-27T12:10:00Z'), ('T2', 'test', 't3', 'done', '2024-04-27T12:10:00Z');
-- A post placed by hand in T1/GM9991 (issue 13, item 4).
insert into public.post_placements (source, post_id, post_created_at, geom, precision_m, reason, unit_id, municipality_code)
values ('test', 't5', '2024-04-27T12:05:00Z', extensions.st_setsrid(extensions.st_makepoint(20.5, 1), 4326), 100, 'test', 'T1', 'GM9991');

create temporary table who (pos int, who text) on commit drop;
insert into who values
  (1, 'anon'), (2, 'analyst.t1@test'), (3, 'commander.t1@test'), (4, 'analyst.t2@test'),
  (5, 'mayor.gm9991@test'), (6, 'prosecutor@test'), (7, 'planner@test'), (8, 'norole@test'),
  (9, 'service_role');

-- outcome per role, in the order of `who`:
--   anon, analyst T1, commander T1, analyst T2, mayor GM9991, prosecutor, planner, no role, service_role
create temporary table matrix (tbl text, cmd text, sql text, expected text[]) on commit drop;
insert into matrix values
  ('police_units', 'select', $$select 1 from public.police_units where id in ('T1', 'T2', 'T3')$$,
   '{denied,ok:3,ok:3,ok:3,ok:3,ok:3,ok:3,ok:3,ok:3}'),
  ('police_units', 'insert', $$insert into public.police_units (id, name) values ('T9', 'Test Nine')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('police_units', 'update', $$update public.police_units set name = name where id in ('T1', 'T2', 'T3')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:3}'),
  ('police_units', 'delete', $$delete from public.police_units where id = 'T3'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('municipalities', 'select', $$select 1 from public.municipalities where code like 'GM999%'$$,
   '{denied,ok:4,ok:4,ok:4,ok:4,ok:4,ok:4,ok:4,ok:4}'),
  ('municipalities', 'insert', $$insert into public.municipalities (code, name, unit_id) values ('GM9998', 'X', 'T1')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('municipalities', 'update', $$update public.municipalities set name = name where code like 'GM999%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:4}'),
  ('municipalities', 'delete', $$delete from public.municipalities where code = 'GM9994'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('user_roles', 'select', $$select 1 from public.user_roles where user_id::text like 'f0000000-%'$$,
   '{denied,ok:1,ok:1,ok:1,ok:1,ok:1,ok:1,ok:0,ok:6}'),
  ('user_roles', 'insert', $$insert into public.user_roles (user_id, role) values ('f0000000-0000-4000-8000-000000000007', 'planner')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('user_roles', 'update', $$update public.user_roles set role = 'prosecutor', unit_id = null, municipality_code = null where user_id::text like 'f0000000-%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:6}'),
  ('user_roles', 'delete', $$delete from public.user_roles where user_id = 'f0000000-0000-4000-8000-000000000006'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('posts', 'select', $$select 1 from public.posts where source = 'test'$$,
   '{denied,ok:4,ok:2,ok:3,ok:1,ok:5,ok:5,ok:0,ok:5}'),
  ('posts', 'insert', $$insert into public.posts (source, id, created_at, author_ref) values ('test', 'x9', '2024-04-27T13:00:00Z', 'rz')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('posts', 'update', $$update public.posts set text = 'changed' where source = 'test'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:5}'),
  ('posts', 'delete', $$delete from public.posts where source = 'test' and id = 't5'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('posts_y2024m04 (a partition)', 'select', $$select 1 from public.posts_y2024m04 where source = 'test'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:5}'),
  ('posts_y2024m04 (a partition)', 'insert', $$insert into public.posts_y2024m04 (source, id, created_at, author_ref) values ('test', 'x9', '2024-04-27T13:00:00Z', 'rz')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('posts_y2024m04 (a partition)', 'update', $$update public.posts_y2024m04 set text = 'changed' where source = 'test'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:5}'),
  ('posts_y2024m04 (a partition)', 'delete', $$delete from public.posts_y2024m04 where source = 'test' and id = 't5'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('post_keys', 'select', $$select 1 from public.post_keys where source = 'test'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:5}'),
  ('post_keys', 'insert', $$insert into public.post_keys (source, id) values ('test', 'x9')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('post_keys', 'update', $$update public.post_keys set id = id where source = 'test'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:5}'),
  ('post_keys', 'delete', $$delete from public.post_keys where source = 'test' and id = 't5'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('author_handles', 'select', $$select 1 from public.author_handles where author_ref in ('ra', 'rb')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:2}'),
  ('author_handles', 'insert', $$insert into public.author_handles (author_ref, handle, source) values ('rz', '@zed', 'test')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('author_handles', 'update', $$update public.author_handles set handle = handle where author_ref in ('ra', 'rb')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:2}'),
  ('author_handles', 'delete', $$delete from public.author_handles where author_ref = 'rb'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('post_refs', 'select', $$select 1 from public.post_refs$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('post_refs', 'insert', $$insert into public.post_refs (source, id, raw_id) values ('test', 'ref:x', 'at://did:plc:z/p/1')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('post_refs', 'update', $$update public.post_refs set raw_id = raw_id$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('post_refs', 'delete', $$delete from public.post_refs$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),

  ('event_areas', 'select', $$select 1 from public.event_areas where name in ('A1', 'A2')$$,
   '{denied,ok:1,ok:1,ok:1,ok:1,ok:2,ok:2,ok:0,ok:2}'),
  ('event_areas', 'insert', $$insert into public.event_areas (name, unit_id, geom) values ('A9', 'T1', extensions.st_multi(extensions.st_makeenvelope(20, 0, 20.1, 0.1, 4326)))$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('event_areas', 'update', $$update public.event_areas set name = name where name in ('A1', 'A2')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:2}'),
  ('event_areas', 'delete', $$delete from public.event_areas where name = 'A2'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('incidents', 'select', $$select 1 from public.incidents where id like 'test-%'$$,
   '{denied,ok:2,ok:1,ok:2,ok:1,ok:3,ok:3,ok:0,ok:3}'),
  ('incidents', 'insert', $$insert into public.incidents (id, geom, severity, first_seen, last_update) values ('test-inc9', extensions.st_setsrid(extensions.st_makepoint(20.5, 1), 4326), 'info', now(), now())$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('incidents', 'update', $$update public.incidents set radius_m = 1 where id like 'test-%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:3}'),
  ('incidents', 'delete', $$delete from public.incidents where id = 'test-inc9'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('incident_events', 'select', $$select 1 from public.incident_events where incident_id like 'test-%'$$,
   '{denied,ok:2,ok:1,ok:2,ok:1,ok:3,ok:3,ok:0,ok:3}'),
  ('incident_events', 'insert', $$insert into public.incident_events (incident_id, kind, at, reason) values ('test-inc1', 'note', now(), 'x')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('incident_events', 'update', $$update public.incident_events set reason = reason where incident_id like 'test-%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:3}'),
  ('incident_events', 'delete', $$delete from public.incident_events where incident_id = 'test-inc3'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('incident_changes', 'select', $$select 1 from public.incident_changes where incident_id like 'test-%'$$,
   '{denied,ok:2,ok:1,ok:2,ok:1,ok:3,ok:3,ok:0,ok:3}'),
  ('incident_changes', 'insert', $$insert into public.incident_changes (id, incident_id, change, severity, at, payload) values ('test-inc1:resolved', 'test-inc1', 'resolved', 'warning', now(), '{}')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('incident_changes', 'update', $$update public.incident_changes set payload = payload where incident_id like 'test-%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:3}'),
  ('incident_changes', 'delete', $$delete from public.incident_changes where id = 'test-inc3:created'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('webhooks', 'select', $$select 1 from public.webhooks$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('webhooks', 'insert', $$insert into public.webhooks (id, url, role, nonce) values ('wh-test01', 'http://x.test/', 'planner', '00000000000000000000000000000000')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('webhooks', 'update', $$update public.webhooks set url = url$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('webhooks', 'delete', $$delete from public.webhooks$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('webhook_deliveries', 'select', $$select 1 from public.webhook_deliveries$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('webhook_deliveries', 'insert', $$insert into public.webhook_deliveries (webhook_id, change_seq) select w.id, 1 from public.webhooks w$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('webhook_deliveries', 'update', $$update public.webhook_deliveries set attempts = attempts$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('webhook_deliveries', 'delete', $$delete from public.webhook_deliveries$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('help_handling', 'select', $$select 1 from public.help_handling$$,
   '{denied,ok:1,ok:1,ok:1,ok:0,ok:2,ok:2,ok:0,ok:2}'),
  ('help_handling', 'insert', $$insert into public.help_handling (unit_id, source, post_id, state, updated_at) values ('T1', 'test', 't2', 'taken', now())$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('help_handling', 'update', $$update public.help_handling set state = state$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:2}'),
  ('help_handling', 'delete', $$delete from public.help_handling where post_id = 't3'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('help_events', 'select', $$select 1 from public.help_events$$,
   '{denied,ok:1,ok:1,ok:1,ok:0,ok:2,ok:2,ok:0,ok:2}'),
  ('help_events', 'insert', $$insert into public.help_events (unit_id, source, post_id, action, at) values ('T1', 'test', 't2', 'take', now())$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('help_events', 'update', $$update public.help_events set reason = reason$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:2}'),
  ('help_events', 'delete', $$delete from public.help_events where post_id = 't3'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('post_placements', 'select', $$select 1 from public.post_placements$$,
   '{denied,ok:1,ok:1,ok:0,ok:1,ok:1,ok:1,ok:0,ok:1}'),
  ('post_placements', 'insert', $$insert into public.post_placements (source, post_id, post_created_at, geom, precision_m, reason) values ('test', 't4', now(), extensions.st_setsrid(extensions.st_makepoint(20.5, 1), 4326), 1, 'x')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('post_placements', 'update', $$update public.post_placements set reason = reason$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('post_placements', 'delete', $$delete from public.post_placements where post_id = 't5'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('planned_event_status', 'select', $$select 1 from public.planned_event_status$$,
   '{denied,ok:0,ok:0,ok:0,ok:0,ok:0,ok:0,ok:0,ok:0}'),
  ('planned_event_status', 'insert', $$insert into public.planned_event_status (area_id) values ('a0000000-0000-4000-8000-000000000001')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('planned_event_status', 'update', $$update public.planned_event_status set suppressed = 0$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('planned_event_status', 'delete', $$delete from public.planned_event_status$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),

  ('alerts', 'select', $$select 1 from public.alerts where id like 'test-%'$$,
   '{denied,ok:2,ok:1,ok:2,ok:1,ok:3,ok:3,ok:0,ok:3}'),
  ('alerts', 'insert', $$insert into public.alerts (id, kind, detected_at, severity) values ('test-al9', 'crowd', now(), 'info')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('alerts', 'update', $$update public.alerts set score = 1 where id like 'test-%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:3}'),
  ('alerts', 'delete', $$delete from public.alerts where id = 'test-al3'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('audit_log', 'select', $$select 1 from public.audit_log where action like 'test:%'$$,
   '{denied,ok:1,ok:0,ok:0,ok:0,ok:2,ok:0,ok:0,ok:2}'),
  ('audit_log', 'insert', $$insert into public.audit_log (action) values ('test:three')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('audit_log', 'update', $$update public.audit_log set detail = '{}' where action like 'test:%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),
  ('audit_log', 'delete', $$delete from public.audit_log where action like 'test:%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),

  ('stream_clock', 'select', $$select 1 from public.stream_clock$$,
   '{denied,ok:1,ok:1,ok:1,ok:1,ok:1,ok:1,ok:1,ok:1}'),
  ('stream_clock', 'insert', $$insert into public.stream_clock (id, stream_time) values ('main', now()) on conflict (id) do update set speed = 2$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('stream_clock', 'update', $$update public.stream_clock set speed = 4$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('stream_clock', 'delete', $$delete from public.stream_clock$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),

  ('ingest_rejects', 'select', $$select 1 from public.ingest_rejects where origin = 'test'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:2}'),
  ('ingest_rejects', 'insert', $$insert into public.ingest_rejects (entry, origin, reason) values ('api', 'test', 'x')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('ingest_rejects', 'update', $$update public.ingest_rejects set reason = reason where origin = 'test'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:2}'),
  ('ingest_rejects', 'delete', $$delete from public.ingest_rejects where origin = 'test'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:2}'),
  ('api_keys', 'select', $$select 1 from public.api_keys where name like 'test-%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('api_keys', 'insert', $$insert into public.api_keys (name, key_hash) values ('test-2', repeat('b', 64))$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('api_keys', 'update', $$update public.api_keys set revoked_at = now() where name like 'test-%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('api_keys', 'delete', $$delete from public.api_keys where name like 'test-%'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('retention_settings', 'select', $$select 1 from public.retention_settings$$,
   '{denied,ok:5,ok:5,ok:5,ok:5,ok:5,ok:5,ok:5,ok:5}'),
  ('retention_settings', 'insert', $$insert into public.retention_settings (data_class, keep) values ('posts', '1 year') on conflict do nothing$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),
  ('retention_settings', 'update', $$update public.retention_settings set keep = keep$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:5}'),
  ('retention_settings', 'delete', $$delete from public.retention_settings$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),
  ('legal_holds', 'select', $$select 1 from public.legal_holds$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('legal_holds', 'insert', $$insert into public.legal_holds (kind, reason, post_ids) values ('alert', 'x', '{t1}')$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),
  ('legal_holds', 'update', $$update public.legal_holds set released_at = now()$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),
  ('legal_holds', 'delete', $$delete from public.legal_holds$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),
  ('view_audit', 'select', $$select 1 from public.view_audit$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:0}'),
  ('view_audit', 'insert', $$insert into public.view_audit (user_id, view_mode, area_id, t_from, t_to) values ('f0000000-0000-4000-8000-000000000001', 'live', gen_random_uuid(), now(), now())$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),
  ('view_audit', 'update', $$update public.view_audit set min_lon = 0$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),
  ('view_audit', 'delete', $$delete from public.view_audit$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,denied}'),
  ('realtime.messages', 'select', $$select 1 from realtime.messages where topic = 'test:x'$$,
   '{ok:0,ok:0,ok:0,ok:0,ok:0,ok:0,ok:0,ok:0,ok:1}'),
  ('realtime.messages', 'insert', $$insert into realtime.messages (topic, extension, private) values ('posts:unit:T1', 'broadcast', true)$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}'),
  ('realtime.messages', 'update', $$update realtime.messages set event = 'changed' where topic = 'test:x'$$,
   '{ok:0,ok:0,ok:0,ok:0,ok:0,ok:0,ok:0,ok:0,ok:1}'),
  ('realtime.messages', 'delete', $$delete from realtime.messages where topic = 'test:x'$$,
   '{denied,denied,denied,denied,denied,denied,denied,denied,ok:1}');

select plan((select count(*)::int * 9 from matrix) + 2);

select is(tests.try(w.who, m.sql), m.expected[w.pos], format('%s %s as %s', m.tbl, m.cmd, w.who))
from matrix m cross join who w
order by m.tbl, m.cmd, w.pos;

-- The matrix covers every table in public (and the realtime table) that exists.
select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c
   join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
     and c.relname not in ('spatial_ref_sys')),
  (select array_agg(distinct m.tbl order by m.tbl) from matrix m where m.tbl not like '%.%' and m.tbl not like '% %'),
  'the matrix covers every table in public');

select is(tests.try('prosecutor@test', $$select set_config('realtime.topic', 'posts:unit:T1', true); select 1 from realtime.messages where topic = 'test:x'$$),
  'ok:0', 'realtime.messages rows of another topic stay hidden whatever realtime.topic says');

select * from finish();
rollback;
