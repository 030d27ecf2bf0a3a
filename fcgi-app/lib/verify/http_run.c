/* Suite interpreter (http_run.h): each step's placeholders are filled from earlier captures,
 * the request goes out with libcurl, and the answer is checked and captured from. The
 * runner calls it against the sandboxed app's unix socket; verify/verify.py is the same
 * interpreter in Python for the user's own deployment, so the two must read steps alike. */
#include "verify/http_run.h"

#include "core/buf.h"
#include "core/jsonx.h"
#include "verify/suite.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define MAX_NAME         512
#define MAX_PATH         8192
#define MAX_HEADERS      32
#define MAX_REQ_BODY     (1024 * 1024)
#define MAX_VAR_NAME     128
#define MAX_PROBLEMS     16
#define RESPONSE_DEPTH   64
#define FORGED_TOKEN_TTL 3600

/* ---- suite_check ------------------------------------------------------------------------- */

static int bad(char *err, size_t size, const char *what, size_t step)
{
    if (err && size)
        snprintf(err, size, "steps[%zu]: %s", step, what);
    return -EINVAL;
}

static bool strings_only(const json_t *obj, size_t max)
{
    if (!json_is_object(obj) || json_object_size(obj) > max)
        return false;
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)obj, k, v)
    {
        if (!json_is_string(v))
            return false;
    }
    return true;
}

static bool status_valid(const json_t *s)
{
    if (json_is_integer(s))
        return json_integer_value(s) >= 100 && json_integer_value(s) <= 599;
    if (json_is_string(s)) {
        const char *c = json_string_value(s);
        return strlen(c) == 3 && c[0] >= '1' && c[0] <= '5' && strcmp(c + 1, "xx") == 0;
    }
    if (!json_is_array(s) || json_array_size(s) == 0 || json_array_size(s) > 16)
        return false;
    size_t i;
    const json_t *v;
    json_array_foreach(s, i, v)
    {
        if (!json_is_integer(v) || json_integer_value(v) < 100 || json_integer_value(v) > 599)
            return false;
    }
    return true;
}

int suite_check(const json_t *suite, char *err, size_t err_size)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
    const json_t *steps = json_object_get(suite, "steps");
    if (!json_is_object(suite) ||
        json_integer_value(json_object_get(suite, "suite_version")) != SUITE_VERSION) {
        snprintf(err, err_size, "not a suite of version %d", SUITE_VERSION);
        return -EINVAL;
    }
    if (!json_is_array(steps) || json_array_size(steps) > SUITE_MAX_STEPS) {
        snprintf(err, err_size, "steps: an array of at most %d steps", SUITE_MAX_STEPS);
        return -EINVAL;
    }
    size_t i;
    const json_t *s;
    json_array_foreach(steps, i, s)
    {
        const json_t *r = json_object_get(s, "request"), *e = json_object_get(s, "expect");
        const char *name = jsonx_str(s, "name"), *method = jsonx_str(r, "method");
        const char *path = jsonx_str(r, "path");
        if (!name || strlen(name) > MAX_NAME || !jsonx_str(s, "group"))
            return bad(err, err_size, "needs a name (at most 512 bytes) and a group", i);
        bool known = false;
        for (size_t m = 0; method && m < sizeof(methods) / sizeof(methods[0]); m++)
            known |= strcmp(method, methods[m]) == 0;
        if (!known)
            return bad(err, err_size, "request.method: not an HTTP method the suite uses", i);
        if (!path || path[0] != '/' || strlen(path) > MAX_PATH)
            return bad(err, err_size, "request.path: starts with / (at most 8 KiB)", i);
        const json_t *h = json_object_get(r, "headers");
        if (h && !strings_only(h, MAX_HEADERS))
            return bad(err, err_size, "request.headers: an object of strings", i);
        int bodies = !!json_object_get(r, "json") + !!json_object_get(r, "form") +
                     !!json_object_get(r, "raw_body");
        const json_t *form = json_object_get(r, "form"), *raw = json_object_get(r, "raw_body");
        if (bodies > 1 || (form && !strings_only(form, 256)) ||
            (raw && (!json_is_string(raw) || json_string_length(raw) > MAX_REQ_BODY)))
            return bad(err, err_size, "request: one body at most (json, form or raw_body)", i);
        const json_t *auth = json_object_get(r, "auth"),
                     *forged = json_object_get(r, "bearer_forged");
        if ((auth && !json_is_string(auth)) ||
            (forged && (!strings_only(forged, 2) || !jsonx_str(forged, "secret") ||
                        !jsonx_str(forged, "sub"))))
            return bad(err, err_size, "request.auth / bearer_forged: malformed", i);
        if (!json_is_object(e) || !status_valid(json_object_get(e, "status")))
            return bad(err, err_size, "expect.status: a status, a list of them, or \"4xx\"", i);
        static const char *const objects[] = {"json", "json_not", "list_contains", "list_absent"};
        for (size_t k = 0; k < sizeof(objects) / sizeof(objects[0]); k++) {
            const json_t *v = json_object_get(e, objects[k]);
            if (v && !json_is_object(v))
                return bad(err, err_size, "expect: json, json_not and list checks are objects", i);
        }
        const json_t *max = json_object_get(e, "list_max");
        if (max && (!json_is_integer(max) || json_integer_value(max) < 0))
            return bad(err, err_size, "expect.list_max: a count", i);
        const json_t *cap = json_object_get(s, "capture");
        if (cap && !strings_only(cap, 16))
            return bad(err, err_size, "capture: an object of variable -> JSON path", i);
    }
    return 0;
}

