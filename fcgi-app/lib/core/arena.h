/* Request- and job-lifetime memory: one arena per request, freed in one go after the
 * response is sent. Non-memory resources register a cleanup that runs at reset/free. */
#pragma once
#include <stdarg.h>
#include <stddef.h>

struct arena;

/* New arena that refuses to grow past max_bytes (0 = no limit). Free with arena_free(). */
struct arena *arena_new(size_t max_bytes);
/* Runs cleanups (last registered first) and frees everything. Accepts NULL; returns NULL. */
struct arena *arena_free(struct arena *a);
/* Runs cleanups and releases all blocks but the first, ready for the next request. */
void arena_reset(struct arena *a);

/* Zeroed memory owned by the arena; NULL when out of memory or over the arena's limit. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies owned by the arena (NULL in → NULL out). */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void *arena_memdup(struct arena *a, const void *p, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/* Registers fn(p) to run at reset/free. Returns 0 or -ENOMEM (then fn(p) has already run,
 * so callers never leak on the error path). */
int arena_defer(struct arena *a, void (*fn)(void *), void *p);
/* Bytes handed out since the last reset (for limits and tests). */
size_t arena_used(const struct arena *a);
