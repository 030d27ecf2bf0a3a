/* Code generation: walks a normalized spec (review.h), fills ctemplate dictionaries with
 * values escaped for their context, and renders templates/<target>/ into a sorted file tree. */
#include "codegen/render.h"

#include "core/buf.h"
#include "core/hash.h"
#include "codegen/escape.h"
#include "codegen/template.h"
#include "spec/access.h"
#include "spec/inflect.h"
#include "spec/names.h"
#include "spec/types.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_TEMPLATES 128
#define MAX_FIELDS    256
#define NAME_MAX_LEN  64
#define LINE_WIDTH    99 /* generated Python stays under 100 columns where we lay it out */

/* Per type (spec/types.h order): how the generated code and its tests treat it. */
static const struct {
    const char *py;     /* the pydantic annotation (enum builds a Literal) */
    const char *bad;    /* a value the API must refuse with 422, as Python; NULL: none */
    const char *sample; /* a README example value, as JSON */
} TYPES[] = {
    [SPEC_STRING] = {"str", NULL, "\"example\""},
    [SPEC_TEXT] = {"str", NULL, "\"Some longer text\""},
    [SPEC_INTEGER] = {"int", "\"not a number\"", "1"},
    [SPEC_FLOAT] = {"float", "\"not a number\"", "1.5"},
    [SPEC_DECIMAL] = {"Decimal", "\"not a number\"", "12.5"},
    [SPEC_BOOLEAN] = {"bool", "\"not a boolean\"", "true"},
    [SPEC_DATE] = {"date", "\"not a date\"", "\"2024-01-31\""},
    [SPEC_DATETIME] = {"datetime", "\"not a datetime\"", "\"2024-01-31T12:00:00Z\""},
    [SPEC_UUID] = {"UUID", "\"not-a-uuid\"", "\"123e4567-e89b-12d3-a456-426614174000\""},
    [SPEC_EMAIL] = {"str", "\"not an email\"", "\"ada@example.com\""},
    [SPEC_URL] = {"str", "\"not a url\"", "\"https://example.com\""},
    [SPEC_ENUM] = {NULL, NULL, NULL},
    [SPEC_JSON] = {"Any", NULL, "{\"key\": \"value\"}"},
    [SPEC_REFERENCE] = {"int", "999999999", "1"},
};

/* The annotation of a list filter per type (spec/types.h order): app/fields.py checks what
 * a query parameter may hold before it reaches PostgreSQL. */
static const char *const FILTER_TYPES[] = {
    [SPEC_STRING] = "fields.QueryText",     [SPEC_TEXT] = "fields.QueryText",
    [SPEC_INTEGER] = "fields.QueryInt",     [SPEC_FLOAT] = "fields.QueryFloat",
    [SPEC_DECIMAL] = "fields.QueryDecimal", [SPEC_BOOLEAN] = "bool",
    [SPEC_DATE] = "fields.QueryDate",       [SPEC_DATETIME] = "fields.QueryDateTime",
    [SPEC_UUID] = "fields.QueryUUID",       [SPEC_EMAIL] = "fields.QueryText",
    [SPEC_URL] = "fields.QueryText",        [SPEC_ENUM] = "fields.QueryText",
    [SPEC_JSON] = "fields.QueryText",       [SPEC_REFERENCE] = "fields.QueryId",
};

/* Hostile values per type (Python, for the generated tests): what a client may send that the
 * API must refuse with 422, never coerce nor fail on (tests/integration/test_hostile.py sends
 * these and more over raw HTTP). NULL-terminated lists. */
#define TEXT_HOSTILE "\"a\\x00b\"", "\"\\ud800\"", "12", "True"
static const char *const HOSTILE_STRING[] = {TEXT_HOSTILE, NULL};
static const char *const HOSTILE_EMAIL[] = {TEXT_HOSTILE, "\"someone@example.com\\n\"", NULL};
static const char *const HOSTILE_URL[] = {TEXT_HOSTILE, "\"https://example.com\\n\"", NULL};
static const char *const HOSTILE_INTEGER[] = {
    "1.5", "\"1\"", "True", "10**20", "float(\"nan\")", "float(\"inf\")", NULL};
static const char *const HOSTILE_FLOAT[] = {
    "float(\"nan\")", "float(\"inf\")", "-float(\"inf\")", "\"1.5\"", "True", "10**400", NULL};
static const char *const HOSTILE_DECIMAL[] = {
    "float(\"nan\")", "float(\"inf\")", "\"1e999999999\"", "\"NaN\"", "True", NULL};
static const char *const HOSTILE_BOOLEAN[] = {"\"true\"", "1", NULL};
static const char *const HOSTILE_DATE[] = {"20240101", "float(\"inf\")", "\"10000-01-01\"",
                                           "\"2024-01-01T00:00:00\"", NULL};
static const char *const HOSTILE_DATETIME[] = {
    "\"9999-12-31T23:00:00-14:00\"", "\"0001-01-01T00:30:00+01:00\"", "1700000000", NULL};
static const char *const HOSTILE_UUID[] = {"123", "\"a\\x00b\"", NULL};
static const char *const HOSTILE_ENUM[] = {"1", "\"a\\x00b\"", "float(\"nan\")", NULL};
static const char *const HOSTILE_JSON[] = {"nested_json(500)", "{\"a\": \"\\x00\"}",
                                           "[\"\\ud800\"]", "[float(\"nan\")]", NULL};
static const char *const HOSTILE_REFERENCE[] = {"1.5", "\"1\"", "True", "10**20", "0", NULL};
static const char *const *const HOSTILE[] = {
    [SPEC_STRING] = HOSTILE_STRING,   [SPEC_TEXT] = HOSTILE_STRING,
    [SPEC_INTEGER] = HOSTILE_INTEGER, [SPEC_FLOAT] = HOSTILE_FLOAT,
    [SPEC_DECIMAL] = HOSTILE_DECIMAL, [SPEC_BOOLEAN] = HOSTILE_BOOLEAN,
    [SPEC_DATE] = HOSTILE_DATE,       [SPEC_DATETIME] = HOSTILE_DATETIME,
    [SPEC_UUID] = HOSTILE_UUID,       [SPEC_EMAIL] = HOSTILE_EMAIL,
    [SPEC_URL] = HOSTILE_URL,         [SPEC_ENUM] = HOSTILE_ENUM,
    [SPEC_JSON] = HOSTILE_JSON,       [SPEC_REFERENCE] = HOSTILE_REFERENCE,
};

/* What a generated module must import, collected while its annotations are written. */
enum {
    N_DATE = 1 << 0,
    N_DATETIME = 1 << 1,
    N_DECIMAL = 1 << 2,
    N_UUID = 1 << 3,
    N_ANY = 1 << 4,
    N_LITERAL = 1 << 5,
    N_OPTIONAL = 1 << 6,
    N_FIELD = 1 << 7,
    N_EMAIL = 1 << 8,
    N_URL = 1 << 9,
    N_PG = 1 << 10,
    N_DEPENDS = 1 << 11,
    N_HTTP_EXCEPTION = 1 << 12,
};

/* Module-level names of app/actions.py an action function must not replace. */
static const char *const RESERVED_FUNCS[] = {"router", "schemas", "current_user"};

struct field {
    const json_t *j;
    const char *name;
    enum spec_type type;
    char attr[NAME_MAX_LEN + 2];
    bool required, unique, nullable;
    bool unique_global; /* unique across all rows, not per owner (spec/access.h) */
    const json_t *def, *min, *max, *min_length, *max_length, *values;
    const char *on_delete;
    const json_t *ref; /* the referenced entity (borrowed from the spec) */
    /* The referenced table is created after this one: optional references in a cycle
     * (review orders referenced entities first wherever it can). */
    bool ref_created_later;
};

struct gen {
    const json_t *spec;
    const json_t *report;
    const json_t *entities;
    const json_t *actions;
    bool auth;
    unsigned schema_needs;  /* imports of app/schemas.py */
    unsigned model_needs;   /* imports of app/models.py */
    unsigned factory_needs; /* imports of tests/factories.py */
    unsigned action_needs;  /* imports of app/actions.py */
    int rc;                 /* the first error; every later step is skipped */
    struct problems *err;
    struct gen_tree *out;
    size_t cap;
    size_t total;
};

static void keep(struct gen *g, int rc)
{
    if (rc && !g->rc)
        g->rc = rc;
}

static void fail(struct gen *g, const char *path, const char *msg)
{
    if (g->rc)
        return;
    if (g->err)
        keep(g, problems_add(g->err, path, "%s", msg));
    keep(g, -EINVAL);
}

/* A problem at base + "." + key (or base + suffix when key starts with '.'). */
static void fail_at(struct gen *g, const char *base, const char *key, const char *msg)
{
    char *path = NULL;
    if (asprintf(&path, "%s%s%s", base, key[0] == '.' ? "" : ".", key) < 0) {
        keep(g, -ENOMEM);
        return;
    }
    fail(g, path, msg);
    free(path);
}

static void set(struct gen *g, struct tpl_dict *d, const char *key, const char *value)
{
    if (!d)
        keep(g, -ENOMEM);
    if (!g->rc)
        keep(g, tpl_dict_set(d, key, value ? value : ""));
}

static void setf(struct gen *g, struct tpl_dict *d, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void setf(struct gen *g, struct tpl_dict *d, const char *key, const char *fmt, ...)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    va_list ap;
    va_start(ap, fmt);
    keep(g, buf_vprintf(&b, fmt, ap));
    va_end(ap);
    set(g, d, key, b.data);
    buf_clear(&b);
}

/* Sets the value of `b` and empties it for the next one. */
static void set_buf(struct gen *g, struct tpl_dict *d, const char *key, struct buf *b)
{
    set(g, d, key, b->data);
    buf_clear(b);
}

static void set_esc(struct gen *g, struct tpl_dict *d, const char *key,
                    int (*esc)(struct buf *, const char *), const char *s)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    keep(g, esc(&b, s ? s : ""));
    set_buf(g, d, key, &b);
}

static void show(struct gen *g, struct tpl_dict *d, const char *section, bool cond)
{
    if (!d)
        keep(g, -ENOMEM);
    if (cond && !g->rc)
        keep(g, tpl_dict_show_section(d, section));
}

static struct tpl_dict *section(struct gen *g, struct tpl_dict *d, const char *name)
{
    if (g->rc || !d)
        return NULL;
    struct tpl_dict *s = tpl_dict_add_section(d, name);
    if (!s)
        keep(g, -ENOMEM);
    return s;
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

#define IN_LIST(s, list) in_list((s), (list), sizeof(list) / sizeof((list)[0]))

/* [a-z][a-z0-9_]* (snake) or [A-Z][A-Za-z0-9]* (pascal), at most NAME_MAX_LEN bytes. */
static bool valid_name(const char *s, bool pascal)
{
    if (!s || !*s || strlen(s) > NAME_MAX_LEN)
        return false;
    if (pascal ? !(s[0] >= 'A' && s[0] <= 'Z') : !(s[0] >= 'a' && s[0] <= 'z'))
        return false;
    for (const char *p = s; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                  (pascal ? (*p >= 'A' && *p <= 'Z') : *p == '_');
        if (!ok)
            return false;
    }
    return true;
}

static const char *str_or(const json_t *obj, const char *key, const char *fallback)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : fallback;
}

static bool is_true(const json_t *obj, const char *key)
{
    return json_is_true(json_object_get(obj, key));
}

static const json_t *entity_by_name(const struct gen *g, const char *name)
{
    size_t i;
    const json_t *e;
    json_array_foreach(g->entities, i, e)
    {
        if (name && strcmp(str_or(e, "name", ""), name) == 0)
            return e;
    }
    return NULL;
}

/* Where entity e sits in the spec's order, which is the order its tables are created in */
static size_t entity_position(const struct gen *g, const json_t *e)
{
    size_t i;
    const json_t *x;
    json_array_foreach(g->entities, i, x)
    {
        if (x == e)
            return i;
    }
    return i;
}

