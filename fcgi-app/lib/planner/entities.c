/* The plan's entities: adding them (from the vocabulary or from an unknown noun),
 * finding, renaming and merging them. */
#include "planner/plan.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int entities_find(const struct plan *p, const char *snake)
{
    for (int k = 0; k < p->ne; k++)
        if (strcmp(p->e[k].snake, snake) == 0)
            return k;
    return -1;
}

enum vocab_word { VOCAB_OTHER, VOCAB_NAME, VOCAB_SPELLING };

/* How vocabulary entry v goes by `word`: its name or one of its one-word aliases
 * ("reservation" for booking), another spelling ('=': "enrolment" for enrollment), or not. */
static enum vocab_word vocab_word_of(const struct vocab_entity *v, const char *word)
{
    if (strcmp(v->name, word) == 0)
        return VOCAB_NAME;
    size_t wl = strlen(word);
    for (const char *a = v->aliases; a && *a;) {
        bool spelling = *a == '=';
        a += spelling;
        size_t al = strcspn(a, "|");
        if (al == wl && strncmp(a, word, wl) == 0)
            return spelling ? VOCAB_SPELLING : VOCAB_NAME;
        a += al + (a[al] == '|');
    }
    return VOCAB_OTHER;
}

static bool vocab_goes_by(const struct vocab_entity *v, const char *word)
{
    return vocab_word_of(v, word) != VOCAB_OTHER;
}

/* The entity planned from vocabulary entry `name` (under whatever synonym), or -1. */
bool entities_related(const struct plan *p, int k)
{
    for (int q = 0; q < p->ne; q++)
        if (p->parent[q][k] || p->parent[k][q])
            return true;
    return false;
}

void entities_drop(struct plan *p, int k)
{
    p->e[k].dropped = true;
    for (int i = 0; i < p->nt; i++) {
        int q = p->reading_at[i];
        if (q >= 0 && q < p->nreadings && p->readings[q].ent[p->word_at[i]] == k)
            p->readings[q].ent[p->word_at[i]] = -1;
    }
}

bool entities_named_at(const struct plan *p, int i, int k)
{
    return p->t[i].kind == T_WORD &&
           (strcmp(p->t[i].s, p->e[k].snake) == 0 || links_entity_of_word(p, i, p->t[i].s) == k);
}

/* Is token i an item of a list in parentheses right after a word ("vendors (florists,
 * caterers, bands)", "a category (electrical, textiles, bikes, furniture)")? */
static bool listed_in_parentheses(const struct plan *p, int i)
{
    int open = i - 1;
    for (; open >= 0 && p->t[open].kind != T_LPAREN; open--)
        if (p->t[open].kind == T_RPAREN || p->t[open].kind == T_STOP)
            return false;
    if (open < 1 || p->t[open - 1].kind != T_WORD)
        return false;
    bool list = false;
    for (int j = open + 1; j < p->nt && p->t[j].kind != T_RPAREN; j++) {
        if (p->t[j].kind == T_STOP || p->t[j].kind == T_LPAREN)
            return false;
        list |= p->t[j].kind == T_COMMA ||
                tokens_word_in(p, j, (const char *const[]){"or", "and", NULL});
    }
    return list;
}

/* Entity k is no table: its relations go, and a note says why. */
static void drop_unrelated(struct plan *p, int k, const char *why)
{
    for (int c = 0; c < p->ne; c++) {
        relations_remove(p, c, k);
        relations_remove(p, k, c);
    }
    char name[NAME_MAX_];
    notes_add(p, p->understood, "%s is no table: %s",
              entities_pascal(p->e[k].snake, name, sizeof(name)), why);
    entities_drop(p, k);
}

void entities_drop_examples(struct plan *p)
{
    for (int k = 0; k < p->ne; k++) {
        int n = 0, listed = 0;
        for (int i = 0; i < p->nt && !p->e[k].dropped; i++)
            if (entities_named_at(p, i, k)) {
                n++;
                listed += listed_in_parentheses(p, i);
            }
        if (n > 0 && listed == n)
            drop_unrelated(p, k,
                           "the prompt names it only in a list in parentheses, an example of "
                           "the word before it");
    }
}

