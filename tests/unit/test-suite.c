/* Suite derivation (verify/suite.c) over the golden and example specs: it derives, passes
 * its own checker, is byte-for-byte deterministic, covers every field type with valid and
 * hostile values, and the interpreter turns a dead target into errors and skips. */
#include "core/jsonx.h"
#include "spec/review.h"
#include "tap.h"
#include "verify/http_run.h"
#include "verify/suite.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *normalized(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char text[REVIEW_MAX_SPEC_BYTES + 1];
    size_t n = fread(text, 1, REVIEW_MAX_SPEC_BYTES, f);
    fclose(f);
    struct review rv;
    review_init(&rv);
    json_t *spec = NULL;
    int rc = review_spec_text(text, n, &spec, &rv);
    review_clear(&rv);
    return rc ? NULL : spec;
}

static const json_t *step_named(const json_t *suite, const char *name)
{
    size_t i;
    const json_t *s;
    json_array_foreach(json_object_get(suite, "steps"), i, s)
    {
        if (strcmp(jsonx_str(s, "name"), name) == 0)
            return s;
    }
    return NULL;
}

static size_t count_prefix(const json_t *suite, const char *prefix)
{
    size_t i, n = 0;
    const json_t *s;
    json_array_foreach(json_object_get(suite, "steps"), i, s)
    {
        n += strncmp(jsonx_str(s, "name"), prefix, strlen(prefix)) == 0;
    }
    return n;
}

/* Derives, checks, derives again; every step expects no 5xx and names are unique. */
static void derive_dir(const char *dir)
{
    DIR *d = opendir(dir);
    ok(d != NULL, "open %s", dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        json_t *spec = normalized(path);
        if (!spec)
            continue; /* a spec review refuses has no suite */
        json_t *suite = NULL;
        char err[256] = "";
        int rc = suite_derive(spec, &suite);
        ok(rc == 0 && suite_check(suite, err, sizeof(err)) == 0, "%s: derives a valid suite %s",
           e->d_name, err);
        char *a = NULL, *b = NULL;
        size_t la = 0, lb = 0;
        ok(suite_text(spec, &a, &la) == 0 && suite_text(spec, &b, &lb) == 0 && la == lb &&
               memcmp(a, b, la) == 0,
           "%s: the same spec gives the same bytes", e->d_name);
        free(a);
        free(b);
        json_t *names = json_object();
        bool no5xx = true, unique = true;
        size_t i;
        const json_t *s;
        json_array_foreach(json_object_get(suite, "steps"), i, s)
        {
            no5xx &= json_is_true(json_object_get(json_object_get(s, "expect"), "no_5xx"));
            const char *name = jsonx_str(s, "name");
            if (json_object_get(names, name)) {
                unique = false;
                printf("# duplicate step name: %s\n", name);
            }
            json_object_set_new(names, name, json_true());
        }
        ok(no5xx, "%s: every step has expect.no_5xx", e->d_name);
        ok(unique, "%s: step names are unique (reports are compared by name)", e->d_name);
        printf("# %s: %zu steps\n", e->d_name, json_array_size(json_object_get(suite, "steps")));
        json_decref(names);
        json_decref(suite);
        json_decref(spec);
    }
    closedir(d);
}

