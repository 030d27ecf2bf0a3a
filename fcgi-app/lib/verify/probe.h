/* HTTP to the sandboxed app over its unix socket (libcurl CURLOPT_UNIX_SOCKET_PATH): the
 * health poll that tells when a started app answers, before the suite runs. */
#pragma once
#include <stddef.h>

/* GET path over the socket. *status: the HTTP status (0 when there was no answer);
 * body: up to body_size-1 bytes of the answer (may be NULL). 0, -ETIMEDOUT,
 * -ECONNREFUSED (nothing listening / no socket) or -EIO. */
int probe_get(const char *socket_path, const char *path, long timeout_ms, long *status, char *body,
              size_t body_size);
