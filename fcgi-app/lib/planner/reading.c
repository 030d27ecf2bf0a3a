/* What the parse says: each sentence through Link Grammar (parse.c), its misreadings repaired,
 * then read by nouns.c (entities), clauses.c (relations and fields), acts.c (acts) and
 * products.c (product words), with WordNet (lexicon.c) for the words. */
#include "planner/plan.h"
#include "planner/planner.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
/* "Which florist made which bouquet?": in a direct question the dictionary has no place
 * for a second question word before the object, and skips it with its noun. Is word j such
 * a "which"/"what", skipped (linked to no word), after a verb and before a noun WordNet
 * files as a thing? It is given as "each" ("which florist made each bouquet": for each
 * bouquet, the florist who made it), so the verb gets its object. A "which" the parse links
 * is read ("loans record which tool was lent": the verb's indirect question, QN). */
static bool question_word_skipped(const struct plan *p, const struct reading *rd,
                                  const char **words, int j)
{
    struct lex_noun ln;
    return words_in(words[j], (const char *const[]){"which", "what", NULL}) && rd->r.pos[j] == 0 &&
           links_linked(rd, j, "", true, NULL) < 0 && links_linked(rd, j, "", false, NULL) < 0 &&
           rd->r.pos[j - 1] == 'v' && p->t[rd->tok[j + 1]].kind == T_WORD &&
           lexicon_noun(p->t[rd->tok[j + 1]].w, &ln) && ln.kind == LEX_THING;
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
        if (!links_label_is(q->label, "QN") || rd->r.pos[q->l] != 'v' ||
            !tokens_word_in(p, rd->tok[q->r], (const char *const[]){"which", "what", NULL}) ||
            (o = links_linked(rd, q->r, "D", true, NULL)) < 0)
            continue;
        struct parse_link *l = &rd->r.links[rd->r.nlinks++];
        l->l = q->l;
        l->r = (unsigned char)o;
        snprintf(l->label, sizeof(l->label), "Os");
    }
}

/* "fish swim in tanks": Link Grammar may read a preposition after an intransitive verb as
 * its particle ("swim" -K- "in", "swim" -O- "tanks"), a phrasal verb WordNet does not know.
 * Such a particle is the preposition it looks like: the links become "swim" -MVp- "in" -J-
 * "tanks", as the parse of "plants grow in beds" has them. "sign up for", "log in" are
 * WordNet's phrasal verbs and stay. */
static void stray_particles(const struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        struct parse_link *q = &rd->r.links[k];
        int o, from = 0;
        char phrasal[2 * WORD_MAX + 2], cls[32];
        if (!links_label_is(q->label, "K") ||
            !tokens_word_in(p, rd->tok[q->r],
                            (const char *const[]){"in", "on", "at", "into", "onto", NULL}))
            continue;
        snprintf(phrasal, sizeof(phrasal), "%s_%s", p->t[rd->tok[q->l]].w, p->t[rd->tok[q->r]].w);
        while ((o = links_linked(rd, q->l, "O", true, &from)) >= 0 && o < q->r)
            ;
        if (o < 0 || lexicon_verb_class(phrasal, cls, sizeof(cls)))
            continue;
        struct parse_link *ol = &rd->r.links[from - 1];
        ol->l = q->r;
        snprintf(ol->label, sizeof(ol->label), "J");
        snprintf(q->label, sizeof(q->label), "MVp");
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
        if (!links_label_is(q->label, "AN") || q->r != q->l + 2 ||
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

/* "matches are played on a date at a ground": the dictionary hangs a prepositional phrase
 * after a verb's time or other value ("on" -J- "date" -Mp- "at") on that noun, but a value
 * (WordNet files it under attributes, quantities, times: a column) has no place of its own;
 * the phrase is the verb's ("played" -MVp- "at"), as without the value. "of" and "per" stay
 * the noun's ("on the date of the final"). */
static void value_attachments(const struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        struct parse_link *q = &rd->r.links[k];
        struct lex_noun ln;
        int pp, v;
        if (!links_label_is(q->label, "Mp") ||
            tokens_word_in(p, rd->tok[q->r], (const char *const[]){"of", "per", NULL}) ||
            !lexicon_noun(p->t[rd->tok[q->l]].w, &ln) || ln.kind != LEX_FIELD ||
            (pp = links_linked(rd, q->l, "J", false, NULL)) < 0 ||
            (v = links_linked(rd, pp, "MVp", false, NULL)) < 0 || rd->r.pos[v] != 'v')
            continue;
        q->l = (unsigned char)v;
        snprintf(q->label, sizeof(q->label), "MVp");
    }
}

/* Token t's word as the parser's dictionary knows it. The tokens are lowercase, but the
 * dictionary knows the pronoun "I" (and its contractions "I'd", "I'm", "I've", "I'll") only
 * capitalised: "i record every trade" left the "i" unplaced (a null word), and the verb without
 * its subject. A closed class: the one English word always written with a capital. */
static const char *parser_word(const struct tok *t)
{
    static const char *const lower[] = {"i", "i'd", "i'm", "i've", "i'll", NULL};
    static const char *const upper[] = {"I", "I'd", "I'm", "I've", "I'll", NULL};
    for (int k = 0; lower[k]; k++)
        if (strcmp(t->w, lower[k]) == 0)
            return upper[k];
    return t->w[0] ? t->w : "something";
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
        words[n++] = t->kind == T_COMMA ? "," : parser_word(t);
    }
    return n;
}

