/* HTTP to the sandboxed app over its unix socket (libcurl CURLOPT_UNIX_SOCKET_PATH), and
 * the check the runner runs against a started app. runner_suite() is the one place the
 * verification suite is called: today it checks GET /health; with the suite library
 * (verify/suite.h) it derives the suite from the spec and runs every step. */
#pragma once
#include <jansson.h>
#include <stddef.h>

/* GET path over the socket. *status: the HTTP status (0 when there was no answer);
 * body: up to body_size-1 bytes of the answer (may be NULL). 0, -ETIMEDOUT,
 * -ECONNREFUSED (nothing listening / no socket) or -EIO. */
int probe_get(const char *socket_path, const char *path, long timeout_ms, long *status, char *body,
              size_t body_size);

/* Runs the verification suite for spec against the app listening on socket_path.
 * *report_out: new reference {"summary": {total, passed, failed, skipped}, "tests": [...]}
 * (CONTRACT.md 2), always set on 0. 0 or -ENOMEM. */
int runner_suite(const json_t *spec, const char *socket_path, long total_timeout_ms,
                 json_t **report_out);
