/* Data directory lookup (datadir.h): configuration, else the source tree of a program run
 * from its build tree, else the installed pkgdatadir. */
#include "core/datadir.h"

#include "core/config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BF_SRCDIR
#define BF_SRCDIR ""
#endif
#ifndef BF_BUILDDIR
#define BF_BUILDDIR ""
#endif

/* True when the running program lies under the build tree it was compiled in. The
 * executable's own path decides, not the working directory or a guess from relative
 * paths: a copy installed anywhere else (even one whose source tree still exists) reads
 * the installed data, and a build never reads an older installed copy. */
static bool running_from_build_tree(void)
{
    char exe[PATH_MAX], build[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0 || BF_BUILDDIR[0] == '\0' || !realpath(BF_BUILDDIR, build))
        return false;
    exe[n] = '\0';
    size_t b = strlen(build);
    return strncmp(exe, build, b) == 0 && exe[b] == '/';
}

int datadir_find(const struct config *cfg, const char *key, const char *name, char *out,
                 size_t size)
{
    const char *given = config_get(cfg, key, NULL);
    int n;
    if (given && *given)
        n = snprintf(out, size, "%s", given);
    else if (BF_SRCDIR[0] && running_from_build_tree())
        n = snprintf(out, size, "%s/%s", BF_SRCDIR, name);
    else
        n = snprintf(out, size, "%s/%s", BF_DATADIR, name);
    if (n < 0 || (size_t)n >= size)
        return -ENAMETOOLONG;
    struct stat st;
    if (stat(out, &st) < 0)
        return -errno;
    return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

const char *datadir_hint(const char *key, const char *name, char *buf, size_t size)
{
    char env[80];
    size_t i = 0;
    for (; key[i] && i + 1 < sizeof(env); i++)
        env[i] = (char)(key[i] >= 'a' && key[i] <= 'z' ? key[i] - 32 : key[i]);
    env[i] = '\0';
    snprintf(buf, size,
             "point %s in the configuration (or BACKFORGE_%s) at a %s/ directory (a "
             "checkout has one), or install it with `make install`",
             key, env, name);
    return buf;
}
