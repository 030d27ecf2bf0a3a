#!/usr/bin/env bash
# The framework and the resources apart: a handler file (fcgi-app/app/*.c that is not
# part of the framework) includes only framework headers (request.h, router.h, body.h)
# and its own header, never master.h, worker.h or another handler's header. Prints TAP.
set -euo pipefail
app=${srcdir:-.}/fcgi-app/app
framework=" worker master request router body main routes "
allowed=" request.h router.h body.h "
n=0
status=0
out=""
for c in "$app"/*.c; do
    name=$(basename "$c" .c)
    [[ $framework == *" $name "* ]] && continue
    n=$((n + 1))
    bad=""
    while read -r inc; do
        [ -f "$app/$inc" ] || continue # a lib/ header ("core/log.h") or a system one
        [ "$inc" = "$name.h" ] && continue
        [[ $allowed == *" $inc "* ]] && continue
        bad="$bad $inc"
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$c")
    if [ -z "$bad" ]; then
        out="${out}ok $n - $name.c includes only framework headers and its own"$'\n'
    else
        out="${out}not ok $n - $name.c includes$bad"$'\n'
        status=1
    fi
done
echo "1..$n"
printf '%s' "$out"
exit $status
