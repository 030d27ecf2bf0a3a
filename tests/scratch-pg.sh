#!/bin/sh
# Runs a command with a throwaway PostgreSQL cluster: a temporary directory, trust auth on a
# private unix socket, fsync off, removed afterwards. The command gets the conninfo in
# BF_TEST_PG (superuser `postgres`, database `postgres`) and the socket in BF_TEST_PG_HOST
# and BF_TEST_PG_PORT. Exits with the command's status; prints a TAP skip and exits 0 when
# the server binaries are missing.  Usage: tests/scratch-pg.sh COMMAND [ARG...]
set -u
pgbin=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ ! -x "$pgbin/initdb" ]; then
    echo "1..0 # SKIP PostgreSQL server binaries not found in $pgbin"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bf-pg.XXXXXX") || exit 99
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    # postgres refuses to run as root; the cluster belongs to the postgres user.
    chmod 755 "$tmp"
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
BF_TEST_PG="host=$tmp port=$port user=postgres dbname=postgres"
BF_TEST_PG_HOST=$tmp
BF_TEST_PG_PORT=$port
export BF_TEST_PG BF_TEST_PG_HOST BF_TEST_PG_PORT
"$@"
