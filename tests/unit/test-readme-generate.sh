#!/bin/sh
# The README's local generation commands, run as a newcomer runs them: taken from README.md
# itself, executed literally from a directory that looks like a fresh checkout (build/ is
# this build, tests/ the source tree's), with no configuration naming templates or SQL.
# Then the messages for what is missing, and the review's rename warnings on stderr (TAP).
set -u
srcdir=$(cd "${srcdir:-.}" && pwd)
builddir=$(cd "${builddir:-.}" && pwd)
PY=/usr/bin/python3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
    n=$((n + 1))
    echo "not ok $n - $1"
    failed=$((failed + 1))
    [ -f "$tmp/err" ] && sed 's/^/# /' "$tmp/err"
}

# A checkout as the README assumes it, without writing into the source tree.
ws="$tmp/checkout"
mkdir -p "$ws"
ln -s "$builddir" "$ws/build"
ln -s "$srcdir/tests" "$ws/tests"
: >"$tmp/empty.conf"
# Nothing from the caller's environment may name a directory for the programs.
clean_env() {
    env -u BACKFORGE_TEMPLATES_DIR -u BACKFORGE_SQL_DIR -u BACKFORGE_LLM_BASE_URL \
        -u BACKFORGE_LLM_MODEL -u BACKFORGE_LLM_API_KEY_FILE \
        BACKFORGE_CONFIG="$tmp/empty.conf" "$@"
}

grep '^build/backforgectl generate ' "$srcdir/README.md" >"$tmp/commands"
count=$(wc -l <"$tmp/commands")
if [ "$count" -ge 2 ]; then
    pass "README.md shows $count backforgectl generate commands"
else
    fail "README.md shows the backforgectl generate commands (found $count)"
fi

while IFS= read -r cmd; do
    out=$(printf '%s\n' "$cmd" | sed -n 's/.* -o \([^ ]*\).*/\1/p')
    if (cd "$ws" && clean_env sh -c "$cmd") >"$tmp/out" 2>"$tmp/err"; then
        pass "runs: $cmd"
    else
        fail "runs: $cmd"
        continue
    fi
    if [ -n "$out" ] && "$PY" - "$ws/$out" <<'EOF'; then
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = z.namelist()
assert any(n.endswith("/app/main.py") for n in names), names
assert any(n.endswith("/PROJECT_REPORT.md") for n in names), names
EOF
        pass "$out is a project ZIP with app/main.py and PROJECT_REPORT.md"
    else
        fail "$out is a project ZIP with app/main.py and PROJECT_REPORT.md"
    fi
done <"$tmp/commands"

# Review's renames are printed: a name the user wrote that the project spells otherwise.
cat >"$tmp/renamed.json" <<'EOF'
{"spec_version": 1, "name": "Task Board", "entities": [{"name": "Task Item", "fields":
 [{"name": "Due Date", "type": "date"}]}]}
EOF
if (cd "$ws" && clean_env build/backforgectl generate --spec "$tmp/renamed.json" \
        -o "$tmp/renamed.zip") >"$tmp/out" 2>"$tmp/err" &&
    grep -qF 'warning: $.entities[0].name: entity name "Task Item" is written "TaskItem" (table task_items)' "$tmp/err" &&
    grep -qF 'warning: $.entities[0].fields[0].name: a field name "Due Date" is written "due_date"' "$tmp/err" &&
    grep -qF 'warning: $.name: project name "Task Board" is written "task-board"' "$tmp/err"; then
    pass "generate prints every rename as a warning with its path"
else
    fail "generate prints every rename as a warning with its path"
fi

# A templates directory that is not there: the message names it and says what to do.
if (cd "$ws" && clean_env BACKFORGE_TEMPLATES_DIR="$tmp/nowhere" build/backforgectl generate \
        --spec tests/data/specs/valid/01-todo.json -o "$tmp/x.zip") >"$tmp/out" 2>"$tmp/err"; then
    fail "missing templates refused"
elif grep -qF "$tmp/nowhere" "$tmp/err" && grep -qF 'templates_dir' "$tmp/err" &&
    [ ! -e "$tmp/x.zip" ]; then
    pass "missing templates: the message names $tmp/nowhere and templates_dir"
else
    fail "missing templates: the message names $tmp/nowhere and templates_dir"
fi

if (cd "$ws" && clean_env BACKFORGE_SQL_DIR="$tmp/nosql" build/backforgectl migrate) \
    >"$tmp/out" 2>"$tmp/err"; then
    fail "missing migrations refused"
elif grep -qF "$tmp/nosql" "$tmp/err" && grep -qF 'sql_dir' "$tmp/err"; then
    pass "missing migrations: the message names $tmp/nosql and sql_dir"
else
    fail "missing migrations: the message names $tmp/nosql and sql_dir"
fi

# A copy outside the build tree is an installed program: it reads the installed data, never
# the source tree it was built from.
mkdir -p "$tmp/bin"
cp "$builddir/backforgectl" "$tmp/bin/backforgectl"
if (cd "$ws" && clean_env "$tmp/bin/backforgectl" generate \
        --spec tests/data/specs/valid/01-todo.json -o "$tmp/y.zip") >"$tmp/out" 2>"$tmp/err"; then
    n=$((n + 1))
    echo "ok $n - a copy outside the build tree # SKIP the data is installed on this machine"
elif grep -q '/templates' "$tmp/err" && ! grep -qF "$srcdir/templates" "$tmp/err" &&
    grep -qF 'make install' "$tmp/err"; then
    pass "a copy outside the build tree looks for the installed templates and says so"
else
    fail "a copy outside the build tree looks for the installed templates and says so"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
