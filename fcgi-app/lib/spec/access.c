/* Access rules and unique scope of entities (see access.h): read by review, codegen and the
 * verification suite, so the three can never disagree on a default. */
#include "spec/access.h"

#include <errno.h>
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