/* Words that open a choice of values: "a role that is either dancer or musician", "a type
 * that can be practice or festival" (closed-class words: a copula and "either"). */
static const char *const choice_openers[] = {"either", "is", "are", "be", NULL};

/* Does token q open a choice of values: one of choice_openers, "(", or "of" after "one"? */
static bool opens_choice(const struct plan *p, int q)
{
    return p->t[q].kind == T_LPAREN || tokens_word_in(p, q, choice_openers) ||
           (q > 0 && tokens_is_word(p, q, "of") && tokens_is_word(p, q - 1, "one"));
}

/* From token i one step at a time (step -1 or 1), over the items of a list of bare values
 * (at most three words each, no article) and what parts them (commas, "and", "or"): the last
 * token on that side, and in *choice whether an "or" was passed. */
static int bare_list_end(const struct plan *p, int i, int step, bool *choice)
{
    int words = 1;
    for (int q = i + step; q >= 0 && q < p->nt && !opens_choice(p, q); q += step) {
        bool sep = p->t[q].kind == T_COMMA ||
                   tokens_word_in(p, q, (const char *const[]){"and", "or", NULL});
        if (!sep &&
            (p->t[q].kind != T_WORD || tokens_word_in(p, q, words_determiners) || ++words > 3))
            break;
        *choice |= tokens_is_word(p, q, "or");
        words = sep ? 0 : words;
        i = q;
    }
    return i;
}

/* Is token i a word of one item of a choice of bare values ("one of march, hymn, test piece,
 * film or light concert", "a role that is either dancer or musician", "which is text, email or
 * video call")? A plural there may name kinds of rows, a table each: no value. */
static bool in_bare_choice(const struct plan *p, int i)
{
    bool choice = false;
    if (tokens_is_plural(&p->t[i]))
        return false;
    int s = bare_list_end(p, i, -1, &choice);
    bare_list_end(p, i, 1, &choice);
    return choice && s > 0 && opens_choice(p, s - 1);
}

/* Does token i say a noun, not a verb the parse reads there ("who phones or visits them")? */
static bool said_as_noun(const struct plan *p, int i)
{
    int w;
    const struct reading *rd = reading_of_token(p, i, &w);
    return !rd || rd->r.pos[w] != 'v';
}

/* Does token i only modify the word after it, a column's name in a list ("- trips on a boat
 * (trip date, fare)")? Such a mention is no example of the word before the parenthesis. */
static bool modifies_next(const struct plan *p, int i)
{
    return tokens_is_content(p, i + 1) && !tokens_is_plural(&p->t[i]);
}

bool entities_said_as_value(const struct plan *p, int i)
{
    return in_bare_choice(p, i) || (listed_in_parentheses(p, i) && !modifies_next(p, i));
}

void entities_drop_values(struct plan *p)
{
    for (int k = 0; k < p->ne; k++) {
        int n = 0, values = 0;
        for (int i = 0; i < p->nt && !p->e[k].dropped; i++)
            if (entities_named_at(p, i, k) && said_as_noun(p, i)) {
                n++;
                values += entities_said_as_value(p, i);
            }
        if (n > 0 && values == n)
            drop_unrelated(p, k,
                           "the prompt names it only as a value of a choice, a column's value");
    }
}

int entities_by_vocab(const struct plan *p, const char *name)
{
    for (int k = 0; k < p->ne; k++)
        if ((p->e[k].v && vocab_goes_by(p->e[k].v, name)) || strcmp(p->e[k].snake, name) == 0)
            return k;
    return -1;
}

