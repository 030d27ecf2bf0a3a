/* WordNet front end of the offline planner (see lexicon.h): morphstr for lemmas, the
 * lexicographer file of the first senses for what a noun names, hypernyms for
 * collections. WordNet keeps static buffers and open streams, so one mutex guards it. */
#include "planner/lexicon.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wn.h>

static pthread_mutex_t wn_lock = PTHREAD_MUTEX_INITIALIZER;
static bool wn_open, wn_tried;
static pid_t wn_pid;

static int quiet(char *msg)
{
    (void)msg;
    return 0;
}

/* WordNet binary-searches its index files through stdio: every probe is an fseek that drops
 * the stream's buffer and a read system call, which was most of the time of a plan of new
 * words (perf: llseek, read). The noun and verb files the planner reads are mapped read-only
 * and WordNet's streams replaced by streams over the mappings: the same bytes, no system
 * calls, and pages the kernel shares between the processes that map them. Called with
 * wn_lock held after each (re)initialization; a file that cannot be mapped keeps its stream. */
struct mapping {
    void *addr;
    size_t len;
};
static struct mapping maps[4]; /* the index and data files of nouns and of verbs */

static FILE *mapped_stream(FILE *fp, struct mapping *m)
{
    struct stat st;
    if (!fp || fstat(fileno(fp), &st) != 0 || st.st_size <= 0)
        return fp;
    void *addr = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fileno(fp), 0);
    if (addr == MAP_FAILED)
        return fp;
    FILE *mem = fmemopen(addr, (size_t)st.st_size, "r");
    if (!mem) {
        munmap(addr, (size_t)st.st_size);
        return fp;
    }
    fclose(fp);
    *m = (struct mapping){addr, (size_t)st.st_size};
    return mem;
}

static void map_files(void)
{
    for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
        if (maps[i].addr) {
            munmap(maps[i].addr, maps[i].len); /* a parent's, after re_wninit closed them */
            maps[i] = (struct mapping){NULL, 0};
        }
    int parts[] = {NOUN, VERB};
    for (int i = 0; i < 2; i++) {
        indexfps[parts[i]] = mapped_stream(indexfps[parts[i]], &maps[2 * i]);
        datafps[parts[i]] = mapped_stream(datafps[parts[i]], &maps[2 * i + 1]);
    }
}

int lexicon_init(void)
{
    pthread_mutex_lock(&wn_lock);
    if (!wn_tried) {
        wn_tried = true;
        display_message = quiet; /* library code never prints */
        if (wninit() == 0) {
            wn_open = true;
            wn_pid = getpid();
            map_files();
        }
    }
    int r = wn_open ? 0 : -ENOENT;
    pthread_mutex_unlock(&wn_lock);
    return r;
}

/* Called with wn_lock held: a child of the process that opened the files opens its own. */
static bool wn_ready(void)
{
    if (!wn_open)
        return false;
    if (wn_pid != getpid()) {
        if (re_wninit() != 0) {
            wn_open = false;
            return false;
        }
        wn_pid = getpid();
        map_files();
    }
    return true;
}

static enum lex_kind kind_of_file(const char *lexfile, bool *person)
{
    static const char *const things[] = {
        "noun.person", "noun.animal",   "noun.artifact",   "noun.act",   "noun.communication",
        "noun.event",  "noun.location", "noun.possession", "noun.plant", "noun.food",
        "noun.object", "noun.body",     "noun.substance",  NULL};
    static const char *const fields[] = {"noun.attribute", "noun.quantity", "noun.time",
                                         "noun.state",     "noun.relation", "noun.shape",
                                         "noun.feeling",   "noun.motive",   NULL};
    *person = strcmp(lexfile, "noun.person") == 0;
    for (const char *const *s = things; *s; s++)
        if (strcmp(lexfile, *s) == 0)
            return LEX_THING;
    for (const char *const *s = fields; *s; s++)
        if (strcmp(lexfile, *s) == 0)
            return LEX_FIELD;
    if (strcmp(lexfile, "noun.group") == 0 || strcmp(lexfile, "noun.Tops") == 0)
        return LEX_GROUP;
    return LEX_UNKNOWN; /* cognition, process, phenomenon...: say nothing */
}

