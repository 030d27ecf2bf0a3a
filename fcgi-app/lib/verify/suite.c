/* Suite derivation: a normalized spec → the list of HTTP steps that a backend generated from
 * it must pass (suite.h). It follows what the generated project promises (docs/codegen.md):
 * health, auth, CRUD per entity in reference order, the access matrix of spec/access.h,
 * each action's examples, and hostile probes that a secure backend answers with a 4xx. */
#include "verify/suite.h"

#include "core/jsonx.h"
#include "spec/access.h"
#include "spec/names.h"
#include "spec/types.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HUGE_INT     "100000000000000000000"
#define MISSING_ID   2147483000
#define CLIENT_ID    987654321
#define CLIENT_STAMP "1999-01-01T00:00:00Z"
#define DEEP_LEVELS  500
/* Stands in for a raw JSON value in a body before the text is spliced (see raw_with). */
#define RAW_MARK "\x01raw\x01"

/* The first variant of the rows made beyond the planned ones (valid_value's k): above every
 * planned variant (under 50) and below 997, where bounded numbers repeat (number_value), so
 * their unique values never meet. */
#define FRESH_VARIANT 500

struct deriv {
    const json_t *spec;
    const json_t *entities;
    json_t *steps;
    bool auth;
    int rc;
    const char *group; /* of the steps being added */
    int fresh; /* rows made beyond the planned ones (fresh parents): their variables, variants */
};

static void keep(struct deriv *d, int rc)
{
    if (rc < 0 && d->rc == 0)
        d->rc = rc;
}

static const char *str_of(const json_t *obj, const char *key)
{
    const char *s = jsonx_str(obj, key);
    return s ? s : "";
}

static enum spec_type type_of(const json_t *f)
{
    return spec_type_from_name(jsonx_str(f, "type"));
}

/* A field whose filter parameter the generated code spells otherwise (or offers none), so
 * the suite filters by another field. */
static bool reserved(const char *name)
{
    return names_python_renamed(name) || names_handler_local(name) || names_list_param(name);
}

static const json_t *entity_named(const struct deriv *d, const char *name)
{
    size_t i;
    const json_t *e;
    json_array_foreach(d->entities, i, e)
    {
        if (strcmp(str_of(e, "name"), name) == 0)
            return e;
    }
    return NULL;
}

/* Is entity a after entity b in the spec's order, which is the order the suite creates rows
 * in? Review puts referenced entities first; only a cycle of optional references puts one
 * after an entity that refers to it. */
static bool comes_after(const struct deriv *d, const json_t *a, const json_t *b)
{
    size_t i;
    const json_t *e;
    json_array_foreach(d->entities, i, e)
    {
        if (e == a || e == b)
            return e == b && a != b;
    }
    return false;
}

/* ---- steps -------------------------------------------------------------------------------- */

/* Builds a request object; steals body (may be NULL) under body_key. */
static json_t *req(const char *method, const char *path, const char *auth, const char *body_key,
                   json_t *body)
{
    json_t *r = json_pack("{s:s, s:s}", "method", method, "path", path);
    if (r && auth)
        json_object_set_new(r, "auth", json_string(auth));
    if (r && body_key && body)
        json_object_set_new(r, body_key, body);
    else
        json_decref(body);
    return r;
}

/* Adds a step; steals request and expect (an object the status and no_5xx go into). */
static json_t *add(struct deriv *d, const char *name, json_t *request, json_t *status,
                   json_t *expect)
{
    if (!expect)
        expect = json_object();
    if (!request || !status || !expect || d->rc) {
        json_decref(request);
        json_decref(status);
        json_decref(expect);
        keep(d, -ENOMEM);
        return NULL;
    }
    json_object_set_new(expect, "status", status);
    json_object_set_new(expect, "no_5xx", json_true());
    json_t *step = json_pack("{s:s, s:s, s:o, s:o}", "name", name, "group", d->group, "request",
                             request, "expect", expect);
    if (!step || json_array_append_new(d->steps, step) < 0) {
        keep(d, -ENOMEM);
        return NULL;
    }
    if (json_array_size(d->steps) > SUITE_MAX_STEPS)
        keep(d, -E2BIG);
    return step;
}