/* ---- placeholders ------------------------------------------------------------------------- */

struct ctx {
    json_t *vars;     /* captured values, plus "run" */
    json_t *producer; /* variable -> name of the step that captures it */
    char missing[MAX_VAR_NAME];
};

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The variable named by s[0..n), or NULL (recording it as missing). */
static const json_t *var_get(struct ctx *c, const char *s, size_t n)
{
    char name[MAX_VAR_NAME];
    if (n >= sizeof(name))
        n = sizeof(name) - 1;
    memcpy(name, s, n);
    name[n] = '\0';
    const json_t *v = json_object_get(c->vars, name);
    if (!v && !c->missing[0])
        snprintf(c->missing, sizeof(c->missing), "%s", name);
    return v;
}

static int var_text(struct buf *out, const json_t *v)
{
    if (json_is_string(v))
        return buf_append(out, json_string_value(v), json_string_length(v));
    char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    int rc = t ? buf_puts(out, t) : -ENOMEM;
    free(t);
    return rc;
}

/* Length of a placeholder "${name}" at s (0 when there is none). */
static size_t placeholder(const char *s, size_t len)
{
    if (len < 4 || s[0] != '$' || s[1] != '{')
        return 0;
    size_t i = 2;
    while (i < len && name_char(s[i]))
        i++;
    return i > 2 && i < len && s[i] == '}' ? i + 1 : 0;
}

/* Text with every ${name} replaced by the variable's text; -ENOENT when one is missing. */
static int subst_text(struct ctx *c, const char *s, size_t len, struct buf *out)
{
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        size_t n = placeholder(s + i, len - i);
        if (n) {
            const json_t *v = var_get(c, s + i + 2, n - 3);
            rc = v ? var_text(out, v) : -ENOENT;
            i += n;
        } else {
            rc = buf_append(out, s + i, 1);
            i++;
        }
    }
    return rc;
}

/* A deep copy of v with placeholders filled: a string that is exactly "${name}" becomes the
 * captured value itself. New reference, or NULL (rc set: -ENOENT for a missing variable). */
static json_t *subst_json(struct ctx *c, const json_t *v, int *rc)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t len = json_string_length(v);
        if (len && placeholder(s, len) == len) {
            const json_t *val = var_get(c, s + 2, len - 3);
            if (!val)
                *rc = -ENOENT;
            return val ? json_deep_copy(val) : NULL;
        }
        struct buf b;
        buf_init(&b, MAX_REQ_BODY);
        int r = subst_text(c, s, len, &b);
        json_t *out = r == 0 ? json_stringn(b.data ? b.data : "", b.len) : NULL;
        buf_clear(&b);
        if (r)
            *rc = r;
        else if (!out)
            *rc = -ENOMEM;
        return out;
    }
    if (json_is_object(v)) {
        json_t *out = json_object();
        const char *k;
        const json_t *item;
        json_object_foreach((json_t *)v, k, item)
        {
            json_t *x = out ? subst_json(c, item, rc) : NULL;
            if (!x || json_object_set_new(out, k, x) < 0) {
                json_decref(out);
                if (!*rc)
                    *rc = -ENOMEM;
                return NULL;
            }
        }
        return out;
    }
    if (json_is_array(v)) {
        json_t *out = json_array();
        size_t i;
        const json_t *item;
        json_array_foreach(v, i, item)
        {
            json_t *x = out ? subst_json(c, item, rc) : NULL;
            if (!x || json_array_append_new(out, x) < 0) {
                json_decref(out);
                if (!*rc)
                    *rc = -ENOMEM;
                return NULL;
            }
        }
        return out;
    }
    return json_deep_copy(v);
}

