/* Prompt → reviewed BackendSpec through an LLM: a system prompt that teaches the spec,
 * structured output where the provider has it, tolerant extraction, review, and one
 * repair round that sends the review errors back. */
#include "core/buf.h"
#include "llm/client.h"
#include "llm/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_MAX_PROMPT       (16 * 1024)
#define PLAN_MAX_REPAIR_LINES 40 /* the first errors are enough to fix; keeps the prompt small */

static const char system_prompt[] =
    "You design REST backends. Answer with ONE JSON object, a BackendSpec version 1, and "
    "nothing else: no prose, no code fences.\n"
    "\n"
    "Shape:\n"
    "{\"spec_version\": 1, \"name\": \"slug-like-this\", \"title\": \"Title\", "
    "\"description\": \"...\", \"target\": \"fastapi-postgres\", "
    "\"auth\": {\"enabled\": true|false},\n"
    " \"entities\": [{\"name\": \"PascalCase singular\", \"plural\": \"snake_plural\", "
    "\"owned\": bool, \"description\": \"...\", \"fields\": [FIELD, ...]}],\n"
    " \"actions\": [ACTION, ...]}\n"
    "FIELD: {\"name\": \"snake_case\", \"type\": TYPE, \"required\": bool, \"unique\": bool, "
    "\"description\": \"...\", optional \"default\", \"min\", \"max\", \"min_length\", "
    "\"max_length\"}.\n"
    "TYPE is one of: string (short text, give max_length), text (long text), integer, float, "
    "decimal (money), boolean, date, datetime, uuid, email, url, json, "
    "enum (needs \"values\": [\"a\", \"b\"]), reference (needs \"entity\": \"OtherEntity\" and "
    "\"on_delete\": \"cascade\"|\"set_null\"|\"restrict\"; name it like project_id).\n"
    "ACTION (only for endpoints that are not create/read/update/delete of an entity, e.g. a "
    "calculator): {\"name\": \"snake\", \"method\": \"GET\"|\"POST\", \"path\": \"/calc/add\", "
    "\"summary\": \"...\", \"input\": [FIELD...], \"output\": [FIELD...], \"auth_required\": "
    "bool, \"code\": \"python function body using the input names, returning a dict\", "
    "\"examples\": [{\"input\": {...}, \"output\": {...}}]}.\n"
    "\n"
    "Rules:\n"
    "- Every entity automatically gets id, created_at, updated_at (and owner_id when owned): "
    "never declare those fields.\n"
    "- \"owned\": true means each row belongs to the logged-in user; it needs auth.enabled. "
    "Enable auth when the description mentions users, accounts, login or per-user data.\n"
    "- Every reference names an entity declared in the same spec; set_null needs a field "
    "that is not required.\n"
    "- A default must have the field's type; enum defaults must be one of the values; "
    "min <= max.\n"
    "- Names must not be Python, SQL or framework reserved words (class, from, order, user, "
    "select, type, ...); prefer descriptive names such as order_date or customer.\n"
    "- Field and entity names are unique within their scope.\n"
    "- Keep it to what the description asks for; do not invent unrelated entities.\n";

static int add_message(json_t *msgs, const char *role, const char *content)
{
    json_t *m = json_pack("{s:s, s:s}", "role", role, "content", content);
    return m && json_array_append_new(msgs, m) == 0 ? 0 : -ENOMEM;
}

/* Some models wrap the spec: {"spec": {...}} or {"BackendSpec": {...}}. Borrowed. */
static json_t *unwrap(json_t *doc)
{
    if (json_object_get(doc, "entities") || json_object_get(doc, "spec_version") ||
        json_object_size(doc) != 1)
        return doc;
    const char *k;
    json_t *v;
    json_object_foreach(doc, k, v)
    {
        if (json_is_object(v) && json_object_get(v, "entities"))
            return v;
    }
    return doc;
}

/* Check run by llm_chat_checked on each reply: extraction + review, so a reply that fails
 * review is recorded as review_failed and never cached. */
