/* CMU Link Grammar, as the offline planner reads it: one sentence given as words in, the
 * part of speech of each word and the links between words out (subjects "S", objects "O",
 * prepositions "MV"/"M"/"J", passives "Pv", noun compounds "AN", determiners "D"...).
 * planner.c decides what the links mean; this file only parses, with a time limit. */
#pragma once
#include <stddef.h>

#define PARSE_MAX_WORDS                                                                           \
    32 /* longer sentences are left to the phrase rules (the prompt                               \
          sets' longest is 20; word salad of 48 took seconds) */
#define PARSE_MAX_LINKS 160

struct parse_link {
    unsigned char l, r; /* indexes into the words given, l < r */
    char label[8];      /* "Ss", "Op", "MVp", "Js", "AN"... (truncated) */
};

struct parse_result {
    int nwords;
    char pos[PARSE_MAX_WORDS]; /* per word: 'n' noun, 'v' verb, 'a' adjective, 'p' (the
                                  dictionary's .p: plural nouns and possessive
                                  pronouns), 'g' gerund, 0 none or unknown */
    int nlinks;
    struct parse_link links[PARSE_MAX_LINKS];
};

/* Loads the English dictionary once per process (idempotent, thread-safe): 0, or -ENOENT
 * when it is missing (every parse then answers -ENOENT). */
int parse_init(void);

/* Parses words[0..n) (lowercase ASCII words and punctuation, no spaces inside) as one
 * sentence. 0 with *out filled from the best linkage; -E2BIG for more than PARSE_MAX_WORDS
 * words, -ENOENT without a dictionary, -ETIMEDOUT when the parser ran out of time, -ENODATA
 * when no linkage was found, -ENOMEM. Deterministic: the same words give the same links. */
int parse_sentence(const char *const *words, int n, struct parse_result *out);
