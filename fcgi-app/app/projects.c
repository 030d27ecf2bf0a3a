/* Projects API: turns a prompt or a spec into a stored project version (pipeline.c does
 * the work), and serves what was stored. Every query carries the signed-in user's id, so
 * another user's project is indistinguishable from a missing one (404). */
#include "projects.h"
#include "respond.h"

#include "platform/apierror.h"
#include "codegen/bundle.h"
#include "core/config.h"
#include "platform/db.h"
#include "platform/jobs.h"
#include "core/jsonx.h"
#include "llm/client.h"
#include "llm/store.h"
#include "core/log.h"
#include "pipeline/autofix.h"
#include "pipeline/pipeline.h"
#include "planner/planner.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PROJECTS_PAGE_DEFAULT 20
#define PROJECTS_PAGE_MAX     100
#define PROJECTS_FILE_MAX     (1024 * 1024)
#define PROJECTS_PATH_MAX     1024

struct projects_state {
    struct llm_client *llm; /* NULL: no provider configured, the offline planner serves */
    long daily_quota;       /* generations per user and UTC day; 0 = unlimited */
    long llm_daily_calls;   /* language-model calls per user and UTC day; 0 = unlimited */
    int llm_workers_max;    /* workers that may wait on the language model at once */
};

int projects_module_init(struct app *app)
{
    struct projects_state *s = calloc(1, sizeof(*s));
    if (!s)
        return -ENOMEM;
    int rc = llm_client_new(app->config, &s->llm);
    if (rc < 0 && rc != -ENOENT) {
        free(s);
        return rc;
    }
    s->daily_quota = config_get_long(app->config, "daily_quota", 5, 0, 1000000);
    s->llm_daily_calls = config_get_long(app->config, "llm_daily_calls", 100, 0, 1000000);
    int workers = app->workers > 0 ? app->workers : 1;
    s->llm_workers_max = (int)config_get_long(app->config, "llm_max_concurrent",
                                              workers > 1 ? workers - 1 : 1, 1, 256);
    app->projects = s;
    return 0;
}

void projects_module_done(struct app *app)
{
    struct projects_state *s = app->projects;
    if (!s)
        return;
    llm_client_free(s->llm);
    free(s);
    app->projects = NULL;
}

static struct projects_state *state_of(const struct request *r)
{
    return r->app->projects;
}

/* --- small helpers --- */

static int attach_verifications(struct request *r, json_t *projects)
{
    return r->app->attach_verifications ? r->app->attach_verifications(r, projects) : 0;
}

/* ?version=N: absent → 0 (latest); present but not a positive integer → -EINVAL. */
static int parse_version(const struct request *r, long *out)
{
    const char *v = request_query(r, "version");
    *out = 0;
    if (!v)
        return 0;
    long long n;
    if (request_parse_id(v, &n) < 0 || n > 1000000)
        return -EINVAL;
    *out = (long)n;
    return 0;
}

/* Seconds until the next UTC midnight, when the daily quota starts again. */
static long seconds_to_utc_midnight(void)
{
    time_t now = time(NULL);
    return 86400 - (long)(now % 86400);
}

static json_t *json_from_db_text(const char *text)
{
    if (!text)
        return json_null();
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
    return v ? v : json_null();
}

/* New reference: [{"path": path, "message": message}], the details of a 422. */
static json_t *one_problem(const char *path, const char *message)
{
    return json_pack("[{s:s, s:s}]", "path", path, "message", message);
}

/* 422 validation_failed for one problem with the request. */
static int respond_invalid(struct request *r, const char *path, const char *message)
{
    return respond_error(r, 422, "validation_failed", "The request is not valid.",
                         one_problem(path, message));
}

static const char *const project_columns =
    "p.id, p.name, p.title, p.description, p.status, p.latest_version, "
    "to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

/* The summary object of one projects row selected with project_columns at offset 0. */
static json_t *project_summary(const PGresult *res, int row)
{
    long long id = strtoll(db_value(res, row, 0), NULL, 10);
    char url[96];
    snprintf(url, sizeof(url), "/api/projects/%lld/download", id);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s}", "id", (json_int_t)id, "name",
                     db_value(res, row, 1), "title", db_value(res, row, 2), "description",
                     db_value(res, row, 3), "status", db_value(res, row, 4), "latest_version",
                     atoi(db_value(res, row, 5)), "created_at", db_value(res, row, 6),
                     "updated_at", db_value(res, row, 7), "download_url", url);
}

/* --- generation --- */

/* One generation request in flight: answers either as plain JSON or as server-sent
 * events, depending on what the client accepts. */
struct generation {
    struct request *r;
    bool sse;
    const char *stage;
};

static void on_stage(void *ctx, const char *stage)
{
    struct generation *g = ctx;
    g->stage = stage;
    if (!g->sse)
        return;
    json_t *ev = json_pack("{s:s}", "stage", stage);
    if (ev)
        respond_sse_event(g->r, "stage", ev);
    json_decref(ev);
}

static int generation_fail(struct generation *g, int status, const char *code, const char *message,
                           json_t *details)
{
    if (!g->sse)
        return respond_error(g->r, status, code, message, details);
    const struct apierror *e = apierror_from_status(status);
    json_t *ev = json_pack("{s:i, s:{s:s, s:s, s:o}}", "status", status, "error", "code",
                           code ? code : e->code, "message", message ? message : e->message,
                           "details", details ? details : json_null());
    if (ev)
        respond_sse_event(g->r, "error", ev);
    json_decref(ev);
    return 0;
}