/* Does the first sense at `offset` have one of `words` among its first `depth` hypernyms? */
static bool has_hypernym(long offset, const char *lemma, const char *const *words, int depth)
{
    SynsetPtr s = read_synset(NOUN, offset, (char *)lemma);
    for (int d = 0; s && d < depth; d++) {
        long up = -1;
        for (int i = 0; i < s->ptrcount; i++)
            if (s->ptrtyp[i] == HYPERPTR) {
                up = s->ptroff[i];
                break;
            }
        free_synset(s);
        s = NULL;
        if (up < 0)
            break;
        s = read_synset(NOUN, up, "");
        if (!s)
            break;
        for (int w = 0; w < s->wcount; w++)
            for (const char *const *x = words; *x; x++)
                if (strcmp(s->words[w], *x) == 0) {
                    free_synset(s);
                    return true;
                }
    }
    if (s)
        free_synset(s);
    return false;
}

/* `word` as WordNet spells a look-up (lowercase, '_' between words) in w; false for an empty
 * or over-long word, or one with characters no lemma has. */
static bool noun_key(const char *word, char *w, size_t size)
{
    size_t n = strlen(word);
    if (n == 0 || n >= size)
        return false;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c && !(isalnum(c) || c == '_' || c == ' ' || c == '-'))
            return false;
        w[i] = c == ' ' ? '_' : (char)tolower(c);
    }
    return true;
}

/* The index entry of noun w, its lemma in out->lemma; NULL when WordNet has none. The caller
 * holds wn_lock and frees the entry. */
static IndexPtr noun_index(const char *w, struct lex_noun *out)
{
    const char *m = morphstr((char *)w, NOUN);
    snprintf(out->lemma, sizeof(out->lemma), "%s", m ? m : w);
    IndexPtr ix = index_lookup(out->lemma, NOUN);
    /* "species" is a noun of its own with more senses than "specie", the base form
     * morphstr finds first ("glasses" has fewer than "glass") */
    IndexPtr self = m && strcmp(m, w) != 0 ? index_lookup((char *)w, NOUN) : NULL;
    if (self && (!ix || self->off_cnt > ix->off_cnt)) {
        if (ix)
            free_index(ix);
        snprintf(out->lemma, sizeof(out->lemma), "%s", w);
        return self;
    }
    if (self)
        free_index(self);
    return ix;
}

/* Is synset s one place, person or work (an instance of a kind: "Cotswolds" of hill)? */
static bool instance_sense(SynsetPtr s)
{
    for (int i = 0; i < s->ptrcount; i++)
        if (s->ptrtyp[i] == INSTANCE)
            return true;
    return false;
}

/* Is noun w as written ("Cotswolds", not the sheep "cotswold" morphstr finds) a proper
 * name: an entry of its own of at most three senses, each an instance? The caller holds
 * wn_lock. */
static bool proper_name(const char *w)
{
    IndexPtr own = index_lookup((char *)w, NOUN);
    bool proper = own && own->off_cnt <= 3;
    for (int i = 0; proper && i < own->off_cnt; i++) {
        SynsetPtr s = read_synset(NOUN, (long)own->offset[i], own->wd);
        proper = s && instance_sense(s);
        if (s)
            free_synset(s);
    }
    if (own)
        free_index(own);
    return proper;
}

/* What the first sense says (a person, a unit, a record) and the kind the most frequent
 * senses vote for, the first counting most: 3, 2, 1. The caller holds wn_lock. */
static void sense_votes(IndexPtr ix, struct lex_noun *out)
{
    int votes[4] = {0};
    enum lex_kind first = LEX_UNKNOWN;
    for (int i = 0; i < ix->off_cnt && i < 3; i++) {
        SynsetPtr s = read_synset(NOUN, (long)ix->offset[i], out->lemma);
        if (!s)
            continue;
        bool person = false;
        enum lex_kind k = kind_of_file(lexfiles[s->fnum], &person);
        if (i == 0) {
            out->person = person;
            out->unit = strcmp(lexfiles[s->fnum], "noun.quantity") == 0;
            out->happening = strcmp(lexfiles[s->fnum], "noun.act") == 0 ||
                             strcmp(lexfiles[s->fnum], "noun.event") == 0;
            out->record = out->happening || strcmp(lexfiles[s->fnum], "noun.communication") == 0;
            first = k;
        }
        votes[k] += 3 - i;
        free_synset(s);
    }
    int best = LEX_UNKNOWN;
    for (int k = LEX_THING; k <= LEX_GROUP; k++)
        if (votes[k] > votes[best])
            best = k;
    /* a group first ("company", "business") stays a group whatever follows */
    out->kind = first == LEX_GROUP ? LEX_GROUP : (enum lex_kind)best;
}