static void capture(struct deriv *d, json_t *step, const char *var, const char *path)
{
    if (!step)
        return;
    json_t *c = json_object_get(step, "capture");
    if (!c) {
        c = json_object();
        if (!c || json_object_set_new(step, "capture", c) < 0) {
            keep(d, -ENOMEM);
            return;
        }
    }
    keep(d, json_object_set_new(c, var, json_string(path)) < 0 ? -ENOMEM : 0);
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *s = NULL;
    if (vasprintf(&s, f, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

/* Step names and paths are short; a fixed buffer keeps the code plain. */
#define NAME(buf, ...) snprintf(buf, sizeof(buf), __VA_ARGS__)

/* Percent-encodes a query value, leaving ${name} placeholders as they are. */
static void query_escape(char *out, size_t size, const char *in)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 4 < size; p++) {
        if (p[0] == '$' && p[1] == '{') {
            const char *end = strchr((const char *)p, '}');
            if (end) {
                size_t n = (size_t)(end - (const char *)p) + 1;
                if (o + n + 1 >= size)
                    break;
                memcpy(out + o, p, n);
                o += n;
                p += n - 1;
                continue;
            }
        }
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            out[o++] = (char)*p;
        else {
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        }
    }
    out[o] = '\0';
}

/* A JSON scalar as query text ("true", "12", "abc"). */
static void query_text(char *out, size_t size, const json_t *v)
{
    if (json_is_string(v)) {
        query_escape(out, size, json_string_value(v));
        return;
    }
    char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    query_escape(out, size, t ? t : "");
    free(t);
}

/* ---- values ------------------------------------------------------------------------------ */

static bool num(const json_t *f, const char *key, double *out)
{
    const json_t *v = json_object_get(f, key);
    if (!json_is_number(v))
        return false;
    *out = json_number_value(v);
    return true;
}

static long long_of(const json_t *f, const char *key, long fallback)
{
    const json_t *v = json_object_get(f, key);
    return json_is_integer(v) ? (long)json_integer_value(v) : fallback;
}

/* Characters of s once the runner fills ${run} (8 characters) in. */
static long shown_length(const char *s)
{
    return (long)strlen(s) + (strstr(s, "${run}") ? 2 : 0);
}

/* head, pad times 'x', tail: one string (review keeps lengths within 10,000). */
static json_t *padded(const char *head, long pad, const char *tail)
{
    size_t n = strlen(head) + (size_t)(pad > 0 ? pad : 0) + strlen(tail);
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    size_t h = strlen(head);
    memcpy(s, head, h);
    memset(s + h, 'x', n - h - strlen(tail));
    strcpy(s + n - strlen(tail), tail);
    json_t *j = json_string(s);
    free(s);
    return j;
}

/* A string of min..max characters: `v<k>-${run}` padded with 'x' when it fits (unique per
 * run), else k as one CJK ideograph (20,000 of them: unique per variant) padded to min. */
static json_t *text_of_length(int k, long min, long max)
{
    char base[32];
    snprintf(base, sizeof(base), "v%d-${run}", k);
    long shown = shown_length(base);
    if (shown > max) {
        unsigned cp = 0x4E00 + (unsigned)k % 20000; /* three bytes of UTF-8 */
        snprintf(base, sizeof(base), "%c%c%c", 0xE0 | cp >> 12, 0x80 | (cp >> 6 & 0x3F),
                 0x80 | (cp & 0x3F));
        shown = 1;
    }
    return padded(base, min - shown, "");
}

/* An email address or URL of length min..max, unique per k (and per run when it fits): the
 * first form with room for k, else the last keeping k's last digits; padded with 'x' after
 * the number up to min. */
static json_t *address_of_length(enum spec_type t, int k, long min, long max)
{
    struct form {
        const char *head, *tail;
    };
    static const struct form email[] = {
        {"e-${run}-", "@example.com"}, {"", "@b.co"}, {"", "@b.c"}};
    static const struct form url[] = {
        {"https://example.com/${run}/", ""}, {"http://a/", ""}, {"http://", ""}};
    const struct form *f = t == SPEC_EMAIL ? email : url;
    char num[24], head[64];
    snprintf(num, sizeof(num), "%d", k);
    long digits = (long)strlen(num);
    int i = 0;
    while (i < 2 && shown_length(f[i].head) + (long)strlen(f[i].tail) + digits > max)
        i++;
    long room = max - shown_length(f[i].head) - (long)strlen(f[i].tail);
    const char *kept = room >= 1 && room < digits ? num + digits - room : num;
    snprintf(head, sizeof(head), "%s%s", f[i].head, kept);
    return padded(head, min - shown_length(head) - (long)strlen(f[i].tail), f[i].tail);
}

/* An integer bound of f (min or max), exact: a double would lose the ends of 64 bits.
 * Review refuses any other bound on an integer field. */
static bool int_bound(const json_t *f, const char *key, long long *out)
{
    const json_t *v = json_object_get(f, key);
    if (json_is_integer(v))
        *out = json_integer_value(v);
    return json_is_integer(v);
}

/* Integer row variant k: 7 + k, moved inside [min, max] (cycling through a narrow range) */
static json_t *integer_value(const json_t *f, int k)
{
    long long l = -1000000000LL, h = 1000000000LL, v = 7 + k;
    bool has_lo = int_bound(f, "min", &l), has_hi = int_bound(f, "max", &h);
    /* One bound near an end of 64 bits: the other side is that end, not 10^9 away. */
    if (has_lo && !has_hi && l > h - k)
        h = LLONG_MAX, has_hi = true;
    if (has_hi && !has_lo && h < l + k)
        l = LLONG_MIN, has_lo = true;
    unsigned long long span = (unsigned long long)h - (unsigned long long)l;
    if (has_lo && has_hi)
        v = (long long)((unsigned long long)l + (span >= (unsigned long long)k
                                                     ? (unsigned long long)k
                                                     : (unsigned long long)k % (span + 1)));
    else if (v < l)
        v = l + k;
    else if (v > h)
        v = h - k;
    return json_integer(v);
}

static json_t *number_value(const json_t *f, enum spec_type t, int k)
{
    double lo = 0, hi = 0;
    bool has_lo = num(f, "min", &lo), has_hi = num(f, "max", &hi);
    if (t == SPEC_INTEGER)
        return integer_value(f, k);
    if (t == SPEC_DECIMAL && has_lo != has_hi) { /* the column's end bounds the other side */
        has_lo = has_hi = true;
        lo = num(f, "min", &lo) ? lo : -SPEC_DECIMAL_WHOLE_MAX;
        hi = num(f, "max", &hi) ? hi : SPEC_DECIMAL_WHOLE_MAX;
    }
    double v = 2.5 + k;
    if (has_lo && has_hi)
        v = lo + (hi - lo) * (double)((k % 997) + 1) / 998.0; /* unique for 997 rows */
    else if (has_lo)
        v = lo + 2.5 + k;
    else if (has_hi)
        v = hi - 0.5 - k;
    /* Exact in binary and within 4 decimal places, so every layer stores it unchanged. */
    v = floor(v * 16.0) / 16.0;
    if (has_lo && v < lo)
        v = lo;
    return json_real(v);
}

/* A number beyond f's min (or max, when above), or NULL when none exists: an integer bound at
 * an end of 64 bits, a real one near the end of doubles (the probes send what lies beyond). */
static json_t *beyond_bound(const json_t *f, enum spec_type t, bool above)
{
    long long b;
    if (t == SPEC_INTEGER && int_bound(f, above ? "max" : "min", &b)) {
        if (b == (above ? LLONG_MAX : LLONG_MIN))
            return NULL;
        return json_integer(above ? b + 1 : b - 1);
    }
    double lim = 0, beyond;
    num(f, above ? "max" : "min", &lim);
    return spec_number_beyond(lim, above, &beyond) ? json_real(beyond) : NULL;
}

/* The value of field f for row variant k (0 = the main row, 1 = the second, ...).
 * References name the captured id of the referenced entity's main row. */
static json_t *valid_value(const json_t *e, const json_t *f, int k)
{
    enum spec_type t = type_of(f);
    long min = long_of(f, "min_length", 0), max = long_of(f, "max_length", 100000);
    char buf[128];
    switch (t) {
    case SPEC_STRING:
    case SPEC_TEXT:
        return text_of_length(k, min, max);
    case SPEC_EMAIL:
    case SPEC_URL:
        return address_of_length(t, k, min, max);
    case SPEC_INTEGER:
    case SPEC_FLOAT:
    case SPEC_DECIMAL:
        return number_value(f, t, k);
    case SPEC_BOOLEAN:
        return json_boolean(k % 2 == 0);
    case SPEC_DATE: /* a date and a time per variant, so unique columns take them all */
        snprintf(buf, sizeof(buf), "%04d-%02d-%02d", 2024 + k / 336, k % 12 + 1, k / 12 % 28 + 1);
        return json_string(buf);
    case SPEC_DATETIME:
        snprintf(buf, sizeof(buf), "2024-03-%02dT%02d:%02d:30Z", k % 28 + 1, 10 + k / 1680 % 10,
                 k / 28 % 60);
        return json_string(buf);
    case SPEC_UUID:
        snprintf(buf, sizeof(buf), "${run}-0000-4000-8000-%012d", k);
        return json_string(buf);
    case SPEC_ENUM: {
        const json_t *values = json_object_get(f, "values");
        size_t n = json_array_size(values);
        return n ? json_deep_copy(json_array_get(values, (size_t)k % n)) : json_null();
    }
    case SPEC_JSON:
        return json_pack("{s:[i,i,i], s:s}", "k", 1, 2, k, "note", "suite");
    case SPEC_REFERENCE: {
        const char *target = str_of(f, "entity");
        if (strcmp(target, str_of(e, "name")) == 0 && k == 0)
            return json_null(); /* the first row of a self-reference has no parent yet */
        return NULL;            /* the caller fills it with the parent's id variable */
    }
    case SPEC_TYPE_COUNT:
        break;
    }
    return json_null();
}

/* The create body of row k: every field; references to parents' main rows. */
static json_t *valid_body(const struct deriv *d, const json_t *e, int k)
{
    json_t *body = json_object();
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(e, "fields"), i, f)
    {
        json_t *v = valid_value(e, f, k);
        const json_t *parent = v ? NULL : entity_named(d, str_of(f, "entity"));
        if (parent && comes_after(d, parent, e)) {
            v = json_null(); /* optional (review orders required references first): no row yet */
        } else if (!v && type_of(f) == SPEC_REFERENCE) {
            char var[160];
            snprintf(var, sizeof(var), "${%s_id}", parent ? str_of(parent, "snake") : "missing");
            v = json_string(var);
        }
        if (body && v)
            json_object_set_new(body, str_of(f, "name"), v);
        else
            json_decref(v);
    }
    return body;
}

