/* Direct-mapped id → bytes cache (id_cache.h). */
#include "core/id_cache.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ID_CACHE_MAX_SLOTS ((size_t)1 << 20)

struct slot {
    long long id;
    char *bytes_owned; /* NULL: empty */
    size_t len;
};

struct id_cache {
    struct slot *slots;
    size_t mask;
    size_t count;
};

struct id_cache *id_cache_new(size_t capacity)
{
    size_t n = 1;
    while (n < capacity && n < ID_CACHE_MAX_SLOTS)
        n <<= 1;
    struct id_cache *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->slots = calloc(n, sizeof(*c->slots));
    if (!c->slots) {
        free(c);
        return NULL;
    }
    c->mask = n - 1;
    return c;
}

static void empty(struct id_cache *c, struct slot *s)
{
    if (!s->bytes_owned)
        return;
    free(s->bytes_owned);
    s->bytes_owned = NULL;
    s->len = 0;
    c->count--;
}

void id_cache_clear(struct id_cache *c)
{
    for (size_t i = 0; i <= c->mask && c->count > 0; i++)
        empty(c, &c->slots[i]);
}

struct id_cache *id_cache_free(struct id_cache *c)
{
    if (!c)
        return NULL;
    id_cache_clear(c);
    free(c->slots);
    free(c);
    return NULL;
}

/* Ids are sequential, so a multiplicative hash spreads neighbours over the table. */
static struct slot *slot_of(const struct id_cache *c, long long id)
{
    uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ULL;
    return &c->slots[(h >> 32) & c->mask];
}

const char *id_cache_get(const struct id_cache *c, long long id, size_t *len)
{
    const struct slot *s = slot_of(c, id);
    if (!s->bytes_owned || s->id != id)
        return NULL;
    *len = s->len;
    return s->bytes_owned;
}

int id_cache_put(struct id_cache *c, long long id, const char *bytes, size_t len)
{
    struct slot *s = slot_of(c, id);
    empty(c, s);
    char *copy = malloc(len + 1);
    if (!copy)
        return -ENOMEM;
    memcpy(copy, bytes, len);
    copy[len] = '\0';
    *s = (struct slot){.id = id, .bytes_owned = copy, .len = len};
    c->count++;
    return 0;
}

void id_cache_forget(struct id_cache *c, long long id)
{
    struct slot *s = slot_of(c, id);
    if (s->bytes_owned && s->id == id)
        empty(c, s);
}

size_t id_cache_count(const struct id_cache *c)
{
    return c->count;
}
