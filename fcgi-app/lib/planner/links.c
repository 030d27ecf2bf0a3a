/* What the parse's links say of a word: subjects, objects, list members, prepositions' objects,
 * passive chains, and the entity an already planned word stands for. Shared by the modules
 * that read a parse (reading, nouns, clauses, acts, products). */
#include "planner/plan.h"

#include <stdio.h>
#include <string.h>

bool links_label_is(const char *label, const char *prefix)
{
    return strncmp(label, prefix, strlen(prefix)) == 0;
}

/* Subject links ("Ss", "Sp", "S**"), not coordination ("SJ") nor inversion ("SI"). */
bool links_is_subject(const char *label)
{
    return label[0] == 'S' && label[1] != 'J' && label[1] != 'I' && label[1] != 'X';
}

/* Partner of word j over a link whose label starts with `prefix`, on the side `right`
 * (true: j is the left word, the partner the right one). From link index *from; -1. */
int links_linked(const struct reading *rd, int j, const char *prefix, bool right, int *from)
{
    for (int k = from ? *from : 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (!links_label_is(l->label, prefix))
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

/* A noun of the parse: "dogs.n", "fuel.s", "people.p" (but not "their.p"). */
bool links_is_noun(const struct plan *p, const struct reading *rd, int j)
{
    const struct tok *t = &p->t[rd->tok[j]];
    return t->kind == T_WORD &&
           (rd->r.pos[j] == 'n' || (rd->r.pos[j] == 'p' && !words_in(t->w, words_function)));
}

/* Is the subject after verb v that of a clause led by a place or a row ("for each market
 * there are pitches": "for" -PF- "are" -SI- "pitches"), a row as much as a subject is? */
static bool fronted_subject(const struct reading *rd, int v)
{
    return links_linked(rd, v, "PF", false, NULL) >= 0;
}

/* Noun words of the sentence: a head noun with a role in the clause (what "per" counts
 * by, its "U" link, too). */
bool links_has_role(const struct reading *rd, int j)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if ((l->l == j && links_is_subject(l->label)) ||
            (l->r == j && (l->label[0] == 'O' || l->label[0] == 'J' || l->label[0] == 'U')) ||
            links_label_is(l->label, "SJ") || (l->l == j && links_label_is(l->label, "Mp")) ||
            (l->l == j && links_label_is(l->label, "Mv")) ||
            (l->r == j && links_label_is(l->label, "MX")) ||
            (l->r == j && links_label_is(l->label, "SI") && fronted_subject(rd, l->l)))
            return true;
    }
    return false;
}

/* How many head nouns of the prompt have singular `s` (compounds count their head). */
int links_head_count(const struct plan *p, const char *s)
{
    int n = 0;
    for (int i = 0; i < p->nt; i++)
        n += p->t[i].kind == T_WORD && strcmp(p->t[i].s, s) == 0 &&
             !tokens_word_in(p, i + 1, words_app_nouns);
    return n; /* "a job board" names the product: it does not count */
}

/* The words a word stands for: itself, or the members of a list it joins (",", "and"
 * with "SJ" links, nested lists included). Returns how many went to out[]. */
int links_members(const struct reading *rd, int j, int *out, int max)
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
            if (!links_label_is(l->label, "SJ") || (l->l != w && l->r != w))
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

/* "lots of shifts", "a number of roles": the plural after "of" that a word of amount
 * counts, or -1 when word o is none. */
int links_amount_of(const struct plan *p, const struct reading *rd, int o)
{
    static const char *const amounts[] = {"lots",   "lot",    "loads", "plenty",
                                          "number", "dozens", NULL};
    int of = links_linked(rd, o, "M", true, NULL);
    if (!tokens_word_in(p, rd->tok[o], amounts) || of < 0 || !tokens_is_word(p, rd->tok[of], "of"))
        return -1;
    int y = links_linked(rd, of, "J", true, NULL);
    return y >= 0 && tokens_is_plural(&p->t[rd->tok[y]]) ? y : -1;
}