/* What comes back must equal what was sent, field by field. */
static json_t *echo_checks(const json_t *body)
{
    return json_deep_copy(body);
}

/* A value of the wrong JSON type for f (one pydantic 1.10 refuses, not coerces). */
static json_t *wrong_type(enum spec_type t)
{
    switch (t) {
    case SPEC_STRING:
    case SPEC_TEXT:
    case SPEC_EMAIL:
    case SPEC_URL:
        return json_pack("{s:i}", "not", 1);
    case SPEC_INTEGER:
    case SPEC_FLOAT:
    case SPEC_DECIMAL:
    case SPEC_REFERENCE:
        return json_string("not-a-number");
    case SPEC_BOOLEAN:
        return json_string("maybe");
    case SPEC_DATE:
        return json_string("not-a-date");
    case SPEC_DATETIME:
        return json_string("not-a-datetime");
    case SPEC_UUID:
        return json_string("not-a-uuid");
    case SPEC_ENUM:
        return json_integer(42);
    case SPEC_JSON:
    case SPEC_TYPE_COUNT:
        break;
    }
    return NULL;
}

/* JSON text of body with key's value replaced by raw JSON text. Caller free()s. */
static char *raw_with(const json_t *body, const char *key, const char *raw)
{
    json_t *copy = json_deep_copy(body);
    if (!copy)
        return NULL;
    json_object_set_new(copy, key, json_string(RAW_MARK));
    char *text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(copy);
    if (!text)
        return NULL;
    const char *mark = "\"\\u0001raw\\u0001\"";
    char *at = strstr(text, mark);
    char *out = at ? fmt("%.*s%s%s", (int)(at - text), text, raw, at + strlen(mark)) : NULL;
    free(text);
    return out;
}

/* ---- health and auth ------------------------------------------------------------------- */

static void health(struct deriv *d)
{
    d->group = "health";
    add(d, "health", req("GET", "/health", NULL, NULL, NULL), json_integer(200),
        json_pack("{s:{s:s}}", "json", "status", "ok"));
}

static json_t *credentials(const char *who)
{
    char email[64], password[64];
    snprintf(email, sizeof(email), "%s-${run}@example.com", who);
    snprintf(password, sizeof(password), "pw-%s-${run}-Secret1", who);
    return json_pack("{s:s, s:s}", "email", email, "password", password);
}

static json_t *login_form(const char *who, bool wrong)
{
    json_t *c = credentials(who);
    json_t *form = json_pack("{s:O, s:s}", "username", json_object_get(c, "email"), "password",
                             wrong ? "wrong-password-1" : str_of(c, "password"));
    json_decref(c);
    return form;
}

static void auth(struct deriv *d)
{
    d->group = "auth";
    static const char *const who[] = {"a", "b"};
    for (size_t i = 0; i < 2; i++) {
        char name[64], var[32];
        json_t *c = credentials(who[i]);
        NAME(name, "auth: register user %s", who[i]);
        json_t *s = add(d, name, req("POST", "/auth/register", NULL, "json", json_deep_copy(c)),
                        json_integer(201),
                        json_pack("{s:{s:O}}", "json", "email", json_object_get(c, "email")));
        snprintf(var, sizeof(var), "user_%s_id", who[i]);
        capture(d, s, var, "id");
        if (i == 0)
            add(d, "auth: register the same email again -> 409",
                req("POST", "/auth/register", NULL, "json", json_deep_copy(c)), json_integer(409),
                NULL);
        json_decref(c);
        NAME(name, "auth: login user %s (OAuth2 form)", who[i]);
        s = add(d, name, req("POST", "/auth/login", NULL, "form", login_form(who[i], false)),
                json_integer(200), json_pack("{s:{s:s}}", "json", "token_type", "bearer"));
        snprintf(var, sizeof(var), "token_%s", who[i]);
        capture(d, s, var, "access_token");
    }
    add(d, "auth: login with a wrong password -> 401",
        req("POST", "/auth/login", NULL, "form", login_form("a", true)), json_integer(401), NULL);
    add(d, "auth: login as an unknown user -> 401",
        req("POST", "/auth/login", NULL, "form", login_form("nobody", false)), json_integer(401),
        NULL);
    json_t *c = credentials("a");
    add(d, "auth: me", req("GET", "/auth/me", "token_a", NULL, NULL), json_integer(200),
        json_pack("{s:{s:O, s:s}}", "json", "email", json_object_get(c, "email"), "id",
                  "${user_a_id}"));
    json_decref(c);
    add(d, "auth: me without a token -> 401", req("GET", "/auth/me", NULL, NULL, NULL),
        json_integer(401), NULL);
    json_t *r = req("GET", "/auth/me", NULL, "headers",
                    json_pack("{s:s}", "Authorization", "Bearer not.a.token"));
    add(d, "auth: me with a malformed token -> 401", r, json_integer(401), NULL);
}

static void auth_probes(struct deriv *d)
{
    d->group = "probe:auth";
    static const char *const secrets[] = {"change-me", "changeme", "secret"};
    for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++) {
        char name[96];
        NAME(name, "probe: a token signed with the placeholder secret \"%s\" -> 401", secrets[i]);
        json_t *r = req("GET", "/auth/me", NULL, "bearer_forged",
                        json_pack("{s:s, s:s}", "secret", secrets[i], "sub", "${user_a_id}"));
        add(d, name, r, json_integer(401), NULL);
    }
    /* {"alg":"none"} . {"sub":"1"} . no signature */
    add(d, "probe: an unsigned (alg none) token -> 401",
        req("GET", "/auth/me", NULL, "headers",
            json_pack("{s:s}", "Authorization",
                      "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
                      "eyJzdWIiOiIxIn0.")),
        json_integer(401), NULL);
    static const struct {
        const char *what, *raw;
    } bodies[] = {
        {"a NUL in the email", "{\"email\":\"nul\\u0000-${run}@example.com\","
                               "\"password\":\"pw-nul-${run}-Secret1\"}"},
        {"a lone surrogate in the email", "{\"email\":\"sur\\ud800-${run}@example.com\","
                                          "\"password\":\"pw-sur-${run}-Secret1\"}"},
        {"a number for the email", "{\"email\":1e999,\"password\":\"pw-num-${run}-Secret1\"}"},
    };
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        char name[96];
        NAME(name, "probe: register with %s -> 4xx", bodies[i].what);
        add(d, name, req("POST", "/auth/register", NULL, "raw_body", json_string(bodies[i].raw)),
            json_string("4xx"), NULL);
    }
    /* A form body as raw text: the suite itself never holds a NUL (JSON readers refuse it). */
    json_t *r = req("POST", "/auth/login", NULL, "raw_body",
                    json_string("username=nul%00user%40example.com&password=x"));
    json_object_set_new(r, "headers",
                        json_pack("{s:s}", "Content-Type", "application/x-www-form-urlencoded"));
    add(d, "probe: login with a NUL in the username -> 4xx", r, json_string("4xx"), NULL);
}

/* ---- entities -------------------------------------------------------------------------- */

