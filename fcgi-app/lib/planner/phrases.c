/* The phrase rules: the planner's fallback reading of a clause without the parser
 * ("X has Ys", "Y belongs to X", "with a title and a due date", headings and lists). */
#include "planner/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Leading words skipped inside a list item. */
static const char *const item_skip[] = {
    "a",       "an",        "the",      "their",     "its",       "his",      "her",
    "our",     "my",        "your",     "some",      "many",      "multiple", "several",
    "any",     "all",       "each",     "every",     "one",       "or",       "more",
    "zero",    "own",       "optional", "required",  "unique",    "of",       "also",
    "various", "different", "new",      "also",      "unlimited", "daily",    "monthly",
    "weekly",  "recurring", "upcoming", "favourite", "favorite",  "personal", "private",
    "public",  "shared",    "simple",   "small",     "basic",     "two",      "three",
    "other",   "just",      "possibly", "even",      NULL};

/* The pronouns a clause without "that" starts with ("the date I acquired it"). */
static const char *const subject_pronouns[] = {"i", "we", "you", "he", "she", "it", "they", NULL};

/* Words that end a field list item and mean "this is a boolean". */
static const char *const flag_words[] = {"flag", "checkbox", "toggle", "boolean", "bool", NULL};

/* What a list item turned out to be. */
struct item {
    int a, b;      /* tokens of the noun phrase (after skipped words) */
    int entity;    /* entity index, or -1 */
    bool user;     /* "users", "a user" */
    bool singular; /* a singular head with an article: "an author" */
    bool article;
};

/* "a last serviced date", "the next due date": a name that starts with an ordinal, which is
 * otherwise a function word ("the last step"); "a from address", "a to address": or with a
 * preposition right after "a". */
static bool ordinal_lead(const struct plan *p, int i)
{
    if (tokens_word_in(p, i, (const char *const[]){"from", "to", NULL}))
        return tokens_word_in(p, i - 1, words_indefinite) && tokens_is_content(p, i + 1);
    return tokens_word_in(p, i,
                          (const char *const[]){"last", "next", "first", "previous", NULL}) &&
           tokens_is_content(p, i + 1) && p->mention[i + 1] < 0;
}

/* "a use by date", "a best before date", "a sell by date": a word, "by" or "before" and a
 * noun WordNet files as a column (a time) that ends the item name one column together. The
 * token after the three words, or -1. */
static int deadline_name(const struct plan *p, int i, int end)
{
    struct lex_noun ln;
    int after = i + 3;
    if (after > end || p->t[i].kind != T_WORD || !p->t[i].w[0] ||
        !tokens_word_in(p, i + 1, (const char *const[]){"by", "before", NULL}) ||
        !tokens_is_content(p, i + 2) || !lexicon_noun(p->t[i + 2].w, &ln) || ln.kind != LEX_FIELD)
        return -1;
    bool item_ends = after >= end || p->t[after].kind != T_WORD ||
                     tokens_word_in(p, after, (const char *const[]){"and", "or", NULL});
    return item_ends ? after : -1;
}

/* Was the word at i said earlier in its sentence ("a date, a use by date")? */
static bool said_before(const struct plan *p, int i)
{
    for (int q = i - 1; q >= 0 && p->t[q].kind != T_STOP; q--)
        if (tokens_is_word(p, q, p->t[i].w))
            return true;
    return false;
}

/* Removes entity e's column named by `head` alone, also as fields_add prefixes it with e's
 * own name ("date" of an item is item_date). */
static void drop_head_column(struct entity *e, const char *head)
{
    char own[NAME_MAX_ * 2 + 2];
    snprintf(own, sizeof(own), "%s_%s", e->snake, head);
    int fi = fields_find(e, head);
    if (fi < 0)
        fi = fields_find(e, own);
    if (fi >= 0)
        fields_remove(e, fi);
}

/* "a year group", "a fleet number": a word for a collection inside the item's name, beside
 * another of its words and with no "of" after it, is a word of the name, not the collective
 * that "a group of visitors" opens (tokens_is_content reads one a determiner counts as
 * content for every reader: "the catalogue number"). */
static bool collective_head(const struct plan *p, int a, int i)
{
    return tokens_word_in(p, i, words_collective) && !tokens_is_plural(&p->t[i]) &&
           !tokens_is_word(p, i + 1, "of") &&
           ((i > a && tokens_is_content(p, i - 1)) || tokens_is_content(p, i + 1));
}

/* "Bikes: make, model", "model, make and year": a word the rules keep as a function word
 * (a verb of making, using or setting) that stands alone between a list's separators is an
 * item named by its noun when WordNet knows one, unless it is usually an adjective ("first,
 * second or third" are values); "or" before it gives a value, no item. */
static bool lone_noun(const struct plan *p, int i, int end)
{
    struct lex_noun ln;
    if (i <= 0 || i >= end || p->t[i].kind != T_WORD || tokens_is_content(p, i) ||
        words_in(p->t[i].w, item_skip) || lexicon_usual_pos(p->t[i].w) == 'a' ||
        !lexicon_noun(p->t[i].w, &ln))
        return false;
    const struct tok *before = &p->t[i - 1];
    bool opens = before->kind == T_COMMA || before->kind == T_COLON || before->kind == T_LPAREN ||
                 tokens_is_word(p, i - 1, "and");
    bool closes = i + 1 >= end || p->t[i + 1].kind == T_COMMA || p->t[i + 1].kind == T_RPAREN ||
                  p->t[i + 1].kind == T_STOP ||
                  tokens_word_in(p, i + 1, (const char *const[]){"and", "or", NULL});
    return opens && closes;
}

/* Parses a noun phrase at i; sets it->a/b to the content run. Returns the next index. */
static int noun_phrase(struct plan *p, int i, int end, struct item *it)
{
    memset(it, 0, sizeof(*it));
    it->entity = -1;
    i = tokens_skip(p, i, end, item_skip);
    /* the caller may have stepped past the article already ("has a teacher") */
    it->article = i > 0 && tokens_word_in(p, i - 1, words_determiners);
    if (tokens_word_in(p, i, words_indefinite))
        it->article = true;
    /* "a fleet of trucks", "a list of tasks" */
    if (tokens_word_in(p, i, words_collective) && tokens_is_word(p, i + 1, "of")) {
        p->t[i].used = p->t[i + 1].used = true;
        i = tokens_skip(p, i + 2, end, item_skip);
    }
    it->a = i;
    if (lone_noun(p, i, end)) {
        it->b = i + 1;
        return it->b;
    }
    int deadline = deadline_name(p, i, end);
    if (deadline > i) {
        it->b = deadline;
        return deadline;
    }
    if (ordinal_lead(p, i))
        i++;
    while (i < end && p->t[i].kind == T_WORD &&
           (tokens_is_content(p, i) || p->mention[i] >= 0 || collective_head(p, it->a, i))) {
        if (p->mention[i] >= 0) {
            int me = p->mention_end[i];
            /* a mention ends the phrase: "hotel rooms" names rooms */
            i = me;
            break;
        }
        if (i > it->a &&
            (tokens_word_in(p, i, words_list_verbs) || tokens_word_in(p, i, words_have_verbs)) &&
            i + 1 < end && p->t[i + 1].kind == T_WORD && !tokens_is_word(p, i + 1, "and") &&
            !tokens_is_word(p, i + 1, "or"))
            break;
        if (i > it->a && constraints_limits_end(p, i) > i)
            break; /* "a score 1-5 and a comment": the limits are no part of the name */
        i++;
    }
    it->b = i;
    return i;
}

/* Turns a parsed phrase into an entity (vocabulary or, when `allow_unknown`, an unknown
 * plural noun). */
static void item_entity(struct plan *p, struct item *it, bool allow_unknown, bool force)
{
    if (it->b <= it->a)
        return;
    const struct tok *h = &p->t[it->b - 1];
    it->singular = !tokens_is_plural(h);
    if (words_in(h->w, words_user) && strcmp(h->w, "i") != 0 && strcmp(h->w, "we") != 0) {
        it->user =
            words_in(h->w, (const char *const[]){"user", "users", "account", "accounts", NULL});
        if (it->user) {
            for (int j = it->a; j < it->b; j++)
                p->t[j].used = true;
            return;
        }
    }
    /* the last vocabulary mention inside the phrase names it ("hotel rooms" → room) */
    int m = -1;
    for (int j = it->a; j < it->b; j++)
        if (p->mention[j] >= 0)
            m = j;
    if (m >= 0 && p->mention_end[m] == it->b) {
        it->entity = entities_from_mention(p, m);
        return;
    }
    if (allow_unknown)
        it->entity = entities_from_unknown(p, it->a, it->b, force);
}

/* Do the separators [i, j) hold a comma and then "and" (", and")? */
static bool comma_and(const struct plan *p, int i, int j)
{
    bool comma = false;
    for (int q = i; q < j; q++) {
        comma |= p->t[q].kind == T_COMMA;
        if (comma && tokens_is_word(p, q, "and"))
            return true;
    }
    return false;
}

/* "has a start time, and seats are sold": after ", and" a noun phrase of one or two words
 * followed by an auxiliary, a copula or a verb of having, or a counted possessor, starts a
 * clause of its own, not the list's next item. */
static bool clause_after(const struct plan *p, int k, int end)
{
    static const char *const aux[] = {"is",   "are",  "was",  "were",  "can",
                                      "will", "must", "may",  "might", "should",
                                      "get",  "gets", "need", "needs", NULL};
    /* "..., and each bunk's price depends on ...": a possessor counted one by one starts
     * a clause */
    if (p->t[k].poss && tokens_word_in(p, k - 1, (const char *const[]){"each", "every", NULL}))
        return true;
    int last = k + 2;
    for (int q = k + 1; q < end && q <= last; q++) {
        if (tokens_word_in(p, q, aux) || tokens_word_in(p, q, words_have_verbs))
            return true;
        if (!tokens_is_content(p, q))
            return false;
    }
    return false;
}

/* Does a "whether" clause's item end after token w (its end, a separator, "and" or "or")? */
static bool whether_ends(const struct plan *p, int w, int end)
{
    return w + 1 >= end || p->t[w + 1].kind != T_WORD ||
           tokens_word_in(p, w + 1, (const char *const[]){"and", "or", NULL});
}

/* Joins the words [a, b] with '_' after `lead` (when not NULL) into raw; false when too
 * long. */
static bool whether_name(const struct plan *p, const char *lead, int a, int b, char *raw,
                         size_t size)
{
    size_t n = 0;
    raw[0] = '\0';
    if (lead) {
        int r = snprintf(raw, size, "%s", lead);
        if (r < 0 || (size_t)r >= size)
            return false;
        n = (size_t)r;
    }
    for (int q = a; q <= b; q++) {
        int r = snprintf(raw + n, size - n, "%s%s", n ? "_" : "", p->t[q].w);
        if (r < 0 || (size_t)r >= size - n)
            return false;
        n += (size_t)r;
    }
    return n > 0;
}

/* The one or two content words at i that end a "whether" clause's item, after an article
 * when `article` ("an apprentice", "a soft release", "the deposit"); their last token, or
 * -1. */
static int whether_noun(const struct plan *p, int i, int end, bool article, int *first)
{
    if (article && tokens_word_in(p, i, words_determiners))
        i++;
    *first = i;
    for (int w = i; w < end && w < i + 2; w++)
        if (!tokens_is_content(p, w))
            return -1;
        else if (whether_ends(p, w, end))
            return w;
    return -1;
}

/* "whether it is paid", "whether they escaped", "whether the unit was cleaned": a yes or no
 * said of the row by its own pronoun or of one thing "the" names, with one word that WordNet
 * reads as no noun (a participle or an adjective) before the item ends, named by it; "whether
 * they are an apprentice", "whether it was a soft release": by the noun a copula and an
 * article give the row; "whether they paid the deposit", "whether it needs medication": by
 * the verb and its object; "whether gold leaf is used": by the bare noun it asks of. The last
 * token of the clause, or -1; the name in raw. */
static int whether_flag(const struct plan *p, int i, int end, char *raw, size_t size)
{
    static const char *const pronouns[] = {"it", "they", NULL};
    static const char *const copulas[] = {"is", "are", "was", "were", "has", "have", "been", NULL};
    if (!tokens_is_word(p, i, "whether"))
        return -1;
    /* "whether the student has paid": or by one noun after "the" */
    bool noun = tokens_is_word(p, i + 1, "the") && tokens_is_content(p, i + 2) &&
                !tokens_is_plural(&p->t[i + 2]);
    bool pronoun = tokens_word_in(p, i + 1, pronouns);
    /* "whether gold leaf is used": a bare singular noun of one or two words */
    int bare = i + 1;
    while (bare < end && bare < i + 3 && tokens_is_content(p, bare) &&
           lexicon_usual_pos(p->t[bare].w) == 'n' && !tokens_is_plural(&p->t[bare]))
        bare++;
    bool asked = !noun && !pronoun && bare > i + 1 && tokens_word_in(p, bare, copulas);
    if (!(noun || pronoun || asked))
        return -1;
    int from = asked ? bare : i + 2 + noun, w = tokens_skip(p, from, end, copulas), first;
    bool copula = w > from;
    if (w < end && p->t[w].kind == T_WORD && p->t[w].w[0] && whether_ends(p, w, end) &&
        lexicon_usual_pos(p->t[w].w) != 'n')
        return (asked ? whether_name(p, NULL, i + 1, bare - 1, raw, size)
                      : whether_name(p, NULL, w, w, raw, size))
                   ? w
                   : -1;
    if (!pronoun || w >= end || p->t[w].kind != T_WORD)
        return -1;
    /* "whether they are an apprentice": the noun after a copula and an article */
    if (copula && tokens_word_in(p, w, words_indefinite)) {
        int last = whether_noun(p, w, end, true, &first);
        return last >= 0 && whether_name(p, NULL, first, last, raw, size) ? last : -1;
    }
    /* "whether they paid the deposit": a verb and its object */
    if (copula || lexicon_usual_pos(p->t[w].w) != 'v' || !tokens_is_content(p, w))
        return -1;
    int last = whether_noun(p, w + 1, end, true, &first);
    return last >= 0 && whether_name(p, p->t[w].w, first, last, raw, size) ? last : -1;
}

