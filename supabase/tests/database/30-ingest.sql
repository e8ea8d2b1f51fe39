-- ingest_posts: counts, de-duplication within and across batches, placement in unit and
-- municipality, H3 conversion, hostile text kept as data, raw handles kept apart, refusals.
begin;
select plan(16);

select tests.fixtures();
select tests.authenticate_as_service_role();

select results_eq(
  $$select * from public.ingest_posts('[
    {"id": "i1", "source": "test", "author": "rd", "handle": "@dora", "created_at": "2024-04-28T08:00:00Z", "text": "a", "method": "gps", "x": 20.2, "y": 0.5, "h3_r5": "851f0b3ffffffff", "h3_r8": "881f0b3a8bfffff", "h3_r10": "8a1f0b3a8b97fff"},
    {"id": "i1", "source": "test", "author": "rd", "created_at": "2024-04-28T08:00:00Z", "text": "a again", "method": "gps", "x": 20.2, "y": 0.5},
    {"id": "i2", "source": "test", "author": "re", "created_at": "2024-04-28T08:01:00Z", "text": "b", "method": "none"}
  ]')$$,
  $$values (2, 1)$$, 'a batch: new rows inserted, a duplicate within the batch counted');
select results_eq(
  $$select * from public.ingest_posts('[
    {"id": "i1", "source": "test", "author": "rd", "created_at": "2024-05-28T08:00:00Z", "text": "a, later", "method": "none"},
    {"id": "i2", "source": "test", "author": "re", "created_at": "2024-04-28T08:01:00Z", "text": "b", "method": "none"},
    {"id": "i2", "source": "other", "author": "re", "created_at": "2024-04-28T08:01:00Z", "text": "b elsewhere", "method": "none"}
  ]')$$,
  $$values (1, 2)$$, 'a second batch: (source, id) is unique across partitions and batches');
select is((select text from public.posts where source = 'test' and id = 'i1'), 'a', 'the first version of a post is kept');

select tests.clear_authentication();
select results_eq(
  $$select unit_id, municipality_code, method::text from public.posts where source = 'test' and id in ('t1', 't2', 't3', 't4', 't5') order by id$$,
  $$values ('T1', 'GM9991', 'gps'), ('T1', 'GM9992', 'place'), ('T2', 'GM9993', 'text'), (null, null, 'gps'), (null, null, 'none')$$,
  'unit and municipality come from the location (st_covers)');

update public.police_units set geom = extensions.st_multi(extensions.st_makeenvelope(40, 0, 41, 1, 4326)) where id = 'T3';
select tests.authenticate_as_service_role();
select results_eq(
  $$select * from public.ingest_posts('[{"id": "i3", "source": "test", "author": "rf", "created_at": "2024-04-28T09:00:00Z", "text": "c", "method": "gps", "x": 40.9, "y": 0.5},
                                       {"id": "i4", "source": "test", "author": "rf", "created_at": "2024-04-28T09:00:00Z", "text": "c", "method": "gps", "x": 21.0, "y": 1.0}]')$$,
  $$values (2, 0)$$, 'posts in a unit without a municipality polygon, and on a shared border');
select tests.clear_authentication();
select is((select unit_id || '/' || coalesce(municipality_code, '-') from public.posts where source = 'test' and id = 'i3'), 'T3/-',
  'a unit polygon places a post that no municipality covers');
select is((select unit_id || '/' || municipality_code from public.posts where source = 'test' and id = 'i4'), 'T1/GM9991',
  'a post on a shared border gets exactly one municipality (st_covers, lowest code)');

select is((select h3_r8 from public.posts where source = 'test' and id = 't1'), 613035678720065535::bigint,
  'H3 hex strings are stored as their 64-bit value');
select is((select private.h3_hex(h3_r5) from public.posts where source = 'test' and id = 't1'), '851f0b3ffffffff',
  'and convert back to 15-character hex');
select is((select extensions.st_astext(geom) from public.posts where source = 'test' and id = 't1'), 'POINT(20.5 1)',
  'x and y become a WGS84 point');

select tests.authenticate_as_service_role();
select results_eq(
  $$select * from public.ingest_posts(jsonb_build_array(jsonb_build_object(
      'id', 'h1', 'source', 'test', 'author', 'rg', 'created_at', '2024-04-28T10:00:00Z', 'method', 'none',
      'text', '''); drop table public.posts; -- <script>alert(1)</script> "' || chr(92) || chr(9786))))$$,
  $$values (1, 0)$$, 'hostile text is ingested');
select tests.clear_authentication();
select is((select text from public.posts where source = 'test' and id = 'h1'),
  '''); drop table public.posts; -- <script>alert(1)</script> "' || chr(92) || chr(9786), 'hostile text is stored verbatim, as data');

select results_eq($$select author_ref, handle, source from public.author_handles where author_ref in ('rd', 're') order by 1$$,
  $$values ('rd', '@dora', 'test')$$, 'a raw handle goes to author_handles only');
select is((select count(*)::int from public.posts where text like '%@dora%' or author_ref like '@%'), 0,
  'posts never carry a raw handle');

select is(tests.try('service_role', $$select public.ingest_posts('[{"id": "bad", "source": "test", "author": "x", "created_at": "2024-04-28T10:00:00Z", "method": "gps"}]')$$),
  'error:23514 new row for relation "posts_y2024m04" violates check constraint "posts_located_has_geom"',
  'a located method without coordinates is refused');
select ok(
  tests.try('analyst.t1@test', $$select public.ingest_posts('[]')$$) = 'denied'
  and tests.try('prosecutor@test', $$select public.ingest_posts('[]')$$) = 'denied'
  and tests.try('anon', $$select public.ingest_posts('[]')$$) = 'denied',
  'only the service role may ingest');

select * from finish();
rollback;
