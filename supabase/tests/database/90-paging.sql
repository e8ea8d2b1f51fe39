-- posts_since paging: rows that share one ingested_at (one statement, at the millisecond on
-- PGlite) are read exactly once when each page continues after the last row's key.
begin;
select plan(3);

select tests.fixtures();
set local session_replication_role = replica;
insert into public.posts (source, id, created_at, ingested_at, author_ref, text, method)
select 'other', 'page-' || lpad(i::text, 2, '0'), '2024-04-28T10:00:00Z', '2030-01-01T00:00:00Z', 'rp', 'p', 'none'
from generate_series(1, 10) i;
set local session_replication_role = origin;

select tests.authenticate_as('analyst.t1@test');
create temp table got (id text) on commit drop;
do $$
declare
  since timestamptz := '2029-12-31T23:59:59Z';
  s text := null;
  i text := null;
  n int;
  last record;
begin
  for k in 1..10 loop
    insert into got select p.id from public.posts_since(since, null, 3, s, i) p;
    get diagnostics n = row_count;
    exit when n = 0;
    select p.ingested_at, p.source, p.id into last from public.posts_since(since, null, 3, s, i) p
      order by p.ingested_at desc, p.source desc, p.id desc limit 1;
    since := last.ingested_at; s := last.source; i := last.id;
  end loop;
end
$$;
select is((select count(*)::int from got where id like 'page-%'), 10, 'pages of 3 read all 10 rows of one ingested_at');
select is((select count(distinct id)::int from got where id like 'page-%'), 10, 'each row once');
select is((select count(*)::int from public.posts_since('2030-01-01T00:00:00Z', null, 100) p where p.id like 'page-%'), 0,
  'with since alone, since is exclusive');

select * from finish();
rollback;
