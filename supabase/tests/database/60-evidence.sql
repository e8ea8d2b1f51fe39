-- Evidence export: prosecutors only, with a reason; raw handles and a SHA-256 per post; every
-- export written to the audit log with its count and hash.
begin;
select plan(12);

select tests.fixtures();

select tests.authenticate_as('prosecutor@test');
select results_eq(
  $$select id, handle from public.export_evidence('2024-04-27T12:00Z', '2024-04-27T13:00Z',
      null, null, null, null, 'OM-2024-0427') order by id$$,
  $$values ('t1', '@alice'), ('t2', '@alice'), ('t3', '@bob'), ('t4', null::text), ('t5', null)$$,
  'a prosecutor exports every post of the window with the raw handles behind the pseudonyms');
select results_eq(
  $$select id from public.export_evidence('2024-04-27T12:00Z', '2024-04-27T13:00Z', 20, 0, 21, 2, 'OM-2024-0427')$$,
  $$values ('t1')$$,
  'a box limits the export to the posts inside it');
select ok(
  (select bool_and(e.sha256 = encode(sha256(convert_to((to_jsonb(e) - 'sha256')::text, 'UTF8')), 'hex'))
   from public.export_evidence('2024-04-27T12:00Z', '2024-04-27T13:00Z', null, null, null, null, 'OM-2024-0427') e),
  'each post carries the SHA-256 of its exported JSON');
select is(
  (select count(distinct sha256)::int from public.export_evidence('2024-04-27T12:00Z', '2024-04-27T13:00Z', null, null, null, null, 'OM-2024-0427')),
  5, 'the hashes differ per post');

select tests.clear_authentication();
select is(
  (select count(*)::int from public.audit_log where action = 'export_evidence'
     and user_id = 'f0000000-0000-4000-8000-000000000005' and detail ->> 'reason' = 'OM-2024-0427'),
  4, 'every export is in the audit log, with the prosecutor and the reason');
select is(
  (select (detail ->> 'posts')::int from public.audit_log where action = 'export_evidence'
     and detail -> 'bbox' = '[20, 0, 21, 2]'::jsonb),
  1, 'the audit entry records how many posts left and the box');
select ok(
  (select bool_and(detail ->> 'sha256' ~ '^[0-9a-f]{64}$') from public.audit_log where action = 'export_evidence'),
  'the audit entry records the hash of the whole export');

select is(tests.try('planner@test', $$select * from public.export_evidence('2024-04-27T12:00Z', '2024-04-27T13:00Z', null, null, null, null, 'OM-1')$$),
  'denied', 'a planner may not export evidence');
select is(tests.try('mayor.gm9991@test', $$select * from public.export_evidence('2024-04-27T12:00Z', '2024-04-27T13:00Z', null, null, null, null, 'OM-1')$$),
  'denied', 'a mayor may not export evidence');
select is(tests.try('anon', $$select * from public.export_evidence('2024-04-27T12:00Z', '2024-04-27T13:00Z', null, null, null, null, 'OM-1')$$),
  'denied', 'anon may not export evidence');
select matches(tests.try('prosecutor@test', $$select * from public.export_evidence('2024-04-27T12:00Z', '2024-04-27T13:00Z', null, null, null, null, ' ')$$),
  '^error:22023 .*reason', 'an export without a reason is refused');
select matches(tests.try('prosecutor@test', $$select * from public.export_evidence('2024-01-01', '2024-06-01', null, null, null, null, 'OM-1')$$),
  '^error:22023 .*31 days', 'an export of more than 31 days is refused');

select * from finish();
rollback;
