#!/bin/sh
# Starts the fake OpenAI-compatible server on a free loopback port, runs the client test
# against it, and stops it; the server's log is shown when the test fails.
set -u
srcdir=${srcdir:-.}
builddir=${builddir:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/llm-client.XXXXXX") || exit 99
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

/usr/bin/python3 "$srcdir/tests/llm/fake_openai.py" --port 0 >"$tmp/out" 2>"$tmp/log" &
pid=$!
port=
i=0
while [ $i -lt 100 ]; do
    port=$(sed -n 's/^PORT \([0-9][0-9]*\)$/\1/p' "$tmp/out")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$port" ]; then
    echo "Bail out! fake_openai.py did not start"
    cat "$tmp/log" >&2
    exit 1
fi

BF_FAKE_URL="http://127.0.0.1:$port" "$builddir/tests/llm/test-llm-client"
rc=$?
if [ $rc -ne 0 ]; then
    echo "# fake server log:"
    sed 's/^/# /' "$tmp/log"
fi
exit $rc
