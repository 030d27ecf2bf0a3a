/* Code generation: a normalized spec (see review.h) → the files of the generated project,
 * rendered from templates/<target>/ through ctemplate (template.cc is the only C++). */
#pragma once
#include "core/problems.h"

#include <jansson.h>
#include <stddef.h>

#define CODEGEN_MAX_FILE  (1024 * 1024)      /* one generated file */
#define CODEGEN_MAX_TOTAL (16 * 1024 * 1024) /* the whole tree */

struct gen_file {
    char *path; /* owned; relative, '/'-separated, e.g. "app/routers/tasks.py" */
    char *data; /* owned; not NUL-terminated necessarily, `len` bytes */
    size_t len;
    unsigned mode; /* 0644 or 0755 */
};

struct gen_tree {
    struct gen_file *files; /* owned; sorted by path (reproducible ZIPs) */
    size_t n;
};

/* Renders every file for spec["target"]. `report` (borrowed, may be NULL) carries what
 * the PROJECT_REPORT.md needs beyond the spec: {"warnings": [..], "notes": {..}}
 * (its verification section says "not yet verified": codegen/stamp.h writes the result
 * into a verified version's copy). templates_dir is the directory holding one folder per
 * target. Returns 0 and fills *out (caller gen_tree_clear()s), -ENOENT for a missing
 * template, -E2BIG over the size limits, -EINVAL with a problem in err for what cannot
 * be rendered. */
int codegen_render(const json_t *normalized_spec, const json_t *report, const char *templates_dir,
                   struct gen_tree *out, struct problems *err);
void gen_tree_clear(struct gen_tree *t);
/* A template file's text, at most max bytes: 0 and a malloc'ed, NUL-terminated *out
 * (caller free()s) of *len bytes; -errno from open/read, -E2BIG past max, -ENOMEM. */
int codegen_read_file(const char *path, size_t max, char **out, size_t *len);
/* Borrowed pointer to the file at `path`, or NULL. */
const struct gen_file *gen_tree_find(const struct gen_tree *t, const char *path);
