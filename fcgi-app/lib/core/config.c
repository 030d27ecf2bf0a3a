/* Configuration store: a small list of key/value pairs, looked up linearly (there are a
 * few dozen keys at most, read at start-up). */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_MAX_KEY    64
#define CONFIG_MAX_LINE   4096
#define CONFIG_MAX_SECRET (64 * 1024)

struct config_entry {
    char *key;
    char *value;
};

struct config {
    struct config_entry *entries;
    size_t n;
};

struct config *config_free(struct config *c)
{
    if (!c)
        return NULL;
    for (size_t i = 0; i < c->n; i++) {
        free(c->entries[i].key);
        free(c->entries[i].value);
    }
    free(c->entries);
    free(c);
    return NULL;
}

int config_set(struct config *c, const char *key, const char *value)
{
    char *v = strdup(value);
    if (!v)
        return -ENOMEM;
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->entries[i].key, key) == 0) {
            free(c->entries[i].value);
            c->entries[i].value = v;
            return 0;
        }
    }
    struct config_entry *e = realloc(c->entries, (c->n + 1) * sizeof(*e));
    if (!e) {
        free(v);
        return -ENOMEM;
    }
    c->entries = e;
    e[c->n].key = strdup(key);
    if (!e[c->n].key) {
        free(v);
        return -ENOMEM;
    }
    e[c->n].value = v;
    c->n++;
    return 0;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static int valid_key(const char *k)
{
    size_t n = strlen(k);
    if (n == 0 || n > CONFIG_MAX_KEY)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)k[i]) || isdigit((unsigned char)k[i]) || k[i] == '_'))
            return 0;
    return 1;
}

int config_load(const char *path, struct config **out, char *err, size_t err_size)
{
    *out = NULL;
    int explicit_path = path != NULL;
    if (!path) {
        path = getenv("BACKFORGE_CONFIG");
        explicit_path = path != NULL;
    }
    if (!path)
        path = BF_SYSCONFDIR "/backforge.conf";
    struct config *c = calloc(1, sizeof(*c));
    if (!c)
        return -ENOMEM;
    FILE *f = fopen(path, "re");
    if (!f) {
        int e = errno;
        if (e == ENOENT && !explicit_path) {
            *out = c;
            return 0;
        }
        snprintf(err, err_size, "%s: %s", path, strerror(e));
        config_free(c);
        return -e;
    }
    char line[CONFIG_MAX_LINE];
    int lineno = 0, r = 0;
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, err_size, "%s:%d: line too long", path, lineno);
            r = -EINVAL;
            break;
        }
        char *s = trim(line);
        if (*s == '\0' || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, err_size, "%s:%d: expected key = value", path, lineno);
            r = -EINVAL;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        size_t vl = strlen(value);
        if (vl >= 2 && value[0] == '"' && value[vl - 1] == '"') {
            value[vl - 1] = '\0';
            value++;
        }
        if (!valid_key(key)) {
            snprintf(err, err_size, "%s:%d: bad key (use lower_case letters, digits, _)", path,
                     lineno);
            r = -EINVAL;
            break;
        }
        r = config_set(c, key, value);
        if (r < 0)
            break;
    }
    fclose(f);
    if (r < 0) {
        config_free(c);
        return r;
    }
    *out = c;
    return 0;
}

const char *config_get(const struct config *c, const char *key, const char *fallback)
{
    char env[CONFIG_MAX_KEY + 16] = "BACKFORGE_";
    size_t n = strlen(env);
    for (size_t i = 0; key[i] && n + 1 < sizeof(env); i++)
        env[n++] = (char)toupper((unsigned char)key[i]);
    env[n] = '\0';
    const char *v = getenv(env);
    if (v)
        return v;
    for (size_t i = 0; c && i < c->n; i++)
        if (strcmp(c->entries[i].key, key) == 0)
            return c->entries[i].value;
    return fallback;
}

long config_get_long(const struct config *c, const char *key, long fallback, long min, long max)
{
    const char *v = config_get(c, key, NULL);
    if (!v || !*v)
        return fallback;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || *end || x < min || x > max)
        return fallback;
    return x;
}

bool config_get_bool(const struct config *c, const char *key, bool fallback)
{
    const char *v = config_get(c, key, NULL);
    if (!v)
        return fallback;
    if (!strcasecmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes") ||
        !strcasecmp(v, "on"))
        return true;
    if (!strcasecmp(v, "0") || !strcasecmp(v, "false") || !strcasecmp(v, "no") ||
        !strcasecmp(v, "off"))
        return false;
    return fallback;
}

int config_read_secret(const struct config *c, const char *key, char **out, size_t *len_out)
{
    *out = NULL;
    const char *name = config_get(c, key, NULL);
    if (!name || !*name)
        return -ENOENT;
    char path[PATH_MAX];
    const char *creds = getenv("CREDENTIALS_DIRECTORY");
    if (name[0] != '/' && creds)
        snprintf(path, sizeof(path), "%s/%s", creds, name);
    else
        snprintf(path, sizeof(path), "%s", name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    char *data = malloc(CONFIG_MAX_SECRET + 1);
    if (!data) {
        close(fd);
        return -ENOMEM;
    }
    size_t len = 0;
    for (;;) {
        ssize_t k = read(fd, data + len, CONFIG_MAX_SECRET - len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int e = errno;
            close(fd);
            free(data);
            return -e;
        }
        if (k == 0)
            break;
        len += (size_t)k;
        if (len == CONFIG_MAX_SECRET) {
            close(fd);
            free(data);
            return -EFBIG;
        }
    }
    close(fd);
    while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
        len--;
    data[len] = '\0';
    *out = data;
    if (len_out)
        *len_out = len;
    return 0;
}