/* What the first sense's hypernyms make it: a collection, an occasion, a maker. The caller
 * holds wn_lock. */
static void hypernym_facts(IndexPtr ix, struct lex_noun *out)
{
    long first = (long)ix->offset[0];
    out->collection = has_hypernym(
        first, out->lemma, (const char *const[]){"list", "collection", "compilation", NULL}, 4);
    /* "race" (a contest), "regatta" (a meet): a social event rows take part in; only acts
     * and events are (no walk up the hypernyms of every other noun) */
    out->occasion = out->record && has_hypernym(first, out->lemma,
                                                (const char *const[]){"social_event", NULL}, 4);
    /* only people walk up to a maker's trade */
    out->maker =
        out->person &&
        has_hypernym(first, out->lemma, (const char *const[]){"craftsman", "creator", NULL}, 3);
}

static bool noun_lookup(const char *word, struct lex_noun *out)
{
    memset(out, 0, sizeof(*out));
    char w[sizeof(out->lemma)];
    if (!noun_key(word, w, sizeof(w)))
        return false;
    bool found = false;
    pthread_mutex_lock(&wn_lock);
    if (wn_ready()) {
        IndexPtr ix = noun_index(w, out);
        if (ix && ix->off_cnt > 0) {
            sense_votes(ix, out);
            hypernym_facts(ix, out);
            out->proper = proper_name(w);
            found = true;
        }
        if (ix)
            free_index(ix);
    }
    pthread_mutex_unlock(&wn_lock);
    return found;
}

/* Does a noun sense of `word` have an antonym whose synset holds `other` ("end": beginning,
 * start, ...)? The caller holds wn_lock. */
static bool antonym_holds(const char *word, const char *other)
{
    IndexPtr ix = index_lookup((char *)word, NOUN);
    bool found = false;
    for (int i = 0; ix && i < ix->off_cnt && !found; i++) {
        SynsetPtr s = read_synset(NOUN, (long)ix->offset[i], (char *)word);
        for (int q = 0; s && q < s->ptrcount && !found; q++) {
            if (s->ptrtyp[q] != ANTPTR || s->ppos[q] != NOUN)
                continue;
            SynsetPtr a = read_synset(NOUN, s->ptroff[q], "");
            for (int w = 0; a && w < a->wcount && !found; w++)
                found = strcmp(a->words[w], other) == 0;
            if (a)
                free_synset(a);
        }
        if (s)
            free_synset(s);
    }
    if (ix)
        free_index(ix);
    return found;
}

/* "enter" → "entr"y, "hinder" → "hindr"ance: a noun of a verb ending in "-er" may drop that
 * "e" (the stem then differs from the verb's first letters). */
static bool drops_er_vowel(const char *noun, const char *verb)
{
    size_t vl = strlen(verb);
    if (vl < 4 || strcmp(verb + vl - 2, "er") != 0)
        return false;
    return strncmp(noun, verb, vl - 2) == 0 && noun[vl - 2] == 'r';
}

/* How well a derived noun names the act of a verb: the verb itself ("review") or a noun
 * of act by suffix ("reservation", "treatment", "rental", "attendance", "delivery") 2, a gerund
 * ("cleaning") 1, anything else ("gift" from "give") 0. */
static int act_rank(const char *noun, const char *verb)
{
    size_t vl = strlen(verb), nl = strlen(noun);
    size_t stem = vl > 4 ? 4 : vl - 1; /* "apply" → "appl"ication, "reserve" → "rese"rvation */
    if (strchr(noun, '_') || nl < 3 ||
        (strncmp(noun, verb, stem) != 0 && !drops_er_vowel(noun, verb)))
        return 0;
    if (strcmp(noun, verb) == 0)
        return 2;
    static const char *const suffixes[] = {"tion", "sion", "ment", "al", "ance",
                                           "ence", "ure",  "ry",   NULL};
    for (const char *const *x = suffixes; *x; x++) {
        size_t xl = strlen(*x);
        if (nl > xl && strcmp(noun + nl - xl, *x) == 0)
            return 2;
    }
    return nl > 3 && strcmp(noun + nl - 3, "ing") == 0 ? 1 : 0;
}

