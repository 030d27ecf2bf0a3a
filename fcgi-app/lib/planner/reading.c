/* What the parse says: each sentence through Link Grammar (parse.c) and WordNet
 * (lexicon.c), and from its links the entities, fields, relations and product words. */
#include "planner/plan.h"
#include "planner/planner.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static bool label_is(const char *label, const char *prefix)
{
    return strncmp(label, prefix, strlen(prefix)) == 0;
}

/* Subject links ("Ss", "Sp", "S**"), not coordination ("SJ") nor inversion ("SI"). */
static bool is_subject(const char *label)
{
    return label[0] == 'S' && label[1] != 'J' && label[1] != 'I' && label[1] != 'X';
}

/* Partner of word j over a link whose label starts with `prefix`, on the side `right`
 * (true: j is the left word, the partner the right one). From link index *from; -1. */
static int linked(const struct reading *rd, int j, const char *prefix, bool right, int *from)
{
    for (int k = from ? *from : 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (!label_is(l->label, prefix))
            continue;
        int other = -1;
        if (right && l->l == j)
            other = l->r;
        else if (!right && l->r == j)
            other = l->l;
        if (other >= 0) {
            if (from)
                *from = k + 1;
            return other;
        }
    }
    return -1;
}

/* "we need to know which housekeeper cleaned which room": Link Grammar reads the object of
 * an indirect question as a question word ("cleaned" -QN- "which" -D- "room"), so the verb
 * has no object. The noun "which" counts is the verb's object: an "O" link is added, so
 * that every later step reads the clause as "housekeepers clean rooms". */
static void indirect_objects(const struct plan *p, struct reading *rd)
{
    int n = rd->r.nlinks;
    for (int k = 0; k < n && rd->r.nlinks < PARSE_MAX_LINKS; k++) {
        const struct parse_link *q = &rd->r.links[k];
        int o;
        if (!label_is(q->label, "QN") || rd->r.pos[q->l] != 'v' ||
            !tokens_word_in(p, rd->tok[q->r], (const char *const[]){"which", "what", NULL}) ||
            (o = linked(rd, q->r, "D", true, NULL)) < 0)
            continue;
        struct parse_link *l = &rd->r.links[rd->r.nlinks++];
        l->l = q->l;
        l->r = (unsigned char)o;
        snprintf(l->label, sizeof(l->label), "Os");
    }
}

/* "Donations per donor": a fragment without a verb, which Link Grammar reads as a compound
 * over the skipped "per" (AN "donations"-"donor"), where a sentence gets "donations" -Mp-
 * "per" -Us- "donor". The compound link becomes those two, so the fragment reads as
 * the sentence does. */
static void per_attachments(const struct plan *p, struct reading *rd)
{
    int n = rd->r.nlinks;
    for (int k = 0; k < n && rd->r.nlinks < PARSE_MAX_LINKS; k++) {
        struct parse_link *q = &rd->r.links[k];
        if (!label_is(q->label, "AN") || q->r != q->l + 2 ||
            !tokens_is_word(p, rd->tok[q->l + 1], "per") || rd->r.pos[q->l + 1] != 0)
            continue;
        struct parse_link *u = &rd->r.links[rd->r.nlinks++];
        u->l = (unsigned char)(q->l + 1);
        u->r = q->r;
        snprintf(u->label, sizeof(u->label), "Us");
        q->r = (unsigned char)(q->l + 1);
        snprintf(q->label, sizeof(q->label), "Mp");
    }
}

/* A noun of the parse: "dogs.n", "fuel.s", "people.p" (but not "their.p"). */
static bool is_noun(const struct plan *p, const struct reading *rd, int j)
{
    const struct tok *t = &p->t[rd->tok[j]];
    return t->kind == T_WORD &&
           (rd->r.pos[j] == 'n' || (rd->r.pos[j] == 'p' && !words_in(t->w, words_function)));
}

/* Noun words of the sentence: a head noun with a role in the clause (what "per" counts
 * by, its "U" link, too). */
static bool has_role(const struct reading *rd, int j)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if ((l->l == j && is_subject(l->label)) ||
            (l->r == j && (l->label[0] == 'O' || l->label[0] == 'J' || l->label[0] == 'U')) ||
            label_is(l->label, "SJ") || (l->l == j && label_is(l->label, "Mp")) ||
            (l->l == j && label_is(l->label, "Mv")) || (l->r == j && label_is(l->label, "MX")))
            return true;
    }
    return false;
}

/* Is every occurrence of the word at token m followed by the word at token h? */
static bool always_together(const struct plan *p, int m, int h)
{
    for (int i = 0; i < p->nt; i++)
        if (p->t[i].kind == T_WORD && strcmp(p->t[i].s, p->t[m].s) == 0 &&
            !(i + 1 < p->nt && strcmp(p->t[i + 1].s, p->t[h].s) == 0))
            return false;
    return true;
}

/* Is every occurrence of the word at token h preceded by the word at token m? */
static bool always_preceded(const struct plan *p, int m, int h)
{
    for (int i = 0; i < p->nt; i++)
        if (p->t[i].kind == T_WORD && strcmp(p->t[i].s, p->t[h].s) == 0 &&
            !(i > 0 && strcmp(p->t[i - 1].s, p->t[m].s) == 0))
            return false;
    return true;
}

/* How many head nouns of the prompt have singular `s` (compounds count their head). */
static int head_count(const struct plan *p, const char *s)
{
    int n = 0;
    for (int i = 0; i < p->nt; i++)
        n += p->t[i].kind == T_WORD && strcmp(p->t[i].s, s) == 0 &&
             !tokens_word_in(p, i + 1, words_app_nouns);
    return n; /* "a job board" names the product: it does not count */
}

/* The words a word stands for: itself, or the members of a list it joins (",", "and"
 * with "SJ" links, nested lists included). Returns how many went to out[]. */
static int members(const struct reading *rd, int j, int *out, int max)
{
    int n = 0, todo[PARSE_MAX_WORDS], nt = 0;
    bool seen[PARSE_MAX_WORDS] = {false};
    todo[nt++] = j;
    seen[j] = true;
    while (nt > 0 && n < max) {
        int w = todo[--nt];
        bool conj = false;
        for (int k = 0; k < rd->r.nlinks; k++) {
            const struct parse_link *l = &rd->r.links[k];
            if (!label_is(l->label, "SJ") || (l->l != w && l->r != w))
                continue;
            /* the conjunction is the right end of "SJl" and the left end of "SJr" */
            bool w_is_conj =
                (l->label[2] == 'l' && l->r == w) || (l->label[2] == 'r' && l->l == w);
            if (!w_is_conj)
                continue;
            conj = true;
            int other = l->l == w ? l->r : l->l;
            if (!seen[other] && nt < PARSE_MAX_WORDS) {
                seen[other] = true;
                todo[nt++] = other;
            }
        }
        if (!conj)
            out[n++] = w;
    }
    /* in sentence order */
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && out[b - 1] > out[b]; b--) {
            int t = out[b];
            out[b] = out[b - 1];
            out[b - 1] = t;
        }
    return n;
}

/* Is noun word j a column of an entity the sentence names: "offers with an amount",
 * "shoes have a brand"? Returns that entity or -1. */
static int field_owner(const struct plan *p, const struct reading *rd, int j)
{
    if (tokens_is_plural(&p->t[rd->tok[j]]))
        return -1;
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        /* an object or a preposition's object: j itself, or a list holding it */
        if (l->label[0] != 'J' && l->label[0] != 'O')
            continue;
        int m[PARSE_MAX_WORDS];
        int holder = l->l;
        bool in = false;
        int nm = members(rd, l->r, m, PARSE_MAX_WORDS);
        for (int q = 0; q < nm; q++)
            in |= m[q] == j;
        if (!in)
            continue;
        const struct tok *h = &p->t[rd->tok[holder]];
        if (l->label[0] == 'J' && strcmp(h->w, "with") == 0) {
            int x = linked(rd, holder, "Mp", false, NULL);
            if (x < 0)
                x = linked(rd, holder, "MV", false, NULL) >= 0 ? -1 : -1;
            int xm[PARSE_MAX_WORDS];
            int nx = x >= 0 ? members(rd, x, xm, PARSE_MAX_WORDS) : 0;
            if (nx > 0 && rd->ent[xm[nx - 1]] >= 0)
                return rd->ent[xm[nx - 1]];
        }
        if (l->label[0] == 'O' && words_in(h->w, words_have_verbs)) {
            int sj = linked(rd, holder, "S", false, NULL);
            int sm[PARSE_MAX_WORDS];
            int ns = sj >= 0 ? members(rd, sj, sm, PARSE_MAX_WORDS) : 0;
            if (ns == 1 && rd->ent[sm[0]] >= 0)
                return rd->ent[sm[0]];
        }
    }
    return -1;
}

/* Is word o a singular counted by "a", "an" or "one" ("has a teacher")? What a row has one
 * of, it refers to; what it has many of ("has lessons") refers to it. */
static bool one_of_many(const struct plan *p, const struct reading *rd, int o)
{
    int d = linked(rd, o, "D", false, NULL);
    return !tokens_is_plural(&p->t[rd->tok[o]]) && d >= 0 &&
           tokens_word_in(p, rd->tok[d], (const char *const[]){"a", "an", "one", NULL});
}

