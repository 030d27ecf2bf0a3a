/* The stamped ZIP of a verified version (see stamp.h): the verification section is rendered
 * through ctemplate like every generated file, spliced into PROJECT_REPORT.md, and the tree
 * bundled again. */
#include "codegen/stamp.h"

#include "codegen/bundle.h"
#include "codegen/escape.h"
#include "codegen/render.h"
#include "codegen/template.h"
#include "core/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECTION_HEADING "## Verification\n"
#define TEMPLATE_PATH   "report/verification.md.tpl"

/* A dictionary being filled: the first error sticks and later calls do nothing. */
struct fill {
    int rc;
};

/* Sets key to the formatted text, Markdown-escaped when md. */
static void put(struct fill *f, struct tpl_dict *d, const char *key, bool md, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void put(struct fill *f, struct tpl_dict *d, const char *key, bool md, const char *fmt, ...)
{
    if (f->rc)
        return;
    if (!d) {
        f->rc = -ENOMEM;
        return;
    }
    struct buf raw, out;
    buf_init(&raw, CODEGEN_MAX_FILE);
    buf_init(&out, CODEGEN_MAX_FILE);
    va_list ap;
    va_start(ap, fmt);
    int rc = buf_vprintf(&raw, fmt, ap);
    va_end(ap);
    if (!rc && md)
        rc = cg_esc_md(&out, raw.data ? raw.data : "");
    if (!rc)
        rc = tpl_dict_set(d, key, md ? (out.data ? out.data : "") : (raw.data ? raw.data : ""));
    buf_clear(&raw);
    buf_clear(&out);
    f->rc = rc;
}

static void shown(struct fill *f, struct tpl_dict *d, const char *section, bool cond)
{
    if (!f->rc && cond)
        f->rc = tpl_dict_show_section(d, section);
}

static long long count(const json_t *summary, const char *key)
{
    return (long long)json_integer_value(json_object_get(summary, key));
}

static const char *str(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : "";
}

/* One row per test group, in the order the suite ran them. */
static void fill_areas(struct fill *f, struct tpl_dict *d, const json_t *tests)
{
    json_t *seen = json_object(); /* group -> [pass, fail, skip] */
    if (!seen) {
        f->rc = -ENOMEM;
        return;
    }
    const char *order[512];
    size_t n = 0, i;
    const json_t *t;
    json_array_foreach(tests, i, t)
    {
        const char *group = *str(t, "group") ? str(t, "group") : "other";
        json_t *c = json_object_get(seen, group);
        if (!c && n < sizeof(order) / sizeof(order[0])) {
            c = json_pack("[i, i, i]", 0, 0, 0);
            if (!c || json_object_set_new(seen, group, c) < 0) {
                f->rc = -ENOMEM;
                break;
            }
            order[n++] = json_object_iter_key(json_object_iter_at(seen, group));
        }
        const char *v = str(t, "verdict");
        size_t k = strcmp(v, "pass") == 0 ? 0 : strcmp(v, "skip") == 0 ? 2 : 1;
        if (c)
            json_array_set_new(c, k, json_integer(json_integer_value(json_array_get(c, k)) + 1));
    }
    shown(f, d, "HAS_AREAS", n > 0);
    for (size_t a = 0; a < n && !f->rc; a++) {
        const json_t *c = json_object_get(seen, order[a]);
        struct tpl_dict *row = tpl_dict_add_section(d, "AREAS");
        put(f, row, "AREA_MD", true, "%s", order[a]);
        put(f, row, "AREA_PASS", false, "%lld",
            (long long)json_integer_value(json_array_get(c, 0)));
        put(f, row, "AREA_FAIL", false, "%lld",
            (long long)json_integer_value(json_array_get(c, 1)));
        put(f, row, "AREA_SKIP", false, "%lld",
            (long long)json_integer_value(json_array_get(c, 2)));
    }
    json_decref(seen);
}

/* Why a test did not pass, in one line: its own reason, else the statuses. */
static void fill_failure(struct fill *f, struct tpl_dict *row, const json_t *t)
{
    put(f, row, "NAME_MD", true, "%s", str(t, "name"));
    if (*str(t, "reason")) {
        put(f, row, "WHY_MD", true, "%s", str(t, "reason"));
        return;
    }
    const json_t *want = json_object_get(json_object_get(t, "expected"), "status");
    const json_t *got = json_object_get(json_object_get(t, "actual"), "status");
    char *w = want ? json_dumps(want, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    char *g = got ? json_dumps(got, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    put(f, row, "WHY_MD", true, "%s (expected status %s, got %s)", str(t, "verdict"), w ? w : "?",
        g ? g : "none");
    free(w);
    free(g);
}

static void fill_failures(struct fill *f, struct tpl_dict *d, const json_t *tests)
{
    size_t listed = 0, more = 0, i;
    const json_t *t;
    json_array_foreach(tests, i, t)
    {
        const char *v = str(t, "verdict");
        if (strcmp(v, "fail") != 0 && strcmp(v, "error") != 0)
            continue;
        if (listed == STAMP_MAX_FAILURES) {
            more++;
            continue;
        }
        listed++;
        fill_failure(f, tpl_dict_add_section(d, "FAILURES"), t);
    }
    shown(f, d, "HAS_FAILURES", listed > 0);
    shown(f, d, "MORE_FAILURES", more > 0);
    put(f, d, "MORE", false, "%zu", more);
}

static void fill_section(struct fill *f, struct tpl_dict *d, const struct stamp_info *info,
                         const json_t *report)
{
    bool passed = strcmp(info->status, "passed") == 0;
    shown(f, d, "PASSED", passed);
    shown(f, d, "FAILED", !passed);
    put(f, d, "REASON_MD", true, "%s",
        *str(report, "reason") ? str(report, "reason") : "see below");
    put(f, d, "FINISHED_AT", true, "%s", info->finished_at);
    put(f, d, "VERSION", false, "%d", info->version);
    put(f, d, "ATTEMPT", false, "%d", info->attempt);
    put(f, d, "VERIFICATION_ID", false, "%lld", info->verification_id);
    put(f, d, "SOURCE_SHA256", true, "%s", info->source_sha256);
    const json_t *summary = json_object_get(report, "summary");
    put(f, d, "TOTAL", false, "%lld", count(summary, "total"));
    put(f, d, "PASS_COUNT", false, "%lld", count(summary, "passed"));
    put(f, d, "FAIL_COUNT", false, "%lld", count(summary, "failed"));
    put(f, d, "SKIP_COUNT", false, "%lld", count(summary, "skipped"));
    const json_t *pytest = json_object_get(report, "pytest");
    if (json_is_object(pytest))
        put(f, d, "PYTEST_MD", true, "%s%s%s", str(pytest, "status"),
            *str(pytest, "summary") ? ", " : "", str(pytest, "summary"));
    else
        put(f, d, "PYTEST_MD", true, "not run");
    const json_t *tests = json_object_get(report, "tests");
    fill_areas(f, d, tests);
    fill_failures(f, d, tests);
}

int stamp_section(const struct stamp_info *info, const json_t *report, const char *templates_dir,
                  char **md_out, size_t *len_out)
{
    if (!info || !info->status || !info->finished_at || !info->source_sha256 ||
        !json_is_object(report))
        return -EINVAL;
    char path[4096];
    if (snprintf(path, sizeof(path), "%s/%s", templates_dir, TEMPLATE_PATH) >= (int)sizeof(path))
        return -ENAMETOOLONG;
    char *text = NULL;
    size_t text_len = 0;
    int rc = codegen_read_file(path, CODEGEN_MAX_FILE, &text, &text_len);
    if (rc < 0)
        return rc;
    struct tpl_cache *cache = tpl_cache_new();
    struct tpl_dict *d = tpl_dict_new();
    struct fill f = {.rc = cache && d ? 0 : -ENOMEM};
    if (!f.rc)
        f.rc = tpl_cache_add(cache, TEMPLATE_PATH, text, text_len);
    fill_section(&f, d, info, report);
    if (!f.rc)
        f.rc = tpl_render(cache, TEMPLATE_PATH, d, CODEGEN_MAX_FILE, md_out, len_out);
    tpl_dict_free(d);
    tpl_cache_free(cache);
    free(text);
    return f.rc;
}

/* report with its verification section (from its heading to the end, or none) replaced by
 * section: a new malloc'ed text in *out. */
static int splice(const struct gen_file *report, const char *section, size_t section_len,
                  char **out, size_t *out_len)
{
    size_t keep = report->len;
    for (size_t i = 0; i + strlen(SECTION_HEADING) <= report->len; i++) {
        if ((i == 0 || report->data[i - 1] == '\n') &&
            memcmp(report->data + i, SECTION_HEADING, strlen(SECTION_HEADING)) == 0) {
            keep = i;
            break;
        }
    }
    bool gap = keep > 0 && report->data[keep - 1] != '\n';
    if (keep + section_len + 2 > CODEGEN_MAX_FILE)
        return -E2BIG;
    char *text = malloc(keep + section_len + 2);
    if (!text)
        return -ENOMEM;
    memcpy(text, report->data, keep);
    if (gap) /* a report whose section was missing and that ends without a newline */
        text[keep++] = '\n';
    memcpy(text + keep, section, section_len);
    text[keep + section_len] = '\0';
    *out = text;
    *out_len = keep + section_len;
    return 0;
}

int stamp_zip(const unsigned char *zip, size_t len, const struct stamp_info *info,
              const json_t *report, const char *templates_dir, unsigned char **zip_out,
              size_t *len_out)
{
    struct gen_tree tree;
    char *root = NULL, *section = NULL;
    size_t section_len = 0;
    int rc = bundle_unpack(zip, len, &tree, &root);
    if (rc < 0)
        return rc;
    struct gen_file *file = NULL;
    for (size_t i = 0; i < tree.n && !file; i++)
        if (strcmp(tree.files[i].path, STAMP_REPORT_PATH) == 0)
            file = &tree.files[i];
    if (!file)
        rc = -EINVAL;
    if (rc == 0)
        rc = stamp_section(info, report, templates_dir, &section, &section_len);
    char *text = NULL;
    size_t text_len = 0;
    if (rc == 0)
        rc = splice(file, section, section_len, &text, &text_len);
    if (rc == 0) {
        free(file->data);
        file->data = text;
        file->len = text_len;
        rc = bundle_zip(&tree, root, zip_out, len_out);
    }
    free(section);
    free(root);
    gen_tree_clear(&tree);
    return rc;
}
