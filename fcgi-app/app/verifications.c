/* Verifications API (see verifications.h). Every query joins the project with the caller's
 * user id, so another user's project answers 404 like a missing one. A report sent with
 * verify-report is kept beside the runner's, marked external, and never moves the
 * project's status. */
#include "verifications.h"
#include "respond.h"

#include "core/jsonx.h"
#include "platform/db.h"
#include "platform/jobs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERIFICATIONS_PAGE      20
#define VERIFY_REPORT_MAX_BYTES (512 * 1024)
#define VERIFY_REPORT_MAX_TESTS 5000
#define VERIFY_TEXT_MAX         4096

#define TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *json_or_null(const char *s)
{
    json_t *j = s ? json_loads(s, JSON_DECODE_ANY, NULL) : NULL;
    return j ? j : json_null();
}

/* The caller's project's latest version, or -ENOENT (answered 404 by the caller). */
static int owned_latest_version(struct request *r, int *version)
{
    long long id;
    if (request_parse_id(request_param(r, "id"), &id) < 0)
        return -ENOENT;
    const char *p[] = {request_param(r, "id"), r->user_id};
    PGresult *res;
    int rc =
        db_query(r->app->db, r->arena,
                 "SELECT latest_version FROM projects WHERE id = $1 AND user_id = $2", 2, p, &res);
    if (rc < 0)
        return rc;
    if (db_rows(res) == 0)
        return -ENOENT;
    *version = atoi(db_value(res, 0, 0));
    return 0;
}

/* stage is set only while the job runs: every way out of "running" clears it (jobs.c). */
#define LATEST_COLUMNS                                                                            \
    "v.id, v.version, v.status, v.attempt, v.summary::text, v.reason, " TS(                       \
        "v.started_at") ", " TS("v.finished_at") ", v.stage::text, v.report_zip_sha256"
#define LATEST_NCOLUMNS 10

static json_t *latest_object(const PGresult *res, int row, int col)
{
    return json_pack("{s:I, s:i, s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)strtoll(db_value(res, row, col), NULL, 10), "version",
                     atoi(db_value(res, row, col + 1)), "status", db_value(res, row, col + 2),
                     "attempt", atoi(db_value(res, row, col + 3)), "summary",
                     json_or_null(db_value(res, row, col + 4)), "reason",
                     text_or_null(db_value(res, row, col + 5)), "started_at",
                     text_or_null(db_value(res, row, col + 6)), "finished_at",
                     text_or_null(db_value(res, row, col + 7)), "stage",
                     json_or_null(db_value(res, row, col + 8)), "report_zip_sha256",
                     text_or_null(db_value(res, row, col + 9)));
}

int verifications_attach_latest(struct request *r, json_t *projects)
{
    json_t *one[1] = {projects};
    json_t **items = one;
    size_t n = 1;
    if (json_is_array(projects)) {
        n = json_array_size(projects);
        if (n == 0)
            return 0;
    }
    /* {1,2,3}: the ids of the page, as one array parameter. */
    char *ids = arena_alloc(r->arena, n * 21 + 3);
    if (!ids)
        return -ENOMEM;
    size_t o = 0;
    ids[o++] = '{';
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_is_array(projects) ? json_array_get(projects, i) : items[0];
        o += (size_t)snprintf(ids + o, 22, "%s%lld", i ? "," : "",
                              (long long)json_integer_value(json_object_get(p, "id")));
    }
    ids[o++] = '}';
    ids[o] = '\0';
    const char *params[] = {ids, r->user_id};
    PGresult *res;
    int rc = db_query(r->app->db, r->arena,
                      "SELECT DISTINCT ON (v.project_id) v.project_id, " LATEST_COLUMNS
                      " FROM verifications v JOIN projects p ON p.id = v.project_id "
                      "WHERE v.project_id = ANY($1::bigint[]) AND p.user_id = $2 "
                      "AND v.source = 'runner' ORDER BY v.project_id, v.id DESC",
                      2, params, &res);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_is_array(projects) ? json_array_get(projects, i) : items[0];
        long long id = (long long)json_integer_value(json_object_get(p, "id"));
        json_t *latest = json_null();
        for (int row = 0; row < db_rows(res); row++) {
            if (strtoll(db_value(res, row, 0), NULL, 10) == id) {
                json_decref(latest);
                latest = latest_object(res, row, 1);
                break;
            }
        }
        json_object_set_new(p, "latest_verification", latest ? latest : json_null());
    }
    return 0;
}

