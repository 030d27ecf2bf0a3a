/* Access rules and unique scope of entities (see access.h): read by review, codegen and the
 * verification suite, so the three can never disagree on a default. */
#include "spec/access.h"

#include "core/problems.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const op_names[ACCESS_N_OPS] = {"list", "read", "create", "update", "delete"};
static const char *const rule_names[] = {"public", "authenticated", "owner"};

const char *access_op_name(enum access_op op)
{
    return op_names[op];
}

const char *access_rule_name(enum access_rule r)
{
    return rule_names[r];
}

int access_rule_parse(const char *word, enum access_rule *out)
{
    for (size_t i = 0; i < sizeof(rule_names) / sizeof(rule_names[0]); i++)
        if (word && strcmp(word, rule_names[i]) == 0) {
            *out = (enum access_rule)i;
            return 0;
        }
    return -EINVAL;
}

enum access_rule access_default(bool auth_enabled, bool owned, enum access_op op)
{
    if (!auth_enabled)
        return ACCESS_PUBLIC;
    if (!owned || op == ACCESS_CREATE)
        return ACCESS_AUTHENTICATED;
    return ACCESS_OWNER;
}

enum access_rule access_rule_of(const json_t *entity, bool auth_enabled, enum access_op op)
{
    bool owned = json_is_true(json_object_get(entity, "owned"));
    const json_t *rules = json_object_get(entity, "access");
    enum access_rule r;
    if (access_rule_parse(json_string_value(json_object_get(rules, op_names[op])), &r) == 0)
        return r;
    return access_default(auth_enabled, owned, op);
}

bool access_unique_global(const json_t *entity, const json_t *field)
{
    if (!json_is_true(json_object_get(entity, "owned")))
        return true;
    const char *scope = json_string_value(json_object_get(field, "unique_scope"));
    return scope && strcmp(scope, "global") == 0;
}

/* ---- review -------------------------------------------------------------------------- */

static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "a list";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}

static int op_parse(const char *word, enum access_op *out)
{
    for (size_t i = 0; i < ACCESS_N_OPS; i++)
        if (strcmp(word, op_names[i]) == 0) {
            *out = (enum access_op)i;
            return 0;
        }
    return -EINVAL;
}

/* Why a rule cannot stand for an operation of this entity, or NULL. */
static const char *rule_problem(enum access_rule r, enum access_op op, bool auth, bool owned)
{
    if (r != ACCESS_PUBLIC && !auth)
        return "needs auth.enabled: true (without sign-in every operation is \"public\")";
    if (r == ACCESS_OWNER && !owned)
        return "\"owner\" needs the entity to be owned (owned: true): its rows have no owner";
    if (op == ACCESS_CREATE && r == ACCESS_OWNER)
        return "a new row has no owner yet: use \"authenticated\" (the creator becomes its owner)";
    if (op == ACCESS_CREATE && r == ACCESS_PUBLIC && owned)
        return "a row of an owned entity needs a signed-in creator: use \"authenticated\"";
    return NULL;
}

static int check_rules(const json_t *rules, bool auth, bool owned, const char *path,
                       struct problems *errors, enum access_rule out[ACCESS_N_OPS])
{
    char p[330];
    for (size_t i = 0; i < ACCESS_N_OPS; i++)
        out[i] = access_default(auth, owned, (enum access_op)i);
    if (!rules || json_is_null(rules))
        return 0;
    if (!json_is_object(rules))
        return problems_add(errors, path,
                            "must be an object like {\"list\": \"owner\", \"create\": "
                            "\"authenticated\"}, not %s",
                            json_kind(rules));
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)rules, key, v)
    {
        int n = snprintf(p, sizeof(p), "%.256s.%.60s", path, key);
        if (n < 0)
            return -EINVAL;
        enum access_op op;
        enum access_rule r;
        int rc = 0;
        if (op_parse(key, &op) < 0)
            rc = problems_add(errors, p,
                              "is not an operation: one of list, read, create, update, delete");
        else if (!json_is_string(v) || access_rule_parse(json_string_value(v), &r) < 0)
            rc =
                problems_add(errors, p, "must be one of \"public\", \"authenticated\", \"owner\"");
        else if (rule_problem(r, op, auth, owned))
            rc = problems_add(errors, p, "%s", rule_problem(r, op, auth, owned));
        else
            out[op] = r;
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int check_scopes(const json_t *fields_in, json_t *fields_out, bool owned, const char *path,
                        struct problems *errors)
{
    char p[320];
    size_t i;
    const json_t *f;
    json_array_foreach(fields_in, i, f)
    {
        const json_t *scope = json_object_get(f, "unique_scope");
        json_t *out = json_array_get(fields_out, i);
        bool unique = json_is_true(json_object_get(f, "unique"));
        const char *word = json_string_value(scope);
        snprintf(p, sizeof(p), "%.256s.fields[%zu].unique_scope", path, i);
        int rc = 0;
        if (scope && !(word && (strcmp(word, "owner") == 0 || strcmp(word, "global") == 0)))
            rc = problems_add(errors, p, "must be \"owner\" or \"global\"");
        else if (scope && !unique)
            rc = problems_add(errors, p, "applies to a unique field only (unique: true)");
        else if (word && strcmp(word, "owner") == 0 && !owned)
            rc = problems_add(errors, p,
                              "\"owner\" needs the entity to be owned (owned: true); a unique "
                              "field of an unowned entity is unique across all rows");
        if (rc < 0)
            return rc;
        if (unique && json_is_object(out) &&
            json_object_set_new(out, "unique_scope",
                                json_string(owned && !(word && strcmp(word, "global") == 0)
                                                ? "owner"
                                                : "global")) < 0)
            return -ENOMEM;
    }
    return 0;
}

int access_review(const json_t *entity_in, json_t *entity_out, bool auth_enabled,
                  const char *entity_path, struct problems *errors)
{
    char p[320];
    bool owned = json_is_true(json_object_get(entity_out, "owned"));
    enum access_rule rules[ACCESS_N_OPS];
    snprintf(p, sizeof(p), "%.256s.access", entity_path);
    int rc =
        check_rules(json_object_get(entity_in, "access"), auth_enabled, owned, p, errors, rules);
    if (rc < 0)
        return rc;
    json_t *access = json_object();
    if (!access || json_object_set_new(entity_out, "access", access) < 0)
        return -ENOMEM;
    for (size_t i = 0; i < ACCESS_N_OPS; i++)
        if (json_object_set_new(access, op_names[i], json_string(rule_names[rules[i]])) < 0)
            return -ENOMEM;
    const json_t *fields_in = json_object_get(entity_in, "fields");
    json_t *fields_out = json_object_get(entity_out, "fields");
    if (!json_is_array(fields_in) || json_array_size(fields_in) != json_array_size(fields_out))
        return 0; /* review reported why the fields are off */
    return check_scopes(fields_in, fields_out, owned, entity_path, errors);
}
