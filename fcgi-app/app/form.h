/* application/x-www-form-urlencoded text: percent-decoding (query strings, path segments,
 * form bodies) and `k=v&k2=v2` lists with their limits. Everything lives in the request
 * arena. */
#pragma once
#include "core/arena.h"

#include <stdbool.h>
#include <stddef.h>

#define FORM_MAX_FIELDS 64
#define FORM_MAX_KEY    256

struct form;

/* Parses `k=v&k2=v2` into the arena: percent-decoding, '+' as space, at most
 * FORM_MAX_FIELDS fields (-E2BIG) and keys of FORM_MAX_KEY bytes (-E2BIG); a bad escape
 * or a decoded NUL is -EINVAL. *out lives in the arena. */
int form_parse(struct arena *a, const char *data, size_t len, struct form **out);
/* First value for key, or NULL. Borrowed from the form. */
const char *form_get(const struct form *f, const char *key);
size_t form_count(const struct form *f);

/* Percent-decodes s[0..n) into the arena ('+' → ' ' when plus_is_space). -EINVAL for a
 * bad escape or a decoded NUL, -ENOMEM. */
int form_percent_decode(struct arena *a, const char *s, size_t n, bool plus_is_space, char **out);