struct plan_check {
    struct review *rv;
    json_t *normalized; /* owned until handed out */
    int result;         /* 0, -EINVAL (errors in rv), -ENOMEM */
};

static int plan_check(void *ctx, const char *reply, const char **outcome)
{
    struct plan_check *pc = ctx;
    json_decref(pc->normalized);
    pc->normalized = NULL;
    review_clear(pc->rv);
    json_t *doc = NULL;
    if (llm_extract_json(reply, strlen(reply), &doc) < 0) {
        pc->result = problems_add(&pc->rv->errors, "$",
                                  "the reply held no JSON object; answer with the JSON only");
        pc->result = pc->result < 0 ? pc->result : -EINVAL;
        *outcome = "bad_reply";
        return pc->result;
    }
    pc->result = review_spec(unwrap(doc), &pc->normalized, pc->rv);
    json_decref(doc);
    if (pc->result < 0)
        *outcome = "review_failed";
    return pc->result;
}

static char *repair_text(const struct review *rv)
{
    struct buf b;
    buf_init(&b, 64 * 1024);
    int r = buf_puts(&b, "That spec failed review with these errors:\n");
    for (size_t i = 0; r == 0 && i < rv->errors.n && i < PLAN_MAX_REPAIR_LINES; i++)
        r = buf_printf(&b, "- %s: %s\n", rv->errors.items[i].path, rv->errors.items[i].message);
    if (r == 0 && rv->errors.n > PLAN_MAX_REPAIR_LINES)
        r = buf_printf(&b, "- (%zu more)\n", rv->errors.n - PLAN_MAX_REPAIR_LINES);
    if (r == 0)
        r = buf_puts(&b, "Fix every error and answer with the complete corrected BackendSpec "
                         "JSON object only.");
    char *s = r == 0 ? buf_steal(&b, NULL) : NULL;
    buf_clear(&b);
    return s;
}

int llm_plan_spec(struct llm_client *c, const char *model, const char *prompt,
                  const struct llm_store *store, json_t **normalized_out, struct review *rv)
{
    *normalized_out = NULL;
    if (!c)
        return -ENOENT;
    if (!prompt || !*prompt)
        return -EINVAL;
    if (strlen(prompt) > PLAN_MAX_PROMPT)
        return -E2BIG;

    const json_t *schema = review_spec_schema();
    struct plan_check pc = {.rv = rv};
    char *reply = NULL, *fix = NULL;
    json_t *msgs = json_array();
    int r = msgs ? add_message(msgs, "system", system_prompt) : -ENOMEM;
    if (r == 0)
        r = add_message(msgs, "user", prompt);
    if (r < 0)
        goto out;

    r = llm_chat_checked(c, model, msgs, schema, store, plan_check, &pc, &reply);
    if (r < 0 || pc.result != -EINVAL) {
        r = r < 0 ? r : pc.result;
        goto out;
    }

    /* one repair round: the model sees its own answer and every error with its path */
    fix = repair_text(rv);
    /* a reply past the spec size limit is useless to echo back (and may be megabytes) */
    char big[128];
    size_t rlen = strlen(reply);
    if (rlen > REVIEW_MAX_SPEC_BYTES)
        snprintf(big, sizeof(big), "(a reply of %zu bytes, over the %d-byte spec limit)", rlen,
                 REVIEW_MAX_SPEC_BYTES);
    r = fix ? add_message(msgs, "assistant", rlen > REVIEW_MAX_SPEC_BYTES ? big : reply) : -ENOMEM;
    if (r == 0)
        r = add_message(msgs, "user", fix);
    if (r < 0)
        goto out;
    free(reply);
    reply = NULL;
    r = llm_chat_checked(c, model, msgs, schema, store, plan_check, &pc, &reply);
    if (r == 0)
        r = pc.result;
out:
    if (r == 0) {
        *normalized_out = pc.normalized;
        pc.normalized = NULL;
    }
    json_decref(pc.normalized);
    json_decref(msgs);
    free(reply);
    free(fix);
    return r;
}
