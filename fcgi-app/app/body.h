/* Request bodies and query strings, independent of FastCGI: content-type checks, length
 * caps, JSON through jsonx_parse, urlencoded forms. request.c feeds it FCGX streams;
 * tests and the fuzz target feed it memory. */
#pragma once
#include "core/arena.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define BODY_MAX_JSON_DEPTH 64

/* Why a body was refused: the HTTP status and code to answer with, and a sentence for
 * the user (never a library message). */
struct body_error {
    int status;
    const char *code;
    const char *message;
};

/* Reads up to n bytes; returns the count (0 at end of input) or a negative errno. */
typedef long (*body_read_fn)(void *cookie, char *buf, size_t n);

enum body_kind { BODY_JSON, BODY_FORM };

/* 0 when content_type names the kind ("application/json", or
 * "application/x-www-form-urlencoded"; case-insensitive, parameters allowed, a charset
 * other than utf-8 refused); -EMEDIUMTYPE otherwise (also for NULL). */
int body_check_type(const char *content_type, enum body_kind kind);

/* Reads the whole body into the arena (NUL-terminated for convenience; *len excludes it).
 * content_length is CONTENT_LENGTH as received (NULL or "" = unknown: read to the end).
 * -EMSGSIZE when the declared or actual size passes max; -EINVAL for a malformed
 * CONTENT_LENGTH or a body shorter than declared; -ENOMEM; or the read error. */
int body_read(const char *content_length, size_t max, body_read_fn read, void *cookie,
              struct arena *a, char **data, size_t *len);

/* Type check + read + jsonx_parse (depth BODY_MAX_JSON_DEPTH). On success 0 and *out is a
 * NEW reference (caller decrefs). On failure a negative errno and *err says what to
 * answer: 415 unsupported_media_type, 413 payload_too_large, 400 malformed_json. */
int body_json(const char *content_type, const char *content_length, size_t max, body_read_fn read,
              void *cookie, struct arena *a, json_t **out, struct body_error *err);

struct form;
/* Type check + read + form_parse; *out lives in the arena. Errors as body_json (400
 * bad_request for a malformed form). */
int body_form(const char *content_type, const char *content_length, size_t max, body_read_fn read,
              void *cookie, struct arena *a, struct form **out, struct body_error *err);
