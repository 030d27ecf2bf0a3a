#!/bin/sh
# Fills the @NAME@ placeholders of an nginx template (backforge.conf.in, nginx-dev.conf.in)
# from NAME=value arguments and prints the result; fails if any placeholder is left unset,
# so a rendered config never reaches nginx with a literal @NAME@ in it.
# Usage: render.sh TEMPLATE NAME=value... > out.conf
set -eu
[ $# -ge 1 ] || { echo "usage: $0 TEMPLATE NAME=value..." >&2; exit 2; }
template=$1
shift
script=''
for kv in "$@"; do
    name=${kv%%=*}
    value=${kv#*=}
    case $name in '' | *[!A-Z0-9_]*) echo "$0: bad name in '$kv'" >&2; exit 2 ;; esac
    # Escape what sed's replacement side treats specially: \ & and the | delimiter.
    value=$(printf '%s' "$value" | sed -e 's/[\\&|]/\\&/g')
    script="${script}s|@${name}@|${value}|g
"
done
out=$(sed -e "$script" "$template")
left=$(printf '%s\n' "$out" | grep -o '@[A-Z][A-Z0-9_]*@' | sort -u | tr '\n' ' ' || true)
if [ -n "$left" ]; then
    echo "$0: $template: no value for $left" >&2
    exit 1
fi
printf '%s\n' "$out"