/* The entity an already planned word stands for: its vocabulary mention, or its lemma. */
static int entity_of_word(const struct plan *p, int i, const char *lemma)
{
    for (int j = i; j >= 0 && j > i - 3; j--)
        if (p->mention[j] >= 0 && p->mention_end[j] > i) {
            const struct vocab_entity *v = &vocab_entities[p->mention[j]];
            if (p->mcompound[j]) {
                char phrase[WORD_MAX * 2 + 2], snake[NAME_MAX_];
                snprintf(phrase, sizeof(phrase), "%s %s", p->t[j].w, p->t[j + 1].s);
                if (inflect_snake(phrase, snake, sizeof(snake)) == 0 &&
                    entities_find(p, snake) >= 0)
                    return entities_find(p, snake);
            }
            if (p->malias[j] && p->malen[j]) {
                char phrase[NAME_MAX_], snake[NAME_MAX_];
                snprintf(phrase, sizeof(phrase), "%.*s", (int)p->malen[j], p->malias[j]);
                if (inflect_snake(phrase, snake, sizeof(snake)) == 0 &&
                    entities_find(p, snake) >= 0)
                    return entities_find(p, snake);
            }
            return entities_by_vocab(p, v->name);
        }
    int k = entities_find(p, lemma);
    if (k < 0)
        k = entities_find(p, p->t[i].s);
    /* "items" after "inventory items", "plant" after "houseplants": the same table */
    size_t ll = strlen(lemma);
    for (int q = 0; q < p->ne && k < 0 && ll >= 4; q++) {
        size_t sl = strlen(p->e[q].snake);
        if (sl > ll && strcmp(p->e[q].snake + sl - ll, lemma) == 0 && !p->e[q].dropped)
            k = q;
    }
    return k;
}

/* Words of tokens [s, e) for the parser: parenthesised asides and leading list marks are
 * left out (the rules read those). Returns the number of words, or -1 when too many. */
static int reading_words(const struct plan *p, int s, int e, struct reading *rd,
                         const char **words)
{
    int n = 0, depth = 0;
    for (int i = s; i < e; i++) {
        const struct tok *t = &p->t[i];
        if (t->kind == T_LPAREN)
            depth++;
        else if (t->kind == T_RPAREN && depth > 0)
            depth--;
        if (depth > 0 || t->kind == T_LPAREN || t->kind == T_RPAREN)
            continue;
        if (t->kind == T_COMMA && n == 0)
            continue;
        if (t->kind != T_WORD && t->kind != T_COMMA)
            continue;
        if (n >= PARSE_MAX_WORDS)
            return -1;
        rd->tok[n] = i;
        words[n++] = t->kind == T_COMMA ? "," : t->w[0] ? t->w : "something";
    }
    return n;
}

/* "each beehive's location": a possessor counted one by one (the parser is given the word
 * without its "'s", and may leave it unlinked). */
static bool counted_possessor(const struct plan *p, int i)
{
    return p->t[i].poss && tokens_word_in(p, i - 1, (const char *const[]){"each", "every", NULL});
}

/* A singular noun is a table when the clause relates it: a subject ("each walk is ..."),
 * or what a passive or a place points at ("booked by a client", "is in a room"), with an
 * article that counts it. An object ("returns a random joke") or what a product is for
 * ("for a climbing gym") is not. */
static bool singular_thing(const struct plan *p, const struct reading *rd, int j)
{
    if (counted_possessor(p, rd->tok[j]))
        return true;
    int per = linked(rd, j, "U", false, NULL);
    if (per >= 0 && tokens_is_word(p, rd->tok[per], "per"))
        return true; /* "per donor": "per" counts it as an article does */
    int d = linked(rd, j, "D", false, NULL);
    if (d < 0 || !tokens_word_in(p, rd->tok[d],
                                 (const char *const[]){"a", "an", "each", "every", "one",
                                                       "another", "which", NULL}))
        return false;
    bool which = tokens_is_word(p, rd->tok[d], "which");
    /* "for every vessel", "of each page": counted one by one, after any preposition */
    bool each = tokens_word_in(p, rd->tok[d], (const char *const[]){"each", "every", NULL});
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (l->l == j && is_subject(l->label))
            return true;
        if (each && l->r == j && l->label[0] == 'J')
            return true; /* "for every vessel" */
        /* "which room", "masters host each game": one of many, unlike "returns a joke" */
        if ((which || each) && l->r == j && l->label[0] == 'O')
            return true;
        if (l->r == j && l->label[0] == 'J' &&
            tokens_word_in(p, rd->tok[l->l],
                           (const char *const[]){"by", "in", "on", "at", "with", "per", "from",
                                                 "to", "into", "within", NULL}))
            return true;
        /* "sightings of a bird": many rows of one (not "a list of a ...", singular) */
        int m;
        if (l->r == j && l->label[0] == 'J' && tokens_is_word(p, rd->tok[l->l], "of") &&
            (m = linked(rd, l->l, "M", false, NULL)) >= 0 && tokens_is_plural(&p->t[rd->tok[m]]))
            return true;
    }
    return false;
}

/* "Vets need to record each animal's vaccinations": people who say what they need the
 * backend for are the ones who use it, not rows of it (as "I" or "we" are not); a later
 * clause that relates them ("each visit is made by a vet") still makes them a table. Is
 * word j the subject of "need to" or "want to"? */
static bool voices_need(const struct plan *p, const struct reading *rd, int j)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (l->l == j && is_subject(l->label) &&
            tokens_word_in(p, rd->tok[l->r],
                           (const char *const[]){"need", "needs", "want", "wants", NULL}) &&
            tokens_is_word(p, rd->tok[l->r] + 1, "to"))
            return true;
    }
    return false;
}

/* "each class has a teacher", "every team": a singular noun counted one by one is a row
 * of a table, even a word for a group, which uncounted names the product. */
static bool counted_each(const struct plan *p, const struct reading *rd, int j)
{
    int d = linked(rd, j, "D", false, NULL);
    return d >= 0 && tokens_word_in(p, rd->tok[d], (const char *const[]){"each", "every", NULL});
}

/* The entity a counted noun names ("each parcel", "every vessel"): word j's, or -1. */
static int counted_entity(const struct plan *p, const struct reading *rd, int j)
{
    int d = j >= 0 ? linked(rd, j, "D", false, NULL) : -1;
    return d >= 0 && rd->ent[j] >= 0 &&
                   tokens_word_in(p, rd->tok[d], (const char *const[]){"each", "every", NULL})
               ? rd->ent[j]
               : -1;
}

/* The row a column is said of, at preposition word w: a row counted one by one after "of"
 * or "for" ("of each parcel", "for every novel"), or any one row after "per" ("per
 * chapter": one value for each); -1. */
static int row_of_column(const struct plan *p, const struct reading *rd, int w)
{
    const struct tok *t = &p->t[rd->tok[w]];
    if (strcmp(t->w, "of") == 0 || strcmp(t->w, "for") == 0)
        return counted_entity(p, rd, linked(rd, w, "J", true, NULL));
    if (strcmp(t->w, "per") != 0)
        return -1;
    int y = linked(rd, w, "U", true, NULL);
    if (y < 0)
        y = linked(rd, w, "J", true, NULL);
    return y >= 0 && !tokens_is_plural(&p->t[rd->tok[y]]) ? rd->ent[y] : -1;
}

/* "a word count per chapter", "a fee per hour": a singular noun counted by an article, one
 * for each thing "per" names, is a value, not a table ("donations per donor" are rows). */
static bool column_per_row(const struct plan *p, const struct reading *rd, int j)
{
    int w = linked(rd, j, "Mp", true, NULL);
    int y = w >= 0 && tokens_is_word(p, rd->tok[w], "per") ? linked(rd, w, "U", true, NULL) : -1;
    return y >= 0 && !tokens_is_plural(&p->t[rd->tok[y]]) &&
           !tokens_is_plural(&p->t[rd->tok[j]]) && linked(rd, j, "D", false, NULL) >= 0;
}

/* "species live in enclosures": a noun whose plural is its singular is plural when the
 * parse makes it a plural subject ("Sp"). */
static bool plural_subject(const struct reading *rd, int j)
{
    for (int k = 0; k < rd->r.nlinks; k++)
        if (rd->r.links[k].l == j && label_is(rd->r.links[k].label, "Sp"))
            return true;
    return false;
}

/* "groups book rooms", "members create lists": a plural word for a collection that a verb
 * takes as its subject or object, with no "of" after it ("groups of visitors"), names
 * rows of its own. */
static bool collective_rows(const struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    if (!words_in(p->t[i].w, words_collective) || !tokens_is_plural(&p->t[i]) ||
        tokens_is_word(p, i + 1, "of"))
        return false;
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if ((l->l == j && is_subject(l->label)) || (l->r == j && l->label[0] == 'O'))
            return true;
    }
    return false;
}

/* Is head noun word j of the reading a new entity? Fills snake and the note's reason. */
static bool reading_candidate(struct plan *p, struct reading *rd, int j, bool colon_head,
                              char *snake, size_t size, const char **why)
{
    int i = rd->tok[j];
    const struct tok *t = &p->t[i];
    bool rows = collective_rows(p, rd, j);
    if (t->used || !t->w[0] || tokens_is_number(t->w) || (tokens_is_stop_noun(t) && !rows) ||
        words_in(t->w, words_user) || (words_in(t->w, words_function) && !rows) ||
        words_in(t->w, words_non_field_nouns) || words_in(t->w, words_unit_nouns) ||
        words_in(t->w, words_count_nouns) || !(has_role(rd, j) || counted_possessor(p, i)))
        return false;
    struct lex_noun ln;
    bool known = lexicon_noun(t->w, &ln);
    const char *lemma = known ? ln.lemma : t->s;
    /* WordNet knows "celsius" is no plural */
    bool plural =
        known ? strcmp(ln.lemma, t->w) != 0 || plural_subject(rd, j) : tokens_is_plural(t);
    enum lex_kind kind = known ? ln.kind : LEX_UNKNOWN;
    /* "a wiki: pages ...", "Fleet log: ...", "a reports app": the product; but not what a
     * heading counts rows by ("Donations per donor: ...") */
    if ((colon_head && !plural && !tokens_is_word(p, i - 1, "per")) ||
        tokens_word_in(p, i + 1, words_app_nouns))
        return false;
    bool counted_group = kind == LEX_GROUP && counted_each(p, rd, j);
    if (kind == LEX_FIELD || (kind == LEX_GROUP && !plural && !counted_group))
        return false;
    /* "records distance": a verb the parser took for a noun */
    if ((words_in(t->w, words_list_verbs) || words_in(t->w, words_have_verbs)) &&
        linked(rd, j, "D", false, NULL) < 0 && tokens_is_content(p, i + 1))
        return false;
    if (!plural && (!((kind == LEX_THING || counted_group) && singular_thing(p, rd, j)) ||
                    column_per_row(p, rd, j)))
        return false;
    if (known && ln.person && voices_need(p, rd, j))
        return false;
    *why = kind == LEX_THING   ? "WordNet files it under things a backend stores"
           : kind == LEX_GROUP ? "a group the prompt counts in the plural"
                               : "a plural noun WordNet does not know";
    char phrase[WORD_MAX * 2 + 2];
    int m = rd->mod[j];
    if (m >= 0)
        snprintf(phrase, sizeof(phrase), "%s %s", p->t[m].w, lemma);
    else
        snprintf(phrase, sizeof(phrase), "%s", lemma);
    return inflect_snake(phrase, snake, size) == 0 && snake[0] &&
           isalpha((unsigned char)snake[0]) && strlen(snake) <= 48;
}

