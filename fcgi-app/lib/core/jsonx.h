/* JSON input with limits: every JSON document that comes from outside (request bodies,
 * specs, LLM replies) is parsed here, so size and nesting caps hold everywhere. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define JSONX_DEFAULT_MAX_DEPTH 64

/* Parses exactly one JSON value from data[0..len). Refuses input longer than max_len
 * (-E2BIG), nested deeper than max_depth (-ELOOP; checked before jansson sees it, so a
 * 10,000-deep document costs one linear scan), NUL bytes or invalid UTF-8 or bad syntax
 * (-EINVAL). On error a plain sentence goes to err (never NULL-terminated garbage).
 * On success *out is a new reference (caller json_decref()s it). */
int jsonx_parse(const char *data, size_t len, size_t max_len, size_t max_depth, json_t **out,
                char *err, size_t err_size);

/* Nesting depth of the JSON text (brackets outside strings); stops counting past `stop`. */
size_t jsonx_depth(const char *data, size_t len, size_t stop);

/* Borrowed lookups that return NULL/fallback when the key is absent or of another type. */
const char *jsonx_str(const json_t *obj, const char *key);
bool jsonx_bool(const json_t *obj, const char *key, bool fallback);

/* What a value is, for messages: "an object", "an array", "a string", "a number", "a boolean"
 * or "null" (static strings). */
const char *jsonx_kind(const json_t *v);

/* Serializes compactly with sorted keys (stable output for hashes and golden files).
 * Caller free()s the result; NULL when out of memory. */
char *jsonx_dump(const json_t *v);