static void all_types(const char *srcdir)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/tests/golden/specs/all-types.json", srcdir);
    json_t *spec = normalized(path), *suite = NULL;
    ok(spec && suite_derive(spec, &suite) == 0, "all-types derives");
    const json_t *create = step_named(suite, "samples: create");
    const json_t *body = json_object_get(json_object_get(create, "request"), "json");
    const json_t *sample = json_array_get(json_object_get(spec, "entities"), 1);
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(sample, "fields"), i, f)
    {
        const char *fn = jsonx_str(f, "name"), *type = jsonx_str(f, "type");
        const json_t *v = json_object_get(body, fn);
        ok(v != NULL, "a valid %s value is sent for %s", type, fn);
        char name[256];
        snprintf(name, sizeof(name), "samples: create with a NUL character as %s -> 4xx", fn);
        const json_t *probe = step_named(suite, name);
        ok(probe && strcmp(jsonx_str(json_object_get(json_object_get(probe, "expect"), "status")
                                         ? json_object_get(probe, "expect")
                                         : NULL,
                                     "status"),
                           "4xx") == 0,
           "a hostile (NUL) value probes %s (%s) and expects a 4xx", fn, type);
        snprintf(name, sizeof(name), "samples: create with a wrong-typed %s -> 422", fn);
        ok(strcmp(type, "json") == 0 || step_named(suite, name), "a wrong-typed %s is refused",
           fn);
    }
    /* Constraints become values inside, and probes outside, the limits. */
    is_int(json_integer_value(json_object_get(body, "an_integer")) >= -10 &&
               json_integer_value(json_object_get(body, "an_integer")) <= 10,
           1, "the integer respects min/max");
    ok(step_named(suite, "samples: create with an_integer above the max -> 422") &&
           step_named(suite, "samples: create with a_string over its max_length -> 422") &&
           step_named(suite, "samples: create with an_enum outside the enum -> 422") &&
           step_named(suite, "samples: create with 1.5 (silent coercion) as an_integer -> 4xx"),
       "out of range, over length, bad enum and coercion steps");
    ok(step_named(suite, "categorys: create with a duplicate label -> 409") ||
           count_prefix(suite, "categories: create with a duplicate label -> 409") == 1,
       "a unique field gets a duplicate check");
    json_decref(suite);
    json_decref(spec);
}

static void todo(const char *srcdir)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/tests/golden/specs/todo.json", srcdir);
    json_t *spec = normalized(path), *suite = NULL;
    ok(spec && suite_derive(spec, &suite) == 0, "todo derives");
    const json_t *s = step_named(suite, "projects: read as another user (owner)");
    ok(s && json_integer_value(json_object_get(json_object_get(s, "expect"), "status")) == 404 &&
           strcmp(jsonx_str(json_object_get(s, "request"), "auth"), "token_b") == 0,
       "another user's owned row answers 404");
    s = step_named(suite, "projects: list as another user (owner)");
    ok(s && json_object_get(json_object_get(s, "expect"), "list_absent"),
       "another user's owned row is absent from their list");
    s = step_named(suite, "tasks: list without a token (owner)");
    ok(s && json_integer_value(json_object_get(json_object_get(s, "expect"), "status")) == 401,
       "no token -> 401");
    ok(step_named(suite, "tasks: on_delete cascade of project_id: the child is gone") != NULL,
       "cascade is tested");
    ok(step_named(suite, "auth: login user a (OAuth2 form)") &&
           json_object_get(
               json_object_get(step_named(suite, "auth: login user a (OAuth2 form)"), "request"),
               "form"),
       "login posts the OAuth2 form");
    s = step_named(suite, "add: example 1");
    ok(s && json_integer_value(json_object_get(
                json_object_get(json_object_get(s, "expect"), "json"), "result")) == 5,
       "an action example becomes a step");
    s = step_named(suite, "tasks: create");
    ok(s && strcmp(json_string_value(json_object_get(
                       json_object_get(json_object_get(s, "request"), "json"), "project_id")),
                   "${project_id}") == 0,
       "a reference uses the captured id of its parent");

    /* Nothing listens: every step is an error, or a skip when it needs a capture. */
    struct suite_target t = {.unix_socket = "/nonexistent/backforge.sock", .step_timeout_ms = 500};
    json_t *report = NULL;
    ok(suite_run(suite, &t, &report) == 0, "runs against a dead target");
    const json_t *tests = json_object_get(report, "tests");
    const json_t *first = json_array_get(tests, 0);
    is_str(jsonx_str(first, "verdict"), "error", "health without a server is an error");
    s = NULL;
    size_t i;
    const json_t *x;
    json_array_foreach(tests, i, x)
    {
        if (strcmp(jsonx_str(x, "name"), "tasks: read") == 0)
            s = x;
    }
    is_str(jsonx_str(s, "verdict"), "skip", "a step needing an uncaptured id is skipped");
    ok(s && strstr(jsonx_str(s, "reason"), "${task_id}") &&
           strstr(jsonx_str(s, "reason"), "'tasks: create'"),
       "the skip names the variable and the step that should have captured it: %s",
       s ? jsonx_str(s, "reason") : "");
    const json_t *sum = json_object_get(report, "summary");
    is_int(json_integer_value(json_object_get(sum, "total")), json_array_size(tests),
           "summary total");
    is_int(json_integer_value(json_object_get(sum, "passed")), 0, "nothing passed");
    json_decref(report);
    struct suite_target none = {0};
    ok(suite_run(suite, &none, &report) == -EINVAL, "a target needs a socket or a URL");
    json_decref(suite);
    json_decref(spec);
}