/* Reads "whether it is paid" at i as a boolean column of entity k (Visit.paid). Returns the
 * token after it, or i. */
static int whether_column(struct plan *p, int k, int i, int end)
{
    char raw[NAME_MAX_];
    int w = whether_flag(p, i, end, raw, sizeof(raw));
    struct field *f = w >= 0 ? fields_add(p, k, raw, true) : NULL;
    if (!f)
        return i;
    f->type = "boolean";
    tokens_mark_used(p, i, w + 1);
    char en[NAME_MAX_];
    notes_add(p, p->understood, "field %s.%s: boolean (from \"whether ... %s\")",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, p->t[w].w);
    return w + 1;
}

/* "how many waves I caught", "how many bottles it made", "how many copies": a count of
 * what the plural names, by the verb of its clause when one follows (waves_caught), at i.
 * The token after it, or -1; the name in raw. */
static int how_many(const struct plan *p, int i, int end, char *raw, size_t size)
{
    int n = i + 2, after = n + 1;
    if (!tokens_is_word(p, i, "how") || !tokens_is_word(p, i + 1, "many") || n >= end ||
        !tokens_is_content(p, n) || !tokens_is_plural(&p->t[n]))
        return -1;
    int v = after + 1;
    bool verb = v < end && tokens_word_in(p, after, subject_pronouns) && p->t[v].kind == T_WORD &&
                lexicon_usual_pos(p->t[v].w) == 'v';
    if (verb)
        after = v + 1;
    if (after < end && p->t[after].kind == T_WORD &&
        !tokens_word_in(p, after, (const char *const[]){"and", "or", NULL}))
        return -1; /* "how many seats are left": a clause the rules leave alone */
    snprintf(raw, size, "%s%s%s", p->t[n].w, verb ? "_" : "", verb ? p->t[v].w : "");
    return after;
}

/* Reads "how many waves I caught" at i as a count column of entity k (Session.waves_caught,
 * a whole number from 0). Returns the token after it, or i. */
static int how_many_column(struct plan *p, int k, int i, int end)
{
    char raw[NAME_MAX_], en[NAME_MAX_];
    int after = how_many(p, i, end, raw, sizeof(raw));
    struct field *f = after > i ? fields_add(p, k, raw, true) : NULL;
    if (!f)
        return i;
    f->type = "integer";
    f->max_length = 0;
    f->has_min = true;
    f->min = 0;
    tokens_mark_used(p, i, after);
    notes_add(p, p->understood, "field %s.%s: integer (from \"how many %s\")",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, p->t[i + 2].w);
    return after;
}

/* "the board I rode, wave height ...": a clause without "that" after an item (a subject
 * pronoun, a verb, maybe "it") says which one, no column. The token after it, or i. */
static int past_bare_relative(const struct plan *p, int i, int end)
{
    int q = i + 2;
    if (q > end || !tokens_word_in(p, i, subject_pronouns) || p->t[i + 1].kind != T_WORD ||
        lexicon_usual_pos(p->t[i + 1].w) != 'v')
        return i;
    if (tokens_word_in(p, q, (const char *const[]){"it", "them", NULL}))
        q++;
    bool item_ends = q >= end || p->t[q].kind != T_WORD ||
                     tokens_word_in(p, q, (const char *const[]){"and", "or", NULL});
    return item_ends ? q : i;
}

/* Continues a list after an item: returns the index of the next item or -1. */
static int list_next(const struct plan *p, int i, int end)
{
    i = past_bare_relative(p, i, end);
    int j = i;
    bool sep = false;
    while (j < end) {
        if (p->t[j].kind == T_COMMA || tokens_is_word(p, j, "and") || tokens_is_word(p, j, "or") ||
            tokens_is_word(p, j, "plus") || tokens_is_word(p, j, "as") ||
            tokens_is_word(p, j, "well")) {
            sep = true;
            j++;
            continue;
        }
        break;
    }
    /* "each peal has a date a method and a duration": written without commas, an article
     * right after an item that ends on a noun (not "wears a ring") starts the next one */
    if (!sep && j == i && tokens_word_in(p, j, words_indefinite) && i > 0 &&
        tokens_is_content(p, i - 1) && lexicon_usual_pos(p->t[i - 1].w) == 'n' &&
        tokens_is_content(p, j + 1))
        sep = true;
    if (!sep || j >= end || p->t[j].kind != T_WORD)
        return -1;
    /* "a flag colour - one of red, yellow or green": the item's values, no next item */
    if (tokens_is_word(p, j, "one") && tokens_is_word(p, j + 1, "of"))
        return -1;
    /* ", and users can share them": a new clause, not an item */
    int k = tokens_skip(p, j, end, item_skip);
    char counted[NAME_MAX_];
    if (k >= 0 && (whether_flag(p, k, end, counted, sizeof(counted)) >= 0 ||
                   how_many(p, k, end, counted, sizeof(counted)) > k))
        return k;
    if (k < 0 || k >= end ||
        !(tokens_is_content(p, k) || p->mention[k] >= 0 || ordinal_lead(p, k) ||
          deadline_name(p, k, end) > k || lone_noun(p, k, end)))
        return -1;
    /* "and the date it expires": a moment named by its clause, not a clause of its own */
    char moment[NAME_MAX_];
    if (phrases_moment_clause(p, k, k + 1, moment, sizeof(moment)) > 0)
        return j;
    /* "... and a rate", "a daily rate": after an article a verb's form is a noun */
    bool article = false;
    for (int q = j; q < k; q++)
        article |= tokens_word_in(p, q, words_articles);
    if (((tokens_word_in(p, k, words_list_verbs) || tokens_word_in(p, k, words_have_verbs)) &&
         p->mention[k] < 0 && !tokens_word_in(p, k + 1, words_field_heads) && !article) ||
        ((tokens_word_in(p, k + 1, words_have_verbs) ||
          tokens_word_in(p, k + 1, words_list_verbs)) &&
         p->mention[k + 1] < 0 && k + 2 < end && p->t[k + 2].kind == T_WORD &&
         !tokens_is_word(p, k + 2, "and") && !tokens_is_word(p, k + 2, "or")) ||
        tokens_word_in(p, k + 1,
                       (const char *const[]){"belong", "belongs", "refers", "refer", "references",
                                             "it", "them", "this", "everything", "to", NULL}) ||
        /* "... and each link points to a page", but "hit points" and "web links" name columns */
        (tokens_word_in(p, k + 1, (const char *const[]){"points", "links", NULL}) &&
         tokens_is_word(p, k + 2, "to")))
        return -1;
    if (comma_and(p, i, j) && clause_after(p, k, end))
        return -1;
    /* "with a driving licence and pay a deposit": a bare word an article follows is a verb */
    if (!article && k + 1 < end && p->mention[k] < 0 && tokens_word_in(p, k + 1, words_articles))
        return -1;
    return j;
}

/* What the words of one field phrase say besides its name. */
struct field_words {
    bool required, unique, flag, optional, unit, range, count;
    bool least; /* lo alone bounds the field ("a minimum of 2 players") */
    long lo, hi;
    int first, last; /* the name's words */
};

/* Sorts the words [a, b) into the name and the words about it ("an optional due date",
 * "done flag", "1-5 stars"). False when no name is left or it is too long. */
static bool field_words(const struct plan *p, int a, int b, struct field_words *fw)
{
    memset(fw, 0, sizeof(*fw));
    fw->first = fw->last = -1;
    for (int j = a; j < b; j++) {
        const char *w = p->t[j].w;
        if (strcmp(w, "required") == 0 || strcmp(w, "mandatory") == 0)
            fw->required = true;
        else if (strcmp(w, "unique") == 0)
            fw->unique = true;
        else if (strcmp(w, "optional") == 0)
            fw->optional = true;
        else if (words_in(w, flag_words) && fw->first >= 0)
            fw->flag = true; /* after a name ("done flag"); "a flag state" names a state */
        else if (strcmp(w, "yes") == 0 && fw->first >= 0 && j + 1 == b &&
                 tokens_is_word(p, b, "or") && tokens_is_word(p, b + 1, "no"))
            fw->flag = true; /* "insured yes/no": a choice of yes or no after the name */
        else if (!words_in(w, (const char *const[]){"a", "an", "the", "their", "its", "his", "her",
                                                    "some", "field", "fields", "column", "columns",
                                                    "attribute", "attributes", "property",
                                                    "properties", NULL})) {
            if (fw->first < 0)
                fw->first = j;
            fw->last = j;
        }
    }
    /* "1-5 stars": a range in front of the name */
    int f = fw->first;
    if (f >= 0 && f < fw->last && sscanf(p->t[f].w, "%ld-%ld", &fw->lo, &fw->hi) == 2 &&
        strspn(p->t[f].w, "0123456789-") == strlen(p->t[f].w) && fw->lo <= fw->hi) {
        fw->range = true;
        fw->first++;
    }
    return fw->first >= 0 && fw->last - fw->first <= 4;
}

/* "a price per kilo", "a rate per hour": "per" at token i before a unit (singular), which
 * names the column too. */
static bool per_unit(const struct plan *p, int i)
{
    if (!tokens_is_word(p, i, "per") || i + 1 >= p->nt || p->t[i + 1].kind != T_WORD ||
        tokens_is_plural(&p->t[i + 1]))
        return false;
    char plural[WORD_MAX + 2];
    snprintf(plural, sizeof(plural), "%ss", p->t[i + 1].w);
    return fields_is_unit(p->t[i + 1].w) || words_in(plural, words_measure_units);
}

/* Words for a moment a row keeps (closed class): a list item ending in one names it. */
static const char *const moment_words[] = {"date", "time", "day", NULL};

/* "installed on", "recorded at": a list item that ends in a participle and then "on" or
 * "at" names the moment it happened by both words (installed_on, a date; recorded_at, a
 * date and time). The preposition's token, or -1: the one at i after the item's last word. */
static int moment_preposition(const struct plan *p, int last, int i)
{
    /* "the date booked in", "the date out", "the time back": a verb's particle names the
     * moment too, after its participle or after a word for a moment (closed class) */
    static const char *const particles[] = {"in", "out", "back", "off", NULL};
    bool item_ends = i + 1 >= p->nt || p->t[i + 1].kind != T_WORD ||
                     tokens_word_in(p, i + 1, (const char *const[]){"and", "or", NULL});
    bool verb = lexicon_usual_pos(p->t[last].w) == 'v';
    bool moment = tokens_word_in(p, last, moment_words);
    bool named = tokens_word_in(p, i, (const char *const[]){"on", "at", NULL}) ? verb
                 : tokens_word_in(p, i, particles)                             ? verb || moment
                                                                               : false;
    return named && item_ends ? i : -1;
}

/* "the date I acquired it", "the date it was passed", "the time it expires": a moment said
 * by a clause without "that" (a subject pronoun, a verb, maybe after "was") is named by the
 * verb, as a participle before "on"/"at" is (acquired_on, passed_on; expires_at); a year or a
 * month, a number, by the noun and the verb ("the year they joined" → year_joined). i: the
 * token after the noun at `last`. Writes the name and answers the token after the clause,
 * or -1 when no such clause follows. */
int phrases_moment_clause(const struct plan *p, int last, int i, char *raw, size_t size)
{
    static const char *const aux[] = {"was", "is", "were", "are", "got", "gets", NULL};
    bool period = tokens_word_in(p, last, (const char *const[]){"year", "month", NULL});
    const char *at = tokens_is_word(p, last, "time") ? "at" : "on";
    int v = i + 1;
    if (!(period || tokens_word_in(p, last, moment_words)) ||
        !tokens_word_in(p, i, subject_pronouns))
        return -1;
    if (tokens_word_in(p, v, aux))
        v++;
    char lemma[WORD_MAX];
    if (v >= p->nt || p->t[v].kind != T_WORD || lexicon_usual_pos(p->t[v].w) != 'v' ||
        !lexicon_verb_lemma(p->t[v].w, lemma, sizeof(lemma)))
        return -1;
    if (period)
        snprintf(raw, size, "%s_%s", p->t[last].w, p->t[v].w);
    else
        snprintf(raw, size, "%s_%s", p->t[v].w, at);
    /* the row the clause's object pronoun points back at */
    return tokens_word_in(p, v + 1, (const char *const[]){"it", "them", NULL}) ? v + 2 : v + 1;
}

/* "a maximum of 12 students", "a minimum of 2 players": a bound alone names no column; what it
 * counts does (max_students, an integer up to 12; min_players, at least 2). raw: the name so
 * far; *pi: the token after it, moved past the count. */
static void bounded_count(struct plan *p, struct field_words *fw, int *pi, char *raw, size_t size)
{
    bool most = words_in(raw, (const char *const[]){"maximum", "max", NULL});
    bool least = words_in(raw, (const char *const[]){"minimum", "min", NULL});
    int n = *pi + 1, c = *pi + 2;
    if (!(most || least) || !tokens_is_word(p, *pi, "of") || c >= p->nt ||
        p->t[n].kind != T_WORD || !tokens_is_number(p->t[n].w) || p->t[c].kind != T_WORD ||
        !tokens_is_plural(&p->t[c]) || strchr(p->t[n].w, '.'))
        return;
    snprintf(raw, size, "%s_%s", most ? "max" : "min", p->t[c].w);
    fw->count = true;
    fw->range = most;
    fw->least = least;
    fw->lo = most ? 0 : atol(p->t[n].w);
    fw->hi = most ? atol(p->t[n].w) : 0;
    tokens_mark_used(p, *pi, c + 1);
    *pi = c + 1;
}

