#!/bin/sh
# Golden snapshots of generated projects: each tests/golden/specs/NAME.json is rendered by
# bf-render and compared with tests/golden/NAME/ (TAP). `run-golden.sh update` rewrites the
# snapshots instead (make update-golden); review the diff before committing it.
set -u
srcdir=${srcdir:-.}
builddir=${builddir:-.}
render="$builddir/tests/tools/bf-render"
templates="$srcdir/templates"
golden="$srcdir/tests/golden"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
for spec in "$golden"/specs/*.json; do
    name=$(basename "$spec" .json)
    n=$((n + 1))
    if ! "$render" --templates "$templates" --tree "$tmp/$name" "$spec" 2>"$tmp/$name.err"; then
        echo "not ok $n - $name: bf-render failed"
        sed 's/^/# /' "$tmp/$name.err"
        failed=$((failed + 1))
        continue
    fi
    if [ "${1:-check}" = update ]; then
        rm -rf "${golden:?}/$name"
        cp -R "$tmp/$name" "$golden/$name"
        echo "ok $n - $name: snapshot updated"
    elif diff -ru "$golden/$name" "$tmp/$name" >"$tmp/$name.diff"; then
        echo "ok $n - $name matches its snapshot"
    else
        echo "not ok $n - $name differs from its snapshot (make update-golden, then review)"
        head -n 60 "$tmp/$name.diff" | sed 's/^/# /'
        failed=$((failed + 1))
    fi
    # The generated Python is what users download: it must be lint-clean. The app's
    # description is one string literal and may run long.
    n=$((n + 1))
    if ! /usr/bin/python3 -m flake8 --version >/dev/null 2>&1; then
        echo "ok $n - $name flake8 # SKIP python3-flake8 is not installed"
    elif (cd "$tmp/$name" && /usr/bin/python3 -m flake8 --max-line-length 100 \
            --per-file-ignores=app/main.py:E501 . >"$tmp/$name.lint" 2>&1); then
        echo "ok $n - $name is flake8-clean"
    else
        echo "not ok $n - $name has flake8 findings"
        sed 's/^/# /' "$tmp/$name.lint"
        failed=$((failed + 1))
    fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