/* A constraint name within PostgreSQL's 63 bytes (SQLAlchemy refuses a longer one):
 * "<kind>_<table>_<field>", or when that is longer, its first 54 bytes and 8 hex digits of
 * its hash, so that two long names stay apart. */
static void constraint_name(char out[64], const char *kind, const char *table, const char *field)
{
    char full[3 * NAME_MAX_LEN + 8];
    int n = snprintf(full, sizeof(full), "%s_%s_%s", kind, table, field);
    if (n >= 0 && n < 64) {
        memcpy(out, full, (size_t)n + 1);
        return;
    }
    snprintf(out, 64, "%.54s_%08x", full,
             (unsigned)(hash_fnv1a(full, strlen(full)) & 0xffffffffu));
}

/* ---- fields ---------------------------------------------------------------------------- */

static int load_field(struct gen *g, const json_t *j, const char *path, struct field *f)
{
    memset(f, 0, sizeof(*f));
    f->j = j;
    f->name = str_or(j, "name", NULL);
    if (!valid_name(f->name, false)) {
        fail_at(g, path, ".name", "is not a snake_case identifier");
        return g->rc;
    }
    const char *type = str_or(j, "type", "");
    enum spec_type t = spec_type_from_name(type);
    if (t == SPEC_TYPE_COUNT) {
        fail_at(g, path, ".type", "is not a known field type");
        return g->rc;
    }
    f->type = t;
    snprintf(f->attr, sizeof(f->attr), "%s%s", f->name, names_python_renamed(f->name) ? "_" : "");
    f->required = is_true(j, "required");
    f->unique = is_true(j, "unique");
    f->def = json_object_get(j, "default");
    if (json_is_null(f->def))
        f->def = NULL;
    f->min = json_is_number(json_object_get(j, "min")) ? json_object_get(j, "min") : NULL;
    f->max = json_is_number(json_object_get(j, "max")) ? json_object_get(j, "max") : NULL;
    f->min_length = json_is_integer(json_object_get(j, "min_length"))
                        ? json_object_get(j, "min_length")
                        : NULL;
    f->max_length = json_is_integer(json_object_get(j, "max_length"))
                        ? json_object_get(j, "max_length")
                        : NULL;
    if (f->type == SPEC_ENUM) {
        f->values = json_object_get(j, "values");
        bool ok = json_is_array(f->values) && json_array_size(f->values) > 0;
        size_t i;
        const json_t *v;
        json_array_foreach(f->values, i, v) ok = ok && json_is_string(v);
        if (!ok) {
            fail_at(g, path, ".values", "must be a non-empty list of strings");
            return g->rc;
        }
    }
    if (f->type == SPEC_REFERENCE) {
        f->ref = entity_by_name(g, str_or(j, "entity", NULL));
        f->on_delete = str_or(j, "on_delete", "restrict");
        if (!f->ref) {
            fail_at(g, path, ".entity", "names no entity of this spec");
            return g->rc;
        }
        if (strcmp(f->on_delete, "cascade") && strcmp(f->on_delete, "set_null") &&
            strcmp(f->on_delete, "restrict")) {
            fail_at(g, path, ".on_delete", "must be cascade, set_null or restrict");
            return g->rc;
        }
    }
    /* set_null must be able to store NULL whatever the API requires on input. */
    f->nullable = !f->required || (f->on_delete && strcmp(f->on_delete, "set_null") == 0);
    return 0;
}

/* Loads the `fields` array of obj into out[]; *n gets the count. */
static int load_fields(struct gen *g, const json_t *obj, const char *key, const char *path,
                       struct field *out, size_t *n)
{
    const json_t *arr = json_object_get(obj, key);
    char where[128];
    *n = 0;
    if (arr && !json_is_array(arr)) {
        fail_at(g, path, key, "must be a list");
        return g->rc;
    }
    if (json_array_size(arr) > MAX_FIELDS) {
        fail_at(g, path, key, "has too many fields");
        return g->rc;
    }
    size_t i;
    const json_t *j;
    json_array_foreach(arr, i, j)
    {
        snprintf(where, sizeof(where), "%s.%s[%zu]", path, key, i);
        if (load_field(g, j, where, &out[i]))
            return g->rc;
        out[i].ref_created_later =
            out[i].ref && entity_position(g, out[i].ref) > entity_position(g, obj);
        for (size_t k = 0; k < i; k++)
            if (strcmp(out[k].name, out[i].name) == 0) {
                fail(g, where, "repeats a field name");
                return g->rc;
            }
        *n = i + 1;
    }
    return 0;
}

/* The Python type of a field, noting imports in *needs. */
static int py_type(struct buf *b, const struct field *f, unsigned *needs)
{
    switch (f->type) {
    case SPEC_DATE:
        *needs |= N_DATE;
        break;
    case SPEC_DATETIME:
        *needs |= N_DATETIME;
        break;
    case SPEC_DECIMAL:
        *needs |= N_DECIMAL;
        break;
    case SPEC_UUID:
        *needs |= N_UUID;
        break;
    case SPEC_JSON:
        *needs |= N_ANY;
        break;
    case SPEC_ENUM: {
        *needs |= N_LITERAL;
        int rc = buf_puts(b, "Literal[");
        size_t i;
        const json_t *v;
        json_array_foreach(f->values, i, v)
        {
            if (rc == 0 && i > 0)
                rc = buf_puts(b, ", ");
            if (rc == 0)
                rc = cg_esc_py_str(b, json_string_value(v));
        }
        return rc ? rc : buf_putc(b, ']');
    }
    default:
        break;
    }
    return buf_puts(b, TYPES[f->type].py);
}

/* Call arguments, each an owned string. */
struct args {
    char *v[256]; /* enum values are arguments of sa.Enum() */
    size_t n;
};

static void args_add(struct gen *g, struct args *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void args_add(struct gen *g, struct args *a, const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0 || a->n == sizeof(a->v) / sizeof(a->v[0])) {
        free(n < 0 ? NULL : s);
        keep(g, -ENOMEM);
        return;
    }
    a->v[a->n++] = s;
}

static void args_clear(struct args *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i]);
    a->n = 0;
}

/* Appends callee(args) laid out as black would: on the line when it fits after `col`
 * columns, else the arguments on one line indented by indent + 4, else one per line. */
static int put_call(struct buf *b, size_t col, size_t indent, const char *callee,
                    const struct args *a)
{
    size_t len = strlen(callee) + 2;
    for (size_t i = 0; i < a->n; i++)
        len += strlen(a->v[i]) + (i ? 2 : 0);
    int rc = buf_printf(b, "%s(", callee);
    if (col + len <= LINE_WIDTH) {
        for (size_t i = 0; rc == 0 && i < a->n; i++)
            rc = buf_printf(b, "%s%s", i ? ", " : "", a->v[i]);
        return rc ? rc : buf_putc(b, ')');
    }
    bool one_line = indent + 4 + len - strlen(callee) - 2 <= LINE_WIDTH;
    for (size_t i = 0; i < a->n; i++)
        one_line = one_line && !strchr(a->v[i], '\n');
    for (size_t i = 0; rc == 0 && i < a->n; i++) {
        if (one_line && i > 0)
            rc = buf_printf(b, ", %s", a->v[i]);
        else
            rc = buf_printf(b, "\n%*s%s%s", (int)indent + 4, "", a->v[i], one_line ? "" : ",");
    }
    return rc ? rc : buf_printf(b, "\n%*s)", (int)indent, "");
}

static void put_num(struct gen *g, struct buf *b, const json_t *v)
{
    keep(g, cg_py_number(b, v));
}

/* Field(...) constraints for request bodies. */
static void constraints(struct gen *g, const struct field *f, struct args *a, unsigned *needs)
{
    struct buf n;
    buf_init(&n, 64);
    /* A decimal's bounds are Decimals: compared with the float 0.1 (a little more than a
     * tenth), Decimal("0.1") would be below its own minimum. */
    const char *fmt = f->type == SPEC_DECIMAL ? "%s=Decimal(\"%s\")" : "%s=%s";
    const json_t *bounds[2] = {f->min, f->max};
    for (int i = 0; i < 2; i++) {
        if (!spec_type_is_number(f->type) || !bounds[i])
            continue;
        put_num(g, &n, bounds[i]);
        args_add(g, a, fmt, i ? "le" : "ge", n.data ? n.data : "0");
        buf_clear(&n);
    }
    if (f->type == SPEC_DECIMAL)
        args_add(g, a, "max_digits=18, decimal_places=4");
    if (f->type == SPEC_REFERENCE) /* an id: a PostgreSQL integer */
        args_add(g, a, "ge=1, le=2147483647");
    if (spec_type_is_text(f->type) && f->min_length)
        args_add(g, a, "min_length=%lld", (long long)json_integer_value(f->min_length));
    if (spec_type_is_text(f->type) && f->max_length)
        args_add(g, a, "max_length=%lld", (long long)json_integer_value(f->max_length));
    if (f->type == SPEC_EMAIL) {
        *needs |= N_EMAIL;
        args_add(g, a, "regex=EMAIL_PATTERN");
    }
    if (f->type == SPEC_URL) {
        *needs |= N_URL;
        args_add(g, a, "regex=URL_PATTERN");
    }
}

enum annot { A_CREATE, A_UPDATE, A_OUT };

/* The annotation (and default) of a field in a pydantic model, e.g.
 * `str = Field(..., max_length=200)`; `col` is where it starts on its line. */
static void annotation(struct gen *g, struct buf *out, const struct field *f, enum annot kind,
                       size_t col, unsigned *needs)
{
    struct buf type, lit;
    struct args a = {.n = 0};
    buf_init(&type, CODEGEN_MAX_FILE);
    buf_init(&lit, CODEGEN_MAX_FILE);
    bool optional = kind == A_UPDATE || (kind == A_CREATE && !f->required && !f->def) ||
                    (kind == A_OUT && f->nullable);
    if (optional && f->type != SPEC_JSON) {
        *needs |= N_OPTIONAL;
        keep(g, buf_puts(&type, "Optional["));
    }
    keep(g, py_type(&type, f, needs));
    if (optional && f->type != SPEC_JSON)
        keep(g, buf_putc(&type, ']'));

    bool mutable_default = false;
    if (kind == A_CREATE && f->required)
        args_add(g, &a, "...");
    else if (kind == A_CREATE && f->def) {
        keep(g, cg_py_literal(&lit, f->def));
        mutable_default = json_is_object(f->def) || json_is_array(f->def);
        if (mutable_default)
            args_add(g, &a, "default_factory=lambda: %s", lit.data);
        else
            args_add(g, &a, "%s", lit.data);
    } else
        args_add(g, &a, optional ? "None" : "...");
    size_t positional = a.n;
    if (kind != A_OUT)
        constraints(g, f, &a, needs);
    const char *desc = json_string_value(json_object_get(f->j, "description"));
    if (kind == A_CREATE && desc && *desc) {
        /* Shown in /docs; a literal, so nothing in it can become code. */
        keep(g, cg_esc_py_str(&lit, desc));
        args_add(g, &a, "description=%s", lit.data);
        buf_clear(&lit);
    }
    if (strcmp(f->attr, f->name) != 0)
        args_add(g, &a, "alias=\"%s\"", f->name);

    /* pydantic 1 makes a field typed Any optional unless it says Field(...). */
    bool required_any = kind == A_CREATE && f->required && f->type == SPEC_JSON;
    keep(g, type.data ? buf_puts(out, type.data) : -ENOMEM);
    if (a.n > positional || mutable_default || required_any) {
        *needs |= N_FIELD;
        keep(g, buf_puts(out, " = "));
        keep(g, put_call(out, col + type.len + 3, 4, "Field", &a));
    } else if (a.n > 0 && strcmp(a.v[0], "...") != 0) {
        keep(g, buf_printf(out, " = %s", a.v[0]));
    }
    args_clear(&a);
    buf_clear(&type);
    buf_clear(&lit);
}

