/* Request bodies and responses without FastCGI: 415/413/400 from the same functions the
 * workers use, forms, query strings, header lookup, the error shape, SSE, and the 500
 * fallback for handlers that do not answer. */
#include "body.h"
#include "core/buf.h"
#include "request.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct mem {
    const char *data;
    size_t len, pos;
    size_t chunk; /* bytes per read, to exercise short reads */
};

static long mem_read(void *cookie, char *buf, size_t n)
{
    struct mem *m = cookie;
    size_t left = m->len - m->pos;
    if (n > left)
        n = left;
    if (m->chunk && n > m->chunk)
        n = m->chunk;
    if (n)
        memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (long)n;
}

static int json_status(struct arena *a, const char *ct, const char *cl, const char *body,
                       size_t len, size_t max)
{
    struct mem m = {body, len, 0, 7};
    struct body_error err = {0};
    json_t *v = NULL;
    int rc = body_json(ct, cl, max, mem_read, &m, a, &v, &err);
    json_decref(v);
    return rc == 0 ? 200 : err.status;
}

static char *deep(size_t depth)
{
    char *s = malloc(2 * depth + 1);
    memset(s, '[', depth);
    memset(s + depth, ']', depth);
    s[2 * depth] = '\0';
    return s;
}

/* One cookie for both directions: the body to read and the response written. */
struct pipe {
    struct mem in;
    struct buf out;
};

static long pipe_read(void *cookie, char *buf, size_t n)
{
    return mem_read(&((struct pipe *)cookie)->in, buf, n);
}

static int pipe_write(void *cookie, const char *data, size_t n)
{
    return buf_append(&((struct pipe *)cookie)->out, data, n);
}

static int no_flush(void *cookie)
{
    (void)cookie;
    return 0;
}

static void reset_pipe(struct pipe *p, const char *body)
{
    buf_clear(&p->out);
    p->in.data = body;
    p->in.len = body ? strlen(body) : 0;
    p->in.pos = 0;
    p->in.chunk = 3;
}