/* Is word o a singular counted by "a", "an" or "one" ("has a teacher")? What a row has one
 * of, it refers to; what it has many of ("has lessons") refers to it. */
bool links_one_of_many(const struct plan *p, const struct reading *rd, int o)
{
    int d = links_linked(rd, o, "D", false, NULL);
    return !tokens_is_plural(&p->t[rd->tok[o]]) && d >= 0 &&
           tokens_word_in(p, rd->tok[d], (const char *const[]){"a", "an", "one", NULL});
}

/* "members book a court", "players rent equipment": is object word o one row of many, each
 * in a record of its own: a singular counted by "a", "an" or "one", or a mass noun (the
 * parse's uncountable object, "Ou") without an article? */
bool links_one_row_each(const struct plan *p, const struct reading *rd, int o)
{
    int from = 0;
    bool mass = links_linked(rd, o, "O", false, &from) >= 0 &&
                links_label_is(rd->r.links[from - 1].label, "Ou") &&
                links_linked(rd, o, "D", false, NULL) < 0;
    return mass || links_one_of_many(p, rd, o);
}

/* The entity an already planned word stands for: its vocabulary mention, or its lemma. */
int links_entity_of_word(const struct plan *p, int i, const char *lemma)
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

/* "each beehive's location", "each rescued animal's species": a possessor counted one by
 * one, with at most two words that describe it in between (the parser is given the word
 * without its "'s", and may leave it unlinked). */
bool links_counted_possessor(const struct plan *p, int i)
{
    if (!p->t[i].poss)
        return false;
    for (int q = i - 1; q >= 0 && q >= i - 3; q--) {
        if (tokens_word_in(p, q, (const char *const[]){"each", "every", NULL}))
            return true;
        if (!tokens_is_content(p, q) || p->t[q].poss || tokens_is_plural(&p->t[q]))
            return false;
    }
    return false;
}

/* The entity a counted noun names ("each parcel", "every vessel"): word j's, or -1. */
int links_counted_entity(const struct plan *p, const struct reading *rd, int j)
{
    int d = j >= 0 ? links_linked(rd, j, "D", false, NULL) : -1;
    return d >= 0 && rd->ent[j] >= 0 &&
                   tokens_word_in(p, rd->tok[d], (const char *const[]){"each", "every", NULL})
               ? rd->ent[j]
               : -1;
}

/* The row a column is said of, at preposition word w: a row counted one by one after "of"
 * or "for" ("of each parcel", "for every novel"), or any one row after "per" ("per
 * chapter": one value for each); -1. */
int links_row_of_column(const struct plan *p, const struct reading *rd, int w)
{
    const struct tok *t = &p->t[rd->tok[w]];
    if (strcmp(t->w, "of") == 0 || strcmp(t->w, "for") == 0)
        return links_counted_entity(p, rd, links_linked(rd, w, "J", true, NULL));
    if (strcmp(t->w, "per") != 0)
        return -1;
    int y = links_linked(rd, w, "U", true, NULL);
    if (y < 0)
        y = links_linked(rd, w, "J", true, NULL);
    return y >= 0 && !tokens_is_plural(&p->t[rd->tok[y]]) ? rd->ent[y] : -1;
}

/* "inspections of each lift, each with an outcome": the parse may read the comma before a
 * distributive "each" (or "both", "all") as a list of the noun and that word; the noun is
 * the list's one member (y itself when it is no such list). */
static int apposed_noun(const struct plan *p, const struct reading *rd, int y)
{
    int m[PARSE_MAX_WORDS];
    if (y < 0 || links_members(rd, y, m, PARSE_MAX_WORDS) != 2 ||
        !tokens_word_in(p, rd->tok[m[1]], (const char *const[]){"each", "both", "all", NULL}))
        return y;
    return m[0];
}

