/* The verification job queue (see jobs.h): each operation is one SQL statement whose
 * data-modifying CTEs change the job and its project's status together, so no reader
 * ever sees a running job on a project still marked queued, or the reverse. */
#include "platform/jobs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Project status follows a runner job only while the job is for the latest version. */
#define MOVE_PROJECT(cte, status_expr)                                                            \
    "UPDATE projects p SET status = " status_expr ", updated_at = now() FROM " cte " "            \
    "WHERE p.id = " cte ".project_id AND p.latest_version = " cte ".version"

/* The fence of a claimed job: id, runner, try. */
#define FENCE "WHERE id = $1::bigint AND runner_id = $2 AND tries = $3::int AND status = 'running'"

int jobs_enqueue(struct db *db, const char *project_id, int version, int attempt,
                 long long *id_out)
{
    char v[16], at[16];
    snprintf(v, sizeof(v), "%d", version);
    snprintf(at, sizeof(at), "%d", attempt);
    const char *p[] = {project_id, v, at};
    PGresult *res;
    int rc = db_query(db, NULL,
                      "WITH j AS (INSERT INTO verifications (project_id, version, attempt) "
                      "VALUES ($1::bigint, $2::int, $3::int) RETURNING id, project_id, version), "
                      "m AS (" MOVE_PROJECT("j", "'queued'") ") SELECT id FROM j",
                      3, p, &res);
    if (rc < 0)
        return rc;
    if (id_out)
        *id_out = strtoll(db_value(res, 0, 0), NULL, 10);
    PQclear(res);
    return 0;
}

int jobs_claim(struct db *db, const char *runner_id, int lease_s, struct job *out)
{
    if (!runner_id || !*runner_id || strlen(runner_id) >= JOBS_RUNNER_ID_MAX || lease_s < 1)
        return -EINVAL;
    char lease[16];
    snprintf(lease, sizeof(lease), "%d", lease_s);
    const char *p[] = {runner_id, lease};
    PGresult *res;
    int rc = db_query(
        db, NULL,
        "WITH next AS (SELECT id FROM verifications WHERE status = 'queued' "
        "AND source = 'runner' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED), "
        "c AS (UPDATE verifications v SET status = 'running', tries = v.tries + 1, "
        "runner_id = $1, lease_until = now() + make_interval(secs => $2::int), "
        "heartbeat_at = now(), started_at = now(), finished_at = NULL FROM next "
        "WHERE v.id = next.id RETURNING v.id, v.project_id, v.version, v.attempt, v.tries), "
        "m AS (" MOVE_PROJECT(
            "c", "'verifying'") ") "
                                "SELECT id, project_id, version, attempt, tries FROM c",
        2, p, &res);
    if (rc < 0)
        return rc;
    int n = db_rows(res);
    if (n == 1) {
        memset(out, 0, sizeof(*out));
        out->id = strtoll(db_value(res, 0, 0), NULL, 10);
        out->project_id = strtoll(db_value(res, 0, 1), NULL, 10);
        out->version = atoi(db_value(res, 0, 2));
        out->attempt = atoi(db_value(res, 0, 3));
        out->tries = atoi(db_value(res, 0, 4));
        snprintf(out->runner_id, sizeof(out->runner_id), "%s", runner_id);
    }
    PQclear(res);
    return n == 1;
}

/* Runs a fenced statement whose parameters start with the job's id, runner and try. */
static long fenced(struct db *db, const struct job *job, const char *sql, int nextra,
                   const char *const *extra)
{
    char id[24], tries[16];
    snprintf(id, sizeof(id), "%lld", job->id);
    snprintf(tries, sizeof(tries), "%d", job->tries);
    const char *p[12] = {id, job->runner_id, tries};
    if (nextra > 9)
        return -EINVAL;
    for (int i = 0; i < nextra; i++)
        p[3 + i] = extra[i];
    long n = db_exec(db, sql, 3 + nextra, p);
    if (n < 0)
        return n;
    return n == 0 ? -ESTALE : 0;
}

/* fenced() for statements that end in SELECT ... FROM a CTE: the row count of the result. */
static long fenced_select(struct db *db, const struct job *job, const char *sql, int nextra,
                          const char *const *extra, char *first, size_t first_size)
{
    char id[24], tries[16];
    snprintf(id, sizeof(id), "%lld", job->id);
    snprintf(tries, sizeof(tries), "%d", job->tries);
    const char *p[12] = {id, job->runner_id, tries};
    if (nextra > 9)
        return -EINVAL;
    for (int i = 0; i < nextra; i++)
        p[3 + i] = extra[i];
    PGresult *res;
    int rc = db_query(db, NULL, sql, 3 + nextra, p, &res);
    if (rc < 0)
        return rc;
    int n = db_rows(res);
    if (n > 0 && first)
        snprintf(first, first_size, "%s", db_value(res, 0, 0) ? db_value(res, 0, 0) : "");
    PQclear(res);
    return n == 0 ? -ESTALE : 0;
}

int jobs_heartbeat(struct db *db, const struct job *job, int lease_s)
{
    char lease[16];
    snprintf(lease, sizeof(lease), "%d", lease_s);
    const char *x[] = {lease};
    return (int)fenced(db, job,
                       "UPDATE verifications SET heartbeat_at = now(), "
                       "lease_until = now() + make_interval(secs => $4::int) " FENCE,
                       1, x);
}

