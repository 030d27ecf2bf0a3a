/* llm_extract_json: the JSON object inside model text, however it is wrapped. */
#include "core/jsonx.h"
#include "llm/client.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Extracts from text and returns the compact sorted dump ("" on failure; caller frees). */
static char *extract(const char *text)
{
    json_t *v = NULL;
    if (llm_extract_json(text, strlen(text), &v) < 0)
        return strdup("");
    char *s = jsonx_dump(v);
    json_decref(v);
    return s;
}

static void case_ok(const char *text, const char *want, const char *what)
{
    char *got = extract(text);
    is_str(got, want, "%s", what);
    free(got);
}

static void case_none(const char *text, const char *what)
{
    json_t *v = (json_t *)1;
    is_int(llm_extract_json(text, strlen(text), &v), -EINVAL, "%s", what);
    ok(v == NULL, "%s: out is NULL", what);
}

int main(void)
{
    case_ok("{\"a\": 1}", "{\"a\":1}", "bare object");
    case_ok("  \n{\"a\": 1}\n\n", "{\"a\":1}", "surrounding whitespace");
    case_ok("\xEF\xBB\xBF{\"a\": 1}", "{\"a\":1}", "byte-order mark");
    case_ok("```json\n{\"a\": 1}\n```", "{\"a\":1}", "json fence");
    case_ok("```JSON\n{\"a\": 1}\n```", "{\"a\":1}", "upper-case tag");
    case_ok("```\n{\"a\": 1}\n```", "{\"a\":1}", "fence without tag");
    case_ok("Here it is:\n```json\n{\"a\": {\"b\": [1, 2]}}\n```\nEnjoy {x}.",
            "{\"a\":{\"b\":[1,2]}}", "fence with prose around it");
    case_ok("```python\nprint(1)\n```\nand\n```json\n{\"a\": 2}\n```", "{\"a\":2}",
            "second fence when the first is not JSON");
    case_ok("```json\n{\"a\": 3}", "{\"a\":3}", "unterminated fence (truncated answer)");
    case_ok("The spec is {\"a\": \"x}y\"} as requested.", "{\"a\":\"x}y\"}",
            "prose around, brace inside a string");
    case_ok("Use {braces} like {\"a\": \"q\\\"{\"} ok", "{\"a\":\"q\\\"{\"}",
            "a brace pair that is not JSON comes first");
    case_ok("{\"a\": [1, 2,], \"b\": 1,}", "{\"a\":[1,2],\"b\":1}", "trailing commas");
    case_ok("{\n  // the name\n  \"a\": 1 /* one */\n}", "{\"a\":1}", "comments");
    case_ok("{\"url\": \"http://x/y\", \"s\": \"a,]\"}", "{\"s\":\"a,]\",\"url\":\"http://x/y\"}",
            "comment and comma look-alikes inside strings are kept");
    case_ok("{\"s\": \"\\u00e9t\\u00e9\"}", "{\"s\":\"\xC3\xA9t\xC3\xA9\"}", "unicode escapes");
    case_ok("{\"a\": {\"b\": {}}} trailing {\"c\": 1}", "{\"a\":{\"b\":{}}}",
            "first complete object wins");

    case_ok("<think>Maybe {\"a\": 0}? No.</think>\n{\"a\": 1}", "{\"a\":1}",
            "reasoning block skipped");
    case_ok("<think>{\"x\": 1}</think><think>{\"y\": 2}</think>```json\n{\"a\": 2}\n```",
            "{\"a\":2}", "after the last </think>");
    case_none("<think>{\"a\": 1}</think> I give up.", "JSON only inside the reasoning");

    case_none("", "empty text");
    case_none("I cannot help with that.", "no JSON at all");
    case_none("[1, 2, 3]", "an array is not an object");
    case_none("\"just a string\"", "a string is not an object");
    case_none("{\"a\": 1", "unbalanced");
    case_none("{\"a\": 1, \"a\": 2}", "duplicate keys refused");
    case_none("{\"a\": \"\xff\"}", "invalid UTF-8");

    json_t *v = NULL;
    is_int(llm_extract_json("{\"a\":1}\0{", 9, &v), -EINVAL, "NUL byte refused");
    is_int(llm_extract_json(NULL, 0, &v), -EINVAL, "NULL text");

    /* deep nesting stops at the jsonx depth limit */
    size_t n = 10000;
    char *deep = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        deep[i] = i % 2 ? '[' : '{';
        deep[2 * n - 1 - i] = i % 2 ? ']' : '}';
    }
    deep[2 * n] = '\0';
    is_int(llm_extract_json(deep, 2 * n, &v), -EINVAL, "10,000-deep nesting refused");
    free(deep);

    /* many stray braces: bounded work, still found */
    size_t m = 100000;
    char *noisy = malloc(m + 32);
    memset(noisy, '{', m);
    strcpy(noisy + m, "{\"a\": 1}");
    is_int(llm_extract_json(noisy, strlen(noisy), &v), -EINVAL,
           "100,000 stray braces: gives up after the candidate limit");
    free(noisy);

    char *big = malloc(LLM_MAX_RESPONSE + 2);
    memset(big, ' ', LLM_MAX_RESPONSE + 1);
    big[0] = '{';
    big[1] = '}';
    big[LLM_MAX_RESPONSE + 1] = '\0';
    is_int(llm_extract_json(big, LLM_MAX_RESPONSE + 1, &v), -EINVAL, "over LLM_MAX_RESPONSE");
    free(big);
    return tap_done();
}
