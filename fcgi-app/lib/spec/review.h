/* Spec review: the one gate every BackendSpec passes (from the planner, an LLM or a user)
 * before code generation. It parses, normalizes and checks; errors refuse the spec,
 * warnings go on. docs/spec.md documents the input; the normalized form is below.
 *
 * Normalized spec (what codegen and the test-suite builder consume; every key present):
 *   { "spec_version": 1, "name": "todo-api" (slug [a-z0-9-]), "title", "description",
 *     "target": "fastapi-postgres", "auth": {"enabled": bool},
 *     "entities": [ {            -- sorted so that referenced entities come first
 *        "name": "LineItem" (PascalCase class name), "snake": "line_item",
 *        "plural": "line_items" (URL segment and router module), "table": "line_items",
 *        "owned": bool, "description": "",
 *        "fields": [ {            -- user fields only; id/created_at/updated_at/owner_id implicit
 *           "name": "due_date" (snake_case), "type": one of the v1 types,
 *           "required": bool, "unique": bool, "description": "",
 *           "default": value (absent when none), "min"/"max" (numbers, absent when none),
 *           "min_length"/"max_length" (integers, absent when none; string types get a
 *             max_length of 255 when none is given, text none),
 *           "values": [..] (enum only), "entity": "Project" (reference only, normalized name),
 *           "on_delete": "cascade"|"set_null"|"restrict" (reference only) } ] } ],
 *     "actions": [ { "name" (snake), "method" (upper), "path" ("/calc/add"), "summary",
 *        "input": [fields as above, scalar types only], "output": [...],
 *        "auth_required": bool, "code": "python body" ("" when none), "examples": [..] } ] }
 */
#pragma once
#include "core/problems.h"

#include <jansson.h>
#include <stddef.h>

#define REVIEW_MAX_SPEC_BYTES (256 * 1024)
#define REVIEW_MAX_PROBLEMS   200

struct review {
    struct problems errors;   /* refuse the spec */
    struct problems warnings; /* reported, generation goes on */
};

void review_init(struct review *rv);
void review_clear(struct review *rv); /* frees both lists; reusable afterwards */

/* Checks a spec document. Returns 0 with *normalized_out a new reference (caller
 * json_decref()s) when there are no errors, -EINVAL when rv->errors is non-empty
 * (*normalized_out NULL), -ENOMEM. Warnings are filled in either case. */
int review_spec(const json_t *spec, json_t **normalized_out, struct review *rv);
/* The same from JSON text, with the size and depth limits applied; a parse error is
 * reported as an error at path "$". */
int review_spec_text(const char *text, size_t len, json_t **normalized_out, struct review *rv);

/* New reference: {"errors": [{"path","message"}...], "warnings": [...]}. */
json_t *review_to_json(const struct review *rv);
/* The JSON Schema of BackendSpec v1 (borrowed, static lifetime; built on first use). Used
 * for LLM structured output and served at GET /api/spec-schema. */
const json_t *review_spec_schema(void);
