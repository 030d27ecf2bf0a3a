/* Allocation-failure injection for the torture programs (tests/torture/run-torture.sh),
 * after curl's torture mode. Linked with -Wl,--wrap=... so every malloc, calloc, realloc,
 * strdup, strndup and asprintf of the program and of our static libraries comes here, and
 * installed as jansson's allocator, so JSON values count too; the arena's allocators
 * (core/arena.h) count as allocations when called from another file. arena_new itself
 * never fails here: every caller has an arena before it runs (the worker refuses to start
 * without one). Allocations made inside other shared libraries (libzip, libpq, ctemplate)
 * are not seen.
 *
 * BF_FAIL_ALLOC=n: the n-th counted allocation fails (returns NULL / -1), the others
 * succeed; 0 or unset: none fails. BF_ALLOC_COUNT=path: at exit, write how many
 * allocations were counted, so the driver knows how many runs cover every one. */
#include "core/arena.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
int __real_vasprintf(char **out, const char *fmt, va_list ap);

struct arena *__real_arena_new(size_t max_bytes);
void *__real_arena_alloc(struct arena *a, size_t n);
char *__real_arena_strdup(struct arena *a, const char *s);
char *__real_arena_strndup(struct arena *a, const char *s, size_t n);
void *__real_arena_memdup(struct arena *a, const void *p, size_t n);
char *__real_arena_vprintf(struct arena *a, const char *fmt, va_list ap);

struct arena *__wrap_arena_new(size_t max_bytes);
void *__wrap_arena_alloc(struct arena *a, size_t n);
char *__wrap_arena_strdup(struct arena *a, const char *s);
char *__wrap_arena_strndup(struct arena *a, const char *s, size_t n);
void *__wrap_arena_memdup(struct arena *a, const void *p, size_t n);
char *__wrap_arena_vprintf(struct arena *a, const char *fmt, va_list ap);
char *__wrap_arena_printf(struct arena *a, const char *fmt, ...);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
int __wrap_vasprintf(char **out, const char *fmt, va_list ap);
int __wrap_asprintf(char **out, const char *fmt, ...);
int __wrap___vasprintf_chk(char **out, int flag, const char *fmt, va_list ap);
int __wrap___asprintf_chk(char **out, int flag, const char *fmt, ...);

static long fail_at;
static long counted;
static int exempt;

static int should_fail(void)
{
    return !exempt && ++counted == fail_at;
}

static void *json_malloc(size_t n)
{
    return __wrap_malloc(n);
}

__attribute__((constructor)) static void failalloc_init(void)
{
    const char *n = getenv("BF_FAIL_ALLOC");
    fail_at = n ? strtol(n, NULL, 10) : 0;
    json_set_alloc_funcs(json_malloc, free);
}

__attribute__((destructor)) static void failalloc_report(void)
{
    const char *path = getenv("BF_ALLOC_COUNT");
    if (!path)
        return;
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%ld\n", counted);
        fclose(f);
    }
}

void *__wrap_malloc(size_t n)
{
    return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return should_fail() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return should_fail() ? NULL : __real_strndup(s, n);
}

int __wrap_vasprintf(char **out, const char *fmt, va_list ap)
{
    return should_fail() ? -1 : __real_vasprintf(out, fmt, ap);
}

int __wrap_asprintf(char **out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = __wrap_vasprintf(out, fmt, ap);
    va_end(ap);
    return rc;
}

/* _FORTIFY_SOURCE turns asprintf and vasprintf into these. */
int __wrap___vasprintf_chk(char **out, int flag, const char *fmt, va_list ap)
{
    (void)flag;
    return __wrap_vasprintf(out, fmt, ap);
}

int __wrap___asprintf_chk(char **out, int flag, const char *fmt, ...)
{
    (void)flag;
    va_list ap;
    va_start(ap, fmt);
    int rc = __wrap_vasprintf(out, fmt, ap);
    va_end(ap);
    return rc;
}

struct arena *__wrap_arena_new(size_t max_bytes)
{
    exempt++;
    struct arena *a = __real_arena_new(max_bytes);
    exempt--;
    return a;
}

void *__wrap_arena_alloc(struct arena *a, size_t n)
{
    return should_fail() ? NULL : __real_arena_alloc(a, n);
}

char *__wrap_arena_strdup(struct arena *a, const char *s)
{
    return s && should_fail() ? NULL : __real_arena_strdup(a, s);
}

char *__wrap_arena_strndup(struct arena *a, const char *s, size_t n)
{
    return s && should_fail() ? NULL : __real_arena_strndup(a, s, n);
}

void *__wrap_arena_memdup(struct arena *a, const void *p, size_t n)
{
    return should_fail() ? NULL : __real_arena_memdup(a, p, n);
}

char *__wrap_arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    return should_fail() ? NULL : __real_arena_vprintf(a, fmt, ap);
}

char *__wrap_arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = __wrap_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return s;
}
