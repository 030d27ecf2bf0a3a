#!/bin/sh
# Builds the dashboard for nginx: bundles web/js/ with esbuild into OUT/assets/<hash>/
# beside style.css, and writes OUT/index.html pointing there. The hash is of what ships, so
# a changed file changes it, which is what lets nginx cache /assets/ for a year.
#
# Why a bundle: the sources are some forty small ES modules. Loaded as they are, a first
# visit asks for each (the import graph is several levels deep) and links them one by one;
# the bundle is one module for the first paint plus one chunk per lazy import (the
# highlighter, loaded when a file is opened). The sources stay plain ES modules, which
# node's test runner imports directly (tests/web/).
#
# The libraries come from the npm registry at the versions package-lock.json pins:
# highlight.js (its browser ES module build, bundled into the highlighter's chunk) and
# esbuild (build time only). `npm ci` installs them into web/node_modules when that is
# missing or stale, or into a scratch directory when web/ is read-only (an unpacked
# tarball under distcheck). Nothing is loaded from elsewhere at run time.
# Usage: web/build.sh OUT_DIR   (OUT_DIR is created; web/ is only written by npm ci)
set -eu
[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")" && pwd)
out=$1

# The grammars the code browser knows (the generated project's file kinds), and the core.
HLJS_FILES="core.min.js languages/python.min.js languages/yaml.min.js
languages/markdown.min.js languages/json.min.js languages/dockerfile.min.js
languages/ini.min.js languages/bash.min.js languages/sql.min.js languages/plaintext.min.js"
HLJS=node_modules/@highlightjs/cdn-assets
PACKAGES="@highlightjs/cdn-assets esbuild"

# locked_version PACKAGE: the version package-lock.json pins.
locked_version() {
    sed -n "/\"node_modules\/$(printf '%s' "$1" | sed 's|/|\\/|g')\"/,/}/s/.*\"version\": *\"\([^\"]*\)\".*/\1/p" \
        "$src/package-lock.json" | head -n 1
}
# installed_version DIR PACKAGE: the version installed under DIR/node_modules, or nothing.
installed_version() {
    [ -f "$1/node_modules/$2/package.json" ] || return 0
    sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$1/node_modules/$2/package.json" | head -n 1
}
# all_installed DIR: every package at its locked version under DIR.
all_installed() {
    for p in $PACKAGES; do
        want=$(locked_version "$p")
        [ -n "$want" ] || { echo "$0: no $p in package-lock.json" >&2; exit 1; }
        [ "$(installed_version "$1" "$p")" = "$want" ] || return 1
    done
}

modules=$src
scratch=''
stage=''
trap 'rm -rf $scratch $stage' EXIT
if ! all_installed "$src"; then
    if [ -w "$src" ]; then
        (cd "$src" && npm ci --include=dev --no-audit --no-fund --loglevel=error >&2)
    else
        scratch=$(mktemp -d)
        cp "$src/package.json" "$src/package-lock.json" "$scratch/"
        (cd "$scratch" && npm ci --include=dev --no-audit --no-fund --loglevel=error >&2)
        modules=$scratch
    fi
fi
all_installed "$modules" || { echo "$0: npm did not install $PACKAGES as locked" >&2; exit 1; }

# The sources with highlight.js where js/highlight.js imports it from (../vendor/highlight/).
stage=$(mktemp -d)
cp -R "$src/js" "$stage/js"
for f in $HLJS_FILES; do
    mkdir -p "$stage/vendor/highlight/$(dirname "$f")"
    cp "$modules/$HLJS/es/$f" "$stage/vendor/highlight/$f"
done
mkdir -p "$stage/out"
"$modules/node_modules/.bin/esbuild" "$stage/js/app.js" --bundle --format=esm --splitting \
    --minify --charset=utf8 --log-level=warning --outdir="$stage/out" \
    --metafile="$stage/meta.json"
cp "$src/style.css" "$stage/out/style.css"
cp "$modules/$HLJS/LICENSE" "$stage/out/highlight.js-LICENSE"

hash=$(cd "$stage/out" && for f in $(find . -type f | LC_ALL=C sort); do
    printf '%s\n' "$f"
    cat "$f"
done | sha256sum | cut -c1-16)
mkdir -p "$out/assets"
rm -rf "$out/assets/$hash"
cp -R "$stage/out" "$out/assets/$hash"
find "$out/assets/$hash" -type f -exec chmod 0644 {} +

# The chunks app.js imports statically, preloaded so they load beside it, not after it;
# the lazy ones (the highlighter) are left to their import().
preload=$(node -e '
    const meta = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const app = Object.entries(meta.outputs).find(([, o]) => o.entryPoint && o.entryPoint.endsWith("js/app.js"));
    for (const i of app[1].imports) if (i.kind === "import-statement") console.log(i.path.split("/").pop());
' "$stage/meta.json" | while read -r chunk; do
    printf '  <link rel="modulepreload" href="/assets/%s/%s">\n' "$hash" "$chunk"
done)
sed -e "s|=\"style\.css\"|=\"/assets/$hash/style.css\"|" \
    -e "s|=\"js/app\.js\"|=\"/assets/$hash/app.js\"|" "$src/index.html" |
    awk -v links="$preload" '/<!-- modulepreload:/ { if (links != "") print links; next } { print }' \
        >"$out/index.html"
chmod 0644 "$out/index.html"
echo "$out/assets/$hash"
