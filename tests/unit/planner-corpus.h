/* Scores the offline planner on a prompt set (tests/data/prompts/NAME.json): entity recall and
 * precision, key fields, relations, ranges and enums, auth, and whether review accepts every
 * planned spec. Shared by
 * tests/unit/test-planner.c (thresholds) and bench/planner-bench.c (figures). */
#pragma once
#include "core/jsonx.h"
#include "planner/plan.h" /* words_measure_units */
#include "planner/planner.h"
#include "spec/review.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct corpus_score {
    int cases;
    int expected, found;  /* expected entities / those the planner produced */
    int planned, correct; /* planned entities / those that were expected */
    int fields_expected, fields_found;
    int rel_expected, rel_found;
    int auth_cases, auth_right;
    int nodata_expected, nodata_right;
    int ranges_expected, ranges_found; /* "ranges": {"Review.stars": [1, 5]} kept */
    int enums_expected, enums_found;   /* "enums": {"Task.priority": ["low", ...]} kept */
    int review_failed; /* plans that review refused or that were mended for it (planner bugs) */
    int plan_failed;   /* unexpected planner errors */
};

/* New reference to the corpus "cases" array, or NULL (message on stderr). */
static inline json_t *corpus_load(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    static char text[512 * 1024];
    size_t n = fread(text, 1, sizeof(text), f);
    fclose(f);
    json_t *doc = NULL;
    char err[256];
    if (jsonx_parse(text, n, sizeof(text), 32, &doc, err, sizeof(err)) < 0) {
        fprintf(stderr, "%s: %s\n", path, err);
        return NULL;
    }
    json_t *cases = json_incref(json_object_get(doc, "cases"));
    json_decref(doc);
    return cases;
}

/* "Booking|Reservation" accepts either name. */
static inline bool corpus_name_matches(const char *want, const char *got)
{
    size_t gl = strlen(got);
    while (*want) {
        size_t n = strcspn(want, "|");
        if (n == gl && strncmp(want, got, n) == 0)
            return true;
        want += n + (want[n] == '|');
    }
    return false;
}

static inline const json_t *corpus_entity(const json_t *spec, const char *want)
{
    size_t i;
    const json_t *e;
    json_array_foreach(json_object_get(spec, "entities"), i, e)
    {
        if (corpus_name_matches(want, json_string_value(json_object_get(e, "name"))))
            return e;
    }
    return NULL;
}

static inline bool corpus_word_in(const char *w, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(w, *set) == 0)
            return true;
    return false;
}

/* The column `name` (its first `len` characters) of an entity, under that name or under one
 * the planner chooses on purpose for the same column: prefixed with the entity's own name where
 * the bare name is one the generated code or SQL already uses ("date" of Flight is
 * flight_date), or followed by the unit it is said in ("a distance in km" is distance_km,
 * words_measure_units). */
static inline const json_t *corpus_field_named(const json_t *ent, const char *name, size_t len)
{
    char prefixed[160];
    size_t n = 0;
    const char *pascal = json_string_value(json_object_get(ent, "name"));
    for (const char *c = pascal; c && *c && n + 2 < sizeof(prefixed); c++) {
        if (*c >= 'A' && *c <= 'Z' && c != pascal)
            prefixed[n++] = '_';
        prefixed[n++] = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    }
    snprintf(prefixed + n, sizeof(prefixed) - n, "_%.*s", (int)len, name);
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(ent, "fields"), i, f)
    {
        const char *got = json_string_value(json_object_get(f, "name"));
        if ((strncmp(got, name, len) == 0 && got[len] == '\0') || strcmp(got, prefixed) == 0 ||
            (strncmp(got, name, len) == 0 && got[len] == '_' &&
             corpus_word_in(got + len + 1, words_measure_units)))
            return f;
    }
    return NULL;
}

/* The column `names` names: "water_level|level" accepts either name, as entity names do. */
static inline const json_t *corpus_field(const json_t *ent, const char *names)
{
    while (*names) {
        size_t n = strcspn(names, "|");
        const json_t *f = corpus_field_named(ent, names, n);
        if (f)
            return f;
        names += n + (names[n] == '|');
    }
    return NULL;
}

