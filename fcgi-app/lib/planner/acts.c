/* Acts: a person's verb on an entity as a record of its own ("housekeepers clean rooms" →
 * Cleaning), through WordNet's derivations, and weaker, what a subject makes refers back to it. */
#include "planner/plan.h"

#include <stdio.h>
#include <string.h>

/* Verbs too general to name a record of their own: what they do is make, keep or show a
 * thing ("users create boards", "members log climbs"), not an act between two rows. */
static const char *const general_verbs[] = {
    "make",     "take",     "give",    "get",    "do",     "use",    "see",     "write", "open",
    "create",   "manage",   "track",   "log",    "store",  "keep",   "want",    "need",  "like",
    "buy",      "sell",     "play",    "watch",  "follow", "check",  "carry",   "place", "post",
    "share",    "upload",   "comment", "add",    "edit",   "delete", "view",    "read",  "send",
    "receive",  "find",     "search",  "set",    "show",   "run",    "start",   "stop",  "hold",
    "contain",  "own",      "list",    "record", "note",   "mark",   "save",    "meet",  "say",
    "tell",     "work",     "live",    "go",     "come",   "belong", "include", "cover", "plan",
    "organize", "organise", NULL};

/* The object a verb acts on: its object ("clean a room"), or what its preposition points at
 * ("apply for jobs", "subscribe to shows"); -1. */
