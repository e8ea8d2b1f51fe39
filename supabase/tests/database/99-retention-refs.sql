-- Retention of raw post references (20261207000052): when retention removes a post whose id or
-- url named an account, its raw references in post_refs go too; a held post keeps them.
begin;
select plan(6);

select tests.fixtures();
update public.stream_clock set stream_time = '2024-09-01T00:00Z', wall_time = now(), speed = 1;

-- Two Bluesky posts of March 2024 (past the 90 days), their ids rewritten to tokens by the
-- pipeline, the raw at:// URIs kept in post_refs; one is an alert's evidence under a hold.
select public.ingest_posts($j$[
  {"id": "ref:00000000000000000000000000000001", "source": "bluesky", "author": "rx", "handle": "@x",
   "created_at": "2024-03-10T10:00:00Z", "text": "maart", "method": "none",
   "raw_id": "at://did:plc:aaaa/app.bsky.feed.post/1"},
  {"id": "ref:00000000000000000000000000000002", "source": "bluesky", "author": "ry", "handle": "@y",
   "created_at": "2024-03-11T10:00:00Z", "text": "maart", "method": "none",
   "raw_id": "at://did:plc:bbbb/app.bsky.feed.post/2"}
]$j$::jsonb);
select is((select count(*)::int from public.post_refs where source = 'bluesky'), 2, 'both raw references are kept');

update public.alerts set evidence = '{ref:00000000000000000000000000000002}' where id = 'test-al3';
select tests.authenticate_as('prosecutor@test');
select is((select kind from public.hold_alert_evidence('test-al3', 'OM-2024-0311')), 'alert', 'one post is held');
select tests.clear_authentication();

select tests.authenticate_as_service_role();
select is((select rows_removed from public.apply_retention(true) where data_class = 'post_refs'), 0::bigint,
  'a dry run removes no reference (their posts are still there)');
select lives_ok($$select * from public.apply_retention(false)$$, 'retention runs');
select tests.clear_authentication();

select results_eq($$select raw_id from public.post_refs where source = 'bluesky'$$,
  $$values ('at://did:plc:bbbb/app.bsky.feed.post/2')$$,
  'the raw reference of the removed post is gone, the held post keeps its own');
select ok(exists (select 1 from public.audit_log where action = 'retention' and object = 'post_refs'
                  and (detail ->> 'removed')::int = 1), 'the removal is in the audit log');

select * from finish();
rollback;
