/* Constraints from the words: ranges ("from 1 to 5", "up to 200 characters"), enums
 * ("(low, medium, high)", "either draft or published"), required, unique, optional and defaults.
 */
#include "planner/plan.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
            if (strcasecmp(w, q->verb) == 0)
                t = q->entity;
        if (t)
            type = t;
        else if (strcasecmp(w, "required") == 0 || strcasecmp(w, "mandatory") == 0)
            required = true;
        else if (strcasecmp(w, "unique") == 0)
            unique = true;
        else if (strcasecmp(w, "optional") == 0)
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

/* Strict C-locale decimal syntax (digits, at most one point between digits): strtod
 * would also take "1e3", "0x1" or "inf", and reads a comma as the point in some locales. */
static bool decimal_syntax(const char *w)
{
    const char *point = strchr(w, '.');
    if (!isdigit((unsigned char)w[0]) || strspn(w, "0123456789.") != strlen(w))
        return false;
    return !point || (isdigit((unsigned char)point[1]) && !strchr(point + 1, '.'));
}

/* A number said at token i, whole ("5"), decimal ("42.2", which sets *fraction) or
 * negative ("-40", tokens_split keeps its minus sign). */
static bool number_at(const struct plan *p, int i, double *n, bool *fraction)
{
    if (i < 0 || i >= p->nt || p->t[i].kind != T_WORD)
        return false;
    const char *w = p->t[i].w;
    bool minus = w[0] == '-';
    w += minus;
    /* 15 digits are exact in a double; a longer limit is no limit anyone meant */
    if (!decimal_syntax(w) || strlen(w) > 15)
        return false;
    const char *point = strchr(w, '.');
    double digits = 0, scale = 1;
    for (const char *c = w; *c; c++) {
        if (*c == '.')
            continue;
        if (point && c > point)
            scale *= 10;
        digits = digits * 10 + (*c - '0');
    }
    *n = (minus ? -digits : digits) / scale; /* both exact: the nearest double to the text */
    *fraction |= point != NULL;
    return true;
}

/* Limits read from words. */
struct limits {
    bool has_lo, has_hi, chars;
    bool fraction; /* a limit said with a decimal point: "between 1.3 and 2.5" */
    double lo, hi;
};
static int read_limits(const struct plan *p, int j, struct limits *out);
static struct field *drop_value_fields(struct entity *e, int fi);
static struct field *drop_words_field(const struct plan *p, struct entity *e, struct field *f,
                                      int from, int last);
static bool apply_limits(struct field *f, const struct limits *l);
static int field_named(const struct entity *e, const char *name);
static int compound_field(const struct plan *p, const struct entity *e, int i);
static int sole_table_with(const struct plan *p, int i);
static char word_pos(const struct plan *p, int j);
static bool numeric_type(const struct field *f);

/* The values said of f: an enum (the first value is the default), but a choice of yes or
 * no is a boolean ("a power supply (yes or no)"). */
static void set_enum(struct field *f, const char *vals)
{
    bool yes_no = !strcasecmp(vals, "yes|no") || !strcasecmp(vals, "no|yes");
    f->type = yes_no ? "boolean" : "enum";
    snprintf(f->values, sizeof(f->values), "%s", yes_no ? "" : vals);
    f->max_length = 0;
    f->has_min = f->has_max = false;
    f->has_default = true;
    if (yes_no)
        snprintf(f->def, sizeof(f->def), "false");
    else
        snprintf(f->def, sizeof(f->def), "%.*s", (int)strcspn(vals, "|"), vals);
}

/* After a field: "(low, medium, high)" → enum values; "(1-5)", "from 1 to 5" → limits. */
/* What a parenthesis after a column holds: its words as values, and its first two numbers. */
struct paren_list {
    char vals[VALUES_MAX]; /* "low|medium|high" */
    int nv, nnum;
    double nums[2];
    bool fraction; /* a number had a fraction */
};

/* Tokens first to last as the user wrote them, one space between words ("English paper
 * piecing", "pre-war", "DNF"): an enum value keeps its words. False when they hold no letter or
 * digit, or a '|' (the separator of f->values). */
static bool value_text(const struct plan *p, int first, int last, char *out, size_t size)
{
    size_t n = 0;
    bool alnum = false, space = false;
    for (unsigned o = p->t[first].off; o < (unsigned)p->t[last].off + p->t[last].len; o++) {
        unsigned char c = (unsigned char)p->text[o];
        if (c == '|' || n + 2 >= size)
            return false;
        if (isspace(c)) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = (char)c;
        alnum |= isalnum(c) != 0;
    }
    out[n] = '\0';
    return alnum;
}

/* Appends the value said by tokens first to last, once: the same value twice would make
 * review refuse the enum. */
static void paren_add_value(const struct plan *p, struct paren_list *pl, int first, int last)
{
    char v[NAME_MAX_];
    size_t vn = strlen(pl->vals);
    if (!value_text(p, first, last, v, sizeof(v)) || pl->nv >= 20 ||
        vn + strlen(v) + 2 >= sizeof(pl->vals))
        return;
    char tmp[VALUES_MAX];
    snprintf(tmp, sizeof(tmp), "%s", pl->vals);
    for (char *save = NULL, *s = strtok_r(tmp, "|", &save); s; s = strtok_r(NULL, "|", &save))
        if (strcmp(s, v) == 0)
            return;
    snprintf(pl->vals + vn, sizeof(pl->vals) - vn, "%s%s", vn ? "|" : "", v);
    pl->nv++;
}

/* Does "and" at token j join the words of one value, not two values: a comma after it, and
 * "or" before the list ends at `close` ("dairy, bread, fruit and veg, cooked or other")? */
static bool and_inside_value(const struct plan *p, int j, int close)
{
    bool comma = false;
    for (int q = j + 1; q < close; q++) {
        comma |= p->t[q].kind == T_COMMA;
        if (comma && tokens_is_word(p, q, "or"))
            return true;
    }
    return false;
}

/* The values between "(" at open and ")" at close, parted by commas, "or" and "and". */
static void paren_read(struct plan *p, int open, int close, struct paren_list *pl)
{
    memset(pl, 0, sizeof(*pl));
    int first = -1;
    for (int j = open + 1; j <= close; j++) {
        bool sep = j == close || p->t[j].kind == T_COMMA ||
                   tokens_word_in(p, j, (const char *const[]){"or", "either", NULL}) ||
                   (tokens_is_word(p, j, "and") && !and_inside_value(p, j, close));
        if (!sep && p->t[j].kind == T_WORD) {
            if (pl->nnum < 2 && number_at(p, j, &pl->nums[pl->nnum], &pl->fraction))
                pl->nnum++;
            first = first < 0 ? j : first;
            continue;
        }
        if (first >= 0)
            paren_add_value(p, pl, first, j - 1);
        first = -1;
    }
}

/* Gives the field what the parenthesis says: a type ("(int)", "(required)"), a number's
 * range ("(1-5)"), or enum values; false when it says none of these. */
static bool paren_apply(struct field *f, const struct paren_list *pl)
{
    if (pl->nv > 0 && type_hints(f, pl->vals))
        return true;
    if (numeric_type(f) && pl->nnum == 2) {
        if (pl->nums[0] <= pl->nums[1]) {
            if (pl->fraction && strcmp(f->type, "integer") == 0)
                f->type = "float";
            f->has_min = f->has_max = true;
            f->min = pl->nums[0];
            f->max = pl->nums[1];
        }
        return true;
    }
    if (pl->nv >= 2 && pl->nnum == 0 && strcmp(f->type, "boolean") != 0 &&
        strcmp(f->type, "reference") != 0) {
        set_enum(f, pl->vals);
        return true;
    }
    return false;
}

/* Quantifiers that say a constraint in parentheses is of each column before them: "home score
 * and away score (both 0 or more)". Closed-class words. */
static const char *const shared_quantifiers[] = {"both", "each", "all", NULL};

/* "(unique, no more than 30 characters)", "(required, 1 to 5)": parts parted by commas, each
 * of them type or constraint words or limits, with limits among them. Gives f what they say;
 * whether they were such. */
static bool hints_and_limits(const struct plan *p, struct field *f, int open, int close)
{
    struct field g = *f; /* said only when every part is read */
    bool limited = false;
    for (int q = open + 1, stop; q < close; q = stop + 1) {
        struct limits l;
        char words[VALUES_MAX] = "";
        stop = q;
        while (stop < close && p->t[stop].kind != T_COMMA)
            stop++;
        if (read_limits(p, q, &l) == stop) {
            if (!apply_limits(&g, &l))
                return false;
            limited = true;
            continue;
        }
        for (int w = q; w < stop; w++) {
            size_t n = strlen(words);
            snprintf(words + n, sizeof(words) - n, "%s%s", n ? "|" : "", p->t[w].w);
        }
        if (stop == q || !type_hints(&g, words))
            return false;
    }
    if (limited)
        *f = g;
    return limited;
}

/* Is token j a dash that the tokens read as a comma ("prize (optional) - first, second or
 * third")? */
static bool dash_at(const struct plan *p, int j)
{
    return j < p->nt && p->t[j].kind == T_COMMA && p->text[p->t[j].off] == '-';
}

static int read_values(const struct plan *p, const struct field *f, int at, int j, char *vals,
                       size_t size);
static bool two_word_value(const struct plan *p, int j);

/* "prize (optional) - first, second, third or highly commended": a choice after a dash that
 * follows a text column's parentheses is its values. The token after them, else j. */
static int values_after_dash(const struct plan *p, struct field *f, int at, int j)
{
    char vals[VALUES_MAX];
    int end = dash_at(p, j) && !strcmp(f->type, "string")
                  ? read_values(p, f, at, j, vals, sizeof(vals))
                  : -1;
    /* a choice: "or" before its last value (of one word or two) */
    if (end < 0 || !(tokens_is_word(p, end - 2, "or") ||
                     (tokens_is_word(p, end - 3, "or") && two_word_value(p, end - 2))))
        return j;
    set_enum(f, vals);
    return end;
}