static int act_object(const struct plan *p, const struct reading *rd, int v)
{
    int o = links_linked(rd, v, "O", true, NULL);
    if (o >= 0)
        return o;
    int from = 0, prep;
    while ((prep = links_linked(rd, v, "MV", true, &from)) >= 0)
        if (tokens_word_in(p, rd->tok[prep],
                           (const char *const[]){"for", "to", "in", "on", "at", "into", NULL}))
            return links_prep_object(p, rd, prep);
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
    /* "attended each callout and the casualties found": the list's first row */
    int m[PARSE_MAX_WORDS];
    int nm = rd->ent[*o] < 0 ? links_members(rd, *o, m, PARSE_MAX_WORDS) : 0;
    for (int q = 0; q < nm && rd->ent[*o] < 0; q++)
        if (m[q] != *o && rd->ent[m[q]] >= 0)
            *o = m[q];
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

/* "members must be inducted on a machine": where WordNet links no noun of act to the verb,
 * the verb's lemma with a suffix of act ("-ion", "-ment") that WordNet knows as a noun
 * whose first sense is an act or event (induct → induction, assess → assessment) names it. */
static bool formed_act(const struct tok *vt, char *act, size_t size)
{
    static const char *const suffixes[] = {"ion", "ment", NULL};
    char lemma[48];
    struct lex_noun an;
    if (!lexicon_verb_lemma(vt->w, lemma, sizeof(lemma)))
        snprintf(lemma, sizeof(lemma), "%s", vt->w);
    for (const char *const *sx = suffixes; *sx; sx++)
        if (snprintf(act, size, "%s%s", lemma, *sx) < (int)size && lexicon_noun(act, &an) &&
            an.record && strcmp(an.lemma, act) == 0)
            return true;
    act[0] = '\0';
    return false;
}

/* Does a word of the prompt other than verb vt name act ("each order", not the verb the
 * rules took for a House in "each kennel houses dogs")? */
static bool said_elsewhere(const struct plan *p, const struct tok *vt, const char *act)
{
    for (int i = 0; i < p->nt; i++)
        if (&p->t[i] != vt && p->t[i].kind == T_WORD && strcmp(p->t[i].s, act) == 0)
            return true;
    return false;
}

/* "customers order a skip, and each order ...", "we rent units ... a rental has a start
 * date": the table the prompt names for verb vt's act: WordNet's noun of act, the verb's lemma
 * itself, or the lemma with a suffix of act (-ion, -ment, -al: rental, removal), when the
 * prompt has such a table: that entity, its name in act; or -1. The prompt saying the noun
 * is what makes a verb of lists ("order", "rent") a record of its own. */
static int prompt_act(const struct plan *p, const struct tok *vt, char *act, size_t size)
{
    static const char *const suffixes[] = {"", "ion", "ment", "al", NULL};
    char lemma[40], name[48], snake[NAME_MAX_];
    int k;
    if (lexicon_act_of_verb(vt->w, act, size) && inflect_snake(act, snake, sizeof(snake)) == 0 &&
        (k = entities_find(p, snake)) >= 0 && !p->e[k].dropped && said_elsewhere(p, vt, act))
        return k;
    /* the word as said too: WordNet's first lemma of "rent" is "rend" */
    if (!lexicon_verb_lemma(vt->w, lemma, sizeof(lemma)))
        snprintf(lemma, sizeof(lemma), "%s", vt->w);
    const char *stems[] = {vt->w, lemma};
    for (int st = 0; st < 2; st++) {
        size_t n = strlen(stems[st]);
        for (const char *const *sx = suffixes; *sx; sx++) {
            /* "remove" + "al": the verb's silent e goes before a suffix */
            bool drop_e = **sx && n > 2 && stems[st][n - 1] == 'e';
            snprintf(name, sizeof(name), "%.*s%s", (int)(drop_e ? n - 1 : n), stems[st], *sx);
            if (inflect_snake(name, snake, sizeof(snake)) == 0 &&
                (k = entities_find(p, snake)) >= 0 && !p->e[k].dropped &&
                said_elsewhere(p, vt, name)) {
                snprintf(act, size, "%s", name);
                return k;
            }
        }
    }
    act[0] = '\0';
    return -1;
}

int acts_named(const struct plan *p, int i)
{
    char act[48];
    return prompt_act(p, &p->t[i], act, sizeof(act));
}

/* Is verb vt too general to name a record, in any inflection ("shared", "kept": WordNet's
 * lemma)? */
static bool general(const struct tok *vt)
{
    char lemma[48];
    return words_in(vt->s, general_verbs) || words_in(vt->w, general_verbs) ||
           (lexicon_verb_lemma(vt->w, lemma, sizeof(lemma)) && words_in(lemma, general_verbs));
}

/* "pilots fly balloons", "drivers drive vans": a person moving a thing (a verb of motion,
 * WordNet's verb.motion, whose act is only its gerund: flying, driving) keeps no record of
 * the act; taking part in an occasion does ("boats race in regattas"). */
static bool moving(const struct tok *vt, const char *act)
{
    char cls[32];
    size_t n = strlen(act);
    return n > 3 && strcmp(act + n - 3, "ing") == 0 &&
           lexicon_verb_class(vt->w, cls, sizeof(cls)) && strcmp(cls, "verb.motion") == 0;
}

/* "bakers bake batches": is the person named after the verb (its lemma, then "-r" or "-er")
 * where the act's name is spelled apart from it ("baking")? */
static bool named_after_verb(const struct tok *vt, const struct lex_noun *xn)
{
    char lemma[48];
    if (!lexicon_verb_lemma(vt->w, lemma, sizeof(lemma)))
        snprintf(lemma, sizeof(lemma), "%s", vt->w); /* "bake": the base form already */
    size_t n = strlen(lemma);
    return n >= 3 && strncmp(xn->lemma, lemma, n) == 0;
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
    if (!entities_join_record(vt->w, act, sizeof(act)) && prompt_act(p, vt, act, sizeof(act)) < 0)
        act[0] = '\0';
    int refs = 0; /* "librarians approve each loan": a loan already joins two rows */
    for (int f = 0; f < p->e[target].nfields; f++)
        refs += p->e[target].fields[f].ref >= 0;
    if (!act[0] &&
        (general(vt) || refs >= 2 ||
         (!part && lexicon_noun(p->e[target].snake, &on) && on.record) ||
         !(lexicon_act_of_verb(vt->w, act, sizeof(act)) || formed_act(vt, act, sizeof(act)))))
        return false;
    if (!part && moving(vt, act))
        return false;
    size_t stem = strlen(act) > 4 ? 4 : strlen(act);
    return strncmp(xn->lemma, act, stem) != 0 && !named_after_verb(vt, xn) &&
           inflect_snake(act, snake, size) == 0;
}

/* "potters throw pots", "glassblowers blow vases": a maker by trade (WordNet: a craftsman or
 * creator) doing what a verb of making does (a sense in verb.creation: "throw" on a potter's
 * wheel) to a thing makes it, as anyone does with a verb whose first sense makes ("chefs cook
 * dishes", not Cookery); no record of an act: the thing refers to its maker (acts_objects). */
static bool makes(const struct plan *p, const struct tok *vt, const struct lex_noun *xn,
                  int target)
{
    struct lex_noun on;
    char cls[32] = "";
    lexicon_verb_class(vt->w, cls, sizeof(cls));
    return (xn->maker || strcmp(cls, "verb.creation") == 0) && lexicon_verb_creates(vt->w) &&
           !(lexicon_noun(p->e[target].snake, &on) && on.record);
}

static void act_between(struct plan *p, const struct reading *rd, int x, int v, int target, int o);

/* "members book a court", "families reserve a show": a join verb's object counted one by one
 * ("a", "an", "one") or a mass noun ("rent equipment") is one row each record joins, which the
 * rules, reading only plural objects, left alone; a row that is itself a record ("book an
 * appointment") is not. */
static bool joins_one(const struct plan *p, const struct reading *rd, const struct tok *vt, int o,
                      int target)
{
    char record[48];
    struct lex_noun on;
    return links_one_row_each(p, rd, o) && entities_join_record(vt->w, record, sizeof(record)) &&
           !(lexicon_noun(p->e[target].snake, &on) && on.record);
}

static void passive_act(struct plan *p, const struct reading *rd, int subj, int v);

/* "we quote for jobs ... A quote lists materials": what the product's users ("we", "I") do
 * to a row, when the prompt names a table with the verb itself, is that table's record of
 * the row (the users are no table to refer to). */
static void our_act(struct plan *p, const struct reading *rd, int x, int v)
{
    char act[48];
    int k, from = 0, prep;
    int o = links_linked(rd, v, "O", true, NULL);
    while (o < 0 && (prep = links_linked(rd, v, "MV", true, &from)) >= 0)
        if (tokens_word_in(p, rd->tok[prep], (const char *const[]){"for", "on", NULL}))
            o = links_prep_object(p, rd, prep); /* what it is for, not where */
    if (o < 0 || rd->ent[o] < 0 ||
        !tokens_word_in(p, rd->tok[x], (const char *const[]){"we", "i", NULL}) ||
        (k = prompt_act(p, &p->t[rd->tok[v]], act, sizeof(act))) < 0 || k == rd->ent[o])
        return;
    relations_add(p, k, rd->ent[o], "cascade", rd->tok[x], rd->tok[o] + 1);
    tokens_mark_used(p, rd->tok[v], rd->tok[v] + 1);
}

/* The act of subject word x at verb v: on its object, or, in a passive, by its agent. */
static void subject_act(struct plan *p, const struct reading *rd, int x, int v)
{
    int o, chain[6];
    bool passive;
    links_verb_chain(p, rd, v, chain, &passive);
    int target = rd->ent[x] >= 0 && !passive ? act_target(p, rd, v, x, &o) : -1;
    if (target >= 0)
        act_between(p, rd, x, v, target, o);
    else if (rd->ent[x] >= 0)
        passive_act(p, rd, x, v);
    else if (!passive)
        our_act(p, rd, x, v);
}

/* "members must be inducted on a machine", "candidates are interviewed for jobs": a person
 * a passive act is done to, without its agent, on or for a row of another table; the act
 * is a record of both (Induction, Interview), where a place after "in" or "at" is only where
 * it happens. What the subject is put into or to, when the prompt names the act's table,
 * is the other row ("birds are entered into races, and each entry ..."). */
static void agentless_act(struct plan *p, const struct reading *rd, int subj, int v)
{
    int from = 0, prep;
    char act[48];
    while ((prep = links_linked(rd, v, "MV", true, &from)) >= 0)
        if (tokens_is_word(p, rd->tok[prep], "by"))
            return;
    bool named = prompt_act(p, &p->t[rd->tok[v]], act, sizeof(act)) >= 0;
    from = 0;
    while ((prep = links_linked(rd, v, "MV", true, &from)) >= 0) {
        bool into =
            named && tokens_word_in(p, rd->tok[prep], (const char *const[]){"into", "to", NULL});
        int y = into || tokens_word_in(p, rd->tok[prep], (const char *const[]){"on", "for", NULL})
                    ? links_prep_object(p, rd, prep)
                    : -1;
        if (y >= 0 && rd->ent[y] >= 0)
            act_between(p, rd, subj, v, rd->ent[y], y);
    }
}

/* "desks can be reserved by members": the person of a passive is its "by" agent, the row its
 * subject. */
/* "cars are serviced every year. Each service has a cost": a table the prompt names with the
 * act of a passive verb (WordNet's noun of act) is the record of what is done to the
 * subject's rows, and refers to them. */
static void acted_on(struct plan *p, const struct reading *rd, int subj, int w)
{
    char act[48], snake[NAME_MAX_];
    int k;
    if (!lexicon_act_of_verb(p->t[rd->tok[w]].w, act, sizeof(act)) ||
        inflect_snake(act, snake, sizeof(snake)) < 0 || (k = entities_find(p, snake)) < 0 ||
        k == rd->ent[subj] || p->e[k].dropped)
        return;
    relations_add(p, k, rd->ent[subj], "cascade", rd->tok[subj], rd->tok[w] + 1);
}

/* "each class is taught by one of the glassblowers", "every rig is maintained by a rigger", "a
 * challenge is issued by one player": an agent counted as one (the "by" of preposition word prep
 * right before "a", "an" or "one") is the one each of the subject's rows has, a reference, no
 * record of an act between them; but a join verb's record ("is booked by a client") or one the
 * prompt names stays. */
static bool one_agent_each(const struct plan *p, const struct reading *rd, int prep, int v)
{
    const struct tok *vt = &p->t[rd->tok[v]];
    char act[48];
    return tokens_word_in(p, rd->tok[prep] + 1, (const char *const[]){"a", "an", "one", NULL}) &&
           !entities_join_record(vt->w, act, sizeof(act)) &&
           prompt_act(p, vt, act, sizeof(act)) < 0;
}

static void passive_act(struct plan *p, const struct reading *rd, int subj, int v)
{
    int chain[6];
    bool passive;
    int nc = links_verb_chain(p, rd, v, chain, &passive);
    struct lex_noun sn;
    /* "each walk is booked by a client": a row that is itself an act was made, not acted on */
    if (lexicon_noun(p->t[rd->tok[subj]].w, &sn) && sn.record)
        return;
    for (int q = 1; q < nc; q++) {
        /* "is booked" (Pv) or "can be reserved" (Pa, the parser's adjective): the "by" agent
         * says it is a passive */
        int from = 0, prep;
        while ((prep = links_linked(rd, chain[q], "MV", true, &from)) >= 0) {
            int y = tokens_is_word(p, rd->tok[prep], "by") ? links_prep_object(p, rd, prep) : -1;
            if (y >= 0 && rd->ent[y] >= 0 && !one_agent_each(p, rd, prep, chain[q]))
                act_between(p, rd, y, chain[q], rd->ent[subj], y);
        }
        if (passive) {
            agentless_act(p, rd, subj, chain[q]);
            acted_on(p, rd, subj, chain[q]);
        }
    }
}

/* The verbs of subject link l: its verb, or "singers belong to sections and attend
 * rehearsals": a list of verbs (VJl, VJr from the conjunction); -1 where none. */
static void subject_verbs(const struct reading *rd, const struct parse_link *l, int verbs[2])
{
    verbs[0] = l->r;
    verbs[1] = -1;
    if (rd->r.pos[l->r] != 'v') {
        verbs[0] = links_linked(rd, l->r, "VJl", false, NULL);
        verbs[1] = links_linked(rd, l->r, "VJr", true, NULL);
    }
}

/* "members of the public may comment on an application": the verb after a modal (its I
 * link), which has the act's object; v itself otherwise. */
static int after_modal(const struct plan *p, const struct reading *rd, int v)
{
    int w = v >= 0 && tokens_word_in(p, rd->tok[v],
                                     (const char *const[]){"may", "might", "can", "could", "must",
                                                           "should", "will", "would", NULL})
                ? links_linked(rd, v, "I", true, NULL)
                : -1;
    return w >= 0 && rd->r.pos[w] == 'v' ? w : v;
}

void acts_read(struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        /* "for each member who attempts a grading": the noun the relative pronoun stands
         * for (R) is the subject of its clause's verb (RS) */
        int rel = links_label_is(l->label, "RS") ? links_linked(rd, l->l, "R", false, NULL) : -1;
        if (rel >= 0 && rd->r.pos[l->r] == 'v')
            subject_act(p, rd, rel, after_modal(p, rd, l->r));
        if (!links_is_subject(l->label))
            continue;
        int verbs[2];
        subject_verbs(rd, l, verbs);
        verbs[0] = after_modal(p, rd, verbs[0]);
        verbs[1] = after_modal(p, rd, verbs[1]);
        /* "a job board ... and candidates apply": the parser's subject may be a list */
        int m[PARSE_MAX_WORDS];
        int nm = links_members(rd, l->l, m, PARSE_MAX_WORDS);
        for (int vi = 0; vi < 2; vi++)
            for (int q = 0; verbs[vi] >= 0 && rd->r.pos[verbs[vi]] == 'v' && q < nm; q++)
                subject_act(p, rd, m[q], verbs[vi]);
    }
}

