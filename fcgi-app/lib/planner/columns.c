/* Columns a clause states for a row that the phrase rules (run before the parse) could not
 * give them to, read from the parse after the clauses' relations: parentheses after a table's
 * noun ("casks (cask type, previous use, fill date)"), "with" after a row or a verb whose
 * subject it is ("a tenancy with a start date", "calls come in with an address"), verbs of
 * keeping whose row the parse lost ("each roast uses one lot and records ...", "every lesson
 * we note ..."), kinds with values ("singers are in voice parts (soprano, alto)"), what a
 * passive's subject is given ("are assigned a start date"), conditions ("when the wind speed
 * is over 15 knots") and amounts of money ("members pay a monthly fee"). */
#include "planner/plan.h"

#include <stdio.h>
#include <string.h>

/* The parse's word of token i, or -1 (parentheses and skipped words have none). */
/* The name of the column noun word j says: with its compound modifier ("start date") or
 * adjective ("monthly fee"). */
static void column_words(const struct plan *p, const struct reading *rd, int j, char *raw,
                         size_t size)
{
    int mod = links_linked(rd, j, "AN", false, NULL);
    if (mod < 0)
        mod = links_linked(rd, j, "A", false, NULL);
    snprintf(raw, size, "%s%s%s", mod >= 0 ? p->t[rd->tok[mod]].w : "", mod >= 0 ? " " : "",
             p->t[rd->tok[j]].s);
}

/* Does the word at i name a live table? */
static bool names_table(const struct plan *p, int i)
{
    int k = entities_find(p, p->t[i].s);
    return k >= 0 && !p->e[k].dropped;
}

#define PAREN_ITEMS 12

/* A parenthesised list: its items' words, and what they say of it. */
struct paren_list {
    int items, words;       /* items so far, words of the current one */
    int first[PAREN_ITEMS]; /* each item's first and last word */
    int last[PAREN_ITEMS];
    bool property; /* an item of two words, or one WordNet files as a property */
};

/* Ends the current item at a separator; false when its head names a table or is plural,
 * or it was empty but for an Oxford comma's "and" (", and"). */
static bool end_item(const struct plan *p, struct paren_list *pl, int sep)
{
    if (pl->words == 0)
        return p->t[sep].kind != T_COMMA && p->t[sep - 1].kind == T_COMMA;
    int head = pl->last[pl->items];
    /* "(cask type, ...)" has the table as a modifier only */
    if (names_table(p, head) || tokens_is_plural(&p->t[head]) || pl->items + 1 >= PAREN_ITEMS)
        return false;
    pl->property |= pl->words >= 2;
    pl->items++;
    pl->words = 0;
    return true;
}

/* Do the parentheses at `open` after a table's noun name its columns: two or more singular
 * nouns, none a table or a number, one of them of two words or a property (WordNet's
 * attributes, quantities, times...: "origins (country, farm, altitude)")? A choice ("(tent,
 * caravan or hookup)"), kinds in the plural ("(masks, markers)") and limits are no columns.
 * Fills pl with the items. */
static bool columns_in_parens(const struct plan *p, int open, struct paren_list *pl)
{
    memset(pl, 0, sizeof(*pl));
    for (int q = open + 1; q < p->nt && q < open + 40; q++) {
        const struct tok *t = &p->t[q];
        if (t->kind == T_RPAREN)
            return end_item(p, pl, q) && pl->items >= 2 && pl->property;
        if (t->kind == T_COMMA || tokens_is_word(p, q, "and")) {
            if (!end_item(p, pl, q))
                return false;
            continue;
        }
        if (tokens_word_in(p, q, words_articles))
            continue;
        /* "(with a fabric and a price)", "(each with a running number, ...)": what opens
         * the list says whose the columns are, it names none */
        if (pl->items == 0 && pl->words == 0 &&
            tokens_word_in(p, q, (const char *const[]){"each", "with", NULL}))
            continue;
        struct lex_noun ln;
        if (t->kind != T_WORD || tokens_is_word(p, q, "or") || tokens_is_number(t->w))
            return false;
        pl->property |= lexicon_noun(t->w, &ln) && ln.kind == LEX_FIELD;
        if (pl->words++ == 0)
            pl->first[pl->items] = q;
        pl->last[pl->items] = q;
    }
    return false;
}

/* "green beans come from origins (country, farm, altitude)": the parse made the noun a
 * table after the phrase rules passed its parentheses by. Each item is one column, named by
 * all its words ("previous use", which the rules would take for a verb). */
static void paren_columns(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j] + 1, k = rd->ent[j];
    struct paren_list pl;
    if (k < 0 || p->e[k].dropped || i >= p->nt || p->t[i].kind != T_LPAREN || p->t[i].used)
        return;
    if (!columns_in_parens(p, i, &pl)) {
        phrases_kinds(p, k, i + 1, tokens_sentence_end(p, i)); /* "bins (aisle, shelf or floor)" */
        return;
    }
    char en[NAME_MAX_];
    for (int q = 0; q < pl.items; q++) {
        char raw[NAME_MAX_] = "";
        tokens_snippet(p, pl.first[q], pl.last[q] + 1, raw, sizeof(raw));
        struct field *f = fields_add(p, k, raw, true);
        if (!f)
            continue;
        tokens_mark_used(p, pl.first[q], pl.last[q] + 1);
        notes_add(p, p->understood, "field %s.%s: %s (from \"%s\")",
                  entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, f->type, raw);
    }
    tokens_mark_used(p, i, pl.last[pl.items - 1] + 2);
}

/* "a grant holder, who is recorded with ...", "grave plots, which are identified by ...": the
 * parser reads a relative pronoun after a comma as a new clause's subject (a question word),
 * linked to nothing before it; it stands for the noun right before the comma. x: the
 * subject word; returns the word it stands for (x itself when it is no such pronoun). */
