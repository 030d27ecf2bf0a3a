/* Operator configuration: `key = value` lines from /etc/backforge/backforge.conf (or the
 * file named by BACKFORGE_CONFIG), each overridable by the environment variable
 * BACKFORGE_<KEY IN UPPER CASE>. Modules read their own keys; this module knows none. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

struct config;

/* Loads `path` (NULL = $BACKFORGE_CONFIG, else BF_SYSCONFDIR "/backforge.conf"; a missing
 * default file is not an error, a missing named file is). On a syntax error returns
 * -EINVAL with "file:line: reason" in err. The caller frees *out with config_free(). */
int config_load(const char *path, struct config **out, char *err, size_t err_size);
struct config *config_free(struct config *c); /* accepts NULL, returns NULL */

/* Sets a value, replacing any (tests and command-line flags). 0 or -ENOMEM. */
int config_set(struct config *c, const char *key, const char *value);

/* Borrowed strings valid until config_free/config_set; environment beats the file. */
const char *config_get(const struct config *c, const char *key, const char *fallback);
/* Integer in [min, max]; a value that is not one, or out of range, gives the fallback. */
long config_get_long(const struct config *c, const char *key, long fallback, long min, long max);
bool config_get_bool(const struct config *c, const char *key, bool fallback);

/* Reads a secret: the value of `key` names a file (absolute, or relative to
 * $CREDENTIALS_DIRECTORY as systemd's LoadCredential sets it). The trailing newline is
 * stripped. Returns 0 and a malloc'ed *out (caller frees, and should wipe) with its length,
 * -ENOENT when the key is unset, or -errno from reading. */
int config_read_secret(const struct config *c, const char *key, char **out, size_t *len_out);
