/* The verification suite: an HTTP test plan derived from a normalized spec (review.h), as
 * data. The runner interprets it with libcurl (http_run.h); every generated ZIP carries the
 * same file as verify/suite.json beside verify/verify.py. docs/verification-suite.md describes
 * the step format; in short:
 *   {"suite_version": 1, "name": "todo-api", "steps": [
 *     {"name": "tasks: create", "group": "entity:Task",
 *      "request": {"method": "POST", "path": "/tasks", "headers"?: {..},
 *                  "json"? | "form"? | "raw_body"?, "auth"?: "token_a",
 *                  "bearer_forged"?: {"secret": "change-me", "sub": "${user_a_id}"}},
 *      "expect": {"status": 201 | [200, 201] | "4xx", "json"?: {"path": value},
 *                 "json_not"?: {"path": value}, "list_contains"?: {..}, "list_absent"?: {..},
 *                 "list_max"?: n, "no_5xx": true},
 *      "capture"?: {"task_id": "id"}}]}
 * Placeholders ${name} are filled from earlier captures and ${run} (8 hex digits, new per
 * run): a JSON string that is exactly "${name}" becomes the captured value itself (a number
 * stays a number), any other ${name} is replaced by its text. */
#pragma once
#include <jansson.h>
#include <stddef.h>

#define SUITE_VERSION   1
#define SUITE_MAX_STEPS 40000

/* Derives the suite from a normalized spec. Deterministic: the same spec gives the same
 * suite (and the same bytes from suite_dump). Returns 0 with *suite_out a new reference
 * (caller json_decref()s), -EINVAL for a spec that is not normalized, -E2BIG past
 * SUITE_MAX_STEPS, -ENOMEM. */
int suite_derive(const json_t *normalized_spec, json_t **suite_out);

/* The suite as the text that ships in verify/suite.json (indented, sorted keys, one trailing
 * newline). Returns 0 with *text_out malloc()ed (caller free()s) and *len_out its length. */
int suite_text(const json_t *normalized_spec, char **text_out, size_t *len_out);