/* The field named by the words before "and" that end at token i ("home score and away
 * score (both ...)": home_score) in the entity that holds f; NULL. */
static struct field *coordinated_field(const struct plan *p, const struct field *f, int i)
{
    int a = i - 1;
    while (a > i - 4 && a > 1 && !tokens_is_word(p, a, "and"))
        a--;
    int head = a > 1 && tokens_is_word(p, a, "and") && p->t[a - 1].kind == T_WORD ? a - 1 : -1;
    for (int k = 0; head >= 0 && k < p->ne; k++) {
        const struct entity *e = &p->e[k];
        if (f < e->fields || f >= e->fields + e->nfields)
            continue;
        int fi = compound_field(p, e, head);
        if (fi < 0)
            fi = field_named(e, p->t[head].s);
        return fi >= 0 && &e->fields[fi] != f ? (struct field *)&e->fields[fi] : NULL;
    }
    return NULL;
}

void constraints_enum_or_range(struct plan *p, struct field *f, int *pi, int end)
{
    int i = *pi;
    struct limits l;
    bool paren = i >= 0 && i < end && p->t[i].kind == T_LPAREN;
    int after =
        i >= 0 && i < end && (p->t[i].kind == T_WORD || paren) ? read_limits(p, i, &l) : -1;
    if (after > 0 && after <= end && ((l.has_lo && l.has_hi) || paren)) {
        /* "from 1 to 5", "between 0 and 100", "of 1 to 5 stars": a number's range, also of
         * a name that guessed a text ("a difficulty from 1 to 5"; one limit, "at most 30",
         * constraints_read finds after the rules); in parentheses one limit too, which are
         * no values ("a headline (max 120 characters)") */
        if ((paren || !l.chars) && apply_limits(f, &l)) {
            struct field *other = paren && tokens_word_in(p, i + 1, shared_quantifiers)
                                      ? coordinated_field(p, f, i)
                                      : NULL;
            if (other)
                apply_limits(other, &l);
            tokens_mark_used(p, i, after);
            *pi = after;
        }
        return;
    }
    if (!paren)
        return;
    int close = -1;
    for (int j = i + 1; j < end && j < i + 40 && close < 0; j++)
        if (p->t[j].kind == T_RPAREN)
            close = j;
    struct paren_list pl;
    if (close < 0)
        return;
    paren_read(p, i, close, &pl);
    if (!hints_and_limits(p, f, i, close) && !paren_apply(f, &pl))
        return;
    int last = values_after_dash(p, f, i - 1, close + 1);
    tokens_mark_used(p, i, last);
    *pi = last;
}

/* te[i] for a word the parser did not take for a noun ("kayaks" read as an imperative):
 * the entity its word names, if any. */
#define TE_UNKNOWN (-2)

/* The entity a sentence is about at token i: the nearest noun before it (or at it) that
 * the parser tied to an entity, or, for a word the parser did not know, that names one;
 * in the same sentence; -1. */
static int entity_before(const struct plan *p, const short *te, int i)
{
    for (int j = i; j >= 0 && p->t[j].kind != T_STOP; j--) {
        /* "a cost per pupil (0 to 150), transport (coach, ...)": what a quantity is counted
         * per is not what the sentence is about; nor is a passive's agent ("bookings are made
         * by organisations for a date, a duration ..."), nor a noun in an aside ("(name,
         * contact email)") */
        if (tokens_word_in(p, j - 1, (const char *const[]){"per", "by", NULL}))
            continue;
        if (j < i && p->t[j].kind == T_RPAREN) {
            while (j > 0 && p->t[j].kind != T_LPAREN && p->t[j].kind != T_STOP)
                j--;
            continue;
        }
        int k = te[j] == TE_UNKNOWN ? entities_find(p, p->t[j].s) : te[j];
        if (k >= 0 && !p->e[k].dropped)
            return k;
    }
    return -1;
}

/* "Each course has a name; its level is beginner or advanced": the entity a possessive pronoun
 * before word i points back at, the one the sentence before is about; -1. */
static int entity_of_pronoun(const struct plan *p, const short *te, int i)
{
    if (!tokens_word_in(p, i - 1, (const char *const[]){"its", "their", NULL}))
        return -1;
    int stop = i - 2;
    while (stop >= 0 && p->t[stop].kind != T_STOP)
        stop--;
    return stop > 0 ? entity_before(p, te, stop - 1) : -1;
}

/* Is token v a have-verb or "with" whose subject is the sentence's: a have-verb after "and"
 * (its verb phrase joined to the one before) or after "it" or "they", "with" set off by a
 * comma? */
static bool joined_have(const struct plan *p, int v)
{
    static const char *const joiners[] = {"and", "it", "they", NULL};
    return (tokens_word_in(p, v, words_have_verbs) && tokens_word_in(p, v - 1, joiners)) ||
           (tokens_is_word(p, v, "with") && p->t[v - 1].kind == T_COMMA);
}

/* The first token of the clause that ends at token q: after the comma, colon or stop before
 * it; a clause that opens on a verb ("..., yields a number of bars and has") or on a pronoun
 * with no noun ("Repair jobs - each is for one typewriter and has") has its subject before,
 * and starts where that clause does. */
static int clause_start(const struct plan *p, int q)
{
    static const char *const pronouns[] = {"each", "it", "they", NULL};
    int start = q;
    while (start > 0 && p->t[start - 1].kind != T_STOP && p->t[start - 1].kind != T_COMMA &&
           p->t[start - 1].kind != T_COLON)
        start--;
    bool subjectless =
        start < q && (word_pos(p, start) == 'v' ||
                      (tokens_word_in(p, start, pronouns) && !tokens_is_content(p, start + 1)));
    return subjectless && start > 1 && p->t[start - 1].kind != T_STOP ? clause_start(p, start - 2)
                                                                      : start;
}

/* "a challenge is issued by a player and has a date and a result of ...", "each course runs
 * on one farm, it has a start date, ...", "each diary entry is about one tree, with a date":
 * such a have-verb or "with" (joined_have) has a subject named before it as its own, not
 * the nearest noun ("player", "farm", "tree"): after "and", that of the clause it is joined
 * to; after "it", "they" or a comma, the sentence's (as columns.c gives ", with" the
 * reading's subject). The first table that clause or sentence names for what word i says, -1
 * when the nearest have-verb or "with" before it is none of these. */
static int subject_of_joined_have(const struct plan *p, const short *te, int i)
{
    int v = i - 1;
    while (v > 0 && p->t[v].kind != T_STOP && !tokens_word_in(p, v, words_have_verbs) &&
           !tokens_is_word(p, v, "with"))
        v--;
    if (v <= 0 || !joined_have(p, v))
        return -1;
    int start = v;
    while (start > 0 && p->t[start - 1].kind != T_STOP)
        start--;
    if (tokens_is_word(p, v - 1, "and"))
        start = clause_start(p, v - 1);
    for (int j = start; j < v - 1; j++) {
        int k = te[j] == TE_UNKNOWN ? entities_find(p, p->t[j].s) : te[j];
        if (k >= 0 && !p->e[k].dropped)
            return k;
    }
    return -1;
}

/* "a shift has a date, a start time, a minimum number of volunteers ... and the number of
 * meals served": the table named right before the nearest have-verb before word i in its
 * sentence, with no other verb than a copula between ("customers own boilers, and we book a
 * visit with ..." is no Customer's), is what the words after it are of, not the nearest noun
 * ("volunteers"), when the parse says nothing; -1. */
static int subject_of_have(const struct plan *p, const short *te, int i)
{
    static const char *const copulas[] = {"is", "are", "be", "was", "were", NULL};
    int v = i - 1;
    while (v > 1 && p->t[v].kind != T_STOP && !tokens_word_in(p, v, words_have_verbs)) {
        /* a verb of its own as the parse reads it, not a copula */
        int w;
        const struct reading *rd = reading_of_token(p, v, &w);
        if (rd && rd->r.pos[w] == 'v' && !tokens_word_in(p, v, copulas))
            return -1;
        v--;
    }
    if (v < 1 || !tokens_word_in(p, v, words_have_verbs) || p->t[v - 1].kind != T_WORD)
        return -1;
    int k = te[v - 1] == TE_UNKNOWN ? entities_find(p, p->t[v - 1].s) : te[v - 1];
    return k >= 0 && !p->e[k].dropped ? k : -1;
}

static bool numeric_type(const struct field *f)
{
    return !strcmp(f->type, "integer") || !strcmp(f->type, "float") || !strcmp(f->type, "decimal");
}

/* Is word q a word of its own though maybe a function word: an article that a comma, "or"
 * or ")" follows has no noun, so it is a value, the letter ("a grade (A, B or C)")? */
bool constraints_lone_word(const struct plan *p, int q)
{
    return q >= 0 && q + 1 < p->nt && p->t[q].kind == T_WORD &&
           (p->t[q + 1].kind == T_COMMA || p->t[q + 1].kind == T_RPAREN ||
            tokens_is_word(p, q + 1, "or"));
}

/* Word j as a value of a list: a content word, or any other ("new", "used") that a
 * separator follows or, after the first, that ends the list. */
static bool list_value(const struct plan *p, int j, int nv)
{
    if (tokens_is_content(p, j))
        return true;
    if (!p->t[j].w[0] ||
        tokens_word_in(p, j, (const char *const[]){"and", "or", "either", NULL}) ||
        (tokens_word_in(p, j, words_articles) && !constraints_lone_word(p, j)))
        return false;
    bool sep_next =
        j + 1 < p->nt && (p->t[j + 1].kind == T_COMMA || tokens_is_word(p, j + 1, "or"));
    bool last = nv > 0 && (j + 1 >= p->nt || p->t[j + 1].kind != T_WORD);
    return sep_next || last;
}

/* Is the value at word j two words ("pending, in progress or done", "full time or part
 * time")? Two words that are no separators, the second a content word, and a separator or
 * the list's end right after them. */
