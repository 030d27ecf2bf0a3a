/* The request API (request.h): reading FastCGI parameters, the query and bodies; answers
 * are respond.c's. */
#include "request.h"

#include "respond.h"

#include "platform/apierror.h"
#include "body.h"
#include "form.h"
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

#define REQUEST_ID_MAX 64

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
        int rc = form_percent_decode(r->arena, seg, key_len, true, &key);
        if (rc == 0 && eq)
            rc = form_percent_decode(r->arena, eq + 1, seg_len - key_len - 1, true, &value);
        if (rc == -ENOMEM)
            return rc;
        const char *problem = NULL;
        if (rc < 0)
            problem = "is not valid percent-encoding (a bad escape or a NUL byte)";
        else if (strlen(key) > FORM_MAX_KEY)
            problem = "has a name longer than 256 bytes";
        else if (++fields > FORM_MAX_FIELDS)
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

int request_parse_id(const char *s, long long *out)
{
    if (!s || !*s || strlen(s) > 18)
        return -ENOENT;
    long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -ENOENT;
        v = v * 10 + (*p - '0');
    }
    if (v <= 0)
        return -ENOENT;
    *out = v;
    return 0;
}
