/* The one error table: errnos and statuses map to the documented status and code. */
#include "platform/apierror.h"
#include "tap.h"

#include <errno.h>

int main(void)
{
    static const struct {
        int err, status;
        const char *code;
    } cases[] = {
        {-EINVAL, 400, "bad_request"},
        {-EBADMSG, 400, "malformed_json"},
        {-ELOOP, 400, "malformed_json"},
        {-EACCES, 401, "unauthorized"},
        {-EKEYREJECTED, 401, "unauthorized"},
        {-EKEYEXPIRED, 401, "unauthorized"},
        {-EPERM, 403, "forbidden"},
        {-ENOENT, 404, "not_found"},
        {-EEXIST, 409, "conflict"},
        {-EMSGSIZE, 413, "payload_too_large"},
        {-E2BIG, 500, "internal"}, /* an internal limit, not the body: callers map it */
        {-ETIME, 503, "db_timeout"},
        {-EMEDIUMTYPE, 415, "unsupported_media_type"},
        {-EDOM, 422, "validation_failed"},
        {-EBUSY, 429, "rate_limited"},
        {-EDQUOT, 429, "quota_exceeded"},
        {-ENOSYS, 501, "not_implemented"},
        {-EREMOTEIO, 502, "upstream_error"},
        {-EPROTO, 502, "upstream_error"},
        {-ENOTCONN, 503, "db_unavailable"},
        {-ECONNRESET, 503, "db_unavailable"},
        {-ECONNREFUSED, 503, "db_unavailable"},
        {-EAGAIN, 503, "db_unavailable"},
        {-ETIMEDOUT, 504, "upstream_timeout"},
        {-ENOMEM, 500, "internal"},
        {-EIO, 500, "internal"},
        {-9999, 500, "internal"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct apierror *e = apierror_from_errno(cases[i].err);
        is_int(e->status, cases[i].status, "errno %d status", -cases[i].err);
        is_str(e->code, cases[i].code, "errno %d code", -cases[i].err);
        ok(e->message && e->message[0], "errno %d has a message", -cases[i].err);
    }
    is_str(apierror_from_errno(ENOENT)->code, "not_found", "positive errno treated as negative");

    is_str(apierror_from_status(404)->code, "not_found", "404 code");
    is_str(apierror_from_status(405)->code, "method_not_allowed", "405 code");
    is_str(apierror_from_status(413)->code, "payload_too_large", "413 code");
    is_str(apierror_from_status(415)->code, "unsupported_media_type", "415 code");
    is_str(apierror_from_status(422)->code, "validation_failed", "422 code");
    is_str(apierror_from_status(418)->code, "bad_request", "unknown 4xx is a client error");
    is_str(apierror_from_status(599)->code, "internal", "unknown 5xx is internal");
    is_str(apierror_reason(404), "Not Found", "reason phrase");
    is_str(apierror_reason(429), "Too Many Requests", "429 reason");
    is_str(apierror_reason(299), "Unknown", "unlisted reason");
    return tap_done();
}