/* The SQLAlchemy column of a field, e.g. `sa.Column(sa.String(200), nullable=False)`. */
static void column_expr(struct gen *g, struct buf *out, const struct field *f, const char *table,
                        unsigned *needs)
{
    struct args a = {.n = 0};
    struct buf t;
    buf_init(&t, CODEGEN_MAX_FILE);
    if (strcmp(f->attr, f->name) != 0)
        args_add(g, &a, "\"%s\"", f->name);
    switch (f->type) {
    case SPEC_STRING:
    case SPEC_EMAIL:
    case SPEC_URL:
        if (f->max_length)
            args_add(g, &a, "sa.String(%lld)", (long long)json_integer_value(f->max_length));
        else
            args_add(g, &a, "sa.String");
        break;
    case SPEC_TEXT:
        args_add(g, &a, "sa.Text");
        break;
    case SPEC_INTEGER: {
        /* 32-bit unless the declared range needs more. */
        bool big = !f->min || !f->max || json_number_value(f->min) < -2147483648.0 ||
                   json_number_value(f->max) > 2147483647.0;
        args_add(g, &a, big ? "sa.BigInteger" : "sa.Integer");
        break;
    }
    case SPEC_FLOAT:
        args_add(g, &a, "sa.Float");
        break;
    case SPEC_DECIMAL:
        args_add(g, &a, "sa.Numeric(18, 4)");
        break;
    case SPEC_BOOLEAN:
        args_add(g, &a, "sa.Boolean");
        break;
    case SPEC_DATE:
        args_add(g, &a, "sa.Date");
        break;
    case SPEC_DATETIME:
        args_add(g, &a, "sa.DateTime(timezone=True)");
        break;
    case SPEC_UUID:
        *needs |= N_PG;
        args_add(g, &a, "postgresql.UUID(as_uuid=True)");
        break;
    case SPEC_JSON:
        *needs |= N_PG;
        args_add(g, &a, "postgresql.JSONB");
        break;
    case SPEC_ENUM: {
        /* VARCHAR plus a CHECK constraint: values can grow without ALTER TYPE. */
        struct args e = {.n = 0};
        size_t i;
        const json_t *v;
        json_array_foreach(f->values, i, v)
        {
            keep(g, cg_esc_py_str(&t, json_string_value(v)));
            if (e.n + 3 < sizeof(e.v) / sizeof(e.v[0]))
                args_add(g, &e, "%s", t.data);
            else
                fail(g, "$", "an enum has too many values to lay out");
            buf_clear(&t);
        }
        char cname[64];
        constraint_name(cname, "ck", table, f->name);
        args_add(g, &e, "name=\"%s\"", cname);
        args_add(g, &e, "native_enum=False");
        args_add(g, &e, "create_constraint=True");
        /* On a line of its own inside the column when it does not fit after the name. */
        size_t col = 4 + strlen(f->attr) + strlen(" = sa.Column(");
        keep(g, put_call(&t, col, 4, "sa.Enum", &e));
        if (strchr(t.data ? t.data : "", '\n')) {
            buf_clear(&t);
            keep(g, put_call(&t, 8, 8, "sa.Enum", &e));
        }
        args_clear(&e);
        args_add(g, &a, "%s", t.data);
        break;
    }
    case SPEC_REFERENCE: {
        static const char *const actions[][2] = {
            {"cascade", "CASCADE"}, {"set_null", "SET NULL"}, {"restrict", "RESTRICT"}};
        const char *sql = "RESTRICT";
        for (size_t i = 0; i < 3; i++)
            if (strcmp(actions[i][0], f->on_delete) == 0)
                sql = actions[i][1];
        args_add(g, &a, "sa.Integer");
        struct args fk = {.n = 0};
        args_add(g, &fk, "\"%s.id\"", str_or(f->ref, "table", ""));
        args_add(g, &fk, "ondelete=\"%s\"", sql);
        if (f->ref_created_later) { /* added by ALTER TABLE once both tables exist */
            char cname[64];
            constraint_name(cname, "fk", table, f->name);
            args_add(g, &fk, "use_alter=True");
            args_add(g, &fk, "name=\"%s\"", cname);
        }
        /* On lines of its own inside the column when it does not fit after the name. */
        keep(g, put_call(&t, 8, 8, "sa.ForeignKey", &fk));
        args_clear(&fk);
        args_add(g, &a, "%s", t.data);
        break;
    }
    case SPEC_TYPE_COUNT: /* unknown types are refused when the field is read */
        break;
    }
    args_add(g, &a, "nullable=%s", f->nullable ? "True" : "False");
    if (f->unique && f->unique_global)
        args_add(g, &a, "unique=True");
    if (f->type == SPEC_REFERENCE)
        args_add(g, &a, "index=True");
    keep(g, put_call(out, 4 + strlen(f->attr) + 3, 4, "sa.Column", &a));
    args_clear(&a);
    buf_clear(&t);
}

/* ---- entities -------------------------------------------------------------------------- */

enum { F_UUID = 1, F_DATE = 2, F_DATETIME = 4, F_EMAIL = 8, F_URL = 16 };

/* The length arguments of a factory call, and its closing parenthesis. */
static void length_args(struct gen *g, struct buf *b, const struct field *f)
{
    if (f->min_length)
        keep(g, buf_printf(b, ", min_length=%lld", (long long)json_integer_value(f->min_length)));
    if (f->max_length)
        keep(g, buf_printf(b, ", max_length=%lld", (long long)json_integer_value(f->max_length)));
    keep(g, buf_putc(b, ')'));
}

/* A Python expression giving a valid, per-call unique value (tests/factories.py); NULL
 * result means the field is left out of the payload. */
static void factory_expr(struct gen *g, struct buf *b, const struct field *f)
{
    switch (f->type) {
    case SPEC_STRING:
    case SPEC_TEXT:
        keep(g, buf_puts(b, "text_value(n"));
        length_args(g, b, f);
        break;
    case SPEC_INTEGER: /* review keeps an integer's bounds integers: exact at 64 bits */
        keep(g, buf_puts(b, "integer_value(n"));
        if (f->min)
            keep(g, buf_printf(b, ", minimum=%lld", (long long)json_integer_value(f->min)));
        if (f->max)
            keep(g, buf_printf(b, ", maximum=%lld", (long long)json_integer_value(f->max)));
        keep(g, buf_putc(b, ')'));
        break;
    case SPEC_FLOAT:
    case SPEC_DECIMAL:
        keep(g, buf_puts(b, "number_value(n"));
        if (f->min) {
            keep(g, buf_puts(b, ", minimum="));
            put_num(g, b, f->min);
        } else if (f->max && f->type == SPEC_DECIMAL) { /* the column's end, not max - 1000 */
            keep(g, buf_printf(b, ", minimum=%.0f", -SPEC_DECIMAL_WHOLE_MAX));
        }
        if (f->max) {
            keep(g, buf_puts(b, ", maximum="));
            put_num(g, b, f->max);
        } else if (f->min && f->type == SPEC_DECIMAL) { /* the column's end, not min + 1000 */
            keep(g, buf_printf(b, ", maximum=%.0f", SPEC_DECIMAL_WHOLE_MAX));
        }
        keep(g, buf_putc(b, ')'));
        break;
    case SPEC_BOOLEAN:
        keep(g, buf_puts(b, "n % 2 == 0"));
        break;
    case SPEC_DATE:
        keep(g, buf_puts(b, "date_value(n)"));
        break;
    case SPEC_DATETIME:
        keep(g, buf_puts(b, "datetime_value(n)"));
        break;
    case SPEC_UUID:
        keep(g, buf_puts(b, "str(uuid.uuid4())"));
        break;
    case SPEC_EMAIL:
    case SPEC_URL:
        keep(g, buf_puts(b, f->type == SPEC_EMAIL ? "email_value(n" : "url_value(n"));
        length_args(g, b, f);
        break;
    case SPEC_ENUM: {
        size_t k = json_array_size(f->values);
        if (k == 1) {
            keep(g, cg_esc_py_str(b, json_string_value(json_array_get(f->values, 0))));
            break;
        }
        keep(g, buf_putc(b, '('));
        for (size_t i = 0; i < k; i++) {
            keep(g, buf_puts(b, i ? ", " : ""));
            keep(g, cg_esc_py_str(b, json_string_value(json_array_get(f->values, i))));
        }
        keep(g, buf_printf(b, ")[n %% %zu]", k));
        break;
    }
    case SPEC_JSON:
        keep(g, buf_puts(b, "{\"n\": n}"));
        break;
    case SPEC_REFERENCE:
        keep(g, buf_printf(b, "create_%s(client, headers)[\"id\"]", str_or(f->ref, "snake", "")));
        break;
    case SPEC_TYPE_COUNT: /* unknown types are refused when the field is read */
        break;
    }
}

/* The integer just beyond a bound (below min, or above max when `above`), exact at the ends of
 * 64 bits too: Python's integers have no end, so the literal may leave them. */
static void integer_beyond(struct gen *g, struct buf *b, json_int_t bound, bool above)
{
    if (!above && bound == LLONG_MIN)
        keep(g, buf_puts(b, "-9223372036854775809"));
    else if (above && bound == LLONG_MAX)
        keep(g, buf_puts(b, "9223372036854775808"));
    else
        keep(g, buf_printf(b, "%lld", (long long)(above ? bound + 1 : bound - 1)));
}

/* A number beyond a bound of a float or decimal (or of an integer given as a real); false
 * when no finite number lies beyond it (the probes send 1e999 there). */
static bool number_beyond(struct gen *g, struct buf *b, double bound, bool above)
{
    double beyond;
    if (!spec_number_beyond(bound, above, &beyond))
        return false;
    json_t *num = json_real(beyond);
    if (!num) {
        keep(g, -ENOMEM);
        return false;
    }
    keep(g, cg_py_number(b, num));
    json_decref(num);
    return true;
}

/* Values each field type must refuse (422), appended as INVALID sections. */
static void invalid_values(struct gen *g, struct tpl_dict *d, const struct field *f,
                           const char *fname_py, size_t *count, size_t *hostile)
{
    struct buf b;
    buf_init(&b, 4096);
    char bad[64];
    const char *list[4];
    size_t n = 0;
    if (TYPES[f->type].bad && f->type != SPEC_ENUM)
        list[n++] = TYPES[f->type].bad;
    if (f->type == SPEC_ENUM) {
        /* A word that is none of the values. */
        for (int i = 0; i < 1000; i++) {
            snprintf(bad, sizeof(bad), i ? "\"not-a-value-%d\"" : "\"not-a-value\"", i);
            bool clash = false;
            for (size_t k = 0; k < json_array_size(f->values); k++) {
                const char *v = json_string_value(json_array_get(f->values, k));
                clash =
                    clash || (strlen(bad) == strlen(v) + 2 && strncmp(bad + 1, v, strlen(v)) == 0);
            }
            if (!clash)
                break;
        }
        list[n++] = bad;
    }
    for (size_t i = 0; i < n; i++) {
        struct tpl_dict *s = section(g, d, "INVALID");
        set(g, s, "FNAME_PY", fname_py);
        set(g, s, "BAD_PY", list[i]);
        (*count)++;
    }
    for (const char *const *h = HOSTILE[f->type]; h && *h; h++) {
        struct tpl_dict *s = section(g, d, "HOSTILE");
        set(g, s, "FNAME_PY", fname_py);
        set(g, s, "BAD_PY", *h);
        (*hostile)++;
    }
    if (spec_type_is_text(f->type) && f->max_length) {
        struct tpl_dict *s = section(g, d, "INVALID");
        set(g, s, "FNAME_PY", fname_py);
        setf(g, s, "BAD_PY", "\"x\" * %lld", (long long)json_integer_value(f->max_length) + 1);
        (*count)++;
    }
    if (spec_type_is_text(f->type) && f->min_length && json_integer_value(f->min_length) > 0) {
        struct tpl_dict *s = section(g, d, "INVALID");
        set(g, s, "FNAME_PY", fname_py);
        setf(g, s, "BAD_PY", "\"x\" * %lld", (long long)json_integer_value(f->min_length) - 1);
        (*count)++;
    }
    const json_t *bounds[2] = {f->min, f->max};
    for (int i = 0; i < 2; i++) {
        if (!spec_type_is_number(f->type) || !bounds[i])
            continue;
        if (f->type == SPEC_INTEGER && json_is_integer(bounds[i]))
            integer_beyond(g, &b, json_integer_value(bounds[i]), i == 1);
        else if (!number_beyond(g, &b, json_number_value(bounds[i]), i == 1))
            continue;
        struct tpl_dict *s = section(g, d, "INVALID");
        set(g, s, "FNAME_PY", fname_py);
        set_buf(g, s, "BAD_PY", &b);
        (*count)++;
    }
    buf_clear(&b);
}

