/* Internal seam between the LLM transport (client.c) and the planner round (plan.c): a
 * chat call whose reply is checked before it is cached and recorded. Not a public API. */
#pragma once
#include "llm/client.h"

/* Judges a reply: 0 accepts it (it is cached, the record says "ok"); a negative value
 * rejects it (not cached) and *outcome names the static outcome to record, e.g.
 * "review_failed" or "bad_reply". The verdict itself travels in ctx. */
typedef int (*llm_reply_check_fn)(void *ctx, const char *reply, const char **outcome);

/* llm_chat with a check: returns 0 with *reply_out whenever the model answered, whatever
 * the check said (the caller reads its verdict from ctx); the llm_chat errors otherwise.
 * check may be NULL (then it is llm_chat). A cached reply is checked too, and a cached
 * reply the check rejects is ignored and asked for again. */
int llm_chat_checked(struct llm_client *c, const char *model, const json_t *messages,
                     const json_t *response_schema, const struct llm_store *store,
                     llm_reply_check_fn check, void *check_ctx, char **reply_out);
