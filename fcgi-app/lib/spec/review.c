/* Spec review: parses a BackendSpec v1, checks every rule docs/spec.md lists and builds the
 * normalized form that codegen consumes (review.h). Errors refuse; warnings go on. */
#include "spec/review.h"

#include "spec/access.h"
#include "spec/inflect.h"
#include "core/jsonx.h"
#include "spec/names.h"
#include "spec/types.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTITIES 50
#define MAX_FIELDS   100
/* Fields of all entities together: the verification suite derives up to ~19 steps a field,
 * each body repeating its entity's fields; at this limit its suite.json stays near 25 MB
 * (the runner unpacks up to 32 MiB a file) */
#define MAX_SPEC_FIELDS  800
#define MAX_ACTIONS      50
#define MAX_IO_FIELDS    50
#define MAX_EXAMPLES     20
#define MAX_ENUM_VALUES  100
#define MAX_IDENT        63 /* PostgreSQL identifier limit */
#define MAX_SLUG         64
#define MAX_TITLE        200
#define MAX_SUMMARY      200
#define MAX_DESCRIPTION  2000
#define MAX_CODE_BYTES   20000
#define MAX_PATH_CHARS   200
#define MAX_LENGTH_LIMIT 10000
#define DEFAULT_MAX_STR  255
#define DEFAULT_MAX_URL  2048
/* The shortest email address and URL the generated patterns accept: "a@b.c", "http://a". */
/* Fewer distinct values than this in a unique field get a warning (warn_few_values). */
#define FEW_UNIQUE_VALUES 100
#define MIN_EMAIL_CHARS   5
#define MIN_URL_CHARS     8
#define DECIMAL_SHAPE     "at most 14 digits before the point and 4 after it"
#define SPEC_MAX_DEPTH    32
#define PATH_SIZE         256
#define NAME_SIZE         128

/* Where a field list lives: entity columns, action inputs or action outputs. */
enum field_place { IN_ENTITY, IN_INPUT, IN_OUTPUT };

struct ent {
    const json_t *in;
    size_t index;
    bool named; /* name, snake and plural are usable */
    bool owned;
    char name[NAME_SIZE], snake[NAME_SIZE], plural[NAME_SIZE];
    json_t *out; /* normalized entity (owned by the ctx until placed in the spec) */
    /* Outgoing references, for the required-cycle check and the sort. */
    size_t n_refs;
    size_t ref_to[MAX_FIELDS];
    size_t ref_field[MAX_FIELDS];
    bool ref_required[MAX_FIELDS];
};

struct ctx {
    struct review *rv;
    int oom;
    bool auth;
    struct ent *ents;
    size_t n_ents;
};

/* ---- problems ------------------------------------------------------------------------- */

/* After a cut at a byte limit: drops a trailing incomplete UTF-8 sequence, so problems
 * stay valid JSON strings (problems_to_json would fail on them). */
static void utf8_trim(char *s)
{
    size_t n = strlen(s);
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

static void add(struct ctx *c, struct problems *p, const char *path, const char *fmt, va_list ap)
{
    char msg[768];
    if (vsnprintf(msg, sizeof(msg), fmt, ap) >= (int)sizeof(msg))
        utf8_trim(msg);
    if (problems_add(p, path, "%s", msg) < 0)
        c->oom = -ENOMEM;
}

__attribute__((format(printf, 3, 4))) static void error(struct ctx *c, const char *path,
                                                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(c, &c->rv->errors, path, fmt, ap);
    va_end(ap);
}

__attribute__((format(printf, 3, 4))) static void warn(struct ctx *c, const char *path,
                                                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(c, &c->rv->warnings, path, fmt, ap);
    va_end(ap);
}

/* A user string for a message: quoted, escaped, cut at 60 bytes on a UTF-8 boundary. */
static const char *q(char *buf, size_t size, const char *s)
{
    if (!s)
        s = ""; /* a name lost to a failed allocation: review fails with -ENOMEM anyway */
    size_t n = 0;
    buf[n++] = '"';
    for (size_t i = 0; s[i] && n + 8 < size; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (i >= 60 && (ch & 0xc0) != 0x80) {
            memcpy(buf + n, "...", 3);
            n += 3;
            break;
        }
        if (ch == '"' || ch == '\\') {
            buf[n++] = '\\';
            buf[n++] = (char)ch;
        } else if (ch < 0x20) {
            n += (size_t)snprintf(buf + n, size - n, "\\u%04x", ch);
        } else {
            buf[n++] = (char)ch;
        }
    }
    buf[n] = '\0';
    utf8_trim(buf); /* the buffer may have filled up inside a character */
    n = strlen(buf);
    buf[n++] = '"';
    buf[n] = '\0';
    return buf;
}

/* Any JSON value for a message, compact and cut short. */
static const char *show(char *buf, size_t size, const json_t *v)
{
    /* ASCII output, so the cut below cannot split a character. */
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_ENSURE_ASCII);
    if (!s) {
        snprintf(buf, size, "the value");
        return buf;
    }
    if (strlen(s) > 60)
        snprintf(buf, size, "%.57s...", s);
    else
        snprintf(buf, size, "%s", s);
    free(s);
    return buf;
}

/* JSON paths are cut at PATH_SIZE; they are built from indices and known keys, so only
 * absurd nesting could reach that. */
__attribute__((format(printf, 2, 3))) static void pathf(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(out, PATH_SIZE, fmt, ap) >= PATH_SIZE)
        utf8_trim(out);
    va_end(ap);
}

static void sub(char *out, const char *path, const char *key)
{
    pathf(out, "%s.%s", path, key);
}

static void idx(char *out, const char *path, const char *key, size_t i)
{
    if (key)
        pathf(out, "%s.%s[%zu]", path, key, i);
    else
        pathf(out, "%s[%zu]", path, i);
}

/* ---- small checks --------------------------------------------------------------------- */

static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static bool has_control(const char *s, bool allow_newlines)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == 0x7f ||
            (ch < 0x20 && !(allow_newlines && (ch == '\n' || ch == '\t' || ch == '\r'))))
            return true;
    }
    return false;
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* path.key for identifier-like keys, path["any key"] (quoted, cut short) otherwise. */
static void key_path(char *out, const char *path, const char *key)
{
    char qk[160];
    bool plain = key[0] != '\0' && strlen(key) <= 64;
    for (const char *s = key; *s && plain; s++)
        plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
                (*s >= '0' && *s <= '9');
    if (plain)
        pathf(out, "%s.%s", path, key);
    else
        pathf(out, "%s[%s]", path, q(qk, sizeof(qk), key));
}

/* Unknown keys are errors: a typo ("requried") would otherwise silently drop a rule. */
static void check_keys(struct ctx *c, const json_t *obj, const char *path,
                       const char *const *allowed)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v)
    {
        bool known = false;
        for (size_t i = 0; allowed[i] && !known; i++)
            known = strcmp(key, allowed[i]) == 0;
        if (known)
            continue;
        /* Only unknown keys pay for the suggestion. */
        const char *near = NULL;
        for (size_t i = 0; allowed[i] && !near; i++)
            if (edit_distance(key, allowed[i]) <= 2)
                near = allowed[i];
        char p[PATH_SIZE], qk[160];
        key_path(p, path, key);
        if (near)
            error(c, p, "unknown key %s (did you mean \"%s\"?)", q(qk, sizeof(qk), key), near);
        else
            error(c, p, "unknown key %s", q(qk, sizeof(qk), key));
    }
}

/* Optional string member: 0 absent (or null), 1 present and fine, -1 wrong (reported). */
static int get_str(struct ctx *c, const json_t *obj, const char *key, const char *path,
                   size_t max_chars, bool multiline, const char **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    char p[PATH_SIZE];
    sub(p, path, key);
    if (!json_is_string(v)) {
        error(c, p, "must be a string, not %s", jsonx_kind(v));
        return -1;
    }
    const char *s = json_string_value(v);
    if (strlen(s) != json_string_length(v) || has_control(s, multiline)) {
        error(c, p, "contains control characters");
        return -1;
    }
    size_t n = utf8_len(s);
    if (n > max_chars) {
        error(c, p, "is %zu characters long; at most %zu are allowed", n, max_chars);
        return -1;
    }
    *out = s;
    return 1;
}

static int get_bool(struct ctx *c, const json_t *obj, const char *key, const char *path, bool *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_boolean(v)) {
        char p[PATH_SIZE];
        sub(p, path, key);
        error(c, p, "must be true or false, not %s", jsonx_kind(v));
        return -1;
    }
    *out = json_is_true(v);
    return 1;
}

static void set_new(struct ctx *c, json_t *obj, const char *key, json_t *v)
{
    if (!v || json_object_set_new(obj, key, v) < 0)
        c->oom = -ENOMEM;
}