/* The notes column of the README's field table (Markdown-escaped). */
static void field_notes(struct gen *g, struct buf *b, const struct field *f)
{
    struct buf raw;
    buf_init(&raw, CODEGEN_MAX_FILE);
    const char *sep = "";
    if (f->unique) {
        keep(g, buf_puts(&raw, "unique"));
        sep = "; ";
    }
    if (f->min_length) {
        keep(g, buf_printf(&raw, "%sat least %lld characters", sep,
                           (long long)json_integer_value(f->min_length)));
        sep = "; ";
    }
    if (f->max_length) {
        keep(g, buf_printf(&raw, "%sat most %lld characters", sep,
                           (long long)json_integer_value(f->max_length)));
        sep = "; ";
    }
    if (f->min) {
        keep(g, buf_printf(&raw, "%sat least ", sep));
        put_num(g, &raw, f->min);
        sep = "; ";
    }
    if (f->max) {
        keep(g, buf_printf(&raw, "%sat most ", sep));
        put_num(g, &raw, f->max);
        sep = "; ";
    }
    if (f->type == SPEC_ENUM) {
        keep(g, buf_printf(&raw, "%sone of: ", sep));
        for (size_t i = 0; i < json_array_size(f->values); i++)
            keep(g, buf_printf(&raw, "%s%s", i ? ", " : "",
                               json_string_value(json_array_get(f->values, i))));
        sep = "; ";
    }
    if (f->type == SPEC_REFERENCE) {
        keep(g, buf_printf(&raw, "%sid of a %s (on delete: %s)", sep, str_or(f->ref, "name", ""),
                           f->on_delete));
        sep = "; ";
    }
    if (f->def) {
        char *d = json_dumps(f->def, JSON_ENCODE_ANY | JSON_COMPACT);
        if (!d)
            keep(g, -ENOMEM);
        else
            keep(g, buf_printf(&raw, "%sdefault %s", sep, d));
        free(d);
        sep = "; ";
    }
    const char *desc = str_or(f->j, "description", "");
    if (*desc)
        keep(g, buf_printf(&raw, "%s%s", sep, desc));
    keep(g, cg_esc_md(b, raw.data ? raw.data : ""));
    buf_clear(&raw);
}

/* A JSON sample value for README examples. */
static json_t *sample_value(const struct field *f)
{
    if (f->type == SPEC_ENUM)
        return json_deep_copy(json_array_get(f->values, 0));
    if (f->def && f->type != SPEC_JSON)
        return json_deep_copy(f->def);
    if (f->type == SPEC_STRING && f->max_length && json_integer_value(f->max_length) < 7)
        return json_string("x");
    if (spec_type_is_number(f->type) && (f->min || f->max)) {
        double v = f->min ? json_number_value(f->min) : json_number_value(f->max);
        return f->type == SPEC_INTEGER ? json_integer((json_int_t)ceil(v)) : json_real(v);
    }
    return json_loads(TYPES[f->type].sample, JSON_DECODE_ANY, NULL);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* `from module import a, b` with the names sorted, wrapped in parentheses past the width. */
static void from_import(struct gen *g, struct buf *b, const char *module, char **names, size_t n)
{
    qsort(names, n, sizeof(*names), cmp_str);
    size_t len = strlen("from  import ") + strlen(module);
    for (size_t i = 0; i < n; i++)
        len += strlen(names[i]) + (i ? 2 : 0);
    keep(g, buf_printf(b, "from %s import %s", module, len > LINE_WIDTH ? "(\n    " : ""));
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            keep(g, buf_puts(b, len > LINE_WIDTH ? ",\n    " : ", "));
        keep(g, buf_puts(b, names[i]));
    }
    keep(g, buf_puts(b, len > LINE_WIDTH ? ",\n)" : ""));
}

static bool comparable(enum spec_type t)
{
    return t == SPEC_STRING || t == SPEC_TEXT || t == SPEC_INTEGER || t == SPEC_BOOLEAN ||
           t == SPEC_EMAIL || t == SPEC_URL || t == SPEC_ENUM;
}

/* The FIELDS row of a field: its model column, its pydantic annotations, its README row. */
static void field_row(struct gen *g, struct tpl_dict *d, const struct field *f,
                      const char *fname_py, const char *table)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    struct tpl_dict *s = section(g, d, "FIELDS");
    set(g, s, "FNAME", f->name);
    set(g, s, "FNAME_PY", fname_py);
    set(g, s, "ATTR", f->attr);
    column_expr(g, &b, f, table, &g->model_needs);
    set_buf(g, s, "COLUMN", &b);
    annotation(g, &b, f, A_CREATE, 4 + strlen(f->attr) + 2, &g->schema_needs);
    set_buf(g, s, "CREATE_ANNOT", &b);
    annotation(g, &b, f, A_UPDATE, 4 + strlen(f->attr) + 2, &g->schema_needs);
    set_buf(g, s, "UPDATE_ANNOT", &b);
    annotation(g, &b, f, A_OUT, 4 + strlen(f->attr) + 2, &g->schema_needs);
    set_buf(g, s, "OUT_ANNOT", &b);
    set(g, s, "TYPE_MD", spec_type_name(f->type));
    set(g, s, "REQUIRED_MD", f->required ? "yes" : "no");
    field_notes(g, &b, f);
    set_buf(g, s, "NOTES_MD", &b);
}

/* What `sort` may name and the list's equality filter, for a field. */
static void list_params(struct gen *g, struct tpl_dict *d, const struct field *f,
                        const char *fname_py)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    struct tpl_dict *s;
    if (f->type != SPEC_JSON) {
        s = section(g, d, "SORTABLE");
        set(g, s, "FNAME_PY", fname_py);
        set(g, s, "ATTR", f->attr);
    }
    if (f->type != SPEC_JSON && !names_list_param(f->name)) {
        bool renamed = names_handler_local(f->attr);
        s = section(g, d, "FILTERS");
        setf(g, s, "PARAM", "%s%s", f->attr, renamed ? "_" : "");
        set(g, s, "ATTR", f->attr);
        keep(g, buf_printf(&b, "Optional[%s]", FILTER_TYPES[f->type]));
        if (renamed || strcmp(f->attr, f->name) != 0)
            keep(g, buf_printf(&b, " = Query(None, alias=\"%s\")", f->name));
        else
            keep(g, buf_puts(&b, " = None"));
        set_buf(g, s, "FILTER_ANNOT", &b);
    }
}

/* A unique field's duplicate test and, per owner, its composite constraint. */
static void uniqueness(struct gen *g, struct tpl_dict *d, const struct field *f,
                       const char *fname_py, const char *table)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    struct tpl_dict *s;
    if (f->unique && f->type != SPEC_BOOLEAN && f->type != SPEC_ENUM) {
        s = section(g, d, "UNIQUE");
        set(g, s, "ATTR", f->attr);
        set(g, s, "FNAME_PY", fname_py);
        /* The factory leaves an optional reference empty, and empty ones never clash: the
         * first row gets a parent. Another user may not point at this user's rows, so the
         * per-owner test is for values only. */
        bool fresh_parent = f->type == SPEC_REFERENCE && !f->required;
        struct tpl_dict *how = section(g, s, fresh_parent ? "WITH_PARENT" : "PLAIN_ROW");
        if (fresh_parent)
            set(g, how, "PARENT", str_or(f->ref, "snake", ""));
        show(g, s, "PER_OWNER", !f->unique_global && f->type != SPEC_REFERENCE);
    }
    if (f->unique && !f->unique_global) {
        /* Unique per owner: a composite constraint, so a 409 never reveals another
         * user's rows. */
        s = section(g, d, "OWNER_UNIQUE");
        keep(g, cg_esc_py_str(&b, f->name));
        set_buf(g, s, "COLUMN_PY", &b);
        char cname[64], column[NAME_MAX_LEN + 8];
        snprintf(column, sizeof(column), "owner_%s", f->name);
        constraint_name(cname, "uq", table, column);
        set(g, s, "CONSTRAINT", cname);
        show(g, d, "HAS_OWNER_UNIQUE", true);
    }
}

/* The router's lookup helper, on one line when it fits as black would. */
static void lookup_def(struct gen *g, struct tpl_dict *d, const char *snake, const char *cls,
                       bool owned)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    /* owner_id: the caller's id where the operation is limited to the owner's rows. */
    const char *owner_arg = ", owner_id: Optional[int] = None";
    keep(g, buf_printf(&b, "def get_%s_or_404(db: Session, item_id: int%s) -> models.%s:", snake,
                       owned ? owner_arg : "", cls));
    if (b.len > LINE_WIDTH) {
        buf_clear(&b);
        keep(g,
             buf_printf(&b, "def get_%s_or_404(\n    db: Session, item_id: int%s\n) -> models.%s:",
                        snake, owned ? owner_arg : "", cls));
    }
    set_buf(g, d, "GET_OR_404_DEF", &b);
}

/* The access sections of an entity, per operation (spec/access.h): <OP>_AUTH when it needs a
 * token, <OP>_PUBLIC when it does not, <OP>_OWNER when it is limited to the caller's rows and
 * <OP>_SHARED when it is not; ANY_AUTH when the router needs current_user. Returns whether
 * any operation needs a token. */
static bool fill_access(struct gen *g, struct tpl_dict *d, const json_t *e, const char *path)
{
    static const char *const ops[ACCESS_N_OPS] = {"LIST", "READ", "CREATE", "UPDATE", "DELETE"};
    bool owned = is_true(e, "owned"), any = false;
    enum access_rule rules[ACCESS_N_OPS];
    for (int op = 0; op < ACCESS_N_OPS; op++) {
        enum access_rule r = rules[op] = access_rule_of(e, g->auth, (enum access_op)op);
        char key[32];
        if ((r != ACCESS_PUBLIC && !g->auth) || (r == ACCESS_OWNER && !owned) ||
            (op == ACCESS_CREATE && owned && r == ACCESS_PUBLIC)) {
            fail(g, path, "has an access rule review refuses");
            break;
        }
        snprintf(key, sizeof(key), "%s_AUTH", ops[op]);
        show(g, d, key, r != ACCESS_PUBLIC);
        snprintf(key, sizeof(key), "%s_PUBLIC", ops[op]);
        show(g, d, key, r == ACCESS_PUBLIC);
        snprintf(key, sizeof(key), "%s_OWNER", ops[op]);
        show(g, d, key, r == ACCESS_OWNER);
        snprintf(key, sizeof(key), "%s_SHARED", ops[op]);
        show(g, d, key, r != ACCESS_OWNER);
        any = any || r != ACCESS_PUBLIC;
    }
    show(g, d, "ANY_AUTH", any);
    /* "owner: list, read, update, delete; authenticated: create" */
    struct buf md;
    buf_init(&md, 256);
    for (int r = ACCESS_OWNER; r >= ACCESS_PUBLIC; r--) {
        bool first = true;
        for (int op = 0; op < ACCESS_N_OPS; op++) {
            if (rules[op] != (enum access_rule)r)
                continue;
            keep(g, buf_printf(&md, "%s%s", first ? (md.len ? "; " : "") : ", ",
                               first ? access_rule_name(rules[op]) : ""));
            keep(g,
                 buf_printf(&md, "%s%s", first ? ": " : "", access_op_name((enum access_op)op)));
            first = false;
        }
    }
    set_buf(g, d, "ACCESS_MD", &md);
    return any;
}

