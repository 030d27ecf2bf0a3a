/* Unit tests for spec review: every rule with its JSON path, the normalized form, the
 * example specs under tests/data/specs/ and the embedded JSON Schema. */
#include "spec/names.h"
#include "spec/review.h"
#include "tap.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *srcdir(void)
{
    const char *s = getenv("srcdir");
    return s && *s ? s : ".";
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20;
    char *data = malloc(cap + 1);
    size_t n = data ? fread(data, 1, cap, f) : 0;
    fclose(f);
    if (data)
        data[n] = '\0';
    *len = n;
    return data;
}

/* A string member or "" (never NULL, so is_str compares cleanly). */
static const char *sv(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : "";
}

static bool has(const struct problems *p, const char *path, const char *fragment)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->items[i].path, path) == 0 && strstr(p->items[i].message, fragment))
            return true;
    return false;
}

static void dump(const struct problems *p, const char *what)
{
    for (size_t i = 0; i < p->n; i++)
        printf("#   %s %s: %s\n", what, p->items[i].path, p->items[i].message);
}

/* Reviews `text`; keeps the normalized spec in *out (or NULL) and the problems in rv. */
static int run(const char *text, json_t **out, struct review *rv)
{
    review_clear(rv);
    json_decref(*out);
    *out = NULL;
    return review_spec_text(text, strlen(text), out, rv);
}

/* Asserts one error at `path` whose message contains `fragment`. */
static void refuses(const char *text, const char *path, const char *fragment, const char *what)
{
    struct review rv;
    json_t *out = NULL;
    review_init(&rv);
    int r = run(text, &out, &rv);
    ok(r == -EINVAL && !out && has(&rv.errors, path, fragment), "refuses %s at %s", what, path);
    if (!has(&rv.errors, path, fragment))
        dump(&rv.errors, "error");
    review_clear(&rv);
}

static void warns(const char *text, const char *path, const char *fragment, const char *what)
{
    struct review rv;
    json_t *out = NULL;
    review_init(&rv);
    int r = run(text, &out, &rv);
    ok(r == 0 && out && has(&rv.warnings, path, fragment), "accepts with a warning: %s", what);
    if (r != 0 || !has(&rv.warnings, path, fragment)) {
        dump(&rv.errors, "error");
        dump(&rv.warnings, "warning");
    }
    json_decref(out);
    review_clear(&rv);
}

#define ENTITY(fields)                                                                            \
    "{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Item\","                        \
    "\"fields\":[" fields "]}]}"

static const json_t *entity(const json_t *spec, size_t i)
{
    return json_array_get(json_object_get(spec, "entities"), i);
}

static const json_t *field(const json_t *spec, size_t e, size_t f)
{
    return json_array_get(json_object_get(entity(spec, e), "fields"), f);
}