static bool is_ident(const char *s)
{
    if (!(s[0] >= 'a' && s[0] <= 'z'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* Normalization may change a name the user wrote: it then says so, with the path, so that
 * nobody finds a renamed table or endpoint only in the generated code. `also` (may be "")
 * follows the message, e.g. " (table task_items)". */
static void warn_renamed(struct ctx *c, const char *path, const char *what, const char *raw,
                         const char *written, const char *also)
{
    char qb[160], qn[160];
    if (strcmp(raw, written) != 0)
        warn(c, path, "%s name %s is written %s%s", what, q(qb, sizeof(qb), raw),
             q(qn, sizeof(qn), written), also);
}

/* Normalizes a field/action name to snake_case and checks its syntax; 0 or -1 (reported).
 * `what` is "field" or "action" for messages. */
static int snake_name(struct ctx *c, const char *raw, const char *path, const char *what,
                      char *out)
{
    char qb[160];
    if (raw[0] == '_') {
        error(c, path, "%s must not start with an underscore (private in Python)",
              q(qb, sizeof(qb), raw));
        return -1;
    }
    if (inflect_snake(raw, out, NAME_SIZE) < 0 || strlen(out) > MAX_IDENT) {
        error(c, path, "%s name is longer than %d characters", what, MAX_IDENT);
        return -1;
    }
    if (out[0] == '\0') {
        error(c, path, "%s is not usable as %s name (use letters, digits and underscores)",
              q(qb, sizeof(qb), raw), what);
        return -1;
    }
    if (!is_ident(out)) {
        error(c, path, "%s name %s must start with a letter", what, q(qb, sizeof(qb), out));
        return -1;
    }
    warn_renamed(c, path, what, raw, out, "");
    if (names_is_python_keyword(out)) {
        error(c, path, "%s is a Python keyword and cannot name %s", q(qb, sizeof(qb), out), what);
        return -1;
    }
    return 0;
}

/* ---- values --------------------------------------------------------------------------- */

static enum spec_type type_of(const json_t *field)
{
    return spec_type_from_name(jsonx_str(field, "type"));
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool valid_date(const char *s)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
        return false;
    int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]][Z|±HH:MM], what pydantic 1.10 parses. */
static bool valid_datetime(const char *s)
{
    if (strlen(s) < 16 || !valid_date(s) || (s[10] != 'T' && s[10] != ' '))
        return false;
    const char *t = s + 11;
    if (!digits(t, 2) || t[2] != ':' || !digits(t + 3, 2) || num(t, 2) > 23 || num(t + 3, 2) > 59)
        return false;
    t += 5;
    if (*t == ':') {
        if (!digits(t + 1, 2) || num(t + 1, 2) > 59)
            return false;
        t += 3;
        if (*t == '.') {
            size_t n = 0;
            while (t[1 + n] >= '0' && t[1 + n] <= '9')
                n++;
            if (n < 1 || n > 6)
                return false;
            t += 1 + n;
        }
    }
    if (*t == 'Z')
        return t[1] == '\0';
    if (*t == '+' || *t == '-')
        return digits(t + 1, 2) && t[3] == ':' && digits(t + 4, 2) && t[6] == '\0' &&
               num(t + 1, 2) <= 23 && num(t + 4, 2) <= 59;
    return *t == '\0';
}

static bool valid_uuid(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char ch = s[i];
        bool hex =
            (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
        if (dash ? ch != '-' : !hex)
            return false;
    }
    return true;
}

static bool valid_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || strlen(s) > 254)
        return false;
    const char *dot = strrchr(at + 1, '.');
    if (!dot || dot == at + 1 || dot[1] == '\0')
        return false;
    for (; *s; s++)
        if (*s == ' ' || (unsigned char)*s < 0x21)
            return false;
    return true;
}

static bool valid_url(const char *s)
{
    const char *host;
    if (strncmp(s, "http://", 7) == 0)
        host = s + 7;
    else if (strncmp(s, "https://", 8) == 0)
        host = s + 8;
    else
        return false;
    if (*host == '\0' || *host == '/')
        return false;
    for (; *s; s++)
        if ((unsigned char)*s <= 0x20)
            return false;
    return true;
}

static double number(const json_t *v)
{
    return json_is_integer(v) ? (double)json_integer_value(v) : json_real_value(v);
}

/* Checks one value against a normalized field (type and constraints). Reports at `path`
 * and returns false when it does not fit. Used for defaults and action examples. */
static bool check_value(struct ctx *c, const char *path, const json_t *field, const json_t *v)
{
    char vb[96];
    enum spec_type t = type_of(field);
    const json_t *lo = json_object_get(field, "min"), *hi = json_object_get(field, "max");
    switch (t) {
    case SPEC_INTEGER:
        if (!json_is_integer(v)) {
            error(c, path, "%s is not an integer", show(vb, sizeof(vb), v));
            return false;
        }
        break;
    case SPEC_FLOAT:
    case SPEC_DECIMAL:
        if (!json_is_number(v)) {
            error(c, path, "%s is not a number", show(vb, sizeof(vb), v));
            return false;
        }
        break;
    case SPEC_BOOLEAN:
        if (!json_is_boolean(v)) {
            error(c, path, "%s is not true or false", show(vb, sizeof(vb), v));
            return false;
        }
        return true;
    case SPEC_JSON:
        return true;
    case SPEC_REFERENCE:
        error(c, path, "a reference cannot have a fixed value");
        return false;
    default:
        if (!json_is_string(v)) {
            error(c, path, "%s is not a string", show(vb, sizeof(vb), v));
            return false;
        }
        break;
    }
    if (spec_type_is_number(t)) {
        double d = number(v);
        if (t == SPEC_DECIMAL && !spec_decimal_fits(d)) {
            error(c, path, "%s does not fit a decimal (" DECIMAL_SHAPE ")",
                  show(vb, sizeof(vb), v));
            return false;
        }
        if (lo && d < number(lo)) {
            error(c, path, "%s is below the minimum %s", show(vb, sizeof(vb), v),
                  show(vb + 48, sizeof(vb) - 48, lo));
            return false;
        }
        if (hi && d > number(hi)) {
            error(c, path, "%s is above the maximum %s", show(vb, sizeof(vb), v),
                  show(vb + 48, sizeof(vb) - 48, hi));
            return false;
        }
        return true;
    }
    const char *s = json_string_value(v);
    char qb[160];
    switch (t) {
    case SPEC_DATE:
        if (!valid_date(s)) {
            error(c, path, "%s is not a date (YYYY-MM-DD)", q(qb, sizeof(qb), s));
            return false;
        }
        return true;
    case SPEC_DATETIME:
        if (!valid_datetime(s)) {
            error(c, path, "%s is not an ISO 8601 date and time (YYYY-MM-DDTHH:MM:SSZ)",
                  q(qb, sizeof(qb), s));
            return false;
        }
        return true;
    case SPEC_UUID:
        if (!valid_uuid(s)) {
            error(c, path, "%s is not a UUID", q(qb, sizeof(qb), s));
            return false;
        }
        return true;
    case SPEC_ENUM: {
        const json_t *values = json_object_get(field, "values");
        size_t i;
        const json_t *e;
        json_array_foreach(values, i, e) if (json_equal((json_t *)e, (json_t *)v)) return true;
        error(c, path, "%s is not one of the enum values", q(qb, sizeof(qb), s));
        return false;
    }
    case SPEC_EMAIL:
        if (!valid_email(s)) {
            error(c, path, "%s is not an email address", q(qb, sizeof(qb), s));
            return false;
        }
        break;
    case SPEC_URL:
        if (!valid_url(s)) {
            error(c, path, "%s is not an http or https URL", q(qb, sizeof(qb), s));
            return false;
        }
        break;
    default:
        break;
    }
    size_t n = utf8_len(s);
    const json_t *minl = json_object_get(field, "min_length");
    const json_t *maxl = json_object_get(field, "max_length");
    if (minl && (json_int_t)n < json_integer_value(minl)) {
        error(c, path, "%s is shorter than min_length %lld", q(qb, sizeof(qb), s),
              (long long)json_integer_value(minl));
        return false;
    }
    if (maxl && (json_int_t)n > json_integer_value(maxl)) {
        error(c, path, "%s is longer than max_length %lld", q(qb, sizeof(qb), s),
              (long long)json_integer_value(maxl));
        return false;
    }
    return true;
}

/* ---- fields --------------------------------------------------------------------------- */

static const char *const field_keys[] = {
    "name",       "type",       "required", "unique", "description", "default",      "min", "max",
    "min_length", "max_length", "values",   "entity", "on_delete",   "unique_scope", NULL};

/* Finds the entity a reference names: "Project", "project", "projects" all match. */
static struct ent *find_entity(struct ctx *c, const char *ref)
{
    char snake[NAME_SIZE], pascal[NAME_SIZE];
    if (inflect_snake(ref, snake, sizeof(snake)) < 0 ||
        inflect_pascal(ref, pascal, sizeof(pascal)) < 0)
        return NULL;
    for (size_t i = 0; i < c->n_ents; i++) {
        struct ent *e = &c->ents[i];
        if (e->named && (strcmp(e->name, pascal) == 0 || strcmp(e->snake, snake) == 0 ||
                         strcmp(e->plural, snake) == 0))
            return e;
    }
    return NULL;
}