bool entities_join_record(const char *verb, char *out, size_t size)
{
    char lemma[48] = "", act[48] = "";
    const struct join_verb *jv = NULL;
    lexicon_verb_lemma(verb, lemma, sizeof(lemma)); /* "reserved" → reserve */
    for (const struct join_verb *q = words_join_verbs; q->entity && !jv; q++)
        if (strcmp(verb, q->verb) == 0 || strcmp(lemma, q->verb) == 0)
            jv = q;
    if (!jv)
        return false;
    /* WordNet's act names it ("reserve" → reservation, Booking's synonym; "attend" →
     * attendance, no Enrollment), the join verb's table otherwise ("borrow": Loan), and
     * the vocabulary's spelling ("enrolled": WordNet's enrolment, Enrollment) */
    const struct vocab_entity *v = entities_vocab_named(jv->entity);
    bool named = lexicon_act_of_verb(verb, act, sizeof(act)) && v &&
                 vocab_word_of(v, act) != VOCAB_SPELLING;
    snprintf(out, size, "%s", named ? act : jv->entity);
    return true;
}

const char *entities_pascal(const char *snake, char *out, size_t size)
{
    if (inflect_pascal(snake, out, size) < 0)
        snprintf(out, size, "%s", "Item");
    return out;
}

/* Adds (or finds) an entity; `v` may be NULL for a noun outside the vocabulary. */
int entities_add(struct plan *p, const char *snake, const struct vocab_entity *v, int a, int b)
{
    int k = entities_find(p, snake);
    if (k >= 0)
        return k;
    if (p->ne >= MAX_ENTITIES || !snake[0] || strlen(snake) > 48) {
        char from[SNIPPET_MAX + 8];
        tokens_snippet(p, a, b, from, sizeof(from));
        if (p->ne >= MAX_ENTITIES)
            notes_add(p, p->ignored, "\"%s\": more than %d entities; the rest need an LLM", from,
                      MAX_ENTITIES);
        return -1;
    }
    k = p->ne++;
    struct entity *e = &p->e[k];
    memset(e, 0, sizeof(*e));
    snprintf(e->snake, sizeof(e->snake), "%s", snake);
    e->v = v;
    e->mod_tok = -1;
    if (v)
        fields_from_vocab(p, k, v->fields);
    else {
        struct field *f = fields_add(p, k, "name", false);
        if (f) {
            f->required = true;
            f->max_length = 200;
        }
    }
    char name[NAME_MAX_], from[SNIPPET_MAX + 8];
    tokens_snippet(p, a, b, from, sizeof(from));
    notes_add(p, p->understood, "entity %s (from \"%s\")%s",
              entities_pascal(snake, name, sizeof(name)), from,
              v ? "" : " with a name field: not in the vocabulary");
    return k;
}

/* The entity named by the mention at token i (creating it), or -1. */
int entities_from_mention(struct plan *p, int i)
{
    if (i < 0 || i >= p->nt || p->mention[i] < 0)
        return -1;
    const struct vocab_entity *v = &vocab_entities[p->mention[i]];
    char snake[NAME_MAX_];
    if (p->mcompound[i]) {
        char phrase[WORD_MAX * 2 + 2];
        snprintf(phrase, sizeof(phrase), "%s %s", p->t[i].w, p->t[i + 1].s);
        if (inflect_snake(phrase, snake, sizeof(snake)) < 0)
            snprintf(snake, sizeof(snake), "%s", v->name);
        int k = entities_find(p, snake);
        if (k < 0)
            k = entities_add(p, snake, v, i, p->mention_end[i]);
        tokens_mark_used(p, i, p->mention_end[i]);
        return k;
    }
    /* "stations" after "weather station", "bugs" after "issues": one concept, one table */
    int same = entities_by_vocab(p, v->name);
    if (same >= 0) {
        for (int j = i; j < p->mention_end[i]; j++)
            p->t[j].used = true;
        return same;
    }
    if (p->malias[i] && p->malen[i] && p->malen[i] < sizeof(snake)) {
        char phrase[NAME_MAX_];
        snprintf(phrase, sizeof(phrase), "%.*s", (int)p->malen[i], p->malias[i]);
        if (inflect_snake(phrase, snake, sizeof(snake)) < 0)
            snprintf(snake, sizeof(snake), "%s", v->name);
    } else {
        snprintf(snake, sizeof(snake), "%s", v->name);
    }
    int k = entities_add(p, snake, v, i, p->mention_end[i]);
    for (int j = i; j < p->mention_end[i]; j++)
        p->t[j].used = true;
    return k;
}

