/* The route table and its matcher: method bits + a pattern with {param} segments map to a
 * handler; an unknown path is 404, a known path with another method is 405 with Allow. */
#pragma once
#include "request.h"

#include <stddef.h>

/* A handler answers through respond_*() and returns 0. It may instead return a negative
 * errno without responding (e.g. straight from db_query): the framework then answers via
 * respond_errno(). Returning without any response gives 500 `internal` and a log line. */
typedef int (*route_handler)(struct request *r);

enum route_flags {
    ROUTE_AUTH = 1u << 0, /* app->authenticate must accept the request first */
};

/* Patterns are literal segments and {name} segments matching one non-empty segment
 * (percent-decoded, at most REQUEST_MAX_PARAM_LEN bytes, no NUL, no '/'); a final
 * {name...} captures the rest of the path including slashes (non-empty, decoded per
 * segment, at most REQUEST_MAX_TAIL_LEN bytes). Examples: "/health", "/projects/{id}",
 * "/projects/{id}/files/{path...}". A trailing slash in the request is not ignored. */
struct route {
    unsigned methods; /* enum request_method bits */
    const char *pattern;
    route_handler handler;
    unsigned flags; /* enum route_flags */
};

/* The application's table (routes.c) and its length. */
extern const struct route app_routes[];
extern const size_t app_routes_count;

/* Modules with per-worker state (auth keys, clients) register init/done hooks in routes.c.
 * init runs in each worker after fork and after the database handle exists; it returns 0 or
 * a negative errno (the worker then exits and the master logs it). done accepts a partly
 * initialised app. */
struct app_module {
    const char *name;
    int (*init)(struct app *app);
    void (*done)(struct app *app);
};
extern const struct app_module app_modules[];
extern const size_t app_modules_count;

enum router_result {
    ROUTER_MATCH = 0,
    ROUTER_NOT_FOUND = 1,  /* no pattern matches the path: 404 */
    ROUTER_BAD_METHOD = 2, /* a pattern matches but not for this method: 405, see *allow */
    ROUTER_BAD_PARAM = 3,  /* a parameter is too long or not decodable: 400 */
    ROUTER_NO_MEMORY = 4,  /* the arena could not hold the decoded parameters: 500 */
};

/* Finds the route for method + path in table[0..n). On ROUTER_MATCH sets *out and fills
 * r->params / r->n_params (decoded copies in r->arena). On ROUTER_BAD_METHOD *allow is the
 * union of the methods the path accepts (HEAD implied by GET). */
enum router_result router_match(const struct route *table, size_t n, struct request *r,
                                const struct route **out, unsigned *allow);

/* Writes the Allow header value for a method mask ("GET, HEAD, POST") into buf. */
void router_allow_string(unsigned methods, char *buf, size_t size);

/* Checks a table at startup: patterns well formed, params named, a catch-all last, at
 * most REQUEST_MAX_PARAMS params. Returns 0 or -EINVAL with the index in *bad_index. */
int router_validate(const struct route *table, size_t n, size_t *bad_index);
