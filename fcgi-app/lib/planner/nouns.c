/* Entities from the parse: which head nouns of a reading are tables (WordNet's class of the
 * noun and its role in the clause), compounds ("time slots"), and columns named by a noun. */
#include "planner/plan.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Is every occurrence of the word at token m followed by the word at token h? */
static bool always_together(const struct plan *p, int m, int h)
{
    for (int i = 0; i < p->nt; i++)
        if (p->t[i].kind == T_WORD && strcmp(p->t[i].s, p->t[m].s) == 0 &&
            !(i + 1 < p->nt && strcmp(p->t[i + 1].s, p->t[h].s) == 0))
            return false;
    return true;
}

/* Does a parse read token i as a compound's modifier ("order" of "order lines")? rd: the
 * reading being read, which the map does not give yet. */
static bool compound_modifier(const struct plan *p, const struct reading *rd, int i)
{
    int j = reading_word_of(p, rd, i);
    const struct reading *r = j >= 0 ? rd : reading_of_token(p, i, &j);
    return r && links_linked(r, j, "AN", true, NULL) >= 0;
}

/* Is every occurrence of the word at token h preceded by the word at token m, but where a
 * parse of reading rd or another reads it as a modifier ("purchase orders, order lines")? */
static bool always_preceded(const struct plan *p, const struct reading *rd, int m, int h)
{
    for (int i = 0; i < p->nt; i++)
        if (p->t[i].kind == T_WORD && strcmp(p->t[i].s, p->t[h].s) == 0 &&
            !(i > 0 && strcmp(p->t[i - 1].s, p->t[m].s) == 0) && !compound_modifier(p, rd, i))
            return false;
    return true;
}

/* The subject of passive participle v ("pieces" of "pieces are sold"), or -1. */
static int passive_subject(const struct reading *rd, int v)
{
    /* "are filled from pressings and labelled with a vintage": the parse attaches "with" to
     * the "and" of two participles, which the auxiliary links to */
    int aux = v >= 0 && links_linked(rd, v, "VJr", true, NULL) >= 0
                  ? links_linked(rd, v, "P", false, NULL)
                  : -1;
    if (aux >= 0)
        return links_clause_subject(rd, aux);
    aux = v >= 0 && links_passive_participle(rd, v) ? links_linked(rd, v, "P", false, NULL) : -1;
    return aux >= 0 ? links_clause_subject(rd, aux) : -1;
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
        int nm = links_members(rd, l->r, m, PARSE_MAX_WORDS);
        for (int q = 0; q < nm; q++)
            in |= m[q] == j;
        if (!in)
            continue;
        const struct tok *h = &p->t[rd->tok[holder]];
        if (l->label[0] == 'J' && strcmp(h->w, "with") == 0) {
            /* "pieces are sold at markets with a sale price": the rows a passive verb keeps
             * with them, before the noun "with" also follows */
            int x = passive_subject(rd, links_linked(rd, holder, "MV", false, NULL));
            if (x < 0)
                x = links_linked(rd, holder, "Mp", false, NULL);
            if (x >= 0 && columns_rows_of_one(p, rd, x) >= 0)
                return columns_rows_of_one(p, rd, x);
            int xm[PARSE_MAX_WORDS];
            int nx = x >= 0 ? links_members(rd, x, xm, PARSE_MAX_WORDS) : 0;
            if (nx > 0 && rd->ent[xm[nx - 1]] >= 0)
                return rd->ent[xm[nx - 1]];
        }
        if (l->label[0] == 'O' && words_in(h->w, words_have_verbs)) {
            /* also the second of two verbs ("belongs to a building and has a ...") */
            int sj = links_clause_subject(rd, holder);
            int sm[PARSE_MAX_WORDS];
            int ns = sj >= 0 ? links_members(rd, sj, sm, PARSE_MAX_WORDS) : 0;
            if (ns == 1 && rd->ent[sm[0]] >= 0)
                return rd->ent[sm[0]];
        }
    }
    return -1;
}

/* "specimens are filed by cabinet and drawer", "finds are catalogued by trench and layer":
 * bare singulars after "by" that follow a passive verb of keeping things in order name
 * where the rows are kept, one row of each for many ("paid by card" says how: no table).
 * The passive participle, or -1. */
static int arranged_by(const struct plan *p, const struct reading *rd, int j)
{
    static const char *const arranging[] = {
        "store",   "file",  "catalogue", "catalog", "sort",   "group", "organize", "organise",
        "arrange", "index", "classify",  "keep",    "shelve", "house", NULL};
    if (links_linked(rd, j, "D", false, NULL) >= 0 || tokens_is_plural(&p->t[rd->tok[j]]))
        return -1;
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        int m[PARSE_MAX_WORDS], v;
        char lemma[48];
        if (l->label[0] != 'J' || !tokens_is_word(p, rd->tok[l->l], "by") ||
            (v = links_linked(rd, l->l, "MV", false, NULL)) < 0 ||
            !links_passive_participle(rd, v) ||
            !lexicon_verb_lemma(p->t[rd->tok[v]].w, lemma, sizeof(lemma)) ||
            !words_in(lemma, arranging))
            continue;
        int nm = links_members(rd, l->r, m, PARSE_MAX_WORDS);
        for (int q = 0; q < nm; q++)
            if (m[q] == j)
                return v;
    }
    return -1;
}

/* The rows "filed by cabinet" refer to the cabinet they are kept in (word j's entity k). */
static void arranged_relation(struct plan *p, const struct reading *rd, int j, int k)
{
    int x = passive_subject(rd, arranged_by(p, rd, j));
    int m[PARSE_MAX_WORDS];
    int nm = x >= 0 ? links_members(rd, x, m, PARSE_MAX_WORDS) : 0;
    for (int q = 0; q < nm; q++)
        if (rd->ent[m[q]] >= 0)
            relations_add(p, rd->ent[m[q]], k, "set_null", rd->tok[m[q]], rd->tok[j] + 1);
}

/* "each class has a teacher", "every team": a singular noun counted one by one is a row
 * of a table, even a word for a group, which uncounted names the product. */
static bool counted_each(const struct plan *p, const struct reading *rd, int j)
{
    int d = links_linked(rd, j, "D", false, NULL);
    return d >= 0 && tokens_word_in(p, rd->tok[d], (const char *const[]){"each", "every", NULL});
}

/* "each organ is installed in a church", "every player is in a team": one group that a row
 * counted by each/every is put in, by its verb or a copula, is a row of its own. The verb
 * is found from the preposition (MV, Pp) back through a passive (Pv) to its subject. */
static bool placed_in_one(const struct plan *p, const struct reading *rd, int j)
{
    int prep = links_linked(rd, j, "J", false, NULL);
    if (prep < 0 || !links_one_of_many(p, rd, j) ||
        !tokens_word_in(p, rd->tok[prep], (const char *const[]){"in", "at", "within", NULL}))
        return false;
    int v = links_linked(rd, prep, "MV", false, NULL);
    if (v < 0)
        v = links_linked(rd, prep, "Pp", false, NULL);
    for (int up = v >= 0 ? links_linked(rd, v, "P", false, NULL) : -1; up >= 0;
         up = links_linked(rd, v, "P", false, NULL))
        v = up;
    int x = v >= 0 ? links_clause_subject(rd, v) : -1;
    return x >= 0 && counted_each(p, rd, x);
}

/* "a crew of porters is assigned to each move": a group that a clause (through a passive
 * too) relates by a preposition to a row counted one by one is one row of many. */
static bool given_to_each(const struct plan *p, const struct reading *rd, int j)
{
    int v = -1;
    for (int k = 0; k < rd->r.nlinks && v < 0; k++)
        if (rd->r.links[k].l == j && links_is_subject(rd->r.links[k].label))
            v = rd->r.links[k].r;
    for (int down; v >= 0 && (down = links_linked(rd, v, "P", true, NULL)) >= 0;)
        v = down;
    for (int k = 0; v >= 0 && k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        int y = l->l == v && links_label_is(l->label, "MV")
                    ? links_linked(rd, l->r, "J", true, NULL)
                    : -1;
        int m[PARSE_MAX_WORDS];
        int nm = y >= 0 ? links_members(rd, y, m, PARSE_MAX_WORDS) : 0;
        for (int q = 0; q < nm; q++)
            if (counted_each(p, rd, m[q]))
                return true;
    }
    return false;
}

/* "members book a court", "customers reserve a table": what a verb that makes a record of
 * two rows (a join verb: book, reserve, rent, borrow...) takes, counted by "a" or a mass
 * noun, is one row of many, even a word for a group (WordNet's first "court" is one). */
static bool joined_object(const struct plan *p, const struct reading *rd, int j)
{
    char record[NAME_MAX_];
    int v = links_linked(rd, j, "O", false, NULL);
    return v >= 0 && links_one_row_each(p, rd, j) && links_clause_subject(rd, v) >= 0 &&
           entities_join_record(p->t[rd->tok[v]].w, record, sizeof(record));
}

/* "members book a court for a time slot", "players submit scores for a game": what "for"
 * points at is a row when a row of the prompt's tables, or a verb whose subject is one,
 * wants it; "a backend for a bakery" is what the product is for (no table says it). */
static bool for_row(const struct plan *p, const struct reading *rd, int j)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        int m[PARSE_MAX_WORDS], x;
        if (l->label[0] != 'J' || !tokens_is_word(p, rd->tok[l->l], "for"))
            continue;
        int nm = links_members(rd, l->r, m, PARSE_MAX_WORDS);
        bool in = false;
        for (int q = 0; q < nm; q++)
            in |= m[q] == j;
        /* the noun "for" modifies (Mp), or the subject of the verb it modifies (MVp) */
        int from = 0, by;
        while (in && (by = links_linked(rd, l->l, "M", false, &from)) >= 0) {
            bool verb = links_label_is(rd->r.links[from - 1].label, "MV");
            /* "Track packages for an online store": the object of an imperative is no row
             * that asks for it */
            int v = verb ? -1 : links_linked(rd, by, "O", false, NULL);
            x = verb ? links_clause_subject(rd, by) : by;
            if (x >= 0 && rd->ent[x] >= 0 && (v < 0 || links_clause_subject(rd, v) >= 0))
                return true;
        }
    }
    return false;
}

bool nouns_one_row(const struct plan *p, const struct reading *rd, int j)
{
    return arranged_by(p, rd, j) >= 0 || joined_object(p, rd, j) || placed_in_one(p, rd, j) ||
           (for_row(p, rd, j) && links_one_of_many(p, rd, j));
}

/* "each hose, ladder and breathing set has ...": a member of a list that is a clause's
 * subject, when "each"/"every" counts one of its members, is counted too. */
static bool counted_list_member(const struct plan *p, const struct reading *rd, int j)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        if (!links_is_subject(rd->r.links[k].label))
            continue;
        int m[PARSE_MAX_WORDS];
        int nm = links_members(rd, rd->r.links[k].l, m, PARSE_MAX_WORDS);
        bool in = false, each = false;
        for (int q = 0; q < nm; q++) {
            int d = links_linked(rd, m[q], "D", false, NULL);
            in |= m[q] == j;
            /* "each" right before the member ("each beehive's location, ..." counts none) */
            each |= d >= 0 && rd->tok[d] + 1 == rd->tok[m[q]] &&
                    tokens_word_in(p, rd->tok[d], (const char *const[]){"each", "every", NULL});
        }
        if (nm > 1 && in && each)
            return true;
    }
    return false;
}

