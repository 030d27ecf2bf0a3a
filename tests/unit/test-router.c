/* Router: literal and parameter matching, percent-decoded params and their limits, the
 * {path...} catch-all, literal-over-parameter ranking, 404 versus 405 with Allow. */
#include "router.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int h_health(struct request *r)
{
    (void)r;
    return 1;
}
static int h_project(struct request *r)
{
    (void)r;
    return 2;
}
static int h_project_new(struct request *r)
{
    (void)r;
    return 3;
}
static int h_file(struct request *r)
{
    (void)r;
    return 4;
}
static int h_download(struct request *r)
{
    (void)r;
    return 5;
}
static int h_delete(struct request *r)
{
    (void)r;
    return 6;
}

static const struct route table[] = {
    {REQUEST_GET, "/health", h_health, 0},
    {REQUEST_GET, "/projects/{id}", h_project, ROUTE_AUTH},
    {REQUEST_DELETE, "/projects/{id}", h_delete, ROUTE_AUTH},
    {REQUEST_GET, "/projects/new", h_project_new, 0},
    {REQUEST_GET, "/projects/{id}/files/{path...}", h_file, ROUTE_AUTH},
    {REQUEST_GET, "/projects/{id}/download", h_download, ROUTE_AUTH},
};
#define N (sizeof(table) / sizeof(table[0]))

static enum router_result try(struct arena *a, const char *method, const char *path,
                              const struct route **rt, unsigned *allow, struct request *r)
{
    memset(r, 0, sizeof(*r));
    r->arena = a;
    r->method = request_method_from_name(method);
    r->path = path;
    return router_match(table, N, r, rt, allow);
}