/* "tenants rent a room on a tenancy": the record a join verb makes is a table the prompt
 * names after "on" or "under" the verb or its object, when WordNet files it as a record (an
 * act, event or communication: a tenancy, a lease, a contract); that entity, or -1. */
static int named_record(const struct plan *p, const struct reading *rd, const struct tok *vt,
                        int v, int o)
{
    char record[48];
    if (!entities_join_record(vt->w, record, sizeof(record)))
        return -1;
    int heads[2] = {v, o};
    for (int h = 0; h < 2; h++) {
        int from = 0, prep;
        while ((prep = links_linked(rd, heads[h], "M", true, &from)) >= 0) {
            struct lex_noun ln;
            int y = tokens_word_in(p, rd->tok[prep], (const char *const[]){"on", "under", NULL})
                        ? links_prep_object(p, rd, prep)
                        : -1;
            if (y >= 0 && rd->ent[y] >= 0 && lexicon_noun(p->t[rd->tok[y]].w, &ln) && ln.record)
                return rd->ent[y];
        }
    }
    return -1;
}

/* The table of the act of word x at verb v on entity target (o: the last word said), named
 * snake or the table the prompt names for it (named, or -1): found, or added; -1 when it
 * would be one of the two rows. */
static int act_record(struct plan *p, const struct reading *rd, int x, int v, int target, int o,
                      const char *snake, int named)
{
    const struct tok *vt = &p->t[rd->tok[v]];
    char record[48];
    int ak = entities_find(p, snake);
    if (ak < 0 && entities_join_record(vt->w, record, sizeof(record)))
        ak = entities_by_vocab(p, snake); /* "bookings" said, "reserve" read: one table */
    /* the phrase rules' record of the same two rows ("Rental") is the one named */
    if (named >= 0 && ak >= 0 && ak != named && !p->e[ak].dropped && p->parent[ak][rd->ent[x]] &&
        p->parent[ak][target])
        entities_merge(p, ak, named, "the prompt names the record its verb makes");
    ak = named >= 0 ? named : ak;
    /* "a tuner visits pianos": the table the rules made of the verb's word, which the parse
     * showed is no table (or one merged into another), is no record either; the rows relate
     * as the verb says without one */
    if (ak == rd->ent[x] || ak == target || (ak >= 0 && p->e[ak].dropped))
        return -1;
    if (ak < 0) {
        ak = entities_add(p, snake, entities_vocab_named(snake), rd->tok[x], rd->tok[o] + 1);
        if (ak < 0)
            return -1;
        char n[NAME_MAX_], from[SNIPPET_MAX + 8];
        tokens_snippet(p, rd->tok[x], rd->tok[o] + 1, from, sizeof(from));
        notes_add(p, p->guessed, "%s from \"%s\": WordNet names the act of \"%s\"",
                  entities_pascal(snake, n, sizeof(n)), from, vt->w);
    }
    return ak;
}