/* "accepted jobs are assigned a crew", "tickets are given an agent": is word j an object of
 * a passive participle counted by "a", "an" or "one" (what each of the subject's rows gets
 * one of, a row of its own)? */
static bool given_one(const struct plan *p, const struct reading *rd, int j)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        int m[PARSE_MAX_WORDS];
        if (l->label[0] != 'O' || !links_passive_participle(rd, l->l))
            continue;
        int nm = links_members(rd, l->r, m, PARSE_MAX_WORDS);
        for (int q = 0; q < nm; q++)
            if (m[q] == j && links_one_of_many(p, rd, j))
                return true;
    }
    return false;
}

/* Does a column named `word` get a type of its own from its name ("cost": money, "date")? */
static bool typed_by_name(const char *word)
{
    struct field f = {.type = NULL};
    snprintf(f.name, sizeof(f.name), "%s", word);
    fields_infer_type(&f);
    return strcmp(f.type, "string") != 0 && strcmp(f.type, "text") != 0;
}

/* "hold a qualification with an expiry date", "a damage report with a repair cost": is word
 * w a "with" whose object is a column (a noun WordNet files under attributes, quantities or
 * times, or one whose name gives the column a type: money, a date, a count)? What it
 * modifies has columns of its own, so is a row, not a value. */
static bool with_column(const struct plan *p, const struct reading *rd, int w)
{
    struct lex_noun ln;
    int o = tokens_is_word(p, rd->tok[w], "with") ? links_linked(rd, w, "J", true, NULL) : -1;
    /* "a permit with a permit number and an expiry date": any member of a list */
    int m[PARSE_MAX_WORDS];
    int nm = o >= 0 ? links_members(rd, o, m, PARSE_MAX_WORDS) : 0;
    for (int q = 0; q < nm; q++) {
        const struct tok *t = &p->t[rd->tok[m[q]]];
        if ((lexicon_noun(t->w, &ln) && ln.kind == LEX_FIELD) || typed_by_name(t->s))
            return true;
    }
    return false;
}

/* "attendance at each rehearsal is taken", "feedback on each session is collected": a
 * subject without an article that WordNet files as a record (an act, event or
 * communication), said of a row counted one by one, is a record of each. */
static bool record_of_each(const struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    int prep = links_linked(rd, j, "Mp", true, NULL);
    int y = prep >= 0 ? links_prep_object(p, rd, prep) : -1;
    return y >= 0 && links_linked(rd, j, "S", true, NULL) >= 0 &&
           links_linked(rd, j, "D", false, NULL) < 0 && counted_each(p, rd, y) &&
           lexicon_noun(p->t[rd->tok[j]].w, &ln) && ln.record;
}

/* A singular noun is a table when the clause relates it: a subject ("each walk is ..."),
 * or what a passive or a place points at ("booked by a client", "is in a room"), or what
 * has columns "with" it ("a qualification with an expiry date"), with an article that
 * counts it. An object ("returns a random joke") or what a product is for
 * ("for a climbing gym") is not. */
/* Does the prompt say the word s in the plural anywhere? */
static bool said_in_plural(const struct plan *p, const char *s)
{
    for (int i = 0; i < p->nt; i++)
        if (p->t[i].kind == T_WORD && strcmp(p->t[i].s, s) == 0 && tokens_is_plural(&p->t[i]))
            return true;
    return false;
}

/* "translators have a rate per word": after an amount (WordNet's money, measure or time), a
 * word after "per" that the prompt never says in the plural is the amount's unit, no row
 * ("a cost per pupil ... pupils have a form", "donations per donor" count rows). */
static bool amount_per(const struct plan *p, const struct reading *rd, int j, int per)
{
    /* the word before it: the parse may hang "per" on a list's conjunction */
    int before = rd->tok[per] - 1;
    return before >= 0 && p->t[before].kind == T_WORD &&
           lexicon_noun_amount(p->t[before].w) != LEX_AMOUNT_NONE &&
           !said_in_plural(p, p->t[rd->tok[j]].s);
}

/* "each dive is led by one instructor and uses one boat": the dictionary may join a
 * participle and a verb under the auxiliary ("is" -Pg- "and"), the object hanging on the
 * "and"; the verb is the conjunction's second (VJr), the subject the auxiliary's. */
static int joined_verb_subject(const struct reading *rd, int v, int *verb)
{
    int second = links_linked(rd, v, "VJr", true, NULL);
    int aux = second >= 0 ? links_linked(rd, v, "P", false, NULL) : -1;
    *verb = second >= 0 ? second : v;
    return aux >= 0 ? links_clause_subject(rd, aux) : -1;
}

/* "each crossing uses one vessel", "each roast uses one bean lot": an object that "one"
 * (determiner d) counts, of a verb (v; not one of having: "a hut has one stove" is a
 * column's) whose subject is a row counted one by one, is one row of many. */
static bool one_picked(const struct plan *p, const struct reading *rd, int d, int v)
{
    int x = links_clause_subject(rd, v), verb = v;
    if (x < 0)
        x = joined_verb_subject(rd, v, &verb);
    int xd = x >= 0 ? links_linked(rd, x, "D", false, NULL) : -1;
    return tokens_is_word(p, rd->tok[d], "one") &&
           !tokens_word_in(p, rd->tok[verb], words_have_verbs) && xd >= 0 &&
           tokens_word_in(p, rd->tok[xd], (const char *const[]){"a", "an", "each", "every", NULL});
}

static bool singular_thing(const struct plan *p, const struct reading *rd, int j)
{
    if (links_counted_possessor(p, rd->tok[j]) || nouns_one_row(p, rd, j) ||
        counted_list_member(p, rd, j) || record_of_each(p, rd, j) || given_one(p, rd, j))
        return true;
    int per = links_linked(rd, j, "U", false, NULL);
    if (per >= 0 && tokens_is_word(p, rd->tok[per], "per"))
        return !amount_per(p, rd, j, per); /* "per donor": "per" counts it as an article does */
    /* "the warden of each hut": one for each row of another table */
    int of = links_linked(rd, j, "M", true, NULL);
    if (of >= 0 && tokens_is_word(p, rd->tok[of], "of") &&
        counted_each(p, rd, links_linked(rd, of, "J", true, NULL)))
        return true;
    int d = links_linked(rd, j, "D", false, NULL);
    if (d < 0 || !tokens_word_in(p, rd->tok[d],
                                 (const char *const[]){"a", "an", "each", "every", "one",
                                                       "another", "which", "any", NULL}))
        return false;
    bool which = tokens_is_word(p, rd->tok[d], "which");
    /* "for every vessel", "of each page": counted one by one, after any preposition */
    bool each = tokens_word_in(p, rd->tok[d], (const char *const[]){"each", "every", NULL});
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (l->l == j && (links_is_subject(l->label) ||
                          (links_label_is(l->label, "Mp") && with_column(p, rd, l->r))))
            return true;
        if (each && l->r == j && l->label[0] == 'J')
            return true; /* "for every vessel" */
        /* "which room", "masters host each game": one of many, unlike "returns a joke" */
        if ((which || each) && l->r == j && l->label[0] == 'O')
            return true;
        if (l->r == j && l->label[0] == 'O' && one_picked(p, rd, d, l->l))
            return true;
        if (l->r == j && l->label[0] == 'J' &&
            tokens_word_in(p, rd->tok[l->l],
                           (const char *const[]){"by", "in", "on", "at", "with", "per", "from",
                                                 "to", "into", "within", "during", NULL}))
            return true;
        /* "sightings of a bird": many rows of one (not "a list of a ...", singular) */
        int m;
        if (l->r == j && l->label[0] == 'J' && tokens_is_word(p, rd->tok[l->l], "of") &&
            (m = links_linked(rd, l->l, "M", false, NULL)) >= 0 &&
            tokens_is_plural(&p->t[rd->tok[m]]))
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
        if (l->l == j && links_is_subject(l->label) &&
            tokens_word_in(p, rd->tok[l->r],
                           (const char *const[]){"need", "needs", "want", "wants", NULL}) &&
            tokens_is_word(p, rd->tok[l->r] + 1, "to"))
            return true;
    }
    return false;
}

/* "a word count per chapter", "a fee per hour": a singular noun counted by an article, one
 * for each thing "per" names, is a value, not a table ("donations per donor" are rows). */
static bool column_per_row(const struct plan *p, const struct reading *rd, int j)
{
    int w = links_linked(rd, j, "Mp", true, NULL);
    int y =
        w >= 0 && tokens_is_word(p, rd->tok[w], "per") ? links_linked(rd, w, "U", true, NULL) : -1;
    return y >= 0 && !tokens_is_plural(&p->t[rd->tok[y]]) &&
           !tokens_is_plural(&p->t[rd->tok[j]]) && links_linked(rd, j, "D", false, NULL) >= 0;
}

/* "species live in enclosures": a noun whose plural is its singular is plural when the
 * parse makes it a plural subject ("Sp"). */
static bool plural_subject(const struct reading *rd, int j)
{
    for (int k = 0; k < rd->r.nlinks; k++)
        if (rd->r.links[k].l == j && links_label_is(rd->r.links[k].label, "Sp"))
            return true;
    return false;
}

/* "groups book rooms", "members create lists", "rooms are booked by groups": a plural word
 * for a collection that a verb takes as its subject, object or passive's agent, with no "of"
 * after it ("groups of visitors"), names rows of its own. */
static bool collective_rows(const struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    if (!words_in(p->t[i].w, words_collective) || !tokens_is_plural(&p->t[i]) ||
        tokens_is_word(p, i + 1, "of"))
        return false;
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if ((l->l == j && links_is_subject(l->label)) || (l->r == j && l->label[0] == 'O'))
            return true;
    }
    int by = links_linked(rd, j, "J", false, NULL);
    int v = by >= 0 && tokens_is_word(p, rd->tok[by], "by")
                ? links_linked(rd, by, "MV", false, NULL)
                : -1;
    return v >= 0 && links_passive_participle(rd, v);
}

/* "Roles have a name and a description": a word that names the product's plumbing in a
 * wish ("with roles and permissions") is a table of its own when it is the subject of a verb
 * of having with an object, or counted one by one ("each role"). */
static bool has_columns(const struct plan *p, const struct reading *rd, int j)
{
    int v = links_linked(rd, j, "S", true, NULL);
    return counted_each(p, rd, j) || (v >= 0 && tokens_word_in(p, rd->tok[v], words_have_verbs) &&
                                      links_linked(rd, v, "O", true, NULL) >= 0);
}

/* "Each person has a birth date", "a sample has a concentration", "each lot has a low
 * estimate": a plural subject, or a singular one that an article or each/every counts, of a
 * verb of having with an object, is a row with columns of its own, whatever WordNet files its
 * first senses under (a person is one of WordNet's tops, a sample a cognition, a lot a quantity)
 * and even when the word alone is too vague to be a table ("the backend has ..." counts nothing).
 */
