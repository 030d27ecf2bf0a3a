#!/usr/bin/env bash
# Allocation-failure torture, after curl's: each torture program runs once to count its
# allocations (tests/torture/failalloc.c), then once for every n = 1..N with the n-th
# allocation failing. Any answer is fine under a failed allocation; a crash, a sanitizer
# report (use-after-free, double free, undefined behaviour) or a leak is a finding. The
# unit tests reused here do not check their own allocations: a crash whose innermost
# frame of ours is in tests/ (the test itself tripping over a NULL) is counted apart and
# is not a finding; a leak always is. Meant
# for a --enable-sanitizers build (scripts/check runs it there); prints TAP.
#   run-torture.sh SRCDIR BUILDDIR
# BF_TORTURE_MAX_RUNS=k runs at most k evenly spread values of n per program (0: all).
# The runs of a program go as many at once as there are cores.
set -euo pipefail
src=$1
build=$2
max=${BF_TORTURE_MAX_RUNS:-0}
logs=$build/torture-logs
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS=detect_leaks=1:exitcode=86:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:exitcode=88:print_stacktrace=1

jobs=$(nproc 2>/dev/null || echo 2)

# fail_once NAME N CMD...: runs CMD with its N-th allocation failing; the exit status goes
# to $logs/NAME-N.rc, the output to $logs/NAME-N.log.
fail_once() {
    local name=$1 n=$2 rc=0
    shift 2
    BF_FAIL_ALLOC=$n "$@" >"$logs/$name-$n.log" 2>&1 || rc=$?
    echo "$rc" >"$logs/$name-$n.rc"
}

# name, then the command line
programs=(
    "request|$build/tests/torture/torture-http"
    "bundle|$build/tests/torture/torture-bundle"
    "pipeline|$build/tests/torture/torture-pipeline $src/templates $src/bench/specs/three-entities.json"
)

echo "1..${#programs[@]}"
i=0
status=0
total_runs=0
for entry in "${programs[@]}"; do
    i=$((i + 1))
    name=${entry%%|*}
    read -r -a cmd <<<"${entry#*|}"
    BF_ALLOC_COUNT=$logs/$name.count BF_FAIL_ALLOC=0 "${cmd[@]}" >"$logs/$name-0.log" 2>&1 || true
    n_allocs=$(cat "$logs/$name.count" 2>/dev/null || echo 0)
    if [ "$n_allocs" -eq 0 ]; then
        echo "not ok $i - $name: counted no allocations (is failalloc linked?)"
        status=1
        continue
    fi
    step=1
    if [ "$max" -gt 0 ] && [ "$n_allocs" -gt "$max" ]; then
        step=$(((n_allocs + max - 1) / max))
    fi
    # The runs are independent processes: as many at once as there are cores.
    runs=0
    for ((n = 1; n <= n_allocs; n += step)); do
        runs=$((runs + 1))
        while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
        fail_once "$name" "$n" "${cmd[@]}" &
    done
    wait
    findings=0
    own=0
    for ((n = 1; n <= n_allocs; n += step)); do
        rc=$(cat "$logs/$name-$n.rc")
        case $rc in
        86 | 88) ;;
        *) [ "$rc" -lt 128 ] && { rm -f "$logs/$name-$n.log"; continue; } ;;
        esac
        log=$logs/$name-$n.log
        first=$(grep -m 1 -oE ' in [^ ]+ [^ ]*(fcgi-app|tests)/[^ :]+' "$log" || true)
        if ! grep -q LeakSanitizer "$log" && [[ $first == */tests/* ]]; then
            own=$((own + 1))
            continue
        fi
        findings=$((findings + 1))
        echo "# $name: allocation $n failed -> exit $rc ($log):"
        grep -m 12 -E 'ERROR|SUMMARY|#[0-9] |runtime error' "$logs/$name-$n.log" | sed 's/^/#   /' || true
    done
    total_runs=$((total_runs + runs))
    if [ "$findings" -eq 0 ]; then
        echo "ok $i - $name: $n_allocs allocations, $runs runs each failing one, no crash or leak in our code ($own stopped in the test's own code)"
    else
        echo "not ok $i - $name: $n_allocs allocations, $runs runs, $findings with a crash, sanitizer report or leak"
        status=1
    fi
done
echo "# $total_runs torture runs"
exit $status
