/* Constraints from the words: ranges ("from 1 to 5", "up to 200 characters"), enums
 * ("(low, medium, high)", "either draft or published"), required, unique, optional and defaults.
 */
#include "planner/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "(string)", "(int, required)", "(unique)": when every word in the parentheses is a type
 * or a constraint, they say how the field is stored. Returns whether they all were. */
static bool type_hints(struct field *f, const char *vals)
{
    static const struct join_verb types[] = {{"string", "string"},
                                             {"str", "string"},
                                             {"varchar", "string"},
                                             {"text", "text"},
                                             {"int", "integer"},
                                             {"integer", "integer"},
                                             {"number", "integer"},
                                             {"float", "float"},
                                             {"double", "float"},
                                             {"decimal", "decimal"},
                                             {"money", "decimal"},
                                             {"bool", "boolean"},
                                             {"boolean", "boolean"},
                                             {"date", "date"},
                                             {"datetime", "datetime"},
                                             {"timestamp", "datetime"},
                                             {"uuid", "uuid"},
                                             {"email", "email"},
                                             {"url", "url"},
                                             {"json", "json"},
                                             {NULL, NULL}};
    char tmp[VALUES_MAX];
    snprintf(tmp, sizeof(tmp), "%s", vals);
    const char *type = NULL;
    bool required = false, unique = false, optional = false;
    for (char *save = NULL, *w = strtok_r(tmp, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
        const char *t = NULL;
        for (const struct join_verb *q = types; q->verb && !t; q++)
            if (strcmp(w, q->verb) == 0)
                t = q->entity;
        if (t)
            type = t;
        else if (strcmp(w, "required") == 0 || strcmp(w, "mandatory") == 0)
            required = true;
        else if (strcmp(w, "unique") == 0)
            unique = true;
        else if (strcmp(w, "optional") == 0)
            optional = true;
        else
            return false;
    }
    if (type && strcmp(type, f->type) != 0) {
        f->type = type;
        f->has_min = f->has_max = f->has_default = false;
        f->max_length = strcmp(type, "string") == 0 ? 255 : 0;
        f->values[0] = '\0';
        if (strcmp(type, "boolean") == 0) {
            f->has_default = true;
            snprintf(f->def, sizeof(f->def), "false");
        }
    }
    f->required = (f->required || required) && !optional;
    f->unique |= unique;
    return true;
}

/* After a field: "(low, medium, high)" → enum values; "(1-5)", "from 1 to 5" → limits. */
void constraints_enum_or_range(struct plan *p, struct field *f, int *pi, int end)
{
    int i = *pi;
    long nums[2];
    int nn = 0;
    if (i >= 0 && i + 3 < end &&
        (tokens_is_word(p, i, "from") || tokens_is_word(p, i, "between")) &&
        tokens_is_number(p->t[i + 1].w) &&
        (tokens_is_word(p, i + 2, "to") || tokens_is_word(p, i + 2, "and") ||
         p->t[i + 2].kind == T_COMMA) &&
        tokens_is_number(p->t[i + 3].w)) {
        nums[0] = strtol(p->t[i + 1].w, NULL, 10);
        nums[1] = strtol(p->t[i + 3].w, NULL, 10);
        nn = 2;
        tokens_mark_used(p, i, i + 4);
        *pi = i + 4;
    } else if (i < end && p->t[i].kind == T_LPAREN) {
        int close = -1;
        for (int j = i + 1; j < end && j < i + 40; j++)
            if (p->t[j].kind == T_RPAREN) {
                close = j;
                break;
            }
        if (close < 0)
            return;
        char vals[VALUES_MAX] = "";
        size_t vn = 0;
        int nv = 0, nnum = 0;
        char cur[NAME_MAX_] = "";
        for (int j = i + 1; j <= close; j++) {
            bool sep = j == close || p->t[j].kind == T_COMMA || tokens_is_word(p, j, "or") ||
                       tokens_is_word(p, j, "and");
            if (!sep && p->t[j].kind == T_WORD) {
                if (tokens_is_number(p->t[j].w) && nnum < 2)
                    nums[nnum++] = strtol(p->t[j].w, NULL, 10);
                size_t cl = strlen(cur);
                snprintf(cur + cl, sizeof(cur) - cl, "%s%s", cl ? "_" : "", p->t[j].w);
                continue;
            }
            if (!cur[0])
                continue;
            char v[NAME_MAX_];
            if (inflect_snake(cur, v, sizeof(v)) == 0 && v[0] && nv < 20 &&
                vn + strlen(v) + 2 < sizeof(vals)) {
                /* the same value twice would make review refuse the enum */
                bool dup = false;
                char tmp[VALUES_MAX];
                snprintf(tmp, sizeof(tmp), "%s", vals);
                for (char *save = NULL, *s = strtok_r(tmp, "|", &save); s;
                     s = strtok_r(NULL, "|", &save))
                    if (strcmp(s, v) == 0)
                        dup = true;
                if (!dup) {
                    vn += (size_t)snprintf(vals + vn, sizeof(vals) - vn, "%s%s", vn ? "|" : "", v);
                    nv++;
                }
            }
            cur[0] = '\0';
        }
        if (nv > 0 && type_hints(f, vals)) {
            tokens_mark_used(p, i, close + 1);
            *pi = close + 1;
            return;
        }
        bool numeric = strcmp(f->type, "integer") == 0 || strcmp(f->type, "float") == 0 ||
                       strcmp(f->type, "decimal") == 0;
        if (numeric && nnum == 2) {
            nn = 2;
        } else if (nv >= 2 && nnum == 0 && strcmp(f->type, "boolean") != 0 &&
                   strcmp(f->type, "reference") != 0) {
            f->type = "enum";
            snprintf(f->values, sizeof(f->values), "%s", vals);
            f->max_length = 0;
            f->has_min = false;
            /* the first listed value is the natural default */
            char first[NAME_MAX_];
            snprintf(first, sizeof(first), "%.*s", (int)strcspn(vals, "|"), vals);
            f->has_default = true;
            snprintf(f->def, sizeof(f->def), "%.*s", (int)sizeof(f->def) - 1, first);
        } else {
            return;
        }
        tokens_mark_used(p, i, close + 1);
        *pi = close + 1;
    }
    if (nn == 2 && nums[0] <= nums[1] &&
        (strcmp(f->type, "integer") == 0 || strcmp(f->type, "float") == 0 ||
         strcmp(f->type, "decimal") == 0)) {
        f->has_min = f->has_max = true;
        f->min = nums[0];
        f->max = nums[1];
    }
}

/* The entity a sentence is about at token i: the nearest noun before it (or at it) that
 * the parser tied to an entity, in the same sentence; -1. */
static int entity_before(const struct plan *p, const short *te, int i)
{
    for (int j = i; j >= 0 && p->t[j].kind != T_STOP; j--)
        if (te[j] >= 0 && !p->e[te[j]].dropped)
            return te[j];
    return -1;
}

static bool numeric_type(const struct field *f)
{
    return !strcmp(f->type, "integer") || !strcmp(f->type, "float") || !strcmp(f->type, "decimal");
}

/* Words A, B or C from token i (for "one of open, closed, archived") into vals as an enum
 * list; returns the index after them, or i when fewer than two values. */
static int value_list(const struct plan *p, int i, char *vals, size_t size)
{
    int j = i, nv = 0;
    size_t vn = 0;
    vals[0] = '\0';
    while (j < p->nt && p->t[j].kind == T_WORD && nv < 20) {
        char v[NAME_MAX_];
        if (!tokens_is_content(p, j) || inflect_snake(p->t[j].w, v, sizeof(v)) < 0 || !v[0] ||
            vn + strlen(v) + 2 >= size)
            break;
        vn += (size_t)snprintf(vals + vn, size - vn, "%s%s", vn ? "|" : "", v);
        nv++;
        j++;
        if (j < p->nt &&
            (p->t[j].kind == T_COMMA || tokens_is_word(p, j, "or") || tokens_is_word(p, j, "and")))
            j++;
        if (tokens_is_word(p, j, "or") || tokens_is_word(p, j, "and"))
            j++;
    }
    return nv >= 2 ? j : i;
}

static void set_enum(struct field *f, const char *vals)
{
    f->type = "enum";
    snprintf(f->values, sizeof(f->values), "%s", vals);
    f->max_length = 0;
    f->has_min = f->has_max = false;
    f->has_default = true;
    snprintf(f->def, sizeof(f->def), "%.*s", (int)strcspn(vals, "|"), vals);
}

/* Constraints said in words after a field's name: "a title of up to 200 characters", "a
 * score between 0 and 100", "at least 1", "a state that is one of open, closed, archived",
 * "defaults to 3"; and "articles are either draft or published" (a status enum). */
void constraints_read(struct plan *p)
{
    short te[MAX_TOKENS];
    for (int i = 0; i < p->nt; i++)
        te[i] = -1;
    for (int q = 0; q < p->nreadings; q++)
        for (int j = 0; j < p->readings[q].n; j++)
            if (p->readings[q].ent[j] >= 0)
                te[p->readings[q].tok[j]] = (short)p->readings[q].ent[j];
    for (int i = 0; i < p->nt; i++) {
        if (p->t[i].kind != T_WORD)
            continue;
        char vals[VALUES_MAX], en[NAME_MAX_], from[SNIPPET_MAX + 8];
        if (tokens_is_word(p, i, "either")) {
            int k = entity_before(p, te, i);
            int j = value_list(p, i + 1, vals, sizeof(vals));
            if (k >= 0 && j > i + 1) {
                struct field *f = fields_add(p, k, "status", true);
                if (f && strcmp(f->type, "reference") != 0) {
                    set_enum(f, vals);
                    tokens_mark_used(p, i, j);
                    tokens_snippet(p, i, j, from, sizeof(from));
                    notes_add(p, p->understood, "field %s.status: enum (from \"%s\")",
                              entities_pascal(p->e[k].snake, en, sizeof(en)), from);
                }
            }
            continue;
        }
        int k = entity_before(p, te, i);
        if (k < 0)
            continue;
        struct entity *e = &p->e[k];
        int fi = fields_find(e, p->t[i].s);
        if (fi < 0)
            fi = fields_find(e, p->t[i].w);
        int j = tokens_skip(p, i + 1, p->nt,
                            (const char *const[]){"that", "which", "is", "are", "of", "must", "be",
                                                  "can", "should", "will", "has", NULL});
        /* "a level that is one of beginner, ...": the list makes the noun a field */
        if (fi < 0 && te[i] < 0 && tokens_is_word(p, j, "one") && tokens_is_word(p, j + 1, "of") &&
            !tokens_is_plural(&p->t[i]) && value_list(p, j + 2, vals, sizeof(vals)) > j + 2 &&
            fields_add(p, k, p->t[i].s, true))
            fi = fields_find(e, p->t[i].s);
        if (fi < 0 || e->fields[fi].ref >= 0)
            continue;
        struct field *f = &e->fields[fi];
        long n1 = 0, n2 = 0;
        bool said = false;
        if (tokens_is_word(p, j, "one") && tokens_is_word(p, j + 1, "of")) {
            int end = value_list(p, j + 2, vals, sizeof(vals));
            if (end > j + 2) {
                set_enum(f, vals);
                j = end;
                said = true;
            }
        } else if (((tokens_is_word(p, j, "up") || tokens_is_word(p, j, "at")) &&
                    (tokens_is_word(p, j + 1, "to") || tokens_is_word(p, j + 1, "most")) &&
                    tokens_is_number(p->t[j + 2].w)) ||
                   (tokens_word_in(p, j, (const char *const[]){"max", "maximum", NULL}) &&
                    tokens_is_number(p->t[j + 1].w))) {
            int at = tokens_is_number(p->t[j + 1].w) ? j + 1 : j + 2;
            n1 = strtol(p->t[at].w, NULL, 10);
            j = at + 1;
            bool chars = tokens_word_in(
                p, j, (const char *const[]){"characters", "chars", "letters", NULL});
            if (chars && strcmp(f->type, "string") == 0 && n1 > 0 && n1 <= 10000) {
                f->max_length = (int)n1;
                j++;
                said = true;
            } else if (numeric_type(f) && !chars) {
                f->has_max = true;
                f->max = n1;
                said = true;
            }
        } else if (tokens_is_word(p, j, "at") && tokens_is_word(p, j + 1, "least") &&
                   tokens_is_number(p->t[j + 2].w) && numeric_type(f)) {
            f->has_min = true;
            f->min = strtol(p->t[j + 2].w, NULL, 10);
            j += 3;
            said = true;
        } else if ((tokens_is_word(p, j, "between") || tokens_is_word(p, j, "from")) &&
                   tokens_is_number(p->t[j + 1].w) &&
                   (tokens_is_word(p, j + 2, "and") || tokens_is_word(p, j + 2, "to")) &&
                   tokens_is_number(p->t[j + 3].w) && numeric_type(f)) {
            n1 = strtol(p->t[j + 1].w, NULL, 10);
            n2 = strtol(p->t[j + 3].w, NULL, 10);
            if (n1 <= n2) {
                f->has_min = f->has_max = true;
                f->min = n1;
                f->max = n2;
                j += 4;
                said = true;
            }
        } else if ((tokens_is_word(p, j, "defaults") || tokens_is_word(p, j, "default")) &&
                   (tokens_is_word(p, j + 1, "to") || tokens_is_word(p, j + 1, "is"))) {
            const char *v = j + 2 < p->nt ? p->t[j + 2].w : "";
            bool ok = v[0] && p->t[j + 2].kind == T_WORD;
            if (ok && !strcmp(f->type, "boolean"))
                ok = !strcmp(v, "true") || !strcmp(v, "false");
            else if (ok && numeric_type(f))
                ok = tokens_is_number(v);
            if (ok) {
                char def[sizeof(f->def)];
                snprintf(def, sizeof(def), "%s", v); /* v is a token of p, f->def too */
                memcpy(f->def, def, sizeof(def));
                f->has_default = true;
                j += 3;
                said = true;
            }
        }
        if (said) {
            tokens_mark_used(p, i, j);
            tokens_snippet(p, i, j, from, sizeof(from));
            notes_add(p, p->understood, "%s.%s: %s (from \"%s\")",
                      entities_pascal(e->snake, en, sizeof(en)), f->name,
                      !strcmp(f->type, "enum") ? "enum of the values listed" : "limits", from);
            i = j - 1;
        }
    }
}