static bool counted_holder(const struct plan *p, const struct reading *rd, int j)
{
    /* "a deployment has ...": the parse may leave the article right before it unlinked */
    int d = links_linked(rd, j, "D", false, NULL);
    int at = d >= 0 ? rd->tok[d] : rd->tok[j] - 1;
    int v = links_linked(rd, j, "S", true, NULL);
    /* "Marriages link two people and have a wedding date": the subject links to the "and"
     * of two verbs; the second is the one of having */
    int second = v >= 0 ? links_linked(rd, v, "VJr", true, NULL) : -1;
    if (second >= 0)
        v = second;
    int o = v >= 0 ? links_linked(rd, v, "O", true, NULL) : -1;
    /* "an owner has a login": what the product's accounts have is no row's column */
    /* "Controls have a code and a grid reference": rows in the plural, any article */
    bool plural = tokens_is_plural(&p->t[rd->tok[j]]);
    return o >= 0 && !tokens_is_stop_noun(&p->t[rd->tok[o]]) &&
           (plural ||
            tokens_word_in(p, at,
                           (const char *const[]){"a", "an", "each", "every", "one", NULL})) &&
           tokens_word_in(p, rd->tok[v], words_have_verbs) &&
           !words_in(p->t[rd->tok[j]].w, words_app_nouns);
}

/* Does a member of object o name a column ("a name", "a phone number", "an expiry date":
 * words_field_heads, WordNet's attributes, quantities and times, or a name that types it)? */
static bool names_a_column(const struct plan *p, const struct reading *rd, int o)
{
    struct lex_noun ln;
    int m[PARSE_MAX_WORDS];
    int nm = o >= 0 ? links_members(rd, o, m, PARSE_MAX_WORDS) : 0;
    for (int q = 0; q < nm; q++) {
        const struct tok *t = &p->t[rd->tok[m[q]]];
        if (words_in(t->w, words_field_heads) || typed_by_name(t->s) ||
            (lexicon_noun(t->w, &ln) && ln.kind == LEX_FIELD))
            return true;
    }
    return false;
}

/* Does verb v give its subject columns: "have a name", "register with a name"? */
static bool verb_gives_columns(const struct plan *p, const struct reading *rd, int v)
{
    if (tokens_word_in(p, rd->tok[v], words_have_verbs) &&
        names_a_column(p, rd, links_linked(rd, v, "O", true, NULL)))
        return true;
    int from = 0, w;
    while ((w = links_linked(rd, v, "MV", true, &from)) >= 0)
        if (tokens_is_word(p, rd->tok[w], "with") &&
            names_a_column(p, rd, links_linked(rd, w, "J", true, NULL)))
            return true;
    return false;
}

/* "Owners register with a name and enter their cars", "brought in by owners, who have a
 * name and a phone number": people in the plural that would be the product's accounts
 * (words_stop_nouns: "owners"), given columns of their own by their clause or a relative
 * one, are rows of a table of their own where no one signs in (with sign-in they are the
 * accounts). */
static bool described_people(const struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    const struct tok *t = &p->t[rd->tok[j]];
    if (p->auth || !tokens_is_plural(t) || !lexicon_noun(t->w, &ln) || !ln.person)
        return false;
    int who = links_linked(rd, j, "MX", true, NULL);
    int v = links_linked(rd, who >= 0 ? who : j, "S", true, NULL);
    if (v < 0)
        return false;
    /* "register with a name and enter their cars": the subject links to the "and" */
    int verbs[3] = {v, links_linked(rd, v, "VJl", false, NULL),
                    links_linked(rd, v, "VJr", true, NULL)};
    for (int q = 0; q < 3; q++)
        if (verbs[q] >= 0 && verb_gives_columns(p, rd, verbs[q]))
            return true;
    return false;
}

/* "for each board result we store the contract, tricks and the score": what "for" and
 * each/every point at, in a clause whose verb keeps an object (store, record, log ...), is a
 * row with those columns, whatever WordNet files it under (a result is a phenomenon). */
static bool kept_for_each(const struct plan *p, const struct reading *rd, int j)
{
    int f = links_linked(rd, j, "J", false, NULL);
    if (f < 0 || !tokens_is_word(p, rd->tok[f], "for") || !counted_each(p, rd, j))
        return false;
    for (int v = 0; v < rd->n; v++)
        if (rd->r.pos[v] == 'v' && tokens_word_in(p, rd->tok[v], words_list_verbs) &&
            links_linked(rd, v, "O", true, NULL) >= 0)
            return true;
    return false;
}

/* "each deceased person's service is held", "every site has a manager": a product word whose
 * plural names rows (words_plural_rows) names one when "each"/"every" counts it. */
static bool counted_product_row(const struct plan *p, const struct reading *rd, int j)
{
    char plural[WORD_MAX + 8];
    return counted_each(p, rd, j) &&
           inflect_plural(p->t[rd->tok[j]].s, plural, sizeof(plural)) == 0 &&
           words_in(plural, words_plural_rows);
}

/* "over 15 knots": a plural after a number, one of whose senses is a unit */
static bool counted_unit(const struct plan *p, int i)
{
    return i > 0 && i < p->nt && tokens_is_number(p->t[i - 1].w) && tokens_is_plural(&p->t[i]) &&
           lexicon_noun_measures(p->t[i].w);
}

/* "a wind speed in knots", "a wingspan in metres": a plural noun right after an "in" that
 * follows a column an article counts (WordNet's attributes and quantities) is the unit the
 * column is measured in, whatever WordNet files the unit's first sense under ("knot" is a
 * group), when the prompt says it only there; without the article ("wave height in feet")
 * when a sense of the noun is a unit. By position: the parser reads "a wind speed in knots"
 * as "wind" speeding knots. */
static bool measured_in(const struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    int i = rd->tok[j];
    /* "a size in square feet", "a volume in cubic metres": an adjective (A) before the unit */
    bool adjective = false;
    for (int k = 0; k < rd->r.nlinks; k++)
        adjective |= rd->r.links[k].r == j && rd->r.links[k].l == j - 1 &&
                     rd->tok[j - 1] == i - 1 && strcmp(rd->r.links[k].label, "A") == 0;
    int u = adjective ? i - 1 : i;
    int c = u - 2,
        d = tokens_is_word(p, c - 1, "a") || tokens_is_word(p, c - 1, "an") ? c - 1 : c - 2;
    return c > 0 && tokens_is_word(p, u - 1, "in") && tokens_is_plural(&p->t[i]) &&
           links_head_count(p, p->t[i].s) == 1 &&
           (tokens_word_in(p, d, words_indefinite) || lexicon_noun_measures(p->t[i].w)) &&
           lexicon_noun(p->t[c].w, &ln) && ln.kind == LEX_FIELD;
}

/* "a price in pounds per kilo": a word inside a unit the field words know, said after "in" */
static bool inside_known_unit(const struct plan *p, int i)
{
    for (int in = i - 1; in >= 0 && in >= i - 4; in--)
        if (tokens_is_word(p, in, "in"))
            return in + fields_unit_words(p, in + 1) >= i;
    return false;
}

/* Is head noun word j the unit a column is measured in, or a number of such units ("over 15
 * knots")? A unit names no row. */
static bool unit_of_column(const struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    return counted_unit(p, i) || measured_in(p, rd, j) || inside_known_unit(p, i);
}

/* "a start and end date": a singular noun right before "and"/"or" and a compound's modifier
 * whose head is a column (WordNet's attributes, quantities, times) modifies that head too,
 * as the second word does; it names no row. */
static bool shares_column_head(const struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    int i = rd->tok[j];
    if (!tokens_word_in(p, i + 1, (const char *const[]){"and", "or", NULL}))
        return false;
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (links_label_is(l->label, "AN") && rd->tok[l->l] == i + 2 && rd->tok[l->r] == i + 3 &&
            lexicon_noun(p->t[i + 3].w, &ln) && ln.kind == LEX_FIELD)
            return true;
    }
    return false;
}

/* "runs scored, balls faced and how out", "with overs, maidens and wickets taken": a bare
 * plural (no article) that opens a list item after a comma, a colon or "with" and is
 * followed by an inflected verb (a participle: "faced", "taken") ending the item is a count
 * named by the two words, a column; not when a clause goes on ("dogs registered by
 * breeders"). */
static bool counted_by_participle(const struct plan *p, const struct reading *rd, int j)
{
    static const char *const ends[] = {"and", "or", "from", "between", NULL};
    char lemma[WORD_MAX];
    int i = rd->tok[j], v = i + 1;
    /* "a duration in minutes and any concerns raised": past "any" (a closed-class quantifier)
     * "and" opens the list's last item too */
    int o = i - 1 - tokens_is_word(p, i - 1, "any");
    bool opens =
        o >= 0 && (p->t[o].kind == T_COMMA || p->t[o].kind == T_COLON ||
                   tokens_is_word(p, o, "with") || (o < i - 1 && tokens_is_word(p, o, "and")));
    bool ended = v + 1 >= p->nt || p->t[v + 1].kind != T_WORD || tokens_word_in(p, v + 1, ends);
    int w = reading_word_of(p, rd, v);
    return opens && ended && tokens_is_plural(&p->t[i]) && w >= 0 && rd->r.pos[w] == 'v' &&
           lexicon_verb_lemma(p->t[v].w, lemma, sizeof(lemma)) && strcmp(lemma, p->t[v].w) != 0;
}

/* "and whether a dog is coming": the subject of a yes-or-no question, said only there, is
 * what a boolean column asks about, not a row. */
static bool asked_whether(const struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j], d = links_linked(rd, j, "D", false, NULL);
    int before = d >= 0 ? rd->tok[d] - 1 : i - 1;
    return tokens_is_word(p, before, "whether") && links_linked(rd, j, "S", true, NULL) >= 0 &&
           links_head_count(p, p->t[i].s) == 1;
}

/* "a time slot of morning or afternoon", "a tier of jackpot, match 5 or match 3", "a format,
 * either limited overs or timed": is token i the start of a choice of bare words (no
 * article; an item of at most two words, a number among them; no plural, but after "either")
 * that ends in "or" and one more item? Rows would be counted or said in the plural; bare
 * words offered as one of them are a column's values. */
static bool bare_choice(const struct plan *p, int i)
{
    bool or = false, either = tokens_is_word(p, i, "either");
    int words = 0;
    for (int q = i + either; q < p->nt && q < i + 24; q++) {
        const struct tok *t = &p->t[q];
        bool ends = t->kind != T_WORD || tokens_is_word(p, q, "and");
        if (words > 0 && or &&ends)
            return true; /* the item after "or" ends the list */
        if (words > 0 && (t->kind == T_COMMA || tokens_is_word(p, q, "or"))) {
            or |= t->kind == T_WORD;
            words = 0;
        } else if (t->kind != T_WORD || words_in(t->w, words_determiners) ||
                   (tokens_is_plural(t) && !either) || ++words > 2)
            return false;
    }
    return false;
}

/* "a decision of approved, refused or withdrawn": "of" before a list of participles or
 * adjectives, or after a singular noun said once its "of" or a comma before a choice of bare
 * words, gives the values of a column; the noun names no rows. */
static bool values_after_of(const struct plan *p, const struct reading *rd, int j)
{
    int i = -1;
    for (int from = 0, of; i < 0 && (of = links_linked(rd, j, "M", true, &from)) >= 0;)
        if (tokens_is_word(p, rd->tok[of], "of"))
            i = rd->tok[of] + 1;
    int w = i >= 0 ? reading_word_of(p, rd, i) : -1;
    bool states = w >= 0 && (rd->r.pos[w] == 'v' || rd->r.pos[w] == 'a') && i + 1 < p->nt &&
                  (p->t[i + 1].kind == T_COMMA ||
                   tokens_word_in(p, i + 1, (const char *const[]){"or", "and", NULL}));
    /* the choice right after the noun's "of" or comma, wherever the parse hangs it ("a date
     * with a time slot of morning or afternoon": the date's) */
    int next = rd->tok[j] + 1;
    const struct tok *t = &p->t[rd->tok[j]];
    bool before_choice =
        tokens_is_word(p, next, "of") ||
        (next < p->nt && p->t[next].kind == T_COMMA && tokens_is_word(p, next + 1, "either"));
    return states || (before_choice && !tokens_is_plural(t) && links_head_count(p, t->s) == 1 &&
                      bare_choice(p, next + 1));
}

