/* Escaping helpers for codegen (see escape.h): Python, Markdown, YAML and shell. */
#include "codegen/escape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int put_hex(struct buf *b, unsigned char c)
{
    return buf_printf(b, "\\x%02x", c);
}

/* A double-quoted literal with C-style escapes: the same syntax is valid Python and valid
 * YAML ("\"", "\\", "\n", "\r", "\t", "\xNN"). */
static int esc_double_quoted(struct buf *b, const char *s)
{
    int rc = buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; rc == 0 && *p; p++) {
        switch (*p) {
        case '"':
            rc = buf_puts(b, "\\\"");
            break;
        case '\\':
            rc = buf_puts(b, "\\\\");
            break;
        case '\n':
            rc = buf_puts(b, "\\n");
            break;
        case '\r':
            rc = buf_puts(b, "\\r");
            break;
        case '\t':
            rc = buf_puts(b, "\\t");
            break;
        default:
            rc = *p < 0x20 || *p == 0x7f ? put_hex(b, *p) : buf_putc(b, (char)*p);
        }
    }
    return rc ? rc : buf_putc(b, '"');
}

int cg_esc_py_str(struct buf *b, const char *s)
{
    return esc_double_quoted(b, s);
}

int cg_esc_py_docstring(struct buf *b, const char *s)
{
    int rc = buf_puts(b, "\"\"\"");
    size_t start = b->len;
    for (const unsigned char *p = (const unsigned char *)s; rc == 0 && *p; p++) {
        if (*p == '"' || *p == '\\')
            rc = buf_printf(b, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            rc = buf_putc(b, ' ');
        else
            rc = buf_putc(b, (char)*p);
    }
    /* A docstring may not end in a space before the closing quotes (style), nor be empty. */
    while (rc == 0 && b->len > start && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    return rc ? rc : buf_puts(b, "\"\"\"");
}

int cg_esc_py_comment(struct buf *b, const char *s)
{
    /* Controls become spaces; none at the end, where a linter calls them trailing. */
    size_t n = strlen(s);
    while (n > 0 && ((unsigned char)s[n - 1] <= 0x20 || s[n - 1] == 0x7f))
        n--;
    int rc = 0;
    for (const unsigned char *p = (const unsigned char *)s;
         rc == 0 && p < (const unsigned char *)s + n; p++)
        rc = buf_putc(b, *p < 0x20 || *p == 0x7f ? ' ' : (char)*p);
    return rc;
}

int cg_esc_md(struct buf *b, const char *s)
{
    int rc = 0;
    for (const unsigned char *p = (const unsigned char *)s; rc == 0 && *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            rc = buf_putc(b, ' ');
        else if (strchr("\\`*_{}[]<>#|~&", *p) ||
                 (p == (const unsigned char *)s && strchr("-+=", *p)))
            rc = buf_printf(b, "\\%c", *p);
        else
            rc = buf_putc(b, (char)*p);
    }
    return rc;
}

int cg_esc_yaml(struct buf *b, const char *s)
{
    return esc_double_quoted(b, s);
}

int cg_esc_shell(struct buf *b, const char *s)
{
    int rc = buf_putc(b, '\'');
    for (const char *p = s; rc == 0 && *p; p++)
        rc = *p == '\'' ? buf_puts(b, "'\\''") : buf_putc(b, *p);
    return rc ? rc : buf_putc(b, '\'');
}

int cg_py_number(struct buf *b, const json_t *v)
{
    if (json_is_integer(v))
        return buf_printf(b, "%lld", (long long)json_integer_value(v));
    double d = json_number_value(v);
    char tmp[40];
    /* The shortest precision that reads back exactly, like Python's own repr(). */
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    int rc = buf_puts(b, tmp);
    if (rc == 0 && !strpbrk(tmp, ".eEn"))
        rc = buf_puts(b, ".0"); /* stays a float in Python */
    return rc;
}

static int literal(struct buf *b, const json_t *v, int depth)
{
    if (depth > 32)
        return -EINVAL;
    switch (json_typeof(v)) {
    case JSON_NULL:
        return buf_puts(b, "None");
    case JSON_TRUE:
        return buf_puts(b, "True");
    case JSON_FALSE:
        return buf_puts(b, "False");
    case JSON_INTEGER:
    case JSON_REAL:
        return cg_py_number(b, v);
    case JSON_STRING:
        return cg_esc_py_str(b, json_string_value(v));
    case JSON_ARRAY: {
        int rc = buf_putc(b, '[');
        size_t i;
        const json_t *item;
        json_array_foreach(v, i, item)
        {
            if (rc == 0 && i > 0)
                rc = buf_puts(b, ", ");
            if (rc == 0)
                rc = literal(b, item, depth + 1);
        }
        return rc ? rc : buf_putc(b, ']');
    }
    case JSON_OBJECT: {
        int rc = buf_putc(b, '{');
        const char *key;
        const json_t *item;
        int first = 1;
        json_object_foreach((json_t *)v, key, item)
        {
            if (rc == 0 && !first)
                rc = buf_puts(b, ", ");
            first = 0;
            if (rc == 0)
                rc = cg_esc_py_str(b, key);
            if (rc == 0)
                rc = buf_puts(b, ": ");
            if (rc == 0)
                rc = literal(b, item, depth + 1);
        }
        return rc ? rc : buf_putc(b, '}');
    }
    }
    return -EINVAL;
}

int cg_py_literal(struct buf *b, const json_t *v)
{
    return literal(b, v, 0);
}
