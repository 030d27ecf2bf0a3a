/* The generation pipeline end to end for the torture run (run-torture.sh): a prompt
 * through the offline planner, and a spec document, each through review, render and ZIP.
 * Prints what came back; under allocation failure any error is a fine answer, and only a
 * crash, a sanitizer report or a leak is a finding. argv[1]: templates directory,
 * argv[2]: a spec JSON file. */
#include "pipeline/pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int run(const struct config *cfg, const struct pipeline_input *in, const char *what)
{
    struct pipeline_output out;
    pipeline_output_init(&out);
    int rc = pipeline_run(cfg, NULL, NULL, in, NULL, &out);
    printf("%s: %s, %zu bytes\n", what, rc < 0 ? strerror(-rc) : "ok", out.zip_len);
    pipeline_output_clear(&out);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: torture-pipeline TEMPLATES_DIR SPEC.json\n");
        return 2;
    }
    struct config *cfg = NULL;
    char err[256] = "";
    if (config_load(NULL, &cfg, err, sizeof(err)) < 0 ||
        config_set(cfg, "templates_dir", argv[1]) < 0) {
        fprintf(stderr, "config: %s\n", err);
        config_free(cfg);
        return 1;
    }
    json_error_t je;
    json_t *spec = json_load_file(argv[2], 0, &je);
    struct pipeline_input prompt = {
        .prompt = "A task tracker where users have projects and each project has tasks "
                  "with a title, a due date and a done flag.",
        .model = PIPELINE_OFFLINE_MODEL};
    int bad = run(cfg, &prompt, "prompt") < 0;
    if (spec) {
        struct pipeline_input given = {.spec = spec};
        bad |= run(cfg, &given, "spec") < 0;
    } else {
        printf("spec: not loaded (%s)\n", je.text);
        bad = 1;
    }
    json_decref(spec);
    config_free(cfg);
    return bad;
}