/* "jobs at customers' properties": the parser is given the possessor without its "'s" and
 * may take it for the preposition's object; the noun right after it, which it possesses, is
 * the phrase's head (y itself otherwise). */
static int possessed_head(const struct plan *p, const struct reading *rd, int y)
{
    return y >= 0 && y + 1 < rd->n && p->t[rd->tok[y]].poss && rd->tok[y + 1] == rd->tok[y] + 1 &&
                   links_is_noun(p, rd, y + 1)
               ? y + 1
               : y;
}

/* The noun a preposition points at: its object, or what "one of" / "each of" picks. */
int links_prep_object(const struct plan *p, const struct reading *rd, int prep)
{
    int y = possessed_head(p, rd, apposed_noun(p, rd, links_linked(rd, prep, "J", true, NULL)));
    if (y < 0 && strcmp(p->t[rd->tok[prep]].w, "per") == 0)
        y = links_linked(rd, prep, "U", true, NULL);
    if (y >= 0 && tokens_word_in(p, rd->tok[y],
                                 (const char *const[]){"one", "each", "some", "any", "all", "most",
                                                       "many", "none", "either", NULL})) {
        int of = links_linked(rd, y, "Mf", true, NULL);
        if (of < 0) /* "on one of our two courses": the parse may read "of" as Mp */
            of = links_linked(rd, y, "Mp", true, NULL);
        /* "is for one customer and can include ...": the parse may take "one" for the noun
         * and hang the singular noun right after it elsewhere; "one" counts that noun */
        bool counts_next = of < 0 && tokens_is_word(p, rd->tok[y], "one") && y + 1 < rd->n &&
                           links_is_noun(p, rd, y + 1) && !tokens_is_plural(&p->t[rd->tok[y + 1]]);
        if (counts_next)
            return y + 1;
        y = of >= 0 && tokens_is_word(p, rd->tok[of], "of") ? links_linked(rd, of, "J", true, NULL)
                                                            : -1;
    }
    return y;
}

/* A passive participle: "booked" of "is booked" (Pv), "set" of "are set" (I*v). */
bool links_passive_participle(const struct reading *rd, int w)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const char *label = rd->r.links[k].label;
        if (rd->r.links[k].r == w &&
            (links_label_is(label, "Pv") || (label[0] == 'I' && strchr(label + 1, 'v'))))
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

/* "every alteration is done by a tailor": the dictionary links some participles ("done",
 * "finished") to the copula as adjectives (Pa); one that WordNet knows as a verb's past
 * participle and that has an agent ("by" on its right, MV) is a passive all the same, also
 * when the parse hangs the agent on the object of the participle's own preposition ("a
 * calibration is done on one gauge by one engineer": "gauge" -Mp- "by"), and so is one
 * whose preposition relates the subject to a row ("repairs are done for a defect"). */
static bool adjective_passive(const struct plan *p, const struct reading *rd, int w)
{
    int from = 0, m;
    if (!participle_form(p->t[rd->tok[w]].w) || p->act_verb[rd->tok[w]])
        return false; /* "desks can be reserved by members": a Reservation relates them */
    while ((m = links_linked(rd, w, "MV", true, &from)) >= 0) {
        if (strcmp(p->t[rd->tok[m]].w, "by") == 0)
            return true;
        int y = links_prep_object(p, rd, m);
        if (y >= 0 && rd->ent[y] >= 0)
            return true;
    }
    return false;
}

bool links_passive_word(const struct plan *p, const struct reading *rd, int w)
{
    return links_passive_participle(rd, w) ||
           (links_linked(rd, w, "Pa", false, NULL) >= 0 && adjective_passive(p, rd, w));
}

/* The word a clause's verb leads to through auxiliaries and passives ("can be tagged"), and
 * both verbs of a list ("are registered by breeders and judged at shows": the parser links
 * "are" to "and", and "and" to each participle): fills chain[] with the verb words (the
 * conjunction too, which holds the modifiers the verbs share), returns how many; *passive
 * when a passive link or a list of participles is on it. */