/* The name of the value a verb of judging gives (its lemma): when the lemma as a noun names
 * an amount of its own ("guests rate rooms": a rate is a price or a ratio), the noun WordNet
 * has of the verb's gerund ("rating"); else the lemma ("score", "mark"). */
static const char *value_name(const char *lemma, char *out, size_t size)
{
    struct lex_noun ln;
    size_t n = strlen(lemma);
    if (lexicon_noun_amount(lemma) == LEX_AMOUNT_NONE || n < 2)
        return lemma;
    /* the gerund drops a silent final "e": "rate" → "rating" */
    int stem = (int)n - (lemma[n - 1] == 'e' && !strchr("aeiou", lemma[n - 2]));
    snprintf(out, size, "%.*sing", stem, lemma);
    return lexicon_noun(out, &ln) ? out : lemma;
}

/* "a taster scores a barrel from 1 to 100", "judges mark entries out of 20": limits after the
 * act's object are the act's value, a column named by the verb (score, mark) of its record, or
 * of the object when no record is kept (row ak). */
static void act_value(struct plan *p, int ak, const struct tok *vt, int after)
{
    char lemma[WORD_MAX], name[WORD_MAX], en[NAME_MAX_];
    int end = tokens_sentence_end(p, after);
    if (constraints_limits_end(p, after) <= after)
        return;
    if (!lexicon_verb_lemma(vt->w, lemma, sizeof(lemma)))
        snprintf(lemma, sizeof(lemma), "%s", vt->w); /* "judges score": the base form */
    struct field *f = fields_add(p, ak, value_name(lemma, name, sizeof(name)), true);
    if (!f)
        return;
    int at = after;
    constraints_enum_or_range(p, f, &at, end);
    char from[SNIPPET_MAX + 8];
    tokens_snippet(p, after, at, from, sizeof(from));
    notes_add(p, p->understood, "field %s.%s: %s, the value of \"%s\" (from \"%s\")",
              entities_pascal(p->e[ak].snake, en, sizeof(en)), f->name, f->type, vt->w, from);
}

