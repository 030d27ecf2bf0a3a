/* Product words: the singular word a prompt's product is ("a dog walking business", "the
 * hotel's rooms", a heading), which is no table, its signed-in users ("teachers log in"),
 * and plural units the rules took for one. */
#include "planner/plan.h"

#include <string.h>

/* "Backend for a dog walking business", "a school's classrooms": a singular word for a
 * group in the first sentence, never the subject of a clause nor counted ("each animal's
 * vaccinations": one of many), names the product when the prompt names other tables. */
static void product_words(struct plan *p)
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
                    if (rd->r.links[l].l == j && links_is_subject(rd->r.links[l].label))
                        product = false;
                product = product && lexicon_noun(t->w, &ln) && ln.kind == LEX_GROUP &&
                          !nouns_one_row(p, rd, j); /* "customers reserve a table" */
            }
        }
        /* a relation the phrase rules read, or any other mention of it (a plural
         * elsewhere), makes it a table */
        product = product && !entities_related(p, k);
        if (seen && product && links_head_count(p, p->t[at].s) == 1) {
            char from[SNIPPET_MAX + 8];
            tokens_snippet(p, at, at + 1, from, sizeof(from));
            notes_add(p, p->understood, "\"%s\" names the product, not a table (a group word)",
                      from);
            entities_drop(p, k);
            live--;
        }
    }
}

/* Does the verb at reading rd's word v keep records of rows in the plural ("records donated
 * items"), or say what its subject needs or wants ("needs a system for its sessions",
 * "wants to keep track of its birds": a thing asking for the backend is the business)? */
static bool asks_or_keeps(const struct plan *p, const struct reading *rd, int v)
{
    static const char *const keeps[] = {"records", "keeps", "tracks", "stores", "logs", NULL};
    static const char *const asks[] = {"needs", "wants", NULL};
    int o = links_linked(rd, v, "O", true, NULL);
    return tokens_word_in(p, rd->tok[v], asks) ||
           (tokens_word_in(p, rd->tok[v], keeps) && o >= 0 && rd->ent[o] >= 0 &&
            tokens_is_plural(&p->t[rd->tok[o]]));
}

/* "A charity shop records donated items", "A kennel keeps dogs", "An ice rink needs a
 * system for its sessions": a thing (no person, no row one of many: "each", "every") said
 * once, as the subject of the first sentence's verb of keeping records whose object is rows
 * in the plural, or of its "needs"/"wants", is the product the records are kept for, as "we"
 * would be; the references that clause made go with it. The word of the subject at reading
 * rd's word j, or -1 when it is none. */
/* Does subject link target v (a verb, or the "and" of two: "A stained glass studio restores
 * church windows and wants a database") ask or keep, as asks_or_keeps says? */
static bool verbs_ask_or_keep(const struct plan *p, const struct reading *rd, int v)
{
    int first = rd->r.pos[v] == 'v' ? -1 : links_linked(rd, v, "VJl", false, NULL);
    int second = first >= 0 ? links_linked(rd, v, "VJr", true, NULL) : -1;
    return asks_or_keeps(p, rd, v) || (first >= 0 && asks_or_keeps(p, rd, first)) ||
           (second >= 0 && asks_or_keeps(p, rd, second));
}

/* How many times the prompt says word s (as links_head_count counts) as a row: not as a
 * value of a choice ("a status (surveyed, in studio or reinstalled)": a column's value), nor,
 * after its first time, as the one thing "the" names or a bare singular ("The station has two
 * boats", "the time back on station"); in the plural or counted ("each station") it is. */
static int said_as_row(const struct plan *p, const char *s)
{
    static const char *const counting[] = {"a",   "an",      "each", "every",
                                           "one", "another", "any",  NULL};
    int n = 0;
    for (int i = 0; i < p->nt; i++) {
        if (p->t[i].kind != T_WORD || strcmp(p->t[i].s, s) != 0 ||
            tokens_word_in(p, i + 1, words_app_nouns) || entities_said_as_value(p, i))
            continue;
        int d = i - 1 -
                (i >= 2 && tokens_is_content(p, i - 1) && !tokens_is_plural(&p->t[i]) &&
                 tokens_word_in(p, i - 2, counting)); /* "a lifeboat station" */
        n += n == 0 || tokens_is_plural(&p->t[i]) || tokens_word_in(p, d, counting);
    }
    return n;
}

static int keeping_subject(const struct plan *p, const struct reading *rd, int j)
{
    int v = links_linked(rd, j, "S", true, NULL);
    int d = links_linked(rd, j, "D", false, NULL);
    struct lex_noun ln;
    const struct tok *t = &p->t[rd->tok[j]];
    bool thing = lexicon_noun(t->w, &ln) && !ln.person && !tokens_is_plural(t);
    return v >= 0 && verbs_ask_or_keep(p, rd, v) && thing && d >= 0 &&
                   tokens_word_in(p, rd->tok[d], (const char *const[]){"a", "an", "our", NULL}) &&
                   said_as_row(p, t->s) == 1
               ? rd->ent[j]
               : -1;
}

