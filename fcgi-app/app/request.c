/* The request API (request.h): reading FastCGI parameters and bodies, writing responses
 * in the CGI response format that libfcgi passes back to nginx. */
#include "request.h"

#include "platform/apierror.h"
#include "body.h"
#include "master.h"
#include "platform/audit.h"
#include "core/buf.h"
#include "core/jsonx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#define REQUEST_ID_MAX    64
#define REQUEST_DRAIN_MAX (8u * 1024 * 1024)

static const struct {
    const char *name;
    enum request_method method;
} methods[] = {
    {"GET", REQUEST_GET},         {"HEAD", REQUEST_HEAD},   {"POST", REQUEST_POST},
    {"PUT", REQUEST_PUT},         {"PATCH", REQUEST_PATCH}, {"DELETE", REQUEST_DELETE},
    {"OPTIONS", REQUEST_OPTIONS},
};

enum request_method request_method_from_name(const char *name)
{
    if (!name)
        return 0;
    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
        if (strcmp(methods[i].name, name) == 0)
            return methods[i].method;
    return 0;
}

const char *request_env(const struct request *r, const char *name)
{
    if (!r->envp)
        return NULL;
    size_t n = strlen(name);
    for (char **e = r->envp; *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

const char *request_header(const struct request *r, const char *name)
{
    /* CGI names: "Content-Type" → CONTENT_TYPE (no HTTP_ prefix for the two body
     * headers), everything else HTTP_UPPER_CASE. Longer names cannot be headers we use. */
    char key[128];
    size_t n = strlen(name);
    if (n + 6 > sizeof(key))
        return NULL;
    size_t off = 0;
    if (strcasecmp(name, "Content-Type") != 0 && strcasecmp(name, "Content-Length") != 0) {
        memcpy(key, "HTTP_", 5);
        off = 5;
    }
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        key[off + i] = c == '-' ? '_' : (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    key[off + n] = '\0';
    return request_env(r, key);
}

static bool id_is_sane(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > REQUEST_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    }
    return true;
}

static char *new_request_id(struct arena *a)
{
    unsigned char raw[16];
    if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
        /* Request ids correlate logs; they are not secrets, so a weaker source is fine. */
        for (size_t i = 0; i < sizeof(raw); i++)
            raw[i] = (unsigned char)random();
    }
    char *id = arena_alloc(a, sizeof(raw) * 2 + 1);
    if (!id)
        return NULL;
    for (size_t i = 0; i < sizeof(raw); i++)
        snprintf(id + 2 * i, 3, "%02x", raw[i]);
    return id;
}

/* The query string, parsed once. A malformed one is refused as a whole (a handler that
 * looked up one key must never mistake "not decodable" for "absent"): r->query_problem
 * then names the parameter, as a JSON path and a sentence, for the 400. */
static int parse_query(struct request *r)
{
    const char *q = r->query;
    size_t len = strlen(q), i = 0, fields = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && q[i] != '&')
            i++;
        size_t seg_len = i - start;
        i++;
        if (seg_len == 0)
            continue;
        const char *seg = q + start;
        const char *eq = memchr(seg, '=', seg_len);
        size_t key_len = eq ? (size_t)(eq - seg) : seg_len;
        char *key, *value;
        int rc = body_percent_decode(r->arena, seg, key_len, true, &key);
        if (rc == 0 && eq)
            rc = body_percent_decode(r->arena, eq + 1, seg_len - key_len - 1, true, &value);
        if (rc == -ENOMEM)
            return rc;
        const char *problem = NULL;
        if (rc < 0)
            problem = "is not valid percent-encoding (a bad escape or a NUL byte)";
        else if (strlen(key) > BODY_MAX_FORM_KEY)
            problem = "has a name longer than 256 bytes";
        else if (++fields > BODY_MAX_FORM_FIELDS)
            problem = "is one parameter too many (at most 64)";
        if (problem) {
            /* The name as sent (undecoded, printable, short): it is echoed to the client. */
            char name[65];
            size_t n = 0;
            for (size_t k = 0; k < key_len && n < sizeof(name) - 1; k++)
                name[n++] =
                    (unsigned char)seg[k] < 0x20 || (unsigned char)seg[k] >= 0x7f || seg[k] == '"'
                        ? '?'
                        : seg[k];
            name[n] = '\0';
            r->query_problem_path = arena_printf(r->arena, "$.query.%s", name);
            r->query_problem = problem;
            return r->query_problem_path ? -EBADMSG : -ENOMEM;
        }
    }
    int rc = form_parse(r->arena, q, len, &r->query_form);
    return rc == -ENOMEM ? rc : rc < 0 ? -EBADMSG : 0;
}

