#!/bin/sh
# Golden check: what the offline planner plans (spec and notes) for every prompt set and
# every fuzz seed must equal tests/data/prompts/plans.golden byte for byte. A change that
# means to change plans regenerates the file (--update) and the diff is reviewed with it.
# Usage: test-planner-golden.sh [--update]
set -eu
srcdir=${srcdir:-.}
builddir=${builddir:-.}
golden=$srcdir/tests/data/prompts/plans.golden
out=$(mktemp)
trap 'rm -f "$out"' EXIT
LC_ALL=C
export LC_ALL
"$builddir/tests/unit/planner-dump" \
    "$srcdir"/tests/data/prompts/corpus.json "$srcdir"/tests/data/prompts/holdout.json \
    "$srcdir"/tests/data/prompts/fresh.json "$srcdir"/tests/data/prompts/english.json \
    "$srcdir"/tests/data/prompts/blind.json "$srcdir"/tests/data/prompts/unseen.json \
    "$srcdir"/tests/data/prompts/fresh2.json "$srcdir"/tests/data/prompts/fresh3.json \
    "$srcdir"/tests/data/prompts/fresh4.json "$srcdir"/tests/data/prompts/fresh5.json \
    "$srcdir"/tests/data/prompts/fresh6.json "$srcdir"/tests/data/prompts/fresh7.json \
    "$srcdir"/tests/data/prompts/fresh8.json \
    "$srcdir"/tests/data/prompts/fresh9.json "$srcdir"/tests/data/prompts/fresh10.json \
    "$srcdir"/tests/data/prompts/fresh11.json "$srcdir"/tests/data/prompts/fresh12.json \
    "$srcdir"/tests/fuzz/corpus/planner/* >"$out"
if [ "${1:-}" = "--update" ]; then
    cp "$out" "$golden"
    echo "updated $golden ($(wc -l <"$golden") plans)"
    exit 0
fi
echo "1..1"
if cmp -s "$out" "$golden"; then
    echo "ok 1 - $(wc -l <"$out") plans equal tests/data/prompts/plans.golden"
else
    # which prompts changed, then the start of the first change (the lines are long)
    diff "$golden" "$out" | grep '^[<>]' | cut -c1-40 | head -n 20 | sed 's/^/# /'
    diff "$golden" "$out" | grep '^[<>]' | head -n 2 | cut -c1-600 | sed 's/^/# /'
    echo "not ok 1 - plans differ from tests/data/prompts/plans.golden (--update if meant)"
    exit 1
fi
