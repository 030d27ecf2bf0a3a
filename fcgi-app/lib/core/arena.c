/* Bump allocator with a cleanup list, modelled on nginx's pools: allocation is a pointer
 * bump, and a request's whole memory goes away with one reset. */
#include "core/arena.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_SIZE (16 * 1024)
#define ARENA_ALIGN      16

struct arena_block {
    struct arena_block *next;
    size_t size;
    size_t used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena_cleanup {
    struct arena_cleanup *next;
    void (*fn)(void *);
    void *p;
};

struct arena {
    struct arena_block *head; /* current block; the first block is last in the chain */
    struct arena_cleanup *cleanups;
    size_t max_bytes;
    size_t used_bytes;
};

static struct arena_block *block_new(size_t size)
{
    struct arena_block *b = malloc(sizeof(*b) + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

struct arena *arena_new(size_t max_bytes)
{
    struct arena *a = calloc(1, sizeof(*a));
    if (!a)
        return NULL;
    a->head = block_new(ARENA_BLOCK_SIZE);
    if (!a->head) {
        free(a);
        return NULL;
    }
    a->max_bytes = max_bytes;
    return a;
}

static void run_cleanups(struct arena *a)
{
    while (a->cleanups) {
        struct arena_cleanup *c = a->cleanups;
        a->cleanups = c->next;
        c->fn(c->p);
        free(c);
    }
}

void arena_reset(struct arena *a)
{
    if (!a)
        return;
    run_cleanups(a);
    while (a->head->next) {
        struct arena_block *b = a->head;
        a->head = b->next;
        free(b);
    }
    a->head->used = 0;
    a->used_bytes = 0;
}

struct arena *arena_free(struct arena *a)
{
    if (!a)
        return NULL;
    arena_reset(a);
    free(a->head);
    free(a);
    return NULL;
}

void *arena_alloc(struct arena *a, size_t n)
{
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < n)
        return NULL;
    if (a->max_bytes && (need > a->max_bytes || a->used_bytes > a->max_bytes - need))
        return NULL;
    struct arena_block *b = a->head;
    if (b->size - b->used < need) {
        size_t size = need > ARENA_BLOCK_SIZE ? need : ARENA_BLOCK_SIZE;
        b = block_new(size);
        if (!b)
            return NULL;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->used_bytes += need;
    memset(p, 0, n);
    return p;
}

void *arena_memdup(struct arena *a, const void *p, size_t n)
{
    void *q = arena_alloc(a, n ? n : 1);
    if (q && n)
        memcpy(q, p, n);
    return q;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    size_t len = strnlen(s, n);
    char *d = arena_alloc(a, len + 1);
    if (d)
        memcpy(d, s, len);
    return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (len < 0)
        return NULL;
    char *s = arena_alloc(a, (size_t)len + 1);
    if (s)
        vsnprintf(s, (size_t)len + 1, fmt, ap);
    return s;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return s;
}

int arena_defer(struct arena *a, void (*fn)(void *), void *p)
{
    /* Cleanup records are malloc'ed, not arena-allocated, so a full arena can still
     * take ownership of the resource it is handed. */
    struct arena_cleanup *c = malloc(sizeof(*c));
    if (!c) {
        fn(p);
        return -ENOMEM;
    }
    c->fn = fn;
    c->p = p;
    c->next = a->cleanups;
    a->cleanups = c;
    return 0;
}

size_t arena_used(const struct arena *a)
{
    return a->used_bytes;
}
