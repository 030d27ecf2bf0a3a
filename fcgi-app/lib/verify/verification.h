/* One verification of one project ZIP, start to end: unpack into a job directory, a
 * throwaway database, the app in a sandbox under uvicorn on a unix socket, the suite over
 * that socket, then the project's own pytest in a second sandbox, and the report. Shared by
 * the runner daemon (one forked process per job) and `backforgectl verify`. */
#pragma once
#include "platform/db.h"
#include "sandbox/sandbox.h"

#include <jansson.h>
#include <stdbool.h>

struct verification_config {
    const char *work_dir;  /* parent of the job directories (must exist) */
    const char *db_socket; /* host path of the verification PostgreSQL's socket file */
    struct sandbox_limits app_limits, test_limits;
    long startup_ms; /* the app must answer /health within this (0: 20 s) */
    long suite_ms;   /* the whole suite (0: 120 s) */
    bool run_pytest;
    uid_t drop_uid; /* see sandbox_config */
    gid_t drop_gid;
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