/* Constraint keys valid per type. */
static bool applies(const char *key, enum spec_type t, enum field_place place)
{
    if (strcmp(key, "min") == 0 || strcmp(key, "max") == 0)
        return spec_type_is_number(t);
    if (strcmp(key, "min_length") == 0 || strcmp(key, "max_length") == 0)
        return spec_type_is_text(t);
    if (strcmp(key, "values") == 0)
        return t == SPEC_ENUM;
    if (strcmp(key, "entity") == 0 || strcmp(key, "on_delete") == 0)
        return t == SPEC_REFERENCE;
    if (strcmp(key, "unique") == 0)
        return place == IN_ENTITY;
    return true;
}

static void check_bounds(struct ctx *c, const json_t *f, const char *path, enum spec_type t,
                         json_t *out, bool *ok)
{
    char p[PATH_SIZE], vb[96];
    const json_t *lo = json_object_get(f, "min"), *hi = json_object_get(f, "max");
    const char *keys[2] = {"min", "max"};
    const json_t *vals[2] = {lo, hi};
    for (int i = 0; i < 2; i++) {
        if (!vals[i] || json_is_null(vals[i]))
            continue;
        sub(p, path, keys[i]);
        if (t == SPEC_INTEGER ? !json_is_integer(vals[i]) : !json_is_number(vals[i])) {
            error(c, p, "%s is not %s", show(vb, sizeof(vb), vals[i]),
                  t == SPEC_INTEGER ? "an integer" : "a number");
            *ok = false;
            vals[i] = NULL;
            continue;
        }
        if (!isfinite(number(vals[i]))) {
            error(c, p, "must be a finite number");
            *ok = false;
            vals[i] = NULL;
            continue;
        }
        if (t == SPEC_DECIMAL && !spec_decimal_fits(number(vals[i]))) {
            error(c, p, "%s does not fit a decimal (" DECIMAL_SHAPE ")",
                  show(vb, sizeof(vb), vals[i]));
            *ok = false;
            vals[i] = NULL;
            continue;
        }
        set_new(c, out, keys[i], json_deep_copy(vals[i]));
    }
    if (vals[0] && vals[1] && number(vals[0]) > number(vals[1])) {
        sub(p, path, "min");
        error(c, p, "min %s is greater than max %s", show(vb, sizeof(vb), vals[0]),
              show(vb + 48, sizeof(vb) - 48, vals[1]));
        *ok = false;
    }
}

static void check_lengths(struct ctx *c, const json_t *f, const char *path, enum spec_type t,
                          json_t *out, bool *ok)
{
    char p[PATH_SIZE], vb[96];
    const char *keys[2] = {"min_length", "max_length"};
    json_int_t v[2] = {-1, -1};
    for (int i = 0; i < 2; i++) {
        const json_t *x = json_object_get(f, keys[i]);
        if (!x || json_is_null(x))
            continue;
        sub(p, path, keys[i]);
        if (!json_is_integer(x) || json_integer_value(x) < 0 ||
            json_integer_value(x) > MAX_LENGTH_LIMIT) {
            error(c, p, "%s is not an integer between 0 and %d", show(vb, sizeof(vb), x),
                  MAX_LENGTH_LIMIT);
            *ok = false;
            continue;
        }
        v[i] = json_integer_value(x);
    }
    if (v[1] == 0) {
        sub(p, path, "max_length");
        error(c, p, "max_length must be at least 1");
        *ok = false;
        return;
    }
    /* Text of any length from 1 up has a valid value; an address needs room for its form. */
    bool address = t == SPEC_EMAIL || t == SPEC_URL;
    json_int_t shortest = t == SPEC_EMAIL ? MIN_EMAIL_CHARS : MIN_URL_CHARS;
    if (address && v[1] >= 0 && v[1] < shortest) {
        sub(p, path, "max_length");
        error(c, p, "max_length %lld leaves no valid %s (the shortest is %lld characters)",
              (long long)v[1], t == SPEC_EMAIL ? "email address" : "URL", (long long)shortest);
        *ok = false;
        return;
    }
    if (v[0] >= 0 && v[1] >= 0 && v[0] > v[1]) {
        sub(p, path, "min_length");
        error(c, p, "min_length %lld is greater than max_length %lld", (long long)v[0],
              (long long)v[1]);
        *ok = false;
        return;
    }
    /* Bounded columns by default: VARCHAR(255) for strings, room for long URLs. */
    if (v[1] < 0 && t != SPEC_TEXT) {
        json_int_t dflt = t == SPEC_URL ? DEFAULT_MAX_URL : DEFAULT_MAX_STR;
        v[1] = v[0] > dflt ? MAX_LENGTH_LIMIT : dflt;
    }
    if (v[0] >= 0)
        set_new(c, out, "min_length", json_integer(v[0]));
    if (v[1] >= 0)
        set_new(c, out, "max_length", json_integer(v[1]));
}

static void check_values(struct ctx *c, const json_t *f, const char *path, json_t *out, bool *ok)
{
    char p[PATH_SIZE], qb[160];
    const json_t *values = json_object_get(f, "values");
    sub(p, path, "values");
    if (!values) {
        error(c, p, "an enum needs a list of values");
        *ok = false;
        return;
    }
    if (!json_is_array(values) || json_array_size(values) < 1 ||
        json_array_size(values) > MAX_ENUM_VALUES) {
        error(c, p, "must be a list of 1 to %d values", MAX_ENUM_VALUES);
        *ok = false;
        return;
    }
    json_t *copy = json_array();
    size_t i;
    const json_t *v;
    json_array_foreach(values, i, v)
    {
        char pi[PATH_SIZE];
        idx(pi, p, NULL, i);
        const char *s = json_string_value(v);
        if (!s) {
            error(c, pi, "enum values must be strings, not %s", jsonx_kind(v));
            *ok = false;
            continue;
        }
        if (s[0] == '\0' || utf8_len(s) > MAX_IDENT || has_control(s, false) ||
            strlen(s) != json_string_length(v)) {
            error(c, pi,
                  "%s is not a usable enum value (1 to %d characters, no control "
                  "characters)",
                  q(qb, sizeof(qb), s), MAX_IDENT);
            *ok = false;
            continue;
        }
        for (size_t j = 0; j < i; j++)
            if (json_equal(json_array_get(values, j), (json_t *)v)) {
                error(c, pi, "%s appears twice", q(qb, sizeof(qb), s));
                *ok = false;
            }
        if (copy && json_array_append(copy, (json_t *)v) < 0)
            c->oom = -ENOMEM;
    }
    set_new(c, out, "values", copy);
}

/* Type hints from common names: a warning when the name says one thing and the type
 * another (an `email` stored as an integer is probably a mistake, but generatable). */
static void name_type_hint(struct ctx *c, const char *fpath, const char *name, enum spec_type t)
{
    char path[PATH_SIZE];
    sub(path, fpath, "type");
    size_t n = strlen(name);
    bool ends_at = n > 3 && strcmp(name + n - 3, "_at") == 0;
    bool ends_date = (n > 5 && strcmp(name + n - 5, "_date") == 0) || strcmp(name, "date") == 0;
    const char *want = NULL;
    if ((strcmp(name, "email") == 0 || (n > 6 && strcmp(name + n - 6, "_email") == 0)) &&
        t != SPEC_EMAIL && t != SPEC_STRING)
        want = "email";
    else if ((strcmp(name, "url") == 0 || strcmp(name, "website") == 0 ||
              (n > 4 && strcmp(name + n - 4, "_url") == 0)) &&
             t != SPEC_URL && t != SPEC_STRING)
        want = "url";
    else if ((ends_at || ends_date) && t != SPEC_DATE && t != SPEC_DATETIME)
        want = "date or datetime";
    else if ((strncmp(name, "is_", 3) == 0 || strncmp(name, "has_", 4) == 0) && t != SPEC_BOOLEAN)
        want = "boolean";
    if (want) {
        char qb[160];
        warn(c, path, "field %s is typed %s; its name suggests %s", q(qb, sizeof(qb), name),
             spec_type_name(t), want);
    }
    if (t == SPEC_FLOAT && (strstr(name, "price") || strstr(name, "amount") ||
                            strstr(name, "cost") || strstr(name, "balance"))) {
        char qb[160];
        warn(c, path, "field %s holds money as float; decimal keeps exact cents",
             q(qb, sizeof(qb), name));
    }
}

/* The field's name: snake_case into `nm` (NAME_SIZE), reserved names refused, names that
 * shadow Python builtins or SQL words warned. False when it cannot be used (reported). */
static bool field_name(struct ctx *c, const json_t *f, const char *path, enum field_place place,
                       const struct ent *e, char *nm)
{
    char p[PATH_SIZE], qb[160];
    const char *raw;
    sub(p, path, "name");
    int r = get_str(c, f, "name", path, 200, false, &raw);
    if (r == 0) {
        error(c, p, "a field needs a name");
        return false;
    }
    if (r < 0 || snake_name(c, raw, p, "a field", nm) < 0)
        return false;
    const char *why = place == IN_ENTITY ? names_reserved_field(nm) : names_reserved_io(nm);
    if (why) {
        error(c, p, "%s is %s", q(qb, sizeof(qb), nm), why);
        return false;
    }
    if (place == IN_ENTITY && e && e->owned && strcmp(nm, "owner") == 0) {
        error(c, p,
              "\"owner\" is the generated link to the owning user of an owned "
              "entity");
        return false;
    }
    if (names_is_python_builtin(nm))
        warn(c, p,
             "%s is also a Python builtin: fine as a column, but action code or "
             "hand-written code that uses it as a variable hides the builtin",
             q(qb, sizeof(qb), nm));
    else if (place == IN_ENTITY && names_is_sql_reserved(nm))
        warn(c, p,
             "%s is an SQL reserved word; the generated code quotes it, quote it "
             "in hand-written SQL too",
             q(qb, sizeof(qb), nm));
    return true;
}

