/* Fuzz target for the request body path: the first line of the input is the content type,
 * the rest the body; it goes through the JSON gate and the form gate the workers use,
 * and through the router's parameter decoding. */
#include "body.h"
#include "form.h"
#include "router.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem {
    const uint8_t *p;
    size_t n, pos;
};

static long mem_read(void *cookie, char *buf, size_t n)
{
    struct mem *m = cookie;
    size_t left = m->n - m->pos;
    if (n > left)
        n = left;
    /* Short reads, like a socket. */
    if (n > 13)
        n = 13;
    memcpy(buf, m->p + m->pos, n);
    m->pos += n;
    return (long)n;
}

static int h(struct request *r)
{
    (void)r;
    return 0;
}

static const struct route table[] = {
    {REQUEST_GET, "/projects/{id}", h, 0},
    {REQUEST_GET, "/projects/{id}/files/{path...}", h, 0},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct arena *a;
    if (!a)
        a = arena_new(64 * 1024 * 1024);
    const uint8_t *nl = memchr(data, '\n', size);
    size_t ct_len = nl ? (size_t)(nl - data) : size;
    char ct[256];
    snprintf(ct, sizeof(ct), "%.*s", (int)(ct_len < 255 ? ct_len : 255), (const char *)data);
    const uint8_t *body = nl ? nl + 1 : data + size;
    size_t body_len = size - (size_t)(body - data);
    char cl[32];
    snprintf(cl, sizeof(cl), "%zu", body_len);

    struct body_error err;
    json_t *v = NULL;
    struct mem m = {body, body_len, 0};
    int rc = body_json(ct, size % 2 ? cl : NULL, 4096, mem_read, &m, a, &v, &err);
    if (rc == 0)
        json_decref(v);
    else if (!err.code || err.status < 400 || err.status > 599)
        __builtin_trap(); /* every refusal must say how to answer */

    struct form *f;
    m.pos = 0;
    if (body_form(ct, cl, 4096, mem_read, &m, a, &f, &err) == 0)
        (void)form_get(f, "username");

    /* The body as a path under /projects/ through the router's decoding. */
    char *path = arena_alloc(a, body_len + 16);
    if (path) {
        memcpy(path, "/projects/", 10);
        memcpy(path + 10, body, body_len);
        path[10 + body_len] = '\0';
        struct request r = {0};
        r.arena = a;
        r.method = REQUEST_GET;
        r.path = path;
        const struct route *rt;
        unsigned allow;
        if (strlen(path) == 10 + body_len &&
            router_match(table, 2, &r, &rt, &allow) == ROUTER_MATCH)
            for (size_t i = 0; i < r.n_params; i++)
                if (strlen(r.params[i].value) > REQUEST_MAX_TAIL_LEN)
                    __builtin_trap();
    }
    arena_reset(a);
    return 0;
}
