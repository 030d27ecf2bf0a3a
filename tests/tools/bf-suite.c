/* bf-suite: the verification suite from the command line, for the integration test and
 * bench/suite. `bf-suite derive SPEC.json` reviews the spec and prints its suite;
 * `bf-suite run SUITE.json (--unix SOCKET | --url URL) [--step-ms N] [--total-ms N]` runs it
 * and prints the report (exit 0 when every step passed, 1 when some did not). */
#include "core/jsonx.h"
#include "spec/review.h"
#include "verify/http_run.h"
#include "verify/suite.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SUITE_BYTES (64 * 1024 * 1024)

static char *slurp(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = malloc(max + 1);
    size_t n = data ? fread(data, 1, max + 1, f) : 0;
    fclose(f);
    if (!data || n > max) {
        free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

static int derive(const char *file)
{
    size_t len = 0;
    char *text = slurp(file, REVIEW_MAX_SPEC_BYTES, &len);
    if (!text) {
        fprintf(stderr, "bf-suite: cannot read %s\n", file);
        return 2;
    }
    struct review rv;
    review_init(&rv);
    json_t *spec = NULL;
    int rc = review_spec_text(text, len, &spec, &rv);
    free(text);
    for (size_t i = 0; rc && i < rv.errors.n; i++)
        fprintf(stderr, "%s: %s\n", rv.errors.items[i].path, rv.errors.items[i].message);
    review_clear(&rv);
    if (rc)
        return 1;
    char *out = NULL;
    rc = suite_text(spec, &out, &len);
    json_decref(spec);
    if (rc) {
        fprintf(stderr, "bf-suite: cannot derive the suite: %s\n", strerror(-rc));
        return 1;
    }
    fwrite(out, 1, len, stdout);
    free(out);
    return 0;
}

static int run(int argc, char **argv)
{
    struct suite_target t = {0};
    for (int i = 3; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--unix") == 0)
            t.unix_socket = argv[i + 1];
        else if (strcmp(argv[i], "--url") == 0)
            t.base_url = argv[i + 1];
        else if (strcmp(argv[i], "--step-ms") == 0)
            t.step_timeout_ms = atol(argv[i + 1]);
        else if (strcmp(argv[i], "--total-ms") == 0)
            t.total_timeout_ms = atol(argv[i + 1]);
        else
            return 2;
    }
    size_t len = 0;
    char *text = slurp(argv[2], MAX_SUITE_BYTES, &len);
    json_t *suite = NULL;
    char err[256] = "";
    if (!text || jsonx_parse(text, len, MAX_SUITE_BYTES, 64, &suite, err, sizeof(err)) < 0) {
        fprintf(stderr, "bf-suite: cannot read %s %s\n", argv[2], err);
        free(text);
        return 2;
    }
    free(text);
    if (suite_check(suite, err, sizeof(err)) < 0) {
        fprintf(stderr, "bf-suite: %s: %s\n", argv[2], err);
        json_decref(suite);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    json_t *report = NULL;
    int rc = suite_run(suite, &t, &report);
    json_decref(suite);
    if (rc) {
        fprintf(stderr, "bf-suite: run failed: %s\n", strerror(-rc));
        curl_global_cleanup();
        return 2;
    }
    json_dumpf(report, stdout, JSON_INDENT(1));
    putchar('\n');
    const json_t *s = json_object_get(report, "summary");
    int status = json_integer_value(json_object_get(s, "failed")) ||
                         json_integer_value(json_object_get(s, "skipped"))
                     ? 1
                     : 0;
    json_decref(report);
    curl_global_cleanup();
    return status;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "derive") == 0)
        return derive(argv[2]);
    if (argc >= 5 && strcmp(argv[1], "run") == 0)
        return run(argc, argv);
    fprintf(stderr, "usage: bf-suite derive SPEC.json\n"
                    "       bf-suite run SUITE.json (--unix SOCKET | --url URL) "
                    "[--step-ms N] [--total-ms N]\n");
    return 2;
}
