/* One auto-fix round (see autofix.h): read what failed, claim the project (failed ->
 * fixing, so a round by hand and one of the runner never both run), ask the model, check
 * and apply its patch, and store the fixed version with its verification job in one
 * transaction. Every way a round can end without a new version puts the project back to
 * failed and says why. The LLM is asked outside any transaction. */
#include "pipeline/autofix.h"

#include "codegen/bundle.h"
#include "core/jsonx.h"
#include "llm/fix.h"
#include "llm/store.h"
#include "pipeline/patch.h"
#include "platform/jobs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUTOFIX_MAX_PROBLEMS 40

/* The fixes since the last version that was not one (this lineage's rounds), for a query
 * on projects p. The round is counted from the versions, not from the verification's
 * attempt, so a version verified again by hand (POST /verify queues attempt 1) keeps its
 * count. */
#define AUTOFIX_ROUNDS_SQL                                                                        \
    "(SELECT count(*) FROM project_versions f WHERE f.project_id = p.id "                         \
    "AND f.origin = 'fix' AND f.version > coalesce((SELECT max(version) "                         \
    "FROM project_versions g WHERE g.project_id = p.id AND g.origin <> 'fix'), 0))"

const char *autofix_result_name(enum autofix_result r)
{
    static const char *const names[] = {"queued", "not_failed", "busy",      "exhausted",
                                        "no_llm", "refused",    "llm_failed"};
    return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "unknown";
}

void autofix_outcome_clear(struct autofix_outcome *o)
{
    json_decref(o->problems);
    json_decref(o->changed);
    json_decref(o->summary);
    o->problems = o->changed = o->summary = NULL;
}

/* What one round works from: the project's latest version and its latest verification. */
struct state {
    char project_id[24], user_id[24], status[16];
    int version, attempt; /* attempt: the verification round of the latest version */
    long long verification_id;
    char vstatus[16];
    char *reason, *log_tail; /* malloc'ed or NULL */
    json_t *report, *spec;
    char *spec_text, *review_text, *notes_text; /* notes: the planner's, carried over */
    long long calls_before; /* the project's newest llm_calls id before this round */
    unsigned char *zip;
    size_t zip_len;
};

