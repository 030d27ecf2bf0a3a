/* Generation pipeline: one function the API handlers and `backforgectl generate` share,
 * so both produce the same bytes for the same input. */
#include "pipeline/pipeline.h"

#include "codegen/bundle.h"
#include "core/datadir.h"
#include "core/jsonx.h"
#include "planner/planner.h"
#include "verify/suite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void pipeline_output_init(struct pipeline_output *out)
{
    memset(out, 0, sizeof(*out));
    review_init(&out->review);
    out->planner = "spec";
}

void pipeline_output_clear(struct pipeline_output *out)
{
    json_decref(out->spec);
    json_decref(out->notes);
    json_decref(out->files);
    free(out->zip);
    review_clear(&out->review);
    pipeline_output_init(out);
}

int pipeline_templates_dir(const struct config *cfg, char *out, size_t size)
{
    return datadir_find(cfg, "templates_dir", "templates", out, size);
}

/* The target's template folder, checked before rendering so that a missing one is named
 * (out->missing) rather than reported as a bare "No such file or directory". */
static int find_templates(const struct config *cfg, const json_t *spec, char *dir, size_t size,
                          struct pipeline_output *out)
{
    int r = pipeline_templates_dir(cfg, dir, size);
    if (r == 0) {
        struct stat st;
        int n =
            snprintf(out->missing, sizeof(out->missing), "%s/%s", dir, jsonx_str(spec, "target"));
        if (n < 0 || (size_t)n >= sizeof(out->missing)) {
            out->missing[0] = '\0';
            return -ENAMETOOLONG;
        }
        if (stat(out->missing, &st) < 0 || !S_ISDIR(st.st_mode))
            return -ENOENT;
        out->missing[0] = '\0';
        return 0;
    }
    snprintf(out->missing, sizeof(out->missing), "%s", dir);
    return r == -ENAMETOOLONG ? r : -ENOENT;
}

int pipeline_zip_root(const json_t *spec, char *out, size_t size)
{
    const char *name = jsonx_str(spec, "name");
    int n = snprintf(out, size, "%s/", name && *name ? name : "backend");
    return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static void stage(const struct pipeline_progress *p, const char *name)
{
    if (p && p->on_stage)
        p->on_stage(p->ctx, name);
}

bool pipeline_uses_llm(const struct llm_client *llm, const struct pipeline_input *in)
{
    return in->prompt && llm && !(in->model && strcmp(in->model, PIPELINE_OFFLINE_MODEL) == 0);
}

/* Chooses the planner: an explicit "offline", no LLM configured, or no model given with
 * the offline planner as default all mean the built-in planner. */
static int plan_from_prompt(struct llm_client *llm, const struct llm_store *store,
                            const struct pipeline_input *in, struct pipeline_output *out)
{
    if (!pipeline_uses_llm(llm, in)) {
        if (in->model && strcmp(in->model, PIPELINE_OFFLINE_MODEL) != 0)
            return -ENOENT;
        int r = planner_plan_reviewed(in->prompt, strlen(in->prompt), &out->spec, &out->notes,
                                      &out->review);
        if (out->notes) {
            out->planner = "offline";
            snprintf(out->model, sizeof(out->model), "%s", PIPELINE_OFFLINE_MODEL);
        }
        return r;
    }
    if (in->model && !llm_model_known(llm, in->model))
        return -ENOENT;
    out->planner = "llm";
    snprintf(out->model, sizeof(out->model), "%s", in->model ? in->model : "");
    return llm_plan_spec(llm, in->model, in->prompt, store, &out->spec, &out->review);
}

int pipeline_add_suite(const json_t *spec, struct gen_tree *tree)
{
    char *text = NULL, *path = strdup("verify/suite.json");
    size_t len = 0;
    int r = path ? suite_text(spec, &text, &len) : -ENOMEM;
    struct gen_file *files = r ? NULL : realloc(tree->files, (tree->n + 1) * sizeof(*files));
    if (!files) {
        free(text);
        free(path);
        return r ? r : -ENOMEM;
    }
    tree->files = files;
    size_t at = 0;
    while (at < tree->n && strcmp(files[at].path, path) < 0)
        at++;
    memmove(files + at + 1, files + at, (tree->n - at) * sizeof(*files));
    files[at] = (struct gen_file){.path = path, .data = text, .len = len, .mode = 0644};
    tree->n++;
    return 0;
}

int pipeline_run(const struct config *cfg, struct llm_client *llm, const struct llm_store *store,
                 const struct pipeline_input *in, const struct pipeline_progress *progress,
                 struct pipeline_output *out)
{
    int r;
    if (in->prompt) {
        stage(progress, "planning");
        r = plan_from_prompt(llm, store, in, out);
        /* Review runs inside planning; report it only when it did run. */
        if (r == 0 || out->review.errors.n)
            stage(progress, "reviewing");
    } else {
        stage(progress, "reviewing");
        out->planner = "spec";
        /* One size limit for every way a spec arrives, before review spends anything on
         * it: the CLI's file and the LLM's reply are held to REVIEW_MAX_SPEC_BYTES as
         * text; a document handed over as JSON (the API's, inside a 1 MiB body) by its
         * compact serialization. */
        size_t size = json_dumpb(in->spec, NULL, 0, JSON_COMPACT);
        if (size == 0 || size > REVIEW_MAX_SPEC_BYTES) {
            return problems_add(&out->review.errors, "$",
                                "the spec is %zu bytes; at most %d are allowed", size,
                                REVIEW_MAX_SPEC_BYTES) < 0
                       ? -ENOMEM
                       : -EINVAL;
        }
        r = review_spec(in->spec, &out->spec, &out->review);
    }
    if (r < 0)
        return r;

    stage(progress, "generating");
    char templates[1024];
    if ((r = find_templates(cfg, out->spec, templates, sizeof(templates), out)) < 0)
        return r;
    json_t *report = json_pack("{s:o, s:O?}", "warnings", problems_to_json(&out->review.warnings),
                               "notes", out->notes);
    if (!report)
        return -ENOMEM;
    struct gen_tree tree = {0};
    struct problems gen_err;
    problems_init(&gen_err, 16);
    r = codegen_render(out->spec, report, templates, &tree, &gen_err);
    json_decref(report);
    if (r == -EINVAL) {
        /* What review let through but codegen cannot render is a refusal too. */
        for (size_t i = 0; i < gen_err.n; i++)
            problems_add(&out->review.errors, gen_err.items[i].path, "%s",
                         gen_err.items[i].message);
    }
    problems_clear(&gen_err);
    if (r == 0)
        r = pipeline_add_suite(out->spec, &tree);
    if (r < 0) {
        gen_tree_clear(&tree);
        return r;
    }

    stage(progress, "packaging");
    char root[128];
    r = pipeline_zip_root(out->spec, root, sizeof(root));
    if (r == 0)
        r = bundle_zip(&tree, root, &out->zip, &out->zip_len);
    gen_tree_clear(&tree);
    if (r < 0)
        return r;
    bundle_sha256_hex(out->zip, out->zip_len, out->sha256);
    out->files = bundle_list(out->zip, out->zip_len);
    if (!out->files) {
        free(out->zip);
        out->zip = NULL;
        return -ENOMEM;
    }
    return 0;
}
