/* stamp.c: a verified version's ZIP carries its result in PROJECT_REPORT.md, and differs
 * from the version's ZIP in that file only; reproducible; hostile test names stay text;
 * ZIPs of another shape are refused. */
#include "codegen/bundle.h"
#include "codegen/render.h"
#include "codegen/stamp.h"
#include "spec/review.h"
#include "tap.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char SPEC[] =
    "{\"spec_version\": 1, \"name\": \"todo-api\", \"title\": \"Todo API\", \"auth\": "
    "{\"enabled\": false}, \"entities\": [{\"name\": \"Task\", \"fields\": [{\"name\": "
    "\"title\", \"type\": \"string\", \"required\": true, \"max_length\": 200}]}]}";

/* A failed report: 25 failing tests (one with a name that tries Markdown and HTML), one
 * passing, one skipped, and pytest. */
static json_t *failed_report(void)
{
    json_t *tests = json_array();
    json_array_append_new(tests, json_pack("{s:s, s:s, s:s}", "name", "GET /health", "group",
                                           "health", "verdict", "pass"));
    for (int i = 0; i < 25; i++)
        json_array_append_new(
            tests, json_pack("{s:s, s:s, s:s, s:{s:i}, s:{s:i}}", "name",
                             i == 0 ? "create | <script>alert(1)</script> *x*" : "a failing test",
                             "group", "Task", "verdict", i == 1 ? "error" : "fail", "expected",
                             "status", 201, "actual", "status", 500));
    json_array_append_new(
        tests, json_pack("{s:s, s:s, s:s}", "name", "later", "group", "Task", "verdict", "skip"));
    return json_pack("{s:{s:i, s:i, s:i, s:i}, s:o, s:{s:s, s:s}, s:s}", "summary", "total", 27,
                     "passed", 1, "failed", 25, "skipped", 1, "tests", tests, "pytest", "status",
                     "passed", "summary", "12 passed in 0.8s", "reason", "25 of 27 tests failed");
}

static const struct gen_file *find(const struct gen_tree *t, const char *path)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->files[i].path, path) == 0)
            return &t->files[i];
    return NULL;
}

/* Every file but PROJECT_REPORT.md is the same, byte for byte and mode for mode. */
static bool same_but_report(const struct gen_tree *a, const struct gen_tree *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++) {
        const struct gen_file *x = &a->files[i], *y = find(b, x->path);
        if (!y || x->mode != y->mode)
            return false;
        if (strcmp(x->path, STAMP_REPORT_PATH) != 0 &&
            (x->len != y->len || memcmp(x->data, y->data, x->len) != 0))
            return false;
    }
    return true;
}

static char *report_of(const unsigned char *zip, size_t len)
{
    char *md = NULL;
    size_t n = 0;
    return bundle_read_file(zip, len, STAMP_REPORT_PATH, 1 << 20, &md, &n) == 0 ? md : NULL;
}

