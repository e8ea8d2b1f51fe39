-- The triage of posts without a location (issue 13, item 4): unplaced_posts lists them in the
-- caller's scope; place_post places one by hand (method manual) with a reason, fills its unit and
-- municipality from the boundaries, writes post_placements and the audit log and broadcasts it;
-- posts_in_window then answers it as a located post.
begin;
select plan(14);

select tests.fixtures();
delete from realtime.messages;

select is(tests.try('analyst.t1@test',
  $$select * from public.unplaced_posts('2024-04-27T11:00:00Z', '2024-04-27T13:00:00Z')$$),
  'ok:1', 'an analyst sees the post without a location');
select is(tests.try('mayor.gm9991@test',
  $$select * from public.unplaced_posts('2024-04-27T11:00:00Z', '2024-04-27T13:00:00Z')$$),
  'ok:0', 'a mayor does not (posts without a unit are the analysts'')');
select is(tests.try('anon', $$select * from public.unplaced_posts(now(), now())$$), 'denied', 'anon may not list them');

select is(tests.try('planner@test', $$select public.place_post('test', 't5', 20.5, 1.0, 'foto van de Markt')$$),
  'denied', 'a planner may not place posts (42501)');
select is(tests.try('analyst.t1@test', $$select public.place_post('test', 't5', 20.5, 1.0, ' ')$$),
  'error:22023 placing a post needs a reason', 'a reason is required');
select is(tests.try('analyst.t1@test', $$select public.place_post('test', 't5', 200, 1.0, 'x')$$),
  'error:22023 lon/lat out of range', 'lon/lat are checked');
select is(tests.try('analyst.t1@test', $$select public.place_post('test', 't1', 20.5, 1.0, 'x')$$),
  'error:55000 post test/t1 is already located (gps)', 'a located post cannot be placed');
select is(tests.try('analyst.t1@test', $$select public.place_post('test', 'nope', 20.5, 1.0, 'x')$$),
  'error:PT404 post test/nope not found', 'an unknown post is not found');

select tests.authenticate_as('analyst.t1@test');
select is(
  (public.place_post('test', 't5', 20.5, 1.0, 'foto van de Markt', 'Markt Testdorp', 50::real,
     '851f0b3ffffffff', '881f0b3a8bfffff', '8a1f0b3a8b97fff')) ->> 'municipality_code',
  'GM9991', 'an analyst places the post; its municipality comes from the boundaries');
select results_eq(
  $$select id, method::text from public.posts_in_window('2024-04-27T11:00:00Z', '2024-04-27T13:00:00Z', 20.4, 0.9, 20.6, 1.1, 100) where id = 't5'$$,
  $$values ('t5', 'manual')$$,
  'posts_in_window answers it as a located post, method manual');
select tests.clear_authentication();

select results_eq(
  $$select method::text, unit_id, municipality_code, located_as, precision_m, extensions.st_x(geom), extensions.st_y(geom)
    from public.posts where id = 't5'$$,
  $$values ('manual', 'T1', 'GM9991', 'Markt Testdorp', 50::real, 20.5::float8, 1.0::float8)$$,
  'the post is located by hand in T1');
select results_eq(
  $$select source, post_id, place, reason, actor_label, unit_id from public.post_placements$$,
  $$values ('test', 't5', 'Markt Testdorp', 'foto van de Markt', 'analyst.t1@test', 'T1')$$,
  'the placement is recorded with who, where and why');
select results_eq(
  $$select action, object, detail ->> 'reason' from public.audit_log where action = 'place_post'$$,
  $$values ('place_post', 'test/t5', 'foto van de Markt')$$,
  'the placement is audited');
select ok(
  (select bool_or(topic = 'posts:unit:T1' and payload -> 'posts' -> 0 ->> 'method' = 'manual')
   from realtime.messages where event = 'posts'),
  'the placed post is broadcast on its unit''s posts topic');

select * from finish();
rollback;