/* Rejects an entity whose names the generated project could not use (or keeps for itself). */
static bool entity_names_ok(struct gen *g, const json_t *e, const char *path)
{
    const char *cls = str_or(e, "name", NULL), *snake = str_or(e, "snake", NULL);
    const char *plural = str_or(e, "plural", NULL), *table = str_or(e, "table", NULL);
    if (!valid_name(cls, true) || !valid_name(snake, false) || !valid_name(plural, false) ||
        !valid_name(table, false)) {
        fail(g, path, "needs a PascalCase name and snake_case snake, plural and table");
        return false;
    }
    if (strcmp(cls, "Base") == 0 ||
        (g->auth && (strcmp(cls, "User") == 0 || strcmp(table, "users") == 0))) {
        fail(g, path, "uses a name the generated project keeps for itself");
        return false;
    }
    if (is_true(e, "owned") && !g->auth) {
        fail(g, path, "is owned but authentication is off");
        return false;
    }
    return true;
}

/* The entity's fields, *n of them, or NULL after recording why. The caller frees the array. */
static struct field *entity_fields(struct gen *g, const json_t *e, const char *path, size_t *n)
{
    struct field *fields = calloc(MAX_FIELDS, sizeof(*fields));
    *n = 0;
    if (!fields) {
        keep(g, -ENOMEM);
        return NULL;
    }
    if (load_fields(g, e, "fields", path, fields, n)) {
        free(fields);
        return NULL;
    }
    for (size_t i = 0; i < *n; i++)
        fields[i].unique_global = access_unique_global(e, fields[i].j);
    return fields;
}

/* The entity's own names, description and ownership, as every per-entity template uses them. */
static void entity_header(struct gen *g, struct tpl_dict *d, const json_t *e, bool tokens,
                          size_t n_fields)
{
    const char *cls = str_or(e, "name", NULL), *snake = str_or(e, "snake", NULL);
    bool owned = is_true(e, "owned");
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    set(g, d, "CLASS", cls);
    set(g, d, "SNAKE", snake);
    set(g, d, "PLURAL", str_or(e, "plural", NULL));
    keep(g, cg_esc_py_str(&b, str_or(e, "table", NULL)));
    set_buf(g, d, "TABLE_PY", &b);
    const char *desc = str_or(e, "description", "");
    if (desc[strspn(desc, " \t\r\n\v\f")]) { /* a blank one would be an empty comment */
        struct tpl_dict *s = section(g, d, "DOC");
        set_esc(g, s, "DOC", cg_esc_py_comment, desc);
        show(g, d, "ENTITY_HAS_DESCRIPTION", true);
        set_esc(g, d, "ENTITY_DESCRIPTION_MD", cg_esc_md, desc);
    }
    show(g, d, "OWNED", owned);
    show(g, d, "NOT_OWNED", !owned);
    set(g, d, "OWNED_MD", owned ? "yes" : "no");
    set(g, d, "CURL_AUTH", tokens ? " -H \"Authorization: Bearer $TOKEN\"" : "");
    show(g, d, "NO_FIELDS", n_fields == 0);
    lookup_def(g, d, snake, cls, owned);
}

/* What the walk over an entity's fields gathers for the sections filled after it. */
struct entity_walk {
    const char *snake, *table;
    bool owned;
    bool aliases, has_refs, uses_n, has_required, has_json;
    bool filter_done, patch_done, null_done; /* the first field fit for each test was taken */
    size_t invalid, hostile;
    struct buf required, summary;
    json_t *example, *patch;       /* README curl bodies */
    char *imports[MAX_FIELDS + 2]; /* from tests.factories import ...; each freed by the walk */
    size_t n_imports;
};

/* A reference field's REFS section, and the factory of the entity it points at to import. */
static void reference_field(struct gen *g, struct tpl_dict *d, const struct field *f,
                            const char *fname_py, struct entity_walk *w)
{
    w->has_refs = true;
    const char *ref_snake = str_or(f->ref, "snake", "");
    struct tpl_dict *s = section(g, d, "REFS");
    set(g, s, "ATTR", f->attr);
    set(g, s, "FNAME", f->name);
    set(g, s, "FNAME_PY", fname_py);
    set(g, s, "REF_CLASS", str_or(f->ref, "name", ""));
    set(g, s, "REF_SNAKE", ref_snake);
    set(g, s, "REF_PLURAL", str_or(f->ref, "plural", ""));
    /* A row may point at the rows its user may read: only their own where the parent's
     * read rule is "owner", any row where anyone signed in (or anyone) may read it. */
    show(g, s, "REF_OWNED",
         w->owned && is_true(f->ref, "owned") &&
             access_rule_of(f->ref, g->auth, ACCESS_READ) == ACCESS_OWNER);
    bool cascade = strcmp(f->on_delete, "cascade") == 0;
    bool set_null = strcmp(f->on_delete, "set_null") == 0;
    show(g, s, "CASCADE", cascade);
    show(g, s, "SET_NULL", set_null);
    show(g, s, "RESTRICT", !cascade && !set_null);
    set(g, s, "ON_DELETE_VERB", cascade ? "cascades" : set_null ? "sets_null" : "is_restricted");
    bool seen = false;
    for (size_t k = 0; k < w->n_imports; k++)
        seen = seen || strcmp(w->imports[k] + strlen("create_"), ref_snake) == 0;
    if (!seen && strcmp(ref_snake, w->snake) != 0 &&
        asprintf(&w->imports[w->n_imports], "create_%s", ref_snake) >= 0)
        w->n_imports++;
}

/* The field's line in the test factory, and what tests/factories.py must import for it. */
static void factory_field(struct gen *g, struct tpl_dict *d, const struct field *f,
                          const char *fname_py, struct entity_walk *w)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    struct tpl_dict *s = section(g, d, "FACTORY_FIELDS");
    set(g, s, "FNAME_PY", fname_py);
    factory_expr(g, &b, f);
    w->uses_n = w->uses_n || !(f->type == SPEC_REFERENCE || f->type == SPEC_UUID ||
                               (f->type == SPEC_ENUM && json_array_size(f->values) == 1));
    set_buf(g, s, "FACTORY_EXPR", &b);
    if (f->type == SPEC_UUID)
        g->factory_needs |= F_UUID;
    if (f->type == SPEC_DATE)
        g->factory_needs |= F_DATE;
    if (f->type == SPEC_DATETIME)
        g->factory_needs |= F_DATETIME;
    if (f->type == SPEC_EMAIL)
        g->factory_needs |= F_EMAIL;
    if (f->type == SPEC_URL)
        g->factory_needs |= F_URL;
}

/* The filter, patch and null tests each use the first field they suit. */
static void pick_test_fields(struct gen *g, struct tpl_dict *d, const struct field *f,
                             const char *fname_py, struct entity_walk *w)
{
    struct tpl_dict *s;
    bool filterable =
        comparable(f->type) || f->type == SPEC_UUID || (f->type == SPEC_REFERENCE && f->required);
    if (!w->filter_done && filterable && f->type != SPEC_BOOLEAN && !names_list_param(f->name)) {
        s = section(g, d, "FILTER_TEST");
        set(g, s, "ATTR", f->attr);
        set(g, s, "FNAME_PY", fname_py);
        w->filter_done = true;
    }
    if (!w->patch_done && comparable(f->type) && !(f->unique && f->type == SPEC_BOOLEAN)) {
        s = section(g, d, "PATCH_TEST");
        set(g, s, "FNAME_PY", fname_py);
        w->patch_done = true;
    }
    if (!w->null_done && f->required && !f->nullable && f->type != SPEC_JSON) {
        s = section(g, d, "NULL_TEST");
        set(g, s, "ATTR", f->attr);
        set(g, s, "FNAME_PY", fname_py);
        w->null_done = true;
    }
}

/* The field's sample value in the README's create body, and the first one in its patch body. */
static void sample_field(struct gen *g, const struct field *f, struct entity_walk *w)
{
    json_t *sample = sample_value(f);
    /* json_object_set_new consumes sample even when it fails: then it is gone. */
    if (!sample || json_object_set_new(w->example, f->name, sample)) {
        keep(g, -ENOMEM);
        sample = NULL;
    }
    if (json_object_size(w->patch) == 0 && f->type != SPEC_REFERENCE && sample &&
        json_object_set(w->patch, f->name, sample))
        keep(g, -ENOMEM);
}

/* Everything one field (the index-th) adds to its entity's templates. */
static void entity_field(struct gen *g, struct tpl_dict *d, const struct field *f, size_t index,
                         struct entity_walk *w)
{
    char fname_py[NAME_MAX_LEN + 3];
    snprintf(fname_py, sizeof(fname_py), "\"%s\"", f->name);
    w->aliases = w->aliases || strcmp(f->attr, f->name) != 0;

    field_row(g, d, f, fname_py, w->table);
    keep(g, buf_printf(&w->summary, "%s%s (%s)", index ? ", " : "", f->name,
                       spec_type_name(f->type)));

    list_params(g, d, f, fname_py);
    if (f->type == SPEC_REFERENCE)
        reference_field(g, d, f, fname_py, w);
    if (f->type != SPEC_REFERENCE || f->required)
        factory_field(g, d, f, fname_py, w);
    if (f->required) {
        w->has_required = true;
        keep(g, buf_printf(&w->required, "%s%s", w->required.len ? ", " : "", fname_py));
    }
    invalid_values(g, d, f, fname_py, &w->invalid, &w->hostile);
    w->has_json = w->has_json || f->type == SPEC_JSON;
    uniqueness(g, d, f, fname_py, w->table);
    pick_test_fields(g, d, f, fname_py, w);
    sample_field(g, f, w);
}

/* The sections the templates show or hide after looking at all the fields. */
static void field_facts(struct gen *g, struct tpl_dict *d, const struct entity_walk *w)
{
    show(g, d, "PATCH_EMPTY", !w->patch_done);
    show(g, d, "HAS_ALIASES", w->aliases);
    show(g, d, "HAS_REFS", w->has_refs);
    show(g, d, "USES_N", w->uses_n);
    show(g, d, "HAS_REQUIRED", w->has_required);
    show(g, d, "HAS_INVALID", w->invalid > 0);
    show(g, d, "HAS_HOSTILE", w->hostile > 0);
    show(g, d, "NEEDS_PYTEST", w->has_required || w->invalid > 0 || w->hostile > 0);
    set(g, d, "REQUIRED_LIST", w->required.data);
    set_esc(g, d, "FIELD_SUMMARY_MD", cg_esc_md, w->summary.len ? w->summary.data : "(none)");
}

/* The test module's "from tests.factories import ..." names; frees the walk's imports. */
static void test_imports(struct gen *g, struct tpl_dict *d, struct entity_walk *w)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    if (asprintf(&w->imports[w->n_imports], "create_%s", w->snake) >= 0)
        w->n_imports++;
    /* Every test module builds payloads (test_bodies_must_be_objects_of_known_keys). */
    if (asprintf(&w->imports[w->n_imports], "%s_payload", w->snake) >= 0)
        w->n_imports++;
    if (w->has_json && (w->imports[w->n_imports] = strdup("nested_json")) != NULL)
        w->n_imports++;
    from_import(g, &b, "tests.factories", w->imports, w->n_imports);
    /* The template writes "from tests.factories import {{TEST_IMPORTS}}". */
    set(g, d, "TEST_IMPORTS", b.data ? b.data + strlen("from tests.factories import ") : "");
    buf_clear(&b);
    for (size_t i = 0; i < w->n_imports; i++)
        free(w->imports[i]);
    w->n_imports = 0;
}