/* "passengers request seats": the rules, without a grammar, read "request seats" as a
 * two-word name; when the parser says its first word is the clause's verb, the entity is
 * named by its head alone ("seat"), and the verb and the noun before it go back to the
 * parser's reading (which finds "passengers" as the verb's subject). */
static void reading_verb_compounds(struct plan *p, const struct reading *rd)
{
    for (int k = 0; k < p->ne; k++) {
        int m = p->e[k].mod_tok;
        for (int j = 0; m >= 0 && j + 1 < rd->n; j++) {
            /* a finite verb, with its subject on the left ("parking spots" is no clause) */
            /* ... or the second of two verbs ("singers belong to sections and attend
             * rehearsals": VJr from the conjunction) */
            if (rd->tok[j] != m || rd->r.pos[j] != 'v' || rd->tok[j + 1] != m + 1 ||
                (linked(rd, j, "S", false, NULL) < 0 && linked(rd, j, "VJr", false, NULL) < 0))
                continue;
            char head[NAME_MAX_];
            if (inflect_snake(p->t[m + 1].s, head, sizeof(head)) < 0 || !head[0])
                break;
            /* "potters throw pots, and pots are fired": the head is a table already */
            int hk = entities_find(p, head);
            if (hk == k || (hk >= 0 && p->e[hk].dropped))
                break;
            if (hk >= 0)
                entities_merge(p, k, hk, "its first word is the clause's verb");
            else
                entities_rename(p, k, head, "its first word is the clause's verb");
            p->e[k].mod_tok = -1;
            p->t[m].used = false;
            if (j > 0 && rd->tok[j - 1] == m - 1 &&
                (rd->r.pos[j - 1] == 'n' || rd->r.pos[j - 1] == 'p'))
                p->t[m - 1].used = false;
            break;
        }
    }
}

/* Compound modifiers: "time" in "time slots" (an AN link from a bare singular noun). */
static void reading_compounds(const struct plan *p, struct reading *rd)
{
    for (int j = 0; j < rd->n; j++) {
        rd->mod[j] = -1;
        rd->ent[j] = -1;
    }
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (!label_is(l->label, "AN") || l->r != l->l + 1)
            continue;
        int mt = rd->tok[l->l], ht = rd->tok[l->r];
        const struct tok *m = &p->t[mt];
        /* "record readings", "share documents": a verb, not a modifier; "blood pressure
         * measurements": three words are too many to name a table */
        char both[WORD_MAX * 2 + 2];
        struct lex_noun ln;
        snprintf(both, sizeof(both), "%s_%s", m->w, p->t[ht].s);
        bool known = lexicon_noun(both, &ln); /* "time_slot" is one noun */
        /* "blood pressure measurements": the modifier is itself a compound */
        char before[WORD_MAX * 2 + 2];
        snprintf(before, sizeof(before), "%s_%s", mt > 0 ? p->t[mt - 1].w : "", m->w);
        if (mt > 0 && p->t[mt - 1].kind == T_WORD && lexicon_noun(before, &ln))
            continue;
        if (mt + 1 != ht || tokens_is_plural(m) || m->poss || tokens_is_number(m->w) ||
            (words_in(m->w, words_stop_nouns) && !known) || words_in(m->w, words_function) ||
            !m->w[0] || words_in(m->w, words_list_verbs) || rd->r.pos[l->l] != 'n' ||
            (l->l > 0 && (linked(rd, l->l, "AN", false, NULL) >= 0 || rd->r.pos[l->l - 1] == 'n')))
            continue;
        rd->mod[l->r] = mt;
    }
    /* "purchase orders" at the start of a line reads as a verb and its object, but WordNet
     * knows "purchase_order": one noun */
    for (int j = 1; j < rd->n; j++) {
        const struct tok *m = &p->t[rd->tok[j - 1]], *h = &p->t[rd->tok[j]];
        char both[WORD_MAX * 2 + 2];
        struct lex_noun ln;
        snprintf(both, sizeof(both), "%s_%s", m->w, h->s);
        if (rd->mod[j] < 0 && h->kind == T_WORD && m->kind == T_WORD &&
            rd->tok[j - 1] + 1 == rd->tok[j] && !tokens_is_plural(m) && !m->poss && m->w[0] &&
            !words_in(m->w, words_function) && lexicon_noun(both, &ln) && ln.kind == LEX_THING) {
            rd->mod[j] = rd->tok[j - 1];
            if (!is_noun(p, rd, j))
                rd->r.pos[j] = 'n';
        }
    }
    /* "start parking sessions": the parser reads "parking" as the verb's gerund, but a noun
     * that WordNet knows, between a verb and a plural noun, names the kind */
    for (int j = 1; j < rd->n; j++) {
        const struct tok *g = &p->t[rd->tok[j - 1]], *h = &p->t[rd->tok[j]];
        size_t gl = strlen(g->w);
        struct lex_noun ln;
        if (rd->mod[j] >= 0 || !is_noun(p, rd, j) || !tokens_is_plural(h) || gl < 6 ||
            strcmp(g->w + gl - 3, "ing") != 0 || rd->tok[j - 1] + 1 != rd->tok[j] ||
            (rd->r.pos[j - 1] != 'v' && rd->r.pos[j - 1] != 'g') || !lexicon_noun(g->w, &ln))
            continue;
        bool after_verb =
            j >= 2 && rd->r.pos[j - 2] == 'v' &&
            !words_in(p->t[rd->tok[j - 2]].w,
                      (const char *const[]){"is", "are", "was", "were", "be", "been", "am", NULL});
        if (after_verb || j == 1)
            rd->mod[j] = rd->tok[j - 1];
    }
}

/* "time slots with a coach": the rules made "coach" a text column, but a person is a row of
 * a table of its own that the column refers to. Returns the new entity or -1. */
static int person_column(struct plan *p, const struct reading *rd, int j)
{
    const struct tok *t = &p->t[rd->tok[j]];
    struct lex_noun ln;
    int d = linked(rd, j, "D", false, NULL);
    if (tokens_is_plural(t) || d < 0 ||
        !tokens_word_in(p, rd->tok[d], (const char *const[]){"a", "an", "one", NULL}) ||
        words_in(t->w, words_user) || words_in(t->w, words_stop_nouns) ||
        !lexicon_noun(t->w, &ln) || !ln.person || head_count(p, t->s) != 1)
        return -1;
    for (int q = 0; q < p->ne; q++) {
        struct entity *e = &p->e[q];
        int fi = e->dropped ? -1 : fields_find(e, t->s);
        if (fi < 0 || strcmp(e->fields[fi].type, "string") != 0)
            continue;
        fields_remove(e, fi);
        int k = entities_add(p, t->s, entities_vocab_named(t->s), rd->tok[j], rd->tok[j] + 1);
        if (k >= 0) {
            char n[NAME_MAX_], from[SNIPPET_MAX + 8];
            tokens_snippet(p, rd->tok[j], rd->tok[j] + 1, from, sizeof(from));
            notes_add(p, p->guessed, "%s from \"%s\": a person, so a table, not a text column",
                      entities_pascal(t->s, n, sizeof(n)), from);
            relations_add(p, q, k, "set_null", rd->tok[j], rd->tok[j] + 1);
        }
        return k;
    }
    return -1;
}