static void test_normalization(void)
{
    struct review rv;
    json_t *out = NULL;
    review_init(&rv);
    int r = run("{\"spec_version\":1,\"title\":\"My Shop! 2024\",\"entities\":["
                "{\"name\":\"line_items\",\"owned\":true,\"fields\":["
                "{\"name\":\"order_id\",\"type\":\"reference\",\"entity\":\"orders\"},"
                "{\"name\":\"Unit Price\",\"type\":\"decimal\"}]},"
                "{\"name\":\"order\",\"owned\":true,\"fields\":["
                "{\"name\":\"note\",\"type\":\"string\"},{\"name\":\"body\",\"type\":\"text\"},"
                "{\"name\":\"site\",\"type\":\"url\"},{\"name\":\"mail\",\"type\":\"email\"}]},"
                "{\"name\":\"category\",\"plural\":\"Kategorien\",\"fields\":["
                "{\"name\":\"label\",\"type\":\"string\",\"min_length\":300}]}],"
                "\"actions\":[{\"name\":\"ping\",\"method\":\"get\",\"path\":\"/ping\"}]}",
                &out, &rv);
    is_int(r, 0, "a spec in loose spelling is accepted");
    dump(&rv.errors, "error");
    is_str(sv(out, "name"), "my-shop-2024", "name is slugged from the title");
    is_str(sv(out, "title"), "My Shop! 2024", "title kept");
    is_str(sv(out, "target"), "fastapi-postgres", "target defaulted");
    is_str(sv(out, "description"), "", "description defaulted to empty");
    ok(json_is_true(json_object_get(json_object_get(out, "auth"), "enabled")),
       "auth defaults to on when an entity is owned");
    is_str(sv(entity(out, 0), "name"), "Order", "referenced entity sorted first");
    is_str(sv(entity(out, 1), "name"), "LineItem", "plural name singularized");
    is_str(sv(entity(out, 1), "snake"), "line_item", "snake");
    is_str(sv(entity(out, 1), "plural"), "line_items", "plural");
    is_str(sv(entity(out, 1), "table"), "line_items", "table = plural");
    is_str(sv(entity(out, 2), "plural"), "kategorien", "explicit plural respected");
    is_str(sv(field(out, 1, 0), "entity"), "Order", "reference by plural resolved");
    is_str(sv(field(out, 1, 0), "on_delete"), "restrict", "on_delete defaults");
    is_str(sv(field(out, 1, 1), "name"), "unit_price", "field name snake_cased");
    ok(json_is_false(json_object_get(field(out, 1, 1), "required")) &&
           json_is_false(json_object_get(field(out, 1, 1), "unique")) &&
           json_is_string(json_object_get(field(out, 1, 1), "description")) &&
           !json_object_get(field(out, 1, 1), "default") &&
           !json_object_get(field(out, 1, 1), "min"),
       "flags and description filled, absent constraints stay absent");
    is_int(json_integer_value(json_object_get(field(out, 0, 0), "max_length")), 255,
           "string max_length 255 by default");
    ok(!json_object_get(field(out, 0, 1), "max_length"), "text has no default max_length");
    is_int(json_integer_value(json_object_get(field(out, 0, 2), "max_length")), 2048,
           "url max_length 2048 by default");
    is_int(json_integer_value(json_object_get(field(out, 0, 3), "max_length")), 255,
           "email max_length 255 by default");
    is_int(json_integer_value(json_object_get(field(out, 2, 0), "max_length")), 10000,
           "a min_length above 255 lifts the default max_length");
    const json_t *a = json_array_get(json_object_get(out, "actions"), 0);
    is_str(sv(a, "method"), "GET", "method upper-cased");
    ok(json_is_true(json_object_get(a, "auth_required")), "auth_required defaults to auth");
    is_str(sv(a, "code"), "", "code defaults to empty");
    ok(json_is_array(json_object_get(a, "input")) && json_is_array(json_object_get(a, "examples")),
       "action lists present");
    ok(has(&rv.warnings, "$.entities[0].fields[1].name", "written \"unit_price\""),
       "renamed field warned");
    ok(has(&rv.warnings, "$.spec_version", "") == false, "no warning for a given version");

    /* Idempotence: the normalized form reviews to itself. */
    struct review rv2;
    json_t *again = NULL;
    review_init(&rv2);
    ok(review_spec(out, &again, &rv2) == 0 && json_equal(out, again),
       "normalized spec reviews to itself");
    json_decref(again);
    review_clear(&rv2);

    r = run("{\"name\":\"Todo API\",\"entities\":[{\"name\":\"Task\",\"fields\":"
            "[{\"name\":\"t\",\"type\":\"string\"}]}]}",
            &out, &rv);
    is_int(r, 0, "spec without version accepted");
    ok(has(&rv.warnings, "$.spec_version", "assuming spec_version 1"), "missing version warned");
    is_str(sv(out, "name"), "todo-api", "name slugged");
    is_str(sv(out, "title"), "Todo Api", "title derived from the name");
    ok(json_is_false(json_object_get(json_object_get(out, "auth"), "enabled")),
       "auth off without owned entities");
    json_decref(out);
    review_clear(&rv);
}