static const char *const least_words[] = {"minimum", "min", NULL};
static const char *const bound_words[] = {"minimum", "min", "maximum", "max", NULL};

/* "the number of adults" → adults, "the number of meals served" → meals_served, "a minimum
 * number of volunteers" → min_volunteers: a count named by what it counts, its plural kept,
 * and by the bound it is; false when the words name no number of anything. */
static bool count_name(const struct plan *p, struct field_words *fw, char *raw, size_t size)
{
    int num = fw->first;
    while (num < fw->last && !tokens_is_word(p, num, "number"))
        num++;
    if (num + 2 > fw->last || !tokens_is_word(p, num + 1, "of") ||
        (num > fw->first && !(num == fw->first + 1 && tokens_word_in(p, fw->first, bound_words))))
        return false;
    const char *bound = num == fw->first                            ? ""
                        : tokens_word_in(p, fw->first, least_words) ? "min_"
                                                                    : "max_";
    int r = snprintf(raw, size, "%s%s", bound, p->t[num + 2].w);
    for (int q = num + 3; q <= fw->last && r >= 0 && (size_t)r < size; q++)
        r += snprintf(raw + r, size - (size_t)r, "_%s", p->t[q].w);
    fw->count = true;
    return true;
}

/* The field's name from its words: "due dates" → due_date, but "notes", "is_adopted" and
 * units ("litres", "calories": an amount in them) keep their plural; "number of servings" →
 * servings; "duration in seconds" → duration_seconds (*pi moves past the unit). */
static bool field_raw_name(struct plan *p, struct field_words *fw, int *pi, char *raw, size_t size)
{
    static const char *const plurals[] = {
        "notes",   "details",  "instructions", "lyrics",    "settings", "hours", "minutes",
        "seconds", "servings", "bedrooms",     "bathrooms", "stars",    "pages", NULL};
    size_t n = 0;
    raw[0] = '\0';
    for (int j = fw->first; j <= fw->last; j++) {
        const char *w = j == fw->last ? p->t[j].s : p->t[j].w;
        struct lex_noun ln;
        /* an amount in units or in units of time ("litres", "nights"): a count, plural */
        if (j == fw->last && tokens_is_plural(&p->t[j]) && lexicon_noun(p->t[j].w, &ln) &&
            (ln.unit || lexicon_noun_amount(p->t[j].w) == LEX_AMOUNT_TIME)) {
            w = p->t[j].w;
            fw->unit = true;
        } else if (j == fw->last &&
                   (words_in(p->t[j].w, plurals) || words_in(p->t[j].w, words_count_nouns) ||
                    strchr(p->t[j].w, '_')))
            w = p->t[j].w;
        int r = snprintf(raw + n, size - n, "%s%s", n ? "_" : "", w);
        if (r < 0 || (size_t)r >= size - n)
            return false;
        n += (size_t)r;
    }
    /* "due" alone is a date: due → due_date */
    if (strcmp(raw, "due") == 0)
        snprintf(raw, size, "due_date");
    if (count_name(p, fw, raw, size))
        n = strlen(raw);
    bounded_count(p, fw, pi, raw, size);
    if (moment_preposition(p, fw->last, *pi) >= 0 && n + 4 < size) {
        snprintf(raw + n, size - n, "_%s", p->t[*pi].w);
        tokens_mark_used(p, *pi, *pi + 1);
        *pi += 1;
    }
    int after = fw->first == fw->last ? phrases_moment_clause(p, fw->last, *pi, raw, size) : -1;
    if (after > *pi) {
        n = strlen(raw);
        tokens_mark_used(p, *pi, after);
        *pi = after;
    }
    int unit = tokens_is_word(p, *pi, "in") ? fields_unit_words(p, *pi + 1) : 0;
    /* "a temperature in degrees (between -25 and 10)", "a tempo in bpm between 40 and 240":
     * a word limits follow is a unit too, skipped; the limits say the number's type */
    if (unit == 0 && tokens_is_word(p, *pi, "in") && tokens_is_content(p, *pi + 1) &&
        constraints_limits_end(p, *pi + 2) > *pi + 2) {
        tokens_mark_used(p, *pi, *pi + 2);
        *pi += 2;
    }
    if (unit > 0 && n + strlen(p->t[*pi + 1].w) + 2 < size) {
        /* the list's units name the column ("distance_km"); any other is read and the
         * name stays bare ("a weight in tonnes", "a size in square feet" → weight, size), as
         * the prompt sets name it */
        if (unit == 1 && words_in(p->t[*pi + 1].w, words_measure_units))
            snprintf(raw + n, size - n, "_%s", p->t[*pi + 1].w);
        tokens_mark_used(p, *pi, *pi + 1 + unit);
        *pi += 1 + unit;
        fw->unit = true; /* an amount: "a velocity in metres per minute" */
    }
    if (per_unit(p, *pi) && n + strlen(p->t[*pi + 1].w) + 6 < size) {
        snprintf(raw + n, size - n, "_per_%s", p->t[*pi + 1].w);
        n = strlen(raw);
        tokens_mark_used(p, *pi, *pi + 2);
        *pi += 2;
    }
    /* "cooking time", "travel time": a duration in minutes, not a moment */
    size_t rl = strlen(raw);
    if (rl > 8 && strcmp(raw + rl - 5, "_time") == 0 && strncmp(raw + rl - 8, "ing", 3) == 0 &&
        rl + 9 < size)
        snprintf(raw + rl, size - rl, "_minutes");
    return true;
}

/* The words about a field applied to it: flag, unit, required, optional, unique, range. */
static void field_apply_words(struct field *f, const struct field_words *fw)
{
    if (fw->count && !strcmp(f->type, "string")) {
        f->type = "integer";
        f->max_length = 0;
        f->has_min = true;
        f->min = 0;
    }
    if (fw->unit && !strcmp(f->type, "string")) {
        f->type = "float"; /* "litres": an amount */
        f->max_length = 0;
    }
    if (fw->flag && strcmp(f->type, "boolean") != 0) {
        f->type = "boolean";
        f->has_default = true;
        snprintf(f->def, sizeof(f->def), "false");
        f->max_length = 0;
        f->has_min = false;
    }
    if (fw->required)
        f->required = true;
    if (fw->optional)
        f->required = false;
    if (fw->unique)
        f->unique = true;
    bool number =
        !strcmp(f->type, "integer") || !strcmp(f->type, "float") || !strcmp(f->type, "decimal");
    if ((fw->range || fw->least) && number) {
        f->has_min = true;
        f->min = fw->lo;
        f->has_max = fw->range;
        f->max = fw->range ? fw->hi : f->max;
    }
}

/* "apprentice or not", "insured or not": are the words at i "or not", which make the item
 * before them a yes or no? */
static bool or_not(const struct plan *p, int i)
{
    return tokens_is_word(p, i, "or") && tokens_is_word(p, i + 1, "not") &&
           (i + 2 >= p->nt || p->t[i + 2].kind != T_WORD);
}

/* One field phrase [a, b) for entity k, e.g. "an optional due date", "done flag". *counting
 * says whether the item before was a count ("the number of adults"), and whether this one is:
 * a bare plural after it is counted too ("... and children"). */
static void field_phrase(struct plan *p, int k, int a, int b, int *pi, int end, bool *counting)
{
    struct field_words fw;
    char raw[NAME_MAX_ * 2];
    bool counted = *counting && b == a + 1 && tokens_is_plural(&p->t[a]);
    *counting = false;
    if (!field_words(p, a, b, &fw) || !field_raw_name(p, &fw, pi, raw, sizeof(raw)))
        return;
    if (counted) {
        fw.count = true;
        snprintf(raw, sizeof(raw), "%s", p->t[a].w);
    }
    if (or_not(p, *pi)) {
        fw.flag = true;
        tokens_mark_used(p, *pi, *pi + 2);
        *pi += 2;
    }
    *counting = fw.count;
    /* the parse may have read a deadline's head alone as the row's column ("a use by date":
     * item_date) before the rules read its whole name: that column is this one */
    if (deadline_name(p, fw.first, b) == b && p->t[b - 1].used && !said_before(p, b - 1))
        drop_head_column(&p->e[k], p->t[b - 1].w);
    struct field *f = fields_add(p, k, raw, true);
    if (!f)
        return;
    field_apply_words(f, &fw);
    tokens_mark_used(p, a, b);
    constraints_enum_or_range(p, f, pi, end);
    char en[NAME_MAX_], from[SNIPPET_MAX + 8];
    tokens_snippet(p, a, b, from, sizeof(from));
    char vals[VALUES_MAX + 4] = "";
    if (f->values[0]) {
        snprintf(vals, sizeof(vals), " (%s)", f->values);
        for (char *c = vals; *c; c++)
            if (*c == '|')
                *c = '/';
    }
    notes_add(p, p->understood, "field %s.%s: %s%s%s%s (from \"%s\")",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, f->type, vals,
              f->required ? ", required" : "", f->unique ? ", unique" : "", from);
}

int phrases_shared_head(const struct plan *p, int i)
{
    if (!tokens_is_content(p, i) ||
        !tokens_word_in(p, i + 1, (const char *const[]){"and", "or", NULL}) ||
        !tokens_is_content(p, i + 2) || !tokens_is_content(p, i + 3) ||
        !lexicon_nouns_opposed(p->t[i].s, p->t[i + 2].s))
        return -1;
    int h = i + 3;
    while (h - i < 6 && tokens_is_content(p, h + 1))
        h++;
    return h;
}

/* The column of the lone modifier at i that shares the head h of the next item ("a start
 * and end date": start_date). A table the parse made of the modifier alone ("a start") is
 * none, when the prompt names it nowhere else. */
static void shared_head_field(struct plan *p, int k, int i, int h)
{
    char raw[NAME_MAX_ + WORD_MAX + 2], head[NAME_MAX_], en[NAME_MAX_];
    tokens_snippet(p, i + 3, h + 1, head, sizeof(head));
    snprintf(raw, sizeof(raw), "%s %s", p->t[i].w, head);
    /* the parse read the head alone as the column ("night" of "an opening and closing
     * night"): the two names are the column */
    int bare = p->t[h].used && h == i + 3 ? fields_find(&p->e[k], p->t[h].s) : -1;
    if (bare >= 0 && p->e[k].fields[bare].ref < 0)
        fields_remove(&p->e[k], bare);
    struct field *f = fields_add(p, k, raw, true);
    if (!f)
        return;
    tokens_mark_used(p, i, i + 1);
    notes_add(p, p->understood, "field %s.%s: %s (from \"%s ... %s\")",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, f->type, p->t[i].w, head);
    int m = entities_find(p, p->t[i].s);
    if (m >= 0 && m != k && !p->e[m].dropped && links_head_count(p, p->t[i].s) == 1) {
        notes_add(p, p->understood, "\"%s\" names a column's kind, not a table", p->t[i].w);
        entities_drop(p, m);
    }
}

/* "X with A, B and C" / "X (A, B)" / "X: A, B" for entity k: fields, or children when an
 * item is itself an entity. Returns the index after the list. */
/* Is the word one whose column fields_infer_type knows by name ("name", "date", "price"):
 * a type or length other than the default string's (true too when it names nothing)? */
static bool typed_column(const char *word)
{
    struct field f;
    memset(&f, 0, sizeof(f));
    if (inflect_snake(word, f.name, sizeof(f.name)) < 0)
        return true;
    fields_infer_type(&f);
    return strcmp(f.type, "string") != 0 || f.max_length != 255;
}

/* Would this plural noun be a field rather than a table ("due dates", "notes")? */
static bool plural_is_field(const struct tok *h)
{
    return typed_column(h->s) || typed_column(h->w) || words_in(h->w, words_count_nouns) ||
           words_in(h->w, (const char *const[]){"notes", "details", "instructions", "settings",
                                                "preferences", "hours", "stats", "statistics",
                                                "contents", "skills", "interests", "keywords",
                                                "requirements", NULL});
}

/* Is the parenthesised list from i a choice of one-word kinds ("pitches (tent, caravan or
 * hookup)", "requests (urgent or routine)"): single words that name no table, with "or" and
 * no "and"? Its closing parenthesis, or -1. */
static int kinds_in_parens(const struct plan *p, int i, int end)
{
    int words = 0;
    bool choice = false;
    for (int q = i; q < end && q < i + 24; q++) {
        /* "(name, apprentice or not)": a yes or no, no kinds */
        if (or_not(p, q))
            return -1;
        if (p->t[q].kind == T_RPAREN)
            return choice && words >= 2 ? q : -1;
        bool word_turn = (q - i) % 2 == 0;
        if (word_turn &&
            ((!tokens_is_content(p, q) && !constraints_lone_word(p, q)) || p->mention[q] >= 0 ||
             tokens_is_plural(&p->t[q]) || tokens_is_number(p->t[q].w)))
            return -1;
        if (!word_turn && p->t[q].kind != T_COMMA && !tokens_is_word(p, q, "or"))
            return -1;
        words += word_turn;
        choice |= tokens_is_word(p, q, "or");
    }
    return -1;
}

/* "pitches (tent, caravan or hookup)": a choice of kinds after a table's noun is the rows'
 * type, an enum, not a column of each kind. i: the first word after the parenthesis. */
static int kind_column(struct plan *p, int k, int i, int close)
{
    struct field *f = fields_add(p, k, "type", true);
    int at = i - 1;
    if (!f)
        return close + 1;
    constraints_enum_or_range(p, f, &at, close + 1);
    char en[NAME_MAX_];
    notes_add(p, p->understood, "field %s.%s: %s (a choice of kinds)",
              entities_pascal(p->e[k].snake, en, sizeof(en)), f->name, f->type);
    tokens_mark_used(p, i - 1, close + 1);
    return close + 1;
}

