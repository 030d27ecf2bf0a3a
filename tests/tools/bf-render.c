/* bf-render: spec file → review → codegen → ZIP (or an unpacked tree), for the golden and
 * integration tests of code generation.
 *   bf-render [--templates DIR] [--tree OUTDIR | --zip OUT.zip] SPEC.json */
#include "codegen/bundle.h"
#include "codegen/render.h"
#include "spec/review.h"
#include "pipeline/pipeline.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = malloc(REVIEW_MAX_SPEC_BYTES + 1);
    size_t n = data ? fread(data, 1, REVIEW_MAX_SPEC_BYTES + 1, f) : 0;
    fclose(f);
    if (!data || n > REVIEW_MAX_SPEC_BYTES) {
        free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

static int mkdirs(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
            return -errno;
        *p = '/';
    }
    return 0;
}

static int write_tree(const struct gen_tree *t, const char *dir)
{
    for (size_t i = 0; i < t->n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, t->files[i].path);
        if (mkdirs(path) < 0)
            return -1;
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(t->files[i].data, 1, t->files[i].len, f) != t->files[i].len) {
            if (f)
                fclose(f);
            return -1;
        }
        fclose(f);
        chmod(path, t->files[i].mode);
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *templates = getenv("BF_TEMPLATES_DIR"), *tree = NULL, *zip = NULL;
    static const struct option opts[] = {{"templates", required_argument, NULL, 't'},
                                         {"tree", required_argument, NULL, 'd'},
                                         {"zip", required_argument, NULL, 'z'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 't')
            templates = optarg;
        else if (c == 'd')
            tree = optarg;
        else if (c == 'z')
            zip = optarg;
        else
            return 2;
    }
    if (optind + 1 != argc || !templates || (!tree && !zip)) {
        fprintf(stderr, "usage: bf-render --templates DIR (--tree DIR | --zip FILE) SPEC\n");
        return 2;
    }
    size_t len = 0;
    char *text = slurp(argv[optind], &len);
    if (!text) {
        fprintf(stderr, "bf-render: cannot read %s\n", argv[optind]);
        return 1;
    }
    struct review rv;
    review_init(&rv);
    json_t *spec = NULL;
    int rc = review_spec_text(text, len, &spec, &rv);
    free(text);
    if (rc) {
        for (size_t i = 0; i < rv.errors.n; i++)
            fprintf(stderr, "%s: %s\n", rv.errors.items[i].path, rv.errors.items[i].message);
        review_clear(&rv);
        return 1;
    }
    json_t *report = json_pack("{s:o, s:{}}", "warnings", problems_to_json(&rv.warnings), "notes");
    struct problems err;
    problems_init(&err, 20);
    struct gen_tree t;
    rc = codegen_render(spec, report, templates, &t, &err);
    if (rc == 0)
        rc = pipeline_add_suite(spec, &t); /* as the pipeline ships it */
    if (rc) {
        fprintf(stderr, "bf-render: codegen failed: %s\n", strerror(-rc));
        for (size_t i = 0; i < err.n; i++)
            fprintf(stderr, "%s: %s\n", err.items[i].path, err.items[i].message);
    } else if (tree) {
        rc = write_tree(&t, tree);
    } else {
        unsigned char *bytes = NULL;
        size_t n = 0;
        char root[128], sha[65];
        snprintf(root, sizeof(root), "%s/", json_string_value(json_object_get(spec, "name")));
        rc = bundle_zip(&t, root, &bytes, &n);
        FILE *f = rc ? NULL : fopen(zip, "wb");
        if (!f || fwrite(bytes, 1, n, f) != n)
            rc = -EIO;
        if (f)
            fclose(f);
        if (rc == 0) {
            bundle_sha256_hex(bytes, n, sha);
            printf("%s %zu\n", sha, n);
        }
        free(bytes);
    }
    gen_tree_clear(&t);
    problems_clear(&err);
    json_decref(report);
    json_decref(spec);
    review_clear(&rv);
    return rc ? 1 : 0;
}
