/* The auto-fix round through an LLM (see fix.h): prompt building with relevance-ordered,
 * secret-free files, structured output where the provider has it, tolerant reading of the
 * reply, and the caller's validation wired in as the reply check so that a refused patch
 * is recorded as bad_reply and never cached. */
#include "llm/fix.h"

#include "core/buf.h"
#include "llm/internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define WITHHELD "<withheld>"

static const char system_prompt[] =
    "You repair generated REST backends (FastAPI, SQLAlchemy 1.4, pydantic 1.10, PostgreSQL) "
    "that failed their verification. The user message is a JSON document: the BackendSpec "
    "the project was generated from (it is right), the failing verification steps with "
    "their requests, expected and actual responses, the project's own pytest result, the "
    "tail of the app's log, and the project's files (\"files\": path and whole content).\n"
    "Answer with ONE JSON object and nothing else: {\"files\": [{\"path\": \"app/actions.py\", "
    "\"content\": \"<the whole new file>\"}], \"summary\": \"what was wrong and what you "
    "changed\"}.\n"
    "Rules:\n"
    "- Each entry replaces a whole file (or adds one): give the complete new content, not a "
    "diff. Include only files you change.\n"
    "- Paths are relative to the project root exactly as given; no absolute paths, no .., "
    "no hidden files, no links, text only.\n"
    "- Never change backforge.json, PROJECT_REPORT.md or anything under verify/; never "
    "replace a file listed in \"protected\".\n"
    "- Make the app do what the spec says for every client; do not special-case the test "
    "values, and keep everything that already passes working.\n"
    "- Values shown as " WITHHELD " are secrets that were not shown to you.\n";

/* --- reading the reply -------------------------------------------------------------- */

const json_t *llm_fix_schema(void)
{
    static json_t *schema;
    if (!schema) /* built once per process; jansson objects are immutable here */
        schema =
            json_pack("{s:s, s:s, s:{s:{s:s, s:i, s:{s:s, s:{s:{s:s}, s:{s:s}}, s:[s,s], s:b}}, "
                      "s:{s:s}}, s:[s,s], s:b}",
                      "title", "fix_patch", "type", "object", "properties", "files", "type",
                      "array", "maxItems", 20, "items", "type", "object", "properties", "path",
                      "type", "string", "content", "type", "string", "required", "path", "content",
                      "additionalProperties", 0, "summary", "type", "string", "required", "files",
                      "summary", "additionalProperties", 0);
    return schema;
}

int llm_fix_parse(const char *reply, size_t len, json_t **patch_out)
{
    *patch_out = NULL;
    json_t *doc = NULL;
    if (llm_extract_json(reply, len, &doc) < 0)
        return -EINVAL;
    json_t *patch = doc;
    if (!json_object_get(doc, "files") && json_object_size(doc) == 1) {
        const char *k;
        json_t *v;
        json_object_foreach(doc, k, v)
        {
            if (json_is_object(v) && json_is_array(json_object_get(v, "files")))
                patch = v;
        }
    }
    if (!json_is_array(json_object_get(patch, "files"))) {
        json_decref(doc);
        return -EINVAL;
    }
    json_incref(patch);
    json_decref(doc);
    *patch_out = patch;
    return 0;
}

struct fix_check {
    llm_fix_validate_fn validate;
    void *ctx;
    json_t *patch; /* owned until handed out */
    int result;    /* 0, -EBADMSG */
    bool unparsable;
};

static int fix_check(void *ctx, const char *reply, const char **outcome)
{
    struct fix_check *fc = ctx;
    json_decref(fc->patch);
    fc->patch = NULL;
    fc->unparsable = false;
    fc->result = 0;
    if (llm_fix_parse(reply, strlen(reply), &fc->patch) < 0) {
        fc->unparsable = true;
        fc->result = -EBADMSG;
    } else if (fc->validate && fc->validate(fc->ctx, fc->patch) < 0) {
        fc->result = -EBADMSG;
    }
    if (fc->result < 0) {
        json_decref(fc->patch);
        fc->patch = NULL;
        *outcome = "bad_reply";
    }
    return fc->result;
}

int llm_fix_round(struct llm_client *c, const char *model, const struct llm_fix_prompt *p,
                  const struct llm_store *store, llm_fix_validate_fn validate, void *ctx,
                  json_t **patch_out, bool *unparsable)
{
    *patch_out = NULL;
    *unparsable = false;
    if (!c)
        return -ENOENT;
    struct fix_check fc = {.validate = validate, .ctx = ctx};
    char *reply = NULL;
    int rc =
        llm_chat_checked(c, model, p->messages, llm_fix_schema(), store, fix_check, &fc, &reply);
    free(reply);
    if (rc == 0)
        rc = fc.result;
    *unparsable = rc == -EBADMSG && fc.unparsable;
    if (rc == 0)
        *patch_out = fc.patch;
    else
        json_decref(fc.patch);
    return rc;
}

