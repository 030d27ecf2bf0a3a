/* Relations and fields a clause states: passives ("booked by a client"), places ("each plant
 * is in a room"), attachments ("revisions of each page", "purchases per vehicle") and the
 * columns said of a counted row ("the weight of each parcel", "for every vessel we store"). */
#include "planner/plan.h"

#include <stdio.h>
#include <string.h>

/* The fields a clause gives its subject X at verb v: "a repair has a status and an optional
 * cost" (the rules found no subject for "has"; the parser did, and the rules read the list),
 * "each visit records the date, the reason and the fee" (a singular subject with a verb of
 * keeping: columns, not tables; the rules took "stores" for a Store, which goes). */
/* "sales record which part was sold, the sale price and the buyer": the token that starts
 * the list after a verb's indirect question (QN), past the comma that ends the question;
 * -1 when the verb asks none or nothing follows it. */
static int after_question(const struct plan *p, const struct reading *rd, int v)
{
    int q = links_linked(rd, v, "QN", true, NULL);
    int end = tokens_sentence_end(p, rd->tok[v] + 1);
    for (int i = q >= 0 ? rd->tok[q] + 1 : end; i + 1 < end; i++)
        if (p->t[i].kind == T_COMMA)
            return i + 1;
    return -1;
}

static void subject_fields(struct plan *p, const struct reading *rd, int x, int v)
{
    int vt_i = rd->tok[v];
    const struct tok *vt = &p->t[vt_i];
    bool have = words_in(vt->w, words_have_verbs);
    /* "trays record a sowing date": many rows each keep one value, a column too (but
     * "stations record readings" keeps rows of another table) */
    int o = links_linked(rd, v, "O", true, NULL), first[PARSE_MAX_WORDS];
    int d = o >= 0 ? links_linked(rd, o, "D", false, NULL) : -1; /* "the" -D- "and" too */
    if (o >= 0 && links_members(rd, o, first, PARSE_MAX_WORDS) > 0)
        o = first[0]; /* "trips record the mileage and the fuel used": a list's first */
    if (o >= 0 && links_linked(rd, o, "D", false, NULL) >= 0)
        d = links_linked(rd, o, "D", false, NULL);
    bool one_value = d >= 0 && !tokens_is_plural(&p->t[rd->tok[o]]) &&
                     tokens_word_in(p, rd->tok[d], words_articles);
    /* "sales record which part was sold, the price and the date": after an indirect question
     * of one row each, the list goes on with each row's values */
    int from = have ? -1 : after_question(p, rd, v);
    bool asked = from >= 0; /* the rules may have read the question, not the list after it */
    bool keeps = !have && words_in(vt->w, words_record_verbs) &&
                 (!tokens_is_plural(&p->t[rd->tok[x]]) || one_value || asked) &&
                 rd->r.pos[v] == 'v';
    if (!asked)
        from = vt_i + 1;
    /* "on every visit the technician records ...": the visit's (columns_read) */
    if ((!have && !keeps) || from >= p->nt || p->t[from].used ||
        (keeps && columns_opener_row(p, rd, x) >= 0))
        return;
    int vk = keeps && vt->used ? links_entity_of_word(p, vt_i, vt->s) : -1;
    if (vt->used && !asked && !(vk >= 0 && links_head_count(p, vt->s) == 1))
        return;
    if (vk >= 0) {
        char said[SNIPPET_MAX + 8];
        tokens_snippet(p, vt_i, vt_i + 1, said, sizeof(said));
        notes_add(p, p->understood, "\"%s\" is the clause's verb, not a table", said);
        entities_drop(p, vk);
    }
    int end = tokens_sentence_end(p, vt_i + 1);
    p->t[vt_i].used = true;
    phrases_field_list(p, rd->ent[x], from, end, false, have);
}

/* Verbs of coming together: the rows of their plural subject meet one another, so the place
 * after them is where a gathering is ("members meet in rooms"), not where each row is; one
 * row that meets ("each lesson meets at a lift") is there. */
static const char *const gathering_verbs[] = {"meet",       "gather",  "assemble",
                                              "congregate", "convene", NULL};

/* Is verb w (any inflection: WordNet's lemma) one of set? */
static bool verb_in(const char *w, const char *const *set)
{
    char lemma[WORD_MAX];
    return words_in(w, set) ||
           (lexicon_verb_lemma(w, lemma, sizeof(lemma)) && words_in(lemma, set));
}

/* Is word y counted as many ("several teachers", "many rooms", "two judges", "lots of
 * shifts")? A row said to be done by or
 * kept in many of them refers to none ("each classroom is shared by several teachers"). */
static bool counted_many(const struct plan *p, const struct reading *rd, int y)
{
    int from = 0, d = links_linked(rd, y, "D", false, &from);
    int of = links_linked(rd, y, "J", false, NULL);
    /* a number: "marked by two judges" (but "one of our two courses" is one) */
    if (d >= 0 && links_label_is(rd->r.links[from - 1].label, "Dmcn") &&
        !(of >= 0 && tokens_is_word(p, rd->tok[of], "of")))
        return true;
    int amount = of >= 0 ? links_linked(rd, of, "M", false, NULL) : -1;
    if (amount >= 0 && links_amount_of(p, rd, amount) == y)
        return true; /* "lots of shifts" */
    return d >= 0 && tokens_word_in(p, rd->tok[d],
                                    (const char *const[]){"several", "many", "multiple", "various",
                                                          "numerous", "few", NULL});
}

/* Is plural word y picked one by "one of" ("in one of our kilns")? */
static bool one_of(const struct plan *p, const struct reading *rd, int y)
{
    int of = links_linked(rd, y, "J", false, NULL);
    int one = of >= 0 && tokens_is_word(p, rd->tok[of], "of")
                  ? links_linked(rd, of, "M", false, NULL)
                  : -1;
    return one >= 0 && tokens_is_word(p, rd->tok[one], "one");
}

/* Is the count of x's and y's rows that of many rows each in one place? Not when one row
 * counted by each/every is in many ("each nurse works on several wards"), but one of many is
 * one ("every piece cools in one of our kilns"). */
static bool many_to_one(const struct plan *p, const struct reading *rd, int x, int y)
{
    bool y_many =
        (tokens_is_plural(&p->t[rd->tok[y]]) || rd->r.pos[y] == 'p') && !one_of(p, rd, y);
    return !(y_many && links_counted_entity(p, rd, x) >= 0);
}

/* Is verb v phrasal: with a particle the parse links ("K"), or before a word other than the
 * preposition prep that WordNet joins it with ("sign up" for: sign_up, which the parse may
 * read as an adverb; but "stay in" homes, though WordNet knows "stay_in")? */
static bool phrasal(const struct plan *p, const struct reading *rd, int v, int prep)
{
    char lemma[WORD_MAX], joined[2 * WORD_MAX + 2], cls[32];
    const struct tok *vt = &p->t[rd->tok[v]];
    if (links_linked(rd, v, "K", true, NULL) >= 0)
        return true;
    /* only a word the parse gives no part of speech ("up", "in") may be a particle */
    if (v + 1 >= rd->n || v + 1 == prep || p->t[rd->tok[v + 1]].kind != T_WORD ||
        rd->r.pos[v + 1] != 0)
        return false;
    if (!lexicon_verb_lemma(vt->w, lemma, sizeof(lemma)))
        snprintf(lemma, sizeof(lemma), "%s", vt->w);
    snprintf(joined, sizeof(joined), "%s_%s", lemma, p->t[rd->tok[v + 1]].w);
    return lexicon_verb_class(joined, cls, sizeof(cls));
}

/* "performances take place at venues", "riders take part in races": an object that no
 * table names and that WordNet joins with the verb into a verb of its own ("take_place") is
 * part of the verb, which then has no object. */
static bool idiom_object(const struct plan *p, const struct reading *rd, int v, int o)
{
    char lemma[WORD_MAX], joined[2 * WORD_MAX + 2], cls[32];
    const char *vw = p->t[rd->tok[v]].w;
    if (rd->ent[o] >= 0 || o != v + 1)
        return false;
    if (!lexicon_verb_lemma(vw, lemma, sizeof(lemma)))
        snprintf(lemma, sizeof(lemma), "%s", vw);
    snprintf(joined, sizeof(joined), "%s_%s", lemma, p->t[rd->tok[o]].w);
    return lexicon_verb_class(joined, cls, sizeof(cls));
}

/* "the dividends a portfolio receives": a relative clause moved verb v's object before it
 * (B), and v has a subject of its own (S; in "buildings that belong to" the moved word is
 * the subject). */
static bool moved_object(const struct reading *rd, int v)
{
    int from = 0;
    return links_linked(rd, v, "B", false, NULL) >= 0 &&
           links_linked(rd, v, "S", false, &from) >= 0 &&
           links_is_subject(rd->r.links[from - 1].label);
}

/* "paintings hang in galleries", "plants grow in beds", "nurses work on wards", "each ringer
 * practises at one tower", "anglers fish from pegs": a verb said without an object, whose
 * preposition of place attaches to the verb, puts its subject x in the place y; not a
 * gathering ("members meet in rooms"), a join verb ("students enroll in courses"), a
 * phrasal verb ("volunteers sign up for shifts": many each) or a place the parse also gives
 * a noun ("... for shifts at events": the shifts are at the events), or a verb that named an
 * act of its own (acts.c: "candidates apply for jobs"), nor a record ("members vote on
 * proposals"), nor a verb whose object a relative clause moved before it ("the dividends a
 * portfolio receives from a security": B). "for" is whom one works for ("volunteers work for
 * charities"). */