/* The field's type, or SPEC_TYPE_COUNT when it is missing, unknown or not allowed in this
 * place (reported): without a type nothing else about the field can be checked. */
static enum spec_type field_type(struct ctx *c, const json_t *f, const char *path,
                                 enum field_place place)
{
    char p[PATH_SIZE], qb[160];
    const json_t *tv = json_object_get(f, "type");
    sub(p, path, "type");
    enum spec_type t = type_of(f);
    if (!tv) {
        error(c, p, "a field needs a type");
        return SPEC_TYPE_COUNT;
    }
    if (t == SPEC_TYPE_COUNT) {
        if (json_is_string(tv))
            error(c, p,
                  "%s is not a field type (string, text, integer, float, decimal, "
                  "boolean, date, datetime, uuid, email, url, enum, json, reference)",
                  q(qb, sizeof(qb), json_string_value(tv)));
        else
            error(c, p, "must be a string, not %s", jsonx_kind(tv));
        return SPEC_TYPE_COUNT;
    }
    if (t == SPEC_REFERENCE && place != IN_ENTITY) {
        error(c, p, "action inputs and outputs cannot be references");
        return SPEC_TYPE_COUNT;
    }
    if (t == SPEC_JSON && place == IN_INPUT) {
        error(c, p, "action inputs must be scalar values; json is allowed in outputs only");
        return SPEC_TYPE_COUNT;
    }
    return t;
}

/* Constraints that do not apply to this type are errors: they would be ignored. */
static void check_applicable(struct ctx *c, const json_t *f, const char *path, enum spec_type t,
                             enum field_place place, bool *ok)
{
    char p[PATH_SIZE];
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)f, key, v)
    {
        if (json_is_null(v) || applies(key, t, place))
            continue;
        sub(p, path, key);
        if (strcmp(key, "unique") == 0)
            error(c, p, "unique applies to entity fields only");
        else
            error(c, p, "%s does not apply to %s fields", key, spec_type_name(t));
        *ok = false;
    }
}

/* A reference column: the target entity and on_delete into `out`, and the edge recorded on
 * `e` (when given) for the required-cycle check and the sort. */
static void check_reference(struct ctx *c, const json_t *f, const char *path,
                            enum field_place place, struct ent *e, size_t field_index,
                            bool required, json_t *out, bool *ok)
{
    char p[PATH_SIZE], qb[160];
    const char *target, *od;
    sub(p, path, "entity");
    int rr = get_str(c, f, "entity", path, 200, false, &target);
    struct ent *to = rr > 0 ? find_entity(c, target) : NULL;
    if (rr == 0) {
        error(c, p, "a reference needs the entity it points to");
        *ok = false;
    } else if (rr > 0 && !to) {
        char ts[NAME_SIZE] = "";
        inflect_snake(target, ts, sizeof(ts));
        if (c->auth && (strcmp(ts, "user") == 0 || strcmp(ts, "users") == 0))
            error(c, p,
                  "references to the auth user are not fields: set \"owned\": true "
                  "on the entity instead");
        else
            error(c, p, "unknown entity %s", q(qb, sizeof(qb), target));
        *ok = false;
    } else if (to) {
        warn_renamed(c, p, "referenced entity", target, to->name, "");
        set_new(c, out, "entity", json_string(to->name));
    } else {
        *ok = false;
    }
    sub(p, path, "on_delete");
    rr = get_str(c, f, "on_delete", path, 20, false, &od);
    if (rr < 0) {
        *ok = false;
    } else if (rr > 0 && strcmp(od, "cascade") != 0 && strcmp(od, "set_null") != 0 &&
               strcmp(od, "restrict") != 0) {
        error(c, p, "%s is not cascade, set_null or restrict", q(qb, sizeof(qb), od));
        *ok = false;
    } else if (rr > 0 && strcmp(od, "set_null") == 0 && required) {
        error(c, p, "set_null cannot apply to a required reference");
        *ok = false;
    }
    set_new(c, out, "on_delete", json_string(rr > 0 ? od : "restrict"));
    if (to && e && e->n_refs < MAX_FIELDS) {
        e->ref_to[e->n_refs] = (size_t)(to - c->ents);
        e->ref_field[e->n_refs] = field_index;
        e->ref_required[e->n_refs++] = required;
        if (place == IN_ENTITY && !e->owned && to->owned) {
            sub(p, path, "entity");
            warn(c, p,
                 "%s is not owned but references the owned %s: rows may point at "
                 "another user's rows",
                 e->name, to->name);
        }
    }
}

/* The default, checked against the normalized field so far (`out`: type and limits). */
static void check_default(struct ctx *c, const json_t *f, const char *path, enum spec_type t,
                          enum field_place place, bool unique, json_t *out, bool *ok)
{
    char p[PATH_SIZE];
    const json_t *dv = json_object_get(f, "default");
    if (!dv || json_is_null(dv))
        return;
    sub(p, path, "default");
    if (t == SPEC_REFERENCE) {
        error(c, p, "a reference cannot have a default");
        *ok = false;
    } else if (place == IN_OUTPUT) {
        error(c, p, "outputs have no default");
        *ok = false;
    } else if (*ok && check_value(c, p, out, dv)) {
        set_new(c, out, "default", json_deep_copy(dv));
        if (unique)
            warn(c, p, "a unique field with a default allows only one row that keeps it");
    } else {
        *ok = false;
    }
}

/* A unique enum, or integer with close bounds, holds a row per value; fewer than the rows a
 * user or the verification suite makes is worth a warning (a unique boolean has its own). */
static void warn_few_values(struct ctx *c, const char *path, enum spec_type t, const json_t *out)
{
    char p[PATH_SIZE];
    const json_t *lo = json_object_get(out, "min"), *hi = json_object_get(out, "max");
    long long n = -1;
    if (t == SPEC_ENUM)
        n = (long long)json_array_size(json_object_get(out, "values"));
    else if (t == SPEC_INTEGER && json_is_integer(lo) && json_is_integer(hi) &&
             json_integer_value(hi) - json_integer_value(lo) < FEW_UNIQUE_VALUES &&
             json_integer_value(hi) - json_integer_value(lo) >= 0)
        n = (long long)(json_integer_value(hi) - json_integer_value(lo) + 1);
    if (n < 0 || n >= FEW_UNIQUE_VALUES)
        return;
    sub(p, path, "unique");
    warn(c, p, "a unique %s of %lld values allows at most %lld rows", spec_type_name(t), n, n);
}

/* Reviews one field; returns the normalized field (new reference) or NULL when it has
 * errors. `e` is the entity for columns (references are recorded on it), NULL otherwise. */
static json_t *review_field(struct ctx *c, const json_t *f, const char *path,
                            enum field_place place, struct ent *e, size_t field_index)
{
    char p[PATH_SIZE], nm[NAME_SIZE];
    if (!json_is_object(f)) {
        error(c, path, "a field must be an object, not %s", jsonx_kind(f));
        return NULL;
    }
    check_keys(c, f, path, field_keys);
    const char *desc;
    bool ok = field_name(c, f, path, place, e, nm);
    if (get_str(c, f, "description", path, MAX_DESCRIPTION, true, &desc) < 0)
        ok = false;
    enum spec_type t = field_type(c, f, path, place);
    if (t == SPEC_TYPE_COUNT)
        return NULL;
    check_applicable(c, f, path, t, place, &ok);

    json_t *out = json_object();
    if (!out) {
        c->oom = -ENOMEM;
        return NULL;
    }
    bool required = false, unique = false;
    if (get_bool(c, f, "required", path, &required) < 0)
        ok = false;
    if (place == IN_ENTITY && get_bool(c, f, "unique", path, &unique) < 0)
        ok = false;
    set_new(c, out, "name", json_string(ok ? nm : ""));
    set_new(c, out, "type", json_string(spec_type_name(t)));
    set_new(c, out, "required", json_boolean(required));
    if (place == IN_ENTITY)
        set_new(c, out, "unique", json_boolean(unique));
    set_new(c, out, "description", json_string(desc ? desc : ""));

    if (unique && t == SPEC_JSON) {
        sub(p, path, "unique");
        error(c, p, "json values cannot be unique (PostgreSQL cannot compare them)");
        ok = false;
    } else if (unique && t == SPEC_BOOLEAN) {
        sub(p, path, "unique");
        warn(c, p, "a unique boolean allows at most two rows");
    }

