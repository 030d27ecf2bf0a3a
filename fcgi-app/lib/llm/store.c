/* PostgreSQL implementation of struct llm_store: one INSERT per call record, cache
 * lookups by request hash, and eviction by age and count right after each cache write. */
#include "llm/store.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One statement through the db handle. Inside the caller's transaction a failed
 * bookkeeping statement would abort it: ours is fenced in a savepoint so only it is
 * undone. *res_out (when asked) is the caller's to PQclear. */
static int exec(struct llm_store_pg *pg, const char *sql, int n, const char *const *params,
                PGresult **res_out)
{
    bool fenced = db_in_transaction(pg->db);
    if (fenced) {
        long sr = db_exec(pg->db, "SAVEPOINT llm_store", 0, NULL);
        if (sr < 0)
            return pg->last_error = (int)sr;
    }
    PGresult *res = NULL;
    int r = db_query(pg->db, NULL, sql, n, params, res_out ? &res : NULL);
    if (fenced) {
        long er = db_exec(
            pg->db, r < 0 ? "ROLLBACK TO SAVEPOINT llm_store" : "RELEASE SAVEPOINT llm_store", 0,
            NULL);
        if (er < 0 && r == 0) {
            PQclear(res);
            res = NULL;
            r = (int)er;
        }
    }
    if (res_out)
        *res_out = res;
    if (r < 0)
        pg->last_error = r;
    return r;
}

static int pg_cache_get(void *ctx, const char *request_hash, char **reply_out)
{
    struct llm_store_pg *pg = ctx;
    char age[32];
    snprintf(age, sizeof(age), "%ld", pg->max_age_s);
    const char *params[] = {request_hash, age};
    PGresult *res = NULL;
    *reply_out = NULL;
    int r = exec(pg,
                 "SELECT reply FROM llm_cache WHERE request_hash = $1 "
                 "AND created_at > clock_timestamp() - make_interval(secs => $2::bigint)",
                 2, params, &res);
    if (r < 0)
        return r;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return -ENOENT;
    }
    *reply_out = strdup(PQgetvalue(res, 0, 0));
    PQclear(res);
    return *reply_out ? 0 : -ENOMEM;
}

static int pg_cache_put(void *ctx, const char *request_hash, const char *reply)
{
    struct llm_store_pg *pg = ctx;
    if (strlen(reply) > LLM_MAX_RESPONSE)
        return -E2BIG;
    const char *params[] = {request_hash, reply};
    int r = exec(pg,
                 "INSERT INTO llm_cache (request_hash, reply) VALUES ($1, $2) "
                 "ON CONFLICT (request_hash) DO UPDATE "
                 "SET reply = EXCLUDED.reply, created_at = clock_timestamp()",
                 2, params, NULL);
    if (r < 0)
        return r;
    /* Eviction rides on the writes, so the table is bounded without a timer: expired rows
     * go, then everything past the newest max_entries. Both use llm_cache_created. */
    char age[32], keep[32];
    snprintf(age, sizeof(age), "%ld", pg->max_age_s);
    snprintf(keep, sizeof(keep), "%ld", pg->max_entries);
    const char *evict[] = {age, keep};
    return exec(pg,
                "DELETE FROM llm_cache WHERE created_at <= clock_timestamp() - "
                "make_interval(secs => $1::bigint) OR request_hash IN (SELECT request_hash "
                "FROM llm_cache ORDER BY created_at DESC OFFSET $2::bigint)",
                2, evict, NULL);
}

static int pg_record(void *ctx, const struct llm_call_record *rec)
{
    struct llm_store_pg *pg = ctx;
    char uid[32], pt[32], ct[32], lat[32], st[16], cost[64];
    snprintf(uid, sizeof(uid), "%lld", pg->user_id);
    snprintf(pt, sizeof(pt), "%ld", rec->prompt_tokens > 0 ? rec->prompt_tokens : 0);
    snprintf(ct, sizeof(ct), "%ld", rec->completion_tokens > 0 ? rec->completion_tokens : 0);
    snprintf(lat, sizeof(lat), "%ld", rec->latency_ms > 0 ? rec->latency_ms : 0);
    snprintf(st, sizeof(st), "%d", rec->http_status);
    snprintf(cost, sizeof(cost), "%.6f", rec->cost_usd > 0 ? rec->cost_usd : 0.0);
    const char *params[] = {pg->user_id > 0 ? uid : NULL,
                            rec->provider,
                            rec->model,
                            rec->request_hash,
                            pt,
                            ct,
                            lat,
                            st,
                            rec->outcome ? rec->outcome : "transport_error",
                            cost,
                            rec->cached ? "true" : "false"};
    return exec(pg,
                "INSERT INTO llm_calls (user_id, provider, model, request_hash, prompt_tokens, "
                "completion_tokens, latency_ms, http_status, outcome, cost_usd, cached) "
                "VALUES ($1::bigint, $2, $3, $4, $5::bigint, $6::bigint, $7::bigint, "
                "$8::integer, $9, $10::numeric, $11::boolean)",
                11, params, NULL);
}

int llm_store_pg_init(struct llm_store *store, struct llm_store_pg *pg, struct db *db,
                      long long user_id)
{
    if (!db)
        return -EINVAL;
    *pg = (struct llm_store_pg){.db = db,
                                .user_id = user_id,
                                .max_entries = LLM_STORE_PG_MAX_ENTRIES,
                                .max_age_s = LLM_STORE_PG_MAX_AGE_S};
    *store = (struct llm_store){
        .ctx = pg, .cache_get = pg_cache_get, .cache_put = pg_cache_put, .record = pg_record};
    return 0;
}