int phrases_kinds(struct plan *p, int k, int i, int end)
{
    int close = kinds_in_parens(p, i, end);
    return close >= 0 ? kind_column(p, k, i, close) : -1;
}

/* Where the list stops before the item at *i: "a stance, either support or objection" (the
 * column's values follow), or a yes-or-no column that no further item follows (*i goes past
 * it, or to the next item). */
static bool list_stops(struct plan *p, int k, int *i, int end)
{
    if (tokens_is_word(p, *i, "either") && p->t[*i - 1].kind == T_COMMA)
        return true;
    int j = whether_column(p, k, *i, end);
    if (j <= *i)
        j = how_many_column(p, k, *i, end);
    if (j <= *i)
        return false;
    /* "whether the unit was cleaned, and a note", "how many waves I caught and a rating": the
     * list goes on after it */
    int nx = list_next(p, j, end);
    *i = nx >= 0 ? nx : j;
    return nx < 0;
}

/* The last token of the item that names a vocabulary entity, or -1. "venues (venue name, car
 * park size)": in parentheses a table's word before more words of the item only modifies its
 * head, so the item takes those words and names none. */
static int item_mention(const struct plan *p, struct item *it, int *j, bool paren)
{
    int m = -1;
    for (int q = it->a; q < it->b; q++)
        if (p->mention[q] >= 0)
            m = q;
    if (paren && m >= 0 && p->mention_end[m] == it->b && tokens_is_content(p, it->b) &&
        p->mention[it->b] < 0) {
        while (tokens_is_content(p, it->b) && p->mention[it->b] < 0)
            it->b++;
        *j = it->b;
        m = -1;
    }
    return m;
}

/* Is the word at token i a verb's past participle ("served", "needed"): a word in -ed whose
 * usual sense WordNet files as a verb's? */
static bool past_participle(const struct plan *p, int i)
{
    size_t n = strlen(p->t[i].w);
    char lemma[WORD_MAX];
    return p->t[i].kind == T_WORD && n > 3 && strcmp(p->t[i].w + n - 2, "ed") == 0 &&
           lexicon_usual_pos(p->t[i].w) == 'v' &&
           lexicon_verb_lemma(p->t[i].w, lemma, sizeof(lemma));
}

/* "a minimum number of volunteers", "the number of meals served": a number of a plural is one
 * column, a count named by the plural (even a table's: counting rows names none) and by the
 * participle after it that says which of them are counted; the item takes "of", the plural and
 * the participle. field_raw_name names it. */
static bool counted_plural(const struct plan *p, struct item *it, int *j, int end)
{
    int n = it->b + 1;
    if (it->b <= it->a || !tokens_is_word(p, it->b - 1, "number") ||
        !tokens_is_word(p, it->b, "of") || n >= end || !tokens_is_content(p, n) ||
        !tokens_is_plural(&p->t[n]))
        return false;
    it->b = n + 1 + (n + 1 < end && past_participle(p, n + 1));
    *j = it->b;
    return true;
}

/* "date of birth", "place of issue": one field's name (but "a status of draft, ..." and "a
 * grading of mint, good or poor" list values): the item takes "of" and the word after it. */
static void of_name(const struct plan *p, struct item *it, int *j, int end)
{
    if (counted_plural(p, it, j, end))
        return;
    if (it->b > it->a && tokens_is_word(p, it->b, "of") && it->b + 2 <= end &&
        !words_in(p->t[it->b - 1].s, words_value_heads) &&
        !constraints_bare_choice(p, it->b + 1, end) && !tokens_is_word(p, it->b + 1, "either") &&
        tokens_is_content(p, it->b + 1) && p->mention[it->b + 1] < 0 &&
        !tokens_is_plural(&p->t[it->b + 1]) && !tokens_is_number(p->t[it->b + 1].w) &&
        constraints_limits_end(p, it->b) < 0) {
        it->b += 2;
        *j = it->b;
    }
}

/* Is the item, whose vocabulary word ends at m, a column rather than that table: a fieldish
 * word (notes, address), a singular word of the vocabulary without an article or "of" before
 * it ("trips (destination, start date, budget)"), or one with limits ("a label of up to 40
 * characters")? */
static bool vocab_item_is_column(const struct plan *p, const struct item *it, int m, bool paren,
                                 bool have)
{
    const struct tok *h = &p->t[it->b - 1];
    bool bare = !tokens_is_plural(h) && !it->article && !tokens_is_word(p, it->a - 1, "of");
    return (vocab_entities[p->mention[m]].flags & VOCAB_FIELDISH) || (bare && (paren || !have)) ||
           constraints_limits_end(p, it->b) > it->b;
}

/* A vocabulary entity in a field list: plural (or without an article) a child, singular with
 * an article a reference. */
static void list_table(struct plan *p, int k, struct item *it, int st, int j)
{
    bool plural = tokens_is_plural(&p->t[it->b - 1]);
    /* "each station has gauges and every reading comes from ...": a row counted one by one
     * after "and" is the next clause's subject, none of k's */
    if (!plural && tokens_word_in(p, it->a - 1, (const char *const[]){"each", "every", NULL}))
        return;
    item_entity(p, it, false, false);
    if (it->entity < 0)
        return;
    if (plural || !it->article)
        relations_add(p, it->entity, k, "cascade", st, j);
    else
        relations_add(p, k, it->entity, "set_null", st, j);
}

/* One item of entity k's field list, from st to it->b (*j: where the next one may start): a
 * table, a wish about the product, a child table, a column of a shared head, or a column. */
static void list_item(struct plan *p, int k, struct item *it, int st, int *j, int end, bool paren,
                      bool have, bool *counting)
{
    int m = item_mention(p, it, j, paren);
    if (m < 0)
        of_name(p, it, j, end);
    const struct tok *h = it->b > it->a ? &p->t[it->b - 1] : NULL;
    int shared;
    if (h && m >= 0 && p->mention_end[m] == it->b &&
        !vocab_item_is_column(p, it, m, paren, have)) {
        list_table(p, k, it, st, *j);
    } else if (h && words_in(h->w, words_non_field_nouns) && !(have && it->article)) {
        /* "with a beautiful UI", "with JWT auth": wishes about the product (but what a
         * row has one of is its column: "costumes have a theme") */
    } else if (have && it->b > it->a && tokens_is_plural(h) && !plural_is_field(h) &&
               it->b - it->a <= 2) {
        /* "orders have many items": a plural thing under a have-verb is a table */
        int child = entities_from_unknown(p, it->a, it->b, false);
        if (child >= 0)
            relations_add(p, child, k, "cascade", st, *j);
    } else if (it->b == it->a + 1 && (shared = phrases_shared_head(p, it->a)) >= 0) {
        shared_head_field(p, k, it->a, shared);
    } else if (it->b > it->a) {
        field_phrase(p, k, st, it->b, j, end, counting);
    }
}

/* "port number (e.g. PZ 123), length": an example in parentheses after an item names no
 * column; the token after its closing parenthesis (i when there is none at i). */
static int past_example(struct plan *p, int i, int end)
{
    static const char *const example[] = {"e.g", "eg", "i.e", "ie", "like", "such", NULL};
    /* "the buyer (one of our customers), the sale price": an aside that says which rows */
    bool aside = tokens_is_word(p, i + 1, "one") && tokens_is_word(p, i + 2, "of");
    if (i + 1 >= end || p->t[i].kind != T_LPAREN || !(tokens_word_in(p, i + 1, example) || aside))
        return i;
    for (int q = i + 2; q < end && p->t[q].kind != T_LPAREN; q++)
        if (p->t[q].kind == T_RPAREN) {
            tokens_mark_used(p, i, q + 1);
            return q + 1;
        }
    return i;
}

/* "an urgency of routine, urgent or emergency, a job type": the values after "of" that end
 * with the one after "or" are the item's (constraints_read gives them to it), and the list
 * goes on after them and a comma; the token after the values (i when there are none or no
 * comma alone follows them). */
static int past_of_values(const struct plan *p, int i, int end)
{
    if (!tokens_is_word(p, i, "of") || !constraints_bare_choice(p, i + 1, end))
        return i;
    int q = i + 1;
    while (q < end && !tokens_is_word(p, q, "or"))
        q++;
    /* ", and each coach looks after ...": after "and" a clause may follow as well as an item */
    return q + 3 < end && p->t[q + 2].kind == T_COMMA && !tokens_is_word(p, q + 3, "and") ? q + 2
                                                                                          : i;
}

/* Where the item after i starts, or -1 at the list's end. "a ticker of at most 10 characters
 * and a currency": the list goes on past limits that constraints_read gives the item. */
static int next_list_item(struct plan *p, int i, int end)
{
    i = past_of_values(p, past_example(p, i, end), end);
    /* "a length of between 60 and 120 minutes, a pickup address": the unit after limits that
     * constraints_read gives the item ends it */
    int unit = i > 0 && tokens_is_number(p->t[i - 1].w) ? fields_unit_words(p, i) : 0;
    if (unit > 0 && i + unit < end)
        i += unit;
    int nx = list_next(p, i, end);
    int limits = nx < 0 ? constraints_limits_end(p, i) : -1;
    if (limits > i && limits < end && (nx = list_next(p, limits, end)) >= 0)
        i = limits;
    if (nx >= 0)
        tokens_mark_used(p, i, nx);
    return nx;
}

/* Where the items start after the words that announce them ("with: a destination, ...",
 * "have the following fields: title, price", "with these details: ..."): past the colon, or i
 * when no colon closes such words. */
static const char *const announcing[] = {"the",     "these",      "following",  "fields",
                                         "field",   "attributes", "properties", "columns",
                                         "details", "info",       NULL};

static int list_start(struct plan *p, int i, int end)
{
    int j = tokens_skip(p, i, end, announcing);
    if (j >= end || p->t[j].kind != T_COLON)
        return i;
    tokens_mark_used(p, i, j + 1);
    return j + 1;
}

/* "a kite's wingspan and a kite's weight": the word of the row k whose columns a list names,
 * with "'s", at an item's start says whose the column is, not its name; the item starts
 * after it (i itself when there is none). Another table's possessor stays ("the buyer's
 * premium" is no premium of the buyer's). */
static int past_own_possessor(struct plan *p, int k, int i, int end)
{
    int j = tokens_skip(p, i, end, item_skip);
    if (j + 1 >= end || !p->t[j].poss || tokens_is_plural(&p->t[j]) ||
        !tokens_is_content(p, j + 1) || entities_find(p, p->t[j].s) != k)
        return i;
    tokens_mark_used(p, i, j + 1);
    return j + 1;
}

/* "garments (with a fabric and a price)", "(each with a gauge, ...)": the words that open a
 * list in parentheses say whose the columns are, they name none; the first item's token. */
static int paren_start(struct plan *p, int i, int end)
{
    int j = tokens_skip(p, i, end, (const char *const[]){"each", "with", NULL});
    tokens_mark_used(p, i, j);
    return j;
}

int phrases_field_list(struct plan *p, int k, int i, int end, bool paren, bool have)
{
    int kinds = paren ? phrases_kinds(p, k, i, end) : -1;
    if (kinds >= 0)
        return kinds;
    i = paren ? paren_start(p, i, end) : list_start(p, i, end);
    bool counting = false;
    while (i < end && !list_stops(p, k, &i, end)) {
        struct item it;
        i = past_own_possessor(p, k, i, end);
        int st = i;
        int j = noun_phrase(p, i, end, &it);
        if (it.b <= it.a && j == i)
            break; /* "with an optional description": skipped words only */
        list_item(p, k, &it, st, &j, end, paren, have, &counting);
        i = j;
        if (paren && i < end && p->t[i].kind == T_RPAREN) {
            p->t[i].used = true;
            return i + 1;
        }
        int nx = next_list_item(p, i, end);
        if (nx < 0)
            break;
        i = nx;
    }
    return i;
}

/* Entity list after a verb, "with" or ":" following a product noun: "track widgets and
 * gizmos". Fills ents[] (up to max) and returns the index after the list. */
static int entity_list(struct plan *p, int i, int end, bool allow_unknown, int *ents, int *nents,
                       int max, bool *users)
{
    *nents = 0;
    while (i < end) {
        struct item it;
        int st = i;
        int j = noun_phrase(p, i, end, &it);
        if (it.b <= it.a)
            break;
        item_entity(p, &it, allow_unknown, false);
        if (it.user && users)
            *users = true;
        /* "customers open tickets, agents reply": a noun followed by a verb starts a new
         * sentence; the clause loop reads it from there */
        if (*nents > 0 && j < end && p->t[j].kind == T_WORD && !tokens_is_word(p, j, "with") &&
            p->mention[j] < 0 &&
            (tokens_is_content(p, j) || tokens_word_in(p, j, words_have_verbs) ||
             tokens_word_in(p, j,
                            (const char *const[]){"can", "should", "will", "must", "may", "are",
                                                  "is", "get", "who", NULL})))
            return st;
        if (it.entity >= 0 && *nents < max)
            ents[(*nents)++] = it.entity;
        if (it.entity >= 0)
            tokens_mark_used(p, st, it.b);
        i = j;
        /* "pets (name, species, age)" */
        if (it.entity >= 0 && i < end && p->t[i].kind == T_LPAREN) {
            p->t[i].used = true;
            i = phrases_field_list(p, it.entity, i + 1, end, true, false);
        }
        if (it.entity >= 0 && tokens_is_word(p, i, "with")) {
            int w = i;
            p->t[w].used = true;
            i = phrases_field_list(p, it.entity, i + 1, end, false, false);
        }
        int nx = list_next(p, i, end);
        if (nx < 0)
            break;
        i = nx;
    }
    return i;
}

