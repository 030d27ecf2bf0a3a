/* Link Grammar front end of the offline planner (see parse.h). The dictionary is loaded
 * once (before the FastCGI master forks, via planner_init) and only read afterwards; a
 * mutex serialises parses because the library's per-dictionary caches are not promised to
 * be thread-safe. Errors go to a handler that drops them: library code never prints. */
#include "planner/parse.h"

#include <errno.h>
#include <link-grammar/link-includes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Link Grammar's own timer, per sentence: a guard against a pathological sentence only.
 * The planner bounds its parsing work by counting words (deterministic); a 32-word word
 * salad parses in ~150 ms, so this fires only on a machine stalled for seconds. */
#define PARSE_SECONDS   10
#define PARSE_LINKAGES  64 /* linkages ranked: the best one is used */
#define PARSE_MAX_NULLS 3  /* skipped words allowed; more cost seconds on word salad */

static pthread_mutex_t lg_lock = PTHREAD_MUTEX_INITIALIZER;
static Dictionary dict;
static bool tried;

static void quiet(lg_errinfo *e, void *data)
{
    (void)e;
    (void)data;
}

int parse_init(void)
{
    pthread_mutex_lock(&lg_lock);
    if (!tried) {
        tried = true;
        lg_error_set_handler(quiet, NULL);
        dict = dictionary_create_lang("en");
    }
    int r = dict ? 0 : -ENOENT;
    pthread_mutex_unlock(&lg_lock);
    return r;
}

/* "booked.v-d" → 'v', "dogs.n" and "fuel.s" → 'n', "houseplants[!<S-WORDS>].n" → 'n',
 * "people.p" and "their.p" → 'p' (the planner tells them apart), "the" → 0. */
static char pos_of(const char *w)
{
    const char *close = strrchr(w, ']');
    const char *dot = strrchr(close ? close : w, '.');
    if (!dot || dot == w || !dot[1])
        return 0;
    char c = dot[1];
    if (c == 's') /* a mass or singular-only noun: "fuel.s", "price.s" */
        return 'n';
    return strchr("nvapgu", c) ? c : 0; /* u: a unit ("grams.u", also "gauge.u") */
}

static int word_at(const size_t *starts, int n, size_t byte)
{
    for (int i = 0; i < n; i++)
        if (starts[i] == byte)
            return i;
    return -1;
}

static int run(Sentence s, Parse_Options o, int nulls)
{
    parse_options_set_min_null_count(o, nulls ? 1 : 0);
    parse_options_set_max_null_count(o, nulls);
    parse_options_reset_resources(o);
    return sentence_parse(s, o);
}

/* The words joined by single spaces, with each word's first byte in starts: 0 or -E2BIG */
static int join_words(const char *const *words, int n, char *text, size_t size, size_t *starts)
{
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        size_t wl = strlen(words[i]);
        if (wl == 0 || k + wl + 2 > size)
            return -E2BIG;
        starts[i] = k;
        memcpy(text + k, words[i], wl);
        k += wl;
        text[k++] = ' ';
    }
    text[k ? k - 1 : 0] = '\0';
    return 0;
}

static void set_options(Parse_Options o)
{
    parse_options_set_verbosity(o, 0);
    parse_options_set_max_parse_time(o, PARSE_SECONDS);
    parse_options_set_linkage_limit(o, PARSE_LINKAGES);
    parse_options_set_repeatable_rand(o, true);
    parse_options_set_spell_guess(o, 0);
    parse_options_set_islands_ok(o, false);
}

/* Parses s, first with every word placed, then letting a few words go: 0 when a linkage
 * was found, -ETIMEDOUT or -ENODATA */
static int parse_linkages(Sentence s, Parse_Options o)
{
    if (sentence_split(s, o) < 0)
        return -ENODATA;
    int found = run(s, o, 0);
    if (found <= 0 && !parse_options_resources_exhausted(o))
        found = run(s, o, PARSE_MAX_NULLS); /* a few words the grammar cannot place */
    if (parse_options_resources_exhausted(o))
        return -ETIMEDOUT;
    return found > 0 ? 0 : -ENODATA;
}

#define LINKAGE_WORDS (PARSE_MAX_WORDS * 2 + 4)

/* map[w]: the given word that linkage word w starts at, -1 for walls and null words (the
 * parse skipped them, "[in]"); fills each given word's part of speech. */
static void map_words(Linkage l, const size_t *starts, int n, int *map, struct parse_result *out)
{
    size_t nw = linkage_get_num_words(l);
    for (size_t w = 0; w < LINKAGE_WORDS; w++)
        map[w] = -1;
    for (size_t w = 0; w < nw && w < LINKAGE_WORDS; w++) {
        const char *lw = linkage_get_word(l, w);
        if (!lw || lw[0] == '[' || strcmp(lw, "LEFT-WALL") == 0 || strcmp(lw, "RIGHT-WALL") == 0)
            continue;
        int i = word_at(starts, n, linkage_get_word_byte_start(l, w));
        map[w] = i;
        if (i >= 0 && !out->pos[i])
            out->pos[i] = pos_of(lw);
    }
}

/* The linkage's links between two different given words */
static void read_links(Linkage l, const int *map, struct parse_result *out)
{
    size_t nw = linkage_get_num_words(l);
    for (size_t li = 0; li < linkage_get_num_links(l) && out->nlinks < PARSE_MAX_LINKS; li++) {
        size_t a = linkage_get_link_lword(l, li), b = linkage_get_link_rword(l, li);
        if (a >= nw || b >= nw || a >= LINKAGE_WORDS || b >= LINKAGE_WORDS || map[a] < 0 ||
            map[b] < 0 || map[a] == map[b])
            continue;
        struct parse_link *pl = &out->links[out->nlinks++];
        pl->l = (unsigned char)(map[a] < map[b] ? map[a] : map[b]);
        pl->r = (unsigned char)(map[a] < map[b] ? map[b] : map[a]);
        snprintf(pl->label, sizeof(pl->label), "%s", linkage_get_link_label(l, li));
    }
}

int parse_sentence(const char *const *words, int n, struct parse_result *out)
{
    memset(out, 0, sizeof(*out));
    if (n <= 0 || n > PARSE_MAX_WORDS)
        return -E2BIG;
    char text[PARSE_MAX_WORDS * 42];
    size_t starts[PARSE_MAX_WORDS];
    if (join_words(words, n, text, sizeof(text), starts) < 0)
        return -E2BIG;
    out->nwords = n;
    if (parse_init() < 0)
        return -ENOENT;
    pthread_mutex_lock(&lg_lock);
    int r = -ENOMEM;
    Parse_Options o = parse_options_create();
    Sentence s = o ? sentence_create(text, dict) : NULL;
    Linkage l = NULL;
    if (s) {
        set_options(o);
        r = parse_linkages(s, o);
    }
    if (r == 0 && !(l = linkage_create(0, s, o)))
        r = -ENODATA;
    if (l) {
        int map[LINKAGE_WORDS];
        map_words(l, starts, n, map, out);
        read_links(l, map, out);
        linkage_delete(l);
    }
    if (s)
        sentence_delete(s);
    if (o)
        parse_options_delete(o);
    pthread_mutex_unlock(&lg_lock);
    return r;
}