static bool located(const struct plan *p, const struct reading *rd, int x, int v, int y, int prep)
{
    const struct tok *vt = &p->t[rd->tok[v]];
    /* "musicians play instruments and belong to sections": belonging, as the phrase rules
     * read it next to its subject, also as the second of two verbs, and to a record too */
    bool belongs = tokens_is_word(p, rd->tok[prep], "to") &&
                   verb_in(vt->w, (const char *const[]){"belong", NULL});
    /* "every delivery goes to a store": where a row moves to (a verb WordNet files first
     * under motion) is where it is bound, as where it comes from */
    char cls[32];
    belongs |= tokens_is_word(p, rd->tok[prep], "to") &&
               lexicon_verb_class(vt->w, cls, sizeof(cls)) && strcmp(cls, "verb.motion") == 0;
    if ((!belongs && !tokens_word_in(p, rd->tok[prep],
                                     (const char *const[]){"in", "on", "at", "within", "inside",
                                                           "under", "from", "for", NULL})) ||
        links_linked(rd, prep, "Mp", false, NULL) >= 0 || rd->r.pos[v] != 'v' ||
        moved_object(rd, v) || p->act_verb[rd->tok[v]] ||
        (verb_in(vt->w, gathering_verbs) && tokens_is_plural(&p->t[rd->tok[x]])) ||
        words_in(vt->w, words_have_verbs) || phrasal(p, rd, v, prep))
        return false;
    for (const struct join_verb *q = words_join_verbs; q->entity; q++)
        if (verb_in(vt->w, (const char *const[]){q->verb, NULL}))
            return false;
    /* "members vote on proposals": a record (an act, event or document) is what a verb acts
     * on or takes part in, no place a row is kept in; but "at" says where, whatever the word
     * ("each lesson meets at a lift": WordNet's first lift is an act) */
    struct lex_noun yn;
    return many_to_one(p, rd, x, y) && (belongs || tokens_is_word(p, rd->tok[prep], "at") ||
                                        !(lexicon_noun(p->t[rd->tok[y]].w, &yn) && yn.record));
}

/* Is verb word v a form of "be" (whose object is what its subject is)? */
static bool copula(const struct plan *p, const struct reading *rd, int v)
{
    return tokens_word_in(p, rd->tok[v],
                          (const char *const[]){"is", "are", "was", "were", "be", "been", NULL});
}

/* Does word x name a person ("patients")? */
static bool person_word(const struct plan *p, const struct reading *rd, int x)
{
    struct lex_noun ln;
    return lexicon_noun(p->t[rd->tok[x]].w, &ln) && ln.person;
}

/* "stocks are kept in vials on racks": a preposition the parse gives both the verb and a
 * row named after it (another table than subject x, Mp) is that row's, the nearer reading:
 * the vials are on the racks (attached_relations), not the stocks; but a person's place is
 * where the act is ("talks are given by speakers in rooms"). */
static bool nearer_row(const struct plan *p, const struct reading *rd, int x, int prep)
{
    int n = links_linked(rd, prep, "Mp", false, NULL);
    return n > x && rd->ent[n] >= 0 && rd->ent[n] != rd->ent[x] && !person_word(p, rd, n) &&
           words_in(p->t[rd->tok[prep]].w,
                    (const char *const[]){"of", "per", "in", "on", "at", "within", "inside",
                                          "under", "from", "during", NULL});
}

/* The word before token i that says which of several rows of one table token i is ("home"
 * in "a home team"): a content word, no article or number; NULL. */
static const char *role_word(const struct plan *p, int i)
{
    return i > 0 && tokens_is_content(p, i - 1) && !tokens_is_number(p->t[i - 1].w) &&
                   !tokens_word_in(p, i - 1, words_determiners)
               ? p->t[i - 1].w
               : NULL;
}

/* Is there a subject of another clause between words x and y ("pubs enter teams, and
 * fixtures are played between ...": the parse may give the first subject the second verb)? */
static bool subject_between(const struct reading *rd, int x, int y)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (links_is_subject(l->label) && l->l > x && l->l < y)
            return true;
    }
    return false;
}

/* "fixtures are played between a home team and an away team": the two rows of one table,
 * each in its role, that row x is between: a reference to each (home_team_id,
 * away_team_id; "between two players": first_player_id, second_player_id). y: the object of
 * "between", a list of the two, or the first of them when the parse reads the "and" as joining
 * verbs (the second is then the same noun within four words after "and"). */
static void between_rows(struct plan *p, const struct reading *rd, int x, int y)
{
    int m[PARSE_MAX_WORDS];
    int nm = y >= 0 ? links_members(rd, y, m, PARSE_MAX_WORDS) : 0;
    if (nm < 1 || nm > 2 || rd->ent[x] < 0 || subject_between(rd, x, y))
        return;
    int d = links_linked(rd, y, "D", false, NULL);
    if (nm == 1 && rd->ent[y] >= 0 && d >= 0 && tokens_is_word(p, rd->tok[d], "two")) {
        /* "a match between two players": the first and the second */
        relations_add_role(p, rd->ent[x], rd->ent[y], "first", "cascade", rd->tok[x],
                           rd->tok[y] + 1);
        relations_add_role(p, rd->ent[x], rd->ent[y], "second", "cascade", rd->tok[x],
                           rd->tok[y] + 1);
        return;
    }
    int i = rd->tok[m[0]], j = nm == 2 ? rd->tok[m[1]] : i + 2;
    while (nm == 1 && j < p->nt && j < i + 6 && strcmp(p->t[j].s, p->t[i].s) != 0)
        j++;
    if (j >= p->nt || strcmp(p->t[j].s, p->t[i].s) != 0 || !tokens_is_word(p, i + 1, "and"))
        return;
    const char *first = role_word(p, i), *second = role_word(p, j);
    if (!first || !second || strcmp(first, second) == 0)
        return;
    /* a role word may be read as a compound's modifier: the noun's table by its word */
    int k = links_entity_of_word(p, i, p->t[i].s);
    if (k < 0 || p->e[k].dropped)
        return;
    relations_add_role(p, rd->ent[x], k, first, "cascade", rd->tok[x], j + 1);
    relations_add_role(p, rd->ent[x], k, second, "cascade", rd->tok[x], j + 1);
}

/* "each order is placed with a supplier": one row a row is done with, after a passive, is a
 * row it refers to (optionally: the act may come later). Many with many ("fields are planted
 * with crops") is left alone: a join of the two is seldom a table the prompt wants. */
static void passive_with(struct plan *p, const struct reading *rd, int x, int y)
{
    if (rd->ent[x] >= 0 && links_one_of_many(p, rd, y))
        relations_add(p, rd->ent[x], rd->ent[y], "set_null", rd->tok[x], rd->tok[y] + 1);
}

/* "logged with a time, a description and the lifeguard who responded": a list after a
 * passive's "with" (list: the word "with" points at) holds columns and rows; a row counted by
 * "a" (passive_with), the one a relative clause names ("the X who ..."; the parse links the
 * clause to the list's conjunction when X ends it), or one "the" picks among the columns
 * ("logged with the donor, the clinic, the volume and the date": the row's values, so one
 * row each) is a row the subject x refers to. */
static void passive_with_list(struct plan *p, const struct reading *rd, int x, int v, int list)
{
    int ms[PARSE_MAX_WORDS];
    int nm = links_members(rd, list, ms, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++) {
        int y = ms[q], d = links_linked(rd, y, "D", false, NULL);
        if (rd->ent[y] < 0 || clauses_many_with_many(p, rd, x, v, y) || counted_many(p, rd, y))
            continue;
        bool named_by_clause = d >= 0 && tokens_is_word(p, rd->tok[d], "the") &&
                               !tokens_is_plural(&p->t[rd->tok[y]]) &&
                               (nm > 1 || links_linked(rd, y, "R", true, NULL) >= 0);
        if (named_by_clause && rd->ent[x] >= 0)
            relations_add(p, rd->ent[x], rd->ent[y], "set_null", rd->tok[x], rd->tok[y] + 1);
        else
            passive_with(p, rd, x, y);
    }
}

/* Verbs that say what a row is made of: its parts refer to it ("an album consists of
 * tracks", "a book is divided into chapters"), where after other verbs the subject refers to
 * the place ("students are grouped into classes"). */
static const char *const part_verbs[] = {"consist", "comprise", "compose",
                                         "divide",  "split",    NULL};

/* "an event offers several courses": a verb of possession (WordNet's verb.possession: offer,
 * provide) gives the rows it names out of its subject's own, as having does. */
static bool possessing(const struct tok *vt)
{
    char cls[32];
    return lexicon_verb_class(vt->w, cls, sizeof(cls)) && strcmp(cls, "verb.possession") == 0;
}

/* "each coach looks after several archers", "every tutor mentors many students": one person
 * counted one by one whose verb (directly or through its preposition) names many people of
 * another table is the one each of them has: they refer to it, optionally (one may have
 * none yet). Without the counts ("editors assign reviewers") nothing is said of how many.
 * True when it related them. */
static bool people_in_charge(struct plan *p, const struct reading *rd, int x, int y)
{
    if (!person_word(p, rd, y) || p->parent[rd->ent[x]][rd->ent[y]])
        return false;
    relations_add(p, rd->ent[y], rd->ent[x], "set_null", rd->tok[x], rd->tok[y] + 1);
    return true;
}

/* "each classroom is shared by several teachers", "a route passes through several stations":
 * one row counted one by one ("each", "every", "a") said with many rows of another table
 * ("several", "many") is with many of them, and each of them, a row counted so, with many of
 * it: a join of the two, not a reference either way. A person's own verb ("each author
 * writes several books"), having ("each team has several players"), possessing and making
 * (a sense in verb.creation) are left to their own rules, unless another clause said the
 * other side's many too. True when it joined them. */
/* "several crew go out on each launch": many rows of subject word x said with each row of y
 * (counted by each/every) is each y with many of them, which x's rows referring to y does not
 * deny; a join when another clause gave each x many of y too, or said it that way round
 * ("each crew member goes on many launches", in either order). True when it joined them. */
static bool many_with_each(struct plan *p, const struct reading *rd, int x, int y)
{
    int xe = rd->ent[x], ye = rd->ent[y];
    if (!counted_many(p, rd, x) || links_counted_entity(p, rd, y) < 0 || xe == ye)
        return false;
    p->many[ye][xe] = true;
    if (!p->many[xe][ye] && !p->parent[ye][xe])
        return false;
    relations_remove(p, xe, ye);
    relations_remove(p, ye, xe);
    relations_join(p, xe, ye, rd->tok[x], rd->tok[y] + 1);
    return true;
}

