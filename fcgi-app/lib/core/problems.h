/* A list of user-facing problems, each a JSON path and a plain sentence
 * ("$.entities[1].fields[0].default: \"many\" is not an integer"). Review errors and
 * warnings, request validation and the API's 422 details all use it. */
#pragma once
#include <jansson.h>
#include <stddef.h>

struct problem {
    char *path;    /* owned; "$" for the whole document */
    char *message; /* owned; a sentence without the path */
};

struct problems {
    struct problem *items; /* owned */
    size_t n;
    size_t max; /* adds past this are counted in `dropped` and otherwise ignored */
    size_t dropped;
};

void problems_init(struct problems *p, size_t max);
/* Frees every item; the list is empty and reusable afterwards. */
void problems_clear(struct problems *p);
/* 0, or -ENOMEM. Over the maximum counts as success (the first problems matter most). */
int problems_add(struct problems *p, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* New reference: [{"path": ..., "message": ...}, ...]; NULL when out of memory. */
json_t *problems_to_json(const struct problems *p);
