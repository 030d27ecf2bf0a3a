/* Where the programs find their data directories (templates/, sql/): the one place that
 * decides between the configuration, the source tree of a build and the installed copy,
 * so backforgectl, backforge-fcgi and the tests never disagree about it. */
#pragma once
#include <stddef.h>

struct config;

/* Resolves the directory `name` ("templates", "sql") into out (size bytes):
 *   1. the configuration key `key` (or its BACKFORGE_<KEY> variable) when set;
 *   2. for a program running from the build tree it was built in, the source tree it was
 *      built from (BF_SRCDIR/name), so a checkout works without `make install` and never
 *      reads an older installed copy;
 *   3. the installed copy, BF_DATADIR/name.
 * Returns 0 when the directory exists, -ENOENT or -ENOTDIR when it does not (out still
 * names the path looked for, to put in a message), -ENAMETOOLONG. */
int datadir_find(const struct config *cfg, const char *key, const char *name, char *out,
                 size_t size);

/* The second half of a message about a directory datadir_find did not find: how to point
 * the program at one ("point templates_dir in the configuration (or BACKFORGE_TEMPLATES_DIR)
 * at a templates/ directory ..."), written into buf; returns buf. */
const char *datadir_hint(const char *key, const char *name, char *buf, size_t size);