/* The entities of one reading: existing ones are found, new ones added. */
static void reading_entities(struct plan *p, struct reading *rd, bool colon_head)
{
    for (int j = 0; j < rd->n; j++) {
        if (!is_noun(p, rd, j))
            continue;
        bool modifier = false;
        for (int q = 0; q < rd->n; q++)
            modifier |= rd->mod[q] == rd->tok[j];
        if (modifier)
            continue;
        int i = rd->tok[j];
        struct lex_noun ln = {0};
        const char *lemma = lexicon_noun(p->t[i].w, &ln) ? ln.lemma : p->t[i].s;
        int m = rd->mod[j];
        char compound[NAME_MAX_] = "";
        if (m >= 0) {
            char phrase[WORD_MAX * 2 + 2];
            snprintf(phrase, sizeof(phrase), "%s %s", p->t[m].w, lemma);
            if (inflect_snake(phrase, compound, sizeof(compound)) < 0)
                compound[0] = '\0';
        }
        int k = compound[0] ? entities_find(p, compound) : -1;
        if (k < 0 && (p->t[i].used || m < 0))
            k = entity_of_word(p, i, lemma);
        if (k >= 0 && compound[0] && strcmp(p->e[k].snake, compound) != 0 &&
            entities_find(p, compound) < 0 &&
            (head_count(p, p->t[i].s) == 1 || always_preceded(p, m, i)) &&
            (strcmp(p->e[k].snake, lemma) == 0 || strcmp(p->e[k].snake, p->t[i].s) == 0 ||
             strcmp(p->e[k].snake, p->t[m].s) == 0)) {
            /* "fuel purchases" planned as Purchase: one noun, FuelPurchase */
            int mk = entity_of_word(p, m, p->t[m].s);
            if (mk >= 0 && mk != k && head_count(p, p->t[m].s) == 1 && p->mention[m] >= 0 &&
                !p->parent[k][mk]) {
                /* "job" of "job listings" was no table, but says what the rows are: its
                 * default fields replace the head's */
                p->e[mk].dropped = true;
                struct entity *e = &p->e[k], *me = &p->e[mk];
                int nf = 0;
                for (int q = 0; q < e->nfields; q++)
                    if (e->fields[q].ref >= 0 || e->fields[q].explicit_)
                        e->fields[nf++] = e->fields[q];
                e->nfields = nf;
                for (int q = 0; q < me->nfields && e->nfields < MAX_FIELDS; q++)
                    if (me->fields[q].ref < 0 && fields_find(e, me->fields[q].name) < 0)
                        e->fields[e->nfields++] = me->fields[q];
            }
            if (mk < 0 || mk == k || p->e[mk].dropped)
                entities_rename(p, k, compound, "the parser read the words as one noun");
        }
        int owner = k < 0 && !p->t[i].used ? field_owner(p, rd, j) : -1;
        /* "a label of up to 40 characters" after "each parcel has": the vocabulary's Label
         * was a guess the structure contradicts, when nothing else names or relates it; but
         * a person a row has one of ("each class has a teacher") is a row it refers to
         * (reading_objects), also when the rules had related nothing to it yet */
        if (k >= 0 && m < 0 && !tokens_is_plural(&p->t[i]) && head_count(p, p->t[i].s) == 1 &&
            !(ln.person && one_of_many(p, rd, j))) {
            bool related = false;
            for (int q = 0; q < p->ne; q++)
                related |= p->parent[q][k] || p->parent[k][q];
            int o = related ? -1 : field_owner(p, rd, j);
            if (o >= 0 && o != k) {
                p->e[k].dropped = true;
                owner = o;
            }
        }
        if (owner >= 0) {
            int a = m >= 0 ? m : i;
            char raw[WORD_MAX * 2 + 2], en[NAME_MAX_], from[SNIPPET_MAX + 8];
            snprintf(raw, sizeof(raw), "%s%s%s", m >= 0 ? p->t[m].w : "", m >= 0 ? " " : "",
                     p->t[i].s);
            struct field *f = fields_add(p, owner, raw, true);
            if (f) {
                tokens_snippet(p, a, i + 1, from, sizeof(from));
                notes_add(p, p->understood, "field %s.%s: %s (from \"%s\")",
                          entities_pascal(p->e[owner].snake, en, sizeof(en)), f->name, f->type,
                          from);
                tokens_mark_used(p, a, i + 1);
            }
            continue;
        }
        if (k < 0 && !p->t[i].used) {
            char snake[NAME_MAX_];
            const char *why = "";
            if (reading_candidate(p, rd, j, colon_head, snake, sizeof(snake), &why)) {
                int a = m >= 0 ? m : i;
                k = entities_find(p, snake);
                if (k < 0) {
                    k = entities_add(p, snake, entities_vocab_named(snake), a, i + 1);
                    if (k >= 0) {
                        char n[NAME_MAX_], from[SNIPPET_MAX + 8];
                        tokens_snippet(p, a, i + 1, from, sizeof(from));
                        notes_add(p, p->guessed, "%s from \"%s\": %s",
                                  entities_pascal(snake, n, sizeof(n)), from, why);
                    }
                }
                if (k >= 0)
                    tokens_mark_used(p, a, i + 1);
            }
        }
        if (k < 0 && m < 0 && p->t[i].used)
            k = person_column(p, rd, j);
        /* "deliveries per purchase order" after "purchase orders": the rules' Purchase was
         * the compound's first word */
        if (k >= 0 && m >= 0 && compound[0] && strcmp(p->e[k].snake, compound) == 0) {
            int mk = entity_of_word(p, m, p->t[m].s);
            if (mk >= 0 && mk != k && !p->e[mk].dropped && always_together(p, m, i))
                entities_merge(p, mk, k, "the prompt always says them together");
        }
        rd->ent[j] = k >= 0 && !p->e[k].dropped ? k : -1;
    }
}

/* The noun a preposition points at: its object, or what "one of" / "each of" picks. */
static int prep_object(const struct plan *p, const struct reading *rd, int prep)
{
    int y = linked(rd, prep, "J", true, NULL);
    if (y < 0 && strcmp(p->t[rd->tok[prep]].w, "per") == 0)
        y = linked(rd, prep, "U", true, NULL);
    if (y >= 0 && tokens_word_in(p, rd->tok[y],
                                 (const char *const[]){"one", "each", "some", "any", "all", "most",
                                                       "many", "none", "either", NULL})) {
        int of = linked(rd, y, "Mf", true, NULL);
        y = of >= 0 ? linked(rd, of, "J", true, NULL) : -1;
    }
    return y;
}

/* A passive participle: "booked" of "is booked" (Pv), "set" of "are set" (I*v). */
static bool passive_participle(const struct reading *rd, int w)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const char *label = rd->r.links[k].label;
        if (rd->r.links[k].r == w &&
            (label_is(label, "Pv") || (label[0] == 'I' && strchr(label + 1, 'v'))))
            return true;
    }
    return false;
}

/* A past participle by its form: WordNet's verb lemma differs ("registered", "kept",
 * "sown") and it is no present form ("registers", "registering"). */
static bool participle_form(const char *w)
{
    char lemma[48];
    size_t n = strlen(w);
    return lexicon_verb_lemma(w, lemma, sizeof(lemma)) && strcmp(lemma, w) != 0 &&
           !(n > 1 && w[n - 1] == 's') && !(n > 3 && strcmp(w + n - 3, "ing") == 0);
}

/* The word a clause's verb leads to through auxiliaries and passives ("can be tagged"), and
 * both verbs of a list ("are registered by breeders and judged at shows": the parser links
 * "are" to "and", and "and" to each participle): fills chain[] with the verb words (the
 * conjunction too, which holds the modifiers the verbs share), returns how many; *passive
 * when a passive link or a list of participles is on it. */
static int verb_chain(const struct plan *p, const struct reading *rd, int v, int *chain,
                      bool *passive)
{
    int n = 0;
    *passive = false;
    chain[n++] = v;
    for (int q = 0; q < n && n < 6; q++) {
        int from = 0, w;
        while ((w = linked(rd, chain[q], "P", true, &from)) >= 0 && n < 6) {
            /* "is booked" (Pv), "can be tagged" (Pa to a participle) */
            if (label_is(rd->r.links[from - 1].label, "Pv") ||
                (label_is(rd->r.links[from - 1].label, "Pa") && rd->r.pos[w] == 'v'))
                *passive = true;
            chain[n++] = w;
        }
        from = 0;
        while ((w = linked(rd, chain[q], "I", true, &from)) >= 0 && n < 6) {
            /* "are set on walls": a participle the dictionary also knows as an infinitive
             * ("set", "cut", "put") links by I with a passive subscript ("I*v") */
            *passive |= passive_participle(rd, w);
            chain[n++] = w;
        }
        for (int side = 0; side < 2 && q > 0; side++) {
            from = 0;
            while ((w = linked(rd, chain[q], "VJ", side, &from)) >= 0 && n < 6) {
                *passive |= participle_form(p->t[rd->tok[w]].w);
                chain[n++] = w;
            }
        }
    }
    return n;
}

/* Verbs whose object lists what a row keeps: "each visit records the date and the fee". */
static const char *const record_verbs[] = {"records", "stores", "keeps",   "tracks",   "logs",
                                           "notes",   "saves",  "holds",   "captures", "record",
                                           "store",   "keep",   "track",   "log",      "note",
                                           "save",    "hold",   "capture", NULL};

/* The fields a clause gives its subject X at verb v: "a repair has a status and an optional
 * cost" (the rules found no subject for "has"; the parser did, and the rules read the list),
 * "each visit records the date, the reason and the fee" (a singular subject with a verb of
 * keeping: columns, not tables; the rules took "stores" for a Store, which goes). */
static void subject_fields(struct plan *p, const struct reading *rd, int x, int v)
{
    int vt_i = rd->tok[v];
    const struct tok *vt = &p->t[vt_i];
    bool have = words_in(vt->w, words_have_verbs);
    /* "trays record a sowing date": many rows each keep one value, a column too (but
     * "stations record readings" keeps rows of another table) */
    int o = linked(rd, v, "O", true, NULL);
    int d = o >= 0 ? linked(rd, o, "D", false, NULL) : -1;
    bool one_value = d >= 0 && !tokens_is_plural(&p->t[rd->tok[o]]) &&
                     tokens_word_in(p, rd->tok[d], (const char *const[]){"a", "an", "the", NULL});
    bool keeps = !have && words_in(vt->w, record_verbs) &&
                 (!tokens_is_plural(&p->t[rd->tok[x]]) || one_value) && rd->r.pos[v] == 'v';
    if ((!have && !keeps) || vt_i + 1 >= p->nt || p->t[vt_i + 1].used)
        return;
    int vk = keeps && vt->used ? entity_of_word(p, vt_i, vt->s) : -1;
    if (vt->used && !(vk >= 0 && head_count(p, vt->s) == 1))
        return;
    if (vk >= 0) {
        char from[SNIPPET_MAX + 8];
        tokens_snippet(p, vt_i, vt_i + 1, from, sizeof(from));
        notes_add(p, p->understood, "\"%s\" is the clause's verb, not a table", from);
        p->e[vk].dropped = true;
    }
    int end = vt_i + 1;
    while (end < p->nt && p->t[end].kind != T_STOP)
        end++;
    p->t[vt_i].used = true;
    phrases_field_list(p, rd->ent[x], vt_i + 1, end, false, have);
}

/* "paintings hang in galleries", "animals live in enclosures", "boats lie at moorings": a
 * verb (said without an object) whose first sense WordNet files under states or contact
 * (where a thing is, how it rests on another), with a preposition of place. */
