/* jobs.c against a real PostgreSQL (BF_TEST_PG; skipped otherwise), in a fresh database
 * with the real migrations: enqueue with the project's status, claims that two runners
 * never share, the lease fence, hand-back, retries up to the final error, and the rescue
 * of a job whose runner died. */
#include "platform/jobs.h"
#include "tap.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

static int migrate(struct db *db, const char *srcdir)
{
    static const char *const files[] = {"001_init.sql",          "002_projects.sql",
                                        "003_llm.sql",           "004_users_notify.sql",
                                        "005_verifications.sql", "008_verification_progress.sql"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/sql/%s", srcdir, files[i]);
        char *sql = slurp(path);
        if (!sql)
            return -ENOENT;
        int rc = db_exec_script(db, sql);
        free(sql);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static char *one(struct db *db, const char *sql)
{
    PGresult *res;
    if (db_query(db, NULL, sql, 0, NULL, &res) < 0)
        return strdup("(error)");
    char *v = strdup(db_rows(res) > 0 && db_value(res, 0, 0) ? db_value(res, 0, 0) : "(none)");
    PQclear(res);
    return v;
}

#define is_sql(db, sql, want, ...)                                                                \
    do {                                                                                          \
        char *got_ = one(db, sql);                                                                \
        is_str(got_, want, __VA_ARGS__);                                                          \
        free(got_);                                                                               \
    } while (0)

static int enqueue_tx(struct db *db, void *userdata)
{
    return jobs_enqueue(db, "1", 1, 1, userdata);
}

int main(void)
{
    const char *conninfo = getenv("BF_TEST_PG");
    const char *srcdir = getenv("srcdir");
    if (!conninfo || !*conninfo) {
        printf("1..0 # SKIP BF_TEST_PG is not set\n");
        return 0;
    }
    struct db *admin, *db, *db2;
    is_int(db_new(conninfo, &admin), 0, "admin handle");
    db_exec_script(admin, "DROP DATABASE IF EXISTS bf_test_jobs WITH (FORCE)");
    is_int(db_exec_script(admin, "CREATE DATABASE bf_test_jobs"), 0, "fresh database");
    char ci[1024];
    snprintf(ci, sizeof(ci), "%s dbname=bf_test_jobs", conninfo);
    is_int(db_new(ci, &db), 0, "handle");
    is_int(db_new(ci, &db2), 0, "second runner's handle");
    is_int(migrate(db, srcdir ? srcdir : "."), 0, "the migrations apply");
    is_int(db_exec_script(db,
                          "INSERT INTO users (email, password_hash) VALUES "
                          "('a@example.com', '$argon2id$x');"
                          "INSERT INTO projects (user_id, name, title) VALUES (1, 'p', 'P');"
                          "INSERT INTO project_versions (project_id, version, origin, planner, "
                          "spec, review, files, zip, zip_sha256) VALUES (1, 1, 'spec', 'x', "
                          "'{\"name\": \"p\"}', '{}', '[]', '\\x504b', repeat('a', 64))"),
           0, "a project with one version");
    is_sql(db, "SELECT status FROM projects", "queued", "new projects start queued");

    struct job j1, j2, j3;
    is_int(jobs_claim(db, "r1", 30, &j1), 0, "nothing to claim yet");
    is_int(jobs_enqueue(db, "1", 7, 1, NULL), -ENOENT, "no job for a version that is not there");
    long long id = 0;
    is_int(db_transaction(db, enqueue_tx, &id, false), 0, "enqueue in a transaction");
    ok(id > 0, "job id returned");
    is_sql(db, "SELECT status || ' ' || tries FROM verifications", "queued 0", "job queued");

    is_int(jobs_claim(db, "r1", 30, &j1), 1, "runner 1 claims it");
    ok(j1.id == id && j1.project_id == 1 && j1.version == 1 && j1.tries == 1 && j1.attempt == 1,
       "claimed job carries id, project, version, try 1");
    is_int(jobs_claim(db2, "r2", 30, &j2), 0, "runner 2 finds nothing: never the same job");
    is_sql(db, "SELECT status FROM projects", "verifying", "project is verifying");
    is_int(jobs_heartbeat(db, &j1, 60), 0, "heartbeat");
    is_sql(db, "SELECT (lease_until > now() + interval '50 s')::text FROM verifications", "true",
           "heartbeat extends the lease");

    struct job forged = j1;
    snprintf(forged.runner_id, sizeof(forged.runner_id), "r2");
    const struct job_outcome passed = {.passed = true, .summary = "{}"};
    is_int(jobs_complete(db2, &forged, &passed), -ESTALE, "another runner cannot complete it");
    is_int(jobs_progress(db2, &forged, "{\"name\": \"suite\"}"), -ESTALE,
           "another runner cannot report its stage");
    is_int(jobs_progress(db, &j1, "{\"name\": \"suite\", \"step\": 3, \"steps\": 9}"), 0,
           "stage report");
    is_sql(db, "SELECT stage->>'name' || ' ' || (stage->>'step') FROM verifications", "suite 3",
           "stage stored while running");

    is_int(jobs_release(db, &j1), 0, "hand back on shutdown");
    is_sql(db, "SELECT coalesce(stage::text, 'none') FROM verifications", "none",
           "a handed-back job has no stage");
    is_sql(db, "SELECT status || ' ' || tries FROM verifications", "queued 0",
           "handed back, try not counted");
    is_sql(db, "SELECT status FROM projects", "queued", "project queued again");
    is_int(jobs_heartbeat(db, &j1, 30), -ESTALE, "old claim is fenced off");

    /* A runner dies: its lease runs out and the rescuer re-queues the job. */
    is_int(jobs_claim(db2, "r2", 30, &j2), 1, "runner 2 claims it");
    db_exec_script(db, "UPDATE verifications SET lease_until = now() - interval '1 s'");
    is_int(jobs_is_live(db, j2.id), 0, "expired lease is not live");
    is_int(jobs_rescue(db), 1, "rescue re-queues the expired job");
    is_int(jobs_complete(db2, &j2, &passed), -ESTALE, "the dead runner's late result is refused");
    is_int(jobs_claim(db, "r1", 30, &j3), 1, "claimed again");
    is_int(j3.tries, 2, "second try");
    is_int(jobs_is_live(db, j3.id), 1, "valid lease is live");

    bool requeued = false;
    is_int(jobs_fail(db, &j3, false, "scratch database down", NULL, &requeued), 0, "fail");
    ok(requeued, "retried while tries are left");
    is_int(jobs_claim(db, "r1", 30, &j3), 1, "third try claimed");
    is_int(jobs_fail(db, &j3, false, "scratch database down", "log", &requeued), 0, "fail again");
    ok(!requeued, "no tries left: final");
    is_sql(db, "SELECT status || ' ' || reason FROM verifications", "error scratch database down",
           "job ends in error with its reason");
    is_sql(db, "SELECT status FROM projects", "error", "project error");

    /* A fresh verification that runs and fails; then one that passes. */
    is_int(jobs_enqueue(db, "1", 1, 2, &id), 0, "re-queue");
    is_int(jobs_claim(db, "r1", 30, &j1), 1, "claim");
    is_int(jobs_progress(db, &j1, "{\"name\": \"pytest\"}"), 0, "stage report");
    static const unsigned char stamped[] = {'P', 'K', 0, 1};
    const struct job_outcome failed = {.summary = "{\"total\": 2, \"passed\": 1}",
                                       .report = "{\"tests\": []}",
                                       .log_tail = "tail",
                                       .reason = "1 of 2 tests failed",
                                       .report_zip = stamped,
                                       .report_zip_len = sizeof(stamped),
                                       .report_zip_sha256 = "ab12ab12ab12ab12ab12ab12ab12ab12"
                                                            "ab12ab12ab12ab12ab12ab12ab12ab12"};
    is_int(jobs_complete(db, &j1, &failed), 0, "complete as failed");
    is_sql(db,
           "SELECT encode(report_zip, 'hex') || ' ' || left(report_zip_sha256, 4) || ' ' || "
           "coalesce(stage::text, 'none') FROM verifications WHERE id = (SELECT max(id) FROM "
           "verifications)",
           "504b0001 ab12 none", "the stamped ZIP stored byte for byte, the stage cleared");
    is_sql(db, "SELECT status FROM projects", "failed", "project failed");
    is_sql(db,
           "SELECT summary->>'passed' FROM verifications WHERE id = (SELECT max(id) FROM "
           "verifications)",
           "1", "summary stored");
    is_int(jobs_enqueue(db, "1", 1, 1, &id), 0, "re-queue");
    is_int(jobs_claim(db, "r1", 30, &j1), 1, "claim");
    is_int(jobs_complete(db, &j1, &passed), 0, "complete as passed");
    is_sql(db, "SELECT status FROM projects", "verified", "project verified");
    is_int(jobs_complete(db, &j1, &passed), -ESTALE, "completes only once");

    /* Final error at once, and the ZIP and spec of a job. */
    is_int(jobs_enqueue(db, "1", 1, 1, &id), 0, "re-queue");
    is_int(jobs_claim(db, "r1", 30, &j1), 1, "claim");
    unsigned char *zip = NULL;
    size_t len = 0;
    json_t *spec = NULL;
    is_int(jobs_load(db, &j1, &zip, &len, &spec), 0, "load the version");
    ok(len == 2 && zip && zip[0] == 'P' && zip[1] == 'K', "ZIP bytes");
    is_str(json_string_value(json_object_get(spec, "name")), "p", "spec");
    free(zip);
    json_decref(spec);
    is_int(jobs_fail(db, &j1, true, "not a ZIP", NULL, &requeued), 0, "final failure");
    ok(!requeued, "not retried");

    /* External reports are never claimed. */
    db_exec_script(db, "INSERT INTO verifications (project_id, version, source, status) "
                       "VALUES (1, 1, 'external', 'passed')");
    is_int(jobs_claim(db, "r1", 30, &j1), 0, "external reports are not jobs");

    db_free(db);
    db_free(db2);
    db_exec_script(admin, "DROP DATABASE IF EXISTS bf_test_jobs WITH (FORCE)");
    db_free(admin);
    return tap_done();
}
