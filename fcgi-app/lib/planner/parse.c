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
    return strchr("nvapg", c) ? c : 0;
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

int parse_sentence(const char *const *words, int n, struct parse_result *out)
{
    memset(out, 0, sizeof(*out));
    if (n <= 0 || n > PARSE_MAX_WORDS)
        return -E2BIG;
    char text[PARSE_MAX_WORDS * 42];
    size_t starts[PARSE_MAX_WORDS], k = 0;
    for (int i = 0; i < n; i++) {
        size_t wl = strlen(words[i]);
        if (wl == 0 || k + wl + 2 > sizeof(text))
            return -E2BIG;
        starts[i] = k;
        memcpy(text + k, words[i], wl);
        k += wl;
        text[k++] = ' ';
    }
    text[k ? k - 1 : 0] = '\0';
    out->nwords = n;
    if (parse_init() < 0)
        return -ENOENT;
    pthread_mutex_lock(&lg_lock);
    int r = -ENOMEM;
    Parse_Options o = parse_options_create();
    Sentence s = o ? sentence_create(text, dict) : NULL;
    Linkage l = NULL;
    if (!s)
        goto done;
    parse_options_set_verbosity(o, 0);
    parse_options_set_max_parse_time(o, PARSE_SECONDS);
    parse_options_set_linkage_limit(o, PARSE_LINKAGES);
    parse_options_set_repeatable_rand(o, true);
    parse_options_set_spell_guess(o, 0);
    parse_options_set_islands_ok(o, false);
    if (sentence_split(s, o) < 0) {
        r = -ENODATA;
        goto done;
    }
    int found = run(s, o, 0);
    if (found <= 0 && !parse_options_resources_exhausted(o))
        found = run(s, o, PARSE_MAX_NULLS); /* a few words the grammar cannot place */
    if (parse_options_resources_exhausted(o)) {
        r = -ETIMEDOUT;
        goto done;
    }
    if (found <= 0) {
        r = -ENODATA;
        goto done;
    }
    l = linkage_create(0, s, o);
    if (!l) {
        r = -ENODATA;
        goto done;
    }
    size_t nw = linkage_get_num_words(l);
    int map[PARSE_MAX_WORDS * 2 + 4];
    for (size_t w = 0; w < sizeof(map) / sizeof(map[0]); w++)
        map[w] = -1;
    for (size_t w = 0; w < nw && w < sizeof(map) / sizeof(map[0]); w++) {
        const char *lw = linkage_get_word(l, w);
        /* walls and null words (the parse skipped them, "[in]") map to nothing */
        if (!lw || lw[0] == '[' || strcmp(lw, "LEFT-WALL") == 0 || strcmp(lw, "RIGHT-WALL") == 0)
            continue;
        int i = word_at(starts, n, linkage_get_word_byte_start(l, w));
        map[w] = i;
        if (i >= 0 && !out->pos[i])
            out->pos[i] = pos_of(lw);
    }
    for (size_t li = 0; li < linkage_get_num_links(l) && out->nlinks < PARSE_MAX_LINKS; li++) {
        size_t a = linkage_get_link_lword(l, li), b = linkage_get_link_rword(l, li);
        if (a >= nw || b >= nw || a >= sizeof(map) / sizeof(map[0]) ||
            b >= sizeof(map) / sizeof(map[0]) || map[a] < 0 || map[b] < 0 || map[a] == map[b])
            continue;
        struct parse_link *pl = &out->links[out->nlinks++];
        pl->l = (unsigned char)(map[a] < map[b] ? map[a] : map[b]);
        pl->r = (unsigned char)(map[a] < map[b] ? map[b] : map[a]);
        snprintf(pl->label, sizeof(pl->label), "%s", linkage_get_link_label(l, li));
    }
    r = 0;
done:
    if (l)
        linkage_delete(l);
    if (s)
        sentence_delete(s);
    if (o)
        parse_options_delete(o);
    pthread_mutex_unlock(&lg_lock);
    return r;
}
