/* Answers (see respond.h): the head (status, headers, request id), JSON, errors through
 * the one apierror table, raw bytes and server-sent events, written to the request's
 * transport. Every handler ends in one of these. */
#include "respond.h"

#include "core/buf.h"
#include "core/jsonx.h"
#include "platform/apierror.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESPOND_DRAIN_MAX (8u * 1024 * 1024)

static bool header_text_ok(const char *s)
{
    return s && !strpbrk(s, "\r\n");
}

int respond_header(struct request *r, const char *name, const char *value)
{
    if (r->headers_sent)
        return -EALREADY;
    if (!header_text_ok(name) || !header_text_ok(value) || !*name || strchr(name, ':'))
        return -EINVAL;
    if (r->n_headers == REQUEST_MAX_HEADERS)
        return -E2BIG;
    const char *n = arena_strdup(r->arena, name), *v = arena_strdup(r->arena, value);
    if (!n || !v)
        return -ENOMEM;
    r->headers[r->n_headers].name = n;
    r->headers[r->n_headers].value = v;
    r->n_headers++;
    return 0;
}

static int out(struct request *r, const char *data, size_t n)
{
    if (!r->io.write || n == 0)
        return 0;
    return r->io.write(r->io.cookie, data, n);
}

/* Reads what the handler left of the body (404s and 413s do not read it). It must happen
 * before the answer starts: nginx stops sending the body once the answer's header arrives,
 * so a read after it waits for a body that never comes, and closing with unread input makes
 * nginx turn the answer into a 502. Bounded, so a client cannot hold a worker forever. */
static void drain_body(struct request *r)
{
    if (!r->io.read)
        return;
    char sink[16384];
    size_t drained = 0;
    long n;
    while (drained < RESPOND_DRAIN_MAX && (n = r->io.read(r->io.cookie, sink, sizeof(sink))) > 0)
        drained += (size_t)n;
}

/* Status line and headers. Content-Length is given for fixed bodies so nginx can keep the
 * upstream connection simple; SSE streams have none. */
static int send_head(struct request *r, int status, const char *content_type, size_t length,
                     bool with_length)
{
    if (r->status)
        return -EALREADY;
    drain_body(r);
    r->status = status;
    struct buf b;
    buf_init(&b, 16 * 1024);
    int rc = buf_printf(&b, "Status: %d %s\r\n", status, apierror_reason(status));
    if (rc == 0 && content_type)
        rc = buf_printf(&b, "Content-Type: %s\r\n", content_type);
    if (rc == 0 && with_length)
        rc = buf_printf(&b, "Content-Length: %zu\r\n", length);
    if (rc == 0)
        rc = buf_printf(&b, "X-Request-Id: %s\r\n", r->id ? r->id : "-");
    for (size_t i = 0; rc == 0 && i < r->n_headers; i++)
        rc = buf_printf(&b, "%s: %s\r\n", r->headers[i].name, r->headers[i].value);
    if (rc == 0)
        rc = buf_puts(&b, "\r\n");
    if (rc == 0)
        rc = out(r, b.data, b.len);
    buf_clear(&b);
    r->headers_sent = true;
    return rc;
}

static int send_body(struct request *r, const char *data, size_t n)
{
    if (r->method == REQUEST_HEAD)
        return 0;
    int rc = out(r, data, n);
    if (rc == 0)
        r->body_bytes_out += n;
    return rc;
}

int respond_bytes(struct request *r, int status, const char *content_type, const void *data,
                  size_t len, const char *const *extra_headers)
{
    if (r->status)
        return -EALREADY;
    for (const char *const *h = extra_headers; h && h[0]; h += 2) {
        if (!h[1])
            return -EINVAL;
        int rc = respond_header(r, h[0], h[1]);
        if (rc < 0)
            return rc;
    }
    /* RFC 9110 8.6, 15.3.5: a 204 (and a 304) has no content, so no Content-Length. */
    if (status == 204 || status == 304) {
        if (len)
            return -EINVAL;
        return send_head(r, status, NULL, 0, false);
    }
    int rc = send_head(r, status, content_type, len, true);
    if (rc == 0 && len)
        rc = send_body(r, data, len);
    return rc;
}

int respond_json(struct request *r, int status, json_t *body)
{
    if (r->status) {
        json_decref(body);
        return -EALREADY;
    }
    char *text = body ? jsonx_dump(body) : strdup("{}");
    json_decref(body);
    if (!text) {
        /* Out of memory while answering: a fixed body still tells the client. */
        static const char oom[] =
            "{\"error\":{\"code\":\"internal\",\"message\":\"Internal server error.\","
            "\"details\":null}}";
        respond_header(r, "Cache-Control", "no-store");
        return respond_bytes(r, 500, "application/json", oom, sizeof(oom) - 1, NULL);
    }
    int rc = respond_json_text(r, status, text, strlen(text));
    free(text);
    return rc;
}

int respond_json_text(struct request *r, int status, const char *text, size_t len)
{
    /* API answers are per user and per moment: no cache along the way keeps them. */
    int rc = respond_header(r, "Cache-Control", "no-store");
    if (rc == 0 || rc == -E2BIG)
        rc = respond_bytes(r, status, "application/json", text, len, NULL);
    return rc;
}

int respond_error(struct request *r, int status, const char *code, const char *message,
                  json_t *details)
{
    const struct apierror *def = apierror_from_status(status);
    json_t *body =
        json_pack("{s:{s:s,s:s,s:o}}", "error", "code", code ? code : def->code, "message",
                  message ? message : def->message, "details", details ? details : json_null());
    return respond_json(r, status, body);
}

int respond_errno(struct request *r, int neg_errno, const char *message)
{
    const struct apierror *e = apierror_from_errno(neg_errno);
    return respond_error(r, e->status, e->code, message ? message : e->message, NULL);
}

int respond_sse_begin(struct request *r)
{
    if (r->status)
        return -EALREADY;
    /* X-Accel-Buffering tells nginx to pass each event on as it comes. */
    int rc = respond_header(r, "Cache-Control", "no-cache");
    if (rc == 0)
        rc = respond_header(r, "X-Accel-Buffering", "no");
    if (rc < 0)
        return rc;
    r->sse = true;
    rc = send_head(r, 200, "text/event-stream", 0, false);
    if (rc == 0 && r->io.flush)
        rc = r->io.flush(r->io.cookie);
    return rc;
}

int respond_sse_event(struct request *r, const char *event_name, const json_t *data)
{
    if (!r->sse)
        return -EINVAL;
    if (!event_name || !*event_name || strpbrk(event_name, "\r\n:"))
        return -EINVAL;
    /* Compact JSON has no raw newlines (they are escaped in strings), so one data line. */
    char *text = data ? jsonx_dump(data) : strdup("null");
    if (!text)
        return -ENOMEM;
    char *msg = arena_printf(r->arena, "event: %s\ndata: %s\n\n", event_name, text);
    free(text);
    if (!msg)
        return -ENOMEM;
    int rc = send_body(r, msg, strlen(msg));
    if (rc == 0 && r->io.flush)
        rc = r->io.flush(r->io.cookie);
    return rc;
}