/* The act of person word x at verb v on entity target (o: the last word said), if the verb
 * names one (see acts_read). */
static void act_between(struct plan *p, const struct reading *rd, int x, int v, int target, int o)
{
    const struct tok *vt = &p->t[rd->tok[v]], *xt = &p->t[rd->tok[x]];
    char snake[NAME_MAX_];
    struct lex_noun xn;
    if (target < 0 || target == rd->ent[x] || !lexicon_noun(xt->w, &xn))
        return;
    /* "enter" is a verb of lists ("I enter my expenses") unless it is taking part */
    bool part = takes_part(p, vt, target), one = joins_one(p, rd, vt, o, target);
    /* a join verb's subject may be a group too ("families book a show", "groups book
     * rooms"), as in the rules */
    char record[48];
    bool group_joins = xn.kind == LEX_GROUP && entities_join_record(vt->w, record, sizeof(record));
    int named = named_record(p, rd, vt, v, o);
    if (named == target || named == rd->ent[x])
        named = -1; /* "pupils are enrolled on lessons": what "on" points at is the row */
    char said[48];
    bool joins = one || group_joins || named >= 0 || prompt_act(p, vt, said, sizeof(said)) >= 0;
    if (!(xn.person || part || joins) || words_in(vt->w, words_have_verbs) ||
        makes(p, vt, &xn, target) || (!part && words_in(vt->w, words_list_verbs) && !joins) ||
        !act_name(p, vt, &xn, target, snake, sizeof(snake)))
        return;
    int ak = act_record(p, rd, x, v, target, o, snake, named);
    if (ak < 0)
        return;
    relations_add(p, ak, rd->ent[x], "cascade", rd->tok[x], rd->tok[o] + 1);
    relations_add(p, ak, target, "cascade", rd->tok[x], rd->tok[o] + 1);
    tokens_mark_used(p, rd->tok[v], rd->tok[v] + 1);
    p->act_verb[rd->tok[v]] = true;
    act_value(p, ak, vt, rd->tok[o] + 1);
}