_Static_assert(MAX_READINGS <= 127 && PARSE_MAX_WORDS <= 127,
               "reading_at and word_at hold a reading's index and a word's");

/* Token i's word in the reading being accepted and in those before it (the map does not know
 * a parse that was split or given up). */
static void index_words(struct plan *p, const struct reading *rd)
{
    for (int j = 0; j < rd->n; j++) {
        p->reading_at[rd->tok[j]] = (signed char)(rd - p->readings);
        p->word_at[rd->tok[j]] = (signed char)j;
    }
}

int reading_word_of(const struct plan *p, const struct reading *rd, int i)
{
    return i >= 0 && i < p->nt && p->reading_at[i] >= 0 && &p->readings[p->reading_at[i]] == rd
               ? p->word_at[i]
               : -1;
}

const struct reading *reading_of_token(const struct plan *p, int i, int *word)
{
    *word = -1;
    if (i < 0 || i >= p->nt || p->reading_at[i] < 0 || p->reading_at[i] >= p->nreadings)
        return NULL;
    *word = p->word_at[i];
    return &p->readings[p->reading_at[i]];
}

/* The entity whose "has"/"have"/"with" or verb of keeping ("records", "stores") governs token i
 * ("an appointment belongs to a patient and has a status (...)": Appointment, not the nearer
 * Patient; "a calibration is done by one engineer and records ..."): the nearest such verb before
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
            if (words_in(t->w, words_have_verbs) || words_in(t->w, words_record_verbs))
                x = links_clause_subject(rd, j);
            else if (strcmp(t->w, "with") == 0 && (x = links_linked(rd, j, "Mp", false, NULL)) < 0)
                continue;
            else if (x < 0)
                continue;
            int m[PARSE_MAX_WORDS];
            int nm = x >= 0 ? links_members(rd, x, m, PARSE_MAX_WORDS) : 0;
            return nm == 1 && rd->ent[m[0]] >= 0 ? rd->ent[m[0]] : -1;
        }
    }
    return -1;
}

/* "each loaf type has a flour blend": the dictionary reads the second noun of a counted
 * compound as the verb of the first ("loaf" -S- "type"); a word after each/every and a noun
 * that the parse calls a verb, followed by a verb of having or a copula, is the compound's
 * head when WordNet knows it as a thing or it names a kind ("type", "level"). */
static bool counted_compound_head(const struct plan *p, const struct reading *rd,
                                  const char **words, int j)
{
    static const char *const verbs[] = {"has", "have", "is", "are", "was", "were", NULL};
    struct lex_noun ln;
    const struct tok *t = &p->t[rd->tok[j]];
    return j >= 2 && j + 1 < rd->n && rd->r.pos[j] == 'v' && rd->r.pos[j - 1] == 'n' &&
           words_in(words[j - 2], (const char *const[]){"each", "every", NULL}) &&
           words_in(words[j + 1], verbs) && t->kind == T_WORD &&
           (words_in(t->w, words_value_heads) ||
            (lexicon_noun(t->w, &ln) && ln.kind == LEX_THING));
}