/* --- secrets ------------------------------------------------------------------------ */

static bool secret_name(const char *s, size_t n)
{
    char low[128];
    if (n >= sizeof(low))
        n = sizeof(low) - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[n] = '\0';
    return strstr(low, "secret") || strstr(low, "api_key") || strstr(low, "apikey") ||
           strstr(low, "private_key") || strstr(low, "password") || strstr(low, "passwd") ||
           strstr(low, "token_key");
}

/* If the line is `target [: annotation] = "literal"...` (or KEY=value) with a secret-looking
 * target, appends it with the literal withheld and returns 0; 1 when the line is not one
 * (nothing appended, the caller copies it); -errno of the buffer. */
static int redact_line(struct buf *b, const char *line, size_t n, bool *redacted)
{
    size_t i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    size_t t0 = i;
    while (i < n && (isalnum((unsigned char)line[i]) || strchr("_.[]\"'", line[i])))
        i++;
    size_t t1 = i;
    if (t1 == t0)
        return 1;
    while (i < n && line[i] == ' ')
        i++;
    if (i < n && line[i] == ':') /* an annotation: name: str = "..." */
        while (i < n && line[i] != '=')
            i++;
    if (i >= n || line[i] != '=' || (i + 1 < n && line[i + 1] == '='))
        return 1;
    if (!secret_name(line + t0, t1 - t0))
        return 1;
    size_t v = i + 1;
    while (v < n && line[v] == ' ')
        v++;
    if (v >= n)
        return 1;
    int rc;
    if (line[v] == '"' || line[v] == '\'') {
        char q = line[v];
        const char *end = memchr(line + v + 1, q, n - v - 1);
        if (!end || end == line + v + 1)
            return 1;
        rc = buf_append(b, line, v + 1);
        if (rc == 0)
            rc = buf_puts(b, WITHHELD);
        if (rc == 0)
            rc = buf_append(b, end, (size_t)(line + n - end));
    } else if (strchr("(0123456789", line[v])) {
        return 1; /* a call or a number: not a literal secret */
    } else {      /* KEY=value of an env-style file */
        rc = buf_append(b, line, v);
        if (rc == 0)
            rc = buf_puts(b, WITHHELD);
        if (rc == 0 && line[n - 1] == '\n')
            rc = buf_puts(b, "\n");
    }
    *redacted = true;
    return rc < 0 ? rc : 0;
}

/* New string: the file with secret literals withheld; *redacted says whether any was. */
static json_t *redact_file(const char *text, size_t len, bool *redacted)
{
    struct buf b;
    buf_init(&b, LLM_FIX_MAX_FILE_BYTES * 2);
    *redacted = false;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < len;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (text + i)) + 1 : len - i;
        rc = redact_line(&b, text + i, n, redacted);
        if (rc == 1)
            rc = buf_append(&b, text + i, n);
        i += n;
    }
    size_t out_len = 0;
    char *s = rc == 0 ? buf_steal(&b, &out_len) : NULL;
    buf_clear(&b);
    json_t *j = s ? json_stringn(s, out_len) : NULL;
    free(s);
    return j;
}

/* New string: the last `max` bytes of a tail (from a character start), credentials in URLs
 * and SECRET_KEY=... withheld. */
static json_t *clean_tail(const char *text, size_t max)
{
    if (!text)
        return json_null();
    size_t len = strlen(text);
    const char *start = len > max ? text + len - max : text;
    while (*start && ((unsigned char)*start & 0xc0) == 0x80)
        start++;
    struct buf b;
    buf_init(&b, max * 2 + 64);
    int rc = 0;
    for (const char *p = start; rc == 0 && *p;) {
        const char *at;
        if (strncmp(p, "SECRET_KEY=", 11) == 0) {
            rc = buf_puts(&b, "SECRET_KEY=" WITHHELD);
            p += 11;
            while (*p && !isspace((unsigned char)*p))
                p++;
        } else if (strncmp(p, "://", 3) == 0 && (at = strpbrk(p + 3, "@/ \n")) && *at == '@' &&
                   memchr(p + 3, ':', (size_t)(at - p - 3))) {
            const char *colon = memchr(p + 3, ':', (size_t)(at - p - 3));
            rc = buf_append(&b, p, (size_t)(colon - p) + 1);
            if (rc == 0)
                rc = buf_puts(&b, WITHHELD);
            p = at;
        } else {
            rc = buf_append(&b, p, 1);
            p++;
        }
    }
    size_t out_len = 0;
    char *s = rc == 0 ? buf_steal(&b, &out_len) : NULL;
    buf_clear(&b);
    json_t *j = s ? json_stringn(s, out_len) : NULL;
    free(s);
    return j;
}