static bool two_word_value(const struct plan *p, int j)
{
    static const char *const separators[] = {"and", "or", "either", NULL};
    /* the adverbs of a phrasal verb ("booked in", "sold out", "signed off"): closed class */
    static const char *const particles[] = {"in", "out", "up", "off", "down", "back", NULL};
    if (j + 1 >= p->nt || p->t[j + 1].kind != T_WORD || tokens_word_in(p, j, separators) ||
        tokens_word_in(p, j, words_determiners) || tokens_word_in(p, j + 1, separators) ||
        !(tokens_is_content(p, j + 1) || tokens_word_in(p, j + 1, particles)))
        return false;
    return j + 2 >= p->nt || p->t[j + 2].kind != T_WORD || tokens_is_word(p, j + 2, "or");
}

/* The last token of a name written with capitals and joined by "of" ("South of England",
 * "Bank of Scotland") whose first word is at token j: one value; j when none follows. */
static int proper_name_end(const struct plan *p, int j)
{
    while (j < p->nt && p->t[j].capital && tokens_is_word(p, j + 1, "of") && j + 2 < p->nt &&
           p->t[j + 2].kind == T_WORD && p->t[j + 2].capital)
        j += 2;
    return j;
}

/* The last token of a value of two nouns joined by "of" ("practice, day of dance or
 * festival") whose first word is at token j: the noun after "of" when a separator or the
 * list's end follows it; j when none. */
static int of_value_end(const struct plan *p, int j)
{
    bool closes = j + 3 >= p->nt || p->t[j + 3].kind != T_WORD ||
                  tokens_word_in(p, j + 3, (const char *const[]){"or", "and", NULL});
    return tokens_is_content(p, j) && tokens_is_word(p, j + 1, "of") &&
                   tokens_is_content(p, j + 2) && closes
               ? j + 2
               : j;
}

/* Words A, B or C from token i (for "one of open, closed, archived") into vals as an enum
 * list; returns the index after them, or i when fewer than two values. */
static int value_list(const struct plan *p, int i, char *vals, size_t size)
{
    int j = i, nv = 0;
    size_t vn = 0;
    bool last = false;
    vals[0] = '\0';
    while (j < p->nt && p->t[j].kind == T_WORD && nv < 20) {
        char v[NAME_MAX_];
        bool pair = two_word_value(p, j);
        int end = proper_name_end(p, j + pair);
        if (!pair && end == j)
            end = of_value_end(p, j);
        if ((!pair && !list_value(p, j, nv) && end == j) || !value_text(p, j, end, v, sizeof(v)) ||
            vn + strlen(v) + 2 >= size)
            break;
        vn += (size_t)snprintf(vals + vn, size - vn, "%s%s", vn ? "|" : "", v);
        nv++;
        j = end + 1;
        /* the value after "or" is the last ("pass, advisory or fail, and defects are ..."),
         * unless another "or" follows it ("A or B or C") */
        if (last && !tokens_is_word(p, j, "or"))
            break;
        if (j < p->nt && p->t[j].kind == T_COMMA)
            j++;
        last = tokens_is_word(p, j, "or") || tokens_is_word(p, j, "and");
        j += last;
    }
    return nv >= 2 ? j : i;
}

/* "1-5", "0-100", "0.5-2.5": one token with both limits. */
static bool dash_range(const char *w, double *lo, double *hi)
{
    char *end;
    if (!isdigit((unsigned char)w[0]))
        return false;
    *lo = strtod(w, &end);
    if (*end != '-' || !isdigit((unsigned char)end[1]))
        return false;
    *hi = strtod(end + 1, &end);
    return *end == '\0';
}

/* The words between a column's noun and the constraint said of it ("a capacity of at most
 * 30", "a year that must be between", "a score which can't be more than"). */
static const char *const limit_leads[] = {
    "that", "which",  "is",   "are", "of",   "must",  "may",  "can't", "cannot", "be",
    "can",  "should", "will", "has", "have", "needs", "need", "with",  NULL};

/* "an age, which has to be at least 8", "a weight that needs to be under 20": "to" after a
 * verb of obligation ("has to", "needs to": a modal said in two words) leads to the limit as
 * "must" does. The token after the leads, else j. */
static int past_have_to(const struct plan *p, int j)
{
    return tokens_is_word(p, j, "to") &&
                   tokens_word_in(p, j - 1,
                                  (const char *const[]){"has", "have", "needs", "need", NULL})
               ? tokens_skip(p, j + 1, p->nt, limit_leads)
               : j;
}

/* Comparatives that put a number below or above the values ("no more than 5" / "more than 2"). */
static const char *const above_words[] = {"more", "greater", "higher", "later", NULL};
static const char *const below_words[] = {"less", "fewer", "lower", "earlier", NULL};

/* One end said at token j: "at most 30", "up to 200", "no more than 5", "a maximum of 12",
 * "max 3", "must not exceed 1000", "less than 10" (hi); "at least 1", "a minimum of 2", "more
 * than 2", "no fewer than 1" (lo). Returns the token after its number, or -1. */
static int one_limit(const struct plan *p, int j, struct limits *out)
{
    static const char *const most[] = {"most", "max", "maximum", NULL};
    static const char *const least[] = {"least", "min", "minimum", NULL};
    static const char *const negations[] = {"not", "never", "can't", "cannot", "no", NULL};
    memset(out, 0, sizeof(*out));
    /* "never be more than 500", "must not be later than 1970": the copula too */
    int w = tokens_skip(p, j, p->nt,
                        (const char *const[]){"at", "up", "no", "not", "never", "a", "be", NULL});
    /* "can't exceed 12", "which can't be more than 170": the negation may come before j */
    int from = j;
    while (from > 0 &&
           (tokens_word_in(p, from - 1, limit_leads) || tokens_word_in(p, from - 1, negations)))
        from--;
    bool negated = false;
    for (int q = from; q < w; q++)
        negated |= tokens_word_in(p, q, negations);
    bool above = tokens_word_in(p, w, above_words), below = tokens_word_in(p, w, below_words);
    /* "never before 1840", "not after 2025": a year's or a date's bound */
    bool hi =
        tokens_word_in(p, w, most) || (w > j && tokens_is_word(p, w, "to")) ||
        (negated ? above || tokens_word_in(
                                p, w, (const char *const[]){"exceed", "exceeds", "after", NULL})
                 : below);
    bool lo =
        tokens_word_in(p, w, least) || (negated ? below || tokens_is_word(p, w, "before") : above);
    if (!hi && !lo)
        return -1;
    w = tokens_skip(p, w + 1, p->nt, (const char *const[]){"than", "of", NULL});
    if (!number_at(p, w, hi ? &out->hi : &out->lo, &out->fraction))
        return -1;
    out->has_hi = hi;
    out->has_lo = lo;
    return w + 1;
}

/* "1 or higher", "0.00 or more" (lo); "10 or fewer", "3 or less" (hi): a number and a
 * comparative after "or", one end at token j. Returns the token after the comparative, or -1. */
static int or_comparative(const struct plan *p, int j, struct limits *out)
{
    double n;
    bool fraction = false;
    if (!tokens_is_word(p, j + 1, "or") || !number_at(p, j, &n, &fraction))
        return -1;
    out->has_lo = tokens_word_in(p, j + 2, above_words) ||
                  tokens_word_in(p, j + 2, (const char *const[]){"above", "over", NULL});
    out->has_hi = tokens_word_in(p, j + 2, below_words) ||
                  tokens_word_in(p, j + 2, (const char *const[]){"below", "under", NULL});
    out->lo = out->hi = n;
    out->fraction = fraction;
    return out->has_lo || out->has_hi ? j + 3 : -1;
}

/* Limits said at token j: "between 0 and 100", "from 1 to 5", "1 to 5", "1-5", "(1-5)",
 * "out of 10" (lo, hi, both set); "at most 30", "up to 200", "no more than 5", "a maximum
 * of 12", "max 3", "10 or fewer" (hi only); "at least 1", "a minimum of 2", "1 or higher" (lo
 * only). Returns the token after them (a unit such as "percent" or "stars" included), or -1. */
static int read_limits(const struct plan *p, int j, struct limits *out)
{
    memset(out, 0, sizeof(*out));
    bool paren = j < p->nt && p->t[j].kind == T_LPAREN;
    j += paren;
    if (paren)
        j = tokens_skip(p, j, p->nt, shared_quantifiers); /* "(both 0 or more)" */
    j = tokens_skip(p, j, p->nt, (const char *const[]){"between", "from", "of", NULL});
    bool up = tokens_is_word(p, j + 1, "up"); /* "from 1 up to 5" */
    if (j < p->nt && p->t[j].kind == T_WORD && dash_range(p->t[j].w, &out->lo, &out->hi)) {
        out->has_lo = out->has_hi = true;
        out->fraction = strchr(p->t[j].w, '.') != NULL;
        j++;
    } else if (number_at(p, j, &out->lo, &out->fraction) &&
               tokens_word_in(p, j + 1 + up, (const char *const[]){"to", "and", NULL}) &&
               number_at(p, j + 2 + up, &out->hi, &out->fraction)) {
        out->has_lo = out->has_hi = true;
        j += 3 + up;
    } else if (tokens_is_word(p, j, "out") && tokens_is_word(p, j + 1, "of") &&
               number_at(p, j + 2, &out->hi, &out->fraction)) {
        out->has_lo = out->has_hi = true; /* "a mark out of 100": 0 to 100 */
        j += 3;
    } else if (or_comparative(p, j, out) > 0) {
        j += 3;
    } else if ((j = one_limit(p, j, out)) < 0) {
        return -1;
    } else if (tokens_is_word(p, j, "and")) {
        /* "at least 1 and up to 8", "minimum 2 and maximum 90": the other end too */
        struct limits other;
        int k = one_limit(p, j + 1, &other);
        if (k > 0 && other.has_lo != out->has_lo) {
            out->lo = other.has_lo ? other.lo : out->lo;
            out->hi = other.has_hi ? other.hi : out->hi;
            out->has_lo = out->has_hi = true;
            out->fraction |= other.fraction;
            j = k;
        }
    }
    if (out->has_lo && out->has_hi && out->lo > out->hi)
        return -1;
    out->chars =
        tokens_word_in(p, j, (const char *const[]){"characters", "chars", "letters", NULL});
    if (tokens_word_in(p, j, words_unit_nouns) ||
        tokens_word_in(p, j, (const char *const[]){"stars", "points", "%", NULL}))
        j++;
    if (paren) {
        /* "(no more than 500 litres)": a unit the parenthesis closes on (outside it, a unit
         * names the column: duration_hours) */
        struct lex_noun ln;
        j += j + 1 < p->nt && p->t[j + 1].kind == T_RPAREN && p->t[j].kind == T_WORD &&
             (tokens_word_in(p, j, words_measure_units) ||
              (lexicon_noun(p->t[j].w, &ln) && ln.unit));
        if (j >= p->nt || p->t[j].kind != T_RPAREN)
            return -1;
        j++;
    }
    return j;
}

