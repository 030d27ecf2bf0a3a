/* ZIP packaging of a generated tree, and reading files back out of a stored ZIP.
 * ZIPs are reproducible: entries sorted, fixed timestamps and attributes, so the same
 * tree always gives the same bytes (and the same sha256). */
#pragma once
#include "codegen/render.h"

#include <jansson.h>
#include <stddef.h>

#define BUNDLE_MAX_ZIP (32 * 1024 * 1024)

/* Packs every file under the folder `root` (e.g. "todo-api/"). Returns 0 and a malloc'ed
 * *zip_out (caller free()s) of *len_out bytes; -E2BIG, -ENOMEM, -EIO. */
int bundle_zip(const struct gen_tree *t, const char *root, unsigned char **zip_out,
               size_t *len_out);
/* Lowercase hex sha256 of data into out (65 bytes with the NUL). */
void bundle_sha256_hex(const void *data, size_t len, char out[65]);
/* Extracts one file by its path relative to the root folder. 0 and a malloc'ed
 * *data_out (caller free()s), -ENOENT when absent, -EINVAL for a corrupt ZIP,
 * -E2BIG past max_len. */
int bundle_read_file(const unsigned char *zip, size_t len, const char *path, size_t max_len,
                     char **data_out, size_t *len_out);
/* Every file of a ZIP that bundle_zip made (one root folder, regular files) back into a
 * tree, in the ZIP's order: paths relative to the root, modes 0755 or 0644. *root_out
 * receives the root folder ("todo-api/", malloc'ed). 0 (caller gen_tree_clear()s the tree
 * and frees the root), -EINVAL for a corrupt ZIP or one of another shape, -E2BIG past
 * BUNDLE_MAX_ZIP in all (what bundle_zip packs: the pipeline's verify/suite.json of a large
 * spec is past the rendered files' own limit), -ENOMEM. */
int bundle_unpack(const unsigned char *zip, size_t len, struct gen_tree *out, char **root_out);
/* New reference: [{"path": "app/main.py", "size": 1234}, ...] relative to the root. */
json_t *bundle_list(const unsigned char *zip, size_t len);