static bool located(const struct plan *p, const struct reading *rd, int v, const char *prep)
{
    char cls[32];
    return words_in(prep, (const char *const[]){"in", "on", "at", "within", "inside", NULL}) &&
           rd->r.pos[v] == 'v' && lexicon_verb_class(p->t[rd->tok[v]].w, cls, sizeof(cls)) &&
           (strcmp(cls, "verb.stative") == 0 || strcmp(cls, "verb.contact") == 0);
}

/* Relations of a clause's subject X: its prepositions after a passive or "is" ("booked by a
 * client", "is in a room"), participles ("pages organized in spaces"), labels ("tickets can
 * be tagged"), self-references ("employees have a manager") and its fields. */
static void subject_relations(struct plan *p, struct reading *rd, const struct parse_link *l)
{
    int x = l->l, a = rd->tok[x];
    int chain[6];
    bool passive;
    int nc = verb_chain(p, rd, l->r, chain, &passive);
    for (int q = 0; q < nc; q++) {
        for (int lk = 0; lk < rd->r.nlinks; lk++) {
            const struct parse_link *m = &rd->r.links[lk];
            if (m->l != chain[q] || !(label_is(m->label, "MV") || label_is(m->label, "Pp")))
                continue;
            const char *prep = p->t[rd->tok[m->r]].w;
            const char *od = relations_on_delete(prep);
            int y = prep_object(p, rd, m->r);
            if (!od || y < 0 || rd->ent[y] < 0)
                continue;
            /* active verbs attach their object, not the subject: "drivers start
             * sessions in zones"; without an object, a verb of where something is puts
             * its subject in the place ("paintings hang in galleries") */
            int child = rd->ent[x];
            if (!passive && !label_is(m->label, "Pp")) {
                int o = linked(rd, chain[q], "O", true, NULL);
                if (o < 0 && located(p, rd, chain[q], prep))
                    o = x;
                if (o < 0 || rd->ent[o] < 0)
                    continue;
                child = rd->ent[o];
            }
            relations_add(p, child, rd->ent[y], od, a, rd->tok[y] + 1);
        }
    }
    /* "pages organized in spaces": the parser dropped "in" and made spaces the
     * object of a participle; the pages are in the spaces */
    const struct tok *vt = &p->t[rd->tok[l->r]];
    size_t vl = strlen(vt->w);
    int po = linked(rd, l->r, "O", true, NULL);
    if (vl > 3 && strcmp(vt->w + vl - 2, "ed") == 0 && po >= 0 && rd->ent[po] >= 0 &&
        relations_on_delete(p->t[rd->tok[l->r] + 1].w) &&
        rd->tok[l->r] + 2 == rd->tok[po] - (linked(rd, po, "D", false, NULL) >= 0))
        relations_add(p, rd->ent[x], rd->ent[po], relations_on_delete(p->t[rd->tok[l->r] + 1].w),
                      a, rd->tok[po] + 1);
    subject_fields(p, rd, x, l->r);
    /* "tickets can be tagged": labels that many rows share */
    if (passive && nc > 0) {
        static const struct join_verb labels[] = {
            {"tagged", "tag"},           {"labelled", "label"},       {"labeled", "label"},
            {"categorized", "category"}, {"categorised", "category"}, {NULL, NULL}};
        const char *pw = p->t[rd->tok[chain[nc - 1]]].w;
        for (const struct join_verb *q = labels; q->verb; q++)
            if (strcmp(pw, q->verb) == 0 && linked(rd, chain[nc - 1], "MV", true, NULL) < 0) {
                int tk = entities_find(p, q->entity);
                if (tk < 0)
                    tk = entities_add(p, q->entity, entities_vocab_named(q->entity),
                                      rd->tok[chain[nc - 1]], rd->tok[chain[nc - 1]] + 1);
                if (tk >= 0 && tk != rd->ent[x])
                    relations_join(p, rd->ent[x], tk, a, rd->tok[chain[nc - 1]] + 1);
                tokens_mark_used(p, rd->tok[chain[nc - 1]], rd->tok[chain[nc - 1]] + 1);
            }
    }
    /* "employees have a manager": a person of the same table, when the rows are people
     * ("every band has a manager" is a person of another table: person_column) */
    int o = linked(rd, l->r, "O", true, NULL);
    struct lex_noun xn;
    if (o >= 0 && rd->ent[o] < 0 && tokens_word_in(p, rd->tok[l->r], words_have_verbs) &&
        lexicon_noun(p->t[a].w, &xn) && xn.person) {
        struct lex_noun ln;
        const struct tok *ot = &p->t[rd->tok[o]];
        if (!tokens_is_plural(ot) && lexicon_noun(ot->w, &ln) && ln.person &&
            !words_in(ot->w, words_user) &&
            !words_in(ot->w, (const char *const[]){"user", "owner", "admin", "person", "someone",
                                                   "friend", NULL}))
            relations_self(p, rd->ent[x], ot->w, a, rd->tok[o] + 1);
    }
}

/* "revisions of each page", "purchases per vehicle", "courses taught by ...": what a noun
 * is attached to. */
static void attached_relations(struct plan *p, struct reading *rd, const struct parse_link *l)
{
    int x = l->l, a = rd->tok[x];
    bool participle = label_is(l->label, "Mv") || label_is(l->label, "MX");
    if (label_is(l->label, "Mp") || label_is(l->label, "Mf") || participle) {
        int heads[4], nh = 0;
        if (!participle)
            heads[nh++] = l->r;
        else {
            int from = 0, w;
            while ((w = linked(rd, l->r, "MV", true, &from)) >= 0 && nh < 4)
                heads[nh++] = w;
        }
        for (int q = 0; q < nh; q++) {
            const char *prep = p->t[rd->tok[heads[q]]].w;
            const char *od = relations_on_delete(prep);
            /* "orders, each placed with a supplier" */
            if (!od && participle && strcmp(prep, "with") == 0)
                od = "set_null";
            /* a noun's own "for", "to", "by" attach too loosely to say who owns whom */
            struct lex_noun yn;
            int yy = prep_object(p, rd, heads[q]);
            bool by_person = strcmp(prep, "by") == 0 && yy >= 0 &&
                             lexicon_noun(p->t[rd->tok[yy]].w, &yn) && yn.person;
            if (!participle && !by_person &&
                !words_in(prep, (const char *const[]){"of", "per", "in", "on", "at", "within",
                                                      "inside", "under", "from", NULL}))
                continue; /* but "artworks by artists" names who made them */
            if (by_person && !participle)
                od = "set_null";
            /* "routes are set on walls by setters": a "by" the parse also gives a passive
             * verb names its agent, not the walls' maker */
            int v = linked(rd, heads[q], "MV", false, NULL);
            if (!participle && v >= 0 && passive_participle(rd, v))
                continue;
            int y = prep_object(p, rd, heads[q]);
            if (!od || y < 0 || rd->ent[y] < 0 || rd->ent[y] == rd->ent[x])
                continue;
            struct lex_noun ln;
            const struct tok *xt = &p->t[a], *yt = &p->t[rd->tok[y]];
            if (strcmp(prep, "of") == 0 && tokens_is_plural(xt) && tokens_is_plural(yt) &&
                linked(rd, y, "D", false, NULL) < 0 && lexicon_noun(xt->w, &ln) && ln.collection)
                relations_join(p, rd->ent[x], rd->ent[y], a, rd->tok[y] + 1);
            else
                relations_add(p, rd->ent[x], rd->ent[y], od, a, rd->tok[y] + 1);
        }
    }
}

/* Is list member x attached to a row of its own by a preposition ("a word count per
 * chapter" in "... and a deadline for each novel")? */
static bool own_row(const struct plan *p, const struct reading *rd, int x)
{
    int from = 0, w;
    while ((w = linked(rd, x, "M", true, &from)) >= 0)
        if (row_of_column(p, rd, w) >= 0)
            return true;
    return false;
}

/* "the weight and the colour of each parcel", "a word count per chapter", "a deadline for
 * each novel": nouns of no table said of a row are its columns (with the noun before them
 * of a compound: "the flag state of each"). */
static void of_each_fields(struct plan *p, const struct reading *rd, const struct parse_link *l)
{
    int k;
    if (!(label_is(l->label, "Mp") || label_is(l->label, "Mf")) ||
        (k = row_of_column(p, rd, l->r)) < 0)
        return;
    bool of = tokens_is_word(p, rd->tok[l->r], "of");
    int m[PARSE_MAX_WORDS];
    int nm = members(rd, l->l, m, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++) {
        const struct tok *t = &p->t[rd->tok[m[q]]];
        /* after "per" or "for" a column is counted itself ("a word count per chapter"):
         * "equipment ... managed per laboratory" is what the backend is for */
        bool counted = of || linked(rd, m[q], "D", false, NULL) >= 0;
        if (rd->ent[m[q]] >= 0 || !is_noun(p, rd, m[q]) || tokens_is_plural(t) ||
            tokens_is_stop_noun(t) || !counted || (nm > 1 && own_row(p, rd, m[q])))
            continue;
        int mod = linked(rd, m[q], "AN", false, NULL);
        char raw[WORD_MAX * 2 + 2], en[NAME_MAX_], from[SNIPPET_MAX + 8];
        snprintf(raw, sizeof(raw), "%s%s%s", mod >= 0 ? p->t[rd->tok[mod]].w : "",
                 mod >= 0 ? " " : "", t->w);
        struct field *f = fields_add(p, k, raw, true);
        if (!f)
            continue;
        int a = mod >= 0 ? rd->tok[mod] : rd->tok[m[q]];
        tokens_mark_used(p, a, rd->tok[m[q]] + 1);
        tokens_snippet(p, a, rd->tok[l->r] + 3, from, sizeof(from));
        notes_add(p, p->understood, "field %s.%s: %s (from \"%s\")",
                  entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, f->type, from);
    }
}

/* "For every vessel we store the call sign, the tonnage and the flag state": what we keep
 * "for each" row is its columns. l: the clause's subject link. */
