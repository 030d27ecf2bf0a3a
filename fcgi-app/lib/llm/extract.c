/* Tolerant extraction of one JSON object from a model's text: models without structured
 * output wrap the JSON in ``` fences, prose, or leave trailing commas and comments. Every
 * candidate still goes through jsonx_parse, so size and depth limits hold. */
#include "core/jsonx.h"
#include "llm/client.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define EXTRACT_MAX_CANDIDATES 32 /* bounds the work on text full of stray braces */

static int try_parse(const char *s, size_t len, json_t **out)
{
    char err[128];
    json_t *v = NULL;
    if (jsonx_parse(s, len, LLM_MAX_RESPONSE, JSONX_DEFAULT_MAX_DEPTH, &v, err, sizeof(err)) < 0)
        return -EINVAL;
    if (!json_is_object(v)) {
        json_decref(v);
        return -EINVAL;
    }
    *out = v;
    return 0;
}

/* Drops // and block comments and commas directly before } or ], outside strings: the
 * slips models make most. Returns a malloc'ed copy or NULL. */
static char *lenient_copy(const char *s, size_t len, size_t *out_len)
{
    char *o = malloc(len + 1);
    if (!o)
        return NULL;
    size_t n = 0;
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (in_str) {
            o[n++] = ch;
            if (ch == '\\' && i + 1 < len)
                o[n++] = s[++i];
            else if (ch == '"')
                in_str = false;
            continue;
        }
        if (ch == '"') {
            in_str = true;
        } else if (ch == '/' && i + 1 < len && s[i + 1] == '/') {
            while (i < len && s[i] != '\n')
                i++;
            continue;
        } else if (ch == '/' && i + 1 < len && s[i + 1] == '*') {
            i += 2;
            while (i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'))
                i++;
            i++;
            continue;
        } else if (ch == '}' || ch == ']') {
            size_t k = n;
            while (k > 0 &&
                   (o[k - 1] == ' ' || o[k - 1] == '\n' || o[k - 1] == '\t' || o[k - 1] == '\r'))
                k--;
            if (k > 0 && o[k - 1] == ',') {
                memmove(o + k - 1, o + k, n - k);
                n--;
            }
        }
        o[n++] = ch;
    }
    o[n] = '\0';
    *out_len = n;
    return o;
}

static int parse_candidate(const char *s, size_t len, json_t **out)
{
    if (try_parse(s, len, out) == 0)
        return 0;
    size_t n = 0;
    char *copy = lenient_copy(s, len, &n);
    if (!copy)
        return -ENOMEM;
    int r = try_parse(copy, n, out);
    free(copy);
    return r;
}

/* End (exclusive) of the balanced {...} that starts at s[0], strings respected; 0 when
 * the braces never balance. */
static size_t match_braces(const char *s, size_t len)
{
    size_t depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (in_str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_str = false;
        } else if (ch == '"') {
            in_str = true;
        } else if (ch == '{' || ch == '[') {
            depth++;
        } else if (ch == '}' || ch == ']') {
            if (depth == 0)
                return 0;
            if (--depth == 0)
                return ch == '}' ? i + 1 : 0;
        }
    }
    return 0;
}

static const char *find_mem(const char *h, size_t hl, const char *needle)
{
    size_t nl = strlen(needle);
    return nl <= hl ? memmem(h, hl, needle, nl) : NULL;
}

/* Tries the body of every ``` fence in turn. */
static int from_fences(const char *text, size_t len, json_t **out)
{
    const char *p = text, *end = text + len;
    for (int k = 0; k < EXTRACT_MAX_CANDIDATES; k++) {
        const char *open = find_mem(p, (size_t)(end - p), "```");
        if (!open)
            break;
        const char *body = open + 3;
        while (body < end && *body != '\n' && *body != '{') /* language tag: json, JSON... */
            body++;
        const char *close = find_mem(body, (size_t)(end - body), "```");
        if (!close)
            close = end; /* an unterminated fence (truncated answer): take what there is */
        if (parse_candidate(body, (size_t)(close - body), out) == 0)
            return 0;
        if (close == end)
            break;
        p = close + 3;
    }
    return -EINVAL;
}

int llm_extract_json(const char *text, size_t len, json_t **out)
{
    *out = NULL;
    if (!text || len == 0 || len > LLM_MAX_RESPONSE)
        return -EINVAL;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3; /* a UTF-8 byte-order mark */
        len -= 3;
    }
    if (memchr(text, '\0', len))
        return -EINVAL;
    /* Reasoning models (DeepSeek-R1, QwQ via Ollama or vLLM) think aloud first, often with
     * JSON-looking drafts: only what follows the last </think> is the answer. */
    for (const char *t; (t = find_mem(text, len, "</think>"));) {
        len -= (size_t)(t + 8 - text);
        text = t + 8;
    }
    size_t a = 0, b = len;
    while (a < b && strchr(" \t\r\n", text[a]))
        a++;
    while (b > a && strchr(" \t\r\n", text[b - 1]))
        b--;
    if (a < b && text[a] == '{' && parse_candidate(text + a, b - a, out) == 0)
        return 0;
    if (from_fences(text, len, out) == 0)
        return 0;
    /* prose around the object: the first '{' whose balanced span parses wins */
    const char *p = text, *end = text + len;
    for (int k = 0; k < EXTRACT_MAX_CANDIDATES && p < end; k++) {
        const char *open = memchr(p, '{', (size_t)(end - p));
        if (!open)
            break;
        size_t span = match_braces(open, (size_t)(end - open));
        if (span && parse_candidate(open, span, out) == 0)
            return 0;
        p = open + 1;
    }
    return -EINVAL;
}