int request_init(struct request *r, struct arena *a, struct app *app, char **envp,
                 const struct request_io *io)
{
    memset(r, 0, sizeof(*r));
    r->arena = a;
    r->app = app;
    r->envp = envp;
    r->io = *io;

    const char *xid = request_header(r, "X-Request-Id");
    r->id = xid && id_is_sane(xid) ? arena_strdup(a, xid) : new_request_id(a);
    if (!r->id)
        return -ENOMEM;

    r->method_name = request_env(r, "REQUEST_METHOD");
    r->method = request_method_from_name(r->method_name);
    r->remote_addr = request_env(r, "REMOTE_ADDR");
    if (!r->remote_addr)
        r->remote_addr = "";

    /* REQUEST_URI is the raw target (nginx's DOCUMENT_URI is already decoded and merged,
     * which would let %2F pass as a separator). Fall back to SCRIPT_NAME + PATH_INFO. */
    const char *uri = request_env(r, "REQUEST_URI");
    char *path;
    if (uri && *uri) {
        const char *q = strchr(uri, '?');
        path = arena_strndup(a, uri, q ? (size_t)(q - uri) : strlen(uri));
    } else {
        const char *sn = request_env(r, "SCRIPT_NAME");
        const char *pi = request_env(r, "PATH_INFO");
        path = arena_printf(a, "%s%s", sn ? sn : "", pi ? pi : "");
    }
    if (!path)
        return -ENOMEM;
    const char *qs = request_env(r, "QUERY_STRING");
    r->query = qs ? qs : "";
    int rc = parse_query(r);
    if (rc < 0) {
        r->path = path;
        return rc;
    }
    if (!r->method_name)
        r->method_name = "";
    if (path[0] != '/' || !r->method_name[0]) {
        r->path = path;
        return -EINVAL;
    }
    if (strncmp(path, "/api", 4) == 0 && (path[4] == '/' || path[4] == '\0'))
        path += 4;
    r->path = *path ? path : "/";
    return 0;
}

const char *request_param(const struct request *r, const char *name)
{
    for (size_t i = 0; i < r->n_params; i++)
        if (strcmp(r->params[i].name, name) == 0)
            return r->params[i].value;
    return NULL;
}

const char *request_query(const struct request *r, const char *key)
{
    return form_get(r->query_form, key);
}

static long io_read(void *cookie, char *buf, size_t n)
{
    struct request *r = cookie;
    return r->io.read ? r->io.read(r->io.cookie, buf, n) : 0;
}

static void decref_cb(void *p)
{
    json_decref(p);
}

int request_json_body(struct request *r, json_t **out)
{
    if (r->json_body) {
        *out = r->json_body;
        return 0;
    }
    struct body_error err = {0};
    json_t *v;
    int rc = body_json(request_header(r, "Content-Type"), request_header(r, "Content-Length"),
                       r->app ? r->app->max_body_bytes : REQUEST_DEFAULT_MAX_BODY, io_read, r,
                       r->arena, &v, &err);
    if (rc < 0) {
        *out = NULL;
        respond_error(r, err.status, err.code, err.message, NULL);
        return rc;
    }
    rc = arena_defer(r->arena, decref_cb, v);
    if (rc < 0) {
        *out = NULL;
        respond_errno(r, rc, NULL);
        return rc;
    }
    r->json_body = v;
    *out = v;
    return 0;
}

int request_form_body(struct request *r, struct form **out)
{
    if (r->form_body) {
        *out = r->form_body;
        return 0;
    }
    struct body_error err = {0};
    int rc = body_form(request_header(r, "Content-Type"), request_header(r, "Content-Length"),
                       r->app ? r->app->max_body_bytes : REQUEST_DEFAULT_MAX_BODY, io_read, r,
                       r->arena, out, &err);
    if (rc < 0) {
        *out = NULL;
        respond_error(r, err.status, err.code, err.message, NULL);
        return rc;
    }
    r->form_body = *out;
    return 0;
}

bool request_responded(const struct request *r)
{
    return r->status != 0;
}

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
    while (drained < REQUEST_DRAIN_MAX && (n = r->io.read(r->io.cookie, sink, sizeof(sink))) > 0)
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

bool request_finish(struct request *r)
{
    bool fallback = false;
    if (!r->status) {
        respond_error(r, 500, "internal", NULL, NULL);
        fallback = true;
    }
    /* No flush here: the transport's end of request (FCGX_Finish_r) writes what is
     * buffered together with its closing records, one write and one wake-up for nginx
     * instead of two. Streamed responses flushed each event already. */
    return fallback;
}

int request_audit(struct request *r, const char *action, const char *target, const json_t *details)
{
    struct audit_entry e = {
        .user_id = r->user_id,
        .action = action,
        .target = target,
        .remote_addr = r->remote_addr,
        .request_id = r->id,
        .details = details,
    };
    return audit_write(r->app->db, &e);
}

bool request_claim_slow(struct request *r, int limit)
{
    return !r->app || !r->app->pool || worker_pool_claim_slow(r->app->pool, limit);
}

void request_release_slow(struct request *r)
{
    if (r->app && r->app->pool)
        worker_pool_release_slow(r->app->pool);
}