int constraints_limits_end(const struct plan *p, int i)
{
    struct limits l;
    return read_limits(p, i, &l);
}

/* Applies limits to f; a range said of a text field makes it a number ("a tempo (40-200)"),
 * a float when a limit has a decimal point, unless it counts characters. Returns whether they fit
 * the field. */
/* Is f an enum whose values only its name guessed ("priority": low, medium, high), none
 * said? Limits said of it ("a priority from 1 to 4") say it is a number. */
static bool guessed_enum(const struct field *f)
{
    struct field g;
    memset(&g, 0, sizeof(g));
    snprintf(g.name, sizeof(g.name), "%s", f->name);
    fields_infer_type(&g);
    return !strcmp(f->type, "enum") && !strcmp(g.type, "enum") && !strcmp(f->values, g.values);
}

/* Is f a time its name says in a unit ("a running time in minutes": running_time_minutes)?
 * Limits said of it count the units, a number, not a moment. */
static bool time_in_units(const struct field *f)
{
    const char *unit = strrchr(f->name, '_');
    return (!strcmp(f->type, "datetime") || !strcmp(f->type, "date")) && unit &&
           words_in(unit + 1, words_measure_units);
}

static bool apply_limits(struct field *f, const struct limits *l)
{
    if (l->chars) {
        if ((strcmp(f->type, "string") != 0 && strcmp(f->type, "text") != 0) || !l->has_hi ||
            l->has_lo || l->hi <= 0 || l->hi > 10000)
            return false;
        f->type = "string"; /* a text said with its length: "a message (max 60 characters)" */
        f->max_length = (int)l->hi;
        return true;
    }
    if (!numeric_type(f)) {
        if (strcmp(f->type, "string") != 0 && strcmp(f->type, "text") != 0 && !guessed_enum(f) &&
            !time_in_units(f))
            return false;
        f->type = "integer";
        f->max_length = 0;
        f->values[0] = '\0';
        f->has_default = false;
    }
    if (l->fraction && strcmp(f->type, "integer") == 0)
        f->type = "float"; /* "a pH between 1.3 and 2.5" is no whole number */
    if (l->has_lo) {
        f->has_min = true;
        f->min = l->lo;
    }
    if (l->has_hi) {
        f->has_max = true;
        f->max = l->hi;
    }
    return true;
}

/* Is the field at token `at` said to be what follows at j ("a severity that can be", "the
 * status is"): a copula between them? */
static bool copula_between(const struct plan *p, int at, int j)
{
    for (int q = at + 1; q < j; q++)
        if (tokens_word_in(p, q, (const char *const[]){"is", "are", "be", NULL}))
            return true;
    return false;
}

/* Is t a plural noun, not a word the rules' plural test only ends in s ("calm, nervous or
 * aggressive": WordNet knows no noun "nervous"; "electric, gas or wood": WordNet's lemma of
 * "gas" is itself)? */
static bool plural_noun(const struct tok *t)
{
    struct lex_noun ln;
    return tokens_is_plural(t) && t->s[0] && lexicon_noun(t->w, &ln) && strcmp(ln.lemma, t->w);
}

/* A word with no article, no conjunction: one of the values of a bare choice. */
static bool bare_word(const struct plan *p, int q)
{
    return p->t[q].kind == T_WORD && p->t[q].w[0] && !tokens_word_in(p, q, words_determiners) &&
           !tokens_word_in(p, q, (const char *const[]){"and", "or", NULL});
}

/* Each item one word, the last after "or" and before no other word. */
bool constraints_bare_choice(const struct plan *p, int i, int end)
{
    for (int q = i; q + 2 < end && bare_word(p, q); q += 2) {
        if (tokens_is_word(p, q + 1, "or"))
            return bare_word(p, q + 2) && (q + 3 >= end || p->t[q + 3].kind != T_WORD);
        if (p->t[q + 1].kind != T_COMMA)
            return false;
    }
    return false;
}

/* The part of speech of word j: as the parse reads it, else as WordNet most often does. */
static char word_pos(const struct plan *p, int j)
{
    int w;
    const struct reading *rd = reading_of_token(p, j, &w);
    return rd ? rd->r.pos[w] : lexicon_usual_pos(p->t[j].w);
}

/* "Loans - a borrower takes out a book; keep the due date and the number of renewals": a
 * sentence that opens on a verb (an imperative) names no table of its own; its columns are
 * those of the table the sentence before is about, the first one it names. -1 when the
 * sentence at word i names one or opens on no verb. */
static int entity_of_sentence_before(const struct plan *p, const short *te, int i)
{
    int start = i;
    while (start > 0 && p->t[start - 1].kind != T_STOP)
        start--;
    if (start < 2 || p->t[start].kind != T_WORD || word_pos(p, start) != 'v' ||
        entity_before(p, te, i) >= 0)
        return -1;
    int prev = start - 1;
    while (prev > 0 && p->t[prev - 1].kind != T_STOP)
        prev--;
    for (int j = prev; j < start - 1; j++) {
        int k = te[j] == TE_UNKNOWN ? entities_find(p, p->t[j].s) : te[j];
        if (k >= 0 && !p->e[k].dropped)
            return k;
    }
    return -1;
}

/* Is the list at token j one of states ("a decision of approved, refused or withdrawn")?
 * Its first word a participle or an adjective (as the parse reads it, else as WordNet most
 * often does), a comma or "or" after it. */
static bool state_list(const struct plan *p, int j)
{
    char pos = word_pos(p, j);
    return (pos == 'v' || pos == 'a') && j + 1 < p->nt &&
           (p->t[j + 1].kind == T_COMMA || tokens_is_word(p, j + 1, "or"));
}

/* Does token v name a table the plan keeps (not one dropped: "gas" read as a plural)? */
static bool names_table(const struct plan *p, int v)
{
    int k = entities_find(p, p->t[v].s);
    return k >= 0 && !p->e[k].dropped;
}

/* Is token v, in the list from `start` to `end`, a value of one word? A word of a longer value
 * ("in repair", "video call") names no table or rows. */
static bool one_word_value(const struct plan *p, int start, int v, int end)
{
    bool starts = v == start || p->t[v - 1].kind == T_COMMA ||
                  tokens_word_in(p, v - 1, (const char *const[]){"and", "or", NULL});
    bool ends = v + 1 >= end || p->t[v + 1].kind == T_COMMA ||
                tokens_word_in(p, v + 1, (const char *const[]){"and", "or", NULL});
    return starts && ends;
}

/* Values said at token j: "one of A, B or C", "X is A, B or C", ": A, B or C", "A/B/C", "(A, B,
 * C)", and after "of" for a word of states ("a status of draft or live"). Returns the token after
 * them, or -1. */
static int read_values(const struct plan *p, const struct field *f, int at, int j, char *vals,
                       size_t size)
{
    if (j < p->nt && p->t[j].kind == T_LPAREN) {
        int end = value_list(p, j + 1, vals, size);
        return end > j + 1 && end < p->nt && p->t[end].kind == T_RPAREN ? end + 1 : -1;
    }
    /* "a flag colour - one of red, yellow or green", "a water type, fresh or salt": "one of"
     * or a bare choice of states after a comma or a dash says the values as a colon would */
    bool apposed = j < p->nt && p->t[j].kind == T_COMMA &&
                   ((tokens_is_word(p, j + 1, "one") && tokens_is_word(p, j + 2, "of")) ||
                    (state_list(p, j + 1) && constraints_bare_choice(p, j + 1, p->nt)));
    /* "prize (optional) - first, second or third": a dash after parentheses, as a colon */
    bool dashed = dash_at(p, j) && j > 0 && p->t[j - 1].kind == T_RPAREN;
    bool colon = j < p->nt && (p->t[j].kind == T_COLON || apposed || dashed);
    int start = j + colon;
    /* "one of A, B or C", "such as A, B or C" */
    bool one_of = (tokens_is_word(p, start, "one") && tokens_is_word(p, start + 1, "of")) ||
                  (tokens_is_word(p, start, "such") && tokens_is_word(p, start + 1, "as"));
    if (one_of)
        start += 2;
    else if (tokens_is_word(p, start, "either") && copula_between(p, at, j))
        start++; /* "the status is either draft, sent or paid" */
    else if (!colon && tokens_is_word(p, j - 1, "of") &&
             !words_in(p->t[at].s, words_value_heads) && !constraints_bare_choice(p, j, p->nt) &&
             !state_list(p, j))
        return -1;
    else if (!colon && !tokens_is_word(p, j - 1, "of") &&
             !(tokens_is_word(p, start + 1, "or") &&
               p->t[start + 1].off == p->t[start].off + p->t[start].len) &&
             !copula_between(p, at, j))
        return -1; /* bare values only slashed together: "new/used/damaged" */
    int end = value_list(p, start, vals, size);
    /* "X is A, B or C" (the last maybe two words: "text, email or video call"): a choice, not
     * "a status is new and shiny" */
    if (!colon && !one_of && copula_between(p, at, j) && !tokens_is_word(p, end - 2, "or") &&
        !(tokens_is_word(p, end - 3, "or") && two_word_value(p, end - 2)))
        return -1;
    /* "Photo sharing: users upload photos" is a heading, not a column; a noun an article
     * counts is none ("judges give each exhibit a placing: first, second or third") */
    if (colon && !f && !words_in(p->t[at].s, words_value_heads) &&
        !tokens_word_in(p, at - 1, words_indefinite))
        return -1;
    /* values are no tables: "Inventory: products, suppliers and orders"; but the kinds a
     * word of states lists after "of" or a copula are, one of each ("a unit type of fridge or
     * freezer", "an event type that can be practice, day of dance or festival") */
    bool kinds = (tokens_is_word(p, j - 1, "of") || copula_between(p, at, j)) &&
                 words_in(p->t[at].s, words_value_heads);
    /* a plural inside a longer value is no list of rows ("awaiting parts") */
    for (int v = start; v < end; v++)
        if (p->t[v].kind == T_WORD && one_word_value(p, start, v, end) &&
            ((names_table(p, v) && !kinds) || plural_noun(&p->t[v])))
            return -1;
    return end > start ? end : -1;
}