/* The router's typing imports (filters take their types from app/fields.py). */
static void router_imports(struct gen *g, struct tpl_dict *d, size_t n_fields, bool owned)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    char *names[4];
    size_t k = 0;
    names[k++] = "List";
    if (n_fields > 0 || owned)
        names[k++] = "Optional";
    from_import(g, &b, "typing", names, k);
    keep(g, buf_putc(&b, '\n'));
    set_buf(g, d, "ROUTER_IMPORTS", &b);
}

/* The README's curl bodies for creating and patching one of the entity's rows. */
static void curl_bodies(struct gen *g, struct tpl_dict *d, const struct entity_walk *w)
{
    char *ex = json_dumps(w->example, JSON_PRESERVE_ORDER);
    char *pa = json_dumps(w->patch, JSON_PRESERVE_ORDER);
    if (!ex || !pa)
        keep(g, -ENOMEM);
    set_esc(g, d, "EXAMPLE_SH", cg_esc_shell, ex);
    set_esc(g, d, "PATCH_SH", cg_esc_shell, pa);
    free(ex);
    free(pa);
}

/* One entity's dictionary (d) for its model, router, tests and README part. */
static void fill_entity(struct gen *g, struct tpl_dict *d, const json_t *e, size_t index)
{
    char path[64];
    snprintf(path, sizeof(path), "$.entities[%zu]", index);
    if (!entity_names_ok(g, e, path))
        return;
    size_t n;
    struct field *fields = entity_fields(g, e, path, &n);
    if (!fields)
        return;
    bool tokens = fill_access(g, d, e, path);
    entity_header(g, d, e, tokens, n);

    struct entity_walk w = {
        .snake = str_or(e, "snake", NULL),
        .table = str_or(e, "table", NULL),
        .owned = is_true(e, "owned"),
        .example = json_object(),
        .patch = json_object(),
    };
    buf_init(&w.required, CODEGEN_MAX_FILE);
    buf_init(&w.summary, CODEGEN_MAX_FILE);
    if (!w.example || !w.patch)
        keep(g, -ENOMEM);
    for (size_t i = 0; i < n && !g->rc; i++)
        entity_field(g, d, &fields[i], i, &w);
    field_facts(g, d, &w);
    test_imports(g, d, &w);
    router_imports(g, d, n, w.owned);
    curl_bodies(g, d, &w);

    json_decref(w.example);
    json_decref(w.patch);
    buf_clear(&w.required);
    buf_clear(&w.summary);
    free(fields);
}

/* ---- actions --------------------------------------------------------------------------- */

static bool valid_path(const char *p)
{
    if (!p || p[0] != '/' || strlen(p) > 200)
        return false;
    for (; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("/_.-", *p)))
            return false;
    return true;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (!strchr(" \t\r\n", *s))
            return false;
    return true;
}

/* The action's code as the function body: verbatim, indented one level (leading tabs become
 * four spaces so the indentation stays consistent), or a 501 when there is none. */
static void action_body(struct gen *g, struct buf *b, const char *code)
{
    if (is_blank(code)) {
        keep(g,
             buf_puts(b, "    raise HTTPException(status_code=501, detail=\"Not implemented\")"));
        return;
    }
    for (const char *line = code; *line && !g->rc;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len && line[len - 1] == '\r')
            len--;
        if (len) {
            keep(g, buf_puts(b, "    "));
            size_t tabs = 0;
            for (; tabs < len && line[tabs] == '\t'; tabs++)
                keep(g, buf_puts(b, "    "));
            keep(g, buf_append(b, line + tabs, len - tabs));
        }
        keep(g, buf_putc(b, '\n'));
        line = end ? end + 1 : line + strlen(line);
    }
    while (b->len && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' '))
        b->data[--b->len] = '\0';
}

/* The action function's keyword-only parameters ("*, a: float, b: float"): after the name
 * when they fit, else on one line of their own, else one per line. Laid out parameter by
 * parameter, never by splitting text, so an enum value holding ", " stays whole. */
static void set_params(struct gen *g, struct tpl_dict *d, const char *func,
                       const struct args *params)
{
    struct buf joined, out;
    buf_init(&joined, CODEGEN_MAX_FILE);
    buf_init(&out, CODEGEN_MAX_FILE);
    for (size_t i = 0; i < params->n; i++)
        keep(g, buf_printf(&joined, "%s%s", i ? ", " : "*, ", params->v[i]));
    if (!params->n || 4 + strlen(func) + 1 + joined.len + 10 <= LINE_WIDTH) {
        keep(g, buf_puts(&out, joined.data ? joined.data : ""));
    } else if (4 + joined.len + 1 <= LINE_WIDTH) {
        keep(g, buf_printf(&out, "\n    %s\n", joined.data));
    } else {
        keep(g, buf_puts(&out, "\n    *,\n"));
        for (size_t i = 0; i < params->n; i++)
            keep(g, buf_printf(&out, "    %s,\n", params->v[i]));
    }
    set_buf(g, d, "PARAMS", &out);
    buf_clear(&joined);
}

/* Examples become tests; actions without code are expected to answer 501. */
static void action_examples(struct gen *g, struct tpl_dict *root, const json_t *a,
                            const char *method, const char *url, const char *code)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    size_t i;
    const json_t *examples = json_object_get(a, "examples");
    if (is_blank(code)) {
        g->action_needs |= N_HTTP_EXCEPTION;
        struct tpl_dict *s = section(g, root, "UNIMPLEMENTED");
        setf(g, s, "METHOD_PY", "\"%s\"", method);
        set_esc(g, s, "PATH_PY", cg_esc_py_str, url);
        show(g, root, "HAS_UNIMPLEMENTED", true);
    } else if (json_is_array(examples)) {
        const json_t *ex;
        json_array_foreach(examples, i, ex)
        {
            struct tpl_dict *s = section(g, root, "EXAMPLES");
            setf(g, s, "METHOD_PY", "\"%s\"", method);
            set_esc(g, s, "PATH_PY", cg_esc_py_str, url);
            const json_t *input = json_object_get(ex, "input");
            const json_t *output = json_object_get(ex, "output");
            json_t *empty = json_object();
            keep(g, cg_py_literal(&b, json_is_object(input) ? input : empty));
            set_buf(g, s, "INPUT_PY", &b);
            keep(g, cg_py_literal(&b, json_is_object(output) ? output : empty));
            set_buf(g, s, "OUTPUT_PY", &b);
            json_decref(empty);
            show(g, root, "HAS_EXAMPLES", true);
        }
    }
}

/* The README's curl line of an action, with the first example's input when there is one
 * (else sample values). */
static void action_curl(struct gen *g, struct tpl_dict *d, const json_t *a, const char *method,
                        const char *url, bool query, bool auth_required, const json_t *sample)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    const json_t *examples = json_object_get(a, "examples");
    const json_t *first = json_object_get(json_array_get(examples, 0), "input");
    const json_t *body = json_is_object(first) ? first : sample;
    keep(g,
         strcmp(method, "GET") == 0 ? buf_puts(&b, "curl") : buf_printf(&b, "curl -X %s", method));
    if (auth_required)
        keep(g, buf_puts(&b, " -H \"Authorization: Bearer $TOKEN\""));
    if (query) {
        keep(g, buf_puts(&b, " -G "));
        struct buf u;
        buf_init(&u, CODEGEN_MAX_FILE);
        keep(g, buf_printf(&u, "http://localhost:8000%s", url));
        keep(g, cg_esc_shell(&b, u.data));
        buf_clear(&u);
        const char *key;
        const json_t *v;
        json_object_foreach((json_t *)body, key, v)
        {
            char *text = json_is_string(v) ? strdup(json_string_value(v))
                                           : json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
            keep(g, buf_printf(&u, "%s=%s", key, text ? text : ""));
            keep(g, buf_puts(&b, " --data-urlencode "));
            keep(g, cg_esc_shell(&b, u.data ? u.data : ""));
            buf_clear(&u);
            free(text);
        }
    } else {
        keep(g, buf_printf(&b, " http://localhost:8000%s -H 'Content-Type: application/json' -d ",
                           url));
        char *text = json_dumps(body, JSON_PRESERVE_ORDER);
        keep(g, text ? cg_esc_shell(&b, text) : -ENOMEM);
        free(text);
    }
    set_buf(g, d, "CURL_ACTION", &b);
}

static void fill_action(struct gen *g, struct tpl_dict *root, struct tpl_dict *d, const json_t *a,
                        size_t index)
{
    char path[64];
    snprintf(path, sizeof(path), "$.actions[%zu]", index);
    const char *name = str_or(a, "name", NULL), *method = str_or(a, "method", "");
    const char *url = str_or(a, "path", NULL);
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    if (!valid_name(name, false) || !IN_LIST(method, methods) || !valid_path(url)) {
        fail(g, path, "needs a snake_case name, an HTTP method and a plain path");
        return;
    }
    bool auth_required = is_true(a, "auth_required");
    if (auth_required && !g->auth) {
        fail(g, path, "requires authentication but authentication is off");
        return;
    }
    struct field *in = calloc(2 * MAX_FIELDS, sizeof(*in));
    size_t n_in = 0, n_out = 0;
    if (!in) {
        keep(g, -ENOMEM);
        return;
    }
    struct field *out = in + MAX_FIELDS;
    if (load_fields(g, a, "input", path, in, &n_in) ||
        load_fields(g, a, "output", path, out, &n_out)) {
        free(in);
        return;
    }
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    struct args params = {.n = 0};
    char func[NAME_MAX_LEN + 2], cls[NAME_MAX_LEN * 2];
    snprintf(func, sizeof(func), "%s%s", name,
             names_python_renamed(name) || IN_LIST(name, RESERVED_FUNCS) ? "_" : "");
    if (inflect_pascal(name, cls, sizeof(cls)))
        keep(g, -ENAMETOOLONG);
    bool query = strcmp(method, "GET") == 0 || strcmp(method, "DELETE") == 0;
    set(g, d, "FUNC", func);
    set(g, d, "ACTION_CLASS", cls);
    set(g, d, "METHOD", method);
    char lower[8];
    size_t i;
    for (i = 0; i < sizeof(lower) - 1 && method[i]; i++)
        lower[i] = (char)(method[i] - 'A' + 'a');
    lower[i] = '\0';
    set(g, d, "METHOD_LOWER", lower);
    setf(g, d, "METHOD_PY", "\"%s\"", method);
    keep(g, cg_esc_py_str(&b, url));
    set_buf(g, d, "PATH_PY", &b);
    set_esc(g, d, "PATH_MD", cg_esc_md, url);
    const char *summary = str_or(a, "summary", "");
    set_esc(g, d, "SUMMARY_PY", cg_esc_py_str, summary);
    set_esc(g, d, "SUMMARY_MD", cg_esc_md, *summary ? summary : name);
    if (*summary) {
        struct tpl_dict *s = section(g, d, "DOC");
        set_esc(g, s, "DOC", cg_esc_py_docstring, summary);
    }
    show(g, d, "AUTH_REQUIRED", auth_required);
    set(g, d, "PAYLOAD_DEFAULT", query ? " = Depends()" : "");
    if (query || auth_required)
        g->action_needs |= N_DEPENDS;

    bool in_aliases = false, out_aliases = false;
    json_t *sample = json_object();
    if (!sample)
        keep(g, -ENOMEM);
    for (i = 0; i < n_in; i++) {
        struct tpl_dict *s = section(g, d, "INPUTS");
        set(g, s, "ATTR", in[i].attr);
        annotation(g, &b, &in[i], A_CREATE, 4 + strlen(in[i].attr) + 2, &g->schema_needs);
        set_buf(g, s, "CREATE_ANNOT", &b);
        in_aliases = in_aliases || strcmp(in[i].attr, in[i].name) != 0;
        /* Such an input could not be a parameter of the action's code. */
        if (names_is_python_keyword(in[i].name)) {
            char key[64];
            snprintf(key, sizeof(key), "input[%zu].name", i);
            fail_at(g, path, key, "is a Python keyword, which the action's code could not use");
        }
        struct field plain = in[i];
        plain.def = NULL;
        /* The code knows its inputs by their spec names. */
        bool optional = !in[i].required && !in[i].def && in[i].type != SPEC_JSON;
        keep(g, buf_printf(&b, "%s: %s", in[i].name, optional ? "Optional[" : ""));
        g->action_needs |= optional ? N_OPTIONAL : 0;
        keep(g, py_type(&b, &plain, &g->action_needs));
        keep(g, buf_puts(&b, optional ? "]" : ""));
        args_add(g, &params, "%s", b.data);
        buf_clear(&b);
        json_t *v = sample_value(&in[i]);
        if (!v || json_object_set_new(sample, in[i].name, v))
            keep(g, -ENOMEM);
    }
    for (i = 0; i < n_out; i++) {
        struct tpl_dict *s = section(g, d, "OUTPUTS");
        set(g, s, "ATTR", out[i].attr);
        annotation(g, &b, &out[i], A_OUT, 4 + strlen(out[i].attr) + 2, &g->schema_needs);
        set_buf(g, s, "OUT_ANNOT", &b);
        out_aliases = out_aliases || strcmp(out[i].attr, out[i].name) != 0;
    }
    show(g, d, "NO_INPUTS", n_in == 0);
    show(g, d, "NO_OUTPUTS", n_out == 0);
    show(g, d, "INPUT_ALIASES", in_aliases);
    show(g, d, "OUTPUT_ALIASES", out_aliases);
    set_params(g, d, func, &params);
    const char *code = str_or(a, "code", "");
    action_body(g, &b, code);
    set_buf(g, d, "BODY", &b);

    action_examples(g, root, a, method, url, code);

    action_curl(g, d, a, method, url, query, auth_required, sample);
    json_decref(sample);
    args_clear(&params);
    free(in);
}