/* Does a sentence start at i ("hotels have rooms") rather than a list of fields? */
static bool clause_follows(const struct plan *p, int head, int i, int end)
{
    int k = tokens_skip(p, i, end, item_skip);
    /* "closures - each closure is for one trail": the heading's own word opens a clause on
     * its rows */
    if (k < end && k > i && strcmp(p->t[k].s, p->t[head].s) == 0)
        return true;
    /* "Bookings: customer, boat, start date": a singular row's word that a comma ends is a
     * column of the list, no clause's subject */
    if (k < end && p->mention[k] >= 0 &&
        !(!tokens_is_plural(&p->t[k]) && p->mention_end[k] < end &&
          p->t[p->mention_end[k]].kind == T_COMMA))
        return true;
    /* "Beekeepers: each hive's queen age ... are recorded": a possessor counted one by one */
    if (k < end && p->t[k].poss &&
        tokens_word_in(p, k - 1, (const char *const[]){"each", "every", NULL}))
        return true;
    for (int q = k; q < end && q < k + 3; q++)
        if ((tokens_word_in(p, q, words_have_verbs) || tokens_word_in(p, q, words_list_verbs)) &&
            p->mention[q] < 0)
            return q > k;
    return false;
}

/* The subject before token v: the noun right before it (skipping modals and adverbs). */
static int subject_before(struct plan *p, int v, int start, bool *user, int *sa)
{
    int j = v - 1;
    *user = false;
    while (j >= start &&
           tokens_word_in(p, j,
                          (const char *const[]){"can",   "could", "should",  "will",      "may",
                                                "must",  "also",  "usually", "typically", "always",
                                                "all",   "then",  "often",   "each",      "both",
                                                "would", "to",    "do",      "who",       NULL}))
        j--;
    if (j < start || p->t[j].kind != T_WORD)
        return -1;
    *sa = j;
    const char *w = p->t[j].w;
    if (words_in(w, (const char *const[]){"user", "users", "account", "accounts", "i", "we",
                                          "everyone", "people", "customers?", NULL}) ||
        (strcmp(w, "they") == 0)) {
        *user = strcmp(w, "they") != 0 || p->auth;
        p->t[j].used = true;
        return -1;
    }
    /* the mention that ends at j */
    for (int m = j; m >= start && m > j - 4; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == j + 1) {
            *sa = m;
            return entities_from_mention(p, m);
        }
    if (p->mention[j] >= 0)
        return entities_from_mention(p, j);
    if (!tokens_is_content(p, j) || words_in(w, words_stop_nouns) ||
        tokens_word_in(p, j, words_list_verbs))
        return -1;
    int a = j;
    if (j - 1 >= start && tokens_is_content(p, j - 1) &&
        !tokens_word_in(p, j - 1, words_list_verbs))
        a = j - 1;
    *sa = a;
    p->subj_end = j + 1;
    return -2 - a; /* an unknown noun phrase [a, j+1), made an entity only if the verb says so */
}

static int realize_subject(struct plan *p, int s, bool force)
{
    if (s >= -1)
        return s;
    int a = -2 - s;
    return entities_from_unknown(p, a, p->subj_end, force);
}

/* What a clause has established so far, shared by the readers of its phrases. Each reader
 * looks at token *pi; when the phrase is its own it reads it, leaves *pi on the phrase's
 * last token and returns true, otherwise it returns false and the next reader looks. */
struct clause_ctx {
    int s, e;       /* the clause's tokens [s, e) */
    int subj;       /* the clause's subject entity, -1 while there is none */
    bool subj_user; /* the subject is the signed-in user ("users have projects and ...") */
};

/* The columns listed after the colon at *pi are table k's, which the words from "used" to the
 * colon (its verb of keeping) named; the clause's subject is k unless it had one. True. */
static bool columns_after_colon(struct plan *p, struct clause_ctx *c, int k, int used, int *pi)
{
    int i = *pi;
    tokens_mark_used(p, used, i + 1);
    *pi = phrases_field_list(p, k, i + 1, c->e, false, false) - 1;
    if (c->subj < 0)
        c->subj = k;
    return true;
}

/* "a booking stores: guest name, check-in date", "each visit records: the date, the fee": a
 * verb of keeping before a colon, after one row of a table counted by its article, lists
 * that row's columns (the verb is no table of stores or records). True when read. */
static bool kept_before_colon(struct plan *p, struct clause_ctx *c, int *pi)
{
    int i = *pi, verb = i - 1, row = i - 2;
    if (p->t[i].kind != T_COLON || row - 1 < c->s ||
        !tokens_word_in(p, verb, words_record_verbs) || !tokens_is_content(p, row) ||
        tokens_is_plural(&p->t[row]) ||
        !tokens_word_in(p, row - 1, (const char *const[]){"a", "an", "each", "every", NULL}))
        return false;
    int k = p->mention[row] >= 0 && p->mention_end[row] == verb
                ? entities_from_mention(p, row)
                : entities_from_unknown(p, row, verb, false);
    if (k < 0)
        return false;
    return columns_after_colon(p, c, k, verb, pi);
}

/* "for every driver in a session we store a result: the kart they drove, their finishing
 * position and their best lap time": one row counted by "a"/"an", the object of a verb of
 * keeping before a colon, is a row of a table whose columns the list after the colon gives,
 * as "a booking stores: ..." lists its subject's. Not a column (WordNet's attributes,
 * quantities, times: "we record the weight: ..."), nor a word for a collection ("a list").
 * True when read. */
static bool kept_object_before_colon(struct plan *p, struct clause_ctx *c, int *pi)
{
    struct lex_noun ln;
    int i = *pi, row = i - 1, verb = i - 3;
    if (p->t[i].kind != T_COLON || verb < c->s || !tokens_word_in(p, verb, words_record_verbs) ||
        !tokens_word_in(p, row - 1, words_indefinite) || !tokens_is_content(p, row) ||
        tokens_is_plural(&p->t[row]) || tokens_word_in(p, row, words_collective) ||
        (lexicon_noun(p->t[row].w, &ln) && (ln.kind == LEX_FIELD || ln.kind == LEX_GROUP)))
        return false;
    int k = p->mention[row] >= 0 && p->mention_end[row] == row + 1
                ? entities_from_mention(p, row)
                : entities_from_unknown(p, row, row + 1, true);
    return k >= 0 && columns_after_colon(p, c, k, verb, pi);
}

/* Is the word at i the participle of a verb of keeping ("recorded", "kept", "logged")? */
static bool kept_participle(const struct plan *p, int i)
{
    char lemma[WORD_MAX];
    return p->t[i].kind == T_WORD && lexicon_verb_lemma(p->t[i].w, lemma, sizeof(lemma)) &&
           strcmp(lemma, p->t[i].w) != 0 && words_in(lemma, words_record_verbs);
}

/* The table of the plural [lead, cop) before a passive's copula at cop ("players are
 * registered with ...", "bowling figures were kept"), or -1: no more than two words, and no
 * property to WordNet ("weights are recorded: ..." names what is kept, no rows). */
static int passive_subject(struct plan *p, int lead, int cop)
{
    struct lex_noun ln;
    if (cop <= lead || !tokens_word_in(p, cop, (const char *const[]){"are", "were", NULL}) ||
        !tokens_is_plural(&p->t[cop - 1]) ||
        (lexicon_noun(p->t[cop - 1].w, &ln) && ln.kind == LEX_FIELD))
        return -1;
    for (int q = lead; q < cop; q++)
        if (!tokens_is_content(p, q))
            return -1;
    return p->mention[lead] >= 0 && p->mention_end[lead] == cop
               ? entities_from_mention(p, lead)
               : entities_from_unknown(p, lead, cop, false);
}

/* The table of the plural that opens a clause at lead before a copula (*cop) and the
 * participle of a verb of keeping ("bowling figures are kept ..."), before token end; -1. */
static int kept_passive(struct plan *p, int lead, int end, int *cop)
{
    enum { SUBJECT_WORDS_MAX = 2 };
    *cop = -1;
    for (int q = lead + 1; q + 1 < end && q <= lead + SUBJECT_WORDS_MAX && *cop < 0; q++)
        if (kept_participle(p, q + 1))
            *cop = q;
    return *cop >= 0 ? passive_subject(p, lead, *cop) : -1;
}

/* "Birds caught in a session are recorded as captures: ring number, species, ...": the plural
 * of one or two words that "as" gives after the participle of a verb of keeping, right before
 * the colon at *pi, names the rows whose columns the colon lists. True when read. */
static bool kept_as_before_colon(struct plan *p, struct clause_ctx *c, int *pi)
{
    int i = *pi, last = i - 1, as = last - 1;
    if (as - 1 > c->s && tokens_is_content(p, as) && !tokens_is_word(p, as, "as"))
        as--; /* "as ringing records" */
    if (p->t[i].kind != T_COLON || as - 1 <= c->s || !tokens_is_word(p, as, "as") ||
        !kept_participle(p, as - 1) || !tokens_is_content(p, as + 1) ||
        !tokens_is_content(p, last) || !tokens_is_plural(&p->t[last]))
        return false;
    int k = -1;
    for (int m = last; m > as && k < 0; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == i)
            k = entities_from_mention(p, m);
    if (k < 0)
        k = entities_from_unknown(p, as + 1, i, false);
    return k >= 0 && columns_after_colon(p, c, k, as - 1, pi);
}

/* "Batting performances are recorded per player per innings: runs scored, balls faced": the
 * plural that starts the clause (passive_subject), before a copula and the participle of a verb
 * of keeping (what may follow it says for which rows, no comma), has the columns listed after
 * the colon at i. */
static bool kept_passive_before_colon(struct plan *p, struct clause_ctx *c, int *pi)
{
    int i = *pi, lead = c->s, cop = -1;
    while (lead < i && p->t[lead].kind == T_COMMA)
        lead++; /* past a bullet's dash */
    for (int q = lead; q < i; q++)
        if (p->t[q].kind != T_WORD)
            return false;
    int k = kept_passive(p, lead, i, &cop);
    if (k < 0)
        return false;
    return columns_after_colon(p, c, k, cop, pi);
}

/* "Trip: destination, date, cost per pupil": a singular heading alone at a line's start,
 * a thing to WordNet or first a record ("Consent form", a communication), before a list of
 * at least three items (commas between them) is a row of a table, whatever its first
 * column's name ("Stack: FastAPI" names no row, nor do the values of a property's heading:
 * "Size: small, medium, large"). */
static bool line_of_columns(const struct plan *p, int lead, int prev, int i, int end)
{
    enum { LIST_COMMAS_MIN = 2 };
    struct lex_noun ln;
    int commas = 0;
    for (int q = i; q < end && p->t[q].kind != T_COLON; q++)
        commas += p->t[q].kind == T_COMMA;
    return commas >= LIST_COMMAS_MIN && tokens_opens_line(p->text, p->t[lead].off) &&
           lexicon_noun(p->t[prev].w, &ln) && (ln.kind == LEX_THING || ln.record);
}

/* "Plant: name, room", "Catch line: species, weight": a singular heading of one or two
 * words [lead, prev] that starts its clause before a colon is a row of a table when the first
 * item after the colon, at i, is a singular word whose column fields know by name ("Fleet
 * management: vehicles, drivers" and "Stack: FastAPI" name no row). */
static bool singular_row_heading(const struct plan *p, int lead, int prev, int i, int end)
{
    int q = tokens_skip(p, i, end, item_skip);
    if (prev < lead || prev - lead > 1 || tokens_is_plural(&p->t[prev]) ||
        !tokens_is_content(p, lead) || q + 1 >= end || tokens_is_plural(&p->t[q]))
        return false;
    return (tokens_is_content(p, q) && p->mention[q] < 0 && p->t[q + 1].kind == T_COMMA &&
            typed_column(p->t[q].w)) ||
           line_of_columns(p, lead, prev, i, end);
}

/* "filed under one taxon (...)", "each lot (...)": is the word at i one that counts a single
 * row of a table? */
static bool counted_one(const struct plan *p, int i)
{
    return tokens_word_in(p, i, (const char *const[]){"one", "each", "every", NULL});
}

/* "gathered by collectors (name, institution)": does the parenthesis from i list columns,
 * its first item one to three words whose column (or head: "scientific name") fields know
 * by name and a comma or the closing parenthesis after it? */
static bool columns_in_parens(const struct plan *p, int i, int end)
{
    int a = tokens_skip(p, i, end, item_skip), b = a;
    char raw[NAME_MAX_] = "";
    size_t n = 0;
    while (b < end && b < a + 3 && tokens_is_content(p, b) && p->mention[b] < 0 &&
           !tokens_is_number(p->t[b].w)) {
        int r = snprintf(raw + n, sizeof(raw) - n, "%s%s", n ? "_" : "", p->t[b].w);
        if (r < 0 || (size_t)r >= sizeof(raw) - n)
            return false;
        n += (size_t)r;
        b++;
    }
    return b > a && b < end && (p->t[b].kind == T_COMMA || p->t[b].kind == T_RPAREN) &&
           (typed_column(raw) || typed_column(p->t[b - 1].w));
}

/* The table a heading outside the vocabulary names, or -1: "- birds (species, wingspan)",
 * "Catch lines: species, weight", "a register of kilns:". A plural (or one row, `row`) of
 * one or two words that starts its clause at `first` (or follows "of") lists its columns
 * after a colon, or in parentheses when it is one word. */
