#!/bin/sh
# Builds the dashboard for nginx: copies web/ into OUT with every asset under
# /assets/<hash>/ (hash of all asset names and contents) and index.html pointing there.
# Assets keep their relative names, so ES module imports between them need no rewriting;
# a changed file changes the hash, which is what lets nginx cache /assets/ for a year.
# Usage: web/build.sh OUT_DIR   (OUT_DIR is created; web/ itself is never written)
set -eu
[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")" && pwd)
out=$1

assets=$(cd "$src" && find . -type f \
    ! -name index.html ! -name build.sh ! -name '*.md' ! -name '*.in' \
    ! -path './dist/*' ! -path './node_modules/*' | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$assets" ] || { echo "$0: no assets in $src" >&2; exit 1; }

hash=$(cd "$src" && for f in $assets; do printf '%s\n' "$f"; cat "$f"; done |
    sha256sum | cut -c1-16)

mkdir -p "$out/assets/$hash"
script=''
for f in $assets; do
    mkdir -p "$out/assets/$hash/$(dirname "$f")"
    cp "$src/$f" "$out/assets/$hash/$f"
    chmod 0644 "$out/assets/$hash/$f"
    # Only attribute values that are exactly the asset's name are rewritten.
    re=$(printf '%s' "$f" | sed 's/[].[*^$\\]/\\&/g')
    script="${script}s|=\"\\(\\./\\)\\{0,1\\}$re\"|=\"/assets/$hash/$f\"|g
"
done
sed -e "$script" "$src/index.html" >"$out/index.html"
chmod 0644 "$out/index.html"
echo "$out/assets/$hash"