/* Called with wn_lock held: the best noun of act derived from sense `sense` of verb lemma. */
static int act_of_sense(const char *lemma, long offset, int sense, char *out, size_t size)
{
    SynsetPtr s = read_synset(VERB, offset, (char *)lemma);
    if (!s)
        return 0;
    int wi = 0, best = 0;
    for (int w = 0; w < s->wcount; w++)
        if (strcmp(s->words[w], lemma) == 0)
            wi = w + 1;
    for (int i = 0; i < s->ptrcount; i++) {
        if (s->ptrtyp[i] != DERIVATION || s->ppos[i] != NOUN || s->pfrm[i] != wi)
            continue;
        SynsetPtr n = read_synset(NOUN, s->ptroff[i], "");
        if (!n)
            continue;
        const char *noun = s->pto[i] >= 1 && s->pto[i] <= n->wcount ? n->words[s->pto[i] - 1] : "";
        int r = strcmp(lexfiles[n->fnum], "noun.act") == 0 ? act_rank(noun, lemma) : 0;
        /* a gerund only from the verb's first sense: "teaching" is no record of a class */
        if (r == 1 && sense > 0)
            r = 0;
        /* of two nouns of act of one sense the shorter is the usual one: "entry", not
         * "entrance"; "delivery", not "deliverance" */
        if (r > best || (r > 0 && r == best && strlen(noun) < strlen(out))) {
            best = r;
            snprintf(out, size, "%s", noun);
        }
        free_synset(n);
    }
    free_synset(s);
    return best;
}

/* verb in lower case into w (VERB_MAX bytes): false for an empty or too long word, or one
 * with anything but letters (no WordNet look-up can match it). */
#define VERB_MAX 48
static bool lower_verb(const char *verb, char w[VERB_MAX])
{
    size_t n = strlen(verb);
    if (n == 0 || n >= VERB_MAX)
        return false;
    for (size_t i = 0; i <= n; i++) {
        if (verb[i] && !isalpha((unsigned char)verb[i]) && verb[i] != '_')
            return false; /* '_' joins a phrasal verb ("sign_up") */
        w[i] = (char)tolower((unsigned char)verb[i]);
    }
    return true;
}

/* What WordNet answers of a verb, given its lemma and its index entry (NULL when WordNet
 * has no sense of it), with wn_lock held. */
typedef bool verb_answer(const char *lemma, bool inflected, IndexPtr ix, char *out, size_t size);

/* Looks verb up (any inflection) and lets `answer` read the entry. */
static bool verb_lookup(const char *verb, verb_answer *answer, char *out, size_t size)
{
    char w[VERB_MAX];
    out[0] = '\0';
    if (size == 0 || !lower_verb(verb, w))
        return false;
    bool found = false;
    pthread_mutex_lock(&wn_lock);
    if (wn_ready()) {
        const char *m = morphstr(w, VERB);
        char lemma[48];
        snprintf(lemma, sizeof(lemma), "%s", m ? m : w);
        IndexPtr ix = index_lookup(lemma, VERB);
        found = answer(lemma, m != NULL, ix, out, size);
        if (ix)
            free_index(ix);
    }
    pthread_mutex_unlock(&wn_lock);
    return found;
}

/* The best noun of act of the first three senses. */
static bool act_answer(const char *lemma, bool inflected, IndexPtr ix, char *out, size_t size)
{
    (void)inflected;
    int best = 0;
    for (int i = 0; ix && i < ix->off_cnt && i < 3 && best < 2; i++) {
        char cand[48];
        int r = act_of_sense(lemma, (long)ix->offset[i], i, cand, sizeof(cand));
        if (r > best) {
            best = r;
            snprintf(out, size, "%s", cand);
        }
    }
    return best > 0;
}

/* The base form, when morphstr found one. */
static bool lemma_answer(const char *lemma, bool inflected, IndexPtr ix, char *out, size_t size)
{
    (void)ix;
    if (inflected)
        snprintf(out, size, "%s", lemma);
    return inflected;
}

/* The lexicographer file of the first sense ("verb.stative" for "live"). */
static bool class_answer(const char *lemma, bool inflected, IndexPtr ix, char *out, size_t size)
{
    (void)inflected;
    SynsetPtr sp = ix && ix->off_cnt > 0 ? read_synset(VERB, ix->offset[0], (char *)lemma) : NULL;
    bool found = sp && lexfiles[sp->fnum];
    if (found)
        snprintf(out, size, "%s", lexfiles[sp->fnum]);
    if (sp)
        free_synset(sp);
    return found;
}

