-- Realtime: one broadcast per topic per insert statement (not per row), the right topics and
-- payloads, chunks of at most 500 posts, alert broadcasts, and who may receive which topic.
begin;
select plan(22);

select tests.fixtures();

-- The topic cell is the res-4 parent, computed by bit operations; h3-js gives these parents.
select results_eq(
  $$select private.h3_hex(private.h3_parent(private.h3_from_hex(c), 4))
    from unnest(array['85196dbbfffffff', '85196953fffffff', '851f0b3ffffffff']) with ordinality as u(c, o) order by o$$,
  $$values ('84196dbffffffff'), ('8419695ffffffff'), ('841f0b3ffffffff')$$,
  'h3_parent agrees with h3-js cellToParent (Haren, Amsterdam, a test cell)');

-- The fixtures ingest t1..t5 in one statement.
select results_eq(
  $$select topic, jsonb_agg(p ->> 'id' order by p ->> 'created_at')::text
    from realtime.messages m, jsonb_array_elements(m.payload -> 'posts') p
    where m.event = 'posts' group by m.id, topic order by topic$$,
  $$values ('posts:gm:GM9991', '["t1"]'),
           ('posts:h3:841f0b3ffffffff', '["t1", "t2"]'), ('posts:h3:841f0b7ffffffff', '["t3"]'),
           ('posts:h3:841f0bbffffffff', '["t4"]'),
           ('posts:unit:T1', '["t1", "t2"]'), ('posts:unit:T2', '["t3"]'), ('posts:unplaced', '["t4", "t5"]')$$,
  'one insert statement: one message per topic, with the posts of that topic (municipality topics only where a mayor is)');
select ok((select bool_and(private and extension = 'broadcast') from realtime.messages where event = 'posts'),
  'post broadcasts are private broadcast messages');
select is(
  (select p from realtime.messages m, jsonb_array_elements(m.payload -> 'posts') p
   where m.topic = 'posts:unit:T1' and p ->> 'id' = 't1') - 'ingested_at' - 'created_at',
  '{"id": "t1", "source": "test", "author": "ra", "text": "eerste", "place": null, "lang": null,
    "reply_to": null, "repost_of": null, "url": null, "engagement": null, "method": "gps",
    "precision_m": 10, "located_as": null, "x": 20.5, "y": 1, "h3_r8": "881f0b3a8bfffff"}'::jsonb,
  'the payload carries client post rows');
select ok(
  (select bool_and((p ->> 'created_at')::timestamptz = '2024-04-27T12:01:00Z' and (p ->> 'ingested_at')::timestamptz <= now() + interval '1 minute')
   from realtime.messages m, jsonb_array_elements(m.payload -> 'posts') p where p ->> 'id' = 't1'),
  'times in the payload are ISO strings');
select is((select count(*)::int from realtime.messages where payload::text like '%@alice%' or payload::text like '%@bob%'), 0,
  'no raw handle is ever broadcast');

-- Only posts a live map can show are broadcast: not those older than the stream clock less 25 h.
select public.ingest_posts($j$[
  {"id": "old1", "source": "test", "author": "ro", "created_at": "2024-04-26T10:59:00Z", "text": "oud",
   "method": "gps", "x": 20.5, "y": 1.0, "precision_m": 10, "h3_r5": "851f0b3ffffffff", "h3_r8": "881f0b3a8bfffff", "h3_r10": "8a1f0b3a8b97fff"},
  {"id": "new1", "source": "test", "author": "ro", "created_at": "2024-04-26T11:01:00Z", "text": "net binnen",
   "method": "gps", "x": 20.5, "y": 1.0, "precision_m": 10, "h3_r5": "851f0b3ffffffff", "h3_r8": "881f0b3a8bfffff", "h3_r10": "8a1f0b3a8b97fff"},
  {"id": "fut1", "source": "test", "author": "ro", "created_at": "2024-05-27T11:01:00Z", "text": "toekomst"}
]$j$::jsonb);
select results_eq(
  $$select p ->> 'id' from realtime.messages m, jsonb_array_elements(m.payload -> 'posts') p
    where m.event = 'posts' and p ->> 'author' = 'ro' and m.topic in ('posts:unit:T1', 'posts:unplaced')
    order by 1$$,
  $$values ('fut1'), ('new1')$$,
  'posts older than the stream clock less 25 h are stored but not broadcast; newer and future ones are');
select is((select count(*)::int from public.posts where author_ref = 'ro'), 3, 'all three are stored');

-- A second statement: messages for it alone; many rows: chunks of at most 500.
delete from realtime.messages;
select tests.authenticate_as_service_role();
select is(
  (select inserted from public.ingest_posts((
    select jsonb_agg(jsonb_build_object('id', 'bulk' || i, 'source', 'test', 'author', 'rb' || (i % 7),
      'created_at', '2024-04-27T14:00:00Z'::timestamptz + i * interval '1 second', 'text', 'bulk', 'method', 'gps',
      'x', 20.5, 'y', 1.5, 'h3_r5', '851f0b3ffffffff', 'h3_r8', '881f0b3a8bfffff'))
    from generate_series(1, 1201) i))),
  1201, '1201 posts in one statement');
