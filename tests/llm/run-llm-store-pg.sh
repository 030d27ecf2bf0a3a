#!/bin/sh
# Runs test-llm-store-pg against a throwaway PostgreSQL cluster (tests/scratch-pg.sh) with
# sql/001 and sql/003 applied.
set -u
srcdir=${srcdir:-.}
builddir=${builddir:-.}
export srcdir builddir
# shellcheck disable=SC2016 # expanded by the inner shell, inside the cluster's lifetime
exec "$srcdir/tests/scratch-pg.sh" sh -c '
    pgbin=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
    for f in "$srcdir"/sql/001_*.sql "$srcdir"/sql/003_llm.sql; do
        "$pgbin/psql" -q -X -v ON_ERROR_STOP=1 -h "$BF_TEST_PG_HOST" -p "$BF_TEST_PG_PORT" \
            -U postgres -d postgres -f "$f" >/dev/null 2>&1 ||
            { echo "Bail out! $f failed"; exit 1; }
    done
    BF_PG_CONNINFO=$BF_TEST_PG exec "$builddir/tests/llm/test-llm-store-pg"'