static int unknown_heading(struct plan *p, bool colon, int first, int prev, bool row)
{
    bool two = colon && prev == first + 1 && tokens_is_content(p, first) &&
               p->mention[first] < 0 && !tokens_is_number(p->t[first].w);
    if (prev < first || !(tokens_is_plural(&p->t[prev]) || row) ||
        (words_in(p->t[prev].w, words_stop_nouns) && !entities_listed_people(p, prev)) ||
        !tokens_is_content(p, prev) ||
        !(prev == first || two || tokens_is_word(p, prev - 1, "of")))
        return -1;
    return entities_from_unknown(p, two ? first : prev, prev + 1, row);
}

/* Does the parenthesis that opens before i list items, with a comma and no "or" (a choice:
 * "(tent, caravan or hookup)") before it closes? */
static bool paren_items(const struct plan *p, int i, int end)
{
    int commas = 0;
    for (int q = i; q < end && p->t[q].kind != T_RPAREN; q++) {
        if (tokens_is_word(p, q, "or") || p->t[q].kind == T_LPAREN)
            return false;
        commas += p->t[q].kind == T_COMMA;
    }
    return commas > 0;
}

/* "- jobs on a property (start date, ...)", "- bundle deliveries for a job (supplier, ...)":
 * the plural of one or two words that opens a line, then a preposition that relates rows and
 * the one row it is on or for, before the parenthesis after prev, names the rows whose
 * columns the parenthesis lists (the row after the preposition is their parent). Its table,
 * or -1. */
static int line_head_of_row(struct plan *p, int lead, int prev)
{
    int h = lead;
    while (h + 1 < prev && h < lead + 1 && tokens_is_content(p, h + 1) &&
           !relations_on_delete(p->t[h + 1].w))
        h++;
    int d = h + 2;
    if (!tokens_opens_line(p->text, p->t[lead].off) || !tokens_is_content(p, lead) ||
        !tokens_is_content(p, h) || !tokens_is_plural(&p->t[h]) ||
        !relations_on_delete(p->t[h + 1].w) ||
        !(tokens_word_in(p, d, words_determiners) ||
          tokens_word_in(p, d, (const char *const[]){"those", "these", NULL})) ||
        prev < d + 1 || prev > d + 2)
        return -1;
    for (int q = d + 1; q <= prev; q++)
        if (!tokens_is_content(p, q) && p->mention[q] < 0)
            return -1;
    for (int m = h; m >= lead; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == h + 1)
            return entities_from_mention(p, m);
    return entities_from_unknown(p, lead, h + 1, false);
}

/* Does the colon or parenthesis at i, in the clause [s, e), head no list of the columns of
 * the table named before it? (A dash a clause follows is made the comma it was.) */
static bool heads_no_columns(struct plan *p, int s, int e, int i)
{
    struct tok *t = &p->t[i];
    int prev = i - 1;
    /* "trail reports - riders report conditions": a dash read as a heading's colon stays the
     * comma it was when a clause follows it, the clause's words read as before */
    if (t->kind == T_COLON && p->text[t->off] == '-' && prev >= s &&
        clause_follows(p, prev, i + 1, e)) {
        t->kind = T_COMMA;
        return true;
    }
    /* "a grade (easy, medium or hard)": one row's choice is a column's values, which
     * constraints_read gives it, no table's kinds */
    if (t->kind == T_LPAREN && prev >= s && !tokens_is_plural(&p->t[prev]) &&
        kinds_in_parens(p, i + 1, e) >= 0)
        return true;
    /* "a cost per pupil (0 to 150)": limits in parentheses after one row are a quantity's,
     * which constraints_read gives it, no columns of the table named before them (after a
     * plural they may be: "reviews (1-5 stars)") */
    if (t->kind == T_LPAREN && prev >= s && !tokens_is_plural(&p->t[prev]) &&
        constraints_limits_end(p, i) > 0)
        return true;
    /* "each item's category (electrical, textiles, bikes)": so are the values of what a row
     * possesses */
    if (t->kind == T_LPAREN && prev - 1 >= s && p->t[prev - 1].poss &&
        !tokens_is_plural(&p->t[prev]))
        return true;
    return false;
}

/* "Tasks: title, due date" / "Fleet management: vehicles, drivers" / "Tasks (title)" /
 * "- each item: sku, price" */
static void heading_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    if (kept_before_colon(p, c, pi) || kept_object_before_colon(p, c, pi) ||
        (p->t[*pi].kind == T_COLON &&
         (kept_passive_before_colon(p, c, pi) || kept_as_before_colon(p, c, pi))))
        return;
    int s = c->s, e = c->e, i = *pi;
    struct tok *t = &p->t[i];
    if (t->kind != T_COLON && t->kind != T_LPAREN)
        return;
    int prev = i - 1;
    int pe = -1;
    if (heads_no_columns(p, s, e, i))
        return;
    /* "each talk: title, abstract" counts its heading as one row of a table */
    bool each =
        prev - 1 >= s && tokens_word_in(p, prev - 1, (const char *const[]){"each", "every", NULL});
    int lead = s; /* past a bullet's dash */
    while (lead < prev && p->t[lead].kind == T_COMMA)
        lead++;
    /* "Plant: name, room": a singular heading that alone starts its line is one row; so is
     * a noun anywhere before columns in parentheses ("filed under one taxon (scientific
     * name, author)") */
    bool listed = t->kind == T_LPAREN && prev >= s && columns_in_parens(p, i + 1, e) &&
                  (tokens_is_plural(&p->t[prev]) || counted_one(p, prev - 1));
    bool row =
        each || listed || (t->kind == T_COLON && singular_row_heading(p, lead, prev, i + 1, e));
    for (int m = prev; m >= s && m > prev - 4; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == prev + 1 &&
            /* "an API for a school: teachers, ...": a singular heading is the
             * domain, not a table */
            (t->kind != T_COLON || tokens_is_plural(&p->t[prev]) || row))
            pe = entities_from_mention(p, m);
    bool opens = t->kind == T_COLON || prev == lead + each || listed;
    if (t->kind == T_LPAREN && (columns_in_parens(p, i + 1, e) || paren_items(p, i + 1, e))) {
        int head = line_head_of_row(p, lead, prev);
        pe = head >= 0 ? head : pe;
    }
    if (pe < 0 && opens)
        pe = unknown_heading(p, t->kind == T_COLON, listed ? prev : lead + each, prev, row);
    if (pe >= 0 && t->kind == T_COLON && clause_follows(p, prev, i + 1, e)) {
        /* "Hotel reservations: hotels have rooms, ...": a heading */
        t->used = true;
    } else if (pe >= 0) {
        t->used = true;
        *pi = phrases_field_list(p, pe, i + 1, e, t->kind == T_LPAREN, false) - 1;
        /* "trips (destination, budget) belong to travellers": the clause goes on */
        if (t->kind == T_LPAREN && c->subj < 0)
            c->subj = pe;
    } else if (t->kind == T_COLON) {
        int ents[MAX_ENTITIES], n;
        bool users = false;
        t->used = true;
        *pi = entity_list(p, i + 1, e, true, ents, &n, MAX_ENTITIES, &users) - 1;
        if (n > 0 && c->subj < 0)
            c->subj = ents[0];
    }
}

/* "an inventory of chemicals and reagents", "a catalog of products" */
static bool collective_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int e = c->e, i = *pi;
    const char *w = p->t[i].w;
    if (!words_in(w, words_collective) || !tokens_is_word(p, i + 1, "of") || p->t[i].used ||
        words_in(w, (const char *const[]){"number", "lot", "lots", "range", NULL}))
        return false;
    int ents[MAX_ENTITIES], n;
    int nj = entity_list(p, i + 2, e, true, ents, &n, MAX_ENTITIES, NULL);
    if (n > 0) {
        tokens_mark_used(p, i, i + 2);
        if (c->subj < 0)
            c->subj = ents[0];
        *pi = nj - 1;
    }
    return true;
}

/* "X belongs to a Y", "X is assigned to a Y", "X is part of Y" */
static bool belongs_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    const char *w = p->t[i].w;
    bool belongs = strcmp(w, "belongs") == 0 || strcmp(w, "belong") == 0;
    bool assigned = (words_in(w, (const char *const[]){"assigned", "linked", "attached", "tied",
                                                       "refers", "refer", NULL}) &&
                     tokens_is_word(p, i + 1, "to")) ||
                    ((strcmp(w, "reference") == 0 || strcmp(w, "references") == 0) && i > s &&
                     p->t[i - 1].kind == T_WORD && !tokens_is_word(p, i - 1, "a") &&
                     !tokens_is_word(p, i - 1, "the"));
    int obj = strcmp(w, "reference") == 0 || strcmp(w, "references") == 0 ? i + 1 : i + 2;
    bool partof = strcmp(w, "part") == 0 && tokens_is_word(p, i + 1, "of");
    if (!((belongs && tokens_is_word(p, i + 1, "to")) || assigned || partof))
        return false;
    bool user;
    int sa = i;
    int verb = i;
    while (verb > s && tokens_word_in(p, verb - 1,
                                      (const char *const[]){"is", "are", "be", "always", "each",
                                                            "only", NULL}))
        verb--;
    int child = subject_before(p, verb, s, &user, &sa);
    if (child == -1 && c->subj >= 0 &&
        (tokens_is_word(p, verb - 1, "and") || verb == s || p->t[verb - 1].kind == T_RPAREN))
        child = c->subj, sa = verb;
    child = realize_subject(p, child, true);
    int j = obj;
    /* "is assigned to exactly one locksmith": an adverb of degree before the count */
    while (j < e && tokens_word_in(
                        p, j, (const char *const[]){"exactly", "just", "only", "precisely", NULL}))
        j++;
    int parents[8], n = 0;
    bool users = false;
    while (j < e && n < 8) {
        struct item it;
        int st = j;
        int nj = noun_phrase(p, j, e, &it);
        if (it.b <= it.a)
            break;
        item_entity(p, &it, true, true);
        if (it.user || (it.b > it.a && words_in(p->t[it.b - 1].w,
                                                (const char *const[]){"owner", "person", NULL})))
            users = true;
        else if (it.entity >= 0)
            parents[n++] = it.entity;
        tokens_mark_used(p, st, it.b);
        j = nj;
        int nx = list_next(p, j, e);
        if (nx < 0)
            break;
        j = nx;
    }
    if (child >= 0) {
        c->subj = child;
        tokens_mark_used(p, sa, obj);
        for (int q = 0; q < n; q++)
            relations_add(p, child, parents[q], belongs || partof ? "cascade" : "set_null", sa, j);
        if (users)
            owners_mark(p, child, sa, j);
    }
    *pi = j - 1;
    return true;
}

/* "A call-out is raised by a customer and has an address": a have-verb joined by "and" (at
 * `and`) to a passive with its agent after "by" has the passive's subject, not the agent;
 * subject_before's answer for it, or -1 when no such passive opens the clause. */
static int passive_joined(struct plan *p, int s, int and, int *sa)
{
    for (int q = s + 1; q + 2 < and; q++)
        if (tokens_word_in(p, q, (const char *const[]){"is", "are", "was", "were", NULL}) &&
            past_participle(p, q + 1) && tokens_is_word(p, q + 2, "by")) {
            bool user;
            int k = subject_before(p, q, s, &user, sa);
            return k < -1 ? realize_subject(p, k, true) : k;
        }
    return -1;
}

/* "A job comes from a client and has a source language, ...": "and" right before the
 * have-verb joins two verb phrases of one subject, the row the clause opens with (an article
 * and a table's name) when a verb WordNet knows follows it; the subject, or -1. */
static int verb_joined(struct plan *p, int s, int and, int *sa)
{
    int m = tokens_skip(p, s, and, (const char *const[]){"a", "an", "the", "each", "every", NULL});
    if (m == s || m >= and || p->mention[m] < 0 || p->mention_end[m] >= and)
        return -1;
    int v = p->mention_end[m];
    char lemma[WORD_MAX];
    if (p->t[v].kind != T_WORD || lexicon_usual_pos(p->t[v].w) != 'v' ||
        !lexicon_verb_lemma(p->t[v].w, lemma, sizeof(lemma)))
        return -1;
    *sa = m;
    return entities_from_mention(p, m);
}

static int row_it_names(struct plan *p, int s, int it);

/* "X have (many) Y", "each user has projects" */
static bool have_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    if (!tokens_word_in(p, i, words_have_verbs))
        return false;
    bool user;
    int sa = i;
    int k = subject_before(p, i, s, &user, &sa);
    if (k == -1 && !user && tokens_is_word(p, i - 1, "and"))
        k = passive_joined(p, s, i - 1, &sa);
    if (k == -1 && !user && tokens_is_word(p, i - 1, "and"))
        k = verb_joined(p, s, i - 1, &sa);
    if (k == -1 && !user && c->subj >= 0 && (tokens_is_word(p, i - 1, "and") || i == s))
        k = c->subj, sa = i;
    /* "each course runs on one farm, it has a start date": the row "it" stands for */
    if (k == -1 && !user && i - 1 > s && tokens_is_word(p, i - 1, "it"))
        k = row_it_names(p, s, i - 1), sa = i - 1;
    if (k == -1 && !user && c->subj_user && (tokens_is_word(p, i - 1, "and") || i == s))
        user = true;
    int j = i + 1;
    j = tokens_skip(p, j, e,
                    (const char *const[]){"many", "multiple", "several", "one",  "or",     "more",
                                          "zero", "their",    "own",     "a",    "an",     "the",
                                          "some", "lots",     "of",      "list", "number", "any",
                                          "also", "just",     NULL});
    if (user) {
        int ents[MAX_ENTITIES], n;
        c->subj_user = true;
        int nj = entity_list(p, j, e, true, ents, &n, MAX_ENTITIES, NULL);
        for (int q = 0; q < n; q++)
            owners_mark(p, ents[q], sa, nj);
        if (n > 0)
            tokens_mark_used(p, sa, i + 1);
        *pi = nj - 1;
        return true;
    }
    /* the object decides: a list with an entity or a plural noun makes the subject
     * an entity too; singular words are fields of an existing subject */
    bool plural_obj = false;
    for (int q = j; q < e && q < j + 6; q++) {
        if (p->t[q].kind != T_WORD || (!tokens_is_content(p, q) && p->mention[q] < 0))
            break;
        if ((p->mention[q] >= 0 && tokens_is_plural(&p->t[p->mention_end[q] - 1])) ||
            (tokens_is_plural(&p->t[q]) && !words_in(p->t[q].w, words_stop_nouns)))
            plural_obj = true;
    }
    if (k < -1 && !plural_obj)
        k = -1; /* "the app has a dark mode" */
    k = realize_subject(p, k, false);
    if (k < 0)
        return true;
    c->subj = k;
    p->t[i].used = true;
    *pi = phrases_field_list(p, k, j, e, false, true) - 1;
    return true;
}

