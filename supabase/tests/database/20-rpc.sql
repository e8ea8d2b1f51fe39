-- The RPC functions of docs/backend.md on the hand-built fixtures (see 00-helpers.sql): correct
-- results per role, and refusal for the roles that may not call them.
begin;
select plan(59);

select tests.fixtures();

-- ---------------------------------------------------------------------------------------------
-- me
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('analyst.t1@test');
select is(
  (select public.me()::jsonb),
  '{"user_id": "f0000000-0000-4000-8000-000000000001", "email": "analyst.t1@test", "role": "analyst",
    "unit_id": "T1", "municipality_code": null, "display_name": "analyst.t1@test"}'::jsonb,
  'me() describes the caller');
select tests.authenticate_as('norole@test');
select is((select public.me()::jsonb ->> 'role'), null, 'me() of a user without a role has role null');
select tests.clear_authentication();
select is(tests.try('anon', 'select public.me()'), 'denied', 'anon may not call me()');

-- ---------------------------------------------------------------------------------------------
-- heat_cells
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('prosecutor@test');
select results_eq(
  $$select h3, n, authors from public.heat_cells(19, -1, 31, 3, '2024-04-27T12:00Z', '2024-04-27T13:00Z', 8) order by h3$$,
  $$values ('881f0b3a8bfffff', 1, 1), ('881f0b3a8dfffff', 1, 1), ('881f0b7a8bfffff', 1, 1), ('881f0bba8bfffff', 1, 1)$$,
  'heat_cells res 8: one cell per located post');
select results_eq(
  $$select h3, n, authors from public.heat_cells(19, -1, 31, 3, '2024-04-27T12:00Z', '2024-04-27T13:00Z', 5) order by h3$$,
  $$values ('851f0b3ffffffff', 2, 1), ('851f0b7ffffffff', 1, 1), ('851f0bbffffffff', 1, 1)$$,
  'heat_cells res 5: posts and distinct authors per cell');
select results_eq(
  $$select h3, n from public.heat_cells(20, 0, 21, 2, '2024-04-27T12:00Z', '2024-04-27T13:00Z', 10)$$,
  $$values ('8a1f0b3a8b97fff', 1)$$,
  'heat_cells res 10 within a bounding box');
select is_empty(
  $$select * from public.heat_cells(19, -1, 31, 3, '2024-04-27T12:02Z', '2024-04-27T12:02Z', 8)$$,
  'heat_cells: an empty window has no cells');
select results_eq(
  $$select h3 from public.heat_cells(19, -1, 31, 3, '2024-04-27T12:02Z', '2024-04-27T12:03Z', 8)$$,
  $$values ('881f0b3a8dfffff')$$,
  'heat_cells: the window is [t_from, t_to)');
select throws_ok(
  $$select * from public.heat_cells(19, -1, 31, 3, '2024-04-27T12:00Z', '2024-04-27T13:00Z', 7)$$,
  '22023', null, 'heat_cells refuses a resolution other than 5, 8, 10');
select tests.authenticate_as('mayor.gm9991@test');
select results_eq(
  $$select h3, n from public.heat_cells(19, -1, 31, 3, '2024-04-27T12:00Z', '2024-04-27T13:00Z', 8)$$,
  $$values ('881f0b3a8bfffff', 1)$$,
  'heat_cells for a mayor: only posts in their municipality');
select tests.authenticate_as('analyst.t1@test');
select results_eq(
  $$select h3 from public.heat_cells(19, -1, 31, 3, '2024-04-27T12:00Z', '2024-04-27T13:00Z', 8) order by h3$$,
  $$values ('881f0b3a8bfffff'), ('881f0b3a8dfffff'), ('881f0bba8bfffff')$$,
  'heat_cells for an analyst: their unit and unplaced posts');
select tests.clear_authentication();
select is(tests.try('anon', $$select * from public.heat_cells(19, -1, 31, 3, now(), now(), 8)$$), 'denied',
  'anon may not call heat_cells');

