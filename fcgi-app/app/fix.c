/* POST /api/projects/{id}/fix (see fix.h). The round runs in the request, like a
 * generation from a prompt: it takes one of the workers set aside for waiting on the
 * model (llm_max_concurrent), asks the model, and answers 202 once the fixed version is
 * stored and queued for verification. Another user's project answers 404. */
#include "fix.h"
#include "respond.h"

#include "core/log.h"
#include "llm/client.h"
#include "pipeline/autofix.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fix_state {
    struct llm_client *llm; /* NULL: no provider configured */
    int llm_workers_max;
};

int fix_module_init(struct app *app)
{
    struct fix_state *s = calloc(1, sizeof(*s));
    if (!s)
        return -ENOMEM;
    int rc = llm_client_new(app->config, &s->llm);
    if (rc < 0 && rc != -ENOENT) {
        free(s);
        return rc;
    }
    int workers = app->workers > 0 ? app->workers : 1;
    s->llm_workers_max = (int)config_get_long(app->config, "llm_max_concurrent",
                                              workers > 1 ? workers - 1 : 1, 1, 256);
    app->fix = s;
    return 0;
}

void fix_module_done(struct app *app)
{
    struct fix_state *s = app->fix;
    if (!s)
        return;
    llm_client_free(s->llm);
    free(s);
    app->fix = NULL;
}

static int answer(struct request *r, long long id, struct autofix_outcome *o)
{
    switch (o->result) {
    case AUTOFIX_QUEUED: {
        char location[80];
        snprintf(location, sizeof(location), "/api/projects/%lld/verifications", id);
        respond_header(r, "Location", location);
        json_t *body =
            json_pack("{s:I, s:i, s:i, s:I, s:s, s:i, s:i, s:s, s:O, s:O}", "project_id",
                      (json_int_t)id, "from_version", o->from_version, "version", o->version,
                      "verification_id", (json_int_t)o->verification_id, "status", "queued",
                      "attempt", o->attempt, "max_attempts", o->max_attempts, "model", o->model,
                      "summary", o->summary, "files", o->changed);
        return body ? respond_json(r, 202, body) : -ENOMEM;
    }
    case AUTOFIX_NOT_FAILED:
    case AUTOFIX_BUSY:
    case AUTOFIX_EXHAUSTED:
        return respond_error(
            r, 409, "conflict",
            o->result == AUTOFIX_EXHAUSTED ? "No fix attempts are left for this project."
            : o->result == AUTOFIX_BUSY    ? "A fix round of this project is already running."
                                           : "The latest version's verification did not fail.",
            json_pack("{s:s, s:i, s:i}", "reason", autofix_result_name(o->result), "attempt",
                      o->attempt, "max_attempts", o->max_attempts));
    case AUTOFIX_NO_LLM:
        return respond_error(r, 503, "llm_unavailable",
                             "No LLM provider is configured, so nothing can fix the project.",
                             NULL);
    case AUTOFIX_REFUSED: {
        json_t *details = o->problems;
        o->problems = NULL;
        return respond_error(r, 502, "llm_upstream",
                             "The LLM's patch was refused; nothing was stored.", details);
    }
    case AUTOFIX_LLM_FAILED:
        return respond_error(r, 502, "llm_upstream",
                             o->llm_error == -ETIMEDOUT
                                 ? "The LLM provider did not answer in time."
                                 : "The LLM provider failed.",
                             NULL);
    }
    return -EINVAL;
}

int fix_request(struct request *r)
{
    struct fix_state *s = r->app->fix;
    long long id;
    if (request_parse_id(request_param(r, "id"), &id) < 0)
        return respond_errno(r, -ENOENT, "No such project.");
    bool claimed = false;
    if (s->llm) {
        if (!request_claim_slow(r, s->llm_workers_max)) {
            respond_header(r, "Retry-After", "10");
            return respond_error(r, 503, "busy",
                                 "Every worker that may wait on the language model is busy; "
                                 "retry in a few seconds.",
                                 NULL);
        }
        claimed = true;
    }
    struct autofix_outcome o;
    int rc = autofix_round(r->app->config, s->llm, r->app->db, id, r->user_id, false, &o);
    if (claimed)
        request_release_slow(r);
    if (rc < 0)
        return rc == -ENOENT ? respond_errno(r, rc, "No such project.") : rc;
    log_info(r->id, "project %lld: fix round %s: %s", id, autofix_result_name(o.result), o.reason);
    rc = answer(r, id, &o);
    autofix_outcome_clear(&o);
    return rc;
}