/* "Volunteers sort items", "Nurses work on wards": the dictionary reads a clause's first
 * word, a plural it also knows as a verb, as an imperative, and the next word, a verb it also
 * knows as a noun, as its object or a compound's modifier. When WordNet files the first word
 * as people in the plural and knows the second as a verb in its base form (what a plural
 * subject takes), the first word is the subject. Only people: "Logs visits", "Lists
 * products" may be imperatives (a repair of any plural cost a never-tuned set precision). */
static bool misread_plural_subject(const struct plan *p, const struct reading *rd,
                                   const char **words)
{
    struct lex_noun ln;
    char lemma[WORD_MAX], class[32];
    const struct tok *t = &p->t[rd->tok[0]];
    /* a verb WordNet knows whose base form morphstr finds none other than itself */
    bool base_verb =
        rd->n >= 3 && lexicon_verb_class(words[1], class, sizeof(class)) &&
        (!lexicon_verb_lemma(words[1], lemma, sizeof(lemma)) || strcmp(lemma, words[1]) == 0);
    return base_verb && rd->r.pos[0] == 'v' && rd->r.pos[1] == 'n' && t->kind == T_WORD &&
           lexicon_noun(t->w, &ln) && ln.person && strcmp(ln.lemma, t->w) != 0;
}

/* "each hose, ladder and breathing set has a serial number": the dictionary garbles a list
 * counted by "each"/"every" before a singular verb, but reads "the things, things and
 * things have ..." well. Gives the parser that (the reading keeps the prompt's words, so
 * nouns.c still sees "each" before the first one): true when the sentence has such a list
 * of singular nouns (one or two words each). */
static bool counted_list(const struct plan *p, const struct reading *rd, const char **words)
{
    static const char *const verbs[] = {"has", "is", NULL};
    for (int e = 0; e + 4 < rd->n; e++) {
        if (!words_in(words[e], (const char *const[]){"each", "every", NULL}))
            continue;
        int heads[8], nh = 0, run = 0, j;
        bool and = false, nouns = true;
        struct lex_noun ln;
        for (j = e + 1; j < rd->n && !words_in(words[j], verbs); j++) {
            const struct tok *t = &p->t[rd->tok[j]];
            bool sep = t->kind == T_COMMA || strcmp(words[j], "and") == 0;
            if (sep && (run == 0 || nh == 7 || and))
                break;
            if (sep) {
                heads[nh++] = j - 1;
                nouns &= lexicon_noun(p->t[rd->tok[j - 1]].w, &ln) &&
                         strcmp(ln.lemma, p->t[rd->tok[j - 1]].w) == 0;
                and = strcmp(words[j], "and") == 0;
                run = 0;
            } else if (t->kind != T_WORD || ++run > 2) {
                break;
            }
        }
        if (!and || run == 0 || !nouns || j >= rd->n || !words_in(words[j], verbs))
            continue;
        heads[nh++] = j - 1;
        words[e] = "the";
        for (int q = 0; q < nh; q++)
            words[heads[q]] = "things";
        words[j] = strcmp(words[j], "has") == 0 ? "have" : "are";
        return true;
    }
    return false;
}

/* "Shelves hold books": the dictionary reads a sentence's first plural noun as an imperative
 * verb and the real verb as a noun in a compound with its object ("hold books" -> HoldBook).
 * Word j is such a plural (WordNet: a thing, in the plural) when the parse makes it a verb
 * whose object is modified (AN) by the next word, a word WordNet knows as a verb. So is a
 * word for a group that WordNet uses more as a noun than as a verb ("Staff log items"): a
 * collective the verb's plural form agrees with. */
static bool imperative_before_compound(const struct plan *p, const struct reading *rd, int j)
{
    struct lex_noun ln;
    char cls[32];
    const struct tok *t = &p->t[rd->tok[j]];
    int o = j == 0 && rd->r.pos[0] == 'v' ? links_linked(rd, 0, "O", true, NULL) : -1;
    if (o < 2 || links_linked(rd, o, "AN", false, NULL) != 1 || t->kind != T_WORD ||
        !lexicon_noun(t->w, &ln) || !lexicon_verb_class(p->t[rd->tok[1]].w, cls, sizeof(cls)))
        return false;
    bool plural_thing = ln.kind == LEX_THING && strcmp(ln.lemma, t->w) != 0;
    bool collective = ln.kind == LEX_GROUP && lexicon_usual_pos(t->w) == 'n';
    return plural_thing || collective;
}

