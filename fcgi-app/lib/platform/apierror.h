/* The one table from error codes to HTTP: negative errnos (from db, auth, review, ...)
 * and HTTP statuses each map to a status, a stable code string and a default message. */
#pragma once

struct apierror {
    int status;          /* HTTP status */
    const char *code;    /* stable machine-readable code, e.g. "db_unavailable" */
    const char *message; /* default user-facing sentence */
};

/* Entry for a negative errno (positive values are treated as their negation). Unknown
 * errnos give 500 "internal". Never NULL; static storage.
 *   -EINVAL 400 bad_request         -EBADMSG 400 malformed_json   -ELOOP 400 malformed_json
 *   -EACCES 401 unauthorized        -EKEYREJECTED/-EKEYEXPIRED 401 unauthorized
 *   -EPERM 403 forbidden            -ENOENT 404 not_found         -EEXIST 409 conflict
 *   -EMSGSIZE/-EFBIG 413 payload_too_large (the request body only: an internal limit,
 *   -E2BIG, is a 500 unless its caller maps it, as the body and form readers do)
 *   -EMEDIUMTYPE/-EPROTONOSUPPORT 415 unsupported_media_type  -EDOM 422 validation_failed
 *   -EBUSY 429 rate_limited        -EDQUOT 429 quota_exceeded
 *   -EREMOTEIO/-EPROTO 502 upstream_error    -ETIMEDOUT 504 upstream_timeout (an
 *   upstream HTTP service, e.g. the LLM provider)
 *   -ENOTCONN/-ECONNRESET/-ECONNREFUSED/-EAGAIN 503 db_unavailable
 *   -ETIME 503 db_timeout (statement or lock timeout: db.h)
 *   -ENOSYS 501 not_implemented     everything else 500 internal */
const struct apierror *apierror_from_errno(int neg_errno);

/* Default code and message for an HTTP status (400 bad_request, 404 not_found, 405
 * method_not_allowed, ...); an unknown 4xx gives "bad_request"-like defaults of its
 * class, an unknown 5xx "internal". Never NULL; static storage. */
const struct apierror *apierror_from_status(int status);

/* Reason phrase for the Status line ("Not Found"); "Unknown" for unlisted statuses. */
const char *apierror_reason(int status);
