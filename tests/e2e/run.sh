#!/bin/sh
# Runs the dashboard's browser tests: installs the node dependencies when missing (npm ci
# from package-lock.json), then node's test runner over sse.test.js (the event-stream
# reader, in node), ../web/*.test.js (the dashboard's client logic, in node) and
# dashboard.test.js (the browser). The browser tests start
# their own stack on free ports from BACKFORGE_BUILD_DIR (default <repo>/build).
set -eu
cd "$(dirname "$0")"
# Installed and locked versions must agree; a stale node_modules is reinstalled.
installed=$(node -p "require('./node_modules/playwright-core/package.json').version" 2>/dev/null || true)
locked=$(node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")
if [ "$installed" != "$locked" ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
[ -x "${E2E_CHROMIUM:-/usr/bin/chromium}" ] || {
    echo "e2e: ${E2E_CHROMIUM:-/usr/bin/chromium} is missing: apt-get install chromium" >&2
    exit 1
}
exec node --test --test-reporter=spec ../web/*.test.js sse.test.js dashboard.test.js verification.test.js autofix.test.js