/* "a repotting has a date": the dictionary reads a gerund after "a"/"an" that is a clause's
 * subject as a verb's form, no noun (the article unlinked); what the article counts is a
 * noun, one WordNet files as a thing or one it does not know ("repotting"), whether the
 * parse leaves the article unlinked or links it to the gerund. Not a gerund that modifies
 * the next word ("a running order"): the subject itself. */
static bool counted_gerund_subject(const struct plan *p, const struct reading *rd,
                                   const char **words, int j)
{
    if (j <= 0 || j >= rd->n || rd->r.pos[j] != 'g' || !words_in(words[j - 1], words_indefinite))
        return false;
    struct lex_noun ln;
    const struct tok *t = &p->t[rd->tok[j]];
    int v = links_linked(rd, j, "S", true, NULL);
    int counts = links_linked(rd, j - 1, "", true, NULL);
    return v >= 0 && rd->r.pos[v] == 'v' && (counts < 0 || counts == j) && t->kind == T_WORD &&
           (!lexicon_noun(t->w, &ln) || ln.kind == LEX_THING);
}

/* Words after which a noun comes, never a clause's verb: prepositions, articles, possessive
 * pronouns (closed classes). */
static const char *const before_noun[] = {"in",    "on",   "at",  "into", "onto", "of",
                                          "with",  "from", "by",  "for",  "the",  "a",
                                          "their", "its",  "our", "my",   "your", NULL};

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
    bool any = misread_plural_subject(p, rd, words);
    if (any)
        words[0] = "things";
    /* "record which volunteers attended each callout": an imperative verb of keeping before
     * an indirect question, which the dictionary reads as a noun, is given as a verb that
     * only takes one ("know which ...", read as "we need to know which ...") */
    if (!any && rd->n > 3 && rd->r.pos[0] != 'v' &&
        tokens_word_in(p, rd->tok[0], words_list_verbs) &&
        words_in(words[1], (const char *const[]){"which", "what", NULL})) {
        words[0] = "know";
        any = true;
    }
    struct lex_noun ln;
    for (int j = 1; j + 1 < rd->n; j++)
        if (question_word_skipped(p, rd, words, j)) {
            words[j] = "each";
            any = true;
        }
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
        } else if (j > 0 && words_in(words[j - 1], words_indefinite) && rd->r.pos[j] == 0 &&
                   t->kind == T_WORD && lexicon_noun(t->w, &ln) && ln.kind == LEX_THING &&
                   strcmp(ln.lemma, t->w) == 0) {
            /* "a hire is for one customer": a noun the dictionary does not know as one, which
             * the parse skips, is what the article counts */
            words[j] = "thing";
            any = true;
        } else if (counted_gerund_subject(p, rd, words, j)) {
            words[j] = "thing";
            any = true;
        } else if (imperative_before_compound(p, rd, j)) {
            words[j] = "things";
            any = true;
        } else if (counted_compound_head(p, rd, words, j)) {
            words[j] = "thing";
            any = true;
        }
    }
    return counted_list(p, rd, words) || any;
}

/* "a plot has a plot number, a length in metres of at most 15, the class ... and the style":
 * a head cut off a longer sentence at a comma (the sentence goes on, e is a comma) has lost
 * the "and" of its list, and the dictionary reads its last member as the one before's
 * apposition ("number" -MX- "length"), which no later step reads as a list. The last comma
 * among words[0..n) before an article, with no conjunction after it, is given as "and". */
static void close_cut_list(const struct plan *p, int e, const char **words, int n)
{
    if (e >= p->nt || p->t[e].kind != T_COMMA)
        return;
    for (int j = n - 2; j > 0; j--) {
        if (words_in(words[j], (const char *const[]){"and", "or", NULL}))
            return;
        if (strcmp(words[j], ",") == 0) {
            if (words_in(words[j + 1], words_articles))
                words[j] = "and";
            return;
        }
    }
}

/* The sentence [s, e) as words for the parser: parses them into the next reading and
 * returns 0, or a negative errno; *n is the number of words (-1: too many), spent counts
 * the work. */