-- ---------------------------------------------------------------------------------------------
-- heat_cells_area
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('commander.t1@test');
select results_eq(
  $$select h3, n, authors from public.heat_cells_area('a0000000-0000-4000-8000-000000000001', '2024-04-27T12:00Z', '2024-04-27T13:00Z', 8)$$,
  $$values ('881f0b3a8bfffff', 1, 1)$$,
  'heat_cells_area: the posts inside the area');
select tests.authenticate_as('analyst.t2@test');
select is_empty(
  $$select * from public.heat_cells_area('a0000000-0000-4000-8000-000000000001', '2024-04-27T12:00Z', '2024-04-27T13:00Z', 8)$$,
  'heat_cells_area: nothing for an area the caller cannot see');
select tests.clear_authentication();
select is(tests.try('anon', $$select * from public.heat_cells_area('a0000000-0000-4000-8000-000000000001', now(), now(), 8)$$),
  'denied', 'anon may not call heat_cells_area');

-- ---------------------------------------------------------------------------------------------
-- corridors
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('prosecutor@test');
select results_eq(
  $$select from_h3, to_h3, n, authors from public.corridors(19, -1, 31, 3, '2024-04-27T12:00Z', '2024-04-27T13:00Z')$$,
  $$values ('881f0b3a8bfffff', '881f0b3a8dfffff', 1, 1)$$,
  'corridors: author ra moved from t1''s cell to t2''s cell');
select is_empty(
  $$select * from public.corridors(19, -1, 31, 3, '2024-04-27T12:00Z', '2024-04-27T13:00Z', 8, 2)$$,
  'corridors: min_authors filters');
select is_empty(
  $$select * from public.corridors(19, -1, 31, 3, '2024-04-27T12:00Z', '2024-04-27T13:00Z', 5)$$,
  'corridors: no move at resolution 5 (same cell)');
select tests.authenticate_as('mayor.gm9991@test');
select is_empty(
  $$select * from public.corridors(19, -1, 31, 3, '2024-04-27T12:00Z', '2024-04-27T13:00Z')$$,
  'corridors for a mayor: the post outside their municipality is invisible, so no move');
select tests.clear_authentication();
select is(tests.try('anon', $$select * from public.corridors(19, -1, 31, 3, now(), now())$$), 'denied',
  'anon may not call corridors');

-- ---------------------------------------------------------------------------------------------
-- posts_in_window
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('analyst.t1@test');
select results_eq(
  $$select id from public.posts_in_window('2024-04-27T12:00Z', '2024-04-27T13:00Z')$$,
  $$values ('t1'), ('t2'), ('t4'), ('t5')$$,
  'posts_in_window: visible posts in created_at order');
select results_eq(
  $$select id from public.posts_in_window('2024-04-27T12:00Z', '2024-04-27T13:00Z', 20, 0, 22, 2)$$,
  $$values ('t1'), ('t2')$$,
  'posts_in_window: bounding box');
select results_eq(
  $$select id from public.posts_in_window('2024-04-27T12:00Z', '2024-04-27T13:00Z', lim => 1)$$,
  $$values ('t1')$$,
  'posts_in_window: lim');
select results_eq(
  $$select id, source, author, created_at, text, method::text, precision_m, x, y, h3_r8
    from public.posts_in_window('2024-04-27T12:00Z', '2024-04-27T12:01:30Z')$$,
  $$values ('t1', 'test', 'ra', '2024-04-27T12:01:00Z'::timestamptz, 'eerste', 'gps', 10::real, 20.5::float8, 1.0::float8, '881f0b3a8bfffff')$$,
  'posts_in_window: the client row');
select tests.authenticate_as('planner@test');
select is(
  (select count(*)::int from public.posts_in_window('2024-04-27T12:00Z', '2024-04-27T13:00Z') p
   where to_jsonb(p)::text like '%@alice%' or to_jsonb(p)::text like '%@bob%'),
  0, 'posts_in_window for a planner: no raw handle anywhere in the rows');
select tests.clear_authentication();
select is(tests.try('anon', $$select * from public.posts_in_window(now(), now())$$), 'denied',
  'anon may not call posts_in_window');