int links_verb_chain(const struct plan *p, const struct reading *rd, int v, int *chain,
                     bool *passive)
{
    int n = 0;
    *passive = false;
    chain[n++] = v;
    for (int q = 0; q < n && n < 6; q++) {
        int from = 0, w;
        while ((w = links_linked(rd, chain[q], "P", true, &from)) >= 0 && n < 6) {
            /* "is booked" (Pv), "can be tagged" (Pa to a participle) */
            if (links_label_is(rd->r.links[from - 1].label, "Pv") ||
                (links_label_is(rd->r.links[from - 1].label, "Pa") &&
                 (rd->r.pos[w] == 'v' || adjective_passive(p, rd, w))))
                *passive = true;
            chain[n++] = w;
        }
        from = 0;
        while ((w = links_linked(rd, chain[q], "I", true, &from)) >= 0 && n < 6) {
            /* "are set on walls": a participle the dictionary also knows as an infinitive
             * ("set", "cut", "put") links by I with a passive subscript ("I*v") */
            *passive |= links_passive_participle(rd, w);
            chain[n++] = w;
        }
        /* the verbs a conjunction joins: after "are" ("are registered ... and judged"), or
         * as the subject's own word ("each incident happens in a region and is led by",
         * "cats stay in homes and are adopted": the subject links to "and") */
        for (int side = 0; side < 2 && (q > 0 || rd->r.pos[v] != 'v'); side++) {
            from = 0;
            while ((w = links_linked(rd, chain[q], "VJ", side, &from)) >= 0 && n < 6) {
                *passive |= participle_form(p->t[rd->tok[w]].w);
                chain[n++] = w;
            }
        }
    }
    return n;
}

/* The subject of verb v, also when v is the second of two joined verbs ("belongs to a
 * teacher and has ...": VJr from "and", VJl from the first verb); -1. */
int links_clause_subject(const struct reading *rd, int v)
{
    int x = links_linked(rd, v, "S", false, NULL);
    int conj = x < 0 ? links_linked(rd, v, "VJr", false, NULL) : -1;
    if (conj < 0)
        return x;
    /* the subject links to the conjunction ("class" Ss "and") or to the first verb */
    x = links_linked(rd, conj, "S", false, NULL);
    int first = x < 0 ? links_linked(rd, conj, "VJl", false, NULL) : -1;
    return first >= 0 ? links_linked(rd, first, "S", false, NULL) : x;
}

/* "customers drop off garments": the dictionary reads a particle as a preposition (MVp) with
 * the verb's object as its own (J). A word right after the verb that names no place or
 * purpose (relations_on_delete: "off", "up", "out", not "in" or "to") and that WordNet joins
 * with the verb into a verb of its own ("drop_off", "pick_up") gives the verb that object;
 * -1 when it has none. */
int links_particle_object(const struct plan *p, const struct reading *rd, int v)
{
    char lemma[WORD_MAX], joined[2 * WORD_MAX + 2], cls[32];
    int from = 0, m;
    while ((m = links_linked(rd, v, "MVp", true, &from)) >= 0 && m != v + 1)
        ;
    if (m < 0 || relations_on_delete(p->t[rd->tok[m]].w) ||
        links_linked(rd, v, "O", true, NULL) >= 0)
        return -1;
    const char *vw = p->t[rd->tok[v]].w;
    if (!lexicon_verb_lemma(vw, lemma, sizeof(lemma)))
        snprintf(lemma, sizeof(lemma), "%s", vw);
    snprintf(joined, sizeof(joined), "%s_%s", lemma, p->t[rd->tok[m]].w);
    return lexicon_verb_class(joined, cls, sizeof(cls)) ? links_linked(rd, m, "J", true, NULL)
                                                        : -1;
}
