/* Escaping for every context a spec value is rendered into by codegen: each helper appends
 * the value to `b` in a form that reads back as the same text and can never become code. */
#pragma once
#include "core/buf.h"

#include <jansson.h>

/* "..." Python string literal: quotes, backslashes and control characters escaped. */
int cg_esc_py_str(struct buf *b, const char *s);
/* """...""" docstring on one line: backslashes and quotes escaped, newlines become spaces. */
int cg_esc_py_docstring(struct buf *b, const char *s);
/* Text for a Python "# ..." comment: control characters (newlines) become spaces, and
 * none is left at the end. */
int cg_esc_py_comment(struct buf *b, const char *s);
/* Inline Markdown text (a paragraph or table cell): punctuation that Markdown or HTML
 * would interpret is backslash-escaped (a leading - + = too, which would start a list or a
 * heading underline); newlines become spaces. */
int cg_esc_md(struct buf *b, const char *s);
/* "..." YAML double-quoted scalar. */
int cg_esc_yaml(struct buf *b, const char *s);
/* '...' POSIX shell single-quoted word. */
int cg_esc_shell(struct buf *b, const char *s);
/* A Python literal for a JSON value (None/True/False, numbers, str, list, dict). -EINVAL
 * for nesting deeper than 32. */
int cg_py_literal(struct buf *b, const json_t *v);
/* A Python number literal for a JSON number (shortest form that reads back exactly). */
int cg_py_number(struct buf *b, const json_t *v);