/* ---- the whole project ----------------------------------------------------------------- */

static void endpoint(struct gen *g, struct tpl_dict *d, const char *method, const char *path,
                     const char *what)
{
    struct tpl_dict *s = section(g, d, "ENDPOINTS");
    set(g, s, "METHOD", method);
    set_esc(g, s, "PATH_MD", cg_esc_md, path);
    set_esc(g, s, "WHAT_MD", cg_esc_md, what);
}

/* Key/value bullets of a report object (the notes), Markdown-escaped. */
static bool all_strings(const json_t *array)
{
    size_t i;
    const json_t *v;
    json_array_foreach(array, i, v) if (!json_is_string(v)) return false;
    return true;
}

/* A report item's value as Markdown, after the item's "key:": a string as itself, a list of
 * strings (the planner's "understood", "guessed" and "ignored" notes) as a nested list, one item a
 * line, so that a reader does not meet JSON with escaped quotes; anything else as compact JSON. */
static void report_value(struct gen *g, struct buf *b, const json_t *v)
{
    if (json_is_string(v)) {
        keep(g, buf_putc(b, ' '));
        keep(g, cg_esc_md(b, json_string_value(v)));
        return;
    }
    if (json_is_array(v) && all_strings(v)) {
        size_t i;
        const json_t *item;
        json_array_foreach(v, i, item)
        {
            keep(g, buf_puts(b, "\n  - "));
            keep(g, cg_esc_md(b, json_string_value(item)));
        }
        if (json_array_size(v) == 0)
            keep(g, buf_puts(b, " none"));
        return;
    }
    char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    keep(g, buf_putc(b, ' '));
    keep(g, text ? cg_esc_md(b, text) : -ENOMEM);
    free(text);
}

static void report_items(struct gen *g, struct tpl_dict *d, const char *sec, const json_t *obj)
{
    const char *key;
    const json_t *v;
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    json_object_foreach((json_t *)obj, key, v)
    {
        struct tpl_dict *s = section(g, d, sec);
        set_esc(g, s, "KEY_MD", cg_esc_md, key);
        report_value(g, &b, v);
        set_buf(g, s, "VALUE_MD", &b);
    }
    buf_clear(&b);
}

static void fill_report(struct gen *g, struct tpl_dict *d)
{
    endpoint(g, d, "GET", "/health", "Health check (also checks the database)");
    endpoint(g, d, "GET", "/docs", "Interactive API documentation");
    if (g->auth) {
        endpoint(g, d, "POST", "/auth/register", "Create a user (409 when the email is taken)");
        endpoint(g, d, "POST", "/auth/login", "OAuth2 password form; returns a bearer token");
        endpoint(g, d, "GET", "/auth/me", "The signed-in user");
    }
    size_t i;
    const json_t *e;
    char path[160], what[200];
    json_array_foreach(g->entities, i, e)
    {
        const char *plural = str_or(e, "plural", ""), *cls = str_or(e, "name", "");
        snprintf(path, sizeof(path), "/%s", plural);
        snprintf(what, sizeof(what), "List %s rows (limit, offset, sort, filters)", cls);
        endpoint(g, d, "GET", path, what);
        snprintf(what, sizeof(what), "Create a %s", cls);
        endpoint(g, d, "POST", path, what);
        snprintf(path, sizeof(path), "/%s/{id}", plural);
        snprintf(what, sizeof(what), "Read a %s", cls);
        endpoint(g, d, "GET", path, what);
        snprintf(what, sizeof(what), "Update some fields of a %s", cls);
        endpoint(g, d, "PATCH", path, what);
        snprintf(what, sizeof(what), "Delete a %s", cls);
        endpoint(g, d, "DELETE", path, what);
    }
    const json_t *a;
    json_array_foreach(g->actions, i, a)
    {
        const char *summary = str_or(a, "summary", "");
        endpoint(g, d, str_or(a, "method", ""), str_or(a, "path", ""),
                 *summary ? summary : str_or(a, "name", ""));
    }

    const json_t *warnings = json_object_get(g->report, "warnings");
    const json_t *w;
    json_array_foreach(warnings, i, w)
    {
        struct tpl_dict *s = section(g, d, "WARNINGS");
        set_esc(g, s, "PATH_MD", cg_esc_md, str_or(w, "path", "$"));
        set_esc(g, s, "MESSAGE_MD", cg_esc_md,
                json_is_string(w) ? json_string_value(w) : str_or(w, "message", ""));
    }
    show(g, d, "NO_WARNINGS", json_array_size(warnings) == 0);
    const json_t *notes = json_object_get(g->report, "notes");
    show(g, d, "HAS_NOTES", json_object_size(notes) > 0);
    report_items(g, d, "NOTES", notes);
}

/* The imports of app/schemas.py (the annotations noted what they use) and its patterns. */
static void schemas_header(struct gen *g, struct tpl_dict *d, size_t n_entities)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    unsigned s = g->schema_needs;
    if (g->auth)
        s |= N_DATETIME | N_FIELD | N_EMAIL;
    if (n_entities)
        s |= N_DATETIME;
    const char *dt = (s & N_DATE) && (s & N_DATETIME) ? "date, datetime"
                     : (s & N_DATE)                   ? "date"
                                                      : "datetime";
    if (s & (N_DATE | N_DATETIME))
        keep(g, buf_printf(&b, "from datetime import %s\n", dt));
    if (s & N_DECIMAL)
        keep(g, buf_puts(&b, "from decimal import Decimal\n"));
    if (s & (N_ANY | N_LITERAL | N_OPTIONAL)) {
        keep(g, buf_printf(&b, "from typing import %s%s%s", s & N_ANY ? "Any" : "",
                           (s & N_ANY) && (s & (N_LITERAL | N_OPTIONAL)) ? ", " : "",
                           s & N_LITERAL ? "Literal" : ""));
        keep(g, buf_printf(&b, "%s%s\n", (s & N_LITERAL) && (s & N_OPTIONAL) ? ", " : "",
                           s & N_OPTIONAL ? "Optional" : ""));
    }
    if (s & N_UUID)
        keep(g, buf_puts(&b, "from uuid import UUID\n"));
    keep(g, buf_printf(&b, "%sfrom pydantic import BaseModel%s\n\nfrom app.fields import Body",
                       b.len ? "\n" : "", s & N_FIELD ? ", Field" : ""));
    /* Patterns match the whole value (\Z: "$" would let a trailing newline in). */
    if (s & (N_EMAIL | N_URL))
        keep(g, buf_puts(&b, "\n"));
    if (s & N_EMAIL)
        keep(g, buf_puts(&b, "\nEMAIL_PATTERN = r\"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\Z\""));
    if (s & N_URL)
        keep(g, buf_puts(&b, "\nURL_PATTERN = r\"^https?://[^\\s/?#]+[^\\s]*\\Z\""));
    set_buf(g, d, "SCHEMAS_HEADER", &b);
}

/* The imports of app/actions.py. */
static void actions_header(struct gen *g, struct tpl_dict *d)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    unsigned an = g->action_needs;
    if (an & (N_DATE | N_DATETIME))
        keep(g, buf_printf(&b, "from datetime import %s\n",
                           (an & N_DATE) && (an & N_DATETIME) ? "date, datetime"
                           : (an & N_DATE)                    ? "date"
                                                              : "datetime"));
    if (an & N_DECIMAL)
        keep(g, buf_puts(&b, "from decimal import Decimal\n"));
    if (an & (N_ANY | N_LITERAL | N_OPTIONAL)) {
        const char *names[3];
        size_t k = 0;
        if (an & N_ANY)
            names[k++] = "Any";
        if (an & N_LITERAL)
            names[k++] = "Literal";
        if (an & N_OPTIONAL)
            names[k++] = "Optional";
        keep(g, buf_puts(&b, "from typing import "));
        for (size_t j = 0; j < k; j++)
            keep(g, buf_printf(&b, "%s%s", j ? ", " : "", names[j]));
        keep(g, buf_putc(&b, '\n'));
    }
    if (an & N_UUID)
        keep(g, buf_puts(&b, "from uuid import UUID\n"));
    keep(g, buf_printf(&b, "%sfrom fastapi import APIRouter%s%s\n", b.len ? "\n" : "",
                       an & N_DEPENDS ? ", Depends" : "",
                       an & N_HTTP_EXCEPTION ? ", HTTPException" : ""));
    set_buf(g, d, "ACTIONS_IMPORTS", &b);
}

/* The imports of tests/factories.py and the helpers it needs. */
static void factories_header(struct gen *g, struct tpl_dict *d)
{
    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    keep(g, buf_puts(&b, "import itertools\n"));
    if (g->factory_needs & F_UUID)
        keep(g, buf_puts(&b, "import uuid\n"));
    if (g->factory_needs & (F_DATE | F_DATETIME)) {
        keep(g, buf_printf(&b, "from datetime import %s%stimedelta%s\n",
                           g->factory_needs & F_DATE ? "date, " : "",
                           g->factory_needs & F_DATETIME ? "datetime, " : "",
                           g->factory_needs & F_DATETIME ? ", timezone" : ""));
    }
    set_buf(g, d, "FACTORY_IMPORTS", &b);
    show(g, d, "FACTORY_DATE", (g->factory_needs & F_DATE) != 0);
    show(g, d, "FACTORY_DATETIME", (g->factory_needs & F_DATETIME) != 0);
    show(g, d, "FACTORY_ADDRESS", (g->factory_needs & (F_EMAIL | F_URL)) != 0);
    show(g, d, "FACTORY_EMAIL", (g->factory_needs & F_EMAIL) != 0);
    show(g, d, "FACTORY_URL", (g->factory_needs & F_URL) != 0);
}