static void for_each_fields(struct plan *p, const struct reading *rd, const struct parse_link *l)
{
    int v = l->r, vt = rd->tok[v];
    /* the parser reads the opener as a clause ("COa") or "vessel we store" as a relative
     * one ("Bsd"): the sentence's first word says it */
    if (!tokens_word_in(p, rd->tok[l->l], (const char *const[]){"we", "i", "you", NULL}) ||
        !tokens_word_in(p, vt, record_verbs) || vt + 1 >= p->nt ||
        !tokens_is_word(p, rd->tok[0], "for"))
        return;
    int k = counted_entity(p, rd, linked(rd, 0, "J", true, NULL));
    if (k < 0)
        return;
    int end = vt + 1;
    while (end < p->nt && p->t[end].kind != T_STOP)
        end++;
    p->t[vt].used = true;
    phrases_field_list(p, k, vt + 1, end, false, false);
}

/* "Each beehive's location, queen age and honey yield are recorded": what a row counted by
 * each/every possesses, when it is no table, is its columns (read as a field list up to
 * the clause's verb). */
static void possessed_fields(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    if (!counted_possessor(p, i) || i + 1 >= p->nt || p->t[i + 1].used ||
        entities_find(p, p->t[i + 1].s) >= 0 || tokens_is_plural(&p->t[i + 1]))
        return;
    int end = i + 1;
    while (end < p->nt && p->t[end].kind != T_STOP &&
           !tokens_word_in(p, end, (const char *const[]){"is", "are", "was", "were", NULL}))
        end++;
    phrases_field_list(p, rd->ent[j], i + 1, end, false, false);
}

/* Relations the structure states: passives ("booked by a client"), places ("each plant is
 * in a room"), attachments ("revisions of each page", "purchases per vehicle"),
 * possessives, many-to-many lists ("playlists of tracks") and self-references ("employees
 * have a manager"). */
static void reading_relations(struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        of_each_fields(p, rd, l);
        if (is_subject(l->label))
            for_each_fields(p, rd, l);
        if (rd->ent[l->l] < 0)
            continue;
        if (is_subject(l->label))
            subject_relations(p, rd, l);
        attached_relations(p, rd, l);
    }
    /* "each animal's vaccinations" */
    for (int j = 0; j + 1 < rd->n; j++) {
        if (rd->ent[j] < 0 || !p->t[rd->tok[j]].poss)
            continue;
        possessed_fields(p, rd, j);
        for (int q = j + 1; q < rd->n && q < j + 4; q++)
            if (rd->ent[q] >= 0) {
                relations_add(p, rd->ent[q], rd->ent[j], "cascade", rd->tok[j], rd->tok[q] + 1);
                break;
            }
    }
}

/* Verbs too general to name a record of their own: what they do is make, keep or show a
 * thing ("users create boards", "members log climbs"), not an act between two rows. */
static const char *const general_verbs[] = {
    "make",    "take",   "give",     "get",      "do",     "use",    "see",   "write",  "open",
    "create",  "manage", "track",    "log",      "store",  "keep",   "want",  "need",   "like",
    "buy",     "sell",   "play",     "watch",    "follow", "check",  "carry", "place",  "post",
    "share",   "upload", "comment",  "add",      "edit",   "delete", "view",  "read",   "send",
    "receive", "find",   "search",   "set",      "show",   "run",    "start", "stop",   "hold",
    "contain", "own",    "list",     "record",   "note",   "mark",   "save",  "hold",   "see",
    "meet",    "say",    "tell",     "work",     "live",   "go",     "come",  "belong", "include",
    "cover",   "plan",   "organize", "organise", NULL};

/* The object a verb acts on: its object ("clean a room"), or what its preposition points at
 * ("apply for jobs", "subscribe to shows"); -1. */
static int act_object(const struct plan *p, const struct reading *rd, int v)
{
    int o = linked(rd, v, "O", true, NULL);
    if (o >= 0)
        return o;
    int from = 0, prep;
    while ((prep = linked(rd, v, "MV", true, &from)) >= 0)
        if (tokens_word_in(p, rd->tok[prep],
                           (const char *const[]){"for", "to", "in", "on", "at", "into", NULL}))
            return prep_object(p, rd, prep);
    return -1;
}

/* "candidates apply for jobs", "housekeepers clean rooms", "vets treat pets": a person doing
 * something to a row of another table makes a record of the act, named by WordNet's
 * derivation of the verb (application, cleaning, treatment), that refers to both. */
/* What "them" or "it" at word o stands for: the nearest entity the prompt named before the
 * subject at token before ("companies post job listings and candidates apply to them"),
 * other than the subject's own; -1. */
static int antecedent(const struct plan *p, const struct reading *rd, int o, int before, int not )
{
    if (!tokens_word_in(p, rd->tok[o], (const char *const[]){"them", "it", NULL}))
        return -1;
    for (int q = p->nreadings - 1; q >= 0; q--)
        for (int j = p->readings[q].n - 1; j >= 0; j--) {
            const struct reading *r2 = &p->readings[q];
            if (r2->tok[j] < before && r2->ent[j] >= 0 && r2->ent[j] != not )
                return r2->ent[j];
        }
    return -1;
}

/* The entity the act at verb v acts on: its object's, or what a pronoun there stands for. */
static int act_target(const struct plan *p, const struct reading *rd, int v, int x, int *o)
{
    *o = act_object(p, rd, v);
    if (*o < 0)
        return -1;
    return rd->ent[*o] >= 0 ? rd->ent[*o] : antecedent(p, rd, *o, rd->tok[x], rd->ent[x]);
}

/* "boats enter races", "riders compete in tournaments": a verb of motion, competition or
 * social life on an occasion (a social event: a race, a regatta) is taking part in it, a
 * record of who took part, whoever the subject is (a boat, a horse, a team); the occasion
 * itself is no record the verb makes. */
static bool takes_part(const struct plan *p, const struct tok *vt, int target)
{
    struct lex_noun on;
    char cls[32];
    return lexicon_noun(p->e[target].snake, &on) && on.occasion &&
           lexicon_verb_class(vt->w, cls, sizeof(cls)) &&
           words_in(cls,
                    (const char *const[]){"verb.motion", "verb.competition", "verb.social", NULL});
}

/* The record verb vt names: the join verbs' own ("apply" → application, which the rules read
 * unless the object is a pronoun), or WordNet's act of the verb, not for a general verb, an
 * object that is itself a record (WordNet's acts, events, documents: "patients book
 * appointments", "customers file reports": the verb makes it; or a join of two rows), nor for a
 * person named after the act ("teachers teach", "inspectors inspect"). */
static bool act_name(const struct plan *p, const struct tok *vt, const struct lex_noun *xn,
                     int target, char *snake, size_t size)
{
    char act[48] = "";
    struct lex_noun on;
    bool part = takes_part(p, vt, target);
    if (!entities_join_record(vt->w, act, sizeof(act)))
        act[0] = '\0';
    int refs = 0; /* "librarians approve each loan": a loan already joins two rows */
    for (int f = 0; f < p->e[target].nfields; f++)
        refs += p->e[target].fields[f].ref >= 0;
    if (!act[0] && (words_in(vt->s, general_verbs) || words_in(vt->w, general_verbs) ||
                    refs >= 2 || (!part && lexicon_noun(p->e[target].snake, &on) && on.record) ||
                    !lexicon_act_of_verb(vt->w, act, sizeof(act))))
        return false;
    size_t stem = strlen(act) > 4 ? 4 : strlen(act);
    return strncmp(xn->lemma, act, stem) != 0 && inflect_snake(act, snake, size) == 0;
}

static void act_between(struct plan *p, const struct reading *rd, int x, int v, int target, int o);
static void passive_act(struct plan *p, const struct reading *rd, int subj, int v);

/* The act of subject word x at verb v: on its object, or, in a passive, by its agent. */
static void subject_act(struct plan *p, const struct reading *rd, int x, int v)
{
    int o;
    int target = rd->ent[x] >= 0 ? act_target(p, rd, v, x, &o) : -1;
    if (target >= 0)
        act_between(p, rd, x, v, target, o);
    else if (rd->ent[x] >= 0)
        passive_act(p, rd, x, v);
}

/* "desks can be reserved by members": the person of a passive is its "by" agent, the row its
 * subject. */
static void passive_act(struct plan *p, const struct reading *rd, int subj, int v)
{
    int chain[6];
    bool passive;
    int nc = verb_chain(p, rd, v, chain, &passive);
    struct lex_noun sn;
    /* "each walk is booked by a client": a row that is itself an act was made, not acted on */
    if (lexicon_noun(p->t[rd->tok[subj]].w, &sn) && sn.record)
        return;
    for (int q = 1; q < nc; q++) {
        /* "is booked" (Pv) or "can be reserved" (Pa, the parser's adjective): the "by" agent
         * says it is a passive */
        int from = 0, prep;
        while ((prep = linked(rd, chain[q], "MV", true, &from)) >= 0) {
            int y = tokens_is_word(p, rd->tok[prep], "by") ? prep_object(p, rd, prep) : -1;
            if (y >= 0 && rd->ent[y] >= 0)
                act_between(p, rd, y, chain[q], rd->ent[subj], y);
        }
    }
}

static void reading_acts(struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (!is_subject(l->label))
            continue;
        /* "singers belong to sections and attend rehearsals": the subject's verb may be a
         * list of verbs (VJl, VJr from the conjunction) */
        int verbs[2] = {l->r, -1};
        if (rd->r.pos[l->r] != 'v') {
            verbs[0] = linked(rd, l->r, "VJl", false, NULL);
            verbs[1] = linked(rd, l->r, "VJr", true, NULL);
        }
        /* "a job board ... and candidates apply": the parser's subject may be a list */
        int m[PARSE_MAX_WORDS];
        int nm = members(rd, l->l, m, PARSE_MAX_WORDS);
        for (int vi = 0; vi < 2; vi++)
            for (int q = 0; verbs[vi] >= 0 && rd->r.pos[verbs[vi]] == 'v' && q < nm; q++)
                subject_act(p, rd, m[q], verbs[vi]);
    }
}

/* The act of person word x at verb v on entity target (o: the last word said), if the verb
 * names one (see reading_acts). */
