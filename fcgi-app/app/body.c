/* Request bodies and query strings without FastCGI (see body.h): the size, type and
 * syntax gates every outside byte passes before a handler sees it. */
#include "body.h"

#include "core/jsonx.h"
#include "request.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct form_field {
    const char *key;
    const char *value;
};

struct form {
    struct form_field fields[BODY_MAX_FORM_FIELDS];
    size_t n;
};

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* The charset parameter, when present, must be utf-8: anything else would be misread. */
static int check_params(const char *p)
{
    while (*p) {
        p = skip_ws(p);
        if (*p != ';')
            return -EMEDIUMTYPE;
        p = skip_ws(p + 1);
        const char *name = p;
        while (*p && *p != '=' && *p != ';')
            p++;
        size_t name_len = (size_t)(p - name);
        while (name_len && (name[name_len - 1] == ' ' || name[name_len - 1] == '\t'))
            name_len--;
        const char *value = "";
        size_t value_len = 0;
        if (*p == '=') {
            value = skip_ws(p + 1);
            p = value;
            while (*p && *p != ';')
                p++;
            value_len = (size_t)(p - value);
            while (value_len && (value[value_len - 1] == ' ' || value[value_len - 1] == '\t'))
                value_len--;
            if (value_len >= 2 && value[0] == '"' && value[value_len - 1] == '"') {
                value++;
                value_len -= 2;
            }
        }
        if (name_len == 7 && strncasecmp(name, "charset", 7) == 0 &&
            !((value_len == 5 && strncasecmp(value, "utf-8", 5) == 0) ||
              (value_len == 4 && strncasecmp(value, "utf8", 4) == 0)))
            return -EMEDIUMTYPE;
    }
    return 0;
}

int body_check_type(const char *content_type, enum body_kind kind)
{
    const char *want =
        kind == BODY_JSON ? "application/json" : "application/x-www-form-urlencoded";
    if (!content_type)
        return -EMEDIUMTYPE;
    const char *p = skip_ws(content_type);
    size_t n = strlen(want);
    if (strncasecmp(p, want, n) != 0)
        return -EMEDIUMTYPE;
    p += n;
    if (*p && *p != ';' && *p != ' ' && *p != '\t')
        return -EMEDIUMTYPE;
    return check_params(p);
}

static int parse_length(const char *s, size_t *out)
{
    if (!*s)
        return -EINVAL;
    size_t v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return -EINVAL;
        if (v > (SIZE_MAX - 9) / 10)
            return -EMSGSIZE; /* larger than anything we would accept */
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return 0;
}

int body_read(const char *content_length, size_t max, body_read_fn read, void *cookie,
              struct arena *a, char **data, size_t *len)
{
    size_t declared = 0;
    bool known = content_length && *content_length;
    if (known) {
        int r = parse_length(content_length, &declared);
        if (r < 0)
            return r;
        if (declared > max)
            return -EMSGSIZE;
    }
    /* Even with a declared length, never read more than max + 1 bytes: a lying or absent
     * CONTENT_LENGTH must not let a body grow past the cap. */
    size_t want = known ? declared : max + 1;
    char *buf = arena_alloc(a, want + 1);
    if (!buf)
        return -ENOMEM;
    size_t got = 0;
    while (got < want) {
        long n = read(cookie, buf + got, want - got);
        if (n < 0)
            return (int)n;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    if (got > max)
        return -EMSGSIZE;
    if (known && got < declared)
        return -EINVAL;
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return 0;
}

static void set_err(struct body_error *err, int status, const char *code, const char *message)
{
    if (err) {
        err->status = status;
        err->code = code;
        err->message = message;
    }
}

static int read_checked(const char *content_type, enum body_kind kind, const char *content_length,
                        size_t max, body_read_fn read, void *cookie, struct arena *a, char **data,
                        size_t *len, struct body_error *err)
{
    int r = body_check_type(content_type, kind);
    if (r < 0) {
        set_err(err, 415, "unsupported_media_type",
                kind == BODY_JSON ? "The request body must be application/json."
                                  : "The request body must be "
                                    "application/x-www-form-urlencoded.");
        return r;
    }
    r = body_read(content_length, max, read, cookie, a, data, len);
    if (r == -EMSGSIZE)
        set_err(err, 413, "payload_too_large", "The request body is too large.");
    else if (r == -EINVAL)
        set_err(err, 400, "bad_request", "The request body length is not valid.");
    else if (r == -ENOMEM)
        set_err(err, 500, "internal", "Internal server error.");
    else if (r < 0)
        set_err(err, 400, "bad_request", "The request body could not be read.");
    return r;
}

int body_json(const char *content_type, const char *content_length, size_t max, body_read_fn read,
              void *cookie, struct arena *a, json_t **out, struct body_error *err)
{
    char *data;
    size_t len;
    *out = NULL;
    int r = read_checked(content_type, BODY_JSON, content_length, max, read, cookie, a, &data,
                         &len, err);
    if (r < 0)
        return r;
    char why[128];
    r = jsonx_parse(data, len, max, BODY_MAX_JSON_DEPTH, out, why, sizeof(why));
    if (r == -E2BIG) {
        set_err(err, 413, "payload_too_large", "The request body is too large.");
        return -EMSGSIZE;
    }
    if (r == -ELOOP) {
        set_err(err, 400, "malformed_json", "The request body is nested too deeply.");
        return r;
    }
    if (r == -ENOMEM) {
        set_err(err, 500, "internal", "Internal server error.");
        return r;
    }
    if (r < 0) {
        /* jsonx's sentence may quote jansson; the user gets ours. */
        set_err(err, 400, "malformed_json", "The request body is not valid JSON.");
        return -EBADMSG;
    }
    return 0;
}

int body_form(const char *content_type, const char *content_length, size_t max, body_read_fn read,
              void *cookie, struct arena *a, struct form **out, struct body_error *err)
{
    char *data;
    size_t len;
    *out = NULL;
    int r = read_checked(content_type, BODY_FORM, content_length, max, read, cookie, a, &data,
                         &len, err);
    if (r < 0)
        return r;
    r = form_parse(a, data, len, out);
    if (r == -ENOMEM)
        set_err(err, 500, "internal", "Internal server error.");
    else if (r == -E2BIG)
        set_err(err, 413, "payload_too_large", "The form has too many or too long fields.");
    else if (r < 0)
        set_err(err, 400, "bad_request", "The form body is not valid.");
    return r == -E2BIG ? -EMSGSIZE : r;
}

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

int body_percent_decode(struct arena *a, const char *s, size_t n, bool plus_is_space, char **out)
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
        if (key_len > BODY_MAX_FORM_KEY * 3)
            return -E2BIG;
        if (f->n == BODY_MAX_FORM_FIELDS)
            return -E2BIG;
        char *key, *value;
        int r = body_percent_decode(a, seg, key_len, true, &key);
        if (r < 0)
            return r;
        if (strlen(key) > BODY_MAX_FORM_KEY)
            return -E2BIG;
        if (eq)
            r = body_percent_decode(a, eq + 1, seg_len - key_len - 1, true, &value);
        else
            r = body_percent_decode(a, "", 0, true, &value);
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