struct ent {
    const json_t *e;
    const char *plural, *snake;
    bool owned;
    enum access_rule rule[ACCESS_N_OPS];
    const char *tok; /* the owner's token variable, NULL without auth */
};

/* Expected status of an operation by a caller who is nobody (no token), another user, or
 * the owner, given the rule; ok is the status when it is allowed. 0: the operation is
 * allowed but the row is hidden (404 on rows, absent from the list). */
enum caller { NOBODY, OTHER };
static int access_status(enum access_rule r, enum caller c, int ok)
{
    if (r == ACCESS_PUBLIC)
        return ok;
    if (c == NOBODY)
        return 401;
    return r == ACCESS_OWNER ? 0 : ok;
}

static const char *caller_tok(enum caller c)
{
    return c == NOBODY ? NULL : "token_b";
}

static const char *caller_name(enum caller c)
{
    return c == NOBODY ? "without a token" : "as another user";
}

/* Posts body as a new row of x (201, echoing what was sent), capturing its id in var. */
static json_t *post_row(struct deriv *d, const struct ent *x, const char *name, json_t *body,
                        const char *var)
{
    char path[512];
    NAME(path, "/%s", x->plural);
    json_t *checks = echo_checks(body);
    json_t *expect = json_pack("{s:o}", "json", checks);
    if (expect && x->owned && d->auth)
        json_object_set_new(checks, "owner_id", json_string("${user_a_id}"));
    json_t *s = add(d, name, req("POST", path, x->tok, "json", body), json_integer(201), expect);
    if (var)
        capture(d, s, var, "id");
    return s;
}

/* Entity pe, with x's caller */
static struct ent ent_of(const struct deriv *d, const struct ent *x, const json_t *pe)
{
    struct ent p = *x;
    p.e = pe;
    p.plural = str_of(pe, "plural");
    p.snake = str_of(pe, "snake");
    p.owned = jsonx_bool(pe, "owned", false);
    for (int op = 0; op < ACCESS_N_OPS; op++)
        p.rule[op] = access_rule_of(pe, d->auth, (enum access_op)op);
    return p;
}

static json_t *create_step(struct deriv *d, const struct ent *x, const char *name, json_t *body,
                           const char *var);

/* A unique reference (one to one) of every row but the main one needs a parent of its own:
 * those of body that point at the main parent row get a fresh one, made first (a unique
 * self-reference is left empty instead), all but the field named keep. */
static void fresh_unique_parents(struct deriv *d, const struct ent *x, json_t *body,
                                 const char *keep)
{
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        if (d->rc) /* past the step cap: chains of one-to-one links multiply their parents */
            return;
        const char *fn = str_of(f, "name");
        const json_t *pe = type_of(f) == SPEC_REFERENCE && jsonx_bool(f, "unique", false)
                               ? entity_named(d, str_of(f, "entity"))
                               : NULL;
        char main_var[200], var[200], ref[210], name[256];
        NAME(main_var, "${%s_id}", pe ? str_of(pe, "snake") : "");
        const char *v = json_string_value(json_object_get(body, fn));
        if (!pe || (keep && strcmp(fn, keep) == 0) || !v || strcmp(v, main_var) != 0)
            continue;
        if (pe == x->e) {
            json_object_set_new(body, fn, json_null());
            continue;
        }
        int n = d->fresh++;
        NAME(var, "%s_%s_p%d", x->snake, fn, n);
        NAME(ref, "${%s}", var);
        NAME(name, "%s: a %s of its own for the unique %s (%d)", x->plural, str_of(pe, "snake"),
             fn, n);
        struct ent p = ent_of(d, x, pe);
        create_step(d, &p, name, valid_body(d, pe, FRESH_VARIANT + n), var);
        json_object_set_new(body, fn, json_string(ref));
    }
}

/* A row of x other than its main one, with parents of its own where a reference is unique. */
static json_t *create_step(struct deriv *d, const struct ent *x, const char *name, json_t *body,
                           const char *var)
{
    fresh_unique_parents(d, x, body, NULL);
    return post_row(d, x, name, body, var);
}

/* The first field the list can filter by (codegen offers comparable types). */
static const json_t *filter_field(const json_t *e)
{
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(e, "fields"), i, f)
    {
        enum spec_type t = type_of(f);
        if ((t == SPEC_STRING || t == SPEC_TEXT || t == SPEC_INTEGER || t == SPEC_BOOLEAN ||
             t == SPEC_EMAIL || t == SPEC_URL || t == SPEC_ENUM) &&
            !reserved(str_of(f, "name")))
            return f;
    }
    return NULL;
}

static void list_steps(struct deriv *d, const struct ent *x, const char *id1, const char *id2)
{
    char name[256], path[1024], v[512];
    NAME(path, "/%s?limit=100&sort=-id", x->plural);
    NAME(name, "%s: list contains the new row", x->plural);
    add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(200),
        json_pack("{s:{s:s}}", "list_contains", "id", id1));

    const json_t *f = filter_field(x->e);
    if (f) {
        json_t *b0 = valid_body(d, x->e, 0), *b1 = valid_body(d, x->e, 1);
        const char *fn = str_of(f, "name");
        query_text(v, sizeof(v), json_object_get(b0, fn));
        NAME(path, "/%s?limit=100&sort=-id&%s=%s", x->plural, fn, v);
        NAME(name, "%s: filter by %s finds the row", x->plural, fn);
        add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(200),
            json_pack("{s:{s:s}}", "list_contains", "id", id1));
        if (!json_equal(json_object_get(b0, fn), json_object_get(b1, fn))) {
            query_text(v, sizeof(v), json_object_get(b1, fn));
            NAME(path, "/%s?limit=100&sort=-id&%s=%s", x->plural, fn, v);
            NAME(name, "%s: filter by another %s leaves the row out", x->plural, fn);
            add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(200),
                json_pack("{s:{s:s}}", "list_absent", "id", id1));
        }
        json_decref(b0);
        json_decref(b1);
    }
    NAME(path, "/%s?limit=1&sort=-id", x->plural);
    NAME(name, "%s: pagination limit=1 gives the newest row", x->plural);
    add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(200),
        json_pack("{s:i, s:{s:s}}", "list_max", 1, "json", "0.id", id2));
    NAME(path, "/%s?limit=1&offset=1&sort=-id", x->plural);
    NAME(name, "%s: pagination offset=1 gives the row before", x->plural);
    add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(200),
        json_pack("{s:i, s:{s:s}}", "list_max", 1, "json", "0.id", id1));
    NAME(path, "/%s?limit=2&sort=id&offset=0", x->plural);
    NAME(name, "%s: sort by id ascending is accepted", x->plural);
    add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(200),
        json_pack("{s:i}", "list_max", 2));
    static const struct {
        const char *query, *what;
    } bad[] = {{"sort=no_such_field", "sort by an unknown field"},
               {"limit=0", "limit=0"},
               {"limit=-1", "limit=-1"},
               {"offset=-1", "offset=-1"},
               {"limit=abc", "a limit that is no number"}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        NAME(path, "/%s?%s", x->plural, bad[i].query);
        NAME(name, "%s: list with %s -> 422", x->plural, bad[i].what);
        add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(422), NULL);
    }
}