select tests.clear_authentication();
select results_eq(
  $$select topic, count(*)::int, array_agg(jsonb_array_length(payload -> 'posts') order by inserted_at, (payload -> 'posts' -> 0 ->> 'created_at'))
    from realtime.messages group by topic order by topic$$,
  $$values ('posts:gm:GM9991', 3, array[500, 500, 201]), ('posts:h3:841f0b3ffffffff', 3, array[500, 500, 201]),
           ('posts:unit:T1', 3, array[500, 500, 201])$$,
  'a large statement is split into messages of at most 500 posts per topic');
select is(
  (select array_agg(p ->> 'id' order by ord) from (
     select p, row_number() over (order by (m.payload -> 'posts' -> 0 ->> 'created_at'), o) as ord
     from realtime.messages m, jsonb_array_elements(m.payload -> 'posts') with ordinality as e(p, o)
     where m.topic = 'posts:unit:T1') x
   where ord in (1, 500, 501, 1201)),
  array['bulk1', 'bulk500', 'bulk501', 'bulk1201'], 'chunks keep created_at order');

delete from realtime.messages;
select tests.authenticate_as_service_role();
select public.ingest_posts('[{"id": "bulk1", "source": "test", "author": "x", "created_at": "2024-04-27T14:00:01Z", "method": "none"}]');
select tests.clear_authentication();
select is((select count(*)::int from realtime.messages), 0, 'a batch of duplicates broadcasts nothing');

-- Alerts
delete from realtime.messages;
select tests.authenticate_as('analyst.t1@test');
select public.acknowledge_alert('test-al1');
select tests.clear_authentication();
select results_eq(
  $$select topic, event, payload -> 'alert' ->> 'id', payload -> 'alert' ->> 'status' from realtime.messages order by topic$$,
  $$values ('alerts:gm:GM9991', 'alert', 'test-al1', 'acknowledged'), ('alerts:unit:T1', 'alert', 'test-al1', 'acknowledged')$$,
  'an alert change is broadcast on its unit and municipality topics');

-- ---------------------------------------------------------------------------------------------
-- Who may receive what (RLS on realtime.messages with realtime.topic())
-- ---------------------------------------------------------------------------------------------
create temporary table expect (topic text, receivers text[]) on commit drop;
insert into expect values
  ('posts:unit:T1', '{analyst.t1@test,commander.t1@test,prosecutor@test,planner@test}'),
  ('posts:unit:T2', '{analyst.t2@test,prosecutor@test,planner@test}'),
  ('posts:gm:GM9991', '{analyst.t1@test,commander.t1@test,mayor.gm9991@test,prosecutor@test,planner@test}'),
  ('posts:gm:GM9992', '{analyst.t1@test,commander.t1@test,prosecutor@test,planner@test}'),
  ('posts:gm:GM9993', '{analyst.t2@test,prosecutor@test,planner@test}'),
  ('posts:h3:851f0b3ffffffff', '{prosecutor@test,planner@test}'),
  ('posts:unplaced', '{analyst.t1@test,analyst.t2@test,prosecutor@test,planner@test}'),
  ('alerts:unit:T1', '{analyst.t1@test,commander.t1@test,prosecutor@test,planner@test}'),
  ('alerts:gm:GM9991', '{analyst.t1@test,commander.t1@test,mayor.gm9991@test,prosecutor@test,planner@test}'),
  ('posts:unit:T1:extra', '{}'),
  ('other:topic', '{}');

select results_eq(
  $$select e.topic, array(
      select w from unnest(array['anon', 'analyst.t1@test', 'commander.t1@test', 'analyst.t2@test',
                                 'mayor.gm9991@test', 'prosecutor@test', 'planner@test', 'norole@test']) w
      where tests.can_receive(w, e.topic)) as receivers
    from expect e order by e.topic$$,
  $$select topic, receivers from expect order by topic$$,
  'each topic reaches exactly the roles of docs/security.md');

select ok(tests.can_receive('mayor.gm9991@test', 'posts:gm:GM9991'), 'a mayor may receive posts:gm of their municipality');
select ok(not tests.can_receive('mayor.gm9991@test', 'posts:unit:T1'), 'a mayor may not receive posts:unit of the unit');
select ok(not tests.can_receive('mayor.gm9991@test', 'posts:gm:GM9992'), 'a mayor may not receive another municipality');
select ok(not tests.can_receive('commander.t1@test', 'posts:unplaced'), 'a commander does not receive unplaced posts');
select ok(not tests.can_receive('planner@test', 'posts:h3:'), 'a malformed topic reaches nobody');
select ok(not tests.can_receive('anon', 'posts:unplaced'), 'anon receives nothing');

select is(tests.try('prosecutor@test', $$select set_config('realtime.topic', '', true); select 1 from realtime.messages$$), 'ok:0',
  'without realtime.topic no message is visible, not even to a prosecutor');
select is(
  tests.try('analyst.t1@test', $$select realtime.send('{}', 'posts', 'posts:unit:T1', true)$$), 'denied',
  'users cannot broadcast: realtime.send is the service''s');

select * from finish();
rollback;