/* Any sense in verb.creation: "yes" (a creation verb's first sense may be another's: "throw"
 * is first to propel, and twelfth to make on a potter's wheel). */
static bool creates_answer(const char *lemma, bool inflected, IndexPtr ix, char *out, size_t size)
{
    (void)inflected;
    bool found = false;
    for (int i = 0; ix && i < ix->off_cnt && !found; i++) {
        SynsetPtr sp = read_synset(VERB, ix->offset[i], (char *)lemma);
        found = sp && lexfiles[sp->fnum] && strcmp(lexfiles[sp->fnum], "verb.creation") == 0;
        if (sp)
            free_synset(sp);
    }
    if (found)
        snprintf(out, size, "yes");
    return found;
}

/* How often WordNet's tagged corpus uses the first sense of w (any inflection) as part of
 * speech pos, with wn_lock held; 0 when it has no such sense. */
static int first_sense_uses(const char *w, int pos)
{
    char word[VERB_MAX];
    snprintf(word, sizeof(word), "%s", w);
    const char *m = morphstr(word, pos);
    IndexPtr ix = index_lookup((char *)(m ? m : word), pos);
    int n = ix && ix->off_cnt > 0 ? GetTagcnt(ix, 1) : 0;
    if (ix)
        free_index(ix);
    return n;
}

/* A question to WordNet about lowercase word w, asked with wn_lock held and the database
 * open; true with *out filled when it has an answer. */
typedef bool wn_question(const char *w, char *out, size_t size);

/* Asks `question` of word (lowercased; letters and '_' only, else no answer). */
static bool ask_wordnet(const char *word, wn_question *question, char *out, size_t size)
{
    char w[VERB_MAX];
    if (size < 2 || !lower_verb(word, w))
        return false;
    pthread_mutex_lock(&wn_lock);
    bool found = wn_ready() && question(w, out, size);
    pthread_mutex_unlock(&wn_lock);
    return found;
}

/* Any sense of noun w (any inflection) in noun.quantity: "y" ("knots": the fifth sense is
 * the nautical mile). */
static bool measure_question(const char *w, char *out, size_t size)
{
    struct lex_noun ln = {0};
    char *lemma = ln.lemma;
    IndexPtr ix = noun_index(w, &ln);
    bool found = false;
    for (int i = 0; ix && i < ix->off_cnt && !found; i++) {
        SynsetPtr sp = read_synset(NOUN, ix->offset[i], lemma);
        found = sp && lexfiles[sp->fnum] && strcmp(lexfiles[sp->fnum], "noun.quantity") == 0;
        if (sp)
            free_synset(sp);
    }
    if (ix)
        free_index(ix);
    if (found)
        snprintf(out, size, "y");
    return found;
}

/* Is the noun sense at `offset`, or one of its first `depth` hypernyms, a synset that holds one
 * of `words`? */
static bool sense_is_a(long offset, const char *lemma, const char *const *words, int depth)
{
    SynsetPtr s = read_synset(NOUN, offset, (char *)lemma);
    bool found = false;
    for (int w = 0; s && w < s->wcount && !found; w++)
        for (const char *const *x = words; *x && !found; x++)
            found = strcmp(s->words[w], *x) == 0;
    if (s)
        free_synset(s);
    return found || has_hypernym(offset, lemma, words, depth);
}

/* What amount sense `sense` (0 first) of a noun names: 't' a unit or period of time (the first
 * sense only: "day", "year"; a "term" is first a word), 'm' a sum of money (a cost, money or a
 * sum: "fee", "budget", "total"), 'q' a measure (a dimension, an extent, a physical property, a
 * ratio, a distance, an angle, a fundamental quantity, or a first sense WordNet files under
 * quantities: "depth", "weight", "speed", "mileage", "latitude", "volume"; of the first two
 * senses only, so that a word's rarer senses do not make it a number, and a time only as its
 * first sense: a "tempo" is first a musical time), 0 none. */