static void invalid_steps(struct deriv *d, const struct ent *x)
{
    char name[256], path[512];
    NAME(path, "/%s", x->plural);
    json_t *base = valid_body(d, x->e, 8);
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        const char *fn = str_of(f, "name");
        enum spec_type t = type_of(f);
        json_t *body;
        if (jsonx_bool(f, "required", false) && !json_object_get(f, "default")) {
            body = json_deep_copy(base);
            json_object_del(body, fn);
            NAME(name, "%s: create without the required %s -> 422", x->plural, fn);
            add(d, name, req("POST", path, x->tok, "json", body), json_integer(422), NULL);
        }
        json_t *wrong = wrong_type(t);
        if (wrong) {
            body = json_deep_copy(base);
            json_object_set_new(body, fn, wrong);
            NAME(name, "%s: create with a wrong-typed %s -> 422", x->plural, fn);
            add(d, name, req("POST", path, x->tok, "json", body), json_integer(422), NULL);
        }
        if (t == SPEC_ENUM) {
            body = json_deep_copy(base);
            json_object_set_new(body, fn, json_string("not-one-of-the-values"));
            NAME(name, "%s: create with %s outside the enum -> 422", x->plural, fn);
            add(d, name, req("POST", path, x->tok, "json", body), json_integer(422), NULL);
        }
        double lim;
        if (spec_type_is_number(t)) {
            static const char *const keys[] = {"min", "max"};
            for (size_t k = 0; k < 2; k++) {
                if (!num(f, keys[k], &lim))
                    continue;
                json_t *out = beyond_bound(f, t, k == 1);
                if (!out)
                    continue;
                body = json_deep_copy(base);
                json_object_set_new(body, fn, out);
                NAME(name, "%s: create with %s %s the %s -> 422", x->plural, fn,
                     k == 0 ? "below" : "above", keys[k]);
                add(d, name, req("POST", path, x->tok, "json", body), json_integer(422), NULL);
            }
        }
        if (spec_type_is_text(t)) {
            long max = long_of(f, "max_length", -1), min = long_of(f, "min_length", 0);
            static const char *const tails[] = {"", "@example.com", ""};
            const char *tail = t == SPEC_EMAIL ? tails[1] : tails[0];
            long lens[2] = {max >= 0 ? max + 1 : -1, min > 0 ? min - 1 : -1};
            for (size_t k = 0; k < 2; k++) {
                if (lens[k] < 0 || lens[k] > 70000)
                    continue;
                size_t n = (size_t)lens[k];
                char *s = malloc(n + 1);
                if (!s) {
                    keep(d, -ENOMEM);
                    break;
                }
                /* An email or URL keeps its form so only the length is wrong. */
                const char *head = t == SPEC_URL ? "https://e.io/" : "";
                size_t hl = strlen(head), tl = strlen(tail);
                memset(s, 'x', n);
                if (n >= hl + tl + 1 && t != SPEC_STRING && t != SPEC_TEXT) {
                    memcpy(s, head, hl);
                    memcpy(s + n - tl, tail, tl);
                }
                s[n] = '\0';
                body = json_deep_copy(base);
                json_object_set_new(body, fn, json_string(s));
                free(s);
                NAME(name, "%s: create with %s %s -> 422", x->plural, fn,
                     k == 0 ? "over its max_length" : "under its min_length");
                add(d, name, req("POST", path, x->tok, "json", body), json_integer(422), NULL);
            }
        }
        if (t == SPEC_REFERENCE) {
            body = json_deep_copy(base);
            json_object_set_new(body, fn, json_integer(MISSING_ID));
            NAME(name, "%s: create with %s naming a missing row -> 4xx", x->plural, fn);
            add(d, name, req("POST", path, x->tok, "json", body), json_string("4xx"), NULL);
        }
    }
    json_decref(base);
}

static bool has_reference(const json_t *e)
{
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(e, "fields"), i, f)
    {
        if (type_of(f) == SPEC_REFERENCE)
            return true;
    }
    return false;
}

static void unique_steps(struct deriv *d, const struct ent *x)
{
    char name[256], path[512], var[160];
    bool any = false;
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        any |= jsonx_bool(f, "unique", false);
    }
    if (!any)
        return;
    NAME(var, "%s_u", x->snake);
    NAME(name, "%s: create a third row for the unique checks", x->plural);
    char ref[180];
    NAME(ref, "${%s}", var);
    create_step(d, x, name, valid_body(d, x->e, 3), var);
    json_t *main_body = valid_body(d, x->e, 0);
    int k = 10;
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        const char *fn = str_of(f, "name");
        /* An empty main value (a reference to a later entity, or to itself) clashes with
         * nothing: PostgreSQL's unique constraints let NULLs repeat. */
        if (!jsonx_bool(f, "unique", false) || json_is_null(json_object_get(main_body, fn)))
            continue;
        json_t *body = valid_body(d, x->e, k++);
        json_object_set(body, fn, json_object_get(main_body, fn));
        fresh_unique_parents(d, x, body, fn);
        NAME(path, "/%s", x->plural);
        NAME(name, "%s: create with a duplicate %s -> 409", x->plural, fn);
        add(d, name, req("POST", path, x->tok, "json", body), json_integer(409), NULL);
        /* Unique per owner (CONTRACT 1): another user may reuse the value; global: not. A
         * row with references would need that user's own parents, so those are left out. */
        if (d->auth && x->owned && !has_reference(x->e)) {
            bool global = access_unique_global(x->e, f);
            json_t *other = valid_body(d, x->e, 30 + k);
            json_object_set(other, fn, json_object_get(main_body, fn));
            NAME(name, "%s: another user reuses %s -> %d (unique %s)", x->plural, fn,
                 global ? 409 : 201, global ? "globally" : "per owner");
            add(d, name, req("POST", path, "token_b", "json", other),
                json_integer(global ? 409 : 201), NULL);
        }
        NAME(path, "/%s/%s", x->plural, ref);
        NAME(name, "%s: patch to a duplicate %s -> 409", x->plural, fn);
        add(d, name,
            req("PATCH", path, x->tok, "json",
                json_pack("{s:O}", fn, json_object_get(main_body, fn))),
            json_integer(409), NULL);
    }
    json_decref(main_body);
}

/* Each access rule with no token and another user's token; the owner's token is the main
 * flow. Delete is tried on a row of its own. */
static void access_steps(struct deriv *d, const struct ent *x, const char *id1)
{
    if (!d->auth)
        return;
    char name[256], path[512];
    for (enum caller c = NOBODY; c <= OTHER; c++) {
        int st = access_status(x->rule[ACCESS_LIST], c, 200);
        NAME(path, "/%s?limit=100&sort=-id", x->plural);
        NAME(name, "%s: list %s (%s)", x->plural, caller_name(c),
             access_rule_name(x->rule[ACCESS_LIST]));
        add(d, name, req("GET", path, caller_tok(c), NULL, NULL), json_integer(st ? st : 200),
            st == 401 ? NULL
            : st == 0 ? json_pack("{s:{s:s}}", "list_absent", "id", id1)
                      : json_pack("{s:{s:s}}", "list_contains", "id", id1));
        NAME(path, "/%s/%s", x->plural, id1);
        st = access_status(x->rule[ACCESS_READ], c, 200);
        NAME(name, "%s: read %s (%s)", x->plural, caller_name(c),
             access_rule_name(x->rule[ACCESS_READ]));
        add(d, name, req("GET", path, caller_tok(c), NULL, NULL), json_integer(st ? st : 404),
            NULL);
        st = access_status(x->rule[ACCESS_UPDATE], c, 200);
        NAME(name, "%s: update %s (%s)", x->plural, caller_name(c),
             access_rule_name(x->rule[ACCESS_UPDATE]));
        add(d, name, req("PATCH", path, caller_tok(c), "json", json_object()),
            json_integer(st ? st : 404), NULL);
        /* Another user's create needs their own parents; anyone's create is the main flow. */
        st = access_status(x->rule[ACCESS_CREATE], c, 201);
        if (c == NOBODY && (st == 401 || !has_reference(x->e))) {
            NAME(path, "/%s", x->plural);
            NAME(name, "%s: create %s (%s)", x->plural, caller_name(c),
                 access_rule_name(x->rule[ACCESS_CREATE]));
            add(d, name, req("POST", path, NULL, "json", valid_body(d, x->e, 9)), json_integer(st),
                NULL);
        }
    }
}