/* "each routine is on one apparatus (vault, bars, beam or floor)": a singular noun counted
 * by "a" or "one" and said once, right before a list in parentheses of bare words (no
 * article: "a package (a price and a number of photos)" lists columns), is a column with
 * those values, no row ("rent equipment (masks, markers)" is no count). */
static bool valued_in_parentheses(const struct plan *p, int i)
{
    if (i + 1 >= p->nt || p->t[i + 1].kind != T_LPAREN || tokens_is_plural(&p->t[i]) ||
        !tokens_word_in(p, i - 1, (const char *const[]){"a", "an", "one", NULL}) ||
        links_head_count(p, p->t[i].s) != 1)
        return false;
    bool list = false;
    for (int q = i + 2; q < p->nt && p->t[q].kind != T_RPAREN; q++) {
        if (p->t[q].kind == T_STOP || p->t[q].kind == T_LPAREN ||
            (tokens_word_in(p, q, words_articles) && !constraints_lone_word(p, q)))
            return false;
        list |= p->t[q].kind == T_COMMA ||
                tokens_word_in(p, q, (const char *const[]){"or", "and", NULL});
    }
    return list;
}

/* "for our lettings agency", "a sports club": a noun the parse links as the modifier of a
 * word for a group (WordNet's noun.group, noun.Tops) says what the group does; it names no
 * rows. */
static bool group_trade(const struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    int h = links_linked(rd, j, "AN", true, NULL);
    /* not a possessor the parse links so, nor one counted ("each beehive's location") */
    return h >= 0 && !p->t[rd->tok[j]].poss && links_linked(rd, j, "D", false, NULL) < 0 &&
           lexicon_noun(p->t[rd->tok[h]].w, &ln) && ln.kind == LEX_GROUP &&
           !tokens_is_plural(&p->t[rd->tok[h]]);
}

/* Is there a link between word a and a word of [b, c]? */
static bool linked_to_span(const struct reading *rd, int a, int b, int c)
{
    for (int l = 0; l < rd->r.nlinks; l++) {
        const struct parse_link *k = &rd->r.links[l];
        if ((k->l == a && k->r >= b && k->r <= c) || (k->r == a && k->l >= b && k->l <= c))
            return true;
    }
    return false;
}

/* "a volunteer fixer works on each item": a plural (with the compound's modifiers the parse
 * gives it: "fixer works") right after a singular noun that an article or each/every
 * counts, with no link between the two, is that noun's verb the parser took for a noun,
 * when WordNet knows it as a verb's inflection. */
static bool verb_after_counted_noun(const struct plan *p, const struct reading *rd, int j)
{
    int s = j, i = rd->tok[j];
    while (s > 0 && rd->tok[s - 1] == rd->tok[s] - 1 &&
           links_linked(rd, s - 1, "AN", true, NULL) > s - 1 &&
           links_linked(rd, s - 1, "AN", true, NULL) <= j)
        s--;
    int n = s - 1, d = n >= 0 ? links_linked(rd, n, "D", false, NULL) : -1;
    char lemma[WORD_MAX];
    return d >= 0 && rd->tok[n] == rd->tok[s] - 1 && rd->r.pos[n] == 'n' &&
           !tokens_is_plural(&p->t[rd->tok[n]]) && tokens_is_plural(&p->t[i]) &&
           tokens_word_in(p, rd->tok[d],
                          (const char *const[]){"a", "an", "each", "every", NULL}) &&
           lexicon_verb_lemma(p->t[i].w, lemma, sizeof(lemma)) && strcmp(lemma, p->t[i].w) != 0 &&
           !linked_to_span(rd, n, s, j);
}

/* Is a word of the list word c stands for, other than word j, one WordNet files under
 * columns? */
static bool lists_a_column(const struct plan *p, const struct reading *rd, int c, int j)
{
    struct lex_noun ln;
    int m[PARSE_MAX_WORDS];
    int nm = links_members(rd, c, m, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++)
        if (m[q] != j && lexicon_noun(p->t[rd->tok[m[q]]].w, &ln) && ln.kind == LEX_FIELD)
            return true;
    return false;
}

/* "each application is given a reference, a site address, a type and a target date": a
 * singular noun counted by "a" and said once, whose first sense WordNet files under
 * communications (a written thing, no act: "reference"; not "a crew"), in a list with a noun
 * WordNet files under columns (attributes, times: "date"), is one more column, no row. */
static bool column_in_list(const struct plan *p, const struct reading *rd, int j)
{
    /* the list's conjunction (SJ), or the words the parse sets beside j (MX: "a reference,
     * a site address, ...") with their lists */
    static const char *const joins[] = {"SJ", "MX"};
    struct lex_noun ln;
    const struct tok *t = &p->t[rd->tok[j]];
    int d = links_linked(rd, j, "D", false, NULL);
    if (d < 0 || !tokens_word_in(p, rd->tok[d], words_indefinite) || tokens_is_plural(t) ||
        links_head_count(p, t->s) != 1 || !lexicon_noun(t->w, &ln) || !ln.record || ln.happening)
        return false;
    for (int side = 0; side < 2; side++)
        for (size_t l = 0; l < sizeof(joins) / sizeof(joins[0]); l++)
            for (int from = 0, c; (c = links_linked(rd, j, joins[l], side, &from)) >= 0;)
                if (lists_a_column(p, rd, c, j))
                    return true;
    return false;
}

/* Is head noun word j of the reading a new entity? Fills snake and the note's reason. */
/* "rallies around the Cotswolds": a word capitalized after another word of its sentence that
 * WordNet has only as named instances (one range of hills) names one place, no kind of row;
 * "Judges ..." opening a sentence is still the plural of "judge". */
static bool named_one(const struct plan *p, int i, const struct lex_noun *ln)
{
    return ln->proper && p->t[i].capital && i > 0 && p->t[i - 1].kind == T_WORD;
}

static bool reading_candidate(struct plan *p, struct reading *rd, int j, bool colon_head,
                              char *snake, size_t size, const char **why)
{
    int i = rd->tok[j];
    const struct tok *t = &p->t[i];
    bool holder = counted_holder(p, rd, j) || kept_for_each(p, rd, j);
    bool rows = collective_rows(p, rd, j) || counted_product_row(p, rd, j) || holder ||
                described_people(p, rd, j);
    if (t->used || !t->w[0] || tokens_is_number(t->w) || (tokens_is_stop_noun(t) && !rows) ||
        words_in(t->w, words_user) || (words_in(t->w, words_function) && !rows) ||
        (words_in(t->w, words_non_field_nouns) && !has_columns(p, rd, j)) ||
        words_in(t->w, words_unit_nouns) || words_in(t->w, words_count_nouns) ||
        unit_of_column(p, rd, j) || tokens_quoted(p, i) || entities_example(p, i) ||
        entities_count_only(p, i) || entities_limited_column(p, i) || asked_whether(p, rd, j) ||
        counted_by_participle(p, rd, j) || verb_after_counted_noun(p, rd, j) ||
        group_trade(p, rd, j) || values_after_of(p, rd, j) || valued_in_parentheses(p, i) ||
        column_in_list(p, rd, j) || !(links_has_role(rd, j) || links_counted_possessor(p, i)))
        return false;
    struct lex_noun ln;
    bool known = lexicon_noun(t->w, &ln);
    if (known && named_one(p, i, &ln))
        return false;
    const char *lemma = known ? ln.lemma : t->s;
    /* WordNet knows "celsius" is no plural */
    bool plural =
        known ? strcmp(ln.lemma, t->w) != 0 || plural_subject(rd, j) : tokens_is_plural(t);
    enum lex_kind kind = known ? ln.kind : LEX_UNKNOWN;
    bool holds_columns = holder && kind != LEX_THING;
    /* "each room type has a price", "membership levels": kinds of a thing, rows of a
     * table of their own when counted */
    if ((rd->mod[j] >= 0 && words_in(t->s, words_value_heads) &&
         (plural || counted_each(p, rd, j))) ||
        holder)
        kind = LEX_THING;
    /* "a wiki: pages ...", "Fleet log: ...", "a reports app": the product; but not what a
     * heading counts rows by ("Donations per donor: ...") */
    if ((colon_head && !plural && !tokens_is_word(p, i - 1, "per")) ||
        tokens_word_in(p, i + 1, words_app_nouns))
        return false;
    bool counted_group = kind == LEX_GROUP && (counted_each(p, rd, j) || joined_object(p, rd, j) ||
                                               given_one(p, rd, j) || placed_in_one(p, rd, j) ||
                                               given_to_each(p, rd, j));
    if (kind == LEX_FIELD || (kind == LEX_GROUP && !plural && !counted_group))
        return false;
    /* "records distance": a verb the parser took for a noun; not a plural subject the parse
     * links to its verb ("Hosts manage rooms") */
    if ((words_in(t->w, words_list_verbs) || words_in(t->w, words_have_verbs)) &&
        links_linked(rd, j, "D", false, NULL) < 0 && tokens_is_content(p, i + 1) &&
        !plural_subject(rd, j))
        return false;
    /* "A callout is for one pest type ... On every visit for a callout": a word WordNet does
     * not know, said again, in a role that counts it as a row */
    bool unknown_row = !known && !t->capital && links_head_count(p, t->s) >= 2;
    if (!plural && (!((kind == LEX_THING || counted_group || unknown_row) &&
                      (holder || singular_thing(p, rd, j))) ||
                    column_per_row(p, rd, j) || shares_column_head(p, rd, j)))
        return false;
    if (known && ln.person && voices_need(p, rd, j))
        return false;
    *why = holds_columns       ? "the clause gives it columns of its own"
           : kind == LEX_THING ? "WordNet files it under things a backend stores"
           : kind == LEX_GROUP ? (plural ? "a group the prompt counts in the plural"
                                         : "a group word counted as one row of many")
           : plural            ? "a plural noun WordNet does not know"
                               : "a noun WordNet does not know, counted as a row";
    char phrase[WORD_MAX * 2 + 2];
    int m = rd->mod[j];
    if (m >= 0)
        snprintf(phrase, sizeof(phrase), "%s %s", p->t[m].w, lemma);
    else
        snprintf(phrase, sizeof(phrase), "%s", lemma);
    return inflect_snake(phrase, snake, size) == 0 && snake[0] &&
           isalpha((unsigned char)snake[0]) && strlen(snake) <= 48;
}

/* "visitors bring broken items": a word the parse links to the next as an adjective ("A"),
 * a participle or an adjective (not a noun: "board games"), where WordNet knows no noun of
 * the two words, describes the rows rather than naming a kind of them; so does one WordNet
 * knows as a noun too but uses more as an adjective or a verb ("local growers", "found
 * items": the noun "local" is a train, "found" board and lodging). */
