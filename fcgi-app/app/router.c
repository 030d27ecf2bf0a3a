/* Route matching (router.h): splits the raw path into segments, finds every pattern that
 * fits, prefers literal segments over parameters, and tells 404 from 405. */
#include "router.h"

#include "body.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define ROUTER_MAX_SEGMENTS 64

struct seg {
    const char *s;
    size_t n;
};

/* Splits "/a/b/c" into segments; a trailing slash yields a final empty segment so that
 * "/health/" does not match "/health". Returns the count or -1 when over the maximum. */
static int split(const char *path, struct seg *out, int max)
{
    int n = 0;
    if (path[0] != '/')
        return -1;
    if (path[1] == '\0')
        return 0;
    const char *p = path + 1;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (n == max)
            return -1;
        out[n].s = p;
        out[n].n = len;
        n++;
        if (!slash)
            break;
        p = slash + 1;
    }
    return n;
}

enum seg_kind { SEG_LITERAL, SEG_PARAM, SEG_TAIL };

static enum seg_kind seg_kind(const struct seg *s)
{
    if (s->n >= 2 && s->s[0] == '{' && s->s[s->n - 1] == '}')
        return s->n > 5 && memcmp(s->s + s->n - 4, "...}", 4) == 0 ? SEG_TAIL : SEG_PARAM;
    return SEG_LITERAL;
}

/* Does the pattern fit the path? Fills spec[i] with the kind of each pattern segment
 * (for ranking) and returns the pattern's segment count, or -1 when it does not fit. */
static int fit(const char *pattern, const struct seg *ps, int np, char *spec)
{
    struct seg pat[ROUTER_MAX_SEGMENTS];
    int n = split(pattern, pat, ROUTER_MAX_SEGMENTS);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        enum seg_kind k = seg_kind(&pat[i]);
        if (k == SEG_TAIL) {
            if (i >= np)
                return -1;
            for (int j = i; j < np; j++)
                if (ps[j].n == 0 && j + 1 < np)
                    return -1; /* no empty segments inside the tail */
            if (ps[np - 1].n == 0)
                return -1;
            spec[i] = 'a';
            return n;
        }
        if (i >= np)
            return -1;
        if (k == SEG_PARAM) {
            if (ps[i].n == 0)
                return -1;
            spec[i] = 'b';
        } else {
            if (ps[i].n != pat[i].n || memcmp(ps[i].s, pat[i].s, pat[i].n) != 0)
                return -1;
            spec[i] = 'c';
        }
    }
    return n == np ? n : -1;
}

/* Ranking: compare kinds segment by segment, literal > param > tail. */
static bool better(const char *a, int na, const char *b, int nb)
{
    for (int i = 0; i < na && i < nb; i++)
        if (a[i] != b[i])
            return a[i] > b[i];
    return na > nb;
}

static int bind_params(const struct route *rt, const struct seg *ps, int np, struct request *r)
{
    struct seg pat[ROUTER_MAX_SEGMENTS];
    int n = split(rt->pattern, pat, ROUTER_MAX_SEGMENTS);
    r->n_params = 0;
    for (int i = 0; i < n; i++) {
        enum seg_kind k = seg_kind(&pat[i]);
        if (k == SEG_LITERAL)
            continue;
        if (r->n_params == REQUEST_MAX_PARAMS)
            return -E2BIG;
        size_t name_len = pat[i].n - 2 - (k == SEG_TAIL ? 3 : 0);
        char *name = arena_strndup(r->arena, pat[i].s + 1, name_len);
        if (!name)
            return -ENOMEM;
        char *value;
        if (k == SEG_PARAM) {
            if (ps[i].n > REQUEST_MAX_PARAM_LEN * 3)
                return -E2BIG;
            int rc = body_percent_decode(r->arena, ps[i].s, ps[i].n, false, &value);
            if (rc < 0)
                return rc;
            if (strlen(value) > REQUEST_MAX_PARAM_LEN || strchr(value, '/'))
                return -EINVAL;
        } else {
            /* The rest of the raw path, decoded as a whole: segments joined by '/'. */
            const char *start = ps[i].s;
            size_t raw = (size_t)(ps[np - 1].s + ps[np - 1].n - start);
            if (raw > REQUEST_MAX_TAIL_LEN * 3)
                return -E2BIG;
            int rc = body_percent_decode(r->arena, start, raw, false, &value);
            if (rc < 0)
                return rc;
            if (strlen(value) > REQUEST_MAX_TAIL_LEN)
                return -E2BIG;
        }
        r->params[r->n_params].name = name;
        r->params[r->n_params].value = value;
        r->n_params++;
    }
    return 0;
}