int verifications_list(struct request *r)
{
    int version;
    int rc = owned_latest_version(r, &version);
    if (rc < 0)
        return rc == -ENOENT ? respond_errno(r, rc, "No such project.") : rc;
    const char *p[] = {request_param(r, "id")};
    PGresult *res;
    rc = db_query(r->app->db, r->arena,
                  "SELECT " LATEST_COLUMNS ", v.source, v.report::text, v.log_tail, " TS(
                      "v.created_at") " FROM verifications v WHERE v.project_id = $1 "
                                      "ORDER BY v.id DESC LIMIT 20",
                  1, p, &res);
    if (rc < 0)
        return rc;
    json_t *items = json_array();
    for (int i = 0; items && i < db_rows(res); i++) {
        json_t *v = latest_object(res, i, 0);
        json_t *report = json_or_null(db_value(res, i, LATEST_NCOLUMNS + 1));
        json_object_set_new(v, "source", json_string(db_value(res, i, LATEST_NCOLUMNS)));
        json_t *tests = json_object_get(report, "tests");
        json_object_set(v, "tests", tests ? tests : json_array());
        json_t *pytest = json_object_get(report, "pytest");
        json_object_set(v, "pytest", pytest ? pytest : json_null());
        json_t *timings = json_object_get(report, "timings");
        json_object_set(v, "timings", timings ? timings : json_null());
        json_object_set_new(v, "log_tail", text_or_null(db_value(res, i, LATEST_NCOLUMNS + 2)));
        json_object_set_new(v, "created_at", json_string(db_value(res, i, LATEST_NCOLUMNS + 3)));
        json_decref(report);
        json_array_append_new(items, v);
    }
    json_t *body = json_pack("{s:o}", "items", items);
    return body ? respond_json(r, 200, body) : -ENOMEM;
}

struct verify_ctx {
    struct request *r;
    int version;
    long long id;
    bool existing;
};

/* One queued or running verification of a version at a time: a second ask returns it. */
static int queue_verification(struct db *db, void *userdata)
{
    struct verify_ctx *c = userdata;
    char v[16];
    snprintf(v, sizeof(v), "%d", c->version);
    const char *p[] = {request_param(c->r, "id"), v};
    PGresult *res;
    int rc = db_query(db, c->r->arena,
                      "SELECT id FROM verifications WHERE project_id = $1 AND version = $2 "
                      "AND status IN ('queued', 'running') ORDER BY id DESC LIMIT 1 "
                      "FOR UPDATE",
                      2, p, &res);
    if (rc < 0)
        return rc;
    if (db_rows(res) > 0) {
        c->existing = true;
        c->id = strtoll(db_value(res, 0, 0), NULL, 10);
        return 0;
    }
    return jobs_enqueue(db, request_param(c->r, "id"), c->version, 1, &c->id);
}

int verifications_verify(struct request *r)
{
    struct verify_ctx c = {.r = r};
    int rc = owned_latest_version(r, &c.version);
    if (rc < 0)
        return rc == -ENOENT ? respond_errno(r, rc, "No such project.") : rc;
    rc = db_transaction(r->app->db, queue_verification, &c, true);
    if (rc < 0)
        return rc;
    char location[80];
    snprintf(location, sizeof(location), "/api/projects/%s/verifications", request_param(r, "id"));
    respond_header(r, "Location", location);
    return respond_json(r, 202,
                        json_pack("{s:I, s:I, s:i, s:s, s:b}", "project_id",
                                  (json_int_t)strtoll(request_param(r, "id"), NULL, 10),
                                  "verification_id", (json_int_t)c.id, "version", c.version,
                                  "status", "queued", "already_queued", c.existing));
}

/* --- verify-report: the report shape of CONTRACT.md 2, checked field by field --- */

static json_t *problem(const char *path, const char *message)
{
    return json_pack("[{s:s, s:s}]", "path", path, "message", message);
}

static bool count_ok(const json_t *summary, const char *key, json_int_t *out)
{
    json_t *v = json_object_get(summary, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > VERIFY_REPORT_MAX_TESTS)
        return false;
    *out = json_integer_value(v);
    return true;
}

static bool short_text(const json_t *v, size_t max)
{
    return json_is_string(v) && json_string_length(v) <= max;
}