-- ---------------------------------------------------------------------------------------------
-- posts_since
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('commander.t1@test');
select results_eq(
  $$select id from public.posts_since('-infinity', '2024-04-27T00:00Z')$$,
  $$values ('t1'), ('t2')$$,
  'posts_since: visible posts in ingested_at order');
select results_eq(
  $$select id from public.posts_since((select ingested_at from public.posts where source = 'test' and id = 't1'), '2024-04-27T00:00Z')$$,
  $$values ('t2')$$,
  'posts_since: since is exclusive');
select is_empty(
  $$select id from public.posts_since('-infinity', '2024-04-27T12:01:30Z', 10) where id = 't1'$$,
  'posts_since: min_created filters by created_at');
select tests.clear_authentication();
select is(tests.try('anon', $$select * from public.posts_since(now(), now())$$), 'denied',
  'anon may not call posts_since');

-- ---------------------------------------------------------------------------------------------
-- area_stats
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('prosecutor@test');
select results_eq(
  $$select name, posts, authors, per_minute from public.area_stats('2024-04-27T12:00Z', '2024-04-27T13:00Z') where name in ('A1', 'A2')$$,
  $$values ('A1', 1, 1, (1 / 60.0)::real), ('A2', 1, 1, (1 / 60.0)::real)$$,
  'area_stats: posts, authors and rate per visible area');
select tests.authenticate_as('mayor.gm9991@test');
select results_eq(
  $$select name, posts from public.area_stats('2024-04-27T12:00Z', '2024-04-27T13:00Z') where name in ('A1', 'A2', 'Dam')$$,
  $$values ('A1', 1)$$,
  'area_stats for a mayor: only their areas');
select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------------
-- open_alerts, acknowledge_alert, resolve_alert (+ audit log, lifecycle)
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('analyst.t1@test');
select results_eq($$select id from public.open_alerts()$$, $$values ('test-al3'), ('test-al1')$$,
  'open_alerts: visible open alerts, newest first');
select is((select status::text from public.acknowledge_alert('test-al1')), 'acknowledged',
  'an analyst of the unit acknowledges an alert');
select throws_ok($$select public.acknowledge_alert('test-al1')$$, '55000', null,
  'an acknowledged alert cannot be acknowledged again');
select throws_ok($$select public.acknowledge_alert('test-al2')$$, 'PT404', 'alert test-al2 not found',
  'an analyst cannot acknowledge an alert of another unit (hidden: answered as not found)');
select throws_ok($$select public.acknowledge_alert('test-al3')$$, '42501', null,
  'nobody acknowledges an alert without a unit through the API');
select throws_ok($$select public.acknowledge_alert('no-such-alert')$$, 'PT404', 'alert no-such-alert not found',
  'acknowledging an unknown alert fails');
select tests.authenticate_as('commander.t1@test');
select results_eq(
  $$select status::text, resolution_note, resolved_by from public.resolve_alert('test-al1', 'handled')$$,
  $$values ('resolved', 'handled', 'f0000000-0000-4000-8000-000000000002'::uuid)$$,
  'a commander of the unit resolves an alert, with a note');
select throws_ok($$select public.resolve_alert('test-al1')$$, '55000', null, 'a resolved alert stays resolved');
select tests.authenticate_as('mayor.gm9991@test');
select throws_ok($$select public.acknowledge_alert('test-al1')$$, '42501', null, 'a mayor cannot acknowledge');
select tests.authenticate_as('prosecutor@test');
select throws_ok($$select public.resolve_alert('test-al2')$$, '42501', null, 'a prosecutor cannot resolve');
select tests.clear_authentication();
select results_eq(
  $$select user_id, app_role, action, object from public.audit_log where object = 'test-al1' order by id$$,
  $$values ('f0000000-0000-4000-8000-000000000001'::uuid, 'analyst', 'acknowledge_alert', 'test-al1'),
           ('f0000000-0000-4000-8000-000000000002'::uuid, 'commander', 'resolve_alert', 'test-al1')$$,
  'acknowledging and resolving are audit-logged');
select throws_ok($$update public.alerts set status = 'new' where id = 'test-al1'$$, '55000', null,
  'lifecycle: even the service cannot reopen a resolved alert');
