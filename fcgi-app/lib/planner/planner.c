/* Offline planner: English prompt → raw BackendSpec v1, deterministically. This file
 * runs the steps in order (plan.h lists the modules); review runs on its output like on any
 * other spec. */
#include "planner/planner.h"

#include "planner/plan.h"
#include "spec/review.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Products whose name says what they store: "a URL shortener" keeps links. */
static void implied_entities(struct plan *p)
{
    static const struct join_verb products[] = {
        {"shortener", "link"}, {"bookmarker", "link"},   {"to-do", "task"}, {"todo", "task"},
        {"blog", "post"},      {"guestbook", "message"}, {NULL, NULL}};
    if (p->ne > 0)
        return;
    for (int i = 0; i < p->nt; i++)
        for (const struct join_verb *q = products; q->verb; q++)
            if (tokens_is_word(p, i, q->verb)) {
                const struct vocab_entity *v = NULL;
                for (size_t k = 0; k < vocab_n_entities && !v; k++)
                    if (strcmp(vocab_entities[k].name, q->entity) == 0)
                        v = &vocab_entities[k];
                if (entities_add(p, q->entity, v, i, i + 1) >= 0)
                    p->t[i].used = true;
                return;
            }
}

/* Does entity e refer to entity par by a reference deleted with it? */
static bool part_of(const struct entity *e, int par)
{
    for (int f = 0; f < e->nfields; f++)
        if (e->fields[f].ref == par && e->fields[f].on_delete &&
            strcmp(e->fields[f].on_delete, "cascade") == 0)
            return true;
    return false;
}

/* "orders have many items": a generic item under an order is an order item. */
static void refine_items(struct plan *p)
{
    for (int k = 0; k < p->ne; k++) {
        if (strcmp(p->e[k].snake, "item") != 0)
            continue;
        for (int par = 0; par < p->ne; par++) {
            /* a part of its parent (cascade: "orders have many items"), not a row that
             * only refers to one ("the station where it was found") */
            if (!p->parent[k][par] || !part_of(&p->e[k], par))
                continue;
            char snake[NAME_MAX_ + 8];
            snprintf(snake, sizeof(snake), "%s_item", p->e[par].snake);
            if (strlen(snake) >= NAME_MAX_ || entities_find(p, snake) >= 0)
                break;
            snprintf(p->e[k].snake, sizeof(p->e[k].snake), "%s", snake);
            char n[NAME_MAX_];
            notes_add(p, p->understood, "items of %s are %s",
                      entities_pascal(p->e[par].snake, n, sizeof(n)), snake);
            break;
        }
    }
}

int planner_init(void)
{
    int a = parse_init(), b = lexicon_init();
    return a < 0 ? a : b;
}

/* What plan_prompt() gives: the raw spec, the notes, and the last review of the spec. */
struct planned {
    json_t *spec, *notes, *normalized;
    struct review *rv;
    int reviewed; /* review_spec()'s result */
};

static void plan_free(struct plan *p)
{
    if (!p)
        return;
    json_decref(p->understood);
    json_decref(p->guessed);
    json_decref(p->ignored);
    free(p->readings);
    free(p);
}

static struct plan *plan_new(const char *prompt)
{
    struct plan *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->text = prompt;
    p->understood = json_array();
    p->guessed = json_array();
    p->ignored = json_array();
    p->readings = calloc(MAX_READINGS, sizeof(*p->readings));
    if (!p->understood || !p->guessed || !p->ignored || !p->readings) {
        plan_free(p);
        return NULL;
    }
    return p;
}

/* The steps that read the prompt into p's entities, fields and relations, in order.
 * Returns how many entities are left for the spec. */
static int read_prompt(struct plan *p, const char *prompt, size_t len)
{
    tokens_split(p, prompt, len);
    mentions_find(p);
    owners_detect_auth(p);
    int cs = 0;
    for (int i = 0; i <= p->nt; i++)
        if (i == p->nt || p->t[i].kind == T_STOP) {
            if (i > cs)
                phrases_clause(p, cs, i);
            cs = i + 1;
        }
    mentions_leftover(p);
    reading_sentences(p);
    implied_entities(p);
    refine_items(p);
    relations_from_vocab(p);
    for (int q = 0; q < p->nreadings; q++)
        acts_objects(p, &p->readings[q]);
    clauses_another_rows(p); /* over the references every reading made */
    emit_safe_names(p);
    /* the generated auth owns users: never an entity */
    for (int k = 0; k < p->ne; k++)
        if (p->auth && words_in(p->e[k].snake, (const char *const[]){"user", "account", NULL}))
            p->e[k].dropped = true;
    owners_finish(p);
    int live = 0;
    for (int k = 0; k < p->ne; k++)
        live += !p->e[k].dropped;
    return live;
}

/* The spec of what was read, reviewed (and mended for review), with the notes. description:
 * the prompt without its leading space. */
static int emit_reviewed(struct plan *p, const char *description, size_t len, struct planned *out)
{
    char slug[128], title[160];
    emit_name_and_title(p, slug, sizeof(slug), title, sizeof(title));
    notes_ignored(p);
    json_t *spec = emit_spec(p, description, len, slug, title);
    if (!spec)
        return -ENOMEM;
    out->reviewed = mend_for_review(p, spec, &out->normalized, out->rv);
    json_t *notes = out->reviewed == -ENODATA || out->reviewed == -ENOMEM
                        ? NULL
                        : json_pack("{s:O, s:O, s:O}", "understood", p->understood, "guessed",
                                    p->guessed, "ignored", p->ignored);
    if (!notes) {
        json_decref(spec);
        return out->reviewed == -ENODATA ? -ENODATA : -ENOMEM;
    }
    out->spec = spec;
    out->notes = notes;
    return 0;
}

static int plan_prompt(const char *prompt, size_t len, struct planned *out)
{
    if (!prompt || len == 0 || len > PLANNER_MAX_PROMPT ||
        !tokens_valid_utf8((const unsigned char *)prompt, len))
        return -EINVAL;
    size_t st = 0;
    while (st < len && isspace((unsigned char)prompt[st]))
        st++;
    if (st == len)
        return -EINVAL;
    struct plan *p = plan_new(prompt);
    if (!p)
        return -ENOMEM;
    int r =
        read_prompt(p, prompt, len) == 0 ? -ENODATA : emit_reviewed(p, prompt + st, len - st, out);
    plan_free(p);
    return r;
}

int planner_plan(const char *prompt, size_t len, json_t **spec_out, json_t **notes_out)
{
    if (!spec_out || !notes_out)
        return -EINVAL;
    struct review rv;
    review_init(&rv);
    struct planned out = {.rv = &rv};
    int r = plan_prompt(prompt, len, &out);
    *spec_out = out.spec;
    *notes_out = out.notes;
    json_decref(out.normalized);
    review_clear(&rv);
    return r;
}

int planner_plan_reviewed(const char *prompt, size_t len, json_t **normalized_out,
                          json_t **notes_out, struct review *rv)
{
    if (!normalized_out || !notes_out || !rv)
        return -EINVAL;
    struct planned out = {.rv = rv};
    int r = plan_prompt(prompt, len, &out);
    json_decref(out.spec);
    *normalized_out = out.normalized;
    *notes_out = out.notes;
    return r < 0 ? r : out.reviewed;
}