int jobs_complete(struct db *db, const struct job *job, const struct job_outcome *o)
{
    char *zip_hex = o->report_zip ? db_bytea_hex(o->report_zip, o->report_zip_len) : NULL;
    if (o->report_zip && !zip_hex)
        return -ENOMEM;
    const char *x[] = {o->passed ? "passed" : "failed",
                       o->summary,
                       o->report,
                       o->log_tail,
                       o->reason,
                       zip_hex,
                       zip_hex ? o->report_zip_sha256 : NULL};
    int rc = (int)fenced_select(
        db, job,
        "WITH d AS (UPDATE verifications SET status = $4::text, summary = $5::jsonb, "
        "report = $6::jsonb, log_tail = $7, reason = $8, report_zip = $9::bytea, "
        "report_zip_sha256 = $10, stage = NULL, finished_at = now(), "
        "lease_until = NULL " FENCE " RETURNING project_id, version), "
        "m AS (" MOVE_PROJECT(
            "d",
            "CASE $4::text WHEN 'passed' THEN 'verified' ELSE 'failed' END") ") "
                                                                             "SELECT 1 FROM d",
        7, x, NULL, 0);
    free(zip_hex);
    return rc;
}

int jobs_progress(struct db *db, const struct job *job, const char *stage_json)
{
    const char *x[] = {stage_json};
    return (int)fenced(db, job, "UPDATE verifications SET stage = $4::jsonb " FENCE, 1, x);
}

int jobs_fail(struct db *db, const struct job *job, bool final, const char *reason,
              const char *log_tail, bool *requeued)
{
    const char *x[] = {final ? "t" : "f", reason, log_tail};
    char status[16] = "";
    int rc = (int)fenced_select(
        db, job,
        "WITH f AS (UPDATE verifications SET status = CASE WHEN NOT $4::bool "
        "AND tries < max_tries THEN 'queued' ELSE 'error' END, reason = $5, log_tail = $6, "
        "stage = NULL, lease_until = NULL, finished_at = CASE WHEN NOT $4::bool AND tries < "
        "max_tries "
        "THEN NULL ELSE now() END " FENCE " RETURNING project_id, version, status), "
        "m AS (" MOVE_PROJECT(
            "f",
            "CASE f.status WHEN 'queued' THEN 'queued' ELSE 'error' END") ") "
                                                                          "SELECT status FROM f",
        3, x, status, sizeof(status));
    if (rc == 0 && requeued)
        *requeued = strcmp(status, "queued") == 0;
    return rc;
}

int jobs_release(struct db *db, const struct job *job)
{
    return (int)fenced_select(
        db, job,
        "WITH r AS (UPDATE verifications SET status = 'queued', tries = tries - 1, "
        "runner_id = NULL, lease_until = NULL, started_at = NULL, stage = NULL " FENCE
        " RETURNING project_id, version), "
        "m AS (" MOVE_PROJECT("r", "'queued'") ") SELECT 1 FROM r",
        0, NULL, NULL, 0);
}

int jobs_rescue(struct db *db)
{
    PGresult *res;
    int rc = db_query(
        db, NULL,
        "WITH r AS (UPDATE verifications SET "
        "status = CASE WHEN tries < max_tries THEN 'queued' ELSE 'error' END, "
        "reason = CASE WHEN tries < max_tries THEN reason ELSE "
        "'the runner stopped answering (lease expired) on each of ' || tries || ' tries' END, "
        "finished_at = CASE WHEN tries < max_tries THEN NULL ELSE now() END, "
        "stage = NULL, lease_until = NULL WHERE id IN (SELECT id FROM verifications "
        "WHERE status = 'running' "
        "AND lease_until < now() FOR UPDATE SKIP LOCKED) RETURNING project_id, version, status), "
        "m AS (" MOVE_PROJECT(
            "r",
            "CASE r.status WHEN 'queued' THEN 'queued' ELSE 'error' END") ") "
                                                                          "SELECT count(*) FROM r",
        0, NULL, &res);
    if (rc < 0)
        return rc;
    int n = atoi(db_value(res, 0, 0));
    PQclear(res);
    return n;
}

int jobs_is_live(struct db *db, long long id)
{
    char s[24];
    snprintf(s, sizeof(s), "%lld", id);
    const char *p[] = {s};
    PGresult *res;
    int rc = db_query(db, NULL,
                      "SELECT 1 FROM verifications WHERE id = $1::bigint AND status = 'running' "
                      "AND lease_until >= now()",
                      1, p, &res);
    if (rc < 0)
        return rc;
    int live = db_rows(res) > 0;
    PQclear(res);
    return live;
}

int jobs_load(struct db *db, const struct job *job, unsigned char **zip, size_t *zip_len,
              json_t **spec)
{
    char pid[24], v[16];
    snprintf(pid, sizeof(pid), "%lld", job->project_id);
    snprintf(v, sizeof(v), "%d", job->version);
    const char *p[] = {pid, v};
    PGresult *res;
    int rc = db_query_one(db, NULL,
                          "SELECT zip, spec::text FROM project_versions "
                          "WHERE project_id = $1::bigint AND version = $2::int",
                          2, p, &res);
    if (rc < 0)
        return rc;
    size_t len = 0;
    unsigned char *bytes = PQunescapeBytea((const unsigned char *)db_value(res, 0, 0), &len);
    json_t *s = json_loads(db_value(res, 0, 1), 0, NULL);
    PQclear(res);
    if (!bytes || !s) {
        if (bytes)
            PQfreemem(bytes);
        json_decref(s);
        return -ENOMEM;
    }
    /* PQfreemem memory is not free()-able in general; hand out a malloc'ed copy. */
    unsigned char *copy = malloc(len ? len : 1);
    if (!copy) {
        PQfreemem(bytes);
        json_decref(s);
        return -ENOMEM;
    }
    memcpy(copy, bytes, len);
    PQfreemem(bytes);
    *zip = copy;
    *zip_len = len;
    *spec = s;
    return 0;
}
