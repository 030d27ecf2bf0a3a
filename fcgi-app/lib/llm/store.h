/* The PostgreSQL llm_store: llm_calls rows and the llm_cache table (sql/003_llm.sql)
 * through a borrowed database handle (platform/db.h: its statement cache, error mapping,
 * reconnects and last_error). No logging; a failed bookkeeping query never fails the LLM call.
 * Inside an open transaction each statement runs under a savepoint, so a failure here
 * never aborts the caller's work; rows written there still roll back with it, so prefer
 * calling the LLM outside transactions (calls are slow anyway). */
#pragma once
#include "llm/client.h"

#include "platform/db.h"

#define LLM_STORE_PG_MAX_ENTRIES 10000
#define LLM_STORE_PG_MAX_AGE_S   (7 * 24 * 3600)

struct llm_store_pg {
    struct db *db;     /* borrowed; outlives the store */
    long long user_id; /* written to llm_calls.user_id; <= 0 writes NULL */
    long max_entries;  /* cache rows kept (newest first) */
    long max_age_s;    /* cache rows older than this are neither read nor kept */
    int last_error;    /* negative errno of the last failed query, 0 while none failed; the caller
                        * logs it (with db_last_error) so no failure goes unseen */
};

/* Fills pg (defaults for the bounds) and points store at it; both are the caller's
 * (stack or struct members), nothing to free. Returns 0, or -EINVAL without a db handle
 * (a store with nothing to write to is a bug, not a silent skip). */
int llm_store_pg_init(struct llm_store *store, struct llm_store_pg *pg, struct db *db,
                      long long user_id);