    if (spec_type_is_number(t))
        check_bounds(c, f, path, t, out, &ok);
    if (spec_type_is_text(t))
        check_lengths(c, f, path, t, out, &ok);
    if (t == SPEC_ENUM)
        check_values(c, f, path, out, &ok);
    if (t == SPEC_REFERENCE)
        check_reference(c, f, path, place, e, field_index, required, out, &ok);
    if (unique && ok)
        warn_few_values(c, path, t, out);
    check_default(c, f, path, t, place, unique, out, &ok);
    if (ok && place == IN_ENTITY)
        name_type_hint(c, path, nm, t);
    if (!ok) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* Reviews a list of fields; returns a new array (possibly partial when there are errors,
 * which then are in rv->errors). */
static json_t *review_fields(struct ctx *c, const json_t *arr, const char *path, const char *key,
                             enum field_place place, struct ent *e, size_t min, size_t max)
{
    char p[PATH_SIZE], qb[160];
    json_t *out = json_array();
    if (!out) {
        c->oom = -ENOMEM;
        return NULL;
    }
    sub(p, path, key);
    if (!arr || json_is_null(arr)) {
        if (min > 0)
            error(c, p, "needs at least %zu field%s", min, min == 1 ? "" : "s");
        return out;
    }
    if (!json_is_array(arr)) {
        error(c, p, "must be a list of fields, not %s", jsonx_kind(arr));
        return out;
    }
    size_t n = json_array_size(arr);
    if (n < min || n > max)
        error(c, p, "has %zu fields; %zu to %zu are allowed", n, min, max);
    size_t i;
    const json_t *f;
    json_array_foreach(arr, i, f)
    {
        char pi[PATH_SIZE];
        idx(pi, path, key, i);
        json_t *nf = review_field(c, f, pi, place, e, i);
        if (!nf)
            continue;
        const char *nm = jsonx_str(nf, "name");
        size_t j;
        const json_t *prev;
        bool dup = false;
        json_array_foreach(out, j, prev)
        {
            const char *other = jsonx_str(prev, "name");
            dup = dup || (nm && other && strcmp(other, nm) == 0);
        }
        if (dup) {
            char pn[PATH_SIZE];
            sub(pn, pi, "name");
            error(c, pn, "field %s appears twice", q(qb, sizeof(qb), nm));
            json_decref(nf);
            continue;
        }
        if (json_array_append_new(out, nf) < 0)
            c->oom = -ENOMEM;
    }
    return out;
}

/* ---- entities ------------------------------------------------------------------------- */

static const char *const entity_keys[] = {"name",  "plural", "owned",  "description", "fields",
                                          "snake", "table",  "access", NULL};

/* Singular nouns that end like plurals; a name is taken as given when its last word is
 * one of them or ends in -ss, -us, -is or -ics (class, corpus, analysis, analytics). */
static const char *const s_singulars[] = {
    "alias", "atlas", "bias", "canvas",   "chaos",  "christmas", "ethos",   "gas",
    "kudos", "lens",  "news", "pancreas", "series", "species",   "thermos", NULL};

static bool looks_plural(const char *snake)
{
    const char *w = strrchr(snake, '_');
    w = w ? w + 1 : snake;
    size_t n = strlen(w);
    if (n < 3)
        return false;
    static const char *const endings[] = {"ss", "us", "is", "ics", NULL};
    for (size_t i = 0; endings[i]; i++) {
        size_t m = strlen(endings[i]);
        if (n >= m && strcmp(w + n - m, endings[i]) == 0)
            return false;
    }
    for (size_t i = 0; s_singulars[i]; i++)
        if (strcmp(w, s_singulars[i]) == 0)
            return false;
    return true;
}

/* One normalization step: snake_case, singular when it reads as a plural ("line_items"
 * names the class LineItem, "news" stays), PascalCase. */
static int class_step(const char *in, char *name, char *snake, bool *singularized)
{
    char s[NAME_SIZE], single[NAME_SIZE], again[NAME_SIZE];
    if (inflect_snake(in, s, sizeof(s)) < 0 || strlen(s) > MAX_IDENT)
        return -ENAMETOOLONG;
    if (s[0] == '\0' || !is_ident(s))
        return -EINVAL;
    if (looks_plural(s) && inflect_singular(s, single, sizeof(single)) == 0 && single[0] &&
        strcmp(single, s) != 0 && inflect_plural(single, again, sizeof(again)) == 0 &&
        strcmp(again, s) == 0 && is_ident(single)) {
        snprintf(s, sizeof(s), "%s", single);
        *singularized = true;
    }
    if (inflect_pascal(s, name, NAME_SIZE) < 0 || inflect_snake(name, snake, NAME_SIZE) < 0 ||
        strlen(snake) > MAX_IDENT)
        return -ENAMETOOLONG;
    return is_ident(snake) ? 0 : -EINVAL;
}

/* The class name and its snake form, iterated to a fixed point so that reviewing the
 * normalized spec again gives the same names ("Rgato C Y" → RgatoCY → rgato_cy → RgatoCy). */
static int class_name(const char *raw, char *name, char *snake, bool *singularized)
{
    char cur[NAME_SIZE];
    int r = class_step(raw, name, snake, singularized);
    for (int i = 0; r == 0 && i < 4; i++) {
        snprintf(cur, sizeof(cur), "%s", name);
        bool again = false;
        r = class_step(cur, name, snake, &again);
        *singularized = *singularized || again;
        if (r == 0 && strcmp(cur, name) == 0)
            return 0;
    }
    return r < 0 ? r : -EINVAL;
}

/* First pass: names, so references can be resolved whatever the order. */
static void entity_names(struct ctx *c, struct ent *e, const char *path)
{
    char p[PATH_SIZE], qb[160], qn[160];
    const char *raw, *plural, *given;
    sub(p, path, "name");
    int r = get_str(c, e->in, "name", path, 200, false, &raw);
    if (r == 0) {
        error(c, p, "an entity needs a name");
        return;
    }
    if (r < 0)
        return;
    bool singularized = false;
    int nr = class_name(raw, e->name, e->snake, &singularized);
    if (nr == -ENAMETOOLONG) {
        error(c, p, "entity name is longer than %d characters", MAX_IDENT);
        return;
    }
    if (nr < 0) {
        error(c, p,
              "%s is not a usable entity name (start with a letter; letters, digits, "
              "spaces or underscores)",
              q(qb, sizeof(qb), raw));
        return;
    }
    if (singularized)
        warn(c, p, "entity name %s is plural; the class is named after one row: %s",
             q(qb, sizeof(qb), raw), q(qn, sizeof(qn), e->name));
    if (names_is_python_keyword(e->snake)) {
        error(c, p,
              "%s is a Python keyword, and the generated code uses it as a variable "
              "name; choose another name",
              q(qb, sizeof(qb), e->snake));
        return;
    }
    const char *why = names_reserved_class(e->name);
    if (why) {
        error(c, p, "%s is %s", q(qb, sizeof(qb), e->name), why);
        return;
    }
    sub(p, path, "plural");
    r = get_str(c, e->in, "plural", path, 200, false, &plural);
    if (r < 0)
        return;
    if (r > 0) {
        if (inflect_snake(plural, e->plural, sizeof(e->plural)) < 0 ||
            strlen(e->plural) > MAX_IDENT || !is_ident(e->plural)) {
            error(c, p,
                  "%s is not a usable plural (start with a letter, at most %d "
                  "characters)",
                  q(qb, sizeof(qb), plural), MAX_IDENT);
            return;
        }
        warn_renamed(c, p, "plural", plural, e->plural, "");
    } else if (inflect_plural(e->snake, e->plural, sizeof(e->plural)) < 0 ||
               strlen(e->plural) > MAX_IDENT) {
        sub(p, path, "name");
        error(c, p, "the plural of %s is longer than %d characters", e->name, MAX_IDENT);
        return;
    }
    if (names_is_python_keyword(e->plural)) {
        error(c, p, "plural %s is a Python keyword and names a generated module",
              q(qb, sizeof(qb), e->plural));
        return;
    }
    why = names_reserved_route(e->plural);
    if (why && (strcmp(e->plural, "auth") != 0 || c->auth)) {
        error(c, p, "/%s belongs to %s", e->plural, why);
        return;
    }
    /* Fed-back normalized specs carry snake and table: they must agree. */
    if (get_str(c, e->in, "snake", path, 200, false, &given) > 0 && strcmp(given, e->snake)) {
        sub(p, path, "snake");
        error(c, p, "must be %s (derived from the name)", q(qb, sizeof(qb), e->snake));
        return;
    }
    if (get_str(c, e->in, "table", path, 200, false, &given) > 0 && strcmp(given, e->plural)) {
        sub(p, path, "table");
        error(c, p, "must be %s (the table is named after the plural)",
              q(qb, sizeof(qb), e->plural));
        return;
    }
    if (!singularized) {
        char also[NAME_SIZE + 16];
        snprintf(also, sizeof(also), " (table %s)", e->plural);
        sub(p, path, "name");
        warn_renamed(c, p, "entity", raw, e->name, also);
    }
    e->named = true;
}

static void entity_checks(struct ctx *c, const char *epath)
{
    char p[PATH_SIZE], qb[160];
    for (size_t i = 0; i < c->n_ents; i++) {
        struct ent *e = &c->ents[i];
        if (!e->named)
            continue;
        idx(p, epath, NULL, i);
        char pn[PATH_SIZE];
        sub(pn, p, "name");
        if (c->auth && (strcmp(e->name, "User") == 0 || strcmp(e->plural, "users") == 0)) {
            error(c, pn,
                  "%s collides with the auth user (table users) that the generated "
                  "authentication owns; rename it (\"Member\", \"Profile\"), give it "
                  "another plural, or turn auth off",
                  q(qb, sizeof(qb), e->name));
            e->named = false;
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            struct ent *o = &c->ents[j];
            if (!o->named)
                continue;
            if (strcmp(o->name, e->name) == 0 || strcmp(o->snake, e->snake) == 0) {
                error(c, pn, "entity %s appears twice (also $.entities[%zu])", e->name, j);
                e->named = false;
                break;
            }
            if (strcmp(o->plural, e->plural) == 0 || strcmp(o->plural, e->snake) == 0 ||
                strcmp(o->snake, e->plural) == 0) {
                error(c, pn, "the plural or table %s of %s collides with %s", e->plural, e->name,
                      o->name);
                e->named = false;
                break;
            }
        }
        for (size_t j = 0; j < c->n_ents && e->named; j++) {
            struct ent *o = &c->ents[j];
            if (j != i && o->named && names_schema_class_of(e->name, o->name)) {
                error(c, pn, "%s is the name of a generated schema class of %s", e->name, o->name);
                e->named = false;
            }
        }
        if (e->named && names_is_sql_reserved(e->plural))
            warn(c, pn, "table %s is an SQL reserved word; the generated code quotes it",
                 q(qb, sizeof(qb), e->plural));
    }
}

static void review_entity(struct ctx *c, struct ent *e, const char *path)
{
    const char *desc;
    if (get_str(c, e->in, "description", path, MAX_DESCRIPTION, true, &desc) < 0)
        desc = NULL;
    json_t *fields = review_fields(c, json_object_get(e->in, "fields"), path, "fields", IN_ENTITY,
                                   e, 1, MAX_FIELDS);
    json_t *out = json_object();
    if (!out || !fields) {
        json_decref(out);
        json_decref(fields);
        c->oom = -ENOMEM;
        return;
    }
    set_new(c, out, "name", json_string(e->name));
    set_new(c, out, "snake", json_string(e->snake));
    set_new(c, out, "plural", json_string(e->plural));
    set_new(c, out, "table", json_string(e->plural));
    set_new(c, out, "owned", json_boolean(e->owned));
    set_new(c, out, "description", json_string(desc ? desc : ""));
    set_new(c, out, "fields", fields);
    if (access_review(e->in, out, c->auth, path, &c->rv->errors) < 0)
        c->oom = -ENOMEM;
    e->out = out;
}

/* Required references that form a cycle make every row uncreatable: refuse them. */
static bool required_cycle(struct ctx *c, size_t start, size_t at, unsigned char *seen,
                           size_t depth)
{
    struct ent *e = &c->ents[at];
    if (depth > c->n_ents)
        return false;
    for (size_t k = 0; k < e->n_refs; k++) {
        if (!e->ref_required[k])
            continue;
        size_t to = e->ref_to[k];
        if (to == start)
            return true;
        if (!seen[to]) {
            seen[to] = 1;
            if (required_cycle(c, start, to, seen, depth + 1))
                return true;
        }
    }
    return false;
}

static void check_cycles(struct ctx *c, const char *epath)
{
    unsigned char seen[MAX_ENTITIES * 4];
    for (size_t i = 0; i < c->n_ents && i < sizeof(seen); i++) {
        struct ent *e = &c->ents[i];
        for (size_t k = 0; k < e->n_refs; k++) {
            if (!e->ref_required[k])
                continue;
            memset(seen, 0, sizeof(seen));
            bool cyc = e->ref_to[k] == i;
            if (!cyc) {
                seen[e->ref_to[k]] = 1;
                cyc = required_cycle(c, i, e->ref_to[k], seen, 1);
            }
            if (cyc) {
                char p[PATH_SIZE];
                pathf(p, "%s[%zu].fields[%zu].required", epath, i, e->ref_field[k]);
                if (e->ref_to[k] == i)
                    error(c, p,
                          "a required reference from %s to itself means the first %s "
                          "can never be created; make it optional",
                          e->name, e->name);
                else
                    error(c, p,
                          "required references from %s lead back to it in a cycle, so "
                          "none of these rows can be created first; make one optional",
                          e->name);
                return;
            }
        }
    }
}

/* Is every entity that entity i refers to (only through required references, when
 * required_only) placed already, or i itself? */
static bool refs_placed(const struct ctx *c, const bool *placed, size_t i, bool required_only)
{
    const struct ent *e = &c->ents[i];
    for (size_t k = 0; k < e->n_refs; k++)
        if (e->ref_to[k] != i && !placed[e->ref_to[k]] && (e->ref_required[k] || !required_only))
            return false;
    return true;
}

/* The first unplaced entity whose references are placed (only its required ones, when
 * required_only); c->n_ents when there is none. */
static size_t first_ready(const struct ctx *c, const bool *placed, bool required_only)
{
    for (size_t i = 0; i < c->n_ents; i++)
        if (!placed[i] && refs_placed(c, placed, i, required_only))
            return i;
    return c->n_ents;
}

/* Stable topological order: referenced entities first, input order otherwise. In a cycle of
 * optional references the first entity whose required references are placed goes first, so
 * that a row of each entity can be created in this order (its later references empty). */
static int sort_entities(struct ctx *c, json_t *arr)
{
    bool placed[MAX_ENTITIES * 4] = {false};
    bool warned = false;
    for (size_t done = 0; done < c->n_ents; done++) {
        size_t pick = first_ready(c, placed, false);
        if (pick == c->n_ents) {
            pick = first_ready(c, placed, true);
            /* none only when required references form a cycle, an error reported already */
            for (size_t i = 0; pick == c->n_ents && i < c->n_ents; i++)
                if (!placed[i])
                    pick = i;
            if (!warned)
                warn(c, "$.entities",
                     "optional references form a cycle around %s; the "
                     "generated tables add those foreign keys afterwards",
                     c->ents[pick].name);
            warned = true;
        }
        placed[pick] = true;
        if (json_array_append(arr, c->ents[pick].out) < 0)
            return -ENOMEM;
    }
    return 0;
}

/* ---- actions -------------------------------------------------------------------------- */

static const char *const action_keys[] = {"name",        "method",        "path", "summary",
                                          "input",       "output",        "code", "examples",
                                          "description", "auth_required", NULL};
static const char *const example_keys[] = {"input", "output", NULL};

static void check_path(struct ctx *c, const char *s, const char *p)
{
    char qb[160];
    size_t n = strlen(s);
    if (s[0] != '/' || n < 2) {
        error(c, p, "%s must start with \"/\" and name at least one segment",
              q(qb, sizeof(qb), s));
        return;
    }
    if (n > MAX_PATH_CHARS) {
        error(c, p, "is longer than %d characters", MAX_PATH_CHARS);
        return;
    }
    char first[NAME_SIZE] = "";
    const char *seg = s + 1;
    for (int k = 0;; k++) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (k == 0)
            snprintf(first, sizeof(first), "%.*s", (int)(len < 100 ? len : 100), seg);
        if (len == 0) {
            error(c, p, "%s has an empty segment (\"//\" or a trailing \"/\")",
                  q(qb, sizeof(qb), s));
            return;
        }
        for (size_t i = 0; i < len; i++) {
            char ch = seg[i];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                  ch == '-')) {
                if (k == 0 && names_reserved_route(first))
                    break;
                error(c, p,
                      "%s: path segments use only a-z, 0-9, \"_\" and \"-\" (inputs "
                      "travel as query or body parameters, not in the path)",
                      q(qb, sizeof(qb), s));
                return;
            }
        }
        if (!end)
            break;
        seg = end + 1;
    }
    const char *why = names_reserved_route(first);
    if (why && (strcmp(first, "auth") != 0 || c->auth)) {
        error(c, p, "/%s belongs to %s", first, why);
        return;
    }
    for (size_t i = 0; i < c->n_ents; i++)
        if (c->ents[i].named && strcmp(c->ents[i].plural, first) == 0) {
            error(c, p, "/%s belongs to the generated routes of %s", first, c->ents[i].name);
            return;
        }
}