static void checker(void)
{
    char err[256];
    static const char *const bad[] = {
        "{}",
        "{\"suite_version\":2,\"steps\":[]}",
        "{\"suite_version\":1,\"steps\":[{\"name\":\"x\",\"group\":\"g\",\"request\":"
        "{\"method\":\"BREW\",\"path\":\"/\"},\"expect\":{\"status\":200}}]}",
        "{\"suite_version\":1,\"steps\":[{\"name\":\"x\",\"group\":\"g\",\"request\":"
        "{\"method\":\"GET\",\"path\":\"x\"},\"expect\":{\"status\":200}}]}",
        "{\"suite_version\":1,\"steps\":[{\"name\":\"x\",\"group\":\"g\",\"request\":"
        "{\"method\":\"GET\",\"path\":\"/\"},\"expect\":{\"status\":\"6xx\"}}]}",
        "{\"suite_version\":1,\"steps\":[{\"name\":\"x\",\"group\":\"g\",\"request\":"
        "{\"method\":\"GET\",\"path\":\"/"
        "\",\"json\":{},\"form\":{}},\"expect\":{\"status\":200}}]}",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        json_t *j = json_loads(bad[i], 0, NULL);
        err[0] = '\0';
        ok(suite_check(j, err, sizeof(err)) == -EINVAL && err[0], "refused: %s (%s)", bad[i], err);
        json_decref(j);
    }
}

/* A unique reference (one to one): every row but the main one gets a parent of its own. */
static void unique_reference(const char *srcdir)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/tests/data/specs/valid/23-two-references-one-table.json",
             srcdir);
    json_t *spec = normalized(path), *suite = NULL;
    ok(spec && suite_derive(spec, &suite) == 0, "two-references derives");
    const json_t *s = step_named(suite, "captaincies: create a second row");
    const char *team = json_string_value(
        json_object_get(json_object_get(json_object_get(s, "request"), "json"), "team_id"));
    ok(team && strcmp(team, "${team_id}") != 0 && strncmp(team, "${captaincy_team_id_p", 21) == 0,
       "the second row of a one-to-one link points at a team of its own (%s)", team ? team : "");
    ok(count_prefix(suite, "captaincies: a team of its own for the unique team_id") >= 3,
       "teams of their own are made before the rows that need them");
    s = step_named(suite, "captaincies: create with a duplicate team_id -> 409");
    const json_t *body = json_object_get(json_object_get(s, "request"), "json");
    ok(s && strcmp(jsonx_str(body, "team_id"), "${team_id}") == 0 &&
           strcmp(jsonx_str(body, "player_id"), "${player_id}") != 0,
       "the duplicate check repeats only the field it checks");
    json_decref(suite);
    json_decref(spec);
}

static size_t step_index(const json_t *suite, const char *name)
{
    size_t i;
    const json_t *s;
    json_array_foreach(json_object_get(suite, "steps"), i, s)
    {
        if (strcmp(jsonx_str(s, "name"), name) == 0)
            return i;
    }
    return (size_t)-1;
}