static void keeping_products(struct plan *p)
{
    for (int q = 0; q < p->nreadings; q++) {
        const struct reading *rd = &p->readings[q];
        for (int j = 0; j < rd->n && rd->sentence == 0; j++) {
            int k = rd->ent[j] >= 0 && !p->e[rd->ent[j]].dropped ? keeping_subject(p, rd, j) : -1;
            if (k < 0)
                continue;
            for (int c = 0; c < p->ne; c++)
                relations_remove(p, c, k);
            notes_add(p, p->understood,
                      "\"%s\" names the product, not a table (it keeps or asks for the records)",
                      p->e[k].snake);
            entities_drop(p, k);
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
 * as the one possessor ("the", "our", "my", "this", "your" before it), but in a heading that
 * ends before token `heading`, names the product the backend is for, not a table; the
 * references the possessive made go with it. */
static void possessive_products(struct plan *p, int heading)
{
    static const char *const one[] = {"the", "our", "my", "this", "your", NULL};
    for (int k = 0; k < p->ne; k++) {
        int n = 0;
        bool only = !p->e[k].dropped && !strchr(p->e[k].snake, '_');
        for (int i = 0; i < p->nt && only; i++) {
            if (p->t[i].kind != T_WORD || strcmp(p->t[i].s, p->e[k].snake) != 0 || i < heading)
                continue; /* "Retained fire station: ... the station's appliances" */
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
        entities_drop(p, k);
    }
}

/* "House removals\n* customers book moves": a first sentence of two to four content words,
 * before more, that the parser finds no linkage for, or a line of its own that begins with a
 * word usually a noun (the parser makes "house" an imperative), is a title: its length, or
 * 0. */
static int first_line_title(const struct plan *p)
{
    int words = 0, w;
    while (tokens_is_content(p, words))
        words++;
    if (words < 2 || words > 4 || words >= p->nt - 1 || p->t[words].kind != T_STOP)
        return 0;
    bool line = p->text[p->t[words].off] == '\n' && lexicon_usual_pos(p->t[0].w) == 'n';
    return line || !reading_of_token(p, 0, &w) ? words : 0;
}

/* "Angling club match records.", "Lost property at train stations.": a first word the parse
 * reads as a verb without a subject is no imperative when it is inflected (an imperative is
 * the verb's base form): it describes the noun after it, and the sentence is a title. */
static bool describing_first_word(const struct plan *p, const struct reading *rd, int j)
{
    char lemma[WORD_MAX];
    const char *w = p->t[rd->tok[j]].w;
    return j == 0 && links_clause_subject(rd, j) < 0 &&
           lexicon_verb_lemma(w, lemma, sizeof(lemma)) && strcmp(lemma, w) != 0;
}

/* Where the prompt's heading ends: its first colon or dash within five words ("Warehouse stock:
 * ..."), or the end of a first sentence the parse finds no verb in ("Seed bank inventory.")
 * when more follows; -1. *title: the latter. */
static int heading_end(const struct plan *p, bool *title)
{
    *title = false;
    for (int i = 0; i < p->nt && i < 5; i++)
        if (p->t[i].kind == T_COLON ||
            (i > 1 && p->t[i].kind == T_COMMA && p->text[p->t[i].off] == '-'))
            return i; /* "Sawmill inventory - logs ...": a dash, not a bullet's */
        else if (p->t[i].kind == T_STOP)
            break;
    int words = first_line_title(p);
    if (words > 0) {
        *title = true;
        return words;
    }
    const struct reading *rd = p->nreadings > 0 ? &p->readings[0] : NULL;
    if (!rd || rd->sentence != 0 || rd->n == 0 ||
        (p->nreadings > 1 && p->readings[1].sentence == 0))
        return -1;
    int stop = rd->tok[rd->n - 1] + 1;
    for (int j = 0; j < rd->n; j++)
        if ((rd->r.pos[j] == 'v' || rd->r.pos[j] == 'g') && !describing_first_word(p, rd, j))
            return -1;
    if (stop >= p->nt - 1 || p->t[stop].kind != T_STOP)
        return -1;
    *title = true;
    return stop;
}

/* Are the words before token at all content words, a compound's modifiers ("Print shop
 * orders", not "HR system for employees and departments")? */
static bool bare_compound(const struct plan *p, int at)
{
    for (int i = 0; i < at; i++)
        if (!tokens_is_content(p, i))
            return false;
    return true;
}

/* Does the heading end on the word at token `at`: its last word, or in a title the head
 * before its preposition ("Lost property at train stations.")? */
static bool ends_heading(const struct plan *p, int at, int end, bool title, bool last)
{
    static const char *const preps[] = {"at", "in", "for", "on", NULL};
    return (title || last) && (at == end - 1 || (title && tokens_word_in(p, at + 1, preps)));
}

/* "Warehouse stock: products are kept on shelves...", "Fire station equipment log: ...",
 * "Seed bank inventory. Each lot ...": a singular word (or compound) that only the heading
 * says, in front of another noun (or, in a title sentence, at its end), names the product. */
static void heading_products(struct plan *p)
{
    bool title;
    int end = heading_end(p, &title);
    for (int k = 0; k < p->ne && end > 1; k++) {
        bool related = p->e[k].dropped || entities_related(p, k);
        int at = -1, n = 0;
        for (int i = 0; i < p->nt; i++)
            if (entities_named_at(p, i, k)) {
                n += i == 0 || !entities_named_at(p, i - 1, k); /* "animal shelter": once */
                at = i;
            }
        /* "Sawmill inventory: logs ...": the heading's last word after a word of its own */
        struct lex_noun ln;
        bool last = at == end - 1 && at > 0 && p->t[at - 1].kind == T_WORD &&
                    lexicon_noun(p->t[at - 1].w, &ln); /* not "per donor:", "each recipe:" */
        /* "House removals", "Print shop orders.": the plural the heading ends on says what
         * the business does, the rows the prompt then names */
        bool at_end = ends_heading(p, at, end, title, last);
        bool head = at_end && bare_compound(p, at);
        if (related || n != 1 || at >= end - (title || last ? 0 : 1) ||
            (tokens_is_plural(&p->t[at]) && !head) || !(tokens_is_content(p, at + 1) || at_end))
            continue;
        char from[SNIPPET_MAX + 8];
        tokens_snippet(p, 0, end, from, sizeof(from));
        notes_add(p, p->understood, "\"%s\" names the product, not a table", from);
        entities_drop(p, k);
    }
}

/* Is every word that names entity k in [a, b)? */
static bool named_only_in(const struct plan *p, int k, int a, int b)
{
    int n = 0;
    for (int i = 0; i < p->nt; i++)
        if (entities_named_at(p, i, k)) {
            if (i < a || i >= b)
                return false;
            n++;
        }
    return n > 0;
}

/* "We run a bouldering wall", "We operate a car wash": the one thing "we" (or "I") run in
 * the first sentence, counted by "a", is the business the backend is for; a table made of
 * its words, said only there and related to nothing, is none. */
static void our_business(struct plan *p)
{
    const struct reading *rd = p->nreadings > 0 ? &p->readings[0] : NULL;
    for (int l = 0; rd && rd->sentence == 0 && l < rd->r.nlinks; l++) {
        const struct parse_link *s = &rd->r.links[l];
        int v = s->r, o = links_linked(rd, v, "O", true, NULL);
        int d = o >= 0 ? links_linked(rd, o, "D", false, NULL) : -1;
        if (!links_is_subject(s->label) ||
            !tokens_word_in(p, rd->tok[s->l], (const char *const[]){"we", "i", NULL}) || d < 0 ||
            !tokens_word_in(p, rd->tok[d], words_indefinite) ||
            tokens_is_plural(&p->t[rd->tok[o]]))
            continue;
        for (int k = 0; k < p->ne; k++) {
            if (p->e[k].dropped || entities_related(p, k) ||
                !named_only_in(p, k, rd->tok[d] + 1, rd->tok[o] + 1))
                continue;
            char from[SNIPPET_MAX + 8];
            tokens_snippet(p, rd->tok[d] + 1, rd->tok[o] + 1, from, sizeof(from));
            notes_add(p, p->understood, "\"%s\" names the product, not a table (what we run)",
                      from);
            entities_drop(p, k);
        }
    }
}

/* "teachers log in and see the trips they lead", "each organiser signs in and manages their
 * own syndicates": people said once, right before "log in" or "sign in" (after a modal too:
 * "can log in"), are the signed-in users the generated auth keeps, not a table of the
 * backend's own; the references their clause made go with them. Said again ("students sign
 * in ... students enrol in courses") they are rows. */
static void signed_in_people(struct plan *p)
{
    static const char *const modals[] = {"can", "may", "must", "will", "should", "could", NULL};
    static const char *const sign[] = {"log", "logs", "sign", "signs", NULL};
    for (int k = 0; k < p->ne; k++) {
        int at = -1, n = 0;
        for (int i = 0; i < p->nt && !p->e[k].dropped; i++)
            if (entities_named_at(p, i, k) && (i == 0 || !entities_named_at(p, i - 1, k))) {
                at = i;
                n++;
            }
        int v = at + 1 + tokens_word_in(p, at + 1, modals);
        struct lex_noun ln;
        if (n != 1 || !tokens_word_in(p, v, sign) || !tokens_is_word(p, v + 1, "in") ||
            !lexicon_noun(p->t[at].w, &ln) || !ln.person)
            continue;
        for (int c = 0; c < p->ne; c++)
            relations_remove(p, c, k);
        char from[SNIPPET_MAX + 8];
        tokens_snippet(p, at, v + 2, from, sizeof(from));
        notes_add(p, p->understood, "\"%s\": the signed-in users, kept by the auth, not a table",
                  from);
        entities_drop(p, k);
    }
}

/* The product words of the whole prompt, once every sentence has named its entities. */
void products_read(struct plan *p)
{
    bool title;
    unit_tables(p);
    possessive_products(p, heading_end(p, &title));
    keeping_products(p);
    product_words(p);
    heading_products(p);
    our_business(p);
    signed_in_people(p);
}
