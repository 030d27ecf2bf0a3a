#!/bin/sh
# Checks every systemd unit in systemd/: `systemd-analyze verify` must be clean and each
# service's `systemd-analyze security` exposure must be at most BACKFORGE_MAX_EXPOSURE
# (default 2.0, or the unit's own "# backforge-max-exposure: N" line). Units are checked from a temporary copy whose ExecStart points at the
# built binaries, because verify refuses a unit whose program does not exist.
# Usage: tests/systemd/check-units.sh [BUILD_DIR]   (default $BACKFORGE_BUILD_DIR or build/)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${BACKFORGE_BUILD_DIR:-$root/build}}
build=$(cd "$build" && pwd)
max=${BACKFORGE_MAX_EXPOSURE:-2.0}
# systemd-analyze's threshold is on its internal 0..100 scale (shown divided by 10).
threshold=$(echo "$max" | awk '{ printf "%d", $1 * 10 + 0.5 }')

command -v systemd-analyze >/dev/null || { echo "not ok - systemd-analyze missing (apt-get install systemd)"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
units=$(find "$root/systemd" -maxdepth 1 -type f \( -name '*.service' -o -name '*.target' \
    -o -name '*.socket' -o -name '*.timer' \) -exec basename {} \; | LC_ALL=C sort)
[ -n "$units" ] || { echo "not ok - no units in $root/systemd"; exit 1; }

for u in $units; do
    sed -e "s|/usr/local/s\{0,1\}bin/|$build/|g" "$root/systemd/$u" >"$tmp/$u"
done

n=0
failed=0
echo "1..$(($(echo "$units" | wc -l) * 2))"
for u in $units; do
    n=$((n + 1))
    # verify prints problems on stderr and exits non-zero for fatal ones; any line counts.
    if out=$(cd "$tmp" && systemd-analyze verify --man=no "./$u" 2>&1) && [ -z "$out" ]; then
        echo "ok $n - verify $u"
    else
        echo "not ok $n - verify $u"
        echo "$out" | sed 's/^/# /'
        failed=$((failed + 1))
    fi
    n=$((n + 1))
    case $u in
    *.service)
        # A unit may name its own ceiling with a comment that says why (the runner's
        # bubblewrap needs namespaces and mounts): "# backforge-max-exposure: 3.0".
        unit_max=$(sed -n 's/^# backforge-max-exposure: \([0-9.]*\).*/\1/p' "$root/systemd/$u" | head -n 1)
        unit_max=${unit_max:-$max}
        threshold=$(echo "$unit_max" | awk '{ printf "%d", $1 * 10 + 0.5 }')
        score=$(cd "$tmp" && systemd-analyze security --offline=yes "./$u" 2>/dev/null |
            sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
        if (cd "$tmp" && systemd-analyze security --offline=yes --threshold="$threshold" "./$u" >/dev/null 2>&1); then
            echo "ok $n - security $u: exposure ${score:-?} (max $unit_max)"
        else
            echo "not ok $n - security $u: exposure ${score:-?} above $unit_max"
            (cd "$tmp" && systemd-analyze security --offline=yes "./$u" 2>&1 | grep '✗' | sed 's/^/# /') || true
            failed=$((failed + 1))
        fi
        ;;
    *) echo "ok $n - security $u # SKIP not a service" ;;
    esac
done
[ "$failed" -eq 0 ]