/* A raw JSON body: "${name}" (quoted) becomes the value's JSON, other ${name} its text. */
static int subst_raw(struct ctx *c, const char *s, size_t len, struct buf *out)
{
    struct buf pass;
    buf_init(&pass, MAX_REQ_BODY);
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        size_t n = s[i] == '"' ? placeholder(s + i + 1, len - i - 1) : 0;
        if (n && i + 1 + n < len && s[i + 1 + n] == '"') {
            const json_t *v = var_get(c, s + i + 3, n - 3);
            char *t = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
            rc = !v ? -ENOENT : t ? buf_puts(&pass, t) : -ENOMEM;
            free(t);
            i += n + 2;
        } else {
            rc = buf_append(&pass, s + i, 1);
            i++;
        }
    }
    if (rc == 0)
        rc = subst_text(c, pass.data ? pass.data : "", pass.len, out);
    buf_clear(&pass);
    return rc;
}

/* ---- checks ----------------------------------------------------------------------------- */

static const json_t *at_path(const json_t *doc, const char *path)
{
    const json_t *cur = doc;
    const char *p = path;
    while (cur && *p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        char seg[MAX_VAR_NAME];
        if (n >= sizeof(seg))
            return NULL;
        memcpy(seg, p, n);
        seg[n] = '\0';
        if (json_is_array(cur)) {
            char *end;
            unsigned long idx = strtoul(seg, &end, 10);
            cur = *seg && !*end ? json_array_get(cur, idx) : NULL;
        } else {
            cur = json_object_get(cur, seg);
        }
        p += n + (dot ? 1 : 0);
    }
    return cur;
}

static bool close_enough(double a, double b)
{
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= 1e-6 * scale;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Seconds since 1970 of an ISO-8601 date-time ("2024-03-10T10:20:30[.123][Z|+01:00]", a
 * naive one read as UTC). False when s is no date-time. */
static bool iso_instant(const char *s, double *out)
{
    size_t len = strlen(s);
    if (len < 19 || len > 40 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':' || s[16] != ':')
        return false;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2), h = digits(s + 11, 2),
        mi = digits(s + 14, 2), se = digits(s + 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || mi < 0 || se < 0)
        return false;
    const char *p = s + 19;
    double frac = 0, scale = 0.1;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
            frac += (*p - '0') * scale;
    }
    long off = 0;
    if (*p == 'Z' && !p[1]) {
        p++;
    } else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
        int oh = digits(p + 1, 2), om = digits(p + 4, 2);
        if (oh < 0 || om < 0)
            return false;
        off = (*p == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
        p += 6;
    }
    if (*p)
        return false;
    /* days from civil (Howard Hinnant) */
    int yy = y - (mo <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097 + doe - 719468;
    *out = (double)days * 86400.0 + h * 3600.0 + mi * 60.0 + se + frac - (double)off;
    return true;
}

static bool number_text(const char *s, double *out)
{
    char *end;
    if (!*s)
        return false;
    *out = strtod(s, &end);
    return !*end && isfinite(*out);
}

/* Whether an answer's value matches the expected one: numbers within a tolerance (also a
 * decimal sent back as text), date-times as instants, containers element by element. */
