/* The plan's fields: names that are safe in generated code, types inferred from the
 * name ("due_date" is a date), and the vocabulary's default fields of an entity. */
#include "planner/plan.h"
#include "spec/names.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fields_find(const struct entity *e, const char *name)
{
    for (int k = 0; k < e->nfields; k++)
        if (strcmp(e->fields[k].name, name) == 0)
            return k;
    return -1;
}

/* Names the generated code or SQL already uses, or Python builtins: prefixed with the
 * entity's own name so that review has nothing to refuse ("type" → "vehicle_type"), like
 * every Python keyword (names_is_python_keyword: "break" → "spot_break"). */
/* clang-format off */
static const char *const risky_names[] = {
    "type", "list", "dict", "str", "int", "float", "bool", "hash", "format", "object",
    "property", "range", "set", "filter", "map", "min", "max", "sum", "len", "input", "open",
    "print", "next", "iter", "all", "any", "order", "user", "group", "select", "table", "where",
    "limit", "offset", "sort", "default", "date", "time", "id", "none", "true", "false", "self",
    "match", "case", "key", "check", "column", "index", "primary", "foreign", "references",
    "unique", "session", "query", "created_at", "updated_at", "owner_id", "owner", "password",
    "hashed_password", "email?", "values", "json", "schema", "model", "metadata", "file",
    "exec", "eval", "vars", "type_", "desc", "asc", "user_id", "role?", "grant", "to", "of",
    "by", "on", "at", "end", "start?", "number?", "position?", "value?", "level?", "name?",
    "construct", "copy", "current_user", "db", "fields", "from_orm", "parse_file", "parse_obj",
    "parse_raw", "query_class", "registry", "schema_json", "update_forward_refs", "validate", NULL
};
/* clang-format on */

static void safe_field_name(const struct entity *e, const char *in, char *out, size_t size)
{
    char s[NAME_MAX_];
    if (inflect_snake(in, s, sizeof(s)) < 0 || !s[0]) {
        snprintf(out, size, "%s", "");
        return;
    }
    if (isdigit((unsigned char)s[0]) || words_in(s, risky_names) || names_is_python_keyword(s)) {
        char tmp[NAME_MAX_ * 2];
        snprintf(tmp, sizeof(tmp), "%s_%s", e->snake, s);
        if (strlen(tmp) >= size || strlen(tmp) > 60)
            snprintf(out, size, "%s", "");
        else
            snprintf(out, size, "%s", tmp);
        return;
    }
    if (strlen(s) > 60)
        s[60] = '\0';
    snprintf(out, size, "%s", s);
}

static bool has_part(const char *name, const char *part)
{
    size_t n = strlen(name), m = strlen(part);
    const char *h = name;
    while ((h = strstr(h, part))) {
        bool left = h == name || h[-1] == '_';
        bool right = (size_t)(h - name) + m == n || h[m] == '_';
        if (left && right)
            return true;
        h++;
    }
    return false;
}

static bool ends_part(const char *name, const char *part)
{
    size_t n = strlen(name), m = strlen(part);
    return n >= m && strcmp(name + n - m, part) == 0 && (n == m || name[n - m - 1] == '_');
}

static bool any_part(const char *name, const char *const *parts)
{
    for (; *parts; parts++)
        if (has_part(name, *parts))
            return true;
    return false;
}

/* "rate", "a daily rate", "an hourly rate", "a rate per hour": what is paid for a time; "a
 * germination rate" is a ratio (a float, below). */
static bool rate_of_pay(const char *n)
{
    static const char *const per[] = {"hourly", "daily", "nightly", "weekly", "monthly", NULL};
    if (strcmp(n, "rate") == 0 || strncmp(n, "rate_per_", 9) == 0)
        return true; /* "a rate per hour" */
    for (const char *const *w = per; *w; w++) {
        char name[NAME_MAX_];
        snprintf(name, sizeof(name), "%s_rate", *w);
        if (strcmp(n, name) == 0)
            return true;
    }
    return false;
}

/* Type inference from a field name (snake_case); fills type and the natural constraints. */
/* Names that say a column's type (any part of the name, unless said otherwise below). What
 * names money, a time or a measure WordNet says (head_amount); these are the counts it files
 * elsewhere ("stock": capital, "age": a property, "size": a magnitude like "number"). */
static const char *const count_words[] = {
    "count",  "quantity", "qty",      "stock",     "age",     "pages",  "capacity",
    "seats",  "servings", "calories", "floor",     "views",   "clicks", "votes",
    "points", "credits",  "likes",    "attempts",  "retries", "copies", "guests",
    "size",   "stars",    "bedrooms", "bathrooms", NULL};