/* "every batch uses a recipe": one thing used (WordNet's verb.consumption: use, consume) is
 * no thing its user made; the user has one of it, as with "has a". */
static bool used(const struct tok *vt)
{
    char cls[32];
    return lexicon_verb_class(vt->w, cls, sizeof(cls)) && strcmp(cls, "verb.consumption") == 0;
}

/* "each kennel houses several dogs", "each box contains many parts": a verb of being
 * (WordNet's verb.stative) with an object says what a row holds, as having does, however
 * many: one-to-many, no join ("each sampler uses several threads" is one). */
static bool stative(const struct tok *vt)
{
    char cls[32];
    return lexicon_verb_class(vt->w, cls, sizeof(cls)) && strcmp(cls, "verb.stative") == 0;
}

/* The objects of verb v, and the one after its particle ("customers drop off garments"),
 * into out[] (PARSE_MAX_WORDS + 1 slots); returns how many. */
static int verb_objects(const struct plan *p, const struct reading *rd, int v, int *out)
{
    int from = 0, o, n = 0;
    while ((o = links_linked(rd, v, "O", true, &from)) >= 0 && n < PARSE_MAX_WORDS)
        out[n++] = links_amount_of(p, rd, o) >= 0 ? links_amount_of(p, rd, o) : o;
    /* "each glassblower has a name and makes pieces": the parse may hang the object of a
     * list's verb that has none of its own on the conjunction (VJ) */
    int conj = n == 0 ? links_linked(rd, v, "VJ", false, NULL) : -1;
    from = 0;
    while (conj >= 0 && (o = links_linked(rd, conj, "O", true, &from)) >= 0 && n < PARSE_MAX_WORDS)
        out[n++] = links_amount_of(p, rd, o) >= 0 ? links_amount_of(p, rd, o) : o;
    if ((o = links_particle_object(p, rd, v)) >= 0)
        out[n++] = o;
    /* "the songs each band plays", "the parts each supplier provides": a relative clause
     * without a pronoun (the noun's Rn to the clause's subject) has the noun, or the list it
     * ends, as its verb's object (B) */
    int b = links_linked(rd, v, "B", false, NULL);
    if (b >= 0 && links_linked(rd, b, "Rn", true, NULL) >= 0 && n == 0) {
        int ms[PARSE_MAX_WORDS];
        int nm = links_members(rd, b, ms, PARSE_MAX_WORDS), last = -1;
        for (int q = 0; q < nm; q++)
            last = ms[q] > last ? ms[q] : last;
        if (last >= 0)
            out[n++] = last;
    }
    return n;
}

/* "competitors enter one course", "members join one club": an object counted by "one" is
 * one of the rows there are, which each subject picks (it refers to it), not a row it makes
 * ("buyers make an offer"). */
static bool counted_one(const struct plan *p, const struct reading *rd, int o)
{
    int d = links_linked(rd, o, "D", false, NULL);
    return d >= 0 && tokens_is_word(p, rd->tok[d], "one");
}

/* "a ride follows a route", "each tray sits on a shelf": one row, counted so, doing
 * something to one thing counted by "a" that is no record (WordNet's acts, events,
 * documents: "a team makes a booking", "a customer places an order" make theirs) and that
 * the verb's first sense does not create ("a potter makes a vase") has one of it, as "has a" says.
 */
static bool one_to_one_thing(const struct plan *p, const struct reading *rd, int x, int v, int o)
{
    char cls[32] = "";
    struct lex_noun on;
    bool one = links_counted_entity(p, rd, x) >= 0 || links_one_of_many(p, rd, x);
    lexicon_verb_class(p->t[rd->tok[v]].w, cls, sizeof(cls));
    return one && links_one_of_many(p, rd, o) && lexicon_noun(p->t[rd->tok[o]].w, &on) &&
           !on.record && !on.person && strcmp(cls, "verb.creation") != 0;
}