/* "a flow cell has eight lanes", "registered bidders": a word before a head that counts the
 * rows (a cardinal: a closed class) or describes them (a participle WordNet uses most as a
 * verb, and no noun of the two words) names no kind of them. */
static bool describes_head(const struct plan *p, int m, int h)
{
    static const char *const cardinals[] = {"two",    "three",  "four",    "five",  "six",
                                            "seven",  "eight",  "nine",    "ten",   "eleven",
                                            "twelve", "twenty", "hundred", "dozen", NULL};
    char both[WORD_MAX * 2 + 2];
    struct lex_noun ln;
    snprintf(both, sizeof(both), "%s_%s", p->t[m].w, p->t[h].s);
    char pos = lexicon_usual_pos(p->t[m].w);
    size_t n = strlen(p->t[m].w);
    /* a participle ("registered"), not a gerund ("parking spots"), a verb's base form
     * ("request seats": the parse reads those) or an adjective ("colour swatches") */
    bool participle = pos == 'v' && n > 3 && strcmp(p->t[m].w + n - 2, "ed") == 0;
    return words_in(p->t[m].w, cardinals) || (participle && !lexicon_noun(both, &ln));
}

/* "a capacity of up to 500 guests", "a crew of 4 divers": a number of the plural at token i
 * is a column's value (after "of", the number alone or the limits constraints.c reads). */
static bool measured_value(const struct plan *p, int i)
{
    if (i < 2 || !tokens_is_number(p->t[i - 1].w))
        return false;
    for (int of = i - 2; of >= 0 && of > i - 8; of--)
        if (tokens_is_word(p, of, "of")) {
            int end = constraints_limits_end(p, of);
            return of == i - 2 || end == i || end == i + 1; /* a unit noun ends the limits */
        }
    return false;
}

/* "a term of between 25 and 100 years", "notes of up to 500 characters": a noun whose "of"
 * gives limits is a column whose values are limited, no row, when the prompt says the word
 * only there. */
bool entities_limited_column(const struct plan *p, int i)
{
    return tokens_is_word(p, i + 1, "of") && links_head_count(p, p->t[i].s) == 1 &&
           constraints_limits_end(p, i + 1) > 0;
}

/* "roles such as driver, fireman, guard or signaller": is the singular at token i, without
 * an article, an item of a list of examples after "such as"? An example is a value of the
 * thing before "such as", no table. */
bool entities_example(const struct plan *p, int i)
{
    if (tokens_is_plural(&p->t[i]))
        return false;
    int q = i - 1;
    while (q > 0 && q > i - 16 &&
           (p->t[q].kind == T_COMMA ||
            (p->t[q].kind == T_WORD && !tokens_is_plural(&p->t[q]) &&
             !words_in(p->t[q].w, words_determiners) && !tokens_is_word(p, q, "as"))))
        q--;
    return tokens_is_word(p, q, "as") && tokens_is_word(p, q - 1, "such");
}

/* Is the word of token i said elsewhere, but as the singular first word of a name ("wave
 * height" beside "how many waves")? */
static bool said_elsewhere(const struct plan *p, int i)
{
    for (int q = 0; q < p->nt; q++)
        if (q != i && p->t[q].kind == T_WORD && strcmp(p->t[q].s, p->t[i].s) == 0 &&
            (tokens_is_plural(&p->t[q]) || !tokens_is_content(p, q + 1)))
            return true;
    return false;
}

/* Is the plural at token i only counted ("the number of copies", "how many waves", "tricks
 * (0 to 13)", "the darts thrown (9 to 100)", "a capacity of up to 500 guests"): a count, a
 * column, said nowhere else? */
