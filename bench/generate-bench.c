/* bench/generate: spec → ZIP time (review + render + zip, the pipeline the API runs) for
 * the specs named on the command line, median and p90 over many runs on one thread.
 * Usage: bench/generate [--runs N] [--templates DIR] SPEC.json... */
#include "bench.h"
#include "core/jsonx.h"
#include "pipeline/pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bench_one(const struct config *cfg, const char *path, int runs)
{
    json_error_t jerr;
    json_t *spec = json_load_file(path, 0, &jerr);
    if (!spec) {
        fprintf(stderr, "%s: %s\n", path, jerr.text);
        return 1;
    }
    double *t = calloc((size_t)runs, sizeof(*t));
    size_t zip_len = 0, files = 0, entities = json_array_size(json_object_get(spec, "entities"));
    int rc = 0;
    for (int i = 0; t && i < runs && rc == 0; i++) {
        struct pipeline_input in = {.spec = spec};
        struct pipeline_output out;
        pipeline_output_init(&out);
        double start = bench_now_ms();
        rc = pipeline_run(cfg, NULL, NULL, &in, NULL, &out);
        t[i] = bench_now_ms() - start;
        zip_len = out.zip_len;
        files = json_array_size(out.files);
        pipeline_output_clear(&out);
    }
    if (rc == 0 && t) {
        bench_sort(t, (size_t)runs);
        printf("%-32s entities=%-3zu files=%-3zu zip=%7zu B  median=%7.2f ms  p90=%7.2f ms  "
               "min=%7.2f ms  (%d runs)\n",
               path, entities, files, zip_len, t[runs / 2], t[runs * 9 / 10], t[0], runs);
    } else {
        fprintf(stderr, "%s: generation failed: %s\n", path, strerror(-rc));
    }
    free(t);
    json_decref(spec);
    return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int runs = 200, status = 0;
    struct config *cfg;
    char err[256];
    if (config_load("/dev/null", &cfg, err, sizeof(err)) < 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]) > 0 ? atoi(argv[i]) : runs;
        else if (strcmp(argv[i], "--templates") == 0 && i + 1 < argc)
            config_set(cfg, "templates_dir", argv[++i]);
        else
            status |= bench_one(cfg, argv[i], runs);
    }
    config_free(cfg);
    return status;
}
