/* The plan as a BackendSpec v1: safe entity names, the project's name and title, and
 * the JSON that review then checks like any other spec. */
#include "planner/plan.h"
#include "spec/names.h"
#include "spec/types.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* review refuses these as class names: Python keywords, classes the generated code
 * imports or defines, and plurals that collide with generated routes */
static const char *const reserved_names[] = {
    "class",    "token",     "page",     "health", "settings", "index",   "form",     "request",
    "response", "query",     "path",     "header", "body",     "field",   "text",     "string",
    "date",     "list",      "sequence", "base",   "float",    "integer", "numeric",  "json",
    "any",      "optional",  "literal",  "union",  "decimal",  "enum",    "warning",  "exception",
    "column",   "boolean",   "mapped",   "doc",    "auth",     "static",  "redoc",    "uuid",
    "dict",     "date_time", "pass",     "global", "import",   "return",  "yield",    "with",
    "from",     "lambda",    "try",      "del",    "none",     "true",    "false",    "await",
    "async",    "raise",     "assert",   "break",  "continue", "def",     "elif",     "else",
    "except",   "finally",   "for",      "if",     "in",       "is",      "nonlocal", "not",
    "or",       "and",       "while",    "as",     NULL};

bool emit_reserved_name(const char *snake)
{
    return words_in(snake, reserved_names);
}

/* Is entity k's name one of the schema classes of another entity ("a dance out" beside
 * "a dance")? */
static bool schema_class_clash(const struct plan *p, int k)
{
    char name[NAME_MAX_], other[NAME_MAX_];
    entities_pascal(p->e[k].snake, name, sizeof(name));
    for (int q = 0; q < p->ne; q++)
        if (q != k &&
            names_schema_class_of(name, entities_pascal(p->e[q].snake, other, sizeof(other))))
            return true;
    return false;
}

/* A name for reserved entity k: its parent's name before it, or the product's first word
 * (prefix), or a plain suffix ("class" → "gym_class" in a gym app). */
static void unreserved_name(struct plan *p, int k, const char *prefix, char *snake, size_t size)
{
    const struct entity *e = &p->e[k];
    int par = -1;
    for (int q = 0; q < p->ne && par < 0; q++)
        if (p->parent[k][q])
            par = q;
    /* "SpacePage" would be the schema class of a page of Space entities */
    bool suffix = words_in(e->snake, (const char *const[]){"page", "list", NULL});
    if (par >= 0 && !suffix)
        snprintf(snake, size, "%s_%s", p->e[par].snake, e->snake);
    else if (prefix[0] && strcmp(prefix, e->snake) != 0 &&
             !(suffix && entities_find(p, prefix) >= 0))
        snprintf(snake, size, "%s_%s", prefix, e->snake);
    else
        snprintf(snake, size, "%s_record", e->snake);
}

/* Class names the generated code cannot use (Python keywords and builtins, classes it
 * imports or defines, routes it owns, another entity's schema classes) are renamed. */
void emit_safe_names(struct plan *p)
{
    char prefix[WORD_MAX] = "";
    for (int i = 0; i < p->nt && i < 12 && !prefix[0]; i++)
        if (tokens_is_content(p, i) && !words_in(p->t[i].w, words_stop_nouns) &&
            isalpha((unsigned char)p->t[i].w[0]) &&
            strspn(p->t[i].w, "abcdefghijklmnopqrstuvwxyz") == strlen(p->t[i].w))
            snprintf(prefix, sizeof(prefix), "%s", p->t[i].w);
    for (int k = 0; k < p->ne; k++) {
        struct entity *e = &p->e[k];
        bool reserved = words_in(e->snake, reserved_names);
        if (!reserved && !schema_class_clash(p, k))
            continue;
        char snake[NAME_MAX_ * 2];
        if (reserved)
            unreserved_name(p, k, prefix, snake, sizeof(snake));
        else
            snprintf(snake, sizeof(snake), "%s_record", e->snake);
        if (strlen(snake) >= NAME_MAX_ || entities_find(p, snake) >= 0)
            snprintf(snake, sizeof(snake), "%s_record", e->snake);
        char a[NAME_MAX_], b[NAME_MAX_];
        notes_add(p, p->understood, "%s renamed %s: the generated code already uses that name",
                  entities_pascal(e->snake, a, sizeof(a)), entities_pascal(snake, b, sizeof(b)));
        /* reference fields to it keep pointing at the index, but their names follow */
        relations_rename(p, k, snake);
    }
}