static bool same(const json_t *want, const json_t *got)
{
    if (!got)
        return false;
    double a, b;
    if (json_is_number(want)) {
        if (json_is_number(got))
            return close_enough(json_number_value(want), json_number_value(got));
        return json_is_string(got) && number_text(json_string_value(got), &b) &&
               close_enough(json_number_value(want), b);
    }
    if (json_is_string(want) && json_is_string(got)) {
        if (strcmp(json_string_value(want), json_string_value(got)) == 0)
            return true;
        return iso_instant(json_string_value(want), &a) &&
               iso_instant(json_string_value(got), &b) && fabs(a - b) < 1e-3;
    }
    if (json_is_object(want)) {
        if (!json_is_object(got) || json_object_size(want) != json_object_size(got))
            return false;
        const char *k;
        const json_t *v;
        json_object_foreach((json_t *)want, k, v)
        {
            if (!same(v, json_object_get(got, k)))
                return false;
        }
        return true;
    }
    if (json_is_array(want)) {
        if (!json_is_array(got) || json_array_size(want) != json_array_size(got))
            return false;
        size_t i;
        const json_t *v;
        json_array_foreach(want, i, v)
        {
            if (!same(v, json_array_get(got, i)))
                return false;
        }
        return true;
    }
    return json_equal(want, got);
}

static bool matches(const json_t *pattern, const json_t *item)
{
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)pattern, k, v)
    {
        if (!same(v, json_object_get(item, k)))
            return false;
    }
    return true;
}

static bool status_matches(const json_t *want, long got)
{
    if (json_is_integer(want))
        return json_integer_value(want) == got;
    if (json_is_string(want))
        return got / 100 == json_string_value(want)[0] - '0';
    size_t i;
    const json_t *v;
    json_array_foreach(want, i, v)
    {
        if (json_integer_value(v) == got)
            return true;
    }
    return false;
}

