/* LLM client for the OpenAI-compatible chat-completions protocol (OpenAI, Gemini, Groq,
 * Mistral, OpenRouter, Ollama, vLLM, llama.cpp). libcurl + jansson; no logging here.
 * Keys are read from secret files (config_read_secret) or BACKFORGE_LLM_API_KEY and are
 * never copied into errors, records or replies. */
#pragma once
#include "core/config.h"
#include "spec/review.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define LLM_MAX_RESPONSE (2 * 1024 * 1024)

struct llm_client;

/* One row of the llm_calls table, filled for every call attempt (cached answers too). */
struct llm_call_record {
    char provider[64];
    char model[128];
    char request_hash[65]; /* sha256 hex of the canonical request body */
    long prompt_tokens;
    long completion_tokens;
    long latency_ms;
    int http_status;     /* 0 when no HTTP answer */
    const char *outcome; /* static: "ok", "cached", "http_error", "timeout", "bad_reply",
                            "too_large", "review_failed", "transport_error" */
    double cost_usd;     /* estimated from the model's configured prices, 0 when unknown */
    bool cached;
};

/* Where calls are recorded and cached; any member may be NULL. The PostgreSQL
 * implementation is llm/store.h. */
struct llm_store {
    void *ctx;
    int (*cache_get)(void *ctx, const char *request_hash, char **reply_out); /* 0 / -ENOENT */
    int (*cache_put)(void *ctx, const char *request_hash, const char *reply);
    int (*record)(void *ctx, const struct llm_call_record *rec);
};

/* Builds a client from config (llm_base_url, llm_api_key / llm_api_key_file, llm_model,
 * llm_models, llm_timeout_ms, llm_max_retries, ...). Returns -ENOENT when no provider is
 * configured (the offline planner then serves). Caller frees with llm_client_free(). */
int llm_client_new(const struct config *cfg, struct llm_client **out);
struct llm_client *llm_client_free(struct llm_client *c); /* accepts NULL, returns NULL */

/* New reference: [{"id": "offline", "provider": "builtin", "default": bool, ...},
 * {"id": "<model>", "provider": "<name>", "default": bool}, ...] — never a key or URL
 * secret. Works with c == NULL (offline only). */
json_t *llm_models_json(const struct config *cfg, const struct llm_client *c);

/* True when `model` is one of the client's configured models. */
bool llm_model_known(const struct llm_client *c, const char *model);

/* One chat completion. messages is borrowed ([{"role","content"}...]); response_schema
 * (borrowed, may be NULL) asks for JSON-schema structured output. Retries 429/5xx with
 * backoff honouring Retry-After. On success *reply_out is the assistant's text
 * (malloc'ed, caller free()s). Errors: -ETIMEDOUT, -EPROTO (bad reply / HTTP error after
 * retries), -E2BIG (reply over LLM_MAX_RESPONSE), -ECONNREFUSED / -EHOSTUNREACH. */
int llm_chat(struct llm_client *c, const char *model, const json_t *messages,
             const json_t *response_schema, const struct llm_store *store, char **reply_out);

/* Tolerant extraction of one JSON object from model text: bare JSON, ```json fences,
 * prose around it. 0 with a new reference, -EINVAL when none is found. */
int llm_extract_json(const char *text, size_t len, json_t **out);

/* Prompt → reviewed spec: asks for a BackendSpec (structured output where possible),
 * extracts, reviews, and on review errors sends them back for one repair round.
 * Returns 0 with *normalized_out (new reference) and rv holding the warnings; -EINVAL
 * with rv->errors when the repaired spec still fails review; the llm_chat errors
 * otherwise. */
int llm_plan_spec(struct llm_client *c, const char *model, const char *prompt,
                  const struct llm_store *store, json_t **normalized_out, struct review *rv);