bool clauses_many_with_many(struct plan *p, const struct reading *rd, int x, int v, int y)
{
    const struct tok *vt = &p->t[rd->tok[v]];
    bool one = links_counted_entity(p, rd, x) >= 0 || links_one_of_many(p, rd, x);
    if (rd->ent[x] < 0 || rd->ent[y] < 0 || verb_in(vt->w, part_verbs))
        return false;
    if (!one)
        return many_with_each(p, rd, x, y);
    if (rd->ent[x] == rd->ent[y] || !counted_many(p, rd, y))
        return false;
    /* "each volunteer works many events" where another clause gave each of those many of
     * them ("each event has many volunteers": x refers to y, or said so first): many on both
     * sides, whatever the verb */
    p->many[rd->ent[x]][rd->ent[y]] = true;
    bool both_many = p->parent[rd->ent[x]][rd->ent[y]] || p->many[rd->ent[y]][rd->ent[x]];
    if (!both_many &&
        (verb_in(vt->w, words_have_verbs) || lexicon_verb_creates(vt->w) || possessing(vt)))
        return false;
    if (!both_many && rd->r.pos[v] == 'v' && person_word(p, rd, x))
        return !links_passive_word(p, rd, v) && people_in_charge(p, rd, x, y);
    relations_remove(p, rd->ent[x], rd->ent[y]);
    relations_remove(p, rd->ent[y], rd->ent[x]);
    relations_join(p, rd->ent[x], rd->ent[y], rd->tok[x], rd->tok[y] + 1);
    return true;
}

/* "translators are assigned to documents", "agents are allocated to tickets": a person
 * assigned to a record (WordNet's acts, events, documents: a piece of work) is its assignee,
 * one for each record and many records for each person, so the record refers to the person
 * (the phrase rules' reference the other way goes); so is a group of people ("a crew is
 * assigned to each move": Move.crew_id). A place or a person assigned to stays
 * the subject's ("nurses are assigned to wards", "students are assigned to tutors").
 * True when it related them. */
static bool assignee(struct plan *p, const struct reading *rd, int x, int v, int y, int a)
{
    struct lex_noun xn, yn;
    if (!verb_in(p->t[rd->tok[v]].w,
                 (const char *const[]){"assign", "allocate", "allot", "appoint", NULL}) ||
        !lexicon_noun(p->t[rd->tok[x]].w, &xn) || !(xn.person || xn.kind == LEX_GROUP) ||
        !lexicon_noun(p->t[rd->tok[y]].w, &yn) || yn.person || !yn.record)
        return false;
    relations_remove(p, rd->ent[x], rd->ent[y]);
    relations_add(p, rd->ent[y], rd->ent[x], "set_null", a, rd->tok[y] + 1);
    return true;
}

/* Did the verb at token i name a record: an act (acts.c) or a join verb's ("book": a
 * Booking)? */
static bool names_record(const struct plan *p, int i)
{
    char record[48];
    return p->act_verb[i] || entities_join_record(p->t[i].w, record, sizeof(record));
}

/* "parents book sessions for their children": whom or what an act is for, when the verb
 * named a record that refers to both its subject x and its object o (a Booking), is the
 * record's, not the object's; o when there is none. */
static int record_of(const struct plan *p, int x, int o)
{
    for (int k = 0; k < p->ne; k++)
        if (k != x && k != o && !p->e[k].dropped && p->parent[k][x] && p->parent[k][o])
            return k;
    return o;
}

/* The word that says which row of its own table word y is ("an earlier job", "a parent
 * taxon": an adjective or a noun modifying it), when y is one row counted by "a"/"an"/"one";
 * -1. */
static int own_row_modifier(const struct plan *p, const struct reading *rd, int y)
{
    if (y < 0 || !links_one_of_many(p, rd, y))
        return -1;
    int m = links_linked(rd, y, "AN", false, NULL);
    return m >= 0 ? m : links_linked(rd, y, "A", false, NULL);
}

/* "every employee reports to another employee", "each page links to another page": a row
 * that a verb relates through a preposition to another row of its own table refers to it,
 * optional, named by the verb and the preposition (reports_to_id; "is managed by another
 * employee": managed_by_id). True when it did. */
static bool another_of_its_own(struct plan *p, const struct reading *rd, int x, int y, int prep)
{
    int d = y >= 0 ? links_linked(rd, y, "D", false, NULL) : -1;
    int w = rd->tok[prep] - 1; /* the verb the preposition follows, also where the parse
                                  misread it in a list ("works in ... and reports to") */
    /* "another employee", or one row told from this one by a word ("is a follow-up to an
     * earlier job") */
    bool other =
        d >= 0 && (tokens_is_word(p, rd->tok[d], "another") || own_row_modifier(p, rd, y) >= 0);
    if (!other || rd->ent[y] != rd->ent[x] || w <= rd->tok[x])
        return false;
    char word[2 * WORD_MAX + 2];
    snprintf(word, sizeof(word), "%s_%s", p->t[w].w, p->t[rd->tok[prep]].w);
    relations_self(p, rd->ent[x], word, rd->tok[x], rd->tok[y] + 1);
    return true;
}

/* "a job may be a revision of an earlier job": what a row is (a copula v's object) "of" or
 * "to" another row of its own table is a self-reference named by the object and the
 * preposition (revision_of_id), as after a verb (another_of_its_own). */
static void copula_own_row(struct plan *p, const struct reading *rd, int x, int v)
{
    int o = copula(p, rd, v) ? links_linked(rd, v, "O", true, NULL) : -1;
    int from = 0, prep;
    while (o >= 0 && rd->ent[o] < 0 && (prep = links_linked(rd, o, "M", true, &from)) >= 0)
        if (tokens_word_in(p, rd->tok[prep], (const char *const[]){"of", "to", NULL}))
            another_of_its_own(p, rd, x, links_prep_object(p, rd, prep), prep);
}

/* "clients bring their own instruments in for repair": an act a row is brought or done
 * for, named by a bare singular noun right after "for" (the purpose, not one row "for a
 * sailing", whose article the parse may not link) that is a record to WordNet, is done for
 * the subject and on the object: the record refers to both, not the object to it. True when
 * it related them. */
static bool done_for_record(struct plan *p, const struct reading *rd, int x, int v, int y,
                            int prep)
{
    struct lex_noun yn;
    if (!tokens_is_word(p, rd->tok[prep], "for") || rd->tok[y] != rd->tok[prep] + 1 ||
        tokens_is_plural(&p->t[rd->tok[y]]) || !lexicon_noun(p->t[rd->tok[y]].w, &yn) ||
        !yn.record || yn.person || rd->ent[y] == rd->ent[x])
        return false;
    int a = rd->tok[x], o = links_linked(rd, v, "O", true, NULL);
    relations_add(p, rd->ent[y], rd->ent[x], "cascade", a, rd->tok[y] + 1);
    if (o >= 0 && rd->ent[o] >= 0 && rd->ent[o] != rd->ent[y])
        relations_add(p, rd->ent[y], rd->ent[o], "cascade", rd->tok[o], rd->tok[y] + 1);
    return true;
}

/* "each allocation puts one trader on one pitch for one market day": a row counted one by
 * one (each/every) that is no person and does something to one row o holds the places
 * itself: they are its, not the row's (it is the record between them). */
static bool record_places_one(const struct plan *p, const struct reading *rd, int x, int o)
{
    return o != x && rd->ent[x] != rd->ent[o] && links_one_of_many(p, rd, o) &&
           links_counted_entity(p, rd, x) >= 0 && !person_word(p, rd, x);
}

/* The relation subject word x states through preposition m->r of verb v with its object y,
 * one row (see verb_preposition). */
static void preposition_row(struct plan *p, const struct reading *rd, int x, int v, bool passive,
                            bool parts, const struct parse_link *m, int y)
{
    int a = rd->tok[x];
    const char *prep = p->t[rd->tok[m->r]].w;
    const char *od = relations_on_delete(prep);
    /* "boards are played by every pair": done by all of them, by no one row */
    bool by_all = passive && strcmp(prep, "by") == 0 && links_counted_entity(p, rd, y) >= 0;
    if (y < 0 || rd->ent[y] < 0 || by_all || clauses_many_with_many(p, rd, x, v, y) ||
        counted_many(p, rd, y))
        return;
    /* "each lesson is with one coach": the one row a row is with, after a copula, is its
     * own (as "has a coach"); with many ("is with friends") it says nothing */
    if (!passive && strcmp(prep, "with") == 0 && links_label_is(m->label, "Pp")) {
        if (links_one_of_many(p, rd, y))
            relations_add(p, rd->ent[x], rd->ent[y], "set_null", a, rd->tok[y] + 1);
        return;
    }
    /* "members are trained on machines": the act's record relates them (acts.c); what is
     * done "during" (before, after) an event is a thing's, not a person's ("photos are taken
     * during flights", but "patients are seen by doctors during appointments") */
    bool timed = words_in(prep, (const char *const[]){"before", "after", NULL});
    if (!od || ((timed || strcmp(prep, "during") == 0) && person_word(p, rd, x)) ||
        (timed && tokens_is_plural(&p->t[rd->tok[y]])) || /* "after every 20 flights" */
        (passive && strcmp(prep, "by") != 0 &&
         relations_through_record(p, rd->ent[x], rd->ent[y])) ||
        (strcmp(prep, "to") == 0 && assignee(p, rd, x, v, y, a)))
        return;
    /* "each show is broadcast in slots": one row counted by each/every put in many is
     * divided among them, each of which is that row's ("each nurse works on several wards",
     * said with a count, is left alone above) */
    if (passive && words_in(prep, (const char *const[]){"in", "into", NULL}) &&
        !many_to_one(p, rd, x, y)) {
        relations_add(p, rd->ent[y], rd->ent[x], "cascade", a, rd->tok[y] + 1);
        return;
    }
    if (parts && words_in(prep, (const char *const[]){"of", "into", NULL})) {
        relations_add(p, rd->ent[y], rd->ent[x], od, a, rd->tok[y] + 1);
        return;
    }
    /* active verbs attach their object, not the subject: "drivers start sessions in zones";
     * without an object, a verb of where something is puts its subject in the place
     * ("paintings hang in galleries") */
    int child = rd->ent[x];
    /* "players rent equipment by the game", "pay by card": "by" after an active verb is the
     * measure or the means, not what holds the object; after a passive whose act is a
     * table the prompt names ("a property is inspected by an engineer ... during an
     * inspection": acts.c relates it to both) the agent is the act's */
    if (strcmp(prep, "by") == 0 &&
        (!passive || (p->act_verb[rd->tok[v]] && acts_named(p, rd->tok[v]) >= 0)))
        return;
    if (!passive && done_for_record(p, rd, x, v, y, m->r))
        return;
    if (!passive && !links_label_is(m->label, "Pp")) {
        int o = links_linked(rd, v, "O", true, NULL);
        if (o >= 0 && idiom_object(p, rd, v, o))
            o = -1; /* "performances take place at venues": no object of its own */
        if (o >= 0 && rd->ent[o] < 0 && copula(p, rd, v))
            o = x; /* "a peg is a numbered spot at a venue": what the subject is, is there */
        if (o < 0 && located(p, rd, x, v, y, m->r))
            o = x;
        if (o < 0 || rd->ent[o] < 0)
            return;
        child = rd->ent[o];
        /* "members enter their quilts into categories": where the act puts its object is
         * the act's record's too (Entry.category_id) */
        if (o != x && words_in(prep, (const char *const[]){"for", "into", NULL}) &&
            names_record(p, rd->tok[v]))
            child = record_of(p, rd->ent[x], child);
        if (record_places_one(p, rd, x, o))
            child = rd->ent[x];
    }
    /* "rounds of customers ..., every customer is on one round": a row counted one by one in
     * one row says which way the reference goes; the other way, read before, goes */
    if (child == rd->ent[x] && links_counted_entity(p, rd, x) >= 0 &&
        links_one_of_many(p, rd, y) && p->parent[rd->ent[y]][child])
        relations_remove(p, rd->ent[y], child);
    relations_add(p, child, rd->ent[y], od, a, rd->tok[y] + 1);
}

