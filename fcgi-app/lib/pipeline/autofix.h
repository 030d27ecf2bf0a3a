/* The auto-fix loop's round: after a verification failed, the LLM gets what failed
 * (llm/fix.c), its patch is checked and applied (pipeline/patch.c), and the result is
 * stored as a new version (origin "fix") that is queued for verification in the same
 * transaction. The runner calls it after a failed verification (automatic), and
 * POST /api/projects/{id}/fix asks for one round by hand. Project status moves failed ->
 * fixing -> queued (a new version) or back to failed (no usable patch). Every LLM call is
 * an llm_calls row with the project's id and purpose "fix"; the fix version's `fix` column
 * (sql/009) says what changed and sums what those calls cost. */
#pragma once
#include "core/config.h"
#include "llm/client.h"
#include "platform/db.h"

#include <jansson.h>
#include <stdbool.h>

#define AUTOFIX_MAX_ATTEMPTS_DEFAULT 3 /* verification rounds in all (config fix_max_attempts) */

enum autofix_result {
    AUTOFIX_QUEUED,     /* a fixed version is stored and queued */
    AUTOFIX_NOT_FAILED, /* the latest version's latest verification did not fail */
    AUTOFIX_BUSY,       /* a fix round of this project is already running */
    AUTOFIX_EXHAUSTED,  /* the failed verification was the last attempt */
    AUTOFIX_NO_LLM,     /* no LLM is configured */
    AUTOFIX_REFUSED,    /* the model answered, but with no patch that passed the checks */
    AUTOFIX_LLM_FAILED, /* the provider failed (llm_error says how) */
};

struct autofix_outcome {
    enum autofix_result result;
    int from_version, version; /* version: the new one when queued */
    int attempt, max_attempts; /* attempt: the failed one's round (+1 when queued) */
    long long verification_id; /* the queued verification */
    int llm_error;             /* negative errno for AUTOFIX_LLM_FAILED */
    char reason[600];          /* one sentence: what happened */
    char model[128];
    json_t *problems; /* refused: [{"path","message"}] (owned) */
    json_t *changed;  /* queued: [{"path","change","size"}] (owned) */
    json_t *summary;  /* queued: the model's summary string or null (owned) */
};

/* One round for project_id. user_id (decimal text) limits it to that user's project (the
 * API), NULL for any (the runner). automatic: a round the runner starts after a failure;
 * then a verification that is not fixed (no LLM, attempts exhausted, no usable patch) gets
 * the cause appended to its reason ("[auto-fix: ...]"). llm may be NULL (no provider).
 * 0 with *out filled (autofix_outcome_clear() it) whatever the result; -ENOENT (no such
 * project of that user), or -errno of the database. */
int autofix_round(const struct config *cfg, struct llm_client *llm, struct db *db,
                  long long project_id, const char *user_id, bool automatic,
                  struct autofix_outcome *out);
void autofix_outcome_clear(struct autofix_outcome *o);

/* The fix loop of one project as the dashboard shows it: the verification rounds its
 * latest lineage has used (1 for a generated version, +1 per fix since), the most it may
 * use, and whether a round asked for now would start (an LLM is configured, the latest
 * verification failed, attempts are left, no round is running). */
struct autofix_loop {
    int attempts_used, max_attempts;
    bool can_fix;
    bool automatic_pending; /* failed, and the runner's round has not answered it yet */
};

/* How long after a failure the runners' rescue pass still starts its missed round
 * (autofix_pending's max_age_s); the SQL text of it for make_interval. */
#define AUTOFIX_PENDING_WINDOW_S   600
#define AUTOFIX_STR(x)             #x
#define AUTOFIX_XSTR(x)            AUTOFIX_STR(x)
#define AUTOFIX_PENDING_WINDOW_SQL AUTOFIX_XSTR(AUTOFIX_PENDING_WINDOW_S)

/* Fills *out for project_id (of user_id, decimal text, or any when NULL); llm_configured
 * says whether the caller has an LLM client. 0, -ENOENT (no such project of that user) or
 * -errno of the database. */
int autofix_loop_state(const struct config *cfg, bool llm_configured, struct db *db,
                       long long project_id, const char *user_id, struct autofix_loop *out);

/* Projects left in "fixing" longer than stale_s (their round's process died) go back to
 * "failed". Returns how many, or -errno. */
int autofix_rescue(struct db *db, long stale_s);

/* Failed projects whose failure no round has answered yet (no "[auto-fix: ...]" note on
 * the verification), failed between max_age_s and min_age_s ago, oldest first: what a
 * runner that died before its round, or had too many rounds running, left. Up to max ids
 * into ids; returns how many, or -errno. */
int autofix_pending(struct db *db, long min_age_s, long max_age_s, long long *ids, int max);

/* The static name of a result ("queued", "not_failed", ...). */
const char *autofix_result_name(enum autofix_result r);