int main(void)
{
    struct arena *a = arena_new(0);
    const size_t max = 1024;

    /* Content types */
    is_int(body_check_type("application/json", BODY_JSON), 0, "json");
    is_int(body_check_type("Application/JSON; charset=UTF-8", BODY_JSON), 0, "json charset");
    is_int(body_check_type("application/json;charset=\"utf-8\"", BODY_JSON), 0, "quoted");
    is_int(body_check_type("application/json; charset=latin1", BODY_JSON), -EMEDIUMTYPE,
           "other charset refused");
    is_int(body_check_type("application/jsonx", BODY_JSON), -EMEDIUMTYPE, "prefix trick");
    is_int(body_check_type("text/plain", BODY_JSON), -EMEDIUMTYPE, "text/plain");
    is_int(body_check_type(NULL, BODY_JSON), -EMEDIUMTYPE, "missing");
    is_int(body_check_type("application/x-www-form-urlencoded", BODY_FORM), 0, "form");
    is_int(body_check_type("application/json", BODY_FORM), -EMEDIUMTYPE, "json is no form");

    /* JSON gate */
    const char *good = "{\"a\":1}";
    is_int(json_status(a, "application/json", "7", good, 7, max), 200, "valid JSON");
    is_int(json_status(a, "application/json", NULL, good, 7, max), 200, "no length: read all");
    is_int(json_status(a, "text/plain", "7", good, 7, max), 415, "415 for text/plain");
    is_int(json_status(a, "application/json", "5000", good, 7, max), 413,
           "413 from CONTENT_LENGTH alone");
    is_int(json_status(a, "application/json", "99999999999999999999999", good, 7, max), 413,
           "413 for a huge CONTENT_LENGTH");
    char *big = malloc(max + 100);
    memset(big, ' ', max + 100);
    big[0] = '1';
    is_int(json_status(a, "application/json", NULL, big, max + 100, max), 413,
           "413 from the bytes read without CONTENT_LENGTH");
    is_int(json_status(a, "application/json", "1024", big, max + 100, max), 200,
           "reading stops at the declared length");
    free(big);
    is_int(json_status(a, "application/json", "-1", good, 7, max), 400, "negative length");
    is_int(json_status(a, "application/json", "7x", good, 7, max), 400, "junk length");
    is_int(json_status(a, "application/json", "10", good, 7, max), 400, "short body");
    is_int(json_status(a, "application/json", "5", "{\"a\":", 5, max), 400, "malformed");
    is_int(json_status(a, "application/json", "0", "", 0, max), 400, "empty body");
    is_int(json_status(a, "application/json", "9", "{\"a\":\"\0\"}", 9, max), 400, "NUL");
    is_int(json_status(a, "application/json", "8", "{\"a\":\"\xff\"}", 8, max), 400,
           "invalid UTF-8");
    char *d64 = deep(64), *d65 = deep(65), *d10k = deep(10000);
    is_int(json_status(a, "application/json", NULL, d64, 128, max), 200, "depth 64 accepted");
    is_int(json_status(a, "application/json", NULL, d65, 130, max), 400, "depth 65 refused");
    is_int(json_status(a, "application/json", NULL, d10k, 20000, 100000), 400,
           "10,000 deep refused");
    free(d64);
    free(d65);
    free(d10k);

    /* Forms */
    struct form *f;
    const char *form = "grant_type=password&username=a%40b.c&password=p+w%26x&flag&=v";
    is_int(form_parse(a, form, strlen(form), &f), 0, "form parses");
    is_str(form_get(f, "username"), "a@b.c", "percent-decoded value");
    is_str(form_get(f, "password"), "p w&x", "plus and encoded ampersand");
    is_str(form_get(f, "flag"), "", "key without value");
    ok(form_get(f, "missing") == NULL, "missing key");
    is_int(form_count(f), 5, "field count");
    is_int(form_parse(a, "a=%00", 5, &f), -EINVAL, "NUL in a form refused");
    is_int(form_parse(a, "a=%G1", 5, &f), -EINVAL, "bad escape refused");
    struct buf many;
    buf_init(&many, 100000);
    for (int i = 0; i <= BODY_MAX_FORM_FIELDS; i++)
        buf_printf(&many, "k%d=v&", i);
    is_int(form_parse(a, many.data, many.len, &f), -E2BIG, "too many fields");
    buf_clear(&many);
    {
        struct mem m = {"a=1", 3, 0, 0};
        struct body_error err = {0};
        is_int(body_form("application/json", "3", max, mem_read, &m, a, &f, &err), -EMEDIUMTYPE,
               "form gate checks the type");
        is_int(err.status, 415, "415 for a form route given JSON");
    }

    /* Requests and responses over memory */
    struct app app = {0};
    app.max_body_bytes = max;
    struct pipe pp;
    buf_init(&pp.out, 1 << 20);
    reset_pipe(&pp, good);
    struct request r;
    char *env1[] = {"REQUEST_METHOD=POST",
                    "REQUEST_URI=/api/auth/login?x=1&next=%2Fhome",
                    "QUERY_STRING=x=1&next=%2Fhome",
                    "REMOTE_ADDR=192.0.2.1",
                    "CONTENT_TYPE=application/json",
                    "CONTENT_LENGTH=7",
                    "HTTP_AUTHORIZATION=Bearer abc",
                    "HTTP_X_REQUEST_ID=nginx-req.1",
                    NULL};
    struct request_io io = {pipe_read, pipe_write, no_flush, &pp};
    is_int(request_init(&r, a, &app, env1, &io), 0, "request_init");
    is_str(r.path, "/auth/login", "/api prefix stripped");
    is_str(r.query, "x=1&next=%2Fhome", "query kept raw");
    is_str(request_query(&r, "next"), "/home", "query value decoded");
    is_str(r.id, "nginx-req.1", "sane X-Request-Id reused");
    is_str(r.remote_addr, "192.0.2.1", "remote address");
    is_int(r.method, REQUEST_POST, "method");
    is_str(request_header(&r, "authorization"), "Bearer abc", "header lookup");
    is_str(request_header(&r, "Content-Type"), "application/json", "content type header");
    ok(request_header(&r, "X-Missing") == NULL, "missing header");
    json_t *body;
    is_int(request_json_body(&r, &body), 0, "json body through the request");
    is_int(json_integer_value(json_object_get(body, "a")), 1, "body value");
    json_t *again;
    request_json_body(&r, &again);
    ok(again == body, "second call returns the cached body");
    is_int(respond_header(&r, "Retry-After", "30"), 0, "extra header");
    is_int(respond_header(&r, "X-Bad", "a\r\nSet-Cookie: x"), -EINVAL, "CRLF refused");
    is_int(respond_error(&r, 429, "rate_limited", "Slow down.", NULL), 0, "error response");
    ok(strstr(pp.out.data, "Status: 429 Too Many Requests\r\n") != NULL, "status line");
    ok(strstr(pp.out.data, "X-Request-Id: nginx-req.1\r\n") != NULL, "request id header");
    ok(strstr(pp.out.data, "Retry-After: 30\r\n") != NULL, "Retry-After sent");
    ok(strstr(pp.out.data, "Set-Cookie") == NULL, "no injected header");
    ok(strstr(pp.out.data, "\r\n\r\n{\"error\":{\"code\":\"rate_limited\",\"details\":null,"
                           "\"message\":\"Slow down.\"}}") != NULL,
       "error body shape");
    is_int(respond_json(&r, 200, json_object()), -EALREADY, "second response refused");
    ok(!request_finish(&r), "finish after a response adds nothing");

    char *env2[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/health", "HTTP_X_REQUEST_ID=bad id!",
                    NULL};
    reset_pipe(&pp, NULL);
    is_int(request_init(&r, a, &app, env2, &io), 0, "request without /api prefix");
    is_str(r.path, "/health", "path without prefix kept");
    is_int(strlen(r.id), 32, "insane X-Request-Id replaced by 32 hex chars");
    ok(request_finish(&r), "finish without a response reports the fallback");
    ok(strstr(pp.out.data, "Status: 500 ") != NULL, "fallback is 500");
    ok(strstr(pp.out.data, "\"code\":\"internal\"") != NULL, "fallback code internal");

    char *env3[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/api/x", "CONTENT_TYPE=text/plain",
                    "CONTENT_LENGTH=7", NULL};
    reset_pipe(&pp, good);
    request_init(&r, a, &app, env3, &io);
    is_int(request_json_body(&r, &body), -EMEDIUMTYPE, "415 through the request");
    ok(strstr(pp.out.data, "Status: 415 ") && strstr(pp.out.data, "unsupported_media_type"),
       "415 answered with its code");

    char *env4[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/api/projects/1", NULL};
    reset_pipe(&pp, NULL);
    request_init(&r, a, &app, env4, &io);
    is_int(respond_errno(&r, -ENOTCONN, NULL), 0, "errno response");
    ok(strstr(pp.out.data, "Status: 503 ") && strstr(pp.out.data, "\"db_unavailable\""),
       "-ENOTCONN is 503 db_unavailable");

    reset_pipe(&pp, NULL);
    char *env5[] = {"REQUEST_METHOD=HEAD", "REQUEST_URI=/api/health", NULL};
    request_init(&r, a, &app, env5, &io);
    respond_json(&r, 200, json_pack("{s:s}", "status", "ok"));
    ok(strstr(pp.out.data, "Content-Length: 15\r\n") != NULL, "HEAD keeps the length");
    ok(strstr(pp.out.data, "\r\n\r\n")[4] == '\0', "HEAD sends no body");

    reset_pipe(&pp, NULL);
    request_init(&r, a, &app, env4, &io);
    is_int(respond_sse_begin(&r), 0, "sse begin");
    json_t *ev = json_pack("{s:s}", "stage", "planning");
    is_int(respond_sse_event(&r, "progress", ev), 0, "sse event");
    is_int(respond_sse_event(&r, "bad\nname", ev), -EINVAL, "event name with newline refused");
    json_decref(ev);
    ok(strstr(pp.out.data, "Content-Type: text/event-stream\r\n") != NULL, "sse content type");
    ok(strstr(pp.out.data, "event: progress\ndata: {\"stage\":\"planning\"}\n\n") != NULL,
       "sse event framing");

    reset_pipe(&pp, NULL);
    request_init(&r, a, &app, env4, &io);
    const char *hdrs[] = {"Content-Disposition", "attachment; filename=\"p.zip\"", NULL};
    is_int(respond_bytes(&r, 200, "application/zip", "PK\3\4", 4, hdrs), 0, "bytes");
    ok(strstr(pp.out.data, "Content-Disposition: attachment; filename=\"p.zip\"\r\n") != NULL,
       "extra header on bytes");

    char *env6[] = {"REQUEST_URI=/api/x", NULL};
    is_int(request_init(&r, a, &app, env6, &io), -EINVAL, "no method is refused");

    /* 204: no content, so neither Content-Length nor Content-Type (RFC 9110) */
    reset_pipe(&pp, NULL);
    request_init(&r, a, &app, env4, &io);
    is_int(respond_bytes(&r, 204, NULL, NULL, 0, NULL), 0, "204");
    ok(strstr(pp.out.data, "Status: 204 No Content\r\n") != NULL, "204 status line");
    ok(strstr(pp.out.data, "Content-Length") == NULL, "204 without Content-Length");
    ok(strstr(pp.out.data, "Content-Type") == NULL, "204 without Content-Type");
    reset_pipe(&pp, NULL);
    request_init(&r, a, &app, env4, &io);
    is_int(respond_bytes(&r, 204, "text/plain", "x", 1, NULL), -EINVAL, "a 204 with a body");

    /* A malformed query is refused whole, naming the parameter, never read as absent. */
    char *env7[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/api/projects/1/download",
                    "QUERY_STRING=a=1&version=%zz", NULL};
    is_int(request_init(&r, a, &app, env7, &io), -EBADMSG, "bad escape in the query");
    is_str(r.query_problem_path, "$.query.version", "names the parameter");
    ok(r.query_problem && strstr(r.query_problem, "percent-encoding"), "says why");
    struct buf many_q;
    buf_init(&many_q, 8192);
    buf_puts(&many_q, "QUERY_STRING=");
    for (int i = 0; i < 70; i++)
        buf_printf(&many_q, "p%d=1&", i);
    buf_puts(&many_q, "version=abc");
    char *env8[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/api/projects/1/download", many_q.data,
                    NULL};
    is_int(request_init(&r, a, &app, env8, &io), -EBADMSG, "too many query parameters");
    is_str(r.query_problem_path, "$.query.p64", "names the first one too many");
    buf_clear(&many_q);
    char *env9[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/api/x", "QUERY_STRING=version=3&v=a+b",
                    NULL};
    is_int(request_init(&r, a, &app, env9, &io), 0, "a good query");
    is_str(request_query(&r, "version"), "3", "its value");
    is_str(request_query(&r, "v"), "a b", "decoded");
    ok(request_query(&r, "absent") == NULL, "absent is NULL");

    reset_pipe(&pp, NULL);
    arena_free(a);
    return tap_done();
}