static void problem(json_t *problems, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(json_t *problems, const char *fmt, ...)
{
    if (json_array_size(problems) >= MAX_PROBLEMS)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    json_array_append_new(problems, json_string(msg));
}

static char *short_json(const json_t *v)
{
    char *t = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : strdup("(absent)");
    if (t && strlen(t) > 200)
        strcpy(t + 197, "...");
    return t;
}

/* Fills problems with what in the answer does not match the (filled) expectation. */
static void check(const json_t *expect, long status, const json_t *doc, bool answered,
                  json_t *problems)
{
    const json_t *want = json_object_get(expect, "status");
    if (!status_matches(want, status)) {
        char *w = short_json(want);
        problem(problems, "status %ld, expected %s", status, w ? w : "?");
        free(w);
    }
    if (status >= 500)
        problem(problems, "a 5xx answer: the server failed");
    if (!status_matches(want, status) || !answered)
        return; /* body checks describe the expected answer, not another */
    const char *path;
    const json_t *v;
    json_object_foreach(json_object_get(expect, "json"), path, v)
    {
        const json_t *got = doc ? at_path(doc, path) : NULL;
        if (!same(v, got)) {
            char *w = short_json(v), *g = short_json(got);
            problem(problems, "%s: %s, expected %s", *path ? path : "body", g ? g : "?",
                    w ? w : "?");
            free(w);
            free(g);
        }
    }
    json_object_foreach(json_object_get(expect, "json_not"), path, v)
    {
        const json_t *got = doc ? at_path(doc, path) : NULL;
        if (got && same(v, got)) {
            char *w = short_json(v);
            problem(problems, "%s: the server kept the client's value %s", path, w ? w : "?");
            free(w);
        }
    }
    const json_t *contains = json_object_get(expect, "list_contains");
    const json_t *absent = json_object_get(expect, "list_absent");
    const json_t *max = json_object_get(expect, "list_max");
    if ((contains || absent || max) && !json_is_array(doc)) {
        problem(problems, "the answer is not a list");
        return;
    }
    bool found = false;
    size_t i;
    const json_t *item;
    json_array_foreach(doc, i, item)
    {
        if (contains && matches(contains, item))
            found = true;
        if (absent && matches(absent, item)) {
            char *w = short_json(absent);
            problem(problems, "the list holds a row it must not show: %s", w ? w : "?");
            free(w);
            break;
        }
    }
    if (contains && !found) {
        char *w = short_json(contains);
        problem(problems, "the list lacks the row %s", w ? w : "?");
        free(w);
    }
    if (max && json_array_size(doc) > (size_t)json_integer_value(max))
        problem(problems, "the list has %zu rows, at most %lld expected", json_array_size(doc),
                (long long)json_integer_value(max));
}

/* ---- HTTP ------------------------------------------------------------------------------- */

struct answer {
    struct buf body;
    bool truncated;
};

static size_t on_data(char *p, size_t size, size_t n, void *userdata)
{
    struct answer *a = userdata;
    size_t len = size * n;
    if (a->body.len + len > RUN_MAX_RESPONSE) {
        a->truncated = true;
        return 0; /* stop reading: what was kept is all the checks see */
    }
    return buf_append(&a->body, p, len) == 0 ? len : 0;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void b64url(struct buf *out, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        buf_putc(out, tab[v >> 18 & 63]);
        buf_putc(out, tab[v >> 12 & 63]);
        if (i + 1 < n)
            buf_putc(out, tab[v >> 6 & 63]);
        if (i + 2 < n)
            buf_putc(out, tab[v & 63]);
    }
}

/* An HS256 JWT for sub signed with a guessable secret, valid for an hour: a backend that
 * accepts it runs with a placeholder key. verify.py builds the same bytes. */
static int forge_token(const char *secret, const char *sub, struct buf *out)
{
    static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    json_t *subj = json_string(sub);
    char *sub_json = subj ? json_dumps(subj, JSON_ENCODE_ANY) : NULL;
    json_decref(subj);
    if (!sub_json)
        return -ENOMEM;
    char claims[512];
    snprintf(claims, sizeof(claims), "{\"sub\":%s,\"exp\":%lld}", sub_json,
             (long long)time(NULL) + FORGED_TOKEN_TTL);
    free(sub_json);
    b64url(out, (const unsigned char *)header, strlen(header));
    buf_putc(out, '.');
    b64url(out, (const unsigned char *)claims, strlen(claims));
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned mac_len = 0;
    if (!HMAC(EVP_sha256(), secret, (int)strlen(secret), (const unsigned char *)out->data,
              out->len, mac, &mac_len))
        return -EIO;
    buf_putc(out, '.');
    b64url(out, mac, mac_len);
    return out->data ? 0 : -ENOMEM;
}

/* Valid UTF-8 of at most RUN_EXCERPT bytes (bytes that are not UTF-8 become '?'). */
static json_t *excerpt(const char *p, size_t n)
{
    if (n > RUN_EXCERPT)
        n = RUN_EXCERPT;
    char *s = malloc(n + 4);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)p[i];
        size_t len = c < 0x80         ? 1
                     : (c >> 5) == 6  ? 2
                     : (c >> 4) == 14 ? 3
                     : (c >> 3) == 30 ? 4
                                      : 0;
        bool ok = len && c != 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; k++)
            ok = ((unsigned char)p[i + k] >> 6) == 2;
        json_t *probe = ok && len > 1 ? json_stringn(p + i, len) : NULL;
        if (ok && len > 1 && !probe)
            ok = false; /* overlong or a surrogate: jansson refuses it, so do we */
        json_decref(probe);
        if (ok) {
            memcpy(s + o, p + i, len);
            o += len;
            i += len;
        } else {
            s[o++] = '?';
            i++;
        }
    }
    json_t *j = json_stringn(s, o);
    free(s);
    return j;
}

struct runner {
    CURL *curl;
    const struct suite_target *t;
    long deadline;
    struct ctx ctx;
};

