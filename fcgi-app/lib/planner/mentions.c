/* Vocabulary mentions: where the prompt names an entity of the vocabulary (vocab.c),
 * by name, synonym or compound; the rules and the parser start from these. */
#include "planner/plan.h"

#include <pthread.h>
#include <string.h>

/* Words that are verbs or grammar as often as nouns: a vocabulary match needs a plural
 * form or a determiner in front ("an order", "orders", but not "in order to"). */
static const char *const ambiguous[] = {
    "like",        "follow",       "order",   "book",    "store",       "shop",         "bill",
    "visit",       "reply",        "log",     "answer",  "response",    "plan",         "post",
    "comment",     "review",       "message", "note",    "tag",         "vote",         "reaction",
    "delivery",    "package",      "lead",    "deal",    "ride",        "journey",      "purchase",
    "listing",     "house",        "issue",   "match",   "record",      "chat",         "thread",
    "application", "registration", "track",   "rental",  "check",       "shift",        "alert",
    "event",       "project",      "plan",    "reading", "measurement", "sensor",       "file",
    "doc",         "story",        "clip",    "show",    "grade",       "subscription", "booking",
    "reservation", "transaction",  "survey",  "team",    NULL};

/* Second words that do not make a compound: "task list" is not a kind of list. */
static const char *const ambiguous_heads[] = {"like",   "likes",   "follow", "follows",
                                              "track",  "tracks",  "log",    "logs",
                                              "record", "records", NULL};

/* Matches alias phrase `ph` (space-separated, singular) at token i; returns the number of
 * tokens matched or 0. Only the last word may be plural. */
static int match_phrase(const struct plan *p, int i, const char *ph, size_t phlen)
{
    int k = 0;
    size_t pos = 0;
    while (pos < phlen) {
        size_t e = pos;
        while (e < phlen && ph[e] != ' ' && ph[e] != '_')
            e++;
        int ti = i + k;
        if (ti >= p->nt || p->t[ti].kind != T_WORD)
            return 0;
        const struct tok *t = &p->t[ti];
        if (t->w[0] != ph[pos])
            return 0;
        bool last = e >= phlen;
        size_t wl = e - pos;
        bool eq = strlen(t->w) == wl && memcmp(t->w, ph + pos, wl) == 0;
        if (!eq && last)
            eq = strlen(t->s) == wl && memcmp(t->s, ph + pos, wl) == 0;
        if (!eq && !last) /* "hotel rooms" is not "hotel room" */
            return 0;
        if (!eq)
            return 0;
        k++;
        pos = e + 1;
    }
    return k;
}

/* Every vocabulary phrase (names and aliases), bucketed by first letter: built once, then
 * read-only, so each token costs a look at a few phrases instead of the whole table. */
struct phrase {
    const char *text;
    unsigned short len;
    unsigned short vocab;
    bool named; /* a synonym that names its entity (not the canonical name or a variant) */
};

#define MAX_PHRASES 1024

static struct phrase phrases[MAX_PHRASES];

static unsigned short bucket_start[27], bucket_len[27];

static pthread_once_t phrases_once = PTHREAD_ONCE_INIT;

