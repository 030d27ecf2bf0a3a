/* Limits in front of jansson: jansson's own depth cap is a compile-time 2048 and its
 * errors mention internals, so we pre-scan and phrase errors ourselves. */
#include "core/jsonx.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

size_t jsonx_depth(const char *data, size_t len, size_t stop)
{
    size_t depth = 0, max = 0;
    bool in_string = false, escaped = false;
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max) {
                max = depth;
                if (max > stop)
                    return max;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return max;
}

int jsonx_parse(const char *data, size_t len, size_t max_len, size_t max_depth, json_t **out,
                char *err, size_t err_size)
{
    *out = NULL;
    if (len > max_len) {
        snprintf(err, err_size, "JSON body is larger than %zu bytes", max_len);
        return -E2BIG;
    }
    if (memchr(data, '\0', len)) {
        snprintf(err, err_size, "JSON body contains a NUL byte");
        return -EINVAL;
    }
    if (jsonx_depth(data, len, max_depth) > max_depth) {
        snprintf(err, err_size, "JSON is nested deeper than %zu levels", max_depth);
        return -ELOOP;
    }
    json_error_t jerr;
    json_t *v = json_loadb(data, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
    if (!v) {
        if (json_error_code(&jerr) == json_error_invalid_utf8)
            snprintf(err, err_size, "JSON is not valid UTF-8 (near byte %d)", jerr.position);
        else
            snprintf(err, err_size, "malformed JSON at line %d, column %d: %s", jerr.line,
                     jerr.column, jerr.text);
        return -EINVAL;
    }
    *out = v;
    return 0;
}

const char *jsonx_str(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

bool jsonx_bool(const json_t *obj, const char *key, bool fallback)
{
    json_t *v = json_object_get(obj, key);
    return json_is_boolean(v) ? json_is_true(v) : fallback;
}

char *jsonx_dump(const json_t *v)
{
    return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

const char *jsonx_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}
