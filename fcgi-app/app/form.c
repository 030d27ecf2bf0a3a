/* application/x-www-form-urlencoded text (see form.h): percent-decoding and k=v&k2=v2 lists,
 * for form bodies, query strings and path segments. */
#include "form.h"

#include <errno.h>
#include <string.h>

struct form_field {
    const char *key;
    const char *value;
};

struct form {
    struct form_field fields[FORM_MAX_FIELDS];
    size_t n;
};

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int form_percent_decode(struct arena *a, const char *s, size_t n, bool plus_is_space, char **out)
{
    char *d = arena_alloc(a, n + 1);
    if (!d)
        return -ENOMEM;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return -EINVAL;
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0')
            return -EINVAL;
        d[j++] = c;
    }
    d[j] = '\0';
    *out = d;
    return 0;
}

int form_parse(struct arena *a, const char *data, size_t len, struct form **out)
{
    *out = NULL;
    struct form *f = arena_alloc(a, sizeof(*f));
    if (!f)
        return -ENOMEM;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && data[i] != '&')
            i++;
        size_t seg_len = i - start;
        i++; /* past '&' (or the end) */
        if (seg_len == 0)
            continue;
        const char *seg = data + start;
        const char *eq = memchr(seg, '=', seg_len);
        size_t key_len = eq ? (size_t)(eq - seg) : seg_len;
        if (key_len > FORM_MAX_KEY * 3)
            return -E2BIG;
        if (f->n == FORM_MAX_FIELDS)
            return -E2BIG;
        char *key, *value;
        int r = form_percent_decode(a, seg, key_len, true, &key);
        if (r < 0)
            return r;
        if (strlen(key) > FORM_MAX_KEY)
            return -E2BIG;
        if (eq)
            r = form_percent_decode(a, eq + 1, seg_len - key_len - 1, true, &value);
        else
            r = form_percent_decode(a, "", 0, true, &value);
        if (r < 0)
            return r;
        f->fields[f->n].key = key;
        f->fields[f->n].value = value;
        f->n++;
    }
    *out = f;
    return 0;
}

const char *form_get(const struct form *f, const char *key)
{
    if (!f || !key)
        return NULL;
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].key, key) == 0)
            return f->fields[i].value;
    return NULL;
}

size_t form_count(const struct form *f)
{
    return f ? f->n : 0;
}
