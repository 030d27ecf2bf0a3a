/* One verification of one project ZIP, start to end: unpack into a job directory (a copy for
 * the app and one for its tests), a throwaway database, the app in a sandbox under uvicorn on
 * a unix socket, the suite over that socket, the project's own pytest in a second sandbox
 * (beside the app when each sandbox has a uid of its own), and the report. Shared by
 * the runner daemon (one forked process per job) and `backforgectl verify`. */
#pragma once
#include "platform/db.h"
#include "sandbox/sandbox.h"

#include <jansson.h>
#include <stdbool.h>

/* Where a verification is, as it goes: stage is "preparing" (job directory, unpacking,
 * databases), "starting" (the app's sandbox until /health answers), "suite" (step of steps
 * done), "pytest" (the project's own tests) or "finishing"; step and steps are 0 outside
 * the suite. Called on the verifying thread: it must not block. */
typedef void verification_progress_fn(void *ctx, const char *stage, int step, int steps);

struct verification_config {
    const char *work_dir;  /* parent of the job directories (must exist) */
    const char *db_socket; /* host path of the verification PostgreSQL's socket file */
    struct sandbox_limits app_limits, test_limits;
    long startup_ms; /* the app must answer /health within this (0: 20 s) */
    long suite_ms;   /* the whole suite (0: 120 s) */
    bool run_pytest;
    long password_hash_iterations; /* the app's PASSWORD_HASH_ITERATIONS (0: its own) */
    bool pytest_parallel;          /* pytest beside the app on a second database (else after it) */
    bool warm;      /* runner_warm_sandboxes: the runner pre-starts verification_warm */
    uid_t drop_uid; /* a root runner without a uid pool: every sandbox's uid and gid */
    gid_t drop_gid;
    uid_t uid_base;           /* a root runner: each verification leases two uids of its own */
    int uid_pairs;            /* from uid_base (uidpool.h); 0: no pool (drop_uid, or none) */
    const char *uid_lock_dir; /* the pool's leases: one directory per host */
    verification_progress_fn *progress; /* may be NULL */
    void *progress_ctx;
};

struct verification_result {
    char status[8];   /* "passed", "failed" or "error" */
    char reason[600]; /* "" when passed */
    bool retryable;   /* for error: a fault of the runner's side that may pass on a retry */
    json_t *report;   /* new reference: CONTRACT.md 2 shape + reason, log_tail, pytest,
                       * timings; NULL only on error */
    char *log_tail;   /* malloc'ed; may be NULL */
};

/* Runs it. admin: a connection to the verification PostgreSQL able to create databases
 * and roles. Always fills *out (release with verification_result_clear). */
void verification_run(const struct verification_config *cfg, struct db *admin, long long job_id,
                      const unsigned char *zip, size_t zip_len, const json_t *spec,
                      struct verification_result *out);
/* A warm start: a fresh, empty job directory and the two sandboxes of one verification
 * (the app's and its tests'), each with the same bubblewrap profile, limits and seccomp
 * filter as a cold one, running a standard-library Python "zygote" that has imported the
 * framework (FastAPI, uvicorn, SQLAlchemy, pydantic, psycopg2; pytest for the tests) and
 * waits on its stdin for the one job it will run: the environment (its whole environment
 * then) and uvicorn's or pytest's arguments. The project is unpacked into the directory
 * the sandboxes were created with. It serves exactly one verification, which consumes it:
 * never reused. owner: the runner's pid, in the directory's name
 * (warm-<owner>-XXXXXX) so a runner can tell what a dead one left. *out: release with
 * verification_warm_free unless handed to verification_run_warm. 0 or -errno. */
struct verification_warm;
int verification_warm_start(const struct verification_config *cfg, long owner,
                            struct verification_warm **out);
/* Stops its sandboxes and removes its directory. Accepts NULL. */
void verification_warm_free(struct verification_warm *w);
/* verification_run with a warm start (consumed; NULL or a sandbox of it that died: the
 * cold path for that sandbox). */
void verification_run_warm(const struct verification_config *cfg, struct verification_warm *warm,
                           struct db *admin, long long job_id, const unsigned char *zip,
                           size_t zip_len, const json_t *spec, struct verification_result *out);
/* Fills cfg from the configuration (verify_database_url, runner_work_dir, sandbox_* and
 * verify_* keys; docs/verification.md lists them). socket_buf receives the database socket
 * path that cfg points at. 0, -ENOENT (no verify_database_url) or -EINVAL (it does not
 * name a unix socket directory). */
struct config;
int verification_config_load(const struct config *c, struct verification_config *cfg,
                             char *socket_buf, size_t socket_size);
void verification_result_clear(struct verification_result *r);
/* The JSON text of {"status", "reason", "retryable", "report", "log_tail"} (malloc'ed), and
 * back: how the runner's job process hands its result to the daemon. */
char *verification_result_dump(const struct verification_result *r);
int verification_result_load(const char *text, struct verification_result *out);