static bool wants_event_stream(const struct request *r)
{
    const char *accept = request_header(r, "Accept");
    return accept && strstr(accept, "text/event-stream") != NULL;
}

/* Answers a failed pipeline run with the status that fits where it failed. */
static int answer_pipeline_error(struct generation *g, int rc, struct pipeline_output *out)
{
    struct request *r = g->r;
    switch (rc) {
    case -ENODATA:
        return generation_fail(
            g, 422, "unrecognized_prompt",
            "The offline planner found nothing to build in this prompt. Name the things "
            "the backend should store (\"projects and tasks with due dates\"), or choose an "
            "LLM model.",
            one_problem("$.prompt", "no entities recognized"));
    case -EINVAL:
        if (out->review.errors.n == 0)
            break;
        return generation_fail(g, 422, "validation_failed", "The spec was refused by review.",
                               problems_to_json(&out->review.errors));
    case -ENOENT:
        if (out->missing[0]) {
            log_error(r->id, "generation failed: %s is missing (set templates_dir)", out->missing);
            return generation_fail(g, 500, "internal", "Generation failed.", NULL);
        }
        return generation_fail(g, 422, "validation_failed", "Unknown model.",
                               one_problem("$.model", "is not one of GET /api/models"));
    case -E2BIG: /* past planning: the suite's step cap or the ZIP's limits */
        if (g->stage && strcmp(g->stage, "planning") == 0)
            break;
        return generation_fail(
            g, 422, "spec_too_large",
            "The spec is too large to generate and verify: its verification suite or its "
            "files would pass their limits. Use fewer fields or fewer one-to-one links.",
            one_problem("$.entities", "too large to verify"));
    default:
        break;
    }
    if (strcmp(out->planner, "llm") == 0 && g->stage && strcmp(g->stage, "planning") == 0) {
        log_warn(r->id, "llm planning failed: %s", strerror(-rc));
        return generation_fail(g, 502, "llm_upstream",
                               rc == -ETIMEDOUT ? "The LLM provider did not answer in time."
                                                : "The LLM provider failed to produce a spec.",
                               NULL);
    }
    log_error(r->id, "generation failed at %s: %s", g->stage ? g->stage : "start", strerror(-rc));
    return generation_fail(g, 500, "internal", "Generation failed.", NULL);
}

struct store_ctx {
    struct request *r;
    struct pipeline_output *out;
    const char *origin;
    const char *prompt;
    long quota;
    const char *project_id; /* out: arena-owned */
};

/* The whole store in one transaction: quota, project, version, audit — or none of it. */
static int store_project(struct db *db, void *userdata)
{
    struct store_ctx *c = userdata;
    struct request *r = c->r;
    PGresult *res;
    int rc;
    if (c->quota > 0) {
        char quota[24];
        snprintf(quota, sizeof(quota), "%ld", c->quota);
        const char *qp[] = {r->user_id, quota};
        rc =
            db_query(db, r->arena,
                     "INSERT INTO generation_usage (user_id, day, count) "
                     "VALUES ($1, (now() AT TIME ZONE 'UTC')::date, 1) "
                     "ON CONFLICT (user_id, day) DO UPDATE SET count = generation_usage.count + 1 "
                     "WHERE generation_usage.count < $2::int RETURNING count",
                     2, qp, &res);
        if (rc < 0)
            return rc;
        if (db_rows(res) == 0)
            return -EDQUOT;
    }
    const json_t *spec = c->out->spec;
    const char *pp[] = {r->user_id, jsonx_str(spec, "name"), jsonx_str(spec, "title"),
                        jsonx_str(spec, "description"), c->prompt};
    rc = db_query(db, r->arena,
                  "INSERT INTO projects (user_id, name, title, description, prompt) "
                  "VALUES ($1, $2, $3, COALESCE($4, ''), $5) RETURNING id",
                  5, pp, &res);
    if (rc < 0)
        return rc;
    c->project_id = arena_strdup(r->arena, db_value(res, 0, 0));

    json_t *review = review_to_json(&c->out->review);
    char *spec_text = jsonx_dump(spec), *review_text = jsonx_dump(review);
    char *notes_text = c->out->notes ? jsonx_dump(c->out->notes) : NULL;
    char *files_text = jsonx_dump(c->out->files);
    json_decref(review);
    char *zip_hex = db_bytea_hex(c->out->zip, c->out->zip_len);
    rc = -ENOMEM;
    if (spec_text && review_text && files_text && zip_hex && (notes_text || !c->out->notes)) {
        const char *vp[] = {c->project_id, c->origin,     c->out->planner, c->out->model,
                            spec_text,     review_text,   notes_text,      files_text,
                            zip_hex,       c->out->sha256};
        rc = db_query(db, r->arena,
                      "INSERT INTO project_versions (project_id, version, origin, planner, "
                      "model, spec, review, notes, files, zip, zip_sha256) "
                      "VALUES ($1, 1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, "
                      "$9::bytea, $10)",
                      10, vp, NULL);
    }
    free(zip_hex);
    free(spec_text);
    free(review_text);
    free(notes_text);
    free(files_text);
    /* The version is verified by a runner: its job exists exactly when the version does. */
    if (rc < 0 || (rc = jobs_enqueue(db, c->project_id, 1, 1, NULL)) < 0)
        return rc;
    json_t *details = json_pack("{s:s, s:s}", "origin", c->origin, "sha256", c->out->sha256);
    char target[48];
    snprintf(target, sizeof(target), "project:%s", c->project_id);
    rc = request_audit(r, "project.create", target, details);
    json_decref(details);
    return rc;
}