static int parse_span(struct plan *p, int s, int e, bool spliced, int *spent, int *pn)
{
    struct reading *rd = &p->readings[p->nreadings];
    const char *words[PARSE_MAX_WORDS];
    int n = e > s ? reading_words(p, s, e, rd, words) : 0;
    close_cut_list(p, e, words, n);
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
        /* "is made from one recipe, yields a number of bars and has ...": a word before an
         * article is a verb with its object, one of the subject's verbs, no subject */
        if (p->t[rd->tok[j]].kind == T_COMMA && rd->r.pos[j + 1] != 'n' &&
            rd->r.pos[j + 1] != 'p' && !words_in(next->w, words_determiners) &&
            next->kind == T_WORD && !words_in(next->w, (const char *const[]){"and", "or", NULL}) &&
            lexicon_noun(t->w, &ln) && ln.kind == LEX_THING && strcmp(ln.lemma, t->w) != 0)
            return rd->tok[j];
    }
    return -1;
}

/* Is the word at token i a plural noun of a thing to WordNet ("vets", "exercises")? */
static bool plural_thing(const struct plan *p, int i)
{
    struct lex_noun ln;
    return p->t[i].kind == T_WORD && lexicon_noun(p->t[i].w, &ln) && ln.kind == LEX_THING &&
           strcmp(ln.lemma, p->t[i].w) != 0;
}

/* Where a misread clause starts after comma word j: ", and X" that the parse lists with
 * words before the comma (SJ from "and") or reads as a verb though it is a plural noun
 * ("and vets treat animals"), or ", each X" / ", every X" that it does not read as a clause
 * of its own (no "Wd" from the comma); the reading's word, or -1. */
static int misread_clause_start(const struct plan *p, const struct reading *rd, int j)
{
    if (p->t[rd->tok[j]].kind != T_COMMA || j < 3 || j + 3 >= rd->n)
        return -1;
    /* ", and any fault during a flight is logged": the list may take the noun after its
     * determiner */
    int noun = j + 2 + (j + 3 < rd->n && tokens_word_in(p, rd->tok[j + 2], words_determiners));
    /* ", and each coach looks after ...": or the determiner itself, a list member of none */
    int listed = links_linked(rd, j + 1, "SJr", true, NULL);
    if (tokens_is_word(p, rd->tok[j + 1], "and"))
        return listed == noun || listed == j + 2 ||
                       (rd->r.pos[j + 2] == 'v' && plural_thing(p, rd->tok[j + 2]) &&
                        tokens_is_content(p, rd->tok[j + 2] + 1)) /* not "and loans of" */
                   ? j + 2
                   : -1;
    if (links_linked(rd, j, "Wd", true, NULL) >= 0)
        return -1; /* read as a clause already */
    return tokens_word_in(p, rd->tok[j + 1], (const char *const[]){"each", "every", NULL}) ? j + 1
                                                                                           : -1;
}

/* Is the parse of words (a clause split off a longer sentence) a clause whose subject comes
 * first: a subject link from one of its first four words to a verb? Not to a word after a
 * preposition or an article, a noun the dictionary misread as a verb when the words are a
 * list's member: "a length in metres of at most 15" ("length" -Ss- "metres"). */
static bool subject_first(const struct reading *part, const char *const *words)
{
    for (int k = 0; k < part->r.nlinks; k++) {
        const struct parse_link *l = &part->r.links[k];
        if (links_is_subject(l->label) && l->l < 4 && part->r.pos[l->r] == 'v' &&
            !words_in(words[l->r - 1], before_noun))
            return true;
    }
    return false;
}

/* Are words a clause's subject counted by each/every, a noun WordNet knows in the singular
 * ("each coach", which the dictionary may read as a verb)? */
static bool counted_noun(const char *const *words)
{
    struct lex_noun ln;
    return words_in(words[0], (const char *const[]){"each", "every", NULL}) &&
           lexicon_noun(words[1], &ln) && strcmp(ln.lemma, words[1]) == 0;
}

/* "each course has a distance and a climb in metres, and controls are placed along each
 * course", "drivers clear routes with ploughs, each route has a priority": Link Grammar may
 * read a clause after a comma as the end of a list, and the rest as garbled. The comma's
 * token when such words (misread_clause_start), parsed alone, are a clause whose subject
 * comes first (a subject link from one of its first four words), with *skip the words
 * before the clause ("," or ", and"); -1. */