/* join verbs: "students enroll in courses", "guests book rooms" make a join entity
 * (Enrollment, Booking) that references both sides */
static bool join_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    char record[NAME_MAX_];
    bool listed = false; /* only the table's own forms ("enrolls"), not "enrolled" */
    for (const struct join_verb *q = words_join_verbs; q->entity; q++)
        listed |= strcmp(p->t[i].w, q->verb) == 0;
    if (!listed || i <= s || !entities_join_record(p->t[i].w, record, sizeof(record)))
        return false;
    bool user;
    int sa = i;
    int a = subject_before(p, i, s, &user, &sa);
    if (a == -1)
        return false;
    int j = tokens_skip(
        p, i + 1, e,
        (const char *const[]){"in", "into", "for", "to", "a", "an", "the", "at", "on", NULL});
    struct item it;
    noun_phrase(p, j, e, &it);
    item_entity(p, &it, true, false);
    if (it.entity < 0)
        return false;
    a = realize_subject(p, a, true);
    int jk = entities_by_vocab(p, record);
    if (jk < 0)
        jk = entities_add(p, record, entities_vocab_named(record), sa, it.b);
    if (jk >= 0 && a >= 0 && jk != a && jk != it.entity) {
        relations_add(p, jk, a, "cascade", sa, it.b);
        relations_add(p, jk, it.entity, "cascade", sa, it.b);
    }
    tokens_mark_used(p, sa, it.b);
    *pi = it.b - 1;
    return true;
}

/* "for every incident we keep the address and the type": the row the clause's opener counts
 * one by one before the subject at token sa (the clause starts at s): its table when the
 * vocabulary names it, -2 when it is another word (the parse reads that one), -1 without
 * such an opener. */
static int opener_row(struct plan *p, int s, int sa)
{
    int head = sa - 1 - (sa - 1 > s && p->t[sa - 1].kind == T_COMMA);
    if (!tokens_word_in(p, s, (const char *const[]){"for", "on", "at", "after", NULL}) ||
        !tokens_word_in(p, s + 1, (const char *const[]){"each", "every", NULL}) || head < s + 2 ||
        head > s + 3 || !tokens_is_content(p, head))
        return -1;
    for (int m = s + 2; m <= head; m++)
        if (p->mention[m] >= 0 && p->mention_end[m] == head + 1)
            return entities_from_mention(p, m);
    return -2;
}

/* "a calibration is done by an engineer and records the date", "a check is done on a date:
 * it records the temperature": a verb of keeping after "and" or "it" whose clause opens on one
 * row ("a", "an", "each" or "every" and a singular noun, then "is" or "was") keeps that row's
 * columns. The row's table, or -1. */
static int coordinated_row(struct plan *p, int s, int v)
{
    static const char *const one[] = {"a", "an", "each", "every", NULL};
    if (!tokens_word_in(p, v, words_record_verbs) ||
        !tokens_word_in(p, v - 1, (const char *const[]){"and", "it", NULL}) ||
        !tokens_word_in(p, s, one))
        return -1;
    int h = s + 1;
    while (h + 1 < v && tokens_is_content(p, h + 1) && h < s + 3)
        h++;
    if (!tokens_is_content(p, h) || tokens_is_plural(&p->t[h]) ||
        !tokens_word_in(p, h + 1, (const char *const[]){"is", "was", NULL}))
        return -1;
    for (int m = h; m > s; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == h + 1)
            return entities_from_mention(p, m);
    return entities_from_unknown(p, s + 1, h + 1, true);
}

/* "Fostering: a hog is placed with one carer; keep the carer, the date placed and ...": a verb
 * of keeping that opens a clause after a semicolon (an imperative) keeps the columns of the
 * table that its line's heading of one or two words names before a colon. The table, or -1
 * (none is made here). s: the clause's first token, the verb. */
static int imperative_heading_row(struct plan *p, int s)
{
    if (s < 3 || !tokens_word_in(p, s, words_record_verbs) || p->text[p->t[s - 1].off] != ';')
        return -1;
    int colon = s - 2;
    while (colon > 0 && p->t[colon].kind != T_COLON &&
           (p->t[colon].kind != T_STOP || p->text[p->t[colon].off] == ';'))
        colon--;
    int h = colon - 1, a = h;
    if (colon <= 0 || p->t[colon].kind != T_COLON || !tokens_is_content(p, h))
        return -1;
    if (a - 1 >= 0 && tokens_is_content(p, a - 1) && !tokens_opens_line(p->text, p->t[a].off))
        a--;
    if (!tokens_opens_line(p->text, p->t[a].off))
        return -1;
    for (int m = a; m <= h; m++)
        if (p->mention[m] >= 0 && p->mention_end[m] == h + 1)
            return entities_from_mention(p, m);
    int k = entities_find(p, p->t[h].s);
    return k >= 0 && !p->e[k].dropped ? k : -1;
}

/* verbs with an object list: "track widgets and gizmos", "users write posts" */
/* "each booking records ...", "a loan records the piece, the player and the date out": one
 * row keeps what its verb of keeping at v lists (sa: the subject's first token; j: the
 * list's). Counted by each/every; or by "a" when the list opens on "the" (rows it picks, not
 * makes: nouns_columns_of_tables), or when the verb agrees with one row, in -s ("a weight log
 * with ..." and "a load record that ..." are nouns), and WordNet's noun before it names no
 * person (a person who records is the one who keeps the rows: "a coach records the times"). */
static bool one_row_keeps(const struct plan *p, int sa, int v, int j)
{
    struct lex_noun ln;
    if (tokens_word_in(p, sa - 1, (const char *const[]){"each", "every", NULL}))
        return true;
    if (!tokens_word_in(p, sa - 1, words_indefinite))
        return false;
    size_t n = strlen(p->t[v].w);
    return tokens_is_word(p, j, "the") ||
           (n > 1 && p->t[v].w[n - 1] == 's' && lexicon_noun(p->t[v - 1].w, &ln) && !ln.person &&
            ln.kind != LEX_GROUP);
}

static bool list_verb_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    const char *w = p->t[i].w;
    if (!tokens_word_in(p, i, words_list_verbs) || p->mention[i] >= 0)
        return false;
    bool user = false;
    int sa = i;
    int sk = subject_before(p, i, s, &user, &sa);
    if (sk == -1 && !user && c->subj_user && tokens_is_word(p, i - 1, "and"))
        user = true;
    int j = i + 1;
    if (tokens_is_word(p, j, "track") && tokens_is_word(p, j + 1, "of"))
        j += 2;
    else if (tokens_is_word(p, j, "of"))
        j++;
    /* "each booking records the arrival date and the number of adults", "each outing logs
     * the distance": one row keeps columns (as the parse's subject_fields reads it), no
     * tables */
    if (sk != -1 && !user && tokens_word_in(p, i, words_record_verbs) &&
        !tokens_is_plural(&p->t[i - 1]) && one_row_keeps(p, sa, i, j) &&
        (sk = realize_subject(p, sk, true)) >= 0) {
        p->t[i].used = true;
        *pi = phrases_field_list(p, sk, j, e, false, false) - 1;
        return true;
    }
    int opener = user && tokens_word_in(p, i, words_record_verbs) ? opener_row(p, s, sa)
                 : sk == -1 && !user                              ? coordinated_row(p, s, i)
                                                                  : -1;
    if (opener < 0 && sk != -1 && !user && tokens_is_word(p, i - 1, "and"))
        opener = coordinated_row(p, s, i);
    if (opener == -1 && sk == -1 && !user && i == s)
        opener = imperative_heading_row(p, s);
    if (opener >= 0) {
        p->t[i].used = true;
        *pi = phrases_field_list(p, opener, j, e, false, false) - 1;
        return true;
    }
    if (opener == -2)
        return true; /* the parse's kept_for_counted_row reads it */
    int ents[MAX_ENTITIES], n;
    int nj = entity_list(p, j, e, true, ents, &n, MAX_ENTITIES, NULL);
    if (n <= 0)
        return true;
    p->t[i].used = true;
    if (user) {
        c->subj_user = true;
        for (int q = 0; q < n; q++)
            owners_mark(p, ents[q], sa, nj);
    }
    sk = realize_subject(p, sk, false);
    /* "hotels have rooms" is the usual form, but "shelters list pets" too */
    if (sk >= 0 && !user)
        for (int q = 0; q < n; q++)
            if (strcmp(w, "list") == 0 || strcmp(w, "lists") == 0 || strcmp(w, "post") == 0 ||
                strcmp(w, "posts") == 0 || strcmp(w, "host") == 0 || strcmp(w, "hosts") == 0 ||
                strcmp(w, "offer") == 0 || strcmp(w, "offers") == 0 || strcmp(w, "open") == 0 ||
                strcmp(w, "opens") == 0 || strcmp(w, "record") == 0 || strcmp(w, "records") == 0 ||
                strcmp(w, "place") == 0 || strcmp(w, "places") == 0)
                relations_add(p, ents[q], sk, "cascade", sa, nj);
    *pi = nj - 1;
    return true;
}

/* "fuel purchases per vehicle with litres and a price": what comes after "X per Y" is X's,
 * not Y's (a rate names the thing counted). Returns X's entity, or pe (Y's). */
static int per_head(struct plan *p, int s, int prev, int pe, bool comma)
{
    /* after a comma, "for" and "of" too: "measurements for patients, with systolic, ..." */
    const char *const *preps = comma ? (const char *const[]){"per", "for", "of", NULL}
                                     : (const char *const[]){"per", NULL};
    int y = prev;
    while (y > s && p->t[y - 1].kind == T_WORD && p->mention[y - 1] < 0 &&
           !tokens_word_in(p, y - 1, preps) && !tokens_is_word(p, y - 1, "of") && y > prev - 3)
        y--; /* back over the words of Y's phrase ("each", a modifier) */
    /* "breakdowns of a ride with a start time": rows of one Y each, whose columns follow */
    bool rows_of_one = tokens_is_word(p, y - 1, "of") && !tokens_is_plural(&p->t[prev]) &&
                       tokens_word_in(p, y, (const char *const[]){"a", "an", "each", NULL}) &&
                       y - 2 >= s && tokens_is_plural(&p->t[y - 2]);
    if (!tokens_word_in(p, y - 1, preps) && !rows_of_one)
        return pe;
    for (int m = y - 2; m >= s && m > y - 5; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == y - 1)
            return entities_from_mention(p, m);
    if (rows_of_one && tokens_is_content(p, y - 2))
        return entities_from_unknown(p, y - 2, y - 1, false);
    return pe;
}

/* "milestones such as the upgrade and the viva, each with a due date", "regattas a year,
 * each with a name": the table of the last plural before the "each" at token e (and its comma) in
 * the clause from s, which "each" takes one by one; -1. */
static int each_of_rows(struct plan *p, int s, int e)
{
    if (!tokens_word_in(p, e, (const char *const[]){"each", "every", NULL}) || e - 1 < s ||
        p->t[e - 1].kind != T_COMMA)
        return -1;
    for (int q = e - 2; q >= s && q > e - 14; q--) {
        if (p->t[q].kind != T_WORD || !tokens_is_plural(&p->t[q]))
            continue;
        for (int m = q; m >= s && m > q - 4; m--)
            if (p->mention[m] >= 0 && p->mention_end[m] == q + 1)
                return entities_from_mention(p, m);
        /* "several regattas a year, each with a name": a plural outside the vocabulary, the
         * table of its own word when the clause made one ("divers log dives, each with") */
        int own = entities_find(p, p->t[q].s);
        if (own >= 0 || !tokens_is_content(p, q))
            return own;
        return entities_from_unknown(p, q > s ? q - 1 : q, q + 1, false);
    }
    return -1;
}

static int named_table(const struct plan *p, int j);

/* "each workshop is run by one tutor with a date and a fee", "lessons are booked for a pupil
 * with a date", "a press run is one order on one press with a run date": after a preposition,
 * the one row of another table ("one" or "a" before prev) is what the subject is tied to, and
 * the list after "with" is the subject's: one row counted by its determiner (its name of one
 * or two words) or a plural, before a copula earlier in the clause. Its table, or -1. */
