#!/usr/bin/env bash
# Database tests: a throwaway PostgreSQL 15 cluster -> Supabase compatibility bootstrap ->
# `supabase db push --db-url` (the migrations, as the CLI applies them to a project) -> seed ->
# `supabase db advisors` (security and performance lints; a warning fails) -> pg_prove on
# supabase/tests/database/*.sql. Exits non-zero on any failure.
#
# Runs as root (CI) or as any user that can `su postgres` (initdb refuses to run as root). Only
# initdb and pg_ctl run as postgres; psql, pg_prove and the CLI connect over TCP as user postgres,
# so the repository may live where the postgres user cannot read (/root/...).
#
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin), DB_TEST_PORT (default: first free
# port from 54329), KEEP_DB=1 to leave the cluster running for inspection.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
START=$(date +%s.%N)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB=uitkijk_test

missing=()
[ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || missing+=(postgresql-15-postgis-3)
[ -f /usr/share/postgresql/15/extension/pgtap.control ] || missing+=(postgresql-15-pgtap)
command -v pg_prove >/dev/null 2>&1 || missing+=(libtap-parser-sourcehandler-pgtap-perl)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client-15)
if [ ${#missing[@]} -gt 0 ]; then
	echo "db-test: missing Debian packages: ${missing[*]}" >&2
	echo "db-test: apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 2
fi
[ -x node_modules/.bin/supabase ] || { echo "db-test: node_modules/.bin/supabase missing (npm ci)" >&2; exit 2; }

as_postgres() {
	if [ "$(id -un)" = postgres ]; then bash -c "$1"; else su postgres -s /bin/bash -c "$1"; fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${DB_TEST_PORT:-}
if [ -z "$PORT" ]; then
	for p in $(seq 54329 54399); do
		if port_free "$p"; then PORT=$p; break; fi
	done
fi
[ -n "$PORT" ] || { echo "db-test: no free port in 54329-54399" >&2; exit 2; }

TMP=$(mktemp -d /tmp/uitkijk-db.XXXXXX)
chmod 755 "$TMP"
chown postgres:postgres "$TMP" 2>/dev/null || true
cleanup() {
	local rc=$?
	if [ "${KEEP_DB:-}" = 1 ]; then
		echo "db-test: cluster left running: postgresql://postgres@127.0.0.1:$PORT/$DB (data $TMP/data)"
		exit $rc
	fi
	as_postgres "$PG_BIN/pg_ctl -D $TMP/data -m immediate -w stop" >/dev/null 2>&1 || true
	rm -rf "$TMP"
	exit $rc
}
trap cleanup EXIT INT TERM

step() { echo "db-test: $*"; }

step "cluster on port $PORT ($TMP)"
as_postgres "$PG_BIN/initdb -D $TMP/data -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8" >"$TMP/initdb.log" 2>&1 ||
	{ cat "$TMP/initdb.log" >&2; exit 1; }
as_postgres "$PG_BIN/pg_ctl -D $TMP/data -l $TMP/log -o '-p $PORT -k $TMP -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off' -w start" >/dev/null ||
	{ cat "$TMP/log" >&2; exit 1; }

export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres PGOPTIONS="-c client_min_messages=warning"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 --no-psqlrc)
"${PSQL[@]}" -d postgres -c "create database $DB"
export PGDATABASE=$DB

step "bootstrap (supabase/bootstrap/supabase-compat.sql, applied twice: idempotent)"
"${PSQL[@]}" -f supabase/bootstrap/supabase-compat.sql
"${PSQL[@]}" -f supabase/bootstrap/supabase-compat.sql

step "migrations (supabase db push)"
npx --no-install supabase db push --workdir "$ROOT" \
	--db-url "postgresql://postgres@127.0.0.1:$PORT/$DB?sslmode=disable" --yes 2>&1 | sed 's/^/  /'
want=$(ls supabase/migrations/*.sql | wc -l)
got=$("${PSQL[@]}" -tAc "select count(*) from supabase_migrations.schema_migrations")
if [ "$want" != "$got" ]; then
	echo "db-test: supabase db push applied $got of $want migrations" >&2
	exit 1
fi

step "seed (supabase/seed.sql, applied twice: idempotent)"
"${PSQL[@]}" -f supabase/seed.sql
"${PSQL[@]}" -f supabase/seed.sql
"${PSQL[@]}" -c "create extension if not exists pgtap with schema extensions" -c "analyze"

# Supabase's database advisors (splinter lints, as the dashboard runs them) on the migrated and
# seeded database, before the pgTAP helpers (schema tests) exist: any finding of level WARN or
# above fails the run. The CLI runs the lints over the connection, offline.
step "advisors (supabase db advisors --type security, then performance)"
for type in security performance; do
	npx --no-install supabase db advisors --workdir "$ROOT" \
		--db-url "postgresql://postgres@127.0.0.1:$PORT/$DB?sslmode=disable" \
		--type "$type" --level warn --fail-on warn 2>&1 | sed 's/^/  /' ||
		{ echo "db-test: supabase db advisors --type $type: findings of level WARN or above" >&2; exit 1; }
done

step "pgTAP (supabase/tests/database)"
tests=$(ls supabase/tests/database/*.sql | sort)
set +e
# shellcheck disable=SC2086
pg_prove --ext .sql --failures $tests
rc=$?
set -e
END=$(date +%s.%N)
printf 'db-test: %s in %s s (%d migrations, %d test files)\n' \
	"$([ $rc -eq 0 ] && echo PASS || echo FAIL)" "$(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.1f", b - a }')" \
	"$want" "$(echo "$tests" | wc -w)"
exit $rc
