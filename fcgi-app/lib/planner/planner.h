/* Offline planner: a deterministic prompt → BackendSpec v1 without any LLM, from a
 * vocabulary of common domain entities, field-name type inference and relation phrases.
 * planner_plan() gives a raw spec, for review_spec() like any other; planner_plan_reviewed()
 * gives the spec as review normalized it. */
#pragma once
#include <jansson.h>
#include <stddef.h>

#define PLANNER_MAX_PROMPT 4000 /* bytes */

/* Loads what the planner reads English with: Link Grammar's English dictionary and the
 * WordNet database, once per process. Call it early in a program, before the FastCGI
 * master forks its workers, so that they share the dictionary's pages; planner_plan()
 * loads them on first use otherwise. Idempotent and thread-safe. 0, or -ENOENT when one is
 * not installed (the planner then plans with its phrase rules alone). */
int planner_init(void);

/* Plans a spec from an English prompt (UTF-8). Returns 0 with *spec_out (new reference)
 * and *notes_out (new reference: {"understood": ["entity Task (from \"tasks\")", ...],
 * "guessed": [what the parser and WordNet inferred, quoting the prompt], "ignored": ["\"beautiful
 * dashboards\"", ...]}); -EINVAL for an empty, over-long or non-UTF-8 prompt; -ENODATA when no
 * entity could be recognized (the prompt is then better served by an LLM). Callers free both
 * outputs. */
int planner_plan(const char *prompt, size_t len, json_t **spec_out, json_t **notes_out);

struct review;
/* planner_plan(), reviewed: the planner reviews its plan anyway (to leave out what review
 * refuses), so it hands that last review over rather than have the caller run it again.
 * *normalized_out is the spec as review_spec() normalizes it (NULL when review refuses it),
 * rv (review_init()ed by the caller) holds review's errors and warnings. Returns
 * planner_plan()'s errors, else review_spec()'s result; *notes_out is set whenever a plan
 * was made. */
int planner_plan_reviewed(const char *prompt, size_t len, json_t **normalized_out,
                          json_t **notes_out, struct review *rv);
