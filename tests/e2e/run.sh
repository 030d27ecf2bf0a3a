#!/bin/sh
# Runs the dashboard's browser tests: installs the node dependencies when missing (npm ci
# from package-lock.json), then node's test runner over dashboard.test.js. The tests start
# their own stack on free ports from BACKFORGE_BUILD_DIR (default <repo>/build).
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules/playwright-core ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
[ -x "${E2E_CHROMIUM:-/usr/bin/chromium}" ] || {
    echo "e2e: ${E2E_CHROMIUM:-/usr/bin/chromium} is missing: apt-get install chromium" >&2
    exit 1
}
exec node --test --test-concurrency=1 --test-reporter=spec dashboard.test.js
