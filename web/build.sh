#!/bin/sh
# Builds the dashboard for nginx: copies web/ into OUT with every asset under
# /assets/<hash>/ (hash of all asset names and contents) and index.html pointing there.
# Assets keep their relative names, so ES module imports between them need no rewriting;
# a changed file changes the hash, which is what lets nginx cache /assets/ for a year.
# The one library, highlight.js (its browser ES module build, from the npm registry at the
# version package-lock.json pins), is copied in as vendor/highlight/: `npm ci` installs it
# into web/node_modules when that is missing or stale, or into a scratch directory when web/
# is read-only (an unpacked tarball under distcheck). Nothing is loaded from elsewhere.
# index.html also gets a modulepreload link per module of the first paint.
# Usage: web/build.sh OUT_DIR   (OUT_DIR is created; web/ is only written by npm ci)
set -eu
[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")" && pwd)
out=$1

# The grammars the code browser knows (the generated project's file kinds), and the core.
HLJS_FILES="core.min.js languages/python.min.js languages/yaml.min.js
languages/markdown.min.js languages/json.min.js languages/dockerfile.min.js
languages/ini.min.js languages/bash.min.js languages/sql.min.js languages/plaintext.min.js"
pkg=node_modules/@highlightjs/cdn-assets

locked_version() {
    sed -n '/"node_modules\/@highlightjs\/cdn-assets"/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' \
        "$src/package-lock.json" | head -n 1
}
installed_version() {
    [ -f "$1/$pkg/package.json" ] || return 0
    sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$1/$pkg/package.json" | head -n 1
}
want=$(locked_version)
[ -n "$want" ] || { echo "$0: no @highlightjs/cdn-assets in package-lock.json" >&2; exit 1; }
modules=$src
scratch=''
trap 'if [ -n "$scratch" ]; then rm -rf "$scratch"; fi' EXIT
if [ "$(installed_version "$src")" != "$want" ]; then
    if [ -w "$src" ]; then
        (cd "$src" && npm ci --no-audit --no-fund --loglevel=error >&2)
    else
        scratch=$(mktemp -d)
        cp "$src/package.json" "$src/package-lock.json" "$scratch/"
        (cd "$scratch" && npm ci --no-audit --no-fund --loglevel=error >&2)
        modules=$scratch
    fi
fi
[ "$(installed_version "$modules")" = "$want" ] || {
    echo "$0: npm did not install @highlightjs/cdn-assets $want" >&2
    exit 1
}

assets=$(cd "$src" && find . -type f \
    ! -name index.html ! -name build.sh ! -name '*.md' ! -name '*.in' \
    ! -name package.json ! -name package-lock.json \
    ! -path './dist/*' ! -path './node_modules/*' | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$assets" ] || { echo "$0: no assets in $src" >&2; exit 1; }

hash=$( {
    cd "$src"
    for f in $assets; do printf '%s\n' "$f"; cat "$f"; done
    for f in $HLJS_FILES; do printf 'vendor/highlight/%s\n' "$f"; cat "$modules/$pkg/es/$f"; done
} | sha256sum | cut -c1-16)

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
for f in $HLJS_FILES LICENSE; do
    from=$modules/$pkg/es/$f
    [ "$f" = LICENSE ] && from=$modules/$pkg/LICENSE
    mkdir -p "$out/assets/$hash/vendor/highlight/$(dirname "$f")"
    cp "$from" "$out/assets/$hash/vendor/highlight/$f"
    chmod 0644 "$out/assets/$hash/vendor/highlight/$f"
done
# Every module the first paint needs, preloaded: the import graph is several levels deep,
# and without this each level waits for the one above (the highlighter stays lazy).
preload=$(for f in $assets; do
    case $f in js/highlight.js) ;; js/*.js) printf '  <link rel="modulepreload" href="/assets/%s/%s">\n' "$hash" "$f" ;; esac
done)
sed -e "$script" "$src/index.html" | awk -v links="$preload" '
    /<!-- modulepreload:/ { print links; next } { print }' >"$out/index.html"
chmod 0644 "$out/index.html"
echo "$out/assets/$hash"