static bool describing_word(const struct plan *p, const struct reading *rd, int j)
{
    char both[WORD_MAX * 2 + 2];
    struct lex_noun ln;
    const struct tok *m = &p->t[rd->tok[j]], *h = &p->t[rd->tok[j + 1]];
    bool a = false;
    for (int k = 0; k < rd->r.nlinks; k++)
        a |= rd->r.links[k].l == j && rd->r.links[k].r == j + 1 &&
             strcmp(rd->r.links[k].label, "A") == 0;
    snprintf(both, sizeof(both), "%s_%s", m->w, h->s);
    return a && (rd->r.pos[j] == 'v' || rd->r.pos[j] == 'a') && !lexicon_noun(both, &ln) &&
           (!lexicon_noun(m->w, &ln) || lexicon_usual_pos(m->w) != 'n');
}

/* "the number of meals served": a plural right after "of" is the preposition's object, and a
 * participle after it a reduced relative clause ("meals that were served"), never a clause's
 * subject and verb, whatever the parse links. */
static bool of_object(const struct plan *p, int x)
{
    return tokens_is_word(p, x - 1, "of");
}

/* "Orienteering events: runners register for courses", "Repair cafe: visitors bring ...":
 * after a heading the phrase rules read a clause's subject and verb as one noun phrase (a
 * column "runners_register", or words of the list's last name). When the parse has the two
 * as subject and verb, that column goes and the words go back to the parse. */
void nouns_clause_in_phrase(struct plan *p, const struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        int x = rd->tok[l->l], v = rd->tok[l->r];
        if (!links_is_subject(l->label) || v != x + 1 || rd->r.pos[l->r] != 'v' || !p->t[x].used ||
            !p->t[v].used || !links_is_noun(p, rd, l->l) || !tokens_is_plural(&p->t[x]) ||
            words_in(p->t[x].w, words_user) || of_object(p, x))
            continue;
        char raw[WORD_MAX * 2 + 2], name[NAME_MAX_];
        bool column = false;
        snprintf(raw, sizeof(raw), "%s %s", p->t[x].w, p->t[v].w);
        size_t nl = inflect_snake(raw, name, sizeof(name)) == 0 ? strlen(name) : 0;
        for (int e = 0; e < p->ne && nl > 0; e++)
            for (int fi = 0; fi < p->e[e].nfields; fi++) {
                const struct field *f = &p->e[e].fields[fi];
                /* "renters_hire_costume": the clause's words, and what follows them */
                if (f->ref < 0 && strncmp(f->name, name, nl) == 0 &&
                    (f->name[nl] == '\0' || f->name[nl] == '_')) {
                    fields_remove(&p->e[e], fi--);
                    column = true;
                }
            }
        /* the rules read the clause ("boards have columns"): the subject names a table */
        if (column || links_entity_of_word(p, x, p->t[x].s) < 0)
            p->t[x].used = p->t[v].used = false;
    }
}

/* "passengers request seats": the rules, without a grammar, read "request seats" as a
 * two-word name; when the parser says its first word is the clause's verb, the entity is
 * named by its head alone ("seat"), and the verb and the noun before it go back to the
 * parser's reading (which finds "passengers" as the verb's subject). */
void nouns_verb_compounds(struct plan *p, const struct reading *rd)
{
    for (int k = 0; k < p->ne; k++) {
        int m = p->e[k].mod_tok;
        for (int j = 0; m >= 0 && j + 1 < rd->n; j++) {
            /* a finite verb, with its subject on the left ("parking spots" is no clause) */
            /* ... or the second of two verbs ("singers belong to sections and attend
             * rehearsals": VJr from the conjunction) */
            if (rd->tok[j] != m || rd->tok[j + 1] != m + 1)
                continue;
            bool verb = rd->r.pos[j] == 'v' && (links_linked(rd, j, "S", false, NULL) >= 0 ||
                                                links_linked(rd, j, "VJr", false, NULL) >= 0);
            /* ... or a preposition whose object the head is ("work through rounds") */
            bool preposition = links_linked(rd, j, "J", true, NULL) == j + 1;
            if (!verb && !preposition && !describing_word(p, rd, j))
                continue;
            const char *why = verb          ? "its first word is the clause's verb"
                              : preposition ? "its first word is a preposition"
                                            : "its first word only describes the rows";
            char head[NAME_MAX_];
            if (inflect_snake(p->t[m + 1].s, head, sizeof(head)) < 0 || !head[0])
                break;
            /* "potters throw pots, and pots are fired": the head is a table already */
            int hk = entities_find(p, head);
            if (hk == k || (hk >= 0 && p->e[hk].dropped))
                break;
            if (hk >= 0)
                entities_merge(p, k, hk, why);
            else
                entities_rename(p, k, head, why);
            p->e[k].mod_tok = -1;
            p->t[m].used = false;
            if (j > 0 && rd->tok[j - 1] == m - 1 &&
                (rd->r.pos[j - 1] == 'n' || rd->r.pos[j - 1] == 'p'))
                p->t[m - 1].used = false;
            break;
        }
    }
}

/* "game masters": the dictionary reads "game" as an adjective ("game for anything"); a word
 * WordNet files under things (not a person: "senior") modifies as a noun does, when WordNet
 * uses it more as a noun ("local growers", "green beans" are described, not kinds). */
static bool thing_noun(const char *w)
{
    struct lex_noun ln;
    return lexicon_noun(w, &ln) && ln.kind == LEX_THING && !ln.person &&
           strcmp(ln.lemma, w) == 0 && lexicon_usual_pos(w) == 'n';
}