static int clause_splice(struct plan *p, const struct reading *rd, int e, int *spent, int *skip)
{
    for (int j = 1; j < rd->n; j++) {
        int c = misread_clause_start(p, rd, j);
        if (c < 0)
            continue;
        struct reading tail;
        const char *words[PARSE_MAX_WORDS];
        int n = reading_words(p, rd->tok[c], e, &tail, words);
        if (n >= 3 && rd->r.pos[c] == 'v')
            words[0] = "things"; /* as stand_in_nouns gives a spliced clause's subject */
        if (n >= 3 && counted_noun(words))
            words[1] = "thing"; /* "each coach looks": as stand_in_nouns gives it */
        if (n < 3 || *spent + n * n > PARSE_BUDGET || parse_sentence(words, n, &tail.r) != 0)
            continue;
        *spent += n * n;
        if (subject_first(&tail, words)) {
            *skip = rd->tok[c] - rd->tok[j];
            return rd->tok[j];
        }
    }
    return -1;
}

/* The token after the depth-0 comma at or after token i in [i, e) (past the parentheses
 * reading_words leaves out), or e. */
static int next_comma(const struct plan *p, int i, int e)
{
    int depth = 0;
    for (; i < e; i++) {
        if (p->t[i].kind == T_LPAREN)
            depth++;
        else if (p->t[i].kind == T_RPAREN && depth > 0)
            depth--;
        else if (p->t[i].kind == T_COMMA && depth == 0)
            return i;
    }
    return e;
}

/* The last preposition of [s, e) after the clause's first three words, with no comma
 * around it (outside parentheses); -1. */
static int last_preposition(const struct plan *p, int s, int e)
{
    static const char *const preps[] = {"at",  "in", "on", "from", "to",     "with",
                                        "for", "by", "of", "into", "during", NULL};
    for (int i = e - 1; i > s + 2; i--)
        if (p->t[i].kind == T_WORD && words_in(p->t[i].w, preps) && next_comma(p, s, i) == i &&
            next_comma(p, i, e) == e)
            return i;
    return -1;
}

/* "instructors teach group lessons at levels from beginner to expert": a sentence the parser
 * finds no linkage for may read well without its last one or two prepositional phrases (bare
 * values, a list the dictionary cannot place); the rules still read the tail. 0 when such a
 * head parsed (into the next reading; *cut: where it ends), else the first error. */
static int parse_without_tail(struct plan *p, int s, int e, bool spliced, int *spent, int *cut)
{
    int n, end = e;
    for (int tries = 0; tries < 2; tries++) {
        end = last_preposition(p, s, end);
        if (end < 0 || *spent > PARSE_BUDGET)
            break;
        if (parse_span(p, s, end, spliced, spent, &n) == 0) {
            *cut = end;
            return 0;
        }
    }
    return -ENODATA;
}

/* Notes that the rules alone read tokens [cut, e), the tail the parser went without. */
static void note_tail_unparsed(struct plan *p, int cut, int e)
{
    char from[SNIPPET_MAX + 8];
    tokens_snippet(p, cut, e, from, sizeof(from));
    notes_add(p, p->guessed,
              "\"%s\": read by the phrase rules only (the parser read the sentence without it)",
              from);
}

/* Is [s, e), parsed alone, a clause whose subject comes first (a subject link from one of
 * its first four words to a verb), as clause_splice asks of a spliced clause? */
static bool parses_as_clause(struct plan *p, int s, int e, int *spent)
{
    struct reading part;
    const char *words[PARSE_MAX_WORDS];
    int n = reading_words(p, s, e, &part, words);
    if (n < 3 || *spent + n * n > PARSE_BUDGET || parse_sentence(words, n, &part.r) != 0)
        return false;
    *spent += n * n;
    return subject_first(&part, words);
}

/* "paintball field app - players sign up in teams, games are played on arenas, each game
 * records the winning team and the duration, and players rent equipment (masks, markers) by
 * the game": a run-on longer than the parser takes is a chain of clauses joined by commas.
 * Each comma (", and" with it) after which the words up to the next comma parse as a clause
 * of their own parts the sentence, and each part is read as a sentence (and parted again
 * where it is still too long). Without such a comma, a conjunction parts a run-on without
 * punctuation the same way ("... and we need to know which ringers rang in which peal").
 * False when nothing parts it. */
static void read_span(struct plan *p, int s, int e, int sentence, bool colon_head, int *spent);

/* Where the part of a run-on [i, e) ends, the token at or after i that parts it: a depth-0
 * comma, or, in a run-on without punctuation (bare), a conjunction ("and", "so", "but"),
 * not before an article ("and a duration": a list goes on) nor each/every (tried: the clause
 * before, read alone, made tables of its prepositions' objects, "from local shops and
 * farms"); *start: where the next part starts (past the comma and its conjunction). e when
 * none. */