/* Is member q of list ys one row ("the donor ... and the shift"), in a table no other member
 * names ("each move, and a move" is a misread clause), and counted by no number ("three
 * judges")? */
static bool one_row_of_its_own(const struct plan *p, const struct reading *rd, const int *ys,
                               int n, int q)
{
    if (rd->ent[ys[q]] < 0 || tokens_is_plural(&p->t[rd->tok[ys[q]]]))
        return false;
    for (int k = 0; k < n; k++)
        if (k != q && rd->ent[ys[k]] == rd->ent[ys[q]])
            return false;
    return true;
}

/* The relation subject word x states through preposition m->r of verb v (passive: v is in a
 * passive chain; parts: v is a verb of parts): "booked by a client", "is in a room", "grow in
 * beds", "consists of tracks", "are assigned to documents"; with each member of a list
 * ("each stay is made for a guest and a room"). */
static void verb_preposition(struct plan *p, const struct reading *rd, int x, int v, bool passive,
                             bool parts, const struct parse_link *m)
{
    const char *prep = p->t[rd->tok[m->r]].w;
    /* "a game has a player and belongs to a round": the conjunction holds the preposition
     * of its last verb */
    int last = rd->r.pos[v] != 'v' ? links_linked(rd, v, "VJr", true, NULL) : -1;
    if (last >= 0 && !passive)
        v = last;
    int y = links_prep_object(p, rd, m->r);
    /* "every bird is looked after by one falconer", "each painting is by one artist": a
     * copula's "by" (the parse may skip the participle between them) names the agent, as
     * after a passive */
    if (copula(p, rd, v) && strcmp(prep, "by") == 0 && links_label_is(m->label, "Pp"))
        passive = true;
    if (nearer_row(p, rd, x, m->r) || another_of_its_own(p, rd, x, y, m->r))
        return;
    if (strcmp(prep, "between") == 0) {
        int o = passive ? -1 : links_linked(rd, v, "O", true, NULL);
        between_rows(p, rd, o >= 0 ? o : x, y);
        return;
    }
    if (passive && strcmp(prep, "with") == 0 && y >= 0) {
        passive_with_list(p, rd, x, v, y);
        return;
    }
    int ys[PARSE_MAX_WORDS];
    int n = y >= 0 ? links_members(rd, y, ys, PARSE_MAX_WORDS) : 0;
    if (n <= 1) {
        preposition_row(p, rd, x, v, passive, parts, m, y);
        return;
    }
    for (int q = 0; q < n; q++)
        if (one_row_of_its_own(p, rd, ys, n, q))
            preposition_row(p, rd, x, v, passive, parts, m, ys[q]);
}

/* "a bouquet is made up of stems", "routes made of stops": the dictionary reads "made (up)
 * of" as one idiom, the passive's or the participle's last word ("is" -Pv- "of" -O- "stems",
 * "routes" -Mv- "of"); its object is the parts, which refer to the whole, as after
 * "consists of". Is token i the "of" of that idiom? */
static bool made_of(const struct plan *p, int i)
{
    int made = i > 1 && tokens_is_word(p, i - 1, "up") ? i - 2 : i - 1;
    return made >= 0 && tokens_is_word(p, i, "of") &&
           verb_in(p->t[made].w, (const char *const[]){"make", NULL});
}

/* The parts after the idiom at word w refer to the whole, subject word x. */
static void made_up_of(struct plan *p, const struct reading *rd, int x, int w)
{
    int y = links_linked(rd, w, "O", true, NULL);
    if (y < 0 || rd->ent[y] < 0 || rd->ent[y] == rd->ent[x] || !made_of(p, rd->tok[w]))
        return;
    relations_remove(p, rd->ent[x], rd->ent[y]);
    relations_add(p, rd->ent[y], rd->ent[x], "cascade", rd->tok[x], rd->tok[y] + 1);
}

/* "accepted jobs are assigned a crew": what a passive verb w gives each row of subject x, one
 * counted by "a", is a row x refers to (optionally: it may come later). */
static void given_rows(struct plan *p, const struct reading *rd, int x, int w)
{
    int from = 0, o;
    while ((o = links_linked(rd, w, "O", true, &from)) >= 0) {
        int m[PARSE_MAX_WORDS];
        int nm = links_members(rd, o, m, PARSE_MAX_WORDS);
        for (int q = 0; q < nm; q++)
            if (rd->ent[m[q]] >= 0 && links_one_of_many(p, rd, m[q]))
                relations_add(p, rd->ent[x], rd->ent[m[q]], "set_null", rd->tok[x],
                              rd->tok[m[q]] + 1);
    }
}

/* "a pair is two members", "each bout involves two fencers": a row that is two rows of
 * another table, or a record (WordNet's acts, events, communications) whose verb names two
 * of them, refers to both, the first and the second (the reverse reference read before,
 * "members play in pairs", goes). v: one of subject x's verbs. */
static void two_of(struct plan *p, const struct reading *rd, int x, int v)
{
    struct lex_noun xn;
    bool record = rd->r.pos[v] == 'v' && !words_in(p->t[rd->tok[v]].w, words_have_verbs) &&
                  lexicon_noun(p->t[rd->tok[x]].w, &xn) && xn.record && !xn.person;
    int o = copula(p, rd, v) || record ? links_linked(rd, v, "O", true, NULL) : -1;
    int d = o >= 0 ? links_linked(rd, o, "D", false, NULL) : -1;
    if (d < 0 || !tokens_is_word(p, rd->tok[d], "two") || rd->ent[o] < 0 ||
        rd->ent[o] == rd->ent[x])
        return;
    relations_remove(p, rd->ent[o], rd->ent[x]);
    relations_add_role(p, rd->ent[x], rd->ent[o], "first", "cascade", rd->tok[x], rd->tok[o] + 1);
    relations_add_role(p, rd->ent[x], rd->ent[o], "second", "cascade", rd->tok[x], rd->tok[o] + 1);
}

/* A row the act of copula v's subject x names with row word y (another table than x's):
 * x refers to it, and a reference from the actor o to it, read before, goes. */
static void act_row(struct plan *p, const struct reading *rd, int x, int o, int y)
{
    if (y < 0 || rd->ent[y] < 0 || rd->ent[y] == rd->ent[x] || counted_many(p, rd, y))
        return;
    relations_remove(p, rd->ent[o], rd->ent[y]);
    relations_add(p, rd->ent[x], rd->ent[y], "set_null", rd->tok[x], rd->tok[y] + 1);
}

/* "a job is a gang going to a farm", "a hire is one rider taking one bike": a row that is
 * one row of another table doing something (the copula's object o with a participle, Mg) is
 * that act: it refers to the actor and to the rows the participle names (its objects and its
 * prepositions' objects), which are the act's, not the actor's. v: one of x's verbs. */
static void act_of_row(struct plan *p, const struct reading *rd, int x, int v)
{
    int o = copula(p, rd, v) ? links_linked(rd, v, "O", true, NULL) : -1;
    int g = o >= 0 && rd->ent[o] >= 0 && rd->ent[o] != rd->ent[x] && links_one_of_many(p, rd, o)
                ? links_linked(rd, o, "Mg", true, NULL)
                : -1;
    if (g < 0)
        return;
    relations_add(p, rd->ent[x], rd->ent[o], "set_null", rd->tok[x], rd->tok[o] + 1);
    int from = 0, w;
    while ((w = links_linked(rd, g, "O", true, &from)) >= 0)
        act_row(p, rd, x, o, w);
    from = 0;
    while ((w = links_linked(rd, g, "MV", true, &from)) >= 0)
        if (relations_on_delete(p->t[rd->tok[w]].w))
            act_row(p, rd, x, o, links_prep_object(p, rd, w));
}

/* "a member can have a coach who is another member": what a relative clause says the object
 * is (a copula's object) is a row of subject x's own table. */
static bool relative_says_same_table(const struct plan *p, const struct reading *rd, int o, int x)
{
    int who = links_linked(rd, o, "R", true, NULL);
    int v = who >= 0 ? links_linked(rd, who, "RS", true, NULL) : -1;
    int c = v >= 0 && copula(p, rd, v) ? links_linked(rd, v, "O", true, NULL) : -1;
    return c >= 0 && strcmp(p->t[rd->tok[c]].s, p->t[rd->tok[x]].s) == 0;
}

/* "each team can have a rival that is another team": the rival, which a person noun had made
 * a table of its own that the team refers to, is a team; it goes with that reference,
 * unless something else relates it. */