/* Validates the report; NULL when fine, else a problems array. *failed: any failure. */
static json_t *check_report(const json_t *body, bool *failed)
{
    const json_t *summary = json_object_get(body, "summary");
    json_int_t total, passed, nfailed, skipped;
    if (!json_is_object(summary))
        return problem("$.summary", "must be an object");
    if (!count_ok(summary, "total", &total) || !count_ok(summary, "passed", &passed) ||
        !count_ok(summary, "failed", &nfailed) || !count_ok(summary, "skipped", &skipped))
        return problem("$.summary", "total, passed, failed, skipped must be counts");
    if (passed + nfailed + skipped > total)
        return problem("$.summary", "passed + failed + skipped exceeds total");
    const json_t *tests = json_object_get(body, "tests");
    if (!json_is_array(tests))
        return problem("$.tests", "must be an array");
    if (json_array_size(tests) > VERIFY_REPORT_MAX_TESTS)
        return problem("$.tests", "too many tests");
    *failed = nfailed > 0;
    size_t i;
    const json_t *t;
    json_array_foreach(tests, i, t)
    {
        char path[48];
        snprintf(path, sizeof(path), "$.tests[%zu]", i);
        const char *verdict = json_string_value(json_object_get(t, "verdict"));
        if (!json_is_object(t) || !short_text(json_object_get(t, "name"), 300))
            return problem(path, "each test needs a name (at most 300 characters)");
        if (!verdict || (strcmp(verdict, "pass") && strcmp(verdict, "fail") &&
                         strcmp(verdict, "skip") && strcmp(verdict, "error")))
            return problem(path, "verdict must be pass, fail, skip or error");
        const json_t *group = json_object_get(t, "group");
        if (group && !short_text(group, 200))
            return problem(path, "group must be a short string");
        const json_t *d = json_object_get(t, "duration_ms");
        if (d && (!json_is_integer(d) || json_integer_value(d) < 0))
            return problem(path, "duration_ms must be a non-negative integer");
        if (strcmp(verdict, "fail") == 0 || strcmp(verdict, "error") == 0)
            *failed = true;
    }
    const json_t *v = json_object_get(body, "version");
    if (v && (!json_is_integer(v) || json_integer_value(v) < 1))
        return problem("$.version", "must be a positive integer");
    const json_t *base = json_object_get(body, "base_url");
    if (base && !short_text(base, 500))
        return problem("$.base_url", "must be a string of at most 500 characters");
    return NULL;
}

int verifications_report(struct request *r)
{
    int latest;
    int rc = owned_latest_version(r, &latest);
    if (rc < 0)
        return rc == -ENOENT ? respond_errno(r, rc, "No such project.") : rc;
    const char *length = request_header(r, "Content-Length");
    if (length && strtoll(length, NULL, 10) > VERIFY_REPORT_MAX_BYTES)
        return respond_error(r, 413, "payload_too_large", "A report may be at most 512 KiB.",
                             NULL);
    json_t *body;
    if ((rc = request_json_body(r, &body)) < 0)
        return rc;
    if (!json_is_object(body))
        return respond_error(r, 422, "validation_failed", "The report must be a JSON object.",
                             problem("$", "must be an object"));
    bool failed = false;
    json_t *problems = check_report(body, &failed);
    if (problems)
        return respond_error(r, 422, "validation_failed", "The report was refused.", problems);
    json_int_t version = json_integer_value(json_object_get(body, "version"));
    if (!version)
        version = latest;
    if (version > latest)
        return respond_error(r, 422, "validation_failed", "No such version.",
                             problem("$.version", "is not a version of this project"));
    /* Only the known fields are kept: what the user's machine sent is data, not ours. */
    json_t *kept =
        json_pack("{s:O, s:O, s:O?}", "summary", json_object_get(body, "summary"), "tests",
                  json_object_get(body, "tests"), "base_url", json_object_get(body, "base_url"));
    char *report_text = kept ? jsonx_dump(kept) : NULL;
    char *summary_text = kept ? jsonx_dump(json_object_get(kept, "summary")) : NULL;
    json_decref(kept);
    if (!report_text || !summary_text || strlen(report_text) > VERIFY_REPORT_MAX_BYTES) {
        free(report_text);
        free(summary_text);
        return report_text ? respond_error(r, 413, "payload_too_large", "Report too large.", NULL)
                           : -ENOMEM;
    }
    char v[24];
    snprintf(v, sizeof(v), "%lld", (long long)version);
    const char *p[] = {request_param(r, "id"), v, failed ? "failed" : "passed", summary_text,
                       report_text};
    PGresult *res;
    rc = db_query(r->app->db, r->arena,
                  "INSERT INTO verifications (project_id, version, source, status, summary, "
                  "report, started_at, finished_at) VALUES ($1, $2::int, 'external', $3, "
                  "$4::jsonb, $5::jsonb, now(), now()) RETURNING id",
                  5, p, &res);
    free(report_text);
    free(summary_text);
    if (rc < 0)
        return rc;
    return respond_json(r, 201,
                        json_pack("{s:I, s:I, s:s, s:s}", "id",
                                  (json_int_t)strtoll(db_value(res, 0, 0), NULL, 10), "version",
                                  (json_int_t)version, "source", "external", "status",
                                  failed ? "failed" : "passed"));
}

int verifications_module_init(struct app *app)
{
    app->attach_verifications = verifications_attach_latest;
    return 0;
}