static int relative_antecedent(const struct plan *p, const struct reading *rd, int x)
{
    int i = x >= 0 ? rd->tok[x] : -1;
    if (i < 2 || !tokens_word_in(p, i, (const char *const[]){"who", "which", NULL}) ||
        p->t[i - 1].kind != T_COMMA)
        return x;
    int n = reading_word_of(p, rd, i - 2);
    return n >= 0 && links_is_noun(p, rd, n) ? n : x;
}

/* The subject of verb v, through a passive's auxiliary ("any incident is logged": "is" has
 * the subject) and a relative pronoun; -1. */
static int verb_subject(const struct plan *p, const struct reading *rd, int v)
{
    int x = v >= 0 ? links_clause_subject(rd, v) : -1;
    int aux = v >= 0 && x < 0 ? links_linked(rd, v, "P", false, NULL) : -1;
    return relative_antecedent(p, rd, aux >= 0 ? links_clause_subject(rd, aux) : x);
}

int columns_rows_of_one(const struct plan *p, const struct reading *rd, int n)
{
    int prep = links_linked(rd, n, "J", false, NULL);
    int x = prep >= 0 ? links_linked(rd, prep, "Mp", false, NULL) : -1;
    /* "tracks recorded in each session": the participle's noun; "we store the photos on
     * each hike": the verb's object */
    int v = x < 0 && prep >= 0 ? links_linked(rd, prep, "MV", false, NULL) : -1;
    if (v >= 0)
        x = links_linked(rd, v, "Mv", false, NULL);
    if (v >= 0 && x < 0)
        x = links_linked(rd, v, "O", true, NULL);
    int d = links_linked(rd, n, "D", false, NULL);
    if (x < 0 || rd->ent[x] < 0 || p->e[rd->ent[x]].dropped || d < 0 ||
        tokens_is_plural(&p->t[rd->tok[n]]) || !tokens_is_plural(&p->t[rd->tok[x]]))
        return -1;
    bool each = tokens_word_in(p, rd->tok[d], (const char *const[]){"each", "every", NULL});
    bool one = tokens_word_in(p, rd->tok[d], words_indefinite);
    return each || (one && tokens_is_word(p, rd->tok[prep], "of")) ? rd->ent[x] : -1;
}

/* The table of the first singular subject of a reading ("a check" of "a check is done on one
 * unit"); -1. */
static int subject_row(const struct plan *p, const struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        int e = rd->ent[l->l];
        if (links_is_subject(l->label) && e >= 0 && !p->e[e].dropped &&
            !tokens_is_plural(&p->t[rd->tok[l->l]]))
            return e;
    }
    return -1;
}

/* The row a "with" (word j) gives columns to: the noun the parse attaches it to ("we log
 * sales per stop with ..."), the table right before it ("a tenancy with", "holes each with
 * a par"), or the subject of the verb the parse attaches it to ("calls come in with", "any
 * incident is logged with"); -1. */
static int row_of_with(const struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    int n = links_linked(rd, j, "Mp", false, NULL);
    int rows = n >= 0 ? columns_rows_of_one(p, rd, n) : -1;
    if (rows >= 0)
        return rows;
    if (n >= 0 && rd->ent[n] >= 0 && links_is_noun(p, rd, n))
        return rd->ent[n];
    /* "each diary entry is about one tree, with a date": set off by a comma from the row the
     * parse hangs it on (MX), it describes the clause's subject */
    if (p->t[i - 1].kind == T_COMMA && links_linked(rd, j, "MX", false, NULL) >= 0)
        return subject_row(p, rd);
    int b = reading_word_of(p, rd, i - 1);
    if (b >= 0 && tokens_word_in(p, i - 1, (const char *const[]){"each", "every", NULL}))
        /* "holes each with a par", "sample batches, each with a date" */
        b = reading_word_of(p, rd, i - 2 - (i > 2 && p->t[i - 2].kind == T_COMMA));
    if (b >= 0 && links_is_noun(p, rd, b))
        return rd->ent[b];
    int v = links_linked(rd, j, "MV", false, NULL);
    char lemma[WORD_MAX];
    if (v >= 0 && !lexicon_verb_lemma(p->t[rd->tok[v]].w, lemma, sizeof(lemma)))
        snprintf(lemma, sizeof(lemma), "%s", p->t[rd->tok[v]].w);
    /* "students sign up with email and password": what the generated auth keeps */
    if (v >= 0 && p->auth &&
        words_in(lemma, (const char *const[]){"sign", "log", "register", NULL}))
        return -1;
    int x = verb_subject(p, rd, v);
    /* "when a launch happens it is recorded with ...": "it" stands for the row its sentence
     * said first */
    if (x >= 0 && rd->ent[x] < 0 && tokens_is_word(p, rd->tok[x], "it"))
        return subject_row(p, rd);
    return x >= 0 ? rd->ent[x] : -1;
}

/* The head of the singular noun phrase that starts at token i ("an expiry date": "date"),
 * or -1 when none does. */
static int singular_head(const struct plan *p, int i)
{
    i = tokens_skip(p, i, p->nt, (const char *const[]){"a", "an", "the", "its", "their", NULL});
    while (tokens_is_content(p, i) && tokens_is_content(p, i + 1))
        i++; /* to the head: "an expiry date" */
    int shared = phrases_shared_head(p, i);
    if (shared >= 0)
        i = shared; /* "a start and end date" */
    return tokens_is_content(p, i) && !tokens_is_plural(&p->t[i]) && !tokens_is_number(p->t[i].w)
               ? i
               : -1;
}

/* Does a column's name start at token i: a singular noun phrase that names no table? */
static bool column_follows(const struct plan *p, int i)
{
    int h = singular_head(p, i);
    return h >= 0 && !names_table(p, h);
}