/* --- choosing the files ------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Files never shown: hidden ones (.env, .github), keys and certificates, secret-named,
 * the platform's own, and anything but Python sources and requirements.txt. */
static bool never_shown(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (path[0] == '.' || strstr(path, "/.") || strstr(path, "secret") ||
        ends_with(path, ".pem") || ends_with(path, ".key") || ends_with(path, ".crt") ||
        ends_with(path, ".p12"))
        return true;
    if (strcmp(path, "backforge.json") == 0 || strcmp(path, "PROJECT_REPORT.md") == 0 ||
        strncmp(path, "verify/", 7) == 0)
        return true;
    return !ends_with(base, ".py") && strcmp(base, "requirements.txt") != 0;
}

static bool mentioned(const json_t *text, const char *path)
{
    const char *s = json_string_value(text);
    return s && strstr(s, path);
}

/* Relevance: named in the log or pytest output 30, the failing steps' own router or the
 * actions 20, app's other code 10, tests 1. */
static int score(const char *path, const json_t *steps, const json_t *spec, const json_t *log,
                 const json_t *pytest_out)
{
    if (mentioned(log, path) || mentioned(pytest_out, path))
        return 30;
    size_t i;
    const json_t *st;
    json_array_foreach(steps, i, st)
    {
        const char *group = json_string_value(json_object_get(st, "group"));
        if (!group)
            continue;
        if (strncmp(group, "action:", 7) == 0 && strcmp(path, "app/actions.py") == 0)
            return 20;
        if (strncmp(group, "auth", 4) == 0 &&
            (strcmp(path, "app/auth.py") == 0 || strcmp(path, "app/routers/auth.py") == 0))
            return 20;
        if (strncmp(group, "entity:", 7) == 0) {
            size_t k;
            const json_t *e;
            json_array_foreach(json_object_get(spec, "entities"), k, e)
            {
                const char *name = json_string_value(json_object_get(e, "name"));
                const char *plural = json_string_value(json_object_get(e, "plural"));
                char router[160];
                if (!name || !plural || strcmp(name, group + 7) != 0)
                    continue;
                snprintf(router, sizeof(router), "app/routers/%s.py", plural);
                if (strcmp(path, router) == 0)
                    return 20;
            }
        }
    }
    if (strncmp(path, "app/", 4) == 0)
        return 10;
    return 1;
}

struct candidate {
    const char *path;
    const json_t *content;
    int score;
};

static int by_score(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return strcmp(x->path, y->path);
}

/* Fills doc.files / doc.files_not_shown and p->shown / p->protected. */
static int choose_files(const struct llm_fix_input *in, const json_t *steps, const json_t *log,
                        const json_t *pytest_out, json_t *doc, struct llm_fix_prompt *p)
{
    size_t n = json_array_size(in->files), used = 0, i;
    struct candidate *c = calloc(n ? n : 1, sizeof(*c));
    json_t *files = json_array(), *hidden = json_array();
    if (!c || !files || !hidden || json_object_set_new(doc, "files", files) < 0 ||
        json_object_set_new(doc, "files_not_shown", hidden) < 0) {
        free(c);
        return -ENOMEM;
    }
    size_t m = 0;
    const json_t *f;
    json_array_foreach(in->files, i, f)
    {
        const char *path = json_string_value(json_object_get(f, "path"));
        const json_t *content = json_object_get(f, "content");
        if (!path || !json_is_string(content) || never_shown(path))
            continue;
        c[m++] = (struct candidate){path, content, score(path, steps, in->spec, log, pytest_out)};
    }
    qsort(c, m, sizeof(*c), by_score);
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < m; k++) {
        size_t len = json_string_length(c[k].content);
        if (len > LLM_FIX_MAX_FILE_BYTES || used + len > LLM_FIX_MAX_FILES_BYTES ||
            c[k].score < 10) {
            rc = json_array_append_new(hidden, json_string(c[k].path));
            continue;
        }
        bool redacted = false;
        json_t *text = redact_file(json_string_value(c[k].content), len, &redacted);
        json_t *entry = text ? json_pack("{s:s, s:o}", "path", c[k].path, "content", text) : NULL;
        rc = entry && json_array_append_new(files, entry) == 0 &&
                     json_array_append_new(p->shown, json_string(c[k].path)) == 0
                 ? 0
                 : -ENOMEM;
        if (rc == 0 && redacted)
            rc = json_array_append_new(p->protected, json_string(c[k].path));
        used += len;
    }
    free(c);
    return rc < 0 ? -ENOMEM : 0;
}