static void act_between(struct plan *p, const struct reading *rd, int x, int v, int target, int o)
{
    const struct tok *vt = &p->t[rd->tok[v]], *xt = &p->t[rd->tok[x]];
    char snake[NAME_MAX_];
    struct lex_noun xn;
    if (target < 0 || target == rd->ent[x] || !lexicon_noun(xt->w, &xn))
        return;
    /* "enter" is a verb of lists ("I enter my expenses") unless it is taking part */
    bool part = takes_part(p, vt, target);
    if (!(xn.person || part) || words_in(vt->w, words_have_verbs) ||
        (!part && words_in(vt->w, words_list_verbs)) ||
        !act_name(p, vt, &xn, target, snake, sizeof(snake)))
        return;
    int ak = entities_find(p, snake);
    if (ak == rd->ent[x] || ak == target)
        return;
    if (ak < 0) {
        ak = entities_add(p, snake, entities_vocab_named(snake), rd->tok[x], rd->tok[o] + 1);
        if (ak < 0)
            return;
        char n[NAME_MAX_], from[SNIPPET_MAX + 8];
        tokens_snippet(p, rd->tok[x], rd->tok[o] + 1, from, sizeof(from));
        notes_add(p, p->guessed, "%s from \"%s\": WordNet names the act of \"%s\"",
                  entities_pascal(snake, n, sizeof(n)), from, vt->w);
    }
    relations_add(p, ak, rd->ent[x], "cascade", rd->tok[x], rd->tok[o] + 1);
    relations_add(p, ak, target, "cascade", rd->tok[x], rd->tok[o] + 1);
    tokens_mark_used(p, rd->tok[v], rd->tok[v] + 1);
    p->act_verb[rd->tok[v]] = true;
}

/* Weaker: "buyers make offers", "companies post listings": what a subject makes refers
 * to it. Runs after the vocabulary's usual parents, which know better. */
void reading_objects(struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (!is_subject(l->label) || rd->ent[l->l] < 0)
            continue;
        int from = 0, o;
        int v = l->r;
        const struct tok *vt = &p->t[rd->tok[v]];
        bool have = words_in(vt->w, words_have_verbs);
        size_t vl = strlen(vt->w);
        if (vl > 3 && strcmp(vt->w + vl - 2, "ed") == 0)
            continue; /* a participle: "pages organized in spaces" is no maker */
        bool join = false;
        for (const struct join_verb *q = words_join_verbs; q->entity; q++)
            join |= strcmp(vt->w, q->verb) == 0;
        /* an act the verb names (reading_acts) refers to both */
        if (join || p->act_verb[rd->tok[v]])
            continue;
        while ((o = linked(rd, v, "O", true, &from)) >= 0) {
            if (rd->ent[o] < 0 || rd->ent[o] == rd->ent[l->l] ||
                p->parent[rd->ent[l->l]][rd->ent[o]] || p->parent[rd->ent[o]][rd->ent[l->l]])
                continue;
            if (have && one_of_many(p, rd, o)) {
                /* "each course has a teacher": many courses, one teacher each */
                relations_add(p, rd->ent[l->l], rd->ent[o], "set_null", rd->tok[l->l],
                              rd->tok[o] + 1);
                continue;
            }
            relations_add(p, rd->ent[o], rd->ent[l->l], "cascade", rd->tok[l->l], rd->tok[o] + 1);
            if (!have) {
                char c[NAME_MAX_], s[NAME_MAX_], from_s[SNIPPET_MAX + 8];
                tokens_snippet(p, rd->tok[l->l], rd->tok[o] + 1, from_s, sizeof(from_s));
                notes_add(p, p->guessed, "%s refers to the %s that made it (from \"%s\")",
                          entities_pascal(p->e[rd->ent[o]].snake, c, sizeof(c)),
                          entities_pascal(p->e[rd->ent[l->l]].snake, s, sizeof(s)), from_s);
            }
        }
    }
}

/* "Backend for a dog walking business", "a school's classrooms": a singular word for a
 * group in the first sentence, never the subject of a clause nor counted ("each animal's
 * vaccinations": one of many), names the product when the prompt names other tables. */
static void reading_products(struct plan *p)
{
    int live = 0;
    for (int k = 0; k < p->ne; k++)
        live += !p->e[k].dropped;
    for (int k = 0; k < p->ne && live > 2; k++) {
        bool seen = false, product = !p->e[k].dropped;
        int at = -1;
        for (int q = 0; q < p->nreadings && product; q++) {
            const struct reading *rd = &p->readings[q];
            for (int j = 0; j < rd->n && product; j++) {
                if (rd->ent[j] != k)
                    continue;
                struct lex_noun ln;
                const struct tok *t = &p->t[rd->tok[j]];
                seen = true;
                at = rd->tok[j];
                product = rd->sentence == 0 && !tokens_is_plural(t) &&
                          !tokens_word_in(p, rd->tok[j] - 1,
                                          (const char *const[]){"each", "every", NULL});
                for (int l = 0; l < rd->r.nlinks && product; l++)
                    if (rd->r.links[l].l == j && is_subject(rd->r.links[l].label))
                        product = false;
                product = product && lexicon_noun(t->w, &ln) && ln.kind == LEX_GROUP;
            }
        }
        /* a relation the phrase rules read, or any other mention of it (a plural
         * elsewhere), makes it a table */
        for (int q = 0; q < p->ne; q++)
            if (p->parent[q][k] || p->parent[k][q])
                product = false;
        if (seen && product && head_count(p, p->t[at].s) == 1) {
            char from[SNIPPET_MAX + 8];
            tokens_snippet(p, at, at + 1, from, sizeof(from));
            notes_add(p, p->understood, "\"%s\" names the product, not a table (a group word)",
                      from);
            p->e[k].dropped = true;
            live--;
            for (int q = 0; q < p->nreadings; q++)
                for (int j = 0; j < p->readings[q].n; j++)
                    if (p->readings[q].ent[j] == k)
                        p->readings[q].ent[j] = -1;
        }
    }
}

/* "customers have meters, and readings of each meter ...": the rules read a plural unit of
 * measure as an amount (Customer.meters); a row the parse counts makes it a table, and
 * the amount goes. */
static void unit_tables(struct plan *p)
{
    for (int k = 0; k < p->ne; k++) {
        char plural[NAME_MAX_ + 8];
        if (p->e[k].dropped || inflect_plural(p->e[k].snake, plural, sizeof(plural)) < 0 ||
            !fields_is_unit(plural))
            continue;
        for (int c = 0; c < p->ne; c++) {
            int fi = c == k || p->e[c].dropped ? -1 : fields_find(&p->e[c], plural);
            if (fi < 0 || p->e[c].fields[fi].ref >= 0)
                continue;
            char a[NAME_MAX_], b[NAME_MAX_];
            notes_add(p, p->understood, "%s.%s is the %s table: the prompt counts its rows",
                      entities_pascal(p->e[c].snake, a, sizeof(a)), plural,
                      entities_pascal(p->e[k].snake, b, sizeof(b)));
            fields_remove(&p->e[c], fi);
        }
    }
}

/* "the hotel's rooms", "our gym's members": a singular noun that the prompt only ever says
 * as the one possessor ("the", "our", "my", "this", "your" before it) names the product the
 * backend is for, not a table; the references the possessive made go with it. */
static void possessive_products(struct plan *p)
{
    static const char *const one[] = {"the", "our", "my", "this", "your", NULL};
    for (int k = 0; k < p->ne; k++) {
        int n = 0;
        bool only = !p->e[k].dropped && !strchr(p->e[k].snake, '_');
        for (int i = 0; i < p->nt && only; i++) {
            if (p->t[i].kind != T_WORD || strcmp(p->t[i].s, p->e[k].snake) != 0)
                continue;
            only = p->t[i].poss && !tokens_is_plural(&p->t[i]) && tokens_word_in(p, i - 1, one) &&
                   tokens_is_content(p, i + 1);
            n++;
        }
        for (int q = 0; q < p->ne && only; q++)
            only = !p->parent[k][q];
        if (!only || n == 0)
            continue;
        for (int q = 0; q < p->ne; q++)
            relations_remove(p, q, k);
        notes_add(p, p->understood,
                  "\"%s\" names the product, not a table (said as the one "
                  "possessor)",
                  p->e[k].snake);
        p->e[k].dropped = true;
        for (int q = 0; q < p->nreadings; q++)
            for (int j = 0; j < p->readings[q].n; j++)
                if (p->readings[q].ent[j] == k)
                    p->readings[q].ent[j] = -1;
    }
}

/* "Warehouse stock: products are kept on shelves...": a singular word that only the
 * heading before the first colon says, in front of another noun, names the product. */
static void heading_products(struct plan *p)
{
    int colon = -1;
    for (int i = 0; i < p->nt && i < 5 && colon < 0; i++)
        if (p->t[i].kind == T_COLON)
            colon = i;
        else if (p->t[i].kind == T_STOP)
            break;
    for (int k = 0; k < p->ne && colon > 1; k++) {
        bool related = p->e[k].dropped;
        for (int q = 0; q < p->ne; q++)
            related |= p->parent[q][k] || p->parent[k][q];
        int at = -1, n = 0;
        for (int i = 0; i < p->nt; i++)
            if (p->t[i].kind == T_WORD && strcmp(p->t[i].s, p->e[k].snake) == 0) {
                at = i;
                n++;
            }
        if (related || n != 1 || at >= colon - 1 || tokens_is_plural(&p->t[at]) ||
            !tokens_is_content(p, at + 1))
            continue;
        char from[SNIPPET_MAX + 8];
        tokens_snippet(p, 0, colon, from, sizeof(from));
        notes_add(p, p->understood, "\"%s\" names the product, not a table", from);
        p->e[k].dropped = true;
    }
}

/* The subject of verb v, also when v is the second of two joined verbs ("belongs to a
 * teacher and has ...": VJr from "and", VJl from the first verb); -1. */