/* The request body as bytes (malloc()ed in *out) and its content type. */
static int request_body(struct runner *r, const json_t *req, struct buf *out, const char **ctype)
{
    const json_t *j = json_object_get(req, "json"), *form = json_object_get(req, "form");
    const json_t *raw = json_object_get(req, "raw_body");
    int rc = 0;
    *ctype = NULL;
    if (j) {
        json_t *filled = subst_json(&r->ctx, j, &rc);
        char *text = filled ? json_dumps(filled, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
        json_decref(filled);
        if (!rc && !text)
            rc = -ENOMEM;
        if (!rc)
            rc = buf_puts(out, text);
        free(text);
        *ctype = "Content-Type: application/json";
    } else if (raw) {
        rc = subst_raw(&r->ctx, json_string_value(raw), json_string_length(raw), out);
        *ctype = "Content-Type: application/json";
    } else if (form) {
        const char *k;
        const json_t *v;
        bool first = true;
        json_object_foreach((json_t *)form, k, v)
        {
            struct buf val;
            buf_init(&val, MAX_REQ_BODY);
            rc = subst_text(&r->ctx, json_string_value(v), json_string_length(v), &val);
            char *ek = rc ? NULL : curl_easy_escape(r->curl, k, 0);
            char *ev =
                rc ? NULL : curl_easy_escape(r->curl, val.data ? val.data : "", (int)val.len);
            if (!rc && (!ek || !ev))
                rc = -ENOMEM;
            if (!rc)
                rc = buf_printf(out, "%s%s=%s", first ? "" : "&", ek, ev);
            curl_free(ek);
            curl_free(ev);
            buf_clear(&val);
            first = false;
            if (rc)
                break;
        }
        *ctype = "Content-Type: application/x-www-form-urlencoded";
    }
    return rc;
}

/* The step's Authorization line in *token: a captured token (auth) or one it forges
 * (bearer_forged). -ENOENT when the token was not captured. */
static int step_token(struct ctx *c, const json_t *req, struct buf *token)
{
    int rc = 0;
    const char *auth = jsonx_str(req, "auth");
    if (auth) {
        const json_t *tok = var_get(c, auth, strlen(auth));
        rc = tok ? buf_printf(token, "Authorization: Bearer %s",
                              json_is_string(tok) ? json_string_value(tok) : "")
                 : -ENOENT;
    }
    const json_t *forged = json_object_get(req, "bearer_forged");
    if (!rc && forged) {
        struct buf sub;
        buf_init(&sub, 1024);
        const char *s = jsonx_str(forged, "sub");
        rc = subst_text(c, s, strlen(s), &sub);
        if (!rc)
            rc = buf_puts(token, "Authorization: Bearer ");
        if (!rc)
            rc = forge_token(jsonx_str(forged, "secret"), sub.data ? sub.data : "", token);
        buf_clear(&sub);
    }
    return rc;
}

/* The report's "request" (as sent, or as written when it could not be filled in) and
 * "expected" entries of `test`. */
static void report_request(json_t *test, const json_t *step, const struct buf *path,
                           const struct buf *body, json_t *expect)
{
    const json_t *req = json_object_get(step, "request");
    const char *p = jsonx_str(req, "path");
    const char *auth = jsonx_str(req, "auth");
    const json_t *forged = json_object_get(req, "bearer_forged");
    json_t *req_report =
        json_pack("{s:s, s:s%}", "method", jsonx_str(req, "method"), "path",
                  path->data ? path->data : p, path->data ? path->len : strlen(p));
    if (req_report && body->len)
        json_object_set_new(req_report, "body", excerpt(body->data, body->len));
    if (req_report && (auth || forged))
        json_object_set_new(req_report, "auth", json_string(auth ? auth : "forged token"));
    json_object_set_new(test, "request", req_report ? req_report : json_null());
    json_object_set_new(test, "expected",
                        expect ? json_incref(expect)
                               : json_deep_copy(json_object_get(step, "expect")));
}

/* The header lines: the body's content type (unless the step names its own), Accept, the
 * token, and the step's own headers (filled in; one with a line break is left out). */
static struct curl_slist *step_headers(struct ctx *c, const json_t *req, const char *ctype,
                                       const struct buf *token, struct curl_slist *headers)
{
    if (ctype && *ctype)
        headers = curl_slist_append(headers, ctype);
    headers = curl_slist_append(headers, "Accept: application/json");
    headers = curl_slist_append(headers, "Expect:");
    if (token->len)
        headers = curl_slist_append(headers, token->data);
    const char *hk;
    const json_t *hv;
    json_object_foreach(json_object_get(req, "headers"), hk, hv)
    {
        struct buf line;
        buf_init(&line, 8192);
        if (buf_printf(&line, "%s: ", hk) == 0 &&
            subst_text(c, json_string_value(hv), json_string_length(hv), &line) == 0 &&
            !strpbrk(line.data, "\r\n"))
            headers = curl_slist_append(headers, line.data);
        buf_clear(&line);
    }
    return headers;
}

/* Sends the filled-in request within timeout_ms; the answer goes to *ans, its status to
 * *status and curl's result to *cr. *headers (the caller frees it) must outlive the
 * transfer. 0 or -ENOMEM. */
static int send_request(struct runner *r, const json_t *req, const struct buf *path,
                        const struct buf *body, const char *ctype, const struct buf *token,
                        long timeout_ms, struct answer *ans, struct curl_slist **headers,
                        CURLcode *cr, long *status)
{
    const char *method = jsonx_str(req, "method");
    const char *base = r->t->base_url ? r->t->base_url : "http://localhost";
    size_t bl = strlen(base);
    while (bl > 0 && base[bl - 1] == '/')
        bl--;
    char *url = NULL;
    if (asprintf(&url, "%.*s%s", (int)bl, base, path->data) < 0)
        return -ENOMEM;
    curl_easy_reset(r->curl);
    CURL *h = r->curl;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, ans);
    if (r->t->unix_socket)
        curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, r->t->unix_socket);
    if (strcmp(method, "GET") != 0)
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    if (ctype && json_object_get(json_object_get(req, "headers"), "Content-Type"))
        ctype = ""; /* the step names its own */
    if (ctype) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->data ? body->data : "");
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)body->len);
    }
    *headers = step_headers(&r->ctx, req, ctype, token, *headers);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, *headers);
    *cr = curl_easy_perform(h);
    free(url);
    *status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    return 0;
}