select is(tests.try('anon', $$select * from public.open_alerts()$$), 'denied', 'anon may not call open_alerts');

-- ---------------------------------------------------------------------------------------------
-- reveal_author
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('prosecutor@test');
select results_eq($$select author_ref, handle, source from public.reveal_author('ra')$$,
  $$values ('ra', '@alice', 'test')$$, 'a prosecutor reveals an author');
select tests.clear_authentication();
select results_eq(
  $$select user_id, action, object, detail from public.audit_log where action = 'reveal_author'$$,
  $$values ('f0000000-0000-4000-8000-000000000005'::uuid, 'reveal_author', 'ra', '{"found": true}'::jsonb)$$,
  'the reveal is audit-logged');
select is(tests.try('planner@test', $$select * from public.reveal_author('ra')$$), 'denied', 'a planner cannot reveal an author');
select is(tests.try('analyst.t1@test', $$select * from public.reveal_author('ra')$$), 'denied', 'an analyst cannot reveal an author');
select is(tests.try('anon', $$select * from public.reveal_author('ra')$$), 'denied', 'anon cannot reveal an author');

-- ---------------------------------------------------------------------------------------------
-- stream_clock, set_stream_clock
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('planner@test');
select is((select public.stream_clock() ->> 'scenario'), 'test', 'stream_clock() for a signed-in user');
select tests.clear_authentication();
select is(tests.try('analyst.t1@test', $$select public.set_stream_clock('x', now(), 2)$$), 'denied',
  'set_stream_clock is the service role''s');
select tests.authenticate_as_service_role();
select is(
  (select public.set_stream_clock('koningsdag', '2024-04-27T10:00Z', 8)::jsonb - 'wall_time' - 'server_time'),
  '{"scenario": "koningsdag", "stream_time": "2024-04-27T10:00:00+00:00", "speed": 8,
    "state": "playing", "ended_at": null, "stream_end": null, "run": 0}'::jsonb,
  'set_stream_clock sets and returns the clock')
  where current_setting('TimeZone') in ('UTC', 'Etc/UTC')
union all
select is((select public.set_stream_clock('koningsdag', '2024-04-27T10:00Z', 8)::jsonb ->> 'scenario'), 'koningsdag',
  'set_stream_clock sets and returns the clock')
  where current_setting('TimeZone') not in ('UTC', 'Etc/UTC');
select ok((select public.set_stream_clock(null, null)) is null, 'set_stream_clock(null, null) clears the clock');
select ok((select public.stream_clock()) is null, 'stream_clock() is null when live');

-- ---------------------------------------------------------------------------------------------
-- load_boundaries
-- ---------------------------------------------------------------------------------------------
select results_eq(
  $$select * from public.load_boundaries(
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Test Three"},
      "geometry": {"type": "Polygon", "coordinates": [[[40, 0], [41, 0], [41, 1], [40, 1], [40, 0]]]}}]}',
    '[{"type": "Feature", "properties": {"code": "GM9995", "name": "Nieuwdorp", "police_unit": "Test Three"},
      "geometry": {"type": "Polygon", "coordinates": [[[40, 0], [40.5, 0], [40.5, 1], [40, 1], [40, 0]]]}}]',
    'test-file')$$,
  $$values (1, 1)$$, 'load_boundaries sets unit polygons and upserts municipalities');
select tests.clear_authentication();
select is(
  (select format('%s %s %s', m.unit_id, m.geom_source, extensions.st_geometrytype(m.geom)) from public.municipalities m where m.code = 'GM9995'),
  'T3 test-file ST_MultiPolygon', 'load_boundaries: municipality with its unit, source and a MultiPolygon');
select is(tests.try('service_role', $$select public.load_boundaries('[{"type": "Feature", "properties": {"name": "Atlantis"}, "geometry": {"type": "Point", "coordinates": [0, 0]}}]', null)$$),
  'error:22023 unknown police unit name: Atlantis', 'load_boundaries refuses an unknown unit name');
select is(tests.try('prosecutor@test', $$select public.load_boundaries(null, null)$$), 'denied',
  'load_boundaries is the service role''s');

select * from finish();
rollback;