bool entities_count_only(const struct plan *p, int i)
{
    int after = tokens_is_content(p, i + 1) ? i + 2 : i + 1; /* "darts thrown (9 ..." */
    bool ranged =
        after + 1 < p->nt && p->t[after].kind == T_LPAREN && tokens_is_number(p->t[after + 1].w);
    return tokens_is_plural(&p->t[i]) && !said_elsewhere(p, i) &&
           ((tokens_is_word(p, i - 1, "many") && tokens_is_word(p, i - 2, "how")) ||
            (tokens_is_word(p, i - 1, "of") && tokens_is_word(p, i - 2, "number")) || ranged ||
            measured_value(p, i));
}

/* "a loft has an address, and every bird wears a ring", "a pitch has a number, and each
 * allocation puts one trader on one pitch": is token i a word the parse reads as a verb,
 * with its object after it or its subject right before it? The phrase rules, reading a list
 * of columns on, would take "bird wears" for a plural name. */
static bool parsed_as_verb(const struct plan *p, int i)
{
    int j;
    const struct reading *rd = reading_of_token(p, i, &j);
    if (!rd || j == 0 || rd->r.pos[j] != 'v')
        return false;
    /* "... has a comment and says whether ...": the second of two verbs */
    if (links_linked(rd, j, "O", true, NULL) >= 0 || links_linked(rd, j, "VJ", false, NULL) >= 0)
        return true;
    for (int l = 0; l < rd->r.nlinks; l++)
        if (rd->r.links[l].l == j - 1 && rd->r.links[l].r == j &&
            links_is_subject(rd->r.links[l].label))
            return true;
    return false;
}

/* "a service wash", "each test centre": a word that alone names the product or its plumbing
 * (words_stop_nouns), in the singular right after an article that counts rows, modifies the
 * row's name rather than naming the product ("a booking system" ends on the plumbing). */
static bool counted_modifier(const struct plan *p, int i)
{
    if (i <= 0 || i >= p->nt)
        return false;
    const struct tok *t = &p->t[i];
    return !tokens_is_plural(t) &&
           tokens_word_in(p, i - 1, (const char *const[]){"a", "an", "each", "every", NULL});
}

int entities_phrase_head(const struct plan *p, int i)
{
    static const char *const preps[] = {"of", "on", "for", "in", "at", "per", NULL};
    /* closed-class words that may stand between the preposition and its object */
    static const char *const pointing[] = {"those", "these", NULL};
    if (i < 0 || i + 3 >= p->nt || p->t[i].kind != T_WORD || !tokens_is_plural(&p->t[i]) ||
        !tokens_opens_line(p->text, p->t[i].off) || !tokens_word_in(p, i + 1, preps))
        return -1;
    int q = i + 2;
    while (q < p->nt &&
           (tokens_word_in(p, q, words_determiners) || tokens_word_in(p, q, pointing)))
        q++;
    return q + 1 < p->nt && tokens_is_content(p, q) && p->t[q + 1].kind == T_LPAREN ? q + 1 : -1;
}

bool entities_listed_people(const struct plan *p, int i)
{
    struct lex_noun ln;
    const struct tok *t = &p->t[i];
    return !p->auth && i + 1 < p->nt &&
           (p->t[i + 1].kind == T_COLON || p->t[i + 1].kind == T_LPAREN ||
            entities_phrase_head(p, i) >= 0) &&
           t->kind == T_WORD && tokens_is_plural(t) && words_in(t->w, words_stop_nouns) &&
           lexicon_noun(t->w, &ln) && ln.person;
}

/* Entity from the noun phrase [a, b) outside the vocabulary, when its head word is a
 * plural noun (or `force`, for structural phrases like "belongs to a greenhouse"). */