/* Does row variant k of x point at a row of the owner's that only the owner may read (an
 * owned parent whose read rule is "owner")? */
static bool refers_to_private_rows(const struct deriv *d, const struct ent *x)
{
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        const json_t *parent =
            type_of(f) == SPEC_REFERENCE ? entity_named(d, str_of(f, "entity")) : NULL;
        if (parent && !comes_after(d, parent, x->e) && jsonx_bool(parent, "owned", false) &&
            access_rule_of(parent, d->auth, ACCESS_READ) == ACCESS_OWNER)
            return true;
    }
    return false;
}

/* Another user may not point a row of their own at the owner's private rows: 422, the answer
 * for a row that does not exist, so it reveals nothing either. */
static void foreign_reference_steps(struct deriv *d, const struct ent *x)
{
    if (!d->auth || !x->owned || !refers_to_private_rows(d, x))
        return;
    char name[256], path[512];
    NAME(path, "/%s", x->plural);
    NAME(name, "%s: create as another user, pointing at the owner's rows -> 422", x->plural);
    add(d, name, req("POST", path, caller_tok(OTHER), "json", valid_body(d, x->e, 11)),
        json_integer(422), NULL);
}

static void delete_steps(struct deriv *d, const struct ent *x)
{
    char name[256], path[512], var[160], ref[180];
    NAME(var, "%s_d", x->snake);
    NAME(ref, "${%s}", var);
    NAME(name, "%s: create a row to delete", x->plural);
    create_step(d, x, name, valid_body(d, x->e, 4), var);
    NAME(path, "/%s/%s", x->plural, ref);
    if (d->auth) {
        for (enum caller c = NOBODY; c <= OTHER; c++) {
            int st = access_status(x->rule[ACCESS_DELETE], c, 204);
            if (st == 204)
                continue; /* allowed: the owner's delete below shows it */
            NAME(name, "%s: delete %s (%s)", x->plural, caller_name(c),
                 access_rule_name(x->rule[ACCESS_DELETE]));
            add(d, name, req("DELETE", path, caller_tok(c), NULL, NULL),
                json_integer(st ? st : 404), NULL);
        }
    }
    NAME(name, "%s: delete -> 204", x->plural);
    add(d, name, req("DELETE", path, x->tok, NULL, NULL), json_integer(204), NULL);
    NAME(name, "%s: read after delete -> 404", x->plural);
    add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(404), NULL);
    NAME(name, "%s: delete again -> 404", x->plural);
    add(d, name, req("DELETE", path, x->tok, NULL, NULL), json_integer(404), NULL);
}

static void ignored_steps(struct deriv *d, const struct ent *x)
{
    char name[256], path[512];
    NAME(path, "/%s", x->plural);
    json_t *body = valid_body(d, x->e, 5);
    json_object_set_new(body, "id", json_integer(CLIENT_ID));
    json_object_set_new(body, "created_at", json_string(CLIENT_STAMP));
    json_object_set_new(body, "updated_at", json_string(CLIENT_STAMP));
    json_t *not = json_pack("{s:i, s:s, s:s}", "id", CLIENT_ID, "created_at", CLIENT_STAMP,
                            "updated_at", CLIENT_STAMP);
    if (x->owned) {
        json_object_set_new(body, "owner_id", json_integer(CLIENT_ID));
        json_object_set_new(not, "owner_id", json_integer(CLIENT_ID));
    }
    NAME(name, "%s: client-supplied id, owner_id and timestamps are ignored", x->plural);
    add(d, name, req("POST", path, x->tok, "json", body), json_pack("[i,i]", 201, 422),
        json_pack("{s:o}", "json_not", not ));
}

static void patch_steps(struct deriv *d, const struct ent *x, const char *id1)
{
    const json_t *pf = NULL;
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        if (type_of(f) != SPEC_REFERENCE && !jsonx_bool(f, "unique", false)) {
            pf = f;
            break;
        }
    }
    if (!pf)
        return;
    char name[256], path[512];
    const char *fn = str_of(pf, "name");
    json_t *v = valid_value(x->e, pf, 2);
    NAME(path, "/%s/%s", x->plural, id1);
    NAME(name, "%s: patch %s", x->plural, fn);
    add(d, name, req("PATCH", path, x->tok, "json", json_pack("{s:O}", fn, v)), json_integer(200),
        json_pack("{s:{s:O}}", "json", fn, v));
    NAME(name, "%s: read after patch shows the new %s", x->plural, fn);
    add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(200),
        json_pack("{s:{s:O, s:s}}", "json", fn, v, "id", id1));
    json_decref(v);
}

/* For each reference of this entity to an entity before it (or, `later`, after it): a fresh
 * parent and child, then the parent deleted. */
static void on_delete_steps(struct deriv *d, const struct ent *x, bool later)
{
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        if (type_of(f) != SPEC_REFERENCE)
            continue;
        const json_t *pe = entity_named(d, str_of(f, "entity"));
        if (!pe || comes_after(d, pe, x->e) != later)
            continue;
        const char *fn = str_of(f, "name"), *how = str_of(f, "on_delete");
        int parent_k = FRESH_VARIANT + d->fresh++, child_k = FRESH_VARIANT + d->fresh++;
        struct ent p = ent_of(d, x, pe);
        char name[256], pvar[200], cvar[200], pref[210], cref[210], path[512];
        NAME(pvar, "%s_%s_parent", x->snake, fn);
        NAME(cvar, "%s_%s_child", x->snake, fn);
        NAME(pref, "${%s}", pvar);
        NAME(cref, "${%s}", cvar);
        NAME(name, "%s: on_delete %s of %s: create the parent", x->plural, how, fn);
        create_step(d, &p, name, valid_body(d, pe, parent_k), pvar);
        json_t *child = valid_body(d, x->e, child_k);
        json_object_set_new(child, fn, json_string(pref));
        NAME(name, "%s: on_delete %s of %s: create the child", x->plural, how, fn);
        create_step(d, x, name, child, cvar);
        bool restrict_ = strcmp(how, "restrict") == 0;
        NAME(path, "/%s/%s", p.plural, pref);
        NAME(name, "%s: on_delete %s of %s: delete the parent -> %d", x->plural, how, fn,
             restrict_ ? 409 : 204);
        add(d, name, req("DELETE", path, x->tok, NULL, NULL), json_integer(restrict_ ? 409 : 204),
            NULL);
        if (restrict_) {
            NAME(name, "%s: on_delete restrict of %s: the parent is still there", x->plural, fn);
            add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(200), NULL);
            continue;
        }
        NAME(path, "/%s/%s", x->plural, cref);
        bool cascade = strcmp(how, "cascade") == 0;
        NAME(name, "%s: on_delete %s of %s: the child %s", x->plural, how, fn,
             cascade ? "is gone" : "has no parent");
        add(d, name, req("GET", path, x->tok, NULL, NULL), json_integer(cascade ? 404 : 200),
            cascade ? NULL : json_pack("{s:{s:n}}", "json", fn));
    }
}

