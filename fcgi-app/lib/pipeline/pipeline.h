/* The generation pipeline shared by the API and backforgectl: prompt or spec → plan
 * (offline planner or LLM) → review → render → ZIP. Nothing here touches the platform's
 * database; the caller stores the result. */
#pragma once
#include "codegen/render.h"
#include "core/config.h"
#include "llm/client.h"
#include "spec/review.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define PIPELINE_OFFLINE_MODEL "offline"

struct pipeline_input {
    const char *prompt; /* either a prompt ... */
    const json_t *spec; /* ... or a spec document (borrowed) */
    const char *model;  /* NULL = the configured default; "offline" = the built-in planner */
};

/* Called as each stage starts ("planning", "reviewing", "generating", "packaging"), so the
 * API can stream progress. May be NULL. */
struct pipeline_progress {
    void (*on_stage)(void *ctx, const char *stage);
    void *ctx;
};

struct pipeline_output {
    json_t *spec;         /* normalized spec (new reference) */
    json_t *notes;        /* planner notes or NULL (new reference) */
    const char *planner;  /* static: "offline", "llm" or "spec" */
    char model[128];      /* the model that planned, "" for a given spec */
    struct review review; /* warnings on success; errors when -EINVAL */
    unsigned char *zip;   /* malloc'ed */
    size_t zip_len;
    char sha256[65];
    json_t *files;      /* [{"path","size"}] (new reference) */
    char missing[1024]; /* on -ENOENT: the data directory needed and not found, else "" */
};

void pipeline_output_init(struct pipeline_output *out);
void pipeline_output_clear(struct pipeline_output *out); /* frees everything it owns */

/* The folder the ZIP's files sit under: "<spec name>/". */
int pipeline_zip_root(const json_t *spec, char *out, size_t size);
/* Adds verify/suite.json, the suite the runner runs and verify/verify.py reads on the user's
 * own deployment, to a rendered tree (kept sorted). 0, -ENOMEM, or suite_text's error. */
int pipeline_add_suite(const json_t *normalized_spec, struct gen_tree *tree);

/* True when pipeline_run with this input would ask the language model: a prompt, a
 * provider configured, and a model other than "offline". */
bool pipeline_uses_llm(const struct llm_client *llm, const struct pipeline_input *in);

/* Runs the pipeline. llm may be NULL (offline only); store may be NULL.
 * Returns 0; -ENODATA (the offline planner recognized nothing); -EINVAL (review refused
 * the spec, or a given spec is over REVIEW_MAX_SPEC_BYTES as compact JSON, checked
 * before review: out->review.errors says why); -ENOENT (unknown model, or, with
 * out->missing set, the templates are not where they were looked for); the llm_chat errors
 * (-ETIMEDOUT, -EPROTO, -E2BIG, -ECONNREFUSED...) for an LLM that failed; codegen and
 * bundle errors otherwise. On error the output holds no ZIP. */
int pipeline_run(const struct config *cfg, struct llm_client *llm, const struct llm_store *store,
                 const struct pipeline_input *in, const struct pipeline_progress *progress,
                 struct pipeline_output *out);

/* The templates directory into out (datadir_find: config `templates_dir`, else the source
 * tree for a program run from its build tree, else BF_DATADIR "/templates"). 0 when it
 * exists, else a negative errno with out naming the path looked for. */
int pipeline_templates_dir(const struct config *cfg, char *out, size_t size);
