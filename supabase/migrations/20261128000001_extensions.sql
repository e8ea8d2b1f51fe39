-- Extensions: PostGIS for locations and areas, pgcrypto for the seed's password hashes.
-- On Supabase they live in schema `extensions`; every use in this project is schema-qualified
-- (`extensions.st_covers`, `extensions.geometry`).

create schema if not exists extensions;

create extension if not exists postgis with schema extensions;
create extension if not exists pgcrypto with schema extensions;
