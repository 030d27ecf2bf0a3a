/* The request API every handler codes against: what came in (method, path, headers, body)
 * and how to answer (JSON, errors, bytes, server-sent events). The worker loop (worker.c)
 * fills a struct request per FastCGI request; tests fill one from memory (request_io). */
#pragma once
#include "core/arena.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct config;
struct db;
struct worker_pool;
struct auth_state;
struct projects_state;
struct fix_state;
struct route;
struct form;
struct request;

/* Methods as bits, so a route can accept several (route.methods = REQUEST_GET | ...). */
enum request_method {
    REQUEST_GET = 1u << 0,
    REQUEST_HEAD = 1u << 1,
    REQUEST_POST = 1u << 2,
    REQUEST_PUT = 1u << 3,
    REQUEST_PATCH = 1u << 4,
    REQUEST_DELETE = 1u << 5,
    REQUEST_OPTIONS = 1u << 6,
};

#define REQUEST_MAX_PARAMS       8    /* path parameters per route */
#define REQUEST_MAX_PARAM_LEN    1024 /* bytes of one decoded path parameter ({path...}: 4096) */
#define REQUEST_MAX_TAIL_LEN     4096
#define REQUEST_MAX_HEADERS      32 /* response headers added with respond_header() */
#define REQUEST_DEFAULT_MAX_BODY (1024 * 1024)

/* Per-worker context, built once after fork and shared by every request of the worker.
 * Modules (auth, projects, ...) keep their long-lived state in their slot; they set it up
 * in their app_module init hook (routes.c) and free it in the done hook. */
struct app {
    const struct config *config; /* borrowed, lives as long as the process */
    struct db *db;               /* the worker's PostgreSQL connection (db.h) */
    int worker_index;            /* 0..workers-1 */
    int workers;                 /* the pool's size (0 outside a pool) */
    size_t max_body_bytes;       /* config `max_body_bytes` */
    /* The master's worker table (for request_claim_slow); NULL outside the pool (tests). */
    const struct worker_pool *pool;

    /* Auth module: its state, and the hook the framework calls before a handler of a
     * ROUTE_AUTH route. The hook returns 0 after setting r->user_id and r->user_id_number;
     * otherwise it has already responded (401 with WWW-Authenticate, 503, ...)
     * and returns a negative errno. When NULL, ROUTE_AUTH routes answer 500. */
    struct auth_state *auth;
    int (*authenticate)(struct request *r);

    /* Set by the verifications module: puts each project's latest verification on the
     * project objects of `projects` (an array, or one object), so the projects resource
     * shows it without calling into another resource. NULL: nothing to add. */
    int (*attach_verifications)(struct request *r, json_t *projects);

    /* Module states, each owned by (and only read by) the module that fills it; typed,
     * so a module cannot read another's by mistake. A new module adds its own. */
    struct projects_state *projects;
    struct fix_state *fix;
};

/* Where the bytes go: FastCGI streams in the worker, memory buffers in tests. `read`
 * returns bytes read (0 at end) or a negative errno; `write` returns 0 or a negative
 * errno after writing everything; `flush` pushes buffered output to the client. */
struct request_io {
    long (*read)(void *cookie, char *buf, size_t n);
    int (*write)(void *cookie, const char *data, size_t n);
    int (*flush)(void *cookie);
    void *cookie;
};

struct request_param {
    const char *name;  /* from the route pattern, static */
    const char *value; /* percent-decoded, NUL-free, arena-owned */
};

struct request_header {
    const char *name;
    const char *value;
};

struct request {
    struct arena *arena; /* request memory; reset after the response is finished */
    struct app *app;     /* borrowed worker context */
    const char *id;      /* request id: 32 hex chars, or nginx's sane X-Request-Id */
    enum request_method method;
    const char *method_name;   /* "GET", ... as received */
    const char *path;          /* path after the /api prefix, raw (not decoded), "/..." */
    const char *query;         /* raw query string, "" when none */
    const char *remote_addr;   /* REMOTE_ADDR, "" when unknown */
    const struct route *route; /* matched route, NULL before routing */
    struct request_param params[REQUEST_MAX_PARAMS];
    size_t n_params;

    /* Set by app->authenticate for ROUTE_AUTH routes: the user's id as text (arena- or
     * auth-owned, valid for this request; what SQL parameters take), and as a number. */
    const char *user_id;
    long long user_id_number;