static const char *sent(const json_t *suite, const char *step, const char *field)
{
    const json_t *s = step_named(suite, step);
    return jsonx_str(json_object_get(json_object_get(s, "request"), "json"), field);
}

/* Limits at the edges: addresses of a given length, bounds where one more is no change, a
 * decimal bounded on one side by its column, and a cycle's later parent made in time. */
static void edges(void)
{
    static const char text[] =
        "{\"spec_version\":1,\"name\":\"edges\",\"entities\":["
        "{\"name\":\"Alpha\",\"fields\":["
        "{\"name\":\"long_mail\",\"type\":\"email\",\"min_length\":30,\"max_length\":40},"
        "{\"name\":\"tiny_mail\",\"type\":\"email\",\"max_length\":5},"
        "{\"name\":\"site\",\"type\":\"url\",\"max_length\":8},"
        "{\"name\":\"huge\",\"type\":\"float\",\"min\":-1e300,\"max\":1e300},"
        "{\"name\":\"debt\",\"type\":\"decimal\",\"max\":-99999999999999},"
        "{\"name\":\"beta_id\",\"type\":\"reference\",\"entity\":\"Beta\","
        "\"on_delete\":\"set_null\"}]},"
        "{\"name\":\"Beta\",\"fields\":[{\"name\":\"alpha_id\",\"type\":\"reference\","
        "\"entity\":\"Alpha\",\"required\":true}]}]}";
    struct review rv;
    review_init(&rv);
    json_t *spec = NULL, *suite = NULL;
    ok(review_spec_text(text, sizeof(text) - 1, &spec, &rv) == 0, "the edges spec reviews");
    review_clear(&rv);
    ok(spec && suite_derive(spec, &suite) == 0, "the edges spec derives");
    const char *mail = sent(suite, "alphas: create", "long_mail");
    ok(mail && strlen(mail) + 2 >= 30 && strlen(mail) + 2 <= 40 && strchr(mail, '@'),
       "an email of 30 to 40 characters (${run} is 8): %s", mail ? mail : "");
    const char *tiny = sent(suite, "alphas: create a second row", "tiny_mail");
    ok(tiny && strlen(tiny) <= 5 && strchr(tiny, '@') && strchr(strchr(tiny, '@'), '.'),
       "an email of at most 5 characters: %s", tiny ? tiny : "");
    const char *site = sent(suite, "alphas: create", "site");
    ok(site && strlen(site) <= 8 && strncmp(site, "http://", 7) == 0,
       "a URL of at most 8 characters: %s", site ? site : "");
    const json_t *s = step_named(suite, "alphas: create with huge above the max -> 422");
    double above = json_real_value(
        json_object_get(json_object_get(json_object_get(s, "request"), "json"), "huge"));
    ok(s && above > 1e300, "above a max of 1e300 is beyond it, not 1e300 + 1 (%g)", above);
    double debt = json_number_value(json_object_get(
        json_object_get(json_object_get(step_named(suite, "alphas: create"), "request"), "json"),
        "debt"));
    ok(debt <= -99999999999999.0 && debt > -1e14, "a decimal below its max stays in its column");
    size_t parent = step_index(suite, "alphas: on_delete set_null of beta_id: create the parent");
    ok(parent != (size_t)-1 && parent > step_index(suite, "betas: create"),
       "the parent of a reference to a later entity is made once that entity's rows exist");
    json_decref(suite);
    json_decref(spec);
}

int main(void)
{
    const char *srcdir = getenv("srcdir");
    if (!srcdir)
        srcdir = ".";
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/tests/golden/specs", srcdir);
    derive_dir(dir);
    snprintf(dir, sizeof(dir), "%s/tests/data/specs/valid", srcdir);
    derive_dir(dir);
    snprintf(dir, sizeof(dir), "%s/tests/data/specs/codegen", srcdir);
    derive_dir(dir);
    all_types(srcdir);
    todo(srcdir);
    unique_reference(srcdir);
    edges();
    checker();
    return tap_done();
}