/* Refuses early when today's quota is used up, before any planning work (and LLM cost).
 * The store transaction checks again, atomically. */
static int quota_exhausted(struct request *r, long quota, bool *exhausted)
{
    *exhausted = false;
    if (quota <= 0)
        return 0;
    PGresult *res;
    const char *p[] = {r->user_id};
    int rc = db_query(r->app->db, r->arena,
                      "SELECT count FROM generation_usage "
                      "WHERE user_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date",
                      1, p, &res);
    if (rc < 0)
        return rc;
    *exhausted = db_rows(res) > 0 && atol(db_value(res, 0, 0)) >= quota;
    return 0;
}

static int respond_quota_exceeded(struct request *r, long quota)
{
    char retry[24], message[128];
    snprintf(retry, sizeof(retry), "%ld", seconds_to_utc_midnight());
    snprintf(message, sizeof(message),
             "Daily generation quota of %ld reached; it resets at midnight UTC.", quota);
    respond_header(r, "Retry-After", retry);
    return respond_error(r, 429, "quota_exceeded", message, NULL);
}

/* Language-model calls the user made today (UTC): every llm_calls row but cache hits,
 * whatever its outcome (a failed or refused call cost tokens or provider quota too), for
 * /plan and both generate routes alike. */
static int llm_calls_today(struct request *r, long *used)
{
    PGresult *res;
    const char *p[] = {r->user_id};
    int rc = db_query(r->app->db, r->arena,
                      "SELECT count(*) FROM llm_calls WHERE user_id = $1::bigint "
                      "AND NOT cached AND created_at >= date_trunc('day', now() AT TIME ZONE "
                      "'UTC') AT TIME ZONE 'UTC'",
                      1, p, &res);
    if (rc < 0)
        return rc;
    *used = db_value(res, 0, 0) ? atol(db_value(res, 0, 0)) : 0;
    return 0;
}

/* Refuses (429 llm_budget_exceeded, Retry-After to midnight UTC) a request that would ask
 * the model once the user's daily budget is used up. The check runs before each
 * request's calls, so parallel requests of one user may overshoot by the calls of those
 * already running (at most llm_max_concurrent requests). */
static int check_llm_budget(struct request *r, const struct pipeline_input *in)
{
    struct projects_state *s = state_of(r);
    if (s->llm_daily_calls <= 0 || !pipeline_uses_llm(s->llm, in))
        return 0;
    long used;
    int rc = llm_calls_today(r, &used);
    if (rc < 0)
        return rc;
    if (used < s->llm_daily_calls)
        return 0;
    char retry[24], message[128];
    snprintf(retry, sizeof(retry), "%ld", seconds_to_utc_midnight());
    snprintf(message, sizeof(message),
             "Daily budget of %ld language-model calls reached; it resets at midnight UTC.",
             s->llm_daily_calls);
    respond_header(r, "Retry-After", retry);
    rc = respond_error(r, 429, "llm_budget_exceeded", message, NULL);
    return rc < 0 ? rc : -EDQUOT;
}

int projects_usage(struct request *r)
{
    struct projects_state *s = state_of(r);
    long llm_used;
    int rc = llm_calls_today(r, &llm_used);
    if (rc < 0)
        return rc;
    PGresult *res;
    const char *p[] = {r->user_id};
    rc = db_query(r->app->db, r->arena,
                  "SELECT count FROM generation_usage "
                  "WHERE user_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date",
                  1, p, &res);
    if (rc < 0)
        return rc;
    long generations = db_rows(res) > 0 ? atol(db_value(res, 0, 0)) : 0;
    return respond_json(r, 200,
                        json_pack("{s:{s:I,s:I},s:{s:I,s:I},s:I}", "generations", "used",
                                  (json_int_t)generations, "limit", (json_int_t)s->daily_quota,
                                  "llm_calls", "used", (json_int_t)llm_used, "limit",
                                  (json_int_t)s->llm_daily_calls, "resets_in_seconds",
                                  (json_int_t)seconds_to_utc_midnight()));
}

/* A request that will wait on the language model (seconds, or minutes with retries)
 * first takes one of the workers set aside for that, `llm_max_concurrent`, by default all
 * but one: however many generations run, quick requests (health, login, downloads) find
 * a free worker. Answers 503 with Retry-After itself when every such worker is taken.
 * Sets *claimed when the caller must call release_llm_worker. */
static int claim_llm_worker(struct request *r, const struct pipeline_input *in, bool *claimed)
{
    struct projects_state *s = state_of(r);
    *claimed = false;
    if (!r->app->pool || !pipeline_uses_llm(s->llm, in))
        return 0;
    if (!request_claim_slow(r, s->llm_workers_max)) {
        log_warn(r->id, "refused: all %d workers for language-model work are busy",
                 s->llm_workers_max);
        respond_header(r, "Retry-After", "10");
        int rc = respond_error(r, 503, "busy",
                               "Every worker that may wait on the language model is busy; "
                               "retry in a few seconds.",
                               NULL);
        return rc < 0 ? rc : -EBUSY;
    }
    *claimed = true;
    return 0;
}

