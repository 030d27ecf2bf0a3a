# Shared helpers for the developer commands (scripts/up, down, check, stack, deps).
# Sourced, never run: it sets the repository paths and the defaults every command agrees on.
# shellcheck shell=bash

BF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export BF_ROOT

: "${BACKFORGE_STATE_DIR:=$BF_ROOT/var}"
: "${BACKFORGE_BUILD_DIR:=$BF_ROOT/build}"
: "${BACKFORGE_HTTPS_PORT:=8443}"
: "${BACKFORGE_HTTP_PORT:=8080}"
: "${BACKFORGE_PG_PORT:=55432}"
: "${BACKFORGE_VERIFY_PG_PORT:=55433}"
: "${BACKFORGE_RUNNER_SLOTS:=2}"
: "${BACKFORGE_WORKERS:=2}"
: "${BACKFORGE_NGINX_WORKERS:=auto}"
# Not exported: BACKFORGE_<KEY> is also how the programs take config overrides, and a
# default leaking into `make check` would override what the unit tests set up. Each script
# sources this file and gets the same defaults.

bf_say() { printf '%s: %s\n' "${BF_PROG:-backforge}" "$*" >&2; }
bf_die() {
    bf_say "error: $*"
    exit 1
}

# Configure flags shared by every build directory the scripts make.
BF_CONFIGURE_FLAGS=(--quiet)

# bf_build DIR [configure args...]: autoreconf when the tree has no configure script (a
# fresh clone), configure DIR once, then make. Output goes to DIR/build.log so a failure
# can be shown without flooding a CI log on success.
bf_build() {
    local dir=$1
    shift
    # Only a missing configure needs autoreconf: once configured, make's own rules
    # regenerate configure and Makefile.in when configure.ac or a Makefile fragment changes.
    if [ ! -x "$BF_ROOT/configure" ]; then
        bf_say "autoreconf"
        (cd "$BF_ROOT" && autoreconf -fi) || return 1
    fi
    mkdir -p "$dir"
    if [ ! -f "$dir/Makefile" ]; then
        bf_say "configure in $dir"
        (cd "$dir" && "$BF_ROOT/configure" "${BF_CONFIGURE_FLAGS[@]}" "$@") || return 1
    fi
    bf_say "make in $dir"
    if ! make -C "$dir" -j"$(bf_jobs)" >"$dir/build.log" 2>&1; then
        tail -n 60 "$dir/build.log" >&2
        bf_say "build failed: full log in $dir/build.log"
        return 1
    fi
}

bf_jobs() { nproc 2>/dev/null || echo 2; }

# True when the process in pid file $1 is alive.
bf_pid_alive() {
    local pid
    [ -s "$1" ] || return 1
    pid=$(head -n 1 "$1")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null
}