/* "a tenancy with a start date and a monthly rent", "calls come in with a caller's address
 * and a priority from 1 to 4": the columns of a row only the parse made a table. */
static void with_columns(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    if (!tokens_is_word(p, i, "with") || p->t[i].used || !column_follows(p, i + 1))
        return;
    int k = row_of_with(p, rd, j);
    if (k < 0 || p->e[k].dropped)
        return;
    p->t[i].used = true;
    phrases_field_list(p, k, i + 1, tokens_sentence_end(p, i), false, false);
}

/* The row counted one by one before word j of its sentence: "each roast" (the parse's "D"
 * link), or "each booking" that the parse left unlinked (a table's noun after each/every);
 * -1. */
static int counted_row_before(const struct plan *p, const struct reading *rd, int j)
{
    for (int x = j - 1; x >= 0; x--) {
        int i = rd->tok[x], k = links_counted_entity(p, rd, x);
        if (k < 0 && i > 0 &&
            tokens_word_in(p, i - 1, (const char *const[]){"each", "every", NULL}))
            k = links_entity_of_word(p, i, p->t[i].s);
        if (k >= 0 && !p->e[k].dropped)
            return k;
    }
    return -1;
}

/* "each roast uses one bean lot and records the roast level, the start weight and ...",
 * "each booking records the arrival date" (the parse linking "each" to the verb, the noun to
 * nothing): a verb of keeping with no subject in the parse keeps the columns of the row its
 * sentence counts one by one before it. */
static void unlinked_keeping(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    if (!tokens_word_in(p, i, words_record_verbs) || rd->r.pos[j] != 'v' || p->t[i].used ||
        links_clause_subject(rd, j) >= 0 || !column_follows(p, i + 1))
        return;
    int k = counted_row_before(p, rd, j);
    if (k < 0)
        return;
    p->t[i].used = true;
    phrases_field_list(p, k, i + 1, tokens_sentence_end(p, i), false, false);
}

/* "singers are in voice parts (soprano, alto, tenor, bass)": rows said to be in one of a few
 * named kinds, a noun that is no table with its values in parentheses, keep the kind as an
 * enum column (Singer.voice_part). j: the word "in". */
static void kind_in_values(struct plan *p, const struct reading *rd, int j)
{
    int cop = links_linked(rd, j, "Pp", false, NULL);
    int y = links_linked(rd, j, "J", true, NULL);
    int x = cop >= 0 ? links_clause_subject(rd, cop) : -1;
    int open = y >= 0 ? rd->tok[y] + 1 : -1;
    if (!tokens_is_word(p, rd->tok[j], "in") || x < 0 || rd->ent[x] < 0 || rd->ent[y] >= 0 ||
        open >= p->nt || p->t[open].kind != T_LPAREN || p->t[open].used)
        return;
    int k = rd->ent[x], mod = links_linked(rd, y, "AN", false, NULL);
    char raw[2 * WORD_MAX + 2], en[NAME_MAX_];
    column_words(p, rd, y, raw, sizeof(raw));
    int had = p->e[k].nfields;
    struct field *f = fields_add(p, k, raw, true);
    if (!f || p->e[k].nfields == had)
        return;
    int end = open;
    constraints_enum_or_range(p, f, &end, tokens_sentence_end(p, open));
    if (strcmp(f->type, "enum") != 0) {
        fields_remove(&p->e[k], p->e[k].nfields - 1);
        return;
    }
    tokens_mark_used(p, mod >= 0 ? rd->tok[mod] : rd->tok[y], rd->tok[y] + 1);
    notes_add(p, p->understood, "field %s.%s: enum (%s)",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, f->values);
}

/* Noun word j as a column of entity k, with a note. */
static void add_column_word(struct plan *p, const struct reading *rd, int k, int j)
{
    char raw[2 * WORD_MAX + 2], en[NAME_MAX_];
    column_words(p, rd, j, raw, sizeof(raw));
    struct field *f = fields_add(p, k, raw, true);
    if (!f)
        return;
    tokens_mark_used(p, rd->tok[j], rd->tok[j] + 1);
    notes_add(p, p->understood, "field %s.%s: %s (from \"%s\")",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, f->type, raw);
}

/* Is word j a noun that can be a column: read by no rule yet, no table, no person or group
 * (a crew assigned is a row of its own), no plural? */
static bool column_noun(const struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    const struct tok *t = &p->t[rd->tok[j]];
    return links_is_noun(p, rd, j) && rd->ent[j] < 0 && !t->used && !names_table(p, rd->tok[j]) &&
           !tokens_is_plural(t) &&
           !(lexicon_noun(t->w, &ln) && (ln.person || ln.kind == LEX_GROUP));
}

/* "accepted jobs are assigned a crew and a start date": what a passive verb's subject is
 * given (the verb's object) is its columns. v: the participle. */
static void passive_objects(struct plan *p, const struct reading *rd, int v)
{
    int o = links_linked(rd, v, "O", true, NULL), m[PARSE_MAX_WORDS];
    int x = o >= 0 && links_passive_participle(rd, v) ? verb_subject(p, rd, v) : -1;
    if (x < 0 || rd->ent[x] < 0 || p->e[rd->ent[x]].dropped)
        return;
    int nm = links_members(rd, o, m, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++)
        if (column_noun(p, rd, m[q]))
            add_column_word(p, rd, rd->ent[x], m[q]);
}

/* "grave plots, which are identified by a row and a plot number", "each tag is marked by a
 * colour": a passive verb's agent that no rule made a table, no person or group, counted by
 * "a"/"an", is a column of the verb's subject, not whoever does it. j: the word "by". */