int main(void)
{
    struct arena *a = arena_new(0);
    struct request r;
    const struct route *rt;
    unsigned allow;

    is_int(router_validate(table, N, NULL), 0, "the test table is valid");

    is_int(try(a, "GET", "/health", &rt, &allow, &r), ROUTER_MATCH, "GET /health matches");
    ok(rt && rt->handler == h_health, "to the health handler");
    is_int(try(a, "HEAD", "/health", &rt, &allow, &r), ROUTER_MATCH, "HEAD implied by GET");
    is_int(try(a, "GET", "/health/", &rt, &allow, &r), ROUTER_NOT_FOUND,
           "trailing slash is another path");
    is_int(try(a, "GET", "/nope", &rt, &allow, &r), ROUTER_NOT_FOUND, "unknown path is 404");
    is_int(try(a, "GET", "/", &rt, &allow, &r), ROUTER_NOT_FOUND, "root is 404");

    is_int(try(a, "POST", "/health", &rt, &allow, &r), ROUTER_BAD_METHOD,
           "known path, wrong method is 405");
    is_int(allow, REQUEST_GET | REQUEST_HEAD, "Allow is GET, HEAD");
    char s[64];
    router_allow_string(allow, s, sizeof(s));
    is_str(s, "GET, HEAD", "Allow header text");

    is_int(try(a, "PUT", "/projects/42", &rt, &allow, &r), ROUTER_BAD_METHOD,
           "PUT on a project is 405");
    router_allow_string(allow, s, sizeof(s));
    is_str(s, "GET, HEAD, DELETE", "Allow unions the rows for the path");

    is_int(try(a, "GET", "/projects/42", &rt, &allow, &r), ROUTER_MATCH, "param route");
    ok(rt && rt->handler == h_project && (rt->flags & ROUTE_AUTH), "project handler, auth");
    is_str(request_param(&r, "id"), "42", "id param");
    is_int(try(a, "DELETE", "/projects/42", &rt, &allow, &r), ROUTER_MATCH, "DELETE row");
    ok(rt && rt->handler == h_delete, "delete handler by method");

    is_int(try(a, "GET", "/projects/new", &rt, &allow, &r), ROUTER_MATCH, "literal route");
    ok(rt && rt->handler == h_project_new, "literal beats parameter, whatever the order");

    is_int(try(a, "GET", "/projects/a%20b%C3%A9", &rt, &allow, &r), ROUTER_MATCH, "encoded");
    is_str(request_param(&r, "id"), "a b\xc3\xa9", "param is percent-decoded");
    is_int(try(a, "GET", "/projects/a+b", &rt, &allow, &r), ROUTER_MATCH, "plus");
    is_str(request_param(&r, "id"), "a+b", "'+' is not a space in paths");
    is_int(try(a, "GET", "/projects/%00", &rt, &allow, &r), ROUTER_BAD_PARAM, "NUL refused");
    is_int(try(a, "GET", "/projects/%zz", &rt, &allow, &r), ROUTER_BAD_PARAM, "bad escape");
    is_int(try(a, "GET", "/projects/%2", &rt, &allow, &r), ROUTER_BAD_PARAM, "short escape");
    is_int(try(a, "GET", "/projects/a%2Fb", &rt, &allow, &r), ROUTER_BAD_PARAM,
           "encoded slash refused in a single-segment param");
    is_int(try(a, "GET", "/projects//download", &rt, &allow, &r), ROUTER_NOT_FOUND,
           "empty param segment does not match");

    char *big = malloc(REQUEST_MAX_PARAM_LEN + 20);
    strcpy(big, "/projects/");
    memset(big + 10, 'x', REQUEST_MAX_PARAM_LEN + 1);
    big[10 + REQUEST_MAX_PARAM_LEN + 1] = '\0';
    is_int(try(a, "GET", big, &rt, &allow, &r), ROUTER_BAD_PARAM, "over-long param refused");
    big[10 + REQUEST_MAX_PARAM_LEN] = '\0';
    is_int(try(a, "GET", big, &rt, &allow, &r), ROUTER_MATCH, "param at the limit accepted");
    free(big);

    is_int(try(a, "GET", "/projects/7/download", &rt, &allow, &r), ROUTER_MATCH, "download");
    ok(rt && rt->handler == h_download, "download handler");
    is_int(try(a, "POST", "/projects/7/download", &rt, &allow, &r), ROUTER_BAD_METHOD,
           "POST download is 405");

    is_int(try(a, "GET", "/projects/7/files/app/main.py", &rt, &allow, &r), ROUTER_MATCH,
           "catch-all");
    ok(rt && rt->handler == h_file, "files handler");
    is_str(request_param(&r, "id"), "7", "id before the catch-all");
    is_str(request_param(&r, "path"), "app/main.py", "catch-all keeps slashes");
    is_int(try(a, "GET", "/projects/7/files/a%20b/c%2Fd", &rt, &allow, &r), ROUTER_MATCH,
           "catch-all decoded");
    is_str(request_param(&r, "path"), "a b/c/d", "catch-all percent-decoded");
    is_int(try(a, "GET", "/projects/7/files", &rt, &allow, &r), ROUTER_NOT_FOUND,
           "catch-all needs at least one segment");
    is_int(try(a, "GET", "/projects/7/files/", &rt, &allow, &r), ROUTER_NOT_FOUND,
           "empty catch-all does not match");
    is_int(try(a, "GET", "/projects/7/files/a//b", &rt, &allow, &r), ROUTER_NOT_FOUND,
           "empty segment inside the catch-all does not match");

    static const struct route bad1[] = {{REQUEST_GET, "/a/{rest...}/b", h_file, 0}};
    static const struct route bad2[] = {{REQUEST_GET, "no-slash", h_file, 0}};
    static const struct route bad3[] = {{REQUEST_GET, "/a/{}", h_file, 0}};
    static const struct route bad4[] = {{REQUEST_GET, "/a/b{c}", h_file, 0}};
    size_t bad = 99;
    is_int(router_validate(bad1, 1, &bad), -EINVAL, "catch-all must be last");
    is_int(bad, 0, "bad index reported");
    is_int(router_validate(bad2, 1, NULL), -EINVAL, "pattern must start with /");
    is_int(router_validate(bad3, 1, NULL), -EINVAL, "param needs a name");
    is_int(router_validate(bad4, 1, NULL), -EINVAL, "braces only as a whole segment");

    arena_free(a);
    /* An arena that cannot hold the decoded parameter: a server-side failure (500), not
     * a bad parameter (400). */
    struct arena *tiny = arena_new(1024);
    while (arena_alloc(tiny, 64))
        ;
    is_int(try(tiny, "GET", "/projects/42", &rt, &allow, &r), ROUTER_NO_MEMORY,
           "out of arena memory while binding: ROUTER_NO_MEMORY");
    arena_free(tiny);
    return tap_done();
}