/* Measures WordNet files as a state ("humidity") or a bare property ("level"), and
 * abbreviations of coordinates it does not have ("lat" is a muscle there). */
static const char *const measure_words[] = {"humidity", "level", "lat", "lng", "lon", NULL};

/* The amount the name's head names: its last part that WordNet knows as a noun, before any
 * "per" ("mooring_fee" money, "nights" a time counted whole, "depth_m" and "min_height_cm"
 * measures, "price_per_kilo" money, "year_built" a year). A modifier does not say what the
 * column holds ("sugar_level", "take_number", "weight_class"), nor does a single letter, nor a
 * range or a currency of money ("salary_range"). */
static enum lex_amount head_amount(const char *name)
{
    if (ends_part(name, "range") || ends_part(name, "currency"))
        return LEX_AMOUNT_NONE;
    char part[NAME_MAX_], head[NAME_MAX_] = "";
    struct lex_noun ln;
    for (const char *s = name; *s;) {
        size_t n = strcspn(s, "_");
        if (n < sizeof(part)) {
            memcpy(part, s, n);
            part[n] = '\0';
            if (strcmp(part, "per") == 0)
                break;
            if (n > 1 && lexicon_noun(part, &ln))
                snprintf(head, sizeof(head), "%s", part);
        }
        s += n + (s[n] == '_');
    }
    return head[0] ? lexicon_noun_amount(head) : LEX_AMOUNT_NONE;
}

static const char *const flag_words[] = {
    "done",      "completed", "complete",   "active",   "published", "archived",  "paid",
    "verified",  "available", "enabled",    "featured", "pinned",    "read",      "visible",
    "public",    "remote",    "subscribed", "approved", "confirmed", "cancelled", "canceled",
    "adopted",   "finished",  "resolved",   "deleted",  "hidden",    "locked",    "favorite",
    "favourite", "starred",   "vegetarian", "vegan",    "online",    "open",      "closed",
    "returned",  "delivered", "shipped",    "sold",     "urgent",    "private",   "checked",
    "approved",  NULL};
static const char *const long_text_words[] = {
    "description", "notes",        "note",     "body",         "content",    "bio",
    "summary",     "text",         "details",  "instructions", "message",    "comment",
    "comments",    "remarks",      "review",   "abstract",     "transcript", "lyrics",
    "biography",   "cover_letter", "feedback", "answer",       NULL};
static const char *const kind_words[] = {
    "status",   "priority", "kind",       "level",     "role", "state",      "stage",
    "severity", "category", "visibility", "frequency", "tier", "difficulty", NULL};

/* An email address or a link: "contact_email", "photo" (a URL to the image). */
static bool infer_address(struct field *f)
{
    const char *n = f->name;
    if (strcmp(n, "email") == 0 || ends_part(n, "email"))
        f->type = "email";
    else if (any_part(n, (const char *const[]){"url", "website", "link", "homepage", "photo",
                                               "image", "avatar", "picture", "logo", NULL}))
        f->type = "url";
    return strcmp(f->type, "string") != 0;
}

/* A moment ("starts_at", "time") or a day ("due_date", "published_on", "birthday"). */
static bool infer_moment(struct field *f)
{
    const char *n = f->name;
    if (ends_part(n, "at") || ends_part(n, "timestamp") || ends_part(n, "datetime") ||
        strcmp(n, "time") == 0 || ends_part(n, "time"))
        f->type = "datetime";
    else if (ends_part(n, "date") || ends_part(n, "on") || ends_part(n, "deadline") ||
             ends_part(n, "due") || ends_part(n, "birthday") || ends_part(n, "dob") ||
             has_part(n, "date") || strcmp(n, "deadline") == 0)
        f->type = "date";
    return strcmp(f->type, "string") != 0;
}

/* Identifiers and numbers that are text: a UUID, a phone number, a postcode. */
static bool infer_code(struct field *f)
{
    const char *n = f->name;
    if (any_part(n, (const char *const[]){"uuid", "guid", NULL}))
        f->type = "uuid";
    else if (any_part(n, (const char *const[]){"phone", "mobile", "fax", "telephone", NULL}))
        f->max_length = 32;
    else if (any_part(n, (const char *const[]){"zip", "postcode", "postal", NULL}))
        f->max_length = 20;
    else
        return false;
    return true;
}