static int next_boundary(const struct plan *p, int i, int e, bool bare, int *start)
{
    static const char *const conj[] = {"and", "but", "so", NULL};
    static const char *const continues[] = {"a", "an", "the", "each", "every", NULL};
    int depth = 0;
    for (int k = i; k < e; k++) {
        depth += (p->t[k].kind == T_LPAREN) - (p->t[k].kind == T_RPAREN && depth > 0);
        if (depth > 0)
            continue;
        if (p->t[k].kind == T_COMMA) {
            *start = k + 1 + (k + 1 < e && tokens_word_in(p, k + 1, conj));
            return k;
        }
        if (bare && tokens_word_in(p, k, conj) && !tokens_word_in(p, k + 1, continues)) {
            *start = k + 1;
            return k;
        }
    }
    *start = e;
    return e;
}

static bool part_long_sentence(struct plan *p, int s, int e, int sentence, int *spent)
{
    int cut[PARSE_MAX_WORDS], start[PARSE_MAX_WORDS], ncut = 0;
    for (int bare = 0; bare < 2 && ncut == 0; bare++) {
        int c, next;
        for (int j = next_boundary(p, s, e, bare, &c); j < e && ncut < PARSE_MAX_WORDS;
             j = next_boundary(p, j + 1, e, bare, &c)) {
            if (c < e && parses_as_clause(p, c, next_boundary(p, c + 1, e, bare, &next), spent)) {
                cut[ncut] = j;
                start[ncut++] = c;
            }
        }
    }
    if (ncut == 0 || p->nreadings + ncut + 1 > MAX_READINGS)
        return false;
    read_span(p, s, cut[0], sentence, false, spent);
    for (int q = 0; q < ncut; q++)
        read_span(p, start[q], q + 1 < ncut ? cut[q + 1] : e, sentence, false, spent);
    return true;
}

/* Does the parse read a question ("... and has a date issued": Q, the verb before its
 * subject), which a prompt's statement cut short is not? */
static bool asks(const struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++)
        if (links_label_is(rd->r.links[k].label, "Q"))
            return true;
    return false;
}

/* The head of a sentence the parser cannot take whole (too long, or no linkage) that no
 * comma parts into clauses: such a sentence is mostly a list, and its head reads well alone
 * while the rules read the rest. First the longest head ending at a comma before a
 * determiner (the list's next item: "A job comes from a client and has a source language, a
 * target language, a word count (...), a deadline and ..."; not a comma inside a choice,
 * "pass, fail or ...") that fits and is no question; else the clause before the first comma,
 * which says what the row is and what it belongs to ("Every machine in a laundrette has a
 * machine number, a type, either washer or dryer, ..."). 0 when a head parsed (into the next
 * reading; *cut: its comma), else an error. */
static int parse_list_head(struct plan *p, int s, int e, bool spliced, int *spent, int *cut)
{
    int commas[PARSE_MAX_WORDS], nc = 0, n, r = -E2BIG, tries = 0;
    for (int j = next_comma(p, s, e); j < e && nc < PARSE_MAX_WORDS; j = next_comma(p, j + 1, e))
        if (j + 1 < e && tokens_word_in(p, j + 1, words_determiners))
            commas[nc++] = j;
    for (int q = nc - 1; q >= 0 && tries < 2 && *spent <= PARSE_BUDGET; q--) {
        r = parse_span(p, s, commas[q], spliced, spent, &n);
        if (r == -E2BIG)
            continue;
        tries++;
        if (r == 0 && !asks(&p->readings[p->nreadings])) {
            *cut = commas[q];
            return 0;
        }
    }
    int c = next_comma(p, s, e);
    if (c >= e || c - s < 3 || *spent > PARSE_BUDGET || parse_span(p, s, c, spliced, spent, &n))
        return r == 0 ? -ENODATA : r;
    *cut = c;
    return 0;
}

/* Reads the sentence [s, e) with the parser (each of two spliced clauses on its own), or
 * says in the notes that the phrase rules alone read it. */