static void test_rules(void)
{
    refuses(ENTITY("{\"name\":\"n\",\"type\":\"integer\",\"default\":\"many\"}"),
            "$.entities[0].fields[0].default", "\"many\" is not an integer", "wrong default");
    refuses(ENTITY("{\"name\":\"n\",\"type\":\"float\",\"min\":0,\"max\":1,\"default\":2}"),
            "$.entities[0].fields[0].default", "above the maximum", "default over max");
    refuses(ENTITY("{\"name\":\"n\",\"type\":\"decimal\",\"default\":true}"),
            "$.entities[0].fields[0].default", "not a number", "bool default for decimal");
    refuses(ENTITY("{\"name\":\"d\",\"type\":\"date\",\"default\":\"2023-13-01\"}"),
            "$.entities[0].fields[0].default", "not a date", "month 13");
    refuses(ENTITY("{\"name\":\"d\",\"type\":\"datetime\",\"default\":\"2023-01-01T25:00\"}"),
            "$.entities[0].fields[0].default", "ISO 8601", "hour 25");
    refuses(ENTITY("{\"name\":\"s\",\"type\":\"string\",\"min_length\":3,\"default\":\"ab\"}"),
            "$.entities[0].fields[0].default", "shorter than min_length", "short default");
    refuses(
        ENTITY("{\"name\":\"s\",\"type\":\"string\",\"default\":\"" /* 256 chars */
               "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
               "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
               "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
               "xxxxxxxxxxxxxxxx\"}"),
        "$.entities[0].fields[0].default", "longer than max_length 255",
        "default over the implicit 255");
    refuses(ENTITY("{\"name\":\"e\",\"type\":\"enum\",\"values\":[\"a\",1]}"),
            "$.entities[0].fields[0].values[1]", "must be strings", "non-string enum value");
    refuses(ENTITY("{\"name\":\"e\",\"type\":\"enum\",\"values\":[\"a\\nb\"]}"),
            "$.entities[0].fields[0].values[0]", "not a usable enum value", "control char");
    refuses(ENTITY("{\"name\":\"x\",\"type\":\"integer\",\"required\":\"yes\"}"),
            "$.entities[0].fields[0].required", "true or false", "required not bool");
    refuses(ENTITY("{\"name\":\"x\",\"type\":\"integer\",\"min\":1e400}"), "$", "not valid JSON",
            "overflowing number");
    refuses(ENTITY("{\"name\":\"class\",\"type\":\"string\"}"), "$.entities[0].fields[0].name",
            "Python keyword", "keyword field");
    refuses(ENTITY("{\"name\":\"query\",\"type\":\"string\"}"), "$.entities[0].fields[0].name",
            "SQLAlchemy", "query field");
    refuses(ENTITY("{\"name\":\"sort\",\"type\":\"string\"}"), "$.entities[0].fields[0].name",
            "list endpoint", "sort field");
    refuses(ENTITY("{\"name\":\"offset\",\"type\":\"string\"}"), "$.entities[0].fields[0].name",
            "list endpoint", "offset field");
    refuses(ENTITY("{\"name\":\"schema\",\"type\":\"string\"}"), "$.entities[0].fields[0].name",
            "pydantic", "schema field");
    refuses(ENTITY("{\"name\":\"fields\",\"type\":\"string\"}"), "$.entities[0].fields[0].name",
            "pydantic", "fields field");
    refuses(ENTITY("{\"name\":\"updated_at\",\"type\":\"datetime\"}"),
            "$.entities[0].fields[0].name", "implicit", "updated_at");
    refuses(ENTITY("{\"name\":\"9lives\",\"type\":\"string\"}"), "$.entities[0].fields[0].name",
            "must start with a letter", "digit first");
    refuses(ENTITY("{\"name\":\"!!!\",\"type\":\"string\"}"), "$.entities[0].fields[0].name",
            "not usable as a field name", "no letters");
    refuses(ENTITY("{\"name\":\"a\",\"type\":\"reference\",\"entity\":\"Item\","
                   "\"on_delete\":\"cascade\",\"default\":1}"),
            "$.entities[0].fields[0].default", "cannot have a default", "reference default");
    refuses(ENTITY("{\"name\":\"a\",\"type\":\"string\",\"entity\":\"Item\"}"),
            "$.entities[0].fields[0].entity", "does not apply to string fields",
            "entity on string");
    refuses(ENTITY("{\"name\":\"a\",\"type\":\"boolean\",\"max_length\":3}"),
            "$.entities[0].fields[0].max_length", "does not apply", "max_length on boolean");
    refuses(ENTITY("{\"name\":\"a\",\"type\":\"integer\",\"on_delete\":\"cascade\"}"),
            "$.entities[0].fields[0].on_delete", "does not apply", "on_delete on integer");
    refuses(ENTITY("{\"name\":\"a\",\"type\":\"string\",\"max_length\":0}"),
            "$.entities[0].fields[0].max_length", "at least 1", "zero max_length");
    refuses(ENTITY("{\"name\":\"a\",\"type\":\"string\",\"max_length\":-1}"),
            "$.entities[0].fields[0].max_length", "between 0 and 10000", "negative max_length");
    refuses(ENTITY("{\"name\":\"a\",\"type\":\"string\"}, 7"), "$.entities[0].fields[1]",
            "must be an object", "field not an object");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Item\","
            "\"colour\":\"red\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
            "$.entities[0].colour", "unknown key \"colour\"", "unknown entity key");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Item\","
            "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}],\"auth\":{\"enabeld\":true}}",
            "$.auth.enabeld", "did you mean \"enabled\"", "unknown auth key");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"weird key\":1,\"entities\":[{\"name\":\"Item\","
            "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
            "$[\"weird key\"]", "unknown key", "unknown key with a space");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Base\","
            "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
            "$.entities[0].name", "generated app", "entity Base");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Health\","
            "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
            "$.entities[0].name", "generated app", "entity Health");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Token\","
            "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
            "$.entities[0].name", "generated app", "entity Token");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Page\","
            "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
            "$.entities[0].name", "generated app", "entity Page");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Thing\",\"plural\":"
            "\"docs\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
            "$.entities[0].plural", "API docs", "plural docs");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Thing\",\"table\":"
            "\"stuff\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
            "$.entities[0].table", "must be \"things\"", "table disagreeing with plural");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"fields\":[]}]}",
            "$.entities[0].name", "needs a name", "entity without name");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"auth\":{\"enabled\":\"yes\"},\"entities\":"
            "[{\"name\":\"A\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
            "$.auth.enabled", "true or false", "auth.enabled not bool");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
            "\"path\":\"/x\",\"input\":[{\"name\":\"n\",\"type\":\"integer\",\"min\":3}],"
            "\"examples\":[{\"input\":{\"n\":2}}]}]}",
            "$.actions[0].examples[0].input.n", "below the minimum", "example out of range");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
            "\"path\":\"/x\",\"output\":[{\"name\":\"n\",\"type\":\"integer\",\"default\":1}]}]}",
            "$.actions[0].output[0].default", "outputs have no default", "output default");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
            "\"path\":\"/a//b\"}]}",
            "$.actions[0].path", "empty segment", "empty path segment");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
            "\"path\":\"/health\"}]}",
            "$.actions[0].path", "health check", "/health");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
            "\"path\":\"/redoc/x\"}]}",
            "$.actions[0].path", "API docs", "/redoc");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
            "\"path\":\"/\"}]}",
            "$.actions[0].path", "at least one segment", "root path");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
            "\"path\":\"/x\",\"code\":42}]}",
            "$.actions[0].code", "must be a string", "code not a string");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\"}]}",
            "$.actions[0].path", "needs a path", "action without path");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
            "\"path\":\"/x\",\"input\":[{\"name\":\"db\",\"type\":\"integer\"}]}]}",
            "$.actions[0].input[0].name", "parameter name", "input named db");
}