/* A flag (false by default), a score, money, a count (≥ 0) or a measure. */
static bool infer_quantity(struct field *f)
{
    const char *n = f->name;
    enum lex_amount amount = head_amount(n);
    if (strncmp(n, "is_", 3) == 0 || strncmp(n, "has_", 4) == 0 || strncmp(n, "can_", 4) == 0 ||
        words_in(n, flag_words)) {
        f->type = "boolean";
        f->has_default = true;
        snprintf(f->def, sizeof(f->def), "false");
    } else if (any_part(n, (const char *const[]){"rating", "score", NULL})) {
        f->type = "integer";
        f->has_min = true;
        f->min = 0;
    } else if (amount == LEX_AMOUNT_MONEY || rate_of_pay(n)) {
        f->type = "decimal";
        if (!has_part(n, "balance")) { /* a balance may be owed */
            f->has_min = true;
            f->min = 0;
        }
    } else if (strncmp(n, "number_of_", 10) == 0 || strncmp(n, "num_", 4) == 0 ||
               any_part(n, count_words) || amount == LEX_AMOUNT_TIME) {
        f->type = "integer";
        f->has_min = true;
        f->min = 0;
    } else if (amount == LEX_AMOUNT_MEASURE || any_part(n, measure_words) ||
               ends_part(n, "rate")) {
        /* "a germination rate", "an interest rate": a ratio */
        f->type = "float";
    } else {
        return false;
    }
    return true;
}

/* Long text, a JSON document, a priority, a kind of short text, or the row's name. */
static void infer_text(struct field *f)
{
    const char *n = f->name;
    if (words_in(n, long_text_words) || ends_part(n, "description") || ends_part(n, "notes")) {
        f->type = "text";
    } else if (any_part(n, (const char *const[]){"metadata", "settings", "payload", "config",
                                                 "preferences", "json", NULL})) {
        f->type = "json";
    } else if (strcmp(n, "priority") == 0) {
        f->type = "enum";
        snprintf(f->values, sizeof(f->values), "low|medium|high");
        f->has_default = true;
        snprintf(f->def, sizeof(f->def), "medium");
    } else if (words_in(n, kind_words)) {
        f->max_length = 50;
    } else if (strcmp(n, "name") == 0 || strcmp(n, "title") == 0) {
        f->required = true;
        f->max_length = 200;
    }
}

void fields_infer_type(struct field *f)
{
    f->type = "string";
    if (!infer_address(f) && !infer_moment(f) && !infer_code(f) && !infer_quantity(f))
        infer_text(f);
    if (strcmp(f->type, "string") == 0 && !f->max_length)
        f->max_length = 255;
}

/* Adds or refines field `name` of entity k. Returns the field or NULL when full/invalid. */
void fields_remove(struct entity *e, int fi)
{
    memmove(&e->fields[fi], &e->fields[fi + 1],
            (size_t)(e->nfields - fi - 1) * sizeof(e->fields[0]));
    e->nfields--;
}

bool fields_is_unit(const char *w)
{
    /* WordNet files "tonnes", "ml" and "litres" first under quantities; the list has the
     * units it files elsewhere ("hours": time) or does not know ("usd") */
    struct lex_noun ln;
    return words_in(w, words_measure_units) || (lexicon_noun(w, &ln) && ln.unit);
}

/* The words of one unit at token i: a unit WordNet knows by two words ("square feet",
 * "cubic yards") or one; 0 for none. After "per" a unit is singular ("per minute"), so the
 * list's plural says it too. */
static int one_unit(const struct plan *p, int i, bool after_per)
{
    if (i >= p->nt || p->t[i].kind != T_WORD)
        return 0;
    struct lex_noun ln;
    char two[2 * WORD_MAX + 2];
    if (i + 1 < p->nt && p->t[i + 1].kind == T_WORD && !tokens_is_word(p, i + 1, "per")) {
        snprintf(two, sizeof(two), "%s %s", p->t[i].w, p->t[i + 1].w);
        if (lexicon_noun(two, &ln) && ln.unit)
            return 2;
    }
    snprintf(two, sizeof(two), "%ss", p->t[i].w);
    return fields_is_unit(p->t[i].w) || (after_per && words_in(two, words_measure_units));
}

int fields_unit_words(const struct plan *p, int i)
{
    int n = one_unit(p, i, false);
    int m = n > 0 && tokens_is_word(p, i + n, "per") ? one_unit(p, i + n + 1, true) : 0;
    return m > 0 ? n + 1 + m : n;
}

/* Is `longer` the name `shorter` with a unit after it ("distance_km", "distance";
 * "price_per_kilo", "price")? */
static bool with_unit(const char *longer, const char *shorter)
{
    size_t n = strlen(shorter);
    if (strncmp(longer, shorter, n) != 0 || longer[n] != '_')
        return false;
    const char *unit = longer + n + 1;
    char plural[NAME_MAX_ + 2];
    if (strncmp(unit, "per_", 4) == 0)
        unit += 4;
    snprintf(plural, sizeof(plural), "%ss", unit);
    return fields_is_unit(unit) || (unit != longer + n + 1 && fields_is_unit(plural));
}