/* Scores one case; verbose prints misses on stdout as TAP comments. */
static inline void corpus_score_case(const json_t *c, struct corpus_score *s, bool verbose)
{
    const char *prompt = json_string_value(json_object_get(c, "prompt"));
    const json_t *want = json_object_get(c, "entities");
    json_t *spec = NULL, *notes = NULL;
    s->cases++;
    int r = planner_plan(prompt, strlen(prompt), &spec, &notes);
    if (json_array_size(want) == 0) {
        s->nodata_expected++;
        if (r == -ENODATA)
            s->nodata_right++;
        else if (verbose)
            printf("# expected no entities: %s\n", prompt);
    }
    if (r < 0) {
        if (r != -ENODATA) {
            s->plan_failed++;
            printf("# planner error %d: %s\n", r, prompt);
        }
        s->expected += (int)json_array_size(want);
        if (verbose && json_array_size(want) > 0)
            printf("# nothing planned: %s\n", prompt);
        return;
    }
    size_t i;
    const json_t *w;
    json_array_foreach(want, i, w)
    {
        s->expected++;
        if (corpus_entity(spec, json_string_value(w)))
            s->found++;
        else if (verbose)
            printf("# missed %s in: %s\n", json_string_value(w), prompt);
    }
    const json_t *e;
    json_array_foreach(json_object_get(spec, "entities"), i, e)
    {
        const char *got = json_string_value(json_object_get(e, "name"));
        bool ok = false;
        size_t j;
        json_array_foreach(want, j, w)
        {
            ok |= corpus_name_matches(json_string_value(w), got);
        }
        s->planned++;
        if (ok)
            s->correct++;
        else if (verbose)
            printf("# extra %s in: %s\n", got, prompt);
    }
    const char *ename;
    const json_t *flist;
    json_object_foreach((json_t *)json_object_get(c, "fields"), ename, flist)
    {
        const json_t *ent = corpus_entity(spec, ename);
        json_array_foreach(flist, i, w)
        {
            s->fields_expected++;
            if (ent && corpus_field(ent, json_string_value(w)))
                s->fields_found++;
            else if (verbose)
                printf("# missed field %s.%s in: %s\n", ename, json_string_value(w), prompt);
        }
    }
    json_array_foreach(json_object_get(c, "relations"), i, w)
    {
        const char *child = json_string_value(json_array_get(w, 0));
        const char *parent = json_string_value(json_array_get(w, 1));
        const json_t *ent = corpus_entity(spec, child);
        bool ok = false;
        size_t j;
        const json_t *f;
        if (ent)
            json_array_foreach(json_object_get(ent, "fields"), j, f)
            {
                const char *target = json_string_value(json_object_get(f, "entity"));
                if (target && corpus_name_matches(parent, target))
                    ok = true;
            }
        s->rel_expected++;
        if (ok)
            s->rel_found++;
        else if (verbose)
            printf("# missed relation %s -> %s in: %s\n", child, parent, prompt);
    }
    const char *key;
    const json_t *want_c;
    json_object_foreach((json_t *)json_object_get(c, "ranges"), key, want_c)
    {
        char ent[64];
        const char *dot = strchr(key, '.');
        snprintf(ent, sizeof(ent), "%.*s", dot ? (int)(dot - key) : 0, key);
        const json_t *e2 = corpus_entity(spec, ent);
        const json_t *f = e2 && dot ? corpus_field(e2, dot + 1) : NULL;
        const json_t *lo = json_array_get(want_c, 0), *hi = json_array_get(want_c, 1);
        bool ok = f && (json_is_null(lo) || json_equal(json_object_get(f, "min"), lo)) &&
                  (json_is_null(hi) || json_equal(json_object_get(f, "max"), hi) ||
                   json_equal(json_object_get(f, "max_length"), hi));
        s->ranges_expected++;
        if (ok)
            s->ranges_found++;
        else if (verbose)
            printf("# missed range %s in: %s\n", key, prompt);
    }
    json_object_foreach((json_t *)json_object_get(c, "enums"), key, want_c)
    {
        char ent[64];
        const char *dot = strchr(key, '.');
        snprintf(ent, sizeof(ent), "%.*s", dot ? (int)(dot - key) : 0, key);
        const json_t *e2 = corpus_entity(spec, ent);
        const json_t *f = e2 && dot ? corpus_field(e2, dot + 1) : NULL;
        bool ok = f && json_equal(json_object_get(f, "values"), want_c);
        s->enums_expected++;
        if (ok)
            s->enums_found++;
        else if (verbose)
            printf("# missed enum %s in: %s\n", key, prompt);
    }
    const json_t *auth = json_object_get(c, "auth");
    if (json_is_boolean(auth)) {
        s->auth_cases++;
        bool got = json_is_true(json_object_get(json_object_get(spec, "auth"), "enabled"));
        if (got == json_is_true(auth))
            s->auth_right++;
        else if (verbose)
            printf("# auth %s, expected %s: %s\n", got ? "on" : "off",
                   json_is_true(auth) ? "on" : "off", prompt);
    }
    struct review rv;
    review_init(&rv);
    json_t *norm = NULL;
    if (review_spec(spec, &norm, &rv) != 0) {
        s->review_failed++;
        json_t *probs = review_to_json(&rv);
        char *txt = jsonx_dump(probs);
        printf("# review refused the plan for: %s\n#   %s\n", prompt, txt ? txt : "");
        free(txt);
        json_decref(probs);
    }
    json_decref(norm);
    review_clear(&rv);
    /* what review would have refused and the planner left out (mend.c) is a planner bug too */
    const json_t *note;
    json_array_foreach(json_object_get(notes, "ignored"), i, note)
    {
        if (strstr(json_string_value(note), " left out: ")) {
            s->review_failed++;
            printf("# review would have refused the plan for: %s\n#   %s\n", prompt,
                   json_string_value(note));
        }
    }
    json_decref(spec);
    json_decref(notes);
}

static inline double corpus_pct(int a, int b)
{
    return b ? 100.0 * a / b : 100.0;
}