static void release_llm_worker(struct request *r, bool claimed)
{
    if (claimed)
        request_release_slow(r);
}

/* Runs the pipeline for this request, recording LLM calls in PostgreSQL: takes a worker
 * place first when the model will be asked, then opens the event stream when g->sse.
 * On failure returns the negative errno with *out empty; the request has been answered
 * (as JSON or as an event) unless the stream could not be opened. */
static int run_pipeline(struct generation *g, const struct pipeline_input *in,
                        struct pipeline_output *out)
{
    struct request *r = g->r;
    pipeline_output_init(out);
    int rc = check_llm_budget(r, in);
    if (rc < 0)
        return rc;
    bool claimed;
    rc = claim_llm_worker(r, in, &claimed);
    if (rc < 0)
        return rc;
    if (g->sse && (rc = respond_sse_begin(r)) < 0) {
        release_llm_worker(r, claimed);
        return rc;
    }
    struct llm_store_pg pg;
    struct llm_store store;
    rc = llm_store_pg_init(&store, &pg, r->app->db, r->user_id_number);
    if (rc < 0) {
        release_llm_worker(r, claimed);
        return rc;
    }
    struct pipeline_progress progress = {.on_stage = on_stage, .ctx = g};
    rc = pipeline_run(r->app->config, state_of(r)->llm, &store, in, &progress, out);
    release_llm_worker(r, claimed);
    /* A call record or cache write that failed does not fail the generation, but it is
     * never silent: the operator sees it. */
    if (pg.last_error < 0)
        log_warn(r->id, "LLM bookkeeping failed: %s (db: %s)", strerror(-pg.last_error),
                 db_last_error(r->app->db));
    if (rc < 0) {
        answer_pipeline_error(g, rc, out);
        pipeline_output_clear(out);
    }
    return rc;
}

/* Shared by both generate routes: in holds either a prompt or a spec. */
static int generate(struct request *r, const struct pipeline_input *in, const char *origin)
{
    struct projects_state *s = state_of(r);
    bool exhausted;
    int rc = quota_exhausted(r, s->daily_quota, &exhausted);
    if (rc < 0)
        return rc;
    if (exhausted)
        return respond_quota_exceeded(r, s->daily_quota);

    struct generation g = {.r = r, .sse = wants_event_stream(r)};
    struct pipeline_output out;
    if ((rc = run_pipeline(&g, in, &out)) < 0)
        return request_responded(r) ? 0 : rc;

    struct store_ctx c = {
        .r = r, .out = &out, .origin = origin, .prompt = in->prompt, .quota = s->daily_quota};
    rc = db_transaction(r->app->db, store_project, &c, true);
    if (rc < 0) {
        pipeline_output_clear(&out);
        if (rc == -EDQUOT && !g.sse)
            return respond_quota_exceeded(r, s->daily_quota);
        const struct apierror *e = apierror_from_errno(rc);
        log_warn(r->id, "storing the project failed: %s", db_last_error(r->app->db));
        return generation_fail(&g, e->status, e->code, e->message, NULL);
    }

    char url[96];
    snprintf(url, sizeof(url), "/api/projects/%s/download?version=1", c.project_id);
    json_t *result =
        json_pack("{s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:o, s:O?, s:O}", "project_id",
                  (json_int_t)strtoll(c.project_id, NULL, 10), "version", 1, "status", "queued",
                  "download_url", url, "name", jsonx_str(out.spec, "name"), "planner", out.planner,
                  "sha256", out.sha256, "warnings", problems_to_json(&out.review.warnings),
                  "notes", out.notes, "files", out.files);
    log_info(r->id, "project %s generated (%s, %zu bytes, sha256 %.12s)", c.project_id,
             out.planner, out.zip_len, out.sha256);
    pipeline_output_clear(&out);
    if (!result)
        return g.sse ? 0 : -ENOMEM;
    if (!g.sse) {
        char location[64];
        snprintf(location, sizeof(location), "/api/projects/%s", c.project_id);
        respond_header(r, "Location", location);
        return respond_json(r, 201, result);
    }
    json_t *stored = json_pack("{s:s}", "stage", "stored");
    respond_sse_event(r, "stage", stored);
    json_decref(stored);
    respond_sse_event(r, "result", result);
    json_decref(result);
    return 0;
}

/* Reads {"prompt": "...", "model": "..."}; answers 422 itself when they are unusable. */
static int read_prompt_input(struct request *r, json_t *body, struct pipeline_input *in)
{
    struct problems p;
    problems_init(&p, 8);
    json_t *prompt = json_object_get(body, "prompt");
    json_t *model = json_object_get(body, "model");
    if (!json_is_object(body))
        problems_add(&p, "$", "must be an object with a \"prompt\"");
    else if (!json_is_string(prompt))
        problems_add(&p, "$.prompt", prompt ? "must be a string" : "is required");
    else if (json_string_length(prompt) == 0)
        problems_add(&p, "$.prompt", "must not be empty");
    else if (json_string_length(prompt) > PLANNER_MAX_PROMPT)
        problems_add(&p, "$.prompt", "is longer than %d bytes", PLANNER_MAX_PROMPT);
    else if (strlen(json_string_value(prompt)) != json_string_length(prompt))
        problems_add(&p, "$.prompt", "must not contain NUL characters");
    if (model && !json_is_null(model) && !json_is_string(model))
        problems_add(&p, "$.model", "must be a string");
    if (p.n) {
        int rc = respond_error(r, 422, "validation_failed", "The request is not valid.",
                               problems_to_json(&p));
        problems_clear(&p);
        return rc < 0 ? rc : -EDOM;
    }
    in->prompt = json_string_value(prompt);
    in->model = json_is_string(model) ? json_string_value(model) : NULL;
    return 0;
}