static unsigned accepts(const struct route *rt)
{
    /* GET routes answer HEAD too (the body is dropped by the framework). */
    return rt->methods & REQUEST_GET ? rt->methods | REQUEST_HEAD : rt->methods;
}

enum router_result router_match(const struct route *table, size_t n, struct request *r,
                                const struct route **out, unsigned *allow)
{
    struct seg ps[ROUTER_MAX_SEGMENTS];
    int np = split(r->path, ps, ROUTER_MAX_SEGMENTS);
    *out = NULL;
    if (allow)
        *allow = 0;
    if (np < 0)
        return ROUTER_NOT_FOUND;

    const struct route *best = NULL;
    char best_spec[ROUTER_MAX_SEGMENTS];
    int best_n = 0;
    unsigned allowed = 0;
    for (size_t i = 0; i < n; i++) {
        char spec[ROUTER_MAX_SEGMENTS];
        int k = fit(table[i].pattern, ps, np, spec);
        if (k < 0)
            continue;
        allowed |= accepts(&table[i]);
        if (!(accepts(&table[i]) & r->method))
            continue;
        if (!best || better(spec, k, best_spec, best_n)) {
            best = &table[i];
            memcpy(best_spec, spec, (size_t)k);
            best_n = k;
        }
    }
    if (!best) {
        if (allow)
            *allow = allowed;
        return allowed ? ROUTER_BAD_METHOD : ROUTER_NOT_FOUND;
    }
    int rc = bind_params(best, ps, np, r);
    if (rc < 0) {
        r->n_params = 0;
        return rc == -ENOMEM ? ROUTER_NO_MEMORY : ROUTER_BAD_PARAM;
    }
    r->route = best;
    *out = best;
    return ROUTER_MATCH;
}

void router_allow_string(unsigned m, char *buf, size_t size)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {
        {REQUEST_GET, "GET"},         {REQUEST_HEAD, "HEAD"},   {REQUEST_POST, "POST"},
        {REQUEST_PUT, "PUT"},         {REQUEST_PATCH, "PATCH"}, {REQUEST_DELETE, "DELETE"},
        {REQUEST_OPTIONS, "OPTIONS"},
    };
    size_t used = 0;
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!(m & names[i].bit))
            continue;
        int w = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", names[i].name);
        if (w < 0 || (size_t)w >= size - used)
            return;
        used += (size_t)w;
    }
}

int router_validate(const struct route *table, size_t n, size_t *bad_index)
{
    for (size_t i = 0; i < n; i++) {
        struct seg pat[ROUTER_MAX_SEGMENTS];
        int np = table[i].pattern ? split(table[i].pattern, pat, ROUTER_MAX_SEGMENTS) : -1;
        int params = 0;
        bool ok = np >= 0 && table[i].handler && table[i].methods;
        for (int j = 0; ok && j < np; j++) {
            enum seg_kind k = seg_kind(&pat[j]);
            if (pat[j].n == 0)
                ok = false;
            else if (k == SEG_LITERAL)
                ok = !memchr(pat[j].s, '{', pat[j].n) && !memchr(pat[j].s, '}', pat[j].n);
            else if (k == SEG_TAIL && j != np - 1)
                ok = false;
            else if (++params > REQUEST_MAX_PARAMS)
                ok = false;
            else if (k == SEG_PARAM && pat[j].n < 3)
                ok = false;
        }
        if (!ok) {
            if (bad_index)
                *bad_index = i;
            return -EINVAL;
        }
    }
    return 0;
}