static void test_auth_rules(void)
{
    /* Auth off: an entity may be called User; with auth on it collides. */
    struct review rv;
    json_t *out = NULL;
    review_init(&rv);
    is_int(run("{\"spec_version\":1,\"name\":\"t\",\"auth\":{\"enabled\":false},\"entities\":"
               "[{\"name\":\"User\",\"fields\":[{\"name\":\"nick\",\"type\":\"string\"}]}]}",
               &out, &rv),
           0, "entity User allowed with auth off");
    refuses("{\"spec_version\":1,\"name\":\"t\",\"auth\":{\"enabled\":true},\"entities\":"
            "[{\"name\":\"users\",\"fields\":[{\"name\":\"nick\",\"type\":\"string\"}]}]}",
            "$.entities[0].name", "auth user", "entity users with auth on");
    /* /auth is free when auth is off. */
    is_int(run("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
               "\"path\":\"/auth/x\",\"code\":\"return {}\"}]}",
               &out, &rv),
           0, "/auth path allowed with auth off");
    ok(json_is_false(
           json_object_get(json_array_get(json_object_get(out, "actions"), 0), "auth_required")),
       "auth_required defaults to false with auth off");
    /* Action inputs are not columns: "id" and "limit" are fine there. */
    is_int(run("{\"spec_version\":1,\"name\":\"t\",\"actions\":[{\"name\":\"x\","
               "\"path\":\"/x\",\"code\":\"return {}\",\"input\":[{\"name\":\"id\","
               "\"type\":\"integer\"},{\"name\":\"limit\",\"type\":\"integer\"}]}]}",
               &out, &rv),
           0, "action inputs named id and limit allowed");
    json_decref(out);
    review_clear(&rv);
}