static void no_table_of_its_own(struct plan *p, int x, int k)
{
    relations_remove(p, x, k);
    if (!entities_related(p, k))
        entities_drop(p, k);
}

/* "every taxon has a parent taxon", "each folder has a name and a parent folder": one row of
 * its own table that a row has (object o, or a member of its list), said with the word that tells
 * it from the row itself, is a self-reference named by both words (parent_taxon_id). */
static void described_own_rows(struct plan *p, const struct reading *rd, int x, int o)
{
    int ms[PARSE_MAX_WORDS];
    int n = links_members(rd, o, ms, PARSE_MAX_WORDS);
    for (int q = 0; q < n; q++) {
        /* the rules may have made a column of the two words ("parent_taxon"): the word */
        bool own = rd->ent[ms[q]] == rd->ent[x] ||
                   strcmp(p->t[rd->tok[ms[q]]].s, p->t[rd->tok[x]].s) == 0;
        int m = own ? own_row_modifier(p, rd, ms[q]) : -1;
        if (m < 0)
            continue;
        char word[2 * WORD_MAX + 2];
        snprintf(word, sizeof(word), "%s_%s", p->t[rd->tok[m]].w, p->t[rd->tok[ms[q]]].w);
        relations_self(p, rd->ent[x], word, rd->tok[x], rd->tok[ms[q]] + 1);
    }
}

/* The table a relative clause on list member q of list o says it is a row of ("a gang leader
 * who is one of the shearers": the clause's copula object, or what its "one of" picks; the
 * parse links the clause to the list's conjunction when q ends it); -1. */
static int relative_says_table(const struct plan *p, const struct reading *rd, int o, int q,
                               bool last)
{
    int who = links_linked(rd, q, "R", true, NULL);
    if (who < 0 && last)
        who = links_linked(rd, o, "R", true, NULL);
    int v = who >= 0 ? links_linked(rd, who, "RS", true, NULL) : -1;
    int c = v >= 0 && copula(p, rd, v) ? links_linked(rd, v, "O", true, NULL) : -1;
    int of =
        c >= 0 && tokens_is_word(p, rd->tok[c], "one") ? links_linked(rd, c, "M", true, NULL) : -1;
    if (of >= 0)
        c = links_linked(rd, of, "J", true, NULL);
    return c >= 0 ? rd->ent[c] : -1;
}

/* "each gang has a name and a gang leader who is one of the shearers": a row a row has, no
 * table of its own, that a relative clause says is a row of another table, is a reference to
 * it in its role (leader_shearer_id), in place of the column the list made of it. */
static void role_rows(struct plan *p, const struct reading *rd, int x, int o)
{
    int ms[PARSE_MAX_WORDS];
    int n = links_members(rd, o, ms, PARSE_MAX_WORDS);
    struct entity *e = &p->e[rd->ent[x]];
    for (int q = 0; q < n; q++) {
        int k = rd->ent[ms[q]] < 0 ? relative_says_table(p, rd, o, ms[q], q == n - 1) : -1;
        if (k < 0 || k == rd->ent[x])
            continue;
        const char *w = p->t[rd->tok[ms[q]]].w;
        char compound[2 * WORD_MAX + 2] = "";
        int mod = links_linked(rd, ms[q], "AN", false, NULL);
        if (mod >= 0)
            snprintf(compound, sizeof(compound), "%s_%s", p->t[rd->tok[mod]].w, w);
        int before = e->nfields;
        relations_add_role(p, rd->ent[x], k, w, "set_null", rd->tok[x], rd->tok[ms[q]] + 1);
        int col = fields_find(e, w) >= 0 ? fields_find(e, w) : fields_find(e, compound);
        if (e->nfields > before && col >= 0 && strcmp(e->fields[col].type, "string") == 0)
            fields_remove(e, col); /* the reference stands for it (not when a cycle refused it) */
    }
}

/* "employees have a manager": a person of the same table, when the rows are people
 * ("every band has a manager" is a person of another table: nouns_person_column), or what
 * a relative clause says is one ("a coach who is another member"); through the verbs of the
 * subject's chain ("can have"). */
static void self_reference(struct plan *p, const struct reading *rd, int x, const int *chain,
                           int nc)
{
    struct lex_noun xn, ln;
    bool people = lexicon_noun(p->t[rd->tok[x]].w, &xn) && xn.person;
    for (int q = 0; q < nc; q++) {
        int o = links_linked(rd, chain[q], "O", true, NULL);
        if (o < 0 || !tokens_word_in(p, rd->tok[chain[q]], words_have_verbs))
            continue;
        if (rd->ent[o] >= 0 && rd->ent[o] != rd->ent[x] && relative_says_same_table(p, rd, o, x))
            no_table_of_its_own(p, rd->ent[x], rd->ent[o]);
        described_own_rows(p, rd, x, o);
        role_rows(p, rd, x, o);
        if (rd->ent[o] >= 0)
            continue;
        /* "a name, a buddy and a manager who is another employee": the parse links the
         * clause to the list's conjunction; the row is its last member */
        bool relative = relative_says_same_table(p, rd, o, x);
        int ms[PARSE_MAX_WORDS], nm = relative ? links_members(rd, o, ms, PARSE_MAX_WORDS) : 0;
        for (int m = 0; nm > 1 && m < nm; m++)
            o = m == 0 || ms[m] > o ? ms[m] : o;
        const struct tok *ot = &p->t[rd->tok[o]];
        bool person = people && lexicon_noun(ot->w, &ln) && ln.person &&
                      !words_in(ot->w, words_user) &&
                      !words_in(ot->w, (const char *const[]){"user", "owner", "admin", "person",
                                                             "someone", "friend", NULL});
        if (!tokens_is_plural(ot) && (person || relative))
            relations_self(p, rd->ent[x], ot->w, rd->tok[x], rd->tok[o] + 1);
    }
}

/* The token of X in "N is another X", "N, who is another X", "N who are also Xs" after
 * word i (N), or -1: the relative pronoun and the copula are closed-class words. */
static int another_row_at(const struct plan *p, int i)
{
    int j = i + 1 + (i + 1 < p->nt && p->t[i + 1].kind == T_COMMA);
    j += tokens_word_in(p, j, (const char *const[]){"who", "that", NULL});
    if (!tokens_word_in(p, j, (const char *const[]){"is", "are", NULL}))
        return -1;
    j++;
    if (tokens_is_word(p, j, "also"))
        j += 1 + tokens_word_in(p, j + 1, words_indefinite);
    else if (tokens_is_word(p, j, "another"))
        j++;
    else
        return -1;
    return j < p->nt && p->t[j].kind == T_WORD ? j : -1;
}

/* Word i as a row of table t, which it was said to be (x: that word's token): a column of t
 * named by it, or a table made of it that t refers to, becomes t's self-reference. True when
 * it did. */
static bool another_row(struct plan *p, int i, int t, int x)
{
    int k = entities_find(p, p->t[i].s);
    bool column = k < 0 && fields_find(&p->e[t], p->t[i].w) >= 0;
    if (k == t || !(column || (k >= 0 && !p->e[k].dropped && p->parent[t][k])))
        return false;
    if (k >= 0)
        relations_remove(p, t, k);
    relations_self(p, t, p->t[i].w, i, x + 1);
    if (k >= 0 && !entities_related(p, k))
        entities_drop(p, k);
    return true;
}

void clauses_another_rows(struct plan *p)
{
    for (int i = 0; i + 3 < p->nt; i++) {
        int x = p->t[i].kind == T_WORD ? another_row_at(p, i) : -1;
        int t = x >= 0 ? entities_find(p, p->t[x].s) : -1;
        if (t < 0 || p->e[t].dropped || !another_row(p, i, t, x))
            continue;
        /* "a mother and a father who are also people": the pair's first member too (not
         * further back: "a name, a mentor and a coach who ..." lists columns before them) */
        int j = i - 1 - tokens_word_in(p, i - 1, words_indefinite);
        if (j > 0 && tokens_is_word(p, j, "and") && tokens_is_word(p, x - 1 - 1, "are"))
            another_row(p, j - 1, t, x);
    }
}

/* "a loan records which member borrowed which tool": a row that says which rows of other
 * tables an indirect question names (each counted by "which", after its verb v, in its
 * sentence) is of one of each: it refers to them. */
static void which_rows(struct plan *p, const struct reading *rd, int x, int v)
{
    int end = tokens_sentence_end(p, rd->tok[v] + 1);
    if (rd->tok[x] > 0 && tokens_is_word(p, rd->tok[x] - 1, "which"))
        return; /* "which florist made which bouquet?" asks, it is no row that says */
    for (int i = rd->tok[v] + 2; i < end; i++) {
        const struct tok *t = &p->t[i];
        if (!tokens_is_word(p, i - 1, "which") || t->kind != T_WORD || tokens_is_plural(t))
            continue;
        int k = links_entity_of_word(p, i, t->s);
        if (k >= 0 && k != rd->ent[x] && !p->e[k].dropped && !p->parent[k][rd->ent[x]])
            relations_add(p, rd->ent[x], k, "set_null", rd->tok[x], i + 1);
    }
}

/* "properties are owned by landlords and contain ...": the parse may skip a passive's "by"
 * and read its agent as the participle's object; the agent y, that "by" (the word before
 * its noun phrase, linked to nothing) names, is the subject's all the same. */
static void skipped_agent(struct plan *p, const struct reading *rd, int x, int w)
{
    int y = links_linked(rd, w, "O", true, NULL);
    if (y < 0 || rd->ent[y] < 0)
        return;
    int d = links_linked(rd, y, "D", false, NULL);
    int by = (d >= 0 && d < y ? d : y) - 1;
    if (by <= w || !tokens_is_word(p, rd->tok[by], "by") ||
        links_linked(rd, by, "", true, NULL) >= 0 || links_linked(rd, by, "", false, NULL) >= 0)
        return;
    struct parse_link m = {.l = (unsigned char)w, .r = (unsigned char)by, .label = "MVp"};
    preposition_row(p, rd, x, w, true, false, &m, y);
}

/* "tickets can be tagged": labels that many rows share, a join of subject x's table and the
 * label's, for the last verb of a passive chain with no preposition after it. */