/* Hostile values for every field (in a create body) and every query parameter. Nothing
 * here may be accepted, and nothing may crash the server: "any 4xx". */
struct probe {
    const char *what, *raw;
};

static void probe_steps(struct deriv *d, const struct ent *x)
{
    char name[256], path[1024];
    char group[200];
    snprintf(group, sizeof(group), "probe:%s", str_of(x->e, "name"));
    d->group = group;
    json_t *base = valid_body(d, x->e, 7);
    char *deep = malloc(2 * DEEP_LEVELS + 1);
    if (!deep || !base) {
        free(deep);
        json_decref(base);
        keep(d, -ENOMEM);
        return;
    }
    memset(deep, '[', DEEP_LEVELS);
    memset(deep + DEEP_LEVELS, ']', DEEP_LEVELS);
    deep[2 * DEEP_LEVELS] = '\0';
    NAME(path, "/%s", x->plural);
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        const char *fn = str_of(f, "name");
        enum spec_type t = type_of(f);
        struct probe probes[12];
        size_t n = 0;
        probes[n++] = (struct probe){"a NUL character", "\"nul\\u0000byte\""};
        probes[n++] = (struct probe){"a lone surrogate", "\"sur\\ud800rogate\""};
        probes[n++] = (struct probe){"1e999", "1e999"};
        probes[n++] = (struct probe){"NaN", "NaN"};
        probes[n++] = (struct probe){"500-deep nesting", deep};
        if (t == SPEC_INTEGER || t == SPEC_REFERENCE) {
            probes[n++] = (struct probe){"1.5 (silent coercion)", "1.5"};
            probes[n++] = (struct probe){"2^63", "9223372036854775808"};
        }
        if (t == SPEC_FLOAT || t == SPEC_DECIMAL)
            probes[n++] = (struct probe){"-Infinity", "-Infinity"};
        if (t == SPEC_DATETIME) {
            probes[n++] = (struct probe){"year 1 at +14:00 (before year 1 in UTC)",
                                         "\"0001-01-01T00:00:00+14:00\""};
            probes[n++] = (struct probe){"year 9999 at -14:00 (after 9999 in UTC)",
                                         "\"9999-12-31T23:59:59-14:00\""};
        }
        if (t == SPEC_DATE)
            probes[n++] = (struct probe){"year 10000", "\"10000-01-01\""};
        if (t == SPEC_STRING || t == SPEC_TEXT || t == SPEC_EMAIL || t == SPEC_URL ||
            t == SPEC_ENUM || t == SPEC_UUID)
            probes[n++] = (struct probe){"a number (silent coercion)", "12345"};
        for (size_t k = 0; k < n; k++) {
            char *raw = raw_with(base, fn, probes[k].raw);
            if (!raw) {
                keep(d, -ENOMEM);
                break;
            }
            NAME(name, "%s: create with %s as %s -> 4xx", x->plural, probes[k].what, fn);
            add(d, name, req("POST", path, x->tok, "raw_body", json_string(raw)),
                json_string("4xx"), NULL);
            free(raw);
        }
    }
    /* The same values on update: a patch must refuse what a create refuses. */
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        static const struct probe patches[] = {{"a NUL character", "\"nul\\u0000byte\""},
                                               {"1e999", "1e999"}};
        const char *fn = str_of(f, "name");
        for (size_t k = 0; k < sizeof(patches) / sizeof(patches[0]); k++) {
            char *raw = fmt("{\"%s\":%s}", fn, patches[k].raw);
            if (!raw) {
                keep(d, -ENOMEM);
                break;
            }
            NAME(path, "/%s/${%s_id}", x->plural, x->snake);
            NAME(name, "%s: patch %s to %s -> 4xx", x->plural, fn, patches[k].what);
            add(d, name, req("PATCH", path, x->tok, "raw_body", json_string(raw)),
                json_string("4xx"), NULL);
            free(raw);
        }
    }
    static const struct {
        const char *query, *what;
    } queries[] = {{"offset=" HUGE_INT, "offset=10^20"},
                   {"limit=" HUGE_INT, "limit=10^20"},
                   {"offset=1e999", "offset=1e999"},
                   {"limit=NaN", "limit=NaN"},
                   {"sort=%00", "sort=NUL"},
                   {"sort=-%ED%A0%80", "sort=lone surrogate (CESU bytes)"}};
    for (size_t k = 0; k < sizeof(queries) / sizeof(queries[0]); k++) {
        NAME(path, "/%s?%s", x->plural, queries[k].query);
        NAME(name, "%s: list with %s -> 4xx", x->plural, queries[k].what);
        add(d, name, req("GET", path, x->tok, NULL, NULL), json_string("4xx"), NULL);
    }
    static const char *const ids[] = {HUGE_INT, "1.5", "%00", "-1e999"};
    for (size_t k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
        NAME(path, "/%s/%s", x->plural, ids[k]);
        NAME(name, "%s: read id %s -> 4xx", x->plural, ids[k]);
        add(d, name, req("GET", path, x->tok, NULL, NULL), json_string("4xx"), NULL);
    }
    json_array_foreach(json_object_get(x->e, "fields"), i, f)
    {
        enum spec_type t = type_of(f);
        const char *fn = str_of(f, "name");
        if (t == SPEC_JSON || reserved(fn))
            continue;
        const char *vals[3];
        size_t n = 0;
        if (spec_type_is_text(t) || t == SPEC_ENUM)
            vals[n++] = "%00";
        if (t == SPEC_INTEGER || t == SPEC_REFERENCE || t == SPEC_FLOAT || t == SPEC_DECIMAL) {
            vals[n++] = HUGE_INT;
            vals[n++] = "NaN";
        }
        if (t == SPEC_DATETIME)
            vals[n++] = "0001-01-01T00:00:00%2B14:00";
        if (t == SPEC_BOOLEAN || t == SPEC_DATE || t == SPEC_UUID)
            vals[n++] = "%00";
        for (size_t k = 0; k < n; k++) {
            NAME(path, "/%s?%s=%s", x->plural, fn, vals[k]);
            NAME(name, "%s: filter %s=%s -> 4xx", x->plural, fn, vals[k]);
            add(d, name, req("GET", path, x->tok, NULL, NULL), json_string("4xx"), NULL);
        }
    }
    if (d->auth && x->rule[ACCESS_LIST] != ACCESS_PUBLIC) {
        NAME(path, "/%s", x->plural);
        NAME(name, "%s: list with a token signed with \"change-me\" -> 401", x->plural);
        add(d, name,
            req("GET", path, NULL, "bearer_forged",
                json_pack("{s:s, s:s}", "secret", "change-me", "sub", "${user_a_id}")),
            json_integer(401), NULL);
    }
    free(deep);
    json_decref(base);
}