static char amount_of_sense(const char *lemma, long offset, int sense)
{
    static const char *const time_units[] = {"time_unit", "time_period", NULL};
    static const char *const money[] = {"cost", "money", "sum", NULL};
    static const char *const rates[] = {"magnitude_relation", NULL};
    static const char *const measures[] = {
        "dimension", "extent", "fundamental_quantity", "physical_property",
        "distance",  "angle",  "magnitude_relation",   NULL};
    SynsetPtr s = read_synset(NOUN, offset, (char *)lemma);
    if (!s)
        return 0;
    const char *file = lexfiles[s->fnum] ? lexfiles[s->fnum] : "";
    free_synset(s);
    if (strcmp(file, "noun.time") == 0) { /* a speed is first a rate, a season no measure */
        if (sense == 0 && has_hypernym(offset, lemma, time_units, 1))
            return 't';
        return sense == 0 && sense_is_a(offset, lemma, rates, 8) ? 'q' : 0;
    }
    if (sense_is_a(offset, lemma, money, 8))
        return 'm';
    if (sense == 0 && strcmp(file, "noun.quantity") == 0)
        return 'q';
    /* "property, attribute, dimension" is also a concept (a character's): a measure is filed
     * under attributes, quantities, relations or places (a latitude) */
    bool measurable = strcmp(file, "noun.attribute") == 0 || strcmp(file, "noun.quantity") == 0 ||
                      strcmp(file, "noun.relation") == 0 || strcmp(file, "noun.location") == 0;
    return sense < 2 && measurable && sense_is_a(offset, lemma, measures, 8) ? 'q' : 0;
}

/* The amount the first of the noun's four most frequent senses that names one names ("price"
 * is first a worth, then a cost: money; "mileage" first a distance, third an allowance). */
static bool amount_question(const char *w, char *out, size_t size)
{
    struct lex_noun ln = {0};
    char *lemma = ln.lemma;
    IndexPtr ix = noun_index(w, &ln);
    char kind = 0;
    for (int i = 0; ix && i < ix->off_cnt && i < 4 && !kind; i++)
        kind = amount_of_sense(lemma, (long)ix->offset[i], i);
    if (ix)
        free_index(ix);
    if (kind)
        snprintf(out, size, "%c", kind);
    return kind != 0;
}

/* 'n', 'v' or 'a': the part of speech of the word's most used first sense (ties: the noun,
 * then the verb). */
static bool usual_pos_question(const char *w, char *out, size_t size)
{
    int n = first_sense_uses(w, NOUN), v = first_sense_uses(w, VERB), a = first_sense_uses(w, ADJ);
    snprintf(out, size, "%c", a > n && a > v ? 'a' : v > n ? 'v' : 'n');
    return true;
}

/* Answers already looked up. A look-up reads WordNet's files (mapped, see map_files, but
 * still a binary search and a parse of each sense); the database never changes, so a word's
 * answer is kept for the process, before or after a fork alike. When the slots a key may
 * take are all used, it takes one of them in turn (a worker keeps caching the words of the
 * prompts it plans now, not only of its first few hundred); only the time depends on it. */
#define CACHE_SLOTS  2048
#define CACHE_PROBES 16

struct cached {
    char key[50]; /* kind letter, ':', word; "" when free */
    bool found;
    struct lex_noun noun; /* 'n' */
    char text[48];        /* 'a' (act), 'l' (verb lemma) */
};