/* Compound modifiers: "time" in "time slots" (an AN link from a bare singular noun). */
void nouns_compounds(const struct plan *p, struct reading *rd)
{
    for (int j = 0; j < rd->n; j++) {
        rd->mod[j] = -1;
        rd->ent[j] = -1;
    }
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        int mt = rd->tok[l->l], ht = rd->tok[l->r];
        const struct tok *m = &p->t[mt];
        bool noun_adjective =
            strcmp(l->label, "A") == 0 && rd->r.pos[l->l] == 'a' && thing_noun(m->w);
        if ((!links_label_is(l->label, "AN") && !noun_adjective) || l->r != l->l + 1)
            continue;
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
            !m->w[0] || words_in(m->w, words_list_verbs) ||
            (rd->r.pos[l->l] != 'n' && !noun_adjective) ||
            (!known && lexicon_usual_pos(m->w) == 'a') || /* "local apiaries": described */
            (l->l > 0 &&
             (links_linked(rd, l->l, "AN", false, NULL) >= 0 || rd->r.pos[l->l - 1] == 'n')))
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
            if (!links_is_noun(p, rd, j))
                rd->r.pos[j] = 'n';
        }
    }
    /* "start parking sessions": the parser reads "parking" as the verb's gerund, but a noun
     * that WordNet knows, between a verb and a plural noun, names the kind */
    for (int j = 1; j < rd->n; j++) {
        const struct tok *g = &p->t[rd->tok[j - 1]], *h = &p->t[rd->tok[j]];
        size_t gl = strlen(g->w);
        struct lex_noun ln;
        if (rd->mod[j] >= 0 || !links_is_noun(p, rd, j) || !tokens_is_plural(h) || gl < 6 ||
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

/* Does token sep part two items of a list (a comma, "and", "or")? */
static bool list_separator(const struct plan *p, int sep)
{
    return sep >= 0 && sep < p->nt &&
           (p->t[sep].kind == T_COMMA ||
            tokens_word_in(p, sep, (const char *const[]){"and", "or", NULL}));
}

/* The last word of the list item that ends right before separator token sep, past what it
 * says in parentheses ("a library number (unique)"), or -1. */
static int item_head_before(const struct plan *p, int sep)
{
    int h = sep - 1;
    if (h >= 0 && p->t[h].kind == T_RPAREN)
        while (h >= 0 && p->t[h].kind != T_LPAREN)
            h--;
    h -= h >= 0 && p->t[h].kind == T_LPAREN;
    return h >= 0 && tokens_is_content(p, h) ? h : -1;
}

/* The last word of the list item after separator token sep (maybe ", and"): its content words
 * after an article ("a difficulty grade" from 1 to 6), or -1. */
static int item_head_after(const struct plan *p, int sep)
{
    int q = sep + 1 + (p->t[sep].kind == T_COMMA && list_separator(p, sep + 1));
    q += tokens_word_in(p, q, words_articles);
    int h = -1;
    for (; q < p->nt && tokens_is_content(p, q); q++)
        h = q;
    return h;
}

/* Is word h a column of entity `owner` (its name's last word), a noun WordNet files under
 * columns, or a singular thing no table is named after (a column a later clause reads: "a
 * drinking window")? */
static bool column_word(const struct plan *p, int h, int owner)
{
    struct lex_noun ln;
    const char *w = p->t[h].s;
    if (!tokens_is_plural(&p->t[h]) && entities_find(p, w) < 0 && lexicon_noun(p->t[h].w, &ln) &&
        !ln.person && ln.kind != LEX_GROUP)
        return true;
    size_t wl = strlen(w);
    for (int f = 0; f < p->e[owner].nfields; f++) {
        const char *n = p->e[owner].fields[f].name;
        size_t nl = strlen(n);
        if (p->e[owner].fields[f].ref < 0 && nl >= wl && strcmp(n + nl - wl, w) == 0 &&
            (nl == wl || n[nl - wl - 1] == '_'))
            return true;
    }
    return lexicon_noun(p->t[h].w, &ln) && ln.kind == LEX_FIELD;
}

/* Is word h a singular person (a list item another person said once beside it may be)? */
static bool listed_person(const struct plan *p, int h)
{
    struct lex_noun ln;
    return !tokens_is_plural(&p->t[h]) && lexicon_noun(p->t[h].w, &ln) && ln.person;
}

/* "Pieces are catalogued with a title, a composer, an arranger and a library number": a
 * person counted by "a" at token i (said once), an item of a list between two columns of row
 * `owner` (the rules' text column of a person too), is one more of its columns, the person's
 * name as text; alone ("time slots with a coach", "each class has a teacher") or at either
 * end of a list ("each piece has a composer and a duration") a person is a row of a table of
 * its own.
 * The parse may part such a list anywhere, so the tokens say. */
static bool person_among_columns(const struct plan *p, int i, int owner)
{
    if (!tokens_word_in(p, i - 1, words_indefinite))
        return false;
    int before = list_separator(p, i - 2) ? item_head_before(p, i - 2) : -1;
    int after = list_separator(p, i + 1) ? item_head_after(p, i + 1) : -1;
    /* "an accession number, a donor, a maker, a material": past the other people listed */
    while (after >= 0 && listed_person(p, after) && list_separator(p, after + 1))
        after = item_head_after(p, after + 1);
    for (int a; before >= 0 && listed_person(p, before);) {
        for (a = before; a > 0 && tokens_is_content(p, a - 1); a--)
            ;
        bool counted = tokens_word_in(p, a - 1, words_indefinite);
        before = counted && list_separator(p, a - 2) ? item_head_before(p, a - 2) : -1;
    }
    return before >= 0 && after >= 0 && column_word(p, before, owner) &&
           column_word(p, after, owner);
}

/* "time slots with a coach": the rules made "coach" a text column, but a person is a row of
 * a table of its own that the column refers to. Returns the new entity or -1. */
int nouns_person_column(struct plan *p, const struct reading *rd, int j)
{
    const struct tok *t = &p->t[rd->tok[j]];
    struct lex_noun ln;
    int d = links_linked(rd, j, "D", false, NULL);
    if (tokens_is_plural(t) || d < 0 ||
        !tokens_word_in(p, rd->tok[d], (const char *const[]){"a", "an", "one", NULL}) ||
        words_in(t->w, words_user) || words_in(t->w, words_stop_nouns) ||
        !lexicon_noun(t->w, &ln) || !ln.person || links_head_count(p, t->s) != 1)
        return -1;
    for (int q = 0; q < p->ne; q++) {
        struct entity *e = &p->e[q];
        int fi = e->dropped ? -1 : fields_find(e, t->s);
        if (fi < 0 || strcmp(e->fields[fi].type, "string") != 0)
            continue;
        if (person_among_columns(p, rd->tok[j], q))
            return -1;
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

static bool word_linked(const struct reading *rd, int w)
{
    for (int k = 0; k < rd->r.nlinks; k++)
        if (rd->r.links[k].l == w || rd->r.links[k].r == w)
            return true;
    return false;
}

/* The name of the column noun word j names, with the words in front of it that modify it
 * ("load limit", "a last inspected date": AN and A links to it, "last" too): its first token,
 * or -1 when the parser skipped a word of it. */
static int column_name(const struct plan *p, const struct reading *rd, int j, char *raw,
                       size_t size)
{
    int q = j;
    while (q > 0 && j - q < 3 && rd->tok[q - 1] + 1 == rd->tok[q]) {
        bool mod = false;
        for (int k = 0; k < rd->r.nlinks; k++)
            mod |= rd->r.links[k].l == q - 1 && rd->r.links[k].r == j &&
                   rd->r.links[k].label[0] == 'A';
        if (!mod || !p->t[rd->tok[q - 1]].w[0] || tokens_is_number(p->t[rd->tok[q - 1]].w))
            break;
        q--;
    }
    /* "a bake time": a word of the name the parser skipped; the phrase rules name it */
    if (q > 0 && rd->tok[q - 1] + 1 == rd->tok[q] && rd->r.pos[q - 1] == 0 &&
        tokens_is_content(p, rd->tok[q - 1]) && !word_linked(rd, q - 1))
        return -1;
    size_t n = 0;
    raw[0] = '\0';
    for (int w = q; w <= j; w++) {
        const struct tok *t = &p->t[rd->tok[w]];
        int r = snprintf(raw + n, size - n, "%s%s", n ? " " : "", w == j ? t->s : t->w);
        if (r < 0 || (size_t)r >= size - n)
            break;
        n += (size_t)r;
    }
    return rd->tok[q];
}

/* "each bottle has a vintage, a producer and a drinking window", "each hut has an altitude
 * and a warden": a person a row has one of, in a list of its columns, is a row of a table of
 * its own that the row refers to (as "each class has a teacher" is). Returns that table, or
 * -1 (a person the prompt names more than once is left to the clauses). */
static int held_person(struct plan *p, const struct reading *rd, int j, int owner)
{
    const struct tok *t = &p->t[rd->tok[j]];
    if (!links_one_of_many(p, rd, j) || words_in(t->w, words_user) ||
        words_in(t->w, words_stop_nouns) || links_head_count(p, t->s) != 1 ||
        person_among_columns(p, rd->tok[j], owner))
        return -1;
    int k = entities_add(p, t->s, entities_vocab_named(t->s), rd->tok[j], rd->tok[j] + 1);
    if (k < 0)
        return -1;
    char n[NAME_MAX_], from[SNIPPET_MAX + 8];
    tokens_snippet(p, rd->tok[j], rd->tok[j] + 1, from, sizeof(from));
    notes_add(p, p->guessed, "%s from \"%s\": a person a row has one of, so a table",
              entities_pascal(t->s, n, sizeof(n)), from);
    relations_add(p, owner, k, "set_null", rd->tok[j], rd->tok[j] + 1);
    tokens_mark_used(p, rd->tok[j], rd->tok[j] + 1);
    return k;
}

/* The column of e named `name`, also as fields_add prefixes it with e's own name ("date" of
 * a campaign is campaign_date); -1. */
static int column_named(const struct entity *e, const char *name)
{
    char own[NAME_MAX_ * 2 + 2];
    int fi = fields_find(e, name);
    snprintf(own, sizeof(own), "%s_%s", e->snake, name);
    return fi >= 0 ? fi : fields_find(e, own);
}

/* Moves the columns entity `from_k` got (by name) of the nouns object word y stands for to
 * entity `into`, with what the rules read of them (limits, values); `why` ends the note. */
static void move_named_columns(struct plan *p, const struct reading *rd, int y, int from_k,
                               int into, const char *why)
{
    struct entity *from = &p->e[from_k];
    int m[PARSE_MAX_WORDS];
    int nm = links_members(rd, y, m, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++) {
        char raw[WORD_MAX * 4 + 4], name[NAME_MAX_];
        int fi;
        if (rd->ent[m[q]] >= 0 || column_name(p, rd, m[q], raw, sizeof(raw)) < 0 ||
            inflect_snake(raw, name, sizeof(name)) < 0 || (fi = column_named(from, name)) < 0 ||
            from->fields[fi].ref >= 0)
            continue;
        struct field f = from->fields[fi];
        struct field *to = fields_add(p, into, raw, true);
        if (!to)
            continue;
        fields_remove(from, fi);
        char a[NAME_MAX_], b[NAME_MAX_];
        notes_add(p, p->understood, "%s.%s is %s's: %s",
                  entities_pascal(from->snake, a, sizeof(a)), f.name,
                  entities_pascal(p->e[into].snake, b, sizeof(b)), why);
        snprintf(f.name, sizeof(f.name), "%s", to->name);
        *to = f; /* with what the rules read of it: limits, values */
    }
}

/* "pieces are sold at markets with a sale price": the phrase rules give the columns after
 * "with" to the noun before it; when the parse has "with" modify a passive verb (too), they are
 * the columns of the verb's subject. Moves those the noun got (by name) at "with" word w. */
static void passive_with_fields(struct plan *p, const struct reading *rd, int w)
{
    int x = passive_subject(rd, links_linked(rd, w, "MV", false, NULL));
    int n = links_linked(rd, w, "Mp", false, NULL);
    int y = links_linked(rd, w, "J", true, NULL);
    /* "is run by one tutor with a date": the parse gives "with" the verb alone; the rules gave
     * the columns to the noun right before it */
    if (n < 0 && x >= 0)
        n = reading_word_of(p, rd, rd->tok[w] - 1);
    if (x < 0 || n < 0 || y < 0 || rd->ent[x] < 0 || rd->ent[n] < 0 || rd->ent[x] == rd->ent[n])
        return;
    move_named_columns(p, rd, y, rd->ent[n], rd->ent[x], "\"with\" follows the passive verb");
}

/* "Sessions of a campaign have a date and a recap": the phrase rules give what is had to the
 * noun right before the verb; the parse has the verb's subject, the noun before "of", which
 * has them. Moves those the noun after "of" got (by name) at have-verb word v. */
static void of_subject_fields(struct plan *p, const struct reading *rd, int v)
{
    int x = links_clause_subject(rd, v);
    int of = x >= 0 ? links_linked(rd, x, "M", true, NULL) : -1;
    int n = of >= 0 && tokens_is_word(p, rd->tok[of], "of") ? links_linked(rd, of, "J", true, NULL)
                                                            : -1;
    int y = links_linked(rd, v, "O", true, NULL);
    if (n < 0 || y < 0 || rd->ent[x] < 0 || rd->ent[n] < 0 || rd->ent[x] == rd->ent[n])
        return;
    move_named_columns(p, rd, y, rd->ent[n], rd->ent[x], "the verb's subject is before \"of\"");
}

/* "fuel purchases": the snake name of word j with its compound modifier, or "". */
static void compound_name(const struct plan *p, const struct reading *rd, int j, const char *lemma,
                          char *out, size_t size)
{
    out[0] = '\0';
    int m = rd->mod[j];
    if (m < 0)
        return;
    char phrase[WORD_MAX * 2 + 2];
    snprintf(phrase, sizeof(phrase), "%s %s", p->t[m].w, lemma);
    if (inflect_snake(phrase, out, size) < 0)
        out[0] = '\0';
}

/* "fuel purchases" planned as Purchase: one noun, FuelPurchase. When the modifier was a
 * vocabulary table of its own ("job" of "job listings"), it was no table but says what the
 * rows are: its default fields replace the head's. */
static void name_by_compound(struct plan *p, const struct reading *rd, int j, int k,
                             const char *lemma, const char *compound)
{
    int i = rd->tok[j], m = rd->mod[j];
    if (!(compound[0] && strcmp(p->e[k].snake, compound) != 0 && entities_find(p, compound) < 0 &&
          (links_head_count(p, p->t[i].s) == 1 || always_preceded(p, rd, m, i)) &&
          (strcmp(p->e[k].snake, lemma) == 0 || strcmp(p->e[k].snake, p->t[i].s) == 0 ||
           strcmp(p->e[k].snake, p->t[m].s) == 0)))
        return;
    int mk = links_entity_of_word(p, m, p->t[m].s);
    if (mk >= 0 && mk != k && links_head_count(p, p->t[m].s) == 1 && p->mention[m] >= 0 &&
        !p->parent[k][mk]) {
        entities_drop(p, mk);
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

/* The entity word j (entity k, or -1) is a column of, or -1. "a label of up to 40
 * characters" after "each parcel has": the vocabulary's Label was a guess the structure
 * contradicts, when nothing else names or relates it (then dropped); but a person a row has
 * one of ("each class has a teacher") is a row it refers to (acts_objects), also when the
 * rules had related nothing to it yet. */
static int column_owner(struct plan *p, const struct reading *rd, int j, int k,
                        const struct lex_noun *ln)
{
    int i = rd->tok[j], m = rd->mod[j];
    int owner = k < 0 && !p->t[i].used ? field_owner(p, rd, j) : -1;
    if (k >= 0 && m < 0 && !tokens_is_plural(&p->t[i]) && links_head_count(p, p->t[i].s) == 1 &&
        !(ln->person && links_one_of_many(p, rd, j))) {
        int o = entities_related(p, k) ? -1 : field_owner(p, rd, j);
        if (o >= 0 && o != k) {
            entities_drop(p, k);
            owner = o;
        }
    }
    if (owner >= 0 && m < 0 && ln->person && held_person(p, rd, j, owner) >= 0)
        owner = -1;
    return owner;
}

/* Word j as a column of entity `owner`, with a note. */
static void add_column(struct plan *p, const struct reading *rd, int j, int owner)
{
    int i = rd->tok[j];
    char raw[WORD_MAX * 4 + 4], en[NAME_MAX_], from[SNIPPET_MAX + 8];
    int a = column_name(p, rd, j, raw, sizeof(raw));
    struct field *f = a >= 0 ? fields_add(p, owner, raw, true) : NULL;
    if (!f)
        return;
    tokens_snippet(p, a, i + 1, from, sizeof(from));
    notes_add(p, p->understood, "field %s.%s: %s (from \"%s\")",
              entities_pascal(p->e[owner].snake, en, sizeof(en)), f->name, f->type, from);
    tokens_mark_used(p, a, i + 1);
}

/* Word j as a new entity when reading_candidate says it is one (found if already planned
 * under that name), with a note; -1 otherwise. */
static int new_entity(struct plan *p, struct reading *rd, int j, bool colon_head)
{
    int i = rd->tok[j], m = rd->mod[j];
    char snake[NAME_MAX_];
    const char *why = "";
    if (!reading_candidate(p, rd, j, colon_head, snake, sizeof(snake), &why))
        return -1;
    int a = m >= 0 ? m : i;
    int k = entities_find(p, snake);
    if (k < 0) {
        k = entities_add(p, snake, entities_vocab_named(snake), a, i + 1);
        if (k >= 0) {
            char n[NAME_MAX_], from[SNIPPET_MAX + 8];
            tokens_snippet(p, a, i + 1, from, sizeof(from));
            notes_add(p, p->guessed, "%s from \"%s\": %s", entities_pascal(snake, n, sizeof(n)),
                      from, why);
        }
    }
    if (k >= 0)
        tokens_mark_used(p, a, i + 1);
    return k;
}

/* Is word j a compound's modifier ("time" of "time slots")? */
static bool is_modifier(const struct reading *rd, int j)
{
    for (int q = 0; q < rd->n; q++)
        if (rd->mod[q] == rd->tok[j])
            return true;
    return false;
}

/* The entity head noun j of the reading names: found, renamed by its compound, or added;
 * -1 when it is a column (added to its owner) or no table. */
static int noun_entity(struct plan *p, struct reading *rd, int j, bool colon_head)
{
    int i = rd->tok[j], m = rd->mod[j];
    struct lex_noun ln = {0};
    const char *lemma = lexicon_noun(p->t[i].w, &ln) ? ln.lemma : p->t[i].s;
    char compound[NAME_MAX_];
    compound_name(p, rd, j, lemma, compound, sizeof(compound));
    int k = compound[0] ? entities_find(p, compound) : -1;
    if (k < 0 && (p->t[i].used || m < 0))
        k = links_entity_of_word(p, i, lemma);
    if (k >= 0)
        name_by_compound(p, rd, j, k, lemma, compound);
    int owner = column_owner(p, rd, j, k, &ln);
    if (owner >= 0) {
        add_column(p, rd, j, owner);
        return -1;
    }
    if (k < 0 && !p->t[i].used)
        k = new_entity(p, rd, j, colon_head);
    if (k < 0 && m < 0 && p->t[i].used)
        k = nouns_person_column(p, rd, j);
    /* "deliveries per purchase order" after "purchase orders": the rules' Purchase was the
     * compound's first word */
    if (k >= 0 && m >= 0 && compound[0] && strcmp(p->e[k].snake, compound) == 0) {
        int mk = links_entity_of_word(p, m, p->t[m].s);
        if (mk >= 0 && mk != k && !p->e[mk].dropped && always_together(p, m, i))
            entities_merge(p, mk, k, "the prompt always says them together");
    }
    return k;
}

/* "controls have a code and a grid reference": the phrase rules, without a grammar, read
 * "reference" as a verb and made its subject "grid" a table; the parse has the word only as
 * the modifier of a compound (AN). A table the rules made of a word said once, that is no
 * vocabulary word and that nothing relates, goes. */
static void modifier_tables(struct plan *p, const struct reading *rd)
{
    for (int q = 0; q < rd->r.nlinks; q++) {
        const struct parse_link *l = &rd->r.links[q];
        int i = rd->tok[l->l];
        char snake[NAME_MAX_];
        if (!links_label_is(l->label, "AN") || l->r != l->l + 1 || rd->tok[l->r] != i + 1 ||
            links_head_count(p, p->t[i].s) != 1 ||
            inflect_snake(p->t[i].s, snake, sizeof(snake)) < 0)
            continue;
        int k = entities_find(p, snake);
        if (k < 0 || p->e[k].dropped || p->e[k].v || p->e[k].mod_tok >= 0 ||
            entities_related(p, k))
            continue;
        char n[NAME_MAX_], from[SNIPPET_MAX + 8];
        tokens_snippet(p, i, i + 2, from, sizeof(from));
        notes_add(p, p->understood, "%s is no table: the parse reads \"%s\" as one noun",
                  entities_pascal(snake, n, sizeof(n)), from);
        entities_drop(p, k);
    }
}

/* Is word j of the reading a clause's finite verb: with its subject on the left, or one of
 * two verbs joined by "and" with theirs? A plural in a list the parser takes for a verb
 * ("contacts, deals and leads") has no subject. */
static bool finite_verb(const struct reading *rd, int j)
{
    int c = links_linked(rd, j, "VJ", true, NULL);
    if (c < 0)
        c = links_linked(rd, j, "VJ", false, NULL);
    return rd->r.pos[j] == 'v' && (links_linked(rd, j, "S", false, NULL) >= 0 ||
                                   (c >= 0 && links_linked(rd, c, "S", false, NULL) >= 0));
}

/* Does word w link to a word right of `after` by a link whose label starts with one of a
 * clause's complements: an object, a preposition, a clause? */
static bool complement_after(const struct reading *rd, int w, int after)
{
    static const char *const complements[] = {"O", "MV", "QI", "TH"};
    for (size_t c = 0; c < sizeof(complements) / sizeof(complements[0]); c++) {
        int from = 0, r;
        while ((r = links_linked(rd, w, complements[c], true, &from)) >= 0)
            if (r > after)
                return true;
    }
    return false;
}

/* Does verb j go on to what it does: an object, a preposition, a clause? "... others can
 * like and comment" names acts, and a plural in a list the parser takes for a verb has none.
 * The second of two verbs the parser joins by "and" (VJ) takes what the conjunction links
 * after it ("a mark is between 0 and 100 and comes with a short comment"). */
static bool verb_complement(const struct reading *rd, int j)
{
    int c = links_linked(rd, j, "VJ", false, NULL);
    return complement_after(rd, j, j) || (c >= 0 && complement_after(rd, c, j));
}

/* "Marriages link two people", "a course visits controls", "every move starts with a home
 * survey": a word the rules made a table of (from the vocabulary, or a plural they took for
 * a noun) that the parse reads as a clause's finite verb with a complement names no table,
 * when the prompt says it only there and nothing relates it. */
static void verb_mentions(struct plan *p, const struct reading *rd)
{
    for (int j = 0; j < rd->n; j++) {
        int i = rd->tok[j];
        bool complement = verb_complement(rd, j);
        bool one_word = p->mention[i] < 0 || p->mention_end[i] == i + 1;
        int k = finite_verb(rd, j) && complement && one_word
                    ? links_entity_of_word(p, i, p->t[i].s)
                    : -1;
        /* the table is named by this very word, not an act made of it ("applying") */
        if (k < 0 || p->e[k].dropped || strcmp(p->e[k].snake, p->t[i].s) != 0 ||
            entities_related(p, k) || links_head_count(p, p->t[i].s) != 1)
            continue;
        char n[NAME_MAX_];
        notes_add(p, p->understood, "%s is no table: the parse reads \"%s\" as the verb",
                  entities_pascal(p->e[k].snake, n, sizeof(n)), p->t[i].w);
        entities_drop(p, k);
    }
}

/* "Every tour starts at a meeting point": the rules, without a grammar, read "tour starts"
 * as a two-word name; when the parse says its head is the clause's verb, with the first
 * word its subject and a complement, the table is the subject's ("Tour"). */
static void verb_headed_compounds(struct plan *p, const struct reading *rd)
{
    for (int j = 1; j < rd->n; j++) {
        int m = rd->tok[j - 1];
        if (rd->tok[j] != m + 1 || !finite_verb(rd, j) || !verb_complement(rd, j) ||
            links_linked(rd, j, "S", false, NULL) != j - 1)
            continue;
        for (int k = 0; k < p->ne; k++) {
            char subject[NAME_MAX_];
            if (p->e[k].dropped || p->e[k].mod_tok != m ||
                inflect_snake(p->t[m].s, subject, sizeof(subject)) < 0 || !subject[0])
                continue;
            const char *why = "its last word is the clause's verb";
            int sk = entities_find(p, subject);
            if (sk >= 0 && sk != k && !p->e[sk].dropped)
                entities_merge(p, k, sk, why);
            else if (sk < 0)
                entities_rename(p, k, subject, why);
            p->e[k].mod_tok = -1;
            p->t[m + 1].used = false;
        }
    }
}

/* "every reading comes from a single gauge": a noun the dictionary also knows as a unit
 * ("gauge.u") stands for the table other words made of it; it makes none. */
static void unit_entity(const struct plan *p, struct reading *rd, int j)
{
    struct lex_noun ln;
    const struct tok *t = &p->t[rd->tok[j]];
    if (t->kind != T_WORD || !lexicon_noun(t->w, &ln))
        return;
    int k = links_entity_of_word(p, rd->tok[j], ln.lemma);
    rd->ent[j] = k >= 0 && !p->e[k].dropped ? k : -1;
}

/* The entities of one reading: existing ones are found, new ones added. */
void nouns_read(struct plan *p, struct reading *rd, bool colon_head)
{
    modifier_tables(p, rd);
    verb_mentions(p, rd);
    verb_headed_compounds(p, rd);
    for (int j = 0; j < rd->n; j++) {
        if (rd->r.pos[j] == 'u')
            unit_entity(p, rd, j);
        if (!links_is_noun(p, rd, j) || is_modifier(rd, j))
            continue;
        int k = noun_entity(p, rd, j, colon_head);
        rd->ent[j] = k >= 0 && !p->e[k].dropped ? k : -1;
        if (rd->ent[j] >= 0)
            arranged_relation(p, rd, j, k);
    }
    for (int w = 0; w < rd->n; w++)
        if (tokens_is_word(p, rd->tok[w], "with"))
            passive_with_fields(p, rd, w);
        else if (tokens_word_in(p, rd->tok[w], words_have_verbs))
            of_subject_fields(p, rd, w);
}

/* "Each shift has a role. Roles have a name and a description.": a text column named as a
 * table the prompt makes (in a later sentence, or from the vocabulary) is a reference to it,
 * as a person column is (nouns_person_column). */
/* "a category (dairy, bread, fruit and veg)": is `name` a word of a value of column f? The
 * rules read the list after the table the word names as its columns. */
static bool value_word(const struct field *f, const char *name)
{
    size_t n = strlen(name);
    for (const char *v = f->values; *v;) {
        size_t len = strcspn(v, "| ");
        if (len == n && strncasecmp(v, name, n) == 0)
            return true;
        v += len + (v[len] != '\0');
    }
    return false;
}

/* "For every incident we keep the address": is table k the vocabulary's guess, with no
 * columns the prompt gave it, from the very word (at token at), said once in the singular,
 * that the parse reads as column f? Then the column stays and the table goes. A column the
 * rules typed as free text ("inspections have a result and notes") may be said in the
 * plural: text is never a row's reference. */
static bool guessed_from_column(const struct plan *p, int k, const struct field *f, int at)
{
    bool own_columns = false; /* "a certificate with an issue date" is a row of its own */
    for (int q = 0; q < p->e[k].nfields; q++)
        own_columns |= p->e[k].fields[q].explicit_ && !value_word(f, p->e[k].fields[q].name);
    bool text = strcmp(f->type, "text") == 0;
    return p->e[k].v && !own_columns && links_head_count(p, p->e[k].snake) == 1 &&
           !entities_related(p, k) && at < p->nt && (text || !tokens_is_plural(&p->t[at]));
}

/* May column f of another table name table k, or be the word k was guessed from? Strings and
 * sums of money ("dividends ... with a pay date") may; free text and a column of listed
 * values only as the word. */
static bool column_may_name_table(const struct plan *p, int c, int k, const struct field *f)
{
    if (k < 0 || k == c || p->e[k].dropped || f->ref >= 0 || !f->explicit_ ||
        (!p->parent[c][k] && relations_reaches(p, k, c, 0)))
        return false;
    return strcmp(f->type, "string") == 0 || strcmp(f->type, "decimal") == 0 ||
           strcmp(f->type, "text") == 0 || f->values[0];
}

/* The table named as column f is, or as its singular when f is free text ("notes"). */
static int table_of_column(const struct plan *p, const struct field *f)
{
    char one[NAME_MAX_];
    int k = entities_find(p, f->name);
    if (k < 0 && strcmp(f->type, "text") == 0 && inflect_singular(f->name, one, sizeof(one)) == 0)
        k = entities_find(p, one);
    return k;
}

/* The one row that refers to entity k, when k refers to none and is in no join; -1. */
static int only_referrer(const struct plan *p, int k)
{
    int c = -1;
    for (int q = 0; q < p->ne; q++) {
        if (p->parent[k][q] || p->many[k][q] || p->many[q][k])
            return -1;
        if (p->parent[q][k] && !p->e[q].dropped) {
            if (c >= 0)
                return -1;
            c = q;
        }
    }
    return c;
}

/* The one token that names entity k, or -1. */
static int named_once(const struct plan *p, int k)
{
    int at = -1;
    for (int i = 0; i < p->nt; i++)
        if (entities_named_at(p, i, k)) {
            if (at >= 0)
                return -1;
            at = i;
        }
    return at;
}

void nouns_listed_tables(struct plan *p)
{
    for (int k = 0; k < p->ne; k++) {
        int i = p->e[k].dropped ? -1 : named_once(p, k), c = i >= 0 ? only_referrer(p, k) : -1;
        bool own = false;
        for (int f = 0; f < p->e[k].nfields; f++)
            own |= p->e[k].fields[f].explicit_ && strcmp(p->e[k].fields[f].name, "name") != 0;
        if (c < 0 || own || tokens_is_plural(&p->t[i]) ||
            !tokens_word_in(p, i - 1, words_articles) || !list_separator(p, i - 2) ||
            !list_separator(p, i + 1))
            continue;
        int before = item_head_before(p, i - 2), after = item_head_after(p, i + 1);
        if (before < 0 || after < 0 || !column_word(p, before, c) || !column_word(p, after, c))
            continue;
        relations_remove(p, c, k);
        fields_add(p, c, p->t[i].w, true);
        char n[NAME_MAX_];
        notes_add(p, p->understood,
                  "%s is no table: said once, between two columns of a list, it is one more",
                  entities_pascal(p->e[k].snake, n, sizeof(n)));
        entities_drop(p, k);
    }
}

void nouns_columns_of_tables(struct plan *p)
{
    for (int c = 0; c < p->ne; c++)
        for (int fi = 0; !p->e[c].dropped && fi < p->e[c].nfields; fi++) {
            struct field *f = &p->e[c].fields[fi];
            int k = table_of_column(p, f);
            if (!column_may_name_table(p, c, k, f))
                continue;
            char a[NAME_MAX_], b[NAME_MAX_];
            int at = 0; /* the note quotes the column's word */
            while (at < p->nt && strcmp(p->t[at].s, p->e[k].snake) != 0)
                at++;
            if (guessed_from_column(p, k, f, at)) {
                notes_add(p, p->understood, "%s is no table: the prompt says it only as %s.%s",
                          entities_pascal(p->e[k].snake, b, sizeof(b)),
                          entities_pascal(p->e[c].snake, a, sizeof(a)), f->name);
                entities_drop(p, k);
                continue;
            }
            if (strcmp(f->type, "text") == 0 || f->values[0])
                continue;
            notes_add(p, p->understood, "%s.%s names the %s table: a reference",
                      entities_pascal(p->e[c].snake, a, sizeof(a)), f->name,
                      entities_pascal(p->e[k].snake, b, sizeof(b)));
            fields_remove(&p->e[c], fi--);
            relations_add(p, c, k, "set_null", at < p->nt ? at : -1, at + 1);
            for (int ri = 0; ri < p->e[c].nfields; ri++)
                if (p->e[c].fields[ri].ref == k)
                    p->e[c].fields[ri].explicit_ = true; /* the prompt listed it */
        }
}

/* Renames a column of any entity named `from` to `to` (not over an existing one). */
static void rename_column(struct plan *p, const char *from, const char *to)
{
    for (int e = 0; e < p->ne; e++) {
        int fi = fields_find(&p->e[e], from);
        if (fi < 0 || p->e[e].fields[fi].ref >= 0 || fields_find(&p->e[e], to) >= 0)
            continue;
        char a[NAME_MAX_];
        notes_add(p, p->understood, "%s.%s is %s: the parse reads its last word as the verb",
                  entities_pascal(p->e[e].snake, a, sizeof(a)), from, to);
        struct field *f = &p->e[e].fields[fi];
        snprintf(f->name, sizeof(f->name), "%s", to);
        if (!f->values[0]) /* the values said stay */
            fields_infer_type(f);
    }
}

/* "each bunk's price depends on the season": the phrase rules read a column's name up to a
 * copula, so a verb right after its subject joins the name ("price_depend"); the parse has
 * the verb, and the column is named by the subject alone. */
void nouns_verb_columns(struct plan *p)
{
    for (int q = 0; q < p->nreadings; q++) {
        const struct reading *rd = &p->readings[q];
        for (int k = 0; k < rd->r.nlinks; k++) {
            const struct parse_link *l = &rd->r.links[k];
            int x = rd->tok[l->l], v = rd->tok[l->r];
            if (!links_is_subject(l->label) || v != x + 1 || rd->r.pos[l->r] != 'v' ||
                rd->ent[l->l] >= 0 || of_object(p, x))
                continue;
            char raw[WORD_MAX * 2 + 2], name[NAME_MAX_], head[NAME_MAX_];
            if (inflect_snake(p->t[x].s, head, sizeof(head)) < 0 || !head[0])
                continue;
            /* as the rules name it: the last word in the singular ("price_depend") */
            snprintf(raw, sizeof(raw), "%s %s", p->t[x].w, p->t[v].s);
            if (inflect_snake(raw, name, sizeof(name)) == 0)
                rename_column(p, name, head);
        }
    }
}

/* How a prompt says a two-word name's head without its modifier. */
enum head_alone {
    HEAD_UNSAID,
    HEAD_BACK, /* only after the name, uncounted: "found items ...; claims reference items" */
    HEAD_OWN,  /* before the name, or counted one by one: "a route", "each hut", "any tower" */
};

/* How the readings say head word `head` (a noun with a role, no compound's head) without
 * modifier word `mod` right before it, when the two-word name starts at token first. */
static enum head_alone said_alone(const struct plan *p, int first, const char *mod,
                                  const char *head)
{
    enum head_alone said = HEAD_UNSAID;
    for (int q = 0; q < p->nreadings; q++) {
        const struct reading *rd = &p->readings[q];
        for (int j = 0; j < rd->n; j++) {
            int i = rd->tok[j], d = links_linked(rd, j, "D", false, NULL);
            if (strcmp(p->t[i].s, head) != 0 || rd->mod[j] >= 0 || is_modifier(rd, j) ||
                !links_is_noun(p, rd, j) || !links_has_role(rd, j) ||
                (i > 0 && strcmp(p->t[i - 1].w, mod) == 0))
                continue;
            bool counted = tokens_word_in(
                p, d >= 0 ? rd->tok[d] : i - 1,
                (const char *const[]){"a", "an", "each", "every", "any", "one", NULL});
            said = i < first || counted ? HEAD_OWN : said == HEAD_OWN ? said : HEAD_BACK;
        }
    }
    return said;
}

/* The tokens of entity k's two-word name ("delivery routes"): its first word's token, or -1
 * (a one-word name, or one WordNet knows as one noun: "flow cell", "car park"). */
static int two_word_name(const struct plan *p, int k)
{
    for (int i = 0; i + 1 < p->nt; i++) {
        char phrase[WORD_MAX * 2 + 2], snake[NAME_MAX_];
        struct lex_noun ln;
        if (p->t[i].kind != T_WORD || p->t[i + 1].kind != T_WORD)
            continue;
        snprintf(phrase, sizeof(phrase), "%s %s", p->t[i].w, p->t[i + 1].s);
        if (inflect_snake(phrase, snake, sizeof(snake)) < 0 || strcmp(snake, p->e[k].snake) != 0)
            continue;
        snprintf(phrase, sizeof(phrase), "%s_%s", p->t[i].w, p->t[i + 1].s);
        return lexicon_noun(phrase, &ln) ? -1 : i;
    }
    return -1;
}

/* "a council permit with a permit number": a column of the entity named after its head
 * shows that the prompt calls its rows by the head alone. */
static bool own_column_by_head(const struct entity *e, const char *head)
{
    size_t n = strlen(head);
    for (int q = 0; q < e->nfields; q++)
        if (e->fields[q].ref < 0 && strncmp(e->fields[q].name, head, n) == 0 &&
            e->fields[q].name[n] == '_')
            return true;
    return false;
}

/* Moves entity from's own columns (not references, not a default name) to entity into. */
static void move_columns(struct plan *p, int from, int into)
{
    const struct entity *f = &p->e[from];
    struct entity *e = &p->e[into];
    for (int q = 0; q < f->nfields && e->nfields < MAX_FIELDS; q++)
        if (f->fields[q].ref < 0 && (f->fields[q].explicit_ || !f->v) &&
            strcmp(f->fields[q].name, "name") != 0 && fields_find(e, f->fields[q].name) < 0)
            e->fields[e->nfields++] = f->fields[q];
}

/* Entity from merged into entity into: what the readings said of from they say of into. */
static void merge_read(struct plan *p, int from, int into, const char *why)
{
    move_columns(p, from, into);
    entities_merge(p, from, into, why);
    for (int q = 0; q < p->nreadings; q++)
        for (int j = 0; j < p->readings[q].n; j++)
            if (p->readings[q].ent[j] == from)
                p->readings[q].ent[j] = into;
}

/* "Each delivery route is covered by one volunteer driver. Clients live on a route", "ringers
 * belong to a home tower and ring at any tower", "Food traders must have a hygiene rating"
 * after "Traders are given pitches": a two-word name whose head the prompt also says alone,
 * before it or counted one by one, names a kind of the head's rows, not a table of its own;
 * the rows are the head's. Said only later and uncounted, the head is the name's rows. */
void nouns_head_compounds(struct plan *p)
{
    for (int k = 0; k < p->ne; k++) {
        int m = p->e[k].dropped ? -1 : two_word_name(p, k);
        char head[NAME_MAX_];
        enum head_alone said = m >= 0 ? said_alone(p, m, p->t[m].w, p->t[m + 1].s) : HEAD_UNSAID;
        if (m < 0 || inflect_snake(p->t[m + 1].s, head, sizeof(head)) < 0 || !head[0])
            continue;
        if (said == HEAD_UNSAID && own_column_by_head(&p->e[k], head))
            said = HEAD_OWN;
        if (said == HEAD_UNSAID)
            continue;
        int hk = entities_find(p, head);
        bool head_table = hk >= 0 && !p->e[hk].dropped;
        if (said == HEAD_BACK || emit_reserved_name(head)) {
            /* "found items ...; claims reference items": the head said later refers back to
             * the name's rows; "show classes ... each class": the code cannot name a table
             * "class", and the prompt's longer name is a better one than a made-up prefix */
            if (head_table)
                merge_read(p, hk, k, "the prompt's longer name for the same rows");
        } else if (head_table) {
            merge_read(p, k, hk, "the prompt also says its head alone");
        } else if (hk < 0) {
            entities_rename(p, k, head, "the prompt also says its head alone");
            p->e[k].mod_tok = -1;
        }
    }
}