static void passive_agent_columns(struct plan *p, const struct reading *rd, int j)
{
    int v = links_linked(rd, j, "MV", false, NULL), m[PARSE_MAX_WORDS];
    int y = links_linked(rd, j, "J", true, NULL);
    int x = y >= 0 && tokens_is_word(p, rd->tok[j], "by") && links_passive_participle(rd, v)
                ? verb_subject(p, rd, v)
                : -1;
    if (x < 0 || rd->ent[x] < 0 || p->e[rd->ent[x]].dropped)
        return;
    int nm = links_members(rd, y, m, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++) {
        int d = links_linked(rd, m[q], "D", false, NULL);
        if (column_noun(p, rd, m[q]) && d >= 0 && tokens_word_in(p, rd->tok[d], words_indefinite))
            add_column_word(p, rd, rd->ent[x], m[q]);
    }
}

/* The subject of the copula before participle v ("is dated": Pv; "is numbered", which the
 * parser reads as an adjective: Pa), also when the copula is the first of two joined verbs
 * ("is dated and runs for ..."); -1. */
static int copula_subject(const struct plan *p, const struct reading *rd, int v)
{
    int cop = links_linked(rd, v, "P", false, NULL);
    int x = cop >= 0 ? links_clause_subject(rd, cop) : -1;
    int and = cop >= 0 && x < 0 ? links_linked(rd, cop, "VJl", true, NULL) : -1;
    return relative_antecedent(p, rd, and >= 0 ? links_clause_subject(rd, and) : x);
}

/* "each grant is dated", "each plot is numbered": a passive participle with no complement,
 * whose verb is a noun WordNet files under properties (times, attributes, quantities), says
 * that its subject's rows have that property: a column named by the noun. v: the participle. */
static void property_participle(struct plan *p, const struct reading *rd, int v)
{
    char lemma[WORD_MAX];
    struct lex_noun ln;
    int x = copula_subject(p, rd, v);
    size_t n = strlen(p->t[rd->tok[v]].w);
    if (x < 0 || rd->ent[x] < 0 || p->e[rd->ent[x]].dropped || p->t[rd->tok[v]].used || n < 4 ||
        strcmp(p->t[rd->tok[v]].w + n - 2, "ed") != 0 ||
        links_linked(rd, v, "MV", true, NULL) >= 0 || links_linked(rd, v, "O", true, NULL) >= 0 ||
        !lexicon_verb_lemma(p->t[rd->tok[v]].w, lemma, sizeof(lemma)) ||
        !lexicon_noun(lemma, &ln) || ln.kind != LEX_FIELD || strcmp(ln.lemma, lemma) != 0)
        return;
    char en[NAME_MAX_];
    struct field *f = fields_add(p, rd->ent[x], lemma, true);
    if (!f)
        return;
    p->t[rd->tok[v]].used = true;
    notes_add(p, p->understood, "field %s.%s: %s (from \"%s\")",
              entities_pascal(p->e[rd->ent[x]].snake, en, sizeof(en)), f->name, f->type,
              p->t[rd->tok[v]].w);
}

/* The token of the number said from token i to the clause's end (a comma, a stop), or -1. */
static int number_after(const struct plan *p, int i)
{
    for (; i < p->nt && p->t[i].kind == T_WORD; i++)
        if (tokens_is_number(p->t[i].w))
            return i;
    return -1;
}

/* "over 15 knots": the unit of a number a column is compared with is no table, when the
 * prompt names it nowhere else. */
static void drop_unit_table(struct plan *p, int number)
{
    int u = number + 1;
    if (u >= p->nt || p->t[u].kind != T_WORD || links_head_count(p, p->t[u].s) != 1)
        return;
    int k = entities_find(p, p->t[u].s);
    if (k < 0 || p->e[k].dropped)
        return;
    if (entities_related(p, k))
        return; /* a row after all */
    notes_add(p, p->understood, "\"%s\" is the unit of a number, not a table", p->t[u].w);
    entities_drop(p, k);
}

/* "flights get cancelled when the wind speed is over 15 knots": the subject of a condition
 * that compares it with a number, a noun that is no table, is a column of the row the main
 * verb is said of. j: the conjunction ("when", "if"). */
static void condition_columns(struct plan *p, const struct reading *rd, int j)
{
    int n = links_linked(rd, j, "Cs", true, NULL);
    int x = verb_subject(p, rd, links_linked(rd, j, "MV", false, NULL));
    int number = n >= 0 ? number_after(p, rd->tok[n] + 1) : -1;
    if (number < 0 || x < 0 || rd->ent[x] < 0 || p->e[rd->ent[x]].dropped ||
        !column_noun(p, rd, n))
        return;
    add_column_word(p, rd, rd->ent[x], n);
    drop_unit_table(p, number);
}

/* The subject of verb v, also as the first of two verbs a conjunction joins ("instructors
 * charge a rate and teach": the subject links to "and"); -1. */
static int joined_subject(const struct reading *rd, int v)
{
    int x = links_clause_subject(rd, v);
    int conj = x < 0 ? links_linked(rd, v, "VJl", true, NULL) : -1;
    return conj >= 0 ? links_linked(rd, conj, "S", false, NULL) : x;
}

/* "members pay a monthly fee", "instructors charge an hourly rate": one amount of money a
 * row's verb takes, no table, is the row's column. v: the verb (of any kind: what is paid
 * or charged is a price whoever says it). */
static void money_object(struct plan *p, const struct reading *rd, int v)
{
    int o = rd->r.pos[v] == 'v' ? links_linked(rd, v, "O", true, NULL) : -1;
    int d = o >= 0 ? links_linked(rd, o, "D", false, NULL) : -1;
    int x = d >= 0 ? joined_subject(rd, v) : -1;
    if (x < 0 || rd->ent[x] < 0 || p->e[rd->ent[x]].dropped || !column_noun(p, rd, o) ||
        !tokens_word_in(p, rd->tok[d], words_articles) ||
        tokens_word_in(p, rd->tok[v], words_have_verbs))
        return;
    struct field f;
    memset(&f, 0, sizeof(f));
    column_words(p, rd, o, f.name, sizeof(f.name));
    char snake[NAME_MAX_];
    if (inflect_snake(f.name, snake, sizeof(snake)) < 0)
        return;
    snprintf(f.name, sizeof(f.name), "%s", snake);
    fields_infer_type(&f);
    if (!strcmp(f.type, "decimal"))
        add_column_word(p, rd, rd->ent[x], o);
}

