/* Answering a request: one function per kind of answer. A handler sends exactly one (the
 * framework answers 500 `internal` when it sends none: request_finish). */
#pragma once
#include "request.h"

#include <jansson.h>
#include <stddef.h>

/* Adds a response header for the response not yet started (Retry-After,
 * WWW-Authenticate, Location, ...). Name and value are copied; CR, LF or NUL in either
 * gives -EINVAL. At most REQUEST_MAX_HEADERS (-E2BIG). */
int respond_header(struct request *r, const char *name, const char *value);

/* Sends `body` (STOLEN: always released, also on error; NULL sends {}) with the status,
 * as application/json. */
int respond_json(struct request *r, int status, json_t *body);
/* The same for a body already serialized (a cached representation): `text` is `len` bytes
 * of JSON, borrowed. */
int respond_json_text(struct request *r, int status, const char *text, size_t len);

/* Sends {"error":{"code":code,"message":message,"details":details}}. status is an HTTP
 * status; code and message may be NULL to use the defaults for that status from the
 * apierror table. details is STOLEN (NULL gives JSON null). message must be meant for
 * users: never SQL, library messages or stacks. */
int respond_error(struct request *r, int status, const char *code, const char *message,
                  json_t *details);

/* Maps a negative errno through apierror.c's table (e.g. -ENOTCONN → 503 db_unavailable,
 * -EEXIST → 409 conflict, -ENOENT → 404 not_found) and sends the error; message NULL
 * uses the table's. */
int respond_errno(struct request *r, int neg_errno, const char *message);

/* Sends raw bytes (ZIP downloads, files). data is borrowed. extra_headers is NULL or a
 * NULL-terminated array of alternating names and values ("Content-Disposition",
 * "attachment; filename=\"x.zip\"", NULL). A 204 (or 304) is respond_bytes(r, 204, NULL,
 * NULL, 0, NULL): it goes without Content-Type and Content-Length (RFC 9110), and a body
 * for it is -EINVAL. */
int respond_bytes(struct request *r, int status, const char *content_type, const void *data,
                  size_t len, const char *const *extra_headers);

/* Server-sent events: begin sends 200 text/event-stream (no caching, no nginx
 * buffering); each event is `event: name\ndata: <compact json>\n\n`, flushed at once.
 * data is BORROWED. The stream ends when the handler returns. */
int respond_sse_begin(struct request *r);
int respond_sse_event(struct request *r, const char *event_name, const json_t *data);