static void tagged_rows(struct plan *p, struct reading *rd, int x, const int *chain, int nc)
{
    int a = rd->tok[x];
    static const struct join_verb labels[] = {
        {"tagged", "tag"},           {"labelled", "label"},       {"labeled", "label"},
        {"categorized", "category"}, {"categorised", "category"}, {NULL, NULL}};
    const char *pw = p->t[rd->tok[chain[nc - 1]]].w;
    for (const struct join_verb *q = labels; q->verb; q++)
        if (strcmp(pw, q->verb) == 0 && links_linked(rd, chain[nc - 1], "MV", true, NULL) < 0) {
            int tk = entities_find(p, q->entity);
            if (tk < 0)
                tk = entities_add(p, q->entity, entities_vocab_named(q->entity),
                                  rd->tok[chain[nc - 1]], rd->tok[chain[nc - 1]] + 1);
            if (tk >= 0 && tk != rd->ent[x])
                relations_join(p, rd->ent[x], tk, a, rd->tok[chain[nc - 1]] + 1);
            tokens_mark_used(p, rd->tok[chain[nc - 1]], rd->tok[chain[nc - 1]] + 1);
        }
}

/* Relations of a clause's subject X: its prepositions after a passive or "is" ("booked by a
 * client", "is in a room"), participles ("pages organized in spaces"), labels ("tickets can
 * be tagged"), self-references ("employees have a manager") and its fields. */
/* "gradings are held on a date by an examiner, and for each member ...": the parse may join
 * a verb's prepositions (MJl, MJr from the conjunction the verb's MV link points at); each of
 * one row is the verb's, as alone, but for the one after ", and", which opens a clause of its
 * own ("for each member who attempts a grading we record ..."); many rows ("crewed by a few
 * volunteers, and for each crew member ...") are left to the clause that names their record. */
static void verb_prepositions(struct plan *p, const struct reading *rd, int x, int v, bool passive,
                              bool parts, const struct parse_link *m)
{
    int from, prep, nj = 0;
    const char *const sides[] = {"MJl", "MJr"};
    int ci = rd->tok[m->r];
    int nsides = ci > 0 && p->t[ci - 1].kind == T_COMMA ? 1 : 2;
    for (int side = 0; side < nsides; side++)
        for (from = 0; (prep = links_linked(rd, m->r, sides[side], side == 1, &from)) >= 0;) {
            struct parse_link each = *m;
            each.r = (unsigned char)prep;
            int y = links_prep_object(p, rd, prep);
            nj++;
            if (y >= 0 && !tokens_is_plural(&p->t[rd->tok[y]]))
                verb_preposition(p, rd, x, v, passive, parts, &each);
        }
    if (nj == 0)
        verb_preposition(p, rd, x, v, passive, parts, m);
}

static void subject_relations(struct plan *p, struct reading *rd, const struct parse_link *l)
{
    int x = l->l, a = rd->tok[x];
    int chain[6];
    bool passive;
    int nc = links_verb_chain(p, rd, l->r, chain, &passive);
    for (int q = 0; q < nc; q++) {
        bool parts = verb_in(p->t[rd->tok[chain[q]]].w, part_verbs);
        made_up_of(p, rd, x, chain[q]);
        if (passive) {
            given_rows(p, rd, x, chain[q]);
            skipped_agent(p, rd, x, chain[q]);
        }
        copula_own_row(p, rd, x, chain[q]);
        for (int lk = 0; lk < rd->r.nlinks; lk++) {
            const struct parse_link *m = &rd->r.links[lk];
            if (m->l == chain[q] &&
                (links_label_is(m->label, "MV") || links_label_is(m->label, "Pp") ||
                 (parts && links_label_is(m->label, "OF"))))
                verb_prepositions(p, rd, x, chain[q], passive, parts, m);
        }
    }
    /* "pages organized in spaces": the parser dropped "in" and made spaces the
     * object of a participle; the pages are in the spaces */
    const struct tok *vt = &p->t[rd->tok[l->r]];
    size_t vl = strlen(vt->w);
    int po = links_linked(rd, l->r, "O", true, NULL);
    if (vl > 3 && strcmp(vt->w + vl - 2, "ed") == 0 && po >= 0 && rd->ent[po] >= 0 &&
        relations_on_delete(p->t[rd->tok[l->r] + 1].w) &&
        rd->tok[l->r] + 2 == rd->tok[po] - (links_linked(rd, po, "D", false, NULL) >= 0))
        relations_add(p, rd->ent[x], rd->ent[po], relations_on_delete(p->t[rd->tok[l->r] + 1].w),
                      a, rd->tok[po] + 1);
    subject_fields(p, rd, x, l->r);
    if (passive && nc > 0)
        tagged_rows(p, rd, x, chain, nc);
    self_reference(p, rd, x, chain, nc);
    act_of_row(p, rd, x, l->r);
    two_of(p, rd, x, l->r);
    /* "each match involves two players and has a score": each verb of the subject's list */
    int from = 0, w;
    while (rd->r.pos[l->r] != 'v' && (w = links_linked(rd, l->r, "VJ", false, &from)) >= 0)
        two_of(p, rd, x, w);
    from = 0;
    while (rd->r.pos[l->r] != 'v' && (w = links_linked(rd, l->r, "VJ", true, &from)) >= 0)
        two_of(p, rd, x, w);
    which_rows(p, rd, x, l->r);
}

/* "teams of players", "squads of swimmers": a group (WordNet's noun.group, but no
 * collection, which joins: "playlists of tracks") of plural members that are no group is
 * what they belong to, where "revisions of each page" belong to the page. */
static bool group_of(const struct tok *xt, const struct tok *yt, const char *prep)
{
    struct lex_noun xn, yn;
    return strcmp(prep, "of") == 0 && tokens_is_plural(yt) && lexicon_noun(xt->w, &xn) &&
           xn.kind == LEX_GROUP && !xn.collection &&
           !(lexicon_noun(yt->w, &yn) && yn.kind == LEX_GROUP);
}

/* "every visit to a site", "a call to a client": a record (WordNet's acts, events and
 * communications) to one row counted by "a", "an" or "one" is of that row, as "of" says;
 * other nouns' "to" attaches too loosely ("access to rooms"). */
static bool act_to_row(const struct plan *p, const struct reading *rd, int x, const char *prep,
                       int y)
{
    struct lex_noun xn;
    return strcmp(prep, "to") == 0 && y >= 0 && links_one_of_many(p, rd, y) &&
           lexicon_noun(p->t[rd->tok[x]].w, &xn) && xn.record;
}

/* "vines for each block", "- tickets (seat, price) for a show", "on every visit for a
 * callout": rows "for" one row counted one by one, or many rows (plural, or counted by
 * each/every) for one row counted by "a", are that row's; a noun's other "for" ("a gift for
 * friends") says too little. */
static bool for_one_row(const struct plan *p, const struct reading *rd, int x, const char *prep,
                        int y)
{
    bool many_rows = tokens_is_plural(&p->t[rd->tok[x]]) || links_counted_entity(p, rd, x) >= 0;
    return strcmp(prep, "for") == 0 && y >= 0 &&
           (links_counted_entity(p, rd, y) >= 0 || (many_rows && links_one_of_many(p, rd, y)));
}

/* "one loan per book per member": a second "per" counts the row the first one counts too
 * (the loans, not the books); x: the noun before the second. The parse may leave the first
 * "per" unlinked, so the words beside it say it. */
static int counted_by_per(const struct plan *p, const struct reading *rd, int x)
{
    while (x >= 2 && tokens_is_word(p, rd->tok[x - 1], "per") && rd->ent[x - 2] >= 0)
        x -= 2;
    return x;
}

/* "revisions of each page", "purchases per vehicle", "courses taught by ...": what a noun
 * is attached to. */
static void attached_relations(struct plan *p, struct reading *rd, const struct parse_link *l)
{
    int x = tokens_is_word(p, rd->tok[l->r], "per") ? counted_by_per(p, rd, l->l) : l->l;
    int a = rd->tok[x];
    bool participle = links_label_is(l->label, "Mv") || links_label_is(l->label, "MX");
    if (links_label_is(l->label, "Mv"))
        made_up_of(p, rd, x, l->r);
    if (links_label_is(l->label, "Mp") || links_label_is(l->label, "Mf") || participle) {
        int heads[4], nh = 0;
        if (!participle)
            heads[nh++] = l->r;
        else {
            int from = 0, w;
            while ((w = links_linked(rd, l->r, "MV", true, &from)) >= 0 && nh < 4)
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
            int yy = links_prep_object(p, rd, heads[q]);
            if (!participle && strcmp(prep, "between") == 0) {
                between_rows(p, rd, x, yy); /* "a match between a home team and ..." */
                continue;
            }
            bool by_person = strcmp(prep, "by") == 0 && yy >= 0 &&
                             lexicon_noun(p->t[rd->tok[yy]].w, &yn) && yn.person;
            if (!participle && !by_person && !act_to_row(p, rd, x, prep, yy) &&
                !for_one_row(p, rd, x, prep, yy) &&
                !words_in(prep, (const char *const[]){"of", "per", "in", "on", "at", "within",
                                                      "inside", "under", "from", "during", NULL}))
                continue; /* but "artworks by artists" names who made them */
            /* "any incident during a shift" is the shift's, as a thing done during an event
             * is (verb_preposition); a person is not */
            if (strcmp(prep, "during") == 0 && person_word(p, rd, x))
                continue;
            if (by_person && !participle)
                od = "set_null";
            /* "routes are set on walls by setters": a "by" the parse also gives a passive
             * verb names its agent, not the walls' maker */
            int v = links_linked(rd, heads[q], "MV", false, NULL);
            if (!participle && v >= 0 && links_passive_word(p, rd, v) && strcmp(prep, "by") == 0)
                continue;
            int y = links_prep_object(p, rd, heads[q]);
            /* "securities in a few portfolios": each in many of them, in no one */
            if (!od || y < 0 || rd->ent[y] < 0 || rd->ent[y] == rd->ent[x] ||
                counted_many(p, rd, y))
                continue;
            struct lex_noun ln;
            const struct tok *xt = &p->t[a], *yt = &p->t[rd->tok[y]];
            /* a noun's "of" follows it: "classes such as ... or a vase of dahlias" has the
             * vase's, which the parse, skipping "vase", hangs on the classes */
            if (!participle && strcmp(prep, "of") == 0 && rd->tok[heads[q]] != a + 1 &&
                !made_of(p, rd->tok[heads[q]]))
                continue;
            if (strcmp(prep, "of") == 0 && tokens_is_plural(xt) && tokens_is_plural(yt) &&
                links_linked(rd, y, "D", false, NULL) < 0 && lexicon_noun(xt->w, &ln) &&
                ln.collection)
                relations_join(p, rd->ent[x], rd->ent[y], a, rd->tok[y] + 1);
            else if (made_of(p, rd->tok[heads[q]]) || group_of(xt, yt, prep))
                /* the parse's "routes -Mf- of stops", or a group's members */
                relations_add(p, rd->ent[y], rd->ent[x], od, a, rd->tok[y] + 1);
            else
                relations_add(p, rd->ent[x], rd->ent[y], od, a, rd->tok[y] + 1);
        }
    }
}

