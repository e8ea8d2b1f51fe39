-- A post placed by hand by an analyst (issue 13, item 4: the triage of posts without a location)
-- is located with the method 'manual'. Its own migration: a new enum value can be used only
-- after the transaction that adds it has committed.
alter type public.locate_method add value if not exists 'manual';
comment on type public.locate_method is
  'How a post was placed: its own geotag, a place tag, a name in the text, by hand by an analyst (manual), or not at all.';
