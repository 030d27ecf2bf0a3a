/* A plan reviewed as the pipeline will review it: an entity or field that review refuses is
 * left out, with a note, rather than failing the whole prompt. The rules should never make
 * such a plan (the prompt sets and the fuzz target check that, and each case found is fixed
 * at its cause); this keeps a prompt in words no rule foresaw from failing on one name. */
#include "planner/plan.h"
#include "spec/review.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rounds of review and removal: each removal can only shrink the spec, and a refusal that
 * survives a few rounds is reported to the pipeline as review's errors. */
#define MEND_ROUNDS 4

/* What an error points at: entity e, and field f of it or -1, and review's words. */
struct target {
    int e, f;
    const char *why;
};

/* The entity (and field) of review's error path "$.entities[3].fields[1].name"; false when
 * the error is about the whole spec ("$.description"). */
static bool error_target(const char *path, struct target *t)
{
    int n = 0;
    t->f = -1;
    if (sscanf(path, "$.entities[%d].fields[%d]%n", &t->e, &t->f, &n) == 2 && n > 0)
        return t->e >= 0 && t->f >= 0;
    t->f = -1;
    n = 0;
    return sscanf(path, "$.entities[%d]%n", &t->e, &n) == 1 && n > 0 && t->e >= 0;
}

/* Later entities first, and within one, the entity before its fields and later fields
 * before earlier ones, so that each removal leaves the indexes still to remove as they were
 * and a removed entity's fields are skipped. */
static int later_first(const void *a, const void *b)
{
    const struct target *x = a, *y = b;
    if (x->e != y->e)
        return y->e - x->e;
    return y->f - x->f == 0 ? 0 : x->f < 0 ? -1 : y->f < 0 ? 1 : y->f - x->f;
}

static const char *entity_name(const json_t *ents, int e)
{
    const char *s = json_string_value(json_object_get(json_array_get(ents, (size_t)e), "name"));
    return s ? s : "?";
}

/* Removes entity e and every reference to it. */
static void drop_entity(json_t *ents, int e)
{
    char name[NAME_MAX_];
    snprintf(name, sizeof(name), "%s", entity_name(ents, e));
    json_array_remove(ents, (size_t)e);
    size_t i;
    json_t *ent;
    json_array_foreach(ents, i, ent)
    {
        json_t *fields = json_object_get(ent, "fields");
        for (size_t j = json_array_size(fields); j-- > 0;) {
            const char *to =
                json_string_value(json_object_get(json_array_get(fields, j), "entity"));
            if (to && strcmp(to, name) == 0)
                json_array_remove(fields, j);
        }
    }
}

/* Removes one target, with a note quoting review: a field, or its entity when it is the
 * entity's last field. */
static void drop_target(struct plan *p, json_t *ents, const struct target *x)
{
    json_t *fields = json_object_get(json_array_get(ents, (size_t)x->e), "fields");
    if (x->f >= 0 && (size_t)x->f < json_array_size(fields) && json_array_size(fields) > 1) {
        const char *field =
            json_string_value(json_object_get(json_array_get(fields, (size_t)x->f), "name"));
        notes_add(p, p->ignored, "field %s.%s left out: %s", entity_name(ents, x->e),
                  field ? field : "?", x->why);
        json_array_remove(fields, (size_t)x->f);
        return;
    }
    notes_add(p, p->ignored, "entity %s left out: %s", entity_name(ents, x->e), x->why);
    drop_entity(ents, x->e);
}

/* Removes what review's errors point at; false when none points at an entity or field. */
static bool drop_targets(struct plan *p, json_t *ents, const struct problems *errors)
{
    struct target *t = calloc(errors->n ? errors->n : 1, sizeof(*t));
    size_t n = 0;
    for (size_t k = 0; t && k < errors->n; k++)
        if (error_target(errors->items[k].path, &t[n]) && t[n].e < (int)json_array_size(ents)) {
            t[n].why = errors->items[k].message;
            n++;
        }
    if (t)
        qsort(t, n, sizeof(*t), later_first);
    int gone = -1; /* the entity last removed: its fields went with it */
    for (size_t k = 0; k < n; k++) {
        bool again = k > 0 && t[k - 1].e == t[k].e && t[k - 1].f == t[k].f;
        if (again || t[k].e == gone)
            continue;
        size_t before = json_array_size(ents);
        drop_target(p, ents, &t[k]);
        if (json_array_size(ents) < before)
            gone = t[k].e;
    }
    free(t);
    return n > 0;
}

int mend_for_review(struct plan *p, json_t *spec, json_t **normalized_out, struct review *rv)
{
    json_t *ents = json_object_get(spec, "entities");
    *normalized_out = NULL;
    for (int round = 0;; round++) {
        review_clear(rv);
        int r = review_spec(spec, normalized_out, rv);
        if (r != -EINVAL || round == MEND_ROUNDS || !drop_targets(p, ents, &rv->errors))
            return r;
        if (json_array_size(ents) == 0)
            return -ENODATA;
    }
}