static struct ent ent_init(const struct deriv *d, const json_t *e)
{
    struct ent x = {.e = e,
                    .plural = str_of(e, "plural"),
                    .snake = str_of(e, "snake"),
                    .owned = jsonx_bool(e, "owned", false),
                    .tok = d->auth ? "token_a" : NULL};
    for (int op = 0; op < ACCESS_N_OPS; op++)
        x.rule[op] = access_rule_of(e, d->auth, (enum access_op)op);
    return x;
}

static void entity(struct deriv *d, const json_t *e)
{
    struct ent x = ent_init(d, e);
    char group[200], name[256], var[160], id1[180], id2[180], path[512];
    snprintf(group, sizeof(group), "entity:%s", str_of(e, "name"));
    d->group = group;

    NAME(var, "%s_id", x.snake);
    NAME(id1, "${%s}", var);
    NAME(name, "%s: create", x.plural);
    json_t *body = valid_body(d, e, 0);
    post_row(d, &x, name, json_deep_copy(body), var);
    NAME(path, "/%s/%s", x.plural, id1);
    NAME(name, "%s: read", x.plural);
    json_t *checks = echo_checks(body);
    json_object_set_new(checks, "id", json_string(id1));
    add(d, name, req("GET", path, x.tok, NULL, NULL), json_integer(200),
        json_pack("{s:o}", "json", checks));
    json_decref(body);

    NAME(var, "%s_id2", x.snake);
    NAME(id2, "${%s}", var);
    NAME(name, "%s: create a second row", x.plural);
    create_step(d, &x, name, valid_body(d, e, 1), var);
    list_steps(d, &x, id1, id2);
    invalid_steps(d, &x);
    unique_steps(d, &x);
    access_steps(d, &x, id1);
    foreign_reference_steps(d, &x);
    ignored_steps(d, &x);
    patch_steps(d, &x, id1);
    delete_steps(d, &x);
    on_delete_steps(d, &x, false);
    probe_steps(d, &x);
}

/* The on_delete steps of references to later entities (optional ones, in a cycle), once every
 * entity's main rows exist: a parent's body may point at rows made after the child's steps. */
static void later_on_delete_steps(struct deriv *d)
{
    size_t i;
    const json_t *e;
    json_array_foreach(d->entities, i, e)
    {
        struct ent x = ent_init(d, e);
        char group[200];
        snprintf(group, sizeof(group), "entity:%s", str_of(e, "name"));
        d->group = group;
        on_delete_steps(d, &x, true);
    }
}

/* ---- actions --------------------------------------------------------------------------- */

static bool body_method(const char *m)
{
    return strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 || strcmp(m, "PATCH") == 0;
}

/* The action's path with its inputs, as JSON body or query string. */
static json_t *action_req(const char *method, const char *apath, const json_t *input,
                          const char *tok)
{
    if (body_method(method))
        return req(method, apath, tok, "json", json_deep_copy(input));
    char path[2048], v[512];
    size_t o = (size_t)snprintf(path, sizeof(path), "%s", apath);
    const char *key;
    const json_t *val;
    char sep = '?';
    json_object_foreach((json_t *)input, key, val)
    {
        query_text(v, sizeof(v), val);
        if (o < sizeof(path))
            o += (size_t)snprintf(path + o, sizeof(path) - o, "%c%s=%s", sep, key, v);
        sep = '&';
    }
    return req(method, path, tok, NULL, NULL);
}

static void action(struct deriv *d, const json_t *a)
{
    char group[200], name[256];
    const char *an = str_of(a, "name"), *method = str_of(a, "method"), *apath = str_of(a, "path");
    snprintf(group, sizeof(group), "action:%s", an);
    d->group = group;
    bool needs_auth = d->auth && jsonx_bool(a, "auth_required", false);
    const char *tok = needs_auth ? "token_a" : NULL;
    size_t i;
    const json_t *ex;
    json_t *first_input = NULL;
    json_array_foreach(json_object_get(a, "examples"), i, ex)
    {
        const json_t *input = json_object_get(ex, "input");
        if (!json_is_object(input))
            continue;
        if (!first_input)
            first_input = json_deep_copy(input);
        NAME(name, "%s: example %zu", an, i + 1);
        const json_t *output = json_object_get(ex, "output");
        add(d, name, action_req(method, apath, input, tok), json_integer(200),
            json_is_object(output) && json_object_size(output) ? json_pack("{s:O}", "json", output)
                                                               : NULL);
    }
    if (needs_auth && first_input) {
        NAME(name, "%s: without a token -> 401", an);
        add(d, name, action_req(method, apath, first_input, NULL), json_integer(401), NULL);
    }
    const json_t *f;
    json_array_foreach(json_object_get(a, "input"), i, f)
    {
        /* In a query string every value is text: a string input has no wrong type there. */
        if (!body_method(method) && spec_type_is_text(type_of(f)))
            continue;
        json_t *wrong = wrong_type(type_of(f));
        if (!wrong)
            continue;
        json_t *input = first_input ? json_deep_copy(first_input) : json_object();
        json_object_set_new(input, str_of(f, "name"), wrong);
        NAME(name, "%s: a wrong-typed %s -> 422", an, str_of(f, "name"));
        add(d, name, action_req(method, apath, input, tok), json_integer(422), NULL);
        json_decref(input);
        break;
    }
    json_decref(first_input);
}

/* ---- the whole suite -------------------------------------------------------------------- */

int suite_derive(const json_t *spec, json_t **suite_out)
{
    *suite_out = NULL;
    const json_t *entities = json_object_get(spec, "entities");
    const json_t *actions = json_object_get(spec, "actions");
    if (!json_is_object(spec) || !json_is_array(entities) || !json_is_array(actions) ||
        !jsonx_str(spec, "name"))
        return -EINVAL;
    struct deriv d = {.spec = spec,
                      .entities = entities,
                      .steps = json_array(),
                      .auth = jsonx_bool(json_object_get(spec, "auth"), "enabled", false)};
    if (!d.steps)
        return -ENOMEM;
    size_t i;
    const json_t *e;
    json_array_foreach(entities, i, e)
    {
        if (!json_is_object(e) || !jsonx_str(e, "plural") || !jsonx_str(e, "snake") ||
            !json_is_array(json_object_get(e, "fields"))) {
            json_decref(d.steps);
            return -EINVAL;
        }
    }
    health(&d);
    if (d.auth)
        auth(&d);
    json_array_foreach(entities, i, e)
    {
        entity(&d, e);
    }
    later_on_delete_steps(&d);
    json_array_foreach(actions, i, e)
    {
        action(&d, e);
    }
    if (d.auth)
        auth_probes(&d);
    if (d.rc) {
        json_decref(d.steps);
        return d.rc;
    }
    *suite_out = json_pack("{s:i, s:s, s:o}", "suite_version", SUITE_VERSION, "name",
                           jsonx_str(spec, "name"), "steps", d.steps);
    return *suite_out ? 0 : -ENOMEM;
}

int suite_text(const json_t *spec, char **text_out, size_t *len_out)
{
    json_t *suite = NULL;
    int rc = suite_derive(spec, &suite);
    if (rc)
        return rc;
    char *text = json_dumps(suite, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_decref(suite);
    if (!text)
        return -ENOMEM;
    size_t n = strlen(text);
    char *out = realloc(text, n + 2);
    if (!out) {
        free(text);
        return -ENOMEM;
    }
    out[n] = '\n';
    out[n + 1] = '\0';
    *text_out = out;
    *len_out = n + 1;
    return 0;
}