/* "a network with stations and the sensors installed at each station": the parser may hang a
 * noun's participle or preposition (Mv, Mp) on the conjunction of a list it made; it
 * belongs to the list's last member, the noun right before it. */
static void conjunction_attached(struct plan *p, struct reading *rd, const struct parse_link *l)
{
    int m[PARSE_MAX_WORDS];
    if (!(links_label_is(l->label, "Mv") || links_label_is(l->label, "Mp")))
        return;
    int nm = links_members(rd, l->l, m, PARSE_MAX_WORDS);
    if (nm < 2 || m[nm - 1] != l->r - 1 || rd->ent[m[nm - 1]] < 0)
        return;
    struct parse_link last = *l;
    last.l = (unsigned char)m[nm - 1];
    attached_relations(p, rd, &last);
}

/* Is list member x attached to a row of its own by a preposition ("a word count per
 * chapter" in "... and a deadline for each novel")? */
static bool own_row(const struct plan *p, const struct reading *rd, int x)
{
    int from = 0, w;
    while ((w = links_linked(rd, x, "M", true, &from)) >= 0)
        if (links_row_of_column(p, rd, w) >= 0)
            return true;
    return false;
}

/* "the weight and the colour of each parcel", "a word count per chapter", "a deadline for
 * each novel": nouns of no table said of a row are its columns (with the noun before them
 * of a compound: "the flag state of each"). */
static void of_each_fields(struct plan *p, const struct reading *rd, const struct parse_link *l)
{
    int k;
    if (!(links_label_is(l->label, "Mp") || links_label_is(l->label, "Mf")) ||
        (k = links_row_of_column(p, rd, l->r)) < 0)
        return;
    bool of = tokens_is_word(p, rd->tok[l->r], "of");
    int m[PARSE_MAX_WORDS];
    int nm = links_members(rd, l->l, m, PARSE_MAX_WORDS);
    for (int q = 0; q < nm; q++) {
        const struct tok *t = &p->t[rd->tok[m[q]]];
        /* after "per" or "for" a column is counted itself ("a word count per chapter"):
         * "equipment ... managed per laboratory" is what the backend is for */
        bool counted = of || links_linked(rd, m[q], "D", false, NULL) >= 0;
        if (rd->ent[m[q]] >= 0 || !links_is_noun(p, rd, m[q]) || tokens_is_plural(t) ||
            tokens_is_stop_noun(t) || !counted || (nm > 1 && own_row(p, rd, m[q])))
            continue;
        int mod = links_linked(rd, m[q], "AN", false, NULL);
        char raw[WORD_MAX * 2 + 2], en[NAME_MAX_], from[SNIPPET_MAX + 8];
        snprintf(raw, sizeof(raw), "%s%s%s", mod >= 0 ? p->t[rd->tok[mod]].w : "",
                 mod >= 0 ? " " : "", t->w);
        int after =
            mod < 0 ? phrases_moment_clause(p, rd->tok[m[q]], rd->tok[m[q]] + 1, raw, sizeof(raw))
                    : -1;
        struct field *f = fields_add(p, k, raw, true);
        if (!f)
            continue;
        int a = mod >= 0 ? rd->tok[mod] : rd->tok[m[q]];
        tokens_mark_used(p, a, after > 0 ? after : rd->tok[m[q]] + 1);
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
        !tokens_word_in(p, vt, words_record_verbs) || vt + 1 >= p->nt ||
        !tokens_is_word(p, rd->tok[0], "for"))
        return;
    int k = links_counted_entity(p, rd, links_linked(rd, 0, "J", true, NULL));
    if (k < 0)
        return;
    int end = tokens_sentence_end(p, vt + 1);
    p->t[vt].used = true;
    phrases_field_list(p, k, vt + 1, end, false, false);
}

/* "Each beehive's location, queen age and honey yield are recorded": what a row counted by
 * each/every possesses, when it is no table, is its columns (read as a field list up to
 * the clause's verb). */
static void possessed_fields(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    if (!links_counted_possessor(p, i) || i + 1 >= p->nt || p->t[i + 1].used ||
        entities_find(p, p->t[i + 1].s) >= 0 || tokens_is_plural(&p->t[i + 1]))
        return;
    int end = i + 1;
    while (end < p->nt && p->t[end].kind != T_STOP &&
           !tokens_word_in(p, end, (const char *const[]){"is", "are", "was", "were", NULL}))
        end++;
    phrases_field_list(p, rd->ent[j], i + 1, end, false, false);
}

/* "Each customer's loans have a due date": the parser is given the possessor without its
 * "'s" ("each customer loans have"), and may read the possessed plural as a verb or a
 * compound's head, leaving either word without its entity; the plural right after a
 * possessor counted one by one (each/every) names the rows it has, when both are tables. */
static void possessed_rows(struct plan *p, const struct reading *rd, int j)
{
    int i = rd->tok[j];
    if (!links_counted_possessor(p, i) || i + 1 >= p->nt || p->t[i + 1].kind != T_WORD ||
        !tokens_is_plural(&p->t[i + 1]))
        return;
    int owner = rd->ent[j] >= 0 ? rd->ent[j] : links_entity_of_word(p, i, p->t[i].s);
    int rows = links_entity_of_word(p, i + 1, p->t[i + 1].s);
    if (owner >= 0 && rows >= 0 && owner != rows && !p->e[owner].dropped && !p->e[rows].dropped)
        relations_add(p, rows, owner, "cascade", i, i + 2);
}

/* "each animal's vaccinations" are the animal's; the one person a row has ("a lesson's
 * teacher", "each patient's doctor") is a person of its own the row refers to, as "has a
 * teacher" says. Possessor word j, possessed word q. */
static void possessed_row(struct plan *p, const struct reading *rd, int j, int q)
{
    struct lex_noun qn;
    const struct tok *qt = &p->t[rd->tok[q]];
    if (!tokens_is_plural(qt) && lexicon_noun(qt->w, &qn) && qn.person) {
        if (!p->parent[rd->ent[q]][rd->ent[j]])
            relations_add(p, rd->ent[j], rd->ent[q], "set_null", rd->tok[j], rd->tok[q] + 1);
        return;
    }
    relations_add(p, rd->ent[q], rd->ent[j], "cascade", rd->tok[j], rd->tok[q] + 1);
}

/* "For each market there are pitches", "on each floor there are rooms": the rows of a clause
 * led by a row counted one by one belong to it. The parse has the opener before the verb
 * ("for" -PF- "are" -SI- "pitches") or before "there" ("for" -CO- "there" -SF- "are" -O-
 * "pitches"); l is the SI or SF link. */
static void fronted_rows(struct plan *p, const struct reading *rd, const struct parse_link *l)
{
    bool inverted = links_label_is(l->label, "SI");
    int rows = inverted ? l->r : links_linked(rd, l->r, "O", true, NULL);
    int prep = inverted ? links_linked(rd, l->l, "PF", false, NULL)
                        : links_linked(rd, l->l, "CO", false, NULL);
    if (rows < 0 || prep < 0 || rd->ent[rows] < 0 || !relations_on_delete(p->t[rd->tok[prep]].w))
        return;
    int k = links_counted_entity(p, rd, links_linked(rd, prep, "J", true, NULL));
    if (k >= 0)
        relations_add(p, rd->ent[rows], k, "cascade", rd->tok[prep], rd->tok[rows] + 1);
}

/* "we book sweeps for a chimney": what the product's users ("we", "I") do to a row with a
 * preposition puts that row (the verb's object) there, as after any active verb
 * (verb_preposition); not when the prompt names the act's record ("we rent units to
 * customers ... a rental": acts.c), nor "by". l: the subject link. */
static void our_objects(struct plan *p, const struct reading *rd, const struct parse_link *l)
{
    int v = l->r, o = links_linked(rd, v, "O", true, NULL), from = 0, prep;
    if (!tokens_word_in(p, rd->tok[l->l], (const char *const[]){"we", "i", NULL}) || o < 0 ||
        rd->ent[o] < 0 || rd->r.pos[v] != 'v' || acts_named(p, rd->tok[v]) >= 0)
        return;
    while ((prep = links_linked(rd, v, "MV", true, &from)) >= 0) {
        const char *od = relations_on_delete(p->t[rd->tok[prep]].w);
        int y = links_prep_object(p, rd, prep);
        if (od && y >= 0 && rd->ent[y] >= 0 && !tokens_is_word(p, rd->tok[prep], "by") &&
            !nearer_row(p, rd, o, prep) && !counted_many(p, rd, y))
            relations_add(p, rd->ent[o], rd->ent[y], od, rd->tok[o], rd->tok[y] + 1);
    }
}

/* "after each sweep we issue a certificate", "after a lesson the student leaves a review":
 * the one row a clause's verb makes (its object, counted by "a"), under an opener that names
 * one row ("after" -CO- the subject, or -PF- the verb; -J- the row), is for that row; so is
 * the record the prompt names for the verb's act ("during an inspection each appliance is
 * checked; a check records ..."). l: the subject link. */
