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

struct problems;

/* Review of one entity's `access` and of its fields' `unique_scope` (docs/spec.md): each
 * problem goes to errors with its JSON path below entity_path ("$.entities[2]"); the
 * normalized keys are written onto entity_out: `access` with all five rules, and
 * `unique_scope` on every unique field of entity_out's "fields" (reviewed from entity_in's, in
 * the same order). entity_out's `owned` must already be normalized. 0, or -ENOMEM. */
int access_review(const json_t *entity_in, json_t *entity_out, bool auth_enabled,
                  const char *entity_path, struct problems *errors);
