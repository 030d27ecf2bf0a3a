/* The one table from negative errnos and HTTP statuses to API errors (see apierror.h);
 * respond_errno() and every handler's error path end here. */
#include "platform/apierror.h"

#include <errno.h>
#include <stddef.h>

struct errno_row {
    int err;
    struct apierror e;
};

static const struct errno_row errno_table[] = {
    {EINVAL, {400, "bad_request", "The request is not valid."}},
    {EBADMSG, {400, "malformed_json", "The request body is not valid JSON."}},
    {ELOOP, {400, "malformed_json", "The request body is nested too deeply."}},
    {EILSEQ, {400, "bad_request", "The request contains invalid characters."}},
    {EACCES, {401, "unauthorized", "Authentication is required."}},
    {EKEYREJECTED, {401, "unauthorized", "The access token is not valid."}},
    {EKEYEXPIRED, {401, "unauthorized", "The access token has expired."}},
    {EPERM, {403, "forbidden", "You are not allowed to do this."}},
    {ENOENT, {404, "not_found", "Not found."}},
    {EEXIST, {409, "conflict", "It already exists."}},
    {EMSGSIZE, {413, "payload_too_large", "The request body is too large."}},
    {EFBIG, {413, "payload_too_large", "The request body is too large."}},
    {EMEDIUMTYPE, {415, "unsupported_media_type", "This content type is not supported."}},
    {EPROTONOSUPPORT, {415, "unsupported_media_type", "This content type is not supported."}},
    {EDOM, {422, "validation_failed", "The request failed validation."}},
    {EBUSY, {429, "rate_limited", "Too many requests; try again later."}},
    {EDQUOT, {429, "quota_exceeded", "The quota is used up; try again later."}},
    {ENOSYS, {501, "not_implemented", "This is not implemented."}},
    {EREMOTEIO, {502, "upstream_error", "The upstream service failed."}},
    {EPROTO, {502, "upstream_error", "The upstream service answered badly."}},
    {ENOTCONN, {503, "db_unavailable", "The database is unavailable; try again shortly."}},
    {ECONNRESET, {503, "db_unavailable", "The database is unavailable; try again shortly."}},
    {ECONNREFUSED, {503, "db_unavailable", "The database is unavailable; try again shortly."}},
    {EAGAIN, {503, "db_unavailable", "The database is busy; try again shortly."}},
    {ETIME, {503, "db_timeout", "The database did not answer in time; try again shortly."}},
    {ETIMEDOUT, {504, "upstream_timeout", "The upstream service timed out."}},
};

static const struct apierror internal = {500, "internal", "Internal server error."};

static const struct apierror status_table[] = {
    {400, "bad_request", "The request is not valid."},
    {401, "unauthorized", "Authentication is required."},
    {403, "forbidden", "You are not allowed to do this."},
    {404, "not_found", "Not found."},
    {405, "method_not_allowed", "This method is not allowed here."},
    {406, "not_acceptable", "This response type is not available."},
    {408, "request_timeout", "The request took too long."},
    {409, "conflict", "It already exists."},
    {410, "gone", "This is gone."},
    {411, "length_required", "A Content-Length is required."},
    {413, "payload_too_large", "The request body is too large."},
    {414, "uri_too_long", "The request URI is too long."},
    {415, "unsupported_media_type", "This content type is not supported."},
    {422, "validation_failed", "The request failed validation."},
    {429, "rate_limited", "Too many requests; try again later."},
    {500, "internal", "Internal server error."},
    {501, "not_implemented", "This is not implemented."},
    {502, "upstream_error", "The upstream service failed."},
    {503, "unavailable", "The service is unavailable; try again shortly."},
    {504, "upstream_timeout", "The upstream service timed out."},
};

static const struct {
    int status;
    const char *reason;
} reasons[] = {
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {204, "No Content"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {304, "Not Modified"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {413, "Payload Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {422, "Unprocessable Entity"},
    {429, "Too Many Requests"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
};

#define N_ELEMENTS(a) (sizeof(a) / sizeof((a)[0]))

const struct apierror *apierror_from_errno(int neg_errno)
{
    int err = neg_errno < 0 ? -neg_errno : neg_errno;
    for (size_t i = 0; i < N_ELEMENTS(errno_table); i++)
        if (errno_table[i].err == err)
            return &errno_table[i].e;
    return &internal;
}

const struct apierror *apierror_from_status(int status)
{
    static const struct apierror client = {400, "bad_request", "The request is not valid."};
    for (size_t i = 0; i < N_ELEMENTS(status_table); i++)
        if (status_table[i].status == status)
            return &status_table[i];
    return status >= 400 && status < 500 ? &client : &internal;
}

const char *apierror_reason(int status)
{
    for (size_t i = 0; i < N_ELEMENTS(reasons); i++)
        if (reasons[i].status == status)
            return reasons[i].reason;
    return "Unknown";
}