static const char *const name_skip[] = {
    "a",        "an",     "the",    "simple", "small", "basic",    "little", "new",   "rest",
    "restful",  "json",   "web",    "online", "i",     "need",     "want",   "build", "me",
    "please",   "create", "make",   "for",    "my",    "our",      "just",   "we",    "to",
    "generate", "write",  "design", "tiny",   "quick", "complete", NULL};

/* The word that names the product ("API", "app", "tracker"), or -1: "Store recipes ..."
 * starts with a verb, not the product. */
static int product_head(struct plan *p)
{
    for (int i = 0; i < p->nt && i < 40; i++) {
        if (p->t[i].kind == T_STOP)
            break;
        if (tokens_word_in(p, i, words_app_nouns) && !tokens_is_word(p, i + 1, "of") &&
            !(i == 0 && tokens_word_in(p, i, words_list_verbs)))
            return i;
    }
    return -1;
}

/* "an API for a small bookshop" → bookshop-api; false when no word after "for" names it. */
static bool slug_of_purpose(struct plan *p, int head, char *slug, size_t ssize)
{
    if (head + 2 >= p->nt || !tokens_is_word(p, head + 1, "for") || p->t[head + 2].kind != T_WORD)
        return false;
    int q = tokens_skip(p, head + 2, p->nt, name_skip);
    if (q >= p->nt || !tokens_is_content(p, q) || tokens_word_in(p, q, words_app_nouns))
        return false;
    char w0[WORD_MAX];
    snprintf(w0, sizeof(w0), "%s", p->t[q].w);
    snprintf(slug, ssize, "%s-%s", w0, p->t[head].w);
    tokens_mark_used(p, head, q + 1);
    return true;
}

/* The words of tokens [a, b) joined by dashes, marked used. */
static void slug_of_span(struct plan *p, int a, int b, char *slug, size_t ssize)
{
    tokens_mark_used(p, a, b);
    size_t n = 0;
    slug[0] = '\0';
    for (int i = a; i < b && n + 2 < ssize; i++) {
        if (p->t[i].kind != T_WORD)
            continue;
        int r = snprintf(slug + n, ssize - n, "%s%s", n ? "-" : "", p->t[i].w);
        if (r < 0 || (size_t)r >= ssize - n)
            break;
        n += (size_t)r;
    }
}

/* The product's words as the prompt says them: up to two words before the head noun
 * ("fleet management API"), the words after "for", a heading before a colon ("Fleet
 * management: ..."), else the first table's plural + "-api". */
static void slug_of_prompt(struct plan *p, char *slug, size_t ssize)
{
    int head = product_head(p), a = -1, b = -1;
    if (head >= 0) {
        a = head;
        while (a > 0 && a > head - 3 && p->t[a - 1].kind == T_WORD &&
               !words_in(p->t[a - 1].w, name_skip) &&
               (tokens_is_content(p, a - 1) || p->mention[a - 1] >= 0 ||
                words_in(p->t[a - 1].w, (const char *const[]){"management", "tracking", NULL})))
            a--;
        b = head + 1;
        if (a == head && slug_of_purpose(p, head, slug, ssize))
            return;
    } else if (p->nt > 1) {
        for (int i = 0; i < p->nt && i < 6; i++)
            if (p->t[i].kind == T_COLON) {
                a = i > 0 ? 0 : -1;
                b = i;
                break;
            }
    }
    if (a >= 0 && b > a) {
        slug_of_span(p, a, b, slug, ssize);
    } else if (p->ne > 0) {
        char pl[NAME_MAX_ + 8];
        if (inflect_plural(p->e[0].snake, pl, sizeof(pl)) < 0)
            snprintf(pl, sizeof(pl), "%s", p->e[0].snake);
        snprintf(slug, ssize, "%s-api", pl);
    } else {
        snprintf(slug, ssize, "backend");
    }
}

/* slug: [a-z0-9-], single dashes, at most 48 bytes, starting with a letter. */
static void slug_clean(char *slug, size_t ssize)
{
    char clean[64];
    size_t k = 0;
    for (size_t i = 0; slug[i] && k + 1 < sizeof(clean) && k < 48; i++) {
        char c = (char)tolower((unsigned char)slug[i]);
        if (isalnum((unsigned char)c))
            clean[k++] = c;
        else if (k > 0 && clean[k - 1] != '-')
            clean[k++] = '-';
    }
    while (k > 0 && clean[k - 1] == '-')
        k--;
    clean[k] = '\0';
    if (!clean[0] || !isalpha((unsigned char)clean[0]))
        snprintf(slug, ssize, "backend%s%.48s", clean[0] ? "-" : "", clean);
    else
        snprintf(slug, ssize, "%s", clean);
}

