/* C API over ctemplate (template.cc is the only C++ in the project): dictionaries of
 * values and sections, and a per-render template cache, so no state outlives a render. */
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct tpl_dict;
struct tpl_cache;

/* A new root dictionary (caller tpl_dict_free()s), or NULL when out of memory. */
struct tpl_dict *tpl_dict_new(void);
/* Frees a root and all its section dictionaries; NULL and section dictionaries are ignored. */
void tpl_dict_free(struct tpl_dict *d);
/* Values are copied and emitted verbatim: callers escape for the output context first. */
int tpl_dict_set(struct tpl_dict *d, const char *key, const char *value); /* 0, -ENOMEM */
/* Shows {{#section}} once more with a new child dictionary; borrowed (freed with the root),
 * NULL when out of memory. Children see their parents' values. */
struct tpl_dict *tpl_dict_add_section(struct tpl_dict *d, const char *section);
int tpl_dict_show_section(struct tpl_dict *d, const char *section); /* 0, -ENOMEM */

/* A template cache private to one render (caller tpl_cache_free()s), NULL on ENOMEM. */
struct tpl_cache *tpl_cache_new(void);
void tpl_cache_free(struct tpl_cache *c); /* accepts NULL */
/* Parses `text` under `key`. 0, -EEXIST for a key already added, -EINVAL for a template
 * that does not parse, -ENOMEM. */
int tpl_cache_add(struct tpl_cache *c, const char *key, const char *text, size_t len);
/* Expands the template `key` with `d`. 0 and a malloc'ed, NUL-terminated *out (caller
 * free()s) of *len_out bytes; -ENOENT for an unknown key, -E2BIG past max_len, -EINVAL,
 * -ENOMEM. */
int tpl_render(struct tpl_cache *c, const char *key, const struct tpl_dict *d, size_t max_len,
               char **out, size_t *len_out);

#ifdef __cplusplus
}
#endif