static struct cached cache[CACHE_SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned cache_hash(const char *key)
{
    unsigned h = 2166136261u;
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 16777619u;
    return h;
}

/* Copies the answer for key into *out and returns true when it is kept. */
static bool cache_get(const char *key, struct cached *out)
{
    bool hit = false;
    unsigned h = cache_hash(key);
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < CACHE_PROBES && !hit; i++) {
        const struct cached *c = &cache[(h + (unsigned)i) % CACHE_SLOTS];
        if (!c->key[0])
            break;
        if (strcmp(c->key, key) == 0) {
            *out = *c;
            hit = true;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return hit;
}

static void cache_put(const char *key, const struct cached *val)
{
    static unsigned evict; /* the probe a full run of slots gives up next */
    unsigned h = cache_hash(key);
    pthread_mutex_lock(&cache_lock);
    struct cached *c = NULL;
    for (int i = 0; i < CACHE_PROBES && !c; i++) {
        struct cached *s = &cache[(h + (unsigned)i) % CACHE_SLOTS];
        if (!s->key[0] || strcmp(s->key, key) == 0)
            c = s;
    }
    if (!c) /* never emptied, so the probe chains of the other keys stay whole */
        c = &cache[(h + evict++ % CACHE_PROBES) % CACHE_SLOTS];
    *c = *val;
    snprintf(c->key, sizeof(c->key), "%s", key);
    pthread_mutex_unlock(&cache_lock);
}

/* The cache key of a look-up, false when the word is too long to keep. */
static bool cache_key(char kind, const char *word, char *key, size_t size)
{
    int n = snprintf(key, size, "%c:%s", kind, word);
    return n > 0 && (size_t)n < size;
}

bool lexicon_noun(const char *word, struct lex_noun *out)
{
    /* opened before the first answer, whoever asks first (the phrase rules do, before the
     * parser's pass), so that no answer depends on the order of the questions */
    bool open = lexicon_init() == 0;
    char key[50];
    struct cached c;
    bool keep = cache_key('n', word, key, sizeof(key));
    if (keep && cache_get(key, &c)) {
        *out = c.noun;
        return c.found;
    }
    memset(&c, 0, sizeof(c));
    c.found = noun_lookup(word, &c.noun);
    if (keep && open)
        cache_put(key, &c);
    *out = c.noun;
    return c.found;
}

/* A verb's act, class, creation sense or lemma (kind 'a', 'c', 'm' or 'l': verb_lookup), a
 * word's usual part of speech ('p'), a noun's sense of measure ('q') or the amount it names
 * ('t'), through the cache. */
static bool text_cached(char kind, const char *verb, char *out, size_t size)
{
    bool open = lexicon_init() == 0;
    char key[50];
    struct cached c;
    bool keep = cache_key(kind, verb, key, sizeof(key));
    if (!(keep && cache_get(key, &c))) {
        memset(&c, 0, sizeof(c));
        verb_answer *answer = kind == 'a'   ? act_answer
                              : kind == 'c' ? class_answer
                              : kind == 'm' ? creates_answer
                                            : lemma_answer;
        c.found = kind == 'p'   ? ask_wordnet(verb, usual_pos_question, c.text, sizeof(c.text))
                  : kind == 'q' ? ask_wordnet(verb, measure_question, c.text, sizeof(c.text))
                  : kind == 't' ? ask_wordnet(verb, amount_question, c.text, sizeof(c.text))
                                : verb_lookup(verb, answer, c.text, sizeof(c.text));
        if (keep && open)
            cache_put(key, &c);
    }
    if (size > 0)
        snprintf(out, size, "%s", c.found ? c.text : "");
    return c.found;
}

bool lexicon_act_of_verb(const char *verb, char *out, size_t size)
{
    return text_cached('a', verb, out, size);
}

bool lexicon_verb_class(const char *verb, char *out, size_t size)
{
    return text_cached('c', verb, out, size);
}

bool lexicon_verb_creates(const char *verb)
{
    char yes[8];
    return text_cached('m', verb, yes, sizeof(yes));
}

bool lexicon_verb_lemma(const char *verb, char *out, size_t size)
{
    return text_cached('l', verb, out, size);
}

char lexicon_usual_pos(const char *word)
{
    char pos[2];
    return text_cached('p', word, pos, sizeof(pos)) ? pos[0] : 'n';
}

bool lexicon_noun_measures(const char *word)
{
    char yes[2];
    return text_cached('q', word, yes, sizeof(yes));
}

enum lex_amount lexicon_noun_amount(const char *word)
{
    char kind[2];
    if (!text_cached('t', word, kind, sizeof(kind)))
        return LEX_AMOUNT_NONE;
    return kind[0] == 'm'   ? LEX_AMOUNT_MONEY
           : kind[0] == 't' ? LEX_AMOUNT_TIME
                            : LEX_AMOUNT_MEASURE;
}

bool lexicon_nouns_opposed(const char *a, const char *b)
{
    bool open = lexicon_init() == 0;
    char key[50];
    struct cached c;
    bool keep = cache_key('o', a, key, sizeof(key)) && strlen(key) + strlen(b) + 2 < sizeof(key);
    if (keep) {
        size_t n = strlen(key);
        snprintf(key + n, sizeof(key) - n, "|%s", b);
    }
    if (keep && cache_get(key, &c))
        return c.found;
    memset(&c, 0, sizeof(c));
    pthread_mutex_lock(&wn_lock);
    c.found = wn_ready() && strlen(a) < 48 && strlen(b) < 48 &&
              (antonym_holds(a, b) || antonym_holds(b, a));
    pthread_mutex_unlock(&wn_lock);
    if (keep && open)
        cache_put(key, &c);
    return c.found;
}