static void check_examples(struct ctx *c, const json_t *ex, const char *path, const json_t *in,
                           const json_t *out)
{
    char p[PATH_SIZE], qb[160];
    sub(p, path, "examples");
    if (!ex || json_is_null(ex))
        return;
    if (!json_is_array(ex) || json_array_size(ex) > MAX_EXAMPLES) {
        error(c, p, "must be a list of at most %d examples", MAX_EXAMPLES);
        return;
    }
    size_t i;
    const json_t *e;
    json_array_foreach(ex, i, e)
    {
        char pe[PATH_SIZE];
        idx(pe, path, "examples", i);
        if (!json_is_object(e)) {
            error(c, pe, "an example must be an object with input and output");
            continue;
        }
        check_keys(c, e, pe, example_keys);
        for (int side = 0; side < 2; side++) {
            const char *key = side ? "output" : "input";
            const json_t *decl = side ? out : in;
            const json_t *obj = json_object_get(e, key);
            char ps[PATH_SIZE];
            sub(ps, pe, key);
            if (!obj) {
                if (side == 0 && json_array_size(decl) > 0)
                    error(c, ps, "an example needs its input");
                continue;
            }
            if (!json_is_object(obj)) {
                error(c, ps, "must be an object, not %s", jsonx_kind(obj));
                continue;
            }
            const char *k;
            const json_t *v;
            json_object_foreach((json_t *)obj, k, v)
            {
                const json_t *fd = NULL;
                size_t j;
                const json_t *d;
                json_array_foreach(decl, j, d)
                {
                    const char *dn = jsonx_str(d, "name"); /* NULL after a failed allocation */
                    if (dn && strcmp(dn, k) == 0)
                        fd = d;
                }
                char pk[PATH_SIZE];
                key_path(pk, ps, k);
                if (!fd)
                    error(c, pk, "%s is not a declared %s", q(qb, sizeof(qb), k), key);
                else if (!(json_is_null(v) && !jsonx_bool(fd, "required", false)))
                    check_value(c, pk, fd, v);
            }
            if (side == 0) {
                size_t j;
                const json_t *d;
                json_array_foreach(decl, j, d) if (jsonx_bool(d, "required", false) &&
                                                   !json_object_get(obj, jsonx_str(d, "name")))
                    error(c, ps, "misses the required input %s",
                          q(qb, sizeof(qb), jsonx_str(d, "name")));
            }
        }
    }
}

