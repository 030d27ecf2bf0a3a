/* The master process: forks and supervises the workers, respawns the dead (with backoff
 * when they crash-loop), and shuts down TERM → KILL without leaving orphans. */
#pragma once
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

/* What a worker is doing, in shared memory the master reads after the worker died. The
 * worker writes it; strings are NUL-terminated and truncated. */
struct worker_slot {
    pid_t pid;
    volatile sig_atomic_t busy; /* 1 while serving a request */
    int slow;                   /* 1 while holding a slow-work place; atomic access only */
    char request_id[72];
    char method[16];
    char path[200];
    long long started_ms; /* CLOCK_MONOTONIC ms at request start */
};

struct master_opts {
    int workers;
    long shutdown_grace_ms;
};

/* The worker table in shared memory, as one worker sees it: its own slot is
 * slots[self]. */
struct worker_pool {
    struct worker_slot *slots;
    int size;
    int self;
};

/* Runs in the child after fork: serve until told to stop, return the exit status. */
typedef int (*master_worker_fn)(const struct worker_pool *pool, void *userdata);

/* Work that waits on the outside for long (a language-model call may take minutes) can
 * hold at most `limit` workers of the pool at once, so that the others stay free for
 * quick requests. Marks this worker and returns true when a place is free; returns false
 * when `limit` workers hold one already. Two workers claiming at the same moment may both
 * be refused, never both admitted past the limit. The master clears the mark of a worker
 * that dies. */
bool worker_pool_claim_slow(const struct worker_pool *pool, int limit);
void worker_pool_release_slow(const struct worker_pool *pool);

/* Blocks SIGCHLD/SIGTERM/SIGINT/SIGHUP/SIGALRM, forks the workers and supervises them
 * until SIGTERM or SIGINT, then forwards SIGTERM, waits up to the grace period, SIGKILLs
 * the rest and reaps everyone. Returns the process exit status (0 after a clean
 * shutdown, 1 when the workers could not be started). Logs with id "master". */
int master_run(const struct master_opts *o, master_worker_fn fn, void *userdata);

/* Monotonic milliseconds, for slots and access logs. */
long long master_now_ms(void);