    /* --- framework state: read with the functions below, do not write --- */
    char **envp; /* FastCGI parameters, NAME=value, NULL-terminated, borrowed */
    struct request_io io;
    int status; /* 0 until a response started; then its status */
    bool headers_sent;
    bool sse;              /* respond_sse_begin() was called */
    size_t body_bytes_out; /* response body bytes, for the access log */
    struct request_header headers[REQUEST_MAX_HEADERS];
    size_t n_headers;
    json_t *json_body; /* cached request_json_body() result, owned */
    struct form *form_body;
    struct form *query_form;        /* the parsed query (request_query) */
    const char *query_problem_path; /* after -EBADMSG from request_init: "$.query.<name>" */
    const char *query_problem;      /* and what is wrong with it (static) */
};

/* Sets up a request from FastCGI-style parameters (tests call this with their own envp
 * and io; the worker does the same with FCGX's). Derives method, path (strips "/api"),
 * query, remote address and the request id. Returns 0, -ENOMEM, -EINVAL for a request
 * without REQUEST_METHOD/path, or -EBADMSG for a query string that does not decode (a bad
 * escape, a NUL, more than FORM_MAX_FIELDS parameters or a name over
 * FORM_MAX_KEY bytes): then query_problem_path ("$.query.version") and
 * query_problem say which and why. The caller answers 400 either way. */
int request_init(struct request *r, struct arena *a, struct app *app, char **envp,
                 const struct request_io *io);

/* --- reading the request --- */

/* A request header by its HTTP name, case-insensitive ("Authorization", "X-Request-Id",
 * "Content-Type"); NULL when absent. Borrowed, valid for the request. */
const char *request_header(const struct request *r, const char *name);
/* A raw FastCGI parameter ("REMOTE_ADDR", "HTTPS"); NULL when absent. Borrowed. */
const char *request_env(const struct request *r, const char *name);
/* A path parameter by the name in the route pattern ("id", "path"); NULL when absent. */
const char *request_param(const struct request *r, const char *name);
/* A positive decimal id of at most 18 digits (path ids, ?version=): 0 with *out set, or
 * -ENOENT for anything else (NULL included), which names no row and is answered 404. */
int request_parse_id(const char *s, long long *out);
/* The first query-string value for key, percent-decoded ('+' is a space), arena-owned;
 * NULL when absent. The query was checked whole by request_init: a request whose query
 * does not decode never reaches a handler (400 bad_query naming the parameter). */
const char *request_query(const struct request *r, const char *key);

/* The body as JSON. Checks, in order: Content-Type is application/json (parameters such
 * as charset=utf-8 are fine) else 415 `unsupported_media_type`; CONTENT_LENGTH and the
 * bytes actually read stay within app->max_body_bytes else 413 `payload_too_large`;
 * malformed JSON, NUL, bad UTF-8 or nesting deeper than 64 → 400 `malformed_json`.
 * On success returns 0 and *out is BORROWED: the request owns it (decref'd when the
 * request ends; json_incref() it to keep or hand it to respond_json). On failure the
 * error response has been sent and a negative errno is returned: just `return rc;`.
 * Calling it twice returns the same value. */
int request_json_body(struct request *r, json_t **out);

/* The body as application/x-www-form-urlencoded (415/413/400 as above; at most 64
 * fields; keys and values percent-decoded, '+' is a space, NUL refused). *out is owned
 * by the request. On failure the error response has been sent. */
int request_form_body(struct request *r, struct form **out);

/* --- what the framework offers handlers besides reading and answering --- */

/* Writes one audit_log row for this request (platform/audit.h): r->user_id as the actor
 * (NULL when not signed in), the client address and the request id. action is a dotted
 * verb ("project.delete"), target what it acted on ("project:7") or NULL, details an
 * object or NULL (borrowed; never put secrets in it). Call it inside the mutation's
 * transaction (on r->app->db) so both land or neither does. 0 or a db.h errno. */
int request_audit(struct request *r, const char *action, const char *target,
                  const json_t *details);
/* Slow work (a language-model call): takes one of `limit` places shared by the worker
 * pool, so quick requests always find a free worker. false when all are taken; true
 * (and nothing to release) outside a pool. Release with request_release_slow. */
bool request_claim_slow(struct request *r, int limit);
void request_release_slow(struct request *r);

/* --- answering --- every respond_* returns 0 or a negative errno (client gone: -EPIPE;
 * a second response: -EALREADY). A handler answers exactly once (SSE: begin once, then
 * any number of events). */

/* True once a response has started (handlers that delegate can check). */
bool request_responded(const struct request *r);

/* For the framework and tests: finish a request, answering 500 `internal` if nothing was
 * sent (and then returning true so the caller logs it). Buffered output is left for the
 * transport to send when it ends the request. */
bool request_finish(struct request *r);

/* Parses a method name into its bit; 0 for unknown methods. */
enum request_method request_method_from_name(const char *name);