static json_t *review_action(struct ctx *c, const json_t *a, const char *path)
{
    char p[PATH_SIZE], qb[160], nm[NAME_SIZE] = "";
    if (!json_is_object(a)) {
        error(c, path, "an action must be an object, not %s", jsonx_kind(a));
        return NULL;
    }
    check_keys(c, a, path, action_keys);
    const char *raw, *method, *apath, *summary, *desc, *code;
    sub(p, path, "name");
    int r = get_str(c, a, "name", path, 200, false, &raw);
    if (r == 0)
        error(c, p, "an action needs a name");
    if (r > 0 && snake_name(c, raw, p, "an action", nm) == 0) {
        const char *why = names_reserved_action(nm);
        if (why)
            error(c, p, "%s is %s", q(qb, sizeof(qb), nm), why);
        else if (names_is_python_builtin(nm))
            warn(c, p, "%s is also the name of a Python builtin", q(qb, sizeof(qb), nm));
    }
    char up[16] = "POST";
    sub(p, path, "method");
    if (get_str(c, a, "method", path, 10, false, &method) > 0) {
        size_t i = 0;
        for (; method[i] && i + 1 < sizeof(up); i++)
            up[i] = (char)(method[i] >= 'a' && method[i] <= 'z' ? method[i] - 32 : method[i]);
        up[i] = '\0';
        if (strcmp(up, "GET") && strcmp(up, "POST") && strcmp(up, "PUT") && strcmp(up, "PATCH") &&
            strcmp(up, "DELETE"))
            error(c, p, "%s is not GET, POST, PUT, PATCH or DELETE", q(qb, sizeof(qb), method));
    }
    sub(p, path, "path");
    r = get_str(c, a, "path", path, MAX_PATH_CHARS + 1, false, &apath);
    if (r == 0)
        error(c, p, "an action needs a path such as \"/calc/add\"");
    else if (r > 0)
        check_path(c, apath, p);
    get_str(c, a, "summary", path, MAX_SUMMARY, false, &summary);
    get_str(c, a, "description", path, MAX_DESCRIPTION, true, &desc);
    bool auth_required = c->auth;
    if (get_bool(c, a, "auth_required", path, &auth_required) > 0 && auth_required && !c->auth) {
        sub(p, path, "auth_required");
        error(c, p, "auth_required needs auth.enabled");
    }
    sub(p, path, "code");
    const json_t *cv = json_object_get(a, "code");
    code = NULL;
    if (cv && json_is_string(cv)) {
        code = json_string_value(cv);
        if (json_string_length(cv) > MAX_CODE_BYTES)
            error(c, p, "is %zu bytes long; at most %d are allowed", json_string_length(cv),
                  MAX_CODE_BYTES);
        else if (strlen(code) != json_string_length(cv))
            error(c, p, "contains a NUL byte");
    } else if (cv && !json_is_null(cv)) {
        error(c, p, "must be a string of Python code, not %s", jsonx_kind(cv));
    }
    if (!code || code[0] == '\0')
        warn(c, p, "no code: the generated endpoint answers 501 Not Implemented");

    json_t *in = review_fields(c, json_object_get(a, "input"), path, "input", IN_INPUT, NULL, 0,
                               MAX_IO_FIELDS);
    json_t *out = review_fields(c, json_object_get(a, "output"), path, "output", IN_OUTPUT, NULL,
                                0, MAX_IO_FIELDS);
    json_t *o = json_object();
    if (!in || !out || !o) {
        json_decref(in);
        json_decref(out);
        json_decref(o);
        c->oom = -ENOMEM;
        return NULL;
    }
    check_examples(c, json_object_get(a, "examples"), path, in, out);
    const json_t *ex = json_object_get(a, "examples");
    set_new(c, o, "name", json_string(nm));
    set_new(c, o, "method", json_string(up));
    set_new(c, o, "path", json_string(apath ? apath : ""));
    set_new(c, o, "summary", json_string(summary ? summary : ""));
    set_new(c, o, "input", in);
    set_new(c, o, "output", out);
    set_new(c, o, "auth_required", json_boolean(auth_required));
    set_new(c, o, "code", json_string(code && strlen(code) == json_string_length(cv) ? code : ""));
    set_new(c, o, "examples", json_is_array(ex) ? json_deep_copy(ex) : json_array());
    return o;
}

/* ---- the spec ------------------------------------------------------------------------- */

static const char *const top_keys[] = {
    "spec_version", "name", "title", "description", "target", "auth", "entities", "actions", NULL};
static const char *const auth_keys[] = {"enabled", NULL};

static void slugify(const char *in, char *out, size_t size)
{
    size_t n = 0;
    bool dash = false;
    for (; *in && n + 1 < size; in++) {
        char ch = *in;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (dash && n > 0 && n + 2 < size)
                out[n++] = '-';
            dash = false;
            out[n++] = ch;
        } else {
            dash = true;
        }
    }
    out[n] = '\0';
}

static void title_from(const char *slug, char *out, size_t size)
{
    size_t n = 0;
    bool start = true;
    for (; *slug && n + 1 < size; slug++) {
        char ch = *slug == '-' ? ' ' : *slug;
        out[n++] = start && ch >= 'a' && ch <= 'z' ? (char)(ch - 32) : ch;
        start = ch == ' ';
    }
    out[n] = '\0';
}

static json_t *review_top(struct ctx *c, const json_t *spec)
{
    char qb[160], slug[256], title[256];
    if (!json_is_object(spec)) {
        error(c, "$", "a spec must be a JSON object, not %s", jsonx_kind(spec));
        return NULL;
    }
    check_keys(c, spec, "$", top_keys);
    const json_t *ver = json_object_get(spec, "spec_version");
    if (!ver)
        warn(c, "$.spec_version", "missing; assuming spec_version 1");
    else if (!json_is_integer(ver) || json_integer_value(ver) != 1)
        error(c, "$.spec_version", "must be 1 (the only version there is), not %s",
              show(qb, sizeof(qb), ver));

    const char *name, *ttl, *desc, *target;
    int rn = get_str(c, spec, "name", "$", 200, false, &name);
    int rt = get_str(c, spec, "title", "$", MAX_TITLE, false, &ttl);
    slug[0] = '\0';
    if (rn > 0) {
        slugify(name, slug, sizeof(slug));
        if (strlen(slug) > MAX_SLUG) {
            error(c, "$.name", "is longer than %d characters", MAX_SLUG);
            slug[0] = '\0';
        } else if (slug[0] == '\0') {
            error(c, "$.name", "%s has no letters or digits to name the project",
                  q(qb, sizeof(qb), name));
        } else {
            warn_renamed(c, "$.name", "project", name, slug, "");
        }
    } else if (rt > 0) {
        slugify(ttl, slug, sizeof(slug));
        if (strlen(slug) > MAX_SLUG) {
            slug[MAX_SLUG] = '\0';
            char *dash = strrchr(slug, '-');
            if (dash && dash > slug)
                *dash = '\0';
        }
        if (slug[0] == '\0')
            error(c, "$.title", "%s has no letters or digits to derive a project name from",
                  q(qb, sizeof(qb), ttl));
    } else if (rn == 0 && rt == 0) {
        error(c, "$.name", "a spec needs a name (or a title to derive it from)");
    }
    if (rt > 0)
        snprintf(title, sizeof(title), "%s", ttl);
    else
        title_from(slug, title, sizeof(title));
    get_str(c, spec, "description", "$", MAX_DESCRIPTION, true, &desc);
    if (get_str(c, spec, "target", "$", 64, false, &target) > 0 &&
        strcmp(target, "fastapi-postgres") != 0)
        error(c, "$.target", "%s is not a known target (only \"fastapi-postgres\")",
              q(qb, sizeof(qb), target));

    json_t *out = json_object();
    if (!out) {
        c->oom = -ENOMEM;
        return NULL;
    }
    set_new(c, out, "spec_version", json_integer(1));
    set_new(c, out, "name", json_string(slug));
    set_new(c, out, "title", json_string(title));
    set_new(c, out, "description", json_string(desc ? desc : ""));
    set_new(c, out, "target", json_string("fastapi-postgres"));
    return out;
}

