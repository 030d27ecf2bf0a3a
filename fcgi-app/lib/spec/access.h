/* Access rules of an entity (who may list, read, create, update and delete its rows) and the
 * scope of its unique fields: the one reading of the spec's `access` and `unique_scope` keys
 * that review, code generation and the verification suite share. docs/spec.md says more. */
#pragma once
#include <jansson.h>
#include <stdbool.h>

enum access_op { ACCESS_LIST, ACCESS_READ, ACCESS_CREATE, ACCESS_UPDATE, ACCESS_DELETE };
#define ACCESS_N_OPS 5

enum access_rule { ACCESS_PUBLIC, ACCESS_AUTHENTICATED, ACCESS_OWNER };

/* "list", "read", ... (static strings). */
const char *access_op_name(enum access_op op);
/* "public", "authenticated", "owner" (static strings). */
const char *access_rule_name(enum access_rule r);
/* 0, or -EINVAL for a word that is no rule. */
int access_rule_parse(const char *word, enum access_rule *out);

/* The secure default: everything public without auth; with auth, an owned entity's rows
 * are its owner's (anyone signed in may create), an unowned entity's need a token. */
enum access_rule access_default(bool auth_enabled, bool owned, enum access_op op);

/* The rule in force for one operation of an entity object of a spec, normalized or not:
 * `access.<op>` when present and valid, else the default. */
enum access_rule access_rule_of(const json_t *entity, bool auth_enabled, enum access_op op);

/* Whether a unique field of this entity is unique across all rows (true) or per owner
 * (false): per owner on owned entities unless the field says `unique_scope: "global"`. */
bool access_unique_global(const json_t *entity, const json_t *field);