static int subject_of_one(struct plan *p, int s, int prev)
{
    static const char *const preps[] = {"by", "for", "to", "from", "at", "in", "on", NULL};
    static const char *const copulas[] = {"is", "was", "are", "were", NULL};
    if (!tokens_word_in(p, prev - 1, (const char *const[]){"one", "a", "an", NULL}) ||
        !tokens_word_in(p, prev - 2, preps))
        return -1;
    int q = prev - 3;
    while (q > s && !tokens_word_in(p, q, copulas))
        q--;
    int h = q - 1, det = h - 1;
    if (q <= s || h < s || !tokens_is_content(p, h))
        return -1;
    if (tokens_is_plural(&p->t[h])) {
        /* "lessons are booked for a pupil": a plural of one word that opens the clause */
        if (h != s && p->t[h - 1].kind == T_WORD)
            return -1;
        int k = p->mention[h] >= 0 && p->mention_end[h] == h + 1 ? entities_from_mention(p, h)
                                                                 : entities_find(p, p->t[h].s);
        return k >= 0 && !p->e[k].dropped ? k : -1;
    }
    if (det > s && tokens_is_content(p, det) && !tokens_is_plural(&p->t[det]))
        det--; /* "a press run" */
    if (det < s ||
        !tokens_word_in(p, det, (const char *const[]){"each", "every", "a", "an", NULL}))
        return -1;
    int k = named_table(p, h);
    /* "each workshop", "a press run": a row counted one by one, or a name of two words, is a
     * table's though no clause made it yet */
    bool two = det + 2 == h;
    if (k < 0 && p->mention[h] < 0 &&
        (two || tokens_word_in(p, det, (const char *const[]){"each", "every", NULL})))
        k = entities_from_unknown(p, det + 1, h + 1, true);
    return k;
}

/* The table of the vocabulary word that ends at prev, before "with", or -1; *domain when
 * that word names the product instead ("for a bike shop with parts": the singular after
 * "for a" is the customer's business, and the list names its tables; but after a plural,
 * "breakdowns of a ride with ...", it is one row each of them is of). */
static int mention_before_with(struct plan *p, int s, int prev, bool *domain)
{
    int pe = -1;
    for (int m = prev; m >= s && m > prev - 4; m--) {
        if (p->mention[m] < 0 || p->mention_end[m] != prev + 1)
            continue;
        if (!tokens_is_plural(&p->t[prev]) &&
            tokens_word_in(p, m - 1, (const char *const[]){"a", "an", "the", "my", "our", NULL}) &&
            tokens_word_in(p, m - 2, (const char *const[]){"for", "of", NULL}) &&
            !(m - 3 >= s && tokens_is_plural(&p->t[m - 3]) && tokens_is_content(p, m - 3))) {
            *domain = true;
            char from[SNIPPET_MAX + 8];
            tokens_snippet(p, m, prev + 1, from, sizeof(from));
            notes_add(p, p->understood, "\"%s\" names the product, not a table", from);
            tokens_mark_used(p, m, prev + 1);
        } else
            pe = entities_from_mention(p, m);
    }
    return pe;
}

/* "Vehicles are recieved with ...": a word in -ed after a copula that WordNet knows neither
 * as a verb nor as a noun is a participle spelt wrong. */
static bool misspelt_participle(const struct plan *p, int i)
{
    struct lex_noun ln;
    char lemma[WORD_MAX];
    size_t n = strlen(p->t[i].w);
    return p->t[i].kind == T_WORD && n > 4 && strcmp(p->t[i].w + n - 2, "ed") == 0 &&
           tokens_word_in(p, i - 1, (const char *const[]){"is", "are", "was", "were", NULL}) &&
           !lexicon_verb_lemma(p->t[i].w, lemma, sizeof(lemma)) && !lexicon_noun(p->t[i].w, &ln);
}

/* The row "it" at token `it` stands for: the first singular row that an article or each/every
 * counts in the clause from s before it ("when a launch happens it ...", "each course runs on
 * one farm, it has ..."), a table by then or a vocabulary word counted one by one; its table,
 * or -1. */
static int row_it_names(struct plan *p, int s, int it)
{
    for (int j = s + 1; j < it; j++) {
        if (!tokens_word_in(p, j - 1, words_determiners))
            continue;
        int k = named_table(p, j);
        if (k < 0 && p->mention[j] >= 0 && p->mention_end[j] == j + 1 &&
            !tokens_is_plural(&p->t[j]) &&
            tokens_word_in(p, j - 1, (const char *const[]){"each", "every", NULL}))
            k = entities_from_mention(p, j);
        if (k >= 0)
            return k;
    }
    return -1;
}

/* "when a launch happens it is recorded with ...": "it" before a passive's copula and
 * participle at prev stands for the row its clause counted first; its table, or -1. */
static int row_before_it(struct plan *p, int s, int prev)
{
    if (prev - 2 <= s || !past_participle(p, prev) ||
        !tokens_word_in(p, prev - 1, (const char *const[]){"is", "was", NULL}) ||
        !tokens_is_word(p, prev - 2, "it"))
        return -1;
    return row_it_names(p, s, prev - 2);
}

/* "a system with members, books and loans" / "tasks with due dates" */
static bool with_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    struct tok *t = &p->t[i];
    if (strcmp(t->w, "with") != 0)
        return false;
    bool comma = i - 1 > s && p->t[i - 1].kind == T_COMMA;
    int prev = i - 1 - comma;
    bool domain = false;
    int pe = mention_before_with(p, s, prev, &domain);
    if (pe < 0 && prev >= s && p->t[prev].kind == T_WORD && tokens_is_plural(&p->t[prev]) &&
        !words_in(p->t[prev].w, words_stop_nouns) && tokens_is_content(p, prev) &&
        !tokens_word_in(p, prev, words_list_verbs))
        pe = entities_from_unknown(p, prev, prev + 1, false);
    if (pe < 0)
        pe = each_of_rows(p, s, prev);
    /* "Interpreters are registered with a name, ...": the passive's subject has them */
    if (pe < 0 && !comma && prev - 1 > s &&
        (past_participle(p, prev) || misspelt_participle(p, prev)))
        pe = passive_subject(p, s, prev - 1);
    if (pe < 0 && !comma)
        pe = row_before_it(p, s, prev);
    /* "Bowling figures are kept the same way, with overs, ...": what a plural kept in the
     * passive is kept with, after a comma too, are its columns */
    int cop, kept = pe < 0 && comma ? kept_passive(p, s, prev, &cop) : -1;
    if (kept >= 0) {
        t->used = true;
        *pi = phrases_field_list(p, kept, i + 1, e, false, false) - 1;
        return true;
    }
    int subject = !comma ? subject_of_one(p, s, prev) : -1;
    if (subject >= 0)
        pe = subject;
    /* "pages organized in spaces, with revisions": after a comma only a head counts; so
     * does one without a comma after a word that names no table yet ("readings of each
     * batch with a date") */
    int head = pe >= 0 || (prev >= s && !comma) ? per_head(p, s, prev, pe, comma) : pe;
    pe = comma && head == pe ? -1 : head;
    if (pe >= 0) {
        t->used = true;
        *pi = phrases_field_list(p, pe, i + 1, e, false, false) - 1;
    } else if (prev >= s && (domain || tokens_word_in(p, prev, words_stop_nouns))) {
        int ents[MAX_ENTITIES], n;
        int nj = entity_list(p, i + 1, e, true, ents, &n, MAX_ENTITIES, NULL);
        if (n > 0) {
            t->used = true;
            *pi = nj - 1;
        }
    }
    return true;
}

/* "Y of X", "Y for X", "Y in X", "Y at X" between two vocabulary entities */
static bool preposition_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    const char *w = p->t[i].w;
    if (!words_in(w, (const char *const[]){"of", "for", "in", "on", "into", "within", "under",
                                           "at", "by", "per", NULL}))
        return false;
    int prev = i - 1, m0 = -1;
    for (int m = prev; m >= s && m > prev - 4; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == prev + 1)
            m0 = m;
    int j = tokens_skip(p, i + 1, e,
                        (const char *const[]){"a", "an", "the", "each", "every", "one", "their",
                                              "its", "different", "specific", NULL});
    /* "inventory for a bike shop with parts": the business, not a parent */
    bool domain = j < e && p->mention[j] >= 0 &&
                  tokens_word_in(p, j - 1, (const char *const[]){"a", "an", "my", "our", NULL}) &&
                  !tokens_is_plural(&p->t[p->mention_end[j] - 1]) &&
                  (tokens_is_word(p, p->mention_end[j], "with") ||
                   tokens_word_in(p, p->mention_end[j], words_app_nouns) ||
                   (p->mention_end[j] < p->nt && p->t[p->mention_end[j]].kind == T_COLON));
    /* "one loan per book per member": a second "per" counts the first one's row too, the
     * loans, not the books */
    while (m0 > s && strcmp(w, "per") == 0 && tokens_is_word(p, m0 - 1, "per")) {
        int before = -1;
        for (int m = m0 - 2; m >= s && m > m0 - 6; m--)
            if (p->mention[m] >= 0 && p->mention_end[m] == m0 - 1)
                before = m;
        if (before < 0)
            break;
        m0 = before;
    }
    if (m0 >= 0 && j < e && p->mention[j] >= 0 && !domain &&
        !tokens_word_in(p, p->mention_end[j], words_field_heads)) {
        int ch = entities_from_mention(p, m0);
        int par = entities_from_mention(p, j);
        bool weak = strcmp(w, "at") == 0 || strcmp(w, "by") == 0 || strcmp(w, "for") == 0;
        relations_add(p, ch, par, weak ? "set_null" : "cascade", m0, p->mention_end[j]);
        tokens_mark_used(p, i, i + 1);
    }
    return true;
}

/* The table a singular subject phrase ending at token j names once the whole prompt is read
 * ("a unit", "each stock": the head alone, or with the word before it, "each sequencing
 * run"), or -1. */
static int named_table(const struct plan *p, int j)
{
    const struct tok *h = &p->t[j];
    if (h->kind != T_WORD || tokens_is_plural(h) || !tokens_is_content(p, j))
        return -1;
    char phrase[WORD_MAX * 2 + 2], snake[NAME_MAX_];
    int k = -1;
    if (tokens_is_content(p, j - 1)) {
        snprintf(phrase, sizeof(phrase), "%s %s", p->t[j - 1].w, h->s);
        if (inflect_snake(phrase, snake, sizeof(snake)) == 0)
            k = entities_find(p, snake);
    }
    if (k < 0 && inflect_snake(h->s, snake, sizeof(snake)) == 0)
        k = entities_find(p, snake);
    return k >= 0 && !p->e[k].dropped ? k : -1;
}

/* "each peal has a date, a method and a duration": a singular thing (WordNet) that each/every
 * counts and that has two or more columns of a list is a table, though no other clause makes
 * it one. The subject's head is token j, the have-verb token h; -1. */
static int counted_thing(struct plan *p, int j, int h)
{
    struct lex_noun ln;
    int items = 0, end = tokens_sentence_end(p, h);
    for (int q = h + 1; q < end; q++)
        items += p->t[q].kind == T_COMMA || tokens_is_word(p, q, "and");
    if (items < 1 || !lexicon_noun(p->t[j].w, &ln) || ln.kind != LEX_THING || p->mention[j] >= 0 ||
        words_in(p->t[j].w, words_stop_nouns))
        return -1;
    return entities_from_unknown(p, j, j + 1, true);
}

void phrases_late_have(struct plan *p)
{
    for (int i = 2; i < p->nt; i++) {
        if (p->t[i].used || !tokens_word_in(p, i, words_have_verbs))
            continue;
        int j = i - 1, a = j;
        while (a > 0 && tokens_is_content(p, a - 1) && a > j - 2)
            a--;
        if (!tokens_word_in(p, a - 1, words_determiners))
            continue;
        int k = named_table(p, j);
        if (k < 0 && tokens_word_in(p, a - 1, (const char *const[]){"each", "every", NULL}))
            k = counted_thing(p, j, i);
        if (k < 0)
            continue;
        p->t[i].used = true;
        phrases_field_list(p, k, i + 1, tokens_sentence_end(p, i), false, true);
    }
}

/* "one horologist, whose details are a name and years of experience", "a barrel's details are
 * a cooper, a volume and a toast level": the words that announce a list after "whose" or a
 * singular possessor, and a copula, list the columns of the noun before the comma or of the
 * possessor. */
static bool whose_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int i = *pi, noun = i - 2;
    bool whose = tokens_is_word(p, i, "whose") && noun >= c->s && p->t[i - 1].kind == T_COMMA;
    if (!whose && p->t[i].poss)
        noun = i; /* "a barrel's details" */
    if (!(whose || noun == i) || !tokens_is_content(p, noun) || tokens_is_plural(&p->t[noun]))
        return false;
    int j = tokens_skip(p, i + 1, c->e, announcing);
    if (j == i + 1 ||
        !tokens_word_in(p, j, (const char *const[]){"are", "is", "include", "includes", NULL}))
        return false;
    /* a possessor's details are a list ("each user's details are private" lists none) */
    bool listed = whose;
    for (int q = j + 1; q < c->e && !listed; q++)
        listed = p->t[q].kind == T_COMMA || tokens_is_word(p, q, "and");
    if (!listed)
        return false;
    int k = p->mention[noun] >= 0 ? entities_from_mention(p, noun)
                                  : entities_from_unknown(p, noun, noun + 1, true);
    if (k < 0)
        return false;
    tokens_mark_used(p, i, j + 1);
    *pi = phrases_field_list(p, k, j + 1, c->e, false, false) - 1;
    return true;
}

/* One clause [s, e): the structural phrases, each read by the first reader it fits. */
void phrases_clause(struct plan *p, int s, int e)
{
    struct clause_ctx c = {.s = s, .e = e, .subj = -1};
    for (int i = s; i < e; i++) {
        if (p->t[i].kind != T_WORD) {
            heading_phrase(p, &c, &i);
            continue;
        }
        /* the words of "meal plans" are one noun: "plans" there is not a verb */
        if (p->mention[i] >= 0 && p->mention_end[i] > i + 1) {
            i = p->mention_end[i] - 1;
            continue;
        }
        if (collective_phrase(p, &c, &i) || belongs_phrase(p, &c, &i) || have_phrase(p, &c, &i) ||
            join_phrase(p, &c, &i) || list_verb_phrase(p, &c, &i) || with_phrase(p, &c, &i) ||
            whose_phrase(p, &c, &i))
            continue;
        preposition_phrase(p, &c, &i);
    }
}