static int review(struct ctx *c, const json_t *spec, json_t **normalized_out)
{
    char p[PATH_SIZE];
    json_t *out = review_top(c, spec);
    if (!out)
        return c->oom ? c->oom : -EINVAL;

    const json_t *ents = json_object_get(spec, "entities");
    const json_t *acts = json_object_get(spec, "actions");
    if (ents && !json_is_null(ents) && !json_is_array(ents)) {
        error(c, "$.entities", "must be a list of entities, not %s", jsonx_kind(ents));
        ents = NULL;
    }
    if (acts && !json_is_null(acts) && !json_is_array(acts)) {
        error(c, "$.actions", "must be a list of actions, not %s", jsonx_kind(acts));
        acts = NULL;
    }
    size_t n_ents = json_array_size(ents), n_acts = json_array_size(acts);
    if (n_ents == 0 && n_acts == 0)
        error(c, "$.entities", "a spec needs at least one entity or one action");
    if (n_ents > MAX_ENTITIES) {
        error(c, "$.entities", "has %zu entities; at most %d are allowed", n_ents, MAX_ENTITIES);
        n_ents = MAX_ENTITIES;
    }
    if (n_acts > MAX_ACTIONS) {
        error(c, "$.actions", "has %zu actions; at most %d are allowed", n_acts, MAX_ACTIONS);
        n_acts = MAX_ACTIONS;
    }
    size_t n_fields = 0;
    for (size_t i = 0; i < n_ents; i++)
        n_fields += json_array_size(json_object_get(json_array_get(ents, i), "fields"));
    if (n_fields > MAX_SPEC_FIELDS)
        error(c, "$.entities",
              "has %zu fields in all; at most %d are allowed (the verification suite of a "
              "larger spec would not run in its sandbox)",
              n_fields, MAX_SPEC_FIELDS);

    /* Auth: explicit, or on exactly when some entity is owned. */
    bool any_owned = false;
    for (size_t i = 0; i < n_ents; i++)
        any_owned = any_owned || json_is_true(json_object_get(json_array_get(ents, i), "owned"));
    c->auth = any_owned;
    bool auth_given = false;
    const json_t *auth = json_object_get(spec, "auth");
    if (auth && !json_is_null(auth)) {
        if (!json_is_object(auth)) {
            error(c, "$.auth", "must be an object like {\"enabled\": true}, not %s",
                  jsonx_kind(auth));
        } else {
            check_keys(c, auth, "$.auth", auth_keys);
            bool en;
            if (get_bool(c, auth, "enabled", "$.auth", &en) > 0) {
                c->auth = en;
                auth_given = true;
            }
        }
    }
    json_t *auth_out = json_object();
    set_new(c, auth_out, "enabled", json_boolean(c->auth));
    set_new(c, out, "auth", auth_out);

    c->ents = calloc(n_ents ? n_ents : 1, sizeof(*c->ents));
    if (!c->ents) {
        json_decref(out);
        return -ENOMEM;
    }
    c->n_ents = n_ents;
    for (size_t i = 0; i < n_ents; i++) {
        struct ent *e = &c->ents[i];
        e->in = json_array_get(ents, i);
        e->index = i;
        idx(p, "$.entities", NULL, i);
        if (!json_is_object(e->in)) {
            error(c, p, "an entity must be an object, not %s", jsonx_kind(e->in));
            continue;
        }
        check_keys(c, e->in, p, entity_keys);
        if (get_bool(c, e->in, "owned", p, &e->owned) > 0 && e->owned && !c->auth && auth_given) {
            char po[PATH_SIZE];
            sub(po, p, "owned");
            error(c, po, "owned needs auth.enabled: true (rows belong to signed-in users)");
        }
        entity_names(c, e, p);
    }
    entity_checks(c, "$.entities");
    for (size_t i = 0; i < n_ents; i++) {
        if (!json_is_object(c->ents[i].in))
            continue;
        idx(p, "$.entities", NULL, i);
        review_entity(c, &c->ents[i], p);
    }
    check_cycles(c, "$.entities");

    json_t *arr_e = json_array(), *arr_a = json_array();
    if (!arr_e || !arr_a) {
        c->oom = -ENOMEM;
    } else if (c->rv->errors.n == 0 && c->rv->errors.dropped == 0 && !c->oom) {
        if (sort_entities(c, arr_e) < 0)
            c->oom = -ENOMEM;
    }
    for (size_t i = 0; i < n_acts; i++) {
        idx(p, "$.actions", NULL, i);
        json_t *a = review_action(c, json_array_get(acts, i), p);
        if (!a)
            continue;
        size_t j;
        const json_t *prev;
        json_array_foreach(arr_a, j, prev)
        {
            char pn[PATH_SIZE];
            if (jsonx_str(a, "name")[0] &&
                strcmp(jsonx_str(prev, "name"), jsonx_str(a, "name")) == 0) {
                sub(pn, p, "name");
                error(c, pn, "action %s appears twice", jsonx_str(a, "name"));
            } else if (strcmp(jsonx_str(prev, "path"), jsonx_str(a, "path")) == 0 &&
                       strcmp(jsonx_str(prev, "method"), jsonx_str(a, "method")) == 0) {
                sub(pn, p, "path");
                error(c, pn, "%s %s is already taken by $.actions[%zu]", jsonx_str(a, "method"),
                      jsonx_str(a, "path"), j);
            }
        }
        if (arr_a && json_array_append_new(arr_a, a) < 0)
            c->oom = -ENOMEM;
        else if (!arr_a)
            json_decref(a);
    }
    set_new(c, out, "entities", arr_e);
    set_new(c, out, "actions", arr_a);
    for (size_t i = 0; i < n_ents; i++)
        json_decref(c->ents[i].out);
    free(c->ents);
    c->ents = NULL;

    if (c->oom) {
        json_decref(out);
        return c->oom;
    }
    if (c->rv->errors.n > 0 || c->rv->errors.dropped > 0) {
        json_decref(out);
        return -EINVAL;
    }
    *normalized_out = out;
    return 0;
}

/* ---- public --------------------------------------------------------------------------- */

void review_init(struct review *rv)
{
    problems_init(&rv->errors, REVIEW_MAX_PROBLEMS);
    problems_init(&rv->warnings, REVIEW_MAX_PROBLEMS);
}

void review_clear(struct review *rv)
{
    if (!rv)
        return;
    problems_clear(&rv->errors);
    problems_clear(&rv->warnings);
}

int review_spec(const json_t *spec, json_t **normalized_out, struct review *rv)
{
    struct ctx c = {.rv = rv};
    *normalized_out = NULL;
    if (!spec) {
        if (problems_add(&rv->errors, "$", "the spec is empty") < 0)
            return -ENOMEM;
        return -EINVAL;
    }
    return review(&c, spec, normalized_out);
}

int review_spec_text(const char *text, size_t len, json_t **normalized_out, struct review *rv)
{
    char err[256];
    json_t *spec = NULL;
    *normalized_out = NULL;
    int r = jsonx_parse(text, len, REVIEW_MAX_SPEC_BYTES, SPEC_MAX_DEPTH, &spec, err, sizeof(err));
    if (r < 0) {
        if (r == -E2BIG)
            r = problems_add(&rv->errors, "$", "the spec is %zu bytes; at most %d are allowed",
                             len, REVIEW_MAX_SPEC_BYTES);
        else if (r == -ELOOP)
            r = problems_add(&rv->errors, "$", "the spec is nested deeper than %d levels",
                             SPEC_MAX_DEPTH);
        else if (r == -ENOMEM)
            return -ENOMEM;
        else {
            /* The parser quotes the input near the error; keep that printable ASCII. */
            for (char *s = err; *s; s++)
                if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
                    *s = '?';
            r = problems_add(&rv->errors, "$", "the spec is not valid JSON: %s", err);
        }
        return r < 0 ? r : -EINVAL;
    }
    r = review_spec(spec, normalized_out, rv);
    json_decref(spec);
    return r;
}

json_t *review_to_json(const struct review *rv)
{
    json_t *o = json_object();
    /* json_object_set_new steals the value even when it fails (and ignores NULL). */
    if (!o || json_object_set_new(o, "errors", problems_to_json(&rv->errors)) < 0 ||
        json_object_set_new(o, "warnings", problems_to_json(&rv->warnings)) < 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}