/* "defaults to 3", "default is pending": the value fits the field's type. */
static int read_default(const struct plan *p, struct field *f, int j)
{
    if (!tokens_word_in(p, j, (const char *const[]){"defaults", "default", NULL}) ||
        !tokens_word_in(p, j + 1, (const char *const[]){"to", "is", NULL}) || j + 2 >= p->nt ||
        p->t[j + 2].kind != T_WORD)
        return -1;
    const char *v = p->t[j + 2].w;
    bool ok = v[0];
    if (ok && !strcmp(f->type, "boolean"))
        ok = !strcmp(v, "true") || !strcmp(v, "false");
    else if (ok && numeric_type(f))
        ok = tokens_is_number(v);
    if (!ok)
        return -1;
    char def[sizeof(f->def)];
    snprintf(def, sizeof(def), "%s", v); /* v is a token of p, f->def too */
    memcpy(f->def, def, sizeof(def));
    f->has_default = true;
    return j + 3;
}

/* The column a choice at "either" (token i) is of: the singular noun said right before it,
 * past a comma, a parenthesis, a copula or "of" ("a stance, either support or objection", "a
 * priority that is either low or high", "a class of either pre-war or post-war"); -1 when that is
 * a table or its rows ("articles are either ..."). */
static int either_column(const struct plan *p, int i)
{
    static const char *const between[] = {"is", "that", "which", "be", "can", "must", "of", NULL};
    int q = i - 1;
    while (q >= 0 && q > i - 4 &&
           (p->t[q].kind == T_COMMA || p->t[q].kind == T_LPAREN || tokens_word_in(p, q, between)))
        q--;
    /* right before "either", a noun that starts a list's item ("amount, paid on, method
     * either cash or card"), not one a verb follows */
    bool item = q <= 0 || p->t[q - 1].kind != T_WORD || tokens_is_word(p, q - 1, "and") ||
                tokens_word_in(p, q - 1, words_determiners);
    if ((q == i - 1 && !item) || !tokens_is_content(p, q) || tokens_is_plural(&p->t[q]) ||
        tokens_is_number(p->t[q].w) || entities_find(p, p->t[q].s) >= 0)
        return -1;
    return q;
}

/* Gives entity k's column `column` the values vals that tokens i to j - 1 said of its rows
 * ("articles are either draft or published", "vessels are a demijohn or a barrel"); whether
 * it did (a reference takes no values). named: the token of the column's noun, or -1. */
static bool rows_enum(struct plan *p, int k, const char *column, const char *vals, int i, int j,
                      int named)
{
    char en[NAME_MAX_], from[SNIPPET_MAX + 8];
    struct field *f = fields_add(p, k, column, true);
    if (!f || strcmp(f->type, "reference") == 0)
        return false;
    set_enum(f, vals);
    f = drop_value_fields(&p->e[k], (int)(f - p->e[k].fields));
    /* "a medium either cash or cheque": the phrase rules' medium_either_cash is no column */
    if (named >= 0)
        f = drop_words_field(p, &p->e[k], f, named, i + 1);
    tokens_mark_used(p, i, j);
    tokens_snippet(p, i, j, from, sizeof(from));
    notes_add(p, p->understood, "field %s.%s: enum (from \"%s\")",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, from);
    return true;
}

/* "articles are either draft or published": a status enum of the entity before; "a stance,
 * either support or objection": an enum of the column named. */
static int read_either(struct plan *p, const short *te, int i)
{
    char vals[VALUES_MAX];
    int k = entity_before(p, te, i);
    int j = value_list(p, i + 1, vals, sizeof(vals));
    if (k < 0 || j <= i + 1)
        return i;
    int column = either_column(p, i);
    /* the column named, of the table before unless only another table has it already
     * ("payments against a pledge: amount, paid on, method either cash or card") */
    int sole =
        column >= 0 && field_named(&p->e[k], p->t[column].s) < 0 ? sole_table_with(p, column) : -1;
    k = sole >= 0 ? sole : k;
    return rows_enum(p, k, column >= 0 ? p->t[column].s : "status", vals, i, j, column) ? j - 1
                                                                                        : i;
}

/* "an order can be pending, paid or shipped", "members are active or lapsed": rows (word i)
 * said after a copula to be one of a few states, bare words, have a status enum. Returns the
 * last token read, or i. */
static int read_states(struct plan *p, const short *te, int i)
{
    static const char *const modals[] = {"can", "may", "must", "will", "should", NULL};
    char vals[VALUES_MAX];
    int k = te[i] >= 0 ? te[i] : entities_find(p, p->t[i].s);
    int j = i + 1 + (tokens_word_in(p, i + 1, modals) && tokens_is_word(p, i + 2, "be"));
    if (k < 0 || p->e[k].dropped ||
        !tokens_word_in(p, j, (const char *const[]){"is", "are", "be", NULL}) ||
        !state_list(p, j + 1) || !constraints_bare_choice(p, j + 1, p->nt))
        return i;
    int end = value_list(p, j + 1, vals, sizeof(vals));
    return end > j + 1 && rows_enum(p, k, "status", vals, i, end, -1) ? end - 1 : i;
}

/* The word after the article at token j as one kind of "vessels are a demijohn or a barrel":
 * a singular noun that names no table; appended to vals. Whether it was. */
static bool kind_value(const struct plan *p, int j, char *vals, size_t size)
{
    char v[NAME_MAX_];
    size_t vn = strlen(vals);
    if (!tokens_word_in(p, j, words_indefinite) || !tokens_is_content(p, j + 1) ||
        tokens_is_plural(&p->t[j + 1]) || entities_find(p, p->t[j + 1].s) >= 0 ||
        !value_text(p, j + 1, j + 1, v, sizeof(v)) || vn + strlen(v) + 2 >= size)
        return false;
    snprintf(vals + vn, size - vn, "%s%s", vn ? "|" : "", v);
    return true;
}

/* "vessels are a demijohn or a barrel": rows said to be one of a few things, each with its
 * article, are of a kind: an enum of the table's type column (Vessel.vessel_type). Returns
 * the last token read, or i. */
static int read_kinds(struct plan *p, const short *te, int i)
{
    char vals[VALUES_MAX] = "";
    int k = te[i] >= 0 ? te[i] : entities_find(p, p->t[i].s);
    if (k < 0 || p->e[k].dropped || !tokens_is_plural(&p->t[i]) ||
        !tokens_is_word(p, i + 1, "are"))
        return i;
    int j = i + 2;
    bool last = false, done = false;
    while (!done && kind_value(p, j, vals, sizeof(vals))) {
        j += 2;
        done = last; /* the kind after "or" ends them */
        j += !done && j < p->nt && p->t[j].kind == T_COMMA;
        last = tokens_is_word(p, j, "or");
        j += !done && last;
    }
    return done && rows_enum(p, k, "type", vals, i, j, -1) ? j - 1 : i;
}

/* "hotels are rated 1 to 5": a verb of judging with limits names the field it fills. */
static const char *judged_field(const struct plan *p, int i)
{
    static const struct join_verb judged[] = {{"rated", "rating"},
                                              {"scored", "score"},
                                              {"graded", "grade"},
                                              {"ranked", "rank"},
                                              {NULL, NULL}};
    /* "each answer scores 0-2 points": the active verb with its limits right after it */
    static const struct join_verb judging[] = {
        {"rates", "rating"}, {"scores", "score"}, {"grades", "grade"}, {NULL, NULL}};
    for (const struct join_verb *q = judged; q->verb; q++)
        if (tokens_is_word(p, i, q->verb))
            return q->entity;
    for (const struct join_verb *q = judging; q->verb; q++)
        if (tokens_is_word(p, i, q->verb) && i + 1 < p->nt &&
            isdigit((unsigned char)p->t[i + 1].w[0]))
            return q->entity;
    return NULL;
}

/* Field `name` of entity e, also under the name the planner gave it after the entity's own
 * ("type" of Kayak is kayak_type: fields.c's risky names); -1. */
static int field_named(const struct entity *e, const char *name)
{
    char prefixed[2 * NAME_MAX_ + 2];
    int fi = fields_find(e, name);
    snprintf(prefixed, sizeof(prefixed), "%s_%s", e->snake, name);
    return fi >= 0 ? fi : fields_find(e, prefixed);
}

/* The field of entity e named by the three words that end at word i, the first no article ("a
 * max group size": max_group_size); -1. */
static int three_word_field(const struct plan *p, const struct entity *e, int i)
{
    char raw[WORD_MAX * 3 + 3], name[NAME_MAX_];
    if (i < 2 || i >= p->nt || i >= MAX_TOKENS || p->t[i - 2].kind != T_WORD ||
        tokens_word_in(p, i - 2, words_determiners))
        return -1;
    snprintf(raw, sizeof(raw), "%s %s %s", p->t[i - 2].w, p->t[i - 1].w, p->t[i].s);
    return inflect_snake(raw, name, sizeof(name)) == 0 ? fields_find(e, name) : -1;
}