/* The answer into `actual`, checked against expect (what did not hold goes to problems);
 * when all held, the step's captures are stored. */
static void judge_answer(struct ctx *c, const json_t *step, const json_t *expect, long status,
                         const struct answer *ans, json_t *actual, json_t *problems)
{
    json_object_set_new(actual, "status", json_integer(status));
    json_object_set_new(actual, "body",
                        excerpt(ans->body.data ? ans->body.data : "", ans->body.len));
    if (ans->truncated)
        json_object_set_new(actual, "truncated", json_true());
    json_t *doc = NULL;
    char perr[128];
    if (ans->body.len && !ans->truncated)
        jsonx_parse(ans->body.data, ans->body.len, RUN_MAX_RESPONSE, RESPONSE_DEPTH, &doc, perr,
                    sizeof(perr));
    check(expect, status, doc, true, problems);
    const char *var;
    const json_t *cpath;
    json_object_foreach(json_object_get(step, "capture"), var, cpath)
    {
        const json_t *v = doc ? at_path(doc, json_string_value(cpath)) : NULL;
        if (json_array_size(problems) == 0 && v && !json_is_null(v))
            json_object_set_new(c->vars, var, json_deep_copy(v));
        else if (json_array_size(problems) == 0)
            problem(problems, "capture %s: no %s in the answer", var, json_string_value(cpath));
    }
    json_decref(doc);
}

/* Runs one step; fills the report entry `test`. */
static int run_step(struct runner *r, const json_t *step, json_t *test)
{
    const json_t *req = json_object_get(step, "request");
    struct ctx *c = &r->ctx;
    c->missing[0] = '\0';
    int rc = 0;
    struct buf path, body, token;
    buf_init(&path, MAX_PATH * 4);
    buf_init(&body, MAX_REQ_BODY);
    buf_init(&token, 4096);
    struct curl_slist *headers = NULL;
    json_t *expect = NULL, *problems = json_array(), *actual = json_object();
    struct answer ans = {.truncated = false};
    buf_init(&ans.body, RUN_MAX_RESPONSE);
    const char *verdict = "pass";
    char reason[600] = "";

    const char *p = jsonx_str(req, "path");
    rc = subst_text(c, p, strlen(p), &path);
    const char *ctype = NULL;
    if (!rc)
        rc = request_body(r, req, &body, &ctype);
    if (!rc)
        rc = step_token(c, req, &token);
    if (!rc)
        expect = subst_json(c, json_object_get(step, "expect"), &rc);
    report_request(test, step, &path, &body, expect);

    long started = now_ms();
    if (rc == -ENOENT) {
        const char *by = jsonx_str(c->producer, c->missing);
        if (by)
            snprintf(reason, sizeof(reason), "needs ${%s}, which step '%s' did not capture",
                     c->missing, by);
        else
            snprintf(reason, sizeof(reason), "needs ${%s}, which no step captures", c->missing);
        verdict = "skip";
        rc = 0;
        goto out;
    }
    if (rc)
        goto out;
    long left = r->deadline - started;
    if (left <= 0) {
        verdict = "skip";
        snprintf(reason, sizeof(reason), "the suite's total time limit passed");
        goto out;
    }
    long step_ms = r->t->step_timeout_ms > 0 ? r->t->step_timeout_ms : RUN_DEFAULT_STEP_MS;
    CURLcode cr;
    long status;
    rc = send_request(r, req, &path, &body, ctype, &token, step_ms < left ? step_ms : left, &ans,
                      &headers, &cr, &status);
    if (rc)
        goto out;
    if (cr != CURLE_OK && !(cr == CURLE_WRITE_ERROR && ans.truncated)) {
        verdict = "error";
        snprintf(reason, sizeof(reason), "no answer: %s", curl_easy_strerror(cr));
        json_object_set_new(actual, "status", json_null());
        goto out;
    }
    judge_answer(c, step, expect, status, &ans, actual, problems);
    if (json_array_size(problems)) {
        verdict = "fail";
        snprintf(reason, sizeof(reason), "%s", json_string_value(json_array_get(problems, 0)));
    }
out:
    if (json_array_size(problems))
        json_object_set(actual, "problems", problems);
    json_object_set_new(test, "actual", actual);
    json_object_set_new(test, "verdict", json_string(verdict));
    json_object_set_new(test, "duration_ms", json_integer(now_ms() - started));
    if (*reason)
        json_object_set_new(test, "reason", json_string(reason));
    curl_slist_free_all(headers);
    json_decref(problems);
    json_decref(expect);
    buf_clear(&ans.body);
    buf_clear(&path);
    buf_clear(&body);
    buf_clear(&token);
    return rc;
}

