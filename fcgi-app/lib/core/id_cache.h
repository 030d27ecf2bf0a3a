/* A bounded per-process map from a row id to bytes (the row as the API shows it), for
 * caches kept honest by change notifications (db_listen). Direct-mapped: an id takes the
 * slot its hash picks and replaces what was there, so memory is bounded by the capacity
 * and a lookup is one comparison. Not thread-safe; one per worker. */
#pragma once
#include <stddef.h>

struct id_cache;

/* A cache of `capacity` slots (rounded up to a power of two, at most 1 << 20); NULL when
 * out of memory. Free with id_cache_free. */
struct id_cache *id_cache_new(size_t capacity);
/* Frees everything. Accepts NULL, returns NULL. */
struct id_cache *id_cache_free(struct id_cache *c);

/* The bytes cached for id (NUL-terminated, length in *len), or NULL. Borrowed: valid until
 * the next put, forget or clear. */
const char *id_cache_get(const struct id_cache *c, long long id, size_t *len);
/* Caches a copy of bytes for id, replacing what its slot held. 0 or -ENOMEM (the slot is
 * then empty). */
int id_cache_put(struct id_cache *c, long long id, const char *bytes, size_t len);
/* Drops id if cached. */
void id_cache_forget(struct id_cache *c, long long id);
/* Drops everything. */
void id_cache_clear(struct id_cache *c);
/* How many ids are cached (for tests and logs). */
size_t id_cache_count(const struct id_cache *c);