/* The field of entity e named by two words, a modifier and the head (word i) that a
 * constraint follows ("an alcohol content between 5.5 and 16": alcohol_content), with the
 * unit it is said in first when one follows ("an exit altitude in feet, max 15000":
 * exit_altitude_feet, before a plain altitude); -1. */
static int compound_field(const struct plan *p, const struct entity *e, int i)
{
    char raw[WORD_MAX * 3 + 3], name[NAME_MAX_];
    bool unit = tokens_is_word(p, i + 1, "in") && tokens_word_in(p, i + 2, words_measure_units);
    if (i < 1 || i >= p->nt || p->t[i - 1].kind != T_WORD)
        return -1;
    snprintf(raw, sizeof(raw), "%s %s %s", p->t[i - 1].w, p->t[i].s, unit ? p->t[i + 2].w : "");
    int fi = inflect_snake(raw, name, sizeof(name)) == 0 ? fields_find(e, name) : -1;
    snprintf(raw, sizeof(raw), "%s %s", p->t[i - 1].w, p->t[i].s);
    if (fi < 0 && inflect_snake(raw, name, sizeof(name)) == 0)
        fi = fields_find(e, name);
    /* "a length in minutes of at most 120": the head and its unit, with no modifier */
    snprintf(raw, sizeof(raw), "%s %s", p->t[i].s, unit ? p->t[i + 2].w : "");
    return fi >= 0 || !unit || inflect_snake(raw, name, sizeof(name)) != 0 ? fi
                                                                           : fields_find(e, name);
}

/* The field of entity e the phrase rules named by "X of Y" whose Y is word i ("a year of issue
 * that is never before 1840": year_of_issue); -1. */
static int of_phrase_field(const struct plan *p, const struct entity *e, int i)
{
    char raw[WORD_MAX * 2 + 8], name[NAME_MAX_];
    int x = i - 2; /* the X */
    if (!tokens_is_word(p, i - 1, "of") || x < 0 || i >= p->nt || p->t[x].kind != T_WORD)
        return -1;
    snprintf(raw, sizeof(raw), "%s of %s", p->t[x].w, p->t[i].w);
    return inflect_snake(raw, name, sizeof(name)) == 0 ? fields_find(e, name) : -1;
}

/* "each project is scored by judges, scores 0-10": a range right after a table's own noun
 * (digits first) is of the value each row holds, a column of that table named by the noun
 * (Score.score). Its field in *k, or -1. */
static int value_of_rows(struct plan *p, const short *te, int i, int j, int *k)
{
    struct limits l;
    int t = te[i] >= 0 ? te[i] : entities_find(p, p->t[i].s);
    /* the limits right after the noun ("scores 0-10"), not what a verb's object is given
     * ("a taster scores a barrel from 1 to 100") */
    if (t < 0 || p->e[t].dropped || j != i + 1 || !isdigit((unsigned char)p->t[j].w[0]) ||
        read_limits(p, j, &l) < 0 || !l.has_lo || !l.has_hi || l.chars ||
        !fields_add(p, t, p->t[i].s, true))
        return -1;
    *k = t;
    return fields_find(&p->e[t], p->t[i].s);
}

/* "comments with a maximum of 300 characters", "tweets of up to 280 characters": a length
 * said of a table's rows is of their text, the table's first text column. Its field in *k,
 * or -1. */
static int text_of_rows(const struct plan *p, const short *te, int i, int j, int *k)
{
    struct limits l;
    int t = te[i] >= 0 ? te[i] : entities_find(p, p->t[i].s);
    if (t < 0 || p->e[t].dropped || read_limits(p, j, &l) < 0 || !l.chars)
        return -1;
    for (int fi = 0; fi < p->e[t].nfields; fi++)
        if (!strcmp(p->e[t].fields[fi].type, "text")) {
            *k = t;
            return fi;
        }
    return -1;
}

/* Did a rule read the parentheses or limits at token j ("(low, high)", "from 1 to 5")? */
static bool limits_read_at(const struct plan *p, int j)
{
    if (j >= p->nt || !p->t[j].used)
        return false;
    return p->t[j].kind == T_LPAREN || isdigit((unsigned char)p->t[j].w[0]) ||
           (j + 1 < p->nt && isdigit((unsigned char)p->t[j + 1].w[0]));
}

/* The token of the noun that modifies word j of reading rd: the compound nouns.c reads, or
 * an AN link from the singular noun right before it, which nouns_compounds leaves when a
 * possessor precedes it ("a plot's soil rating": no table, but still a column's name); -1. */
static int modifier_of(const struct plan *p, const struct reading *rd, int j)
{
    if (rd->mod[j] >= 0 || j == 0)
        return rd->mod[j];
    const struct tok *m = &p->t[rd->tok[j - 1]];
    bool linked = false;
    for (int from = 0, m2; !linked && (m2 = links_linked(rd, j, "AN", false, &from)) >= 0;)
        linked = m2 == j - 1;
    return linked && rd->tok[j - 1] + 1 == rd->tok[j] && rd->r.pos[j - 1] == 'n' &&
                   !tokens_is_plural(m) && !m->poss && entities_find(p, m->s) < 0 &&
                   lexicon_usual_pos(m->w) == 'n'
               ? rd->tok[j - 1]
               : -1;
}

/* The token of the noun that modifies noun i in a compound the parse links ("soil" in "a
 * plot's soil rating is 1-5", nouns_compounds), or -1. */
static int compound_modifier(const struct plan *p, int i)
{
    int j;
    const struct reading *rd = reading_of_token(p, i, &j);
    return rd ? modifier_of(p, rd, j) : -1;
}

/* The name of a new column for noun i whose limits end at token `end`: the compound the
 * parse reads ("soil rating" → soil_rating), and a unit of measure right after the limits
 * ("a duration between 1 and 8 hours" → duration_hours), as "in hours" names one. */
static void new_column_name(const struct plan *p, int i, const char *name, int end, char *out,
                            size_t size)
{
    char raw[3 * WORD_MAX + 3];
    int m = compound_modifier(p, i);
    /* the units that name a column in a list name it here too (phrases.c) */
    bool unit = end > 0 && tokens_word_in(p, end, words_measure_units);
    snprintf(raw, sizeof(raw), "%s%s%s%s%s", m >= 0 ? p->t[m].w : "", m >= 0 ? " " : "", name,
             unit ? " " : "", unit ? p->t[end].w : "");
    if (inflect_snake(raw, out, size) < 0)
        snprintf(out, size, "%s", name);
}

/* Does one limit before the plural at token `end` bound a count of it ("at most 6 places")? */
static bool bounds_count(const struct plan *p, int end, const struct limits *l)
{
    return end >= 0 && end < p->nt && l->has_lo != l->has_hi && tokens_is_content(p, end) &&
           tokens_is_plural(&p->t[end]);
}

/* "tours take a maximum of 20 walkers", "cabins sleep up to 6 guests": one limit after a
 * verb (word i) bounds a count of the plural after it, which names the column (max_walkers,
 * min_players) where the verb would not. */
static bool bounded_count_name(const struct plan *p, int i, int end, const struct limits *l,
                               char *out, size_t size)
{
    if (lexicon_usual_pos(p->t[i].w) != 'v' || !bounds_count(p, end, l))
        return false;
    char raw[WORD_MAX + 8];
    snprintf(raw, sizeof(raw), "%s %s", l->has_hi ? "max" : "min", p->t[end].w);
    return inflect_snake(raw, out, size) == 0;
}

/* The field that word i names in entity k, made when a constraint follows a noun that is
 * no field yet ("a capacity of at most 30", "a level that is one of ..."); -1. */
static int field_at(struct plan *p, const short *te, int k, int i, int j)
{
    struct entity *e = &p->e[k];
    const char *judged = judged_field(p, i);
    struct limits l;
    /* named in the plural: a count, or a text said by its length ("notes of up to 500
     * characters") */
    bool count = tokens_word_in(p, i, words_count_nouns) ||
                 (tokens_is_content(p, i) && read_limits(p, j, &l) > 0 && l.chars);
    const char *name = judged ? judged : count ? p->t[i].w : p->t[i].s;
    /* the column both words name first; any word before: only a column the rules named by
     * both words is found ("a build year", though "build" is a function word to the rules) */
    int fi = judged ? -1 : three_word_field(p, e, i);
    if (fi < 0 && !judged)
        fi = compound_field(p, e, i);
    if (fi < 0 && !judged)
        fi = of_phrase_field(p, e, i);
    if (fi < 0)
        fi = field_named(e, name);
    if (fi < 0 && !judged)
        fi = field_named(e, p->t[i].w);
    if (fi < 0 && !judged && count)
        fi = field_named(e, p->t[i].s); /* "remarks of up to 400 characters": remark */
    if (fi >= 0 || te[i] >= 0 || entities_find(p, p->t[i].s) >= 0 ||
        (!judged && ((tokens_is_plural(&p->t[i]) && !count) || p->t[i].used ||
                     !tokens_is_content(p, i) || words_in(p->t[i].w, words_unit_nouns))))
        return fi;
    char vals[VALUES_MAX], column[NAME_MAX_];
    /* limits a rule read for another word make no column here ("tastings where a taster
     * scores a wine from 1 to 100": no Wine column) */
    if (limits_read_at(p, j))
        return -1;
    int end = read_limits(p, j, &l);
    if (end < 0 && (judged || read_values(p, NULL, i, j, vals, sizeof(vals)) < 0))
        return -1;
    if (!bounded_count_name(p, i, end, &l, column, sizeof(column)))
        new_column_name(p, i, name, end, column, sizeof(column));
    return fields_add(p, k, column, true) ? fields_find(e, column) : -1;
}

/* The one table that has a column named by word i, alone or after its modifier ("the
 * highest checkout" of Leg, though the parse ties the words to another table's noun); -1
 * when none or several do. */
static int sole_table_with(const struct plan *p, int i)
{
    int found = -1;
    const struct tok *head = &p->t[i];
    bool modified = i > 0 && tokens_is_content(p, i - 1);
    for (int k = 0; k < p->ne; k++) {
        const struct entity *e = &p->e[k];
        int fi = field_named(e, head->s);
        if (fi < 0 && modified)
            fi = compound_field(p, e, i);
        if (e->dropped || fi < 0)
            continue;
        if (found >= 0)
            return -1;
        found = k;
    }
    return found;
}