/* Accepts {"spec": {...}} or the spec document itself. */
static int read_spec_input(struct request *r, json_t *body, struct pipeline_input *in)
{
    json_t *spec = json_object_get(body, "spec");
    in->spec = json_is_object(spec) ? spec : body;
    if (!json_is_object(in->spec)) {
        int rc = respond_invalid(r, "$", "must be a BackendSpec object");
        return rc < 0 ? rc : -EDOM;
    }
    return 0;
}

/* Reads the body with read_input (which answers 422 itself) and generates. */
static int generate_route(struct request *r,
                          int (*read_input)(struct request *, json_t *, struct pipeline_input *),
                          const char *origin)
{
    json_t *body;
    struct pipeline_input in = {0};
    int rc = request_json_body(r, &body);
    if (rc < 0)
        return rc;
    if ((rc = read_input(r, body, &in)) < 0)
        return request_responded(r) ? 0 : rc;
    return generate(r, &in, origin);
}

int projects_generate_from_prompt(struct request *r)
{
    return generate_route(r, read_prompt_input, "prompt");
}

int projects_generate_from_spec(struct request *r)
{
    return generate_route(r, read_spec_input, "spec");
}

/* Token and cost estimate of generating with an LLM: roughly four characters a token,
 * prompt and schema in, the spec out, at the configured prices per million tokens. */
static json_t *estimate(const struct request *r, const struct pipeline_output *out,
                        const char *prompt)
{
    const struct config *cfg = r->app->config;
    if (strcmp(out->planner, "llm") != 0)
        return json_pack("{s:s, s:i, s:i, s:f}", "planner", out->planner, "prompt_tokens", 0,
                         "completion_tokens", 0, "cost_usd", 0.0);
    char *schema = jsonx_dump(review_spec_schema());
    char *spec = jsonx_dump(out->spec);
    long in_tokens = (long)((schema ? strlen(schema) : 0) + (prompt ? strlen(prompt) : 0)) / 4;
    long out_tokens = (long)(spec ? strlen(spec) : 0) / 4;
    free(schema);
    free(spec);
    double price_in = strtod(config_get(cfg, "llm_price_in", "0"), NULL);
    double price_out = strtod(config_get(cfg, "llm_price_out", "0"), NULL);
    double cost = ((double)in_tokens * price_in + (double)out_tokens * price_out) / 1e6;
    return json_pack("{s:s, s:s, s:i, s:i, s:f}", "planner", "llm", "model", out->model,
                     "prompt_tokens", (int)in_tokens, "completion_tokens", (int)out_tokens,
                     "cost_usd", cost);
}

int projects_plan(struct request *r)
{
    json_t *body;
    struct pipeline_input in = {0};
    int rc = request_json_body(r, &body);
    if (rc < 0)
        return rc;
    rc = json_object_get(body, "prompt") ? read_prompt_input(r, body, &in)
                                         : read_spec_input(r, body, &in);
    if (rc < 0)
        return request_responded(r) ? 0 : rc;
    struct generation g = {.r = r};
    struct pipeline_output out;
    if ((rc = run_pipeline(&g, &in, &out)) < 0)
        return request_responded(r) ? 0 : rc;
    json_t *result =
        json_pack("{s:O, s:o, s:O?, s:s, s:s, s:O, s:o, s:I}", "spec", out.spec, "review",
                  review_to_json(&out.review), "notes", out.notes, "planner", out.planner, "model",
                  out.model, "files", out.files, "estimate", estimate(r, &out, in.prompt),
                  "zip_size", (json_int_t)out.zip_len);
    pipeline_output_clear(&out);
    return result ? respond_json(r, 200, result) : -ENOMEM;
}

/* --- reading --- */

int projects_list(struct request *r)
{
    long limit = PROJECTS_PAGE_DEFAULT, offset = 0;
    const char *l = request_query(r, "limit"), *o = request_query(r, "offset");
    char *end;
    if (l) {
        limit = strtol(l, &end, 10);
        if (*end || limit < 1 || limit > PROJECTS_PAGE_MAX)
            return respond_invalid(r, "$.query.limit", "must be an integer from 1 to 100");
    }
    if (o) {
        offset = strtol(o, &end, 10);
        if (*end || offset < 0 || offset > 1000000)
            return respond_invalid(r, "$.query.offset", "must be an integer from 0 to 1000000");
    }
    char lim[24], off[24];
    snprintf(lim, sizeof(lim), "%ld", limit);
    snprintf(off, sizeof(off), "%ld", offset);
    const char *p[] = {r->user_id, lim, off};
    char *sql = arena_printf(r->arena,
                             "SELECT %s FROM projects p WHERE p.user_id = $1 "
                             "ORDER BY p.created_at DESC, p.id DESC LIMIT $2 OFFSET $3",
                             project_columns);
    PGresult *res, *count;
    int rc = db_query(r->app->db, r->arena, sql, 3, p, &res);
    if (rc == 0)
        rc = db_query(r->app->db, r->arena, "SELECT count(*) FROM projects WHERE user_id = $1", 1,
                      p, &count);
    if (rc < 0)
        return rc;
    json_t *items = json_array();
    for (int i = 0; items && i < db_rows(res); i++)
        json_array_append_new(items, project_summary(res, i));
    if (items && (rc = attach_verifications(r, items)) < 0) {
        json_decref(items);
        return rc;
    }
    json_t *page = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
                             (json_int_t)strtoll(db_value(count, 0, 0), NULL, 10), "limit",
                             (int)limit, "offset", (int)offset);
    return page ? respond_json(r, 200, page) : -ENOMEM;
}