static void state_clear(struct state *s)
{
    free(s->reason);
    free(s->log_tail);
    json_decref(s->report);
    json_decref(s->spec);
    free(s->spec_text);
    free(s->review_text);
    free(s->notes_text);
    free(s->zip);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int load_state(struct db *db, long long project_id, const char *user_id, struct state *s)
{
    snprintf(s->project_id, sizeof(s->project_id), "%lld", project_id);
    const char *p[] = {s->project_id, user_id};
    PGresult *res;
    int rc = db_query_one(
        db, NULL,
        "SELECT p.user_id, p.status, p.latest_version, v.id, v.status, v.attempt, v.reason, "
        "v.report::text, v.log_tail, pv.spec::text, pv.review::text, pv.zip, " AUTOFIX_ROUNDS_SQL
        ", "
        /* the round's own calls are the project's rows after this one (sql/009) */
        "pv.notes::text, (SELECT coalesce(max(id), 0) FROM llm_calls c "
        "WHERE c.project_id = p.id) "
        "FROM projects p JOIN project_versions pv ON pv.project_id = p.id "
        "AND pv.version = p.latest_version LEFT JOIN LATERAL (SELECT * FROM verifications "
        "WHERE project_id = p.id AND version = p.latest_version AND source = 'runner' "
        "ORDER BY id DESC LIMIT 1) v ON true "
        "WHERE p.id = $1::bigint AND ($2::bigint IS NULL OR p.user_id = $2::bigint)",
        2, p, &res);
    if (rc < 0)
        return rc;
    snprintf(s->user_id, sizeof(s->user_id), "%s", db_value(res, 0, 0));
    snprintf(s->status, sizeof(s->status), "%s", db_value(res, 0, 1));
    s->version = atoi(db_value(res, 0, 2));
    s->verification_id = db_value(res, 0, 3) ? strtoll(db_value(res, 0, 3), NULL, 10) : 0;
    snprintf(s->vstatus, sizeof(s->vstatus), "%s", db_value(res, 0, 4) ? db_value(res, 0, 4) : "");
    s->attempt = 1 + atoi(db_value(res, 0, 12));
    s->reason = dup_or_null(db_value(res, 0, 6));
    s->report = db_value(res, 0, 7) ? json_loads(db_value(res, 0, 7), 0, NULL) : NULL;
    s->log_tail = dup_or_null(db_value(res, 0, 8));
    s->spec_text = dup_or_null(db_value(res, 0, 9));
    s->review_text = dup_or_null(db_value(res, 0, 10));
    s->spec = s->spec_text ? json_loads(s->spec_text, 0, NULL) : NULL;
    s->notes_text = dup_or_null(db_value(res, 0, 13));
    s->calls_before = strtoll(db_value(res, 0, 14), NULL, 10);
    size_t len = 0;
    unsigned char *bytes = PQunescapeBytea((const unsigned char *)db_value(res, 0, 11), &len);
    PQclear(res);
    if (bytes) {
        s->zip = malloc(len ? len : 1);
        if (s->zip)
            memcpy(s->zip, bytes, len);
        s->zip_len = len;
        PQfreemem(bytes);
    }
    return s->spec && s->spec_text && s->review_text && s->zip ? 0 : -ENOMEM;
}

/* Appends "[auto-fix: note]" to the failed verification's reason, replacing an earlier
 * note, so the reason always says the latest word on fixing it. */
static void note_reason(struct db *db, const struct state *s, const char *note)
{
    char id[24];
    snprintf(id, sizeof(id), "%lld", s->verification_id);
    const char *p[] = {id, note};
    db_exec(db,
            "UPDATE verifications SET reason = left(regexp_replace(coalesce(reason, ''), "
            "' ?\\[auto-fix: .*\\]$', '') || ' [auto-fix: ' || $2 || ']', 2000) "
            "WHERE id = $1::bigint",
            2, p);
}

/* A round that produced no version: the project is failed again (if it is still ours). */
static void give_back(struct db *db, const struct state *s)
{
    const char *p[] = {s->project_id};
    db_exec(db,
            "UPDATE projects SET status = 'failed', updated_at = now() "
            "WHERE id = $1::bigint AND status = 'fixing'",
            1, p);
}

/* failed -> fixing, only for the version and verification we read. 1, 0 or -errno. */
static int claim(struct db *db, const struct state *s)
{
    char v[16], vid[24];
    snprintf(v, sizeof(v), "%d", s->version);
    snprintf(vid, sizeof(vid), "%lld", s->verification_id);
    const char *p[] = {s->project_id, v, vid};
    long n = db_exec(db,
                     "UPDATE projects SET status = 'fixing', updated_at = now() "
                     "WHERE id = $1::bigint AND status = 'failed' AND latest_version = $2::int "
                     "AND NOT EXISTS (SELECT 1 FROM verifications WHERE project_id = $1::bigint "
                     "AND source = 'runner' AND id > $3::bigint)",
                     3, p);
    return n < 0 ? (int)n : n > 0;
}

/* The version's text files as [{"path", "content"}] for the prompt. */
static json_t *text_files(const struct patch_version *v)
{
    json_t *files = json_array();
    for (size_t i = 0; files && i < v->tree.n; i++) {
        const struct gen_file *f = &v->tree.files[i];
        /* not text: never shown (jansson refuses invalid UTF-8, and NUL is checked here) */
        json_t *content = memchr(f->data, '\0', f->len) ? NULL : json_stringn(f->data, f->len);
        if (!content)
            continue;
        json_t *e = content ? json_pack("{s:s, s:o}", "path", f->path, "content", content) : NULL;
        if (!e || json_array_append_new(files, e) < 0) {
            json_decref(files);
            return NULL;
        }
    }
    return files;
}

struct validate_ctx {
    const struct patch_version *v;
    const char **protect; /* NULL-terminated */
    struct problems errs;
};

static int validate_patch(void *ctx, const json_t *patch)
{
    struct validate_ctx *vc = ctx;
    problems_clear(&vc->errs);
    int rc = patch_check(patch, vc->v, vc->protect, &vc->errs);
    return rc < 0 ? -EINVAL : 0;
}

static const char *default_model(struct llm_client *llm, const struct config *cfg, char *buf,
                                 size_t size)
{
    json_t *models = llm_models_json(cfg, llm);
    size_t i;
    json_t *m;
    buf[0] = '\0';
    json_array_foreach(models, i, m)
    {
        const char *id = json_string_value(json_object_get(m, "id"));
        if (id && strcmp(id, "offline") != 0 && json_is_true(json_object_get(m, "default")))
            snprintf(buf, size, "%s", id);
    }
    if (!buf[0]) /* the offline planner is the default: the first model of the provider */
        json_array_foreach(models, i, m)
        {
            const char *id = json_string_value(json_object_get(m, "id"));
            if (id && strcmp(id, "offline") != 0 && !buf[0])
                snprintf(buf, size, "%s", id);
        }
    json_decref(models);
    return buf;
}

struct store_ctx {
    const struct state *s;
    struct autofix_outcome *out;
    const char *fix, *files, *zip_hex, *sha256;
};

/* The fixed version, the project pointing at it and its verification job: all or none. */
static int store_fix(struct db *db, void *userdata)
{
    struct store_ctx *c = userdata;
    const struct state *s = c->s;
    char from[16], next[16];
    snprintf(from, sizeof(from), "%d", s->version);
    snprintf(next, sizeof(next), "%d", s->version + 1);
    const char *lp[] = {s->project_id, from};
    PGresult *res;
    int rc = db_query(db, NULL,
                      "SELECT 1 FROM projects WHERE id = $1::bigint AND status = 'fixing' "
                      "AND latest_version = $2::int FOR UPDATE",
                      2, lp, &res);
    if (rc < 0)
        return rc;
    int n = db_rows(res);
    PQclear(res);
    if (n != 1)
        return -ESTALE; /* deleted, or moved on while the model thought */
    char since[24];
    snprintf(since, sizeof(since), "%lld", s->calls_before);
    const char *vp[] = {s->project_id,  next,          c->out->model, s->spec_text,
                        s->review_text, s->notes_text, c->files,      c->zip_hex,
                        c->sha256,      c->fix,        since};
    /* The fix's record gets the round's tokens, cost and latency from its llm_calls rows:
     * one round of a project runs at a time (claim()), so its rows are the ones after
     * calls_before. */
    rc = (int)db_exec(
        db,
        "INSERT INTO project_versions (project_id, version, origin, planner, model, spec, "
        "review, notes, files, zip, zip_sha256, fix) SELECT $1::bigint, $2::int, 'fix', 'llm', "
        "$3, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb, $8::bytea, $9, $10::jsonb || "
        "jsonb_build_object('calls', count(*), 'prompt_tokens', coalesce(sum(prompt_tokens), 0), "
        "'completion_tokens', coalesce(sum(completion_tokens), 0), 'cost_usd', "
        "coalesce(sum(cost_usd), 0), 'latency_ms', coalesce(sum(latency_ms), 0)) "
        "FROM llm_calls WHERE project_id = $1::bigint AND purpose = 'fix' AND id > $11::bigint",
        11, vp);
    if (rc < 0)
        return rc;
    rc = (int)db_exec(db,
                      "UPDATE projects SET latest_version = $2::int, updated_at = now() "
                      "WHERE id = $1::bigint",
                      2, (const char *[]){s->project_id, next});
    if (rc < 0)
        return rc;
    return jobs_enqueue(db, s->project_id, s->version + 1, s->attempt + 1,
                        &c->out->verification_id);
}

static int apply_and_store(struct db *db, const struct state *s, const struct patch_version *v,
                           const json_t *patch, struct autofix_outcome *out)
{
    unsigned char *zip = NULL;
    size_t len = 0;
    json_t *changed = NULL;
    int rc = patch_apply(patch, v, &zip, &len, &changed);
    if (rc < 0)
        return rc;
    char sha[65];
    bundle_sha256_hex(zip, len, sha);
    json_t *summary = json_object_get(patch, "summary");
    /* what the fix was (sql/009); store_fix adds what it cost */
    json_t *fix =
        json_pack("{s:i, s:i, s:O?, s:O, s:s}", "from_version", s->version, "attempt",
                  s->attempt + 1, "summary", summary, "files", changed, "model", out->model);
    json_t *list = bundle_list(zip, len);
    struct store_ctx c = {.s = s, .out = out, .sha256 = sha};
    char *fix_text = fix ? jsonx_dump(fix) : NULL;
    char *files_text = list ? jsonx_dump(list) : NULL;
    char *zip_hex = db_bytea_hex(zip, len);
    c.fix = fix_text;
    c.files = files_text;
    c.zip_hex = zip_hex;
    rc = fix_text && files_text && zip_hex ? db_transaction(db, store_fix, &c, true) : -ENOMEM;
    if (rc >= 0) {
        out->changed = changed;
        changed = NULL;
        out->summary = summary ? json_incref(summary) : json_null();
        out->version = s->version + 1;
        out->attempt = s->attempt + 1;
    }
    json_decref(changed);
    json_decref(fix);
    json_decref(list);
    free(fix_text);
    free(files_text);
    free(zip_hex);
    free(zip);
    return rc < 0 ? rc : 0;
}

static int ask_model(const struct config *cfg, struct llm_client *llm, struct db *db,
                     const struct state *s, const struct patch_version *v,
                     struct autofix_outcome *out)
{
    json_t *files = text_files(v);
    if (!files)
        return -ENOMEM;
    struct llm_fix_input in = {.spec = s->spec,
                               .report = s->report,
                               .reason = s->reason,
                               .log_tail = s->log_tail,
                               .files = files,
                               .attempt = s->attempt + 1,
                               .max_attempts = out->max_attempts};
    struct llm_fix_prompt prompt;
    int rc = llm_fix_prompt_build(&in, &prompt);
    json_decref(files);
    if (rc < 0)
        return rc;
    size_t np = json_array_size(prompt.protected);
    const char **protect = calloc(np + 1, sizeof(*protect));
    if (!protect) {
        llm_fix_prompt_clear(&prompt);
        return -ENOMEM;
    }
    for (size_t i = 0; i < np; i++)
        protect[i] = json_string_value(json_array_get(prompt.protected, i));
    struct validate_ctx vc = {.v = v, .protect = protect};
    problems_init(&vc.errs, AUTOFIX_MAX_PROBLEMS);

    struct llm_store_pg pg;
    struct llm_store store;
    llm_store_pg_init(&store, &pg, db, strtoll(s->user_id, NULL, 10));
    pg.project_id = strtoll(s->project_id, NULL, 10);
    pg.purpose = "fix";
    default_model(llm, cfg, out->model, sizeof(out->model));
    json_t *patch = NULL;
    bool unparsable = false;
    rc = llm_fix_round(llm, out->model, &prompt, &store, validate_patch, &vc, &patch, &unparsable);
    if (rc == 0) {
        rc = apply_and_store(db, s, v, patch, out);
        if (rc == 0)
            out->result = AUTOFIX_QUEUED;
        if (rc == -ESTALE) { /* deleted or moved on while the model thought */
            out->result = AUTOFIX_BUSY;
            snprintf(out->reason, sizeof(out->reason), "the project moved on meanwhile");
            rc = 0;
        }
    } else if (rc == -EBADMSG) {
        out->result = AUTOFIX_REFUSED;
        out->problems = unparsable ? json_pack("[{s:s, s:s}]", "path", "$", "message",
                                               "the reply held no JSON object with a files array")
                                   : problems_to_json(&vc.errs);
        const json_t *first = json_array_get(out->problems, 0);
        const char *at = json_string_value(json_object_get(first, "path"));
        const char *why = json_string_value(json_object_get(first, "message"));
        snprintf(out->reason, sizeof(out->reason), "the model's patch was refused: %s %s",
                 at ? at : "$", why ? why : "");
        rc = 0;
    } else if (rc != -ENOMEM) {
        out->result = AUTOFIX_LLM_FAILED;
        out->llm_error = rc;
        snprintf(out->reason, sizeof(out->reason), "the LLM provider failed: %s", strerror(-rc));
        rc = 0;
    }
    json_decref(patch);
    problems_clear(&vc.errs);
    free(protect);
    llm_fix_prompt_clear(&prompt);
    return rc;
}

/* Whether a round may start, from what the project looks like: AUTOFIX_QUEUED means go
 * on (claim, ask the model); anything else is why not. autofix_round and
 * autofix_loop_state both decide with it, so the dashboard's Fix button appears exactly
 * when a round would start. */
static enum autofix_result precheck(const char *status, const char *vstatus, bool has_report,
                                    int attempt, int max_attempts, bool llm)
{
    if (strcmp(status, "fixing") == 0)
        return AUTOFIX_BUSY;
    if (strcmp(status, "failed") != 0 || strcmp(vstatus, "failed") != 0 || !has_report)
        return AUTOFIX_NOT_FAILED;
    if (attempt >= max_attempts)
        return AUTOFIX_EXHAUSTED;
    return llm ? AUTOFIX_QUEUED : AUTOFIX_NO_LLM;
}

static int max_attempts(const struct config *cfg)
{
    return (int)config_get_long(cfg, "fix_max_attempts", AUTOFIX_MAX_ATTEMPTS_DEFAULT, 1, 10);
}

int autofix_loop_state(const struct config *cfg, bool llm_configured, struct db *db,
                       long long project_id, const char *user_id, struct autofix_loop *out)
{
    memset(out, 0, sizeof(*out));
    out->max_attempts = max_attempts(cfg);
    char id[24];
    snprintf(id, sizeof(id), "%lld", project_id);
    const char *p[] = {id, user_id};
    PGresult *res;
    int rc =
        db_query_one(db, NULL,
                     "SELECT p.status, v.status, v.report IS NOT NULL, " AUTOFIX_ROUNDS_SQL
                     /* a failure no round has answered yet, recent enough for the runner's
                      * rescue pass to still pick it up (autofix_pending) */
                     ", position('[auto-fix:' IN coalesce(v.reason, '')) = 0 AND v.finished_at "
                     "> now() - make_interval(secs => " AUTOFIX_PENDING_WINDOW_SQL ")"
                     " FROM projects p LEFT JOIN LATERAL (SELECT status, report, reason, "
                     "finished_at "
                     "FROM verifications WHERE project_id = p.id AND version = p.latest_version "
                     "AND source = 'runner' ORDER BY id DESC LIMIT 1) v ON true "
                     "WHERE p.id = $1::bigint AND ($2::bigint IS NULL OR p.user_id = $2::bigint)",
                     2, p, &res);
    if (rc < 0)
        return rc;
    const char *vstatus = db_value(res, 0, 1);
    out->attempts_used = 1 + atoi(db_value(res, 0, 3));
    enum autofix_result r =
        precheck(db_value(res, 0, 0), vstatus ? vstatus : "",
                 strcmp(db_value(res, 0, 2) ? db_value(res, 0, 2) : "f", "t") == 0,
                 out->attempts_used, out->max_attempts, llm_configured);
    bool unanswered = strcmp(db_value(res, 0, 4) ? db_value(res, 0, 4) : "f", "t") == 0;
    /* Until the runner's own round has answered the failure, a round by hand would only
     * race it: the dashboard waits for that answer instead of offering one. */
    out->automatic_pending = unanswered && r != AUTOFIX_BUSY && r != AUTOFIX_NOT_FAILED;
    out->can_fix = r == AUTOFIX_QUEUED && !out->automatic_pending;
    PQclear(res);
    return 0;
}

int autofix_round(const struct config *cfg, struct llm_client *llm, struct db *db,
                  long long project_id, const char *user_id, bool automatic,
                  struct autofix_outcome *out)
{
    memset(out, 0, sizeof(*out));
    out->max_attempts = max_attempts(cfg);
    struct state s = {0};
    int rc = load_state(db, project_id, user_id, &s);
    if (rc < 0) {
        state_clear(&s);
        return rc;
    }
    out->from_version = out->version = s.version;
    out->attempt = s.attempt;
    out->result =
        precheck(s.status, s.vstatus, s.report != NULL, s.attempt, out->max_attempts, llm != NULL);
    if (out->result == AUTOFIX_BUSY) {
        snprintf(out->reason, sizeof(out->reason), "a fix round is already running");
    } else if (out->result == AUTOFIX_NOT_FAILED) {
        snprintf(out->reason, sizeof(out->reason),
                 "the latest version's verification did not fail (project status %s)", s.status);
    } else if (out->result == AUTOFIX_EXHAUSTED) {
        snprintf(out->reason, sizeof(out->reason), "fix attempts exhausted (%d of %d)", s.attempt,
                 out->max_attempts);
    } else if (out->result == AUTOFIX_NO_LLM) {
        snprintf(out->reason, sizeof(out->reason), "%s",
                 config_get(cfg, "llm_base_url", "")[0]
                     ? "not fixed automatically: the LLM client could not be set up (its key?)"
                     : "not fixed automatically: no LLM is configured (llm_base_url)");
    } else if ((rc = claim(db, &s)) <= 0) {
        out->result = AUTOFIX_BUSY;
        snprintf(out->reason, sizeof(out->reason), "the project moved on meanwhile");
    } else {
        struct patch_version v;
        rc = patch_version_load(s.zip, s.zip_len, &v);
        if (rc == 0) {
            rc = ask_model(cfg, llm, db, &s, &v, out);
            patch_version_clear(&v);
        } else {
            out->result = AUTOFIX_REFUSED;
            snprintf(out->reason, sizeof(out->reason), "the version cannot be patched: %s",
                     rc == -ELOOP ? "it holds links or special files" : strerror(-rc));
            rc = 0;
        }
        if (out->result != AUTOFIX_QUEUED)
            give_back(db, &s);
        if (rc == 0 && out->result == AUTOFIX_QUEUED)
            snprintf(out->reason, sizeof(out->reason),
                     "version %d (fix attempt %d of %d) is queued for verification", out->version,
                     out->attempt, out->max_attempts);
    }
    bool noted = out->result == AUTOFIX_QUEUED || out->result == AUTOFIX_EXHAUSTED ||
                 out->result == AUTOFIX_NO_LLM || out->result == AUTOFIX_REFUSED ||
                 out->result == AUTOFIX_LLM_FAILED;
    if (rc >= 0 && noted && (automatic || out->result != AUTOFIX_NO_LLM))
        note_reason(db, &s, out->reason);
    state_clear(&s);
    if (rc < 0)
        autofix_outcome_clear(out);
    return rc < 0 ? rc : 0;
}

int autofix_rescue(struct db *db, long stale_s)
{
    char secs[24];
    snprintf(secs, sizeof(secs), "%ld", stale_s);
    const char *p[] = {secs};
    long n = db_exec(db,
                     "UPDATE projects SET status = 'failed', updated_at = now() "
                     "WHERE status = 'fixing' AND updated_at < now() - "
                     "make_interval(secs => $1::int)",
                     1, p);
    return (int)n;
}

int autofix_pending(struct db *db, long min_age_s, long max_age_s, long long *ids, int max)
{
    char lo[24], hi[24], lim[16];
    snprintf(lo, sizeof(lo), "%ld", min_age_s);
    snprintf(hi, sizeof(hi), "%ld", max_age_s);
    snprintf(lim, sizeof(lim), "%d", max);
    const char *p[] = {lo, hi, lim};
    PGresult *res;
    int rc = db_query(db, NULL,
                      "SELECT p.id FROM projects p JOIN LATERAL (SELECT status, reason, "
                      "finished_at FROM verifications v WHERE v.project_id = p.id "
                      "AND v.version = p.latest_version AND v.source = 'runner' "
                      "ORDER BY v.id DESC LIMIT 1) v ON true "
                      "WHERE p.status = 'failed' AND v.status = 'failed' "
                      "AND position('[auto-fix:' IN coalesce(v.reason, '')) = 0 "
                      "AND v.finished_at < now() - make_interval(secs => $1::int) "
                      "AND v.finished_at > now() - make_interval(secs => $2::int) "
                      "ORDER BY v.finished_at LIMIT $3::int",
                      3, p, &res);
    if (rc < 0)
        return rc;
    int n = db_rows(res);
    for (int i = 0; i < n && i < max; i++)
        ids[i] = strtoll(db_value(res, i, 0), NULL, 10);
    PQclear(res);
    return n < max ? n : max;
}
