#!/bin/sh
# Runs test-llm-store-pg against a throwaway PostgreSQL cluster in a temporary directory
# (trust auth on a private unix socket), with sql/001 and sql/003 applied.
set -u
srcdir=${srcdir:-.}
builddir=${builddir:-.}
pgbin=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ ! -x "$pgbin/initdb" ]; then
    echo "1..0 # SKIP PostgreSQL server binaries not found in $pgbin"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/llm-pg.XXXXXX") || exit 99
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    chown postgres "$tmp"
    as_pg() { runuser -u postgres -- "$@"; }
fi
started=
cleanup() {
    [ -n "$started" ] && as_pg "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

as_pg "$pgbin/initdb" -D "$tmp/data" -A trust -U postgres >"$tmp/initdb.log" 2>&1 ||
    { echo "Bail out! initdb failed"; sed 's/^/# /' "$tmp/initdb.log"; exit 1; }
port=$((20000 + $$ % 20000))
as_pg "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/pg.log" -w -t 30 \
    -o "-c listen_addresses='' -k $tmp -p $port -c fsync=off" start >/dev/null 2>&1 ||
    { echo "Bail out! postgres did not start"; sed 's/^/# /' "$tmp/pg.log"; exit 1; }
started=1
for f in "$srcdir"/sql/001_*.sql "$srcdir"/sql/003_llm.sql; do
    "$pgbin/psql" -q -X -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" -U postgres -d postgres \
        -f "$f" >"$tmp/psql.log" 2>&1 ||
        { echo "Bail out! $f failed"; sed 's/^/# /' "$tmp/psql.log"; exit 1; }
done
BF_PG_CONNINFO="host=$tmp port=$port user=postgres dbname=postgres" \
    "$builddir/tests/llm/test-llm-store-pg"