/* Does the clause of verb v on object o say a row the act is for ("book lessons for their
 * children")? */
static bool for_a_row(const struct plan *p, const struct reading *rd, int v, int o)
{
    int heads[2] = {v, o};
    for (int h = 0; h < 2; h++) {
        int from = 0, prep;
        while ((prep = links_linked(rd, heads[h], "M", true, &from)) >= 0) {
            int y = tokens_is_word(p, rd->tok[prep], "for") ? links_prep_object(p, rd, prep) : -1;
            if (y >= 0 && rd->ent[y] >= 0)
                return true;
        }
    }
    return false;
}

/* "customers book moves", "pupils book lessons": what a verb of arranging (a join verb
 * WordNet files first under cognition: book, as schedule) books, when it is itself a thing
 * done (WordNet's acts and events: a move, a lesson), is the booking: the rules' join record
 * of the two (Booking), which the prompt does not name and which relates no third row ("for
 * their children"), goes, and the booked row refers to its subject. A thing booked ("guests
 * book rooms") keeps it, as taking part does ("singers attend rehearsals"). */
static void booked_records(struct plan *p, const struct reading *rd, int x, int v)
{
    const struct tok *vt = &p->t[rd->tok[v]];
    char record[48], cls[32];
    int objects[PARSE_MAX_WORDS + 1];
    int n = verb_objects(p, rd, v, objects);
    if (rd->ent[x] < 0 || !entities_join_record(vt->w, record, sizeof(record)) ||
        said_elsewhere(p, vt, record) || !lexicon_verb_class(vt->w, cls, sizeof(cls)) ||
        strcmp(cls, "verb.cognition") != 0)
        return;
    int jk = entities_by_vocab(p, record);
    for (int k = 0; k < n && jk >= 0; k++) {
        int o = objects[k], ok = rd->ent[o];
        struct lex_noun on;
        if (ok < 0 || ok == rd->ent[x] || jk == ok || jk == rd->ent[x] ||
            !p->parent[jk][rd->ent[x]] || !p->parent[jk][ok] || for_a_row(p, rd, v, o) ||
            !lexicon_noun(p->e[ok].snake, &on) || !on.happening || on.person)
            continue;
        entities_merge(p, jk, ok, "what is booked is itself a record, the booking");
        relations_add(p, ok, rd->ent[x], "cascade", rd->tok[x], rd->tok[o] + 1);
        jk = -1;
    }
}

/* "riders join rides. Each ride has many riders": rows said in the plural taking part (a
 * verb WordNet files first under social life or contests) in rows of acts or occasions said
 * in the plural, which the verb does not make, when another clause gave each of those many of
 * them (x refers to o), are each with many of the other: a join of the two. Alone the clause
 * says too little ("walkers take walks", "lifeguards work shifts": one each). */
static bool take_part_in_many(const struct plan *p, const struct reading *rd, int x, int v, int o)
{
    const struct tok *xt = &p->t[rd->tok[x]], *ot = &p->t[rd->tok[o]];
    char cls[32];
    struct lex_noun on;
    return tokens_is_plural(xt) && tokens_is_plural(ot) && links_counted_entity(p, rd, x) < 0 &&
           links_counted_entity(p, rd, o) < 0 && !counted_one(p, rd, o) &&
           links_linked(rd, o, "D", false, NULL) < 0 &&
           lexicon_verb_class(p->t[rd->tok[v]].w, cls, sizeof(cls)) &&
           words_in(cls, (const char *const[]){"verb.social", "verb.competition", NULL}) &&
           !lexicon_verb_creates(p->t[rd->tok[v]].w) && lexicon_noun(ot->w, &on) &&
           (on.record || on.occasion) && !on.person;
}

/* Are subject word x and object o of verb v related already (either way, or joined), or
 * joined now, taking part being said many with many? */
static bool related_already(struct plan *p, const struct reading *rd, int x, int v, int o)
{
    int xe = rd->ent[x], oe = rd->ent[o];
    if (p->parent[xe][oe] && take_part_in_many(p, rd, x, v, o)) {
        relations_remove(p, xe, oe);
        relations_join(p, oe, xe, rd->tok[x], rd->tok[o] + 1);
        return true;
    }
    /* "each ride has many riders" after a join of the two says the join again */
    return p->parent[xe][oe] || p->parent[oe][xe] || relations_joined(p, xe, oe);
}

/* Weaker: "buyers make offers", "companies post listings": what subject word x makes at
 * verb v refers to it. */