/* The row token i names when each/every counts it ("every lesson", "for each harvest"); -1. */
static int counted_at(const struct plan *p, int i)
{
    if (i < 1 || i >= p->nt || i >= MAX_TOKENS || p->t[i].kind != T_WORD ||
        !tokens_word_in(p, i - 1, (const char *const[]){"each", "every", NULL}))
        return -1;
    int k = links_entity_of_word(p, i, p->t[i].s);
    return k >= 0 && !p->e[k].dropped ? k : -1;
}

/* Whether the words from token `first` open a clause: nothing before them in the sentence, or
 * only a preposition of `preps` that itself opens it ("for every stamp i note ..."). */
static bool clause_opener(const struct plan *p, int first, const char *const *preps)
{
    /* "..., so for each booking i note ...": a conjunction that joins clauses opens one too
     * (closed class) */
    static const char *const joining[] = {"so", "and", "but", "then", NULL};
    if (first == 0 || p->t[first - 1].kind != T_WORD)
        return true;
    return tokens_word_in(p, first - 1, preps) &&
           (first == 1 || p->t[first - 2].kind != T_WORD || tokens_word_in(p, first - 2, joining));
}

/* "every lesson we note the pool, the lane and ...", "we record the pick date and the weight
 * for each harvest", "technicians log the ph level on every visit": what is kept, said with
 * a row counted one by one before the clause (kept by "we", "I" or "you") or after its list
 * (by anyone), is that row's columns (the parse reads the opener as it will, or attaches
 * the preposition to the verb). j: the verb of keeping. */
static void kept_for_counted_row(struct plan *p, const struct reading *rd, int j)
{
    static const char *const row_preps[] = {"for", "on", "at", "after", NULL};
    /* "for each sign we want the wording, ...": what we want or need of the row counted
     * before the clause is kept too (the verbs of wishing, a closed class) */
    static const char *const wishing[] = {"want", "wants", "need", "needs", NULL};
    int i = rd->tok[j];
    bool wish = tokens_word_in(p, i, wishing);
    if (!(tokens_word_in(p, i, words_record_verbs) || wish) || p->t[i].used || i < 1)
        return;
    bool ours = tokens_word_in(p, i - 1, (const char *const[]){"we", "i", "you", NULL});
    int k = ours ? counted_at(p, i - 2) : -1, end = tokens_sentence_end(p, i);
    bool opener = k >= 0 && clause_opener(p, i - 3, row_preps);
    if (wish && !opener)
        return;
    for (int q = i + 1; !opener && q + 2 < end; q++)
        if (tokens_word_in(p, q, row_preps) && (k = counted_at(p, q + 2)) >= 0) {
            end = q;
            break;
        }
    if (k < 0 || (!opener && end == tokens_sentence_end(p, i)))
        return;
    p->t[i].used = true;
    phrases_field_list(p, k, i + 1, end, false, false);
}

/* "tastings where a taster scores a barrel from 1 to 100": a verb of judging in a clause
 * "where" leads after a table's noun names that table's column (Tasting.score), with the
 * limits said after the verb's object. j: the word "where". */
static void judged_where(struct plan *p, const struct reading *rd, int j)
{
    static const struct join_verb judging[] = {
        {"rate", "rating"}, {"score", "score"}, {"grade", "grade"}, {NULL, NULL}};
    int n = links_linked(rd, j, "Mp", false, NULL);
    int w = n < 0 ? links_linked(rd, j, "MV", false, NULL) : -1;
    int wo = w >= 0 ? links_linked(rd, w, "O", true, NULL) : -1;
    if (wo >= 0 && rd->tok[wo] + 1 == rd->tok[j])
        n = wo; /* "write reviews where": the parse attaches "where" to the verb */
    int v = links_linked(rd, j, "CV", true, NULL);
    int o = v >= 0 ? links_linked(rd, v, "O", true, NULL) : -1;
    char lemma[WORD_MAX];
    if (!tokens_is_word(p, rd->tok[j], "where") || n < 0 || rd->ent[n] < 0 || o < 0 ||
        p->e[rd->ent[n]].dropped || !lexicon_verb_lemma(p->t[rd->tok[v]].w, lemma, sizeof(lemma)))
        return;
    for (const struct join_verb *q = judging; q->verb; q++) {
        if (strcmp(lemma, q->verb) != 0)
            continue;
        struct field *f = fields_add(p, rd->ent[n], q->entity, true);
        int after = rd->tok[o] + 1;
        if (f)
            constraints_enum_or_range(p, f, &after, tokens_sentence_end(p, after));
        return;
    }
}

/* "every rig is maintained by a rigger and has a reserve repack date": a have-verb joined to
 * a first verb lists the columns of their subject (the parse links the subject to "and",
 * so the clause's reading of the subject's verb sees no have-verb). j: the have-verb. */
static void joined_have(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    if (!tokens_word_in(p, i, words_have_verbs) || rd->r.pos[j] != 'v' || p->t[i].used ||
        links_linked(rd, j, "VJr", false, NULL) < 0 || !column_follows(p, i + 1))
        return;
    int x = links_clause_subject(rd, j);
    if (x < 0 || rd->ent[x] < 0 || p->e[rd->ent[x]].dropped)
        return;
    p->t[i].used = true;
    phrases_field_list(p, rd->ent[x], i + 1, tokens_sentence_end(p, i), false, true);
}