/* One failing step as the model sees it, at most LLM_FIX_MAX_STEP_BYTES. */
static json_t *step_view(const json_t *t)
{
    json_t *v =
        json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "name", json_object_get(t, "name"),
                  "group", json_object_get(t, "group"), "verdict", json_object_get(t, "verdict"),
                  "request", json_object_get(t, "request"), "expected",
                  json_object_get(t, "expected"), "actual", json_object_get(t, "actual"));
    char *text = v ? json_dumps(v, JSON_COMPACT) : NULL;
    if (text && strlen(text) > LLM_FIX_MAX_STEP_BYTES) {
        char *actual = json_dumps(json_object_get(t, "actual"), JSON_COMPACT | JSON_ENCODE_ANY);
        size_t keep = LLM_FIX_MAX_STEP_BYTES / 2;
        if (actual && strlen(actual) > keep) {
            while (keep > 0 && ((unsigned char)actual[keep] & 0xc0) == 0x80)
                keep--;
            actual[keep] = '\0';
        }
        json_object_set_new(v, "actual", json_sprintf("%s... (truncated)", actual ? actual : ""));
        free(actual);
        free(text);
        text = json_dumps(v, JSON_COMPACT);
        if (text && strlen(text) > LLM_FIX_MAX_STEP_BYTES)
            json_object_del(v, "request"); /* still too big: the name says what it did */
    }
    free(text);
    return v;
}

static json_t *failing_steps(const json_t *report)
{
    json_t *out = json_array();
    size_t i;
    const json_t *t;
    json_array_foreach(json_object_get(report, "tests"), i, t)
    {
        const char *verdict = json_string_value(json_object_get(t, "verdict"));
        if (!out || json_array_size(out) >= LLM_FIX_MAX_STEPS)
            break;
        if (!verdict || (strcmp(verdict, "fail") && strcmp(verdict, "error")))
            continue;
        json_t *v = step_view(t);
        if (!v || json_array_append_new(out, v) < 0) {
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

void llm_fix_prompt_clear(struct llm_fix_prompt *p)
{
    json_decref(p->messages);
    json_decref(p->shown);
    json_decref(p->protected);
    memset(p, 0, sizeof(*p));
}

int llm_fix_prompt_build(const struct llm_fix_input *in, struct llm_fix_prompt *out)
{
    memset(out, 0, sizeof(*out));
    if (!json_is_object(in->spec) || !json_is_object(in->report))
        return -EINVAL;
    const json_t *pytest = json_object_get(in->report, "pytest");
    json_t *log = clean_tail(in->log_tail, LLM_FIX_MAX_TAIL);
    json_t *pytest_out =
        clean_tail(json_string_value(json_object_get(pytest, "output_tail")), LLM_FIX_MAX_TAIL);
    json_t *steps = failing_steps(in->report);
    json_t *doc = json_object();
    out->shown = json_array();
    out->protected = json_array();
    int rc = -ENOMEM;
    if (!log || !pytest_out || !steps || !doc || !out->shown || !out->protected)
        goto fail;
    json_t *py =
        json_is_object(pytest)
            ? json_pack("{s:O?, s:O?, s:O}", "status", json_object_get(pytest, "status"),
                        "summary", json_object_get(pytest, "summary"), "output_tail", pytest_out)
            : json_null();
    if (json_object_set_new(doc, "attempt", json_integer(in->attempt)) < 0 ||
        json_object_set_new(doc, "max_attempts", json_integer(in->max_attempts)) < 0 ||
        json_object_set_new(doc, "reason", in->reason ? json_string(in->reason) : json_null()) <
            0 ||
        json_object_set(doc, "spec", (json_t *)in->spec) < 0 ||
        json_object_set(doc, "failing_steps", steps) < 0 ||
        json_object_set_new(doc, "pytest", py) < 0 || json_object_set(doc, "log_tail", log) < 0 ||
        choose_files(in, steps, log, pytest_out, doc, out) < 0 ||
        json_object_set(doc, "protected", out->protected) < 0)
        goto fail;
    char *user = json_dumps(doc, JSON_INDENT(1) | JSON_SORT_KEYS);
    out->messages = user ? json_pack("[{s:s, s:s}, {s:s, s:s}]", "role", "system", "content",
                                     system_prompt, "role", "user", "content", user)
                         : NULL;
    free(user);
    rc = out->messages ? 0 : -ENOMEM;
fail:
    json_decref(log);
    json_decref(pytest_out);
    json_decref(steps);
    json_decref(doc);
    if (rc < 0)
        llm_fix_prompt_clear(out);
    return rc;
}
