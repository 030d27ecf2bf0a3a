/* Inflection: irregular words first, then the usual suffix rules. Deterministic and
 * table-driven, so the planner and review always agree on a name. */
#include "spec/inflect.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int put(char *out, size_t size, const char *s, size_t n)
{
    if (n + 1 > size) {
        if (size)
            out[0] = '\0';
        return -ENAMETOOLONG;
    }
    memmove(out, s, n);
    out[n] = '\0';
    return 0;
}

int inflect_snake(const char *in, char *out, size_t size)
{
    char tmp[512];
    size_t n = 0;
    bool pending_sep = false;
    for (size_t i = 0; in[i]; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c >= 0x80)
            continue;
        if (isalnum(c)) {
            bool upper = isupper(c);
            /* camelCase boundary: lower/digit followed by upper, or "HTTPServer" → http_server */
            if (upper && n > 0 && i > 0) {
                unsigned char prev = (unsigned char)in[i - 1];
                unsigned char next = (unsigned char)in[i + 1];
                if (islower(prev) || isdigit(prev) || (isupper(prev) && islower(next)))
                    pending_sep = true;
            }
            if (pending_sep && n > 0) {
                if (n + 1 >= sizeof(tmp))
                    return put(out, size, "", size + 1);
                tmp[n++] = '_';
            }
            pending_sep = false;
            if (n + 1 >= sizeof(tmp))
                return put(out, size, "", size + 1);
            tmp[n++] = (char)tolower(c);
        } else {
            pending_sep = true;
        }
    }
    return put(out, size, tmp, n);
}

int inflect_pascal(const char *in, char *out, size_t size)
{
    char snake[512];
    int r = inflect_snake(in, snake, sizeof(snake));
    if (r < 0)
        return put(out, size, "", size + 1);
    char tmp[512];
    size_t n = 0;
    bool up = true;
    for (size_t i = 0; snake[i]; i++) {
        if (snake[i] == '_') {
            up = true;
            continue;
        }
        tmp[n++] = up ? (char)toupper((unsigned char)snake[i]) : snake[i];
        up = false;
    }
    return put(out, size, tmp, n);
}

struct word_pair {
    const char *singular;
    const char *plural;
};

static const struct word_pair irregular[] = {
    {"person", "people"},
    {"man", "men"},
    {"woman", "women"},
    {"child", "children"},
    {"tooth", "teeth"},
    {"foot", "feet"},
    {"mouse", "mice"},
    {"goose", "geese"},
    {"ox", "oxen"},
    {"leaf", "leaves"},
    {"life", "lives"},
    {"knife", "knives"},
    {"wife", "wives"},
    {"half", "halves"},
    {"shelf", "shelves"},
    {"wolf", "wolves"},
    {"thief", "thieves"},
    {"loaf", "loaves"},
    {"calf", "calves"},
    {"hoof", "hooves"},
    {"scarf", "scarves"},
    {"sheaf", "sheaves"},
    {"wharf", "wharves"},
    {"analysis", "analyses"},
    {"axis", "axes"},
    {"crisis", "crises"},
    {"thesis", "theses"},
    {"criterion", "criteria"},
    {"phenomenon", "phenomena"},
    {"datum", "data"},
    {"medium", "media"},
    {"index", "indexes"},
    {"matrix", "matrices"},
    {"vertex", "vertices"},
    {"quiz", "quizzes"},
    {"bus", "buses"},
    {"hero", "heroes"},
    {"potato", "potatoes"},
    {"tomato", "tomatoes"},
    {"echo", "echoes"},
    {"veto", "vetoes"},
    {"cactus", "cacti"},
    {"focus", "foci"},
    {"syllabus", "syllabi"},
    {"alumnus", "alumni"},
    {"status", "statuses"},
    {"campus", "campuses"},
    {"virus", "viruses"},
    {"census", "censuses"},
    {"bonus", "bonuses"},
    {"address", "addresses"},
    {"move", "moves"},
    {"cookie", "cookies"},
    {"movie", "movies"},
    {"die", "dice"},
    {"database", "databases"},
    {"cache", "caches"},
};

/* Words whose plural and singular are the same. */
static const char *const uncountable[] = {
    "sheep",     "fish",        "deer",  "series",    "species",  "news",
    "equipment", "information", "rice",  "money",     "feedback", "software",
    "hardware",  "metadata",    "staff", "inventory", "aircraft", "luggage",
    "baggage",   "furniture",   "music", "traffic",   "research",
};