/* The slug's words capitalised, acronyms in capitals: "fleet-api" → "Fleet API". */
static void title_of_slug(const char *slug, char *title, size_t tsize)
{
    static const char *const acronyms[] = {"api", "crm", "hr", "url", "erp", "cms", "id", NULL};
    size_t tn = 0, wn = 0;
    char word[64];
    for (size_t i = 0;; i++) {
        char c = slug[i];
        if (c != '-' && c != '\0') {
            if (wn + 1 < sizeof(word))
                word[wn++] = c;
            continue;
        }
        word[wn] = '\0';
        if (words_in(word, acronyms))
            for (size_t q = 0; q < wn; q++)
                word[q] = (char)toupper((unsigned char)word[q]);
        else if (wn)
            word[0] = (char)toupper((unsigned char)word[0]);
        int r = snprintf(title + tn, tsize - tn, "%s%s", tn ? " " : "", word);
        if (r > 0 && (size_t)r < tsize - tn)
            tn += (size_t)r;
        wn = 0;
        if (!c)
            break;
    }
}

/* Slug and title from the words before the first product noun ("a todo API" → todo-api). */
void emit_name_and_title(struct plan *p, char *slug, size_t ssize, char *title, size_t tsize)
{
    slug_of_prompt(p, slug, ssize);
    slug_clean(slug, ssize);
    title_of_slug(slug, title, tsize);
}

/* The first sentence, whitespace collapsed, at most 300 bytes (cut on a UTF-8 boundary). */
static void first_sentence(const char *s, size_t n, char *out, size_t size)
{
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n && k + 1 < size && k < 300; i++) {
        unsigned char c = (unsigned char)s[i];
        /* a control character ("\b" pasted from a terminal) separates words like a space:
         * review refuses it in a description */
        if (isspace(c) || c < 0x20 || c == 0x7f) {
            space = k > 0;
            if (c == '\n' && k > 0)
                break;
            continue;
        }
        if (space && k + 2 < size) {
            out[k++] = ' ';
            space = false;
        }
        out[k++] = (char)c;
        if ((c == '.' || c == '!' || c == '?') && (i + 1 >= n || isspace((unsigned char)s[i + 1])))
            break;
    }
    while (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0x80 &&
           !((unsigned char)out[k - 1] < 0x80)) {
        /* drop a trailing partial sequence */
        size_t st = k - 1;
        while (st > 0 && ((unsigned char)out[st] & 0xc0) == 0x80)
            st--;
        unsigned char lead = (unsigned char)out[st];
        size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        if (k - st == need)
            break;
        k = st;
    }
    if (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0xc0)
        k--;
    out[k] = '\0';
}

/* A limit as JSON: a whole limit stays an integer ("min": 1), so that an integer field's
 * limits are integers and a float's read as written ("max": 42.2). */
static json_t *limit_json(double v)
{
    bool whole = v > -1e15 && v < 1e15 && (double)(json_int_t)v == v;
    return whole ? json_integer((json_int_t)v) : json_real(v);
}

static bool type_is(const struct field *f, const char *type)
{
    return strcmp(f->type, type) == 0;
}

/* max_length on text, min/max on numbers. A decimal column holds 14 digits and 4 places: a
 * bound past them is left out. */
static void field_limits_set(json_t *o, const struct field *f)
{
    if (type_is(f, "string") && f->max_length > 0)
        json_object_set_new(o, "max_length", json_integer(f->max_length));
    bool decimal = type_is(f, "decimal");
    if (!type_is(f, "integer") && !type_is(f, "float") && !decimal)
        return;
    if (f->has_min && (!decimal || spec_decimal_fits(f->min)))
        json_object_set_new(o, "min", limit_json(f->min));
    if (f->has_max && (!decimal || spec_decimal_fits(f->max)))
        json_object_set_new(o, "max", limit_json(f->max));
}

