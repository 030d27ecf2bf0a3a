/* bench/generate: spec → ZIP time (review + render + zip, the pipeline the API runs) for
 * the specs named on the command line, median and p90 over many runs on one thread; and
 * the time to stamp that ZIP with a verification of 244 tests (codegen/stamp.h, what the
 * runner does once per verification).
 * Usage: bench/generate [--runs N] [--templates DIR] SPEC.json... */
#include "bench.h"
#include "codegen/stamp.h"
#include "core/jsonx.h"
#include "pipeline/pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A passed report of n tests in a few groups, the shape the runner stamps. */
static json_t *passed_report(int n)
{
    static const char *const groups[] = {"health", "auth", "Project", "Task", "access", "probes"};
    json_t *tests = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(tests, json_pack("{s:s, s:s, s:s}", "name", "a test", "group",
                                               groups[i % 6], "verdict", "pass"));
    return json_pack("{s:{s:i, s:i, s:i, s:i}, s:o, s:{s:s, s:s}, s:s}", "summary", "total", n,
                     "passed", n, "failed", 0, "skipped", 0, "tests", tests, "pytest", "status",
                     "passed", "summary", "210 passed in 2.1s", "reason", "");
}

/* Median ms of stamping zip with report, over runs. */
static double stamp_median(const struct config *cfg, const unsigned char *zip, size_t len,
                           const json_t *report, int runs)
{
    const struct stamp_info info = {.status = "passed",
                                    .version = 1,
                                    .attempt = 1,
                                    .verification_id = 1,
                                    .finished_at = "2026-12-07 00:00 UTC",
                                    .source_sha256 = "0"};
    const char *templates = config_get(cfg, "templates_dir", "templates");
    double *t = calloc((size_t)runs, sizeof(*t)), median = -1;
    for (int i = 0; t && i < runs; i++) {
        unsigned char *out = NULL;
        size_t out_len = 0;
        double start = bench_now_ms();
        int rc = stamp_zip(zip, len, &info, report, templates, &out, &out_len);
        t[i] = bench_now_ms() - start;
        free(out);
        if (rc < 0) {
            fprintf(stderr, "stamping failed: %s\n", strerror(-rc));
            goto out;
        }
    }
    bench_sort(t, (size_t)runs);
    median = t[runs / 2];
out:
    free(t);
    return median;
}

static int bench_one(const struct config *cfg, const char *path, int runs)
{
    json_error_t jerr;
    json_t *spec = json_load_file(path, 0, &jerr);
    if (!spec) {
        fprintf(stderr, "%s: %s\n", path, jerr.text);
        return 1;
    }
    double *t = calloc((size_t)runs, sizeof(*t)), stamp_ms = -1;
    size_t zip_len = 0, files = 0, entities = json_array_size(json_object_get(spec, "entities"));
    json_t *report = passed_report(244);
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
        if (rc == 0 && i == runs - 1)
            stamp_ms = stamp_median(cfg, out.zip, out.zip_len, report, runs);
        pipeline_output_clear(&out);
    }
    if (rc == 0 && t) {
        bench_sort(t, (size_t)runs);
        printf("%-32s entities=%-3zu files=%-3zu zip=%7zu B  median=%7.2f ms  p90=%7.2f ms  "
               "min=%7.2f ms  (%d runs)\n",
               path, entities, files, zip_len, t[runs / 2], t[runs * 9 / 10], t[0], runs);
        printf("%-32s stamp with a 244-test verification: median=%7.2f ms\n", path, stamp_ms);
    } else {
        fprintf(stderr, "%s: generation failed: %s\n", path, strerror(-rc));
    }
    free(t);
    json_decref(report);
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
