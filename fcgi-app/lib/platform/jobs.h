/* The verification job queue in PostgreSQL (table verifications, sql/005): the platform
 * enqueues a job when it stores a version; runners claim, heartbeat and finish jobs. Every
 * change to a runner job also moves its project's status (queued, verifying, verified,
 * failed, error) in the same transaction, when the job is for the project's latest version.
 * A claim is fenced by (id, runner_id, tries): a runner whose lease expired and whose job
 * another runner took can no longer write to it (-ESTALE). */
#pragma once
#include "platform/db.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define JOBS_RUNNER_ID_MAX 64
#define JOBS_CHANNEL       "backforge_jobs"

/* A claimed job. */
struct job {
    long long id;
    long long project_id;
    int version;
    int attempt; /* verification round of the project (1 = generated version) */
    int tries;   /* this claim's number: 1 on the first run */
    char runner_id[JOBS_RUNNER_ID_MAX];
};

/* Queues a verification of (project_id, version) and sets the project's status to queued.
 * Meant to run inside the caller's transaction (db_transaction), so the job exists exactly
 * when the version does. *id_out (may be NULL) receives the new job's id. 0 or -errno
 * (-ENOENT: no such version). */
int jobs_enqueue(struct db *db, const char *project_id, int version, int attempt,
                 long long *id_out);

/* Claims the oldest queued job for runner_id with a lease of lease_s seconds: 1 and *out
 * filled, 0 when nothing is queued, or -errno. */
int jobs_claim(struct db *db, const char *runner_id, int lease_s, struct job *out);

/* Extends the lease to now + lease_s. 0, -ESTALE when the job is no longer this claim's
 * (lease expired and rescued, project deleted), or -errno. */
int jobs_heartbeat(struct db *db, const struct job *job, int lease_s);

/* What a run that worked hands back (every pointer borrowed). */
struct job_outcome {
    bool passed;                   /* else failed */
    const char *summary;           /* JSON text */
    const char *report;            /* JSON text, or NULL */
    const char *log_tail, *reason; /* or NULL */
    /* The version's ZIP with its PROJECT_REPORT.md stamped with this result (codegen/stamp.h),
     * or NULL; its sha256 (lowercase hex) is stored beside it. */
    const unsigned char *report_zip;
    size_t report_zip_len;
    const char *report_zip_sha256;
};

/* Final result of a run that worked. Project status becomes verified or failed; the stage
 * is cleared. 0, -ESTALE or -errno. */
int jobs_complete(struct db *db, const struct job *job, const struct job_outcome *o);

/* Where a running job is (stage_json: {"name", "step"?, "steps"?}), shown while it runs.
 * 0, -ESTALE or -errno. */
int jobs_progress(struct db *db, const struct job *job, const char *stage_json);

/* The run could not verify (an infrastructure fault): the job goes back to the queue when
 * it has tries left, else it ends in error with reason (project status error). With final,
 * it ends in error at once (a fault that retrying cannot cure, such as a broken ZIP).
 * *requeued (may be NULL) says which happened. 0, -ESTALE or -errno. */
int jobs_fail(struct db *db, const struct job *job, bool final, const char *reason,
              const char *log_tail, bool *requeued);

/* Hands a job back unfinished (a runner shutting down): queued again, this try not
 * counted. 0, -ESTALE or -errno. */
int jobs_release(struct db *db, const struct job *job);

/* Re-queues running jobs whose lease expired (their runner died), or ends them in error
 * when they have used up their tries. Returns how many it touched, or -errno. */
int jobs_rescue(struct db *db);

/* Whether job id is running under a valid lease (used to tell a live job's scratch
 * database from a stale one). 1, 0 or -errno. */
int jobs_is_live(struct db *db, long long id);

/* The stored ZIP and spec of the job's version. *zip is malloc'ed (caller frees), *spec a
 * new reference. 0, -ENOENT (version gone) or -errno. */
int jobs_load(struct db *db, const struct job *job, unsigned char **zip, size_t *zip_len,
              json_t **spec);
