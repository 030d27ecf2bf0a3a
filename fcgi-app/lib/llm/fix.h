/* The auto-fix round's LLM side: the prompt for a version that failed verification (its
 * spec, the failing steps with their requests and responses, the pytest and log tails, the
 * files involved, never a secret) and the reading of the reply, whole-file replacements
 * {"files": [{"path", "content"}], "summary"}. What a reply may change is judged by the
 * caller (pipeline/patch.c) through the validate hook, so a refused reply is recorded as
 * bad_reply and never cached. pipeline/autofix.c drives it. */
#pragma once
#include "llm/client.h"

#include <jansson.h>

#define LLM_FIX_MAX_STEPS       30          /* failing steps shown */
#define LLM_FIX_MAX_STEP_BYTES  (4 * 1024)  /* one step's JSON */
#define LLM_FIX_MAX_TAIL        (8 * 1024)  /* log tail and pytest output, each */
#define LLM_FIX_MAX_FILE_BYTES  (48 * 1024) /* a bigger file is listed, not shown */
#define LLM_FIX_MAX_FILES_BYTES (160 * 1024)

struct llm_fix_input {
    const json_t *spec;   /* the version's normalized spec (borrowed) */
    const json_t *report; /* the failed verification's report: tests, pytest (borrowed) */
    const char *reason;   /* the verification's reason, may be NULL */
    const char *log_tail; /* may be NULL */
    const json_t *files;  /* [{"path", "content"}]: the version's text files (borrowed) */
    int attempt;          /* the verification round the fixed version will be */
    int max_attempts;
};

struct llm_fix_prompt {
    json_t *messages;  /* [{"role","content"}...] for llm_chat (owned) */
    json_t *shown;     /* ["path", ...] files in the prompt (owned) */
    json_t *protected; /* ["path", ...] files shown with secrets withheld: not replaceable */
};

/* Builds the prompt. Files are chosen by relevance (named in the log or pytest output,
 * the routers and actions of the failing steps, then the rest of app/) within the byte
 * budget; hidden files (.env*), key and certificate files and platform-owned files are
 * never shown, and a string assigned to a secret-looking name (secret, api_key,
 * private_key, password values) is replaced by "<withheld>", the file then listed in
 * `protected`. Credentials in URLs and SECRET_KEY=... are withheld from the tails too.
 * 0 (llm_fix_prompt_clear() it) or -ENOMEM, -EINVAL (no spec or report). */
int llm_fix_prompt_build(const struct llm_fix_input *in, struct llm_fix_prompt *out);
void llm_fix_prompt_clear(struct llm_fix_prompt *p);

/* The JSON schema of a reply, for structured output. Borrowed, static lifetime. */
const json_t *llm_fix_schema(void);

/* Tolerant reading of a reply (llm_extract_json: fences, prose, <think> drafts; a
 * {"patch": {...}} wrapper): 0 with *patch_out (new reference) an object holding a "files"
 * array, -EINVAL otherwise. Nothing beyond that shape is judged here. */
int llm_fix_parse(const char *reply, size_t len, json_t **patch_out);

/* Judges a parsed patch: 0 accepts it; a negative value refuses it (the reasons travel in
 * ctx). */
typedef int (*llm_fix_validate_fn)(void *ctx, const json_t *patch);

/* One fix round: asks the model, parses and validates the reply. 0 with *patch_out (new
 * reference); -EBADMSG when the model answered but with no usable patch (validate's ctx
 * says why, or it held no patch at all: *unparsable set); the llm_chat errors otherwise
 * (-ENOENT without a client). Every call is recorded through store. */
int llm_fix_round(struct llm_client *c, const char *model, const struct llm_fix_prompt *p,
                  const struct llm_store *store, llm_fix_validate_fn validate, void *ctx,
                  json_t **patch_out, bool *unparsable);