/* The field that `name` names with or without its unit: a quantity said twice, once as
 * "a distance" and once as "a distance in km", is one column, named with the unit. */
static int unit_twin(struct entity *e, const char *name)
{
    for (int fi = 0; fi < e->nfields; fi++) {
        struct field *f = &e->fields[fi];
        if (f->ref >= 0 || !strcmp(f->type, "enum"))
            continue;
        if (with_unit(f->name, name))
            return fi;
        if (with_unit(name, f->name)) {
            snprintf(f->name, sizeof(f->name), "%s", name);
            /* "a player" read as a column, then "a player count": the name says the type */
            if (!strcmp(f->type, "string") && !f->values[0])
                fields_infer_type(f);
            return fi;
        }
    }
    return -1;
}

struct field *fields_add(struct plan *p, int k, const char *raw, bool explicit_)
{
    struct entity *e = &p->e[k];
    char name[NAME_MAX_];
    if (inflect_snake(raw, name, sizeof(name)) == 0 &&
        words_in(name,
                 (const char *const[]){"id", "created_at", "updated_at", "owner_id", NULL})) {
        char en[NAME_MAX_];
        notes_add(p, p->understood,
                  "%s.%s is implicit: every entity has id, created_at, updated_at",
                  entities_pascal(e->snake, en, sizeof(en)), name);
        return NULL;
    }
    safe_field_name(e, raw, name, sizeof(name));
    /* "a maximum of 12 students": a bound alone is no column (the phrase rules name it by
     * what it counts, max_students) */
    if (!name[0] || words_in(name, (const char *const[]){"maximum", "minimum", NULL}))
        return NULL;
    int fi = fields_find(e, name);
    if (fi < 0)
        fi = unit_twin(e, name);
    if (fi >= 0) {
        e->fields[fi].explicit_ |= explicit_;
        return &e->fields[fi];
    }
    if (e->nfields >= MAX_FIELDS)
        return NULL;
    struct field *f = &e->fields[e->nfields++];
    memset(f, 0, sizeof(*f));
    snprintf(f->name, sizeof(f->name), "%s", name);
    f->ref = -1;
    f->explicit_ = explicit_;
    fields_infer_type(f);
    return f;
}

/* Reads the vocabulary mini-language (see vocab.h) into entity k's fields. */
void fields_from_vocab(struct plan *p, int k, const char *spec)
{
    const char *s = spec;
    while (s && *s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *end = strchr(s, ' ');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char item[VALUES_MAX + 64];
        snprintf(item, sizeof(item), "%.*s", (int)len, s);
        s += len;
        char *colon = strchr(item, ':');
        if (!colon)
            continue;
        *colon = '\0';
        struct entity *e = &p->e[k];
        if (e->nfields >= MAX_FIELDS || fields_find(e, item) >= 0 ||
            (size_t)(colon - item) >= sizeof(e->fields[0].name))
            continue;
        struct field *f = &e->fields[e->nfields++];
        memset(f, 0, sizeof(*f));
        memcpy(f->name, item, (size_t)(colon - item) + 1);
        f->ref = -1;
        char *c = colon + 1;
        f->type = "string";
        /* Every spec type but reference, which needs an entity the vocabulary supplies. */
        for (int t = 0; t < SPEC_REFERENCE; t++) {
            const char *name = spec_type_name((enum spec_type)t);
            size_t tl = strlen(name);
            if (strncmp(c, name, tl) == 0 && !isalpha((unsigned char)c[tl])) {
                f->type = name;
                c += tl;
                break;
            }
        }
        while (*c) {
            if (*c == '!') {
                f->required = true;
                c++;
            } else if (*c == '^') {
                f->unique = true;
                c++;
            } else if (*c == '*') {
                f->max_length = (int)strtol(c + 1, &c, 10);
            } else if (*c == '>') {
                f->has_min = true;
                f->min = strtol(c + 1, &c, 10);
            } else if (*c == '(') {
                char *close = strchr(c, ')');
                if (!close)
                    break;
                snprintf(f->values, sizeof(f->values), "%.*s", (int)(close - c - 1), c + 1);
                c = close + 1;
            } else if (*c == '=') {
                f->has_default = true;
                snprintf(f->def, sizeof(f->def), "%s", c + 1);
                break;
            } else {
                c++;
            }
        }
        /* the vocabulary's ">1" means "at least 1": min values are written as is */
        if (strcmp(f->type, "string") == 0 && !f->max_length)
            f->max_length = 255;
    }
}
