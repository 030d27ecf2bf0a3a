/* Patches from the auto-fix round (llm/fix.c): a model's reply of whole-file replacements,
 * {"files": [{"path", "content"}], "summary"}, checked against the version it repairs and
 * applied all or nothing into a new ZIP. The reply is untrusted: every path, size and byte
 * is checked here before anything is stored (tests/fuzz/fuzz-patch.c fuzzes it). */
#pragma once
#include "codegen/render.h"
#include "core/problems.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define PATCH_MAX_FILES         20           /* files one patch may replace or add */
#define PATCH_MAX_FILE_BYTES    (256 * 1024) /* one file's new content */
#define PATCH_MAX_TOTAL_BYTES   (1024 * 1024)
#define PATCH_MAX_PATH          200 /* bytes of one path */
#define PATCH_MAX_DEPTH         8   /* path components */
#define PATCH_MAX_SUMMARY       2000
#define PATCH_MAX_VERSION_FILES 4000

/* A stored version's files, read back from its ZIP. */
struct patch_version {
    struct gen_tree tree; /* owned; paths relative to the root folder */
    char root[160];       /* the ZIP's root folder, e.g. "todo-api/" */
};

/* Reads every entry of a stored ZIP (borrowed) into *out (patch_version_clear() it).
 * 0; -EINVAL for a corrupt archive or one with entries outside a single root folder;
 * -ELOOP when an entry is a link or anything but a regular file (a version with links is
 * never patched); -E2BIG past BUNDLE_MAX_ZIP or PATCH_MAX_VERSION_FILES; -ENOMEM. */
int patch_version_load(const unsigned char *zip, size_t len, struct patch_version *out);
void patch_version_clear(struct patch_version *v);

/* Whether a path is one a patch may name at all: relative, '/'-separated, components of
 * [A-Za-z0-9_.-] that are neither empty, "." nor "..", none hidden (leading '.'), at most
 * PATCH_MAX_PATH bytes and PATCH_MAX_DEPTH components. On false, *why (static) says why. */
bool patch_path_ok(const char *path, const char **why);

/* Whether the path is one the platform owns and no patch may change: backforge.json,
 * PROJECT_REPORT.md and everything under verify/ (the suite is the judge). */
bool patch_path_protected(const char *path);

/* Checks a reply document against the version. protect (may be NULL, NULL-terminated)
 * lists further paths that must not change (files shown to the model redacted). Every
 * problem found is added to errs with its JSON path ("$.files[2].path"). 0 when the patch
 * may be applied; -EINVAL with errs filled; -ENOMEM. */
int patch_check(const json_t *patch, const struct patch_version *v, const char *const *protect,
                struct problems *errs);

/* Applies a patch that patch_check accepted: the version's files with the patch's
 * replacing or joining them, packed under the same root. *zip_out is malloc'ed (caller
 * free()s); *changed_out (new reference) is [{"path", "change": "replaced" | "added",
 * "size"}]. 0, -EINVAL (the patch does not pass patch_check), or bundle_zip's errors. */
int patch_apply(const json_t *patch, const struct patch_version *v, unsigned char **zip_out,
                size_t *len_out, json_t **changed_out);