static int bucket_of(char c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

static void phrases_build(void)
{
    static struct phrase all[MAX_PHRASES];
    size_t n = 0;
    for (size_t v = 0; v < vocab_n_entities && n < MAX_PHRASES; v++) {
        const struct vocab_entity *ve = &vocab_entities[v];
        all[n++] =
            (struct phrase){ve->name, (unsigned short)strlen(ve->name), (unsigned short)v, false};
        const char *a = ve->aliases;
        while (a && *a && n < MAX_PHRASES) {
            const char *bar = strchr(a, '|');
            size_t al = bar ? (size_t)(bar - a) : strlen(a);
            bool variant = *a == '=';
            if (al > (size_t)variant)
                all[n++] = (struct phrase){variant ? a + 1 : a, (unsigned short)(al - variant),
                                           (unsigned short)v, !variant};
            a = bar ? bar + 1 : NULL;
        }
    }
    /* a stable counting sort by bucket keeps the table's order inside each bucket */
    size_t k = 0;
    for (int b = 0; b < 27; b++) {
        bucket_start[b] = (unsigned short)k;
        for (size_t i = 0; i < n; i++)
            if (bucket_of(all[i].text[0]) == b)
                phrases[k++] = all[i];
        bucket_len[b] = (unsigned short)(k - bucket_start[b]);
    }
}

/* The longest vocabulary phrase at token i: returns the vocab index and sets *len, and
 * alias and alen to the synonym matched when it should name the entity ("clients" → Client
 * with the customer's fields); spelling variants ('=' in the table) keep the canonical name. */
static int vocab_at(const struct plan *p, int i, int *len, const char **alias, size_t *alen)
{
    int best = -1, best_len = 0;
    *alias = NULL;
    *alen = 0;
    pthread_once(&phrases_once, phrases_build);
    int b = bucket_of(p->t[i].w[0]);
    for (size_t k = bucket_start[b]; k < (size_t)bucket_start[b] + bucket_len[b]; k++) {
        const struct phrase *ph = &phrases[k];
        int n = match_phrase(p, i, ph->text, ph->len);
        if (n > best_len) {
            best = ph->vocab;
            best_len = n;
            *alias = ph->named ? ph->text : NULL;
            *alen = ph->named ? ph->len : 0;
        }
    }
    *len = best_len;
    return best;
}

/* "a visit day which is one of monday, ...": a singular word right before a singular noun
 * WordNet files under columns (attributes, quantities, times; not a plural: "visit days"
 * may be rows) modifies that column's name; it is not the thing itself. */
static bool column_head_after(const struct plan *p, int last)
{
    struct lex_noun ln;
    const struct tok *h = last + 1 < p->nt ? &p->t[last + 1] : NULL;
    return h && h->kind == T_WORD && !tokens_is_plural(&p->t[last]) && !tokens_is_plural(h) &&
           lexicon_noun(h->w, &ln) && ln.kind == LEX_FIELD && lexicon_usual_pos(h->w) == 'n';
}

/* "the lead visitor's name", "whether they were the lead climber": a singular word used
 * more as a verb or an adjective than as a noun, right before a noun whose first sense
 * WordNet files under people, says the person's role; it is not the thing itself ("team
 * captains" keeps the team, usually a noun; "a volunteer fixer" the volunteer, a person). */
static bool person_head_after(const struct plan *p, int last)
{
    struct lex_noun ln, mod;
    const struct tok *h = last + 1 < p->nt ? &p->t[last + 1] : NULL;
    bool person_mod = lexicon_noun(p->t[last].w, &mod) && mod.person;
    return h && h->kind == T_WORD && !tokens_is_plural(&p->t[last]) && !person_mod &&
           lexicon_usual_pos(p->t[last].w) != 'n' && lexicon_noun(h->w, &ln) && ln.person;
}

void mentions_find(struct plan *p)
{
    for (int i = 0; i < p->nt; i++) {
        p->mention[i] = -1;
        p->mention_end[i] = 0;
    }
    for (int i = 0; i < p->nt; i++) {
        if (p->t[i].kind != T_WORD)
            continue;
        int len;
        const char *alias;
        size_t alen;
        int v = vocab_at(p, i, &len, &alias, &alen);
        if (v < 0)
            continue;
        int last = i + len - 1;
        const struct tok *lt = &p->t[last];
        /* "check-in date", "order status": a field name, not the thing itself */
        if ((tokens_word_in(p, last + 1, words_field_heads) || column_head_after(p, last) ||
             person_head_after(p, last)) &&
            !p->t[last].poss)
            continue;
        if (len == 1 && words_in(lt->w, ambiguous) && !tokens_is_plural(lt) &&
            !tokens_word_in(p, i - 1, words_determiners))
            continue;
        /* "a capacity of up to 500 guests": a count, a column's value; "roles such as
         * driver or guard": an example, a value */
        if (len == 1 &&
            (entities_count_only(p, i) || entities_limited_column(p, i) || entities_example(p, i)))
            continue;
        /* "an inventory of chemicals", "a library of books": a container, not the thing */
        if (len == 1 && words_in(lt->w, words_collective) && tokens_is_word(p, i + 1, "of"))
            continue;
        /* an adjective in front of a plural verb form: "the user books a room" is rare
         * enough; "books" stays a noun */
        p->mention[i] = (short)v;
        p->mention_end[i] = (short)(i + len);
        p->malias[i] = alias;
        p->malen[i] = (unsigned char)(alen < 255 ? alen : 0);
        p->mcompound[i] = false;
        /* "meal plans", "purchase orders": a singular vocabulary word in front of another
         * names a kind of the second one */
        int len2;
        const char *alias2;
        size_t alen2;
        if (len == 1 && !tokens_is_plural(lt) && !lt->poss && i + 1 < p->nt &&
            p->t[i + 1].kind == T_WORD && !tokens_word_in(p, i + 1, words_field_heads)) {
            int v2 = vocab_at(p, i + 1, &len2, &alias2, &alen2);
            /* but "movie reviews", "hotel rooms": a thing of its own in front is the
             * parent, not a kind (only synonyms like "meal", "purchase" qualify) */
            if (v2 >= 0 && len2 == 1 && alias && v2 != v &&
                !tokens_word_in(p, i + 2, words_field_heads) &&
                !words_in(p->t[i + 1].w, ambiguous_heads)) {
                p->mention[i] = (short)v2;
                p->mention_end[i] = (short)(i + 2);
                p->mcompound[i] = true;
                len = 2;
            }
        }
        i += len - 1;
    }
}

/* Vocabulary mentions that no phrase used are still entities (the vocabulary is the
 * planner's most reliable knowledge), except fieldish words in the singular. */
void mentions_leftover(struct plan *p)
{
    for (int i = 0; i < p->nt; i++) {
        if (p->mention[i] < 0)
            continue;
        const struct vocab_entity *v = &vocab_entities[p->mention[i]];
        int end = p->mention_end[i];
        const struct tok *last = &p->t[end - 1];
        if (p->t[i].used && entities_by_vocab(p, v->name) < 0)
            continue; /* consumed as a field ("contacts with notes") */
        if ((v->flags & VOCAB_FIELDISH) && !tokens_is_plural(last))
            continue;
        /* "a blog backend with posts", "an API for a school: teachers, ...": a singular
         * word naming the product is its domain, not one of its tables, when the prompt
         * names other things */
        int after = end;
        while (after < end + 2 && tokens_word_in(p, after, words_stop_nouns) &&
               !tokens_word_in(p, after, words_app_nouns))
            after++;
        bool product =
            tokens_word_in(p, after, words_app_nouns) ||
            (i < 3 && after < p->nt && p->t[after].kind == T_COLON) ||
            (tokens_word_in(p, i - 1, words_articles) && tokens_is_word(p, i - 2, "for") &&
             tokens_word_in(p, i - 3, words_app_nouns));
        if (product && !tokens_is_plural(last) && p->ne > 0) {
            char from[SNIPPET_MAX + 8];
            tokens_snippet(p, i, end, from, sizeof(from));
            notes_add(p, p->understood, "\"%s\" names the product, not a table", from);
            tokens_mark_used(p, i, end);
            continue;
        }
        entities_from_mention(p, i);
    }
}
