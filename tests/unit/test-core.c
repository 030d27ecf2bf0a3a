/* Core library: arena, buf, jsonx, problems, config, id_cache. */
#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/id_cache.h"
#include "core/jsonx.h"
#include "core/problems.h"
#include "tap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cleanups_run;
static void count_cleanup(void *p)
{
    (void)p;
    cleanups_run++;
}

static void test_arena(void)
{
    struct arena *a = arena_new(64 * 1024);
    ok(a != NULL, "arena_new");
    char *s = arena_printf(a, "%s-%d", "req", 42);
    is_str(s, "req-42", "arena_printf");
    ok(arena_alloc(a, 100 * 1024) == NULL, "allocation over the arena limit fails");
    ok(arena_alloc(a, 20 * 1024) != NULL, "large block under the limit succeeds");
    arena_defer(a, count_cleanup, NULL);
    arena_defer(a, count_cleanup, NULL);
    arena_reset(a);
    is_int(cleanups_run, 2, "cleanups run on reset");
    is_int(arena_used(a), 0, "reset empties the arena");
    arena_defer(a, count_cleanup, NULL);
    ok(arena_free(a) == NULL, "arena_free returns NULL");
    is_int(cleanups_run, 3, "cleanups run on free");
    ok(arena_free(NULL) == NULL, "arena_free accepts NULL");
}

static void test_buf(void)
{
    struct buf b;
    buf_init(&b, 10);
    is_int(buf_puts(&b, "hello"), 0, "append under max");
    is_int(buf_puts(&b, "world!"), -E2BIG, "append past max refused");
    is_str(b.data, "hello", "refused append leaves contents");
    is_int(buf_printf(&b, "%d", 12345), 0, "printf up to max");
    size_t len;
    char *d = buf_steal(&b, &len);
    is_str(d, "hello12345", "steal gives the data");
    is_int(len, 10, "steal gives the length");
    free(d);
    ok(b.data == NULL && b.len == 0, "steal empties the buffer");
}

static void test_jsonx(void)
{
    json_t *v;
    char err[128];
    is_int(jsonx_parse("{\"a\":1}", 7, 100, 8, &v, err, sizeof(err)), 0, "parses object");
    json_decref(v);
    is_int(jsonx_parse("{\"a\":1}", 7, 5, 8, &v, err, sizeof(err)), -E2BIG, "size cap");
    static char deep[20001];
    for (int i = 0; i < 10000; i++) {
        deep[i] = '[';
        deep[10000 + i] = ']';
    }
    is_int(jsonx_parse(deep, 20000, 100000, 64, &v, err, sizeof(err)), -ELOOP, "depth cap");
    is_int(jsonx_parse("{\"a\":\"[[[[\"}", 12, 100, 1, &v, err, sizeof(err)), 0,
           "brackets in strings do not count");
    json_decref(v);
    is_int(jsonx_parse("{\"a\":", 5, 100, 8, &v, err, sizeof(err)), -EINVAL, "truncated");
    is_int(jsonx_parse("\"\xff\"", 3, 100, 8, &v, err, sizeof(err)), -EINVAL, "bad UTF-8");
    is_int(jsonx_parse("{\"a\":1,\"a\":2}", 13, 100, 8, &v, err, sizeof(err)), -EINVAL,
           "duplicate keys refused");
}

static void test_problems(void)
{
    struct problems p;
    problems_init(&p, 2);
    problems_add(&p, "$.a", "is %s", "wrong");
    problems_add(&p, NULL, "whole");
    problems_add(&p, "$.c", "dropped");
    is_int(p.n, 2, "capped at max");
    is_int(p.dropped, 1, "dropped counted");
    json_t *j = problems_to_json(&p);
    char *s = jsonx_dump(j);
    is_str(s,
           "[{\"message\":\"is wrong\",\"path\":\"$.a\"},{\"message\":\"whole\",\"path\":\"$\"}]",
           "to_json");
    free(s);
    json_decref(j);
    problems_clear(&p);
}

static void test_config(void)
{
    char path[] = "/tmp/bf-config-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("# comment\nworkers = 4\nname = \"quoted value\"\n", f);
    fclose(f);
    struct config *c;
    char err[256];
    is_int(config_load(path, &c, err, sizeof(err)), 0, "config loads");
    is_int(config_get_long(c, "workers", 1, 1, 64), 4, "integer value");
    is_int(config_get_long(c, "workers", 1, 1, 2), 1, "out of range gives fallback");
    is_str(config_get(c, "name", NULL), "quoted value", "quotes stripped");
    setenv("BACKFORGE_WORKERS", "7", 1);
    is_int(config_get_long(c, "workers", 1, 1, 64), 7, "environment overrides file");
    unsetenv("BACKFORGE_WORKERS");
    config_free(c);
    f = fopen(path, "w");
    fputs("no equals sign\n", f);
    fclose(f);
    is_int(config_load(path, &c, err, sizeof(err)), -EINVAL, "syntax error refused");
    ok(strstr(err, ":1:") != NULL, "error names the line: %s", err);
    unlink(path);
}

static void test_id_cache(void)
{
    struct id_cache *c = id_cache_new(5);
    ok(c != NULL, "id_cache_new");
    size_t len = 0;
    ok(id_cache_get(c, 1, &len) == NULL, "empty cache misses");
    is_int(id_cache_put(c, 1, "{\"id\":1}", 8), 0, "put");
    const char *v = id_cache_get(c, 1, &len);
    ok(v && len == 8 && strcmp(v, "{\"id\":1}") == 0, "get returns the bytes, terminated");
    ok(id_cache_get(c, 2, &len) == NULL, "another id misses");
    is_int(id_cache_put(c, 1, "one", 3), 0, "put again replaces");
    v = id_cache_get(c, 1, &len);
    ok(v && len == 3 && strcmp(v, "one") == 0, "with the new bytes");
    is_int((int)id_cache_count(c), 1, "one entry");
    /* Eight slots, a thousand ids: never more than eight entries, and every hit is right. */
    char text[32];
    for (long long id = 1; id <= 1000; id++) {
        snprintf(text, sizeof(text), "user %lld", id);
        id_cache_put(c, id, text, strlen(text));
    }
    ok(id_cache_count(c) <= 8, "bounded by its capacity");
    int wrong = 0, hits = 0;
    for (long long id = 1; id <= 1000; id++) {
        v = id_cache_get(c, id, &len);
        if (!v)
            continue;
        hits++;
        snprintf(text, sizeof(text), "user %lld", id);
        wrong += strcmp(v, text) != 0;
    }
    ok(hits == (int)id_cache_count(c) && wrong == 0, "a hit is always its own id's bytes");
    v = id_cache_get(c, 1000, &len);
    ok(v != NULL, "the last put is there");
    id_cache_forget(c, 999999);
    ok(id_cache_get(c, 1000, &len) != NULL, "forgetting an absent id leaves others");
    id_cache_forget(c, 1000);
    ok(id_cache_get(c, 1000, &len) == NULL, "forget drops it");
    id_cache_clear(c);
    is_int((int)id_cache_count(c), 0, "clear empties");
    ok(id_cache_free(c) == NULL && id_cache_free(NULL) == NULL, "free");
}

int main(void)
{
    test_arena();
    test_buf();
    test_jsonx();
    test_problems();
    test_config();
    test_id_cache();
    return tap_done();
}
