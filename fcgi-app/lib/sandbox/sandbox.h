/* The sandbox every piece of generated code runs in: Debian's bubblewrap with every
 * namespace unshared (no network), read-only system directories, the project copy and a
 * tmpfs writable, a seccomp filter (libseccomp), rlimits, a wall-clock limit and a capped
 * log. Used by the runner's verification (the app under uvicorn, then its pytest) and by
 * `backforgectl verify`. One sandbox is one bwrap process group that this module starts,
 * watches and reaps; it is never left running. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Limits of one sandbox (0 = the default in sandbox.c). */
struct sandbox_limits {
    long memory_mb;   /* RLIMIT_AS of every process inside */
    long processes;   /* RLIMIT_NPROC (per user: see docs/verification.md) */
    long open_files;  /* RLIMIT_NOFILE */
    long file_mb;     /* RLIMIT_FSIZE: the largest file it may write */
    long cpu_s;       /* RLIMIT_CPU per process */
    long wall_ms;     /* whole lifetime, enforced by sandbox_check */
    size_t log_bytes; /* tail of stdout+stderr kept */
    size_t flood_mb;  /* output beyond this kills the sandbox */
};

struct sandbox_config {
    const char *bwrap;       /* NULL: /usr/bin/bwrap */
    const char *project_dir; /* host dir, bound read-write at /app (the working directory) */
    const char *socket_dir;  /* host dir, bound read-write at /run/app; NULL: none */
    const char *db_socket;   /* host PostgreSQL socket file, bound at
                              * /run/db/.s.PGSQL.5432; NULL: none */
    const char *const *env;  /* NULL-terminated "NAME=value": the whole environment */
    const char *const *argv; /* NULL-terminated command run inside */
    bool control_pipe;       /* stdin is a pipe the runner writes (sandbox_control_fd), not
                              * /dev/null: how a warm sandbox is handed its job */
    uid_t drop_uid;          /* when the runner is root: uid/gid bwrap runs as (0: no drop) */
    gid_t drop_gid;
    struct sandbox_limits limits;
};

struct sandbox;

/* Starts the sandbox. *out: free with sandbox_free (which stops it first). 0 or -errno. */
int sandbox_start(const struct sandbox_config *cfg, struct sandbox **out);
/* Reaps without blocking and enforces the wall-clock limit (stopping the sandbox when it
 * is reached). 1 when it has ended (its verdict is final), 0 while it runs. */
int sandbox_check(struct sandbox *sb);
/* Waits up to timeout_ms for it to end by itself; then stops it. Returns 1 when it ended
 * by itself, 0 when it had to be stopped. */
int sandbox_wait(struct sandbox *sb, long timeout_ms);
/* SIGTERM to the whole process group, SIGKILL after grace_ms, and reaps. Idempotent. */
void sandbox_stop(struct sandbox *sb, long grace_ms);
/* How it ended, in words ("exited with status 1", "killed by SIGSYS: a forbidden system
 * call (seccomp)", "CPU time limit (30 s) reached", "wall-clock limit (60 s) reached",
 * "output flood: more than 16 MB", "running"). Borrowed from sb. */
const char *sandbox_verdict(struct sandbox *sb);
/* Exit status when it exited normally (-1 otherwise). */
int sandbox_exit_status(const struct sandbox *sb);
/* Whether its end was caused by a limit or a forbidden call (not by the program itself
 * nor by sandbox_stop). */
bool sandbox_hit_limit(const struct sandbox *sb);
/* The last max_lines lines of its output (malloc'ed, caller frees; NULL on ENOMEM). */
char *sandbox_log_tail(struct sandbox *sb, int max_lines);
/* The write end of its stdin when started with control_pipe (-1 otherwise); owned by sb.
 * sandbox_control_close closes it (the program then reads end of file). */
int sandbox_control_fd(const struct sandbox *sb);
void sandbox_control_close(struct sandbox *sb);
/* Restarts its wall clock: a warm sandbox's limit counts from when it is handed a job. */
void sandbox_restart_clock(struct sandbox *sb);
/* Milliseconds since start (or since sandbox_restart_clock). */
long sandbox_elapsed_ms(const struct sandbox *sb);
/* Stops (grace 0), reaps and frees. Accepts NULL, returns NULL. */
struct sandbox *sandbox_free(struct sandbox *sb);
