/* llm_store_pg against a real PostgreSQL (BF_PG_CONNINFO, set up by run-llm-store-pg.sh
 * with sql/001 and sql/003 applied): call rows, cache hits, eviction by age and count,
 * that a failed statement inside a transaction leaves the transaction usable, that it
 * goes through the db handle (its last_error names the failure), and that a store
 * without a handle or without a reachable server is an error, never a silent skip. */
#include "llm/store.h"
#include "../unit/tap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static PGconn *conn;

static char *scalar(const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    char *v = NULL;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        v = strdup(PQgetvalue(res, 0, 0));
    PQclear(res);
    return v ? v : strdup("(error)");
}

static void is_sql(const char *sql, const char *want, const char *what)
{
    char *got = scalar(sql);
    is_str(got, want, "%s", what);
    free(got);
}

static void hash_of(int i, char out[65])
{
    for (int k = 0; k < 64; k++)
        out[k] = "0123456789abcdef"[(i + k) % 16];
    out[64] = '\0';
}

int main(void)
{
    const char *ci = getenv("BF_PG_CONNINFO");
    if (!ci) {
        printf("1..0 # SKIP BF_PG_CONNINFO not set (run through run-llm-store-pg.sh)\n");
        return 0;
    }
    conn = PQconnectdb(ci);
    if (PQstatus(conn) != CONNECTION_OK) {
        printf("Bail out! cannot connect: %s", PQerrorMessage(conn));
        return 1;
    }
    PQclear(PQexec(conn, "INSERT INTO users (email, password_hash) "
                         "VALUES ('llm@example.org', '$argon2id$v=19$test')"));
    char *uid = scalar("SELECT id FROM users WHERE email = 'llm@example.org'");

    struct llm_store st;
    struct llm_store_pg pg;
    is_int(llm_store_pg_init(&st, &pg, NULL, 0), -EINVAL, "no db handle: -EINVAL");
    struct db *db = NULL;
    if (db_new(ci, &db) < 0) {
        printf("Bail out! db_new\n");
        return 1;
    }
    is_int(llm_store_pg_init(&st, &pg, db, 0), 0, "init with a db handle");
    struct llm_call_record rec = {.prompt_tokens = 120,
                                  .completion_tokens = 80,
                                  .latency_ms = 42,
                                  .http_status = 200,
                                  .outcome = "ok",
                                  .cost_usd = 0.00088};
    snprintf(rec.provider, sizeof(rec.provider), "openai");
    snprintf(rec.model, sizeof(rec.model), "gpt-test");
    hash_of(1, rec.request_hash);
    is_int(st.record(st.ctx, &rec), 0, "record without a user");
    is_sql("SELECT count(*) FROM llm_calls WHERE user_id IS NULL", "1", "user_id NULL");
    pg.user_id = atoll(uid);
    rec.cached = true;
    rec.outcome = "cached";
    is_int(st.record(st.ctx, &rec), 0, "record with a user");
    is_sql("SELECT provider || ' ' || model || ' ' || prompt_tokens || ' ' || "
           "completion_tokens || ' ' || latency_ms || ' ' || http_status || ' ' || outcome "
           "|| ' ' || cost_usd || ' ' || cached FROM llm_calls WHERE user_id IS NOT NULL",
           "openai gpt-test 120 80 42 200 cached 0.000880 true", "every column stored");
    free(uid);

    char *reply = NULL;
    char h[65];
    hash_of(2, h);
    is_int(st.cache_get(st.ctx, h, &reply), -ENOENT, "cache miss");
    is_int(st.cache_put(st.ctx, h, "{\"a\": \"\xC3\xA9\"}"), 0, "cache put");
    is_int(st.cache_get(st.ctx, h, &reply), 0, "cache hit");
    is_str(reply, "{\"a\": \"\xC3\xA9\"}", "reply round-trips (UTF-8)");
    free(reply);
    reply = NULL;
    is_int(st.cache_put(st.ctx, h, "second"), 0, "put on an existing hash replaces");
    st.cache_get(st.ctx, h, &reply);
    is_str(reply, "second", "replaced reply");
    free(reply);
    reply = NULL;

    PQclear(PQexec(conn, "UPDATE llm_cache SET created_at = now() - interval '8 days'"));
    is_int(st.cache_get(st.ctx, h, &reply), -ENOENT, "an expired row is not read");
    char h3[65];
    hash_of(3, h3);
    st.cache_put(st.ctx, h3, "fresh");
    is_sql("SELECT count(*) FROM llm_cache", "1", "the next put evicts the expired row");

    pg.max_entries = 3;
    for (int i = 10; i < 15; i++) {
        char hh[65];
        hash_of(i, hh);
        st.cache_put(st.ctx, hh, "r");
    }
    is_sql("SELECT count(*) FROM llm_cache", "3", "bounded to max_entries");
    char newest[65];
    hash_of(14, newest);
    reply = NULL;
    is_int(st.cache_get(st.ctx, newest, &reply), 0, "the newest entry is kept");
    free(reply);

    is_int((int)db_exec(db, "BEGIN", 0, NULL), 0, "the caller opens a transaction");
    rec.outcome = "not-an-outcome";
    is_int(st.record(st.ctx, &rec), -EINVAL, "a row the table refuses: -EINVAL");
    ok(strstr(db_last_error(db), "llm_calls") != NULL, "db_last_error names it: %s",
       db_last_error(db));
    is_int(db_query(db, NULL, "SELECT 1", 0, NULL, NULL), 0,
           "the caller's transaction is still usable");
    is_int((int)db_exec(db, "ROLLBACK", 0, NULL), 0, "and ends normally");

    char bad[] = "not-a-hash";
    is_int(st.cache_put(st.ctx, bad, "x"), -EINVAL, "malformed hash refused by the table");

    PQfinish(conn);
    db_free(db);
    struct db *down = NULL;
    db_new("host=/nonexistent-dir connect_timeout=1", &down);
    llm_store_pg_init(&st, &pg, down, 0);
    is_int(st.cache_get(st.ctx, h3, &reply), -ENOTCONN, "no server: -ENOTCONN");
    is_int(st.record(st.ctx, &rec), -ENOTCONN, "a call record fails loudly too");
    is_int(pg.last_error, -ENOTCONN, "and last_error keeps it for the caller's log");
    db_free(down);
    return tap_done();
}
