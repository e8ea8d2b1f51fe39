-- Rows per call (20261207000060): a user gets at most 1,000 rows from posts_since and
-- posts_in_window whatever lim asks; the service role gets what it asks for.
begin;
select plan(4);

select tests.fixtures();
select public.ingest_posts((
  select jsonb_agg(jsonb_build_object(
    'id', 'lim' || i, 'source', 'test', 'author', 'rl', 'handle', '@l',
    'created_at', '2024-04-27T12:00:00Z'::timestamptz + i * interval '1 second',
    'text', 'x', 'method', 'none'))
  from generate_series(1, 1500) i));

select tests.authenticate_as('planner@test');
select is((select count(*)::int from public.posts_since('-infinity', null, 2000000000)), 1000,
  'posts_since returns at most 1,000 rows to a user');
select is((select count(*)::int from public.posts_in_window('2024-04-27T12:00Z', '2024-04-28T00:00Z', lim => 2000000000)), 1000,
  'posts_in_window returns at most 1,000 rows to a user');
select tests.clear_authentication();

select tests.authenticate_as_service_role();
select cmp_ok((select count(*)::int from public.posts_since('-infinity', null, 2000000000)), '>=', 1500,
  'the service role is not capped (posts_since)');
select cmp_ok((select count(*)::int from public.posts_in_window('2024-04-27T12:00Z', '2024-04-28T00:00Z', lim => 2000000000)), '>=', 1500,
  'the service role is not capped (posts_in_window)');
select tests.clear_authentication();

select * from finish();
rollback;