static void test_warnings(void)
{
    warns(ENTITY("{\"name\":\"order\",\"type\":\"integer\"}"), "$.entities[0].fields[0].name",
          "SQL reserved word", "SQL word as a field");
    warns(ENTITY("{\"name\":\"type\",\"type\":\"string\"}"), "$.entities[0].fields[0].name",
          "Python builtin", "builtin as a field");
    warns(ENTITY("{\"name\":\"email\",\"type\":\"integer\"}"), "$.entities[0].fields[0].type",
          "suggests email", "email typed integer");
    warns(ENTITY("{\"name\":\"due_date\",\"type\":\"string\"}"), "$.entities[0].fields[0].type",
          "suggests date", "date typed string");
    warns(ENTITY("{\"name\":\"price\",\"type\":\"float\"}"), "$.entities[0].fields[0].type",
          "decimal", "money as float");
    warns(ENTITY("{\"name\":\"flag\",\"type\":\"boolean\",\"unique\":true}"),
          "$.entities[0].fields[0].unique", "at most two rows", "unique boolean");
    warns(ENTITY("{\"name\":\"size\",\"type\":\"enum\",\"values\":[\"s\",\"m\"],"
                 "\"unique\":true}"),
          "$.entities[0].fields[0].unique", "enum of 2 values allows at most 2 rows",
          "unique enum");
    warns(ENTITY("{\"name\":\"seat\",\"type\":\"integer\",\"min\":1,\"max\":9,"
                 "\"unique\":true}"),
          "$.entities[0].fields[0].unique", "integer of 9 values allows at most 9 rows",
          "unique narrow integer");
    warns("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Group\",\"fields\":"
          "[{\"name\":\"a\",\"type\":\"string\"}]},{\"name\":\"User Table\",\"plural\":\"user\","
          "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
          "$.entities[1].name", "table \"user\" is an SQL reserved word", "SQL word as a table");
    warns("{\"spec_version\":1,\"name\":\"t\",\"entities\":[],\"actions\":[{\"name\":\"x\","
          "\"path\":\"/x\"}]}",
          "$.actions[0].code", "501", "empty code");
    warns("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Alpha\",\"fields\":"
          "[{\"name\":\"b_id\",\"type\":\"reference\",\"entity\":\"Beta\"}]},{\"name\":\"Beta\","
          "\"fields\":[{\"name\":\"a_id\",\"type\":\"reference\",\"entity\":\"Alpha\"}]}]}",
          "$.entities", "cycle", "optional reference cycle");
    warns("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Tag\",\"fields\":"
          "[{\"name\":\"note_id\",\"type\":\"reference\",\"entity\":\"Note\"}]},{\"name\":"
          "\"Note\",\"owned\":true,\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
          "$.entities[0].fields[0].entity", "another user's rows", "unowned to owned");
}