static void made_objects(struct plan *p, struct reading *rd, int x, int v)
{
    const struct tok *vt = &p->t[rd->tok[v]];
    bool have = words_in(vt->w, words_have_verbs);
    size_t vl = strlen(vt->w);
    if (vl > 3 && strcmp(vt->w + vl - 2, "ed") == 0)
        return; /* a participle: "pages organized in spaces" is no maker */
    bool join = false;
    for (const struct join_verb *q = words_join_verbs; q->entity; q++)
        join |= strcmp(vt->w, q->verb) == 0;
    if (join)
        booked_records(p, rd, x, v);
    /* an act the verb names (acts_read) refers to both */
    if (join || p->act_verb[rd->tok[v]])
        return;
    int objects[PARSE_MAX_WORDS + 1];
    int n = verb_objects(p, rd, v, objects);
    for (int k = 0; k < n; k++) {
        int o = objects[k];
        /* "every judge marks every routine": each with all of the others, neither's maker */
        bool all_with_all =
            links_counted_entity(p, rd, x) >= 0 && links_counted_entity(p, rd, o) >= 0;
        if (rd->ent[o] < 0 || rd->ent[o] == rd->ent[x] || all_with_all ||
            (!stative(vt) && clauses_many_with_many(p, rd, x, v, o)))
            continue;
        if (related_already(p, rd, x, v, o))
            continue;
        if (((have || used(vt) || counted_one(p, rd, o)) && links_one_of_many(p, rd, o)) ||
            one_to_one_thing(p, rd, x, v, o)) {
            /* "each course has a teacher": many courses, one teacher each */
            relations_add(p, rd->ent[x], rd->ent[o], "set_null", rd->tok[x], rd->tok[o] + 1);
            continue;
        }
        /* "editors assign reviewers": people are no person's making ("agencies employ
         * nurses" keeps its nurses) */
        struct lex_noun on, xn;
        if (!have && lexicon_noun(p->t[rd->tok[o]].w, &on) && on.person &&
            lexicon_noun(p->t[rd->tok[x]].w, &xn) && xn.person)
            continue;
        relations_add(p, rd->ent[o], rd->ent[x], "cascade", rd->tok[x], rd->tok[o] + 1);
        if (!have)
            act_value(p, rd->ent[o], vt, rd->tok[o] + 1);
        if (!have) {
            char c[NAME_MAX_], s[NAME_MAX_], from_s[SNIPPET_MAX + 8];
            tokens_snippet(p, rd->tok[x], rd->tok[o] + 1, from_s, sizeof(from_s));
            notes_add(p, p->guessed, "%s refers to the %s that made it (from \"%s\")",
                      entities_pascal(p->e[rd->ent[o]].snake, c, sizeof(c)),
                      entities_pascal(p->e[rd->ent[x]].snake, s, sizeof(s)), from_s);
        }
    }
}

/* "properties are owned by landlords and contain appliances": the parse may give the
 * auxiliary a list of verbs (I to the conjunction, VJl and VJr from it); the last is a verb of
 * the subject's own, its objects as after any verb (a participle makes nothing:
 * made_objects). */
static void auxiliary_list(const struct reading *rd, int verbs[2])
{
    int conj = verbs[0] >= 0 && verbs[1] < 0 ? links_linked(rd, verbs[0], "I", true, NULL) : -1;
    if (conj < 0 || rd->r.pos[conj] == 'v')
        return;
    int last = links_linked(rd, conj, "VJr", true, NULL);
    if (last >= 0 && rd->r.pos[last] == 'v')
        verbs[1] = last;
}

/* Runs after the vocabulary's usual parents, which know better; for each verb of a subject
 * ("lifeguards hold a qualification and work shifts": both). */
/* "one of our crews puts up each booking": a subject "one of" Xs picks a row of X, which
 * stands for the subject (the plural's word); x itself otherwise. */
static int picked_row(const struct plan *p, const struct reading *rd, int x)
{
    int of = tokens_is_word(p, rd->tok[x], "one") ? links_linked(rd, x, "Mf", true, NULL) : -1;
    int j = of >= 0 && tokens_is_word(p, rd->tok[of], "of") ? links_linked(rd, of, "J", true, NULL)
                                                            : -1;
    return rd->ent[x] < 0 && j >= 0 && rd->ent[j] >= 0 ? j : x;
}

void acts_objects(struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        int x = links_is_subject(l->label) ? picked_row(p, rd, l->l) : -1;
        if (x < 0 || rd->ent[x] < 0)
            continue;
        int verbs[2];
        subject_verbs(rd, l, verbs);
        auxiliary_list(rd, verbs);
        /* "a student can take many courses": the verb after a modal */
        for (int vi = 0; vi < 2; vi++)
            if (verbs[vi] >= 0 && rd->r.pos[verbs[vi]] == 'v')
                made_objects(p, rd, x, after_modal(p, rd, verbs[vi]));
    }
}