static int clause_subject(const struct reading *rd, int v)
{
    int x = linked(rd, v, "S", false, NULL);
    int conj = x < 0 ? linked(rd, v, "VJr", false, NULL) : -1;
    if (conj < 0)
        return x;
    /* the subject links to the conjunction ("class" Ss "and") or to the first verb */
    x = linked(rd, conj, "S", false, NULL);
    int first = x < 0 ? linked(rd, conj, "VJl", false, NULL) : -1;
    return first >= 0 ? linked(rd, first, "S", false, NULL) : x;
}

/* The entity whose "has"/"have"/"with" governs token i ("an appointment belongs to a patient
 * and has a status (...)": Appointment, not the nearer Patient): the nearest such verb before
 * i in its sentence, and that verb's subject in the parse (for "with", the noun it modifies);
 * -1 when the parse says nothing. */
int reading_owner_of(const struct plan *p, int i)
{
    for (int q = 0; q < p->nreadings; q++) {
        const struct reading *rd = &p->readings[q];
        if (rd->n == 0 || rd->tok[0] > i || rd->tok[rd->n - 1] < i)
            continue;
        for (int j = rd->n - 1; j >= 0; j--) {
            if (rd->tok[j] > i)
                continue;
            const struct tok *t = &p->t[rd->tok[j]];
            int x = -1;
            if (words_in(t->w, words_have_verbs))
                x = clause_subject(rd, j);
            else if (strcmp(t->w, "with") == 0 && (x = linked(rd, j, "Mp", false, NULL)) < 0)
                continue;
            else if (x < 0)
                continue;
            int m[PARSE_MAX_WORDS];
            int nm = x >= 0 ? members(rd, x, m, PARSE_MAX_WORDS) : 0;
            return nm == 1 && rd->ent[m[0]] >= 0 ? rd->ent[m[0]] : -1;
        }
    }
    return -1;
}

/* Parses every sentence of the prompt and adds what the phrase rules missed (entities);
 * the relations wait until every sentence has named its entities. */
/* "books are kept in shelves": Link Grammar's dictionary knows some plural nouns only as
 * verbs ("shelves", from "to shelve"), so the noun after a preposition or an article, or the
 * subject that starts a spliced clause (spliced: see splice_comma), links to nothing. Gives
 * the parser a plural noun it knows in the place of each such word (the reading keeps the
 * prompt's token): true when it did, and the sentence wants a new parse. A sentence's first
 * word is left alone: it may be an imperative or a heading. */
static bool stand_in_nouns(const struct plan *p, const struct reading *rd, const char **words,
                           bool spliced)
{
    static const char *const before_noun[] = {"in",    "on",   "at",  "into", "onto", "of",
                                              "with",  "from", "by",  "for",  "the",  "a",
                                              "their", "its",  "our", "my",   "your", NULL};
    bool any = false;
    struct lex_noun ln;
    for (int j = 0; j < rd->n; j++) {
        const struct tok *t = &p->t[rd->tok[j]];
        /* a sentence's first word before "of" or "per" is a noun, not an imperative */
        bool first = spliced || (j + 1 < rd->n &&
                                 words_in(words[j + 1], (const char *const[]){"of", "per", NULL}));
        if (rd->r.pos[j] != 'n' && rd->r.pos[j] != 'p' && t->kind == T_WORD &&
            (j > 0 ? words_in(words[j - 1], before_noun) : first) && lexicon_noun(t->w, &ln) &&
            ln.kind == LEX_THING && strcmp(ln.lemma, t->w) != 0) {
            words[j] = "things";
            any = true;
        } else if (j > 0 && words_in(words[j - 1], (const char *const[]){"each", "every", NULL}) &&
                   (rd->r.pos[j] == 'g' || rd->r.pos[j] == 'v') && t->kind == T_WORD &&
                   lexicon_noun(t->w, &ln) && ln.kind == LEX_THING &&
                   strcmp(ln.lemma, t->w) == 0) {
            /* "each firing has a temperature": what "each" counts is a noun, though the
             * dictionary reads a gerund ("firing", "tuning") as an adverb's verb (not an
             * adjective: "each deceased person") */
            words[j] = "thing";
            any = true;
        }
    }
    return any;
}

/* The sentence [s, e) as words for the parser: parses them into the next reading and
 * returns 0, or a negative errno; *n is the number of words (-1: too many), spent counts
 * the work. */
static int parse_span(struct plan *p, int s, int e, bool spliced, int *spent, int *pn)
{
    struct reading *rd = &p->readings[p->nreadings];
    const char *words[PARSE_MAX_WORDS];
    int n = e > s ? reading_words(p, s, e, rd, words) : 0;
    int r = n < 0 ? -E2BIG : n < 2 ? -ENODATA : parse_sentence(words, n, &rd->r);
    *spent += n > 0 ? n * n : 0;
    rd->n = r == 0 ? n : 0;
    if (r == 0 && stand_in_nouns(p, rd, words, spliced)) {
        r = parse_sentence(words, n, &rd->r);
        *spent += n * n;
    }
    *pn = n;
#ifdef PLANNER_DEBUG
    if (r == 0) {
        for (int q = 0; q < rd->r.nlinks; q++)
            fprintf(stderr, " %s:%s-%s", rd->r.links[q].label, words[rd->r.links[q].l],
                    words[rd->r.links[q].r]);
        fprintf(stderr, "\n");
        for (int q = 0; q < n; q++)
            fprintf(stderr, " %s.%c", words[q], rd->r.pos[q] ? rd->r.pos[q] : '-');
        fprintf(stderr, "\n");
    }
#endif
    rd->n = r == 0 ? n : 0;
    return r;
}

/* "books are kept in shelves, shelves belong to rooms": two clauses spliced by a comma,
 * which Link Grammar reads as one, leaving the second subject without a noun's role
 * ("shelves" as a verb, or skipped). The comma's token when the word after it is a plural
 * noun to WordNet that the parse does not call a noun, and a word that is no conjunction
 * follows it (in a list, "A, shelves, and B", a comma does); -1. */
static int splice_comma(const struct plan *p, const struct reading *rd)
{
    struct lex_noun ln;
    for (int j = 1; j + 2 < rd->n; j++) {
        const struct tok *t = &p->t[rd->tok[j + 1]];
        const struct tok *next = &p->t[rd->tok[j + 2]];
        if (p->t[rd->tok[j]].kind == T_COMMA && rd->r.pos[j + 1] != 'n' &&
            rd->r.pos[j + 1] != 'p' && next->kind == T_WORD &&
            !words_in(next->w, (const char *const[]){"and", "or", NULL}) &&
            lexicon_noun(t->w, &ln) && ln.kind == LEX_THING && strcmp(ln.lemma, t->w) != 0)
            return rd->tok[j];
    }
    return -1;
}

/* Reads the sentence [s, e) with the parser (each of two spliced clauses on its own), or
 * says in the notes that the phrase rules alone read it. */
static void read_span(struct plan *p, int s, int e, int sentence, bool colon_head, int *spent)
{
    int n;
    bool spliced = s > 0 && p->t[s - 1].kind == T_COMMA;
    int r = parse_span(p, s, e, spliced, spent, &n);
    struct reading *rd = &p->readings[p->nreadings];
    int c = r == 0 ? splice_comma(p, rd) : -1;
    if (c >= 0 && p->nreadings + 2 <= MAX_READINGS) {
        read_span(p, s, c, sentence, false, spent);
        read_span(p, c + 1, e, sentence, false, spent);
        return;
    }
    if (r == 0) {
        rd->sentence = sentence;
        indirect_objects(p, rd);
        per_attachments(p, rd);
        reading_compounds(p, rd);
        reading_verb_compounds(p, rd);
        reading_entities(p, rd, colon_head);
        p->nreadings++;
    } else if (n < 0 || n >= 2) {
        char from[SNIPPET_MAX + 8];
        tokens_snippet(p, s, e, from, sizeof(from));
        notes_add(p, p->guessed, "\"%s\": read by the phrase rules only (the parser %s)", from,
                  r == -ETIMEDOUT ? "ran out of time"
                  : r == -E2BIG   ? "takes at most 32 words a sentence"
                                  : "found no reading");
    }
}

void reading_sentences(struct plan *p)
{
    if (planner_init() < 0) {
        notes_add(p, p->guessed,
                  "phrase rules only: Link Grammar's or WordNet's English data is "
                  "not installed");
        return;
    }
    int s = 0, sentence = 0, spent = 0;
    for (int i = 0; i <= p->nt && p->nreadings < MAX_READINGS; i++) {
        bool end = i == p->nt || p->t[i].kind == T_STOP || p->t[i].kind == T_COLON;
        if (!end)
            continue;
        if (spent > PARSE_BUDGET) {
            char from[SNIPPET_MAX + 8];
            tokens_snippet(p, s, p->nt, from, sizeof(from));
            notes_add(p, p->guessed,
                      "\"%s\": read by the phrase rules only (the parser's work for a prompt "
                      "was spent)",
                      from);
            break;
        }
        read_span(p, s, i, sentence, i < p->nt && p->t[i].kind == T_COLON && s == 0, &spent);
        s = i + 1;
        sentence += i < p->nt && p->t[i].kind == T_STOP;
    }
    /* entities named in a later sentence are known now: look again, then relate */
    for (int q = 0; q < p->nreadings; q++)
        for (int j = 0; j < p->readings[q].n; j++)
            if (p->readings[q].ent[j] < 0 && is_noun(p, &p->readings[q], j)) {
                const struct tok *t = &p->t[p->readings[q].tok[j]];
                int k = entities_find(p, t->s);
                if (k >= 0 && !p->e[k].dropped && p->readings[q].mod[j] < 0)
                    p->readings[q].ent[j] = k;
            }
    unit_tables(p);
    possessive_products(p);
    reading_products(p);
    heading_products(p);
    for (int q = 0; q < p->nreadings; q++) {
        reading_acts(p, &p->readings[q]);
        reading_relations(p, &p->readings[q]);
    }
    constraints_read(p);
}