/* "on every visit for a callout the technician records the treatment used": a verb of
 * keeping after an opener that counts a row one by one ("on every visit", the parse's CO link
 * to the verb's subject) keeps that row's columns, whoever keeps them. j: the verb. */
int columns_opener_row(const struct plan *p, const struct reading *rd, int x)
{
    int opener = x >= 0 ? links_linked(rd, x, "CO", false, NULL) : -1;
    int y = opener >= 0 ? links_linked(rd, opener, "J", true, NULL) : -1;
    return y >= 0 ? counted_at(p, rd->tok[y]) : -1;
}

static void kept_on_counted_row(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    if (!tokens_word_in(p, i, words_record_verbs) || rd->r.pos[j] != 'v' || p->t[i].used ||
        !column_follows(p, i + 1))
        return;
    int k = columns_opener_row(p, rd, links_clause_subject(rd, j));
    if (k < 0)
        return;
    p->t[i].used = true;
    phrases_field_list(p, k, i + 1, tokens_sentence_end(p, i), false, false);
}

/* "every session I note the spot, the board and the wave height": a clause that opens with a
 * row counted by each/every (no preposition before it) and goes on with what I or we keep
 * lists that row's columns, a reference among them when the first names a table ("the spot"
 * with spots said elsewhere); the row is a table even when no other word made it one. j: the
 * verb. */
static void kept_by_us_every(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j], row = i - 2;
    /* (the phrase rules may have read the verb as the signed-in user's, finding no row) */
    if (row < 1 || !tokens_word_in(p, i, words_record_verbs) || rd->r.pos[j] != 'v' ||
        !tokens_word_in(p, i - 1, (const char *const[]){"i", "we", NULL}) ||
        !tokens_word_in(p, row - 1, (const char *const[]){"each", "every", NULL}) ||
        !tokens_is_content(p, row) || tokens_is_plural(&p->t[row]) ||
        (row - 2 >= 0 && p->t[row - 2].kind == T_WORD) || singular_head(p, i + 1) < 0)
        return;
    int k = entities_find(p, p->t[row].s);
    if (k < 0)
        k = entities_from_unknown(p, row, row + 1, true);
    if (k < 0 || p->e[k].dropped)
        return;
    p->t[i].used = true;
    phrases_field_list(p, k, i + 1, tokens_sentence_end(p, i), false, false);
}

/* "gradings are held on a date", "auctions held on a sale date": the time a row's verb
 * happens on, a noun WordNet files as a property (a time) after "on" or "at" right behind
 * the verb, is the row's column: the passive's subject, or the noun the participle follows.
 * j: the preposition. */
static void time_of_verb(struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    int i = rd->tok[j], n = links_linked(rd, j, "J", true, NULL);
    int v = reading_word_of(p, rd, i - 1), d = n >= 0 ? links_linked(rd, n, "D", false, NULL) : -1;
    if (!tokens_word_in(p, i, (const char *const[]){"on", "at", NULL}) || v < 0 || d < 0 ||
        rd->r.pos[v] != 'v' || links_linked(rd, j, "MV", false, NULL) != v ||
        !tokens_word_in(p, rd->tok[d], words_indefinite) || !column_noun(p, rd, n) ||
        !lexicon_noun(p->t[rd->tok[n]].w, &ln) || ln.kind != LEX_FIELD)
        return;
    int x = links_linked(rd, v, "Mv", false, NULL);
    if (x < 0 && links_passive_participle(rd, v))
        x = verb_subject(p, rd, v);
    if (x >= 0 && rd->ent[x] >= 0 && !p->e[rd->ent[x]].dropped)
        add_column_word(p, rd, rd->ent[x], n);
}

/* "we book sweeps for a chimney on a date": the time a verb puts a thing done on (its object,
 * a row WordNet files first as an act or event), a noun counted by "a" that WordNet files as a
 * property after "on" or "at" that the parse gives the verb, is that row's column. j: the
 * preposition. */
static void time_of_act(struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    int n = links_linked(rd, j, "J", true, NULL), v = links_linked(rd, j, "MV", false, NULL);
    int o = v >= 0 ? links_linked(rd, v, "O", true, NULL) : -1;
    int d = n >= 0 ? links_linked(rd, n, "D", false, NULL) : -1;
    if (!tokens_word_in(p, rd->tok[j], (const char *const[]){"on", "at", NULL}) || o < 0 ||
        d < 0 || rd->ent[o] < 0 || p->e[rd->ent[o]].dropped ||
        !lexicon_noun(p->t[rd->tok[o]].s, &ln) || !ln.happening ||
        !tokens_word_in(p, rd->tok[d], words_indefinite) || !column_noun(p, rd, n) ||
        !lexicon_noun(p->t[rd->tok[n]].w, &ln) || ln.kind != LEX_FIELD)
        return;
    add_column_word(p, rd, rd->ent[o], n);
}

/* Is word n, counted by "a", a property (WordNet: a time, an attribute) that is no unit of
 * time ("sessions for an hour")? */
static bool property_counted_by_a(const struct plan *p, const struct reading *rd, int n)
{
    struct lex_noun ln;
    char plural[WORD_MAX + 2];
    int d = links_linked(rd, n, "D", false, NULL);
    if (d < 0 || !tokens_word_in(p, rd->tok[d], words_indefinite) || !column_noun(p, rd, n) ||
        !lexicon_noun(p->t[rd->tok[n]].w, &ln) || ln.kind != LEX_FIELD)
        return false;
    snprintf(plural, sizeof(plural), "%ss", p->t[rd->tok[n]].w);
    return !words_in(plural, words_measure_units);
}

/* "bookings for an event date", "bookings for a language and a duration in hours": a
 * property that records (WordNet's acts and events: bookings, not rooms) are for, counted by
 * "a", is their column, each one of a list too. j: the preposition. */