int entities_from_unknown(struct plan *p, int a, int b, bool force)
{
    if (b <= a)
        return -1;
    const struct tok *h = &p->t[b - 1];
    if (h->kind != T_WORD || !h->w[0] || tokens_is_number(h->w) ||
        (tokens_is_stop_noun(h) && !entities_listed_people(p, b - 1)) ||
        words_in(h->w, words_user) || words_in(h->w, words_function) ||
        words_in(h->w, words_count_nouns))
        return -1;
    /* "classes such as 'three onions'": a quoted example names no table */
    if ((!force && !tokens_is_plural(h)) || tokens_quoted(p, b - 1) ||
        entities_count_only(p, b - 1) || parsed_as_verb(p, b - 1))
        return -1;
    /* at most two words: "board games" → board_game */
    int st = b - 1;
    if (b - 2 >= a && tokens_is_content(p, b - 2) &&
        (!words_in(p->t[b - 2].w, words_stop_nouns) || counted_modifier(p, b - 2)) &&
        !tokens_is_number(p->t[b - 2].w) && p->mention[b - 2] < 0 &&
        !describes_head(p, b - 2, b - 1))
        st = b - 2;
    char phrase[WORD_MAX * 2 + 2];
    if (st == b - 2)
        snprintf(phrase, sizeof(phrase), "%s %s", p->t[st].w, h->s);
    else
        snprintf(phrase, sizeof(phrase), "%s", h->s);
    char snake[NAME_MAX_];
    if (inflect_snake(phrase, snake, sizeof(snake)) < 0 || !snake[0] ||
        !isalpha((unsigned char)snake[0]))
        return -1;
    const struct vocab_entity *v = NULL;
    for (size_t q = 0; q < vocab_n_entities && !v; q++)
        if (strcmp(vocab_entities[q].name, snake) == 0)
            v = &vocab_entities[q];
    int k = entities_add(p, snake, v, st, b);
    if (k >= 0 && st == b - 2 && entities_find(p, snake) == p->ne - 1)
        p->e[k].mod_tok = st;
    if (k >= 0)
        for (int j = st; j < b; j++)
            p->t[j].used = true;
    return k;
}

void entities_rename(struct plan *p, int k, const char *snake, const char *why)
{
    char a[NAME_MAX_], b[NAME_MAX_];
    notes_add(p, p->understood, "%s is %s: %s", entities_pascal(p->e[k].snake, a, sizeof(a)),
              entities_pascal(snake, b, sizeof(b)), why);
    relations_rename(p, k, snake);
}

/* Entity `from` was a piece of `into` ("purchase" of "purchase orders") or a misreading of
 * it ("throw pots"): references to it point at `into`, and it is dropped. */
void entities_merge(struct plan *p, int from, int into, const char *why)
{
    char a[NAME_MAX_], b[NAME_MAX_], fname[NAME_MAX_];
    notes_add(p, p->understood, "%s is %s: %s", entities_pascal(p->e[from].snake, a, sizeof(a)),
              entities_pascal(p->e[into].snake, b, sizeof(b)), why);
    for (int c = 0; c < p->ne; c++) {
        if (c == into || !p->parent[c][from])
            continue;
        p->parent[c][from] = false;
        struct entity *e = &p->e[c];
        bool keep = !p->parent[c][into] && !relations_reaches(p, into, c, 0) &&
                    relations_ref_name(p, c, into, NULL, fname, sizeof(fname)) == 0 &&
                    fields_find(e, fname) < 0;
        for (int q = 0; q < e->nfields; q++) {
            if (e->fields[q].ref != from)
                continue;
            if (keep) {
                e->fields[q].ref = into;
                memcpy(e->fields[q].name, fname, strlen(fname) + 1);
                p->parent[c][into] = true;
            } else { /* it already points there, or would close a cycle */
                memmove(&e->fields[q], &e->fields[q + 1],
                        (size_t)(e->nfields - q - 1) * sizeof(e->fields[0]));
                e->nfields--;
                q--;
            }
        }
    }
    p->e[from].dropped = true;
}

const struct vocab_entity *entities_vocab_named(const char *snake)
{
    for (size_t q = 0; q < vocab_n_entities; q++)
        if (strcmp(vocab_entities[q].name, snake) == 0)
            return &vocab_entities[q];
    /* a one-word synonym ("reservation": booking) */
    for (size_t q = 0; q < vocab_n_entities; q++)
        if (vocab_goes_by(&vocab_entities[q], snake))
            return &vocab_entities[q];
    return NULL;
}