/* Splits off the last snake_case word: returns its offset in s. */
static size_t last_word(const char *s)
{
    const char *u = strrchr(s, '_');
    return u ? (size_t)(u - s) + 1 : 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_vowel(char c)
{
    return strchr("aeiou", c) != NULL;
}

/* Re-joins prefix (kept as is) and a new last word, preserving a capital first letter. */
static int join(const char *in, size_t at, const char *word, char *out, size_t size)
{
    char tmp[512];
    size_t wl = strlen(word);
    if (at + wl + 1 > sizeof(tmp))
        return put(out, size, "", size + 1);
    memcpy(tmp, in, at);
    memcpy(tmp + at, word, wl);
    if (isupper((unsigned char)in[at]))
        tmp[at] = (char)toupper((unsigned char)tmp[at]);
    return put(out, size, tmp, at + wl);
}

static void lower_copy(const char *s, char *d, size_t size)
{
    size_t i = 0;
    for (; s[i] && i + 1 < size; i++)
        d[i] = (char)tolower((unsigned char)s[i]);
    d[i] = '\0';
}

static bool is_uncountable(const char *w)
{
    for (size_t i = 0; i < sizeof(uncountable) / sizeof(uncountable[0]); i++)
        if (strcmp(w, uncountable[i]) == 0 || ends_with(w, uncountable[i]))
            return true;
    return false;
}

int inflect_plural(const char *in, char *out, size_t size)
{
    size_t at = last_word(in);
    char w[256], p[300];
    lower_copy(in + at, w, sizeof(w));
    size_t n = strlen(w);
    if (n == 0 || is_uncountable(w))
        return put(out, size, in, strlen(in));
    for (size_t i = 0; i < sizeof(irregular) / sizeof(irregular[0]); i++) {
        if (strcmp(w, irregular[i].singular) == 0)
            return join(in, at, irregular[i].plural, out, size);
        if (strcmp(w, irregular[i].plural) == 0)
            return put(out, size, in, strlen(in)); /* already plural */
    }
    if (n > 1 && w[n - 1] == 'y' && !is_vowel(w[n - 2]))
        snprintf(p, sizeof(p), "%.*sies", (int)(n - 1), w);
    else if (ends_with(w, "s") || ends_with(w, "x") || ends_with(w, "z") || ends_with(w, "ch") ||
             ends_with(w, "sh"))
        snprintf(p, sizeof(p), "%ses", w);
    else
        snprintf(p, sizeof(p), "%ss", w);
    return join(in, at, p, out, size);
}

/* Singular nouns ending in "us"; any other "-us" word is the plural of a "-u" word
 * ("menus", "gurus", "haikus"). */
static const char *const singular_us[] = {
    "abacus",  "apparatus",  "bonus",     "bus",          "cactus", "campus",
    "census",  "chorus",     "circus",    "consensus",    "corpus", "exodus",
    "focus",   "fungus",     "genus",     "hippopotamus", "locus",  "lotus",
    "minus",   "nexus",      "nucleus",   "octopus",      "onus",   "opus",
    "plus",    "prospectus", "radius",    "sinus",        "status", "stimulus",
    "surplus", "syllabus",   "thesaurus", "virus",        "walrus", "us",
};

static bool is_singular_us(const char *w)
{
    for (size_t i = 0; i < sizeof(singular_us) / sizeof(singular_us[0]); i++)
        if (strcmp(w, singular_us[i]) == 0 ||
            (ends_with(w, singular_us[i]) && strlen(singular_us[i]) > 3))
            return true;
    return false;
}

int inflect_singular(const char *in, char *out, size_t size)
{
    size_t at = last_word(in);
    char w[256], s[300];
    lower_copy(in + at, w, sizeof(w));
    size_t n = strlen(w);
    if (n == 0 || is_uncountable(w))
        return put(out, size, in, strlen(in));
    for (size_t i = 0; i < sizeof(irregular) / sizeof(irregular[0]); i++) {
        if (strcmp(w, irregular[i].plural) == 0)
            return join(in, at, irregular[i].singular, out, size);
        if (strcmp(w, irregular[i].singular) == 0)
            return put(out, size, in, strlen(in)); /* already singular */
    }
    if (n > 3 && ends_with(w, "ies"))
        snprintf(s, sizeof(s), "%.*sy", (int)(n - 3), w);
    else if (n > 4 && (ends_with(w, "sses") || ends_with(w, "shes") || ends_with(w, "ches") ||
                       ends_with(w, "xes") || ends_with(w, "zes")))
        snprintf(s, sizeof(s), "%.*s", (int)(n - 2), w);
    else if (n > 3 && ends_with(w, "ses") && !ends_with(w, "uses"))
        snprintf(s, sizeof(s), "%.*s", (int)(n - 1), w); /* "courses" → "course" */
    else if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's' &&
             !(ends_with(w, "us") && is_singular_us(w)) && !ends_with(w, "is"))
        snprintf(s, sizeof(s), "%.*s", (int)(n - 1), w);
    else
        snprintf(s, sizeof(s), "%s", w);
    return join(in, at, s, out, size);
}