/* A version's row as GET /projects/{id} and /projects/{id}/versions/{n} give it, from
 * version_columns (a query on project_versions pv): the fix it was (sql/009) and its newest
 * runner verification ride along, so the dashboard draws the fix loop from one answer. */
static const char *const version_columns =
    "pv.version, pv.origin, pv.planner, pv.model, pv.zip_sha256, length(pv.zip), "
    "to_char(pv.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "pv.fix::text, (SELECT json_build_object('id', w.id, 'status', w.status, 'attempt', "
    "w.attempt, 'summary', w.summary)::text FROM verifications w WHERE w.project_id = "
    "pv.project_id AND w.version = pv.version AND w.source = 'runner' ORDER BY w.id DESC "
    "LIMIT 1)";

/* New reference: one version_columns row as JSON, or NULL without memory. */
static json_t *version_json(const PGresult *res, int row, long long project_id)
{
    char url[96];
    snprintf(url, sizeof(url), "/api/projects/%lld/download?version=%s", project_id,
             db_value(res, row, 0));
    return json_pack("{s:i, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:o}", "version",
                     atoi(db_value(res, row, 0)), "origin", db_value(res, row, 1), "planner",
                     db_value(res, row, 2), "model", db_value(res, row, 3), "sha256",
                     db_value(res, row, 4), "size",
                     (json_int_t)strtoll(db_value(res, row, 5), NULL, 10), "created_at",
                     db_value(res, row, 6), "download_url", url, "fix",
                     json_from_db_text(db_value(res, row, 7)), "verification",
                     json_from_db_text(db_value(res, row, 8)));
}

/* New reference: every version of the project, oldest first; NULL with *rc set. */
static json_t *versions_json(struct request *r, long long id, int *rc)
{
    const char *p[] = {request_param(r, "id")};
    char *sql = arena_printf(r->arena,
                             "SELECT %s FROM project_versions pv WHERE pv.project_id = $1 "
                             "ORDER BY pv.version",
                             version_columns);
    PGresult *res;
    *rc = sql ? db_query(r->app->db, r->arena, sql, 1, p, &res) : -ENOMEM;
    if (*rc < 0)
        return NULL;
    json_t *list = json_array();
    for (int i = 0; list && i < db_rows(res); i++) {
        if (json_array_append_new(list, version_json(res, i, id)) < 0) {
            json_decref(list);
            list = NULL;
        }
    }
    *rc = list ? 0 : -ENOMEM;
    return list;
}

/* New reference: {llm_configured, attempts_used, max_attempts, can_fix, automatic_pending};
 * NULL with *rc set. */
static json_t *fix_loop_json(struct request *r, long long id, int *rc)
{
    bool llm = state_of(r)->llm != NULL;
    struct autofix_loop loop;
    *rc = autofix_loop_state(r->app->config, llm, r->app->db, id, r->user_id, &loop);
    if (*rc < 0)
        return NULL;
    json_t *out = json_pack("{s:b, s:i, s:i, s:b, s:b}", "llm_configured", llm, "attempts_used",
                            loop.attempts_used, "max_attempts", loop.max_attempts, "can_fix",
                            loop.can_fix, "automatic_pending", loop.automatic_pending);
    *rc = out ? 0 : -ENOMEM;
    return out;
}

int projects_get(struct request *r)
{
    long long id;
    if (request_parse_id(request_param(r, "id"), &id) < 0)
        return respond_errno(r, -ENOENT, "No such project.");
    const char *p[] = {request_param(r, "id"), r->user_id};
    char *sql = arena_printf(r->arena,
                             "SELECT %s, p.prompt, v.spec::text, v.review::text, v.notes::text, "
                             "v.files::text FROM projects p JOIN project_versions v "
                             "ON v.project_id = p.id AND v.version = p.latest_version "
                             "WHERE p.id = $1 AND p.user_id = $2",
                             project_columns);
    PGresult *res;
    int rc = db_query(r->app->db, r->arena, sql, 2, p, &res);
    if (rc < 0)
        return rc;
    if (db_rows(res) == 0)
        return respond_errno(r, -ENOENT, "No such project.");
    json_t *list = versions_json(r, id, &rc);
    json_t *loop = list ? fix_loop_json(r, id, &rc) : NULL;
    json_t *project = loop ? project_summary(res, 0) : NULL;
    if (!project) {
        json_decref(list);
        json_decref(loop);
        return rc < 0 ? rc : -ENOMEM;
    }
    const char *prompt = db_value(res, 0, 8);
    json_object_set_new(project, "prompt", prompt ? json_string(prompt) : json_null());
    json_object_set_new(project, "versions", list);
    json_object_set_new(project, "fix_loop", loop);
    json_object_set_new(project, "spec", json_from_db_text(db_value(res, 0, 9)));
    json_object_set_new(project, "review", json_from_db_text(db_value(res, 0, 10)));
    json_object_set_new(project, "notes", json_from_db_text(db_value(res, 0, 11)));
    json_object_set_new(project, "files", json_from_db_text(db_value(res, 0, 12)));
    if ((rc = attach_verifications(r, project)) < 0) {
        json_decref(project);
        return rc;
    }
    return respond_json(r, 200, project);
}

int projects_version(struct request *r)
{
    long long id, version;
    if (request_parse_id(request_param(r, "id"), &id) < 0 ||
        request_parse_id(request_param(r, "version"), &version) < 0 || version > 1000000)
        return respond_errno(r, -ENOENT, "No such project or version.");
    const char *p[] = {request_param(r, "id"), r->user_id, request_param(r, "version")};
    char *sql = arena_printf(r->arena,
                             "SELECT %s, pv.spec::text, pv.review::text, pv.notes::text, "
                             "pv.files::text FROM projects p JOIN project_versions pv "
                             "ON pv.project_id = p.id WHERE p.id = $1 AND p.user_id = $2 "
                             "AND pv.version = $3::int",
                             version_columns);
    PGresult *res;
    int rc = sql ? db_query(r->app->db, r->arena, sql, 3, p, &res) : -ENOMEM;
    if (rc < 0)
        return rc;
    if (db_rows(res) == 0)
        return respond_errno(r, -ENOENT, "No such project or version.");
    json_t *v = version_json(res, 0, id);
    if (!v)
        return -ENOMEM;
    json_object_set_new(v, "project_id", json_integer((json_int_t)id));
    json_object_set_new(v, "spec", json_from_db_text(db_value(res, 0, 9)));
    json_object_set_new(v, "review", json_from_db_text(db_value(res, 0, 10)));
    json_object_set_new(v, "notes", json_from_db_text(db_value(res, 0, 11)));
    json_object_set_new(v, "files", json_from_db_text(db_value(res, 0, 12)));
    return respond_json(r, 200, v);
}

/* A stored ZIP with what names it, fetched in binary so the bytes need no decoding. */
struct stored_zip {
    const unsigned char *data;
    size_t len;
    int version;
    const char *sha256;         /* of these bytes */
    const char *version_sha256; /* of the version's ZIP as generated (the same unless stamped) */
    const char *name;
};

/* The version's ZIP of the caller's project (the latest when version is 0): the copy whose
 * PROJECT_REPORT.md carries its newest finished verification (codegen/stamp.h) when there
 * is one and original is false, else the ZIP as generated. Answers 404 itself when there is
 * no such project or version (returning -ENOENT). */
static int fetch_zip(struct request *r, long version, bool original, struct stored_zip *z)
{
    char v[24];
    snprintf(v, sizeof(v), "%ld", version);
    const char *p[] = {request_param(r, "id"), r->user_id, version > 0 ? v : NULL,
                       original ? "t" : "f"};
    PGresult *res;
    int rc = db_query_binary(
        r->app->db, r->arena,
        "SELECT COALESCE(s.report_zip, v.zip), v.version, "
        "COALESCE(s.report_zip_sha256, v.zip_sha256), p.name, v.zip_sha256 "
        "FROM projects p JOIN project_versions v ON v.project_id = p.id "
        "LEFT JOIN LATERAL (SELECT report_zip, report_zip_sha256 FROM verifications "
        "WHERE project_id = p.id AND version = v.version AND source = 'runner' "
        "AND report_zip IS NOT NULL ORDER BY id DESC LIMIT 1) s ON NOT $4::bool "
        "WHERE p.id = $1::bigint AND p.user_id = $2::bigint "
        "AND v.version = COALESCE($3::int, p.latest_version)",
        4, p, &res);
    if (rc < 0)
        return rc;
    if (PQntuples(res) == 0 || PQgetlength(res, 0, 1) != 4) {
        rc = respond_errno(r, -ENOENT, "No such project or version.");
        return rc < 0 ? rc : -ENOENT;
    }
    uint32_t be;
    memcpy(&be, PQgetvalue(res, 0, 1), 4);
    z->data = (const unsigned char *)PQgetvalue(res, 0, 0);
    z->len = (size_t)PQgetlength(res, 0, 0);
    z->version = (int)ntohl(be);
    z->sha256 = arena_strndup(r->arena, PQgetvalue(res, 0, 2), (size_t)PQgetlength(res, 0, 2));
    z->name = arena_strndup(r->arena, PQgetvalue(res, 0, 3), (size_t)PQgetlength(res, 0, 3));
    z->version_sha256 =
        arena_strndup(r->arena, PQgetvalue(res, 0, 4), (size_t)PQgetlength(res, 0, 4));
    return z->sha256 && z->name && z->version_sha256 ? 0 : -ENOMEM;
}

/* Paths inside a project: relative, '/'-separated, no empty, "." or ".." segments. */
static bool safe_relative_path(const char *path)
{
    size_t n = strlen(path);
    if (n == 0 || n > PROJECTS_PATH_MAX || path[0] == '/' || strchr(path, '\\'))
        return false;
    const char *seg = path;
    for (;;) {
        const char *slash = strchr(seg, '/');
        size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
        if (len == 0 || (len == 1 && seg[0] == '.') || (len == 2 && !strncmp(seg, "..", 2)))
            return false;
        if (!slash)
            return true;
        seg = slash + 1;
    }
}

static const char *content_type_for(const char *path)
{
    static const struct {
        const char *suffix;
        const char *type;
    } types[] = {
        {".json", "application/json"},           {".md", "text/markdown; charset=utf-8"},
        {".yml", "text/yaml; charset=utf-8"},    {".yaml", "text/yaml; charset=utf-8"},
        {".py", "text/x-python; charset=utf-8"},
    };
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        size_t m = strlen(types[i].suffix);
        if (n >= m && strcmp(path + n - m, types[i].suffix) == 0)
            return types[i].type;
    }
    return "text/plain; charset=utf-8";
}

/* ?original=1: the version's ZIP as generated, not the copy carrying its verification. */
static int parse_original(const struct request *r, bool *out)
{
    const char *o = request_query(r, "original");
    *out = o && strcmp(o, "1") == 0;
    return !o || strcmp(o, "0") == 0 || *out ? 0 : -EINVAL;
}

static int check_id_and_version(struct request *r, long *version, bool *original)
{
    long long id;
    if (request_parse_id(request_param(r, "id"), &id) < 0) {
        respond_errno(r, -ENOENT, "No such project.");
        return -ENOENT;
    }
    if (parse_version(r, version) < 0) {
        respond_invalid(r, "$.query.version", "must be a positive integer");
        return -EINVAL;
    }
    if (parse_original(r, original) < 0) {
        respond_invalid(r, "$.query.original", "must be 0 or 1");
        return -EINVAL;
    }
    return 0;
}

int projects_file(struct request *r)
{
    long version;
    bool original;
    if (check_id_and_version(r, &version, &original) < 0)
        return 0;
    const char *path = request_param(r, "path");
    if (!path || !safe_relative_path(path))
        return respond_errno(r, -ENOENT, "No such file.");
    struct stored_zip z;
    int rc = fetch_zip(r, version, original, &z);
    if (rc < 0)
        return request_responded(r) ? 0 : rc;
    char *data = NULL;
    size_t len = 0;
    rc = bundle_read_file(z.data, z.len, path, PROJECTS_FILE_MAX, &data, &len);
    if (rc == -ENOENT)
        return respond_errno(r, -ENOENT, "No such file.");
    if (rc < 0) {
        log_error(r->id, "reading %s from the stored ZIP failed: %s", path, strerror(-rc));
        return respond_errno(r, -EIO, NULL);
    }
    rc = arena_defer(r->arena, free, data);
    if (rc < 0)
        return rc; /* data is already freed */
    const char *headers[] = {"X-Content-Type-Options", "nosniff", NULL};
    return respond_bytes(r, 200, content_type_for(path), data, len, headers);
}

int projects_download(struct request *r)
{
    long version;
    bool original;
    if (check_id_and_version(r, &version, &original) < 0)
        return 0;
    struct stored_zip z;
    int rc = fetch_zip(r, version, original, &z);
    if (rc < 0)
        return request_responded(r) ? 0 : rc;
    char *disposition =
        arena_printf(r->arena, "attachment; filename=\"%s-v%d.zip\"", z.name, z.version);
    char *etag = arena_printf(r->arena, "\"%s\"", z.sha256);
    if (!disposition || !etag)
        return -ENOMEM;
    const char *headers[] = {"Content-Disposition",        disposition,      "ETag", etag,
                             "X-Backforge-Version-Sha256", z.version_sha256, NULL};
    return respond_bytes(r, 200, "application/zip", z.data, z.len, headers);
}

static int delete_project(struct db *db, void *userdata)
{
    struct request *r = userdata;
    const char *p[] = {request_param(r, "id"), r->user_id};
    PGresult *res;
    int rc =
        db_query(db, r->arena,
                 "DELETE FROM projects WHERE id = $1 AND user_id = $2 RETURNING name", 2, p, &res);
    if (rc < 0)
        return rc;
    if (db_rows(res) == 0)
        return -ENOENT;
    json_t *details = json_pack("{s:s}", "name", db_value(res, 0, 0));
    char *target = arena_printf(r->arena, "project:%s", request_param(r, "id"));
    rc = request_audit(r, "project.delete", target, details);
    json_decref(details);
    return rc;
}

int projects_delete(struct request *r)
{
    long long id;
    if (request_parse_id(request_param(r, "id"), &id) < 0)
        return respond_errno(r, -ENOENT, "No such project.");
    int rc = db_transaction(r->app->db, delete_project, r, true);
    if (rc == -ENOENT)
        return respond_errno(r, -ENOENT, "No such project.");
    if (rc < 0)
        return rc;
    return respond_bytes(r, 204, NULL, NULL, 0, NULL);
}

int projects_models(struct request *r)
{
    json_t *models = llm_models_json(r->app->config, state_of(r)->llm);
    return models ? respond_json(r, 200, json_pack("{s:o}", "models", models)) : -ENOMEM;
}

int projects_spec_schema(struct request *r)
{
    const json_t *schema = review_spec_schema();
    return schema ? respond_json(r, 200, json_deep_copy(schema)) : -ENOMEM;
}