int main(void)
{
    json_t *spec = NULL;
    struct review rv;
    review_init(&rv);
    is_int(review_spec_text(SPEC, strlen(SPEC), &spec, &rv), 0, "a spec");
    review_clear(&rv);
    json_t *meta = json_pack("{s:[], s:{}}", "warnings", "notes");
    struct gen_tree t;
    is_int(codegen_render(spec, meta, BF_TEMPLATES_SRC, &t, NULL), 0, "render a project");
    unsigned char *zip = NULL, *stamped = NULL, *again = NULL;
    size_t len = 0, stamped_len = 0, again_len = 0;
    is_int(bundle_zip(&t, "todo-api/", &zip, &len), 0, "its ZIP");
    char sha[65];
    bundle_sha256_hex(zip, len, sha);

    struct stamp_info info = {.status = "passed",
                              .version = 2,
                              .attempt = 2,
                              .verification_id = 41,
                              .finished_at = "2026-12-06 23:59 UTC",
                              .source_sha256 = sha};
    json_t *passed =
        json_pack("{s:{s:i, s:i, s:i, s:i}, s:[{s:s, s:s, s:s}], s:n, s:s}", "summary", "total", 1,
                  "passed", 1, "failed", 0, "skipped", 0, "tests", "name", "GET /health", "group",
                  "health", "verdict", "pass", "pytest", "reason", "");
    is_int(stamp_zip(zip, len, &info, passed, BF_TEMPLATES_SRC, &stamped, &stamped_len), 0,
           "stamp a passed verification");
    struct gen_tree a, b;
    char *root_a = NULL, *root_b = NULL;
    is_int(bundle_unpack(zip, len, &a, &root_a), 0, "unpack the version's ZIP");
    is_int(bundle_unpack(stamped, stamped_len, &b, &root_b), 0, "unpack the stamped ZIP");
    is_str(root_b, "todo-api/", "same root folder");
    ok(same_but_report(&a, &b), "only PROJECT_REPORT.md differs");
    char *before = report_of(zip, len), *after = report_of(stamped, stamped_len);
    char *cut = before ? strstr(before, "## Verification\n") : NULL;
    ok(cut && strstr(before, "Not yet verified"), "a new version says it is not verified yet");
    ok(cut && after && strncmp(before, after, (size_t)(cut - before)) == 0,
       "everything before the section is kept");
    ok(after && strstr(after, "**Verified.**") && !strstr(after, "Not yet verified"),
       "the section says verified");
    ok(after && strstr(after, sha) && strstr(after, "Version 2, attempt 2 (verification 41)"),
       "it names the version, attempt and the version ZIP's sha256");
    ok(after && strstr(after, "| health | 1 | 0 | 0 |"), "counts by area");
    ok(after && strstr(after, "pytest): not run"), "no pytest: said");
    ok(after && !strstr(after, "### Failed tests"), "no failures listed");
    is_int(stamp_zip(zip, len, &info, passed, BF_TEMPLATES_SRC, &again, &again_len), 0, "again");
    ok(again_len == stamped_len && memcmp(again, stamped, again_len) == 0, "reproducible");
    free(again);
    free(after);

    /* A failed one: reason, the first STAMP_MAX_FAILURES failures, the rest counted. */
    info.status = "failed";
    json_t *failed = failed_report();
    is_int(stamp_zip(zip, len, &info, failed, BF_TEMPLATES_SRC, &again, &again_len), 0,
           "stamp a failed verification");
    after = report_of(again, again_len);
    ok(after && strstr(after, "**Verification failed:** 25 of 27 tests failed"), "the reason");
    ok(after && strstr(after, "| Task | 0 | 25 | 1 |"), "counts by area, errors as failures");
    ok(after && strstr(after, "- and 5 more"), "failures past the list are counted");
    ok(after && strstr(after, "fail (expected status 201, got 500)"), "why, from the statuses");
    ok(after && strstr(after, "pytest): passed, 12 passed in 0.8s"), "pytest's line");
    ok(after && !strstr(after, "<script>") && strstr(after, "create \\| \\<script\\>"),
       "a hostile test name stays text");
    free(after);
    free(again);

    /* Stamping a stamped ZIP replaces the section: one section, the newest result. */
    info.status = "passed";
    is_int(stamp_zip(stamped, stamped_len, &info, passed, BF_TEMPLATES_SRC, &again, &again_len), 0,
           "stamp again");
    ok(again_len == stamped_len && memcmp(again, stamped, again_len) == 0,
       "a stamped ZIP stamped with the same result is the same");
    free(again);

    /* A file past the rendered files' limit (the suite of a large spec is) is carried. */
    struct gen_file big[2] = {a.files[0], {.path = "verify/suite.json", .len = 3u << 20}};
    for (size_t i = 0; i < a.n; i++)
        if (strcmp(a.files[i].path, STAMP_REPORT_PATH) == 0)
            big[0] = a.files[i];
    big[1].data = calloc(1, big[1].len);
    struct gen_tree big_tree = {.files = big, .n = 2};
    unsigned char *large = NULL;
    size_t large_len = 0;
    ok(big[1].data && bundle_zip(&big_tree, "big/", &large, &large_len) == 0, "a ZIP with 3 MB");
    is_int(stamp_zip(large, large_len, &info, passed, BF_TEMPLATES_SRC, &again, &again_len), 0,
           "stamps a ZIP with a 3 MB file");
    free(again);
    free(large);
    free(big[1].data);

    /* Shapes that are refused. */
    is_int(stamp_zip((const unsigned char *)"PK\x03\x04junk", 8, &info, passed, BF_TEMPLATES_SRC,
                     &again, &again_len),
           -EINVAL, "a corrupt ZIP");
    struct gen_tree no_report = {.files = a.files, .n = 1};
    unsigned char *small = NULL;
    size_t small_len = 0;
    ok(strcmp(a.files[0].path, STAMP_REPORT_PATH) != 0 &&
           bundle_zip(&no_report, "x/", &small, &small_len) == 0,
       "a ZIP without the report");
    is_int(stamp_zip(small, small_len, &info, passed, BF_TEMPLATES_SRC, &again, &again_len),
           -EINVAL, "is refused");
    free(small);
    is_int(stamp_zip(zip, len, &info, passed, "/nonexistent", &again, &again_len), -ENOENT,
           "a missing template");
    info.status = NULL;
    is_int(stamp_zip(zip, len, &info, passed, BF_TEMPLATES_SRC, &again, &again_len), -EINVAL,
           "no status");

    free(before);
    free(root_a);
    free(root_b);
    gen_tree_clear(&a);
    gen_tree_clear(&b);
    gen_tree_clear(&t);
    free(zip);
    free(stamped);
    json_decref(passed);
    json_decref(failed);
    json_decref(meta);
    json_decref(spec);
    return tap_done();
}