/* Every normalization that changes a name the user wrote says so, at the name's path. */
static void test_renames(void)
{
    warns("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Task Item\","
          "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
          "$.entities[0].name",
          "entity name \"Task Item\" is written \"TaskItem\" (table task_items)",
          "entity name with a space");
    warns("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"line items\","
          "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
          "$.entities[0].name", "is plural; the class is named after one row: \"LineItem\"",
          "plural entity name");
    warns("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Category\","
          "\"plural\":\"All Categories\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
          "$.entities[0].plural", "plural name \"All Categories\" is written \"all_categories\"",
          "plural rewritten");
    warns(ENTITY("{\"name\":\"Due Date\",\"type\":\"date\"}"), "$.entities[0].fields[0].name",
          "field name \"Due Date\" is written \"due_date\"", "field name with a space");
    warns("{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Project\","
          "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]},{\"name\":\"Task\",\"fields\":"
          "[{\"name\":\"project_id\",\"type\":\"reference\",\"entity\":\"projects\"}]}]}",
          "$.entities[1].fields[0].entity",
          "referenced entity name \"projects\" is written \"Project\"", "reference by plural");
    warns("{\"spec_version\":1,\"name\":\"t\",\"actions\":[{\"name\":\"Add Numbers\","
          "\"path\":\"/add\",\"input\":[{\"name\":\"firstValue\",\"type\":\"integer\"}]}]}",
          "$.actions[0].name", "action name \"Add Numbers\" is written \"add_numbers\"",
          "action name with a space");
    warns("{\"spec_version\":1,\"name\":\"t\",\"actions\":[{\"name\":\"add\","
          "\"path\":\"/add\",\"input\":[{\"name\":\"firstValue\",\"type\":\"integer\"}]}]}",
          "$.actions[0].input[0].name", "field name \"firstValue\" is written \"first_value\"",
          "action input in camelCase");
    warns("{\"spec_version\":1,\"name\":\"My Todo API\",\"entities\":[{\"name\":\"Task\","
          "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}]}",
          "$.name", "project name \"My Todo API\" is written \"my-todo-api\"",
          "project name slugged");

    /* Names already in their normal form are not reported. */
    struct review rv;
    json_t *out = NULL;
    review_init(&rv);
    int r = run("{\"spec_version\":1,\"name\":\"todo-api\",\"entities\":[{\"name\":\"Project\","
                "\"plural\":\"projects\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]},"
                "{\"name\":\"Task\",\"fields\":[{\"name\":\"project_id\",\"type\":"
                "\"reference\",\"entity\":\"Project\"}]}],\"actions\":[{\"name\":\"add\","
                "\"path\":\"/add\",\"code\":\"return {}\"}]}",
                &out, &rv);
    ok(r == 0 && rv.warnings.n == 0, "no warning when every name is already normal");
    if (rv.warnings.n)
        dump(&rv.warnings, "warning");
    json_decref(out);
    review_clear(&rv);
}

static void test_limits(void)
{
    struct review rv;
    json_t *out = NULL;
    review_init(&rv);
    size_t big = REVIEW_MAX_SPEC_BYTES + 10;
    char *text = malloc(big + 1);
    memset(text, ' ', big);
    text[0] = '{';
    text[big - 1] = '}';
    text[big] = '\0';
    is_int(review_spec_text(text, big, &out, &rv), -EINVAL, "oversized spec refused");
    ok(has(&rv.errors, "$", "at most"), "size error at $");
    free(text);

    /* A spec with hundreds of bad fields: problems stop at the cap and count the rest. */
    size_t n = 0, cap = 400 * 64 + 256;
    text = malloc(cap);
    n += (size_t)snprintf(text + n, cap - n, "{\"spec_version\":1,\"name\":\"t\",\"entities\":[");
    for (int e = 0; e < 4; e++) {
        n += (size_t)snprintf(text + n, cap - n, "%s{\"name\":\"E%c\",\"fields\":[", e ? "," : "",
                              'a' + e);
        for (int i = 0; i < 100; i++)
            n += (size_t)snprintf(text + n, cap - n, "%s{\"name\":\"id\",\"type\":\"x\"}",
                                  i ? "," : "");
        n += (size_t)snprintf(text + n, cap - n, "]}");
    }
    snprintf(text + n, cap - n, "]}");
    review_clear(&rv);
    is_int(review_spec_text(text, strlen(text), &out, &rv), -EINVAL, "many errors refused");
    is_int(rv.errors.n, REVIEW_MAX_PROBLEMS, "errors capped");
    ok(rv.errors.dropped > 0, "dropped errors counted");
    free(text);

    json_t *report = review_to_json(&rv);
    ok(report && json_array_size(json_object_get(report, "errors")) == REVIEW_MAX_PROBLEMS &&
           json_is_array(json_object_get(report, "warnings")),
       "review_to_json has errors and warnings");
    json_decref(report);
    /* A parse error quoting broken bytes still gives a report that serializes. */
    static const char broken[] = "{\"a\": \"\\\xc3\xa9\"}";
    review_clear(&rv);
    is_int(review_spec_text(broken, sizeof(broken) - 1, &out, &rv), -EINVAL, "bad escape");
    report = review_to_json(&rv);
    ok(report != NULL, "problems about broken bytes serialize");
    json_decref(report);
    review_clear(&rv);
    review_clear(NULL);
    is_int(review_spec(NULL, &out, &rv), -EINVAL, "NULL spec refused");
    review_clear(&rv);
}