static void fronted_object(struct plan *p, const struct reading *rd, const struct parse_link *l)
{
    int prep = links_linked(rd, l->l, "CO", false, NULL);
    if (prep < 0)
        prep = links_linked(rd, l->r, "PF", false, NULL);
    int y = prep >= 0 ? links_prep_object(p, rd, prep) : -1;
    const char *od = prep >= 0 ? relations_on_delete(p->t[rd->tok[prep]].w) : NULL;
    if (!od || y < 0 || rd->ent[y] < 0 || tokens_is_plural(&p->t[rd->tok[y]]))
        return;
    int from = 0, o, chain[6];
    bool passive;
    while ((o = links_linked(rd, l->r, "O", true, &from)) >= 0)
        if (rd->ent[o] >= 0 && links_one_of_many(p, rd, o))
            relations_add(p, rd->ent[o], rd->ent[y], od, rd->tok[prep], rd->tok[o] + 1);
    int nc = links_verb_chain(p, rd, l->r, chain, &passive);
    for (int q = 0; q < nc; q++) {
        int k = rd->r.pos[chain[q]] == 'v' ? acts_named(p, rd->tok[chain[q]]) : -1;
        if (k >= 0 && k != rd->ent[y])
            relations_add(p, k, rd->ent[y], od, rd->tok[prep], rd->tok[chain[q]] + 1);
    }
}

/* "members and their children", "farms and their fields", "schools and their pupils": the
 * list member before "and" possesses what "their" counts, which refers to it; a person
 * possessed by a thing that is no group ("horses and their owners") is left to other rules. */
static void listed_possessor(struct plan *p, const struct reading *rd, int j, bool their)
{
    int conj = links_linked(rd, j, "SJr", false, NULL);
    int x = conj >= 0 ? links_linked(rd, conj, "SJl", false, NULL) : -1;
    struct lex_noun xn, jn;
    if (x < 0 || rd->ent[x] < 0 || rd->ent[x] == rd->ent[j] || !their ||
        !tokens_is_plural(&p->t[rd->tok[x]]) || !tokens_is_plural(&p->t[rd->tok[j]]) ||
        p->parent[rd->ent[x]][rd->ent[j]] ||
        (lexicon_noun(p->t[rd->tok[j]].w, &jn) && jn.person &&
         !(lexicon_noun(p->t[rd->tok[x]].w, &xn) && (xn.person || xn.kind == LEX_GROUP))))
        return;
    relations_add(p, rd->ent[j], rd->ent[x], "cascade", rd->tok[x], rd->tok[j] + 1);
}

/* "farmers send samples from their fields": rows "their" or "its" counts (the dictionary's
 * D link) belong to the subject the pronoun stands for, the nearest subject before it in
 * the sentence, plural for "their" and singular for "its"; one row "their" counts is each
 * subject's one ("for their house"). */
static void pronoun_possessed(struct plan *p, const struct reading *rd, int j)
{
    int d = links_linked(rd, j, "D", false, NULL);
    bool their = d >= 0 && tokens_is_word(p, rd->tok[d], "their");
    if (rd->ent[j] < 0 || d < 0 || !(their || tokens_is_word(p, rd->tok[d], "its")))
        return;
    listed_possessor(p, rd, j, their);
    for (int x = d - 1; x >= 0; x--) {
        int from = 0;
        if (links_linked(rd, x, "S", true, &from) < 0 ||
            !links_is_subject(rd->r.links[from - 1].label))
            continue;
        if (rd->ent[x] < 0 || rd->ent[x] == rd->ent[j] ||
            tokens_is_plural(&p->t[rd->tok[x]]) != their || p->parent[rd->ent[x]][rd->ent[j]])
            return;
        /* "tenants report requests for their house": one each, which they refer to */
        if (their && !tokens_is_plural(&p->t[rd->tok[j]]))
            relations_add(p, rd->ent[x], rd->ent[j], "set_null", rd->tok[x], rd->tok[j] + 1);
        else
            relations_add(p, rd->ent[j], rd->ent[x], "cascade", rd->tok[x], rd->tok[j] + 1);
        return;
    }
}

/* "flats in buildings that belong to landlords", "tools that are kept in sheds": the noun a
 * relative pronoun stands for (its R link) is the subject of the clause's verb (the
 * pronoun's RS link, l), and states relations as a subject does. */
static void relative_clause(struct plan *p, struct reading *rd, const struct parse_link *l)
{
    int x = links_label_is(l->label, "RS") ? links_linked(rd, l->l, "R", false, NULL) : -1;
    if (x < 0 || rd->ent[x] < 0)
        return;
    struct parse_link subject = {.l = (unsigned char)x, .r = l->r, .label = "S"};
    subject_relations(p, rd, &subject);
}

/* Relations the structure states: passives ("booked by a client"), places ("each plant is
 * in a room"), attachments ("revisions of each page", "purchases per vehicle"),
 * possessives, many-to-many lists ("playlists of tracks") and self-references ("employees
 * have a manager"). */
/* The subject nearest before word w, when it is one row of a table (a singular the parse
 * makes a subject); -1. */
static int row_said_before(const struct plan *p, const struct reading *rd, int w)
{
    int x = -1;
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *s = &rd->r.links[k];
        if (links_is_subject(s->label) && s->l < w && s->l > x)
            x = s->l;
    }
    return x < 0 || rd->ent[x] < 0 || tokens_is_plural(&p->t[rd->tok[x]]) ? -1 : x;
}

/* "an item has a quantity, it goes into one unit and is logged by a volunteer": "it" as a
 * subject stands for the subject before it in the sentence, when that is one row of a table
 * (a singular the parse makes a subject); out gets the link with that subject. */
static bool pronoun_subject(const struct plan *p, const struct reading *rd,
                            const struct parse_link *l, struct parse_link *out)
{
    if (!links_is_subject(l->label) || !tokens_is_word(p, rd->tok[l->l], "it"))
        return false;
    int x = row_said_before(p, rd, l->l);
    if (x < 0)
        return false;
    *out = *l;
    out->l = x;
    return true;
}

/* The preposition a relative clause without a pronoun leaves at its end, for the noun n the
 * clause says more of ("the shift it came in on": the noun's B link to it, or a verb's particle
 * after the clause's subject word it, "the court it was played on"), when it has no object of
 * its own and relates rows; -1. */
static int stranded_preposition(const struct plan *p, const struct reading *rd, int n, int it)
{
    int prep = links_linked(rd, n, "B", true, NULL);
    for (int k = 0; k < rd->r.nlinks && (prep < 0 || rd->r.pos[prep] == 'v'); k++)
        if (links_label_is(rd->r.links[k].label, "K") && rd->r.links[k].l > it)
            prep = rd->r.links[k].r;
    if (prep < 0 || links_linked(rd, prep, "J", true, NULL) >= 0 ||
        !relations_on_delete(p->t[rd->tok[prep]].w))
        return -1;
    return prep;
}

/* "each donation is logged against the donor who gave it and the shift it came in on": a
 * relative clause whose subject is "it" and whose preposition is stranded at its end puts the
 * row "it" stands for (pronoun_subject) in the noun's row (Donation.shift_id). l: the noun's
 * Rn link to the clause's subject. */
static void stranded_rows(struct plan *p, const struct reading *rd, const struct parse_link *l)
{
    if (!links_label_is(l->label, "Rn") || rd->ent[l->l] < 0 ||
        !tokens_is_word(p, rd->tok[l->r], "it"))
        return;
    int prep = stranded_preposition(p, rd, l->l, l->r);
    int x = prep >= 0 ? row_said_before(p, rd, l->l) : -1; /* what "it" stands for */
    if (x < 0 || rd->ent[x] == rd->ent[l->l])
        return;
    relations_add(p, rd->ent[x], rd->ent[l->l], relations_on_delete(p->t[rd->tok[prep]].w),
                  rd->tok[x], rd->tok[prep] + 1);
}

/* "riders file trail reports", "part enquiries": a record (WordNet's acts, events,
 * communications) named by a compound (AN, link l) whose modifier is another table's word is
 * of one of its rows (TrailReport.trail_id). */
static void compound_rows(struct plan *p, const struct reading *rd, const struct parse_link *l)
{
    struct lex_noun mn, hn;
    int h = links_label_is(l->label, "AN") ? rd->ent[l->r] : -1;
    /* a modifier is singular ("trail reports"); "students book lessons" read as one compound
     * is a misread clause */
    if (h < 0 || tokens_is_plural(&p->t[rd->tok[l->l]]) ||
        !lexicon_noun(p->t[rd->tok[l->l]].w, &mn) || !lexicon_noun(p->t[rd->tok[l->r]].w, &hn) ||
        !hn.record || hn.person)
        return;
    int m = links_entity_of_word(p, rd->tok[l->l], mn.lemma);
    if (m >= 0 && m != h && !p->e[m].dropped)
        relations_add(p, h, m, "set_null", rd->tok[l->l], rd->tok[l->r] + 1);
}

void clauses_read(struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        of_each_fields(p, rd, l);
        if (links_label_is(l->label, "SI") || links_label_is(l->label, "SF"))
            fronted_rows(p, rd, l);
        if (links_is_subject(l->label)) {
            for_each_fields(p, rd, l);
            fronted_object(p, rd, l);
        }
        relative_clause(p, rd, l);
        stranded_rows(p, rd, l);
        compound_rows(p, rd, l);
        struct parse_link it;
        if (pronoun_subject(p, rd, l, &it))
            subject_relations(p, rd, &it);
        if (rd->ent[l->l] < 0) {
            conjunction_attached(p, rd, l);
            if (links_is_subject(l->label))
                our_objects(p, rd, l);
            continue;
        }
        if (links_is_subject(l->label))
            subject_relations(p, rd, l);
        attached_relations(p, rd, l);
    }
    for (int j = 0; j < rd->n; j++)
        pronoun_possessed(p, rd, j);
    /* "each animal's vaccinations" */
    for (int j = 0; j + 1 < rd->n; j++) {
        if (!p->t[rd->tok[j]].poss)
            continue;
        if (rd->ent[j] < 0) {
            possessed_rows(p, rd, j);
            continue;
        }
        possessed_fields(p, rd, j);
        int q = j + 1;
        while (q < rd->n && q < j + 4 && rd->ent[q] < 0)
            q++;
        if (q < rd->n && q < j + 4)
            possessed_row(p, rd, j, q);
        else
            possessed_rows(p, rd, j);
    }
    columns_read(p, rd);
}