static void rows_for_property(struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    int x = links_linked(rd, j, "Mp", false, NULL), n = links_linked(rd, j, "J", true, NULL);
    int m[PARSE_MAX_WORDS];
    if (!tokens_word_in(p, rd->tok[j], (const char *const[]){"for", "on", NULL}) || x < 0 ||
        n < 0 || rd->ent[x] < 0 || p->e[rd->ent[x]].dropped ||
        !tokens_is_plural(&p->t[rd->tok[x]]) || !lexicon_noun(p->t[rd->tok[x]].w, &ln) ||
        !ln.record)
        return;
    int nm = links_members(rd, n, m, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++)
        if (property_counted_by_a(p, rd, m[q]))
            add_column_word(p, rd, rd->ent[x], m[q]);
}

/* "a weight is recorded for each hive", "the weight and the colour are noted for every
 * hive": what a passive verb of keeping keeps for one row (counted by each/every, or "the" row
 * the prompt has) is that row's columns. v: the participle. */
static void kept_for_row_passive(struct plan *p, const struct reading *rd, int v)
{
    char lemma[WORD_MAX];
    int from = 0, prep, n = -1, m[PARSE_MAX_WORDS];
    if (!links_passive_participle(rd, v) ||
        !lexicon_verb_lemma(p->t[rd->tok[v]].w, lemma, sizeof(lemma)) ||
        !words_in(lemma, words_record_verbs))
        return;
    while (n < 0 && (prep = links_linked(rd, v, "MV", true, &from)) >= 0)
        if (tokens_word_in(p, rd->tok[prep], (const char *const[]){"for", "on", "per", NULL}))
            n = links_linked(rd, prep, "J", true, NULL);
    int d = n >= 0 ? links_linked(rd, n, "D", false, NULL) : -1;
    int x = d >= 0 ? verb_subject(p, rd, v) : -1;
    if (x < 0 || rd->ent[n] < 0 || p->e[rd->ent[n]].dropped ||
        !tokens_word_in(p, rd->tok[d], (const char *const[]){"each", "every", "the", NULL}))
        return;
    int nm = links_members(rd, x, m, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++)
        if (column_noun(p, rd, m[q]))
            add_column_word(p, rd, rd->ent[n], m[q]);
}

/* "written down", "jotted down": a verb with "down" after it that WordNet knows as one verb
 * of communication (putting down in writing) keeps what it is said of. */
static bool put_down_in_writing(const struct plan *p, int i)
{
    char phrasal[2 * WORD_MAX], cls[32];
    if (!tokens_is_word(p, i + 1, "down"))
        return false;
    snprintf(phrasal, sizeof(phrasal), "%s_down", p->t[i].w);
    return lexicon_verb_class(phrasal, cls, sizeof(cls)) && strcmp(cls, "verb.communication") == 0;
}

/* Is the word at token i a verb of keeping ("record", "noted", "logs", "written down"), in
 * any inflection? */
static bool keeping_verb(const struct plan *p, int i)
{
    char lemma[WORD_MAX];
    if (i < 0 || i >= p->nt || p->t[i].kind != T_WORD)
        return false;
    if (!lexicon_verb_lemma(p->t[i].w, lemma, sizeof(lemma)))
        snprintf(lemma, sizeof(lemma), "%s", p->t[i].w);
    return words_in(lemma, words_record_verbs) || put_down_in_writing(p, i);
}

/* The row "its" at token i stands for: the nearest singular table word before it in its
 * sentence ("each fish is weighed and its species ...", "when a lot sells we record its
 * hammer price"); -1. */
static int row_of_its(const struct plan *p, int i)
{
    for (int x = i - 1; x >= 0 && p->t[x].kind != T_STOP; x--) {
        int k = p->t[x].kind == T_WORD && !tokens_is_plural(&p->t[x]) && !p->t[x].poss
                    ? entities_find(p, p->t[x].s)
                    : -1;
        if (k >= 0 && !p->e[k].dropped)
            return k;
    }
    return -1;
}

/* The row a possessor at token i stands for: "its" the nearest singular table word before it;
 * a singular table's word with "'s" after "a", "an" or "the" ("a kite's wingspan", "the
 * bird's weight") that table, already made one by other words (so "a caller's address"
 * makes no Caller table); -1. Rows counted by each/every are clauses.c's. */
static int possessor_row(const struct plan *p, int i)
{
    if (tokens_is_word(p, i, "its"))
        return row_of_its(p, i);
    if (!p->t[i].poss || tokens_is_plural(&p->t[i]) || !tokens_word_in(p, i - 1, words_articles))
        return -1;
    int k = entities_find(p, p->t[i].s);
    return k >= 0 && !p->e[k].dropped ? k : -1;
}

/* "its species is noted", "a kite's wingspan and weight are recorded", "we record its hammer
 * price and the buyer's premium", "we note the bird's weight": what is kept of a row a
 * possessor stands for is its columns, read as a field list up to the clause's verb (a
 * passive verb of keeping after them) or the sentence's end (after one). j: the
 * possessor. */
static void kept_of_possessor(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    bool its = tokens_is_word(p, i, "its");
    if (p->t[i].used || !(its || p->t[i].poss) || !column_follows(p, its ? i : i + 1))
        return;
    int end = tokens_sentence_end(p, i), verb = i + 1;
    while (verb < end && !tokens_word_in(p, verb, (const char *const[]){"is", "are", NULL}))
        verb++;
    bool passive = verb + 1 < end && keeping_verb(p, verb + 1);
    /* "a tortoise's length is recorded in cm": the unit names the column (constraints.c) */
    if (passive && tokens_is_word(p, verb + 2, "in") &&
        tokens_word_in(p, verb + 3, words_measure_units))
        return;
    int before = its ? i - 1 : i - 2; /* the verb before the possessor and its article */
    int k = passive || keeping_verb(p, before) ? possessor_row(p, i) : -1;
    if (k < 0)
        return;
    if (!its)
        p->t[i].used = true; /* the possessor's word is read: it names the row */
    phrases_field_list(p, k, its ? i : i + 1, passive ? verb : end, false, false);
}

