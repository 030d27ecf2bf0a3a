/* struct problems: collects what is wrong with user input, capped. */
#include "core/problems.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void problems_init(struct problems *p, size_t max)
{
    p->items = NULL;
    p->n = 0;
    p->max = max;
    p->dropped = 0;
}

void problems_clear(struct problems *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->items[i].path);
        free(p->items[i].message);
    }
    free(p->items);
    problems_init(p, p->max);
}

int problems_add(struct problems *p, const char *path, const char *fmt, ...)
{
    if (p->n >= p->max) {
        p->dropped++;
        return 0;
    }
    struct problem *items = realloc(p->items, (p->n + 1) * sizeof(*items));
    if (!items)
        return -ENOMEM;
    p->items = items;
    char *message = NULL;
    va_list ap;
    va_start(ap, fmt);
    int r = vasprintf(&message, fmt, ap);
    va_end(ap);
    char *path_copy = strdup(path ? path : "$");
    if (r < 0 || !path_copy) {
        free(path_copy);
        if (r >= 0)
            free(message);
        return -ENOMEM;
    }
    items[p->n].path = path_copy;
    items[p->n].message = message;
    p->n++;
    return 0;
}

json_t *problems_to_json(const struct problems *p)
{
    json_t *list = json_array();
    if (!list)
        return NULL;
    for (size_t i = 0; i < p->n; i++) {
        json_t *item =
            json_pack("{s:s, s:s}", "path", p->items[i].path, "message", p->items[i].message);
        if (!item || json_array_append_new(list, item) < 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}