static void fill_globals(struct gen *g, struct tpl_dict *d)
{
    const char *name = str_or(g->spec, "name", NULL);
    bool slug = name && *name && strlen(name) <= NAME_MAX_LEN;
    for (const char *p = name; slug && *p; p++)
        slug = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
    if (!slug) {
        fail(g, "$.name", "is not a slug of lowercase letters, digits and dashes");
        return;
    }
    char db[NAME_MAX_LEN + 1];
    size_t i;
    for (i = 0; name[i]; i++)
        db[i] = name[i] == '-' ? '_' : name[i];
    db[i] = '\0';
    const char *title = str_or(g->spec, "title", "");
    const char *desc = str_or(g->spec, "description", "");
    if (!*title)
        title = name;
    set(g, d, "PROJECT_NAME", name);
    set(g, d, "DB_NAME", db);
    set_esc(g, d, "TITLE_MD", cg_esc_md, title);
    set_esc(g, d, "TITLE_PY", cg_esc_py_str, title);
    set_esc(g, d, "TITLE_DOC", cg_esc_py_comment, title);
    set_esc(g, d, "TITLE_YAML", cg_esc_yaml, title);
    set_esc(g, d, "DESCRIPTION_MD", cg_esc_md, desc);
    set_esc(g, d, "DESCRIPTION_PY", cg_esc_py_str, desc);
    show(g, d, "HAS_DESCRIPTION", *desc != '\0');
    show(g, d, "AUTH", g->auth);
    show(g, d, "NO_AUTH", !g->auth);
    size_t n_entities = json_array_size(g->entities), n_actions = json_array_size(g->actions);
    show(g, d, "HAS_ENTITIES", n_entities > 0);
    show(g, d, "HAS_ACTIONS", n_actions > 0);
    setf(g, d, "ENTITY_COUNT", "%zu", n_entities);
    setf(g, d, "ACTION_COUNT", "%zu", n_actions);

    struct buf b;
    buf_init(&b, CODEGEN_MAX_FILE);
    char **modules = calloc(n_entities + 1, sizeof(*modules));
    if (!modules)
        keep(g, -ENOMEM);
    const json_t *e;
    json_array_foreach(g->entities, i, e)
    {
        if (g->rc)
            break;
        fill_entity(g, section(g, d, "ENTITIES"), e, i);
        if (modules)
            modules[i] = (char *)str_or(e, "plural", "");
    }
    if (modules && n_entities && !g->rc) {
        from_import(g, &b, "app.routers", modules, n_entities);
        set(g, d, "ROUTER_MODULES", b.data + strlen("from app.routers import "));
        buf_clear(&b);
    }
    free(modules);

    bool actions_auth = false;
    const json_t *a;
    json_array_foreach(g->actions, i, a)
    {
        if (g->rc)
            break;
        fill_action(g, d, section(g, d, "ACTIONS"), a, i);
        actions_auth = actions_auth || (g->auth && is_true(a, "auth_required"));
    }
    show(g, d, "ACTIONS_AUTH", actions_auth);

    schemas_header(g, d, n_entities);
    actions_header(g, d);
    show(g, d, "USES_PG_TYPES", (g->model_needs & N_PG) != 0);
    factories_header(g, d);

    char *spec = json_dumps(g->spec, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (!spec)
        keep(g, -ENOMEM);
    set(g, d, "SPEC_JSON", spec);
    free(spec);
    fill_report(g, d);
}

/* ---- templates and the file tree -------------------------------------------------------- */

struct tpl_file {
    char *rel; /* path below the target folder, with the .tpl suffix */
    unsigned mode;
};

struct tpl_list {
    struct tpl_file items[MAX_TEMPLATES];
    size_t n;
};

int codegen_read_file(const char *path, size_t max, char **out, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    struct buf b;
    buf_init(&b, max);
    char chunk[8192];
    int rc = 0;
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof(chunk));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            rc = -errno;
        if (r <= 0)
            break;
        rc = buf_append(&b, chunk, (size_t)r);
        if (rc)
            break;
    }
    close(fd);
    if (rc == 0 && !(*out = buf_steal(&b, len)))
        rc = -ENOMEM;
    buf_clear(&b);
    return rc;
}

/* Collects every *.tpl below dir (relative names, dot-folders included). */
static int scan(const char *root, const char *rel, struct tpl_list *list, int depth)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s%s%s", root, *rel ? "/" : "", rel);
    if (depth > 8)
        return -ELOOP;
    DIR *dir = opendir(path);
    if (!dir)
        return -errno;
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(dir))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char sub[1024], full[4096];
        if (snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", de->d_name) >=
            (int)sizeof(sub)) {
            rc = -ENAMETOOLONG;
            break;
        }
        snprintf(full, sizeof(full), "%s/%s", root, sub);
        struct stat st;
        if (stat(full, &st) < 0) {
            rc = -errno;
            break;
        }
        if (S_ISDIR(st.st_mode)) {
            rc = scan(root, sub, list, depth + 1);
            continue;
        }
        size_t len = strlen(sub);
        if (!S_ISREG(st.st_mode) || len < 5 || strcmp(sub + len - 4, ".tpl") != 0)
            continue;
        if (list->n == MAX_TEMPLATES) {
            rc = -E2BIG;
            break;
        }
        list->items[list->n].rel = strdup(sub);
        list->items[list->n].mode = st.st_mode & 0111 ? 0755 : 0644;
        if (!list->items[list->n].rel)
            rc = -ENOMEM;
        else
            list->n++;
    }
    closedir(dir);
    return rc;
}

static int add_file(struct gen *g, const char *path, char *data, size_t len, unsigned mode)
{
    /* Exactly one trailing newline, whatever the sections left behind. */
    while (len > 0 && data[len - 1] == '\n')
        len--;
    if (len > 0)
        data[len++] = '\n';
    if (g->total + len > CODEGEN_MAX_TOTAL) {
        free(data);
        return -E2BIG;
    }
    struct gen_tree *t = g->out;
    if (t->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 32;
        struct gen_file *files = realloc(t->files, cap * sizeof(*files));
        if (!files) {
            free(data);
            return -ENOMEM;
        }
        t->files = files;
        g->cap = cap;
    }
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->files[i].path, path) == 0) {
            free(data);
            fail(g, "$.entities", "an entity's plural collides with another generated file");
            return g->rc;
        }
    char *p = strdup(path);
    if (!p) {
        free(data);
        return -ENOMEM;
    }
    t->files[t->n++] = (struct gen_file){.path = p, .data = data, .len = len, .mode = mode};
    g->total += len;
    return 0;
}

static int render_one(struct gen *g, struct tpl_cache *cache, const char *key,
                      const struct tpl_dict *d, const char *out_path, unsigned mode)
{
    char *data = NULL;
    size_t len = 0;
    int rc = tpl_render(cache, key, d, CODEGEN_MAX_FILE - 1, &data, &len);
    if (rc == -EINVAL)
        fail(g, "$", "a template failed to expand");
    return rc ? rc : add_file(g, out_path, data, len, mode);
}

/* Which optional files this spec has. */
static bool wanted(const struct gen *g, const char *rel)
{
    static const char *const auth_files[] = {"app/auth.py.tpl", "tests/test_auth_flow.py.tpl"};
    static const char *const action_files[] = {"app/actions.py.tpl",
                                               "tests/test_action_examples.py.tpl"};
    static const char *const entity_files[] = {"app/routers/__init__.py.tpl",
                                               "tests/factories.py.tpl"};
    if (IN_LIST(rel, auth_files))
        return g->auth;
    if (IN_LIST(rel, action_files))
        return json_array_size(g->actions) > 0;
    if (IN_LIST(rel, entity_files))
        return json_array_size(g->entities) > 0;
    if (strcmp(rel, "app/models.py.tpl") == 0)
        return g->auth || json_array_size(g->entities) > 0;
    return true;
}

static int cmp_files(const void *a, const void *b)
{
    return strcmp(((const struct gen_file *)a)->path, ((const struct gen_file *)b)->path);
}

static int render_all(struct gen *g, const char *dir, struct tpl_list *list)
{
    struct tpl_cache *cache = tpl_cache_new();
    struct tpl_dict *root = tpl_dict_new();
    int rc = cache && root ? 0 : -ENOMEM;
    for (size_t i = 0; rc == 0 && i < list->n; i++) {
        char path[4096], *text = NULL;
        size_t len = 0;
        if (snprintf(path, sizeof(path), "%s/%s", dir, list->items[i].rel) >= (int)sizeof(path))
            rc = -ENAMETOOLONG;
        else
            rc = codegen_read_file(path, CODEGEN_MAX_FILE, &text, &len);
        if (rc == 0)
            rc = tpl_cache_add(cache, list->items[i].rel, text, len);
        if (rc == -EINVAL)
            fail(g, "$", "a template does not parse");
        free(text);
    }
    if (rc == 0) {
        fill_globals(g, root);
        rc = g->rc;
    }
    for (size_t i = 0; rc == 0 && i < list->n; i++) {
        const char *rel = list->items[i].rel;
        char out[1024];
        if (!wanted(g, rel))
            continue;
        const char *marker = strstr(rel, "__entity__");
        if (!marker) {
            snprintf(out, sizeof(out), "%.*s", (int)(strlen(rel) - 4), rel);
            rc = render_one(g, cache, rel, root, out, list->items[i].mode);
            continue;
        }
        size_t k;
        const json_t *e;
        json_array_foreach(g->entities, k, e)
        {
            struct tpl_dict *d = tpl_dict_new();
            if (!d) {
                rc = -ENOMEM;
                break;
            }
            show(g, d, "AUTH", g->auth);
            show(g, d, "NO_AUTH", !g->auth);
            fill_entity(g, d, e, k);
            rc = g->rc;
            snprintf(out, sizeof(out), "%.*s%s%.*s", (int)(marker - rel), rel,
                     str_or(e, "plural", ""), (int)(strlen(marker) - 10 - 4), marker + 10);
            if (rc == 0)
                rc = render_one(g, cache, rel, d, out, list->items[i].mode);
            tpl_dict_free(d);
            if (rc)
                break;
        }
    }
    tpl_dict_free(root);
    tpl_cache_free(cache);
    return rc;
}

int codegen_render(const json_t *normalized_spec, const json_t *report, const char *templates_dir,
                   struct gen_tree *out, struct problems *err)
{
    out->files = NULL;
    out->n = 0;
    struct gen g = {
        .spec = normalized_spec,
        .report = report,
        .entities = json_object_get(normalized_spec, "entities"),
        .actions = json_object_get(normalized_spec, "actions"),
        .auth = is_true(json_object_get(normalized_spec, "auth"), "enabled"),
        .err = err,
        .out = out,
    };
    const char *target = str_or(normalized_spec, "target", "");
    bool known = *target && strlen(target) <= NAME_MAX_LEN;
    for (const char *p = target; known && *p; p++)
        known = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
    if (!json_is_object(normalized_spec) || !known) {
        if (err)
            problems_add(err, "$.target", "is not a known target");
        return -EINVAL;
    }
    char dir[4096];
    if (snprintf(dir, sizeof(dir), "%s/%s", templates_dir, target) >= (int)sizeof(dir))
        return -ENAMETOOLONG;
    struct tpl_list *list = calloc(1, sizeof(*list));
    if (!list)
        return -ENOMEM;
    int rc = scan(dir, "", list, 0);
    if (rc == 0)
        rc = render_all(&g, dir, list);
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i].rel);
    free(list);
    if (rc) {
        gen_tree_clear(out);
        return rc;
    }
    qsort(out->files, out->n, sizeof(*out->files), cmp_files);
    return 0;
}

void gen_tree_clear(struct gen_tree *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->files[i].path);
        free(t->files[i].data);
    }
    free(t->files);
    t->files = NULL;
    t->n = 0;
}

const struct gen_file *gen_tree_find(const struct gen_tree *t, const char *path)
{
    struct gen_file key = {.path = (char *)path};
    return t && t->n ? bsearch(&key, t->files, t->n, sizeof(*t->files), cmp_files) : NULL;
}