static void test_schema(void)
{
    char path[4096];
    size_t len;
    snprintf(path, sizeof(path), "%s/schemas/backend-spec-v1.json", srcdir());
    char *text = slurp(path, &len);
    json_t *file = text ? json_loadb(text, len, 0, NULL) : NULL;
    const json_t *embedded = review_spec_schema();
    ok(file && embedded && json_equal(file, (json_t *)embedded),
       "review_spec_schema() equals schemas/backend-spec-v1.json");
    ok(review_spec_schema() == embedded, "schema is built once");
    ok(json_is_object(json_object_get(json_object_get(embedded, "$defs"), "field")),
       "schema defines a field");
    json_decref(file);
    free(text);
    is_int(names_self_check(), 0, "reserved-name tables are sorted");
}

static size_t entity_index(const json_t *ents, const char *name)
{
    for (size_t j = 0; j < json_array_size(ents); j++)
        if (strcmp(sv(json_array_get(ents, j), "name"), name) == 0)
            return j;
    return json_array_size(ents);
}

/* Do entity from's references (through depth entities at most) lead to entity to? */
static bool leads_to(const json_t *ents, size_t from, size_t to, int depth)
{
    const json_t *fs = json_object_get(json_array_get(ents, from), "fields");
    for (size_t k = 0; k < json_array_size(fs) && depth > 0; k++) {
        size_t j = entity_index(ents, sv(json_array_get(fs, k), "entity"));
        if (j == to || (j < json_array_size(ents) && leads_to(ents, j, to, depth - 1)))
            return true;
    }
    return false;
}

/* Every required reference points at an entity placed earlier (or itself), and so does every
 * optional one but those of a cycle (whose target leads back). */
static bool sorted_by_references(const json_t *spec)
{
    const json_t *ents = json_object_get(spec, "entities");
    for (size_t i = 0; i < json_array_size(ents); i++) {
        const json_t *fs = json_object_get(json_array_get(ents, i), "fields");
        for (size_t k = 0; k < json_array_size(fs); k++) {
            const json_t *f = json_array_get(fs, k);
            if (!*sv(f, "entity"))
                continue;
            size_t j = entity_index(ents, sv(f, "entity"));
            bool cycle = !json_is_true(json_object_get(f, "required")) &&
                         leads_to(ents, j, i, (int)json_array_size(ents));
            if (j > i && !cycle)
                return false;
        }
    }
    return true;
}

/* A spec of more than 800 fields in all is refused at $.entities. */
static void test_total_fields(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    fputs("{\"spec_version\":1,\"name\":\"t\",\"entities\":[", f);
    for (int i = 0; i < 11; i++) {
        fprintf(f, "%s{\"name\":\"Wide%d\",\"fields\":[", i ? "," : "", i);
        for (int j = 0; j < 100; j++)
            fprintf(f, "%s{\"name\":\"f%d\",\"type\":\"string\"}", j ? "," : "", j);
        fputs("]}", f);
    }
    fputs("]}", f);
    fclose(f);
    refuses(text, "$.entities", "1100 fields in all", "more than 800 fields in all");
    free(text);
}

/* In a cycle of optional references, an entity whose required references are placed goes
 * first, so that a row of each can be created in order: Comment, given first, needs a Post. */
static void test_cycle_order(void)
{
    const char *text =
        "{\"spec_version\":1,\"name\":\"t\",\"entities\":[{\"name\":\"Comment\",\"fields\":"
        "[{\"name\":\"post_id\",\"type\":\"reference\",\"entity\":\"Post\",\"required\":true}]},"
        "{\"name\":\"Post\",\"fields\":[{\"name\":\"pinned_id\",\"type\":\"reference\","
        "\"entity\":\"Comment\"}]}]}";
    struct review rv;
    json_t *out = NULL;
    review_init(&rv);
    int r = review_spec_text(text, strlen(text), &out, &rv);
    const json_t *ents = json_object_get(out, "entities");
    ok(r == 0 && strcmp(sv(json_array_get(ents, 0), "name"), "Post") == 0 &&
           strcmp(sv(json_array_get(ents, 1), "name"), "Comment") == 0,
       "a cycle of references starts at the entity whose required references are placed");
    ok(out && sorted_by_references(out), "the cycle's order passes the order check");
    json_decref(out);
    review_clear(&rv);
}