/* An enum's values, kept "|"-separated in the plan, as a JSON array. */
static json_t *enum_values_json(const char *values)
{
    json_t *vals = json_array();
    char tmp[VALUES_MAX];
    snprintf(tmp, sizeof(tmp), "%s", values);
    for (char *save = NULL, *s = strtok_r(tmp, "|", &save); s; s = strtok_r(NULL, "|", &save))
        json_array_append_new(vals, json_string(s));
    return vals;
}

/* The default in the field's own type; NULL where it cannot be one (a decimal past the
 * column, an enum default that is not a listed value). */
static json_t *field_default_json(const struct field *f)
{
    if (type_is(f, "boolean"))
        return json_boolean(strcmp(f->def, "true") == 0);
    if (type_is(f, "integer")) {
        long v = strtol(f->def, NULL, 10);
        if (f->has_min && v < f->min)
            v = (long)f->min;
        return json_integer(v);
    }
    if (type_is(f, "float") || type_is(f, "decimal")) {
        double v = strtod(f->def, NULL);
        return type_is(f, "decimal") && !spec_decimal_fits(v) ? NULL : json_real(v);
    }
    if (type_is(f, "enum")) {
        json_t *vals = enum_values_json(f->values), *d = NULL;
        size_t i;
        json_t *v;
        json_array_foreach(vals, i, v) if (strcmp(json_string_value(v), f->def) == 0) d =
            json_string(f->def);
        json_decref(vals);
        return d;
    }
    return json_string(f->def);
}

static json_t *field_json(const struct plan *p, const struct field *f)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "name", json_string(f->name));
    json_object_set_new(o, "type", json_string(f->type));
    if (f->required)
        json_object_set_new(o, "required", json_true());
    if (f->unique)
        json_object_set_new(o, "unique", json_true());
    field_limits_set(o, f);
    if (type_is(f, "enum"))
        json_object_set_new(o, "values", enum_values_json(f->values));
    json_t *d = f->has_default ? field_default_json(f) : NULL;
    if (d)
        json_object_set_new(o, "default", d);
    if (type_is(f, "reference")) {
        char n[NAME_MAX_];
        json_object_set_new(o, "entity",
                            json_string(entities_pascal(p->e[f->ref].snake, n, sizeof(n))));
        json_object_set_new(o, "on_delete", json_string(f->on_delete));
    }
    return o;
}

json_t *emit_spec(struct plan *p, const char *prompt, size_t len, const char *slug,
                  const char *title)
{
    char desc[320];
    first_sentence(prompt, len, desc, sizeof(desc));
    json_t *spec = json_object();
    json_t *ents = json_array();
    if (!spec || !ents) {
        json_decref(spec);
        json_decref(ents);
        return NULL;
    }
    json_object_set_new(spec, "spec_version", json_integer(1));
    json_object_set_new(spec, "name", json_string(slug));
    json_object_set_new(spec, "title", json_string(title));
    json_object_set_new(spec, "description", json_string(desc));
    json_object_set_new(spec, "target", json_string("fastapi-postgres"));
    json_object_set_new(spec, "auth", json_pack("{s:b}", "enabled", p->auth));
    for (int k = 0; k < p->ne; k++) {
        const struct entity *e = &p->e[k];
        if (e->dropped)
            continue;
        char n[NAME_MAX_], pl[NAME_MAX_ + 8];
        if (inflect_plural(e->snake, pl, sizeof(pl)) < 0)
            snprintf(pl, sizeof(pl), "%s", e->snake);
        json_t *fields = json_array();
        /* a prompt that lists three or more fields gives the schema: the vocabulary's
         * defaults then stay out (a listed column that names a table and became a reference
         * to it still counts: nouns_columns_of_tables) */
        int nexplicit = 0;
        for (int q = 0; q < e->nfields; q++)
            nexplicit += e->fields[q].explicit_;
        for (int q = 0; q < e->nfields; q++) {
            const struct field *f = &e->fields[q];
            if (f->ref >= 0 && p->e[f->ref].dropped)
                continue;
            if (nexplicit >= 3 && f->ref < 0 && !f->explicit_)
                continue;
            json_array_append_new(fields, field_json(p, f));
        }
        json_array_append_new(ents, json_pack("{s:s, s:s, s:b, s:o}", "name",
                                              entities_pascal(e->snake, n, sizeof(n)), "plural",
                                              pl, "owned", p->auth && e->owned, "fields", fields));
    }
    json_object_set_new(spec, "entities", ents);
    json_object_set_new(spec, "actions", json_array());
    return spec;
}