/* "a status of draft, open or closed": the rules, without a grammar, may have read a value
 * as a column of its own ("draft"); a value of an enum is none. Returns the enum field
 * (fields move down when one before it goes). */
static struct field *drop_value_fields(struct entity *e, int fi)
{
    char tmp[VALUES_MAX];
    snprintf(tmp, sizeof(tmp), "%s", e->fields[fi].values);
    for (char *save = NULL, *v = strtok_r(tmp, "|", &save); v; v = strtok_r(NULL, "|", &save)) {
        char name[NAME_MAX_];
        int d = inflect_snake(v, name, sizeof(name)) == 0 ? fields_find(e, name) : -1;
        if (d < 0 || d == fi || e->fields[d].ref >= 0)
            continue;
        fields_remove(e, d);
        fi -= d < fi;
    }
    return &e->fields[fi];
}

/* The constraint said after field f (its name at token i, the words after it from j):
 * returns the token after it, or -1. */
static int read_constraint(const struct plan *p, struct field *f, int i, int j)
{
    struct limits l;
    char vals[VALUES_MAX];
    int end;
    /* "(max 60 characters)", "of 15 or fewer": limits, not the values "max", "60",
     * "characters" or "15", "fewer" */
    bool limits = read_limits(p, j, &l) > 0;
    if (strcmp(f->type, "boolean") != 0 && !limits &&
        (end = read_values(p, f, i, j, vals, sizeof(vals))) > 0) {
        set_enum(f, vals);
        return end;
    }
    if ((end = read_limits(p, j, &l)) > 0)
        return apply_limits(f, &l) ? end : -1;
    return read_default(p, f, j);
}

/* "a message to pipe on top (max 60 characters)": limits in parentheses after a column's
 * modifier (an infinitive or a relative clause: "to", "that", "which", "for") are the
 * column's. The token of the column's noun before word i in entity k, or i. */
static int modified_column(const struct plan *p, int k, int i, int j)
{
    struct limits l;
    if (j >= p->nt || p->t[j].kind != T_LPAREN || read_limits(p, j, &l) < 0 ||
        fields_find(&p->e[k], p->t[i].s) >= 0)
        return i;
    bool modifier = false;
    for (int q = i - 1; q >= 0 && q > i - 8 && p->t[q].kind == T_WORD; q--) {
        modifier |=
            tokens_word_in(p, q, (const char *const[]){"to", "that", "which", "for", NULL});
        int fi = fields_find(&p->e[k], p->t[q].s);
        if (fi >= 0)
            return modifier && p->e[k].fields[fi].ref < 0 ? q : i;
    }
    return i;
}

/* The unit a quantity at token i is said in: "a bird's weight is measured in grams", "its
 * age in years" (a possessive pronoun before it); the token of the unit, one of the units
 * that name a column (words_measure_units), or -1. */
static int measured_in(const struct plan *p, int i)
{
    static const char *const copulas[] = {"is", "are", "was", "were", NULL};
    int q = i + 1;
    if (tokens_word_in(p, q, copulas)) {
        const char *w = q + 1 < p->nt ? p->t[q + 1].w : "";
        size_t n = strlen(w);
        char lemma[WORD_MAX];
        /* a passive participle: "measured", "recorded" */
        if (n < 3 || strcmp(w + n - 2, "ed") != 0 || !lexicon_verb_lemma(w, lemma, sizeof(lemma)))
            return -1;
        q += 2;
    } else if (!tokens_word_in(p, i - 1, (const char *const[]){"its", "their", NULL})) {
        return -1;
    }
    return tokens_is_word(p, q, "in") && tokens_word_in(p, q + 1, words_measure_units) ? q + 1
                                                                                       : -1;
}

/* Adds the column a quantity said in a unit names to entity k (Bird.weight_grams), when word
 * i is a singular noun that names no table; whether it did. */
static bool measured_column(struct plan *p, const short *te, int k, int i)
{
    int u = measured_in(p, i);
    char raw[2 * WORD_MAX + 2];
    if (u < 0 || te[i] >= 0 || p->t[i].used || tokens_is_plural(&p->t[i]) ||
        !tokens_is_content(p, i) || entities_find(p, p->t[i].s) >= 0)
        return false;
    snprintf(raw, sizeof(raw), "%s %s", p->t[i].w, p->t[u].w);
    struct field *f = fields_add(p, k, raw, true);
    if (!f)
        return false;
    tokens_mark_used(p, i, u + 1);
    char en[NAME_MAX_];
    notes_add(p, p->understood, "field %s.%s: %s (a quantity in %s)",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, f->type, p->t[u].w);
    return true;
}

/* "an exit altitude in feet, max 15000", "the jam number, 1 to 60": a limit in words after a
 * comma is the column's, as one right after it would be; one that starts with a number only
 * as both ends that close the item (not "a price, 1 to 10 photos"). The token of the limit,
 * else j. */
static int past_comma_limit(const struct plan *p, int j)
{
    struct limits l;
    if (j + 1 >= p->nt || p->t[j].kind != T_COMMA || p->t[j + 1].kind != T_WORD)
        return j;
    int end = read_limits(p, j + 1, &l);
    if (end < 0)
        return j;
    bool closes = end >= p->nt || p->t[end].kind != T_WORD ||
                  tokens_word_in(p, end, (const char *const[]){"and", "or", NULL});
    return !isdigit((unsigned char)p->t[j + 1].w[0]) || (l.has_lo && l.has_hi && closes) ? j + 1
                                                                                         : j;
}

/* The unit a quantity is said in before its limits ("a tempo in bpm between 40 and 240",
 * "a size in cubic yards (2 to 16)": one or two words) is no column of its own: the token of
 * the limits after it, else j. */
static int past_unit(const struct plan *p, int j)
{
    struct limits l;
    if (!tokens_is_word(p, j, "in") || tokens_word_in(p, j + 1, words_determiners))
        return j;
    for (int q = j + 1; q <= j + 2 && q < p->nt && p->t[q].kind == T_WORD; q++)
        if (read_limits(p, past_comma_limit(p, q + 1), &l) > 0)
            return past_comma_limit(p, q + 1);
    return j;
}

/* The column the phrase rules made of the words from token `from` to `last` that a rule read
 * as something else is none. Returns f (fields move down when one before it goes). */
static struct field *drop_words_field(const struct plan *p, struct entity *e, struct field *f,
                                      int from, int last)
{
    char raw[SNIPPET_MAX], name[NAME_MAX_];
    int fi = (int)(f - e->fields);
    if (!value_text(p, from, last, raw, sizeof(raw)) ||
        inflect_snake(raw, name, sizeof(name)) != 0)
        return f;
    int d = field_named(e, name); /* "2-30" is the column boat_2_30 */
    if (d < 0 || d == fi || e->fields[d].ref >= 0)
        return f;
    fields_remove(e, d);
    return &e->fields[fi - (d < fi)];
}

/* The column the phrase rules made of a limit's words after a comma ("max 15000": max_15000)
 * is none. Returns f. */
static struct field *drop_limit_field(const struct plan *p, struct entity *e, struct field *f,
                                      int from, int end)
{
    return from >= 1 && p->t[from - 1].kind == T_COMMA ? drop_words_field(p, e, f, from, end - 1)
                                                       : f;
}

/* "an inspection's overall condition is a score from 1 to 5": a noun after a copula and an
 * article that limits follow says what kind of value the subject's column holds; the limits
 * are the subject's. The token of the limits, else j. */
static int past_predicate_noun(const struct plan *p, int i, int j)
{
    struct limits l;
    return copula_between(p, i, j) && tokens_word_in(p, j, words_indefinite) &&
                   tokens_is_content(p, j + 1) && !tokens_is_plural(&p->t[j + 1]) &&
                   entities_find(p, p->t[j + 1].s) < 0 && read_limits(p, j + 2, &l) > 0
               ? j + 2
               : j;
}

/* "a weekly stake per member of £1 to £10": the limits after what a quantity is counted per
 * are the quantity's, not a column of the noun after "per". The token of the limits, else j. */
static int past_per(const struct plan *p, int j)
{
    struct limits l;
    return tokens_is_word(p, j, "per") && tokens_is_content(p, j + 1) &&
                   read_limits(p, j + 2, &l) > 0
               ? j + 2
               : j;
}

/* "a score, which goes from 0 to 720", "a length that ranges from 2 to 30": a verb after the
 * relative pronoun with a range its complement says the column's extent. The token of
 * the limits, else j. */
static int past_extent_verb(const struct plan *p, int j)
{
    struct limits l;
    return tokens_word_in(p, j - 1, (const char *const[]){"which", "that", NULL}) && j < p->nt &&
                   p->t[j].kind == T_WORD && word_pos(p, j) == 'v' &&
                   tokens_word_in(p, j + 1, (const char *const[]){"from", "between", NULL}) &&
                   read_limits(p, j + 1, &l) > 0 && l.has_lo && l.has_hi
               ? j + 1
               : j;
}

/* "The length of a layout should be between 4 and 60 feet", "the level of a course is
 * beginner, intermediate or advanced": limits or values of a column of the table named after
 * "of" and an article (word j), not of the table the sentence is about. That table in *k and the
 * token of the limits or values, else j. */
static int past_owner(const struct plan *p, int i, int j, int *k)
{
    struct limits l;
    char vals[VALUES_MAX];
    int t = j + 1 < p->nt ? entities_find(p, p->t[j + 1].s) : -1;
    if (!tokens_is_word(p, i + 1, "of") || !tokens_word_in(p, j, words_determiners) || t < 0 ||
        p->e[t].dropped)
        return j;
    int q = tokens_skip(p, j + 2, p->nt, limit_leads);
    int v = q + 2 * (tokens_is_word(p, q, "one") && tokens_is_word(p, q + 1, "of"));
    if (read_limits(p, q, &l) < 0 && value_list(p, v, vals, sizeof(vals)) == v)
        return j;
    *k = t;
    return q;
}