/* The normalized form of each valid spec is checked in under tests/data/specs/normalized/
 * (codegen's golden input); BF_UPDATE_GOLDEN=1 rewrites them. */
static void check_golden(const char *name, const json_t *out)
{
    char path[4600];
    snprintf(path, sizeof(path), "%s/tests/data/specs/normalized/%s", srcdir(), name);
    if (getenv("BF_UPDATE_GOLDEN")) {
        ok(json_dump_file(out, path, JSON_INDENT(2) | JSON_ENSURE_ASCII) == 0,
           "normalized/%s written", name);
        return;
    }
    json_t *want = json_load_file(path, 0, NULL);
    ok(want && json_equal(want, (json_t *)out), "normalized/%s matches", name);
    json_decref(want);
}

static void test_valid_dir(void)
{
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/tests/data/specs/valid", srcdir());
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    int seen = 0;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t l = strlen(name);
        if (l > 5 && strcmp(name + l - 5, ".json") == 0) {
            char path[4600];
            size_t len;
            snprintf(path, sizeof(path), "%s/%s", dir, name);
            char *text = slurp(path, &len);
            struct review rv;
            json_t *out = NULL, *again = NULL;
            review_init(&rv);
            int r = text ? review_spec_text(text, len, &out, &rv) : -ENOENT;
            ok(r == 0 && out, "valid/%s is accepted", name);
            dump(&rv.errors, "error");
            if (out)
                check_golden(name, out);
            if (out) {
                struct review rv2;
                review_init(&rv2);
                ok(review_spec(out, &again, &rv2) == 0 && json_equal(out, again),
                   "valid/%s: normalized form is a fixed point", name);
                ok(sorted_by_references(out), "valid/%s: referenced entities first", name);
                review_clear(&rv2);
            }
            json_decref(again);
            json_decref(out);
            review_clear(&rv);
            free(text);
            seen++;
        }
        free(list[i]);
    }
    if (n >= 0)
        free(list);
    ok(seen >= 15, "at least 15 valid example specs (%d)", seen);
}

static void test_invalid_dir(void)
{
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/tests/data/specs/invalid", srcdir());
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    int seen = 0;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t l = strlen(name);
        if (l > 5 && strcmp(name + l - 5, ".json") == 0) {
            char path[4600], expect[4600];
            size_t len, elen;
            snprintf(path, sizeof(path), "%s/%s", dir, name);
            snprintf(expect, sizeof(expect), "%s/%.*s.expect", dir, (int)(l - 5), name);
            char *text = slurp(path, &len);
            char *want = slurp(expect, &elen);
            /* .expect: line 1 the JSON path, line 2 a fragment of the message. */
            char *nl = want ? strchr(want, '\n') : NULL;
            char *frag = nl ? nl + 1 : NULL;
            char *nl2 = frag ? strchr(frag, '\n') : NULL;
            if (nl)
                *nl = '\0';
            if (nl2)
                *nl2 = '\0';
            struct review rv;
            json_t *out = NULL;
            review_init(&rv);
            int r = text ? review_spec_text(text, len, &out, &rv) : -ENOENT;
            ok(r == -EINVAL && frag && has(&rv.errors, want, frag), "invalid/%s refused at %s",
               name, want ? want : "(no .expect)");
            if (!(frag && has(&rv.errors, want, frag)))
                dump(&rv.errors, "error");
            json_decref(out);
            review_clear(&rv);
            free(text);
            free(want);
            seen++;
        }
        free(list[i]);
    }
    if (n >= 0)
        free(list);
    ok(seen >= 40, "invalid example specs present (%d)", seen);
}

int main(void)
{
    test_schema();
    test_normalization();
    test_rules();
    test_auth_rules();
    test_warnings();
    test_cycle_order();
    test_total_fields();
    test_renames();
    test_limits();
    test_valid_dir();
    test_invalid_dir();
    return tap_done();
}