static void run_id(char out[9])
{
    unsigned char b[4] = {0};
    if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b)) {
        unsigned long t = (unsigned long)now_ms() ^ (unsigned long)clock();
        memcpy(b, &t, sizeof(b));
    }
    snprintf(out, 9, "%02x%02x%02x%02x", b[0], b[1], b[2], b[3]);
}

int suite_run(const json_t *suite, const struct suite_target *t, json_t **report_out)
{
    *report_out = NULL;
    char err[256];
    if (!t || (!t->unix_socket && !t->base_url) || suite_check(suite, err, sizeof(err)))
        return -EINVAL;
    struct runner r = {.t = t, .curl = curl_easy_init()};
    long total = t->total_timeout_ms > 0 ? t->total_timeout_ms : RUN_DEFAULT_TOTAL_MS;
    r.deadline = now_ms() + total;
    r.ctx.vars = json_object();
    r.ctx.producer = json_object();
    json_t *tests = json_array();
    int rc = r.curl && r.ctx.vars && r.ctx.producer && tests ? 0 : -ENOMEM;
    char run[9];
    run_id(run);
    if (!rc)
        json_object_set_new(r.ctx.vars, "run", json_string(run));
    size_t i, passed = 0, failed = 0, skipped = 0;
    const json_t *step;
    json_array_foreach(json_object_get(suite, "steps"), i, step)
    {
        const char *var;
        const json_t *v;
        json_object_foreach(json_object_get(step, "capture"), var, v)
        {
            if (!rc && !json_object_get(r.ctx.producer, var))
                rc =
                    json_object_set_new(r.ctx.producer, var, json_string(jsonx_str(step, "name")));
        }
    }
    json_array_foreach(json_object_get(suite, "steps"), i, step)
    {
        if (rc)
            break;
        json_t *test = json_pack("{s:s, s:s}", "name", jsonx_str(step, "name"), "group",
                                 jsonx_str(step, "group"));
        if (!test || json_array_append_new(tests, test) < 0) {
            rc = -ENOMEM;
            break;
        }
        rc = run_step(&r, step, test);
        if (t->on_step)
            t->on_step(t->on_step_ctx, i + 1, json_array_size(json_object_get(suite, "steps")));
        const char *v = jsonx_str(test, "verdict");
        if (v && strcmp(v, "pass") == 0)
            passed++;
        else if (v && strcmp(v, "skip") == 0)
            skipped++;
        else
            failed++;
    }
    if (!rc) {
        *report_out =
            json_pack("{s:{s:I, s:I, s:I, s:I}, s:O}", "summary", "total",
                      (json_int_t)json_array_size(tests), "passed", (json_int_t)passed, "failed",
                      (json_int_t)failed, "skipped", (json_int_t)skipped, "tests", tests);
        if (!*report_out)
            rc = -ENOMEM;
    }
    json_decref(tests);
    json_decref(r.ctx.vars);
    json_decref(r.ctx.producer);
    if (r.curl)
        curl_easy_cleanup(r.curl);
    return rc;
}