/* The row "it" stands for as the subject of a clause after a colon or a comma: the table
 * the clause before it in its sentence has as its subject ("a check is done on one unit: it
 * records ..."); -1. */
static int row_of_it(const struct plan *p, const struct reading *rd)
{
    long q = rd - p->readings;
    if (q <= 0 || p->readings[q - 1].sentence != rd->sentence)
        return -1;
    return subject_row(p, &p->readings[q - 1]);
}

/* "a check is done on one unit on a date: it records the temperature, whether the unit was
 * cleaned, and a note": what "it" keeps is the columns of the row it stands for. j: the
 * verb. */
static void kept_by_it(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j], x = links_clause_subject(rd, j);
    if (x < 0 || !tokens_is_word(p, rd->tok[x], "it") || p->t[i].used || !keeping_verb(p, i) ||
        !column_follows(p, i + 1))
        return;
    int k = row_of_it(p, rd);
    if (k < 0)
        return;
    p->t[i].used = true;
    phrases_field_list(p, k, i + 1, tokens_sentence_end(p, i), false, false);
}

/* "each sample gets a barcode and a collection date", "each invoice shows the amount due": a
 * row counted by each/every that is given or states (WordNet's verb.possession, verb.
 * communication) what is no table keeps it as its columns. j: the verb. */
static void given_to_counted(struct plan *p, const struct reading *rd, int j)
{
    char cls[32];
    int i = rd->tok[j], x = links_clause_subject(rd, j);
    int k = x >= 0 ? links_counted_entity(p, rd, x) : -1;
    if (k < 0 || p->e[k].dropped || rd->r.pos[j] != 'v' || p->t[i].used ||
        tokens_word_in(p, i, words_have_verbs) || !column_follows(p, i + 1) ||
        !lexicon_verb_class(p->t[i].w, cls, sizeof(cls)) ||
        (strcmp(cls, "verb.possession") != 0 && strcmp(cls, "verb.communication") != 0))
        return;
    p->t[i].used = true;
    phrases_field_list(p, k, i + 1, tokens_sentence_end(p, i), false, false);
}

/* "every goat is milked and the yield is logged": what a passive verb of keeping keeps, said
 * after a row counted by each/every in its sentence and kept for no other row, is that
 * row's columns. v: the participle. */
static void kept_after_counted(struct plan *p, const struct reading *rd, int v)
{
    int m[PARSE_MAX_WORDS];
    /* the parser may read "is logged" as a copula and an adjective (P, not Pv) */
    bool passive = links_passive_participle(rd, v) || links_linked(rd, v, "P", false, NULL) >= 0;
    if (!passive || !keeping_verb(p, rd->tok[v]) || links_linked(rd, v, "MV", true, NULL) >= 0)
        return;
    int x = verb_subject(p, rd, v);
    int k = x >= 0 ? counted_row_before(p, rd, x) : -1;
    if (k < 0 || rd->ent[x] >= 0)
        return;
    int nm = links_members(rd, x, m, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++)
        if (column_noun(p, rd, m[q]))
            add_column_word(p, rd, k, m[q]);
}

/* "pitches are booked by guests for a number of nights": how many of a plural a verb's act is
 * for counts a column of the record the verb makes (Booking.nights), an integer of at least 0.
 * j: the preposition "for". */
static void count_for_act(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j], v = links_linked(rd, j, "MV", false, NULL);
    char record[48], en[NAME_MAX_];
    if (!tokens_is_word(p, i, "for") || !tokens_is_word(p, i + 1, "a") ||
        !tokens_is_word(p, i + 2, "number") || !tokens_is_word(p, i + 3, "of") ||
        !tokens_is_content(p, i + 4) || !tokens_is_plural(&p->t[i + 4]) || v < 0 ||
        !entities_join_record(p->t[rd->tok[v]].w, record, sizeof(record)))
        return;
    int k = entities_find(p, record);
    struct field *f = k >= 0 && !p->e[k].dropped ? fields_add(p, k, p->t[i + 4].w, true) : NULL;
    if (!f)
        return;
    if (!strcmp(f->type, "string")) {
        f->type = "integer";
        f->max_length = 0;
        f->has_min = true;
        f->min = 0;
    }
    tokens_mark_used(p, i, i + 5);
    notes_add(p, p->understood, "field %s.%s: %s (from \"for a number of %s\")",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, f->type, p->t[i + 4].w);
}

void columns_read(struct plan *p, const struct reading *rd)
{
    for (int j = 0; j < rd->n; j++) {
        paren_columns(p, rd, j);
        with_columns(p, rd, j);
        unlinked_keeping(p, rd, j);
        kind_in_values(p, rd, j);
        passive_objects(p, rd, j);
        passive_agent_columns(p, rd, j);
        property_participle(p, rd, j);
        condition_columns(p, rd, j);
        money_object(p, rd, j);
        kept_for_counted_row(p, rd, j);
        kept_on_counted_row(p, rd, j);
        joined_have(p, rd, j);
        time_of_verb(p, rd, j);
        time_of_act(p, rd, j);
        rows_for_property(p, rd, j);
        kept_for_row_passive(p, rd, j);
        judged_where(p, rd, j);
        kept_of_possessor(p, rd, j);
        given_to_counted(p, rd, j);
        kept_by_it(p, rd, j);
        kept_after_counted(p, rd, j);
        kept_by_us_every(p, rd, j);
        count_for_act(p, rd, j);
    }
}