/* What a column of entity k named at word i counts, after "of" (token j), before its limits
 * ("a count of animals (1 to 50)"), is no column of its own: the token of the limits, else j.
 * Only for a column there is ("a number of copies" names copies, not number). */
static int past_counted(const struct plan *p, int k, int i, int j)
{
    struct limits l;
    int at = past_comma_limit(p, j + 1); /* "a number of dancers, 2-8" */
    return k >= 0 && tokens_is_word(p, j - 1, "of") && j < p->nt && p->t[j].kind == T_WORD &&
                   tokens_is_plural(&p->t[j]) && field_named(&p->e[k], p->t[i].s) >= 0 &&
                   read_limits(p, at, &l) > 0
               ? at
               : j;
}

/* "the number of meals served that day from 0 to 300": a participle after a counted plural
 * (what is done to them), and a time it is said for, a demonstrative or a distributive
 * before a singular noun ("that day", "each week": closed class), come before its limits.
 * The token after them, else j. */
static int past_done_when(const struct plan *p, int j)
{
    static const char *const when[] = {"that", "this", "each", "every", NULL};
    char lemma[WORD_MAX];
    size_t n = j < p->nt ? strlen(p->t[j].w) : 0;
    if (n < 3 || strcmp(p->t[j].w + n - 2, "ed") != 0 ||
        !lexicon_verb_lemma(p->t[j].w, lemma, sizeof(lemma)))
        return j;
    j++;
    return tokens_word_in(p, j, when) && tokens_is_content(p, j + 1) &&
                   !tokens_is_plural(&p->t[j + 1])
               ? j + 2
               : j;
}

/* "a school booking has a number of pupils from 10 to 120", "the number of renewals, no more
 * than 3", "a minimum number of volunteers which is no fewer than 2": a number of a plural with
 * limits, where entity k has no column "number", is a count the plural names (Booking.pupils),
 * a table's or not, after its bound as the phrase rules name it (min_volunteers). Its field, *j
 * moved to the limits; -1. */
static int number_of_column(struct plan *p, int k, int i, int *j)
{
    static const char *const least[] = {"minimum", "min", NULL};
    static const char *const most[] = {"maximum", "max", NULL};
    struct limits l;
    char raw[2 * WORD_MAX + 8];
    int q = *j;
    int done = past_done_when(p, q + 1);
    int at = past_comma_limit(p, tokens_skip(p, done, p->nt, limit_leads));
    if (!tokens_word_in(p, i, (const char *const[]){"number", "count", NULL}) ||
        !tokens_is_word(p, q - 1, "of") || q >= p->nt || !tokens_is_content(p, q) ||
        !tokens_is_plural(&p->t[q]) || field_named(&p->e[k], p->t[i].w) >= 0 ||
        read_limits(p, at, &l) < 0 || l.chars)
        return -1;
    /* "the number of meals served": meals_served, as the phrase rules name it */
    snprintf(raw, sizeof(raw), "%s%s%s%s",
             tokens_word_in(p, i - 1, least)  ? "min "
             : tokens_word_in(p, i - 1, most) ? "max "
                                              : "",
             p->t[q].w, done > q + 1 ? " " : "", done > q + 1 ? p->t[q + 1].w : "");
    struct field *f = fields_add(p, k, raw, true);
    if (!f)
        return -1;
    *j = at;
    return (int)(f - p->e[k].fields);
}

/* "each class has a date, a level and at most 6 places": one limit that a list or a have-verb
 * leads to, before a plural, is a column of entity k that counts the plural (Class.places, as
 * "the number of places" would name it). Its field, *j moved to the limits at word i; -1. */
static int limited_count_column(struct plan *p, int k, int i, int *j)
{
    struct limits l;
    bool led = i > 0 && (p->t[i - 1].kind == T_COMMA || tokens_is_word(p, i - 1, "and") ||
                         tokens_word_in(p, i - 1, words_have_verbs));
    int end = led ? read_limits(p, i, &l) : -1;
    if (end < 0 || l.chars || !bounds_count(p, end, &l) || !fields_add(p, k, p->t[end].w, true))
        return -1;
    *j = i;
    return fields_find(&p->e[k], p->t[end].w);
}

/* Constraints said in words after a field's name: "a title of up to 200 characters", "a
 * score between 0 and 100", "a capacity of at most 30", "a state that is one of open,
 * closed, archived", "status: open/closed", "rated 1 to 5", "defaults to 3"; and "articles
 * are either draft or published" (a status enum). */
/* te[i]: the entity token i names in a parse, -1 for a parsed word of none, TE_UNKNOWN for a
 * word no parse read (its sentence had no reading) or read as no noun ("Kayaks with ..." as
 * a verb), which is known by its name alone. */
static void token_entities(const struct plan *p, short *te)
{
    for (int i = 0; i < p->nt; i++)
        te[i] = TE_UNKNOWN;
    for (int q = 0; q < p->nreadings; q++)
        for (int j = 0; j < p->readings[q].n; j++)
            te[p->readings[q].tok[j]] = -1;
    for (int q = 0; q < p->nreadings; q++)
        for (int j = 0; j < p->readings[q].n; j++)
            if (p->readings[q].ent[j] >= 0)
                te[p->readings[q].tok[j]] = (short)p->readings[q].ent[j];
            else if (p->readings[q].r.pos[j] != 'n' && p->readings[q].r.pos[j] != 'p')
                te[p->readings[q].tok[j]] = TE_UNKNOWN;
}

/* The row the words at i are said of: the parse's owner, else the subject of a have-verb
 * (joined to another clause, or its own), the table before, a pronoun's, the sentence's
 * before; -1. */
static int row_of_words(const struct plan *p, const short *te, int i)
{
    int k = reading_owner_of(p, i);
    if (k < 0 || p->e[k].dropped)
        k = subject_of_joined_have(p, te, i);
    if (k < 0)
        k = subject_of_have(p, te, i);
    if (k < 0)
        k = entity_before(p, te, i);
    if (k < 0)
        k = entity_of_pronoun(p, te, i);
    if (k < 0)
        k = entity_of_sentence_before(p, te, i);
    return k;
}

/* Where the limit or values said of the column at i start, past what leads to them ("must
 * be", a relative clause after a comma: "the highest checkout, which can't be more than
 * 170", the owner, a unit, "per", a count); *k may become the owner said there. */
static int constraint_start(struct plan *p, int i, int *k)
{
    bool relative = i + 1 < p->nt && p->t[i + 1].kind == T_COMMA &&
                    tokens_word_in(p, i + 2, (const char *const[]){"which", "that", NULL});
    int j = past_have_to(p, tokens_skip(p, i + 1 + relative, p->nt, limit_leads));
    j = past_owner(p, i, j, k);
    j = past_counted(p, *k, i, past_unit(p, past_predicate_noun(p, i, past_comma_limit(p, j))));
    return past_per(p, past_extent_verb(p, j));
}

/* The column of row *k the constraint at j is said of, the words at i (at: the column's own
 * first word) naming it: a field, a count or number of rows, the only table with such a
 * column, the value or text of rows; -1. *k may change to the row found; *j past words read. */
static int constrained_column(struct plan *p, const short *te, int *k, int i, int at, int *j)
{
    int fi = *k >= 0 ? field_at(p, te, *k, at, *j) : -1;
    if (fi < 0 && *k >= 0)
        fi = number_of_column(p, *k, i, j);
    if (fi < 0 && *k >= 0)
        fi = limited_count_column(p, *k, i, j);
    int sole = fi < 0 ? sole_table_with(p, i) : -1;
    if (sole >= 0) {
        *k = sole;
        fi = field_at(p, te, *k, i, *j);
    }
    if (fi < 0)
        fi = value_of_rows(p, te, i, *j, k);
    if (fi < 0)
        fi = text_of_rows(p, te, i, *j, k);
    return fi;
}

/* Reads the constraint at j onto column fi of row k (the words i to j named it, at its
 * first word) and notes it: the token past it, or -1 when there was none. */
static int keep_constraint(struct plan *p, int k, int fi, int i, int at, int j)
{
    struct field *f = &p->e[k].fields[fi];
    int end = read_constraint(p, f, at, j);
    if (end < 0)
        return -1;
    if (!strcmp(f->type, "enum"))
        f = drop_value_fields(&p->e[k], fi);
    else
        f = drop_limit_field(p, &p->e[k], f, j, end);
    char en[NAME_MAX_], from[SNIPPET_MAX + 8];
    tokens_mark_used(p, i, end);
    tokens_snippet(p, i, end, from, sizeof(from));
    notes_add(p, p->understood, "%s.%s: %s (from \"%s\")",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name,
              !strcmp(f->type, "enum") ? "enum of the values listed" : "limits", from);
    return end;
}

void constraints_read(struct plan *p)
{
    short te[MAX_TOKENS];
    token_entities(p, te);
    for (int i = 0; i < p->nt; i++) {
        if (p->t[i].kind != T_WORD)
            continue;
        if (tokens_is_word(p, i, "either")) {
            i = read_either(p, te, i);
            continue;
        }
        int kinds = read_kinds(p, te, i);
        if (kinds == i)
            kinds = read_states(p, te, i);
        if (kinds > i) {
            i = kinds;
            continue;
        }
        int k = row_of_words(p, te, i);
        int j = constraint_start(p, i, &k);
        /* parentheses the phrase rules already read belong to the field they read them for */
        if (j < p->nt && p->t[j].kind == T_LPAREN && p->t[j].used)
            continue;
        if (k >= 0 && measured_column(p, te, k, i))
            continue;
        int at = k >= 0 ? modified_column(p, k, i, j) : i;
        int fi = constrained_column(p, te, &k, i, at, &j);
        if (fi < 0 || p->e[k].fields[fi].ref >= 0)
            continue;
        int end = keep_constraint(p, k, fi, i, at, j);
        if (end >= 0)
            i = end - 1;
    }
}