static void read_span(struct plan *p, int s, int e, int sentence, bool colon_head, int *spent)
{
    int n;
    bool spliced =
        s > 0 && (p->t[s - 1].kind == T_COMMA ||
                  (s > 1 && tokens_is_word(p, s - 1, "and") && p->t[s - 2].kind == T_COMMA));
    int r = parse_span(p, s, e, spliced, spent, &n);
    int cut = e;
    if (r == -ENODATA && n >= 6 && parse_without_tail(p, s, e, spliced, spent, &cut) == 0) {
        note_tail_unparsed(p, cut, e);
        r = 0;
        e = cut;
    }
    struct reading *rd = &p->readings[p->nreadings];
    int c = r == 0 ? splice_comma(p, rd) : -1;
    int skip = 1; /* the comma; ", and": both */
    if (c < 0 && r == 0)
        c = clause_splice(p, rd, e, spent, &skip);
    if (c >= 0 && p->nreadings + 2 <= MAX_READINGS) {
        read_span(p, s, c, sentence, false, spent);
        read_span(p, c + skip, e, sentence, false, spent);
        return;
    }
    bool unread = r == -E2BIG || (r == -ENODATA && n >= 6);
    if (unread && part_long_sentence(p, s, e, sentence, spent))
        return;
    if (unread && parse_list_head(p, s, e, spliced, spent, &cut) == 0) {
        note_tail_unparsed(p, cut, e);
        r = 0;
        e = cut;
    }
    if (r == 0) {
        rd->sentence = sentence;
        index_words(p, rd);
        indirect_objects(p, rd);
        stray_particles(p, rd);
        per_attachments(p, rd);
        value_attachments(p, rd);
        nouns_compounds(p, rd);
        nouns_verb_compounds(p, rd);
        nouns_clause_in_phrase(p, rd);
        nouns_read(p, rd, colon_head);
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

/* "a course has: lessons, a coach and a beach": a colon right after a verb of having, in a
 * clause with its subject, introduces the verb's objects; the parser reads them with their
 * verb (the colon is no word of its own) instead of as a verbless list. */
static bool listed_after_verb(const struct plan *p, int s, int colon)
{
    return colon > s + 1 && tokens_word_in(p, colon - 1, words_have_verbs);
}

/* "passengers buy tickets for a sailing. Each sailing is on a route": the dictionary reads a
 * gerund after an article ("a sailing") as a verb's form, no noun (nor links the article);
 * when another sentence made it a table, it is that table's row. */
static bool counted_gerund(const struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    return rd->r.pos[j] == 'g' && i > 0 && p->t[i].kind == T_WORD &&
           tokens_word_in(p, i - 1, (const char *const[]){"a", "an", "each", "every", NULL});
}

void reading_sentences(struct plan *p)
{
    if (planner_init() < 0) {
        notes_add(p, p->guessed,
                  "phrase rules only: Link Grammar's or WordNet's English data is "
                  "not installed");
        return;
    }
    memset(p->reading_at, -1, sizeof(p->reading_at));
    int s = 0, sentence = 0, spent = 0;
    for (int i = 0; i <= p->nt && p->nreadings < MAX_READINGS; i++) {
        bool end = i == p->nt || p->t[i].kind == T_STOP ||
                   (p->t[i].kind == T_COLON && !listed_after_verb(p, s, i));
        if (!end)
            continue;
        if (spent > PARSE_BUDGET && i > s) { /* words left: the last stop ends none */
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
    nouns_head_compounds(p);
    /* entities named in a later sentence are known now: look again, then relate */
    for (int q = 0; q < p->nreadings; q++)
        for (int j = 0; j < p->readings[q].n; j++)
            if (p->readings[q].ent[j] < 0 &&
                (links_is_noun(p, &p->readings[q], j) || counted_gerund(p, &p->readings[q], j))) {
                const struct tok *t = &p->t[p->readings[q].tok[j]];
                char snake[NAME_MAX_]; /* "call-out": the table call_out */
                int k =
                    inflect_snake(t->s, snake, sizeof(snake)) == 0 ? entities_find(p, snake) : -1;
                if (k >= 0 && !p->e[k].dropped && p->readings[q].mod[j] < 0)
                    p->readings[q].ent[j] = k;
            }
    products_read(p);
    entities_drop_examples(p);
    entities_drop_values(p);
    for (int q = 0; q < p->nreadings; q++) {
        acts_read(p, &p->readings[q]);
        clauses_read(p, &p->readings[q]);
    }
    nouns_columns_of_tables(p);
    nouns_verb_columns(p);
    phrases_late_have(p);
    nouns_listed_tables(p);
    constraints_read(p);
}
